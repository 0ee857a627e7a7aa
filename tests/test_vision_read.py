#!/usr/bin/env python3
"""meterd vision read, end to end on the two shared photos: decode, rotate,
align on the reference templates, crop, classify, assemble. Expected values
come from the fixtures' expected.txt. Also: a search field too small for
the camera's offset fails loudly instead of reading a wrong value, a
corrupt JPEG or model gives an error (not a crash), an N wheel is filled
from --prev, and the models named in config.ini are looked up beside it."""
import json
import os
import shutil
import subprocess
import sys
import tempfile

METERD = os.environ["METERD"]
FIX = os.path.join(os.environ["FIXTURES"], "watermeter")
MOD = os.path.join(FIX, "models")
failures = 0


def check(cond, msg):
    global failures
    print(("ok   " if cond else "FAIL ") + msg)
    failures += not cond


def read(config, image, *opts):
    p = subprocess.run([METERD, "vision", "read", "--config", config, *opts, image],
                       capture_output=True, text=True, timeout=60)
    try:
        return p.returncode, json.loads(p.stdout), p.stderr
    except ValueError:
        return p.returncode, {}, p.stderr


def expected(folder):
    for line in open(os.path.join(FIX, "photos", folder, "expected.txt")):
        if line.startswith("value"):
            return line.split("=")[1].split()[0]


WMSC = os.path.join(FIX, "photos", "wmsc-2020")
AOE = os.path.join(FIX, "photos", "aoe-default-2021")
cases = [
    (WMSC, "config.ini", "original.jpg", "wmsc-2020"),
    (AOE, "config-upright.ini", "reference.jpg", "aoe-default-2021"),
]
for folder, cfg, img, name in cases:
    want = expected(name)
    for dig in ("dig-class100-0182-s2_q", "dig-class100-s2_20251021-210540_q_neu"):
        for ana in ("ana0700s1lq", "ana0700s1"):
            rc, o, err = read(os.path.join(folder, cfg), os.path.join(folder, img),
                              "--digits", os.path.join(MOD, dig + ".tflite"),
                              "--analog", os.path.join(MOD, ana + ".tflite"))
            got = str(o.get("value"))
            check(rc == 0 and got == want,
                  f"{name} with {dig} + {ana}: {got} (want {want}) {o.get('error', '')}{err}")
    # meterd's own pointer model (data/models), with the shipped digit model
    own = os.path.join(os.environ.get("SOURCE_DIR", "."), "data", "models", "meterd-pointer-v1.tflite")
    rc, o2, err = read(os.path.join(folder, cfg), os.path.join(folder, img),
                       "--digits", os.path.join(MOD, "dig-class100-0182-s2_q.tflite"), "--analog", own)
    check(rc == 0 and str(o2.get("value")) == want,
          f"{name} with meterd-pointer-v1: {o2.get('value')} (want {want}) {o2.get('error', '')}{err}")
    rois = o.get("rois", [])
    check(all(0 <= r["confidence"] for r in rois) and len(rois) > 0,
          f"{name}: {len(rois)} ROIs with confidences")

# the aoe photo with the class11 model: wheels 0 1 6 (expected.txt)
rc, o, _ = read(os.path.join(AOE, "config-upright.ini"), os.path.join(AOE, "reference.jpg"),
                "--digits", os.path.join(MOD, "dig1300s2q.tflite"),
                "--analog", os.path.join(MOD, "ana0700s1lq.tflite"))
check(str(o.get("value")) == "16.3139", f"aoe with dig1300s2q: {o.get('value')}")
check(abs(o.get("alignment", {}).get("angle", 0) - 1.0) < 0.3,
      f"aoe alignment angle about +1 degree: {o.get('alignment')}")
# wmsc with class11: the last wheel is rolling (N), no value without a previous one
rc, o, _ = read(os.path.join(WMSC, "config.ini"), os.path.join(WMSC, "original.jpg"),
                "--digits", os.path.join(MOD, "dig1300s2q.tflite"),
                "--analog", os.path.join(MOD, "ana0700s1lq.tflite"))
check(rc == 1 and o.get("value") is None and o.get("raw") == "0045N.0124",
      f"wmsc with class11 and no previous value: {o.get('raw')} -> {o.get('value')}")
rc, o, _ = read(os.path.join(WMSC, "config.ini"), os.path.join(WMSC, "original.jpg"),
                "--digits", os.path.join(MOD, "dig1300s2q.tflite"),
                "--analog", os.path.join(MOD, "ana0700s1lq.tflite"), "--prev", "453.0101")
check(rc == 0 and str(o.get("value")) == "453.0124", f"N filled from --prev: {o.get('value')}")

with tempfile.TemporaryDirectory() as tmp:
    # models named in the config are looked up beside it (by base name)
    for f in os.listdir(AOE):
        shutil.copy(os.path.join(AOE, f), tmp)
    shutil.copy(os.path.join(MOD, "ana0700s1lq.tflite"), tmp)
    shutil.copy(os.path.join(MOD, "dig1300s2q.tflite"), os.path.join(tmp, "dig1210s2q.tflite"))
    rc, o, err = read(os.path.join(tmp, "config-upright.ini"), os.path.join(tmp, "reference.jpg"))
    check(rc == 0 and str(o.get("value")) == "16.3139",
          f"models from config.ini beside it: {o.get('value')} {err}")

    # a search field smaller than the camera's offset (+16 px): refused, not misread
    text = open(os.path.join(tmp, "config-upright.ini")).read()
    open(os.path.join(tmp, "small.ini"), "w").write(
        text.replace("SearchFieldX = 20", "SearchFieldX = 12"))
    rc, o, _ = read(os.path.join(tmp, "small.ini"), os.path.join(tmp, "reference.jpg"))
    check(rc == 1 and o.get("value") is None and o.get("error", "").startswith("alignment:"),
          f"search field too small: {o.get('error')}")

    # the other meter's frame: the references are not there
    rc, o, err = read(os.path.join(tmp, "config-upright.ini"), os.path.join(WMSC, "original.jpg"))
    check(rc == 1 and o.get("value") is None and o.get("error", "").startswith("alignment:"),
          f"a frame of something else: {o.get('error')}{err}")

    # corrupt snapshot and corrupt model: errors, no crash
    data = open(os.path.join(tmp, "reference.jpg"), "rb").read()
    open(os.path.join(tmp, "cut.jpg"), "wb").write(data[:200])
    rc, o, err = read(os.path.join(tmp, "config-upright.ini"), os.path.join(tmp, "cut.jpg"))
    check(rc == 1 and o.get("value") is None and "JPEG" in o.get("error", ""),
          f"truncated JPEG: {o.get('error')}")
    open(os.path.join(tmp, "junk.jpg"), "wb").write(b"\xff\xd8" + bytes(range(256)) * 8)
    rc, o, err = read(os.path.join(tmp, "config-upright.ini"), os.path.join(tmp, "junk.jpg"))
    check(rc == 1 and o.get("value") is None, f"garbage JPEG: {o.get('error')}")
    m = bytearray(open(os.path.join(MOD, "ana0700s1lq.tflite"), "rb").read())
    open(os.path.join(tmp, "ana0700s1lq.tflite"), "wb").write(m[: len(m) // 2])
    p = subprocess.run([METERD, "vision", "read", "--config", os.path.join(tmp, "config-upright.ini"),
                        os.path.join(tmp, "reference.jpg")], capture_output=True, text=True, timeout=60)
    check(p.returncode == 1 and "ana0700s1lq.tflite" in p.stderr, f"truncated model: {p.stderr.strip()}")

    # --save-rois writes the aligned frame with the ROI boxes as a JPEG
    out = os.path.join(tmp, "rois.jpg")
    rc, o, _ = read(os.path.join(WMSC, "config.ini"), os.path.join(WMSC, "original.jpg"),
                    "--digits", os.path.join(MOD, "dig-class100-0182-s2_q.tflite"),
                    "--analog", os.path.join(MOD, "ana0700s1lq.tflite"), "--save-rois", out)
    check(os.path.exists(out) and open(out, "rb").read(2) == b"\xff\xd8", "--save-rois wrote a JPEG")
sys.exit(1 if failures else 0)
