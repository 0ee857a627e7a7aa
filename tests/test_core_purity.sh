#!/bin/sh
# The protocol core must not touch the OS, the heap, the clock or stdio. An
# allow-list, not a blacklist: every symbol libmeterd_core.a needs from
# outside itself must be one of the pure string.h functions below (which the
# ESP8266 build has too). Anything else - fopen, malloc, time, printf, a libm
# function - fails the test until it is added here on purpose, with a reason.
# (A pluggable AES for wireless M-Bus comes in as a function pointer the
# caller sets, so it adds no symbol here.)
set -eu
lib="${CORE_LIB:?}"
allowed='^(memchr|memcmp|memcpy|memmove|memset|strchr|strcmp|strlen|strncmp|strrchr)$'
# Code the sanitizers add to every object (asan-ubsan and fuzz builds) is not the core's own.
instrumentation='^(__asan_|__ubsan_|__sanitizer_|__sancov_|__msan_)'

defined=$(mktemp)
needed=$(mktemp)
trap 'rm -f "$defined" "$needed"' EXIT
nm --defined-only "$lib" | awk 'NF == 3 {print $3}' | sort -u >"$defined"
nm -u "$lib" | awk '{print $2}' | sort -u >"$needed"
# A check that can fail: the library must be the real one.
grep -qx crc16_x25 "$defined" || { echo "crc16_x25 not defined in $lib" >&2; exit 1; }
outside=$(comm -23 "$needed" "$defined" | grep -Ev "$instrumentation" || true)
bad=$(printf '%s\n' $outside | grep -Ev "$allowed" || true)
if [ -n "$bad" ]; then
	echo "core uses symbols outside its allow-list:" $bad >&2
	exit 1
fi
echo "core imports only:" $outside
