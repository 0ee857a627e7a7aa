"""
test_daemon_modbus_echo.py - `option local_echo 1` on a polled Modbus meter:
a two-wire RS-485 adapter without echo suppression hands every request back
before the reply. Against `meterd sim trovis --echo` on a pty:

  - with the option the controller is read poll after poll, with no CRC
    errors, invalid frames or timeouts, and the profile's value agrees with
    the raw word read by a second meter on the same line;
  - with it, no echoed byte is left over as garbage; without it every
    echoed request is (the session resynchronises on the reply after it,
    but a write's echo would look like its confirmation);
  - an echo that comes back different (the simulator flips a bit of every
    echo: `--fault echo`) is counted in echo_errors, once per garbled echo
    the simulator says it sent, and the polls still get their replies;
  - `meterd run -n` fails on `option local_echo 2` and on an option a polled
    meter does not have.
"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon_util import METERD, Daemon, check, finish, mktemp, wait_until, stop_all  # noqa: E402

tmp = mktemp()
procs = []


def start_sim(link, *extra):
    out = open(os.path.join(tmp, os.path.basename(link) + ".out"), "w+")
    err = open(os.path.join(tmp, os.path.basename(link) + ".err"), "w+")
    p = subprocess.Popen([METERD, "sim", "--seed", "1", "trovis", "--pty", link, *extra],
                         stdout=out, stderr=err)
    procs.append(p)
    check(wait_until(10, lambda: os.path.exists(link) or None) is not None,
          "simulator on %s" % link)
    return p


def conf_for(link, option):
    return """teleperiod 1s
meter heating {
    port "%(l)s" rs485
    protocol modbus 19200 8N1
    address 247
    profile samson-trovis-5573
    poll 1s
    value "Aussentemp_AF1"
    %(o)s
}
meter raw {
    port "%(l)s" rs485
    protocol modbus 19200 8N1
    address 247
    poll 1s
    value "hr9" as "af1_word"
    %(o)s
}
""" % {"l": link, "o": option}


def dry_run(text):
    path = os.path.join(tmp, "dry.conf")
    with open(path, "w") as f:
        f.write(text)
    return subprocess.run([METERD, "run", "-n", "-c", path], capture_output=True, text=True)


try:
    start_sim(tmp + "/ttyECHO", "--echo")
    os.mkdir(tmp + "/a")
    d = Daemon(tmp + "/a", conf_for(tmp + "/ttyECHO", "option local_echo 1"))
    procs.append(d.p)
    st0 = d.status_until(60, lambda st: st["meters"]["heating"]["frames_ok"] >= 2 and
                         st["meters"]["raw"]["frames_ok"] >= 2)
    check(st0 is not None, "both meters read on an echoing line")
    # Steady state: counters compared between two snapshots, so the start-up
    # (the first poll racing the simulator's start) does not count.
    st = st0 and d.status_until(60, lambda st: all(
        st["meters"][k]["frames_ok"] >= st0["meters"][k]["frames_ok"] + 5 for k in ("heating", "raw")))
    check(st is not None, "both meters read poll after poll on an echoing line")
    if st:
        for name in ("heating", "raw"):
            m, m0 = st["meters"][name], st0["meters"][name]
            delta = {k: m[k] - m0[k] for k in ("crc_errors", "invalid", "timeouts", "garbage_bytes")}
            # A reply that comes after its timeout (a loaded machine) is left over
            # whole: 7 bytes for a one-register read. Echoes are never left over.
            check(delta["crc_errors"] == 0 and delta["invalid"] == 0 and
                  m["echo_errors"] == m0["echo_errors"] and
                  delta["garbage_bytes"] == 7 * delta["timeouts"],
                  "%s: no errors, no echo left as garbage with local_echo 1: %r" % (name, delta))
        af1 = [v["value"] for k, v in st["meters"]["heating"]["values"].items()
               if "Aussentemp_AF1" in k]
        word = [v["value"] for v in st["meters"]["raw"]["values"].values()]
        if check(len(af1) == 1 and len(word) == 1, "both values present: %r %r" % (af1, word)):
            check(abs((word[0] - 0x10000) / 10.0 - af1[0]) <= 0.5,
                  "the profile value %r is the raw word %r as s16 x 0.1" % (af1[0], word[0]))
    check(d.stop() == 0, "clean stop")

    start_sim(tmp + "/ttyECHO2", "--echo")
    os.mkdir(tmp + "/b")
    d = Daemon(tmp + "/b", conf_for(tmp + "/ttyECHO2", ""))
    procs.append(d.p)
    st0 = d.status_until(60, lambda st: st["meters"]["heating"]["frames_ok"] >= 2)
    st = st0 and d.status_until(60, lambda st: st["meters"]["heating"]["frames_ok"] >=
                                st0["meters"]["heating"]["frames_ok"] + 5)
    if check(st is not None, "without the option the polls still get their replies"):
        polls = st["meters"]["heating"]["frames_ok"] - st0["meters"]["heating"]["frames_ok"]
        garbage = st["meters"]["heating"]["garbage_bytes"] - st0["meters"]["heating"]["garbage_bytes"]
        check(garbage >= 8 * polls - 8,
              "without the option each echoed request (8 bytes) is garbage: %d bytes, %d polls" %
              (garbage, polls))
    check(d.stop() == 0, "clean stop")

    sim = start_sim(tmp + "/ttyECHO3", "--echo", "--fault", "echo")
    os.mkdir(tmp + "/c")
    d = Daemon(tmp + "/c", conf_for(tmp + "/ttyECHO3", "option local_echo 1"))
    procs.append(d.p)
    st = d.status_until(60, lambda st: all(st["meters"][k]["frames_ok"] >= 5 for k in ("heating", "raw")))
    check(st is not None, "with every echo garbled both meters are still read")
    check(d.stop() == 0, "clean stop")
    final = d.read_status()
    sim.terminate()
    sim.wait(10)
    with open(tmp + "/ttyECHO3.err") as f:
        said = re.search(r"(\d+) echoes garbled", f.read())
    if check(said is not None and final is not None, "the simulator's count and the daemon's"):
        counted = sum(final["meters"][k]["echo_errors"] for k in ("heating", "raw"))
        garbled = int(said.group(1))
        # a request whose echo was on its way when the daemon stopped is not counted
        check(garbled >= 10 and garbled - 2 <= counted <= garbled,
              "each garbled echo is counted in echo_errors: %d counted, %d sent" % (counted, garbled))

    r = dry_run(conf_for("/dev/null", "option local_echo 2"))
    check(r.returncode != 0 and "local_echo" in r.stderr, "run -n refuses local_echo 2: %r" % r.stderr)
    r = dry_run(conf_for("/dev/null", "option dzg_fix 1"))
    check(r.returncode != 0 and "dzg_fix" in r.stderr,
          "run -n refuses an option a polled meter does not have: %r" % r.stderr)
    r = dry_run(conf_for("/dev/null", "option local_echo 1"))
    check(r.returncode == 0, "run -n accepts local_echo 1: %r" % r.stderr)
finally:
    stop_all(procs)
finish(tmp)
