"""
test_decode_stream.py - `meterd decode` on a live, endless stream (issue 15):

- fed through a pipe that never closes, it prints each frame while the
  stream goes on (the frame's length and status as the fixture's
  expected.json says), not at end of input;
- its memory stays flat: the resident size after 40 MB of input is within
  2 MB of that after the first MB (the old decode read everything first);
- /dev/zero (endless, no frame) neither grows it nor makes it print;
- a pseudo-terminal works as the input, as an optical head's /dev/ttyUSB0
  would, with the protocol detected from the bytes.
"""
import json
import os
import pty
import select
import subprocess
import sys
import threading
import time
import tty

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon_util import METERD, FIXTURES, check, finish, mktemp, wait_until  # noqa: E402

tmp = mktemp()
base = os.path.join(FIXTURES, "sml", "libsml-testing__DZG_DVS-7412.2_jmberg")
frame = open(base + ".bin", "rb").read()
expected = json.load(open(base + ".expected.json"))["frames"][0]


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def read_lines(p, want, seconds):
    """Reads stdout lines of p until want(lines) or the time is up."""
    got, buf = [], b""
    end = time.monotonic() + seconds
    while time.monotonic() < end and not want(got):
        r, _, _ = select.select([p.stdout], [], [], 0.2)
        if not r:
            continue
        chunk = os.read(p.stdout.fileno(), 65536)
        if not chunk:
            break
        buf += chunk
        *lines, buf = buf.split(b"\n")
        got += [json.loads(l) for l in lines if l]
    return got


procs = []
try:
    # 1. An endless pipe: frames come out while it is still open.
    p = subprocess.Popen([METERD, "decode", "--protocol", "sml", "-"], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    procs.append(p)
    p.stdin.write(frame * 3)
    p.stdin.flush()
    got = read_lines(p, lambda g: sum(o["type"] == "frame" for o in g) >= 3, 10)
    frames = [o for o in got if o["type"] == "frame"]
    check(len(frames) >= 3, "three frames printed while the pipe stays open (%d)" % len(frames))
    check(all(f["status"] == "ok" and f["length"] == expected["length"] for f in frames),
          "each as the fixture says: ok, %d bytes: %r" % (expected["length"], frames[:1]))

    # Keep feeding (a thread reads the output) and watch the resident size.
    out_bytes = [0]

    def drain():
        while True:
            b = os.read(p.stdout.fileno(), 1 << 20)
            if not b:
                break
            out_bytes[0] += len(b)
    th = threading.Thread(target=drain, daemon=True)
    th.start()
    chunk = frame * 4096  # 1 MiB
    before = None
    for i in range(40):
        p.stdin.write(chunk)
        p.stdin.flush()
        if i == 0:
            before = rss_kb(p.pid)
    after = rss_kb(p.pid)
    print("decode RSS after 1 MB: %d kB, after 40 MB: %d kB" % (before, after), file=sys.stderr)
    check(after - before < 2048, "memory stays flat on an endless stream (%d -> %d kB)" % (before, after))
    p.stdin.close()
    check(p.wait(30) == 0, "end of input: exit 0")
    th.join()
    check(out_bytes[0] > 40 * 4096 * 100, "it printed the frames all along (%d bytes)" % out_bytes[0])

    # 2. /dev/zero: endless, nothing to print, nothing kept.
    z = subprocess.Popen([METERD, "decode", "--protocol", "sml", "/dev/zero"],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    procs.append(z)
    time.sleep(0.5)
    r0 = rss_kb(z.pid)
    time.sleep(2)
    r1 = rss_kb(z.pid)
    print("decode /dev/zero RSS %d -> %d kB" % (r0, r1), file=sys.stderr)
    check(z.poll() is None and r1 - r0 < 2048, "/dev/zero does not grow it (%d -> %d kB)" % (r0, r1))
    z.kill()
    z.wait()

    # 3. A tty, protocol detected: what a user debugging an optical head runs.
    master, slave = pty.openpty()
    tty.setraw(slave)  # bytes that arrive before decode opens it stay as sent
    tty_path = os.ttyname(slave)
    t = subprocess.Popen([METERD, "decode", tty_path], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    procs.append(t)
    os.write(master, frame * 2)
    got = read_lines(t, lambda g: any(o["type"] == "frame" for o in g), 10)
    check(any(o["type"] == "frame" and o["protocol"] == "sml" and o["status"] == "ok" for o in got),
          "decode %s detects SML and prints its frames while the tty stays open" % tty_path)
    check(t.poll() is None, "and keeps reading the tty")
    t.kill()
    t.wait()
    os.close(master)
    os.close(slave)
finally:
    for q in procs:
        if q.poll() is None:
            q.kill()
            q.wait()
finish(tmp)
