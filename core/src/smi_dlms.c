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

#include "meterd/aes.h"
#include "meterd/crc.h"
#include "smi_int.h"

/*
 * GCM's ciphertext is CTR mode: counter block = IV (12 bytes) || a 32-bit
 * big-endian counter starting at 2. The block cipher is the caller's
 * (aes.h), so the core carries no AES of its own.
 */
static int
gcm_ctr(const struct aes128_ops *aes, const uint8_t key[16], const uint8_t iv[12], uint8_t *p,
        size_t n)
{
	uint8_t ctr[16];

	memcpy(ctr, iv, 12);
	ctr[12] = ctr[13] = ctr[14] = 0;
	ctr[15] = 2;
	return aes128_ctr(aes, key, ctr, 4, p, n);
}

/* ------------------------------------------------------------------ */
/* APDU: DB 08 <system title> <length> <SC> <frame counter> <ct> [tag] */

#define GLO_CIPHERING 0xDB
#define SC_AUTH       0x10
#define SC_ENC        0x20
#define TAG_LEN       12

int
smi_dlms_apdu(const struct aes128_ops *aes, const uint8_t key[16], uint8_t *a, size_t n,
              size_t *pt_off, size_t *pt_len)
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
	if (gcm_ctr(aes, key, iv, a + pos + 5, ct) != 0)
		return -1; /* no AES primitive: counted as a dropped frame */
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
