#!/usr/bin/env bash
# The fault drills, against the release server (scripts/test.sh builds it
# and runs this): a crash under load (SQLite and PostgreSQL), two app
# servers sharing one PostgreSQL, a database outage (PostgreSQL), and a full
# disk (SQLite on a 32 MB tmpfs; needs root to mount it). Each drill is a
# script in scripts/drills/ that fails loudly; see the README's
# "Security and operations".
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
use_scratch_tmp
export EQUIMARK_BIN="${EQUIMARK_BIN:-$CARGO_TARGET_DIR/release/equimark}"
export EQUIMARK_SITE_ROOT="${EQUIMARK_SITE_ROOT:-$SITE}"
[ -x "$EQUIMARK_BIN" ] || { echo "build the release server first: cargo build -p server --release"; exit 1; }

# A PostgreSQL of the drills' own, which the outage drill stops and starts.
DRILL_PG_PORT="${EQUIMARK_DRILL_PG_PORT:-55450}"
DRILL_PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
DRILL_PGDIR="$(mktemp -d /tmp/equimark-drill-pg.XXXXXX)"
[ "$(id -u)" -eq 0 ] && chown postgres "$DRILL_PGDIR"
drill_pg() { as_pg "$DRILL_PGBIN/pg_ctl" -D "$DRILL_PGDIR/data" -l "$DRILL_PGDIR/log" -w "$@" >/dev/null; }
as_pg "$DRILL_PGBIN/initdb" -D "$DRILL_PGDIR/data" -A trust -U equimark -E UTF8 >/dev/null
PG_OPTIONS="-c listen_addresses=127.0.0.1 -p $DRILL_PG_PORT -k $DRILL_PGDIR -c max_connections=200"
drill_pg -o "$PG_OPTIONS" start
stop_drill_pg() { drill_pg -m immediate stop 2>/dev/null || true; rm -rf "$DRILL_PGDIR"; }
on_exit stop_drill_pg
PG="postgres://equimark@127.0.0.1:$DRILL_PG_PORT"
new_pg_database() { psql -q "$PG/postgres" -c "CREATE DATABASE $1" >/dev/null; echo "$PG/$1"; }

step "Drill: a crash under load (SQLite)"
EQUIMARK_DATA_DIR="$(mktemp -d)" node scripts/drills/crash.mjs 3201

step "Drill: a crash under load (PostgreSQL)"
DATABASE_URL="$(new_pg_database drill_crash)" node scripts/drills/crash.mjs 3202

step "Drill: two app servers, one PostgreSQL, files shared through it"
DATABASE_URL="$(new_pg_database drill_two)" node scripts/drills/two_servers.mjs 3203 3204

step "Drill: the database stops for 10 s under load (PostgreSQL)"
AS_PG=""; [ "$(id -u)" -eq 0 ] && AS_PG="runuser -u postgres --"
export PG_STOP="$AS_PG $DRILL_PGBIN/pg_ctl -D $DRILL_PGDIR/data -m fast -w stop"
export PG_START="$AS_PG $DRILL_PGBIN/pg_ctl -D $DRILL_PGDIR/data -l $DRILL_PGDIR/log -w -o '$PG_OPTIONS' start"
DATABASE_URL="$(new_pg_database drill_outage)" node scripts/drills/outage.mjs 3205

step "Drill: a full disk (SQLite on a small filesystem)"
if [ "$(id -u)" -eq 0 ]; then
  DISK="$(mktemp -d /tmp/equimark-disk.XXXXXX)"
  mount -t tmpfs -o size=32m tmpfs "$DISK"
  unmount_disk() { umount "$DISK" 2>/dev/null || true; rmdir "$DISK" 2>/dev/null || true; }
  on_exit unmount_disk
  EQUIMARK_DATA_DIR="$DISK" node scripts/drills/full_disk.mjs 3206
  unmount_disk
else
  echo "skipped: mounting a small filesystem needs root (CI runs as root)"
fi
