"""
test_influx.py - the InfluxDB sink against Debian's real influxd (1.6, the
v1 /write API): points queried back with the tags, values and the meter's
own times of the counting source's model; influxd stopped while the source
goes on (and is restarted once), then started again: nothing lost. The v2
API (/api/v2/write with a token) has no server packaged in Debian 12, so
its request shape is checked by a local HTTP listener written here, which
also answers 503 at first to make the sink retry.
"""
import http.server
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from decimal import Decimal

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon_util import check, finish, mktemp, wait_until  # noqa: E402
from mqtt_util import FEED_T0, Feed, free_port, stop_proc  # noqa: E402

tmp = mktemp()
procs = []


class Influxd:
    def __init__(self):
        self.port, self.rpc = free_port(), free_port()
        d = os.path.join(tmp, "influx")
        os.makedirs(d, exist_ok=True)
        self.conf = os.path.join(d, "influxdb.conf")
        with open(self.conf, "w") as f:
            f.write('reporting-enabled = false\nbind-address = "127.0.0.1:%d"\n'
                    '[meta]\n  dir = "%s/meta"\n[data]\n  dir = "%s/data"\n  wal-dir = "%s/wal"\n'
                    '  query-log-enabled = false\n[monitor]\n  store-enabled = false\n'
                    '[http]\n  enabled = true\n  bind-address = "127.0.0.1:%d"\n  log-enabled = false\n'
                    '[continuous_queries]\n  enabled = false\n' % (self.rpc, d, d, d, self.port))
        self.base = "http://127.0.0.1:%d" % self.port
        self.p = None
        self.start()

    def start(self):
        self.p = subprocess.Popen(["influxd", "run", "-config", self.conf],
                                  stdout=subprocess.DEVNULL,
                                  stderr=open(os.path.join(tmp, "influxd.log"), "a"))
        procs.append(self.p)
        ok = wait_until(20, lambda: self._ping())
        if not ok or self.p.poll() is not None:
            raise RuntimeError("influxd did not start")

    def _ping(self):
        try:
            return urllib.request.urlopen(self.base + "/ping", timeout=1).status == 204
        except OSError:
            return False

    def stop(self):
        stop_proc(self.p, 10)

    def query(self, q):
        data = urllib.parse.urlencode({"q": q, "db": "meterd", "epoch": "ms"}).encode()
        with urllib.request.urlopen(self.base + "/query", data=data, timeout=10) as r:
            return json.loads(r.read(), parse_float=Decimal)

    def series(self, meter, vid):
        res = self.query("SELECT * FROM meterd WHERE meter='%s' AND id='%s'" % (meter, vid))
        s = res["results"][0].get("series")
        if not s:
            return []
        cols = s[0]["columns"]
        return [dict(zip(cols, v)) for v in s[0]["values"]]


def influx_stats(feed):
    feed.out.seek(0)
    for l in feed.out.read().splitlines():
        if l.startswith("influx "):
            w = l.split()
            return {w[i]: int(w[i + 1]) for i in range(1, len(w) - 1, 2)}
    return None


def conf_file(name, lines):
    path = os.path.join(tmp, name)
    with open(path, "w") as f:
        f.write("influx {\n%s\n}\nmeter unused {\n    port \"/dev/null\"\n    protocol sml\n}\n"
                % "\n".join("    " + l for l in lines))
    return path


try:
    ix = Influxd()
    ix.query("CREATE DATABASE meterd")
    conf = conf_file("v1.conf", ["url %s" % ix.base, "db meterd", "batch 20", "flush 200ms",
                                 'spool "%s/spool.db"' % tmp])

    # --- points back with tags, values and times
    feed = Feed(tmp, conf, "--meters", "2", "--count", "20", "--interval", "50", "--linger", "3000",
                name="feed-v1")
    procs.append(feed.p)
    check(feed.wait(30) == 0, "the source ran 20 ticks and stopped")
    rows = ix.series("m1", "energy")
    check(len(rows) == 20, "20 energy points of m1 in InfluxDB (%d)" % len(rows))
    check([r["time"] for r in rows] == [(FEED_T0 + i) * 1000 for i in range(1, 21)],
          "each point carries the meter's own time")
    check([r["value"] for r in rows] == [Decimal(i) / 10 for i in range(1, 21)],
          "values as the model (i/10 kWh)")
    check(all(r["meter"] == "m1" and r["protocol"] == "sml" and r["unit"] == "kWh" for r in rows),
          "tags meter, protocol, id, unit")
    rows = ix.series("m1", "serial")
    check(len(rows) == 20 and rows[0]["text"] == "E0044007131650618", "text values as a text field")
    rows = ix.series("m2", "power")
    check([r["value"] for r in rows] == [Decimal(i * 7 % 1000) for i in range(1, 21)],
          "the second meter's power, as the model")
    st = influx_stats(feed)
    check(st is not None and st["delivered"] == st["queued"] == 20 * 8 and st["waiting"] == 0,
          "every line acknowledged (204): %r" % st)

    # --- influxd down, the source restarted in between, influxd back: nothing lost
    state = os.path.join(tmp, "ticks")
    with open(state, "w") as f:
        f.write("20\n")
    feed = Feed(tmp, conf, "--count", "100000", "--interval", "50", "--state", state, name="feed-o1")
    procs.append(feed.p)
    check(wait_until(20, lambda: feed.ticks() >= 30) is not None, "ticks go on")
    ix.stop()
    t_down = feed.ticks()
    check(wait_until(20, lambda: feed.ticks() >= t_down + 30) is not None,
          "metering goes on while influxd is down")
    check(feed.stop() == 0, "the source stops during the outage")
    st = influx_stats(feed)
    check(st is not None and st["waiting"] > 0, "lines wait in the spool: %r" % st)
    last1 = feed.ticks()
    feed = Feed(tmp, conf, "--count", "40", "--interval", "50", "--state", state, "--linger", "60000",
                name="feed-o2")
    procs.append(feed.p)
    check(wait_until(20, lambda: feed.ticks() >= last1 + 20) is not None, "the restarted source counts on")
    ix.start()
    final = last1 + 40

    def all_there():
        try:
            return len(ix.series("m1", "energy")) >= final
        except OSError:
            return False
    check(wait_until(90, all_there) is not None, "after influxd is back, every point arrives")
    feed.stop()
    rows = ix.series("m1", "energy")
    check([r["time"] for r in rows] == [(FEED_T0 + i) * 1000 for i in range(1, final + 1)],
          "points 1..%d, none missing (%d points)" % (final, len(rows)))
    ix.stop()

    # --- v2 request shape, against a listener that checks it
    seen = {"requests": [], "lines": [], "refused": 0}

    class V2(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode()
            u = urllib.parse.urlsplit(self.path)
            seen["requests"].append((u.path, urllib.parse.parse_qs(u.query),
                                     self.headers.get("Authorization"),
                                     self.headers.get("Content-Type")))
            if seen["refused"] < 2:
                seen["refused"] += 1
                self.send_response(503)
                self.end_headers()
                return
            seen["lines"] += body.splitlines()
            self.send_response(204)
            self.end_headers()

        def log_message(self, *a):
            pass

    srv = http.server.HTTPServer(("127.0.0.1", 0), V2)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    conf2 = conf_file("v2.conf", ["url http://127.0.0.1:%d/" % srv.server_address[1], "org home",
                                  "bucket \"my bucket\"", "token s3cr3t", "batch 10", "flush 100ms",
                                  'spool "%s/spool2.db"' % tmp])
    feed = Feed(tmp, conf2, "--count", "5", "--interval", "50", "--linger", "6000", name="feed-v2")
    procs.append(feed.p)
    check(feed.wait(30) == 0, "the v2 source ran")
    srv.shutdown()
    check(len(seen["requests"]) >= 3 and seen["refused"] == 2, "503 twice, then retried")
    for path, q, auth, ctype in seen["requests"]:
        check(path == "/api/v2/write" and q == {"org": ["home"], "bucket": ["my bucket"],
                                                "precision": ["ms"]} and auth == "Token s3cr3t" and
              ctype.startswith("text/plain"),
              "v2 request: POST /api/v2/write?org&bucket&precision=ms, Authorization: Token (%r)"
              % ((path, q, auth, ctype),))
        break
    want = []
    for i in range(1, 6):
        t = (FEED_T0 + i) * 1000
        want += ["meterd,meter=m1,protocol=sml,id=energy,unit=kWh value=%s %d" % (Decimal(i) / 10, t),
                 "meterd,meter=m1,protocol=sml,id=power,unit=W value=%d %d" % (i * 7 % 1000, t)]
    check(all(w in seen["lines"] for w in want), "energy and power lines exactly as line protocol says")
    check(seen["lines"].count(want[0]) == 1, "a line acknowledged once is not sent again")
    check('meterd,meter=m1,protocol=sml,id=serial text="E0044007131650618" %d' % ((FEED_T0 + 1) * 1000)
          in seen["lines"], "text line")
finally:
    for p in procs:
        stop_proc(p)
finish(tmp)
