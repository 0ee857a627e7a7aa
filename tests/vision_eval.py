"""Per-ROI accuracy of a model on a labelled crop group (shared by
tests/test_vision_accuracy.py and bench/vision.sh).

Labels come from the fixture's labels.csv (the file names of the source
data sets), never from meterd. Values are compared on the dial's circle, so
9.9 and 0.0 are 0.1 apart."""
import csv
import json
import os
import subprocess

FIX = os.path.join(os.environ.get("FIXTURES", os.path.join(os.path.dirname(__file__), "fixtures")),
                   "watermeter")
METERD = os.environ.get("METERD", "build/debug/meterd")


def labels(group):
    with open(os.path.join(FIX, group, "labels.csv")) as f:
        return [(os.path.join(FIX, r["file"]), r["label"]) for r in csv.DictReader(f)]


def classify(model, files, chunk=400, outputs=False):
    """{file: json line} from `meterd vision classify`."""
    out = {}
    for i in range(0, len(files), chunk):
        cmd = [METERD, "vision", "classify", "--model", os.path.join(FIX, "models", model)]
        if outputs:
            cmd.append("--outputs")
        p = subprocess.run(cmd + files[i:i + chunk], capture_output=True, text=True, timeout=300)
        if p.returncode not in (0, 1):
            raise RuntimeError(p.stderr)
        for line in p.stdout.splitlines():
            o = json.loads(line)
            out[o["file"]] = o
    return out


def circ(a, b):
    d = abs(a - b) % 10
    return min(d, 10 - d)


def score(model, group, res=None):
    """Figures for one model on one group (dict); res: classify() results
    already at hand (the "results" entry of the returned dict)."""
    items = labels(group)
    if res is None:
        res = classify(model, [f for f, _ in items])
    n = len(items)
    exact = within1 = within2 = whole_n = whole_ok = 0
    err_sum = 0.0
    for f, lab in items:
        o = res[f]
        if o.get("error"):
            continue
        if lab == "NaN":    # class11: a wheel between two digits
            exact += o["nan"]
            continue
        y = float(lab)
        if o["nan"]:
            continue
        v = o["value"]
        e = circ(v, y)
        err_sum += e
        exact += e < 0.05
        within1 += e <= 0.1 + 1e-9
        within2 += e <= 0.2 + 1e-9
        if y == int(y):
            whole_n += 1
            whole_ok += round(v) % 10 == int(y)
    return {"model": model, "group": group, "n": n, "exact": exact / n, "within_0.1": within1 / n,
            "within_0.2": within2 / n, "mean_error": err_sum / n,
            "whole": whole_ok / whole_n if whole_n else None, "results": res}
