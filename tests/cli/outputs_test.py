#!/usr/bin/env python3
"""Outputs people use, checked by independent programs.

usage: outputs_test.py ROTA_BINARY SOURCE_DIR [SCREENSHOT.png]

* the HTML report of each example, rendered by headless Chromium: one grid
  cell per resident-day in the DOM, a screenshot taken, and no request to
  the network (a proxy that Chromium must use counts connections; a page
  that does fetch something proves the counter works);
* calendars parsed by python3-icalendar: one event per assignment, times in
  the program's zone across the DST change (by the zone's name and by the
  VTIMEZONE the file carries), UIDs stable across two exports, SEQUENCE one
  higher exactly where a duty changed;
* the manual pages render without groff warnings;
* the bash completion script knows every command.
Run with Debian's python3 (python3-icalendar).
"""
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from datetime import datetime, timezone

import icalendar

from harness import expect, finish

ROTA, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
SCREENSHOT = sys.argv[3] if len(sys.argv) > 3 else None
os.environ["ROTA_CACHE_DIR"] = tempfile.mkdtemp(prefix="rota-outputs-cache-")




def rota(*args, cwd=None):
    p = subprocess.run([ROTA, *args], cwd=cwd, capture_output=True, text=True, timeout=300)
    return p.returncode, p.stdout, p.stderr


class Proxy:
    """A proxy that answers nothing and records the host of every request
    made through it."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.hosts = []
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            conn.settimeout(5)
            try:
                data = conn.recv(4096)
            except OSError:
                data = b""
            if not data:
                # A connection that sends nothing is Chromium preconnecting
                # to its proxy, not a request (CI once failed on one).
                conn.close()
                continue
            try:
                target = data.split(b"\r\n")[0].split(b" ")[1].decode()
            except (IndexError, UnicodeDecodeError):
                target = "?"
            host = re.sub(r"^[a-z]+://", "", target).split("/")[0].split(":")[0]
            self.hosts.append(host)
            conn.close()


# Chromium's own traffic (update checks, time, sign-in) on any page, even a
# blank one: learned once, then not held against the report.
_BROWSER_HOSTS = None


def browser_hosts(tmp):
    global _BROWSER_HOSTS
    if _BROWSER_HOSTS is None:
        blank = os.path.join(tmp, "blank.html")
        with open(blank, "w") as f:
            f.write("<!DOCTYPE html><p>blank</p>")
        proxy = Proxy()
        chromium(blank, proxy, "--dump-dom")
        _BROWSER_HOSTS = set(proxy.hosts) | {"clients2.google.com", "update.googleapis.com", "accounts.google.com"}
    return _BROWSER_HOSTS


def page_requests(proxy, tmp):
    return [h for h in proxy.hosts if h not in browser_hosts(tmp)]


def chromium(page, proxy, *extra):
    cmd = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--disable-default-apps", "--no-first-run", "--no-default-browser-check",
           f"--proxy-server=http://127.0.0.1:{proxy.port}", "--proxy-bypass-list=<-loopback>",
           "--window-size=1400,1000", *extra, "file://" + page]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120).stdout


def check_html(example, tmp):
    name = os.path.basename(example)
    program, roster, schedule = (os.path.join(example, f) for f in ("program.yaml", "roster.yaml", "schedule.csv"))
    page = os.path.join(tmp, name + ".html")
    code, _, err = rota("check", program, schedule, "--roster", roster, "--out", page)  # format by extension
    expect(name + " html report written", code in (0, 1) and open(page).read().startswith("<!DOCTYPE html>"), err)
    code, js, _ = rota("check", program, schedule, "--roster", roster, "--format", "json")
    import json
    doc = json.loads(js)
    residents, days = len(doc["residents"]), doc["horizon"]["days"]
    proxy = Proxy()
    dom = chromium(page, proxy, "--dump-dom")
    cells = re.findall(r'<td class="cell[ "]', dom)
    expect(name + " one grid cell per resident-day", len(cells) == residents * days,
           f"{len(cells)} cells for {residents} x {days}")
    marked = re.findall(r'<td class="cell[^"]* (?:bad|warn)"', dom)
    findings = [f for f in doc["findings"] if f["resident"] and f["severity"] in ("violation", "warning")]
    expect(name + " findings outlined", (len(marked) > 0) == (len(findings) > 0), f"{len(marked)} marked cells")
    shot = os.path.join(tmp, name + ".png")
    chromium(page, proxy, f"--screenshot={shot}")
    ok = os.path.exists(shot) and open(shot, "rb").read(8) == b"\x89PNG\r\n\x1a\n"
    expect(name + " screenshot", ok, shot)
    if ok and SCREENSHOT and name == "internal-medicine":
        shutil.copy(shot, SCREENSHOT)
    links = re.findall(r'(?:src|href)="(?!#|data:)[^"]*"', dom) + re.findall(r"url\((?!#|data:)[^)]*\)|@import", open(page).read())
    expect(name + " nothing to fetch in the page", not links, links[:3])
    expect(name + " no network request", not page_requests(proxy, tmp), page_requests(proxy, tmp))
    # The counter sees a page that does fetch something.
    leaky = os.path.join(tmp, "leaky.html")
    with open(leaky, "w") as f:
        f.write('<!DOCTYPE html><img src="http://example.com/x.png"><p>x</p>')
    control = Proxy()
    chromium(leaky, control, "--dump-dom")
    expect("the network counter works", "example.com" in page_requests(control, tmp), control.hosts)


def check_solve_report(tmp):
    example = os.path.join(SRC, "examples", "family-medicine")
    page = os.path.join(tmp, "solve.html")
    code, _, err = rota("solve", os.path.join(example, "program.yaml"), "--roster", os.path.join(example, "roster.yaml"),
                        "--time-limit", "3s", "--threads", "1", "--out", os.path.join(tmp, "s.csv"), "--report", page,
                        "--format", "html")
    text = open(page).read() if os.path.exists(page) else ""
    expect("solve --report html has the solver summary", code == 0 and 'id="solver"' in text, err)
    code, grid, err = rota("solve", os.path.join(example, "program.yaml"), "--roster", os.path.join(example, "roster.yaml"),
                           "--time-limit", "3s", "--threads", "1", "--format", "grid")
    lines = grid.splitlines()
    expect("solve --format grid", code == 0 and lines[0].startswith("resident,2027-10-25,") and len(lines[0].split(",")) == 29,
           lines[:1])


def parse_ics(path):
    cal = icalendar.Calendar.from_ical(open(path, "rb").read())
    return cal, {str(e["UID"]): e for e in cal.walk("VEVENT")}


def check_calendars(tmp):
    example = os.path.join(SRC, "examples", "family-medicine")
    db = os.path.join(tmp, "fm.db")
    for table in ("residents", "rotations", "leave", "unavailable", "requests", "fixed", "history"):
        path = os.path.join(example, "csv", table + ".csv")
        if os.path.exists(path):
            rota("import", table, path, "--db", db, "-q")
    program = os.path.join(example, "program.yaml")
    for seed in ("1", "2"):
        code, _, err = rota("solve", program, "--db", db, "--time-limit", "3s", "--threads", "1", "--seed", seed,
                            "--no-cache", "-q", "--out", os.devnull)
        expect(f"solve --db seed {seed}", code == 0, err)
    a, b, c = (os.path.join(tmp, n) for n in ("a.ics", "b.ics", "c.ics"))
    rota("export", "--db", db, "--run", "1", "--format", "ics", "--out", a)
    rota("export", "--db", db, "--run", "1", "--format", "ics", "--out", b)
    rota("export", "--db", db, "--run", "2", "--format", "ics", "--out", c)
    expect("two exports of one run are identical", open(a, "rb").read() == open(b, "rb").read())
    _, csv_text, _ = rota("export", "--db", db, "--run", "1", "--format", "csv")
    rows = [line.split(",") for line in csv_text.splitlines()[1:]]
    cal, events = parse_ics(a)
    expect("one event per assignment", len(events) == len(rows) == len(cal.walk("VEVENT")),
           f"{len(events)} events, {len(rows)} rows")
    # Each event starts and ends at the instants the schedule says, read
    # through the zone's name and through the file's own VTIMEZONE.
    vtz = cal.walk("VTIMEZONE")[0].to_tz()
    offsets, wrong = set(), []
    by_start = {}
    for e in events.values():
        by_start.setdefault((e.decoded("dtstart").astimezone(timezone.utc), str(e["SUMMARY"]).split(":")[0]), e)
    for date, resident, shift, start, end, hours in rows:
        want_start, want_end = datetime.fromisoformat(start), datetime.fromisoformat(end)
        e = by_start.get((want_start.astimezone(timezone.utc), resident))
        if e is None:
            wrong.append(("no event", resident, start))
            continue
        got_start, got_end = e.decoded("dtstart"), e.decoded("dtend")
        if str(e["DTSTART"].params.get("TZID")) != "America/Chicago" or got_end != want_end:
            wrong.append((resident, start, str(got_start), str(got_end)))
        local = e["DTSTART"].dt.replace(tzinfo=None)
        if vtz.localize(local).astimezone(timezone.utc) != want_start.astimezone(timezone.utc):
            wrong.append(("vtimezone", resident, start))
        offsets.add(got_start.utcoffset())
    expect("event times in the program's zone", not wrong, wrong[:3])
    expect("events on both sides of the DST change", len(offsets) == 2, offsets)
    # UIDs are the same for the same resident-day across runs; SEQUENCE is
    # one higher exactly where the duty changed.
    _, csv2, _ = rota("export", "--db", db, "--run", "2", "--format", "csv")
    duty = lambda text: {(r[0], r[1]): (r[2], r[3], r[4]) for r in (l.split(",") for l in text.splitlines()[1:])}
    one, two = duty(csv_text), duty(csv2)
    _, events2 = parse_ics(c)
    uid = {}
    for u, e in events.items():
        uid[(e.decoded("dtstart").date().isoformat(), str(e["SUMMARY"]).split(":")[0])] = u
    bad_seq, changed = [], 0
    for u, e in events2.items():
        key = (str(e["UID"])[:8], str(e["SUMMARY"]).split(":")[0])
        day = f"{key[0][:4]}-{key[0][4:6]}-{key[0][6:]}"
        k = (day, key[1])
        before = one.get(k)
        want = 0 if before == two.get(k) else 1
        changed += want
        if int(e["SEQUENCE"]) != want or (before and uid.get(k, u) != u):
            bad_seq.append((k, before, two.get(k), int(e["SEQUENCE"])))
    expect("SEQUENCE grows exactly on change, UIDs stable", not bad_seq and changed > 0,
           f"{changed} changed; {bad_seq[:3]}")
    per = os.path.join(tmp, "per")
    code, _, err = rota("export", "--db", db, "--format", "ics", "--per-resident", per)
    files = sorted(os.listdir(per)) if os.path.isdir(per) else []
    total = sum(len(parse_ics(os.path.join(per, f))[1]) for f in files)
    residents = {r[1] for r in (l.split(",") for l in csv2.splitlines()[1:])}
    expect("--per-resident: one calendar per resident", code == 0 and len(files) >= len(residents)
           and total == len(two), f"{len(files)} files, {total} events, {err}")


def check_manuals():
    for page in ("rota.1", "rota.5"):
        p = subprocess.run(["groff", "-man", "-ww", "-z", os.path.join(SRC, "man", page)], capture_output=True, text=True)
        expect(f"man/{page} renders without warnings", p.returncode == 0 and p.stderr == "", p.stderr[:300])


def check_completion():
    code, script, err = rota("completion", "bash")
    expect("completion bash", code == 0 and "-F _rota rota" in script, err)
    for command in ("solve", "check", "lint", "import", "runs", "export", "diff", "cache", "nrp", "help"):
        expect(f"completion knows {command}", re.search(rf"\b{command}\b", script) is not None)
    p = subprocess.run(["bash", "-c", script + "\nCOMP_WORDS=(rota export --f); COMP_CWORD=2; _rota; "
                        "printf '%s\\n' \"${COMPREPLY[@]}\""], capture_output=True, text=True)
    expect("completion completes export's options", "--format" in p.stdout.split(), p.stdout + p.stderr)


with tempfile.TemporaryDirectory() as tmp:
    for folder in sorted(os.listdir(os.path.join(SRC, "examples"))):
        if os.path.isdir(os.path.join(SRC, "examples", folder)):
            check_html(os.path.join(SRC, "examples", folder), tmp)
    check_solve_report(tmp)
    check_calendars(tmp)
check_manuals()
check_completion()
shutil.rmtree(os.environ["ROTA_CACHE_DIR"], ignore_errors=True)
finish("outputs")
