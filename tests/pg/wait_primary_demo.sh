#!/usr/bin/env bash
# A demonstration, not a test (ctest does not run it): pg_auto_failover 2.0 with two nodes loses commits that
# the new primary acknowledged in wait_primary when a second failover follows before the old primary has
# caught up. It forces the stalls that heavy load can cause (docs/reliability.md, "Failover"):
#   1. a formation (failover.sh start), monitor timeouts shortened (failover.sh tune), a writer through the URL;
#   2. `perform failover`: n2 promoted, in wait_primary (no synchronous standby) while n1 rewinds;
#   3. n2's pg_autoctl SIGSTOPped: n2 stays wait_primary in the monitor's table, n1 becomes secondary;
#   4. one psql session inserts into n2 (acknowledged, async); n2's walsender SIGSTOPped for 3 s, so those
#      commits do not reach n1; then all of n2's Postgres SIGSTOPped (a machine that stalls);
#   5. the monitor calls n2 unhealthy and promotes n1; n2, resumed, is demoted and rewinds.
# It prints the commits acknowledged before the stall and the rows on the new primary. Run as root (or as a
# user pg_autoctl accepts), with postgresql-15-auto-failover installed; it uses and removes a scratch directory.
# Run on 30 November 2026 (load about 20): 337 acknowledged, 254 on the new primary (83 lost); again: 417
# acknowledged, 319 there (98 lost).
set -u
HA="$(cd "$(dirname "$0")" && pwd)/failover.sh"
T=$(mktemp -d)
E=$T/formation.env
trap 'kill -CONT ${STOPPED:-} 2>/dev/null; bash "$HA" stop "$E"; rm -rf "$T"' EXIT
bash "$HA" start "$E" >"$T/start.log" 2>&1 || { cat "$T/start.log"; exit 1; }
# shellcheck disable=SC1090
. "$E"
DIR=$FAILOVER_DIR
U=${FAILOVER_URL/postgres:\/\/localhost/postgres:\/\/postgres@localhost}
N2U="postgres://postgres@localhost:${FAILOVER_PORTS#* }/postgres?sslmode=disable"
N1U="postgres://postgres@localhost:${FAILOVER_PORTS% *}/postgres?sslmode=disable"
psql -X -q "$U" -c "CREATE TABLE t(i int PRIMARY KEY)"
bash "$HA" tune "$E"
ts() { date +%T.%N | cut -c1-12; }
(
  i=0
  while [ ! -f "$T/switch" ]; do
    i=$((i + 1))
    psql -X -q "$U" -c "INSERT INTO t VALUES ($i)" >/dev/null 2>&1 && echo "$i" >>"$T/acked"
    sleep 0.02
  done
) &
W=$!
sleep 2
echo "$(ts) perform failover"
bash "$HA" perform "$E" &
for _ in $(seq 1 400); do bash "$HA" state "$E" | grep -qE 'n2 .*\| +wait_primary +\| +wait_primary' && break; sleep 0.1; done
echo "$(ts) n2 is wait_primary"
SUP=$(head -1 "$DIR/xdg/run/pg_autoctl$DIR/n2/pg_autoctl.pid")
PM=$(head -1 "$DIR/n2/postmaster.pid")
KIDS=$(ps -o pid= --ppid "$SUP" | grep -vw "$PM")
STOPPED="$SUP $KIDS"
# shellcheck disable=SC2086 # pids
kill -STOP $STOPPED
echo "$(ts) n2's pg_autoctl stopped"
touch "$T/switch"
wait "$W"
(for i in $(seq 100001 199999); do echo "INSERT INTO t VALUES ($i) RETURNING i;"; sleep 0.01; done) |
  stdbuf -oL psql -X -q -At "$N2U" >>"$T/acked" 2>/dev/null &
for _ in $(seq 1 600); do bash "$HA" state "$E" | grep -qE 'n1 .*\| +secondary +\| +secondary' && break; sleep 0.1; done
echo "$(ts) n1 is secondary; n2 still wait_primary:"
bash "$HA" state "$E"
WS=$(ps -o pid=,args= --ppid "$PM" | awk '/walsender/ { print $1 }')
STOPPED="$STOPPED $WS"
kill -STOP "$WS"
sleep 3
N2PROCS="$PM $(ps -o pid= --ppid "$PM")"
cp "$T/acked" "$T/acked.before"
STOPPED="$STOPPED $N2PROCS"
# shellcheck disable=SC2086 # pids
kill -STOP $N2PROCS
echo "$(ts) n2 stalled; acknowledged so far: $(wc -l <"$T/acked.before")"
for _ in $(seq 1 900); do
  bash "$HA" state "$E" | grep -qE 'n1 .*\| +(wait_primary|primary) +\| +(wait_primary|primary)' && break
  sleep 0.1
done
bash "$HA" state "$E"
echo "acknowledged before the stall: $(wc -l <"$T/acked.before"); on the new primary n1: $(psql -X -Atq "$N1U" -c 'SELECT count(*) FROM t')"
# shellcheck disable=SC2086 # pids
kill -CONT $STOPPED
STOPPED=""
sleep 10
bash "$HA" events "$E" 20
