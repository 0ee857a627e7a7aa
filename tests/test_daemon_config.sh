#!/bin/sh
# meterd run with a broken configuration: every error as file:line:column,
# exit status 1, nothing started; -n checks a good file; usage errors exit 2.
set -u
M="${METERD:?}"
T=$(mktemp -d /tmp/meterd-test.XXXXXX)
trap 'rm -rf "$T"' EXIT
fail=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi; }

cat >"$T/bad.conf" <<'CONF'
teleperiod 10s
meter power {
    port "/dev/ttyUSB0"
    protocol sml 9600 8X1
    poll soon
}
smi {
    pin 3 "/dev/ttyUSB1"
    script <<END
>M 1
+1,3,q,0,9600,SML
#
END
}
CONF
"$M" run -c "$T/bad.conf" >"$T/out" 2>"$T/err"
rc=$?
check "broken config exits 1 (got $rc)" '[ $rc -eq 1 ]'
check "framing error at 4:23" 'grep -q "bad.conf:4:23: expected a baud rate or a framing" "$T/err"'
check "duration error at 5:10" 'grep -q "bad.conf:5:10: expected a duration" "$T/err"'
check "script error at its config line 11" 'grep -q "bad.conf:11:[0-9]*: " "$T/err"'
check "error count summary" 'grep -q "bad.conf: [0-9]* errors" "$T/err"'
check "nothing on stdout" '[ ! -s "$T/out" ]'
check "no port was opened" '! grep -q "open" "$T/err"'

"$M" run -c "$T/missing.conf" 2>"$T/err2"
rc=$?
check "missing file exits 1 (got $rc)" '[ $rc -eq 1 ]'
check "missing file says why" 'grep -q "missing.conf: No such file or directory" "$T/err2"'

cat >"$T/good.conf" <<'CONF'
meter power {
    port "/dev/serial/by-id/usb-none"
    protocol sml
}
CONF
out=$("$M" run -n -c "$T/good.conf" 2>&1)
rc=$?
check "-n on a good file exits 0 (got $rc)" '[ $rc -eq 0 ]'
check "-n says ok" 'echo "$out" | grep -q "good.conf: ok"'

# Every shipped example passes the check (the seed script from data/).
for f in "${SOURCE_DIR:?}"/examples/*.conf; do
	sed "s|\"/etc/meterd/seed-script.tas\"|\"$SOURCE_DIR/data/seed-script.tas\"|" "$f" >"$T/ex.conf"
	"$M" run -n -c "$T/ex.conf" >/dev/null 2>"$T/ex.err"
	rc=$?
	check "example $(basename "$f") checks ok (got $rc)" '[ $rc -eq 0 ]'
done

"$M" run >/dev/null 2>&1
rc=$?
check "no -c is a usage error (got $rc)" '[ $rc -eq 2 ]'
exit $fail
