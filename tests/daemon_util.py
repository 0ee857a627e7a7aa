"""
daemon_util.py - shared by tests/test_daemon_*.py (not a test itself):
start `meterd run` in a temp dir, read its SENSOR lines and status file,
wait until a condition holds, stop it by its PID.
"""
import atexit
import json
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import tty

METERD = os.environ.get("METERD", "build/dbg/meterd")
FIXTURES = os.environ.get("FIXTURES", "tests/fixtures")

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL: " + what, file=sys.stderr)
    else:
        print("ok: " + what, file=sys.stderr)
    return cond


def wait_until(seconds, fn, step=0.05):
    end = time.monotonic() + seconds
    while True:
        v = fn()
        if v:
            return v
        if time.monotonic() >= end:
            return None
        time.sleep(step)


def seed_script():
    with open(os.path.join(FIXTURES, "seed-script.tas"), encoding="utf-8") as f:
        return f.read()


class Daemon:
    def __init__(self, tmp, conf_text, extra=()):
        self.tmp = tmp
        self.conf = os.path.join(tmp, "meterd.conf")
        self.status = os.path.join(tmp, "status.json")
        self.log = os.path.join(tmp, "meterd.log")
        with open(self.conf, "w", encoding="utf-8") as f:
            f.write(conf_text)
        self.lines = queue.Queue()
        self.logf = open(self.log, "wb")
        self.p = subprocess.Popen(
            [METERD, "run", "-c", self.conf, "--print", "--status", self.status, *extra],
            stdout=subprocess.PIPE, stderr=self.logf)
        # A test that dies before its own stop must not leave the daemon behind: it
        # would reopen its port path, a pty number the kernel hands to later tests.
        atexit.register(self._kill)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.p.stdout:
            self.lines.put(line.decode("utf-8", "replace"))

    def sensor(self, timeout):
        """The next SENSOR object printed, or None."""
        try:
            return json.loads(self.lines.get(timeout=timeout))
        except queue.Empty:
            return None

    def sensor_until(self, seconds, pred):
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            s = self.sensor(max(0.05, end - time.monotonic()))
            if s is not None and pred(s):
                return s
        return None

    def read_status(self):
        try:
            with open(self.status, encoding="utf-8") as f:
                return json.load(f)
        except (OSError, ValueError):
            return None

    def status_until(self, seconds, pred):
        def probe():
            st = self.read_status()
            return st if st is not None and pred(st) else None
        return wait_until(seconds, probe)

    def log_text(self):
        with open(self.log, encoding="utf-8", errors="replace") as f:
            return f.read()

    def _kill(self):
        if self.p.poll() is None:
            self.p.kill()
            self.p.wait()

    def running(self):
        return self.p.poll() is None

    def send(self, sig):
        if self.running():
            os.kill(self.p.pid, sig)

    def stop(self, sig=signal.SIGTERM, grace=5):
        """Stops by PID; returns the exit status (None if it had to be killed)."""
        if self.running():
            os.kill(self.p.pid, sig)
        try:
            return self.p.wait(grace)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.wait()
            return None
        finally:
            self.logf.close()


def finish(tmp):
    if failures:
        print("%d check(s) failed; files kept in %s" % (len(failures), tmp), file=sys.stderr)
        sys.exit(1)
    shutil.rmtree(tmp, ignore_errors=True)
    sys.exit(0)


def mktemp():
    return tempfile.mkdtemp(prefix="meterd-test.")


def free_port():
    """A TCP port on 127.0.0.1 nobody listens on (for a server the test starts)."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def crc16_modbus(data):
    """CRC-16/MODBUS (poly 0xA001 reflected, init 0xFFFF), written here for the tests."""
    crc = 0xFFFF
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc


def make_pty(link):
    """A raw pty whose slave side is reachable as `link`; returns the master fd."""
    m, s = os.openpty()
    tty.setraw(m)
    name = os.ttyname(s)
    os.close(s)
    os.symlink(name, link)
    return m


def stop_all(procs, grace=5):
    """Terminates the processes still running, killing those that linger."""
    for p in procs:
        if p.poll() is None:
            p.terminate()
            try:
                p.wait(grace)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
