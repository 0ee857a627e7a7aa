/*
 * config.c - meterd.conf lexer, parser and checks; see config.h and
 * meterd.conf(5).
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "meterd/decoder.h"
#include "meterd/smi.h"
#include "config.h"

#define STMT_TOKENS 12
#define TOKEN_MAX   CFG_PATH_MAX

enum tok_kind { T_WORD, T_STRING, T_OPEN, T_CLOSE, T_NL, T_EOF };

struct token {
	enum tok_kind kind;
	unsigned      line, col;
	char          text[TOKEN_MAX];
};

struct lexer {
	const char *name;
	const char *p, *end;
	unsigned    line, col;
	FILE       *errs;
	int         errors;
	bool        have_peek;
	struct token peek;
};

/* One statement: the words of a line, and whether it opens or closes a block. */
struct stmt {
	struct token tok[STMT_TOKENS];
	size_t       n;
	bool         open, close, eof;
	unsigned     line, col; /* of the first token */
};

static void
lx_error(struct lexer *lx, unsigned line, unsigned col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));


static void
lx_error(struct lexer *lx, unsigned line, unsigned col, const char *fmt, ...)
{
	va_list ap;

	lx->errors++;
	va_start(ap, fmt);
	cfg_report(lx->errs, lx->name, line, col, fmt, ap);
	va_end(ap);
}

static int
lx_getc(struct lexer *lx)
{
	int c;

	if (lx->p >= lx->end)
		return -1;
	c = (unsigned char)*lx->p++;
	if (c == '\n') {
		lx->line++;
		lx->col = 1;
	} else
		lx->col++;
	return c;
}

static int
lx_peekc(const struct lexer *lx)
{
	return lx->p < lx->end ? (unsigned char)*lx->p : -1;
}

static bool
is_word_char(int c)
{
	return c > ' ' && c != '{' && c != '}' && c != '#' && c != '"' && c != 0x7f;
}

static void
lx_next(struct lexer *lx, struct token *t)
{
	int    c;
	size_t n = 0;

	if (lx->have_peek) {
		*t = lx->peek;
		lx->have_peek = false;
		return;
	}
	for (;;) {
		c = lx_peekc(lx);
		if (c == ' ' || c == '\t' || c == '\r')
			lx_getc(lx);
		else if (c == '\\' && lx->p + 1 < lx->end && lx->p[1] == '\n') {
			lx_getc(lx); /* line continuation */
			lx_getc(lx);
		} else if (c == '#') {
			while ((c = lx_peekc(lx)) != -1 && c != '\n')
				lx_getc(lx);
		} else
			break;
	}
	t->line = lx->line;
	t->col = lx->col;
	t->text[0] = '\0';
	c = lx_getc(lx);
	if (c == -1) {
		t->kind = T_EOF;
		return;
	}
	if (c == '\n') {
		t->kind = T_NL;
		return;
	}
	if (c == '{' || c == '}') {
		t->kind = c == '{' ? T_OPEN : T_CLOSE;
		t->text[0] = (char)c;
		t->text[1] = '\0';
		return;
	}
	if (c == '"') {
		t->kind = T_STRING;
		for (;;) {
			c = lx_getc(lx);
			if (c == -1 || c == '\n') {
				lx_error(lx, t->line, t->col, "unterminated string");
				break;
			}
			if (c == '"')
				break;
			if (c == 0) {
				/* A C string would end here and silently drop the rest. */
				lx_error(lx, lx->line, lx->col - 1, "NUL byte in a string");
				continue;
			}
			if (c == '\\') {
				int e = lx_peekc(lx);
				if (e == '"' || e == '\\')
					c = lx_getc(lx);
			}
			if (n + 1 >= sizeof(t->text)) {
				lx_error(lx, t->line, t->col, "string longer than %zu bytes",
				         sizeof(t->text) - 1);
				while ((c = lx_peekc(lx)) != -1 && c != '\n' && c != '"')
					lx_getc(lx);
				if (c == '"')
					lx_getc(lx);
				break;
			}
			t->text[n++] = (char)c;
		}
		t->text[n] = '\0';
		return;
	}
	t->kind = T_WORD;
	if (!is_word_char(c)) {
		lx_error(lx, t->line, t->col, "unexpected character 0x%02x", c);
		c = '?';
	}
	t->text[n++] = (char)c;
	while (is_word_char(lx_peekc(lx))) {
		c = lx_getc(lx);
		if (n + 1 < sizeof(t->text))
			t->text[n++] = (char)c;
		else if (n + 1 == sizeof(t->text)) {
			lx_error(lx, t->line, t->col, "word longer than %zu bytes", sizeof(t->text) - 1);
			n++; /* said once; the word is kept cut */
		}
	}
	t->text[n < sizeof(t->text) ? n : sizeof(t->text) - 1] = '\0';
}

/* Reads one statement: tokens up to the end of the line, `{` or `}`. */
static void
stmt_read(struct lexer *lx, struct stmt *st)
{
	struct token t;

	memset(st, 0, sizeof(*st));
	for (;;) {
		lx_next(lx, &t);
		if (t.kind == T_NL && st->n == 0)
			continue;
		if (st->n == 0) {
			st->line = t.line;
			st->col = t.col;
			/* A bare `{` or `}` has no word: errors about it point at the brace. */
			st->tok[0] = t;
		}
		switch (t.kind) {
		case T_EOF:
			st->eof = st->n == 0;
			return;
		case T_NL:
			return;
		case T_OPEN:
			/* The block's first setting may follow on the same line. */
			st->open = true;
			return;
		case T_CLOSE:
			if (st->n == 0) {
				st->close = true;
				return;
			}
			lx->peek = t; /* "x 1 }": the brace closes after this statement */
			lx->have_peek = true;
			return;
		default:
			if (st->n == STMT_TOKENS) {
				lx_error(lx, t.line, t.col, "too many words on one line");
				continue;
			}
			st->tok[st->n++] = t;
		}
	}
}

/* Skips a block whose `{` was read, for recovery after an error. */
static void
block_skip(struct lexer *lx)
{
	struct stmt st;
	int         depth = 1;

	while (depth > 0) {
		stmt_read(lx, &st);
		if (st.eof)
			return;
		if (st.open)
			depth++;
		if (st.close)
			depth--;
	}
}

int
cfg_duration_parse(const char *s, uint32_t *ms)
{
	char         *end;
	unsigned long v;
	uint64_t      mul;

	if (!isdigit((unsigned char)s[0]))
		return -1;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0)
		return -1;
	if (strcmp(end, "ms") == 0)
		mul = 1;
	else if (*end == '\0' || strcmp(end, "s") == 0)
		mul = 1000;
	else if (strcmp(end, "m") == 0 || strcmp(end, "min") == 0)
		mul = 60000;
	else if (strcmp(end, "h") == 0)
		mul = 3600000;
	else if (strcmp(end, "d") == 0)
		mul = 86400000;
	else
		return -1;
	if (v > UINT32_MAX / mul) /* before multiplying: a huge number must not wrap */
		return -1;
	*ms = (uint32_t)(v * mul);
	return 0;
}

static int
split_hostport(struct cfg_port *p, const char *hp, const char **why)
{
	const char *colon;
	size_t      hl;

	if (hp[0] == '[') {
		const char *rb = strchr(hp, ']');
		if (rb == NULL || rb[1] != ':') {
			*why = "expected [address]:port";
			return -1;
		}
		hl = (size_t)(rb - hp - 1);
		memcpy(p->host, hp + 1, hl < sizeof(p->host) ? hl : 0);
		colon = rb + 1;
	} else {
		colon = strrchr(hp, ':');
		if (colon == NULL) {
			*why = "missing :port";
			return -1;
		}
		hl = (size_t)(colon - hp);
		if (hl < sizeof(p->host))
			memcpy(p->host, hp, hl);
	}
	if (hl == 0 || hl >= sizeof(p->host)) {
		*why = "bad host name";
		return -1;
	}
	p->host[hl] = '\0';
	colon++;
	if (*colon == '\0' || strlen(colon) >= sizeof(p->service) ||
	    strspn(colon, "0123456789") != strlen(colon) || atoi(colon) <= 0 || atoi(colon) > 65535) {
		*why = "port must be a number 1..65535";
		return -1;
	}
	strcpy(p->service, colon);
	return 0;
}

int
cfg_port_parse(struct cfg_port *p, const char *spec, const char **why)
{
	memset(p, 0, sizeof(*p));
	if (strlen(spec) >= sizeof(p->spec)) {
		*why = "too long";
		return -1;
	}
	strcpy(p->spec, spec);
	if (strncmp(spec, "tcp://", 6) == 0) {
		p->kind = CFG_PORT_TCP;
		return split_hostport(p, spec + 6, why);
	}
	if (strncmp(spec, "rfc2217://", 10) == 0) {
		p->kind = CFG_PORT_RFC2217;
		return split_hostport(p, spec + 10, why);
	}
	if (spec[0] != '/') {
		*why = "expected an absolute device path, tcp://host:port or rfc2217://host:port";
		return -1;
	}
	p->kind = CFG_PORT_SERIAL;
	strcpy(p->path, spec);
	return 0;
}

/* "port SPEC [rfc2217|raw] [rs485]" from tokens tok[i..n). */
static bool
port_from_tokens(struct lexer *lx, struct cfg_port *p, const struct token *tok, size_t n)
{
	const char *why;
	size_t      i;

	if (n < 1) {
		return false;
	}
	if (cfg_port_parse(p, tok[0].text, &why) != 0) {
		lx_error(lx, tok[0].line, tok[0].col, "bad port \"%s\": %s", tok[0].text, why);
		return false;
	}
	for (i = 1; i < n; i++) {
		if (strcmp(tok[i].text, "rfc2217") == 0 || strcmp(tok[i].text, "raw") == 0) {
			if (p->kind == CFG_PORT_SERIAL) {
				lx_error(lx, tok[i].line, tok[i].col,
				         "'%s' applies to tcp:// ports only", tok[i].text);
				return false;
			}
			p->kind = tok[i].text[0] == 'r' && tok[i].text[1] == 'f' ? CFG_PORT_RFC2217
			                                                         : CFG_PORT_TCP;
		} else if (strcmp(tok[i].text, "rs485") == 0) {
			p->rs485 = true;
		} else {
			lx_error(lx, tok[i].line, tok[i].col,
			         "unexpected '%s' after the port (rfc2217, raw or rs485)", tok[i].text);
			return false;
		}
	}
	return true;
}

static bool
want_args(struct lexer *lx, const struct stmt *st, size_t min, size_t max, const char *usage)
{
	if (st->n - 1 < min || st->n - 1 > max) {
		const struct token *t = st->n - 1 < min ? &st->tok[0] : &st->tok[max + 1];
		lx_error(lx, t->line, t->col, "usage: %s", usage);
		return false;
	}
	return true;
}

static bool
parse_int(struct lexer *lx, const struct token *t, long min, long max, long *out)
{
	char *end;
	long  v;

	/* Decimal digits only: "010" is ten (not C's octal eight), "0x10" is no number. */
	errno = 0;
	v = strtol(t->text, &end, 10);
	if (!isdigit((unsigned char)t->text[0]) || *end != '\0' || errno != 0 || v < min || v > max) {
		lx_error(lx, t->line, t->col, "expected a number from %ld to %ld, not \"%s\"", min, max,
		         t->text);
		return false;
	}
	*out = v;
	return true;
}

/*
 * The value ids of one meter, for finding one listed twice in O(1) per
 * line (a meter may list 100,000 values; comparing each with all before
 * it took a minute, also inside a SIGHUP reload). Open addressing over
 * indexes into the meter's values.
 */
struct idset {
	size_t *slot; /* index + 1, 0 empty */
	size_t  cap;  /* a power of two, at least twice the ids */
};

static uint32_t
id_hash(const char *s)
{
	uint32_t h = 2166136261u; /* FNV-1a */

	while (*s != '\0')
		h = (h ^ (uint8_t)*s++) * 16777619u;
	return h;
}

/* Inserts values[n].id: 0 new, 1 already there, -1 out of memory. */
static int
idset_add(struct idset *set, const struct cfg_value *values, size_t n)
{
	size_t i;

	if (2 * (n + 1) > set->cap) {
		size_t  ncap = set->cap ? set->cap * 2 : 64;
		size_t *ns = calloc(ncap, sizeof(*ns));
		if (ns == NULL)
			return -1;
		for (size_t k = 0; k < set->cap; k++)
			if (set->slot[k] != 0) {
				for (i = id_hash(values[set->slot[k] - 1].id) & (ncap - 1); ns[i] != 0;
				     i = (i + 1) & (ncap - 1))
					;
				ns[i] = set->slot[k];
			}
		free(set->slot);
		set->slot = ns;
		set->cap = ncap;
	}
	for (i = id_hash(values[n].id) & (set->cap - 1); set->slot[i] != 0; i = (i + 1) & (set->cap - 1))
		if (strcmp(values[set->slot[i] - 1].id, values[n].id) == 0)
			return 1;
	set->slot[i] = n + 1;
	return 0;
}

/* Copies src into dst[cap], truncating (lengths are checked before where it matters). */
static void
scopy(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);

	if (n >= cap)
		n = cap - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static bool
name_ok(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_' && *s != '-' && *s != '.')
			return false;
	return true;
}

static void
protocol_list(char *buf, size_t cap)
{
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; decoder_all[i] != NULL && n + 1 < cap; i++)
		n += (size_t)snprintf(buf + n, cap - n, "%s%s", i ? ", " : "", decoder_all[i]->name);
}

static void
parse_meter(struct lexer *lx, struct cfg *c, const struct stmt *head)
{
	struct cfg_meter *m, **tail;
	struct stmt       st;
	bool              have_port = false, have_proto = false;
	unsigned          sec_line = 0, sec_col = 0; /* of "address secondary" */
	char              path[CFG_PATH_MAX + 64];
	size_t            cap_values = 0;
	struct idset      ids = {0};

	if (head->n != 2 || !head->open) {
		lx_error(lx, head->line, head->col, "usage: meter NAME { ... }");
		if (head->open)
			block_skip(lx);
		return;
	}
	m = calloc(1, sizeof(*m));
	if (m == NULL) {
		lx_error(lx, head->line, head->col, "out of memory");
		block_skip(lx);
		return;
	}
	if (!name_ok(head->tok[1].text) || strlen(head->tok[1].text) >= sizeof(m->name))
		lx_error(lx, head->tok[1].line, head->tok[1].col,
		         "meter name must be 1-%zu letters, digits, '_', '-' or '.'",
		         sizeof(m->name) - 1);
	scopy(m->name, sizeof(m->name), head->tok[1].text);
	for (struct cfg_meter *o = c->meters; o != NULL; o = o->next)
		if (strcmp(o->name, m->name) == 0)
			lx_error(lx, head->tok[1].line, head->tok[1].col,
			         "meter '%s' already defined on line %u", m->name, o->line);
	m->line = head->line;
	m->address = -1;
	serial_params_default(&m->params);
	for (tail = &c->meters; *tail != NULL; tail = &(*tail)->next)
		;
	*tail = m;

	for (;;) {
		const struct token *k;
		stmt_read(lx, &st);
		if (st.eof) {
			lx_error(lx, head->line, head->col, "meter '%s': missing '}'", m->name);
			free(ids.slot);
			return;
		}
		if (st.close)
			break;
		k = &st.tok[0];
		if (st.open) {
			lx_error(lx, k->line, k->col, "unexpected block in a meter");
			block_skip(lx);
			continue;
		}
		if (strcmp(k->text, "port") == 0) {
			if (st.n < 2) {
				lx_error(lx, k->line, k->col, "usage: port PATH|tcp://HOST:PORT [rfc2217|raw] [rs485]");
				continue;
			}
			have_port = port_from_tokens(lx, &m->port, st.tok + 1, st.n - 1) || have_port;
			m->params.rs485 = m->port.rs485;
		} else if (strcmp(k->text, "protocol") == 0) {
			char known[128];
			if (!want_args(lx, &st, 1, 3, "protocol NAME [BAUD] [FRAMING]"))
				continue;
			if (decoder_find(st.tok[1].text) == NULL) {
				protocol_list(known, sizeof(known));
				lx_error(lx, st.tok[1].line, st.tok[1].col,
				         "unknown protocol '%s' (this build has: %s)", st.tok[1].text, known);
				continue;
			}
			scopy(m->protocol, sizeof(m->protocol), st.tok[1].text);
			have_proto = true;
			for (size_t i = 2; i < st.n; i++) {
				long v;
				const char *t = st.tok[i].text;
				/* A framing is digit, letter, digit ("7E1"); "300" is a baud rate. */
				bool framing = strlen(t) == 3 && isdigit((unsigned char)t[0]) &&
				               isalpha((unsigned char)t[1]) && isdigit((unsigned char)t[2]);
				if (isdigit((unsigned char)t[0]) && !framing) {
					if (parse_int(lx, &st.tok[i], 50, 4000000, &v))
						m->params.baud = (uint32_t)v;
				} else if (serial_framing_parse(&m->params, st.tok[i].text) != 0)
					lx_error(lx, st.tok[i].line, st.tok[i].col,
					         "expected a baud rate or a framing such as 8N1, 7E1, 8N2, not \"%s\"",
					         st.tok[i].text);
			}
		} else if (strcmp(k->text, "poll") == 0) {
			if (!want_args(lx, &st, 1, 1, "poll DURATION"))
				continue;
			if (cfg_duration_parse(st.tok[1].text, &m->poll_ms) != 0 || m->poll_ms < 100)
				lx_error(lx, st.tok[1].line, st.tok[1].col,
				         "expected a duration of at least 100ms such as 10s, not \"%s\"",
				         st.tok[1].text);
		} else if (strcmp(k->text, "profile") == 0) {
			if (!want_args(lx, &st, 1, 1, "profile NAME"))
				continue;
			if (!name_ok(st.tok[1].text) || strlen(st.tok[1].text) >= sizeof(m->profile)) {
				lx_error(lx, st.tok[1].line, st.tok[1].col, "bad profile name");
				continue;
			}
			scopy(m->profile, sizeof(m->profile), st.tok[1].text);
			/* A misspelt profile would only show at run time, as unnamed raw values. */
			snprintf(path, sizeof(path), "%s/profiles/%s.profile", METERD_DATADIR, m->profile);
			if (access(path, R_OK) != 0)
				lx_error(lx, st.tok[1].line, st.tok[1].col, "no profile \"%s\" (%s: %s)",
				         m->profile, path, strerror(errno));
		} else if (strcmp(k->text, "address") == 0) {
			long v;
			if (st.n >= 2 && strcmp(st.tok[1].text, "secondary") == 0) {
				/* EN 13757-3 §11.2: the id in BCD, F a wildcard digit; the manufacturer's letters. */
				const char *id = st.n >= 3 ? st.tok[2].text : "";
				const char *man = st.n == 4 ? st.tok[3].text : "";
				bool        ok = st.n >= 3 && st.n <= 4 && strlen(id) == 8 && strlen(man) <= 3 &&
				          (man[0] == '\0' || strlen(man) == 3);
				for (size_t i = 0; ok && id[i] != '\0'; i++)
					ok = isdigit((unsigned char)id[i]) || id[i] == 'F' || id[i] == 'f';
				for (size_t i = 0; ok && man[i] != '\0'; i++)
					ok = man[i] >= 'A' && man[i] <= 'Z';
				if (!ok) {
					lx_error(lx, k->line, k->col,
					         "usage: address secondary ID [MAN] (ID 8 digits, F for any; MAN three capitals such as KAM)");
					continue;
				}
				for (size_t i = 0; i < 8; i++)
					m->secondary[i] = (char)toupper((unsigned char)id[i]);
				m->secondary[8] = '\0';
				scopy(m->secondary_man, sizeof(m->secondary_man), man);
				sec_line = k->line;
				sec_col = k->col;
			} else if (want_args(lx, &st, 1, 1, "address N | address secondary ID [MAN]") &&
			           parse_int(lx, &st.tok[1], 0, 255, &v))
				m->address = (int)v;
		} else if (strcmp(k->text, "value") == 0) {
			struct cfg_value *v;
			if (st.n != 2 && (st.n != 4 || strcmp(st.tok[2].text, "as") != 0)) {
				lx_error(lx, k->line, k->col, "usage: value ID [as NAME]");
				continue;
			}
			if (m->n_values == cap_values) {
				size_t ncap = cap_values ? cap_values * 2 : 8;
				void  *p = realloc(m->values, ncap * sizeof(*m->values));
				if (p == NULL) {
					lx_error(lx, k->line, k->col, "out of memory");
					continue;
				}
				m->values = p;
				cap_values = ncap;
			}
			v = &m->values[m->n_values];
			memset(v, 0, sizeof(*v));
			if (strlen(st.tok[1].text) >= sizeof(v->id)) {
				lx_error(lx, st.tok[1].line, st.tok[1].col, "value id too long");
				continue;
			}
			strcpy(v->id, st.tok[1].text);
			if (st.n == 4) {
				if (strlen(st.tok[3].text) >= sizeof(v->name) || st.tok[3].text[0] == '\0') {
					lx_error(lx, st.tok[3].line, st.tok[3].col,
					         "value name must be 1-%zu bytes", sizeof(v->name) - 1);
					continue;
				}
				strcpy(v->name, st.tok[3].text);
			}
			switch (idset_add(&ids, m->values, m->n_values)) {
			case 1:
				lx_error(lx, st.tok[1].line, st.tok[1].col, "value \"%s\" listed twice", v->id);
				break;
			case -1:
				lx_error(lx, k->line, k->col, "out of memory");
				continue;
			}
			m->n_values++;
		} else if (strcmp(k->text, "option") == 0) {
			struct cfg_option *o;
			if (!want_args(lx, &st, 2, 2, "option KEY VALUE"))
				continue;
			if (m->n_options == CFG_OPTIONS_MAX) {
				lx_error(lx, k->line, k->col, "at most %d options per meter", CFG_OPTIONS_MAX);
				continue;
			}
			o = &m->options[m->n_options];
			if (strlen(st.tok[1].text) >= sizeof(o->key) ||
			    strlen(st.tok[2].text) >= sizeof(o->value)) {
				lx_error(lx, st.tok[1].line, st.tok[1].col, "option too long");
				continue;
			}
			strcpy(o->key, st.tok[1].text);
			strcpy(o->value, st.tok[2].text);
			m->n_options++;
		} else {
			lx_error(lx, k->line, k->col,
			         "unknown meter setting '%s' (port, protocol, poll, profile, address, value, option)",
			         k->text);
		}
	}
	free(ids.slot);
	if (!have_port)
		lx_error(lx, head->line, head->col, "meter '%s' has no port", m->name);
	if (!have_proto)
		lx_error(lx, head->line, head->col, "meter '%s' has no protocol", m->name);
	/* Polled request/response buses need to know whom to ask, and for Modbus what. */
	if (have_proto && m->poll_ms != 0 && strcmp(m->protocol, "modbus") == 0) {
		if (m->address < 1)
			lx_error(lx, head->line, head->col,
			         "meter '%s' polls modbus: add 'address N' (the slave, 1-255)", m->name);
		if (m->profile[0] == '\0' && m->n_values == 0)
			lx_error(lx, head->line, head->col,
			         "meter '%s' polls modbus: add 'profile NAME' or value lines (\"hr9\", \"co88\")",
			         m->name);
	}
	if (m->secondary[0] != '\0' && have_proto && strcmp(m->protocol, "mbus") != 0)
		lx_error(lx, sec_line, sec_col,
		         "meter '%s': a secondary address is M-Bus only", m->name);
	if (m->secondary[0] != '\0' && m->address >= 0)
		lx_error(lx, sec_line, sec_col,
		         "meter '%s': a primary and a secondary address; give one", m->name);
	if (have_proto && strcmp(m->protocol, "mbus") == 0 && m->address > 250 && m->address != 254)
		lx_error(lx, head->line, head->col,
		         "meter '%s': M-Bus primary address must be 0-250, or 254 for the only meter on its bus",
		         m->name);
}

/* Reads raw lines up to one that is exactly `tag` (blanks around it allowed). */
static char *
heredoc_read(struct lexer *lx, const char *tag, const struct token *at, size_t *len)
{
	const char *start = lx->p, *line = lx->p;
	size_t      tl = strlen(tag);

	while (line < lx->end) {
		const char *eol = memchr(line, '\n', (size_t)(lx->end - line));
		const char *a = line, *b = eol != NULL ? eol : lx->end;
		while (a < b && (*a == ' ' || *a == '\t'))
			a++;
		while (b > a && (b[-1] == ' ' || b[-1] == '\t' || b[-1] == '\r'))
			b--;
		if ((size_t)(b - a) == tl && memcmp(a, tag, tl) == 0) {
			char  *text = malloc((size_t)(line - start) + 1);
			size_t n = (size_t)(line - start);
			if (text != NULL) {
				memcpy(text, start, n);
				text[n] = '\0';
			}
			while (lx->p < (eol != NULL ? eol : lx->end))
				lx_getc(lx);
			*len = n;
			return text;
		}
		if (eol == NULL)
			break;
		line = eol + 1;
	}
	lx_error(lx, at->line, at->col, "no line '%s' ends this script", tag);
	while (lx->p < lx->end)
		lx_getc(lx);
	return NULL;
}

/*
 * Reads a configuration or script file. Only regular files: a FIFO or a
 * device would block the check (and a reload on the loop) forever; EINVAL
 * stands for "not a regular file".
 */
static char *
file_read(const char *path, size_t *len, int *err)
{
	int         fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	struct stat st;
	FILE       *f;
	char       *buf = NULL;
	size_t      cap = 0, n = 0;

	if (fd < 0) {
		*err = errno;
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		*err = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		close(fd);
		return NULL;
	}
	if ((f = fdopen(fd, "rb")) == NULL) {
		*err = errno;
		close(fd);
		return NULL;
	}
	for (;;) {
		if (n + 4096 + 1 > cap) {
			size_t ncap = cap ? cap * 2 : 8192;
			char  *p;
			if (ncap > (size_t)16 << 20 || (p = realloc(buf, ncap)) == NULL) {
				*err = ncap > (size_t)16 << 20 ? EFBIG : ENOMEM;
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = p;
			cap = ncap;
		}
		size_t r = fread(buf + n, 1, 4096, f);
		n += r;
		if (r < 4096)
			break;
	}
	if (ferror(f)) {
		*err = EIO;
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/*
 * A relative path in the configuration is relative to the configuration
 * file's directory, not to wherever meterd was started (systemd starts it
 * in /). Returns false when the result does not fit.
 */
static bool
path_beside(const char *config, const char *path, char *out, size_t cap)
{
	const char *slash = strrchr(config, '/');
	int         n;

	if (path[0] == '/' || slash == NULL)
		n = snprintf(out, cap, "%s", path);
	else
		n = snprintf(out, cap, "%.*s/%s", (int)(slash - config), config, path);
	return n >= 0 && (size_t)n < cap;
}

static void
parse_smi(struct lexer *lx, struct cfg *c, const struct stmt *head)
{
	struct cfg_smi *s, **tail;
	struct stmt     st;

	if (head->n > 2 || !head->open) {
		lx_error(lx, head->line, head->col, "usage: smi [\"SCRIPT-FILE\"] { pin N PORT ... }");
		if (head->open)
			block_skip(lx);
		return;
	}
	s = calloc(1, sizeof(*s));
	if (s == NULL) {
		lx_error(lx, head->line, head->col, "out of memory");
		block_skip(lx);
		return;
	}
	s->line = head->line;
	/*
	 * Several blocks are allowed: a user retiring two ESPs keeps two
	 * scripts. Each numbers its meters on its own; check_ports keeps their
	 * ports apart.
	 */
	for (tail = &c->smis; *tail != NULL; tail = &(*tail)->next)
		;
	*tail = s;
	if (head->n == 2) {
		int err = 0;
		if (!path_beside(lx->name, head->tok[1].text, s->source, sizeof(s->source)))
			lx_error(lx, head->tok[1].line, head->tok[1].col, "script path too long");
		s->first_line = 1;
		s->text = file_read(s->source, &s->len, &err);
		if (s->text == NULL)
			lx_error(lx, head->tok[1].line, head->tok[1].col, "cannot read script \"%s\": %s",
			         s->source, err == EINVAL ? "not a regular file" : strerror(err));
	}
	for (;;) {
		const struct token *k;
		stmt_read(lx, &st);
		if (st.eof) {
			lx_error(lx, head->line, head->col, "smi: missing '}'");
			return;
		}
		if (st.close)
			break;
		k = &st.tok[0];
		if (st.open) {
			lx_error(lx, k->line, k->col, "unexpected block in smi");
			block_skip(lx);
			continue;
		}
		if (strcmp(k->text, "pin") == 0) {
			struct cfg_pin *p;
			long            v;
			if (st.n < 3) {
				lx_error(lx, k->line, k->col, "usage: pin N PORT [rfc2217|raw] [rs485]");
				continue;
			}
			if (s->n_pins == CFG_PINS_MAX) {
				lx_error(lx, k->line, k->col, "at most %d pins", CFG_PINS_MAX);
				continue;
			}
			if (!parse_int(lx, &st.tok[1], 0, 255, &v))
				continue;
			p = &s->pins[s->n_pins];
			p->pin = (int)v;
			p->line = st.tok[1].line;
			p->col = st.tok[1].col;
			for (size_t i = 0; i < s->n_pins; i++)
				if (s->pins[i].pin == p->pin)
					lx_error(lx, p->line, p->col, "pin %d already mapped on line %u",
					         p->pin, s->pins[i].line);
			if (port_from_tokens(lx, &p->port, st.tok + 2, st.n - 2))
				s->n_pins++;
		} else if (strcmp(k->text, "script") == 0) {
			if (st.n != 2 || strncmp(st.tok[1].text, "<<", 2) != 0 || st.tok[1].text[2] == '\0') {
				lx_error(lx, k->line, k->col, "usage: script <<TAG (then the script, then TAG alone on a line)");
				continue;
			}
			if (head->n == 2 || s->text != NULL) {
				lx_error(lx, k->line, k->col, "this smi block already has a script");
				free(s->text);
				s->text = NULL;
			}
			scopy(s->source, sizeof(s->source), lx->name);
			s->first_line = lx->line;
			s->text = heredoc_read(lx, st.tok[1].text + 2, &st.tok[1], &s->len);
		} else {
			lx_error(lx, k->line, k->col, "unknown smi setting '%s' (pin, script)", k->text);
		}
	}
	if (head->n == 1 && s->text == NULL && s->source[0] == '\0')
		lx_error(lx, head->line, head->col, "smi block without a script (a file name or script <<TAG)");
}

/* Compiles each smi script and checks that every meter's pins are mapped. */
static void
check_smi(struct lexer *lx, struct cfg_smi *s)
{
	struct smi_script *sc;
	size_t             i;

	if (s->text == NULL)
		return;
	sc = malloc(sizeof(*sc));
	if (sc == NULL) {
		lx_error(lx, s->line, 1, "out of memory");
		return;
	}
	smi_compile(sc, s->text, s->len, 0);
	for (i = 0; i < sc->n_diags; i++) {
		const struct smi_diag *d = &sc->diags[i];
		unsigned               line = s->first_line + d->line - 1;
		if (d->severity == SMI_ERROR) {
			lx->errors++;
			if (lx->errs != NULL)
				fprintf(lx->errs, "%s:%u:%u: %s\n", s->source, line, d->col, d->msg);
		} else if (d->severity == SMI_WARNING && lx->errs != NULL)
			fprintf(lx->errs, "%s:%u:%u: warning: %s\n", s->source, line, d->col, d->msg);
	}
	for (i = 0; i < sc->n_meters; i++) {
		const struct smi_meter_def *md = &sc->meters[i];
		const struct cfg_pin       *rx = NULL, *tx = NULL;
		if (md->tcp)
			continue;
		for (size_t k = 0; k < s->n_pins; k++) {
			if (s->pins[k].pin == md->rx_pin)
				rx = &s->pins[k];
			if (md->tx_pin >= 0 && s->pins[k].pin == md->tx_pin)
				tx = &s->pins[k];
		}
		if (rx == NULL)
			lx_error(lx, s->line, 1,
			         "smi meter %u ('%s', script line %u) receives on pin %d: add 'pin %d PORT'",
			         md->number, md->prefix, s->first_line + md->line_no - 1, md->rx_pin,
			         md->rx_pin);
		else if (tx != NULL && strcmp(tx->port.spec, rx->port.spec) != 0)
			lx_error(lx, tx->line, tx->col,
			         "smi meter %u sends on pin %d and receives on pin %d: both must map to one port",
			         md->number, md->tx_pin, md->rx_pin);
	}
	free(sc);
}

/* Meters sorted by port, then by their order in the file. */
static int
meter_port_cmp(const void *a, const void *b)
{
	const struct cfg_meter *x = *(const struct cfg_meter *const *)a;
	const struct cfg_meter *y = *(const struct cfg_meter *const *)b;
	int                     r = strcmp(x->port.spec, y->port.spec);

	return r != 0 ? r : (x->line > y->line) - (x->line < y->line);
}

static const struct cfg_meter *
port_owner(struct cfg_meter *const *sorted, size_t n, const char *spec)
{
	size_t lo = 0, hi = n;

	while (lo < hi) { /* the first meter whose port is not below spec */
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(sorted[mid]->port.spec, spec) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && strcmp(sorted[lo]->port.spec, spec) == 0 ? sorted[lo] : NULL;
}

/*
 * A port belongs to one owner kind: SMI meters and native meters cannot
 * share it, and meters that share one agree with its first meter. Each
 * meter is compared with that first meter (not with every other), after
 * sorting by port: 2,000 meters on one bus give at most one line each.
 */
static void
check_ports(struct lexer *lx, struct cfg *c)
{
	struct cfg_meter **sorted;
	size_t             n = 0, i;

	for (struct cfg_meter *m = c->meters; m != NULL; m = m->next)
		n++;
	if ((sorted = calloc(n ? n : 1, sizeof(*sorted))) == NULL) {
		lx_error(lx, lx->line, 1, "out of memory");
		return;
	}
	n = 0;
	for (struct cfg_meter *m = c->meters; m != NULL; m = m->next)
		sorted[n++] = m;
	qsort(sorted, n, sizeof(*sorted), meter_port_cmp);
	for (i = 0; i < n;) {
		const struct cfg_meter *o = sorted[i];
		const struct cfg_meter *mbus_first[256] = {0}; /* M-Bus primary address -> its meter */
		size_t                  j;
		for (j = i; j < n && strcmp(sorted[j]->port.spec, o->port.spec) == 0; j++) {
			const struct cfg_meter *m = sorted[j];
			int                     a = m->address < 0 ? 254 : m->address & 0xff;
			if (j > i) {
				if (o->params.baud != m->params.baud || o->params.parity != m->params.parity ||
				    o->params.data_bits != m->params.data_bits ||
				    o->params.stop_bits != m->params.stop_bits || o->port.kind != m->port.kind)
					lx_error(lx, m->line, 1,
					         "meter '%s' shares port %s with meter '%s' (line %u) but not its settings",
					         m->name, m->port.spec, o->name, o->line);
				else if (m->poll_ms == 0 || o->poll_ms == 0)
					lx_error(lx, m->line, 1,
					         "meter '%s' shares port %s with meter '%s' (line %u): only polled meters can share a bus",
					         m->name, m->port.spec, o->name, o->line);
			}
			if (strcmp(m->protocol, "mbus") != 0 || m->secondary[0] != '\0')
				continue;
			if (mbus_first[a] != NULL)
				/* Both would answer at once and garble each other's telegrams. */
				lx_error(lx, m->line, 1,
				         "meter '%s' and meter '%s' (line %u) share port %s and M-Bus address %d: give each its own address or an 'address secondary'",
				         m->name, mbus_first[a]->name, mbus_first[a]->line, m->port.spec, a);
			else
				mbus_first[a] = m;
		}
		i = j;
	}
	for (struct cfg_smi *s = c->smis; s != NULL; s = s->next)
		for (size_t k = 0; k < s->n_pins; k++) {
			const struct cfg_meter *m = port_owner(sorted, n, s->pins[k].port.spec);
			if (m != NULL)
				lx_error(lx, s->pins[k].line, s->pins[k].col,
				         "port %s is already used by meter '%s' (line %u)", m->port.spec,
				         m->name, m->line);
			/* Two scripts cannot own one port either. */
			for (struct cfg_smi *t = c->smis; t != s; t = t->next)
				for (size_t q = 0; q < t->n_pins; q++)
					if (strcmp(t->pins[q].port.spec, s->pins[k].port.spec) == 0) {
						lx_error(lx, s->pins[k].line, s->pins[k].col,
						         "port %s is already used by the smi block on line %u",
						         s->pins[k].port.spec, t->line);
						q = t->n_pins;
					}
		}
	free(sorted);
}

/* --- sections owned by services (sections.def) */

#define SECTION(kind, check) int check(const struct cfg_section *, struct cfg_diag *);
#include "sections.def"
#undef SECTION

static const struct section_kind {
	const char *kind;
	int (*check)(const struct cfg_section *, struct cfg_diag *);
} section_table[] = {
#define SECTION(kind, check) {#kind, check},
#include "sections.def"
#undef SECTION
	{NULL, NULL},
};

static bool
section_kind_known(const char *kind)
{
	for (const struct section_kind *k = section_table; k->kind != NULL; k++)
		if (strcmp(k->kind, kind) == 0)
			return true;
	return false;
}

static void
section_kinds(char *buf, size_t cap)
{
	size_t n = 0;

	buf[0] = '\0';
	for (const struct section_kind *k = section_table; k->kind != NULL && n + 1 < cap; k++)
		n += (size_t)snprintf(buf + n, cap - n, ", %s", k->kind);
}

static void
parse_section(struct lexer *lx, struct cfg *c, const struct stmt *head)
{
	struct cfg_section  *s, **tail;
	struct stmt          st;
	size_t               cap = 0;

	if (!head->open || head->n > 2) {
		lx_error(lx, head->tok[0].line, head->tok[0].col, "usage: %s [\"label\"] { ... }",
		         head->tok[0].text);
		if (head->open)
			block_skip(lx);
		return;
	}
	s = calloc(1, sizeof(*s));
	if (s == NULL) {
		lx_error(lx, head->line, head->col, "out of memory");
		block_skip(lx);
		return;
	}
	scopy(s->kind, sizeof(s->kind), head->tok[0].text);
	if (head->n == 2)
		scopy(s->label, sizeof(s->label), head->tok[1].text);
	s->line = head->line;
	s->col = head->col;
	for (tail = &c->sections; *tail != NULL; tail = &(*tail)->next)
		;
	*tail = s;
	for (;;) {
		struct cfg_setting *set;
		stmt_read(lx, &st);
		if (st.eof) {
			lx_error(lx, head->line, head->col, "%s block not closed", s->kind);
			return;
		}
		if (st.close)
			return;
		if (st.open) {
			lx_error(lx, st.line, st.col, "no blocks inside a %s block", s->kind);
			block_skip(lx);
			continue;
		}
		if (st.n == 0)
			continue;
		if (s->n_settings == cap) {
			size_t ncap = cap ? cap * 2 : 8;
			void  *p = realloc(s->settings, ncap * sizeof(*s->settings));
			if (p == NULL) {
				lx_error(lx, st.line, st.col, "out of memory");
				return;
			}
			s->settings = p;
			cap = ncap;
		}
		set = &s->settings[s->n_settings++];
		memset(set, 0, sizeof(*set));
		set->line = st.line;
		for (size_t i = 0; i < st.n; i++) {
			set->word[i] = strdup(st.tok[i].text);
			set->col[i] = st.tok[i].col;
			if (set->word[i] == NULL) {
				lx_error(lx, st.line, st.col, "out of memory");
				break;
			}
			set->n++;
		}
	}
}

static void
check_sections(struct lexer *lx, struct cfg *c)
{
	for (const struct cfg_section *s = c->sections; s != NULL; s = s->next)
		for (const struct section_kind *k = section_table; k->kind != NULL; k++)
			if (strcmp(k->kind, s->kind) == 0) {
				struct cfg_diag d = {.file = lx->name, .errs = lx->errs};
				k->check(s, &d);
				lx->errors += d.errors;
			}
}


int
cfg_parse(const char *name, const char *text, size_t len, struct cfg **out, FILE *errs)
{
	struct lexer lx = {.name = name, .p = text, .end = text + len, .line = 1, .col = 1, .errs = errs};
	struct cfg  *c = calloc(1, sizeof(*c));
	struct stmt  st;

	*out = NULL;
	if (c == NULL) {
		if (errs != NULL)
			fprintf(errs, "%s: out of memory\n", name);
		return 1;
	}
	scopy(c->file, sizeof(c->file), name);
	c->teleperiod_ms = 300000;
	for (;;) {
		const struct token *k;
		stmt_read(&lx, &st);
		if (st.eof)
			break;
		if (st.close) {
			lx_error(&lx, st.line, st.col, "'}' without a block");
			continue;
		}
		k = &st.tok[0];
		if (strcmp(k->text, "meter") == 0)
			parse_meter(&lx, c, &st);
		else if (strcmp(k->text, "smi") == 0)
			parse_smi(&lx, c, &st);
		else if (section_kind_known(k->text))
			parse_section(&lx, c, &st);
		else if (strcmp(k->text, "teleperiod") == 0) {
			if (st.open) {
				lx_error(&lx, k->line, k->col, "teleperiod takes no block");
				block_skip(&lx);
			} else if (want_args(&lx, &st, 1, 1, "teleperiod DURATION") &&
			           (cfg_duration_parse(st.tok[1].text, &c->teleperiod_ms) != 0 ||
			            c->teleperiod_ms < 1000))
				lx_error(&lx, st.tok[1].line, st.tok[1].col,
				         "expected a duration of at least 1s such as 10s, not \"%s\"",
				         st.tok[1].text);
		} else {
			char known[256];
			section_kinds(known, sizeof(known));
			lx_error(&lx, k->line, k->col, "unknown keyword '%s' (meter, smi, teleperiod%s)",
			         k->text, known);
			if (st.open)
				block_skip(&lx);
		}
	}
	for (struct cfg_smi *s = c->smis; s != NULL; s = s->next)
		check_smi(&lx, s);
	check_ports(&lx, c);
	check_sections(&lx, c);
	/* wireless M-Bus receivers and cameras read meters too */
	if (c->meters == NULL && c->smis == NULL && cfg_section_find(c, "wmbus") == NULL &&
	    cfg_section_find(c, "camera") == NULL && lx.errors == 0)
		lx_error(&lx, lx.line, 1, "no meter, smi, wmbus or camera block: nothing to read");
	if (lx.errors > 0) {
		cfg_free(c);
		return lx.errors;
	}
	*out = c;
	return 0;
}

int
cfg_load(const char *path, struct cfg **out, FILE *errs)
{
	size_t len;
	int    err = 0, r;
	char  *text = file_read(path, &len, &err);

	*out = NULL;
	if (text == NULL) {
		if (errs != NULL)
			fprintf(errs, "%s: %s\n", path,
			        err == EINVAL ? "not a regular file" : strerror(err));
		return 1;
	}
	r = cfg_parse(path, text, len, out, errs);
	free(text);
	return r;
}

void
cfg_free(struct cfg *c)
{
	if (c == NULL)
		return;
	while (c->meters != NULL) {
		struct cfg_meter *m = c->meters;
		c->meters = m->next;
		free(m->values);
		free(m);
	}
	while (c->smis != NULL) {
		struct cfg_smi *s = c->smis;
		c->smis = s->next;
		free(s->text);
		free(s);
	}
	while (c->sections != NULL) {
		struct cfg_section *s = c->sections;
		c->sections = s->next;
		for (size_t i = 0; i < s->n_settings; i++)
			for (size_t k = 0; k < s->settings[i].n; k++)
				free(s->settings[i].word[k]);
		free(s->settings);
		free(s);
	}
	free(c);
}

static bool
port_same(const struct cfg_port *a, const struct cfg_port *b)
{
	return a->kind == b->kind && a->rs485 == b->rs485 && strcmp(a->spec, b->spec) == 0;
}

bool
cfg_meter_same(const struct cfg_meter *a, const struct cfg_meter *b)
{
	return strcmp(a->name, b->name) == 0 && port_same(&a->port, &b->port) &&
	       strcmp(a->protocol, b->protocol) == 0 && a->params.baud == b->params.baud &&
	       a->params.data_bits == b->params.data_bits && a->params.parity == b->params.parity &&
	       a->params.stop_bits == b->params.stop_bits && a->params.rs485 == b->params.rs485 &&
	       a->poll_ms == b->poll_ms && strcmp(a->profile, b->profile) == 0 &&
	       a->address == b->address && strcmp(a->secondary, b->secondary) == 0 &&
	       strcmp(a->secondary_man, b->secondary_man) == 0 && a->n_values == b->n_values &&
	       (a->n_values == 0 || memcmp(a->values, b->values, a->n_values * sizeof(*a->values)) == 0) &&
	       a->n_options == b->n_options &&
	       memcmp(a->options, b->options, a->n_options * sizeof(*a->options)) == 0;
}

bool
cfg_smi_same(const struct cfg_smi *a, const struct cfg_smi *b)
{
	if (a->len != b->len || a->n_pins != b->n_pins || (a->len && memcmp(a->text, b->text, a->len) != 0))
		return false;
	for (size_t i = 0; i < a->n_pins; i++)
		if (a->pins[i].pin != b->pins[i].pin || !port_same(&a->pins[i].port, &b->pins[i].port))
			return false;
	return true;
}
