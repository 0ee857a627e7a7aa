"""
test_metrics.py - /metrics of the real daemon (http listener) on a simulated
SML meter, scraped and checked by Prometheus' own `promtool check metrics`,
and read for the meter's values and health counters.
"""
import os
import re
import subprocess
import sys
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon_util import METERD, Daemon, check, finish, mktemp, wait_until  # noqa: E402
from mqtt_util import free_port, stop_proc  # noqa: E402

tmp = mktemp()
procs = []
try:
    sim = subprocess.Popen([METERD, "sim", "ehz", "--pty", tmp + "/ttyE"], stdout=subprocess.DEVNULL,
                           stderr=open(os.path.join(tmp, "sim.log"), "w"))
    procs.append(sim)
    check(wait_until(10, lambda: os.path.exists(tmp + "/ttyE")) is not None, "simulated meter")
    port = free_port()
    d = Daemon(tmp, 'http {\n    listen 127.0.0.1:%d\n}\nmeter "strom" {\n    port "%s/ttyE"\n'
               '    protocol sml\n}\n' % (port, tmp))
    procs.append(d.p)

    def scrape():
        try:
            with urllib.request.urlopen("http://127.0.0.1:%d/metrics" % port, timeout=2) as r:
                text = r.read().decode()
                # the energy total comes once the counter guard has two agreeing readings
                return (r.headers.get("Content-Type"), text) if 'name="1-0:1.8.0*255"' in text else None
        except OSError:
            return None
    got = wait_until(30, scrape)
    check(got is not None, "/metrics answers with values")
    if got:
        ctype, text = got
        check(ctype.startswith("text/plain; version=0.0.4"), "exposition content type: %s" % ctype)
        p = subprocess.run(["promtool", "check", "metrics"], input=text, text=True,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        check(p.returncode == 0, "promtool check metrics passes (%s)" % (p.stdout + p.stderr).strip())
        check(re.search(r'^meterd_value\{meter="strom",name="1-0:1\.8\.0\*255",unit="k?Wh",'
                        r'quantity="energy"\} [0-9.]+$', text, re.M) is not None,
              "the energy total with its unit and quantity")
        m = re.search(r'^meterd_frames_ok_total\{meter="strom"\} (\d+)$', text, re.M)
        check(m is not None and int(m.group(1)) > 0, "the meter's good frames are counted")
        check(re.search(r'^meterd_meter_up\{meter="strom",protocol="sml"\} 1$', text, re.M) is not None,
              "and it is up")
        check(text.count("# TYPE meterd_value ") == 1, "one TYPE line per family")
    check(d.stop() == 0, "clean stop")
finally:
    for p in procs:
        stop_proc(p)
finish(tmp)
