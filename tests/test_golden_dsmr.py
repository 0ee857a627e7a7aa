#!/usr/bin/python3
"""Golden test: `meterd decode --protocol dsmr` against every
tests/fixtures/dsmr/*.expected.json, object by object and value by value.

Frames: a valid CRC gives ok, a wrong one crc_error (values only without
--strict), a telegram without '!' at the end of input truncated (values only
without --strict), a telegram cut off by the next one truncated with no
values, then the next one ok.

Identification: raw line, manufacturer, baud character, model. CRC: as
sent and as computed (also the one a CRC-less telegram would have).

Values: every group of every object at its position (`index`): numbers
exact (raw, scaler, unit), texts, empty groups as "", time stamps. A time
stamp followed by a number is that number's `time` (no reading of its own);
any other stamp is a text reading with `time`; both compared with the
fixture's utc_derived, and an invalid stamp must give no time. DSMR 2.2
profile values (0-n:24.3.0 continuation line) carry the header's unit and
time stamp.

Documented differences from the fixtures: equipment ids (0-n:96.1.0/1/2,
0-0:42.0.0) sent as hex-encoded printable ASCII (4530303434...38) are text
readings of that text ("E0044007131650618"), computed here from the
fixture's raw digits; other digit-only values of more than 18 digits are
listed there as numbers (4.53e33) but do not fit a 63-bit mantissa, so
meterd gives them as text, as sent. The test requires exactly that and lists
each such value.
"""
import os
import re
import sys
from datetime import datetime, timedelta, timezone
from decimal import Decimal

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_golden_d0 import (Checker, check_ident, check_number, check_text, decode,  # noqa: E402
                            fixtures, full_id)


def utc_of(iso):
    """meterd's time string (local + offset, or local alone) -> UTC text, local text."""
    if iso[-6] in '+-':
        t = datetime.fromisoformat(iso)
        return t.astimezone(timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')
    return None


def is_number(v):
    return 'value_exact' in v


def too_long(v):
    """A digit string whose significant digits do not fit in 63 bits."""
    digits = v['value_exact'].lstrip('+-').replace('.', '').lstrip('0')
    return len(digits) > 18 or (len(digits) == 19 and int(digits) > 2**63 - 1)


EQUIPMENT_ID = re.compile(r'^0-\d+:96\.1\.[012]\*255$|^0-0:42\.0\.0\*255$')


def equipment_text(oid, raw):
    """The text of an equipment id sent as hex-encoded printable ASCII, else None."""
    if not EQUIPMENT_ID.match(oid) or len(raw) < 2 or len(raw) % 2:
        return None
    try:
        b = bytes.fromhex(raw)
    except ValueError:
        return None
    return b.decode('ascii') if all(0x20 <= x <= 0x7e for x in b) else None


def check_time(c, what, got, stamp):
    if stamp.get('invalid_timestamp'):
        c.ok('%s: invalid stamp %s must give no time, got %r' % (what, stamp['raw'], got.get('time')),
             'time' not in got)
        return
    c.ok('%s: time missing' % what, 'time' in got)
    if 'time' in got:
        c.eq(what + ' time (UTC)', utc_of(got['time']), stamp['utc_derived'])
        c.eq(what + ' time (local)', got['time'][:19], stamp['timestamp_local'])


def check_object(c, tag, ob, got, notes):
    oid = full_id(ob['obis'])
    vals = ob['values']
    mine = [g for g in got if g['id'] == oid]
    by_index = {g.get('index', 0): g for g in mine}
    c.eq('%s %s distinct indexes' % (tag, oid), len(by_index), len(mine))
    profile = oid.endswith(':24.3.0*255') and len(vals) > 6
    expected_readings = 0
    for i, v in enumerate(vals):
        what = '%s %s[%d]' % (tag, oid, i)
        g = by_index.get(i)
        if 'timestamp_local' in v:
            nxt = vals[i + 1] if i + 1 < len(vals) else None
            if nxt is not None and is_number(nxt) and not too_long(nxt):
                c.ok('%s: a stamp before a number is its time, not a reading' % what, g is None)
                if i + 1 in by_index:
                    check_time(c, what + '->value', by_index[i + 1], v)
                continue
            expected_readings += 1
            if c.ok('%s: missing' % what, g is not None):
                check_text(c, what, g, v['raw'])
                check_time(c, what, g, v)
            continue
        expected_readings += 1
        if not c.ok('%s: missing' % what, g is not None):
            continue
        ascii_id = equipment_text(oid, v.get('raw', ''))
        if ascii_id is not None:
            notes.append('%s: %s is the equipment id %r' % (what, v['raw'], ascii_id))
            check_text(c, what, g, ascii_id)
        elif is_number(v) and too_long(v):
            notes.append('%s: %s is text in meterd (too long for a number, an id)'
                         % (what, v['raw']))
            check_text(c, what, g, v['raw'])
        elif is_number(v):
            unit = v.get('unit', '')
            if profile and i >= 6 and not unit:
                unit = vals[5]['raw']
            check_number(c, what, g, v['value_exact'], unit)
            if profile and i >= 6:
                s = vals[0]['raw']
                want = '20%s-%s-%sT%s:%s:%s' % (s[0:2], s[2:4], s[4:6], s[6:8], s[8:10], s[10:12])
                c.eq(what + ' profile time', g.get('time'), want)
            elif i == 0 or 'timestamp_local' not in vals[i - 1]:
                c.ok('%s: no time expected, got %r' % (what, g.get('time')), 'time' not in g)
        elif 'text' in v:
            check_text(c, what, g, v['text'])
        else:
            check_text(c, what, g, '')
    return expected_readings


def check_values(c, tag, objects, got, notes):
    total = 0
    for ob in objects:
        total += check_object(c, tag, ob, got, notes)
    c.eq(tag + ' number of values', len(got), total)


def check_crc(c, tag, frame, crc):
    """CRC as sent and as computed; for telegrams without one, what it would be."""
    if 'in_telegram' in crc:
        c.eq(tag + ' crc sent', int(frame.get('crc', 'x'), 16), int(crc['in_telegram'], 16))
        c.eq(tag + ' crc computed', frame.get('crc_calc'), crc['calculated'])
    elif 'calculated_if_it_had_one' in crc:
        c.ok(tag + ' no crc expected', 'crc' not in frame)
        c.eq(tag + ' crc computed', frame.get('crc_calc'), crc['calculated_if_it_had_one'])


def dsmr_main():
    c = Checker('golden dsmr')
    notes = []
    files = fixtures('dsmr')
    c.ok('all 25 dsmr fixtures found: %d' % len(files), len(files) >= 25)
    for path, exp in files:
        tag = os.path.basename(path)
        crc = exp['crc']
        frames = decode(path, 'dsmr')
        strict = decode(path, 'dsmr', strict=True)
        if 'second_telegram' in exp:
            # A cut-off telegram, then a complete one with a valid CRC.
            c.eq(tag + ' statuses', [f['status'] for f, _ in frames], ['truncated', 'ok'])
            c.eq(tag + ' second offset', frames[-1][0]['offset'], exp['second_telegram']['offset'])
            c.eq(tag + ' values of the fragment', len(frames[0][1]), 0)
            check_ident(c, tag, frames[-1][0], exp['header'])
            check_crc(c, tag, frames[-1][0], crc['second_telegram'])
            check_values(c, tag, exp['objects'], frames[-1][1], notes)
            c.eq(tag + ' --strict', [(f['status'], len(v)) for f, v in strict],
                 [(f['status'], len(v)) for f, v in frames])
            continue
        if crc.get('present'):
            status = 'ok' if crc['valid'] else 'crc_error'
        elif crc.get('reason'):
            status = 'truncated'  # no '!' before the end of input
        else:
            status = 'ok'  # DSMR 2.2/3: bare '!'
        if not c.eq(tag + ' frames', [f['status'] for f, _ in frames], [status]):
            continue
        check_ident(c, tag, frames[0][0], exp['header'])
        check_crc(c, tag, frames[0][0], crc)
        check_values(c, tag, exp['objects'], frames[0][1], notes)
        c.eq(tag + ' --strict status', strict[0][0]['status'], status)
        c.eq(tag + ' --strict values', len(strict[0][1]), len(frames[0][1]) if status == 'ok' else 0)
    c.notes = notes
    return c.finish()


if __name__ == '__main__':
    sys.exit(dsmr_main())
