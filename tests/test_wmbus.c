/*
 * wM-Bus core pieces the golden test does not reach: frame formats A and B
 * with their CRCs (frames built here by the rule of EN 13757-4, with the
 * CRC that test_crc checks against its catalogue value), compact frames
 * learned from a long frame, and the dongle frame extractors (iM871A,
 * AMB8465, CUL, raw lines) including damaged frames and noise.
 */
#include <string.h>

#include "meterd/crc.h"
#include "meterd/hex.h"
#include "meterd/wmbus.h"
#include "meterd/wmbus_rx.h"
#include "unit.h"
#include "wmbus_int.h"

/* A real telegram (kamheat_L738, CRCs removed): Kamstrup 67947613, compact frame. */
static const char l738[] = "25442D2C1376946730048D20E9F1A70B20154D79E7F1887F8E0100000000CA0900FFFF010000";

static size_t
unhex(const char *s, uint8_t *out)
{
	size_t k = 0;
	for (; s[0] && s[1]; s += 2)
		out[k++] = (uint8_t)(hex_value(s[0]) << 4 | hex_value(s[1]));
	return k;
}

static void
put_crc(uint8_t *p, size_t n)
{
	uint16_t c = crc16_en13757(p, n);
	p[n] = (uint8_t)(c >> 8);
	p[n + 1] = (uint8_t)c;
}

static void
test_format_a_b(void)
{
	uint8_t t[64], a[96], b[96], out[WMBUS_TELEGRAM_MAX];
	size_t n = unhex(l738, t), i, k;

	/* A: 10 bytes + CRC, then blocks of 16 + CRC */
	memcpy(a, t, 10);
	put_crc(a, 10);
	k = 12;
	for (i = 10; i < n; i += 16) {
		size_t len = n - i < 16 ? n - i : 16;
		memcpy(a + k, t + i, len);
		put_crc(a + k, len);
		k += len + 2;
	}
	CHECK_INT(wmbus_link_frame_len(t[0], WMBUS_LINK_A), k);
	memset(out, 0xAA, sizeof(out));
	CHECK_INT(wmbus_link_strip(a, k, WMBUS_LINK_A, out), n);
	CHECK(memcmp(out, t, n) == 0);
	CHECK_INT(wmbus_link_add_crc_a(t, n, b, sizeof(b)), k);
	CHECK(memcmp(a, b, k) == 0);
	a[20] ^= 1; /* a bit in the second block */
	CHECK_INT(wmbus_link_strip(a, k, WMBUS_LINK_A, out), 0);

	/* B: L counts the one CRC after the rest (< 126 bytes) */
	memcpy(b, t, n);
	b[0] = (uint8_t)(n + 1);
	put_crc(b, n);
	CHECK_INT(wmbus_link_strip(b, n + 2, WMBUS_LINK_B, out), n);
	CHECK(memcmp(out + 1, t + 1, n - 1) == 0);
	CHECK_INT(out[0], t[0]);
	b[5] ^= 0x80;
	CHECK_INT(wmbus_link_strip(b, n + 2, WMBUS_LINK_B, out), 0);

	/* B of 150 bytes: a CRC after the first 125 (blocks 1 and 2), one after the other 25 */
	{
		uint8_t big[150], fb[154];
		for (i = 0; i < sizeof(big); i++)
			big[i] = (uint8_t)(i * 7 + 3);
		memcpy(big, t, 11);
		big[0] = (uint8_t)(sizeof(big) - 1);
		memcpy(fb, big, 125);
		fb[0] = (uint8_t)(sizeof(fb) - 1);
		put_crc(fb, 125);
		memcpy(fb + 127, big + 125, 25);
		put_crc(fb + 127, 25);
		memset(out, 0xAA, sizeof(out));
		CHECK_INT(wmbus_link_strip(fb, sizeof(fb), WMBUS_LINK_B, out), sizeof(big));
		CHECK(memcmp(out, big, sizeof(big)) == 0);
		fb[140] ^= 0x01; /* a bit in the second block */
		CHECK_INT(wmbus_link_strip(fb, sizeof(fb), WMBUS_LINK_B, out), 0);
	}
}

/* A compact frame of a format only a long frame teaches. */
static void
test_compact_learned(void)
{
	/* records: 04 13 <volume l>, 02 59 <flow temp 0.01 C>; DIF/VIF list 04 13 02 59 */
	static const uint8_t difvif[] = {0x04, 0x13, 0x02, 0x59};
	uint8_t long_t[64], compact[64], full[16];
	struct wmbus_ctx c;
	struct wmbus_msg m;
	struct wmbus_rec_walk w;
	struct reading rd = {0};
	char text[MBUS_TEXT_MAX];
	uint16_t sig = crc16_en13757(difvif, sizeof(difvif)), fcrc;
	size_t n;

	/* header: L 44 KAM(2D2C) id 12345678 ver 1 type 16, ELL-I 8C CC ACC */
	static const uint8_t hdr[] = {0, 0x44, 0x2D, 0x2C, 0x78, 0x56, 0x34, 0x12, 0x01, 0x16, 0x8C, 0x20, 0x01};
	static const uint8_t recs[] = {0x04, 0x13, 0x39, 0x30, 0x00, 0x00, 0x02, 0x59, 0xD2, 0x04};
	memcpy(long_t, hdr, sizeof(hdr));
	n = sizeof(hdr);
	long_t[n++] = 0x78;
	memcpy(long_t + n, recs, sizeof(recs));
	n += sizeof(recs);
	long_t[0] = (uint8_t)(n - 1);

	memcpy(full, recs, sizeof(recs));
	full[2] = 0x3A; /* the compact frame's newer volume */
	fcrc = crc16_en13757(full, sizeof(recs));
	memcpy(compact, hdr, sizeof(hdr));
	n = sizeof(hdr);
	compact[n++] = 0x79;
	compact[n++] = (uint8_t)sig;
	compact[n++] = (uint8_t)(sig >> 8);
	compact[n++] = (uint8_t)fcrc;
	compact[n++] = (uint8_t)(fcrc >> 8);
	compact[n++] = 0x3A; /* 12346 l */
	compact[n++] = 0x30;
	compact[n++] = 0x00;
	compact[n++] = 0x00;
	compact[n++] = 0xD2;
	compact[n++] = 0x04;
	compact[0] = (uint8_t)(n - 1);

	wmbus_ctx_init(&c, NULL);
	CHECK_INT(wmbus_parse(&c, &m, compact, n), WMBUS_UNKNOWN_FORMAT);
	CHECK_INT(wmbus_parse(&c, &m, long_t, (size_t)long_t[0] + 1), WMBUS_OK);
	CHECK_INT(c.nformats, 1);
	/* the same long frame again: known by its bytes, not learned twice */
	CHECK_INT(wmbus_parse(&c, &m, long_t, (size_t)long_t[0] + 1), WMBUS_OK);
	CHECK_INT(c.nformats, 1);
	CHECK_INT(wmbus_parse(&c, &m, compact, n), WMBUS_OK);
	CHECK(m.info.compact);
	CHECK_INT(m.info.signature, sig);
	wmbus_walk_begin(&m, &w);
	CHECK_INT(wmbus_next_reading(&m, &w, &rd, text), 1);
	CHECK_INT(rd.raw, 12346);
	CHECK_INT(rd.scaler, -3);
	CHECK_STR(rd.unit, "m3");
	CHECK_INT(wmbus_next_reading(&m, &w, &rd, text), 1);
	CHECK_INT(rd.raw, 1234);
	CHECK_STR(rd.quantity, "flow_temperature");
	CHECK_INT(wmbus_next_reading(&m, &w, &rd, text), 0);
	/* a wrong full-frame CRC (no ELL-II CRC vouches for the bytes): refused */
	compact[16] ^= 0xFF;
	CHECK_INT(wmbus_parse(&c, &m, compact, n), WMBUS_CRC_ERROR);

	/* a long frame of the first record alone (04 13, a prefix of the known one) is new */
	long_t[0] = (uint8_t)(sizeof(hdr) + 1 + 6 - 1);
	CHECK_INT(wmbus_parse(&c, &m, long_t, (size_t)long_t[0] + 1), WMBUS_OK);
	CHECK_INT(c.nformats, 2);
	CHECK_INT(c.formats[1].len, 2);
}

/* Each built-in compact format's signature is the CRC of its DIF/VIF bytes. */
static void
test_builtin_signatures(void)
{
	for (size_t i = 0; i < WMBUS_BUILTIN_FORMATS; i++) {
		const struct wmbus_builtin_format *f = &wmbus_builtin_formats[i];
		CHECK_INT(crc16_en13757(f->difvif, f->len), f->signature);
		CHECK(f->len > 0 && f->len <= sizeof(f->difvif));
	}
}

static int
feed(struct wmbus_rx *r, const uint8_t *p, size_t n, int want)
{
	int got = 0;
	for (size_t i = 0; i < n; i++) {
		enum wmbus_rx_event ev = wmbus_rx_byte(r, p[i]);
		if (ev == (enum wmbus_rx_event)want)
			got++;
		else if (ev != WMBUS_RX_NONE && ev != WMBUS_RX_REPLY)
			got += 1000; /* an event nobody expected */
	}
	return got;
}

static void
test_im871a(void)
{
	uint8_t t[64], f[96], g[96];
	size_t n = unhex(l738, t), k;
	struct wmbus_rx r;
	uint16_t c;

	k = wmbus_im871a_encode(WMBUS_IM871A_EP_RADIOLINK, WMBUS_IM871A_WMBUSMSG_IND, t + 1, n - 1, 150,
	                        f, sizeof(f));
	CHECK_INT(k, n + 6); /* A5 ctl msg len, telegram without L, RSSI, CRC */
	wmbus_rx_init(&r, WMBUS_DONGLE_IM871A);
	CHECK_INT(feed(&r, (const uint8_t *)"\x00\x17", 2, WMBUS_RX_TELEGRAM), 0);
	CHECK_INT(feed(&r, f, k, WMBUS_RX_TELEGRAM), 1);
	CHECK_INT(r.tel_len, n);
	CHECK(memcmp(r.tel, t, n) == 0);
	CHECK(r.has_rssi);
	CHECK_INT(r.garbage, 2);
	/* timestamp, RSSI and CRC attached (control 0xE), built by the HCI rule */
	g[0] = 0xA5;
	g[1] = 0xE2;
	g[2] = 0x03;
	g[3] = (uint8_t)(n - 1);
	memcpy(g + 4, t + 1, n - 1);
	memcpy(g + 3 + n, "\x01\x02\x03\x04\x99", 5);
	c = crc16_x25(g + 1, n + 7);
	g[n + 8] = (uint8_t)c;
	g[n + 9] = (uint8_t)(c >> 8);
	CHECK_INT(feed(&r, g, n + 10, WMBUS_RX_TELEGRAM), 1);
	CHECK(memcmp(r.tel, t, n) == 0);
	g[10] ^= 4;
	CHECK_INT(feed(&r, g, n + 10, WMBUS_RX_ERROR), 1);
	/* and the next good one is read */
	CHECK_INT(feed(&r, f, k, WMBUS_RX_TELEGRAM), 1);
}

static void
test_amb8465(void)
{
	uint8_t t[64], f[96], p[64];
	size_t n = unhex(l738, t), k;
	struct wmbus_rx r;

	k = wmbus_amb8465_encode(WMBUS_AMB8465_DATA_IND, t + 1, n - 1, f, sizeof(f));
	wmbus_rx_init(&r, WMBUS_DONGLE_AMB8465);
	CHECK_INT(feed(&r, f, k, WMBUS_RX_TELEGRAM), 1);
	CHECK(memcmp(r.tel, t, n) == 0);
	f[k - 1] ^= 1;
	CHECK_INT(feed(&r, f, k, WMBUS_RX_ERROR), 1);
	/* with the RSSI byte the module appends when told to (0xC4: -104 dBm / 2 - 74) */
	memcpy(p, t + 1, n - 1);
	p[n - 1] = 0xC4;
	k = wmbus_amb8465_encode(WMBUS_AMB8465_DATA_IND, p, n, f, sizeof(f));
	wmbus_rx_init(&r, WMBUS_DONGLE_AMB8465);
	r.amb_rssi = true;
	CHECK_INT(feed(&r, f, k, WMBUS_RX_TELEGRAM), 1);
	CHECK(memcmp(r.tel, t, n) == 0);
	CHECK_INT(r.rssi_dbm, -60 / 2 - 74);
	/* transparent mode: the bare telegram */
	wmbus_rx_init(&r, WMBUS_DONGLE_AMB8465);
	CHECK_INT(feed(&r, t, n, WMBUS_RX_TELEGRAM), 1);
	CHECK(memcmp(r.tel, t, n) == 0);
}

static void
to_hex(const uint8_t *p, size_t n, char *out)
{
	static const char hx[] = "0123456789ABCDEF";
	for (size_t i = 0; i < n; i++) {
		*out++ = hx[p[i] >> 4];
		*out++ = hx[p[i] & 15];
	}
	*out = '\0';
}

static void
test_cul_raw(void)
{
	uint8_t t[64], a[96], b[96];
	char line[400];
	size_t n = unhex(l738, t), k;
	struct wmbus_rx r;

	/* T1/C1 format A with CRCs, LQI and RSSI */
	k = wmbus_link_add_crc_a(t, n, a, sizeof(a));
	line[0] = 'b';
	to_hex(a, k, line + 1);
	strcat(line, "2AC4\r\n");
	wmbus_rx_init(&r, WMBUS_DONGLE_CUL);
	CHECK_INT(feed(&r, (const uint8_t *)"CMODE\r\n", 7, WMBUS_RX_TELEGRAM), 0);
	CHECK_INT(feed(&r, (const uint8_t *)line, strlen(line), WMBUS_RX_TELEGRAM), 1);
	CHECK(memcmp(r.tel, t, n) == 0);
	CHECK_INT(r.rssi_dbm, -60 / 2 - 74);
	/* "bY": format B */
	memcpy(b, t, n);
	b[0] = (uint8_t)(n + 1);
	put_crc(b, n);
	memcpy(line, "bY", 2);
	to_hex(b, n + 2, line + 2);
	strcat(line, "2AC4\n");
	CHECK_INT(feed(&r, (const uint8_t *)line, strlen(line), WMBUS_RX_TELEGRAM), 1);
	CHECK(memcmp(r.tel + 1, t + 1, n - 1) == 0);
	/* a line cut short (odd hex), then a good line */
	CHECK_INT(feed(&r, (const uint8_t *)"b2E44A\r\n", 8, WMBUS_RX_ERROR), 1);

	/* raw: rtl_wmbus line and a plain one */
	wmbus_rx_init(&r, WMBUS_DONGLE_RAW);
	snprintf(line, sizeof(line), "C1;1;1;2026-12-06 22:00:00.000;97;148;67947613;0x%s\n", l738);
	CHECK_INT(feed(&r, (const uint8_t *)line, strlen(line), WMBUS_RX_TELEGRAM), 1);
	CHECK(memcmp(r.tel, t, n) == 0);
	snprintf(line, sizeof(line), "# comment\n%s\r\nnot hex\n", l738);
	CHECK_INT(feed(&r, (const uint8_t *)line, strlen(line), WMBUS_RX_TELEGRAM), 1001);
}

static void
test_setup(void)
{
	uint8_t out[64];
	size_t n;

	/* iM871A SET_CONFIG_REQ: not saved, link mode C1a (6), RSSI on, timestamp off */
	n = wmbus_rx_setup(WMBUS_DONGLE_IM871A, WMBUS_MODE_C1, out, sizeof(out));
	CHECK_INT(n, 10);
	CHECK(memcmp(out, "\xA5\x01\x03\x06\x00\x02\x06\x30\x01\x00", 10) == 0);
	/* AMB8465 SET_MODE C2/T2-other (09): FF 04 01 09 and the XOR */
	n = wmbus_rx_setup(WMBUS_DONGLE_AMB8465, WMBUS_MODE_C1T1, out, sizeof(out));
	CHECK_INT(n, 5);
	CHECK(memcmp(out, "\xFF\x04\x01\x09\xF3", 5) == 0);
	n = wmbus_rx_setup(WMBUS_DONGLE_CUL, WMBUS_MODE_T1, out, sizeof(out));
	CHECK(n == 10 && memcmp(out, "brt\r\nX21\r\n", 10) == 0);
}

int
main(void)
{
	test_format_a_b();
	test_compact_learned();
	test_builtin_signatures();
	test_im871a();
	test_amb8465();
	test_cul_raw();
	test_setup();
	TEST_END();
}
