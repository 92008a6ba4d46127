#!/usr/bin/env bash
# Writes a synthetic ASN roster to stdout: N rows (default 1,000,000) of valid, distinct NIPs with names,
# e-mails, phones, agencies, units, positions and golongan in the spellings people use.
#   bash bench/gen_roster.sh [N] [--excel]  > roster.csv
# --excel writes it as Excel does in an Indonesian locale: UTF-8 BOM, semicolons, CRLF.
# Rows come in a scrambled order (not sorted by NIP), as real rosters sorted by name or agency do.
set -euo pipefail
n=1000000
excel=0
for arg in "$@"; do
  case "$arg" in
    --excel) excel=1 ;;
    ''|*[!0-9]*) echo "usage: gen_roster.sh [N] [--excel]" >&2; exit 2 ;;
    *) n=$arg ;;
  esac
done
exec awk -v n="$n" -v excel="$excel" '
function gcd(a, b,   t) { while (b) { t = b; b = a % b; a = t } return a }
function cell(s) {            # quote a cell that holds the delimiter or a quote
  if (index(s, d) || index(s, "\"")) { gsub(/"/, "\"\"", s); return "\"" s "\"" }
  return s
}
BEGIN {
  d = excel ? ";" : ","; eol = excel ? "\r\n" : "\n"
  split("Siti Budi Ahmad Dewi Eko Sri Agus Rina Hendra Lestari Imam Ayu Teguh Dian Rudi Wahyu Nur Fajar Putri Bambang", first, " ")
  split("Rahayu Santoso Hidayat Lestari Prasetyo Wibowo Kurniawan Gunawan Wijaya Firmansyah Saputra Hakim Setiawan Susanti Anggraini Purnomo", last, " ")
  split("| S.Pd.| S.E.| M.M.| S.Kom.| A.Md.| S.H.| S.T., M.T.", titles, "|")
  split("Surabaya Malang Kediri Blitar Madiun Mojokerto Pasuruan Probolinggo Batu", kota, " ")
  split("Sidoarjo Gresik Jember Banyuwangi Lamongan Tuban Bojonegoro Ngawi Magetan Ponorogo Pacitan Trenggalek Tulungagung Lumajang Situbondo Bondowoso Jombang Nganjuk Sampang Pamekasan Sumenep Bangkalan", kab, " ")
  split("Dinas Pendidikan|Dinas Kesehatan|Inspektorat|Bappeda|Badan Kepegawaian Daerah|Dinas Komunikasi dan Informatika|Dinas Kependudukan dan Pencatatan Sipil|Sekretariat Daerah, Bagian Umum|RSUD Dr. Soetomo|Badan Pendapatan Daerah", unit, "|")
  split("Guru Ahli Muda|Perawat Terampil|Analis Kepegawaian Ahli Pertama|Pranata Komputer Ahli Muda|Kepala Seksi|Kepala Sub Bagian Umum|Auditor Ahli Madya|Pelaksana|Penyuluh Ahli Pertama", pos, "|")
  split("III/a|IIIa|III/B|Penata Muda Tingkat I (III/b)|Penata (III/c)|III/d|IV/a|Pembina (IV/a)|IVb|II/c|Pengatur Tingkat I (II/d)|", grade, "|")
  split("gmail.com yahoo.co.id jatimprov.go.id", dom, " ")
  step = 7919; while (gcd(step, n) != 1) step += 2
  if (excel) printf "\357\273\277"
  printf "NIP%sNama Lengkap%sEmail%sNo HP%sInstansi%sUnit Kerja%sJabatan%sPangkat/Golongan%s", d, d, d, d, d, d, d, eol
  for (r = 0; r < n; r++) {
    i = (r * step + 12345) % n
    serial = i % 999 + 1; gender = int(i / 999) % 2 + 1; k = int(i / 1998)
    idx = k % 13440; j = int(k / 13440)
    by = 1960 + int(idx / 336); bm = int((idx % 336) / 28) + 1; bd = idx % 28 + 1
    am = (by + 22) * 12 + (bm - 1) + j
    nip = sprintf("%04d%02d%02d%04d%02d%d%03d", by, bm, bd, int(am / 12), am % 12 + 1, gender, serial)
    f = first[i % 20 + 1]; l = last[int(i / 20) % 16 + 1]
    name = f " " l titles[int(i / 320) % 8 + 1]
    if (titles[int(i / 320) % 8 + 1] != "") sub(/ S\./, ", S.", name); sub(/ M\.M\./, ", M.M.", name); sub(/ A\.Md\./, ", A.Md.", name)
    email = tolower(f) "." tolower(l) i "@" dom[i % 3 + 1]
    phone = sprintf("08%d%09d", 1 + i % 9, (i * 7919) % 1000000000)
    agency = (i % 3 == 0) ? "Pemerintah Kota " kota[i % 9 + 1] : "Pemerintah Kabupaten " kab[i % 22 + 1]
    printf "%s%s%s%s%s%s%s%s%s%s%s%s%s%s%s%s", nip, d, cell(name), d, email, d, phone, d, agency, d, cell(unit[i % 10 + 1]), d, pos[i % 9 + 1], d, cell(grade[i % 12 + 1]), eol
  }
}'
