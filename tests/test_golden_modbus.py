#!/usr/bin/python3
"""Golden test: `meterd decode --protocol modbus --hex` against every
tests/fixtures/modbus/*.expected.json, field by field, plus the same bytes as
one unbroken stream (framing by CRC alone), broken frames, and the TROVIS 5573
profile naming the seed reads. Fails loudly with every mismatch listed."""
import json
import os
import re
import subprocess
import sys
import tempfile

METERD = os.environ.get('METERD', 'build/dbg/meterd')
FIX = os.path.join(os.environ.get('FIXTURES', 'tests/fixtures'), 'modbus')
failures = []
checks = 0


def check(cond, what):
    global checks
    checks += 1
    if not cond:
        failures.append(what)


def decode(path, *opts, stdin=None):
    cmd = [METERD, 'decode', '--protocol', 'modbus'] + list(opts) + [path]
    p = subprocess.run(cmd, input=stdin, capture_output=True, timeout=30)
    if p.returncode != 0:
        raise SystemExit('%s failed (%d): %s' % (cmd, p.returncode, p.stderr.decode()))
    out = [json.loads(l) for l in p.stdout.decode().splitlines()]
    frames = [o for o in out if o['type'] == 'frame']
    values = [o for o in out if o['type'] == 'value']
    return frames, values


def hex_lines(path):
    return [bytes.fromhex(l) for l in open(path).read().splitlines() if l.strip()]


def check_offsets(name, frames, lines):
    off = 0
    check(len(frames) == len(lines), '%s: %d frames, expected %d' % (name, len(frames), len(lines)))
    for i, (f, l) in enumerate(zip(frames, lines)):
        check(f['index'] == i, '%s frame %d: index %s' % (name, i, f['index']))
        check(f['offset'] == off, '%s frame %d: offset %s, expected %d' % (name, i, f['offset'], off))
        check(f['length'] == len(l), '%s frame %d: length %s, expected %d' % (name, i, f['length'], len(l)))
        off += len(l)


def test_pymodbus():
    stem = os.path.join(FIX, 'pymodbus_rtu_frames')
    exp = json.load(open(stem + '.expected.json'))
    lines = hex_lines(stem + '.hex')
    frames, values = decode(stem + '.hex', '--hex')
    check_offsets('pymodbus', frames, lines)
    want_values = []
    for e, f in zip(exp['expected'], frames):
        where = 'pymodbus line %d' % e['line']
        check(f['status'] == ('ok' if e['crc_ok'] else 'crc_error'), '%s: status %s' % (where, f['status']))
        check(f.get('kind') == e['kind'], '%s: kind %s, expected %s' % (where, f.get('kind'), e['kind']))
        slave = int(re.search(r'slave (\d+)', e['meaning']).group(1))
        check(f.get('slave') == slave, '%s: slave %s, expected %d' % (where, f.get('slave'), slave))
        check(f.get('function') == 3, '%s: function %s' % (where, f.get('function')))
        if e['kind'] == 'request':
            m = re.search(r'address 0x([0-9A-F]+), count (\d+)', e['meaning'])
            check(f.get('address') == int(m.group(1), 16), '%s: address %s' % (where, f.get('address')))
            check(f.get('count') == int(m.group(2)), '%s: count %s' % (where, f.get('count')))
        elif e['kind'] == 'response':
            regs = [int(x) for x in re.findall(r'(?:=|\[|, )(\d+)(?=[,\]])', e['meaning'])]
            check(f.get('registers') == regs, '%s: registers %s, expected %s' % (where, f.get('registers'), regs))
            # It answers the request on the line before, so the address is known.
            check(f.get('address') == 0x7C, '%s: address %s' % (where, f.get('address')))
            want_values += [(f['index'], 'modbus:%d:hr%d' % (slave, 0x7C + i), v) for i, v in enumerate(regs)]
        else:
            code = int(re.search(r'code (\d+)', e['meaning']).group(1))
            check(f.get('exception') == code, '%s: exception %s, expected %d' % (where, f.get('exception'), code))
            check(f.get('exception_name') == 'illegal data address', '%s: exception name' % where)
    got = [(v['frame'], v['id'], v['value']) for v in values]
    check(got == want_values, 'pymodbus values %s, expected %s' % (got, want_values))
    return frames, values


def translit(name):
    for a, b in (('ä', 'ae'), ('ö', 'oe'), ('ü', 'ue'), ('ß', 'ss')):
        name = name.replace(a, b)
    return name


def test_trovis():
    stem = os.path.join(FIX, 'trovis5573_seed_reads')
    exp = json.load(open(stem + '.expected.json'))
    lines = hex_lines(stem + '.hex')
    reads = exp['seed_script_reads']['reads']
    slave = exp['seed_script_reads']['slave_id']
    frames, values = decode(stem + '.hex', '--hex')
    check_offsets('trovis', frames, lines)
    for fe, f in zip(exp['frames'], frames):
        where = 'trovis line %d' % fe['line']
        check(f['status'] == 'ok' and fe.get('crc_ok', True), '%s: status %s' % (where, f['status']))
        check(f.get('slave') == slave and f.get('function') == 3, '%s: slave/function' % where)
        if fe['kind'] == 'request':
            rd = reads[fe['line'] - 1]
            check(f.get('kind') == 'request', '%s: kind %s' % (where, f.get('kind')))
            check(f.get('address') == int(rd['start_address'], 16), '%s: address %s' % (where, f.get('address')))
            check(f.get('count') == rd['count'], '%s: count %s' % (where, f.get('count')))
    resp = exp['frames'][3]
    f = frames[3]
    check(f.get('kind') == 'response', 'trovis line 4: kind %s' % f.get('kind'))
    raw = [int(d['raw_hex'], 16) for d in resp['decoded']]
    check(f.get('registers') == raw, 'trovis line 4: registers %s' % f.get('registers'))
    check(2 * len(raw) == resp['byte_count'], 'trovis line 4: byte count')
    # It answers line 1 (the other two requests want 8 and 2 bytes), so address 9 on.
    check(f.get('address') == resp['decoded'][0]['protocol_address'], 'trovis line 4: address %s' % f.get('address'))
    # Without a profile: one raw value per register.
    want = [('modbus:%d:hr%d' % (slave, d['protocol_address']), r) for d, r in zip(resp['decoded'], raw)]
    got = [(v['id'], v['value']) for v in values]
    check(got == want, 'trovis raw values %s, expected %s' % (got, want))
    check(all(v['frame'] == 3 for v in values), 'trovis values belong to frame 3')

    # With the TROVIS profile: names, units, scale, sign, absent sensors.
    frames_p, values_p = decode(stem + '.hex', '--hex', '--option', 'profile=samson-trovis-5573')
    check(len(frames_p) == len(frames), 'trovis+profile: frame count')
    meta = {r['protocol_address']: r for r in reads[0]['registers']}
    by_id = {v['id']: v for v in values_p}
    check(len(values_p) == len(resp['decoded']), 'trovis+profile: %d values' % len(values_p))
    named = absent = unnamed = 0
    for d in resp['decoded']:
        vid = 'modbus:%d:hr%d' % (slave, d['protocol_address'])
        v = by_id.get(vid)
        m = meta[d['protocol_address']]
        where = 'trovis+profile %s (%s)' % (vid, d['register'])
        if v is None:
            check(False, '%s: no value line' % where)
            continue
        if not m['documented_for_5573']:
            # Not in the 5573's register list: passed through raw, without a name.
            unnamed += 1
            check('name' not in v and v['value'] == int(d['raw_hex'], 16), '%s: should be raw, unnamed: %s' % (where, v))
            continue
        check(v.get('name') == translit(m['name']), '%s: name %s, expected %s' % (where, v.get('name'), translit(m['name'])))
        check(v.get('unit') == m['unit'], '%s: unit %s' % (where, v.get('unit')))
        if isinstance(d['value'], str):
            absent += 1
            check('sentinel 0x7FFF' in d['value'], '%s: expected text %s' % (where, d['value']))
            check(v.get('absent') is True and v['value'] is None, '%s: should be absent: %s' % (where, v))
            check(v.get('raw') == 0x7FFF, '%s: raw %s' % (where, v.get('raw')))
        else:
            named += 1
            check(abs(v['value'] - d['value']) < 1e-9, '%s: value %s, expected %s' % (where, v['value'], d['value']))
            check(v.get('unit') == d['unit'], '%s: unit %s, expected %s' % (where, v.get('unit'), d['unit']))
            check(abs(v['raw'] * m['scale'] - d['value']) < 1e-9, '%s: raw %s' % (where, v['raw']))
    check((named, absent, unnamed) == (4, 6, 4), 'trovis+profile: named/absent/unnamed %s' % ((named, absent, unnamed),))


def test_stream(name, frames_hex, values_hex):
    """The same bytes with no line breaks: frames found by CRC alone."""
    path = os.path.join(FIX, name + '.hex')
    blob = b''.join(hex_lines(path)).hex().encode()
    frames, values = decode('-', '--hex', stdin=blob + b'\n')
    strip = lambda fs: [{k: v for k, v in f.items()} for f in fs]
    check(strip(frames) == strip(frames_hex), '%s as one stream: frames differ:\n%s\n%s' % (name, frames, frames_hex))
    check(values == values_hex, '%s as one stream: values differ' % name)


def test_broken():
    ok = 'F7 03 00 09 00 0E 00 9A'
    cases = [
        # a bit flip in the request's count: a whole frame with a wrong CRC
        ('F7 03 00 09 00 0F 00 9A\n' + ok + '\n', [('crc_error', 8), ('ok', 8)]),
        # cut short by line silence, then a good frame
        ('F7 03 00 09 00\n' + ok + '\n', [('truncated', 5), ('ok', 8)]),
        # noise before a good frame on the same line: one invalid frame, then the frame
        ('00 FF 13 ' + ok + '\n', [('invalid', 3), ('ok', 8)]),
        # a function code without a known length (FC 8 diagnostics), CRC right: ok, kind other
        ('11 08 00 00 A5 37 D8 1D\n', [('ok', 8)]),
        # input ending inside a frame
        (ok + '\nF7 03 1C FF', [('ok', 8), ('truncated', 4)]),
    ]
    for text, want in cases:
        with tempfile.NamedTemporaryFile('w', suffix='.hex', delete=False) as t:
            t.write(text)
        try:
            frames, _ = decode(t.name, '--hex')
        finally:
            os.unlink(t.name)
        got = [(f['status'], f['length']) for f in frames]
        check(got == want, 'broken %r: %s, expected %s' % (text, got, want))
        for f in frames:
            if f['status'] != 'ok':
                check(bool(f.get('error')), 'broken %r: status %s without error text' % (text, f['status']))
    # FC 8: reported with its data, kind "other"
    with tempfile.NamedTemporaryFile('w', suffix='.hex', delete=False) as t:
        t.write('11 08 00 00 A5 37 D8 1D\n')
    frames, _ = decode(t.name, '--hex')
    os.unlink(t.name)
    check(frames and frames[0].get('kind') == 'other' and frames[0].get('data') == '0000a537',
          'FC 8 frame: %s' % frames)
    # A response with a wrong CRC: values only when lenient (the default), none with --strict.
    text = 'F7 03 00 6A 00 01 B0 80\nF7 03 02 00 2A 00 00\n'
    with tempfile.NamedTemporaryFile('w', suffix='.hex', delete=False) as t:
        t.write(text)
    lenient = decode(t.name, '--hex')
    strict = decode(t.name, '--hex', '--strict')
    os.unlink(t.name)
    check([f['status'] for f in lenient[0]] == ['ok', 'crc_error'], 'lenient statuses %s' % lenient[0])
    check([(v['id'], v['value']) for v in lenient[1]] == [('modbus:247:hr106', 42)], 'lenient values %s' % lenient[1])
    check(strict[1] == [], 'strict values %s' % strict[1])


def main():
    exp_files = sorted(n for n in os.listdir(FIX) if n.endswith('.expected.json'))
    check(exp_files == ['pymodbus_rtu_frames.expected.json', 'trovis5573_seed_reads.expected.json'],
          'unexpected fixture set %s: add its golden check' % exp_files)
    f1, v1 = test_pymodbus()
    test_trovis()
    test_stream('pymodbus_rtu_frames', f1, v1)
    f2, v2 = decode(os.path.join(FIX, 'trovis5573_seed_reads.hex'), '--hex')
    test_stream('trovis5573_seed_reads', f2, v2)
    test_broken()
    for f in failures:
        print('FAIL:', f, file=sys.stderr)
    print('%d checks, %d failed' % (checks, len(failures)), file=sys.stderr)
    return 1 if failures or checks == 0 else 0


if __name__ == '__main__':
    sys.exit(main())
