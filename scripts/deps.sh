#!/usr/bin/env bash
# Installs what building, running and testing 伴走ノート needs, skipping what is
# already there: Debian/Ubuntu packages, npm packages, tauri-driver.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential pkg-config curl file        # compilers and tools for -sys crates
  libwebkit2gtk-4.1-dev                       # the Tauri 2 webview
  xvfb xauth webkit2gtk-driver                # headless window + WebKitWebDriver for e2e
  imagemagick poppler-utils python3           # screenshots, PDF read-back, test fixtures
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "==> システムパッケージを入れます: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
  elif command -v sudo >/dev/null 2>&1; then
    echo "    (管理者権限が必要です。sudo のパスワードを求められたら入力してください)"
    SUDO=(sudo)
  else
    echo "エラー: パッケージ ${missing[*]} が必要ですが、root でなく sudo もありません。" >&2
    echo "       管理者に apt-get install ${missing[*]} を依頼してください。" >&2
    exit 1
  fi
  "${SUDO[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq "${missing[@]}"
fi

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
