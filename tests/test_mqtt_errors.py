"""
test_mqtt_errors.py - `meterd run` with an mqtt block whose broker is not
there at start, and one whose broker refuses the credentials: each gives
one clear log line, metering goes on (SENSOR lines from a simulated meter
keep coming), and the first connects once the broker appears. A broken
mqtt block is a configuration error at its position.
"""
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon_util import METERD, Daemon, check, finish, mktemp, wait_until  # noqa: E402
from mqtt_util import Broker, free_port, retained, stop_proc  # noqa: E402

tmp = mktemp()
procs = []
brokers = []
try:
    sim = subprocess.Popen([METERD, "sim", "ehz", "--pty", tmp + "/ttyA", "ehz", "--pty", tmp + "/ttyB"],
                           stdout=subprocess.DEVNULL, stderr=open(os.path.join(tmp, "sim.log"), "w"))
    procs.append(sim)
    check(wait_until(10, lambda: os.path.exists(tmp + "/ttyA") and os.path.exists(tmp + "/ttyB"))
          is not None, "simulated meters on ptys")

    # --- a broker that is not there at start
    port = free_port()
    d1dir = os.path.join(tmp, "d1")
    os.mkdir(d1dir)
    d1 = Daemon(d1dir, """teleperiod 1s
mqtt {
    broker 127.0.0.1:%d
    topic first
    spool "%s/spool.db"
}
meter a {
    port "%s/ttyA"
    protocol sml
}
""" % (port, d1dir, tmp))
    procs.append(d1.p)

    # --- a broker that refuses the credentials
    pwfile = os.path.join(tmp, "passwd")
    open(pwfile, "w").close()
    subprocess.run(["mosquitto_passwd", "-b", pwfile, "meterd", "right"], check=True)
    b2 = Broker(tmp, extra="allow_anonymous false\npassword_file %s\n" % pwfile)
    brokers.append(b2)
    d2dir = os.path.join(tmp, "d2")
    os.mkdir(d2dir)
    d2 = Daemon(d2dir, """teleperiod 1s
mqtt {
    broker 127.0.0.1:%d
    topic second
    user meterd
    password wrong
    spool "%s/spool.db"
}
meter b {
    port "%s/ttyB"
    protocol sml
}
""" % (b2.port, d2dir, tmp))
    procs.append(d2.p)

    check(wait_until(10, lambda: "cannot reach the broker 127.0.0.1:%d: Connection refused" % port
                     in d1.log_text()) is not None,
          "unreachable broker at start: one clear log line")
    check(wait_until(10, lambda: "the broker refused the connection of 127.0.0.1:%d" % b2.port
                     in d2.log_text() and "check user and password" in d2.log_text()) is not None,
          "refused credentials: one clear log line naming them")
    check(d1.sensor_until(15, lambda s: "a" in s) is not None, "meter a is read meanwhile")
    check(d2.sensor_until(15, lambda s: "b" in s) is not None, "meter b is read meanwhile")
    time.sleep(3)  # a few retries (1 s, 2 s backoff)
    check(d1.log_text().count("cannot reach the broker") == 1,
          "retries are not logged again at the default verbosity")
    check(d2.log_text().count("refused the connection") == 1, "nor the refusals")
    check(d1.running() and d2.running(), "both daemons still run")

    # --- the broker appears: the first daemon connects by itself
    b1 = Broker(tmp, port=port)
    brokers.append(b1)
    check(wait_until(30, lambda: "mqtt: connected to 127.0.0.1:%d" % port in d1.log_text())
          is not None, "the first daemon connects once the broker is there (backoff)")
    check(wait_until(10, lambda: retained(port, "tele/first/LWT", 1).get("tele/first/LWT") == "Online")
          is not None, "and says Online")
    check(d1.sensor_until(10, lambda s: "a" in s) is not None, "meter a is still read")
    check(d1.stop() == 0 and d2.stop() == 0, "both stop cleanly")

    # --- a broken mqtt block is reported at its position
    bad = os.path.join(tmp, "bad.conf")
    with open(bad, "w") as f:
        f.write('mqtt {\n    broker 127.0.0.1:99999\n    qos 3\n    topic "a/b"\n    colour red\n}\n'
                'meter a {\n    port "/dev/null"\n    protocol sml\n}\n')
    p = subprocess.run([METERD, "run", "-n", "-c", bad], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True)
    check(p.returncode != 0, "meterd run -n rejects the broken block")
    for where, what in (("2:12", "ADDRESS:PORT"), ("3:9", "from 0 to 2"), ("4:11", "one level"),
                        ("5:5", "unknown mqtt setting 'colour'")):
        line = [l for l in p.stderr.splitlines() if ("bad.conf:%s:" % where) in l]
        check(len(line) == 1 and what in line[0], "error at %s: %s (%r)" % (where, what, line))
finally:
    for p in procs:
        stop_proc(p)
    for b in brokers:
        b.stop()
finish(tmp)
