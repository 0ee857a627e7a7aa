"""
test_config_edges.py - hostile or odd configurations through `meterd run -n`
(issue 15, issue 11): each case gives a file:line:column error at the right
place, or is accepted with the meaning meterd.conf(5) gives it.

- numbers are decimal: `address 010` is 10 (it collides with `address 10`
  on the same M-Bus), baud `01200` is accepted, `0x10` is no number;
- a duration that would overflow (and wrap to 1.4 s) is an error;
- a bare `{` is reported at its own line and column, not 0:0;
- a word longer than 255 bytes and a NUL byte inside a string are errors,
  not silently cut;
- a FIFO as the configuration or as an smi script is refused at once;
- a relative smi script path is relative to the configuration's directory;
- 2,000 meters on one port with other settings give one line each, not one
  per pair.
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon_util import METERD, FIXTURES, check, finish, mktemp  # noqa: E402

tmp = mktemp()


def run_check(text, name="t.conf", cwd=None):
    path = os.path.join(tmp, name)
    with open(path, "wb") as f:
        f.write(text if isinstance(text, bytes) else text.encode())
    p = subprocess.run([os.path.abspath(METERD), "run", "-n", "-c", path], capture_output=True, timeout=60,
                       cwd=cwd)
    return p.returncode, p.stderr.decode("utf-8", "replace"), path


def expect(text, where, what, desc):
    rc, err, path = run_check(text)
    want = "%s:%s: " % (path, where)
    ok = rc == 1 and any(l.startswith(want) and what in l for l in err.splitlines())
    check(ok, "%s: wanted %r ... %r, got rc %d: %r" % (desc, want, what, rc, err[:400]))


def accept(text, desc):
    rc, err, _ = run_check(text)
    check(rc == 0, "%s: accepted (rc %d %r)" % (desc, rc, err[:300]))


mbus = 'meter %s {\n    port "/dev/ttyMB"\n    protocol mbus 2400 8E1\n    poll 1m\n    address %s\n}\n'
expect(mbus % ("a", "010") + mbus % ("b", "10"), "7:1", "M-Bus address 10",
       "address 010 is decimal 10 (it collides with address 10)")
accept(mbus % ("a", "010") + mbus % ("b", "8"), "address 010 does not collide with 8 (octal)")
accept('meter a {\n    port "/dev/ttyUSB0"\n    protocol d0 01200 7E1\n}\n', "baud 01200 is 1200")
expect('meter a {\n    port "/dev/ttyUSB0"\n    protocol mbus 2400 8E1\n    poll 1m\n    address 0x10\n}\n',
       "5:13", "expected a number", "0x10 is no decimal number")
expect('teleperiod 18446744073709553s\nmeter a {\n    port "/dev/ttyUSB0"\n    protocol sml\n}\n',
       "1:12", "expected a duration", "a duration that wraps to 1.4 s")
expect('meter a {\n    port "/dev/ttyUSB0"\n    protocol sml\n}\n   {\n', "5:4", "",
       "a bare { at its line and column")
expect('meter a {\n    port "/dev/ttyUSB0"\n    protocol sml\n    {\n}\n', "4:5", "unexpected block",
       "a bare { inside a meter at its position")
expect('meter %s {\n    port "/dev/ttyUSB0"\n    protocol sml\n}\n' % ("m" * 300), "1:7", "word longer than 255",
       "a long word is an error, not cut")
expect(b'meter a {\n    port "/dev/tty\x00USB0"\n    protocol sml\n}\n', "2:19", "NUL byte",
       "a NUL byte in a string")

fifo = os.path.join(tmp, "fifo.conf")
os.mkfifo(fifo)
try:
    p = subprocess.run([METERD, "run", "-n", "-c", fifo], capture_output=True, timeout=20)
    check(p.returncode == 1 and b"not a regular file" in p.stderr,
          "a FIFO as the configuration is refused: %r" % p.stderr)
except subprocess.TimeoutExpired:
    check(False, "a FIFO as the configuration blocks the check")
try:
    expect('smi "fifo.conf" {\n    pin 3 "/dev/ttyUSB0"\n}\n', "1:5", "not a regular file",
           "a FIFO as the smi script is refused")
except subprocess.TimeoutExpired:
    check(False, "a FIFO as the script blocks the check")

# A relative script path is found beside the configuration, from any cwd.
os.mkdir(os.path.join(tmp, "etc"))
with open(os.path.join(FIXTURES, "seed-script.tas")) as f:
    script = f.read()
with open(os.path.join(tmp, "etc", "home.tas"), "w") as f:
    f.write(script)
pins = "".join('    pin %d "/dev/ttyP%d"\n' % (n, n) for n in range(1, 40))
rc, err, _ = run_check('smi "home.tas" {\n%s}\n' % pins, name="etc/smi.conf", cwd="/")
check("cannot read script" not in err, "a relative script path is read beside the configuration: %r" % err[:300])

# 2,000 meters on one port, each with other settings than the first.
many = "".join('meter m%d {\n    port "/dev/ttyRS"\n    protocol modbus %d 8N1\n    address 1\n    poll 10s\n'
               '    value "hr1"\n}\n' % (i, 9600 if i == 0 else 19200) for i in range(2000))
rc, err, _ = run_check(many)
lines = [l for l in err.splitlines() if "shares port" in l]
check(rc == 1 and len(lines) == 1999, "2,000 meters on one port: one line per meter (%d lines)" % len(lines))
finish(tmp)
