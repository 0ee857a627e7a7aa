"""Figures for bench/gateway.sh (prints, asserts nothing)."""
import logging
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

from pymodbus.client import ModbusSerialClient, ModbusTcpClient

logging.basicConfig(level=logging.CRITICAL)
METERD, N = sys.argv[1], int(sys.argv[2])
tmp = tempfile.mkdtemp(prefix="meterd-bench.")
link = tmp + "/ttyMB"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def cpu_ms(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000.0 / os.sysconf("SC_CLK_TCK")


def run_reads(client, n, addr=9, count=10):
    lat = []
    t0 = time.monotonic()
    for _ in range(n):
        a = time.monotonic()
        rr = client.read_holding_registers(addr, count, slave=247)
        if rr.isError():
            continue
        lat.append((time.monotonic() - a) * 1000)
    return n / (time.monotonic() - t0), lat


def pct(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(len(v) * p / 100))] if v else float("nan")


sim = subprocess.Popen([METERD, "sim", "--seed", "1", "trovis", "--pty", link],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
while not os.path.exists(link):
    time.sleep(0.05)
time.sleep(0.3)
# Byte times at 19200 8N1: request 8 + reply 25 bytes of 10 bits, plus t3.5 after each frame.
limit = 1.0 / ((8 + 25) * 10 / 19200.0 + 2 * 0.00175)
print("line limit for a 10-register read at 19200 8N1: %.1f transactions/s" % limit)

c = ModbusSerialClient(method="rtu", port=link, baudrate=19200, timeout=1)
c.connect()
rate, lat = run_reads(c, N)
c.close()
print("direct RTU (pymodbus on the pty):    %6.1f req/s  p50 %5.1f ms  p99 %5.1f ms" %
      (rate, pct(lat, 50), pct(lat, 99)))
direct_p50 = pct(lat, 50)

port = free_port()
conf = os.path.join(tmp, "meterd.conf")
status = os.path.join(tmp, "status.json")
with open(conf, "w") as f:
    f.write("""teleperiod 1s
meter heating {
    port "%s"
    protocol modbus 19200 8N1
    address 247
    profile samson-trovis-5573
    poll 1s
    value "Aussentemp_AF1"
    value "Vorlauftemp_VF1"
}
gateway {
    listen 127.0.0.1:%d
    port "%s"
}
""" % (link, port, link))
d = subprocess.Popen([METERD, "run", "-c", conf, "--status", status, "-q"])
time.sleep(2)
c = ModbusTcpClient("127.0.0.1", port=port, timeout=2)
c.connect()
cpu0 = cpu_ms(d.pid)
rate, lat = run_reads(c, N)
cpu1 = cpu_ms(d.pid)
c.close()
print("through the gateway, polling on:     %6.1f req/s  p50 %5.1f ms  p99 %5.1f ms  "
      "(added p50 %.1f ms)" % (rate, pct(lat, 50), pct(lat, 99), pct(lat, 50) - direct_p50))
print("meterd CPU per forwarded request:    %.3f ms (process CPU over %d requests, polling included)"
      % ((cpu1 - cpu0) / N, N))


def frames():
    import json
    try:
        with open(status) as f:
            return json.load(f)["meters"]["heating"]["frames_ok"]
    except (OSError, ValueError, KeyError):
        return 0


stop = time.monotonic() + 10
done = []


def hammer():
    cl = ModbusTcpClient("127.0.0.1", port=port, timeout=5)
    cl.connect()
    k = 0
    while time.monotonic() < stop:
        if not cl.read_holding_registers(0, 1, slave=247).isError():
            k += 1
    cl.close()
    done.append(k)


f0, t0 = frames(), time.monotonic()
ts = [threading.Thread(target=hammer) for _ in range(20)]
for t in ts:
    t.start()
for t in ts:
    t.join()
f1, t1 = frames(), time.monotonic()
print("20 clients for %.0f s: %d answers (%.1f/s); poll replies %d (%.2f per s, poll period 1 s, "
      "every reply counted)" % (t1 - t0, sum(done), sum(done) / (t1 - t0), f1 - f0, (f1 - f0) / (t1 - t0)))
d.terminate()
d.wait()
sim.terminate()
sim.wait()
