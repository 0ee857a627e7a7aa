/*
 * KMP streaming decoder (see kmp.h): unstuffs byte by byte into the
 * context's buffer, checks the CRC at the stop byte, then walks the data.
 */
#include <stddef.h>
#include <string.h>

#include "meterd/crc.h"
#include "meterd/cursor.h"
#include "meterd/kmp.h"

enum {
	KD_HUNT,  /* between frames */
	KD_NOISE, /* inside a run of bytes that belong to no frame */
	KD_FRAME, /* after a start byte */
	KD_SKIP,  /* a frame outgrew the buffer: discard to its end */
};

/* A noise run is reported at this length at the latest, so reports stay bounded. */
#define KMP_NOISE_REPORT KMP_FRAME_MAX

void
kmp_dec_init(struct kmp_dec *d)
{
	/* buf comes last and is read only below len, kf is cleared by every
	 * frame before fi.detail points to it, rd is set by reading_clear: the
	 * state is what comes before kf. */
	memset(d, 0, offsetof(struct kmp_dec, kf));
	d->state = KD_HUNT;
	reading_clear(&d->rd);
}

int
kmp_dec_configure(struct kmp_dec *d, const char *key, const char *value)
{
	if (strcmp(key, "lenient_crc") == 0) {
		if (strcmp(value, "1") == 0)
			d->lenient_crc = true;
		else if (strcmp(value, "0") == 0)
			d->lenient_crc = false;
		else
			return -1;
		return 0;
	}
	return -1;
}

static bool
is_start(uint8_t b)
{
	return b == KMP_START_REQUEST || b == KMP_START_REPLY;
}

static bool
event_due(const struct kmp_dec *d)
{
	return d->pending != DEC_NONE || d->next_reading < d->readings;
}

static void
emit(struct kmp_dec *d, enum frame_status st, const char *err, bool detail)
{
	d->fi.index = d->next_index++;
	d->fi.offset = d->run_offset;
	d->fi.length = d->run_len;
	d->fi.status = st;
	d->fi.error = st == FRAME_OK ? NULL : err;
	d->fi.detail = detail ? &d->kf : NULL;
	d->pending = DEC_FRAME;
	d->next_reading = 0;
	if (st != FRAME_OK && !(st == FRAME_CRC_ERROR && d->lenient_crc))
		d->readings = 0;
	d->state = KD_HUNT;
}

/* The frame begun at run_offset ends unfinished or broken: detail says only its direction. */
static void
emit_broken(struct kmp_dec *d, enum frame_status st, const char *err)
{
	memset(&d->kf, 0, sizeof(d->kf));
	d->kf.kind = d->start == KMP_START_REQUEST ? KMP_FRAME_REQUEST : KMP_FRAME_REPLY;
	d->readings = 0;
	emit(d, st, err, true);
}

static void
emit_noise(struct kmp_dec *d)
{
	d->readings = 0;
	emit(d, FRAME_INVALID, "bytes outside a frame", false);
}

/*
 * Walks register entries (ID, unit, NoB, SiEx, mantissa) to the end of the
 * data: GetRegister replies leave out registers the meter does not have, so
 * the content, not the request, says what is there.
 */
static const char *
walk_registers(struct kmp_frame *kf)
{
	const uint8_t *p = kf->data;
	size_t pos = 0, len = kf->data_len;
	uint8_t n = 0;

	/* Indexes checked against len before each read: the frame is at most
	 * KMP_FRAME_MAX bytes, so pos + 5 cannot overflow. */
	while (pos < len) {
		struct kmp_reg *r;
		uint64_t m = 0;
		size_t i;

		if (n == KMP_REGS_PER_REQUEST)
			return "more than 8 registers";
		if (len - pos < 5)
			return "register entry truncated";
		r = &kf->regs[n];
		r->id = (uint16_t)(p[pos] << 8 | p[pos + 1]);
		r->unit = p[pos + 2];
		r->nob = p[pos + 3];
		r->siex = p[pos + 4];
		pos += 5;
		if (r->nob == 0 || r->nob > KMP_VALUE_MAX_BYTES)
			return "register value of 0 or more than 8 bytes";
		r->offset = (uint8_t)pos;
		if (r->nob > len - pos)
			return "register value truncated";
		/* kmp_value_decode's range: the mantissa must fit an int64. */
		for (i = 0; i < r->nob; i++)
			m = m << 8 | p[pos + i];
		if (m > (uint64_t)INT64_MAX)
			return "register value out of range";
		pos += r->nob;
		kf->nregs = ++n;
	}
	return NULL;
}

static const char *
parse_request(struct kmp_frame *kf)
{
	struct cursor c;
	size_t n, i;

	cursor_init(&c, kf->data, kf->data_len);
	switch (kf->cid) {
	case KMP_CID_GET_TYPE:
	case KMP_CID_GET_SERIAL:
		return kf->data_len == 0 ? NULL : "request carries data";
	case KMP_CID_GET_REGISTER:
		n = cursor_u8(&c);
		if (n == 0 || n > KMP_REGS_PER_REQUEST || kf->data_len != 1 + 2 * n)
			return "GetRegister request length does not match its count";
		for (i = 0; i < n; i++)
			kf->regs[i].id = cursor_be16(&c);
		kf->nregs = (uint8_t)n;
		return NULL;
	case KMP_CID_SET_CLOCK:
		if (kf->data_len != 8)
			return "SetClock request is not 8 bytes";
		kf->date = cursor_be32(&c);
		kf->time = cursor_be32(&c);
		return NULL;
	case KMP_CID_PUT_REGISTER:
		if (kf->data_len == 0)
			return "PutRegister request without a register";
		return walk_registers(kf);
	default:
		return NULL; /* logger and other commands: passed through */
	}
}

/* Returns an error or NULL; sets d->readings to the values the reply holds. */
static const char *
parse_reply(struct kmp_dec *d)
{
	struct kmp_frame *kf = &d->kf;
	const char *err;
	struct cursor c;
	uint8_t letter, number;
	size_t k = 0;

	cursor_init(&c, kf->data, kf->data_len);
	switch (kf->cid) {
	case KMP_CID_GET_TYPE:
		if (kf->data_len != 4)
			return "GetType reply is not 4 bytes";
		kf->meter_type = cursor_be16(&c);
		/* SW revision: letter index (1 = A) and number, 06 01 = "F1" (5512-447 6.2.1). */
		letter = cursor_u8(&c);
		number = cursor_u8(&c);
		kf->revision[k++] = letter >= 1 && letter <= 26 ? (char)('A' + letter - 1) : '?';
		if (number >= 100)
			kf->revision[k++] = (char)('0' + number / 100);
		if (number >= 10)
			kf->revision[k++] = (char)('0' + number / 10 % 10);
		kf->revision[k++] = (char)('0' + number % 10);
		kf->revision[k] = '\0';
		d->readings = 2;
		return NULL;
	case KMP_CID_GET_SERIAL:
		if (kf->data_len != 4)
			return "GetSerialNo reply is not 4 bytes";
		kf->serial = cursor_be32(&c);
		d->readings = 1;
		return NULL;
	case KMP_CID_GET_REGISTER:
		if ((err = walk_registers(kf)) != NULL)
			return err;
		d->readings = kf->nregs;
		return NULL;
	default:
		return NULL;
	}
}

/* At the stop byte: the whole frame is in buf. */
static void
frame_end(struct kmp_dec *d)
{
	struct kmp_frame *kf = &d->kf;
	const char *err;
	bool crc_ok;

	memset(kf, 0, sizeof(*kf));
	d->readings = 0;
	kf->kind = d->start == KMP_START_REQUEST ? KMP_FRAME_REQUEST : KMP_FRAME_REPLY;
	if (d->escape) {
		emit(d, FRAME_INVALID, "escape byte before the stop byte", true);
		return;
	}
	if (d->len < 4) {
		emit(d, FRAME_INVALID, "frame shorter than address, CID and CRC", true);
		return;
	}
	kf->addr = d->buf[0];
	kf->cid = d->buf[1];
	kf->crc = (uint16_t)(d->buf[d->len - 2] << 8 | d->buf[d->len - 1]);
	kf->data = d->buf + 2;
	kf->data_len = d->len - 4u;
	/* Over address..CRC the XMODEM CRC of a good frame is 0. */
	crc_ok = crc16_xmodem(CRC16_XMODEM_INIT, d->buf, d->len) == 0;
	if (!crc_ok && !d->lenient_crc) {
		emit(d, FRAME_CRC_ERROR, "CRC mismatch", true);
		return;
	}
	err = kf->kind == KMP_FRAME_REQUEST ? parse_request(kf) : parse_reply(d);
	if (err != NULL)
		d->readings = 0;
	if (!crc_ok)
		emit(d, FRAME_CRC_ERROR, "CRC mismatch", true);
	else if (err != NULL)
		emit(d, FRAME_INVALID, err, true);
	else
		emit(d, FRAME_OK, NULL, true);
}

/* One byte; returns false when it was not consumed (it ended something first). */
static bool
step(struct kmp_dec *d, uint8_t b)
{
	switch (d->state) {
	case KD_HUNT:
	case KD_NOISE:
		if (is_start(b) || b == KMP_ACK) {
			if (d->state == KD_NOISE) {
				emit_noise(d);
				return false;
			}
			d->run_offset = d->offset;
			d->run_len = 1;
			if (b == KMP_ACK) {
				memset(&d->kf, 0, sizeof(d->kf));
				d->kf.kind = KMP_FRAME_ACK;
				d->readings = 0;
				emit(d, FRAME_OK, NULL, true);
				return true;
			}
			d->state = KD_FRAME;
			d->start = b;
			d->len = 0;
			d->escape = false;
			return true;
		}
		/* A lone 0x00 comes from MULTICAL meters unprompted (spec section 1). */
		if (d->state == KD_HUNT && b == 0x00)
			return true;
		if (d->state == KD_HUNT) {
			d->state = KD_NOISE;
			d->run_offset = d->offset;
			d->run_len = 0;
		}
		if (++d->run_len >= KMP_NOISE_REPORT)
			emit_noise(d);
		return true;
	case KD_FRAME:
	case KD_SKIP:
		/* Stuffing keeps these bytes out of a frame: one here means the stop byte was lost. */
		if (is_start(b) || b == KMP_ACK) {
			if (d->state == KD_SKIP)
				emit_broken(d, FRAME_INVALID, "frame longer than the buffer");
			else
				emit_broken(d, FRAME_INVALID, "frame interrupted by a start byte");
			return false;
		}
		d->run_len++;
		if (b == KMP_STOP) {
			if (d->state == KD_SKIP)
				emit_broken(d, FRAME_INVALID, "frame longer than the buffer");
			else
				frame_end(d);
			return true;
		}
		if (d->state == KD_SKIP) {
			/* Bounded even if the stop byte never comes. */
			if (d->run_len >= 4 * KMP_FRAME_MAX)
				emit_broken(d, FRAME_INVALID, "frame longer than the buffer");
			return true;
		}
		if (d->escape) {
			b ^= 0xff;
			d->escape = false;
		} else if (b == KMP_ESCAPE) {
			d->escape = true;
			return true;
		}
		if (d->len == KMP_FRAME_MAX) {
			d->state = KD_SKIP;
			return true;
		}
		d->buf[d->len++] = b;
		return true;
	}
	return true;
}

/* The bytes a frame's body never holds as such: start, stop, ACK and escape. */
static const bool special[256] = {
	[KMP_ACK] = true, [KMP_STOP] = true, [KMP_ESCAPE] = true,
	[KMP_START_REPLY] = true, [KMP_START_REQUEST] = true,
};

/*
 * Copies the plain bytes of a frame's body from p[0..n) into the buffer, up
 * to the first byte step() must judge or the buffer's end; returns how many.
 * The common case, so a frame costs a few instructions a byte and its CRC
 * is computed once over the buffer at the stop byte.
 */
static size_t
body(struct kmp_dec *d, const uint8_t *p, size_t n)
{
	size_t room = KMP_FRAME_MAX - d->len, k = 0;
	uint8_t *out = d->buf + d->len;

	if (n > room)
		n = room;
	/* Eight bytes a round while none is special, then byte by byte. */
	while (n - k >= 8) {
		const uint8_t *q = p + k;
		if (special[q[0]] | special[q[1]] | special[q[2]] | special[q[3]] |
		    special[q[4]] | special[q[5]] | special[q[6]] | special[q[7]])
			break;
		memcpy(out + k, q, 8);
		k += 8;
	}
	while (k < n && !special[p[k]]) {
		out[k] = p[k];
		k++;
	}
	d->len = (uint16_t)(d->len + k);
	d->run_len += (uint32_t)k;
	return k;
}

/*
 * Counts the bytes of a noise run from p[0..n) that step() would only
 * count: up to the first start or ACK byte, and short of the byte that makes
 * the run long enough to report. Returns how many.
 */
static size_t
noise(struct kmp_dec *d, const uint8_t *p, size_t n)
{
	size_t room = KMP_NOISE_REPORT - 1 - d->run_len, k = 0;

	if (n > room)
		n = room;
	while (k < n && !is_start(p[k]) && p[k] != KMP_ACK)
		k++;
	d->run_len += (uint32_t)k;
	return k;
}

size_t
kmp_dec_push(struct kmp_dec *d, const uint8_t *p, size_t n)
{
	size_t i = 0;

	while (i < n && !event_due(d)) {
		if ((d->state == KD_FRAME && !d->escape) || d->state == KD_NOISE) {
			size_t k = d->state == KD_NOISE ? noise(d, p + i, n - i)
			                                : body(d, p + i, n - i);
			i += k;
			d->offset += k;
			if (i == n)
				break;
		}
		if (step(d, p[i])) {
			i++;
			d->offset++;
		}
	}
	return i;
}

/* Writes "kmp:" and the register number in decimal. */
static void
set_register_id(char *id, uint16_t reg)
{
	char digits[5];
	size_t nd = 0, k = 4;

	memcpy(id, "kmp:", 4);
	do {
		digits[nd++] = (char)('0' + reg % 10);
		reg /= 10;
	} while (reg);
	while (nd)
		id[k++] = digits[--nd];
	id[k] = '\0';
}

static void
make_reading(struct kmp_dec *d, uint8_t i)
{
	const struct kmp_frame *kf = &d->kf;
	struct reading *r = &d->rd;

	reading_clear(r);
	switch (kf->cid) {
	case KMP_CID_GET_REGISTER: {
		const struct kmp_reg *g = &kf->regs[i];
		const char *u = kmp_unit_text(g->unit);

		size_t k = 0;

		set_register_id(r->id, g->id);
		/* walk_registers accepted this value, so the decode cannot fail here. */
		(void)kmp_value_decode(kf->data + g->offset, g->nob, g->siex, &r->raw, &r->scaler);
		r->has = READING_HAS_SCALER;
		for (; u[k] != '\0' && k + 1 < sizeof(r->unit); k++)
			r->unit[k] = u[k];
		r->unit[k] = '\0';
		break;
	}
	case KMP_CID_GET_TYPE:
		if (i == 0) {
			memcpy(r->id, "kmp:type", sizeof("kmp:type"));
			r->raw = kf->meter_type;
		} else {
			memcpy(r->id, "kmp:revision", sizeof("kmp:revision"));
			r->type = READING_TEXT;
			r->text = (const uint8_t *)kf->revision;
			r->text_len = strlen(kf->revision);
		}
		break;
	case KMP_CID_GET_SERIAL:
		memcpy(r->id, "kmp:serial", sizeof("kmp:serial"));
		r->raw = kf->serial;
		break;
	}
}

enum dec_event
kmp_dec_event(struct kmp_dec *d)
{
	if (d->pending != DEC_NONE) {
		enum dec_event ev = d->pending;
		d->pending = DEC_NONE;
		return ev;
	}
	if (d->next_reading < d->readings) {
		make_reading(d, d->next_reading++);
		return DEC_READING;
	}
	return DEC_NONE;
}

const struct frame_info *
kmp_dec_frame(const struct kmp_dec *d)
{
	return &d->fi;
}

const struct reading *
kmp_dec_reading(const struct kmp_dec *d)
{
	return &d->rd;
}

static void
end_run(struct kmp_dec *d, const char *why)
{
	if (event_due(d))
		return; /* the caller drains first; see decoder.h */
	if (d->state == KD_FRAME)
		emit_broken(d, FRAME_TRUNCATED, why);
	else if (d->state == KD_SKIP)
		emit_broken(d, FRAME_INVALID, "frame longer than the buffer");
	else if (d->state == KD_NOISE)
		emit_noise(d);
}

void
kmp_dec_finish(struct kmp_dec *d)
{
	end_run(d, "input ended inside a frame");
}

void
kmp_dec_idle(struct kmp_dec *d)
{
	end_run(d, "line went quiet inside a frame");
}

bool
kmp_dec_in_frame(const struct kmp_dec *d)
{
	return d->state == KD_FRAME || d->state == KD_SKIP;
}

/* Confidence that p starts with a KMP frame: a start byte, and a CRC that verifies. */
static int
kmp_detect(const uint8_t *p, size_t n)
{
	uint16_t crc = CRC16_XMODEM_INIT;
	size_t i = 0, len = 0;
	bool escape = false;

	while (i < n && p[i] == 0x00)
		i++;
	if (i == n || !is_start(p[i]))
		return 0;
	for (i++; i < n && len <= KMP_FRAME_MAX; i++) {
		uint8_t b = p[i];
		if (is_start(b) || b == KMP_ACK)
			return 0;
		if (b == KMP_STOP)
			return len >= 4 && !escape && crc == 0 ? 90 : 10;
		if (escape) {
			b ^= 0xff;
			escape = false;
		} else if (b == KMP_ESCAPE) {
			escape = true;
			continue;
		}
		crc = crc16_xmodem_step(crc, b);
		len++;
	}
	return 0;
}

DECODER_OPS_DEFINE_IDLE(kmp, kmp_dec, struct kmp_dec, kmp_detect);
