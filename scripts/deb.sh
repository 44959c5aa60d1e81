#!/usr/bin/env bash
# `make deb`: the Debian package, built by Tauri's bundler (npm @tauri-apps/cli)
# from a release build; prints where it landed and its size.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
(cd ui && npm run build --silent)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
(cd src-tauri && ../ui/node_modules/.bin/tauri build --bundles deb --ci)
deb=$(ls -t "$CARGO_TARGET_DIR"/release/bundle/deb/*.deb | head -1)
mkdir -p dist/linux
# Tauri's bundler compresses with gzip; the same files packed with xz (which
# dpkg has read since Debian 6 / Ubuntu 10.04) make the package about a fifth smaller.
work=$(mktemp -d)
dpkg-deb -R "$deb" "$work/pkg"
dpkg-deb --root-owner-group -Zxz -z9 --build "$work/pkg" "dist/linux/$(basename "$deb")" >/dev/null
rm -rf "$work"
echo "Tauri の .deb：$(du -h "$deb" | cut -f1)（gzip）→ xz で詰め直し"
deb=dist/linux/$(basename "$deb")
echo "パッケージ：$deb（$(du -h "$deb" | cut -f1)、$(stat -c %s "$deb") バイト）"
