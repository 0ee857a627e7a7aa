"""
test_mqtt_outage.py - store-and-forward: the broker is stopped while the
counting source goes on, the source (with its MQTT sink and spool) is
restarted once while the broker is away, then the broker comes back. Every
reading produced meanwhile arrives, in order; the expected readings are the
source's ticks (1..N), not what meterd reports. At least once: a reading
may arrive twice (sent, then the connection went before PUBACK), never out
of order and never missing.
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon_util import check, finish, mktemp, wait_until  # noqa: E402
from mqtt_util import Broker, Feed, Sub, feed_conf, tick_of  # noqa: E402

tmp = mktemp()
broker = sub = feed = None


def m1_ticks():
    """Ticks of m1's SENSOR messages in arrival order (from the meter's own time)."""
    out = []
    for _, _, p in sub.topic("tele/outage/SENSOR"):
        out.append(tick_of(json.loads(p)["Time"]))
    return out


try:
    broker = Broker(tmp, persistence=True)
    # A persistent QoS 1 session: the broker keeps it across its own restart, so the
    # subscriber misses nothing that the broker accepted.
    sub = Sub(broker.port, ["tele/outage/SENSOR"], client_id="outage-test-%d" % os.getpid(),
              persistent=True)
    time.sleep(0.5)
    state = os.path.join(tmp, "ticks")
    conf = feed_conf(tmp, ["broker 127.0.0.1:%d" % broker.port, "topic outage",
                           'spool "%s/spool.db"' % tmp, "qos 1"])
    feed = Feed(tmp, conf, "--count", "100000", "--interval", "50", "--state", state, name="feed1")
    check(wait_until(20, lambda: len(m1_ticks()) >= 10) is not None, "readings flow before the outage")

    broker.stop()
    t_down = feed.ticks()
    check(wait_until(20, lambda: feed.ticks() >= t_down + 30) is not None,
          "metering goes on while the broker is down")
    rc = feed.stop()
    check(rc == 0, "the source stops cleanly during the outage (%r)" % rc)
    st1 = feed.stats()
    check(st1 is not None and st1["waiting"] > 0, "readings wait in the spool at the stop: %r" % st1)
    last1 = feed.ticks()

    feed = Feed(tmp, conf, "--count", "80", "--interval", "50", "--state", state,
                "--linger", "60000", name="feed2")
    check(wait_until(20, lambda: feed.ticks() >= last1 + 30) is not None,
          "the restarted source goes on counting from tick %d" % last1)
    broker.start()
    final = last1 + 80
    check(wait_until(60, lambda: final in m1_ticks()) is not None,
          "after the broker is back, the last reading (tick %d) arrives" % final)
    # One more broker restart while the source stays up (and publishes nothing new): what is
    # state - discovery, the value topics, the LWT - is sent again after the reconnect.
    broker.stop()
    broker.start()

    def third_run():
        with open(os.path.join(tmp, "mosquitto-%d.log" % broker.port)) as f:
            run = f.read().split(" starting")[-1]
        return ("Received PUBLISH from meterd-outage" in run and
                "'homeassistant/sensor/outage/m1_energy_" in run and
                "'tele/outage/m1/energy'" in run and "'tele/outage/LWT'" in run)
    check(wait_until(30, third_run) is not None,
          "after a reconnect, discovery, value topics and the LWT are sent again")
    feed.stop()

    got = m1_ticks()
    firsts = []
    seen = set()
    for t in got:
        if t not in seen:
            seen.add(t)
            firsts.append(t)
    check(firsts == list(range(1, final + 1)),
          "every reading 1..%d arrived, in order (first arrivals: %d, missing %s)"
          % (final, len(firsts), sorted(set(range(1, final + 1)) - seen)[:10]))
    back = [(a, b) for a, b in zip(got, got[1:]) if b < a and b not in got[:got.index(a)]]
    check(not back, "nothing arrives before an older reading that is new: %r" % back[:5])
    print("outage: %d readings, %d deliveries (%d duplicates, at least once), %d across the"
          " outage and the restart" % (final, len(got), len(got) - len(firsts), final - t_down),
          file=sys.stderr)
finally:
    for x in (feed, sub, broker):
        if x is not None:
            x.stop()
finish(tmp)
