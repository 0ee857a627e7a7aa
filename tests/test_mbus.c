/*
 * Wired M-Bus decoder: the link layer (frames, checksums, resynchronisation)
 * and the application layer, one DIF/VIF class at a time, plus broken records.
 * Frames are built with mbus_long_encode() so every case states only the
 * bytes it is about.
 */
#include <stdio.h>
#include <string.h>

#include "meterd/mbus.h"
#include "unit.h"

#define MAXV 40

struct out {
	int nframes, nvals;
	struct frame_info fi[8];
	struct mbus_frame_detail det[8];
	struct reading v[MAXV];
	char text[MAXV][128];
	char label[MAXV][READING_ID_MAX]; /* copies: the decoder's label buffer is reused */
};

static void
collect(struct mbus_dec *d, struct out *o)
{
	enum dec_event ev;

	while ((ev = mbus_dec_event(d)) != DEC_NONE) {
		if (ev == DEC_FRAME && o->nframes < 8) {
			o->fi[o->nframes] = *mbus_dec_frame(d);
			o->det[o->nframes] =
			    *(const struct mbus_frame_detail *)mbus_dec_frame(d)->detail;
			o->nframes++;
		} else if (ev == DEC_READING && o->nvals < MAXV) {
			const struct reading *r = mbus_dec_reading(d);
			o->v[o->nvals] = *r;
			if (r->label != NULL)
				snprintf(o->label[o->nvals], READING_ID_MAX, "%s", r->label);
			if (r->type == READING_TEXT) {
				size_t n = r->text_len < 127 ? r->text_len : 127;
				memcpy(o->text[o->nvals], r->text, n);
				o->text[o->nvals][n] = '\0';
			}
			o->nvals++;
		}
	}
}

static void
decode_opt(const uint8_t *p, size_t n, struct out *o, bool lenient)
{
	static struct mbus_dec d;

	memset(o, 0, sizeof(*o));
	mbus_dec_init(&d);
	if (lenient)
		CHECK_INT(mbus_dec_configure(&d, "lenient_crc", "1"), 0);
	while (n > 0) {
		size_t k = mbus_dec_push(&d, p, n);
		p += k;
		n -= k;
		collect(&d, o);
	}
	mbus_dec_finish(&d);
	collect(&d, o);
}

static void
decode(const uint8_t *p, size_t n, struct out *o)
{
	decode_opt(p, n, o, false);
}

/* A long RSP_UD with a long header (id 12345678, KAM, v1, heat) and these records. */
static void
records(const uint8_t *rec, size_t n, struct out *o)
{
	uint8_t d[260], f[270];
	const uint8_t hdr[12] = {0x78, 0x56, 0x34, 0x12, 0x2D, 0x2C, 1, 4, 9, 0, 0, 0};
	size_t len;

	memcpy(d, hdr, 12);
	memcpy(d + 12, rec, n);
	len = mbus_long_encode(0x08, 1, 0x72, d, 12 + n, f, sizeof(f));
	CHECK(len == n + 12 + 9);
	decode(f, len, o);
}

/* One record: its value must be raw * 10^scaler in unit, with quantity q. */
static void
one(const uint8_t *rec, size_t n, const char *q, const char *unit, int64_t raw, int scaler)
{
	struct out o;

	records(rec, n, &o);
	CHECK_INT(o.nframes, 1);
	CHECK_INT(o.fi[0].status, FRAME_OK);
	CHECK_INT(o.nvals, 1);
	if (o.nvals != 1) {
		fprintf(stderr, "  record %02X %02X: %s\n", rec[0], rec[1], o.fi[0].error);
		return;
	}
	CHECK_STR(o.v[0].quantity, q);
	CHECK_STR(o.v[0].unit, unit);
	CHECK_INT(o.v[0].type, READING_NUMBER);
	CHECK_INT(o.v[0].raw, raw);
	CHECK_INT(o.v[0].scaler, scaler);
}

static void
text1(const uint8_t *rec, size_t n, const char *q, const char *text)
{
	struct out o;

	records(rec, n, &o);
	CHECK_INT(o.nvals, 1);
	if (o.nvals != 1)
		return;
	CHECK_STR(o.v[0].quantity, q);
	CHECK_INT(o.v[0].type, READING_TEXT);
	CHECK_STR(o.text[0], text);
}

static void
broken(const uint8_t *rec, size_t n, const char *why)
{
	struct out o;

	records(rec, n, &o);
	CHECK_INT(o.nframes, 1);
	CHECK_INT(o.fi[0].status, FRAME_INVALID);
	CHECK_STR(o.fi[0].error, why);
	CHECK_INT(o.nvals, 0); /* a frame with a bad record gives nothing */
}

#define R(...) (const uint8_t[]){__VA_ARGS__}, sizeof((const uint8_t[]){__VA_ARGS__})

static void
test_link_layer(void)
{
	struct out o;
	const uint8_t ack_short[] = {0xE5, 0x10, 0x5B, 0x05, 0x60, 0x16};
	const uint8_t junk_then_short[] = {0x00, 0xE5, 0x22, 0x10, 0x7B, 0xFD, 0x78, 0x16};
	const uint8_t bad_cs[] = {0x10, 0x40, 0x05, 0x46, 0x16};
	const uint8_t ctrl[] = {0x68, 0x03, 0x03, 0x68, 0x73, 0x05, 0x51, 0xC9, 0x16};
	/* 0x10 inside garbage that is no short frame; the real frame starts inside it. */
	const uint8_t false_start[] = {0x10, 0x10, 0x40, 0x01, 0x41, 0x16};
	const uint8_t bad_header[] = {0x68, 0x05, 0x06, 0x68, 0xE5};
	uint8_t f[64];
	size_t n;

	decode(ack_short, sizeof(ack_short), &o);
	CHECK_INT(o.nframes, 2);
	CHECK_INT(o.det[0].kind, MBUS_FRAME_ACK);
	CHECK_INT(o.fi[0].status, FRAME_OK);
	CHECK_INT(o.det[1].kind, MBUS_FRAME_SHORT);
	CHECK_INT(o.det[1].c, 0x5B);
	CHECK(o.det[1].from_master);
	CHECK_INT(o.fi[1].offset, 1);

	/* An E5 inside garbage is garbage, not an ACK. */
	decode(junk_then_short, sizeof(junk_then_short), &o);
	CHECK_INT(o.nframes, 2);
	CHECK_INT(o.fi[0].status, FRAME_INVALID);
	CHECK_INT(o.fi[0].length, 3);
	CHECK_INT(o.fi[1].status, FRAME_OK);
	CHECK_INT(o.fi[1].offset, 3);
	CHECK_INT(o.det[1].a, 0xFD);

	decode(bad_cs, sizeof(bad_cs), &o);
	CHECK_INT(o.nframes, 1);
	CHECK_INT(o.fi[0].status, FRAME_CRC_ERROR);

	decode(ctrl, sizeof(ctrl), &o);
	CHECK_INT(o.nframes, 1);
	CHECK_INT(o.fi[0].status, FRAME_OK);
	CHECK_INT(o.det[0].kind, MBUS_FRAME_CONTROL);
	CHECK_INT(o.det[0].ci, 0x51);

	decode(false_start, sizeof(false_start), &o);
	CHECK_INT(o.nframes, 2);
	CHECK_INT(o.fi[0].status, FRAME_INVALID);
	CHECK_INT(o.fi[0].length, 1);
	CHECK_INT(o.fi[1].status, FRAME_OK);
	CHECK_INT(o.det[1].c, 0x40);

	/* L bytes differ: the 68 is garbage, scanning goes on (the E5 stays garbage). */
	decode(bad_header, sizeof(bad_header), &o);
	CHECK(o.nframes >= 1);
	CHECK_INT(o.fi[0].status, FRAME_INVALID);
	CHECK_INT(o.nvals, 0);

	/* Stop byte wrong; truncation at the end of input. */
	n = mbus_long_encode(0x08, 1, 0x78, R(0x01, 0x13, 0x05), f, sizeof(f));
	f[n - 1] = 0x17;
	decode(f, n, &o);
	CHECK_INT(o.fi[0].status, FRAME_INVALID);
	CHECK_INT(o.nvals, 0);
	f[n - 1] = 0x16;
	decode(f, n - 1, &o);
	CHECK_INT(o.nframes, 1);
	CHECK_INT(o.fi[0].status, FRAME_TRUNCATED);
	CHECK_INT(o.fi[0].length, n - 1);

	/* lenient_crc: the CRC error frame, then its values. */
	f[n - 2] ^= 0x40;
	decode(f, n, &o);
	CHECK_INT(o.fi[0].status, FRAME_CRC_ERROR);
	CHECK_INT(o.nvals, 0);
	decode_opt(f, n, &o, true);
	CHECK_INT(o.fi[0].status, FRAME_CRC_ERROR);
	CHECK_INT(o.nvals, 1);
	CHECK_INT(o.v[0].raw, 5);

	/* Master frames never give values, even with a data CI. */
	n = mbus_long_encode(
	    0x53, 1, 0x72,
	    R(0x78, 0x56, 0x34, 0x12, 0x2D, 0x2C, 1, 4, 9, 0, 0, 0, 0x01, 0x13, 0x05), f,
	    sizeof(f));
	decode(f, n, &o);
	CHECK_INT(o.fi[0].status, FRAME_OK);
	CHECK(o.det[0].from_master);
	CHECK_INT(o.nvals, 0);

	/* idle() ends a partial frame and re-arms the ACK. */
	{
		static struct mbus_dec d;
		struct out oo;
		memset(&oo, 0, sizeof(oo));
		mbus_dec_init(&d);
		const uint8_t part[] = {0x11, 0x68, 0x05};
		size_t k = 0;
		while (k < sizeof(part)) {
			k += mbus_dec_push(&d, part + k, sizeof(part) - k);
			collect(&d, &oo);
		}
		mbus_dec_idle(&d);
		collect(&d, &oo);
		CHECK_INT(oo.nframes, 2);
		CHECK_INT(oo.fi[1].status, FRAME_TRUNCATED);
		CHECK_INT(mbus_dec_push(&d, ack_short, 1), 1);
		collect(&d, &oo);
		CHECK_INT(oo.det[2].kind, MBUS_FRAME_ACK);
		CHECK_INT(mbus_dec_configure(&d, "nonsense", "1"), -1);
		CHECK_INT(mbus_dec_configure(&d, "lenient_crc", "yes"), -1);
	}
}

static void
test_encode_detect(void)
{
	uint8_t f[300], big[253];
	char m[4];

	CHECK_INT(mbus_short_encode(0x7B, 0xFE, f), 5);
	CHECK_INT(f[3], (0x7B + 0xFE) & 0xFF);
	CHECK_INT(mbus_detect(f, 5), 70);
	memset(big, 0, sizeof(big));
	CHECK_INT(mbus_long_encode(0x08, 1, 0x72, big, 252, f, sizeof(f)), 261);
	CHECK_INT(mbus_long_encode(0x08, 1, 0x72, big, 253, f, sizeof(f)), 0);
	CHECK_INT(mbus_long_encode(0x08, 1, 0x72, big, 10, f, 15), 0);
	CHECK_INT(mbus_detect((const uint8_t *)"\x68\x05\x06\x68", 4), 0);
	mbus_long_encode(0x08, 1, 0x72, big, 10, f, sizeof(f));
	CHECK_INT(mbus_detect(f, 19), 90);
	CHECK_INT(mbus_detect(f, 10), 60);
	CHECK_INT(mbus_detect((const uint8_t *)"SML", 3), 0);
	mbus_manufacturer(0x2C2D, m);
	CHECK_STR(m, "KAM");
	mbus_manufacturer(0, m);
	CHECK_STR(m, "@@@");
	CHECK_STR(mbus_medium_name(4), "heat_outlet");
	CHECK_STR(mbus_medium_name(7), "water");
	CHECK_STR(mbus_medium_name(200), "reserved");
}

static void
test_header(void)
{
	struct out o;
	uint8_t f[64];
	size_t n;

	records(R(0x01, 0x13, 0x05), &o);
	CHECK(o.det[0].long_header);
	CHECK_INT(o.det[0].header.id, 0x12345678);
	CHECK_INT(o.det[0].header.manufacturer, 0x2C2D);
	CHECK_INT(o.det[0].header.medium, 4);
	CHECK_INT(o.det[0].header.access_no, 9);
	CHECK_INT(o.det[0].records, 1);

	/* CI 0x7A short header: access, status, signature. */
	n = mbus_long_encode(0x08, 1, 0x7A, R(0x21, 0x04, 0x00, 0x00, 0x01, 0x13, 0x05), f,
	                     sizeof(f));
	decode(f, n, &o);
	CHECK(o.det[0].has_header && !o.det[0].long_header);
	CHECK_INT(o.det[0].header.access_no, 0x21);
	CHECK_INT(o.det[0].header.status, 4);
	CHECK_INT(o.nvals, 1);

	/* CI 0x76: the same records, integers MSB first. */
	n = mbus_long_encode(
	    0x08, 1, 0x76,
	    R(0x78, 0x56, 0x34, 0x12, 0x2D, 0x2C, 1, 4, 9, 0, 0, 0, 0x02, 0x13, 0x01, 0x02), f,
	    sizeof(f));
	decode(f, n, &o);
	CHECK_INT(o.nvals, 1);
	CHECK_INT(o.v[0].raw, 0x0102);

	/* CI 0x72 whose header is cut short. */
	n = mbus_long_encode(0x08, 1, 0x72, R(0x78, 0x56, 0x34), f, sizeof(f));
	decode(f, n, &o);
	CHECK_INT(o.fi[0].status, FRAME_INVALID);
	CHECK_STR(o.fi[0].error, "data header shorter than its CI says");

	/* CI 0x70 with and without an error code; an unknown CI is a frame without values. */
	n = mbus_long_encode(0x08, 1, 0x70, R(0x05), f, sizeof(f));
	decode(f, n, &o);
	CHECK_INT(o.det[0].app_error, 5);
	n = mbus_long_encode(0x08, 1, 0x70, NULL, 0, f, sizeof(f));
	decode(f, n, &o);
	CHECK_INT(o.det[0].app_error, -1);
	n = mbus_long_encode(0x08, 1, 0x71, R(0x01), f, sizeof(f));
	decode(f, n, &o);
	CHECK_INT(o.fi[0].status, FRAME_OK);
	CHECK_INT(o.nvals, 0);

	/* CI 0x73 fixed structure: BCD counters (status bit 7 clear). */
	n = mbus_long_encode(0x08, 1, 0x73,
	                     R(0x78, 0x56, 0x34, 0x12, 0x05, 0x00, 0x93, 0x13, 0x45, 0x23, 0x01,
	                       0x00, 0x99, 0x00, 0x00, 0x00),
	                     f, sizeof(f));
	decode(f, n, &o);
	CHECK(o.det[0].fixed);
	CHECK_INT(o.nvals, 2);
	CHECK_INT(o.v[0].raw, 12345);
	CHECK_INT(o.v[1].raw, 99);
	CHECK_STR(o.v[1].id, "mbus:1");
}

static void
test_data_codings(void)
{
	/* Integers are signed, little-endian. */
	one(R(0x01, 0x13, 0xFE), "volume", "m3", -2, -3);
	one(R(0x02, 0x13, 0x34, 0x12), "volume", "m3", 0x1234, -3);
	one(R(0x03, 0x13, 0x01, 0x00, 0x80), "volume", "m3", -8388607, -3);
	one(R(0x04, 0x06, 0x10, 0x27, 0x00, 0x00), "energy", "Wh", 10000, 3);
	one(R(0x06, 0x06, 0x01, 0, 0, 0, 0, 0x01), "energy", "Wh", 0x010000000001LL, 3);
	one(R(0x07, 0x06, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF), "energy", "Wh", -1, 3);
	/* Real: 21.5 (0x41AC0000) and the shortest exact decimal of 0.1f. */
	one(R(0x05, 0x5B, 0x00, 0x00, 0xAC, 0x41), "flow_temperature", "\302\260C", 215, -1);
	one(R(0x05, 0x13, 0xCD, 0xCC, 0xCC, 0x3D), "volume", "m3", 1, -4);
	one(R(0x05, 0x13, 0x00, 0x00, 0x00, 0x00), "volume", "m3", 0, -3);
	text1(R(0x05, 0x13, 0x00, 0x00, 0x80, 0x7F), "volume", "inf");
	/* BCD 2/4/6/8/12 digits, negative with an F nibble, error nibbles as text. */
	one(R(0x09, 0x13, 0x42), "volume", "m3", 42, -3);
	one(R(0x0A, 0x13, 0x34, 0x12), "volume", "m3", 1234, -3);
	one(R(0x0B, 0x13, 0x56, 0x34, 0x12), "volume", "m3", 123456, -3);
	one(R(0x0C, 0x78, 0x89, 0x67, 0x45, 0x23), "fabrication_number", "", 23456789, 0);
	one(R(0x0E, 0x13, 0x12, 0x90, 0x78, 0x56, 0x34, 0x12), "volume", "m3", 123456789012LL, -3);
	one(R(0x0A, 0x13, 0x34, 0xF2), "volume", "m3", -234, -3);
	text1(R(0x0A, 0x13, 0xA4, 0x12), "volume", "12A4");
	/* LVAR: text reversed, BCD, negative BCD, binary, long binary as hex. */
	text1(R(0x0D, 0xFD, 0x0C, 0x03, 'C', 'B', 'A'), "model_version", "ABC");
	one(R(0x0D, 0x13, 0xC2, 0x34, 0x12), "volume", "m3", 1234, -3);
	one(R(0x0D, 0x13, 0xD2, 0x34, 0x12), "volume", "m3", -1234, -3);
	one(R(0x0D, 0x13, 0xE2, 0x34, 0x12), "volume", "m3", 0x1234, -3);
	text1(R(0x0D, 0x13, 0xE9, 1, 2, 3, 4, 5, 6, 7, 8, 9), "volume",
	      "09 08 07 06 05 04 03 02 01");
	/* No data; selection for readout. */
	text1(R(0x00, 0x13), "volume", "");
	text1(R(0x08, 0x13), "volume", "");
}

static void
test_dates(void)
{
	struct out o;

	/* G: 31.10.2019 (7F 2A), F: 2011-01-05 15:26 (1A 2F 65 11), I and J. */
	records(R(0x02, 0x6C, 0x7F, 0x2A, 0x04, 0x6D, 0x1A, 0x2F, 0x65, 0x11, 0x06, 0x6D, 0x1E,
	          0x1A, 0x2F, 0x65, 0x11, 0x00, 0x03, 0x6D, 0x1E, 0x1A, 0x0F, 0x04, 0x6D, 0x9A,
	          0x2F, 0x65, 0x11, 0x02, 0x6C, 0x00, 0x00),
	        &o);
	CHECK_INT(o.nvals, 6);
	CHECK_STR(o.text[0], "2019-10-31");
	CHECK_INT(o.v[0].time_kind, READING_TIME_LOCAL);
	CHECK_INT(o.v[0].time, 1572480000);
	CHECK_STR(o.v[1].quantity, "datetime");
	CHECK_STR(o.text[1], "2011-01-05T15:26:00");
	CHECK_INT(o.v[1].time, 1294241160);
	CHECK_STR(o.text[2], "2011-01-05T15:26:30");
	CHECK_STR(o.text[3], "15:26:30");
	CHECK_INT(o.v[3].time_kind, READING_TIME_NONE);
	/* The invalid bit of type F: text kept, no time. */
	CHECK_STR(o.text[4], "2011-01-05T15:26:00");
	CHECK_INT(o.v[4].time_kind, READING_TIME_NONE);
	CHECK_STR(o.text[5], "2000-00-00");
	CHECK_INT(o.v[5].time_kind, READING_TIME_NONE);
}

static void
test_dif_fields(void)
{
	struct out o;

	/* storage = DIF bit 6 | DIFE storage << 1 | DIFE2 storage << 5; tariff 2 bits and
	 * subunit 1 bit per DIFE; function bits. */
	records(R(0xDA, 0x02, 0x3B, 0x13, 0x01, 0xC4, 0xE3, 0x51, 0x13, 1, 0, 0, 0, 0x84, 0x40,
	          0x13, 2, 0, 0, 0, 0x84, 0x80, 0x40, 0x13, 3, 0, 0, 0),
	        &o);
	CHECK_INT(o.nvals, 4);
	CHECK_INT(o.v[0].storage, 5);
	CHECK_INT(o.v[0].function, 1);
	CHECK(o.v[0].has & READING_HAS_TARIFF);
	CHECK_INT(o.v[1].storage, 1 | 3 << 1 | 1 << 5);
	CHECK_INT(o.v[1].tariff, 2 | 1 << 2);
	CHECK_INT(o.v[1].subunit, 3);
	CHECK_INT(o.v[2].subunit, 1); /* Kamstrup 84 40: subunit 1 */
	CHECK_INT(o.v[3].subunit, 2); /* 84 80 40: subunit 2 */
	CHECK_INT(o.v[3].tariff, 0);

	/* Fillers are no records; 0x0F keeps the rest as bytes; 0x1F says more follow. */
	records(R(0x2F, 0x01, 0x13, 0x05, 0x2F, 0x2F, 0x1F, 0xAB, 0x01), &o);
	CHECK_INT(o.nvals, 2);
	CHECK_STR(o.v[1].id, "mbus:1");
	CHECK_STR(o.v[1].quantity, "manufacturer_data");
	CHECK_STR(o.text[1], "AB 01");
	CHECK(o.det[0].more_records);
	CHECK(!(o.v[1].has & READING_HAS_STORAGE));
	records(R(0x01, 0x13, 0x05, 0x0F), &o);
	CHECK_INT(o.nvals, 2);
	CHECK_STR(o.text[1], "");
	CHECK(!o.det[0].more_records);
	CHECK(!(o.v[0].has & READING_HAS_TARIFF));
}

static void
test_vif_tables(void)
{
	struct out o;

	one(R(0x01, 0x03, 7), "energy", "Wh", 7, 0);
	one(R(0x01, 0x0E, 7), "energy", "J", 7, 6);
	one(R(0x01, 0x1B, 7), "mass", "kg", 7, 0);
	one(R(0x01, 0x23, 2), "on_time", "s", 172800, 0); /* days multiplied out */
	one(R(0x01, 0x26, 2), "operating_time", "s", 7200, 0);
	one(R(0x01, 0x2D, 7), "power", "W", 7, 2);
	one(R(0x01, 0x33, 7), "power", "J/h", 7, 3);
	one(R(0x01, 0x3B, 7), "volume_flow", "m3/h", 7, -3);
	one(R(0x01, 0x43, 7), "volume_flow", "m3/min", 7, -4);
	one(R(0x01, 0x4B, 7), "volume_flow", "m3/s", 7, -6);
	one(R(0x01, 0x53, 7), "mass_flow", "kg/h", 7, 0);
	one(R(0x01, 0x5E, 7), "return_temperature", "\302\260C", 7, -1);
	one(R(0x01, 0x61, 7), "temperature_difference", "K", 7, -2);
	one(R(0x01, 0x67, 7), "external_temperature", "\302\260C", 7, 0);
	one(R(0x01, 0x69, 7), "pressure", "bar", 7, -2);
	one(R(0x01, 0x6E, 7), "hca", "", 7, 0);
	one(R(0x01, 0x71, 7), "averaging_duration", "s", 420, 0);
	one(R(0x01, 0x74, 7), "actuality_duration", "s", 7, 0);
	one(R(0x01, 0x7A, 7), "bus_address", "", 7, 0);
	one(R(0x01, 0x79, 7), "enhanced_identification", "", 7, 0);
	one(R(0x01, 0x7B, 7), "unknown", "", 7, 0);
	/* Extension tables. */
	one(R(0x01, 0xFB, 0x00, 8), "energy", "Wh", 8, 5);
	one(R(0x01, 0xFB, 0x09, 8), "energy", "J", 8, 9);
	one(R(0x01, 0xFB, 0x11, 8), "volume", "m3", 8, 3);
	one(R(0x01, 0xFB, 0x29, 8), "power", "W", 8, 6);
	one(R(0x01, 0xFB, 0x74, 8), "temperature_limit", "\302\260C", 8, -3);
	one(R(0x01, 0xFB, 0x40, 8), "unknown", "", 8, 0);
	one(R(0x02, 0xFD, 0x48, 0xE8, 0x03), "voltage", "V", 1000, -1);
	one(R(0x02, 0xFD, 0x59, 0x42, 0x00), "current", "A", 66, -3);
	one(R(0x01, 0xFD, 0x17, 0), "error_flags", "", 0, 0);
	one(R(0x01, 0xFD, 0x0E, 2), "firmware_version", "", 2, 0);
	one(R(0x01, 0xFD, 0x1C, 96), "baud_rate", "Bd", 96, 0);
	one(R(0x01, 0xFD, 0x26, 3), "storage_interval", "s", 10800, 0);
	one(R(0x01, 0xFD, 0x69, 3), "duration_since_cumulation", "s", 259200, 0);
	one(R(0x01, 0xFD, 0x6E, 3), "battery_operating_time", "month", 3, 0);
	one(R(0x01, 0xFD, 0x74, 3), "remaining_battery_life", "s", 259200, 0);
	one(R(0x01, 0xFD, 0x02, 3), "credit", "", 3, -1);
	one(R(0x01, 0xFD, 0x7F, 3), "unknown", "", 3, 0);
	/* Combinable VIFE: per hour, backward flow, 10^(nnn-6), x1000, error code,
	 * manufacturer VIFEs after 0x7F not interpreted. */
	one(R(0x01, 0x93, 0x22, 7), "volume", "m3/h", 7, -3);
	one(R(0x01, 0x86, 0x3C, 7), "energy_backward", "Wh", 7, 3);
	one(R(0x01, 0x83, 0x3B, 7), "energy_forward", "Wh", 7, 0);
	one(R(0x01, 0x93, 0x74, 7), "volume", "m3", 7, -5);
	one(R(0x01, 0x93, 0x7D, 7), "volume", "m3", 7, 0);
	one(R(0x01, 0x93, 0xFF, 0x74, 7), "volume", "m3", 7, -3);
	one(R(0x01, 0x93, 0xFC, 0x74, 7), "volume", "m3", 7, -3); /* 0x7C: next is no correction */
	records(R(0x01, 0x93, 0x15, 7), &o);
	CHECK(o.v[0].has & READING_HAS_STATUS);
	CHECK_INT(o.v[0].status, 0x15);
	/* Plain-text unit (Elvaco "%RH" with 10^-2) and manufacturer VIF with VIFE chain. */
	one(R(0x02, 0xFC, 0x03, 'H', 'R', '%', 0x74, 0xD4, 0x11), "plain_text_unit", "%RH", 4564,
	    -2);
	one(R(0x04, 0xFF, 0x87, 0x07, 1, 0, 0, 0), "manufacturer_specific", "", 1, 0);
	/* Time units too big to multiply out keep their own unit. */
	one(R(0x07, 0x23, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F), "on_time", "d",
	    INT64_MAX, 0);
}

static void
test_broken(void)
{
	broken(R(0x8B), "premature end of record at DIFE");
	broken(R(0x8B, 0x60), "premature end of record at VIF");
	broken(R(0x8B, 0x60, 0x84), "premature end of record at VIFE");
	broken(R(0x8B, 0x60, 0x04, 0x37, 0x18), "premature end of record at data");
	broken(R(0x0D, 0x13), "premature end of record at data");
	broken(R(0x0D, 0x13, 0x05, 'a'), "premature end of record at data");
	broken(R(0x0D, 0x13, 0xF7), "reserved LVAR length");
	broken(R(0x01, 0xFD), "premature end of record at VIFE");
	broken(R(0x01, 0x7C), "premature end of record at VIF");
	broken(R(0x01, 0x7C, 0x05, 'a'), "plain-text VIF longer than the record");
	broken(R(0x81, 0x81, 0x81, 0x81, 0x81, 0x81, 0x81, 0x81, 0x81, 0x81, 0x81, 0x00, 0x13, 1),
	       "more than 10 DIFE");
	broken(R(0x01, 0x93, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00, 1),
	       "more than 10 VIFE");
	broken(R(0x7F), "global readout request in a response");
	broken(R(0x3F), "reserved special-function DIF");
	/* A good record before a bad one does not come out either. */
	broken(R(0x01, 0x13, 0x05, 0x8B), "premature end of record at DIFE");
	/* Storage numbers beyond 32 bits. */
	broken(R(0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x8F, 0x00, 0x13, 1),
	       "storage, tariff or subunit number too large");
	/* Ten DIFE and ten VIFE are still fine. */
	one(R(0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00, 0x93, 0x80, 0x80,
	      0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00, 9),
	    "volume", "m3", 9, -3);
}

/*
 * Type F century (EN 13757-3:2013 Annex A): 1900 + 100 x the hundred-year
 * bits (b1 bits 5-6) + the year; 0 with a year up to 80 is 2000-2080 (meters
 * from before those bits). Impossible dates are flagged, with no time.
 */
static void
test_date_century(void)
{
	struct out o;

	records(R(0x04, 0x6D, 0x1A, 0x2F, 0x65, 0x11,  /* HY 1, year 11: 2011 */
	          0x04, 0x6D, 0x1A, 0x4F, 0x65, 0x11,  /* HY 2, year 11: 2111 */
	          0x04, 0x6D, 0x1A, 0x0F, 0x65, 0x11,  /* HY 0, year 11: 2011 */
	          0x04, 0x6D, 0x1A, 0x0F, 0xE5, 0xB1,  /* HY 0, year 95: 1995 */
	          0x04, 0x6D, 0x1A, 0x2F, 0xE5, 0xF1,  /* year 127 */
	          0x04, 0x6D, 0x1A, 0x2F, 0x65, 0x10,  /* month 0 */
	          0x04, 0x6D, 0x1A, 0x2F, 0x65, 0x1D,  /* month 13 */
	          0x02, 0x6C, 0xFF, 0xFF),             /* type G all ones: not specified */
	        &o);
	CHECK_INT(o.nvals, 8);
	CHECK_STR(o.text[0], "2011-01-05T15:26:00");
	CHECK_INT(o.v[0].time, 1294241160);
	CHECK(!(o.v[0].has & READING_HAS_DATE_INVALID));
	CHECK_STR(o.text[1], "2111-01-05T15:26:00");
	CHECK_INT(o.v[1].time_kind, READING_TIME_LOCAL);
	CHECK_INT(o.v[1].time, 4449914760);
	CHECK_STR(o.text[2], "2011-01-05T15:26:00");
	CHECK_INT(o.v[2].time, 1294241160);
	CHECK_STR(o.text[3], "1995-01-05T15:26:00");
	CHECK_INT(o.v[3].time, 789319560);
	for (int i = 4; i < 8; i++) {
		CHECK_INT(o.v[i].time_kind, READING_TIME_NONE);
		CHECK(o.v[i].has & READING_HAS_DATE_INVALID);
		CHECK_INT(o.v[i].type, READING_TEXT); /* what was sent stays visible */
	}
	CHECK_STR(o.text[5], "2011-00-05T15:26:00");
	CHECK_STR(o.text[6], "2011-13-05T15:26:00");
}

/*
 * Fixed data structure (CI 0x73, EN 13757-3:2004 Annex G): id 12345678,
 * access 05, status, medium/unit bytes (bits 6-7 of each: the medium's low
 * and high half; bits 0-5: each counter's unit), two counters.
 */
static void
test_fixed_units(void)
{
	uint8_t f[64];
	size_t n;
	struct out o;

	/* Water (7); counter 1 m3 (0x2C), counter 2 0x3E = counter 1's unit, historic; BCD. */
	n = mbus_long_encode(0x08, 1, 0x73,
	                     R(0x78, 0x56, 0x34, 0x12, 0x05, 0x00, 0xEC, 0x7E, 0x45, 0x23, 0x01,
	                       0x00, 0x99, 0x00, 0x00, 0x00),
	                     f, sizeof(f));
	decode(f, n, &o);
	CHECK(o.det[0].fixed);
	CHECK_INT(o.det[0].header.medium, 7);
	CHECK_STR(mbus_fixed_medium_name(o.det[0].header.medium), "water");
	CHECK_INT(o.nvals, 2);
	CHECK_STR(o.v[0].quantity, "volume");
	CHECK_STR(o.v[0].unit, "m3");
	CHECK_INT(o.v[0].raw, 12345);
	CHECK_INT(o.v[0].scaler, 0);
	CHECK_STR(o.label[0], "volume");
	CHECK_STR(o.v[1].quantity, "volume");
	CHECK_STR(o.v[1].unit, "m3");
	CHECK_INT(o.v[1].raw, 99);
	CHECK_INT(o.v[1].storage, 1);

	/* Heat (4); kWh (0x05) and kW (0x17); status bit 7: binary counters; CI 0x77. */
	n = mbus_long_encode(0x08, 1, 0x77,
	                     R(0x78, 0x56, 0x34, 0x12, 0x06, 0x80, 0x05, 0x57, 0x39, 0x30, 0x00,
	                       0x00, 0x0A, 0x00, 0x00, 0x00),
	                     f, sizeof(f));
	decode(f, n, &o);
	CHECK_INT(o.det[0].header.medium, 4);
	CHECK_STR(mbus_fixed_medium_name(o.det[0].header.medium), "heat");
	CHECK_INT(o.nvals, 2);
	CHECK_STR(o.v[0].quantity, "energy");
	CHECK_STR(o.v[0].unit, "Wh");
	CHECK_INT(o.v[0].raw, 12345);
	CHECK_INT(o.v[0].scaler, 3);
	CHECK_STR(o.v[1].quantity, "power");
	CHECK_STR(o.v[1].unit, "W");
	CHECK_INT(o.v[1].raw, 10);
	CHECK_INT(o.v[1].scaler, 3);
	/* 1e-3 degC (0x38) and ml/h (0x2F). */
	n = mbus_long_encode(0x08, 1, 0x73,
	                     R(0x78, 0x56, 0x34, 0x12, 0x06, 0x80, 0x38, 0x2F, 0x39, 0x30, 0x00,
	                       0x00, 0x0A, 0x00, 0x00, 0x00),
	                     f, sizeof(f));
	decode(f, n, &o);
	CHECK_STR(o.v[0].unit, "\302\260C");
	CHECK_INT(o.v[0].scaler, -3);
	CHECK_STR(o.v[1].unit, "m3/h");
	CHECK_INT(o.v[1].scaler, -6);
}

/* Labels: quantity, function, tariff, subunit, storage; a repeated name gets _2, _3. */
static void
test_labels(void)
{
	struct out o;

	records(R(0x04, 0x06, 1, 0, 0, 0,             /* energy kWh */
	          0x44, 0x06, 2, 0, 0, 0,             /* storage 1 */
	          0x84, 0x10, 0x06, 3, 0, 0, 0,       /* DIFE: tariff 1 */
	          0x84, 0x20, 0x06, 4, 0, 0, 0,       /* DIFE: tariff 2 */
	          0x84, 0x40, 0x06, 5, 0, 0, 0,       /* DIFE: subunit 1 */
	          0x14, 0x13, 6, 0, 0, 0,             /* volume, maximum */
	          0x02, 0x5B, 70, 0,                  /* flow temperature */
	          0x02, 0x5F, 50, 0,                  /* return temperature */
	          0x04, 0x13, 7, 0, 0, 0,             /* volume */
	          0x04, 0x13, 8, 0, 0, 0,             /* volume again */
	          0x04, 0x13, 9, 0, 0, 0),            /* and again */
	        &o);
	CHECK_INT(o.nvals, 11);
	CHECK_STR(o.label[0], "energy");
	CHECK_STR(o.label[1], "energy_storage1");
	CHECK_STR(o.label[2], "energy_tariff1");
	CHECK_STR(o.label[3], "energy_tariff2");
	CHECK_STR(o.label[4], "energy_subunit1");
	CHECK_STR(o.label[5], "volume_max");
	CHECK_STR(o.label[6], "flow_temperature");
	CHECK_STR(o.label[7], "return_temperature");
	CHECK_STR(o.label[8], "volume");
	CHECK_STR(o.label[9], "volume_2");
	CHECK_STR(o.label[10], "volume_3");
	CHECK_STR(o.v[9].id, "mbus:9"); /* the id stays the record number */
	/* The next telegram of the meter gives the same labels. */
	records(R(0x04, 0x13, 7, 0, 0, 0, 0x04, 0x13, 8, 0, 0, 0), &o);
	CHECK_STR(o.label[0], "volume");
	CHECK_STR(o.label[1], "volume_2");
}

/*
 * A reference walk, written as plainly as EN 13757-3 reads (the decoder's
 * own walk keeps only offsets and reads the fields back from them): the
 * record at *pos, 1 when there is one, 0 at the end, -1 when malformed.
 */
static int
ref_next(const uint8_t *p, size_t len, size_t *pos, struct mbus_record *r)
{
	static const uint8_t clen[16] = {0, 1, 2, 3, 4, 4, 6, 8, 0, 1, 2, 3, 4, 0, 6, 0};
	uint64_t storage;
	uint32_t tariff = 0, subunit = 0;
	size_t i = *pos, dl;
	uint8_t b;

	memset(r, 0, sizeof(*r));
	while (i < len && p[i] == 0x2F)
		i++;
	*pos = i;
	if (i >= len)
		return 0;
	r->dif = p[i++];
	if ((r->dif & 0x0F) == 0x0F) {
		if (r->dif != 0x0F && r->dif != 0x1F)
			return -1;
		r->manufacturer = true;
		r->more_follow = r->dif == 0x1F;
		r->data = p + i;
		r->data_len = len - i;
		*pos = len;
		return 1;
	}
	r->coding = r->dif & 0x0F;
	r->function = (r->dif >> 4) & 3;
	storage = (r->dif >> 6) & 1;
	for (b = r->dif; b & 0x80; r->difes++) {
		if (i >= len || r->difes == 10)
			return -1;
		b = p[i++];
		storage |= (uint64_t)(b & 0x0F) << (1 + 4 * r->difes);
		tariff |= (uint32_t)((b >> 4) & 3) << (2 * r->difes);
		subunit |= (uint32_t)((b >> 6) & 1) << r->difes;
	}
	if (storage > UINT32_MAX || tariff > UINT16_MAX || subunit > UINT16_MAX)
		return -1;
	r->storage = (uint32_t)storage;
	r->tariff = (uint16_t)tariff;
	r->subunit = (uint16_t)subunit;
	if (i >= len)
		return -1;
	r->vif = p[i++];
	if ((r->vif & 0x7F) == 0x7C) {
		if (i >= len)
			return -1;
		r->plain_len = p[i++];
		if (r->plain_len > len - i)
			return -1;
		r->plain = p + i;
		i += r->plain_len;
	}
	r->vife = p + i;
	for (b = r->vif; b & 0x80; r->vifes++) {
		if (i >= len || r->vifes == 10)
			return -1;
		b = p[i++];
	}
	if (r->vif == 0xFB || r->vif == 0xFD) {
		if (r->vifes == 0)
			return -1;
		r->ext = *r->vife++;
		r->vifes--;
	}
	if (r->coding == 0x0D) {
		uint8_t l;
		if (i >= len)
			return -1;
		r->lvar = l = p[i++];
		if (l <= 0xBF)
			dl = l;
		else if (l >= 0xC0 && l <= 0xC9)
			dl = l - 0xC0u;
		else if (l >= 0xD0 && l <= 0xD9)
			dl = l - 0xD0u;
		else if (l >= 0xE0 && l <= 0xEF)
			dl = l - 0xE0u;
		else if (l >= 0xF0 && l <= 0xF4)
			dl = 4u * (l - 0xECu);
		else if (l == 0xF5 || l == 0xF6)
			dl = l == 0xF5 ? 48 : 64;
		else
			return -1;
	} else {
		dl = clen[r->coding];
	}
	if (dl > len - i)
		return -1;
	r->data = p + i;
	r->data_len = dl;
	*pos = i + dl;
	return 1;
}

/* Two records are the same when every field and every pointer agrees. */
static bool
same_record(const struct mbus_record *a, const struct mbus_record *b)
{
	return a->dif == b->dif && a->coding == b->coding && a->function == b->function &&
	       a->difes == b->difes && a->storage == b->storage && a->tariff == b->tariff &&
	       a->subunit == b->subunit && a->vif == b->vif && a->ext == b->ext &&
	       a->vife == b->vife && a->vifes == b->vifes && a->plain == b->plain &&
	       a->plain_len == b->plain_len && a->data == b->data && a->data_len == b->data_len &&
	       a->lvar == b->lvar && a->manufacturer == b->manufacturer &&
	       a->more_follow == b->more_follow;
}

/*
 * The decoder walks a frame once with mbus_rec_skip() and reads the records
 * back with mbus_rec_at() (mbus_rec_next() is the two together): record for
 * record the reference's, stopping where it stops.
 */
static int
check_spans(const uint8_t *area, size_t len)
{
	struct mbus_rec_iter it;
	struct mbus_rec_span span;
	struct mbus_record ra, rb, rc_;
	size_t pos = 0;
	int rca, rcb, n = 0;
	bool more = false;

	mbus_rec_begin(&it, area, len, false);
	do {
		rca = ref_next(area, len, &pos, &ra);
		rcb = mbus_rec_skip(&it, &span);
		CHECK_INT(rcb, rca);
		if (rca > 0 && rcb > 0) {
			mbus_rec_at(area, &span, &rb);
			CHECK(same_record(&ra, &rb));
			more |= ra.more_follow;
			n++;
		}
	} while (rca > 0 && rcb > 0);
	CHECK(it.more_follow == more);
	CHECK(rca < 0 ? it.error != NULL : it.error == NULL && it.index == n);
	/* mbus_rec_next walks the same way. */
	mbus_rec_begin(&it, area, len, false);
	pos = 0;
	while ((rca = ref_next(area, len, &pos, &ra)) > 0) {
		CHECK_INT(mbus_rec_next(&it, &rc_), 1);
		CHECK(same_record(&ra, &rc_));
	}
	CHECK_INT(mbus_rec_next(&it, &rc_), rca);
	return n;
}

static void
test_rec_spans(void)
{
	/* Every kind of record: DIFEs (storage, tariff, subunit), plain-text VIF,
	 * VIFEs, both extension tables, LVAR text and binary, fillers, and
	 * manufacturer data with DIF 0x1F at the end. */
	static const uint8_t area[] = {
	    0x04, 0x06, 0x01, 0x02, 0x03, 0x04,             /* energy, 32 bit */
	    0x2F, 0x2F,                                     /* fillers */
	    0xC4, 0x9F, 0x40, 0x13, 0x11, 0x22, 0x33, 0x44, /* DIFEs, storage/tariff/subunit */
	    0x02, 0xFC, 0x03, 0x48, 0x52, 0x25, 0x74, 0x10, 0x00, /* plain text, one VIFE */
	    0x01, 0xFD, 0x9B, 0x3B, 0x05,                   /* 0xFD ext, VIFE */
	    0x0C, 0xFB, 0x00, 0x12, 0x34, 0x56, 0x78,        /* 0xFB ext */
	    0x0D, 0xFD, 0x11, 0x03, 0x41, 0x42, 0x43,        /* LVAR text */
	    0x0D, 0x13, 0xE2, 0x01, 0x02,                   /* LVAR binary */
	    0x82, 0x40, 0x93, 0xF0, 0x3E, 0x01, 0x00,        /* DIFE, VIF with 2 VIFEs */
	    0x1F, 0xAA, 0xBB, 0xCC,                         /* more records follow */
	};
	uint8_t buf[64];
	unsigned seed = 12345;
	size_t n, i, k;

	CHECK_INT(check_spans(area, sizeof(area)), 9);
	/* Every cut: a record broken anywhere fails the same way in both walks. */
	for (n = 0; n < sizeof(area); n++)
		check_spans(area, n);
	/* And noise: random areas, most of them malformed somewhere. */
	for (k = 0; k < 20000; k++) {
		n = 1 + k % sizeof(buf);
		for (i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			buf[i] = (uint8_t)(seed >> 16);
		}
		check_spans(buf, n);
	}
}

/* The plain name is the quantity exactly when mbus_reading_name() adds no suffix. */
static void
test_plain_name(void)
{
	unsigned k;

	for (k = 0; k < 1024; k++) {
		struct reading r;
		char name[READING_ID_MAX];
		const char *plain;
		reading_clear(&r);
		r.quantity = k & 1 ? "energy" : NULL;
		r.has = (uint16_t)((k & 2 ? READING_HAS_FUNCTION : 0) | (k & 4 ? READING_HAS_TARIFF : 0) |
		                   (k & 8 ? READING_HAS_SUBUNIT : 0) | (k & 16 ? READING_HAS_STORAGE : 0));
		r.function = (uint8_t)(k & 32 ? 2 : 0);
		r.tariff = (uint16_t)(k & 64 ? 1 : 0);
		r.subunit = (uint16_t)(k & 128 ? 3 : 0);
		r.storage = k & 256 ? 4u : 0u;
		if (k & 512)
			r.function = 4; /* function bits 0 after the mask */
		(void)mbus_reading_name(&r, name, sizeof(name));
		plain = mbus_reading_plain_name(&r);
		CHECK(plain == NULL ? strcmp(name, r.quantity ? r.quantity : "value") != 0
		                    : strcmp(name, plain) == 0);
	}
}

int
main(void)
{
	test_link_layer();
	test_rec_spans();
	test_plain_name();
	test_encode_detect();
	test_header();
	test_data_codings();
	test_dates();
	test_date_century();
	test_fixed_units();
	test_labels();
	test_dif_fields();
	test_vif_tables();
	test_broken();
	TEST_END();
}
