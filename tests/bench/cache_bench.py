#!/usr/bin/env python3
"""The solution cache on the internal-medicine example, in one run:

1. an unchanged nightly rerun: the cold solve, then the same command again
   (a cache hit): wall time of each and their ratio;
2. one new leave request: a cold solve of the changed roster (no cache)
   against a warm-started one (the cache holds last night's schedule):
   when each first reaches the cold run's final cost;
3. compressed vs raw size of the entries written.

usage: cache_bench.py ROTA_BINARY [SECONDS]
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

rota = os.path.abspath(sys.argv[1])
seconds = sys.argv[2] if len(sys.argv) > 2 else "30"
src = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
folder = os.path.join(src, "examples", "internal-medicine")
program, roster = os.path.join(folder, "program.yaml"), os.path.join(folder, "roster.yaml")


def solve(args, cache):
    t0 = time.perf_counter()
    p = subprocess.run([rota, "solve", program, "--time-limit", f"{seconds}s", "--threads", "1", "-v",
                        "--cache-dir", cache] + args, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit(f"cache_bench: exit {p.returncode}\n{p.stderr}")
    cost = int(re.search(r": cost (\d+)", p.stderr).group(1))
    progress = [(float(t), int(c)) for t, c in re.findall(r"progress ([\d.]+)s cost (\d+)", p.stderr)]
    kind = re.search(r"rota: cache (\w+)", p.stderr)
    return wall, cost, progress, kind.group(1) if kind else "off"


def reached(progress, goal):
    return next((t for t, c in progress if c <= goal), None)


with tempfile.TemporaryDirectory() as tmp:
    cache = os.path.join(tmp, "cache")
    out = os.path.join(tmp, "s.csv")
    cold_wall, cold_cost, _, k1 = solve(["--roster", roster, "--out", out], cache)
    hit_wall, hit_cost, _, k2 = solve(["--roster", roster, "--out", out], cache)
    print(f"internal-medicine, --time-limit {seconds}s, 1 thread")
    print(f"unchanged rerun: cold {cold_wall:.2f}s ({k1}), rerun {hit_wall * 1000:.0f} ms ({k2}), "
          f"ratio {hit_wall / cold_wall:.4f}; cost {cold_cost} both" if hit_cost == cold_cost else "COST DIFFERS")

    changed = os.path.join(tmp, "roster.yaml")
    text = open(roster).read().replace("leave:\n", "leave:\n  - {resident: garcia, from: 2027-11-16, to: 2027-11-17, type: vacation}\n", 1)
    open(changed, "w").write(text)
    c_wall, c_cost, c_prog, _ = solve(["--roster", changed, "--out", out, "--no-cache"], cache)
    w_wall, w_cost, w_prog, k3 = solve(["--roster", changed, "--out", out], cache)
    tc, tw = reached(c_prog, c_cost), reached(w_prog, c_cost)
    print(f"one new leave request: cold reaches its cost {c_cost} at {tc:.2f}s; warm ({k3}) starts at "
          f"{w_prog[0][1] if w_prog else '-'} after {w_prog[0][0] if w_prog else 0:.2f}s and "
          + (f"reaches {c_cost} at {tw:.2f}s: ratio {tw / tc:.3f}" if tw is not None else f"ends at {w_cost}"))

    st = json.loads(subprocess.run([rota, "cache", "stats", "--json", "--cache-dir", cache],
                                   capture_output=True, text=True).stdout)
    print(f"entries {st['entries']}: {st['bytes']} bytes on disk, {st['raw_bytes']} raw, "
          f"ratio {st['bytes'] / max(1, st['raw_bytes']):.3f}")
