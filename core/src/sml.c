/*
 * SML streaming decoder: transport v1 framing, bare message runs, and the
 * walk over a checked frame that hands out one reading per list entry.
 * Message and entry syntax live in sml_msg.c.
 */
#include <stddef.h>
#include <string.h>

#include "meterd/crc.h"
#include "meterd/obis.h"
#include "meterd/sml.h"
#include "sml_msg.h"

/* Hex text 16 bytes a step where SSE2 is (every x86-64). */
#if defined(__SSE2__) && !defined(__OPTIMIZE_SIZE__)
#include <emmintrin.h>
#define SML_HEX_SSE2 1
#endif

enum {
	ST_HUNT,     /* outside any frame */
	ST_FRAME,    /* inside a transport v1 frame */
	ST_BARE_MSG, /* receiving a bare message */
	ST_BARE_GAP, /* between bare messages of one run */
};

/*
 * The ends of frames and messages, kept out of the per-byte paths that
 * call them so those stay small (when not optimising for size anyway);
 * also a reading's fill, so the event call for a frame or the end does
 * not save the registers the fill needs.
 */
#if defined(__GNUC__) && !defined(__OPTIMIZE_SIZE__)
#define RARE __attribute__((noinline))
#else
#define RARE
#endif

enum {
	OUT_NONE,
	OUT_FRAME,    /* DEC_FRAME not yet taken */
	OUT_READINGS, /* readings of the frame being handed out */
};

#define START_WINDOW 0x1b1b1b1b01010101ull
#define ESC_BYTE     0x1bu

_Static_assert(SML_DEC_BUF <= SML_ENT_AT + 1, "payload offsets are kept in 14 bits (SML_ENT_*)");
#define MSG_LIST_TL  0x76u /* every message is a list of 6 */

static const uint8_t start_seq[8] = {0x1b, 0x1b, 0x1b, 0x1b, 0x01, 0x01, 0x01, 0x01};
/* The CRC-16/X-25 register after start_seq: every frame CRC begins with it. */
#define START_REG 0x91dcu

/*
 * DLMS unit symbols (IEC 62056-62 / Blue Book "unit" enumeration) by code
 * from 0; codes without a symbol are empty. Rows as wide as the reading's
 * field, so a reading copies its unit whole without looking for the end;
 * 10 bytes (the longest symbol and its NUL) with -Os, where the ESP8266
 * keeps them in DRAM.
 */
#ifndef __OPTIMIZE_SIZE__
#define UNIT_ROW READING_UNIT_MAX
#else
#define UNIT_ROW 10
#endif
_Static_assert(UNIT_ROW <= READING_UNIT_MAX, "a unit row is copied whole");
static const char unit_names[][UNIT_ROW] = {
	"", "a", "mo", "wk", "d", "h", "min", "s", "\302\260", "\302\260C", "", "m", "m/s", "m3",
	"m3", "m3/h", "m3/h", "m3/d", "m3/d", "l", "kg", "N", "Nm", "Pa", "bar", "J", "J/h", "W",
	"VA", "var", "Wh", "VAh", "varh", "A", "C", "V", "V/m", "F", "Ohm", "Ohm m2/m", "Wb", "T",
	"A/m", "H", "Hz", "1/(Wh)", "1/(varh)", "1/(VAh)", "V2h", "A2h", "kg/s", "S", "K",
	"1/(V2h)", "1/(A2h)", "1/m3", "%", "Ah", "", "", "Wh/m3", "J/m3", "Mol %", "g/m3", "Pa s",
	"J/kg", "g/cm2", "atm", "", "", "dBm", "dBuV", "dB",
};

const char *
sml_unit_text(uint8_t code)
{
	return code < sizeof(unit_names) / sizeof(unit_names[0]) ? unit_names[code] : unit_names[0];
}

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

/* A reading's unit code and symbol, the whole field written. */
static inline void
put_unit(struct reading *r, uint8_t code)
{
	r->unit_code = code;
	memcpy(r->unit, sml_unit_text(code), UNIT_ROW);
	if (UNIT_ROW < sizeof(r->unit))
		memset(r->unit + UNIT_ROW, 0, sizeof(r->unit) - UNIT_ROW);
}

/* --- events -------------------------------------------------------------- */

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

/* --- readings ------------------------------------------------------------- */

static bool
printable(const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] < 0x20 || p[i] > 0x7e)
			return false;
	return true;
}

#ifndef __OPTIMIZE_SIZE__
/* Both hex digits of every byte value (host; -Os looks each digit up). */
static const char hex_pairs[2 * 256 + 1] =
	    "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
	    "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"
	    "404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f"
	    "606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f"
	    "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"
	    "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf"
	    "c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf"
	    "e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff";

#ifdef SML_HEX_SSE2
/*
 * Hex digits of 16 nibbles (a byte's high one before its low one), each
 * made a digit by adding '0', and 'a' - '0' - 10 more where it is above 9.
 */
static inline __m128i
hex_digits(__m128i nibbles)
{
	__m128i above = _mm_cmpgt_epi8(nibbles, _mm_set1_epi8(9));

	return _mm_add_epi8(_mm_add_epi8(nibbles, _mm_set1_epi8('0')),
	                    _mm_and_si128(above, _mm_set1_epi8('a' - '0' - 10)));
}

static inline void
hex16(char *out, const uint8_t *p)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p), lo4 = _mm_set1_epi8(0x0F);
	__m128i hi = _mm_and_si128(_mm_srli_epi16(v, 4), lo4), lo = _mm_and_si128(v, lo4);

	_mm_storeu_si128((__m128i *)(void *)out, hex_digits(_mm_unpacklo_epi8(hi, lo)));
	_mm_storeu_si128((__m128i *)(void *)(out + 16), hex_digits(_mm_unpackhi_epi8(hi, lo)));
}

static inline void
hex8(char *out, const uint8_t *p)
{
	__m128i v = _mm_loadl_epi64((const __m128i *)(const void *)p), lo4 = _mm_set1_epi8(0x0F);
	__m128i hi = _mm_and_si128(_mm_srli_epi16(v, 4), lo4), lo = _mm_and_si128(v, lo4);

	_mm_storeu_si128((__m128i *)(void *)out, hex_digits(_mm_unpacklo_epi8(hi, lo)));
}
#endif

static size_t
hex_put(char *out, const uint8_t *p, size_t n)
{
	size_t i = 0;

#ifdef SML_HEX_SSE2
	/*
	 * 16 bytes a step, then the last 16 (or, from 8, 8 and the last 8) again
	 * overlapping the ones done: the same text twice.
	 */
	if (n >= 16) {
		for (; n - i >= 16; i += 16)
			hex16(out + 2 * i, p + i);
		if (i < n)
			hex16(out + 2 * (n - 16), p + n - 16);
		out[2 * n] = '\0';
		return 2 * n;
	}
	if (n >= 8) {
		hex8(out, p);
		hex8(out + 2 * (n - 8), p + n - 8);
		out[2 * n] = '\0';
		return 2 * n;
	}
#endif
	for (; n - i >= 4; i += 4) { /* four pairs a step: a quarter of the loop's own work */
		memcpy(out + 2 * i, hex_pairs + 2 * p[i], 2);
		memcpy(out + 2 * i + 2, hex_pairs + 2 * p[i + 1], 2);
		memcpy(out + 2 * i + 4, hex_pairs + 2 * p[i + 2], 2);
		memcpy(out + 2 * i + 6, hex_pairs + 2 * p[i + 3], 2);
	}
	for (; i < n; i++)
		memcpy(out + 2 * i, hex_pairs + 2 * p[i], 2);
	out[2 * n] = '\0';
	return 2 * n;
}
#else
static size_t
hex_put(char *out, const uint8_t *p, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 0x0F];
	}
	out[2 * n] = '\0';
	return 2 * n;
}
#endif

/*
 * An objName of 6 bytes as OBIS text "A-B:C.D.E*F", as obis_format() writes
 * it, here because every reading has one. Each group comes from a table of
 * 8-byte rows: its digits and a '.', NUL-padded to 7, then their count. A
 * row is copied whole and the next lands on its padding, so a group costs a
 * load, a store and an add; the separators other than '.' then overwrite
 * the '.'. The caller clears out[8..28) first; the last row's count is
 * cleared after. With -Os (the ESP8266 build) from a pair table instead, a
 * tenth of the size.
 */
#ifndef __OPTIMIZE_SIZE__
static const char obis_dot[256 * 8 + 1] =
	    "0.\000\000\000\000\000\0021.\000\000\000\000\000\0022.\000\000\000\000\000\002"
	    "3.\000\000\000\000\000\0024.\000\000\000\000\000\0025.\000\000\000\000\000\002"
	    "6.\000\000\000\000\000\0027.\000\000\000\000\000\0028.\000\000\000\000\000\002"
	    "9.\000\000\000\000\000\00210.\000\000\000\000\00311.\000\000\000\000\003"
	    "12.\000\000\000\000\00313.\000\000\000\000\00314.\000\000\000\000\003"
	    "15.\000\000\000\000\00316.\000\000\000\000\00317.\000\000\000\000\003"
	    "18.\000\000\000\000\00319.\000\000\000\000\00320.\000\000\000\000\003"
	    "21.\000\000\000\000\00322.\000\000\000\000\00323.\000\000\000\000\003"
	    "24.\000\000\000\000\00325.\000\000\000\000\00326.\000\000\000\000\003"
	    "27.\000\000\000\000\00328.\000\000\000\000\00329.\000\000\000\000\003"
	    "30.\000\000\000\000\00331.\000\000\000\000\00332.\000\000\000\000\003"
	    "33.\000\000\000\000\00334.\000\000\000\000\00335.\000\000\000\000\003"
	    "36.\000\000\000\000\00337.\000\000\000\000\00338.\000\000\000\000\003"
	    "39.\000\000\000\000\00340.\000\000\000\000\00341.\000\000\000\000\003"
	    "42.\000\000\000\000\00343.\000\000\000\000\00344.\000\000\000\000\003"
	    "45.\000\000\000\000\00346.\000\000\000\000\00347.\000\000\000\000\003"
	    "48.\000\000\000\000\00349.\000\000\000\000\00350.\000\000\000\000\003"
	    "51.\000\000\000\000\00352.\000\000\000\000\00353.\000\000\000\000\003"
	    "54.\000\000\000\000\00355.\000\000\000\000\00356.\000\000\000\000\003"
	    "57.\000\000\000\000\00358.\000\000\000\000\00359.\000\000\000\000\003"
	    "60.\000\000\000\000\00361.\000\000\000\000\00362.\000\000\000\000\003"
	    "63.\000\000\000\000\00364.\000\000\000\000\00365.\000\000\000\000\003"
	    "66.\000\000\000\000\00367.\000\000\000\000\00368.\000\000\000\000\003"
	    "69.\000\000\000\000\00370.\000\000\000\000\00371.\000\000\000\000\003"
	    "72.\000\000\000\000\00373.\000\000\000\000\00374.\000\000\000\000\003"
	    "75.\000\000\000\000\00376.\000\000\000\000\00377.\000\000\000\000\003"
	    "78.\000\000\000\000\00379.\000\000\000\000\00380.\000\000\000\000\003"
	    "81.\000\000\000\000\00382.\000\000\000\000\00383.\000\000\000\000\003"
	    "84.\000\000\000\000\00385.\000\000\000\000\00386.\000\000\000\000\003"
	    "87.\000\000\000\000\00388.\000\000\000\000\00389.\000\000\000\000\003"
	    "90.\000\000\000\000\00391.\000\000\000\000\00392.\000\000\000\000\003"
	    "93.\000\000\000\000\00394.\000\000\000\000\00395.\000\000\000\000\003"
	    "96.\000\000\000\000\00397.\000\000\000\000\00398.\000\000\000\000\003"
	    "99.\000\000\000\000\003100.\000\000\000\004101.\000\000\000\004"
	    "102.\000\000\000\004103.\000\000\000\004104.\000\000\000\004105.\000\000\000\004"
	    "106.\000\000\000\004107.\000\000\000\004108.\000\000\000\004109.\000\000\000\004"
	    "110.\000\000\000\004111.\000\000\000\004112.\000\000\000\004113.\000\000\000\004"
	    "114.\000\000\000\004115.\000\000\000\004116.\000\000\000\004117.\000\000\000\004"
	    "118.\000\000\000\004119.\000\000\000\004120.\000\000\000\004121.\000\000\000\004"
	    "122.\000\000\000\004123.\000\000\000\004124.\000\000\000\004125.\000\000\000\004"
	    "126.\000\000\000\004127.\000\000\000\004128.\000\000\000\004129.\000\000\000\004"
	    "130.\000\000\000\004131.\000\000\000\004132.\000\000\000\004133.\000\000\000\004"
	    "134.\000\000\000\004135.\000\000\000\004136.\000\000\000\004137.\000\000\000\004"
	    "138.\000\000\000\004139.\000\000\000\004140.\000\000\000\004141.\000\000\000\004"
	    "142.\000\000\000\004143.\000\000\000\004144.\000\000\000\004145.\000\000\000\004"
	    "146.\000\000\000\004147.\000\000\000\004148.\000\000\000\004149.\000\000\000\004"
	    "150.\000\000\000\004151.\000\000\000\004152.\000\000\000\004153.\000\000\000\004"
	    "154.\000\000\000\004155.\000\000\000\004156.\000\000\000\004157.\000\000\000\004"
	    "158.\000\000\000\004159.\000\000\000\004160.\000\000\000\004161.\000\000\000\004"
	    "162.\000\000\000\004163.\000\000\000\004164.\000\000\000\004165.\000\000\000\004"
	    "166.\000\000\000\004167.\000\000\000\004168.\000\000\000\004169.\000\000\000\004"
	    "170.\000\000\000\004171.\000\000\000\004172.\000\000\000\004173.\000\000\000\004"
	    "174.\000\000\000\004175.\000\000\000\004176.\000\000\000\004177.\000\000\000\004"
	    "178.\000\000\000\004179.\000\000\000\004180.\000\000\000\004181.\000\000\000\004"
	    "182.\000\000\000\004183.\000\000\000\004184.\000\000\000\004185.\000\000\000\004"
	    "186.\000\000\000\004187.\000\000\000\004188.\000\000\000\004189.\000\000\000\004"
	    "190.\000\000\000\004191.\000\000\000\004192.\000\000\000\004193.\000\000\000\004"
	    "194.\000\000\000\004195.\000\000\000\004196.\000\000\000\004197.\000\000\000\004"
	    "198.\000\000\000\004199.\000\000\000\004200.\000\000\000\004201.\000\000\000\004"
	    "202.\000\000\000\004203.\000\000\000\004204.\000\000\000\004205.\000\000\000\004"
	    "206.\000\000\000\004207.\000\000\000\004208.\000\000\000\004209.\000\000\000\004"
	    "210.\000\000\000\004211.\000\000\000\004212.\000\000\000\004213.\000\000\000\004"
	    "214.\000\000\000\004215.\000\000\000\004216.\000\000\000\004217.\000\000\000\004"
	    "218.\000\000\000\004219.\000\000\000\004220.\000\000\000\004221.\000\000\000\004"
	    "222.\000\000\000\004223.\000\000\000\004224.\000\000\000\004225.\000\000\000\004"
	    "226.\000\000\000\004227.\000\000\000\004228.\000\000\000\004229.\000\000\000\004"
	    "230.\000\000\000\004231.\000\000\000\004232.\000\000\000\004233.\000\000\000\004"
	    "234.\000\000\000\004235.\000\000\000\004236.\000\000\000\004237.\000\000\000\004"
	    "238.\000\000\000\004239.\000\000\000\004240.\000\000\000\004241.\000\000\000\004"
	    "242.\000\000\000\004243.\000\000\000\004244.\000\000\000\004245.\000\000\000\004"
	    "246.\000\000\000\004247.\000\000\000\004248.\000\000\000\004249.\000\000\000\004"
	    "250.\000\000\000\004251.\000\000\000\004252.\000\000\000\004253.\000\000\000\004"
	    "254.\000\000\000\004255.\000\000\000\004";
_Static_assert(READING_ID_MAX >= 20 + 8, "groups before F end by out[20], F's row is 8 bytes");

static void
obis_text(char *out, const uint8_t b[6])
{
	const char *g;
	size_t n = 0;

#define OBIS_GROUP(i)                                      \
	do {                                               \
		g = obis_dot + 8 * (unsigned)b[i];         \
		memcpy(out + n, g, 8);                     \
		n += (uint8_t)g[7];                        \
	} while (0)
	/* Most ids begin with single-digit groups ("1-0:") and end in "*255". */
	if ((b[0] | b[1]) < 10) {
		out[0] = (char)('0' + b[0]);
		out[1] = '-';
		out[2] = (char)('0' + b[1]);
		out[3] = ':';
		n = 4;
	} else {
		OBIS_GROUP(0);
		out[n - 1] = '-';
		OBIS_GROUP(1);
		out[n - 1] = ':';
	}
	OBIS_GROUP(2);
	OBIS_GROUP(3);
	OBIS_GROUP(4);
	if (b[5] == 255) {
		memcpy(out + n - 1, "*255\0\0\0", 8); /* and clears E's row */
		return;
	}
	out[n - 1] = '*';
	g = obis_dot + 8 * (unsigned)b[5];
	memcpy(out + n, g, 8);
	out[n + 7] = '\0'; /* the row's count */
	n += (uint8_t)g[7];
	out[n - 1] = '\0';
#undef OBIS_GROUP
}
#else
static void
obis_text(char *out, const uint8_t b[6])
{
	static const char pairs[] = "00010203040506070809101112131415161718192021222324"
	                            "25262728293031323334353637383940414243444546474849"
	                            "50515253545556575859606162636465666768697071727374"
	                            "75767778798081828384858687888990919293949596979899";
	static const char sep[6] = {'-', ':', '.', '.', '*', '\0'};
	size_t n = 0;
	int i;

	for (i = 0; i < 6; i++) {
		unsigned v = b[i];
		if (v >= 100) {
			out[n++] = (char)('0' + (v >= 200 ? 2 : 1));
			v -= v >= 200 ? 200 : 100;
			out[n++] = pairs[2 * v];
		} else if (v >= 10) {
			out[n++] = pairs[2 * v];
		}
		out[n++] = pairs[2 * v + 1];
		out[n++] = sep[i];
	}
}
#endif

/*
 * A reading's id from its objName: OBIS text for 6 bytes, else "sml:" and
 * the first bytes in hex. The whole field is written, NUL-padded.
 */
static inline void
put_id(char *id, const uint8_t *name, size_t len)
{
	if (len == 6) {
		/* Its text takes 12 to 24 bytes (28 with the padding of the rows). */
		memset(id + 8, 0, READING_ID_MAX - 8);
		obis_text(id, name);
	} else {
		size_t n = len < (READING_ID_MAX - 5) / 2 ? len : (READING_ID_MAX - 5) / 2;
		memset(id, 0, READING_ID_MAX);
		memcpy(id, "sml:", 4);
		hex_put(id + 4, name, n);
	}
}

/* An octet-string value: the text of the reading (as is when printable, else hex). */
RARE static void
put_text(struct sml_dec *d, const uint8_t *p, size_t len)
{
	struct reading *r = &d->rd;

	r->type = READING_TEXT;
	d->octets = p;
	d->octets_len = len;
	if (printable(p, len)) {
		r->text = p;
		r->text_len = len;
	} else {
		size_t n = len < SML_DEC_HEX_MAX ? len : SML_DEC_HEX_MAX;
		r->text = (const uint8_t *)d->hex;
		r->text_len = hex_put(d->hex, p, n);
	}
}

static void
fill_reading(struct sml_dec *d, const struct sml_entry *en, bool dzg)
{
	struct reading *r = &d->rd;
	const struct sml_el *v = &en->value;

	reading_clear(r);
	put_id(r->id, en->name, en->name_len);
	if (en->has_scaler) {
		r->scaler = en->scaler;
		r->has |= READING_HAS_SCALER;
	}
	if (v->type == SML_T_OCTETS) {
		put_text(d, v->data, v->len);
	} else if (en->value_is_time) {
		r->raw = en->value_utc;
		r->has |= READING_HAS_TIME_VALUE;
	} else if (v->type == SML_T_UINT && v->len == 8 && sml_el_uint(v) > (uint64_t)INT64_MAX) {
		r->raw = (int64_t)(sml_el_uint(v) / 10);
		r->scaler = (int8_t)(r->scaler + 1);
	} else {
		r->raw = dzg ? (int64_t)sml_el_uint(v) : sml_el_int(v);
	}
	if (en->has_unit) {
		r->unit_code = en->unit;
		put_unit(r, en->unit);
	}
	if (en->has_status) {
		r->status = en->status;
		r->has |= READING_HAS_STATUS;
	}
	r->time_kind = en->time_kind;
	r->time = en->time;
	if (en->time_kind == READING_TIME_LOCAL) {
		r->utc_offset = en->utc_offset;
		r->has |= READING_HAS_UTC_OFFSET;
	}
}

/*
 * The big-endian value of an integer by its TL (1..8 data bytes after it),
 * as the low bytes of the 8 that end with its last one: a field of a list
 * entry has them in buf, the entry being at least 15 bytes into its message
 * (76, transactionId, groupNo, abortOnError, 72, tag, 77 and four fields of
 * the GetListResponse before valList's TL, each at least a byte).
 */
static inline uint64_t
be_tl(const uint8_t *tl)
{
	unsigned n = sml_tl_scalar[*tl] - 1u;
	const uint8_t *e = tl + 1 + n - 8;
	uint64_t v = (uint64_t)e[0] << 56 | (uint64_t)e[1] << 48 | (uint64_t)e[2] << 40 |
	             (uint64_t)e[3] << 32 | (uint64_t)e[4] << 24 | (uint64_t)e[5] << 16 |
	             (uint64_t)e[6] << 8 | e[7];

	return v << (64 - 8 * n) >> (64 - 8 * n); /* n is 1..8 */
}

#define TL_IS_INT(b) (((b) & 0x70) == 0x50 || ((b) & 0x70) == 0x60)

/*
 * fill_reading for an entry of the common shape (SML_ENT_FAST): the parse
 * before the frame was reported checked it, so its elements are found from
 * their TL bytes alone, and go straight into the reading: objName, status,
 * valTime (a scalar, or the list 72 62 0t 6x..), unit, scaler, value, all
 * one-byte-TL scalars but a value that is a long octet string. Every field
 * of the reading SML sets is written here; the others (index, quantity,
 * name, label, ...) stay as sml_dec_init left them, zero, so the reading is
 * not cleared first.
 */
RARE static void
fill_fast(struct sml_dec *d, size_t at, bool dzg)
{
	struct reading *r = &d->rd;
	const uint8_t *p = d->buf;
	size_t name = at + 1, status, vt, unit, scaler, value, vdata;
	unsigned name_len = sml_tl_scalar[p[name]] - 1u, vlen;
	enum reading_time tkind = READING_TIME_NONE;
	uint16_t has = 0;
	int8_t sc = 0;
	int64_t raw = 0, time = 0;
	uint8_t vtl;

	/* The id first: fewer values live across its call. */
	put_id(r->id, p + name + 1, name_len);
	status = name + 1 + name_len;
	vt = status + sml_tl_scalar[p[status]];
	if (sml_tl_scalar[p[vt]] != 0) {
		unit = vt + sml_tl_scalar[p[vt]];
		if ((p[vt] & 0x70) == 0x60) /* a bare Unsigned32: Holley's secIndex */
			tkind = READING_TIME_SECINDEX;
	} else {
		tkind = p[vt + 2] == 1 ? READING_TIME_SECINDEX : READING_TIME_UNIX;
		vt += 3;
		unit = vt + sml_tl_scalar[p[vt]];
	}
	scaler = unit + sml_tl_scalar[p[unit]];
	value = scaler + sml_tl_scalar[p[scaler]];
	vtl = p[value];
	vlen = sml_tl_scalar[vtl] - 1u;
	vdata = value + 1;
	if (vtl & SML_TL_MORE) { /* an octet string with a two-byte TL (entry_fast) */
		vlen = ((vtl & 0x0Fu) << 4 | (p[value + 1] & 0x0Fu)) - 2u;
		vdata = value + 2;
	}

	/* An integer's low byte is its last: all an int8 scaler or a unit code keeps. */
	if (TL_IS_INT(p[scaler])) {
		sc = (int8_t)p[value - 1];
		has = READING_HAS_SCALER;
	}
	if (tkind != READING_TIME_NONE)
		time = (int64_t)be_tl(p + vt);
	r->type = READING_NUMBER;
	r->text = NULL;
	r->text_len = 0;
	if ((vtl & 0x70) == 0x00) { /* octets */
		put_text(d, p + vdata, vlen);
	} else if ((vtl & 0x70) == 0x60) { /* unsigned */
		uint64_t v = be_tl(p + value);
		if (vlen <= 4 && name_len == 6 && p[name + 1] == 0 && p[name + 3] == 1 &&
		    p[name + 4] == 0) {
			/* A clock object's plain Unsigned32: seconds since 1970 (entry_fast). */
			raw = (int64_t)v;
			has |= READING_HAS_TIME_VALUE;
			tkind = READING_TIME_UNIX;
			time = (int64_t)v;
		} else if (v > (uint64_t)INT64_MAX) {
			raw = (int64_t)(v / 10);
			sc = (int8_t)(sc + 1);
		} else {
			raw = (int64_t)v;
		}
	} else if ((vtl & 0x70) == 0x50) { /* signed */
		uint64_t v = be_tl(p + value);
		raw = dzg ? (int64_t)v : sign_extend(v, vlen);
	} else { /* boolean */
		raw = p[value + 1] != 0;
	}
	r->raw = raw;
	r->scaler = sc;
	if (TL_IS_INT(p[unit])) {
		put_unit(r, p[scaler - 1]);
	} else {
		r->unit_code = 0;
		memset(r->unit, 0, sizeof(r->unit));
	}
	r->status = 0;
	if (TL_IS_INT(p[status])) {
		r->status = be_tl(p + status);
		has |= READING_HAS_STATUS;
	}
	r->has = has;
	r->time_kind = tkind;
	r->time = time;
	r->utc_offset = 0;
}

/* An entry of any other shape, step by step. False when it does not parse (cannot happen). */
RARE static bool
fill_slow(struct sml_dec *d, uint16_t at)
{
	struct sml_entry en;
	struct cursor c;

	cursor_init(&c, d->buf, sizeof(d->buf));
	c.pos = at & SML_ENT_AT;
	if (sml_entry_parse(&c, &en) != NULL)
		return false; /* checked before */
	fill_reading(d, &en, (at & SML_ENT_DZG) != 0);
	return true;
}

/* The next entry with a value (deliver() listed them); false when none is left. */
static bool
next_reading(struct sml_dec *d)
{
	uint16_t at;

	if (d->ent_next >= d->nents)
		return false;
	at = d->ents[d->ent_next++];
	if (at & SML_ENT_FAST) {
		fill_fast(d, at & SML_ENT_AT, (at & SML_ENT_DZG) != 0);
		return true;
	}
	return fill_slow(d, at);
}

enum dec_event
sml_dec_event(struct sml_dec *d)
{
	if (d->out == OUT_FRAME) {
		d->out = OUT_READINGS;
		return DEC_FRAME;
	}
	if (d->out == OUT_READINGS) {
		if (next_reading(d))
			return DEC_READING;
		d->ent_next = d->nents;
		release(d);
		if (d->finishing) {
			finish_step(d);
			if (d->out == OUT_FRAME) {
				d->out = OUT_READINGS;
				return DEC_FRAME;
			}
		}
	}
	return DEC_NONE;
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
