#!/usr/bin/env bash
# db copy FROM TO: a store with every kind of row (waiting lists, cancellations, walk-ins, marks from an export,
# certificates and a revoked one, people without a NIP) copied SQLite -> the backend under test -> SQLite gives
# byte-identical reports in every report and the same ordered dump of every table (ids, arrival numbers,
# certificate numbers, the counter, the audit log), and both copies go on numbering as the original; the
# refusals (a target that holds rows, a missing source, one store twice) change nothing.
source "$(dirname "$0")/lib.sh"
D="$TESTDATA/attendance"

SRC="$WORK/source.db" # always an SQLite file
MID=$(new_store middle) || exit 1
BACK="$WORK/back.db"

P1=198609262015051001; P2=199001152014031002; P3=198703212010122003
P4=197512302000031001; P5=199205172019022004; P6=198811112012081005
s() { "$ASNBELAJAR" -q --db "$SRC" "$@" >/dev/null 2>"$ERR" || fail "setup: $*"; }

# --- a store with something of everything ---
s session add --title "Webinar ASN Belajar Seri 9 | 2022" --start "2022-03-03 09:00" --minutes 180 --jp 3 --series 9 \
  --capacity 3
s session add --title "Kelas Khusus" --start "2022-03-08 13:00" --minutes 90 --jp 2 --code KHUSUS --min-attendance 50
s session add --title "Seri 10" --start "2022-03-10 09:00" --minutes 180 --jp 3 --series 10 --repeat weekly --count 3
make_roster "$WORK/roster.csv" 40
s participant import "$WORK/roster.csv"
s participant add --nip $P1 --name "Siti Rahayu, S.Pd., M.M." --email siti@example.go.id --agency "Pemerintah Kota Malang" \
  --phone 081234567001 --unit "Bagian Umum" --position "Analis" --grade IIIc
s participant add --nip $P2 --name "Budi Santoso" --agency "Dinas Pendidikan; DROP TABLE x" --grade IIIa
s participant add --nip $P3 --name "Dewi Lestari" --email dewi@example.go.id
s participant add --nip $P4 --name "=HYPERLINK(\"x\")" --email eko@example.go.id
s participant add --nip $P5 --name "Ni Luh Putu Ayu" --email ayu@example.go.id
s participant add --nip $P6 --name "Agus Salim" --email agus@example.go.id
s enroll 2022-03-03 $P1 $P2 $P3 $P4 $P5
s enroll 2022-03-03 --cancel $P2
s enroll KHUSUS --file "$WORK/roster.csv"
s enroll 2022-03-10 $P1 $P3 $P6
s attend 2022-03-03 $P1 --minutes 170
s attend 2022-03-03 $P3 --minutes 100
s attend 2022-03-03 $P6 --minutes 180
s attend 2022-03-03 $P4 --minutes 150
printf 'nip,minutes\n' >"$WORK/minutes.csv"
tail -n +2 "$WORK/roster.csv" | head -30 | awk -F, '{ print $1 "," 30 + NR * 2 }' >>"$WORK/minutes.csv"
s attend KHUSUS --file "$WORK/minutes.csv"
s certify 2022-03-03
s certify KHUSUS --template "{seq:06}/ASNB/{month}/{year}"
s certify 2022-03-03 --revoke $P4
s session cancel 2022-03-24
# Results: a post-test with scores and times, and a survey (no score) whose file has no times.
cat >"$WORK/posttest.csv" <<EOF
Timestamp,Email Address,Score,NIP (18 digit),Nama Lengkap
3/3/2022 12:01:02,siti@example.go.id,8 / 10,$P1,Siti
3/3/2022 12:05:40,dewi@example.go.id,5 / 10,$P3,Dewi
3/3/2022 12:09:13,dewi@example.go.id,7 / 10,$P3,Dewi
EOF
s results import 2022-03-03 --kind posttest --file "$WORK/posttest.csv"
printf 'NIP,Saran\n%s,Lanjutkan\n%s,\n' $P1 $P6 >"$WORK/survey.csv"
s results import 2022-03-03 --kind survey --file "$WORK/survey.csv"
"$ASNBELAJAR" --db "$SRC" db check --format csv >"$OUT" 2>"$ERR"
expect_grep '^certificates,[1-9]' "$OUT" "the source has certificates"
expect_grep '^attendance_marks,[1-9]' "$OUT" "the source has attendance marks"
expect_grep '^results,[1-9]' "$OUT" "the source has results"

# reports LOCATION DIR: every report of the store, as CSV, into DIR, with its warnings (whose advice names the
# store's location: written STORE here).
reports() {
  local db=$1 dir=$2 code
  mkdir -p "$dir"
  "$ASNBELAJAR" --db "$db" session list --format csv 2>&1 | sed -E 's/--db [^ ]+ /--db STORE /g' >"$dir/sessions.csv"
  "$ASNBELAJAR" --db "$db" participant list --format csv 2>&1 | sed -E 's/--db [^ ]+ /--db STORE /g' >"$dir/participants.csv"
  "$ASNBELAJAR" --db "$db" participant list --search "siti" --format csv 2>&1 | sed -E 's/--db [^ ]+ /--db STORE /g' >"$dir/search.csv"
  "$ASNBELAJAR" --db "$db" participant show $P1 --format csv 2>&1 | sed -E 's/--db [^ ]+ /--db STORE /g' >"$dir/person.csv"
  for code in 2022-03-03 KHUSUS 2022-03-10 2022-03-17 2022-03-24; do
    "$ASNBELAJAR" --db "$db" report session "$code" --format csv 2>&1 | sed -E 's/--db [^ ]+ /--db STORE /g' >"$dir/session-$code.csv"
    "$ASNBELAJAR" --db "$db" report certificates "$code" --format csv 2>&1 | sed -E 's/--db [^ ]+ /--db STORE /g' >"$dir/certificates-$code.csv"
  done
  "$ASNBELAJAR" --db "$db" report weekly --week-of 2022-03-03 --format csv 2>&1 | sed -E 's/--db [^ ]+ /--db STORE /g' >"$dir/weekly.csv"
  "$ASNBELAJAR" --db "$db" report weekly --week-of 2022-03-03 --format json 2>&1 | sed -E 's/--db [^ ]+ /--db STORE /g' >"$dir/weekly.json"
  "$ASNBELAJAR" --db "$db" report participant $P1 --year 2022 --format csv 2>&1 | sed -E 's/--db [^ ]+ /--db STORE /g' >"$dir/participant.csv"
  "$ASNBELAJAR" --db "$db" report jp --year 2022 --format csv 2>&1 | sed -E 's/--db [^ ]+ /--db STORE /g' >"$dir/jp.csv"
  "$ASNBELAJAR" --db "$db" report agency --year 2022 --format csv 2>&1 | sed -E 's/--db [^ ]+ /--db STORE /g' >"$dir/agency.csv"
  "$ASNBELAJAR" --db "$db" report siasn --year 2022 --format csv 2>&1 | sed -E 's/--db [^ ]+ /--db STORE /g' >"$dir/siasn.csv"
}
# same_reports DIR1 DIR2 WHAT
same_reports() {
  local f
  for f in "$1"/*; do
    if cmp -s "$f" "$2/$(basename "$f")"; then ok; else
      fail "$3: $(basename "$f") differs: $(diff "$f" "$2/$(basename "$f")" | head -5)"
    fi
  done
}
# rows_of_copies: store_dump without the audit rows of the copies themselves.
dump_without_copies() { store_dump "$1" | grep -v $'\tasnbelajar db copy '; }

reports "$SRC" "$WORK/r-source"
expect_grep '^[0-9]' "$WORK/r-source/jp.csv" "the JP report has rows"
before=$(store_dump "$SRC")

# --- SQLite -> the backend under test ($BACKEND) -> SQLite ---
ab db copy "$SRC" "$MID"
expect_rc 0 "db copy SQLite -> $BACKEND"
expect_grep "copied .*source.db to .*: 46 participants, 5 sessions, .* certificates, [0-9]+ results, [0-9]+ audit entries" "$ERR" \
  "the copy says what it copied"
expect_no_grep $'\r' "$ERR" "no progress bar when stderr is not a terminal"
expect_eq "$(store_dump "$SRC")" "$before" "the source is unchanged"
reports "$MID" "$WORK/r-middle"
same_reports "$WORK/r-source" "$WORK/r-middle" "SQLite -> $BACKEND"
expect_eq "$(dump_without_copies "$MID")" "$before" "SQLite -> $BACKEND: the same rows in every table"
ab db copy "$MID" "$BACK"
expect_rc 0 "db copy $BACKEND -> SQLite"
reports "$BACK" "$WORK/r-back"
same_reports "$WORK/r-source" "$WORK/r-back" "SQLite -> $BACKEND -> SQLite"
expect_eq "$(dump_without_copies "$BACK")" "$before" "the round trip keeps every row of every table"
expect_eq "$(store_dump "$BACK" | grep -c $'\tasnbelajar db copy ')" "2" "each copy has its audit entry"
"$ASNBELAJAR" --db "$BACK" db check --format csv >"$OUT" 2>"$ERR"
expect_grep '^integrity,ok$' "$OUT" "the round trip's store passes db check"

# --- the copies go on as the original: the next id, arrival number and certificate number ---
for db in "$SRC" "$MID" "$BACK"; do
  "$ASNBELAJAR" -q --db "$db" participant add --nip 199912312020121009 --name "Orang Baru" --email baru@example.go.id \
    >/dev/null 2>&1
  "$ASNBELAJAR" -q --db "$db" enroll 2022-03-10 199912312020121009 $P5 >/dev/null 2>&1
  "$ASNBELAJAR" -q --db "$db" attend 2022-03-10 199912312020121009 --minutes 180 >/dev/null 2>&1
  "$ASNBELAJAR" -q --db "$db" certify 2022-03-10 >/dev/null 2>&1 || fail "certify on $db"
done
reports "$SRC" "$WORK/r-source-2"
reports "$MID" "$WORK/r-middle-2"
reports "$BACK" "$WORK/r-back-2"
expect_grep ',199912312020121009,' "$WORK/r-source-2/certificates-2022-03-10.csv" "the new person is certified"
same_reports "$WORK/r-source-2" "$WORK/r-middle-2" "after new writes, $BACKEND copy"
same_reports "$WORK/r-source-2" "$WORK/r-back-2" "after new writes, round-trip copy"
expect_eq "$(sql "SELECT id FROM participants WHERE nip = '199912312020121009'" "$MID")" \
  "$(sql "SELECT id FROM participants WHERE nip = '199912312020121009'" "$SRC")" "the next participant id follows on"
expect_eq "$(sql "SELECT value FROM counters WHERE name = 'certificate'" "$BACK")" \
  "$(sql "SELECT value FROM counters WHERE name = 'certificate'" "$SRC")" "the certificate counter follows on"

# --- refusals ---
before_mid=$(store_dump "$MID")
ab db copy "$SRC" "$MID"
expect_rc 1 "a target that holds rows"
expect_grep "^asnbelajar: error: the target store .* is not empty \(47 participants, .*\): db copy writes only into a new store" \
  "$ERR" "the refusal says what the target holds and what to do"
expect_eq "$(store_dump "$MID")" "$before_mid" "the refused target is unchanged"
ab db copy "$WORK/no-such.db" "$WORK/never.db"
expect_rc 1 "a missing source"
expect_grep 'no store at .*no-such.db' "$ERR" "the missing source is named"
[ ! -e "$WORK/never.db" ] && ok || fail "a failed copy leaves no target file"
ab db copy "$SRC" "$SRC"
expect_rc 2 "one store as FROM and TO"
ab db copy "$SRC"
expect_rc 2 "TO is required"

finish
