#!/usr/bin/env bash
# Installs the given setup.exe silently into the Wine prefix as a normal user,
# checks what a Windows user would see, runs the installed CLI, uninstalls, and
# checks that the user's data folder stays. Needs scripts/windows-env.sh's settings.
set -euo pipefail
setup=$1
: "${WINEPREFIX:?source scripts/windows-env.sh first}"
user=$(whoami)
programs="$WINEPREFIX/drive_c/users/$user/AppData/Local/Programs/伴走ノート"
menu="$WINEPREFIX/drive_c/users/$user/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/伴走ノート.lnk"
fail() { echo "エラー: $*" >&2; exit 1; }
# The uninstall entry's DisplayName as Wine stored it in user.reg (`wine reg
# query` prints Japanese as "?" on this console), empty when there is none.
display_name() {
  wineserver -w
  python3 - "$WINEPREFIX/user.reg" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
key = "[Software\\\\Microsoft\\\\Windows\\\\CurrentVersion\\\\Uninstall\\\\jp.bansou-note.app]"
start = text.find(key)
if start >= 0:
    section = text[start:].split("\n\n", 1)[0]
    m = re.search(r'^"DisplayName"="(.*)"$', section, re.M)
    if m:
        print(re.sub(r"\\x([0-9a-f]{1,4})", lambda x: chr(int(x.group(1), 16)), m.group(1)))
PY
}

data="$WINEPREFIX/drive_c/users/$user/AppData/Roaming/bansou-note/bansou.sqlite3"
[ ! -e "$data" ] || fail "$data が既にあります（この試験は自分専用の Wine 環境でだけ動かします）"
wine "$setup" /S
wineserver -w
for f in bansou-note.exe bansou.exe uninstall.exe icon.ico licenses/BIZ-UDPGothic-OFL.txt; do
  [ -f "$programs/$f" ] || fail "$f がインストールされていません（$programs）"
done
[ -f "$menu" ] || fail "スタートメニューに「伴走ノート」がありません"
[ "$(display_name)" = "伴走ノート" ] || fail "「アプリと機能」の登録がありません"
echo "    インストール先：$programs、スタートメニュー・アプリと機能：あり"

# The installed CLI, on the default database under %APPDATA%.
wine "$programs/bansou.exe" demo >/dev/null
[ -f "$data" ] || fail "データが %APPDATA%\\bansou-note にできていません"
grep -q 山口県理学療法士会 <<<"$(wine "$programs/bansou.exe" projects)" || fail "インストールした bansou.exe が動きません"

wine "$programs/uninstall.exe" /S
wineserver -w
sleep 2 # the uninstaller copies itself to %TEMP% and finishes from there
[ ! -e "$programs/bansou-note.exe" ] || fail "アンインストール後もプログラムが残っています"
[ ! -f "$menu" ] || fail "アンインストール後もスタートメニューに残っています"
[ -z "$(display_name)" ] || fail "アンインストール後も「アプリと機能」に残っています"
[ -f "$data" ] || fail "アンインストールでデータが消えました"
echo "    アンインストール：プログラム・スタートメニュー・登録を削除、データ（%APPDATA%\\bansou-note）は残りました"
rm -rf "$(dirname "$data")"
