#!/usr/bin/env bash
# Times `participant import` of a generated roster, and a peer for scale: SQLite's own bulk
# INSERT … SELECT of the same rows into the same schema (what the indexes alone cost).
#   bash bench/import.sh [ROWS]          (default 1,000,000; uses build/asnbelajar or $ASNBELAJAR)
# Prints wall time, CPU time and peak RSS of: the first import (all added), a re-import (all unchanged),
# a dry run against the full store, and the peer. Needs /usr/bin/time (GNU time); sqlite3 for the peer.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
rows=${1:-1000000}
ab=${ASNBELAJAR:-$here/../build/asnbelajar}
work=$(mktemp -d "${TMPDIR:-/tmp}/asnbelajar-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

bash "$here/gen_roster.sh" "$rows" >"$work/roster.csv"
echo "roster: $rows rows, $(du -m "$work/roster.csv" | cut -f1) MB, $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"

measure() { # measure LABEL COMMAND...: one line of figures
  local label=$1; shift
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
    read -r wall user sys rss <"$work/time"
    awk -v l="$label" -v w="$wall" -v u="$user" -v s="$sys" -v m="$rss" \
      'BEGIN { printf "%-34s %7.1f s wall %7.1f s CPU %7.0f MB peak RSS\n", l, w, u + s, m / 1024 }'
  else
    local start=$SECONDS
    "$@" >/dev/null 2>"$work/err"
    printf '%-34s %7d s wall\n' "$label" "$((SECONDS - start))"
  fi
}

export ASNBELAJAR_DB="$work/store.db"
measure "import (all added)" "$ab" participant import "$work/roster.csv"
grep -h 'rows:' "$work/err" | sed 's/^/  /'
measure "re-import (all unchanged)" "$ab" participant import "$work/roster.csv"
measure "dry run on the full store" "$ab" participant import --dry-run "$work/roster.csv"
echo "store: $(du -m "$ASNBELAJAR_DB" | cut -f1) MB"

if command -v sqlite3 >/dev/null; then
  # The peer: the same schema, the rows staged in a table first (not timed), then one INSERT … SELECT.
  sqlite3 "$ASNBELAJAR_DB" .schema >"$work/schema.sql"
  sqlite3 "$work/peer.db" "PRAGMA journal_mode = WAL;" ".read $work/schema.sql" ".mode csv" \
    ".import $work/roster.csv staged" >/dev/null
  measure "peer: sqlite3 INSERT ... SELECT" sqlite3 "$work/peer.db" "PRAGMA cache_size = -131072;" \
    "INSERT INTO participants(nip, name, email, phone, agency, unit, position, grade, created, updated)
     SELECT NIP, \"Nama Lengkap\", Email, \"No HP\", Instansi, \"Unit Kerja\", Jabatan, \"Pangkat/Golongan\", 0, 0
     FROM staged;"
fi
