"""
sim_pacing.py - how fast the simulators of `meterd sim` put bytes on their
lines, against what the line's baud rate allows (not a test: it prints
figures and asserts nothing; the tests carry no wall-clock bounds).

  q3d     D0 push at 9600 7E1: bytes/s over DURATION s (the line allows 960)
  mt174   mode C identification at 300 7E1: seconds for 17 characters (>= 0.57)
  heat    M-Bus REQ_UD2 reply at 2400 8E1: seconds for 205 bytes (>= 0.94)

usage: sim_pacing.py METERD [DURATION]
"""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests"))
os.environ["METERD"] = sys.argv[1]
import sim_helper as h  # noqa: E402

duration = float(sys.argv[2]) if len(sys.argv) > 2 else 6.5


def parity7(data):
    return bytes(b | (0x80 if bin(b).count("1") % 2 else 0) for b in data)


sim = h.Sim("--seed", "42", "q3d", "--pty", "@q3d", "mt174", "--pty", "@mt174",
            "mbusheat", "--pty", "@heat")
try:
    t0 = time.monotonic()
    data, _ = h.capture(sim.path("q3d"), duration)
    took = time.monotonic() - t0
    print("q3d     %6.0f bytes/s  (9600 7E1 allows 960)" % (len(data) / took))

    fd = h.open_port(sim.path("mt174"))
    req = parity7(b"/?!\r\n")
    t0 = time.monotonic()
    os.write(fd, req)
    data, _ = h.read_for(fd, 3, until=lambda d: d.count(0x8A) + d.count(0x0A) >= 2)
    print("mt174   %6.2f s for the identification  (300 7E1: at least 0.57 s)" %
          (time.monotonic() - t0))
    os.close(fd)

    fd = h.open_port(sim.path("heat"))
    req = bytes([0x10, 0x7B, 183, (0x7B + 183) & 0xFF, 0x16])
    t0 = time.monotonic()
    os.write(fd, req)
    data, _ = h.read_for(fd, 4, until=lambda d: len(d) >= 205)
    print("heat    %6.2f s for a %d-byte reply  (2400 8E1: at least 0.94 s for 205)" %
          (time.monotonic() - t0, len(data)))
    os.close(fd)
finally:
    sim.cleanup()
