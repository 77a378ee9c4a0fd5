#!/usr/bin/env bash
# One-command product demo: builds greenroom.vsix, installs it into a real VS Code (code-server)
# and serves it with examples/ open on http://127.0.0.1:${PORT:-8080}. Ctrl-C stops it.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${PORT:-8080}"
DEMO_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/greenroom-demo"
log() { echo "[run-product] $*" >&2; }

cd "$REPO"
[ -d node_modules ] || { log "npm ci"; npm ci --no-audit --no-fund; }
log "npm run package"
npm run package >&2

TOOLS_DIR="$(bash scripts/install-editor-tools.sh | tail -n 1)"
NODE24="$TOOLS_DIR/node24/node_modules/node/bin/node"
ENTRY="$TOOLS_DIR/code-server/node_modules/code-server/out/node/entry.js"

# Persistent user data and extensions, so the demo keeps its layout between runs.
mkdir -p "$DEMO_DIR/user-data/User" "$DEMO_DIR/extensions"
echo 'auth: none' > "$DEMO_DIR/config.yaml"
SETTINGS="$DEMO_DIR/user-data/User/settings.json"
[ -f "$SETTINGS" ] || cat > "$SETTINGS" <<'JSON'
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "chat.disableAIFeatures": true,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "extensions.ignoreRecommendations": true,
  "git.openRepositoryInParentFolders": "never"
}
JSON
COMMON=(--config "$DEMO_DIR/config.yaml" --user-data-dir "$DEMO_DIR/user-data" --extensions-dir "$DEMO_DIR/extensions")
log "installing greenroom.vsix"
"$NODE24" "$ENTRY" "${COMMON[@]}" --install-extension "$REPO/greenroom.vsix" --force >&2

EXAMPLES="$REPO/examples"
cat <<MSG

  Greenroom is starting in code-server. Open:

    http://127.0.0.1:$PORT/?folder=$EXAMPLES

  (Ctrl-C to stop)

MSG
# exec: code-server becomes this process, so Ctrl-C reaches it directly. The examples are our
# own files, so the workspace-trust prompt is skipped.
exec "$NODE24" "$ENTRY" "${COMMON[@]}" --auth none --bind-addr "127.0.0.1:$PORT" \
  --disable-telemetry --disable-update-check --disable-getting-started-override --disable-workspace-trust "$EXAMPLES"
