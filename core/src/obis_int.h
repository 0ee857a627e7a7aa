/*
 * obis_int.h - the OBIS text grammar as inline code, for obis.c and for
 * dataset.c, which reads every data set's address with it and should not
 * pay a call for each.
 */
#ifndef METERD_OBIS_INT_H
#define METERD_OBIS_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "meterd/obis.h"

/*
 * The grammar once, for a bounded and an unbounded reader: CH(k) is byte k,
 * or 0 (which continues nothing) past the end. With 24 bytes or more the
 * longest code and its next byte are in reach, so no bound is checked.
 */
#define CH(k) ((!bounded || (k) < n) ? s[k] : 0u)

/*
 * A decimal group of 1..3 digits worth at most 255 at s[*i]; *next is the
 * byte after it, which the caller checks as a separator without reading
 * it again.
 */
static inline bool
get_group(const uint8_t *s, size_t n, bool bounded, size_t *i, uint8_t *out, unsigned *next)
{
	size_t k = *i;
	unsigned v, d, c;

	if ((v = CH(k) - '0') > 9)
		return false;
	if ((d = (c = CH(k + 1)) - '0') <= 9) {
		v = v * 10 + d;
		if ((d = (c = CH(k + 2)) - '0') <= 9) {
			v = v * 10 + d;
			if (v > 255 || (c = CH(k + 3)) - '0' <= 9)
				return false;
			k++;
		}
		k++;
	}
	*out = (uint8_t)v;
	*i = k + 1;
	*next = c;
	return true;
}

/*
 * The code from the byte c at s[i] on, which follows group E: "*F" or
 * "&F" or nothing, then a byte that does not go on with the code.
 */
static inline size_t
obis_scan_end(const uint8_t *s, size_t n, bool bounded, size_t i, unsigned c, uint8_t g[6],
              int *form)
{
	if (c == '*' || c == '&') {
		i++;
		if (!get_group(s, n, bounded, &i, &g[5], &c))
			return 0;
		*form |= OBIS_FORM_F;
	}
	/* The code must not go on: "1.8.0.1", "1-0:1.8.0*255*1" are not OBIS. */
	if (c == '.' || c == '-' || c == ':' || c == '*' || c == '&')
		return 0;
	return i;
}

/*
 * The code from the byte c at s[i] on, which follows group C: ".D.E",
 * then "*F" or "&F", then a byte that does not go on with the code.
 */
static inline size_t
obis_scan_tail(const uint8_t *s, size_t n, bool bounded, size_t i, unsigned c, uint8_t g[6],
               int *form)
{
	if (c != '.')
		return 0;
	i++;
	if (!get_group(s, n, bounded, &i, &g[3], &c) || c != '.')
		return 0;
	i++;
	if (!get_group(s, n, bounded, &i, &g[4], &c))
		return 0;
	return obis_scan_end(s, n, bounded, i, c, g, form);
}

static inline size_t
obis_scan_code(const uint8_t *s, size_t n, bool bounded, uint8_t g[6], int *form)
{
	size_t i = 0;
	unsigned c;

	*form = 0;
	if (!get_group(s, n, bounded, &i, &g[0], &c))
		return 0;
	if (c == '-') {
		i++;
		if (!get_group(s, n, bounded, &i, &g[1], &c) || c != ':')
			return 0;
		i++;
		if (!get_group(s, n, bounded, &i, &g[2], &c))
			return 0;
		*form = OBIS_FORM_AB;
	} else {
		/* Short "C.D.E"; "B:C.D.E" is not used by meters: refuse rather than guess. */
		g[2] = g[0];
	}
	return obis_scan_tail(s, n, bounded, i, c, g, form);
}
#undef CH

#endif
