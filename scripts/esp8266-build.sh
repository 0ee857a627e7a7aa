#!/bin/sh
# Compiles the protocol core for the ESP8266 (xtensa-lx106, picolibc
# headers) into OUTDIR/libmeterd_core_esp.a, with the small-target limits
# below, and checks every decoder and session context against
# METERD_CTX_MAX: a context that outgrows it fails the build
# (_Static_assert in OUTDIR/ctx_sizes.c). OUTDIR/ctx_sizes.txt lists each
# context's size; OUTDIR/*.su the stack use of every function
# (-fstack-usage), each held to 1 KB by -Wstack-usage. Compile check only:
# a firmware needs the SDK's linker script, which is out of scope here.
#   scripts/esp8266-build.sh OUTDIR
#
# What the limits cost a user (docs/ARCHITECTURE.md "The core on an ESP8266"):
#   D0_TELEGRAM_MAX 3072     a D0 read-out longer than 3 KB is refused as too long
#   DSMR_TELEGRAM_MAX 3072   a DSMR telegram longer than 3 KB likewise (DSMR 5: ~1 KB,
#                            plus 2 KB of hex for a full 0-0:96.13.0 text message)
#   MBRTU_ADU_MAX 128        Modbus reads of at most 61 registers, PDUs of 125 bytes
#   MB_SESSION_POLLS 6, MB_SESSION_QUEUE 4, MB_SESSION_SLAVES 8, MB_SESSION_EVENTS 2
#                            periodic reads, queued writes, slaves per bus, events
#                            not yet taken
set -eu
src="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:?usage: $0 OUTDIR}"
mkdir -p "$out"
CC=xtensa-lx106-elf-gcc
command -v $CC >/dev/null || { echo "$CC not installed (scripts/deps.sh test)" >&2; exit 1; }
: "${METERD_CTX_MAX:=4096}"
LIMITS="-DD0_TELEGRAM_MAX=3072 -DDSMR_TELEGRAM_MAX=3072 -DMBRTU_ADU_MAX=128
	-DMB_SESSION_POLLS=6 -DMB_SESSION_QUEUE=4 -DMB_SESSION_SLAVES=8 -DMB_SESSION_EVENTS=2
	${METERD_ESP_LIMITS:-}"
CFLAGS="-std=c11 -Os -mlongcalls -ffunction-sections -fdata-sections -fstack-usage
	-Wall -Wextra -Werror -Wshadow -Wvla -Wstack-usage=1024"
objs=""
for c in "$src"/core/src/*.c; do
	o="$out/$(basename "$c" .c).o"
	# shellcheck disable=SC2086
	$CC $CFLAGS $LIMITS -I"$src/core/include" -I"$src/core/src" -c "$c" -o "$o"
	objs="$objs $o"
done
rm -f "$out/libmeterd_core_esp.a"
# shellcheck disable=SC2086
xtensa-lx106-elf-ar rcs "$out/libmeterd_core_esp.a" $objs

# Every context a caller allocates: its size as the length of a symbol in an
# object of its own (not in the library), held to METERD_CTX_MAX.
cat >"$out/ctx_sizes.c" <<'C'
#include "meterd/d0.h"
#include "meterd/d0_session.h"
#include "meterd/dsmr.h"
#include "meterd/kmp.h"
#include "meterd/mb_session.h"
#include "meterd/mbrtu.h"
#include "meterd/mbus.h"
#include "meterd/mbus_session.h"
#include "meterd/sml.h"
#include "meterd/wmbus.h"
#include "meterd/wmbus_rx.h"
#define CTX(name, type)                                                                    \
	_Static_assert(sizeof(type) <= METERD_CTX_MAX, #type " outgrows METERD_CTX_MAX");   \
	char meterd_ctx_##name[sizeof(type)];
CTX(sml_dec, struct sml_dec)
CTX(d0_dec, struct d0_dec)
CTX(d0_sess, struct d0_sess)
CTX(dsmr_dec, struct dsmr_dec)
CTX(mbus_dec, struct mbus_dec)
CTX(mbus_ses, struct mbus_ses)
CTX(kmp_dec, struct kmp_dec)
CTX(kmp_session, struct kmp_session)
CTX(mbrtu_dec, struct mbrtu_dec)
CTX(mb_session, struct mb_session)
CTX(wmbus_dec, struct wmbus_dec)
CTX(wmbus_rx, struct wmbus_rx)
C
# shellcheck disable=SC2086
$CC $CFLAGS $LIMITS -DMETERD_CTX_MAX="$METERD_CTX_MAX" -I"$src/core/include" \
	-c "$out/ctx_sizes.c" -o "$out/ctx_sizes.o"
xtensa-lx106-elf-nm -S "$out/ctx_sizes.o" | while read -r _ size _ name; do
	echo "${name#meterd_ctx_} $((0x$size))"
done >"$out/ctx_sizes.txt"
