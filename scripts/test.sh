#!/usr/bin/env bash
# Command 2: every test. Formatting and clippy (warnings denied); unit,
# property, snapshot and integration tests against SQLite and a throwaway
# PostgreSQL; then the browser journeys in Chromium against the release build.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
ensure_rust_tools
ensure_node_packages
apt_install chromium postgresql

step "Formatting"
cargo fmt --all -- --check

step "Clippy (server side, warnings denied)"
cargo clippy -p app -p server -p migrations --features app/ssr --all-targets -- -D warnings
step "Clippy (browser side, warnings denied)"
cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

step "Starting a throwaway PostgreSQL on 127.0.0.1"
PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
PGDIR="$(mktemp -d /tmp/equimark-pg.XXXXXX)"
PGPORT="${EQUIMARK_TEST_PG_PORT:-55432}"
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$PGDIR"
as_pg "$PGBIN/initdb" -D "$PGDIR/data" -A trust -U equimark -E UTF8 >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
stop_pg() { as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null 2>&1 || true; rm -rf "$PGDIR"; }
trap stop_pg EXIT
export EQUIMARK_TEST_POSTGRES_URL="postgres://equimark@127.0.0.1:$PGPORT/postgres"

step "Unit, property, snapshot and integration tests (SQLite and PostgreSQL)"
INSTA_UPDATE=no cargo test --no-fail-fast -p app -p server -p migrations --features app/ssr

step "Building the release app for the browser tests"
"$ROOT/scripts/build-site.sh"
cargo build -p server --release

step "Browser journeys (Playwright, Debian's Chromium, axe-core)"
export EQUIMARK_BIN="$CARGO_TARGET_DIR/release/equimark"
export EQUIMARK_SITE_ROOT="$SITE"
export CHROMIUM_PATH="$(command -v chromium)"
(cd end2end && npx playwright test)
