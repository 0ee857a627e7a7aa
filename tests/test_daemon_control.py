"""
test_daemon_control.py - remote configuration from meterd itself
(meterd.conf(5), CONTROL): the TROVIS 5573 simulator is polled by meterd;
its operating mode BetriebsArt_Rk1 (hr105, range 2..5 from the device
profile) may be changed by user "admin" through the HTTP API.

Checked: without login a write is refused; a wrong password is refused and
logged; with a session but without the CSRF token, refused; a value outside
the profile's range, and a parameter the control section does not list,
refused; a good write is confirmed by a read-back, lands in the simulator's
register (read through a read-only Modbus TCP gateway: the simulator's own
answer), shows in /api/values, and is in the audit file with the user.
Home Assistant gets the same parameter as a number entity (min, max, step
from the profile, state from the value's topic); a command on its topic
(through a real mosquitto) is written and audited the same way, and one
outside the range is refused.
"""
import http.cookiejar
import json
import os
import signal
import socket
import struct
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon_util import METERD, Daemon, check, crc16_modbus, finish, free_port, mktemp, wait_until  # noqa: E402
from mqtt_util import Broker, publish, retained  # noqa: E402




def gateway_read(port, addr):
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
    except ConnectionRefusedError:
        return None
    s.sendall(struct.pack(">HHHBBHH", 1, 0, 6, 247, 3, addr, 1))
    data = b""
    while len(data) < 11:
        chunk = s.recv(64)
        if not chunk:
            break
        data += chunk
    s.close()
    return struct.unpack(">H", data[9:11])[0] if len(data) >= 11 and data[7] == 3 else None


tmp = mktemp()
web, gw = free_port(), free_port()
broker = Broker(tmp)
# crypt(3) SHA-512 of "secret" with salt "meterdtest" (openssl passwd -6 -salt meterdtest secret)
hashed = subprocess.run(["openssl", "passwd", "-6", "-salt", "meterdtest", "secret"],
                        capture_output=True, text=True).stdout.strip()
audit = os.path.join(tmp, "audit.log")
sim = subprocess.Popen([METERD, "sim", "--seed", "5", "trovis", "--pty", tmp + "/ttyMB"],
                       stdout=subprocess.DEVNULL, stderr=open(os.path.join(tmp, "sim.err"), "w"))
check(wait_until(10, lambda: os.path.exists(tmp + "/ttyMB")), "simulator pty")
d = Daemon(tmp, """teleperiod 1s
meter heating {
    port "%(t)s/ttyMB"
    protocol modbus 19200 8N1
    address 247
    profile samson-trovis-5573
    poll 1s
    value "BetriebsArt_Rk1"
    value "Aussentemp_AF1"
}
http {
    listen 127.0.0.1:%(web)d
}
gateway {
    listen 127.0.0.1:%(gw)d
    port "%(t)s/ttyMB"
}
mqtt {
    broker 127.0.0.1:%(mq)d
    topic heat
}
control {
    user admin "%(hash)s"
    meter heating BetriebsArt_Rk1
    audit "%(audit)s"
}
""" % {"t": tmp, "web": web, "gw": gw, "hash": hashed, "audit": audit, "mq": broker.port})
base = "http://127.0.0.1:%d" % web
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))


def call(path, form=None, headers=None):
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    req = urllib.request.Request(base + path, data=data, headers=headers or {})
    try:
        with opener.open(req, timeout=10) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


try:
    check(wait_until(15, lambda: gateway_read(gw, 105) is not None), "the gateway reaches the simulator")
    start = gateway_read(gw, 105)
    target = 3 if start != 3 else 4
    st, body = call("/api/params")
    params = {p["name"]: p for p in body.get("params", [])} if st == 200 else {}
    p = params.get("BetriebsArt_Rk1", {})
    check(p.get("min") == 2 and p.get("max") == 5 and p.get("meter") == "heating",
          "the parameter is listed with the profile's range 2..5: %r" % p)
    check(set(params) == {"BetriebsArt_Rk1"}, "only what the control section lists: %r" % sorted(params))

    st, body = call("/api/params", {"meter": "heating", "name": "BetriebsArt_Rk1", "value": str(target)})
    check(st == 403, "a write without login is refused (%d %r)" % (st, body))
    st, body = call("/api/login", {"user": "admin", "password": "wrong"})
    check(st == 403, "a wrong password is refused (%d)" % st)
    check("login of \"admin\" from 127.0.0.1 refused" in d.log_text(), "and logged")
    st, body = call("/api/login", {"user": "admin", "password": "secret"})
    check(st == 200 and body.get("user") == "admin" and len(body.get("csrf", "")) == 64,
          "login with the right password (%d)" % st)
    csrf = body.get("csrf", "") if isinstance(body, dict) else ""
    check(any(c.name == "meterd_session" for c in jar), "a session cookie is set")
    st, body = call("/api/params", {"meter": "heating", "name": "BetriebsArt_Rk1", "value": str(target)})
    check(st == 403, "a logged-in write without the CSRF token is refused (%d)" % st)
    hdr = {"X-CSRF-Token": csrf}
    st, body = call("/api/params", {"meter": "heating", "name": "BetriebsArt_Rk1", "value": "9"}, hdr)
    check(st == 400 and "range" in body.get("error", ""), "9 is outside 2..5: refused (%d %r)" % (st, body))
    st, body = call("/api/params", {"meter": "heating", "name": "Stellsignal_Rk1", "value": "50"}, hdr)
    check(st == 400, "a parameter not listed in control is refused (%d %r)" % (st, body))
    check(gateway_read(gw, 105) == start, "nothing was written so far")

    st, body = call("/api/params", {"meter": "heating", "name": "BetriebsArt_Rk1", "value": str(target)}, hdr)
    check(st == 202 and "id" in body, "the write is accepted (%d %r)" % (st, body))
    wid = body.get("id")

    def result():
        s, b = call("/api/params/result?id=%s" % wid)
        return b if s == 200 and b.get("done") else None
    res = wait_until(15, result)
    check(res is not None and res.get("ok") is True and res.get("value") == target,
          "confirmed by a read-back: %r" % res)
    check(gateway_read(gw, 105) == target, "the simulator's register holds %d" % target)
    st, body = call("/api/values")
    vals = {v["id"]: v.get("value") for v in body.get("values", [])} if st == 200 else {}
    check(vals.get("heating/BetriebsArt_Rk1") == target, "the new value is published: %r"
          % vals.get("heating/BetriebsArt_Rk1"))
    with open(audit, encoding="utf-8") as f:
        trail = f.read()
    check("admin set heating/BetriebsArt_Rk1 = %d: ok" % target in trail, "the audit file records it: %r" % trail)
    check("admin set heating/BetriebsArt_Rk1 = 9: refused" in trail, "and the refused attempt")
    # Home Assistant: the same parameter as a number, commands through the broker.
    def number_config():
        got = retained(broker.port, "homeassistant/number/#")
        return next((json.loads(v) for v in got.values() if v), None)
    cfg = wait_until(15, number_config)
    check(cfg is not None and cfg.get("min") == 2 and cfg.get("max") == 5 and cfg.get("step") == 1
          and cfg.get("command_topic") == "cmnd/heat/heating/BetriebsArt_Rk1"
          and cfg.get("state_topic") == "tele/heat/heating/BetriebsArt_Rk1",
          "a number entity for Home Assistant with the profile's range: %r" % cfg)
    other = 2 if target != 2 else 4
    publish(broker.port, "cmnd/heat/heating/BetriebsArt_Rk1", "7")
    publish(broker.port, "cmnd/heat/heating/BetriebsArt_Rk1", str(other))
    check(wait_until(15, lambda: gateway_read(gw, 105) == other),
          "a command from MQTT reaches the device: %r" % gateway_read(gw, 105))
    with open(audit, encoding="utf-8") as f:
        trail = f.read()
    check("mqtt set heating/BetriebsArt_Rk1 = 7: refused" in trail, "7 from MQTT is refused and audited")
    check(wait_until(10, lambda: "mqtt set heating/BetriebsArt_Rk1 = %d: ok" % other in open(audit).read()),
          "the MQTT write is audited")
    st, body = call("/api/logout", {}, hdr)
    check(st == 200, "logout")
    st, body = call("/api/params", {"meter": "heating", "name": "BetriebsArt_Rk1", "value": "2"}, hdr)
    check(st == 403, "after logout a write is refused again (%d)" % st)
finally:
    rc = d.stop(signal.SIGTERM)
    sim.terminate()
    sim.wait(5)
    broker.stop()
check(rc == 0, "clean stop")
finish(tmp)
