"""
test_daemon_notify.py - systemd's notify protocol without libsystemd: the
daemon sends READY=1 on a NOTIFY_SOCKET datagram socket, WATCHDOG=1 at half
of WATCHDOG_USEC, RELOADING=1 then READY=1 around SIGHUP, STOPPING=1 at
SIGTERM.
A WATCHDOG_USEC of 1 us (below the loop's 1 ms clock) must not make the
loop spin: the daemon uses a small part of one core and stops at SIGTERM.

The watchdog's rate is judged against the daemon's own teleperiod, not a
wall-clock bound (which load could break): with WATCHDOG_USEC=2.4 s the
pings come every 1.2 s, so two arrive before the first SENSOR line at 3 s
(one at the full interval) and five between the first and the third at 9 s
(two at the full interval). No ping is due together with a line.
"""
import select
import os
import signal
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon_util import METERD, check, finish, mktemp  # noqa: E402

tmp = mktemp()
sock_path = os.path.join(tmp, "notify.sock")
sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
sock.bind(sock_path)
sock.settimeout(5)
conf = os.path.join(tmp, "meterd.conf")
with open(conf, "w") as f:
    f.write('meter m {\n    port "%s/ttyNone"\n    protocol sml\n}\n' % tmp)
env = dict(os.environ, NOTIFY_SOCKET=sock_path, WATCHDOG_USEC="2400000")
p = subprocess.Popen([METERD, "run", "-c", conf, "--print", "--teleperiod", "3"], env=env,
                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)


def interleaved(n_sensor, seconds=30):
    """The order in which notifications and SENSOR lines arrive: a list of
    "W" (WATCHDOG=1) and "S" (a SENSOR line), up to the n_sensor-th S."""
    seq, buf = [], b""
    end = time.monotonic() + seconds
    while time.monotonic() < end and seq.count("S") < n_sensor:
        r, _, _ = select.select([sock, p.stdout], [], [], 1)
        # Datagrams first: a ping and a line ready together were sent in that order
        # only if the ping came first, but a line is never delayed by a ping.
        if sock in r:
            seq += ["W" for m in [sock.recv(4096).decode()] if "WATCHDOG=1" in m]
        if p.stdout in r:
            chunk = os.read(p.stdout.fileno(), 65536)
            if not chunk:
                break
            buf += chunk
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                if b"\"Time\"" in line:
                    seq.append("S")
    return seq


def messages(until, seconds=5):
    got = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            got.append(sock.recv(4096).decode())
        except socket.timeout:
            break
        if until(got):
            break
    return got


try:
    got = messages(lambda g: any("READY=1" in m for m in g))
    check(any(m.startswith("READY=1") for m in got), "READY=1 once running: %r" % got)
    seq = interleaved(3)
    first = seq.index("S") if "S" in seq else len(seq)
    between = seq[first + 1:].count("W")
    check(seq.count("S") == 3, "three SENSOR lines at teleperiod 3 s: %s" % "".join(seq))
    check(seq[:first].count("W") >= 2,
          "the first pings at half the 2.4 s interval: two before the first SENSOR line at 3 s: %s" %
          "".join(seq))
    check(between >= 4,
          "then every 1.2 s: four or five pings over the 6 s to the third SENSOR line "
          "(two at the full interval): %s" % "".join(seq))
    p.send_signal(signal.SIGHUP)
    got = messages(lambda g: any("READY=1" in m for m in g))
    check(any("RELOADING=1" in m for m in got) and any("READY=1" in m for m in got),
          "RELOADING=1 then READY=1 around SIGHUP")
    p.send_signal(signal.SIGTERM)
    got = messages(lambda g: any("STOPPING=1" in m for m in g))
    check(any("STOPPING=1" in m for m in got), "STOPPING=1 at SIGTERM")
    check(p.wait(5) == 0, "exit status 0")

    # A watchdog interval below 2 ms: half of it rounds to a 0 ms timer.
    env = dict(os.environ, NOTIFY_SOCKET=sock_path, WATCHDOG_USEC="1")
    p = subprocess.Popen([METERD, "run", "-c", conf], env=env, stderr=subprocess.DEVNULL)
    got = messages(lambda g: any("READY=1" in m for m in g))
    check(any(m.startswith("READY=1") for m in got), "READY=1 with WATCHDOG_USEC=1")

    def cpu_s():
        with open("/proc/%d/stat" % p.pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    c0, t0 = cpu_s(), time.monotonic()
    end = t0 + 2
    while time.monotonic() < end:  # drain the pings so the socket never fills
        try:
            sock.recv(4096)
        except socket.timeout:
            break
    used = (cpu_s() - c0) / (time.monotonic() - t0)
    print("CPU share with WATCHDOG_USEC=1: %.2f" % used, file=sys.stderr)
    check(used < 0.25, "a 1 us watchdog does not spin the loop (%.0f %% of a core)" % (used * 100))
    p.send_signal(signal.SIGTERM)
    try:
        rc = p.wait(10)
    except subprocess.TimeoutExpired:
        rc = None
    check(rc == 0, "stops at SIGTERM with a 1 us watchdog")
finally:
    if p.poll() is None:
        p.kill()
        p.wait()
    sock.close()
finish(tmp)
