#!/usr/bin/env bash
# Workbook writers and readers that are not ours, for the Excel interop tests
# (tests/xlsx_interop.rs): LibreOffice Calc, headless, from Debian; and
# Python's openpyxl in a venv under ~/.cache/bansou/openpyxl (or
# $BANSOU_OPENPYXL_VENV). Installs only what is missing; scripts/deps.sh runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

apt_install --no-recommends libreoffice-calc python3-venv

venv=${BANSOU_OPENPYXL_VENV:-$HOME/.cache/bansou/openpyxl}
if ! "$venv/bin/python3" -c 'import openpyxl' >/dev/null 2>&1; then
  echo "==> openpyxl ($venv)"
  python3 -m venv "$venv"
  "$venv/bin/python3" -m pip install --quiet --disable-pip-version-check 'openpyxl>=3.1,<4'
fi
