#!/usr/bin/env bash
# Records that stay true after corrections and the ordinary mistakes of admins (issue 14): a session without
# attendance data is "not recorded", never 0 %; certificates that outlive a correction are reported and settled
# with certify --sync; a repeated series is refused; sessions can be restored and deleted; outputs that look
# done but are not are refused; files with personal data are 0600; messages say what to do; an auditor reads a
# store they cannot write. Every refusal leaves the store as it was (its SQL dump).
source "$(dirname "$0")/lib.sh"

P1=198609262015051001
P2=198503302010011002
P3=199001012015031003
dump() { sqlite3 "$ASNBELAJAR_DB" .dump; }
# expect_unchanged BEFORE DESCRIPTION: the store's dump is BEFORE.
expect_unchanged() { expect_eq "$(dump)" "$1" "$2: the store is unchanged"; }

ab session add --title "Webinar ASN Belajar Seri 9 | 2022" --start "2022-03-03 09:00" --minutes 180 --jp 3
expect_rc 0 "a past session"
ab session add --title "Seri 10" --start "2022-03-01 09:00" --minutes 120 --jp 2 --code SERI10
expect_rc 0 "a second past session, in the same week"
for p in "$P1 Siti Rahayu" "$P2 Budi Santoso" "$P3 Dewi Lestari"; do
  set -- $p
  ab participant add --nip "$1" --name "$2 $3"
done
ab enroll 2022-03-03 $P1 $P2 $P3
ab enroll SERI10 $P1 $P2

# --- 1. a session without attendance evidence is not recorded, never 0 % ---
ab attend 2022-03-03 $P1 $P2 --minutes 180
expect_rc 0 "attendance of one session"
ab report weekly --week-of 2022-03-03 --format csv
expect_rc 0 "weekly with a session not recorded"
expect_eq "$(head -1 "$OUT")" \
  "session,date,title,jp,enrolled,waitlisted,attended,partial,absent,walk_ins,attendance_rate,certificates,attendance_recorded" \
  "attendance_recorded is the last column"
expect_eq "$(grep '^SERI10,' "$OUT")" "SERI10,2022-03-01,Seri 10,2,2,0,,,,,,0,false" "not recorded: empty counts and rate"
expect_eq "$(grep '^2022-03-03,' "$OUT" | cut -d, -f7-)" "2,0,1,0,0.6667,0,true" "the recorded session"
expect_grep "^asnbelajar: warning: session SERI10 \(2022-03-01\) has no attendance recorded: .*asnbelajar attend SERI10 --file EXPORT" \
  "$ERR" "the warning names the session and the command that imports it"
ab --quiet report weekly --week-of 2022-03-03 --format csv
expect_grep "warning: session SERI10" "$ERR" "the warning is there under --quiet too"
ab report weekly --week-of 2022-03-03 --format json
expect_grep '"session":"SERI10",.*"absent":null,"walk_ins":null,"attendance_rate":null,"certificates":0,"attendance_recorded":false\}' \
  "$OUT" "json: null counts and rate, attendance_recorded false"
expect_grep '"not_recorded": 1' "$OUT" "json totals count the sessions not recorded"
ab report weekly --week-of 2022-03-03 --lang en
expect_grep 'attendance not recorded' "$OUT" "a marker in the table"
ab report weekly --week-of 2022-03-03 --lang id --format html -o "$WORK/weekly.html"
expect_grep 'belum ada data kehadiran' "$WORK/weekly.html" "a marker in the HTML"
ab report weekly --week-of 2022-03-03 --require-attendance --format csv -o "$WORK/cron.csv"
expect_rc 1 "--require-attendance refuses an incomplete week"
expect_grep "error: --require-attendance: 1 session of the period has no attendance recorded: SERI10" "$ERR" "and says which"
[ ! -e "$WORK/cron.csv" ] && ok || fail "--require-attendance wrote a file"
# An empty export accepted with --allow-empty is a record: nobody attended.
printf 'Name,Email,Join Time,Leave Time,Duration (Minutes)\n' >"$WORK/empty.csv"
ab attend SERI10 --file "$WORK/empty.csv" --source csv --allow-empty
expect_rc 0 "an empty export, allowed"
ab report weekly --week-of 2022-03-03 --require-attendance --format csv
expect_rc 0 "now the week is complete"
expect_eq "$(grep '^SERI10,' "$OUT")" "SERI10,2022-03-01,Seri 10,2,2,0,0,0,2,0,0.0000,0,true" "recorded: nobody attended"

# --- 2. certificates that outlive a correction ---
ab certify 2022-03-03
expect_rc 0 "certify"
ab attend 2022-03-03 $P2 --minutes 60
expect_rc 0 "a manual mark lowers P2 to partial"
expect_grep "warning: session 2022-03-03: 1 live certificate now belongs to a person who no longer attended; .*asnbelajar certify 2022-03-03 --sync" \
  "$ERR" "the correction names the certificate and the command"
ab session edit 2022-03-03 --min-attendance 100
expect_grep "warning: session 2022-03-03: 1 live certificate" "$ERR" "session edit says so too"
ab report certificates 2022-03-03 --format csv
expect_eq "$(head -1 "$OUT")" "certificate,nip,name,agency,session,date,title,jp,qualifies" "qualifies is the last column"
expect_eq "$(grep -c ',false$' "$OUT")" "1" "the certificate of P2 does not qualify"
expect_grep "warning: .*certify 2022-03-03 --sync" "$ERR" "report certificates warns"
ab report session 2022-03-03 --lang id
expect_grep 'tidak hadir\)' "$OUT" "report session marks it"
expect_grep 'tidak hadir\)' <(grep "$P2" "$OUT") "the mark is on P2's certificate"
expect_no_grep 'tidak hadir\)' <(grep "$P1" "$OUT") "and not on P1's, who attended"
ab report session 2022-03-03 --lang en --format csv
expect_grep "warning: 1 live certificate of session 2022-03-03 belongs to a person who no longer attended; settle it with: .*certify 2022-03-03 --sync" \
  "$ERR" "report session counts the certificate that no longer qualifies"
ab report siasn --year 2022 --format csv
expect_eq "$(grep -c "^$P2," "$OUT")" "0" "siasn leaves it out"
expect_eq "$(grep -c "^$P1," "$OUT")" "1" "and keeps the valid one"
expect_grep "warning: left out: 1 live certificate of session 2022-03-03" "$ERR" "siasn says so"
ab db check --format csv
expect_grep '^certificates_not_qualifying,1$' "$OUT" "db check counts it"
expect_grep "1 live certificate belongs to a person who no longer attended \(session 2022-03-03\); settle it with: .*certify 2022-03-03 --sync" \
  "$ERR" "and warns of one certificate too"
ab certify 2022-03-03 --sync
expect_rc 0 "certify --sync"
expect_grep "revoked .* \(no longer attended\)" "$ERR" "sync names the revoked certificate"
expect_grep "revoked 1, certified 0" "$ERR" "sync summary"
ab db check --format csv
expect_grep '^certificates_not_qualifying,0$' "$OUT" "settled"
ab db log --format csv
expect_eq "$(grep -c 'certify 2022-03-03 --sync' "$OUT")" "1" "one audited transaction"
ab attend 2022-03-03 $P3 --minutes 180
expect_rc 0 "a correction the other way: P3 did attend"
expect_grep "session 2022-03-03: 1 attended person has no certificate yet: .*asnbelajar certify 2022-03-03 numbers it$" \
  "$ERR" "the correction says who still needs a certificate, and how to number it"
ab certify 2022-03-03
expect_rc 0 "certify numbers P3"
ab attend 2022-03-03 $P3 --minutes 180
expect_no_grep "no certificate yet" "$ERR" "once numbered, no note"

# --- 3. cancelling after the session started promotes nobody; an attendee who cancels is a walk-in ---
ab session add --title "Kelas Kecil" --start "2022-03-04 09:00" --minutes 60 --jp 1 --capacity 1 --code KECIL
ab enroll KECIL $P1 $P2
ab attend KECIL $P1 --minutes 60
ab enroll KECIL --cancel $P1
expect_rc 0 "cancel after the start"
expect_grep "the session has started: nobody is promoted" "$ERR" "nobody promoted"
ab report session KECIL --format csv
expect_eq "$(csv_field "$OUT" nip $P1 enrollment),$(csv_field "$OUT" nip $P2 enrollment)" "walk-in,waitlisted" \
  "the attendee is a walk-in, the waiting list stays"

# --- 4. a registration export: arrival order is the form's submission time; a later submission wins ---
A=198001012005011001
B=198102022006012002
C=198203032007011003
D=198304042008012004
# FILE SESSION: the enrollment of A, B, C and D in SESSION.
statuses() {
  ab report session "$1" --format csv
  echo "$(csv_field "$OUT" nip $A enrollment),$(csv_field "$OUT" nip $B enrollment),$(csv_field "$OUT" nip $C enrollment),$(csv_field "$OUT" nip $D enrollment)"
}
# Four registrations out of time order (Google Forms, en-US: M/D/YYYY): D, then B, A and C.
cat >"$WORK/forms-en.csv" <<CSV
Timestamp,NIP,Nama Lengkap,Email,Instansi
3/1/2022 10:00:00,$A,Andi Wijaya,andi@example.go.id,Pemerintah Kota Malang
3/1/2022 9:15:02,$B,Budi Hartono,budi@example.go.id,Pemerintah Kota Batu
3/1/2022 11:30:00,$C,Citra Dewi,citra@example.go.id,Pemerintah Kabupaten Malang
2/28/2022 16:45:10,$D,Dian Permata,dian@example.go.id,Pemerintah Kota Surabaya
CSV
ab session add --title "Kelas Antri" --start "2099-03-08 09:00" --minutes 60 --jp 1 --capacity 2 --code ANTRI
ab enroll ANTRI --file "$WORK/forms-en.csv"
expect_rc 0 "a registration export out of time order"
expect_grep "session ANTRI: 2 enrolled, 2 waitlisted, 0 already enrolled; arrival order by submission time \(Timestamp\)$" \
  "$ERR" "the summary says the order was by submission time"
expect_eq "$(statuses ANTRI)" "waitlisted,enrolled,waitlisted,enrolled" "the two earliest submissions (D, B) get the seats"
ab enroll ANTRI --cancel $D
expect_grep "$A.*promoted from the waiting list" "$ERR" "the waiting list is in time order: A (10:00) before C (11:30)"
# The same, as an Indonesian form writes it (D/M/YYYY, a time with dots, "Stempel waktu").
sed -e '1s/^Timestamp/Stempel waktu/' -e 's#^3/1/2022 9:15:02#01/03/2022 09.15.02#' \
  -e 's#^3/1/2022 \([0-9]*\):\([0-9]*\):\([0-9]*\)#01/03/2022 \1.\2.\3#' -e 's#^2/28/2022 16:45:10#28/02/2022 16.45.10#' \
  "$WORK/forms-en.csv" >"$WORK/forms-id.csv"
expect_grep "^01/03/2022 10\.00\.00," "$WORK/forms-id.csv" "the id-ID fixture"
ab session add --title "Kelas Antri 2" --start "2099-03-10 09:00" --minutes 60 --jp 1 --capacity 2 --code ANTRI2
ab enroll ANTRI2 --file "$WORK/forms-id.csv"
expect_rc 0 "an id-ID registration export"
expect_grep "arrival order by submission time \(Stempel waktu\)" "$ERR" "the id-ID summary"
expect_eq "$(statuses ANTRI2)" "waitlisted,enrolled,waitlisted,enrolled" "id-ID: D and B get the seats"
# The same person twice (ISO times): the later submission's agency wins, A keeps the first place in the queue.
cat >"$WORK/forms-twice.csv" <<CSV
Timestamp,NIP,Nama Lengkap,Email,Instansi
2022-03-01 09:00:00,$A,Andi Wijaya,andi@example.go.id,Pemerintah Kota Malang
2022-03-01T09:05:00,$B,Budi Hartono,budi@example.go.id,Pemerintah Kota Batu
2022-03-01 09:10:00,$C,Citra Dewi,citra@example.go.id,Pemerintah Kabupaten Malang
2022-03-01 09:20:00,$A,Andi Wijaya,,Pemerintah Provinsi Jawa Timur
CSV
ab session add --title "Kelas Antri 3" --start "2099-03-15 09:00" --minutes 60 --jp 1 --capacity 2 --code ANTRI3
ab enroll ANTRI3 --file "$WORK/forms-twice.csv"
expect_rc 0 "the same person twice is not a refusal"
expect_grep "forms-twice.csv:5: a later submission of the same person as line 2: its values win \(Instansi changed\)" \
  "$ERR" "the notice names both lines and the column that differed"
expect_grep "1 later submission merged" "$ERR" "the summary counts it"
ab participant list --format csv
expect_eq "$(csv_field "$OUT" nip $A agency),$(csv_field "$OUT" nip $A email)" \
  "Pemerintah Provinsi Jawa Timur,andi@example.go.id" "the later agency wins; its empty e-mail erases nothing"
expect_eq "$(statuses ANTRI3)" "enrolled,enrolled,waitlisted," "A keeps the place of the first submission"
# Without a timestamp column the rows of one person must agree, as before.
cut -d, -f2- "$WORK/forms-twice.csv" >"$WORK/registrations-twice.csv"
ab session add --title "Kelas Antri 4" --start "2099-03-17 09:00" --minutes 60 --jp 1 --code ANTRI4
before=$(dump)
ab enroll ANTRI4 --file "$WORK/registrations-twice.csv"
expect_rc 1 "without a timestamp, different rows for one person are a conflict"
expect_grep "registrations-twice.csv:5: NIP: $A: the same person appears again with different data \(first on line 2\)" \
  "$ERR" "the conflict names both lines"
expect_unchanged "$before" "a conflicting file without timestamps"
# A timestamp that is no time: exit 1 naming line and column, nothing written.
sed -e '3s#^3/1/2022 9:15:02#3/1/2022 25:15:02#' -e '4s#^3/1/2022 11:30:00#kemarin sore#' \
  "$WORK/forms-en.csv" >"$WORK/forms-bad.csv"
ab session add --title "Kelas Antri 5" --start "2099-03-22 09:00" --minutes 60 --jp 1 --capacity 2 --code ANTRI5
before=$(dump)
ab enroll ANTRI5 --file "$WORK/forms-bad.csv"
expect_rc 1 "a bad timestamp refuses the file"
expect_grep "forms-bad.csv:3: Timestamp: 3/1/2022 25:15:02: .*hour" "$ERR" "an impossible time: line, column, value, reason"
expect_grep "forms-bad.csv:4: Timestamp: kemarin sore: not a date and time \(expected" "$ERR" "no time at all"
expect_grep "2 of 4 rows rejected: nothing was imported" "$ERR" "all or nothing"
expect_unchanged "$before" "a bad timestamp"
ab enroll ANTRI5 --file "$WORK/forms-bad.csv" --skip-invalid
expect_rc 3 "--skip-invalid keeps the rows with a time"
expect_eq "$(statuses ANTRI5)" "enrolled,,,enrolled" "the valid rows in time order"
# A file whose dates read both ways and which cannot be decided: refused with the line, asking for --date-order.
printf 'Timestamp,NIP,Nama Lengkap\n03/04/2022 09:00:00,%s,Andi Wijaya\n04/03/2022 09:00:00,%s,Budi Hartono\n' \
  $A $B >"$WORK/forms-open.csv"
before=$(dump)
ab enroll ANTRI5 --file "$WORK/forms-open.csv"
expect_rc 1 "an undecidable day/month order"
expect_grep "forms-open.csv:2: Timestamp: 03/04/2022 09:00:00: the day/month order .*--date-order" "$ERR" \
  "the line and the option to decide"
expect_unchanged "$before" "an undecidable order"
ab enroll ANTRI5 --file "$WORK/forms-open.csv" --date-order dmy
expect_rc 0 "--date-order decides"

# --- 5. a repeated series is refused; restore and delete ---
ab session add --title "Seri Maret" --start "2099-03-01 09:00" --minutes 60 --jp 1 --repeat twice-weekly --count 4
expect_rc 0 "a series"
before=$(dump)
ab session add --title "Seri Maret" --start "2099-03-01 09:00" --minutes 60 --jp 1 --repeat twice-weekly --count 4
expect_rc 1 "the same series again"
expect_grep "^asnbelajar:   2099-03-03 \(2099-03-03 09:00 WIB\)" "$ERR" "names the existing sessions"
expect_unchanged "$before" "a repeated series"
ab session add --title "Seri Maret" --start "2099-03-03 09:00" --minutes 60 --jp 1
expect_rc 1 "one session repeating a session of the series"
ab session add --title "Seri Maret" --start "2099-03-03 09:00" --minutes 60 --jp 1 --allow-duplicate
expect_rc 0 "--allow-duplicate"
expect_eq "$(cat "$OUT")" "2099-03-03-2" "a second session with its own code"
ab enroll 2099-03-03-2 $P1 $P2
expect_rc 0 "enrollments in the session added by mistake"
ab session delete 2099-03-03-2
expect_rc 0 "delete a session added by mistake"
expect_grep "^asnbelajar: deleted session 2099-03-03-2 and its 2 enrollments$" "$ERR" "counts its enrollments"
expect_eq "$(sql "SELECT count(*) FROM sessions WHERE code = '2099-03-03-2'")" "0" "the session is gone"
expect_eq "$(sql "SELECT count(*) FROM enrollments e LEFT JOIN sessions s ON s.id = e.session_id WHERE s.id IS NULL")" \
  "0" "and its enrollments with it"
before=$(dump)
ab session delete 2022-03-03
expect_rc 1 "a session with attendance is not deleted"
expect_grep "error: .*attendance" "$ERR" "and says why"
expect_unchanged "$before" "a refused delete"
ab session cancel 2099-03-05
ab session add --title "Seri Maret" --start "2099-03-05 09:00" --minutes 60 --jp 1
expect_rc 1 "a session repeating a cancelled one"
expect_grep "^asnbelajar:   2099-03-05 \(2099-03-05 09:00 WIB\), cancelled: 'asnbelajar session restore 2099-03-05' brings it back$" \
  "$ERR" "names the cancelled session and how to bring it back"
ab session restore 2099-03-05
expect_rc 0 "restore"
ab session show 2099-03-05 --format csv
expect_no_grep cancelled "$OUT" "scheduled again"
expect_eq "$(csv_col "$OUT" status)" "scheduled" "session show: its status column says so"

# --- 6. outputs that look done but are not; files with personal data are 0600 ---
for target in report.xls report; do
  ab report session 2022-03-03 -o "$WORK/$target"
  expect_rc 2 "-o $target without --format"
  expect_grep "error: -o .*$target: .*csv" "$ERR" "names the formats"
  [ ! -e "$WORK/$target" ] && ok || fail "-o $target wrote a file"
done
ab report session 2022-03-03 -o "$WORK/report" --format csv
expect_rc 0 "--format settles it"
(umask 022; "$ASNBELAJAR" report session 2022-03-03 -o "$WORK/umask.csv" 2>/dev/null)
expect_eq "$(stat -c %a "$WORK/umask.csv")" "600" "-o is 0600 under umask 022"
echo old >"$WORK/shared.csv" && chmod 644 "$WORK/shared.csv"
ab report session 2022-03-03 -o "$WORK/shared.csv"
expect_eq "$(stat -c %a "$WORK/shared.csv")" "600" "a replaced file is 0600 too"
printf 'nip,nama\n123,Salah\n' >"$WORK/bad.csv"
(umask 022; "$ASNBELAJAR" participant import "$WORK/bad.csv" --skip-invalid --rejects "$WORK/rejects.csv" 2>/dev/null)
expect_eq "$(stat -c %a "$WORK/rejects.csv")" "600" "--rejects is 0600"
# db backup goes through the same path: a link is written through, a pipe gets the bytes.
touch "$WORK/target.db" && ln -s "$WORK/target.db" "$WORK/link.db"
ab db backup "$WORK/link.db"
expect_rc 0 "backup through a symbolic link"
[ -L "$WORK/link.db" ] && ok || fail "the link was replaced"
ab --db "$WORK/link.db" db check --format csv
expect_grep '^integrity,ok$' "$OUT" "the link's target is the backup"
expect_eq "$(stat -c %a "$WORK/target.db")" "600" "backup is 0600"
"$ASNBELAJAR" db backup /dev/stdout 2>"$ERR" | cat >"$WORK/piped.db"
ab --db "$WORK/piped.db" db check --format csv
expect_grep '^integrity,ok$' "$OUT" "a backup to /dev/stdout as a pipe is whole"
[ -c /dev/stdout ] || [ -e /dev/stdout ] && ok || fail "/dev/stdout is still there"

# --- 7. messages ---
ab foo
expect_rc 2 "an unknown command"
expect_grep "error: unknown command 'foo'" "$ERR" "names it"
expect_grep "^asnbelajar:   session " "$ERR" "and lists the commands"
ab session
expect_rc 2 "a command group alone"
expect_grep "^asnbelajar:   restore " "$ERR" "lists its commands"
before=$(dump)
ab session add --title X --start "2099-04-01 09:00" --minutes 60 --jp 1 --repeat weekly --days tue,thu --count 2
expect_rc 2 "--repeat weekly with two days"
ab session list --from 2022-13-01
expect_rc 2 "a bad --from"
msg=$(cat "$ERR")
ab report weekly --from 2022-13-01 --to 2022-12-31
expect_rc 2 "a bad --from in a report"
expect_eq "$(head -1 "$ERR")" "$(echo "$msg" | head -1)" "one message for a bad date"
ab --read-only participant add --nip 199202022015032004 --name "Rina"
expect_rc 1 "--read-only refuses a write"
expect_grep "error: .*--read-only" "$ERR" "and says why"
ab --read-only report weekly --week-of 2022-03-03 --format csv
expect_rc 0 "--read-only reads"
expect_unchanged "$before" "refused commands"

# An auditor: a copy in a folder they may not write, a file they may not write; and a store they may not read.
AS_USER=()
[ "$(id -u)" -eq 0 ] && AS_USER=(setpriv --reuid=65534 --regid=65534 --clear-groups --) && chmod 711 "$WORK"
if [ "$(id -u)" -ne 0 ] || command -v setpriv >/dev/null; then
  mkdir -p "$WORK/audit"
  ab db backup "$WORK/audit/copy.db"
  chmod 444 "$WORK/audit/copy.db"
  chmod 555 "$WORK/audit"
  "${AS_USER[@]}" "$ASNBELAJAR" --db "$WORK/audit/copy.db" report weekly --week-of 2022-03-03 --format csv \
    >"$OUT" 2>"$ERR"
  RC=$?
  expect_rc 0 "reports on a read-only copy in a read-only folder"
  expect_grep '^2022-03-03,' "$OUT" "with its data"
  [ -z "$(ls "$WORK/audit" | grep -v '^copy.db$')" ] && ok || fail "nothing written beside the copy: $(ls "$WORK/audit")"
  chmod 755 "$WORK/audit"
  # A store file's mode (on PostgreSQL the server's roles decide: test_pg_reliability.sh, the signing key).
  if sqlite_only "a store file the user may not read"; then
    cp "$ASNBELAJAR_DB" "$WORK/private.db" && chmod 600 "$WORK/private.db"
    [ "$(id -u)" -eq 0 ] || chmod 000 "$WORK/private.db"
    "${AS_USER[@]}" "$ASNBELAJAR" --db "$WORK/private.db" session list >"$OUT" 2>"$ERR"
    RC=$?
    expect_rc 1 "a store the user may not read"
    expect_grep "error: cannot open store .*private.db: permission denied \(owner [a-z0-9]+, mode 0[0-7]+\)" "$ERR" \
      "permission denied, owner and mode"
  fi
fi

finish
