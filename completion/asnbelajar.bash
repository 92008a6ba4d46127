# bash completion for asnbelajar                                     -*- shell-script -*-
# Installed as share/bash-completion/completions/asnbelajar. Completes commands, options, option values
# (formats, languages, zones, sources, files) and session codes from the store that the command line being
# completed would use (its --db, else $ASNBELAJAR_DB, else ./asnbelajar.db).
# tests/cli/test_docs.sh checks these lists against the binary's --help. The --source values come from the
# program itself (the "Sources:" block of `attend --help`, made from its registry of export layouts).

# The subcommands of a command path ("" is the program itself), in REPLY (no subshell per call).
_asnbelajar_children() {
    REPLY=""
    case $1 in
    "") REPLY="session participant enroll attend results report certify db" ;;
    session) REPLY="add list show edit cancel restore delete" ;;
    participant) REPLY="add import list show" ;;
    results) REPLY="import" ;;
    report) REPLY="weekly session participant jp agency certificates siasn" ;;
    certify) REPLY="key verify codes" ;;
    db) REPLY="check migrate backup copy log" ;;
    esac
}

# The options of a command path; a trailing '=' marks an option that takes a value.
_asnbelajar_options() {
    local fields="--title= --start= --minutes= --jp= --code= --series= --speaker= --capacity= --min-attendance="
    fields+=" --requires= --pass-score="
    REPLY=""
    case $1 in
    "") REPLY="--version" ;;
    "session add") REPLY="$fields --repeat= --count= --days= --allow-duplicate" ;;
    "session list") REPLY="--from= --to= --year=" ;;
    "session edit") REPLY="$fields" ;;
    "participant add") REPLY="--nip= --name= --email= --phone= --agency= --unit= --position= --grade=" ;;
    "participant import") REPLY="--dry-run --skip-invalid --rejects=" ;;
    "participant list") REPLY="--agency= --search=" ;;
    enroll) REPLY="--cancel --file= --dry-run --skip-invalid --rejects= --date-order=" ;;
    attend)
      REPLY="--minutes= --file= --source= --replace --allow-empty --create-unknown --unmatched= --date-order="
      REPLY+=" --match-names"
      ;;
    report | "report session" | "report certificates") REPLY="--read-from=" ;;
    "report weekly") REPLY="--week-of= --from= --to= --require-attendance --read-from=" ;;
    "report participant") REPLY="--year= --target= --target-pppk= --read-from=" ;;
    "report jp") REPLY="--year= --below= --target= --target-pppk= --type= --read-from=" ;;
    "report agency") REPLY="--year= --target= --target-pppk= --type= --read-from=" ;;
    "report siasn") REPLY="--year= --institution= --diklat-type= --round= --api --read-from=" ;;
    "results import")
        REPLY="--kind= --file= --dry-run --skip-invalid --rejects= --unmatched= --date-order="
        ;;
    certify)
        REPLY="--template= --sync --first-number= --revoke= --pdf= --single-file --layout= --verify-url= --key= --jobs="
        ;;
    "certify key") REPLY="--init --public --key=" ;;
    "certify verify") REPLY="--qr-image= --public-key= --offline" ;;
    "certify codes") REPLY="--key=" ;;
    "db log") REPLY="--limit=" ;;
    esac
}

# What the first positional argument of a command path is: session, file, or nothing known.
_asnbelajar_positional() {
    REPLY=""
    case $1 in
    "session show" | "session edit" | "session cancel" | "session restore" | "session delete" | enroll | \
        attend | certify | "report session" | "report certificates" | "results import" | \
        "certify codes") REPLY=session ;;
    "participant import" | "db backup" | "db copy") REPLY=file ;;
    esac
}

_asnbelajar_globals="--db= -f= --format= -o= --output= --lang= --tz= -q --quiet --excel-safe --read-only --retry-for= -h --help"

# Session codes from the store, quietly: nothing when there is no store or it cannot be read.
_asnbelajar_sessions() {
    local prog=$1 db=$2
    prog=${prog/#\~/$HOME}
    command -v -- "$prog" >/dev/null 2>&1 || prog=asnbelajar
    if [[ -n $db ]]; then
        "$prog" --quiet --db "${db/#\~/$HOME}" session list --format tsv 2>/dev/null | tail -n +2 | cut -f1
    else
        "$prog" --quiet session list --format tsv 2>/dev/null | tail -n +2 | cut -f1
    fi
}

# The --source values, in REPLY: the first word of each line of the "Sources:" block of `attend --help` (asked
# for in English, whatever the user's language).
_asnbelajar_sources() {
    local prog=$1
    prog=${prog/#\~/$HOME}
    command -v -- "$prog" >/dev/null 2>&1 || prog=asnbelajar
    REPLY=$("$prog" --lang en attend --help 2>/dev/null |
        awk '$0 == "Sources:" { on = 1; next } on && /^$/ { exit } on && !seen[$1]++ { printf "%s ", $1 }')
}

_asnbelajar() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=""
    local cword=$COMP_CWORD
    # "--format=cs" arrives as "--format" "=" "cs" when '=' is a word break.
    if [[ $cur == "=" ]]; then
        cur=""
        prev=${COMP_WORDS[cword - 1]}
    elif ((cword >= 2)) && [[ ${COMP_WORDS[cword - 1]} == "=" ]]; then
        prev=${COMP_WORDS[cword - 2]}
    elif ((cword >= 1)); then
        prev=${COMP_WORDS[cword - 1]}
    fi
    if [[ $cur == --*=* ]]; then
        prev=${cur%%=*}
        cur=${cur#*=}
    fi

    # Walk the words before the cursor: the command path, the --db value, positionals seen.
    local path="" db="" positionals=0 word i takes_value REPLY
    for ((i = 1; i < COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        [[ $word == "=" ]] && continue
        if [[ $word == -* ]]; then
            [[ $word == --db=* ]] && db=${word#--db=}
            [[ $word == *=* ]] && continue
            takes_value=""
            _asnbelajar_options "$path"
            [[ " $_asnbelajar_globals $REPLY " == *" $word= "* ]] && takes_value=1
            if [[ -n $takes_value ]] && ((i + 1 < COMP_CWORD)); then
                ((i++))
                [[ ${COMP_WORDS[i]} == "=" ]] && ((i + 1 < COMP_CWORD)) && ((i++))
                [[ $word == --db ]] && db=${COMP_WORDS[i]}
            fi
            continue
        fi
        _asnbelajar_children "$path"
        if ((positionals == 0)) && [[ " $REPLY " == *" $word "* ]]; then
            path=${path:+$path }$word
        else
            ((positionals++))
        fi
    done

    # The value of the option before the cursor.
    local values=""
    case $prev in
    -f | --format) values="table csv tsv json jsonl markdown html xlsx" ;;
    --lang) values="id en" ;;
    --tz) values="Asia/Jakarta Asia/Pontianak Asia/Makassar Asia/Jayapura UTC" ;;
    --source)
        _asnbelajar_sources "${COMP_WORDS[0]}"
        values=$REPLY
        ;;
    --date-order) values="dmy mdy" ;;
    --kind) values="survey posttest" ;;
    --requires) values="survey posttest survey,posttest none" ;;
    --type) values="pns pppk" ;;
    --round) values="down nearest up" ;;
    --diklat-type) values="1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25" ;;
    --read-from) values="primary standby" ;;
    --repeat) values="weekly twice-weekly" ;;
    --capacity) values="none" ;;
    --days) values="mon tue wed thu fri sat sun" ;;
    --db | -o | --output | --file | --rejects | --unmatched | --pdf | --layout | --qr-image | --key | --public-key)
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
        return 0
        ;;
    esac
    _asnbelajar_options "$path"
    local opts="$_asnbelajar_globals $REPLY"
    if [[ -z $values && -n $prev && " $opts " == *" $prev= "* ]]; then
        COMPREPLY=() # a value nobody can guess (a title, a date, a number)
        return 0
    fi
    if [[ -n $values ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$values" -- "$cur")
        return 0
    fi

    if [[ $cur == -* ]]; then
        mapfile -t COMPREPLY < <(compgen -W "${opts//=/}" -- "$cur")
        return 0
    fi
    _asnbelajar_children "$path"
    local children=$REPLY
    _asnbelajar_positional "$path"
    if [[ -n $children ]] && ((positionals == 0)) && [[ $REPLY != session ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$children" -- "$cur")
        return 0
    fi
    if ((positionals == 0)); then
        case $REPLY in
        session) # certify takes a session or a subcommand
            mapfile -t COMPREPLY < <(compgen -W "$children $(_asnbelajar_sessions "${COMP_WORDS[0]}" "$db")" \
                -- "$cur")
            ;;
        file)
            compopt -o filenames 2>/dev/null
            mapfile -t COMPREPLY < <(compgen -f -- "$cur")
            ;;
        esac
    fi
    return 0
} &&
    complete -F _asnbelajar asnbelajar
