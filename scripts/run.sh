#!/usr/bin/env bash
# Command 1: set up what is missing, build, and serve Equimark on
# http://127.0.0.1:3000 with SQLite and the demo data.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
prune_target
ensure_rust_tools
ensure_node_packages
# The font PDF reports and certificates are set in (Latin and Chinese).
apt_install fonts-wqy-microhei
"$ROOT/scripts/build-site.sh"
step "Building the server (release)"
cargo build -p server --release
export EQUIMARK_SITE_ROOT="$SITE"
# The demo with a story for every journey, unless told otherwise.
export EQUIMARK_DEMO="${EQUIMARK_DEMO:-full}"
exec "$CARGO_TARGET_DIR/release/equimark" "$@"
