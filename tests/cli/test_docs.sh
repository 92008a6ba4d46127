#!/usr/bin/env bash
# The documentation follows the binary: walks every command's --help and checks that each command, option and
# positional argument is in docs/commands.md and in both man pages, English and Indonesian (under the command's
# own heading), that the bash completion offers every command and option, and that every --help ends with an
# example, in both languages; and that the export layouts `attend --help` lists (from the library's registry)
# are offered for --source and documented.
source "$(dirname "$0")/lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
COMMANDS_MD="$ROOT/docs/commands.md"
MANPAGE="$ROOT/docs/asnbelajar.1"
MANPAGE_ID="$ROOT/docs/asnbelajar.id.1"
: >"$OUT"
: >"$ERR"
COMPLETION="$ROOT/completion/asnbelajar.bash"

# The man page as plain text: roff escapes for '-' and fonts removed.
MAN_TEXT="$WORK/man.txt"
MAN_ID_TEXT="$WORK/man-id.txt"
sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\(..//g' -e 's/\\&//g' "$MANPAGE" >"$MAN_TEXT"
sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\(..//g' -e 's/\\&//g' "$MANPAGE_ID" >"$MAN_ID_TEXT"

# section_md PATH: the part of commands.md under the heading that names command PATH ("## `report weekly`").
section_md() {
  awk -v cmd="$1" '
    /^#/ { on = 0; h = $0; sub(/^#+ +`?/, "", h); sub(/`.*$/, "", h); if (h == cmd) on = 1; next }
    on' "$COMMANDS_MD"
}
# section_man PATH [TEXT]: the part of the man page (the English one unless TEXT) under ".SS PATH".
section_man() {
  awk -v cmd="$1" '/^\.S[HS] / { on = ($0 == ".SS " cmd); next } on' "${2:-$MAN_TEXT}"
}
# Global options are under "## Global options", ".SH OPTIONS" and, in Indonesian, ".SH OPSI".
globals_md() { awk '/^#/ { on = ($0 ~ /^#+ Global options/); next } on' "$COMMANDS_MD"; }
globals_man() { awk '/^\.SH / { on = ($0 == ".SH OPTIONS"); next } on' "$MAN_TEXT"; }
globals_man_id() { awk '/^\.SH / { on = ($0 == ".SH OPSI"); next } on' "$MAN_ID_TEXT"; }

# complete WORDS...: what the completion offers for the last word.
complete_words() {
  (
    source "$COMPLETION"
    COMP_WORDS=("$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMPREPLY=()
    _asnbelajar
    [ ${#COMPREPLY[@]} -eq 0 ] || printf '%s\n' "${COMPREPLY[@]}"
  )
}

# has TEXT WORD / has_line LINES LINE: substring / whole-line tests in bash itself (no process per check).
has() { [[ $1 == *"$2"* ]]; }
has_line() { [[ $'\n'$1$'\n' == *$'\n'"$2"$'\n'* ]]; }

# help_block HELP TITLE: the lines of the "TITLE:" block of a CLI11 help text, up to the next blank line.
help_block() { awk -v t="$2:" '$0 == t { on = 1; next } on && /^$/ { exit } on' <<<"$1"; }

# check_command PATH: checks one command (PATH is "" for the program itself), then its subcommands.
check_command() {
  local path=$1 help options positionals children name word
  # shellcheck disable=SC2086
  help=$("$ASNBELAJAR" $path --help) || { fail "'asnbelajar $path --help' failed"; return; }
  options=$(help_block "$help" Options | grep -oE '^  (-[a-zA-Z], ?)?--[a-z0-9-]+' | grep -oE -- '--[a-z0-9-]+$' |
    grep -vx -- '--help')
  positionals=$(help_block "$help" Positionals | grep -oE '^  [A-Z][A-Z_]*' | tr -d ' ')
  children=$(help_block "$help" Subcommands | grep -oE '^  [a-z][a-z-]*' | tr -d ' ')

  # Every --help ends with an example of the command itself, in both languages.
  # (global options may come between: "asnbelajar --db FILE db check")
  local help_id
  # shellcheck disable=SC2086
  help_id=$("$ASNBELAJAR" --lang id $path --help)
  if awk '/^Examples?:$/ { on = 1; next } on' <<<"$help" |
    grep -qE "asnbelajar( -[^ ]+( [^- ][^ ]*)?)* ${path:+$path( |\$)}"; then ok; else
    fail "'asnbelajar $path --help' has no example of 'asnbelajar $path'"
  fi
  if awk '/^Contoh:$/ { on = 1; next } on' <<<"$help_id" |
    grep -qE "asnbelajar( -[^ ]+( [^- ][^ ]*)?)* ${path:+$path( |\$)}"; then ok; else
    fail "'asnbelajar --lang id $path --help' has no example (Contoh:) of 'asnbelajar $path'"
  fi

  local md man man_id
  if [ -z "$path" ]; then
    md=$(globals_md)
    man=$(globals_man)
    man_id=$(globals_man_id)
  else
    md=$(section_md "$path")
    man=$(section_man "$path")
    man_id=$(section_man "$path" "$MAN_ID_TEXT")
  fi
  if [ -z "$children" ] || [ -z "$path" ]; then
    if [ -n "$path" ]; then
      if [ -n "$md" ]; then ok; else fail "docs/commands.md has no heading for '$path'"; fi
      if [ -n "$man" ]; then ok; else fail "the man page has no '.SS $path'"; fi
      if [ -n "$man_id" ]; then ok; else fail "the Indonesian man page has no '.SS $path'"; fi
    fi
    for word in $options $positionals; do
      if has "$md" "$word"; then ok; else fail "docs/commands.md: '${path:-global options}' lacks $word"; fi
      if has "$man" "$word"; then ok; else fail "man page: '${path:-OPTIONS}' lacks $word"; fi
      if has "$man_id" "$word"; then ok; else fail "Indonesian man page: '${path:-OPSI}' lacks $word"; fi
    done
  fi

  # The completion offers the subcommands, and every option after "--".
  local offered
  # shellcheck disable=SC2086
  offered=$(complete_words asnbelajar $path "")
  for name in $children; do
    if has_line "$offered" "$name"; then ok; else fail "completion of 'asnbelajar $path' lacks $name"; fi
  done
  # shellcheck disable=SC2086
  offered=$(complete_words asnbelajar $path --)
  for word in $options; do
    if has_line "$offered" "$word"; then ok; else fail "completion of 'asnbelajar $path --' lacks $word"; fi
  done

  for name in $children; do check_command "${path:+$path }$name"; done
}

check_command ""

# The completion names the sessions of the store the command line uses: --db, else $ASNBELAJAR_DB.
"$ASNBELAJAR" --quiet session add --title "Webinar ASN Belajar" --start "2022-03-03 09:00" --minutes 180 --jp 3 \
  --repeat weekly --count 2 >/dev/null
PATH="$(dirname "$ASNBELAJAR"):$PATH"
expect_eq "$(complete_words asnbelajar attend "" | tr '\n' ' ')" "2022-03-03 2022-03-10 " \
  "completion: session codes from \$ASNBELAJAR_DB"
expect_eq "$(ASNBELAJAR_DB=/nonexistent complete_words asnbelajar --db "$ASNBELAJAR_DB" report session 2022-03-1 |
  tr '\n' ' ')" "2022-03-10 " "completion: session codes from --db"
expect_eq "$(ASNBELAJAR_DB="$WORK/none.db" complete_words asnbelajar certify "" | tr '\n' ' ')" "key verify codes " \
  "completion: no store, no codes and no error (certify's subcommands only)"
expect_eq "$(complete_words asnbelajar certify 2022-03-0 | tr '\n' ' ')" "2022-03-03 " \
  "completion: certify takes a session code besides its subcommands"
expect_eq "$(complete_words asnbelajar --format = x | tr '\n' ' ')" "xlsx " "completion: --format=VALUE"

# The output formats: `--help` lists them from the library's table ("table | csv | … | xlsx"); the completion
# offers the same words, and the command reference names each.
formats=$("$ASNBELAJAR" --help | sed -n 's/.*--format TEXT *//p' | tr -d ' ' | tr '|' ' ')
if [ -n "$formats" ]; then ok; else fail "--help: no list of formats after --format"; fi
expect_eq "$(complete_words asnbelajar --format "" | tr '\n' ' ' | sed 's/ $//')" "$formats" "completion: --format values"
for f in $formats; do
  if grep -qF -- "\`$f\`" "$COMMANDS_MD"; then ok; else fail "docs/commands.md: global options lack the format '$f'"; fi
done

# The export layouts: the "Sources:" block of `attend --help` is one line per layout, "FAMILY  LABEL", after
# "auto". Its families are the --source values the completion offers and the synopses list; each layout is
# described in attendance.md (under its label, with its --source), formats.md and the man page.
sources=$(help_block "$("$ASNBELAJAR" attend --help)" Sources)
choices=$(awk '!seen[$1]++ { printf "%s ", $1 }' <<<"$sources")
if [[ $choices == "auto "?*" " ]]; then ok; else fail "attend --help: no 'Sources:' block of auto and the layouts"; fi
expect_eq "$(complete_words asnbelajar attend 2022-03-03 --source "" | tr '\n' ' ')" "$choices" \
  "completion: --source values"
values=${choices% }
values=${values// /|} # auto|zoom|teams|meet|csv
for doc in "$COMMANDS_MD" "$ROOT/docs/attendance.md"; do
  if grep -qF -- "--source $values" "$doc"; then ok; else fail "$(basename "$doc") lacks '--source $values'"; fi
done
if has "$(section_man attend)" "$values"; then ok; else fail "man page: attend lacks '$values'"; fi
if has "$(section_man attend "$MAN_ID_TEXT")" "$values"; then ok; else fail "Indonesian man page: attend lacks '$values'"; fi
man_formats=$(awk '/^\.SH / { on = ($0 == ".SH INPUT FORMATS"); next } on' "$MAN_TEXT" | tr '\n' ' ')
while read -r family label; do
  [ "$family" = auto ] && continue
  if grep -qiF -- "**$label** (\`--source $family\`)" "$ROOT/docs/attendance.md"; then ok; else
    fail "docs/attendance.md: no layout '**$label** (\`--source $family\`)'"
  fi
  if grep -qiF -- "| $label:" "$ROOT/docs/formats.md"; then ok; else fail "docs/formats.md: no layout '$label:'"; fi
  if grep -qiF -- "$label" <<<"$man_formats"; then ok; else fail "man page: INPUT FORMATS lacks '$label'"; fi
done <<<"$sources"
# The Indonesian page names each layout as the Indonesian `attend --help` does.
man_id_formats=$(awk '/^\.SH / { on = ($0 == ".SH FORMAT MASUKAN"); next } on' "$MAN_ID_TEXT" | tr '\n' ' ')
while read -r family label; do
  [ "$family" = auto ] && continue
  if grep -qiF -- "$label" <<<"$man_id_formats"; then ok; else
    fail "Indonesian man page: FORMAT MASUKAN lacks '$label'"
  fi
done <<<"$(help_block "$("$ASNBELAJAR" --lang id attend --help)" Sumber)"

# SIASN's jenis-diklat reference: the table in reports.md is the one `report siasn --help` prints from the library.
help_ref=$("$ASNBELAJAR" report siasn --help | sed -nE 's/^ +([0-9]+)  (.+) \(([PFT])\)$/\1|\2|\3/p')
doc_ref=$(sed -nE 's/^\| ([0-9]+) \| (.+) \| ([PFT]) \|$/\1|\2|\3/p' "$ROOT/docs/reports.md")
expect_eq "$(wc -l <<<"$help_ref")" "25" "report siasn --help lists 25 jenis diklat"
expect_eq "$doc_ref" "$help_ref" "docs/reports.md lists the jenis diklat of report siasn --help"

# The man page is well-formed roff (when groff is there to say so).
if command -v groff >/dev/null; then
  for page in "$MANPAGE" "$MANPAGE_ID"; do
    groff -man -Tutf8 -ww -Wbreak -z "$page" 2>"$ERR" >"$OUT"
    if [ -s "$ERR" ]; then fail "groff warnings in $(basename "$page"): $(cat "$ERR")"; else ok; fi
  done
fi

finish
