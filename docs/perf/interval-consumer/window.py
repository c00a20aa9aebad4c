#!/usr/bin/env python3
"""CPU per row of two instances sampled side by side (sample.sh files), over the common window that starts when the
first file's instance has consumed WARMUP rows.  Usage: window.py BEFORE.samples AFTER.samples [WARMUP=300000]"""
import sys


def load(f):
    out = []
    for line in open(f):
        s = tuple(map(float, line.split()))
        if len(s) == 3 and (not out or s[1] >= out[-1][1]):  # a stopped instance samples as 0 consumed
            out.append(s)
    return out


b, a = load(sys.argv[1]), load(sys.argv[2])
warmup = float(sys.argv[3]) if len(sys.argv) > 3 else 300000
t0 = next(s[0] for s in b if s[1] >= warmup)
t1 = min(b[-1][0], a[-1][0])
for name, s in (("before", b), ("after", a)):
    x = [r for r in s if t0 <= r[0] <= t1]
    rows, cpu, wall = x[-1][1] - x[0][1], (x[-1][2] - x[0][2]) / 100, (x[-1][0] - x[0][0]) / 1000
    print(f"{name}: {rows:.0f} rows in {wall:.0f} s wall, {cpu:.1f} s CPU -> {cpu * 1e6 / rows:.1f} us/row, "
          f"{rows / wall:.0f} rows/s")
