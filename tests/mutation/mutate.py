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
SUITE_GLOB = "tests/cli/test_*.sh"
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
BUILD_TARGETS = ["asnbelajar", "unit_tests"]

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
    """{(file, original, mutated): [(occurrence or None, reason)]} from tests/mutation/equivalent.tsv (lines
    stripped; the optional fifth cell says which of the file's lines with that text is meant, from 1)."""
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
            if len(cells) not in (4, 5) or (len(cells) == 5 and not cells[4].isdigit()):
                die(f"{EQUIVALENT_FILE}:{number}: expected 4 or 5 tab-separated cells (file, original line, "
                    f"mutated line, reason, and which of the file's lines with that text), found {len(cells)}", 2)
            occurrence = int(cells[4]) if len(cells) == 5 else None
            out.setdefault((cells[0], cells[1].strip(), cells[2].strip()), []).append((occurrence, cells[3]))
    return out


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


def test_commands(tree, build, wanted):
    """[(name, argv)] in the order they run: the unit tests, then the end-to-end suites."""
    # The unit tests load the PDF module from where the build puts it (ctest sets the same variable).
    tests = [("unit", ["env", f"ASNBELAJAR_PDF_MODULE={os.path.join(build, PDF_MODULE)}",
                       os.path.join(build, UNIT_TESTS), "--abort-after=1", "--no-version"])]
    suites = sorted(fnmatch.filter([os.path.relpath(os.path.join(d, n), tree)
                                    for d, _, ns in os.walk(os.path.join(tree, "tests/cli")) for n in ns],
                                   SUITE_GLOB))

    def rank(path):
        name = os.path.basename(path)[len("test_"):-len(".sh")]
        return (SUITE_ORDER.index(name) if name in SUITE_ORDER else len(SUITE_ORDER), name)

    for path in sorted(suites, key=rank):
        name = os.path.basename(path)[len("test_"):-len(".sh")]
        tests.append((name, ["bash", os.path.join(tree, path)]))
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


def run_tests(tests, env, work, timeouts, jobs):
    """Runs the tests, `jobs` at a time, until one fails. Returns (name of the failing test, why) or None."""
    tmp = os.path.join(work, "tmp")
    logs = os.path.join(work, "logs")
    pending = list(tests)
    running = []  # (name, Popen, started, log, out)
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
                if status is None and time.monotonic() - started > timeouts[name]:
                    stop_group(p)
                    out.close()
                    running.remove(entry)
                    failed = (name, f"timed out after {timeouts[name]:.0f} s")
                    break
                if status is None:
                    continue
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


# --- the run ---------------------------------------------------------------------------------------------------


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
    p.add_argument("--known", action="store_true",
                   help="first plant the KNOWN_MUTANTS, and fail unless the tests kill each")
    p.add_argument("--jobs", type=int, default=1, metavar="N", help="run N test suites at once (default 1)")
    p.add_argument("--build-jobs", type=int, default=os.cpu_count() or 2, metavar="N",
                   help="ninja -j (default: the number of processors)")
    p.add_argument("--tests", metavar="LIST",
                   help="only these tests, by name: unit and the suites' names (foundation, reports, ...)")
    p.add_argument("--scale", type=int, default=DEFAULT_SCALE, metavar="PCT",
                   help=f"ASNBELAJAR_TEST_SCALE for the stress suites (default {DEFAULT_SCALE})")
    p.add_argument("--timeout", type=float, metavar="S",
                   help="seconds each test may take on a mutant (default: 3 x its unmutated time + 30)")
    p.add_argument("--work", metavar="DIR",
                   help="the scratch directory, kept between runs (default: $TMPDIR/asnbelajar-mutation-...)")
    p.add_argument("--out", metavar="FILE", help="the JSON results (default WORK/results.json)")
    p.add_argument("--fail-under", type=float, metavar="PCT",
                   help="exit 1 when killed / (planted - equivalent) is under PCT percent")
    args = p.parse_args(argv)
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
    return f"{m['file']}:{m['line']}: {m['operator']}\n    - {m['original'].strip()}\n    + {m['mutated'].strip()}"


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
    present = {(m["file"], m["original"].strip(), m["mutated"].strip(), m["occurrence"]) for m in mutants}
    all_rule_files = rule_files(files, None, quiet=True)
    for (path, original, mutated), rows in equivalents.items():
        if path not in all_rule_files:
            note(f"warning: {EQUIVALENT_FILE}: {path} is not a rule file (moved? renamed?): update or remove its "
                 f"rows")
            continue
        if path not in paths:
            continue
        for occurrence, _ in rows:
            if not any(k[:3] == (path, original, mutated) and occurrence in (None, k[3]) for k in present):
                note(f"warning: {EQUIVALENT_FILE}: no mutant of {path} turns '{original}' into '{mutated}' any more "
                     f"(the code changed): remove or update its row")
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
        for occurrence, reason in equivalents.get((m["file"], m["original"].strip(), m["mutated"].strip()), []):
            if occurrence is None or occurrence == m.get("occurrence"):
                return reason
        return None

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
    tests = test_commands(tree, build, args.tests)
    # The unmutated tree must pass: otherwise every mutant would look killed.
    timeouts = {}
    for name, argv_ in tests:
        log = os.path.join(work, "logs", name + ".log")
        status, seconds = run_logged(argv_, log, {**test_env, **SUITE_ENV.get(name, {})},
                                     cwd=os.path.join(work, "tmp"), timeout=1800)
        if status != 0:
            die(f"the unmutated tree fails its test '{name}': {first_failure(log)} (log: {log})", 1)
        timeouts[name] = args.timeout or 3 * seconds + 30
    baseline = time.monotonic() - started
    note(f"unmutated tree: {len(tests)} tests pass ({', '.join(n for n, _ in tests)}); "
         f"{baseline:.0f} s so far")

    results = []
    interrupted = False
    for index, m in enumerate(mutants, start=1):
        if args.seconds is not None and time.monotonic() - started > args.seconds and not m.get("known"):
            note(f"--seconds {args.seconds:.0f} reached: {len(mutants) - index + 1} mutants not planted")
            break
        path = os.path.join(tree, m["file"])
        with open(path, encoding="utf-8") as f:
            original = f.read()
        lines = original.split("\n")
        assert lines[m["line"] - 1] == m["original"], "the scratch file differs from the tree"
        lines[m["line"] - 1] = m["mutated"]
        t0 = time.monotonic()
        try:
            write_file(path, "\n".join(lines))
            status, _ = run_logged(ninja, os.path.join(work, "logs", "mutant-build.log"), env)
            if status != 0:
                m["status"], m["killed_by"], m["why"] = "not-compiled", None, None
            else:
                failed = run_tests(tests, test_env, work, timeouts, args.jobs)
                if failed:
                    m["status"], m["killed_by"], m["why"] = "killed", failed[0], failed[1]
                else:
                    reason = equivalent_reason(m)
                    m["status"] = "equivalent" if reason else "survived"
                    m["killed_by"], m["why"] = None, reason
        except KeyboardInterrupt:
            interrupted = True
        finally:
            write_file(path, original)
        if interrupted:
            note("interrupted: the file is restored; results so far follow")
            break
        m["seconds"] = round(time.monotonic() - t0, 1)
        if m["status"] == "killed" and equivalent_reason(m):
            note(f"warning: {m['id']} is listed in {EQUIVALENT_FILE} but was killed: remove its line")
        results.append(m)
        print(f"[{index}/{len(mutants)}] {m['status']:<12} {m['id']} {m['file']}:{m['line']} {m['operator']}"
              f"{' by ' + m['killed_by'] if m['killed_by'] else ''} ({m['seconds']:.0f} s)", flush=True)
        if m["status"] == "survived":
            print(f"    - {m['original'].strip()}\n    + {m['mutated'].strip()}", flush=True)

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
        print(f"SURVIVED {m['id']} {describe(m)}")
    for m in by["equivalent"]:
        print(f"equivalent {m['id']} {m['file']}:{m['line']}: {m['why']}")
    for m in known_survivors:
        print(f"KNOWN MUTANT NOT KILLED ({m['status']}) {describe(m)}")
    summary = {"planted": planted, "killed": len(by["killed"]), "survived": len(by["survived"]),
               "equivalent": len(by["equivalent"]), "not_compiled": len(by["not-compiled"]),
               "timed_out": sum(1 for m in by["killed"] if m["why"] and m["why"].startswith("timed out")),
               "kill_rate": round(rate, 1), "seconds": round(elapsed), "candidates": candidates,
               "known_killed": sum(1 for m in results if m.get("known") and m["status"] == "killed"),
               "known": sum(1 for m in results if m.get("known"))}
    print(f"mutation: {summary['planted']} planted, {summary['killed']} killed "
          f"({summary['timed_out']} by a timeout), {summary['equivalent']} equivalent, {summary['survived']} "
          f"survived, {summary['not_compiled']} not compiled; kill rate {rate:.1f} % of non-equivalent; "
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
    sys.exit(main(sys.argv[1:]))
