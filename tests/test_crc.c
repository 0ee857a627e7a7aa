/* CRC variants against their catalogue check values ("123456789") and protocol vectors. */
#include <stdio.h>
#include <string.h>

#include "meterd/crc.h"
#include "unit.h"

/* The polynomial division bit by bit, the definition the tables must agree with. */
static uint16_t
bitwise(uint16_t crc, uint8_t b, uint16_t poly, int reflected)
{
	int i;

	if (reflected) {
		crc ^= b;
		for (i = 0; i < 8; i++)
			crc = (uint16_t)(crc & 1 ? (crc >> 1) ^ poly : crc >> 1);
	} else {
		crc ^= (uint16_t)(b << 8);
		for (i = 0; i < 8; i++)
			crc = (uint16_t)(crc & 0x8000 ? (crc << 1) ^ poly : crc << 1);
	}
	return crc;
}

int
main(void)
{
	const uint8_t check[] = "123456789";
	/* Kamstrup KMP: 3F 01 (GetType request) carries CRC 05 8A. */
	const uint8_t kmp[] = {0x3f, 0x01};
	/* Modbus RTU read request 11 03 00 6B 00 03 carries CRC 76 87 (low byte first). */
	const uint8_t mb[] = {0x11, 0x03, 0x00, 0x6b, 0x00, 0x03};

	CHECK_INT(crc16_x25(check, 9), 0x906e);
	CHECK_INT(crc16_kermit(check, 9), 0x2189);
	CHECK_INT(crc16_arc(check, 9), 0xbb3d);
	CHECK_INT(crc16_modbus(check, 9), 0x4b37);
	CHECK_INT(crc16_xmodem(CRC16_XMODEM_INIT, check, 9), 0x31c3);
	CHECK_INT(crc16_xmodem(0, kmp, 2), 0x058a);
	/* EN 13757-4 catalogue check, and the Kamstrup MULTICAL 21 format signature (spec: EDA8) */
	CHECK_INT(crc16_en13757(check, 9), 0xc2b7);
	{
		const uint8_t difvif[] = {0x02, 0xFF, 0x20, 0x04, 0x13, 0x44, 0x13, 0x61, 0x5B, 0x61, 0x67};
		CHECK_INT(crc16_en13757(difvif, sizeof(difvif)), 0xa8ed);
	}
	CHECK_INT(crc16_modbus(mb, 6), 0x8776);
	/* Streaming equals one shot. */
	CHECK_INT(crc16_ccitt_refl(crc16_ccitt_refl(0xffff, check, 4), check + 4, 5) ^ 0xffff,
	          0x906e);
	/* Every table entry: each byte value into a few registers. */
	{
		static const uint16_t regs[] = {0x0000, 0xffff, 0x1234, 0x8001, 0xa5a5};
		int bad = 0;
		for (unsigned r = 0; r < sizeof(regs) / sizeof(regs[0]); r++)
			for (unsigned b = 0; b < 256; b++) {
				bad += crc16_ccitt_refl_step(regs[r], (uint8_t)b) !=
				       bitwise(regs[r], (uint8_t)b, 0x8408, 1);
				bad += crc16_ibm_refl_step(regs[r], (uint8_t)b) !=
				       bitwise(regs[r], (uint8_t)b, 0xa001, 1);
				bad += crc16_xmodem_step(regs[r], (uint8_t)b) !=
				       bitwise(regs[r], (uint8_t)b, 0x1021, 0);
			}
		CHECK_INT(bad, 0);
	}
	/*
	 * The block functions (slice-by-8 on hosts) against the bitwise
	 * definition: every length 0..40 at every alignment, from several
	 * registers, and every byte value at each of the 8 positions of a step
	 * (each entry of each slice table).
	 */
	{
		static const struct {
			uint16_t poly;
			int      refl;
		} v[4] = {{0x8408, 1}, {0xa001, 1}, {0x1021, 0}, {0x3d65, 0}};
		static const uint16_t regs[] = {0x0000, 0xffff, 0x1234, 0x8001};
		uint8_t buf[64];
		int bad = 0;
		uint32_t x = 12345;

		for (unsigned i = 0; i < sizeof(buf); i++) {
			x = x * 1103515245u + 12345u;
			buf[i] = (uint8_t)(x >> 16);
		}
		for (unsigned k = 0; k < 4; k++)
			for (unsigned r = 0; r < sizeof(regs) / sizeof(regs[0]); r++)
				for (size_t off = 0; off < 8; off++)
					for (size_t n = 0; n <= 40; n++) {
						uint16_t want = regs[r], got;
						for (size_t i = 0; i < n; i++)
							want = bitwise(want, buf[off + i], v[k].poly, v[k].refl);
						got = k == 0   ? crc16_ccitt_refl(regs[r], buf + off, n)
						      : k == 1 ? crc16_ibm_refl(regs[r], buf + off, n)
						      : k == 2 ? crc16_xmodem(regs[r], buf + off, n)
						               : crc16_en13757_update(regs[r], buf + off, n);
						bad += got != want;
					}
		for (unsigned k = 0; k < 4; k++)
			for (unsigned pos = 0; pos < 8; pos++)
				for (unsigned b = 0; b < 256; b++) {
					uint8_t blk[9];
					uint16_t want = 0xffff, got;
					memcpy(blk, buf, sizeof(blk));
					blk[pos] = (uint8_t)b;
					for (size_t i = 0; i < sizeof(blk); i++)
						want = bitwise(want, blk[i], v[k].poly, v[k].refl);
					got = k == 0   ? crc16_ccitt_refl(0xffff, blk, sizeof(blk))
					      : k == 1 ? crc16_ibm_refl(0xffff, blk, sizeof(blk))
					      : k == 2 ? crc16_xmodem(0xffff, blk, sizeof(blk))
					               : crc16_en13757_update(0xffff, blk, sizeof(blk));
					bad += got != want;
				}
		CHECK_INT(bad, 0);
	}
	/*
	 * Long blocks, where the reflected variants fold 16 bytes a step with
	 * the CPU's carry-less multiply (x86-64): every length up to 300 at 16
	 * alignments and 4 registers, with that path and without it.
	 */
	{
		static const uint16_t regs[] = {0x0000, 0xffff, 0x1234, 0x8001};
		static uint8_t        big[320];
		uint32_t              x = 777;
		int                   bad = 0, paths = 0;

		for (unsigned i = 0; i < sizeof(big); i++) {
			x = x * 1103515245u + 12345u;
			big[i] = (uint8_t)(x >> 16);
		}
		for (int allow = 1; allow >= 0; allow--) {
			paths += crc16_use_clmul(allow != 0);
			for (unsigned r = 0; r < sizeof(regs) / sizeof(regs[0]); r++)
				for (size_t off = 0; off < 16; off++)
					for (size_t n = 0; n <= 300; n++) {
						uint16_t w1 = regs[r], w2 = regs[r];
						for (size_t i = 0; i < n; i++) {
							w1 = bitwise(w1, big[off + i], 0x8408, 1);
							w2 = bitwise(w2, big[off + i], 0xa001, 1);
						}
						bad += crc16_ccitt_refl(regs[r], big + off, n) != w1;
						bad += crc16_ibm_refl(regs[r], big + off, n) != w2;
					}
		}
		crc16_use_clmul(true);
		CHECK_INT(bad, 0);
		printf("carry-less multiply path %s\n", paths ? "checked too" : "not in this build or CPU");
	}
	/*
	 * Zero bytes: the register of a run of zeros (a product by a power of
	 * x with the carry-less multiply, steps without), against the bitwise
	 * definition for every length to 1100 (past the product table's 511),
	 * and KERMIT from X-25 by linearity.
	 */
	{
		static const uint16_t regs[] = {0x0000, 0xffff, 0x1234, 0xa5c3, 0x8001, 0x0001};
		int bad = 0;
		for (int allow = 1; allow >= 0; allow--) {
			crc16_use_clmul(allow != 0);
			for (unsigned r = 0; r < sizeof(regs) / sizeof(regs[0]); r++) {
				uint16_t want = regs[r];
				for (size_t n = 0; n <= 1100; n++) {
					bad += crc16_ccitt_refl_zeros(regs[r], n) != want;
					want = bitwise(want, 0, 0x8408, 1);
				}
			}
		}
		crc16_use_clmul(true);
		CHECK_INT(bad, 0);
		CHECK_INT(crc16_ccitt_refl(0xffff, check, 9) ^ crc16_ccitt_refl_zeros(0xffff, 9),
		          crc16_kermit(check, 9));
	}
	TEST_END();
}
