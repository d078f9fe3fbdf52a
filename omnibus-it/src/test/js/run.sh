#!/usr/bin/env bash
# The JavaScript SDK smoke against the packaged server:
#   1. installs the pinned npm packages (package-lock.json) unless node_modules is already in step with it;
#   2. starts omnibus-server.jar in memory on 127.0.0.1 with random ports and waits for its ready line;
#   3. runs queue-smoke.mjs, topic-smoke.mjs and session-smoke.mjs with the connection string from that line: the
#      queue and topic smokes use the default configuration's queue.1 and topic.1 (subscription.1..3, whose rules the
#      topic smoke replaces with its own); the session smoke creates its session queue through the management API;
#   4. stops the server (by its PID) whatever happened, and exits with the first failing smoke's exit code.
#
# Build the jar first:  mvn -B -q -DskipTests -pl omnibus-server -am package
# Then:                 omnibus-it/src/test/js/run.sh            (from anywhere)
# Environment:          OMNIBUS_JAR (default: omnibus-server/target/omnibus-server.jar in this checkout),
#                       JAVA (default: java), READY_TIMEOUT seconds (default 60), SMOKE_TIMEOUT seconds for the
#                       whole smoke (default 300), QUEUE_NAME (default queue.1), TOPIC_NAME (default topic.1),
#                       SESSION_QUEUE_NAME (default js-session-smoke).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
jar="${OMNIBUS_JAR:-$root/omnibus-server/target/omnibus-server.jar}"
java_cmd="${JAVA:-java}"
ready_timeout="${READY_TIMEOUT:-60}"

command -v node >/dev/null || { echo "run.sh: node is not installed" >&2; exit 2; }
[[ -f "$jar" ]] || {
  echo "run.sh: $jar not found; build it: mvn -B -q -DskipTests -pl omnibus-server -am package" >&2
  exit 2
}

# npm ci when node_modules is missing or older than the lock file (npm writes its own copy of the lock there).
if [[ ! -f "$here/node_modules/.package-lock.json" || "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]]; then
  echo "== npm ci"
  (cd "$here" && npm ci --no-audit --no-fund)
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/omnibus-js-smoke.XXXXXX")"
server_pid=""
watchdog_pid=""
cleanup() {
  [[ -n "$watchdog_pid" ]] && kill "$watchdog_pid" 2>/dev/null || true
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    # A clean stop takes well under a second; SIGKILL after 10 s rather than hang CI.
    for _ in $(seq 1 100); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== starting $jar"
"$java_cmd" -jar "$jar" --in-memory --host 127.0.0.1 --amqp-port 0 --http-port 0 \
  >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
# If this script is killed outright (SIGKILL: no trap runs), a watchdog still stops the server.
script_pid=$$
( while kill -0 "$script_pid" 2>/dev/null; do sleep 1; done; kill -9 "$server_pid" 2>/dev/null ) </dev/null >/dev/null 2>&1 &
watchdog_pid=$!

# Wait for the ready line: the server prints exactly one line on stdout once it listens.
ready=""
deadline=$((SECONDS + ready_timeout))
while [[ -z "$ready" ]]; do
  ready="$(grep -m1 '^Omnibus ready:' "$work/server.out" || true)"
  [[ -n "$ready" ]] && break
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "run.sh: the server exited before it was ready:" >&2
    cat "$work/server.out" "$work/server.err" >&2
    exit 1
  fi
  if (( SECONDS >= deadline )); then
    echo "run.sh: no ready line within ${ready_timeout} s:" >&2
    cat "$work/server.out" "$work/server.err" >&2
    exit 1
  fi
  sleep 0.1
done
echo "$ready"
connection_string="${ready#*connection string: }"

status=0
smoke() {
  local script="$1"
  shift
  echo "== $script"
  local rc=0
  (cd "$here" && timeout "${SMOKE_TIMEOUT:-300}" node "$script" "$connection_string" "$@") || rc=$?
  if (( rc != 0 && status == 0 )); then
    status=$rc
  fi
}
smoke queue-smoke.mjs "${QUEUE_NAME:-queue.1}"
smoke topic-smoke.mjs "${TOPIC_NAME:-topic.1}" subscription.1 subscription.2 subscription.3
smoke session-smoke.mjs "${SESSION_QUEUE_NAME:-js-session-smoke}" --create-queue
if (( status != 0 )); then
  echo "== server log (stderr)" >&2
  cat "$work/server.err" >&2
fi
exit "$status"
