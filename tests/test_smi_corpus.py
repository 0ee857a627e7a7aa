#!/usr/bin/python3
"""All 130 Tasmota documentation scripts through `meterd check`.

Every script listed in tests/fixtures/smi-scripts/SOURCES.md must compile
without errors, except the ones SOURCES.md marks as broken in Tasmota
itself; those must fail (or warn) exactly at the place the note names.
The table below turns each SOURCES.md note into the diagnostic expected
(line, column or None for "any column", severity, words of the message).
"""
import os
import re
import subprocess
import sys

FIX = os.path.join(os.environ["FIXTURES"], "smi-scripts")
METERD = os.environ["METERD"]

# file prefix -> (expected exit status, [(line, col, severity, substring)])
NOTED = {
    # TX list with optional parts in [square brackets]: not hex, Tasmota would
    # send zeros. The first '[' is column 58 of line 2.
    "003": (1, [(2, 58, "error", "not a hex digit")]),
    # Indented script: Tasmota ignores every line, so it has no >M at all.
    "007": (1, [(4, 5, "error", "indented")]),
    "008": (1, [(4, 5, "error", "indented")]),
    # TX pin but no period (the period is written in >F): nothing is sent.
    "054": (0, [(32, None, "warning", "TX pin without a period")]),
    # Unit field a single '%': broken by SML_REPLACE_VARS; meterd keeps it.
    "059": (0, [(26, 25, "warning", "lone '%'")]),
    "119": (0, [(14, 34, "warning", "lone '%'")]),
    # TX list ends with ',': the first value line becomes requests.
    "082": (1, [(7, 1, "warning", "read as more requests"),
                (7, 11, "error", "not a hex digit")]),
    # =so4 key placeholders.
    "090": (0, [(15, 8, "warning", "32 hex digits"), (35, 8, "warning", "32 hex digits")]),
    # Descriptive note only (two counters and an SML meter): compiles.
    "015": (0, []),
    # Need %r% / %ms% substitution from >D: must compile.
    "102": (0, []),
    "103": (0, []),
    "108": (0, []),
    "116": (0, [(9, 8, "warning", "32 hex digits")]),
    # Two disabled >xM sections after the active one.
    "110": (0, []),
}

DIAG = re.compile(r"^(.*?):(\d+):(\d+): (error|warning|note): (.*)$")


def sources_files():
    names = []
    with open(os.path.join(FIX, "SOURCES.md"), encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^\| `(\d{3}-[^`]+\.tas)` \|.*\|([^|]*)\|\s*$", line)
            if m:
                names.append((m.group(1), m.group(2).strip()))
    return names


def main():
    failures = []
    files = sources_files()
    if len(files) != 130:
        failures.append("SOURCES.md lists %d scripts, expected 130" % len(files))
    noted_in_sources = {name[:3] for name, note in files if note}
    # Every script SOURCES.md annotates must have an expectation here.
    for key in sorted(noted_in_sources):
        if key not in NOTED:
            failures.append("%s has a SOURCES.md note but no expectation in this test" % key)
    for name, note in files:
        path = os.path.join(FIX, name)
        p = subprocess.run([METERD, "check", path], capture_output=True, text=True)
        diags = []
        for line in p.stdout.splitlines():
            m = DIAG.match(line)
            if m:
                diags.append((int(m.group(2)), int(m.group(3)), m.group(4), m.group(5)))
        if p.returncode not in (0, 1) or "Sanitizer" in p.stderr:
            failures.append("%s: crashed or bad exit %d: %s" % (name, p.returncode, p.stderr[-400:]))
            continue
        want_rc, want = NOTED.get(name[:3], (0, []))
        if p.returncode != want_rc:
            failures.append("%s: exit %d, expected %d\n%s" % (name, p.returncode, want_rc, p.stdout))
        for (wl, wc, ws, wtext) in want:
            if not any(d[0] == wl and (wc is None or d[1] == wc) and d[2] == ws and wtext in d[3]
                       for d in diags):
                failures.append("%s: missing %s at %s:%s containing %r\n%s" %
                                (name, ws, wl, wc, wtext, p.stdout))
        # Errors only where expected: any other error is a failure.
        for d in diags:
            if d[2] == "error" and not any(d[0] == w[0] and w[2] == "error" for w in want):
                failures.append("%s: unexpected error %s" % (name, d))
        # Every diagnostic names a real position.
        for d in diags:
            if d[0] < 1 or d[1] < 1:
                failures.append("%s: bad position %s" % (name, d))
        if p.returncode == 0 and "0 meters" in p.stdout:
            failures.append("%s: compiled but found no meter" % name)
    # --lenient reads the indented Lepus scripts completely.
    for key in ("007", "008"):
        name = [n for n, _ in files if n.startswith(key)][0]
        p = subprocess.run([METERD, "check", "--lenient", os.path.join(FIX, name)],
                           capture_output=True, text=True)
        if p.returncode != 0 or " 1 meters, 21 entries" not in p.stdout:
            failures.append("%s --lenient: %d\n%s" % (name, p.returncode, p.stdout))
    for f in failures:
        print(f, file=sys.stderr)
    print("%d scripts checked, %d failures" % (len(files), len(failures)), file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
