#!/bin/sh
# The protocol core must not touch the OS, the heap, the clock or stdio:
# no undefined symbol of libmeterd_core.a may name such a function.
set -eu
lib="${CORE_LIB:?}"
bad=$(nm -u "$lib" | awk '{print $2}' | sort -u |
	grep -E '^(malloc|calloc|realloc|free|read|write|open|close|printf|fprintf|sprintf|snprintf|puts|fputs|fwrite|fread|clock_gettime|time|gettimeofday|sleep|usleep|nanosleep|exit|abort|getenv|poll|select|socket|syslog|perror|strerror|errno|__errno_location|pthread_.*)$' || true)
if [ -n "$bad" ]; then
	echo "core uses forbidden symbols:" $bad >&2
	exit 1
fi
used=$(nm -u "$lib" | awk '{print $2}' | sort -u | tr '\n' ' ')
echo "core imports only: $used"
# A check that can fail: the symbol list must be non-trivial input.
nm "$lib" | grep -q ' T crc16_x25$' || { echo "crc16_x25 not found in $lib" >&2; exit 1; }
