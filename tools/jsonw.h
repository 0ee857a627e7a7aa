/*
 * jsonw.h - a small JSON writer for line-oriented output (JSON Lines).
 *
 * Writes straight to a stdio stream; keeps only the "is a comma due" state,
 * so it never allocates. Strings are escaped per RFC 8259; invalid UTF-8
 * bytes are written as \u00XX of the byte (Latin-1 reading) so the output is
 * always valid JSON whatever a meter sends.
 */
#ifndef METERD_JSONW_H
#define METERD_JSONW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct reading;

struct jsonw {
	FILE *f;
	int   depth;
	bool  need_comma[16];
};

void jsonw_init(struct jsonw *w, FILE *f);
void jsonw_obj_open(struct jsonw *w);
void jsonw_obj_close(struct jsonw *w);
void jsonw_arr_open(struct jsonw *w, const char *key);
void jsonw_arr_close(struct jsonw *w);
void jsonw_key_obj_open(struct jsonw *w, const char *key);
/* key may be NULL inside arrays. */
void jsonw_str(struct jsonw *w, const char *key, const char *s);
void jsonw_strn(struct jsonw *w, const char *key, const char *s, size_t n);
void jsonw_int(struct jsonw *w, const char *key, int64_t v);
void jsonw_uint(struct jsonw *w, const char *key, uint64_t v);
void jsonw_bool(struct jsonw *w, const char *key, bool v);
void jsonw_null(struct jsonw *w, const char *key);
/* A number given as exact decimal text (from reading_format_number). */
void jsonw_raw_number(struct jsonw *w, const char *key, const char *text);
void jsonw_double(struct jsonw *w, const char *key, double v);
/* Ends a top-level object with a newline and flushes nothing (caller's choice). */
void jsonw_line_end(struct jsonw *w);

/* Writes the string escaped, without quotes; shared with other JSON producers. */
void json_escape(FILE *f, const char *s, size_t n);

/* Writes the shared fields of one reading: id, value or text, unit, raw, scaler... */
void jsonw_reading_fields(struct jsonw *w, const struct reading *r);

/* ISO 8601 of a reading's time ("2026-11-25T12:00:00Z" or with +01:00). */
size_t reading_time_iso(const struct reading *r, char *buf, size_t cap);

#endif
