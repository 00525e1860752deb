#!/usr/bin/env python3
"""Fault scenarios: what a nightly job nobody watches must survive.

usage: faults_test.py ROTA_BINARY SOURCE_DIR

Each scenario does something to a running or about-to-run rota and then
checks that nothing was lost or half-written: earlier outputs intact, no
partial file under a target name, the database passing PRAGMA
integrity_check with the runs it should have, the cache verifying.

* kill -9 during a solve and during an export;
* SIGINT and SIGTERM during a solve: exit 130, the best schedule written
  (and compliant), the run recorded as interrupted;
* a full disk (a file-size limit): a clear error, exit 74, the old output
  kept, the database and the cache intact;
* a read-only database, a corrupted database file, a cache directory that
  cannot be written (run as an unprivileged user when the test is root);
* hostile resident ids (SQL, path and markup characters);
* file modes: reports 0600, the database and cache private, --umask;
* 2, 4 and 8 concurrent solves sharing one cache and one database.
"""
import glob
import os
import random
import resource
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time

from harness import expect, finish

ROTA, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
FM = os.path.join(SRC, "examples", "family-medicine")
IM = os.path.join(SRC, "examples", "internal-medicine")




def crashed(code, err):
    return (code < 0 and code not in (-signal.SIGKILL,)) or code in (134, 139) or "Sanitizer" in err \
        or "terminate called" in err


def rota(*args, cwd=None, env=None, preexec=None, user=None):
    cmd = [ROTA, *args]
    if user is not None:
        cmd = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *cmd]
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=300, env=env, preexec_fn=preexec)
    return p.returncode, p.stdout, p.stderr


def integrity(db):
    con = sqlite3.connect(db)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


def runs(db):
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT id, status FROM runs ORDER BY id").fetchall()
    finally:
        con.close()


def leftovers(folder, name):
    """Files beside `name` that are not it: temporaries left behind."""
    return [f for f in os.listdir(folder) if f.startswith(name) and f != name]


def make_db(tmp, example=FM):
    db = os.path.join(tmp, "rota.db")
    for table in ("residents", "rotations", "leave", "unavailable", "requests", "fixed", "history"):
        path = os.path.join(example, "csv", table + ".csv")
        if os.path.exists(path):
            code, _, err = rota("import", table, path, "--db", db, "-q")
            assert code == 0, err
    return db


def start_solve(args, tmp):
    """Starts a long solve and returns once it is searching (its first
    progress line on stderr)."""
    p = subprocess.Popen([ROTA, "solve", *args, "-v", "--time-limit", "120s", "--threads", "1"], cwd=tmp,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    err = []
    for line in p.stderr:
        err.append(line)
        if line.startswith("rota: progress"):
            break
    return p, err


def check_kill_during_solve(tmp):
    db = make_db(tmp)
    out = os.path.join(tmp, "schedule.csv")
    program = os.path.join(FM, "program.yaml")
    code, _, err = rota("solve", program, "--db", db, "--time-limit", "2s", "--threads", "1", "--no-cache", "-q",
                        "--out", out)
    expect("a first solve", code == 0, err)
    before = open(out, "rb").read()
    p, _ = start_solve([program, "--db", db, "--no-cache", "--out", out], tmp)
    p.kill()
    p.wait()
    expect("kill -9 during solve: the earlier schedule intact", open(out, "rb").read() == before)
    expect("kill -9 during solve: no partial file under the target name", not leftovers(tmp, "schedule.csv"),
           leftovers(tmp, "schedule.csv"))
    expect("kill -9 during solve: database intact", integrity(db) == "ok" and len(runs(db)) == 1, runs(db))
    code, _, err = rota("solve", program, "--db", db, "--time-limit", "1s", "--threads", "1", "--no-cache", "-q",
                        "--out", out)
    expect("kill -9 during solve: the lock died with it", code == 0 and len(runs(db)) == 2, err)
    # kill -9 at random moments of an export: the file is the old one or
    # the whole new one, never a part.
    target = os.path.join(tmp, "export.csv")
    _, full, _ = rota("export", "--db", db, "--format", "grid")
    rng = random.Random(7)
    torn = []
    for _ in range(25):
        with open(target, "w") as f:
            f.write("old\n")
        p = subprocess.Popen([ROTA, "export", "--db", db, "--format", "grid", "--out", target],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0, 0.03))  # where the kill lands, not what is checked
        p.kill()
        p.wait()
        text = open(target).read()
        if text not in ("old\n", full):
            torn.append(text[:40])
        for f in leftovers(tmp, "export.csv"):
            os.unlink(f"{tmp}/{f}")  # a temporary of a killed write; the target is what matters
    expect("kill -9 during export: old file or whole new file", not torn and full.startswith("resident,"), torn[:2])


def check_signals(tmp):
    program = os.path.join(FM, "program.yaml")
    for sig in (signal.SIGINT, signal.SIGTERM):
        sub = os.path.join(tmp, sig.name)
        os.mkdir(sub)
        db = make_db(sub)
        out = os.path.join(sub, "schedule.csv")
        p, err = start_solve([program, "--db", db, "--no-cache", "--out", out], sub)
        p.send_signal(sig)
        err += p.stderr.readlines()
        code = p.wait()
        err = "".join(err)
        expect(f"{sig.name}: exit 130", code == 130, f"exit {code}: {err[-300:]}")
        expect(f"{sig.name}: marked interrupted", "interrupted" in err, err[-300:])
        ok = os.path.exists(out)
        expect(f"{sig.name}: the best schedule so far is written", ok)
        if ok:
            c, _, e = rota("check", program, out, "--db", db, "-q")
            expect(f"{sig.name}: and it is compliant", c == 0, e)
        expect(f"{sig.name}: the run is recorded as interrupted", runs(db)[-1:] == [(1, "interrupted")], runs(db))


def limit_file_size(n):
    return lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (n, n))


def check_full_disk(tmp):
    program, roster = os.path.join(FM, "program.yaml"), os.path.join(FM, "roster.yaml")
    cache = os.path.join(tmp, "cache")
    out = os.path.join(tmp, "schedule.csv")
    with open(out, "w") as f:
        f.write("date,resident,shift\n")
    before = open(out).read()
    # The schedule is ~17 KB: a 4 KB limit stops its write.
    code, _, err = rota("solve", program, "--roster", roster, "--time-limit", "2s", "--threads", "1",
                        "--cache-dir", cache, "--out", out, preexec=limit_file_size(4096))
    expect("full disk: no crash", not crashed(code, err), err[-300:])
    expect("full disk: exit 74 naming the file", code == 74 and "schedule.csv" in err, f"exit {code}: {err[-300:]}")
    expect("full disk: the old output kept", open(out).read() == before)
    expect("full disk: no partial file", not leftovers(tmp, "schedule.csv"), leftovers(tmp, "schedule.csv"))
    code, _, err = rota("cache", "verify", "--cache-dir", cache)
    expect("full disk: the cache still verifies", code == 0, err)
    # Standard output on a full device.
    with open("/dev/full", "w") as full:
        p = subprocess.run([ROTA, "solve", program, "--roster", roster, "--time-limit", "1s", "--threads", "1",
                            "--cache-dir", cache], stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    expect("full disk, standard output: exit 74", p.returncode == 74 and "standard output" in p.stderr,
           f"exit {p.returncode}: {p.stderr[-200:]}")
    # The database cannot grow: the run is not recorded, the file is intact.
    sub = os.path.join(tmp, "db")
    os.mkdir(sub)
    db = make_db(sub)
    code, _, err = rota("solve", os.path.join(FM, "program.yaml"), "--db", db, "--time-limit", "1s", "--threads", "1",
                        "--no-cache", "-o", os.devnull, preexec=limit_file_size(4096))
    expect("full disk, database: a clear error, exit 74", code == 74 and "error" in err, f"exit {code}: {err[-300:]}")
    expect("full disk, database: intact", integrity(db) == "ok" and runs(db) == [], runs(db))


def unprivileged(tmp):
    """A user to run as whom file permissions bind (root ignores them):
    nobody when the test is root, else the test's own user."""
    if os.getuid() != 0:
        return None, ROTA
    # nobody cannot reach the build tree (it may sit under /root): a copy.
    binary = os.path.join(tmp, "rota-bin")
    shutil.copy(ROTA, binary)
    os.chmod(tmp, 0o755)
    return 65534, binary


def check_permissions(tmp):
    global ROTA
    user, binary = unprivileged(tmp)
    saved, ROTA = ROTA, binary
    try:
        program = os.path.join(tmp, "program.yaml")
        shutil.copy(os.path.join(FM, "program.yaml"), program)
        sub = os.path.join(tmp, "ro")
        os.mkdir(sub)
        db = make_db(sub)
        os.chmod(db, 0o444)
        os.chmod(sub, 0o555)
        os.chmod(program, 0o444)
        before = open(db, "rb").read()
        code, _, err = rota("solve", program, "--db", db, "--time-limit", "1s", "--threads", "1", "--no-cache",
                            "-o", "/dev/null", user=user)
        expect("read-only database: solve refuses with a clear error", not crashed(code, err) and code == 74
               and "rota.db" in err, f"exit {code}: {err[-300:]}")
        expect("read-only database: unchanged", open(db, "rb").read() == before)
        c2, _, e2 = rota("lint", program, "--db", db, user=user)
        expect("read-only database: lint reads it", c2 == 0, e2[-300:])
        # A cache directory that cannot be written: the solve goes on without it.
        cache = os.path.join(tmp, "cache")
        os.mkdir(cache, 0o555)
        with open(os.path.join(FM, "roster.yaml")) as f:
            roster_text = f.read()
        roster = os.path.join(tmp, "roster.yaml")
        with open(roster, "w") as f:
            f.write(roster_text)
        os.chmod(roster, 0o444)
        code, text, err = rota("solve", program, "--roster", roster, "--time-limit", "1s", "--threads", "1",
                               "--cache-dir", cache, "-o", "-", user=user)
        expect("unwritable cache: the schedule still comes, with a warning", code == 0
               and text.startswith("date,resident") and "warning" in err and "cache" in err, f"exit {code}: {err[-300:]}")
        expect("unwritable cache: nothing written there", os.listdir(cache) == [], os.listdir(cache))
    finally:
        ROTA = saved
    # A corrupted database: bytes overwritten, then the file cut short.
    for damage in ("overwrite", "truncate"):
        sub = os.path.join(tmp, damage)
        os.mkdir(sub)
        db = make_db(sub)
        with open(db, "r+b") as f:
            if damage == "overwrite":
                f.seek(0)
                f.write(os.urandom(4096))
            else:
                f.truncate(os.path.getsize(db) // 3)
        for args in (["lint", os.path.join(FM, "program.yaml"), "--db", db],
                     ["solve", os.path.join(FM, "program.yaml"), "--db", db, "--time-limit", "1s", "--no-cache", "-o",
                      os.path.join(sub, "s.csv")]):
            code, _, err = rota(*args)
            expect(f"corrupted database ({damage}), {args[0]}: a clear error, no crash",
                   not crashed(code, err) and code in (3, 74) and "error" in err and "rota.db" in err,
                   f"exit {code}: {err[-300:]}")
        expect(f"corrupted database ({damage}): no schedule written", not os.path.exists(os.path.join(sub, "s.csv")))


def check_hostile_ids(tmp):
    """Resident ids with SQL, path and markup characters go through import,
    solve, the database and the outputs as data, nothing else."""
    db = os.path.join(tmp, "hostile.db")
    evil = ["x'); DROP TABLE residents;--", "../../etc/passwd", "<img src=x>", "a;b|c`d`$(e)"]
    with open(os.path.join(tmp, "residents.csv"), "w") as f:
        f.write("id,name,pgy\n")
        for i, r in enumerate(evil):
            f.write(f"\"{r}\",n{i},{1 + i % 3}\n")
        for i in range(6):
            f.write(f"r{i},m{i},{1 + i % 3}\n")
    program = os.path.join(tmp, "program.yaml")
    with open(program, "w") as f:
        f.write("program: Hostile\ntimezone: UTC\nhorizon: {start: 2027-01-04, days: 7}\nshifts:\n"
                "  - {id: D, start: \"08:00\", hours: 10, kind: day}\ncoverage:\n"
                "  - {shift: D, days: [mon, tue, wed, thu, fri, sat, sun], min: 2}\n")
    code, _, err = rota("import", "residents", os.path.join(tmp, "residents.csv"), "--db", db)
    expect("hostile ids: imported", code == 0, err)
    code, _, err = rota("solve", program, "--db", db, "--time-limit", "1s", "--threads", "1", "--no-cache", "-q",
                        "-o", os.path.join(tmp, "h.csv"))
    expect("hostile ids: solved", code == 0, err)
    con = sqlite3.connect(db)
    ids = sorted(r[0] for r in con.execute("SELECT id FROM residents"))
    con.close()
    expect("hostile ids: stored as data, the table intact", set(evil) <= set(ids) and len(ids) == 10, ids)
    per = os.path.join(tmp, "calendars")
    code, _, err = rota("export", "--db", db, "--format", "ics", "--per-resident", per)
    names = sorted(os.listdir(per)) if os.path.isdir(per) else []
    escaped = all("/" not in n and not n.startswith(".") for n in names)
    expect("hostile ids: one calendar each, inside DIR", code == 0 and len(names) == 10 and escaped
           and not os.path.exists(os.path.join(tmp, "etc")), names)
    code, html, err = rota("check", program, os.path.join(tmp, "h.csv"), "--db", db, "--format", "html")
    expect("hostile ids: escaped in HTML", "<img src=x>" not in html and "&lt;img src=x&gt;" in html, err)


def check_file_modes(tmp):
    """Reports (they name leave) are 0600, the database and the cache are
    private, schedules follow the umask; --umask overrides."""
    program, roster = os.path.join(FM, "program.yaml"), os.path.join(FM, "roster.yaml")
    mode = lambda path: stat.S_IMODE(os.stat(path).st_mode)
    umask022 = lambda: os.umask(0o022)
    cache = os.path.join(tmp, "cache")
    code, _, err = rota("solve", program, "--roster", roster, "--time-limit", "1s", "--threads", "1", "--cache-dir",
                        cache, "-q", "--out", f"{tmp}/s.csv", "--report", f"{tmp}/r.html", preexec=umask022)
    code2, _, _ = rota("check", program, f"{tmp}/s.csv", "--roster", roster, "--out", f"{tmp}/c.json", preexec=umask022)
    expect("modes: reports 0600, schedule 0644 under umask 022", code == 0 and code2 == 0
           and (mode(f"{tmp}/r.html"), mode(f"{tmp}/c.json"), mode(f"{tmp}/s.csv")) == (0o600, 0o600, 0o644),
           (oct(mode(f"{tmp}/r.html")), oct(mode(f"{tmp}/s.csv")), err))
    files = [f for f in glob.glob(os.path.join(cache, "**"), recursive=True)]
    bad = [(f, oct(mode(f))) for f in files if mode(f) != (0o700 if os.path.isdir(f) else 0o600)]
    expect("modes: cache files 0600 in 0700 directories", files and not bad, bad)
    rota("check", program, f"{tmp}/s.csv", "--roster", roster, "--out", f"{tmp}/g.md", "--umask", "027",
         preexec=umask022)
    expect("modes: --umask 027 makes a report 0640", mode(f"{tmp}/g.md") == 0o640, oct(mode(f"{tmp}/g.md")))
    db = make_db(tmp)
    expect("modes: a database rota creates is 0600", mode(db) == 0o600, oct(mode(db)))


def check_no_shell(tmp):
    """rota starts no shell and no other program: no call that could."""
    import re
    calls = re.compile(r"\b(system|popen|execv|execve|execl|execlp|execvp|posix_spawnp?|fork|vfork)\s*\(")
    found = []
    for root in ("src", "include"):
        for path in glob.glob(os.path.join(SRC, root, "**", "*.[ch]pp"), recursive=True):
            for n, line in enumerate(open(path), 1):
                if calls.search(line.split("//")[0]):
                    found.append(f"{os.path.relpath(path, SRC)}:{n}")
    expect("no shell or program is ever started", not found, found)


def check_concurrent(tmp):
    program = os.path.join(FM, "program.yaml")
    for n in (2, 4, 8):
        sub = os.path.join(tmp, f"c{n}")
        os.mkdir(sub)
        db = make_db(sub)
        cache = os.path.join(sub, "cache")
        procs = []
        for k in range(n):
            # Half record runs in the database (waiting for its lock), half
            # only share the cache; seeds differ so entries differ too.
            args = [ROTA, "solve", program, "--time-limit", "5s", "--threads", "1", "--seed", str(1 + k % 3),
                    "--cache-dir", cache, "-q", "--out", os.path.join(sub, f"s{k}.csv")]
            args += ["--db", db, "--wait", "300"] if k % 2 == 0 else ["--roster", os.path.join(FM, "roster.yaml")]
            procs.append(subprocess.Popen(args, stderr=subprocess.PIPE, text=True))
        results = [(p.wait(), p.stderr.read()) for p in procs]
        bad = [(c, e[-200:]) for c, e in results if c != 0]
        expect(f"{n} concurrent solves: all succeed", not bad, bad)
        expect(f"{n} concurrent solves: every run recorded, database intact",
               integrity(db) == "ok" and len(runs(db)) == (n + 1) // 2, runs(db))
        code, _, err = rota("cache", "verify", "--cache-dir", cache)
        entries = glob.glob(os.path.join(cache, "*", "*.entry"))
        temps = [f for f in glob.glob(os.path.join(cache, "**", "*"), recursive=True) if ".tmp" in f]
        expect(f"{n} concurrent solves: the cache verifies, no temporary left", code == 0 and entries and not temps,
               err + str(temps))
        for k in range(n):
            c, _, e = rota("check", program, os.path.join(sub, f"s{k}.csv"), "--roster",
                           os.path.join(FM, "roster.yaml"), "-q")
            expect(f"{n} concurrent solves: schedule {k} compliant", c == 0, e)


for scenario in (check_kill_during_solve, check_signals, check_full_disk, check_permissions, check_hostile_ids,
                 check_file_modes, check_no_shell, check_concurrent):
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ROTA_CACHE_DIR"] = os.path.join(tmp, "default-cache")
        scenario(tmp)
finish("faults")
