#!/usr/bin/env bash
# One rule for usage errors: an option value that does not parse is a usage error (exit 2) with one message for
# its kind of value, in every command that takes the option, and the store is left as it was. The commands that
# take each option are found by walking every --help, so that a new command with --from (or --jp, --target, …)
# is tested too: it must be given a line in SAMPLE below, with the other arguments that make it valid.
source "$(dirname "$0")/lib.sh"

NIP=198609262015051001
ab session add --title "Webinar ASN Belajar Seri 9 | 2022" --start "2022-03-03 09:00" --minutes 180 --jp 3
expect_rc 0 "a session"
ab participant add --nip $NIP --name "Siti Rahayu"
expect_rc 0 "a participant"
before=$(store_digest)

# Arguments that make each command valid apart from the option under test.
declare -A SAMPLE=(
  ["session add"]='--title T --start "2022-03-10 09:00" --minutes 60 --jp 3'
  ["session edit"]='2022-03-03'
  ["session list"]=''
  ["report weekly"]='--from 2022-02-28 --to 2022-03-06'
  ["report participant"]="$NIP"
  ["report jp"]='--year 2022'
  ["report agency"]='--year 2022'
  ["report siasn"]='--year 2022'
)

# Every command's --help, read once (the checks below ask which commands take an option many times): HELP["/PATH"]
# is the help of the command PATH (HELP["/"] the program's), LEAVES the commands without subcommands, in order.
declare -A HELP=()
LEAVES=()
read_help() { # PATH
  local path=$1 name
  # shellcheck disable=SC2086
  HELP["/$path"]=$("$ASNBELAJAR" $path --help)
  local children
  children=$(awk '$0 == "Subcommands:" { on = 1; next } on && /^$/ { exit } on' <<<"${HELP["/$path"]}" |
    grep -oE '^  [a-z][a-z-]*' | tr -d ' ')
  if [ -z "$children" ]; then
    LEAVES+=("$path")
    return
  fi
  for name in $children; do read_help "${path:+$path }$name"; done
}
read_help ""
[ "${#LEAVES[@]}" -gt 10 ] || fail "the walk of every --help found only ${#LEAVES[@]} commands"

# commands_taking OPTION: the commands whose --help lists OPTION.
commands_taking() {
  local option=$1 path
  for path in "${LEAVES[@]}"; do
    if grep -qE -- "^  $option( |$)" <<<"${HELP["/$path"]}"; then echo "$path"; fi
  done
}

# bad_value OPTION VALUE MESSAGE: every command taking OPTION refuses VALUE with exit 2 and exactly MESSAGE.
bad_value() {
  local option=$1 value=$2 message=$3 path found=0
  while read -r path; do
    [ -n "$path" ] || continue
    found=$((found + 1))
    if [ -z "${SAMPLE[$path]+set}" ]; then
      fail "'$path' takes $option: give it a line in SAMPLE"
      continue
    fi
    # SAMPLE holds shell words (a quoted start time has a space). The option under test is left out of them
    # (an option given twice is another error) and comes last.
    local -a sample=() args=()
    eval "sample=(${SAMPLE[$path]})"
    local i
    for ((i = 0; i < ${#sample[@]}; i++)); do
      if [ "${sample[i]}" = "$option" ]; then i=$((i + 1)); else args+=("${sample[i]}"); fi
    done
    # shellcheck disable=SC2086
    ab $path "${args[@]}" "$option" "$value"
    expect_rc 2 "$path $option $value"
    expect_eq "$(cat "$ERR")" "asnbelajar: error: $message" "$path $option $value: the message"
    expect_eq "$(store_digest)" "$before" "$path $option $value: the store is unchanged"
  done < <(commands_taking "$option")
  if [ "$found" -gt 0 ]; then ok; else fail "no command takes $option"; fi
}

# Dates.
bad_value --from 2022-13-01 "--from: '2022-13-01' is not a date (expected YYYY-MM-DD)"
bad_value --to 03/06/2022 "--to: '03/06/2022' is not a date (expected YYYY-MM-DD)"
expect_eq "$(commands_taking --from | tr '\n' ',')" "session list,report weekly," "the commands that take --from"

# Lesson hours: --jp, --target and --below are one kind of value with one message.
for option in --jp --target --below; do
  for value in x 2.25 -1 3. ""; do
    bad_value "$option" "$value" \
      "$option: '$value' is not a number of lesson hours (JP with at most one decimal, e.g. 3 or 2.5)"
  done
done
expect_eq "$(commands_taking --target | tr '\n' ',')" "report participant,report jp,report agency," \
  "the commands that take --target"

# Years: one range everywhere (CLI11's own check).
for path in "session list" "report participant $NIP" "report jp" "report agency" "report siasn"; do
  # shellcheck disable=SC2086
  ab $path --year 10
  expect_rc 2 "$path --year 10"
  expect_grep "^asnbelajar: error: --year: 10 is not between 1900 and 9999" "$ERR" "$path --year 10: message"
done

# Weeks and periods.
ab report weekly --week-of 2022-02-30
expect_rc 2 "bad --week-of"
expect_eq "$(cat "$ERR")" \
  "asnbelajar: error: --week-of: '2022-02-30' is neither a date (YYYY-MM-DD) nor an ISO week (YYYY-Www)" \
  "bad --week-of: the message"
ab report weekly 2022-W54
expect_rc 2 "bad WEEK"
expect_eq "$(cat "$ERR")" "asnbelajar: error: WEEK: '2022-W54' is neither a date (YYYY-MM-DD) nor an ISO week (YYYY-Www)" \
  "bad WEEK: the message"
for args in "--from 2022-03-01" "--to 2022-03-06" "--week-of 2022-W09 --from 2022-03-01 --to 2022-03-06" \
  "2022-W09 --week-of 2022-W09" "--from 2022-03-06 --to 2022-03-01"; do
  # shellcheck disable=SC2086
  ab report weekly $args
  expect_rc 2 "report weekly $args"
done
for path in "report weekly" "session list"; do
  # shellcheck disable=SC2086
  ab $path --from 2022-03-06 --to 2022-03-01
  expect_eq "$(cat "$ERR")" "asnbelajar: error: --to 2022-03-01 is before --from 2022-03-06" "$path: --to before --from"
done

# Weekdays of a series.
ab session add --title T --start "2022-03-10 09:00" --minutes 60 --jp 3 --repeat weekly --count 2 --days tue,funday
expect_rc 2 "bad --days"
expect_grep "^asnbelajar: error: --days: 'funday' is not a day of the week" "$ERR" "bad --days: the message"
expect_eq "$(store_digest)" "$before" "bad --days: the store is unchanged"

# Good values still work.
ab report weekly --from 2022-02-28 --to 2022-03-06 --format csv
expect_rc 0 "report weekly --from/--to"
expect_eq "$(sed -n 2p "$OUT" | cut -d, -f1,4)" "2022-03-03,3" "the session of the period"
ab session list --from 2022-03-03 --to 2022-03-03 --format csv
expect_eq "$(wc -l <"$OUT")" "2" "session list --from/--to: one day"
ab report jp --year 2022 --target 2,5 --below 22.5 --format csv
expect_rc 0 "--target and --below with a decimal"

finish
