"""
test_daemon_reload_sinks.py - SIGHUP applies changed sink blocks without a
restart, and leaves unchanged ones alone:

  - an `http` block moved to another port: the old port closes, the new one
    serves the values and the history written before the reload (the same
    history file, closed and opened again, loses nothing);
  - an `mqtt` block added: SENSOR messages reach a real mosquitto, with the
    values this test writes into the telegrams;
  - a reload that changes only a meter restarts no sink (the log says which
    sinks restart), and the web server keeps answering on its port.

The values are the ones this test writes into D0 telegrams on a pty.
"""
import json
import os
import signal
import socket
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon_util import Daemon, check, finish, free_port, make_pty, mktemp, wait_until  # noqa: E402
from mqtt_util import Broker, Sub  # noqa: E402

tmp = mktemp()
pty = make_pty(tmp + "/ttyW")
port_a, port_b = free_port(), free_port()
broker = Broker(tmp)


def telegram(power):
    body = "/TST5TEST V1.00\r\n\r\n1-0:1.7.0*255(%s*W)\r\n!\r\n" % power
    os.write(pty, body.encode())


def conf(http_port, mqtt=False, extra_meter=False):
    text = """teleperiod 1s
meter w {
    port "%s/ttyW"
    protocol d0 9600 8N1
    value "1-0:1.7.0" as "P"
}
history {
    path "%s/history.db"
}
http {
    listen 127.0.0.1:%d
}
""" % (tmp, tmp, http_port)
    if mqtt:
        text += "mqtt {\n    broker 127.0.0.1:%d\n    topic reloadtest\n}\n" % broker.port
    if extra_meter:
        text += 'meter x {\n    port "%s/ttyX"\n    protocol d0 9600 8N1\n}\n' % tmp
    return text


def values(port):
    try:
        with urllib.request.urlopen("http://127.0.0.1:%d/api/values" % port, timeout=3) as r:
            return {v["id"]: v.get("value") for v in json.load(r)["values"]}
    except OSError:
        return None


def history(port):
    """Means, minima and maxima of the last ten minutes' points (raw or minute rows)."""
    now = int(time.time() * 1000)
    with urllib.request.urlopen("http://127.0.0.1:%d/api/history?id=w/P&points=1000&from=%d&to=%d"
                                % (port, now - 600000, now + 1000), timeout=5) as r:
        return [x for p in json.load(r)["points"] for x in p[1:4]]


def listening(port):
    try:
        socket.create_connection(("127.0.0.1", port), 0.5).close()
        return True
    except OSError:
        return False


def reload(d, text):
    with open(d.conf, "w") as f:
        f.write(text)
    before = d.log_text().count("SIGHUP: reloading")
    d.send(signal.SIGHUP)
    return wait_until(30, lambda: d.log_text().count("configuration %s:" % d.conf) >= before + 2)


sub = Sub(broker.port, ["tele/reloadtest/SENSOR"])
d = Daemon(tmp, conf(port_a))
try:
    check(wait_until(30, lambda: listening(port_a)), "http on the first port")
    telegram("000101.25")
    check(wait_until(30, lambda: (values(port_a) or {}).get("w/P") == 101.25),
          "the first value on the first port")

    check(reload(d, conf(port_b, mqtt=True)), "reload with http moved and mqtt added")
    log = d.log_text()
    check("SIGHUP: restarting history and http" in log, "the log says history and http restart")
    check(wait_until(30, lambda: listening(port_b)), "http on the new port")
    check(wait_until(30, lambda: not listening(port_a)), "the old port is closed")
    check(wait_until(30, lambda: 101.25 in history(port_b)),
          "the history written before the reload is served from the new port")
    telegram("000202.50")
    check(wait_until(30, lambda: (values(port_b) or {}).get("w/P") == 202.5),
          "the next value on the new port")

    def sensor_has(v):
        for _, _, payload in sub.topic("tele/reloadtest/SENSOR"):
            try:
                if json.loads(payload).get("w", {}).get("P") == v:
                    return True
            except ValueError:
                pass
        return False
    telegram("000303.75")
    check(wait_until(30, lambda: sensor_has(303.75)), "the added mqtt block publishes SENSOR")
    got = wait_until(30, lambda: set(history(port_b)) >= {101.25, 202.5, 303.75}) or history(port_b)
    check(got is True, "every value is in the history, before and after the reload: %r" % got)

    restarts = d.log_text().count("SIGHUP: restarting")
    check(reload(d, conf(port_b, mqtt=True, extra_meter=True)), "reload with only a meter added")
    check(d.log_text().count("SIGHUP: restarting") == restarts,
          "a reload that changes no sink block restarts no sink")
    telegram("000404.00")
    check(wait_until(30, lambda: (values(port_b) or {}).get("w/P") == 404.0),
          "the web server answers on as before")
    check(wait_until(30, lambda: sensor_has(404.0)), "and mqtt publishes on")
    check(d.stop() == 0, "clean stop")
finally:
    d.stop()
    sub.stop()
    broker.stop()
finish(tmp)
