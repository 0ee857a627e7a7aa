"""
test_daemon_guard_start.py - what may be the first total a meter publishes
after meterd starts: never a 0 (a booting meter), a misread spike or a
negative total, whatever the unit's spelling ("kWh", "KWH", "kwh", none),
for native meters and SMI script lines alike (meterd(8), COUNTER GUARD).

Six EasyMeter Q3D telegrams streams on ptys, each starting with a bad total
for a few telegrams and then going on with the true one (taken from the
capture, 52185.7825309 kWh, counting up). Every SENSOR line printed and
the status file are checked: no published E_in other than the true series.
"""
import os
import signal
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon_util import FIXTURES, Daemon, check, finish, mktemp, wait_until  # noqa: E402
from fakemeters import Q3D, Runner, parity7e1  # noqa: E402

TRUE = 52185.7825309
CAPTURED = b"1-0:1.8.0*255(00052185.7825309*kWh)"

tmp = mktemp()


class Scripted(Q3D):
    """A Q3D whose first `bad_count` telegrams carry `bad` as E_in, then the true total."""

    def __init__(self, link, bad, unit, bad_count=4):
        super().__init__(link, FIXTURES, period=0.25)
        self.plain = bytes(b & 0x7F for b in self.telegram)
        self.bad, self.unit, self.bad_count = bad, unit, bad_count
        self.n = 0
        self.go = False  # silent until meterd has its port open, so it sees the first telegram

    def frame(self, total):
        line = b"1-0:1.8.0*255(%s*%s)" % (total, self.unit) if self.unit else \
            b"1-0:1.8.0*255(%s)" % total
        return bytes(parity7e1(b) for b in self.plain.replace(CAPTURED, line))

    def tick(self, now):
        if self.go and now >= self.next:
            self.next = now + self.period
            if self.n < self.bad_count:
                self.write(self.frame(self.bad))
            else:
                # The true series, growing by 0.0001 kWh per telegram.
                self.write(self.frame(b"%016.7f" % (TRUE + (self.n - self.bad_count) * 1e-4)))
            self.n += 1


cases = [  # name, first bad total, how many telegrams carry it, unit as the meter writes it
    ("zero", b"00000000.0000000", 4, b"kWh"),  # a booting meter: zeros for a while
    ("spike", b"00952185.7825309", 1, b"KWH"),  # one misread telegram
    ("negative", b"-0052185.7825309", 4, b"kwh"),
]
meters = []
for name, bad, count, unit in cases:
    meters.append(Scripted(os.path.join(tmp, "tty_n_" + name), bad, unit, count))
# The same for SMI script lines, with units KWH, kwh and none (a total by its OBIS code).
smi_units = ["KWH", "kwh", ""]
for (name, bad, count, _), unit in zip(cases, smi_units):
    meters.append(Scripted(os.path.join(tmp, "tty_s_" + name), bad, b"kWh", count))

script = [">D", ">B", ">M 3"]
for i, ((name, _, _, _), unit) in enumerate(zip(cases, smi_units)):
    # Prefixes stay under Tasmota's 8 characters.
    script.append("+%d,%d,o,0,9600,S_%s" % (i + 1, i + 1, name[:4]))
    script.append("%d,1-0:1.7.0*255(@1,P_in,W,P_in,2" % (i + 1))
    script.append("%d,1-0:1.8.0*255(@1,E_in,%s,E_in,4" % (i + 1, unit))
script.append("#")

conf = ["teleperiod 1s"]
for name, _, _, _ in cases:
    conf.append('meter n_%s {\n    port "%s/tty_n_%s"\n    protocol d0 9600 7E1\n'
                '    value "1-0:1.8.0" as "E_in"\n    value "1-0:1.7.0" as "P_in"\n}' % (name, tmp, name))
conf.append("smi {")
for i, (name, _, _, _) in enumerate(cases):
    conf.append('    pin %d "%s/tty_s_%s"' % (i + 1, tmp, name))
conf.append("    script <<END\n%s\nEND\n}" % "\n".join(script))

runner = Runner(meters)
d = Daemon(tmp, "\n".join(conf) + "\n")
published = {}  # meter -> every E_in printed
try:
    opened = wait_until(10, lambda: d.log_text().count(": open") >= len(meters))
    check(opened, "meterd opened every port")
    for m in meters:
        m.go = True
    end = time.monotonic() + 25
    names = ["n_" + c[0] for c in cases] + ["S_" + c[0][:4] for c in cases]
    while time.monotonic() < end:
        s = d.sensor(1)
        if s is None:
            continue
        for n in names:
            if "E_in" in s.get(n, {}):
                published.setdefault(n, []).append(s[n]["E_in"])
        if all(len(published.get(n, [])) >= 3 for n in names):
            break
    for n in names:
        got = published.get(n, [])
        check(len(got) >= 3, "%s: the true total is published once it agrees (%d lines)" % (n, len(got)))
        # The SMI lines print 4 decimals; native meters the exact decimal.
        wrong = [v for v in got if not (TRUE - 1e-3 <= v <= TRUE + 0.1)]
        check(not wrong, "%s: nothing but the true series ever printed: %r" % (n, wrong[:5]))
        check(got == sorted(got), "%s: the published total never goes backwards" % n)
    st = d.read_status()
    if check(st is not None, "status file"):
        for name, _, _, _ in cases:
            v = st["meters"]["n_" + name]["values"].get("E_in", {}).get("value")
            check(v is not None and TRUE - 1e-3 <= v <= TRUE + 0.1,
                  "n_%s: the status file holds the true total: %r" % (name, v))
        check(st["meters"]["n_negative"]["guard_flags"] >= 1,
              "a negative total is counted as flagged: %r" % st["meters"]["n_negative"]["guard_flags"])
    log = d.log_text()
    check("not published (negative" in log, "the negative total is logged")
finally:
    rc = d.stop(signal.SIGTERM)
    runner.close()
check(rc == 0, "clean stop")
finish(tmp)
