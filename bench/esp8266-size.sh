#!/bin/sh
# Prints the protocol core's size on the ESP8266 (xtensa-lx106-elf-gcc -Os):
# text/data/bss per module and in total. Decoder contexts are caller-owned
# (stack or static), so they appear in no section; bench/decode-throughput
# prints their sizes on the host.
set -eu
src="$(cd "$(dirname "$0")/.." && pwd)"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$src/scripts/esp8266-build.sh" "$out"
echo "ESP8266 (xtensa-lx106-elf-gcc -Os -ffunction-sections), bytes:"
xtensa-lx106-elf-size -t "$out/libmeterd_core_esp.a" |
	awk 'NR==1 {printf "%-22s %8s %6s %6s\n", "module", "text", "data", "bss"; next}
	     {n=$6; sub(/.*\//, "", n); sub(/ \(ex.*/, "", n); if ($6 == "(TOTALS)") n="TOTAL";
	      printf "%-22s %8d %6d %6d\n", n, $1, $2, $3}'
