"""The TROVIS 5573 simulator as a Modbus RTU slave on a pty, talked to by two
independent masters: mbpoll and pymodbus (3.0). Checks the seed script's three
reads, values plausible and moving, absent sensors as 0x7FFF, writes and read-back,
exceptions for addresses outside the readable blocks (02) and values outside a
register's range (03), silence for other slave addresses."""

import logging
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from sim_helper import Sim, check, fail, open_port, read_for

logging.basicConfig(level=logging.CRITICAL)


def mbpoll(port, *args, write=None):
    r = subprocess.run(["mbpoll", "-m", "rtu", "-b", "19200", "-P", "none", "-a", "247",
                        "-t", "4", "-1", "-o", "1"] + list(args) + [port] +
                       ([str(write)] if write is not None else []),
                       capture_output=True, text=True, timeout=20)
    vals = {}
    for line in r.stdout.splitlines():
        if line.startswith("[") and "]:" in line:
            k, v = line.split("]:")
            # mbpoll adds the signed reading of a register above 32767: "65534 (-2)".
            vals[int(k[1:])] = int(v.split()[0])
    return r.returncode, vals, r.stdout + r.stderr


def crc16_modbus(data):
    crc = 0xFFFF
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc


def s16(v):
    return v - 0x10000 if v >= 0x8000 else v


def test_seed_bytes(port):
    """The seed script's requests, byte for byte (tasmota-smi.md 6.2)."""
    fd = open_port(port)
    try:
        for req, n in ((bytes.fromhex("F7030009000E009A"), 14), (bytes.fromhex("F703001C00049159"), 4),
                       (bytes.fromhex("F703006A0002F081"), 2)):
            os.write(fd, req)
            want = 5 + 2 * n
            data, _ = read_for(fd, 3, until=lambda d: len(d) >= want)
            check(len(data) == want, "seed read %s: got %s" % (req.hex(), data.hex()))
            check(data[:3] == bytes([0xF7, 3, 2 * n]), "seed read header %s" % data.hex())
            check(crc16_modbus(data) == 0, "seed read CRC %s" % data.hex())
    finally:
        os.close(fd)


def test_mbpoll(port):
    rc, v, out = mbpoll(port, "-r", "10", "-c", "14")
    check(rc == 0 and len(v) == 14, "mbpoll seed read 1: " + out)
    outdoor, flow, ret, room, tank = (s16(v[10]) / 10, s16(v[13]) / 10, s16(v[17]) / 10,
                                      s16(v[20]) / 10, s16(v[23]) / 10)
    check(-30 <= outdoor <= 35, "outdoor %s" % outdoor)
    check(20 <= flow <= 80 and ret < flow, "flow %s return %s" % (flow, ret))
    check(10 <= room <= 26 and 35 <= tank <= 70, "room %s tank %s" % (room, tank))
    for absent in (11, 12, 14, 15, 16, 18, 19, 21, 22):  # VF2-4, RueF2, RF2, gaps
        check(v[absent] == 0x7FFF, "HR400%d should be absent: %d" % (absent, v[absent]))
    rc, v2, out = mbpoll(port, "-r", "29", "-c", "4")
    check(rc == 0 and len(v2) == 4, "mbpoll seed read 2: " + out)
    rc, v3, out = mbpoll(port, "-r", "107", "-c", "1")
    check(rc == 0 and 0 <= v3[107] <= 100, "mbpoll seed read 3: " + out)
    # Outside the readable blocks (HR40007..40009): exception 02.
    rc, _, out = mbpoll(port, "-r", "7", "-c", "3")
    check(rc != 0 and "Illegal data address" in out, "gap read: " + out)
    # Across a block boundary (HR40031..40034): exception 02 as well.
    rc, _, out = mbpoll(port, "-r", "33", "-c", "2")
    check(rc != 0 and "Illegal data address" in out, "boundary read: " + out)
    # Write a setting and read it back; out of range and read-only are refused.
    rc, _, out = mbpoll(port, "-r", "117", write=120)  # HR40117 AT limit for summer 12.0 degC
    check(rc == 0, "write: " + out)
    rc, _, out = mbpoll(port, "-r", "117", write=120)  # the same write again: answered too
    check(rc == 0, "repeated write: " + out)
    rc, v, out = mbpoll(port, "-r", "117", "-c", "1")
    check(rc == 0 and v[117] == 120, "read back: " + out)
    rc, _, out = mbpoll(port, "-r", "117", write=400)
    check(rc != 0 and "Illegal data value" in out, "out of range write: " + out)
    rc, _, out = mbpoll(port, "-r", "13", write=100)  # VF1 is read-only
    check(rc != 0 and "Illegal data address" in out, "read-only write: " + out)
    # Another slave address: no answer at all.
    r = subprocess.run(["mbpoll", "-m", "rtu", "-b", "19200", "-P", "none", "-a", "1", "-t", "4",
                        "-r", "1", "-1", "-o", "0.5", port], capture_output=True, text=True,
                       timeout=20)
    check(r.returncode != 0 and "timed out" in (r.stdout + r.stderr).lower(),
          "slave 1 answered: " + r.stdout + r.stderr)
    return outdoor


def test_pymodbus(port):
    from pymodbus.client import ModbusSerialClient

    c = ModbusSerialClient(method="rtu", port=port, baudrate=19200, timeout=1)
    check(c.connect(), "pymodbus cannot open the pty")
    try:
        seen = set()
        for _ in range(4):
            rr = c.read_holding_registers(9, 14, slave=247)
            check(not rr.isError(), "pymodbus read: %s" % rr)
            seen.add(tuple(rr.registers))
            time.sleep(1.1)
        check(len(seen) > 1, "values do not move over 4 s")
        ident = c.read_holding_registers(0, 6, slave=247)
        check(not ident.isError() and ident.registers[0] == 5573 and ident.registers[2] == 254,
              "identity %s" % ident)
        wr = c.write_registers(105, [5], slave=247)  # HR40106 mode Rk1: night
        check(not wr.isError(), "pymodbus write: %s" % wr)
        rr = c.read_holding_registers(105, 1, slave=247)
        check(not rr.isError() and rr.registers == [5], "pymodbus read back %s" % rr)
        ex = c.read_holding_registers(6, 3, slave=247)
        check(ex.isError() and getattr(ex, "exception_code", None) == 2, "exception: %s" % ex)
        ex = c.write_register(105, 9, slave=247)
        check(ex.isError() and getattr(ex, "exception_code", None) == 3, "range: %s" % ex)
    finally:
        c.close()


def main():
    sim = Sim("--seed", "5", "trovis", "--pty", "@trovis")
    try:
        port = sim.path("trovis")
        test_seed_bytes(port)
        test_mbpoll(port)
        test_pymodbus(port)
        rc, out = sim.stop()
        check(rc == 0, "sim exit %s: %s" % (rc, sim.stderr()))
        check(out.split("\t")[4].strip() == "modbus 19200 8N1", "sim stdout %r" % out)
    finally:
        sim.cleanup()
    print("ok")


main()
