/*
 * libFuzzer harness for the wM-Bus receive path the generic decoder harness
 * does not reach: the dongle frame extractors (first byte picks iM871A,
 * AMB8465, CUL or raw lines) and, for each telegram they deliver, the CI
 * chain with a key for every meter and the real AES (mbedTLS), so the
 * decryption, compact-frame and record paths run on hostile bytes too.
 */
#include <stdint.h>
#include <string.h>

#include "meterd/wmbus.h"
#include "meterd/wmbus_rx.h"
#include "platform/posix/aes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static volatile uint64_t sink;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct wmbus_ctx ctx;
	static struct wmbus_msg msg;
	static struct wmbus_rx rx;
	static char text[MBUS_TEXT_MAX];
	static const uint8_t key[16] = {0x28, 0xF6, 0x4A, 0x24, 0x98, 0x80, 0x64, 0xA0,
	                                0x79, 0xAA, 0x2C, 0x80, 0x7D, 0x61, 0x02, 0xAE};

	if (size == 0)
		return 0;
	wmbus_ctx_init(&ctx, &platform_aes128);
	wmbus_ctx_add_key(&ctx, WMBUS_ID_ANY, key);
	wmbus_rx_init(&rx, (enum wmbus_dongle)(data[0] & 3));
	rx.amb_rssi = (data[0] & 4) != 0;
	for (size_t i = 1; i < size; i++) {
		struct wmbus_rec_walk w;
		struct reading rd;
		if (wmbus_rx_byte(&rx, data[i]) != WMBUS_RX_TELEGRAM)
			continue;
		wmbus_parse(&ctx, &msg, rx.tel, rx.tel_len);
		wmbus_walk_begin(&msg, &w);
		while (wmbus_next_reading(&msg, &w, &rd, text) > 0)
			sink += (uint64_t)rd.raw + strlen(rd.id);
	}
	return 0;
}
