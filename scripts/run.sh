#!/usr/bin/env bash
# Builds and starts the window on the user's database (or --db PATH / BANSOU_DB).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
(cd ui && npm run build --silent)
exec cargo run --release -p bansou-app --bin bansou-note -- "$@"
