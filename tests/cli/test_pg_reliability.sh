#!/usr/bin/env bash
# backend: postgres
# Reliability on PostgreSQL, beside what every suite checks on both backends (test_concurrency.sh: 8 writers,
# capacity exact under 4x contention, promotion on concurrent cancellations; test_crash.sh: imports killed with
# SIGKILL leave all or nothing; test_bad_input.sh: refused input leaves every table as it was):
#  1. a negative control: without the session's row lock, 8 psql clients running the obvious INSERT … SELECT
#     count(*) overbook a session of 40 seats (READ COMMITTED does not serialise them); with SELECT … FOR UPDATE
#     first, exactly 40;
#  2. the server restarted between commands, and stopped in the middle of an import (all or nothing);
#  3. a table or a session row locked by another client: a clear "busy" error after the lock timeout, the store
#     unchanged;
#  4. refused input leaves the database's ordered dump byte-identical;
#  5. a 100,000-row import costs O(rows / batch) statements, not one per row (counted in the server's log);
#  6. the certificate signing key lives in the registry (table signing_key), not in a file, and only the role
#     that owns the store can read it; certify --pdf, certify codes, certify key and certify verify work as on
#     SQLite.
# The restart and stop cases run on a cluster of the suite's own, so that the other suites' cluster stays up.
source "$(dirname "$0")/lib.sh"
CLUSTER="$(cd "$(dirname "$0")/../pg" && pwd)/cluster.sh"
ROWS=$(scaled 100000)

# --- 1. the negative control -----------------------------------------------------------------------------------
ab session add --title "Kontrol negatif" --start "2022-03-03 09:00" --minutes 60 --jp 1 --code neg --capacity 40
expect_rc 0 "a session of 40 seats"
ab session add --title "Kontrol positif" --start "2022-03-04 09:00" --minutes 60 --jp 1 --code pos --capacity 40
make_roster "$WORK/people.csv" 160
ab participant import "$WORK/people.csv"
expect_rc 0 "160 people"
# rush CODE LOCK: 8 psql clients, 20 attempts each, every one its own transaction that counts the enrolled
# seats and the arrival numbers and inserts; LOCK "for update" takes the session's row lock first. A short sleep
# before the commit stands for the work a real client does there.
rush() {
  local code=$1 lock=$2 w
  for w in $(seq 0 7); do
    tail -n +2 "$WORK/people.csv" | awk -F, -v w=$w 'NR % 8 == w { print $1 }' | while read -r nip; do
      cat <<SQL
BEGIN;
$([ "$lock" = lock ] && echo "SELECT id FROM sessions WHERE code = '$code' FOR UPDATE;")
INSERT INTO enrollments (session_id, participant_id, status, arrival, created, updated)
SELECT s.id, p.id,
       CASE WHEN (SELECT count(*) FROM enrollments e WHERE e.session_id = s.id AND e.status = 'enrolled') < s.capacity
            THEN 'enrolled' ELSE 'waitlisted' END,
       (SELECT coalesce(max(arrival), 0) + 1 FROM enrollments e WHERE e.session_id = s.id), 0, 0
FROM sessions s, participants p WHERE s.code = '$code' AND p.nip = '$nip';
SELECT pg_sleep(0.05);
COMMIT;
SQL
    done | psql -X -q -d "$ASNBELAJAR_DB" >/dev/null 2>>"$WORK/rush-$code.err" &
  done
  wait
}
rush neg nolock
enrolled=$(sql "SELECT count(*) FROM enrollments e JOIN sessions s ON s.id = e.session_id
                WHERE s.code = 'neg' AND e.status = 'enrolled'")
dups=$(sql "SELECT count(*) - count(DISTINCT arrival) FROM enrollments e JOIN sessions s ON s.id = e.session_id
            WHERE s.code = 'neg'")
echo "negative control: without the row lock, 8 clients x 20 attempts: $enrolled enrolled of 40 seats," \
  "$dups duplicate arrival numbers"
[ "$enrolled" -gt 40 ] && ok || fail "the unlocked statement did not overbook ($enrolled enrolled): the control proves nothing"
rush pos lock
expect_eq "$(sql "SELECT count(*) FROM enrollments e JOIN sessions s ON s.id = e.session_id
                  WHERE s.code = 'pos' AND e.status = 'enrolled'")" "40" "with SELECT … FOR UPDATE: exactly 40"
expect_eq "$(sql "SELECT count(*) - count(DISTINCT arrival) FROM enrollments e JOIN sessions s ON s.id = e.session_id
                  WHERE s.code = 'pos'")" "0" "with the lock: no duplicate arrival numbers"

# --- 2. a server restarted between commands, and stopped in the middle of an import -------------------------
bash "$CLUSTER" start "$WORK/own.env" >/dev/null 2>"$WORK/own.err" || { cat "$WORK/own.err" >&2; fail "a cluster of our own"; }
own_cleanup() { bash "$CLUSTER" stop "$WORK/own.env" >/dev/null 2>&1; cleanup; }
trap own_cleanup EXIT
OWN=$(. "$WORK/own.env"; echo "postgresql://asnb@/postgres?host=$PGHOST&port=$PGPORT")
OWN_ROOT=$(. "$WORK/own.env"; echo "$ASNBELAJAR_TEST_PG_ROOT")
PGBIN=$(. "$WORK/own.env"; echo "$ASNBELAJAR_TEST_PG_BIN")
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_ctl_own() { as_pg "$PGBIN/pg_ctl" -D "$OWN_ROOT/data" -w -t 60 "$@" >/dev/null 2>&1; }
OWN_PORT=$(. "$WORK/own.env"; echo "$PGPORT")
own_start() { pg_ctl_own start -l "$OWN_ROOT/server.log" -o "-c listen_addresses='' -k $OWN_ROOT -p $OWN_PORT -c fsync=off"; }
ab --db "$OWN" session add --title "Seri 1" --start "2022-03-03 09:00" --minutes 60 --jp 1 --code s1
expect_rc 0 "a session on our own cluster"
pg_ctl_own restart -m fast || fail "pg_ctl restart"
ab --db "$OWN" session add --title "Seri 2" --start "2022-03-10 09:00" --minutes 60 --jp 1 --code s2
expect_rc 0 "the first command after a restart"
ab --db "$OWN" session list --format csv
expect_eq "$(grep -c '^s[12],' "$OUT")" "2" "both sessions are there"
pg_ctl_own stop -m fast || fail "pg_ctl stop"
ab --db "$OWN" session list
expect_rc 1 "a stopped server"
expect_grep '^asnbelajar: error: ' "$ERR" "a stopped server: an error line"
expect_no_grep 'password|s3cret' "$ERR" "a stopped server: no password"
own_start || fail "pg_ctl start again"
ab --db "$OWN" session list --format csv
expect_rc 0 "the server is back"
make_roster "$WORK/big.csv" "$ROWS" 200000
before=$(store_dump "$OWN")
"$ASNBELAJAR" -q --db "$OWN" participant import "$WORK/big.csv" >"$WORK/import.out" 2>"$WORK/import.err" &
importer=$!
# Stop the server (immediate: as a crash) once the import has begun writing.
for _ in $(seq 1 200); do
  [ "$(psql -X -A -t -d "$OWN" -c "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query ILIKE '%participants%'" 2>/dev/null)" -gt 0 ] 2>/dev/null && break
  sleep 0.05
done
pg_ctl_own stop -m immediate || fail "pg_ctl stop -m immediate"
wait $importer
import_rc=$?
expect_eq "$import_rc" "1" "an import whose server went away fails"
expect_grep '^asnbelajar: error: ' "$WORK/import.err" "and says so"
own_start || fail "pg_ctl start after the crash"
after=$(store_dump "$OWN")
if [ "$after" = "$before" ]; then ok; echo "server stopped mid-import: nothing of it kept"
elif [ "$(sql 'SELECT count(*) FROM participants' "$OWN")" = "$ROWS" ]; then ok; echo "server stopped mid-import: the import had committed"
else fail "the server stopped mid-import left part of it: $(sql 'SELECT count(*) FROM participants' "$OWN") people"; fi
ab --db "$OWN" participant import "$WORK/big.csv"
expect_rc 0 "the same import after the restart"

# --- 3. locks held by another client: a clear error after the lock timeout, nothing changed -----------------
P1=$(sed -n 2p "$WORK/people.csv" | cut -d, -f1)
ab session add --title "Terkunci" --start "2022-03-05 09:00" --minutes 60 --jp 1 --code locked --capacity 10
before=$(store_dump)
# hold SQL: another client holds a lock (SQL) for 60 s; waits until it is taken.
hold() {
  printf 'BEGIN;\n%s\nSELECT pg_sleep(60);\nCOMMIT;\n' "$1" | psql -X -q -d "$ASNBELAJAR_DB" >/dev/null 2>&1 &
  holder=$!
  for _ in $(seq 1 100); do
    [ "$(sql "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
              WHERE a.query ILIKE '%pg_sleep(60)%' AND l.granted AND l.locktype IN ('relation', 'tuple', 'transactionid')
              AND a.pid <> pg_backend_pid()")" -gt 0 ] && return
    sleep 0.05
  done
}
release() { sql "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query ILIKE '%pg_sleep(60)%' AND pid <> pg_backend_pid()" >/dev/null; wait $holder 2>/dev/null; }
hold "LOCK TABLE enrollments IN EXCLUSIVE MODE;"
timeout 55 "$ASNBELAJAR" enroll locked "$P1" >"$OUT" 2>"$ERR"
RC=$?
release
expect_rc 1 "enroll while another client holds LOCK TABLE enrollments"
expect_grep '^asnbelajar: error: .*(busy|locked|lock)' "$ERR" "the message says the store is busy"
echo "locked table: $(cat "$ERR")"
hold "SELECT id FROM sessions WHERE code = 'locked' FOR UPDATE;"
timeout 55 "$ASNBELAJAR" enroll locked "$P1" >"$OUT" 2>"$ERR"
RC=$?
release
expect_rc 1 "enroll while another client holds the session's row"
expect_grep '^asnbelajar: error: .*(busy|locked|lock)' "$ERR" "the message says the store is busy"
expect_eq "$(store_dump)" "$before" "the locked-out commands changed nothing"
ab enroll locked "$P1"
expect_rc 0 "once the lock is gone, the same enroll succeeds"

# --- 4. refused input leaves the ordered dump byte-identical -------------------------------------------------
before=$(store_dump)
{ head -50 "$WORK/people.csv"; echo "19601010198801100X,Bad NIP,bad@example.go.id,X"; } >"$WORK/bad.csv"
ab participant import "$WORK/bad.csv"
expect_rc 1 "an import with a bad row"
ab enroll locked --file "$WORK/bad.csv"
expect_rc 1 "an enrollment file with a bad row"
printf 'nip,minutes\n%s,-5\n' "$P1" >"$WORK/bad-minutes.csv"
ab attend locked --file "$WORK/bad-minutes.csv"
expect_rc 1 "attendance with negative minutes"
ab session add --title "Bentrok" --start "2022-03-24 09:00" --minutes 60 --jp 1 --code neg
expect_rc 1 "a session code taken"
expect_eq "$(store_dump)" "$before" "refused commands: every table byte-identical"

# --- 5. a large import costs statements per batch, not per row -----------------------------------------------
if [ -f "$ASNBELAJAR_TEST_PG_ROOT/server.log" ]; then
  BIG=$(new_store big)
  BIGDB=$(pg_database "$BIG")
  sql "ALTER DATABASE \"$BIGDB\" SET log_statement = 'all'" "$ASNBELAJAR_TEST_PG" >/dev/null
  statements() { grep -c "db=$BIGDB .*\(statement\|execute\)" "$ASNBELAJAR_TEST_PG_ROOT/server.log"; }
  ab --db "$BIG" session add --title "Besar" --start "2022-03-03 09:00" --minutes 60 --jp 1
  s0=$(statements)
  ab --db "$BIG" participant import "$WORK/big.csv"
  expect_rc 0 "an import of $ROWS rows"
  s1=$(statements)
  ab --db "$BIG" participant import "$WORK/big.csv"
  expect_rc 0 "the same import again (none changed)"
  s2=$(statements)
  ab --db "$BIG" enroll 2022-03-03 --file "$WORK/big.csv"
  expect_rc 0 "enroll --file of $ROWS rows"
  s3=$(statements)
  echo "statements logged by the server: import of $ROWS new people $((s1 - s0)), re-import $((s2 - s1))," \
    "enroll --file $((s3 - s2))"
  for n in "$((s1 - s0)):import" "$((s2 - s1)):re-import" "$((s3 - s2)):enroll --file"; do
    [ "${n%%:*}" -le $((ROWS / 20)) ] && ok ||
      fail "${n#*:} of $ROWS rows took ${n%%:*} statements: more than one per 20 rows (one per row?)"
  done
else
  fail "no server log at $ASNBELAJAR_TEST_PG_ROOT/server.log to count statements in"
fi

# --- 6. the signing key in the registry, readable by the store's owner only ------------------------------------
KEYDB=$(new_store keys)
export XDG_CONFIG_HOME="$WORK/config" # a key file would land here: none may
ab --db "$KEYDB" session add --title "Kunci" --start "2022-03-03 09:00" --minutes 60 --jp 1 --code kunci
ab --db "$KEYDB" participant add --nip 199001152014031002 --name "Budi Santoso"
ab --db "$KEYDB" attend kunci 199001152014031002 --minutes 60
ab --db "$KEYDB" certify kunci
expect_rc 0 "a certificate to sign"
ab --db "$KEYDB" certify key --public
expect_rc 1 "certify key --public before there is a key"
expect_grep "no signing key in .*table signing_key.*certify key --init" "$ERR" "says how to make one"
ab --db "$KEYDB" certify codes kunci --format tsv
expect_rc 0 "certify codes makes the key on first use"
expect_grep "made a new signing key in .*\(table signing_key\)" "$ERR" "the note says the key is in the registry"
code=$(tail -n 1 "$OUT" | cut -f5)
expect_eq "$(sql 'SELECT count(*) FROM signing_key' "$KEYDB")" "1" "the key is one row of the registry"
[ -z "$(find "$WORK/config" -type f 2>/dev/null)" ] && ok || fail "a key file was written under XDG_CONFIG_HOME"
expect_eq "$(sql "SELECT has_table_privilege('public', 'signing_key', 'SELECT')" "$KEYDB")" "f" \
  "PUBLIC may not read signing_key"
ab --db "$KEYDB" certify key --public
expect_rc 0 "certify key --public"
expect_grep '^asnbelajar-ed25519 [0-9a-f]{16} [A-Za-z0-9_-]{43}$' "$OUT" "the public key"
pub=$(cat "$OUT")
ab --db "$KEYDB" certify verify "$code"
expect_rc 0 "certify verify with the registry's key"
ab --db "$KEYDB" certify verify "$code" --public-key "$pub" --offline
expect_rc 0 "certify verify offline with the public key"
ab --db "$KEYDB" certify kunci --pdf "$WORK/keypdf"
expect_rc 0 "certify --pdf signs with the registry's key"
expect_no_grep 'made a new' "$ERR" "--pdf uses the key there is"
[ -s "$WORK/keypdf/199001152014031002.pdf" ] && ok || fail "certify --pdf wrote the certificate"
# A clerk's role, granted the tables but not the key: every other command works, the key is refused.
clerk="clerk_$$"
psql -X -q -d "$(pg_database "$KEYDB")" -v ON_ERROR_STOP=1 -c "CREATE ROLE $clerk LOGIN" \
  -c "GRANT SELECT ON ALL TABLES IN SCHEMA public TO $clerk" -c "REVOKE SELECT ON signing_key FROM $clerk" \
  >/dev/null || fail "cannot make the role $clerk"
CLERK_DB="postgresql://$clerk@/$(pg_database "$KEYDB")?host=$PGHOST&port=$PGPORT"
ab --db "$CLERK_DB" report session kunci --format csv
expect_rc 0 "the clerk reads reports"
ab --db "$CLERK_DB" certify key --public
expect_rc 1 "the clerk cannot read the key"
expect_grep "only the role that owns the store may read it" "$ERR" "says who may"
psql -X -q -d "$(pg_database "$KEYDB")" -c "DROP OWNED BY $clerk" >/dev/null 2>&1
psql -X -q -d postgres -c "DROP ROLE IF EXISTS $clerk" >/dev/null 2>&1
unset XDG_CONFIG_HOME

finish
