"""
test_mqtt_ingest.py - beyond one box: three publishers of the MQTT sink
(counting sources, each its own instance topic) feed one broker, and a
fourth, the real `meterd run` with a simulated meter of its own, ingests
them all with `ingest "tele/+/SENSOR"` - plus an AI-on-the-edge-device
water meter (topics published here as the device does). The fourth
republishes every ingested meter under its own topic with the values of
the publishers' model, the units learnt from their discovery configs (so
Home Assistant gets device_class energy / kWh), and a device that stops
goes silent (its availability Offline).
"""
import json
import os
import subprocess
import sys
import time
from decimal import Decimal

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon_util import METERD, Daemon, check, finish, mktemp, wait_until  # noqa: E402
from mqtt_util import Broker, Feed, Sub, feed_conf, publish, stop_proc, tick_of  # noqa: E402

tmp = mktemp()
procs = []
broker = sub = None
try:
    broker = Broker(tmp)
    sub = Sub(broker.port, ["tele/central/#", "homeassistant/#"])
    feeds = []
    for h in ("h1", "h2", "h3"):
        conf = feed_conf(tmp, ["broker 127.0.0.1:%d" % broker.port, "topic %s" % h,
                               'spool "%s/spool-%s.db"' % (tmp, h)], name=h + ".conf")
        f = Feed(tmp, conf, "--count", "100000", "--interval", "200", name=h)
        procs.append(f.p)
        feeds.append(f)

    sim = subprocess.Popen([METERD, "sim", "ehz", "--pty", tmp + "/ttyE"], stdout=subprocess.DEVNULL,
                           stderr=open(os.path.join(tmp, "sim.log"), "w"))
    procs.append(sim)
    check(wait_until(10, lambda: os.path.exists(tmp + "/ttyE")) is not None, "simulated meter")
    d = Daemon(tmp, """mqtt {
    broker 127.0.0.1:%d
    topic central
    spool "%s/spool-central.db"
    ingest "tele/+/SENSOR"
    ingest "watermeter/+/value" unit m3
    ingest "watermeter/+/json" unit m3
    ingest_silence 2s
}
meter elec {
    port "%s/ttyE"
    protocol sml
}
""" % (broker.port, tmp, tmp))
    procs.append(d.p)

    def central(meter):
        """Values of meter in the fourth's SENSOR messages: [(tick, values)]."""
        out = []
        for _, _, p in sub.topic("tele/central/SENSOR"):
            doc = json.loads(p, parse_float=Decimal)
            if meter in doc:
                out.append((tick_of(doc["Time"]), doc[meter]))
        return out

    check(wait_until(30, lambda: all(len(central(h + ".m1")) >= 3 for h in ("h1", "h2", "h3")))
          is not None, "the fourth republishes the three instances' meters (h1.m1, h2.m1, h3.m1)")
    check(wait_until(10, lambda: len(central("elec")) > 0) is not None,
          "and its own meter, read from the simulator")
    for h in ("h1", "h2", "h3"):
        for tick, vals in central(h + ".m1")[1:4]:
            check(vals.get("energy") == Decimal(tick) / 10 and vals.get("power") == Decimal(tick * 7 % 1000)
                  and vals.get("serial") == "E0044007131650618",
                  "%s.m1 at tick %d: the publisher's model (energy %s, power %s): %r"
                  % (h, tick, Decimal(tick) / 10, tick * 7 % 1000, vals))
        check(len(central(h + ".m2")) == 0, "%s has one meter, the fourth makes no other" % h)

    # Discovery of an ingested meter, with the unit learnt from the publisher's config
    def config_of(meter, value):
        for _, t, p in sub.msgs:
            if t.startswith("homeassistant/sensor/central/") and p:
                c = json.loads(p)
                if c["device"]["name"] == meter and c["name"] == value:
                    return c
        return None
    c = wait_until(10, lambda: config_of("h2.m1", "energy"))
    check(c is not None and c.get("device_class") == "energy" and c.get("unit_of_measurement") == "kWh"
          and c.get("state_class") == "total_increasing" and c["state_topic"] == "tele/central/h2.m1/energy",
          "the fourth announces h2.m1 energy to HA as energy/kWh/total_increasing: %r" % c)
    c = config_of("h1.m1", "water")
    check(c is not None and c.get("device_class") == "water" and c.get("unit_of_measurement") == "m³",
          "water learnt as m³ (water): %r" % c)

    # AI-on-the-edge-device: <main>/<number>/value and /json
    publish(broker.port, "watermeter/main/value", "123.4567")
    check(wait_until(10, lambda: sub.last("tele/central/watermeter/main") == "123.4567") is not None,
          "AI-on-the-edge value taken in as meter watermeter, value main")
    publish(broker.port, "watermeter/main/json",
            '{"value":"123.4581","raw":"00123.4581","pre":"123.4581","error":"no error",'
            '"rate":"0.0014","timestamp":"2026-12-01T10:00:00+0100"}')
    check(wait_until(10, lambda: sub.last("tele/central/watermeter/main") == "123.4581") is not None,
          "and its /json form")
    c = wait_until(10, lambda: config_of("watermeter", "main"))
    check(c is not None and c.get("device_class") == "water" and c.get("unit_of_measurement") == "m³" and
          c.get("state_class") == "total_increasing",
          "the water meter goes to HA as water/m³/total_increasing (Energy dashboard): %r" % c)

    # A device that stops goes silent
    check(sub.last("tele/central/h3.m1/LWT") == "Online", "h3.m1 is Online while it publishes")
    stop_proc(feeds[2].p)
    check(wait_until(15, lambda: sub.last("tele/central/h3.m1/LWT") == "Offline") is not None,
          "h3 stopped: the fourth says h3.m1 Offline (silent)")
    check(sub.last("tele/central/h1.m1/LWT") == "Online", "h1.m1 stays Online")
    check("ingested meter h3.m1 is silent" in d.log_text(), "and logs it")
    own = [t for _, t, _ in sub.msgs if t.startswith("tele/central/central.")]
    check(not own, "the fourth does not ingest its own SENSOR messages: %r" % own[:3])
    check(d.stop() == 0, "the fourth stops cleanly")
finally:
    for p in procs:
        stop_proc(p)
    for x in (sub, broker):
        if x is not None:
            x.stop()
finish(tmp)
