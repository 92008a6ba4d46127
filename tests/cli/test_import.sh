#!/usr/bin/env bash
# participant import and enroll --file end to end: the file layouts admins receive (Indonesian Excel, Google
# Forms, quoted newlines, UTF-16, stdin), the refusals (each: exit 1, the file and line named, the store
# unchanged), upsert rules and idempotence, --skip-invalid / --rejects / exit 3, --dry-run, and bulk enrollment
# in file order with a capacity.
source "$(dirname "$0")/lib.sh"
D=$TESTDATA

# tsv_field KEYCOL KEY FIELDCOL: from $OUT in TSV, the FIELDCOL of the row whose KEYCOL is KEY.
tsv_field() {
  awk -F'\t' -v kc="$1" -v key="$2" -v fc="$3" '
    NR == 1 { for (i = 1; i <= NF; i++) { if ($i == kc) k = i; if ($i == fc) f = i }; next }
    $k == key { print $f; exit }' "$OUT"
}
# person NIP-OR-EMAIL FIELD: one stored field of one participant.
person() { "$ASNBELAJAR" participant list --format tsv >"$OUT" 2>"$ERR"; tsv_field "$( [[ $1 == *@* ]] && echo email || echo nip)" "$1" "$2"; }
summary() { grep -E ': [0-9]+ rows?: ' "$ERR" | sed 's/^asnbelajar: [^:]*: //'; }

# --- a first import into a missing store: --dry-run creates nothing ---
ab participant import --dry-run "$D/roster-excel-id.csv"
expect_rc 0 "dry run of the Excel roster"
[ ! -e "$ASNBELAJAR_DB" ] && ok || fail "--dry-run on a missing store created it"
expect_eq "$(summary)" "8 rows: 8 added, 0 updated, 0 unchanged, 0 rejected (dry run: nothing was written)" \
  "dry run counts"

# --- the first import into a new store (SQLite: loaded with a rollback journal, then switched to WAL) ---
if sqlite_only "a new store's journal mode and files"; then
  NEW=$(new_store first)
  make_roster "$WORK/first.csv" 25000
  ab --db "$NEW" participant import "$WORK/first.csv"
  expect_rc 0 "a first import of 25,000 rows into a new store"
  ab --db "$NEW" db check --format csv
  expect_grep '^journal_mode,wal$' "$OUT" "the new store is in WAL mode once its first import committed"
  expect_grep '^participants,25000$' "$OUT" "every row"
  [ ! -e "$NEW-journal" ] && ok || fail "no rollback journal is left behind"
  # A failure after 20,000 good rows (the bulk load under way): the file it created is removed, with its journal.
  NEW2=$(new_store failed-first)
  { cat "$WORK/first.csv" | head -n 20001; printf '"an unterminated quote\n'; } >"$WORK/first-bad.csv"
  ab --db "$NEW2" participant import "$WORK/first-bad.csv"
  expect_rc 1 "a first import failing at line 20002"
  expect_grep 'first-bad.csv:20002:1: unterminated quoted field' "$ERR" "the line of the bad record is named"
  [ ! -e "$NEW2" ] && [ ! -e "$NEW2-journal" ] && [ ! -e "$NEW2-wal" ] && ok ||
    fail "a failed first import left $(ls "$NEW2"* 2>/dev/null | tr '\n' ' ')"
fi

# --- Indonesian Excel: BOM, semicolons, CRLF, Indonesian headers, golongan and NIP spellings ---
ab participant import "$D/roster-excel-id.csv"
expect_rc 0 "import the Excel roster"
expect_eq "$(summary)" "8 rows: 8 added, 0 updated, 0 unchanged, 0 rejected" "Excel roster summary"
expect_eq "$(person 197705122003121002 grade)" "III/b" "III/B → III/b"
expect_eq "$(person 197705122003121002 unit)" "Dinas Pendidikan; Bidang SMP" "quoted semicolon kept"
expect_eq "$(person 198203172009012004 grade)" "III/a" "IIIa → III/a; a leading apostrophe on the NIP is dropped"
expect_eq "$(person 198203172009012004 email)" "retno.wulandari@gmail.com" "e-mail lower-cased"
expect_eq "$(person 198203172009012004 phone)" "+6281331234502" "0813-3123-4502 → +62"
expect_eq "$(person 199002282014021003 grade)" "II/d" "Pengatur Tingkat I (II/d) → II/d; spaced NIP"
expect_eq "$(person 199002282014021003 unit)" 'Dinas Pekerjaan Umum "Bina Marga"' "doubled quotes"
expect_eq "$(person 196911021994031005 grade)" "IV/b" "IVb → IV/b"
expect_eq "$(person 199203152021241003 grade)" "IX" "NI PPPK with golongan IX"
expect_eq "$(person 198808082015032006 phone)" "+6281331234506" "phone with an apostrophe"
expect_eq "$(person 197512302000031001 name)" "Agus Salim" "blanks collapsed"
expect_eq "$(person rahmat.hidayat@example.ac.id name)" "Rahmat Hidayat, M.Si." "e-mail-only person"

# --- importing the same file again changes nothing ---
ab participant list --format csv; cp "$OUT" "$WORK/list-before"
ab participant import "$D/roster-excel-id.csv"
expect_rc 0 "re-import"
expect_eq "$(summary)" "8 rows: 0 added, 0 updated, 8 unchanged, 0 rejected" "re-import: all unchanged"
ab participant list --format csv
expect_eq "$(cat "$OUT")" "$(cat "$WORK/list-before")" "re-import leaves every participant as it was"

# --- upsert: empty cells never erase; NIP first, then e-mail; conflicts are rejected ---
printf 'NIP,Nama,Email,No HP,Instansi\n197705122003121002,Bambang Sutrisno S.Sos.,,,Pemerintah Kabupaten Gresik\n,Rahmat Hidayat,RAHMAT.HIDAYAT@example.ac.id,081299990000,\n' \
  >"$WORK/update.csv"
ab participant import "$WORK/update.csv"
expect_rc 0 "update by NIP and by e-mail"
expect_eq "$(summary)" "2 rows: 0 added, 2 updated, 0 unchanged, 0 rejected" "two updated"
# (Taken right after a write: a read-only command leaves an empty -wal file that store_digest lists.)
before=$(store_digest)
printf 'NIP,Nama,Email\n197705122003121002,Bambang Sutrisno,retno.wulandari@gmail.com\n' >"$WORK/conflict.csv"
ab participant import "$WORK/conflict.csv"
expect_rc 1 "NIP of one person, e-mail of another"
expect_grep "conflict.csv:2: Email: retno.wulandari@gmail.com: conflict: this e-mail belongs to NIP 198203172009012004" \
  "$ERR" "the conflict names both people"
expect_eq "$(store_digest)" "$before" "a conflict changes nothing"
expect_eq "$(person 197705122003121002 agency)" "Pemerintah Kabupaten Gresik" "non-empty cell replaces"
expect_eq "$(person 197705122003121002 email)" "bambang.sutrisno@sidoarjokab.go.id" "empty e-mail cell keeps it"
expect_eq "$(person 197705122003121002 phone)" "+6281331234501" "empty phone cell keeps it"
expect_eq "$(person rahmat.hidayat@example.ac.id phone)" "+6281299990000" "matched by e-mail"

# --- Google Forms: Timestamp, long question headers, the collected address; an identical double submission ---
ab participant import "$D/registration-gforms.csv"
expect_rc 0 "Google Forms export"
expect_grep "ignoring columns Timestamp, Jenis Kelamin, Kabupaten/Kota" "$ERR" "unknown columns listed once"
expect_eq "$(grep -c 'ignoring columns' "$ERR")" "1" "listed once"
expect_eq "$(summary)" "8 rows: 7 added, 0 updated, 1 unchanged, 0 rejected" "identical repeat counted unchanged"
expect_eq "$(person 199512252022031005 name)" "Putri Rahmawati, S.Psi." "long header maps to the name"
expect_eq "$(person 198501012010012001 grade)" "III/b" "Penata Muda Tingkat I (III/b)"
expect_eq "$(person 198003032006041004 unit)" "Sekretariat Daerah, Biro Hukum" "quoted comma"

# --- quoted newlines; UTF-16 with BOM; standard input ---
ab participant import "$D/roster-multiline.csv"
expect_rc 0 "quoted newlines"
expect_eq "$(summary)" "3 rows: 3 added, 0 updated, 0 unchanged, 0 rejected" "three multi-line rows"
ab participant show 196805051990031001 --format json
expect_grep '"unit": ?"Dinas Pendidikan Bidang SMP Seksi Kurikulum"' "$OUT" "line ends inside a cell become spaces"
ab participant import "$D/roster-utf16.tsv"
expect_rc 0 "UTF-16LE with BOM, tabs"
expect_eq "$(summary)" "3 rows: 3 added, 0 updated, 0 unchanged, 0 rejected" "UTF-16 rows"
expect_eq "$(person 198905172014022001 name)" "Siti Nur’aini" "non-ASCII text from UTF-16"
"$ASNBELAJAR" participant import - <"$D/roster-multiline.csv" >"$OUT" 2>"$ERR"; RC=$?
expect_rc 0 "standard input"
expect_grep '^asnbelajar: <stdin>: 3 rows: 0 added, 0 updated, 3 unchanged, 0 rejected$' "$ERR" "stdin is named <stdin>"

# --- refusals: exit 1, FILE:LINE in the message, the store byte-identical ---
refuse() { # refuse FILE PATTERN DESCRIPTION
  local before; before=$(store_digest)
  ab participant import "$D/$1"
  expect_rc 1 "$3"
  expect_grep "$2" "$ERR" "$3: the file and line are named"
  expect_eq "$(store_digest)" "$before" "$3: store unchanged"
}
refuse bad-unterminated-quote.csv "bad-unterminated-quote.csv:3:20: unterminated quoted field" "unterminated quote"
refuse bad-ragged.csv "bad-ragged.csv:3: the row has 3 fields but the header has 4" "too few fields"
expect_grep "bad-ragged.csv:4: the row has 5 fields" "$ERR" "too many fields"
expect_no_grep "bad-ragged.csv:5" "$ERR" "trailing empty cells are fine"
refuse bad-nip.csv "bad-nip.csv:5: NIP: 198613262015051001: birth date 19861326 is not a real date" \
  "bad NIP after a multi-line cell"
refuse bad-mangled-nip.csv "bad-mangled-nip.csv:3: NIP: 1.98609E\+17: looks mangled by a spreadsheet" "scientific notation"
expect_grep "bad-mangled-nip.csv:4: NIP: 19860926201505100: NIP has 17 digits instead of 18: a spreadsheet" "$ERR" \
  "17 digits"
expect_grep "bad-mangled-nip.csv:5: NIP: 1,98609E\+17: looks mangled" "$ERR" "Indonesian-locale scientific notation"
expect_grep "error: .*bad-mangled-nip.csv: 3 of 4 rows rejected: nothing was imported" "$ERR" "nothing imported"
refuse bad-no-id-column.csv "bad-no-id-column.csv:1: no NIP or e-mail column" "no NIP and no e-mail column"
expect_grep "surel" "$ERR" "the accepted headers are listed"
refuse empty.csv "empty.csv:1: the file is empty" "empty file"
refuse header-only.csv "header-only.csv:1: the file has a header but no participant rows" "header only"
refuse binary-garbage.bin "binary-garbage.bin:1:1: invalid UTF-8" "binary garbage"
before=$(store_digest)
"$ASNBELAJAR" participant import - <"$D/bad-nip.csv" >"$OUT" 2>"$ERR"; RC=$?
expect_rc 1 "refusal from stdin"
expect_grep "<stdin>:5: NIP: 198613262015051001" "$ERR" "stdin refusal names <stdin> and the line"
expect_eq "$(store_digest)" "$before" "stdin refusal: store unchanged"
ab participant import "$WORK/no-such-file.csv"
expect_rc 1 "a missing file"
expect_grep "cannot open .*no-such-file.csv" "$ERR" "the missing file is named"

# --- all or nothing by default, --rejects, --skip-invalid and exit 3, --dry-run ---
ASNBELAJAR_DB=$(new_store mixed) || exit 1; export ASNBELAJAR_DB
ab session add --title "Webinar ASN Belajar" --start "2022-03-10 09:00" --minutes 120 --jp 3
before=$(store_digest)
ab participant import "$D/registrations-mixed.csv" --rejects "$WORK/rejects.csv"
expect_rc 1 "invalid rows refuse the file"
expect_eq "$(grep -c 'registrations-mixed.csv:[0-9]*: ' "$ERR")" "5" "every problem listed"
expect_grep "registrations-mixed.csv:3: Email: retno@example: not an e-mail address" "$ERR" "bad e-mail"
expect_grep "registrations-mixed.csv:4: No HP: 12345: " "$ERR" "bad phone"
expect_grep "registrations-mixed.csv:5: Pangkat/Golongan: V/a: " "$ERR" "bad golongan"
expect_grep "registrations-mixed.csv:6: Nama Lengkap: \(empty\): a name is required" "$ERR" "missing name"
expect_grep "registrations-mixed.csv:8: NIP: 197705122003121002: the same person appears again with different data \(first on line 2\)" \
  "$ERR" "conflicting duplicate within the file"
expect_eq "$(store_digest)" "$before" "refused: store unchanged"
expect_eq "$(head -1 "$WORK/rejects.csv")" "line,error,Timestamp,NIP,Nama Lengkap,Email,No HP,Pangkat/Golongan" \
  "rejects header: line, error, the original columns"
expect_eq "$(tail -n +2 "$WORK/rejects.csv" | cut -d, -f1 | tr '\n' ' ')" "3 4 5 6 8 " "rejects written even when refused"
expect_grep '^6,Nama Lengkap: \(empty\): a name is required,3/1/2022 08:04:00,199203152021241003,,dewi@example.go.id,081331234505,IX$' \
  "$WORK/rejects.csv" "a rejected row as it was"

ab participant import "$D/registrations-mixed.csv" --dry-run --skip-invalid
expect_rc 3 "dry run predicts exit 3"
expect_eq "$(store_digest)" "$before" "dry run writes nothing"

ab participant import "$D/registrations-mixed.csv" --skip-invalid --rejects "$WORK/rejects2.csv"
expect_rc 3 "--skip-invalid: exit 3"
expect_eq "$(summary)" "7 rows: 2 added, 0 updated, 0 unchanged, 5 rejected" "valid rows kept"
expect_eq "$(person 198808082015032006 name)" "Ni Luh Putu Ayu" "a valid row was written"
expect_eq "$(person 198203172009012004 name)" "" "an invalid row was not"
expect_eq "$(cat "$WORK/rejects2.csv")" "$(cat "$WORK/rejects.csv")" "the same rejects"
ab participant import "$D/registrations-mixed.csv" --skip-invalid
expect_rc 3 "again: still exit 3"
expect_eq "$(summary)" "7 rows: 0 added, 0 updated, 2 unchanged, 5 rejected" "again: nothing new"

# The problem list is capped; --quiet keeps the problems but drops the summary.
{ echo "NIP,Nama"; for i in $(seq 1 60); do echo "1.98609E+17,Peserta $i"; done; } >"$WORK/many.csv"
ab participant import "$WORK/many.csv"
expect_rc 1 "sixty bad rows"
expect_eq "$(grep -c 'many.csv:[0-9]*: NIP' "$ERR")" "50" "at most 50 problem lines"
expect_grep "many.csv: … and 10 more problems" "$ERR" "then how many more"
expect_grep "many.csv: 60 of 60 rows rejected: nothing was imported \(no row is valid\)" "$ERR" "no valid row"
ab -q participant import "$D/registrations-mixed.csv" --skip-invalid
expect_rc 3 "--quiet --skip-invalid"
expect_no_grep "rows:" "$ERR" "--quiet: no summary"
expect_grep "registrations-mixed.csv:3:" "$ERR" "--quiet: problems still listed"
expect_no_grep $'\r|\x1b' "$ERR" "no progress bar when stderr is not a terminal"

# --- enroll SESSION --file: people upserted, enrolled in file order up to the capacity ---
ASNBELAJAR_DB=$(new_store enroll) || exit 1; export ASNBELAJAR_DB
ab session add --title "Webinar ASN Belajar Seri 9" --start "2022-03-03 09:00" --minutes 180 --jp 3 --capacity 5
ab enroll 2022-03-03 --file "$D/registration-gforms.csv" --dry-run
expect_rc 0 "enroll --file --dry-run"
expect_grep "session 2022-03-03: 5 enrolled, 2 waitlisted, 0 already enrolled; arrival order by submission time \(Timestamp\), 1 later submission merged \(dry run" "$ERR" "dry-run counts"
ab report session 2022-03-03 --format csv
expect_eq "$(wc -l <"$OUT")" "1" "dry run enrolled nobody"
ab enroll 2022-03-03 --file "$D/registration-gforms.csv"
expect_rc 0 "enroll --file"
expect_eq "$(summary)" \
  "8 rows: 7 added, 0 updated, 0 unchanged, 0 rejected; session 2022-03-03: 5 enrolled, 2 waitlisted, 0 already enrolled; arrival order by submission time (Timestamp), 1 later submission merged" \
  "enroll summary"
expect_grep "registration-gforms.csv:9: a later submission of the same person as line 3: the same data again" "$ERR" \
  "Hendro's second, identical submission is a note"
ab report session 2022-03-03 --format tsv
order="198501012010012001 197812122005011002 199107072019032003 198003032006041004 199512252022031005 198706152010011006 198404042008012007"
statuses=""; for nip in $order; do statuses="$statuses$(tsv_field nip "$nip" enrollment) "; done
expect_eq "$statuses" "enrolled enrolled enrolled enrolled enrolled waitlisted waitlisted " "first five in time order enrolled"
ab enroll 2022-03-03 --file - <"$D/registration-gforms.csv"
expect_rc 0 "enroll --file - (stdin) again"
expect_eq "$(summary)" \
  "8 rows: 0 added, 0 updated, 7 unchanged, 0 rejected; session 2022-03-03: 0 enrolled, 0 waitlisted, 5 already enrolled, 2 already waitlisted; arrival order by submission time (Timestamp), 1 later submission merged" \
  "re-enrolling the same file changes nothing"
# Moved into the future: before a session starts, a freed seat goes to the waiting list.
ab session edit 2022-03-03 --start "2099-03-03 09:00"
ab enroll 2022-03-03 --cancel 198501012010012001
expect_grep "198706152010011006.*promoted" "$ERR" "the first waitlisted in file order takes a freed seat"

before=$(store_digest)
ab enroll 2022-03-03 --file "$D/registrations-mixed.csv"
expect_rc 1 "enroll --file refuses invalid rows"
expect_eq "$(store_digest)" "$before" "enroll refusal: store unchanged"
ab enroll 2022-03-03 --file "$D/registrations-mixed.csv" --skip-invalid
expect_rc 3 "enroll --file --skip-invalid"
expect_grep "session 2022-03-03: 0 enrolled, 2 waitlisted" "$ERR" "valid rows waitlisted behind the queue"
ab enroll NO-SUCH --file "$D/registration-gforms.csv"
expect_rc 1 "unknown session"
ab enroll 2022-03-03 --file "$D/registration-gforms.csv" 198501012010012001
expect_rc 2 "PERSON and --file together"
ab enroll 2022-03-03 198501012010012001 --skip-invalid
expect_rc 2 "--skip-invalid without --file"

# --- large files: an import that will add 20,000 people or more (projected from its first 1,000 and the file's
# size) drops the participants' indexes, keeps the keys in memory and builds the indexes again before it commits
# (the SQLite backend's append mode); the rules and the refusals stay the same ---
ASNBELAJAR_DB=$(new_store bulk) || exit 1; export ASNBELAJAR_DB
make_roster "$WORK/big.csv" 30000
ab participant import "$D/roster-excel-id.csv"
{ cat "$WORK/big.csv"; sed -n 2p "$WORK/big.csv" | sed 's/Peserta 0/Peserta Nol/'; } >"$WORK/big-conflict.csv"
before=$(store_digest)
ab participant import "$WORK/big-conflict.csv"
expect_rc 1 "bulk: a conflicting repeat on the last line refuses the file"
expect_grep "big-conflict.csv:30002: nip: $(sed -n 2p "$WORK/big.csv" | cut -d, -f1): the same person appears again with different data \\(first on line 2\\)" \
  "$ERR" "bulk: the conflict names its line"
expect_eq "$(store_digest)" "$before" "bulk: a refused file changes nothing"
ab participant import "$WORK/big-conflict.csv" --skip-invalid
expect_rc 3 "bulk: --skip-invalid"
expect_eq "$(summary)" "30001 rows: 30000 added, 0 updated, 0 unchanged, 1 rejected" "bulk: counts"
ab db check --format csv
expect_grep '^integrity,ok$' "$OUT" "bulk: integrity after the rebuilt indexes"
expect_grep '^participants,30008$' "$OUT" "bulk: every person stored once"
if sqlite_only "the participant indexes dropped and rebuilt by a bulk load (sqlite_master, EXPLAIN QUERY PLAN)"; then
  expect_eq "$(sqlite3 "$ASNBELAJAR_DB" "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'participants'")" \
    "3" "bulk: the three participant indexes are back"
  expect_eq "$(sqlite3 "$ASNBELAJAR_DB" "EXPLAIN QUERY PLAN SELECT id FROM participants WHERE nip = '1'" | grep -c 'INDEX participants_nip')" \
    "1" "bulk: lookups by NIP use the index again"
else
  expect_grep 'participants_nip' <(sql "SELECT indexname FROM pg_indexes WHERE tablename = 'participants'") \
    "bulk: the NIP index is there"
fi
ab participant add --nip "$(sed -n 3p "$WORK/big.csv" | cut -d, -f1)" --name "Orang Lain" --email lain@example.go.id
expect_rc 1 "bulk: the NIP is unique again"
ab participant import "$WORK/big.csv"
expect_eq "$(summary)" "30000 rows: 0 added, 0 updated, 30000 unchanged, 0 rejected" "bulk: re-import unchanged"
# 25,000 new people (append mode starts among them), then known people by NIP with new e-mails, then a row whose
# e-mail belongs to someone else: found through the keys in memory.
make_roster "$WORK/new.csv" 25000 30000
{ cat "$WORK/new.csv"; sed -n '2,4s/@example/@new.example/p' "$WORK/big.csv"
  sed -n 6p "$WORK/big.csv" | awk -F, -v OFS=, '{ $3 = "peserta9@example.go.id"; print }'; } >"$WORK/big2.csv"
ab participant import "$WORK/big2.csv" --skip-invalid
expect_rc 3 "bulk: a mixed file"
expect_eq "$(summary)" "25004 rows: 25000 added, 3 updated, 0 unchanged, 1 rejected" "bulk: mixed counts"
expect_grep "big2.csv:25005: email: peserta9@example.go.id: conflict: this e-mail belongs to NIP [0-9]+ \\(Peserta 9\\), but the row's NIP to Peserta 4" \
  "$ERR" "bulk: an e-mail of another person is refused"
expect_eq "$(person peserta1@new.example.go.id name)" "Peserta 1" "bulk: a known NIP takes its new e-mail"
expect_eq "$(person peserta30000@example.go.id name)" "Peserta 30000" "bulk: new people stored"
ab participant import "$WORK/big2.csv" --skip-invalid
expect_eq "$(summary)" "25004 rows: 0 added, 0 updated, 25003 unchanged, 1 rejected" "bulk: idempotent"

ab participant import --help
expect_grep "asnbelajar participant import registrations.csv --skip-invalid --rejects rejected.csv" "$OUT" \
  "help ends with examples"
ab enroll --help
expect_grep "asnbelajar enroll 2022-03-03 --file registrations.csv" "$OUT" "enroll help shows --file"

finish
