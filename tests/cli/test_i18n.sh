#!/usr/bin/env bash
# The user's language: an Indonesian run of every command (the default) shows no English word in its human
# output, its messages or its --help, and an English run (--lang en) no Indonesian one; machine formats are the
# same in both. Also: how the language is chosen (--lang, ASNBELAJAR_LANG, LANGUAGE, the locale), that no
# id_ID locale is needed, and that an installed tree finds its catalog and its Indonesian manual page.
source "$(dirname "$0")/lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
unset ASNBELAJAR_LANG # lib.sh's English: here each run says its language
: >"$OUT"
: >"$ERR"

# Words that must not appear in a run of the other language (whole words, any case). The Indonesian run may
# not say these English words...
cat >"$WORK/english-words" <<'EOF'
scheduled
cancelled
canceled
enrolled
enroll
enrollment
enrollments
waitlisted
waiting
walk-in
walk-ins
attended
attendee
attendees
attendance
partial
absent
present
error
errors
warning
row
rows
session
sessions
participant
participants
certificate
certificates
agency
agencies
minutes
file
files
store
report
reports
usage
options
required
default
example
examples
week
year
line
column
header
the
and
of
or
is
are
was
were
be
not
with
without
from
for
by
on
this
that
which
has
have
must
cannot
unknown
expected
found
added
updated
unchanged
rejected
matched
unmatched
created
read
wrote
EOF
# ... and the English run these Indonesian ones.
cat >"$WORK/indonesian-words" <<'EOF'
hadir
peserta
sesi
terdaftar
dibatalkan
terjadwal
sebagian
tunggu
kesalahan
baris
berkas
tidak
dan
yang
untuk
dengan
dari
atau
menit
laporan
sertifikat
pendaftaran
kehadiran
tahun
minggu
tanggal
jumlah
bawaan
contoh
penggunaan
opsi
wajib
pukul
periode
rekap
judul
tanpa
daftar
ditambahkan
diperbarui
ditolak
cocok
nilai
pemeriksaan
integritas
basis
EOF

# scan WORDS FILE: prints each word of the list WORDS found in FILE, as "word: line". What may stay as it is in
# every language is taken out first: quoted text ('Attendee Report', "Seri 9": file contents, values), option
# names (--week-of), example and usage lines and other command lines, the command names that start a line of a
# Subcommands or Sources block, names in capitals (SESSION, NIP), file names and paths, and any word with a
# digit, @ or _ (codes, e-mail addresses, SIASN fields).
scan() {
  perl -e '
    open my $w, "<", $ARGV[0] or die; my %bad = map { chomp; (lc $_ => 1) } <$w>;
    open my $f, "<", $ARGV[1] or die;
    my %seen;
    while (my $line = <$f>) {
      chomp $line;
      my $t = $line;
      next if $t =~ /^\s*(\S.*\|\s*)?asnbelajar\s|(Usage|Penggunaan): asnbelajar/;  # an example or usage line
      $t =~ s/\x1b\[[0-9;]*m//g;
      next if $t =~ /^(asnbelajar:)?\s+\d+\s+.*\([A-Z]\)$/;     # a row of SIASN'\''s jenis diklat reference: names
      $t =~ s/asnbelajar(?: [^ ]+)*//g;                          # a command line (db log)
      $t =~ s/\x27[^\x27]*\x27//g;                              # '\''quoted'\''
      $t =~ s/"[^"]*"//g;                                        # "quoted"
      $t =~ s/\{[^{}]*\}//g;                                     # {seq}: fields of a template
      $t =~ s/(^|\s)--?[a-z][a-z0-9-]*/$1/g;                     # options
      $t =~ s/^(?::\s)?  [a-z][a-z-]*(?=\s{2,}|$)//;             # a command or source name starting a line
      $t =~ s/\S*[\/\@_0-9]\S*//g;                                # paths, addresses, codes, numbers (\@: not the array @_)
      $t =~ s/\S*\.[a-z]\S*//gi;                                 # file names
      $t =~ s/\b[A-Z][A-Z-]+\b//g;                               # SESSION, NIP, WIB
      for my $word ($t =~ /([A-Za-z]+(?:-[A-Za-z]+)*)/g) {
        next unless $bad{lc $word};
        print lc($word), ": $line\n" unless $seen{lc($word) . $line}++;
      }
    }' "$1" "$2"
}

# The scanner itself: it finds what it must, and leaves the quoted and the commands alone.
printf '%s\n' "asnbelajar: error: session 2022 is cancelled" "  session      Tambah sesi" \
  "  asnbelajar session list --year 2022" "berkas 'Attendee Report' dengan --session-file" >"$WORK/probe"
expect_eq "$(scan "$WORK/english-words" "$WORK/probe" | cut -d: -f1 | tr '\n' ' ')" "error session is cancelled " \
  "the scanner finds English words"
expect_eq "$(scan "$WORK/indonesian-words" "$WORK/probe" | cut -d: -f1 | sort | tr '\n' ' ')" "berkas dengan sesi " \
  "the scanner finds Indonesian words"

# A small store of neutral data (no word of either list), the same for both runs.
cat >"$WORK/roster.csv" <<'EOF'
nip,name,email,instansi,unit,position,grade
197712041999082005,Siti Rahayu,siti@example.go.id,BKD Jatim,Diklat,Analis,III/a
199309142019071007,Budi Santoso,budi@example.go.id,BKD Jatim,Diklat,Analis,III/b
198603112018022008,Dewi Lestari,dewi@example.go.id,RSUD Kanjuruhan,IGD,Perawat,III/c
EOF
cat >"$WORK/bad-roster.csv" <<'EOF'
nip,name,email
19771204199908200,Siti Rahayu,siti@example.go.id
197712041999082005,,nobody
EOF
cat >"$WORK/minutes.csv" <<'EOF'
nip,minutes
197712041999082005,150
198603112018022008,60
196001011990031009,90
EOF
printf 'no,header,here\n1,2,3\n' >"$WORK/unknown.csv"
# Certificate layouts with a mistake: text below the page's bottom edge; a statement no layout knows.
printf 'page A4 landscape\nfield name x=148.5mm y=300mm align=center\n' >"$WORK/off-page.layout"
printf 'page A4 landscape\nbanner x=10mm y=10mm\n' >"$WORK/bad-statement.layout"

# run_all LANG OUT: every command, in human formats, with its messages and failures, into OUT (stdout and stderr
# together); a fresh store; every --help too.
run_all() {
  local lang=$1 out=$2
  export ASNBELAJAR_DB="$WORK/$lang.db"
  rm -f "$ASNBELAJAR_DB"*
  : >"$out"
  x() { "$ASNBELAJAR" --lang "$lang" "$@" >>"$out" 2>&1; }
  x report weekly # no store yet
  x session add --title "ASN Webinar 9" --start "2022-03-03 09:00" --minutes 180 --jp 3 --series 9 --capacity 2
  x session add --title "ASN Webinar" --start "2022-03-08 09:00" --minutes 120 --jp 2 --repeat twice-weekly --count 2
  x session add --title "ASN Webinar" --start "2022-03-08 09:00" --minutes 120 --jp 2 --code 2022-03-03
  x session add --title "" --start "2022-03-08" --minutes 0 --jp 2
  x session edit 2022-03-08 --minutes 100 --capacity 5 --min-attendance 60
  x session cancel 2022-03-10
  x session list
  x session list --year 2022 --format markdown
  x session show 2022-03-03
  x session show nothing
  x participant add --nip 196001011990031009 --name "Andi Wijaya" --email andi@example.go.id --phone 081234567890
  x participant add --nip 19600101199003100 --name "Andi Wijaya" --email "andi@" --phone 123 --grade IIIx
  x participant import "$WORK/roster.csv"
  x participant add --nip 198001012006041001 --name "Rudi Hartono" --grade IV
  x participant import "$WORK/bad-roster.csv"
  x participant import "$WORK/bad-roster.csv" --skip-invalid --dry-run
  x participant list
  x participant show 197712041999082005
  x participant show 197712041999082099
  x enroll 2022-03-03 197712041999082005 199309142019071007 198603112018022008
  x enroll 2022-03-03 197712041999082005
  x enroll 2022-03-03 --cancel 199309142019071007
  x enroll 2022-03-03 --file "$WORK/roster.csv" --dry-run
  x enroll 2022-03-10 197712041999082005
  x enroll 2022-03-08 199309142019071007
  x attend 2022-03-03 --file "$WORK/minutes.csv" --unmatched "$WORK/unmatched-$lang.csv"
  x attend 2022-03-03 --file "$WORK/minutes.csv"
  x attend 2022-03-08 197712041999082005 --minutes 90
  x attend 2022-03-08 198603112018022008
  x attend 2022-03-03 --file "$TESTDATA/attendance/zoom-webinar.csv" --create-unknown
  x attend 2022-03-08 --file "$TESTDATA/attendance/zoom-webinar.csv"
  x attend 2022-03-08 --file "$WORK/unknown.csv"
  x attend 2022-03-08 --file "$WORK/roster.csv"
  x session add --title "ASN Webinar" --start "2020-09-03 14:00" --minutes 180 --jp 2 --code teams
  x attend teams --file "$TESTDATA/attendance/teams-attendance-list-2020-en-us.csv"
  x attend teams --file "$TESTDATA/attendance/teams-attendance-list-2020-en-us.csv" --date-order mdy
  x attend teams --file "$TESTDATA/attendance/teams-attendance-list-2020-en-us.csv" --date-order mdy \
    --match-names --unmatched "$WORK/unmatched-$lang.csv"
  cut -d, -f9- "$WORK/unmatched-$lang.csv" | tail -n +2 >>"$out" # the reasons (the rest is machine CSV)
  x attend 2022-03-03 --file "$TESTDATA/attendance/zoom-webinar-other-attended.csv"
  x attend 2022-03-08 --file "$TESTDATA/attendance/zoom-webinar-no-attendees.csv"
  x certify 2022-03-03
  x certify 2022-03-03 --pdf "$WORK/pdf-$lang" --jobs 1
  x certify 2022-03-03 --pdf "$WORK/all-$lang.pdf" --single-file
  x certify 2022-03-03 --pdf "$WORK/all-$lang.pdf"
  x certify 2022-03-03 --pdf "$WORK/pdf-$lang" --verify-url "ftp://example.go.id/cek"
  x certify 2022-03-03 --pdf "$WORK/pdf-$lang" --layout "$WORK/off-page.layout"
  x certify 2022-03-03 --pdf "$WORK/pdf-$lang" --layout "$WORK/bad-statement.layout"
  x certify 2022-03-03 --first-number 1
  x certify 2022-03-03 --revoke 198603112018022008 199309142019071007
  x certify 2022-03-08 --template "{seq"
  local r
  for r in "weekly --week-of 2022-03-03" "session 2022-03-03" "session 2022-03-08" "participant 197712041999082005" \
    "jp --year 2022" "agency --year 2022" "certificates 2022-03-03" "siasn --year 2022"; do
    # shellcheck disable=SC2086
    x report $r
    # shellcheck disable=SC2086
    x report $r --format markdown
  done
  x report weekly --week-of 2022-03-03 -o "$WORK/weekly-$lang.xlsx"
  if command -v unzip >/dev/null; then
    unzip -p "$WORK/weekly-$lang.xlsx" xl/sharedStrings.xml | sed 's/<[^>]*>/\n/g' >>"$out"
  fi
  x report jp --year 10
  x report siasn --year 2022 --api --format csv
  x report siasn --year 2022 --diklat-type 26
  x report siasn --year 2022 --round sideways
  x report jp --year 2022 --type honorer
  x report weekly --week-of 2022-13-45
  x report weekly --format pdf
  x report session
  x report session 2022-03-03 --bogus
  x db check
  x db migrate
  x db backup "$WORK/backup-$lang.db"
  x db log --limit 5
  x db log --limit 0
  x
  x --tz Mars/Base session list
  # Every command's --help.
  helps() {
    local path=$1 text
    # shellcheck disable=SC2086
    text=$("$ASNBELAJAR" --lang "$lang" $path --help)
    printf '%s\n' "$text" >>"$out"
    local block
    block=$(awk '/^[A-Z][a-z]+:$/ { on = ($0 == "Subperintah:" || $0 == "Subcommands:"); next } on && /^$/ { on = 0 } on' \
      <<<"$text" | grep -oE '^  [a-z][a-z-]*')
    for c in $block; do helps "${path:+$path }$c"; done
  }
  helps ""
}

run_all id "$WORK/id.txt"
run_all en "$WORK/en.txt"

# Enough was run for the scan to mean something: a few of the things each transcript must hold.
for want in "Laporan Mingguan" "daftar tunggu" "tanpa daftar" "tidak hadir" "terjadwal" "dibatalkan" "hadir" \
  "asnbelajar: kesalahan:" "Penggunaan:" "Subperintah:" "Contoh:" "Jalankan 'asnbelajar --help'"; do
  expect_grep "$want" "$WORK/id.txt" "Indonesian run has '$want'"
done
for want in "Weekly Report" "waitlisted" "walk-in" "absent" "scheduled" "cancelled" "attended" \
  "asnbelajar: error:" "Usage:" "Subcommands:" "Examples:"; do
  expect_grep "$want" "$WORK/en.txt" "English run has '$want'"
done
expect_eq "$(grep -c '^Penggunaan: ' "$WORK/id.txt")" "$(grep -c '^Usage: ' "$WORK/en.txt")" "a --help of every command in both"

hits=$(scan "$WORK/english-words" "$WORK/id.txt")
if [ -z "$hits" ]; then ok; else fail "English words in the Indonesian run:
$hits"; fi
hits=$(scan "$WORK/indonesian-words" "$WORK/en.txt")
if [ -z "$hits" ]; then ok; else fail "Indonesian words in the English run:
$hits"; fi

# Machine formats do not change with the language.
for r in "weekly --week-of 2022-03-03" "session 2022-03-03" "jp --year 2022"; do
  # shellcheck disable=SC2086
  ASNBELAJAR_DB="$WORK/id.db" "$ASNBELAJAR" --lang id report $r --format csv >"$WORK/m-id" 2>/dev/null
  # shellcheck disable=SC2086
  ASNBELAJAR_DB="$WORK/en.db" "$ASNBELAJAR" --lang en report $r --format csv >"$WORK/m-en" 2>/dev/null
  expect_eq "$(cat "$WORK/m-id")" "$(cat "$WORK/m-en")" "report $r: csv the same in both languages"
done
ASNBELAJAR_DB="$WORK/id.db" "$ASNBELAJAR" --lang id report session 2022-03-03 --format json >"$OUT"
expect_grep '"enrollment":"waitlisted"|"enrollment":"enrolled"' "$OUT" "json keeps the English values"
expect_no_grep 'terdaftar|daftar tunggu|hadir' "$OUT" "json has no Indonesian value"

# --- choosing the language ------------------------------------------------------------------------------------
export ASNBELAJAR_DB="$WORK/id.db"
lang_of() { # the language the program speaks, from the first line of its --help
  case "$(env "$@" "$ASNBELAJAR" --help | head -1)" in
  *pencatatan*) echo id ;;
  *"training records"*) echo en ;;
  *) echo "?" ;;
  esac
}
expect_eq "$(lang_of)" id "no setting: Indonesian"
expect_eq "$(lang_of LANG=C.UTF-8)" id "a C locale: Indonesian"
expect_eq "$(lang_of LANG=en_US.UTF-8)" en "LANG=en_US (a locale that need not exist): English"
expect_eq "$(lang_of LANG=en_US.UTF-8 LC_ALL=id_ID.UTF-8)" id "LC_ALL before LANG"
expect_eq "$(lang_of LANG=en_US.UTF-8 LC_MESSAGES=id_ID.UTF-8)" id "LC_MESSAGES before LANG"
expect_eq "$(lang_of LANGUAGE=fr:en LANG=id_ID.UTF-8)" en "LANGUAGE before the locale"
expect_eq "$(lang_of LANGUAGE=en ASNBELAJAR_LANG=id)" id "ASNBELAJAR_LANG before LANGUAGE"
expect_eq "$(ASNBELAJAR_LANG=id "$ASNBELAJAR" --lang en --help | head -1)" \
  "asnbelajar: training records for large civil-service (ASN) webinars" "--lang before ASNBELAJAR_LANG"
expect_eq "$(ASNBELAJAR_LANG=en "$ASNBELAJAR" session list --lang=id --help | head -1)" "Daftar sesi" \
  "--lang=id after the command, for --help"
ab --lang fr session list
expect_rc 2 "--lang fr"
expect_grep "^asnbelajar: kesalahan: --lang: 'fr' bukan salah satu dari id,en$" "$ERR" "--lang fr: refused in Indonesian"
expect_eq "$(env -u LANG LC_ALL=C "$ASNBELAJAR" report session nothing 2>&1)" \
  "asnbelajar: kesalahan: tidak ada sesi 'nothing' (berikan kode atau id sesi; 'asnbelajar session list' menampilkannya)" \
  "Indonesian under LC_ALL=C, with no id_ID locale on the machine"
expect_eq "$(ASNBELAJAR_LOCALEDIR="$WORK/none" "$ASNBELAJAR" report session nothing 2>&1)" \
  "asnbelajar: error: no session 'nothing' (give a session code or id; 'asnbelajar session list' shows them)" \
  "no catalog where it is looked for: English messages"
ab report session 2022-03-03 --lang id
expect_grep 'daftar tunggu|terdaftar' "$OUT" "the reports follow the same language"

# --- an installed tree ---------------------------------------------------------------------------------------
# The build tree's binary found its catalog beside it (locale/); installed, the binary finds share/locale
# beside its bin/, wherever the tree was put, and man -L id finds the Indonesian page.
build=$(dirname "$ASNBELAJAR")
if [ -f "$build/cmake_install.cmake" ] && command -v cmake >/dev/null; then
  cmake --install "$build" --prefix "$WORK/prefix" >/dev/null
  expect_eq "$(ls "$WORK/prefix/share/locale/id/LC_MESSAGES")" "asnbelajar.mo" "the catalog is installed"
  mv "$WORK/prefix" "$WORK/moved"
  expect_eq "$(env -u ASNBELAJAR_LOCALEDIR "$WORK/moved/bin/asnbelajar" --help | head -1)" \
    "asnbelajar: pencatatan pelatihan untuk webinar ASN berskala besar" "the installed program speaks Indonesian"
  expect_eq "$(zcat "$WORK/moved/share/man/id/man1/asnbelajar.1.gz" | grep -c '^\.SH NAMA$')" "1" \
    "the Indonesian manual page is installed under man/id/man1"
  if command -v man >/dev/null; then
    MANPATH="$WORK/moved/share/man" MANWIDTH=100 man -L id asnbelajar 2>/dev/null >"$OUT"
    expect_grep '^RINGKASAN' "$OUT" "man -L id asnbelajar shows the Indonesian page"
    MANPATH="$WORK/moved/share/man" MANWIDTH=100 man -L en asnbelajar 2>/dev/null >"$OUT"
    expect_grep '^SYNOPSIS' "$OUT" "man -L en asnbelajar the English one"
  fi
fi

[ -n "${I18N_KEEP:-}" ] && cp "$WORK"/id.txt "$WORK"/en.txt "$I18N_KEEP"/
finish
