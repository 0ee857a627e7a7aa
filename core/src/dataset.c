#include <string.h>

#include "meterd/dataset.h"
#include "meterd/obis.h"
#include "obis_int.h"

/*
 * The steps of the per-value path, forced inline on hosts where a compiler
 * would otherwise call them; a build for size (the ESP8266's -Os) keeps one
 * copy of each, about 4 KB of flash less.
 */
#if defined(__XTENSA__) || defined(__OPTIMIZE_SIZE__)
#define HOT_INLINE static inline
#else
#define HOT_INLINE __attribute__((always_inline)) static inline
/* Addresses' usual shapes looked at as words first (set_step): 600 bytes of flash. */
#define DATASET_WORD_SCAN 1
#endif

static bool
is_letter(uint8_t c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static bool
is_digit(uint8_t c)
{
	return c >= '0' && c <= '9';
}

static bool
is_eol(uint8_t c)
{
	return c == '\r' || c == '\n';
}

bool
dataset_ident_parse(struct dataset_ident *id, const uint8_t *line, size_t n)
{
	if (n < 5 || n > DATASET_IDENT_MAX || line[0] != '/')
		return false;
	if (!is_letter(line[1]) || !is_letter(line[2]) || !is_letter(line[3]) || line[4] < 0x20)
		return false;
	if (memchr(line, '\r', n) != NULL || memchr(line, '\n', n) != NULL)
		return false;
	memcpy(id->text, line, n);
	id->text[n] = '\0';
	id->len = (uint8_t)n;
	memcpy(id->manufacturer, line + 1, 3);
	id->manufacturer[3] = '\0';
	id->baud_char = (char)line[4];
	id->fast = line[3] >= 'a' && line[3] <= 'z';
	/* "\W" enhanced capability (62056-21 6.3.13): "\2" announces mode E. */
	id->escape = (n >= 7 && line[5] == '\\') ? (char)line[6] : 0;
	id->model_off = 5;
	return true;
}

void
dataset_scan_init(struct dataset_scan *s)
{
	s->line_start = true;
	s->in_group = false;
}

enum dataset_mark
dataset_scan_byte(struct dataset_scan *s, uint8_t b)
{
	enum dataset_mark m = DATASET_DATA;

	if (is_eol(b)) {
		s->line_start = true;
		s->in_group = false;
		return DATASET_DATA;
	}
	if (s->in_group) {
		if (b == ')')
			s->in_group = false;
	} else if (b == '(') {
		s->in_group = true;
	} else if (b == '/' && s->line_start) {
		m = DATASET_SLASH;
	} else if (b == '!') {
		m = DATASET_END;
	}
	s->line_start = false;
	return m;
}

void
dataset_scan_run(struct dataset_scan *s, const uint8_t *p, size_t n)
{
	size_t i = n;

	if (n == 0)
		return;
	s->line_start = is_eol(p[n - 1]);
	/*
	 * Only the last line counts (a line break ends any group), and in it
	 * only the last parenthesis: after a '(' the scan is inside a group
	 * whatever came before, after a ')' outside.
	 */
	while (i > 0) {
		uint8_t c = p[--i];
		if (c == '(' || c == ')') {
			s->in_group = c == '(';
			return;
		}
		if (is_eol(c)) {
			s->in_group = false;
			return;
		}
	}
}

/*
 * Long enough that a telegram takes few windows (each costs a memchr per
 * stop byte), short of 2048 bytes, the least size at which glibc's memcpy
 * turns to "rep movsb" (its threshold on SSE2-only hosts; more with AVX).
 */
#define TAKE_WINDOW 2000

size_t
dataset_take_run(uint8_t *dst, const uint8_t *p, size_t n, const uint8_t *stops, size_t ns)
{
	size_t total = 0, m, k;

	/*
	 * Copied window by window: short copies are vector loops, a long one
	 * may be a "rep movsb" that costs an instruction per byte.
	 */
	do {
		m = n - total < TAKE_WINDOW ? n - total : TAKE_WINDOW;
		k = dataset_span(p + total, m, stops, ns);
		memcpy(dst + total, p + total, k);
		total += k;
	} while (k == m && m > 0);
	return total;
}

size_t
dataset_span(const uint8_t *p, size_t n, const uint8_t *stops, size_t ns)
{
	const uint8_t *q;
	size_t k;

	for (k = 0; k < ns && n > 0; k++)
		if ((q = memchr(p, stops[k], n)) != NULL)
			n = (size_t)(q - p);
	return n;
}

void
dataset_iter_init(struct dataset_iter *it, const uint8_t *p, size_t n)
{
	memset(it, 0, sizeof(*it));
	cursor_init(&it->c, p, n);
	it->line_from = 1; /* no line end known yet */
	it->stop_at_end = n > 0 && !is_digit(p[n - 1]);
}

/* Offset of the first CR or LF at or after the position, or the block's length. */
static size_t
line_end(struct dataset_iter *it)
{
	const uint8_t *p = it->c.p, *q;
	size_t pos = it->c.pos, e;

	if (pos >= it->line_from && pos <= it->line_end)
		return it->line_end;
	q = memchr(p + pos, '\n', it->c.len - pos);
	e = q ? (size_t)(q - p) : it->c.len;
	if ((q = memchr(p + pos, '\r', e - pos)) != NULL)
		e = (size_t)(q - p);
	it->line_from = pos;
	it->line_end = e;
	return e;
}

/* Moves past the line break at e (or to the end of the block). */
static void
skip_line(struct dataset_iter *it, size_t e)
{
	it->c.pos = e < it->c.len ? e + 1 : it->c.len;
}

/*
 * Skips junk the way dataset_scan sees it: up to and including the line
 * break, or up to (not including) a '!' outside parentheses.
 */
static void
skip_junk(struct dataset_iter *it)
{
	size_t e = line_end(it), i;
	bool in = false;

	if (memchr(it->c.p + it->c.pos, '!', e - it->c.pos) == NULL) {
		skip_line(it, e);
		return;
	}
	for (i = it->c.pos; i < e; i++) {
		uint8_t c = it->c.p[i];
		if (!in && c == '!')
			break;
		if (c == '(')
			in = true;
		else if (c == ')')
			in = false;
	}
	if (i < e)
		it->c.pos = i;
	else
		skip_line(it, e);
}

/* IEC 62056-21 6.3.14: an address is printable and has no ( ) / !. */
#define A_ 1
static const uint8_t addr_char[256] = {
	['&'] = A_, ['*'] = A_, ['-'] = A_, ['.'] = A_, [':'] = A_, ['_'] = A_,
	['0'] = A_, ['1'] = A_, ['2'] = A_, ['3'] = A_, ['4'] = A_, ['5'] = A_, ['6'] = A_,
	['7'] = A_, ['8'] = A_, ['9'] = A_,
	['A'] = A_, ['B'] = A_, ['C'] = A_, ['D'] = A_, ['E'] = A_, ['F'] = A_, ['G'] = A_,
	['H'] = A_, ['I'] = A_, ['J'] = A_, ['K'] = A_, ['L'] = A_, ['M'] = A_, ['N'] = A_,
	['O'] = A_, ['P'] = A_, ['Q'] = A_, ['R'] = A_, ['S'] = A_, ['T'] = A_, ['U'] = A_,
	['V'] = A_, ['W'] = A_, ['X'] = A_, ['Y'] = A_, ['Z'] = A_,
	['a'] = A_, ['b'] = A_, ['c'] = A_, ['d'] = A_, ['e'] = A_, ['f'] = A_, ['g'] = A_,
	['h'] = A_, ['i'] = A_, ['j'] = A_, ['k'] = A_, ['l'] = A_, ['m'] = A_, ['n'] = A_,
	['o'] = A_, ['p'] = A_, ['q'] = A_, ['r'] = A_, ['s'] = A_, ['t'] = A_, ['u'] = A_,
	['v'] = A_, ['w'] = A_, ['x'] = A_, ['y'] = A_, ['z'] = A_,
};
#undef A_

/* '-' and ':' as bytes 1 and 3 of a word read from memory, whatever the byte order. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define AB_MASK 0x00ff00ffu
#define AB_SEPS 0x002d003au
#else
#define AB_MASK 0xff00ff00u
#define AB_SEPS 0x3a002d00u
#ifdef DATASET_WORD_SCAN
/* "a-b:c.d." in a little-endian word: the separators, bytes 1, 3, 5, 7 ... */
#define CODE8_SEP_MASK 0xff00ff00ff00ff00u
#define CODE8_SEPS     0x2e002e003a002d00u
/* ... and the digits, bytes 0, 2, 4, 6, each alone in a 16-bit lane. */
#define CODE8_DIGIT_MASK 0x00ff00ff00ff00ffu
#endif
#endif

HOT_INLINE bool
set_step(struct dataset_iter *it)
{
	const uint8_t *p = it->c.p;
	size_t len = it->c.len, k;
	uint8_t g[6];
	int form;

	while (!it->ended && it->c.pos < len) {
		size_t start = it->c.pos, i = start;
		uint8_t c = p[i];

		if (c == '!') {
			it->ended = true;
			return false;
		}
		if (is_eol(c)) {
			it->c.pos++;
			continue;
		}
		/* Most addresses are OBIS codes (23 bytes at most): read as one up to the '('. */
		if (len - i >= OBIS_TEXT_MAX) {
#ifdef DATASET_WORD_SCAN
			/*
			 * The usual "a-b:" of one digit each looked at as one word;
			 * the rest the byte-wise way (which would read it alike).
			 */
			uint32_t w;
#ifdef CODE8_SEPS
			/*
			 * Most of all "a-b:c.d.e" of one digit each: the first eight
			 * bytes as one word, a lane of x a digit when x + 0x46 stays
			 * below 0x80 (at most '9') and x + 0x50 reaches it (at least '0').
			 */
			uint64_t w8, x;
			memcpy(&w8, p + i, 8);
			x = w8 & CODE8_DIGIT_MASK;
			if ((w8 & CODE8_SEP_MASK) == CODE8_SEPS &&
			    ((x + 0x0046004600460046u) & 0x0180018001800180u) == 0 &&
			    ((x + 0x0050005000500050u) & 0x0080008000800080u) == 0x0080008000800080u &&
			    (unsigned)(p[i + 8] - '0') <= 9 && (unsigned)(p[i + 9] - '0') > 9) {
				form = OBIS_FORM_AB;
				k = obis_scan_end(p + i, len - i, false, 9, p[i + 9], g, &form);
				goto scanned;
			}
#endif
			memcpy(&w, p + i, 4);
			if ((w & AB_MASK) == AB_SEPS && (unsigned)(p[i] - '0') <= 9 &&
			    (unsigned)(p[i + 2] - '0') <= 9) {
				size_t j = 4;
				unsigned sep;
				form = OBIS_FORM_AB;
				k = get_group(p + i, len - i, false, &j, &g[2], &sep)
				        ? obis_scan_tail(p + i, len - i, false, j, sep, g, &form)
				        : 0;
			} else {
				k = obis_scan_code(p + i, len - i, false, g, &form);
			}
#else
			k = obis_scan_code(p + i, len - i, false, g, &form);
#endif
		} else
			k = obis_scan_code(p + i, len - i, true, g, &form);
#ifdef CODE8_SEPS
scanned:
#endif
		i += k;
		if (k > 0 && i < len && p[i] == '(')
			goto found;
		form = -1;
		while (i < len && addr_char[p[i]])
			i++;
		if (i > start && i - start < READING_ID_MAX && i < len && p[i] == '(') {
found:
			it->c.pos = i;
			it->addr_form = form;
			it->addr = p + start;
			it->addr_len = i - start;
			it->index = 0;
			it->in_set = true;
			it->in_group = false;
			return true;
		}
		/* Not a data set: noise, a gateway's line, a cut-off line. */
		it->c.pos = i;
		skip_junk(it);
		if (it->c.pos == start)
			it->c.pos++; /* a lone ')' or similar: make progress */
	}
	return false;
}

/* What ends a unit, or a group (a line break always ends a group). */
#define U_ 1 /* ')', '&', CR, LF: end of a unit */
#define G_ 2 /* ')', CR, LF: end of a group */
#define B_ 4 /* ' ', '*': may follow a number */
static const uint8_t stop_char[256] = {
	[')'] = U_ | G_, ['&'] = U_, ['\r'] = U_ | G_, ['\n'] = U_ | G_, [' '] = B_, ['*'] = B_,
};

/*
 * Moves past a group's ')' at i. A line break right after it ends the data
 * set unless the next line goes on with '(' (DSMR 2.2/3 profile values):
 * seen here, where the byte is at hand, rather than by the next step.
 */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define CRLF_WORD 0x0d0au
#else
#define CRLF_WORD 0x0a0du
#endif

HOT_INLINE void
leave_group(struct dataset_iter *it, const uint8_t *p, size_t len, size_t i)
{
	size_t next = i + 1;
	uint16_t w;

	if (len - next >= 3) {
		/* The usual CR LF as one word, then what the next line starts with. */
		memcpy(&w, p + next, 2);
		if (w == CRLF_WORD) {
			if (p[next + 2] != '(') {
				it->in_set = false;
				next += 2;
			}
			it->c.pos = next;
			return;
		}
	}
	if (next < len && is_eol(p[next])) {
		size_t after = next + 1 + (p[next] == '\r' && next + 1 < len && p[next + 1] == '\n');
		if (after >= len || p[after] != '(') {
			it->in_set = false;
			next = after;
		}
	}
	it->c.pos = next;
}

/*
 * A number into r: raw, scaler and the unit of u[0..un) ("" when no '*'),
 * cut to the field. avail is how many bytes may be read from u on.
 */
HOT_INLINE void
set_number(struct reading *r, int64_t raw, int8_t scaler, const uint8_t *u, size_t un,
           size_t avail)
{
	size_t i;

	r->type = READING_NUMBER;
	r->raw = raw;
	r->scaler = scaler;
	r->has |= READING_HAS_SCALER;
	r->text = NULL;
	r->text_len = 0;
	if (un > READING_UNIT_MAX - 1)
		un = READING_UNIT_MAX - 1;
	if (avail >= READING_UNIT_MAX) {
		/* Whole, as one move: the bytes after the unit are overwritten. */
		memcpy(r->unit, u, READING_UNIT_MAX);
	} else {
		for (i = 0; i < un; i++)
			r->unit[i] = (char)u[i];
	}
	r->unit[un] = '\0';
}

/*
 * Reads decimal digits at p[*i], below len, into *m: how many there were
 * (*m wraps beyond 19 digits; callers refuse those). When the block's last
 * byte is no digit (stop), no run of digits passes it and the bound needs
 * no check.
 */
HOT_INLINE size_t
read_digits(const uint8_t *p, size_t len, bool stop, size_t *i, uint64_t *m)
{
	size_t k = *i, start = k;
	uint64_t v = *m;
	unsigned d;

	if (stop && k < len) {
		/*
		 * Meters pad fields with leading zeros ("0000000.000*kWh": half
		 * the digits of the test corpora), which add nothing to a number
		 * still 0: passed at half the cost of a digit.
		 */
		if (v == 0)
			while (p[k] == '0')
				k++;
		while ((d = (unsigned)p[k] - '0') <= 9) {
			v = v * 10 + d;
			k++;
		}
	} else {
		while (k < len && (d = (unsigned)p[k] - '0') <= 9) {
			v = v * 10 + d;
			k++;
		}
	}
	*m = v;
	*i = k;
	return k - start;
}

/*
 * The next value of the current data set. The common group, "(number)" or
 * "(number*unit)", is read in one pass that finds its end and converts the
 * number (DATASET_KIND_NUMBER); any other goes on from where that pass
 * stopped to the group's end and its first '&'. The iterator's fields are
 * read into locals once: the block's bytes may alias them. at_group: the
 * set was just found, so the iterator is at its first '(' (set_step) and
 * the checks before the group are known to pass.
 */
HOT_INLINE bool
value_step(struct dataset_iter *it, struct dataset_value *v, struct reading *r, bool at_group)
{
	const uint8_t *p = it->c.p, *q;
	size_t len = it->c.len, pos = it->c.pos, start, i, amp, first, numlen, z, sig, dot = 0;
	uint64_t m = 0;
	unsigned dec = 0;
	bool neg = false, point = false, text = false;

	if (at_group)
		goto group;
	if (!it->in_set)
		return false;
	if (it->in_group) {
		start = pos;
		q = memchr(p + start, '&', it->group_end - start);
		i = q ? (size_t)(q - p) : it->group_end;
		if (i == it->group_end)
			it->in_group = false;
		goto emit;
	}
	if (pos < len && is_eol(p[pos])) {
		/*
		 * DSMR 2.2/3 profile values continue on the next line. When they
		 * do not, the line break is skipped all the same: the next data
		 * set is looked for after it.
		 */
		pos += (p[pos] == '\r' && pos + 1 < len && p[pos + 1] == '\n') + 1;
	}
	if (pos >= len || p[pos] != '(') {
		it->c.pos = pos;
		it->in_set = false;
		return false;
	}
group:
	start = i = pos + 1;
	if (i < len && (p[i] == '-' || p[i] == '+'))
		neg = p[i++] == '-';
	first = i;
	read_digits(p, len, it->stop_at_end, &i, &m);
	if (i < len && p[i] == '.' && i > first) {
		dot = i++;
		point = true;
		dec = (unsigned)read_digits(p, len, it->stop_at_end, &i, &m);
	}
	if (i >= len)
		goto general;
	if (!(stop_char[p[i]] & (U_ | B_))) {
		/* A byte no number has ('x', a second '.', a sign inside). */
		text = true;
		goto general;
	}
	if (i == first)
		goto general;
	numlen = i - start;
	if (p[i] == '*') {
		/* The unit: what follows is the general way's business unless ')'. */
		while (++i < len && !(stop_char[p[i]] & U_))
			;
	}
	if (i >= len || p[i] != ')')
		goto general;
	v->p = p + start;
	v->n = i - start;
	v->index = it->index++;
	v->kind = DATASET_KIND_NUMBER;
	it->group_end = i;
	leave_group(it, p, len, i);
	if (numlen - (first - start) - point > 18) {
		/*
		 * 18 digits always fit in 63 bits. Beyond, m wrapped unless the
		 * leading digits were zeros: with at most 19 significant digits
		 * it is exact (below 2^64) and fits when at most INT64_MAX.
		 */
		for (z = first; p[z] == '0' || p[z] == '.'; z++)
			;
		/* The significant digits: from z to the number's end, less a point among them. */
		sig = start + numlen - z - (point && dot > z);
		if (sig > 19 || m > (uint64_t)INT64_MAX || dec > 60) {
			v->avail = len - start;
			v->kind = DATASET_KIND_TEXT;
			return true;
		}
	}
	if (r != NULL) {
		/*
		 * Straight from the locals, not read back from v (which the
		 * compiler must assume r may overlap); v's number fields and
		 * avail are left unset: the reader has r.
		 * "*unit" or nothing: numlen + 1 is past the '*', or the ')' itself.
		 */
		r->index = (uint16_t)(it->index - 1);
		set_number(r, neg ? -(int64_t)m : (int64_t)m, (int8_t)-(int)dec, p + start + numlen + 1,
		           i - start - numlen - (numlen < i - start), len - start - numlen - 1);
		return true;
	}
	v->avail = len - start;
	v->raw = neg ? -(int64_t)m : (int64_t)m;
	v->scaler = (int8_t)-(int)dec;
	v->numlen = numlen;
	return true;
general:
	/* The group's end, and on the way its first '&' (or the end again). */
	while (i < len && !(stop_char[p[i]] & U_))
		i++;
	amp = i;
	if (i < len && p[i] == '&')
		while (++i < len && !(stop_char[p[i]] & G_))
			;
	if (i >= len || p[i] != ')') {
		/* ')' lost: drop the rest of the line, keep what came before. */
		it->in_set = false;
		it->c.pos = i < len ? i + 1 : len;
		return false;
	}
	it->group_end = i;
	it->in_group = amp != i;
	i = amp;
emit:
	v->p = p + start;
	v->n = i - start;
	v->avail = len - start;
	v->index = it->index++;
	v->kind = text ? DATASET_KIND_TEXT : 0;
	if (i == it->group_end && !it->in_group)
		leave_group(it, p, len, i);
	else
		it->c.pos = i + 1; /* past '&' */
	return true;
}

bool
dataset_iter_next_set(struct dataset_iter *it)
{
	struct dataset_value v;

	while (it->in_set)
		(void)value_step(it, &v, NULL, false);
	return set_step(it);
}

bool
dataset_iter_next_value(struct dataset_iter *it, struct dataset_value *v)
{
	return value_step(it, v, NULL, false);
}

HOT_INLINE int
iter_next(struct dataset_iter *it, struct dataset_value *v)
{
	int k = DATASET_NEXT_VALUE;

	/* value_step once in the code, so it is inlined here. */
	for (;;) {
		if (value_step(it, v, NULL, false))
			return k;
		if (!set_step(it))
			return DATASET_NEXT_NONE;
		k = DATASET_NEXT_SET;
	}
}

int
dataset_iter_next(struct dataset_iter *it, struct dataset_value *v)
{
	return iter_next(it, v);
}

bool
dataset_iter_peek_value(const struct dataset_iter *it, struct dataset_value *v)
{
	struct dataset_iter copy = *it;

	return dataset_iter_next_value(&copy, v);
}

/* avail: bytes readable from addr on, which lets an OBIS code be copied whole at once. */
static bool
format_id(const uint8_t *addr, size_t n, size_t avail, int form, const char *prefix, char *id)
{
	size_t k = 0, pl = 0;

	if (n == 0 || n >= READING_ID_MAX)
		return false;
	if (form >= 0) {
		bool full = form & OBIS_FORM_AB, has_f = form & OBIS_FORM_F;
		if (!full && prefix != NULL && prefix[0] != '\0')
			pl = strlen(prefix);
		if (!full && pl > 0 && pl + 1 + n + (has_f ? 0 : 4) < READING_ID_MAX) {
			memcpy(id, prefix, pl);
			k = pl;
			id[k++] = ':';
			full = true;
		}
		if (full) {
			if (avail >= OBIS_TEXT_MAX)
				memcpy(id + k, addr, OBIS_TEXT_MAX); /* k + 24 <= 40: fits */
			else
				memcpy(id + k, addr, n);
			k += n;
			if (!has_f && k + 4 < READING_ID_MAX) {
				memcpy(id + k, "*255", 4);
				k += 4;
			}
			id[k] = '\0';
			return true;
		}
	}
	memcpy(id, addr, n);
	id[n] = '\0';
	return true;
}

bool
dataset_format_id(const uint8_t *addr, size_t n, const char *prefix, char *id)
{
	struct obis o;

	return format_id(addr, n, n, obis_parse_form(&o, (const char *)addr, n, NULL), prefix, id);
}

static inline bool
iter_format_id(const struct dataset_iter *it, const char *prefix, char *id)
{
	size_t n = it->addr_len;

	/* The common full "A-B:C.D.E[*F]" address with the block going on past it. */
	if (it->addr_form >= 0 && (it->addr_form & OBIS_FORM_AB) &&
	    (size_t)(it->c.p + it->c.len - it->addr) >= OBIS_TEXT_MAX) {
		memcpy(id, it->addr, OBIS_TEXT_MAX); /* n < 24: a code has at most 23 */
		if (!(it->addr_form & OBIS_FORM_F)) {
			memcpy(id + n, "*255", 4);
			n += 4;
		}
		id[n] = '\0';
		return true;
	}
	return format_id(it->addr, it->addr_len, (size_t)(it->c.p + it->c.len - it->addr),
	                 it->addr_form, prefix, id);
}

bool
dataset_iter_format_id(const struct dataset_iter *it, const char *prefix, char *id)
{
	return iter_format_id(it, prefix, id);
}

/* The number grammar of the overview, over exactly n bytes. */
static bool
parse_number(const uint8_t *p, size_t n, int64_t *raw, int8_t *scaler)
{
	size_t i = 0, digits = 0;
	uint64_t v = 0;
	bool neg = false, point = false;
	int dec = 0;

	while (i < n && p[i] == ' ')
		i++;
	while (n > i && p[n - 1] == ' ')
		n--;
	if (i < n && (p[i] == '+' || p[i] == '-'))
		neg = p[i++] == '-';
	for (; i < n; i++) {
		if (is_digit(p[i])) {
			/* 63 bits: 922337203685477580 * 10 + 7 is the most that fits. */
			if (v > (uint64_t)INT64_MAX / 10 ||
			    v * 10 > (uint64_t)INT64_MAX - (uint64_t)(p[i] - '0'))
				return false;
			v = v * 10 + (uint64_t)(p[i] - '0');
			digits++;
			if (point && ++dec > 60)
				return false;
		} else if (p[i] == '.' && !point && digits > 0) {
			point = true;
		} else {
			return false;
		}
	}
	if (digits == 0)
		return false;
	*raw = neg ? -(int64_t)v : (int64_t)v;
	*scaler = (int8_t)-dec;
	return true;
}

bool
dataset_line_is_data(const uint8_t *p, size_t n)
{
	struct dataset_iter it;
	struct dataset_value v;
	unsigned sets = 0;

	if (n == 0 || memchr(p, '\r', n) != NULL || memchr(p, '\n', n) != NULL)
		return false;
	dataset_iter_init(&it, p, n);
	while (cursor_left(&it.c) > 0) {
		size_t at = it.c.pos;
		if (!dataset_iter_next_set(&it) || it.addr != p + at)
			return false;
		while (dataset_iter_next_value(&it, &v))
			;
		/* A set ends after its last ')'; the next byte must start another. */
		if (it.c.p[it.c.pos - 1] != ')')
			return false;
		sets++;
	}
	return sets > 0;
}

bool
dataset_value_is_number(const struct dataset_value *v)
{
	const uint8_t *star;
	int64_t raw;
	int8_t sc;

	if (v->kind != 0)
		return v->kind == DATASET_KIND_NUMBER;
	star = memchr(v->p, '*', v->n);
	return parse_number(v->p, star ? (size_t)(star - v->p) : v->n, &raw, &sc);
}

enum { PLAIN_TEXT, PLAIN_NUMBER, PLAIN_UNSURE };

/*
 * The common number, [sign]digits[.digits] of at most 18 digits then the end
 * or "*unit", in one pass: PLAIN_NUMBER with *numlen the offset of the end
 * or '*'. PLAIN_TEXT when no number grammar can take it, PLAIN_UNSURE for
 * blanks and long digit strings, which parse_number decides.
 */
static int
parse_plain(const uint8_t *p, size_t n, int64_t *raw, int8_t *scaler, size_t *numlen)
{
	size_t i = p[0] == '-' || p[0] == '+', first = i;
	uint64_t v = 0;
	unsigned dec = 0;
	bool point = false;

	for (; i < n; i++) {
		unsigned d = (unsigned)p[i] - '0';
		if (d <= 9) {
			v = v * 10 + d;
			dec += point;
		} else if (p[i] == '.' && !point && i > first) {
			point = true;
		} else {
			break;
		}
	}
	if (i < n && p[i] == ' ')
		return PLAIN_UNSURE;
	if (i == first || (i < n && p[i] != '*'))
		return PLAIN_TEXT;
	/* 18 digits always fit in 63 bits; longer ones go the careful way. */
	if (i - first - point > 18)
		return PLAIN_UNSURE;
	*raw = p[0] == '-' ? -(int64_t)v : (int64_t)v;
	*scaler = (int8_t)-(int)dec;
	*numlen = i;
	return PLAIN_NUMBER;
}

static inline enum reading_type
value_parse(const struct dataset_value *v, struct reading *r)
{
	const uint8_t *star;
	size_t numlen;
	int plain;

	r->index = v->index;
	if (v->kind == DATASET_KIND_NUMBER) {
		r->raw = v->raw;
		r->scaler = v->scaler;
		numlen = v->numlen;
	} else if (v->kind == DATASET_KIND_TEXT || v->n == 0) {
		goto text;
	} else if ((plain = parse_plain(v->p, v->n, &r->raw, &r->scaler, &numlen)) == PLAIN_TEXT) {
		goto text;
	} else if (plain == PLAIN_UNSURE) {
		star = memchr(v->p, '*', v->n);
		numlen = star ? (size_t)(star - v->p) : v->n;
		if (!parse_number(v->p, numlen, &r->raw, &r->scaler))
			goto text;
	}
	if (numlen < v->n)
		set_number(r, r->raw, r->scaler, v->p + numlen + 1, v->n - numlen - 1,
		           v->avail > numlen + 1 ? v->avail - numlen - 1 : 0);
	else
		set_number(r, r->raw, r->scaler, v->p, 0, 0);
	return READING_NUMBER;
text:
	r->type = READING_TEXT;
	r->raw = 0;
	r->scaler = 0;
	r->has &= (uint16_t)~READING_HAS_SCALER;
	r->text = v->p;
	r->text_len = v->n;
	return READING_TEXT;
}

enum reading_type
dataset_value_parse(const struct dataset_value *v, struct reading *r)
{
	return value_parse(v, r);
}

int
dataset_iter_reading(struct dataset_iter *it, const char *prefix, struct reading *r,
                     struct dataset_value *v)
{
	int k = DATASET_NEXT_VALUE;
	bool found = false;

	/*
	 * iter_next with the id formed when a set is found (a set that then
	 * yields no value leaves an id no reading carries), numbers put into
	 * r by the value step itself, and a set just found read from its '('.
	 */
	while (!value_step(it, v, r, found)) {
		if (!set_step(it))
			return DATASET_NEXT_NONE;
		if (!(found = iter_format_id(it, prefix, r->id)))
			it->in_set = false;
		k = DATASET_NEXT_SET;
	}
	if (v->kind != DATASET_KIND_NUMBER)
		(void)value_parse(v, r);
	return k;
}
