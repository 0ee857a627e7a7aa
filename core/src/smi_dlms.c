/*
 * smi_dlms.c - `=so4` meters: DLMS/COSEM push data encrypted with AES-128-GCM
 * (general-glo-ciphering, IEC 62056-5-3 / DLMS Green Book security suite 0),
 * carried in HDLC frames (IEC 62056-46: Austrian IM-350, AM550) or M-Bus long
 * frames (L+G E450), or sent bare. Tasmota's `=so4` key decrypts them and
 * matches the value lines against the plaintext APDU.
 *
 * Only decryption is needed: GCM is CTR mode for the ciphertext, with the
 * counter starting at 2 behind the 12-byte IV (system title + frame counter).
 * The tag is not checked: without the authentication key (`=so5`) it cannot
 * be, and Tasmota does not either.
 */
#include <string.h>

#include "meterd/crc.h"
#include "smi_int.h"

/* ------------------------------------------------------------------ */
/* AES-128 encryption (FIPS-197)                                      */

static const uint8_t sbox[256] = {
    0x63, 0x7c, 0x77, 0x7b, 0xf2, 0x6b, 0x6f, 0xc5, 0x30, 0x01, 0x67, 0x2b, 0xfe, 0xd7, 0xab, 0x76,
    0xca, 0x82, 0xc9, 0x7d, 0xfa, 0x59, 0x47, 0xf0, 0xad, 0xd4, 0xa2, 0xaf, 0x9c, 0xa4, 0x72, 0xc0,
    0xb7, 0xfd, 0x93, 0x26, 0x36, 0x3f, 0xf7, 0xcc, 0x34, 0xa5, 0xe5, 0xf1, 0x71, 0xd8, 0x31, 0x15,
    0x04, 0xc7, 0x23, 0xc3, 0x18, 0x96, 0x05, 0x9a, 0x07, 0x12, 0x80, 0xe2, 0xeb, 0x27, 0xb2, 0x75,
    0x09, 0x83, 0x2c, 0x1a, 0x1b, 0x6e, 0x5a, 0xa0, 0x52, 0x3b, 0xd6, 0xb3, 0x29, 0xe3, 0x2f, 0x84,
    0x53, 0xd1, 0x00, 0xed, 0x20, 0xfc, 0xb1, 0x5b, 0x6a, 0xcb, 0xbe, 0x39, 0x4a, 0x4c, 0x58, 0xcf,
    0xd0, 0xef, 0xaa, 0xfb, 0x43, 0x4d, 0x33, 0x85, 0x45, 0xf9, 0x02, 0x7f, 0x50, 0x3c, 0x9f, 0xa8,
    0x51, 0xa3, 0x40, 0x8f, 0x92, 0x9d, 0x38, 0xf5, 0xbc, 0xb6, 0xda, 0x21, 0x10, 0xff, 0xf3, 0xd2,
    0xcd, 0x0c, 0x13, 0xec, 0x5f, 0x97, 0x44, 0x17, 0xc4, 0xa7, 0x7e, 0x3d, 0x64, 0x5d, 0x19, 0x73,
    0x60, 0x81, 0x4f, 0xdc, 0x22, 0x2a, 0x90, 0x88, 0x46, 0xee, 0xb8, 0x14, 0xde, 0x5e, 0x0b, 0xdb,
    0xe0, 0x32, 0x3a, 0x0a, 0x49, 0x06, 0x24, 0x5c, 0xc2, 0xd3, 0xac, 0x62, 0x91, 0x95, 0xe4, 0x79,
    0xe7, 0xc8, 0x37, 0x6d, 0x8d, 0xd5, 0x4e, 0xa9, 0x6c, 0x56, 0xf4, 0xea, 0x65, 0x7a, 0xae, 0x08,
    0xba, 0x78, 0x25, 0x2e, 0x1c, 0xa6, 0xb4, 0xc6, 0xe8, 0xdd, 0x74, 0x1f, 0x4b, 0xbd, 0x8b, 0x8a,
    0x70, 0x3e, 0xb5, 0x66, 0x48, 0x03, 0xf6, 0x0e, 0x61, 0x35, 0x57, 0xb9, 0x86, 0xc1, 0x1d, 0x9e,
    0xe1, 0xf8, 0x98, 0x11, 0x69, 0xd9, 0x8e, 0x94, 0x9b, 0x1e, 0x87, 0xe9, 0xce, 0x55, 0x28, 0xdf,
    0x8c, 0xa1, 0x89, 0x0d, 0xbf, 0xe6, 0x42, 0x68, 0x41, 0x99, 0x2d, 0x0f, 0xb0, 0x54, 0xbb, 0x16,
};

static uint8_t
xtime(uint8_t x)
{
	return (uint8_t)((x << 1) ^ ((x & 0x80) ? 0x1B : 0));
}

/* Expands a 16-byte key into 11 round keys. */
static void
aes128_expand(const uint8_t key[16], uint8_t rk[176])
{
	uint8_t rcon = 1, t[4];
	unsigned i;

	memcpy(rk, key, 16);
	for (i = 16; i < 176; i += 4) {
		memcpy(t, rk + i - 4, 4);
		if (i % 16 == 0) {
			uint8_t x = t[0];
			t[0] = (uint8_t)(sbox[t[1]] ^ rcon);
			t[1] = sbox[t[2]];
			t[2] = sbox[t[3]];
			t[3] = sbox[x];
			rcon = xtime(rcon);
		}
		rk[i] = rk[i - 16] ^ t[0];
		rk[i + 1] = rk[i - 15] ^ t[1];
		rk[i + 2] = rk[i - 14] ^ t[2];
		rk[i + 3] = rk[i - 13] ^ t[3];
	}
}

/* Encrypts one block in place (state column-major, as the standard). */
static void
aes128_encrypt(const uint8_t rk[176], uint8_t s[16])
{
	unsigned round, i, c;
	uint8_t t[16];

	for (i = 0; i < 16; i++)
		s[i] ^= rk[i];
	for (round = 1; round <= 10; round++) {
		/* SubBytes and ShiftRows: row r of column c comes from column c + r */
		for (c = 0; c < 4; c++)
			for (i = 0; i < 4; i++)
				t[c * 4 + i] = sbox[s[((c + i) % 4) * 4 + i]];
		if (round < 10) {
			/* MixColumns */
			for (c = 0; c < 4; c++) {
				uint8_t *col = t + c * 4;
				uint8_t a0 = col[0], a1 = col[1], a2 = col[2], a3 = col[3];
				uint8_t all = a0 ^ a1 ^ a2 ^ a3;
				col[0] ^= all ^ xtime(a0 ^ a1);
				col[1] ^= all ^ xtime(a1 ^ a2);
				col[2] ^= all ^ xtime(a2 ^ a3);
				col[3] ^= all ^ xtime(a3 ^ a0);
			}
		}
		for (i = 0; i < 16; i++)
			s[i] = t[i] ^ rk[round * 16 + i];
	}
}

void
smi_aes128_ctr(const uint8_t key[16], const uint8_t iv[12], uint32_t counter, uint8_t *p, size_t n)
{
	uint8_t rk[176], block[16];
	size_t i;

	aes128_expand(key, rk);
	for (i = 0; i < n; i++) {
		if (i % 16 == 0) {
			memcpy(block, iv, 12);
			block[12] = (uint8_t)(counter >> 24);
			block[13] = (uint8_t)(counter >> 16);
			block[14] = (uint8_t)(counter >> 8);
			block[15] = (uint8_t)counter;
			counter++;
			aes128_encrypt(rk, block);
		}
		p[i] ^= block[i % 16];
	}
}

/* ------------------------------------------------------------------ */
/* APDU: DB 08 <system title> <length> <SC> <frame counter> <ct> [tag] */

#define GLO_CIPHERING 0xDB
#define SC_AUTH       0x10
#define SC_ENC        0x20
#define TAG_LEN       12

int
smi_dlms_apdu(const uint8_t key[16], uint8_t *a, size_t n, size_t *pt_off, size_t *pt_len)
{
	size_t pos = 10, len, need, ct;
	uint8_t iv[12], sc;

	if (n < 1 || a[0] != GLO_CIPHERING)
		return -1;
	if (n < 11)
		return 0;
	if (a[1] != 8)
		return -1;
	/* A-XDR length: one byte, or 0x81/0x82 and one/two bytes */
	if (a[pos] < 0x80) {
		len = a[pos++];
	} else if (a[pos] == 0x81) {
		if (n < 12)
			return 0;
		len = a[pos + 1];
		pos += 2;
	} else if (a[pos] == 0x82) {
		if (n < 13)
			return 0;
		len = (size_t)a[pos + 1] << 8 | a[pos + 2];
		pos += 3;
	} else {
		return -1;
	}
	need = pos + len;
	if (len < 5)
		return -1;
	if (n < need)
		return 0;
	sc = a[pos];
	if (!(sc & SC_ENC))
		return -1;
	ct = len - 5 - ((sc & SC_AUTH) ? TAG_LEN : 0);
	if (len < 5 + ((sc & SC_AUTH) ? TAG_LEN : 0u))
		return -1;
	memcpy(iv, a + 2, 8);
	memcpy(iv + 8, a + pos + 1, 4);
	smi_aes128_ctr(key, iv, 2, a + pos + 5, ct);
	*pt_off = pos + 5;
	*pt_len = ct;
	return 1;
}

/* ------------------------------------------------------------------ */
/* Link layers                                                         */

size_t
smi_dlms_frame_len(const uint8_t *b, size_t n)
{
	if (n >= 3 && b[0] == 0x7E && (b[1] & 0xF0) == 0xA0)
		return (((size_t)b[1] & 0x07) << 8 | b[2]) + 2u;
	if (n >= 4 && b[0] == 0x68 && b[3] == 0x68 && b[1] == b[2])
		return (size_t)b[1] + 6u;
	return 0;
}

int
smi_dlms_payload(const uint8_t *b, size_t n, size_t *off, size_t *len)
{
	size_t i = 3, k;

	if (b[0] == 0x7E) {
		uint16_t fcs;
		if (n < 9 || b[n - 1] != 0x7E)
			return -1;
		/* FCS: CRC-16/X-25 over format .. info, low byte first */
		fcs = crc16_x25(b + 1, n - 4);
		if (b[n - 3] != (uint8_t)fcs || b[n - 2] != (uint8_t)(fcs >> 8))
			return -1;
		/* destination and source addresses end with a byte whose bit 0 is set */
		for (k = 0; k < 2; k++) {
			unsigned m = 0;
			while (i < n && !(b[i] & 1) && m < 3) {
				i++;
				m++;
			}
			if (i >= n || !(b[i] & 1))
				return -1;
			i++;
		}
		i += 1 + 2; /* control, HCS */
		if (i + 3 > n)
			return -1;
		/* the first segment carries the LLC header E6 E7 00 */
		if (i + 3 <= n - 3 && b[i] == 0xE6 && b[i + 1] == 0xE7 && b[i + 2] == 0x00)
			i += 3;
		*off = i;
		*len = n - 3 - i;
		return 0;
	}
	if (b[0] == 0x68) {
		uint8_t cs = 0;
		if (n < 11 || b[n - 1] != 0x16)
			return -1;
		for (k = 4; k < n - 2; k++)
			cs = (uint8_t)(cs + b[k]);
		if (cs != b[n - 2])
			return -1;
		/* C, A, CI and the two transport SAP bytes precede the APDU part */
		*off = 9;
		*len = n - 11;
		return 0;
	}
	return -1;
}
