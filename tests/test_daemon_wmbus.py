#!/usr/bin/python3
"""Black-box: each wM-Bus dongle protocol, simulated on a pty by `meterd sim`
(iM871A HCI, AMB8465 command mode, nanoCUL text), read by the real daemon.

The simulators stay silent until the daemon has set the receive mode (so the
setup path is exercised), then send four real telegrams from
tests/fixtures/wmbus, each twice (a repeater's copy). Per dongle the test
checks, from the daemon's log (-v prints every published point):
  - the encrypted MULTICAL 21 (ELL AES-CTR) decrypts with its key and gives
    the volume and temperatures the fixture's expected file names;
  - the MULTICAL 603 and the compact-frame heat meter give their energy and
    volume as expected;
  - each telegram is published once (the repeater's copy is dropped);
  - the WaterStar M is either listed as not configured, or (configured with
    a wrong key) fails with "bad_key" and publishes nothing.
Plus a raw-lines receiver reading a file (the rtl_wmbus path).
"""
import json
import os
import re
import socket
import sys
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon_util import Daemon, FIXTURES, check, finish, free_port, mktemp, wait_until  # noqa: E402
from sim_helper import Sim  # noqa: E402

WM = os.path.join(FIXTURES, "wmbus")


def expected(rel):
    with open(os.path.join(WM, rel + ".expected.json")) as f:
        return json.load(f)["expected"]["wmbusmeters_json"]


MC21 = expected("aes/multical21_ctr_full_76348799")
MC603 = expected("wmbusmeters-kamstrup/kamheat_L689_kamheat_78787878")
HEAT = expected("wmbusmeters-kamstrup/kamheat_L738_kamheat_67947613")
KEY_MC21 = json.load(open(os.path.join(WM, "aes/multical21_ctr_full_76348799.expected.json")))["key"]

# (meter, point, wmbusmeters field, factor from meterd's unit to the field's)
WANT = [
    ("water", "volume", MC21["total_m3"], 1),
    ("water", "flow_temperature_min_storage1", MC21["flow_temperature_c"], 1),
    ("water", "external_temperature_min_storage1", MC21["min_external_temperature_last_month_c"], 1),
    ("mc603", "energy", MC603["total_energy_consumption_kwh"], 1e-3),
    ("mc603", "volume", MC603["total_volume_m3"], 1),
    ("mc603", "flow_temperature", MC603["t1_temperature_c"], 1),
    ("mc603", "return_temperature", MC603["t2_temperature_c"], 1),
    ("heat", "energy", HEAT["total_energy_consumption_kwh"], 1e-3),
    ("heat", "volume", HEAT["total_volume_m3"], 1),
]

POINT = re.compile(r"debug: wmbus: (\w+)/(\w+) = (-?[0-9.]+)")
TELEGRAM = re.compile(r"debug: wmbus: (\w+): telegram access (\d+), ok")


def points(log):
    out = {}
    for m in POINT.finditer(log):
        out[(m.group(1), m.group(2))] = float(m.group(3))
    return out


def conf(receiver, wrong_key):
    text = receiver + """
wmbus_meter "water" {
    id 76348799
    key %s
}
wmbus_meter "mc603" {
    id 78787878
}
wmbus_meter "heat" {
    id 67947613
}
""" % KEY_MC21
    if wrong_key:
        text += """
wmbus_meter "waterstar" {
    id 50496629
    key 00112233445566778899AABBCCDDEEFF
}
"""
    return text


def check_values(name, log):
    got = points(log)
    for meter, point, want, factor in WANT:
        v = got.get((meter, point))
        check(v is not None and abs(v * factor - want) < 1e-9 + 1e-9 * abs(want),
              "%s: %s/%s = %r (expected %r)" % (name, meter, point,
                                               None if v is None else v * factor, want))


def all_read(d):
    log = d.log_text()
    return all(("%s/%s" % (m, p)) in log for m, p, _, _ in WANT) and (
        "50496629" in log)


def run_dongle(tmp, kind, wrong_key):
    sim = Sim(kind, "--pty", "@" + kind)
    try:
        receiver = 'wmbus "rx" {\n    port "%s"\n    dongle %s\n    mode c1\n    dedup 60s\n}\n' % (
            sim.path(kind), kind)
        sub = os.path.join(tmp, kind)
        os.mkdir(sub)
        d = Daemon(sub, conf(receiver, wrong_key), extra=("-v",))
        try:
            ok = wait_until(30, lambda: all_read(d))
            check(ok, "%s: every meter read through the dongle" % kind)
            # the repeater's copy of each telegram: seen and dropped
            wait_until(10, lambda: d.log_text().count("again (repeater") >= 4)
        finally:
            rc = d.stop()
        log = d.log_text()
        check(rc == 0, "%s: daemon exit status %r" % (kind, rc))
        check_values(kind, log)
        pubs = {}
        for m in TELEGRAM.finditer(log):
            pubs[(m.group(1), m.group(2))] = pubs.get((m.group(1), m.group(2)), 0) + 1
        check(pubs and all(n == 1 for n in pubs.values()),
              "%s: each telegram published once: %r" % (kind, pubs))
        check(log.count("again (repeater") >= 4, "%s: repeater copies dropped" % kind)
        # the compact heat meter's target date is FFFF (wmbusmeters: null): not published
        check("heat/date_storage1" not in log, "%s: an unset date is not a value" % kind)
        check("mc603/date = \"%s\"" % MC603["meter_date"] in log, "%s: mc603 date" % kind)
        if wrong_key:
            check("waterstar (50496629): bad_key" in log,
                  "%s: wrong key reported as bad_key" % kind)
            check("waterstar/" not in log, "%s: nothing published under a wrong key" % kind)
        else:
            check("meter 50496629 (EFE, water, version 112) is not configured" in log,
                  "%s: unknown meter listed" % kind)
            check(log.count("50496629 (EFE") == 1, "%s: unknown meter logged once" % kind)
    finally:
        sim.cleanup()


def run_raw_file(tmp):
    lines = []
    for rel in ("aes/multical21_ctr_full_76348799",
                "wmbusmeters-kamstrup/kamheat_L689_kamheat_78787878",
                "wmbusmeters-kamstrup/kamheat_L738_kamheat_67947613",
                "aes/waterstarm_L210_waterstarm_50496629"):
        with open(os.path.join(WM, rel + ".hex")) as f:
            hexline = f.read().strip()
        # as rtl_wmbus prints them: fields, then the telegram after 0x
        lines.append("C1;1;1;2026-12-06 22:00:00.000;97;148;0;0x" + hexline)
    lines.append("this line is not a telegram")
    path = os.path.join(tmp, "telegrams.txt")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    sub = os.path.join(tmp, "raw")
    os.mkdir(sub)
    port = free_port()
    text = conf('wmbus "rx" {\n    file "%s"\n}\n' % path, False).replace(
        "id 76348799", "id 76348799\n    silent 2s") + "http {\n    listen 127.0.0.1:%d\n}\n" % port
    d = Daemon(sub, text, extra=("-v",))
    try:
        wait_until(20, lambda: "end of " + path in d.log_text())
        # The WaterStar M nobody configured is listed for the web page, as its link layer says.
        link = json.load(open(os.path.join(WM, "aes/waterstarm_L210_waterstarm_50496629.expected.json"))
                         )["frames"][0]["link"]
        with urllib.request.urlopen("http://127.0.0.1:%d/api/unconfigured" % port, timeout=5) as r:
            devs = json.load(r)["devices"]
        check([(x["protocol"], x["id"], x["manufacturer"], x["version"], x["heard"], x["receiver"])
               for x in devs] ==
              [("wmbus", link["id"], link["manufacturer"], int(link["version"], 16), 1, "rx")],
              "raw: /api/unconfigured lists exactly the meter not configured: %r" % devs)
        check(devs and devs[0]["kind"] == "water" and devs[0]["result"] == "no_key",
              "raw: its kind (device type %s) and why it was not read: %r" % (link["device_type"], devs))
        # nothing more comes: the meter with a 2 s silence limit goes silent, the others not yet
        wait_until(20, lambda: "meter water: silent" in d.log_text())
    finally:
        d.stop()
    log = d.log_text()
    check("meter water: silent" in log, "raw: a meter that stopped sending is silent")
    check("meter heat: silent" not in log, "raw: a meter within its limit is not")
    check("end of %s (4 telegrams, 1 dropped, 0 duplicates)" % path in log,
          "raw: 4 telegrams, the bad line counted")
    check_values("raw", log)


def run_raw_tcp(tmp):
    """rtl_wmbus behind a TCP server (e.g. `rtl_wmbus | nc -l`): a raw receiver on tcp://."""
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", 0))
    srv.listen(1)
    port = srv.getsockname()[1]
    sub = os.path.join(tmp, "tcp")
    os.mkdir(sub)
    d = Daemon(sub, conf('wmbus "rx" {\n    port "tcp://127.0.0.1:%d"\n    dongle raw\n}\n' % port,
                         False), extra=("-v",))
    try:
        srv.settimeout(10)
        conn, _ = srv.accept()
        for rel in ("aes/multical21_ctr_full_76348799",
                    "wmbusmeters-kamstrup/kamheat_L689_kamheat_78787878",
                    "wmbusmeters-kamstrup/kamheat_L738_kamheat_67947613"):
            with open(os.path.join(WM, rel + ".hex")) as f:
                conn.sendall(("T1;1;1;2026-12-06 22:00:00.000;97;148;0;0x" + f.read().strip() +
                              "\n").encode())
        wait_until(20, lambda: all_read_known(d))
        conn.close()
    finally:
        d.stop()
        srv.close()
    check_values("tcp", d.log_text())


def all_read_known(d):
    log = d.log_text()
    return all(("%s/%s" % (m, p)) in log for m, p, _, _ in WANT)


def run_replug(tmp):
    """The dongle goes away and comes back on the same port: the daemon reopens it and
    sets the receive mode again (the simulator stays silent until it does)."""
    sub = os.path.join(tmp, "replug")
    os.mkdir(sub)
    link = os.path.join(sub, "stick")  # the port's name outlives either simulator
    sim = Sim("im871a", "--pty", link)
    wait_until(10, lambda: os.path.exists(link))
    receiver = 'wmbus "rx" {\n    port "%s"\n    dongle im871a\n    dedup 1s\n}\n' % link
    d = Daemon(sub, conf(receiver, False), extra=("-v",))
    sim2 = None
    try:
        check(wait_until(30, lambda: "water/volume" in d.log_text()), "replug: read before")
        sim.cleanup()  # unplugged
        wait_until(10, lambda: "lost" in d.log_text() or "cannot" in d.log_text())
        setups = d.log_text().count("dongle answered message 04")
        wait_until(10, lambda: not os.path.exists(link))
        sim2 = Sim("im871a", "--pty", link)
        check(wait_until(10, lambda: os.path.exists(link)), "replug: the second dongle is there")
        check(wait_until(30, lambda: d.log_text().count("dongle answered message 04") > setups),
              "replug: the dongle is set up again")
        before = d.log_text().count("water/volume")
        check(wait_until(30, lambda: d.log_text().count("water/volume") > before),
              "replug: values again")
    finally:
        d.stop()
        if sim2 is not None:
            sim2.cleanup()
        sim.cleanup()


def main():
    tmp = mktemp()
    run_replug(tmp)
    run_raw_tcp(tmp)
    run_dongle(tmp, "im871a", wrong_key=True)
    run_dongle(tmp, "amb8465", wrong_key=False)
    run_dongle(tmp, "cul", wrong_key=True)
    run_raw_file(tmp)
    finish(tmp)


if __name__ == "__main__":
    main()
