#!/bin/sh
# wmbus and wmbus_meter blocks with mistakes: each reported as
# file:line:column, exit status 1, nothing opened; a good one checks ok.
set -u
M="${METERD:?}"
T=$(mktemp -d /tmp/meterd-test.XXXXXX)
trap 'rm -rf "$T"' EXIT
fail=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi; }

cat >"$T/bad.conf" <<'CONF'
wmbus "stick" {
    port "/dev/ttyUSB0"
    dongle im999
    mode x1
}
wmbus "nothing" {
    dongle raw
}
wmbus_meter "water" {
    id 7634879
    key 28F64A24988064A079AA2C807D6102
}
wmbus_meter "heat" {
    id 67947613
    colour red
}
wmbus_meter "heat2" {
    id 67947613
}
CONF
"$M" run -c "$T/bad.conf" >"$T/out" 2>"$T/err"
rc=$?
check "broken config exits 1 (got $rc)" '[ $rc -eq 1 ]'
check "unknown dongle at 3:12" 'grep -q "bad.conf:3:12: unknown dongle .im999." "$T/err"'
check "unknown mode at 4:10" 'grep -q "bad.conf:4:10: unknown mode .x1." "$T/err"'
check "receiver without port or file" 'grep -q "bad.conf:6:[0-9]*: wmbus \"nothing\": give either a port or a file" "$T/err"'
check "short id at 10:8" 'grep -q "bad.conf:10:8: id: expected the meter.s 8 digits" "$T/err"'
check "short key at 11:9" 'grep -q "bad.conf:11:9: key: expected 32 hex digits" "$T/err"'
check "unknown setting at 15:5" 'grep -q "bad.conf:15:5: unknown wmbus_meter setting .colour." "$T/err"'
check "one id in two blocks" 'grep -q "bad.conf:17:[0-9]*: wmbus_meter \"heat2\": id 67947613 is also \"heat\"" "$T/err"'
check "no port was opened" '! grep -q "open" "$T/err"'

cat >"$T/good.conf" <<'CONF'
wmbus "stick" {
    port "/dev/serial/by-id/usb-none"
    dongle amb8465
    mode t1
    rssi yes
    dedup 10s
}
wmbus_meter "water" {
    id 76348799
    key 28F64A24988064A079AA2C807D6102AE
    driver kamstrup
}
CONF
out=$("$M" run -n -c "$T/good.conf" 2>&1)
rc=$?
check "a good wmbus config checks ok (got $rc: $out)" '[ $rc -eq 0 ]'
exit $fail
