"""
test_daemon_seed.py - `meterd run` reads the seed's three serial meters at
once through the seed's Tasmota script pasted into the config, on
pseudo-terminals: exact Tasmota JSON; a slave that stops answering while
the others keep their rate; a pty that disappears and comes back by itself;
SIGHUP keeps unchanged meters running; SIGTERM stops cleanly.
"""
import os
import signal
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon_util import (FIXTURES, Daemon, check, finish, mktemp, seed_script,  # noqa: E402
                         wait_until)
from fakemeters import MC403, Q3D, Runner, Trovis  # noqa: E402

# The numbers tests/test_smi.c derives, digit for digit, from the same bytes.
EXPECTED = {
    "Strom": {"P_in": 2124.86, "L1": 747.85, "L2": 737.28, "L3": 639.73,
              "E_in": 52185.783, "E_out": 19949.322},
    "SekHK": {"Temp_Outside": -5.0, "Temp_Flow": 30.0, "Temp_Return": 3276.7,
              "Temp_Vessel": 45.0, "Metric_M3H": 1230, "CtrlSig_RK1": 47},
    "PriHK": {"HeatEnergyE1": 12.345, "Volume": 1234.56, "PreTemp": 71.26,
              "AftTemp": 42.35, "Flow": 523},
}

tmp = mktemp()
q3d = Q3D(os.path.join(tmp, "ttyQ3D"), FIXTURES, period=0.5)
trovis = Trovis(os.path.join(tmp, "ttyTrovis"))
mc = MC403(os.path.join(tmp, "ttyMC403"))
runner = Runner([q3d, trovis, mc])

conf = """# the seed: three meters, one Tasmota script, pins mapped to ptys
teleperiod 1s
smi {
    pin 12 "%(t)s/ttyQ3D"
    pin 4  "%(t)s/ttyTrovis"
    pin 2  "%(t)s/ttyTrovis"
    pin 14 "%(t)s/ttyMC403"
    pin 13 "%(t)s/ttyMC403"
    script <<END
%(script)s
END
}
""" % {"t": tmp, "script": seed_script().rstrip("\n")}

d = Daemon(tmp, conf, extra=os.environ.get("METERD_TEST_ARGS", "").split())
try:
    s = d.sensor_until(20, lambda s: all(k in s for k in EXPECTED) and
                       all(len(s[k]) == len(EXPECTED[k]) for k in EXPECTED))
    check(s is not None, "all three meters publish every value within 20 s")
    if s:
        check("Time" in s and len(s["Time"]) == 19, "SENSOR has Tasmota's Time field")
        for meter, vals in EXPECTED.items():
            for k, v in vals.items():
                check(s[meter].get(k) == v, "%s.%s == %r (got %r)" % (meter, k, v, s[meter].get(k)))

    # --- a slave that stops answering: the other two keep their rate
    base = d.status_until(5, lambda st: "smi:2" in st["meters"])
    trovis.silent = True
    # let the silence last a few request periods (500 ms each)
    st = d.status_until(10, lambda st: st["meters"]["smi:2"]["timeouts"]
                        >= base["meters"]["smi:2"]["timeouts"] + 4)
    check(st is not None, "silent TROVIS counts timeouts")
    if st:
        check(st["meters"]["smi:1"]["frames_ok"] > base["meters"]["smi:1"]["frames_ok"] + 2,
              "Q3D keeps pushing while the TROVIS is silent")
        check(st["meters"]["smi:3"]["frames_ok"] > base["meters"]["smi:3"]["frames_ok"] + 1,
              "MULTICAL keeps answering while the TROVIS is silent")
        check(st["meters"]["smi:2"]["port_open"], "the silent slave's port stays open")
    trovis.silent = False
    frames2 = d.read_status()["meters"]["smi:2"]["frames_ok"]
    check(d.status_until(10, lambda st: st["meters"]["smi:2"]["frames_ok"] > frames2) is not None,
          "TROVIS answers again and is read again")

    # --- the Q3D's pty disappears for 2 s and comes back
    before = d.read_status()["meters"]["smi:1"]
    q3d.vanish(2.0)
    st = d.status_until(30, lambda st: st["meters"]["smi:1"]["port_opens"] > before["port_opens"]
                        and st["meters"]["smi:1"]["frames_ok"] > before["frames_ok"] + 2)
    check(st is not None, "the Q3D's port is reopened by itself and read again")
    if st:
        check(st["meters"]["smi:1"]["port_losses"] >= 1, "the loss was counted")
        check(st["meters"]["smi:3"]["port_opens"] == 1, "the other ports were never reopened")
    check("ttyQ3D: lost" in d.log_text(), "the loss is logged")

    # --- SIGHUP with a broken config: keeps running as before
    good_conf = open(d.conf).read()
    with open(d.conf, "w") as f:
        f.write(good_conf + "\nmeter broken {\n    protocol nosuch\n}\n")
    d.send(signal.SIGHUP)
    check(wait_until(10, lambda: "keeping the running configuration" in d.log_text()) is not None,
          "SIGHUP with errors keeps the running configuration")
    check("meterd.conf:%d:14: unknown protocol" % (good_conf.count("\n") + 3) in d.log_text(),
          "the reload error names file:line:column")

    # --- SIGHUP adding a meter: the smi meters keep running, ports not reopened
    opens = {k: v["port_opens"] for k, v in d.read_status()["meters"].items()}
    with open(d.conf, "w") as f:
        f.write(good_conf + '\nmeter extra {\n    port "%s/ttyExtra"\n    protocol sml\n}\n' % tmp)
    d.send(signal.SIGHUP)
    st = d.status_until(10, lambda st: "extra" in st["meters"])
    check(st is not None, "SIGHUP adds the new meter")
    check("1 kept, 1 started, 0 stopped" in d.log_text(), "SIGHUP keeps the unchanged smi block")
    if st:
        check(all(st["meters"][k]["port_opens"] == opens[k] for k in opens),
              "no kept port was reopened by the reload")
        check(not st["meters"]["extra"]["port_open"], "the new meter's missing port is retried, not fatal")
    s = d.sensor_until(10, lambda s: "Strom" in s)
    check(s is not None, "values keep coming after the reload")
    check(d.running(), "the daemon is still running")
finally:
    rc = d.stop(signal.SIGTERM)
    runner.close()
check(rc == 0, "SIGTERM: clean exit with status 0 (got %r)" % rc)
check("SIGTERM: stopping" in d.log_text() and "stopped" in d.log_text(), "SIGTERM is logged")
finish(tmp)
