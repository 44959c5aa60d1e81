#!/usr/bin/env bash
# The window figures for docs/PERFORMANCE.md, measured from the outside on
# release builds in a private Xvfb display, for 伴走ノート and for an empty
# Tauri 2 window (tools/empty-tauri, same Tauri and settings) in the same run:
# - start-up: process start → the page's first interactive screen, which writes
#   BANSOU_READY_FILE through the shell (both apps do it the same way);
# - idle memory 3 s later: PSS and RSS summed over the process tree (the app,
#   WebKitWebProcess, WebKitNetworkProcess);
# then prints each ratio. Usage: scripts/bench-window.sh [APP] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET=${CARGO_TARGET_DIR:-$PWD/target}
app=${1:-$TARGET/release/bansou-note}
runs=${2:-5}
empty=$TARGET/release/empty-tauri

if [ ! -x "$app" ]; then
  echo "エラー: $app がありません（make deb か cargo build --release -p bansou-app で作ってください）" >&2
  exit 1
fi
if [ ! -x "$empty" ] || [ tools/empty-tauri/src/main.rs -nt "$empty" ]; then
  echo "==> 空の Tauri 2 ウィンドウを作ります（初回のみ）"
  cp Cargo.lock tools/empty-tauri/Cargo.lock
  (cd tools/empty-tauri && cargo build --release --quiet)
fi

source scripts/lib.sh
display=$(free_display 99)
Xvfb ":$display" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
export DISPLAY=":$display"
sleep 0.5

tree() { # the pid and all its descendants
  local p=$1
  echo "$p"
  for c in $(pgrep -P "$p" || true); do tree "$c"; done
}
sum_kb() { # field of smaps_rollup summed over the tree
  local field=$1 total=0 v
  for p in $(tree "$2"); do
    v=$(awk -v f="$field:" '$1 == f { print $2 }' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)
    total=$((total + ${v:-0}))
  done
  echo "$total"
}

# One run: prints "ms pss_kb rss_kb"
run_once() {
  local exe=$1 home ready start now pid ms
  home=$(mktemp -d)
  ready=$home/ready
  start=$(date +%s%N)
  if [ "$exe" = "$app" ]; then
    # A database already there (the demo), as a user opens it every morning.
    HOME=$home XDG_DATA_HOME=$home/.local/share BANSOU_READY_FILE=$ready "$exe" --db "$home/db.sqlite3" >/dev/null 2>&1 &
  else
    HOME=$home XDG_DATA_HOME=$home/.local/share BANSOU_READY_FILE=$ready "$exe" >/dev/null 2>&1 &
  fi
  pid=$!
  for _ in $(seq 1 3000); do
    [ -e "$ready" ] && break
    sleep 0.01
  done
  now=$(date +%s%N)
  [ -e "$ready" ] || { kill "$pid"; echo "エラー: $exe が 30 秒以内に準備できませんでした" >&2; exit 1; }
  ms=$(((now - start) / 1000000))
  sleep 3
  echo "$ms $(sum_kb Pss "$pid") $(sum_kb Rss "$pid")"
  for p in $(tree "$pid" | tac); do kill "$p" 2>/dev/null || true; done
  wait "$pid" 2>/dev/null || true
  rm -rf "$home"
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

measure() { # name exe → sets ${name}_ms ${name}_pss ${name}_rss (medians)
  local name=$1 exe=$2 out
  out=$(for _ in $(seq 1 "$runs"); do run_once "$exe"; done)
  printf -v "${name}_ms" '%s' "$(awk '{print $1}' <<<"$out" | median)"
  printf -v "${name}_pss" '%s' "$(awk '{print $2}' <<<"$out" | median)"
  printf -v "${name}_rss" '%s' "$(awk '{print $3}' <<<"$out" | median)"
}

# The app opens the demo database, prepared once by its own CLI.
seed=$(mktemp -d)
"${BANSOU_CLI:-$TARGET/release/bansou}" --db "$seed/db.sqlite3" demo >/dev/null
app_real=$app
app_wrapper=$seed/app.sh
cat >"$app_wrapper" <<WRAP
#!/usr/bin/env bash
cp "$seed/db.sqlite3" "\${HOME}/db.sqlite3" 2>/dev/null || true
exec "$app_real" "\$@"
WRAP
chmod +x "$app_wrapper"
app=$app_wrapper

measure empty "$empty"
measure bansou "$app"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
echo "起動（プロセス開始→最初の操作できる画面、中央値 ${runs} 回）：伴走ノート ${bansou_ms} ms／空のウィンドウ ${empty_ms} ms（比 $(ratio "$bansou_ms" "$empty_ms")）"
echo "待機中のメモリ PSS（プロセス全体の合計）：伴走ノート $(mb "$bansou_pss") MB／空のウィンドウ $(mb "$empty_pss") MB（比 $(ratio "$bansou_pss" "$empty_pss")）"
echo "待機中のメモリ RSS（合計）：伴走ノート $(mb "$bansou_rss") MB／空のウィンドウ $(mb "$empty_rss") MB（比 $(ratio "$bansou_rss" "$empty_rss")）"
deb=$(ls -t dist/linux/*.deb 2>/dev/null | head -1 || true)
if [ -n "$deb" ]; then
  echo ".deb：$(basename "$deb") $(awk -v b="$(stat -c %s "$deb")" 'BEGIN { printf "%.1f", b / 1048576 }') MB"
fi
rm -rf "$seed"
