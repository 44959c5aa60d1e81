#!/usr/bin/env bash
# `make deb-test`: installs the .deb on this machine (apt resolves its
# dependencies), starts the installed app under Xvfb with a fresh HOME, waits
# for its first screen (the window writes BANSOU_READY_FILE), takes a
# screenshot, checks the data folder it made, then removes the package and
# checks that nothing of the program is left while the user's data stays.
set -euo pipefail
[ $# -eq 0 ] || set -- "$(realpath "$1")"
cd "$(dirname "$0")/.."
deb=${1:-$(ls -t "$PWD"/dist/linux/*.deb 2>/dev/null | head -1 || true)}
[ -n "$deb" ] && [ -f "$deb" ] || { echo "エラー: .deb がありません。先に make deb を実行してください。" >&2; exit 1; }
SUDO=()
[ "$(id -u)" -eq 0 ] || SUDO=(sudo)
fail() { echo "エラー: $*" >&2; exit 1; }
package=$(dpkg-deb -f "$deb" Package)

echo "==> $(basename "$deb")（パッケージ名 $package）をインストールします"
DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq "$deb" >/dev/null
exe=/usr/bin/bansou-note
[ -x "$exe" ] || fail "$exe がありません"
desktop=$(dpkg -L "$package" | grep '\.desktop$' | head -1)
grep -q '^Name=伴走ノート$' "$desktop" || fail "デスクトップエントリの名前が「伴走ノート」ではありません（$desktop）"
grep -q '^Categories=Office;$' "$desktop" || fail "デスクトップエントリの分類が Office ではありません"
dpkg -L "$package" | grep -q 'licenses/BIZ-UDPGothic-OFL.txt' || fail "フォントのライセンスがありません"
dpkg -L "$package" | grep -q 'licenses/IPADIC-COPYING.txt' || fail "辞書のライセンスがありません"
echo "    $exe、$desktop、ライセンス：あり"

source scripts/lib.sh
display=$(free_display 99)
Xvfb ":$display" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
home=$(mktemp -d)
app=""
cleanup() {
  [ -z "$app" ] || kill "$app" 2>/dev/null || true
  kill "$xvfb" 2>/dev/null || true
}
trap cleanup EXIT
sleep 0.5
start=$(date +%s%N)
DISPLAY=":$display" HOME="$home" BANSOU_READY_FILE="$home/ready" "$exe" >"$home/app.log" 2>&1 &
app=$!
for _ in $(seq 1 3000); do [ -e "$home/ready" ] && break; sleep 0.01; done
[ -e "$home/ready" ] || fail "30 秒以内に最初の画面が出ませんでした：$(tail -5 "$home/app.log")"
echo "    最初の画面まで $((($(date +%s%N) - start) / 1000000)) ms（新しい HOME）"
sleep 1
mkdir -p artifacts
shot=artifacts/deb-first-screen.png
DISPLAY=":$display" import -window root "$shot"
colours=$(identify -format %k "$shot")
[ "$colours" -gt 16 ] || fail "スクリーンショットがほぼ無地です（$colours 色）"
echo "    スクリーンショット：$shot（$colours 色）"
data="$home/.local/share/bansou-note/bansou.sqlite3"
[ -f "$data" ] || fail "データベースが $data にできていません"
kill "$app" 2>/dev/null || true
wait "$app" 2>/dev/null || true
app=""

echo "==> アンインストールします"
DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get remove -y -qq "$package" >/dev/null
[ ! -e "$exe" ] || fail "アンインストール後も $exe が残っています"
[ ! -e "$desktop" ] || fail "アンインストール後もデスクトップエントリが残っています"
! dpkg -s "$package" 2>/dev/null | grep -q '^Status: install ok installed' || fail "パッケージが残っています"
[ -f "$data" ] || fail "アンインストールで利用者のデータが消えました"
echo "    プログラムは削除、利用者のデータ（~/.local/share/bansou-note）は残りました"
rm -rf "$home"
