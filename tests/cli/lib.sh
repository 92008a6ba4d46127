# Shared helpers for the end-to-end suites: each suite sources this, runs the real binary ($ASNBELAJAR) on
# throwaway stores, and ends with `finish`, which prints "N passed, M failed" and sets the exit status.
set -u
: "${ASNBELAJAR:?set ASNBELAJAR to the asnbelajar binary}"
: "${TESTDATA:?set TESTDATA to tests/data}"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/asnbelajar-test.XXXXXX")
export NO_COLOR=1
# A write on a PostgreSQL server that cannot be reached fails at once instead of retrying for 60 s (the suites
# that name an unreachable server on purpose); tests/cli/test_pg_failover.sh unsets it.
export ASNBELAJAR_RETRY_FOR=0
SKIPPED=0

# The backend the suite runs on: ASNBELAJAR_TEST_BACKEND=sqlite (default: a store file in $WORK) or postgres (a
# database of the suite's own in the cluster of tests/pg/cluster.sh, whose environment file
# ASNBELAJAR_TEST_PG_ENV names; dropped again at the end). ctest registers every suite once per backend.
BACKEND=${ASNBELAJAR_TEST_BACKEND:-sqlite}
# The databases the suite created, one a line in $WORK/.pg-databases (new_store runs in $(...) subshells).
cleanup() {
  local db
  if [ -f "$WORK/.pg-databases" ]; then
    while read -r db; do
      psql -X -q -d postgres -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 || true
    done <"$WORK/.pg-databases"
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
case $BACKEND in
sqlite) ;;
postgres)
  if [ -z "${ASNBELAJAR_TEST_PG_ENV:-}" ] || [ ! -f "$ASNBELAJAR_TEST_PG_ENV" ]; then
    echo "$(basename "$0"): no PostgreSQL test cluster (ASNBELAJAR_TEST_PG_ENV=${ASNBELAJAR_TEST_PG_ENV:-unset});" \
      "run through ctest, or: tests/pg/cluster.sh start ENVFILE" >&2
    exit 1
  fi
  # shellcheck disable=SC1090
  . "$ASNBELAJAR_TEST_PG_ENV"
  if [ -n "${ASNBELAJAR_TEST_PG_SKIP:-}" ]; then
    echo "$(basename "$0"): SKIPPED ON POSTGRESQL: $ASNBELAJAR_TEST_PG_SKIP" >&2
    exit 77
  fi
  ;;
*) echo "$(basename "$0"): ASNBELAJAR_TEST_BACKEND must be sqlite or postgres, not $BACKEND" >&2; exit 1 ;;
esac

# new_store NAME: prints the location of a new, empty store for this suite: $WORK/NAME.db on SQLite (not created:
# the first write creates it), a new empty database on PostgreSQL (dropped when the suite ends).
new_store() {
  if [ "$BACKEND" = sqlite ]; then
    echo "$WORK/$1.db"
    return
  fi
  local db
  db="$(basename "$0" .sh | tr -c 'a-z0-9_\n' _)_$$_$(cat "$WORK/.pg-databases" 2>/dev/null | wc -l)_$1"
  db=${db:0:63}
  psql -X -q -d postgres -v ON_ERROR_STOP=1 -c "CREATE DATABASE \"$db\"" >/dev/null ||
    { echo "$(basename "$0"): cannot create database $db" >&2; exit 1; }
  echo "$db" >>"$WORK/.pg-databases"
  echo "postgresql://asnb@/$db?host=$PGHOST&port=$PGPORT"
}
# clone_store FROM NAME: prints the location of a new store holding what store FROM holds (no writer may be
# running on FROM): a copy of its file on SQLite ($WORK/NAME.db; FROM closed cleanly, without a -wal file), a
# database made from it as a template on PostgreSQL.
clone_store() {
  if [ "$BACKEND" = sqlite ]; then
    cp "$1" "$WORK/$2.db" && echo "$WORK/$2.db"
    return
  fi
  local loc db
  loc=$(new_store "$2") || return 1
  db=$(pg_database "$loc")
  psql -X -q -d postgres -v ON_ERROR_STOP=1 -c "DROP DATABASE \"$db\"" \
    -c "CREATE DATABASE \"$db\" TEMPLATE \"$(pg_database "$1")\"" >/dev/null || return 1
  echo "$loc"
}
# drop_store LOCATION: removes a store made by new_store or clone_store before the suite ends (to save room).
drop_store() {
  case $1 in
  postgres://* | postgresql://*)
    psql -X -q -d postgres -c "DROP DATABASE IF EXISTS \"$(pg_database "$1")\" WITH (FORCE)" >/dev/null 2>&1 ;;
  *) rm -f "$1" "$1-wal" "$1-shm" ;;
  esac
}
# pg_database LOCATION: the database name of a PostgreSQL store location.
pg_database() { local x=${1#*://*/}; echo "${x%%\?*}"; }

# ASNBELAJAR_DB: the suite's store.
ASNBELAJAR_DB=$(new_store store) || exit 1
export ASNBELAJAR_DB
# Messages and --help are matched in English, the source language: the suites run with ASNBELAJAR_LANG=en, and a
# check of Indonesian output says --lang id (tests/cli/test_i18n.sh checks the Indonesian side, and the choice of
# language). The machine's locale plays no part.
unset LANGUAGE LC_ALL LC_MESSAGES LANG
export ASNBELAJAR_LANG=en
# Under the sanitizer build, every report of every process (also those whose exit code a suite does not look at)
# goes to a file that `finish` looks for.
if [ -n "${ASAN_OPTIONS:-}${UBSAN_OPTIONS:-}" ]; then
  export ASAN_OPTIONS="${ASAN_OPTIONS:-}:log_path=$WORK/sanitizer"
  export UBSAN_OPTIONS="${UBSAN_OPTIONS:-}:log_path=$WORK/sanitizer"
fi
PASSED=0
FAILED=0
OUT="$WORK/out"
ERR="$WORK/err"

# ab ARGS...: runs asnbelajar; stdout in $OUT, stderr in $ERR, exit code in $RC.
ab() {
  "$ASNBELAJAR" "$@" >"$OUT" 2>"$ERR"
  RC=$?
}

ok() { PASSED=$((PASSED + 1)); }
fail() {
  FAILED=$((FAILED + 1))
  echo "FAIL: $*" >&2
  echo "  stdout: $(head -c 2000 "$OUT")" >&2
  echo "  stderr: $(head -c 2000 "$ERR")" >&2
}

# expect_rc N DESCRIPTION: the last command exited with N.
expect_rc() { if [ "$RC" -eq "$1" ]; then ok; else fail "$2: exit $RC, expected $1"; fi; }
# expect_eq ACTUAL EXPECTED DESCRIPTION
expect_eq() { if [ "$1" == "$2" ]; then ok; else fail "$3: got [$1], expected [$2]"; fi; }
# expect_grep PATTERN FILE DESCRIPTION: FILE has a line matching the extended regex.
expect_grep() { if grep -qE -- "$1" "$2"; then ok; else fail "$3: no line matching /$1/ in $2"; fi; }
expect_no_grep() { if grep -qE -- "$1" "$2"; then fail "$3: unexpected /$1/ in $2"; else ok; fi; }
# csv_col FILE NAME: the values of the CSV column with header NAME (simple CSV: no quoted commas), one a line.
csv_col() { awk -F, -v name="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; next } { print $c }' "$1"; }

# csv_field FILE KEYCOL KEY FIELDCOL: the value in column FIELDCOL (by header name) of the row whose KEYCOL equals
# KEY, from a simple CSV (no quoted commas in the fields involved).
csv_field() {
  awk -F, -v kc="$2" -v key="$3" -v fc="$4" '
    NR == 1 { for (i = 1; i <= NF; i++) { if ($i == kc) k = i; if ($i == fc) f = i }; next }
    $k == key { print $f; exit }' "$1"
}

# sqlite_only WHAT / pg_only WHAT: true on that backend; on the other, counts WHAT as skipped, says so, and is
# false. A case that only means something on one backend (file modes, WAL bytes, sqlite3 itself; a server
# restart) runs as `if sqlite_only "what"; then ...; fi`, beside its counterpart on the other backend.
sqlite_only() {
  [ "$BACKEND" = sqlite ] && return 0
  SKIPPED=$((SKIPPED + 1))
  echo "skipped on $BACKEND (SQLite only): $1" >&2
  return 1
}
pg_only() {
  [ "$BACKEND" = postgres ] && return 0
  SKIPPED=$((SKIPPED + 1))
  echo "skipped on $BACKEND (PostgreSQL only): $1" >&2
  return 1
}

# The store's tables, each with the columns that order its rows completely.
STORE_TABLES=("participants:1" "sessions:1" "enrollments:1, 2" "attendance_marks:1" "attendance:1, 2"
  "certificates:1" "results:1" "counters:1" "audit_log:1")

# sql QUERY [LOCATION]: runs QUERY on the store (default $ASNBELAJAR_DB) with sqlite3 or psql and prints its rows,
# fields separated by '|', NULL as empty, no header.
sql() {
  local loc=${2:-$ASNBELAJAR_DB}
  case $loc in
  postgres://* | postgresql://*) psql -X -q -A -t -F '|' -v ON_ERROR_STOP=1 -d "$loc" -c "$1" ;;
  *) sqlite3 -batch -noheader "$loc" "$1" ;;
  esac
}

# store_dump [LOCATION]: every row of every table of the store, in key order, tab-separated with NULL as \N,
# one "-- TABLE" line before each table's rows. The same text on both backends for the same rows (used to prove
# that a refused command changed nothing, and that db copy keeps every row).
store_dump() {
  local loc=${1:-$ASNBELAJAR_DB} entry table order what args=()
  for entry in "${STORE_TABLES[@]}"; do
    table=${entry%%:*}
    order=${entry#*:}
    case $loc in
    postgres://* | postgresql://*)
      # (one psql for every table; self_declared is a boolean there: 0 and 1 as SQLite keeps it)
      what='*'
      [ "$table" = attendance ] && what='session_id, participant_id, minutes, self_declared::integer, outcome'
      args+=(-c "\\echo -- $table" -c "SELECT $what FROM $table ORDER BY $order") ;;
    *)
      echo "-- $table"
      sqlite3 -batch -noheader -separator $'\t' -nullvalue '\N' "$loc" "SELECT * FROM $table ORDER BY $order" ;;
    esac
  done
  if [ ${#args[@]} -gt 0 ]; then
    psql -X -q -A -t -F $'\t' -P 'null=\N' -v ON_ERROR_STOP=1 -d "$loc" "${args[@]}"
  fi
}

# store_digest: a fingerprint of the store, to prove a failed command changed nothing: on SQLite the file's bytes
# (and whether a -wal file is left), on PostgreSQL the digest of store_dump.
store_digest() {
  if [ "$BACKEND" = sqlite ]; then
    sha256sum "$ASNBELAJAR_DB" 2>/dev/null | cut -d' ' -f1
    ls "$ASNBELAJAR_DB"-wal 2>/dev/null
  else
    store_dump 2>&1 | sha256sum | cut -d' ' -f1
  fi
}

# reset_store: the suite's store emptied (SQLite: the files removed; PostgreSQL: the database dropped and made
# again, empty).
reset_store() {
  if [ "$BACKEND" = sqlite ]; then
    rm -f "$ASNBELAJAR_DB" "$ASNBELAJAR_DB-wal" "$ASNBELAJAR_DB-shm"
  else
    local db; db=$(pg_database "$ASNBELAJAR_DB")
    psql -X -q -d postgres -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" \
      -c "CREATE DATABASE \"$db\"" >/dev/null || { echo "reset_store: cannot recreate $db" >&2; exit 1; }
  fi
}

# make_roster FILE COUNT [FIRST]: a roster CSV (nip,nama,email,instansi) of COUNT people with valid, distinct
# NIPs, numbered from FIRST (default 0); the same number always gives the same person.
make_roster() {
  awk -v n="$2" -v first="${3:-0}" 'BEGIN {
    print "nip,nama,email,instansi"
    for (i = first; i < first + n; i++) {
      k = int(i / 999); d = k % 28 + 1; k = int(k / 28); m = k % 12 + 1; y = 1960 + int(k / 12) % 40
      printf "%04d%02d%02d%04d%02d%d%03d,Peserta %d,peserta%d@example.go.id,Pemerintah Kota Malang\n",
        y, m, d, y + 20, m, 1 + i % 2, i % 999 + 1, i, i
    }
  }' >"$1"
}

# scaled N: N shrunk to ASNBELAJAR_TEST_SCALE percent (default 100), at least 1. The sanitizer build runs the
# stress suites smaller: its processes start several times slower.
scaled() {
  local s=$(($1 * ${ASNBELAJAR_TEST_SCALE:-100} / 100))
  echo $((s < 1 ? 1 : s))
}

finish() {
  local report
  for report in "$WORK"/sanitizer.*; do
    [ -f "$report" ] || continue
    FAILED=$((FAILED + 1))
    echo "FAIL: a sanitizer report:" >&2
    cat "$report" >&2
  done
  echo "$(basename "$0") ($BACKEND): $PASSED passed, $FAILED failed, $SKIPPED skipped"
  [ "$FAILED" -eq 0 ]
}
