"""
sinks_bench.py - figures for the publishing sinks (not a test; prints, asserts nothing).

  outage      readings produced vs delivered across a broker outage (MQTT,
              SENSOR series, QoS 1) and across an influxd outage, the source
              restarted once during each outage
  latency     telegram -> broker -> subscriber on loopback: this script is the
              meter (a TCP serial server sending a real SML telegram from
              tests/fixtures every 50 ms to `meterd run`) and reads the broker
              with mosquitto_sub, whose receive time (%U) is on the same clock;
              p50/p99 over the telegrams. Also the seam -> subscriber part alone
              (the counting source stamps each batch) and the daemon's own last
              byte -> values-stored figure (--status).
  throughput  1,000 meters publishing (SENSOR + one retained topic per value,
              QoS 1) through one broker: messages/s until all acknowledged
  cost        meterd run on 20 simulated SML meters (1 s push) for DURATION
              seconds with no sink and with mqtt + influx on: CPU ms per
              frame and RSS

usage: sinks_bench.py MODE METERD [DURATION]
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "tests"))
mode, meterd = sys.argv[1], os.path.abspath(sys.argv[2])
duration = float(sys.argv[3]) if len(sys.argv) > 3 else 30
os.environ["METERD"] = meterd
import mqtt_util  # noqa: E402
from mqtt_util import Broker as _Broker, Feed as _Feed, Sub, feed_conf, free_port, stop_proc, tick_of  # noqa: E402

mqtt_util.SEAMFEED = os.path.join(os.path.dirname(meterd), "seamfeed")
tmp = tempfile.mkdtemp(prefix="meterd-bench.")
procs = []
brokers = []
CLK = os.sysconf("SC_CLK_TCK")


def Feed(*a, **k):
    f = _Feed(*a, **k)
    procs.append(f.p)
    return f


def Broker(*a, **k):
    b = _Broker(*a, **k)
    brokers.append(b)
    return b


def wait_until(seconds, fn, step=0.05):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        v = fn()
        if v:
            return v
        time.sleep(step)
    return None


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100.0 * (len(xs) - 1))))]


def outage():
    broker = Broker(tmp, persistence=True)
    sub = Sub(broker.port, ["tele/bench/SENSOR"], client_id="bench-%d" % os.getpid(), persistent=True)
    time.sleep(0.5)
    state = os.path.join(tmp, "ticks")
    conf = feed_conf(tmp, ["broker 127.0.0.1:%d" % broker.port, "topic bench",
                           'spool "%s/spool.db"' % tmp])
    feed = Feed(tmp, conf, "--count", "1000000", "--interval", "20", "--state", state, name="o1")
    wait_until(20, lambda: feed.ticks() >= 50)
    broker.stop()
    t_down = time.monotonic()
    wait_until(30, lambda: feed.ticks() >= 300)
    feed.stop()
    last = feed.ticks()
    feed = Feed(tmp, conf, "--count", "300", "--interval", "20", "--state", state, "--linger", "60000",
                name="o2")
    wait_until(30, lambda: feed.ticks() >= last + 150)
    broker.start()
    down_s = time.monotonic() - t_down
    produced = last + 300

    def got():
        return [tick_of(json.loads(p)["Time"]) for _, _, p in sub.topic("tele/bench/SENSOR")]
    wait_until(120, lambda: produced in got())
    feed.stop()
    g = got()
    firsts = list(dict.fromkeys(g))
    in_order = firsts == sorted(firsts)
    print("mqtt outage: broker down %.1f s, source restarted once: produced %d, delivered %d "
          "distinct (%d messages, %d duplicates), in order: %s"
          % (down_s, produced, len(set(g)), len(g), len(g) - len(set(g)), in_order))
    sub.stop()
    broker.stop()

    # influxd
    port, rpc = free_port(), free_port()
    d = os.path.join(tmp, "influx")
    os.makedirs(d, exist_ok=True)
    iconf = os.path.join(d, "influxdb.conf")
    with open(iconf, "w") as f:
        f.write('reporting-enabled = false\nbind-address = "127.0.0.1:%d"\n[meta]\n  dir = "%s/meta"\n'
                '[data]\n  dir = "%s/data"\n  wal-dir = "%s/wal"\n  query-log-enabled = false\n'
                '[monitor]\n  store-enabled = false\n[http]\n  enabled = true\n'
                '  bind-address = "127.0.0.1:%d"\n  log-enabled = false\n' % (rpc, d, d, d, port))
    base = "http://127.0.0.1:%d" % port

    def influxd():
        p = subprocess.Popen(["influxd", "run", "-config", iconf], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        wait_until(20, lambda: ping(base))
        return p

    def query(q):
        data = urllib.parse.urlencode({"q": q, "db": "meterd", "epoch": "ms"}).encode()
        with urllib.request.urlopen(base + "/query", data=data, timeout=10) as r:
            return json.loads(r.read())

    def count():
        try:
            s = query("SELECT count(value) FROM meterd WHERE meter='m1' AND id='energy'")
            return s["results"][0]["series"][0]["values"][0][1]
        except (OSError, KeyError, IndexError):
            return 0
    ix = influxd()
    procs.append(ix)
    query("CREATE DATABASE meterd")
    conf = os.path.join(tmp, "influx.conf")
    with open(conf, "w") as f:
        f.write('influx {\n    url %s\n    db meterd\n    batch 200\n    flush 200ms\n'
                '    spool "%s/ispool.db"\n}\nmeter unused {\n    port "/dev/null"\n    protocol sml\n}\n'
                % (base, tmp))
    state = os.path.join(tmp, "iticks")
    feed = Feed(tmp, conf, "--count", "1000000", "--interval", "20", "--state", state, name="i1")
    wait_until(20, lambda: feed.ticks() >= 50)
    stop_proc(ix, 10)
    t_down = time.monotonic()
    wait_until(30, lambda: feed.ticks() >= 300)
    feed.stop()
    last = feed.ticks()
    feed = Feed(tmp, conf, "--count", "300", "--interval", "20", "--state", state, "--linger", "60000",
                name="i2")
    wait_until(30, lambda: feed.ticks() >= last + 150)
    ix = influxd()
    procs.append(ix)
    down_s = time.monotonic() - t_down
    produced = last + 300
    wait_until(120, lambda: count() >= produced)
    feed.stop()
    print("influx outage: influxd down %.1f s, source restarted once: produced %d energy points of "
          "m1 (x8 values each), stored %d" % (down_s, produced, count()))
    stop_proc(ix, 10)


def ping(base):
    try:
        return urllib.request.urlopen(base + "/ping", timeout=1).status == 204
    except OSError:
        return False


# The broker's own hop to the subscriber without Nagle, as meterd's client does.
NODELAY = "set_tcp_nodelay true\n"


def latency():
    broker = Broker(tmp, extra=NODELAY)
    p = subprocess.Popen(["mosquitto_sub", "-h", "127.0.0.1", "-p", str(broker.port), "-q", "1",
                          "-t", "tele/lat/SENSOR", "-F", "%U %p"], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL)
    procs.append(p)
    lats = []

    def read():
        for line in p.stdout:
            t, payload = line.decode().split(" ", 1)
            sent = json.loads(payload)["m1"]["t_us"]
            lats.append(float(t) * 1e6 - sent)
    threading.Thread(target=read, daemon=True).start()
    time.sleep(0.5)
    conf = feed_conf(tmp, ["broker 127.0.0.1:%d" % broker.port, "topic lat", 'spool "%s/lat.db"' % tmp])
    n = int(max(500, duration * 100))
    feed = Feed(tmp, conf, "--count", str(n), "--interval", "10", "--stamp", "--quiet", "--drain",
                name="lat")
    feed.wait(duration + 60)
    time.sleep(0.5)
    stop_proc(p)
    lats = lats[10:]  # the first few while the connection settles
    print("seam -> broker -> subscriber on loopback (QoS 1, %d SENSOR messages, 100/s): "
          "p50 %.0f us, p99 %.0f us, max %.0f us"
          % (len(lats), pct(lats, 50), pct(lats, 99), max(lats)))
    broker.stop()
    telegram_to_broker()
    # The telegram side: the daemon's own last byte -> stored latency, with mqtt on.
    broker = Broker(tmp)
    sim = subprocess.Popen([meterd, "sim", "-q", "ehz", "--pty", tmp + "/ttyL"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    procs.append(sim)
    wait_until(10, lambda: os.path.exists(tmp + "/ttyL"))
    cfile = os.path.join(tmp, "lat-run.conf")
    with open(cfile, "w") as f:
        f.write('teleperiod 2s\nmqtt {\n    broker 127.0.0.1:%d\n    topic latrun\n    spool "%s/lr.db"\n}\n'
                'meter e {\n    port "%s/ttyL"\n    protocol sml\n}\n' % (broker.port, tmp, tmp))
    st = os.path.join(tmp, "lat-status.json")
    d = subprocess.Popen([meterd, "run", "-q", "-c", cfile, "--status", st], stderr=subprocess.DEVNULL)
    procs.append(d)
    time.sleep(min(duration, 20))
    stop_proc(d)
    stop_proc(sim)
    with open(st) as f:
        s = json.load(f)
    lu = s.get("latency_us", {})
    print("telegram last byte -> values in the seam (meterd run, mqtt on, %s telegrams): p50 %s us, "
          "p99 %s us" % (lu.get("count"), lu.get("p50"), lu.get("p99")))
    broker.stop()


def sml_telegram():
    path = os.path.join(here, "..", "tests", "fixtures", "sml",
                        "libsml-testing__DZG_DVS-7412.2_jmberg.bin")
    data = open(path, "rb").read()
    start = data.index(b"\x1b\x1b\x1b\x1b\x01\x01\x01\x01")
    end = data.index(b"\x1b\x1b\x1b\x1b\x1a", start + 8) + 8
    return data[start:end]


def telegram_to_broker():
    import socket as so
    telegram = sml_telegram()
    srv = so.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(1)
    port = srv.getsockname()[1]
    broker = Broker(tmp, extra=NODELAY)
    p = subprocess.Popen(["mosquitto_sub", "-h", "127.0.0.1", "-p", str(broker.port), "-q", "1",
                          "-t", "tele/e2e/SENSOR", "-F", "%U"], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL)
    procs.append(p)
    arrivals = []
    threading.Thread(target=lambda: [arrivals.append(float(l)) for l in p.stdout], daemon=True).start()
    cfile = os.path.join(tmp, "e2e.conf")
    with open(cfile, "w") as f:
        f.write('mqtt {\n    broker 127.0.0.1:%d\n    topic e2e\n    spool "%s/e2e.db"\n}\n'
                'meter dzg {\n    port "tcp://127.0.0.1:%d"\n    protocol sml\n}\n'
                % (broker.port, tmp, port))
    d = subprocess.Popen([meterd, "run", "-q", "-c", cfile], stderr=subprocess.DEVNULL)
    procs.append(d)
    conn, _ = srv.accept()
    time.sleep(1.0)
    sent = []
    n = int(max(200, duration * 20))
    for _ in range(n):
        sent.append(time.time())
        conn.sendall(telegram)
        time.sleep(0.05)
    time.sleep(1.0)
    stop_proc(d)
    stop_proc(p)
    conn.close()
    srv.close()
    broker.stop()
    # Each telegram gives one SENSOR message (the first ones may wait for the counter guard).
    k = len(sent) - len(arrivals)
    lats = [(a - s) * 1e6 for s, a in zip(sent[k:], arrivals) if a > s]
    lats = lats[5:]
    print("telegram sent -> meterd (SML over TCP) -> broker -> subscriber on loopback (QoS 1, "
          "%d of %d telegrams): p50 %.0f us, p99 %.0f us, max %.0f us"
          % (len(lats), len(sent), pct(lats, 50), pct(lats, 99), max(lats)))


def throughput():
    broker = Broker(tmp)
    conf = feed_conf(tmp, ["broker 127.0.0.1:%d" % broker.port, "topic tp", 'spool "%s/tp.db"' % tmp,
                           "discovery off"])
    ticks = 10
    feed = Feed(tmp, conf, "--meters", "1000", "--count", str(ticks), "--interval", "100", "--quiet",
                "--drain", name="tp")
    feed.wait(300)
    feed.out.seek(0)
    use = [l for l in feed.out.read().splitlines() if l.startswith("usage")][0].split()
    st = feed.stats()
    el = int(use[2]) - 100  # the first tick comes after one interval
    sensor = st["delivered"]
    values = ticks * (1000 * 2 + 4)
    print("1,000 meters, %d ticks: %d SENSOR messages (QoS 1, acknowledged) + %d retained value "
          "messages in %d ms: %.0f messages/s; source CPU %s ms, RSS %s kB"
          % (ticks, sensor, values, el, (sensor + values) * 1000.0 / el, use[4], use[6]))
    broker.stop()


def cpu_seconds(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def cost():
    n = 20
    sim_out = open(os.path.join(tmp, "sim.out"), "w+")
    args = []
    for _ in range(n):
        args += ["ehz", "--tcp", "127.0.0.1:0"]
    sim = subprocess.Popen([meterd, "sim", "-q", *args], stdout=sim_out, stderr=subprocess.DEVNULL)
    procs.append(sim)

    def ports():
        sim_out.seek(0)
        ls = sim_out.read().splitlines()
        return ls if len(ls) >= n else None
    lines = wait_until(20, ports)
    import re
    tcp = [re.search(r"127\.0\.0\.1:(\d+)", l).group(1) for l in lines]
    broker = Broker(tmp)
    results = []
    for with_sinks in (False, True):
        conf = os.path.join(tmp, "cost%d.conf" % with_sinks)
        with open(conf, "w") as f:
            if with_sinks:
                f.write('mqtt {\n    broker 127.0.0.1:%d\n    topic cost\n    spool "%s/c.db"\n}\n'
                        'influx {\n    url http://127.0.0.1:%d\n    db x\n    spool "%s/c.db"\n}\n'
                        % (broker.port, tmp, free_port(), tmp))
            for i, p in enumerate(tcp):
                f.write('meter e%d {\n    port "tcp://127.0.0.1:%s"\n    protocol sml\n}\n' % (i, p))
        st = os.path.join(tmp, "cost-status.json")
        d = subprocess.Popen([meterd, "run", "-q", "-c", conf, "--status", st, "--teleperiod", "5"],
                             stderr=subprocess.DEVNULL)
        procs.append(d)
        time.sleep(3)
        c0, t0 = cpu_seconds(d.pid), time.monotonic()
        time.sleep(duration)
        c1, t1 = cpu_seconds(d.pid), time.monotonic()
        rss = rss_kb(d.pid)
        stop_proc(d)
        with open(st) as f:
            s = json.load(f)
        frames = sum(m.get("frames_ok", 0) for m in s["meters"].values())
        rate = frames / (t1 - t0 + 3)
        results.append((with_sinks, (c1 - c0) / (t1 - t0), rss, rate))
    for with_sinks, cpu, rss, rate in results:
        print("%-28s CPU %.2f %% of a core, %.3f ms per frame (%.1f frames/s), RSS %d kB"
              % ("mqtt + influx (spooling):" if with_sinks else "no sinks:", cpu * 100,
                 cpu * 1000 / rate if rate else 0, rate, rss))
    broker.stop()


try:
    {"outage": outage, "latency": latency, "throughput": throughput, "cost": cost}[mode]()
finally:
    for p in procs:
        stop_proc(p)
    for b in brokers:
        if b.p is not None and b.p.poll() is None:
            b.stop()
    shutil.rmtree(tmp, ignore_errors=True)
