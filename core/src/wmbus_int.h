/*
 * wmbus_int.h - what wmbus.c and wmbus_mfct.c share: the reading id, the
 * Apator 162 registers and compact profiles (see wmbus.h, layers 3 and 4).
 */
#ifndef METERD_WMBUS_INT_H
#define METERD_WMBUS_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "meterd/wmbus.h"

/* Kamstrup's compact-frame formats every receiver knows (wmbus.c). */
#define WMBUS_BUILTIN_FORMATS 7
struct wmbus_builtin_format {
	uint16_t signature; /* CRC-16/EN-13757 of difvif[0..len) */
	uint8_t len;
	uint8_t difvif[47];
};
extern const struct wmbus_builtin_format wmbus_builtin_formats[WMBUS_BUILTIN_FORMATS];

/* out->id = "wmbus:<n>". */
void wmbus_reading_id(struct reading *out, unsigned n);

/* The telegram is an Apator AT-WMBUS-16-2's (manufacturer, version, medium, CI). */
bool wmbus_apator162_is(const struct wmbus_info *in);
/* Registers in the payload p[0..n) (after the TPL header), or -1 when shorter than its header. */
int wmbus_apator162_check(const uint8_t *p, size_t n);
/* wmbus_next_reading() for an Apator payload. */
int wmbus_apator162_next(const struct wmbus_msg *m, struct wmbus_rec_walk *w, struct reading *out,
                         char *text);

/*
 * Starts expanding r, record number rec, when it is a compact profile this
 * decoder can expand; false leaves it to be shown as one record. Reads the
 * base date and value from the records before it (text: MBUS_TEXT_MAX scratch).
 */
bool wmbus_profile_begin(const struct wmbus_msg *m, struct wmbus_rec_walk *w,
                         const struct mbus_record *r, uint16_t rec, char *text);
/* The profile's next element with a value: 1 and a reading, 0 when none is left. */
int wmbus_profile_next(struct wmbus_rec_walk *w, struct reading *out, char *text);

#endif
