/* aes_modes.c - block cipher modes over a caller's AES-128 primitive (aes.h). */
#include <string.h>

#include "meterd/aes.h"

int
aes128_ctr(const struct aes128_ops *aes, const uint8_t key[16], const uint8_t ctr0[16],
           unsigned ctr_bytes, uint8_t *p, size_t n)
{
	uint8_t ctr[16], ks[16];
	size_t i;
	unsigned k;

	if (aes == NULL || aes->encrypt_block == NULL)
		return -1;
	if (ctr_bytes > 16)
		ctr_bytes = 16;
	memcpy(ctr, ctr0, 16);
	for (i = 0; i < n; i++) {
		if (i % 16 == 0) {
			aes->encrypt_block(key, ctr, ks);
			/* big-endian increment of the counter field */
			for (k = 0; k < ctr_bytes; k++)
				if (++ctr[15 - k] != 0)
					break;
		}
		p[i] ^= ks[i % 16];
	}
	return 0;
}

int
aes128_cbc_decrypt(const struct aes128_ops *aes, const uint8_t key[16], const uint8_t iv[16],
                   const uint8_t *in, uint8_t *out, size_t nblocks)
{
	const uint8_t *prev = iv;
	size_t b;
	unsigned i;

	if (aes == NULL || aes->decrypt_block == NULL)
		return -1;
	for (b = 0; b < nblocks; b++) {
		aes->decrypt_block(key, in + 16 * b, out + 16 * b);
		for (i = 0; i < 16; i++)
			out[16 * b + i] ^= prev[i];
		prev = in + 16 * b;
	}
	return 0;
}
