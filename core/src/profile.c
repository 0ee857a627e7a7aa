#include <string.h>

#include "meterd/profile.h"

#define MAX_DIGITS 18 /* keeps every mantissa inside int64 */

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static bool
is_line_end(char c)
{
	return c == '\n' || c == '\0';
}

size_t
profile_count(const char *text)
{
	size_t n = 0;

	while (*text != '\0') {
		while (is_blank(*text))
			text++;
		if (!is_line_end(*text) && *text != '#')
			n++;
		while (!is_line_end(*text))
			text++;
		if (*text == '\n')
			text++;
	}
	return n;
}

/* A decimal number "-12.5" as mantissa * 10^exp. */
static int
parse_decimal(const char *s, int64_t *mant, int *exp)
{
	bool neg = false, point = false;
	int digits = 0, frac = 0;
	int64_t m = 0;

	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	for (; *s != '\0'; s++) {
		if (*s == '.' && !point) {
			point = true;
			continue;
		}
		if (*s < '0' || *s > '9' || ++digits > MAX_DIGITS)
			return -1;
		m = m * 10 + (*s - '0');
		frac += point;
	}
	if (digits == 0)
		return -1;
	*mant = neg ? -m : m;
	*exp = -frac;
	return 0;
}

/* An unsigned integer, decimal or 0x hex, up to 32 bits. */
static int
parse_u32(const char *s, uint32_t *v)
{
	uint64_t x = 0;
	int base = 10, d, n = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	for (; *s != '\0'; s++, n++) {
		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (base == 16 && *s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			return -1;
		x = x * (uint64_t)base + (uint64_t)d;
		if (x > 0xFFFFFFFFu)
			return -1;
	}
	if (n == 0)
		return -1;
	*v = (uint32_t)x;
	return 0;
}

/* The raw range a type can hold. */
static void
type_bounds(enum profile_type t, int64_t *lo, int64_t *hi, uint32_t *mask)
{
	switch (t) {
	case PROFILE_U16:
		*lo = 0, *hi = 0xFFFF, *mask = 0xFFFF;
		break;
	case PROFILE_S16:
		*lo = -32768, *hi = 32767, *mask = 0xFFFF;
		break;
	case PROFILE_U32:
		*lo = 0, *hi = 0xFFFFFFFFll, *mask = 0xFFFFFFFFu;
		break;
	case PROFILE_S32:
		*lo = -2147483647ll - 1, *hi = 2147483647ll, *mask = 0xFFFFFFFFu;
		break;
	case PROFILE_BIT:
		*lo = 0, *hi = 1, *mask = 1;
		break;
	case PROFILE_F32:
		*lo = INT64_MIN, *hi = INT64_MAX, *mask = 0xFFFFFFFFu;
		break;
	case PROFILE_SELF:
	default:
		*lo = INT64_MIN, *hi = INT64_MAX, *mask = 0xFFFFFFFFu;
		break;
	}
}

/*
 * A value mantissa * 10^exp in the entry's unit to raw = value / scale,
 * exactly. -1 when it is not a whole multiple of the scale or overflows.
 */
static int
value_to_raw(const struct profile_entry *e, int64_t mant, int exp, int64_t *raw)
{
	int k = exp - e->scale_exp;

	for (; k > 0; k--) {
		if (mant > INT64_MAX / 10 || mant < INT64_MIN / 10)
			return -1;
		mant *= 10;
	}
	for (; k < 0; k++) {
		if (mant % 10 != 0)
			return -1;
		mant /= 10;
	}
	if (mant % e->scale_mul != 0)
		return -1;
	*raw = mant / e->scale_mul;
	return 0;
}

static bool
name_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n >= PROFILE_NAME_MAX)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_' || *s == '-' || *s == '.'))
			return false;
	return true;
}

static const struct {
	const char       *name;
	enum profile_type type;
	bool              word_swap;
} type_names[] = {
	{"-", PROFILE_SELF, false},    {"u16", PROFILE_U16, false},   {"s16", PROFILE_S16, false},
	{"u32", PROFILE_U32, false},   {"s32", PROFILE_S32, false},   {"f32", PROFILE_F32, false},
	{"u32sw", PROFILE_U32, true},  {"s32sw", PROFILE_S32, true},  {"f32sw", PROFILE_F32, true},
	{"bit", PROFILE_BIT, false},
};

enum field { F_KEY, F_NAME, F_UNIT, F_SCALE, F_TYPE, F_ACCESS, F_MIN, F_MAX, F_ABSENT, F_COUNT };

static const char *const field_missing[F_COUNT] = {
	"missing key",  "missing name", "missing unit", "missing scale", "missing type",
	"missing access", "missing min", "missing max",  "missing absent value",
};

/* Parses the fields of one value line into e. Returns NULL, or an error and *bad its field. */
static const char *
parse_fields(struct profile_entry *e, char *f[F_COUNT], enum field *bad)
{
	int64_t m, lo, hi;
	uint32_t mask;
	int x;
	size_t i;

	e->key = f[F_KEY];
	if (strlen(e->key) >= PROFILE_KEY_MAX || strchr(e->key, ':') != NULL)
		return *bad = F_KEY, "key too long or holds ':'";
	e->name = f[F_NAME];
	if (!name_ok(e->name))
		return *bad = F_NAME, "name must be 1-47 of A-Z a-z 0-9 _ - .";
	e->unit = strcmp(f[F_UNIT], "-") == 0 ? "" : f[F_UNIT];
	if (strlen(e->unit) >= READING_UNIT_MAX)
		return *bad = F_UNIT, "unit longer than 11 bytes";
	e->scale_mul = 1;
	e->scale_exp = 0;
	if (strcmp(f[F_SCALE], "-") != 0) {
		if (parse_decimal(f[F_SCALE], &m, &x) != 0)
			return *bad = F_SCALE, "scale is not a decimal number";
		if (m <= 0)
			return *bad = F_SCALE, "scale must be positive";
		while (m % 10 == 0) {
			m /= 10;
			x++;
		}
		if (m > INT32_MAX || x < -18 || x > 18)
			return *bad = F_SCALE, "scale out of range";
		e->scale_mul = (int32_t)m;
		e->scale_exp = (int8_t)x;
	}
	for (i = 0; i < sizeof(type_names) / sizeof(type_names[0]); i++)
		if (strcmp(f[F_TYPE], type_names[i].name) == 0)
			break;
	if (i == sizeof(type_names) / sizeof(type_names[0]))
		return *bad = F_TYPE, "type must be one of - u16 s16 u32 s32 f32 u32sw s32sw f32sw bit";
	e->type = type_names[i].type;
	e->word_swap = type_names[i].word_swap;
	if (e->type == PROFILE_F32) {
		/* A float has no raw integer to bound, and no exact write. */
		if (strcmp(f[F_MIN], "-") != 0)
			return *bad = F_MIN, "f32 takes no min";
		if (strcmp(f[F_MAX], "-") != 0)
			return *bad = F_MAX, "f32 takes no max";
		if (strcmp(f[F_ABSENT], "-") != 0)
			return *bad = F_ABSENT, "f32 takes no absent value (NaN is absent)";
	}
	if (strcmp(f[F_ACCESS], "r") == 0)
		e->writable = false;
	else if (strcmp(f[F_ACCESS], "rw") == 0)
		e->writable = true;
	else
		return *bad = F_ACCESS, "access must be r or rw";
	type_bounds(e->type, &lo, &hi, &mask);
	if ((e->has_min = strcmp(f[F_MIN], "-") != 0)) {
		if (parse_decimal(f[F_MIN], &m, &x) != 0 || value_to_raw(e, m, x, &e->raw_min) != 0)
			return *bad = F_MIN, "min is not a number the scale can express";
		if (e->raw_min < lo || e->raw_min > hi)
			return *bad = F_MIN, "min does not fit the type";
	}
	if ((e->has_max = strcmp(f[F_MAX], "-") != 0)) {
		if (parse_decimal(f[F_MAX], &m, &x) != 0 || value_to_raw(e, m, x, &e->raw_max) != 0)
			return *bad = F_MAX, "max is not a number the scale can express";
		if (e->raw_max < lo || e->raw_max > hi)
			return *bad = F_MAX, "max does not fit the type";
		if (e->has_min && e->raw_min > e->raw_max)
			return *bad = F_MAX, "max is below min";
	}
	if ((e->has_absent = strcmp(f[F_ABSENT], "-") != 0)) {
		if (parse_u32(f[F_ABSENT], &e->absent) != 0 || (e->absent & ~mask) != 0)
			return *bad = F_ABSENT, "absent value must be an unsigned number that fits the type";
	}
	return NULL;
}

/*
 * "block FIRST LAST" at *s: its two keys, NUL-terminated in place, stored
 * backwards from the end of entries, below which n values are. Leaves *s
 * at the next line; on error sets *at to the offending place.
 */
static const char *
block_line(struct profile *p, char **s, struct profile_entry *entries, size_t n, size_t cap,
           uint32_t lineno, char **at)
{
	char *f[3], *c = *s + 5, *eol = c;
	struct profile_entry *b;
	int k = 0;

	while (!is_line_end(*eol))
		eol++;
	*s = *eol == '\n' ? eol + 1 : eol;
	while (k < 3) {
		while (c < eol && is_blank(*c))
			c++;
		if (c == eol)
			break;
		f[k++] = c;
		while (c < eol && !is_blank(*c))
			c++;
		*c = '\0'; /* a blank or the line end; eol itself may be the text's NUL */
		if (c < eol)
			c++;
	}
	if (k == 3 && f[2][0] == '#')
		k = 2; /* a comment after the keys */
	if (k != 2) {
		*at = k == 3 ? f[2] : c;
		return k == 3 ? "block takes two keys" : "block needs a first and a last key";
	}
	if (strlen(f[0]) >= PROFILE_KEY_MAX || strlen(f[1]) >= PROFILE_KEY_MAX) {
		*at = f[0];
		return "key too long";
	}
	if (n + p->nblocks == cap) {
		*at = f[0];
		return "more values than the entry array holds";
	}
	b = &entries[cap - 1 - p->nblocks++];
	memset(b, 0, sizeof(*b));
	b->key = f[0];
	b->name = f[1];
	b->unit = b->description = "";
	b->line = lineno;
	return NULL;
}

unsigned
profile_entry_words(const struct profile_entry *e)
{
	return e->type == PROFILE_U32 || e->type == PROFILE_S32 || e->type == PROFILE_F32 ? 2 : 1;
}

uint32_t
profile_join_words(const struct profile_entry *e, uint16_t w0, uint16_t w1)
{
	return e->word_swap ? (uint32_t)w1 << 16 | w0 : (uint32_t)w0 << 16 | w1;
}

int
profile_parse(struct profile *p, char *text, struct profile_entry *entries, size_t cap,
              struct profile_error *err)
{
	char *s = text, *line, *at, *f[F_COUNT];
	uint32_t lineno = 0;
	const char *msg;
	enum field k;
	size_t n = 0, i;

	p->entries = entries;
	p->count = 0;
	p->blocks = NULL;
	p->nblocks = 0;
	while (*s != '\0') {
		bool ended = false;
		struct profile_entry *e;
		char *end;

		line = s;
		lineno++;
		while (is_blank(*s))
			s++;
		if (is_line_end(*s) || *s == '#') {
			while (!is_line_end(*s))
				s++;
			if (*s == '\n')
				s++;
			continue;
		}
		if (strncmp(s, "block", 5) == 0 && is_blank(s[5])) {
			if ((msg = block_line(p, &s, entries, n, cap, lineno, &at)) != NULL)
				goto fail;
			continue;
		}
		for (k = F_KEY; k < F_COUNT; k++) {
			while (!ended && is_blank(*s))
				s++;
			if (ended || is_line_end(*s)) {
				at = ended ? s - 1 : s; /* where the line ended */
				msg = field_missing[k];
				goto fail;
			}
			f[k] = s;
			while (!is_blank(*s) && !is_line_end(*s))
				s++;
			ended = *s == '\n';
			if (*s != '\0')
				*s++ = '\0';
		}
		if (n + p->nblocks == cap) {
			at = f[F_KEY];
			msg = "more values than the entry array holds";
			goto fail;
		}
		e = &entries[n];
		memset(e, 0, sizeof(*e));
		e->line = lineno;
		/* The description: the rest of the line, blanks trimmed. */
		e->description = "";
		if (!ended) {
			while (is_blank(*s))
				s++;
			e->description = s;
			while (!is_line_end(*s))
				s++;
			end = s;
			if (*s == '\n')
				s++;
			while (end > e->description && is_blank(end[-1]))
				end--;
			*end = '\0';
		}
		if ((msg = parse_fields(e, f, &k)) != NULL) {
			at = f[k];
			goto fail;
		}
		for (i = 0; i < n; i++) {
			if (strcmp(entries[i].key, e->key) == 0) {
				at = f[F_KEY];
				msg = "duplicate key";
				goto fail;
			}
			if (strcmp(entries[i].name, e->name) == 0) {
				at = f[F_NAME];
				msg = "duplicate name";
				goto fail;
			}
		}
		n++;
	}
	p->count = n;
	/* Blocks were stored backwards from the end: put them in file order. */
	if (p->nblocks > 0) {
		struct profile_entry *b = entries + cap - p->nblocks, t;
		for (i = 0; i < p->nblocks / 2; i++) {
			t = b[i];
			b[i] = b[p->nblocks - 1 - i];
			b[p->nblocks - 1 - i] = t;
		}
		p->blocks = b;
	}
	return 0;
fail:
	p->count = 0;
	p->nblocks = 0;
	p->blocks = NULL;
	err->line = lineno;
	err->column = (uint32_t)(at - line) + 1;
	err->msg = msg;
	return -1;
}

const struct profile_entry *
profile_find(const struct profile *p, const char *key)
{
	size_t i;

	for (i = 0; i < p->count; i++)
		if (strcmp(p->entries[i].key, key) == 0)
			return &p->entries[i];
	return NULL;
}

const struct profile_entry *
profile_find_reading(const struct profile *p, const char *id)
{
	const char *k = NULL, *s;

	for (s = id; *s != '\0'; s++)
		if (*s == ':')
			k = s;
	return profile_find(p, k != NULL ? k + 1 : id);
}

enum profile_result
profile_apply(const struct profile *p, struct reading *r)
{
	const struct profile_entry *e = profile_find_reading(p, r->id);
	int64_t lo, hi, v;
	uint32_t mask, bits;

	if (e == NULL)
		return PROFILE_UNKNOWN;
	r->name = e->name;
	if (e->type == PROFILE_SELF)
		return PROFILE_NAMED;
	type_bounds(e->type, &lo, &hi, &mask);
	bits = (uint32_t)((uint64_t)r->raw & mask);
	reading_set_str(r->unit, sizeof(r->unit), e->unit, strlen(e->unit));
	if (e->has_absent && bits == e->absent)
		return PROFILE_ABSENT;
	if (e->type == PROFILE_F32) {
		int sc;
		if (!reading_from_float32(bits, &v, &sc))
			return PROFILE_ABSENT;
		sc += e->scale_exp;
		r->raw = v * e->scale_mul; /* |v| < 10^9 and mul < 2^31: no overflow */
		r->scaler = (int8_t)(sc < -128 ? -128 : sc > 127 ? 127 : sc);
		return PROFILE_NAMED;
	}
	v = bits;
	if (e->type == PROFILE_S16)
		v = (int16_t)(uint16_t)bits;
	else if (e->type == PROFILE_S32)
		v = (int32_t)bits;
	r->raw = v * e->scale_mul; /* |v| < 2^32 and mul < 2^31: no overflow */
	r->scaler = e->scale_exp;
	return PROFILE_NAMED;
}

int
profile_raw_for_write(const struct profile_entry *e, int64_t mantissa, int exp10, int64_t *raw)
{
	int64_t lo, hi, v;
	uint32_t mask;

	if (!e->writable || e->type == PROFILE_F32 || exp10 < -40 || exp10 > 40 || value_to_raw(e, mantissa, exp10, &v) != 0)
		return -1;
	type_bounds(e->type, &lo, &hi, &mask);
	if (v < lo || v > hi || (e->has_min && v < e->raw_min) || (e->has_max && v > e->raw_max))
		return -1;
	*raw = v;
	return 0;
}
