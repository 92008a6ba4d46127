# Shared helpers for the end-to-end suites: each suite sources this, runs the real binary ($ASNBELAJAR) on
# throwaway stores, and ends with `finish`, which prints "N passed, M failed" and sets the exit status.
set -u
: "${ASNBELAJAR:?set ASNBELAJAR to the asnbelajar binary}"
: "${TESTDATA:?set TESTDATA to tests/data}"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/asnbelajar-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export ASNBELAJAR_DB="$WORK/store.db"
export NO_COLOR=1
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

# csv_field FILE KEYCOL KEY FIELDCOL: the value in column FIELDCOL (by header name) of the row whose KEYCOL equals
# KEY, from a simple CSV (no quoted commas in the fields involved).
csv_field() {
  awk -F, -v kc="$2" -v key="$3" -v fc="$4" '
    NR == 1 { for (i = 1; i <= NF; i++) { if ($i == kc) k = i; if ($i == fc) f = i }; next }
    $k == key { print $f; exit }' "$1"
}

# store_digest: a fingerprint of the store file, to prove a failed command changed nothing.
store_digest() { sha256sum "$ASNBELAJAR_DB" 2>/dev/null | cut -d' ' -f1; ls "$ASNBELAJAR_DB"-wal 2>/dev/null; }

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
  echo "$(basename "$0"): $PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
}
