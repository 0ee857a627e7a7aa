"""
daemon_bench.py - figures for `meterd run` (not a test; prints, asserts nothing).

  seed   the seed's three serial meters (meterd sim q3d, trovis, mc403 on
         ptys) read through the seed script: resident memory (VmRSS, peak
         VmHWM) and CPU share of one core over DURATION seconds.
  scale  N simulated SML meters (meterd sim ehz, 2 s push period) on
         loopback TCP, one native meter block each, in one meterd process:
         CPU share, RSS, telegrams/s, and the latency from a telegram's
         last byte being read to its values being stored (p50/p99, from
         the daemon's own --status figures).

With SINKS=1 in the environment the daemon also runs the history store
and the web server (bench/history.sh compares both).

usage: daemon_bench.py MODE METERD [DURATION] [N]
"""
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

mode, meterd = sys.argv[1], sys.argv[2]
duration = float(sys.argv[3]) if len(sys.argv) > 3 else 60
count = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
here = os.path.dirname(os.path.abspath(__file__))
seed_script = os.path.join(here, "..", "data", "seed-script.tas")
tmp = tempfile.mkdtemp(prefix="meterd-bench.")
procs = []
CLK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK


def mem_kb(pid, key):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def start_sims(specs):
    """specs: list of argument lists for one meterd sim each; returns output lines."""
    outs = []
    for i, args in enumerate(specs):
        out = open(os.path.join(tmp, "sim%d.out" % i), "w+")
        procs.append(subprocess.Popen([meterd, "sim", "-q", *args], stdout=out,
                                      stderr=subprocess.DEVNULL))
        outs.append((out, args))
    lines = []
    for out, args in outs:
        want = sum(1 for a in args if a in ("--tcp", "--pty"))
        end = time.monotonic() + 20
        while time.monotonic() < end:
            out.seek(0)
            got = out.read().splitlines()
            if len(got) >= want:
                lines += got
                break
            time.sleep(0.05)
        else:
            sys.exit("meterd sim did not start")
    return lines


def status(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def frames(st):
    return sum(m["frames_ok"] for m in st["meters"].values()) if st else 0


try:
    if mode == "seed":
        start_sims([["q3d", "--pty", tmp + "/ttyQ3D", "trovis", "--pty", tmp + "/ttyTROVIS",
                     "mc403", "--pty", tmp + "/ttyMC403"]])
        conf = "teleperiod 10s\nsmi \"%s\" {\n" % seed_script
        for pin, link in ((12, "ttyQ3D"), (4, "ttyTROVIS"), (2, "ttyTROVIS"),
                          (14, "ttyMC403"), (13, "ttyMC403")):
            conf += '    pin %d "%s/%s"\n' % (pin, tmp, link)
        conf += "}\n"
        teleperiod = "10"
    else:
        per = 60
        specs = []
        for i in range(0, count, per):
            args = []
            for _ in range(min(per, count - i)):
                args += ["ehz", "--tcp", "127.0.0.1:0"]
            specs.append(args)
        lines = start_sims(specs)
        ports = [re.search(r"127\.0\.0\.1:(\d+)", l).group(1) for l in lines]
        conf = "teleperiod 10s\n"
        for i, port in enumerate(ports):
            conf += 'meter m%d {\n    port "tcp://127.0.0.1:%s"\n    protocol sml\n}\n' % (i, port)
        teleperiod = "10"
    sinks = os.environ.get("SINKS") == "1"
    if sinks:
        import socket
        sk = socket.socket()
        sk.bind(("127.0.0.1", 0))
        port = sk.getsockname()[1]
        sk.close()
        conf += 'history {\n    path "%s/history.db"\n}\nhttp {\n    listen 127.0.0.1:%d\n}\n' % (tmp, port)
    cpath = os.path.join(tmp, "meterd.conf")
    spath = os.path.join(tmp, "status.json")
    with open(cpath, "w") as f:
        f.write(conf)
    d = subprocess.Popen([meterd, "run", "-q", "-c", cpath, "--status", spath,
                          "--teleperiod", teleperiod],
                         stderr=open(os.path.join(tmp, "meterd.err"), "w"))
    procs.append(d)
    # SIGUSR1 (write the status file) only once its handler is installed
    def catches_usr1(pid):
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("SigCgt:"):
                    return int(line.split()[1], 16) & (1 << (signal.SIGUSR1 - 1))
        return False
    end = time.monotonic() + 20
    while time.monotonic() < end and not catches_usr1(d.pid):
        time.sleep(0.05)
    # warm up: every meter connected and read once
    end = time.monotonic() + 60
    while time.monotonic() < end:
        os.kill(d.pid, signal.SIGUSR1)
        st = status(spath)
        if st and all(m["frames_ok"] > 0 for m in st["meters"].values()):
            break
        time.sleep(0.5)
    os.kill(d.pid, signal.SIGUSR1)
    time.sleep(0.2)
    st0 = status(spath)
    c0, t0 = cpu_seconds(d.pid), time.monotonic()
    rss_max = 0
    while time.monotonic() - t0 < duration:
        time.sleep(1)
        rss_max = max(rss_max, mem_kb(d.pid, "VmRSS"))
    c1, t1 = cpu_seconds(d.pid), time.monotonic()
    os.kill(d.pid, signal.SIGUSR1)
    time.sleep(0.3)
    st1 = status(spath)
    meters = len(st1["meters"]) if st1 else 0
    print("meterd run, %s, history and web %s: %d meters, %.0f s" %
          (mode, "on" if sinks else "off", meters, t1 - t0))
    print("  CPU:          %.3f %% of one core" % (100 * (c1 - c0) / (t1 - t0)))
    print("  RSS:          %d kB now, %d kB max sampled, VmHWM %d kB" %
          (mem_kb(d.pid, "VmRSS"), rss_max, mem_kb(d.pid, "VmHWM")))
    print("  frames:       %.1f /s ok" % ((frames(st1) - frames(st0)) / (t1 - t0)))
    if frames(st1) > frames(st0):
        print("  CPU per frame: %.1f us" % (1e6 * (c1 - c0) / (frames(st1) - frames(st0))))
    if st1:
        lat = st1["latency_us"]
        print("  latency last byte -> values stored: p50 %s us, p99 %s us, max %s us (last %d samples)" %
              (lat.get("p50"), lat.get("p99"), lat.get("max"), min(lat["count"], 8192)))
        bad = sum(m["crc_errors"] + m["invalid"] + m["timeouts"] for m in st1["meters"].values())
        print("  crc errors + invalid + timeouts: %d" % bad)
finally:
    for p in reversed(procs):
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
    for p in procs:
        try:
            p.wait(10)
        except subprocess.TimeoutExpired:
            p.kill()
    if os.path.exists(os.path.join(tmp, "meterd.err")):
        sys.stderr.write(open(os.path.join(tmp, "meterd.err")).read())
    subprocess.run(["rm", "-rf", tmp])
