"""The Iskra MT174 simulator read in IEC 62056-21 mode C on a pty, as a reader on a
bidirectional optical head does it: sign-on at 300 baud 7E1, identification,
acknowledgement choosing 9600 baud, readout. Checks: the head's echo, the
identification of the real meter, the readout's BCC and data sets (the same ids in
the same order as the real capture's expected file), and that a sign-on for
another address gets no answer. (The 300-baud pace: bench/sim_pacing.py.)"""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from sim_helper import FIXTURES, Sim, check, decode, even_parity_ok, expected_ids, frames, ids_of, open_port, read_for

FIXTURE = os.path.join(FIXTURES, "d0", "smartmeter-obis__ISk_MT174_modeC_ack.txt")


def with_parity(data):
    """What a 7E1 UART puts on the line, as an 8N1 reader of it sees it."""
    return bytes(b | (0x80 if bin(b).count("1") % 2 else 0) for b in data)


def main():
    sim = Sim("--seed", "3", "mt174", "--pty", "@mt174")
    try:
        fd = open_port(sim.path("mt174"))
        # Another meter's address: silence (apart from the head's echo).
        req = with_parity(b"/?12345678!\r\n")
        os.write(fd, req)
        data, _ = read_for(fd, 1.0)
        check(data == req, "foreign sign-on answered: %r" % data)

        req = with_parity(b"/?!\r\n")
        os.write(fd, req)
        data, chunks = read_for(fd, 3, until=lambda d: d.count(0x8A) + d.count(0x0A) >= 2)
        check(data.startswith(req), "no echo of the sign-on: %r" % data)
        ident = data[len(req):]
        check(all(even_parity_ok(b) for b in data), "parity errors in the identification")
        check(bytes(b & 0x7F for b in ident) == b"/ISk5MT174-0001\r\n", "ident %r" % ident)
        # The 300-baud pace (17 characters: 0.57 s) is measured by bench/sim_pacing.py.

        ack = with_parity(b"\x06050\r\n")
        os.write(fd, ack)
        data, _ = read_for(fd, 20, until=lambda d: len(d) > 2 and (d[-2] & 0x7F) == 0x03)
        os.close(fd)
        check(data.startswith(ack), "no echo of the acknowledgement")
        check(all(even_parity_ok(b) for b in data), "parity errors in the readout")
        text = bytes(b & 0x7F for b in ident + data[len(ack):])
        fr = frames(decode("d0", text))
        check(len(fr) == 1 and fr[0][0]["status"] == "ok", "readout: %s" % [f[0] for f in fr])
        f = fr[0][0]
        check(f.get("mode") == "C" and f.get("bcc") == f.get("bcc_calc"), "readout frame %s" % f)
        got = ids_of(decode("d0", text))
        want = expected_ids(FIXTURE)
        check(got == want, "data sets differ from the real meter's: %s" %
              [(a, b) for a, b in zip(got, want) if a != b][:5])
        vals = fr[0][1]
        check(vals["1-0:1.8.0*255"]["value"] >= vals["1-0:1.8.0*01"]["value"],
              "total below the last billing value")
        rc, _ = sim.stop()
        check(rc == 0, "sim exit %s" % rc)
    finally:
        sim.cleanup()
    print("ok")


main()
