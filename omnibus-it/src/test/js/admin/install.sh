#!/usr/bin/env bash
# Installs the admin tests' npm packages, pinned by package-lock.json, into DEST/node_modules with `npm ci`
# (DEST defaults to omnibus-it/target/js-admin, so `mvn clean` removes it). Does nothing when DEST already holds
# an install of this very lock file. Needs node/npm and the npm registry.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dest="${1:-$here/../../../../target/js-admin}"
mkdir -p "$dest"
dest="$(cd "$dest" && pwd)"

if cmp -s "$here/package-lock.json" "$dest/package-lock.json" \
    && [[ -f "$dest/node_modules/sb795/package.json" && -f "$dest/node_modules/sb710/package.json" ]]; then
  echo "js-admin: $dest is up to date"
  exit 0
fi
cp "$here/package.json" "$here/package-lock.json" "$dest/"
cd "$dest"
echo "js-admin: npm ci in $dest"
npm ci --no-audit --no-fund --loglevel=error
