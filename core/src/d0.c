#include <string.h>
#if defined(__SSE2__) && defined(__x86_64__) && !defined(__OPTIMIZE_SIZE__)
#include <emmintrin.h>
#endif

#include "meterd/d0.h"
#include "meterd/obis.h"

enum {
	S_HUNT,        /* outside a telegram */
	S_IDENT,       /* reading "/XXXZ..." up to its line end */
	S_AFTER_IDENT, /* identification read, data not yet begun */
	S_ECHO,        /* skipping an echoed ACK line */
	S_BODY,        /* data block, up to '!' (or ETX) */
	S_WAIT_ETX,    /* "!" seen in a STX block: CR LF ETX follow */
	S_WAIT_BCC,    /* the byte after ETX */
	S_SKIP,        /* rest of a telegram too long to keep */
};

enum { P_NONE, P_FRAME, P_READINGS };

/* At most CR LF and a little noise between '!' and ETX. */
#define TAIL_MAX 8

/* Bytes a body run searches at once, so frequent stop bytes stay cheap. */

static void
reset_framing(struct d0_dec *d)
{
	d->state = S_HUNT;
	d->stx = false;
	d->has_ident = false;
	d->len = 0;
	d->line_len = 0;
	d->probe_ok = false;
	dataset_scan_init(&d->scan);
	d->scan.line_start = false;
}

void
d0_dec_init(struct d0_dec *d)
{
	/* The telegram buffer needs no clearing: nothing reads it before writing it. */
	memset(d, 0, offsetof(struct d0_dec, buf));
	memset(&d->pending, 0, sizeof(*d) - offsetof(struct d0_dec, pending));
	d->pending = P_NONE;
	reset_framing(d);
}

void
d0_dec_reset(struct d0_dec *d)
{
	d->discarded += d->state == S_IDENT ? d->line_len : d->state == S_AFTER_IDENT ? 0 : d->len;
	d->pending = P_NONE;
	reset_framing(d);
}

int
d0_dec_configure(struct d0_dec *d, const char *key, const char *value)
{
	bool on = strcmp(value, "1") == 0, off = strcmp(value, "0") == 0;

	if (strcmp(key, "lenient_crc") == 0 && (on || off)) {
		d->lenient = on;
		return 0;
	}
	if (strcmp(key, "ignore_bcc") == 0 && (on || off)) {
		d->ignore_bcc = on;
		return 0;
	}
	if (strcmp(key, "require_bcc") == 0 && (on || off)) {
		d->require_bcc = on;
		return 0;
	}
	if (strcmp(key, "obis_prefix") == 0) {
		size_t n = strlen(value);
		struct obis o;
		char probe[16];
		/* Must be "A-B": check by parsing it in front of a short code. */
		if (n >= sizeof(d->prefix))
			return -1;
		if (n > 0) {
			memcpy(probe, value, n);
			memcpy(probe + n, ":1.8.0", 7);
			if (!obis_parse(&o, probe, n + 6, NULL))
				return -1;
		}
		memcpy(d->prefix, value, n + 1);
		return 0;
	}
	return -1;
}

/* Reports the current frame; values follow when `emit`. */
static void
end_frame(struct d0_dec *d, enum frame_status st, const char *err, uint64_t end, bool emit)
{
	d->frame.index = d->nframes++;
	d->frame.offset = d->start;
	d->frame.length = (uint32_t)(end - d->start);
	d->frame.status = st;
	d->frame.error = st == FRAME_OK ? NULL : err;
	d->frame.detail = &d->detail;
	d->detail.has_ident = d->has_ident;
	if (d->has_ident)
		d->detail.ident = d->ident;
	d->detail.has_bcc = d->stx && d->state == S_WAIT_BCC;
	if (!d->detail.has_bcc)
		d->detail.bcc_sent = d->detail.bcc_calc = 0;
	d->emit = emit;
	dataset_iter_init(&d->it, d->buf, d->len);
	d->len = 0;
	d->pending = P_FRAME;
	d->state = S_HUNT;
	d->has_ident = false;
	d->stx = false;
	d->line_len = 0;
	d->probe_ok = false;
	dataset_scan_init(&d->scan);
}

static void
start_ident(struct d0_dec *d)
{
	d->state = S_IDENT;
	d->start = d->pos;
	d->line[0] = '/';
	d->line_len = 1;
	d->has_ident = false;
}

static void
start_block(struct d0_dec *d, bool stx)
{
	d->state = S_BODY;
	d->stx = stx;
	d->bcc = 0;
	d->len = 0;
	d->scanned = 0;
	dataset_scan_init(&d->scan);
}

/* The host's sign-on request "/?" [address] "!" echoed back (62056-21 6.3.1). */
static bool
is_signon(const uint8_t *p, size_t n)
{
	return n >= 3 && p[0] == '/' && p[1] == '?' && p[n - 1] == '!';
}

static void
hunt(struct d0_dec *d, uint8_t b)
{
	bool in_group = d->scan.in_group;

	if (b == '/' && !in_group) {
		d->discarded += d->len;
		d->len = 0;
		start_ident(d);
		return;
	}
	if (b == D0_STX) {
		/* A readout whose identification was lost. */
		d->discarded += d->len;
		d->start = d->pos;
		start_block(d, true);
		return;
	}
	(void)dataset_scan_byte(&d->scan, b);
	if (b == '\r' || b == '\n') {
		if (d->probe_ok && dataset_line_is_data(d->buf, d->len)) {
			/* A push telegram whose identification was lost. */
			d->state = S_BODY;
			d->stx = false;
			d->start = d->pos - d->len;
			d->buf[d->len++] = b;
			d->scanned = d->len;
			return;
		}
		d->discarded += d->len + 1;
		d->len = 0;
		d->probe_ok = true;
		return;
	}
	if (d->len < sizeof(d->buf))
		d->buf[d->len] = b;
	d->len++;
	if (d->len > sizeof(d->buf)) {
		d->len = sizeof(d->buf);
		d->probe_ok = false;
	}
}

static void
ident_byte(struct d0_dec *d, uint8_t b)
{
	if (b == '\r' || b == '\n') {
		if (is_signon(d->line, d->line_len)) {
			d->discarded += d->line_len + 1;
			d->state = S_HUNT;
			d->len = 0;
			d->probe_ok = true;
			return;
		}
		if (dataset_ident_parse(&d->ident, d->line, d->line_len)) {
			d->has_ident = true;
			d->state = S_AFTER_IDENT;
			return;
		}
		d->discarded += d->line_len + 1;
		d->state = S_HUNT;
		d->len = 0;
		d->probe_ok = true;
		return;
	}
	if (b == '/') {
		d->discarded += d->line_len;
		start_ident(d);
		return;
	}
	if (d->line_len == sizeof(d->line)) {
		/* Too long for an identification: noise that began with '/'. */
		d->discarded += d->line_len + 1;
		d->state = S_HUNT;
		d->len = 0;
		d->probe_ok = false;
		return;
	}
	d->line[d->line_len++] = b;
}

static void
body_byte(struct d0_dec *d, uint8_t b)
{
	enum dataset_mark m;

	if (!d->stx && b == D0_STX) {
		/*
		 * Push meters never send STX: what came before it was noise after
		 * the identification (the baud switch of mode C), the block starts here.
		 */
		start_block(d, true);
		return;
	}
	if (d->stx)
		d->bcc ^= b;
	if (d->stx && b == D0_ETX) {
		/* ETX without "!": the block ends here all the same. */
		d->state = S_WAIT_BCC;
		return;
	}
	dataset_scan_run(&d->scan, d->buf + d->scanned, d->len - d->scanned);
	m = dataset_scan_byte(&d->scan, b);
	if (m == DATASET_SLASH) {
		end_frame(d, FRAME_TRUNCATED, "cut off by a new identification", d->pos, false);
		start_ident(d);
		return;
	}
	if (d->len == sizeof(d->buf)) {
		end_frame(d, FRAME_INVALID, "telegram longer than D0_TELEGRAM_MAX", d->pos + 1,
		          false);
		/* Its remaining lines are not a telegram of their own. */
		d->state = S_SKIP;
		d->scan.line_start = false;
		return;
	}
	d->buf[d->len++] = b;
	d->scanned = d->len;
	if (m == DATASET_END) {
		if (d->stx && !d->ignore_bcc) {
			d->state = S_WAIT_ETX;
			d->tail = 0;
		} else if (!d->stx && d->require_bcc && !d->ignore_bcc) {
			end_frame(d, FRAME_INVALID, "no STX: data without a BCC", d->pos + 1, false);
		} else {
			end_frame(d, FRAME_OK, NULL, d->pos + 1, true);
		}
	}
}

static void
step(struct d0_dec *d, uint8_t b)
{
	switch (d->state) {
	case S_HUNT:
		hunt(d, b);
		break;
	case S_IDENT:
		ident_byte(d, b);
		break;
	case S_AFTER_IDENT:
		if (b == '\r' || b == '\n' || b == 0x7f)
			break;
		if (b == D0_ACK) {
			d->state = S_ECHO;
		} else if (b == '/') {
			end_frame(d, FRAME_TRUNCATED, "no data after the identification", d->pos,
			          false);
			start_ident(d);
		} else if (b == D0_STX) {
			start_block(d, true);
		} else {
			start_block(d, false);
			body_byte(d, b);
		}
		break;
	case S_ECHO:
		/* A lost LF must not hide the STX that follows the echo. */
		if (b == D0_STX)
			start_block(d, true);
		else if (b == '\r' || b == '\n')
			d->state = S_AFTER_IDENT;
		break;
	case S_BODY:
		body_byte(d, b);
		break;
	case S_WAIT_ETX:
		d->bcc ^= b;
		if (b == D0_ETX) {
			d->state = S_WAIT_BCC;
		} else if (b == '/' || ++d->tail > TAIL_MAX) {
			d->bcc ^= b;
			end_frame(d, FRAME_TRUNCATED, "no ETX after the data", d->pos, d->lenient);
			if (b == '/')
				start_ident(d);
		}
		break;
	case S_SKIP:
		switch (dataset_scan_byte(&d->scan, b)) {
		case DATASET_SLASH:
			start_ident(d);
			break;
		case DATASET_END:
			d->state = S_HUNT;
			d->len = 0;
			d->probe_ok = false;
			/* fall through */
		default:
			d->discarded++;
			break;
		}
		break;
	case S_WAIT_BCC:
		d->detail.bcc_sent = b;
		d->detail.bcc_calc = d->bcc;
		if (b == d->bcc)
			end_frame(d, FRAME_OK, NULL, d->pos + 1, true);
		else
			end_frame(d, FRAME_CRC_ERROR, "BCC mismatch", d->pos + 1, d->lenient);
		break;
	}
}

/* The XOR of n bytes, a word at a time. */
static uint8_t
xor_bytes(const uint8_t *p, size_t n)
{
	uint64_t w, acc = 0;
	uint8_t x;

#if defined(__SSE2__) && defined(__x86_64__) && !defined(__OPTIMIZE_SIZE__)
	/* 32 bytes a turn where the host has 16-byte registers. */
	if (n >= 32) {
		__m128i a = _mm_setzero_si128(), b = _mm_setzero_si128();
		for (; n >= 32; p += 32, n -= 32) {
			a = _mm_xor_si128(a, _mm_loadu_si128((const __m128i *)(const void *)p));
			b = _mm_xor_si128(b, _mm_loadu_si128((const __m128i *)(const void *)(p + 16)));
		}
		a = _mm_xor_si128(a, b);
		acc = (uint64_t)_mm_cvtsi128_si64(a) ^ (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(a, a));
	}
#endif
	for (; n >= 8; p += 8, n -= 8) {
		memcpy(&w, p, 8);
		acc ^= w;
	}
	acc ^= acc >> 32;
	acc ^= acc >> 16;
	acc ^= acc >> 8;
	x = (uint8_t)acc;
	while (n-- > 0)
		x ^= *p++;
	return x;
}

/*
 * Most of a telegram's body: the bytes up to the next one that may be a
 * mark or the block character body_byte() acts on ('!', '/', and ETX in
 * an STX block, STX outside one), kept and added to the BCC in bulk. The
 * scan catches up on them only when body_byte() meets such a byte.
 * Returns the bytes taken.
 */
static size_t
body_run(struct d0_dec *d, const uint8_t *p, size_t n)
{
	static const uint8_t stx_stops[] = {'!', '/', D0_ETX}, push_stops[] = {'!', '/', D0_STX};
	size_t total;

	if (n > sizeof(d->buf) - d->len)
		n = sizeof(d->buf) - d->len;
	total = dataset_take_run(d->buf + d->len, p, n, d->stx ? stx_stops : push_stops, 3);
	if (d->stx)
		d->bcc ^= xor_bytes(p, total);
	d->len += total;
	d->pos += total;
	return total;
}

size_t
d0_dec_push(struct d0_dec *d, const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n && d->pending == P_NONE; i++) {
		if (d->state == S_BODY && (i += body_run(d, p + i, n - i)) == n)
			break;
		step(d, p[i]);
		d->pos++;
	}
	return i;
}

void
d0_dec_finish(struct d0_dec *d)
{
	if (d->pending != P_NONE)
		return;
	switch (d->state) {
	case S_AFTER_IDENT:
	case S_ECHO:
		end_frame(d, FRAME_TRUNCATED, "no data after the identification", d->pos, false);
		break;
	case S_BODY:
	case S_WAIT_ETX:
	case S_WAIT_BCC:
		end_frame(d, FRAME_TRUNCATED, "end of input inside a telegram", d->pos, d->lenient);
		break;
	default:
		d->discarded += d->state == S_IDENT ? d->line_len : d->len;
		reset_framing(d);
		break;
	}
}

/* The next value of the frame being read out, or false when all are out. */
static bool
next_reading(struct d0_dec *d)
{
	/*
	 * The reading was cleared when the frame's values began, and a value
	 * sets every field it uses (dataset_value_parse), so it needs no
	 * clearing of its own; the id stays that of its data set.
	 */
	if (dataset_iter_reading(&d->it, d->prefix, &d->reading, &d->value) == DATASET_NEXT_NONE)
		return false;
	return true;
}

enum dec_event
d0_dec_event(struct d0_dec *d)
{
	switch (d->pending) {
	case P_FRAME:
		d->pending = d->emit ? P_READINGS : P_NONE;
		reading_clear(&d->reading);
		return DEC_FRAME;
	case P_READINGS:
		if (next_reading(d))
			return DEC_READING;
		d->pending = P_NONE;
		break;
	}
	return DEC_NONE;
}

const struct frame_info *
d0_dec_frame(const struct d0_dec *d)
{
	return &d->frame;
}

const struct reading *
d0_dec_reading(const struct d0_dec *d)
{
	return &d->reading;
}

const struct dataset_ident *
d0_dec_ident(const struct d0_dec *d)
{
	return d->has_ident ? &d->ident : NULL;
}

enum d0_mode
d0_ident_mode(const struct dataset_ident *id)
{
	char c = id->baud_char;

	if (c >= '0' && c <= '9')
		return id->escape == '2' ? D0_MODE_E : D0_MODE_C;
	if (c >= 'A' && c <= 'I')
		return D0_MODE_B;
	return D0_MODE_A;
}

uint32_t
d0_baud_rate(enum d0_mode mode, char c)
{
	static const uint32_t rates[] = {300, 600, 1200, 2400, 4800, 9600, 19200};

	switch (mode) {
	case D0_MODE_C:
	case D0_MODE_E:
		return c >= '0' && c <= '6' ? rates[c - '0'] : 0;
	case D0_MODE_B:
		return c >= 'A' && c <= 'F' ? rates[c - 'A' + 1] : 0;
	case D0_MODE_A:
		break;
	}
	return 0;
}

int
d0_detect(const uint8_t *p, size_t n)
{
	struct dataset_ident id;
	size_t i, line = 0;
	int score = 0;
	bool stx = false, f255 = false;

	for (i = 0; i < n; i++) {
		if (p[i] == D0_STX)
			stx = true;
		if (p[i] == '*' && i + 4 < n && memcmp(p + i, "*255(", 5) == 0)
			f255 = true;
		if (p[i] == '\r' || p[i] == '\n') {
			if (i > line && p[line] == '/' && dataset_ident_parse(&id, p + line, i - line))
				score = score < 50 ? 50 : score;
			else if (i > line && dataset_line_is_data(p + line, i - line))
				score = score < 30 ? 30 : score;
			line = i + 1;
		}
	}
	/* STX blocks and "*255(" F groups are IEC 62056-21, not DSMR. */
	if (score > 0 && (stx || f255))
		score += 30;
	return score;
}

DECODER_OPS_DEFINE(d0, d0_dec, struct d0_dec, d0_detect);
