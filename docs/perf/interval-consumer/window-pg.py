#!/usr/bin/env python3
"""JVM and PostgreSQL CPU per row of two instances sampled side by side (sample-loop.sh files), over the common window
from when both have consumed WARMUP rows (or up to END_MS).  Usage: window-pg.py A.samples B.samples [WARMUP] [END_MS]"""
import sys


def load(f):
    return [tuple(map(float, line.split())) for line in open(f) if len(line.split()) == 4]


a, b = load(sys.argv[1]), load(sys.argv[2])
warmup = float(sys.argv[3]) if len(sys.argv) > 3 else 300000
t0 = max(next(s[0] for s in a if s[1] >= warmup), next(s[0] for s in b if s[1] >= warmup))
t1 = float(sys.argv[4]) if len(sys.argv) > 4 else min(a[-1][0], b[-1][0])
for name, s in ((sys.argv[1], a), (sys.argv[2], b)):
    x = [r for r in s if t0 <= r[0] <= t1]
    rows, wall = x[-1][1] - x[0][1], (x[-1][0] - x[0][0]) / 1000
    cpu, pg = (x[-1][2] - x[0][2]) / 100, (x[-1][3] - x[0][3]) / 100
    print(f"{name}: {rows:.0f} rows in {wall:.0f} s, JVM {cpu:.1f} s = {cpu * 1e6 / rows:.1f} us/row, "
          f"PostgreSQL {pg:.1f} s = {pg * 1e6 / rows:.1f} us/row, {rows / wall:.0f} rows/s")
