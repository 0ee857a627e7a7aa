/*
 * M-Bus link layer (EN 13757-2 §5): the streaming frame decoder and frame
 * encoding. The application layer is in mbus_app.c.
 */
#include <stddef.h>
#include <string.h>

#include "meterd/mbus.h"

static void
frame_begin(struct mbus_dec *d, uint64_t offset, uint32_t length, enum frame_status st,
            const char *error)
{
	memset(&d->fi, 0, sizeof(d->fi));
	memset(&d->detail, 0, sizeof(d->detail));
	d->detail.app_error = -1;
	d->fi.index = d->frame_index++;
	d->fi.offset = offset;
	d->fi.length = length;
	d->fi.status = st;
	d->fi.error = error;
	d->fi.detail = &d->detail;
	d->pending = DEC_FRAME;
	d->values = false;
	d->fixed_next = 0;
}

void
mbus_dec_init(struct mbus_dec *d)
{
	memset(d, 0, offsetof(struct mbus_dec, buf));
	d->state = MBUS_HUNT;
	d->boundary = true;
}

int
mbus_dec_configure(struct mbus_dec *d, const char *key, const char *value)
{
	if (strcmp(key, "lenient_crc") == 0) {
		if (strcmp(value, "1") != 0 && strcmp(value, "0") != 0)
			return -1;
		d->lenient_crc = value[0] == '1';
		return 0;
	}
	return -1;
}

static void
flush_garbage(struct mbus_dec *d)
{
	frame_begin(d, d->garbage_start, d->garbage, FRAME_INVALID, "bytes outside a frame");
	d->garbage = 0;
}

static void
add_garbage(struct mbus_dec *d, uint64_t at, uint32_t n)
{
	if (d->garbage == 0)
		d->garbage_start = at;
	d->garbage += n;
	d->boundary = false;
}

/*
 * The candidate that started at buf[0] is not a frame: its first byte is
 * garbage and the bytes after it are scanned again, ahead of any replay
 * bytes not yet consumed.
 */
static void
false_start(struct mbus_dec *d, uint64_t start)
{
	uint8_t tmp[sizeof(d->replay)];
	size_t n = d->have - 1, rest = (size_t)(d->replay_len - d->replay_pos);

	/* At most 4 bytes follow a rejected start (short frame or long header),
	 * and replay bytes left over only when fewer came from the input. */
	if (n + rest > sizeof(tmp))
		rest = sizeof(tmp) - n;
	memcpy(tmp, d->buf + 1, n);
	memcpy(tmp + n, d->replay + d->replay_pos, rest);
	memcpy(d->replay, tmp, n + rest);
	d->replay_len = (uint8_t)(n + rest);
	d->replay_pos = 0;
	d->state = MBUS_HUNT;
	d->have = 0;
	add_garbage(d, start, 1);
}

static uint8_t
sum8(const uint8_t *p, size_t n)
{
	uint8_t s = 0;

	while (n--)
		s = (uint8_t)(s + *p++);
	return s;
}

/* Header and record area of a slave's long frame; sets the frame invalid when malformed. */
static void
app_layer(struct mbus_dec *d, bool want_values)
{
	struct mbus_frame_detail *x = &d->detail;
	const uint8_t *data = d->buf + 7;
	size_t len = (size_t)d->buf[1] - 3, hlen = 0;
	struct mbus_rec_span span;
	int rc;

	switch (x->ci) {
	case MBUS_CI_APP_ERROR:
		x->app_error = len > 0 ? data[0] : -1;
		return;
	case MBUS_CI_VARIABLE:
	case MBUS_CI_VARIABLE_MSB:
	case MBUS_CI_FIXED:
	case MBUS_CI_FIXED_MSB:
		hlen = (x->ci == MBUS_CI_FIXED || x->ci == MBUS_CI_FIXED_MSB) ? 16 : 12;
		if (len < hlen) {
			d->fi.status = FRAME_INVALID;
			d->fi.error = "data header shorter than its CI says";
			return;
		}
		x->has_header = true;
		x->header.id = (uint32_t)data[0] | (uint32_t)data[1] << 8 |
		               (uint32_t)data[2] << 16 | (uint32_t)data[3] << 24;
		if (hlen == 16) {
			/* Fixed data structure (EN 13757-3 Annex G): id, access, status,
			 * medium/unit, two counters. */
			x->fixed = true;
			x->header.access_no = data[4];
			x->header.status = data[5];
			x->header.medium =
			    (uint8_t)(((data[7] & 0xC0) >> 4) | ((data[6] & 0xC0) >> 6));
			x->records = 2;
			if (want_values)
				d->fixed_next = 2;
			return;
		}
		x->long_header = true;
		x->header.manufacturer = (uint16_t)(data[4] | data[5] << 8);
		x->header.version = data[6];
		x->header.medium = data[7];
		x->header.access_no = data[8];
		x->header.status = data[9];
		x->header.signature = (uint16_t)(data[10] | data[11] << 8);
		break;
	case MBUS_CI_SHORT_HEADER:
		hlen = 4;
		if (len < hlen) {
			d->fi.status = FRAME_INVALID;
			d->fi.error = "data header shorter than its CI says";
			return;
		}
		x->has_header = true;
		x->header.access_no = data[0];
		x->header.status = data[1];
		x->header.signature = (uint16_t)(data[2] | data[3] << 8);
		break;
	case MBUS_CI_NO_HEADER:
		break;
	default:
		return; /* alarm, wireless or unknown CI: the frame, but no records */
	}
	/* Walk every record first: a frame with one bad record gives no values.
	 * The walk keeps where each record lies, so the values are read without
	 * a second parse. A record takes two bytes at least (one for DIF 0x0F
	 * at the end), so 252 bytes hold MBUS_RECORDS_MAX. */
	mbus_rec_begin(&d->it, data + hlen, len - hlen, x->ci == MBUS_CI_VARIABLE_MSB);
	while ((rc = mbus_rec_skip(&d->it, &span)) > 0) {
		uint8_t *s = d->rec_span[d->it.index - 1];
		s[0] = (uint8_t)span.dif;
		s[1] = (uint8_t)span.vif;
		s[2] = (uint8_t)span.data;
		s[3] = (uint8_t)span.data_len;
	}
	x->more_records = d->it.more_follow;
	if (rc < 0) {
		d->fi.status = FRAME_INVALID;
		d->fi.error = d->it.error;
		return;
	}
	x->records = d->it.index;
	d->rec_next = 0;
	d->values = want_values;
}

static void
frame_complete(struct mbus_dec *d, uint64_t start)
{
	const uint8_t *b = d->buf;
	struct mbus_frame_detail *x;

	d->state = MBUS_HUNT;
	d->boundary = true;
	if (b[0] == MBUS_START_SHORT) {
		frame_begin(d, start, 5, FRAME_OK, NULL);
		if (sum8(b + 1, 2) != b[3]) {
			d->fi.status = FRAME_CRC_ERROR;
			d->fi.error = "checksum mismatch";
		}
		d->detail.kind = MBUS_FRAME_SHORT;
		d->detail.c = b[1];
		d->detail.a = b[2];
		d->detail.from_master = (b[1] & MBUS_C_PRM) != 0;
		return;
	}
	frame_begin(d, start, (uint32_t)d->need, FRAME_OK, NULL);
	x = &d->detail;
	x->kind = b[1] == 3 ? MBUS_FRAME_CONTROL : MBUS_FRAME_LONG;
	x->c = b[4];
	x->a = b[5];
	x->ci = b[6];
	x->from_master = (b[4] & MBUS_C_PRM) != 0;
	if (b[d->need - 1] != MBUS_STOP) {
		d->fi.status = FRAME_INVALID;
		d->fi.error = "no stop byte 0x16 after L+6 bytes";
		return;
	}
	if (sum8(b + 4, b[1]) != b[d->need - 2]) {
		d->fi.status = FRAME_CRC_ERROR;
		d->fi.error = "checksum mismatch";
		if (!d->lenient_crc || x->from_master || x->kind != MBUS_FRAME_LONG)
			return;
	}
	if (x->from_master || x->kind != MBUS_FRAME_LONG)
		return;
	/* A CRC error frame keeps its status; lenient_crc still gets its values. */
	{
		enum frame_status st = d->fi.status;
		const char *err = d->fi.error;

		app_layer(d, true);
		if (d->fi.status == FRAME_INVALID) {
			d->values = false;
			d->fixed_next = 0;
			if (st != FRAME_OK) {
				d->fi.status = st;
				d->fi.error = err;
			}
		}
	}
}

/*
 * One byte at stream position `at`. Returns false when the byte was not
 * consumed because an event (garbage before a frame start) became pending.
 */
static bool
step(struct mbus_dec *d, uint8_t c, uint64_t at)
{
	if (d->state == MBUS_HUNT) {
		if (c == MBUS_START_LONG || c == MBUS_START_SHORT) {
			if (d->garbage) {
				flush_garbage(d);
				return false;
			}
			d->buf[0] = c;
			d->have = 1;
			d->need = c == MBUS_START_SHORT ? 5 : 4;
			d->state = MBUS_IN_FRAME;
			d->frame_start = at;
			return true;
		}
		if (c == MBUS_ACK && d->boundary && d->garbage == 0) {
			frame_begin(d, at, 1, FRAME_OK, NULL);
			d->detail.kind = MBUS_FRAME_ACK;
			return true;
		}
		add_garbage(d, at, 1);
		return true;
	}
	d->buf[d->have++] = c;
	if (d->buf[0] == MBUS_START_LONG && d->have == 4 && d->need == 4) {
		if (d->buf[1] != d->buf[2] || d->buf[3] != MBUS_START_LONG || d->buf[1] < 3) {
			false_start(d, d->frame_start);
			return true;
		}
		d->need = (size_t)d->buf[1] + 6;
		return true;
	}
	if (d->have < d->need)
		return true;
	if (d->buf[0] == MBUS_START_SHORT && d->buf[4] != MBUS_STOP) {
		false_start(d, d->frame_start);
		return true;
	}
	frame_complete(d, d->frame_start);
	return true;
}

size_t
mbus_dec_push(struct mbus_dec *d, const uint8_t *p, size_t n)
{
	size_t used = 0;

	while (d->pending == DEC_NONE && !d->values && d->fixed_next == 0) {
		if (d->replay_pos < d->replay_len) {
			uint64_t at = d->offset - (uint64_t)(d->replay_len - d->replay_pos);
			if (step(d, d->replay[d->replay_pos], at))
				d->replay_pos++;
			continue;
		}
		d->replay_pos = d->replay_len = 0;
		if (used == n)
			break;
		if (d->state == MBUS_IN_FRAME && d->have >= 4 && d->have + 1 < d->need) {
			/* The body of a long frame whose header checked out: nothing to decide
			 * before its last byte, so it is copied whole (the checksum is summed at
			 * the end, over the buffer). */
			size_t k = d->need - 1 - d->have;
			if (k > n - used)
				k = n - used;
			memcpy(d->buf + d->have, p + used, k);
			d->have += k;
			used += k;
			d->offset += k;
			continue;
		}
		if (step(d, p[used], d->offset)) {
			used++;
			d->offset++;
		}
	}
	return used;
}

/*
 * Counter i (0 or 1) of a fixed data structure frame (EN 13757-3:2004
 * Annex G): 4 bytes, BCD unless status bit 7 says binary, each with a 6-bit
 * unit code in its medium/unit byte; counter 2 with unit 0x3E has counter
 * 1's unit and is a historic value.
 */
static void
fixed_reading(struct mbus_dec *d, unsigned i)
{
	const uint8_t *c = d->buf + 7 + 8 + 4 * i;
	const uint8_t *units = d->buf + 7 + 6;
	struct reading *r = &d->rd;
	const char *unit;
	uint8_t code = units[i] & 0x3F;
	int64_t v = 0;
	int sc;
	unsigned k;

	reading_clear(r);
	memcpy(r->id, "mbus:0", 7);
	r->id[5] = (char)('0' + i);
	r->has = READING_HAS_STORAGE;
	r->storage = i; /* counter 2 is the historic value */
	if (i == 1 && code == 0x3E)
		code = units[0] & 0x3F;
	(void)mbus_fixed_unit(code, &r->quantity, &unit, &sc);
	reading_set_str(r->unit, sizeof(r->unit), unit, strlen(unit));
	r->scaler = (int8_t)sc;
	r->has |= READING_HAS_SCALER;
	if (d->detail.header.status & 0x80) {
		v = (int64_t)((uint32_t)c[0] | (uint32_t)c[1] << 8 | (uint32_t)c[2] << 16 |
		              (uint32_t)c[3] << 24);
	} else {
		for (k = 4; k-- > 0;) {
			if ((c[k] >> 4) > 9 || (c[k] & 15) > 9) {
				static const char hx[] = "0123456789ABCDEF";
				unsigned j, t = 0;
				for (j = 4; j-- > 0;) {
					d->text[t++] = hx[c[j] >> 4];
					d->text[t++] = hx[c[j] & 15];
				}
				d->text[t] = '\0';
				r->type = READING_TEXT;
				r->text = (const uint8_t *)d->text;
				r->text_len = t;
				return;
			}
			v = v * 100 + (c[k] >> 4) * 10 + (c[k] & 15);
		}
	}
	r->raw = v;
}

/*
 * Gives the reading its label: its name, and "_<n>" for the n-th record of
 * the frame with that name. Earlier names are kept as 16-bit hashes; a
 * collision only adds a suffix, which keeps labels unique and stable. The
 * hash takes the name eight bytes at a time (zeros follow it), and a
 * 256-bit filter of the hashes seen spares the search for a name new in
 * its frame.
 */
static void
set_label(struct mbus_dec *d)
{
	char *label = d->label;
	const char *q = mbus_reading_plain_name(&d->rd);
	size_t n, i;
	uint64_t h = 0x1d0f;
	uint16_t h16;
	unsigned seen = 0, bit;

	if (q != NULL && (n = strlen(q)) < READING_ID_MAX)
		memcpy(label, q, n); /* the usual name, the quantity alone */
	else
		n = mbus_reading_name(&d->rd, label, READING_ID_MAX);
	memset(label + n, 0, 8);
	for (i = 0; i < n; i += 8) {
		uint64_t w;
		memcpy(&w, label + i, sizeof(w));
		h = (h ^ w) * 0x9E3779B97F4A7C15u;
		h ^= h >> 29;
	}
	h16 = (uint16_t)(h >> 48 ^ h >> 32 ^ h >> 16 ^ h);
	bit = h16 & 0xFF;
	if (d->label_filter[bit >> 3] & (1u << (bit & 7))) {
		for (i = 0; i < d->labels; i++)
			seen += d->label_hash[i] == h16;
	}
	d->label_filter[bit >> 3] |= (uint8_t)(1u << (bit & 7));
	if (d->labels < MBUS_RECORDS_MAX)
		d->label_hash[d->labels++] = h16;
	if (seen > 0 && n + 4 < READING_ID_MAX) {
		unsigned k = seen + 1;
		label[n++] = '_';
		if (k >= 100)
			label[n++] = (char)('0' + k / 100);
		if (k >= 10)
			label[n++] = (char)('0' + k / 10 % 10);
		label[n++] = (char)('0' + k % 10);
		label[n] = '\0';
	}
	d->rd.label = label;
}

/* A new frame's first reading: no names seen yet. */
static void
labels_reset(struct mbus_dec *d)
{
	d->labels = 0;
	memset(d->label_filter, 0, sizeof(d->label_filter));
}

enum dec_event
mbus_dec_event(struct mbus_dec *d)
{
	struct mbus_record rec;
	enum dec_event ev = d->pending;

	if (ev != DEC_NONE) {
		d->pending = DEC_NONE;
		return ev;
	}
	if (d->fixed_next) {
		if (d->fixed_next == 2)
			labels_reset(d);
		fixed_reading(d, 2u - d->fixed_next);
		set_label(d);
		d->fixed_next--;
		return DEC_READING;
	}
	if (!d->values)
		return DEC_NONE;
	if (d->rec_next == d->detail.records) {
		d->values = false;
		return DEC_NONE;
	}
	if (d->rec_next == 0)
		labels_reset(d);
	{
		const uint8_t *s = d->rec_span[d->rec_next];
		struct mbus_rec_span span = {s[0], s[1], s[2], s[3]};
		mbus_rec_at(d->it.p, &span, &rec);
	}
	mbus_rec_reading(&rec, (uint16_t)(d->record_base + d->rec_next), d->it.msb_first,
	                 &d->rd, d->text);
	d->rec_next++;
	set_label(d);
	return DEC_READING;
}

const struct frame_info *
mbus_dec_frame(const struct mbus_dec *d)
{
	return &d->fi;
}

const struct reading *
mbus_dec_reading(const struct mbus_dec *d)
{
	return &d->rd;
}

/* Ends what is in progress: a partial frame, replay bytes, garbage. */
static void
flush(struct mbus_dec *d, bool at_end)
{
	uint32_t extra = (uint32_t)(d->replay_len - d->replay_pos);

	if (d->pending != DEC_NONE || d->values || d->fixed_next)
		return; /* the caller drains events first */
	if (d->state == MBUS_IN_FRAME) {
		frame_begin(d, d->frame_start, (uint32_t)d->have + extra, FRAME_TRUNCATED,
		            at_end ? "input ended inside a frame" : "line silent inside a frame");
	} else if (d->garbage || extra) {
		if (d->garbage == 0)
			d->garbage_start = d->offset - extra;
		frame_begin(d, d->garbage_start, d->garbage + extra, FRAME_INVALID,
		            "bytes outside a frame");
	}
	d->garbage = 0;
	d->replay_pos = d->replay_len = 0;
	d->state = MBUS_HUNT;
	d->have = 0;
	d->boundary = true;
}

void
mbus_dec_finish(struct mbus_dec *d)
{
	flush(d, true);
}

void
mbus_dec_idle(struct mbus_dec *d)
{
	flush(d, false);
}

int
mbus_detect(const uint8_t *p, size_t n)
{
	size_t i;

	/* Skip a few leading ACKs or garbage bytes. */
	for (i = 0; i < n && i < 16; i++) {
		if (p[i] == MBUS_START_LONG && n - i >= 4 && p[i + 1] == p[i + 2] &&
		    p[i + 3] == MBUS_START_LONG && p[i + 1] >= 3) {
			size_t len = (size_t)p[i + 1] + 6;
			if (n - i >= len && p[i + len - 1] == MBUS_STOP &&
			    sum8(p + i + 4, p[i + 1]) == p[i + len - 2])
				return 90;
			return 60;
		}
		if (p[i] == MBUS_START_SHORT && n - i >= 5 && p[i + 4] == MBUS_STOP &&
		    sum8(p + i + 1, 2) == p[i + 3])
			return 70;
	}
	if (n == 1 && p[0] == MBUS_ACK)
		return 30;
	return 0;
}

size_t
mbus_short_encode(uint8_t c, uint8_t a, uint8_t *out)
{
	out[0] = MBUS_START_SHORT;
	out[1] = c;
	out[2] = a;
	out[3] = (uint8_t)(c + a);
	out[4] = MBUS_STOP;
	return 5;
}

size_t
mbus_long_encode(uint8_t c, uint8_t a, uint8_t ci, const uint8_t *data, size_t data_len,
                 uint8_t *out, size_t cap)
{
	size_t l = data_len + 3;

	if (l > MBUS_LONG_MAX || cap < l + 6)
		return 0;
	out[0] = out[3] = MBUS_START_LONG;
	out[1] = out[2] = (uint8_t)l;
	out[4] = c;
	out[5] = a;
	out[6] = ci;
	if (data_len)
		memcpy(out + 7, data, data_len);
	out[l + 4] = sum8(out + 4, l);
	out[l + 5] = MBUS_STOP;
	return l + 6;
}

DECODER_OPS_DEFINE_IDLE(mbus, mbus_dec, struct mbus_dec, mbus_detect);
