# bash completion for asnbelajar                                     -*- shell-script -*-
# Installed as share/bash-completion/completions/asnbelajar. Completes commands, options, option values
# (formats, languages, zones, sources, files) and session codes from the store that the command line being
# completed would use (its --db, else $ASNBELAJAR_DB, else ./asnbelajar.db).
# tests/cli/test_docs.sh checks these lists against the binary's --help.

# The subcommands of a command path ("" is the program itself).
_asnbelajar_children() {
    case $1 in
    "") echo "session participant enroll attend report certify db" ;;
    session) echo "add list show edit cancel" ;;
    participant) echo "add import list show" ;;
    report) echo "weekly session participant jp agency certificates siasn" ;;
    db) echo "check backup log" ;;
    esac
}

# The options of a command path; a trailing '=' marks an option that takes a value.
_asnbelajar_options() {
    local fields="--title= --start= --minutes= --jp= --code= --series= --speaker= --capacity= --min-attendance="
    case $1 in
    "") echo "--version" ;;
    "session add") echo "$fields --repeat= --count= --days=" ;;
    "session list") echo "--from= --to= --year=" ;;
    "session edit") echo "$fields" ;;
    "participant add") echo "--nip= --name= --email= --phone= --agency= --unit= --position= --grade=" ;;
    "participant import") echo "--dry-run --skip-invalid --rejects=" ;;
    "participant list") echo "--agency= --search=" ;;
    enroll) echo "--cancel --file= --dry-run --skip-invalid --rejects=" ;;
    attend) echo "--minutes= --file= --source= --replace --allow-empty --create-unknown --unmatched= --date-order=" ;;
    "report weekly") echo "--week-of= --from= --to=" ;;
    "report participant") echo "--year= --target=" ;;
    "report jp") echo "--year= --below= --target=" ;;
    "report agency") echo "--year= --target=" ;;
    "report siasn") echo "--year= --institution= --course-type=" ;;
    certify) echo "--template= --revoke=" ;;
    "db log") echo "--limit=" ;;
    esac
}

# What the first positional argument of a command path is: session, file, or nothing known.
_asnbelajar_positional() {
    case $1 in
    "session show" | "session edit" | "session cancel" | enroll | attend | certify | "report session" | \
        "report certificates") echo session ;;
    "participant import" | "db backup") echo file ;;
    esac
}

_asnbelajar_globals="--db= -f= --format= -o= --output= --lang= --tz= -q --quiet --excel-safe -h --help"

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
    local path="" db="" positionals=0 word i takes_value
    for ((i = 1; i < COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        [[ $word == "=" ]] && continue
        if [[ $word == -* ]]; then
            [[ $word == --db=* ]] && db=${word#--db=}
            [[ $word == *=* ]] && continue
            takes_value=""
            [[ " $_asnbelajar_globals $(_asnbelajar_options "$path") " == *" $word= "* ]] && takes_value=1
            if [[ -n $takes_value ]] && ((i + 1 < COMP_CWORD)); then
                ((i++))
                [[ ${COMP_WORDS[i]} == "=" ]] && ((i + 1 < COMP_CWORD)) && ((i++))
                [[ $word == --db ]] && db=${COMP_WORDS[i]}
            fi
            continue
        fi
        if ((positionals == 0)) && [[ " $(_asnbelajar_children "$path") " == *" $word "* ]]; then
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
    --source) values="auto zoom teams meet csv" ;;
    --date-order) values="dmy mdy" ;;
    --repeat) values="weekly twice-weekly" ;;
    --capacity) values="none" ;;
    --days) values="mon tue wed thu fri sat sun" ;;
    --db | -o | --output | --file | --rejects | --unmatched)
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
        return 0
        ;;
    esac
    if [[ -z $values && -n $prev && " $_asnbelajar_globals $(_asnbelajar_options "$path") " == *" $prev= "* ]]; then
        COMPREPLY=() # a value nobody can guess (a title, a date, a number)
        return 0
    fi
    if [[ -n $values ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$values" -- "$cur")
        return 0
    fi

    if [[ $cur == -* ]]; then
        local opts="$_asnbelajar_globals $(_asnbelajar_options "$path")"
        mapfile -t COMPREPLY < <(compgen -W "${opts//=/}" -- "$cur")
        return 0
    fi
    local children
    children=$(_asnbelajar_children "$path")
    if [[ -n $children ]] && ((positionals == 0)); then
        mapfile -t COMPREPLY < <(compgen -W "$children" -- "$cur")
        return 0
    fi
    if ((positionals == 0)); then
        case $(_asnbelajar_positional "$path") in
        session)
            mapfile -t COMPREPLY < <(compgen -W "$(_asnbelajar_sessions "${COMP_WORDS[0]}" "$db")" -- "$cur")
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
