#include <string.h>

#include "meterd/dataset.h"
#include "meterd/obis.h"

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

/* IEC 62056-21 6.3.14: an address is printable and has no ( ) / !. */
static bool
is_addr_char(uint8_t c)
{
	return is_letter(c) || is_digit(c) || c == '.' || c == ':' || c == '-' || c == '*' ||
	       c == '&' || c == '_';
}

static bool
is_eol(uint8_t c)
{
	return c == '\r' || c == '\n';
}

bool
dataset_ident_parse(struct dataset_ident *id, const uint8_t *line, size_t n)
{
	size_t i;

	if (n < 5 || n > DATASET_IDENT_MAX || line[0] != '/')
		return false;
	if (!is_letter(line[1]) || !is_letter(line[2]) || !is_letter(line[3]) || line[4] < 0x20)
		return false;
	for (i = 0; i < n; i++)
		if (is_eol(line[i]))
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
dataset_iter_init(struct dataset_iter *it, const uint8_t *p, size_t n)
{
	memset(it, 0, sizeof(*it));
	cursor_init(&it->c, p, n);
}

static int
peek(const struct dataset_iter *it)
{
	return cursor_left(&it->c) ? it->c.p[it->c.pos] : -1;
}

/*
 * Skips junk the way dataset_scan sees it: up to and including the line
 * break, or up to (not including) a '!' outside parentheses.
 */
static void
skip_junk(struct dataset_iter *it)
{
	bool in = false;
	int c;

	while ((c = peek(it)) >= 0) {
		if (is_eol((uint8_t)c)) {
			it->c.pos++;
			return;
		}
		if (!in && c == '!')
			return;
		if (c == '(')
			in = true;
		else if (c == ')')
			in = false;
		it->c.pos++;
	}
}

bool
dataset_iter_next_set(struct dataset_iter *it)
{
	struct dataset_value v;
	int c;

	while (it->in_set)
		(void)dataset_iter_next_value(it, &v);
	while (!it->ended && (c = peek(it)) >= 0) {
		size_t start = it->c.pos, n = 0;

		if (c == '!') {
			it->ended = true;
			return false;
		}
		if (is_eol((uint8_t)c)) {
			it->c.pos++;
			continue;
		}
		while ((c = peek(it)) >= 0 && is_addr_char((uint8_t)c)) {
			it->c.pos++;
			n++;
		}
		if (n > 0 && n < READING_ID_MAX && c == '(') {
			it->addr = it->c.p + start;
			it->addr_len = n;
			it->index = 0;
			it->in_set = true;
			it->in_group = false;
			return true;
		}
		/* Not a data set: noise, a gateway's line, a cut-off line. */
		it->c.pos = start;
		skip_junk(it);
		if (it->c.pos == start)
			it->c.pos++; /* a lone ')' or similar: make progress */
	}
	return false;
}

bool
dataset_iter_next_value(struct dataset_iter *it, struct dataset_value *v)
{
	size_t start, i;
	int c;

	if (!it->in_set)
		return false;
	if (!it->in_group) {
		c = peek(it);
		if (c >= 0 && is_eol((uint8_t)c)) {
			/* DSMR 2.2/3 profile values continue on the next line. */
			size_t save = it->c.pos;
			if (c == '\r' && it->c.pos + 1 < it->c.len && it->c.p[it->c.pos + 1] == '\n')
				it->c.pos++;
			it->c.pos++;
			if (peek(it) != '(') {
				it->c.pos = save;
				it->in_set = false;
				return false;
			}
			c = '(';
		}
		if (c != '(') {
			it->in_set = false;
			return false;
		}
		for (i = it->c.pos + 1; i < it->c.len; i++)
			if (it->c.p[i] == ')' || is_eol(it->c.p[i]))
				break;
		if (i >= it->c.len || it->c.p[i] != ')') {
			/* ')' lost: drop the rest of the line, keep what came before. */
			it->in_set = false;
			skip_junk(it);
			return false;
		}
		it->group_end = i;
		it->in_group = true;
		it->c.pos++;
	}
	start = it->c.pos;
	for (i = start; i < it->group_end && it->c.p[i] != '&'; i++)
		;
	v->p = it->c.p + start;
	v->n = i - start;
	v->index = it->index++;
	if (i == it->group_end)
		it->in_group = false;
	it->c.pos = i + 1; /* past '&' or ')' */
	return true;
}

bool
dataset_iter_peek_value(const struct dataset_iter *it, struct dataset_value *v)
{
	struct dataset_iter copy = *it;

	return dataset_iter_next_value(&copy, v);
}

static bool
has_byte(const uint8_t *p, size_t n, uint8_t b)
{
	return memchr(p, b, n) != NULL;
}

bool
dataset_format_id(const uint8_t *addr, size_t n, const char *prefix, char *id)
{
	struct obis o;
	bool has_f = has_byte(addr, n, '*') || has_byte(addr, n, '&');
	size_t k = 0, pl = prefix ? strlen(prefix) : 0;

	if (n == 0 || n >= READING_ID_MAX)
		return false;
	if (obis_parse(&o, (const char *)addr, n, NULL)) {
		bool full = has_byte(addr, n, ':');
		if (!full && pl > 0 && pl + 1 + n + (has_f ? 0 : 4) < READING_ID_MAX) {
			memcpy(id, prefix, pl);
			k = pl;
			id[k++] = ':';
			full = true;
		}
		if (full) {
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
	const uint8_t *star = memchr(v->p, '*', v->n);
	int64_t raw;
	int8_t sc;

	return parse_number(v->p, star ? (size_t)(star - v->p) : v->n, &raw, &sc);
}

enum reading_type
dataset_value_parse(const struct dataset_value *v, struct reading *r)
{
	const uint8_t *star = v->n ? memchr(v->p, '*', v->n) : NULL;
	size_t numlen = star ? (size_t)(star - v->p) : v->n;

	r->index = v->index;
	r->unit[0] = '\0';
	if (v->n > 0 && parse_number(v->p, numlen, &r->raw, &r->scaler)) {
		r->type = READING_NUMBER;
		r->has |= READING_HAS_SCALER;
		r->text = NULL;
		r->text_len = 0;
		if (star)
			reading_set_str(r->unit, sizeof(r->unit), (const char *)star + 1,
			                v->n - numlen - 1);
		return READING_NUMBER;
	}
	r->type = READING_TEXT;
	r->raw = 0;
	r->scaler = 0;
	r->has &= (uint16_t)~READING_HAS_SCALER;
	r->text = v->p;
	r->text_len = v->n;
	return READING_TEXT;
}
