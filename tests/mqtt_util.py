"""
mqtt_util.py - shared by tests/test_mqtt_*.py (not a test itself): a real
mosquitto on a free loopback port in the test's temp dir, mosquitto_sub
collecting what arrives, and seamfeed (tests/seamfeed.c), the counting
source whose readings the tests compute themselves.
"""
import calendar
import os
import signal
import socket
import subprocess
import threading
import time
from decimal import Decimal

METERD = os.environ.get("METERD", "build/debug/meterd")
SEAMFEED = os.path.join(os.path.dirname(METERD), "seamfeed")
FEED_T0 = 1800000000
ENV = dict(os.environ, TZ="UTC")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def stop_proc(p, grace=5):
    if p is None or p.poll() is not None:
        return p.returncode if p is not None else None
    p.send_signal(signal.SIGTERM)
    try:
        return p.wait(grace)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
        return None


class Broker:
    """mosquitto on 127.0.0.1:port; persistence keeps sessions across a restart."""

    def __init__(self, tmp, port=None, persistence=False, extra=""):
        self.tmp = tmp
        self.port = port or free_port()
        self.conf = os.path.join(tmp, "mosquitto-%d.conf" % self.port)
        data = os.path.join(tmp, "mqdata-%d" % self.port)
        os.makedirs(data, exist_ok=True)
        with open(self.conf, "w") as f:
            f.write("listener %d 127.0.0.1\n" % self.port)
            f.write("log_dest stderr\nlog_type all\n")
            if os.getuid() == 0:
                # as root, mosquitto drops to user mosquitto and then cannot read or
                # write the test's private temp dir
                f.write("user root\n")
            if persistence:
                f.write("persistence true\npersistence_location %s/\n" % data)
            else:
                f.write("persistence false\n")
            if "allow_anonymous" not in extra:
                f.write("allow_anonymous true\n")
            f.write(extra)
        self.p = None
        self.start()

    def start(self):
        self.log = open(os.path.join(self.tmp, "mosquitto-%d.log" % self.port), "a")
        self.p = subprocess.Popen(["/usr/sbin/mosquitto", "-c", self.conf],
                                  stdout=self.log, stderr=self.log)
        end = time.monotonic() + 10
        while time.monotonic() < end:
            if self.p.poll() is not None:
                raise RuntimeError("mosquitto exited (port %d in use?)" % self.port)
            try:
                socket.create_connection(("127.0.0.1", self.port), 0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("mosquitto did not come up")

    def stop(self):
        stop_proc(self.p)
        self.log.close()


class Sub:
    """mosquitto_sub on topic filters; .msgs is a list of (retained, topic, payload)."""

    def __init__(self, port, topics, client_id=None, persistent=False, qos=1):
        args = ["mosquitto_sub", "-h", "127.0.0.1", "-p", str(port), "-q", str(qos),
                "-F", "%r\t%t\t%p"]
        if client_id:
            args += ["-i", client_id]
        if persistent:
            args += ["-c"]
        for t in topics:
            args += ["-t", t]
        self.msgs = []
        self.lock = threading.Lock()
        self.p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.t = threading.Thread(target=self._read, daemon=True)
        self.t.start()

    def _read(self):
        for line in self.p.stdout:
            parts = line.decode("utf-8", "replace").rstrip("\n").split("\t", 2)
            if len(parts) == 3:
                with self.lock:
                    self.msgs.append((parts[0] == "1", parts[1], parts[2]))

    def topic(self, t):
        with self.lock:
            return [m for m in self.msgs if m[1] == t]

    def last(self, t):
        got = self.topic(t)
        return got[-1][2] if got else None

    def stop(self):
        stop_proc(self.p)


def retained(port, topic_filter, seconds=2):
    """Retained messages under topic_filter now: {topic: payload} (what a new client gets)."""
    p = subprocess.run(["mosquitto_sub", "-h", "127.0.0.1", "-p", str(port), "-t", topic_filter,
                        "-F", "%r\t%t\t%p", "-W", str(seconds)],
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out = {}
    for line in p.stdout.decode("utf-8", "replace").splitlines():
        parts = line.split("\t", 2)
        if len(parts) == 3 and parts[0] == "1":
            out[parts[1]] = parts[2]
    return out


def publish(port, topic, payload, retain=False):
    args = ["mosquitto_pub", "-h", "127.0.0.1", "-p", str(port), "-t", topic, "-m", payload, "-q", "1"]
    if retain:
        args.append("-r")
    subprocess.run(args, check=True)


class Feed:
    """seamfeed -c conf ...: prints "tick N" per tick."""

    def __init__(self, tmp, conf, *args, name="feed"):
        self.out = open(os.path.join(tmp, name + ".out"), "w+")
        self.err = open(os.path.join(tmp, name + ".log"), "a")
        self.p = subprocess.Popen([SEAMFEED, "-c", conf, *args], stdout=self.out,
                                  stderr=self.err, env=ENV)

    def ticks(self):
        self.out.seek(0)
        t = [int(l.split()[1]) for l in self.out.read().splitlines() if l.startswith("tick ")]
        return t[-1] if t else 0

    def stats(self):
        self.out.seek(0)
        for l in self.out.read().splitlines():
            if l.startswith("stats "):
                w = l.split()
                return {w[i]: int(w[i + 1]) for i in range(1, len(w) - 1, 2)}
        return None

    def wait(self, seconds=30):
        try:
            return self.p.wait(seconds)
        except subprocess.TimeoutExpired:
            return None

    def stop(self):
        return stop_proc(self.p)


def tick_time(i):
    """Tasmota's SENSOR Time of tick i (the meter's own time; TZ=UTC)."""
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(FEED_T0 + i))


def tick_of(time_str):
    return calendar.timegm(time.strptime(time_str, "%Y-%m-%dT%H:%M:%S")) - FEED_T0


def m1_values(i):
    """What seamfeed's meter m1 reads at tick i, in publication order (its model, not its output)."""
    return [("energy", Decimal(i) / 10), ("power", Decimal(i * 7 % 1000)),
            ("water", Decimal(i) / 1000), ("flow_temperature", Decimal(i % 90) / 10),
            ("voltage", Decimal(230)), ("serial", "E0044007131650618")]


def feed_conf(tmp, mqtt_lines, name="feed.conf"):
    """A config with an mqtt block (the meter block only satisfies the checker: seamfeed
    starts no engine)."""
    path = os.path.join(tmp, name)
    with open(path, "w") as f:
        f.write("mqtt {\n%s\n}\nmeter unused {\n    port \"/dev/null\"\n    protocol sml\n}\n"
                % "\n".join("    " + l for l in mqtt_lines))
    return path
