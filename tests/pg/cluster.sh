#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the tests: unix socket only (no TCP port), in a fresh directory outside
# the build tree, fsync off, C.UTF-8 locale, one database "asnb" owned by the trusted user "asnb".
#
#   cluster.sh start        starts one; prints its directory (DIR) on stdout; exit 1 when PostgreSQL's server
#                           programs are not installed (the caller skips, or fails under ASNBELAJAR_REQUIRE_PG)
#   cluster.sh env DIR      prints `ASNBELAJAR_TEST_PG=URL` (URL: postgresql://asnb@/asnb?host=DIR&port=PORT)
#   cluster.sh url DIR      prints the URL alone
#   cluster.sh stop DIR     stops the server by its pid file (never by name) and removes DIR
#
# Runs as root too: initdb refuses root, so the server runs as the user postgres (runuser). Debian keeps initdb
# and pg_ctl in `pg_config --bindir`, not on PATH.
set -euo pipefail
PORT=56000 # the socket's name in DIR (.s.PGSQL.56000); nothing listens on TCP, so clusters never clash

pgbin() {
  local dir
  dir=$(pg_config --bindir 2>/dev/null) || dir=""
  if [ -z "$dir" ] || [ ! -x "$dir/initdb" ]; then
    for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && dir=$d; done
  fi
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] || return 1
  echo "$dir"
}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

cmd=${1:-}
case "$cmd" in
start)
  PGBIN=$(pgbin) || { echo "cluster.sh: PostgreSQL's server programs (initdb, pg_ctl) are not installed" >&2; exit 1; }
  ROOT=$(mktemp -d "${TMPDIR:-/tmp}/asnb-pg.XXXXXX")
  chmod 0755 "$ROOT"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$ROOT"; fi
  fail() { echo "cluster.sh: $1 (log: $ROOT/server.log)" >&2; cat "$ROOT/server.log" >&2 2>/dev/null || true
           [ -f "$ROOT/data/postmaster.pid" ] && as_pg "$PGBIN/pg_ctl" -D "$ROOT/data" -m immediate -w stop >/dev/null 2>&1
           rm -rf "$ROOT"; exit 1; }
  as_pg "$PGBIN/initdb" -D "$ROOT/data" -U asnb -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$ROOT/initdb.log" 2>&1 ||
    { cat "$ROOT/initdb.log" >&2; fail "initdb failed"; }
  as_pg "$PGBIN/pg_ctl" -D "$ROOT/data" -l "$ROOT/server.log" -w -t 60 -o \
    "-c listen_addresses='' -k $ROOT -p $PORT -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || fail "the server did not start"
  psql -q -X -h "$ROOT" -p "$PORT" -U asnb -d postgres -v ON_ERROR_STOP=1 -c "CREATE DATABASE asnb" >/dev/null ||
    fail "CREATE DATABASE failed"
  echo "$ROOT"
  ;;
url)
  [ -d "${2:-}" ] || { echo "usage: cluster.sh url DIR" >&2; exit 2; }
  echo "postgresql://asnb@/asnb?host=$2&port=$PORT"
  ;;
env)
  [ -d "${2:-}" ] || { echo "usage: cluster.sh env DIR" >&2; exit 2; }
  echo "ASNBELAJAR_TEST_PG=postgresql://asnb@/asnb?host=$2&port=$PORT"
  ;;
stop)
  ROOT=${2:-}
  [ -n "$ROOT" ] || { echo "usage: cluster.sh stop DIR" >&2; exit 2; }
  [ -d "$ROOT" ] || exit 0
  [ -f "$ROOT/data/postmaster.pid" ] || [ -f "$ROOT/data/PG_VERSION" ] || [ -f "$ROOT/server.log" ] ||
    { echo "cluster.sh: $ROOT is not a cluster of cluster.sh" >&2; exit 1; }
  if [ -f "$ROOT/data/postmaster.pid" ]; then
    PGBIN=$(pgbin) && as_pg "$PGBIN/pg_ctl" -D "$ROOT/data" -m fast -w stop >/dev/null || true
  fi
  rm -rf "$ROOT"
  ;;
*)
  echo "usage: cluster.sh start | env DIR | url DIR | stop DIR" >&2
  exit 2
  ;;
esac
