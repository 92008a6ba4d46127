#!/usr/bin/env bash
# Certificates and every report end to end: a hand-built scenario over two weeks and two years (walk-ins, partial
# attendance, capacity and a waiting list, a cancelled session), certify/revoke, each report's machine columns
# and numbers, the human formats (table, markdown, html, xlsx), the language rule, and the example cron/systemd
# jobs.
source "$(dirname "$0")/lib.sh"

P1=198609262015051001; P2=199001152014031002; P3=198703212010122003
P4=197512302000031001; P5=199205172019022004; P6=198811112012081005
E1=tamu@example.com
MALANG="Pemerintah Kota Malang"; SIDOARJO="Pemerintah Kabupaten Sidoarjo"; BPSDM="BPSDM Provinsi Jawa Timur"

# json_get FILE KEY: the values of KEY in a one-object-per-line JSON rendering (our renderer's layout).
json_get() { grep -oE "\"$2\":(\"[^\"]*\"|[^,}]*)" "$1" | cut -d: -f2- | tr -d '"'; }
# json_ok FILE: the file is valid JSON (checked with jq when it is installed).
json_ok() { if command -v jq >/dev/null; then jq -e . "$1" >/dev/null 2>&1; else [ -s "$1" ]; fi; }

# --- the scenario -----------------------------------------------------------------------------------------------
setup() {
  ab session add --title "Webinar ASN Belajar Seri 9 | 2022" --start "2022-03-03 09:00" --minutes 180 --jp 3 \
     --series 9 --capacity 3;                                                         expect_rc 0 "session S1"
  ab session add --title "Kelas Khusus" --start "2022-03-01 13:00" --minutes 120 --jp 2.5 --code KHUSUS \
     --speaker "Dr. Narasumber, M.Si."
  expect_rc 0 "session S2"
  ab session add --title "Webinar ASN Belajar Seri 10 | 2022" --start "2022-03-10 09:00" --minutes 180 --jp 3 \
     --series 10;                                                                     expect_rc 0 "session S3"
  ab session add --title "Penutup 2021" --start "2021-12-30 09:00" --minutes 60 --jp 2; expect_rc 0 "session S4"
  ab session add --title "Batal" --start "2022-03-08 09:00" --minutes 60 --jp 5 --code BATAL; expect_rc 0 "S5"

  ab participant add --nip $P1 --name "Siti Rahayu, S.Pd., M.M." --agency "$MALANG" --unit "Dinas Pendidikan" \
     --phone 081234567801;                                                            expect_rc 0 "P1"
  ab participant add --nip $P2 --name "Budi Santoso" --agency "$MALANG";              expect_rc 0 "P2"
  ab participant add --nip $P3 --name "Ani" --agency "$SIDOARJO";                     expect_rc 0 "P3"
  ab participant add --nip $P4 --name "Dedi" --agency "$SIDOARJO";                    expect_rc 0 "P4"
  ab participant add --nip $P5 --name "Eka" --agency "$BPSDM";                        expect_rc 0 "P5"
  ab participant add --nip $P6 --name "Fajar" --agency "$MALANG";                     expect_rc 0 "P6"
  ab participant add --email $E1 --name "Tamu Tanpa NIP";                             expect_rc 0 "E1"

  # S1 (Thu 3 March, 3 seats, 70 % of 180 = 126 minutes): P4 is waitlisted but attends (a walk-in: not enrolled);
  # P6 and E1 walk in.
  ab enroll 2022-03-03 $P1 $P2 $P3 $P4;                                               expect_rc 0 "enroll S1"
  ab attend 2022-03-03 $P1 --minutes 180;                                             expect_rc 0 "P1 attends S1"
  ab attend 2022-03-03 $P2 --minutes 100;                                             expect_rc 0 "P2 partial S1"
  ab attend 2022-03-03 $P4 --minutes 150;                                             expect_rc 0 "P4 attends S1"
  ab attend 2022-03-03 $P6;                                                           expect_rc 0 "P6 walks in"
  ab attend 2022-03-03 $E1 --minutes 130;                                             expect_rc 0 "E1 walks in"
  # S2 (Tue 1 March, 120 minutes: 84 needed).
  ab enroll KHUSUS $P1 $P5;                                                           expect_rc 0 "enroll S2"
  ab attend KHUSUS $P1 --minutes 120;                                                 expect_rc 0 "P1 attends S2"
  ab attend KHUSUS $P5 --minutes 50;                                                  expect_rc 0 "P5 partial S2"
  # S3 (Thu 10 March, the next week).
  ab enroll 2022-03-10 $P1 $P3;                                                       expect_rc 0 "enroll S3"
  ab attend 2022-03-10 $P1;                                                           expect_rc 0 "P1 S3"
  ab attend 2022-03-10 $P3 --minutes 10;                                              expect_rc 0 "P3 partial S3"
  ab attend 2022-03-10 $P2 --minutes 180;                                             expect_rc 0 "P2 walks in S3"
  # S4 (2021) and S5 (cancelled after P1 and P2 came: it never counts).
  ab attend 2021-12-30 $P1;                                                           expect_rc 0 "P1 S4"
  ab enroll BATAL $P1 $P2;                                                            expect_rc 0 "enroll S5"
  ab attend BATAL $P1;                                                                expect_rc 0 "P1 S5"
  ab session cancel BATAL;                                                            expect_rc 0 "cancel S5"
}
setup

# --- certify ----------------------------------------------------------------------------------------------------
ab certify 2022-03-03
expect_rc 0 "certify S1"
expect_grep 'certified 4 .*; 0 already had one' "$ERR" "certify summary"
ab db check --format csv
# The journal line names the backend's durability: SQLite's WAL, or the PostgreSQL server and its checks.
expect_eq "$(tail -n +2 "$OUT" | sed -E 's/^journal_mode,postgresql .*/journal_mode,wal/' | tr '\n' ' ')" \
  "integrity,ok schema_version,5 journal_mode,wal participants,7 sessions,5 enrollments,14 attendance,12 attendance_marks,12 certificates,4 results,0 audit_log,30 certificates_not_qualifying,0 " \
  "db check counts every table of the scenario (30 writing commands so far)"
ab report certificates 2022-03-03 --format csv
expect_rc 0 "report certificates"
expect_eq "$(head -1 "$OUT")" "certificate,nip,name,agency,session,date,title,jp,qualifies" "certificates columns"
# The session report's order: enrolled by arrival (P1), then walk-ins by arrival (P4, who was waitlisted, then P6, E1).
expect_eq "$(csv_col "$OUT" certificate | tr '\n' ' ')" \
  "1/BPSDM-ASNB/III/2022 2/BPSDM-ASNB/III/2022 3/BPSDM-ASNB/III/2022 4/BPSDM-ASNB/III/2022 " "numbers follow the template"
expect_eq "$(csv_col "$OUT" nip | tr '\n' ' ')" "$P1 $P4 $P6  " "numbering order"
expect_eq "$(grep -c "^1/BPSDM-ASNB/III/2022,$P1,\"Siti Rahayu, S.Pd., M.M.\",$MALANG,2022-03-03,2022-03-03,Webinar ASN Belajar Seri 9 | 2022,3,true$" "$OUT")" "1" "certificate row"
cp "$OUT" "$WORK/certs-first.csv"
ab certify 2022-03-03
expect_rc 0 "certify again"
expect_grep 'certified 0; 4 already had one' "$ERR" "a re-run certifies nobody new"
ab report certificates 2022-03-03 --format csv
expect_eq "$(cat "$OUT")" "$(cat "$WORK/certs-first.csv")" "numbers are stable across re-runs"

ab certify KHUSUS;                    expect_rc 0 "certify S2"
ab certify 2021-12-30;                expect_rc 0 "certify S4"
before=$(store_digest)
ab certify 2022-03-10 --template "{seq}/{nomor}"
expect_rc 1 "unknown template field"
expect_grep 'unknown field \{nomor\}' "$ERR" "the unknown field is named"
ab certify 2022-03-10 --template "{seq/{year}"
expect_rc 1 "malformed braces"
ab certify KHUSUS --template "{seq}/{series}"
expect_rc 1 "a session without a series cannot use {series}"
ab certify BATAL
expect_rc 1 "a cancelled session gives no certificates"
ab certify NO-SUCH
expect_rc 1 "unknown session"
expect_eq "$(store_digest)" "$before" "failed certify runs leave the store untouched"
ab certify 2022-03-10 --template "{seq:06}/ASNB/{series}/{month}/{year}"
expect_rc 0 "certify S3 with a template"
ab report certificates 2022-03-10 --format csv
expect_eq "$(csv_col "$OUT" certificate | tr '\n' ' ')" "000007/ASNB/10/3/2022 000008/ASNB/10/3/2022 " \
  "padded template, the global counter continues"

# Revoke: the number is never reused; certifying again gives a new one.
ab certify 2022-03-03 --revoke $P6 $P3
expect_rc 0 "revoke"
expect_grep "revoked 3/BPSDM-ASNB/III/2022" "$ERR" "revoked number reported"
expect_grep "$P3.*has no certificate" "$ERR" "nothing to revoke is reported"
ab certify 2022-03-03
expect_grep 'certified 1 \(9/BPSDM-ASNB/III/2022\); 3 already had one' "$ERR" "a new number after revoke"
ab report certificates 2022-03-03 --format csv
expect_eq "$(csv_field "$OUT" nip $P6 certificate)" "9/BPSDM-ASNB/III/2022" "P6's new number"
expect_no_grep '^3/' "$OUT" "the revoked number is gone from the list"
ab certify 2022-03-03 --revoke 199912312020121009
expect_rc 1 "revoking for an unknown person fails"
ab certify 2022-03-03 --revoke $P1 --template "{seq}"
expect_rc 2 "--revoke and --template do not go together"
ab certify --help
expect_grep 'Examples:' "$OUT" "certify --help has examples"

# --- weekly -----------------------------------------------------------------------------------------------------
ab report weekly --week-of 2022-03-03 --format csv
expect_rc 0 "weekly csv"
expect_eq "$(head -1 "$OUT")" \
  "session,date,title,jp,enrolled,waitlisted,attended,partial,absent,walk_ins,attendance_rate,certificates,attendance_recorded" \
  "weekly columns"
expect_eq "$(sed -n 2p "$OUT")" "KHUSUS,2022-03-01,Kelas Khusus,2.5,2,0,1,1,0,0,0.5000,1,true" "weekly S2 (Tuesday first)"
expect_eq "$(sed -n 3p "$OUT")" "2022-03-03,2022-03-03,Webinar ASN Belajar Seri 9 | 2022,3,3,0,4,1,1,3,0.3333,4,true" \
  "weekly S1"
expect_eq "$(wc -l <"$OUT")" "3" "the next week's and the cancelled sessions stay out"
cp "$OUT" "$WORK/weekly-id.csv"
ab report weekly --week-of 2022-03-03 --format csv --lang en
expect_eq "$(cat "$OUT")" "$(cat "$WORK/weekly-id.csv")" "machine formats do not change with --lang"

ab report weekly --week-of 2022-03-03 --format json
expect_rc 0 "weekly json"
json_ok "$OUT" && ok || fail "weekly json is valid"
cp "$OUT" "$WORK/weekly.json"
expect_grep '^  "period": \{"from": "2022-02-28", "to": "2022-03-06"\},$' "$OUT" "json period"
expect_grep '^  "totals": \{"sessions": 2, "enrolled": 5, "waitlisted": 0, "attended": 5, "partial": 2, "absent": 1, "walk_ins": 3, "attendance_rate": 0.4000, "certificates": 5, "not_recorded": 0\},$' \
  "$OUT" "json totals"
expect_eq "$(grep -c '^  "\(period\|sessions\|totals\|top_agencies\|trend\)":' "$OUT")" "5" "json object keys"
expect_eq "$(grep '"from":"20' "$OUT" | wc -l)" "12" "trend has 12 weeks"
expect_eq "$(grep '"from":"2022-02-28"' "$OUT")" \
  '    {"from":"2022-02-28","to":"2022-03-06","sessions":2,"enrolled":5,"attended_enrolled":2,"attendance_rate":0.4000}' \
  "trend: the report's week (the last one)"
expect_grep '\{"from":"2021-12-27","to":"2022-01-02","sessions":1,"enrolled":0,"attended_enrolled":0,"attendance_rate":null\}' \
  "$OUT" "trend: a week without enrolled people has no rate"
expect_grep '"top_agencies": \[$' "$OUT" "top agencies"
expect_grep '^    \{"agency":"Pemerintah Kota Malang","attended":3\},$' "$OUT" "top agency first"
ab report weekly --week-of 2022-03-10 --format json
expect_grep '"from":"2022-03-07","to":"2022-03-13","sessions":1,"enrolled":2,"attended_enrolled":1,"attendance_rate":0.5000' \
  "$OUT" "trend: the last week of a later report"
expect_eq "$(json_get "$OUT" attendance_rate | tail -2 | tr '\n' ' ')" "0.4000 0.5000 " "trend keeps earlier weeks"
if command -v jq >/dev/null; then
  expect_eq "$(jq -r '.sessions[1].walk_ins, .totals.certificates, (.trend | length)' "$WORK/weekly.json" | tr '\n' ' ')" \
    "3 5 12 " "jq reads the weekly object"
fi

# --- session (its columns are kept) --------------------------------------------------------------------------
ab report session 2022-03-03 --format csv
expect_eq "$(head -1 "$OUT")" "nip,name,email,agency,unit,enrollment,minutes,attendance,jp,certificate,survey,posttest" \
  "session columns"
expect_eq "$(csv_field "$OUT" nip $P4 enrollment),$(csv_field "$OUT" nip $P4 attendance)" "walk-in,attended" \
  "a waitlisted person who came is a walk-in"

# --- participant --------------------------------------------------------------------------------------------------
ab report participant $P1 --year 2022 --format csv
expect_rc 0 "participant csv"
expect_eq "$(head -1 "$OUT")" "session,date,title,enrollment,minutes,attendance,jp,certificate" "participant columns"
expect_eq "$(sed -n 2,4p "$OUT" | tr '\n' ' ')" \
  "KHUSUS,2022-03-01,Kelas Khusus,enrolled,120,attended,2.5,5/BPSDM-ASNB/III/2022 2022-03-03,2022-03-03,Webinar ASN Belajar Seri 9 | 2022,enrolled,180,attended,3,1/BPSDM-ASNB/III/2022 2022-03-10,2022-03-10,Webinar ASN Belajar Seri 10 | 2022,enrolled,0,attended,3,000007/ASNB/10/3/2022 " \
  "P1's 2022 transcript"
expect_eq "$(wc -l <"$OUT")" "4" "the cancelled session and 2021 stay out"
ab report participant "19860926 201505 1 001" --format csv
expect_eq "$(sed -n 2p "$OUT")" "2021-12-30,2021-12-30,Penutup 2021,walk-in,0,attended,2,6/BPSDM-ASNB/XII/2021" \
  "without --year: every year (a transcript)"
ab report participant $P3 --year 2022 --format csv
expect_eq "$(sed -n 2,3p "$OUT" | tr '\n' ' ')" \
  "2022-03-03,2022-03-03,Webinar ASN Belajar Seri 9 | 2022,enrolled,0,absent,0, 2022-03-10,2022-03-10,Webinar ASN Belajar Seri 10 | 2022,enrolled,10,partial,0, " \
  "absent and partial rows"
ab report participant $P1 --lang id
expect_grep 'Rekap per tahun \(target 20 JP\)' "$OUT" "per-year totals against the target"
expect_grep '^ *2022 +3 +8,5 +20 +11,5$' "$OUT" "2022: 3 sessions, 8,5 JP, 11,5 short"
expect_grep '^ *2021 +1 +2 +20 +18$' "$OUT" "2021 row"
ab report participant $P1 --target 22.5 --lang id
expect_grep 'Rekap per tahun \(target 22,5 JP\)' "$OUT" "a target with a decimal, written the Indonesian way"
ab report participant $P1 --lang en --target 8
expect_grep '^ *2022 +3 +8\.5 +8 +0$' "$OUT" "English numbers, target met"
ab report participant nobody@example.com
expect_rc 1 "unknown person"
expect_grep 'nobody@example.com' "$ERR" "the unknown person is named"

# --- jp -------------------------------------------------------------------------------------------------------------
ab report jp --year 2022 --format csv
expect_rc 0 "jp csv"
expect_eq "$(head -1 "$OUT")" "nip,name,agency,unit,sessions,jp,target,shortfall,type" "jp columns"
cat >"$WORK/jp-expected.csv" <<EOF
nip,name,agency,unit,sessions,jp,target,shortfall,type
,Tamu Tanpa NIP,,,1,3,20,17,
$P5,Eka,$BPSDM,,0,0,20,20,PNS
$P3,Ani,$SIDOARJO,,0,0,20,20,PNS
$P4,Dedi,$SIDOARJO,,1,3,20,17,PNS
$P2,Budi Santoso,$MALANG,,1,3,20,17,PNS
$P6,Fajar,$MALANG,,1,3,20,17,PNS
$P1,"Siti Rahayu, S.Pd., M.M.",$MALANG,Dinas Pendidikan,3,8.5,20,11.5,PNS
EOF
expect_eq "$(cat "$OUT")" "$(cat "$WORK/jp-expected.csv")" "jp rows: attended sessions only, cancelled session left out"
ab report jp --year 2022 --below 3 --format csv
expect_eq "$(csv_col "$OUT" nip | tr '\n' ' ')" "$P5 $P3 " "--below keeps JP < value"
ab report jp --year 2022 --below 2.5 --target 8 --format csv
expect_eq "$(csv_col "$OUT" target | sort -u)" "8" "--target"
ab report jp --year 2022 --target 8 --format csv
expect_eq "$(grep "^$P1," "$OUT" | awk -F, '{ print $(NF - 1) }')" "0" "target met: no shortfall"
ab report jp --year 2021 --format csv
expect_eq "$(sed -n 2p "$OUT")" "$P1,\"Siti Rahayu, S.Pd., M.M.\",$MALANG,Dinas Pendidikan,1,2,20,18,PNS" "2021"
ab report jp --year 2023 --format csv
expect_eq "$(wc -l <"$OUT")" "1" "a year without sessions has only the header"
ab report jp --below x
expect_rc 2 "bad --below"
ab report jp --format csv
expect_rc 0 "default year: the current one"
ab report jp --year 2022 --format jsonl
expect_eq "$(head -1 "$OUT")" '{"nip":null,"name":"Tamu Tanpa NIP","agency":null,"unit":null,"sessions":1,"jp":3,"target":20,"shortfall":17,"type":null}' "jp jsonl"

# --- agency ---------------------------------------------------------------------------------------------------------
ab report agency --year 2022 --target 8 --format csv
expect_rc 0 "agency csv"
cat >"$WORK/agency-expected.csv" <<EOF
agency,participants,active,attendances,jp,met_target,met_target_rate,type
,1,1,1,3,0,0.0000,
$BPSDM,1,0,0,0,0,0.0000,PNS
$SIDOARJO,2,1,1,3,0,0.0000,PNS
$MALANG,3,3,5,14.5,1,0.3333,PNS
EOF
expect_eq "$(cat "$OUT")" "$(cat "$WORK/agency-expected.csv")" "agency rows"
ab report agency --year 2022 --format json
json_ok "$OUT" && ok || fail "agency json is valid"
expect_grep '\{"agency":"Pemerintah Kota Malang","participants":3,"active":3,"attendances":5,"jp":14.5,"met_target":0,"met_target_rate":0.0000,"type":"PNS"\}' \
  "$OUT" "agency json, default target 20"
ab report agency --year 2022 --lang id
expect_grep 'Rekap per Instansi Tahun 2022' "$OUT" "agency title"
expect_grep 'Target PNS 20 JP per tahun' "$OUT" "agency target line"
expect_grep 'PPPK: tanpa target; paling lama 24 JP per tahun, PP 49/2018 Pasal 40 ayat \(1\)' "$OUT" \
  "PPPK: a ceiling, not a target"

# --- siasn ----------------------------------------------------------------------------------------------------------
# KHUSUS has 2.5 JP: SIASN takes whole hours, so the report is refused until --round says how.
ab report siasn --year 2022 --format csv
expect_rc 1 "siasn: a fractional JP is refused"
expect_grep 'session KHUSUS \(2.5 JP\) has a fractional JP' "$ERR" "the fractional session is named"
expect_grep 'give --round down, nearest or up' "$ERR" "the option is named"
expect_eq "$(wc -c <"$OUT")" "0" "nothing on stdout"
ab report siasn --year 2022 --round nearest --format csv
expect_rc 0 "siasn csv with --round"
expect_eq "$(head -1 "$OUT")" \
  "nip,jenis_diklat_id,jenis_kursus_sertipikat,nama_kursus,institusi_penyelenggara,jumlah_jam,nomor_sertipikat,tahun_kursus,tanggal_kursus,tanggal_selesai_kursus" \
  "siasn columns"
cat >"$WORK/siasn-expected.csv" <<EOF
$P1,9,P,Kelas Khusus,$BPSDM,3,5/BPSDM-ASNB/III/2022,2022,01-03-2022,01-03-2022
$P1,9,P,Webinar ASN Belajar Seri 9 | 2022,$BPSDM,3,1/BPSDM-ASNB/III/2022,2022,03-03-2022,03-03-2022
$P4,9,P,Webinar ASN Belajar Seri 9 | 2022,$BPSDM,3,2/BPSDM-ASNB/III/2022,2022,03-03-2022,03-03-2022
$P6,9,P,Webinar ASN Belajar Seri 9 | 2022,$BPSDM,3,9/BPSDM-ASNB/III/2022,2022,03-03-2022,03-03-2022
$P1,9,P,Webinar ASN Belajar Seri 10 | 2022,$BPSDM,3,000007/ASNB/10/3/2022,2022,10-03-2022,10-03-2022
$P2,9,P,Webinar ASN Belajar Seri 10 | 2022,$BPSDM,3,000008/ASNB/10/3/2022,2022,10-03-2022,10-03-2022
EOF
expect_eq "$(tail -n +2 "$OUT")" "$(cat "$WORK/siasn-expected.csv")" \
  "siasn rows: seminar 9/P by default, whole hours (2.5 nearest: 3), dd-mm-yyyy"
expect_grep '1 certificate of a person without a NIP left out' "$ERR" "people without a NIP are counted on stderr"
expect_grep 'JP rounded to whole hours for SIASN: KHUSUS 2.5 → 3' "$ERR" "rounded sessions are listed"
expect_eq "$(grep 'JP rounded' "$ERR" | grep -o '→' | wc -l)" "1" "only the session whose JP was rounded is listed"
ab report siasn --year 2022 --round down --format csv
expect_eq "$(csv_field "$OUT" nomor_sertipikat 5/BPSDM-ASNB/III/2022 jumlah_jam)" "2" "--round down: 2.5 → 2"
expect_eq "$(csv_field "$OUT" nomor_sertipikat 1/BPSDM-ASNB/III/2022 jumlah_jam)" "3" "--round down: 3 stays 3"
ab report siasn --year 2022 --round UP --format csv
expect_eq "$(csv_field "$OUT" nomor_sertipikat 5/BPSDM-ASNB/III/2022 jumlah_jam)" "3" "--round up: 2.5 → 3"
ab --quiet report siasn --year 2022 --round up --format csv
expect_eq "$(wc -c <"$ERR")" "0" "--quiet silences the notes"
ab report siasn --year 2022 --round sideways
expect_rc 2 "an unknown --round is a usage error"
expect_grep "expected down, nearest or up" "$ERR" "the ways to round are listed"

# --diklat-type: the id and the certificate code from SIASN's reference; --institution.
ab report siasn --year 2021 --institution "BPSDM Jatim" --diklat-type 4 --format csv
expect_eq "$(tail -n +2 "$OUT")" "$P1,4,P,Penutup 2021,BPSDM Jatim,2,6/BPSDM-ASNB/XII/2021,2021,30-12-2021,30-12-2021" \
  "--institution and --diklat-type 4 (Workshop, P); 2021 has no fractional JP"
for pair in 1:T 2:F 7:P 8:T 16:T 17:T 25:T; do
  ab report siasn --year 2021 --diklat-type "${pair%:*}" --format csv
  expect_eq "$(csv_col "$OUT" jenis_diklat_id),$(csv_col "$OUT" jenis_kursus_sertipikat)" "${pair%:*},${pair#*:}" \
    "jenis diklat ${pair%:*} has code ${pair#*:}"
done
for bad in 0 26 x 9.5 ""; do
  ab report siasn --year 2021 --diklat-type "$bad"
  expect_rc 2 "--diklat-type '$bad' is a usage error"
done
ab report siasn --year 2021 --diklat-type 26
expect_grep "'26' is not an id of SIASN's jenis diklat reference" "$ERR" "the unknown id is named"
expect_grep '^asnbelajar:    9  Seminar \(P\)$' "$ERR" "the valid ids are listed (9)"
expect_grep '^asnbelajar:   25  Pengembangan Kompetensi Dalam Bentuk Pelatihan Nonklasikal Lainnya \(T\)$' "$ERR" \
  "the valid ids are listed (25)"
ab report siasn --help
expect_eq "$(grep -cE '^ +[0-9]+  .+ \([PFT]\)$' "$OUT")" "25" "report siasn --help lists the 25 jenis diklat"
expect_grep '^ +2  Diklat Fungsional \(F\)$' "$OUT" "--help: 2 is F"

# json: one object per row with the machine keys.
ab report siasn --year 2022 --round nearest --format json
expect_rc 0 "siasn json"
json_ok "$OUT" && ok || fail "siasn json is valid"
expect_grep "^  \{\"nip\":\"$P1\",\"jenis_diklat_id\":9,\"jenis_kursus_sertipikat\":\"P\",\"nama_kursus\":\"Kelas Khusus\",\"institusi_penyelenggara\":\"$BPSDM\",\"jumlah_jam\":3,\"nomor_sertipikat\":\"5/BPSDM-ASNB/III/2022\",\"tahun_kursus\":2022,\"tanggal_kursus\":\"01-03-2022\",\"tanggal_selesai_kursus\":\"01-03-2022\"\},$" \
  "$OUT" "siasn json: the machine keys, numbers as numbers, dates dd-mm-yyyy"
expect_eq "$(grep -c '"nip":' "$OUT")" "6" "siasn json: one object per row"

# --api: SIASN's own field names, ready to post; nip where SIASN wants pnsOrangId.
ab report siasn --year 2022 --round nearest --api
expect_rc 0 "siasn --api"
json_ok "$OUT" && ok || fail "siasn --api is valid JSON"
expect_eq "$(head -1 "$OUT")" "[" "--api: a JSON array by default"
expect_eq "$(sed -n 2p "$OUT")" \
  "  {\"nip\":\"$P1\",\"jenisDiklatId\":\"9\",\"jenisKursusSertipikat\":\"P\",\"jenisKursus\":\"\",\"namaKursus\":\"Kelas Khusus\",\"institusiPenyelenggara\":\"$BPSDM\",\"jumlahJam\":3,\"nomorSertipikat\":\"5/BPSDM-ASNB/III/2022\",\"tahunKursus\":2022,\"tanggalKursus\":\"01-03-2022\",\"tanggalSelesaiKursus\":\"01-03-2022\"}," \
  "--api record: jenisDiklatId a string, jumlahJam and tahunKursus integers, jenisKursus empty"
expect_no_grep 'pnsOrangId|instansiId|jenis_diklat_id' "$OUT" "--api: nothing the uploader adds, no machine keys"
if command -v jq >/dev/null; then
  expect_eq "$(jq -r '[.[] | (.jenisDiklatId | type), (.jumlahJam | type), (.tahunKursus | type)] | unique | join(" ")' "$OUT")" \
    "number string" "jq: jenisDiklatId a string, jumlahJam and tahunKursus numbers"
  expect_eq "$(jq 'length' "$OUT")" "6" "jq: six records"
fi
ab report siasn --year 2022 --round nearest --api --format jsonl
expect_rc 0 "siasn --api jsonl"
expect_eq "$(wc -l <"$OUT")" "6" "--api --format jsonl: one record a line"
expect_eq "$(grep -c '^{"nip":"[0-9]\{18\}","jenisDiklatId":"9",' "$OUT")" "6" "--api jsonl records"
ab report siasn --year 2022 --round nearest --api -o "$WORK/kursus.json"
expect_rc 0 "--api -o FILE.json"
expect_eq "$(head -1 "$WORK/kursus.json")" "[" "--api to a .json file"
for f in "--format csv" "--format table" "-o $WORK/kursus.xlsx"; do
  # shellcheck disable=SC2086
  ab report siasn --year 2022 --round nearest --api $f
  expect_rc 2 "--api with $f is a usage error"
done
expect_grep "api writes SIASN's JSON records" "$ERR" "--api says what it writes"
ab report siasn --year 2022 --api
expect_rc 1 "--api refuses a fractional JP too"

# Human formats keep title and totals; the xlsx is an upload sheet.
ab report siasn --year 2022 --round nearest --lang id
expect_grep 'Data Riwayat Kursus SIASN Tahun 2022' "$OUT" "siasn table title"
expect_grep 'jenis diklat 9 Seminar \(kode sertifikat P\)' "$OUT" "siasn subtitle: the jenis diklat and its code"
ab report siasn --year 2022 --round nearest -o "$WORK/siasn.xlsx"
expect_rc 0 "siasn xlsx"
if command -v unzip >/dev/null; then
  unzip -p "$WORK/siasn.xlsx" xl/worksheets/sheet1.xml >"$WORK/siasn-sheet.xml"
  unzip -p "$WORK/siasn.xlsx" xl/sharedStrings.xml >"$WORK/siasn-strings.xml"
  unzip -p "$WORK/siasn.xlsx" xl/workbook.xml >"$WORK/siasn-workbook.xml"
  expect_eq "$(grep -o '<sheet ' "$WORK/siasn-workbook.xml" | wc -l)" "1" "upload sheet: one sheet"
  expect_grep '<sheet name="SIASN"' "$WORK/siasn-workbook.xml" "upload sheet: named SIASN"
  expect_grep '<row r="1"[^>]*><c r="A1" t="s"><v>0</v></c>' "$WORK/siasn-sheet.xml" "upload sheet: header in row 1"
  for key in nip jenis_diklat_id jenis_kursus_sertipikat nama_kursus institusi_penyelenggara jumlah_jam \
    nomor_sertipikat tahun_kursus tanggal_kursus tanggal_selesai_kursus; do
    expect_grep "<t>$key</t>" "$WORK/siasn-strings.xml" "upload sheet: header key $key"
  done
  expect_no_grep 'Data Riwayat|Jumlah|Sertifikat|Nomor sertifikat' "$WORK/siasn-strings.xml" \
    "upload sheet: no title, no labels, no totals"
  expect_grep "<t>$P1</t>" "$WORK/siasn-strings.xml" "upload sheet: the NIP is text"
  expect_grep '<c r="B2"[^>]*><v>9</v></c>' "$WORK/siasn-sheet.xml" "upload sheet: rows from row 2, the id a number"
  expect_grep '<c r="F2"[^>]*><v>3</v></c>' "$WORK/siasn-sheet.xml" "upload sheet: jumlah_jam a whole number"
  expect_grep '<row r="7"' "$WORK/siasn-sheet.xml" "upload sheet: six records in rows 2-7"
  expect_no_grep '<row r="8"' "$WORK/siasn-sheet.xml" "upload sheet: nothing after the records"
  expect_grep '<pane [^>]*ySplit="1"[^>]*state="frozen"' "$WORK/siasn-sheet.xml" "upload sheet: header frozen"
fi

# --- the totals under each report's table (human formats), against the scenario worked out by hand -------------
# totals ARGS...: the "Label: value" lines of `asnbelajar ARGS --lang en`, joined by "; ".
totals() { "$ASNBELAJAR" "$@" --lang en 2>/dev/null | grep -E '^[A-Z][^:]*: +[0-9]' | tr -s ' ' | paste -sd';' | sed 's/;/; /g'; }
expect_eq "$(totals report session 2022-03-03)" \
  "Enrolled: 3; Waitlisted: 0; Attended: 4; Partial: 1; Absent: 1; Walk-ins: 3; Certificates: 4; Attendance rate: 33.3%" \
  "session totals: P4 came from the waiting list (a walk-in), 1 of 3 enrolled attended"
expect_eq "$(totals report weekly --week-of 2022-03-03)" \
  "Sessions: 2; Enrolled: 5; Waitlisted: 0; Attended: 5; Partial: 2; Absent: 1; Walk-ins: 3; Attendance rate: 40.0%; Certificates: 5; Sessions without attendance data: 0" \
  "weekly totals"
expect_eq "$(totals report participant $P1)" "Sessions: 4; Attended: 4; JP: 10.5" \
  "participant totals: four sessions over two years, the cancelled one left out"
expect_eq "$(totals report jp --year 2022 --target 8)" \
  "Participants: 7; JP: 20.5; Met the target: 1; Below the target: 6; Total shortfall: 36" \
  "jp totals: only P1 (8.5) meets 8; shortfalls 5+8+8+5+5+5"
expect_eq "$(totals report jp --year 2022 --target 8 --below 3)" \
  "Participants: 2; JP: 0; Met the target: 0; Below the target: 2; Total shortfall: 16" "jp totals under --below 3"
expect_eq "$(totals report agency --year 2022 --target 8)" \
  "Agencies: 4; Participants: 7; Active: 5; Attendances: 7; JP: 20.5; Met the target: 1; Share meeting the target: 14.3%" \
  "agency totals (people without an agency are one row)"
expect_eq "$(totals report certificates 2022-03-03)" "Certificates: 4" "certificates total"
expect_eq "$(totals report siasn --year 2022 --round nearest)" "Certificates: 6; Hours (JP): 18" \
  "siasn totals: the certificates of people with a NIP, KHUSUS's 2.5 JP rounded to 3 (17.5 before rounding)"

# --- human formats and the language rule ----------------------------------------------------------------------
ASNBELAJAR_LANG= ab report weekly --week-of 2022-03-03
expect_grep 'Kamis, 3 Maret 2022' "$OUT" "Indonesian day and month by default"
expect_grep 'Selasa, 1 Maret 2022' "$OUT" "Indonesian Tuesday"
expect_grep 'periode 28 Februari–6 Maret 2022' "$OUT" "Indonesian period"
expect_grep '33,3%' "$OUT" "Indonesian percentage"
ab report weekly --week-of 2022-03-03 --lang en
expect_grep 'Thursday, 3 March 2022' "$OUT" "English with --lang en"
expect_grep '33.3%' "$OUT" "English percentage"
expect_no_grep 'Maret' "$OUT" "no Indonesian month in English"
ab report certificates 2022-03-03 --lang id
expect_grep 'pukul 09.00 WIB' "$OUT" "Indonesian time"

# Every report's heading (title and the lines under it, before the table), in both languages.
# heading ARGS...: the lines of `asnbelajar ARGS` before the first blank line, joined by " / " (Indonesian, the
# default language, unless ARGS say --lang en).
heading() { ASNBELAJAR_LANG=id "$ASNBELAJAR" "$@" 2>/dev/null | sed '/^$/q' | sed '/^$/d' | paste -sd"\t" | sed "s/\t/ \/ /g"; }
expect_eq "$(heading report weekly --week-of 2022-03-03)" \
  "Laporan Mingguan Webinar ASN Belajar / periode 28 Februari–6 Maret 2022" "weekly heading"
expect_eq "$(heading report weekly --week-of 2022-03-03 --lang en)" \
  "Weekly Report: Webinar ASN Belajar / period 28 February–6 March 2022" "weekly heading, English"
expect_eq "$(heading report session 2022-03-03)" \
  "Laporan Sesi: Webinar ASN Belajar Seri 9 | 2022 / Kode 2022-03-03 / Kamis, 3 Maret 2022, pukul 09.00 WIB · 180 menit · 3 JP" \
  "session heading"
expect_eq "$(heading report session 2022-03-03 --lang en)" \
  "Session Report: Webinar ASN Belajar Seri 9 | 2022 / Code 2022-03-03 / Thursday, 3 March 2022, 09:00 WIB · 180 minutes · 3 JP" \
  "session heading, English"
expect_eq "$(heading report certificates KHUSUS)" \
  "Daftar Sertifikat: Kelas Khusus / Kode KHUSUS / Selasa, 1 Maret 2022, pukul 13.00 WIB · 120 menit · 2,5 JP" \
  "certificates heading"
expect_eq "$(heading report certificates KHUSUS --lang en)" \
  "Certificates: Kelas Khusus / Code KHUSUS / Tuesday, 1 March 2022, 13:00 WIB · 120 minutes · 2.5 JP" \
  "certificates heading, English"
expect_eq "$(heading report participant $P1)" \
  "Transkrip Pelatihan: Siti Rahayu, S.Pd., M.M. / NIP $P1 / Dinas Pendidikan, Pemerintah Kota Malang / semua tahun" \
  "participant heading"
expect_eq "$(heading report participant $P3 --year 2022 --lang en)" \
  "Training Transcript: Ani / NIP $P3 / $SIDOARJO / year 2022" "participant heading: agency only, a year, English"
expect_eq "$(heading report participant $E1 --lang en)" "Training Transcript: Tamu Tanpa NIP / $E1 / all years" \
  "participant heading: no NIP, the e-mail"
expect_eq "$(heading report jp --year 2022)" "Rekap JP Peserta Tahun 2022 / Target PNS 20 JP per tahun / PPPK: tanpa target; paling lama 24 JP per tahun, PP 49/2018 Pasal 40 ayat (1)" "jp heading"
expect_eq "$(heading report jp --year 2022 --below 2.5 --target 8 --lang en)" \
  "JP per Participant, 2022 / Target 8 JP a year for PNS / PPPK: no target; at most 24 JP a year, PP 49/2018 Article 40(1) / Only participants with JP below 2.5 JP" \
  "jp heading: --target and --below, English"
expect_eq "$(heading report jp --year 2022 --below 2.5)" \
  "Rekap JP Peserta Tahun 2022 / Target PNS 20 JP per tahun / PPPK: tanpa target; paling lama 24 JP per tahun, PP 49/2018 Pasal 40 ayat (1) / Hanya peserta dengan JP di bawah 2,5 JP" "jp heading: --below"
expect_eq "$(heading report agency --year 2022)" "Rekap per Instansi Tahun 2022 / Target PNS 20 JP per tahun / PPPK: tanpa target; paling lama 24 JP per tahun, PP 49/2018 Pasal 40 ayat (1)" "agency heading"
expect_eq "$(heading report agency --year 2022 --lang en)" "Totals per Agency, 2022 / Target 20 JP a year for PNS / PPPK: no target; at most 24 JP a year, PP 49/2018 Article 40(1)" \
  "agency heading, English"
expect_eq "$(heading report siasn --year 2022 --round down)" \
  "Data Riwayat Kursus SIASN Tahun 2022 / $BPSDM · jenis diklat 9 Seminar (kode sertifikat P)" "siasn heading"
expect_eq "$(heading report siasn --year 2022 --round up --lang en --institution X --diklat-type 4)" \
  "SIASN Course History, 2022 / X · training type 4 Workshop (certificate code P)" "siasn heading, English"
expect_eq "$(heading session list)" "Daftar Sesi" "session list heading"
expect_eq "$(heading session list --lang en)" "Sessions" "session list heading, English"
expect_eq "$(heading session show 2022-03-03)" \
  "Webinar ASN Belajar Seri 9 | 2022 / Kamis, 3 Maret 2022, pukul 09.00 WIB · 180 menit · 3 JP / Batas kehadiran: 70%" \
  "session show heading"
expect_eq "$(heading session show KHUSUS --lang en)" \
  "Kelas Khusus / Tuesday, 1 March 2022, 13:00 WIB · 120 minutes · 2.5 JP / Speaker: Dr. Narasumber, M.Si. / Attendance threshold: 70%" \
  "session show heading: the speaker, English"
expect_eq "$(heading participant list --lang en)" "Participants" "participant list heading"
expect_eq "$(heading participant list)" "Daftar Peserta" "participant list heading, Indonesian"
expect_eq "$(heading db check)" "Pemeriksaan basis data / $ASNBELAJAR_DB" "db check heading"
expect_eq "$(heading db log --lang en)" "Audit log" "db log heading"

ab report weekly --week-of 2022-03-03 --lang id -o "$WORK/weekly.md"
expect_rc 0 "markdown from the extension"
expect_grep '^# Laporan Mingguan Webinar ASN Belajar$' "$WORK/weekly.md" "markdown title"
expect_grep '^periode 28 Februari–6 Maret 2022$' "$WORK/weekly.md" "markdown period"
expect_grep '^\| Sesi \| Tanggal \| Judul \| JP \|' "$WORK/weekly.md" "markdown header"
expect_grep 'Seri 9 \\\| 2022' "$WORK/weekly.md" "markdown escapes |"
expect_grep '^- Tingkat kehadiran: \*\*40,0%\*\*$' "$WORK/weekly.md" "markdown totals"
ab report weekly --week-of 2022-03-03 --format markdown --lang en
expect_grep '^\| Session \| Date \|' "$OUT" "markdown in English"

ab report weekly --week-of 2022-03-03 --lang id --format html -o "$WORK/weekly.html"
expect_rc 0 "html"
expect_grep '<svg' "$WORK/weekly.html" "html has an inline SVG chart"
expect_eq "$(grep -o '<svg' "$WORK/weekly.html" | wc -l)" "2" "bars per session and the trend"
expect_grep '<polyline|<circle' "$WORK/weekly.html" "trend drawn"
expect_grep '<style>' "$WORK/weekly.html" "inline CSS"
expect_no_grep '<script|<link|src=|https?://' "$WORK/weekly.html" "no scripts or external assets"
expect_grep 'Kamis, 3 Maret 2022' "$WORK/weekly.html" "html in Indonesian"
expect_grep 'Seri 9 \| 2022' "$WORK/weekly.html" "html table"
ab participant add --nip 198001012005011001 --name "Tes <b>&amp;</b>" --agency "A&B"
ab participant list --format html
expect_grep 'Tes &lt;b&gt;&amp;amp;&lt;/b&gt;' "$OUT" "html escapes text"
expect_no_grep 'Tes <b>' "$OUT" "no raw markup from data"
ab report agency --year 2022 --format html --lang en
expect_grep '<html lang="en">' "$OUT" "html language"

# xlsx: NIPs and phone numbers are text cells, numbers are numbers, the header is frozen.
ab report weekly --week-of 2022-03-03 --format xlsx
expect_rc 2 "xlsx needs -o"
expect_grep 'xlsx' "$ERR" "the message says why"
ab report jp --year 2022 -o "$WORK/jp.xlsx"
expect_rc 0 "xlsx from the extension"
expect_eq "$(head -c 2 "$WORK/jp.xlsx")" "PK" "an xlsx is a zip"
ab report session 2022-03-03 -o "$WORK/session.xlsx"
expect_rc 0 "session xlsx"
if command -v unzip >/dev/null; then
  unzip -p "$WORK/jp.xlsx" xl/worksheets/sheet1.xml >"$WORK/sheet1.xml"
  # Column A holds the NIPs from row 6 on (title, two subtitle lines, blank, header).
  nips=$(grep -oE '<c r="A([6-9]|[1-9][0-9])"[^>]*>' "$WORK/sheet1.xml" | wc -l)
  text_nips=$(grep -oE '<c r="A([6-9]|[1-9][0-9])"[^>]*t="(s|inlineStr|str)"[^>]*>' "$WORK/sheet1.xml" | wc -l)
  expect_eq "$text_nips" "$nips" "every NIP cell is a string"
  [ "$nips" -ge 7 ] && ok || fail "NIP cells found: $nips"
  # The jp report streams its rows: its workbook is written in constant-memory mode, strings inline.
  expect_grep "<c r=\"A[0-9]+\" t=\"inlineStr\"><is><t>$P1</t></is></c>" "$WORK/sheet1.xml" "the NIP is an inline string"
  expect_no_grep "<v>$P1</v>" "$WORK/sheet1.xml" "no NIP as a number"
  expect_grep '<pane [^>]*ySplit="5"[^>]*state="frozen"' "$WORK/sheet1.xml" "header row frozen"
  expect_grep '<c r="E6"[^>]*><v>1</v></c>' "$WORK/sheet1.xml" "sessions as a number"
  expect_grep '<c r="F12"[^>]*><v>8.5</v></c>' "$WORK/sheet1.xml" "JP as a number"
  unzip -p "$WORK/session.xlsx" xl/sharedStrings.xml >"$WORK/strings2.xml"
  unzip -p "$WORK/jp.xlsx" xl/workbook.xml >"$WORK/workbook.xml"
  expect_grep 'sheet name="JP"' "$WORK/workbook.xml" "sheet name"
  ab participant show $P1 -o "$WORK/p1.xlsx"
  unzip -p "$WORK/p1.xlsx" xl/sharedStrings.xml >"$WORK/strings3.xml"
  expect_grep '<t>\+6281234567801</t>' "$WORK/strings3.xml" "the phone number is text"
else
  fail "unzip is needed to look inside xlsx files"
fi
ab report weekly --week-of 2022-03-03 -o "$WORK/no/such/dir/w.xlsx"
expect_rc 1 "unwritable xlsx path"
expect_grep 'cannot write' "$ERR" "and says so"

# --- reports only read ---------------------------------------------------------------------------------------------
before=$(store_digest)
for r in "weekly --week-of 2022-03-03" "session 2022-03-03" "participant $P1" "jp --year 2022" \
         "agency --year 2022" "certificates 2022-03-03" "siasn --year 2022 --round up"; do
  # shellcheck disable=SC2086
  ab report $r --format csv
  expect_rc 0 "report $r"
done
expect_eq "$(store_digest)" "$before" "reports leave the store untouched"
for r in participant jp agency certificates siasn; do
  ab report $r --help
  expect_grep 'Examples?:' "$OUT" "report $r --help has examples"
done

# --- a store of its own: a session's week in its own zone, and more than ten agencies -------------------------
MAIN_DB=$ASNBELAJAR_DB
export ASNBELAJAR_DB="$WORK/zones.db"
# Monday 7 March 00:30 WIT is Sunday 6 March 22:30 WIB: the session keeps its Monday, in the week of 7 March,
# also when the report runs in WIB.
ab session add --title "Senin pagi di Papua" --start "2022-03-07 00:30" --tz Asia/Jayapura --minutes 60 --jp 1 \
   --code WIT;                                                                        expect_rc 0 "WIT session"
ab report weekly --week-of 2022-03-07 --tz Asia/Jakarta --format csv
expect_rc 0 "weekly in WIB"
expect_eq "$(csv_col "$OUT" session),$(csv_col "$OUT" date)" "WIT,2022-03-07" \
  "a Monday 00:30 WIT session is in its Monday week, dated Monday, when the report runs in WIB"
ab report weekly --week-of 2022-03-06 --tz Asia/Jakarta --format csv
expect_eq "$(wc -l <"$OUT")" "1" "and not in the week before (its date in WIB)"
# The trend counts only sessions with attendance recorded (issue 14): one walk-in is marked first.
ab participant add --nip 199001152014031002 --name "Budi Santoso"
ab attend WIT 199001152014031002 --minutes 60;                                        expect_rc 0 "a mark for WIT"
ab report weekly --week-of 2022-03-07 --tz Asia/Jakarta --format json
expect_grep '"from":"2022-03-07","to":"2022-03-13","sessions":1,' "$OUT" "the trend counts it in its own week"
expect_grep '"from":"2022-02-28","to":"2022-03-06","sessions":0,' "$OUT" "not in the week before"

# Twelve agencies, attended by 1 to 12 people each in an order that is not alphabetical: the JSON lists the ten
# with the most attendees, most first.
awk 'BEGIN {
  split("3 12 1 7 10 5 11 2 9 4 8 6", counts, " ")
  print "nip,nama,instansi"
  i = 0
  for (a = 1; a <= 12; a++)
    for (k = 0; k < counts[a]; k++) {
      printf "1980%02d%02d2005011%03d,Peserta %d,Instansi %c\n", a, k + 1, ++i, i, 64 + a
    }
}' >"$WORK/agencies.csv"
ab participant import "$WORK/agencies.csv";                                          expect_rc 0 "78 people of 12 agencies"
cut -d, -f1 "$WORK/agencies.csv" >"$WORK/present.csv"
ab attend WIT --file "$WORK/present.csv" --source csv;                               expect_rc 0 "all attended"
ab report weekly --week-of 2022-03-07 --format json
expect_rc 0 "weekly json with twelve agencies"
expect_eq "$(sed -n '/"top_agencies": \[/,/^  \]/p' "$OUT" | grep -c '"agency":')" "10" "exactly ten top agencies"
expect_eq "$(sed -n '/"top_agencies": \[/,/^  \]/p' "$OUT" | grep -oE '"agency":"[^"]*","attended":[0-9]+' |
             sed -E 's/"agency":"Instansi (.)","attended":/\1/' | tr '\n' ' ')" \
  "B12 G11 E10 I9 K8 D7 L6 F5 J4 A3 " "top agencies: most attendees first, the two smallest left out"
if command -v jq >/dev/null; then
  expect_eq "$(jq -r '.top_agencies | length, .[0].agency, .[9].agency' "$OUT" | tr '\n' ' ')" \
    "10 Instansi B Instansi A " "jq reads the same ten"
fi
export ASNBELAJAR_DB=$MAIN_DB

# --- the example cron line and systemd service run as written ------------------------------------------------
if [ -n "${EXAMPLES:-}" ] && [ -d "$EXAMPLES" ]; then
  mkdir -p "$WORK/var"
  # (the examples name a store file: on PostgreSQL, a db copy of the store into one)
  if [ "$BACKEND" = sqlite ]; then cp "$ASNBELAJAR_DB" "$WORK/var/asnbelajar.db"; else
    "$ASNBELAJAR" -q db copy "$ASNBELAJAR_DB" "$WORK/var/asnbelajar.db" || fail "a copy of the store for the examples"; fi
  local_paths() { sed -e "s#/usr/bin/asnbelajar#$ASNBELAJAR#g" -e "s#/var/lib/asnbelajar#$WORK/var#g"; }
  week=$(date -d yesterday +%G-W%V)
  cmd=$(grep -E '^[0-9*]' "$EXAMPLES/cron/asnbelajar-weekly.cron" | cut -d' ' -f7- | sed 's/\\%/%/g' | local_paths)
  (unset ASNBELAJAR_DB; sh -c "$cmd") >"$OUT" 2>"$ERR"
  RC=$?
  expect_rc 0 "the cron line runs"
  expect_eq "$(cat "$OUT" "$ERR")" "" "the cron line is quiet"
  expect_grep '^session,date,title' "$WORK/var/reports/weekly-$week.csv" "cron wrote the CSV"
  expect_grep '<svg' "$WORK/var/reports/weekly-$week.html" "cron wrote the HTML"
  rm -rf "$WORK/var/reports"
  mkdir -p "$WORK/var/reports" # systemd's StateDirectory= creates it
  exec_start=$(grep '^ExecStart=' "$EXAMPLES/systemd/asnbelajar-weekly.service" | cut -d= -f2- | sed 's/%%/%/g' |
               local_paths | sed -e "s#^/bin/sh -c '##" -e "s#'\$##")
  (unset ASNBELAJAR_DB; sh -c "$exec_start") >"$OUT" 2>"$ERR"
  RC=$?
  expect_rc 0 "the systemd ExecStart runs"
  expect_grep '^session,date,title' "$WORK/var/reports/weekly-$week.csv" "systemd wrote the CSV"
  expect_grep '<svg' "$WORK/var/reports/weekly-$week.html" "systemd wrote the HTML"
  expect_grep '^OnCalendar=Mon ' "$EXAMPLES/systemd/asnbelajar-weekly.timer" "the timer fires on Mondays"
fi

finish
