#!/usr/bin/env bash
# A throwaway pg_auto_failover formation for the failover suite (tests/cli/test_pg_failover.sh; the recipe is
# docs/deployment.md's, on one machine): a monitor and two PostgreSQL 15 nodes, a primary and a synchronous
# standby, reachable on 127.0.0.1 only (--listen 127.0.0.1) and the default unix socket directory.
#
#   failover.sh start ENVFILE          creates and starts the formation in a new mktemp -d directory and writes
#                                      ENVFILE (FAILOVER_DIR, FAILOVER_URL: the multi-host URL of the database
#                                      "postgres", FAILOVER_PORTS, FAILOVER_MONITOR_PORT); prints it too.
#   failover.sh stop ENVFILE           stops every pg_autoctl and postmaster by its recorded pid, removes the dir.
#   failover.sh state ENVFILE          the monitor's table of nodes (pg_autoctl show state).
#   failover.sh wait ENVFILE [SECS]    waits until the formation has settled (default 300 s): one primary that
#                                      takes writes, one secondary in recovery that has replayed all of the
#                                      primary's WAL; exit 1 (with the state and the monitor's events) if not.
#   failover.sh primary ENVFILE        prints the name of the node that is primary (n1 or n2).
#   failover.sh port ENVFILE NODE      prints NODE's port.
#   failover.sh events ENVFILE [N]     the monitor's last N events (default 60: pg_autoctl show events).
#   failover.sh perform ENVFILE        pg_autoctl perform failover (returns once it is done).
#   failover.sh crash ENVFILE NODE     kill -9 of NODE's postmaster (its pg_autoctl restarts it: no failover).
#   failover.sh kill ENVFILE NODE      node loss: kill -9 of NODE's pg_autoctl supervisor, its children, and its
#                                      postmaster.
#   failover.sh rejoin ENVFILE NODE    starts NODE's pg_autoctl again (it rewinds and comes back as secondary).
#   failover.sh tune ENVFILE           shortens the monitor's node-loss timeouts (health check every 1 s,
#                                      unhealthy after 5 s, demoted after 5 s) so that node loss fails over in
#                                      ~12 s instead of ~50 s.
#   failover.sh untune ENVFILE         back to the monitor's defaults (20 s, 30 s): on a loaded machine a node whose
#                                      pg_autoctl stalls for 5 s would otherwise be failed over spuriously.
#
# Every pg_autoctl call runs as the postgres user (it refuses root) with the same PATH and XDG directories
# under the formation's directory, where pg_autoctl keeps its configuration, state and pid files. Without
# pg_autoctl (Debian: postgresql-15-auto-failover) `start` writes FAILOVER_SKIP=REASON and exits 0, unless
# CI=true or ASNBELAJAR_REQUIRE_PG=1: then it fails.
set -euo pipefail
cmd=${1:?usage: failover.sh start|stop|state|wait|primary|port|events|perform|crash|kill|rejoin|tune|untune ENVFILE [NODE]}
envfile=${2:?usage: failover.sh COMMAND ENVFILE [NODE]}

required() { [ "${CI:-}" = true ] || [ "${ASNBELAJAR_REQUIRE_PG:-0}" = 1 ]; }

skip_or_fail() { # REASON
  if required; then
    echo "failover.sh: error: the pg_auto_failover formation cannot start: $1 (CI=true or ASNBELAJAR_REQUIRE_PG=1)" >&2
    exit 1
  fi
  echo "failover.sh: WARNING: the pg_auto_failover formation cannot start: $1; the failover suite will be SKIPPED" >&2
  printf 'FAILOVER_SKIP=%q\n' "$1" >"$envfile"
  exit 0
}

load() {
  [ -f "$envfile" ] || { echo "failover.sh: no $envfile" >&2; exit 1; }
  # shellcheck disable=SC1090
  . "$envfile"
  [ -z "${FAILOVER_SKIP:-}" ] || { echo "failover.sh: no formation ($FAILOVER_SKIP)" >&2; exit 1; }
  DIR=$FAILOVER_DIR
}

PG() { # runs "$@" as postgres with the formation's environment
  local bin; bin=$(cat "$DIR/bindir")
  local run=(env PATH="$bin:/usr/bin:/bin" XDG_CONFIG_HOME="$DIR/xdg/config" XDG_DATA_HOME="$DIR/xdg/data"
    XDG_RUNTIME_DIR="$DIR/xdg/run")
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "${run[@]}" "$@"; else "${run[@]}" "$@"; fi
}

supervisor_pid() { head -n1 "$DIR/xdg/run/pg_autoctl$DIR/$1/pg_autoctl.pid" 2>/dev/null || true; }
postmaster_pid() { head -n1 "$DIR/$1/postmaster.pid" 2>/dev/null || true; }
alive() { # PID: alive and not a zombie
  local st; st=$(ps -o stat= -p "$1" 2>/dev/null || true)
  [ -n "$st" ] && [[ $st != Z* ]]
}

state() { PG pg_autoctl show state --pgdata "$DIR/monitor" 2>/dev/null; }

node_port() { # NAME: n1 -> the first of FAILOVER_PORTS, n2 -> the second
  case $1 in n1) echo "${FAILOVER_PORTS% *}" ;; n2) echo "${FAILOVER_PORTS#* }" ;; *) return 1 ;; esac
}
nodesql() { # NAME SQL: one node's answer (its database postgres), empty when it does not answer
  PG psql -X -Atq "postgres://postgres@localhost:$(node_port "$1")/postgres?sslmode=disable&connect_timeout=2" \
    -c "$2" 2>/dev/null || true
}
role_of() { # STATE ROLE: the node whose reported and assigned states are both ROLE
  awk -F'|' -v r="$2" '$6 ~ "^ *" r " *$" && $7 ~ "^ *" r " *$" { gsub(/ /, "", $1); print $1 }' <<<"$1"
}

# wait_pair SECONDS: the formation has settled: the monitor shows one node primary (reported and assigned) and
# the other secondary, the primary takes writes (not in recovery), the secondary is in recovery and has replayed
# everything the primary had written when it was asked. The monitor's table alone is not enough: a node the
# monitor still lists as primary can already be stopping, and a new secondary can still be catching up.
wait_pair() { # SECONDS
  local s i p q lsn deadline=$((SECONDS + $1))
  while ((SECONDS < deadline)); do
    s=$(state || true)
    p=$(role_of "$s" primary)
    q=$(role_of "$s" secondary)
    if [ -n "$p" ] && [ -n "$q" ] && [ "$(nodesql "$p" "SELECT pg_is_in_recovery()")" = f ] &&
      [ "$(nodesql "$q" "SELECT pg_is_in_recovery()")" = t ]; then
      lsn=$(nodesql "$p" "SELECT pg_current_wal_lsn()")
      for ((i = 0; i < 40 && SECONDS < deadline; i++)); do
        [ -n "$lsn" ] && [ "$(nodesql "$q" "SELECT pg_last_wal_replay_lsn() >= '$lsn'::pg_lsn")" = t ] && return 0
        sleep 0.25
      done
    fi
    sleep 0.25
  done
  echo "failover.sh: the formation did not settle (one primary, one caught-up secondary) in $1 s:" >&2
  echo "$s" >&2
  PG pg_autoctl show events --count 30 --pgdata "$DIR/monitor" >&2 || true
  return 1
}

start_node() { # NAME
  PG setsid pg_autoctl run --pgdata "$DIR/$1" >>"$DIR/$1.log" 2>&1 </dev/null &
}

stop_all() {
  local n pids=() p i
  for n in n2 n1 monitor; do
    p=$(supervisor_pid "$n"); [ -n "$p" ] && pids+=("$p") && pids+=($(ps -o pid= --ppid "$p" 2>/dev/null || true))
    p=$(postmaster_pid "$n"); [ -n "$p" ] && pids+=("$p")
  done
  for n in n2 n1 monitor; do
    [ -d "$DIR/$n" ] && PG pg_autoctl stop --pgdata "$DIR/$n" >/dev/null 2>&1 || true
  done
  for ((i = 0; i < 100; i++)); do
    local left=()
    for p in "${pids[@]}"; do alive "$p" && left+=("$p"); done
    [ ${#left[@]} -eq 0 ] && break
    [ "$i" = 60 ] && kill -9 "${left[@]}" 2>/dev/null || true # stop did not end them in 15 s
    sleep 0.25
  done
  rm -rf "$DIR"
}

case $cmd in
start)
  if [ -f "$envfile" ]; then "$0" stop "$envfile" || true; fi
  command -v pg_config >/dev/null || skip_or_fail "pg_config not found (apt-get install postgresql-15)"
  command -v pg_autoctl >/dev/null || skip_or_fail "pg_autoctl not found (apt-get install postgresql-15-auto-failover)"
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then skip_or_fail "running as root and there is no postgres user"; fi
  # pg_autoctl's services connect through the default socket directory (moving it breaks the monitor).
  if [ ! -d /var/run/postgresql ] && [ "$(id -u)" = 0 ]; then install -d -o postgres -g postgres -m 2775 /var/run/postgresql; fi
  DIR=$(mktemp -d "${TMPDIR:-/tmp}/asnbelajar-ha.XXXXXX")
  pg_config --bindir >"$DIR/bindir"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$DIR" "$DIR/bindir"; fi
  chmod 0755 "$DIR"
  cd "$DIR"
  PG mkdir -p "$DIR/xdg/config" "$DIR/xdg/data" "$DIR/xdg/run"
  # Three ports in a row, away from the single test cluster's range; a random base keeps parallel runs apart.
  base=$((57000 + (RANDOM % 600) * 3))
  mon_port=$base
  FAILOVER_PORTS="$((base + 1)) $((base + 2))"
  small="shared_buffers = '128MB'
effective_cache_size = '1GB'
maintenance_work_mem = '64MB'
work_mem = '4MB'
max_connections = 100"
  mon="postgres://autoctl_node@localhost:$mon_port/pg_auto_failover?sslmode=disable"
  {
    echo "FAILOVER_DIR=$DIR"
    echo "FAILOVER_MONITOR_PORT=$mon_port"
    echo "FAILOVER_PORTS='$FAILOVER_PORTS'"
  } >"$envfile"
  fail_start() {
    echo "failover.sh: $1; logs:" >&2
    tail -n 20 "$DIR"/*.log >&2 || true
    stop_all
    rm -f "$envfile"
    skip_or_fail "$1"
  }
  PG pg_autoctl create monitor --pgdata "$DIR/monitor" --pgport "$mon_port" --hostname localhost \
    --listen 127.0.0.1 --auth trust --no-ssl >"$DIR/create-monitor.log" 2>&1 || fail_start "create monitor failed"
  echo "$small" | PG tee -a "$DIR/monitor/postgresql.auto.conf" >/dev/null
  start_node monitor
  for ((i = 0; i < 120; i++)); do PG psql -X -Atq "$mon" -c 'select 1' >/dev/null 2>&1 && break; sleep 0.25; done
  PG psql -X -Atq "$mon" -c 'select 1' >/dev/null 2>&1 || fail_start "the monitor does not answer"
  for n in 1 2; do
    PG pg_autoctl create postgres --pgdata "$DIR/n$n" --pgport "$((base + n))" --hostname localhost \
      --listen 127.0.0.1 --name "n$n" --monitor "$mon" --auth trust --no-ssl >"$DIR/create-n$n.log" 2>&1 ||
      fail_start "create n$n failed"
    # n2 copies n1's postgresql.auto.conf through pg_basebackup; the lines are harmless twice.
    [ "$n" = 1 ] && echo "$small" | PG tee -a "$DIR/n1/postgresql.auto.conf" >/dev/null
    start_node "n$n"
    if [ "$n" = 1 ]; then
      for ((i = 0; i < 240; i++)); do state | grep -qE '\| +single +\| +single' && break; sleep 0.25; done
    fi
  done
  wait_pair 150 || fail_start "no primary and secondary"
  url=$(PG pg_autoctl show uri --formation default --pgdata "$DIR/monitor")
  url="${url/sslmode=prefer/sslmode=disable}&connect_timeout=2"
  echo "FAILOVER_URL='$url'" >>"$envfile"
  cat "$envfile"
  ;;
stop)
  [ -f "$envfile" ] || exit 0
  # shellcheck disable=SC1090
  . "$envfile"
  if [ -n "${FAILOVER_DIR:-}" ] && [ -d "$FAILOVER_DIR" ]; then
    DIR=$FAILOVER_DIR
    # The evidence outlives the formation: the nodes' and the monitor's logs, the monitor's events and the last
    # state, in FAILOVER_KEEP (default: pg-failover-logs beside ENVFILE), replaced on every run.
    keep=${FAILOVER_KEEP:-$(dirname "$envfile")/pg-failover-logs}
    rm -rf "$keep" && mkdir -p "$keep"
    cp "$DIR"/*.log "$keep"/ 2>/dev/null || true
    PG pg_autoctl show events --count 500 --pgdata "$DIR/monitor" >"$keep/events.txt" 2>&1 || true
    state >"$keep/state.txt" 2>&1 || true
    stop_all
  fi
  rm -f "$envfile"
  ;;
state) load; state ;;
wait) load; wait_pair "${3:-300}" ;;
primary) load; role_of "$(state)" primary ;;
port) load; node_port "${3:?NODE}" ;;
events) load; PG pg_autoctl show events --count "${3:-60}" --pgdata "$DIR/monitor" ;;
perform) load; PG pg_autoctl perform failover --pgdata "$DIR/monitor" >>"$DIR/perform.log" 2>&1 ;;
crash) load; kill -9 "$(postmaster_pid "${3:?NODE}")" ;;
kill)
  load
  node=${3:?NODE}
  sup=$(supervisor_pid "$node")
  pm=$(postmaster_pid "$node")
  kids=$(ps -o pid= --ppid "$sup" | grep -vw "$pm" || true)
  # shellcheck disable=SC2086 # pids
  kill -9 "$sup" $kids
  kill -9 "$pm"
  ;;
rejoin) load; cd "$DIR"; start_node "${3:?NODE}" ;;
tune)
  load
  PG psql -X -q -h localhost -p "$FAILOVER_MONITOR_PORT" -d pg_auto_failover \
    -c "alter system set pgautofailover.health_check_period = 1000" \
    -c "alter system set pgautofailover.node_considered_unhealthy_timeout = 5000" \
    -c "alter system set pgautofailover.primary_demote_timeout = 5000" -c "select pg_reload_conf()" >/dev/null
  ;;
untune)
  load
  PG psql -X -q -h localhost -p "$FAILOVER_MONITOR_PORT" -d pg_auto_failover \
    -c "alter system reset pgautofailover.health_check_period" \
    -c "alter system reset pgautofailover.node_considered_unhealthy_timeout" \
    -c "alter system reset pgautofailover.primary_demote_timeout" -c "select pg_reload_conf()" >/dev/null
  ;;
*) echo "usage: failover.sh start|stop|state|wait|primary|port|events|perform|crash|kill|rejoin|tune|untune ENVFILE [NODE]" >&2; exit 2 ;;
esac
