"""Push meters of `meterd sim` on ptys, read like a real reader would and decoded
with `meterd decode`: the EasyMeter Q3D (D0, 7E1), the DSMR 5 meter and the ISKRA
MT175 (SML).

Checks: identification and value list as in the real captures the simulators are
built after; every frame valid (7E1 parity in bit 7, DSMR CRC-16/ARC, SML X-25); values
plausible and moving; energy totals never going backwards; the fault knobs (crc, garbage, silent) doing what they say."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from sim_helper import (FIXTURES, Sim, capture, check, decode, even_parity_ok, expected_ids,
                        fail, frames)

Q3D_FIXTURE = os.path.join(FIXTURES, "d0", "dsmr_parser__ESY5Q3DB1024_V304.txt")
SML_FIXTURE = os.path.join(FIXTURES, "sml", "libsml-testing__ISKRA_MT175_D1A52-V22-K0t.bin")
DSMR_FIXTURE = os.path.join(FIXTURES, "dsmr", "node-dsmr-parser__dsmr-5.0-isk-1.txt")


def strip7(data):
    return bytes(b & 0x7F for b in data)


def num(fr, key):
    if key not in fr[1]:
        key += "*255"
    return fr[1][key]["value"]


def test_q3d(sim):
    data, chunks = capture(sim.path("q3d"), 6.5)
    check(len(data) > 400, "q3d: too few bytes (%d)" % len(data))
    # A 7E1 line read 8N1: every byte carries even parity in bit 7.
    bad = [i for i, b in enumerate(data) if not even_parity_ok(b)]
    check(not bad, "q3d: parity errors at %s" % bad[:5])
    # The line's pace (at most 960 bytes a second at 9600 7E1) is measured by
    # bench/sim_pacing.py: no wall-clock bound here.
    text = strip7(data)
    check(b"/ESY5Q3DB1024 V3.04\r\n\r\n" in text, "q3d: identification missing")
    fr = [f for f in frames(decode("d0", text)) if f[0]["status"] == "ok"]
    check(len(fr) >= 2, "q3d: fewer than 2 complete telegrams: %d" % len(fr))
    want = expected_ids(Q3D_FIXTURE)
    for f in fr:
        check(list(f[1]) == want, "q3d: value list %s, the real meter sends %s" % (list(f[1]), want))
        phases = sum(num(f, "1-0:%d.7.0*255" % c) for c in (21, 41, 61))
        check(abs(phases - num(f, "1-0:1.7.0*255")) < 0.05, "q3d: phases do not add up")
        check(abs(num(f, "1-0:1.7.0*255")) < 20000, "q3d: implausible power")
        check(f[1]["1-0:1.8.0*255"]["unit"] == "kWh" and f[1]["1-0:1.7.0*255"]["unit"] == "W",
              "q3d: units")
    imp = [num(f, "1-0:1.8.0*255") for f in fr]
    exp = [num(f, "1-0:2.8.0*255") for f in fr]
    check(all(b >= a for a, b in zip(imp, imp[1:])), "q3d: import total went backwards %s" % imp)
    check(all(b >= a for a, b in zip(exp, exp[1:])), "q3d: export total went backwards %s" % exp)
    check(imp[-1] + exp[-1] > imp[0] + exp[0], "q3d: neither total moved: %s %s" % (imp, exp))
    powers = {num(f, "1-0:1.7.0*255") for f in fr}
    check(len(powers) > 1, "q3d: power does not move")


def test_dsmr(sim):
    data, _ = capture(sim.path("dsmr"), 3.5)
    check(b"/ISK5\\2M550T-1011\r\n\r\n" in data, "dsmr: identification missing")
    objs = decode("dsmr", data)
    fr = frames(objs)
    ok = [f for f in fr if f[0]["status"] == "ok"]
    # The first telegram may be cut (we opened the port mid-telegram): all others are whole.
    check(len(ok) >= 2, "dsmr: fewer than 2 valid telegrams")
    check(all(f[0]["status"] == "ok" for f in fr[1:]), "dsmr: bad telegram %s" % fr)
    want = expected_ids(DSMR_FIXTURE)
    for f in ok:
        check(sorted(set(f[1])) == sorted(set(want)),
              "dsmr: value ids differ from the real meter: %s" %
              sorted(set(f[1]) ^ set(want)))
        for v in ("1-0:32.7.0", "1-0:52.7.0", "1-0:72.7.0"):
            check(207 <= num(f, v) <= 253, "dsmr: voltage %s" % num(f, v))
    tot = [num(f, "1-0:1.8.1") + num(f, "1-0:1.8.2") for f in ok]
    gas = [num(f, "0-1:24.2.1") for f in ok]
    check(all(b >= a for a, b in zip(tot, tot[1:])), "dsmr: total went backwards %s" % tot)
    check(all(b >= a for a, b in zip(gas, gas[1:])), "dsmr: gas went backwards %s" % gas)
    check(len({(num(f, "1-0:1.7.0"), num(f, "1-0:2.7.0"), num(f, "1-0:21.7.0"),
                num(f, "1-0:22.7.0")) for f in ok}) > 1, "dsmr: power does not move")


def test_ehz(sim):
    data, _ = capture(sim.path("ehz"), 6.5)
    fr = frames(decode("sml", data))
    ok = [f for f in fr if f[0]["status"] == "ok"]
    check(len(ok) >= 2, "ehz: fewer than 2 valid SML frames: %s" % [f[0] for f in fr])
    check(all(f[0]["status"] in ("ok", "truncated") for f in fr), "ehz: bad frame %s" % fr)
    want = expected_ids(SML_FIXTURE)  # the first telegram of the capture
    for f in ok:
        check(list(f[1]) == want, "ehz: entries %s, the real meter sends %s" % (list(f[1]), want))
        check(f[1]["129-129:199.130.3*255"]["text"] == "ISK", "ehz: manufacturer")
        phases = sum(num(f, "1-0:%d.7.0*255" % c) for c in (36, 56, 76))
        check(abs(phases - num(f, "1-0:16.7.0*255")) <= 2, "ehz: phases do not add up")
    imp = [num(f, "1-0:1.8.0*255") for f in ok]
    exp = [num(f, "1-0:2.8.0*255") for f in ok]
    check(all(b >= a for a, b in zip(imp, imp[1:])) and all(b >= a for a, b in zip(exp, exp[1:])),
          "ehz: totals went backwards")
    check(len({num(f, "1-0:16.7.0*255") for f in ok}) > 1, "ehz: power does not move")


def test_faults():
    sim = Sim("dsmr5", "--pty", "@crc", "--fault", "crc",
              "dsmr5", "--pty", "@garbage", "--fault", "garbage",
              "dsmr5", "--pty", "@silent", "--fault", "silent",
              "q3d", "--pty", "@q3dcrc", "--fault", "crc", "--period", "500")
    try:
        fr = frames(decode("dsmr", capture(sim.path("crc"), 2.5)[0]))
        check(len(fr) >= 2 and all(f[0]["status"] != "ok" for f in fr),
              "fault crc: a telegram passed: %s" % [f[0]["status"] for f in fr])
        check(any(f[0]["status"] == "crc_error" for f in fr), "fault crc: no crc_error")
        data = capture(sim.path("garbage"), 2.5)[0]
        fr = [f for f in frames(decode("dsmr", data)) if f[0]["status"] == "ok"]
        covered = set()
        for f in fr:
            covered.update(range(f[0]["offset"], f[0]["offset"] + f[0]["length"]))
        # Between whole telegrams (CR LF aside) there are at least 8 junk bytes each time.
        junk = [i for i in range(fr[0][0]["offset"], fr[-1][0]["offset"])
                if i not in covered and data[i] not in b"\r\n"] if len(fr) >= 2 else []
        check(len(fr) >= 2 and len(junk) >= 8 * (len(fr) - 1),
              "fault garbage: %d telegrams, %d junk bytes" % (len(fr), len(junk)))
        data, _ = capture(sim.path("silent"), 1.5)
        check(data == b"", "fault silent: got %d bytes" % len(data))
        data, _ = capture(sim.path("q3dcrc"), 2.0)
        bad = [b for b in data if not even_parity_ok(b)]
        check(len(bad) >= 2, "fault crc on q3d: no parity errors")
    finally:
        sim.cleanup()


def main():
    sim = Sim("--seed", "42", "q3d", "--pty", "@q3d", "dsmr5", "--pty", "@dsmr",
              "ehz", "--pty", "@ehz")
    try:
        test_q3d(sim)
        test_dsmr(sim)
        test_ehz(sim)
        rc, out = sim.stop()
        check(rc == 0, "meterd sim exit status %s: %s" % (rc, sim.stderr()))
        check(out.splitlines()[0].split("\t")[4] == "d0 9600 7E1", "sim stdout: %r" % out)
        check(not os.path.exists(sim.path("q3d")), "symlink left behind")
    finally:
        sim.cleanup()
    test_faults()
    print("ok")


main()
