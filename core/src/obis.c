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

int
obis_parse_form(struct obis *o, const char *s, size_t n, const struct obis *dflt)
{
	/* The separator after group j of A-B:C.D.E*F ('&' also ends E). */
	static const char sep[5] = {'-', ':', '.', '.', '*'};
	static const struct obis none = {255, 255, 255, 255, 255, 255};
	uint8_t g[6] = {0};
	size_t i = 0;
	unsigned j = 0;
	bool has_ab = true;

	if (dflt == NULL)
		dflt = &none;
	for (;;) {
		size_t start = i;
		unsigned v = 0, d;
		char c;

		while (i < n && (d = (unsigned)(uint8_t)s[i] - '0') <= 9) {
			v = v * 10 + d;
			i++;
		}
		if (i == start || i - start > 3 || v > 255)
			return -1;
		g[j] = (uint8_t)v;
		if (i == n)
			break;
		c = s[i++];
		if (j == 0 && c == '.') {
			/* Short "C.D.E": A and B are the reader's. */
			g[2] = g[0];
			j = 3;
			has_ab = false;
			continue;
		}
		/* "B:C.D.E" is not used by meters; refuse rather than guess. */
		if (j == 5 || (c != sep[j] && !(j == 4 && c == '&')))
			return -1;
		j++;
	}
	if (j < 4)
		return -1;
	o->a = has_ab ? g[0] : dflt->a;
	o->b = has_ab ? g[1] : dflt->b;
	o->c = g[2];
	o->d = g[3];
	o->e = g[4];
	o->f = j == 5 ? g[5] : (has_ab ? 255 : dflt->f);
	return (has_ab ? OBIS_FORM_AB : 0) | (j == 5 ? OBIS_FORM_F : 0);
}

bool
obis_parse(struct obis *o, const char *s, size_t n, const struct obis *dflt)
{
	return obis_parse_form(o, s, n, dflt) >= 0;
}
