#!/usr/bin/env bash
# Runs the WebDriver journeys against the real debug app binary in a private
# Xvfb display, through tauri-driver and WebKitWebDriver.
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET=${CARGO_TARGET_DIR:-$PWD/target}
export BANSOU_APP=${BANSOU_APP:-$TARGET/debug/bansou-note} BANSOU_CLI=$TARGET/debug/bansou
export TAURI_DRIVER_PORT=${TAURI_DRIVER_PORT:-4444}
NATIVE_PORT=$((TAURI_DRIVER_PORT + 1))

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

# Exports go here instead of through the system save dialog, which WebDriver
# cannot drive (the shell's choose_export honours it).
BANSOU_TEST_SAVE_DIR=$(mktemp -d "${TMPDIR:-/tmp}/bansou-e2e-exports-XXXXXX")
export BANSOU_TEST_SAVE_DIR

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
if [ $# -gt 0 ]; then node --test --test-concurrency=1 "$@"; else node --test --test-concurrency=1 journeys/; fi
