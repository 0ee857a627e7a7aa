#!/bin/sh
# Decode-only cost of every decoder over its corpus in tests/fixtures/<name>/,
# measured with callgrind (instructions retired, the same on any machine):
# instructions per frame and per input byte, heap allocations per frame, and
# frames/s natively; then libsml (Debian libsml-dev) on the same SML frames
# in the same run. Needs valgrind; the libsml row needs `apt-get install
# libsml-dev` (linked only by bench_libsml, never by meterd).
#   bench/callgrind.sh [FIXTURES_DIR]
set -eu
cd "$(dirname "$0")/.."
fx=${1:-tests/fixtures}
cmake --preset release >/dev/null
cmake --build --preset release -j2 --target bench_callgrind >/dev/null
libsml=no
if cmake --build --preset release -j2 --target bench_libsml >/dev/null 2>&1; then
	libsml=yes
fi
b=build/release
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# key=value fields of a bench line.
field() { tr ' ' '\n' <"$1" | sed -n "s/^$2=//p" | head -1; }

row() { # name, callgrind output, corpus line file, native line file
	ir=$(sed -n 's/^totals: *//p; s/^summary: *//p' "$2" | head -1)
	bytes=$(field "$3" bytes)
	frames=$(field "$3" frames)
	allocs=$(field "$3" allocs)
	fps=$(field "$4" frames_per_s)
	awk -v n="$1" -v ir="$ir" -v by="$bytes" -v fr="$frames" -v al="$allocs" -v fps="$fps" \
	    'BEGIN { printf "%-8s %8d %6d %12d %11.0f %9.1f %10.2f %11d\n", n, by, fr, ir,
	             fr ? ir / fr : 0, by ? ir / by : 0, fr ? al / fr : 0, fps }'
}

printf '%-8s %8s %6s %12s %11s %9s %10s %11s\n' decoder bytes frames instr instr/frame \
	instr/byte allocs/fr frames/s
for dec in $(sed -n 's/^DECODER(\(.*\))$/\1/p' core/src/decoders.def); do
	[ -d "$fx/$dec" ] || continue
	valgrind --tool=callgrind --collect-atstart=no --callgrind-out-file="$tmp/cg.$dec" \
		"$b/bench_callgrind" "$fx" "$dec" >"$tmp/$dec.cg" 2>/dev/null
	"$b/bench_callgrind" "$fx" "$dec" | tr '\n' ' ' >"$tmp/$dec.native"
	row "$dec" "$tmp/cg.$dec" "$tmp/$dec.cg" "$tmp/$dec.native"
done
if [ "$libsml" = yes ]; then
	valgrind --tool=callgrind --collect-atstart=no --callgrind-out-file="$tmp/cg.libsml" \
		"$b/bench_libsml" "$fx" >"$tmp/libsml.cg" 2>/dev/null
	"$b/bench_libsml" "$fx" 2>/dev/null | tr '\n' ' ' >"$tmp/libsml.native"
	row libsml "$tmp/cg.libsml" "$tmp/libsml.cg" "$tmp/libsml.native"
	echo "(libsml: the transport frames of the sml corpus, cut out and unescaped beforehand;"
	echo " bytes are those frames as sent; sml counts everything it reads, framing and CRCs included)"
else
	echo "(no libsml row: apt-get install libsml-dev)"
fi
