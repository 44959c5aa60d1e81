#!/usr/bin/env bash
# The Windows part of `make test`: the library, its integration tests and the
# CLI built for x86_64-pc-windows-gnu and run under Wine (the CLI journey runs
# on Windows paths with spaces and Japanese names), and the window's exe, which
# must say in Japanese that WebView2 is missing (Wine has none) rather than exit
# silently. Prints how long each part took.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/windows-env.sh

t=$SECONDS
echo "==> Windows: cargo test --target $WIN_TARGET -p bansou（Wine で実行）"
cargo test --target "$WIN_TARGET" -p bansou
echo "    ライブラリ・結合テスト・CLI：$((SECONDS - t)) 秒（ビルドを含む）"

t=$SECONDS
echo "==> Windows: bansou-note.exe（画面）が WebView2 のない PC で何と言うか"
cargo build --target "$WIN_TARGET" -p bansou-app --bin bansou-note
exe=${CARGO_TARGET_DIR:-target}/$WIN_TARGET/debug/bansou-note.exe
rc=0
said=$(BANSOU_NO_DIALOG=1 timeout 120 wine "$exe" --db 'C:\users\Public\webview2-check.sqlite3' 2>&1 >/dev/null) || rc=$?
if [ "$rc" -ne 1 ] || ! grep -q "WebView2 ランタイムが必要" <<<"$said"; then
  echo "エラー: WebView2 がないとき、伴走ノートは日本語で知らせて終了コード 1 で終わるはずです（終了コード $rc）：$said" >&2
  exit 1
fi
echo "    日本語の案内を出して終了（コード 1）：$((SECONDS - t)) 秒（ビルドを含む）"
