#!/bin/sh
# The core compiles for the ESP8266 with -Werror and a 1 KB stack budget per
# function (-Wstack-usage), its objects import nothing beyond the C string
# functions, and every decoder and session context fits METERD_CTX_MAX
# (4 KB) with the small-target limits of scripts/esp8266-build.sh; a context
# that outgrows it fails the build, as a planted 8 KB D0 buffer shows.
set -eu
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$SOURCE_DIR/scripts/esp8266-build.sh" "$out"
# Symbols one core object takes from another are not imports.
defined=$(xtensa-lx106-elf-nm --defined-only "$out/libmeterd_core_esp.a" | awk 'NF==3 {print $3}' | sort -u)
undef=$(xtensa-lx106-elf-nm -u "$out/libmeterd_core_esp.a" | awk 'NF==2 {print $2}' | sort -u |
	comm -23 - "$(printf '%s\n' "$defined" > "$out/defined"; echo "$out/defined")")
bad=$(echo "$undef" | grep -vE '^(memcpy|memmove|memset|memcmp|strlen|strcmp|strncmp|memchr|strchr|__[a-z0-9_]+)$' || true)
if [ -n "$bad" ]; then
	echo "ESP8266 core imports unexpected symbols:" $bad >&2
	exit 1
fi
xtensa-lx106-elf-size -t "$out/libmeterd_core_esp.a" | tail -1
# Every context is listed, and within 4 KB (the build asserts it; this says it again).
n=$(wc -l <"$out/ctx_sizes.txt")
if [ "$n" -lt 10 ]; then
	echo "ctx_sizes.txt lists $n contexts, expected 10" >&2
	exit 1
fi
awk '$2 > 4096 { print "context " $1 " is " $2 " bytes" > "/dev/stderr"; bad = 1 }
     { print "  " $1 ": " $2 " bytes" } END { exit bad }' "$out/ctx_sizes.txt"
# The guard itself: the same check with a D0 buffer of 8 KB must not compile.
if xtensa-lx106-elf-gcc -std=c11 -DD0_TELEGRAM_MAX=8192 -DMETERD_CTX_MAX=4096 \
	-I"$SOURCE_DIR/core/include" -c "$out/ctx_sizes.c" -o "$out/planted.o" 2>"$out/planted.err"; then
	echo "an 8 KB D0 context passed the 4 KB limit" >&2
	exit 1
fi
grep -q "struct d0_dec outgrows METERD_CTX_MAX" "$out/planted.err" || {
	cat "$out/planted.err" >&2
	exit 1
}
echo "a planted 8 KB D0 buffer fails the build: ok"
