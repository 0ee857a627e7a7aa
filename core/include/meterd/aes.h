/*
 * aes.h - the AES-128 block primitive the core's decryptors use, passed in.
 *
 * The core implements the modes (wM-Bus mode 5 CBC, the ELL's CTR, DLMS
 * GCM's CTR part) but not the cipher: the caller hands it a well-kept
 * implementation (mbedTLS on POSIX, see platform/posix/aes.h; the ESP SDKs
 * ship mbedTLS too). The core links no crypto library and stays portable.
 * A NULL ops pointer, or a NULL function, means "no AES here": encrypted
 * data is then reported as undecryptable, never guessed at.
 */
#ifndef METERD_AES_H
#define METERD_AES_H

#include <stddef.h>
#include <stdint.h>

struct aes128_ops {
	/* One block with a 16-byte key, FIPS-197 forward cipher. */
	void (*encrypt_block)(const uint8_t key[16], const uint8_t in[16], uint8_t out[16]);
	/* The inverse cipher (CBC decryption needs it). */
	void (*decrypt_block)(const uint8_t key[16], const uint8_t in[16], uint8_t out[16]);
};

/*
 * CTR mode in place: the keystream block i is E(key, ctr) with ctr the
 * 16-byte initial counter block whose last `ctr_bytes` bytes (big-endian)
 * are incremented per block. Returns -1 when aes has no encrypt_block.
 */
int aes128_ctr(const struct aes128_ops *aes, const uint8_t key[16], const uint8_t ctr0[16],
               unsigned ctr_bytes, uint8_t *p, size_t n);

/*
 * CBC decryption of nblocks 16-byte blocks from in to out (may not
 * overlap). Returns -1 when aes has no decrypt_block.
 */
int aes128_cbc_decrypt(const struct aes128_ops *aes, const uint8_t key[16], const uint8_t iv[16],
                       const uint8_t *in, uint8_t *out, size_t nblocks);

#endif
