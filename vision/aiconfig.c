/*
 * aiconfig.c - read AI-on-the-edge's config.ini (see aiconfig.h).
 *
 * Line-oriented, like the firmware: "[Section]", "key = value", and in
 * [Alignment]/[Digits]/[Analog] the value lines without '=' (a reference
 * "file x y", or a ROI "seq.name x y w h [CCW]"). ';' starts a comment.
 */
#include "aiconfig.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "image.h"

enum section { S_OTHER, S_SKIP, S_ALIGN, S_DIGITS, S_ANALOG, S_POST };

struct pending {   /* [PostProcessing] keys, applied once all ROIs are known */
	char seq[AICFG_NAME];
	char key[64];
	char val[64];
	int  line;
};

static char *
trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static void
resolve(const char *dir, const char *p, char *out, size_t cap)
{
	const char *base = strrchr(p, '/');
	int n;

	if (p[0] == '/' && strncmp(p, "/config/", 8) != 0)
		n = snprintf(out, cap, "%s", p);
	else
		n = snprintf(out, cap, "%s/%s", dir, base ? base + 1 : p);
	if (n < 0 || (size_t)n >= cap)
		out[0] = '\0';   /* too long: reported as a missing file */
}

static bool
parse_bool(const char *v, bool *out)
{
	if (!strcasecmp(v, "true") || !strcmp(v, "1")) {
		*out = true;
		return true;
	}
	if (!strcasecmp(v, "false") || !strcmp(v, "0")) {
		*out = false;
		return true;
	}
	return false;
}

static bool
parse_num(const char *v, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(v, &end);
	return end != v && *trim(end) == '\0' && errno == 0;
}

struct aicfg_seq *
aicfg_seq(struct aicfg *c, const char *name)
{
	int i;
	struct aicfg_seq *s;

	for (i = 0; i < c->nseq; i++)
		if (strcmp(c->seq[i].name, name) == 0)
			return &c->seq[i];
	if (c->nseq >= AICFG_MAX_SEQ)
		return NULL;
	s = &c->seq[c->nseq++];
	memset(s, 0, sizeof(*s));
	snprintf(s->name, sizeof(s->name), "%s", name);
	s->transition_start = 9.2;
	s->change_threshold = 2;
	s->prevalue_age_min = 720;
	return s;
}

/* "main.dig1 294 126 30 54 [false|true|CCW]" */
static int
parse_roi(char *line, struct aicfg_roi *r)
{
	char name[80], extra[16] = "";
	char *dot;
	int n = sscanf(line, "%79s %d %d %d %d %15s", name, &r->x, &r->y, &r->w, &r->h, extra);

	if (n < 5 || r->w < 1 || r->h < 1 || r->w > 4096 || r->h > 4096)
		return -1;
	r->ccw = !strcasecmp(extra, "true") || !strcasecmp(extra, "ccw");
	dot = strchr(name, '.');
	if (dot) {
		*dot = '\0';
		snprintf(r->seq, sizeof(r->seq), "%.31s", name);
		snprintf(r->name, sizeof(r->name), "%.31s", dot + 1);
	} else {
		snprintf(r->seq, sizeof(r->seq), "default");
		snprintf(r->name, sizeof(r->name), "%.31s", name);
	}
	return 0;
}

static int
apply_post(struct aicfg *c, const struct pending *p, const char *name, char *err, size_t errcap)
{
	int i;
	double d;
	bool b;

	for (i = 0; i < c->nseq; i++) {
		struct aicfg_seq *s = &c->seq[i];
		const char *k = p->key, *v = p->val;
		bool ok = true;

		if (p->seq[0] && strcmp(p->seq, s->name) != 0)
			continue;
		if (!strcasecmp(k, "DecimalShift"))
			ok = parse_num(v, &d) && (s->decimal_shift = (int)d, d > -10 && d < 10);
		else if (!strcasecmp(k, "ExtendedResolution"))
			ok = parse_bool(v, &s->extended);
		else if (!strcasecmp(k, "IgnoreLeadingNaN"))
			ok = parse_bool(v, &s->ignore_leading_nan);
		else if (!strcasecmp(k, "AnalogToDigitTransitionStart"))
			ok = parse_num(v, &s->transition_start);
		else if (!strcasecmp(k, "AllowNegativeRates"))
			ok = parse_bool(v, &s->allow_negative);
		else if (!strcasecmp(k, "MaxRateValue"))
			ok = parse_num(v, &s->max_rate) && s->max_rate >= 0;
		else if (!strcasecmp(k, "MaxRateType"))
			s->max_rate_per_minute = !strcasecmp(v, "RateChange");
		else if (!strcasecmp(k, "ChangeRateThreshold"))
			ok = parse_num(v, &s->change_threshold) && s->change_threshold >= 0;
		else if (!strcasecmp(k, "PreValueUse"))
			ok = parse_bool(v, &s->prevalue_use);
		else if (!strcasecmp(k, "PreValueAgeStartup"))
			ok = parse_num(v, &s->prevalue_age_min);
		else if (!strcasecmp(k, "CheckDigitIncreaseConsistency") && parse_bool(v, &b))
			ok = true;   /* known to misfire (#1079); the history rules replace it */
		if (!ok) {
			snprintf(err, errcap, "%s:%d: bad value '%s' for %s", name, p->line, v, k);
			return -1;
		}
	}
	return 0;
}

int
aicfg_parse(struct aicfg *c, const char *text, const char *dir, const char *name, char *err,
            size_t errcap)
{
	enum section sec = S_OTHER;
	struct pending post[64];
	int npost = 0, lineno = 0, i;
	const char *p = text;

	memset(c, 0, sizeof(*c));
	snprintf(c->dir, sizeof(c->dir), "%s", dir);
	c->search_x = c->search_y = 40;   /* the firmware's default */
	c->cnn_good = 0.5;
	while (*p) {
		char raw[1024], *line, *eq, *semi;
		size_t n = strcspn(p, "\n");

		lineno++;
		snprintf(raw, sizeof(raw), "%.*s", (int)(n < sizeof(raw) - 1 ? n : sizeof(raw) - 1), p);
		p += n + (p[n] == '\n');
		line = trim(raw);
		if (line[0] == ';' && line[1] == '[') {
			sec = S_SKIP;    /* a section commented out whole */
			continue;
		}
		semi = strchr(line, ';');
		if (semi)
			*semi = '\0';
		line = trim(line);
		if (!*line || line[0] == '#')
			continue;
		if (line[0] == '[') {
			char *end = strchr(line, ']');
			if (!end) {
				snprintf(err, errcap, "%s:%d: section header without ']'", name, lineno);
				return -1;
			}
			*end = '\0';
			sec = !strcasecmp(line + 1, "Alignment") ? S_ALIGN
			    : !strcasecmp(line + 1, "Digits") ? S_DIGITS
			    : !strcasecmp(line + 1, "Analog") ? S_ANALOG
			    : !strcasecmp(line + 1, "PostProcessing") ? S_POST : S_OTHER;
			continue;
		}
		if (sec == S_OTHER || sec == S_SKIP)
			continue;
		eq = strchr(line, '=');
		if (eq) {
			char *k, *v;
			double d;
			*eq = '\0';
			k = trim(line);
			v = trim(eq + 1);
			if (sec == S_ALIGN) {
				bool ok = true;
				if (!strcasecmp(k, "InitialRotate"))
					ok = parse_num(v, &c->initial_rotate);
				else if (!strcasecmp(k, "SearchFieldX"))
					ok = parse_num(v, &d) && d >= 0 && d <= 500 && (c->search_x = (int)d, 1);
				else if (!strcasecmp(k, "SearchFieldY"))
					ok = parse_num(v, &d) && d >= 0 && d <= 500 && (c->search_y = (int)d, 1);
				else if (!strcasecmp(k, "AlignmentAlgo"))
					c->algo = !strcasecmp(v, "highAccuracy") ? ALIGN_HIGH_ACCURACY
					        : !strcasecmp(v, "fast") ? ALIGN_FAST
					        : !strcasecmp(v, "off") ? ALIGN_OFF : ALIGN_DEFAULT;
				if (!ok) {
					snprintf(err, errcap, "%s:%d: bad value '%s' for %s", name, lineno, v, k);
					return -1;
				}
			} else if (sec == S_DIGITS || sec == S_ANALOG) {
				if (!strcasecmp(k, "Model"))
					resolve(dir, v, sec == S_DIGITS ? c->digit_model : c->analog_model,
					        AICFG_PATH);
				else if (!strcasecmp(k, "CNNGoodThreshold") && !parse_num(v, &c->cnn_good)) {
					snprintf(err, errcap, "%s:%d: bad CNNGoodThreshold", name, lineno);
					return -1;
				}
				/* ExtendedResolution here is a leftover of older firmware,
				 * which current firmware ignores: only [PostProcessing] counts */
			} else if (sec == S_POST && npost < 64) {
				struct pending *q = &post[npost++];
				char *dot = strchr(k, '.');
				q->line = lineno;
				if (dot) {
					*dot = '\0';
					snprintf(q->seq, sizeof(q->seq), "%s", k);
					k = dot + 1;
				} else {
					q->seq[0] = '\0';
				}
				snprintf(q->key, sizeof(q->key), "%s", k);
				snprintf(q->val, sizeof(q->val), "%s", v);
			}
			continue;
		}
		if (sec == S_ALIGN) {
			char file[AICFG_PATH];
			int x, y;
			if (sscanf(line, "%511s %d %d", file, &x, &y) != 3) {
				snprintf(err, errcap, "%s:%d: expected 'template.jpg x y'", name, lineno);
				return -1;
			}
			if (c->nref >= 2) {
				snprintf(err, errcap, "%s:%d: more than two reference templates", name, lineno);
				return -1;
			}
			resolve(dir, file, c->ref_path[c->nref], AICFG_PATH);
			c->ref_x[c->nref] = x;
			c->ref_y[c->nref] = y;
			c->nref++;
		} else if (sec == S_DIGITS || sec == S_ANALOG) {
			struct aicfg_roi *r;
			int *cnt = sec == S_DIGITS ? &c->ndig : &c->nana;
			if (*cnt >= AICFG_MAX_ROI) {
				snprintf(err, errcap, "%s:%d: more than %d ROIs", name, lineno, AICFG_MAX_ROI);
				return -1;
			}
			if (!strncasecmp(line, "ModelInputSize", 14))
				continue;   /* older firmware; the size comes from the model */
			r = sec == S_DIGITS ? &c->digits[*cnt] : &c->analog[*cnt];
			if (parse_roi(line, r) < 0) {
				snprintf(err, errcap, "%s:%d: expected 'seq.name x y width height [CCW]'",
				         name, lineno);
				return -1;
			}
			if (!aicfg_seq(c, r->seq)) {
				snprintf(err, errcap, "%s:%d: more than %d sequences", name, lineno,
				         AICFG_MAX_SEQ);
				return -1;
			}
			(*cnt)++;
		}
	}
	if (c->ndig + c->nana == 0) {
		snprintf(err, errcap, "%s: no ROIs in [Digits] or [Analog]", name);
		return -1;
	}
	if (c->algo != ALIGN_OFF && c->nref != 2 && c->nref != 0) {
		snprintf(err, errcap, "%s: [Alignment] needs two reference templates (has %d)", name,
		         c->nref);
		return -1;
	}
	for (i = 0; i < npost; i++)
		if (apply_post(c, &post[i], name, err, errcap) < 0)
			return -1;
	return 0;
}

int
aicfg_load(struct aicfg *c, const char *path, char *err, size_t errcap)
{
	uint8_t *buf;
	size_t len;
	char dir[AICFG_PATH];
	const char *slash = strrchr(path, '/');
	int rc;

	if (read_file_limit(path, 1u << 20, &buf, &len, err, errcap) < 0)
		return -1;
	{
		char *text = malloc(len + 1);
		if (!text) {
			free(buf);
			snprintf(err, errcap, "out of memory");
			return -1;
		}
		memcpy(text, buf, len);
		text[len] = '\0';
		free(buf);
		if (slash)
			snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
		else
			snprintf(dir, sizeof(dir), ".");
		if (dir[0] == '\0')
			snprintf(dir, sizeof(dir), "/");
		rc = aicfg_parse(c, text, dir, path, err, errcap);
		free(text);
	}
	return rc;
}
