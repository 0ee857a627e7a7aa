#!/usr/bin/env python3
"""mutate.py - plants the bugs of tests/mutations.txt one at a time and runs
the suite against each: a mutant the suite does not catch is a survivor.

Not part of CI (a full run takes an hour or more on two cores). Run it before
closing an issue that touches a layer, and add a line to the list for every
new module:

    scripts/mutate.py                     # every mutation, in a scratch copy
    scripts/mutate.py --layer guard       # one layer
    scripts/mutate.py --only 12,13        # some mutations by number
    scripts/mutate.py --rev main          # the committed tree of a revision
    scripts/mutate.py --list              # print the list and exit

Everything happens in a scratch copy (default /tmp/meterd-mutate-<pid>): the
working tree is never touched. The copy is built once with CMake, the suite
is run once unmutated (tests that fail there are left out and named), then
for each mutant: the fragment is replaced, the build is redone incrementally,
the tests of the mutant's layer run first and then the rest of the suite,
both stopping at the first failure, and the file is restored. A mutant that
does not compile is reported as such and not counted.

The list file: one mutation per line, fields separated by TABs:

    layer  file  fragment  replacement  description  [equivalent: why]

The fragment must occur exactly once in the file; \\t and \\n in the fragment
and the replacement stand for a tab and a newline. A sixth field starting
with "equivalent:" marks a mutant that no test can tell from the original,
with the reason: it is still run, but a survivor so marked is not counted
against the layer's score. Lines starting with # are comments.
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# The tests that look at each layer first: a mutant is usually caught there,
# and the rest of the suite only runs for the ones that are not.
LAYER_TESTS = {
    "core": r"test_(crc|d0|dsmr|sml|kmp|w?mbus|modbus|obis_reading|stream|golden|profile|mb_session|"
            r"mbus_session|mbplan|core_purity|decode_cli|esp8266)",
    "smi": r"test_(smi|daemon_guard)",
    "guard": r"test_(guard|daemon_guard|daemon_seed|readings)",
    "engine": r"test_(daemon|readings|guard)",
    "config": r"test_(config|daemon_config|daemon)",
    "platform": r"test_(ev|platform|daemon_notify|daemon_native|scan|sim)",
    "sinks": r"test_(history|http|mqtt|influx|prometheus|metrics|ha_discovery|spool|healthlog|"
             r"json_utf8|web|daemon_statusfile|daemon)",
}


def unescape(s):
    return s.replace("\\t", "\t").replace("\\n", "\n")


class Mutation:
    def __init__(self, num, lineno, fields):
        self.num = num
        self.lineno = lineno
        self.layer, self.file, find, repl, self.why = fields[:5]
        self.find, self.repl = unescape(find), unescape(repl)
        self.equivalent = ""
        if len(fields) > 5 and fields[5].startswith("equivalent:"):
            self.equivalent = fields[5][len("equivalent:"):].strip()


def load(path):
    muts = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) < 5:
                sys.exit("%s:%d: want 5 TAB-separated fields, got %d" % (path, lineno, len(fields)))
            muts.append(Mutation(len(muts) + 1, lineno, fields))
    return muts


def check_list(muts, src, listpath):
    """Names the mutations that cannot be planted; returns them."""
    bad = []
    for m in muts:
        if m.layer not in LAYER_TESTS:
            print("%s:%d: unknown layer %r" % (listpath, m.lineno, m.layer))
            bad.append(m)
            continue
        p = os.path.join(src, m.file)
        if not os.path.exists(p):
            if m.layer == "sinks":
                continue  # sinks land later; checked when they exist
            print("%s:%d: no file %s" % (listpath, m.lineno, m.file))
            bad.append(m)
            continue
        with open(p, encoding="utf-8") as f:
            n = f.read().count(m.find)
        if n != 1:
            print("%s:%d: fragment found %d times in %s: %r" % (listpath, m.lineno, n, m.file, m.find))
            bad.append(m)
    return bad


def copy_tree(args, dest):
    if args.rev:
        arch = subprocess.run(["git", "-C", ROOT, "archive", args.rev], check=True,
                              capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", dest], input=arch, check=True)
        return
    files = subprocess.run(["git", "-C", ROOT, "ls-files", "-co", "--exclude-standard", "-z"],
                           check=True, capture_output=True).stdout.split(b"\0")
    for rel in files:
        if not rel:
            continue
        rel = rel.decode()
        s, d = os.path.join(ROOT, rel), os.path.join(dest, rel)
        if not os.path.isfile(s):
            continue
        os.makedirs(os.path.dirname(d), exist_ok=True)
        shutil.copy2(s, d)


def run(cmd, cwd, timeout, log):
    """Runs cmd in its own process group; returns (rc, output); rc None on timeout."""
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         start_new_session=True, text=True, errors="replace")
    try:
        out, _ = p.communicate(timeout=timeout)
        rc = p.returncode
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        out, _ = p.communicate()
        rc = None
    if log:
        log.write("$ %s\n%s\n" % (" ".join(cmd), out))
        log.flush()
    return rc, out


def build(work, jobs, log):
    rc, out = run(["cmake", "--build", os.path.join(work, "build", "debug"), "-j%d" % jobs], work, 1800, log)
    return rc == 0, out


def ctest(work, jobs, include, exclude, timeout, log, stop=True):
    cmd = ["ctest", "--test-dir", os.path.join(work, "build", "debug"), "-j%d" % jobs, "--output-on-failure"]
    if stop:
        cmd.append("--stop-on-failure")
    if include:
        cmd += ["-R", include]
    if exclude:
        cmd += ["-E", exclude]
    rc, out = run(cmd, work, timeout, log)
    failed = re.findall(r"\d+ - (\S+) \((?:Failed|Timeout|SEGFAULT|Subprocess aborted|"
                        r"Child aborted|Exception|[^)]*)\)", out)
    if rc is None:
        return "timeout", ["(the suite ran past %d s)" % timeout]
    if "No tests were found" in out:
        return "none", []
    return ("fail" if rc != 0 else "pass"), failed


def confirmed(stage, work, jobs, timeout, log, flaky):
    """Runs stage() (a ctest run stopping at the first failure). A test that
    fails once under load is not a kill: the failed tests run again and must
    fail again. A flaky one is recorded and the stage is run once more."""
    status, by = stage()
    if status != "fail" or not by:
        return status, by
    again, by2 = ctest(work, jobs, alt(by), "", timeout, log, stop=False)
    if again != "pass":
        return again, by2 or by
    flaky.update(by)
    return stage()


def alt(names):
    return "^(" + "|".join(re.escape(n) for n in names) + ")$" if names else ""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--list-file", default=os.path.join(ROOT, "tests", "mutations.txt"))
    ap.add_argument("--layer", action="append", help="only these layers")
    ap.add_argument("--only", help="only these mutation numbers (1,2,5-9)")
    ap.add_argument("--rev", help="mutate this revision's committed tree (default: the working tree)")
    ap.add_argument("--work", help="scratch directory (default: a new one in /tmp)")
    ap.add_argument("--keep", action="store_true", help="keep the scratch directory")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=int, default=900, help="seconds per suite run")
    ap.add_argument("--quick", action="store_true", help="run only the layer's tests")
    ap.add_argument("--list", action="store_true", help="print the mutations and exit")
    ap.add_argument("--check", action="store_true",
                    help="check that every fragment occurs once in the working tree and exit")
    args = ap.parse_args()

    muts = load(args.list_file)
    if args.list:
        for m in muts:
            print("%3d %-8s %-28s %s%s" % (m.num, m.layer, m.file, m.why,
                                            " [equivalent]" if m.equivalent else ""))
        return 0
    if args.check:
        return 1 if check_list(muts, ROOT, args.list_file) else 0
    sel = set()
    if args.only:
        for part in args.only.split(","):
            a, _, b = part.partition("-")
            sel.update(range(int(a), int(b or a) + 1))
    chosen = [m for m in muts if (not args.layer or m.layer in args.layer) and (not sel or m.num in sel)]

    work = args.work or tempfile.mkdtemp(prefix="meterd-mutate-")
    os.makedirs(work, exist_ok=True)
    log = open(os.path.join(work, "mutate.log"), "w")
    print("scratch copy: %s (log: %s/mutate.log)" % (work, work), flush=True)
    try:
        copy_tree(args, work)
        # A stale line (the code moved on) is named and left out, not fatal.
        stale = check_list(chosen, work, args.list_file)
        chosen = [m for m in chosen if m not in stale and os.path.exists(os.path.join(work, m.file))]
        t0 = time.monotonic()
        # The debug preset, as developers build (it points the data directory at
        # the source tree); build/debug inside the scratch copy.
        rc, out = run(["cmake", "--preset", "debug"], work, 600, log)
        ok, out = build(work, args.jobs, log)
        if rc != 0 or not ok:
            print("the unmutated copy does not build:\n" + out[-3000:])
            return 2
        status, failed = ctest(work, args.jobs, "", "", args.timeout * 2, log, stop=False)
        broken = alt(failed)
        print("baseline: built and tested in %.0f s; %s" %
              (time.monotonic() - t0, "failing (left out): " + " ".join(failed) if failed else "all tests pass"),
              flush=True)

        results = []
        flaky = set()
        for m in chosen:
            path = os.path.join(work, m.file)
            with open(path, encoding="utf-8") as f:
                orig = f.read()
            t1 = time.monotonic()
            with open(path, "w", encoding="utf-8") as f:
                f.write(orig.replace(m.find, m.repl, 1))
            try:
                ok, out = build(work, args.jobs, log)
                if not ok:
                    verdict, by = "stillborn", [l for l in out.splitlines() if "error" in l][:1]
                else:
                    first = LAYER_TESTS[m.layer]
                    status, by = confirmed(lambda: ctest(work, args.jobs, first, broken, args.timeout, log),
                                           work, args.jobs, args.timeout, log, flaky)
                    if status in ("pass", "none") and not args.quick:
                        excl = "|".join(x for x in (broken, first) if x)
                        status, by = confirmed(lambda: ctest(work, args.jobs, "", excl, args.timeout, log),
                                               work, args.jobs, args.timeout, log, flaky)
                    verdict = "killed" if status in ("fail", "timeout") else "survived"
            finally:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(orig)
            results.append((m, verdict, by))
            print("%3d %-8s %-9s %4.0fs  %s%s" % (m.num, m.layer, verdict, time.monotonic() - t1, m.why,
                                                  ("  <- " + " ".join(by[:3])) if by else ""), flush=True)

        print("\nscore per layer (equivalent mutants left out of the score):")
        for layer in LAYER_TESTS:
            rs = [r for r in results if r[0].layer == layer]
            if not rs:
                continue
            k = sum(1 for r in rs if r[1] == "killed")
            eq = sum(1 for r in rs if r[1] == "survived" and r[0].equivalent)
            sb = sum(1 for r in rs if r[1] == "stillborn")
            n = len(rs) - eq - sb
            print("  %-8s %3d / %-3d killed  %5.1f %%%s%s" %
                  (layer, k, n, 100.0 * k / n if n else 100.0,
                   "  (%d equivalent)" % eq if eq else "", "  (%d do not compile)" % sb if sb else ""))
        if flaky:
            print("\nflaky (failed once, passed when run again): " + " ".join(sorted(flaky)))
        surv = [r for r in results if r[1] == "survived"]
        if surv:
            print("\nsurvivors:")
            for m, _, _ in surv:
                print("  %3d %-8s %s: %s%s" % (m.num, m.layer, m.file, m.why,
                                               "\n               equivalent: " + m.equivalent if m.equivalent else ""))
        return 1 if any(not m.equivalent for m, _, _ in surv) else 0
    finally:
        log.close()
        if not args.keep and not args.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
