"""
test_mqtt_publish.py - the MQTT sink against a real mosquitto: Tasmota's
SENSOR shape and the per-value retained topics, values as the counting
source's model says (not as meterd printed them); Home Assistant discovery
checked field by field against what HA requires (the Energy dashboard's
device_class/state_class/unit for energy and water, a text sensor without a
unit); the daemon's will and each meter's availability following its health;
discovery sent again when HA announces itself; a meter that leaves has its
retained topics emptied.
"""
import json
import os
import sys
import time
from decimal import Decimal

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon_util import check, finish, mktemp, wait_until  # noqa: E402
from mqtt_util import (Broker, Feed, Sub, feed_conf, m1_values, publish, retained,  # noqa: E402
                       tick_time)

# What Home Assistant accepts (developers.home-assistant.io, sensor entity and the Energy
# dashboard's requirements): device class -> (state classes, units).
HA_RULES = {
    "energy": ({"total", "total_increasing"}, {"Wh", "kWh", "MWh", "MJ", "GJ"}),
    "water": ({"total", "total_increasing"}, {"m³", "L", "gal", "ft³", "CCF"}),
    "power": ({"measurement"}, {"W", "kW"}),
    "temperature": ({"measurement"}, {"°C", "°F", "K"}),
    "voltage": ({"measurement"}, {"V", "mV"}),
}
# The seamfeed model's values and what HA must be told about each (by the table above).
WANT = {
    "energy": ("energy", "total_increasing", "kWh", 1),
    "power": ("power", "measurement", "W", 0),
    "water": ("water", "total_increasing", "m³", 3),
    "flow_temperature": ("temperature", "measurement", "°C", 1),
    "voltage": ("voltage", "measurement", "V", 0),
    "serial": (None, None, None, None),
}

tmp = mktemp()
broker = sub = feed = None
try:
    broker = Broker(tmp)
    sub = Sub(broker.port, ["#"])
    time.sleep(0.3)
    conf = feed_conf(tmp, ["broker 127.0.0.1:%d" % broker.port, "topic home",
                           'spool "%s/spool.db"' % tmp, "qos 1"])
    # Five ticks of two meters; m1 falls silent after tick 4, m2 leaves after tick 5.
    feed = Feed(tmp, conf, "--meters", "2", "--count", "5", "--interval", "100",
                "--silent-after", "4", "--remove-after", "5", "--linger", "4000")
    got = wait_until(20, lambda: len(sub.topic("tele/home/SENSOR")) >= 10)
    check(got is not None, "ten SENSOR messages (five ticks, two meters) arrive")

    # --- Tasmota's SENSOR shape: {"Time": ..., "<meter>": {values}}, in tick order
    m1_sensors = []
    for _, _, payload in sub.topic("tele/home/SENSOR"):
        doc = json.loads(payload, parse_float=Decimal)
        check(list(doc)[0] == "Time" and len(doc) == 2,
              "SENSOR is {\"Time\":..., \"<meter>\":{...}}: %s" % payload)
        if "m1" in doc:
            m1_sensors.append(doc)
    check(len(m1_sensors) == 5, "five SENSOR messages of m1")
    for i, doc in enumerate(m1_sensors, 1):
        check(doc["Time"] == tick_time(i), "SENSOR %d carries the meter's own time %s: %s"
              % (i, tick_time(i), doc["Time"]))
        check(list(doc["m1"].items()) == m1_values(i),
              "SENSOR %d values, names and order as the model: %r" % (i, doc["m1"]))

    # --- one retained topic per value, plain text
    ret = retained(broker.port, "tele/home/#")
    for name, value in m1_values(5):
        topic = "tele/home/m1/" + name
        got = ret.get(topic)
        check(got is not None and (got == value if isinstance(value, str) else Decimal(got) == value),
              "%s is retained with the last value %s: %r" % (topic, value, got))

    # --- discovery, field by field
    configs = {}
    for r, t, p in sub.msgs:
        if t.startswith("homeassistant/sensor/") and t.endswith("/config") and p:
            configs[t] = json.loads(p)
    by_name = {c["name"]: (t, c) for t, c in configs.items() if c["device"]["name"] == "m1"}
    check(set(by_name) == set(WANT), "a discovery config per m1 value: %s" % sorted(by_name))
    uids = [c["unique_id"] for c in configs.values()]
    check(len(uids) == len(set(uids)), "unique_ids are unique")
    for name, (dc, sc, unit, prec) in WANT.items():
        if name not in by_name:
            continue
        topic, c = by_name[name]
        parts = topic.split("/")
        check(len(parts) == 5 and parts[1] == "sensor" and parts[4] == "config" and
              all(ch.isalnum() or ch in "_-" for ch in parts[2] + parts[3]),
              "%s: topic <prefix>/sensor/<node_id>/<object_id>/config with HA's id characters: %s"
              % (name, topic))
        check(c.get("device_class") == dc, "%s: device_class %r (got %r)" % (name, dc, c.get("device_class")))
        check(c.get("state_class") == sc, "%s: state_class %r (got %r)" % (name, sc, c.get("state_class")))
        check(c.get("unit_of_measurement") == unit,
              "%s: unit_of_measurement %r (got %r)" % (name, unit, c.get("unit_of_measurement")))
        check(c.get("suggested_display_precision") == prec,
              "%s: suggested_display_precision %r (got %r)" % (name, prec, c.get("suggested_display_precision")))
        if dc is not None:
            scs, units = HA_RULES[dc]
            check(c["state_class"] in scs and c["unit_of_measurement"] in units,
                  "%s: HA accepts %s with %s in %s" % (name, dc, c["state_class"], c["unit_of_measurement"]))
        check(c["state_topic"] == "tele/home/m1/" + name, "%s: state_topic is the value topic" % name)
        check(c.get("availability_mode") == "all" and
              [a["topic"] for a in c["availability"]] == ["tele/home/LWT", "tele/home/m1/LWT"] and
              all(a["payload_available"] == "Online" and a["payload_not_available"] == "Offline"
                  for a in c["availability"]),
              "%s: available while both the daemon and the meter are Online" % name)
        check(c["device"]["manufacturer"] == "EMH" and c["device"]["model"] == "eHZ-K" and
              c["device"]["identifiers"] == by_name["energy"][1]["device"]["identifiers"],
              "%s: one device per meter with the meter's manufacturer and model" % name)
        check(c["unique_id"].startswith("meterd_home_"), "%s: unique_id is stable and names the instance" % name)

    # --- availability follows health; HA's birth message brings the configs again
    check(wait_until(5, lambda: sub.last("tele/home/m1/LWT") == "Offline") is not None,
          "m1 silent after tick 4: tele/home/m1/LWT Offline")
    check(sub.topic("tele/home/LWT")[0][2] == "Online", "the daemon's LWT said Online first")
    n_before = sum(1 for _, t, p in sub.msgs if t.endswith("/config") and p and "\"m1\"" in p)
    publish(broker.port, "homeassistant/status", "online")
    check(wait_until(5, lambda: sum(1 for _, t, p in sub.msgs
                                    if t.endswith("/config") and p and "\"m1\"" in p) >= n_before + 6)
          is not None, "homeassistant/status online: the six m1 configs are sent again")

    # --- m2 left: its discovery configs and topics are emptied (HA removes the entities)
    check(wait_until(5, lambda: any(t.startswith("homeassistant/") and "/m2_" in t and p == ""
                                    for _, t, p in sub.msgs)) is not None,
          "m2 removed: empty retained discovery config published")
    rc = feed.wait(20)
    check(rc == 0, "seamfeed stopped cleanly (%r)" % rc)
    st = feed.stats()
    check(st is not None and st["queued"] == 10 and st["delivered"] == 10 and st["waiting"] == 0,
          "every SENSOR message acknowledged by the broker: %r" % st)
    ret = retained(broker.port, "#")
    check(not any("/m2" in t for t in ret), "nothing of m2 is retained: %r" %
          [t for t in ret if "/m2" in t])
    check(ret.get("tele/home/LWT") == "Offline", "a clean stop leaves tele/home/LWT Offline")
    check(sum(1 for t in ret if t.startswith("homeassistant/")) == 6, "m1's six configs stay retained")
finally:
    for x in (feed, sub, broker):
        if x is not None:
            x.stop()
finish(tmp)
