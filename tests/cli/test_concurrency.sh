#!/usr/bin/env bash
# Several processes writing one store at once, as admins' scripts and cron jobs do.
#  1. 8 writers each enroll 250 people one command at a time into one session, while a large participant
#     import and a stream of reports run: every enrollment is there, once, and nothing fails (no "database is
#     locked").
#  2. Capacity N, 4N concurrent attempts: exactly N enrolled, the rest waitlisted, arrival numbers 1..4N without
#     gaps or duplicates, in commit order (the audit log's order), the enrolled being the first N to commit.
#  3. Concurrent cancellations promote exactly the first people of the waiting list.
# ASNBELAJAR_TEST_SCALE (percent, default 100) shrinks the sizes, for the sanitizer build's slower processes.
source "$(dirname "$0")/lib.sh"

WRITERS=8
PER_WRITER=$(scaled 250)
TOTAL=$((WRITERS * PER_WRITER))
N=$(scaled 40)
IMPORT_ROWS=$(scaled 20000)
q() { sql "$1"; }

# In the future (as sessions being enrolled in are): its report has no attendance to miss yet.
ab session add --title "Webinar ASN Belajar Seri 9 | 2099" --start "2099-03-03 09:00" --minutes 180 --jp 3 --code open
expect_rc 0 "an open session"
# In the future: before a session starts, a cancelled seat goes to the waiting list (3. below).
ab session add --title "Seri 10" --start "2099-03-10 09:00" --minutes 180 --jp 3 --code limited --capacity "$N"
expect_rc 0 "a session with $N seats"
make_roster "$WORK/people.csv" "$TOTAL"
ab participant import "$WORK/people.csv"
expect_rc 0 "the $TOTAL people who will enroll"
make_roster "$WORK/late.csv" "$IMPORT_ROWS" 500000

# deal FILE DIR K: the NIPs of roster FILE dealt round-robin into DIR/0 .. DIR/K-1.
deal() {
  mkdir -p "$2"
  awk -F, -v dir="$2" -v k="$3" 'NR > 1 { print $1 > (dir "/" ((NR - 2) % k)) }' "$1"
}
# run_writers SESSION DIR: one background writer per file in DIR, each enrolling its people one command at a
# time; a writer's failures go to DIR/N.failed and its stderr to DIR/N.err.
run_writers() {
  local w
  for w in $(seq 0 $((WRITERS - 1))); do
    (while read -r nip; do
      "$ASNBELAJAR" -q enroll "$1" "$nip" 2>>"$2/$w.err" || echo "$nip" >>"$2/$w.failed"
    done <"$2/$w") &
  done
}

# --- 1. eight writers, an import and reports at once ---
deal "$WORK/people.csv" "$WORK/w" "$WRITERS"
start=$(date +%s%N)
run_writers open "$WORK/w"
sleep 0.3
"$ASNBELAJAR" -q participant import "$WORK/late.csv" 2>"$WORK/import.err" &
importer=$!
reports=0 report_failures=0
while [ "$(jobs -rp | wc -l)" -gt 0 ]; do
  if "$ASNBELAJAR" report session open --format csv >"$WORK/report.csv" 2>>"$WORK/report.err"; then
    reports=$((reports + 1))
    head -1 "$WORK/report.csv" | grep -q '^nip,name,' || report_failures=$((report_failures + 1))
  else
    report_failures=$((report_failures + 1))
  fi
done
wait $importer
import_rc=$?
wait
elapsed=$((($(date +%s%N) - start) / 1000000))
cat "$WORK"/w/*.failed >"$WORK/failed" 2>/dev/null
cat "$WORK"/w/*.err "$WORK/import.err" "$WORK/report.err" >"$WORK/errors" 2>/dev/null
expect_eq "$(wc -l <"$WORK/failed")" "0" "no enrollment failed"
expect_no_grep 'locked|busy' "$WORK/errors" "no 'database is locked'"
expect_eq "$(cat "$WORK/errors")" "" "no writer, importer or reader said anything on stderr"
expect_eq "$import_rc" "0" "the import beside the writers succeeded"
expect_eq "$report_failures" "0" "every report run beside the writers succeeded"
expect_eq "$(q "SELECT count(*) FROM enrollments e JOIN sessions s ON s.id = e.session_id
               WHERE s.code = 'open' AND e.status = 'enrolled'")" "$TOTAL" "all $TOTAL enrollments are there"
expect_eq "$(q "SELECT count(DISTINCT participant_id) FROM enrollments")" "$TOTAL" "each person once"
expect_eq "$(q "SELECT count(DISTINCT arrival) || ',' || min(arrival) || ',' || max(arrival) FROM enrollments")" \
  "$TOTAL,1,$TOTAL" "arrival numbers 1..$TOTAL without gaps or duplicates"
expect_eq "$(q "SELECT count(*) FROM participants")" "$((TOTAL + IMPORT_ROWS))" "the import is whole"
expect_eq "$(q "SELECT count(*) FROM audit_log WHERE command LIKE 'asnbelajar -q enroll open %'")" "$TOTAL" \
  "one audit row per enrollment"
ab db check
expect_rc 0 "the store passes its integrity check"
echo "writers: $WRITERS x $PER_WRITER enrollments, one command each, beside an import of $IMPORT_ROWS rows" \
  "and $reports reports: $TOTAL of $TOTAL written in $((elapsed / 1000)).$((elapsed % 1000 / 100)) s, no failure"

# --- 2. capacity N, 4N attempts at once ---
head -$((4 * N + 1)) "$WORK/people.csv" >"$WORK/rush.csv"
deal "$WORK/rush.csv" "$WORK/r" "$WRITERS"
run_writers limited "$WORK/r"
wait
cat "$WORK"/r/*.failed "$WORK"/r/*.err >"$WORK/rush-errors" 2>/dev/null
expect_eq "$(cat "$WORK/rush-errors")" "" "every attempt of the rush succeeded"
# The session's enrollments by arrival, and the order the audit log saw the commands commit in.
q "SELECT p.nip || ',' || e.status || ',' || e.arrival FROM enrollments e
   JOIN sessions s ON s.id = e.session_id JOIN participants p ON p.id = e.participant_id
   WHERE s.code = 'limited' ORDER BY e.arrival" >"$WORK/by-arrival"
q "SELECT substr(command, length('asnbelajar -q enroll limited ') + 1) FROM audit_log
   WHERE command LIKE 'asnbelajar -q enroll limited %' ORDER BY id" >"$WORK/by-commit"
expect_eq "$(grep -c ',enrolled,' "$WORK/by-arrival")" "$N" "exactly $N enrolled"
expect_eq "$(grep -c ',waitlisted,' "$WORK/by-arrival")" "$((3 * N))" "the other $((3 * N)) waitlisted"
expect_eq "$(cut -d, -f3 "$WORK/by-arrival" | tr '\n' ' ')" "$(seq 1 $((4 * N)) | tr '\n' ' ')" \
  "arrival numbers 1..$((4 * N)): no gaps, no duplicates"
expect_eq "$(head -$N "$WORK/by-arrival" | cut -d, -f2 | sort -u)" "enrolled" "the first $N to arrive are enrolled"
expect_eq "$(cut -d, -f1 "$WORK/by-arrival")" "$(cat "$WORK/by-commit")" "arrival order is commit order"
ab report session limited --format csv
expect_eq "$(grep -c ',enrolled,' "$OUT"),$(grep -c ',waitlisted,' "$OUT")" "$N,$((3 * N))" \
  "the session report agrees"

# --- 3. concurrent cancellations promote the head of the waiting list ---
CANCELS=$(((N + 1) / 2 < 8 ? (N + 1) / 2 : 8))
head -$CANCELS "$WORK/by-arrival" | cut -d, -f1 >"$WORK/cancel"
sed -n "$((N + 1)),$((N + CANCELS))p" "$WORK/by-arrival" | cut -d, -f1 | sort >"$WORK/expected-promoted"
while read -r nip; do
  "$ASNBELAJAR" -q enroll limited --cancel "$nip" 2>>"$WORK/cancel.err" || echo "cancel $nip failed" >>"$WORK/cancel.err" &
done <"$WORK/cancel"
wait
expect_eq "$(cat "$WORK/cancel.err" 2>/dev/null)" "" "every cancellation succeeded"
expect_eq "$(q "SELECT count(*) FROM enrollments e JOIN sessions s ON s.id = e.session_id
               WHERE s.code = 'limited' AND e.status = 'enrolled'")" "$N" "still exactly $N enrolled"
q "SELECT p.nip FROM enrollments e JOIN sessions s ON s.id = e.session_id JOIN participants p ON p.id = e.participant_id
   WHERE s.code = 'limited' AND e.status = 'enrolled' AND e.arrival > $N ORDER BY p.nip" >"$WORK/promoted"
expect_eq "$(cat "$WORK/promoted")" "$(cat "$WORK/expected-promoted")" \
  "the $CANCELS promoted are the first $CANCELS of the waiting list"
ab db check
expect_rc 0 "the store passes its integrity check at the end"

# --- enroll --file and attend --create-unknown at once, again and again: one lock order, no deadlock ---
# Both create participants in one session. Every writer takes the session's row first and the participants'
# lock after it (docs/architecture.md, "Locking"), so the two queue behind each other; neither fails with a
# deadlock (PostgreSQL's 40P01) or a lock timeout, and nobody is created twice.
ab session add --title "Urutan kunci" --start "2022-04-07 09:00" --minutes 120 --jp 2 --code lockorder
expect_rc 0 "a session for the lock-order rounds"
ROUNDS=$(scaled 5)
[ "$ROUNDS" -lt 3 ] && ROUNDS=3
for round in $(seq 1 "$ROUNDS"); do
  first=$((700000 + round * 1000))
  make_roster "$WORK/reg-$round.csv" 200 "$first"
  # An attendance export naming the same 200 new people and 100 others (NIP;Nama;No HP;Menit).
  make_roster "$WORK/att-src-$round.csv" 300 "$((first + 100))"
  { echo "NIP;Nama;No HP;Menit"; tail -n +2 "$WORK/att-src-$round.csv" | awk -F, '{ print $1 ";" $2 ";;100" }'
    tail -n +2 "$WORK/reg-$round.csv" | head -100 | awk -F, '{ print $1 ";" $2 ";;100" }'; } >"$WORK/att-$round.csv"
  "$ASNBELAJAR" -q enroll lockorder --file "$WORK/reg-$round.csv" >/dev/null 2>"$WORK/enroll-$round.err" &
  p1=$!
  "$ASNBELAJAR" -q attend lockorder --file "$WORK/att-$round.csv" --source csv --create-unknown \
    >/dev/null 2>"$WORK/attend-$round.err" &
  p2=$!
  wait $p1
  r1=$?
  wait $p2
  r2=$?
  expect_eq "$r1,$r2" "0,0" "round $round: enroll --file and attend --create-unknown at once both succeed"
  expect_no_grep 'deadlock|locked' "$WORK/enroll-$round.err" "round $round: enroll --file"
  expect_no_grep 'deadlock|locked' "$WORK/attend-$round.err" "round $round: attend --create-unknown"
done
expect_eq "$(sql "SELECT count(*) FROM participants WHERE nip IN (SELECT nip FROM participants GROUP BY nip HAVING count(*) > 1)")" \
  "0" "nobody was created twice"
# Per round 400 people: 200 registered (100 of them also in the export), 200 more in the export only.
expect_eq "$(sql "SELECT count(*) FROM enrollments e JOIN sessions s ON s.id = e.session_id WHERE s.code = 'lockorder' AND e.status IN ('enrolled', 'walk-in')")" \
  "$((ROUNDS * 400))" "everyone of every round has a seat or a walk-in row"
ab db check
expect_rc 0 "the store passes its integrity check after the lock-order rounds"

finish
