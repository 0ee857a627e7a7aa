#!/bin/sh
# The camera reader's figures (issue 13), from a release build:
#  - per-ROI accuracy of every model on every labelled crop group of
#    tests/fixtures/watermeter (and of meterd's own pointer model on the
#    crops it never trained on);
#  - time per ROI and per snapshot on ONE core (taskset -c 0), median and p95
#    of the thread's CPU time, so a busy machine does not inflate them.
# Goals: under 10 ms per ROI and 150 ms per snapshot.
set -eu
cd "$(dirname "$0")/.."
# vision/*.c is compiled with -O3 in every build type (CMakeLists.txt), so a
# debug build times the same pipeline code when the release build is broken.
B=build/release
if ! { cmake --preset release >/dev/null && cmake --build --preset release -j2 --target meterd bench_vision >/dev/null 2>&1; }; then
	echo "(release build failed; timing the debug build, whose vision code is -O3 too)"
	B=build/debug
	cmake --preset debug >/dev/null
	cmake --build --preset debug -j2 --target meterd bench_vision >/dev/null
fi
FIX=tests/fixtures/watermeter
one=""
command -v taskset >/dev/null 2>&1 && one="taskset -c 0"
echo "== time, one core ($B)"
$one $B/bench_vision $FIX data/models "${1:-50}"
echo
echo "== per-ROI accuracy (labels from the data sets' file names)"
METERD=$B/meterd FIXTURES=tests/fixtures SOURCE_DIR=. /usr/bin/python3 - <<'PY'
import hashlib, os, sys
sys.path.insert(0, "tests")
import vision_eval as ve
own = os.path.relpath("data/models/meterd-pointer-v1.tflite", os.path.join(ve.FIX, "models"))
rows = [("dig-class100-0182-s2_q.tflite", "digits-tenths"),
        ("dig-class100-s2_20251021-210540_q_neu.tflite", "digits-tenths"),
        ("dig1300s2q.tflite", "digits-class11"), ("dig1300s2.tflite", "digits-class11"),
        ("dig1300s2q.tflite", "digits-tenths"),
        ("ana0700s1lq.tflite", "analog"), ("ana0700s1.tflite", "analog"), (own, "analog")]
print(f"{'model':46} {'group':15} {'n':>5} {'exact':>7} {'+-0.1':>7} {'+-0.2':>7} {'mean err':>8} {'whole':>7}")
for m, g in rows:
    r = ve.score(m, g)
    w = "-" if r["whole"] is None else f"{r['whole']:.4f}"
    print(f"{os.path.basename(m):46} {g:15} {r['n']:5} {r['exact']:7.4f} {r['within_0.1']:7.4f} "
          f"{r['within_0.2']:7.4f} {r['mean_error']:8.4f} {w:>7}")
print("(class11 rows: 'exact' is the class accuracy incl. N; digits-tenths with class11 is a domain shift)")
held = [(f, l) for f, l in ve.labels("analog") if hashlib.sha1(os.path.basename(f).encode()).digest()[0] < 43]
for m in ("ana0700s1lq.tflite", "ana0700s1.tflite", own):
    res = ve.classify(m, [f for f, _ in held])
    e = [ve.circ(res[f]["value"], float(l)) for f, l in held]
    print(f"held-out analog ({len(held)} crops not used to train meterd-pointer-v1) {os.path.basename(m):28} "
          f"+-0.2 {sum(x <= 0.2 + 1e-9 for x in e) / len(e):.4f}  mean err {sum(e) / len(e):.4f}")
PY
