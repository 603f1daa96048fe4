#!/usr/bin/env bash
# Command 2: every test. Formatting and clippy (warnings denied); unit,
# property, fuzz, snapshot and integration tests
# against SQLite and a throwaway PostgreSQL; then the browser journeys in
# Chromium against the release build, and the fault drills.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
prune_target
use_scratch_tmp
ensure_rust_tools
ensure_node_packages
apt_install chromium postgresql fonts-wqy-microhei

step "Formatting"
cargo fmt --all -- --check

step "Clippy (server side, warnings denied)"
cargo clippy -p app -p server -p migrations --features app/ssr --all-targets -- -D warnings
step "Clippy (browser side, warnings denied)"
cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

start_throwaway_postgres "${EQUIMARK_TEST_PG_PORT:-55432}"
export EQUIMARK_TEST_POSTGRES_URL="$EQUIMARK_PG_URL"

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

step "Fault drills against the release server (crash, two servers, outage, full disk)"
bash "$ROOT/scripts/drills.sh"
