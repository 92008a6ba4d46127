#!/usr/bin/env bash
# The domain rules of docs/domain.md end to end: digits 13-14 of a NIP and the appointment month on participant
# import and add; a golongan that does not fit the NIP (a warning on add, import and enroll --file); PPPK in the
# yearly reports (a type column, --type, no target unless --target-pppk); certify --first-number; percentages
# without a space in Indonesian.
source "$(dirname "$0")/lib.sh"

PNS1=198609262015051001; PNS2=199001152014031002; PNS3=198703212010122003
PPPK1=199001012022241001; PPPK2=198805052021211002
MALANG="Pemerintah Kota Malang"

# --- NIP: digits 13-14 and the appointment month ------------------------------------------------------------------
# This month and the next in the zone the commands use (Asia/Jakarta), for the appointment (TMT) rule.
this_month=$(TZ=Asia/Jakarta date +%Y%m)
y=${this_month:0:4}; m=$((10#${this_month:4:2}))
if ((m == 12)); then next_month=$((y + 1))01; else next_month=$y$(printf '%02d' $((m + 1))); fi
cat >"$WORK/nips.csv" <<EOF
NIP,Nama,Instansi
199001012022001001,Kode 00,$MALANG
199001012022011001,Kode 01,$MALANG
199001012022121001,Kode 12,$MALANG
199001012022131001,Kode 13,$MALANG
199001012022201001,Kode 20,$MALANG
199001012022211001,Kode 21,$MALANG
199001012022291001,Kode 29,$MALANG
199001012022301001,Kode 30,$MALANG
199001012018241001,PPPK 2018,$MALANG
199001012019241001,PPPK 2019,$MALANG
19900101${this_month}1002,TMT bulan ini,$MALANG
19900101${next_month}1002,TMT bulan depan,$MALANG
198609262015131001,Salah ketik bulan,$MALANG
EOF
before=$(store_digest)
ab participant import "$WORK/nips.csv"
expect_rc 1 "invalid NIPs refuse the import"
expect_eq "$(store_digest)" "$before" "nothing was written"
for line_code in 2:00 5:13 6:20 9:30; do
  expect_grep "^asnbelajar: .*nips.csv:${line_code%:*}: NIP: .*digits 13-14 are ${line_code#*:}: they must be the month of appointment, 01 to 12, in a PNS NIP, or 21 to 29 in an NI PPPK$" \
    "$ERR" "digits 13-14 = ${line_code#*:} refused, naming line ${line_code%:*}"
done
expect_grep "nips.csv:10: NIP: .*its appointment year 2018 is before PPPK began \(2019\)" "$ERR" "NI PPPK before 2019"
expect_grep "nips.csv:13: NIP: .*appointment ${next_month:0:4}-${next_month:4:2} is in the future \(this month is ${this_month:0:4}-${this_month:4:2}\)" \
  "$ERR" "an appointment next month is in the future"
expect_grep "nips.csv:14: NIP: .*digits 13-14 are 13" "$ERR" "a PNS NIP with a typo in the month"
expect_eq "$(grep -c 'nips.csv:[0-9]*: NIP' "$ERR")" "7" "exactly the seven bad NIPs"
ab participant import "$WORK/nips.csv" --skip-invalid
expect_rc 3 "--skip-invalid keeps the valid rows"
expect_grep '13 rows: 6 added, 0 updated, 0 unchanged, 7 rejected' "$ERR" "six valid NIPs"
ab participant list --format csv
for nip in 199001012022011001 199001012022121001 199001012022211001 199001012022291001 199001012019241001 \
  "19900101${this_month}1002"; do
  expect_grep "^$nip," "$OUT" "accepted: $nip"
done
ab participant add --nip "19900101${next_month}1003" --name "Depan"
expect_rc 1 "participant add: appointment next month"
expect_grep "is in the future \(this month is" "$ERR" "participant add says why"
ab participant add --nip 199001012022131003 --name "Tiga Belas"
expect_rc 1 "participant add: digits 13-14 = 13"
expect_grep "digits 13-14 are 13: they must be the month of appointment" "$ERR" "participant add: what the digits should be"

# --- golongan that does not fit the NIP: a warning, not a rejection -----------------------------------------------
export ASNBELAJAR_DB="$WORK/grades.db"
ab --quiet participant add --nip $PNS1 --name "Satu" --grade IX
expect_rc 0 "participant add: a PPPK golongan on a PNS NIP is accepted"
expect_eq "$(cat "$ERR")" "asnbelajar: warning: --grade: 'IX': IX is a PPPK golongan (I to XVII), but $PNS1 is a PNS NIP (digits 13-14 are a month): check the golongan or the NIP" \
  "participant add warns, even with --quiet"
ab participant add --nip $PNS2 --name "Dua" --grade "Golongan III"
expect_rc 0 "a bare III on a PNS NIP is accepted"
expect_grep "warning: --grade: 'III': III without a letter is a PPPK golongan, but $PNS2 is a PNS NIP: a PNS golongan has its letter \(III/a, III/b, ...\)" \
  "$ERR" "a bare III: the letter is missing"
ab participant add --nip $PPPK1 --name "Tiga" --grade "Penata Muda (III/a)"
expect_rc 0 "a PNS golongan on an NI PPPK is accepted"
expect_grep "warning: --grade: 'III/a': III/a is a PNS golongan, but $PPPK1 is an NI PPPK" "$ERR" "PNS golongan on NI PPPK"
ab participant add --nip $PNS3 --name "Empat" --grade III/b
expect_no_grep warning "$ERR" "a fitting golongan: no warning"
ab participant add --nip $PPPK2 --name "Lima" --grade IX
expect_no_grep warning "$ERR" "a PPPK golongan on an NI PPPK: no warning"
ab participant list --format csv
expect_eq "$(csv_field "$OUT" nip $PNS1 grade)" "IX" "the golongan is kept as given"

cat >"$WORK/grades.csv" <<EOF
NIP,Nama,Pangkat/Golongan
198811112012081005,Enam,XI
199205172019022004,Tujuh,IV
198001012005011001,Delapan,IV/a
199101012023221003,Sembilan,II/c
EOF
ab participant import "$WORK/grades.csv" --quiet
expect_rc 0 "participant import: mismatched golongan are imported"
expect_grep "^asnbelajar: warning: .*grades.csv:2: Pangkat/Golongan: XI: XI is a PPPK golongan" "$ERR" "import warns for line 2"
expect_grep "^asnbelajar: warning: .*grades.csv:3: Pangkat/Golongan: IV: IV without a letter" "$ERR" "import warns for line 3"
expect_grep "^asnbelajar: warning: .*grades.csv:5: Pangkat/Golongan: II/c: II/c is a PNS golongan, but 199101012023221003 is an NI PPPK" \
  "$ERR" "import warns for line 5"
expect_eq "$(grep -c warning "$ERR")" "3" "three warnings, none for the fitting line 4"
ab participant import "$WORK/grades.csv" --dry-run
expect_eq "$(grep -c warning "$ERR")" "3" "--dry-run warns too"
ab session add --title "Webinar" --start "2024-03-07 09:00" --minutes 180 --jp 3 --code W1
cat >"$WORK/reg.csv" <<EOF
Timestamp,NIP (18 digit),Nama Lengkap,Golongan
2024-03-01 08:00:00,197001012000031001,Sepuluh,XV
EOF
ab enroll W1 --file "$WORK/reg.csv"
expect_rc 0 "enroll --file: a mismatched golongan enrolls"
expect_grep "warning: .*reg.csv:2: Golongan: XV: XV is a PPPK golongan" "$ERR" "enroll --file warns naming the line"
expect_grep "1 enrolled" "$ERR" "and enrolls"

# --- PPPK in the yearly reports --------------------------------------------------------------------------------------
export ASNBELAJAR_DB="$WORK/pppk.db"
ab session add --title "Seri 1" --start "2024-03-07 09:00" --minutes 180 --jp 3 --code S1
ab session add --title "Seri 2" --start "2024-03-14 09:00" --minutes 180 --jp 3 --code S2
ab participant add --nip $PNS1 --name "PNS Satu" --agency "$MALANG"
ab participant add --nip $PNS2 --name "PNS Dua" --agency "$MALANG"
ab participant add --nip $PPPK1 --name "PPPK Satu" --agency "$MALANG"
ab participant add --nip $PPPK2 --name "PPPK Dua" --agency "$MALANG"
ab participant add --email tamu@example.com --name "Tamu" --agency "$MALANG"
for who in $PNS1 $PPPK1 tamu@example.com; do ab attend S1 "$who"; ab attend S2 "$who"; done
ab attend S1 $PNS2
ab attend S1 $PPPK2

ab report jp --year 2024 --format csv
expect_rc 0 "jp report"
cat >"$WORK/jp.csv" <<EOF
nip,name,agency,unit,sessions,jp,target,shortfall,type
$PNS2,PNS Dua,$MALANG,,1,3,20,17,PNS
$PNS1,PNS Satu,$MALANG,,2,6,20,14,PNS
$PPPK2,PPPK Dua,$MALANG,,1,3,,,PPPK
$PPPK1,PPPK Satu,$MALANG,,2,6,,,PPPK
,Tamu,$MALANG,,2,6,20,14,
EOF
expect_eq "$(cat "$OUT")" "$(cat "$WORK/jp.csv")" "jp: PPPK have no target; type PNS/PPPK/empty at the end"
ab report jp --year 2024 --format json
expect_grep "\"nip\":\"$PPPK1\",.*\"target\":null,\"shortfall\":null,\"type\":\"PPPK\"" "$OUT" "jp json: null target for PPPK"
ab report jp --year 2024 --target-pppk 5 --target 4 --format csv
expect_eq "$(csv_field "$OUT" nip $PPPK2 target),$(csv_field "$OUT" nip $PPPK2 shortfall)" "5,2" "--target-pppk"
expect_eq "$(csv_field "$OUT" nip $PNS2 target),$(csv_field "$OUT" nip $PNS2 shortfall)" "4,1" "--target for PNS"
expect_eq "$(csv_field "$OUT" nip $PPPK1 shortfall)" "0" "a PPPK over the target has no shortfall"
ab report jp --year 2024 --type pppk --format csv
expect_eq "$(csv_col "$OUT" nip | tr '\n' ' ')" "$PPPK2 $PPPK1 " "--type pppk"
ab report jp --year 2024 --type pppk --format markdown --lang en
expect_grep '^- Participants: \*\*2\*\*$' "$OUT" "--type pppk: the totals count the PPPK only"
expect_grep '^- JP: \*\*9\*\*$' "$OUT" "--type pppk: their JP"
ab report jp --year 2024 --type PNS --format csv
expect_eq "$(csv_col "$OUT" nip | tr '\n' ' ')" "$PNS2 $PNS1 " "--type pns (any case) leaves out people without a NIP"
ab report jp --year 2024 --type honorer
expect_rc 2 "an unknown --type is a usage error"
expect_grep "'honorer' is not a kind of ASN \(expected pns or pppk\)" "$ERR" "--type says what it takes"
ab report jp --year 2024 --lang id
expect_grep 'Target PNS 20 JP per tahun' "$OUT" "jp table: the PNS target"
expect_grep 'PPPK: tanpa target; paling lama 24 JP per tahun, PP 49/2018 Pasal 40 ayat \(1\)' "$OUT" \
  "jp table: PPPK have a ceiling, not a target"
expect_grep '^Tanpa target: +2$' "$OUT" "jp totals: two people without a target"
expect_grep '^Memenuhi target: +0$' "$OUT" "jp totals: nobody met the target"
expect_grep '^Di bawah target: +3$' "$OUT" "jp totals: below the target counts only people with one"
ab report jp --year 2024 --lang en --target-pppk 12
expect_grep 'Target 12 JP a year for PPPK' "$OUT" "jp table: a PPPK target when given"
ab report jp --help
expect_grep 'PPPK have no target: PP 49/2018 Pasal 40 ayat \(1\) allows them at most 24 JP' "$OUT" \
  "report jp --help: 24 JP is a ceiling"
expect_no_grep 'target 24|--target 24' "$OUT" "report jp --help does not suggest 24 as a target"

ab report agency --year 2024 --format csv
expect_rc 0 "agency report"
cat >"$WORK/agency.csv" <<EOF
agency,participants,active,attendances,jp,met_target,met_target_rate,type
$MALANG,2,2,3,9,0,0.0000,PNS
$MALANG,2,2,3,9,,,PPPK
$MALANG,1,1,2,6,0,0.0000,
EOF
expect_eq "$(cat "$OUT")" "$(cat "$WORK/agency.csv")" "agency: rows per type; PPPK without a target have empty cells"
ab report agency --year 2024 --target 6 --target-pppk 6 --format csv
expect_eq "$(sed -n 2,4p "$OUT" | cut -d, -f6-8 | tr '\n' ' ')" "1,0.5000,PNS 1,0.5000,PPPK 1,1.0000, " \
  "agency: met_target_rate over the people with a target"
ab report agency --year 2024 --target 6 --lang id
expect_grep '^Memenuhi target: +2$' "$OUT" "agency totals: met the target"
expect_grep '^Persentase memenuhi: +66,7%$' "$OUT" \
  "agency totals: PPPK without a target are out of the rate's denominator (2 of 3)"
expect_grep '^Tanpa target: +2$' "$OUT" "agency totals: two people without a target"
ab report agency --year 2024 --type pppk --format csv
expect_eq "$(tail -n +2 "$OUT")" "$MALANG,2,2,3,9,,,PPPK" "agency --type pppk"
ab report agency --year 2024 --target 6 --lang id
expect_grep '50,0%' "$OUT" "agency table: Indonesian percentage without a space"
expect_no_grep '[0-9] %' "$OUT" "agency table: no space before %"

ab report participant $PPPK1 --year 2024 --lang id
expect_grep '^ *2024 +2 +6 *$' "$OUT" "participant: a PPPK has no target (empty target and shortfall)"
expect_grep '^Rekap per tahun \(PPPK: tanpa target; paling lama 24 JP per tahun' "$OUT" \
  "participant: the per-year title says so"
ab report participant $PPPK1 --year 2024 --target-pppk 10
expect_grep '^ *2024 +2 +6 +10 +4$' "$OUT" "participant: --target-pppk"
ab report participant $PNS1 --year 2024
expect_grep '^ *2024 +2 +6 +20 +14$' "$OUT" "participant: a PNS's target"

# --- certify --first-number ---------------------------------------------------------------------------------------
ab certify S1 --first-number 229472
expect_rc 0 "--first-number on a store without certificates"
expect_grep 'certificate numbers continue from 229472 \(the next would have been 1\)' "$ERR" "where numbering continues"
expect_grep 'S1: certified 5 \(229472/BPSDM-ASNB/III/2024 … 229476/BPSDM-ASNB/III/2024\)' "$ERR" "the series continues"
before=$(store_digest)
ab certify S2 --first-number 229476
expect_rc 1 "--first-number at the highest number issued is refused"
expect_grep 'the certificate counter cannot start at 229476: number 229476 has been issued already \(numbers are never reused\); start above it, at 229477 or more' \
  "$ERR" "the refusal says the highest number issued"
ab certify S2 --first-number 5
expect_rc 1 "--first-number below is refused"
expect_eq "$(store_digest)" "$before" "a refused --first-number writes nothing"
ab certify S1 --revoke $PNS1
ab certify S2 --first-number 300000
expect_rc 0 "--first-number above"
ab report certificates S2 --format csv
expect_eq "$(csv_col "$OUT" certificate | head -1)" "300000/BPSDM-ASNB/III/2024" "the next number is N"
expect_no_grep "no longer attended" "$ERR" "every certificate of S2 qualifies: no warning"
ab certify S1
expect_grep 'certified 1 \(300003/BPSDM-ASNB/III/2024\)' "$ERR" "later runs go on from there"
ab db log --format csv
expect_grep 'certify S2 --first-number 300000' "$OUT" "--first-number is in the audit log"
ab certify S1 --first-number 0
expect_rc 2 "--first-number 0 is a usage error"
ab certify S1 --first-number 400000 --revoke $PNS1
expect_rc 2 "--first-number and --revoke do not go together"

# --- percentages in Indonesian: no space before % -----------------------------------------------------------------
export ASNBELAJAR_DB="$WORK/percent.db"
ab session add --title "Webinar" --start "2024-05-02 09:00" --minutes 180 --jp 3 --code P1
ab participant add --nip $PNS1 --name "Satu"
ab participant add --nip $PNS2 --name "Dua"
ab enroll P1 $PNS1 $PNS2
ab attend P1 $PNS1
ab report weekly --week-of 2024-05-02 --lang id
expect_grep '50,0%' "$OUT" "weekly table: 50,0%"
expect_no_grep '[0-9] %' "$OUT" "weekly table: no space before %"
ab report weekly --week-of 2024-05-02 --format markdown --lang id
expect_grep '\*\*50,0%\*\*' "$OUT" "markdown totals: 50,0%"
expect_no_grep '[0-9] %' "$OUT" "markdown: no space before %"
ab report weekly --week-of 2024-05-02 --format html --lang id
expect_grep '>100%<' "$OUT" "html chart axis: 100%"
expect_grep '50,0%' "$OUT" "html table: 50,0%"
expect_no_grep '[0-9] %' "$OUT" "html: no space before %"
ab report weekly --week-of 2024-05-02 --lang en
expect_grep '50\.0%' "$OUT" "English: 50.0%"
ab session show P1 --lang id
expect_grep 'Batas kehadiran: 70%' "$OUT" "session show: the threshold without a space"

finish
