#!/usr/bin/python3
"""Golden test: `meterd decode --protocol d0` against every
tests/fixtures/d0/*.expected.json, value by value.

For each capture: the frame statuses (a BCC that the fixture calls invalid
must give crc_error), then every data set and every value in order: id,
index, number (exact: raw and scaler against value_exact), unit, text, empty
values, the identification (manufacturer, baud character, model) and the
BCC as sent and as computed. Captures with an expected_policy are also decoded with --strict,
which must report the damage and give no values; so must every capture
whose frame is not ok.

One documented difference from the fixtures: a value with '&'-separated
parts (Siemens 2WR5 "9.4(088*C&082*C)", flow and return temperature) is one
value per part in meterd (see core/include/meterd/dataset.h); the fixtures
keep it whole and call "C&082*C" the unit. For those the expected parts are
derived from the raw text with the grammar below, and the first part must
still equal the fixture's value.

The helpers here are shared with test_golden_dsmr.py.
"""
import json
import os
import re
import subprocess
import sys
from decimal import Decimal

NUMBER = re.compile(r'^ *([+-]?\d+(\.\d*)?) *$')


class Checker:
    def __init__(self, name):
        self.name = name
        self.checks = 0
        self.failures = []
        self.notes = []

    def eq(self, what, got, want):
        self.checks += 1
        if got != want:
            self.failures.append('%s: got %r, expected %r' % (what, got, want))
            return False
        return True

    def ok(self, what, cond):
        self.checks += 1
        if not cond:
            self.failures.append(what)
        return cond

    def finish(self):
        for n in self.notes:
            print('note: ' + n)
        if self.failures:
            for f in self.failures:
                print('FAIL ' + f)
            print('%s: %d checks, %d failed' % (self.name, self.checks, len(self.failures)))
            return 1
        print('%s: %d checks, all passed' % (self.name, self.checks))
        return 0


def meterd():
    m = os.environ.get('METERD')
    if not m:
        sys.exit('METERD is not set (run through ctest)')
    return m


def fixtures(proto):
    d = os.path.join(os.environ.get('FIXTURES', 'tests/fixtures'), proto)
    out = []
    for n in sorted(os.listdir(d)):
        if n.endswith('.expected.json'):
            stem = os.path.join(d, n[:-len('.expected.json')])
            with open(os.path.join(d, n)) as f:
                out.append((stem + '.txt', json.load(f)))
    return out


def decode(path, proto, strict=False):
    """[(frame dict, [value dicts])] in stream order."""
    cmd = [meterd(), 'decode', '--protocol', proto] + (['--strict'] if strict else []) + [path]
    p = subprocess.run(cmd, capture_output=True, timeout=30)
    if p.returncode != 0:
        raise RuntimeError('%s exited %d: %s' % (cmd, p.returncode, p.stderr.decode()))
    frames = []
    for line in p.stdout.decode().splitlines():
        o = json.loads(line, parse_float=Decimal)
        if o['type'] == 'frame':
            frames.append((o, []))
        else:
            if not frames or frames[-1][0]['index'] != o['frame']:
                raise RuntimeError('value before its frame: ' + line)
            frames[-1][1].append(o)
    return frames


def full_id(address):
    """The id meterd gives an address (dataset_format_id, no prefix)."""
    if re.match(r'^\d+-\d+:\d+\.\d+\.\d+$', address):
        return address + '*255'
    return address


def check_number(c, what, got, value_exact, unit):
    """value_exact is the decimal text of the value as sent (trailing zeros kept)."""
    want = Decimal(value_exact)
    if not c.ok('%s: a number expected, got %r' % (what, got), 'value' in got):
        return
    c.eq(what + ' value', Decimal(str(got['value'])), want)
    sign, digits, exp = want.as_tuple()
    raw = int(''.join(map(str, digits))) * (-1 if sign else 1)
    c.eq(what + ' raw', got.get('raw'), raw)
    c.eq(what + ' scaler', got.get('scaler'), exp)
    c.eq(what + ' unit', got.get('unit', ''), unit or '')


def check_text(c, what, got, text):
    c.ok('%s: text %r expected, got %r' % (what, text, got), 'text' in got)
    c.eq(what + ' text', got.get('text'), text)


def reference_part(raw):
    """Splits one '&' part the way dataset.h describes: (kind, exact, unit)."""
    num, star, unit = raw.partition('*')
    m = NUMBER.match(num)
    if m and raw:
        digits = m.group(1).lstrip('+')
        return ('number', str(Decimal(digits)), unit if star else '')
    return ('text', raw, None)


def expected_d0_values(ds):
    """[(index, kind, payload, unit)] for one data set of a D0 fixture."""
    out = []
    for v in ds['values']:
        raw = v['raw']
        if '&' in raw:
            parts = raw.split('&')
            for k, part in enumerate(parts):
                kind, exact, unit = reference_part(part)
                out.append((len(out), kind, exact, unit))
            if 'value' in v:
                first = reference_part(parts[0])
                if first[0] != 'number' or Decimal(first[1]) != Decimal(v['value_exact']):
                    raise RuntimeError('first part of %r is not the fixture value' % raw)
            continue
        if 'value_exact' in v:
            out.append((len(out), 'number', v['value_exact'], v.get('unit', '')))
        elif 'text' in v:
            out.append((len(out), 'text', v['text'], None))
        else:
            out.append((len(out), 'text', '', None))  # empty "()"
    return out


def check_ident(c, tag, frame, ident):
    """The identification fields meterd decode adds to a frame."""
    if ident is None:
        c.ok(tag + ' no identification expected', 'ident' not in frame)
        return
    c.eq(tag + ' ident', frame.get('ident'), ident['raw'])
    c.eq(tag + ' manufacturer', frame.get('manufacturer'), ident['manufacturer'])
    c.eq(tag + ' baud_char', frame.get('baud_char'), ident['baud_char'])
    c.eq(tag + ' model', frame.get('model'), ident['model'])


def check_values_d0(c, tag, data_sets, got):
    want = []
    for ds in data_sets:
        for item in expected_d0_values(ds):
            want.append((full_id(ds['address']),) + item)
    c.eq(tag + ' number of values', len(got), len(want))
    for k, (wid, idx, kind, payload, unit) in enumerate(want):
        if k >= len(got):
            break
        g = got[k]
        what = '%s value %d (%s index %d)' % (tag, k, wid, idx)
        c.eq(what + ' id', g['id'], wid)
        c.eq(what + ' index', g.get('index', 0), idx)
        if kind == 'number':
            check_number(c, what, g, payload, unit)
        else:
            check_text(c, what, g, payload)


def d0_main():
    c = Checker('golden d0')
    files = fixtures('d0')
    c.ok('all 9 d0 fixtures found: %d' % len(files), len(files) >= 9)
    for path, exp in files:
        tag = os.path.basename(path)
        frames = decode(path, 'd0')
        with_values = [f for f in frames if f[1]]
        if not c.eq(tag + ' frames with values', len(with_values), 1):
            continue
        frame, values = with_values[0]
        bcc = exp.get('bcc')
        if bcc is not None:
            c.eq(tag + ' status', frame['status'], 'ok' if bcc['valid'] else 'crc_error')
        else:
            c.ok(tag + ' status %r' % frame['status'], frame['status'] in ('ok', 'truncated'))
        check_ident(c, tag, frame, exp.get('identification'))
        if bcc is not None:
            c.eq(tag + ' bcc sent', frame.get('bcc'), bcc['in_message'])
            c.eq(tag + ' bcc computed', frame.get('bcc_calc'),
                 bcc['calculated_xor_after_STX_through_ETX'])
        check_values_d0(c, tag, exp['data_sets'], values)
        if exp.get('expected_policy') or frame['status'] != 'ok':
            strict = decode(path, 'd0', strict=True)
            c.eq(tag + ' --strict values', sum(len(v) for _, v in strict), 0)
            c.eq(tag + ' --strict statuses', [f['status'] for f, _ in strict],
                 [f['status'] for f, _ in frames])
    return c.finish()


if __name__ == '__main__':
    sys.exit(d0_main())
