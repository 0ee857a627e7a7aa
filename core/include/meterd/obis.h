/*
 * obis.h - OBIS identifiers (IEC 62056-61), A-B:C.D.E*F.
 *
 * Text forms accepted by obis_parse:
 *   "1-0:1.8.0*255"  full;  "1-0:1.8.0" without F (F = 255);
 *   "1.8.0"          short: A, B and F unknown, filled from `dflt`;
 *   "1-0:1.8.0&255"  '&' as the F separator, as some meters write it.
 * A group is 0..255. Letter groups of IEC 62056-21 ("C.1", "F.F") are not
 * OBIS; obis_parse rejects them and callers keep the address as text.
 */
#ifndef METERD_OBIS_H
#define METERD_OBIS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct obis {
	uint8_t a, b, c, d, e, f;
};

#define OBIS_TEXT_MAX 24 /* "255-255:255.255.255*255" and NUL */

/*
 * Parses exactly n bytes of s. Missing groups are taken from dflt (or 255
 * when dflt is NULL). Returns false for anything that is not an OBIS code.
 */
bool obis_parse(struct obis *o, const char *s, size_t n, const struct obis *dflt);

/*
 * obis_parse that also says which groups the text gave: OBIS_FORM_AB for
 * "A-B:", OBIS_FORM_F for an F group; -1 for anything that is not OBIS.
 */
#define OBIS_FORM_AB 1
#define OBIS_FORM_F  2
int obis_parse_form(struct obis *o, const char *s, size_t n, const struct obis *dflt);

/*
 * Reads the OBIS code s starts with, within n bytes: its length, or 0 when
 * s does not start with one or the code goes on in a way OBIS cannot (a
 * fourth digit, another separator). So obis_parse(s, n) holds exactly when
 * obis_scan(s, n) == n, and a parser can read a code up to its delimiter
 * without finding the delimiter first. *form as above; o and form may be
 * NULL when only the length is wanted.
 */
size_t obis_scan(struct obis *o, const char *s, size_t n, const struct obis *dflt, int *form);

/* Writes the full A-B:C.D.E*F form; buf must hold OBIS_TEXT_MAX bytes. Returns length. */
size_t obis_format(const struct obis *o, char *buf);

/* From the six raw bytes an SML objName carries. */
void obis_from_bytes(struct obis *o, const uint8_t b[6]);

bool obis_equal(const struct obis *x, const struct obis *y);

#endif
