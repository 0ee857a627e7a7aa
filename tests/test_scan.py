"""`meterd scan` against every simulator: on ptys (where a line has no settings and
the baud rate must be measured from the byte timing) and over raw TCP. Each scan
must name the meter's protocol, baud rate and framing (and bus address where there
is one) in a config block on stdout that `meterd run -n` accepts; an empty port must
give "no meter" and hints.

Pasted as they are, all blocks go into one file: their names are unique, and
`meterd run --print` on it - without any teleperiod, so 300 s - prints a first
SENSOR line with values of every meter long before that. Push meters' blocks
list what they sent as value lines, each with the value and unit as a comment;
the M-Bus block names its records as decode does (energy, volume ...)."""

import json
import os
import queue
import re
import subprocess
import sys
import tempfile
import threading

sys.path.insert(0, os.path.dirname(__file__))
from sim_helper import METERD, Sim, check

EXPECT = {  # link: (protocol, baud, framing, address)
    "q3d": ("d0", "9600", "7E1", None),
    "mt174": ("d0", "9600", "7E1", None),  # signs on at 300, reads out at 9600 (its "5")
    "ehz": ("sml", "9600", "8N1", None),
    "dsmr": ("dsmr", "115200", "8N1", None),
    "trovis": ("modbus", "19200", "8N1", "247"),
    "kmp": ("kmp", "1200", "8N2", None),
    "mbus": ("mbus", "2400", "8E1", "183"),
}


def parse_block(out):
    m = re.search(r"^meter (\S+) \{\n(.*?)^\}", out, re.S | re.M)
    check(m is not None, "no meter block in: %r" % out)
    kv = {}
    for line in m.group(2).splitlines():
        words = line.split()
        kv[words[0]] = words[1:]
    return kv


def main():
    sim = Sim("--seed", "11", "q3d", "--pty", "@q3d", "ehz", "--pty", "@ehz",
              "dsmr5", "--pty", "@dsmr", "trovis", "--pty", "@trovis",
              "mc403", "--pty", "@kmp", "mbusheat", "--pty", "@mbus", "mt174", "--pty", "@mt174",
              "q3d", "--tcp", "127.0.0.1:0", "mbusheat", "--tcp", "127.0.0.1:0")
    try:
        lines = sim.meter_lines(9)
        tcp = {l[0]: "tcp://" + l[2] for l in lines if l[1] == "tcp"}
        targets = {name: sim.path(name) for name in EXPECT}
        targets["tcp-q3d"] = tcp["q3d"]
        targets["tcp-mbus"] = tcp["mbusheat"]
        empty = Sim("trovis", "--pty", "@silent", "--fault", "silent")
        targets["silent"] = empty.path("silent")
        # The scans run side by side: each one's probes only ever see its own port.
        procs = {n: subprocess.Popen([METERD, "scan", p], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
                 for n, p in targets.items()}
        res = {n: (p.wait(50), p.stdout.read(), p.stderr.read()) for n, p in procs.items()}
        empty.cleanup()
        for name, (rc, out, err) in res.items():
            if name == "silent":
                check(rc == 1 and out == "" and "no meter found" in err,
                      "silent port: rc %s out %r" % (rc, out))
                continue
            check(rc == 0, "scan %s: rc %s\n%s" % (name, rc, err))
            kv = parse_block(out)
            proto, baud, framing, addr = EXPECT[name.replace("tcp-", "")]
            check(kv["protocol"] == [proto, baud, framing],
                  "scan %s: protocol %s, want %s %s %s\n%s" % (name, kv["protocol"], proto, baud,
                                                               framing, err))
            check(kv["port"][0] == '"%s"' % targets[name], "scan %s: port %s" % (name, kv["port"]))
            if addr:
                check(kv.get("address") == [addr], "scan %s: address %s" % (name, kv.get("address")))
            check("scan:" in err, "scan %s: no progress on stderr" % name)
            # The block is ready to paste: the daemon's configuration check takes it.
            with tempfile.NamedTemporaryFile("w", suffix=".conf") as conf:
                conf.write(out)
                conf.flush()
                r = subprocess.run([METERD, "run", "-n", "-c", conf.name], capture_output=True,
                                   text=True, timeout=20)
                check(r.returncode == 0, "scan %s: meterd run -n rejects the block: %s%s"
                      % (name, r.stdout, r.stderr))
        check(parse_block(res["trovis"][1]).get("profile") == ["samson-trovis-5573"],
              "TROVIS profile not recognised")
        check(parse_block(res["mt174"][1]).get("poll") is not None, "mode C meter without poll")
        check("hints:" in res["silent"][2], "no meter found: hints follow")
        ehz = res["ehz"][1]
        vl = re.findall(r'^    value "([^"]+)"[^#\n]*# (\S+) ?(\S*)$', ehz, re.M)
        check(any(i.startswith("1-0:1.8.0") and u.endswith("Wh") for i, _, u in vl),
              "SML block: the energy total as a value line with its value and unit: %r" % vl)
        mb = res["mbus"][1]
        check(re.search(r'^    value "[^"]+" as "energy\w*"', mb, re.M) is not None,
              "M-Bus block: records named as decode names them: %s" % mb)

        # Every block pasted into one file, unchanged.
        blocks = [res[n][1] for n in res if n != "silent" and res[n][0] == 0]
        names = [re.search(r"^meter (\S+) \{", b, re.M).group(1) for b in blocks]
        check(len(set(names)) == len(names), "block names are unique: %r" % names)
        with tempfile.NamedTemporaryFile("w", suffix=".conf", delete=False) as conf:
            conf.write("\n".join(blocks))
        d = subprocess.Popen([METERD, "run", "-c", conf.name, "--print"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
        lines = queue.Queue()
        threading.Thread(target=lambda: [lines.put(l) for l in d.stdout], daemon=True).start()
        try:
            first = json.loads(lines.get(timeout=40))
        except queue.Empty:
            first = None
        d.terminate()
        d.wait(10)
        os.unlink(conf.name)
        check(first is not None, "the pasted blocks print a first SENSOR line long before 300 s: %s"
              % d.stderr.read()[-2000:])
        if first:
            missing = [n for n in names if not first.get(n)]
            check(missing == [], "every pasted meter has values in the first line: missing %r in %r"
                  % (missing, first))
    finally:
        sim.cleanup()
    print("ok")


main()
