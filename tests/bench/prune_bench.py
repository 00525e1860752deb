#!/usr/bin/env python3
"""Pruning on vs off, side by side in one run: for each program, `rota solve`
with the same seed and time limit, once as usual and once with --no-prune
(full domains, what pruning removes posted as constraints). Prints the wall
time to the first schedule, the wall time, the peak memory, the cost reached
and the effort (failures) of each, and the off/on ratios. A run ends by its
effort budget unless the wall clock stops it first (marked "clock"); then the
cost and the failures show how much each got done in the same time.

usage: prune_bench.py ROTA_BINARY SECONDS [NAME...]
  NAME: an example directory name (family-medicine, internal-medicine) or a
  Curtois instance number; default: both examples and instances 1, 4, 8, 12.
"""
import os
import re
import subprocess
import sys
import tempfile
import time

rota, seconds = os.path.abspath(sys.argv[1]), sys.argv[2]
names = sys.argv[3:] or ["family-medicine", "internal-medicine", "1", "4", "8", "12"]
here = os.path.dirname(os.path.abspath(__file__))
root = os.path.normpath(os.path.join(here, "..", ".."))
curtois = os.path.normpath(os.path.join(root, "..", "shared", "benchmarks", "curtois"))


def run(program, roster, extra):
    args = ["/usr/bin/time", "-f", "%M", rota, "solve", "--no-cache", program, "--roster", roster, "--time-limit",
            f"{seconds}s", "--threads", "1", "--seed", "1", "--out", os.devnull, "-v"] + extra
    t0 = time.monotonic()
    p = subprocess.run(args, capture_output=True, text=True)
    wall = time.monotonic() - t0
    lines = p.stderr.strip().splitlines()
    peak = int(lines[-1]) / 1024 if lines and lines[-1].isdigit() else 0
    cost = re.search(r"rota: \w+: cost (\d+)", p.stderr)  # the final line, not a progress line
    effort = re.search(r"effort (\d+) failures", p.stderr)
    first = re.search(r"first schedule after ([\d.]+)s", p.stderr)
    space = re.search(r"log10 search space ([\d.]+) -> ([\d.]+)", p.stderr)
    clock = "wall clock" in p.stderr
    return {"wall": wall, "peak": peak, "cost": cost.group(1) if cost else "-",
            "effort": int(effort.group(1)) if effort else 0,
            "first": float(first.group(1)) if first else float("nan"), "clock": clock, "space": space, "rc": p.returncode}


print(f"{'program':<19}{'pruning':>8}{'first s':>9}{'wall s':>8}{'peak MiB':>10}{'cost':>8}{'failures':>10}  log10 space")
for name in names:
    with tempfile.TemporaryDirectory() as tmp:
        if name.isdigit():
            subprocess.run([rota, "nrp", "import", os.path.join(curtois, f"Instance{name}.txt"), "--out", tmp, "-q"],
                           check=True)
            program, roster, label = os.path.join(tmp, "program.yaml"), os.path.join(tmp, "roster.yaml"), f"Instance{name}"
        else:
            d = os.path.join(root, "examples", name)
            program, roster, label = os.path.join(d, "program.yaml"), os.path.join(d, "roster.yaml"), name
        on = run(program, roster, [])
        off = run(program, roster, ["--no-prune"])
        for tag, r in (("on", on), ("off", off)):
            space = f"{r['space'].group(1)} -> {r['space'].group(2)}" if r["space"] and tag == "on" else ""
            mark = " clock" if r["clock"] else ""
            print(f"{label if tag == 'on' else '':<19}{tag:>8}{r['first']:>9.2f}{r['wall']:>8.2f}{r['peak']:>10.1f}{r['cost']:>8}"
                  f"{r['effort']:>10}  {space}{mark}")
        print(f"{'':<19}{'off/on':>8}{off['first'] / max(on['first'], 1e-3):>9.2f}{off['wall'] / on['wall']:>8.2f}{off['peak'] / max(on['peak'], 1e-9):>10.2f}")
