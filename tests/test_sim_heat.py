"""The heat meter simulators on ptys: the MULTICAL 403 answering KMP on its optical
eye (with the head's echo) and the MULTICAL 302 on wired M-Bus. Requests are real
request bytes (the seed script's KMP request among them); replies are checked with
`meterd decode`: frames valid (CRC/checksum), identification and register layout as
the real meter, values plausible, totals never going backwards, unsupported
registers left out."""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from sim_helper import Sim, check, decode, frames, open_port, read_for

SEED_KMP = bytes.fromhex("803F1005003C00560057004A0044EEBA0D")  # tasmota-smi.md 6.2
GET_TYPE = bytes.fromhex("803F01058A0D")
GET_SERIAL = bytes.fromhex("803F0235E90D")


def kmp_exchange(fd, req):
    os.write(fd, req)
    data, _ = read_for(fd, 3, until=lambda d: len(d) > len(req) and d.endswith(b"\r"))
    return data


def test_kmp(port):
    fd = open_port(port)
    try:
        regs = []
        for _ in range(2):
            data = kmp_exchange(fd, SEED_KMP)
            check(data.startswith(SEED_KMP), "kmp: no echo of the request: %s" % data.hex())
            fr = frames(decode("kmp", data))
            check(len(fr) == 2 and fr[1][0]["status"] == "ok" and
                  fr[1][0]["direction"] == "from_meter", "kmp: reply %s" % fr)
            lay = [(r["register"], r["nob"]) for r in fr[1][0]["registers"]]
            # The widths the seed descriptor's skips rely on (tasmota-smi.md section 11).
            check(lay == [(60, 4), (86, 2), (87, 2), (74, 2), (68, 4)], "kmp layout %s" % lay)
            regs.append({k: v["value"] for k, v in fr[1][1].items()})
            time.sleep(1.0)
        a, b = regs
        check(b["kmp:60"] >= a["kmp:60"] and b["kmp:68"] >= a["kmp:68"], "kmp totals went back")
        check(20 < b["kmp:86"] < 95 and 10 < b["kmp:87"] < b["kmp:86"], "kmp temps %s" % b)
        check(0 <= b["kmp:74"] < 5000, "kmp flow %s" % b["kmp:74"])
        check(a["kmp:86"] != b["kmp:86"] or a["kmp:87"] != b["kmp:87"] or
              a["kmp:74"] != b["kmp:74"], "kmp values do not move")
        # Unsupported registers (0x1234, 0x0FFF) are left out, the rest answered in order.
        req = bytes.fromhex("803F1003003C12340FFF")
        # CRC-16/XMODEM and stuffing computed here, independently of kmp.c.
        crc = 0
        for byte in req[1:]:
            crc ^= byte << 8
            for _ in range(8):
                crc = ((crc << 1) ^ 0x1021) & 0xFFFF if crc & 0x8000 else (crc << 1) & 0xFFFF
        body = req[1:] + bytes([crc >> 8, crc & 0xFF])
        stuffed = bytes([0x80]) + b"".join(bytes([0x1B, x ^ 0xFF]) if x in (0x80, 0x40, 0x0D, 0x06, 0x1B)
                                          else bytes([x]) for x in body) + b"\r"
        fr = frames(decode("kmp", kmp_exchange(fd, stuffed)))
        check(len(fr) == 2 and [r["register"] for r in fr[1][0]["registers"]] == [60],
              "kmp unsupported registers: %s" % fr)
        fr = frames(decode("kmp", kmp_exchange(fd, GET_TYPE)))
        check(fr[1][0]["status"] == "ok" and "kmp:type" in fr[1][1], "GetType %s" % fr)
        fr = frames(decode("kmp", kmp_exchange(fd, GET_SERIAL)))
        check(fr[1][0]["status"] == "ok" and fr[1][1]["kmp:serial"]["value"] > 0, "GetSerialNo")
    finally:
        os.close(fd)


def test_mbus(port):
    fd = open_port(port)
    try:
        os.write(fd, bytes.fromhex("1040B7F716"))  # SND_NKE to 183
        data, _ = read_for(fd, 2, until=lambda d: len(d) >= 1)
        check(data == b"\xe5", "SND_NKE: %s" % data.hex())
        os.write(fd, bytes.fromhex("1040FE3E16"))  # broadcast with reply
        data, _ = read_for(fd, 2, until=lambda d: len(d) >= 1)
        check(data == b"\xe5", "SND_NKE 254: %s" % data.hex())
        os.write(fd, bytes.fromhex("1040014116"))  # address 1: not us
        data, _ = read_for(fd, 1.0)
        check(data == b"", "answered another address: %s" % data.hex())
        totals = []
        for c in (0x7B, 0x5B):  # REQ_UD2 with FCB set, then clear
            req = bytes([0x10, c, 183, (c + 183) & 0xFF, 0x16])
            os.write(fd, req)
            data, _ = read_for(fd, 4, until=lambda d: len(d) >= 205)
            # The 2400 8E1 pace (0.94 s for 205 bytes) is measured by bench/sim_pacing.py.
            fr = frames(decode("mbus", data))
            check(len(fr) == 1 and fr[0][0]["status"] == "ok", "REQ_UD2: %s" % fr)
            f, vals = fr[0]
            check(f["manufacturer"] == "KAM" and f["a"] == 183 and f["ci"] == 0x72 and
                  f["medium"] == 4 and f["version"] == 0x30, "header %s" % f)
            check(len(vals) == 30, "records: %d" % len(vals))
            q = [(v["quantity"], v.get("storage"), v.get("function")) for v in vals.values()]
            check(q[1] == ("energy", 0, "instantaneous") and q[8][0] == "flow_temperature" and
                  q[9][0] == "return_temperature" and q[16][0] == "datetime", "records %s" % q)
            check(vals["mbus:8"]["value"] > vals["mbus:9"]["value"], "flow not above return")
            totals.append((vals["mbus:1"]["value"], vals["mbus:5"]["value"]))
        check(totals[1][0] >= totals[0][0] and totals[1][1] >= totals[0][1],
              "M-Bus totals went back %s" % totals)
    finally:
        os.close(fd)


def main():
    sim = Sim("--seed", "9", "mc403", "--pty", "@kmp", "mbusheat", "--pty", "@mbus")
    try:
        test_kmp(sim.path("kmp"))
        test_mbus(sim.path("mbus"))
        rc, _ = sim.stop()
        check(rc == 0, "sim exit %s: %s" % (rc, sim.stderr()))
    finally:
        sim.cleanup()
    print("ok")


main()
