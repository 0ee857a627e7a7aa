#!/bin/sh
# The core compiles for the ESP8266 with -Werror and a 1 KB stack budget per
# function, and its objects import nothing beyond the C string functions.
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
