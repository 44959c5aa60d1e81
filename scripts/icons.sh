#!/usr/bin/env bash
# Every icon the bundlers want (icon.ico for Windows, icon.icns for macOS, the
# PNG sizes for Linux and the Windows Store tiles) from the one source image,
# with Tauri's own `tauri icon` (npm @tauri-apps/cli). Run after changing
# assets/icon/bansou-note.png; the results are committed.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x ui/node_modules/.bin/tauri ] || (cd ui && npm ci --no-audit --no-fund --loglevel=error)
(cd ui && npx tauri icon ../assets/icon/bansou-note.png -o ../src-tauri/icons)
# Not targets of this app.
rm -rf src-tauri/icons/android src-tauri/icons/ios
ls src-tauri/icons
