#include <inttypes.h>
#include <math.h>
#include <string.h>
#include <time.h>

#include "meterd/reading.h"
#include "jsonw.h"

void
jsonw_init(struct jsonw *w, FILE *f)
{
	memset(w, 0, sizeof(*w));
	w->f = f;
}

static void
sep(struct jsonw *w, const char *key)
{
	if (w->need_comma[w->depth])
		fputc(',', w->f);
	w->need_comma[w->depth] = true;
	if (key != NULL) {
		fputc('"', w->f);
		json_escape(w->f, key, strlen(key));
		fputs("\":", w->f);
	}
}

static void
push(struct jsonw *w, char c)
{
	fputc(c, w->f);
	if (w->depth < (int)(sizeof(w->need_comma) - 1))
		w->depth++;
	w->need_comma[w->depth] = false;
}

void
jsonw_obj_open(struct jsonw *w)
{
	sep(w, NULL);
	push(w, '{');
}

void
jsonw_key_obj_open(struct jsonw *w, const char *key)
{
	sep(w, key);
	push(w, '{');
}

void
jsonw_obj_close(struct jsonw *w)
{
	fputc('}', w->f);
	if (w->depth > 0)
		w->depth--;
}

void
jsonw_arr_open(struct jsonw *w, const char *key)
{
	sep(w, key);
	push(w, '[');
}

void
jsonw_arr_close(struct jsonw *w)
{
	fputc(']', w->f);
	if (w->depth > 0)
		w->depth--;
}

/* Length of the well-formed UTF-8 sequence at p (a lead byte >= 0x80), or 0. */
static size_t
utf8_len(const unsigned char *p, size_t n)
{
	unsigned char lo = 0x80, hi = 0xbf; /* allowed range of the second byte */
	size_t        len, k;

	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		len = 2;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		len = 3;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		len = 4;
	else
		return 0;
	if (p[0] == 0xe0)
		lo = 0xa0; /* overlong */
	else if (p[0] == 0xed)
		hi = 0x9f; /* UTF-16 surrogates */
	else if (p[0] == 0xf0)
		lo = 0x90; /* overlong */
	else if (p[0] == 0xf4)
		hi = 0x8f; /* above U+10FFFF */
	if (len > n || p[1] < lo || p[1] > hi)
		return 0;
	for (k = 2; k < len; k++)
		if ((p[k] & 0xc0) != 0x80)
			return 0;
	return len;
}

void
json_escape(FILE *f, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		unsigned c = p[i];
		size_t len;

		if (c == '"' || c == '\\') {
			fputc('\\', f);
			fputc((int)c, f);
			i++;
			continue;
		}
		if (c < 0x20 || c == 0x7f) {
			fprintf(f, "\\u%04x", c);
			i++;
			continue;
		}
		if (c < 0x80) {
			fputc((int)c, f);
			i++;
			continue;
		}
		/*
		 * Pass well-formed UTF-8 through (RFC 3629 §4: no overlong forms,
		 * no surrogates, nothing above U+10FFFF); any other byte is written
		 * as \u00XX, its Latin-1 reading, so the output stays valid.
		 */
		if ((len = utf8_len(p + i, n - i)) > 0) {
			fwrite(p + i, 1, len, f);
			i += len;
			continue;
		}
		fprintf(f, "\\u%04x", c);
		i++;
	}
}

void
jsonw_strn(struct jsonw *w, const char *key, const char *s, size_t n)
{
	sep(w, key);
	fputc('"', w->f);
	json_escape(w->f, s, n);
	fputc('"', w->f);
}

void
jsonw_str(struct jsonw *w, const char *key, const char *s)
{
	jsonw_strn(w, key, s, strlen(s));
}

void
jsonw_int(struct jsonw *w, const char *key, int64_t v)
{
	sep(w, key);
	fprintf(w->f, "%" PRId64, v);
}

void
jsonw_uint(struct jsonw *w, const char *key, uint64_t v)
{
	sep(w, key);
	fprintf(w->f, "%" PRIu64, v);
}

void
jsonw_bool(struct jsonw *w, const char *key, bool v)
{
	sep(w, key);
	fputs(v ? "true" : "false", w->f);
}

void
jsonw_null(struct jsonw *w, const char *key)
{
	sep(w, key);
	fputs("null", w->f);
}

void
jsonw_raw_number(struct jsonw *w, const char *key, const char *text)
{
	sep(w, key);
	fputs(text, w->f);
}

void
jsonw_double(struct jsonw *w, const char *key, double v)
{
	sep(w, key);
	if (isfinite(v))
		fprintf(w->f, "%.17g", v);
	else
		fputs("null", w->f);
}

void
jsonw_line_end(struct jsonw *w)
{
	fputc('\n', w->f);
	w->depth = 0;
	w->need_comma[0] = false;
}


size_t
reading_time_iso(const struct reading *r, char *buf, size_t cap)
{
	struct tm tm;
	time_t t = (time_t)r->time;
	size_t n;

	if (gmtime_r(&t, &tm) == NULL)
		return 0;
	n = strftime(buf, cap, "%Y-%m-%dT%H:%M:%S", &tm);
	if (n == 0)
		return 0;
	if (r->time_kind == READING_TIME_LOCAL && (r->has & READING_HAS_UTC_OFFSET)) {
		int off = r->utc_offset;
		n += (size_t)snprintf(buf + n, cap - n, "%c%02d:%02d", off < 0 ? '-' : '+',
		                      (off < 0 ? -off : off) / 60, (off < 0 ? -off : off) % 60);
	} else if (r->time_kind == READING_TIME_UNIX) {
		n += (size_t)snprintf(buf + n, cap - n, "Z");
	}
	return n < cap ? n : cap - 1;
}

void
jsonw_reading_fields(struct jsonw *w, const struct reading *r)
{
	char num[READING_NUM_MAX];

	jsonw_str(w, "id", r->id);
	if (r->type == READING_NUMBER) {
		reading_format_number(r->raw, r->scaler, num);
		jsonw_raw_number(w, "value", num);
	} else {
		jsonw_strn(w, "text", (const char *)r->text, r->text_len);
	}
	if (r->unit[0])
		jsonw_str(w, "unit", r->unit);
	if (r->type == READING_NUMBER) {
		jsonw_int(w, "raw", r->raw);
		if (r->has & READING_HAS_SCALER)
			jsonw_int(w, "scaler", r->scaler);
	}
	if (r->unit_code)
		jsonw_uint(w, "unit_code", r->unit_code);
	if (r->index)
		jsonw_uint(w, "index", r->index);
	if (r->has & READING_HAS_STATUS)
		jsonw_uint(w, "status", r->status);
	if (r->time_kind == READING_TIME_SECINDEX) {
		jsonw_int(w, "sec_index", r->time);
	} else if (r->time_kind != READING_TIME_NONE) {
		char iso[40];
		if (reading_time_iso(r, iso, sizeof(iso)))
			jsonw_str(w, "time", iso);
	}
	if (r->has & READING_HAS_TIME_VALUE)
		jsonw_bool(w, "value_is_time", true);
	if (r->has & READING_HAS_DATE_INVALID)
		jsonw_bool(w, "date_invalid", true);
	if (r->name)
		jsonw_str(w, "name", r->name);
	else if (r->label)
		jsonw_str(w, "name", r->label);
	if (r->quantity)
		jsonw_str(w, "quantity", r->quantity);
	if (r->has & READING_HAS_STORAGE)
		jsonw_uint(w, "storage", r->storage);
	if (r->has & READING_HAS_TARIFF)
		jsonw_uint(w, "tariff", r->tariff);
	if (r->has & READING_HAS_SUBUNIT)
		jsonw_uint(w, "subunit", r->subunit);
	if (r->has & READING_HAS_FUNCTION) {
		static const char *const fn[] = {"instantaneous", "maximum", "minimum", "error"};
		jsonw_str(w, "function", fn[r->function & 3]);
	}
}
