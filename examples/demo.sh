#!/usr/bin/env bash
# The Thursday webinar end to end on the bundled examples: a weekly series of sessions, the roster, the
# registrations, the attendance, then the Monday weekly report for the week of 3 March 2022.
#   bash examples/demo.sh            (uses $ASNBELAJAR, else build/asnbelajar, else asnbelajar on PATH)
#   bash /usr/share/doc/asnbelajar/examples/demo.sh                    (installed from the .deb)
# The demo store is $DEMO_DB (default: build/demo.db in a source tree, else ./asnbelajar-demo.db); it is
# recreated on every run.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ab=${ASNBELAJAR:-}
if [ -z "$ab" ]; then
  if [ -x "$here/../build/asnbelajar" ]; then ab="$here/../build/asnbelajar"; else ab=asnbelajar; fi
fi
if [ -z "${DEMO_DB:-}" ]; then
  if [ -d "$here/../build" ]; then DEMO_DB="$here/../build/demo.db"; else DEMO_DB="$PWD/asnbelajar-demo.db"; fi
fi
export ASNBELAJAR_DB=$DEMO_DB
rm -f "$ASNBELAJAR_DB" "$ASNBELAJAR_DB-wal" "$ASNBELAJAR_DB-shm"

echo "== sessions: Webinar ASN Belajar, every Thursday" >&2
"$ab" session add --title "Webinar ASN Belajar Seri 9 | 2022" --start "2022-03-03 09:00" --minutes 180 --jp 3 \
  --series 9 --speaker "Dr. Narasumber, M.Si." --repeat weekly --count 4

echo "== roster" >&2
"$ab" participant import "$here/roster.csv"

echo "== registrations (Google Forms export): first come, first served, 12 seats" >&2
"$ab" session edit 2022-03-03 --capacity 12 >/dev/null
"$ab" enroll 2022-03-03 --file "$here/registrations-2022-03-03.csv"

echo "== attendance: the Zoom webinar attendee report, then a manual correction" >&2
"$ab" attend 2022-03-03 --file "$here/zoom-webinar-2022-03-03.csv" \
  --unmatched "$(dirname "$ASNBELAJAR_DB")/unmatched-2022-03-03.csv"
"$ab" attend 2022-03-03 199309142019071007 --minutes 130

echo "== certificates for everyone who attended, and their PDFs (one per person, built-in layout)" >&2
"$ab" certify 2022-03-03 --pdf "$(dirname "$ASNBELAJAR_DB")/sertifikat-2022-03-03"

echo "== the weekly report" >&2
"$ab" report weekly --week-of 2022-03-03
