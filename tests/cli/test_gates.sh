#!/usr/bin/env bash
# Certificate gates end to end: session requirements (--requires, --pass-score), results import (Google Forms
# sheets and plain CSV; attempts, the best score, idempotent re-import, unknown people, invalid rows,
# --skip-invalid, --rejects, --dry-run), certify only for those who meet every requirement and its summary, and
# the survey/posttest columns of the session report.
source "$(dirname "$0")/lib.sh"

P1=198609262015051001; P2=199001152014031002; P3=198703212010122003; P4=197512302000031001
E1=tamu@example.com
S=2022-03-03

# results_count: attempts in the store (db check).
results_count() { "$ASNBELAJAR" db check --format csv | awk -F, '$1 == "results" { print $2 }'; }
# session_field NIP COLUMN: one cell of the session report.
session_field() {
  "$ASNBELAJAR" report session $S --format csv >"$WORK/session.csv"
  csv_field "$WORK/session.csv" nip "$1" "$2"
}

ab session add --title "Webinar ASN Belajar Seri 9 | 2022" --start "$S 09:00" --minutes 180 --jp 3 \
  --requires posttest --pass-score 70
expect_rc 0 "a session that requires a post-test"
ab --lang en session show $S
expect_grep 'Certificate requires: attendance, a post-test score ≥ 70 %' "$OUT" "session show names the requirement"
for p in $P1 $P2 $P3 $P4; do
  ab participant add --nip $p --name "Peserta $p"; expect_rc 0 "participant $p"
done
ab participant add --email $E1 --name "Tamu Tanpa NIP"; expect_rc 0 "participant $E1"
ab attend $S $P1 $P2 $P3 $P4 $E1; expect_rc 0 "all five attend"

# --- no results yet: nobody is certified ---------------------------------------------------------------------------
ab certify $S
expect_rc 0 "certify with no results"
expect_grep "$S: certified 0; 0 already had one" "$ERR" "nobody certified"
expect_grep "$S: 5 attended but do not meet the requirements yet: 5 without the post-test" "$ERR" \
  "the summary counts the missing post-tests"
ab report session $S --format csv
expect_grep '^nip,name,email,agency,unit,enrollment,minutes,attendance,jp,certificate,survey,posttest$' "$OUT" \
  "survey and posttest are the last columns"
expect_eq "$(session_field $P1 posttest)" "missing" "posttest missing"
expect_eq "$(session_field $P1 survey)" "" "survey empty: not required"

# --- a Google Forms quiz sheet ---------------------------------------------------------------------------------------
cat >"$WORK/posttest.csv" <<EOF
Timestamp,Email Address,Score,NIP (18 digit),Nama Lengkap
3/3/2022 12:01:02,siti.pribadi@gmail.com,8 / 10,$P1,Siti
3/3/2022 12:05:40,budi@gmail.com,5 / 10,$P2,Budi
3/3/2022 12:09:13,$E1,7 / 10,,Tamu
3/3/2022 12:11:00,orang@lain.id,9 / 10,199205172019022004,Orang Lain
EOF
ab results import $S --kind posttest --file "$WORK/posttest.csv" --unmatched "$WORK/unknown.csv"
expect_rc 0 "results import"
expect_grep 'posttest.csv: 4 rows: 3 added, 0 replaced, 0 unchanged, 1 unknown, 0 rejected; session 2022-03-03 post-test: 3 people, 1 attended below the pass score 70' \
  "$ERR" "the import's summary"
expect_eq "$(results_count)" "3" "three attempts stored"
expect_eq "$(sed -n 2p "$WORK/unknown.csv")" \
  "5,199205172019022004,orang@lain.id,Orang Lain,90,2022-03-03T12:11:00+07:00,nobody in the store has this NIP or e-mail" \
  "--unmatched lists the unknown person as a results row"

ab certify $S
expect_rc 0 "certify after the post-test"
expect_grep "$S: certified 2 " "$ERR" "P1 (80) and the e-mail person (70: exactly the pass score) are certified"
expect_grep "3 attended but do not meet the requirements yet: 2 without the post-test, 1 below the pass score 70" \
  "$ERR" "the summary counts missing post-tests and failing scores"
expect_eq "$(session_field $P1 posttest)" "80" "P1's score in the report"
expect_eq "$(session_field $P2 posttest)" "50" "P2's score in the report"
[ -n "$(session_field $P1 certificate)" ] && ok || fail "P1 holds a certificate"
expect_eq "$(session_field $P2 certificate)" "" "a failing score gets no certificate"
expect_eq "$(session_field $P3 certificate)" "" "attended without the post-test: no certificate"
ab report session $S --lang en
expect_grep '^Passed the post-test: 2$' "$OUT" "the total counts P1 (80) and the e-mail person (70), not P2 (50)"

# --- re-import: idempotent ------------------------------------------------------------------------------------------
before=$(store_digest)
ab results import $S --kind posttest --file "$WORK/posttest.csv"
expect_rc 0 "the same file again"
expect_grep 'posttest.csv: 4 rows: 0 added, 0 replaced, 3 unchanged, 1 unknown, 0 rejected' "$ERR" \
  "a re-import changes nothing"
expect_eq "$(results_count)" "3" "still three attempts"
expect_grep '1 row of people not in the store \(--unmatched FILE lists them\)' "$ERR" "unknown people are counted"

# --- a second attempt (plain CSV from stdin): the best score counts --------------------------------------------------
printf 'nip;nilai;stempel waktu\n%s;75;04/03/2022 08:00:00\n%s;30;04/03/2022 08:05:00\n' $P2 $P1 |
  ab results import $S --kind posttest --file -
expect_rc 0 "a plain CSV of second attempts from stdin"
expect_eq "$(results_count)" "5" "two more attempts"
expect_eq "$(session_field $P1 posttest)" "80" "P1 keeps the best score"
expect_eq "$(session_field $P2 posttest)" "75" "P2's better second attempt"
ab certify $S
expect_grep "$S: certified 1 .*; 2 already had one" "$ERR" "after the post-test import P2 is certified"
expect_grep "2 attended but do not meet the requirements yet: 2 without the post-test" "$ERR" "P3 and P4 remain"

# --- invalid rows: all or nothing, --skip-invalid, --rejects, --dry-run ---------------------------------------------
cat >"$WORK/bad.csv" <<EOF
nip,score
$P3,85
$P4,delapan puluh
19870321201012200,90
EOF
before=$(store_digest)
ab results import $S --kind posttest --file "$WORK/bad.csv"
expect_rc 1 "invalid rows refuse the file"
expect_grep "bad.csv:3: score: delapan puluh: not a score \(expected points of a total like 8 / 10, or a percentage" \
  "$ERR" "the message names line, column, value and what was expected"
expect_grep 'bad.csv:4: nip: 19870321201012200: ' "$ERR" "a mangled NIP"
expect_grep 'bad.csv: 2 of 3 rows rejected: nothing was imported' "$ERR" "nothing imported"
expect_eq "$(store_digest)" "$before" "the store is unchanged"
ab results import $S --kind posttest --file "$WORK/bad.csv" --dry-run --skip-invalid
expect_rc 3 "dry run with --skip-invalid"
expect_grep '\(dry run: nothing was written\)' "$ERR" "the dry run says so"
expect_eq "$(store_digest)" "$before" "the dry run wrote nothing"
ab results import $S --kind posttest --file "$WORK/bad.csv" --skip-invalid --rejects "$WORK/rejects.csv"
expect_rc 3 "--skip-invalid imports the valid row"
expect_eq "$(head -1 "$WORK/rejects.csv")" "line,error,nip,score" "the rejects file's header"
expect_eq "$(grep -c . "$WORK/rejects.csv")" "3" "two rejected rows"
expect_eq "$(session_field $P3 posttest)" "85" "the valid row was imported"

# --- a survey as well ---------------------------------------------------------------------------------------------------
ab session edit $S --requires survey,posttest
expect_rc 0 "the session now requires the survey too"
expect_grep '3 certificates were issued under the earlier requirements; they stay live' "$ERR" \
  "session edit says certificates stay"
ab certify $S
expect_grep "$S: certified 0; 3 already had one" "$ERR" "P3 has the post-test but not the survey"
expect_grep "2 attended but do not meet the requirements yet: 2 without the survey, 1 without the post-test" \
  "$ERR" "the summary counts missing surveys"
cat >"$WORK/survey.csv" <<EOF
Stempel waktu,Alamat email,NIP,Bagaimana penilaian Anda?,Saran
03/03/2022 12:30:00,ani@gmail.com,$P3,Sangat baik,"Lanjutkan, terima kasih"
03/03/2022 12:31:00,dedi@gmail.com,$P4,Baik,
EOF
ab results import $S --kind survey --file "$WORK/survey.csv"
expect_rc 0 "survey import"
expect_no_grep 'does not require' "$ERR" "the session requires the survey"
expect_eq "$(session_field $P3 survey)" "done" "survey done"
expect_eq "$(session_field $P1 survey)" "missing" "survey missing"
ab certify $S
expect_grep "$S: certified 1 " "$ERR" "P3 now meets both requirements"
expect_grep "1 attended but does not meet the requirements yet: 1 without the post-test" "$ERR" "P4 lacks the post-test"
ab certify $S --sync
expect_rc 0 "certify --sync on a session with requirements"
expect_grep "$S: revoked 0, certified 0; 4 already had one" "$ERR" "--sync numbers nobody who lacks a requirement"
expect_grep "1 attended but does not meet the requirements yet: 1 without the post-test" "$ERR" \
  "--sync says who is withheld"
expect_no_grep 'no certificate yet' "$ERR" "a withheld person is not counted as missing a certificate"
expect_eq "$(session_field $P4 certificate)" "" "--sync did not certify P4"
ab report session $S --format json
expect_grep '"survey":"done","posttest":"85"' "$OUT" "json: survey and posttest of P3"
ab --lang en report session $S
expect_grep '^Surveys done: +2$' "$OUT" "the human report totals the surveys: P3 and P4"

# --- --requires none: attendance alone ------------------------------------------------------------------------------
ab session edit $S --requires none
expect_rc 0 "--requires none clears the requirements"
ab certify $S
expect_grep "$S: certified 1 .*; 4 already had one" "$ERR" "P4 is certified on attendance alone"
expect_no_grep 'do not meet' "$ERR" "nobody withheld"
expect_eq "$(session_field $P4 posttest)" "" "posttest empty: no longer required"
ab report certificates $S --format csv
expect_eq "$(($(grep -c . "$OUT") - 1))" "5" "report certificates counts the five live certificates"
ab certify $S
expect_grep "certified 0; 5 already had one" "$ERR" "a certificate is never issued twice"

# --- usage and refusals -------------------------------------------------------------------------------------------
ab session edit $S --requires survey,kuis
expect_rc 2 "an unknown requirement is a usage error"
expect_grep "--requires: 'kuis' is not a requirement" "$ERR" "the message names it"
ab session edit $S --pass-score 101
expect_rc 2 "--pass-score above 100"
ab session add --title "B" --start "2022-03-10 09:00" --minutes 60 --jp 1 --pass-score 80
expect_rc 0 "a pass score without a post-test requirement"
expect_grep 'counts only once the session requires a post-test' "$ERR" "... is noted"
ab results import $S --kind kuis --file "$WORK/posttest.csv"
expect_rc 2 "--kind must be survey or posttest"
ab results import $S --kind posttest
expect_rc 2 "--file is required"
ab results import NO-SUCH --kind posttest --file "$WORK/posttest.csv"
expect_rc 1 "an unknown session"
printf 'nama,nilai\nSiti,80\n' >"$WORK/noid.csv"
ab results import $S --kind posttest --file "$WORK/noid.csv"
expect_rc 1 "a file without NIP or e-mail"
expect_grep 'noid.csv:1: no NIP or e-mail column' "$ERR" "the header problem is named"
ab results import $S --kind posttest --file "$WORK/none.csv"
expect_rc 1 "a missing file"
ab session add --title "C" --start "2022-03-17 09:00" --minutes 60 --jp 1 --code BATAL; expect_rc 0 "session C"
ab session cancel BATAL; expect_rc 0 "cancel C"
ab results import BATAL --kind posttest --file "$WORK/posttest.csv"
expect_rc 1 "a cancelled session takes no results"
ab results --help
expect_grep 'import' "$OUT" "results --help lists import"
ab results import --help
expect_grep 'Examples:' "$OUT" "results import --help has examples"

finish
