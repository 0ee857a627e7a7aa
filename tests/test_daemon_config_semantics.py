"""
test_daemon_config_semantics.py - what meterd.conf(5) promises, through the
real binary: the default teleperiod (300 s) and every duration unit as the
daemon reports them when it starts, line continuation, the limits (poll at
least 100 ms, teleperiod at least 1 s, baud 50 to 4000000) and the rules for
sharing a port, each as a file:line:column error of `meterd run -n`.
"""
import os
import re
import signal
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon_util import METERD, check, finish, mktemp, wait_until  # noqa: E402

tmp = mktemp()
PORT = os.path.join(tmp, "ttyNone")
METER = 'meter a {\n port "%s"\n protocol sml\n}\n' % PORT


def write(name, text):
    path = os.path.join(tmp, name)
    with open(path, "w") as f:
        f.write(text)
    return path


def started_teleperiod(text):
    """The teleperiod `meterd run` says it runs with, in seconds."""
    conf = write("t.conf", text)
    log = os.path.join(tmp, "run.log")
    with open(log, "wb") as f:
        p = subprocess.Popen([METERD, "run", "-c", conf], stdout=subprocess.DEVNULL, stderr=f)
    try:
        m = wait_until(10, lambda: re.search(r"running \(teleperiod (\d+) s\)", open(log).read()))
    finally:
        p.send_signal(signal.SIGTERM)
        p.wait(10)
    return int(m.group(1)) if m else None


def check_n(text):
    conf = write("c.conf", text)
    r = subprocess.run([METERD, "run", "-n", "-c", conf], capture_output=True, text=True, timeout=20)
    return r.returncode, r.stderr.replace(conf, "c.conf")


# Defaults and units, as the running daemon reports them.
for text, want, what in [
        (METER, 300, "no teleperiod line: 300 s"),
        ("teleperiod 45\n" + METER, 45, "a plain number is seconds"),
        ("teleperiod 45s\n" + METER, 45, "s"),
        ("teleperiod 2m\n" + METER, 120, "m"),
        ("teleperiod 2min\n" + METER, 120, "min"),
        ("teleperiod 1h\n" + METER, 3600, "h"),
        ("teleperiod 1d\n" + METER, 86400, "d"),
        ("teleperiod 1500ms\n" + METER, 1, "ms (1.5 s shown as 1 s)"),
        ("teleperiod \\\n  3m\n" + METER, 180, "a backslash continues the line")]:
    got = started_teleperiod(text)
    check(got == want, "teleperiod, %s: %r s, want %d s" % (what, got, want))

# Limits and sharing: `run -n` fails with the position of the offending word.
CASES = [
    ("teleperiod 999ms\n" + METER, "c.conf:1:12: expected a duration of at least 1s"),
    ('meter a {\n port "%s"\n protocol modbus\n poll 99ms\n address 1\n value "hr1"\n}\n' % PORT,
     "c.conf:4:7: expected a duration of at least 100ms"),
    ('meter a {\n port "%s"\n protocol sml 49\n}\n' % PORT, "c.conf:3:15:"),
    ('meter a {\n port "%s"\n protocol sml 4000001\n}\n' % PORT, "c.conf:3:15:"),
    ('meter a {\n port "%s"\n protocol mbus 2400 8E1\n poll 1m\n address 1\n}\n'
     'meter b {\n port "%s"\n protocol mbus 9600 8E1\n poll 1m\n address 2\n}\n' % (PORT, PORT),
     "c.conf:7:1: meter 'b' shares port %s with meter 'a' (line 1) but not its settings" % PORT),
    ('meter a {\n port "%s"\n protocol mbus 2400 8E1\n}\n'
     'meter b {\n port "%s"\n protocol mbus 2400 8E1\n poll 1m\n address 2\n}\n' % (PORT, PORT),
     "c.conf:5:1: meter 'b' shares port %s with meter 'a' (line 1): only polled meters" % PORT),
    ('meter a {\n port "%s"\n protocol mbus 2400 8E1\n poll 1m\n}\n'
     'meter b {\n port "%s"\n protocol mbus 2400 8E1\n poll 1m\n}\n' % (PORT, PORT),
     "share port %s and M-Bus address 254" % PORT),
    (METER + 'smi {\n pin 3 "%s"\n script <<E\n>M 1\n+1,3,s,0,9600,SML\n'
     '1,77070100010800ff@1000,Energy,kWh,E_in,3\n#\nE\n}\n' % PORT,
     "c.conf:6:6: port %s is already used by meter 'a' (line 1)" % PORT),
]
for text, want in CASES:
    rc, err = check_n(text)
    check(rc == 1 and want in err, "run -n: %r (rc %d): %r" % (want, rc, err))

# And what is allowed: the limits themselves, and polled meters sharing a bus.
for text in ["teleperiod 1s\n" + METER,
             'meter a {\n port "%s"\n protocol modbus\n poll 100ms\n address 1\n value "hr1"\n}\n' % PORT,
             'meter a {\n port "%s"\n protocol sml 50\n}\n' % PORT,
             'meter a {\n port "%s"\n protocol mbus 2400 8E1\n poll 1m\n address 1\n}\n'
             'meter b {\n port "%s"\n protocol mbus 2400 8E1\n poll 1m\n address 2\n}\n' % (PORT, PORT)]:
    rc, err = check_n(text)
    check(rc == 0 and err == "", "run -n accepts %r: rc %d %r" % (text, rc, err))
finish(tmp)
