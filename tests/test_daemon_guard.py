"""
test_daemon_guard.py - the counter guard end to end: a Q3D telegram whose
energy total reads 0 (a meter that boots) or jumps backwards is counted and
logged but never published; the last good total stays in the SENSOR JSON;
the instantaneous power of the same telegram, which is no total, is.
"""
import os
import signal
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon_util import FIXTURES, Daemon, check, finish, mktemp, seed_script  # noqa: E402
from fakemeters import Q3D, Runner, parity7e1  # noqa: E402

tmp = mktemp()
q3d = Q3D(os.path.join(tmp, "ttyQ3D"), FIXTURES, period=0.3)
good = bytes(b & 0x7F for b in q3d.telegram)
runner = Runner([q3d])
script = "\n".join(l for l in seed_script().splitlines() if not l.startswith(("+2", "2,", "+3", "3,")))
script = script.replace(">M 3", ">M 1")
d = Daemon(tmp, """teleperiod 1s
smi {
    pin 12 "%s/ttyQ3D"
    script <<END
%s
END
}
""" % (tmp, script))


def telegram(e_in, p_in):
    t = good.replace(b"1-0:1.8.0*255(00052185.7825309*kWh)", b"1-0:1.8.0*255(%s*kWh)" % e_in)
    t = t.replace(b"1-0:1.7.0*255(002124.86*W)", b"1-0:1.7.0*255(%s*W)" % p_in)
    return bytes(parity7e1(b) for b in t)


try:
    check(b"1-0:1.8.0*255(00052185.7825309*kWh)" in good and b"1-0:1.7.0*255(002124.86*W)" in good,
          "the capture holds the lines this test rewrites")
    s = d.sensor_until(15, lambda s: "Strom" in s and "E_in" in s["Strom"])
    check(s is not None and s["Strom"]["E_in"] == 52185.783, "first total published")
    # The meter boots: E_in reads 0 while P_in moves on.
    q3d.telegram = telegram(b"00000000.0000000", b"001000.00")
    s = d.sensor_until(15, lambda s: s.get("Strom", {}).get("P_in") == 1000.0)
    check(s is not None, "the power of the telegram is published")
    if s:
        check(s["Strom"]["E_in"] == 52185.783, "E_in = 0 is not published: %r" % s["Strom"]["E_in"])
    st = d.status_until(10, lambda st: st["meters"]["smi:1"]["guard_flags"] > 0)
    check(st is not None, "the flagged total is counted")
    check("E_in = 0 kWh not published (zero" in d.log_text(), "and logged")
    # Backwards, then forward again from the old series.
    q3d.telegram = telegram(b"00052100.0000000", b"001100.00")
    s = d.sensor_until(15, lambda s: s.get("Strom", {}).get("P_in") == 1100.0)
    check(s is not None and s["Strom"]["E_in"] == 52185.783, "a total that goes backwards is not published")
    q3d.telegram = telegram(b"00052185.7900000", b"001200.00")
    s = d.sensor_until(15, lambda s: s.get("Strom", {}).get("E_in") == 52185.790)
    check(s is not None, "the series goes on from the last good total")
finally:
    rc = d.stop(signal.SIGTERM)
    runner.close()
check(rc == 0, "clean stop")
finish(tmp)
