"""Unit tests of the mutation harness: the schema of constants, test selection, the report (python3 tests/mutation/test_mutate.py)."""
import importlib.util
import os
import unittest

spec = importlib.util.spec_from_file_location("mutate", os.path.join(os.path.dirname(__file__), "mutate.py"))
mutate = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mutate)

SOURCE = """namespace {
constexpr int lengths[] = {
    31, 28,
    31,
};
static constexpr std::array<int, 2> pair{7, 8};
constexpr int twice(int n) { return 2 * n; }
constexpr int used = 5;
static_assert(used == 5);
}
"""


def mutants(text):
    path = "x.cpp"
    out = []
    lines, masked = text.split("\n"), mutate.mask_code(text).split("\n")
    for number, (line, code) in enumerate(zip(lines, masked), start=1):
        for col, op, mutated in mutate.mutants_of_line(code, line, "", False):
            out.append({"id": mutate.mutant_id(path, line, col, mutated), "file": path, "line": number,
                        "operator": op, "original": line, "mutated": mutated})
    return out


class ConstantSchema(unittest.TestCase):
    def test_declarations(self):
        found = mutate.constant_declarations(mutate.mask_code(SOURCE).split("\n"))
        self.assertEqual([(a, b, name) for a, b, name, _ in found], [(2, 5, "lengths"), (6, 6, "pair"), (8, 8, "used")])

    def test_literals_chosen_at_run_time(self):
        ms = mutants(SOURCE)
        text, numbers = mutate.make_schema(SOURCE, ms, set())
        lines = text[len(mutate.SCHEMA_PRELUDE):].split("\n")
        self.assertEqual(lines[1], "const int lengths[] = {")
        self.assertIn(f"{mutate.SCHEMA_FN}(", lines[2])
        self.assertTrue(lines[5].startswith("static const std::array<int, 2> pair{"), lines[5])
        self.assertIn("std::array<int, 2>", lines[5])  # the bound is no literal of the initializer
        held = {m["mutated"] for m in ms if m["id"] in numbers}
        self.assertIn("    30, 28,", held)
        self.assertIn("    31, 29,", held)
        self.assertNotIn("static constexpr std::array<int, 3> pair{7, 8};", held)
        self.assertEqual(lines[6], "constexpr int twice(int n) { return 2 * n; }")  # a function is no constant

    def test_constant_needed_as_constant_is_left_alone(self):
        ms = mutants(SOURCE)
        builds = []

        def compile_schema(text):
            builds.append(text)
            body = text[len(mutate.SCHEMA_PRELUDE):].split("\n")
            # the compiler refuses the static_assert (line 9) while `used` is not constexpr
            return {9} if body[7].startswith("const int used") else True

        numbers, built, excluded = mutate.build_schema(SOURCE, ms, compile_schema)
        self.assertTrue(built)
        # line 9 has mutants of its own: left out first; refused again, it is the constant it names
        self.assertEqual(excluded, {9, "used"})
        self.assertEqual(len(builds), 3)
        self.assertIn("constexpr int used = 5;", builds[-1])
        self.assertFalse(any(m["line"] == 8 and m["id"] in numbers for m in ms))
        self.assertTrue(any(m["line"] == 3 and m["id"] in numbers for m in ms))


class Selection(unittest.TestCase):
    def test_argument_line_runs_the_tests_of_its_call(self):
        import tempfile
        with tempfile.TemporaryDirectory() as tree:
            with open(os.path.join(tree, "x.cpp"), "w") as f:
                f.write("int f(int a) {\n    return g(a,\n             a + 1);\n}\nint h() {\n    return 0;\n}\n")
            cov = {"code": {"x.cpp": [1, 2, 3, 5, 6]},
                   "tests": {"unit:f": {"seconds": 1, "lines": {"x.cpp": [1, 2]}}}}
            sel = mutate.Selection(cov, [], tree)
            self.assertEqual(sel.covered({"file": "x.cpp", "line": 3}), ["unit:f"])  # gcov: never executed
            self.assertEqual(sel.covered({"file": "x.cpp", "line": 6}), [])  # not covered: no test runs h()
            self.assertIsNone(sel.covered({"file": "x.cpp", "line": 4}))  # no code to gcov: every test

    def test_unit_seconds_are_those_of_the_cases_that_reach_the_line(self):
        import tempfile
        with tempfile.TemporaryDirectory() as tree:
            with open(os.path.join(tree, "x.cpp"), "w") as f:
                f.write("int f() {\n    return 1;\n}\nint h() {\n    return 0;\n}\n")
            cov = {"code": {"x.cpp": [1, 2, 4, 5]},
                   "tests": {"unit:f": {"seconds": 0.5, "lines": {"x.cpp": [1, 2]}},
                             "unit:g": {"seconds": 2, "lines": {"x.cpp": [2]}},
                             "suite": {"seconds": 9, "lines": {"x.cpp": [2, 5]}}}}
            sel = mutate.Selection(cov, [], tree)
            # f (0.5 s) is the quickest case: its time is the start-up, counted once
            self.assertEqual(sel.cases_seconds(sel.unit_cases({"file": "x.cpp", "line": 2})), 2.0)
            self.assertIsNone(sel.unit_cases({"file": "x.cpp", "line": 5}))  # no unit case: the suite alone
            self.assertIsNone(sel.unit_cases({"file": "x.cpp", "line": 3}))  # no code to gcov: all of unit


class Tests(unittest.TestCase):
    def test_unit_pattern_picks_cases(self):
        import tempfile
        with tempfile.TemporaryDirectory() as tree:
            os.makedirs(os.path.join(tree, "tests", "cli"))
            with open(os.path.join(tree, "tests", "cli", "test_x.sh"), "w") as f:
                f.write("#!/usr/bin/env bash\n")
            tests = mutate.test_commands(tree, "/b", ["unit:postgres: every*"])
            self.assertEqual([name for name, _ in tests], ["unit:postgres: every*"])
            self.assertEqual(tests[0][1][-1], "-tc=postgres: every*")
            self.assertEqual([name for name, _ in mutate.test_commands(tree, "/b", ["x", "unit"])], ["unit", "x"])


class TreeName(unittest.TestCase):
    def test_absolute_relative_to_the_build_or_to_the_tree(self):
        import tempfile
        with tempfile.TemporaryDirectory() as work:
            tree, build = os.path.join(work, "tree"), os.path.join(work, "build")
            os.makedirs(os.path.join(tree, "lib", "src"))
            os.makedirs(build)
            open(os.path.join(tree, "lib", "src", "nip.cpp"), "w").close()
            for name in (os.path.join(tree, "lib/src/nip.cpp"), "../tree/lib/src/nip.cpp", "lib/src/nip.cpp"):
                self.assertEqual(mutate.tree_name(name, build, tree), "lib/src/nip.cpp", name)


class Describe(unittest.TestCase):
    def test_a_slim_resumed_verdict_is_described_without_its_lines(self):
        full = {"file": "lib/src/nip.cpp", "line": 3, "operator": "const", "original": "  int n = 0;",
                "mutated": "  int n = 1;"}
        self.assertEqual(mutate.describe(full), "lib/src/nip.cpp:3: const\n    - int n = 0;\n    + int n = 1;")
        slim = {k: v for k, v in full.items() if k not in ("original", "mutated")}
        self.assertEqual(mutate.describe(slim), "lib/src/nip.cpp:3: const")


class FailedCase(unittest.TestCase):
    def test_the_case_of_the_first_failure_or_crash(self):
        import tempfile
        log = """[doctest] doctest version is "2.4.9"
===============================================================================
/t/tests/unit/test_time.cpp:10:
TEST CASE:  parse_date is strict

===============================================================================
/t/tests/unit/test_time.cpp:40:
TEST CASE:  day names, both languages

/t/tests/unit/test_time.cpp:44: ERROR: CHECK( day_name(1) == "Senin" ) is NOT correct!
===============================================================================
/t/tests/unit/test_time.cpp:60:
TEST CASE:  later

/t/tests/unit/test_time.cpp:61: FATAL ERROR: test case CRASHED: SIGSEGV - Segmentation violation signal
"""
        with tempfile.TemporaryDirectory() as work:
            path = os.path.join(work, "unit.log")
            with open(path, "w") as f:
                f.write(log)
            self.assertEqual(mutate.failed_case(path), "day names, both languages")
            with open(path, "w") as f:
                f.write(log.replace(": ERROR: CHECK", ": note: CHECK"))
            self.assertEqual(mutate.failed_case(path), "later")  # a crash names its case too
            with open(path, "w") as f:
                f.write("TEST CASE:  hangs\n")  # stopped by the time limit: no failure
            self.assertIsNone(mutate.failed_case(path))
            self.assertIsNone(mutate.failed_case(os.path.join(work, "none.log")))


class CoverageLink(unittest.TestCase):
    def test_a_child_that_runs_another_program_counts_its_lines(self):
        import shutil
        import subprocess
        import tempfile
        if not (shutil.which("g++") and shutil.which("gcov")):
            self.skipTest("g++ and gcov are needed")
        # Two children: one runs `true`, the other a program that is not there and goes on to its message.
        source = ("#include <cstdio>\n#include <sys/wait.h>\n#include <unistd.h>\n"
                  "void child(const char* program) {\n    const pid_t pid = ::fork();\n"
                  "    if (pid == 0) {\n        const char* argv[] = {program, nullptr};\n"
                  "        ::execvp(program, const_cast<char* const*>(argv));\n"
                  "        std::fprintf(stderr, \"cannot run %s\\n\", program);\n        ::_exit(127);\n    }\n"
                  "    int status = 0;\n    ::waitpid(pid, &status, 0);\n}\n"
                  "int main() {\n    child(\"true\");\n    child(\"asnbelajar-no-such-program\");\n}\n")

        def child_line_count(link):
            with tempfile.TemporaryDirectory() as build:
                with open(os.path.join(build, "p.cpp"), "w") as f:
                    f.write(source)
                # -std=c++20 as the project builds: gcc then knows no execvp() of its own to count
                subprocess.run(["g++", "-std=c++20", "-O0", "--coverage", "-c", "p.cpp", "-o", "p.o"], cwd=build,
                               check=True)
                subprocess.run(["g++", "p.o", "-o", "p", *link(build).split()], cwd=build, check=True)
                subprocess.run(["./p"], cwd=build, check=True)
                out = subprocess.run(["gcov", "-t", "p.o"], cwd=build, check=True, capture_output=True,
                                     text=True).stdout
                counts = [x.split(":")[0].strip() for x in out.splitlines() if "::execvp(" in x or "fprintf" in x]
                return counts

        # Why the wrap exists: without it neither child's lines count.
        self.assertEqual(child_line_count(lambda build: mutate.COVERAGE_FLAGS), ["#####", "#####"])
        # With it, both children reach execvp(), and the one whose program is missing its message, once.
        self.assertEqual(child_line_count(mutate.coverage_link_flags), ["2", "1"])


class RunTests(unittest.TestCase):
    def test_a_suite_fails_at_its_first_fail_line_not_at_its_end(self):
        import tempfile
        with tempfile.TemporaryDirectory() as work:
            for d in ("tmp", "logs"):
                os.makedirs(os.path.join(work, d))
            end = os.path.join(work, "reached its end")
            script = ("echo 'a line that says FAIL: in its middle' >&2; sleep 0.3; "
                      "echo 'FAIL: P4 waitlisted: got [enrolled], expected [waitlisted]' >&2; sleep 20; "
                      f"touch '{end}'; exit 1")
            failed = mutate.run_tests([("s", ["bash", "-c", script])], dict(os.environ), work, {"s": 120}, 1)
            self.assertEqual(failed, ("s", "FAIL: P4 waitlisted: got [enrolled], expected [waitlisted]"))
            self.assertFalse(os.path.exists(end))  # stopped at the line
            # A suite that says no FAIL line is judged by its exit code, at its end.
            self.assertIsNone(mutate.run_tests([("s", ["bash", "-c", "echo 'no FAIL: here'; exit 0"])],
                                               dict(os.environ), work, {"s": 120}, 1))
            self.assertEqual(mutate.run_tests([("s", ["bash", "-c", "echo 'x: ERROR: y' >&2; exit 3"])],
                                              dict(os.environ), work, {"s": 120}, 1), ("s", "x: ERROR: y"))


class Report(unittest.TestCase):
    def test_later_results_win_and_survivors_are_listed(self):
        import contextlib
        import io
        import json
        import tempfile
        ms = mutants(SOURCE)
        a, b, c, d = ms[0], ms[1], ms[2], ms[3]
        equivalents = {(c["file"], c["original"].strip(), c["mutated"].strip()):
                       [(None, None, "cannot change anything")]}
        with tempfile.TemporaryDirectory() as work:
            first, second = os.path.join(work, "1.json.partial"), os.path.join(work, "2.json.partial")
            with open(first, "w") as f:
                for m, status, why in ((a, "survived", None), (b, "killed", "timed out after 40 s"),
                                       (c, "survived", None), (d, "survived", None)):
                    f.write(json.dumps({**m, "status": status, "why": why}) + "\n")
            with open(second, "w") as f:  # a later run killed a's survivor
                f.write(json.dumps({**a, "status": "killed", "why": "FAIL: x"}) + "\n")
            out = io.StringIO()
            saved = os.path.join(work, "saved.jsonl")
            with contextlib.redirect_stdout(out):
                self.assertEqual(mutate.print_report([first, second], ms, equivalents, save=saved), 0)
            # The saved record: one line per judged candidate, slim, and the same report when read back.
            rows = mutate.read_results(saved)
            order = sorted((a, b, c, d), key=lambda m: (m["file"], m["line"], m["id"]))
            self.assertEqual([r["id"] for r in rows], [m["id"] for m in order])
            self.assertEqual({r["id"]: r["status"] for r in rows}[a["id"]], "killed")
            # by file, line and id: the candidates in another order save to the same bytes
            resaved = os.path.join(work, "resaved.jsonl")
            with contextlib.redirect_stdout(io.StringIO()):
                mutate.print_report([first, second], list(reversed(ms)), equivalents, save=resaved)
            with open(saved) as f1, open(resaved) as f2:
                self.assertEqual(f1.read(), f2.read())
            self.assertTrue(all(set(r) <= set(mutate.SAVED_FIELDS) for r in rows))
            again = io.StringIO()
            with contextlib.redirect_stdout(again):
                mutate.print_report([saved], ms, equivalents)
            self.assertEqual(again.getvalue(), out.getvalue())
        text = out.getvalue()
        self.assertIn(f"| `x.cpp` | {len(ms)} | 4 | 2 | 1 | 1 | 0 | 0 |", text)
        self.assertIn("kill rate 66.7 % of the non-equivalent judged (2 of 3; 1 of the kills by a timeout)", text)
        listed = text.split("1 survivors (tests/mutation/run --id ID plants one again):\n")[1].strip().split("\n")
        self.assertEqual(len(listed), 1)
        self.assertTrue(listed[0].startswith(f"{d['id']} x.cpp:{d['line']} {d['operator']}: "), listed[0])


class Equivalents(unittest.TestCase):
    def test_a_row_for_one_of_identical_lines_is_checked_against_their_number(self):
        import tempfile
        body = "void f(int& n) {\n    n += 1;\n    g(n);\n    n += 1;\n}\n"
        with tempfile.TemporaryDirectory() as root:
            os.makedirs(os.path.join(root, "tests", "mutation"))

            def stale(row, code):
                with open(os.path.join(root, mutate.EQUIVALENT_FILE), "w") as f:
                    f.write("# comment\n" + row + "\n")
                with open(os.path.join(root, "x.cpp"), "w") as f:
                    f.write(code)
                equivalents = mutate.read_equivalents(root)
                ms = mutate.find_mutants(root, ["x.cpp"])
                return equivalents, ms, mutate.stale_equivalents(root, equivalents, ms, ["x.cpp"], ["x.cpp"])

            equivalents, ms, warnings = stale("x.cpp\tn += 1;\t;\tthe second add is never seen\t2/2", body)
            self.assertEqual(warnings, [])
            deleted = [m for m in ms if m["original"].strip() == "n += 1;" and m["mutated"].strip() == ";"]
            self.assertEqual([(m["line"], bool(mutate.equivalent_of(equivalents, m))) for m in deleted],
                             [(2, False), (4, True)])
            # One more identical line above: the row's 2nd is line 4 no longer, and the run says so.
            _, _, warnings = stale("x.cpp\tn += 1;\t;\tthe second add is never seen\t2/2",
                                   body.replace("{\n", "{\n    n += 1;\n", 1))
            self.assertEqual(len(warnings), 1)
            self.assertIn("x.cpp has 3 lines 'n += 1;', not 2: check which one the row's 2/2 means now", warnings[0])
            # A change no mutant makes any more.
            _, _, warnings = stale("x.cpp\tn += 1;\t;\twhy\t2/2", body.replace("n += 1;", "n += 2;"))
            self.assertEqual(len(warnings), 1)
            self.assertIn("no mutant of x.cpp turns 'n += 1;' into ';' any more", warnings[0])
            # The count is required, and no larger than N.
            for cell in ("2", "3/2", "0/2", "2/x"):
                with self.assertRaises(SystemExit, msg=cell):
                    stale(f"x.cpp\tn += 1;\t;\twhy\t{cell}", body)


if __name__ == "__main__":
    unittest.main()
