/*
 * meterd status: what the running daemon's status file says, for people.
 *
 * Reads the file `meterd run --status FILE` rewrites (the unit's
 * /run/meterd/status.json by default) and prints each meter with its
 * health - up, no frame yet, silent, port down - how long ago its last good
 * frame came, its error counters, and each value with its age. See meterd(8).
 *
 * The file is JSON written by jsonw (tools/jsonw.h); a small reader walks it
 * and hands each scalar with its key path to collect(): no JSON library.
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define STATUS_DEFAULT "/run/meterd/status.json"
#define KEY_MAX        96
#define DEPTH_MAX      8

struct st_value {
	char name[KEY_MAX];
	char shown[96]; /* value and unit, or the text */
	long long received;
};

struct st_meter {
	char             name[KEY_MAX];
	char             protocol[24], port[128], state[24];
	long long        frames_ok, crc_errors, invalid, timeouts, last_good;
	int              port_open; /* -1 not said */
	struct st_value *values;
	size_t           n_values, cap_values;
	char             unit_pending[32];
};

struct st_file {
	struct st_meter *meters;
	size_t           n, cap;
};

/* ---- a small JSON walker: scalars with their key path ---- */

struct walker {
	const char *p, *end;
	char        keys[DEPTH_MAX][KEY_MAX];
	int         depth;
	void (*scalar)(struct walker *w, const char *text, bool is_string);
	struct st_file *out;
	bool        bad;
};

static void
ws(struct walker *w)
{
	while (w->p < w->end && isspace((unsigned char)*w->p))
		w->p++;
}

/* Reads a JSON string into buf (escapes resolved; \u00XX as that byte, others '?'). */
static bool
jstring(struct walker *w, char *buf, size_t cap)
{
	size_t n = 0;

	if (w->p >= w->end || *w->p != '"')
		return false;
	w->p++;
	while (w->p < w->end && *w->p != '"') {
		char c = *w->p++;
		if (c == '\\' && w->p < w->end) {
			char e = *w->p++;
			c = e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e == 'b' ? '\b' : e == 'f' ? '\f' : e;
			if (e == 'u') {
				unsigned v = 0;
				if (w->end - w->p < 4 || sscanf(w->p, "%4x", &v) != 1)
					return false;
				w->p += 4;
				c = v < 0x100 ? (char)v : '?';
			}
		}
		if (n + 1 < cap)
			buf[n++] = c;
	}
	if (w->p >= w->end)
		return false;
	w->p++;
	buf[n] = '\0';
	return true;
}

static bool jvalue(struct walker *w);

static bool
jobject(struct walker *w)
{
	w->p++; /* { */
	ws(w);
	if (w->p < w->end && *w->p == '}') {
		w->p++;
		return true;
	}
	for (;;) {
		char key[KEY_MAX];
		ws(w);
		if (!jstring(w, key, sizeof(key)))
			return false;
		ws(w);
		if (w->p >= w->end || *w->p++ != ':')
			return false;
		if (w->depth < DEPTH_MAX)
			snprintf(w->keys[w->depth], KEY_MAX, "%s", key);
		w->depth++;
		if (!jvalue(w))
			return false;
		w->depth--;
		ws(w);
		if (w->p < w->end && *w->p == ',') {
			w->p++;
			continue;
		}
		if (w->p < w->end && *w->p == '}') {
			w->p++;
			return true;
		}
		return false;
	}
}

static bool
jarray(struct walker *w)
{
	w->p++; /* [ */
	ws(w);
	if (w->p < w->end && *w->p == ']') {
		w->p++;
		return true;
	}
	for (;;) {
		if (!jvalue(w))
			return false;
		ws(w);
		if (w->p < w->end && *w->p == ',') {
			w->p++;
			continue;
		}
		if (w->p < w->end && *w->p == ']') {
			w->p++;
			return true;
		}
		return false;
	}
}

static bool
jvalue(struct walker *w)
{
	char buf[256];

	ws(w);
	if (w->p >= w->end)
		return false;
	if (*w->p == '{')
		return jobject(w);
	if (*w->p == '[')
		return jarray(w);
	if (*w->p == '"') {
		if (!jstring(w, buf, sizeof(buf)))
			return false;
		w->scalar(w, buf, true);
		return true;
	}
	/* number, true, false, null */
	size_t n = 0;
	while (w->p < w->end && n + 1 < sizeof(buf) &&
	       (isalnum((unsigned char)*w->p) || *w->p == '-' || *w->p == '+' || *w->p == '.'))
		buf[n++] = *w->p++;
	buf[n] = '\0';
	if (n == 0)
		return false;
	w->scalar(w, buf, false);
	return true;
}

/* ---- what the status file holds ---- */

static struct st_meter *
meter_get(struct st_file *f, const char *name)
{
	if (f->n > 0 && strcmp(f->meters[f->n - 1].name, name) == 0)
		return &f->meters[f->n - 1];
	if (f->n == f->cap) {
		size_t           cap = f->cap ? f->cap * 2 : 16;
		struct st_meter *m = realloc(f->meters, cap * sizeof(*m));
		if (m == NULL)
			return NULL;
		f->meters = m;
		f->cap = cap;
	}
	struct st_meter *m = &f->meters[f->n++];
	memset(m, 0, sizeof(*m));
	snprintf(m->name, sizeof(m->name), "%s", name);
	m->port_open = -1;
	return m;
}

static struct st_value *
value_get(struct st_meter *m, const char *name)
{
	if (m->n_values > 0 && strcmp(m->values[m->n_values - 1].name, name) == 0)
		return &m->values[m->n_values - 1];
	if (m->n_values == m->cap_values) {
		size_t           cap = m->cap_values ? m->cap_values * 2 : 16;
		struct st_value *v = realloc(m->values, cap * sizeof(*v));
		if (v == NULL)
			return NULL;
		m->values = v;
		m->cap_values = cap;
	}
	struct st_value *v = &m->values[m->n_values++];
	memset(v, 0, sizeof(*v));
	snprintf(v->name, sizeof(v->name), "%s", name);
	return v;
}

static void
collect(struct walker *w, const char *text, bool is_string)
{
	struct st_meter *m;
	const char      *k;

	/* meters.NAME.FIELD and meters.NAME.values.VALUE.FIELD */
	if (w->depth < 3 || strcmp(w->keys[0], "meters") != 0 || (m = meter_get(w->out, w->keys[1])) == NULL)
		return;
	if (w->depth == 3) {
		k = w->keys[2];
		if (strcmp(k, "protocol") == 0)
			snprintf(m->protocol, sizeof(m->protocol), "%s", text);
		else if (strcmp(k, "prefix") == 0 && m->protocol[0] == '\0')
			snprintf(m->protocol, sizeof(m->protocol), "smi");
		else if (strcmp(k, "port") == 0)
			snprintf(m->port, sizeof(m->port), "%s", text);
		else if (strcmp(k, "state") == 0)
			snprintf(m->state, sizeof(m->state), "%s", text);
		else if (strcmp(k, "port_open") == 0)
			m->port_open = strcmp(text, "true") == 0;
		else if (strcmp(k, "frames_ok") == 0)
			m->frames_ok = atoll(text);
		else if (strcmp(k, "crc_errors") == 0)
			m->crc_errors = atoll(text);
		else if (strcmp(k, "invalid") == 0)
			m->invalid = atoll(text);
		else if (strcmp(k, "timeouts") == 0)
			m->timeouts = atoll(text);
		else if (strcmp(k, "last_good") == 0)
			m->last_good = atoll(text);
		return;
	}
	if (w->depth == 5 && strcmp(w->keys[2], "values") == 0) {
		struct st_value *v = value_get(m, w->keys[3]);
		k = w->keys[4];
		if (v == NULL)
			return;
		if (strcmp(k, "value") == 0 || strcmp(k, "text") == 0) {
			snprintf(v->shown, sizeof(v->shown), is_string ? "\"%.90s\"" : "%.90s", text);
		} else if (strcmp(k, "unit") == 0 && text[0] != '\0') {
			size_t l = strlen(v->shown);
			snprintf(v->shown + l, sizeof(v->shown) - l, " %s", text);
		} else if (strcmp(k, "received") == 0)
			v->received = atoll(text);
	}
}

/* "4 s", "17 min", "3 h", "2 d": an age for people. */
static const char *
age(long long then, long long now, char *buf, size_t cap)
{
	long long s = now - then;

	if (then <= 0)
		return "never";
	if (s < 0)
		s = 0;
	if (s < 120)
		snprintf(buf, cap, "%lld s ago", s);
	else if (s < 7200)
		snprintf(buf, cap, "%lld min ago", s / 60);
	else if (s < 172800)
		snprintf(buf, cap, "%lld h ago", s / 3600);
	else
		snprintf(buf, cap, "%lld d ago", s / 86400);
	return buf;
}

/* The daemon's own word when the file has one, else what the counters show. */
static const char *
state_of(const struct st_meter *m)
{
	if (m->state[0] != '\0')
		return m->state;
	if (m->port_open == 0)
		return "port_down";
	if (m->last_good <= 0)
		return m->crc_errors + m->invalid > 0 ? "errors" : "starting";
	return "up";
}

static int
usage(FILE *f)
{
	fprintf(f, "usage: meterd status [-s FILE] [--values|--no-values]   (default FILE %s)\n",
	        STATUS_DEFAULT);
	return f == stdout ? 0 : 2;
}

int cmd_status(int argc, char **argv);

int
cmd_status(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"status", required_argument, NULL, 's'},
		{"values", no_argument, NULL, 'V'},
		{"no-values", no_argument, NULL, 'N'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char    *path = STATUS_DEFAULT;
	bool           values = true;
	int            ch;
	FILE          *f;
	char          *text = NULL;
	size_t         len = 0, cap = 0;
	struct stat    st;
	struct st_file file = {0};
	struct walker  w;
	long long      now = (long long)time(NULL);
	char           a[32];

	optind = 1;
	while ((ch = getopt_long(argc, argv, "s:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 's':
			path = optarg;
			break;
		case 'V':
			values = true;
			break;
		case 'N':
			values = false;
			break;
		case 'h':
			return usage(stdout);
		default:
			return usage(stderr);
		}
	}
	if (optind != argc)
		return usage(stderr);
	if ((f = fopen(path, "rb")) == NULL || fstat(fileno(f), &st) != 0) {
		fprintf(stderr, "meterd status: %s: %s%s\n", path, strerror(errno),
		        errno == ENOENT ? " (is meterd running with --status?)" : "");
		if (f != NULL)
			fclose(f);
		return 1;
	}
	for (;;) {
		if (len + 4096 > cap) {
			char *n = realloc(text, cap = cap ? cap * 2 : 65536);
			if (n == NULL) {
				free(text);
				fclose(f);
				fprintf(stderr, "meterd status: out of memory\n");
				return 1;
			}
			text = n;
		}
		size_t got = fread(text + len, 1, cap - len, f);
		len += got;
		if (got == 0)
			break;
	}
	fclose(f);
	memset(&w, 0, sizeof(w));
	w.p = text;
	w.end = text + len;
	w.scalar = collect;
	w.out = &file;
	if (!jvalue(&w)) {
		fprintf(stderr, "meterd status: %s: not a status file meterd wrote\n", path);
		free(text);
		return 1;
	}
	printf("%s, written %s\n", path, age((long long)st.st_mtime, now, a, sizeof(a)));
	printf("%-20s %-8s %-10s %-14s %9s %6s %8s  %s\n", "METER", "PROTOCOL", "STATE", "LAST GOOD",
	       "FRAMES", "BAD", "TIMEOUTS", "PORT");
	for (size_t i = 0; i < file.n; i++) {
		const struct st_meter *m = &file.meters[i];
		printf("%-20s %-8s %-10s %-14s %9lld %6lld %8lld  %s\n", m->name, m->protocol, state_of(m),
		       age(m->last_good, now, a, sizeof(a)), m->frames_ok, m->crc_errors + m->invalid,
		       m->timeouts, m->port);
		for (size_t k = 0; values && k < m->n_values; k++)
			printf("    %-30s %-24s %s\n", m->values[k].name, m->values[k].shown,
			       age(m->values[k].received, now, a, sizeof(a)));
	}
	for (size_t i = 0; i < file.n; i++)
		free(file.meters[i].values);
	free(file.meters);
	free(text);
	return 0;
}
