#!/usr/bin/env bash
# Benchmarks (not tests): the release build on loopback against a generated
# network (5,000 schools unless SCHOOLS is set), on SQLite and on PostgreSQL.
# wrk loads each page at 50 and 200 connections, each run followed by a run
# of a bare Leptos page (a copy of ../shared/baseline-leptos, built here and
# served beside it), and 100 editors autosave (scripts/autosave.lua).
# Lighthouse (npm's lighthouse 12.2.3 driving Debian's Chromium) takes the
# mobile figures of the main pages on SQLite. The results go to
# benchmarks/results.md (figures are medians of RUNS runs).
#
#   scripts/bench.sh                  # both backends, 5,000 schools, 3 runs of 5 s
#   SCHOOLS=1000 RUNS=1 BACKENDS=sqlite scripts/bench.sh
#   BENCH_SKIP_BUILD=1 scripts/bench.sh   # measure the site and binary already built
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
prune_target
use_scratch_tmp
ensure_rust_tools
ensure_node_packages
apt_install wrk postgresql curl chromium

if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  "$ROOT/scripts/build-site.sh"
  step "Building the server (release)"
  cargo build -p server --release
fi

step "The bare Leptos page to compare with"
BARE_SRC="$ROOT/../shared/baseline-leptos"
BARE_DIR="$HOME/.cache/equimark/baseline-leptos"
mkdir -p "$BARE_DIR"
cp -r "$BARE_SRC"/. "$BARE_DIR"/
(cd "$BARE_DIR" && CARGO_TARGET_DIR="$HOME/.cache/equimark/baseline-target" \
  cargo build --release --features ssr --bin mini)
BARE_PORT="${BARE_PORT:-3900}"
(cd "$BARE_DIR" && LEPTOS_SITE_ROOT=target/site LEPTOS_OUTPUT_NAME=mini LEPTOS_SITE_ADDR="127.0.0.1:$BARE_PORT" \
  exec "$HOME/.cache/equimark/baseline-target/release/mini" >/dev/null 2>&1) &
BARE_PID=$!
stop_bare() { kill "$BARE_PID" 2>/dev/null || true; }
on_exit stop_bare
export BARE_URL="http://127.0.0.1:$BARE_PORT/"
for _ in $(seq 50); do curl -sf "$BARE_URL" >/dev/null && break; sleep 0.2; done

step "Lighthouse 12.2.3 (npm), for Debian's Chromium"
LIGHTHOUSE_DIR="$HOME/.cache/equimark/lighthouse"
if [ ! -x "$LIGHTHOUSE_DIR/node_modules/.bin/lighthouse" ]; then
  npm i -E --prefix "$LIGHTHOUSE_DIR" --no-audit --no-fund --loglevel=error lighthouse@12.2.3
fi
export CHROME_PATH="$(command -v chromium)"

export EQUIMARK_BIN="$CARGO_TARGET_DIR/release/equimark"
export EQUIMARK_SITE_ROOT="$SITE"
OUT="$CARGO_TARGET_DIR/bench"
mkdir -p "$OUT" "$ROOT/benchmarks"
rm -f "$OUT"/*.json "$OUT"/*.txt

for backend in ${BACKENDS:-sqlite postgres}; do
  case "$backend" in
    sqlite)
      step "Pages and autosave on SQLite"
      (unset DATABASE_URL; LIGHTHOUSE="$LIGHTHOUSE_DIR/node_modules/.bin/lighthouse" \
        node scripts/bench.mjs run SQLite "$OUT/sqlite.json")
      ;;
    postgres)
      [ -n "${EQUIMARK_PG_URL:-}" ] || start_throwaway_postgres "${EQUIMARK_BENCH_PG_PORT:-55433}"
      psql "$EQUIMARK_PG_URL" -qc "DROP DATABASE IF EXISTS equimark_bench" -c "CREATE DATABASE equimark_bench"
      step "Pages and autosave on PostgreSQL"
      DATABASE_URL="${EQUIMARK_PG_URL%/*}/equimark_bench" node scripts/bench.mjs run PostgreSQL "$OUT/postgres.json"
      ;;
  esac
done

step "The browser bundle"
for f in "$SITE"/pkg/*_bg.wasm; do
  printf 'wasm bundle %s: %s bytes raw, %s gzip, %s brotli\n' "$(basename "$f")" \
    "$(stat -c %s "$f")" "$(stat -c %s "$f.gz")" "$(stat -c %s "$f.br")"
done | tee "$OUT/bundle.txt"

# SQLite first, then PostgreSQL, whichever were measured (ls would sort them).
measured=()
for f in "$OUT"/sqlite.json "$OUT"/postgres.json; do
  [ -f "$f" ] && measured+=("$f")
done
node scripts/bench.mjs report "$ROOT/benchmarks/results.md" "${measured[@]}" "$OUT"/bundle.txt >/dev/null
step "Written to benchmarks/results.md"
