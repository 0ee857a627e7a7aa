#!/bin/sh
# Prints the protocol core's size on the ESP8266 (xtensa-lx106-elf-gcc -Os):
# text/data/bss per module and in total, then each decoder and session
# context (caller-owned: stack or static, so in no section) as the ESP build
# sizes it, the deepest stack frames, and what the CRC tables cost.
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
echo
echo "contexts (caller-owned; limits in scripts/esp8266-build.sh, each <= METERD_CTX_MAX 4096):"
awk '{ printf "  %-14s %6d\n", $1, $2 }' "$out/ctx_sizes.txt"
echo
echo "deepest stack frames (-fstack-usage; -Wstack-usage=1024 fails the build above 1 KB):"
cat "$out"/*.su | sort -t "$(printf '\t')" -k2 -n -r | head -8 |
	awk -F '\t' '{ n = $1; sub(/.*\//, "", n); printf "  %-52s %5d\n", n, $2 }'
echo
crc=$(xtensa-lx106-elf-size -A "$out/crc.o" | awk '/rodata/ { s += $2 } END { print s }')
echo "CRC tables: $crc bytes of .rodata (METERD_CRC_BYTE, the ESP8266 default: 256 entries x 3"
echo "  variants; -DMETERD_CRC_NIBBLE: 96; hosts build slice-by-8: 16384)"
