#include <string.h>

#include "meterd/crc.h"
#include "meterd/sml_enc.h"
#include "sml_msg.h"

/* A bounded writer: an overflow sets err and drops the rest. */
struct wr {
	uint8_t *p;
	size_t   cap, n;
	bool     err;
};

static void
put(struct wr *w, uint8_t b)
{
	if (w->n >= w->cap) {
		w->err = true;
		return;
	}
	w->p[w->n++] = b;
}

/*
 * A TL field: for scalars `len` counts data bytes and the TL bytes are added
 * to it; for lists it is the element count. More than 15 takes continuation
 * bytes, four length bits each, most significant first.
 */
static void
put_tl(struct wr *w, unsigned type, size_t len, bool list)
{
	unsigned ntl = 1, i;
	size_t v;

	while ((list ? len : len + ntl) > ((size_t)1 << (4 * ntl)) - 1)
		ntl++;
	v = list ? len : len + ntl;
	for (i = 0; i < ntl; i++) {
		uint8_t b = (uint8_t)((v >> (4 * (ntl - 1 - i))) & 0x0Fu);
		if (i == 0)
			b |= (uint8_t)(type << 4);
		if (i + 1 < ntl)
			b |= SML_TL_MORE;
		put(w, b);
	}
}

#define TYPE_OCTETS 0u
#define TYPE_BOOL   4u
#define TYPE_INT    5u
#define TYPE_UINT   6u
#define TYPE_LIST   7u

static void
put_list(struct wr *w, size_t n)
{
	put_tl(w, TYPE_LIST, n, true);
}

static void
put_octets(struct wr *w, const uint8_t *p, size_t n)
{
	size_t i;

	put_tl(w, TYPE_OCTETS, n, false);
	for (i = 0; i < n; i++)
		put(w, p[i]);
}

/* The optional-absent marker, an empty octet string. */
static void
put_absent(struct wr *w)
{
	put(w, 0x01);
}

static void
put_be(struct wr *w, uint64_t v, unsigned width)
{
	while (width--)
		put(w, (uint8_t)(v >> (8 * width)));
}

static void
put_uint(struct wr *w, uint64_t v, unsigned width)
{
	if (width == 0)
		for (width = 1; width < 8 && v >> (8 * width) != 0; width++)
			;
	put_tl(w, TYPE_UINT, width, false);
	put_be(w, v, width);
}

static void
put_int(struct wr *w, int64_t v, unsigned width)
{
	if (width == 0)
		for (width = 1; width < 8 && sign_extend((uint64_t)v, width) != v; width++)
			;
	put_tl(w, TYPE_INT, width, false);
	put_be(w, (uint64_t)v, width);
}

/* SML_Time as a list of choice and value. */
static void
put_time(struct wr *w, enum reading_time kind, uint32_t t)
{
	put_list(w, 2);
	put_uint(w, kind == READING_TIME_UNIX ? 2 : 1, 1);
	put_uint(w, t, 4);
}

static void
put_entry(struct wr *w, const struct sml_enc_entry *e)
{
	put_list(w, 7);
	put_octets(w, e->obis, 6);
	if (e->has_status)
		put_uint(w, e->status, 0);
	else
		put_absent(w);
	if (e->time_kind == READING_TIME_SECINDEX || e->time_kind == READING_TIME_UNIX)
		put_time(w, e->time_kind, e->time);
	else
		put_absent(w);
	if (e->unit != 0)
		put_uint(w, e->unit, 1);
	else
		put_absent(w);
	if (e->has_scaler)
		put_int(w, e->scaler, 1);
	else
		put_absent(w);
	switch (e->type) {
	case SML_ENC_UNSIGNED:
		put_uint(w, e->uval, e->width);
		break;
	case SML_ENC_SIGNED:
		put_int(w, e->sval, e->width);
		break;
	case SML_ENC_BOOL:
		put_tl(w, TYPE_BOOL, 1, false);
		put(w, e->sval != 0 ? 0xFF : 0x00);
		break;
	case SML_ENC_OCTETS:
		put_octets(w, e->octets, e->octets_len);
		break;
	}
	put_absent(w); /* valueSignature */
}

/* Message header up to the body tag. Returns the offset of the message start. */
static size_t
msg_begin(struct wr *w, uint32_t txid, uint16_t tag)
{
	size_t start = w->n;
	uint8_t id[4] = {(uint8_t)(txid >> 24), (uint8_t)(txid >> 16), (uint8_t)(txid >> 8),
	                 (uint8_t)txid};

	put_list(w, 6);
	put_octets(w, id, sizeof(id));
	put_uint(w, 0, 1); /* groupNo */
	put_uint(w, 0, 1); /* abortOnError */
	put_list(w, 2);
	put_uint(w, tag, 2);
	return start;
}

/* crc16 over the message so far (low byte first; KERMIT high byte first) and endOfSmlMsg. */
static void
msg_end(struct wr *w, size_t start, enum sml_crc_kind kind)
{
	uint16_t c;

	if (w->err)
		return;
	if (kind == SML_CRC_KERMIT) {
		c = crc16_kermit(w->p + start, w->n - start);
		put(w, 0x63);
		put(w, (uint8_t)(c >> 8));
		put(w, (uint8_t)c);
	} else {
		c = crc16_x25(w->p + start, w->n - start);
		put(w, 0x63);
		put(w, (uint8_t)c);
		put(w, (uint8_t)(c >> 8));
	}
	put(w, 0x00);
}

static void
put_messages(struct wr *w, const struct sml_enc_telegram *t)
{
	static const uint8_t file_id[] = {'m', 'e', 't', 'e', 'r', 'd'};
	size_t s, i;

	s = msg_begin(w, t->transaction, SML_OPEN_RES);
	put_list(w, 6);
	put_absent(w); /* codepage */
	put_absent(w); /* clientId */
	put_octets(w, file_id, sizeof(file_id));
	put_octets(w, t->server_id, t->server_id_len);
	put_absent(w); /* refTime */
	put_absent(w); /* smlVersion */
	msg_end(w, s, t->crc);

	s = msg_begin(w, t->transaction + 1, SML_GET_LIST_RES);
	put_list(w, 7);
	put_absent(w); /* clientId */
	put_octets(w, t->server_id, t->server_id_len);
	put_absent(w); /* listName */
	if (t->has_sensor_time)
		put_time(w, READING_TIME_SECINDEX, t->sensor_time);
	else
		put_absent(w);
	put_list(w, t->n_entries);
	for (i = 0; i < t->n_entries && !w->err; i++)
		put_entry(w, &t->entries[i]);
	put_absent(w); /* listSignature */
	put_absent(w); /* actGatewayTime */
	msg_end(w, s, t->crc);

	s = msg_begin(w, t->transaction + 2, SML_CLOSE_RES);
	put_list(w, 1);
	put_absent(w); /* globalSignature */
	msg_end(w, s, t->crc);
}

static bool
esc_block(const uint8_t *p)
{
	return p[0] == 0x1b && p[1] == 0x1b && p[2] == 0x1b && p[3] == 0x1b;
}

size_t
sml_enc_frame(const uint8_t *payload, size_t n, enum sml_crc_kind crc, uint8_t *out, size_t cap)
{
	static const uint8_t start[8] = {0x1b, 0x1b, 0x1b, 0x1b, 0x01, 0x01, 0x01, 0x01};
	size_t pad = (4 - n % 4) % 4, body = n + pad, esc = 0, total, src, dst, i;
	uint16_t c;

	if (body + 16 < n || body + 16 > cap)
		return 0;
	memmove(out + 8, payload, n);
	memset(out + 8 + n, 0, pad);
	for (i = 0; i < body; i += 4)
		if (esc_block(out + 8 + i))
			esc++;
	total = 8 + body + 4 * esc + 8;
	if (total > cap)
		return 0;
	/* Every aligned 1b1b1b1b block goes out twice; spread from the back, in place. */
	src = 8 + body;
	dst = 8 + body + 4 * esc;
	while (src > 8) {
		src -= 4;
		dst -= 4;
		memmove(out + dst, out + src, 4);
		if (esc_block(out + src)) {
			dst -= 4;
			memcpy(out + dst, start, 4);
		}
	}
	memcpy(out, start, sizeof(start));
	memcpy(out + total - 8, start, 4);
	out[total - 4] = 0x1a;
	out[total - 3] = (uint8_t)pad;
	if (crc == SML_CRC_KERMIT) {
		c = crc16_kermit(out, total - 2);
		out[total - 2] = (uint8_t)(c >> 8);
		out[total - 1] = (uint8_t)c;
	} else {
		c = crc16_x25(out, total - 2);
		out[total - 2] = (uint8_t)c;
		out[total - 1] = (uint8_t)(c >> 8);
	}
	return total;
}

size_t
sml_enc_telegram(const struct sml_enc_telegram *t, uint8_t *out, size_t cap)
{
	struct wr w;
	size_t i;

	for (i = 0; i < t->n_entries; i++)
		if (t->entries[i].width > 8)
			return 0;
	if (t->bare) {
		w.p = out;
		w.cap = cap;
	} else {
		if (cap < 16)
			return 0;
		w.p = out + 8; /* messages where the frame will carry them */
		w.cap = cap - 16;
	}
	w.n = 0;
	w.err = false;
	put_messages(&w, t);
	if (w.err)
		return 0;
	if (t->bare)
		return w.n;
	return sml_enc_frame(out + 8, w.n, t->crc, out, cap);
}
