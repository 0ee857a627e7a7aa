#!/bin/sh
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
echo ok
