#!/usr/bin/python3
"""Golden test: `meterd decode --protocol wmbus --hex --strict [--key K]` against
every tests/fixtures/wmbus/**/*.expected.json.

Which record feeds which value comes from the peer's own analysis of the
telegram (frames[-1].wmbusmeters_analyze_records: record n, in order, maps to
wmbusmeters fields); the value is the peer's stored expectation
(expected.wmbusmeters_json), or the analysis' value for fields the JSON leaves
out. Record n of the last telegram is our value "wmbus:<n>" of the last frame.
wmbusmeters speaks kWh, kW, m3 ...; meterd keeps the meter's base unit (Wh, J,
W), so the test converts ours into the field's unit. Dates compare as text;
a null date must be an invalid one (no "time"); status texts compare with the
info-code bits they name ("OK" is 0).

A compact profile record (EN 13757-3 Annex F) gives one value per element,
id "wmbus:<n>" with "index" k: the peer's field "<name>_<k>_<unit>" is its
value and "<name>_<k>" its date ("time"). Apator 162 sends registers, not
records: its total_m3 is our "volume" value.

Encrypted fixtures (aes/) decrypt with their key (the frame says so), fail
with result "bad_key" and no values under a wrong key, and "no_key" without
one. A short list of fields this decoder knowingly does not produce (radio
metadata, texts the peer derives) is named below with the reason.
"""
import glob
import json
import os
import re
import subprocess
import sys

METERD = os.environ.get("METERD", "build/debug/meterd")
FIXTURES = os.environ.get("FIXTURES", "tests/fixtures")
WM_DIR = os.path.join(FIXTURES, "wmbus")

# Fields meterd does not produce, and why (file stem prefix -> fields).
NOT_IN_TELEGRAM = {"rssi_dbm", "device"}  # the receiver's, not the meter's
PROPRIETARY = {
    # "MODE_2F" is the peer's name for bit 0x40 of the TPL status byte: a frame
    # detail here (meter_status), not a value.
    "caltose_L108_caltose_80081991": {"status"},
}
# Kamstrup info-code bits the status texts name (spec section 3, kamheat/kamwater).
STATUS_BITS = {
    "VOLTAGE_INTERRUPTED": 0x1, "LOW_BATTERY_LEVEL": 0x2,
    "SENSOR_T1_ABOVE_MEASURING_RANGE": 0x8, "SENSOR_T2_ABOVE_MEASURING_RANGE": 0x10,
    "SENSOR_T1_BELOW_MEASURING_RANGE": 0x20, "SENSOR_T2_BELOW_MEASURING_RANGE": 0x40,
    "WRONG_FLOW_DIRECTION": 0x200, "DRY": 0x1,
}

failures = []
checks = 0


def check(cond, what):
    global checks
    checks += 1
    if not cond:
        failures.append(what)
        print("FAIL: " + what, file=sys.stderr)


def decode(path, key=None):
    cmd = [METERD, "decode", "--protocol", "wmbus", "--hex", "--strict"]
    if key:
        cmd += ["--key", key]
    p = subprocess.run(cmd + [path], capture_output=True, text=True, timeout=30)
    if p.returncode != 0:
        raise RuntimeError("%s: exit %d: %s" % (path, p.returncode, p.stderr))
    return [json.loads(l) for l in p.stdout.splitlines()]


def to_field_unit(field, value, unit):
    if field.endswith("_kwh"):
        return value / 1000.0 if unit == "Wh" else value / 3.6e6 if unit == "J" else None
    if field.endswith("_kw"):
        return value / 1000.0 if unit == "W" else value / 3.6e6 if unit == "J/h" else None
    want = {"_m3h": "m3/h", "_m3": "m3", "_c": "\u00b0C", "_bar": "bar", "_m3c": "m3C",
            "_s": "s"}
    for suffix, u in want.items():
        if field.endswith(suffix):
            return value if unit == u else None
    return value


def mapped(records_entry):
    out = {}
    for m in records_entry.get("mapped_fields", []):
        k, v = m.split(":", 1)
        out[json.loads(k)] = json.loads(v)
    return out


def check_value(stem, field, want, got):
    what = "%s: %s = %r" % (stem, field, want)
    if got is None:
        check(False, what + ": no such value")
        return
    if isinstance(want, bool):
        return
    if field.startswith("status") or field in ("current_status", "error_flags"):
        v = got.get("value")
        check(isinstance(v, (int, float)), what + ": status is not a number: %r" % got)
        if not isinstance(v, (int, float)):
            return
        if want in ("OK", ""):
            check(v == 0, what + ": info codes %r" % v)
            return
        check(v != 0, what + ": info codes 0")
        for name in want.split():
            m = re.fullmatch(r"ERROR_FLAGS_([0-9A-F]+)", name)
            bit = int(m.group(1), 16) if m else STATUS_BITS.get(name)
            if bit is not None:
                check(int(v) & bit == bit, what + ": bit %#x not in %#x" % (bit, int(v)))
        return
    if want is None:
        check("time" not in got, what + ": a valid date %r" % got)
        return
    if isinstance(want, str):
        if re.fullmatch(r"\d{4}-\d\d-\d\d( \d\d:\d\d)?", want):
            t = got.get("text", "").replace("T", " ")
            check(t[:len(want)] == want, what + ": got %r" % got.get("text"))
        else:
            g = got.get("text") if "text" in got else got.get("value")
            # numbers the peer prints in decimal or, for ids, in hex (enhanced_id 1311)
            check(str(g) == want or (isinstance(g, (int, float)) and
                                     want in (str(int(g)), "%X" % int(g))),
                  what + ": got %r" % g)
        return
    if "value" not in got:
        check(False, what + ": got text %r" % got.get("text"))
        return
    v = to_field_unit(field, got["value"], got.get("unit", ""))
    check(v is not None and abs(v - want) <= 1e-6 + 1e-9 * abs(want),
          what + ": got %r %s" % (got["value"], got.get("unit", "")))


def run_file(exp_path):
    stem = os.path.basename(exp_path)[:-len(".expected.json")]
    hex_path = exp_path[:-len(".expected.json")] + ".hex"
    d = json.load(open(exp_path))
    key = d.get("key")
    out = decode(hex_path, key)
    frames = [o for o in out if o["type"] == "frame"]
    ntel = sum(1 for l in open(hex_path) if l.strip())
    check(len(frames) == ntel, "%s: %d frames for %d telegrams" % (stem, len(frames), ntel))
    if not frames:
        return
    last = frames[-1]
    if key:
        check(last.get("decrypted") is True, "%s: not decrypted with its key: %r" % (stem, last))
    skip = NOT_IN_TELEGRAM | PROPRIETARY.get(stem, set())
    for f in frames:
        check(f["status"] == "ok", "%s: frame %d %s: %s" % (stem, f["index"], f["status"],
                                                         f.get("error")))
    mine = [o for o in out if o["type"] == "value" and o["frame"] == last["index"]]
    values = {o["id"]: o for o in mine if "index" not in o}
    elements = {(o["id"], o["index"]): o for o in mine if "index" in o}
    peer = d["expected"].get("wmbusmeters_json", {})
    seen = set()
    if stem.startswith("apator162"):
        vol = [o for o in mine if o.get("quantity") == "volume"]
        check_value(stem, "total_m3", peer["total_m3"], vol[0] if len(vol) == 1 else None)
        seen.add("total_m3")
    for i, rec in enumerate(d["frames"][-1].get("wmbusmeters_analyze_records", [])):
        for field, v in mapped(rec).items():
            if field in skip or field.startswith("time_"):
                continue
            want = peer.get(field, v)
            m = re.fullmatch(r"[a-z]+_(\d+)(_[a-z0-9]+)?", field)
            if any("CompactProfile" in e.get("text", "") for e in rec.get("vife", [])):
                # element k of a compact profile: the peer's "<name>_<k>_<unit>", or its date
                got = elements.get(("wmbus:%d" % i, int(m.group(1)))) if m else None
                if got is not None and not m.group(2):
                    got = dict(got, text=got.get("time", ""))
                check_value(stem, field, want, got)
            else:
                check_value(stem, field, want, values.get("wmbus:%d" % i))
            seen.add(field)
    # Every numeric value of the peer's JSON was checked (or is named above as not produced).
    for field, v in peer.items():
        if field in ("id", "_", "timestamp") or field in skip or field.startswith("time_"):
            continue
        check(field in seen or not isinstance(v, (int, float)) or field in ("rssi_dbm",),
              "%s: %s is not mapped to a record" % (stem, field))
    if key:
        wrong = ("%02X" % (int(key[:2], 16) ^ 0x01)) + key[2:]
        bad = decode(hex_path, wrong)
        bf = [o for o in bad if o["type"] == "frame"]
        check(bf and bf[-1].get("result") == "bad_key" and bf[-1]["status"] != "ok",
              "%s: wrong key gives %r" % (stem, bf[-1] if bf else None))
        check(not any(o["type"] == "value" for o in bad), "%s: values under a wrong key" % stem)
        # a key for this meter's id decrypts; the same key for another id does not apply
        mid = last.get("id", "")
        per = [o for o in decode(hex_path, "%s:%s" % (mid, key)) if o["type"] == "frame"]
        check(per and per[-1].get("decrypted") is True, "%s: --key ID:KEY" % stem)
        other = "%08d" % ((int(mid) + 1) % 100000000) if mid.isdigit() else "00000000"
        per = [o for o in decode(hex_path, "%s:%s" % (other, key)) if o["type"] == "frame"]
        check(per and per[-1].get("result") == "no_key", "%s: a key for another id" % stem)
        nokey = decode(hex_path)
        nf = [o for o in nokey if o["type"] == "frame"]
        check(nf and nf[-1].get("result") == "no_key", "%s: no key gives %r" % (stem, nf[-1] if nf else None))


def main():
    files = sorted(glob.glob(os.path.join(WM_DIR, "**", "*.expected.json"), recursive=True))
    if len(files) < 30:
        print("FAIL: only %d wM-Bus fixtures under %s" % (len(files), WM_DIR))
        return 1
    for p in files:
        run_file(p)
    print("%d files, %d checks, %d failures" % (len(files), checks, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
