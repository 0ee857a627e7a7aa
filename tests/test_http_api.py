"""
test_http_api.py - the web API of `meterd run` (docs: WEB-API in
docs/ARCHITECTURE.md) against a running daemon, and hostile clients.

A meter the test drives itself (D0 telegrams it writes on a pty, values it
chooses) is read by the daemon with the history store and the web server
on; a simulated EasyMeter Q3D (`meterd sim`) runs beside it. Every expected
value is one the test wrote. Then hostile requests: huge headers, bad query
values, path traversal, slow clients holding every connection, a client
that never reads its event stream - each gets an error or is dropped, and
the loop keeps metering (the test's meter's new values keep arriving in the
SENSOR lines) while they do.
"""
import gzip
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import tty
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon_util import METERD, Daemon, check, finish, free_port, mktemp, wait_until  # noqa: E402


class D0Pusher:
    """A D0 meter on a pty whose values the test sets."""

    def __init__(self, link):
        m, s = os.openpty()
        tty.setraw(m)
        name = os.ttyname(s)
        os.close(s)
        os.symlink(name, link)
        self.master = m
        self.lock = threading.Lock()
        self.written = b""

    def telegram(self, power, energy, extra=0):
        lines = ["/TST5TEST V1.00", "", "1-0:1.8.0*255(%s*kWh)" % energy,
                 "1-0:1.7.0*255(%s*W)" % power]
        for i in range(extra):
            lines.append("1-0:%d.7.0*255(%06d.%02d*W)" % (100 + i, i, i % 100))
        data = ("\r\n".join(lines) + "\r\n!\r\n").encode()
        with self.lock:
            os.write(self.master, data)
            self.written += data
        return data


tmp = mktemp()
port = free_port()
base = "http://127.0.0.1:%d" % port
db = os.path.join(tmp, "history.db")
sim = None
meter = D0Pusher(os.path.join(tmp, "ttyW"))
flooder = D0Pusher(os.path.join(tmp, "ttyF"))  # every value published: many events
conf = """teleperiod 1s
meter w {
    port "%s/ttyW"
    protocol d0 9600 8N1
    value "1-0:1.7.0" as "P"
    value "1-0:1.8.0" as "E"
    value "1-0:2.8.0" as "Exported"
}
meter q {
    port "%s/ttyQ"
    protocol d0 9600 7E1
}
meter f {
    port "%s/ttyF"
    protocol d0 9600 8N1
}
history {
    path "%s"
}
http {
    listen 127.0.0.1:%d
    clients 16
    streams 4
    timeout 2s
}
""" % (tmp, tmp, tmp, db, port)


def get(path, headers=None, raw=False):
    """(status, headers, body) of a GET; body parsed as JSON unless raw."""
    req = urllib.request.Request(base + path, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            body = r.read()
            return r.status, dict(r.headers), body if raw else json.loads(body)
    except urllib.error.HTTPError as e:
        body = e.read()
        try:
            body = body if raw else json.loads(body)
        except ValueError:
            pass
        return e.code, dict(e.headers), body


def raw_request(data, read_timeout=5):
    """Sends bytes, returns the status line (b"" when the server closed without one)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=read_timeout)
    try:
        s.sendall(data)
        buf = b""
        while b"\r\n" not in buf:
            chunk = s.recv(4096)
            if not chunk:
                break
            buf += chunk
        return buf.split(b"\r\n")[0]
    except (ConnectionResetError, BrokenPipeError):
        return b""
    finally:
        s.close()


class Events:
    """An /api/events (or /api/raw) reader on a thread."""

    def __init__(self, path):
        self.events = []
        self.lock = threading.Lock()
        self.resp = urllib.request.urlopen(base + path, timeout=30)
        self.t = threading.Thread(target=self._run, daemon=True)
        self.t.start()

    def _run(self):
        ev, data = None, None
        try:
            for line in self.resp:
                line = line.decode().rstrip("\n")
                if line.startswith("event: "):
                    ev = line[7:]
                elif line.startswith("data: "):
                    data = line[6:]
                elif line == "" and ev is not None:
                    with self.lock:
                        self.events.append((ev, json.loads(data)))
                    ev, data = None, None
        except (OSError, ValueError, AttributeError):
            pass  # closed by close() under the reader

    def find(self, pred):
        with self.lock:
            return [e for e in self.events if pred(e)]

    def close(self):
        self.resp.close()


def sensor_shows(d, power, seconds=20):
    """The loop is alive: a SENSOR line shows the test meter's new power."""
    seen = []

    def pred(s):
        seen.append(s.get("w", {}).get("P"))
        return seen[-1] == power
    ok = d.sensor_until(seconds, pred) is not None
    if not ok:
        print("SENSOR lines showed w/P = %r; status %r" % (seen[-10:], (d.read_status() or {}).get("meters", {}).get("w")), file=sys.stderr)
    return ok




def overdue(signo, frame):
    raise TimeoutError("test_http_api: overdue (150 s)")


signal.signal(signal.SIGALRM, overdue)
signal.alarm(150)  # a hang fails the test, and `finally` still stops the daemon
d = None
try:
    simlog = open(os.path.join(tmp, "sim.log"), "w")
    sim = subprocess.Popen([METERD, "sim", "--seed", "3", "q3d", "--pty", tmp + "/ttyQ"],
                           stdout=subprocess.DEVNULL, stderr=simlog)
    check(wait_until(10, lambda: os.path.exists(tmp + "/ttyQ")), "meterd sim made the Q3D's pty")
    d = Daemon(tmp, conf)
    check(wait_until(10, lambda: "http: listening on http://127.0.0.1:%d/" % port in d.log_text()),
          "the log says where the web server listens")
    check(wait_until(10, lambda: d.log_text().count(": open") >= 3), "the ports are open")

    # --- values the test wrote, exactly
    t0 = int(time.time() * 1000)
    powers = ["000452.94", "000461.50", "000470.25", "000480.00", "000495.75"]
    # 7 decimals like the Q3D's: 52185.7825309 is not a double ("%.17g" gives ...900004)
    energies = ["00052185.7825261", "00052185.7825273", "00052185.7825285", "00052185.7825297",
                "00052185.7825309"]
    for p, e in zip(powers, energies):
        meter.telegram(p, e)
        check(sensor_shows(d, float(p)), "the daemon read P = %s" % p)
    st, _, meters = get("/api/meters")
    check(st == 200, "/api/meters answers 200")
    wm = [m for m in meters.get("meters", []) if m["name"] == "w"]
    if check(len(wm) == 1, "/api/meters lists meter w"):
        vals = {v["id"]: v for v in wm[0]["values"]}
        check(vals.get("w/P", {}).get("unit") == "W" and vals["w/P"]["quantity"] == "power"
              and vals["w/P"]["class"] == "measurement", "w/P: a power in W, a measurement")
        check(vals.get("w/E", {}).get("unit") == "kWh" and vals["w/E"]["class"] == "total_increasing",
              "w/E: a total in kWh")
        check(wm[0]["state"] == "up" and wm[0]["health"]["frames_ok"] >= 5,
              "meter w is up with its frames counted")
        check(wm[0]["health"]["port"] == tmp + "/ttyW", "its port is named")
    check(any(m["name"] == "q" for m in meters.get("meters", [])), "the simulated meter is listed too")

    st, _, body = get("/api/values", raw=True)
    check(st == 200 and b'"id":"w/P","meter":"w","name":"P","value":495.75,"unit":"W"' in body,
          "/api/values: the last power, the exact decimal written")
    check(b'"id":"w/E","meter":"w","name":"E","value":52185.7825309,"unit":"kWh"' in body,
          "/api/values: the last total, exact (no double rounding)")
    # w/Exported is configured but the meter never sends 2.8.0: listed, never a value
    check(wm and "w/Exported" in {v["id"] for v in wm[0]["values"]},
          "/api/meters lists a configured value before its first reading")
    check(b'"w/Exported"' not in body, "/api/values holds only values that had a reading")

    st, _, cm = get("/cm?cmnd=Status%208")
    check(st == 200 and cm.get("StatusSNS", {}).get("w") == {"P": 495.75, "E": 52185.7825309},
          "/cm?cmnd=Status 8: Tasmota's StatusSNS with the meter's values")
    check("Time" in cm.get("StatusSNS", {}), "StatusSNS has Time")
    check(get("/cm?cmnd=Power%20On")[2] == {"Command": "Unknown"}, "/cm: other commands are Unknown")

    st, _, metrics = get("/metrics", raw=True)
    check(st == 200 and any(l.startswith(b'meterd_value{meter="w",name="P",unit="W"')
                            and l.endswith(b"} 495.75") for l in metrics.split(b"\n")),
          "/metrics: a gauge of the last power")
    check(b"# TYPE meterd_value gauge" in metrics and b'meterd_frames_ok_total{meter="w"}' in metrics,
          "/metrics: types and health counters")

    # --- history: every power written, as raw points, then the totals' consumption
    t1 = int(time.time() * 1000) + 1
    q = urllib.parse.urlencode({"id": "w/P", "from": t0, "to": t1, "points": 10000})
    st, _, hist = get("/api/history?" + q)
    means = sorted(p[1] for p in hist.get("points", [])) if st == 200 else []
    check(st == 200 and hist.get("resolution") == "raw" and hist.get("unit") == "W",
          "/api/history: a short range comes from raw rows")
    check(means == sorted(float(p) for p in powers),
          "/api/history: every power written, once: %r" % means)
    check(all(p[1] == p[2] == p[3] for p in hist.get("points", [])),
          "raw points: mean = min = max")
    q = urllib.parse.urlencode({"id": "w/E", "bucket": "hour", "from": t0 - 7200000, "to": t1})
    st, _, cons = get("/api/consumption?" + q)
    total = sum(b[1] for b in cons.get("bars", [])) if st == 200 else -1
    # the counter guard may hold back the first reading or two of a new series
    grown, step = float(energies[-1]) - float(energies[0]), 0.0000012
    check(grown - 2 * step - 1e-9 <= total <= grown + 1e-9,
          "/api/consumption: the growth of the total written (%r)" % total)
    q = urllib.parse.urlencode({"id": "w/P", "bucket": "day"})
    check(get("/api/consumption?" + q)[0] == 400, "/api/consumption of a power is refused")

    for bad, what in [("", "no id"), ("id=w/P&points=0", "points 0"),
                      ("id=w/P&points=10001", "points 10001"), ("id=w/P&points=ten", "points text"),
                      ("id=w/P&from=20&to=10", "from after to"),
                      ("id=w/P&from=99999999999999999999999", "from overflowing"),
                      ("id=w/P&to=1e9", "to with an exponent"), ("id=nobody/x", "unknown id"),
                      ("id=" + "x" * 5000, "a huge id")]:
        st, _, body = get("/api/history?" + bad)
        check(st == 400 and isinstance(body, dict) and "error" in body,
              "/api/history with %s: 400 and an error" % what)
    check(get("/api/consumption?id=w/E&bucket=week")[0] == 400, "/api/consumption: bad bucket 400")

    # --- the store holds what the API said (its own reader)
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    n = con.execute("SELECT count(*) FROM raw JOIN ids USING(key) WHERE id = 'w/P'").fetchone()[0]
    con.close()
    check(n == len(powers), "the database holds the %d powers (%d)" % (len(powers), n))

    # --- live events
    ev = Events("/api/events")
    time.sleep(0.3)
    meter.telegram("000501.25", "00052185.7825321")
    check(wait_until(15, lambda: ev.find(lambda e: e[0] == "value" and e[1]["id"] == "w/P"
                                         and e[1]["value"] == 501.25)),
          "/api/events: the new power arrives as a value event")
    got = ev.find(lambda e: e[0] == "value" and e[1]["id"] == "w/P")
    check(got and got[-1][1].get("unit") == "W" and got[-1][1].get("rx", 0) > t0,
          "a value event carries unit and receive time")
    ev.close()

    # --- raw bytes of a port
    st, _, ports = get("/api/ports")
    check(st == 200 and tmp + "/ttyW" in ports.get("ports", []), "/api/ports lists the test's port")
    rawev = Events("/api/raw?" + urllib.parse.urlencode({"port": tmp + "/ttyW"}))
    time.sleep(0.3)
    sent = meter.telegram("000502.50", "00052185.7825333")

    def raw_has():
        rx = b"".join(bytes.fromhex(e[1]["hex"]) for e in rawev.find(lambda e: e[0] == "raw"))
        return sent in rx
    check(wait_until(15, raw_has), "/api/raw: the port's bytes, exactly as written")
    rawev.close()
    check(get("/api/raw?port=/etc/passwd")[0] == 400, "/api/raw: a port no meter uses is refused")

    # --- the page's assets, and nothing else
    st, hdr, page = get("/", headers={"Accept-Encoding": "gzip"}, raw=True)
    check(st == 200 and hdr.get("Content-Encoding") == "gzip", "/: the page, gzip")
    check(b"<html" in gzip.decompress(page).lower() or b"<!doctype html" in gzip.decompress(page).lower(),
          "/: HTML inside")
    # A client that takes no gzip (curl without --compressed) gets the same page plain:
    # the bytes of web/index.html as they are in the source tree.
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "web", "index.html"), "rb") as f:
        source = f.read()
    st, hdr2, plain = get("/", headers={"Accept-Encoding": "identity"}, raw=True)
    check(st == 200 and "Content-Encoding" not in hdr2 and plain == source,
          "/ without gzip: the page itself, plain (%r, %d bytes)" % (st, len(plain or b"")))
    check(plain == gzip.decompress(page), "/: the plain and the gzip'd page are the same page")
    etag = hdr.get("ETag")
    check(etag and get("/", headers={"Accept-Encoding": "gzip", "If-None-Match": etag},
                       raw=True)[0] == 304, "/: 304 for the same ETag")
    for path in ["/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd",
                 "/index.html/../../etc/passwd", "//etc/passwd", "/api/nope"]:
        line = raw_request(b"GET " + path.encode() + b" HTTP/1.1\r\nHost: x\r\n"
                           b"Accept-Encoding: gzip\r\n\r\n")
        check(line.split(b" ")[1:2] in ([b"404"], [b"400"]),
              "%s: 404 (no file system access), got %r" % (path, line))
    check(raw_request(b"POST /api/values HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
          .startswith(b"HTTP/1.1 405"), "POST: 405, the API is read-only")

    # --- hostile: huge headers
    line = raw_request(b"GET /api/values HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 200000 + b"\r\n\r\n")
    check(line == b"" or int(line.split(b" ")[1]) >= 400,
          "a 200 kB header: an error or a closed connection, got %r" % line[:40])
    line = raw_request(b"GET /api/values?" + b"a=b&" * 20000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
    check(line == b"" or int(line.split(b" ")[1]) >= 400, "an 80 kB request line: refused")
    line = raw_request(b"\x16\x03\x01\x02\x00garbage\r\n\r\n")
    check(line == b"" or int(line.split(b" ")[1]) >= 400, "TLS bytes / garbage: refused")

    # --- hostile: slow clients take every connection; metering goes on; they are timed out
    slow = []
    for i in range(40):
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            s.sendall(b"GET /api/values HTTP/1.1\r\nHost: x\r\n")  # never finished
            slow.append(s)
        except OSError:
            pass
    meter.telegram("000600.00", "00052185.7825345")
    check(sensor_shows(d, 600.0), "with every connection held by slow clients, metering goes on")
    closed = 0
    for s in slow:
        s.settimeout(15)
        try:
            got = s.recv(100)
            # closed (timed out, or over the limit), or an error status
            if got == b"" or got.startswith(b"HTTP/1.1 4") or got.startswith(b"HTTP/1.1 5"):
                closed += 1
        except ConnectionResetError:
            closed += 1
        except socket.timeout:
            pass
        s.close()
    check(closed == len(slow), "every slow or surplus client was closed by the server (%d of %d)"
          % (closed, len(slow)))
    check(wait_until(10, lambda: get("/api/values")[0] == 200), "the server answers again afterwards")

    # --- hostile: an event stream client that never reads is dropped, metering goes on
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    s.connect(("127.0.0.1", port))
    s.sendall(b"GET /api/events HTTP/1.1\r\nHost: x\r\n\r\n")
    stop_flood = threading.Event()

    def flood():
        i = 0
        while not stop_flood.is_set():
            flooder.telegram("000%03d.%02d" % (700 + i % 100, i % 100), "00012346.%04d" % i,
                             extra=40)
            i += 1
            time.sleep(0.002)
    ft = threading.Thread(target=flood, daemon=True)
    ft.start()
    dropped = wait_until(40, lambda: "event stream client is too slow, dropped" in d.log_text(),
                         step=0.2)
    stop_flood.set()
    ft.join()
    check(dropped, "a client that never reads its event stream is dropped (logged)")
    s.close()
    meter.telegram("000601.00", "00052185.7825357")
    check(sensor_shows(d, 601.0), "metering went on through the flood")
    check(get("/api/values")[0] == 200, "and the server still answers")
finally:
    if d is not None:
        rc = d.stop()
        check(rc == 0, "meterd stops cleanly (exit %r)" % rc)
    if sim is not None and sim.poll() is None:
        sim.terminate()
        sim.wait(5)
    os.close(meter.master)
    os.close(flooder.master)

finish(tmp)
