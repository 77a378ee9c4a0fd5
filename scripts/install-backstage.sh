#!/usr/bin/env bash
# Installs the real Backstage catalog backend (with Tech Insights and the auth plugin) the tests use
# as a remote registry (test/backstage/server: package.json, package-lock.json, index.js) into a
# cache folder outside the repo, keyed by the hash of the manifest and lockfile. Idempotent and fast
# when cached (index.js is refreshed every run, since it is not part of the key). Progress goes to
# stderr; the last stdout line is the install folder.
set -euo pipefail

log() { echo "[install-backstage] $*" >&2; }

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC="$REPO_ROOT/test/backstage/server"
for file in package.json package-lock.json index.js; do
  [ -f "$SRC/$file" ] || { log "missing $SRC/$file"; exit 1; }
done

KEY="$(cat "$SRC/package.json" "$SRC/package-lock.json" | sha256sum | cut -c1-12)"
CACHE_ROOT="${XDG_CACHE_HOME:-$HOME/.cache}/greenroom-tools"
DIR="$CACHE_ROOT/backstage-$KEY"
STAMP="$DIR/.complete"
NATIVE="$DIR/node_modules/better-sqlite3/build/Release/better_sqlite3.node"

refresh_entry() {
  cmp -s "$SRC/index.js" "$DIR/index.js" || cp "$SRC/index.js" "$DIR/index.js"
}

# The stamp records the Node ABI too: better-sqlite3 is compiled for the Node that ran npm ci.
ABI="$(node -p 'process.versions.modules')"
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "node-abi=$ABI" ] && [ -f "$NATIVE" ]; then
  refresh_entry
  log "cached: $DIR"
  echo "$DIR"
  exit 0
fi

log "installing the Backstage catalog backend into $DIR (a few minutes; better-sqlite3 compiles from source)"
mkdir -p "$CACHE_ROOT"
# Build in a sibling temp folder and move it into place, so an interrupted install never looks
# complete and two concurrent installs do not write into the same tree.
WORK="$(mktemp -d "$CACHE_ROOT/.backstage-$KEY.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
chmod 755 "$WORK"
cp "$SRC/package.json" "$SRC/package-lock.json" "$SRC/index.js" "$WORK/"
(cd "$WORK" && npm ci --no-audit --no-fund --loglevel=warn >&2)
[ -f "$WORK/node_modules/better-sqlite3/build/Release/better_sqlite3.node" ] || {
  log "better-sqlite3 did not build (no $WORK/node_modules/better-sqlite3/build/Release/better_sqlite3.node)"
  exit 1
}
# Check the pieces load before declaring the install good.
(cd "$WORK" && node -e "require('better-sqlite3'); require('@backstage/backend-defaults'); require('@backstage/plugin-catalog-backend'); require('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'); require('@backstage/plugin-mcp-actions-backend'); require('@backstage-community/plugin-tech-insights-backend'); require('@backstage-community/plugin-tech-insights-backend-module-jsonfc'); require('@backstage/plugin-auth-backend'); require('@backstage/plugin-auth-backend-module-guest-provider')" >&2)
echo "node-abi=$ABI" > "$WORK/.complete"

if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "node-abi=$ABI" ]; then
  # Another install finished first; keep its folder (a server may be running from it).
  refresh_entry
else
  rm -rf "$DIR"
  mv "$WORK" "$DIR"
  trap - EXIT
fi
log "done"
echo "$DIR"
