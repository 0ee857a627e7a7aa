/*
 * Wired M-Bus master session (EN 13757-2 §5.6-5.7): reset, select, request,
 * multi-telegram read-out, timeouts and retries, driven by the caller's clock.
 */
#include <string.h>

#include "meterd/mbus_session.h"

/* Milliseconds for `bits` bit times at the configured baud rate, rounded up. */
static uint32_t
bits_ms(const struct mbus_ses *s, uint32_t bits)
{
	return (uint32_t)(((uint64_t)bits * 1000 + s->cfg.baud - 1) / s->cfg.baud);
}

void
mbus_ses_config_primary(struct mbus_ses_config *cfg, uint8_t address)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->address = address;
	cfg->baud = 2400;
	cfg->retries = 2;
}

void
mbus_ses_init(struct mbus_ses *s, const struct mbus_ses_config *cfg)
{
	memset(s, 0, sizeof(*s));
	s->cfg = *cfg;
	if (s->cfg.baud == 0)
		s->cfg.baud = 2400;
	if (s->cfg.max_telegrams == 0)
		s->cfg.max_telegrams = 16;
	if (s->cfg.reply_timeout_ms == 0)
		s->cfg.reply_timeout_ms = bits_ms(s, 330) + 150;
	if (s->cfg.char_timeout_ms == 0)
		s->cfg.char_timeout_ms = bits_ms(s, 22) + 50;
	s->state = MBUS_SES_IDLE;
	mbus_dec_init(&s->dec);
}

void
mbus_secondary_encode(const struct mbus_secondary *sa, uint8_t out[8])
{
	out[0] = (uint8_t)sa->id;
	out[1] = (uint8_t)(sa->id >> 8);
	out[2] = (uint8_t)(sa->id >> 16);
	out[3] = (uint8_t)(sa->id >> 24);
	out[4] = (uint8_t)sa->manufacturer;
	out[5] = (uint8_t)(sa->manufacturer >> 8);
	out[6] = sa->version;
	out[7] = sa->medium;
}

bool
mbus_secondary_match(const struct mbus_secondary *sa, const struct mbus_header *h)
{
	unsigned i;

	for (i = 0; i < 8; i++) {
		unsigned want = (sa->id >> (4 * i)) & 15;
		if (want != 15 && want != ((h->id >> (4 * i)) & 15))
			return false;
	}
	return (sa->manufacturer == 0xFFFF || sa->manufacturer == h->manufacturer) &&
	       (sa->version == 0xFF || sa->version == h->version) &&
	       (sa->medium == 0xFF || sa->medium == h->medium);
}

static uint8_t
target(const struct mbus_ses *s)
{
	return s->cfg.use_secondary ? MBUS_ADDR_SECONDARY : s->cfg.address;
}

static void
schedule_tx(struct mbus_ses *s, uint64_t at)
{
	s->waiting = false;
	s->tx_due = true;
	s->tx_at = at;
}

static void
finish(struct mbus_ses *s, bool ok, const char *why)
{
	s->state = MBUS_SES_FINISHED;
	s->waiting = false;
	s->tx_due = false;
	s->pending = ok ? MBUS_SES_DONE : MBUS_SES_FAILED;
	s->error = ok ? NULL : why;
}

/* The current request went unanswered or was answered badly: repeat or give up. */
static void
retry(struct mbus_ses *s, uint64_t at, const char *why)
{
	if (s->attempts >= s->cfg.retries) {
		finish(s, false, why);
		return;
	}
	s->attempts++;
	schedule_tx(s, at);
}

/* The request of `s->state` was answered; go on to `next` after the turnaround pause. */
static void
advance(struct mbus_ses *s, enum mbus_ses_state next, uint64_t now)
{
	s->state = next;
	s->attempts = 0;
	schedule_tx(s, now + bits_ms(s, 11));
}

void
mbus_ses_start(struct mbus_ses *s, uint64_t now_ms)
{
	s->error = NULL;
	s->pending = MBUS_SES_NONE;
	s->telegrams = 0;
	s->record_base = 0;
	s->more = false;
	s->attempts = 0;
	/* After SND_NKE the slave expects FCB 1 on the next FCV frame. */
	s->fcb = true;
	if (!s->cfg.skip_reset)
		s->state = MBUS_SES_RESET;
	else
		s->state = s->cfg.use_secondary ? MBUS_SES_SELECT : MBUS_SES_REQUEST;
	mbus_dec_init(&s->dec);
	schedule_tx(s, now_ms);
	mbus_ses_tick(s, now_ms);
}

static size_t
build_request(struct mbus_ses *s, uint8_t *out)
{
	uint8_t sel[8];

	switch (s->state) {
	case MBUS_SES_RESET:
		return mbus_short_encode(MBUS_C_SND_NKE, target(s), out);
	case MBUS_SES_SELECT:
		mbus_secondary_encode(&s->cfg.secondary, sel);
		return mbus_long_encode(MBUS_C_SND_UD, MBUS_ADDR_SECONDARY, MBUS_CI_SELECT, sel,
		                        sizeof(sel), out, sizeof(s->req));
	case MBUS_SES_REQUEST:
		return mbus_short_encode((uint8_t)(MBUS_C_REQ_UD2 | (s->fcb ? MBUS_C_FCB : 0)),
		                         target(s), out);
	default:
		return 0;
	}
}

size_t
mbus_ses_tx(struct mbus_ses *s, uint8_t *buf, size_t cap, uint64_t now_ms)
{
	size_t n;

	if (!s->tx_due || now_ms < s->tx_at)
		return 0;
	n = build_request(s, s->req);
	if (n == 0 || cap < n)
		return 0;
	memcpy(buf, s->req, n);
	s->req_len = (uint8_t)n;
	if (s->pending == MBUS_SES_SEND)
		s->pending = MBUS_SES_NONE;
	s->tx_due = false;
	s->waiting = true;
	s->got_bytes = false;
	s->stats.requests++;
	mbus_dec_init(&s->dec); /* a fresh line: a lone E5 is an ACK */
	s->deadline = now_ms + bits_ms(s, 11 * (uint32_t)n) + s->cfg.reply_timeout_ms;
	return n;
}

static bool
is_rsp_ud(const struct mbus_frame_detail *x)
{
	/* RSP_UD: 0x08, possibly with the DFC (0x10) and ACD (0x20) bits. */
	return (x->c & 0xCF) == MBUS_C_RSP_UD;
}

static void
bad(struct mbus_ses *s, uint64_t now, const char *why)
{
	s->stats.bad_frames++;
	/* Let the rest of a garbled answer pass before repeating. */
	retry(s, now + s->cfg.char_timeout_ms, why);
}

/* One frame of the answer. */
static void
on_frame(struct mbus_ses *s, const struct frame_info *fi, uint64_t now)
{
	const struct mbus_frame_detail *x = fi->detail;

	if (fi->status == FRAME_OK && x->from_master) {
		s->got_bytes = false; /* our own request, echoed by the level converter */
		return;
	}
	if (s->state == MBUS_SES_RESET || s->state == MBUS_SES_SELECT) {
		if (fi->status == FRAME_OK && x->kind == MBUS_FRAME_ACK) {
			advance(s,
			        s->state == MBUS_SES_RESET && s->cfg.use_secondary
			            ? MBUS_SES_SELECT
			            : MBUS_SES_REQUEST,
			        now);
			return;
		}
		bad(s, now,
		    s->state == MBUS_SES_SELECT ? "no clean E5 to the selection (collision?)"
		                                : "no clean E5 to SND_NKE");
		return;
	}
	if (fi->status != FRAME_OK) {
		bad(s, now,
		    fi->status == FRAME_CRC_ERROR ? "answer with a wrong checksum"
		                                  : "garbled answer");
		return;
	}
	if (x->kind != MBUS_FRAME_LONG || !is_rsp_ud(x)) {
		bad(s, now, "answer is not RSP_UD");
		return;
	}
	if (!s->cfg.use_secondary && x->a != s->cfg.address &&
	    s->cfg.address != MBUS_ADDR_BROADCAST_REPLY) {
		bad(s, now, "answer from another primary address");
		return;
	}
	if (x->ci == MBUS_CI_APP_ERROR) {
		finish(s, false, "the meter reported an application error");
		s->detail = *x;
		return;
	}
	if (!x->has_header && x->ci != MBUS_CI_NO_HEADER) {
		bad(s, now, "answer carries no data structure");
		return;
	}
	if (s->cfg.use_secondary && x->long_header &&
	    !mbus_secondary_match(&s->cfg.secondary, &x->header)) {
		bad(s, now, "answer from a meter that was not selected");
		return;
	}
	s->detail = *x;
	s->fcb = !s->fcb;
	s->telegrams++;
	s->stats.telegrams++;
	s->more = x->more_records;
	s->dec.record_base = s->record_base;
	s->record_base = (uint16_t)(s->record_base + x->records);
	s->waiting = false;
	s->tx_at = now; /* the turnaround pause counts from here */
	s->state = MBUS_SES_DELIVER;
	s->pending = MBUS_SES_TELEGRAM;
}

/* Frames the decoder has completed; values of frames not accepted are dropped. */
static void
drain_decoder(struct mbus_ses *s, uint64_t now)
{
	enum dec_event ev;

	while (s->pending == MBUS_SES_NONE && s->waiting &&
	       (ev = mbus_dec_event(&s->dec)) != DEC_NONE) {
		if (ev == DEC_FRAME)
			on_frame(s, mbus_dec_frame(&s->dec), now);
	}
	if (s->state != MBUS_SES_DELIVER)
		while (mbus_dec_event(&s->dec) != DEC_NONE)
			;
}

size_t
mbus_ses_rx(struct mbus_ses *s, const uint8_t *p, size_t n, uint64_t now_ms)
{
	size_t used = 0;

	if (!s->waiting) {
		/* Nobody asked: noise, or the tail of an answer already judged. A
		 * pending repeat waits until the line has been quiet long enough. */
		s->stats.stray_bytes += (uint32_t)n;
		if (n > 0 && s->tx_due && s->state != MBUS_SES_DELIVER &&
		    s->tx_at < now_ms + s->cfg.char_timeout_ms)
			s->tx_at = now_ms + s->cfg.char_timeout_ms;
		return n;
	}
	while (used < n && s->waiting && s->pending == MBUS_SES_NONE) {
		size_t k = mbus_dec_push(&s->dec, p + used, n - used);
		if (k > 0) {
			s->got_bytes = true;
			s->deadline = now_ms + s->cfg.char_timeout_ms;
		}
		used += k;
		drain_decoder(s, now_ms);
	}
	if (!s->waiting && s->state != MBUS_SES_DELIVER && s->pending == MBUS_SES_NONE) {
		s->stats.stray_bytes += (uint32_t)(n - used); /* the rest of a bad answer */
		used = n;
	}
	return used;
}

void
mbus_ses_tick(struct mbus_ses *s, uint64_t now_ms)
{
	if (s->waiting && now_ms >= s->deadline) {
		/* Silence: whatever arrived is all there is. */
		mbus_dec_idle(&s->dec);
		drain_decoder(s, now_ms);
		if (s->waiting) {
			if (s->state == MBUS_SES_RESET && s->cfg.use_secondary && !s->got_bytes) {
				/* SND_NKE to 253 only deselects; no slave need answer. */
				advance(s, MBUS_SES_SELECT, now_ms);
			} else {
				if (!s->got_bytes)
					s->stats.timeouts++;
				retry(s, now_ms, s->got_bytes ? "incomplete answer" : "no answer");
			}
		}
	}
	if (s->tx_due && now_ms >= s->tx_at && s->pending == MBUS_SES_NONE)
		s->pending = MBUS_SES_SEND;
}

uint64_t
mbus_ses_deadline(const struct mbus_ses *s)
{
	if (s->waiting)
		return s->deadline;
	if (s->tx_due)
		return s->tx_at;
	return MBUS_SES_NEVER;
}

enum mbus_ses_event
mbus_ses_event(struct mbus_ses *s)
{
	enum mbus_ses_event ev = s->pending;

	if (ev != MBUS_SES_NONE) {
		s->pending = MBUS_SES_NONE;
		return ev;
	}
	if (s->state != MBUS_SES_DELIVER)
		return MBUS_SES_NONE;
	if (mbus_dec_event(&s->dec) == DEC_READING)
		return MBUS_SES_READING;
	/* The telegram is delivered. */
	if (!s->more) {
		finish(s, true, NULL);
	} else if (s->telegrams >= s->cfg.max_telegrams) {
		finish(s, false, "more telegrams than max_telegrams");
	} else {
		/* Next telegram: REQ_UD2 with the toggled FCB after the pause. */
		s->state = MBUS_SES_REQUEST;
		s->attempts = 0;
		schedule_tx(s, s->tx_at + bits_ms(s, 11));
		return MBUS_SES_NONE;
	}
	ev = s->pending;
	s->pending = MBUS_SES_NONE;
	return ev;
}

const struct reading *
mbus_ses_reading(const struct mbus_ses *s)
{
	return mbus_dec_reading(&s->dec);
}

const struct mbus_frame_detail *
mbus_ses_detail(const struct mbus_ses *s)
{
	return &s->detail;
}

const char *
mbus_ses_error(const struct mbus_ses *s)
{
	return s->error;
}

const struct mbus_ses_stats *
mbus_ses_stats(const struct mbus_ses *s)
{
	return &s->stats;
}
