#!/usr/bin/env python3
"""Repair after sick leave vs a cold re-solve, on the internal-medicine
example, in one run: publish a schedule (solve --db), enter a 3-day sick
leave in the second week for a resident who works then, then (a) repair
with --baseline RUN --freeze-until the day before, and (b) solve cold.
Prints, per run, the time to the first schedule and to the best one, the
cost, and the resident-days changed from the published schedule (and how
many of those fall on or before the freeze date).

usage: repair_bench.py ROTA_BINARY [SECONDS]
"""
import csv
import os
import re
import subprocess
import sys
import tempfile

rota = os.path.abspath(sys.argv[1])
seconds = sys.argv[2] if len(sys.argv) > 2 else "30"
src = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
folder = os.path.join(src, "examples", "internal-medicine")
program = os.path.join(folder, "program.yaml")


def rota_run(args):
    p = subprocess.run([rota] + args, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"repair_bench: rota {' '.join(args)}: exit {p.returncode}\n{p.stderr}")
    return p.stderr


def solve(db, out, extra):
    err = rota_run(["solve", "--no-cache", program, "--db", db, "--time-limit", f"{seconds}s", "--threads", "1", "--out", out, "-v"]
                   + extra)
    cost = int(re.search(r"cost (\d+)", err).group(1))
    best = float(re.search(r"best after ([\d.]+)s", err).group(1))
    first = float(re.search(r"first schedule after ([\d.]+)s", err).group(1))
    return cost, first, best


with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, "im.db")
    for table in ("residents", "rotations", "leave", "unavailable", "requests", "fixed", "history"):
        rota_run(["import", table, os.path.join(folder, "csv", table + ".csv"), "--db", db, "-q"])
    published = os.path.join(tmp, "published.csv")
    cost0, first0, best0 = solve(db, published, [])
    rows = list(csv.DictReader(open(published)))
    # Someone on day duty on 2027-11-03 (second week) falls sick for three days.
    who = next(r["resident"] for r in rows if r["date"] == "2027-11-03" and r["shift"] == "WD")
    sick = os.path.join(tmp, "sick.csv")
    open(sick, "w").write(f"resident,from,to,type\n{who},2027-11-02,2027-11-04,sick\n")
    rota_run(["import", "leave", sick, "--db", db, "-q"])
    freeze = "2027-11-01"
    cost1, first1, best1 = solve(db, os.path.join(tmp, "repair.csv"), ["--baseline", "1", "--freeze-until", freeze])
    cost2, first2, best2 = solve(db, os.path.join(tmp, "cold.csv"), [])

    def changed(run):
        p = subprocess.run([rota, "diff", "1", str(run), "--db", db], capture_output=True, text=True)
        lines = list(csv.DictReader(p.stdout.splitlines()))
        return len(lines), sum(1 for r in lines if r["date"] <= freeze)

    (n1, f1), (n2, f2) = changed(2), changed(3)
    print(f"internal-medicine, {seconds}s per run, 1 thread; sick leave {who} 2027-11-02..04, freeze until {freeze}")
    print(f"{'run':<26}{'first s':>9}{'best s':>9}{'cost':>8}{'changed':>9}{'frozen changed':>16}")
    print(f"{'published (cold)':<26}{first0:>9.2f}{best0:>9.2f}{cost0:>8}{'':>9}{'':>16}")
    print(f"{'repair (--baseline 1)':<26}{first1:>9.2f}{best1:>9.2f}{cost1:>8}{n1:>9}{f1:>16}")
    print(f"{'cold re-solve':<26}{first2:>9.2f}{best2:>9.2f}{cost2:>8}{n2:>9}{f2:>16}")
    print(f"repair / cold: time to first schedule {first1 / first2:.3f}x, to best {best1 / best2:.3f}x, "
          f"resident-days changed {n1} vs {n2}")
