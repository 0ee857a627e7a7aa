/*
 * crc.h - the 16-bit CRCs the meter protocols use.
 *
 * Every function takes a running value so a caller can checksum a frame as
 * its bytes arrive: start with the variant's *_INIT, feed each chunk, and
 * apply *_final() (where the variant has one) before comparing.
 *
 *   variant        poly    reflected init    xorout  used by
 *   X-25           0x1021  yes       0xFFFF  0xFFFF  SML frames and messages
 *   KERMIT         0x1021  yes       0x0000  0x0000  Holley DTZ541 SML quirk
 *   ARC            0x8005  yes       0x0000  0x0000  DSMR P1 telegrams
 *   MODBUS         0x8005  yes       0xFFFF  0x0000  Modbus RTU ADUs
 *   XMODEM         0x1021  no        0x0000  0x0000  Kamstrup KMP
 *   EN-13757       0x3D65  no        0x0000  0xFFFF  wireless M-Bus blocks, ELL
 *                                                    payload, compact frames
 */
#ifndef METERD_CRC_H
#define METERD_CRC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CRC16_X25_INIT    0xFFFFu
#define CRC16_KERMIT_INIT 0x0000u
#define CRC16_ARC_INIT    0x0000u
#define CRC16_MODBUS_INIT 0xFFFFu
#define CRC16_XMODEM_INIT 0x0000u
#define CRC16_EN13757_INIT 0x0000u

/*
 * Table size, chosen at build time (crc.c lists the cost of each):
 *   default            slice-by-8: the block functions below take 8 bytes a
 *                      step (about 3 instructions a byte on x86-64); 16 KB of
 *                      tables for the four polynomials.
 *   -DMETERD_CRC_BYTE  a byte a lookup, 1.5 KB (the default for the ESP8266,
 *                      where the compiler defines __XTENSA__).
 *   -DMETERD_CRC_NIBBLE  a nibble a lookup, 128 bytes.
 * Code that checksums a run of bytes should call the block functions, not
 * loop over the *_step functions: only the block functions use the slices.
 */
#if !defined(METERD_CRC_NIBBLE) && !defined(METERD_CRC_BYTE) && !defined(__XTENSA__)
#define METERD_CRC_SLICE8 1
#endif
/*
 * On x86-64 the reflected block functions (X-25/KERMIT, ARC/MODBUS) fold 16
 * bytes a step with carry-less multiplication when the CPU has PCLMULQDQ
 * (checked once, at the first long block), about 0.4 instructions a byte;
 * -DMETERD_CRC_NO_CLMUL leaves it out.
 */
#if defined(METERD_CRC_SLICE8) && defined(__x86_64__) && defined(__GNUC__) && \
    !defined(METERD_CRC_NO_CLMUL)
#define METERD_CRC_CLMUL 1
#endif

/*
 * Whether the block functions may use the CPU's carry-less multiply (for
 * tests and benches: the table path stays checkable on any machine).
 * Returns whether they now do: false when the build or the CPU has none.
 */
bool crc16_use_clmul(bool allow);

/*
 * One byte into a running CRC, inline for per-byte state machines. The
 * tables are 256 entries, or 16 with -DMETERD_CRC_NIBBLE.
 */
#ifndef METERD_CRC_NIBBLE
extern const uint16_t crc16_ccitt_refl_tab[256], crc16_ibm_refl_tab[256], crc16_xmodem_tab[256];

static inline uint16_t
crc16_ccitt_refl_step(uint16_t crc, uint8_t b)
{
	return (uint16_t)((crc >> 8) ^ crc16_ccitt_refl_tab[(crc ^ b) & 0xFF]);
}

static inline uint16_t
crc16_ibm_refl_step(uint16_t crc, uint8_t b)
{
	return (uint16_t)((crc >> 8) ^ crc16_ibm_refl_tab[(crc ^ b) & 0xFF]);
}

static inline uint16_t
crc16_xmodem_step(uint16_t crc, uint8_t b)
{
	return (uint16_t)((crc << 8) ^ crc16_xmodem_tab[((crc >> 8) ^ b) & 0xFF]);
}
#else
extern const uint16_t crc16_ccitt_refl_tab[16], crc16_ibm_refl_tab[16], crc16_xmodem_tab[16];

static inline uint16_t
crc16_ccitt_refl_step(uint16_t crc, uint8_t b)
{
	crc ^= b;
	crc = (uint16_t)((crc >> 4) ^ crc16_ccitt_refl_tab[crc & 0x0F]);
	return (uint16_t)((crc >> 4) ^ crc16_ccitt_refl_tab[crc & 0x0F]);
}

static inline uint16_t
crc16_ibm_refl_step(uint16_t crc, uint8_t b)
{
	crc ^= b;
	crc = (uint16_t)((crc >> 4) ^ crc16_ibm_refl_tab[crc & 0x0F]);
	return (uint16_t)((crc >> 4) ^ crc16_ibm_refl_tab[crc & 0x0F]);
}

static inline uint16_t
crc16_xmodem_step(uint16_t crc, uint8_t b)
{
	crc = (uint16_t)((crc << 4) ^ crc16_xmodem_tab[((crc >> 12) ^ (b >> 4)) & 0x0F]);
	return (uint16_t)((crc << 4) ^ crc16_xmodem_tab[((crc >> 12) ^ b) & 0x0F]);
}
#endif

/* Reflected CRC-16 with polynomial 0x1021 (bit-reversed 0x8408): X-25 and KERMIT. */
uint16_t crc16_ccitt_refl(uint16_t crc, const uint8_t *p, size_t n);
/*
 * The register after n zero bytes: CRCs are linear, so with it the CRC of
 * a run follows from the CRC of its parts, and a register started from one
 * initial value becomes the register from another (KERMIT from X-25:
 * crc(0, m) = crc(0xFFFF, m) ^ crc16_ccitt_refl_zeros(0xFFFF, len(m))).
 * Two lookups per 8 bytes with slice-by-8, else a step a byte.
 */
uint16_t crc16_ccitt_refl_zeros(uint16_t crc, size_t n);
/* Reflected CRC-16 with polynomial 0x8005 (bit-reversed 0xA001): ARC and MODBUS. */
uint16_t crc16_ibm_refl(uint16_t crc, const uint8_t *p, size_t n);
/* Unreflected CRC-16 with polynomial 0x1021: XMODEM. */
uint16_t crc16_xmodem(uint16_t crc, const uint8_t *p, size_t n);
/* Unreflected CRC-16 with polynomial 0x3D65 (EN 13757-4), running value without the final XOR. */
uint16_t crc16_en13757_update(uint16_t crc, const uint8_t *p, size_t n);

/* One-shot helpers with each variant's init and final XOR applied. */
uint16_t crc16_x25(const uint8_t *p, size_t n);
uint16_t crc16_kermit(const uint8_t *p, size_t n);
uint16_t crc16_arc(const uint8_t *p, size_t n);
uint16_t crc16_modbus(const uint8_t *p, size_t n);
uint16_t crc16_en13757(const uint8_t *p, size_t n); /* check value "123456789" = 0xC2B7 */

#endif
