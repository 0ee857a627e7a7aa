#!/usr/bin/python3
"""Cross-check with an independent peer: pymodbus (Debian python3-pymodbus)
builds RTU ADUs for every function code meterd supports, requests and
responses and exceptions, for random slaves, addresses and values; `meterd
decode --protocol modbus` must read each one back field for field, both as
one frame per line (silence between frames) and as one unbroken byte stream
(framing by CRC alone). Skips (exit 77) when pymodbus is missing."""
import json
import os
import random
import subprocess
import sys
import tempfile

try:
    from pymodbus.framer.rtu_framer import ModbusRtuFramer
    from pymodbus.factory import ClientDecoder
    from pymodbus.pdu import ExceptionResponse
    from pymodbus.bit_read_message import (ReadCoilsRequest, ReadCoilsResponse,
                                           ReadDiscreteInputsRequest, ReadDiscreteInputsResponse)
    from pymodbus.bit_write_message import (WriteSingleCoilRequest, WriteSingleCoilResponse,
                                            WriteMultipleCoilsRequest, WriteMultipleCoilsResponse)
    from pymodbus.register_read_message import (ReadHoldingRegistersRequest, ReadHoldingRegistersResponse,
                                                ReadInputRegistersRequest, ReadInputRegistersResponse,
                                                ReadWriteMultipleRegistersRequest,
                                                ReadWriteMultipleRegistersResponse)
    from pymodbus.register_write_message import (WriteSingleRegisterRequest, WriteSingleRegisterResponse,
                                                 WriteMultipleRegistersRequest,
                                                 WriteMultipleRegistersResponse)
except ImportError as e:
    print('pymodbus not available (%s): scripts/deps.sh test installs python3-pymodbus' % e, file=sys.stderr)
    sys.exit(77)

METERD = os.environ.get('METERD', 'build/dbg/meterd')
framer = ModbusRtuFramer(ClientDecoder())
rnd = random.Random(5573)
failures = []
checks = 0


def check(cond, what):
    global checks
    checks += 1
    if not cond:
        failures.append(what)


def adu(msg, unit):
    msg.unit_id = unit
    return framer.buildPacket(msg)


def pair():
    """One request/response exchange: [(adu bytes, expected decode fields, expected values)]."""
    unit = rnd.randint(1, 247)
    fc = rnd.choice([1, 2, 3, 4, 5, 6, 15, 16, 23])
    out = []
    if fc in (1, 2):
        n = rnd.randint(1, 60)
        a = rnd.randint(0, 9000)
        bits = [rnd.random() < 0.5 for _ in range(n)]
        Req, Rsp = (ReadCoilsRequest, ReadCoilsResponse) if fc == 1 else (ReadDiscreteInputsRequest, ReadDiscreteInputsResponse)
        key = 'coils' if fc == 1 else 'inputs'
        out.append((adu(Req(a, n), unit), {'kind': 'request', 'address': a, 'count': n}, []))
        tab = 'co' if fc == 1 else 'di'
        out.append((adu(Rsp(bits), unit), {'kind': 'response', 'address': a, key: [int(b) for b in bits]},
                    [('modbus:%d:%s%d' % (unit, tab, a + i), int(b)) for i, b in enumerate(bits)]))
    elif fc in (3, 4):
        n = rnd.randint(1, 125)
        a = rnd.randint(0, 60000)
        regs = [rnd.randint(0, 65535) for _ in range(n)]
        Req, Rsp = (ReadHoldingRegistersRequest, ReadHoldingRegistersResponse) if fc == 3 else (ReadInputRegistersRequest, ReadInputRegistersResponse)
        out.append((adu(Req(a, n), unit), {'kind': 'request', 'address': a, 'count': n}, []))
        tab = 'hr' if fc == 3 else 'ir'
        out.append((adu(Rsp(regs), unit), {'kind': 'response', 'address': a, 'registers': regs},
                    [('modbus:%d:%s%d' % (unit, tab, a + i), v) for i, v in enumerate(regs)]))
    elif fc == 5:
        a, v = rnd.randint(0, 65535), rnd.random() < 0.5
        out.append((adu(WriteSingleCoilRequest(a, v), unit), {'kind': 'request', 'address': a, 'coil': v}, []))
        out.append((adu(WriteSingleCoilResponse(a, v), unit), {'kind': 'response', 'address': a, 'coil': v}, []))
    elif fc == 6:
        a, v = rnd.randint(0, 65535), rnd.randint(0, 65535)
        out.append((adu(WriteSingleRegisterRequest(a, v), unit), {'kind': 'request', 'address': a, 'registers': [v]}, []))
        out.append((adu(WriteSingleRegisterResponse(a, v), unit), {'kind': 'response', 'address': a, 'registers': [v]}, []))
    elif fc == 15:
        n = rnd.randint(1, 100)
        a = rnd.randint(0, 60000)
        bits = [rnd.random() < 0.5 for _ in range(n)]
        out.append((adu(WriteMultipleCoilsRequest(a, bits), unit),
                    {'kind': 'request', 'address': a, 'count': n, 'coils': [int(b) for b in bits]}, []))
        out.append((adu(WriteMultipleCoilsResponse(a, n), unit), {'kind': 'response', 'address': a, 'count': n}, []))
    elif fc == 16:
        n = rnd.randint(1, 123)
        a = rnd.randint(0, 60000)
        regs = [rnd.randint(0, 65535) for _ in range(n)]
        out.append((adu(WriteMultipleRegistersRequest(a, regs), unit),
                    {'kind': 'request', 'address': a, 'count': n, 'registers': regs}, []))
        out.append((adu(WriteMultipleRegistersResponse(a, n), unit), {'kind': 'response', 'address': a, 'count': n}, []))
    else:
        rn, wn = rnd.randint(1, 125), rnd.randint(1, 121)
        ra, wa = rnd.randint(0, 60000), rnd.randint(0, 60000)
        wregs = [rnd.randint(0, 65535) for _ in range(wn)]
        regs = [rnd.randint(0, 65535) for _ in range(rn)]
        out.append((adu(ReadWriteMultipleRegistersRequest(read_address=ra, read_count=rn, write_address=wa,
                                                          write_registers=wregs), unit),
                    {'kind': 'request', 'read_address': ra, 'read_count': rn, 'address': wa, 'count': wn,
                     'registers': wregs}, []))
        out.append((adu(ReadWriteMultipleRegistersResponse(regs), unit),
                    {'kind': 'response', 'address': ra, 'registers': regs},
                    [('modbus:%d:hr%d' % (unit, ra + i), v) for i, v in enumerate(regs)]))
    if rnd.random() < 0.25:  # the slave refuses instead
        code = rnd.choice([1, 2, 3, 4, 6])
        out[1] = (adu(ExceptionResponse(fc, code), unit), {'kind': 'exception', 'exception': code}, [])
    for i in range(len(out)):
        out[i][1].update(slave=unit, function=fc)
    return out


def decode(text):
    with tempfile.NamedTemporaryFile('w', suffix='.hex', delete=False) as t:
        t.write(text)
    try:
        p = subprocess.run([METERD, 'decode', '--protocol', 'modbus', '--strict', '--hex', t.name],
                           capture_output=True, timeout=60)
    finally:
        os.unlink(t.name)
    if p.returncode != 0:
        raise SystemExit('meterd decode failed: %s' % p.stderr.decode())
    objs = [json.loads(l) for l in p.stdout.decode().splitlines()]
    return [o for o in objs if o['type'] == 'frame'], [o for o in objs if o['type'] == 'value']


def compare(mode, frames, values, exchanges):
    want = [f for ex in exchanges for f in ex]
    check(len(frames) == len(want), '%s: %d frames, expected %d' % (mode, len(frames), len(want)))
    wv = []
    for i, (f, (raw, fields, vals)) in enumerate(zip(frames, want)):
        check(f['status'] == 'ok' and f['length'] == len(raw), '%s frame %d: %s %s' % (mode, i, f['status'], f.get('error')))
        for k, v in fields.items():
            check(f.get(k) == v, '%s frame %d (%s): %s = %r, expected %r' % (mode, i, raw.hex(), k, f.get(k), v))
        wv += [(f['index'], vid, v) for vid, v in vals]
    got = [(v['frame'], v['id'], v['value']) for v in values]
    check(got == wv, '%s: values differ (%d vs %d)' % (mode, len(got), len(wv)))


def main():
    exchanges = [pair() for _ in range(300)]
    lines = '\n'.join(a.hex() for ex in exchanges for a, _, _ in ex) + '\n'
    frames, values = decode(lines)
    compare('one frame per line', frames, values, exchanges)
    stream = ''.join(a.hex() for ex in exchanges for a, _, _ in ex) + '\n'
    frames, values = decode(stream)
    compare('one stream', frames, values, exchanges)
    fcs = sorted({f['function'] for f in frames})
    check(fcs == [1, 2, 3, 4, 5, 6, 15, 16, 23], 'function codes covered: %s' % fcs)
    check(any(f.get('kind') == 'exception' for f in frames), 'no exception covered')
    for f in failures[:30]:
        print('FAIL:', f, file=sys.stderr)
    print('%d checks, %d failed' % (checks, len(failures)), file=sys.stderr)
    return 1 if failures or checks == 0 else 0


if __name__ == '__main__':
    sys.exit(main())
