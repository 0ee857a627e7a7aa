/*
 * cfg_setting.c - reading a service's settings (config.h: struct cfg_section,
 * the cfg_get_* readers) and the one shape of every configuration error,
 * "file:line:column: message". config.c parses the file; the owners of
 * sections (http, history, mqtt, gateway, control ...) read their words here.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

/* One problem as "file:line:column: message", the shape of every config error. */
void
cfg_report(FILE *errs, const char *file, unsigned line, unsigned col, const char *fmt, va_list ap)
{
	if (errs == NULL)
		return;
	fprintf(errs, "%s:%u:%u: ", file, line, col);
	vfprintf(errs, fmt, ap);
	fputc('\n', errs);
}

const struct cfg_section *
cfg_section_find(const struct cfg *c, const char *kind)
{
	for (const struct cfg_section *s = c != NULL ? c->sections : NULL; s != NULL; s = s->next)
		if (strcmp(s->kind, kind) == 0)
			return s;
	return NULL;
}

const struct cfg_section *
cfg_section_next(const struct cfg_section *s)
{
	for (const struct cfg_section *n = s->next; n != NULL; n = n->next)
		if (strcmp(n->kind, s->kind) == 0)
			return n;
	return NULL;
}

static bool
setting_same(const struct cfg_setting *a, const struct cfg_setting *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->word[i], b->word[i]) != 0)
			return false;
	return true;
}

bool
cfg_sections_same(const struct cfg *a, const struct cfg *b, const char *kind)
{
	const struct cfg_section *x = cfg_section_find(a, kind), *y = cfg_section_find(b, kind);

	for (; x != NULL && y != NULL; x = cfg_section_next(x), y = cfg_section_next(y)) {
		if (strcmp(x->label, y->label) != 0 || x->n_settings != y->n_settings)
			return false;
		for (size_t i = 0; i < x->n_settings; i++)
			if (!setting_same(&x->settings[i], &y->settings[i]))
				return false;
	}
	return x == NULL && y == NULL;
}

void
cfg_diag_error(struct cfg_diag *d, unsigned line, unsigned col, const char *fmt, ...)
{
	va_list ap;

	d->errors++;
	va_start(ap, fmt);
	cfg_report(d->errs, d->file, line, col, fmt, ap);
	va_end(ap);
}

bool
cfg_want_args(struct cfg_diag *d, const struct cfg_setting *st, size_t min, size_t max,
              const char *usage)
{
	if (st->n - 1 < min || st->n - 1 > max) {
		size_t at = st->n - 1 < min ? 0 : max + 1;
		cfg_diag_error(d, st->line, st->col[at], "usage: %s", usage);
		return false;
	}
	return true;
}

static bool
word_at(struct cfg_diag *d, const struct cfg_setting *st, size_t i)
{
	if (i < st->n)
		return true;
	cfg_diag_error(d, st->line, st->col[0], "%s: missing argument %zu", st->word[0], i);
	return false;
}

/* Decimal digits only, with overflow checked: "010" is ten, "0x10" is not a number. */
static bool
decimal_u64(const char *s, uint64_t *out, const char **end)
{
	uint64_t v = 0;
	const char *p = s;

	if (*p < '0' || *p > '9')
		return false;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (UINT64_MAX - (uint64_t)(*p - '0')) / 10)
			return false;
		v = v * 10 + (uint64_t)(*p - '0');
	}
	*out = v;
	*end = p;
	return true;
}

bool
cfg_get_duration(struct cfg_diag *d, const struct cfg_setting *st, size_t i, uint32_t *ms)
{
	if (!word_at(d, st, i))
		return false;
	if (cfg_duration_parse(st->word[i], ms) != 0) {
		cfg_diag_error(d, st->line, st->col[i], "expected a duration such as 10s, 5m or 30d, not \"%s\"",
		               st->word[i]);
		return false;
	}
	return true;
}

bool
cfg_get_uint(struct cfg_diag *d, const struct cfg_setting *st, size_t i, uint64_t min, uint64_t max,
             uint64_t *out)
{
	const char *end;
	uint64_t    v;

	if (!word_at(d, st, i))
		return false;
	if (!decimal_u64(st->word[i], &v, &end) || *end != '\0' || v < min || v > max) {
		cfg_diag_error(d, st->line, st->col[i], "expected a number from %llu to %llu, not \"%s\"",
		               (unsigned long long)min, (unsigned long long)max, st->word[i]);
		return false;
	}
	*out = v;
	return true;
}

bool
cfg_get_bool(struct cfg_diag *d, const struct cfg_setting *st, size_t i, bool *out)
{
	static const char *const yes[] = {"on", "yes", "true"}, *const no[] = {"off", "no", "false"};

	if (!word_at(d, st, i))
		return false;
	for (size_t k = 0; k < 3; k++) {
		if (strcmp(st->word[i], yes[k]) == 0)
			return (*out = true);
		if (strcmp(st->word[i], no[k]) == 0) {
			*out = false;
			return true;
		}
	}
	cfg_diag_error(d, st->line, st->col[i], "expected on or off, not \"%s\"", st->word[i]);
	return false;
}

bool
cfg_get_size(struct cfg_diag *d, const struct cfg_setting *st, size_t i, uint64_t *bytes)
{
	const char *end;
	uint64_t    v, mul = 1;

	if (!word_at(d, st, i))
		return false;
	if (decimal_u64(st->word[i], &v, &end)) {
		if (*end == 'k' || *end == 'K')
			mul = 1024, end++;
		else if (*end == 'M')
			mul = 1024 * 1024, end++;
		else if (*end == 'G')
			mul = 1024ull * 1024 * 1024, end++;
		if (*end == 'B' && mul != 1)
			end++;
		if (*end == '\0' && v <= UINT64_MAX / mul) {
			*bytes = v * mul;
			return true;
		}
	}
	cfg_diag_error(d, st->line, st->col[i], "expected a size such as 64MB or 512k, not \"%s\"",
	               st->word[i]);
	return false;
}

bool
cfg_get_hostport(struct cfg_diag *d, const struct cfg_setting *st, size_t i, char *host,
                 size_t host_cap, uint16_t *port)
{
	const char *w, *colon, *hs, *he, *end;
	uint64_t    p;

	if (!word_at(d, st, i))
		return false;
	w = st->word[i];
	colon = strrchr(w, ':');
	if (colon == NULL) {
		hs = he = NULL;
		colon = w - 1;
	} else if (w[0] == '[') {
		hs = w + 1;
		he = strchr(w, ']');
		if (he == NULL || he + 1 != colon)
			goto bad;
	} else {
		hs = w;
		he = colon;
	}
	if (!decimal_u64(colon + 1, &p, &end) || *end != '\0' || p == 0 || p > 65535)
		goto bad;
	if (hs == NULL)
		snprintf(host, host_cap, "127.0.0.1");
	else if (hs == he)
		snprintf(host, host_cap, "%s", "");
	else if ((size_t)(he - hs) < host_cap)
		snprintf(host, host_cap, "%.*s", (int)(he - hs), hs);
	else
		goto bad;
	*port = (uint16_t)p;
	return true;
bad:
	cfg_diag_error(d, st->line, st->col[i], "expected ADDRESS:PORT such as 127.0.0.1:8080, not \"%s\"",
	               w);
	return false;
}

bool
cfg_get_str(struct cfg_diag *d, const struct cfg_setting *st, size_t i, char *out, size_t cap)
{
	size_t n;

	if (!word_at(d, st, i))
		return false;
	n = strlen(st->word[i]);
	if (n >= cap) {
		cfg_diag_error(d, st->line, st->col[i], "too long (at most %zu characters)", cap - 1);
		return false;
	}
	memcpy(out, st->word[i], n + 1);
	return true;
}

void
cfg_unknown_key(struct cfg_diag *d, const struct cfg_setting *st, const char *section,
                const char *known)
{
	cfg_diag_error(d, st->line, st->col[0], "unknown %s setting '%s' (%s)", section, st->word[0],
	               known);
}
