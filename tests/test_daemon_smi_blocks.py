"""
test_daemon_smi_blocks.py - two Tasmota scripts in one configuration (issue
11: a user retiring two ESPs keeps both scripts), one inline and one from a
file named relative to the configuration (meterd is started in another
directory, as systemd starts it in /). Two simulated eHZ meters push SML on
their own ptys; the SENSOR line carries both scripts' meters under their own
prefixes, each with a positive energy total (E_in, kWh, three decimals as the
scripts say).
"""
import os
import json
import select
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon_util import METERD, check, finish, mktemp, wait_until  # noqa: E402

tmp = mktemp()
procs = []
script = ">M 1\n+1,3,s,0,9600,%s\n1,77070100010800ff@1000,Energy,kWh,E_in,3\n#\n"
try:
    sim = subprocess.Popen([METERD, "sim", "ehz", "--pty", tmp + "/ttyHaus", "ehz", "--pty", tmp + "/ttyGarage"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    procs.append(sim)
    check(wait_until(10, lambda: os.path.exists(tmp + "/ttyGarage")), "two simulated eHZ meters")
    os.mkdir(os.path.join(tmp, "etc"))
    with open(os.path.join(tmp, "etc", "garage.tas"), "w") as f:
        f.write(script % "Garage")
    conf = os.path.join(tmp, "etc", "meterd.conf")
    with open(conf, "w") as f:
        f.write('teleperiod 1s\nsmi {\n    pin 3 "%s/ttyHaus"\n    script <<END\n%sEND\n}\n'
                'smi "garage.tas" {\n    pin 3 "%s/ttyGarage"\n}\n' % (tmp, script % "Haus", tmp))
    d = subprocess.Popen([os.path.abspath(METERD), "run", "-c", conf, "--print"], cwd="/",
                         stdout=subprocess.PIPE, stderr=open(os.path.join(tmp, "meterd.log"), "w"), text=True)
    procs.append(d)
    got = None
    end = time.monotonic() + 30
    while got is None and time.monotonic() < end:
        if not select.select([d.stdout], [], [], 1)[0]:
            continue
        line = d.stdout.readline()
        if not line:
            break
        s = json.loads(line)
        if "Haus" in s and "Garage" in s:
            got = s
    check(got is not None, "both scripts' meters in one SENSOR line")
    if got:
        for p in ("Haus", "Garage"):
            v = got[p].get("E_in")
            check(isinstance(v, (int, float)) and v > 0, "%s: E_in a positive total: %r" % (p, got[p]))
finally:
    for p in procs:
        if p.poll() is None:
            p.kill()
            p.wait()
finish(tmp)
