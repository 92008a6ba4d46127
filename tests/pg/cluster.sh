#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the tests (docs/reliability.md, "PostgreSQL").
#
#   cluster.sh start ENVFILE   initdb + pg_ctl start in a new mktemp -d directory (outside the build tree), unix
#                              socket only (listen_addresses=''), a private port, fsync off; writes ENVFILE, a
#                              shell fragment with PGHOST, PGPORT, PGUSER, PGDATABASE (postgres),
#                              ASNBELAJAR_TEST_PG (the URL of the database "asnb", for the unit tests),
#                              ASNBELAJAR_TEST_PG_ROOT and ASNBELAJAR_TEST_PG_BIN; prints it too.
#   cluster.sh stop ENVFILE    stops the cluster ENVFILE names (pg_ctl by its pid file) and removes its directory.
#   cluster.sh env ENVFILE     prints ENVFILE (to `eval` in a shell).
#
# ctest runs `start` as the fixture pg_cluster_start and `stop` as pg_cluster_stop (FIXTURES_SETUP/CLEANUP), so
# plain `ctest` starts and stops the server, also when tests fail. Without PostgreSQL installed `start` writes
# ASNBELAJAR_TEST_PG_SKIP=REASON and exits 0 (the PostgreSQL suites then skip, loudly) unless CI=true or
# ASNBELAJAR_REQUIRE_PG=1: then a server that cannot start fails the run.
# As root, initdb and the server run as the `postgres` user (initdb refuses root) through runuser.
set -euo pipefail
cmd=${1:?usage: cluster.sh start|stop|env ENVFILE}
envfile=${2:?usage: cluster.sh start|stop|env ENVFILE}

required() { [ "${CI:-}" = true ] || [ "${ASNBELAJAR_REQUIRE_PG:-0}" = 1 ]; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

stop_cluster() { # ROOT
  local root=$1 bin
  [ -n "$root" ] && [ -d "$root" ] || return 0
  bin=$(cat "$root/bindir" 2>/dev/null || pg_config --bindir)
  if [ -f "$root/data/postmaster.pid" ]; then
    if ! as_pg "$bin/pg_ctl" -D "$root/data" -m fast -w -t 30 stop >/dev/null 2>&1; then
      # pg_ctl failed: the pid file's first line is the postmaster.
      local pid; pid=$(head -n1 "$root/data/postmaster.pid" 2>/dev/null || true)
      [ -n "$pid" ] && kill -QUIT "$pid" 2>/dev/null || true
    fi
  fi
  rm -rf "$root"
}

skip_or_fail() { # REASON
  if required; then
    echo "asnbelajar-tests: error: PostgreSQL cannot start: $1 (CI=true or ASNBELAJAR_REQUIRE_PG=1: failing)" >&2
    exit 1
  fi
  echo "asnbelajar-tests: WARNING: PostgreSQL cannot start: $1; the PostgreSQL suites will be SKIPPED" >&2
  printf 'ASNBELAJAR_TEST_PG_SKIP=%q\n' "$1" >"$envfile"
  exit 0
}

case $cmd in
env) cat "$envfile" ;;
stop)
  if [ -f "$envfile" ]; then
    root=$(sed -n 's/^export ASNBELAJAR_TEST_PG_ROOT=//p' "$envfile")
    stop_cluster "$root"
    rm -f "$envfile"
  fi
  ;;
start)
  # A cluster left behind by an interrupted run with this ENVFILE goes first.
  if [ -f "$envfile" ]; then "$0" stop "$envfile"; fi
  command -v pg_config >/dev/null || skip_or_fail "pg_config not found (Debian: apt-get install postgresql-15)"
  bin=$(pg_config --bindir) # Debian's per-version directory: initdb and pg_ctl are not on PATH
  [ -x "$bin/initdb" ] && [ -x "$bin/pg_ctl" ] || skip_or_fail "no initdb/pg_ctl in $bin (apt-get install postgresql-15)"
  command -v psql >/dev/null || skip_or_fail "psql not found (apt-get install postgresql-client-15)"
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then skip_or_fail "running as root and there is no postgres user"; fi
  # Not under the build tree: a CI clone may sit in a folder the postgres user cannot enter.
  root=$(mktemp -d "${TMPDIR:-/tmp}/asnbelajar-pg.XXXXXX")
  echo "$bin" >"$root/bindir"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$root"; fi
  chmod 0755 "$root"
  # A private port: the socket lives in $root, so only the port's number must be free of other sockets there;
  # a random one keeps the lock file names of parallel runs apart too.
  port=$((50000 + RANDOM % 10000))
  if ! as_pg "$bin/initdb" -D "$root/data" -U asnb -A trust -E UTF8 --locale=C.UTF-8 --no-sync \
    >"$root/initdb.log" 2>&1; then
    cat "$root/initdb.log" >&2
    rm -rf "$root"
    skip_or_fail "initdb failed"
  fi
  # Unix socket only; durability off (a test cluster). The log's lines name their database, so that a suite
  # can count the statements of its own (ALTER DATABASE … SET log_statement = 'all'; server.log in the root).
  opts="-c listen_addresses='' -k $root -p $port -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  opts+=" -c max_connections=100 -c log_line_prefix='%m [%p] db=%d '"
  if ! as_pg "$bin/pg_ctl" -D "$root/data" -l "$root/server.log" -w -t 60 -o "$opts" start >/dev/null; then
    cat "$root/server.log" >&2 || true
    stop_cluster "$root"
    skip_or_fail "pg_ctl start failed"
  fi
  "$bin/pg_isready" -q -h "$root" -p "$port" || { stop_cluster "$root"; skip_or_fail "pg_isready says no"; }
  # A database for the unit tests (ASNBELAJAR_TEST_PG); the end-to-end suites make their own.
  psql -X -q -h "$root" -p "$port" -U asnb -d postgres -v ON_ERROR_STOP=1 -c "CREATE DATABASE asnb" >/dev/null ||
    { stop_cluster "$root"; skip_or_fail "CREATE DATABASE failed"; }
  {
    echo "export PGHOST=$root"
    echo "export PGPORT=$port"
    echo "export PGUSER=asnb"
    echo "export PGDATABASE=postgres"
    echo "export ASNBELAJAR_TEST_PG='postgresql://asnb@/asnb?host=$root&port=$port'"
    echo "export ASNBELAJAR_TEST_PG_ROOT=$root"
    echo "export ASNBELAJAR_TEST_PG_BIN=$bin"
  } >"$envfile"
  cat "$envfile"
  ;;
*) echo "usage: cluster.sh start|stop|env ENVFILE" >&2; exit 2 ;;
esac
