#!/usr/bin/env bash
# How long `asnbelajar attend SESSION --file` takes on one Thursday's Zoom webinar attendee report.
#   bash bench/attendance.sh [ROWS] [RUNS]     (default 30000 attendee rows, 5 runs)
# Builds the generator into build/ (ASNBELAJAR_BENCH=ON), makes a store with the registered participants and
# the report (bench/gen_attendance.cpp), then times the first import into a fresh copy of that store, RUNS
# times, and prints the median wall-clock and CPU times. Uses hyperfine instead when it is installed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
rows=${1:-30000}
runs=${2:-5}
build=${BUILD_DIR:-$root/build}
work=$(mktemp -d "${TMPDIR:-/tmp}/asnbelajar-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

cmake -S "$root" -B "$build" -G Ninja -DASNBELAJAR_BENCH=ON >/dev/null
ninja -C "$build" -j2 asnbelajar gen_attendance >/dev/null
ab="$build/asnbelajar"

"$build/bench/gen_attendance" "$work/template.db" "$work/report.csv" "$rows"
echo "report: $(wc -l <"$work/report.csv") lines, $(du -h "$work/report.csv" | cut -f1)" >&2

fresh() { rm -f "$work"/run.db*; cp "$work/template.db" "$work/run.db"; }
import() { ASNBELAJAR_DB="$work/run.db" "$ab" -q attend 2022-03-03 --file "$work/report.csv"; }

if command -v hyperfine >/dev/null; then
  export -f fresh import
  export work ab
  hyperfine --runs "$runs" --prepare fresh import
  exit 0
fi

# Wall-clock and CPU (user + system) milliseconds of each run: on a shared machine the CPU time is the steadier.
walls=(); cpus=()
for _ in $(seq "$runs"); do
  fresh
  start=$(date +%s%N)
  cpu=$( { TIMEFORMAT='%U %S'; time import; } 2>&1 | tail -1)
  end=$(date +%s%N)
  walls+=($(((end - start) / 1000000)))
  cpus+=($(awk -v u="${cpu% *}" -v s="${cpu#* }" 'BEGIN { printf "%d", (u + s) * 1000 }'))
done
median() { printf '%s\n' "$@" | sort -n | sed -n "$(($# / 2 + 1))p"; }
echo "attend --file, $rows attendee rows, $runs runs: wall median $(median "${walls[@]}") ms (${walls[*]}), CPU median $(median "${cpus[@]}") ms (${cpus[*]}); load average $(cut -d' ' -f1 /proc/loadavg)"
ASNBELAJAR_DB="$work/run.db" "$ab" report weekly --week-of 2022-03-03 --format csv | cut -d, -f1,5-11 >&2
