"""
test_daemon_run_check.py - `meterd run -n` checks what `run` would complain
about (meterd(8): "the file is checked completely before anything starts"):
for each configuration that makes `run` log a warning when it sets the meters
up, `run -n` must print the same warning and exit 1; a clean file passes
with exit 0 and "ok", and `run -n` opens no port.
"""
import os
import signal
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon_util import METERD, check, finish, mktemp, wait_until  # noqa: E402

tmp = mktemp()
PORT = os.path.join(tmp, "ttyNone")  # never exists: nothing is opened

CASES = [
    ("a misspelt protocol option",
     'meter a {\n port "%s"\n protocol sml\n option lenient_crcc 1\n}\n',
     "protocol sml has no option lenient_crcc=1"),
    ("a poll for a meter that pushes",
     'meter a {\n port "%s"\n protocol sml\n poll 10s\n}\n',
     "poll ignored"),
    ("a Modbus value that is no register",
     'meter a {\n port "%s"\n protocol modbus 9600 8N1\n poll 10s\n address 1\n value "hx9"\n}\n',
     "is no Modbus register"),
    ("a KMP value that is no register",
     'meter a {\n port "%s"\n protocol kmp 1200 8N2\n poll 10s\n value "kmp:x"\n}\n',
     "is no KMP register"),
]


def run_warnings(conf, want):
    """`meterd run` on conf until it logs want (or 10 s); returns its stderr."""
    log = os.path.join(tmp, "run.log")
    with open(log, "wb") as f:
        p = subprocess.Popen([METERD, "run", "-c", conf], stdout=subprocess.DEVNULL, stderr=f)
    try:
        wait_until(10, lambda: want in open(log, errors="replace").read())
    finally:
        p.send_signal(signal.SIGTERM)
        try:
            p.wait(5)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
    return open(log, errors="replace").read()


for i, (what, text, want) in enumerate(CASES):
    conf = os.path.join(tmp, "case%d.conf" % i)
    with open(conf, "w") as f:
        f.write(text % PORT)
    check(want in run_warnings(conf, want), "%s: `run` warns \"%s\"" % (what, want))
    r = subprocess.run([METERD, "run", "-n", "-c", conf], capture_output=True, text=True, timeout=20)
    check(r.returncode == 1 and want in r.stderr,
          "%s: `run -n` exits 1 with the same warning: rc %d, %r" % (what, r.returncode, r.stderr))
    check("ok" not in r.stdout, "%s: `run -n` does not say ok: %r" % (what, r.stdout))

conf = os.path.join(tmp, "clean.conf")
with open(conf, "w") as f:
    f.write('meter a {\n port "%s"\n protocol sml\n option lenient_crc 1\n}\n'
            'meter b {\n port "%s2"\n protocol modbus 9600 8N1\n poll 10s\n address 1\n'
            ' value "hr9"\n}\n' % (PORT, PORT))
r = subprocess.run([METERD, "run", "-n", "-c", conf], capture_output=True, text=True, timeout=20)
check(r.returncode == 0 and r.stdout.strip() == conf + ": ok" and r.stderr == "",
      "a clean file: exit 0, \"ok\", nothing on stderr: rc %d %r %r" % (r.returncode, r.stdout, r.stderr))
finish(tmp)
