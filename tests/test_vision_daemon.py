#!/usr/bin/env python3
"""A camera meter in the daemon: `meterd run` fetches snapshots over real
HTTP (a Python http.server on 127.0.0.1 serving the fixture photos),
reads them in its worker thread and publishes the value into the seam,
where the web API shows it (quantity water, class total_increasing). A frame
of the wrong meter makes the round fail (state "errors", the value stays,
nothing new is published); a camera that answers 404 puts the meter in
"port_down". Broken camera blocks are refused by `meterd run -n` with
file:line:column messages."""
import http.server
import json
import os
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import daemon_util as du  # noqa: E402

FIX = os.path.join(du.FIXTURES, "watermeter")
AOE = os.path.join(FIX, "photos", "aoe-default-2021")
WMSC = os.path.join(FIX, "photos", "wmsc-2020")
SRC = os.environ.get("SOURCE_DIR", ".")
served = {"body": open(os.path.join(AOE, "reference.jpg"), "rb").read(), "status": 200, "hits": 0}


class Camera(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        served["hits"] += 1
        if self.path == "/private":   # basic auth "cam:secret"
            if self.headers.get("Authorization") != "Basic Y2FtOnNlY3JldA==":
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="cam"')
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
        elif self.path != "/capture" or served["status"] != 200:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "image/jpeg")
        self.send_header("Content-Length", str(len(served["body"])))
        self.end_headers()
        self.wfile.write(served["body"])

    def log_message(self, *a):
        pass


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def jpeg_size(b):
    """(width, height) from a JPEG's first SOFn segment."""
    i = 2
    while i + 9 < len(b):
        if b[i] != 0xFF:
            return None
        marker, seglen = b[i + 1], int.from_bytes(b[i + 2:i + 4], "big")
        if marker in (0xC0, 0xC1, 0xC2):
            return int.from_bytes(b[i + 7:i + 9], "big"), int.from_bytes(b[i + 5:i + 7], "big")
        i += 2 + seglen
    return None


def api(port, path):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as r:
            return json.load(r)
    except OSError:
        return None


cam = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Camera)
threading.Thread(target=cam.serve_forever, daemon=True).start()
web = free_port()
tmp = du.mktemp()
conf = f"""camera "water" {{
	url http://127.0.0.1:{cam.server_address[1]}/capture
	config {AOE}/config-upright.ini
	digits {FIX}/models/dig-class100-0182-s2_q.tflite
	analog {SRC}/data/models/meterd-pointer-v1.tflite
	interval 1s
	timeout 5s
}}
http {{
	listen 127.0.0.1:{web}
}}
"""
d = du.Daemon(tmp, conf)


def meter():
    m = api(web, "/api/meters")
    return next((x for x in m["meters"] if x["name"] == "water"), None) if m else None


def value():
    v = api(web, "/api/values")
    return next((x for x in v["values"] if x["id"] == "water/main"), None) if v else None


try:
    v = du.wait_until(30, value, 0.2)
    du.check(v is not None and v["value"] == 16.3139 and v["unit"] == "m³",
             f"the photo's reading is published: {v}")
    # what was read: the aligned snapshot with its ROIs, a JPEG of the config's reference size
    with urllib.request.urlopen(f"http://127.0.0.1:{web}/api/snapshot?meter=water", timeout=5) as r:
        snap, ctype = r.read(), r.headers.get("Content-Type")
    ref = open(os.path.join(AOE, "reference.jpg"), "rb").read()
    du.check(ctype == "image/jpeg" and snap[:2] == b"\xff\xd8" and snap[-2:] == b"\xff\xd9" and
             jpeg_size(snap) == jpeg_size(ref) and snap != ref,
             f"/api/snapshot: a JPEG the size of the photo, not the photo itself: {ctype} "
             f"{jpeg_size(snap)} vs {jpeg_size(ref)}")
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{web}/api/snapshot?meter=nope", timeout=5)
        du.check(False, "/api/snapshot of a meter that is no camera: 404")
    except urllib.error.HTTPError as e:
        du.check(e.code == 404, f"/api/snapshot of a meter that is no camera: 404 ({e.code})")
    m = meter()
    du.check(m is not None and m["protocol"] == "camera" and m["state"] == "up" and
             m["values"][0]["quantity"] == "water" and m["values"][0]["class"] == "total_increasing",
             f"camera meter in the catalogue: {m}")

    # the wrong meter in front of the camera: alignment refuses the round
    served["body"] = open(os.path.join(WMSC, "original.jpg"), "rb").read()
    m = du.wait_until(30, lambda: (meter() or {}).get("state") == "errors" and meter(), 0.2)
    du.check(m is not None and m["health"]["invalid"] >= 1, f"failed round counted: {m and m['health']}")
    v2 = value()
    du.check(v2 is not None and v2["value"] == 16.3139, "the last good value stays")
    du.check("alignment" in d.log_text(), "the log says why the round failed")

    # the camera answers 404
    served["status"] = 404
    m = du.wait_until(30, lambda: (meter() or {}).get("state") == "port_down" and meter(), 0.2)
    du.check(m is not None and m["health"]["timeouts"] >= 1, f"camera unreachable: {m and m['health']}")
    served["status"] = 200
    served["body"] = open(os.path.join(AOE, "reference.jpg"), "rb").read()
    m = du.wait_until(30, lambda: (meter() or {}).get("state") == "up" and meter(), 0.2)
    du.check(m is not None, "back up when the camera answers again")
finally:
    rc = d.stop()
du.check(rc == 0, f"meterd stopped cleanly ({rc})")

# a restart starts from the history's last value: the same photo read with
# DecimalShift 1 (163.139) is then a rate above MaxRateValue 0.1 and is
# not published, while a first start without history accepts it
hist = os.path.join(tmp, "history.db")
shifted = os.path.join(tmp, "shifted.ini")
open(shifted, "w").write(open(os.path.join(AOE, "config-upright.ini")).read().replace(
    "main.DecimalShift = 0", "main.DecimalShift = 1"))
for ref in ("ref0.jpg", "ref1.jpg"):
    open(os.path.join(tmp, ref), "wb").write(open(os.path.join(AOE, ref), "rb").read())
base = f"""camera "water" {{
	url file:{AOE}/reference.jpg
	config CONFIG
	digits {FIX}/models/dig-class100-0182-s2_q.tflite
	analog {SRC}/data/models/meterd-pointer-v1.tflite
	interval 1s
}}
http {{
	listen 127.0.0.1:{web}
}}
HISTORY"""
hsec = f'history {{\n\tpath {hist}\n}}\n'
for step, cfgfile, with_hist, want in [(1, f"{AOE}/config-upright.ini", True, 16.3139),
                                       (2, shifted, True, None), (3, shifted, False, 163.139)]:
    sub = os.path.join(tmp, f"run{step}")
    os.mkdir(sub)
    d = du.Daemon(sub, base.replace("CONFIG", cfgfile).replace("HISTORY", hsec if with_hist else ""))
    try:
        if want is not None:
            v = du.wait_until(30, value, 0.2)
            du.check(v is not None and v["value"] == want, f"restart {step}: {want} published ({v})")
        else:
            du.wait_until(30, lambda: "Rate too high" in d.log_text(), 0.2)
            du.check("Rate too high" in d.log_text() and value() is None,
                     "restart 2: the history's 16.3139 is the previous value; 163.139 is refused")
    finally:
        d.stop()

# basic auth and the size limit, each on its own daemon
for extra, path, want_state, want_log in [
        ("user cam\n\tpassword secret", "/private", "up", None),
        ("", "/private", "port_down", "401"),
        ("", "/private", "up", None),      # credentials in the url: used, never shown
        ("max_size 10k", "/capture", "port_down", "larger than max_size")]:
    sub = du.mktemp()
    conf2 = conf.replace("/capture", path).replace("\ttimeout 5s", "\ttimeout 5s\n\t" + extra)
    how = extra or "no credentials"
    if want_state == "up" and not extra:
        conf2 = conf2.replace("http://127.0.0.1", "http://cam:secret@127.0.0.1")
        how = "credentials in the url"
    d = du.Daemon(sub, conf2)
    try:
        m = du.wait_until(30, lambda: (meter() or {}).get("state") == want_state and meter(), 0.2)
        du.check(m is not None and (want_log is None or want_log in d.log_text()) and
                 "secret" not in json.dumps(m) and "secret" not in d.log_text(),
                 f"{path} with {how!r}: {want_state}, no password shown")
    finally:
        d.stop()
    du.shutil.rmtree(sub, ignore_errors=True)

# broken blocks: clear errors at their place
bad = [
    ('camera "x" {\n\tconfig /nonexistent/config.ini\n\turl file:/x.jpg\n}\n', ":2:", "config.ini"),
    ('camera "x" {\n\tconfig ' + AOE + '/config-upright.ini\n}\n', ":1:", "needs a url"),
    ('camera "x" {\n\turl ftp://x/y\n\tconfig ' + AOE + '/config-upright.ini\n}\n', ":1:", "url must"),
    ('camera "x" {\n\turl file:/x.jpg\n\tconfig ' + AOE + '/config-upright.ini\n\tinterval 0\n}\n',
     ":4:", "interval"),
    ('camera "x" {\n\turl file:/x.jpg\n\tconfig ' + AOE + '/config-upright.ini\n\tcolour red\n}\n',
     ":4:", "colour"),
]
for text, where, what in bad:
    path = os.path.join(tmp, "bad.conf")
    open(path, "w").write(text)
    p = subprocess.run([du.METERD, "run", "-n", "-c", path], capture_output=True, text=True, timeout=30)
    du.check(p.returncode != 0 and where in p.stderr and what in p.stderr,
             f"refused with {what!r} at line {where}: {p.stderr.strip()}")
cam.shutdown()
du.finish(tmp)
