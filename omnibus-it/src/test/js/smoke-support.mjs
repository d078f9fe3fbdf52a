// Helpers shared by queue-smoke.mjs, topic-smoke.mjs and session-smoke.mjs: receiving with patience, closing what was
// opened, checking ServiceBusError codes, and running named checks one after another (the first failure ends the run
// with exit code 1 and says which check failed and why; success prints one line per check).

import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { isServiceBusError } from "@azure/service-bus";

/** How long one check may take in all, and how long a check waits for a message it expects. */
export const CHECK_TIMEOUT_MS = 45_000;
export const PATIENCE_MS = 15_000;
/** Few, short retries: a failure should show in seconds, not after the SDK's default minutes. */
export const retryOptions = { maxRetries: 1, retryDelayInMs: 200, timeoutInMs: 10_000 };

/** The connection string from argv[2] or SERVICEBUS_CONNECTION_STRING; exits with usage when there is none. */
export function connectionStringFrom(argv, usage) {
  const connectionString = argv[2] ?? process.env.SERVICEBUS_CONNECTION_STRING;
  if (!connectionString) {
    console.error(`usage: ${usage}`);
    process.exit(2);
  }
  assert.match(connectionString, /UseDevelopmentEmulator=true/,
    "the connection string must say UseDevelopmentEmulator=true (lowercase), or the JS SDK speaks TLS");
  return connectionString;
}

/** Receives until `count` messages arrived or the patience ran out; returns what arrived. */
export async function receive(receiver, count, patienceMs = PATIENCE_MS) {
  const got = [];
  const deadline = Date.now() + patienceMs;
  while (got.length < count && Date.now() < deadline) {
    const wait = Math.max(1, Math.min(2_000, deadline - Date.now()));
    got.push(...(await receiver.receiveMessages(count - got.length, { maxWaitTimeInMs: wait })));
  }
  return got;
}

/** Receives exactly `count` messages (fails when fewer arrive within the patience). */
export async function receiveExactly(receiver, count, what) {
  const got = await receive(receiver, count);
  assert.equal(got.length, count, `expected ${count} ${what}, received ${got.length}`);
  return got;
}

/** Runs `fn` with a receiver (or a promise of one) that is closed whatever happens. */
export async function withReceiver(receiverOrPromise, fn) {
  const receiver = await receiverOrPromise;
  try {
    return await fn(receiver);
  } finally {
    await receiver.close();
  }
}

/** Expects `promise` to reject with a ServiceBusError of the given code (or one of the given codes). */
export async function assertServiceBusError(promise, codes) {
  const expected = Array.isArray(codes) ? codes : [codes];
  let caught;
  await assert.rejects(promise, (err) => {
    assert.ok(isServiceBusError(err), `expected a ServiceBusError ${expected}, got ${err?.name}: ${err?.message}`);
    assert.ok(expected.includes(err.code), `expected code ${expected}, got ${err.code}: ${err.message}`);
    caught = err;
    return true;
  });
  return caught;
}

/** A unique message id per check, so a leftover from an earlier check can never pass for this one's. */
export function ids(prefix, n) {
  const run = randomUUID().slice(0, 8);
  return Array.from({ length: n }, (_, i) => `${prefix}-${run}-${i}`);
}

/**
 * Streams messages with `receiver.subscribe()` (manual completion, one call at a time) until `count` arrived, then
 * closes the subscription. Returns the message ids seen, in order, and what processError reported.
 */
export async function streamAndComplete(receiver, count) {
  const seen = [];
  const errors = [];
  let done;
  const allSeen = new Promise((resolve) => { done = resolve; });
  const subscription = receiver.subscribe({
    processMessage: async (m) => {
      await receiver.completeMessage(m);
      seen.push(m.messageId);
      if (seen.length === count) {
        done();
      }
    },
    processError: async (args) => {
      errors.push(`${args.errorSource}: ${args.error.message}`);
    },
  }, { autoCompleteMessages: false, maxConcurrentCalls: 1 });
  try {
    await withTimeout(allSeen, PATIENCE_MS, `receiving ${count} streamed messages (seen ${seen.length})`);
  } finally {
    await subscription.close();
  }
  return { seen, errors };
}

export function withTimeout(promise, ms, name) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The error with its SDK code, and every inner error of an AggregateError (the SDK's retry wraps its attempts). */
export function describe(err, indent = "") {
  if (!(err instanceof Error)) {
    return indent + String(err);
  }
  const code = err.code ? ` [code ${err.code}]` : "";
  const frames = (err.stack ?? "").split("\n").filter((l) => /^\s+at /.test(l));
  const lines = [`${indent}${err.name}${code}: ${err.message}`, ...frames.map((f) => indent + f)];
  for (const inner of err.errors ?? []) {
    lines.push(describe(inner, indent + "  "));
  }
  if (err.cause) {
    lines.push(`${indent}caused by:`, describe(err.cause, indent + "  "));
  }
  return lines.join("\n");
}

/**
 * Runs the checks in order, then closes the client; prints `ok n - name` per check and a summary line
 * (`# all N checks passed ...` or `# FAILED`), and exits with 0 or 1.
 */
export async function run(checks, client, what, before = async () => {}) {
  let exitCode = 0;
  const started = Date.now();
  try {
    await before();
    for (const [i, { name, fn }] of checks.entries()) {
      const t0 = Date.now();
      try {
        await withTimeout(fn(), CHECK_TIMEOUT_MS, `check "${name}"`);
        console.log(`ok ${i + 1} - ${name} (${Date.now() - t0} ms)`);
      } catch (err) {
        console.error(`not ok ${i + 1} - ${name}`);
        console.error(describe(err));
        exitCode = 1;
        break;
      }
    }
  } catch (err) {
    console.error(`not ok - before the checks: ${describe(err)}`);
    exitCode = 1;
  } finally {
    await withTimeout(client.close(), 10_000, "closing the client").catch((err) => {
      console.error(`closing the client failed: ${err.message}`);
    });
  }
  console.log(exitCode === 0
    ? `# all ${checks.length} checks passed in ${Date.now() - started} ms (@azure/service-bus against ${what})`
    : "# FAILED");
  process.exit(exitCode);
}
