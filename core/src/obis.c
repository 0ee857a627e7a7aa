#include "meterd/obis.h"
#include "obis_int.h"

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


size_t
obis_scan(struct obis *o, const char *s, size_t n, const struct obis *dflt, int *form)
{
	static const struct obis none = {255, 255, 255, 255, 255, 255};
	uint8_t g[6] = {0};
	size_t len;
	int f;

	if (n >= OBIS_TEXT_MAX)
		len = obis_scan_code((const uint8_t *)s, n, false, g, &f);
	else
		len = obis_scan_code((const uint8_t *)s, n, true, g, &f);
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
