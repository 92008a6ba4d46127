#!/usr/bin/env bash
# Configures and builds the sanitizer tree: clang, AddressSanitizer + UndefinedBehaviorSanitizer, and the
# libFuzzer targets. Run by the `sanitize_build` test of the normal tree (tests/CMakeLists.txt).
# Usage: build.sh SOURCE_DIR TREE GENERATOR
set -euo pipefail
src=$1 tree=$2 generator=$3
if ! command -v clang++ >/dev/null; then
  echo "sanitize: clang++ not found; bash .ci/setup installs it (or configure with -DASNBELAJAR_SANITIZER_TESTS=OFF)" >&2
  exit 1
fi
# -O1 and line tables only: quick to compile, fast enough to fuzz, reports with file:line. Warnings fail the
# build, as in the normal tree's review.
cmake -S "$src" -B "$tree" -G "$generator" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug -DASNBELAJAR_PG_SUITES=OFF \
  -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only" -DASNBELAJAR_SANITIZE=ON -DASNBELAJAR_FUZZ=ON >/dev/null
status=0
cmake --build "$tree" -j "$(nproc)" >"$tree/build.log" 2>&1 || status=$?
if [ "$status" -ne 0 ]; then tail -80 "$tree/build.log" >&2; exit "$status"; fi
grep -E -A3 'warning:' "$tree/build.log" >&2 || true
if grep -q 'warning:' "$tree/build.log"; then echo "sanitize: the build has warnings (above)" >&2; exit 1; fi
echo "sanitize: built $tree"
