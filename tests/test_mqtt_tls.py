"""
test_mqtt_tls.py - the MQTT sink over TLS with credentials, against a real
mosquitto whose certificate is signed by a CA made here with openssl: with
`cafile` set to that CA the SENSOR messages arrive (read back over TLS);
without it (the system's CAs do not know ours) the handshake fails with
one clear log line naming the cause, and the readings wait in the spool.
"""
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon_util import check, finish, mktemp, wait_until  # noqa: E402
from mqtt_util import Broker, Feed, feed_conf, stop_proc, tick_of  # noqa: E402

tmp = mktemp()
broker = feed = sub = None


def ssl(*args):
    subprocess.run(["openssl", *args], check=True, cwd=tmp, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)


try:
    ssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
        "-days", "2", "-subj", "/CN=meterd test CA")
    ssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "srv.key", "-out", "srv.csr",
        "-subj", "/CN=127.0.0.1")
    with open(os.path.join(tmp, "ext.cnf"), "w") as f:
        f.write("subjectAltName=IP:127.0.0.1\n")
    ssl("x509", "-req", "-in", "srv.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
        "-out", "srv.crt", "-days", "2", "-extfile", "ext.cnf")
    pw = os.path.join(tmp, "passwd")
    open(pw, "w").close()
    subprocess.run(["mosquitto_passwd", "-b", pw, "meterd", "right"], check=True)
    broker = Broker(tmp, extra="allow_anonymous false\npassword_file %s\ncafile %s/ca.crt\n"
                               "certfile %s/srv.crt\nkeyfile %s/srv.key\n" % (pw, tmp, tmp, tmp))
    subout = open(os.path.join(tmp, "sub.out"), "w+")
    sub = subprocess.Popen(["mosquitto_sub", "-h", "127.0.0.1", "-p", str(broker.port), "--cafile",
                            tmp + "/ca.crt", "-u", "meterd", "-P", "right", "-t", "tele/tls/SENSOR"],
                           stdout=subout, stderr=subprocess.DEVNULL)
    time.sleep(0.5)

    def sensors():
        subout.seek(0)
        return [json.loads(l) for l in subout.read().splitlines() if l.startswith("{")]

    good = feed_conf(tmp, ["broker 127.0.0.1:%d" % broker.port, "topic tls", "tls on",
                           'cafile "%s/ca.crt"' % tmp, "user meterd", "password right",
                           'spool "%s/spool.db"' % tmp], name="good.conf")
    feed = Feed(tmp, good, "--count", "3", "--interval", "100", "--linger", "1500", name="good")
    check(feed.wait(30) == 0, "the TLS source ran")
    check(wait_until(5, lambda: len(sensors()) == 3) is not None, "three SENSOR messages over TLS")
    check([tick_of(s["Time"]) for s in sensors()] == [1, 2, 3], "in order")
    with open(os.path.join(tmp, "good.log")) as f:
        log = f.read()
    check("connected to 127.0.0.1:%d as meterd-tls (TLS)" % broker.port in log,
          "the log says the connection is TLS")

    bad = feed_conf(tmp, ["broker 127.0.0.1:%d" % broker.port, "topic tls", "tls on",
                          "user meterd", "password right", 'spool "%s/spool.db"' % tmp],
                    name="bad.conf")
    feed = Feed(tmp, bad, "--count", "4", "--interval", "100", "--linger", "2500", name="bad")
    check(feed.wait(30) == 0, "the source without our CA ran (metering goes on)")
    with open(os.path.join(tmp, "bad.log")) as f:
        log = f.read()
    check(log.count("cannot reach the broker 127.0.0.1:%d: A TLS error occurred (is the broker's "
                    "certificate signed by cafile, for this host?)" % broker.port) == 1,
          "an untrusted certificate: one clear log line (%s)" % log.strip().splitlines()[:3])
    st = feed.stats()
    check(st is not None and st["delivered"] == 0 and st["waiting"] == 4,
          "nothing went out; the readings wait in the spool: %r" % st)
    check(len(sensors()) == 3, "nothing arrived over an untrusted connection")
finally:
    for p in (feed.p if feed else None, sub):
        stop_proc(p)
    if broker is not None:
        broker.stop()
finish(tmp)
