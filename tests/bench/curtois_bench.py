#!/usr/bin/env python3
"""Runs rota on the Curtois & Qu instances and prints, per instance, the
penalty found (checked by `rota nrp score`), the best known value, the gap,
the time to the best solution, the time taken, what ended the run (the
effort budget, reproducible, or the clock) and the peak memory.

usage: curtois_bench.py ROTA_BINARY SECONDS [--threads N] [INSTANCE_NUMBERS...]
  e.g. tests/bench/curtois_bench.py build/src/rota 60 1 2 3 4 5 6 7
  --threads: search threads (default 1, the reproducible setting)
"""
import csv
import os
import re
import resource
import subprocess
import sys
import tempfile

rota, seconds = os.path.abspath(sys.argv[1]), sys.argv[2]
rest = sys.argv[3:]
threads = "1"
if rest[:1] == ["--threads"]:
    threads, rest = rest[1], rest[2:]
numbers = [int(n) for n in rest] or list(range(1, 25))
here = os.path.dirname(os.path.abspath(__file__))
bench = os.path.normpath(os.path.join(here, "..", "..", "..", "shared", "benchmarks", "curtois"))
best = {row["instance"]: int(row["best_known_upper_bound"])
        for row in csv.DictReader(open(os.path.join(bench, "best_known.csv")))}

print(f"{'instance':<11}{'penalty':>9}{'best':>8}{'gap %':>8}{'to best s':>11}{'took s':>8}{'ended':>8}{'peak MiB':>10}  status")
gaps = {}
for n in numbers:
    name = f"Instance{n}"
    path = os.path.join(bench, name + ".txt")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([rota, "nrp", "import", path, "--out", tmp, "-q"], check=True)
        sol = os.path.join(tmp, "schedule.csv")
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        p = subprocess.run(["/usr/bin/time", "-f", "%M", rota, "solve", "--no-cache", os.path.join(tmp, "program.yaml"),
                            "--roster", os.path.join(tmp, "roster.yaml"), "--time-limit", f"{seconds}s",
                            "--threads", threads, "--seed", "1", "--out", sol, "--verbose"],
                           capture_output=True, text=True)
        peak_kib = int(p.stderr.strip().splitlines()[-1]) if p.stderr.strip() else 0
        m = re.search(r"rota: (\w+).*cost (\d+).*best after ([\d.]+)s of ([\d.]+)s", p.stderr)
        ended = "clock" if "not reproducible" in p.stderr else "budget"
        if p.returncode != 0 or not m:
            print(f"{name:<11}{'-':>9}{best[name]:>8}{'-':>8}{'-':>11}{'-':>8}{'-':>8}{peak_kib / 1024:>10.0f}  exit {p.returncode}: "
                  + " ".join(p.stderr.strip().splitlines()[-2:-1]))
            continue
        s = subprocess.run([rota, "nrp", "score", path, sol, "--format", "json"], capture_output=True, text=True)
        import json
        score = json.loads(s.stdout)
        penalty = score["penalty"]
        gap = 100.0 * (penalty - best[name]) / best[name]
        gaps[n] = gap
        status = m.group(1) + ("" if score["feasible"] and penalty == int(m.group(2)) else " CHECK MISMATCH")
        print(f"{name:<11}{penalty:>9}{best[name]:>8}{gap:>8.2f}{float(m.group(3)):>11.1f}{float(m.group(4)):>8.1f}"
              f"{ended:>8}{peak_kib / 1024:>10.0f}  {status}")
sel = [g for n, g in gaps.items() if n <= 12]
if sel:
    print(f"mean gap on instances 1-12 run here: {sum(sel) / len(sel):.2f}% over {len(sel)} instances")
