#!/usr/bin/env bash
# Runs the WebDriver journeys against the real debug app binary in a private
# Xvfb display, through tauri-driver and WebKitWebDriver.
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET=${CARGO_TARGET_DIR:-$PWD/target}
export BANSOU_APP=$TARGET/debug/bansou-note BANSOU_CLI=$TARGET/debug/bansou
export TAURI_DRIVER_PORT=${TAURI_DRIVER_PORT:-4444}
NATIVE_PORT=$((TAURI_DRIVER_PORT + 1))

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

# Exports go here instead of through the system save dialog, which WebDriver
# cannot drive (the shell's choose_export honours it).
BANSOU_TEST_SAVE_DIR=$(mktemp -d "${TMPDIR:-/tmp}/bansou-e2e-exports-XXXXXX")
export BANSOU_TEST_SAVE_DIR

# A display of our own, so tests neither need nor disturb a desktop.
display=99
while [ -e "/tmp/.X${display}-lock" ]; do display=$((display + 1)); done
Xvfb ":$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
pids+=($!)
export DISPLAY=":$display"

tauri-driver --port "$TAURI_DRIVER_PORT" --native-port "$NATIVE_PORT" >"${TMPDIR:-/tmp}/bansou-tauri-driver.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do
  curl -fs "http://127.0.0.1:$TAURI_DRIVER_PORT/status" >/dev/null 2>&1 && break
  sleep 0.2
done

mkdir -p artifacts
cd tests/e2e
node --test --test-concurrency=1 journeys/
