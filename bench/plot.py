#!/usr/bin/python3
"""Draws roster import time against rows for asnbelajar and each peer, as an SVG written by hand.

    plot.py RESULTS.json [-o import.svg]

RESULTS.json is what bench/summarize.py writes into a bench/run result directory ("scaling": tool → [[rows,
median wall seconds], ...]). Standard library only.
"""
import json
import sys
from xml.sax.saxutils import escape

COLOURS = ["#1f6feb", "#d1242f", "#2da44e", "#bf8700", "#8250df", "#57606a"]
DASHES = ["", "6 3", "2 3", "8 3 2 3", "4 4", "1 2"]


def nice_max(v):
    """The smallest 1, 2, 2.5 or 5 × 10^e at or above v."""
    for e in range(-3, 10):
        for m in (1, 2, 2.5, 5):
            if m * 10 ** e >= v:
                return m * 10 ** e
    return v


def ticks(top, n=5):
    step = top / n
    return [step * i for i in range(n + 1)]


def main(argv):
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    src, dst = argv[0], None
    if len(argv) >= 3 and argv[1] == "-o":
        dst = argv[2]
    with open(src) as f:
        data = json.load(f)
    series = {t: pts for t, pts in data.get("scaling", {}).items() if pts}
    if not series:
        print("plot: no scaling data", file=sys.stderr)
        return 1
    # asnbelajar first, then the peers alphabetically.
    names = sorted(series, key=lambda t: (t != "asnbelajar", t))
    xmax = nice_max(max(n for pts in series.values() for n, _ in pts))
    ymax = nice_max(max(w for pts in series.values() for _, w in pts) * 1.05)
    W, H, L, R, T, B = 760, 440, 70, 250, 50, 60
    pw, ph = W - L - R, H - T - B

    def x(v):
        return L + pw * v / xmax

    def y(v):
        return T + ph - ph * v / ymax

    m = data.get("machine", {})
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
           'font-family="sans-serif" font-size="12">',
           f'<rect width="{W}" height="{H}" fill="white"/>',
           f'<text x="{L}" y="24" font-size="15" font-weight="bold">Roster import: time against rows '
           '(median wall seconds, lower is better)</text>',
           f'<text x="{L}" y="40" fill="#57606a">{escape(m.get("cpu", ""))}, {escape(m.get("cores", "?"))} cores, '
           f'commit {escape(m.get("commit", "?"))}</text>']
    for v in ticks(xmax):
        out.append(f'<line x1="{x(v):.1f}" y1="{T}" x2="{x(v):.1f}" y2="{T + ph}" stroke="#eaeef2"/>')
        label = f"{v / 1e6:g} M" if xmax >= 1e6 else f"{v / 1e3:g} k"
        out.append(f'<text x="{x(v):.1f}" y="{T + ph + 18}" text-anchor="middle">{label}</text>')
    for v in ticks(ymax):
        out.append(f'<line x1="{L}" y1="{y(v):.1f}" x2="{L + pw}" y2="{y(v):.1f}" stroke="#eaeef2"/>')
        out.append(f'<text x="{L - 8}" y="{y(v) + 4:.1f}" text-anchor="end">{v:g} s</text>')
    out.append(f'<rect x="{L}" y="{T}" width="{pw}" height="{ph}" fill="none" stroke="#8c959f"/>')
    out.append(f'<text x="{L + pw / 2}" y="{H - 18}" text-anchor="middle">roster rows</text>')
    for i, name in enumerate(names):
        c, d = COLOURS[i % len(COLOURS)], DASHES[i % len(DASHES)]
        pts = sorted(series[name])
        path = " ".join(f"{x(n):.1f},{y(w):.1f}" for n, w in pts)
        dash = f' stroke-dasharray="{d}"' if d else ""
        out.append(f'<polyline points="{path}" fill="none" stroke="{c}" stroke-width="2"{dash}/>')
        for n, w in pts:
            out.append(f'<circle cx="{x(n):.1f}" cy="{y(w):.1f}" r="3.5" fill="{c}">'
                       f'<title>{escape(name)}: {n:,} rows, {w:.2f} s</title></circle>')
        ly = T + 10 + i * 22
        out.append(f'<line x1="{L + pw + 16}" y1="{ly}" x2="{L + pw + 46}" y2="{ly}" stroke="{c}" '
                   f'stroke-width="2"{dash}/>')
        out.append(f'<text x="{L + pw + 52}" y="{ly + 4}">{escape(name)}</text>')
    out.append("</svg>")
    svg = "\n".join(out) + "\n"
    if dst:
        with open(dst, "w") as f:
            f.write(svg)
    else:
        sys.stdout.write(svg)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
