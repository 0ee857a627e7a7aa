/*
 * SML streaming decoder: transport v1 framing, bare message runs, the
 * frame and message checks. Message and entry syntax live in sml_msg.c,
 * the readings of a checked frame and the events in sml_reading.c.
 */
#include <stddef.h>
#include <string.h>

#include "meterd/crc.h"
#include "meterd/obis.h"
#include "meterd/sml.h"
#include "sml_int.h"
#include "sml_msg.h"

enum {
	ST_HUNT,     /* outside any frame */
	ST_FRAME,    /* inside a transport v1 frame */
	ST_BARE_MSG, /* receiving a bare message */
	ST_BARE_GAP, /* between bare messages of one run */
};

#define START_WINDOW 0x1b1b1b1b01010101ull
#define ESC_BYTE     0x1bu

_Static_assert(SML_DEC_BUF <= SML_ENT_AT + 1, "payload offsets are kept in 14 bits (SML_ENT_*)");
#define MSG_LIST_TL  0x76u /* every message is a list of 6 */

static const uint8_t start_seq[8] = {0x1b, 0x1b, 0x1b, 0x1b, 0x01, 0x01, 0x01, 0x01};
/* The CRC-16/X-25 register after start_seq: every frame CRC begins with it. */
#define START_REG 0x91dcu

static bool
all_esc(const uint8_t b[4])
{
	return b[0] == ESC_BYTE && b[1] == ESC_BYTE && b[2] == ESC_BYTE && b[3] == ESC_BYTE;
}

void
sml_dec_init(struct sml_dec *d)
{
	/* The payload, the entry list and the hex text are written before they are read. */
	_Static_assert(offsetof(struct sml_dec, buf) < offsetof(struct sml_dec, len) &&
	                   offsetof(struct sml_dec, len) < offsetof(struct sml_dec, ents) &&
	                   offsetof(struct sml_dec, ents) < offsetof(struct sml_dec, nents) &&
	                   offsetof(struct sml_dec, nents) < offsetof(struct sml_dec, hex) &&
	                   sizeof(*d) - offsetof(struct sml_dec, hex) - sizeof(d->hex) <
	                       _Alignof(struct sml_dec),
	               "sml_dec_init clears all but buf, ents and hex, in this order (sml.h)");
	memset(d, 0, offsetof(struct sml_dec, buf));
	memset(&d->len, 0, offsetof(struct sml_dec, ents) - offsetof(struct sml_dec, len));
	memset(&d->nents, 0, offsetof(struct sml_dec, hex) - offsetof(struct sml_dec, nents));
	d->state = ST_HUNT;
	d->msg_crc = true;
	d->kermit = true;
	d->rd.type = READING_NUMBER;
}

int
sml_dec_configure(struct sml_dec *d, const char *key, const char *value)
{
	bool v;

	if (strcmp(value, "1") == 0)
		v = true;
	else if (strcmp(value, "0") == 0)
		v = false;
	else
		return -1;
	if (strcmp(key, "lenient_crc") == 0)
		d->lenient_crc = v;
	else if (strcmp(key, "kermit") == 0)
		d->kermit = v;
	else if (strcmp(key, "msg_crc") == 0)
		d->msg_crc = v;
	else if (strcmp(key, "dzg_fix") == 0)
		d->dzg_fix = v;
	else if (strcmp(key, "strict_crc") == 0)
		d->strict_crc = v;
	else
		return -1;
	return 0;
}


static void
emit(struct sml_dec *d, enum frame_status st, const char *err, uint64_t off, uint32_t len)
{
	d->fi.index = d->index++;
	d->fi.offset = off;
	d->fi.length = len;
	d->fi.status = st;
	d->fi.error = st == FRAME_OK ? NULL : err;
	d->fi.detail = &d->det;
	d->det.skipped = off > d->last_end ? (uint32_t)(off - d->last_end) : 0;
	d->last_end = off + len;
	d->out = OUT_FRAME;
}

/*
 * The frame CRC (transport v1) is not run as the bytes arrive: it covers
 * the start sequence, the payload with its escapes and the end escape up
 * to PP, and nearly all of that is messages whose own CRC the parse runs
 * anyway. CRCs are linear, so with `reg` the frame register before a run
 * of n bytes and `x` the run's X-25 register, the register after it is
 * zeros(reg ^ FFFF, n) ^ x: deliver() runs each message's CRC once and
 * folds it in at two lookups per 8 bytes. The escaped 1b1b1b1b data blocks
 * are not in the payload twice as on the wire; a frame with any is summed
 * whole from its payload, an aligned 1b1b1b1b block in it standing for two
 * (the rare case: only when its data holds one). Where the block CRC uses
 * the CPU's carry-less multiply (METERD_CRC_CLMUL, crc.h), a run costs less
 * than the fold, and every frame is summed whole.
 */
#ifdef METERD_CRC_CLMUL
#define FOLD_FRAME_CRC false
#else
#define FOLD_FRAME_CRC true
#endif
struct frame_sum {
	bool     on;      /* folding the messages in (framed, no escaped data) */
	uint16_t reg;     /* frame register up to payload offset `at` */
	size_t   at;
};

static uint16_t
crc_escaped_payload(uint16_t reg, const uint8_t *p, size_t n)
{
	static const uint8_t esc4[4] = {ESC_BYTE, ESC_BYTE, ESC_BYTE, ESC_BYTE};
	size_t at = 0, i = 0;
	const uint8_t *e;

	while (i < n && (e = memchr(p + i, ESC_BYTE, n - i)) != NULL) {
		size_t b = (size_t)(e - p) & ~(size_t)3;
		if (b + 4 <= n && memcmp(p + b, esc4, 4) == 0) {
			reg = crc16_ccitt_refl(reg, p + at, b - at);
			reg = crc16_ccitt_refl(reg, esc4, 4);
			at = b;
			i = b + 4;
		} else {
			i = (size_t)(e - p) + 1;
		}
	}
	return crc16_ccitt_refl(reg, p + at, n - at);
}

/*
 * Checks the payload buf[0..n) message by message and emits the frame,
 * with its values to follow an ok frame (and a CRC-bad but well-formed one
 * under lenient_crc). For a transport frame, `end` is its end escape's
 * command block 1a PP C1 C2 and buf[n..len) its fill; bare SML has none.
 */
static void
deliver(struct sml_dec *d, size_t n, const uint8_t *end, uint64_t off, uint32_t len)
{
	struct sml_ents ents = {d->ents, 0, SML_DEC_ENTS, d->dzg_fix};
	struct frame_sum fs = {FOLD_FRAME_CRC && end != NULL && d->lits == 0, 0, 0};
	enum sml_crc_kind kind = SML_CRC_NONE;
	struct sml_msg m;
	const char *perr = NULL, *err = NULL, *crc_err = NULL;
	size_t pos = 0;
	uint16_t msgs = 0, readings = 0, bad = 0;
	enum frame_status st = FRAME_OK;
	bool values = true;

	if (end != NULL)
		fs.reg = START_REG;
	while (pos < n) {
		if (d->buf[pos] == 0x00) { /* fill between and after messages */
			pos++;
			continue;
		}
		if ((perr = sml_msg_parse_ents(d->buf, n, pos, &m, &ents)) != NULL)
			break;
		if (d->msg_crc || fs.on) {
			size_t k = m.crc_at - pos;
			uint16_t x = crc16_ccitt_refl(CRC16_X25_INIT, d->buf + pos, k);
			uint16_t x25 = (uint16_t)(x ^ 0xFFFFu);
			/* The common case, an X-25 CRC that matches (low byte first), without the call. */
			if (d->msg_crc && m.crc != (uint16_t)(x25 << 8 | x25 >> 8) &&
			    sml_msg_crc_reg(x, k, &m, d->kermit) == SML_CRC_NONE)
				bad++;
			if (fs.on) {
				/* The gap since the last message: its crc16, end, fill. */
				if (pos - fs.at <= 8)
					for (; fs.at < pos; fs.at++)
						fs.reg = crc16_ccitt_refl_step(fs.reg, d->buf[fs.at]);
				else
					fs.reg = crc16_ccitt_refl(fs.reg, d->buf + fs.at, pos - fs.at);
				fs.reg = (uint16_t)(crc16_ccitt_refl_zeros(fs.reg ^ 0xFFFFu, k) ^ x);
				fs.at = m.crc_at;
			}
		}
		msgs++;
		readings = (uint16_t)(readings + m.readings);
		pos = m.end;
	}
	if (end != NULL) {
		uint16_t reg, x25, kermit;
		if (fs.on)
			reg = crc16_ccitt_refl(fs.reg, d->buf + fs.at, d->len - fs.at);
		else if (d->lits == 0)
			reg = crc16_ccitt_refl(START_REG, d->buf, d->len);
		else
			reg = crc_escaped_payload(START_REG, d->buf, d->len);
		/* The end escape 1b1b1b1b and 1a PP. */
		reg = crc16_ccitt_refl_step(reg, ESC_BYTE);
		reg = crc16_ccitt_refl_step(reg, ESC_BYTE);
		reg = crc16_ccitt_refl_step(reg, ESC_BYTE);
		reg = crc16_ccitt_refl_step(reg, ESC_BYTE);
		reg = crc16_ccitt_refl_step(reg, end[0]);
		reg = crc16_ccitt_refl_step(reg, end[1]);
		x25 = (uint16_t)(reg ^ 0xFFFFu);
		if ((uint16_t)(end[2] | end[3] << 8) == x25) {
			kind = SML_CRC_X25;
		} else {
			/* The same register from 0 (crc.h). */
			kermit = (uint16_t)(reg ^ crc16_ccitt_refl_zeros(CRC16_X25_INIT,
			                                                  d->raw_len - 2));
			if ((uint16_t)(end[2] << 8 | end[3]) == kermit)
				kind = SML_CRC_KERMIT;
		}
		if (kind == SML_CRC_NONE)
			crc_err = "frame CRC mismatch";
		else if (kind == SML_CRC_KERMIT && !d->kermit)
			crc_err = "frame CRC is CRC-16/KERMIT (Holley DTZ541 quirk, option kermit)";
	}
	if (crc_err != NULL) {
		st = FRAME_CRC_ERROR;
		err = crc_err;
		values = d->lenient_crc && perr == NULL;
	} else if (perr != NULL) {
		st = FRAME_INVALID;
		err = perr;
		values = false;
	} else if (bad > 0 && (end == NULL || d->strict_crc)) {
		/* Bare SML has no other check; strict_crc keeps the frame CRC from vouching. */
		st = FRAME_CRC_ERROR;
		err = "message CRC mismatch";
		values = d->lenient_crc;
	}
	memset(&d->det, 0, sizeof(d->det));
	d->det.crc = kind;
	d->det.bare = end == NULL;
	d->det.msg_crc_errors = bad;
	d->det.messages = msgs;
	d->det.readings = values ? readings : 0;
	emit(d, st, err, off, len);
	d->nents = values ? (uint16_t)ents.n : 0;
	d->ent_next = 0;
}

/* --- transport v1 frames -------------------------------------------------- */

static void
frame_begin(struct sml_dec *d, uint64_t off)
{
	d->state = ST_FRAME;
	d->fr_off = off;
	d->raw_len = sizeof(start_seq);
	d->lit_at = 0;
	d->lits = 0;
	d->blk_n = 0;
	d->esc = false;
	d->odd_end = false;
	d->len = 0;
}

RARE static void
frame_fail(struct sml_dec *d, enum frame_status st, const char *err, uint32_t len)
{
	memset(&d->det, 0, sizeof(d->det));
	emit(d, st, err, d->fr_off, len);
	d->nents = 0;
	d->state = ST_HUNT;
}

/* The end escape's command block 1a PP C1 C2 has arrived. */
RARE static void
frame_end(struct sml_dec *d, const uint8_t blk[4])
{
	uint8_t pad = blk[1];

	d->state = ST_HUNT;
	/*
	 * The standard allows 0..3 fill bytes; DZG meters also send 4 (a whole
	 * block, smllib Frame1_DZG). The CRC vouches for the count; fill that
	 * is not 00 would show as a malformed message.
	 */
	if (pad > d->len) {
		frame_fail(d, FRAME_INVALID, "bad padding count", d->raw_len);
		return;
	}
	deliver(d, d->len - pad, blk, d->fr_off, d->raw_len);
}

static void
frame_byte(struct sml_dec *d, uint8_t b)
{
	d->raw_len++;
	/* 1b1b1b1b 1a out of 4-byte step: bytes were lost; says why the frame dies. */
	if ((d->window & 0xFFFFFFFFFFull) == 0x1b1b1b1b1aull && (d->raw_len - 5) % 4 != 0)
		d->odd_end = true;
	d->blk[d->blk_n++] = b;
	if (d->blk_n < 4)
		return;
	d->blk_n = 0;
	if (d->esc) {
		d->esc = false;
		if (all_esc(d->blk)) {
			/* An escaped data block 1b1b1b1b. */
			d->lit_at = d->raw_len - 4;
			d->lits++;
		} else if (d->blk[0] == 0x1a) {
			frame_end(d, d->blk);
			return;
		} else {
			frame_fail(d, FRAME_INVALID, "bad escape sequence", d->raw_len);
			return;
		}
	} else {
		if (all_esc(d->blk)) {
			d->esc = true;
			return;
		}
	}
	if (d->len + 4 > sizeof(d->buf)) {
		frame_fail(d, FRAME_INVALID, "frame too long", d->raw_len);
		return;
	}
	memcpy(d->buf + d->len, d->blk, 4);
	d->len += 4;
}

/* --- bare messages -------------------------------------------------------- */

static void
walk_init(struct sml_walk *w)
{
	memset(w, 0, sizeof(*w));
	w->top_left = 6;
}

/*
 * Follows the TL structure of a message being received (its list TL
 * already seen) to find where it ends, checking the shape of the top level
 * (transactionId, groupNo, abortOnError, body with a tag, crc16,
 * endOfSmlMsg) so line noise is dropped within a few bytes.
 * Returns 1 when the message is complete, 0 for more, -1 when it is no message.
 */
static int
walk_byte(struct sml_walk *w, uint8_t b)
{
	enum sml_type t;
	uint32_t len;
	int32_t dl;
	unsigned ntl;
	bool ok;

	if (w->skip > 0) {
		if (--w->skip > 0)
			return 0;
		return w->top_left == 0 && w->inner == 0;
	}
	if (w->tl_n == 0) {
		w->tl0 = b;
		w->tl_len = b & 0x0Fu;
	} else {
		if ((b & 0x70u) != 0)
			return -1;
		w->tl_len = (uint16_t)(w->tl_len << 4 | (b & 0x0Fu));
	}
	w->tl_n++;
	if (b & SML_TL_MORE)
		return w->tl_n < SML_TL_MAX ? 0 : -1;
	t = sml_tl_type(w->tl0);
	len = w->tl_len;
	ntl = w->tl_n;
	w->tl_n = 0;
	if (t == SML_T_BAD)
		return -1;
	if (w->inner == 0) {
		if (w->top_left == 0)
			return -1;
		switch (6 - w->top_left--) {
		case 0:
			ok = t == SML_T_OCTETS;
			break;
		case 1:
		case 2:
		case 4:
			ok = t == SML_T_UINT;
			break;
		case 3:
			ok = t == SML_T_LIST && len == 2;
			w->tag_next = true;
			break;
		default:
			ok = t == SML_T_END;
			break;
		}
		if (!ok)
			return -1;
		if (t == SML_T_LIST) {
			w->inner = len;
			return 0;
		}
	} else {
		w->inner--;
		if (w->tag_next) {
			w->tag_next = false;
			if (t != SML_T_UINT)
				return -1;
		}
		if (t == SML_T_LIST) {
			if (w->inner + len > SML_DEC_BUF) /* cannot fit: not a message */
				return -1;
			w->inner += len;
			return 0;
		}
	}
	if ((dl = sml_scalar_data_len(t, len, ntl)) < 0)
		return -1;
	w->skip = (uint32_t)dl;
	if (dl > 0)
		return 0;
	return w->top_left == 0 && w->inner == 0;
}

static void
bare_begin(struct sml_dec *d, uint64_t at, uint8_t b)
{
	if (d->bare_msgs == 0) {
		d->fr_off = at;
		d->len = 0;
	}
	d->buf[d->len++] = b;
	walk_init(&d->walk);
	d->state = ST_BARE_MSG;
}

/* Ends a run that has messages but no CloseResponse: truncated, no values. */
RARE static void
bare_cut(struct sml_dec *d)
{
	if (d->bare_msgs > 0) {
		memset(&d->det, 0, sizeof(d->det));
		d->det.bare = true;
		emit(d, FRAME_TRUNCATED, "SML messages without CloseResponse", d->fr_off,
		     (uint32_t)d->bare_end);
		d->nents = 0;
	}
	d->bare_msgs = 0;
	d->bare_end = 0;
	d->len = 0;
	d->state = ST_HUNT;
}

/*
 * The message begun at buf[bare_end] is none after all. A real one may
 * start inside it (a partial message swallowed the next one's start), so
 * its bytes after the first, followed by whatever was still queued, are
 * queued at the front of buf to be looked at again. `extra` is a byte that
 * did not fit in buf any more (or -1).
 */
RARE static void
bare_fail(struct sml_dec *d, int extra)
{
	size_t from = d->bare_end + 1, m = d->len - from, rest = d->q_end - d->q;

	memmove(d->buf, d->buf + from, m);
	memmove(d->buf + m, d->buf + d->q, rest);
	d->q = 0;
	d->q_end = m + rest;
	if (extra >= 0)
		d->buf[d->q_end++] = (uint8_t)extra;
	bare_cut(d);
}

static void bare_msg_end(struct sml_dec *d, int r);

static void
bare_byte(struct sml_dec *d, uint8_t b)
{
	int r;

	if (d->len == sizeof(d->buf)) {
		bare_fail(d, b);
		return;
	}
	/* Queued bytes are rewritten in place: len never passes q. */
	d->buf[d->len++] = b;
	if ((r = walk_byte(&d->walk, b)) != 0)
		bare_msg_end(d, r);
}

/* walk_byte's verdict r on the message begun at buf[bare_end]: complete (1) or none (-1). */
RARE static void
bare_msg_end(struct sml_dec *d, int r)
{
	struct sml_msg m;
	/*
	 * A run begins with an OpenResponse: a lone GetList or Close outside a
	 * frame is the tail of a frame whose start was missed, not a reading.
	 */
	if (r > 0 && sml_msg_parse(d->buf, d->len, d->bare_end, &m) == NULL && m.end == d->len &&
	    (d->bare_msgs > 0 || m.tag == SML_OPEN_RES)) {
		d->bare_msgs++;
		d->bare_end = d->len;
		if (m.tag != SML_CLOSE_RES) {
			d->state = ST_BARE_GAP;
			return;
		}
		deliver(d, d->bare_end, NULL, d->fr_off, (uint32_t)d->bare_end);
		d->bare_msgs = 0;
		d->bare_end = 0;
		d->state = ST_HUNT;
		return;
	}
	bare_fail(d, -1);
}

/* --- input ---------------------------------------------------------------- */

/* One byte at stream offset `at`, outside the start-sequence check. */
static void
step_state(struct sml_dec *d, uint8_t b, uint64_t at)
{
	switch (d->state) {
	case ST_HUNT:
		if (b == MSG_LIST_TL)
			bare_begin(d, at, b);
		break;
	case ST_FRAME:
		frame_byte(d, b);
		break;
	case ST_BARE_MSG:
		bare_byte(d, b);
		break;
	case ST_BARE_GAP:
		if (b == MSG_LIST_TL)
			bare_begin(d, at, b);
		else
			bare_cut(d);
		break;
	}
}

/* A byte from the input. */
static void
step(struct sml_dec *d, uint8_t b)
{
	uint64_t at = d->pos++;

	d->window = d->window << 8 | b;
	if (d->window == START_WINDOW) {
		if (d->state == ST_FRAME) {
			/* Not when the 1b1b1b1b is an escaped data block followed by 01010101. */
			if (d->lit_at == 0 || d->raw_len - 7 != d->lit_at) {
				if (d->odd_end)
					frame_fail(d, FRAME_INVALID, "end escape not 4-byte aligned",
					           d->raw_len - 7);
				else
					frame_fail(d, FRAME_TRUNCATED, "start sequence before end escape",
					           d->raw_len - 7);
				frame_begin(d, at - 7);
				return;
			}
		} else {
			bare_cut(d);
			frame_begin(d, at - 7);
			return;
		}
	}
	step_state(d, b, at);
}

/* Looks again at queued bytes (see bare_fail) until they are done or an event is due. */
static void
step_queued(struct sml_dec *d)
{
	while (d->out == OUT_NONE && d->q < d->q_end) {
		uint64_t at = d->pos - (d->q_end - d->q);
		uint8_t b = d->buf[d->q++];
		step_state(d, b, at);
	}
	if (d->q == d->q_end)
		d->q = d->q_end = 0;
}

/* Done with the frame handed out: its payload may go. */
static void
release(struct sml_dec *d)
{
	d->out = OUT_NONE;
	if (d->state == ST_HUNT)
		d->len = 0;
}

/* True when no output is outstanding, so input may move the buffer. */
static bool
out_idle(struct sml_dec *d)
{
	if (d->out == OUT_FRAME)
		return false;
	if (d->out == OUT_READINGS) {
		if (d->ent_next < d->nents)
			return false;
		release(d);
	}
	return true;
}

/* Whether any byte of the 4 in w is c (the classic has-zero-byte test on w ^ cccccccc). */
static inline bool
has_byte(uint32_t w, uint8_t c)
{
	uint32_t x = w ^ (c * 0x01010101u);
	return ((x - 0x01010101u) & ~x & 0x80808080u) != 0;
}

static inline uint32_t
load_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Takes an aligned block of 4 bytes whole: they are in the CRC, the window and the count. */
static void
block_taken(struct sml_dec *d, uint32_t w)
{
	d->window = d->window << 32 | w;
	d->pos += 4;
	d->raw_len += 4;
}

/*
 * Payload blocks a run at a time: from p, the aligned blocks before the
 * next 0x1b byte (memchr finds it) cannot hold an escape, and no start or
 * end sequence can end in them (see frame_blocks), so they go into the CRC
 * and the buffer in two block calls. Returns the bytes taken.
 */
static size_t
frame_run(struct sml_dec *d, const uint8_t *p, size_t n)
{
	const uint8_t *e = memchr(p, ESC_BYTE, n);
	size_t k = (e != NULL ? (size_t)(e - p) : n) & ~(size_t)3;
	size_t room = (sizeof(d->buf) - d->len) & ~(size_t)3;

	if (k > room)
		k = room;
	if (k == 0)
		return 0;
	memcpy(d->buf + d->len, p, k);
	d->len += k;
	d->window = (k >= 8 ? 0 : d->window << 32) | (uint64_t)load_be32(p + k - 4);
	if (k >= 8)
		d->window |= (uint64_t)load_be32(p + k - 8) << 32;
	d->pos += k;
	d->raw_len += (uint32_t)k;
	return k;
}

/*
 * Whether a start sequence, or an end escape out of 4-byte step, ends at
 * one of the bytes of the aligned block w (after the window): the 8 bytes
 * up to each of them, compared whole.
 */
static bool
seq_ends_in(const struct sml_dec *d, uint32_t w)
{
	int k;

	for (k = 0; k < 4; k++) {
		uint64_t y = d->window << (8 * (k + 1)) | (uint64_t)(w >> (8 * (3 - k)));
		if (y == START_WINDOW || (k > 0 && (y & 0xFFFFFFFFFFull) == 0x1b1b1b1b1aull))
			return true;
	}
	return false;
}

/*
 * A frame's aligned blocks while whole blocks are at hand, with the same
 * outcome as frame_byte() on each of their bytes. A start sequence ends in
 * a 01 byte and an out-of-step end escape in a 1a byte, each after four 1b
 * bytes of which at least the last is in this block or the one before: a
 * block where one of them does end (seq_ends_in, looked at only for a block
 * that begins with 01 or 1b where the window has a 1b in the place either
 * needs) goes byte by byte through step() instead (returning here). The end block 1a PP C1 C2 after an escape holds
 * neither (its 1a in front rules both out).
 * Returns the bytes taken; stops early once an event is pending.
 */
static size_t
frame_blocks(struct sml_dec *d, const uint8_t *p, size_t n)
{
	size_t i = 0, k;

	if (d->blk_n != 0)
		return 0;
	while (n - i >= 4 && d->state == ST_FRAME) {
		uint32_t w = load_be32(p + i);

		if (d->esc && p[i] == 0x1a) {
			/* The end escape's command block 1a PP C1 C2. */
			block_taken(d, w);
			memcpy(d->blk, p + i, 4);
			d->esc = false;
			frame_end(d, d->blk);
			return i + 4;
		}
		/*
		 * Either ends in a run of 01 or 1b bytes that begins the block: a
		 * start sequence ending at w[k] has its 1b bytes at the 4th byte
		 * from the window's end whatever k is, an end escape ending at
		 * w[k] (k > 0) one at its last byte.
		 */
		if (((p[i] == 0x01 && (uint8_t)(d->window >> 24) == ESC_BYTE) ||
		     (p[i] == ESC_BYTE && (uint8_t)d->window == ESC_BYTE)) &&
		    seq_ends_in(d, w))
			return i;
		if (!d->esc && !has_byte(w, ESC_BYTE) && (k = frame_run(d, p + i, n - i)) > 0) {
			i += k;
			continue;
		}
		block_taken(d, w);
		i += 4;
		if (d->esc) {
			d->esc = false;
			if (w != 0x1b1b1b1bu) {
				frame_fail(d, FRAME_INVALID, "bad escape sequence", d->raw_len);
				return i;
			}
			/* An escaped data block 1b1b1b1b. */
			d->lit_at = d->raw_len - 4;
			d->lits++;
		} else {
			if (w == 0x1b1b1b1bu) {
				d->esc = true;
				continue;
			}
		}
		if (d->len + 4 > sizeof(d->buf)) {
			frame_fail(d, FRAME_INVALID, "frame too long", d->raw_len);
			return i;
		}
		memcpy(d->buf + d->len, p + i - 4, 4);
		d->len += 4;
	}
	return i;
}

/* Whether a whole start sequence is at p[i..n). */
static bool
start_at(const uint8_t *p, size_t n, size_t i)
{
	return n - i >= sizeof(start_seq) && memcmp(p + i, start_seq, sizeof(start_seq)) == 0;
}

/* Bytes p[0..n) that change no state: into the window and the count. */
static void
pass_over(struct sml_dec *d, const uint8_t *p, size_t n)
{
	size_t j;

	if (n >= 8) {
		d->window = (uint64_t)load_be32(p + n - 8) << 32 | load_be32(p + n - 4);
	} else {
		for (j = 0; j < n; j++)
			d->window = d->window << 8 | p[j];
	}
	d->pos += n;
}

/* A start sequence at p[i] ends the hunt. Returns the bytes taken. */
static size_t
hunt_start(struct sml_dec *d, size_t i)
{
	d->pos += i + sizeof(start_seq);
	d->window = START_WINDOW;
	bare_cut(d);
	frame_begin(d, d->pos - sizeof(start_seq));
	return i + sizeof(start_seq);
}

/*
 * Outside any frame only a 76 (a bare message's list TL) or a 01 (the last
 * byte of a start sequence) can change the state: the bytes before the
 * next of them only pass through the window. A 01 matters only within the
 * first 7 bytes, where a start sequence may have begun before p, and there
 * only when it ends one (the window says); further
 * on, memchr finds the next 76 and each 1b before it. A whole start sequence is
 * taken at once: none ends before its last byte, and it holds no 76.
 * Returns the bytes taken.
 */
static size_t
hunt_skip(struct sml_dec *d, const uint8_t *p, size_t n)
{
	size_t i = 0, lim;
	const uint8_t *e;
	uint64_t w = d->window;

	for (; i < n && i < sizeof(start_seq) - 1; i++) {
		if (p[i] == MSG_LIST_TL || (p[i] == 0x01 && (w << 8 | 0x01) == START_WINDOW))
			goto stop;
		if (p[i] == ESC_BYTE && start_at(p, n, i))
			return hunt_start(d, i);
		w = w << 8 | p[i];
	}
	/* Past them, a 01 ends no start sequence that its 1b would not have shown. */
	e = i < n ? memchr(p + i, MSG_LIST_TL, n - i) : NULL;
	lim = e != NULL ? (size_t)(e - p) : n;
	while (i < lim && (e = memchr(p + i, ESC_BYTE, lim - i)) != NULL) {
		i = (size_t)(e - p);
		if (start_at(p, n, i))
			return hunt_start(d, i);
		i++;
	}
	i = lim;
stop:
	pass_over(d, p, i);
	return i;
}

/* Whether a whole start sequence is anywhere in p[0..n). */
static bool
start_in(const uint8_t *p, size_t n)
{
	const uint8_t *e;
	size_t i = 0;

	while (i < n && (e = memchr(p + i, ESC_BYTE, n - i)) != NULL) {
		i = (size_t)(e - p);
		if (start_at(p, n, i))
			return true;
		i++;
	}
	return false;
}

/*
 * A bare message begun by the 76 at p[0] (outside a frame, or after the
 * messages of a run) that the input already holds to where walk_byte
 * decides on it, with no start sequence on the way: the same outcome as
 * the byte path, which would take each byte through step(), with less
 * work. A complete one is taken whole and judged (bare_msg_end). One that
 * is none, outside a run, is just its 76: the byte path would queue the
 * bytes after it to look at again (bare_fail) and find what this finds
 * when it goes on at p[1]. Returns the bytes taken, 0 to leave p to the
 * byte path (the input or buf ends first, a start sequence, a failed
 * message that ends a run).
 */
static size_t
bare_fast(struct sml_dec *d, const uint8_t *p, size_t n)
{
	size_t base = d->state == ST_BARE_GAP ? d->len : 0, lim = n, j;
	struct sml_walk w;
	int r = 0;

	if (lim > sizeof(d->buf) - base)
		lim = sizeof(d->buf) - base;
	walk_init(&w);
	for (j = 1; j < lim; j++) {
		if (w.skip > 1) { /* data bytes: walk_byte only counts them */
			if (w.skip - 1 >= lim - j)
				return 0;
			j += w.skip - 1;
			w.skip = 1;
		}
		if ((r = walk_byte(&w, p[j])) != 0)
			break;
	}
	if (j >= lim || start_in(p + 1, j))
		return 0;
	if (r < 0) {
		if (d->state != ST_HUNT)
			return 0;
		pass_over(d, p, 1);
		return 1;
	}
	if (d->bare_msgs == 0)
		d->fr_off = d->pos;
	memcpy(d->buf + base, p, j + 1);
	d->len = base + j + 1;
	d->walk = w;
	d->state = ST_BARE_MSG;
	pass_over(d, p, j + 1);
	bare_msg_end(d, 1);
	return j + 1;
}

/*
 * Inside a bare message, the data bytes of a scalar but its last only pass
 * into buf, the window and the count (walk_byte counts them off), unless
 * one is a 01 that could end a start sequence: taken here up to the first
 * such, and no further than buf has room for. Returns the bytes taken.
 */
static size_t
bare_skip(struct sml_dec *d, const uint8_t *p, size_t n)
{
	size_t k = d->walk.skip > 1 ? d->walk.skip - 1 : 0, j;
	uint64_t w = d->window;
	uint8_t *out = d->buf + d->len;

	if (k > n)
		k = n;
	if (k > sizeof(d->buf) - d->len)
		k = sizeof(d->buf) - d->len;
	for (j = 0; j < k && p[j] != 0x01; j++) {
		out[j] = p[j];
		w = w << 8 | p[j];
	}
	d->window = w;
	d->len += j;
	d->pos += j;
	d->walk.skip -= (uint32_t)j;
	return j;
}

size_t
sml_dec_push(struct sml_dec *d, const uint8_t *p, size_t n)
{
	size_t i = 0, k;

	if (!out_idle(d))
		return 0;
	for (;;) {
		if (d->q < d->q_end)
			step_queued(d);
		if (i == n || d->out != OUT_NONE)
			return i;
		if (d->q == d->q_end) {
			if (d->state == ST_FRAME)
				k = frame_blocks(d, p + i, n - i);
			else if (d->state == ST_HUNT)
				k = hunt_skip(d, p + i, n - i);
			else if (d->state == ST_BARE_MSG)
				k = bare_skip(d, p + i, n - i);
			else
				k = 0;
			i += k;
			if (i == n || d->out != OUT_NONE)
				return i;
			/* The state may have changed (a start sequence begins a frame): its own path next. */
			if (k > 0)
				continue;
			if (p[i] == MSG_LIST_TL && (d->state == ST_HUNT || d->state == ST_BARE_GAP) &&
			    (k = bare_fast(d, p + i, n - i)) > 0) {
				i += k;
				continue;
			}
		}
		step(d, p[i++]);
	}
}

/* After sml_dec_finish: the queue, then the unfinished frame, one event at a time. */
static void
finish_step(struct sml_dec *d)
{
	step_queued(d);
	/* A message still open at the end is none: its bytes may hold the start of one. */
	while (d->out == OUT_NONE && d->state == ST_BARE_MSG) {
		bare_fail(d, -1);
		if (d->out == OUT_NONE)
			step_queued(d);
	}
	if (d->out != OUT_NONE || d->q < d->q_end || d->finished)
		return;
	d->finished = true;
	switch (d->state) {
	case ST_FRAME:
		frame_fail(d, FRAME_TRUNCATED, "end of input inside frame", d->raw_len);
		break;
	case ST_BARE_MSG:
	case ST_BARE_GAP:
		bare_cut(d);
		break;
	}
}

void
sml_dec_finish(struct sml_dec *d)
{
	d->finishing = true;
	if (out_idle(d))
		finish_step(d);
}

/*
 * The frame's readings are all out: its bytes are let go and, at the end
 * of input, what is left is decoded. True when that gave a frame to emit.
 */
bool
sml_frame_done(struct sml_dec *d)
{
	d->ent_next = d->nents;
	release(d);
	if (!d->finishing)
		return false;
	finish_step(d);
	return d->out == OUT_FRAME;
}

const struct frame_info *
sml_dec_frame(const struct sml_dec *d)
{
	return &d->fi;
}

const struct reading *
sml_dec_reading(const struct sml_dec *d)
{
	return &d->rd;
}

const uint8_t *
sml_dec_octets(const struct sml_dec *d, size_t *len)
{
	*len = d->rd.type == READING_TEXT ? d->octets_len : 0;
	return d->rd.type == READING_TEXT ? d->octets : NULL;
}

int
sml_detect(const uint8_t *p, size_t n)
{
	struct sml_msg m;
	size_t i;

	for (i = 0; i + sizeof(start_seq) <= n; i++)
		if (memcmp(p + i, start_seq, sizeof(start_seq)) == 0)
			return i == 0 ? 95 : 85;
	for (i = 0; i < n && i < 64; i++)
		if (p[i] == MSG_LIST_TL && sml_msg_parse(p, n, i, &m) == NULL)
			return 80;
	return 0;
}

/* --- decoder_ops ---------------------------------------------------------- */

DECODER_OPS_DEFINE(sml, sml_dec, struct sml_dec, sml_detect);
