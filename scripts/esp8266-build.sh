#!/bin/sh
# Compiles the protocol core for the ESP8266 (xtensa-lx106, picolibc
# headers) into OUTDIR/libmeterd_core_esp.a. Compile check only: a firmware
# needs the SDK's linker script, which is out of scope here.
#   scripts/esp8266-build.sh OUTDIR
set -eu
src="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:?usage: $0 OUTDIR}"
mkdir -p "$out"
CC=xtensa-lx106-elf-gcc
command -v $CC >/dev/null || { echo "$CC not installed (scripts/deps.sh test)" >&2; exit 1; }
objs=""
for c in "$src"/core/src/*.c; do
	o="$out/$(basename "$c" .c).o"
	$CC -std=c11 -Os -mlongcalls -ffunction-sections -fdata-sections \
		-Wall -Wextra -Werror -Wshadow -Wvla -Wstack-usage=1024 \
		-I"$src/core/include" -I"$src/core/src" -c "$c" -o "$o"
	objs="$objs $o"
done
rm -f "$out/libmeterd_core_esp.a"
# shellcheck disable=SC2086
xtensa-lx106-elf-ar rcs "$out/libmeterd_core_esp.a" $objs
