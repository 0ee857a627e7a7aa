/*
 * wM-Bus payloads that are not plain data records: the Apator
 * AT-WMBUS-16-2 registers and compact profiles (EN 13757-3 Annex F).
 * Telegrams are the fixtures' own, as the fixture's decryption_helper
 * gives their plaintext (so no key is needed: a mode 5 telegram that
 * starts with 2F 2F is taken as stored decrypted), and the two examples
 * of the standard's Annex F (F.2.7, F.2.8) with the values it prints.
 */
#include <string.h>

#include "meterd/hex.h"
#include "meterd/wmbus.h"
#include "unit.h"

/* apator162_cbc_mode5_zero_key_88888888: header, then decryption_helper.plaintext_hex */
static const char apator[] =
    "6E4401068888888805077A85006085"
    "2F2F80C84AFD9308020043820183000A5415586302FCA91510F01200007B01F0120000C91200006D11"
    "0000D20E0000F5090000B30400006D0000002B0000002B0000002B0000002B0000002B000000A085D9"
    "A103FFFFFFFFFFFFFFFFFFFF0A8D";

/* caltose_L108_caltose_80081991: header, then decryption_helper.plaintext_hex */
static const char caltose[] =
    "5E44496A91190880FC087A74405005"
    "2F2F0B6E250200426C41314B6E99000082046C41328B046E0302008D04EE132C3BFE990000520000100000"
    "000000FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF2F2F2F2F";

static size_t
unhex(const char *s, uint8_t *out)
{
	size_t k = 0;
	for (; s[0] && s[1]; s += 2)
		out[k++] = (uint8_t)(hex_value(s[0]) << 4 | hex_value(s[1]));
	return k;
}

struct got {
	struct reading rd[16];
	char text[16][MBUS_TEXT_MAX];
	int n;
};

static enum wmbus_result
decode(const uint8_t *t, size_t n, struct wmbus_msg *m, struct got *g)
{
	struct wmbus_ctx c;
	struct wmbus_rec_walk w;
	enum wmbus_result r;

	wmbus_ctx_init(&c, NULL);
	r = wmbus_parse(&c, m, t, n);
	g->n = 0;
	wmbus_walk_begin(m, &w);
	while (g->n < 16 && wmbus_next_reading(m, &w, &g->rd[g->n], g->text[g->n]) > 0)
		g->n++;
	return r;
}

/* A plain telegram: L 44 M "MAD" id 12345678 ver 1 water, CI 78, then the records. */
static size_t
plain(const char *records, uint8_t *t)
{
	size_t n = unhex("00442434785634120107" "78", t);
	n += unhex(records, t + n);
	t[0] = (uint8_t)(n - 1);
	return n;
}

static void
test_apator162(void)
{
	static struct wmbus_msg m;
	static struct got g;
	uint8_t t[WMBUS_TELEGRAM_MAX];
	size_t n = unhex(apator, t);

	CHECK_INT(decode(t, n, &m, &g), WMBUS_OK);
	CHECK_INT(m.info.app, WMBUS_APP_APATOR162);
	CHECK_INT(m.info.records, 5); /* 43 83 10 7B A0, then the FF padding */
	CHECK_INT(g.n, 2);
	/* register 10: F0 12 00 00 = 4848 l, the expected total_m3 4.848 */
	CHECK_STR(g.rd[0].id, "wmbus:0");
	CHECK_STR(g.rd[0].quantity, "volume");
	CHECK_INT(g.rd[0].raw, 4848);
	CHECK_INT(g.rd[0].scaler, -3);
	CHECK_STR(g.rd[0].unit, "m3");
	/* then the payload after 2F 2F as hex */
	CHECK_STR(g.rd[1].quantity, "manufacturer_data");
	CHECK(g.rd[1].type == READING_TEXT && g.rd[1].text_len == 3 * 94 - 1);
	CHECK(memcmp(g.rd[1].text, "80 C8 4A FD 93 08 02 00 43", 26) == 0);

	/*
	 * Two more from the peer's apator162 driver tests (wmbusmeters
	 * src/driver_apator162.cc, stored decrypted): total_m3 21.93 after
	 * registers 10 first; 73.519 after an 0x80 event register.
	 */
	n = unhex("4E4401068686140005077A350040852F2F0F005B599600000010AA55000041545A42850BD800"
	          "437D037301C5500000564B00009E4600006A410000A01778EC03FFFFFFFFFFFFFFFFFFFFFFFFFFE393",
	          t);
	CHECK_INT(decode(t, n, &m, &g), WMBUS_OK);
	CHECK(g.n == 2 && g.rd[0].raw == 21930 && g.rd[0].scaler == -3);
	n = unhex("704401060404040405077A0E0060852F2F0F766DFB96010000430600808F67DB8F67DB0101000010"
	          "2F1F01007B0100000000000000000000000000000000000000000000000000000000000000000000"
	          "0000000000000000000000000000A05F5C1804FFFFFFFFFFFFFFFFFFFF26BCD649",
	          t);
	CHECK_INT(decode(t, n, &m, &g), WMBUS_OK);
	CHECK(g.n == 2 && g.rd[0].raw == 73519 && g.rd[0].scaler == -3);
	n = unhex(apator, t);

	/* a register of unknown size (0x45) before the total: the walk stops there */
	t[15 + 2 + 8] = 0x45;
	CHECK_INT(decode(t, n, &m, &g), WMBUS_OK);
	CHECK_INT(m.info.records, 0);
	CHECK_INT(g.n, 1);
	CHECK_STR(g.rd[0].quantity, "manufacturer_data");
	/* a total cut off by the end of the payload is not read (CFG: no encrypted blocks) */
	n = unhex(apator, t);
	t[13] = 0x00;
	t[0] = 15 + 2 + 8 + 3 + 11 + 3 - 1; /* ends within register 10's data */
	CHECK_INT(decode(t, (size_t)t[0] + 1, &m, &g), WMBUS_OK);
	CHECK_INT(m.info.records, 2);
	CHECK_INT(g.n, 1);
	/* three of its four bytes: still not read; all four, the payload's last: read */
	t[0] = 15 + 2 + 8 + 3 + 11 + 4 - 1;
	CHECK_INT(decode(t, (size_t)t[0] + 1, &m, &g), WMBUS_OK);
	CHECK_INT(m.info.records, 2);
	CHECK_INT(g.n, 1);
	t[0] = 15 + 2 + 8 + 3 + 11 + 5 - 1;
	CHECK_INT(decode(t, (size_t)t[0] + 1, &m, &g), WMBUS_OK);
	CHECK_INT(m.info.records, 3);
	CHECK(g.n == 2 && g.rd[0].raw == 4848);
	/* shorter than the 8 header bytes */
	t[0] = 15 + 2 + 7 - 1;
	CHECK_INT(decode(t, (size_t)t[0] + 1, &m, &g), WMBUS_MALFORMED);
	CHECK_INT(g.n, 0);
	/* another manufacturer's telegram with the same bytes is records (and fails as such) */
	n = unhex(apator, t);
	t[2] = 0x02;
	CHECK_INT(decode(t, n, &m, &g), WMBUS_MALFORMED);
	CHECK_INT(m.info.app, WMBUS_APP_RECORDS);
}

/* The Caltos E's inverse compact profile: 3B FE = absolute 6-digit BCD, monthly. */
static void
test_caltose_profile(void)
{
	static struct wmbus_msg m;
	static struct got g;
	static const int64_t hca[4] = {99, 52, 10, 0};
	/* expected consumption_1..4: 2026-01-01, 2025-12-01, 2025-11-01, 2025-10-01 */
	static const int64_t day[4] = {1767225600, 1764547200, 1761955200, 1759276800};
	uint8_t t[WMBUS_TELEGRAM_MAX];
	size_t n = unhex(caltose, t);
	int k;

	CHECK_INT(decode(t, n, &m, &g), WMBUS_OK);
	CHECK_INT(m.info.records, 6);
	CHECK_INT(g.n, 5 + 4); /* elements 5-14 are FF FF FF: not filled */
	CHECK_INT(g.rd[3].time, 1769904000); /* base_date 2026-02-01 */
	for (k = 0; k < 4; k++) {
		const struct reading *r = &g.rd[5 + k];
		CHECK_STR(r->id, "wmbus:5");
		CHECK_INT(r->index, k + 1);
		CHECK_INT(r->type, READING_NUMBER);
		CHECK_INT(r->raw, hca[k]);
		CHECK_STR(r->quantity, "hca");
		CHECK_INT(r->storage, 9 + k);
		CHECK_INT(r->has & READING_HAS_STATUS, 0); /* VIFE 13 is no record error */
		CHECK_INT(r->time_kind, READING_TIME_LOCAL);
		CHECK_INT(r->time, day[k]);
	}
	/* without the base date the values stand, without a time */
	t[15 + 2 + 5 + 4 + 5 + 2] = 0x6E; /* 82 04 6C -> 82 04 6E */
	CHECK_INT(decode(t, n, &m, &g), WMBUS_OK);
	CHECK_INT(g.n, 9);
	CHECK_INT(g.rd[5].raw, 99);
	CHECK_INT(g.rd[5].time_kind, READING_TIME_NONE);
}

/* EN 13757-3:2018 F.2.7 and F.2.8: increments of 2-digit BCD, hourly, m3 x 0.1. */
static void
test_annex_f(void)
{
	static struct wmbus_msg m;
	static struct got g;
	uint8_t t[WMBUS_TELEGRAM_MAX];
	const int64_t h0 = 1262304000; /* 2010-01-01 00:00 */
	size_t n;

	/* F.2.7: base 2010-01-01 00:00, 12300.0 m3; increments 3 2 11 */
	n = plain("84046D00204111" "8B0415003012" "8D04951F056901030211", t);
	CHECK_INT(decode(t, n, &m, &g), WMBUS_OK);
	CHECK_INT(g.n, 2 + 3);
	CHECK_INT(g.rd[2].raw, 123003);
	CHECK_INT(g.rd[2].scaler, -1);
	CHECK_STR(g.rd[2].unit, "m3");
	CHECK_INT(g.rd[2].time, h0 + 3600);
	CHECK_INT(g.rd[2].storage, 9);
	CHECK_INT(g.rd[3].raw, 123005);
	CHECK_INT(g.rd[3].time, h0 + 7200);
	CHECK_INT(g.rd[4].raw, 123016);
	CHECK_INT(g.rd[4].time, h0 + 10800);
	CHECK_INT(g.rd[4].storage, 11);

	/* F.2.8, inverse: base 03:00, 12301.6 m3; increments 11 2 3 back to 12300.0 */
	n = plain("84046D00234111" "8B0415163012" "8D049513056901110203", t);
	CHECK_INT(decode(t, n, &m, &g), WMBUS_OK);
	CHECK_INT(g.n, 2 + 3);
	CHECK_INT(g.rd[2].raw, 123005);
	CHECK_INT(g.rd[2].time, h0 + 7200);
	CHECK_INT(g.rd[3].raw, 123003);
	CHECK_INT(g.rd[3].time, h0 + 3600);
	CHECK_INT(g.rd[4].raw, 123000);
	CHECK_INT(g.rd[4].time, h0);

	/*
	 * Decrements (control A1: mode 2, hours, 8-bit integer), counted
	 * unsigned from the F.2.7 base: 05 and 90 (144) take 12300.0 m3 to
	 * 12299.5 and 12285.1.
	 */
	n = plain("84046D00204111" "8B0415003012" "8D04951F04A1010590", t);
	CHECK_INT(decode(t, n, &m, &g), WMBUS_OK);
	CHECK_INT(g.n, 2 + 2);
	CHECK_INT(g.rd[2].raw, 122995);
	CHECK_INT(g.rd[2].time, h0 + 3600);
	CHECK_INT(g.rd[3].raw, 122851);
	CHECK_INT(g.rd[3].time, h0 + 7200);

	/* increments without the base value they count from: one record, as sent */
	n = plain("84046D00234111" "8D049513056901110203", t);
	CHECK_INT(decode(t, n, &m, &g), WMBUS_OK);
	CHECK_INT(g.n, 2);
	CHECK_INT(g.rd[1].index, 0);
	CHECK_INT(g.rd[1].type, READING_TEXT);

	/* an unfilled increment (type C FF) ends the series: later ones cannot be summed */
	n = plain("84046D00234111" "8B0415163012" "8D0495130461" "01FF02", t);
	CHECK_INT(decode(t, n, &m, &g), WMBUS_OK);
	CHECK_INT(g.n, 2);
}

/* Monthly spacing keeps the day, or takes the month's last (2024-03-31 back to February). */
static void
test_profile_months(void)
{
	static struct wmbus_msg m;
	static struct got g;
	uint8_t t[WMBUS_TELEGRAM_MAX];
	size_t n;

	/* 42 6C 1F 33: 2024-03-31, storage 1; 4D 93 13: volume l, absolute int16, 0xFE = a month */
	n = plain("426C1F33" "4D93130632FE64003200", t);
	CHECK_INT(decode(t, n, &m, &g), WMBUS_OK);
	CHECK_INT(g.n, 1 + 2);
	CHECK_INT(g.rd[1].raw, 100);
	CHECK_INT(g.rd[1].scaler, -3);
	CHECK_INT(g.rd[1].storage, 2);
	CHECK_INT(g.rd[1].time, 1709164800); /* 2024-02-29 */
	CHECK_INT(g.rd[2].raw, 50);
	CHECK_INT(g.rd[2].time, 1706659200); /* 2024-01-31 */

	/* 0xFE with unit hours is a quarter: 2023-12-31, 2023-09-30 */
	n = plain("426C1F33" "4D93130622FE64003200", t);
	CHECK_INT(decode(t, n, &m, &g), WMBUS_OK);
	CHECK_INT(g.n, 1 + 2);
	CHECK_INT(g.rd[1].time, 1703980800);
	CHECK_INT(g.rd[2].time, 1696032000);
	/* with unit minutes half a year: 2023-09-30, 2023-03-31 */
	n = plain("426C1F33" "4D93130612FE64003200", t);
	CHECK_INT(decode(t, n, &m, &g), WMBUS_OK);
	CHECK_INT(g.n, 1 + 2);
	CHECK_INT(g.rd[1].time, 1696032000);
	CHECK_INT(g.rd[2].time, 1680220800);
}

/* Parses t and walks all its readings (at most 1000): how many, -1 for a bad id. */
static int
walk_all(const uint8_t *t, size_t n)
{
	static struct wmbus_msg m;
	static char text[MBUS_TEXT_MAX];
	struct wmbus_ctx c;
	struct wmbus_rec_walk w;
	struct reading rd;
	int k = 0;

	wmbus_ctx_init(&c, NULL);
	wmbus_parse(&c, &m, t, n);
	wmbus_walk_begin(&m, &w);
	while (k < 1000 && wmbus_next_reading(&m, &w, &rd, text) > 0) {
		if (strncmp(rd.id, "wmbus:", 6) != 0)
			return -1;
		k++;
	}
	return k;
}

/*
 * Every shorter payload (L adjusted, so the parsers see it) and every bit
 * flipped: the walk ends, gives well-formed readings and stays in bounds
 * (the asan build checks). A payload of n bytes has fewer than n readings.
 */
static void
test_damaged(void)
{
	const char *const src[] = {apator, caltose};
	uint8_t t[WMBUS_TELEGRAM_MAX], u[WMBUS_TELEGRAM_MAX];
	int bad = 0, k;

	for (size_t s = 0; s < 2; s++) {
		size_t n = unhex(src[s], t), i;
		t[13] &= 0x0F; /* CFG: no encrypted blocks, so every cut is parsed */
		for (i = 11; i < n; i++) {
			memcpy(u, t, i);
			u[0] = (uint8_t)(i - 1);
			k = walk_all(u, i);
			bad += k < 0 || (size_t)k >= i;
		}
		for (i = 0; i < 8 * n; i++) {
			memcpy(u, t, n);
			u[i / 8] ^= (uint8_t)(1u << (i % 8));
			k = walk_all(u, n);
			bad += k < 0 || (size_t)k >= n;
		}
	}
	CHECK_INT(bad, 0);
}

int
main(void)
{
	test_apator162();
	test_caltose_profile();
	test_annex_f();
	test_profile_months();
	test_damaged();
	TEST_END();
}
