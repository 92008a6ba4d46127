#!/usr/bin/env bash
# The README tour and the command blocks of docs/guide.md and docs/panduan.md run as written (issue 14, case 8):
# every line of a fenced block that runs asnbelajar is run, in order, on a throwaway store in a directory that
# holds the bundled examples/ files the guides name. A guide that drifts from the program fails here.
source "$(dirname "$0")/lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
EXAMPLES=${EXAMPLES:-$ROOT/examples}

mkdir -p "$WORK/bin"
ln -s "$ASNBELAJAR" "$WORK/bin/asnbelajar"

# commands FILE: the asnbelajar command lines of FILE's fenced blocks, continuation lines joined, one a line.
# A block that names a PostgreSQL server (the README's registry: `export ASNBELAJAR_DB='postgresql://…'`) is
# left out here: its commands need that server (the PostgreSQL suites run db migrate, db copy, db check and
# db backup FILE.dump on theirs).
commands() {
  awk '/^```/ { if (inside && !registry) for (i = 1; i <= n; i++) print block[i]
                inside = !inside; n = 0; registry = 0; next }
       inside {
         if ($0 ~ /postgresql:\/\//) registry = 1
         line = (pending != "" ? pending " " : "") $0
         if (line ~ /\\$/) { sub(/\\$/, "", line); pending = line; next }
         pending = ""
         sub(/^[ \t]+/, "", line)
         if (line ~ /^asnbelajar /) block[++n] = line
       }' "$1"
}

for doc in README.md docs/guide.md docs/panduan.md; do
  dir="$WORK/run-$(basename "$doc" .md)"
  mkdir -p "$dir/backups"
  cp "$EXAMPLES"/*.csv "$dir/"
  n=0
  while IFS= read -r line; do
    n=$((n + 1))
    # Paths of a server become paths of the throwaway directory.
    cmd=$(printf '%s' "$line" | sed -e "s#/var/backups/#$dir/backups/#g")
    (cd "$dir" && PATH="$WORK/bin:$PATH" ASNBELAJAR_DB="$dir/store.db" sh -c "$cmd") >"$OUT" 2>"$ERR"
    RC=$?
    # --skip-invalid finishes with exit 3 when the file had rows it rejected: that is the documented outcome.
    if [ "$RC" -eq 0 ] || { [ "$RC" -eq 3 ] && [[ "$line" == *--skip-invalid* ]]; }; then
      ok
    else
      fail "$doc, command $n runs as written: exit $RC: $line"
    fi
  done < <(commands "$ROOT/$doc")
  [ "$n" -gt 5 ] && ok || fail "$doc: only $n commands found"
done

finish
