"""
test_daemon_resolve.py - name resolution for tcp:// meters runs off the
event loop (issue 15):

meterd runs in a private mount namespace whose /etc/resolv.conf names a DNS
server the test owns that never answers (a bound UDP socket on 127.0.0.2
that reads nothing), and whose /etc/hosts does not know the name. A DSMR 5
simulator pushes a telegram every second on a pty next to a tcp:// meter
with that name. While every lookup hangs:

- the pty meter keeps receiving: its frames_ok in the status file grows and
  the 1 s status file keeps being rewritten (a blocked loop writes none);
- the failed lookup is reported with getaddrinfo's own words
  ("Temporary failure in name resolution"), not "No such file or directory";
- SIGTERM stops the daemon at once although a lookup is still running.
"""
import json
import os
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon_util import METERD, check, finish, mktemp, wait_until  # noqa: E402

tmp = mktemp()
procs = []
# resolv.conf has no port syntax: the silent server takes port 53 of
# 127.0.0.2 (the tests run as root) and never reads a query.
dns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
dns.bind(("127.0.0.2", 53))
with open(os.path.join(tmp, "resolv.conf"), "w") as f:
    f.write("nameserver 127.0.0.2\noptions timeout:3 attempts:1\n")
with open(os.path.join(tmp, "hosts"), "w") as f:
    f.write("127.0.0.1 localhost\n")

try:
    simout = open(os.path.join(tmp, "sim.out"), "w+")
    sim = subprocess.Popen([METERD, "sim", "dsmr5", "--pty", tmp + "/ttyP1"],
                           stdout=simout, stderr=subprocess.DEVNULL)
    procs.append(sim)
    check(wait_until(10, lambda: os.path.exists(tmp + "/ttyP1")), "the DSMR simulator made its pty")

    conf = os.path.join(tmp, "meterd.conf")
    with open(conf, "w") as f:
        f.write("""teleperiod 1s
meter p1 {
    port "%s/ttyP1"
    protocol dsmr 115200 8N1
}
meter remote {
    port "tcp://ser2net.meterd-test.lan:2001"
    protocol sml 9600 8N1
}
""" % tmp)
    status = os.path.join(tmp, "status.json")
    log_path = os.path.join(tmp, "meterd.log")
    logf = open(log_path, "w")
    d = subprocess.Popen(["unshare", "-m", "--propagation", "private", "sh", "-c",
                          'mount --bind "$1/resolv.conf" /etc/resolv.conf && '
                          'mount --bind "$1/hosts" /etc/hosts && shift && exec "$@"', "sh", tmp,
                          METERD, "run", "-c", conf, "--status", status],
                         stdout=subprocess.DEVNULL, stderr=logf)
    procs.append(d)

    def frames():
        try:
            with open(status) as f:
                st = json.load(f)
            return st["meters"]["p1"]["frames_ok"], os.stat(status).st_mtime_ns
        except (OSError, ValueError, KeyError):
            return None
    first = wait_until(15, frames)
    check(first is not None, "the pty meter's frames reach the status file")
    # Sample for 7 s: a loop blocked in getaddrinfo (3 s per lookup, retried
    # with backoff) would neither count frames nor rewrite the file meanwhile.
    seen_mtimes, counts = set(), []
    end = time.monotonic() + 7
    while time.monotonic() < end:
        f = frames()
        if f is not None:
            counts.append(f[0])
            seen_mtimes.add(f[1])
        time.sleep(0.25)
    print("frames_ok samples %s; %d status rewrites" % (counts[::4], len(seen_mtimes)), file=sys.stderr)
    check(counts and counts[-1] - first[0] >= 4, "the pty meter kept its rate while lookups hang: %r" % counts)
    # The count grows steadily, never stalled for 3 s (12 samples in a row).
    longest = run = 0
    for a, b in zip(counts, counts[1:]):
        run = run + 1 if a == b else 0
        longest = max(longest, run)
    check(longest < 8, "no 2 s stall in the frame count (longest flat run %d samples)" % longest)
    check(len(seen_mtimes) >= 5, "the 1 s status file kept being written (%d rewrites in 7 s)" % len(seen_mtimes))

    def logged():
        with open(log_path, encoding="utf-8", errors="replace") as f:
            return [l for l in f.read().splitlines() if "ser2net.meterd-test.lan" in l and "warning" in l]
    lines = wait_until(10, lambda: [l for l in logged() if "cannot resolve host name" in l])
    check(lines and "Temporary failure in name resolution" in lines[0],
          "the lookup failure says what getaddrinfo said: %r" % lines)
    check(lines and all("No such file" not in l for l in lines), "not reported as a missing file")

    d.terminate()
    try:
        rc = d.wait(5)
    except subprocess.TimeoutExpired:
        rc = None
    check(rc == 0, "SIGTERM stops it while a lookup runs (exit %r)" % rc)
finally:
    for p in procs:
        if p.poll() is None:
            p.kill()
            p.wait()
    dns.close()
finish(tmp)
