"""
test_json_utf8.py - meterd's JSON is valid UTF-8 whatever a meter sends
(issue 15): a D0 telegram whose identifier holds ill-formed UTF-8 - a UTF-16
surrogate (ED A0 80), an overlong form (E0 80 AF), a code point above
U+10FFFF (F4 90 80 80), a lead byte without its continuation (C3 28) - and
one well-formed "ä" comes out of `meterd decode` as strict UTF-8 JSON: each
ill-formed byte as \\u00XX (its Latin-1 reading, as jsonw.h says), the
well-formed character as itself. The expected text is computed here from
the bytes sent, not taken from meterd.
"""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon_util import METERD, check, finish, mktemp  # noqa: E402

tmp = mktemp()
parts = [b"A", b"\xed\xa0\x80", b"B", b"\xe0\x80\xaf", b"C", b"\xf4\x90\x80\x80", b"D", b"\xc3\x28", b"E",
         "\u00e4".encode()]
ident = b"".join(parts)
want = "".join(p.decode("utf-8") if p == "\u00e4".encode() else p.decode("latin-1") for p in parts)
frame = b"/XYZ5 Test\r\n\r\n0-0:96.1.0(" + ident + b")\r\n1-0:1.8.0(000123.456*kWh)\r\n!\r\n"
path = os.path.join(tmp, "bad.d0")
with open(path, "wb") as f:
    f.write(frame)
p = subprocess.run([METERD, "decode", "--protocol", "d0", path], capture_output=True, timeout=30)
check(p.returncode == 0, "decode exits 0: %r" % p.stderr)
try:
    text = p.stdout.decode("utf-8")  # strict: surrogates and overlongs raise
    ok = True
except UnicodeDecodeError as e:
    text, ok = "", False
    print(e, file=sys.stderr)
check(ok, "the output is well-formed UTF-8")
objs = [json.loads(l) for l in text.splitlines()] if ok else []
ids = [o for o in objs if o.get("id") == "0-0:96.1.0*255"]
check(len(ids) == 1 and ids[0].get("text") == want,
      "ill-formed bytes as their Latin-1 reading, 'ä' kept: %r" % (ids[0].get("text") if ids else None))
check(b"\\u00ed\\u00a0\\u0080" in p.stdout, "the surrogate's bytes are escaped one by one")
finish(tmp)
