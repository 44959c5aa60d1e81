#!/usr/bin/env bash
# Installs what building, running and testing 伴走ノート needs, skipping what is
# already there: Debian/Ubuntu packages, npm packages, tauri-driver.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential pkg-config curl file        # compilers and tools for -sys crates
  libwebkit2gtk-4.1-dev                       # the Tauri 2 webview
  xvfb xauth x11-utils webkit2gtk-driver      # headless window (xdpyinfo checks it) + WebKitWebDriver for e2e
  imagemagick poppler-utils python3           # screenshots, PDF read-back, test fixtures
)

source scripts/lib.sh
apt_install "${APT_PACKAGES[@]}"

for tool in cargo node npm; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "エラー: $tool が見つかりません（Rust と Node.js 20 以降が必要です）。" >&2
    exit 1
  }
done

# clippy and rustfmt run in `make test`; rustup adds them when missing.
if command -v rustup >/dev/null 2>&1; then
  for component in clippy rustfmt; do
    rustup component list --installed 2>/dev/null | grep -q "^$component" ||
      rustup component add "$component"
  done
fi

# npm ci only when the lock file changed since the last install.
npm_install() {
  local dir=$1 stamp="$1/node_modules/.bansou-lock-sha"
  local sha
  sha=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$sha" ]; then
    echo "==> npm ci ($dir)"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$sha" >"$stamp"
  fi
}
npm_install dict          # IPADIC sources: build.rs compiles the tokenizer's dictionary
npm_install ui
npm_install tests/e2e

if ! command -v tauri-driver >/dev/null 2>&1; then
  echo "==> cargo install tauri-driver"
  cargo install tauri-driver --locked --version '^2'
fi

# LibreOffice Calc and openpyxl for the Excel interop tests.
scripts/xlsx-tools.sh
