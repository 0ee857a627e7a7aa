"""
test_daemon_health_log.py - what an operator sees of a meter's health
(issue 11), through the real daemon at the default verbosity:

- a DSMR 4 meter (the fixture's real telegram, written to a pty by this
  test every second) is read; the first SENSOR line comes once every meter
  has its values, with its energy totals, not a 300 s teleperiod later;
- the meter falls silent for 20 s: exactly one warning line names it as
  silent, however long the silence lasts; when telegrams come again,
  exactly one line says it answers again;
- systemd's STATUS= (a NOTIFY_SOCKET the test reads) names the silent meter
  while it is silent and counts it up again afterwards.
"""
import json
import os
import pty
import queue
import socket
import subprocess
import sys
import threading
import time
import tty

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon_util import METERD, FIXTURES, check, finish, mktemp, wait_until  # noqa: E402

tmp = mktemp()
telegram = open(os.path.join(FIXTURES, "dsmr", "dsmr-tools__RealDSMR4_LG_E350_gas.txt"), "rb").read()

master, slave = pty.openpty()
tty.setraw(slave)
port = os.ttyname(slave)
sending = threading.Event()
sending.set()
stop = threading.Event()


def meter():
    while not stop.is_set():
        if sending.is_set():
            os.write(master, telegram)
        # keep the master drained of nothing: the daemon only reads
        time.sleep(1)


threading.Thread(target=meter, daemon=True).start()

sock_path = os.path.join(tmp, "notify.sock")
sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
sock.bind(sock_path)
statuses = queue.Queue()


def notify_reader():
    while True:
        try:
            m = sock.recv(4096).decode()
        except OSError:
            return
        for line in m.splitlines():
            if line.startswith("STATUS="):
                statuses.put(line[7:])


threading.Thread(target=notify_reader, daemon=True).start()

conf = os.path.join(tmp, "meterd.conf")
with open(conf, "w") as f:
    f.write('meter p1 {\n    port "%s"\n    protocol dsmr 115200 8N1\n}\n' % port)  # teleperiod: 300 s
log_path = os.path.join(tmp, "meterd.log")
logf = open(log_path, "w")
env = dict(os.environ, NOTIFY_SOCKET=sock_path)
d = subprocess.Popen([METERD, "run", "-c", conf, "--print"], stdout=subprocess.PIPE, stderr=logf, env=env)
lines = queue.Queue()
threading.Thread(target=lambda: [lines.put(l) for l in d.stdout], daemon=True).start()


def log_lines():
    with open(log_path, encoding="utf-8", errors="replace") as f:
        return f.read().splitlines()


def last_status(pred, seconds):
    end = time.monotonic() + seconds
    seen = None
    while time.monotonic() < end:
        try:
            seen = statuses.get(timeout=0.5)
        except queue.Empty:
            continue
        if pred(seen):
            return seen
    return None


try:
    # The first SENSOR line, long before the 300 s teleperiod.
    try:
        first = json.loads(lines.get(timeout=30))
    except queue.Empty:
        first = None
    check(first is not None and "p1" in first, "a first SENSOR line once the meter has its values: %r" % first)
    check(first is not None and any(k.startswith("1-0:1.8.1") for k in first.get("p1", {})),
          "it holds the energy total (held back by the guard until a second reading): %r" % first)
    check(last_status(lambda s: s.startswith("1 of 1 meters up"), 10) is not None, "STATUS= 1 of 1 meters up")

    sending.clear()  # the meter falls silent
    st = last_status(lambda s: "silent: p1" in s, 40)
    check(st is not None, "STATUS= names the silent meter: %r" % st)
    time.sleep(5)  # silence goes on: still one line
    silent = [l for l in log_lines() if "meter p1: silent" in l]
    check(len(silent) == 1 and "warning" in silent[0], "one warning names the silent meter: %r" % silent)

    sending.set()  # it answers again
    check(last_status(lambda s: s.startswith("1 of 1 meters up"), 20) is not None, "STATUS= up again")
    again = [l for l in log_lines() if "meter p1" in l and "answering again" in l]
    check(len(again) == 1, "one line says it answers again: %r" % again)
    check(len([l for l in log_lines() if "meter p1: silent" in l]) == 1,
          "and the silence was said only once: %r" % log_lines())
finally:
    stop.set()
    d.terminate()
    try:
        d.wait(10)
    except subprocess.TimeoutExpired:
        d.kill()
        d.wait()
    logf.close()
    sock.close()
    os.close(master)
    os.close(slave)
finish(tmp)
