"""
test_daemon_sml_msgcrc.py - an SML frame whose transport CRC is right but
whose message CRCs are wrong (eBZ DD3 meters send such frames) is used, and
each wrong message CRC is counted in the meter's msg_crc_errors, not in
crc_errors. A frame with a broken transport CRC still counts as crc_errors
and its values are not published.

The frame is the SmlLib "Issue #8" capture in tests/fixtures/sml; the values
expected are the ones its expected.json names, the counts the ones this test
makes by breaking bytes itself.
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon_util import Daemon, check, finish, make_pty, mktemp, wait_until  # noqa: E402

here = os.path.dirname(os.path.abspath(__file__))
base = os.path.join(here, "fixtures", "sml", "smllib__test_frames_Issue8_OK_eBZ")
frame = open(base + ".bin", "rb").read()
expected = json.load(open(base + ".expected.json"))

tmp = mktemp()



def values_of(exp):
    """{obis: number} of the fixture's numeric entries."""
    out = {}
    for fr in exp.get("frames", []):
        for e in fr.get("entries", []):
            if "value" in e and not isinstance(e["value"], (bool, str)):
                out[e["obis"]] = float(e["value"])
    return out


want = values_of(expected)
check(len(want) >= 5, "the fixture names numeric values: %r" % want)

conf = """teleperiod 1s
meter ebz {
    port "%(t)s/ttyEBZ"
    protocol sml 9600 8N1
}
""" % {"t": tmp}

master = make_pty(tmp + "/ttyEBZ")
d = Daemon(tmp, conf)
try:
    check(d.status_until(20, lambda st: st["meters"]["ebz"]["port_open"]) is not None,
          "the port is open")
    # Three frames: the guard starts totals after two agreeing readings.
    for _ in range(3):
        os.write(master, frame)
        time.sleep(0.3)
    st = d.status_until(20, lambda st: st["meters"]["ebz"]["frames_ok"] >= 3 and
                        all(k in st["meters"]["ebz"]["values"] for k in want))
    m = st["meters"]["ebz"] if st else {}
    check(m.get("frames_ok") == 3, "frames with wrong message CRCs are used: %r" % m)
    check(m.get("crc_errors") == 0, "wrong message CRCs are not frame CRC errors: %r" % m)
    check(m.get("msg_crc_errors") == 6,
          "each frame's two wrong message CRCs counted (3 frames): %r" % m)
    got = {k: v.get("value") for k, v in m.get("values", {}).items()}
    for obis, v in want.items():
        check(got.get(obis) is not None and abs(got[obis] - v) <= 1e-9 * max(1.0, abs(v)),
              "%s = %r as the fixture says (got %r)" % (obis, v, got.get(obis)))

    # The transport CRC broken (its last byte): a CRC error, its messages not
    # counted again, and a value changed inside it never published.
    bad = bytearray(frame)
    bad[-1] ^= 0xFF
    os.write(master, bytes(bad))
    st = d.status_until(20, lambda st: st["meters"]["ebz"]["crc_errors"] >= 1)
    m = st["meters"]["ebz"] if st else {}
    check(m.get("crc_errors") == 1 and m.get("frames_ok") == 3,
          "a wrong transport CRC is one CRC error: %r" % m)
    check(m.get("msg_crc_errors") == 6, "a refused frame adds no message CRC errors: %r" % m)
    check(d.stop() == 0, "clean stop")
finally:
    d.stop()
finish(tmp)
