"""
test_daemon_modec.py - a polled IEC 62056-21 mode C meter: the daemon signs
on, takes the identification, acknowledges with the baud switch and reads
the data block every poll period; a meter that stops answering is counted
as timeouts and read again when it answers again.
"""
import os
import signal
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon_util import FIXTURES, Daemon, check, finish, mktemp  # noqa: E402
from fakemeters import ModeC, Runner  # noqa: E402

tmp = mktemp()
meter = ModeC(os.path.join(tmp, "ttyMT174"), FIXTURES)
runner = Runner([meter])
d = Daemon(tmp, """teleperiod 1s
meter mt174 {
    port "%s/ttyMT174"
    protocol d0 9600 7E1
    poll 2s
    value "1-0:1.8.0" as "energy"
    value "1-0:1.7.0" as "power"
}
""" % tmp)
try:
    s = d.sensor_until(20, lambda s: "mt174" in s and len(s["mt174"]) == 2)
    check(s is not None, "mode C readout publishes the selected values")
    if s:
        check(s["mt174"]["energy"] == 8048.375, "energy 8048.375 kWh (got %r)" % s["mt174"].get("energy"))
        check(s["mt174"]["power"] == 0.908, "power 0.908 kW (got %r)" % s["mt174"].get("power"))
    st = d.status_until(20, lambda st: st["meters"]["mt174"]["frames_ok"] >= 3)
    check(st is not None, "read again every poll period (3 readouts)")
    if st:
        check(st["meters"]["mt174"]["crc_errors"] == 0 and st["meters"]["mt174"]["invalid"] == 0,
              "BCC right, no invalid frames")
    meter.silent = True
    base = d.read_status()["meters"]["mt174"]
    st = d.status_until(30, lambda st: st["meters"]["mt174"]["timeouts"] > base["timeouts"])
    check(st is not None, "a silent meter counts as a failed readout")
    meter.silent = False
    ok = d.read_status()["meters"]["mt174"]["frames_ok"]
    check(d.status_until(30, lambda st: st["meters"]["mt174"]["frames_ok"] > ok) is not None,
          "read again once it answers")
finally:
    rc = d.stop(signal.SIGTERM)
    runner.close()
check(rc == 0, "clean stop")
finish(tmp)
