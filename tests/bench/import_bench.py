#!/usr/bin/env python3
"""Imports N request rows (default 1,000,000) with `rota import` and with
sqlite3's own `.import` of the same CSV into the same schema, in one run,
and prints wall time and peak memory of each and their ratios.

usage: import_bench.py ROTA_BINARY [ROWS]
Needs the sqlite3 command-line shell (Debian package sqlite3).
"""
import os
import shutil
import subprocess
import sys
import tempfile

rota = os.path.abspath(sys.argv[1])
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
if not shutil.which("sqlite3"):
    sys.exit("import_bench: the sqlite3 shell is missing (apt-get install sqlite3)")


def timed(args, stdin=None):
    p = subprocess.run(["/usr/bin/time", "-f", "%e %M"] + args, stdin=stdin, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"import_bench: {' '.join(args)} failed: {p.stderr}")
    seconds, kib = p.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(kib) / 1024


with tempfile.TemporaryDirectory() as tmp:
    residents = 500
    days = (rows + residents - 1) // residents
    res_csv, req_csv = os.path.join(tmp, "residents.csv"), os.path.join(tmp, "requests.csv")
    with open(res_csv, "w") as f:
        f.write("id,name,pgy\n")
        for r in range(residents):
            f.write(f"R{r:04},Resident {r},{1 + r % 3}\n")
    import datetime
    start = datetime.date(2027, 1, 1)
    dates = [(start + datetime.timedelta(days=d)).isoformat() for d in range(days)]
    with open(req_csv, "w") as f:
        f.write("resident,date,shift,off,weight\n")
        n = 0
        for d in dates:
            for r in range(residents):
                if n == rows:
                    break
                f.write(f"R{r:04},{d},{'WD' if (r + n) % 3 else ''},{'true' if n % 2 else 'false'},{1 + n % 5}\n")
                n += 1
    mib = os.path.getsize(req_csv) / 2**20
    base = os.path.join(tmp, "base.db")
    subprocess.run([rota, "import", "residents", res_csv, "--db", base, "-q"], check=True)
    ours, theirs = os.path.join(tmp, "ours.db"), os.path.join(tmp, "theirs.db")
    shutil.copy(base, ours)
    shutil.copy(base, theirs)
    t_rota, m_rota = timed([rota, "import", "requests", req_csv, "--db", ours, "-q"])
    t_sql, m_sql = timed(["sqlite3", theirs, "-cmd", ".mode csv", f".import --skip 1 {req_csv} requests"])
    count = subprocess.run(["sqlite3", ours, "SELECT count(*) FROM requests"], capture_output=True, text=True).stdout.strip()
    count2 = subprocess.run(["sqlite3", theirs, "SELECT count(*) FROM requests"], capture_output=True, text=True).stdout.strip()
    t_again, m_again = timed([rota, "import", "requests", req_csv, "--db", ours, "-q"])
    print(f"{rows} request rows ({mib:.0f} MiB of CSV), {residents} residents")
    print(f"{'':<28}{'seconds':>9}{'peak MiB':>10}{'rows':>10}")
    print(f"{'sqlite3 .import':<28}{t_sql:>9.2f}{m_sql:>10.0f}{count2:>10}")
    print(f"{'rota import':<28}{t_rota:>9.2f}{m_rota:>10.0f}{count:>10}")
    print(f"{'rota import again (no-op)':<28}{t_again:>9.2f}{m_again:>10.0f}")
    print(f"ratio rota / sqlite3: time {t_rota / t_sql:.2f}x, memory {m_rota / m_sql:.2f}x")
