/*
 * smi_run.c - the SMI runtime: receive framing per meter type, value
 * extraction with Tasmota's semantics, request building and scheduling.
 *
 * Section numbers refer to tasmota-smi.md; "review" to tasmota-smi-review.md.
 */
#include <string.h>

#include "meterd/crc.h"
#include "meterd/cursor.h"
#include "meterd/smi.h"
#include "smi_int.h"

/* Silence after which a sliding window's undecoded tail is decoded. */
#define SMI_FLUSH_MS 200u

#define KMP_START_REPLY   0x40
#define KMP_START_REQUEST 0x80
#define KMP_STOP          0x0D
#define KMP_ESC           0x1B
#define EBUS_SYNC         0xAA
#define EBUS_ESC          0xA9

/* ------------------------------------------------------------------ */
/* Requests (6.2)                                                      */

static bool
kmp_needs_escape(uint8_t b)
{
	return b == 0x80 || b == 0x40 || b == 0x0D || b == 0x06 || b == 0x1B;
}

static uint8_t
even_parity_bit7(uint8_t b)
{
	uint8_t x = b & 0x7F, p = 0;

	while (x) {
		p ^= x & 1;
		x >>= 1;
	}
	return (uint8_t)((b & 0x7F) | (p << 7));
}

size_t
smi_request_build(const struct smi_script *s, unsigned m, unsigned c, uint8_t *out, size_t cap)
{
	const struct smi_meter_def *md;
	const struct smi_cmd *cmd;
	const uint8_t *b;
	uint8_t tmp[SMI_CMD_BYTES + 4];
	size_t n, i, o = 0;

	if (m >= s->n_meters || c >= s->meters[m].cmd_count)
		return 0;
	md = &s->meters[m];
	cmd = &s->cmds[md->cmd_first + c];
	b = (const uint8_t *)s->pool + cmd->off;
	n = cmd->len;
	memcpy(tmp, b, n);

	switch (md->type) {
	case 'm':
	case 'M':
		/* Without 'r' Tasmota reads two registers: 00 02 is appended. */
		if (!cmd->raw) {
			tmp[n++] = 0x00;
			tmp[n++] = 0x02;
		}
		if (md->tcp) {
			/* MBAP: transaction id, protocol 0, length (unit + PDU). The
			 * length is the real one (Tasmota always writes 6, Q25; the
			 * same for read requests). */
			if (cap < n + 6 || n < 2)
				return 0;
			out[0] = (uint8_t)((c + 1) >> 8);
			out[1] = (uint8_t)(c + 1);
			out[2] = 0;
			out[3] = 0;
			out[4] = (uint8_t)(n >> 8);
			out[5] = (uint8_t)n;
			memcpy(out + 6, tmp, n);
			return n + 6;
		} else {
			uint16_t crc = crc16_modbus(tmp, n);
			tmp[n++] = (uint8_t)crc;
			tmp[n++] = (uint8_t)(crc >> 8);
		}
		break;
	case 'k': {
		/* KMP: CRC-CCITT (XMODEM) high byte first, byte stuffing, 0x80 ... 0x0D. */
		uint16_t crc = crc16_xmodem(CRC16_XMODEM_INIT, tmp, n);
		tmp[n++] = (uint8_t)(crc >> 8);
		tmp[n++] = (uint8_t)crc;
		if (cap < 2)
			return 0;
		out[o++] = KMP_START_REQUEST;
		for (i = 0; i < n; i++) {
			if (kmp_needs_escape(tmp[i])) {
				if (o + 2 > cap)
					return 0;
				out[o++] = KMP_ESC;
				out[o++] = (uint8_t)(tmp[i] ^ 0xFF);
			} else {
				if (o + 1 > cap)
					return 0;
				out[o++] = tmp[i];
			}
		}
		if (o + 1 > cap)
			return 0;
		out[o++] = KMP_STOP;
		return o;
	}
	case 'o':
		if (!(md->so2 & SMI_SO2_NO_PARITY))
			for (i = 0; i < n; i++)
				tmp[i] = even_parity_bit7(tmp[i]);
		break;
	case 'p': {
		/* PZEM v1: command, address C0 A8 01 01, data 00, sum. */
		static const uint8_t addr[] = {0xC0, 0xA8, 0x01, 0x01, 0x00};
		uint8_t sum = 0;
		if (n > 1)
			n = 1;
		memcpy(tmp + n, addr, sizeof(addr));
		n += sizeof(addr);
		for (i = 0; i < n; i++)
			sum = (uint8_t)(sum + tmp[i]);
		tmp[n++] = sum;
		break;
	}
	default:
		break;
	}
	if (n > cap)
		return 0;
	memcpy(out, tmp, n);
	return n;
}

/* ------------------------------------------------------------------ */
/* Runtime setup and value access                                      */

/* The AES a new runtime starts with (smi_aes_default); NULL: =so4 frames are dropped. */
static const struct aes128_ops *default_aes;

void
smi_aes_default(const struct aes128_ops *aes)
{
	default_aes = aes;
}

void
smi_rt_set_aes(struct smi_rt *rt, const struct aes128_ops *aes)
{
	rt->aes = aes;
}

void
smi_rt_init(struct smi_rt *rt, const struct smi_script *s, uint64_t now_ms)
{
	unsigned i;

	memset(rt, 0, sizeof(*rt));
	rt->s = s;
	rt->aes = default_aes;
	for (i = 0; i < s->n_meters; i++) {
		const struct smi_meter_def *md = &s->meters[i];
		struct smi_meter_rt *mr = &rt->m[i];
		unsigned w = md->bufsize ? md->bufsize : SMI_WINDOW_DEFAULT;
		mr->window = (uint16_t)(w < SMI_WINDOW_DEFAULT ? SMI_WINDOW_DEFAULT : w);
		mr->next_tx = now_ms + (md->period ? md->period : 1) * 100u;
		mr->last_rx = now_ms;
	}
	for (i = 0; i < s->n_lines; i++)
		rt->slot[i].d_time = now_ms;
}

void
smi_rt_clear_updated(struct smi_rt *rt)
{
	unsigned i;

	for (i = 0; i < SMI_LINES_MAX; i++)
		rt->slot[i].updated = false;
}

bool
smi_value_get(const struct smi_rt *rt, unsigned i, struct smi_value *v)
{
	const struct smi_script *s = rt->s;
	const struct smi_line *ln;
	const struct smi_slot *sl;

	if (i >= s->n_lines || s->lines[i].kind == SMI_LINE_HTML)
		return false;
	ln = &s->lines[i];
	sl = &rt->slot[i];
	memset(v, 0, sizeof(*v));
	v->line = (uint16_t)i;
	v->entry = ln->entry;
	v->meter = ln->meter;
	v->prefix = s->meters[ln->meter].prefix;
	v->label = s->pool + ln->label;
	v->unit = s->pool + ln->unit;
	v->json = s->pool + ln->json;
	v->decimals = ln->decimals;
	v->immediate = ln->immediate;
	v->value = sl->value;
	v->valid = sl->valid;
	v->updated = sl->updated;
	if (ln->decode == SMI_DEC_STRING || ln->decode == SMI_DEC_BRSTR) {
		v->is_string = true;
		v->text = rt->m[ln->meter].str;
	} else if (ln->decode == SMI_DEC_HEXSTR) {
		/* @#x: the hex meter id shown as the characters it encodes. */
		const char *h = rt->m[ln->meter].str;
		size_t k = 0;
		while (h[0] && h[1] && k + 1 < sizeof(v->text_buf)) {
			int hi = hex_value(h[0]), lo = hex_value(h[1]);
			char ch = (char)((hi < 0 ? 0 : hi) << 4 | (lo < 0 ? 0 : lo));
			v->text_buf[k++] = (ch >= 0x20 && ch < 0x7F) ? ch : '.';
			h += 2;
		}
		v->text_buf[k] = '\0';
		v->is_string = true;
		v->text = v->text_buf;
	}
	return true;
}

/* ------------------------------------------------------------------ */
/* Storing a value (4.4 steps 4-6)                                     */

static double
median5(struct smi_slot *sl, double raw)
{
	double t[5], x;
	unsigned i, j;

	sl->mf[sl->mf_pos] = raw;
	sl->mf_pos = (uint8_t)((sl->mf_pos + 1) % 5);
	memcpy(t, sl->mf, sizeof(t));
	for (i = 1; i < 5; i++)
		for (j = i; j > 0 && t[j - 1] > t[j]; j--) {
			x = t[j];
			t[j] = t[j - 1];
			t[j - 1] = x;
		}
	return t[2];
}

static void
store(struct smi_rt *rt, unsigned li, double raw, bool filter)
{
	const struct smi_line *ln = &rt->s->lines[li];
	struct smi_slot *sl = &rt->slot[li];

	if (filter && (rt->s->meters[ln->meter].flags & SMI_FLAG_MEDIAN))
		raw = median5(sl, raw);
	sl->value = (raw + ln->offset) / ln->div;
	sl->valid = true;
	sl->updated = true;
}

static void
set_str(struct smi_meter_rt *mr, const char *p, size_t n)
{
	if (n > SMI_STR_MAX - 1)
		n = SMI_STR_MAX - 1;
	memcpy(mr->str, p, n);
	mr->str[n] = '\0';
}

/* ------------------------------------------------------------------ */
/* Text meters: o, c (4.1)                                             */

static const uint8_t *
find_byte(const uint8_t *p, const uint8_t *end, uint8_t b)
{
	const void *r = memchr(p, b, (size_t)(end - p));
	return r ? r : NULL;
}

static bool
decode_text(struct smi_rt *rt, unsigned m, unsigned li, const uint8_t *b, size_t len)
{
	const struct smi_script *s = rt->s;
	const struct smi_line *ln = &s->lines[li];
	const uint8_t *cp, *end = b + len;
	struct smi_meter_rt *mr = &rt->m[m];
	unsigned k;

	if (len < ln->match_len || memcmp(b, s->pool + ln->match, ln->match_len) != 0)
		return false;
	cp = b + ln->match_len;
	if (ln->decode == SMI_DEC_BRACKET || ln->decode == SMI_DEC_BRSTR) {
		const uint8_t *lcp = cp, *bp = cp;
		for (k = 0; k < ln->skip; k++) {
			bp = find_byte(bp, end, '(');
			if (!bp)
				break;
			lcp = ++bp;
		}
		cp = lcp;
	} else if (ln->decode == SMI_DEC_FIELD) {
		for (k = 0; k < ln->skip; k++) {
			const uint8_t *q = find_byte(cp, end, (uint8_t)ln->delim);
			if (!q)
				return false;
			cp = q + 1;
		}
	}
	if (ln->decode == SMI_DEC_STRING || ln->decode == SMI_DEC_BRSTR) {
		size_t n = 0;
		/* Tasmota copies up to 22 characters before the terminator. */
		while (cp + n < end && n < SMI_STR_MAX - 2 && cp[n] != (uint8_t)ln->delim &&
		       cp[n] != '\r' && cp[n] != '\n')
			n++;
		set_str(mr, (const char *)cp, n);
		rt->slot[li].valid = true;
		rt->slot[li].updated = true;
		return true;
	}
	store(rt, li, smi_atof((const char *)cp, (const char *)end, NULL, NULL), true);
	return true;
}

/* ------------------------------------------------------------------ */
/* SML list entries (4.2, review 4)                                    */

/* Tasmota's skip_sml: a list skips its elements by their TL lengths. */
static void
sml_skip(struct cursor *c, int *scaler)
{
	uint8_t tl = cursor_u8(c), n = tl & 0x0F;

	if ((tl & 0x70) == 0x70) {
		while (n-- && !c->err) {
			uint8_t e = c->pos < c->len ? c->p[c->pos] : 0;
			cursor_take(c, (e & 0x0F) ? (e & 0x0F) : 1);
		}
		*scaler = 0;
	} else {
		/* The byte after any TL is read as the scaler, whatever its type. */
		*scaler = c->pos < c->len ? (int8_t)c->p[c->pos] : 0;
		if (n > 1)
			cursor_take(c, n - 1);
	}
}

/*
 * The value of the list entry whose name ends at `pos`. Returns false when
 * the entry does not fit the bytes at hand. A string value goes to the
 * meter's text and gives 0.
 */
static bool
sml_value(struct smi_rt *rt, unsigned m, const uint8_t *b, size_t len, size_t pos, double *out)
{
	const struct smi_meter_def *md = &rt->s->meters[m];
	struct smi_meter_rt *mr = &rt->m[m];
	struct cursor c;
	uint32_t ocode = 0;
	int scaler = 0, dummy;
	uint8_t tl, type, n;
	double v;

	cursor_init(&c, b, len);
	c.pos = pos;
	if (pos >= 5)
		ocode = (uint32_t)b[pos - 5] << 24 | (uint32_t)b[pos - 4] << 16 |
		        (uint32_t)b[pos - 3] << 8 | b[pos - 2];
	if (md->so1 && ocode == md->so1_obis1 && pos < len) {
		/* =so1: export flag from the status word (DTZ541, ED300L, AS2020). */
		uint8_t f = b[pos];
		mr->sign &= (uint8_t)~1u;
		if (f == md->so1_fcode1 || f == md->so1_fcode2) {
			unsigned k, nb = (f & 0x0F) ? (f & 0x0F) - 1u : 0;
			uint32_t flag = 0;
			for (k = 0; k < nb && pos + 1 + k < len; k++)
				flag = flag << 8 | b[pos + 1 + k];
			/* Q6: both status codes are tested with the first bit position. */
			if (flag & ((uint32_t)1 << md->so1_bit1))
				mr->sign |= 1;
		}
	}
	sml_skip(&c, &dummy); /* status */
	sml_skip(&c, &dummy); /* valTime */
	sml_skip(&c, &dummy); /* unit */
	sml_skip(&c, &scaler);
	tl = cursor_u8(&c);
	if (c.err)
		return false;
	type = tl & 0x70;
	n = tl & 0x0F;
	if (type == 0x50 || type == 0x60) {
		uint64_t u;
		if (n < 2 || n > 9)
			return false;
		u = cursor_be_uint(&c, n - 1u);
		if (c.err)
			return false;
		if (type == 0x60) {
			v = (double)(int64_t)u; /* Tasmota keeps unsigned values in int64 */
		} else if (n - 1 == 2 && (md->so2 & SMI_SO2_DWS74) && scaler == -2) {
			v = (double)u; /* DWS74 fix: 16-bit with scaler -2 is unsigned */
		} else {
			/* Tasmota does not sign-extend 5..7-byte values (review 4);
			 * meterd does: the author's meter sends a negative number. */
			v = (double)sign_extend(u, n - 1u);
		}
	} else if (type == 0x00) {
		/* Octet string: the meter id, hex; 9 bytes (Hager) as "a-b". */
		const uint8_t *p;
		char txt[SMI_STR_MAX];
		size_t k, o = 0;
		if (n < 1 || (p = cursor_take(&c, n - 1u)) == NULL)
			return false;
		if (n == 9) {
			uint32_t s1 = (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
			uint32_t s2 = (uint32_t)p[5] << 16 | (uint32_t)p[6] << 8 | p[7];
			char d1[12], d2[12];
			size_t l1 = 0, l2 = 0;
			do {
				d1[l1++] = (char)('0' + s1 % 10);
				s1 /= 10;
			} while (s1);
			do {
				d2[l2++] = (char)('0' + s2 % 10);
				s2 /= 10;
			} while (s2);
			while (l1)
				txt[o++] = d1[--l1];
			txt[o++] = '-';
			while (l2)
				txt[o++] = d2[--l2];
		} else {
			static const char hx[] = "0123456789abcdef";
			/* Q35: Tasmota's buffer holds 11 bytes as hex; meterd truncates. */
			for (k = 0; k + 1 < n && o + 2 < SMI_STR_MAX; k++) {
				txt[o++] = hx[p[k] >> 4];
				txt[o++] = hx[p[k] & 15];
			}
		}
		set_str(mr, txt, o);
		v = 0;
	} else {
		v = 999999;
		scaler = 0;
	}
	/* Q5: only scalers -4..+3 are applied. */
	switch (scaler) {
	case -1:
		v /= 10;
		break;
	case -2:
		v /= 100;
		break;
	case -3:
		v /= 1000;
		break;
	case -4:
		v /= 10000;
		break;
	case 1:
		v *= 10;
		break;
	case 2:
		v *= 100;
		break;
	case 3:
		v *= 1000;
		break;
	default:
		break;
	}
	if (md->so1 && ocode == md->so1_obis2 && (mr->sign & 1))
		v = -v;
	*out = v;
	return true;
}

static bool
decode_sml(struct smi_rt *rt, unsigned m, unsigned li, const uint8_t *b, size_t len)
{
	const struct smi_script *s = rt->s;
	const struct smi_line *ln = &s->lines[li];
	double v;

	if (len < ln->match_len || memcmp(b, s->pool + ln->match, ln->match_len) != 0)
		return false;
	if (!sml_value(rt, m, b, len, ln->match_len, &v))
		return false;
	if (ln->decode != SMI_DEC_NUMBER) {
		rt->slot[li].valid = true;
		rt->slot[li].updated = true;
		return true;
	}
	store(rt, li, v, true);
	return true;
}

/* ------------------------------------------------------------------ */
/* Pattern meters: e v m M k r R p C (4.3)                             */

static uint32_t
vbus_septet(const uint8_t *cp, bool *ok)
{
	uint8_t crc = 0x7F;
	unsigned i;

	for (i = 0; i < 5; i++)
		crc = (uint8_t)((crc - cp[i]) & 0x7F);
	*ok = crc == cp[5];
	if (!*ok)
		return 0; /* Tasmota: a bad septet reads as 0 */
	return (uint32_t)(cp[3] | ((cp[4] & 8) << 4)) << 24 |
	       (uint32_t)(cp[2] | ((cp[4] & 4) << 5)) << 16 |
	       (uint32_t)(cp[1] | ((cp[4] & 2) << 6)) << 8 | (uint32_t)(cp[0] | ((cp[4] & 1) << 7));
}

static float
float_be(uint32_t u)
{
	float f;

	memcpy(&f, &u, sizeof(f));
	return f;
}

static bool
numeric(const struct smi_tok *t, const uint8_t *cp, double *ebus, double *mbus)
{
	/* the caller guarantees smi_num_size(fmt) bytes at cp, no more */
	uint32_t w = smi_num_size(t->fmt) >= 4 ? (uint32_t)cp[0] << 24 | (uint32_t)cp[1] << 16 |
	                                             (uint32_t)cp[2] << 8 | cp[3]
	                                       : 0;
	double v;

	switch (t->fmt) {
	case SMI_NUM_U64:
	case SMI_NUM_u64: {
		uint64_t u = 0;
		unsigned i;
		if (t->fmt == SMI_NUM_U64) {
			for (i = 0; i < 8; i++)
				u = u << 8 | cp[i];
		} else {
			/* bytes swapped inside each 16-bit word */
			for (i = 0; i < 8; i += 2)
				u = u << 16 | (uint64_t)cp[i + 1] << 8 | cp[i];
		}
		v = (double)u;
		break;
	}
	case SMI_NUM_U32:
	case SMI_NUM_S32:
	case SMI_NUM_u32:
	case SMI_NUM_s32: {
		uint32_t u = w;
		if (t->fmt == SMI_NUM_u32 || t->fmt == SMI_NUM_s32)
			u = (uint32_t)cp[1] << 24 | (uint32_t)cp[0] << 16 | (uint32_t)cp[3] << 8 |
			    cp[2];
		if (t->swap)
			u = u >> 16 | u << 16;
		v = (t->fmt == SMI_NUM_S32 || t->fmt == SMI_NUM_s32) ? (double)(int32_t)u
		                                                     : (double)u;
		break;
	}
	case SMI_NUM_UUuu:
		v = (double)(cp[0] << 8 | cp[1]);
		break;
	case SMI_NUM_uuUU:
		v = (double)(cp[1] << 8 | cp[0]);
		break;
	case SMI_NUM_uu:
		v = cp[0];
		break;
	case SMI_NUM_ssSS:
		v = (double)(int16_t)(cp[1] << 8 | cp[0]);
		break;
	case SMI_NUM_SSss:
		v = (double)(int16_t)(cp[0] << 8 | cp[1]);
		break;
	case SMI_NUM_ss:
		v = (double)(int8_t)cp[0];
		break;
	case SMI_NUM_ffffffff:
		v = float_be(w);
		break;
	case SMI_NUM_FFFFFFFF:
		/* Tasmota's variant shifts neither byte 0 nor byte 1 (Q21). */
		v = float_be((uint32_t)cp[0] | cp[1] | (uint32_t)cp[2] << 8 | (uint32_t)cp[3]);
		break;
	case SMI_NUM_FFffFFff:
		v = float_be((uint32_t)cp[2] << 24 | (uint32_t)cp[3] << 16 | (uint32_t)cp[0] << 8 |
		             cp[1]);
		break;
	case SMI_NUM_eeeeee:
		*mbus = (double)((uint32_t)cp[0] << 16 | (uint32_t)cp[1] << 8 | cp[2]);
		return true;
	case SMI_NUM_vvvvvv:
		*mbus = (float)(cp[0] << 8 | cp[1]) + (float)((float)cp[2] / 10.0);
		return true;
	case SMI_NUM_cccccc:
		*mbus = (float)(cp[0] << 8 | cp[1]) + (float)((float)cp[2] / 100.0);
		return true;
	case SMI_NUM_pppp:
		*mbus = (float)(cp[0] << 8 | cp[1]);
		return true;
	default:
		return false;
	}
	*ebus = v;
	*mbus = v;
	return true;
}

/* DLMS data after a pm() search: the type byte and its value (4.3, 4.7.4). */
static bool
dlms_value(struct smi_meter_rt *mr, const uint8_t *cp, const uint8_t *end, double *v)
{
	struct cursor c;
	uint8_t t;

	cursor_init(&c, cp, (size_t)(end - cp));
	t = cursor_u8(&c);
	switch (t) {
	case 0x06:
		*v = (double)cursor_be32(&c);
		break;
	case 0x05:
		*v = (double)(int32_t)cursor_be32(&c);
		break;
	case 0x12:
		*v = cursor_be16(&c);
		break;
	case 0x10:
		*v = (int16_t)cursor_be16(&c);
		break;
	case 0x11:
		*v = cursor_u8(&c);
		break;
	case 0x0F:
		*v = (int8_t)cursor_u8(&c);
		break;
	case 0x14:
		*v = (double)(int64_t)cursor_be_uint(&c, 8);
		break;
	case 0x15:
		*v = (double)cursor_be_uint(&c, 8);
		break;
	case 0x09:
	case 0x0A: {
		uint8_t n = cursor_u8(&c);
		const uint8_t *p = cursor_take(&c, n);
		if (p)
			set_str(mr, (const char *)p, n);
		*v = 0;
		break;
	}
	default:
		return false;
	}
	return !c.err;
}

static bool
modbus_crc_ok(const uint8_t *b, size_t len)
{
	size_t pos;
	uint16_t crc;

	if (len < 3)
		return false;
	pos = (size_t)b[2] + 3;
	if (pos + 2 > len)
		return false;
	crc = crc16_modbus(b, pos);
	return b[pos] == (uint8_t)crc && b[pos + 1] == (uint8_t)(crc >> 8);
}

static bool
decode_pattern(struct smi_rt *rt, unsigned m, unsigned li, const uint8_t *b, size_t len)
{
	const struct smi_script *s = rt->s;
	const struct smi_meter_def *md = &s->meters[m];
	const struct smi_line *ln = &s->lines[li];
	struct smi_meter_rt *mr = &rt->m[m];
	const char *p = s->pool + ln->match, *pe = p + ln->match_len;
	const uint8_t *cp = b, *end = b + len;
	double ebus = 99, mbus = 99, dval;
	bool have_str = false;

	while (p < pe) {
		struct smi_tok t;
		size_t left = (size_t)(end - cp);

		smi_tok_next(p, pe, &t);
		p += t.len;
		switch (t.kind) {
		case SMI_TOK_BYTE:
			if (left < 1 || *cp != t.n)
				return false;
			cp++;
			break;
		case SMI_TOK_SKIP:
			if (left < t.n)
				return false;
			cp += t.n;
			break;
		case SMI_TOK_NUM:
			if (left < smi_num_size(t.fmt) || !numeric(&t, cp, &ebus, &mbus))
				return false;
			cp += smi_num_size(t.fmt);
			break;
		case SMI_TOK_KSTR: {
			/* unit, length L, sign/exponent, L mantissa bytes (Q4, review 3). */
			uint32_t x = 0;
			unsigned i, e;
			float f = 1;
			if (left < 3 || left < 3u + cp[1])
				return false;
			for (i = 0; i < cp[1]; i++)
				x = x << 8 | cp[i + 3];
			e = cp[2] & 0x3F;
			/* a negative exponent (bit 6) is ignored: factor 1 */
			if (!(cp[2] & 0x40))
				for (i = 0; i < e; i++)
					f *= 10;
			if (cp[2] & 0x80)
				f = -f;
			mbus = (double)((float)x * f);
			break;
		}
		case SMI_TOK_BCD: {
			uint64_t v = 0, fac = 1;
			unsigned i;
			if (left < (t.n + 1u) / 2)
				return false;
			for (i = 0; i < t.n; i += 2) {
				v += (uint64_t)(*cp & 15) * fac;
				fac *= 10;
				v += (uint64_t)(*cp >> 4) * fac;
				fac *= 10;
				cp++;
			}
			ebus = mbus = (double)v;
			break;
		}
		case SMI_TOK_PM: {
			size_t i;
			const uint8_t *hit = NULL;
			/* The search covers the whole buffer. */
			for (i = 0; t.pm_len <= len && i + t.pm_len <= len; i++)
				if (memcmp(b + i, t.pm, t.pm_len) == 0) {
					hit = b + i;
					break;
				}
			if (!hit)
				return false;
			cp = hit + t.pm_len;
			if (t.pm_mode == 'a') {
				if (!dlms_value(mr, cp, end, &dval))
					return false;
				ebus = mbus = dval;
				cp = end;
			}
			break;
		}
		case SMI_TOK_VBUS: {
			uint32_t v;
			bool ok;
			if (t.v_off >= 0) {
				if (left < (size_t)(t.v_off / 4) * 6u)
					return false;
				cp += (t.v_off / 4) * 6;
			}
			if ((size_t)(end - cp) < 6)
				return false;
			v = vbus_septet(cp, &ok);
			switch (t.v_kind) {
			case 'l':
				ebus = t.v_signed ? (double)(int32_t)v : (double)v;
				break;
			case 'w': {
				uint16_t w = (uint16_t)(t.v_sel == 'h' ? v >> 16 : v);
				ebus = t.v_signed ? (double)(int16_t)w : (double)w;
				break;
			}
			case 'b': {
				uint8_t by = (uint8_t)(v >> (8 * (t.v_sel - '0')));
				ebus = t.v_signed ? (double)(int8_t)by : (double)by;
				break;
			}
			case 't': {
				uint16_t tm =
				    (uint16_t)((t.v_off < 0 || t.v_off % 4) ? v >> 16 : v);
				char txt[6];
				unsigned hh = (tm / 60u) % 100u, mm = tm % 60u;
				txt[0] = (char)('0' + hh / 10);
				txt[1] = (char)('0' + hh % 10);
				txt[2] = ':';
				txt[3] = (char)('0' + mm / 10);
				txt[4] = (char)('0' + mm % 10);
				set_str(mr, txt, 5);
				have_str = true;
				break;
			}
			default:
				break;
			}
			cp += 6;
			break;
		}
		default:
			return false;
		}
	}

	if (ln->decode != SMI_DEC_NUMBER) {
		if (md->type == 'k') {
			/* @# on KMP: the YYMMDD register as DD.MM.YY. */
			uint32_t date = mbus >= 0 && mbus < 1e9 ? (uint32_t)mbus : 0;
			unsigned yy = (date / 10000) % 100, mo = (date / 100) % 100,
			         dd = date % 100;
			char txt[9] = {(char)('0' + dd / 10), (char)('0' + dd % 10), '.',
			               (char)('0' + mo / 10), (char)('0' + mo % 10), '.',
			               (char)('0' + yy / 10), (char)('0' + yy % 10), 0};
			set_str(mr, txt, 8);
		} else if (!have_str && md->type != 'v') {
			double dummy;
			(void)sml_value(rt, m, b, len, (size_t)(cp - b), &dummy);
		}
		rt->slot[li].valid = true;
		rt->slot[li].updated = true;
		return true;
	}
	if (ln->bit >= 0) {
		ebus = (double)(((uint32_t)ebus >> ln->bit) & 1u);
		mbus = ebus;
	}
	if (ln->index >= 0) {
		if ((unsigned)ln->index != mr->index)
			return false;
		/* Modbus RTU replies are CRC-checked for @i lines; KMP was
		 * checked at framing, TCP has no CRC. */
		if ((md->type == 'm' || md->type == 'M') && !md->tcp && !modbus_crc_ok(b, len))
			return false;
		dval = mbus;
	} else if (md->type == 'p') {
		uint8_t sum = 0;
		unsigned i;
		if (len < 7)
			return false;
		for (i = 0; i < 6; i++)
			sum = (uint8_t)(sum + b[i]);
		if (sum != b[6])
			return false;
		dval = mbus;
	} else if (md->type == 'k') {
		dval = ebus; /* Q27: a KMP line without @i gives 99 */
	} else {
		dval = ebus;
	}
	store(rt, li, dval, true);
	return true;
}

/* ------------------------------------------------------------------ */
/* =m and =d (3.1, 3.2)                                                */

static int
line_of_entry(const struct smi_script *s, long entry)
{
	unsigned i;

	/* Tasmota replaces an out-of-range entry with 1. */
	if (entry < 1 || entry > s->n_entries)
		entry = 1;
	for (i = 0; i < s->n_lines; i++)
		if (s->lines[i].entry == entry)
			return (int)i;
	return -1;
}

static unsigned
eval_math(struct smi_rt *rt, unsigned m, uint64_t now_ms)
{
	const struct smi_script *s = rt->s;
	unsigned i, k, n = 0;

	for (i = 0; i < s->n_lines; i++) {
		const struct smi_line *ln = &s->lines[i];
		struct smi_slot *sl = &rt->slot[i];
		if (ln->meter != m)
			continue;
		if (ln->kind == SMI_LINE_MATH) {
			double acc = 0;
			bool valid = true;
			for (k = 0; k < ln->n_terms; k++) {
				const struct smi_math_term *t = &s->terms[ln->terms + k];
				double x;
				if (t->constant) {
					x = t->value;
				} else {
					int li = line_of_entry(s, t->value);
					if (li < 0)
						return n;
					x = rt->slot[li].value;
					valid = valid && rt->slot[li].valid;
				}
				switch (t->op) {
				case '+':
					acc += x;
					break;
				case '-':
					acc -= x;
					break;
				case '*':
					acc *= x;
					break;
				case '/':
					acc /= x;
					break;
				default:
					acc = x;
					break;
				}
			}
			/* No spurious values: =m is valid once all its operands are. */
			if (valid) {
				sl->value = acc / ln->div;
				sl->valid = true;
				sl->updated = true;
				n++;
			}
		} else if (ln->kind == SMI_LINE_DIFF) {
			int li = line_of_entry(s, ln->d_entry);
			uint64_t dt = now_ms - sl->d_time;
			if (li < 0 || !rt->slot[li].valid || dt <= (uint64_t)ln->d_secs * 1000u ||
			    dt == 0)
				continue;
			{
				double now_v = rt->slot[li].value;
				/* hourly rate x 1000 (kWh -> W), as Tasmota computes it */
				double res =
				    360000.0 * (now_v - sl->d_ref) / ((double)dt / 10000.0);
				sl->d_time = now_ms;
				sl->d_ref = now_v;
				if (sl->d_count < 2)
					sl->d_count++;
				if (sl->d_count >= 2) {
					if (s->meters[m].flags & SMI_FLAG_MEDIAN)
						res = median5(sl, res);
					sl->value = res / ln->div;
					sl->valid = true;
					sl->updated = true;
					n++;
				}
			}
		}
	}
	return n;
}

/* ------------------------------------------------------------------ */
/* Decoding one frame / window                                         */

static unsigned
decode(struct smi_rt *rt, unsigned m, const uint8_t *b, size_t len, uint64_t now_ms)
{
	const struct smi_script *s = rt->s;
	char type = s->meters[m].type;
	unsigned i, n = 0;

	for (i = 0; i < s->n_lines; i++) {
		const struct smi_line *ln = &s->lines[i];
		bool hit;
		if (ln->meter != m || ln->kind != SMI_LINE_VALUE)
			continue;
		if (type == 'o' || type == 'c')
			hit = decode_text(rt, m, i, b, len);
		else if (type == 's')
			hit = decode_sml(rt, m, i, b, len);
		else
			hit = decode_pattern(rt, m, i, b, len);
		n += hit;
	}
	if (n)
		n += eval_math(rt, m, now_ms);
	return n;
}

/* Sliding windows (o shift mode, s, r, c): a start is decoded once W-1 bytes follow it. */
static bool
window_start_ok(const struct smi_meter_def *md, uint8_t first)
{
	if (md->type == 's' && !(md->flags & SMI_FLAG_NO_77))
		return first == 0x77;
	return true;
}

static unsigned
window_push(struct smi_rt *rt, unsigned m, uint8_t byte, uint64_t now_ms)
{
	const struct smi_meter_def *md = &rt->s->meters[m];
	struct smi_meter_rt *mr = &rt->m[m];
	unsigned n = 0;

	mr->buf[mr->fill++] = byte;
	mr->pending = true;
	if (mr->fill == mr->window) {
		if (window_start_ok(md, mr->buf[0]))
			n = decode(rt, m, mr->buf, mr->fill, now_ms);
		memmove(mr->buf, mr->buf + 1, --mr->fill);
	}
	return n;
}

static unsigned
window_flush(struct smi_rt *rt, unsigned m, uint64_t now_ms)
{
	const struct smi_meter_def *md = &rt->s->meters[m];
	struct smi_meter_rt *mr = &rt->m[m];
	unsigned n = 0, i;

	for (i = 0; i < mr->fill; i++)
		if (window_start_ok(md, mr->buf[i]))
			n += decode(rt, m, mr->buf + i, mr->fill - i, now_ms);
	mr->fill = 0;
	mr->pending = false;
	return n;
}

static unsigned
frame_done(struct smi_rt *rt, unsigned m, const uint8_t *b, size_t len, uint64_t now_ms)
{
	rt->m[m].frames++;
	return decode(rt, m, b, len, now_ms);
}

/* KMP (5: 0x40 ... 0x0D, unstuffed, CRC over all bytes is 0). */
static unsigned
kmp_push(struct smi_rt *rt, unsigned m, uint8_t byte, uint64_t now_ms)
{
	struct smi_meter_rt *mr = &rt->m[m];
	size_t i, o = 0;

	if (byte == KMP_START_REPLY || byte == KMP_START_REQUEST) {
		/* 0x80 starts a request: our own, echoed by the optical head. */
		mr->fill = 0;
		mr->pending = byte == KMP_START_REPLY;
		return 0;
	}
	if (byte != KMP_STOP) {
		if (!mr->pending)
			return 0;
		if (mr->fill == SMI_RX_MAX) {
			mr->drops++;
			mr->pending = false;
			mr->fill = 0;
			return 0;
		}
		mr->buf[mr->fill++] = byte;
		return 0;
	}
	if (!mr->pending)
		return 0;
	mr->pending = false;
	for (i = 0; i < mr->fill; i++) {
		if (mr->buf[i] == KMP_ESC && i + 1 < mr->fill)
			mr->buf[o++] = (uint8_t)(mr->buf[++i] ^ 0xFF);
		else
			mr->buf[o++] = mr->buf[i];
	}
	mr->fill = 0;
	if (o < 3 || crc16_xmodem(CRC16_XMODEM_INIT, mr->buf, o) != 0) {
		mr->drops++;
		return 0;
	}
	return frame_done(rt, m, mr->buf, o, now_ms);
}

/* Modbus RTU by byte count, TCP by MBAP length. */
static unsigned
modbus_push(struct smi_rt *rt, unsigned m, uint8_t byte, uint64_t now_ms)
{
	const struct smi_meter_def *md = &rt->s->meters[m];
	struct smi_meter_rt *mr = &rt->m[m];
	size_t want;

	if (mr->fill == SMI_RX_MAX) {
		mr->drops++;
		mr->fill = 0;
	}
	mr->buf[mr->fill++] = byte;
	if (md->tcp) {
		if (mr->fill < 6)
			return 0;
		want = 6u + ((size_t)mr->buf[4] << 8 | mr->buf[5]);
		if (want > SMI_RX_MAX || want < 8) {
			mr->drops++;
			mr->fill = 0;
			return 0;
		}
		if (mr->fill < want)
			return 0;
		mr->fill = 0;
		return frame_done(rt, m, mr->buf + 6, want - 6, now_ms);
	}
	if (mr->fill < 3)
		return 0;
	/* An exception reply (function | 0x80) is 5 bytes; Tasmota mis-frames it (Q12). */
	want = (mr->buf[1] & 0x80) ? 5u : (size_t)mr->buf[2] + 5u;
	if (mr->fill < want)
		return 0;
	mr->fill = 0;
	if (mr->buf[1] & 0x80) {
		mr->drops++;
		return 0;
	}
	/*
	 * A reply with a wrong CRC is a bad frame for the meter's health; its
	 * @i lines refuse it by themselves (decode), the others read it as
	 * Tasmota does.
	 */
	if (!modbus_crc_ok(mr->buf, want)) {
		mr->drops++;
		return decode(rt, m, mr->buf, want, now_ms);
	}
	return frame_done(rt, m, mr->buf, want, now_ms);
}

static uint8_t
ebus_crc8(const uint8_t *p, size_t n)
{
	uint8_t crc = 0;
	size_t i;
	unsigned k;

	for (i = 0; i < n; i++) {
		uint8_t d = p[i];
		for (k = 0; k < 8; k++) {
			uint8_t poly = (crc & 0x80) ? 0x9B : 0;
			crc = (uint8_t)((crc & 0x7F) << 1);
			if (d & 0x80)
				crc |= 1;
			crc ^= poly;
			d = (uint8_t)(d << 1);
		}
	}
	return crc;
}

/* eBus (5): telegram QQ ZZ PB SB NN data CRC between 0xAA syncs. */
static unsigned
ebus_push(struct smi_rt *rt, unsigned m, uint8_t byte, uint64_t now_ms)
{
	struct smi_meter_rt *mr = &rt->m[m];
	size_t tlen, i, esc = 0, o = 0;

	if (byte != EBUS_SYNC) {
		if (mr->fill < SMI_RX_MAX)
			mr->buf[mr->fill++] = byte;
		return 0;
	}
	if (mr->fill <= 9) {
		mr->fill = 0;
		return 0;
	}
	tlen = (size_t)mr->buf[4] + 5;
	for (i = 0; i < tlen + esc && i < mr->fill; i++)
		esc += mr->buf[i] == EBUS_ESC;
	tlen += esc;
	if (tlen >= mr->fill || ebus_crc8(mr->buf, tlen) != mr->buf[tlen]) {
		mr->drops++;
		mr->fill = 0;
		return 0;
	}
	for (i = 0; i < tlen; i++) {
		if (mr->buf[i] == EBUS_ESC && i + 1 < tlen)
			mr->buf[o++] = (uint8_t)(mr->buf[++i] ? EBUS_SYNC : EBUS_ESC);
		else
			mr->buf[o++] = mr->buf[i];
	}
	mr->fill = 0;
	return frame_done(rt, m, mr->buf, o, now_ms);
}

/* A decrypted APDU: value lines match at any position (the data-notification
 * header before the structure varies by meter), pm() lines search it once. */
static unsigned
decode_plain(struct smi_rt *rt, unsigned m, const uint8_t *pt, size_t len, uint64_t now_ms)
{
	const struct smi_script *s = rt->s;
	unsigned i, n = 0;
	size_t at;

	rt->m[m].frames++;
	for (at = 0; at < len; at++)
		for (i = 0; i < s->n_lines; i++) {
			const struct smi_line *ln = &s->lines[i];
			if (ln->meter != m || ln->kind != SMI_LINE_VALUE)
				continue;
			if (at && ln->match_len >= 3 && memcmp(s->pool + ln->match, "pm(", 3) == 0)
				continue;
			n += decode_pattern(rt, m, i, pt + at, len - at);
		}
	if (n)
		n += eval_math(rt, m, now_ms);
	return n;
}

/* =so4 meters: HDLC or M-Bus frames (or bare APDUs) carrying encrypted DLMS. */
static unsigned
dlms_push(struct smi_rt *rt, unsigned m, uint8_t byte, uint64_t now_ms)
{
	const struct smi_meter_def *md = &rt->s->meters[m];
	struct smi_meter_rt *mr = &rt->m[m];
	size_t flen, off, len, pt_off, pt_len;
	uint8_t *dst;
	int r;

	if (mr->fill == 0 && byte != 0x7E && byte != 0x68 && byte != 0xDB)
		return 0;
	if (mr->fill == SMI_RX_MAX) {
		mr->drops++;
		mr->fill = 0;
		return 0;
	}
	mr->buf[mr->fill++] = byte;
	if (mr->buf[0] == 0xDB) {
		/* a bare APDU, no link layer */
		r = smi_dlms_apdu(rt->aes, md->key, mr->buf, mr->fill, &pt_off, &pt_len);
		if (r == 0)
			return 0;
		mr->fill = 0;
		if (r < 0) {
			mr->drops++;
			return 0;
		}
		return decode_plain(rt, m, mr->buf + pt_off, pt_len, now_ms);
	}
	/* resynchronise: drop bytes until the buffer starts a frame */
	while (mr->fill >= 4 && smi_dlms_frame_len(mr->buf, mr->fill) == 0) {
		memmove(mr->buf, mr->buf + 1, --mr->fill);
		while (mr->fill && mr->buf[0] != 0x7E && mr->buf[0] != 0x68)
			memmove(mr->buf, mr->buf + 1, --mr->fill);
	}
	flen = smi_dlms_frame_len(mr->buf, mr->fill);
	if (flen == 0 || mr->fill < flen)
		return 0;
	mr->fill = 0;
	if (flen > SMI_RX_MAX || smi_dlms_payload(mr->buf, flen, &off, &len) < 0 ||
	    len > (size_t)SMI_APDU_MAX - mr->apdu_fill) {
		mr->drops++;
		mr->apdu_fill = 0;
		return 0;
	}
	/* segments (HDLC segmentation, several M-Bus frames) are joined */
	dst = mr->apdu + mr->apdu_fill;
	memcpy(dst, mr->buf + off, len);
	mr->apdu_fill = (uint16_t)(mr->apdu_fill + len);
	r = smi_dlms_apdu(rt->aes, md->key, mr->apdu, mr->apdu_fill, &pt_off, &pt_len);
	if (r == 0)
		return 0;
	mr->apdu_fill = 0;
	if (r < 0) {
		mr->drops++;
		return 0;
	}
	return decode_plain(rt, m, mr->apdu + pt_off, pt_len, now_ms);
}

/* =soC CRC modes (5.2): 0 X25, 1 CCITT, 2 Kermit, 3 Modbus, 4 XModem,
 * 5 MCRF4XX; 6..11 the same with the two bytes swapped. */
static bool
sml_file_crc_ok(unsigned mode, const uint8_t *p, size_t n)
{
	uint16_t crc, got = (uint16_t)(p[n - 2] | p[n - 1] << 8);

	n -= 2;
	switch (mode % 6) {
	case 0:
		crc = crc16_x25(p, n);
		break;
	case 1:
		crc = crc16_xmodem(0xFFFF, p, n);
		break;
	case 2:
		crc = crc16_kermit(p, n);
		break;
	case 3:
		crc = crc16_modbus(p, n);
		break;
	case 4:
		crc = crc16_xmodem(CRC16_XMODEM_INIT, p, n);
		break;
	default:
		crc = crc16_ccitt_refl(0xFFFF, p, n);
		break;
	}
	if (mode >= 6)
		crc = (uint16_t)(crc << 8 | crc >> 8);
	return crc == got;
}

static bool
sml_file_verify(const struct smi_meter_def *md, struct smi_meter_rt *mr, const uint8_t *p, size_t n)
{
	unsigned k;

	if (md->sml_crc != 16)
		return sml_file_crc_ok(md->sml_crc - 1u, p, n);
	/* auto: the first mode that fits; locked after 4 good files */
	if (mr->crc_hits >= 4)
		return sml_file_crc_ok(mr->crc_mode - 1u, p, n);
	for (k = 0; k < 12; k++)
		if (sml_file_crc_ok(k, p, n)) {
			if (mr->crc_mode == k + 1)
				mr->crc_hits++;
			else {
				mr->crc_mode = (uint8_t)(k + 1);
				mr->crc_hits = 1;
			}
			return true;
		}
	return false;
}

/* =soC: whole SML files between 1B1B1B1B 01010101 and 1B1B1B1B 1A xx crc crc;
 * a good file is decoded at every list start in it (Q34: the whole file). */
static unsigned
sml_file_push(struct smi_rt *rt, unsigned m, uint8_t byte, uint64_t now_ms)
{
	static const uint8_t start[8] = {0x1B, 0x1B, 0x1B, 0x1B, 0x01, 0x01, 0x01, 0x01};
	const struct smi_meter_def *md = &rt->s->meters[m];
	struct smi_meter_rt *mr = &rt->m[m];
	unsigned n = 0;
	size_t i, f;

	if (!mr->in_file) {
		if (mr->fill == 8)
			memmove(mr->buf, mr->buf + 1, --mr->fill);
		mr->buf[mr->fill++] = byte;
		if (mr->fill == 8 && memcmp(mr->buf, start, 8) == 0)
			mr->in_file = true;
		return 0;
	}
	if (mr->fill == SMI_RX_MAX) {
		mr->drops++;
		mr->in_file = false;
		mr->fill = 0;
		return 0;
	}
	mr->buf[mr->fill++] = byte;
	f = mr->fill;
	/* the end escape is 4-byte aligned: 1B1B1B1B 1A <pad> <crc> <crc> */
	if (f < 24 || (f - 8) % 4 != 0 || memcmp(mr->buf + f - 8, start, 4) != 0 ||
	    mr->buf[f - 4] != 0x1A)
		return 0;
	mr->in_file = false;
	mr->fill = 0;
	if (!sml_file_verify(md, mr, mr->buf, f)) {
		mr->drops++;
		return 0;
	}
	mr->frames++;
	for (i = 8; i + 8 < f; i++)
		if (window_start_ok(md, mr->buf[i]))
			n += decode(rt, m, mr->buf + i, f - 8 - i, now_ms);
	return n;
}

static unsigned
push_byte(struct smi_rt *rt, unsigned m, uint8_t byte, uint64_t now_ms)
{
	const struct smi_meter_def *md = &rt->s->meters[m];
	struct smi_meter_rt *mr = &rt->m[m];
	unsigned n = 0;

	if (md->has_key && (md->type == 'r' || md->type == 'R'))
		return dlms_push(rt, m, byte, now_ms);
	if (md->sml_crc && md->type == 's')
		return sml_file_push(rt, m, byte, now_ms);
	switch (md->type) {
	case 'o':
		/* Bit 7 cleared: 7E1 text read as 8N1 becomes ASCII (Q29). */
		byte &= 0x7F;
		if (!(md->so2 & SMI_SO2_OBIS_LINE))
			return window_push(rt, m, byte, now_ms);
		if (mr->fill == SMI_RX_MAX)
			mr->fill = 0; /* an overlong line wraps, as in Tasmota */
		mr->buf[mr->fill++] = byte;
		if (byte == '\r' || byte == '\n') {
			if (mr->fill > 1)
				n = frame_done(rt, m, mr->buf, mr->fill, now_ms);
			mr->fill = 0;
		}
		return n;
	case 's':
	case 'r':
		return window_push(rt, m, byte, now_ms);
	case 'm':
	case 'M':
		return modbus_push(rt, m, byte, now_ms);
	case 'k':
		return kmp_push(rt, m, byte, now_ms);
	case 'e':
		return ebus_push(rt, m, byte, now_ms);
	case 'v':
		if (byte == EBUS_SYNC) {
			if (mr->fill)
				n = frame_done(rt, m, mr->buf, mr->fill, now_ms);
			mr->buf[0] = byte;
			mr->fill = 1;
		} else if (mr->fill && mr->fill < SMI_RX_MAX) {
			mr->buf[mr->fill++] = byte;
		}
		return n;
	case 'p':
		mr->buf[mr->fill++] = byte;
		if (mr->fill >= 7) {
			n = frame_done(rt, m, mr->buf, 7, now_ms);
			mr->fill = 0;
		}
		return n;
	case 'R':
		if (mr->fill == SMI_RX_MAX) {
			n = frame_done(rt, m, mr->buf, mr->fill, now_ms);
			mr->fill = 0;
		}
		mr->buf[mr->fill++] = byte;
		mr->pending = true;
		return n;
	case 'C':
		/* CAN: 4-byte id, DLC, DLC data bytes per frame. */
		mr->buf[mr->fill++] = byte;
		if (mr->fill >= 5 && mr->fill >= 5u + (mr->buf[4] > 64 ? 64 : mr->buf[4])) {
			n = frame_done(rt, m, mr->buf, mr->fill, now_ms);
			mr->fill = 0;
		}
		return n;
	default:
		return 0;
	}
}

unsigned
smi_meter_push(struct smi_rt *rt, unsigned m, const uint8_t *p, size_t len, uint64_t now_ms)
{
	const struct smi_meter_def *md;
	struct smi_meter_rt *mr;
	unsigned n = 0;
	size_t i;

	if (m >= rt->s->n_meters)
		return 0;
	md = &rt->s->meters[m];
	mr = &rt->m[m];
	/* `R`: a silence longer than =so6 ends the block (Q28). */
	if (md->type == 'R' && !md->has_key && mr->fill && now_ms - mr->last_rx > md->gap_ms) {
		n += frame_done(rt, m, mr->buf, mr->fill, now_ms);
		mr->fill = 0;
		mr->pending = false;
	}
	for (i = 0; i < len; i++)
		n += push_byte(rt, m, p[i], now_ms);
	if (len)
		mr->last_rx = now_ms;
	return n;
}

/* ------------------------------------------------------------------ */
/* Counters (4.8)                                                      */

static size_t
put_u64(char *b, uint64_t v)
{
	char t[24];
	size_t n = 0, k = 0;

	do {
		t[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		b[k++] = t[--n];
	return k;
}

static unsigned
counter_decode(struct smi_rt *rt, unsigned m, uint64_t now_ms)
{
	struct smi_meter_rt *mr = &rt->m[m];
	char line[64];
	size_t n;
	unsigned got;

	memcpy(line, "1-0:1.8.0*255(", 14);
	n = 14 + put_u64(line + 14, mr->count);
	line[n++] = ')';
	got = decode(rt, m, (const uint8_t *)line, n, now_ms);
	memcpy(line, "1-0:1.7.0*255(", 14);
	n = 14;
	/* pulses per minute with 4 decimals, empty when there is no rate */
	if (mr->pulse_ms && now_ms - mr->last_pulse < 5000u) {
		uint64_t r = (600000000u + mr->pulse_ms / 2) / mr->pulse_ms; /* x 10^4 */
		n += put_u64(line + n, r / 10000u);
		line[n++] = '.';
		line[n++] = (char)('0' + r / 1000u % 10);
		line[n++] = (char)('0' + r / 100u % 10);
		line[n++] = (char)('0' + r / 10u % 10);
		line[n++] = (char)('0' + r % 10);
	}
	line[n++] = ')';
	got += decode(rt, m, (const uint8_t *)line, n, now_ms);
	mr->next_count = now_ms + 1000u;
	return got;
}

void
smi_counter_pulse(struct smi_rt *rt, unsigned m, uint64_t now_ms)
{
	struct smi_meter_rt *mr;

	if (m >= rt->s->n_meters || rt->s->meters[m].type != 'c')
		return;
	mr = &rt->m[m];
	if (mr->last_pulse && now_ms > mr->last_pulse)
		mr->pulse_ms =
		    (uint32_t)(now_ms - mr->last_pulse > 0xFFFFFFFFu ? 0xFFFFFFFFu
		                                                     : now_ms - mr->last_pulse);
	mr->last_pulse = now_ms;
	mr->count++;
	counter_decode(rt, m, now_ms);
}

void
smi_counter_set(struct smi_rt *rt, unsigned m, uint64_t count, uint64_t now_ms)
{
	if (m >= rt->s->n_meters || rt->s->meters[m].type != 'c')
		return;
	rt->m[m].count = count;
	counter_decode(rt, m, now_ms);
}

static bool
is_window_type(const struct smi_meter_def *md)
{
	return md->type == 's' || md->type == 'r' ||
	       (md->type == 'o' && !(md->so2 & SMI_SO2_OBIS_LINE));
}

uint64_t
smi_meter_poll(struct smi_rt *rt, unsigned m, uint64_t now_ms, uint8_t *out, size_t cap,
               size_t *out_len)
{
	const struct smi_meter_def *md;
	struct smi_meter_rt *mr;
	uint64_t next = UINT64_MAX;

	*out_len = 0;
	if (m >= rt->s->n_meters)
		return next;
	md = &rt->s->meters[m];
	mr = &rt->m[m];

	if (mr->pending && mr->fill && !md->has_key && !md->sml_crc &&
	    (is_window_type(md) || md->type == 'R')) {
		uint64_t gap = md->type == 'R' ? md->gap_ms : SMI_FLUSH_MS;
		if (now_ms - mr->last_rx >= gap) {
			if (md->type == 'R') {
				frame_done(rt, m, mr->buf, mr->fill, now_ms);
				mr->fill = 0;
				mr->pending = false;
			} else {
				window_flush(rt, m, now_ms);
			}
		} else {
			next = mr->last_rx + gap;
		}
	}

	if (md->type == 'c' && mr->next_count) {
		/* Tasmota re-decodes counters every second (the rate decays to 0);
		 * nothing is published before the first pulse or smi_counter_set. */
		if (now_ms >= mr->next_count)
			counter_decode(rt, m, now_ms);
		if (mr->next_count < next)
			next = mr->next_count;
	}

	if (md->cmd_count && (md->tx_pin >= 0 || md->tcp)) {
		uint64_t period = (md->period ? md->period : 1) * 100u;
		if (now_ms >= mr->next_tx) {
			unsigned idx = mr->index;
			/* Tasmota advances the index before sending (6.1): the first
			 * request is command 1 when there are several. */
			if (md->cmd_count > 1)
				idx = (idx + 1u) % md->cmd_count;
			*out_len = smi_request_build(rt->s, m, idx, out, cap);
			if (*out_len) {
				mr->index = (uint8_t)idx;
				mr->started = true;
				/* A reply starts fresh: stale partial frames are dropped (Q12). */
				if (md->type == 'm' || md->type == 'M')
					mr->fill = 0;
			}
			mr->next_tx = now_ms + period;
		}
		if (mr->next_tx < next)
			next = mr->next_tx;
	}
	return next;
}
