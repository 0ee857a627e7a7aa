#include "meterd/crc.h"

/*
 * Nibble tables: 32 bytes each instead of 512, which matters on the ESP8266
 * where the core must also fit; speed is still far above any serial line.
 */
static uint16_t
crc16_refl_nibbles(uint16_t crc, const uint8_t *p, size_t n, const uint16_t tab[16])
{
	while (n--) {
		crc ^= *p++;
		crc = (uint16_t)((crc >> 4) ^ tab[crc & 0x0F]);
		crc = (uint16_t)((crc >> 4) ^ tab[crc & 0x0F]);
	}
	return crc;
}

static const uint16_t ccitt_refl_tab[16] = {
	0x0000, 0x1081, 0x2102, 0x3183, 0x4204, 0x5285, 0x6306, 0x7387,
	0x8408, 0x9489, 0xa50a, 0xb58b, 0xc60c, 0xd68d, 0xe70e, 0xf78f,
};

static const uint16_t ibm_refl_tab[16] = {
	0x0000, 0xcc01, 0xd801, 0x1400, 0xf001, 0x3c00, 0x2800, 0xe401,
	0xa001, 0x6c00, 0x7800, 0xb401, 0x5000, 0x9c01, 0x8801, 0x4400,
};

static const uint16_t xmodem_tab[16] = {
	0x0000, 0x1021, 0x2042, 0x3063, 0x4084, 0x50a5, 0x60c6, 0x70e7,
	0x8108, 0x9129, 0xa14a, 0xb16b, 0xc18c, 0xd1ad, 0xe1ce, 0xf1ef,
};

uint16_t
crc16_ccitt_refl(uint16_t crc, const uint8_t *p, size_t n)
{
	return crc16_refl_nibbles(crc, p, n, ccitt_refl_tab);
}

uint16_t
crc16_ibm_refl(uint16_t crc, const uint8_t *p, size_t n)
{
	return crc16_refl_nibbles(crc, p, n, ibm_refl_tab);
}

static const uint16_t en13757_tab[16] = {
	0x0000, 0x3d65, 0x7aca, 0x47af, 0xf594, 0xc8f1, 0x8f5e, 0xb23b,
	0xd64d, 0xeb28, 0xac87, 0x91e2, 0x23d9, 0x1ebc, 0x5913, 0x6476,
};

static uint16_t
crc16_msb_nibbles(uint16_t crc, const uint8_t *p, size_t n, const uint16_t tab[16])
{
	while (n--) {
		crc = (uint16_t)((crc << 4) ^ tab[((crc >> 12) ^ (*p >> 4)) & 0x0F]);
		crc = (uint16_t)((crc << 4) ^ tab[((crc >> 12) ^ *p) & 0x0F]);
		p++;
	}
	return crc;
}

uint16_t
crc16_xmodem(uint16_t crc, const uint8_t *p, size_t n)
{
	return crc16_msb_nibbles(crc, p, n, xmodem_tab);
}

uint16_t
crc16_en13757_update(uint16_t crc, const uint8_t *p, size_t n)
{
	return crc16_msb_nibbles(crc, p, n, en13757_tab);
}

uint16_t
crc16_en13757(const uint8_t *p, size_t n)
{
	return (uint16_t)(crc16_en13757_update(CRC16_EN13757_INIT, p, n) ^ 0xFFFFu);
}

uint16_t
crc16_x25(const uint8_t *p, size_t n)
{
	return (uint16_t)(crc16_ccitt_refl(CRC16_X25_INIT, p, n) ^ 0xFFFFu);
}

uint16_t
crc16_kermit(const uint8_t *p, size_t n)
{
	return crc16_ccitt_refl(CRC16_KERMIT_INIT, p, n);
}

uint16_t
crc16_arc(const uint8_t *p, size_t n)
{
	return crc16_ibm_refl(CRC16_ARC_INIT, p, n);
}

uint16_t
crc16_modbus(const uint8_t *p, size_t n)
{
	return crc16_ibm_refl(CRC16_MODBUS_INIT, p, n);
}
