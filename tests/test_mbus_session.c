/*
 * The M-Bus master session driven by a fake clock: link reset, REQ_UD2 with
 * FCB toggling, multi-telegram read-outs, secondary addressing, and the
 * failures (no reply, garbage, wrong checksum, wrong meter, echo, application
 * error, telegram limit). No sleeping: time is a number we move.
 */
#include <stdio.h>
#include <string.h>

#include "meterd/mbus_session.h"
#include "unit.h"

struct h {
	struct mbus_ses s;
	uint64_t now;
	uint8_t sent[16][32];
	size_t sent_len[16];
	int nsent, telegrams, readings, done, failed;
	char ids[32][READING_ID_MAX];
	int64_t raw[32];
};

static void
pump(struct h *h)
{
	enum mbus_ses_event ev;

	while ((ev = mbus_ses_event(&h->s)) != MBUS_SES_NONE) {
		switch (ev) {
		case MBUS_SES_SEND:
			if (h->nsent < 16) {
				h->sent_len[h->nsent] = mbus_ses_tx(&h->s, h->sent[h->nsent],
				                                    sizeof(h->sent[0]), h->now);
				h->nsent++;
			}
			break;
		case MBUS_SES_TELEGRAM:
			h->telegrams++;
			break;
		case MBUS_SES_READING:
			if (h->readings < 32) {
				strcpy(h->ids[h->readings], mbus_ses_reading(&h->s)->id);
				h->raw[h->readings] = mbus_ses_reading(&h->s)->raw;
			}
			h->readings++;
			break;
		case MBUS_SES_DONE:
			h->done++;
			break;
		case MBUS_SES_FAILED:
			h->failed++;
			break;
		default:
			break;
		}
	}
}

static void
rx(struct h *h, const uint8_t *p, size_t n)
{
	int guard = 0;

	while (n > 0 && guard++ < 1000) {
		size_t k = mbus_ses_rx(&h->s, p, n, h->now);
		p += k;
		n -= k;
		pump(h);
	}
	CHECK(n == 0);
}

/* Moves the clock to the session's deadline and lets it act. */
static void
to_deadline(struct h *h)
{
	uint64_t d = mbus_ses_deadline(&h->s);

	CHECK(d != MBUS_SES_NEVER);
	if (d == MBUS_SES_NEVER)
		return;
	/* Just before the deadline nothing may happen. */
	if (d > h->now) {
		int before = h->nsent + h->failed;
		mbus_ses_tick(&h->s, d - 1);
		pump(h);
		CHECK_INT(h->nsent + h->failed, before);
	}
	h->now = d;
	mbus_ses_tick(&h->s, h->now);
	pump(h);
}

static void
start(struct h *h, const struct mbus_ses_config *cfg)
{
	memset(h, 0, sizeof(*h));
	h->now = 1000;
	mbus_ses_init(&h->s, cfg);
	mbus_ses_start(&h->s, h->now);
	pump(h);
}

/* An RSP_UD from address a: long header (id, KAM, heat) and the given records. */
static size_t
rsp(uint8_t a, uint32_t id, const uint8_t *rec, size_t rec_len, uint8_t *out)
{
	uint8_t d[200];
	const uint8_t hdr[12] = {(uint8_t)id,
	                         (uint8_t)(id >> 8),
	                         (uint8_t)(id >> 16),
	                         (uint8_t)(id >> 24),
	                         0x2D,
	                         0x2C,
	                         0x01,
	                         0x04,
	                         0x07,
	                         0,
	                         0,
	                         0};

	memcpy(d, hdr, 12);
	memcpy(d + 12, rec, rec_len);
	return mbus_long_encode(MBUS_C_RSP_UD, a, MBUS_CI_VARIABLE, d, 12 + rec_len, out, 256);
}

static const uint8_t ack[] = {0xE5};
/* energy 10000 kWh; flow temperature 30.0 degC */
static const uint8_t recs[] = {0x04, 0x06, 0x10, 0x27, 0x00, 0x00, 0x02, 0x5A, 0x2C, 0x01};

static void
sent_is(struct h *h, int i, const uint8_t *want, size_t n)
{
	CHECK(i < h->nsent);
	if (i >= h->nsent)
		return;
	CHECK_INT(h->sent_len[i], n);
	CHECK(memcmp(h->sent[i], want, n) == 0);
}

static void
test_primary(void)
{
	struct mbus_ses_config cfg;
	struct h h;
	uint8_t f[256];
	size_t n;
	const uint8_t nke[] = {0x10, 0x40, 0x05, 0x45, 0x16};
	const uint8_t req[] = {0x10, 0x7B, 0x05, 0x80, 0x16};

	mbus_ses_config_primary(&cfg, 5);
	start(&h, &cfg);
	CHECK_INT(h.nsent, 1);
	sent_is(&h, 0, nke, sizeof(nke));
	/* 5 bytes at 2400 baud (23 ms) + 330 bit times (138 ms) + 150 ms margin */
	CHECK_INT(mbus_ses_deadline(&h.s), 1000 + 23 + 138 + 150);
	h.now = 1100;
	rx(&h, ack, 1);
	/* The next request waits 11 bit times (5 ms) after the E5. */
	CHECK_INT(h.nsent, 1);
	CHECK_INT(mbus_ses_deadline(&h.s), 1105);
	to_deadline(&h);
	CHECK_INT(h.nsent, 2);
	sent_is(&h, 1, req, sizeof(req)); /* FCB 1 first after the reset */
	n = rsp(5, 0x12345678, recs, sizeof(recs), f);
	h.now = 1300;
	rx(&h, f, n);
	CHECK_INT(h.telegrams, 1);
	CHECK_INT(h.readings, 2);
	CHECK_STR(h.ids[0], "mbus:0");
	CHECK_INT(h.raw[0], 10000);
	CHECK_STR(h.ids[1], "mbus:1");
	CHECK_INT(h.raw[1], 300);
	CHECK_INT(h.done, 1);
	CHECK_INT(h.failed, 0);
	CHECK_INT(mbus_ses_detail(&h.s)->header.id, 0x12345678);
	CHECK_INT(mbus_ses_stats(&h.s)->requests, 2);
	CHECK_INT(mbus_ses_stats(&h.s)->timeouts, 0);
	CHECK(mbus_ses_deadline(&h.s) == MBUS_SES_NEVER);
	/* A second read-out starts again with a reset. */
	mbus_ses_start(&h.s, h.now);
	pump(&h);
	CHECK_INT(h.nsent, 3);
	sent_is(&h, 2, nke, sizeof(nke));
}

static void
test_no_reply(void)
{
	struct mbus_ses_config cfg;
	struct h h;

	mbus_ses_config_primary(&cfg, 5);
	cfg.retries = 2;
	start(&h, &cfg);
	to_deadline(&h); /* timeout 1: repeat */
	CHECK_INT(h.nsent, 2);
	to_deadline(&h); /* timeout 2: repeat */
	CHECK_INT(h.nsent, 3);
	to_deadline(&h); /* timeout 3: give up */
	CHECK_INT(h.nsent, 3);
	CHECK_INT(h.failed, 1);
	CHECK_STR(mbus_ses_error(&h.s), "no answer");
	CHECK_INT(mbus_ses_stats(&h.s)->timeouts, 3);
	CHECK(mbus_ses_deadline(&h.s) == MBUS_SES_NEVER);
	/* A late answer changes nothing. */
	rx(&h, ack, 1);
	CHECK_INT(h.nsent, 3);
	CHECK_INT(mbus_ses_stats(&h.s)->stray_bytes, 1);
}

/* NKE acknowledged, then REQ_UD2 sent. */
static void
to_request(struct h *h, const struct mbus_ses_config *cfg)
{
	start(h, cfg);
	h->now += 50;
	rx(h, ack, 1);
	to_deadline(h);
	CHECK_INT(h->nsent, 2);
}

static void
test_garbage(void)
{
	struct mbus_ses_config cfg;
	struct h h;
	const uint8_t junk[] = {0xFF, 0x00, 0x55, 0xAA};
	uint8_t f[256];
	size_t n;

	mbus_ses_config_primary(&cfg, 5);
	to_request(&h, &cfg);
	h.now += 100;
	rx(&h, junk, sizeof(junk));
	/* The silence after the junk ends the answer (22 bit times + 50 ms = 60 ms). */
	CHECK_INT(mbus_ses_deadline(&h.s), h.now + 60);
	to_deadline(&h);
	CHECK_INT(mbus_ses_stats(&h.s)->bad_frames, 1);
	to_deadline(&h); /* quiet for another 60 ms, then the repeat */
	CHECK_INT(h.nsent, 3);
	CHECK_INT(h.sent[2][1], 0x7B); /* a repeat keeps the FCB */
	n = rsp(5, 0x12345678, recs, sizeof(recs), f);
	rx(&h, f, n);
	CHECK_INT(h.done, 1);
	CHECK_INT(h.readings, 2);
}

static void
test_bad_checksum(void)
{
	struct mbus_ses_config cfg;
	struct h h;
	uint8_t f[256];
	size_t n;

	mbus_ses_config_primary(&cfg, 5);
	to_request(&h, &cfg);
	n = rsp(5, 0x12345678, recs, sizeof(recs), f);
	f[n - 2] ^= 0x01;
	h.now += 100;
	rx(&h, f, n);
	CHECK_INT(h.readings, 0); /* nothing from a bad frame */
	CHECK_INT(mbus_ses_stats(&h.s)->bad_frames, 1);
	/* More noise while waiting pushes the repeat back. */
	h.now += 30;
	rx(&h, f, 3);
	CHECK_INT(mbus_ses_deadline(&h.s), h.now + 60);
	to_deadline(&h);
	CHECK_INT(h.nsent, 3);
	CHECK_INT(h.sent[2][1], 0x7B);
	f[n - 2] ^= 0x01;
	rx(&h, f, n);
	CHECK_INT(h.done, 1);
	CHECK_INT(h.readings, 2);
}

static void
test_wrong_address_then_fail(void)
{
	struct mbus_ses_config cfg;
	struct h h;
	uint8_t f[256];
	size_t n;

	mbus_ses_config_primary(&cfg, 5);
	cfg.retries = 1;
	to_request(&h, &cfg);
	n = rsp(6, 0x12345678, recs, sizeof(recs), f);
	rx(&h, f, n);
	CHECK_INT(h.readings, 0);
	to_deadline(&h);
	CHECK_INT(h.nsent, 3);
	rx(&h, f, n);
	CHECK_INT(h.failed, 1);
	CHECK_STR(mbus_ses_error(&h.s), "answer from another primary address");

	/* Address 254 (broadcast with reply) takes the answer of whoever is there. */
	mbus_ses_config_primary(&cfg, MBUS_ADDR_BROADCAST_REPLY);
	to_request(&h, &cfg);
	CHECK_INT(h.sent[1][2], 0xFE);
	rx(&h, f, n);
	CHECK_INT(h.done, 1);
	CHECK_INT(h.readings, 2);
}

static void
test_multi_telegram(void)
{
	struct mbus_ses_config cfg;
	struct h h;
	uint8_t f[256], r1[16];
	size_t n;

	mbus_ses_config_primary(&cfg, 5);
	to_request(&h, &cfg);
	memcpy(r1, recs, sizeof(recs));
	r1[sizeof(recs)] = 0x1F; /* more records follow */
	n = rsp(5, 0x12345678, r1, sizeof(recs) + 1, f);
	h.now += 200;
	rx(&h, f, n);
	CHECK_INT(h.telegrams, 1);
	CHECK_INT(h.readings, 3);
	CHECK_INT(h.done, 0);
	to_deadline(&h);
	CHECK_INT(h.nsent, 3);
	CHECK_INT(h.sent[2][1], 0x5B); /* FCB toggled for the next telegram */
	CHECK_INT(h.sent[2][3], (0x5B + 5) & 0xFF);
	n = rsp(5, 0x12345678, recs, sizeof(recs), f);
	rx(&h, f, n);
	CHECK_INT(h.telegrams, 2);
	CHECK_INT(h.readings, 5);
	CHECK_STR(h.ids[3], "mbus:3"); /* numbering continues */
	CHECK_STR(h.ids[4], "mbus:4");
	CHECK_INT(h.done, 1);

	/* The limit on telegrams. */
	cfg.max_telegrams = 1;
	to_request(&h, &cfg);
	n = rsp(5, 0x12345678, r1, sizeof(recs) + 1, f);
	rx(&h, f, n);
	CHECK_INT(h.failed, 1);
	CHECK_STR(mbus_ses_error(&h.s), "more telegrams than max_telegrams");
}

static void
test_secondary(void)
{
	struct mbus_ses_config cfg;
	struct h h;
	uint8_t f[256], sel[32];
	size_t n, sl;
	const uint8_t nke[] = {0x10, 0x40, 0xFD, 0x3D, 0x16};
	const uint8_t req[] = {0x10, 0x7B, 0xFD, 0x78, 0x16};
	const uint8_t selb[8] = {0xFF, 0xFF, 0x34, 0x12, 0xFF, 0xFF, 0xFF, 0xFF};

	mbus_ses_config_primary(&cfg, 0);
	cfg.use_secondary = true;
	cfg.secondary.id = 0x1234FFFF;
	cfg.secondary.manufacturer = 0xFFFF;
	cfg.secondary.version = 0xFF;
	cfg.secondary.medium = 0xFF;
	start(&h, &cfg);
	sent_is(&h, 0, nke, sizeof(nke));
	to_deadline(&h); /* nobody answers the deselect: fine */
	CHECK_INT(h.failed, 0);
	CHECK_INT(mbus_ses_stats(&h.s)->timeouts, 0);
	to_deadline(&h);
	CHECK_INT(h.nsent, 2);
	sl = mbus_long_encode(0x53, 0xFD, 0x52, selb, 8, sel, sizeof(sel));
	sent_is(&h, 1, sel, sl);
	CHECK_INT(sel[sl - 2], (0x53 + 0xFD + 0x52 + 0xFF * 6 + 0x34 + 0x12) & 0xFF);
	h.now += 20;
	rx(&h, ack, 1);
	to_deadline(&h);
	sent_is(&h, 2, req, sizeof(req));
	/* A meter that does not match the selection is refused... */
	n = rsp(0, 0x99345678, recs, sizeof(recs), f);
	rx(&h, f, n);
	CHECK_INT(h.readings, 0);
	CHECK_INT(mbus_ses_stats(&h.s)->bad_frames, 1);
	to_deadline(&h);
	CHECK_INT(h.nsent, 4);
	/* ...the right one (any primary address) is read. */
	n = rsp(0, 0x12349876, recs, sizeof(recs), f);
	rx(&h, f, n);
	CHECK_INT(h.readings, 2);
	CHECK_INT(h.done, 1);

	/* Garbage instead of the E5: several meters matched. */
	start(&h, &cfg);
	to_deadline(&h);
	to_deadline(&h);
	rx(&h, (const uint8_t *)"\xE1\xF5", 2); /* two E5 on top of each other */
	to_deadline(&h);
	CHECK_INT(mbus_ses_stats(&h.s)->bad_frames, 1);
	cfg.retries = 0;
	start(&h, &cfg);
	to_deadline(&h);
	to_deadline(&h);
	rx(&h, (const uint8_t *)"\x13\xE5", 2);
	to_deadline(&h);
	CHECK_INT(h.failed, 1);
	CHECK_STR(mbus_ses_error(&h.s), "no clean E5 to the selection (collision?)");
}

static void
test_echo_and_app_error(void)
{
	struct mbus_ses_config cfg;
	struct h h;
	uint8_t f[64];
	size_t n;
	const uint8_t busy = 8;

	mbus_ses_config_primary(&cfg, 5);
	start(&h, &cfg);
	/* The converter echoes our SND_NKE, then the meter acknowledges. */
	rx(&h, h.sent[0], h.sent_len[0]);
	CHECK_INT(mbus_ses_stats(&h.s)->bad_frames, 0);
	rx(&h, ack, 1);
	to_deadline(&h);
	CHECK_INT(h.nsent, 2);
	n = mbus_long_encode(MBUS_C_RSP_UD, 5, MBUS_CI_APP_ERROR, &busy, 1, f, sizeof(f));
	rx(&h, h.sent[1], h.sent_len[1]);
	rx(&h, f, n);
	CHECK_INT(h.failed, 1);
	CHECK_STR(mbus_ses_error(&h.s), "the meter reported an application error");
	CHECK_INT(mbus_ses_detail(&h.s)->app_error, 8);

	/* Only an echo, then silence: a timeout, not a bad frame. */
	start(&h, &cfg);
	rx(&h, h.sent[0], h.sent_len[0]);
	to_deadline(&h);
	CHECK_INT(mbus_ses_stats(&h.s)->timeouts, 1);
	CHECK_INT(mbus_ses_stats(&h.s)->bad_frames, 0);
}

/* Byte-at-a-time answers give the same result as whole ones. */
static void
test_split_answer(void)
{
	struct mbus_ses_config cfg;
	struct h h;
	uint8_t f[256];
	size_t n, i;

	mbus_ses_config_primary(&cfg, 5);
	to_request(&h, &cfg);
	n = rsp(5, 0x12345678, recs, sizeof(recs), f);
	for (i = 0; i < n; i++) {
		h.now += 5;
		rx(&h, f + i, 1);
	}
	CHECK_INT(h.readings, 2);
	CHECK_INT(h.done, 1);
	CHECK_INT(h.raw[1], 300);
}

/* Without a reset the first request goes out at once (FCB 1); noise after an
 * accepted answer is dropped, and a late answer to nothing changes nothing. */
static void
test_skip_reset_and_noise(void)
{
	struct mbus_ses_config cfg;
	struct h h;
	uint8_t f[300];
	size_t n;
	const uint8_t req[] = {0x10, 0x7B, 0x05, 0x80, 0x16};

	mbus_ses_config_primary(&cfg, 5);
	cfg.skip_reset = true;
	cfg.baud = 9600;
	start(&h, &cfg);
	CHECK_INT(h.nsent, 1);
	sent_is(&h, 0, req, sizeof(req));
	/* 5 bytes at 9600 (6 ms) + 330 bit times (35 ms) + 150 ms */
	CHECK_INT(mbus_ses_deadline(&h.s), 1000 + 6 + 35 + 150);
	n = rsp(5, 0x12345678, recs, sizeof(recs), f);
	f[n] = 0x00;
	f[n + 1] = 0xE5;
	rx(&h, f, n + 2);
	CHECK_INT(h.done, 1);
	CHECK_INT(h.readings, 2);
	CHECK_INT(mbus_ses_stats(&h.s)->stray_bytes, 2);
	CHECK(mbus_ses_deadline(&h.s) == MBUS_SES_NEVER);
	mbus_ses_tick(&h.s, h.now + 100000);
	pump(&h);
	CHECK_INT(h.nsent, 1);
}

int
main(void)
{
	test_primary();
	test_no_reply();
	test_garbage();
	test_bad_checksum();
	test_wrong_address_then_fail();
	test_multi_telegram();
	test_secondary();
	test_echo_and_app_error();
	test_split_answer();
	test_skip_reset_and_noise();
	TEST_END();
}
