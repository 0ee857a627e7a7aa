#!/bin/sh
# Wireless M-Bus decoding on one core: telegrams/s over every telegram in
# tests/fixtures/wmbus (encrypted ones with their keys), the AES share, and
# instructions per telegram from callgrind (with the AES instructions apart).
# Usage: bench/wmbus.sh [SECONDS]
set -eu
cd "$(dirname "$0")/.."
cmake --preset release >/dev/null
cmake --build --preset release -j2 --target bench_wmbus >/dev/null
b=build/release/bench_wmbus
$b tests/fixtures "${1:-2}"
if ! command -v valgrind >/dev/null; then
	echo "wmbus: valgrind not installed, no instruction counts" >&2
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Two runs, 0 and 200 rounds: the difference is the decoding alone.
ir() {
	valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.$1" "$b" tests/fixtures --once "$1" \
		>"$tmp/out.$1" 2>/dev/null
	callgrind_annotate --inclusive=yes "$tmp/cg.$1" 2>/dev/null >"$tmp/ann.$1"
}
ir 0
ir 200
total() { awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }' "$tmp/ann.$1"; }
aes() { awk '/count_enc|count_dec/ { gsub(",", "", $1); s += $1 } END { print s + 0 }' "$tmp/ann.$1"; }
n=$(awk '{ print $1 }' "$tmp/out.200")
python3 - "$(total 0)" "$(total 200)" "$(aes 0)" "$(aes 200)" "$n" <<'PY'
import sys
t0, t1, a0, a1, n = (int(x) for x in sys.argv[1:])
tel = n * 200
print("wmbus: %.0f instructions per telegram (callgrind), of which AES %.0f; %d telegrams x 200"
      % ((t1 - t0) / tel, (a1 - a0) / tel, n))
PY
