"""
test_daemon_statusfile.py - a full disk leaves the last good status file in
place and is logged once (issue 15):

meterd writes --status into a small tmpfs of its own (a private mount
namespace, so nothing outlives the test). Once a good status file is there,
the test fills the tmpfs (through /proc/PID/root, the daemon's view): for
several teleperiods the status file keeps its last good content (valid JSON,
same bytes), no half-written .tmp file is left, and the log says "status
file" exactly once. When space comes back, the file is written again and the
log says so.
"""
import json
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon_util import METERD, check, finish, mktemp, wait_until  # noqa: E402

tmp = mktemp()
mnt = os.path.join(tmp, "run")
os.mkdir(mnt)
conf = os.path.join(tmp, "meterd.conf")
with open(conf, "w") as f:
    f.write('teleperiod 1s\nmeter m {\n    port "%s/ttyNone"\n    protocol sml\n}\n' % tmp)
log_path = os.path.join(tmp, "meterd.log")
logf = open(log_path, "w")
p = subprocess.Popen(["unshare", "-m", "--propagation", "private", "sh", "-c",
                      'mount -t tmpfs -o size=64k tmpfs "$1" && shift && exec "$@"', "sh", mnt,
                      METERD, "run", "-c", conf, "--status", os.path.join(mnt, "status.json")],
                     stdout=subprocess.DEVNULL, stderr=logf)


def log_text():
    with open(log_path, encoding="utf-8", errors="replace") as f:
        return f.read()


try:
    # The daemon's view of its tmpfs, once it has exec'd meterd.
    view = "/proc/%d/root%s" % (p.pid, mnt)
    status = os.path.join(view, "status.json")

    def good():
        try:
            with open(status, "rb") as f:
                b = f.read()
            json.loads(b)
            return b
        except (OSError, ValueError):
            return None
    before = wait_until(15, good)
    check(before is not None, "a good status file in the daemon's tmpfs")
    mtime = os.stat(status).st_mtime_ns

    filler = os.path.join(view, "filler")
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    for size in (4096, 1):  # whole pages, then the last bytes
        try:
            while True:
                os.write(fd, b"\0" * size)
        except OSError:
            pass
    os.close(fd)
    time.sleep(3.5)  # several 1 s teleperiods, each trying to write
    after = good()
    check(after is not None and after == before and os.stat(status).st_mtime_ns == mtime,
          "disk full: the last good status file stays as it was")
    check(not os.path.exists(status + ".tmp"), "no half-written status.json.tmp left behind")
    lines = [l for l in log_text().splitlines() if "status file" in l]
    check(len(lines) == 1 and "No space left on device" in lines[0],
          "the full disk is logged once: %r" % lines)

    os.unlink(filler)
    check(wait_until(10, lambda: "written again" in log_text()),
          "space back: the status file is written again, and the log says so")
    check(wait_until(5, lambda: os.stat(status).st_mtime_ns != mtime), "the status file is fresh again")
finally:
    if p.poll() is None:
        p.terminate()
        try:
            p.wait(10)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
    logf.close()
    print(log_text()[-2000:], file=sys.stderr)
finish(tmp)
