#!/usr/bin/env bash
# `make windows`: bansou-note.exe (the window), bansou.exe (the CLI) and a
# per-user installer 「伴走ノート-<version>-セットアップ.exe」 in dist/windows/,
# then the installer is tried under Wine (install silently, check the files,
# the Start menu entry and the 「アプリと機能」 key, uninstall, check the data stays).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/windows-env.sh
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
scripts/deps.sh
(cd ui && npm run build --silent)

version=$(sed -n 's/^version = "\(.*\)"/\1/p' src-tauri/Cargo.toml | head -1)
start=$SECONDS
cargo build --release --target "$WIN_TARGET" -p bansou-app --bin bansou-note
cargo build --release --target "$WIN_TARGET" -p bansou --bin bansou
echo "==> ビルド：$((SECONDS - start)) 秒"

out=$CARGO_TARGET_DIR/$WIN_TARGET/release
stage=dist/windows/stage
rm -rf "$stage" && mkdir -p "$stage/licenses"
for exe in bansou-note bansou; do
  x86_64-w64-mingw32-strip -o "$stage/$exe.exe" "$out/$exe.exe"
done
cp src-tauri/icons/icon.ico "$stage/"
cp assets/fonts/OFL.txt "$stage/licenses/BIZ-UDPGothic-OFL.txt"
cp assets/licenses/* "$stage/licenses/"
size_kb=$(du -sk "$stage" | cut -f1)
setup="dist/windows/伴走ノート-$version-セットアップ.exe"
makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$version" -DSTAGE="$PWD/$stage" \
  -DOUTFILE="$PWD/$setup" -DSIZE_KB="$size_kb" scripts/windows/installer.nsi

echo "==> インストーラーを Wine で試します（管理者権限なし・現在のユーザー）"
scripts/windows/try-installer.sh "$setup"

printf '\nインストーラー：%s（%s）\n' "$setup" "$(du -h "$setup" | cut -f1)"
printf 'bansou-note.exe：%s、bansou.exe：%s（strip 済み）\n' \
  "$(du -h "$stage/bansou-note.exe" | cut -f1)" "$(du -h "$stage/bansou.exe" | cut -f1)"
