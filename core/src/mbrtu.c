#include <stddef.h>
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

/* The function codes mb_pdu.h knows, as bits: 1-6, 15, 16, 23. */
#define FC_KNOWN 0x81807Eu

static bool
fc_known(uint8_t fc)
{
	return fc <= 23 && (FC_KNOWN >> fc & 1u);
}

/* A read response's byte count (§6.1-§6.4, §6.17): 1..250, even for words. */
static int
read_rsp_len(uint8_t fc, uint8_t count)
{
	if (count == 0 || count > 250 || (fc > 2 && (count & 1)))
		return 0;
	return 5 + count;
}

/*
 * The ADU lengths a request (len[0]) and a response (len[1]) beginning with
 * the len bytes a (len >= 2) must have: the length; 0 when none can begin
 * so; or, while their header is not whole, minus the length where it is.
 * mb_req_length() and mb_rsp_length() in ADU terms, computed per header
 * byte while framing (tests/test_modbus.c holds the two to the same lengths).
 */
static void
adu_lengths(const uint8_t *a, size_t len, int l[2])
{
	uint8_t fc = a[1];

	l[0] = l[1] = 0;
	if (fc & MB_EXCEPTION_BIT) {
		if (fc_known(fc & 0x7F))
			l[1] = 5;
		return;
	}
	switch (fc) {
	case 1: case 2: case 3: case 4:
		l[0] = 8;
		l[1] = len < 3 ? -3 : read_rsp_len(fc, a[2]);
		break;
	case 5: case 6:
		l[0] = l[1] = 8;
		break;
	case 15: case 16:
		l[0] = len < 7 ? -7 : 9 + a[6];
		l[1] = 8;
		break;
	case 23:
		l[0] = len < 11 ? -11 : 13 + a[10];
		l[1] = len < 3 ? -3 : read_rsp_len(fc, a[2]);
		break;
	}
}

unsigned
mbrtu_shape(const uint8_t *adu, size_t len)
{
	unsigned s = 0;
	int l[2];

	if (len < 2)
		return MBRTU_SHAPE_LIVE;
	adu_lengths(adu, len, l);
	for (int k = 0; k < 2; k++) {
		if (l[k] < 0 || (size_t)l[k] > len)
			s |= MBRTU_SHAPE_LIVE;
		else if ((size_t)l[k] == len)
			s |= k == 0 ? MBRTU_SHAPE_REQ : MBRTU_SHAPE_RSP;
	}
	return s;
}

void
mbrtu_framer_init(struct mbrtu_framer *f)
{
	f->n = 0;
	f->nlive = 0;
	f->next = SIZE_MAX;
}

/* The least length above len at which adu_lengths() l can change, or 0. */
static size_t
first_due(const int l[2], size_t len)
{
	size_t due = 0;

	for (int k = 0; k < 2; k++) {
		size_t a = l[k] < 0 ? (size_t)-l[k] : (size_t)l[k];
		if (a > len && (due == 0 || a < due))
			due = a;
	}
	return due;
}

/*
 * Judges every live start due at n, at the lengths where its shape can
 * change: the earliest whose bytes are now a request or response of a
 * wanted shape with a CRC remainder of 0 is returned (or -1); each is due
 * again where its header grows or the length it declares ends, or dies
 * when no length is left (once dead, always dead).
 */
static int
judge_due(struct mbrtu_framer *f, unsigned want)
{
	const size_t n = f->n, nlive = f->nlive;
	uint8_t *live = f->live;
	uint16_t *due = f->due;
	size_t j, k = 0, next = SIZE_MAX;
	int found = -1;

	for (j = 0; j < nlive; j++) {
		size_t s = live[j], end = s + due[j];
		if (end == n) {
			size_t len = n - s;
			int l[2];
			adu_lengths(f->buf + s, len, l);
			if (found < 0 &&
			    ((((size_t)l[0] == len) && (want & MBRTU_SHAPE_REQ)) ||
			     (((size_t)l[1] == len) && (want & MBRTU_SHAPE_RSP))) &&
			    crc16_modbus(f->buf + s, len) == 0)
				found = (int)s;
			if ((len = first_due(l, len)) == 0)
				continue;
			due[j] = (uint16_t)len;
			end = s + len;
		}
		if (end < next)
			next = end;
		live[k] = (uint8_t)s;
		due[k++] = due[j];
	}
	f->nlive = k;
	f->next = next;
	return found;
}

/*
 * Where a start whose function code is fc (a known one, maybe with the
 * exception bit) is first due: first_due() of adu_lengths() at length 2,
 * which depends on fc alone. An exception reply is 5 bytes; 1-4 and 23 grow
 * their header at 3 (the byte count); 5 and 6 are 8 bytes; 15 and 16
 * requests grow theirs at 7.
 */
static const uint8_t due_at_fc[24] = {
	[1] = 3, [2] = 3, [3] = 3, [4] = 3, [5] = 8, [6] = 8, [15] = 7, [16] = 7, [23] = 3,
};

/* buf[s] has become a function code: start s - 1 is live, due where its header grows or ends. */
static void
new_start(struct mbrtu_framer *f, size_t s, uint8_t fc)
{
	size_t due = fc & MB_EXCEPTION_BIT ? 5 : due_at_fc[fc];

	f->live[f->nlive] = (uint8_t)(s - 1);
	f->due[f->nlive++] = (uint16_t)due;
	if (s - 1 + due < f->next)
		f->next = s - 1 + due;
}

/*
 * Appends bytes from p[0..len) while the window has room, up to the first
 * that ends a frame; returns how many, with *found the frame's start or -1.
 * The newest start (one byte) is always live and kept out of the list; the
 * next byte is its function code, which ends most starts at once, since a
 * byte of noise or data is rarely one. The others are judged only at the
 * lengths where their shape can change, so each frame's CRC is computed
 * once, over the block, and a byte that is due nowhere costs a few
 * instructions.
 */
static size_t
framer_feed(struct mbrtu_framer *f, const uint8_t *p, size_t len, unsigned want, int *found)
{
	size_t n = f->n, i = 0;

	*found = -1;
	if (len > MBRTU_ADU_MAX - n)
		len = MBRTU_ADU_MAX - n;
	while (i < len) {
		uint8_t b = p[i++];
		f->buf[n++] = b;
		if (n > 1 && fc_known(b & 0x7F))
			new_start(f, n - 1, b);
		if (n >= f->next) {
			f->n = n;
			if ((*found = judge_due(f, want)) >= 0)
				break;
		}
	}
	f->n = n;
	return i;
}

int
mbrtu_framer_add(struct mbrtu_framer *f, uint8_t b, unsigned want)
{
	int found;

	(void)framer_feed(f, &b, 1, want, &found);
	return found;
}

void
mbrtu_framer_drop(struct mbrtu_framer *f, size_t k)
{
	size_t j, m = 0, next = SIZE_MAX;

	if (k > f->n)
		k = f->n;
	if (k < f->n)
		memmove(f->buf, f->buf + k, f->n - k);
	f->n -= k;
	for (j = 0; j < f->nlive; j++) {
		if (f->live[j] < k)
			continue;
		f->live[m] = (uint8_t)(f->live[j] - k);
		f->due[m] = f->due[j];
		if (f->live[m] + (size_t)f->due[m] < next)
			next = f->live[m] + (size_t)f->due[m];
		m++;
	}
	f->nlive = m;
	f->next = next;
}

size_t
mbrtu_framer_dead(const struct mbrtu_framer *f)
{
	for (size_t j = 0; j < f->nlive; j++)
		if (f->live[j] >= 1)
			return f->live[j];
	return f->n > 1 ? f->n - 1 : f->n > 0 ? f->n : 1; /* the newest start, always live */
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
	/* The framer's window (1.3 KB) is read only below its counts, which
	 * mbrtu_framer_init sets: the rest is cleared. */
	memset((uint8_t *)d + offsetof(struct mbrtu_dec, offset), 0,
	       sizeof(*d) - offsetof(struct mbrtu_dec, offset));
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
	struct mbrtu_req_memo *m;

	d->memo_head = (uint8_t)((d->memo_head + MBRTU_REQ_MEMO - 1) % MBRTU_REQ_MEMO);
	m = &d->memo[d->memo_head];
	m->slave = slave;
	m->used = true;
	m->req = *rq;
	m->req.values = NULL;
	m->val[0] = m->val[1] = 0;
	if (rq->function == 5 || rq->function == 6) {
		m->val[0] = rq->values[0];
		m->val[1] = rq->values[1];
	}
}

/* The newest remembered request rsp answers, or -1. */
static int
memo_match(struct mbrtu_dec *d, uint8_t slave, const struct mb_response *rsp)
{
	for (int k = 0; k < MBRTU_REQ_MEMO; k++) {
		int i = (d->memo_head + k) % MBRTU_REQ_MEMO;
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
 * Fills d->fr from the ADU in adu[0..len). Returns 0, or an MB_E_* code when
 * the PDU is neither a valid request nor a valid response.
 */
static int
classify(struct mbrtu_dec *d, const uint8_t *adu, size_t len, bool remember)
{
	struct mbrtu_frame *fr = &d->fr;
	struct mb_request rq;
	struct mb_response rs;
	int rq_err, rs_err, m;

	memset(fr, 0, sizeof(*fr));
	fr->slave = adu[0];
	fr->pdu = adu + 1;
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
			d->req_val[0] = d->memo[m].val[0];
			d->req_val[1] = d->memo[m].val[1];
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

/* Queues the frame w.buf[s..s + len) with its status. */
static void
queue_frame(struct mbrtu_dec *d, size_t s, size_t len, enum frame_status st, const char *err)
{
	struct frame_info *fi = &d->q_frame;
	int e;

	memset(fi, 0, sizeof(*fi));
	fi->offset = d->offset + s;
	fi->length = (uint32_t)len;
	fi->status = st;
	fi->error = err;
	if (st == FRAME_OK || st == FRAME_CRC_ERROR) {
		/* A frame with a bad CRC is not remembered: it must not steer the next. */
		e = classify(d, d->w.buf + s, len, st == FRAME_OK);
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

/*
 * Reports w.buf[s..n) as a frame, and w.buf[0..s) before it as garbage. The
 * frame's details and values point into the window, so it is dropped only
 * once they are drained (forget_taken).
 */
static void
take_frame(struct mbrtu_dec *d, size_t s, enum frame_status st, const char *err)
{
	if (s > 0)
		queue_garbage(d, s);
	queue_frame(d, s, d->w.n - s, st, err);
	d->taken = d->w.n;
}

static bool
pending(const struct mbrtu_dec *d)
{
	return d->has_garbage || d->has_frame || d->rd_next < d->rd_count;
}

/* The events of the last frame are drained: its bytes can go. */
static void
forget_taken(struct mbrtu_dec *d)
{
	if (d->taken > 0) {
		drop(d, d->taken);
		d->taken = 0;
	}
}

size_t
mbrtu_dec_push(struct mbrtu_dec *d, const uint8_t *p, size_t n)
{
	size_t used = 0;

	if (pending(d))
		return 0;
	forget_taken(d);
	while (used < n) {
		int s;
		if (d->w.n == MBRTU_ADU_MAX) {
			/* A full window holds no frame: drop what can no longer start one. */
			size_t k = mbrtu_framer_dead(&d->w);
			queue_garbage(d, k);
			drop(d, k);
			break;
		}
		used += framer_feed(&d->w, p + used, n - used, d->want, &s);
		if (s >= 0) {
			take_frame(d, (size_t)s, FRAME_OK, NULL);
			break;
		}
	}
	return used;
}

/* Line silence or end of input: the bytes so far are all there is of this frame. */
static void
flush(struct mbrtu_dec *d, const char *truncated)
{
	unsigned sh;

	if (pending(d))
		return;
	forget_taken(d);
	if (d->w.n == 0)
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
		if (d->rd_next == 0)
			mb_read_reading(&d->rd, d->fr.slave, &d->fr.req, &d->fr.rsp, 0);
		else
			mb_read_reading_next(&d->rd, d->fr.slave, &d->fr.req, &d->fr.rsp, d->rd_next);
		d->rd_next++;
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
