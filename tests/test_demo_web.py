"""
test_demo_web.py - `meterd demo --http ADDR:PORT` serves the web API at the
address it prints, with three days of generated history before each
value's first reading, so charts and consumption bars show at once: a
power's chart spans the three days, a total's daily consumption has a bar
for each of them and never goes backwards. SIGTERM stops it and removes its
directory (with the database).
"""
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon_util import METERD, check, free_port, wait_until  # noqa: E402

db = None
port = free_port()
base = "http://127.0.0.1:%d" % port
err = open("/tmp/meterd-test-demo-web.%d.err" % os.getpid(), "w+")
p = subprocess.Popen([METERD, "demo", "--http", "127.0.0.1:%d" % port], stdout=subprocess.DEVNULL,
                     stderr=err)


def get(path):
    try:
        with urllib.request.urlopen(base + path, timeout=10) as r:
            return json.loads(r.read())
    except (OSError, ValueError):
        return None


def log():
    err.flush()
    err.seek(0)
    return err.read()


try:
    check(wait_until(20, lambda: "open http://127.0.0.1:%d/ in a browser" % port in log()),
          "the demo prints where to point the browser")
    check(wait_until(20, lambda: "http: listening on http://127.0.0.1:%d/" % port in log()),
          "and listens there")

    def have(ids):
        v = get("/api/values")
        return v is not None and ids <= {x["id"] for x in v["values"]}
    check(wait_until(30, lambda: have({"Strom/P_in", "Strom/E_in", "SekHK/Temp_Outside"})),
          "the simulated meters' values are served")
    now = int(time.time() * 1000)
    day = 86400000

    def chart():
        q = urllib.parse.urlencode({"id": "Strom/P_in", "from": now - 4 * day, "to": now + 60000,
                                    "points": 400})
        h = get("/api/history?" + q)
        return h if h and len(h["points"]) > 100 else None
    h = wait_until(20, chart)
    pts = h["points"] if h else []
    check(pts and pts[0][0] <= now - int(2.9 * day) and pts[-1][0] >= now - day,
          "a power's chart spans the three generated days (%d points)" % len(pts))
    check(all(p[2] <= p[1] <= p[3] for p in pts), "each point: min <= mean <= max")
    q = urllib.parse.urlencode({"id": "Strom/E_in", "bucket": "day", "from": now - 4 * day,
                                "to": now + 60000})
    # the generated history is committed by the store's writer, value by value
    c = wait_until(20, lambda: (lambda r: r if r and len(r["bars"]) >= 3 else None)(
        get("/api/consumption?" + q)))
    bars = c["bars"] if c else []
    check(len(bars) >= 3, "a total's consumption has a bar for each generated day (%d)" % len(bars))
    check(all(b[1] >= 0 for b in bars), "and never goes backwards: %r" % bars)
    m = re.search(r"history: +(\S+history\.db)", log())
    db = m.group(1) if m else None
    check(db is not None and os.path.exists(db), "the history database is in the demo's directory")
finally:
    p.send_signal(signal.SIGTERM)
    try:
        rc = p.wait(15)
    except subprocess.TimeoutExpired:
        p.kill()
        rc = p.wait()
check(rc == 0, "SIGTERM: exit status 0 (%r)" % rc)
check(db is None or not os.path.exists(os.path.dirname(db)), "the demo's directory is removed")
err.close()
os.unlink(err.name)
from daemon_util import failures  # noqa: E402
sys.exit(1 if failures else 0)
