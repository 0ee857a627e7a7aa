#include <string.h>

#include "meterd/crc.h"
#include "sml_msg.h"

/*
 * The readers each element goes through, inlined into their callers even
 * where the compiler's size heuristics would not (entry_fast then compiles
 * once per use, for its constant `full`); not when optimising for size (the
 * ESP8266 build, -Os), where it would double sml_msg.o.
 */
#if defined(__GNUC__) && !defined(__OPTIMIZE_SIZE__)
#define HOT_INLINE __attribute__((always_inline)) static inline
#else
#define HOT_INLINE static inline
#endif

/*
 * Every one-byte TL, the common case, classified once: the type in the high
 * nibble and the data length (elements, for a list) in the low one; 0xFF
 * for a TL that continues (bit 7) or is malformed, which el_read leaves to
 * sml_el_read_slow. Checked against it for all 256 bytes in tests/test_sml.c.
 */
static const uint8_t tl_class[256] = {
	0x50, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a,
	0x0b, 0x0c, 0x0d, 0x0e, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x11, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x21, 0x22,
	0x23, 0x24, 0x25, 0x26, 0x27, 0x28, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47,
	0x48, 0x49, 0x4a, 0x4b, 0x4c, 0x4d, 0x4e, 0x4f, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff,
};
_Static_assert(SML_T_OCTETS == 0 && SML_T_BOOL == 1 && SML_T_INT == 2 && SML_T_UINT == 3 &&
                   SML_T_LIST == 4 && SML_T_END == 5,
               "tl_class holds the types by number");

/*
 * The bytes a one-byte-TL scalar takes, TL included (1..15), by its TL
 * byte; 0 for lists, endOfSmlMsg, continued and malformed TLs. The common
 * list entry below is walked on this alone.
 */
const uint8_t sml_tl_scalar[256] = {
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 2, 3, 4, 5, 6, 7, 8, 9, 0, 0, 0, 0, 0, 0,
	0, 0, 2, 3, 4, 5, 6, 7, 8, 9, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

unsigned
sml_long_octets(const uint8_t *p, size_t n)
{
	unsigned k;

	if (n < 2 || (p[0] & 0xF0) != 0x80 || (p[1] & 0xF0) != 0x00)
		return 0;
	k = (p[0] & 0x0Fu) << 4 | (p[1] & 0x0Fu);
	return k >= 2 && k < n ? k : 0;
}

/* The reader every parse below inlines; sml_el_read is its exported form. */
static inline bool
el_read(struct cursor *c, struct sml_el *e)
{
	size_t i = c->pos;
	uint8_t k;

	if (i < c->len && (k = tl_class[c->p[i]]) != 0xFF && !c->err) {
		uint32_t len = k & 0x0Fu;
		e->type = (enum sml_type)(k >> 4);
		e->len = len;
		e->data = c->p + i + 1;
		if (e->type == SML_T_LIST)
			len = 0;
		if (len > c->len - i - 1) {
			c->err = true;
			c->pos = c->len;
			return false;
		}
		c->pos = i + 1 + len;
		return true;
	}
	return sml_el_read_slow(c, e);
}

bool
sml_el_read(struct cursor *c, struct sml_el *e)
{
	return el_read(c, e);
}

bool
sml_el_read_slow(struct cursor *c, struct sml_el *e)
{
	uint8_t b = cursor_u8(c);
	uint32_t len = b & 0x0Fu;
	unsigned ntl = 1;
	int32_t dl;

	if (c->err)
		return false;
	e->type = sml_tl_type(b);
	e->data = NULL;
	while (b & SML_TL_MORE) {
		if (ntl == SML_TL_MAX)
			return false;
		b = cursor_u8(c);
		if (c->err || (b & 0x70u) != 0)
			return false;
		len = len << 4 | (b & 0x0Fu);
		ntl++;
	}
	if (e->type == SML_T_BAD)
		return false;
	if (e->type == SML_T_END) {
		e->len = 0;
		return true;
	}
	if (e->type == SML_T_LIST) {
		e->len = len;
		return true;
	}
	if ((dl = sml_scalar_data_len(e->type, len, ntl)) < 0)
		return false;
	e->len = (uint32_t)dl;
	e->data = cursor_take(c, e->len);
	return !c->err;
}

bool
sml_el_skip(struct cursor *c)
{
	const uint8_t *p = c->p;
	size_t n = c->len, pos = c->pos, pending = 1;
	struct sml_el e;

	if (c->err)
		return false;
	/*
	 * A count of elements still owed instead of recursion: depth costs no
	 * stack. A scalar may take pos past n: the next element, or the end,
	 * finds it there.
	 */
	while (pending > 0) {
		uint8_t k;
		uint32_t len;
		if (pos >= n)
			goto bad;
		if ((k = sml_tl_scalar[p[pos]]) != 0) {
			/* a scalar with a one-byte TL, TL and data k bytes */
			pos += k;
			pending--;
			continue;
		}
		if ((p[pos] & 0xF0) == 0x70) { /* a list with a one-byte TL */
			len = p[pos++] & 0x0Fu;
		} else {
			c->pos = pos;
			if (!sml_el_read_slow(c, &e))
				return false;
			pos = c->pos;
			if (e.type != SML_T_LIST) {
				pending--;
				continue;
			}
			len = e.len;
		}
		if (len > n - pos) /* every element takes at least a byte */
			goto bad;
		pending += len - 1u;
	}
	if (pos > n)
		goto bad;
	c->pos = pos;
	return true;
bad:
	c->err = true;
	c->pos = n;
	return false;
}

/* The big-endian value of an integer's 1..8 data bytes (checked when read). */
static inline uint64_t
el_be(const struct sml_el *e)
{
	uint64_t v = 0;
	uint32_t i;

	for (i = 0; i < e->len; i++)
		v = v << 8 | e->data[i];
	return v;
}

uint64_t
sml_el_uint(const struct sml_el *e)
{
	if (e->type != SML_T_INT && e->type != SML_T_UINT && e->type != SML_T_BOOL)
		return 0;
	return el_be(e);
}

int64_t
sml_el_int(const struct sml_el *e)
{
	uint64_t v = sml_el_uint(e);

	if (e->type == SML_T_INT)
		return sign_extend(v, e->len);
	if (e->type == SML_T_BOOL)
		return v != 0;
	return (int64_t)v;
}

bool
sml_el_absent(const struct sml_el *e)
{
	return e->type == SML_T_OCTETS && e->len == 0;
}

static bool
is_int(const struct sml_el *e)
{
	return e->type == SML_T_INT || e->type == SML_T_UINT;
}

/*
 * SML_Time: a list of 2, choice 1 secIndex or 2 timestamp (Unsigned32), or
 * 3 localTimestamp (a list of timestamp, localOffset and seasonTimeOffset in
 * minutes). The Holley DTZ541 sends a bare Unsigned32 instead of the list;
 * its values count seconds since the meter started, so it is a secIndex.
 * Other shapes are skipped without a time.
 */
static const char *
time_parse(struct cursor *c, const struct sml_el *e, struct sml_entry *en)
{
	struct sml_el tag, v, part;
	int64_t ts, off = 0;
	uint32_t i;

	if (e->type == SML_T_UINT) {
		en->time_kind = READING_TIME_SECINDEX;
		en->time = en->time_utc = (int64_t)sml_el_uint(e);
		return NULL;
	}
	if (e->type != SML_T_LIST)
		return NULL;
	if (e->len != 2) {
		for (i = 0; i < e->len; i++)
			if (!sml_el_skip(c))
				return "bad valTime";
		return NULL;
	}
	if (!el_read(c, &tag) || tag.type == SML_T_LIST)
		return "bad valTime";
	if (!el_read(c, &v))
		return "bad valTime";
	if (v.type == SML_T_LIST) {
		if (v.len != 3 || sml_el_uint(&tag) != 3) {
			for (i = 0; i < v.len; i++)
				if (!sml_el_skip(c))
					return "bad valTime";
			return NULL;
		}
		if (!el_read(c, &part) || part.type == SML_T_LIST)
			return "bad valTime";
		ts = (int64_t)sml_el_uint(&part);
		for (i = 0; i < 2; i++) {
			if (!el_read(c, &part) || part.type == SML_T_LIST)
				return "bad valTime";
			off += sml_el_int(&part);
		}
		if (off < -1440 || off > 1440)
			return NULL; /* not a UTC offset in minutes: keep no time */
		en->time_kind = READING_TIME_LOCAL;
		en->utc_offset = (int16_t)off;
		en->time = ts + off * 60;
		en->time_utc = ts;
		return NULL;
	}
	if (!is_int(&v))
		return NULL;
	switch (sml_el_uint(&tag)) {
	case 1:
		en->time_kind = READING_TIME_SECINDEX;
		en->time = en->time_utc = (int64_t)sml_el_uint(&v);
		break;
	case 2:
		en->time_kind = READING_TIME_UNIX;
		en->time = en->time_utc = (int64_t)sml_el_uint(&v);
		break;
	}
	return NULL;
}

/*
 * One SML_ListEntry (a list of 7): the checks of sml_entry_parse, and with
 * `full` its fields too. deliver() checks every entry of a frame before the
 * frame is reported (full false: only what says whether it gives a value),
 * the readings then parse the entries that do (full true); inline, so each
 * use is compiled for its own `full`.
 */
static bool
el_slow_at(const uint8_t *p, size_t n, size_t *pos, struct sml_el *e)
{
	struct cursor c = {p, n, *pos, false};
	bool ok = sml_el_read_slow(&c, e);

	*pos = c.pos;
	return ok;
}

/* el_read on a plain offset, which the entry walk below keeps in a register. */
HOT_INLINE bool
el_at(const uint8_t *p, size_t n, size_t *pos, struct sml_el *e)
{
	size_t i = *pos;
	uint8_t k;

	if (i < n && (k = tl_class[p[i]]) != 0xFF) {
		uint32_t len = k & 0x0Fu;
		e->type = (enum sml_type)(k >> 4);
		e->len = len;
		e->data = p + i + 1;
		if (e->type == SML_T_LIST)
			len = 0;
		if (len > n - i - 1)
			return false;
		*pos = i + 1 + len;
		return true;
	}
	return el_slow_at(p, n, pos, e);
}

static const char *
time_at(const uint8_t *p, size_t n, size_t *pos, const struct sml_el *e, struct sml_entry *en)
{
	struct cursor c = {p, n, *pos, false};
	const char *err = time_parse(&c, e, en);

	*pos = c.pos;
	return err;
}

HOT_INLINE bool
skip_at(const uint8_t *p, size_t n, size_t *pos)
{
	struct cursor c = {p, n, *pos, false};
	unsigned k;
	bool ok;

	if (*pos < n && p[*pos] == 0x01) { /* an absent optional field, the common case */
		++*pos;
		return true;
	}
	if (*pos < n && (k = sml_tl_scalar[p[*pos]]) != 0 && k <= n - *pos) { /* a scalar */
		*pos += k;
		return true;
	}
	ok = sml_el_skip(&c);

	*pos = c.pos;
	return ok;
}

/* Big-endian value of a scalar's data (1..8 bytes for integers). */
static inline uint64_t
be_n(const uint8_t *d, unsigned n)
{
	uint64_t v = 0;

	while (n-- > 0)
		v = v << 8 | *d++;
	return v;
}

/* An integer scalar's value by its TL: signed ones sign-extended from their width. */
static inline int64_t
int_at(const uint8_t *tl)
{
	unsigned n = sml_tl_scalar[*tl] - 1u;
	uint64_t v = be_n(tl + 1, n);

	return (*tl & 0x70) == 0x50 ? sign_extend(v, n) : (int64_t)v;
}

/* Whether a scalar's TL is an integer (signed or unsigned). */
#define TL_IS_INT(b) (((b) & 0x70) == 0x50 || ((b) & 0x70) == 0x60)

/*
 * The common shape of a list entry read straight: the entry list 77, then
 * objName, status, valTime, unit, scaler and value as one-byte-TL scalars,
 * except that valTime may be the list 72 62 0t 6x.. (t 1 secIndex or 2
 * timestamp) and the value may be an octet string with a two-byte TL (a
 * public key), and an absent valueSignature 01. Same result as the walk
 * below for it. Returns the offset after the entry, or 0 to leave it to
 * the walk (any other shape, and anything malformed, which the walk names).
 * `en` NULL (not with `full`): only where the entry ends is wanted.
 */
#define ENTRY_FAST_SPAN 95 /* 77, 5 scalars of up to 15 bytes, valTime 72 62 0t + 15, 01 */

HOT_INLINE size_t
entry_fast_in(const uint8_t *p, size_t n, size_t q, struct sml_entry *en, bool full,
              bool roomy)
{
	size_t name, status, vt, unit, scaler, value;
	unsigned k, tkind = 0;

/* With `roomy`, the whole span is known to be in p[0..n). */
#define HAVE(i) (roomy || (i) < n)
	if (!HAVE(q) || p[q] != 0x77)
		return 0;
	name = ++q;
	if (!HAVE(q) || (k = sml_tl_scalar[p[q]]) == 0 || (p[q] & 0x70) != 0)
		return 0;
	status = q += k;
	if (!HAVE(q) || (k = sml_tl_scalar[p[q]]) == 0)
		return 0;
	vt = q += k;
	if (!HAVE(q))
		return 0;
	if ((k = sml_tl_scalar[p[q]]) != 0) {
		q += k;
	} else if (p[q] == 0x72 && (roomy || n - q > 4) && p[q + 1] == 0x62 &&
	           (p[q + 2] == 1 || p[q + 2] == 2) && (p[q + 3] & 0x70) == 0x60 &&
	           (k = sml_tl_scalar[p[q + 3]]) != 0) {
		tkind = p[q + 2] == 1 ? READING_TIME_SECINDEX : READING_TIME_UNIX;
		vt = q + 3;
		q += 3 + k;
	} else {
		return 0;
	}
	unit = q;
	if (!HAVE(q) || (k = sml_tl_scalar[p[q]]) == 0)
		return 0;
	scaler = q += k;
	if (!HAVE(q) || (k = sml_tl_scalar[p[q]]) == 0)
		return 0;
	value = q += k;
	if (!HAVE(q))
		return 0;
	if ((k = sml_tl_scalar[p[q]]) != 0) {
		q += k;
		if (!HAVE(q) || p[q] != 0x01)
			return 0;
		if (en == NULL)
			return q + 1;
		en->value.type = tl_class[p[value]] >> 4;
		en->value.len = k - 1u;
		en->value.data = p + value + 1;
	} else if ((k = sml_long_octets(p + q, n - q)) != 0) {
		/* A 16..255-byte octet string (a public key): its end is checked here. */
		q += k;
		if (q >= n || p[q] != 0x01)
			return 0;
		if (en == NULL)
			return q + 1;
		en->value.type = SML_T_OCTETS;
		en->value.len = k - 2u;
		en->value.data = p + value + 2;
	} else {
		return 0;
	}
#undef HAVE
	en->name = p + name + 1;
	en->name_len = sml_tl_scalar[p[name]] - 1u;
	en->has_value = true;
	if (!full)
		return q + 1;
	if (TL_IS_INT(p[status])) {
		en->has_status = true;
		en->status = be_n(p + status + 1, sml_tl_scalar[p[status]] - 1u);
	}
	if (tkind != 0 || (p[vt] & 0x70) == 0x60) {
		/* A bare Unsigned32 valTime is the Holley DTZ541's secIndex (time_parse). */
		en->time_kind = tkind != 0 ? (enum reading_time)tkind : READING_TIME_SECINDEX;
		en->time = en->time_utc = (int64_t)be_n(p + vt + 1, sml_tl_scalar[p[vt]] - 1u);
	}
	if (TL_IS_INT(p[unit])) {
		en->has_unit = true;
		en->unit = (uint8_t)be_n(p + unit + 1, sml_tl_scalar[p[unit]] - 1u);
	}
	if (TL_IS_INT(p[scaler])) {
		en->has_scaler = true;
		en->scaler = (int8_t)int_at(p + scaler);
	}
	if (en->value.type == SML_T_UINT && en->value.len <= 4 && en->name_len == 6 &&
	    en->name[0] == 0 && en->name[2] == 1 && en->name[3] == 0) {
		en->value_is_time = true;
		en->time_kind = READING_TIME_UNIX;
		en->time = en->value_utc = (int64_t)be_n(en->value.data, en->value.len);
	}
	return q + 1;
}

HOT_INLINE size_t
entry_fast(const uint8_t *p, size_t n, size_t q, struct sml_entry *en, bool full)
{
#ifndef __OPTIMIZE_SIZE__ /* one copy in the ESP8266 build */
	if (q < n && n - q > ENTRY_FAST_SPAN)
		return entry_fast_in(p, n, q, en, full, true);
#endif
	return entry_fast_in(p, n, q, en, full, false);
}

/* Any list entry, step by step (entry_fast goes first). */
static const char *
entry_walk(struct cursor *c, struct sml_entry *en, bool full)
{
	const uint8_t *p = c->p;
	size_t n = c->len, pos = c->pos;
	struct sml_el e;
	const char *err = NULL;

	if (c->err)
		return "list entry is not a list of 7";
	if (!el_at(p, n, &pos, &e) || e.type != SML_T_LIST || e.len != 7) {
		err = "list entry is not a list of 7";
		goto out;
	}
	/* objName */
	if (!el_at(p, n, &pos, &e) || e.type != SML_T_OCTETS) {
		err = "bad objName";
		goto out;
	}
	en->name = e.data;
	en->name_len = e.len;
	/* status: meters use any unsigned width as a bit field */
	if (!el_at(p, n, &pos, &e) || e.type == SML_T_LIST || e.type == SML_T_END) {
		err = "bad status";
		goto out;
	}
	if (full && is_int(&e)) {
		en->has_status = true;
		en->status = el_be(&e);
	}
	/* valTime */
	if (!el_at(p, n, &pos, &e) || e.type == SML_T_END) {
		err = "bad valTime";
		goto out;
	}
	if ((e.type == SML_T_LIST || (full && e.type == SML_T_UINT)) &&
	    (err = time_at(p, n, &pos, &e, en)) != NULL)
		goto out;
	/* unit */
	if (!el_at(p, n, &pos, &e) || e.type == SML_T_LIST || e.type == SML_T_END) {
		err = "bad unit";
		goto out;
	}
	if (full && is_int(&e)) {
		en->has_unit = true;
		en->unit = (uint8_t)el_be(&e);
	}
	/* scaler */
	if (!el_at(p, n, &pos, &e) || e.type == SML_T_LIST || e.type == SML_T_END) {
		err = "bad scaler";
		goto out;
	}
	if (full && is_int(&e)) {
		en->has_scaler = true;
		en->scaler = (int8_t)sml_el_int(&e);
	}
	/*
	 * value: a list is an SML_Time sent as the value (EMH meters do, for
	 * their clock): it becomes a time reading; a list of any other shape is
	 * skipped. A bare Unsigned32 in a clock object (0-b:1.0.e) is the plain
	 * form of the same time, seconds since 1970.
	 */
	if (!el_at(p, n, &pos, &en->value) || en->value.type == SML_T_END) {
		err = "bad value";
		goto out;
	}
	if (en->value.type == SML_T_LIST) {
		struct sml_entry t;
		size_t at = pos;
		memset(&t, 0, sizeof(t));
		if (time_at(p, n, &pos, &en->value, &t) != NULL) {
			/* Some other list: skipped whole, as before time values were read. */
			uint32_t i;
			pos = at;
			for (i = 0; i < en->value.len; i++)
				if (!skip_at(p, n, &pos)) {
					err = "bad value";
					goto out;
				}
		} else if (t.time_kind != READING_TIME_NONE) {
			en->has_value = en->value_is_time = true;
			en->time_kind = t.time_kind;
			en->time = t.time;
			en->utc_offset = t.utc_offset;
			en->value_utc = t.time_utc;
		}
	} else {
		en->has_value = true;
		if (full && en->value.type == SML_T_UINT && en->value.len <= 4 && en->name_len == 6 &&
		    en->name[0] == 0 && en->name[2] == 1 && en->name[3] == 0) {
			en->value_is_time = true;
			en->time_kind = READING_TIME_UNIX;
			en->time = en->value_utc = (int64_t)el_be(&en->value);
		}
	}
	/* valueSignature: almost always absent (01), else skipped whole */
	if (pos < n && p[pos] == 0x01)
		pos++;
	else if (!skip_at(p, n, &pos))
		err = "bad valueSignature";
out:
	if (err != NULL) {
		c->err = true;
		c->pos = c->len;
	} else {
		c->pos = pos;
	}
	return err;
}

const char *
sml_entry_parse(struct cursor *c, struct sml_entry *en)
{
	size_t q;

	memset(en, 0, sizeof(*en));
	if (!c->err && (q = entry_fast(c->p, c->len, c->pos, en, true)) != 0) {
		c->pos = q;
		return NULL;
	}
	return entry_walk(c, en, true);
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

/* Whether an entry is 1-0:16.7.0 sent negative by a DZG meter that means it unsigned. */
static bool
dzg_entry(const struct sml_entry *en, const struct sml_msg *m)
{
	static const uint8_t power[6] = {1, 0, 16, 7, 0, 255};

	return en->value.type == SML_T_INT && (en->value.data[0] & 0x80) != 0 &&
	       en->name_len == 6 && memcmp(en->name, power, 6) == 0 &&
	       dzg_affected(m->server_id, m->server_id_len);
}

/*
 * GetListResponse: clientId, serverId, listName, actSensorTime, valList,
 * listSignature, actGatewayTime. Like the message around it, read on a
 * plain offset `*at` that stays in a register.
 */
static const char *
get_list_parse(const uint8_t *p, size_t n, size_t *at, struct sml_msg *m, struct sml_ents *out)
{
	struct sml_el e;
	struct sml_entry en;
	const char *err;
	size_t pos = *at;
	uint32_t i;
	bool dzg;

	if (pos < n && p[pos] == 0x77)
		pos++;
	else if (!el_at(p, n, &pos, &e) || e.type != SML_T_LIST || e.len != 7)
		return "GetListResponse is not a list of 7";
	if (!skip_at(p, n, &pos))
		return "bad clientId";
	if (!el_at(p, n, &pos, &e) || e.type != SML_T_OCTETS)
		return "bad serverId";
	m->server_id = e.data;
	m->server_id_len = e.len;
	if (!skip_at(p, n, &pos) || !skip_at(p, n, &pos))
		return "bad listName or actSensorTime";
	if (!el_at(p, n, &pos, &e) || e.type != SML_T_LIST)
		return "bad valList";
	m->list_pos = pos;
	m->list_count = e.len;
	dzg = out != NULL && out->dzg_fix;
	for (i = 0; i < e.len; i++) {
		size_t from = pos, q;
		uint16_t flags;
		/* A fast entry always has a value; its fields matter only to dzg_entry. */
		if (!dzg && (q = entry_fast(p, n, from, NULL, false)) != 0) {
			pos = q;
			flags = SML_ENT_FAST;
		} else if (dzg && (q = entry_fast(p, n, from, &en, false)) != 0) {
			pos = q;
			flags = SML_ENT_FAST | (dzg_entry(&en, m) ? SML_ENT_DZG : 0);
		} else {
			struct cursor c = {p, n, from, false};
			en.has_value = false;
			if ((err = entry_walk(&c, &en, false)) != NULL)
				return err;
			pos = c.pos;
			if (!en.has_value)
				continue;
			flags = dzg && dzg_entry(&en, m) ? SML_ENT_DZG : 0;
		}
		m->readings++;
		if (out != NULL && out->n < out->cap)
			out->at[out->n++] = (uint16_t)(from | flags);
	}
	if (!skip_at(p, n, &pos) || !skip_at(p, n, &pos))
		return "bad listSignature or actGatewayTime";
	*at = pos;
	return NULL;
}

/*
 * The common message header read straight: 76, transactionId (octets),
 * groupNo and abortOnError (unsigned), the body 72 and its tag (unsigned,
 * at most 4 bytes), all with one-byte TLs. Returns the offset after the
 * tag, or 0 to leave it to the step-by-step parse (any other shape).
 */
#define HEADER_FAST_SPAN 40 /* 76, octets of up to 15 bytes, 2 unsigned of 9, 72, 4 tag bytes */

HOT_INLINE size_t
header_fast_in(const uint8_t *p, size_t n, size_t q, uint32_t *tag, bool roomy)
{
	unsigned k;

/* With `roomy`, the whole span is known to be in p[0..n). */
#define HAVE(i) (roomy || (i) < n)
	if (!HAVE(q) || p[q] != 0x76)
		return 0;
	q++;
	if (!HAVE(q) || (k = sml_tl_scalar[p[q]]) == 0 || (p[q] & 0x70) != 0x00)
		return 0;
	q += k;
	if (!HAVE(q) || (k = sml_tl_scalar[p[q]]) == 0 || (p[q] & 0x70) != 0x60)
		return 0;
	q += k;
	if (!HAVE(q) || (k = sml_tl_scalar[p[q]]) == 0 || (p[q] & 0x70) != 0x60)
		return 0;
	q += k;
	if (!HAVE(q) || p[q] != 0x72)
		return 0;
	q++;
	if (!HAVE(q) || (k = sml_tl_scalar[p[q]]) == 0 || (p[q] & 0x70) != 0x60 || k > 5)
		return 0;
#undef HAVE
	if (roomy) /* the 4 bytes after the TL, of which the tag is the first k - 1 */
		*tag = ((uint32_t)p[q + 1] << 24 | (uint32_t)p[q + 2] << 16 |
		        (uint32_t)p[q + 3] << 8 | p[q + 4]) >> (8 * (5 - k));
	else if (k <= n - q)
		*tag = (uint32_t)be_n(p + q + 1, k - 1u);
	else
		return 0;
	return q + k;
}

static size_t
header_fast(const uint8_t *p, size_t n, size_t q, uint32_t *tag)
{
#ifndef __OPTIMIZE_SIZE__ /* one copy in the ESP8266 build */
	if (q < n && n - q > HEADER_FAST_SPAN)
		return header_fast_in(p, n, q, tag, true);
#endif
	return header_fast_in(p, n, q, tag, false);
}

const char *
sml_msg_parse_ents(const uint8_t *p, size_t n, size_t off, struct sml_msg *m,
                   struct sml_ents *ents)
{
	struct sml_el e;
	const char *err;
	size_t pos = off;

	memset(m, 0, sizeof(*m));
	if ((pos = header_fast(p, n, off, &m->tag)) != 0)
		goto body;
	pos = off;
	if (off > n || !el_at(p, n, &pos, &e) || e.type != SML_T_LIST || e.len != 6)
		return "message is not a list of 6";
	if (!el_at(p, n, &pos, &e) || e.type != SML_T_OCTETS)
		return "bad transactionId";
	if (!el_at(p, n, &pos, &e) || e.type != SML_T_UINT)
		return "bad groupNo";
	if (!el_at(p, n, &pos, &e) || e.type != SML_T_UINT)
		return "bad abortOnError";
	if (!el_at(p, n, &pos, &e) || e.type != SML_T_LIST || e.len != 2)
		return "message body is not a list of 2";
	if (!el_at(p, n, &pos, &e) || e.type != SML_T_UINT || e.len > 4)
		return "bad message tag";
	m->tag = (uint32_t)el_be(&e);
body:
	if (m->tag == SML_GET_LIST_RES) {
		if ((err = get_list_parse(p, n, &pos, m, ents)) != NULL)
			return err;
	} else if (!skip_at(p, n, &pos)) {
		return "bad message body";
	}
	m->crc_at = pos;
	if (pos < n && n - pos >= 4 && p[pos] == 0x63 && p[pos + 3] == 0x00) { /* the common end */
		m->crc = (uint16_t)(p[pos + 1] << 8 | p[pos + 2]);
		m->end = pos + 4;
		return NULL;
	}
	/* crc16 is Unsigned16, but a meter may drop a zero high byte (Iskra MT691). */
	if (!el_at(p, n, &pos, &e) || e.type != SML_T_UINT || e.len > 2)
		return "bad message crc16";
	m->crc = (uint16_t)el_be(&e);
	if (!el_at(p, n, &pos, &e) || e.type != SML_T_END)
		return "missing endOfSmlMsg";
	m->end = pos;
	return NULL;
}

const char *
sml_msg_parse(const uint8_t *p, size_t n, size_t off, struct sml_msg *m)
{
	return sml_msg_parse_ents(p, n, off, m, NULL);
}

enum sml_crc_kind
sml_msg_crc_reg(uint16_t reg, size_t n, const struct sml_msg *m, bool kermit)
{
	uint16_t x = (uint16_t)(reg ^ 0xFFFFu);

	/* The field holds the CRC with its bytes swapped: low byte first on the wire. */
	if (m->crc == (uint16_t)(x << 8 | x >> 8))
		return SML_CRC_X25;
	/* KERMIT is the same register started from 0 (crc.h). */
	if (kermit && m->crc == (uint16_t)(reg ^ crc16_ccitt_refl_zeros(CRC16_X25_INIT, n)))
		return SML_CRC_KERMIT;
	return SML_CRC_NONE;
}

enum sml_crc_kind
sml_msg_crc(const uint8_t *p, size_t off, const struct sml_msg *m, bool kermit)
{
	size_t n = m->crc_at - off;

	return sml_msg_crc_reg(crc16_ccitt_refl(CRC16_X25_INIT, p + off, n), n, m, kermit);
}
