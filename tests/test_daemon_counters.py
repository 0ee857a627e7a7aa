"""
test_daemon_counters.py - bad replies of polled meters land in crc_errors,
not in invalid (meterd(8), the health counters): a MULTICAL 403 answering KMP
with a wrong CRC every time (`meterd sim --fault crc`), read once as a native
meter and once by the seed's Tasmota script line for it. No value of theirs
is published.
"""
import os
import re
import signal
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon_util import METERD, Daemon, check, finish, mktemp, wait_until  # noqa: E402

tmp = mktemp()
simout = open(os.path.join(tmp, "sim.out"), "w+")
sim = subprocess.Popen([METERD, "sim", "--seed", "5",
                        "mc403", "--pty", tmp + "/ttyKMP", "--fault", "crc",
                        "mc403", "--pty", tmp + "/ttyKMP2", "--fault", "crc"],
                       stdout=simout, stderr=open(os.path.join(tmp, "sim.err"), "w"))
d = None
try:
    check(wait_until(10, lambda: os.path.exists(tmp + "/ttyKMP") and os.path.exists(tmp + "/ttyKMP2"))
          is not None, "simulated meters")
    d = Daemon(tmp, """teleperiod 1s
meter heat {
    port "%(t)s/ttyKMP"
    protocol kmp 1200 8N2
    poll 2s
    value "kmp:60"
}
smi {
    pin 14 "%(t)s/ttyKMP2"
    pin 13 "%(t)s/ttyKMP2"
    script <<END
>M 1
+1,14,kN2,0,1200,PriHK,13,10,3F1005003C00560057004A0044
1,3F10003Ckstr@i0:1000,Heat,MWh,HeatEnergyE1,3
#
END
}
""" % {"t": tmp})
    st = d.status_until(40, lambda st: st["meters"]["heat"]["crc_errors"] >= 2 and
                        any(m["crc_errors"] >= 2 for k, m in st["meters"].items() if k.startswith("smi")))
    if check(st is not None, "replies with a wrong CRC are counted as CRC errors (native and SMI KMP)"):
        heat = st["meters"]["heat"]
        smi = [m for k, m in st["meters"].items() if k.startswith("smi")][0]
        check(heat["invalid"] == 0 and heat["frames_ok"] == 0 and heat["values"] == {},
              "KMP: not invalid, nothing good, no value: %r" % heat)
        check(smi["invalid"] == 0 and smi.get("values", {}) == {},
              "SMI KMP: not invalid, no value: %r" % smi)
    s = d.sensor(5)
    check(s is not None and "heat" not in s and "PriHK" not in s, "no values printed: %r" % s)
    check(d.stop() == 0, "clean stop")
finally:
    if d is not None and d.running():
        d.stop()
    sim.send_signal(signal.SIGTERM)
    try:
        sim.wait(5)
    except subprocess.TimeoutExpired:
        sim.kill()
        sim.wait()
finish(tmp)
