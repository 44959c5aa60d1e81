#!/usr/bin/env bash
# Every test: Rust unit and integration tests, the generated TypeScript types,
# the UI's type check and unit tests, and the WebDriver journeys.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh

echo "==> UI build"
(cd ui && npm run build --silent)

echo "==> cargo test"
cargo test --workspace

echo "==> TypeScript types generated from Rust are committed and current"
if [ -d .git ] && ! git diff --quiet -- ui/src/lib/bindings; then
  git --no-pager diff --stat -- ui/src/lib/bindings
  echo "エラー: ui/src/lib/bindings が Rust の型と一致しません。cargo test で再生成してコミットしてください。" >&2
  exit 1
fi

echo "==> UI type check and unit tests"
(cd ui && npm run check --silent && npm test --silent)

echo "==> app binaries"
cargo build --workspace --bins

echo "==> WebDriver journeys"
scripts/e2e.sh
