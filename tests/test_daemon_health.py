"""
test_daemon_health.py - what meterd(8) promises about bad frames, through the
real binary and ptys this test writes itself:

  - a frame that fails its check is never published, value by value: each
    bad telegram carries a value no good telegram has (a BCC mismatch, a
    telegram cut before its ETX, a byte with the wrong 7E1 parity), and that
    value must never show in a SENSOR line or the status file, while the good
    telegrams' values before and after it do;
  - each health counter counts its own fault and no other: crc_errors the
    BCC mismatch, invalid the cut telegram, parity_errors the bad byte (and
    its frame is invalid), timeouts the polls nobody answers;
  - the same for a polled meter (an IEC 62056-21 mode C readout this test
    answers, one of them with a parity error in a value);
  - the health states: port_down for a port that is not there, silent when
    a meter pushing every second stops (three intervals plus 10 s), errors
    when it goes on sending only bad telegrams.

The expected values are the ones this test writes into the telegrams.
"""
import os
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon_util import Daemon, check, finish, make_pty, mktemp, wait_until  # noqa: E402

tmp = mktemp()



def bcc(data):
    x = 0
    for b in data:
        x ^= b
    return bytes([x])


def telegram(power_w, energy="000123.4567"):
    """A D0 push telegram with STX, ETX and a good BCC; power_w is the value to trace."""
    body = ("1-0:1.8.0(%s*kWh)\r\n1-0:16.7.0(%06d*W)\r\n!\r\n" % (energy, power_w)).encode()
    block = body + b"\x03"
    return b"/TST5TEST 1\r\n\r\n\x02" + block + bcc(block)


def with_parity(data, bad_at=None):
    """7E1 as an 8N1 reader sees it; the byte at bad_at gets the wrong parity."""
    out = bytearray()
    for i, b in enumerate(data):
        p = 0x80 if bin(b).count("1") % 2 else 0
        out.append(b | (p ^ (0x80 if i == bad_at else 0)))
    return bytes(out)


conf = """teleperiod 1s
meter bcc {
    port "%(t)s/ttyBCC"
    protocol d0 9600 8N1
    value "1-0:16.7.0" as "P"
}
meter par {
    port "%(t)s/ttyPAR"
    protocol d0 9600 7E1
    value "1-0:16.7.0" as "P"
}
meter mute {
    port "%(t)s/ttyMUTE"
    protocol d0 300 7E1
    poll 1s
}
meter polled {
    port "%(t)s/ttyPOLL"
    protocol d0 9600 7E1
    poll 1s
    value "1-0:16.7.0" as "P"
}
meter nounit {
    port "%(t)s/ttyNOUNIT"
    protocol d0
}
meter gone {
    port "%(t)s/ttyGONE"
    protocol d0
}
meter stops {
    port "%(t)s/ttySTOP"
    protocol d0
}
meter garbled {
    port "%(t)s/ttyGARB"
    protocol d0
}
""" % {"t": tmp}

fd_bcc = make_pty(tmp + "/ttyBCC")
fd_par = make_pty(tmp + "/ttyPAR")
fd_mute = make_pty(tmp + "/ttyMUTE")
fd_poll = make_pty(tmp + "/ttyPOLL")
fd_nounit = make_pty(tmp + "/ttyNOUNIT")
fd_stop = make_pty(tmp + "/ttySTOP")
fd_garb = make_pty(tmp + "/ttyGARB")
d = Daemon(tmp, conf)


def mode_c_meter():
    """Answers sign-ons on ttyPOLL as a mode C meter (7E1): the identification,
    then after the ACK a readout. The second readout (666 W) has one byte with
    the wrong parity; the others carry 601, 602, ... W."""
    buf, n = b"", 0
    end = time.monotonic() + 60
    while time.monotonic() < end:
        try:
            chunk = os.read(fd_poll, 256)
        except OSError:
            return
        buf += bytes(b & 0x7F for b in chunk)
        if b"/?!\r\n" in buf:
            buf = buf[buf.index(b"/?!\r\n") + 5:]
            os.write(fd_poll, with_parity(b"/TST5TEST 1\r\n"))
        elif b"\x06" in buf and buf.endswith(b"\r\n"):
            buf = b""
            n += 1
            t = telegram(666 if n == 2 else 600 + n)
            t = t[t.index(b"\x02"):]
            os.write(fd_poll, with_parity(t, bad_at=t.index(b"W)") - 2 if n == 2 else None))


def pusher():
    """stops and garbled: five good telegrams a second apart; then stops falls
    silent and garbled sends only telegrams with a bad BCC, a second apart."""
    for i in range(5):
        os.write(fd_stop, telegram(300 + i))
        os.write(fd_garb, telegram(400 + i))
        time.sleep(1)
    for i in range(30):
        bad = bytearray(telegram(499))
        bad[-1] ^= 0x01
        os.write(fd_garb, bytes(bad))
        time.sleep(1)


seen = []  # every SENSOR object printed


def sensors():
    while True:
        s = d.sensor(0)
        if s is None:
            return
        seen.append(s)


def status_when(pred, seconds=20):
    def probe():
        sensors()
        st = d.read_status()
        return st if st is not None and pred(st) else None
    return wait_until(seconds, probe)


def meter(st, name):
    return st["meters"][name]


def power(st, name):
    return meter(st, name)["values"].get("P", {}).get("value")


try:
    check(wait_until(10, lambda: "running" in d.log_text()) is not None, "meterd runs")
    time.sleep(0.5)  # the ports are opened
    threading.Thread(target=pusher, daemon=True).start()
    threading.Thread(target=mode_c_meter, daemon=True).start()

    # --- BCC: good (111), BCC mismatch (999), cut before ETX (777), good (112)
    os.write(fd_bcc, telegram(111))
    st = status_when(lambda st: power(st, "bcc") == 111)
    check(st is not None, "the good telegram's value 111 W is published")
    bad = bytearray(telegram(999))
    bad[-1] ^= 0x01  # the BCC no longer matches
    os.write(fd_bcc, bytes(bad))
    st = status_when(lambda st: meter(st, "bcc")["crc_errors"] >= 1)
    if check(st is not None, "a BCC mismatch is counted in crc_errors"):
        m = meter(st, "bcc")
        check(power(st, "bcc") == 111, "the BCC-bad telegram's 999 W is not stored: %r" % power(st, "bcc"))
        check((m["crc_errors"], m["invalid"], m["parity_errors"], m["timeouts"]) == (1, 0, 0, 0),
              "only crc_errors counts the BCC mismatch: %r" % m)
    cut = telegram(777)
    os.write(fd_bcc, cut[:cut.index(b"\x03")])  # no ETX, no BCC: the next '/' ends it
    os.write(fd_bcc, telegram(112))
    st = status_when(lambda st: power(st, "bcc") == 112)
    if check(st is not None, "the next good telegram's 112 W is published"):
        m = meter(st, "bcc")
        check((m["crc_errors"], m["invalid"], m["parity_errors"], m["timeouts"]) == (1, 1, 0, 0),
              "the cut telegram counts in invalid only: %r" % m)
        check(m["frames_ok"] == 2, "two good telegrams: %r" % m["frames_ok"])

    # --- 7E1 parity: good (221), one byte of the value with the wrong parity (555), good (222)
    os.write(fd_par, with_parity(telegram(221)))
    st = status_when(lambda st: power(st, "par") == 221)
    check(st is not None, "7E1 through an 8-bit view: the good telegram's 221 W is published")
    t = telegram(555)
    os.write(fd_par, with_parity(t, bad_at=t.index(b"000555") + 3))
    st = status_when(lambda st: meter(st, "par")["parity_errors"] >= 1)
    if check(st is not None, "a byte with the wrong parity is counted in parity_errors"):
        m = meter(st, "par")
        check(power(st, "par") == 221, "the parity-bad telegram's 555 W is not stored: %r" % power(st, "par"))
        check((m["parity_errors"], m["crc_errors"], m["timeouts"]) == (1, 0, 0),
              "one parity error, no CRC error (its BCC is right), no timeout: %r" % m)
        check(m["invalid"] == 1, "the frame with the parity error is invalid: %r" % m)
    os.write(fd_par, with_parity(telegram(222)))
    st = status_when(lambda st: power(st, "par") == 222)
    check(st is not None, "the next good telegram's 222 W is published")

    # --- a polled meter nobody answers: timeouts, and nothing else
    st = status_when(lambda st: meter(st, "mute")["timeouts"] >= 2, 30)
    if check(st is not None, "unanswered polls count in timeouts"):
        m = meter(st, "mute")
        check((m["crc_errors"], m["invalid"], m["parity_errors"], m["frames_ok"]) == (0, 0, 0, 0),
              "a silent meter has timeouts only: %r" % m)
        check(m["values"] == {}, "and no values")

    # --- a polled meter: the readout with a parity error is not stored
    st = status_when(lambda st: meter(st, "polled")["frames_ok"] >= 3, 30)
    if check(st is not None, "mode C readouts are read"):
        m = meter(st, "polled")
        check(m["parity_errors"] == 1 and m["invalid"] == 1 and m["crc_errors"] == 0,
              "the readout with a parity error: one parity error, one invalid frame: %r" % m)

    # --- health states
    st = status_when(lambda st: meter(st, "gone")["state"] == "port_down", 5)
    check(st is not None, "a port that is not there: port_down")
    st = status_when(lambda st: meter(st, "stops")["frames_ok"] >= 5, 15)
    check(st is not None and meter(st, "stops")["state"] == "up",
          "a meter pushing every second is up: %r" % (st and meter(st, "stops")["state"]))
    st = status_when(lambda st: meter(st, "stops")["state"] == "silent", 25)
    check(st is not None, "it is silent three intervals plus 10 s after it stopped")
    st = status_when(lambda st: meter(st, "garbled")["state"] == "errors", 25)
    if check(st is not None, "a meter sending only bad telegrams is in state errors"):
        m = meter(st, "garbled")
        check(m["crc_errors"] >= 5 and m["frames_ok"] == 5, "its bad telegrams counted: %r" % m)

    # --- a total without a unit is known by its OBIS code (x.8.y) and guarded:
    # 100.0 and 100.1 agree and start the series; 50.0 goes backwards.
    for e in ("000100.0", "000100.1", "000050.0", "000100.2"):
        body = ("1-0:1.8.0(%s)\r\n!\r\n" % e).encode()
        os.write(fd_nounit, b"/TST5NOUNIT\r\n\r\n\x02" + body + b"\x03" + bcc(body + b"\x03"))
        time.sleep(0.3)
    st = status_when(lambda st: meter(st, "nounit")["values"].get("1-0:1.8.0*255", {}).get("value") == 100.2)
    if check(st is not None, "a unitless total: the series goes on at 100.2"):
        check(meter(st, "nounit")["guard_flags"] == 1, "the backwards 50.0 is flagged: %r" % meter(st, "nounit"))

    # --- never, in any SENSOR line
    time.sleep(1.2)
    sensors()
    check(len(seen) >= 3, "SENSOR lines were printed: %d" % len(seen))
    nu = {s.get("nounit", {}).get("1-0:1.8.0*255") for s in seen} - {None}
    check(nu and 50.0 not in nu and 100.0 not in nu, "a unitless total: neither the backwards 50.0 "
          "nor the first, unconfirmed 100.0 printed: %r" % sorted(nu))
    pp = {s.get("polled", {}).get("P") for s in seen} - {None}
    check(pp and 666 not in pp, "the polled meter's parity-bad readout never printed: %r" % sorted(pp))
    ps = {s.get(name, {}).get("P") for s in seen for name in ("bcc", "par")} - {None}
    gs = {s.get("garbled", {}).get("1-0:16.7.0*255") for s in seen} - {None}
    check(gs <= {400, 401, 402, 403, 404}, "nothing of garbled's bad telegrams printed: %r" % sorted(gs))
    check(ps <= {111, 112, 221, 222}, "only the good telegrams' values ever printed: %r" % sorted(ps))
    check({111, 112, 221, 222} <= ps, "every good telegram's value printed: %r" % sorted(ps))
    check(d.stop() == 0, "clean stop")
finally:
    if d.running():
        d.stop()
    for fd in (fd_bcc, fd_par, fd_mute, fd_poll, fd_nounit, fd_stop, fd_garb):
        os.close(fd)
finish(tmp)
