"""
test_daemon_native.py - native meters (no Tasmota script) read from the
simulators of `meterd sim`: SML over raw TCP, DSMR on a pty with garbage
between telegrams, D0 at 7E1 with a value selection and parity faults, and
an SML meter behind ser2net with RFC 2217. Self-describing meters publish
every value by OBIS id; garbage and bad frames are counted, never published.
"""
import os
import re
import shutil
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon_util import METERD, Daemon, check, finish, mktemp, wait_until  # noqa: E402

tmp = mktemp()
procs = []


def start(args, **kw):
    p = subprocess.Popen(args, **kw)
    procs.append(p)
    return p


def stop_all():
    for p in procs:
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
            try:
                p.wait(5)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


try:
    simout = open(os.path.join(tmp, "sim.out"), "w+")
    sim = start([METERD, "sim", "--seed", "7",
                 "ehz", "--tcp", "127.0.0.1:0",
                 "dsmr5", "--pty", tmp + "/ttyP1", "--fault", "garbage:50",
                 "q3d", "--pty", tmp + "/ttyQ3D", "--fault", "crc:30",
                 "ehz", "--pty", tmp + "/ttyS2N",
                 "mc403", "--pty", tmp + "/ttyKMP"],
                stdout=simout, stderr=open(os.path.join(tmp, "sim.err"), "w"))

    def sim_ready():
        simout.seek(0)
        lines = simout.read().splitlines()
        return lines if len(lines) >= 5 else None
    lines = wait_until(10, sim_ready)
    check(lines is not None, "meterd sim started five meters")
    tcp_port = re.search(r"127\.0\.0\.1:(\d+)", lines[0]).group(1)

    # ser2net comes with scripts/deps.sh: without it this is a failure, not a skip.
    have_s2n = shutil.which("ser2net") is not None
    check(have_s2n, "ser2net is installed (scripts/deps.sh test)")
    s2n_port = 23000 + os.getpid() % 2000
    if have_s2n:
        with open(os.path.join(tmp, "s2n.yaml"), "w") as f:
            f.write("connection: &sml\n"
                    "  accepter: telnet(rfc2217),tcp,127.0.0.1,%d\n"
                    "  connector: serialdev,%s/ttyS2N,9600n81,local\n"
                    "  options:\n    kickolduser: true\n" % (s2n_port, tmp))
        start(["ser2net", "-n", "-d", "-c", os.path.join(tmp, "s2n.yaml"),
               "-P", os.path.join(tmp, "ser2net.pid")],
              stdout=subprocess.DEVNULL, stderr=open(os.path.join(tmp, "s2n.log"), "w"))

    conf = """teleperiod 1s
meter elec {
    port "tcp://127.0.0.1:%(tcp)s"
    protocol sml
}
meter p1 {
    port "%(t)s/ttyP1"
    protocol dsmr 115200 8N1
}
meter q3d {
    port "%(t)s/ttyQ3D"
    protocol d0 9600 7E1
    value "1-0:1.8.0" as "E_in"
    value "1-0:16.7.0" as "P"
}
meter heat {
    port "%(t)s/ttyKMP"
    protocol kmp 1200 8N2
    poll 2s
    profile kamstrup-multical-403
    value "heat_energy_E1"
    value "kmp:86" as "T_flow"
}
""" % {"tcp": tcp_port, "t": tmp}
    if have_s2n:
        conf += 'meter remote {\n    port "tcp://127.0.0.1:%d" rfc2217\n    protocol sml 9600 8N1\n}\n' % s2n_port
    d = Daemon(tmp, conf)
    procs.append(d.p)

    want = ["elec", "p1", "q3d", "heat"] + (["remote"] if have_s2n else [])
    s = d.sensor_until(30, lambda s: all(k in s for k in want))
    check(s is not None, "every native meter publishes within 30 s: %s" % want)
    if s:
        check("1-0:1.8.0*255" in s["elec"], "SML over raw TCP: every value, named by OBIS id")
        check(isinstance(s["elec"]["1-0:1.8.0*255"], (int, float)) and
              s["elec"]["1-0:1.8.0*255"] > 0, "SML energy total is a positive number")
        check(any(k.startswith("1-0:1.8.1") for k in s["p1"]), "DSMR on a pty: tariff 1 energy")
        check(any(k.startswith("0-1:24.2.1") for k in s["p1"]), "DSMR: the gas meter's M-Bus value")
        check(set(s["q3d"]) <= {"E_in", "P"} and "E_in" in s["q3d"],
              "D0 at 7E1 (parity bit on the pty): only the selected values, renamed")
        check(set(s["heat"]) == {"heat_energy_E1", "T_flow"},
              "polled KMP: the selected registers, named by the profile or renamed: %r" % s["heat"])
        if have_s2n:
            check("1-0:1.8.0*255" in s["remote"], "SML behind ser2net with RFC 2217")
    st = d.status_until(20, lambda st: st["meters"]["p1"]["garbage_bytes"] > 0 and
                        st["meters"]["q3d"]["crc_errors"] + st["meters"]["q3d"]["invalid"] > 0 and
                        st["meters"]["p1"]["frames_ok"] > 3)
    check(st is not None, "garbage on the DSMR line and bad D0 telegrams are counted")
    if st:
        check(st["meters"]["q3d"]["frames_ok"] > 0, "good D0 telegrams still read between bad ones")
        check(st["meters"]["elec"]["garbage_bytes"] < 64,
              "a clean line shows (almost) no garbage: %d" % st["meters"]["elec"]["garbage_bytes"])
        v = st["meters"]["elec"]["values"].get("1-0:1.8.0*255", {})
        check(v.get("unit") == "Wh" and v.get("value", 0) > 0 and abs(v.get("received", 0) - time.time()) < 60,
              "the value store keeps unit and receive time: %r" % v)
        check(st["latency_us"]["count"] > 0 and st["latency_us"]["p50"] > 0,
              "latency from last byte to values is measured")
    if have_s2n:
        check(wait_until(5, lambda: "RFC 2217 server set 9600 baud" in d.log_text()) is not None,
              "ser2net confirmed the RFC 2217 baud rate")
    rc = d.stop()
    check(rc == 0, "clean stop (status %r)" % rc)
finally:
    stop_all()
finish(tmp)
