"""
test_daemon_flap.py - a TCP serial server that accepts and closes at once
(issue 15): meterd retries it with growing delays (0.5, 1, 2, 4 s ... as
backoff.h promises), not every 0.5 s forever, and logs the trouble once,
not two lines per attempt. The peer is a real listening socket here; the
accept times are taken by the test, not read from meterd.
"""
import os
import socket
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon_util import METERD, check, finish, mktemp  # noqa: E402

tmp = mktemp()
srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", 0))
srv.listen(8)
port = srv.getsockname()[1]
accepts = []
stop = False


def serve():
    srv.settimeout(0.2)
    while not stop:
        try:
            c, _ = srv.accept()
        except socket.timeout:
            continue
        except OSError:
            break
        accepts.append(time.monotonic())
        c.close()


t = threading.Thread(target=serve, daemon=True)
t.start()
conf = os.path.join(tmp, "meterd.conf")
with open(conf, "w") as f:
    f.write('meter flappy {\n    port "tcp://127.0.0.1:%d"\n    protocol dsmr 115200 8N1\n}\n' % port)
log_path = os.path.join(tmp, "meterd.log")
with open(log_path, "w") as logf:
    p = subprocess.Popen([METERD, "run", "-c", conf], stdout=subprocess.DEVNULL, stderr=logf)
    try:
        time.sleep(9)
    finally:
        p.terminate()
        try:
            p.wait(10)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
stop = True
t.join()
srv.close()
with open(log_path, encoding="utf-8", errors="replace") as f:
    log = f.read()

gaps = [b - a for a, b in zip(accepts, accepts[1:])]
print("accepts: %d, gaps: %s" % (len(accepts), ["%.2f" % g for g in gaps]), file=sys.stderr)
# 0.5 + 1 + 2 + 4 s of backoff fit in 9 s: about five connects, not eighteen.
check(2 <= len(accepts) <= 7, "a peer that closes at once is not reconnected every 0.5 s (%d connects in 9 s)"
      % len(accepts))
check(len(gaps) >= 3 and gaps[2] > 2 * gaps[0], "the delays grow: %r" % gaps)
warnings = [l for l in log.splitlines() if "warning" in l and str(port) in l]
port_lines = [l for l in warnings if "right after opening" in l]
meter_lines = [l for l in warnings if "meter flappy" in l]
check(len(port_lines) == 1 and len(warnings) == len(port_lines) + len(meter_lines),
      "the flapping port is logged once: %r" % warnings)
check(len(meter_lines) == 1 and "down" in meter_lines[0],
      "the meter's health says once that its port is down: %r" % meter_lines)
opens = [l for l in log.splitlines() if "open again" in l]
check(opens == [], "no 'open again' line per attempt at the default level: %r" % opens)
finish(tmp)
