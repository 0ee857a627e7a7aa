/*
 * KMP master session (see kmp.h): a queue of requests, one exchange at a
 * time, with every timer kept as (start, duration) so that a wrapping
 * millisecond clock never makes a wait last for weeks.
 */
#include <string.h>

#include "meterd/kmp.h"

enum {
	KS_IDLE,    /* nothing queued */
	KS_READY,   /* head of the queue goes out once the send timer runs out */
	KS_WAIT,    /* request sent, reply awaited */
	KS_DELIVER, /* reply accepted, its readings are being handed out */
};

void
kmp_session_config_default(struct kmp_session_config *c)
{
	c->address = KMP_ADDR_METER;
	c->baud = 1200;
	c->char_bits = 11;
	c->response_ms = 1600;
	c->interbyte_ms = 200;
	c->error_pause_ms = 1600;
	c->retries = 2;
}

void
kmp_session_init(struct kmp_session *s, const struct kmp_session_config *cfg)
{
	struct kmp_session_config d;

	memset(s, 0, sizeof(*s));
	kmp_session_config_default(&d);
	if (cfg != NULL) {
		s->cfg = *cfg;
		/* Zero means "default" for every field but the address (0 is not a KMP address either). */
		if (s->cfg.address == 0)
			s->cfg.address = d.address;
		if (s->cfg.baud == 0)
			s->cfg.baud = d.baud;
		if (s->cfg.char_bits == 0)
			s->cfg.char_bits = d.char_bits;
		if (s->cfg.response_ms == 0)
			s->cfg.response_ms = d.response_ms;
		if (s->cfg.interbyte_ms == 0)
			s->cfg.interbyte_ms = d.interbyte_ms;
		if (s->cfg.error_pause_ms == 0)
			s->cfg.error_pause_ms = d.error_pause_ms;
	} else {
		s->cfg = d;
	}
	kmp_dec_init(&s->dec);
	s->state = KS_IDLE;
}

/* Milliseconds n bytes take on the line, rounded up. */
static uint32_t
line_ms(const struct kmp_session *s, size_t n)
{
	uint32_t bits = (uint32_t)n * s->cfg.char_bits;
	return (bits * 1000u + s->cfg.baud - 1) / s->cfg.baud;
}

static bool
elapsed(uint32_t now, uint32_t start, uint32_t duration)
{
	return (uint32_t)(now - start) >= duration;
}

static int
enqueue(struct kmp_session *s, const struct kmp_session_req *r, size_t n)
{
	size_t i;

	if (n == 0 || (size_t)s->count + n > KMP_SESSION_QUEUE)
		return -1;
	for (i = 0; i < n; i++)
		s->queue[(s->head + s->count + i) % KMP_SESSION_QUEUE] = r[i];
	s->count = (uint8_t)(s->count + n);
	if (s->state == KS_IDLE)
		s->state = KS_READY; /* the send timer still holds any pause still due */
	return 0;
}

int
kmp_session_read_registers(struct kmp_session *s, const uint16_t *regs, size_t n)
{
	struct kmp_session_req r[KMP_SESSION_QUEUE];
	size_t k = 0, i;

	if (n == 0 || n > (size_t)KMP_SESSION_QUEUE * KMP_REGS_PER_REQUEST)
		return -1;
	memset(r, 0, sizeof(r));
	/* Eight per request: one long exchange costs the meter's battery less than many. */
	for (i = 0; i < n; i++) {
		k = i / KMP_REGS_PER_REQUEST;
		r[k].cid = KMP_CID_GET_REGISTER;
		r[k].regs[r[k].nregs++] = regs[i];
	}
	return enqueue(s, r, k + 1);
}

static int
enqueue_simple(struct kmp_session *s, uint8_t cid, const uint8_t *data, size_t n)
{
	struct kmp_session_req r;

	memset(&r, 0, sizeof(r));
	r.cid = cid;
	r.data_len = (uint8_t)n;
	if (n > 0)
		memcpy(r.data, data, n);
	return enqueue(s, &r, 1);
}

int
kmp_session_get_type(struct kmp_session *s)
{
	return enqueue_simple(s, KMP_CID_GET_TYPE, NULL, 0);
}

int
kmp_session_get_serial(struct kmp_session *s)
{
	return enqueue_simple(s, KMP_CID_GET_SERIAL, NULL, 0);
}

int
kmp_session_set_clock(struct kmp_session *s, uint32_t yymmdd, uint32_t hhmmss)
{
	uint8_t frame[KMP_REQ_MAX];
	uint8_t data[8];
	int i;

	/* Let the encoder validate, so queue and wire agree on what is acceptable. */
	if (kmp_req_set_clock(frame, sizeof(frame), s->cfg.address, yymmdd, hhmmss) == 0)
		return -1;
	for (i = 0; i < 4; i++) {
		data[i] = (uint8_t)(yymmdd >> (24 - 8 * i));
		data[4 + i] = (uint8_t)(hhmmss >> (24 - 8 * i));
	}
	return enqueue_simple(s, KMP_CID_SET_CLOCK, data, 8);
}

int
kmp_session_put_register(struct kmp_session *s, uint16_t reg, uint8_t unit, int64_t raw,
                         int scaler, size_t nob)
{
	uint8_t data[16];
	size_t m;

	data[0] = (uint8_t)(reg >> 8);
	data[1] = (uint8_t)reg;
	data[2] = unit;
	if ((m = kmp_value_encode(raw, scaler, nob, data + 3, sizeof(data) - 3)) == 0)
		return -1;
	return enqueue_simple(s, KMP_CID_PUT_REGISTER, data, 3 + m);
}

void
kmp_session_cancel(struct kmp_session *s)
{
	s->head = s->count = 0;
	s->fail_due = s->done_due = false;
	s->state = KS_IDLE;
	kmp_dec_init(&s->dec);
}

/* Sets the send timer: the next request may go out `wait` ms after now. */
static void
hold(struct kmp_session *s, uint32_t now, uint32_t wait)
{
	s->timer_start = now;
	s->timer_ms = wait;
}

/* The head request has ended (answered or given up); go on with the next. */
static void
next_request(struct kmp_session *s, uint32_t now, uint32_t wait)
{
	s->head = (uint8_t)((s->head + 1) % KMP_SESSION_QUEUE);
	s->count--;
	s->attempts = 0;
	hold(s, now, wait);
	if (s->count == 0) {
		s->state = KS_IDLE;
		s->done_due = true;
	} else {
		s->state = KS_READY;
	}
}

/*
 * An attempt went wrong. `answered` says whether the meter sent anything
 * that looked like a reply: if so, it may still be talking, and KMP wants
 * 1.6 s of quiet before the next request; if not, the full response time
 * has already passed and a retry only keeps the one byte time between
 * requests.
 */
static void
attempt_failed(struct kmp_session *s, uint32_t now, const char *why, bool answered)
{
	uint32_t wait = answered ? s->cfg.error_pause_ms : line_ms(s, 1);

	kmp_dec_init(&s->dec);
	s->error = why;
	if (s->attempts <= s->cfg.retries) {
		s->stats.retries++;
		s->state = KS_READY;
		hold(s, now, wait);
		return;
	}
	s->stats.failures++;
	s->fail_due = true;
	if (!answered && s->count > 1) {
		/* Silent through every retry: asleep (MULTICAL 40x needs a button press) or gone. */
		s->stats.dropped += s->count - 1u;
		s->count = 1;
	}
	next_request(s, now, wait);
}

static bool
register_asked(const struct kmp_session_req *r, uint16_t id)
{
	uint8_t i;

	for (i = 0; i < r->nregs; i++)
		if (r->regs[i] == id)
			return true;
	return false;
}

/* A frame ended while waiting. Returns true when it ended the exchange. */
static bool
on_frame(struct kmp_session *s, uint32_t now)
{
	const struct frame_info *fi = kmp_dec_frame(&s->dec);
	const struct kmp_frame *kf = fi->detail;
	const struct kmp_session_req *req = &s->queue[s->head];
	uint8_t i;

	if (kf == NULL) {
		s->stats.noise_bytes += fi->length;
		return false;
	}
	if (kf->kind == KMP_FRAME_REQUEST) {
		/* The optical head hears its own transmitter; broken echoes are no reply either. */
		s->stats.echoes++;
		return false;
	}
	if (fi->status == FRAME_CRC_ERROR) {
		s->stats.crc_errors++;
		attempt_failed(s, now, "CRC error in reply", true);
		return true;
	}
	if (fi->status != FRAME_OK) {
		s->stats.bad_replies++;
		attempt_failed(s, now, fi->error, true);
		return true;
	}
	if (kf->kind == KMP_FRAME_ACK) {
		if (req->cid == KMP_CID_SET_CLOCK || req->cid == KMP_CID_PUT_REGISTER) {
			next_request(s, now, line_ms(s, 1));
			return true;
		}
		s->stats.bad_replies++;
		attempt_failed(s, now, "ACK where data was expected", true);
		return true;
	}
	if (kf->addr != s->cfg.address || kf->cid != req->cid) {
		s->stats.bad_replies++;
		attempt_failed(s, now, "reply from another address or to another command", true);
		return true;
	}
	if (req->cid == KMP_CID_GET_REGISTER) {
		for (i = 0; i < kf->nregs; i++) {
			if (!register_asked(req, kf->regs[i].id)) {
				s->stats.bad_replies++;
				attempt_failed(s, now, "reply holds a register not asked for", true);
				return true;
			}
		}
		if (kf->nregs < req->nregs)
			s->stats.regs_missing += req->nregs - kf->nregs;
	}
	if (s->dec.readings == 0)
		next_request(s, now, line_ms(s, 1)); /* e.g. no register asked for exists */
	else
		s->state = KS_DELIVER;
	return true;
}

size_t
kmp_session_input(struct kmp_session *s, uint32_t now_ms, const uint8_t *p, size_t n)
{
	size_t used = 0;

	s->last_now = now_ms;
	if (s->state == KS_DELIVER)
		return 0;
	if (s->state != KS_WAIT) {
		s->stats.noise_bytes += (uint32_t)n;
		return n;
	}
	while (used < n) {
		size_t k = kmp_dec_push(&s->dec, p + used, n - used);
		enum dec_event ev;

		if (k > 0) {
			used += k;
			s->rx_any = true;
			s->last_rx = now_ms;
		}
		/* Drain what the decoder holds: frames first, then readings of ignored frames. */
		while ((ev = kmp_dec_event(&s->dec)) != DEC_NONE) {
			if (ev != DEC_FRAME || !on_frame(s, now_ms))
				continue;
			if (s->state == KS_DELIVER)
				return used; /* the rest waits until the readings are out */
			/* The exchange is over and no request is out: the rest is noise. */
			s->stats.noise_bytes += (uint32_t)(n - used);
			return n;
		}
	}
	return used;
}

static void
send_head(struct kmp_session *s, uint32_t now)
{
	const struct kmp_session_req *r = &s->queue[s->head];

	if (r->cid == KMP_CID_GET_REGISTER)
		s->tx_len = kmp_req_get_register(s->tx, sizeof(s->tx), s->cfg.address, r->regs,
		                                 r->nregs);
	else
		s->tx_len = kmp_frame_encode(s->tx, sizeof(s->tx), KMP_START_REQUEST,
		                             s->cfg.address, r->cid, r->data, r->data_len);
	kmp_dec_init(&s->dec); /* nothing from before this request can be its reply */
	s->attempts++;
	s->stats.requests++;
	s->rx_any = false;
	s->state = KS_WAIT;
	/* The meter's 1.6 s run from the end of our request, which takes a while at 1200 baud. */
	s->timer_start = now;
	s->timer_ms = line_ms(s, s->tx_len) + s->cfg.response_ms;
}

enum kmp_session_event
kmp_session_event(struct kmp_session *s, uint32_t now_ms)
{
	s->last_now = now_ms;
	for (;;) {
		if (s->state == KS_DELIVER) {
			enum dec_event ev = kmp_dec_event(&s->dec);
			if (ev == DEC_READING) {
				s->stats.readings++;
				return KMP_SESSION_READING;
			}
			next_request(s, now_ms, line_ms(s, 1));
		}
		if (s->fail_due) {
			s->fail_due = false;
			return KMP_SESSION_FAILED;
		}
		if (s->done_due) {
			s->done_due = false;
			return KMP_SESSION_DONE;
		}
		if (s->state == KS_WAIT) {
			bool partial = kmp_dec_in_frame(&s->dec);
			if (partial ? !elapsed(now_ms, s->last_rx, s->cfg.interbyte_ms)
			            : !elapsed(now_ms, s->timer_start, s->timer_ms))
				return KMP_SESSION_NONE;
			s->stats.timeouts++;
			attempt_failed(s, now_ms, partial ? "reply incomplete" : "no reply", partial);
			continue;
		}
		if (s->state == KS_READY && elapsed(now_ms, s->timer_start, s->timer_ms)) {
			send_head(s, now_ms);
			return KMP_SESSION_SEND;
		}
		return KMP_SESSION_NONE;
	}
}

const uint8_t *
kmp_session_tx(const struct kmp_session *s, size_t *len)
{
	*len = s->tx_len;
	return s->tx;
}

const struct reading *
kmp_session_reading(const struct kmp_session *s)
{
	return kmp_dec_reading(&s->dec);
}

const char *
kmp_session_error(const struct kmp_session *s)
{
	return s->error != NULL ? s->error : "";
}

bool
kmp_session_deadline(const struct kmp_session *s, uint32_t *at_ms)
{
	if (s->state == KS_DELIVER || s->fail_due || s->done_due) {
		*at_ms = s->last_now;
		return true;
	}
	switch (s->state) {
	case KS_READY:
		*at_ms = s->timer_start + s->timer_ms;
		return true;
	case KS_WAIT:
		if (kmp_dec_in_frame(&s->dec))
			*at_ms = s->last_rx + s->cfg.interbyte_ms;
		else
			*at_ms = s->timer_start + s->timer_ms;
		return true;
	default:
		return false;
	}
}

bool
kmp_session_busy(const struct kmp_session *s)
{
	return s->count > 0 || s->fail_due || s->done_due;
}

const struct kmp_session_stats *
kmp_session_stats(const struct kmp_session *s)
{
	return &s->stats;
}
