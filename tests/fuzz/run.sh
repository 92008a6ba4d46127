#!/usr/bin/env bash
# Runs each fuzz target for a bounded time, as many at once as there are cores, starting from a copy of its
# committed seed corpus; prints every target's executions and fails on any crash, leak, timeout or broken
# property (the input that did it is kept under WORK/crashes/TARGET/ and shown in hex). The figures also go to
# WORK/summary.txt, which .ci/run prints after ctest (ctest shows the output of failed tests only).
# Usage: run.sh BIN_DIR FUZZ_SOURCE_DIR SECONDS WORK_DIR TARGET...
set -uo pipefail
bin=$1 src=$2 seconds=$3 work=$4
shift 4
mkdir -p "$work"

run_one() {
  local t=$1 corpus="$work/corpus/$1" crashes="$work/crashes/$1" log="$work/$1.log" dict=()
  mkdir -p "$corpus" "$crashes"
  # A dictionary of the target's own (time.dict), else of its family (export.dict for export_teams).
  if [ -f "$src/$t.dict" ]; then dict=(-dict="$src/$t.dict"); elif [ -f "$src/${t%%_*}.dict" ]; then dict=(-dict="$src/${t%%_*}.dict"); fi
  # New inputs go to the first directory (in the build tree), never to the committed seeds (a target without
  # seeds yet, a new layout's, starts from nothing).
  local seeds=()
  [ -d "$src/corpus/$t" ] && seeds=("$src/corpus/$t")
  "$bin/fuzz_$t" -max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$crashes/" "${dict[@]}" "$corpus" "${seeds[@]}" >"$log" 2>&1
  echo $? >"$work/$t.rc"
}

jobs=$(nproc)
for t in "$@"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n; done
  run_one "$t" &
done
wait

failed=0 total=0
{
  for t in "$@"; do
    rc=$(cat "$work/$t.rc")
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$t.log" | tail -1)
    cov=$(grep -oE 'cov: [0-9]+' "$work/$t.log" | tail -1 | cut -d' ' -f2)
    total=$((total + ${execs:-0}))
    if [ "$rc" -eq 0 ]; then
      echo "fuzz_$t: ${execs:-?} executions in ${seconds} s, coverage ${cov:-?} edges, no crash"
    else
      failed=1
      echo "fuzz_$t: FAILED (exit $rc) after ${execs:-?} executions; log $work/$t.log"
      grep -E -A30 'ERROR:|property failed|runtime error|deadly signal' "$work/$t.log" | head -60
      for a in "$work/crashes/$t"/*; do
        [ -f "$a" ] || continue
        echo "  input $a:"
        head -c 512 "$a" | od -An -c | head -20
      done
    fi
  done
  echo "fuzz: $# targets, $total executions in total, $([ $failed -eq 0 ] && echo "no crashes" || echo "FAILURES")"
} >"$work/summary.txt"
cat "$work/summary.txt"
exit $failed
