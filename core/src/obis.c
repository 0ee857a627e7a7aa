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

/*
 * The grammar once, for a bounded and an unbounded reader: CH(k) is byte k,
 * or 0 (which continues nothing) past the end. With 24 bytes or more the
 * longest code and its next byte are in reach, so no bound is checked.
 */
#define CH(k) ((!bounded || (k) < n) ? s[k] : 0u)

/* A decimal group of 1..3 digits worth at most 255 at s[*i]. */
static inline bool
get_group(const uint8_t *s, size_t n, bool bounded, size_t *i, uint8_t *out)
{
	size_t k = *i;
	unsigned v, d;

	if ((v = CH(k) - '0') > 9)
		return false;
	if ((d = CH(k + 1) - '0') <= 9) {
		v = v * 10 + d;
		if ((d = CH(k + 2) - '0') <= 9) {
			v = v * 10 + d;
			if (v > 255 || CH(k + 3) - '0' <= 9)
				return false;
			k++;
		}
		k++;
	}
	*out = (uint8_t)v;
	*i = k + 1;
	return true;
}

static inline size_t
scan_code(const uint8_t *s, size_t n, bool bounded, uint8_t g[6], int *form)
{
	size_t i = 0;
	unsigned c;

	*form = 0;
	if (!get_group(s, n, bounded, &i, &g[0]))
		return 0;
	if (CH(i) == '-') {
		i++;
		if (!get_group(s, n, bounded, &i, &g[1]) || CH(i) != ':')
			return 0;
		i++;
		if (!get_group(s, n, bounded, &i, &g[2]))
			return 0;
		*form = OBIS_FORM_AB;
	} else {
		/* Short "C.D.E"; "B:C.D.E" is not used by meters: refuse rather than guess. */
		g[2] = g[0];
	}
	if (CH(i) != '.')
		return 0;
	i++;
	if (!get_group(s, n, bounded, &i, &g[3]) || CH(i) != '.')
		return 0;
	i++;
	if (!get_group(s, n, bounded, &i, &g[4]))
		return 0;
	if ((c = CH(i)) == '*' || c == '&') {
		i++;
		if (!get_group(s, n, bounded, &i, &g[5]))
			return 0;
		*form |= OBIS_FORM_F;
		c = CH(i);
	}
	/* The code must not go on: "1.8.0.1", "1-0:1.8.0*255*1" are not OBIS. */
	if (c == '.' || c == '-' || c == ':' || c == '*' || c == '&')
		return 0;
	return i;
}
#undef CH

size_t
obis_scan(struct obis *o, const char *s, size_t n, const struct obis *dflt, int *form)
{
	static const struct obis none = {255, 255, 255, 255, 255, 255};
	uint8_t g[6] = {0};
	size_t len;
	int f;

	if (n >= OBIS_TEXT_MAX)
		len = scan_code((const uint8_t *)s, n, false, g, &f);
	else
		len = scan_code((const uint8_t *)s, n, true, g, &f);
	if (len == 0)
		return 0;
	if (form != NULL)
		*form = f;
	if (o == NULL)
		return len;
	if (dflt == NULL)
		dflt = &none;
	o->a = f & OBIS_FORM_AB ? g[0] : dflt->a;
	o->b = f & OBIS_FORM_AB ? g[1] : dflt->b;
	o->c = g[2];
	o->d = g[3];
	o->e = g[4];
	o->f = f & OBIS_FORM_F ? g[5] : (f & OBIS_FORM_AB ? 255 : dflt->f);
	return len;
}

int
obis_parse_form(struct obis *o, const char *s, size_t n, const struct obis *dflt)
{
	int form;

	return n > 0 && obis_scan(o, s, n, dflt, &form) == n ? form : -1;
}

bool
obis_parse(struct obis *o, const char *s, size_t n, const struct obis *dflt)
{
	return obis_parse_form(o, s, n, dflt) >= 0;
}
