#!/usr/bin/env bash
# Attendance from platform exports: each layout read into a store, minutes and outcomes against values computed
# by hand, the same joins in three layouts giving the same outcomes, matching, walk-ins, unmatched rows,
# re-imports, and refusals that leave the store untouched.
source "$(dirname "$0")/lib.sh"
D="$TESTDATA/attendance"

SITI=197712041999082005; BUDI=199309142019071007; DEWI=198603112018022008; AHMAD=197004272004111004
RINA=198306232017072006; EKO=198412222006121006; NUR=198004042017122005; HENDRA=198701152010011003
YULI=197012172008042005; AGUS=199603092016041005; FITRI=198405232013102002; MARIA=199004122022242011

# setup: three Thursday sessions (09:00 WIB, 180 minutes: 70 % is 126), eleven participants, enrollments.
setup() {
  reset_store
  "$ASNBELAJAR" -q session add --title "Webinar ASN Belajar" --start "2022-03-03 09:00" --minutes 180 --jp 3 \
    --repeat weekly --count 3 >/dev/null || return 1
  while IFS=, read -r nip name email phone; do
    "$ASNBELAJAR" -q participant add --nip "$nip" --name "$name" --email "$email" ${phone:+--phone "$phone"} \
      >/dev/null || return 1
  done <<EOF
$SITI,Siti Rahayu,siti.rahayu@jatimprov.go.id,
$BUDI,Budi Santoso,budi.santoso@gmail.com,
$DEWI,Dewi Lestari,dewi.lestari@gmail.com,
$AHMAD,Ahmad Fauzi,ahmad.fauzi@gmail.com,081234567004
$RINA,Rina Kusumawati,rina.kusumawati@jatimprov.go.id,
$EKO,Eko Prasetyo,eko.prasetyo@jatimprov.go.id,
$NUR,Nur Aini,nur.aini@gmail.com,
$HENDRA,Hendra Wijaya,hendra.wijaya@jatimprov.go.id,
$YULI,Yuliana Putri,yuliana.putri@jatimprov.go.id,
$AGUS,Agus Salim,agus.salim@gmail.com,
$FITRI,Fitri Handayani,fitri.handayani@gmail.com,
EOF
  # Hendra registered for nothing: present, he is a walk-in.
  "$ASNBELAJAR" -q enroll 2022-03-03 $SITI $BUDI $DEWI $AHMAD $RINA $EKO $NUR $YULI $AGUS $FITRI || return 1
  "$ASNBELAJAR" -q enroll 2022-03-10 $SITI $BUDI $DEWI $AHMAD || return 1
}

report() { ab report session "$1" --format csv; cp "$OUT" "$WORK/report.csv"; }
# row NIP: enrollment,minutes,attendance,jp of that person in the last report
row() { grep "^$1," "$WORK/report.csv" | cut -d, -f6-9; }

# The 2022-03-03 outcomes the three layouts must all give (70 % of 180 = 126 minutes):
check_thursday() {
  local what=$1
  expect_eq "$(row $SITI)"   "enrolled,174,attended,3" "$what: joined 09:06, left after the end (12:02)"
  expect_eq "$(row $BUDI)"   "enrolled,120,partial,0"  "$what: early joiner 08:45–11:00 counts from 09:00"
  expect_eq "$(row $DEWI)"   "enrolled,150,attended,3" "$what: late leaver 09:30–12:30 counts to 12:00"
  expect_eq "$(row $AHMAD)"  "enrolled,140,attended,3" "$what: rejoin 09:10–10:00 + 10:20–11:50"
  expect_eq "$(row $RINA)"   "enrolled,180,attended,3" "$what: two devices 09:00–11:00 and 10:00–12:00 counted once"
  expect_eq "$(row $EKO)"    "enrolled,110,partial,0"  "$what: rejoin 90 + 20 minutes"
  expect_eq "$(row $NUR)"    "enrolled,0,absent,0"     "$what: registered no-show"
  expect_eq "$(row $HENDRA)" "walk-in,180,attended,3"  "$what: not enrolled: a walk-in"
  expect_eq "$(row $YULI)"   "enrolled,126,attended,3" "$what: exactly 70 %"
  expect_eq "$(row $AGUS)"   "enrolled,120,partial,0"  "$what: upper-case e-mail matched"
  expect_eq "$(row $FITRI)"  "enrolled,0,absent,0"     "$what: enrolled, not in the export"
  expect_eq "$(wc -l <"$WORK/report.csv")" "12" "$what: eleven people and a header (no host, no panelist)"
}

# --- the Zoom webinar attendee report ---
setup || fail "setup"
ab attend 2022-03-03 --file "$D/zoom-webinar.csv" --unmatched "$WORK/unmatched.csv"
expect_rc 0 "Zoom webinar report"
expect_grep 'as a Zoom webinar attendee report: 16 rows, 13 attendee rows \(2 hosts, panelists or organizers and 1 no-show left out\)' \
  "$ERR" "rows read and left out on stderr"
expect_grep '2022-03-03: 10 attendees: 9 matched \(1 walk-in\), 1 unmatched in 1 row \(listed in .*unmatched.csv\)' \
  "$ERR" "matched, walk-ins and unmatched on stderr"
expect_grep '2022-03-03: now 6 attended, 3 partial' "$ERR" "session outcomes on stderr"
report 2022-03-03
check_thursday "webinar"
cp "$WORK/report.csv" "$WORK/report-webinar.csv"
expect_eq "$(head -1 "$WORK/unmatched.csv")" "line,nip,email,phone,name,join,leave,minutes,reason" "unmatched columns"
expect_eq "$(sed -n 2p "$WORK/unmatched.csv")" \
  "$(grep -n maria.ulfah "$D/zoom-webinar.csv" | cut -d: -f1),$MARIA,maria.ulfah@kemenag.go.id,,\"Maria Ulfah, S.Pd.I.\",2022-03-03T09:05:00+07:00,2022-03-03T11:55:00+07:00,,\"no participant with this NIP, e-mail or phone\"" \
  "the unmatched row: identity, times, source line"
ab report weekly --week-of 2022-03-03 --format csv
expect_eq "$(grep '^2022-03-03,' "$OUT" | cut -d, -f5-11)" "10,0,6,3,2,1,0.5000" \
  "weekly: enrolled, waitlisted, attended, partial, absent, walk-ins, rate (5 of 10 enrolled attended)"

# --- re-importing the same export changes nothing; the marks are not duplicated ---
ab db check --format csv; marks_before=$(grep '^attendance_marks,' "$OUT")
ab attend 2022-03-03 --file "$D/zoom-webinar.csv"
expect_rc 0 "re-import"
expect_grep 'this export was imported before: its marks were replaced' "$ERR" "re-import is reported"
report 2022-03-03
expect_eq "$(cat "$WORK/report.csv")" "$(cat "$WORK/report-webinar.csv")" "re-import gives the same report"
ab db check --format csv
expect_eq "$(grep '^attendance_marks,' "$OUT")" "$marks_before" "re-import keeps the number of raw marks"

# --- a new threshold recomputes from the raw marks ---
ab session edit 2022-03-03 --min-attendance 60
report 2022-03-03
expect_eq "$(row $BUDI)" "enrolled,120,attended,3" "120 ≥ 60 % of 180 after the edit"
ab session edit 2022-03-03 --min-attendance 70

# --- --create-unknown ---
ab attend 2022-03-03 --file "$D/zoom-webinar.csv" --create-unknown
expect_rc 0 "create unknown"
expect_grep '10 matched \(2 walk-ins, 1 created\), 0 unmatched' "$ERR" "one participant created"
report 2022-03-03
expect_grep "^$MARIA,\"Maria Ulfah, S.Pd.I.\",.*,walk-in,170,attended,3," "$WORK/report.csv" \
  "the created participant is a walk-in with her minutes"
ab participant show $MARIA --format csv
expect_grep "^$MARIA,\"Maria Ulfah, S.Pd.I.\",maria.ulfah@kemenag.go.id," "$OUT" \
  "created from the export's NIP, name and e-mail"
ab participant show $MARIA --format markdown
expect_eq "$(head -1 "$OUT")" "# Maria Ulfah, S.Pd.I." "participant show: the person's name is the title"

# --- the same joins as a flat Zoom export and as a Teams report give the same outcomes ---
for layout in zoom-meeting.csv teams.tsv; do
  setup || fail "setup"
  ab attend 2022-03-03 --file "$D/$layout"
  expect_rc 0 "$layout"
  cp "$ERR" "$WORK/err-$layout"
  report 2022-03-03
  check_thursday "$layout"
  expect_eq "$(cat "$WORK/report.csv")" "$(cat "$WORK/report-webinar.csv")" "$layout: same report as the webinar report"
done
expect_grep 'as a Microsoft Teams attendance report: 15 rows, 13 attendee rows \(2 hosts, panelists or organizers left out\)' \
  "$WORK/err-teams.tsv" "Teams: organizer and presenter left out"
expect_grep 'as a Zoom meeting participants export: 15 rows, 15 attendee rows$' "$WORK/err-zoom-meeting.csv" \
  "the flat Zoom export is not read as zero attendees"

# --- Indonesian headers, NIP registration question, phone, day-first dates decided by the session's date ---
ab attend 2022-03-10 --file "$D/zoom-webinar-id.csv"
expect_rc 0 "Indonesian Zoom report"
expect_grep 'dates read day first: the order that puts the joins on the session.s date 2022-03-10' "$ERR" \
  "day/month order from the session's date"

# --- refusals leave the store as it was (checked before any read, which leaves -wal/-shm files behind) ---
before=$(store_digest)
ab attend 2022-03-17 --file "$D/zoom-webinar-id.csv"
expect_rc 1 "undecidable day/month order"
expect_grep "'10/03/2022 .*' is 10 March or 3 October.*--date-order dmy" "$ERR" "the refusal names --date-order"
expect_eq "$(store_digest)" "$before" "undecidable dates leave the store unchanged"
ab attend 2022-03-17 --file "$D/zoom-webinar-id.csv" --date-order dmy
expect_rc 1 "an export of another day"
expect_grep 'none of its joins meets session 2022-03-17 .* run from 2022-03-10T08:55:00\+07:00' "$ERR" \
  "the wrong session is named with the export's times"
expect_eq "$(store_digest)" "$before" "a wrong session leaves the store unchanged"
# --- zero attendees, unknown shapes, layouts that contradict --source ---
ab attend 2022-03-17 --file "$D/zoom-webinar-no-attendees.csv"
expect_rc 1 "no attendee rows"
expect_grep 'no attendee rows \(2 rows read: 1 of hosts, panelists or organizers, 1 of people who did not attend' "$ERR" \
  "the refusal says what the file had"
expect_grep 'allow-empty' "$ERR" "the refusal names --allow-empty"
expect_eq "$(store_digest)" "$before" "zero attendees leave the store unchanged"
ab attend 2022-03-17 --file "$D/unknown-shape.csv"
expect_rc 1 "unknown shape"
expect_grep "not a recognised attendance export \(first line: 'Timestamp,Pertanyaan,Jawaban'\).*Zoom webinar attendee report" \
  "$ERR" "the refusal shows the first line and the layouts expected"
expect_eq "$(store_digest)" "$before" "an unknown shape leaves the store unchanged"
ab attend 2022-03-17 --file "$D/teams.tsv" --source zoom
expect_rc 1 "--source contradicting the file"
expect_grep 'is a Microsoft Teams attendance report, not what --source zoom reads' "$ERR" "both layouts named"
ab attend 2022-03-17 --file "$D/no-such-file.csv"
expect_rc 1 "missing file"
expect_eq "$(store_digest)" "$before" "refusals leave the store unchanged"
ab attend 2022-03-03 --file "$D/zoom-webinar-no-attendees.csv" --allow-empty
expect_rc 0 "--allow-empty accepts an empty export"
expect_grep '0 attendees' "$ERR" "and says so"

report 2022-03-10
expect_eq "$(row $SITI)"  "enrolled,180,attended,3" "matched by the NIP question (spaced), personal e-mail"
expect_eq "$(row $BUDI)"  "enrolled,90,partial,0"   "matched by NIP"
expect_eq "$(row $DEWI)"  "enrolled,150,attended,3" "mangled NIP: matched by e-mail"
expect_eq "$(row $AHMAD)" "enrolled,180,attended,3" "matched by phone, clipped 08:55–12:10"
expect_no_grep "^$FITRI," "$WORK/report.csv" "a no-show who was not enrolled is not listed"

# --- Google Meet: spans of first seen..last seen with the time in call ---
ab attend 2022-03-03 --file "$D/meet.csv" --replace
expect_rc 0 "Google Meet"
expect_grep 'as a Google Meet attendance export' "$ERR" "Meet detected"
report 2022-03-03
expect_eq "$(row $SITI)"  "enrolled,174,attended,3" "Meet: span clipped at the end"
expect_eq "$(row $BUDI)"  "enrolled,120,partial,0"  "Meet: span clipped at the start"
expect_eq "$(row $AHMAD)" "enrolled,140,attended,3" "Meet: a gap inside the span is not credited (time in call 140)"
expect_eq "$(row $DEWI)"  "enrolled,150,attended,3" "Meet: late leaver"
expect_eq "$(row $EKO)"   "enrolled,110,partial,0"  "Meet: time in call 110 of a 125-minute span"
expect_eq "$(row $RINA)"  "enrolled,0,absent,0"     "--replace dropped the earlier import"
expect_eq "$(row $HENDRA)" "" "--replace dropped the earlier walk-ins"
ab attend 2022-03-03 --file "$D/meet-times-only.csv" --source meet
expect_rc 0 "Meet with times of day only"
report 2022-03-03
expect_eq "$(row $YULI)" "enrolled,126,attended,3" "times of day are on the session's date"
expect_eq "$(row $AGUS)" "enrolled,105,partial,0"  "time in call 1:45:00 within a two-hour span"
expect_eq "$(row $SITI)" "enrolled,174,attended,3" "a second export adds to the first"

# --- plain CSV: minutes (semicolons, BOM, CRLF), self-declared, join/leave with offsets, stdin ---
ab attend 2022-03-17 --file "$D/plain-minutes.csv"
expect_rc 0 "plain CSV with minutes"
report 2022-03-17
expect_eq "$(row $SITI)"  "walk-in,150,attended,3" "minutes"
expect_eq "$(row $BUDI)"  "walk-in,140,attended,3" "two rows of minutes are summed"
expect_eq "$(row $AHMAD)" "walk-in,130,attended,3" "matched by phone"
expect_eq "$(row $DEWI)"  "walk-in,180,attended,3" "minutes capped at the session length"
ab attend 2022-03-17 --replace --file - <"$D/plain-absen.csv"
expect_rc 1 "--source auto: a list of e-mails alone is no evidence of presence"
expect_grep 'looks like a roster, not an attendance list: it names people \(email\).*need --source csv' "$ERR" \
  "the refusal says what the file looks like and names --source csv"
ab attend 2022-03-17 --replace --file - --source csv <"$D/plain-absen.csv"
expect_rc 0 "self-declared from stdin"
expect_grep 'read <stdin> as a plain attendance CSV: 3 rows, 3 attendee rows' "$ERR" "stdin named in the summary"
report 2022-03-17
expect_eq "$(row $SITI)"   "walk-in,0,attended,3" "self-declared counts as attended"
expect_eq "$(row $HENDRA)" "walk-in,0,attended,3" "self-declared, upper-case e-mail"
expect_eq "$(row $BUDI)" "" "--replace dropped the minutes import"
ab attend 2022-03-17 --replace --file "$D/plain-absen.csv" --source csv --create-unknown --unmatched -
expect_rc 0 "--unmatched - writes to stdout"
expect_grep '^4,,orang.asing@example.com,,,,,,cannot create a participant: name a name is required$' "$OUT" \
  "a row without a name cannot make a participant"
ab attend 2022-03-03 --replace --file "$D/plain-join-leave.csv" --tz Asia/Jayapura
expect_rc 0 "plain CSV with join and leave"
report 2022-03-03
expect_eq "$(row $SITI)" "enrolled,160,attended,3" "ISO times with their own offsets, --tz not applied"

# --- minutes are rounded down: 09:00:00-11:05:59 is 125 minutes, partial (126 needed), not 126 and attended ---
printf 'nip,join,leave\n%s,2022-03-17 09:00:00,2022-03-17 11:05:59\n%s,2022-03-17 09:00:00,2022-03-17 11:06:00\n' \
  $EKO $NUR >"$WORK/seconds.csv"
ab attend 2022-03-17 --replace --file "$WORK/seconds.csv"
expect_rc 0 "plain CSV with seconds"
report 2022-03-17
expect_eq "$(row $EKO)" "walk-in,125,partial,0"  "59 seconds short of 126 minutes: 125, partial"
expect_eq "$(row $NUR)" "walk-in,126,attended,3" "11:06:00: 126 minutes, attended"

# --- --unmatched FILE is written as -o is (cli/output_file.hpp): whole, through links, devices and pipes ---
# Each run re-imports the Zoom webinar report into 2022-03-03 (its marks replaced): one unmatched row, Maria's.
unmatched() { "$ASNBELAJAR" attend 2022-03-03 --replace --file "$D/zoom-webinar.csv" --unmatched "$@"; }
mkdir "$WORK/lists"
echo old >"$WORK/lists/unmatched-2022-03-03.csv"
ln -s lists/unmatched-2022-03-03.csv "$WORK/unmatched-latest.csv"
unmatched "$WORK/unmatched-latest.csv" >"$OUT" 2>"$ERR"
RC=$?
expect_rc 0 "--unmatched a symbolic link"
[ -L "$WORK/unmatched-latest.csv" ] && ok || fail "--unmatched keeps a symbolic link a link"
expect_grep '^[0-9]+,'$MARIA',maria.ulfah@' "$WORK/lists/unmatched-2022-03-03.csv" "and writes the file it points to"
expect_no_grep '^old$' "$WORK/lists/unmatched-2022-03-03.csv" "the file pointed to is replaced whole"
ls "$WORK"/*.tmp "$WORK"/lists/*.tmp >/dev/null 2>&1 && fail "--unmatched left a temporary file" || ok

stdout_type=$(stat -c %F /dev/stdout)
unmatched /dev/stdout >"$WORK/via-stdout.csv" 2>"$ERR"
RC=$?
expect_rc 0 "--unmatched /dev/stdout, stdout a file"
expect_grep '^[0-9]+,'$MARIA',' "$WORK/via-stdout.csv" "--unmatched /dev/stdout writes to stdout (a file)"
unmatched /dev/stdout 2>"$ERR" | cat >"$WORK/via-pipe.csv"
RC=${PIPESTATUS[0]}
expect_rc 0 "--unmatched /dev/stdout, stdout a pipe"
expect_grep '^[0-9]+,'$MARIA',' "$WORK/via-pipe.csv" "--unmatched /dev/stdout writes to stdout (a pipe)"
expect_eq "$(stat -c %F /dev/stdout)" "$stdout_type" "--unmatched /dev/stdout leaves /dev/stdout as it was"

mkfifo "$WORK/unmatched.fifo"
(timeout 20 cat "$WORK/unmatched.fifo" >"$WORK/from-fifo.csv") &
reader=$!
timeout 20 "$ASNBELAJAR" attend 2022-03-03 --replace --file "$D/zoom-webinar.csv" --unmatched "$WORK/unmatched.fifo" \
  >"$OUT" 2>"$ERR"
RC=$?
wait $reader
expect_rc 0 "--unmatched a named pipe"
[ -p "$WORK/unmatched.fifo" ] && ok || fail "--unmatched must not replace a named pipe with a file"
expect_grep '^[0-9]+,'$MARIA',' "$WORK/from-fifo.csv" "the unmatched rows went through the pipe"

# A regular file is replaced by a new one, renamed into place: a hard link to the old one (a reader that has it
# open) keeps the old list whole, never a half-written one.
echo old >"$WORK/unmatched-old.csv"
ln "$WORK/unmatched-old.csv" "$WORK/unmatched-reader.csv"
unmatched "$WORK/unmatched-old.csv" >"$OUT" 2>"$ERR"
RC=$?
expect_rc 0 "--unmatched an existing file"
expect_eq "$(head -1 "$WORK/unmatched-old.csv")" "line,nip,email,phone,name,join,leave,minutes,reason" \
  "--unmatched replaces an existing file"
expect_eq "$(cat "$WORK/unmatched-reader.csv")" "old" "by renaming a new file over it, not rewriting it in place"
[ -e "$WORK/unmatched-old.csv.tmp" ] && fail "--unmatched left FILE.tmp" || ok
unmatched "$WORK/missing/unmatched.csv" >"$OUT" 2>"$ERR"
RC=$?
expect_rc 1 "--unmatched into a missing directory"
expect_grep "cannot write .*missing/unmatched.csv: No such file or directory" "$ERR" \
  "--unmatched into a missing directory: the message names the file"

# --- usage errors (exit 2) ---
ab attend 2022-03-03 --source zoom;                          expect_rc 2 "--source without --file"
ab attend 2022-03-03 --file "$D/meet.csv" --minutes 10;      expect_rc 2 "--minutes with --file"
ab attend 2022-03-03 $SITI --file "$D/meet.csv";             expect_rc 2 "PERSON with --file"
ab attend 2022-03-03 --file "$D/meet.csv" --date-order ymd;  expect_rc 2 "bad --date-order"
ab attend 2022-03-03 --file "$D/meet.csv" --source webex;    expect_rc 2 "bad --source"
ab attend --help
expect_rc 0 "attend --help"
expect_grep 'asnbelajar attend 2022-03-03 --file "Attendee Report.csv"' "$OUT" "--help ends with real examples"

finish
