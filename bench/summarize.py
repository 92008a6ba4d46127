#!/usr/bin/python3
"""Tables, ratios and targets of a bench/run result directory; and the report comparison bench/run uses.

    summarize.py RESULTDIR [--also DIR]... [--rows N] [--enroll-reps R] [--markdown]
        Reads RESULTDIR/results.tsv and machine.txt (and those of each --also DIR: runs of other benchmarks
        merged in, e.g. a scaling run; a benchmark in several directories comes from the first), writes RESULTDIR/results.json, prints one table per
        benchmark (median wall, min-max, CPU, peak RSS, ratio to the reference peer) and the targets with
        "met" / "MISSED by X". --markdown prints the same as Markdown (for docs/performance.md).
    summarize.py --compare A.csv B.csv
        Exit 0 when the two CSV files hold the same header and rows; cells that differ as text are compared as
        numbers when both are short decimals ("3" = "3.0", "0.5000" = "0.5"). Prints the first difference.

Standard library only.
"""
import csv
import json
import os
import statistics
import sys

# bench: (reference tool, [(tool, limit of tool/reference, what the target says)])
RATIO_TARGETS = {
    "import": ("sqlite3 .import", [
        ("asnbelajar", "sqlite3 .import", 0.2, "roster import ≤ 0.2× sqlite3 .import (NIP and e-mail unique)"),
        ("asnbelajar", "sqlite-utils insert --csv", 0.05,
         "roster import ≤ 0.05× sqlite-utils insert --csv (into the equally constrained table)"),
    ]),
    "reimport": ("sqlite3 staging + upsert", [
        ("asnbelajar", "sqlite3 staging + upsert", 0.5,
         "re-import of the roster, 5 % changed ≤ 0.5× sqlite3 staging table + INSERT … ON CONFLICT DO UPDATE"),
    ]),
    "bulk": ("sqlite3 staging + INSERT SELECT", [
        ("asnbelajar", "sqlite3 staging + INSERT SELECT", 1.5,
         "enroll --file ≤ 1.5× sqlite3 staging table + one INSERT … SELECT"),
    ]),
    "attend": ("sqlite3 .import", [
        ("asnbelajar", "sqlite3 .import", 2.0, "Zoom export into the store ≤ 2× sqlite3 .import into a bare table"),
    ]),
    "report weekly": ("sqlite3 hand-written SQL", [
        ("asnbelajar", "sqlite3 hand-written SQL", 1.5, "report weekly ≤ 1.5× the hand-written SQL"),
    ]),
    "report jp": ("sqlite3 hand-written SQL", [
        ("asnbelajar", "sqlite3 hand-written SQL", 1.0, "report jp --year ≤ 1× the hand-written SQL"),
    ]),
    "report agency": ("sqlite3 hand-written SQL", [
        ("asnbelajar", "sqlite3 hand-written SQL", 1.0, "report agency --year ≤ 1× the hand-written SQL"),
    ]),
    "enroll": ("sqlite3 INSERT", [
        ("asnbelajar", "sqlite3 INSERT", 1.5, "one enroll process ≤ 1.5× one sqlite3 INSERT process"),
    ]),
    # PostgreSQL (issue 16): the backend against psql doing the same by hand, on the same server.
    "pg import": ("psql \\copy + INSERT … ON CONFLICT", [
        ("asnbelajar", "psql \\copy + INSERT … ON CONFLICT", 1.5,
         "PostgreSQL roster import ≤ 1.5× psql \\copy into a staging table + INSERT … ON CONFLICT"),
    ]),
    "pg re-import": ("psql \\copy + UPDATE … IS DISTINCT FROM", [
        ("asnbelajar", "psql \\copy + UPDATE … IS DISTINCT FROM", 1.5,
         "PostgreSQL re-import, none changed ≤ 1.5× psql \\copy + UPDATE … WHERE … IS DISTINCT FROM"),
    ]),
    "pg enroll": ("psql INSERT … SELECT", [
        ("asnbelajar", "psql INSERT … SELECT", 2.0, "PostgreSQL: one enroll process ≤ 2× one psql -c INSERT … SELECT process"),
    ]),
    "pg report weekly": ("psql hand-written SQL", [
        ("asnbelajar", "psql hand-written SQL", 1.0, "PostgreSQL report weekly ≤ 1× the hand-written SQL in psql"),
    ]),
    "pg report jp": ("psql hand-written SQL", []),
    "pg report agency": ("psql hand-written SQL", []),
    "pg db copy": ("pg_dump -Fc + pg_restore", []),
}
ORDER = ["import", "reimport", "scaling", "attend", "bulk", "report weekly", "report jp", "report agency",
         "enroll", "pg import", "pg re-import", "pg enroll", "pg report weekly", "pg report jp",
         "pg report agency", "pg db copy"]
TITLES = {
    "import": "Roster import into a new store",
    "scaling": "Roster import time against rows",
    "reimport": "Roster re-import, 5 % of the rows changed, into the store that has it",
    "attend": "Zoom webinar export into the store",
    "bulk": "enroll --file: registrations into a session with a capacity",
    "report weekly": "report weekly (one week of the year store)",
    "report jp": "report jp --year (the year store)",
    "report agency": "report agency --year (the year store)",
    "enroll": "enroll one person (one process each)",
    "pg import": "PostgreSQL: roster import into a new database",
    "pg re-import": "PostgreSQL: the same roster again (none changed)",
    "pg enroll": "PostgreSQL: enroll one person (one process each)",
    "pg report weekly": "PostgreSQL: report weekly (one week of the year store)",
    "pg report jp": "PostgreSQL: report jp --year (the year store; no target)",
    "pg report agency": "PostgreSQL: report agency --year (the year store; no target)",
    "pg db copy": "PostgreSQL: db copy of the year store, SQLite → PostgreSQL (beside pg_dump/pg_restore of the result)",
}


def number(s):
    if len(s) > 14 or not s:
        return None
    try:
        return float(s)
    except ValueError:
        return None


def compare(a_path, b_path):
    with open(a_path, newline="", encoding="utf-8") as f:
        a = list(csv.reader(f))
    with open(b_path, newline="", encoding="utf-8") as f:
        b = list(csv.reader(f))
    if len(a) != len(b):
        print(f"compare: {a_path} has {len(a) - 1} rows, {b_path} has {len(b) - 1}", file=sys.stderr)
    for i, (ra, rb) in enumerate(zip(a, b)):
        same = len(ra) == len(rb)
        for x, y in zip(ra, rb):
            if x == y:
                continue
            nx, ny = number(x), number(y)
            if nx is None or ny is None or abs(nx - ny) > 1e-6:
                same = False
        if not same:
            print(f"compare: line {i + 1} differs:\n  {a_path}: {ra}\n  {b_path}: {rb}", file=sys.stderr)
            return 1
    return 0 if len(a) == len(b) else 1


def read_results(outdirs):
    runs, machine = {}, {}
    for d in outdirs:
        # A benchmark found in several directories is taken from the first that has it (the one named first).
        earlier = {key[0] for key in runs}
        with open(os.path.join(d, "results.tsv"), newline="") as f:
            for r in csv.DictReader(f, delimiter="\t"):
                if r["bench"] in earlier:
                    continue
                key = (r["bench"], r["tool"], int(r["rows"]))
                # server_cpu_s (the PostgreSQL server's CPU over the command) and load1 (the 1-minute load
                # average when it started) are absent from older results and empty where they do not apply.
                scpu = r.get("server_cpu_s") or None
                load = r.get("load1") or None
                runs.setdefault(key, []).append((float(r["wall_s"]), float(r["cpu_s"]), int(r["rss_kb"]),
                                                 float(scpu) if scpu is not None else None,
                                                 float(load) if load is not None else None))
        path = os.path.join(d, "machine.txt")
        if os.path.exists(path):
            with open(path) as f:
                for line in f:
                    k, _, v = line.rstrip("\n").partition("\t")
                    if k in machine and k in ("mode", "load_start", "load_end", "date", "commit") and v != machine[k]:
                        machine[k] += " | " + v
                    else:
                        machine.setdefault(k, v)
    return runs, machine


def stats(samples):
    walls = [s[0] for s in samples]
    return {
        "runs": len(samples),
        "wall": statistics.median(walls),
        "min": min(walls),
        "max": max(walls),
        "cpu": statistics.median([s[1] for s in samples]),
        "rss_mb": max(s[2] for s in samples) / 1024,
        "walls": walls,
        "server_cpu": statistics.median(scpu) if (scpu := [s[3] for s in samples if s[3] is not None]) else None,
        "load": statistics.median(load) if (load := [s[4] for s in samples if s[4] is not None]) else None,
    }


def build(outdir, rows, reps, also=()):
    runs, machine = read_results([outdir, *also])
    benches = {}
    for (bench, tool, n), samples in runs.items():
        benches.setdefault(bench, {}).setdefault(tool, {})[n] = stats(samples)
    # Scaling: the scaling points plus the import benchmark's medians at the full roster size.
    scaling = {}
    for bench in ("scaling", "import"):
        for tool, by_rows in benches.get(bench, {}).items():
            for n, s in by_rows.items():
                scaling.setdefault(tool, {})[n] = s["wall"]
    scaling = {t: sorted(v.items()) for t, v in scaling.items()}

    targets = []

    def verdict(value, limit, fmt):
        if value <= limit:
            return "met"
        over = value / limit
        by = f"{(over - 1) * 100:.0f} %" if over < 2 else f"{over:.1f}×"
        return f"MISSED by {by} ({fmt.format(value)} vs ≤ {fmt.format(limit)})"

    for bench, (_, checks) in RATIO_TARGETS.items():
        tools = benches.get(bench)
        if not tools:
            continue
        for tool, ref, limit, what in checks:
            if tool not in tools or ref not in tools:
                continue
            n = max(tools[tool])
            if n not in tools[ref]:
                continue
            ratio = tools[tool][n]["wall"] / tools[ref][n]["wall"]
            targets.append({"bench": bench, "target": what, "measured": f"{ratio:.3f}×", "limit": limit,
                            "status": verdict(ratio, limit, "{:.2f}×")})
    imp = benches.get("import", {})
    if "asnbelajar" in imp and "sqlite-utils, no constraints" in imp:
        n = max(imp["asnbelajar"])
        if n in imp["sqlite-utils, no constraints"]:
            ratio = imp["asnbelajar"][n]["wall"] / imp["sqlite-utils, no constraints"][n]["wall"]
            targets.append({"bench": "import", "target": "for reference: roster import against sqlite-utils insert "
                            "--csv into a new table with no constraints (not a target)", "measured": f"{ratio:.3f}×",
                            "limit": None, "status": "–"})
    if "import" in benches and "asnbelajar" in benches["import"]:
        rss = max(s["rss_mb"] for s in benches["import"]["asnbelajar"].values())
        targets.append({"bench": "import", "target": "roster import peak memory ≤ 300 MB",
                        "measured": f"{rss:.0f} MB", "limit": 300, "status": verdict(rss, 300, "{:.0f} MB")})
    for r in ("jp", "agency"):  # issue 18: a year's report streams its rows
        rep = benches.get(f"report {r}", {})
        if "asnbelajar" in rep:
            rss = max(s["rss_mb"] for s in rep["asnbelajar"].values())
            targets.append({"bench": f"report {r}", "target": f"report {r} --year peak memory ≤ 150 MB (csv)",
                            "measured": f"{rss:.0f} MB", "limit": 150, "status": verdict(rss, 150, "{:.0f} MB")})
    ab = dict(scaling.get("asnbelajar", []))
    if len(ab) >= 2:
        lo, hi = min(ab), max(ab)
        growth = ab[hi] / ab[lo]
        limit = 1.2 * hi / lo  # 1M vs 100k ≤ 12×: linear growth with 20 % slack
        targets.append({"bench": "scaling",
                        "target": f"import time grows linearly: {hi:,} vs {lo:,} rows ≤ {limit:.1f}×",
                        "measured": f"{growth:.2f}×", "limit": limit, "status": verdict(growth, limit, "{:.1f}×")})
    data = {"machine": machine, "rows": rows, "enroll_reps": reps, "benches": {}, "scaling": scaling,
            "targets": targets}
    for bench, tools in benches.items():
        data["benches"][bench] = {t: {str(n): s for n, s in by_rows.items()} for t, by_rows in tools.items()}
    with open(os.path.join(outdir, "results.json"), "w") as f:
        json.dump(data, f, indent=1, ensure_ascii=False)
    return data


def fmt_s(x):
    return f"{x:.3f} s" if x < 10 else f"{x:.1f} s"


def tables(data, markdown):
    out = []
    reps = data.get("enroll_reps") or 1

    def table(header, rows):
        if markdown:
            out.append("| " + " | ".join(header) + " |")
            out.append("|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|")
            for r in rows:
                out.append("| " + " | ".join(r) + " |")
        else:
            widths = [max(len(header[i]), *(len(r[i]) for r in rows)) if rows else len(header[i])
                      for i in range(len(header))]
            out.append("  ".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(header, widths))))
            for r in rows:
                out.append("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))))
        out.append("")

    m = data["machine"]
    if markdown:
        out.append(f"Commit {m.get('commit', '?')}, {m.get('date', '?')}; {m.get('mode', '')}.")
        out.append("")
    else:
        out.append(f"== asnbelajar benchmarks: {m.get('mode', '')} (commit {m.get('commit', '?')})")
    benches = data["benches"]
    for bench in ORDER:
        if bench not in benches:
            continue
        tools = benches[bench]
        title = TITLES[bench]
        out.append(f"### {title}" if markdown else f"-- {title}")
        if markdown:
            out.append("")
        if bench == "scaling":
            sizes = sorted({n for pts in data["scaling"].values() for n, _ in pts})
            rows = []
            for tool, pts in data["scaling"].items():
                d = dict(pts)
                rows.append([tool] + [fmt_s(d[n]) if n in d else "–" for n in sizes])
            table(["tool"] + [f"{n:,} rows" for n in sizes], rows)
            continue
        ref = RATIO_TARGETS.get(bench, (None,))[0]
        rows = []
        for tool, by_rows in tools.items():
            n = max(by_rows)
            s = by_rows[n]
            r = benches[bench].get(ref, {}).get(str(n)) if ref else None
            ratio = f"{s['wall'] / r['wall']:.3f}×" if r else "–"
            wall = fmt_s(s["wall"])
            if bench in ("enroll", "pg enroll"):
                wall = f"{s['wall'] / reps * 1000:.1f} ms ({reps}×: {fmt_s(s['wall'])})"
            row = [tool + (" (reference)" if tool == ref else ""), wall,
                   f"{fmt_s(s['min'])} – {fmt_s(s['max'])}", fmt_s(s["cpu"])]
            if bench.startswith("pg "):
                row.append(fmt_s(s["server_cpu"]) if s.get("server_cpu") is not None else "–")
            row += [f"{s['rss_mb']:.0f} MB", ratio, str(s["runs"]),
                    f"{s['load']:.1f}" if s.get("load") is not None else "–"]
            rows.append(row)
        header = ["tool", "median wall", "min – max", "CPU"]
        if bench.startswith("pg "):
            header.append("server CPU")
        table(header + ["peak RSS", "ratio", "runs", "load"], rows)
    if data["targets"]:
        out.append("### Targets" if markdown else "-- Targets")
        if markdown:
            out.append("")
        table(["target", "measured", "status"], [[t["target"], t["measured"], t["status"]] for t in data["targets"]])
    return "\n".join(out)


def main(argv):
    if len(argv) == 3 and argv[0] == "--compare":
        return compare(argv[1], argv[2])
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    outdir, rows, reps, markdown, also = argv[0], None, None, False, []
    i = 1
    while i < len(argv):
        if argv[i] == "--also":
            also.append(argv[i + 1]); i += 1
        elif argv[i] == "--rows":
            rows = int(argv[i + 1]); i += 1
        elif argv[i] == "--enroll-reps":
            reps = int(argv[i + 1]); i += 1
        elif argv[i] == "--markdown":
            markdown = True
        i += 1
    if rows is None or reps is None:  # reprinting: take them from the last results.json
        try:
            with open(os.path.join(outdir, "results.json")) as f:
                old = json.load(f)
            rows = rows or old.get("rows")
            reps = reps or old.get("enroll_reps")
        except OSError:
            pass
    data = build(outdir, rows, reps, also)
    print(tables(data, markdown))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
