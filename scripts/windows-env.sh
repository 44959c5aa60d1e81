#!/usr/bin/env bash
# Sourced by the Windows scripts: installs (once) what building for Windows and
# running the result under Wine needs — mingw, Wine, NSIS, the Rust target and,
# for Wine 8, a stand-in for bcryptprimitives.dll — and exports the settings.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

source scripts/lib.sh
WIN_TARGET=x86_64-pc-windows-gnu
apt_install --no-recommends gcc-mingw-w64-x86-64 wine wine64 nsis
rustup target list --installed | grep -qx "$WIN_TARGET" || rustup target add "$WIN_TARGET"

# One Wine prefix of our own outside the clone, made once (wineboot takes a
# while); never the user's own (~/.wine), where the installer test would meet
# their real data.
export WINEPREFIX=${BANSOU_WINEPREFIX:-/var/tmp/bansou-wine}
export WINEDEBUG=${WINEDEBUG:--all}
export WINEDLLOVERRIDES=${WINEDLLOVERRIDES:-"mscoree,mshtml="}
if [ ! -f "$WINEPREFIX/system.reg" ]; then
  echo "==> Wine の環境を作ります（$WINEPREFIX）"
  wineboot --init >/dev/null 2>&1 || true
  wineserver -w || true
fi
shim="$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
if [ ! -f "$shim" ] || [ scripts/windows/processprng.c -nt "$shim" ]; then
  x86_64-w64-mingw32-gcc -shared -O2 -o "$shim" \
    scripts/windows/processprng.c scripts/windows/processprng.def -ladvapi32
fi

export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=wine
