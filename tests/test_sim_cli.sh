#!/bin/bash
# meterd sim's command line: the list of meters, and clear errors (exit 2) for
# what it cannot do, before any port is opened.
set -u
M=${METERD:-build/dbg/meterd}
fail() { echo "FAIL: $*" >&2; exit 1; }

out=$("$M" sim --list) || fail "--list failed"
for k in q3d mt174 ehz dsmr5 trovis mc403 mbusheat; do
	echo "$out" | grep -q "^$k " || fail "--list lacks $k"
done
echo "$out" | grep -q '^q3d  *d0  *9600 7E1' || fail "--list q3d line: $out"
echo "$out" | grep -q '^mbusheat  *mbus  *2400 8E1' || fail "--list mbusheat line"

expect_usage_error() {
	err=$("$M" sim "$@" 2>&1 >/dev/null); rc=$?
	[ "$rc" -eq 2 ] || fail "meterd sim $*: exit $rc, want 2"
	echo "$err" | grep -q "$EXPECT" || fail "meterd sim $*: message '$err' lacks '$EXPECT'"
}
EXPECT="unknown meter" expect_usage_error nosuchmeter
EXPECT="bad --fault" expect_usage_error q3d --fault sometimes
EXPECT="bad --fault" expect_usage_error q3d --fault crc:101
EXPECT="bad --address" expect_usage_error trovis --address 300
EXPECT="bad --period" expect_usage_error q3d --period 5
EXPECT="exclude each other" expect_usage_error q3d --pty /tmp/x --tcp 127.0.0.1:0
EXPECT="needs an argument" expect_usage_error q3d --pty
EXPECT="usage" expect_usage_error

# A port that cannot be opened: exit 1 with the reason, nothing left behind.
err=$("$M" sim q3d --pty /nonexistent-dir/q3d 2>&1 >/dev/null); rc=$?
[ "$rc" -eq 1 ] || fail "unwritable link: exit $rc"
echo "$err" | grep -q "No such file or directory" || fail "unwritable link: '$err'"
EXPECT="bad --count" expect_usage_error q3d --count 0
EXPECT="bad --tcp" expect_usage_error q3d --tcp 127.0.0.1:65535 --count 2

# --count: many meters in one process, each on its own TCP port, each talking.
T=$(mktemp -d /tmp/meterd-simcli.XXXXXX)
"$M" sim --seed 4 q3d --tcp 127.0.0.1:0 --count 40 --period 500 >"$T/out" 2>"$T/err" &
SIM=$!
trap 'kill $SIM 2>/dev/null; rm -rf "$T"' EXIT
for _ in $(seq 1 100); do [ "$(wc -l <"$T/out")" -ge 40 ] && break; sleep 0.05; done
[ "$(wc -l <"$T/out")" -eq 40 ] || fail "--count 40 printed $(wc -l <"$T/out") lines"
[ "$(cut -f3 "$T/out" | sort -u | wc -l)" -eq 40 ] || fail "--count: ports not distinct"
for addr in $(cut -f3 "$T/out" | sed -n '1p;40p'); do
	/usr/bin/python3 - "$addr" <<'PY' || fail "no Q3D telegram on $addr"
import socket, sys, time
host, port = sys.argv[1].rsplit(":", 1)
s = socket.create_connection((host, int(port)), timeout=5)
data, end = b"", time.time() + 3
while time.time() < end and b"/ESY5Q3DB1024 V3.04" not in bytes(b & 0x7F for b in data):
    s.settimeout(max(0.01, end - time.time()))
    try:
        data += s.recv(4096)
    except socket.timeout:
        break
sys.exit(0 if b"/ESY5Q3DB1024 V3.04" in bytes(b & 0x7F for b in data) else 1)
PY
done
kill $SIM; wait $SIM
echo ok
