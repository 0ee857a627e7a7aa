"""Shared helpers for the black-box simulator and scan tests (tests/test_sim_*.py,
tests/test_scan*.py): start `meterd sim` on ptys in a temp dir, talk to a pty,
decode captures with `meterd decode`, stop everything by recorded PID."""

import json
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import termios
import time
import tty

METERD = os.environ.get("METERD", "build/dbg/meterd")
FIXTURES = os.environ.get("FIXTURES", "tests/fixtures")


def fail(msg):
    print("FAIL: " + msg, file=sys.stderr)
    sys.exit(1)


def check(cond, msg):
    if not cond:
        fail(msg)


class Sim:
    """`meterd sim ARGS` in the background; links are made in self.dir."""

    def __init__(self, *args):
        self.dir = tempfile.mkdtemp(prefix="meterd-sim.")
        self.args = [a.replace("@", self.dir + "/") for a in args]
        self.log = open(os.path.join(self.dir, "sim.log"), "w+")
        self.proc = subprocess.Popen([METERD, "sim", "-v"] + self.args,
                                     stdout=subprocess.PIPE, stderr=self.log, text=True)
        self.lines = []
        links = [a for a in self.args if a.startswith(self.dir)]
        end = time.time() + 10
        while not all(os.path.exists(l) for l in links):
            if self.proc.poll() is not None or time.time() > end:
                self.stop()
                fail("meterd sim did not come up: " + self.stderr())
            time.sleep(0.02)

    def meter_lines(self, n):
        """The first n stdout lines (one per meter, tab-separated fields). The links
        already exist, so the lines have been written; EOF means the sim died."""
        while len(self.lines) < n:
            line = self.proc.stdout.readline()
            if not line:
                break
            self.lines.append(line.rstrip("\n").split("\t"))
        check(len(self.lines) >= n, "meterd sim printed %d of %d meter lines" % (len(self.lines), n))
        return self.lines[:n]

    def path(self, name):
        return os.path.join(self.dir, name)

    def stderr(self):
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        out = self.proc.stdout.read() if self.proc.stdout else ""
        return self.proc.returncode, out

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


def open_port(path):
    fd = os.open(path, os.O_RDWR | os.O_NOCTTY | os.O_NONBLOCK)
    tty.setraw(fd)
    termios.tcflush(fd, termios.TCIOFLUSH)
    return fd


def read_for(fd, seconds, until=None):
    """Reads for `seconds`, or until until(data) is true. Returns (data, chunks)
    where chunks are (monotonic time, bytes)."""
    data, chunks = b"", []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                b = os.read(fd, 4096)
            except BlockingIOError:
                continue
            data += b
            chunks.append((time.monotonic(), b))
            if until and until(data):
                break
    return data, chunks


def capture(path, seconds):
    fd = open_port(path)
    try:
        return read_for(fd, seconds)
    finally:
        os.close(fd)


def decode(proto, data, *extra):
    with tempfile.NamedTemporaryFile(suffix=".bin") as f:
        f.write(data)
        f.flush()
        out = subprocess.run([METERD, "decode", "--protocol", proto, "--strict"] + list(extra)
                             + [f.name], capture_output=True, text=True, timeout=30)
    check(out.returncode in (0, 1), "meterd decode failed: " + out.stderr)
    return [json.loads(l) for l in out.stdout.splitlines() if l.strip()]


def decode_file(proto, path):
    with open(path, "rb") as f:
        return decode(proto, f.read())


def _full_id(address):
    """The id meterd gives an OBIS address: the current value's F group is 255."""
    return address + "*255" if re.match(r"^\d+-\d+:\d+\.\d+\.\d+$", address) else address


def expected_ids(fixture):
    """The value ids of a real capture, in order, from its .expected.json (written
    from the capture and the peers' tests, not by meterd): one per value of a D0
    data set ('&' parts each count), one per DSMR object, the entries of the first
    SML frame."""
    with open(re.sub(r"\.(txt|bin)$", ".expected.json", fixture)) as f:
        exp = json.load(f)
    if "data_sets" in exp:
        return [_full_id(ds["address"]) for ds in exp["data_sets"]
                for v in ds["values"] for _ in v["raw"].split("&")]
    if "objects" in exp:
        return [_full_id(o["obis"]) for o in exp["objects"]]
    return [_full_id(e["obis"]) for e in exp["frames"][0]["entries"]]


def frames(objs):
    """[(frame, {id: value-object})] in stream order."""
    res, by = [], {}
    for o in objs:
        if o["type"] == "frame":
            by = {}
            res.append((o, by))
        elif o["type"] == "value" and res:
            by[o["id"]] = o
    return res


def ids_of(objs):
    return [o["id"] for o in objs if o["type"] == "value"]


def even_parity_ok(b):
    return bin(b).count("1") % 2 == 0
