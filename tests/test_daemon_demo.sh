#!/bin/bash
# meterd demo: the seed's three simulated meters are read through the seed
# script; every value of the script shows up; SIGTERM stops it cleanly and
# it removes its directory.
set -u
M="${METERD:?}"
T=$(mktemp -d /tmp/meterd-test.XXXXXX)
fail=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi; }
running() { case "$(ps -o stat= -p "$1" 2>/dev/null)" in ''|Z*) return 1 ;; *) return 0 ;; esac; }
"$M" demo --print --teleperiod 1 >"$T/out" 2>"$T/err" &
PID=$!
trap 'kill -KILL $PID 2>/dev/null; rm -rf "$T"' EXIT
# wait until a SENSOR line has every meter with all its values
full() {
	/usr/bin/python3 - "$T/out" <<'PY'
import json, sys
want = {"Strom": 6, "SekHK": 6, "PriHK": 5}
for line in open(sys.argv[1]):
    try:
        s = json.loads(line)
    except ValueError:
        continue
    if all(k in s and len(s[k]) == n for k, n in want.items()):
        sys.exit(0)
sys.exit(1)
PY
}
for _ in $(seq 1 300); do full && break; sleep 0.1; done
check "all three simulated meters are read with every value" full
dir=$(sed -n 's/^meterd demo: the seed.s meters, simulated on \(.*\)\/tty\*:$/\1/p' "$T/err")
check "demo says where its files are ($dir)" '[ -n "$dir" ] && [ -f "$dir/meterd.conf" ]'
check "values move (E_in is a plausible total)" \
	'grep -q "\"E_in\":[1-9][0-9]*\.[0-9]\{3\}" "$T/out"'
kill -TERM $PID
for _ in $(seq 1 100); do running $PID || break; sleep 0.05; done
wait $PID
rc=$?
check "SIGTERM: exit status 0 (got $rc)" '[ $rc -eq 0 ]'
check "the demo directory is removed" '[ -n "$dir" ] && [ ! -e "$dir" ]'
[ $fail -ne 0 ] && cat "$T/err"
exit $fail
