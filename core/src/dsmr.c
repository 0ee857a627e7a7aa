#include <string.h>

#include "meterd/crc.h"
#include "meterd/hex.h"
#include "meterd/dsmr.h"

enum {
	S_HUNT,  /* outside a telegram */
	S_IDENT, /* "/XXX5..." up to its line end */
	S_BODY,  /* data lines up to '!' */
	S_CRC,   /* the hex digits after '!' */
};

enum { P_NONE, P_FRAME, P_READINGS };

/* Bytes a body run searches at once, so frequent stop bytes stay cheap. */

/* Index of the first value after a DSMR 2.2 profile header (ts)(s)(p)(n)(obis)(unit). */
#define PROFILE_VALUES 6

void
dsmr_dec_init(struct dsmr_dec *d)
{
	/* The telegram buffer needs no clearing: nothing reads it before writing it. */
	memset(d, 0, offsetof(struct dsmr_dec, buf));
	memset(&d->pending, 0, sizeof(*d) - offsetof(struct dsmr_dec, pending));
	d->state = S_HUNT;
}

int
dsmr_dec_configure(struct dsmr_dec *d, const char *key, const char *value)
{
	bool on = strcmp(value, "1") == 0, off = strcmp(value, "0") == 0;

	if (!on && !off)
		return -1;
	if (strcmp(key, "lenient_crc") == 0)
		d->lenient = on;
	else if (strcmp(key, "require_crc") == 0)
		d->require_crc = on;
	else
		return -1;
	return 0;
}

static void
end_frame(struct dsmr_dec *d, enum frame_status st, const char *err, uint64_t end, bool emit)
{
	d->frame.index = d->nframes++;
	d->frame.offset = d->start;
	d->frame.length = (uint32_t)(end - d->start);
	d->frame.status = st;
	d->frame.error = st == FRAME_OK ? NULL : err;
	d->frame.detail = &d->detail;
	d->detail.ident = d->ident;
	d->detail.crc_digits = d->digits;
	d->detail.crc_sent = d->crc_sent;
	d->detail.crc_calc = d->crc;
	d->emit = emit;
	dataset_iter_init(&d->it, d->buf, d->len);
	d->len = 0;
	d->pending = P_FRAME;
	d->state = S_HUNT;
}

static void
start_ident(struct dsmr_dec *d)
{
	static const uint8_t slash = '/';

	d->state = S_IDENT;
	d->start = d->pos;
	d->crc = crc16_ibm_refl(CRC16_ARC_INIT, &slash, 1);
	d->line[0] = '/';
	d->line_len = 1;
}

static void
hunt(struct dsmr_dec *d, uint8_t b)
{
	if (b == '/')
		start_ident(d);
	else
		d->discarded++;
}

static void
ident_byte(struct dsmr_dec *d, uint8_t b)
{
	if (b == '/') {
		d->discarded += d->line_len;
		start_ident(d);
		return;
	}
	d->crc = crc16_ibm_refl_step(d->crc, b);
	if (b == '\r' || b == '\n') {
		if (dataset_ident_parse(&d->ident, d->line, d->line_len)) {
			d->state = S_BODY;
			d->len = 0;
			d->scanned = 0;
			d->digits = 0;
			d->crc_sent = 0;
			dataset_scan_init(&d->scan);
		} else {
			d->discarded += d->line_len + 1;
			d->state = S_HUNT;
		}
		return;
	}
	if (d->line_len == sizeof(d->line)) {
		d->discarded += d->line_len + 1;
		d->state = S_HUNT;
		return;
	}
	d->line[d->line_len++] = b;
}

static void
body_byte(struct dsmr_dec *d, uint8_t b)
{
	enum dataset_mark m;

	dataset_scan_run(&d->scan, d->buf + d->scanned, d->len - d->scanned);
	d->scanned = d->len;
	m = dataset_scan_byte(&d->scan, b);

	if (m == DATASET_SLASH) {
		end_frame(d, FRAME_TRUNCATED, "cut off by a new telegram", d->pos, false);
		start_ident(d);
		return;
	}
	d->crc = crc16_ibm_refl_step(d->crc, b);
	if (d->len == sizeof(d->buf)) {
		end_frame(d, FRAME_INVALID, "telegram longer than DSMR_TELEGRAM_MAX", d->pos + 1,
		          false);
		return;
	}
	d->buf[d->len++] = b;
	d->scanned = d->len;
	if (m == DATASET_END)
		d->state = S_CRC;
}

static void
check_crc(struct dsmr_dec *d, uint64_t end)
{
	if (d->digits == 0) {
		if (d->require_crc)
			end_frame(d, FRAME_INVALID, "no CRC after '!'", end, false);
		else
			end_frame(d, FRAME_OK, NULL, end, true);
	} else if (d->crc_sent == d->crc) {
		end_frame(d, FRAME_OK, NULL, end, true);
	} else {
		end_frame(d, FRAME_CRC_ERROR, "CRC mismatch", end, d->lenient);
	}
}

static void
crc_byte(struct dsmr_dec *d, uint8_t b)
{
	int v = hex_value(b);

	if (v < 0) {
		/* The field ended early (bare '!', "!B9F"): b belongs to what follows. */
		check_crc(d, d->pos);
		hunt(d, b);
		return;
	}
	d->crc_sent = (uint16_t)(d->crc_sent << 4 | (unsigned)v);
	if (++d->digits == 4)
		check_crc(d, d->pos + 1);
}

/*
 * Most of a telegram's body: the bytes up to the next one that may be a
 * mark ('!' or '/', dataset.h), kept and checksummed in bulk. The scan
 * catches up on them only when body_byte() meets such a byte. Returns the
 * bytes taken.
 */
static size_t
body_run(struct dsmr_dec *d, const uint8_t *p, size_t n)
{
	static const uint8_t marks[] = {'!', '/'};
	size_t total;

	if (n > sizeof(d->buf) - d->len)
		n = sizeof(d->buf) - d->len;
	total = dataset_take_run(d->buf + d->len, p, n, marks, sizeof(marks));
	d->crc = crc16_ibm_refl(d->crc, p, total);
	d->len += total;
	d->pos += total;
	return total;
}

/*
 * The identification line up to the next byte ident_byte() acts on ('/',
 * a line end) or up to a full line buffer, kept and checksummed in bulk.
 */
static size_t
ident_run(struct dsmr_dec *d, const uint8_t *p, size_t n)
{
	static const uint8_t stops[] = {'/', '\r', '\n'};
	size_t total;

	if (n > sizeof(d->line) - d->line_len)
		n = sizeof(d->line) - d->line_len;
	total = dataset_take_run(d->line + d->line_len, p, n, stops, sizeof(stops));
	d->crc = crc16_ibm_refl(d->crc, p, total);
	d->line_len += total;
	d->pos += total;
	return total;
}

size_t
dsmr_dec_push(struct dsmr_dec *d, const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n && d->pending == P_NONE; i++) {
		if (d->state == S_BODY && (i += body_run(d, p + i, n - i)) == n)
			break;
		if (d->state == S_IDENT && (i += ident_run(d, p + i, n - i)) == n)
			break;
		switch (d->state) {
		case S_HUNT:
			hunt(d, p[i]);
			break;
		case S_IDENT:
			ident_byte(d, p[i]);
			break;
		case S_BODY:
			body_byte(d, p[i]);
			break;
		case S_CRC:
			crc_byte(d, p[i]);
			break;
		}
		d->pos++;
	}
	return i;
}

void
dsmr_dec_finish(struct dsmr_dec *d)
{
	if (d->pending != P_NONE)
		return;
	switch (d->state) {
	case S_BODY:
		end_frame(d, FRAME_TRUNCATED, "end of input inside a telegram", d->pos, d->lenient);
		break;
	case S_CRC:
		check_crc(d, d->pos);
		break;
	case S_IDENT:
		d->discarded += d->line_len;
		d->state = S_HUNT;
		break;
	}
}

static int64_t
days_from_civil(int y, unsigned m, unsigned day)
{
	/* Howard Hinnant's algorithm: days since 1970-01-01, proleptic Gregorian. */
	int era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + day - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int64_t)era * 146097 + (int64_t)doe - 719468;
}

/* dsmr_time_parse of a stamp whose 12 digits and DST letter are known good. */
static bool
stamp_time(const uint8_t *p, size_t n, int64_t *local, int16_t *utc_offset)
{
	static const uint8_t mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	unsigned f[6], i;
	int y;

	for (i = 0; i < 6; i++)
		f[i] = (unsigned)(p[2 * i] - '0') * 10 + (unsigned)(p[2 * i + 1] - '0');
	y = 2000 + (int)f[0];
	if (f[1] < 1 || f[1] > 12 || f[2] < 1 || f[2] > mdays[f[1] - 1] || f[3] > 23 ||
	    f[4] > 59 || f[5] > 59)
		return false;
	if (f[1] == 2 && f[2] == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return false;
	*local = days_from_civil(y, f[1], f[2]) * 86400 + (int64_t)f[3] * 3600 + f[4] * 60 + f[5];
	*utc_offset = n == 12 ? 0 : p[12] == 'S' ? 120 : 60;
	return true;
}

bool
dsmr_time_parse(const uint8_t *p, size_t n, int64_t *local, int16_t *utc_offset)
{
	unsigned i;

	if (n != 12 && n != 13)
		return false;
	for (i = 0; i < 12; i++)
		if (p[i] < '0' || p[i] > '9')
			return false;
	if (n == 13 && p[12] != 'W' && p[12] != 'S')
		return false;
	return stamp_time(p, n, local, utc_offset);
}

/*
 * What few values need (a new set's look-ahead, a stamp, an equipment id)
 * kept out of next_reading, so the common number does not pay for their
 * stack and registers (when not optimising for size anyway).
 */
#if defined(__GNUC__) && !defined(__OPTIMIZE_SIZE__)
#define RARE __attribute__((noinline))
#else
#define RARE
#endif

static bool
is_stamp(const struct dataset_value *v)
{
	uint64_t a;
	uint32_t b;

	if (v->n != 13 || (v->p[12] != 'W' && v->p[12] != 'S'))
		return false;
	/*
	 * Twelve digits, 8 + 4 bytes at once: each byte 0x30..0x3f, and still
	 * so with 6 added (no byte carries into the next: 0x3f + 6 < 0x100).
	 */
	memcpy(&a, v->p, 8);
	memcpy(&b, v->p + 8, 4);
	return (a & 0xf0f0f0f0f0f0f0f0u) == 0x3030303030303030u &&
	       ((a + 0x0606060606060606u) & 0xf0f0f0f0f0f0f0f0u) == 0x3030303030303030u &&
	       (b & 0xf0f0f0f0u) == 0x30303030u && ((b + 0x06060606u) & 0xf0f0f0f0u) == 0x30303030u;
}

/*
 * Looks ahead in a new data set for the DSMR 2.2/3 profile header
 * (ts)(status)(period)(count)(obis)(unit) followed by values.
 */
static RARE void
profile_look(struct dsmr_dec *d, const struct dataset_value *first)
{
	struct dataset_iter it;
	struct dataset_value v[PROFILE_VALUES + 1];
	int16_t off;
	unsigned k;

	if (!d->it.in_set || !dataset_value_is_number(first))
		return;
	it = d->it;
	v[0] = *first;
	for (k = 1; k <= PROFILE_VALUES; k++)
		if (!dataset_iter_next_value(&it, &v[k]))
			return;
	if (!dataset_value_is_number(&v[0]) || v[5].n == 0 ||
	    dataset_value_is_number(&v[5]) || v[5].n >= READING_UNIT_MAX)
		return;
	d->profile = true;
	d->profile_time_valid = dsmr_time_parse(v[0].p, 12, &d->profile_time, &off);
	reading_set_str(d->profile_unit, sizeof(d->profile_unit), (const char *)v[5].p, v[5].n);
}

static void
find_profile(struct dsmr_dec *d, const struct dataset_value *first)
{
	d->profile = false;
	/*
	 * The header's first value is a 12-digit stamp and five more follow:
	 * most sets end the look here.
	 */
	if (first->n == 12)
		profile_look(d, first);
}

static void
set_time(struct reading *r, int64_t t, int16_t off)
{
	r->time_kind = READING_TIME_LOCAL;
	r->time = t;
	if (off != 0) {
		r->utc_offset = off;
		r->has |= READING_HAS_UTC_OFFSET;
	}
}

/*
 * Equipment identifiers: 0-n:96.1.0, 0-n:96.1.1, 0-n:96.1.2 and 0-0:42.0.0
 * (logical device name). Once per data set, not per value.
 */
/* s is exactly lit: strcmp that stops at the first difference without a call. */
static bool
str_is(const char *s, const char *lit)
{
	while (*lit != '\0')
		if (*s++ != *lit++)
			return false;
	return *s == '\0';
}

static bool
is_equipment_id(const char *id)
{
	const char *p = id + 2;

	if (id[0] != '0' || id[1] != '-' || *p < '0' || *p > '9')
		return false;
	if (id[4] == '4' && str_is(id, "0-0:42.0.0*255"))
		return true;
	while (*p >= '0' && *p <= '9')
		p++;
	return p[0] == ':' && p[1] == '9' && p[2] == '6' && p[3] == '.' && p[4] == '1' &&
	       p[5] == '.' && p[6] >= '0' && p[6] <= '2' && str_is(p + 7, "*255");
}

/*
 * An equipment id sent as hex-encoded ASCII ("4530303434...38") becomes its
 * text ("E0044007131650618"), decoded in place over the telegram buffer
 * (the value's first half; nothing reads those bytes again). Ids that are
 * not hex, or whose bytes are not all printable (plain serial numbers,
 * dsmr_parser's "00112233...eeff"), stay as sent.
 */
/*
 * The n printable bytes that the 2n hex digits at p encode, into dst (NULL
 * to check only; dst may be p itself, byte i is written after 2i and 2i+1
 * are read). False when one is no hex digit or no printable byte.
 */
static bool
hex_text(const uint8_t *p, size_t n, uint8_t *dst)
{
	size_t i;

	for (i = 0; i < n; i++) {
		/* Printable 0x20..0x7e: the high digit is '2'..'7', so no letter to map. */
		unsigned hi = (unsigned)p[2 * i] - '0';
		int      lo = hex_value(p[2 * i + 1]);
		if (hi - 2 > 5 || lo < 0 || (hi == 7 && lo == 15))
			return false;
		if (dst != NULL)
			dst[i] = (uint8_t)(hi * 16 + (unsigned)lo);
	}
	return true;
}

static RARE void
equipment_text(struct dsmr_dec *d, const struct dataset_value *v, struct reading *r)
{
	uint8_t *out = d->buf + (v->p - d->buf), text[64];
	size_t n = v->n / 2;

	if (v->n < 2 || v->n % 2 != 0)
		return;
	/* One pass into a local copy for the usual ids, checked first for longer ones. */
	if (n <= sizeof(text)) {
		if (!hex_text(v->p, n, text))
			return;
		memcpy(out, text, n);
	} else {
		if (!hex_text(v->p, n, NULL))
			return;
		(void)hex_text(v->p, n, out);
	}
	/* What a text reading has, the rest as reading_clear() leaves it (the id stays). */
	r->type = READING_TEXT;
	r->raw = 0;
	r->scaler = 0;
	r->unit[0] = '\0';
	r->has = 0;
	r->time_kind = READING_TIME_NONE;
	r->time = 0;
	r->utc_offset = 0;
	r->index = v->index;
	r->text = out;
	r->text_len = n;
}

/*
 * A stamp value v, parsed into d's stamp fields; true when a number
 * follows it in its set, which takes the stamp as its time (has_stamp):
 * that number is then read (into *w and the reading), so it is parsed once,
 * not peeked at and read again. Otherwise the iterator is left where it was.
 */
static RARE bool
stamp_value(struct dsmr_dec *d, const struct dataset_value *v, struct dataset_value *w)
{
	struct dataset_iter at = d->it;

	d->stamp_valid = stamp_time(v->p, v->n, &d->stamp, &d->stamp_offset); /* is_stamp checked it */
	if (d->it.in_set && dataset_iter_next_value(&d->it, w) && !is_stamp(w) &&
	    dataset_value_is_number(w)) {
		d->has_stamp = true;
		(void)dataset_value_parse(w, &d->reading);
		return true;
	}
	d->it = at;
	return false;
}

/* The next reading of the frame being read out, or false when all are out. */
static bool
next_reading(struct dsmr_dec *d)
{
	struct dataset_value v, w;
	struct reading *r = &d->reading;
	bool stamp;

	for (;;) {
		int k;

		/*
		 * The reading was cleared when the frame's values began and holds
		 * its data set's id; dataset_iter_reading sets every field a value
		 * has, so only what DSMR adds is reset here: a time (set_time),
		 * when the last reading had one. Without, has holds at most the
		 * scaler bit, which the iterator sets or clears.
		 */
		if (r->time_kind != READING_TIME_NONE) {
			r->has = 0;
			r->time_kind = READING_TIME_NONE;
			r->time = 0;
			r->utc_offset = 0;
		}
		k = dataset_iter_reading(&d->it, NULL, r, &v);
		if (k == DATASET_NEXT_NONE)
			return false;
		if (k == DATASET_NEXT_SET) {
			d->has_stamp = false;
			d->equipment = is_equipment_id(r->id);
			find_profile(d, &v);
		}
		if ((stamp = is_stamp(&v)) && stamp_value(d, &v, &w)) {
			v = w; /* the number the stamp dates */
			stamp = false;
		}
		break;
	}
	if (r->type == READING_NUMBER) {
		if (d->has_stamp && d->stamp_valid)
			set_time(r, d->stamp, d->stamp_offset);
		if (d->profile && v.index >= PROFILE_VALUES) {
			if (r->unit[0] == '\0')
				memcpy(r->unit, d->profile_unit, sizeof(r->unit));
			if (d->profile_time_valid)
				set_time(r, d->profile_time, 0);
		}
	} else if (stamp && d->stamp_valid) {
		/* A stamp no number follows is a reading of its own, parsed above. */
		set_time(r, d->stamp, d->stamp_offset);
	}
	if (d->equipment)
		equipment_text(d, &v, r);
	d->has_stamp = false;
	return true;
}

enum dec_event
dsmr_dec_event(struct dsmr_dec *d)
{
	switch (d->pending) {
	case P_FRAME:
		d->pending = d->emit ? P_READINGS : P_NONE;
		d->has_stamp = false;
		d->profile = false;
		reading_clear(&d->reading);
		return DEC_FRAME;
	case P_READINGS:
		if (next_reading(d))
			return DEC_READING;
		d->pending = P_NONE;
		break;
	}
	return DEC_NONE;
}

const struct frame_info *
dsmr_dec_frame(const struct dsmr_dec *d)
{
	return &d->frame;
}

const struct reading *
dsmr_dec_reading(const struct dsmr_dec *d)
{
	return &d->reading;
}

static bool
has_f255(const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i + 5 <= n; i++)
		if (memcmp(p + i, "*255(", 5) == 0)
			return true;
	return false;
}

/* Objects every DSMR telegram has and IEC 62056-21 meters do not send. */
static const char *const dsmr_marks[] = {
	"1-3:0.2.8(", "0-0:1.0.0(", "0-0:96.1.1(", "0-0:96.14.0(", "0-0:96.13.0(", "0-1:24.1.0(",
};

int
dsmr_detect(const uint8_t *p, size_t n)
{
	struct dataset_ident id;
	size_t i, k, line = 0;
	int score = 0;

	for (i = 0; i < n; i++) {
		if (p[i] != '\r' && p[i] != '\n')
			continue;
		if (i > line && p[line] == '/' && dataset_ident_parse(&id, p + line, i - line))
			score += 30;
		else if (i - line == 5 && p[line] == '!' && hex_value(p[line + 1]) >= 0 &&
		         hex_value(p[line + 4]) >= 0)
			score += 40;
		else if (has_f255(p + line, i - line))
			return 0; /* F groups: IEC 62056-21 push data, not DSMR */
		for (k = 0; k < sizeof(dsmr_marks) / sizeof(dsmr_marks[0]); k++)
			if (i - line > strlen(dsmr_marks[k]) &&
			    memcmp(p + line, dsmr_marks[k], strlen(dsmr_marks[k])) == 0)
				score += 20;
		line = i + 1;
	}
	return score > 95 ? 95 : score;
}

DECODER_OPS_DEFINE(dsmr, dsmr_dec, struct dsmr_dec, dsmr_detect);
