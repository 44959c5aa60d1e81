#!/usr/bin/env bash
# Every test: Rust unit and integration tests, the generated TypeScript types,
# the UI's type check and unit tests, and the WebDriver journeys.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh

echo "==> UI build"
(cd ui && npm run build --silent)

echo "==> cargo fmt and clippy"
cargo fmt --all -- --check || {
  echo "エラー: cargo fmt --all で整形してからコミットしてください。" >&2
  exit 1
}
cargo clippy --workspace --all-targets -- -D warnings

echo "==> PostgreSQL（共有サーバーの試験用：使い捨てのクラスター）"
pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/bansou-pg.XXXXXX")
trap 'scripts/pg-cluster.sh stop "$pg_dir"' EXIT
pg_url=$(scripts/pg-cluster.sh start "$pg_dir")

echo "==> cargo test"
# Only the Linux tests get the server (the Windows build's tests, under Wine, skip it).
BANSOU_TEST_PG=$pg_url BANSOU_TEST_PG_CA=$pg_dir/ca.pem BANSOU_TEST_PG_DIR=$pg_dir \
  BANSOU_REQUIRE_PG=1 cargo test --workspace

echo "==> TypeScript types and commands generated from Rust are committed and current"
if [ -e .git ]; then
  generated=(ui/src/lib/bindings ui/src/lib/commands.ts)
  stale=$(git status --porcelain -- "${generated[@]}")
  if [ -n "$stale" ]; then
    echo "$stale"
    echo "エラー: ${generated[*]} が Rust の型・コマンドと一致しません（変更または未登録のファイル）。cargo test で再生成してコミットしてください。" >&2
    exit 1
  fi
fi

echo "==> UI type check and unit tests"
(cd ui && npm run check --silent && npm test --silent)

echo "==> app binaries"
cargo build --workspace --bins

echo "==> WebDriver journeys"
BANSOU_TEST_PG=$pg_url BANSOU_REQUIRE_PG=1 scripts/e2e.sh
scripts/pg-cluster.sh stop "$pg_dir"

# Last, so that a Linux failure is reported first; BANSOU_SKIP_WINDOWS=1 skips it
# while working on something else (CI never sets it).
if [ "${BANSOU_SKIP_WINDOWS:-}" != 1 ]; then
  scripts/windows-test.sh
fi
