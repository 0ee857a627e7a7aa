/*
 * DSMR P1: framing and CRC cases, time stamps, and the objects DSMR adds
 * (M-Bus readings, power failure log, Belgian history, DSMR 2.2 profiles).
 * Telegrams are built here with their CRC computed by crc16_arc(), so each
 * case changes exactly one thing. Split invariance, truncation and bit
 * flips over the captures are in test_stream.c; their values in
 * test_golden_dsmr.py.
 */
#include <stdlib.h>

#include "meterd/crc.h"
#include "meterd/dsmr.h"
#include "unit.h"

#define MAXR 48

struct got {
	int               frames;
	enum frame_status status[8];
	uint64_t          offset[8];
	uint32_t          length[8];
	int               n;
	char              id[MAXR][READING_ID_MAX];
	int               type[MAXR];
	long long         raw[MAXR];
	int               scaler[MAXR];
	char              unit[MAXR][READING_UNIT_MAX];
	char              text[MAXR][64];
	int               index[MAXR];
	int               time_kind[MAXR];
	long long         time[MAXR];
	int               offset_min[MAXR];
};

static struct got
run_opts(const void *p, size_t len, const char *opt)
{
	static struct dsmr_dec d;
	struct got g;
	const uint8_t *b = p;
	enum dec_event ev;
	bool fin = false;

	memset(&g, 0, sizeof(g));
	dsmr_dec_init(&d);
	if (opt != NULL)
		CHECK_INT(dsmr_dec_configure(&d, opt, "1"), 0);
	for (;;) {
		size_t n = dsmr_dec_push(&d, b, len);
		b += n;
		len -= n;
		if (len == 0 && !fin && n == 0) {
			dsmr_dec_finish(&d);
			fin = true;
		}
		while ((ev = dsmr_dec_event(&d)) != DEC_NONE) {
			if (ev == DEC_FRAME) {
				const struct frame_info *f = dsmr_dec_frame(&d);
				if (g.frames < 8) {
					g.status[g.frames] = f->status;
					g.offset[g.frames] = f->offset;
					g.length[g.frames] = f->length;
				}
				g.frames++;
			} else if (g.n < MAXR) {
				const struct reading *r = dsmr_dec_reading(&d);
				int k = g.n++;
				snprintf(g.id[k], sizeof(g.id[k]), "%s", r->id);
				g.type[k] = r->type;
				g.raw[k] = r->raw;
				g.scaler[k] = r->scaler;
				snprintf(g.unit[k], sizeof(g.unit[k]), "%s", r->unit);
				snprintf(g.text[k], sizeof(g.text[k]), "%.*s", (int)r->text_len,
				         r->text ? (const char *)r->text : "");
				g.index[k] = r->index;
				g.time_kind[k] = r->time_kind;
				g.time[k] = r->time;
				g.offset_min[k] = (r->has & READING_HAS_UTC_OFFSET) ? r->utc_offset : -1;
			}
		}
		if (fin && len == 0)
			break;
	}
	return g;
}

static struct got
run(const char *s)
{
	return run_opts(s, strlen(s), NULL);
}

/* "/ident\r\n\r\n" body "!" CRC "\r\n" with the right CRC (fmt "%04X" etc.). */
static size_t
telegram(char *out, const char *ident, const char *body, const char *crcfmt)
{
	size_t n = (size_t)sprintf(out, "%s\r\n\r\n%s!", ident, body);
	uint16_t crc = crc16_arc((const uint8_t *)out, n);

	n += (size_t)sprintf(out + n, crcfmt, crc);
	return n;
}

static void
test_crc(void)
{
	char buf[512];
	const char *body = "1-0:1.8.1(000004.426*kWh)\r\n0-0:96.13.0()\r\n";
	size_t n = telegram(buf, "/ISk5\\2MT382-1000", body, "%04X\r\n");
	struct got g = run_opts(buf, n, NULL);
	int k;

	CHECK_INT(g.frames, 1);
	CHECK_INT(g.status[0], FRAME_OK);
	CHECK_INT(g.offset[0], 0);
	CHECK_INT(g.length[0], n - 2); /* '/' to the last CRC digit */
	CHECK_INT(g.n, 2);
	CHECK_STR(g.id[0], "1-0:1.8.1*255");
	CHECK_INT(g.raw[0], 4426);
	CHECK_INT(g.scaler[0], -3);
	CHECK_STR(g.unit[0], "kWh");
	CHECK_INT(g.type[1], READING_TEXT);
	CHECK_STR(g.text[1], "");

	/* Without the final CR LF: the fourth digit ends the telegram. */
	g = run_opts(buf, n - 2, NULL);
	CHECK_INT(g.status[0], FRAME_OK);
	CHECK_INT(g.n, 2);

	/* Lower-case hex. */
	n = telegram(buf, "/ISk5\\2MT382-1000", body, "%04x\r\n");
	g = run_opts(buf, n, NULL);
	CHECK_INT(g.status[0], FRAME_OK);

	/* A changed digit: CRC error, values only when lenient. */
	buf[24] = buf[24] == '1' ? '2' : '1';
	g = run_opts(buf, n, NULL);
	CHECK_INT(g.frames, 1);
	CHECK_INT(g.status[0], FRAME_CRC_ERROR);
	CHECK_INT(g.n, 0);
	g = run_opts(buf, n, "lenient_crc");
	CHECK_INT(g.status[0], FRAME_CRC_ERROR);
	CHECK_INT(g.n, 2);

	/*
	 * A CRC below 0x1000 sent without its leading zero ("!B9F", NWA heat
	 * interface): vary a digit until the CRC is that small.
	 */
	for (k = 0; k < 100000; k++) {
		char b2[64];
		sprintf(b2, "0-1:24.2.1(260215200523W)(%07d*GJ)\r\n", k);
		n = telegram(buf, "/NWA-WARMTELINK", b2, "%X\r\n");
		if (buf[n - 5] == '!')
			break;
	}
	CHECK(buf[n - 5] == '!');
	g = run_opts(buf, n, NULL);
	CHECK_INT(g.status[0], FRAME_OK);
	CHECK_INT(g.n, 1);
	CHECK_STR(g.unit[0], "GJ");
	/* ... and at the very end of the input. */
	g = run_opts(buf, n - 2, NULL);
	CHECK_INT(g.status[0], FRAME_OK);

	/* DSMR 2.2: bare '!', no CRC; rejected when a CRC is required. */
	g = run("/XMX5XMXABCE000012345\r\n\r\n1-0:1.8.1(11667.440*kWh)\r\n!\r\n");
	CHECK_INT(g.status[0], FRAME_OK);
	CHECK_INT(g.n, 1);
	g = run("/XMX5XMXABCE000012345\r\n\r\n1-0:1.8.1(11667.440*kWh)\r\n!");
	CHECK_INT(g.status[0], FRAME_OK);
	{
		const char *s = "/XMX5XMXABCE000012345\r\n\r\n1-0:1.8.1(11667.440*kWh)\r\n!\r\n";
		g = run_opts(s, strlen(s), "require_crc");
		CHECK_INT(g.status[0], FRAME_INVALID);
		CHECK_INT(g.n, 0);
	}
}

static void
test_restart(void)
{
	char buf[1024];
	size_t n = (size_t)sprintf(buf, "\r\n/ISK5\\2M550T-1012\r\n\r\n1-3:0.2.8(50)\r\n1-0:32.32.0(0\r\n");
	size_t first = n;
	struct got g;

	n += telegram(buf + n, "/ISK5\\2M550T-1012", "1-0:32.32.0(00004)\r\n", "%04X\r\n");
	/* telegram() computed the CRC over buf + first only. */
	g = run_opts(buf, n, "lenient_crc");
	CHECK_INT(g.frames, 2);
	CHECK_INT(g.status[0], FRAME_TRUNCATED);
	CHECK_INT(g.offset[0], 2);
	CHECK_INT(g.status[1], FRAME_OK);
	CHECK_INT(g.offset[1], first);
	CHECK_INT(g.n, 1); /* nothing from the fragment, even when lenient */
	CHECK_INT(g.raw[0], 4);

	/* A '/' inside a value (text message) is not a new telegram. */
	n = telegram(buf, "/KFM5KAIFA-METER", "0-0:96.13.0(a/b\r\n/c)\r\n1-0:1.7.0(00.1*kW)\r\n",
	             "%04X\r\n");
	g = run_opts(buf, n, NULL);
	/* A line break ends the group, so "/c)" starts a line: a cut-off telegram. */
	CHECK_INT(g.frames, 1);
	CHECK_INT(g.status[0], FRAME_TRUNCATED);
	n = telegram(buf, "/KFM5KAIFA-METER", "0-0:96.13.0(a/b/c)\r\n1-0:1.7.0(00.1*kW)\r\n",
	             "%04X\r\n");
	g = run_opts(buf, n, NULL);
	CHECK_INT(g.frames, 1);
	CHECK_INT(g.status[0], FRAME_OK);
	CHECK_STR(g.text[0], "a/b/c");

	/* No '!' before the end of input: truncated; values only when lenient. */
	g = run("/ISk5\\2MT382-1003\r\n\r\n1-0:1.8.1(39837.604*kWh)\r\n0-1:24.4.0(1)\r\n");
	CHECK_INT(g.status[0], FRAME_TRUNCATED);
	CHECK_INT(g.n, 0);
	{
		const char *s = "/ISk5\\2MT382-1003\r\n\r\n1-0:1.8.1(39837.604*kWh)\r\n0-1:24.4.0(1)\r\n";
		g = run_opts(s, strlen(s), "lenient_crc");
		CHECK_INT(g.n, 2);
	}

	/* Junk and a broken identification before a good telegram. */
	n = (size_t)sprintf(buf, "\xff\x01garbage\r\n/12\r\n");
	first = n;
	n += telegram(buf + n, "/Ene5\\T210-D ESMR5.0", "1-0:1.7.0(00.5*kW)\r\n", "%04X");
	g = run_opts(buf, n, NULL);
	CHECK_INT(g.frames, 1);
	CHECK_INT(g.offset[0], first);
	CHECK_INT(g.status[0], FRAME_OK);
}

static void
test_time(void)
{
	int64_t t;
	int16_t off;

	CHECK(dsmr_time_parse((const uint8_t *)"200512135409S", 13, &t, &off));
	CHECK_INT(t, 1589291649);
	CHECK_INT(off, 120);
	CHECK(dsmr_time_parse((const uint8_t *)"000101000001W", 13, &t, &off));
	CHECK_INT(t, 946684801);
	CHECK_INT(off, 60);
	CHECK(dsmr_time_parse((const uint8_t *)"700101010000W", 13, &t, &off));
	CHECK_INT(t, 3155763600LL);
	CHECK(dsmr_time_parse((const uint8_t *)"200229000000", 12, &t, &off));
	CHECK_INT(t, 1582934400);
	CHECK_INT(off, 0);
	CHECK(!dsmr_time_parse((const uint8_t *)"210229000000W", 13, &t, &off));
	CHECK(!dsmr_time_parse((const uint8_t *)"632525252525S", 13, &t, &off));
	CHECK(!dsmr_time_parse((const uint8_t *)"250000000000W", 13, &t, &off));
	CHECK(!dsmr_time_parse((const uint8_t *)"123412341234W", 13, &t, &off));
	CHECK(!dsmr_time_parse((const uint8_t *)"200512135409X", 13, &t, &off));
	CHECK(!dsmr_time_parse((const uint8_t *)"2005121354S", 11, &t, &off));
	CHECK(!dsmr_time_parse((const uint8_t *)"20051213540aS", 13, &t, &off));
}

static void
test_objects(void)
{
	char buf[2048];
	size_t n = telegram(
		buf, "/FLU5\\253769484_A",
		"0-0:1.0.0(200512135409S)\r\n"
		"1-0:99.97.0(2)(0-0:96.7.19)(180417201458S)(0000000236*s)(000101000001W)(2147583646*s)\r\n"
		"1-0:1.6.0(200509134558S)(02.589*kW)\r\n"
		"0-0:98.1.0(1)(1-0:1.6.0)(1-0:1.6.0)(200501000000S)(200423192538S)(03.695*kW)\r\n"
		"0-1:24.2.3(200512134558S)(00112.384*m3)\r\n"
		"0-2:24.2.1(632525252525S)(00000.000)\r\n"
		"1-1:31.4.0(100*A)(-063*A)\r\n"
		"0-0:1.0.0(123412341234W)\r\n",
		"%04X\r\n");
	struct got g = run_opts(buf, n, NULL);

	CHECK_INT(g.status[0], FRAME_OK);
	CHECK_INT(g.n, 16);
	/* Telegram time: a text reading with the stamp's time. */
	CHECK_STR(g.id[0], "0-0:1.0.0*255");
	CHECK_INT(g.type[0], READING_TEXT);
	CHECK_STR(g.text[0], "200512135409S");
	CHECK_INT(g.time_kind[0], READING_TIME_LOCAL);
	CHECK_INT(g.time[0], 1589291649);
	CHECK_INT(g.offset_min[0], 120);
	/* Power failure log: count, OBIS text, then (end)(duration) pairs. */
	CHECK_STR(g.id[1], "1-0:99.97.0*255");
	CHECK_INT(g.raw[1], 2);
	CHECK_STR(g.text[2], "0-0:96.7.19");
	CHECK_INT(g.index[2], 1);
	CHECK_INT(g.raw[3], 236);
	CHECK_STR(g.unit[3], "s");
	CHECK_INT(g.index[3], 3);
	CHECK_INT(g.offset_min[3], 120);
	CHECK_INT(g.raw[4], 2147583646LL); /* > 2^31 */
	CHECK_INT(g.time[4], 946684801);
	CHECK_INT(g.offset_min[4], 60);
	CHECK_INT(g.index[4], 5);
	/* Maximum demand with its time. */
	CHECK_STR(g.id[5], "1-0:1.6.0*255");
	CHECK_INT(g.raw[5], 2589);
	CHECK_INT(g.index[5], 1);
	CHECK_INT(g.time_kind[5], READING_TIME_LOCAL);
	/* Belgian history: count, two OBIS texts, the month start stamp, the peak. */
	CHECK_STR(g.id[6], "0-0:98.1.0*255");
	CHECK_STR(g.text[9], "200501000000S");
	CHECK_INT(g.time_kind[9], READING_TIME_LOCAL);
	CHECK_INT(g.raw[10], 3695);
	CHECK_INT(g.index[10], 5);
	CHECK_INT(g.offset_min[10], 120);
	/* M-Bus gas: one reading with unit and time. */
	CHECK_STR(g.id[11], "0-1:24.2.3*255");
	CHECK_INT(g.raw[11], 112384);
	CHECK_STR(g.unit[11], "m3");
	CHECK_INT(g.time_kind[11], READING_TIME_LOCAL);
	/* Invalid stamp: the value stays, without time. */
	CHECK_STR(g.id[12], "0-2:24.2.1*255");
	CHECK_INT(g.raw[12], 0);
	CHECK_INT(g.time_kind[12], READING_TIME_NONE);
	/* Luxembourg limiter: two values, one negative. */
	CHECK_INT(g.raw[13], 100);
	CHECK_INT(g.raw[14], -63);
	CHECK_INT(g.index[14], 1);
	/* An invalid telegram time: the text as sent, no time. */
	CHECK_STR(g.text[15], "123412341234W");
	CHECK_INT(g.time_kind[15], READING_TIME_NONE);
}

/* Equipment ids sent as hex-encoded text are decoded; anything else stays as sent. */
static void
test_equipment(void)
{
	char body[1024], buf[2048], longid[2 * 70 + 1], badid[2 * 70 + 1];
	size_t i, n;
	struct got g;

	for (i = 0; i < 70; i++)
		memcpy(longid + 2 * i, "41", 2); /* 70 'A': more than the one-pass buffer */
	longid[140] = '\0';
	memcpy(badid, longid, sizeof(badid));
	badid[139] = 'G';
	snprintf(body, sizeof(body),
	         "0-0:96.1.1(4530303434303037313331363530363138)\r\n"
	         "0-1:96.1.0(4b384547)\r\n"
	         "0-0:96.1.2(1F1F)\r\n"
	         "0-0:42.0.0(45A)\r\n"
	         "0-2:96.1.0(%s)\r\n"
	         "0-3:96.1.0(%s)\r\n"
	         "1-0:96.1.0(4530)\r\n",
	         longid, badid);
	n = telegram(buf, "/ISK5\\2M550T-1011", body, "%04X\r\n");
	g = run_opts(buf, n, NULL);
	CHECK_INT(g.status[0], FRAME_OK);
	CHECK_INT(g.n, 7);
	CHECK_STR(g.text[0], "E0044007131650618");
	CHECK_INT(g.type[0], READING_TEXT);
	CHECK_INT(g.raw[0], 0);
	CHECK_STR(g.text[1], "K8EG");
	CHECK_STR(g.text[2], "1F1F"); /* not printable */
	CHECK_STR(g.text[3], "45A");  /* odd */
	CHECK(strspn(g.text[4], "A") == 63);
	CHECK(strncmp(g.text[5], badid, 63) == 0);
	CHECK_STR(g.text[6], ""); /* not an equipment id: a number */
	CHECK_INT(g.raw[6], 4530);

	/* The printable range's edges: 0x20 and 0x7e decode, 0x7f and 0xa1 do not. */
	n = telegram(buf, "/ISK5\\2M550T-1011",
	             "0-0:96.1.1(207E2a7e)\r\n"
	             "0-1:96.1.0(417F)\r\n"
	             "0-2:96.1.0(41A1)\r\n"
	             "0-3:96.1.0(4g41)\r\n"
	             "0-4:96.1.0(418a)\r\n",
	             "%04X\r\n");
	g = run_opts(buf, n, NULL);
	CHECK_INT(g.status[0], FRAME_OK);
	CHECK_INT(g.n, 5);
	CHECK_STR(g.text[0], " ~*~");
	CHECK_STR(g.text[1], "417F");
	CHECK_STR(g.text[2], "41A1");
	CHECK_STR(g.text[3], "4g41");
	CHECK_STR(g.text[4], "418a");
}

static void
test_profile(void)
{
	struct got g = run("/ISk5\\2MT382-1004\r\n\r\n"
	                   "0-1:24.1.0(3)\r\n"
	                   "0-1:24.3.0(161107190000)(00)(60)(1)(0-1:24.2.1)(m3)\r\n"
	                   "(00001.001)\r\n"
	                   "0-1:24.4.0(1)\r\n!\r\n");

	CHECK_INT(g.status[0], FRAME_OK);
	CHECK_INT(g.n, 9);
	CHECK_STR(g.id[1], "0-1:24.3.0*255");
	CHECK_INT(g.raw[1], 161107190000LL);
	CHECK_INT(g.raw[3], 60);
	CHECK_STR(g.text[5], "0-1:24.2.1");
	CHECK_STR(g.id[7], "0-1:24.3.0*255");
	CHECK_INT(g.index[7], 6);
	CHECK_INT(g.raw[7], 1001);
	CHECK_INT(g.scaler[7], -3);
	CHECK_STR(g.unit[7], "m3");
	CHECK_INT(g.time_kind[7], READING_TIME_LOCAL);
	CHECK_INT(g.offset_min[7], -1); /* DSMR 2.2 sends no W/S */
	CHECK_STR(g.id[8], "0-1:24.4.0*255");
}

/*
 * A telegram longer than the runs the framer copies and checksums at once,
 * with '/' and '!' inside a value in the middle and at the end: the same
 * frame and values whole and in chunks that cut the runs anywhere.
 */
static void
test_long_runs(void)
{
	static const size_t chunks[] = {0, 1, 7, 64, 511, 513};
	char body[2048], tg[2400];
	size_t n = 0, len, c;
	int i;

	for (i = 0; i < 40; i++) {
		if (i == 21)
			n += (size_t)sprintf(body + n, "0-0:96.13.0(a/b!c)\r\n");
		n += (size_t)sprintf(body + n, "1-0:1.8.1(%06d.456*kWh)\r\n", i);
	}
	n += (size_t)sprintf(body + n, "0-0:96.13.1(/!)\r\n");
	len = telegram(tg, "/ISK5\\2M550T-1012", body, "%04X\r\n");
	for (c = 0; c < sizeof(chunks) / sizeof(chunks[0]); c++) {
		static struct dsmr_dec d;
		const uint8_t *p = (const uint8_t *)tg;
		size_t left = len, ok = 0, values = 0, texts = 0;
		enum dec_event ev;

		dsmr_dec_init(&d);
		for (;;) {
			size_t k = chunks[c] == 0 || chunks[c] > left ? left : chunks[c];
			size_t used = dsmr_dec_push(&d, p, k);
			p += used;
			left -= used;
			if (left == 0)
				dsmr_dec_finish(&d);
			while ((ev = dsmr_dec_event(&d)) != DEC_NONE) {
				if (ev == DEC_FRAME) {
					ok += dsmr_dec_frame(&d)->status == FRAME_OK;
				} else {
					const struct reading *r = dsmr_dec_reading(&d);
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
test_limits(void)
{
	static struct dsmr_dec d;
	char *big = malloc(DSMR_TELEGRAM_MAX + 512);
	size_t n = 0, second;
	struct got g;

	n += (size_t)sprintf(big, "/AAA5X\r\n\r\n0-0:96.13.0(");
	while (n < DSMR_TELEGRAM_MAX + 40)
		n += (size_t)sprintf(big + n, "41");
	n += (size_t)sprintf(big + n, ")\r\n!0000\r\n");
	second = n;
	n += telegram(big + n, "/BBB5Y", "1-0:1.8.1(7*kWh)\r\n", "%04X\r\n");
	g = run_opts(big, n, "lenient_crc");
	CHECK_INT(g.frames, 2);
	CHECK_INT(g.status[0], FRAME_INVALID);
	CHECK_INT(g.status[1], FRAME_OK);
	CHECK_INT(g.offset[1], second);
	CHECK_INT(g.n, 1);

	/* A '/' line longer than an identification is noise, up to its end or the next '/'. */
	n = (size_t)sprintf(big, "/AAA5");
	while (n < 3 * DATASET_IDENT_MAX)
		n += (size_t)sprintf(big + n, "B");
	n += (size_t)sprintf(big + n, "\r\n");
	second = n;
	n += telegram(big + n, "/BBB5Y", "1-0:1.8.1(7*kWh)\r\n", "%04X\r\n");
	n += (size_t)sprintf(big + n, "/CCC5CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC");
	n += telegram(big + n, "/DDD5Z", "1-0:1.8.1(8*kWh)\r\n", "%04X\r\n");
	g = run_opts(big, n, NULL);
	CHECK_INT(g.frames, 2);
	CHECK_INT(g.status[0], FRAME_OK);
	CHECK_INT(g.offset[0], second);
	CHECK_INT(g.status[1], FRAME_OK);
	CHECK_INT(g.n, 2);
	CHECK_INT(g.raw[1], 8);

	/* A '/' inside an identification line starts it again. */
	n = (size_t)sprintf(big, "/EEE5");
	n += telegram(big + n, "/FFF5Z", "1-0:1.8.1(9*kWh)\r\n", "%04X\r\n");
	g = run_opts(big, n, NULL);
	CHECK_INT(g.frames, 1);
	CHECK_INT(g.status[0], FRAME_OK);
	CHECK_INT(g.offset[0], 5);
	CHECK_INT(g.raw[0], 9);
	free(big);

	dsmr_dec_init(&d);
	CHECK_INT(dsmr_dec_configure(&d, "require_crc", "1"), 0);
	CHECK_INT(dsmr_dec_configure(&d, "lenient_crc", "x"), -1);
	CHECK_INT(dsmr_dec_configure(&d, "ignore_bcc", "1"), -1);

	CHECK(dsmr_detect((const uint8_t *)"/ISK5\\2M550T-1012\r\n\r\n1-3:0.2.8(50)\r\n!9DF0\r\n",
	                  42) > 60);
	CHECK_INT(dsmr_detect((const uint8_t *)"/ESY5Q3DB1024 V3.04\r\n\r\n1-0:1.8.0*255(1)\r\n", 40),
	          0);
}

int
main(void)
{
	test_crc();
	test_restart();
	test_time();
	test_objects();
	test_equipment();
	test_profile();
	test_long_runs();
	test_limits();
	TEST_END();
}
