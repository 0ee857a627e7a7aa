"""
test_daemon_poll.py - Modbus and M-Bus meters polled from native meter
blocks, against the simulators of `meterd sim`:

- a TROVIS 5573 (Modbus RTU, slave 247) read with its device profile: the
  selected values appear named, scaled by 0.1 and signed (a winter morning
  gives a negative outdoor temperature), a register selected by key is
  renamed, an absent sensor (0x7FFF) is not published, and a meter on the
  same slave without the profile sees the raw word the profile scaled;
- a slave that never answers on the same bus (address 12) and a controller
  on another pty that is silent (--fault silent) get timeouts while the
  live controller keeps being read;
- a controller whose replies often have a wrong CRC: the errors are counted
  and the values still come, from the good replies;
- the whole profile of the live controller, without value lines: reads that
  cross the controller's register blocks are refused (exception 02), split
  and asked again, and the named values arrive, read by read in turn with
  the other meters on the bus;
- an M-Bus heat meter (MULTICAL 302 build, primary address 183): SND_NKE,
  REQ_UD2, and the 30 records of its long frame published by quantity name, with
  the units `meterd decode` gives for the real capture the simulator copies.
"""
import json
import os
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon_util import FIXTURES, METERD, Daemon, check, finish, mktemp, wait_until  # noqa: E402

tmp = mktemp()
procs = []
# 2026-01-15 05:00 UTC: the coldest hour of a winter day; with seed 1 the
# simulated outdoor sensor reads below 0 °C, so the s16 sign matters.
WINTER_MORNING = "1768453200"


def stop_all():
    for p in procs:
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
            try:
                p.wait(5)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


# libmbus's unit names -> meterd's (as tests/test_golden_mbus.py maps them).
LIBMBUS_UNIT = {"Wh": "Wh", "m^3": "m3", "W": "W", "\u00c2\u00b0C": "\u00b0C", "K": "K",
                "m^3/h": "m3/h", "s": "s", "V": "V", "A": "A", "": "", "-": ""}  # "-": a time point


def capture_units():
    """id -> unit of the MULTICAL 302 capture and its totals that read 0, from the
    capture's expected file (libmbus's reading of it), not from meterd."""
    exp = os.path.join(FIXTURES, "mbus/captures/kamstrup_multical302_libmbus_issue81.expected.json")
    with open(exp) as f:
        recs = json.load(f)["frames"][0]["libmbus_run"]["records"]
    units, zero_totals = {}, set()
    for r in recs:
        key = "mbus:%d" % r["id"]
        units[key] = LIBMBUS_UNIT.get(r["unit"], r["unit"])
        if r["unit"] == "Wh" and float(r["value"]) == 0:
            zero_totals.add(key)
    return units, zero_totals


d = None
try:
    simout = open(os.path.join(tmp, "sim.out"), "w+")
    env = dict(os.environ, TZ="UTC")
    sim = subprocess.Popen([METERD, "sim", "--seed", "1", "--start", WINTER_MORNING,
                            "trovis", "--pty", tmp + "/ttyMB",
                            "trovis", "--pty", tmp + "/ttyDead", "--fault", "silent",
                            "trovis", "--pty", tmp + "/ttyCRC", "--fault", "crc:40",
                            "mbusheat", "--pty", tmp + "/ttyMBUS"],
                           stdout=simout, stderr=open(os.path.join(tmp, "sim.err"), "w"), env=env)
    procs.append(sim)

    def sim_ready():
        simout.seek(0)
        return len(simout.read().splitlines()) >= 4
    check(wait_until(10, sim_ready) is not None, "meterd sim started four meters")

    conf = """teleperiod 1s
meter heating {
    port "%(t)s/ttyMB" rs485
    protocol modbus 19200 8N1
    address 247
    profile samson-trovis-5573
    poll 1s
    value "Aussentemp_AF1"
    value "Vorlauftemp_VF1"
    value "hr16" as "ruecklauf"
    value "Vorlauftemp_VF2"
}
meter raw {
    port "%(t)s/ttyMB" rs485
    protocol modbus 19200 8N1
    address 247
    poll 1s
    value "hr9" as "af1_word"
}
meter ghost {
    port "%(t)s/ttyMB" rs485
    protocol modbus 19200 8N1
    address 12
    profile samson-trovis-5573
    poll 1s
    value "Aussentemp_AF1"
}
meter all {
    port "%(t)s/ttyMB" rs485
    protocol modbus 19200 8N1
    address 247
    profile samson-trovis-5573
    poll 5s
}
meter dead {
    port "%(t)s/ttyDead"
    protocol modbus 19200 8N1
    address 247
    profile samson-trovis-5573
    poll 1s
    value "Aussentemp_AF1"
}
meter noisy {
    port "%(t)s/ttyCRC"
    protocol modbus 19200 8N1
    address 247
    profile samson-trovis-5573
    poll 1s
    value "Vorlauftemp_VF1"
}
meter heat {
    port "%(t)s/ttyMBUS"
    protocol mbus 2400 8E1
    address 183
    poll 2s
}
""" % {"t": tmp}
    d = Daemon(tmp, conf)
    procs.append(d.p)

    # Totals publish once a second reading agrees (the guard): the heat meter polls every 2 s.
    s = d.sensor_until(30, lambda s: all(k in s for k in ("heating", "raw", "heat", "all"))
                       and "energy" in s["heat"])
    check(s is not None, "modbus and mbus meters publish within 30 s")
    if s:
        h = s["heating"]
        check(set(h) == {"Aussentemp_AF1", "Vorlauftemp_VF1", "ruecklauf"},
              "selected TROVIS values named by the profile, hr16 renamed, absent VF2 left out: %r" % h)
        af1 = h.get("Aussentemp_AF1")
        check(isinstance(af1, float) and -40 < af1 < 0,
              "outdoor temperature signed and scaled by 0.1: %r" % af1)
        check(20 < h.get("Vorlauftemp_VF1", 0) < 100 and 15 < h.get("ruecklauf", 0) < 100,
              "flow and return temperatures in °C: %r" % h)
        word = s["raw"].get("af1_word")
        check(isinstance(word, int) and word >= 0x8000,
              "without a profile the raw word of hr9 (two's complement): %r" % word)
        if isinstance(word, int) and isinstance(af1, float):
            check(abs((word - 0x10000) / 10.0 - af1) <= 0.5,
                  "profile value %r is the word %r as s16 x 0.1" % (af1, word))
        check(s["heat"].get("energy", 0) > 0, "M-Bus energy record read: %r" % s["heat"].get("energy"))

    # A dead slave on the same bus and a silent controller on another port do not stall the rest.
    st = d.status_until(20, lambda st: st["meters"]["ghost"]["timeouts"] >= 2 and
                        st["meters"]["dead"]["timeouts"] >= 2)
    check(st is not None, "the slave that is not there and the silent controller time out")
    if st:
        before = st["meters"]["heating"]["frames_ok"]
        st2 = d.status_until(20, lambda x: x["meters"]["heating"]["frames_ok"] >= before + 9 and
                             x["meters"]["ghost"]["timeouts"] > st["meters"]["ghost"]["timeouts"])
        check(st2 is not None,
              "the live controller is read poll after poll while the dead slave is probed again")
        if st2:
            g = st2["meters"]["ghost"]
            check(g["frames_ok"] == 0 and g["values"] == {}, "nothing from the slave that is not there")
            check(st2["meters"]["dead"]["rx_bytes"] == 0, "the silent controller sent nothing")
            hv = st2["meters"]["heating"]["values"]
            check(hv.get("Aussentemp_AF1", {}).get("unit") == "\u00b0C", "unit from the profile: %r" % hv)

    # Replies with a wrong CRC are counted, never published; the retry brings the value.
    st = d.status_until(20, lambda x: x["meters"]["noisy"]["crc_errors"] > 0 and
                        x["meters"]["noisy"]["frames_ok"] > 0)
    check(st is not None, "CRC errors counted and good replies read on the noisy line")
    if st:
        v = st["meters"]["noisy"]["values"].get("Vorlauftemp_VF1", {}).get("value")
        check(isinstance(v, (int, float)) and 20 < v < 100, "noisy line: plausible flow temperature %r" % v)

    # The whole profile: reads across register blocks are refused, split, and arrive.
    st = d.status_until(30, lambda x: len(x["meters"]["all"]["values"]) > 300 and
                        x["meters"]["all"]["exceptions"] > 0)
    check(st is not None, "whole-profile read: hundreds of named values after block splits")
    if st:
        a = st["meters"]["all"]
        for name in ("Vorlauftemp_VF1", "Rueckltemp_RueF1", "Raumtemp_RF1", "Speichertemp_SF1"):
            check(name in a["values"], "whole profile: %s read" % name)
        check("Vorlauftemp_VF2" not in a["values"], "whole profile: absent VF2 not published")
        # A read the controller ignores would time out in every whole poll (every 5 s):
        # over two more polls allow one timeout, a reply made late by a loaded
        # machine (its bytes then count as garbage), not by the plan.
        time.sleep(11)
        a = (d.read_status() or st)["meters"]["all"]
        check(a["timeouts"] <= 1 and a["crc_errors"] == 0,
              "whole profile: no systematic timeout over three polls: %r" %
              {k: v for k, v in a.items() if k != "values"})
        # (That the split plan then holds, and how many splits it takes, is
        # test_mbplan's; the first whole poll takes longer than this test.)
        check(st["meters"]["heating"]["frames_ok"] > 9,
              "the selected values keep their rate while the whole profile is read")

    # M-Bus: the 30 records of the long frame, units as the real capture decodes.
    st = d.read_status()
    if check(st is not None, "status file"):
        hv = st["meters"]["heat"]["values"]
        units, zero_totals = capture_units()
        check(len(units) == 30, "capture decodes to 30 records")
        check(zero_totals == {"mbus:2", "mbus:18"}, "the capture has two energy totals of 0 Wh")
        # Every record but the zero totals (held back until they have read 0 for five
        # minutes: the guard) is published, under a name of its quantity (issue 8).
        check(len(hv) == len(units) - len(zero_totals),
              "every record of the long frame but the zero totals published: %r" % sorted(hv))
        want_units = sorted(u for k, u in units.items() if k not in zero_totals)
        got_units = sorted(v.get("unit", "") for v in hv.values())
        check(got_units == want_units, "their units are the capture's: %r vs %r" % (got_units, want_units))
        for name, unit in (("energy", "Wh"), ("volume", "m3"), ("flow_temperature", "\u00b0C"),
                           ("return_temperature", "\u00b0C"), ("power", "W"), ("volume_flow", "m3/h")):
            check(hv.get(name, {}).get("unit") == unit, "%s is named so, in %s: %r" % (name, unit, hv.get(name)))
        check(not any(k.startswith("mbus:") for k in hv), "no mbus:<n> names left: %r" % sorted(hv))
        check(st["meters"]["heat"]["frames_ok"] >= 1 and st["meters"]["heat"]["timeouts"] == 0,
              "M-Bus read-outs without timeouts")

    rc = d.stop()
    check(rc == 0, "meterd run exits 0 on SIGTERM (rc %r)" % rc)
finally:
    stop_all()
finish(tmp)
