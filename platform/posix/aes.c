/*
 * aes.c - platform_aes128: mbedTLS's AES behind the core's aes128_ops.
 * The core asks block by block with the key each time; expanding the key
 * once per telegram instead of once per block is what the cache of the last
 * key (one for each direction) is for. The daemon and the CLI are single
 * threaded, so the cache needs no lock.
 */
#include <stdbool.h>
#include <string.h>

#include <mbedtls/aes.h>

#include "aes.h"

struct key_cache {
	bool ready;
	uint8_t key[16];
	mbedtls_aes_context ctx;
};

static struct key_cache enc_cache, dec_cache;

static mbedtls_aes_context *
schedule(struct key_cache *c, const uint8_t key[16], bool encrypt)
{
	if (!c->ready || memcmp(c->key, key, 16) != 0) {
		if (!c->ready)
			mbedtls_aes_init(&c->ctx);
		if (encrypt)
			mbedtls_aes_setkey_enc(&c->ctx, key, 128);
		else
			mbedtls_aes_setkey_dec(&c->ctx, key, 128);
		memcpy(c->key, key, 16);
		c->ready = true;
	}
	return &c->ctx;
}

static void
encrypt_block(const uint8_t key[16], const uint8_t in[16], uint8_t out[16])
{
	mbedtls_aes_crypt_ecb(schedule(&enc_cache, key, true), MBEDTLS_AES_ENCRYPT, in, out);
}

static void
decrypt_block(const uint8_t key[16], const uint8_t in[16], uint8_t out[16])
{
	mbedtls_aes_crypt_ecb(schedule(&dec_cache, key, false), MBEDTLS_AES_DECRYPT, in, out);
}

const struct aes128_ops platform_aes128 = {
	.encrypt_block = encrypt_block,
	.decrypt_block = decrypt_block,
};
