"""Mutation testing for asnbelajar: do the tests notice a small deliberate defect in the domain rules?

Copies the tree (its `git ls-files`, as they are in the working tree) into a scratch directory, builds it there
once, then plants ONE mutant at a time in the files that hold the domain rules (RULE_FILES below): a comparison
flipped (< <=, > >=, == !=), an arithmetic operator flipped (+ -, * /, += -=), an integer constant moved by one,
an `if` condition negated, or a simple statement deleted. For each mutant it rebuilds incrementally, runs the
quick tests (the unit tests, then the end-to-end suites tests/cli/test_*.sh) until one fails, records the
mutant as killed, survived or not compiled (a mutant that does not compile is not counted), and restores the
file. The real tree is never written to.

    tests/mutation/run [--max N] [--seconds S] [--seed N] [--files GLOB]... [--list] [--jobs N] [--out FILE]

Survivors are printed with their file, line, and the original and mutated line; a summary (planted, killed,
equivalent, survived, not compiled, time) follows, and every mutant is written to a JSON results file
(WORK/results.json or --out). A survivor listed in tests/mutation/equivalent.tsv (a mutant that cannot change
behaviour, with the reason) is counted as equivalent. docs/testing.md explains the figures and how to kill a
survivor. Exit status: 0 when the run completed; 1 when the unmutated tree fails its own tests, a --known
mutant survives, a planted file was not restored, or the kill rate is under --fail-under; 2 on a usage error;
77 (skipped) outside a git work tree.
"""

import argparse
import atexit
import collections
import fnmatch
import hashlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time

# --- configuration ------------------------------------------------------------------------------------------
# The files that hold the domain rules: globs over `git ls-files` (fnmatch: `*` also matches `/`). A glob that
# matches nothing is reported, so a renamed file is noticed: change its line here.
RULE_FILES = [
    "lib/src/nip.cpp",
    "lib/include/asnbelajar/nip.hpp",
    "lib/src/normalize.cpp",
    "lib/src/text.cpp",  # the blanks, digits and letters normalize and nip rely on
    "lib/src/names.cpp",  # attendees matched by name (attend --match-names)
    "lib/src/time.cpp",
    "lib/src/intervals.cpp",
    "lib/src/attendance.cpp",
    "lib/src/attendance_import.cpp",
    "lib/src/enrollment.cpp",
    "lib/src/certificates.cpp",
    "lib/src/reports.cpp",
    "lib/include/asnbelajar/reports.hpp",
    "lib/src/roster_import.cpp",
    "lib/src/probe_table.hpp",  # the import's tables of NIPs and e-mail addresses (code, see CODE_HEADERS)
    "lib/src/session.cpp",
    "lib/src/sources/*.cpp",
    "lib/src/store/*.cpp",  # with the backend, lib/src/store/sqlite/ (`*` matches `/` too)
    "lib/include/asnbelajar/store.hpp",
]
# In headers only constants are mutated (`constexpr NAME = 2019;`): declarations have no behaviour.
HEADER_GLOBS = ["*.hpp", "*.h"]
# Headers that hold code (templates, inline functions): mutated like the .cpp files.
CODE_HEADERS = ["lib/src/probe_table.hpp"]

# The quick tests, in the order they run for each mutant (the first failure kills it): the unit tests, then the
# end-to-end suites (tests/cli/test_*.sh; a suite not named here runs after these, in name order).
UNIT_TESTS = "tests/unit_tests"  # in the build directory
PDF_MODULE = "asnbelajar-pdf.so"  # in the build directory, built with the program
PG_MODULE = "asnbelajar-pg.so"  # likewise
XLSX_MODULE = "asnbelajar-xlsx.so"  # likewise
SUITE_GLOB = "tests/cli/test_*.sh"
# The PostgreSQL backend (`--pg`): its files, the test cluster's scripts (tests/pg/), and the prefix of the suites
# run on it (`pg:foundation`). Those suites run only for mutants of PG_FILES: the rest of the code is the same on
# both backends and its mutants are judged by the suites on SQLite (each survivor would otherwise run every suite
# twice).
PG_FILES = ["lib/src/store/postgres/*"]
PG_CLUSTER = "tests/pg/cluster.sh"
PG_WITH_CLUSTER = "tests/pg/with-cluster.sh"
PG_PREFIX = "pg:"
SUITE_ORDER = ["foundation", "reports", "attendance", "import", "faults", "crash", "bad_input", "security",
               "concurrency", "docs"]
# The stress suites run at this percentage of their size (ASNBELAJAR_TEST_SCALE): 10 is what the sanitizer
# tree uses.
DEFAULT_SCALE = 10
# Environment of single suites. The crash suite kills imports at random moments and fails when none lands
# inside one: at full size, with a fixed seed, so that it does not fail by chance (a false kill).
SUITE_ENV = {"crash": {"ASNBELAJAR_TEST_SCALE": "100", "ASNBELAJAR_TEST_SEED": "1"}}

# Mutants that the tests must kill: `--known` plants them first and fails the run if one survives (the CI smoke
# test does). Each is (file, a whole line as it is in the file, without its indentation, the mutated line).
KNOWN_MUTANTS = [
    ("lib/src/nip.cpp", "if (number_at(d, 15, 3) == 0) {", "if (number_at(d, 15, 3) != 0) {"),
]

# The build of the scratch tree: unoptimised (quick to compile; the tests do not need speed) with the
# standard library's bounds checks, so that a mutant that indexes out of range stops instead of reading junk
# (the sanitizer tree of CI would catch it too).
CXX_FLAGS = "-O0 -D_GLIBCXX_ASSERTIONS"
BUILD_TARGETS = ["asnbelajar", "unit_tests", "manpage"]  # test_i18n installs the tree: its manual pages too

EQUIVALENT_FILE = "tests/mutation/equivalent.tsv"
OPERATORS = ["compare", "arith", "const", "negate", "delete"]

# --- finding mutants -----------------------------------------------------------------------------------------


def mask_code(text):
    """`text` with comments blanked (spaces) and the insides of string and character literals replaced by \\x01,
    newlines kept: positions in the result are positions in `text`."""
    out = list(text)
    i, n = 0, len(text)

    def blank(a, b, fill):
        for k in range(a, b):
            if out[k] != "\n":
                out[k] = fill

    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            blank(i, j, " ")
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            blank(i, j, " ")
            i = j
        elif c == "R" and i + 1 < n and text[i + 1] == '"' and not (i > 0 and (text[i - 1].isalnum()
                                                                                or text[i - 1] == "_")):
            m = re.match(r'R"([^(\s]*)\(', text[i:])
            if not m:
                i += 1
                continue
            end = text.find(")" + m.group(1) + '"', i + m.end())
            j = n if end < 0 else end + len(m.group(1)) + 2
            blank(i, j, "\x01")
            i = j
        elif c in "\"'":
            if c == "'" and i > 0 and text[i - 1].isalnum() and i + 1 < n and text[i + 1].isalnum():
                i += 1  # a digit separator: 1'000
                continue
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            blank(i, j, "\x01")
            i = j
        else:
            i += 1
    return "".join(out)


COMPARE = {"<": "<=", "<=": "<", ">": ">=", ">=": ">", "==": "!=", "!=": "=="}
ARITH = {"+": "-", "-": "+", "*": "/", "/": "*", "+=": "-=", "-=": "+="}
# Binary operators as clang-format writes them: one space each side. Template brackets (vector<int>),
# pointers (char* p), unary minus (-1), << and -> never match.
BINARY_RE = re.compile(r"(?<=\s)(<=|>=|==|!=|\+=|-=|<|>|\+|-|\*|/)(?=\s)")
INT_RE = re.compile(r"(?<![\w.'])(\d+)(?![\w.'])")
IF_RE = re.compile(r"\bif \(")
KEYWORD_STARTS = ("return", "break", "continue", "throw", "goto", "case", "default", "else", "if", "for",
                  "while", "do", "switch", "try", "catch", "using", "namespace", "typedef", "template",
                  "static_assert", "struct", "class", "enum", "union", "public", "private", "protected",
                  "friend", "delete", "new", "co_return", "co_await", "co_yield")
STATEMENT_ENDS = (";", "{", "}", ")", "else", "do")


def balanced(s):
    depth = 0
    for ch in s:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def deletable(code, previous):
    """Whether the masked, stripped line `code` is a whole simple statement (not a declaration), given the
    previous line of code."""
    if not code.endswith(";") or code == ";" or not balanced(code):
        return False
    if previous and not previous.endswith(STATEMENT_ENDS) and not previous.endswith(":"):
        return False  # the continuation of a longer statement
    word = re.match(r"[A-Za-z_]\w*", code)
    if code in ("break;", "continue;", "return;"):
        return True
    if word and word.group(0) == "throw":
        return True
    if word and word.group(0) in KEYWORD_STARTS:
        return False
    if not (word or code.startswith(("++", "--", "*", "("))):
        return False
    if re.match(r"(const |static )*auto ?&{0,2} ?\[", code):
        return False  # a structured binding: `auto [it, fresh] = ...;` declares

    # Declarations name a type, then a variable: two words before the first `=`, `(`, `{` or `[`.
    m = re.search(r"(?<![=!<>])=(?!=)|[({\[;]", code)
    head = code[: m.start()] if m else code
    head = head.rstrip().rstrip("+-*/%&|^<>!").rstrip()
    return not re.search(r"\s", head)


def negation(code, line):
    """(start, end) of the condition of each single-line `if (...)` in `code`: [start, end) is inside the
    parentheses. Conditions with a declaration or an init-statement are left alone."""
    out = []
    for m in IF_RE.finditer(code):
        if code.startswith("if constexpr", m.start()):
            continue
        start = m.end()
        depth, j = 1, start
        while j < len(code) and depth:
            depth += {"(": 1, ")": -1}.get(code[j], 0)
            j += 1
        if depth:
            continue  # the condition goes on to the next line
        cond = code[start: j - 1]
        flat = re.sub(r"\([^()]*\)", "", cond)
        if ";" in cond or re.search(r"(?<![=!<>])=(?!=)", flat):
            continue
        out.append((start, j - 1))
    return out


def mutants_of_line(code, line, previous, header):
    """(column, operator, mutated line) for one line: `code` is the masked line, `line` the original."""
    out = []
    stripped = code.strip()
    if not stripped or stripped.startswith("#"):
        return out
    if header:
        if "constexpr" not in code or "=" not in code:
            return out
    has_string = "\x01" in code
    if not header:
        for m in BINARY_RE.finditer(code):
            op = m.group(1)
            if op in COMPARE:
                kind, new = "compare", COMPARE[op]
            else:
                if has_string and op in ("+", "+="):
                    continue  # most likely joining strings: its mutant would not compile
                kind, new = "arith", ARITH[op]
            out.append((m.start(), kind, line[: m.start()] + new + line[m.end():]))
    for m in INT_RE.finditer(code):
        value = int(m.group(1))
        for moved in (value + 1, value - 1):
            if moved >= 0:
                out.append((m.start(), "const", line[: m.start()] + str(moved) + line[m.end():]))
    if header:
        return out
    for start, end in negation(code, line):
        out.append((start, "negate", line[:start] + "!(" + line[start:end] + ")" + line[end:]))
    if deletable(stripped, previous):
        indent = line[: len(line) - len(line.lstrip())]
        out.append((len(indent), "delete", indent + ";"))
    return out


def mutant_id(path, original, col, mutated, occurrence=0):
    """A name for a mutant that survives edits elsewhere in the file: from its file, line text and change (and
    which of the file's identical lines it is in)."""
    key = "\0".join([path, original.strip(), str(col - (len(original) - len(original.lstrip()))),
                     mutated.strip(), str(occurrence)])
    return hashlib.sha1(key.encode()).hexdigest()[:10]


def find_mutants(root, paths):
    mutants = []
    for path in paths:
        with open(os.path.join(root, path), encoding="utf-8") as f:
            text = f.read()
        lines = text.split("\n")
        masked = mask_code(text).split("\n")
        header = path not in CODE_HEADERS and any(fnmatch.fnmatchcase(path, g) for g in HEADER_GLOBS)
        previous = ""
        seen = {}
        for number, (line, code) in enumerate(zip(lines, masked), start=1):
            occurrence = seen.get(line.strip(), 0)
            seen[line.strip()] = occurrence + 1
            for col, op, mutated in mutants_of_line(code, line, previous, header):
                mutants.append({"id": mutant_id(path, line, col, mutated, occurrence), "file": path, "line": number,
                                "column": col + 1, "operator": op, "original": line, "mutated": mutated,
                                "occurrence": occurrence + 1})
            if code.strip():
                previous = code.strip()
    return mutants


def known_mutants(root):
    out = []
    for path, original, mutated in KNOWN_MUTANTS:
        with open(os.path.join(root, path), encoding="utf-8") as f:
            lines = f.read().split("\n")
        hits = [i for i, line in enumerate(lines) if line.strip() == original]
        if len(hits) != 1:
            die(f"the known mutant's line '{original}' is in {path} {len(hits)} times, not once: update "
                f"KNOWN_MUTANTS in tests/mutation/mutate.py", 1)
        line = lines[hits[0]]
        indent = line[: len(line) - len(line.lstrip())]
        out.append({"id": mutant_id(path, line, len(indent), indent + mutated), "file": path,
                    "line": hits[0] + 1, "column": len(indent) + 1, "operator": "known", "original": line,
                    "mutated": indent + mutated, "known": True})
    return out


def read_equivalents(root):
    """{(file, original, mutated): [(occurrence or None, count or None, reason)]} from
    tests/mutation/equivalent.tsv (lines stripped; the optional fifth cell, N/M, says which of the file's M lines
    with that text is meant, from 1)."""
    out = {}
    path = os.path.join(root, EQUIVALENT_FILE)
    if not os.path.exists(path):
        return out
    with open(path, encoding="utf-8") as f:
        for number, row in enumerate(f, start=1):
            row = row.rstrip("\n")
            if not row.strip() or row.startswith("#"):
                continue
            cells = row.split("\t")
            which = re.fullmatch(r"([1-9][0-9]*)/([1-9][0-9]*)", cells[4]) if len(cells) == 5 else None
            if len(cells) not in (4, 5) or (len(cells) == 5 and not (which and int(which[1]) <= int(which[2]))):
                die(f"{EQUIVALENT_FILE}:{number}: expected 4 or 5 tab-separated cells (file, original line, "
                    f"mutated line, reason, and N/M: the Nth of the file's M lines with that text), found "
                    f"{' '.join(repr(c) for c in cells[4:]) if len(cells) == 5 else len(cells)}", 2)
            occurrence, count = (int(which[1]), int(which[2])) if which else (None, None)
            out.setdefault((cells[0], cells[1].strip(), cells[2].strip()), []).append((occurrence, count, cells[3]))
    return out


def equivalent_of(equivalents, m):
    """The reason `equivalents` (read_equivalents()) gives for the mutant `m`, or None."""
    for occurrence, _, reason in equivalents.get((m["file"], m["original"].strip(), m["mutated"].strip()), []):
        if occurrence is None or occurrence == m.get("occurrence"):
            return reason
    return None


def stale_equivalents(root, equivalents, mutants, paths, all_rule_files):
    """Warnings for the rows of `equivalents` that may no longer mean the mutant they were written for: a file no
    longer a rule file, a change no mutant of `mutants` makes any more, or a row naming the Nth of M identical
    lines whose file now has another number of them (one added or removed before it would make the row name
    another line, silently)."""
    out = []
    present = {(m["file"], m["original"].strip(), m["mutated"].strip(), m["occurrence"]) for m in mutants}
    texts = {}  # path: how many of its lines have each text (stripped), each file read once
    for (path, original, mutated), rows in sorted(equivalents.items()):
        if path not in all_rule_files:
            out.append(f"{EQUIVALENT_FILE}: {path} is not a rule file (moved? renamed?): update or remove its rows")
            continue
        if path not in paths:
            continue
        if path not in texts:
            with open(os.path.join(root, path), encoding="utf-8") as f:
                texts[path] = collections.Counter(line.strip() for line in f)
        lines = texts[path][original]
        for occurrence, count, _ in rows:
            if not any(k[:3] == (path, original, mutated) and occurrence in (None, k[3]) for k in present):
                out.append(f"{EQUIVALENT_FILE}: no mutant of {path} turns '{original}' into '{mutated}' any more "
                           f"(the code changed): remove or update its row")
            elif count is not None and count != lines:
                out.append(f"{EQUIVALENT_FILE}: {path} has {lines} lines '{original}', not {count}: check which "
                           f"one the row's {occurrence}/{count} means now, and write N/{lines}")
    return out


def killed_by_timeout(r):
    """A kill whose only evidence is that a test ran past its time limit (worth judging again on a quiet machine)."""
    return r["status"] == "killed" and (r.get("why") or "").startswith("timed out")


# What a saved result keeps (--report --save): enough for --report and --resume; the lines themselves come
# back from the id (--list, --id).
SAVED_FIELDS = ("id", "file", "line", "operator", "status", "killed_by", "why", "seconds", "not_covered", "schema",
                "trusted")


def read_results(path):
    """The results of one file: JSON lines (a run's WORK/results.json.partial, a saved .jsonl) or a finished
    run's JSON (WORK/results.json)."""
    with open(path) as f:
        if path.endswith((".partial", ".jsonl")):
            return [json.loads(r) for r in f if r.strip()]
        return json.load(f)["mutants"]


def print_report(result_files, mutants, equivalents, save=None):
    """Prints, per rule file and in all, what the results files say of today's candidates `mutants`: the
    results of several runs (WORK/results.json or its .partial, or a saved .jsonl) are joined by mutant id, a
    later file's verdict winning; a survivor that equivalent.tsv lists now counts as equivalent; a result whose
    mutant is no longer a candidate (its line changed) is left out. `save`: a file that gets the joined results
    of today's candidates as JSON lines (SAVED_FIELDS, `why` cut to 160 characters), by file, line and id (the
    same record saves to the same bytes, whatever order the candidates came in): the record a later --report or
    --resume reads when the scratch directories are gone. Returns 0."""
    judged = {}
    for path in result_files:
        for r in read_results(path):
            if not r.get("known"):
                judged[r["id"]] = r
    if save:
        with open(save, "w") as f:
            for m in sorted(mutants, key=lambda m: (m["file"], m["line"], m["id"])):
                if m["id"] in judged:
                    r = {k: judged[m["id"]][k] for k in SAVED_FIELDS if judged[m["id"]].get(k) is not None}
                    if r.get("why"):
                        r["why"] = r["why"][:160]
                    f.write(json.dumps(r, ensure_ascii=False) + "\n")
    kinds = ("killed", "equivalent", "survived", "not covered", "not compiled")
    per_file, stale = {}, len(set(judged) - {m["id"] for m in mutants})
    survivors, timeouts = [], 0
    for m in mutants:
        row = per_file.setdefault(m["file"], dict.fromkeys(("candidates", "judged") + kinds, 0))
        row["candidates"] += 1
        r = judged.get(m["id"])
        if not r:
            continue
        row["judged"] += 1
        status = r["status"]
        if status == "survived" and equivalent_of(equivalents, m):
            status = "equivalent"
        if status == "survived" and r.get("not_covered"):
            status = "not covered"
        if status in ("survived", "not covered"):
            survivors.append((m, status))
        timeouts += killed_by_timeout(r)
        row[status.replace("-", " ")] += 1
    total = dict.fromkeys(("candidates", "judged") + kinds, 0)
    print("| file | candidates | judged | killed | equivalent | survived | not covered | not compiled |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for path in sorted(per_file):
        row = per_file[path]
        for k in total:
            total[k] += row[k]
        print(f"| `{path}` | " + " | ".join(str(row[k]) for k in ("candidates", "judged") + kinds) + " |")
    print("| all | " + " | ".join(str(total[k]) for k in ("candidates", "judged") + kinds) + " |")
    relevant = total["killed"] + total["survived"] + total["not covered"]
    rate = 100.0 * total["killed"] / relevant if relevant else 100.0
    print(f"\njudged {total['judged']} of {total['candidates']} candidates; kill rate {rate:.1f} % of the "
          f"non-equivalent judged ({total['killed']} of {relevant}; {timeouts} of the kills by a timeout); {stale} "
          f"results of mutants that are no longer candidates left out")
    if survivors:
        print(f"\n{len(survivors)} survivors (tests/mutation/run --id ID plants one again):")
        for m, status in sorted(survivors, key=lambda x: (x[0]["file"], x[0]["line"], x[0]["id"])):
            print(f"{m['id']} {m['file']}:{m['line']} {m['operator']}{' (not covered)' if status == 'not covered' else ''}"
                  f": {m['original'].strip()}  ->  {m['mutated'].strip()}")
    return 0


# --- the scratch tree ----------------------------------------------------------------------------------------


def die(message, status):
    print(f"mutation: error: {message}", file=sys.stderr)
    sys.exit(status)


def note(message):
    print(f"mutation: {message}", file=sys.stderr, flush=True)


def git(root, *args):
    return subprocess.run(["git", "-C", root, *args], check=True, capture_output=True, text=True).stdout


def sync_tree(root, files, tree):
    """Makes `tree` hold exactly `files` with the contents they have in `root`. Unchanged files keep their
    times (the build stays incremental); changed ones get the current time."""
    wanted = set()
    changed = 0
    for path in files:
        source = os.path.join(root, path)
        if not os.path.isfile(source) or os.path.islink(source):
            continue
        wanted.add(path)
        target = os.path.join(tree, path)
        with open(source, "rb") as f:
            data = f.read()
        try:
            with open(target, "rb") as f:
                same = f.read() == data
        except OSError:
            same = False
        if not same:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as f:
                f.write(data)
            changed += 1
        shutil.copymode(source, target)
    for directory, _, names in os.walk(tree):
        for name in names:
            path = os.path.relpath(os.path.join(directory, name), tree)
            if path not in wanted:
                os.remove(os.path.join(directory, name))
    return changed


def write_file(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    now = time.time()
    os.utime(path, (now, now))  # newer than its object file: ninja rebuilds it


def run_logged(cmd, log, env, cwd=None, timeout=None):
    """Runs `cmd` in its own process group, output to `log`. Returns (exit status or None on timeout, seconds)."""
    started = time.monotonic()
    with open(log, "w") as out:
        p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=cwd,
                             start_new_session=True)
        try:
            status = p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            stop_group(p)
            status = None
        except KeyboardInterrupt:
            stop_group(p)  # the build or test this script started: not left running
            raise
    return status, time.monotonic() - started


def stop_group(p):
    """Stops the process group this script started for `p` (its own id), and waits for `p`."""
    for sig, grace in ((signal.SIGTERM, 3), (signal.SIGKILL, 10)):
        try:
            os.killpg(p.pid, sig)
        except ProcessLookupError:
            break
        try:
            p.wait(timeout=grace)
            break
        except subprocess.TimeoutExpired:
            continue


# --- the tests -------------------------------------------------------------------------------------------------


def test_commands(tree, build, wanted, pg_env=None):
    """[(name, argv)] in the order they run: the unit tests, then the end-to-end suites; with `pg_env` (the
    environment file of a running test cluster) the unit tests reach the cluster too, and the suites that run on
    PostgreSQL are there a second time as `pg:NAME`, after the others."""
    # The unit tests load the modules from where the build puts them (ctest sets the same variables).
    unit = ["env", f"ASNBELAJAR_PDF_MODULE={os.path.join(build, PDF_MODULE)}",
            f"ASNBELAJAR_PG_MODULE={os.path.join(build, PG_MODULE)}",
            f"ASNBELAJAR_XLSX_MODULE={os.path.join(build, XLSX_MODULE)}",
            os.path.join(build, UNIT_TESTS), "--abort-after=1", "--no-version"]
    if pg_env:
        unit = ["bash", os.path.join(tree, PG_WITH_CLUSTER), pg_env] + unit
    tests = [("unit", unit)]
    suites = sorted(fnmatch.filter([os.path.relpath(os.path.join(d, n), tree)
                                    for d, _, ns in os.walk(os.path.join(tree, "tests/cli")) for n in ns],
                                   SUITE_GLOB))

    def rank(path):
        name = os.path.basename(path)[len("test_"):-len(".sh")]
        return (SUITE_ORDER.index(name) if name in SUITE_ORDER else len(SUITE_ORDER), name)

    on_pg = []
    for path in sorted(suites, key=rank):
        name = os.path.basename(path)[len("test_"):-len(".sh")]
        with open(os.path.join(tree, path), errors="replace") as f:
            head = [f.readline() for _ in range(5)]
        backend = next((line.split(":", 1)[1].strip() for line in head if line.startswith("# backend:")), "")
        if "failover" in backend:
            continue  # a formation of its own (tests/pg/failover.sh): not for a mutant a minute
        if "postgres" not in backend:
            tests.append((name, ["bash", os.path.join(tree, path)]))
        if pg_env and "sqlite" not in backend:  # as ctest registers cli_pg_NAME
            on_pg.append((PG_PREFIX + name, ["env", "ASNBELAJAR_TEST_BACKEND=postgres",
                                             f"ASNBELAJAR_TEST_PG_ENV={pg_env}", "bash", os.path.join(tree, path)]))
    tests += on_pg
    # unit:PATTERN, for a quick check: the unit test cases doctest's -tc=PATTERN picks (wildcards *, ?).
    tests += [(w, unit + [f"-tc={w[len('unit:'):]}"]) for w in wanted or [] if w.startswith("unit:")]
    if wanted:
        unknown = set(wanted) - {name for name, _ in tests}
        if unknown:
            die(f"--tests: no test named {', '.join(sorted(unknown))} (known: "
                f"{', '.join(name for name, _ in tests)})", 2)
        tests = [t for t in tests if t[0] in wanted]
    return tests


def first_failure(log):
    """The line of a test's output that says what failed, for the results."""
    try:
        with open(log, errors="replace") as f:
            lines = f.read().splitlines()
    except OSError:
        return ""
    for line in lines:
        if line.startswith("FAIL:") or ": ERROR:" in line or "Assertion" in line or "terminate" in line:
            return line.strip()[:300]
    return (lines[-1].strip() if lines else "")[:300]


def failed_case(log):
    """The doctest test case of the first failed check or crash in a unit_tests log ("TEST CASE:  NAME" comes
    before its failures), or None."""
    try:
        with open(log, errors="replace") as f:
            lines = f.read().splitlines()
    except OSError:
        return None
    case = None
    for line in lines:
        if line.startswith("TEST CASE:"):
            case = line[len("TEST CASE:"):].strip()
        elif ": ERROR:" in line or ": FATAL ERROR:" in line:
            return case
    return None


def reported_failure(log, offset):
    """Whether the whole lines of `log` from byte `offset` on hold a suite's "FAIL: " line (tests/cli/lib.sh's
    fail(), which makes the suite's exit code non-zero), and the offset after the last whole line."""
    try:
        with open(log, "rb") as f:
            f.seek(offset)
            chunk = f.read()
    except OSError:
        return False, offset
    end = chunk.rfind(b"\n") + 1
    return any(line.startswith(b"FAIL:") for line in chunk[:end].split(b"\n")), offset + end


def run_tests(tests, env, work, timeouts, jobs):
    """Runs the tests, `jobs` at a time, until one fails. Returns (name of the failing test, why) or None. A suite
    is failed at its first "FAIL: " line, not run to its end (the rest of it cannot change the verdict)."""
    tmp = os.path.join(work, "tmp")
    logs = os.path.join(work, "logs")
    pending = list(tests)
    running = []  # (name, Popen, started, log, out)
    scanned = {}  # name -> the bytes of its log already read for a "FAIL: " line
    failed = None
    try:
        while (pending or running) and not failed:
            while pending and len(running) < jobs:
                name, argv = pending.pop(0)
                log = os.path.join(logs, name + ".log")
                out = open(log, "w")
                p = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT,
                                     env={**env, **SUITE_ENV.get(name, {})}, cwd=tmp, start_new_session=True)
                running.append((name, p, time.monotonic(), log, out))
            time.sleep(0.05)
            for entry in list(running):
                name, p, started, log, out = entry
                status = p.poll()
                if status is None:  # still running: stopped past its time, or a suite at its first FAIL line
                    why = None
                    if time.monotonic() - started > timeouts[name]:
                        why = f"timed out after {timeouts[name]:.0f} s"
                    elif name != "unit":
                        reported, scanned[name] = reported_failure(log, scanned.get(name, 0))
                        if reported:
                            why = first_failure(log)
                    if why is None:
                        continue
                    stop_group(p)
                    out.close()
                    running.remove(entry)
                    failed = (name, why)
                    break
                out.close()
                running.remove(entry)
                if status != 0:
                    why = first_failure(log)
                    if status < 0:
                        why = f"killed by signal {-status}; {why}"
                    failed = (name, why)
                    break
    finally:
        for name, p, started, log, out in running:
            stop_group(p)
            out.close()
        shutil.rmtree(tmp, ignore_errors=True)
        os.makedirs(tmp, exist_ok=True)
    return failed


# --- mutant schemata -------------------------------------------------------------------------------------------
# One build of a rule file holds many of its mutants, each behind a runtime switch read once from the
# environment (SCHEMA_ENV = the mutant's number in that build; unset or 0: the original code). Three forms, on one
# line each, so that the line numbers stay those of the file:
#   a whole statement      `x += d;`            ->  `if (M(1)) { x -= d; } else if (M(2)) { ; } else { x += d; }`
#   an if/while condition  `if (a < b) {`       ->  `if (M(1) ? static_cast<bool>(a <= b) : static_cast<bool>(a < b)) {`
#   a declaration's value  `const int n = k + 1;`  ->  `const int n = M(1) ? (k + 2) : (k + 1);`
# Any other mutant (a header's constant, a `for` header, a `case` label, a line of a longer expression) is
# planted alone, as is every mutant of a line the compiler refuses in the schema (a constant expression, a
# braced list): the schema is built again without those lines.
SCHEMA_ENV = "ASNBELAJAR_MUTANT"
SCHEMA_FN = "::asnb_mutant_"
SCHEMA_PRELUDE = ("#include <cstdlib>\n"
                  "namespace { [[maybe_unused]] bool asnb_mutant_(int id) noexcept { static const int on = [] {"
                  f" const char* s = std::getenv(\"{SCHEMA_ENV}\"); return s ? std::atoi(s) : 0; }}(); "
                  "return on == id; } }\n"
                  "#line 1\n")
SCHEMA_RETRIES = 8
DECL_EQ_RE = re.compile(r"(?<![=!<>+\-*/%&|^])=(?!=)")
BRACKET_DEPTH = {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}  # what each bracket does to the depth


def code_part(line, masked):
    """(the line without its trailing comment, the comment): the comment starts where the masked code ends."""
    end = len(masked.rstrip())
    return line[:end], line[end:]


def paren_end(masked, start):
    """The index just past the `)` that closes the parenthesis opened before `start`, or None on this line."""
    depth, j = 1, start
    while j < len(masked) and depth:
        depth += {"(": 1, ")": -1}.get(masked[j], 0)
        j += 1
    return None if depth else j


def value_spans(masked, start, end):
    """[(start, end)] of the values of the declaration `T a = x, b = y` in masked[start:end] (one for each
    declarator with a value), or [] when that part is no such declaration."""
    part = masked[start:end]
    m = DECL_EQ_RE.search(part)
    if not m or "(" in part[: m.start()] or "{" in part[: m.start()]:
        return []
    pieces, depth, begin = [], 0, 0
    for j, ch in enumerate(part):  # the declarators: split at the commas outside brackets
        depth += BRACKET_DEPTH.get(ch, 0)
        if ch == "," and depth == 0:
            pieces.append((begin, j))
            begin = j + 1
    pieces.append((begin, len(part)))
    out = []
    for a, b in pieces:
        eq = DECL_EQ_RE.search(part, a, b)
        if not eq:
            continue
        value = eq.end()
        while value < b and part[value] == " ":
            value += 1
        end_value = b
        while end_value > value and part[end_value - 1] == " ":
            end_value -= 1
        if value < end_value:
            out.append((start + value, start + end_value))
    return out


def for_spans(masked, start, end):
    """The parts of a `for (init; condition; step)` header a schema can choose between: the init's value
    ("value"), the condition ("bool") and the step ("void"); [start, end) is inside the parentheses."""
    cuts, depth = [], 0
    for j in range(start, end):
        depth += BRACKET_DEPTH.get(masked[j], 0)
        if masked[j] == ";" and depth == 0:
            cuts.append(j)
    if len(cuts) != 2:
        return []  # a range-for, or something unusual
    spans = [(a, b, "value") for a, b in value_spans(masked, start, cuts[0])]
    for a, b, kind in ((cuts[0] + 1, cuts[1], "bool"), (cuts[1] + 1, end, "void")):
        while a < b and masked[a] == " ":
            a += 1
        if a < b:
            spans.append((a, b, kind))
    return spans


def schema_form(line, masked, previous, following=""):
    """The form a schema can hold the mutants of this line in, or None: ("statement",) for a whole statement,
    or ("spans", [(start, end, kind)]) for parts of the line: an if/while condition or a `for` header's
    condition ("bool"), a declaration's value or a `for` init's ("value"), a `for` step ("void").
    `following` is the next line of code (masked, stripped)."""
    code = masked.strip()
    if not code or code.startswith("#"):
        return None
    word = re.match(r"[A-Za-z_]\w*", code)
    prev_ok = not previous or previous.endswith(STATEMENT_ENDS) or previous.endswith(":")
    if code.endswith(";") and balanced(code) and prev_ok:
        if deletable(code, previous):
            return ("statement",)
        if word and word.group(0) in ("return", "throw") and code not in ("return;",):
            return ("statement",)
        # A one-line `if (c) return x;`, `for (...) s;` or `while (c) s;` is a whole statement too, unless an
        # `else` follows it (the braces of the schema would take the `else` from its `if`).
        if word and word.group(0) in ("if", "for", "while") and not code.startswith("if constexpr") \
                and not re.match(r"else\b", following):
            return ("statement",)
        if not word or word.group(0) in KEYWORD_STARTS:
            return None
        spans = value_spans(masked, 0, len(masked.rstrip()) - 1)
        return ("spans", [(a, b, "value") for a, b in spans]) if spans else None
    m = re.match(r"\s*(\} else )?(if|while|for) \(", masked)
    if m and not code.startswith("if constexpr"):
        start = m.end()
        j = paren_end(masked, start)
        if j is None:
            return None
        if m.group(2) == "for":
            spans = for_spans(masked, start, j - 1)
            return ("spans", spans) if spans else None
        cond = masked[start: j - 1]
        flat = re.sub(r"\([^()]*\)", "", cond)
        if ";" in cond or DECL_EQ_RE.search(flat):
            return None
        return ("spans", [(start, j - 1, "bool")])
    return None


def schema_part(form, original, mutated, masked):
    """(span index, the part of `mutated` that replaces that span of `original`) in the schema, or None when
    the mutant changes the line outside one part. A statement's part has span index 0."""
    code, comment = code_part(original, masked)
    if form[0] == "statement":
        if mutated.strip() == ";":
            return 0, ";"
        if comment and not mutated.endswith(comment):
            return None
        return 0, mutated[: len(mutated) - len(comment)].strip()
    for index, (start, end, _) in enumerate(form[1]):
        tail = original[end:]
        if not mutated.startswith(original[:start]) or not mutated.endswith(tail) or len(mutated) - len(tail) < start:
            continue
        part = mutated[start: len(mutated) - len(tail)]
        if part.strip():
            return index, part
    return None


SPAN_CHOICE = {  # (one mutant's choice, the original's) for each kind of span: p is the part's text
    "bool": (lambda n, p: f"{SCHEMA_FN}({n}) ? static_cast<bool>({p}) : ", lambda p: f"static_cast<bool>({p})"),
    "value": (lambda n, p: f"{SCHEMA_FN}({n}) ? ({p}) : ", lambda p: f"({p})"),
    "void": (lambda n, p: f"{SCHEMA_FN}({n}) ? static_cast<void>({p}) : ", lambda p: f"static_cast<void>({p})"),
}


def schema_line(form, original, masked, parts):
    """The schema's text of one line: `parts` is [(number, span index, replacement part)]."""
    code, comment = code_part(original, masked)
    indent = original[: len(original) - len(original.lstrip())]
    if form[0] == "statement":
        text = " else ".join(f"if ({SCHEMA_FN}({n})) {{ {p} }}" for n, _, p in parts)
        return f"{indent}{text} else {{ {code.strip()} }}{comment}"
    out = original
    for index in sorted({i for _, i, _ in parts}, key=lambda i: -form[1][i][0]):  # right to left
        start, end, kind = form[1][index]
        choice, plain = SPAN_CHOICE[kind]
        text = "".join(choice(n, p) for n, i, p in parts if i == index) + plain(original[start:end])
        if kind == "void":
            text = f"({text})"
        out = out[:start] + text + out[end:]
    return out


def previous_code_lines(masked):
    """{line number: the number of the line of code before it (0 for none)} of a file's masked lines."""
    previous_line, last_code = {}, 0
    for number, code in enumerate(masked, start=1):
        previous_line[number] = last_code
        if code.strip():
            last_code = number
    return previous_line


MAX_STATEMENT_LINES = 12  # a longer statement's mutants are planted alone


def statement_lines(masked, number, previous_line):
    """(first, last) line numbers of the statement of several lines that holds line `number`, or None: it starts
    after a line of code that ends a statement, a block's `{` or a label, and ends where its brackets close with
    `;` (or with `{`, for the condition of an `if` or a `while`). `previous_line[n]` is the number of the line of
    code before line n (0 for none)."""
    first = number
    while previous_line[first] and not masked[previous_line[first] - 1].strip().endswith(
            STATEMENT_ENDS + (":",)):
        first = previous_line[first]
        if number - first >= MAX_STATEMENT_LINES:
            return None
    joined = ""
    for last in range(first, min(first + MAX_STATEMENT_LINES, len(masked) + 1)):
        code = masked[last - 1]
        if code.strip().startswith("#") or code.startswith("\x01") or code.rstrip().endswith("\x01"):
            return None  # a preprocessor line, or a literal going on to the next line
        joined = (joined + " " + code.strip()).strip()
        if last < number:
            continue
        core = joined[1:].lstrip() if joined.startswith("}") else joined  # `} else if (...`
        if (core.endswith(";") and balanced(core)) or (core.endswith("{") and balanced(core[:-1])):
            return (first, last) if last > first else None
    return None


def statement_schema(lines, masked, first, last, ms, numbers, previous, following):
    """Writes into `lines` the schema of the statement on lines first..last (several lines) for the mutants `ms`
    on its lines; returns whether it did. A whole statement: `if (M(1)) { mutated } else { ` before the first line
    and ` }` after the last; the condition of an `if`/`while` header: `M(1) ? static_cast<bool>(mutated) :
    static_cast<bool>(` after its `(` and `)` before the `)` that closes it."""
    codes = [code_part(lines[n - 1], masked[n - 1]) for n in range(first, last + 1)]
    joined_mask = " ".join(masked[n - 1].strip() for n in range(first, last + 1))
    word = re.match(r"[A-Za-z_]\w*", joined_mask)
    header = re.match(r"\s*(\} else )?(if|while) \(", masked[first - 1])
    if joined_mask.endswith(";"):
        whole = deletable(joined_mask, previous) or (word and word.group(0) in ("return", "throw")) or (
            word and word.group(0) in ("if", "for", "while") and not joined_mask.startswith("if constexpr")
            and not re.match(r"else\b", following))
        if not whole:
            return False
        kind = "statement"
    elif header and not joined_mask.startswith("if constexpr"):
        kind = "condition"
    else:
        return False

    def mutated_joined(m):
        parts = []
        for n, (code, comment) in zip(range(first, last + 1), codes):
            if n == m["line"]:
                if comment and not m["mutated"].endswith(comment):
                    return None
                code = m["mutated"][: len(m["mutated"]) - len(comment)]
            parts.append(code.strip())
        return " ".join(parts)

    def condition_of(text):
        """(start, end) of the condition of the `if (`/`while (` that `text` (one line) starts with."""
        mt = mask_code(text)
        h = re.match(r"\s*(\} else )?(if|while) \(", mt)
        if not h:
            return None
        j = paren_end(mt, h.end())
        return None if j is None else (h.end(), j - 1)

    choices = []
    for m in ms:
        joined = mutated_joined(m)
        if joined is None:
            continue
        if kind == "condition":
            span = condition_of(joined)
            if not span:
                continue
            joined = joined[span[0]: span[1]]
        choices.append((m, joined))
    if not choices:
        return False
    if kind == "condition":
        # Where the condition closes: its `)` on some line of the statement.
        offsets, depth, close = None, 1, None
        for n in range(first, last + 1):
            code = masked[n - 1]
            start = header.end() if n == first else 0
            for j in range(start, len(code)):
                depth += {"(": 1, ")": -1}.get(code[j], 0)
                if depth == 0:
                    close = (n, j)
                    break
            if close:
                break
        if not close or close[0] == first:
            return False
        for m, joined in choices:
            numbers[m["id"]] = len(numbers) + 1
        at = header.end()
        prefix = "".join(f"{SCHEMA_FN}({numbers[m['id']]}) ? static_cast<bool>({joined}) : " for m, joined in choices)
        lines[first - 1] = lines[first - 1][:at] + prefix + "static_cast<bool>(" + lines[first - 1][at:]
        n, j = close
        lines[n - 1] = lines[n - 1][:j] + ")" + lines[n - 1][j:]
        return True
    for m, joined in choices:
        numbers[m["id"]] = len(numbers) + 1
    text = " else ".join(f"if ({SCHEMA_FN}({numbers[m['id']]})) {{ {joined} }}" for m, joined in choices)
    original = lines[first - 1]
    indent = original[: len(original) - len(original.lstrip())]
    lines[first - 1] = f"{indent}{text} else {{ {original.lstrip()}"
    code, comment = codes[-1]
    lines[last - 1] = f"{code} }}{comment}"
    return True


CONSTANT_RE = re.compile(r"\s*(?:(?:static|inline) )?constexpr ")


def constant_declarations(masked):
    """The `constexpr` variables of a file (masked lines): [(first line, last line, name, column where the
    initializer starts on the first line)], tables of several lines too. A function is none of them."""
    out = []
    number = 1
    while number <= len(masked):
        code = masked[number - 1]
        head = CONSTANT_RE.match(code)
        init = re.search(r"[={]", code)
        if not head or not init or "(" in code[: init.start()]:
            number += 1
            continue
        name = re.findall(r"[A-Za-z_]\w*", code[: init.start()].split("[")[0])
        depth, last = 0, None
        for n in range(number, min(number + 200, len(masked) + 1)):
            line = masked[n - 1]
            for j, ch in enumerate(line):
                if n == number and j < init.start():
                    continue
                depth += BRACKET_DEPTH.get(ch, 0)
                if ch == ";" and depth == 0:
                    last = n
                    break
            if last:
                break
        if last and name:
            out.append((number, last, name[-1], init.start()))
        number = (last or number) + 1
    return out


def constant_spans(masked, start):
    """The integer literals of a line of a constant's initializer from column `start`: a schema chooses each
    literal ("value"); its type and bounds (`std::array<int, 12>`) come before the initializer."""
    return [(m.start(), m.end(), "value") for m in INT_RE.finditer(masked) if m.start() >= start]


def make_schema(text, mutants, excluded_lines):
    """(schema text, {mutant id: number}) for the mutants of one file that a schema can hold, except those on
    `excluded_lines` (line numbers; a name in it keeps that `constexpr` variable as it is); the others are left
    to be planted alone. The literals of a `constexpr` variable (a table of month names, a day count) are chosen
    at run time when the variable is made `const`: the compiler refuses that where it is needed as a constant,
    and its name is then excluded."""
    lines = text.split("\n")
    source = list(lines)
    masked = mask_code(text).split("\n")
    previous_of, following_of = {}, {}
    previous = ""
    for number, code in enumerate(masked, start=1):
        previous_of[number] = previous
        if code.strip():
            previous = code.strip()
    following = ""
    for number in range(len(masked), 0, -1):
        following_of[number] = following
        if masked[number - 1].strip():
            following = masked[number - 1].strip()
    by_line = {}
    for m in mutants:
        if m["line"] not in excluded_lines and m["operator"] != "known":
            by_line.setdefault(m["line"], []).append(m)
    numbers = {}
    alone = {}  # the mutants of lines without a form of their own

    def hold(number, form, ms):
        """Writes line `number` in `form` with the mutants of `ms` it can hold; returns whether it held one."""
        original, mask = lines[number - 1], masked[number - 1]
        parts = []
        for m in ms:
            part = schema_part(form, original, m["mutated"], mask) if m["original"] == original else None
            if part is None:
                continue
            numbers[m["id"]] = len(numbers) + 1
            parts.append((numbers[m["id"]], *part))
        if parts:
            lines[number - 1] = schema_line(form, original, mask, parts)
        return bool(parts)

    # A `constexpr` variable's lines have no other form (its value can only change where it is `const`).
    constants = constant_declarations(masked)
    constant_lines = {n for first, last, _, _ in constants for n in range(first, last + 1)}
    for number, ms in sorted(by_line.items()):
        original, mask = lines[number - 1], masked[number - 1]
        form = None if number in constant_lines else schema_form(original, mask, previous_of[number],
                                                                  following_of[number])
        if not form:
            alone[number] = ms
            continue
        hold(number, form, ms)
    # The literals of `constexpr` variables: the variable is made `const` and each literal chosen at run time.
    for first, last, name, init in constants:
        if name in excluded_lines:
            continue
        held = False
        for number in range(first, last + 1):
            if number not in alone or number in excluded_lines:
                continue
            mask = masked[number - 1]
            # A constant of one line: its value (`14 * 60`); of a table: each literal.
            spans = [(a, b, "value") for a, b in value_spans(mask, 0, len(mask.rstrip()) - 1)] \
                if first == last and mask[init] == "=" else []
            spans = spans or constant_spans(mask, init if number == first else 0)
            if spans:
                held = hold(number, ("spans", spans), alone[number]) or held
        if held:
            lines[first - 1] = re.sub(r"\bconstexpr\b", "const", lines[first - 1], count=1)
    # The lines of statements written on several lines: the whole statement is the schema's choice. Each
    # statement once, only when none of its lines has a form of its own or was refused.
    previous_line = previous_code_lines(masked)
    taken = set()
    for number in sorted(alone):
        if number in taken:
            continue
        span = statement_lines(masked, number, previous_line)
        if not span:
            continue
        first, last = span
        covered = range(first, last + 1)
        if any(n in taken or n in excluded_lines or lines[n - 1] != source[n - 1] for n in covered):
            continue
        ms = [m for n in covered for m in alone.get(n, []) if m["original"] == lines[n - 1]]
        if statement_schema(lines, masked, first, last, ms, numbers, previous_of[first], following_of[last]):
            taken.update(covered)
    return SCHEMA_PRELUDE + "\n".join(lines), numbers


def plant_text(original, m):
    """The text of a file with the mutant `m` planted alone on its line."""
    lines = original.split("\n")
    assert lines[m["line"] - 1] == m["original"], "the scratch file differs from the tree"
    lines[m["line"] - 1] = m["mutated"]
    return "\n".join(lines)


def build_schema(original, ms, compile_schema):
    """(numbers, built, excluded) of the schema of `ms`, mutants of the file whose text is `original`:
    compile_schema(text) writes and builds a schema and returns True, or the lines the compiler refused (None
    when it refused something elsewhere). A refused line of a mutant is left out and the schema built again; a
    refused line that is no mutant's, or is refused again, is a `constexpr` variable made `const` where a
    constant is needed (named on that line, or holding it): that variable is left as it is."""
    masked = mask_code(original).split("\n")
    constants = constant_declarations(masked)
    mutant_lines = {m["line"] for m in ms}
    excluded, numbers = set(), {}
    for _ in range(SCHEMA_RETRIES):
        text, numbers = make_schema(original, ms, excluded)
        if not numbers:
            break
        errors = compile_schema(text)
        if errors is True:
            return numbers, True, excluded
        if not errors:
            break
        before = set(excluded)
        for line in errors:
            if line in mutant_lines and line not in excluded:
                excluded.add(line)
            else:
                text_of = masked[line - 1] if line <= len(masked) else ""
                excluded |= {name for first, last, name, _ in constants
                             if first <= line <= last or re.search(rf"\b{name}\b", text_of)}
        if excluded == before:
            break
    return numbers, False, excluded


def schema_error_lines(log, path, build):
    """The line numbers of the errors the compiler reports in `path` (None when an error is elsewhere); the
    compiler names files relative to the build directory `build`."""
    out = set()
    elsewhere = False
    try:
        with open(log, errors="replace") as f:
            for row in f:
                m = re.match(r"(.+?):(\d+):\d+: (?:fatal )?error:", row)
                if not m:
                    continue
                if os.path.realpath(os.path.join(build, m.group(1))) == os.path.realpath(path):
                    out.add(int(m.group(2)))
                else:
                    elsewhere = True
    except OSError:
        return None
    return None if elsewhere and not out else out


# --- test selection by coverage --------------------------------------------------------------------------------
# The scratch tree is built once more with gcc's coverage (COVERAGE_FLAGS, in WORK/coverage-build); each unit test
# case runs alone (doctest -tc) and each end-to-end suite alone, and gcov says which lines of the rule files each
# executes. The map (line -> tests) is kept in WORK/coverage-HASH.json, HASH of the tree's files (but its
# Markdown) and the build flags, so it is made again only when the code or the tests change. A mutant then runs
# only the tests that execute its line, the unit cases first (in one run of unit_tests) and the suites fastest
# first; a mutant on a line that gcov counts as code but no test executes survives without running anything
# ("not covered"); a mutant on a line gcov does not count as code (a constant of a header, a line inside a longer
# statement) runs every test.
COVERAGE_FLAGS = "--coverage"
EXEC_WRAP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "gcov_exec.c")  # see its comment
UNIT_ARG_MAX = 100_000  # a longer -tc= filter runs every unit test instead
COVERAGE_AUTO = 100  # --coverage auto: the map is made (or read) from this many mutants on


def doctest_pattern(name):
    """A doctest -tc filter that matches the test case `name`: its commas (which separate filters) and
    wildcards are replaced by `?`, which matches any one character."""
    return re.sub(r"[,*?\\\[\]]", "?", name)


def unit_cases(build, env):
    out = subprocess.run([os.path.join(build, UNIT_TESTS), "--list-test-cases", "--no-version"], env=env,
                         capture_output=True, text=True, check=True).stdout.splitlines()
    seps = [i for i, line in enumerate(out) if line.startswith("=====")]
    if len(seps) < 2:
        die("unit_tests --list-test-cases: unexpected output", 1)
    return [line for line in out[seps[0] + 1: seps[1]] if line.strip()]


def rule_gcdas(build, tree, paths):
    """The .gcda files of the rule files and of the files that include a code header, found by their source:
    CMakeFiles/TARGET.dir/lib/src/nip.cpp.gcda is lib/src/nip.cpp's."""
    sources = set(paths)
    for header in CODE_HEADERS:
        if header in sources:
            sources |= includers(tree, header)
    gcdas = []
    for directory, _, names in os.walk(build):
        for n in names:
            if n.endswith(".gcda"):
                full = os.path.join(directory, n)
                source = re.sub(r"^.*?/CMakeFiles/[^/]+\.dir/", "", full)[: -len(".gcda")]
                if source in sources:
                    gcdas.append(full)
    return sorted(gcdas)


def tree_name(name, cwd, tree):
    """A source as gcov names it (as the compiler was given it: absolute without ccache, which CMake's Ninja
    files use; relative to the build directory `cwd` with ccache's CCACHE_BASEDIR; relative to the tree after
    -s) as a path relative to `tree`."""
    if not os.path.isabs(name) and (name.startswith("..") or not os.path.exists(os.path.join(tree, name))):
        name = os.path.join(cwd, name)
    if os.path.isabs(name):
        name = os.path.relpath(os.path.realpath(name), os.path.realpath(tree))
    return name


def run_gcov(build, tree, paths, gcdas):
    """{rule file: {line: count}} of these .gcda files (the lines gcov counts as code)."""
    out = {}
    if not gcdas:
        return out
    # -s TREE -r: only the sources inside the tree (not the standard library's and fmt's headers, which are
    # most of the output and of the time to read it).
    p = subprocess.run(["gcov", "--json-format", "--stdout", "-r", "-s", os.path.realpath(tree), *gcdas], cwd=build,
                       capture_output=True, text=True)
    wanted = set(paths)
    for doc in p.stdout.splitlines():
        doc = doc.strip()
        if not doc.startswith("{"):
            continue
        doc = json.loads(doc)
        for f in doc.get("files", []):
            name = tree_name(f["file"], doc.get("current_working_directory") or build, tree)
            if name not in wanted:
                continue
            counts = out.setdefault(name, {})
            for row in f["lines"]:
                counts[row["line_number"]] = counts.get(row["line_number"], 0) + row["count"]
    return out


def merge_lines(into, lines):
    for path, counts in lines.items():
        target = into.setdefault(path, {})
        for line, count in counts.items():
            target[line] = target.get(line, 0) + count


def gcov_baseline(build, tree, paths):
    """{.gcda file: (its bytes, its lines)} after a run that executes no test: a test whose .gcda file of a
    source is byte for byte this one ran none of that source's code beyond it, and gcov need not read it again
    (most unit cases touch a few rule files of the fifty; gcov takes seconds a test on a loaded machine)."""
    out = {}
    for gcda in rule_gcdas(build, tree, paths):
        with open(gcda, "rb") as f:
            out[gcda] = (f.read(), run_gcov(build, tree, paths, [gcda]))
    return out


def gcov_lines(build, tree, paths, baseline=None):
    """{rule file: {line: count}} of the .gcda files under `build` (lines gcov counts as code)."""
    out, todo = {}, []
    for gcda in rule_gcdas(build, tree, paths):
        if baseline and gcda in baseline:
            with open(gcda, "rb") as f:
                if f.read() == baseline[gcda][0]:
                    merge_lines(out, baseline[gcda][1])
                    continue
        todo.append(gcda)
    merge_lines(out, run_gcov(build, tree, paths, todo))
    return out


def includers(tree, header):
    """The .cpp files of the tree's lib/ that include `header` (by its file name)."""
    out = set()
    name = os.path.basename(header)
    for directory, _, names in os.walk(os.path.join(tree, "lib")):
        for n in names:
            if n.endswith(".cpp"):
                with open(os.path.join(directory, n), errors="replace") as f:
                    if re.search(r'#include\s+"[^"]*' + re.escape(name) + '"', f.read()):
                        out.add(os.path.relpath(os.path.join(directory, n), tree))
    return out


def clear_gcda(build):
    for directory, _, names in os.walk(build):
        for n in names:
            if n.endswith(".gcda"):
                os.remove(os.path.join(directory, n))


def tree_hash(tree, files, extra):
    h = hashlib.sha1(extra.encode())
    for path in sorted(files):
        full = os.path.join(tree, path)
        # Prose, and the harness itself: no line of the program or the tests runs differently.
        if os.path.isfile(full) and not path.endswith(".md") and not path.startswith("tests/mutation/"):
            h.update(path.encode() + b"\0")
            with open(full, "rb") as f:
                h.update(hashlib.sha1(f.read()).digest())
    return h.hexdigest()[:16]


def coverage_link_flags(build):
    """The coverage build's link flags: gcc's coverage, and every execvp() and _exit() through gcov_exec.c
    (compiled into `build`), so that a child of fork() counts its lines before it runs another program, and
    after, when that program could not be run."""
    os.makedirs(build, exist_ok=True)
    wrap = os.path.join(build, "gcov_exec.o")
    if subprocess.run(["cc", "-c", "-o", wrap, EXEC_WRAP]).returncode != 0:
        die(f"cannot compile {EXEC_WRAP}", 1)
    return f"{COVERAGE_FLAGS} -Wl,--wrap=execvp -Wl,--wrap=_exit {wrap}"


def coverage_map(work, tree, files, paths, configure, env, test_env, tests, build_jobs):
    """{"code": {file: [lines gcov counts as code]}, "tests": {test: {"seconds": s, "cases": ..., "lines":
    {file: [lines executed]}}}}, from the cache or made now (a unit case is a test named `unit:NAME`)."""
    names = [n for n, _ in tests]
    with open(EXEC_WRAP) as f:
        wrap_source = f.read()
    key = tree_hash(tree, files, "\0".join([CXX_FLAGS, COVERAGE_FLAGS, wrap_source, *names,
                                            test_env["ASNBELAJAR_TEST_SCALE"], json.dumps(SUITE_ENV, sort_keys=True)]))
    cache = os.path.join(work, f"coverage-{key}.json")
    if os.path.exists(cache):
        with open(cache) as f:
            note(f"coverage map: {cache} (cached)")
            return json.load(f)
    started = time.monotonic()
    build = os.path.join(work, "coverage-build")
    cov_configure = list(configure)
    cov_configure[4] = build
    flags = f"-DCMAKE_CXX_FLAGS_DEBUG={CXX_FLAGS} {COVERAGE_FLAGS}"
    cov_configure = [flags if a.startswith("-DCMAKE_CXX_FLAGS_DEBUG=") else a for a in cov_configure]
    link = coverage_link_flags(build)
    cov_configure += [f"-DCMAKE_EXE_LINKER_FLAGS={link}", f"-DCMAKE_SHARED_LINKER_FLAGS={link}"]
    note("configuring the coverage tree")  # every time: a tree configured by an older harness gets today's flags
    status, _ = run_logged(cov_configure, os.path.join(work, "logs", "coverage-configure.log"), env)
    if status != 0:
        die(f"configuring the coverage tree failed: {os.path.join(work, 'logs', 'coverage-configure.log')}", 1)
    log = os.path.join(work, "logs", "coverage-build.log")
    note("building the coverage tree")
    status, seconds = run_logged(["cmake", "--build", build, "-j", str(build_jobs), "--target", *BUILD_TARGETS],
                                 log, env)
    if status != 0:
        die(f"the coverage tree does not build: {log}", 1)
    cov_env = {**test_env, "ASNBELAJAR": os.path.join(build, "asnbelajar")}
    runs = []
    unit = None
    for name, argv in tests:
        if name == "unit":
            unit = [a.replace(os.path.join(work, "build"), build) for a in argv]
            unit = [a for a in unit if a != "--abort-after=1"]
            for case in unit_cases(build, cov_env):
                runs.append((f"unit:{case}", unit + [f"-tc={doctest_pattern(case)}"]))
        else:
            runs.append((name, argv))
    note(f"coverage map: running {len(runs)} tests alone (unit cases and suites) in the coverage tree")
    result = {"code": {}, "tests": {}}
    code = {}
    tmp = os.path.join(work, "tmp")
    baseline = None
    if unit:
        clear_gcda(build)
        status, _ = run_logged(unit + ["-tc=asnbelajar-mutation: a name no test case has"],
                               os.path.join(work, "logs", "coverage-test.log"), cov_env, cwd=tmp, timeout=600)
        if status == 0:
            baseline = gcov_baseline(build, tree, paths)
    for index, (name, argv) in enumerate(runs, start=1):
        clear_gcda(build)
        log = os.path.join(work, "logs", "coverage-test.log")
        status, seconds = run_logged(argv, log, {**cov_env, **SUITE_ENV.get(name, {})}, cwd=tmp, timeout=3600)
        shutil.rmtree(tmp, ignore_errors=True)
        os.makedirs(tmp, exist_ok=True)
        if status != 0:
            die(f"the unmutated coverage tree fails its test '{name}': {first_failure(log)} (log: {log})", 1)
        lines = gcov_lines(build, tree, paths, baseline)
        for path, counts in lines.items():
            code.setdefault(path, set()).update(counts)
        result["tests"][name] = {"seconds": round(seconds, 2),
                                 "lines": {p: sorted(n for n, c in counts.items() if c > 0)
                                           for p, counts in lines.items() if any(counts.values())}}
        if index % 25 == 0 or not name.startswith("unit:"):
            note(f"coverage map: {index}/{len(runs)} ({name}, {seconds:.0f} s)")
    result["code"] = {p: sorted(s) for p, s in code.items()}
    clear_gcda(build)
    if not result["code"]:
        # Every mutant would run every test and none would be "not covered": slow and silent (run 8's first
        # hour, when gcov named the sources by absolute paths that the map did not take for the rule files).
        die(f"the coverage map holds no line of any rule file: gcov's output was not understood ({build})", 1)
    with open(cache + ".part", "w") as f:
        json.dump(result, f)
    os.replace(cache + ".part", cache)
    note(f"coverage map made in {(time.monotonic() - started) / 60:.1f} min: {cache}")
    return result


class Selection:
    """Which tests run for a mutant: those that execute its line, fastest first."""

    def __init__(self, cov, tests, tree):
        self.tests = dict(tests)
        self.tree = tree
        self.statements = {}  # path -> (masked lines, previous code line of each line)
        self.code = {p: set(ls) for p, ls in cov["code"].items()}
        self.seconds = {n: t["seconds"] for n, t in cov["tests"].items()}
        self.by_line = {}
        for name, t in cov["tests"].items():
            for path, lines in t["lines"].items():
                for line in lines:
                    self.by_line.setdefault((path, line), []).append(name)

    def covered(self, m):
        """None when the line is not code to gcov (every test runs), else the names of the tests executing it."""
        if m["line"] not in self.code.get(m["file"], ()):
            return None
        names = self.by_line.get((m["file"], m["line"])) or self.statement_tests(m["file"], m["line"])
        return sorted(names, key=lambda n: (self.seconds[n], n))

    def statement_tests(self, path, line):
        """The tests that execute the other lines of the statement of several lines that holds `line`: gcov can
        count a line of a call's arguments as code and never as executed (`retry.cpp`'s message of how long it
        waited, checked by unit tests, was "not covered")."""
        if path not in self.statements:
            with open(os.path.join(self.tree, path), encoding="utf-8") as f:
                masked = mask_code(f.read()).split("\n")
            self.statements[path] = (masked, previous_code_lines(masked))
        masked, previous_line = self.statements[path]
        span = statement_lines(masked, line, previous_line) if line <= len(masked) else None
        if not span:
            return []
        return sorted({n for number in range(span[0], span[1] + 1) for n in self.by_line.get((path, number), [])})

    def unit_command(self, path, lines):
        """The unit test cases that execute any of `lines` of `path`, as one command, or None."""
        names = {n for line in lines for n in self.by_line.get((path, line), []) if n.startswith("unit:")}
        if not names or "unit" not in self.tests:
            return None
        return self.cases_command(sorted(n[len("unit:"):] for n in names))

    def cases_command(self, cases):
        filt = ",".join(doctest_pattern(c) for c in cases)
        return ("unit", self.tests["unit"] + ([f"-tc={filt}"] if len(filt) < UNIT_ARG_MAX else []))

    def unit_cases(self, m):
        """The unit cases that execute `m`'s line (their names), or None when the whole of unit_tests runs for
        it (a line gcov does not count as code, or too many cases for one filter)."""
        names = self.covered(m)
        if names is None:
            return None
        cases = [n[len("unit:"):] for n in names if n.startswith("unit:")]
        return cases if cases and len(",".join(doctest_pattern(c) for c in cases)) < UNIT_ARG_MAX else None

    def cases_seconds(self, cases):
        """The time these unit cases take in one run, from their times in the coverage tree (each case was run
        alone: the program's start-up, the quickest case's time, is counted once)."""
        start = min((t for n, t in self.seconds.items() if n.startswith("unit:")), default=0.0)
        return start + sum(max(0.0, self.seconds["unit:" + c] - start) for c in cases)

    def commands(self, m, all_tests):
        names = self.covered(m)
        pg = is_pg_file(m["file"])
        if names is None:
            return [t for t in all_tests if pg or not t[0].startswith(PG_PREFIX)]
        cases = [n[len("unit:"):] for n in names if n.startswith("unit:")]
        out = []
        if cases and "unit" in self.tests:
            out.append(self.cases_command(cases))
        out += [(n, self.tests[n]) for n in names
                if not n.startswith("unit:") and n in self.tests and (pg or not n.startswith(PG_PREFIX))]
        return out


# --- the run ---------------------------------------------------------------------------------------------------


def is_pg_file(path):
    return any(fnmatch.fnmatchcase(path, g) for g in PG_FILES)


def start_cluster(work, tree, env, required):
    """Starts the PostgreSQL test cluster of the run (stopped when the run ends, however it ends) and returns its
    environment file, or None when PostgreSQL is not there (an error when `required`)."""
    envfile = os.path.join(work, "pg-cluster.env")
    script = os.path.join(tree, PG_CLUSTER)
    log = os.path.join(work, "logs", "pg-cluster.log")
    cluster_env = {**env, "ASNBELAJAR_REQUIRE_PG": "1" if required else "0"}
    cluster_env.pop("CI", None)
    status, _ = run_logged(["bash", script, "start", envfile], log, cluster_env)
    if status != 0:
        die(f"--pg on: the PostgreSQL test cluster does not start (log: {log})", 1)
    with open(envfile) as f:
        text = f.read()
    if "ASNBELAJAR_TEST_PG_SKIP" in text:
        note(f"warning: no PostgreSQL test cluster ({text.strip()}): the PostgreSQL backend's mutants get the "
             f"unit tests only, without the server (its cases skip)")
        return None
    atexit.register(lambda: subprocess.run(["bash", script, "stop", envfile], stdout=subprocess.DEVNULL,
                                           stderr=subprocess.DEVNULL))
    note(f"PostgreSQL test cluster started ({envfile})")
    return envfile


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="tests/mutation/run", description=__doc__.split("\n\n")[0],
        epilog="Examples: tests/mutation/run --list | wc -l;  tests/mutation/run --max 150 --seed 1 "
               "--seconds 7200;  tests/mutation/run --files 'lib/src/nip.cpp' --max 20;  tests/mutation/run "
               "--id 1a2b3c4d5e (a survivor again, after adding its test)")
    p.add_argument("--max", type=int, metavar="N", help="plant at most N mutants (a sample chosen by --seed)")
    p.add_argument("--seconds", type=float, metavar="S", help="plant no new mutant after S seconds")
    p.add_argument("--seed", type=int, default=1, metavar="N", help="the sample and its order (default 1)")
    p.add_argument("--files", action="append", metavar="GLOB",
                   help="only rule files matching GLOB (repeatable; `*` also matches `/`)")
    p.add_argument("--operators", metavar="LIST", help=f"only these operators ({','.join(OPERATORS)})")
    p.add_argument("--id", action="append", metavar="ID", help="only the mutant with this id (repeatable)")
    p.add_argument("--list", action="store_true", help="print the candidate mutants and stop")
    p.add_argument("--report", nargs="+", metavar="RESULTS",
                   help="print what these results files (WORK/results.json, its .partial, a saved .jsonl) say of "
                        "today's candidates, per rule file, joined by mutant id (a later file wins), and stop")
    p.add_argument("--save", metavar="FILE",
                   help="with --report: write the joined results of today's candidates to FILE (JSON lines), the "
                        "record that outlives the scratch directories (tests/mutation/results/)")
    p.add_argument("--known", action="store_true",
                   help="first plant the KNOWN_MUTANTS, and fail unless the tests kill each")
    p.add_argument("--jobs", type=int, default=1, metavar="N", help="run N test suites at once (default 1)")
    p.add_argument("--build-jobs", type=int, default=os.cpu_count() or 2, metavar="N",
                   help="ninja -j (default: the number of processors)")
    p.add_argument("--tests", metavar="LIST",
                   help="only these tests, by name: unit and the suites' names (foundation, reports, ...); "
                        "unit:PATTERN runs the unit cases doctest's -tc=PATTERN picks (a quick check)")
    p.add_argument("--scale", type=int, default=DEFAULT_SCALE, metavar="PCT",
                   help=f"ASNBELAJAR_TEST_SCALE for the stress suites (default {DEFAULT_SCALE})")
    p.add_argument("--timeout", type=float, metavar="S",
                   help="seconds each test may take on a mutant (default: 3 x its unmutated time + 30)")
    p.add_argument("--work", metavar="DIR",
                   help="the scratch directory, kept between runs (default: $TMPDIR/asnbelajar-mutation-...)")
    p.add_argument("--out", metavar="FILE", help="the JSON results (default WORK/results.json)")
    p.add_argument("--coverage", choices=["auto", "on", "off"], default="auto",
                   help="run only the tests that execute a mutant's line, from a coverage map of the tree (on), "
                        "or every test (off); auto (the default): on from "
                        f"{COVERAGE_AUTO} mutants, whose planting the map's cost is worth")
    p.add_argument("--no-coverage", action="store_const", const="off", dest="coverage", help="--coverage off")
    p.add_argument("--pg", choices=["auto", "on", "off"], default="auto",
                   help="start a PostgreSQL test cluster (tests/pg/cluster.sh) for the mutants of the PostgreSQL "
                        "backend, and run the suites on it for them: on, off, or auto (the default: when the run "
                        "has a file of the backend and PostgreSQL is installed)")
    p.add_argument("--no-schemata", action="store_true",
                   help="build every mutant alone (default: many mutants of a file in one build)")
    p.add_argument("--resume", action="store_true",
                   help="skip the mutants already in the results (OUT and OUT.partial) and count them")
    p.add_argument("--trust-equivalent", action="store_true",
                   help="record the mutants equivalent.tsv lists as equivalent without running their tests (each "
                        "would run every test that reaches its line; the kill rate leaves them out either way)")
    p.add_argument("--resume-from", action="append", default=[], metavar="FILE",
                   help="with --resume: the mutants judged in FILE too (a saved .jsonl; repeatable)")
    p.add_argument("--retry-survivors", action="store_true",
                   help="with --resume: judge the survivors again (after tests were added to kill them)")
    p.add_argument("--retry-killed-by", action="append", default=[], metavar="TEST",
                   help="with --resume: judge again the mutants TEST killed (repeatable; after a false kill)")
    p.add_argument("--retry-timeouts", action="store_true",
                   help="with --resume: judge again the mutants killed by a timeout (on a quieter machine)")
    p.add_argument("--fail-under", type=float, metavar="PCT",
                   help="exit 1 when killed / (planted - equivalent) is under PCT percent")
    args = p.parse_args(argv)
    if (args.retry_survivors or args.retry_killed_by or args.retry_timeouts or args.resume_from) and not args.resume:
        p.error("--retry-survivors, --retry-killed-by, --retry-timeouts and --resume-from go with --resume")
    if args.save and not args.report:
        p.error("--save goes with --report")
    for name in ("max", "jobs", "build_jobs"):
        value = getattr(args, name)
        if value is not None and value < (0 if name == "max" else 1):
            p.error(f"--{name.replace('_', '-')} {value} is out of range")
    if args.operators:
        ops = args.operators.split(",")
        bad = [o for o in ops if o not in OPERATORS]
        if bad:
            p.error(f"--operators: unknown {', '.join(bad)} (known: {', '.join(OPERATORS)})")
        args.operators = ops
    args.tests = args.tests.split(",") if args.tests else None
    return args


def rule_files(files, only, quiet=False):
    chosen = []
    for glob in RULE_FILES:
        hits = fnmatch.filter(files, glob)
        if not hits and not quiet:
            note(f"warning: no file matches the rule glob '{glob}' (renamed? update RULE_FILES in "
                 f"tests/mutation/mutate.py)")
        chosen += [f for f in sorted(hits) if f not in chosen]
    if only:
        chosen = [f for f in chosen if any(fnmatch.fnmatchcase(f, g) for g in only)]
    return chosen


def describe(m):
    """file:line: operator, and the line before and after when `m` has them (a verdict resumed from a saved
    record is slim: `--report` shows its change)."""
    where = f"{m['file']}:{m['line']}: {m['operator']}"
    if "original" not in m or "mutated" not in m:
        return where
    return f"{where}\n    - {m['original'].strip()}\n    + {m['mutated'].strip()}"


def interrupt(signum, frame):
    raise KeyboardInterrupt  # ctest's timeout, or kill: restore the planted file first


def main(argv):
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, interrupt)
    started = time.monotonic()
    here = os.path.dirname(os.path.realpath(__file__))
    try:
        root = git(here, "rev-parse", "--show-toplevel").strip()
    except (subprocess.CalledProcessError, FileNotFoundError):
        note("skipped: tests/mutation/run needs the git work tree it belongs to (it copies `git ls-files`)")
        return 77  # ctest's SKIP_RETURN_CODE
    files = [f for f in git(root, "ls-files", "-z").split("\0") if f]
    paths = rule_files(files, args.files)
    equivalents = read_equivalents(root)

    mutants = find_mutants(root, paths)
    all_rule_files = rule_files(files, None, quiet=True)
    for warning in stale_equivalents(root, equivalents, mutants, paths, all_rule_files):
        note(f"warning: {warning}")
    if args.operators:
        mutants = [m for m in mutants if m["operator"] in args.operators]
    if args.id:
        mutants = [m for m in mutants if m["id"] in args.id]
        missing = set(args.id) - {m["id"] for m in mutants}
        if missing:
            note(f"warning: --id: no mutant {', '.join(sorted(missing))} in the current tree (its line changed)")
    candidates = len(mutants)
    random.Random(args.seed).shuffle(mutants)
    if args.max is not None:
        mutants = mutants[: args.max]

    def equivalent_reason(m):
        return equivalent_of(equivalents, m)

    if args.report:
        return print_report(args.report, mutants, equivalents, args.save)
    if args.list:
        for m in mutants:
            mark = "  (equivalent)" if equivalent_reason(m) else ""
            print(f"{m['id']}  {m['file']}:{m['line']}:{m['column']}  {m['operator']}  (line text #{m['occurrence']})"
                  f"{mark}\n"
                  f"    - {m['original'].strip()}\n    + {m['mutated'].strip()}")
        note(f"{len(mutants)} of {candidates} candidate mutants in {len(paths)} files")
        return 0
    if args.known:
        mutants = known_mutants(root) + mutants

    # The scratch directory: never the tree itself nor inside it (except an ignored build directory).
    work = os.path.realpath(args.work or os.path.join(
        os.environ.get("TMPDIR", "/tmp"),
        f"asnbelajar-mutation-{os.getuid()}-{hashlib.sha1(root.encode()).hexdigest()[:8]}"))
    tree, build = os.path.join(work, "tree"), os.path.join(work, "build")
    if os.path.realpath(root) in (work, tree) or os.path.realpath(root).startswith(tree + os.sep):
        die(f"--work {work} would overwrite the tree itself", 2)
    for d in (tree, build, os.path.join(work, "tmp"), os.path.join(work, "logs")):
        os.makedirs(d, exist_ok=True)
    ignore = os.path.join(work, ".gitignore")
    mark = "# the scratch copy of tests/mutation/run: no part of any work tree (the format check skips it)\n"
    if not os.path.exists(ignore):
        with open(ignore, "w") as f:
            f.write(mark + "*\n")
    out_path = os.path.realpath(args.out) if args.out else os.path.join(work, "results.json")

    commit = git(root, "rev-parse", "HEAD").strip()
    dirty = bool(git(root, "status", "--porcelain", "--untracked-files=no").strip())
    note(f"{len(mutants)} mutants of {candidates} candidates in {len(paths)} rule files; commit "
         f"{commit[:12]}{' with uncommitted changes' if dirty else ''}; scratch {work}")

    changed = sync_tree(root, files, tree)
    copied = {}  # the rule files as copied: what every planted file must be again afterwards
    for path in paths:
        with open(os.path.join(tree, path), encoding="utf-8") as f:
            copied[path] = f.read()
    env = dict(os.environ)
    env.pop("ASNBELAJAR_DB", None)
    env["CCACHE_BASEDIR"] = work  # cached objects are reused by any scratch directory with this layout
    configure = ["cmake", "-S", tree, "-B", build, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Debug",
                 f"-DCMAKE_CXX_FLAGS_DEBUG={CXX_FLAGS}", "-DASNBELAJAR_SANITIZER_TESTS=OFF",
                 "-DASNBELAJAR_BENCH=OFF", "-DASNBELAJAR_FUZZ=OFF", "-DASNBELAJAR_SANITIZE=OFF"]
    if shutil.which("ccache"):
        configure.append("-DCMAKE_CXX_COMPILER_LAUNCHER=ccache")
    if not os.path.exists(os.path.join(build, "build.ninja")):
        note("configuring the scratch tree")
        status, _ = run_logged(configure, os.path.join(work, "logs", "configure.log"), env)
        if status != 0:
            die(f"configuring the scratch tree failed: {os.path.join(work, 'logs', 'configure.log')}", 1)
    ninja = ["cmake", "--build", build, "-j", str(args.build_jobs), "--target", *BUILD_TARGETS]
    note(f"building the unmutated scratch tree ({changed} files copied)")
    build_log = os.path.join(work, "logs", "build.log")
    status, seconds = run_logged(ninja, build_log, env)
    if status != 0:
        die(f"the unmutated scratch tree does not build: {build_log}", 1)
    note(f"built in {seconds:.0f} s")

    test_env = dict(env)
    test_env.update({"ASNBELAJAR": os.path.join(build, "asnbelajar"), "TESTDATA": os.path.join(tree, "tests/data"),
                     "EXAMPLES": os.path.join(tree, "examples"), "ASNBELAJAR_TEST_SCALE": str(args.scale),
                     "TMPDIR": os.path.join(work, "tmp"), "NO_COLOR": "1"})
    pg_env = None
    if args.pg == "on" or (args.pg == "auto" and any(is_pg_file(m["file"]) for m in mutants)):
        pg_env = start_cluster(work, tree, env, required=args.pg == "on")
    tests = test_commands(tree, build, args.tests, pg_env)
    tests_by_name = dict((name, (name, argv_)) for name, argv_ in tests)
    selection = None
    timeouts = {}
    baseline_tests = tests
    use_coverage = args.coverage == "on" or (args.coverage == "auto" and len(mutants) >= COVERAGE_AUTO)
    if use_coverage:
        # Every rule file, whatever --files chose: the map is cached under a key without --files.
        cov = coverage_map(work, tree, files, all_rule_files, configure, env, test_env, tests, args.build_jobs)
        selection = Selection(cov, tests, tree)
        # The times of the coverage tree (slower than this one) bound the suites; the unit tests run here.
        for name, _ in tests:
            if name in cov["tests"]:
                timeouts[name] = args.timeout or 3 * cov["tests"][name]["seconds"] + 30
        baseline_tests = [t for t in tests if t[0] == "unit" or t[0] not in cov["tests"]]
    # The unmutated tree must pass: otherwise every mutant would look killed.
    for name, argv_ in baseline_tests:
        log = os.path.join(work, "logs", name + ".log")
        status, seconds = run_logged(argv_, log, {**test_env, **SUITE_ENV.get(name, {})},
                                     cwd=os.path.join(work, "tmp"), timeout=1800)
        if status != 0:
            die(f"the unmutated tree fails its test '{name}': {first_failure(log)} (log: {log})", 1)
        timeouts[name] = args.timeout or 3 * seconds + 30
    baseline = time.monotonic() - started
    note(f"unmutated tree: {len(baseline_tests)} tests pass ({', '.join(n for n, _ in baseline_tests)}); "
         f"{baseline:.0f} s so far")

    results = []
    done = {}
    partial_path = out_path + ".partial"
    if args.resume:
        for source in (*args.resume_from, out_path, partial_path):
            if not os.path.exists(source):
                if source in args.resume_from:
                    die(f"--resume-from: no such file: {source}", 2)
                continue
            for r in read_results(source):
                if not r.get("known"):
                    done[r["id"]] = r
        if args.retry_survivors:
            done = {i: r for i, r in done.items() if r["status"] != "survived"}
        done = {i: r for i, r in done.items() if r.get("killed_by") not in args.retry_killed_by}
        if args.retry_timeouts:
            done = {i: r for i, r in done.items() if not killed_by_timeout(r)}
        note(f"--resume: {len(done)} mutants already done ({', '.join((*args.resume_from, out_path, partial_path))})"
             f"{', survivors judged again' if args.retry_survivors else ''}"
             f"{', kills by a timeout judged again' if args.retry_timeouts else ''}"
             f"{''.join(f', those killed by {t} judged again' for t in args.retry_killed_by)}")
    partial = open(partial_path, "a" if args.resume else "w")
    counter = {"n": 0}

    def record(m):
        counter["n"] += 1
        results.append(m)
        if m["status"] == "killed" and equivalent_reason(m):
            note(f"warning: {m['id']} is listed in {EQUIVALENT_FILE} but was killed: remove its line")
        partial.write(json.dumps(m) + "\n")
        partial.flush()
        how = " (not covered)" if m.get("not_covered") else ""
        how += " [schema]" if m.get("schema") else ""
        how += " (listed, not run)" if m.get("trusted") else ""
        print(f"[{counter['n']}/{len(mutants)}] {m['status']:<12} {m['id']} {m['file']}:{m['line']} {m['operator']}"
              f"{' by ' + m['killed_by'] if m['killed_by'] else ''}{how} ({m.get('seconds', 0):.0f} s)", flush=True)
        if m["status"] == "survived":
            print(f"    - {m['original'].strip()}\n    + {m['mutated'].strip()}", flush=True)

    last_killer = {}  # file -> the suite that killed its latest mutant the unit tests did not
    last_case = {}  # file -> the unit case that killed its latest mutant the unit tests did

    def judge(m, env_m):
        """Runs the tests of `m` (already built) and sets its status."""
        chosen = selection.commands(m, tests) if selection else tests
        # The suite that killed the file's latest mutant runs right after the unit tests: a suite that pins one
        # line pins its neighbours more often than the fastest suite does (in a PostgreSQL file, a kill by
        # pg:reports came after two minutes of the faster suites). The order decides how soon a kill comes and
        # which test is named, never the verdict: a survivor runs every test either way.
        first = last_killer.get(m["file"])
        chosen = sorted(chosen, key=lambda t: 0 if t[0] == "unit" else 1 if t[0] == first else 2)
        limits = dict(timeouts)
        cases = selection.unit_cases(m) if selection else None
        # The unit cases of one line stop at three times their own time (plus 15 s), not the whole run's: a
        # mutant that loops for ever in a case of 0.1 s is stopped in 15 s instead of 50.
        if cases is not None and not args.timeout:
            limits["unit"] = min(timeouts["unit"], 3 * selection.cases_seconds(cases) + 15)
        # Likewise the unit case that killed the file's latest mutant runs alone before the others: doctest
        # runs its cases in file order, and a line of time.cpp that every case reaches took 10 s to fail in
        # test_time.cpp's cases, near the end.
        case = last_case.get(m["file"])
        if cases is not None and case in cases:
            chosen = [("unit:first", selection.cases_command([case])[1])] + chosen
            limits["unit:first"] = min(timeouts["unit"], 3 * selection.cases_seconds([case]) + 15)
        m["tests_run"] = len(chosen)
        failed = run_tests(chosen, env_m, work, limits, args.jobs)
        if failed:
            name = "unit" if failed[0] == "unit:first" else failed[0]
            m["status"], m["killed_by"], m["why"] = "killed", name, failed[1]
            if name != "unit":  # the unit tests run first anyway
                last_killer[m["file"]] = name
            elif killing_case := failed_case(os.path.join(work, "logs", failed[0] + ".log")):
                last_case[m["file"]] = killing_case
        else:
            reason = equivalent_reason(m)
            m["status"] = "equivalent" if reason else "survived"
            m["killed_by"], m["why"] = None, reason

    def out_of_time(m):
        return (args.seconds is not None and time.monotonic() - started > args.seconds and not m.get("known"))

    def plant_alone(m):
        path = os.path.join(tree, m["file"])
        with open(path, encoding="utf-8") as f:
            original = f.read()
        t0 = time.monotonic()
        try:
            write_file(path, plant_text(original, m))
            status, _ = run_logged(ninja, os.path.join(work, "logs", "mutant-build.log"), env)
            if status != 0:
                m["status"], m["killed_by"], m["why"] = "not-compiled", None, None
            else:
                judge(m, test_env)
        finally:
            write_file(path, original)
        m["seconds"] = round(time.monotonic() - t0, 1)
        record(m)

    def plant_schema(path_rel, ms):
        """Builds one schema of `ms` (mutants of one file), judges those it holds; returns the others."""
        path = os.path.join(tree, path_rel)
        with open(path, encoding="utf-8") as f:
            original = f.read()
        t0 = time.monotonic()
        try:
            log = os.path.join(work, "logs", "schema-build.log")

            def compile_schema(text):
                write_file(path, text)
                status, _ = run_logged(ninja, log, env)
                return True if status == 0 else schema_error_lines(log, path, build)

            numbers, built, excluded = build_schema(original, ms, compile_schema)
            if built and numbers:
                # With every switch off the schema is the original code: the unit cases that run the file's
                # mutated lines must pass, or a fault of the schema itself would kill every mutant.
                lines_held = {m["line"] for m in ms if m["id"] in numbers}
                check = selection.unit_command(path_rel, lines_held) if selection else tests_by_name.get("unit")
                if check and run_tests([check], test_env, work, {"unit": 1800}, 1):
                    note(f"schema of {path_rel}: the unit tests fail with every mutant off; its mutants are "
                         f"planted alone")
                    built = False
            build_seconds = time.monotonic() - t0
            if not built:
                numbers = {}
            held = [m for m in ms if m["id"] in numbers]
            refused = sorted(str(e) for e in excluded)
            note(f"schema of {path_rel}: {len(held)} of {len(ms)} mutants in one build ({build_seconds:.0f} s"
                 f"{', refused: ' + ','.join(refused) if refused else ''})")
            for m in held:
                if out_of_time(m):
                    break
                t1 = time.monotonic()
                # The program is the schema's; the file is the mutant's, as if planted alone, for the tests
                # that read the sources (test_security's checks of the store's code would find the schema's
                # switches: 149 false kills in run 4 before this). It is built again before the next build.
                write_file(path, plant_text(original, m))
                judge(m, {**test_env, SCHEMA_ENV: str(numbers[m["id"]])})
                m["schema"] = True
                m["seconds"] = round(time.monotonic() - t1 + build_seconds / len(held), 1)
                record(m)
        finally:
            write_file(path, original)
        judged = {m["id"] for m in results}
        return [m for m in ms if m["id"] not in judged and m["id"] not in numbers]

    interrupted = False
    try:
        queue = []
        for m in mutants:
            if m["id"] in done and not m.get("known"):
                results.append(done[m["id"]])
                counter["n"] += 1
                continue
            if m.get("known"):
                if out_of_time(m):
                    continue
                plant_alone(m)
                continue
            if selection and selection.covered(m) == []:
                reason = equivalent_reason(m)
                m["status"] = "equivalent" if reason else "survived"
                m["killed_by"], m["why"], m["not_covered"], m["seconds"] = None, reason, True, 0.0
                m["tests_run"] = 0
                record(m)
                continue
            if args.trust_equivalent and (reason := equivalent_reason(m)):
                m["status"], m["killed_by"], m["why"], m["seconds"] = "equivalent", None, reason, 0.0
                m["tests_run"], m["trusted"] = 0, True
                record(m)
                continue
            queue.append(m)
        groups = {}
        for m in queue:
            groups.setdefault(m["file"], []).append(m)
        alone = []
        for path_rel, ms in groups.items():
            if ms and out_of_time(ms[0]):
                break
            header = path_rel not in CODE_HEADERS and any(fnmatch.fnmatchcase(path_rel, g) for g in HEADER_GLOBS)
            alone += ms if (args.no_schemata or header or path_rel in CODE_HEADERS) else plant_schema(path_rel, ms)
        # Then the mutants no schema holds, a build each: after every schema, so that a run stopped part-way (or
        # by --seconds) has judged the many cheap ones first.
        for m in alone:
            if out_of_time(m):
                break
            plant_alone(m)
        if args.seconds is not None and time.monotonic() - started > args.seconds:
            note(f"--seconds {args.seconds:.0f} reached: {len(mutants) - len(results)} mutants not planted")
    except KeyboardInterrupt:
        interrupted = True
        note("interrupted: the file is restored; results so far follow")
    partial.close()

    # Every planted file was restored: the rule files of the scratch tree are as they were copied.
    not_restored = []
    for path, text in copied.items():
        with open(os.path.join(tree, path), encoding="utf-8") as f:
            if f.read() != text:
                not_restored.append(path)
                write_file(os.path.join(tree, path), text)
    if not_restored:
        note(f"error: a mutant was not restored in {', '.join(not_restored)} (it is now)")
    elapsed = time.monotonic() - started
    counted = [m for m in results if not m.get("known")]
    by = {s: [m for m in counted if m["status"] == s]
          for s in ("killed", "survived", "equivalent", "not-compiled")}
    planted = len(counted) - len(by["not-compiled"])
    relevant = planted - len(by["equivalent"])
    rate = 100.0 * len(by["killed"]) / relevant if relevant else 100.0
    known_survivors = [m for m in results if m.get("known") and m["status"] != "killed"]

    for m in by["survived"]:
        print(f"SURVIVED{' (not covered)' if m.get('not_covered') else ''} {m['id']} {describe(m)}")
    for m in by["equivalent"]:
        print(f"equivalent {m['id']} {m['file']}:{m['line']}: {m['why']}")
    for m in known_survivors:
        print(f"KNOWN MUTANT NOT KILLED ({m['status']}) {describe(m)}")
    summary = {"planted": planted, "killed": len(by["killed"]), "survived": len(by["survived"]),
               "equivalent": len(by["equivalent"]), "not_compiled": len(by["not-compiled"]),
               "timed_out": sum(1 for m in by["killed"] if killed_by_timeout(m)),
               "kill_rate": round(rate, 1), "seconds": round(elapsed), "candidates": candidates,
               "known_killed": sum(1 for m in results if m.get("known") and m["status"] == "killed"),
               "known": sum(1 for m in results if m.get("known")),
               "not_covered": sum(1 for m in by["survived"] if m.get("not_covered")),
               "schema": sum(1 for m in counted if m.get("schema")), "not_planted": len(mutants) - len(results)}
    print(f"mutation: {summary['planted']} planted, {summary['killed']} killed "
          f"({summary['timed_out']} by a timeout), {summary['equivalent']} equivalent, {summary['survived']} "
          f"survived ({summary['not_covered']} not covered by any test), {summary['not_compiled']} not compiled; "
          f"{summary['schema']} judged in a schema, {summary['not_planted']} not reached; "
          f"kill rate {rate:.1f} % of non-equivalent; "
          f"{elapsed / 60:.1f} min; commit {commit[:12]}{' (dirty)' if dirty else ''}"
          + (f"; known mutants killed {summary['known_killed']}/{summary['known']}" if args.known else ""))
    report = {"commit": commit, "dirty": dirty, "seed": args.seed, "max": args.max, "seconds_limit": args.seconds,
              "files": paths, "tests": [n for n, _ in tests], "scale": args.scale, "cxx_flags": CXX_FLAGS,
              "summary": summary, "mutants": results}
    os.makedirs(os.path.dirname(out_path), exist_ok=True)
    with open(out_path, "w") as f:
        json.dump(report, f, indent=1)
    note(f"results: {out_path}")
    if interrupted:
        return 130
    if known_survivors or not_restored:
        return 1
    if args.fail_under is not None and rate < args.fail_under:
        note(f"kill rate {rate:.1f} % is under --fail-under {args.fail_under}")
        return 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:  # before any mutant is planted (building, making the coverage map)
        note("interrupted before planting")
        sys.exit(130)
