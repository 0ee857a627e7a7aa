#!/bin/sh
# Builds the libFuzzer harnesses (clang) and runs each for SECONDS (default
# 60) seeded with its fixtures. A crash leaves crash-* files and fails.
set -eu
cd "$(dirname "$0")/.."
secs="${1:-60}"
scripts/deps.sh test
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j"$(nproc)"
for f in build/fuzz/fuzz_*; do
	[ -x "$f" ] || continue
	name=${f##*/fuzz_}
	corpus=$(mktemp -d)
	if [ -d "tests/fixtures/$name" ]; then
		find "tests/fixtures/$name" -type f \( -name '*.bin' -o -name '*.txt' -o -name '*.hex' \) \
			-exec cp {} "$corpus/" \;
	fi
	echo "fuzz $name for ${secs}s" >&2
	"$f" -max_total_time="$secs" -max_len=8192 -timeout=5 -print_final_stats=0 \
		-artifact_prefix="build/fuzz/crash-$name-" "$corpus" 2>build/fuzz/$name.log ||
		{ tail -40 build/fuzz/$name.log >&2; rm -rf "$corpus"; exit 1; }
	rm -rf "$corpus"
done
