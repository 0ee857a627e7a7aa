#!/bin/sh
# Builds the libFuzzer harnesses (clang) and runs each for SECONDS (default
# 60) seeded with its fixtures, as many at once as there are cores. A crash
# leaves crash-* files and fails.
set -eu
cd "$(dirname "$0")/.."
secs="${1:-60}"
scripts/deps.sh test
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j"$(nproc)"

# One harness; its exit status says whether it found a crash.
fuzz_one() {
	name=${1##*/fuzz_}
	corpus=$(mktemp -d)
	if [ -d "tests/fixtures/$name" ]; then
		find "tests/fixtures/$name" -type f \( -name '*.bin' -o -name '*.txt' -o -name '*.hex' \) \
			-exec cp {} "$corpus/" \;
	fi
	echo "fuzz $name for ${secs}s" >&2
	rc=0
	"$1" -max_total_time="$secs" -max_len=8192 -timeout=5 -print_final_stats=0 \
		-artifact_prefix="build/fuzz/crash-$name-" "$corpus" 2>"build/fuzz/$name.log" || rc=$?
	rm -rf "$corpus"
	[ "$rc" -eq 0 ] || { echo "fuzz $name FAILED:" >&2; tail -40 "build/fuzz/$name.log" >&2; }
	return "$rc"
}

jobs=$(nproc)
running=""
failed=0
for f in build/fuzz/fuzz_*; do
	[ -x "$f" ] || continue
	fuzz_one "$f" &
	running="$running $!"
	if [ "$(echo $running | wc -w)" -ge "$jobs" ]; then
		for p in $running; do wait "$p" || failed=1; done
		running=""
	fi
done
for p in $running; do wait "$p" || failed=1; done
exit "$failed"
