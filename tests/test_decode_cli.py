#!/usr/bin/env python3
"""meterd decode, the command-line contract: exit codes, JSON Lines schema,
--protocol auto recognising each capture family, --hex equal to binary input,
stdin input, --strict. Golden values are checked per protocol elsewhere
(test_golden_*.py); this test checks the interface every protocol shares."""
import glob, json, os, subprocess, sys, tempfile

METERD = os.environ['METERD']
FIX = os.environ['FIXTURES']
failures = 0
checks = 0

def check(cond, msg):
    global failures, checks
    checks += 1
    if not cond:
        failures += 1
        print('FAIL:', msg)

def decode(*args, stdin=None):
    p = subprocess.run([METERD, 'decode', *args], input=stdin, capture_output=True, timeout=60)
    return p.returncode, p.stdout.decode('utf-8'), p.stderr.decode('utf-8', 'replace')

def lines(out):
    return [json.loads(l) for l in out.splitlines()]

FRAME_KEYS = {'type', 'protocol', 'index', 'offset', 'length', 'status'}
STATUSES = {'ok', 'crc_error', 'truncated', 'invalid'}

def check_schema(objs, where):
    frames = set()
    for o in objs:
        if o['type'] == 'frame':
            check(FRAME_KEYS <= set(o), '%s: frame keys %s' % (where, sorted(o)))
            check(o['status'] in STATUSES, '%s: status %r' % (where, o['status']))
            check((o['status'] == 'ok') == ('error' not in o),
                  '%s: "error" present exactly when status is not ok: %r' % (where, o))
            frames.add(o['index'])
        elif o['type'] == 'value':
            check(o['frame'] in frames, '%s: value refers to frame %r not printed before' % (where, o['frame']))
            check(('value' in o) != ('text' in o), '%s: exactly one of value/text: %r' % (where, o))
            check(isinstance(o.get('id'), str) and o['id'], '%s: value without id' % where)
            if 'value' in o:
                check(isinstance(o['value'], (int, float)), '%s: value not a number' % where)
        else:
            check(False, '%s: unknown line type %r' % (where, o['type']))

# Exit statuses: 2 usage, 1 unreadable input, 0 read (even when frames are bad).
rc, out, err = decode()
check(rc == 2 and err.strip() and '\n' not in err.strip(), 'no args: exit 2 with one line, got %d %r' % (rc, err))
rc, out, err = decode('--protocol', 'nonsense', '-')
check(rc == 2, 'unknown protocol: exit 2, got %d' % rc)
rc, out, err = decode('--bogus', 'x')
check(rc == 2, 'unknown option: exit 2, got %d' % rc)
rc, out, err = decode('/nonexistent/capture.bin')
check(rc == 1 and 'nonexistent' in err, 'missing file: exit 1 naming it, got %d %r' % (rc, err))
rc, out, err = decode('--protocol', 'sml', os.path.dirname(FIX))
check(rc == 1, 'a directory as input: exit 1, got %d' % rc)
rc, out, err = decode('--protocol', 'sml', '-', stdin=b'\x00garbage\x1b\x1b\x1b')
check(rc == 0, 'garbage is read: exit 0, got %d' % rc)

# Every capture: valid JSON Lines with the shared schema, and auto detection.
families = {'sml': '*.bin', 'd0': '*.txt', 'dsmr': '*.txt', 'kmp': '*.hex',
            'mbus': '**/*.hex', 'modbus': '*.hex'}
for proto, pattern in families.items():
    files = sorted(glob.glob(os.path.join(FIX, proto, pattern), recursive=True))
    check(files, 'fixtures for %s' % proto)
    detected = 0
    for f in files:
        hexmode = ['--hex'] if f.endswith('.hex') else []
        rc, out, err = decode('--protocol', proto, *hexmode, f)
        check(rc == 0, '%s: exit %d %s' % (f, rc, err))
        try:
            objs = lines(out)
        except ValueError as e:
            check(False, '%s: output is not JSON Lines: %s' % (f, e))
            continue
        check_schema(objs, f)
        if proto in ('sml', 'd0', 'dsmr'):
            rc, out2, err = decode('--protocol', 'auto', *hexmode, f)
            auto = [o for o in lines(out2) if o['type'] == 'frame']
            if rc == 0 and auto and all(o['protocol'] == proto for o in auto):
                detected += 1
            else:
                print('auto detection missed %s (%s)' % (f, err.strip() or [o['protocol'] for o in auto][:1]))
    if proto in ('sml', 'd0', 'dsmr'):
        # A capture that is mostly noise may defeat detection; almost all must not.
        check(detected >= len(files) - 1, '%s: auto detected %d of %d' % (proto, detected, len(files)))

# --hex gives exactly what the binary twin gives; stdin equals a file.
for b in sorted(glob.glob(os.path.join(FIX, 'sml', '*.bin')))[:6]:
    h = b[:-4] + '.hex'
    _, ob, _ = decode('--protocol', 'sml', b)
    _, oh, _ = decode('--protocol', 'sml', '--hex', h)
    check(ob == oh, '%s: --hex output differs from binary' % h)
    _, os_, _ = decode('--protocol', 'sml', '-', stdin=open(b, 'rb').read())
    check(ob == os_, '%s: stdin output differs from file' % b)

# --strict: values only from frames whose checksum is right.
for f in sorted(glob.glob(os.path.join(FIX, 'dsmr', '*.txt'))):
    rc, out, _ = decode('--protocol', 'dsmr', '--strict', f)
    objs = lines(out)
    bad = {o['index'] for o in objs if o['type'] == 'frame' and o['status'] != 'ok'}
    check(not [o for o in objs if o['type'] == 'value' and o['frame'] in bad],
          '%s: --strict printed values of a bad frame' % f)

print('%d checks, %d failed' % (checks, failures))
sys.exit(1 if failures else 0)
