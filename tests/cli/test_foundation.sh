#!/usr/bin/env bash
# The spine end to end: sessions, participants, enrollment with capacity and waiting list, manual attendance,
# the session and weekly reports, exit codes, and a failed command leaving the store untouched.
source "$(dirname "$0")/lib.sh"

P1=198609262015051001; P2=199001152014031002; P3=198703212010122003
P4=197512302000031001; P5=199205172019022004; P6=198811112012081005

# --- exit codes for usage ---
ab --version;                         expect_rc 0 "--version"
expect_grep '^asnbelajar [0-9]' "$OUT" "--version prints the version"
ab --no-such-option;                  expect_rc 2 "unknown option"
expect_grep '^asnbelajar: error:' "$ERR" "usage errors are prefixed"
ab session add --title X;             expect_rc 2 "missing required options"
ab report weekly;                     expect_rc 1 "report on a missing store"
expect_grep 'no store at' "$ERR" "missing store is named"
if sqlite_only "a read creates no store file"; then
  [ ! -e "$ASNBELAJAR_DB" ] && ok || fail "a read must not create the store"
else
  expect_eq "$(sql "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" "0" "a read must not create the schema"
fi

# --- a session; the store is created 0600 and in WAL mode ---
ab session add --title "Webinar ASN Belajar Seri 9 | 2022" --start "2022-03-03 09:00" --minutes 180 --jp 3 \
   --series 9 --capacity 3
expect_rc 0 "session add"
expect_eq "$(cat "$OUT")" "2022-03-03" "default code is the local date"
if sqlite_only "file mode 0600 and WAL"; then
  expect_eq "$(stat -c %a "$ASNBELAJAR_DB")" "600" "new store is owner-only"
  expect_eq "$(od -An -tu1 -j18 -N2 "$ASNBELAJAR_DB" | tr -s ' ')" " 2 2" "store is in WAL mode"
else
  expect_eq "$(sql "SELECT count(*) FROM sessions")" "1" "the first write created the schema and the session"
fi
ab session add --title "Second that day" --start "2022-03-03 13:00" --minutes 60 --jp 1
expect_eq "$(cat "$OUT")" "2022-03-03-2" "a second session that day gets -2"
ab session add --title "Bad" --start "2022-02-30 09:00" --minutes 60 --jp 1
expect_rc 2 "impossible start date is a usage error"
ab session add --title "Bad" --start "2022-03-10 09:00" --minutes 60 --jp x
expect_rc 2 "bad --jp"

# --- participants ---
n=1
for p in $P1 $P2 $P3 $P4 $P5 $P6; do
  ab participant add --nip "$p" --name "Peserta $n" --email "peserta$n@example.go.id" --agency "Pemerintah Kota Malang" \
     --grade IIIa --phone 0812345678$n
  expect_rc 0 "participant add $n"
  n=$((n + 1))
done
ab participant add --nip "19860926 201505 1 001" --name "Duplicate"
expect_rc 1 "duplicate NIP refused"
ab participant add --nip 198613262015051001 --name "Bad date"
expect_rc 1 "invalid NIP refused"
expect_grep 'nip' "$ERR" "the bad field is named"
ab participant show "19860926 201505 1 001" --format csv
expect_rc 0 "participant show by spaced NIP"
expect_eq "$(csv_field "$OUT" nip $P1 grade)" "III/a" "golongan normalised"
expect_eq "$(csv_field "$OUT" nip $P1 phone)" "+628123456781" "phone normalised"

# --- enrollment with capacity 3 ---
ab enroll 2022-03-03 $P1 $P2 $P3 $P4 $P5
expect_rc 0 "enroll five into three seats"
ab enroll 2022-03-03 $P1
expect_rc 0 "repeating an enrollment is harmless"
expect_grep 'already enrolled' "$ERR" "repeat reported as already enrolled"
before=$(store_digest)
ab enroll 2022-03-03 $P6 199912312020121009
expect_rc 1 "an unknown person fails the whole command"
expect_grep '199912312020121009' "$ERR" "the unknown person is named"
expect_eq "$(store_digest)" "$before" "failed enroll leaves the store byte-identical"
ab enroll NO-SUCH-SESSION $P1
expect_rc 1 "unknown session"

# --- attendance: 70 % of 180 minutes is 126 ---
ab attend 2022-03-03 $P1 --minutes 150;  expect_rc 0 "manual mark attended"
ab attend 2022-03-03 $P2 --minutes 100;  expect_rc 0 "manual mark partial"
ab attend 2022-03-03 peserta6@example.go.id; expect_rc 0 "self-declared walk-in"
before=$(store_digest)
ab attend 2022-03-03 $P3 --minutes 999
expect_rc 1 "minutes beyond the session refused"
expect_eq "$(store_digest)" "$before" "failed attend leaves the store byte-identical"

ab report session 2022-03-03 --format csv
expect_rc 0 "report session csv"
expect_eq "$(head -1 "$OUT")" "nip,name,email,agency,unit,enrollment,minutes,attendance,jp,certificate,survey,posttest" \
  "session columns"
row() { grep "^$1," "$OUT" | cut -d, -f6-9; }
expect_eq "$(row $P1)" "enrolled,150,attended,3" "P1 attended"
expect_eq "$(row $P2)" "enrolled,100,partial,0" "P2 partial"
expect_eq "$(row $P3)" "enrolled,0,absent,0" "P3 absent"
expect_eq "$(row $P4)" "waitlisted,0,absent,0" "P4 waitlisted"
expect_eq "$(row $P6)" "walk-in,0,attended,3" "P6 walk-in"
expect_eq "$(wc -l <"$OUT")" "7" "six people and a header"

# --- cancel after the session: nobody is promoted into the past (tests/cli/test_corrections.sh: before it) ---
ab enroll 2022-03-03 --cancel $P3
expect_rc 0 "cancel"
expect_no_grep ": promoted from the waiting list" "$ERR" "nobody promoted after the start"
expect_grep "the session has started: nobody is promoted" "$ERR" "and the admin is told"
ab report session 2022-03-03 --format csv
expect_eq "$(row $P3)" "cancelled,0,absent,0" "P3 cancelled"
expect_eq "$(row $P4)" "waitlisted,0,absent,0" "P4 still waiting"
expect_eq "$(row $P5)" "waitlisted,0,absent,0" "P5 still waiting"

# --- the threshold is per session and recomputes outcomes ---
ab session edit 2022-03-03 --min-attendance 50
expect_rc 0 "edit threshold"
ab report session 2022-03-03 --format csv
expect_eq "$(row $P2)" "enrolled,100,attended,3" "P2 attended at 50 %"
ab session edit 2022-03-03 --min-attendance 70
ab report session 2022-03-03 --format csv
expect_eq "$(row $P2)" "enrolled,100,partial,0" "P2 partial again at 70 %"

# --- weekly report ---
ab report weekly --week-of 2022-03-03 --format csv
expect_rc 0 "weekly csv"
expect_eq "$(head -1 "$OUT")" \
  "session,date,title,jp,enrolled,waitlisted,attended,partial,absent,walk_ins,attendance_rate,certificates,attendance_recorded" \
  "weekly columns"
expect_eq "$(grep '^2022-03-03,' "$OUT")" \
  "2022-03-03,2022-03-03,Webinar ASN Belajar Seri 9 | 2022,3,2,2,2,1,0,1,0.5000,0,true" "weekly numbers"
expect_eq "$(grep -c '^2022-03-03-2,' "$OUT")" "1" "second session listed"
ab --format csv report weekly --week-of 2022-03-03
cp "$OUT" "$WORK/weekly-before.csv"
ab report weekly 2022-W09 --format csv
expect_eq "$(cat "$OUT")" "$(cat "$WORK/weekly-before.csv")" "ISO week and global option before the command agree"
ab report weekly --week-of 2022-03-03 --format json
expect_grep '"period": \{"from": "2022-02-28", "to": "2022-03-06"\}' "$OUT" "json period"
expect_grep '"attendance_rate":0.5000' "$OUT" "json rate is a number"
expect_grep '"top_agencies"' "$OUT" "json top agencies"
ab report weekly --week-of 2022-03-03 --format tsv
expect_eq "$(head -1 "$OUT" | tr '\t' ,)" \
  "session,date,title,jp,enrolled,waitlisted,attended,partial,absent,walk_ins,attendance_rate,certificates,attendance_recorded" "tsv"
ASNBELAJAR_LANG= ab report weekly --week-of 2022-03-03
expect_grep 'periode 28 Februari–6 Maret 2022' "$OUT" "Indonesian period by default"
expect_grep 'Kamis, 3 Maret 2022' "$OUT" "Indonesian date"
ab report weekly --week-of 2022-03-03 --lang en
expect_grep 'period 28 February–6 March 2022' "$OUT" "English with --lang en"
ab report weekly --week-of 2022-03-10 --format csv
expect_eq "$(wc -l <"$OUT")" "1" "an empty week has only the header"
ab report weekly --week-of 2022-03-03 --format csv -o "$WORK/weekly.csv"
expect_eq "$(cat "$WORK/weekly.csv")" "$(cat "$WORK/weekly-before.csv")" "-o writes the same CSV"
ab report weekly --week-of 2022-03-03 -o "$WORK/weekly.json"
expect_grep '"sessions"' "$WORK/weekly.json" "format follows the -o extension"

# --- store selection: --db wins over $ASNBELAJAR_DB ---
OTHER=$(new_store other)
ab --db "$OTHER" session add --title T --start "2022-03-04 09:00" --minutes 60 --jp 1
expect_rc 0 "--db"
ab --db "$OTHER" session list --format csv
expect_grep '^2022-03-04,' "$OUT" "--db creates the named store"
expect_eq "$(head -1 "$OUT")" "code,series,title,start,minutes,jp,capacity,status,enrolled,attended" \
  "session list: its columns"
ab session list --format csv
expect_eq "$(grep -c 2022-03-04 "$OUT")" "0" "the env store did not get the --db session"

# --- a PostgreSQL URL names a server, never a file: one that cannot be reached is named, its password unsaid ---
cd "$WORK" || exit 1
for url in "postgresql://asnb:s3cret@/asnb?host=$WORK/no-server&port=5" "postgres://asnb:s3cret@/asnb?host=$WORK/no-server"; do
  for args in "session list" "session add --title T --start 2022-03-04T09:00 --minutes 60 --jp 1" "db migrate"; do
    # shellcheck disable=SC2086 # the arguments are words
    ab --db "$url" $args
    expect_rc 1 "--db $url: $args"
    expect_grep "cannot connect to the PostgreSQL store postgres(ql)?://asnb@/asnb.host=$WORK/no-server" "$ERR" \
      "--db $url: $args: the server is named"
    expect_eq "$(grep -c s3cret "$ERR")" "0" "--db $url: $args: the password is not printed"
  done
  ASNBELAJAR_DB="$url" ab participant list
  expect_grep 'cannot connect to the PostgreSQL store' "$ERR" "ASNBELAJAR_DB=$url: said so"
  expect_eq "$(grep -c s3cret "$ERR")" "0" "ASNBELAJAR_DB=$url: the password is not printed"
done
expect_eq "$(find . -name 'postgres*' | wc -l)" "0" "no file is made of a URL"
cd - >/dev/null || exit 1

# --- a failed first write leaves no store behind ---
NEW=$(new_store new)
ab --db "$NEW" enroll 2022-03-03 $P1
expect_rc 1 "enroll on an empty store"
if [ "$BACKEND" = sqlite ]; then
  [ ! -e "$NEW" ] && ok || fail "failed first command leaves no store file"
else
  expect_eq "$(sql "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'" "$NEW")" "0" \
    "failed first command leaves no schema"
fi

# --- db check and the audit log ---
ab db check --format csv
expect_rc 0 "db check"
expect_grep '^integrity,ok$' "$OUT" "integrity ok"
expect_grep '^schema_version,5$' "$OUT" "schema version"
ab db log --format csv
expect_grep 'enroll 2022-03-03 --cancel' "$OUT" "audit log records the command"

ab db backup "$WORK/backup.db"
expect_rc 0 "db backup"
expect_eq "$(stat -c %a "$WORK/backup.db")" "600" "backup is owner-only"
ab report session 2022-03-03 --format csv; cp "$OUT" "$WORK/live.csv"
ab --db "$WORK/backup.db" report session 2022-03-03 --format csv
expect_eq "$(cat "$OUT")" "$(cat "$WORK/live.csv")" "the backup holds the same data"

# On PostgreSQL, FILE.dump is a pg_dump -Fc archive: owner-only, and pg_restore brings the same data back.
if pg_only "db backup FILE.dump (pg_dump -Fc)"; then
  ab db backup "$WORK/registry.dump"
  expect_rc 0 "db backup FILE.dump"
  expect_grep 'a pg_dump -Fc archive' "$ERR" "the note says a pg_dump archive was written"
  expect_eq "$(stat -c %a "$WORK/registry.dump")" "600" "the dump is owner-only"
  expect_eq "$(find "$WORK" -name '*registry.dump*' | wc -l)" "1" "no pg_dump message file is left beside it"
  RESTORED=$(new_store restored)
  pg_restore --no-owner -d "$(pg_database "$RESTORED")" "$WORK/registry.dump" 2>"$WORK/restore.err"
  expect_eq "$?" "0" "pg_restore reads the dump ($(head -c 300 "$WORK/restore.err"))"
  ab --db "$RESTORED" report session 2022-03-03 --format csv
  expect_eq "$(cat "$OUT")" "$(cat "$WORK/live.csv")" "the restored dump holds the same data"
  # A fake pg_dump first on the PATH, its behaviour chosen by FAKE. pg_dump gets the store's connection through an
  # environment the backup sets (not one it inherited), never its command line (which ps shows); when it fails,
  # its last words from both its streams (kept owner-only while it runs) are the message (on one line, at most
  # 400 characters), none reach asnbelajar's output, and nothing is left.
  mkdir -p "$WORK/fakebin"
  cat >"$WORK/fakebin/pg_dump" <<'FAKE'
#!/bin/sh
case $FAKE in
args) # succeeds, saying how it was called
  printf '%s\n' "$*" >"$WORK/args.txt"
  printf '%s|%s|%s\n' "$PGHOST" "$PGPORT" "$PGDATABASE" >"$WORK/env.txt" ;;
fail)
  echo "pg_dump: arguments: $*"
  echo "pg_dump: database ${PGDATABASE:-none} on port ${PGPORT:-none}, output mode $(stat -L -c %a /proc/self/fd/2)  "
  printf 'pg_dump: error: server version mismatch \n\n'
  exit 1 ;;
streams)
  echo 'pg_dump: a line on standard output'
  printf 'pg_dump: error: connection lost\npg_dump: detail: while reading "participants"\n \n' >&2
  exit 1 ;;
silent) exit 3 ;;
long) for i in $(seq 1 100); do printf "word%03d " "$i"; done; exit 2 ;;
400) printf "%0400d" 0; exit 2 ;;
401) printf "1%0400d" 0; exit 2 ;;
esac
FAKE
  chmod +x "$WORK/fakebin/pg_dump"
  export WORK
  # fake_backup MODE FILE: db backup FILE with the fake pg_dump acting as MODE says.
  fake_backup() { FAKE=$1 PATH="$WORK/fakebin:$PATH" ab db backup "$2"; }
  PGHOST='' PGPORT='' PGDATABASE='' fake_backup args "$WORK/fake.dump"
  expect_rc 0 "a pg_dump that succeeds"
  expect_grep '^-Fc --no-password -f .+$' "$WORK/args.txt" "pg_dump -Fc, never asking for a password, into a file"
  expect_no_grep 'postgresql:' "$WORK/args.txt" "no connection string on pg_dump's command line"
  expect_eq "$(cat "$WORK/env.txt")" "$PGHOST|$PGPORT|$(sql 'SELECT current_database()')" \
    "the connection's host, port and database reach pg_dump through its environment"
  fake_backup fail "$WORK/failed.dump"
  expect_rc 1 "a failing pg_dump"
  expect_grep "^asnbelajar: error: cannot back up to $WORK/failed.dump: pg_dump failed: pg_dump: arguments: -Fc --no-password -f [^ ]+ pg_dump: database $(pg_database "$ASNBELAJAR_DB") on port $PGPORT, output mode 600   pg_dump: error: server version mismatch$" \
    "$ERR" "the message is pg_dump's output on one line, connection from the environment"
  expect_eq "$(find "$WORK" -name '*failed.dump*' | wc -l)" "0" "a failed dump leaves no file"
  # Started with SIGCHLD ignored (a supervisor's habit, inherited across exec), pg_dump's exit status would be
  # lost to the kernel's reaping: a failed dump must still be a failure.
  (trap '' CHLD; FAKE=fail PATH="$WORK/fakebin:$PATH" exec "$ASNBELAJAR" db backup "$WORK/failed.dump") >"$OUT" 2>"$ERR"
  RC=$?
  expect_rc 1 "a failing pg_dump, SIGCHLD ignored"
  expect_grep "pg_dump failed: .*server version mismatch$" "$ERR" "a failing pg_dump is said, SIGCHLD ignored"
  expect_eq "$(find "$WORK" -name '*failed.dump*' | wc -l)" "0" "a failed dump leaves no file, SIGCHLD ignored"
  fake_backup streams "$WORK/failed.dump"
  expect_rc 1 "a pg_dump that fails"
  expect_grep "cannot back up to $WORK/failed.dump: pg_dump failed: pg_dump: a line on standard output pg_dump: error: connection lost pg_dump: detail: while reading \"participants\"\$" \
    "$ERR" "pg_dump's lines (its output and its errors), on one line, trailing blanks dropped"
  expect_no_grep 'a line on standard output' "$OUT" "nothing of pg_dump's reaches asnbelajar's output"
  expect_eq "$(find "$WORK" -name '*.dump*.err' | wc -l)" "0" "a failed backup leaves no message file"
  fake_backup silent "$WORK/failed.dump"
  expect_rc 1 "a pg_dump that fails without a word"
  expect_grep "pg_dump failed: no message\$" "$ERR" "a failure without a message says so"
  fake_backup long "$WORK/failed.dump"
  expect_rc 1 "a failing pg_dump that says much"
  expect_grep "pg_dump failed: … word051 word052 .* word100$" "$ERR" "a long complaint keeps its last 400 characters"
  fake_backup 400 "$WORK/failed.dump"
  expect_grep "pg_dump failed: 0{400}$" "$ERR" "a complaint of 400 characters is kept whole"
  fake_backup 401 "$WORK/failed.dump"
  expect_grep "pg_dump failed: …0{400}$" "$ERR" "a complaint of 401 characters loses its first"
  mkdir -p "$WORK/nobin"
  PATH="$WORK/nobin" ab db backup "$WORK/failed.dump"
  expect_rc 1 "no pg_dump on PATH"
  expect_grep "pg_dump failed: cannot run pg_dump: No such file or directory$" "$ERR" "a missing pg_dump is said"
  expect_eq "$(find "$WORK" -name '*failed.dump*' | wc -l)" "0" "a dump that could not start leaves no file"
fi

if sqlite_only "migrating a version-1 SQLite store; PRAGMA user_version" && command -v sqlite3 >/dev/null; then
  # A store of schema version 1 (asnbelajar 0.1) is migrated by the first write and keeps every row and id.
  sqlite3 "$WORK/v1.db" <"$TESTDATA/store-v1.sql"
  ab --db "$WORK/v1.db" report session 2022-03-03 --format csv
  expect_rc 1 "a read of a version-1 store asks for a write first"
  expect_grep 'run `asnbelajar db migrate` \(or any writing command\) once' "$ERR" "the refusal says what to do"
  cp "$WORK/v1.db" "$WORK/v1-copy.db"
  ab --db "$WORK/v1-copy.db" db migrate
  expect_rc 0 "db migrate"
  expect_grep "schema version 5" "$ERR" "db migrate says the version"
  ab --db "$WORK/v1-copy.db" report session 2022-03-03 --format csv
  expect_rc 0 "a migrated store can be read"
  ab --db "$WORK/v1-copy.db" db log --format csv
  expect_grep 'db migrate' "$OUT" "the migration is in the audit log"
  ab --db "$WORK/v1-copy.db" db migrate
  expect_rc 0 "db migrate of a current store changes nothing and succeeds"
  ab --db "$WORK/none.db" db migrate
  expect_rc 1 "db migrate of a missing store"
  [ ! -e "$WORK/none.db" ] && ok || fail "db migrate created a store"
  ab --db "$WORK/v1.db" participant add --nip 199203152019031004 --name "Andi Wijaya" --email andi@example.go.id
  expect_rc 0 "a write migrates a version-1 store"
  ab --db "$WORK/v1.db" db check --format csv
  expect_grep '^integrity,ok$' "$OUT" "migrated store: integrity and foreign keys ok"
  expect_grep '^schema_version,5$' "$OUT" "migrated store: version 5"
  expect_grep '^participants,4$' "$OUT" "migrated store: every participant kept"
  ab --db "$WORK/v1.db" report session 2022-03-03 --format csv
  expect_grep '^198503302010011002,Budi Santoso,.*,enrolled,180,attended,3,ASNB/2022/III/000001,,$' "$OUT" \
    "migrated store: attendance and certificate still point at their person"
  expect_grep '^,Tamu Umum,tamu@example.com,,,walk-in,60,partial,0,,,$' "$OUT" "migrated store: a person without NIP"
  expect_eq "$(sqlite3 "$WORK/v1.db" "SELECT group_concat(id) FROM participants WHERE nip IS NOT NULL OR email IS NOT NULL")" \
    "1,2,5,6" "migrated store: ids kept, the next one after the highest"
  expect_eq "$(sqlite3 "$WORK/v1.db" "SELECT group_concat(name) FROM (SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'participants' ORDER BY name)")" \
    "participants_email,participants_nip,participants_phone" "migrated store: named indexes"
  ab --db "$WORK/v1.db" participant add --nip 198503302010011002 --name "Budi Lain" --email other@example.go.id
  expect_rc 1 "migrated store: the NIP is still unique"

  # A store of schema version 3 (attendance_imported, before the certificate gates) is migrated to version 4.
  sqlite3 "$WORK/v3.db" <"$TESTDATA/store-v3.sql"
  ab --db "$WORK/v3.db" report session 2022-03-03 --format csv
  expect_rc 1 "a read of a version-3 store asks for a write first"
  ab --db "$WORK/v3.db" db migrate
  expect_rc 0 "db migrate of a version-3 store"
  expect_grep "schema version 5" "$ERR" "db migrate of a version-3 store says the version"
  ab --db "$WORK/v3.db" db check --format csv
  expect_grep '^integrity,ok$' "$OUT" "migrated v3 store: integrity ok"
  expect_grep '^schema_version,5$' "$OUT" "migrated v3 store: version 5"
  expect_grep '^results,0$' "$OUT" "migrated v3 store: an empty results table"
  ab --db "$WORK/v3.db" report session 2022-03-03 --format csv
  expect_grep '^198609262015051001,Andi Wijaya,.*,enrolled,180,attended,3,1/BPSDM-ASNB/III/2022,,$' "$OUT" \
    "migrated v3 store: the certificate kept, no requirements"
  ab --db "$WORK/v3.db" report session 2022-03-10 --format json
  expect_no_grep 'has no attendance recorded' "$ERR" "migrated v3 store: the empty import still counts as recorded"
  expect_eq "$(sqlite3 "$WORK/v3.db" "SELECT attendance_imported IS NOT NULL FROM sessions WHERE code = '2022-03-10'")" \
    "1" "migrated v3 store: attendance_imported kept"
  ab --db "$WORK/v3.db" session edit 2022-03-03 --requires posttest
  expect_rc 0 "migrated v3 store: requirements can be set"
  ab --db "$WORK/v3.db" attend 2022-03-03 198703212010122003 --minutes 180
  expect_rc 0 "migrated v3 store: a new attendee"
  ab --db "$WORK/v3.db" certify 2022-03-03
  expect_grep '1 attended but does not meet the requirements yet: 1 without the post-test' "$ERR" \
    "migrated v3 store: certify applies the gates"

  # A version-3 store holding a row whose person is gone (written with foreign keys off): the migration is
  # refused, naming the table, and the store is left at version 3.
  sqlite3 "$WORK/v3-orphan.db" <"$TESTDATA/store-v3.sql"
  sqlite3 "$WORK/v3-orphan.db" "INSERT INTO enrollments VALUES(1,999,'enrolled',9,1795988751,1795988751)"
  ab --db "$WORK/v3-orphan.db" db migrate
  expect_rc 1 "db migrate of a store with a dangling row"
  expect_grep 'cannot migrate store .*v3-orphan.db: a enrollments row refers to a missing row' "$ERR" \
    "the refusal names the table of the dangling row"
  expect_eq "$(sqlite3 "$WORK/v3-orphan.db" "PRAGMA user_version")" "3" "the refused store stays at version 3"

  # A store of schema version 4 (the certificate gates, before the command ids) is migrated to version 5: the
  # audit log gains command_id (empty for the old rows), unique where set.
  sqlite3 "$WORK/v4.db" <"$TESTDATA/store-v4.sql"
  ab --db "$WORK/v4.db" report session 2022-03-03 --format csv
  expect_rc 1 "a read of a version-4 store asks for a write first"
  ab --db "$WORK/v4.db" db migrate
  expect_rc 0 "db migrate of a version-4 store"
  expect_grep "schema version 5" "$ERR" "db migrate of a version-4 store says the version"
  ab --db "$WORK/v4.db" db check --format csv
  expect_grep '^integrity,ok$' "$OUT" "migrated v4 store: integrity ok"
  expect_grep '^schema_version,5$' "$OUT" "migrated v4 store: version 5"
  expect_eq "$(sqlite3 "$WORK/v4.db" "SELECT count(*) || ' ' || count(command_id) FROM audit_log")" "13 1" \
    "migrated v4 store: every audit row kept, the old ones without a command id (the migration's own has one)"
  ab --db "$WORK/v4.db" attend 2022-03-03 198703212010122003 --minutes 180
  expect_rc 0 "migrated v4 store: a write"
  expect_eq "$(sqlite3 "$WORK/v4.db" "SELECT length(command_id) FROM audit_log ORDER BY id DESC LIMIT 1")" "32" \
    "migrated v4 store: a new write's audit row carries its 128-bit command id"
  expect_eq "$(sqlite3 "$WORK/v4.db" "SELECT requires_posttest FROM sessions WHERE code = '2022-03-03'")" "1" \
    "migrated v4 store: the session's requirements kept"

  cp "$ASNBELAJAR_DB" "$WORK/newer.db"
  sqlite3 "$WORK/newer.db" "PRAGMA user_version = 99"
  ab --db "$WORK/newer.db" session list
  expect_rc 1 "a newer schema is refused"
  expect_grep 'newer' "$ERR" "the refusal says why"
fi

if pg_only "migrating a version-4 PostgreSQL store (asnbelajar_schema)"; then
  # A PostgreSQL store of schema version 4 (before the command ids) is migrated to version 5 by db migrate: the
  # audit log gains command_id (empty for the old rows), unique where set, and new writes fill it.
  V4=$(new_store v4)
  psql -X -q -v ON_ERROR_STOP=1 -d "$V4" -f "$TESTDATA/store-v4.pg.sql" >/dev/null
  expect_eq "$(sql "SELECT max(version) FROM asnbelajar_schema" "$V4")" "4" "the dump is a version-4 store"
  ab --db "$V4" report session s1 --format csv
  expect_rc 1 "a read of a version-4 PostgreSQL store asks for a write first"
  ab --db "$V4" db migrate
  expect_rc 0 "db migrate of a version-4 PostgreSQL store"
  expect_grep "schema version 5" "$ERR" "db migrate of a version-4 PostgreSQL store says the version"
  expect_eq "$(sql "SELECT max(version) FROM asnbelajar_schema" "$V4")" "5" "migrated PostgreSQL store: version 5"
  expect_eq "$(sql "SELECT count(*) || ' ' || count(command_id) FROM audit_log" "$V4")" "7 1" \
    "migrated PostgreSQL store: every audit row kept, the old ones without a command id"
  ab --db "$V4" participant add --nip 198703212010122003 --name "Citra Lestari" --email citra@example.go.id
  expect_rc 0 "migrated PostgreSQL store: a write"
  expect_eq "$(sql "SELECT length(command_id) FROM audit_log ORDER BY id DESC LIMIT 1" "$V4")" "32" \
    "migrated PostgreSQL store: a new write's audit row carries its 128-bit command id"
  ab --db "$V4" report session s1 --format csv
  expect_grep '^198503302010011002,Budi Santoso,' "$OUT" "migrated PostgreSQL store: the enrollment kept"
fi

finish
