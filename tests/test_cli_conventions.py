"""
test_cli_conventions.py - one convention for every subcommand (issue 11),
as meterd(8) states it: `meterd CMD --help` prints "usage: meterd CMD" on
standard output and exits 0; an unknown option prints the usage on standard
error and exits 2, any message naming "meterd CMD" (never a bare "CMD:");
a file or port that cannot be opened exits 1 with a message naming it.
The commands are taken from `meterd --help`, so a new one is held to it too.

`meterd status` reads a running daemon's status file: its output shows each
meter's health and each value as the status file (parsed here) holds it.
"""
import json
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon_util import METERD, check, finish, mktemp, wait_until  # noqa: E402

tmp = mktemp()


def run(*args, timeout=30):
    p = subprocess.run([METERD, *args], capture_output=True, timeout=timeout)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


rc, out, _ = run("--help")
cmds = re.findall(r"^  (\w+)\s", out, re.M)
check(rc == 0 and {"decode", "check", "sim", "scan", "run", "demo", "status"} <= set(cmds),
      "meterd --help lists the subcommands: %r" % cmds)
for c in cmds:
    rc, out, err = run(c, "--help")
    check(rc == 0 and out.startswith("usage: meterd " + c) and err == "",
          "%s --help: usage on stdout, exit 0 (rc %d, %r)" % (c, rc, (out + err)[:80]))
    rc, out, err = run(c, "--no-such-option")
    check(rc == 2 and out == "" and "usage: meterd " + c in err,
          "%s --no-such-option: usage on stderr, exit 2 (rc %d, %r)" % (c, rc, err[:120]))
    check(re.search(r"^%s:" % c, err, re.M) is None, "%s: messages say 'meterd %s', not '%s:': %r" % (c, c, c, err[:120]))

missing = os.path.join(tmp, "missing")
for args in (["decode", missing], ["check", missing], ["run", "-c", missing], ["run", "-n", "-c", missing],
             ["status", "-s", missing], ["scan", "--listen", "1", missing]):
    rc, out, err = run(*args)
    check(rc == 1 and "missing" in err, "%s on a missing file: exit 1 naming it (rc %d, %r)" % (args[0], rc, err[:120]))

# meterd status against a running daemon: one meter read from a simulator, one without its port.
procs = []
try:
    sim = subprocess.Popen([METERD, "sim", "dsmr5", "--pty", tmp + "/ttyP1"], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    procs.append(sim)
    check(wait_until(10, lambda: os.path.exists(tmp + "/ttyP1")), "simulator up")
    conf = os.path.join(tmp, "st.conf")
    with open(conf, "w") as f:
        f.write('teleperiod 1s\nmeter p1 {\n    port "%s/ttyP1"\n    protocol dsmr 115200 8N1\n}\n'
                'meter gone {\n    port "%s/ttyNone"\n    protocol sml\n}\n' % (tmp, tmp))
    status = os.path.join(tmp, "status.json")
    d = subprocess.Popen([METERD, "run", "-c", conf, "--status", status], stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    procs.append(d)

    def has_values():
        try:
            st = json.load(open(status))
            return st if st["meters"]["p1"]["values"] else None
        except (OSError, ValueError, KeyError):
            return None
    st = wait_until(15, has_values)
    check(st is not None, "the daemon's status file has p1's values")
    d.terminate()
    d.wait(10)
    st = json.load(open(status))  # the file as it was left: what status must show
    rc, out, err = run("status", "-s", status)
    check(rc == 0, "meterd status exits 0 (%r)" % err)
    rows = {l.split()[0]: l.split() for l in out.splitlines() if l and not l.startswith(" ")}
    check(rows.get("p1", [None, None, None])[2] == "up", "p1 is up: %r" % rows.get("p1"))
    check(rows.get("gone", [None, None, None])[2] == "port_down", "gone has its port down: %r" % rows.get("gone"))
    for name, v in st["meters"]["p1"]["values"].items():
        shown = ("%s %s" % (v["value"], v.get("unit", ""))).strip() if "value" in v else '"%s"' % v["text"]
        line = [l for l in out.splitlines() if l.startswith("    " + name + " ")]
        check(len(line) == 1 and shown in line[0] and "ago" in line[0],
              "value %s shown as %r with its age: %r" % (name, shown, line))
finally:
    for p in procs:
        if p.poll() is None:
            p.kill()
            p.wait()
finish(tmp)
