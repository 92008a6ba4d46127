#!/usr/bin/env bash
# Attendance from exports as the platforms write them (issue 13): faithful copies of real exports
# (tests/data/attendance/SOURCES.md says which public file each reproduces) read end to end, with every
# person's minutes checked against the union of their intervals clipped to the session's window, computed by
# hand in the comments; name-only rows and --match-names; and wrong files that must leave the store as it was.
source "$(dirname "$0")/lib.sh"
D="$TESTDATA/attendance"

# report CODE: the session report as CSV, kept in $WORK/report.csv.
report() { ab report session "$1" --format csv; cp "$OUT" "$WORK/report.csv"; }
# row NIP: "enrollment,minutes,attendance,jp" of that person in the last report (read from the end of the line:
# names may hold quoted commas; certificate, survey and posttest come last and are empty).
row() { grep "^$1," "$WORK/report.csv" | awk -F, '{ print $(NF-6) "," $(NF-5) "," $(NF-4) "," $(NF-3) }'; }
# person NIP NAME [EMAIL]
person() { "$ASNBELAJAR" -q participant add --nip "$1" --name "$2" ${3:+--email "$3"} >/dev/null || fail "add $2"; }
# session CODE START MINUTES [MIN-ATTENDANCE]
session() {
  "$ASNBELAJAR" -q session add --title "Sesi $1" --code "$1" --start "$2" --minutes "$3" --jp 2 \
    ${4:+--min-attendance "$4"} >/dev/null || fail "session $1"
}
# dump: every row of the store, in order (lib.sh's store_dump; the file's digest when sqlite3 is not installed).
dump() { if [ "$BACKEND" = postgres ] || command -v sqlite3 >/dev/null; then store_dump; else store_digest; fi; }

# --- 1. Zoom webinar attendee report with an "Other Attended" section (beemyfriend/ZoomReports) ---------------
# Session 2020-03-28 08:30-14:30 (360 minutes, 10 % = 36 to attend).
session W2020 "2020-03-28 08:30" 360 10
SITI=199001152020122001; BUDI=199002022020121002; DEWI=199003032020122003; HENDRA=199004042020121004
KARTIKA=199005052020122005; INTAN=198506062010012006; JOKO1=198007072005011007; JOKO2=198108082005011008
RATNA=197909092003122009; EKO=199110102020121010
person $SITI "Siti Rahmawati" siti.rahmawati@example.go.id
person $BUDI "Budi Santoso" budi.santoso@example.go.id
person $DEWI "Dewi Lestari" dewi.lestari@example.go.id
person $HENDRA "Hendra Gunawan" hendra.gunawan@example.go.id
person $KARTIKA "Kartika Sari" kartika.sari@example.go.id
person $INTAN "Dr. Intan Permatasari, M.Si." intan.permatasari@example.go.id
person $JOKO1 "Joko Widodo Saputra" joko.saputra@example.go.id
person $JOKO2 "JOKO WIDODO SAPUTRA, S.E." joko.ws@example.go.id
person $RATNA "Ratna Wulandari" ratna.wulandari@example.go.id
person $EKO "Eko Prasetyo" eko.prasetyo@example.go.id
"$ASNBELAJAR" -q enroll W2020 $SITI $BUDI $DEWI $KARTIKA $INTAN $RATNA $EKO || fail "enroll W2020"

ab attend W2020 --file "$D/zoom-webinar-other-attended.csv" --unmatched "$WORK/unmatched.csv"
expect_rc 0 "webinar with Other Attended: read, not refused"
expect_no_grep "neither yes nor no" "$ERR" "'Other Attended' is a section title, not an Attended value"
expect_grep 'as a Zoom webinar attendee report: 16 rows, 10 attendee rows \(4 hosts, panelists or organizers and 2 no-shows left out\)' \
  "$ERR" "rows read: 6 attendee rows and 4 Other Attended rows"
expect_grep "section 'Other Attended': 4 rows of people who joined without registering" "$ERR" "the section is named"
report W2020
expect_eq "$(row $SITI)"   "enrolled,19,partial,0"  "Siti 09:07:39-09:26:54 = 19m15s"
expect_eq "$(row $BUDI)"   "enrolled,107,attended,2" "Budi's three rows united 09:20:36-11:08:12 = 107m36s"
expect_eq "$(row $DEWI)"   "enrolled,2,partial,0"   "Dewi 08:40:22-08:42:39 = 2m17s"
expect_eq "$(row $HENDRA)" "walk-in,0,partial,0"    "Hendra 43 seconds, not enrolled"
expect_eq "$(row $RATNA)"  "enrolled,0,absent,0"    "a panelist is not an attendee"
expect_eq "$(row $EKO)"    "enrolled,0,absent,0"    "a registered no-show"
expect_eq "$(row $KARTIKA)" "enrolled,0,absent,0"   "Other Attended without --match-names: not matched"
expect_eq "$(grep -c 'match it by name' "$WORK/unmatched.csv")" "4" \
  "the four Other Attended rows are unmatched, the reason naming --match-names"
expect_grep '^28,,,,Kartika Sari,2020-03-28T13:52:00\+07:00,2020-03-28T14:40:00\+07:00,,' "$WORK/unmatched.csv" \
  "an unmatched row keeps its line and its 12-hour times"

# --match-names: Kartika by her name, Intan despite her titles; two Jokos are ambiguous; Gilang is nobody.
# --unmatched through a symbolic link to a file not yet there: written through the shared output path (the
# target created whole), the link kept.
mkdir -p "$WORK/lists"
ln -s lists/unmatched-w2020.csv "$WORK/unmatched-latest.csv"
ab attend W2020 --file "$D/zoom-webinar-other-attended.csv" --match-names --unmatched "$WORK/unmatched-latest.csv"
expect_rc 0 "--match-names"
expect_grep 'this export was imported before: its marks were replaced' "$ERR" "the same export again replaces"
report W2020
expect_eq "$(row $KARTIKA)" "enrolled,38,attended,2" "Kartika 13:52-14:40 clipped at 14:30 = 38, matched by name"
expect_eq "$(row $INTAN)"   "enrolled,2,partial,0"   "Intan 2:25-2:27 PM, her titles ignored"
expect_eq "$(row $BUDI)"    "enrolled,107,attended,2" "the re-import changed nothing else"
expect_no_grep "^$JOKO1,|^$JOKO2," "$WORK/report.csv" "an ambiguous name matches nobody"
[ -L "$WORK/unmatched-latest.csv" ] && ok || fail "--unmatched keeps a symbolic link a link"
expect_grep "^27,,,,Joko Widodo Saputra,.*\"the name matches 2 participants \($JOKO1, $JOKO2\); match the row by hand\"$" \
  "$WORK/lists/unmatched-w2020.csv" "ambiguous: the reason names the candidates"
expect_grep '^25,,,,Gilang Ramadhan,.*,no participant with this name$' "$WORK/lists/unmatched-w2020.csv" \
  "unknown: the reason says so"
# Gilang joins the store with accents the export does not write: matched all the same, though no word of the
# row's name is in the stored one (every stored name is compared by its key, never searched for a word).
GILANG=199206062020121011
person $GILANG "Gîlang Ramâdhan" gilang.ramadhan@example.go.id
ab attend W2020 --file "$D/zoom-webinar-other-attended.csv" --match-names
expect_rc 0 "--match-names, a stored name with accents"
report W2020
expect_eq "$(row $GILANG)" "walk-in,1,partial,0" "Gilang 2:20-2:21 PM, matched by name whatever its accents"
expect_eq "$(row $KARTIKA)" "enrolled,38,attended,2" "the others as before"

# --- 2. the 2025 webinar report, every line padded with commas ------------------------------------------------
# Session 2025-03-22 19:00-23:00.
session W2025 "2025-03-22 19:00" 240
RINA=199512122020122011; OKI=199601012022031012; LINA=198802022015032013
person $RINA "Rina Sari" rina.sari@example.com
person $OKI "Oki Saputra" oki@example.com
person $LINA "Lina Marlina" lina.marlina@example.go.id
"$ASNBELAJAR" -q enroll W2025 $RINA $OKI $LINA || fail "enroll W2025"
ab attend W2025 --file "$D/zoom-webinar-2025-padded.csv"
expect_rc 0 "padded 2025 report"
expect_grep ': 7 rows, 1 attendee row \(4 hosts, panelists or organizers and 2 no-shows left out\)' "$ERR" \
  "padded titles are titles: host and panelists left out, two no-shows"
report W2025
expect_eq "$(row $RINA)" "enrolled,0,partial,0" "rina 19:52:01-19:52:39 = 38 seconds"
expect_eq "$(row $OKI)"  "enrolled,0,absent,0"  "a no-show (Attended = No, --)"
expect_eq "$(row $LINA)" "enrolled,0,absent,0"  "the host is not an attendee"
# The same report with an Other Attended section and two sections no reader knows, one holding a row that
# would be refused as an attendee row ('Maybe' is neither yes nor no).
{
  cat "$D/zoom-webinar-2025-padded.csv"
  printf '\nOther Attended,,,,,,,,,,,,,\n'
  printf 'User Name (Original Name),Join Time,Leave Time,Time in Session (minutes),Is Guest,Country/Region Name,,,,,,,,\n'
  printf '"Rina Sari","Mar 22, 2025 7:30 PM","Mar 22, 2025 11:20 PM",230,Yes,Indonesia,,,,,,,,\n'
  printf 'Poll Report,,,,,,,,,,,,,\n'
  printf 'Attended,User Name,Email,Join Time,Leave Time,Time in Session (minutes),,,,,,,,\n'
  printf 'Maybe,X,x@example.com,soon,later,1,,,,,,,,\n'
  printf 'Q&A Details,,,,,,,,,,,,,\n'
  printf 'Question,Asker Name,Asker Email,,,,,,,,,,,\n'
  printf 'Berapa JP?,Rina Sari,rina.sari@example.com,,,,,,,,,,,\n'
} >"$WORK/padded-plus.csv"
ab attend W2025 --file "$WORK/padded-plus.csv" --match-names --replace
expect_rc 0 "unknown sections are passed over"
expect_grep "section 'Poll Report' is not one this reader knows: its 1 row was passed over" "$ERR" \
  "an unknown title is named"
expect_grep "section 'Q&A Details' is not one this reader knows: its 1 row was passed over" "$ERR" \
  "an unknown '... Details' title is named"
report W2025
expect_eq "$(row $RINA)" "enrolled,210,attended,2" "Rina united with her Other Attended row 19:30-23:00 = 210"

# --- 3. Zoom meeting, "Show unique users" (har1eyk/Create-Attenance-List-Using-Zoom) --------------------------
# Session 2020-09-01 09:00-10:00. Durations per person summed, capped at 60.
session Z2020 "2020-09-01 09:00" 60
TEGUH=198801012015031021; WAHYU=198802022015031022; ZAINAL=198803032015031023; NUR=198804042015032024
HOST=198005052005011025
person $TEGUH "Teguh Prakoso" teguh.prakoso@example.com
person $WAHYU "Wahyu Hidayat" wahyu.hidayat@example.go.id
person $ZAINAL "Zainal Arifin" zainal.arifin@example.go.id
person $NUR "Nur Aini" nur.aini@example.go.id
person $HOST "Host Latsar" host.latsar@example.go.id
"$ASNBELAJAR" -q enroll Z2020 $TEGUH $WAHYU $ZAINAL $NUR $HOST || fail "enroll Z2020"
check_unique_users() {
  local what=$1
  report Z2020
  expect_eq "$(row $TEGUH)"  "enrolled,47,attended,2" "$what: Teguh's two rows 6 + 41"
  expect_eq "$(row $WAHYU)"  "enrolled,60,attended,2" "$what: Wahyu 70 capped at the session's 60"
  expect_eq "$(row $ZAINAL)" "enrolled,32,partial,0"  "$what: Zainal 32"
  expect_eq "$(row $NUR)"    "enrolled,10,partial,0"  "$what: Nur Aini, no e-mail, by name"
  expect_eq "$(row $HOST)"   "enrolled,0,absent,0"    "$what: never the meeting-data row"
}
ab attend Z2020 --file "$D/zoom-meeting-unique-users.csv" --match-names
expect_rc 0 "unique users with meeting data"
expect_grep 'as a Zoom meeting participants export: 6 rows, 6 attendee rows$' "$ERR" "six rows of minutes"
check_unique_users "as exported"
ab attend Z2020 --file "$D/zoom-meeting-unique-users.csv" --match-names --source csv --replace
expect_rc 0 "unique users with --source csv"
check_unique_users "--source csv"
# Every combination of meeting data lines, Guest column, BOM, CRLF and a comma ending every line.
for preamble in 1 0; do for guest in 0 1; do for bom in 0 1; do for crlf in 0 1; do for comma in 0 1; do
  what="preamble=$preamble guest=$guest bom=$bom crlf=$crlf comma=$comma"
  {
    [ $bom = 1 ] && printf '\xEF\xBB\xBF'
    [ $preamble = 1 ] && head -n 3 "$D/zoom-meeting-unique-users.csv"
    tail -n +4 "$D/zoom-meeting-unique-users.csv" | awk -F, -v guest=$guest -v comma=$comma '{
      line = $0
      if (guest) line = line "," (NR == 1 ? "Guest" : ($2 == "" ? "Yes" : "No"))
      if (comma) line = line ","
      print line }'
  } | if [ $crlf = 1 ]; then sed 's/$/\r/'; else cat; fi >"$WORK/unique.csv"
  ab attend Z2020 --file "$WORK/unique.csv" --match-names --replace
  expect_rc 0 "unique users, $what"
  expect_grep 'as a Zoom meeting participants export: 6 rows, 6 attendee rows$' "$ERR" "$what: read as durations"
  check_unique_users "$what"
done; done; done; done; done

# --- 4. Teams attendance list 2020-2021, UTF-16LE (darker-space/Teams-Attendance and others) -------------------
# Session 2020-09-03 14:30-15:30 (en-US 12-hour times, 9/3/2020 read month first from the session's date).
session T0903 "2020-09-03 14:30" 60
ARIF=198901012015031031; CITRA=198902022015032032; DODI1=198903032015031033; DODI2=198904042015031034
FAJAR1=198905052015031035; FAJAR2=198906062015031036
person $ARIF "Arif Budiman S.Kom." arif.budiman@example.go.id
person $CITRA "Hj. Citra Kirana, M.M." citra.kirana@example.go.id
person $DODI1 "Dodi Setiawan" dodi.setiawan@example.go.id
person $DODI2 "DODI SETIAWAN" dodi.s@example.go.id
person $FAJAR1 "Fajar Nugroho" fajar.n@example.go.id
person $FAJAR2 "Fajar Nugroho, S.T." fajar.nugroho@example.go.id
"$ASNBELAJAR" -q enroll T0903 $ARIF $CITRA $DODI1 || fail "enroll T0903"
before=$(dump)
ab attend T0903 --file "$D/teams-attendance-list-2020-en-us.csv"
expect_rc 1 "a names-only list without --match-names"
expect_grep 'a Microsoft Teams attendance list \(2020-2021\) names people only .*pass --match-names' "$ERR" \
  "the refusal names --match-names"
expect_eq "$(dump)" "$before" "refused: the store is unchanged"
ab attend T0903 --file "$D/teams-attendance-list-2020-en-us.csv" --match-names --unmatched "$WORK/unmatched.csv"
expect_rc 0 "Teams attendance list with --match-names"
expect_grep 'as a Microsoft Teams attendance list \(2020-2021\): 8 rows, 6 attendee rows' "$ERR" "8 events, 6 intervals"
expect_grep 'dates read month first' "$ERR" "9/3/2020 is 3 September: the session's date decides"
report T0903
expect_eq "$(row $ARIF)"  "enrolled,48,attended,2" "Arif joined 14:41:55, never left: to 15:30 = 48m05s"
expect_eq "$(row $CITRA)" "enrolled,48,attended,2" "Citra joined before 14:41:55, titles ignored"
expect_eq "$(row $DODI1)" "enrolled,43,attended,2" \
  "Dodi 14:41:55-14:58:10 + 15:02:41-15:30 = 16m15s + 27m19s; the enrolled one of two Dodi Setiawans"
expect_no_grep "^$DODI2," "$WORK/report.csv" "the other Dodi Setiawan, not enrolled, gets nothing"
expect_grep '^6,,,,EVI EVI,.*,no participant with this name$' "$WORK/unmatched.csv" "EVI EVI: nobody"
expect_grep "^8,,,,Fajar Nugroho,.*the name matches 2 participants \($FAJAR1, $FAJAR2\)" "$WORK/unmatched.csv" \
  "Fajar: two participants, neither enrolled"

# Day-first 24-hour, no final line end, surname first (dominikhoebert/Teams-Attendance-Klassenbuch-Writer).
# Session 2020-12-11 12:30-15:30.
session T1211 "2020-12-11 12:30" 180
GITA=197001012000032041; HARUN=197002022000031042
person $GITA "Gita Kusuma" gita.kusuma@example.go.id
person $HARUN "Harun Lubis, S.Pd." harun.lubis@example.go.id
ab attend T1211 --file "$D/teams-attendance-list-2020-dayfirst.csv" --match-names
expect_rc 0 "day-first list"
expect_grep 'dates read day first' "$ERR" "11/12/2020 is 11 December"
report T1211
expect_eq "$(row $GITA)"  "walk-in,26,partial,0"  "Kusuma Gita 12:30-12:45:18 + 13:45:41-13:56:48 = 15m18s + 11m07s"
expect_eq "$(row $HARUN)" "walk-in,103,partial,0" "Lubis Harun 13:46:02-15:57:36 clipped at 15:30 = 103m58s"

# CRLF, quoted day-first timestamps, a NIP in every name (radiantly/attendance-manager's layout): matched by
# the NIP, without --match-names. Session 2020-08-04 14:27-15:57.
session T0804 "2020-08-04 14:27" 90
MAYA=199001012020122001; NANDA=199202022020121002; OKTA=199303032020122003
person $NANDA "Nanda Pratama Putra, S.T."
person $OKTA "Oktaviani Saragih"
ab attend T0804 --file "$D/teams-attendance-list-2020-crlf-quoted.csv" --unmatched "$WORK/unmatched.csv"
expect_rc 0 "a list whose names carry NIPs needs no --match-names"
report T0804
expect_eq "$(row $NANDA)" "walk-in,89,attended,2" "Nanda 14:27-14:29:10 + 14:29:43-15:57 = 2m10s + 87m17s"
expect_eq "$(row $OKTA)"  "walk-in,90,attended,2" "Oktaviani joined before 14:26:25, never left: 90"
expect_eq "$(sed -n 2p "$WORK/unmatched.csv" | cut -d, -f1,5)" "2,Maya Anggraini - [NIP.$MAYA]" \
  "Maya, whose NIP is nobody's: unmatched, her line kept"

# Portuguese header and actions; a person whose first event is a leave. Session 2021-03-09 08:01-09:01.
session T0309 "2021-03-09 08:01" 60
ANDRE=199101012015031051; CANDRA=199102022015031052
person $ANDRE "Andre Siregar" andre.siregar@example.go.id
person $CANDRA "Candra Wijaya" candra.wijaya@example.go.id
ab attend T0309 --file "$D/teams-attendance-list-2021-ptbr.csv" --match-names
expect_rc 0 "Portuguese list"
report T0309
expect_eq "$(row $ANDRE)"  "walk-in,60,attended,2" "André (accent ignored) 08:00:07, never left: 08:01-09:01"
expect_eq "$(row $CANDRA)" "walk-in,59,attended,2" \
  "Candra left 08:02:59 (in since the list began) + 08:03:20-09:01 = 1m59s + 57m40s"

# --- 5. Teams attendance report of 2021 (camilafaiza26/tbpweb-zerobug; Necrelox/Auto_Presence) ---------------
# Padded lines, quoted times, CRLF. Session 2021-04-13 14:50-15:50 (70 % = 42 minutes to attend).
session T0413 "2021-04-13 14:50" 60
PUTRI=199201012015032061; RUDI=199202022015031062; SRI=199203032015032063; TAUFIK=199204042015031064
UMI=199205052015032065
person $PUTRI "Putri Ayu Lestari" putri.ayu@example.com
person $RUDI "Rudi Hartono" rudi.hartono@example.com
person $SRI "Sri Wahyuni" sri.wahyuni@example.com
person $TAUFIK "Taufik Hidayat" taufik.h@example.com
person $UMI "Umi Kalsum" umi.kalsum@example.com
ab attend T0413 --file "$D/teams-2021-summary.csv"
expect_rc 0 "Teams 2021 report"
expect_grep 'as a Microsoft Teams attendance report of 2021: 5 rows, 5 attendee rows$' "$ERR" "five rows"
report T0413
expect_eq "$(row $PUTRI)"  "walk-in,24,partial,0" "Putri 14:50:01-15:14:14 = 24m13s"
expect_eq "$(row $RUDI)"   "walk-in,24,partial,0" "Rudi 14:50:15-15:14:17 = 24m02s"
expect_eq "$(row $SRI)"    "walk-in,24,partial,0" "Sri 14:50:15-15:14:19 = 24m04s"
expect_eq "$(row $TAUFIK)" "walk-in,24,partial,0" "Taufik 14:50:16-15:14:19 = 24m03s"
expect_eq "$(row $UMI)"    "walk-in,23,partial,0" "Umi 14:50:20-15:14:13 = 23m53s"

# French: 'à' in dates, durations with no-break spaces, Organisateur / Présentateur. Session 09:00-11:00.
session F0413 "2021-04-13 09:00" 120
VINCENT=199301012015031071; WULAN=199302022015032072; XAVIER=199303032015031073; YOHANA=199304042015032074
ZUL=199305052015031075
person $VINCENT "Vincent Hakim" vincent.hakim@example.fr
person $WULAN "Wulan Dari" wulan.dari@example.fr
person $XAVIER "Xavier Tanjung" xavier.tanjung@example.fr
person $YOHANA "Yohana Simatupang" yohana.simatupang@example.fr
person $ZUL "Zulkifli Amri" zulkifli.amri@example.fr
"$ASNBELAJAR" -q enroll F0413 $VINCENT || fail "enroll F0413"
ab attend F0413 --file "$D/teams-2021-summary-fr.csv"
expect_rc 0 "French Teams 2021 report"
expect_grep '6 rows, 5 attendee rows \(1 host, panelist or organizer left out\)' "$ERR" "the organizer left out"
report F0413
expect_eq "$(row $WULAN)"   "walk-in,118,attended,2" "Wulan 09:01:39-11:45:55 clipped at 11:00 = 118m21s"
expect_eq "$(row $XAVIER)"  "walk-in,111,attended,2" "Xavier 09:01:40-09:57:55 + 10:05:12-11:00 = 56m15s + 54m48s"
expect_eq "$(row $YOHANA)"  "walk-in,0,partial,0"    "Yohana 11 seconds"
expect_eq "$(row $ZUL)"     "walk-in,35,partial,0"   "Zulkifli 09:01:42-09:37:28 = 35m46s"
expect_eq "$(row $VINCENT)" "enrolled,0,absent,0"    "the Organisateur is not an attendee"

# The three-section report of 2022: day-first two-digit years, names with commas (dvaneynde/teams-attendance).
# Session 2022-11-14 09:30-09:50.
session T1114 "2022-11-14 09:30" 20
ADI=199401012018031081; BAYU=199402022018031082; ROSA=199403032018032083; TIUR=199404042018032084
person $ADI "Adi Santoso" adi.santoso.ext@example.int
person $BAYU "Bayu Saputra" bayu.saputra@example.go.id
person $ROSA "Rosa Pardede Simanjuntak" rosa.p@example.go.id
person $TIUR "Tiur Sinaga" tiur.sinaga@example.go.id
"$ASNBELAJAR" -q enroll T1114 $ADI || fail "enroll T1114"
ab attend T1114 --file "$D/teams-2022-sections-dayfirst.csv"
expect_rc 0 "Teams 2022 report, day first"
report T1114
expect_eq "$(row $BAYU)" "walk-in,19,attended,2" "Bayu 09:30:52-09:50:12 clipped at 09:50 = 19m08s"
expect_eq "$(row $ROSA)" "walk-in,19,attended,2" "Pardede Simanjuntak, Rosa 09:30:52-09:50:14 = 19m08s"
expect_eq "$(row $TIUR)" "walk-in,14,attended,2" "Sinaga, Tiur 09:35:21-09:50 = 14m39s"
expect_eq "$(row $ADI)"  "enrolled,0,absent,0"   "the organizer (EXT) is not an attendee"

# --- 6. Google Meet (no real export was available: see SOURCES.md) --------------------------------------------
# Session 2022-03-03 09:00-12:00.
session M0303 "2022-03-03 09:00" 180
MSITI=197712041999082005; MBUDI=199309142019071007; AHMAD=197004272004111004; MDEWI=198603112018022008
MEKO=198412222006121006; MNUR=198004042017122005; AGUS=199603092016041005; FITRI=198405232013102002
MHENDRA=198701152010011003
person $MSITI "Siti Rahayu" siti.rahayu@jatimprov.go.id
person $MBUDI "Budi Santoso" budi.santoso@gmail.com
person $AHMAD "Ahmad Fauzi" ahmad.fauzi@gmail.com
person $MDEWI "Dewi Lestari, S.Kep." dewi.lestari@gmail.com
person $MEKO "Eko Prasetyo, A.Md." eko.prasetyo@jatimprov.go.id
person $MNUR "Nur Aini" nur.aini@gmail.com
person $AGUS "Agus Salim" agus.salim@gmail.com
person $FITRI "Fitri Handayani" fitri.handayani@gmail.com
person $MHENDRA "Hendra Wijaya" hendra.wijaya@jatimprov.go.id
"$ASNBELAJAR" -q enroll M0303 $MSITI $MBUDI $AHMAD $MDEWI $MEKO $MNUR $AGUS $FITRI || fail "enroll M0303"
ab attend M0303 --file "$D/meet-time-joined.csv"
expect_rc 0 "Meet: Name, Email, Duration, Time joined, Time exited"
report M0303
expect_eq "$(row $MSITI)" "enrolled,170,attended,2" "Siti 09:06:12-12:02:40, 2 hr 50 min in call"
expect_eq "$(row $MBUDI)" "enrolled,45,partial,0"   "Budi 08:45-09:45 clipped to 45 of his 1:00:00"
expect_eq "$(row $AHMAD)" "enrolled,95,partial,0"   "Ahmad 95 min in call within 09:10-11:50"
ab attend M0303 --file "$D/meet-first-seen-preamble.csv"
expect_rc 1 "Meet's Full Name family without --match-names"
expect_grep 'a Google Meet attendance export names people only.*--match-names' "$ERR" "refused, naming the option"
ab attend M0303 --file "$D/meet-first-seen-preamble.csv" --match-names
expect_rc 0 "Meet: preamble, Full Name, First Seen, Time in Call"
report M0303
expect_eq "$(row $MDEWI)" "enrolled,150,attended,2" "Dewi first seen 09:30 for 02:30:00: to 12:00 = 150"
expect_eq "$(row $MEKO)"  "enrolled,100,partial,0"  "Eko 08:50 for 01:50:00: 09:00-10:40 = 100"
expect_eq "$(row $MNUR)"  "enrolled,30,partial,0"   "Nur 11:30 for 01:00:00: clipped at 12:00 = 30"
# The same with a marker column before each line about the meeting.
sed 's/^\(\xEF\xBB\xBF\)\{0,1\}\(Meet\|Created on\|Ended on\)/\1*,\2/' "$D/meet-first-seen-preamble.csv" \
  >"$WORK/meet-starred.csv"
expect_grep '^\*,Meeting code' "$WORK/meet-starred.csv" "the starred variant was made"
ab attend M0303 --file "$WORK/meet-starred.csv" --match-names --replace
expect_rc 0 "Meet: a starred preamble"
report M0303
expect_eq "$(row $MEKO)"  "enrolled,100,partial,0" "starred preamble: Eko 100"
expect_eq "$(row $MSITI)" "enrolled,0,absent,0"    "--replace dropped the earlier export"

# --- 7. wrong files in --source auto: refused, nothing written --------------------------------------------------
session P0303 "2022-03-03 09:00" 180
"$ASNBELAJAR" -q enroll P0303 $MSITI $MBUDI $AGUS $FITRI || fail "enroll P0303"
before=$(dump)
ab attend P0303 --file "$TESTDATA/registration-gforms.csv"
expect_rc 1 "a registration export"
expect_grep 'looks like a registration export, not a presence list \(columns Timestamp, Instansi, Unit Kerja / Perangkat Daerah, Jabatan, Pangkat/Golongan\): every Timestamp \(2022-02-28T07:13:54\+07:00 to .*\) precedes the session.s start \(2022-03-03T09:00:00\+07:00\).*need --source csv' \
  "$ERR" "the registration export is named as such, with its timestamps and --source csv"
expect_eq "$(dump)" "$before" "a registration export leaves the store unchanged"
ab attend P0303 --file "$TESTDATA/roster-excel-id.csv"
expect_rc 1 "a roster"
expect_grep 'looks like a roster, not an attendance list: it names people \(NIP, Nama Lengkap, Email, No HP, Instansi, Unit Kerja, Jabatan, Pangkat/Golongan\) but has no minutes, no join and leave times, no presence column .* need --source csv' \
  "$ERR" "the roster is named as such, with --source csv"
expect_eq "$(dump)" "$before" "a roster leaves the store unchanged"
ab attend P0303 --file "$D/unknown-shape.csv"
expect_rc 1 "an unknown shape"
expect_grep "not a recognised attendance export .*Other Attended.*Total Duration \(Minutes\).*a Microsoft Teams attendance report of 2021.*a Microsoft Teams attendance list \(2020-2021\).*'Full Name', 'First Seen', 'Time in Call'" \
  "$ERR" "the layouts read are listed, from the registry"
expect_eq "$(dump)" "$before" "an unknown shape leaves the store unchanged"
# A presence form: timestamps inside the session's window. Agus (before) and Fitri (after) are left out.
ab attend P0303 --file "$D/presence-form.csv"
expect_rc 0 "a presence form"
expect_grep 'a presence form: its Timestamp values fall inside the session.s window' "$ERR" "read as a presence form"
expect_grep '2 rows stamped outside the session.s window .* left out' "$ERR" "rows outside the window left out"
report P0303
expect_eq "$(row $MSITI)"   "enrolled,0,attended,2" "Siti at 9:04:51: self-declared"
expect_eq "$(row $MBUDI)"   "enrolled,0,attended,2" "Budi at 10:15:02: self-declared"
expect_eq "$(row $MHENDRA)" "walk-in,0,attended,2"  "Hendra at 11:58:40, upper-case e-mail: a walk-in"
expect_eq "$(row $AGUS)"    "enrolled,0,absent,0"   "Agus filled it the evening before: absent"
expect_eq "$(row $FITRI)"   "enrolled,0,absent,0"   "Fitri filled it after the end: absent"
# --source csv takes the roster as self-declared marks, as asked.
ab attend P0303 --file "$TESTDATA/roster-excel-id.csv" --source csv --replace
expect_rc 0 "--source csv reads a roster as self-declared marks"
expect_grep 'read .*roster-excel-id.csv as a plain attendance CSV' "$ERR" "read as plain CSV"

# --- 8. rows that cannot be read name their line and column ----------------------------------------------------
before=$(dump)
printf 'Full Name\tUser Action\tTimestamp\nSiti\tJoined\t9/3/2020, 2:41:55 PM\nSiti\tWaved\t9/3/2020, 2:45:00 PM\n' \
  | iconv -f UTF-8 -t UTF-16 >"$WORK/bad-list.csv"
ab attend T0903 --file "$WORK/bad-list.csv" --match-names
expect_rc 1 "an unknown Teams action"
expect_grep "bad-list.csv:3: User Action: 'Waved' is not an action of the list \('Joined', 'Joined before' or 'Left'\)" \
  "$ERR" "line and column of the bad action"
sed 's/"Mar 28, 2020 2:25 PM"/"Mar 28, 2020 2:75 PM"/' "$D/zoom-webinar-other-attended.csv" >"$WORK/bad-other.csv"
ab attend W2020 --file "$WORK/bad-other.csv" --match-names
expect_rc 1 "an unreadable time in Other Attended"
expect_grep "bad-other.csv:26: Join Time: invalid timestamp 'Mar 28, 2020 2:75 PM'" "$ERR" \
  "line and column of the bad time"
expect_eq "$(dump)" "$before" "unreadable rows leave the store unchanged"

# --- 9. --match-names in the docs and the completion ------------------------------------------------------------
ab attend --help
expect_grep '--match-names' "$OUT" "attend --help names --match-names"

finish
