"""
fakemeters.py - the seed's three serial meters on pseudo-terminals, for the
daemon's black-box tests (imported by tests/test_daemon_*.py; not a test).

Each meter owns a pty pair and a symlink (the path the daemon opens). The
bytes are the ones tests/test_smi.c derives its expected Tasmota JSON from:
the captured EasyMeter Q3D telegram (sent 7E1, i.e. parity in bit 7, as a
line read 8N1 shows it), the TROVIS 5573 replies to the seed script's three
Modbus requests, and the MULTICAL 403 KMP reply after the optical echo.

Faults a test can switch on while it runs:
  meter.silent = True       answers/pushes nothing (a slave that stopped)
  meter.garbage = b"..."    sent before the next telegram/reply
  meter.vanish(seconds)     closes the pty and removes the link (adapter
                            unplugged), then makes a new one at the same path
"""
import os
import select
import threading
import time
import tty


def parity7e1(b):
    ones = bin(b & 0x7F).count("1")
    return (b & 0x7F) | (0x80 if ones % 2 else 0)


def hexb(s):
    return bytes.fromhex(s.replace(" ", ""))


class FakeMeter:
    def __init__(self, link):
        self.link = link
        self.silent = False
        self.garbage = b""
        self.sent_frames = 0
        self.requests = 0
        self.master = None
        self.txq = b""
        self.txq_since = 0.0
        self.lock = threading.Lock()
        self._open()

    def _open(self):
        m, s = os.openpty()
        tty.setraw(m)
        os.set_blocking(m, False)
        name = os.ttyname(s)
        os.close(s)  # the daemon opens the slave by name; the master keeps it alive
        try:
            os.unlink(self.link)
        except FileNotFoundError:
            pass
        os.symlink(name, self.link)
        self.master = m

    def vanish(self, seconds):
        """Unplug: the daemon's open slave reads EIO; the path is gone."""
        with self.lock:
            os.unlink(self.link)
            os.close(self.master)
            self.master = None
            self.txq = b""
        time.sleep(seconds)
        with self.lock:
            self._open()

    def write(self, data):
        """Queues bytes; the runner sends them as the pty takes them."""
        with self.lock:
            if self.master is None:
                return
            if self.garbage:
                data = self.garbage + data
                self.garbage = b""
            if not self.txq:
                self.txq_since = time.monotonic()
            self.txq += data

    def flush(self):
        """Non-blocking: a reader that does not read must not stall the others.
        Bytes nobody took for 2 s are dropped, as on a line nobody listens to."""
        with self.lock:
            if self.master is None or not self.txq:
                return
            try:
                n = os.write(self.master, self.txq)
                self.txq = self.txq[n:]
                self.txq_since = time.monotonic()
            except BlockingIOError:
                if time.monotonic() - self.txq_since > 2:
                    self.txq = b""
            except OSError:
                self.txq = b""

    def fileno(self):
        return self.master

    def on_input(self, data):
        pass

    def tick(self, now):
        pass

    def close(self):
        with self.lock:
            if self.master is not None:
                os.close(self.master)
                self.master = None
            try:
                os.unlink(self.link)
            except FileNotFoundError:
                pass


class Q3D(FakeMeter):
    """EasyMeter Q3D: pushes its D0 telegram every `period` seconds, 9600 7E1."""

    def __init__(self, link, fixtures, period=1.0):
        super().__init__(link)
        with open(os.path.join(fixtures, "d0/dsmr_parser__ESY5Q3DB1024_V304.txt"), "rb") as f:
            self.telegram = bytes(parity7e1(b) for b in f.read())
        self.period = period
        self.next = 0.0

    def tick(self, now):
        if now >= self.next:
            self.next = now + self.period
            if not self.silent:
                self.write(self.telegram)
                self.sent_frames += 1


class Trovis(FakeMeter):
    """TROVIS 5573 at slave 247: answers the seed script's three requests."""

    REPLIES = {
        hexb("F7 03 00 1C 00 04 91 59"): hexb("F7 03 08 00 00 00 7B 00 32 00 00 CD 99"),
        hexb("F7 03 00 6A 00 02 F0 81"): hexb("F7 03 04 00 2F 00 00 5D F5"),
        hexb("F7 03 00 09 00 0E 00 9A"): hexb(
            "F7 03 1C FF CE 7F FF 7F FF 01 2C 7F FF 7F FF 7F FF 7F FF 7F FF 7F FF 00 C8 7F FF "
            "7F FF 01 C2 FD 51"),
    }

    def __init__(self, link):
        super().__init__(link)
        self.buf = b""

    def on_input(self, data):
        self.buf += data
        for req, rep in self.REPLIES.items():
            i = self.buf.find(req)
            if i >= 0:
                self.buf = self.buf[i + len(req):]
                self.requests += 1
                if not self.silent:
                    self.write(rep)
                    self.sent_frames += 1
        self.buf = self.buf[-64:]


class MC403(FakeMeter):
    """MULTICAL 403 behind an optical head: echoes the request, then replies."""

    REQUEST = hexb("80 3F 10 05 00 3C 00 56 00 57 00 4A 00 44 EE BA 0D")
    REPLY = hexb(
        "40 3F 10 00 3C 02 04 00 00 00 30 39 00 56 2E 02 42 1B E4 D6 00 57 2E 02 42 10 8B 00 4A "
        "29 02 00 02 0B 00 44 04 04 42 00 01 E2 1B BF 11 E9 0D")

    def __init__(self, link):
        super().__init__(link)
        self.buf = b""

    def on_input(self, data):
        self.buf += data
        i = self.buf.find(self.REQUEST)
        if i >= 0:
            self.buf = self.buf[i + len(self.REQUEST):]
            self.requests += 1
            if not self.silent:
                self.write(self.REQUEST + self.REPLY)
                self.sent_frames += 1
        self.buf = self.buf[-64:]


class Runner:
    """Drives meters from one thread: reads their input, runs their timers."""

    def __init__(self, meters):
        self.meters = meters
        self.stop = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while not self.stop:
            fds = {}
            wfds = []
            for m in self.meters:
                fd = m.fileno()
                if fd is not None:
                    fds[fd] = m
                    if m.txq:
                        wfds.append(fd)
            try:
                r, w, _ = select.select(list(fds), wfds, [], 0.02)
            except (OSError, ValueError):
                continue
            for fd in r:
                m = fds[fd]
                try:
                    with m.lock:
                        data = os.read(fd, 4096) if m.master == fd else b""
                except (BlockingIOError, OSError):
                    data = b""
                if data:
                    m.on_input(data)
            for fd in w:
                fds[fd].flush()
            now = time.monotonic()
            for m in self.meters:
                m.tick(now)

    def close(self):
        self.stop = True
        self.thread.join(2)
        for m in self.meters:
            m.close()


SEED_SCRIPT_PINS = {12: "q3d", 4: "trovis", 2: "trovis", 14: "mc403", 13: "mc403"}


class ModeC(FakeMeter):
    """An ISKRA MT174 read out in IEC 62056-21 mode C: sign-on at 300 Bd,
    identification, ACK with the baud switch, then the data block (the
    captured one, BCC included), all 7E1 with parity in bit 7."""

    def __init__(self, link, fixtures):
        super().__init__(link)
        with open(os.path.join(fixtures, "d0/smartmeter-obis__ISk_MT174_modeC_ack.txt"), "rb") as f:
            cap = f.read()
        ident_end = cap.index(b"\r\n") + 2
        ack_end = cap.index(b"\r\n", ident_end) + 2
        self.ident = cap[:ident_end]
        self.data = cap[ack_end:]
        self.buf = b""
        self.data_at = None
        self.readouts = 0

    def on_input(self, data):
        self.buf += bytes(b & 0x7F for b in data)
        if b"/?!\r\n" in self.buf:
            self.buf = self.buf[self.buf.index(b"/?!\r\n") + 5:]
            self.requests += 1
            if not self.silent:
                self.write(bytes(parity7e1(b) for b in self.ident))
        if b"\x06" in self.buf and b"\r\n" in self.buf[self.buf.index(b"\x06"):]:
            self.buf = b""
            if not self.silent:
                # 62056-21: the meter switches and starts after >= 200 ms
                self.data_at = time.monotonic() + 0.3
        self.buf = self.buf[-64:]

    def tick(self, now):
        if self.data_at is not None and now >= self.data_at:
            self.data_at = None
            self.write(bytes(parity7e1(b) for b in self.data))
            self.readouts += 1
            self.sent_frames += 1
