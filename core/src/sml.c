/*
 * SML streaming decoder: transport v1 framing, bare message runs, and the
 * walk over a checked frame that hands out one reading per list entry.
 * Message and entry syntax live in sml_msg.c.
 */
#include <string.h>

#include "meterd/crc.h"
#include "meterd/obis.h"
#include "meterd/sml.h"
#include "sml_msg.h"

enum {
	ST_HUNT,     /* outside any frame */
	ST_FRAME,    /* inside a transport v1 frame */
	ST_BARE_MSG, /* receiving a bare message */
	ST_BARE_GAP, /* between bare messages of one run */
};

enum {
	OUT_NONE,
	OUT_FRAME,    /* DEC_FRAME not yet taken */
	OUT_READINGS, /* readings of the frame being handed out */
};

#define START_WINDOW 0x1b1b1b1b01010101ull
#define ESC_BYTE     0x1bu

_Static_assert(SML_DEC_BUF <= 65535, "payload offsets are kept in 16 bits");
#define MSG_LIST_TL  0x76u /* every message is a list of 6 */

static const uint8_t start_seq[8] = {0x1b, 0x1b, 0x1b, 0x1b, 0x01, 0x01, 0x01, 0x01};

/*
 * DLMS unit symbols (IEC 62056-62 / Blue Book "unit" enumeration) by code
 * from 0; codes without a symbol are empty. An array, so a lookup is one
 * load (the former packed string cost a strlen per code below it).
 */
static const char *const unit_names[] = {
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
	return code < sizeof(unit_names) / sizeof(unit_names[0]) ? unit_names[code] : "";
}

static bool
all_esc(const uint8_t b[4])
{
	return b[0] == ESC_BYTE && b[1] == ESC_BYTE && b[2] == ESC_BYTE && b[3] == ESC_BYTE;
}

void
sml_dec_init(struct sml_dec *d)
{
	memset(d, 0, sizeof(*d));
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
 * Checks the payload buf[0..n) message by message and emits the frame.
 * `crc_err` is the frame CRC's verdict (NULL when it matched). Values
 * follow an ok frame, and a CRC-bad but well-formed one under lenient_crc.
 */
static void
deliver(struct sml_dec *d, size_t n, const char *crc_err, enum sml_crc_kind kind, bool bare,
        uint64_t off, uint32_t len)
{
	struct sml_msg m;
	const char *perr = NULL, *err = NULL;
	size_t pos = 0, nlists = 0;
	uint16_t msgs = 0, readings = 0, bad = 0;
	enum frame_status st = FRAME_OK;
	bool values = true;

	while (pos < n) {
		if (d->buf[pos] == 0x00) { /* fill between and after messages */
			pos++;
			continue;
		}
		if ((perr = sml_msg_parse(d->buf, n, pos, &m)) != NULL)
			break;
		if (d->msg_crc && sml_msg_crc(d->buf, pos, &m, d->kermit) == SML_CRC_NONE)
			bad++;
		if (m.tag == SML_GET_LIST_RES) {
			/* Where its entries are, so the readings need not parse the messages again. */
			if (nlists < SML_DEC_LISTS) {
				struct sml_list_at *l = &d->lists[nlists];
				l->pos = (uint16_t)m.list_pos;
				l->count = (uint16_t)m.list_count;
				l->sid = (uint16_t)(m.server_id - d->buf);
				l->sid_len = (uint16_t)m.server_id_len;
			}
			nlists++;
		}
		msgs++;
		readings = (uint16_t)(readings + m.readings);
		pos = m.end;
	}
	if (crc_err != NULL) {
		st = FRAME_CRC_ERROR;
		err = crc_err;
		values = d->lenient_crc && perr == NULL;
	} else if (perr != NULL) {
		st = FRAME_INVALID;
		err = perr;
		values = false;
	} else if (bad > 0 && (bare || d->strict_crc)) {
		/* Bare SML has no other check; strict_crc keeps the frame CRC from vouching. */
		st = FRAME_CRC_ERROR;
		err = "message CRC mismatch";
		values = d->lenient_crc;
	}
	memset(&d->det, 0, sizeof(d->det));
	d->det.crc = kind;
	d->det.bare = bare;
	d->det.msg_crc_errors = bad;
	d->det.messages = msgs;
	d->det.readings = values ? readings : 0;
	emit(d, st, err, off, len);
	d->pay_end = n;
	d->msg_pos = 0;
	d->ent_left = 0;
	d->list_next = 0;
	d->nlists = nlists <= SML_DEC_LISTS ? (uint8_t)nlists : SML_DEC_LISTS_NONE;
	d->emitted = 0;
}

/* --- transport v1 frames -------------------------------------------------- */

static void
frame_begin(struct sml_dec *d, uint64_t off)
{
	d->state = ST_FRAME;
	d->fr_off = off;
	d->raw_len = sizeof(start_seq);
	d->lit_at = 0;
	d->blk_n = 0;
	d->esc = false;
	d->odd_end = false;
	d->len = 0;
	d->crc_x25 = crc16_ccitt_refl(CRC16_X25_INIT, start_seq, sizeof(start_seq));
}

static void
frame_fail(struct sml_dec *d, enum frame_status st, const char *err, uint32_t len)
{
	memset(&d->det, 0, sizeof(d->det));
	emit(d, st, err, d->fr_off, len);
	d->pay_end = 0;
	d->state = ST_HUNT;
}

static void
frame_crc(struct sml_dec *d, const uint8_t *p, size_t n)
{
	d->crc_x25 = crc16_ccitt_refl(d->crc_x25, p, n);
}

/*
 * CRC-16/KERMIT of the n bytes behind an X.25 register. Both are the
 * reflected 0x1021 CRC and differ only in the initial value, and the CRC
 * is linear in it: crc(0, m) = crc(0xFFFF, m) ^ crc(0xFFFF, n zero bytes).
 * This costs n steps, but only for a frame that failed X.25.
 */
static uint16_t
kermit_from_x25(uint16_t reg, uint32_t n)
{
	static const uint8_t zeros[32];
	uint16_t z = CRC16_X25_INIT;

	while (n > 0) {
		size_t k = n < sizeof(zeros) ? n : sizeof(zeros);
		z = crc16_ccitt_refl(z, zeros, k);
		n -= (uint32_t)k;
	}
	return (uint16_t)(reg ^ z);
}

/* The end escape's command block 1a PP C1 C2 has arrived. */
static void
frame_end(struct sml_dec *d)
{
	uint8_t pad = d->blk[1];
	uint16_t x25 = (uint16_t)(d->crc_x25 ^ 0xFFFFu);
	enum sml_crc_kind kind = SML_CRC_NONE;
	const char *crc_err = NULL;

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
	if ((uint16_t)(d->blk[2] | d->blk[3] << 8) == x25)
		kind = SML_CRC_X25;
	else if ((uint16_t)(d->blk[2] << 8 | d->blk[3]) ==
	         kermit_from_x25(d->crc_x25, d->raw_len - 2))
		kind = SML_CRC_KERMIT;
	if (kind == SML_CRC_NONE)
		crc_err = "frame CRC mismatch";
	else if (kind == SML_CRC_KERMIT && !d->kermit)
		crc_err = "frame CRC is CRC-16/KERMIT (Holley DTZ541 quirk, option kermit)";
	deliver(d, d->len - pad, crc_err, kind, false, d->fr_off, d->raw_len);
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
			frame_crc(d, d->blk, 4);
			d->lit_at = d->raw_len - 4;
		} else if (d->blk[0] == 0x1a) {
			frame_crc(d, d->blk, 2);
			frame_end(d);
			return;
		} else {
			frame_fail(d, FRAME_INVALID, "bad escape sequence", d->raw_len);
			return;
		}
	} else {
		frame_crc(d, d->blk, 4);
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
static void
bare_cut(struct sml_dec *d)
{
	if (d->bare_msgs > 0) {
		memset(&d->det, 0, sizeof(d->det));
		d->det.bare = true;
		emit(d, FRAME_TRUNCATED, "SML messages without CloseResponse", d->fr_off,
		     (uint32_t)d->bare_end);
		d->pay_end = 0;
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
static void
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

static void
bare_byte(struct sml_dec *d, uint8_t b)
{
	struct sml_msg m;
	int r;

	if (d->len == sizeof(d->buf)) {
		bare_fail(d, b);
		return;
	}
	/* Queued bytes are rewritten in place: len never passes q. */
	d->buf[d->len++] = b;
	if ((r = walk_byte(&d->walk, b)) == 0)
		return;
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
		deliver(d, d->bare_end, NULL, SML_CRC_NONE, true, d->fr_off, (uint32_t)d->bare_end);
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
		if (d->emitted < d->det.readings)
			return false;
		release(d);
	}
	return true;
}

/* Whether any byte of the 4 in w is 0x1b (the classic has-zero-byte test on w ^ 1b1b1b1b). */
static inline bool
has_esc_byte(uint32_t w)
{
	uint32_t x = w ^ 0x1b1b1b1bu;
	return ((x - 0x01010101u) & ~x & 0x80808080u) != 0;
}

/*
 * The common case of a frame, whole aligned 4-byte blocks without a 0x1b
 * byte, a block at a time: no escape, end or start sequence can be in or
 * end in such a block (a start sequence out of step puts 1b bytes into the
 * block before the one it ends in, and that block goes byte by byte through
 * step(), which also takes the block after it). Returns the bytes taken.
 */
static size_t
frame_run(struct sml_dec *d, const uint8_t *p, size_t n)
{
	size_t i = 0, len = d->len;
	uint64_t window = d->window;
	uint16_t crc = d->crc_x25;

	if (d->blk_n != 0 || d->esc || has_esc_byte((uint32_t)window))
		return 0;
	while (i + 4 <= n && len + 4 <= sizeof(d->buf)) {
		uint32_t w = (uint32_t)p[i] << 24 | (uint32_t)p[i + 1] << 16 |
		             (uint32_t)p[i + 2] << 8 | p[i + 3];
		if (has_esc_byte(w))
			break;
		crc = crc16_ccitt_refl_step(crc, p[i]);
		crc = crc16_ccitt_refl_step(crc, p[i + 1]);
		crc = crc16_ccitt_refl_step(crc, p[i + 2]);
		crc = crc16_ccitt_refl_step(crc, p[i + 3]);
		memcpy(d->buf + len, p + i, 4);
		len += 4;
		window = window << 32 | w;
		i += 4;
	}
	d->len = len;
	d->window = window;
	d->crc_x25 = crc;
	d->pos += i;
	d->raw_len += (uint32_t)i;
	return i;
}

size_t
sml_dec_push(struct sml_dec *d, const uint8_t *p, size_t n)
{
	size_t i = 0;

	if (!out_idle(d))
		return 0;
	for (;;) {
		if (d->q < d->q_end)
			step_queued(d);
		if (i == n || d->out != OUT_NONE)
			return i;
		if (d->state == ST_FRAME && d->q == d->q_end) {
			i += frame_run(d, p + i, n - i);
			if (i == n)
				return i;
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

/*
 * DZG DVS74 with serial numbers 42000000-48999999 and 55000000-58999999
 * (server id 0a 01 'D' 'Z' 'G' xx followed by the serial, big-endian) send
 * 1-0:16.7.0 with a signed TL although the value is unsigned (libsml's
 * workaround, limited to these ranges as newer DZG meters send real
 * negative power).
 */
static bool
dzg_affected(const uint8_t *id, size_t n)
{
	uint32_t serial;

	if (n != 10 || memcmp(id, "\x0a\x01" "DZG", 5) != 0)
		return false;
	serial = (uint32_t)id[6] << 24 | (uint32_t)id[7] << 16 | (uint32_t)id[8] << 8 | id[9];
	return (serial >= 42000000u && serial <= 48999999u) ||
	       (serial >= 55000000u && serial <= 58999999u);
}

static void
fill_reading(struct sml_dec *d, const struct sml_entry *en)
{
	static const uint8_t power[6] = {1, 0, 16, 7, 0, 255};
	struct reading *r = &d->rd;
	const struct sml_el *v = &en->value;

	reading_clear(r);
	if (en->name_len == 6) {
		struct obis o;
		obis_from_bytes(&o, en->name);
		obis_format(&o, r->id);
	} else {
		size_t n = en->name_len < (READING_ID_MAX - 5) / 2 ? en->name_len
		                                                   : (READING_ID_MAX - 5) / 2;
		memcpy(r->id, "sml:", 4);
		hex_put(r->id + 4, en->name, n);
	}
	if (en->has_scaler) {
		r->scaler = en->scaler;
		r->has |= READING_HAS_SCALER;
	}
	if (v->type == SML_T_OCTETS) {
		r->type = READING_TEXT;
		d->octets = v->data;
		d->octets_len = v->len;
		if (printable(v->data, v->len)) {
			r->text = v->data;
			r->text_len = v->len;
		} else {
			size_t n = v->len < SML_DEC_HEX_MAX ? v->len : SML_DEC_HEX_MAX;
			r->text = (const uint8_t *)d->hex;
			r->text_len = hex_put(d->hex, v->data, n);
		}
	} else if (en->value_is_time) {
		r->raw = en->value_utc;
		r->has |= READING_HAS_TIME_VALUE;
	} else if (v->type == SML_T_UINT && v->len == 8 && sml_el_uint(v) > (uint64_t)INT64_MAX) {
		r->raw = (int64_t)(sml_el_uint(v) / 10);
		r->scaler = (int8_t)(r->scaler + 1);
	} else {
		r->raw = sml_el_int(v);
		if (d->dzg_fix && v->type == SML_T_INT && r->raw < 0 && en->name_len == 6 &&
		    memcmp(en->name, power, 6) == 0 && dzg_affected(d->server_id, d->server_id_len))
			r->raw = (int64_t)sml_el_uint(v);
	}
	if (en->has_unit) {
		const char *u = sml_unit_text(en->unit);
		size_t k = 0;
		r->unit_code = en->unit;
		while (u[k] != '\0' && k < sizeof(r->unit) - 1) {
			r->unit[k] = u[k];
			k++;
		}
		r->unit[k] = '\0';
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

/* The next entry with a value, walking messages as needed; false when none is left. */
static bool
next_reading(struct sml_dec *d)
{
	struct sml_entry en;
	struct sml_msg m;
	struct cursor c;

	for (;;) {
		if (d->ent_left > 0) {
			cursor_init(&c, d->buf, d->pay_end);
			(void)cursor_take(&c, d->ent_pos);
			if (sml_entry_parse(&c, &en) != NULL)
				return false; /* checked before: cannot happen */
			d->ent_pos = c.pos;
			d->ent_left--;
			if (!en.has_value)
				continue;
			fill_reading(d, &en);
			return true;
		}
		if (d->nlists != SML_DEC_LISTS_NONE) {
			const struct sml_list_at *l;
			if (d->list_next == d->nlists)
				return false;
			l = &d->lists[d->list_next++];
			d->ent_pos = l->pos;
			d->ent_left = l->count;
			d->server_id = d->buf + l->sid;
			d->server_id_len = l->sid_len;
			continue;
		}
		if (d->msg_pos >= d->pay_end)
			return false;
		if (d->buf[d->msg_pos] == 0x00) {
			d->msg_pos++;
			continue;
		}
		if (sml_msg_parse(d->buf, d->pay_end, d->msg_pos, &m) != NULL)
			return false;
		d->msg_pos = m.end;
		if (m.tag == SML_GET_LIST_RES) {
			d->ent_pos = m.list_pos;
			d->ent_left = m.list_count;
			d->server_id = m.server_id;
			d->server_id_len = m.server_id_len;
		}
	}
}

enum dec_event
sml_dec_event(struct sml_dec *d)
{
	if (d->out == OUT_FRAME) {
		d->out = OUT_READINGS;
		return DEC_FRAME;
	}
	if (d->out == OUT_READINGS) {
		if (d->emitted < d->det.readings && next_reading(d)) {
			d->emitted++;
			return DEC_READING;
		}
		d->emitted = d->det.readings;
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
