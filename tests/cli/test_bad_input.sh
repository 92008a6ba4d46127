#!/usr/bin/env bash
# Hostile and broken input files: every file of the corpus tests/data/bad/ (listed with its command and line in
# tests/data/bad/MANIFEST), and a few generated here because they are megabytes big, must fail with exit 1 and an
# "asnbelajar:" message naming FILE:LINE, leave the store's dump exactly as it was, and never crash. Text that
# only looks hostile (SQL, spreadsheet formulas) but is valid data is stored verbatim.
source "$(dirname "$0")/lib.sh"
BAD="$TESTDATA/bad"
SESSION=2022-03-03

ab session add --title "Webinar ASN Belajar Seri 9 | 2022" --start "2022-03-03 09:00" --minutes 180 --jp 3
printf 'nip,nama,email\n198609262015051001,Siti Rahayu,siti@example.go.id\n199001152014031002,Budi Santoso,budi@example.go.id\n' \
  >"$WORK/known.csv"
ab enroll $SESSION --file "$WORK/known.csv"
expect_rc 0 "the people the bad files talk about"
before=$(store_dump)

# refuse FILE COMMAND LINE NOTE: reading FILE with COMMAND fails (exit 1), names FILE:LINE, changes nothing.
refuse() {
  local file=$1 cmd=$2 line=$3 note=$4
  case $cmd in
    import) ab participant import "$file" ;;
    enroll) ab enroll $SESSION --file "$file" ;;
    attend) ab attend $SESSION --file "$file" ;;
    *) fail "unknown command $cmd for $file"; return ;;
  esac
  local what
  what="$(basename "$file") ($note)"
  expect_rc 1 "$what"
  expect_grep '^asnbelajar: error: ' "$ERR" "$what: an error line"
  expect_eq "$(grep -vc '^asnbelajar: ' "$ERR")" "0" "$what: every line on stderr is prefixed"
  # The file's name as given, then the line and ':' (or, for the whole file, ':' or a blank).
  local pattern="FILE:$line:"
  [ "$line" = - ] && pattern="FILE[: ]"
  if sed "s|$file|FILE|g" "$ERR" | grep -qE "$pattern"; then ok; else
    fail "$what: no message naming $(basename "$file"):$line"
  fi
  expect_no_grep 'AddressSanitizer|runtime error|terminate called|Segmentation|Aborted' "$ERR" "$what: no crash"
  expect_eq "$(store_dump)" "$before" "$what: the store is unchanged"
}

count=0
while IFS=$'\t' read -r file cmd line note; do
  case $file in '#'* | '') continue ;; esac
  [ -f "$BAD/$file" ] || { fail "MANIFEST lists $file, which is missing"; continue; }
  refuse "$BAD/$file" "$cmd" "$line" "$note"
  count=$((count + 1))
done <"$BAD/MANIFEST"
expect_eq "$(ls "$BAD" | grep -vc '^MANIFEST$')" "$count" "every file of tests/data/bad is in its MANIFEST"

# The big ones, generated: a 2 MiB field, 10 MB on one line (of text, of delimiters), a 10 MB first line.
{ echo 'nip,nama,email'; printf '198609262015051001,'; head -c 2097152 /dev/zero | tr '\0' 'a'; echo ',siti@example.go.id'; } \
  >"$WORK/huge-field.csv"
refuse "$WORK/huge-field.csv" import 2 "a 2 MiB name"
{ echo 'nip,nama,email'; head -c 10000000 /dev/zero | tr '\0' 'x'; } >"$WORK/ten-mb-line.csv"
refuse "$WORK/ten-mb-line.csv" import 2 "10 MB of one line"
{ echo 'Timestamp,Email Address,NIP,Nama'; head -c 10000000 /dev/zero | tr '\0' ','; echo; } >"$WORK/ten-mb-commas.csv"
refuse "$WORK/ten-mb-commas.csv" enroll 1 "10 MB of delimiters on one line (a blank row: the header has no rows)"
{ echo 'Timestamp,Email Address,NIP,Nama'; head -c 5000000 /dev/zero | tr '\0' 'a' | sed 's/aa/a,/g'; echo; } \
  >"$WORK/ten-mb-fields.csv"
refuse "$WORK/ten-mb-fields.csv" enroll 2 "5 MB of short fields on one line"
{ head -c 10000000 /dev/zero | tr '\0' 'z'; printf '\nnip,minutes\n198609262015051001,150\n'; } >"$WORK/ten-mb-first-line.csv"
refuse "$WORK/ten-mb-first-line.csv" attend 1 "a 10 MB first line"
{ printf 'nip,minutes\n198609262015051001,150\n199001152014031002,"'; head -c 20000000 /dev/zero | tr '\0' '9'; } \
  >"$WORK/ten-mb-quote.csv"
refuse "$WORK/ten-mb-quote.csv" attend 3 "a quote opened and never closed before 20 MB"
echo "bad-input corpus: $count files in tests/data/bad, 6 generated (up to 20 MB), each refused with FILE:LINE" \
  "and the store unchanged"

# --- valid data that only looks hostile is stored verbatim ---
BOBBY="Robert'); DROP TABLE participants;--"
cat >"$WORK/hostile-valid.csv" <<EOF
nip,nama,email,instansi,unit kerja,jabatan
198703212010122003,"$BOBBY",bobby@example.go.id,"x' OR '1'='1",=HYPERLINK("http://x";"y"),@SUM(1+1)
197512302000031001,"=cmd|' /C calc'!A0",,"Pemerintah Kota Malang; DELETE FROM sessions",-2+3,+62 ada
EOF
ab participant import "$WORK/hostile-valid.csv"
expect_rc 0 "SQL- and formula-looking values that are valid data are accepted"
ab participant show 198703212010122003 --format json
expect_eq "$(jq -r '.[0].name' "$OUT")" "$BOBBY" "the SQL-looking name is stored verbatim"
expect_eq "$(jq -r '.[0].agency' "$OUT")" "x' OR '1'='1" "the SQL-looking agency is stored verbatim"
expect_eq "$(jq -r '.[0].unit' "$OUT")" '=HYPERLINK("http://x";"y")' "the formula-looking unit is stored verbatim"
expect_eq "$(jq -r '.[0].position' "$OUT")" '@SUM(1+1)' "the @-cell is stored verbatim"
ab participant show 197512302000031001 --format json
expect_eq "$(jq -r '.[0].name' "$OUT")" "=cmd|' /C calc'!A0" "the DDE-looking name is stored verbatim"
expect_eq "$(jq -r '.[0].agency' "$OUT")" "Pemerintah Kota Malang; DELETE FROM sessions" "the SQL-looking agency too"
expect_eq "$(sql 'SELECT count(*) FROM sessions')" "1" "no session was deleted"
printf 'nip,nama,minutes\n198703212010122003,"%s",150\n' "$BOBBY" >"$WORK/hostile-attend.csv"
ab attend $SESSION --file "$WORK/hostile-attend.csv"
expect_rc 0 "an attendance file with a SQL-looking name"
ab report session $SESSION --format json
expect_eq "$(jq -r '.[] | select(.nip == "198703212010122003") | .name + "|" + (.minutes | tostring)' "$OUT")" \
  "$BOBBY|150" "the attendance of the SQL-looking name is recorded"
printf 'Timestamp,Email Address,NIP,Nama\n2/28/2022 07:13:54,x@example.go.id,199205172019022004,"%s"\n' "$BOBBY" \
  >"$WORK/hostile-enroll.csv"
ab enroll $SESSION --file "$WORK/hostile-enroll.csv"
expect_rc 0 "a registration with a SQL-looking name"
expect_eq "$(sql "SELECT name FROM participants WHERE nip = '199205172019022004'")" "$BOBBY" \
  "the registration's name is stored verbatim"

finish
