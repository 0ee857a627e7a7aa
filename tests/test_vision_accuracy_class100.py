#!/usr/bin/env python3
"""Per-ROI accuracy of the newest dig-class100 model (20251021, same
architecture as 0182) on every labelled digit crop; threshold just below
the figure measured when this test was written (within 0.1: 0.9904, whole
digit on settled wheels: 1.0). Split from test_vision_accuracy_digits.py to
keep each test short under the sanitizers."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vision_eval as ve  # noqa: E402

r = ve.score("dig-class100-s2_20251021-210540_q_neu.tflite", "digits-tenths")
ok = r["within_0.1"] >= 0.988 and r["whole"] >= 0.998
print(("ok   " if ok else "FAIL ") + "dig-class100-20251021 on digits-tenths: " +
      ", ".join(f"{k} {v:.4f}" for k, v in r.items() if isinstance(v, float)))
sys.exit(0 if ok else 1)
