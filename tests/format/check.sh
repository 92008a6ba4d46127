#!/usr/bin/env bash
# Fails when a C++ file of the tree is not as clang-format (the root's .clang-format) would write it, and names
# each such file with the first lines it would change. Run `clang-format -i FILE` to mend one.
#   tests/format/check.sh SOURCE_DIR
set -euo pipefail
src=${1:?usage: check.sh SOURCE_DIR}
cd "$src"
command -v clang-format >/dev/null || { echo "clang-format is not installed (Debian: apt-get install clang-format)" >&2; exit 1; }
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files -co --exclude-standard -- '*.cpp' '*.hpp')
else
  mapfile -t files < <(find cli lib tests bench -name '*.cpp' -o -name '*.hpp' | sort)
fi
bad=0
for f in "${files[@]}"; do
  [ -f "$f" ] || continue
  if ! diff -u "$f" <(clang-format --style=file "$f") >/tmp/format-check.$$ 2>&1; then
    echo "not formatted: $f (clang-format -i $f)" >&2
    sed -n '3,12p' /tmp/format-check.$$ >&2
    bad=$((bad + 1))
  fi
done
rm -f /tmp/format-check.$$
echo "${#files[@]} files checked, $bad not formatted"
[ "$bad" -eq 0 ]
