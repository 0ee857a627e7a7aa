/*
 * smi_compile.c - Tasmota SMI script text to struct smi_script.
 *
 * The parser follows the field order and the quirks of Tasmota's SML_Init
 * (tasmota-smi.md sections 1-4, quirk table section 9): lines are classified
 * by their first character, fields are positional, a `+` line ending in a
 * comma continues on the next line, meter numbers are one digit. Where
 * Tasmota silently produces garbage, meterd reports an error at the exact
 * column; where Tasmota's behaviour is a known pitfall, a warning says what
 * Tasmota does and what meterd does.
 */
#include <string.h>

#include "meterd/smi.h"
#include "smi_int.h"

struct cx {
	struct smi_script *s;
	unsigned opts;
	uint16_t line;  /* current script line */
	uint16_t split; /* column where a continuation line starts, 0 none */
	bool subst;     /* current line went through %name% substitution */
};

/* ------------------------------------------------------------------ */
/* Diagnostics                                                         */

static size_t
put_str(char *dst, size_t at, size_t cap, const char *src, size_t n)
{
	while (n-- && *src && at + 1 < cap)
		dst[at++] = *src++;
	return at;
}

static size_t
put_long(char *dst, size_t at, size_t cap, long v)
{
	char tmp[24];
	size_t n = 0;
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;

	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u && n < sizeof(tmp) - 1);
	if (v < 0)
		tmp[n++] = '-';
	while (n && at + 1 < cap)
		dst[at++] = tmp[--n];
	return at;
}

/*
 * A tiny formatter (the core has no stdio): %s takes a then b, %d takes n,
 * %c takes n as a character. Enough for one message.
 */
static void
format(char *dst, size_t cap, const char *f, const char *a, const char *b, long n)
{
	size_t at = 0;
	const char *sv[2] = {a, b};
	unsigned si = 0;

	for (; *f && at + 1 < cap; f++) {
		if (f[0] != '%' || f[1] == '\0') {
			dst[at++] = *f;
			continue;
		}
		f++;
		if (*f == 's') {
			const char *x = si < 2 && sv[si] ? sv[si] : "";
			si++;
			at = put_str(dst, at, cap, x, (size_t)-1);
		} else if (*f == 'd') {
			at = put_long(dst, at, cap, n);
		} else if (*f == 'c') {
			dst[at++] = (n >= 0x20 && n < 0x7f) ? (char)n : '?';
		} else {
			dst[at++] = *f;
		}
	}
	dst[at] = '\0';
}

static void
diag_at(struct smi_script *s, uint16_t line, uint16_t col, enum smi_severity sev, const char *f,
        const char *a, const char *b, long n)
{
	struct smi_diag *d;

	if (sev == SMI_ERROR)
		s->n_errors++;
	else if (sev == SMI_WARNING)
		s->n_warnings++;
	else
		s->n_notes++;
	if (s->n_diags == SMI_DIAGS_MAX)
		return;
	d = &s->diags[s->n_diags++];
	d->line = line;
	d->col = col ? col : 1;
	d->severity = (uint8_t)sev;
	format(d->msg, sizeof(d->msg), f, a, b, n);
}

/* Column `col` of the current (possibly joined) line. */
static void
diag(struct cx *c, size_t col, enum smi_severity sev, const char *f, const char *a, const char *b,
     long n)
{
	uint16_t line = c->line;

	if (c->split && col >= c->split) {
		col = col - c->split + 1;
		line++;
	}
	if (col > 0xFFFF)
		col = 0xFFFF;
	diag_at(c->s, line, (uint16_t)col, sev, f, a, b, n);
}

/* ------------------------------------------------------------------ */
/* Pool                                                                */

static uint16_t
pool_add(struct cx *c, const void *p, size_t n, size_t col)
{
	struct smi_script *s = c->s;
	uint16_t off;

	if (n + 1 > (size_t)(SMI_POOL_MAX - s->pool_len)) {
		diag(c, col, SMI_ERROR, "script too large: more than %d bytes of text kept", NULL,
		     NULL, SMI_POOL_MAX);
		return 0;
	}
	off = s->pool_len;
	memcpy(s->pool + off, p, n);
	s->pool[off + n] = '\0';
	s->pool_len = (uint16_t)(s->pool_len + n + 1);
	return off;
}

/* ------------------------------------------------------------------ */
/* Field reading                                                       */

struct field {
	size_t start, len; /* 0-based offsets in the line */
	bool comma;        /* a comma follows */
};

static bool
is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

static void
next_field(const char *l, size_t n, size_t *pos, struct field *f)
{
	size_t i = *pos;

	f->start = i;
	while (i < n && l[i] != ',')
		i++;
	f->len = i - f->start;
	f->comma = i < n;
	*pos = f->comma ? i + 1 : i;
}

/* A decimal integer filling the whole field (optional sign). */
static bool
field_int(const char *l, const struct field *f, long *v)
{
	size_t i = f->start, end = f->start + f->len;
	bool neg = false;
	long x = 0;

	if (i < end && (l[i] == '-' || l[i] == '+'))
		neg = l[i++] == '-';
	if (i == end)
		return false;
	for (; i < end; i++) {
		if (!is_digit(l[i]) || x > 100000000L)
			return false;
		x = x * 10 + (l[i] - '0');
	}
	*v = neg ? -x : x;
	return true;
}

/* A leading decimal integer (atoi), false if there are no digits. */
static bool
lead_int(const char *l, size_t i, size_t end, long *v, size_t *used)
{
	size_t j = i;
	long x = 0;
	bool neg = false;

	if (j < end && (l[j] == '-' || l[j] == '+'))
		neg = l[j++] == '-';
	if (j == end || !is_digit(l[j]))
		return false;
	while (j < end && is_digit(l[j])) {
		if (x < 100000000L)
			x = x * 10 + (l[j] - '0');
		j++;
	}
	*v = neg ? -x : x;
	if (used)
		*used = j - i;
	return true;
}

/* ------------------------------------------------------------------ */
/* >D variables and %name% substitution (Tasmota SML_REPLACE_VARS)     */

static bool
is_name_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || is_digit(ch) || ch == '_' ||
	       ch == '.';
}

static void
define_var(struct cx *c, const char *l, size_t n)
{
	struct smi_script *s = c->s;
	size_t i = 0, name_len, vs, ve;

	while (i < n && is_name_char(l[i]))
		i++;
	name_len = i;
	if (name_len == 0 || i >= n || l[i] != '=' || s->n_vars == SMI_VARS_MAX)
		return;
	i++;
	if (i < n && l[i] == '"') {
		vs = ++i;
		while (i < n && l[i] != '"')
			i++;
		ve = i;
	} else {
		vs = i;
		while (i < n && l[i] != ' ' && l[i] != '\t' && l[i] != ';')
			i++;
		ve = i;
	}
	s->var_name[s->n_vars] = pool_add(c, l, name_len, 1);
	s->var_value[s->n_vars] = pool_add(c, l + vs, ve - vs, vs + 1);
	s->n_vars++;
}

static int
find_var(const struct smi_script *s, const char *name, size_t n)
{
	unsigned i;

	for (i = s->n_vars; i-- > 0;) {
		const char *v = s->pool + s->var_name[i];
		if (strlen(v) == n && memcmp(v, name, n) == 0)
			return (int)i;
	}
	return -1;
}

/*
 * Replaces %name% and %% in l into s->linebuf. A '%' that does not start a
 * known %name% is kept literally: Tasmota >= 12.4 would print "???" and drop
 * the rest of the line (quirk Q1, issue #18146), which is never what the
 * author meant and what Tasmota <= 12.2 did.
 */
static size_t
substitute(struct cx *c, const char *l, size_t n)
{
	struct smi_script *s = c->s;
	size_t i, out = 0;

	c->subst = false;
	for (i = 0; i < n; i++) {
		const char *ins = l + i;
		size_t ins_len = 1, j;
		int v;

		if (l[i] == '\\' && i + 1 < n) {
			/* Tasmota's escapes: \n \r, and \x for any other x (\\, \#) */
			static const char nl = '\n', cr = '\r';
			i++;
			ins = l[i] == 'n' ? &nl : l[i] == 'r' ? &cr : l + i;
			c->subst = true;
		} else if (l[i] == '%') {
			if (i + 1 < n && l[i + 1] == '%') {
				i++;
				c->subst = true;
			} else {
				for (j = i + 1; j < n && l[j] != '%' && is_name_char(l[j]); j++)
					;
				if (j < n && l[j] == '%' && j > i + 1 &&
				    (v = find_var(s, l + i + 1, j - i - 1)) >= 0) {
					ins = s->pool + s->var_value[v];
					ins_len = strlen(ins);
					i = j;
					c->subst = true;
				} else {
					diag(c, i + 1, SMI_WARNING,
					     "lone '%%' taken literally; Tasmota "
					     "(SML_REPLACE_VARS) reads it as a "
					     "variable, prints ??? and drops the rest of the line "
					     "- write %%%% for a "
					     "percent sign",
					     NULL, NULL, 0);
				}
			}
		}
		if (out + ins_len >= SMI_LINE_MAX) {
			diag(c, i + 1, SMI_ERROR, "line longer than %d bytes after substitution",
			     NULL, NULL, SMI_LINE_MAX - 1);
			break;
		}
		memcpy(s->linebuf + out, ins, ins_len);
		out += ins_len;
	}
	s->linebuf[out] = '\0';
	return out;
}

/* ------------------------------------------------------------------ */
/* Meter definition lines                                              */

static int
meter_by_number(const struct smi_script *s, unsigned number)
{
	unsigned i;

	for (i = 0; i < s->n_meters; i++)
		if (s->meters[i].number == number)
			return (int)i;
	return -1;
}

static bool
valid_type(char t)
{
	return t != '\0' && strchr("osevmMkrRpcC", t) != NULL;
}

static void
parse_commands(struct cx *c, struct smi_meter_def *md, const char *l, size_t n, size_t pos)
{
	struct smi_script *s = c->s;

	md->cmd_first = s->n_cmds;
	for (;;) {
		struct field f;
		struct smi_cmd *cmd;
		uint8_t bytes[SMI_CMD_BYTES];
		size_t i, end, nb = 0;
		bool bad = false;

		next_field(l, n, &pos, &f);
		if (s->n_cmds == SMI_CMDS_MAX) {
			diag(c, f.start + 1, SMI_ERROR, "more than %d requests in the script", NULL,
			     NULL, SMI_CMDS_MAX);
			return;
		}
		cmd = &s->cmds[s->n_cmds];
		memset(cmd, 0, sizeof(*cmd));
		i = f.start;
		end = f.start + f.len;
		if (i < end && l[i] == 'r') {
			cmd->raw = true;
			i++;
		}
		if (i == end)
			diag(c, f.start + 1, SMI_WARNING,
			     "empty request: it still counts for @iN indexes (as in Tasmota) and "
			     "sends "
			     "only the type's framing",
			     NULL, NULL, 0);
		for (; i < end; i += 2) {
			int hi = hex_value(l[i]), lo = i + 1 < end ? hex_value(l[i + 1]) : 0;
			if (hi >= 0 && i + 1 == end) {
				diag(c, i + 1, SMI_WARNING,
				     "odd number of hex digits: the last digit is dropped (as in "
				     "Tasmota)",
				     NULL, NULL, 0);
				break;
			}
			if (hi < 0 || lo < 0) {
				diag(c, (hi < 0 ? i : i + 1) + 1, SMI_ERROR,
				     "request contains '%c', which is not a hex digit (Tasmota "
				     "would send it as 0)",
				     NULL, NULL, hi < 0 ? l[i] : l[i + 1]);
				bad = true;
				break;
			}
			if (nb == SMI_CMD_BYTES) {
				diag(c, i + 1, SMI_WARNING,
				     "request longer than %d bytes: Tasmota sends only the first "
				     "%d, so does meterd",
				     NULL, NULL, SMI_CMD_BYTES);
				break;
			}
			bytes[nb++] = (uint8_t)(hi << 4 | lo);
		}
		if (!bad) {
			cmd->off = pool_add(c, bytes, nb, f.start + 1);
			cmd->len = (uint8_t)nb;
			s->n_cmds++;
			md->cmd_count++;
		}
		if (!f.comma)
			break;
	}
}

static void
meter_line(struct cx *c, const char *l, size_t n)
{
	struct smi_script *s = c->s;
	struct smi_meter_def md;
	struct field f;
	size_t pos = 3, i;
	long v;
	unsigned num;

	memset(&md, 0, sizeof(md));
	md.line_no = c->line;
	md.tx_pin = -1;
	md.en_pin = -1;
	md.so2 = SMI_SO2_OBIS_LINE;
	md.gap_ms = 1000;
	if (n < 3 || !is_digit(l[1]) || l[2] != ',') {
		diag(c, 2, SMI_ERROR, "meter line must start with '+<digit>,'", NULL, NULL, 0);
		return;
	}
	num = (unsigned)(l[1] - '0');
	if (num < 1 || num > s->declared_meters) {
		diag(c, 2, SMI_ERROR, "illegal meter number %d: outside the count given by '>M'",
		     NULL, NULL, (long)num);
		return;
	}
	if (meter_by_number(s, num) >= 0) {
		diag(c, 2, SMI_ERROR, "meter %d is defined twice", NULL, NULL, (long)num);
		return;
	}
	md.number = (uint8_t)num;

	/* <rx>: GPIO number, or [a.b.c.d] for Modbus TCP. */
	if (pos < n && l[pos] == '[') {
		size_t close = pos + 1;
		while (close < n && l[close] != ']')
			close++;
		if (close == n || close - pos - 1 >= sizeof(md.host)) {
			diag(c, pos + 1, SMI_ERROR, "'[' of a TCP address has no closing ']'", NULL,
			     NULL, 0);
			return;
		}
		memcpy(md.host, l + pos + 1, close - pos - 1);
		md.tcp = true;
		md.rx_pin = -1;
		pos = close + 1;
		if (pos >= n || l[pos] != ',') {
			diag(c, pos + 1, SMI_ERROR, "expected ',' after the TCP address", NULL,
			     NULL, 0);
			return;
		}
		pos++;
	} else {
		next_field(l, n, &pos, &f);
		if (!field_int(l, &f, &v) || !f.comma) {
			diag(c, f.start + 1, SMI_ERROR,
			     f.comma ? "RX pin must be a number or [ip]"
			             : "meter line ends after the RX pin",
			     NULL, NULL, 0);
			return;
		}
		md.rx_pin = (int16_t)v;
	}

	/* <type>[<mode>] */
	next_field(l, n, &pos, &f);
	if (f.len == 0 || !valid_type(l[f.start])) {
		diag(c, f.start + 1, SMI_ERROR,
		     "unknown meter type '%c' (types: o s e v m M k r R p c C)", NULL, NULL,
		     f.len ? l[f.start] : '?');
		return;
	}
	md.type = l[f.start];
	md.parity = md.type == 'M' ? 'E' : 'N';
	md.stop_bits = 1;
	if (f.len > 3) {
		diag(c, f.start + 2, SMI_ERROR,
		     "serial mode suffix longer than 2 characters: Tasmota reads only 2 and "
		     "misreads "
		     "every following field (write e.g. kN2, rE1, M2)",
		     NULL, NULL, 0);
		return;
	} else if (f.len == 3) {
		char p = l[f.start + 1], d = l[f.start + 2];
		if ((p != 'N' && p != 'E' && p != 'O') || !is_digit(d)) {
			diag(c, f.start + 2, SMI_ERROR,
			     "serial mode must be N1, N2, E1, E2, O1 or O2", NULL, NULL, 0);
			return;
		}
		md.parity = p;
		/* Tasmota takes the stop bits from the digit's low bits: odd 1, even 2. */
		md.stop_bits = (uint8_t)(((d - '0') & 1) ? 1 : 2);
	} else if (f.len == 2) {
		if (!is_digit(l[f.start + 1])) {
			diag(c, f.start + 2, SMI_ERROR,
			     "serial mode must be N1, N2, E1, E2, O1 or O2", NULL, NULL, 0);
			return;
		}
		md.stop_bits = (uint8_t)(((l[f.start + 1] - '0') & 1) ? 1 : 2);
	}
	if (md.type == 'o' && md.parity != 'N')
		diag(c, f.start + 2, SMI_NOTE,
		     "type o always reads 8N1 and clears bit 7 (which turns 7E1 text into ASCII); "
		     "the "
		     "suffix only changes the port framing",
		     NULL, NULL, 0);
	if (!f.comma) {
		diag(c, f.start + f.len + 1, SMI_ERROR, "meter line ends after the type", NULL,
		     NULL, 0);
		return;
	}

	/* <flag>,<param> */
	next_field(l, n, &pos, &f);
	if (!field_int(l, &f, &v) || v < 0 || !f.comma) {
		diag(c, f.start + 1, SMI_ERROR,
		     f.comma ? "flag must be a decimal number" : "meter line ends after the flag",
		     NULL, NULL, 0);
		return;
	}
	md.flags = (uint16_t)v;
	if (v & 2)
		diag(c, f.start + 1, SMI_WARNING,
		     "flag 2 (analog counter) is not implemented in Tasmota "
		     "either; ignored",
		     NULL, NULL, 0);
	next_field(l, n, &pos, &f);
	if (!field_int(l, &f, &v)) {
		diag(c, f.start + 1, SMI_ERROR, "baud rate / parameter must be a decimal number",
		     NULL, NULL, 0);
		return;
	}
	md.param = (int32_t)v;
	if (!f.comma) {
		diag(c, f.start + f.len + 1, SMI_ERROR, "meter line has no JSON prefix field", NULL,
		     NULL, 0);
		return;
	}
	if (strchr("osevmMkrRp", md.type) && !md.tcp && (v < 50 || v > 4000000))
		diag(c, f.start + 1, SMI_WARNING, "unusual baud rate %d", NULL, NULL, v);

	/* <prefix> */
	next_field(l, n, &pos, &f);
	if (f.len >= 9) {
		diag(c, f.start + 1, SMI_WARNING,
		     "prefix longer than 8 characters: Tasmota stops reading the line here, so the "
		     "TX "
		     "pin, period and requests are lost; meterd does the same (use at most 7 "
		     "characters)",
		     NULL, NULL, 0);
		memcpy(md.prefix, l + f.start, SMI_PREFIX_MAX - 1);
		f.comma = false;
	} else {
		if (f.len == 8)
			diag(c, f.start + 8, SMI_WARNING,
			     "prefix of 8 characters: Tasmota keeps 7, so does meterd", NULL, NULL,
			     0);
		memcpy(md.prefix, l + f.start, f.len < 7 ? f.len : 7);
	}
	for (i = 0; md.prefix[i]; i++)
		if (md.prefix[i] == '"' || md.prefix[i] == '\\' ||
		    (unsigned char)md.prefix[i] < 0x20)
			diag(c, f.start + i + 1, SMI_WARNING,
			     "character '%c' in the prefix: Tasmota writes it into JSON unescaped; "
			     "meterd "
			     "escapes it",
			     NULL, NULL, md.prefix[i]);

	/* [,<tx>[(<en>)],<period>[,<cmds>]] */
	if (f.comma) {
		next_field(l, n, &pos, &f);
		{
			size_t j = f.start, end = f.start + f.len, used;
			if (!lead_int(l, j, end, &v, &used)) {
				diag(c, f.start + 1, SMI_ERROR, "TX pin must be a number", NULL,
				     NULL, 0);
				return;
			}
			md.tx_pin = (int16_t)(v < 0 ? -1 : v);
			j += used;
			if (j < end && l[j] == '(') {
				j++;
				if (j < end && l[j] == 'i') {
					md.en_inverted = true;
					j++;
				}
				if (!lead_int(l, j, end, &v, &used) || j + used >= end ||
				    l[j + used] != ')') {
					diag(c, j + 1, SMI_ERROR,
					     "driver enable pin must be written (<gpio>) or "
					     "(i<gpio>)",
					     NULL, NULL, 0);
					return;
				}
				md.en_pin = (int16_t)v;
				j += used + 1;
			}
			if (j != end) {
				diag(c, j + 1, SMI_ERROR, "unexpected text after the TX pin", NULL,
				     NULL, 0);
				return;
			}
		}
		if (!f.comma) {
			if (md.tx_pin >= 0)
				diag(c, f.start + f.len + 1, SMI_WARNING,
				     "TX pin without a period: nothing is sent (as in Tasmota)",
				     NULL, NULL, 0);
		} else {
			next_field(l, n, &pos, &f);
			if (!field_int(l, &f, &v) || v < 0) {
				diag(c, f.start + 1, SMI_ERROR,
				     "TX period must be a decimal number (x 100 ms)", NULL, NULL,
				     0);
				return;
			}
			if (v > 255)
				diag(c, f.start + 1, SMI_WARNING,
				     "TX period %d does not fit Tasmota's 8 bits: Tasmota uses it "
				     "modulo 256; "
				     "meterd does the same to keep the timing the script was tuned "
				     "with",
				     NULL, NULL, v);
			md.period = (uint8_t)(v & 0xFF);
			if (f.comma)
				parse_commands(c, &md, l, n, pos);
			else if (md.tx_pin >= 0)
				diag(c, f.start + f.len + 1, SMI_NOTE,
				     "meter has a TX pin but no requests", NULL, NULL, 0);
		}
	}
	if (md.tcp && md.type != 'm' && md.type != 'M')
		diag(c, 3, SMI_ERROR, "a [TCP address] is only supported for Modbus meters (m, M)",
		     NULL, NULL, 0);
	if (s->n_meters == SMI_METERS_MAX) {
		diag(c, 1, SMI_ERROR, "more than %d meters", NULL, NULL, SMI_METERS_MAX);
		return;
	}
	s->meters[s->n_meters++] = md;
}

/* ------------------------------------------------------------------ */
/* Value lines                                                         */

/* Copies field f into the pool truncated to cap-1 bytes (UTF-8 safe). */
static uint16_t
text_field(struct cx *c, const char *l, const struct field *f, size_t cap, const char *what)
{
	size_t len = f->len;

	if (len >= cap) {
		diag(c, f->start + 1, SMI_WARNING,
		     "%s longer than %d bytes overflows Tasmota's buffer (garbage in web/JSON); "
		     "meterd "
		     "truncates it",
		     what, NULL, (long)cap - 1);
		len = cap - 1;
		while (len > 0 && ((unsigned char)l[f->start + len] & 0xC0) == 0x80)
			len--;
	}
	return pool_add(c, l + f->start, len, f->start + 1);
}

/* ",label,unit,json,precision" starting at pos (just after the decode part's comma). */
static bool
line_tail(struct cx *c, struct smi_line *ln, const char *l, size_t n, size_t pos)
{
	struct field lab, unit, js, prec;
	long v;
	size_t i;

	next_field(l, n, &pos, &lab);
	if (!lab.comma) {
		diag(c, n + 1, SMI_ERROR,
		     "value line has no unit field (expected @decode,label,unit,"
		     "json,precision)",
		     NULL, NULL, 0);
		return false;
	}
	next_field(l, n, &pos, &unit);
	if (!unit.comma) {
		diag(c, n + 1, SMI_ERROR, "value line has no JSON name field", NULL, NULL, 0);
		return false;
	}
	next_field(l, n, &pos, &js);
	if (!js.comma) {
		diag(c, n + 1, SMI_ERROR, "value line has no precision field", NULL, NULL, 0);
		return false;
	}
	if (js.len == 0)
		diag(c, js.start + 1, SMI_WARNING, "empty JSON name", NULL, NULL, 0);
	for (i = js.start; i < js.start + js.len; i++)
		if (l[i] == '"' || l[i] == '\\' || (unsigned char)l[i] < 0x20)
			diag(c, i + 1, SMI_WARNING,
			     "character '%c' in the JSON name: Tasmota writes it unescaped "
			     "(invalid JSON); "
			     "meterd escapes it",
			     NULL, NULL, l[i]);
	next_field(l, n, &pos, &prec);
	if (!lead_int(l, prec.start, prec.start + prec.len, &v, NULL)) {
		diag(c, prec.start + 1, SMI_ERROR, "precision must start with a decimal number",
		     NULL, NULL, 0);
		return false;
	}
	ln->label = text_field(c, l, &lab, SMI_LABEL_MAX, "label");
	ln->unit = text_field(c, l, &unit, SMI_UNIT_MAX, "unit");
	ln->json = text_field(c, l, &js, SMI_JSON_MAX, "JSON name");
	ln->decimals = (uint8_t)(v & 15);
	ln->immediate = (v & 16) != 0;
	return true;
}

/* Divisor and optional offset at l[*pos]. */
static bool
divisor(struct cx *c, struct smi_line *ln, const char *l, size_t n, size_t *pos)
{
	const char *e;
	unsigned digits;

	ln->div = smi_atof(l + *pos, l + n, &e, &digits);
	if (digits == 0) {
		diag(c, *pos + 1, SMI_ERROR, "expected a divisor (decimal number) here", NULL, NULL,
		     0);
		return false;
	}
	if (ln->div == 0)
		diag(c, *pos + 1, SMI_WARNING,
		     "divisor 0: every value becomes null (division by zero)", NULL, NULL, 0);
	*pos = (size_t)(e - l);
	if (*pos < n && (l[*pos] == '+' || l[*pos] == '-')) {
		ln->offset = smi_atof(l + *pos, l + n, &e, &digits);
		if (digits == 0) {
			diag(c, *pos + 1, SMI_ERROR, "expected an offset number after '%c'", NULL,
			     NULL, l[*pos]);
			return false;
		}
		*pos = (size_t)(e - l);
	}
	return true;
}

static bool
is_pattern_type(char t)
{
	return t != 'o' && t != 'c' && t != 's';
}

/* Match part [ms, me): check and store it. */
static bool
match_part(struct cx *c, struct smi_line *ln, char type, const char *l, size_t ms, size_t me)
{
	if (type == 'o' || type == 'c') {
		ln->match = pool_add(c, l + ms, me - ms, ms + 1);
		ln->match_len = (uint16_t)(me - ms);
		return true;
	}
	if (type == 's') {
		uint8_t bytes[SMI_LINE_MAX / 2];
		size_t i, nb = 0;
		for (i = ms; i < me; i += 2) {
			int hi = hex_value(l[i]), lo = i + 1 < me ? hex_value(l[i + 1]) : -1;
			if (hi < 0 || lo < 0) {
				diag(c, (hi < 0 || i + 1 == me ? i : i + 1) + 1, SMI_ERROR,
				     i + 1 == me
				         ? "odd number of hex digits in the SML pattern"
				         : "SML patterns are hex bytes only ('%c' is not hex)",
				     NULL, NULL, hi < 0 ? l[i] : l[i + 1]);
				return false;
			}
			bytes[nb++] = (uint8_t)(hi << 4 | lo);
		}
		ln->match = pool_add(c, bytes, nb, ms + 1);
		ln->match_len = (uint16_t)nb;
		return true;
	}
	{
		size_t i = ms;
		while (i < me) {
			struct smi_tok t;
			smi_tok_next(l + i, l + me, &t);
			if (t.kind == SMI_TOK_BAD) {
				diag(c, i + 1, SMI_ERROR, "%s", t.err, NULL, 0);
				return false;
			}
			if (t.kind == SMI_TOK_KSTR && type != 'k')
				diag(c, i + 1, SMI_WARNING,
				     "'kstr' is meant for Kamstrup (type k) meters", NULL, NULL, 0);
			if (t.kind == SMI_TOK_VBUS && type != 'v')
				diag(c, i + 1, SMI_WARNING,
				     "VBus token in a meter that is not type v", NULL, NULL, 0);
			i += t.len;
		}
		ln->match = pool_add(c, l + ms, me - ms, ms + 1);
		ln->match_len = (uint16_t)(me - ms);
	}
	return true;
}

static bool
decode_part(struct cx *c, struct smi_line *ln, char type, const char *l, size_t n, size_t *pp)
{
	size_t pos = *pp;
	long v;
	size_t used;

	ln->decode = SMI_DEC_NUMBER;
	if (pos < n && l[pos] == '#') {
		ln->decode = SMI_DEC_STRING;
		if (type == 's' && pos + 1 < n && l[pos + 1] == 'x')
			ln->decode = SMI_DEC_HEXSTR;
		/* The string ends at the character written after '#' ( "@#)" ). */
		ln->delim = pos + 1 < n ? l[pos + 1] : ',';
		*pp = pos + 1;
		return true;
	}
	if (type == 'o' || type == 'c') {
		if (pos < n && l[pos] == '(') {
			if (!lead_int(l, pos + 1, n, &v, &used) || v < 0 || v > 255 ||
			    pos + 1 + used >= n || l[pos + 1 + used] != ':') {
				diag(c, pos + 2, SMI_ERROR,
				     "expected '(<n>:' (bracket group number)", NULL, NULL, 0);
				return false;
			}
			ln->skip = (uint8_t)v;
			pos += 2 + used;
			if (pos < n && l[pos] == '#') {
				ln->decode = SMI_DEC_BRSTR;
				ln->delim = pos + 1 < n ? l[pos + 1] : ',';
				*pp = pos + 1;
				return true;
			}
			ln->decode = SMI_DEC_BRACKET;
		} else if (pos < n && l[pos] == 's') {
			if (pos + 1 >= n || !lead_int(l, pos + 2, n, &v, &used) || v < 0 ||
			    v > 255 || pos + 2 + used >= n || l[pos + 2 + used] != ':') {
				diag(c, pos + 1, SMI_ERROR,
				     "expected 's<char><n>:' (delimited field)", NULL, NULL, 0);
				return false;
			}
			ln->decode = SMI_DEC_FIELD;
			ln->delim = l[pos + 1];
			ln->skip = (uint8_t)v;
			pos += 3 + used;
		}
	} else if (is_pattern_type(type) || type == 's') {
		if (pos < n && l[pos] == 'b') {
			if (pos + 2 >= n || !is_digit(l[pos + 1]) || l[pos + 1] > '7' ||
			    l[pos + 2] != ':') {
				diag(c, pos + 1, SMI_ERROR, "expected 'b<0..7>:' (bit number)",
				     NULL, NULL, 0);
				return false;
			}
			if (type == 's')
				diag(c, pos + 1, SMI_WARNING,
				     "'@b' has no effect on SML lines in Tasmota; ignored", NULL,
				     NULL, 0);
			else
				ln->bit = (int8_t)(l[pos + 1] - '0');
			pos += 3;
		}
		if (pos < n && l[pos] == 'i') {
			if (!lead_int(l, pos + 1, n, &v, &used) || v < 0 || v > 127 ||
			    pos + 1 + used >= n || l[pos + 1 + used] != ':') {
				diag(c, pos + 1, SMI_ERROR, "expected 'i<n>:' (request index)",
				     NULL, NULL, 0);
				return false;
			}
			if (type == 's')
				diag(c, pos + 1, SMI_WARNING,
				     "'@i' has no effect on SML lines in Tasmota; ignored", NULL,
				     NULL, 0);
			else
				ln->index = (int8_t)v;
			pos += 2 + used;
		} else if (type == 'k') {
			diag(c, pos + 1, SMI_WARNING,
			     "Kamstrup line without '@i<n>:': Tasmota always publishes 99 for it, "
			     "so does "
			     "meterd",
			     NULL, NULL, 0);
		}
	}
	if (!divisor(c, ln, l, n, &pos))
		return false;
	*pp = pos;
	return true;
}

static struct smi_line *
new_line(struct cx *c, unsigned meter, enum smi_line_kind kind)
{
	struct smi_script *s = c->s;
	struct smi_line *ln;

	if (s->n_lines == SMI_LINES_MAX) {
		diag(c, 1, SMI_ERROR, "more than %d lines in the meter section", NULL, NULL,
		     SMI_LINES_MAX);
		return NULL;
	}
	ln = &s->lines[s->n_lines];
	memset(ln, 0, sizeof(*ln));
	ln->kind = (uint8_t)kind;
	ln->meter = (uint8_t)meter;
	ln->line_no = c->line;
	ln->index = -1;
	ln->bit = -1;
	ln->div = 1;
	return ln;
}

static void
commit_line(struct smi_script *s, struct smi_line *ln)
{
	if (ln->kind != SMI_LINE_HTML)
		ln->entry = ++s->n_entries;
	s->n_lines++;
}

static void
special_option(struct cx *c, struct smi_meter_def *md, const char *l, size_t n, size_t pos)
{
	char k = pos < n ? l[pos] : '\0';
	size_t a = pos + 1;
	long v;
	size_t used;

	if (a >= n || l[a] != ',') {
		diag(c, a + 1, SMI_ERROR, "expected '=so<k>,<arguments>'", NULL, NULL, 0);
		return;
	}
	a++;
	switch (k) {
	case '1': {
		/* obis1(hex),fcode1(hex),bit1(dec),fcode2(hex),bit2(dec),obis2(hex) */
		uint32_t f[6] = {0};
		unsigned i;
		for (i = 0; i < 6; i++) {
			size_t j = a;
			uint32_t x = 0;
			bool dec = i == 2 || i == 4;
			while (j < n && l[j] != ',') {
				int h = dec ? (is_digit(l[j]) ? l[j] - '0' : -1) : hex_value(l[j]);
				if (h < 0) {
					diag(c, j + 1, SMI_ERROR,
					     "=so1 expects obis1,fcode1,bit1,fcode2,bit2,obis2",
					     NULL, NULL, 0);
					return;
				}
				x = dec ? x * 10 + (uint32_t)h : x << 4 | (uint32_t)h;
				j++;
			}
			f[i] = x;
			a = j + 1;
			if (j >= n && i < 5) {
				diag(c, j + 1, SMI_ERROR, "=so1 needs 6 arguments", NULL, NULL, 0);
				return;
			}
		}
		md->so1 = true;
		md->so1_obis1 = f[0];
		md->so1_fcode1 = (uint8_t)f[1];
		md->so1_bit1 = (uint8_t)(f[2] & 31);
		md->so1_fcode2 = (uint8_t)f[3];
		md->so1_obis2 = f[5];
		/* Tasmota tests the second flag with bit1, not bit2 (Q6). */
		if (f[4] != f[2])
			diag(c, pos + 1, SMI_WARNING,
			     "=so1: Tasmota tests the second status word with the first bit "
			     "position; meterd "
			     "does the same",
			     NULL, NULL, 0);
		return;
	}
	case '2': {
		size_t j = a;
		uint32_t x = 0;
		while (j < n && hex_value(l[j]) >= 0)
			x = x << 4 | (uint32_t)hex_value(l[j++]);
		if (j == a) {
			diag(c, a + 1, SMI_ERROR, "=so2 expects hexadecimal option bits", NULL,
			     NULL, 0);
			return;
		}
		md->so2 = (uint8_t)x;
		if (md->type == 'o' && !(x & SMI_SO2_OBIS_LINE))
			diag(c, a + 1, SMI_NOTE,
			     "=so2 without bit 2 switches OBIS line mode off (sliding window, as "
			     "in Tasmota)",
			     NULL, NULL, 0);
		return;
	}
	case '3':
		if (!lead_int(l, a, n, &v, &used) || v <= 0) {
			diag(c, a + 1, SMI_ERROR, "=so3 expects a buffer size", NULL, NULL, 0);
			return;
		}
		if (v > SMI_RX_MAX)
			diag(c, a + 1, SMI_WARNING,
			     "=so3 larger than meterd's %d-byte buffer: limited", NULL, NULL,
			     SMI_RX_MAX);
		md->bufsize = (uint16_t)(v > SMI_RX_MAX ? SMI_RX_MAX : v);
		return;
	case '4':
	case '5': {
		size_t j;
		unsigned nb = 0;
		uint8_t key[16];
		for (j = a; j < n && l[j] != ','; j += 2) {
			int hi = hex_value(l[j]), lo = j + 1 < n ? hex_value(l[j + 1]) : -1;
			if (hi < 0 || lo < 0 || nb == 16) {
				nb = 99;
				break;
			}
			key[nb++] = (uint8_t)(hi << 4 | lo);
		}
		if (nb != 16) {
			/* The documentation's placeholders ("KEY", "<your key>") land here. */
			diag(
			    c, a + 1, SMI_WARNING,
			    "=so%c key is not 32 hex digits (a placeholder?): Tasmota would "
			    "decrypt with a "
			    "garbage key; meterd leaves decryption off until a real key is written",
			    NULL, NULL, k);
			return;
		}
		if (k == '4') {
			md->has_key = true;
			memcpy(md->key, key, 16);
		}
		return;
	}
	case '6':
		if (!lead_int(l, a, n, &v, &used) || v <= 0 || v > 60000) {
			diag(c, a + 1, SMI_ERROR, "=so6 expects a gap in milliseconds", NULL, NULL,
			     0);
			return;
		}
		md->gap_ms = (uint16_t)v;
		return;
	case 'C': {
		/* bufsize,mode: SML CRC check over whole files (5.2) */
		long mode;
		if (!lead_int(l, a, n, &v, &used) || v <= 0 || a + used >= n ||
		    l[a + used] != ',' || !lead_int(l, a + used + 1, n, &mode, NULL) ||
		    (mode > 11 && mode != 15) || mode < 0) {
			diag(c, a + 1, SMI_ERROR,
			     "=soC expects <buffer size>,<CRC mode 0..11 or 15>", NULL, NULL, 0);
			return;
		}
		if (md->type != 's')
			diag(c, pos + 1, SMI_WARNING, "=soC only applies to SML (type s) meters",
			     NULL, NULL, 0);
		md->sml_crc = (uint8_t)(mode + 1);
		return;
	}
	case '7':
	case '8':
	case '9':
	case 'A':
		diag(c, pos + 1, SMI_NOTE,
		     "=so%c selects ESP hardware (UART number, CAN filters, HAN flags); meterd "
		     "does not "
		     "need it",
		     NULL, NULL, k);
		return;
	default:
		diag(c, pos + 1, SMI_ERROR, "unknown special option '=so%c'", NULL, NULL, k);
	}
}

/*
 * The common end of =m and =d lines: "@<divisor>" (pos is just after the
 * '@'), then the label, unit, JSON name and precision fields after a comma.
 */
static void
divisor_and_tail(struct cx *c, struct smi_line *ln, const char *l, size_t n, size_t pos,
                 const char *no_label)
{
	if (!divisor(c, ln, l, n, &pos))
		return;
	ln->offset = 0;
	while (pos < n && l[pos] != ',')
		pos++;
	if (pos >= n) {
		diag(c, n + 1, SMI_ERROR, no_label, NULL, NULL, 0);
		return;
	}
	if (line_tail(c, ln, l, n, pos + 1))
		commit_line(c->s, ln);
}

static void
math_line(struct cx *c, unsigned mi, const char *l, size_t n, size_t pos)
{
	struct smi_script *s = c->s;
	struct smi_line *ln = new_line(c, mi, SMI_LINE_MATH);
	long v;
	size_t used;

	if (!ln)
		return;
	ln->terms = s->n_terms;
	while (pos < n && l[pos] == ' ')
		pos++;
	if (!lead_int(l, pos, n, &v, &used)) {
		diag(c, pos + 1, SMI_ERROR, "=m must start with an entry number", NULL, NULL, 0);
		return;
	}
	for (;;) {
		struct smi_math_term *t;
		char op = ln->n_terms ? l[pos] : '=';
		bool k = false;
		if (ln->n_terms) {
			if (op != '+' && op != '-' && op != '*' && op != '/') {
				diag(c, pos + 1, SMI_ERROR, "=m expects an operator + - * / or '@'",
				     NULL, NULL, 0);
				return;
			}
			pos++;
			if (pos < n && l[pos] == '#') {
				k = true;
				pos++;
			}
			if (!lead_int(l, pos, n, &v, &used)) {
				diag(c, pos + 1, SMI_ERROR,
				     "=m expects an entry number or #constant", NULL, NULL, 0);
				return;
			}
		}
		if (ln->n_terms == SMI_MATH_MAX || s->n_terms == SMI_LINES_MAX) {
			diag(c, pos + 1, SMI_ERROR,
			     "=m has more than 8 operations (Tasmota's limit)", NULL, NULL, 0);
			return;
		}
		if (k && pos + used < n && l[pos + used] == '.')
			diag(c, pos + used + 1, SMI_WARNING,
			     "=m constants are integers in Tasmota: the fraction is ignored", NULL,
			     NULL, 0);
		t = &s->terms[s->n_terms++];
		t->op = op;
		t->constant = k;
		t->value = (int32_t)v;
		ln->n_terms++;
		pos += used;
		if (k && pos < n && l[pos] == '.')
			for (pos++; pos < n && is_digit(l[pos]); pos++)
				;
		while (pos < n && l[pos] == ' ')
			pos++;
		if (pos < n && l[pos] == '@')
			break;
		if (pos >= n) {
			diag(c, n + 1, SMI_ERROR, "=m has no '@<divisor>'", NULL, NULL, 0);
			return;
		}
	}
	divisor_and_tail(c, ln, l, n, pos + 1, "=m line has no label field");
}

static void
diff_line(struct cx *c, unsigned mi, const char *l, size_t n, size_t pos)
{
	struct smi_line *ln = new_line(c, mi, SMI_LINE_DIFF);
	long v, secs;
	size_t used;

	if (!ln)
		return;
	while (pos < n && l[pos] == ' ')
		pos++;
	if (!lead_int(l, pos, n, &v, &used) || v < 1) {
		diag(c, pos + 1, SMI_ERROR, "=d expects '<entry> <seconds> @<divisor>'", NULL, NULL,
		     0);
		return;
	}
	pos += used;
	while (pos < n && l[pos] == ' ')
		pos++;
	if (!lead_int(l, pos, n, &secs, &used) || secs < 0) {
		diag(c, pos + 1, SMI_ERROR, "=d expects the interval in seconds after the entry",
		     NULL, NULL, 0);
		return;
	}
	pos += used;
	while (pos < n && l[pos] != '@')
		pos++;
	if (pos >= n) {
		diag(c, n + 1, SMI_ERROR, "=d line has no '@<divisor>'", NULL, NULL, 0);
		return;
	}
	ln->d_entry = (uint16_t)v;
	ln->d_secs = (uint32_t)secs;
	divisor_and_tail(c, ln, l, n, pos + 1, "=d line has no label field");
}

static void
value_line(struct cx *c, const char *l, size_t n)
{
	struct smi_script *s = c->s;
	struct smi_line *ln;
	struct smi_meter_def *md;
	size_t at, pos;
	int mi;
	unsigned num;

	if (n < 2 || l[1] != ',') {
		diag(c, 2, SMI_ERROR, "value line must start with '<meter digit>,'", NULL, NULL, 0);
		return;
	}
	num = (unsigned)(l[0] - '0');
	mi = meter_by_number(s, num);
	if (num < 1 || num > s->declared_meters || mi < 0) {
		diag(c, 1, SMI_ERROR,
		     num >= 1 && num <= s->declared_meters
		         ? "meter %d has no '+%d,' definition line before this line"
		         : "illegal meter number %d (outside the count of '>M')",
		     NULL, NULL, (long)num);
		/* the message has one number */
		return;
	}
	md = &s->meters[mi];
	if (n >= 4 && l[2] == '=' && l[3] == 'h') {
		size_t len = n - 4;
		if ((ln = new_line(c, (unsigned)mi, SMI_LINE_HTML)) == NULL)
			return;
		if (len > SMI_HTML_MAX - 1) {
			diag(c, 4 + SMI_HTML_MAX, SMI_WARNING,
			     "=h text longer than 30 characters: Tasmota drops the rest, so does "
			     "meterd",
			     NULL, NULL, 0);
			len = SMI_HTML_MAX - 1;
		}
		ln->label = pool_add(c, l + 4, len, 5);
		commit_line(s, ln);
		return;
	}
	if (n >= 5 && l[2] == '=' && l[3] == 's' && l[4] == 'o') {
		special_option(c, md, l, n, 5);
		return;
	}
	if (n >= 4 && l[2] == '=' && l[3] == 'm') {
		math_line(c, (unsigned)mi, l, n, 4);
		return;
	}
	if (n >= 4 && l[2] == '=' && l[3] == 'd') {
		diff_line(c, (unsigned)mi, l, n, 4);
		return;
	}
	for (at = 2; at < n && l[at] != '@'; at++)
		;
	if (at == n) {
		diag(c, n + 1, SMI_ERROR, "value line has no '@' after its match pattern", NULL,
		     NULL, 0);
		return;
	}
	if ((ln = new_line(c, (unsigned)mi, SMI_LINE_VALUE)) == NULL)
		return;
	if (md->type == 's' && at == 2)
		diag(c, 3, SMI_WARNING, "empty SML pattern matches every list entry", NULL, NULL,
		     0);
	if (!match_part(c, ln, md->type, l, 2, at))
		return;
	pos = at + 1;
	if (!decode_part(c, ln, md->type, l, n, &pos))
		return;
	/* Tasmota ignores the rest of the decode part ("@1)", "@1@1"). */
	while (pos < n && l[pos] != ',')
		pos++;
	if (pos >= n) {
		diag(c, n + 1, SMI_ERROR, "value line has no label field", NULL, NULL, 0);
		return;
	}
	if (line_tail(c, ln, l, n, pos + 1))
		commit_line(s, ln);
}

/* ------------------------------------------------------------------ */
/* Lines and sections                                                  */

enum section { SEC_NONE, SEC_D, SEC_M, SEC_OTHER, SEC_DONE };

/* Commas outside a [tcp address]; the request list starts after the 8th. */
static unsigned
count_commas(const char *l, size_t n)
{
	unsigned k = 0;
	size_t i;

	for (i = 0; i < n; i++)
		k += l[i] == ',';
	return k;
}

static bool
looks_like_value_line(const char *l, size_t n)
{
	return n > 2 && is_digit(l[0]) && l[1] == ',' && memchr(l, '@', n) != NULL;
}

int
smi_compile(struct smi_script *s, const char *text, size_t len, unsigned opts)
{
	struct cx c;
	enum section sec = SEC_NONE;
	size_t at = 0;
	uint16_t line = 0, skipped_line = 0, indented_m_line = 0, indented_m_col = 0;
	char skipped[48];
	size_t n_skipped = 0;
	bool seen_m = false, seen_end = false;
	unsigned i;

	memset(s, 0, sizeof(*s));
	s->pool_len = 1; /* offset 0 is the empty string */
	memset(&c, 0, sizeof(c));
	c.s = s;
	c.opts = opts;
	skipped[0] = '\0';
	if (opts & SMI_OPT_SECTION_ONLY) {
		/* a >M body pasted into a configuration: any meter number 1..5 */
		sec = SEC_M;
		seen_m = true;
		s->declared_meters = SMI_METERS_MAX;
	}

	while (at < len && !seen_end) {
		const char *l = text + at, *nl;
		size_t n, lead = 0;

		nl = memchr(l, '\n', len - at);
		n = nl ? (size_t)(nl - l) : len - at;
		at += n + (nl ? 1 : 0);
		line++;
		c.line = line;
		c.split = 0;
		if (n && l[n - 1] == '\r')
			n--;
		if (memchr(l, '\0', n)) {
			diag(&c, (size_t)((const char *)memchr(l, '\0', n) - l) + 1, SMI_ERROR,
			     "NUL byte in the script", NULL, NULL, 0);
			continue;
		}
		while (lead < n && (l[lead] == ' ' || l[lead] == '\t'))
			lead++;
		if (lead && lead < n &&
		    (l[lead] == '+' || l[lead] == '>' || l[lead] == '#' || is_digit(l[lead]) ||
		     (l[lead] == '-' && sec == SEC_M))) {
			if (!(opts & SMI_OPT_TRIM_INDENT)) {
				if (n - lead >= 2 && l[lead] == '>' && l[lead + 1] == 'M' &&
				    !indented_m_line) {
					indented_m_line = line;
					indented_m_col = (uint16_t)(lead + 1);
				}
				if (sec == SEC_M || (n - lead >= 2 && l[lead] == '>' && l[lead + 1] == 'M'))
					diag(&c, lead + 1, SMI_WARNING,
					     "indented line: Tasmota ignores lines that start with "
					     "a blank, and so does "
					     "meterd (remove the indentation, or check with "
					     "--lenient to read them)",
					     NULL, NULL, 0);
				continue;
			}
			diag(
			    &c, lead + 1, SMI_WARNING,
			    "indented line: Tasmota ignores it; read because of the lenient option",
			    NULL, NULL, 0);
			l += lead;
			n -= lead;
		}
		if (sec != SEC_M) {
			if (n >= 1 && l[0] == '>') {
				if (n >= 2 && l[1] == 'M' && !seen_m) {
					long v = 0;
					size_t p = 2;
					while (p < n && l[p] == ' ')
						p++;
					if (!lead_int(l, p, n, &v, NULL) || v < 1 ||
					    v > SMI_METERS_MAX) {
						diag(
						    &c, p + 1, SMI_ERROR,
						    "'>M' must be followed by the number of meters "
						    "(1..5)",
						    NULL, NULL, 0);
						v = SMI_METERS_MAX;
					}
					s->declared_meters = (uint8_t)v;
					sec = SEC_M;
					seen_m = true;
					continue;
				}
				sec = (n >= 2 && l[1] == 'D') ? SEC_D : SEC_OTHER;
				if (!skipped_line)
					skipped_line = line;
				if (n_skipped + 6 < sizeof(skipped)) {
					size_t k;
					if (n_skipped)
						skipped[n_skipped++] = ' ';
					for (k = 0; k < n && k < 4 && l[k] != ' '; k++)
						skipped[n_skipped++] = l[k];
					skipped[n_skipped] = '\0';
				}
			} else if (sec == SEC_D) {
				define_var(&c, l, n);
			}
			continue;
		}
		/* inside >M */
		if (n == 0)
			continue;
		if ((opts & SMI_OPT_SECTION_ONLY) && n >= 2 && l[0] == '>' && l[1] == 'M' &&
		    s->n_meters == 0 && s->n_lines == 0) {
			/* a pasted block may keep its own ">M n" header */
			long v = 0;
			size_t p = 2;
			while (p < n && l[p] == ' ')
				p++;
			if (!lead_int(l, p, n, &v, NULL) || v < 1 || v > SMI_METERS_MAX)
				diag(&c, p + 1, SMI_ERROR,
				     "'>M' must be followed by the number of meters (1..5)", NULL,
				     NULL, 0);
			else
				s->declared_meters = (uint8_t)v;
			continue;
		}
		if (l[0] == '#' || l[0] == '>') {
			sec = SEC_DONE;
			if (l[0] == '>') {
				/* a section start ends >M without '#'; the rest is script code */
				diag(&c, 1, SMI_NOTE, "the meter section ends here (no '#' line)",
				     NULL, NULL, 0);
			}
			seen_end = true;
			continue;
		}
		if (l[0] == '+') {
			size_t k = n, ln2;
			while (k > 0 && (l[k - 1] == ' ' || l[k - 1] == '\t'))
				k--;
			if (k != n)
				diag(&c, k + 1, SMI_WARNING,
				     "trailing blanks on a meter line: Tasmota would take them as "
				     "part of the last "
				     "field (prefix or request); meterd ignores them",
				     NULL, NULL, 0);
			n = k;
			if (n > 0 && l[n - 1] == ',' && at < len && count_commas(l, n) >= 8) {
				/* Q16: a request list ending in ',' continues on the next line. */
				const char *l2 = text + at, *nl2 = memchr(l2, '\n', len - at);
				ln2 = nl2 ? (size_t)(nl2 - l2) : len - at;
				at += ln2 + (nl2 ? 1 : 0);
				line++;
				if (ln2 && l2[ln2 - 1] == '\r')
					ln2--;
				if (n + ln2 >= SMI_LINE_MAX) {
					diag(&c, 1, SMI_ERROR,
					     "meter line with its continuation is too long", NULL,
					     NULL, 0);
					continue;
				}
				memcpy(s->joinbuf, l, n);
				memcpy(s->joinbuf + n, l2, ln2);
				c.split = (uint16_t)(n + 1);
				if (looks_like_value_line(l2, ln2))
					diag(&c, n + 1, SMI_WARNING,
					     "the previous meter line ends with ',', so this line "
					     "is read as more "
					     "requests, not as a value line (as in Tasmota); "
					     "remove the trailing comma",
					     NULL, NULL, 0);
				else
					diag(&c, n, SMI_NOTE,
					     "request list continues on the next line", NULL, NULL,
					     0);
				n = substitute(&c, s->joinbuf, n + ln2);
			} else {
				n = substitute(&c, l, n);
			}
			meter_line(&c, s->linebuf, n);
			continue;
		}
		if (is_digit(l[0]) || l[0] == '-') {
			if (l[0] == '-') {
				/* A leading '-' is dropped (Tasmota); columns stay those of the
				 * text. */
				l++;
				n--;
				if (n == 0 || !is_digit(l[0]))
					continue;
			}
			n = substitute(&c, l, n);
			value_line(&c, s->linebuf, n);
			continue;
		}
		/* '%' at the start: a substituted value line (%r%...) */
		if (l[0] == '%') {
			n = substitute(&c, l, n);
			if (n && is_digit(s->linebuf[0]))
				value_line(&c, s->linebuf, n);
			else if (n && s->linebuf[0] == '+')
				meter_line(&c, s->linebuf, n);
			continue;
		}
		/* anything else (';' comments, text) is ignored, as in Tasmota */
	}
	c.split = 0;
	if (n_skipped)
		diag_at(
		    s, skipped_line, 1, SMI_NOTE,
		    "skipped script sections %s: Tasmota script code is not run by meterd (only >M "
		    "is read; >D text variables are used for %%name%% substitution)",
		    skipped, NULL, 0);
	if (!seen_m) {
		if (indented_m_line)
			diag_at(s, indented_m_line, indented_m_col, SMI_ERROR,
			        "no '>M' section: the only '>M' is indented, which Tasmota ignores "
			        "(remove the "
			        "indentation, or check with --lenient)",
			        NULL, NULL, 0);
		else
			diag_at(s, 1, 1, SMI_ERROR, "no '>M' meter section in the script", NULL,
			        NULL, 0);
	} else {
		if (!seen_end && sec == SEC_M)
			diag_at(s, line, 1, SMI_WARNING,
			        "meter section not terminated by a '#' line (Tasmota accepts the "
			        "end of the "
			        "script)",
			        NULL, NULL, 0);
		if (s->n_meters == 0 && s->n_errors == 0)
			diag_at(s, 1, 1, SMI_ERROR, "the '>M' section defines no meter ('+' line)",
			        NULL, NULL, 0);
	}
	/* =m and =d operands must name existing entries (Tasmota uses entry 1 instead). */
	for (i = 0; i < s->n_lines; i++) {
		const struct smi_line *ln = &s->lines[i];
		unsigned k;
		if (ln->kind == SMI_LINE_DIFF && (ln->d_entry < 1 || ln->d_entry > s->n_entries))
			diag_at(s, ln->line_no, 1, SMI_WARNING,
			        "=d refers to entry %d, which does not exist: Tasmota uses entry 1",
			        NULL, NULL, ln->d_entry);
		for (k = 0; ln->kind == SMI_LINE_MATH && k < ln->n_terms; k++) {
			const struct smi_math_term *t = &s->terms[ln->terms + k];
			if (!t->constant && (t->value < 1 || t->value > (int32_t)s->n_entries))
				diag_at(s, ln->line_no, 1, SMI_WARNING,
				        "=m refers to entry %d, which does not exist: Tasmota uses "
				        "entry 1",
				        NULL, NULL, t->value);
		}
	}
	return s->n_errors ? -1 : 0;
}

const char *
smi_type_name(char type)
{
	switch (type) {
	case 'o':
		return "OBIS text";
	case 's':
		return "SML";
	case 'e':
		return "eBus";
	case 'v':
		return "VBus";
	case 'm':
		return "Modbus";
	case 'M':
		return "Modbus (8E1)";
	case 'k':
		return "Kamstrup KMP";
	case 'r':
		return "raw window";
	case 'R':
		return "raw block";
	case 'p':
		return "PZEM v1";
	case 'c':
		return "counter";
	case 'C':
		return "CAN";
	default:
		return "?";
	}
}
