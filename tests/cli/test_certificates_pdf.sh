#!/usr/bin/env bash
# certify --pdf end to end: one PDF per person and one file for printing, read back with poppler (pdfinfo,
# pdftotext, pdftoppm) and the QR code decoded with zbarimg; layouts with PNG and JPEG backgrounds; every bad
# layout, an unwritable directory and contradictory options refused before anything is written; re-runs
# replace files whole.
source "$(dirname "$0")/lib.sh"

for tool in pdfinfo pdftotext pdftoppm pdfimages zbarimg; do
  command -v $tool >/dev/null || { echo "FAIL: $tool is missing (Debian: poppler-utils, zbar-tools; .ci/setup)" >&2; exit 1; }
done

P1=198609262015051001; P2=199001152014031002; P3=198703212010122003
E1=zoe@example.org

# pdf_text FILE: the PDF's text on one line per text line, blanks squeezed.
pdf_text() { pdftotext -enc UTF-8 "$1" - 2>/dev/null | tr -s ' '; }
# pdf_field FILE KEY: a line of pdfinfo ("Pages", "Page size").
pdf_field() { pdfinfo "$1" 2>/dev/null | sed -n "s/^$2: *//p"; }
# qr_of FILE [PAGE]: what the QR code on PAGE (default 1) of FILE says, read from a 150 dpi rendering.
qr_of() {
  local page=${2:-1}
  rm -f "$WORK"/qr-*.png
  pdftoppm -png -r 150 -f "$page" -l "$page" "$1" "$WORK/qr" 2>/dev/null
  zbarimg -q --raw "$WORK"/qr-*.png 2>/dev/null
}
# ident_of FILE [PAGE]: the signed fields of the QR code's verification code (ASNB1|KEYID|NUMBER|NIP-or-e-mail|
# SESSION|DATE|JP|SIGNATURE): NUMBER|NIP-or-e-mail|SESSION|DATE|JP. The signature: test_verification.sh.
ident_of() { qr_of "$@" | cut -d'|' -f3-7; }
# no_temporaries DIR: nothing but finished PDFs in DIR.
no_temporaries() {
  if ls -A "$1" | grep -qvE '\.pdf$'; then fail "$2: left in $1: $(ls -A "$1" | grep -vE '\.pdf$' | head -3)"; else ok; fi
}

# --- the scenario: a session, four people with titles, accents and apostrophes; one without a NIP -------------
ab session add --title "Transformasi Digital Pelayanan Publik" --start "2022-03-03 09:00" --minutes 180 --jp 3
expect_rc 0 "session"
ab session add --title "Sepi" --start "2022-03-10 09:00" --minutes 60 --jp 1;   expect_rc 0 "an empty session"
cat >"$WORK/people.csv" <<EOF
nip,nama,email,instansi
$P1,"Dr. Siti Rahayu, S.Pd., M.M.",siti@example.go.id,Pemerintah Kabupaten Sidoarjo
$P2,Nurul 'Aini,nurul@example.go.id,Dinas Pendidikan Provinsi Jawa Timur
$P3,José Pratama,jose@example.go.id,Pemerintah Kota Malang
,Zoë O'Neil,$E1,Universitas Airlangga
EOF
ab participant import "$WORK/people.csv";                                            expect_rc 0 "people"
ab attend 2022-03-03 $P1 $P2 $P3 $E1;                                                expect_rc 0 "all attend"

# --- bad input: refused before anything is written (no certificate numbered, no directory made) --------------
bad_layout() { # NAME CONTENT EXPECTED-MESSAGE-PATTERN
  printf '%s\n' "$2" >"$WORK/$1.layout"
  local before; before=$(store_digest)
  ab certify 2022-03-03 --pdf "$WORK/bad-out" --layout "$WORK/$1.layout"
  expect_rc 1 "$1: exit"
  expect_grep "^asnbelajar: error: $WORK/$1.layout:$3" "$ERR" "$1: FILE:LINE:COLUMN and what"
  expect_eq "$(store_digest)" "$before" "$1: store unchanged"
  if [ -e "$WORK/bad-out" ]; then fail "$1: $WORK/bad-out was made"; else ok; fi
}
bad_layout unknown-field $'page A4 landscape\nfield nama x=10 y=20' "2:7: unknown field 'nama'"
bad_layout unknown-placeholder 'text "Yth. {nama}" x=10 y=20' "1:12: unknown field '\\{nama\\}'"
bad_layout off-page $'page A4 landscape\nqr x=280 y=20 size=30' "2:6: the QR code is off the page"
bad_layout too-wide 'field name x=148.5 y=80 width=300 align=center' "1:31: the text is off the page"
bad_layout missing-font $'font "Tidak Ada Sans"\nfield name x=10 y=20' '1:7: the font "Tidak Ada Sans" is not installed'
bad_layout missing-background $'background tidak-ada.png\nfield name x=10 y=20' \
  "1:12: cannot read the background $WORK/tidak-ada.png"
printf 'not an image\n' >"$WORK/plain.png"
bad_layout not-an-image $'background plain.png\nfield name x=10 y=20' "1:12: the background .* is neither a PNG nor a JPEG"
bad_layout bad-number 'field name x=12,5 y=20' "1:14: x=: '12,5' is not a number"
ab certify 2022-03-03 --pdf "$WORK/bad-out" --layout "$WORK/no-such.layout"
expect_rc 1 "a missing layout file"
expect_grep "cannot read the layout $WORK/no-such.layout" "$ERR" "a missing layout file: named"
# The signing key: a file beside an SQLite store, a row of the table signing_key in a PostgreSQL registry.
keys_made() { if [ "$BACKEND" = postgres ]; then sql 'SELECT count(*) FROM signing_key'; else ls "$ASNBELAJAR_DB.key" 2>/dev/null | wc -l; fi; }
expect_eq "$(keys_made)" "0" "a run refused for its layout made no signing key"

before=$(store_digest)
: >"$WORK/a-file"
ab certify 2022-03-03 --pdf "$WORK/a-file";                                          expect_rc 1 "DIR is a file"
expect_grep "cannot write into $WORK/a-file: it is not a directory" "$ERR" "DIR is a file: said"
ab certify 2022-03-03 --pdf /proc/asnbelajar-certificates;                          expect_rc 1 "DIR cannot be made"
expect_grep "cannot make the directory /proc/asnbelajar-certificates" "$ERR" "DIR cannot be made: said"
if [ "$(id -u)" -ne 0 ]; then # root writes into a mode-555 directory anyway
  mkdir "$WORK/locked" && chmod 555 "$WORK/locked"
  ab certify 2022-03-03 --pdf "$WORK/locked";                                        expect_rc 1 "unwritable DIR"
  expect_grep "cannot write into $WORK/locked: Permission denied" "$ERR" "unwritable DIR: said"
  chmod 755 "$WORK/locked"
fi
ab certify 2022-03-03 --pdf "$WORK/cetak.pdf";                                       expect_rc 2 "FILE.pdf alone"
expect_grep "needs --single-file" "$ERR" "FILE.pdf alone: says --single-file"
mkdir -p "$WORK/a-dir"
ab certify 2022-03-03 --pdf "$WORK/a-dir" --single-file;                             expect_rc 2 "a dir as FILE"
ab certify 2022-03-03 --pdf "$WORK/x" --verify-url "ftp://x";                        expect_rc 2 "not an http URL"
ab certify 2022-03-03 --layout "$WORK/x.layout";                                     expect_rc 2 "--layout without --pdf"
ab certify 2022-03-03 --pdf "$WORK/x" --revoke $P1;                                  expect_rc 2 "--pdf with --revoke"
ab certify 2022-03-03 --pdf "$WORK/x" --jobs 0;                                      expect_rc 2 "--jobs 0"
expect_eq "$(keys_made)" "0" "a run refused for its output made no signing key"
ab certify NO-SUCH-SESSION --pdf "$WORK/x/y/";                                        expect_rc 1 "an unknown session"
expect_grep "NO-SUCH-SESSION" "$ERR" "an unknown session: named"
if [ "$BACKEND" = postgres ]; then
  expect_grep "made a new signing key in .* \(table signing_key\)" "$ERR" "every check passed: the signing key is made"
else
  expect_grep "made a new signing key $ASNBELAJAR_DB.key" "$ERR" "every check passed: the signing key is made"
fi
expect_eq "$(store_digest)" "$before" "bad options: store unchanged"
if [ -e "$WORK/x" ] || [ -e "$WORK/cetak.pdf" ]; then fail "bad options wrote something"; else ok; fi

# --- one PDF per person, the built-in layout -----------------------------------------------------------------
ab certify 2022-03-03 --pdf "$WORK/pdf/2022-03-03";                                  expect_rc 0 "certify --pdf"
expect_grep "certified 4 " "$ERR" "four certified"
expect_grep "wrote 4 certificates to $WORK/pdf/2022-03-03" "$ERR" "four written"
if [ "$BACKEND" = postgres ]; then
  expect_eq "$(keys_made)" "1" "the signing key, made on first use, is one row of the registry"
else
  expect_eq "$(stat -c %a "$ASNBELAJAR_DB.key")" "600" "the signing key, made on first use, is mode 0600"
fi
expect_eq "$(LC_ALL=C ls "$WORK/pdf/2022-03-03" | tr "\n" " ")" "$P1.pdf $P3.pdf $P2.pdf $E1.pdf " "named by NIP, else e-mail"
no_temporaries "$WORK/pdf/2022-03-03" "first run"
ab --format csv report certificates 2022-03-03;                                      expect_rc 0 "report certificates"
cp "$OUT" "$WORK/certs.csv"
N1=$(csv_field "$WORK/certs.csv" nip $P1 certificate)
NE=$(awk -F, -v e="Zoë O'Neil" '$3 == e { print $1 }' "$WORK/certs.csv")
[ -n "$N1" ] && [ -n "$NE" ] && ok || fail "numbers of P1 and E1 from the report: [$N1] [$NE]"

F1="$WORK/pdf/2022-03-03/$P1.pdf"
expect_eq "$(pdf_field "$F1" Pages)" "1" "one page"
expect_eq "$(pdf_field "$F1" "Page size")" "841.89 x 595.276 pts (A4)" "A4 landscape"
expect_eq "$(pdf_field "$F1" Title)" "Sertifikat $N1" "title"
pdf_text "$F1" >"$WORK/t1.txt"
expect_grep "^Dr\. Siti Rahayu, S\.Pd\., M\.M\.$" "$WORK/t1.txt" "name with titles"
expect_grep "^NIP $P1$" "$WORK/t1.txt" "NIP"
expect_grep "^Pemerintah Kabupaten Sidoarjo$" "$WORK/t1.txt" "agency"
expect_grep "^Transformasi Digital Pelayanan Publik$" "$WORK/t1.txt" "session title"
expect_grep "^pada Kamis, 3 Maret 2022$" "$WORK/t1.txt" "the date in Indonesian"
expect_grep "^sebanyak 3 jam pelajaran \(JP\)$" "$WORK/t1.txt" "JP"
expect_grep "^Nomor: ${N1//\//\\/}$" "$WORK/t1.txt" "number"
expect_eq "$(ident_of "$F1")" "$N1|$P1|2022-03-03|2022-03-03|3" "the QR code: number and identity"
if pdffonts "$F1" 2>/dev/null | awk 'NR > 2 && $(NF-4) != "yes" { bad = 1 } END { exit bad }'; then ok; else
  fail "fonts not embedded: $(pdffonts "$F1")"; fi

FE="$WORK/pdf/2022-03-03/$E1.pdf"
pdf_text "$FE" >"$WORK/te.txt"
expect_grep "^Zoë O'Neil$" "$WORK/te.txt" "a name with ë and an apostrophe"
expect_no_grep "^NIP" "$WORK/te.txt" "no NIP line for someone without a NIP"
expect_eq "$(ident_of "$FE")" "$NE|$E1|2022-03-03|2022-03-03|3" "the QR code of someone without a NIP: e-mail"
expect_grep "^Nurul 'Aini$" <(pdf_text "$WORK/pdf/2022-03-03/$P2.pdf") "Nurul 'Aini"
expect_grep "^José Pratama$" <(pdf_text "$WORK/pdf/2022-03-03/$P3.pdf") "José"

# --- re-runs: nothing new to number, every file replaced whole; a revoked number is never printed again -------
ls -i "$F1" >"$WORK/inode-before"
ab certify 2022-03-03 --pdf "$WORK/pdf/2022-03-03";                                  expect_rc 0 "re-run"
expect_grep "certified 0; 4 already had one" "$ERR" "re-run numbers nothing"
if cmp -s <(ls -i "$F1") "$WORK/inode-before"; then fail "re-run: $F1 was rewritten in place"; else ok; fi
no_temporaries "$WORK/pdf/2022-03-03" "re-run"
expect_eq "$(ident_of "$F1")" "$N1|$P1|2022-03-03|2022-03-03|3" "re-run: the same number"
N2=$(csv_field "$WORK/certs.csv" nip $P2 certificate)
ab certify 2022-03-03 --revoke $P2;                                                  expect_rc 0 "revoke P2"
# P2 still qualifies: certify gives them a new number, and their file carries it.
ab certify 2022-03-03 --pdf "$WORK/after-revoke";                                    expect_rc 0 "after a revocation"
expect_grep "certified 1 " "$ERR" "after a revocation: a new number"
N2B=$(ident_of "$WORK/after-revoke/$P2.pdf" | cut -d'|' -f1)
if [ -n "$N2B" ] && [ "$N2B" != "$N2" ]; then ok; else fail "after a revocation: number [$N2B], revoked [$N2]"; fi
for f in "$WORK"/after-revoke/*.pdf; do pdf_text "$f"; done >"$WORK/after-revoke.txt"
expect_no_grep "^Nomor: ${N2//\//\\/}$" "$WORK/after-revoke.txt" "the revoked number is on no certificate"

# --- one file for printing, and standard output ---------------------------------------------------------------
ab certify 2022-03-03 --pdf "$WORK/cetak.pdf" --single-file;                         expect_rc 0 "--single-file"
expect_eq "$(pdf_field "$WORK/cetak.pdf" Pages)" "4" "a page per live certificate"
expect_grep "^Zoë O'Neil$" <(pdf_text "$WORK/cetak.pdf") "single file: every name"
expect_eq "$(ident_of "$WORK/cetak.pdf" 3)" "$NE|$E1|2022-03-03|2022-03-03|3" "single file: QR on page 3 (by number)"
if ls "$WORK"/cetak.pdf.* >/dev/null 2>&1; then fail "single file: a temporary file stayed"; else ok; fi
"$ASNBELAJAR" certify 2022-03-03 --pdf /dev/stdout --single-file -q >"$WORK/stdout.pdf" 2>"$ERR"
RC=$?; expect_rc 0 "--pdf /dev/stdout"
expect_eq "$(pdf_field "$WORK/stdout.pdf" Pages)" "4" "/dev/stdout: a whole PDF"
"$ASNBELAJAR" certify 2022-03-03 --pdf - --single-file >"$WORK/dash.pdf" 2>"$ERR"
RC=$?; expect_rc 0 "--pdf - --single-file"
expect_eq "$(pdf_field "$WORK/dash.pdf" Pages)" "4" "--pdf -: a whole PDF on standard output"
ab certify 2022-03-03 --pdf -;                                                       expect_rc 2 "--pdf - alone"
ab certify 2022-03-10 --pdf "$WORK/sepi";                                            expect_rc 0 "no certificates"
expect_grep "no live certificates: no PDF written" "$ERR" "no certificates: said"

# --- --verify-url: the QR code is a link to URL + the code, percent-encoded ----------------------------------
ab certify 2022-03-03 --pdf "$WORK/url" --verify-url "https://sertifikat.example.go.id/cek?c="
expect_rc 0 "--verify-url"
code=$(qr_of "$F1")
enc=$(printf '%s' "$code" | jq -sRr @uri)
expect_eq "$(qr_of "$WORK/url/$P1.pdf")" "https://sertifikat.example.go.id/cek?c=$enc" "QR: URL + encoded code"

# --- a layout of one's own, over PNG and JPEG backgrounds made from a certificate -----------------------------
pdftoppm -png -r 40 -singlefile "$F1" "$WORK/latar" 2>/dev/null
pdftoppm -jpeg -r 40 -singlefile "$F1" "$WORK/latar" 2>/dev/null
for ext in png jpg; do
  cat >"$WORK/own-$ext.layout" <<EOF
# A5 landscape over the agency's design
page A5 landscape
background latar.$ext
font "DejaVu Serif"
lang en
field name x=105 y=60 size=20 weight=bold align=center width=180
text "{nip} · {agency}" x=105 y=70 size=9 align=center font="DejaVu Sans"
text "on {date}, {jp} JP, no. {number}" x=10 y=140 size=8
qr x=170 y=108 size=30 color=#102030
EOF
  ab certify 2022-03-03 --pdf "$WORK/own-$ext" --layout "$WORK/own-$ext.layout";   expect_rc 0 "own layout ($ext)"
  G="$WORK/own-$ext/$P1.pdf"
  expect_eq "$(pdf_field "$G" "Page size")" "595.276 x 419.528 pts" "own layout ($ext): A5 landscape"
  expect_grep "^on Thursday, 3 March 2022, 3 JP, no\. " <(pdf_text "$G") "own layout ($ext): English date"
  expect_eq "$(ident_of "$G")" "$N1|$P1|2022-03-03|2022-03-03|3" "own layout ($ext): QR over the background"
done
expect_grep " jpeg " <(pdfimages -list "$WORK/own-jpg/$P1.pdf" 2>/dev/null) "a JPEG background is embedded as JPEG"

# --- both cores: --jobs 2 writes what --jobs 1 writes ----------------------------------------------------------
make_roster "$WORK/many.csv" "$(scaled 60)" 100
ab participant import "$WORK/many.csv";                                              expect_rc 0 "many people"
cut -d, -f1 "$WORK/many.csv" | tail -n +2 >"$WORK/many-nips"
ab attend 2022-03-03 $(cat "$WORK/many-nips");                                       expect_rc 0 "many attend"
ab certify 2022-03-03 --pdf "$WORK/j1" --jobs 1;                                      expect_rc 0 "--jobs 1"
ab certify 2022-03-03 --pdf "$WORK/j2" --jobs 2;                                      expect_rc 0 "--jobs 2"
expect_eq "$(ls "$WORK/j2" | wc -l)" "$(($(scaled 60) + 4))" "--jobs 2: every file"
differ=0
for f in "$WORK"/j1/*.pdf; do
  cmp -s <(grep -av CreationDate "$f") <(grep -av CreationDate "$WORK/j2/${f##*/}") || differ=$((differ + 1))
done
expect_eq "$differ" "0" "--jobs 1 and --jobs 2 write the same files (but for the creation date)"
no_temporaries "$WORK/j2" "--jobs 2"

# --- the PDF module (cairo, pango, …) is loaded only by certify --pdf; without it, a clear error ---
ab report weekly --week-of 2022-03-03 --format csv
expect_rc 0 "other commands do not load the PDF module"
if command -v ldd >/dev/null; then
  ldd "$ASNBELAJAR" >"$WORK/ldd.txt"
  expect_no_grep 'libcairo|libpango|libqrencode' "$WORK/ldd.txt" "the program itself does not link cairo or pango"
  expect_no_grep 'libzbar|libpng' "$WORK/ldd.txt" "nor libzbar and libpng (QR images: the module's too)"
fi
ASNBELAJAR_PDF_MODULE="$WORK/no-such-module.so" ab certify 2022-03-03 --pdf "$WORK/nomodule"
expect_rc 1 "certify --pdf without its module"
expect_grep "PDF module \(asnbelajar-pdf.so\).*no-such-module.so" "$ERR" "the message names the module and where it looked"
[ ! -e "$WORK/nomodule" ] || [ -z "$(ls -A "$WORK/nomodule")" ] && ok || fail "no files without the module"

finish
