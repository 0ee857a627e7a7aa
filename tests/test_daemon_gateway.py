"""
test_daemon_gateway.py - the Modbus TCP gateway beside polling (meterd(8),
GATEWAY): the TROVIS 5573 simulator on a pty is polled by meterd while
mbpoll, pymodbus and raw sockets read and write through the gateway.

Expected values come from the simulator's model (sim/trovis.c): HR40001
(wire 0) is the product number 5573, wire 142 the station address 247,
registers outside the readable blocks answer exception 02; writes land in
the simulator's registers and read back.

Checked: reads and a write through the gateway with mbpoll and pymodbus;
20 concurrent clients each get only their own replies (transaction ids
echoed, values right); a slave that does not answer -> exception 0B; a
write on the read-only gateway -> 01; a write outside the writable range
-> 02, logged; a client outside the allow list is refused; RTU over TCP;
malformed MBAP headers, oversized lengths, half-open connections and a
flood of garbage close those connections only: the daemon keeps polling
(its frames_ok keeps growing) and keeps serving the other clients.
"""
import os
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import logging

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon_util import METERD, Daemon, check, crc16_modbus, finish, free_port, mktemp, wait_until  # noqa: E402

logging.basicConfig(level=logging.CRITICAL)






def recv_exact(s, n, timeout=5):
    s.settimeout(timeout)
    buf = b""
    while len(buf) < n:
        chunk = s.recv(n - len(buf))
        if not chunk:
            return None
        buf += chunk
    return buf


def mbap_request(s, tid, unit, pdu):
    s.sendall(struct.pack(">HHHB", tid, 0, len(pdu) + 1, unit) + pdu)
    head = recv_exact(s, 7)
    if head is None:
        return None
    rtid, proto, length, runit = struct.unpack(">HHHB", head)
    body = recv_exact(s, length - 1)
    return rtid, runit, body


def read_hr(s, tid, unit, addr, count=1):
    return mbap_request(s, tid, unit, struct.pack(">BHH", 3, addr, count))


tmp = mktemp()
gw, gw_ro, gw_rtu, gw_denied = free_port(), free_port(), free_port(), free_port()
sim = subprocess.Popen([METERD, "sim", "--seed", "3", "trovis", "--pty", tmp + "/ttyMB"],
                       stdout=open(os.path.join(tmp, "sim.out"), "w"),
                       stderr=open(os.path.join(tmp, "sim.err"), "w"))
check(wait_until(10, lambda: os.path.exists(tmp + "/ttyMB")), "simulator pty")
conf = """teleperiod 1s
meter heating {
    port "%(t)s/ttyMB"
    protocol modbus 19200 8N1
    address 247
    profile samson-trovis-5573
    poll 1s
    value "Aussentemp_AF1"
}
gateway {
    listen 127.0.0.1:%(gw)d
    port "%(t)s/ttyMB"
    allow 127.0.0.1
    write on
    writable 247 105-108
}
gateway {
    listen 127.0.0.1:%(ro)d
    port "%(t)s/ttyMB"
}
gateway {
    listen 127.0.0.1:%(rtu)d
    port "%(t)s/ttyMB"
    mode rtu
}
gateway {
    listen 127.0.0.1:%(den)d
    port "%(t)s/ttyMB"
    allow 10.0.0.0/8 ::1
}
""" % {"t": tmp, "gw": gw, "ro": gw_ro, "rtu": gw_rtu, "den": gw_denied}
d = Daemon(tmp, conf)


def frames_ok():
    st = d.read_status()
    return st["meters"]["heating"]["frames_ok"] if st else 0


try:
    check(wait_until(15, lambda: frames_ok() >= 2), "meterd polls the TROVIS")
    log = d.log_text()
    check("gateway: Modbus TCP on 127.0.0.1:%d" % gw in log, "the gateway says where it listens")

    # mbpoll, a real Modbus TCP master: HR40001 is the product number (reference 1 = wire 0).
    r = subprocess.run(["mbpoll", "-m", "tcp", "-p", str(gw), "-a", "247", "-t", "4", "-r", "1",
                        "-c", "1", "-1", "127.0.0.1"], capture_output=True, text=True, timeout=20)
    check("[1]: \t5573" in r.stdout, "mbpoll reads the product number 5573 through the gateway")

    s = socket.create_connection(("127.0.0.1", gw))
    rep = read_hr(s, 0x1234, 247, 142)
    check(rep is not None and rep[0] == 0x1234 and rep[1] == 247 and rep[2] == bytes([3, 2, 0, 247]),
          "a raw read echoes the transaction id and returns the station address 247: %r" % (rep,))
    rep = read_hr(s, 7, 247, 6)  # wire 6..8 are outside every readable block
    check(rep is not None and rep[2] == bytes([0x83, 2]),
          "the slave's own exception 02 comes back unchanged: %r" % (rep,))
    rep = read_hr(s, 8, 17, 0)  # nobody at address 17
    check(rep is not None and rep[2] == bytes([0x83, 0x0B]),
          "a slave that does not answer gives exception 0B: %r" % (rep,))
    # A write inside the writable range lands in the simulator and reads back.
    rep = mbap_request(s, 9, 247, struct.pack(">BHH", 6, 105, 3))
    check(rep is not None and rep[2] == struct.pack(">BHH", 6, 105, 3), "write of hr105 = 3 echoed")
    rep = read_hr(s, 10, 247, 105)
    check(rep is not None and rep[2] == bytes([3, 2, 0, 3]), "hr105 reads back 3: %r" % (rep,))
    rep = mbap_request(s, 11, 247, struct.pack(">BHH", 6, 105, 4))
    rep = read_hr(s, 12, 247, 105)
    check(rep is not None and rep[2] == bytes([3, 2, 0, 4]), "and 4 after a second write: %r" % (rep,))
    # A write outside the writable range is refused by the gateway itself.
    before = read_hr(s, 13, 247, 111)
    check(before is not None and before[2][:2] == bytes([3, 2]), "hr111 readable: %r" % (before,))
    other = 3 if before is None or before[2][3] != 3 else 4
    rep = mbap_request(s, 14, 247, struct.pack(">BHH", 6, 111, other))
    check(rep is not None and rep[2] == bytes([0x86, 2]), "write of hr111 refused with 02: %r" % (rep,))
    rep = read_hr(s, 15, 247, 111)
    check(rep is not None and before is not None and rep[2] == before[2],
          "hr111 was not written: %r, before %r" % (rep, before))
    s.close()
    check("function 6 to slave 247 refused (registers not writable)" in d.log_text(),
          "the refused write is logged")

    # The read-only gateway: reads yes, writes exception 01.
    s = socket.create_connection(("127.0.0.1", gw_ro))
    rep = read_hr(s, 1, 247, 0)
    check(rep is not None and rep[2] == bytes([3, 2, 0x15, 0xc5]), "read-only gateway reads 5573")
    rep = mbap_request(s, 2, 247, struct.pack(">BHH", 6, 105, 2))
    check(rep is not None and rep[2] == bytes([0x86, 1]), "write on the read-only gateway -> 01: %r" % (rep,))
    rep = read_hr(s, 3, 247, 105)
    check(rep is not None and rep[2] == bytes([3, 2, 0, 4]), "and nothing was written: %r" % (rep,))
    s.close()

    # RTU over TCP: the RTU frame with its CRC, answered the same way.
    s = socket.create_connection(("127.0.0.1", gw_rtu))
    req = bytes([247, 3, 0, 0, 0, 1])
    s.sendall(req + struct.pack("<H", crc16_modbus(req)))
    rep = recv_exact(s, 7)
    check(rep is not None and rep[:5] == bytes([247, 3, 2, 0x15, 0xc5]) and crc16_modbus(rep) == 0,
          "RTU over TCP: 5573 with a good CRC: %r" % (rep,))
    s.close()

    # A client outside the allow list is refused at once.
    s = socket.create_connection(("127.0.0.1", gw_denied))
    s.settimeout(5)
    try:
        s.sendall(struct.pack(">HHHBBHH", 1, 0, 6, 247, 3, 0, 1))
        refused = s.recv(16) == b""
    except (ConnectionResetError, BrokenPipeError):
        refused = True
    s.close()
    check(refused, "a client outside the allow list gets no answer")
    check("127.0.0.1" in d.log_text() and "not in the allow list" in d.log_text(),
          "the refused client is logged")

    # Hostile clients: each loses its own connection, nothing else.
    polls_before = frames_ok()
    hostile = []
    bad = socket.create_connection(("127.0.0.1", gw))
    bad.sendall(struct.pack(">HHHB", 1, 7, 6, 247) + bytes([3, 0, 0, 0, 1]))  # protocol id 7
    hostile.append(bad)
    big = socket.create_connection(("127.0.0.1", gw))
    big.sendall(struct.pack(">HHHB", 1, 0, 3000, 247))  # length far beyond 254
    hostile.append(big)
    for _ in range(10):  # half-open: a header and nothing more
        h = socket.create_connection(("127.0.0.1", gw_ro))
        h.sendall(b"\x00\x01\x00")
        hostile.append(h)
    flood = socket.create_connection(("127.0.0.1", gw_ro))
    try:
        flood.sendall(os.urandom(65536))
    except OSError:
        pass
    hostile.append(flood)
    for h in hostile[:2]:
        h.settimeout(5)
        try:
            closed = h.recv(16) == b""
        except ConnectionResetError:
            closed = True
        check(closed, "a malformed MBAP header or length closes that connection")

    # 20 concurrent pymodbus clients, each reading its own register pattern many times.
    from pymodbus.client import ModbusTcpClient
    results = []

    def client(k):
        c = ModbusTcpClient("127.0.0.1", port=gw, timeout=10)
        ok = c.connect()
        good = 0
        for i in range(10):
            addr = 142 if (k + i) % 2 else 0
            want = 247 if addr == 142 else 5573
            rr = c.read_holding_registers(addr, 1, slave=247)
            if ok and not rr.isError() and rr.registers == [want]:
                good += 1
        c.close()
        results.append(good)

    threads = [threading.Thread(target=client, args=(k,)) for k in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    check(len(results) == 20 and all(g == 10 for g in results),
          "20 concurrent clients get every one of their own 10 answers right: %r" % results)
    check(frames_ok() > polls_before, "polling went on while the clients hammered the gateway "
          "(%d -> %d)" % (polls_before, frames_ok()))
    # The regular client still works after all that.
    s = socket.create_connection(("127.0.0.1", gw))
    rep = read_hr(s, 99, 247, 0)
    check(rep is not None and rep[0] == 99 and rep[2] == bytes([3, 2, 0x15, 0xc5]),
          "a well-behaved client is served after the hostile ones")
    s.close()
    for h in hostile:
        h.close()
    check(d.running(), "meterd is still running")
finally:
    rc = d.stop(signal.SIGTERM)
    sim.terminate()
    sim.wait(5)
check(rc == 0, "clean stop")
finish(tmp)
