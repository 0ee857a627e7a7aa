/*
 * Kamstrup KMP: encoding (CRC vectors, stuffing, every CID), value
 * encoding, the unit table, the decoder on good and broken frames, the
 * document's vector files, and the session driven by a fake clock.
 */
#include <stdlib.h>

#include "meterd/crc.h"
#include "meterd/kmp.h"
#include "meterd/profile.h"
#include "fixture_io.h"
#include "unit.h"

/* ------------------------------------------------------------ helpers */

static size_t
hex(const char *s, uint8_t *out, size_t cap)
{
	size_t k = 0;
	int half = -1;

	for (; *s; s++) {
		int v = hex_value(*s);
		if (v < 0)
			continue;
		if (half < 0) {
			half = v;
		} else if (k < cap) {
			out[k++] = (uint8_t)(half << 4 | v);
			half = -1;
		}
	}
	return k;
}

#define MAX_LINES 8

/* Reads tests/fixtures/kmp/<name> as hex lines. Returns the number of lines. */
static int
fixture_lines(const char *name, uint8_t lines[MAX_LINES][128], size_t lens[MAX_LINES])
{
	const char *fx = getenv("FIXTURES");
	char path[1024], text[512];
	FILE *f;
	int n = 0;

	snprintf(path, sizeof(path), "%s/kmp/%s", fx ? fx : "tests/fixtures", name);
	if ((f = fopen(path, "r")) == NULL) {
		fprintf(stderr, "cannot open %s\n", path);
		return 0;
	}
	while (n < MAX_LINES && fgets(text, sizeof(text), f) != NULL) {
		size_t k = hex(text, lines[n], 128);
		if (k > 0)
			lens[n++] = k;
	}
	fclose(f);
	return n;
}

static bool
bytes_eq(const uint8_t *a, size_t na, const char *hexs)
{
	uint8_t b[256];
	size_t nb = hex(hexs, b, sizeof(b));

	if (na != nb || memcmp(a, b, na) != 0) {
		size_t i;
		fprintf(stderr, "  got ");
		for (i = 0; i < na; i++)
			fprintf(stderr, "%02X ", a[i]);
		fprintf(stderr, "\n  want %s\n", hexs);
		return false;
	}
	return true;
}

/* One decoder event with copies of what it pointed to. */
struct ev {
	enum dec_event    ev;
	struct frame_info fi;
	bool              has_kf;
	struct kmp_frame  kf;
	struct reading    rd;
	char              text[16];
};

static int
decode(struct kmp_dec *d, const uint8_t *p, size_t n, bool finish, struct ev *out, int max)
{
	int k = 0;
	enum dec_event e;

	for (;;) {
		size_t used = kmp_dec_push(d, p, n);
		p += used;
		n -= used;
		while ((e = kmp_dec_event(d)) != DEC_NONE) {
			if (k < max) {
				struct ev *x = &out[k];
				memset(x, 0, sizeof(*x));
				x->ev = e;
				if (e == DEC_FRAME) {
					x->fi = *kmp_dec_frame(d);
					if (x->fi.detail) {
						x->has_kf = true;
						x->kf = *(const struct kmp_frame *)x->fi.detail;
					}
				} else {
					x->rd = *kmp_dec_reading(d);
					if (x->rd.type == READING_TEXT && x->rd.text_len < sizeof(x->text))
						memcpy(x->text, x->rd.text, x->rd.text_len);
				}
			}
			k++;
		}
		if (n == 0)
			break;
	}
	if (finish) {
		kmp_dec_finish(d);
		while ((e = kmp_dec_event(d)) != DEC_NONE) {
			if (k < max) {
				memset(&out[k], 0, sizeof(out[k]));
				out[k].ev = e;
				out[k].fi = *kmp_dec_frame(d);
			}
			k++;
		}
	}
	return k;
}

static int
decode_hex(const char *hexs, bool lenient, struct ev *out, int max)
{
	static struct kmp_dec d;
	uint8_t b[512];
	size_t n = hex(hexs, b, sizeof(b));

	kmp_dec_init(&d);
	if (lenient)
		CHECK_INT(kmp_dec_configure(&d, "lenient_crc", "1"), 0);
	return decode(&d, b, n, true, out, max);
}

/* ------------------------------------------------------------- codec */

static void
test_crc_vectors(void)
{
	static const struct {
		const char *data;
		uint16_t    crc;
	} v[] = {
		{"3F 01", 0x058a},           {"3F 02", 0x35e9},
		{"3F 10 01 00 80", 0xd408}, {"3F 10 01 03 EA", 0x4cb7},
		/* PyKamstrup's test value 64250 is its un-augmented routine; the wire CRC is B25F. */
		{"3F 10 01 00 3C", 0xb25f},
	};
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		uint8_t b[16];
		size_t n = hex(v[i].data, b, sizeof(b));
		CHECK_INT(crc16_xmodem(CRC16_XMODEM_INIT, b, n), v[i].crc);
		b[n] = (uint8_t)(v[i].crc >> 8);
		b[n + 1] = (uint8_t)v[i].crc;
		CHECK_INT(crc16_xmodem(CRC16_XMODEM_INIT, b, n + 2), 0);
	}
}

static void
test_stuffing(void)
{
	uint8_t lines[MAX_LINES][128], out[256];
	size_t lens[MAX_LINES], n;
	uint16_t reg;

	/* 5512-447 section 3.1: 04 0D 00 06 goes out as 04 1B F2 00 1B F9. */
	CHECK_INT(fixture_lines("kmp_doc_stuffing.hex", lines, lens), 2);
	n = kmp_stuff(out, sizeof(out), lines[0], lens[0]);
	CHECK(n == lens[1] && memcmp(out, lines[1], n) == 0);
	/* Every byte of the set, and the escape byte itself. */
	{
		const uint8_t all[] = {0x80, 0x40, 0x0d, 0x06, 0x1b, 0x7f, 0xe4};
		n = kmp_stuff(out, sizeof(out), all, sizeof(all));
		CHECK(bytes_eq(out, n, "1B 7F 1B BF 1B F2 1B F9 1B E4 7F E4"));
		CHECK_INT(kmp_stuff(out, 11, all, sizeof(all)), 0);
	}
	/* Register 0x0080 is stuffed inside the data (document example). */
	reg = 0x0080;
	n = kmp_req_get_register(out, sizeof(out), KMP_ADDR_METER, &reg, 1);
	CHECK(bytes_eq(out, n, "80 3F 10 01 00 1B 7F D4 08 0D"));
	/* Register 1924: both CRC bytes (0D 1B) need stuffing. */
	reg = 1924;
	n = kmp_req_get_register(out, sizeof(out), KMP_ADDR_METER, &reg, 1);
	CHECK(bytes_eq(out, n, "80 3F 10 01 07 84 1B F2 1B E4 0D"));
	/* ... and the decoder unstuffs them back. */
	{
		struct ev e[4];
		char h[64];
		size_t i, k = 0;
		for (i = 0; i < n; i++)
			k += (size_t)snprintf(h + k, sizeof(h) - k, "%02X ", out[i]);
		CHECK_INT(decode_hex(h, false, e, 4), 1);
		CHECK_INT(e[0].fi.status, FRAME_OK);
		CHECK_INT(e[0].kf.crc, 0x0d1b);
		CHECK_INT(e[0].kf.nregs, 1);
		CHECK_INT(e[0].kf.regs[0].id, 1924);
	}
}

static void
test_requests(void)
{
	uint8_t out[KMP_REQ_MAX];
	const uint16_t seed[] = {0x3c, 0x56, 0x57, 0x4a, 0x44};
	const uint16_t nine[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
	const uint16_t eight[8] = {60, 68, 1004, 86, 87, 89, 74, 80};
	size_t n;

	n = kmp_req_get_type(out, sizeof(out), KMP_ADDR_METER);
	CHECK(bytes_eq(out, n, "80 3F 01 05 8A 0D"));
	n = kmp_req_get_serial(out, sizeof(out), KMP_ADDR_METER);
	CHECK(bytes_eq(out, n, "80 3F 02 35 E9 0D"));
	n = kmp_req_get_register(out, sizeof(out), KMP_ADDR_METER, (const uint16_t[]){1002}, 1);
	CHECK(bytes_eq(out, n, "80 3F 10 01 03 EA 4C B7 0D"));
	/* The seed script's request, 3F1005003C00560057004A0044, framed. */
	n = kmp_req_get_register(out, sizeof(out), KMP_ADDR_METER, seed, 5);
	CHECK(bytes_eq(out, n, "80 3F 10 05 00 3C 00 56 00 57 00 4A 00 44 EE BA 0D"));
	n = kmp_req_get_register(out, sizeof(out), KMP_ADDR_METER, eight, 8);
	CHECK(bytes_eq(out, n, "80 3F 10 08 00 3C 00 44 03 EC 00 56 00 57 00 59 00 4A 00 50 B6 C5 0D"));
	CHECK_INT(kmp_req_get_register(out, sizeof(out), KMP_ADDR_METER, nine, 9), 0);
	CHECK_INT(kmp_req_get_register(out, sizeof(out), KMP_ADDR_METER, nine, 0), 0);
	n = kmp_req_set_clock(out, sizeof(out), KMP_ADDR_METER, 261125, 143000);
	CHECK(bytes_eq(out, n, "80 3F 09 00 03 FC 05 00 02 2E 98 11 44 0D"));
	CHECK_INT(kmp_req_set_clock(out, sizeof(out), KMP_ADDR_METER, 261125, 250000), 0);
	/* PutRegister 86 = 42.35 °C, 4-byte mantissa as MULTICAL registers have. */
	n = kmp_req_put_register(out, sizeof(out), KMP_ADDR_METER, 86, 37, 4235, -2, 4);
	CHECK(bytes_eq(out, n, "80 3F 11 00 56 25 04 42 00 00 10 8B A3 83 0D"));
	CHECK_INT(kmp_req_put_register(out, sizeof(out), KMP_ADDR_METER, 86, 37, 70000, 0, 2), 0);
	/* Too small a buffer is refused, never overrun; worst case fits KMP_REQ_MAX. */
	CHECK_INT(kmp_req_get_type(out, 5, KMP_ADDR_METER), 0);
	CHECK_INT(kmp_req_get_register(out, 10, KMP_ADDR_METER, (const uint16_t[]){1924}, 1), 0);
	{
		const uint16_t worst[8] = {0x0d0d, 0x0d0d, 0x0d0d, 0x0d0d,
		                           0x0d0d, 0x0d0d, 0x0d0d, 0x0d0d};
		n = kmp_req_get_register(out, sizeof(out), 0x06, worst, 8);
		CHECK(n > 0 && n <= KMP_REQ_MAX);
	}
	/* A reply built to play a meter starts with 0x40. */
	n = kmp_frame_encode(out, sizeof(out), KMP_START_REPLY, 0x3f, 0x02,
	                     (const uint8_t[]){0x01, 0x23, 0x45, 0x67}, 4);
	CHECK(bytes_eq(out, n, "40 3F 02 01 23 45 67 E9 56 0D"));
}

static void
test_values(void)
{
	uint8_t lines[MAX_LINES][128], out[16];
	size_t lens[MAX_LINES], n;
	int64_t raw;
	int8_t sc;
	/* Section 4.2 examples, in the order of kmp_doc_value_encoding.hex. */
	static const struct {
		int64_t raw;
		int     scaler;
	} want[] = {{-12345, -2}, {87654321, 3}, {255, 3}, {19591204, 17}};
	int i, nl;

	nl = fixture_lines("kmp_doc_value_encoding.hex", lines, lens);
	CHECK_INT(nl, 4);
	for (i = 0; i < nl && i < 4; i++) {
		CHECK_INT(lines[i][0] + 2, lens[i]);
		CHECK(kmp_value_decode(lines[i] + 2, lines[i][0], lines[i][1], &raw, &sc));
		CHECK_INT(raw, want[i].raw);
		CHECK_INT(sc, want[i].scaler);
		/* Re-encoding with the same width gives the same bytes. */
		n = kmp_value_encode(raw, sc, lines[i][0], out, sizeof(out));
		CHECK(n == lens[i] && memcmp(out, lines[i], n) == 0);
	}
	/* The example: 4235 with exponent -2 is 42.35, and every sign combination. */
	CHECK(kmp_value_decode((const uint8_t[]){0x10, 0x8b}, 2, 0x42, &raw, &sc));
	CHECK(raw == 4235 && sc == -2);
	CHECK(kmp_value_decode((const uint8_t[]){0x10, 0x8b}, 2, 0xc2, &raw, &sc));
	CHECK(raw == -4235 && sc == -2);
	CHECK(kmp_value_decode((const uint8_t[]){0x10, 0x8b}, 2, 0x82, &raw, &sc));
	CHECK(raw == -4235 && sc == 2);
	CHECK(kmp_value_decode((const uint8_t[]){0x10, 0x8b}, 2, 0x02, &raw, &sc));
	CHECK(raw == 4235 && sc == 2);
	CHECK(kmp_value_decode((const uint8_t[]){0x02}, 1, 0x7f, &raw, &sc));
	CHECK(raw == 2 && sc == -63);
	/* 0.002 from the spec: 04 43 00 00 00 02. */
	CHECK(kmp_value_decode((const uint8_t[]){0, 0, 0, 2}, 4, 0x43, &raw, &sc));
	CHECK(raw == 2 && sc == -3);
	/* Out of range. */
	CHECK(!kmp_value_decode((const uint8_t[]){1}, 0, 0, &raw, &sc));
	CHECK(!kmp_value_decode((const uint8_t[9]){0}, 9, 0, &raw, &sc));
	CHECK(!kmp_value_decode((const uint8_t[8]){0x80, 0, 0, 0, 0, 0, 0, 0}, 8, 0, &raw, &sc));
	CHECK(kmp_value_decode((const uint8_t[8]){0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff},
	                       8, 0x80, &raw, &sc));
	CHECK(raw == -INT64_MAX);
	/* Encoding: fewest bytes, signs, limits. */
	n = kmp_value_encode(-12345, -2, 0, out, sizeof(out));
	CHECK(bytes_eq(out, n, "02 C2 30 39"));
	n = kmp_value_encode(0, 0, 0, out, sizeof(out));
	CHECK(bytes_eq(out, n, "01 00 00"));
	n = kmp_value_encode(300, 5, 0, out, sizeof(out));
	CHECK(bytes_eq(out, n, "02 05 01 2C"));
	CHECK_INT(kmp_value_encode(1, 64, 0, out, sizeof(out)), 0);
	CHECK_INT(kmp_value_encode(1, -64, 0, out, sizeof(out)), 0);
	CHECK_INT(kmp_value_encode(256, 0, 1, out, sizeof(out)), 0);
	CHECK_INT(kmp_value_encode(INT64_MIN, 0, 0, out, sizeof(out)), 0);
	CHECK_INT(kmp_value_encode(1, 0, 9, out, sizeof(out)), 0);
	CHECK_INT(kmp_value_encode(1, 0, 4, out, 5), 0);
}

static void
test_units(void)
{
	CHECK_STR(kmp_unit_text(1), "Wh");
	CHECK_STR(kmp_unit_text(2), "kWh");
	CHECK_STR(kmp_unit_text(3), "MWh");
	CHECK_STR(kmp_unit_text(8), "GJ");
	CHECK_STR(kmp_unit_text(10), "kCal");
	CHECK_STR(kmp_unit_text(22), "kW");
	CHECK_STR(kmp_unit_text(26), "kvar");
	CHECK_STR(kmp_unit_text(33), "V");
	CHECK_STR(kmp_unit_text(37), "\xc2\xb0" "C");
	CHECK_STR(kmp_unit_text(38), "K");
	CHECK_STR(kmp_unit_text(39), "l");
	CHECK_STR(kmp_unit_text(40), "m3");
	CHECK_STR(kmp_unit_text(41), "l/h");
	CHECK_STR(kmp_unit_text(42), "m3/h");
	CHECK_STR(kmp_unit_text(46), "h");
	CHECK_STR(kmp_unit_text(47), "hh:mm:ss");
	CHECK_STR(kmp_unit_text(48), "yy:mm:dd");
	CHECK_STR(kmp_unit_text(49), "yyyy:mm:dd");
	CHECK_STR(kmp_unit_text(50), "mm:dd");
	CHECK_STR(kmp_unit_text(51), "");
	CHECK_STR(kmp_unit_text(52), "bar");
	CHECK_STR(kmp_unit_text(58), "min");
	CHECK_STR(kmp_unit_text(60), "s");
	CHECK_STR(kmp_unit_text(62), "d");
	CHECK_STR(kmp_unit_text(64), "datetime");
	CHECK_STR(kmp_unit_text(66), "l/imp");
	CHECK_STR(kmp_unit_text(90), "g/kg");
	CHECK_STR(kmp_unit_text(0), "");
	CHECK_STR(kmp_unit_text(59), "");
	CHECK_STR(kmp_unit_text(70), "");
	CHECK_STR(kmp_unit_text(91), "");
	CHECK_STR(kmp_unit_text(255), "");
	/* Every text fits a reading's unit field. */
	{
		int u;
		for (u = 0; u < 256; u++)
			CHECK(strlen(kmp_unit_text((uint8_t)u)) < READING_UNIT_MAX);
	}
}

/* ----------------------------------------------------------- decoder */

/* A GetRegister reply from the meter, one register, built with the encoders. */
static size_t
reply_one(uint8_t *out, size_t cap, uint16_t reg, uint8_t unit, int64_t raw, int sc, size_t nob)
{
	uint8_t data[16];
	size_t m;

	data[0] = (uint8_t)(reg >> 8);
	data[1] = (uint8_t)reg;
	data[2] = unit;
	m = kmp_value_encode(raw, sc, nob, data + 3, sizeof(data) - 3);
	return kmp_frame_encode(out, cap, KMP_START_REPLY, KMP_ADDR_METER, KMP_CID_GET_REGISTER,
	                        data, 3 + m);
}

static void
test_time_date_units(void)
{
	uint8_t lines[MAX_LINES][128], frame[64];
	size_t lens[MAX_LINES];
	static const uint8_t unit[6] = {47, 47, 48, 48, 50, 50};
	static const int64_t want[6] = {103000, 235959, 60824, 991231, 824, 1231};
	struct kmp_dec d;
	struct ev e[4];
	int i, nl;

	nl = fixture_lines("kmp_doc_time_date_units.hex", lines, lens);
	CHECK_INT(nl, 6);
	for (i = 0; i < nl && i < 6; i++) {
		uint8_t data[16] = {0x03, 0xea, unit[i], 4, 0x00};
		size_t n;
		memcpy(data + 5, lines[i], 4);
		n = kmp_frame_encode(frame, sizeof(frame), KMP_START_REPLY, 0x3f, 0x10, data, 9);
		kmp_dec_init(&d);
		CHECK_INT(decode(&d, frame, n, true, e, 4), 2);
		CHECK_INT(e[1].ev, DEC_READING);
		CHECK_INT(e[1].rd.raw, want[i]);
		CHECK_INT(e[1].rd.scaler, 0);
		CHECK_STR(e[1].rd.unit, kmp_unit_text(unit[i]));
	}
}

static void
test_decoder_fixtures(void)
{
	uint8_t lines[MAX_LINES][128];
	size_t lens[MAX_LINES];
	struct kmp_dec d;
	struct ev e[16];
	int k;

	/* GetType: request (an echo as the session sees it), reply with 1B F9 -> 06. */
	CHECK_INT(fixture_lines("kmp_doc_gettype.hex", lines, lens), 2);
	kmp_dec_init(&d);
	k = decode(&d, lines[0], lens[0], false, e, 16);
	k += decode(&d, lines[1], lens[1], true, e + k, 16 - k);
	CHECK_INT(k, 4);
	CHECK(e[0].has_kf && e[0].kf.kind == KMP_FRAME_REQUEST && e[0].kf.cid == 1);
	CHECK_INT(e[0].fi.length, 6);
	CHECK(e[1].has_kf && e[1].kf.kind == KMP_FRAME_REPLY && e[1].fi.status == FRAME_OK);
	CHECK_INT(e[1].fi.offset, 6);
	CHECK_INT(e[1].fi.index, 1);
	CHECK_INT(e[1].kf.meter_type, 4);
	CHECK_STR(e[1].kf.revision, "F1");
	CHECK_STR(e[2].rd.id, "kmp:type");
	CHECK_INT(e[2].rd.raw, 4);
	CHECK_STR(e[3].rd.id, "kmp:revision");
	CHECK_INT(e[3].rd.type, READING_TEXT);
	CHECK_STR(e[3].text, "F1");

	/* MeterLogger's 8-register reply, 1B E4 inside register 0x03EC. */
	CHECK_INT(fixture_lines("kmp_meterlogger_getregister_8regs_response.hex", lines, lens), 1);
	kmp_dec_init(&d);
	k = decode(&d, lines[0], lens[0], true, e, 16);
	CHECK_INT(k, 9);
	CHECK_INT(e[0].kf.nregs, 8);
	CHECK_INT(e[3].rd.raw, 7126);
	CHECK_STR(e[3].rd.id, "kmp:1004");
	CHECK_INT(e[4].rd.raw, 20000);
	CHECK_INT(e[4].rd.scaler, -2);
	CHECK_STR(e[4].rd.unit, "\xc2\xb0" "C");
	CHECK_STR(e[8].rd.id, "kmp:80");
	CHECK_INT(e[8].rd.scaler, -1);
}

/*
 * The body is copied eight bytes a round while none needs stuffing: every
 * data length, with each byte that is stuffed on the wire at every
 * position, comes back unstuffed and whole.
 */
static void
test_body_blocks(void)
{
	static const uint8_t stuffed[] = {0x06, 0x0D, 0x1B, 0x40, 0x80};
	uint8_t data[40], frame[128];
	size_t len, at, j;

	for (len = 1; len <= sizeof(data); len++)
		for (at = 0; at <= len; at++) /* at == len: none stuffed */
			for (j = 0; j < sizeof(stuffed); j++) {
				struct kmp_dec d;
				const struct kmp_frame *kf;
				size_t n, i;
				for (i = 0; i < len; i++)
					data[i] = (uint8_t)(0x21 + i);
				if (at < len)
					data[at] = stuffed[j];
				/* CID 0x7F: not one the decoder parses, so the data passes through. */
				n = kmp_frame_encode(frame, sizeof(frame), KMP_START_REQUEST, 0x3f, 0x7f,
				                     data, len);
				kmp_dec_init(&d);
				CHECK_INT(kmp_dec_push(&d, frame, n), n);
				CHECK_INT(kmp_dec_event(&d), DEC_FRAME);
				CHECK_INT(kmp_dec_frame(&d)->status, FRAME_OK);
				kf = kmp_dec_frame(&d)->detail;
				CHECK(kf != NULL && kf->data_len == len && memcmp(kf->data, data, len) == 0);
				if (at == len)
					break;
			}
}

static void
test_decoder_broken(void)
{
	struct ev e[16];
	int k;

	/* Lone 0x00 bytes are silent; an ACK is a frame of its own. */
	k = decode_hex("00 00 06 00", false, e, 16);
	CHECK_INT(k, 1);
	CHECK(e[0].has_kf && e[0].kf.kind == KMP_FRAME_ACK && e[0].fi.status == FRAME_OK);
	CHECK_INT(e[0].fi.offset, 2);

	/* Noise becomes one invalid frame without detail, then the frame decodes. */
	k = decode_hex("12 34 FF 40 3F 02 01 23 45 67 E9 56 0D", false, e, 16);
	CHECK_INT(k, 3);
	CHECK(e[0].fi.status == FRAME_INVALID && !e[0].has_kf && e[0].fi.length == 3);
	CHECK(e[1].fi.status == FRAME_OK && e[1].kf.serial == 19088743);
	CHECK_INT(e[2].rd.raw, 19088743);

	/* CRC error: no values unless lenient, then after the frame. */
	k = decode_hex("40 3F 02 01 23 45 67 E9 57 0D", false, e, 16);
	CHECK_INT(k, 1);
	CHECK_INT(e[0].fi.status, FRAME_CRC_ERROR);
	CHECK(e[0].has_kf && e[0].kf.cid == 2 && e[0].kf.crc == 0xe957);
	k = decode_hex("40 3F 02 01 23 45 67 E9 57 0D", true, e, 16);
	CHECK_INT(k, 2);
	CHECK_INT(e[0].fi.status, FRAME_CRC_ERROR);
	CHECK_INT(e[1].rd.raw, 19088743);

	/* Truncated at the end of input. */
	k = decode_hex("40 3F 02 01 23", false, e, 16);
	CHECK_INT(k, 1);
	CHECK_INT(e[0].fi.status, FRAME_TRUNCATED);
	CHECK_INT(e[0].fi.length, 5);

	/* A start byte inside a frame: the first is broken, the second decodes. */
	k = decode_hex("40 3F 02 01 40 3F 02 01 23 45 67 E9 56 0D", false, e, 16);
	CHECK_INT(k, 3);
	CHECK_INT(e[0].fi.status, FRAME_INVALID);
	CHECK_INT(e[0].fi.length, 4);
	CHECK_INT(e[1].fi.status, FRAME_OK);
	CHECK_INT(e[1].fi.offset, 4);

	/* Line silence inside a frame truncates it; the decoder then takes the next frame. */
	{
		struct kmp_dec d;
		uint8_t b[32];
		size_t n = hex("40 3F 02 01", b, sizeof(b));
		kmp_dec_init(&d);
		CHECK_INT(decode(&d, b, n, false, e, 16), 0);
		CHECK(kmp_dec_in_frame(&d));
		kmp_dec_idle(&d);
		CHECK_INT(kmp_dec_event(&d), DEC_FRAME);
		CHECK_INT(kmp_dec_frame(&d)->status, FRAME_TRUNCATED);
		CHECK_INT(kmp_dec_frame(&d)->length, 4);
		CHECK(!kmp_dec_in_frame(&d));
		n = hex("40 3F 02 01 23 45 67 E9 56 0D", b, sizeof(b));
		k = decode(&d, b, n, true, e, 16);
		CHECK(k == 2 && e[0].fi.status == FRAME_OK && e[0].fi.offset == 4 && e[0].fi.index == 1);
		/* Idle between frames, or twice, reports nothing. */
		kmp_dec_idle(&d);
		kmp_dec_idle(&d);
		CHECK_INT(kmp_dec_event(&d), DEC_NONE);
	}
	/* Endless noise is reported in bounded runs. */
	{
		static uint8_t noise[1000];
		struct kmp_dec d;
		memset(noise, 0x55, sizeof(noise));
		kmp_dec_init(&d);
		k = decode(&d, noise, sizeof(noise), true, e, 16);
		CHECK_INT(k, 4);
		CHECK_INT(e[0].fi.length, KMP_FRAME_MAX);
		CHECK_INT(e[3].fi.length, 1000 - 3 * KMP_FRAME_MAX);
		CHECK(!e[3].has_kf);
		CHECK_INT(e[1].fi.offset, KMP_FRAME_MAX);
		CHECK_INT(e[3].fi.offset, 3 * KMP_FRAME_MAX);
		/* Runs one short of, at and one past the report length, then a frame:
		 * the run ends at the start byte or at the length, whichever first. */
		for (size_t run = KMP_FRAME_MAX - 1; run <= KMP_FRAME_MAX + 1; run++) {
			static const uint8_t frame[] = {0x40, 0x3F, 0x02, 0x01, 0x23,
			                                0x45, 0x67, 0xE9, 0x56, 0x0D};
			int want = run > KMP_FRAME_MAX ? 4 : 3;
			memcpy(noise + run, frame, sizeof(frame));
			kmp_dec_init(&d);
			k = decode(&d, noise, run + sizeof(frame), true, e, 16);
			CHECK_INT(k, want);
			CHECK_INT(e[0].fi.length, run < KMP_FRAME_MAX ? run : KMP_FRAME_MAX);
			CHECK_INT(e[want - 2].fi.offset, run);
			CHECK_INT(e[want - 2].fi.status, FRAME_OK);
			memset(noise, 0x55, sizeof(noise));
		}
	}
	/* Too short, escape at the end. */
	k = decode_hex("40 3F 02 0D", false, e, 16);
	CHECK(k == 1 && e[0].fi.status == FRAME_INVALID);
	k = decode_hex("40 3F 02 01 23 1B 0D", false, e, 16);
	CHECK(k == 1 && e[0].fi.status == FRAME_INVALID);

	/* Register walks that do not fit (frames built with a right CRC). */
	{
		static const char *const bad[] = {
			"00 3C 03 00 43",                /* NoB 0 */
			"00 3C 03 09 43 00 00 00 00 00 00 00 00 00", /* NoB 9 */
			"00 3C 03 04 43 00 00 02",       /* mantissa cut short */
			"00 3C 03",                      /* entry cut short */
			"00 3C 03 08 00 80 00 00 00 00 00 00 00", /* beyond int64 */
			"00 3C 03 01 00 07 00 3D 03 02", /* second entry cut short */
		};
		/* Each walk stops at its own reason (the walk indexes the data itself). */
		static const char *const why[] = {
			"register value of 0 or more than 8 bytes",
			"register value of 0 or more than 8 bytes",
			"register value truncated",
			"register entry truncated",
			"register value out of range",
			"register entry truncated",
		};
		size_t i;
		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			uint8_t data[32], frame[80];
			size_t n = hex(bad[i], data, sizeof(data));
			struct kmp_dec d;
			n = kmp_frame_encode(frame, sizeof(frame), 0x40, 0x3f, 0x10, data, n);
			kmp_dec_init(&d);
			k = decode(&d, frame, n, true, e, 16);
			CHECK_INT(k, 1);
			CHECK_INT(e[0].fi.status, FRAME_INVALID);
			CHECK(e[0].fi.error != NULL && strcmp(e[0].fi.error, why[i]) == 0);
		}
	}
	/* Nine registers in one reply are more than any request asks for. */
	{
		uint8_t data[64], frame[160];
		size_t n = 0, i;
		struct kmp_dec d;
		for (i = 0; i < 9; i++) {
			const uint8_t one[6] = {0x00, (uint8_t)(0x30 + i), 0x03, 0x01, 0x00, 0x07};
			memcpy(data + n, one, 6);
			n += 6;
		}
		n = kmp_frame_encode(frame, sizeof(frame), 0x40, 0x3f, 0x10, data, n);
		kmp_dec_init(&d);
		k = decode(&d, frame, n, true, e, 16);
		CHECK(k == 1 && e[0].fi.status == FRAME_INVALID);
		/* Eight are fine, and an empty reply (nothing supported) has no values. */
		n = kmp_frame_encode(frame, sizeof(frame), 0x40, 0x3f, 0x10, data, 48);
		kmp_dec_init(&d);
		CHECK_INT(decode(&d, frame, n, true, e, 16), 9);
		n = kmp_frame_encode(frame, sizeof(frame), 0x40, 0x3f, 0x10, data, 0);
		kmp_dec_init(&d);
		CHECK_INT(decode(&d, frame, n, true, e, 16), 1);
		CHECK_INT(e[0].fi.status, FRAME_OK);
	}
	/* GetType and GetSerialNo replies of the wrong size. */
	k = decode_hex("40 3F 01 00 04 1B F9 3E 4C 0D", false, e, 16);
	CHECK(k == 1 && e[0].fi.status != FRAME_OK);
	/* An overlong frame is dropped as one invalid frame, and the next one decodes. */
	{
		uint8_t big[700];
		size_t n = 0;
		struct kmp_dec d;
		big[n++] = 0x40;
		while (n < 600)
			big[n++] = 0x11;
		big[n++] = 0x0d;
		n += kmp_frame_encode(big + n, sizeof(big) - n, 0x40, 0x3f, 0x02,
		                      (const uint8_t[]){0, 0, 0, 9}, 4);
		kmp_dec_init(&d);
		k = decode(&d, big, n, true, e, 16);
		CHECK_INT(k, 3);
		CHECK_INT(e[0].fi.status, FRAME_INVALID);
		CHECK_INT(e[0].fi.length, 601);
		CHECK_INT(e[2].rd.raw, 9);
	}
	/* Requests are checked too: a GetRegister count that disagrees with the length. */
	{
		uint8_t frame[32];
		struct kmp_dec d;
		size_t n = kmp_frame_encode(frame, sizeof(frame), 0x80, 0x3f, 0x10,
		                            (const uint8_t[]){2, 0, 0x3c}, 3);
		kmp_dec_init(&d);
		k = decode(&d, frame, n, true, e, 16);
		CHECK(k == 1 && e[0].fi.status == FRAME_INVALID && e[0].kf.kind == KMP_FRAME_REQUEST);
	}
	/* Detection. */
	{
		uint8_t b[32];
		size_t n = hex("00 40 3F 02 01 23 45 67 E9 56 0D", b, sizeof(b));
		CHECK_INT(kmp_decoder_ops.detect(b, n), 90);
		b[n - 2] ^= 1;
		CHECK(kmp_decoder_ops.detect(b, n) < 50);
		n = hex("7E A0 07 03 21 93 0F 01 7E", b, sizeof(b));
		CHECK_INT(kmp_decoder_ops.detect(b, n), 0);
	}
	/* Options. */
	{
		struct kmp_dec d;
		kmp_dec_init(&d);
		CHECK_INT(kmp_dec_configure(&d, "lenient_crc", "2"), -1);
		CHECK_INT(kmp_dec_configure(&d, "kermit", "1"), -1);
	}
}

/* ----------------------------------------------------------- session */

struct sess_log {
	int      readings, failed, done, sends;
	int64_t  raw[16];
	char     id[16][READING_ID_MAX];
	char     text[16][8];
	char     error[64];
	uint8_t  tx[KMP_REQ_MAX];
	size_t   tx_len;
};

/* Drains every event due at now, logging them. Returns the number of events. */
static int
drain(struct kmp_session *s, uint32_t now, struct sess_log *l)
{
	enum kmp_session_event ev;
	int n = 0;

	while ((ev = kmp_session_event(s, now)) != KMP_SESSION_NONE) {
		const struct reading *r;
		const uint8_t *tx;
		n++;
		switch (ev) {
		case KMP_SESSION_SEND:
			tx = kmp_session_tx(s, &l->tx_len);
			memcpy(l->tx, tx, l->tx_len);
			l->sends++;
			break;
		case KMP_SESSION_READING:
			r = kmp_session_reading(s);
			if (l->readings < 16) {
				l->raw[l->readings] = r->raw;
				snprintf(l->id[l->readings], READING_ID_MAX, "%s", r->id);
				if (r->type == READING_TEXT)
					snprintf(l->text[l->readings], 8, "%.*s", (int)r->text_len,
					         (const char *)r->text);
			}
			l->readings++;
			break;
		case KMP_SESSION_FAILED:
			l->failed++;
			snprintf(l->error, sizeof(l->error), "%s", kmp_session_error(s));
			break;
		case KMP_SESSION_DONE:
			l->done++;
			break;
		default:
			break;
		}
		if (n > 1000)
			break; /* a stuck session is a failure, not a hang */
	}
	return n;
}

/* Feeds bytes at now as the caller's loop would: input, drain, repeat. */
static void
feed(struct kmp_session *s, uint32_t now, const uint8_t *p, size_t n, struct sess_log *l)
{
	int guard = 0;

	while (n > 0 && guard++ < 1000) {
		size_t used = kmp_session_input(s, now, p, n);
		p += used;
		n -= used;
		drain(s, now, l);
	}
	CHECK(n == 0);
}

static uint32_t
deadline(const struct kmp_session *s)
{
	uint32_t at = 0;
	CHECK(kmp_session_deadline(s, &at));
	return at;
}

/* A full poll: 10 registers in two requests, echo in the reply stream, one left out. */
static void
test_session_poll(void)
{
	static const uint16_t regs[10] = {60, 68, 1004, 86, 87, 89, 74, 80, 1002, 99};
	uint8_t frame[64];
	size_t n;
	struct kmp_session s;
	struct sess_log l;
	uint32_t t = 1000, at;
	const struct kmp_session_stats *st;

	memset(&l, 0, sizeof(l));
	kmp_session_init(&s, NULL);
	CHECK(!kmp_session_deadline(&s, &at));
	CHECK(!kmp_session_busy(&s));
	CHECK_INT(kmp_session_read_registers(&s, regs, 10), 0);
	CHECK(kmp_session_busy(&s));
	CHECK_INT(drain(&s, t, &l), 1);
	CHECK_INT(l.sends, 1);
	CHECK(bytes_eq(l.tx, l.tx_len,
	               "80 3F 10 08 00 3C 00 44 03 EC 00 56 00 57 00 59 00 4A 00 50 B6 C5 0D"));
	/* 23 bytes at 1200 baud 8N2 take 211 ms; the meter then has 1.6 s. */
	CHECK_INT(deadline(&s), t + 211 + 1600);
	/* The optical head echoes the request: not a reply, not an error. */
	feed(&s, t + 5, l.tx, l.tx_len, &l);
	CHECK_INT(l.readings, 0);
	CHECK_INT(kmp_session_stats(&s)->echoes, 1);
	/* MeterLogger's reply to exactly these 8 registers (a one-frame file). */
	{
		const char *fx = getenv("FIXTURES");
		char path[1024];
		uint8_t *reply;
		snprintf(path, sizeof(path), "%s/kmp/kmp_meterlogger_getregister_8regs_response.hex",
		         fx ? fx : "tests/fixtures");
		reply = fixture_load(path, &n);
		CHECK(reply != NULL);
		t += 900;
		if (reply != NULL)
			feed(&s, t, reply, n, &l);
		free(reply);
	}
	CHECK_INT(l.readings, 8);
	CHECK_STR(l.id[0], "kmp:60");
	CHECK_INT(l.raw[0], 2);
	CHECK_STR(l.id[4], "kmp:87");
	CHECK_INT(l.raw[4], 8654);
	/* At least one byte time (10 ms at 1200 baud) before the next request. */
	CHECK_INT(deadline(&s), t + 10);
	CHECK_INT(drain(&s, t + 9, &l), 0);
	CHECK_INT(drain(&s, t + 10, &l), 1);
	CHECK_INT(l.sends, 2);
	CHECK(bytes_eq(l.tx, l.tx_len, "80 3F 10 02 03 EA 00 63 2D 8A 0D"));
	/* The meter answers 1002 only, leaving out 99; echo and reply in one read. */
	t += 300;
	{
		uint8_t both[96];
		memcpy(both, l.tx, l.tx_len);
		n = reply_one(frame, sizeof(frame), 1002, 47, 200243, 0, 4);
		memcpy(both + l.tx_len, frame, n);
		feed(&s, t, both, l.tx_len + n, &l);
	}
	CHECK_INT(l.readings, 9);
	CHECK_STR(l.id[8], "kmp:1002");
	CHECK_INT(l.raw[8], 200243);
	CHECK_INT(l.done, 1);
	CHECK_INT(l.failed, 0);
	CHECK(!kmp_session_busy(&s));
	CHECK(!kmp_session_deadline(&s, &at));
	st = kmp_session_stats(&s);
	CHECK_INT(st->requests, 2);
	CHECK_INT(st->echoes, 2);
	CHECK_INT(st->readings, 9);
	CHECK_INT(st->regs_missing, 1);
	CHECK_INT(st->retries, 0);
}

/* No answer: retry right at the deadline, then the reply arrives. */
static void
test_session_timeout_retry(void)
{
	uint8_t frame[64];
	size_t n;
	struct kmp_session s;
	struct sess_log l;
	uint32_t t = 50, dl;

	memset(&l, 0, sizeof(l));
	kmp_session_init(&s, NULL);
	CHECK_INT(kmp_session_read_registers(&s, (const uint16_t[]){60}, 1), 0);
	drain(&s, t, &l);
	CHECK_INT(l.sends, 1);
	dl = deadline(&s);
	CHECK_INT(dl, t + 83 + 1600); /* 9 bytes take 83 ms */
	CHECK_INT(drain(&s, dl - 1, &l), 0);
	/* Timed out; the retry goes one byte time later, the meter having been quiet. */
	CHECK_INT(drain(&s, dl, &l), 0);
	CHECK_INT(deadline(&s), dl + 10);
	CHECK_INT(drain(&s, dl + 10, &l), 1);
	CHECK_INT(l.sends, 2);
	CHECK_INT(kmp_session_stats(&s)->timeouts, 1);
	CHECK_INT(kmp_session_stats(&s)->retries, 1);
	n = reply_one(frame, sizeof(frame), 60, 2, 123456, 0, 4);
	feed(&s, dl + 400, frame, n, &l);
	CHECK_INT(l.readings, 1);
	CHECK_INT(l.raw[0], 123456);
	CHECK_INT(l.done, 1);
	CHECK_INT(l.failed, 0);
}

/* Noise before the reply is counted and skipped; a CRC error waits 1.6 s and retries. */
static void
test_session_garbage_crc(void)
{
	uint8_t frame[64], buf[80];
	size_t n;
	struct kmp_session s;
	struct sess_log l;
	uint32_t t = 0;

	memset(&l, 0, sizeof(l));
	kmp_session_init(&s, NULL);
	CHECK_INT(kmp_session_read_registers(&s, (const uint16_t[]){86, 87}, 2), 0);
	drain(&s, t, &l);
	n = reply_one(frame, sizeof(frame), 86, 37, 4235, -2, 4);
	/* Broken CRC first. */
	memcpy(buf, frame, n);
	buf[n - 2] ^= 0x01;
	t = 700;
	feed(&s, t, buf, n, &l);
	CHECK_INT(l.readings, 0);
	CHECK_INT(kmp_session_stats(&s)->crc_errors, 1);
	CHECK_INT(deadline(&s), t + 1600);
	CHECK_INT(drain(&s, t + 1599, &l), 0);
	/* Bytes during the pause are the meter still talking: dropped, counted. */
	feed(&s, t + 800, (const uint8_t[]){0x00, 0x77}, 2, &l);
	CHECK_INT(drain(&s, t + 1600, &l), 1);
	CHECK_INT(l.sends, 2);
	/* Noise, then the reply (87 left out). */
	t += 2000;
	buf[0] = 0xff;
	buf[1] = 0x0d;
	buf[2] = 0x1b;
	memcpy(buf + 3, frame, n);
	feed(&s, t, buf, n + 3, &l);
	CHECK_INT(l.readings, 1);
	CHECK_INT(l.raw[0], 4235);
	CHECK_INT(l.done, 1);
	CHECK_INT(kmp_session_stats(&s)->noise_bytes, 5);
	CHECK_INT(kmp_session_stats(&s)->regs_missing, 1);
}

/* The reply stops half way: inter-byte timeout, pause, retry. */
static void
test_session_interbyte(void)
{
	uint8_t frame[64];
	size_t n;
	struct kmp_session s;
	struct sess_log l;
	uint32_t t = 0;

	memset(&l, 0, sizeof(l));
	kmp_session_init(&s, NULL);
	CHECK_INT(kmp_session_get_serial(&s), 0);
	drain(&s, t, &l);
	CHECK(bytes_eq(l.tx, l.tx_len, "80 3F 02 35 E9 0D"));
	n = kmp_frame_encode(frame, sizeof(frame), 0x40, 0x3f, 0x02,
	                     (const uint8_t[]){0x00, 0x69, 0x2d, 0x32}, 4);
	feed(&s, 600, frame, 5, &l);
	CHECK_INT(deadline(&s), 600 + 200);
	/* Bytes keep it alive. */
	feed(&s, 750, frame + 5, 1, &l);
	CHECK_INT(drain(&s, 949, &l), 0);
	CHECK_INT(drain(&s, 950, &l), 0); /* timed out: now pausing, nothing to send yet */
	CHECK_INT(kmp_session_stats(&s)->timeouts, 1);
	CHECK_INT(deadline(&s), 950 + 1600);
	CHECK_INT(drain(&s, 2550, &l), 1);
	CHECK_INT(l.sends, 2);
	feed(&s, 3000, frame, n, &l);
	CHECK_INT(l.readings, 1);
	CHECK_STR(l.id[0], "kmp:serial");
	CHECK_INT(l.raw[0], 6892850);
	CHECK_INT(l.done, 1);
}

/* A meter that never answers: three attempts, then the whole poll is dropped. */
static void
test_session_dead_meter(void)
{
	static const uint16_t regs[10] = {60, 68, 74, 80, 86, 87, 89, 1002, 1003, 1004};
	struct kmp_session s;
	struct sess_log l;
	uint32_t t = 0xfffff000u; /* the clock wraps during this poll */
	int i;

	memset(&l, 0, sizeof(l));
	kmp_session_init(&s, NULL);
	CHECK_INT(kmp_session_read_registers(&s, regs, 10), 0);
	CHECK_INT(kmp_session_get_type(&s), 0);
	for (i = 0; i < 10 && l.done == 0; i++) {
		drain(&s, t, &l);
		if (l.done)
			break;
		t = deadline(&s);
	}
	CHECK_INT(l.sends, 3);
	CHECK_INT(l.failed, 1);
	CHECK_STR(l.error, "no reply");
	CHECK_INT(l.done, 1);
	CHECK_INT(kmp_session_stats(&s)->dropped, 2);
	CHECK_INT(kmp_session_stats(&s)->failures, 1);
	CHECK(!kmp_session_busy(&s));
	CHECK(t < 0x1000u); /* wrapped */

	/* The largest retry count still ends. */
	{
		struct kmp_session_config c;
		kmp_session_config_default(&c);
		c.retries = 255;
		kmp_session_init(&s, &c);
		memset(&l, 0, sizeof(l));
		CHECK_INT(kmp_session_get_serial(&s), 0);
		for (i = 0; i < 1000 && l.done == 0; i++) {
			drain(&s, t, &l);
			if (!l.done)
				t = deadline(&s);
		}
		CHECK_INT(l.sends, 256);
		CHECK_INT(l.done, 1);
	}
}

/* Replies that do not answer the request; SetClock's ACK; GetType. */
static void
test_session_mismatch_ack(void)
{
	struct kmp_session_config c;
	uint8_t lines[MAX_LINES][128], frame[64];
	size_t lens[MAX_LINES], n;
	struct kmp_session s;
	struct sess_log l;

	memset(&l, 0, sizeof(l));
	kmp_session_config_default(&c);
	c.retries = 0;
	kmp_session_init(&s, &c);
	CHECK_INT(kmp_session_read_registers(&s, (const uint16_t[]){60}, 1), 0);
	CHECK_INT(kmp_session_set_clock(&s, 261125, 143000), 0);
	CHECK_INT(kmp_session_get_type(&s), 0);
	CHECK_INT(kmp_session_set_clock(&s, 261332, 0), -1);
	drain(&s, 0, &l);
	/* A register nobody asked for: the request fails (no retries configured). */
	n = reply_one(frame, sizeof(frame), 61, 2, 1, 0, 4);
	feed(&s, 300, frame, n, &l);
	CHECK_INT(l.failed, 1);
	CHECK_STR(l.error, "reply holds a register not asked for");
	CHECK_INT(l.readings, 0);
	/* The queue goes on after the error pause: SetClock, answered by ACK. */
	CHECK_INT(deadline(&s), 300 + 1600);
	drain(&s, 1900, &l);
	CHECK_INT(l.sends, 2);
	CHECK(bytes_eq(l.tx, l.tx_len, "80 3F 09 00 03 FC 05 00 02 2E 98 11 44 0D"));
	feed(&s, 2000, (const uint8_t[]){0x06}, 1, &l);
	CHECK_INT(l.failed, 1);
	/* GetType: the document's reply. */
	drain(&s, 2010, &l);
	CHECK_INT(l.sends, 3);
	CHECK_INT(fixture_lines("kmp_doc_gettype.hex", lines, lens), 2);
	/* A trailing 0x00 in the same read: input stops after the reply, the rest is noise. */
	memcpy(frame, lines[1], lens[1]);
	frame[lens[1]] = 0x00;
	{
		size_t used = kmp_session_input(&s, 2500, frame, lens[1] + 1);
		CHECK_INT(used, lens[1]);
		CHECK_INT(kmp_session_input(&s, 2500, frame + used, 1), 0); /* readings pending */
		drain(&s, 2500, &l);
		CHECK_INT(kmp_session_input(&s, 2500, frame + used, 1), 1);
	}
	CHECK_INT(l.readings, 2);
	CHECK_STR(l.id[0], "kmp:type");
	CHECK_INT(l.raw[0], 4);
	CHECK_STR(l.text[1], "F1");
	CHECK_INT(l.done, 1);
	/* Idle: bytes are noise. */
	CHECK_INT(kmp_session_input(&s, 3000, (const uint8_t[]){1, 2, 3}, 3), 3);
	/* A reply to another command is rejected. */
	CHECK_INT(kmp_session_get_serial(&s), 0);
	memset(&l, 0, sizeof(l));
	drain(&s, 4000, &l);
	n = kmp_frame_encode(frame, sizeof(frame), 0x40, 0x3f, 0x01,
	                     (const uint8_t[]){0, 4, 6, 1}, 4);
	feed(&s, 4100, frame, n, &l);
	CHECK_INT(l.failed, 1);
	CHECK_INT(l.readings, 0);
	/* Queue limits. */
	{
		uint16_t many[65] = {0};
		CHECK_INT(kmp_session_read_registers(&s, many, 65), -1);
		CHECK_INT(kmp_session_read_registers(&s, many, 0), -1);
		CHECK_INT(kmp_session_read_registers(&s, many, 64), 0);
		CHECK_INT(kmp_session_get_type(&s), -1);
		kmp_session_cancel(&s);
		CHECK(!kmp_session_busy(&s));
		CHECK_INT(kmp_session_put_register(&s, 86, 37, 4235, -2, 4), 0);
		CHECK_INT(kmp_session_put_register(&s, 86, 37, 4235, -99, 4), -1);
	}
}

/*
 * Hostile line: random garbage, broken and good replies, echoes, at random
 * times. Whatever comes, every poll ends with DONE within a bounded number
 * of steps, input always makes progress, and a busy session always has a
 * deadline no further out than the longest wait.
 */
static void
test_session_random(void)
{
	uint32_t seed = 12345, t = 0xffff0000u;
	int poll, dones = 0, readings = 0;
	struct kmp_session s;

	kmp_session_init(&s, NULL);
	for (poll = 0; poll < 300; poll++) {
		uint16_t regs[20];
		size_t nregs, i;
		int steps;
		struct sess_log l;

		memset(&l, 0, sizeof(l));
		seed = seed * 1103515245u + 12345u;
		nregs = 1 + (seed >> 16) % 20;
		for (i = 0; i < nregs; i++)
			regs[i] = (uint16_t)(60 + i);
		CHECK_INT(kmp_session_read_registers(&s, regs, nregs), 0);
		for (steps = 0; steps < 200 && l.done == 0; steps++) {
			uint8_t buf[96];
			size_t n = 0, used;
			uint32_t at, choice;

			drain(&s, t, &l);
			if (l.done)
				break;
			CHECK(kmp_session_deadline(&s, &at));
			CHECK((uint32_t)(at - t) <= 1600u + 1600u + 500u || (int32_t)(at - t) <= 0);
			seed = seed * 1103515245u + 12345u;
			choice = (seed >> 16) % 8;
			if (choice == 0) {
				t = at; /* nothing comes */
				continue;
			}
			if (choice <= 3) {
				/* The reply to what was asked, possibly with a register left out. */
				const struct kmp_session_req *q = &s.queue[s.head];
				uint8_t data[80];
				size_t k = 0, j;
				for (j = 0; j < q->nregs; j++) {
					if ((seed >> (j + 3)) % 7 == 0)
						continue;
					data[k++] = (uint8_t)(q->regs[j] >> 8);
					data[k++] = (uint8_t)q->regs[j];
					data[k++] = 2;
					k += kmp_value_encode((int64_t)(seed % 100000), -2, 4, data + k, 10);
				}
				n = kmp_frame_encode(buf, sizeof(buf), 0x40, 0x3f, q->cid, data, k);
				if (choice == 3 && n > 0) /* corrupted on the line */
					buf[(seed >> 8) % n] ^= (uint8_t)(1u << (seed % 8));
			} else if (choice == 4) {
				size_t m;
				const uint8_t *tx = kmp_session_tx(&s, &m);
				memcpy(buf, tx, m); /* echo */
				n = m;
			} else {
				for (n = 0; n < 1 + (seed >> 20) % 40; n++) {
					seed = seed * 1103515245u + 12345u;
					buf[n] = (uint8_t)(seed >> 16);
				}
			}
			t += 1 + (seed >> 12) % 400;
			for (i = 0; i < n; i += used) {
				used = kmp_session_input(&s, t, buf + i, n - i);
				if (used == 0 && drain(&s, t, &l) == 0) {
					CHECK(false); /* no progress and nothing to do */
					break;
				}
			}
		}
		CHECK_INT(l.done, 1);
		CHECK(l.readings <= (int)nregs);
		CHECK(!kmp_session_busy(&s));
		dones += l.done;
		readings += l.readings;
	}
	CHECK_INT(dones, 300);
	CHECK(readings > 300); /* good replies did get through */
	CHECK(kmp_session_stats(&s)->crc_errors + kmp_session_stats(&s)->bad_replies > 0);
}

/* ----------------------------------------------------------- profile */

/* The MULTICAL 403 profile parses, only names values, and names the seed's registers. */
static void
test_profile(void)
{
	const char *path = METERD_SOURCE_DATADIR "/profiles/kamstrup-multical-403.profile";
	static const struct {
		const char *key, *name;
	} seed[] = {{"60", "heat_energy_E1"}, {"68", "volume_V1"}, {"74", "flow_V1"},
	            {"86", "flow_temp_T1"},   {"87", "return_temp_T2"}, {"80", "power"},
	            {"1002", "clock"},        {"1003", "date"}};
	struct profile_entry entries[128];
	struct profile_error err;
	struct profile p;
	struct reading r;
	char *text;
	size_t n, i;

	text = (char *)fixture_load(path, &n);
	CHECK(text != NULL);
	if (text == NULL)
		return;
	text[n] = '\0';
	CHECK(profile_count(text) <= 128);
	if (profile_parse(&p, text, entries, 128, &err) != 0) {
		fprintf(stderr, "%s:%u:%u: %s\n", path, (unsigned)err.line, (unsigned)err.column,
		        err.msg);
		CHECK(false);
		free(text);
		return;
	}
	CHECK(p.count >= 40);
	for (i = 0; i < p.count; i++) {
		const struct profile_entry *e = &p.entries[i];
		char *end;
		unsigned long id = strtoul(e->key, &end, 10);
		CHECK(*end == '\0' && id <= 0xffff);
		CHECK_INT(e->type, PROFILE_SELF);
		CHECK(!e->writable);
		CHECK_STR(e->unit, "");
	}
	for (i = 0; i < sizeof(seed) / sizeof(seed[0]); i++) {
		const struct profile_entry *e = profile_find(&p, seed[i].key);
		CHECK(e != NULL && strcmp(e->name, seed[i].name) == 0);
	}
	/* Applied to a decoded reading it names it and keeps the meter's value and unit. */
	reading_clear(&r);
	snprintf(r.id, sizeof(r.id), "kmp:86");
	r.raw = 4235;
	r.scaler = -2;
	r.has = READING_HAS_SCALER;
	snprintf(r.unit, sizeof(r.unit), "%s", kmp_unit_text(37));
	CHECK_INT(profile_apply(&p, &r), PROFILE_NAMED);
	CHECK_STR(r.name, "flow_temp_T1");
	CHECK(r.raw == 4235 && r.scaler == -2);
	CHECK_STR(r.unit, "\xc2\xb0" "C");
	snprintf(r.id, sizeof(r.id), "kmp:serial");
	r.name = NULL;
	CHECK_INT(profile_apply(&p, &r), PROFILE_UNKNOWN);
	free(text);
}

int
main(void)
{
	test_crc_vectors();
	test_stuffing();
	test_requests();
	test_values();
	test_units();
	test_time_date_units();
	test_decoder_fixtures();
	test_body_blocks();
	test_decoder_broken();
	test_session_poll();
	test_session_timeout_retry();
	test_session_garbage_crc();
	test_session_interbyte();
	test_session_dead_meter();
	test_session_mismatch_ack();
	test_session_random();
	test_profile();
	TEST_END();
}
