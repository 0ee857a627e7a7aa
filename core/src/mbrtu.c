#include <string.h>

#include "meterd/crc.h"
#include "meterd/mbrtu.h"

int
mbrtu_adu_encode(uint8_t slave, const uint8_t *pdu, size_t pdu_len, uint8_t *out, size_t cap)
{
	uint16_t crc;

	if (pdu_len == 0 || pdu_len > MB_PDU_MAX)
		return MB_E_INVALID;
	if (cap < pdu_len + 3)
		return MB_E_SPACE;
	out[0] = slave;
	memmove(out + 1, pdu, pdu_len);
	crc = crc16_modbus(out, pdu_len + 1);
	out[pdu_len + 1] = (uint8_t)crc;
	out[pdu_len + 2] = (uint8_t)(crc >> 8);
	return (int)(pdu_len + 3);
}

bool
mbrtu_adu_crc_ok(const uint8_t *adu, size_t n)
{
	return n >= MBRTU_ADU_MIN && crc16_modbus(adu, n) == 0;
}

unsigned
mbrtu_char_bits(unsigned data_bits, char parity, unsigned stop_bits)
{
	return 1u + data_bits + (parity == 'E' || parity == 'O' ? 1u : 0u) + stop_bits;
}

/* ceil(num / den) without overflow for the values timing uses. */
static uint32_t
div_up(uint64_t num, uint64_t den)
{
	return (uint32_t)((num + den - 1) / den);
}

void
mbrtu_timing_init(struct mbrtu_timing *t, uint32_t baud, unsigned char_bits)
{
	if (baud == 0)
		baud = 1;
	t->char_us = div_up((uint64_t)char_bits * 1000000u, baud);
	if (baud > 19200) {
		/* §2.5.1.1: fixed values keep fast lines from needing sub-ms timers. */
		t->t15_us = 750;
		t->t35_us = 1750;
	} else {
		t->t15_us = div_up((uint64_t)char_bits * 3000000u, 2ull * baud);
		t->t35_us = div_up((uint64_t)char_bits * 7000000u, 2ull * baud);
	}
}

uint32_t
mbrtu_tx_us(const struct mbrtu_timing *t, size_t n)
{
	return (uint32_t)(t->char_us * (uint64_t)n);
}

uint32_t
mbrtu_response_timeout_ms(const struct mbrtu_timing *t, size_t req_len, size_t rsp_len,
                          uint32_t turnaround_ms)
{
	uint64_t us = (uint64_t)t->char_us * (req_len + rsp_len) + t->t35_us +
	              (uint64_t)turnaround_ms * 1000u;
	return div_up(us, 1000);
}

size_t
mbrtu_reply_len(const struct mb_request *rq)
{
	unsigned rb = mb_req_read_bytes(rq);

	return rb ? 1 + 2 + rb + 2 : 1 + 5 + 2;
}

/* ---- framing by CRC ---- */

unsigned
mbrtu_shape(const uint8_t *adu, size_t len)
{
	unsigned s = 0;
	int l;

	if (len < 2)
		return MBRTU_SHAPE_LIVE;
	l = mb_req_length(adu + 1, len - 1);
	if (l == MB_E_SHORT || (l > 0 && (size_t)l + 3 > len))
		s |= MBRTU_SHAPE_LIVE;
	else if (l > 0 && (size_t)l + 3 == len)
		s |= MBRTU_SHAPE_REQ;
	l = mb_rsp_length(adu + 1, len - 1);
	if (l == MB_E_SHORT || (l > 0 && (size_t)l + 3 > len))
		s |= MBRTU_SHAPE_LIVE;
	else if (l > 0 && (size_t)l + 3 == len)
		s |= MBRTU_SHAPE_RSP;
	return s;
}

void
mbrtu_framer_init(struct mbrtu_framer *f)
{
	f->n = 0;
	memset(f->live, 0, sizeof(f->live));
}

int
mbrtu_framer_add(struct mbrtu_framer *f, uint8_t b, unsigned want)
{
	size_t w;
	int    found = -1;

	f->buf[f->n] = b;
	f->crc[f->n] = CRC16_MODBUS_INIT;
	f->live[f->n / 32] |= (uint32_t)1 << (f->n % 32);
	f->n++;
	/*
	 * Advance every live start's CRC, report the earliest that ends here as
	 * a frame of a wanted shape, and forget starts that can no longer end
	 * later (a shape is live until its declared length is passed: once
	 * dead, always dead).
	 */
	for (w = 0; w < MBRTU_LIVE_WORDS; w++) {
		uint32_t bits = f->live[w];
		size_t   i = w * 32;

		for (; bits != 0; bits >>= 1, i++) {
			unsigned sh;
			if (!(bits & 1))
				continue;
			f->crc[i] = crc16_ibm_refl(f->crc[i], &b, 1);
			sh = mbrtu_shape(f->buf + i, f->n - i);
			if (found < 0 && f->crc[i] == 0 && f->n - i >= MBRTU_ADU_MIN && (sh & want))
				found = (int)i;
			if (!(sh & MBRTU_SHAPE_LIVE))
				f->live[w] &= ~((uint32_t)1 << (i % 32));
		}
	}
	return found;
}

void
mbrtu_framer_drop(struct mbrtu_framer *f, size_t k)
{
	size_t w, words, bits;

	if (k > f->n)
		k = f->n;
	words = k / 32;
	bits = k % 32;
	memmove(f->buf, f->buf + k, f->n - k);
	memmove(f->crc, f->crc + k, (f->n - k) * sizeof(f->crc[0]));
	/* The live set moves down by k starts: a multi-word right shift. */
	for (w = 0; w < MBRTU_LIVE_WORDS; w++) {
		uint32_t lo = w + words < MBRTU_LIVE_WORDS ? f->live[w + words] : 0;
		uint32_t hi = w + words + 1 < MBRTU_LIVE_WORDS ? f->live[w + words + 1] : 0;
		f->live[w] = bits ? lo >> bits | hi << (32 - bits) : lo;
	}
	f->n -= k;
}

size_t
mbrtu_framer_dead(const struct mbrtu_framer *f)
{
	for (size_t i = 1; i < f->n; i++)
		if (f->live[i / 32] & ((uint32_t)1 << (i % 32)))
			return i;
	return f->n > 0 ? f->n : 1;
}

bool
mbrtu_framer_crc_ok(const struct mbrtu_framer *f)
{
	return f->n >= MBRTU_ADU_MIN && crc16_modbus(f->buf, f->n) == 0;
}

/* ---- decoder ---- */

void
mbrtu_dec_init(struct mbrtu_dec *d)
{
	memset(d, 0, sizeof(*d));
	mbrtu_framer_init(&d->w);
	reading_clear(&d->rd);
	d->want = MBRTU_SHAPE_REQ | MBRTU_SHAPE_RSP;
}

int
mbrtu_dec_configure(struct mbrtu_dec *d, const char *key, const char *value)
{
	if (strcmp(key, "lenient_crc") == 0 && (strcmp(value, "0") == 0 || strcmp(value, "1") == 0)) {
		d->lenient = value[0] == '1';
		return 0;
	}
	if (strcmp(key, "role") == 0) {
		if (strcmp(value, "slave") == 0)
			d->want = MBRTU_SHAPE_REQ;
		else if (strcmp(value, "sniffer") == 0)
			d->want = MBRTU_SHAPE_REQ | MBRTU_SHAPE_RSP;
		else
			return -1;
		return 0;
	}
	return -1;
}

static void
memo_request(struct mbrtu_dec *d, uint8_t slave, const struct mb_request *rq)
{
	memmove(&d->memo[1], &d->memo[0], sizeof(d->memo[0]) * (MBRTU_REQ_MEMO - 1));
	d->memo[0].slave = slave;
	d->memo[0].used = true;
	d->memo[0].req = *rq;
	d->memo[0].req.values = NULL;
	d->memo[0].val[0] = d->memo[0].val[1] = 0;
	if (rq->function == 5 || rq->function == 6)
		memcpy(d->memo[0].val, rq->values, 2);
}

/* The newest remembered request rsp answers, or -1. */
static int
memo_match(struct mbrtu_dec *d, uint8_t slave, const struct mb_response *rsp)
{
	int i;

	for (i = 0; i < MBRTU_REQ_MEMO; i++) {
		struct mb_request rq = d->memo[i].req;
		if (!d->memo[i].used || d->memo[i].slave != slave)
			continue;
		rq.values = d->memo[i].val;
		if (mb_rsp_matches(&rq, rsp) == 0)
			return i;
	}
	return -1;
}

/*
 * Fills d->fr from the ADU in fbuf[0..len). Returns 0, or an MB_E_* code when
 * the PDU is neither a valid request nor a valid response.
 */
static int
classify(struct mbrtu_dec *d, size_t len, bool remember)
{
	struct mbrtu_frame *fr = &d->fr;
	struct mb_request rq;
	struct mb_response rs;
	int rq_err, rs_err, m;

	memset(fr, 0, sizeof(*fr));
	fr->slave = d->fbuf[0];
	fr->pdu = d->fbuf + 1;
	fr->pdu_len = len - 3;
	fr->function = fr->pdu[0] & 0x7F;
	rq_err = mb_req_parse(&rq, fr->pdu, fr->pdu_len);
	rs_err = d->want & MBRTU_SHAPE_RSP ? mb_rsp_parse(&rs, fr->pdu, fr->pdu_len) : MB_E_FUNCTION;
	m = rs_err == 0 ? memo_match(d, fr->slave, &rs) : -1;
	if (rs_err == 0 && (m >= 0 || rq_err != 0)) {
		fr->kind = rs.exception ? MB_KIND_EXCEPTION : MB_KIND_RESPONSE;
		fr->rsp = rs;
		if (m >= 0) {
			fr->answered = true;
			fr->req = d->memo[m].req;
			memcpy(d->req_val, d->memo[m].val, 2);
			fr->req.values = d->req_val;
			if (remember)
				d->memo[m].used = false;
		}
		return 0;
	}
	if (rq_err == 0) {
		fr->kind = MB_KIND_REQUEST;
		fr->req = rq;
		if (remember)
			memo_request(d, fr->slave, &rq);
		return 0;
	}
	if (!mb_function_known(fr->function)) {
		fr->kind = MB_KIND_OTHER;
		return 0;
	}
	return rq_err != MB_E_FUNCTION ? rq_err : rs_err;
}

/* Readings a frame yields: the registers or bits of an answered read. */
static uint16_t
reading_count(const struct mbrtu_frame *fr)
{
	if (fr->kind != MB_KIND_RESPONSE || !fr->answered)
		return 0;
	return (uint16_t)mb_read_count(&fr->req, &fr->rsp);
}

/* Queues the frame fbuf[0..len) (already copied) with its status. */
static void
queue_frame(struct mbrtu_dec *d, size_t len, enum frame_status st, const char *err)
{
	struct frame_info *fi = &d->q_frame;
	int e;

	memset(fi, 0, sizeof(*fi));
	fi->length = (uint32_t)len;
	fi->status = st;
	fi->error = err;
	if (st == FRAME_OK || st == FRAME_CRC_ERROR) {
		/* A frame with a bad CRC is not remembered: it must not steer the next. */
		e = classify(d, len, st == FRAME_OK);
		if (e != 0) {
			fi->status = FRAME_INVALID;
			fi->error = mb_strerror(e);
		} else {
			fi->detail = &d->fr;
		}
	}
	d->has_frame = true;
}

static void
queue_garbage(struct mbrtu_dec *d, size_t len)
{
	struct frame_info *fi = &d->q_garbage;

	memset(fi, 0, sizeof(*fi));
	fi->offset = d->offset;
	fi->length = (uint32_t)len;
	if (mbrtu_shape(d->w.buf, len) & d->want) {
		fi->status = FRAME_CRC_ERROR;
		fi->error = "CRC mismatch";
	} else {
		fi->status = FRAME_INVALID;
		fi->error = "bytes without a valid frame (noise or a broken frame)";
	}
	d->has_garbage = true;
}

static void
drop(struct mbrtu_dec *d, size_t k)
{
	mbrtu_framer_drop(&d->w, k);
	d->offset += k;
}

/* Reports w.buf[s..n) as a frame, and w.buf[0..s) before it as garbage. */
static void
take_frame(struct mbrtu_dec *d, size_t s, enum frame_status st, const char *err)
{
	size_t len = d->w.n - s;

	if (s > 0) {
		queue_garbage(d, s);
		drop(d, s);
	}
	memcpy(d->fbuf, d->w.buf, len);
	queue_frame(d, len, st, err);
	d->q_frame.offset = d->offset;
	drop(d, len);
}

static bool
pending(const struct mbrtu_dec *d)
{
	return d->has_garbage || d->has_frame || d->rd_next < d->rd_count;
}

size_t
mbrtu_dec_push(struct mbrtu_dec *d, const uint8_t *p, size_t n)
{
	size_t used = 0;

	while (used < n && !pending(d)) {
		int s;
		if (d->w.n == MBRTU_ADU_MAX) {
			/* A full window holds no frame: drop what can no longer start one. */
			size_t k = mbrtu_framer_dead(&d->w);
			queue_garbage(d, k);
			drop(d, k);
			break;
		}
		if ((s = mbrtu_framer_add(&d->w, p[used++], d->want)) >= 0)
			take_frame(d, (size_t)s, FRAME_OK, NULL);
	}
	return used;
}

/* Line silence or end of input: the bytes so far are all there is of this frame. */
static void
flush(struct mbrtu_dec *d, const char *truncated)
{
	unsigned sh;

	if (d->w.n == 0 || pending(d))
		return;
	sh = mbrtu_shape(d->w.buf, d->w.n);
	if (mbrtu_framer_crc_ok(&d->w))
		take_frame(d, 0, FRAME_OK, NULL); /* a function whose length we cannot know */
	else if (sh & d->want)
		take_frame(d, 0, FRAME_CRC_ERROR, "CRC mismatch");
	else if (sh & MBRTU_SHAPE_LIVE)
		take_frame(d, 0, FRAME_TRUNCATED, truncated);
	else
		take_frame(d, 0, FRAME_INVALID, "bytes without a valid frame (noise or a broken frame)");
}

void
mbrtu_dec_idle(struct mbrtu_dec *d)
{
	flush(d, "frame cut short by line silence");
}

void
mbrtu_dec_finish(struct mbrtu_dec *d)
{
	flush(d, "input ended inside a frame");
}

enum dec_event
mbrtu_dec_event(struct mbrtu_dec *d)
{
	if (d->has_garbage) {
		d->has_garbage = false;
		d->info = d->q_garbage;
		d->info.index = d->frames++;
		d->rd_next = d->rd_count = 0;
		return DEC_FRAME;
	}
	if (d->has_frame) {
		d->has_frame = false;
		d->info = d->q_frame;
		d->info.index = d->frames++;
		d->rd_next = 0;
		d->rd_count = 0;
		if (d->info.status == FRAME_OK || (d->info.status == FRAME_CRC_ERROR && d->lenient &&
		                                   d->info.detail != NULL))
			d->rd_count = reading_count(&d->fr);
		return DEC_FRAME;
	}
	if (d->rd_next < d->rd_count) {
		mb_read_reading(&d->rd, d->fr.slave, &d->fr.req, &d->fr.rsp, d->rd_next++);
		return DEC_READING;
	}
	return DEC_NONE;
}

const struct frame_info *
mbrtu_dec_frame(const struct mbrtu_dec *d)
{
	return &d->info;
}

const struct reading *
mbrtu_dec_reading(const struct mbrtu_dec *d)
{
	return &d->rd;
}

/* Confidence that p starts with Modbus RTU: a CRC-valid ADU right at the start. */
static int
detect(const uint8_t *p, size_t n)
{
	size_t len;

	for (len = MBRTU_ADU_MIN; len <= n && len <= MBRTU_ADU_MAX; len++)
		if ((mbrtu_shape(p, len) & (MBRTU_SHAPE_REQ | MBRTU_SHAPE_RSP)) && crc16_modbus(p, len) == 0)
			return 60;
	return 0;
}

DECODER_OPS_DEFINE_IDLE(modbus, mbrtu_dec, struct mbrtu_dec, detect);
