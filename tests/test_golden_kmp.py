#!/usr/bin/python3
"""Golden test: `meterd decode --protocol kmp --hex --strict` against every
tests/fixtures/kmp/*.expected.json, field by field.

Frame files (request/response pairs) are compared frame by frame and value by
value, exactly (decimal arithmetic, no float tolerance). The three vector
files of the Kamstrup document (value encoding, clock/date units, stuffing)
hold no frames; each vector is wrapped here into a reply frame, with this
script's own CRC and stuffing, and fed through the binary, so the vectors
test the real decoder too. A fixture of any other shape fails the test.
"""
import json
import os
import subprocess
import sys
import tempfile
from decimal import Decimal

METERD = os.environ.get("METERD", "build/dbg/meterd")
FIXTURES = os.environ.get("FIXTURES", "tests/fixtures")
KMP_DIR = os.path.join(FIXTURES, "kmp")

failures = []
checks = 0


def check(cond, what):
    global checks
    checks += 1
    if not cond:
        failures.append(what)
        print("FAIL: " + what, file=sys.stderr)


def crc_xmodem(data):
    crc = 0
    for b in data:
        crc ^= b << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) & 0xFFFF if crc & 0x8000 else (crc << 1) & 0xFFFF
    return crc


def stuff(data):
    out = bytearray()
    for b in data:
        if b in (0x80, 0x40, 0x0D, 0x06, 0x1B):
            out += bytes((0x1B, b ^ 0xFF))
        else:
            out.append(b)
    return bytes(out)


def reply_frame(body):
    """A meter reply around address..data (unstuffed)."""
    crc = crc_xmodem(body)
    return b"\x40" + stuff(body + bytes((crc >> 8, crc & 0xFF))) + b"\x0d"


def decode(path, *options):
    p = subprocess.run([METERD, "decode", "--protocol", "kmp", "--hex", "--strict", *options, path],
                       capture_output=True, timeout=30)
    check(p.returncode == 0, "%s: meterd decode exit %d: %s" % (path, p.returncode, p.stderr[:200]))
    objs = [json.loads(l, parse_float=Decimal, parse_int=Decimal)
            for l in p.stdout.decode().splitlines() if l.strip()]
    return [o for o in objs if o["type"] == "frame"], [o for o in objs if o["type"] == "value"]


def decode_bytes(frames):
    with tempfile.NamedTemporaryFile("w", suffix=".hex", delete=False) as f:
        for fr in frames:
            f.write(fr.hex(" ") + "\n")
        name = f.name
    try:
        return decode(name)
    finally:
        os.unlink(name)


def exact(value):
    return Decimal(str(value))


def check_register_value(name, v, r):
    """One GetRegister value against its expected register entry."""
    check(v["id"] == "kmp:%d" % r["register_dec"], "%s: id %s != kmp:%d" % (name, v["id"], r["register_dec"]))
    check(exact(v["value"]) == exact(r["value"]),
          "%s: kmp:%d value %s != %s" % (name, r["register_dec"], v["value"], r["value"]))
    # raw and scaler are the transmitted mantissa and SiEx, not a rounded float.
    mant = int(r["mantissa_hex"], 16)
    siex = int(r["siex_hex"], 16)
    sign = -1 if siex & 0x80 else 1
    exp = -(siex & 0x3F) if siex & 0x40 else siex & 0x3F
    check(int(v["raw"]) == sign * mant, "%s: kmp:%d raw %s != %d" % (name, r["register_dec"], v["raw"], sign * mant))
    check(int(v["scaler"]) == exp, "%s: kmp:%d scaler %s != %d" % (name, r["register_dec"], v["scaler"], exp))
    unit = v.get("unit", "")
    want = r["unit"]
    if r["unit_code"] in (47, 48, 49, 50):
        # Decimal-coded clock/date: the unit names the digit groups.
        check(unit != "" and unit in want, "%s: unit %r not in %r" % (name, unit, want))
        digits = "%06d" % int(v["value"]) if r["unit_code"] != 50 else "%04d" % int(v["value"])
        text = ":".join(digits[i:i + 2] for i in range(0, len(digits), 2))
        if "value_text" in r:
            check(text == r["value_text"], "%s: clock text %s != %s" % (name, text, r["value_text"]))
    else:
        check(unit == want, "%s: kmp:%d unit %r != %r" % (name, r["register_dec"], unit, want))


def check_frames_file(name, exp):
    frames, values = decode(os.path.join(KMP_DIR, name + ".hex"))
    want_frames = exp["frames"]
    check(len(frames) == len(want_frames), "%s: %d frames, expected %d" % (name, len(frames), len(want_frames)))
    want_values = 0
    for got, want in zip(frames, want_frames):
        where = "%s frame %d" % (name, want["line"])
        check(got["status"] == ("ok" if want["crc_ok"] else "crc_error"), "%s: status %s" % (where, got["status"]))
        check(got.get("direction") == want["direction"], "%s: direction %s" % (where, got.get("direction")))
        check(got.get("address") == int(want["destination_address"], 16), "%s: address" % where)
        check(got.get("cid") == int(want["cid"], 16), "%s: cid" % where)
        check(got.get("crc") == int(want["crc_hex"], 16), "%s: crc %s != %s" % (where, got.get("crc"), want["crc_hex"]))
        check(got.get("data_length") == len(want["application_data_hex"]) // 2, "%s: data length" % where)
        # The frame's wire length is the stuffed line plus nothing else.
        if "registers_requested" in want:
            ids = [int(x, 16) for x in want["registers_requested"]]
            check(got.get("registers_requested") == ids, "%s: registers requested %s" % (where, got.get("registers_requested")))
        mine = [v for v in values if v["frame"] == got["index"]]
        if "registers" in want:
            regs = got.get("registers", [])
            check(len(regs) == len(want["registers"]), "%s: %d registers, expected %d" % (where, len(regs), len(want["registers"])))
            for gr, wr in zip(regs, want["registers"]):
                check(gr["register"] == wr["register_dec"] and gr["unit_code"] == wr["unit_code"] and
                      gr["nob"] == wr["nob"] and gr["siex"] == int(wr["siex_hex"], 16),
                      "%s: register entry %s != %s" % (where, gr, wr["register"]))
            check(len(mine) == len(want["registers"]), "%s: %d values, expected %d" % (where, len(mine), len(want["registers"])))
            for v, wr in zip(mine, want["registers"]):
                check_register_value(where, v, wr)
            want_values += len(want["registers"])
        if "serial_number" in want:
            check(got.get("serial") == want["serial_number"], "%s: serial %s" % (where, got.get("serial")))
            check(len(mine) == 1 and mine[0]["id"] == "kmp:serial" and int(mine[0]["value"]) == want["serial_number"],
                  "%s: kmp:serial value %s" % (where, mine))
            want_values += 1
        if "meter_type_hex" in want:
            check(got.get("meter_type") == int(want["meter_type_hex"], 16), "%s: meter type" % where)
            check(got.get("sw_revision") == want["sw_revision"], "%s: sw revision %s" % (where, got.get("sw_revision")))
            byid = {v["id"]: v for v in mine}
            check("kmp:type" in byid and int(byid["kmp:type"]["value"]) == int(want["meter_type_hex"], 16),
                  "%s: kmp:type value" % where)
            check("kmp:revision" in byid and byid["kmp:revision"].get("text") == want["sw_revision"],
                  "%s: kmp:revision text" % where)
            want_values += 2
        if want["direction"] == "to_meter":
            check(mine == [], "%s: a request frame gave values" % where)
    check(len(values) == want_values, "%s: %d values, expected %d" % (name, len(values), want_values))


def check_value_encoding(name, exp):
    lines = [bytes.fromhex(l) for l in open(os.path.join(KMP_DIR, name + ".hex")) if l.strip()]
    check(len(lines) == len(exp["expected"]), "%s: %d lines, %d expected" % (name, len(lines), len(exp["expected"])))
    # Register 0x0100 + line, unit kCal (0x0A): the line is NoB, SiEx, mantissa.
    body = lambda i, l: bytes((0x3F, 0x10, 0x01, i, 0x0A)) + l
    frames, values = decode_bytes([reply_frame(body(i, l)) for i, l in enumerate(lines)])
    check(len(frames) == len(lines) and all(f["status"] == "ok" for f in frames), "%s: frames not all ok" % name)
    check(len(values) == len(lines), "%s: %d values" % (name, len(values)))
    for v, want in zip(values, exp["expected"]):
        check(exact(v["value"]) == exact(want["value"]),
              "%s line %d: %s != %s" % (name, want["line"], v["value"], want["value"]))
        check(v.get("unit") == "kCal", "%s line %d: unit %s" % (name, want["line"], v.get("unit")))


def check_time_date(name, exp):
    lines = [bytes.fromhex(l) for l in open(os.path.join(KMP_DIR, name + ".hex")) if l.strip()]
    check(len(lines) == len(exp["expected"]), "%s: line count" % name)
    texts = {47: "hh:mm:ss", 48: "yy:mm:dd", 50: "mm:dd"}
    frames = []
    for l, want in zip(lines, exp["expected"]):
        frames.append(reply_frame(bytes((0x3F, 0x10, 0x03, 0xEA, want["unit_code"], 4, 0)) + l))
    _, values = decode_bytes(frames)
    check(len(values) == len(lines), "%s: %d values" % (name, len(values)))
    for v, want in zip(values, exp["expected"]):
        check(int(v["value"]) == want["integer"] and int(v["scaler"]) == 0,
              "%s line %d: %s != %d" % (name, want["line"], v["value"], want["integer"]))
        check(v.get("unit") == texts[want["unit_code"]], "%s line %d: unit %s" % (name, want["line"], v.get("unit")))
        width = 4 if want["unit_code"] == 50 else 6
        digits = "%0*d" % (width, int(v["value"]))
        check(":".join(digits[i:i + 2] for i in range(0, width, 2)) == want["text"],
              "%s line %d: text" % (name, want["line"]))


def check_stuffing(name, exp):
    raw, stuffed = [bytes.fromhex(l) for l in open(os.path.join(KMP_DIR, name + ".hex")) if l.strip()]
    check(exp["expected"]["line1_stuffed_equals_line2"], "%s: unexpected claim" % name)
    check(stuff(raw) == stuffed, "%s: this script's stuffing disagrees with the document" % name)
    # A GetSerialNo reply whose 4 data bytes are line 1, sent as line 2 (already stuffed):
    # it decodes to serial 0x040D0006 only if the decoder unstuffs line 2 back to line 1.
    body = bytes((0x3F, 0x02))
    crc = crc_xmodem(body + raw)
    wire = b"\x40" + stuff(body) + stuffed + stuff(bytes((crc >> 8, crc & 0xFF))) + b"\x0d"
    frames, values = decode_bytes([wire])
    check(len(frames) == 1 and frames[0]["status"] == "ok", "%s: frame %s" % (name, frames))
    check(len(values) == 1 and int(values[0]["value"]) == int.from_bytes(raw, "big"),
          "%s: unstuffed serial %s" % (name, values))


def check_profile_names():
    """The MULTICAL 403 profile names the values; it changes nothing else."""
    name = "kmp_meterlogger_getregister_8regs_response"
    exp = json.load(open(os.path.join(KMP_DIR, name + ".expected.json")))
    path = os.path.join(KMP_DIR, name + ".hex")
    _, plain = decode(path)
    _, named = decode(path, "--option", "profile=kamstrup-multical-403")
    check(len(named) == len(plain) == 8, "profile: %d/%d values" % (len(named), len(plain)))
    want = {"kmp:60": "heat_energy_E1", "kmp:68": "volume_V1", "kmp:1004": "operating_hours",
            "kmp:86": "flow_temp_T1", "kmp:87": "return_temp_T2", "kmp:89": "temp_diff_T1_T2",
            "kmp:74": "flow_V1", "kmp:80": "power"}
    for a, b in zip(plain, named):
        check(b.get("name") == want.get(b["id"]), "profile: %s named %r" % (b["id"], b.get("name")))
        b = dict(b)
        b.pop("name", None)
        check(a == b, "profile changed more than the name: %s -> %s" % (a, b))
    check(len(exp["frames"][0]["registers"]) == len(want), "profile: fixture changed")


def main():
    names = sorted(n[:-len(".expected.json")] for n in os.listdir(KMP_DIR) if n.endswith(".expected.json"))
    check(len(names) >= 9, "only %d kmp fixtures found in %s" % (len(names), KMP_DIR))
    for name in names:
        exp = json.load(open(os.path.join(KMP_DIR, name + ".expected.json")))
        if "frames" in exp:
            check_frames_file(name, exp)
        elif name.endswith("value_encoding"):
            check_value_encoding(name, exp)
        elif name.endswith("time_date_units"):
            check_time_date(name, exp)
        elif name.endswith("stuffing"):
            check_stuffing(name, exp)
        else:
            check(False, "%s: fixture of a shape this test does not know" % name)
    check_profile_names()
    print("kmp golden: %d fixtures, %d checks, %d failed" % (len(names), checks, len(failures)), file=sys.stderr)
    return 1 if failures or checks == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
