"""
test_history_daemon.py - `meterd run` with its history on a full disk and on
a read-only database: the log says so (once), the web API still answers and
metering goes on (the test's meter's new values keep arriving in the SENSOR
lines); on a disk with room again, readings are stored again.

The disk is a 512 KiB tmpfs mounted by the test (as root), else the
daemon's file size is limited (RLIMIT_FSIZE). The read-only database is on a
read-only bind mount (as root), else a read-only file in a read-only
directory. The failures are counted in /metrics.
"""
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import tty
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon_util import Daemon, check, finish, free_port, mktemp, wait_until  # noqa: E402


class D0Pusher:
    def __init__(self, link):
        m, s = os.openpty()
        tty.setraw(m)
        name = os.ttyname(s)
        os.close(s)
        os.symlink(name, link)
        self.master = m

    def telegram(self, power, energy, extra=0):
        lines = ["/TST5TEST V1.00", "", "1-0:1.8.0*255(%s*kWh)" % energy,
                 "1-0:1.7.0*255(%s*W)" % power]
        lines += ["1-0:%d.7.0*255(%06d.%02d*W)" % (100 + i, i * 7, i) for i in range(extra)]
        os.write(self.master, ("\r\n".join(lines) + "\r\n!\r\n").encode())


def sensor_shows(d, power, seconds=20):
    return d.sensor_until(seconds, lambda s: s.get("w", {}).get("P") == power) is not None


def stored(db, power):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        return con.execute("SELECT count(*) FROM raw JOIN ids USING(key) WHERE id = 'w/P'"
                           " AND raw = ?", (int(round(power * 100)),)).fetchone()[0]
    finally:
        con.close()


def metrics(port):
    """{name{labels}: value} of the daemon's /metrics."""
    with urllib.request.urlopen("http://127.0.0.1:%d/metrics" % port, timeout=10) as r:
        text = r.read().decode()
    out = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            k, v = line.rsplit(" ", 1)
            out[k] = float(v)
    return out


def mount(*args):
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


def conf_for(tmp, db, port):
    return """teleperiod 1s
meter w {
    port "%s/ttyW"
    protocol d0 9600 8N1
    value "1-0:1.7.0" as "P"
    value "1-0:1.8.0" as "E"
}
meter f {
    port "%s/ttyF"
    protocol d0 9600 8N1
}
history {
    path "%s"
    raw forever
}
http {
    listen 127.0.0.1:%d
}
""" % (tmp, tmp, db, port)


tmp = mktemp()
port = free_port()
meter = D0Pusher(os.path.join(tmp, "ttyW"))
filler = D0Pusher(os.path.join(tmp, "ttyF"))
mounts = []

# --- a full disk
small = os.path.join(tmp, "small")
os.mkdir(small)
tmpfs = os.geteuid() == 0 and mount("-t", "tmpfs", "-o", "size=512k", "tmpfs", small)
if tmpfs:
    mounts.append(small)
print("disk full: %s" % ("a 512 KiB tmpfs" if tmpfs else "RLIMIT_FSIZE 512 KiB"), file=sys.stderr)
db = os.path.join(small, "history.db")
d = None
try:
    if tmpfs:
        d = Daemon(tmp, conf_for(tmp, db, port))
    else:
        # the daemon inherits the limit (and SIGXFSZ ignored: EFBIG, not death)
        old = resource.getrlimit(resource.RLIMIT_FSIZE)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (512 * 1024, old[1]))
        try:
            d = Daemon(tmp, conf_for(tmp, db, port))
        finally:
            resource.setrlimit(resource.RLIMIT_FSIZE, old)
    check(wait_until(10, lambda: d.log_text().count(": open") >= 2), "ports open")
    meter.telegram("000100.00", "00000001.0000")
    check(sensor_shows(d, 100.0), "first reading")
    check(wait_until(10, lambda: stored(db, 100.0) == 1), "the first reading is stored")

    # fill the disk: a meter with many values
    stop = threading.Event()

    def fill():
        i = 0
        while not stop.is_set():
            filler.telegram("%09.2f" % (i % 1000), "%013.4f" % i, extra=60)
            i += 1
            time.sleep(0.005)
    ft = threading.Thread(target=fill, daemon=True)
    ft.start()
    want = "disk full" if tmpfs else "readings are not stored"
    full = wait_until(60, lambda: want in d.log_text(), step=0.2)
    check(full, "the log says the history cannot be written (%s)" % want)
    for k, p in enumerate((201.5, 202.5, 203.5)):
        meter.telegram("%09.2f" % p, "00000002.%04d" % k)
        check(sensor_shows(d, p), "with the disk full, metering goes on (P = %s)" % p)
    stop.set()
    ft.join()
    m = metrics(port)
    check(m.get("meterd_history_write_errors_total", 0) > 0 and
          m.get('meterd_history_points_total{result="dropped_write_failed"}', 0) > 0,
          "/metrics counts the failed writes and their readings")
    check(m.get('meterd_history_points_total{result="committed"}', 0) >= 1, "and what was stored")
    log = d.log_text()
    # Once per episode: a second report only after the episode ended, by a write that
    # fitted after all ("writing again") or another kind of error (SQLite may answer
    # a full disk with an I/O error on its journal), never twice in a row.
    path_lines = [ln for ln in log.splitlines() if "history %s:" % db in ln]
    repeats = sum(1 for a, b in zip(path_lines, path_lines[1:]) if want in a and want in b)
    check(log.count(want) >= 1 and repeats == 0,
          "logged once per episode (%d times, %d in a row): %r" % (log.count(want), repeats,
                                                                   path_lines[:8]))
    if tmpfs:
        # room again: new readings are stored
        check(mount("-o", "remount,size=64m", small), "tmpfs grown")
        meter.telegram("000300.00", "00000003.0000")
        check(sensor_shows(d, 300.0), "reading after the disk has room")
        check(wait_until(20, lambda: stored(db, 300.0) == 1), "stored again once there is room")
        check(wait_until(10, lambda: "writing again" in d.log_text()), "the log says it writes again")
    rc = d.stop()
    d = None
    check(rc == 0, "meterd stopped cleanly after the full disk")
    con = sqlite3.connect(db)
    check(con.execute("PRAGMA integrity_check").fetchone()[0] == "ok", "the database is intact")
    con.close()

    # --- a read-only database
    rodir = os.path.join(tmp, "ro")
    os.mkdir(rodir)
    rodb = os.path.join(rodir, "history.db")
    con = sqlite3.connect(rodb)
    con.executescript("CREATE TABLE ids(key INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE);")
    con.close()
    if os.geteuid() == 0 and mount("--bind", rodir, rodir):
        mounts.append(rodir)
        check(mount("-o", "remount,ro,bind", rodir), "read-only bind mount")
    else:
        os.chmod(rodb, 0o444)
        os.chmod(rodir, 0o555)
    before = os.stat(rodb)
    d = Daemon(tmp, conf_for(tmp, rodb, port))
    check(wait_until(10, lambda: d.log_text().count(": open") >= 2), "ports open (read-only db)")
    check(wait_until(20, lambda: "database is read-only" in d.log_text()),
          "the log says the database is read-only")
    for p in (401.25, 402.25):
        meter.telegram("%09.2f" % p, "00000004.0000")
        check(sensor_shows(d, p), "with a read-only database, metering goes on (P = %s)" % p)
    m = metrics(port)
    check(m.get('meterd_history_points_total{result="committed"}') == 0 and
          m.get('meterd_history_points_total{result="dropped_write_failed"}', 0) >= 2 and
          m.get("meterd_history_ok") == 0, "/metrics: nothing stored, the readings counted as dropped")
    rc = d.stop()
    d = None
    check(rc == 0, "meterd stopped cleanly")
    after = os.stat(rodb)
    check((before.st_size, before.st_mtime_ns) == (after.st_size, after.st_mtime_ns),
          "the read-only database was not touched")
finally:
    if d is not None:
        d.stop()
    for m in reversed(mounts):
        subprocess.run(["umount", m])
    os.close(meter.master)
    os.close(filler.master)

finish(tmp)
