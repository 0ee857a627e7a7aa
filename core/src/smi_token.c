/*
 * smi_token.c - the SMI pattern token reader and number reader, shared by
 * the compiler (which rejects what does not read) and the runtime.
 */
#include <string.h>

#include "smi_int.h"

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

double
smi_atof(const char *p, const char *end, const char **endp, unsigned *digits)
{
	const char *lim = end - p > 23 ? p + 23 : end;
	double left = 0, right = 0;
	unsigned nd = 0;
	bool neg = false;

	while (p < lim && (*p == ' ' || *p == '\t'))
		p++;
	if (p < lim && (*p == '-' || *p == '+'))
		neg = *p++ == '-';
	while (p < lim && is_digit(*p)) {
		left = left * 10 + (*p++ - '0');
		nd++;
	}
	if (p < lim && *p == '.') {
		const char *q;
		p++;
		for (q = p; q < lim && is_digit(*q); q++) {
			right = right * 10 + (*q - '0');
			nd++;
		}
		/* Tasmota divides by ten once per fraction digit; doing the same
		 * keeps the last bit of the double identical. */
		for (; p < q; p++)
			right /= 10.0;
	}
	if (endp)
		*endp = p;
	if (digits)
		*digits = nd;
	return neg ? -(left + right) : left + right;
}

static const struct {
	const char *text;
	uint8_t fmt;
	bool swappable;
} num_tokens[] = {
    /* Order matters: longer forms first, as Tasmota tries them. */
    {"U64", SMI_NUM_U64, false},
    {"u64", SMI_NUM_u64, false},
    {"UUuuUUuu", SMI_NUM_U32, true},
    {"U32", SMI_NUM_U32, true},
    {"uuUUuuUU", SMI_NUM_u32, true},
    {"u32", SMI_NUM_u32, true},
    {"UUuu", SMI_NUM_UUuu, false},
    {"SSssSSss", SMI_NUM_S32, true},
    {"S32", SMI_NUM_S32, true},
    {"ssSSssSS", SMI_NUM_s32, true},
    {"s32", SMI_NUM_s32, true},
    {"uuUU", SMI_NUM_uuUU, false},
    {"uu", SMI_NUM_uu, false},
    {"ssSS", SMI_NUM_ssSS, false},
    {"SSss", SMI_NUM_SSss, false},
    {"ss", SMI_NUM_ss, false},
    {"ffffffff", SMI_NUM_ffffffff, false},
    {"FFFFFFFF", SMI_NUM_FFFFFFFF, false},
    {"FFffFFff", SMI_NUM_FFffFFff, false},
    {"eeeeee", SMI_NUM_eeeeee, false},
    {"vvvvvv", SMI_NUM_vvvvvv, false},
    {"cccccc", SMI_NUM_cccccc, false},
    {"pppp", SMI_NUM_pppp, false},
};

unsigned
smi_num_size(unsigned fmt)
{
	switch (fmt) {
	case SMI_NUM_U64:
	case SMI_NUM_u64:
		return 8;
	case SMI_NUM_U32:
	case SMI_NUM_u32:
	case SMI_NUM_S32:
	case SMI_NUM_s32:
	case SMI_NUM_ffffffff:
	case SMI_NUM_FFFFFFFF:
	case SMI_NUM_FFffFFff:
		return 4;
	case SMI_NUM_eeeeee:
	case SMI_NUM_vvvvvv:
	case SMI_NUM_cccccc:
		return 3;
	case SMI_NUM_UUuu:
	case SMI_NUM_uuUU:
	case SMI_NUM_ssSS:
	case SMI_NUM_SSss:
	case SMI_NUM_pppp:
		return 2;
	default:
		return 1;
	}
}

static unsigned
read_uint(const char *p, const char *end, size_t *used)
{
	unsigned v = 0;
	size_t i = 0;

	while (p + i < end && is_digit(p[i]) && v < 100000) {
		v = v * 10 + (unsigned)(p[i] - '0');
		i++;
	}
	*used = i;
	return v;
}

/* pm(...) contents: "r<hex>", "h<hex>" or dotted decimals ("1.8.0"). */
static void
read_pm(const char *p, const char *end, struct smi_tok *t)
{
	const char *q = p + 3, *close;
	size_t used;

	for (close = q; close < end && *close != ')'; close++)
		;
	if (close == end) {
		t->kind = SMI_TOK_BAD;
		t->err = "'pm(' has no closing ')'";
		return;
	}
	t->kind = SMI_TOK_PM;
	t->len = (size_t)(close + 1 - p);
	t->pm_mode = 'a';
	t->pm_len = 0;
	if (q < close && (*q == 'r' || *q == 'h')) {
		t->pm_mode = *q == 'r' ? 'r' : 'a';
		for (q++; q < close; q += 2) {
			int hi = hex_value(q[0]), lo = q + 1 < close ? hex_value(q[1]) : -1;
			if (hi < 0 || lo < 0) {
				t->kind = SMI_TOK_BAD;
				t->err = "'pm(' hex pattern needs pairs of hex digits";
				return;
			}
			if (t->pm_len == SMI_PM_MAX) {
				t->kind = SMI_TOK_BAD;
				t->err = "'pm(' pattern longer than 24 bytes";
				return;
			}
			t->pm[t->pm_len++] = (uint8_t)(hi << 4 | lo);
		}
	} else {
		unsigned groups = 0;
		while (q < close) {
			unsigned v;
			if (*q == '.') {
				q++;
				continue;
			}
			v = read_uint(q, close, &used);
			if (used == 0 || v > 255 || t->pm_len == SMI_PM_MAX) {
				t->kind = SMI_TOK_BAD;
				t->err =
				    "'pm(' expects dot-separated numbers 0..255 or r/h and hex";
				return;
			}
			t->pm[t->pm_len++] = (uint8_t)v;
			groups++;
			q += used;
		}
		/* C.D.E of an OBIS code: F = 255 is implied. */
		if (groups == 3)
			t->pm[t->pm_len++] = 0xFF;
	}
	if (t->pm_len == 0) {
		t->kind = SMI_TOK_BAD;
		t->err = "empty 'pm()' pattern";
	}
}

/* v[o<offset>](u|s)(l|w[h|l]|b[0-3]|t) */
static void
read_vbus(const char *p, const char *end, struct smi_tok *t)
{
	const char *q = p + 1;
	size_t used;

	t->kind = SMI_TOK_BAD;
	t->err = "bad VBus token (v[o<offset>](u|s)(l|w[h|l]|b[0-3]|t))";
	t->v_off = -1;
	if (q < end && *q == 'o') {
		unsigned off = read_uint(q + 1, end, &used);
		if (used == 0 || off > 4000)
			return;
		t->v_off = (int16_t)off;
		q += 1 + used;
	}
	if (q >= end || (*q != 'u' && *q != 's'))
		return;
	t->v_signed = *q++ == 's';
	if (q >= end)
		return;
	t->v_kind = *q++;
	switch (t->v_kind) {
	case 'l':
		break;
	case 'w':
		if (t->v_off >= 0)
			t->v_sel = (t->v_off % 4) ? 'h' : 'l';
		else if (q < end && (*q == 'h' || *q == 'l'))
			t->v_sel = *q++;
		else
			return;
		break;
	case 'b':
		if (t->v_off >= 0)
			t->v_sel = (char)('0' + t->v_off % 4);
		else if (q < end && *q >= '0' && *q <= '3')
			t->v_sel = *q++;
		else
			return;
		break;
	case 't':
		break;
	default:
		return;
	}
	t->kind = SMI_TOK_VBUS;
	t->err = NULL;
	t->len = (size_t)(q - p);
}

void
smi_tok_next(const char *p, const char *end, struct smi_tok *t)
{
	size_t left = (size_t)(end - p), i, used;
	int hi, lo;

	memset(t, 0, sizeof(*t));
	if (left == 0) {
		t->kind = SMI_TOK_END;
		return;
	}
	if (left >= 3 && memcmp(p, "pm(", 3) == 0) {
		read_pm(p, end, t);
		return;
	}
	if (p[0] == 'x') {
		if (left >= 2 && p[1] == 'x') {
			t->kind = SMI_TOK_SKIP;
			t->n = 1;
			t->len = 2;
			return;
		}
		/* x<decimal>: the count is decimal (x29 skips 29 bytes). */
		t->n = (uint16_t)read_uint(p + 1, end, &used);
		if (used == 0) {
			t->kind = SMI_TOK_BAD;
			t->err = "'x' must be followed by 'x' or a decimal byte count";
			return;
		}
		if (t->n > SMI_PATTERN_SKIP_MAX) {
			t->kind = SMI_TOK_BAD;
			t->err = "skip count larger than any frame";
			return;
		}
		t->kind = SMI_TOK_SKIP;
		t->len = 1 + used;
		return;
	}
	for (i = 0; i < sizeof(num_tokens) / sizeof(num_tokens[0]); i++) {
		size_t n = strlen(num_tokens[i].text);
		if (left >= n && memcmp(p, num_tokens[i].text, n) == 0) {
			t->kind = SMI_TOK_NUM;
			t->fmt = num_tokens[i].fmt;
			t->len = n;
			if (num_tokens[i].swappable && left > n && p[n] == 's') {
				t->swap = true;
				t->len++;
			}
			return;
		}
	}
	if (left >= 4 && memcmp(p, "kstr", 4) == 0) {
		t->kind = SMI_TOK_KSTR;
		t->len = 4;
		return;
	}
	if (left >= 3 && memcmp(p, "bcd", 3) == 0) {
		t->n = (uint16_t)read_uint(p + 3, end, &used);
		/* Tasmota clamps the digit count to 2..12. */
		if (t->n < 2)
			t->n = 2;
		if (t->n > 12)
			t->n = 12;
		t->kind = SMI_TOK_BCD;
		t->len = 3 + used;
		return;
	}
	if (p[0] == 'v') {
		read_vbus(p, end, t);
		return;
	}
	hi = hex_value(p[0]);
	lo = left >= 2 ? hex_value(p[1]) : -1;
	if (hi < 0 || lo < 0) {
		t->kind = SMI_TOK_BAD;
		t->err = left < 2 ? "odd number of hex digits" : "not a hex byte or pattern token";
		return;
	}
	t->kind = SMI_TOK_BYTE;
	t->n = (uint16_t)(hi << 4 | lo);
	t->len = 2;
}
