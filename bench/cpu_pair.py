#!/usr/bin/env python3
"""CPU, wall time and peak memory of `tolk build` and `tolk check` for two or more tolk
binaries on one site, alternated run by run; prints medians (CPU = user + system).

Usage: cpu_pair.py SITE RUNS TOLK [TOLK...]   (build output goes to /dev/shm/tolk-cpu-out)
"""
import statistics
import subprocess
import sys
import time

site, runs, bins = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
res = {}
for i in range(runs):
    for b in bins:
        for cmd in (["build", "--out", "/dev/shm/tolk-cpu-out"], ["check", "--format", "json"]):
            t = time.time()
            p = subprocess.run(["/usr/bin/time", "-f", "%U %S %M", b, "--site", site] + cmd, capture_output=True, text=True)
            wall = time.time() - t
            u, s, m = p.stderr.strip().splitlines()[-1].split()
            res.setdefault((b, cmd[0]), []).append((float(u) + float(s), wall, int(m) / 1024, float(u), float(s)))
for (b, c), v in res.items():
    print(f"{b:40} {c:6} cpu {statistics.median(x[0] for x in v):.2f} s  wall {statistics.median(x[1] for x in v):.2f} s  peak {statistics.median(x[2] for x in v):.0f} MiB  user {statistics.median(x[3] for x in v):.2f} sys {statistics.median(x[4] for x in v):.2f}")
