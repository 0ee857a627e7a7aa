#include "meterd/obis.h"

static size_t
put_u8(char *p, unsigned v)
{
	size_t n = 0;

	if (v >= 100)
		p[n++] = (char)('0' + v / 100);
	if (v >= 10)
		p[n++] = (char)('0' + v / 10 % 10);
	p[n++] = (char)('0' + v % 10);
	return n;
}

size_t
obis_format(const struct obis *o, char *buf)
{
	size_t n = 0;

	n += put_u8(buf + n, o->a);
	buf[n++] = '-';
	n += put_u8(buf + n, o->b);
	buf[n++] = ':';
	n += put_u8(buf + n, o->c);
	buf[n++] = '.';
	n += put_u8(buf + n, o->d);
	buf[n++] = '.';
	n += put_u8(buf + n, o->e);
	buf[n++] = '*';
	n += put_u8(buf + n, o->f);
	buf[n] = '\0';
	return n;
}

void
obis_from_bytes(struct obis *o, const uint8_t b[6])
{
	o->a = b[0];
	o->b = b[1];
	o->c = b[2];
	o->d = b[3];
	o->e = b[4];
	o->f = b[5];
}

bool
obis_equal(const struct obis *x, const struct obis *y)
{
	return x->a == y->a && x->b == y->b && x->c == y->c && x->d == y->d &&
	       x->e == y->e && x->f == y->f;
}

/* Reads a decimal group of 1..3 digits worth at most 255. */
static bool
get_group(const char *s, size_t n, size_t *i, uint8_t *out)
{
	unsigned v = 0;
	size_t start = *i;

	while (*i < n && s[*i] >= '0' && s[*i] <= '9' && *i - start < 3)
		v = v * 10 + (unsigned)(s[(*i)++] - '0');
	if (*i == start || v > 255 || (*i < n && s[*i] >= '0' && s[*i] <= '9'))
		return false;
	*out = (uint8_t)v;
	return true;
}

bool
obis_parse(struct obis *o, const char *s, size_t n, const struct obis *dflt)
{
	static const struct obis none = {255, 255, 255, 255, 255, 255};
	uint8_t g[6] = {0};
	size_t i = 0, k = 0;
	bool has_a = false, has_b = false, has_f = false;

	if (dflt == NULL)
		dflt = &none;
	if (!get_group(s, n, &i, &g[0]))
		return false;
	if (i < n && s[i] == '-') {
		i++;
		has_a = true;
		if (!get_group(s, n, &i, &g[1]) || i >= n || s[i] != ':')
			return false;
		i++;
		has_b = true;
		if (!get_group(s, n, &i, &g[2]))
			return false;
		k = 3;
	} else if (i < n && s[i] == ':') {
		/* "B:C.D.E" is not used by meters; refuse rather than guess. */
		return false;
	} else {
		g[2] = g[0];
		k = 3;
	}
	for (; k < 5; k++) {
		if (i >= n || s[i] != '.')
			return false;
		i++;
		if (!get_group(s, n, &i, &g[k]))
			return false;
	}
	if (i < n && (s[i] == '*' || s[i] == '&')) {
		i++;
		if (!get_group(s, n, &i, &g[5]))
			return false;
		has_f = true;
	}
	if (i != n)
		return false;
	o->a = has_a ? g[0] : dflt->a;
	o->b = has_b ? g[1] : dflt->b;
	o->c = g[2];
	o->d = g[3];
	o->e = g[4];
	o->f = has_f ? g[5] : (has_a ? 255 : dflt->f);
	return true;
}
