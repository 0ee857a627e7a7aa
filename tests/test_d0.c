/*
 * IEC 62056-21: the shared data-set grammar (dataset.h), the D0 decoder's
 * quirks one by one, and the mode C session driven by a fake clock.
 * Split invariance, truncation and bit flips over the captures are in
 * test_stream.c; the captures' values in test_golden_d0.py.
 */
#include <stdlib.h>

#include "meterd/d0.h"
#include "meterd/d0_session.h"
#include "meterd/dataset.h"
#include "fixture_io.h"
#include "unit.h"

/* ------------------------------------------------------------ helpers */

#define MAXR 64

struct got {
	int            frames;
	enum frame_status status[8];
	uint64_t       offset[8];
	uint32_t       length[8];
	bool           has_ident[8];
	bool           has_bcc[8];
	int            n;
	char           id[MAXR][READING_ID_MAX];
	int            type[MAXR];
	long long      raw[MAXR];
	int            scaler[MAXR];
	char           unit[MAXR][READING_UNIT_MAX];
	char           text[MAXR][64];
	int            index[MAXR];
	int            frame_of[MAXR];
};

static void
collect(struct d0_dec *d, struct got *g)
{
	enum dec_event ev;

	while ((ev = d0_dec_event(d)) != DEC_NONE) {
		if (ev == DEC_FRAME) {
			const struct frame_info *f = d0_dec_frame(d);
			const struct d0_frame_detail *x = f->detail;
			if (g->frames < 8) {
				g->status[g->frames] = f->status;
				g->offset[g->frames] = f->offset;
				g->length[g->frames] = f->length;
				g->has_ident[g->frames] = x->has_ident;
				g->has_bcc[g->frames] = x->has_bcc;
			}
			g->frames++;
		} else if (g->n < MAXR) {
			const struct reading *r = d0_dec_reading(d);
			int k = g->n++;
			snprintf(g->id[k], sizeof(g->id[k]), "%s", r->id);
			g->type[k] = r->type;
			g->raw[k] = r->raw;
			g->scaler[k] = r->scaler;
			snprintf(g->unit[k], sizeof(g->unit[k]), "%s", r->unit);
			snprintf(g->text[k], sizeof(g->text[k]), "%.*s", (int)r->text_len,
			         r->text ? (const char *)r->text : "");
			g->index[k] = r->index;
			g->frame_of[k] = g->frames - 1;
		}
	}
}

/* Decodes len bytes (whole) with options "k=v" (NULL-terminated list). */
static struct got
run_opts(const void *p, size_t len, const char *const *opts)
{
	static struct d0_dec d; /* 16 KB: not on the stack */
	struct got g;
	const uint8_t *b = p;
	size_t i;

	memset(&g, 0, sizeof(g));
	d0_dec_init(&d);
	for (i = 0; opts && opts[i]; i += 2)
		CHECK_INT(d0_dec_configure(&d, opts[i], opts[i + 1]), 0);
	while (len > 0) {
		size_t n = d0_dec_push(&d, b, len);
		b += n;
		len -= n;
		collect(&d, &g);
	}
	d0_dec_finish(&d);
	collect(&d, &g);
	return g;
}

static struct got
run(const char *s)
{
	return run_opts(s, strlen(s), NULL);
}

static const char *const lenient[] = {"lenient_crc", "1", NULL};

/* Builds ident CR LF STX body ETX BCC into out; returns the length. */
static size_t
readout(char *out, const char *ident, const char *body)
{
	size_t n = (size_t)sprintf(out, "%s\r\n\x02%s\x03", ident, body), i;
	uint8_t bcc = 0;

	for (i = strlen(ident) + 3; i < n; i++)
		bcc ^= (uint8_t)out[i];
	out[n++] = (char)bcc;
	return n;
}

/* ------------------------------------------------------------ grammar */

static void
test_ident(void)
{
	struct dataset_ident id;

	CHECK(dataset_ident_parse(&id, (const uint8_t *)"/ISk5MT174-0001", 15));
	CHECK_STR(id.manufacturer, "ISk");
	CHECK_INT(id.baud_char, '5');
	CHECK(id.fast);
	CHECK_STR(id.text + id.model_off, "MT174-0001");
	CHECK_INT(d0_ident_mode(&id), D0_MODE_C);
	CHECK_INT(d0_baud_rate(D0_MODE_C, id.baud_char), 9600);

	CHECK(dataset_ident_parse(&id, (const uint8_t *)"/ISK5\\2M550T-1012", 17));
	CHECK(!id.fast);
	CHECK_INT(id.escape, '2');
	CHECK_INT(d0_ident_mode(&id), D0_MODE_E);

	CHECK(dataset_ident_parse(&id, (const uint8_t *)"/ACE0\\3k260V01.19", 17));
	CHECK_INT(id.escape, '3'); /* manufacturer-specific, still mode C */
	CHECK_INT(d0_ident_mode(&id), D0_MODE_C);
	CHECK_INT(d0_baud_rate(D0_MODE_C, '0'), 300);

	CHECK(dataset_ident_parse(&id, (const uint8_t *)"/SIEC2WR5", 9));
	CHECK_INT(d0_ident_mode(&id), D0_MODE_B);
	CHECK_INT(d0_baud_rate(D0_MODE_B, 'C'), 2400);

	CHECK(dataset_ident_parse(&id, (const uint8_t *)"/NWA-WARMTELINK", 15));
	CHECK_INT(id.baud_char, '-');
	CHECK_INT(d0_ident_mode(&id), D0_MODE_A);
	CHECK_INT(d0_baud_rate(D0_MODE_A, '-'), 0);

	CHECK(dataset_ident_parse(&id, (const uint8_t *)"/KAM5", 5));
	CHECK_STR(id.text + id.model_off, "");
	CHECK(dataset_ident_parse(&id, (const uint8_t *)"/Ene5\\SAGEMCOM CX2000-", 22));
	CHECK_STR(id.text + id.model_off, "\\SAGEMCOM CX2000-");

	CHECK(!dataset_ident_parse(&id, (const uint8_t *)"/?!", 3));
	CHECK(!dataset_ident_parse(&id, (const uint8_t *)"/12AB5", 6));
	CHECK(!dataset_ident_parse(&id, (const uint8_t *)"/AB", 3));
	CHECK(!dataset_ident_parse(&id, (const uint8_t *)"ISK5MT", 6));
	CHECK(!dataset_ident_parse(&id, (const uint8_t *)"/ISK5\rMT", 8));
	CHECK_INT(d0_baud_rate(D0_MODE_C, '7'), 0);
	CHECK_INT(d0_baud_rate(D0_MODE_B, 'G'), 0);
}

static enum reading_type
parse(const char *s, struct reading *r)
{
	struct dataset_value v = {.p = (const uint8_t *)s, .n = strlen(s), .index = 3};

	reading_clear(r);
	return dataset_value_parse(&v, r);
}

static void
test_values(void)
{
	struct reading r;

	CHECK_INT(parse("00012345.6", &r), READING_NUMBER);
	CHECK_INT(r.raw, 123456);
	CHECK_INT(r.scaler, -1);
	CHECK_STR(r.unit, "");
	CHECK_INT(r.index, 3);
	CHECK(r.has & READING_HAS_SCALER);

	CHECK_INT(parse("+000.8*A", &r), READING_NUMBER);
	CHECK_INT(r.raw, 8);
	CHECK_INT(r.scaler, -1);
	CHECK_STR(r.unit, "A");
	CHECK_INT(parse("-063*A", &r), READING_NUMBER);
	CHECK_INT(r.raw, -63);
	CHECK_INT(parse("        18438636", &r), READING_NUMBER);
	CHECK_INT(r.raw, 18438636);
	CHECK_INT(parse("013925.5*", &r), READING_NUMBER);
	CHECK_INT(r.raw, 139255);
	CHECK_STR(r.unit, "");
	CHECK_INT(parse("0.000*kWh", &r), READING_NUMBER);
	CHECK_INT(r.raw, 0);
	CHECK_INT(r.scaler, -3);
	CHECK_INT(parse("088*C", &r), READING_NUMBER);
	CHECK_STR(r.unit, "C"); /* kept as sent, not turned into a degree sign */
	CHECK_INT(parse("001.476*m3ph", &r), READING_NUMBER);
	CHECK_STR(r.unit, "m3ph");
	CHECK_INT(parse("12*averyveryverylongunit", &r), READING_NUMBER);
	CHECK_INT((int)strlen(r.unit), READING_UNIT_MAX - 1);
	CHECK_INT(parse("9223372036854775807", &r), READING_NUMBER);
	CHECK(r.raw == INT64_MAX);
	CHECK_INT(parse("-9223372036854775807", &r), READING_NUMBER);

	/* Not numbers: kept as text, as sent. */
	CHECK_INT(parse("9223372036854775808", &r), READING_TEXT);
	CHECK_INT(parse("4530303434303037313331363530363138", &r), READING_TEXT);
	CHECK_INT((int)r.text_len, 34);
	CHECK_INT(parse("V01.69#EEA3546C", &r), READING_TEXT);
	CHECK_INT(parse("        ", &r), READING_TEXT);
	CHECK_INT((int)r.text_len, 8);
	CHECK_INT(parse("", &r), READING_TEXT);
	CHECK_INT((int)r.text_len, 0);
	CHECK_INT(parse("-", &r), READING_TEXT);
	CHECK_INT(parse("1.2.3", &r), READING_TEXT);
	CHECK_INT(parse(".5", &r), READING_TEXT);
	CHECK_INT(parse("2017-01-18", &r), READING_TEXT);
	CHECK_INT(parse("L1-L2-L3", &r), READING_TEXT);
	CHECK_INT(parse("12 34", &r), READING_TEXT);
}

static void
check_id(const char *addr, const char *prefix, const char *want)
{
	char id[READING_ID_MAX];

	CHECK(dataset_format_id((const uint8_t *)addr, strlen(addr), prefix, id));
	CHECK_STR(id, want);
}

static void
test_ids(void)
{
	char id[READING_ID_MAX];
	const char *long_addr = "1234567890.1234567890.1234567890.1234567890";

	check_id("1-0:1.8.0", NULL, "1-0:1.8.0*255");
	check_id("1-0:1.8.0*255", NULL, "1-0:1.8.0*255");
	check_id("1-0:0.1.2*01", NULL, "1-0:0.1.2*01");
	check_id("1.8.0", NULL, "1.8.0");
	check_id("1.8.0", "1-0", "1-0:1.8.0*255");
	check_id("1.8.0*01", "1-0", "1-0:1.8.0*01");
	check_id("1.8.0", "0-1", "0-1:1.8.0*255");
	check_id("C.1", "1-0", "C.1");
	check_id("F.F", NULL, "F.F");
	check_id("0-0:C.1.0*255", NULL, "0-0:C.1.0*255");
	check_id("32.7", "1-0", "32.7");
	check_id("6.8*01", NULL, "6.8*01");
	CHECK(!dataset_format_id((const uint8_t *)long_addr, strlen(long_addr), NULL, id));
}

static void
test_line_is_data(void)
{
	static const char *const yes[] = {
		"1-0:1.8.0*255(00012.5*kWh)", "6.8(1*MWh)6.26(2*m3)", "1.6.0(1*kW)(1703100930)",
		"C.1.1(        )",            "9.2(&&)",
	};
	static const char *const no[] = {
		"  25803103", "1-0:1.8.0*255(00012", "ESY5Q3DB1024 V3.04", "1.8.0(1)x",
		"(1)",        "!",                   "F\x19\x0e\x19vff\x19vu5j", "",
	};
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		CHECK(dataset_line_is_data((const uint8_t *)yes[i], strlen(yes[i])));
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		CHECK(!dataset_line_is_data((const uint8_t *)no[i], strlen(no[i])));
}

/*
 * The iterator reads common numbers while it finds a group's end; each of
 * its values must parse exactly as the same bytes do on their own.
 */
static void
test_iter_values(void)
{
	static const char *const vals[] = {
		"00012345.6",  "0008048.375*kWh", "+000.8*A",   "-063*A",       "        18438636",
		"013925.5*",   "0.000*kWh",       "088*C&082*C", "001.476*m3ph", "12*averyveryverylongunit",
		"9223372036854775807", "-9223372036854775807", "9223372036854775808",
		"123456789012345678",  "1234567890123456789",  "000000000000000000000012.5*V",
		"4530303434303037313331363530363138", "V01.69#EEA3546C", "        ", "", "-", "+",
		"1.2.3", ".5", "5.", "-.5", "2017-01-18", "L1-L2-L3", "12 34", "12 *kWh", "12*",
		"101209113020W", "0&1&0&-&CV&3&2.14", "&&", "7*k(W)h", "*kWh", "12x*kWh",
		/* More than 18 digits: decided without the careful parse when leading zeros. */
		"0000000000000000000009223372036854775807", "-00000000000000000009223372036854775807",
		"0000000000000000000009223372036854775808", "00000000000000000000.00000000000000000001",
		"1234567890123456789012", "99999999999999999999", "18446744073709551616",
		"9999999999999999999", "922337203685477580.7*kWh", "92233720368547758.08*kWh",
		"0000000000000000000000000001.5*kWh", "00000000000000000000000.0000000000000000000*V",
		"0.0000000000000000000000000000000000000000000000000000000000001",
		"0.000000000000000000000000000000000000000000000000000000000001",
		"0.0000000000000000000000000000000000000000000000000000000000000",
	};
	size_t i;

	for (i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		char block[128];
		int n = snprintf(block, sizeof(block), "1.8.0(%s)\r\n!", vals[i]);
		struct dataset_iter it;
		struct dataset_value v, w;
		struct reading a, b;
		size_t at = 6, parts = 0;

		dataset_iter_init(&it, (const uint8_t *)block, (size_t)n);
		CHECK(dataset_iter_next_set(&it));
		while (dataset_iter_next_value(&it, &v)) {
			/* The same bytes, told nothing. */
			const char *amp = memchr(block + at, '&', strlen(block + at));
			const char *end = memchr(block + at, ')', strlen(block + at));
			size_t len = (size_t)((amp && amp < end ? amp : end) - (block + at));

			w = (struct dataset_value){.p = (const uint8_t *)block + at, .n = len, .index = v.index};
			CHECK(v.p == w.p && v.n == w.n);
			CHECK_INT(dataset_value_is_number(&v), dataset_value_is_number(&w));
			reading_clear(&a);
			reading_clear(&b);
			CHECK_INT(dataset_value_parse(&v, &a), dataset_value_parse(&w, &b));
			CHECK(a.raw == b.raw);
			CHECK_INT(a.scaler, b.scaler);
			CHECK_STR(a.unit, b.unit);
			CHECK(a.text == b.text && a.text_len == b.text_len);
			CHECK_INT(a.has, b.has);
			CHECK_INT(a.index, parts);
			at += len + 1;
			parts++;
		}
		CHECK(parts > 0);
		CHECK(!dataset_iter_next_set(&it));
	}
	{
		struct reading r;
		struct dataset_iter it;
		struct dataset_value v;
		const char *s = "1.8.0(0008048.375*kWh)";

		dataset_iter_init(&it, (const uint8_t *)s, strlen(s));
		CHECK(dataset_iter_next_set(&it) && dataset_iter_next_value(&it, &v));
		reading_clear(&r);
		CHECK_INT(dataset_value_parse(&v, &r), READING_NUMBER);
		CHECK(r.raw == 8048375 && r.scaler == -3);
		CHECK_STR(r.unit, "kWh");
	}
	{
		/*
		 * Blocks cut inside a number, exactly their length on the heap (ASan
		 * sees a read past the end): a lost ')' drops the value, a digit
		 * after the group is no part of it.
		 */
		static const char *const cut[] = {"1.8.0(12", "1.8.0(12.", "1.8.0(12.5", "1.8.0(-",
		                                  "1.8.0(", "1.8.0(12)3", "1.8.0(12*kWh)", "1.8.0(1*k)"};
		for (i = 0; i < sizeof(cut) / sizeof(cut[0]); i++) {
			size_t n = strlen(cut[i]), k = 0;
			uint8_t *b = malloc(n);
			struct dataset_iter it;
			struct dataset_value v;

			struct reading r;

			memcpy(b, cut[i], n);
			dataset_iter_init(&it, b, n);
			while (dataset_iter_next_set(&it))
				while (dataset_iter_next_value(&it, &v))
					k++;
			CHECK_INT(k, i >= 5);
			/* The same through dataset_iter_reading, which copies units whole where it may. */
			reading_clear(&r);
			dataset_iter_init(&it, b, n);
			for (k = 0; dataset_iter_reading(&it, NULL, &r, &v) != DATASET_NEXT_NONE; k++)
				CHECK_STR(r.unit, i == 6 ? "kWh" : i == 7 ? "k" : "");
			CHECK_INT(k, i >= 5);
			free(b);
		}
	}
}

/*
 * dataset_iter_reading against the pieces it fuses (dataset_iter_next,
 * dataset_iter_format_id, dataset_value_parse) over random blocks of the
 * grammar's bytes, each exactly its length on the heap: the same readings,
 * and (under ASan) no read past a block.
 */
static void
test_iter_reading(void)
{
	static const char alphabet[] = "0000111999..-+**(())&!\r\n kWh:/";
	uint32_t seed = 12345;
	int round;

	for (round = 0; round < 20000; round++) {
		size_t n = 0, i, count = 0;
		uint8_t *b;
		struct dataset_iter it1, it2;
		struct dataset_value v1, v2;
		struct reading a, r;
		int k1, k2;

		seed = seed * 1103515245u + 12345u;
		n = (seed >> 16) % 48;
		b = malloc(n > 0 ? n : 1);
		for (i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			b[i] = (uint8_t)alphabet[(seed >> 16) % (sizeof(alphabet) - 1)];
		}
		if (round % 3 == 0 && n > 10)
			memcpy(b, "1-0:1.8.0(", 10); /* most blocks should reach a value */
		dataset_iter_init(&it1, b, n);
		dataset_iter_init(&it2, b, n);
		reading_clear(&a);
		reading_clear(&r);
		for (;;) {
			k1 = dataset_iter_next(&it1, &v1);
			if (k1 == DATASET_NEXT_SET)
				CHECK(dataset_iter_format_id(&it1, "1-0", a.id));
			if (k1 != DATASET_NEXT_NONE)
				(void)dataset_value_parse(&v1, &a);
			k2 = dataset_iter_reading(&it2, "1-0", &r, &v2);
			CHECK_INT(k2, k1);
			if (k1 == DATASET_NEXT_NONE || k2 != k1)
				break;
			CHECK(v1.p == v2.p && v1.n == v2.n && v1.index == v2.index);
			CHECK_STR(r.id, a.id);
			CHECK_INT(r.type, a.type);
			CHECK(r.raw == a.raw);
			CHECK_INT(r.scaler, a.scaler);
			CHECK_STR(r.unit, a.unit);
			CHECK(r.text == a.text && r.text_len == a.text_len);
			CHECK_INT(r.index, a.index);
			CHECK_INT(r.has, a.has);
			count++;
		}
		CHECK(count <= n);
		free(b);
	}
}

/* dataset_scan_run is dataset_scan_byte over a run, however the run is cut. */
static void
test_scan_run(void)
{
	static const char *const runs[] = {
		"1-0:1.8.0(12)\r\n2.8.0(3", "(abc\r\ndef(", "a(b)c(d", "\n(", "((()))x", "x)",
		"9.4(088*C&082*C)6.8(", "(\r",
	};
	size_t i, k, j;

	for (i = 0; i < sizeof(runs) / sizeof(runs[0]); i++) {
		const uint8_t *p = (const uint8_t *)runs[i];
		size_t n = strlen(runs[i]);

		for (k = 0; k <= n; k++) {
			struct dataset_scan a, b;
			dataset_scan_init(&a);
			dataset_scan_init(&b);
			a.line_start = b.line_start = k % 2 == 0; /* either start */
			for (j = 0; j < n; j++)
				(void)dataset_scan_byte(&a, p[j]);
			dataset_scan_run(&b, p, k);
			dataset_scan_run(&b, p + k, n - k);
			CHECK_INT(a.in_group, b.in_group);
			CHECK_INT(a.line_start, b.line_start);
		}
	}
	{
		static const uint8_t stops[] = {'!', '/'};
		const uint8_t *s = (const uint8_t *)"abc!d/e";
		CHECK_INT(dataset_span(s, 7, stops, 2), 3);
		CHECK_INT(dataset_span(s, 7, stops + 1, 1), 5);
		CHECK_INT(dataset_span(s, 3, stops, 2), 3);
		CHECK_INT(dataset_span(s, 0, stops, 2), 0);
		CHECK_INT(dataset_span(s, 7, stops, 0), 7);
	}
}

/* ------------------------------------------------------------ decoder */

static void
test_readout_bcc(void)
{
	char buf[512];
	size_t n = readout(buf, "/ISk5MT174-0001",
	                   "1-0:1.8.0*255(0008048.375*kWh)\r\n1-0:1.6.0*255(02.468*kW)(1703100930)"
	                   "\r\nF.F(00)\r\n!\r\n");
	struct got g = run_opts(buf, n, NULL);

	CHECK_INT(g.frames, 1);
	CHECK_INT(g.status[0], FRAME_OK);
	CHECK(g.has_ident[0] && g.has_bcc[0]);
	CHECK_INT(g.offset[0], 0);
	CHECK_INT(g.length[0], n);
	CHECK_INT(g.n, 4);
	CHECK_STR(g.id[0], "1-0:1.8.0*255");
	CHECK_INT(g.raw[0], 8048375);
	CHECK_INT(g.scaler[0], -3);
	CHECK_STR(g.unit[0], "kWh");
	CHECK_STR(g.id[2], "1-0:1.6.0*255");
	CHECK_INT(g.index[2], 1);
	CHECK_INT(g.raw[2], 1703100930);
	CHECK_STR(g.id[3], "F.F");

	/* One byte changed: the BCC catches it; no values unless lenient. */
	buf[30] ^= 0x01;
	g = run_opts(buf, n, NULL);
	CHECK_INT(g.frames, 1);
	CHECK_INT(g.status[0], FRAME_CRC_ERROR);
	CHECK_INT(g.n, 0);
	g = run_opts(buf, n, lenient);
	CHECK_INT(g.status[0], FRAME_CRC_ERROR);
	CHECK_INT(g.n, 4);
	{
		static const char *const ign[] = {"ignore_bcc", "1", NULL};
		g = run_opts(buf, n, ign);
		CHECK_INT(g.frames, 1);
		CHECK_INT(g.status[0], FRAME_OK);
		CHECK(!g.has_bcc[0]);
		CHECK_INT(g.n, 4);
	}
	/* The BCC byte itself wrong. */
	buf[30] ^= 0x01;
	buf[n - 1] ^= 0x40;
	g = run_opts(buf, n, NULL);
	CHECK_INT(g.status[0], FRAME_CRC_ERROR);

	/*
	 * ETX without '!' ends an STX block, its BCC checked; in a push
	 * telegram (no STX) an ETX is data and a later STX starts a block.
	 */
	n = readout(buf, "/ISk5MT174-0001", "1-0:1.8.0*255(1*kWh)\r\n2.8.0(2*kWh)\r\n");
	g = run_opts(buf, n, NULL);
	CHECK_INT(g.frames, 1);
	CHECK_INT(g.status[0], FRAME_OK);
	CHECK(g.has_bcc[0]);
	CHECK_INT(g.length[0], n);
	CHECK_INT(g.n, 2);
	n = readout(buf, "/XYZ5\r\n\r\n1.8.0(5\x03)", "2.8.0(7)\r\n!\r\n");
	g = run_opts(buf, n, NULL);
	CHECK_INT(g.frames, 1);
	CHECK_INT(g.status[0], FRAME_OK);
	CHECK_INT(g.n, 1);
	CHECK_INT(g.raw[0], 7);
}

/*
 * A readout longer than the runs the framer copies and adds to the BCC at
 * once, with '/' and '!' inside values: the BCC is right and every value
 * is there, whole and in chunks that cut the runs anywhere.
 */
static void
test_long_runs(void)
{
	static const size_t chunks[] = {0, 1, 7, 64, 511, 513};
	char body[2048], ro[2400];
	size_t n = 0, len, c;
	int i;

	for (i = 0; i < 40; i++) {
		if (i == 21)
			n += (size_t)sprintf(body + n, "0.0.0(a/b!c)\r\n");
		n += (size_t)sprintf(body + n, "1-0:1.8.1*255(%06d.456*kWh)\r\n", i);
	}
	n += (size_t)sprintf(body + n, "0.0.1(/!)\r\n!\r\n");
	len = readout(ro, "/ISk5MT174-0001", body);
	for (c = 0; c < sizeof(chunks) / sizeof(chunks[0]); c++) {
		static struct d0_dec d;
		const uint8_t *p = (const uint8_t *)ro;
		size_t left = len, ok = 0, values = 0, texts = 0;
		enum dec_event ev;

		d0_dec_init(&d);
		for (;;) {
			size_t k = chunks[c] == 0 || chunks[c] > left ? left : chunks[c];
			size_t used = d0_dec_push(&d, p, k);
			p += used;
			left -= used;
			if (left == 0)
				d0_dec_finish(&d);
			while ((ev = d0_dec_event(&d)) != DEC_NONE) {
				if (ev == DEC_FRAME) {
					const struct frame_info *f = d0_dec_frame(&d);
					const struct d0_frame_detail *x = f->detail;
					ok += f->status == FRAME_OK && x->has_bcc;
				} else {
					const struct reading *r = d0_dec_reading(&d);
					values++;
					if (r->type == READING_TEXT &&
					    ((r->text_len == 5 && memcmp(r->text, "a/b!c", 5) == 0) ||
					     (r->text_len == 2 && memcmp(r->text, "/!", 2) == 0)))
						texts++;
					if (values == 41)
						CHECK(r->raw == 39456 && r->scaler == -3);
				}
			}
			if (left == 0)
				break;
		}
		CHECK_INT(ok, 1);
		CHECK_INT(values, 42);
		CHECK_INT(texts, 2);
	}
}

static void
test_push_and_quirks(void)
{
	struct got g;

	/* EasyMeter Q3D push, then a COM-1 gateway's extra lines. */
	g = run("/ESY5Q3DB1024 V3.04\r\n\r\n1-0:1.8.0*255(00052185.7825309*kWh)\r\n"
	        "1-0:21.7.0*255(000747.85*W)\r\n!\r\n  25803103\r\n\xff\xff\xff\r\n");
	CHECK_INT(g.frames, 1);
	CHECK_INT(g.status[0], FRAME_OK);
	CHECK(!g.has_bcc[0]);
	CHECK_INT(g.n, 2);
	CHECK_INT(g.raw[0], 521857825309LL);
	CHECK_INT(g.scaler[0], -7);

	/* require_bcc refuses it; ignore_bcc (a meter known to botch its BCC) wins. */
	{
		static const char *const req[] = {"require_bcc", "1", NULL};
		static const char *const both[] = {"require_bcc", "1", "ignore_bcc", "1", NULL};
		const char *s = "/EMH5----eHZ-E0018E\r\n\r\n1-0:1.8.1*255(032942.0231)\r\n!\r\n";
		g = run_opts(s, strlen(s), req);
		CHECK_INT(g.status[0], FRAME_INVALID);
		CHECK_INT(g.n, 0);
		g = run_opts(s, strlen(s), both);
		CHECK_INT(g.status[0], FRAME_OK);
		CHECK_INT(g.n, 1);
	}

	/* L+G E350: LF LF line ends. */
	g = run("/LGZ4ZMF100AC.M27\n\n1.8.1(000000.000*kWh)\n\n32.7(233*V)\n\n!\n");
	CHECK_INT(g.frames, 1);
	CHECK_INT(g.status[0], FRAME_OK);
	CHECK_INT(g.n, 2);
	CHECK_STR(g.id[1], "32.7");

	/* ACE3000: 0x7F junk, the echoed sign-on, noise in the data, then BCC. */
	{
		char buf[256];
		size_t n = (size_t)sprintf(buf, "\x7f\x7f\x7f/?!\r\n");
		n += readout(buf + n, "/ACE0\\3k260V01.19",
		             "F.F(00)\r\nC.1(1126120053322353)\r\n1.8.0(013925.5*)Y\x02\x02\x01\x7e!\r\n");
		g = run_opts(buf, n, NULL);
		CHECK_INT(g.frames, 1);
		CHECK_INT(g.status[0], FRAME_OK);
		CHECK_INT(g.offset[0], 8);
		CHECK_INT(g.n, 3);
		CHECK_STR(g.id[2], "1.8.0");
		CHECK_INT(g.raw[2], 139255);
	}

	/* Iskra MT174: the head echoes the host's ACK between identification and STX. */
	{
		char buf[256];
		size_t n = (size_t)sprintf(buf, "/ISk5MT174-0001\r\n\x06"
		                                "050\r\n");
		n += readout(buf + n, "", "1-0:1.8.0*255(1*kWh)\r\n!\r\n") - 2;
		memmove(buf + 24, buf + 26, n - 24); /* drop the empty ident's CR LF */
		g = run_opts(buf, n - 2, NULL);
		CHECK_INT(g.frames, 1);
		CHECK_INT(g.status[0], FRAME_OK);
		CHECK(g.has_ident[0]);
		CHECK_INT(g.n, 1);
	}

	/* An echoed ACK that lost its line end: the STX still starts the block. */
	{
		char buf[256];
		size_t n = readout(buf, "/ISk5MT174-0001", "1-0:1.8.0*255(1*kWh)\r\n!\r\n");
		memmove(buf + 21, buf + 17, n - 17);
		memcpy(buf + 17, "\x06" "050", 4);
		g = run_opts(buf, n + 4, NULL);
		CHECK_INT(g.frames, 1);
		CHECK_INT(g.status[0], FRAME_OK);
		CHECK(g.has_bcc[0]);
		CHECK_INT(g.n, 1);
	}

	/* Several data sets per line, '&' parts, several values, empty values. */
	g = run("/SIE32WR5\r\n6.8(0029.055*MWh)9.4(088*C&082*C)6.8.1()9.2(&&)F(0)!\r\n");
	CHECK_INT(g.frames, 1);
	CHECK_INT(g.n, 8);
	CHECK_STR(g.id[1], "9.4");
	CHECK_INT(g.raw[1], 88);
	CHECK_STR(g.unit[1], "C");
	CHECK_INT(g.index[1], 0);
	CHECK_INT(g.raw[2], 82);
	CHECK_INT(g.index[2], 1);
	CHECK_INT(g.type[3], READING_TEXT);
	CHECK_STR(g.text[3], "");
	CHECK_INT(g.index[5], 1);
	CHECK_INT(g.index[5 - 1], 0);
	CHECK_STR(g.id[7], "F");
}

static void
test_lost_start(void)
{
	struct got g;

	/*
	 * The capture starts inside a line: "7.0*255(...)" must not become a
	 * reading (it could read as "1.7.0"), the next whole line starts a
	 * telegram without identification.
	 */
	g = run("1.7.0*255(000747.85*W)\r\n1-0:1.7.0*255(002124.86*W)\r\n!\r\n");
	CHECK_INT(g.frames, 1);
	CHECK_INT(g.status[0], FRAME_OK);
	CHECK(!g.has_ident[0]);
	CHECK_INT(g.offset[0], 24);
	CHECK_INT(g.n, 1);
	CHECK_STR(g.id[0], "1-0:1.7.0*255");
	CHECK_INT(g.raw[0], 212486);

	/* The identification's '/' lost: the line is junk, the data are not. */
	g = run("!\r\nESY5Q3DB1024 V3.04\r\n\r\n1-0:1.8.0*255(1*kWh)\r\n!\r\n");
	CHECK_INT(g.frames, 1);
	CHECK_INT(g.n, 1);

	/* Binary garbage line, then data lines without '!': truncated at the end. */
	g = run("F\x19\x0e\x19vff\x19vu5j\r\n1-1:52.7.0(230.5*V)\r\n1-1:72.7.0(231.0*V)\r\n");
	CHECK_INT(g.frames, 1);
	CHECK_INT(g.status[0], FRAME_TRUNCATED);
	CHECK_INT(g.n, 0);
	{
		const char *s = "F\x19\x0e\x19vff\x19vu5j\r\n1-1:52.7.0(230.5*V)\r\n1-1:72.7.0(231.0*V)\r\n";
		g = run_opts(s, strlen(s), lenient);
		CHECK_INT(g.status[0], FRAME_TRUNCATED);
		CHECK_INT(g.n, 2);
		CHECK_STR(g.id[0], "1-1:52.7.0*255");
	}

	/* A readout whose identification was lost: STX starts it, BCC still checked. */
	{
		char buf[128];
		size_t n = readout(buf, "/XYZ5", "1.8.0(5*kWh)\r\n!\r\n");
		g = run_opts(buf + 7, n - 7, NULL);
		CHECK_INT(g.frames, 1);
		CHECK_INT(g.status[0], FRAME_OK);
		CHECK(!g.has_ident[0] && g.has_bcc[0]);
		CHECK_INT(g.n, 1);
	}
}

static void
test_restart_and_truncation(void)
{
	struct got g;
	static const char *const pfx[] = {"obis_prefix", "1-0", NULL};
	const char *s;

	/* A '/' at a line start cuts the telegram off; the new one counts. */
	g = run("/AAA5X\r\n1.8.0(1)\r\n/BBB5Y\r\n1.8.0(2)\r\n!\r\n");
	CHECK_INT(g.frames, 2);
	CHECK_INT(g.status[0], FRAME_TRUNCATED);
	CHECK_INT(g.status[1], FRAME_OK);
	CHECK_INT(g.offset[1], 18);
	CHECK_INT(g.n, 1);
	CHECK_INT(g.raw[0], 2);
	CHECK_INT(g.frame_of[0], 1);

	/* A telegram cut after its '!' (no ETX, no BCC): the '/' of the next
	 * one ends it, and the next one is read whole, identification first. */
	{
		char   buf[256];
		size_t n = (size_t)sprintf(buf, "/AAA5X\r\n\x02" "1.8.0(7)\r\n!\r\n");
		n += readout(buf + n, "/BBB5Y", "1.8.0(8)\r\n!\r\n");
		g = run_opts(buf, n, NULL);
		CHECK_INT(g.frames, 2);
		CHECK_INT(g.status[0], FRAME_TRUNCATED);
		CHECK_INT(g.status[1], FRAME_OK);
		CHECK(g.has_ident[1] && g.has_bcc[1]);
		CHECK_INT(g.offset[1], 22);
		CHECK_INT(g.n, 1);
		CHECK_INT(g.raw[0], 8);
	}

	/* A '/' inside a value is data. */
	g = run("/AAA5X\r\n0.0.0(A/B)\r\n!\r\n");
	CHECK_INT(g.frames, 1);
	CHECK_STR(g.text[0], "A/B");

	/* Identification and then nothing. */
	g = run("/AAA5X\r\n");
	CHECK_INT(g.frames, 1);
	CHECK_INT(g.status[0], FRAME_TRUNCATED);

	/* STX block without ETX at the end of input (Itron EM214 capture). */
	s = "/ITR5EM214\r\n\x02" "1.8.1(022108.7*kWh)\r\n!\r\n";
	g = run(s);
	CHECK_INT(g.status[0], FRAME_TRUNCATED);
	CHECK_INT(g.n, 0);
	g = run_opts(s, strlen(s), lenient);
	CHECK_INT(g.n, 1);
	g = run_opts(s, strlen(s), pfx);
	CHECK_INT(g.n, 0);

	/* obis_prefix for short addresses. */
	s = "/ITR5EM214\r\n1.8.1(022108.7*kWh)\r\nC.1(5)\r\n!\r\n";
	g = run_opts(s, strlen(s), pfx);
	CHECK_INT(g.n, 2);
	CHECK_STR(g.id[0], "1-0:1.8.1*255");
	CHECK_STR(g.id[1], "C.1");
}

static void
test_limits(void)
{
	static struct d0_dec d;
	char *big = malloc(D0_TELEGRAM_MAX + 256);
	struct got g;
	size_t n = 0;

	/* Longer than the buffer: invalid, and the next telegram still decodes. */
	n += (size_t)sprintf(big, "/AAA5X\r\n");
	while (n < D0_TELEGRAM_MAX + 40)
		n += (size_t)sprintf(big + n, "1.8.0(1)\r\n");
	n += (size_t)sprintf(big + n, "!\r\n/BBB5Y\r\n2.8.0(7)\r\n!\r\n");
	g = run_opts(big, n, lenient);
	CHECK_INT(g.frames, 2);
	CHECK_INT(g.status[0], FRAME_INVALID);
	CHECK_INT(g.status[1], FRAME_OK);
	CHECK_INT(g.n, 1);
	CHECK_INT(g.raw[0], 7);
	free(big);

	d0_dec_init(&d);
	CHECK_INT(d0_dec_configure(&d, "obis_prefix", "x"), -1);
	CHECK_INT(d0_dec_configure(&d, "obis_prefix", "1-0:5"), -1);
	CHECK_INT(d0_dec_configure(&d, "obis_prefix", "1-0"), 0);
	CHECK_INT(d0_dec_configure(&d, "obis_prefix", ""), 0);
	CHECK_INT(d0_dec_configure(&d, "lenient_crc", "yes"), -1);
	CHECK_INT(d0_dec_configure(&d, "kermit", "1"), -1);
	CHECK_INT(d0_dec_configure(&d, "require_bcc", "1"), 0);

	/* Junk is counted, not reported as frames. */
	d0_dec_init(&d);
	CHECK_INT(d0_dec_push(&d, (const uint8_t *)"xx\r\nyy\r\n", 8), 8);
	CHECK_INT(d0_dec_event(&d), DEC_NONE);
	CHECK_INT(d.discarded, 8);

	CHECK(d0_detect((const uint8_t *)"/ISk5MT174-0001\r\n\x02" "1.8.0(1)\r\n", 28) > 50);
	CHECK_INT(d0_detect((const uint8_t *)"\x1b\x1b\x1b\x1b\x01\x01\x01\x01", 8), 0);
}

/* ------------------------------------------------------------ session */

struct line {
	struct d0_sess s;
	uint64_t       now;
	uint8_t        sent[64];
	size_t         sent_len;
	uint32_t       baud;
	int            frames, readings, done, failed, bauds, sends;
	enum frame_status last_status;
};

static void
drain_sess(struct line *l)
{
	enum d0_sess_event ev;

	while ((ev = d0_sess_event(&l->s)) != D0_SESS_NONE) {
		switch (ev) {
		case D0_SESS_BAUD:
			l->baud = d0_sess_baud(&l->s);
			l->bauds++;
			break;
		case D0_SESS_SEND:
			l->sent_len = d0_sess_tx(&l->s, l->sent, sizeof(l->sent), l->now);
			l->sends++;
			break;
		case D0_SESS_FRAME:
			l->frames++;
			l->last_status = d0_sess_frame(&l->s)->status;
			break;
		case D0_SESS_READING:
			l->readings++;
			break;
		case D0_SESS_DONE:
			l->done++;
			break;
		case D0_SESS_FAILED:
			l->failed++;
			break;
		case D0_SESS_NONE:
			break;
		}
	}
}

static void
at(struct line *l, uint64_t t)
{
	l->now = t;
	d0_sess_tick(&l->s, t);
	drain_sess(l);
}

static void
rx(struct line *l, uint64_t t, const void *p, size_t n)
{
	const uint8_t *b = p;

	l->now = t;
	while (n > 0) {
		size_t k = d0_sess_rx(&l->s, b, n, t);
		b += k;
		n -= k;
		drain_sess(l);
	}
	d0_sess_tick(&l->s, t);
	drain_sess(l);
}

static void
test_session_handshake(void)
{
	static struct line l;
	char data[256];
	size_t n = readout(data, "/ISk5MT174-0001", "1-0:1.8.0*255(0008048.375*kWh)\r\n!\r\n");

	d0_sess_init(&l.s, NULL);
	CHECK(d0_sess_deadline(&l.s) == D0_SESS_NEVER);
	d0_sess_start(&l.s, 0);
	drain_sess(&l);
	CHECK_INT(l.baud, 300);
	CHECK_INT(l.sends, 1);
	CHECK_INT(l.sent_len, 5);
	CHECK(memcmp(l.sent, "/?!\r\n", 5) == 0);
	/* Identification (after the head's echo of the request) at 400 ms. */
	rx(&l, 400, "/?!\r\n", 5);
	rx(&l, 420, data, 17);
	CHECK_INT(l.sends, 1);
	/* "ISk": lower-case third letter, 20 ms reaction time. */
	CHECK(d0_sess_deadline(&l.s) == 440);
	at(&l, 439);
	CHECK_INT(l.sends, 1);
	at(&l, 440);
	CHECK_INT(l.sends, 2);
	CHECK_INT(l.sent_len, 6);
	CHECK(memcmp(l.sent, "\x06" "050\r\n", 6) == 0);
	/* 250 ms later the port switches to 9600. */
	CHECK(d0_sess_deadline(&l.s) == 690);
	rx(&l, 500, "\x06" "050\r\n", 6); /* the ACK's echo, still at 300 Bd */
	at(&l, 689);
	CHECK_INT(l.baud, 300);
	at(&l, 690);
	CHECK_INT(l.baud, 9600);
	CHECK_INT(l.bauds, 2);
	/* Noise from the switch, then the data block. */
	rx(&l, 800, "\x7f\x00", 2);
	rx(&l, 900, data + 17, n - 17);
	CHECK_INT(l.frames, 1);
	CHECK_INT(l.last_status, FRAME_OK);
	CHECK_INT(l.readings, 1);
	CHECK_INT(l.done, 1);
	CHECK_INT(l.failed, 0);
	CHECK_INT(d0_sess_stats(&l.s)->readouts, 1);
	CHECK_INT(d0_sess_stats(&l.s)->signons, 1);
	CHECK(d0_sess_deadline(&l.s) == D0_SESS_NEVER);
}

/*
 * The real Iskra MT174 capture (identification, the head's echo of our ACK,
 * 9.5 KB of data at 9600 Bd) through the session, in 64-byte reads.
 */
static void
test_session_capture(void)
{
	static struct line l;
	char path[4096];
	const char *fx = getenv("FIXTURES");
	uint8_t *p;
	size_t n, ident, k;
	uint64_t t = 3000;

	snprintf(path, sizeof(path), "%s/d0/smartmeter-obis__ISk_MT174_modeC_ack.txt",
	         fx ? fx : "tests/fixtures");
	p = fixture_load(path, &n);
	CHECK(p != NULL);
	if (p == NULL)
		return;
	for (ident = 0; ident < n && p[ident] != '\n'; ident++)
		;
	ident++;
	memset(&l, 0, sizeof(l));
	d0_sess_init(&l.s, NULL);
	d0_sess_start(&l.s, 0);
	drain_sess(&l);
	rx(&l, 400, p, ident);
	at(&l, 420);
	CHECK(memcmp(l.sent, "\x06" "050\r\n", 6) == 0);
	at(&l, 670);
	CHECK_INT(l.baud, 9600);
	for (k = ident; k < n; k += 64, t += 60)
		rx(&l, t, p + k, n - k < 64 ? n - k : 64);
	CHECK_INT(l.frames, 1);
	CHECK_INT(l.last_status, FRAME_OK);
	CHECK_INT(l.readings, 405);
	CHECK_INT(l.done, 1);
	CHECK_INT(d0_sess_stats(&l.s)->timeouts, 0);
	free(p);
}

static void
test_session_retry(void)
{
	static struct line l;
	struct d0_sess_config cfg;
	char data[256];
	size_t n = readout(data, "/LGZ5ZMD", "1.8.0(1*kWh)\r\n2.8.0(2*kWh)\r\n!\r\n");

	d0_sess_config_default(&cfg);
	memcpy(cfg.address, "12345678", 9);
	cfg.max_baud = 4800;
	cfg.retries = 3;
	memset(&l, 0, sizeof(l));
	d0_sess_init(&l.s, &cfg);
	d0_sess_start(&l.s, 1000);
	l.now = 1000;
	drain_sess(&l);
	CHECK_INT(l.sent_len, 13);
	CHECK(memcmp(l.sent, "/?12345678!\r\n", 13) == 0);
	/* No answer: 13 characters at 300 Bd (434 ms) + 1500 ms. */
	CHECK(d0_sess_deadline(&l.s) == 1000 + 434 + 1500);
	at(&l, 2933);
	CHECK_INT(l.sends, 1);
	at(&l, 2934);
	CHECK_INT(d0_sess_stats(&l.s)->timeouts, 1);
	CHECK_INT(l.sends, 1);
	/* Bytes during the quiet pause restart it. */
	rx(&l, 3000, "zz", 2);
	CHECK(d0_sess_deadline(&l.s) == 4500);
	at(&l, 4500);
	CHECK_INT(l.sends, 2);
	CHECK_INT(d0_sess_stats(&l.s)->signons, 2);
	CHECK_INT(l.baud, 300);
	/* Garbage, then the identification; 9600 offered, 4800 allowed. */
	rx(&l, 4700, "\xff\x13garbage\r\n", 10);
	rx(&l, 4800, data, 10);
	at(&l, 5000);
	CHECK_INT(l.sends, 3);
	CHECK(memcmp(l.sent, "\x06" "040\r\n", 6) == 0);
	at(&l, 5250);
	CHECK_INT(l.baud, 4800);
	/* A readout whose STX was lost is not taken without its BCC. */
	rx(&l, 5300, data + 11, n - 11);
	CHECK_INT(l.frames, 1);
	CHECK_INT(l.last_status, FRAME_INVALID);
	CHECK_INT(l.readings, 0);
	CHECK_INT(d0_sess_stats(&l.s)->bad_frames, 1);
	at(&l, 5300 + 1500);
	CHECK_INT(l.baud, 300);
	CHECK_INT(l.sends, 4);
	/* Third attempt: a damaged readout, caught by the BCC. */
	rx(&l, 7000, data, 10);
	at(&l, 7200);
	CHECK_INT(l.sends, 5);
	at(&l, 7450);
	CHECK_INT(l.baud, 4800);
	data[15] ^= 0x04;
	rx(&l, 7500, data + 10, n - 10);
	data[15] ^= 0x04;
	CHECK_INT(l.frames, 2);
	CHECK_INT(l.last_status, FRAME_CRC_ERROR);
	CHECK_INT(l.readings, 0);
	CHECK_INT(l.done, 0);
	CHECK_INT(d0_sess_stats(&l.s)->bad_frames, 2);
	at(&l, 7500 + 1500);
	CHECK_INT(l.baud, 300);
	CHECK_INT(l.sends, 6);
	/* Fourth and last attempt: the meter goes silent in the middle. */
	rx(&l, 9100, data, 10);
	at(&l, 9300);
	at(&l, 9550);
	rx(&l, 9600, data + 10, 8);
	at(&l, 11099);
	CHECK_INT(l.failed, 0);
	at(&l, 11100);
	CHECK_INT(l.failed, 1);
	CHECK_STR(d0_sess_error(&l.s), "the meter stopped sending");
	CHECK_INT(d0_sess_stats(&l.s)->timeouts, 2);
	CHECK_INT(d0_sess_stats(&l.s)->signons, 4);
	/* A new readout works normally. */
	d0_sess_start(&l.s, 20000);
	l.now = 20000;
	drain_sess(&l);
	rx(&l, 20300, data, 10);
	at(&l, 20500);
	at(&l, 20750);
	rx(&l, 20900, data + 10, n - 10);
	CHECK_INT(l.done, 1);
	CHECK_INT(l.readings, 2);
	CHECK(d0_sess_error(&l.s) == NULL);
}

static void
test_session_modes(void)
{
	static struct line l;
	const char *b = "/SIEC2WR5\r\n6.8(0029.055*MWh)!\r\n";
	const char *a = "/ABC:X\r\n1.8.0(4)\r\n!\r\n";

	/* Mode B: the meter switches by itself; no ACK. */
	memset(&l, 0, sizeof(l));
	d0_sess_init(&l.s, NULL);
	d0_sess_start(&l.s, 0);
	drain_sess(&l);
	rx(&l, 300, b, 11);
	CHECK_INT(l.baud, 2400);
	CHECK_INT(l.sends, 1);
	rx(&l, 600, b + 11, strlen(b) - 11);
	CHECK_INT(l.done, 1);
	CHECK_INT(l.readings, 1);

	/* Mode A: everything at 300 Bd, right after the identification. */
	memset(&l, 0, sizeof(l));
	d0_sess_init(&l.s, NULL);
	d0_sess_start(&l.s, 0);
	drain_sess(&l);
	rx(&l, 300, a, strlen(a));
	CHECK_INT(l.baud, 300);
	CHECK_INT(l.bauds, 1);
	CHECK_INT(l.sends, 1);
	CHECK_INT(l.done, 1);
	CHECK_INT(l.readings, 1);

	/* No retries configured: the first timeout fails the readout. */
	{
		struct d0_sess_config cfg;
		d0_sess_config_default(&cfg);
		cfg.retries = 0;
		memset(&l, 0, sizeof(l));
		d0_sess_init(&l.s, &cfg);
		d0_sess_start(&l.s, 0);
		drain_sess(&l);
		at(&l, 10000);
		CHECK_INT(l.failed, 1);
		CHECK_STR(d0_sess_error(&l.s), "no identification from the meter");
	}
}

int
main(void)
{
	test_ident();
	test_values();
	test_ids();
	test_line_is_data();
	test_iter_values();
	test_iter_reading();
	test_scan_run();
	test_readout_bcc();
	test_long_runs();
	test_push_and_quirks();
	test_lost_start();
	test_restart_and_truncation();
	test_limits();
	test_session_handshake();
	test_session_capture();
	test_session_retry();
	test_session_modes();
	TEST_END();
}
