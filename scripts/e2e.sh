#!/usr/bin/env bash
# Runs the WebDriver journeys against the real debug app binary in a private
# Xvfb display, through tauri-driver and WebKitWebDriver.
set -euo pipefail
cd "$(dirname "$0")/.."

# --repeat N runs the whole selection N times in a row and stops at the first
# failure: the way to show the journeys do not flake (e.g. --repeat 10).
repeat=1
if [ "${1:-}" = --repeat ]; then
  repeat=${2:?"--repeat の後に回数を指定してください（例：--repeat 10）"}
  [[ $repeat =~ ^[1-9][0-9]*$ ]] || { echo "エラー: --repeat には1以上の整数を指定してください（$repeat）" >&2; exit 2; }
  shift 2
fi
TARGET=${CARGO_TARGET_DIR:-$PWD/target}
export BANSOU_APP=${BANSOU_APP:-$TARGET/debug/bansou-note} BANSOU_CLI=$TARGET/debug/bansou
export TAURI_DRIVER_PORT=${TAURI_DRIVER_PORT:-4444}
NATIVE_PORT=$((TAURI_DRIVER_PORT + 1))

# Exports go here instead of through the system save dialog, which WebDriver
# cannot drive (the shell's choose_export honours it). The drivers start the
# app, so it must be set before they start.
BANSOU_TEST_SAVE_DIR=$(mktemp -d "${TMPDIR:-/tmp}/bansou-e2e-exports-XXXXXX")
export BANSOU_TEST_SAVE_DIR

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT


# Displays of our own, so tests neither need nor disturb a desktop: a full-HD
# one for the journeys, and a 1024×640 one (the smallest office notebook) to
# check that the window opens no larger than its screen.
source scripts/lib.sh
display=$(free_display 99)
Xvfb ":$display" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
pids+=($!)
small=$(free_display $((display + 1)))
Xvfb ":$small" -screen 0 1024x640x24 -nolisten tcp >/dev/null 2>&1 &
pids+=($!)
export DISPLAY=":$display"

# GTK refuses a display the X server has not opened yet (seen once as 「cannot
# open display」 in CI): each one answers before any app starts, or the run
# stops here saying which.
command -v xdpyinfo >/dev/null || {
  echo "エラー: xdpyinfo がありません（scripts/deps.sh で x11-utils を入れてください）。" >&2
  exit 1
}
for d in "$display" "$small"; do
  for _ in $(seq 1 100); do
    xdpyinfo -display ":$d" >/dev/null 2>&1 && continue 2
    sleep 0.1
  done
  echo "エラー: 仮想ディスプレイ :$d が開けません（Xvfb が起動しませんでした）。" >&2
  exit 1
done

export TAURI_SMALL_DRIVER_PORT=$((TAURI_DRIVER_PORT + 2))
# The harness reads the drivers' logs to tell a display that refused the app
# (GTK) from the app failing on its own (see openApp in harness.mjs).
export BANSOU_DRIVER_LOG="${TMPDIR:-/tmp}/bansou-tauri-driver.log"
export BANSOU_SMALL_DRIVER_LOG="${TMPDIR:-/tmp}/bansou-tauri-driver-small.log"
tauri-driver --port "$TAURI_DRIVER_PORT" --native-port "$NATIVE_PORT" >"$BANSOU_DRIVER_LOG" 2>&1 &
pids+=($!)
DISPLAY=":$small" tauri-driver --port "$TAURI_SMALL_DRIVER_PORT" --native-port $((TAURI_DRIVER_PORT + 3)) >"$BANSOU_SMALL_DRIVER_LOG" 2>&1 &
pids+=($!)
for port in "$TAURI_DRIVER_PORT" "$TAURI_SMALL_DRIVER_PORT"; do
  for _ in $(seq 1 50); do
    curl -fs "http://127.0.0.1:$port/status" >/dev/null 2>&1 && break
    sleep 0.2
  done
done

mkdir -p artifacts
cd tests/e2e
# Arguments pick journeys (e.g. journeys/meetings.test.mjs); none runs them all.
[ $# -gt 0 ] || set -- journeys/
for run in $(seq 1 "$repeat"); do
  [ "$repeat" -eq 1 ] || echo "==> WebDriver journeys: run $run/$repeat"
  # A run must not find the files of the one before (the app rightly refuses
  # to write over a database file a journey exported last time).
  find "$BANSOU_TEST_SAVE_DIR" -mindepth 1 -delete
  node --test --test-concurrency=1 "$@"
done
[ "$repeat" -eq 1 ] || echo "==> $repeat runs in a row, no failure"
