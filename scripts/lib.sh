# Shared by the scripts: paths, logging, and idempotent installers.
# Each installer checks first and does nothing when the tool is already there.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# One Cargo target directory outside the clone, so a fresh clone builds warm.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/equimark/target}"
export PATH="$HOME/.cargo/bin:$ROOT/end2end/node_modules/.bin:$PATH"
# Playwright drives Debian's Chromium; it must never download a browser.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
SITE="$ROOT/target/site"

step() { printf '\n==> %s\n' "$*"; }

# Commands run when the script exits, in the order they were added.
EXIT_HOOKS=()
on_exit() { EXIT_HOOKS+=("$1"); }
run_exit_hooks() { local h; for h in "${EXIT_HOOKS[@]}"; do "$h" || true; done; }
trap run_exit_hooks EXIT

use_scratch_tmp() {
  # Everything the tests and benchmarks leave in the temporary folder (SQLite
  # files, uploads, generated networks of 5,000 schools) goes into one folder
  # of this run's, removed on exit.
  SCRATCH="$(mktemp -d /tmp/equimark-run.XXXXXX)"
  export TMPDIR="$SCRATCH"
  on_exit remove_scratch_tmp
}
remove_scratch_tmp() { rm -rf "$SCRATCH"; }

prune_target() {
  # Each clone path and feature set leaves its own build of the workspace's
  # crates in the shared target directory. When the disk runs low (under
  # 20 GB free), keep only the newest build of each artifact.
  local free_kb deps hash
  mkdir -p "$CARGO_TARGET_DIR"
  free_kb="$(df -Pk "$CARGO_TARGET_DIR" | awk 'NR == 2 { print $4 }')"
  [ "${free_kb:-0}" -lt $((20 * 1024 * 1024)) ] || return 0
  step "Under 20 GB of disk left: removing older builds from $CARGO_TARGET_DIR"
  rm -rf "$CARGO_TARGET_DIR"/*/incremental "$CARGO_TARGET_DIR"/*/*/incremental
  for deps in "$CARGO_TARGET_DIR"/*/deps "$CARGO_TARGET_DIR"/*/*/deps; do
    [ -d "$deps" ] || continue
    # Files are NAME-HASH[.EXT], newest first; every HASH after a NAME's first is stale.
    for hash in $(ls -t "$deps" | sed -n 's/^\(.*\)-\([0-9a-f]\{16\}\)\(\..*\)\{0,1\}$/\1 \2/p' \
      | awk '!($1 in newest) { newest[$1] = $2 } $2 != newest[$1] { print $2 }' | sort -u); do
      rm -f "$deps"/*-"$hash" "$deps"/*-"$hash".*
    done
  done
  df -h "$CARGO_TARGET_DIR" | awk 'NR == 2 { print "Free now: " $4 }'
}

apt_install() {
  # apt_install PACKAGE…: installs the Debian packages that are missing.
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  step "Installing Debian packages: ${missing[*]}"
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
}

ensure_rust_tools() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown || {
    step "Adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  }
  # The wasm-bindgen CLI must be exactly the version of the crate in Cargo.lock.
  local want have
  want="$(grep -A1 '^name = "wasm-bindgen"$' "$ROOT/Cargo.lock" | sed -n 's/^version = "\(.*\)"/\1/p')"
  have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
  if [ "$have" != "$want" ]; then
    step "Installing wasm-bindgen-cli $want (about 4 minutes, once)"
    cargo install wasm-bindgen-cli --version "$want"
  fi
}

ensure_node_packages() {
  # Playwright, axe-core and wasm-opt (npm's binaryen: Debian's wasm-opt 108
  # produces a bundle that never hydrates).
  if [ ! -x "$ROOT/end2end/node_modules/.bin/wasm-opt" ] || [ "$ROOT/end2end/package-lock.json" -nt "$ROOT/end2end/node_modules/.installed" ]; then
    step "Installing npm packages in end2end/"
    (cd "$ROOT/end2end" && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/.installed)
  fi
}

start_throwaway_postgres() {
  # start_throwaway_postgres PORT: a PostgreSQL of Debian's on 127.0.0.1:PORT in
  # a temporary folder (no durability: fsync off), stopped and removed on exit.
  # Sets EQUIMARK_PG_URL to its admin database.
  local port="$1"
  step "Starting a throwaway PostgreSQL on 127.0.0.1:$port"
  PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  PGDIR="$(mktemp -d /tmp/equimark-pg.XXXXXX)"
  [ "$(id -u)" -eq 0 ] && chown postgres "$PGDIR"
  as_pg "$PGBIN/initdb" -D "$PGDIR/data" -A trust -U equimark -E UTF8 >/dev/null
  as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $PGDIR -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
  on_exit stop_throwaway_postgres
  export EQUIMARK_PG_URL="postgres://equimark@127.0.0.1:$port/postgres"
}

as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

stop_throwaway_postgres() {
  as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PGDIR"
}
