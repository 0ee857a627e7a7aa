/*
 * wmbus_mfct.c - manufacturer formats that take the place of data records
 * after the transport layer. See wmbus.h, layer 4.
 *
 * Apator AT-WMBUS-16-2 ("apator162"): after the 2F 2F of the decrypted
 * mode 5 payload come 8 bytes (a type byte, 4 bytes of date, 3 of fault
 * flags), then registers: one byte naming the register and as many data
 * bytes as that register always has; 0xFF pads to the end of the last
 * AES block. Register 0x10 is the total volume in litres, 32 bits little
 * endian. The sizes below are the register catalogue of wmbusmeters'
 * apator162 driver (facts about the format; what each register means
 * beyond 0x10 is not published). A register of unknown size ends the
 * walk, since the next register cannot be found.
 */
#include <string.h>

#include "wmbus_int.h"

#define APATOR_MAN    0x0601 /* "APA" */
#define APATOR_HEADER 8      /* type, date (4), faults (3) */

bool
wmbus_apator162_is(const struct wmbus_info *in)
{
	return in->manufacturer == APATOR_MAN && in->version == 0x05 &&
	       (in->device_type == 0x06 || in->device_type == 0x07) && in->tpl_ci == 0x7A;
}

/* Data bytes of register c, or -1 when its size is not known. */
static int
register_size(uint8_t c)
{
	if (c >= 0xB6 && c <= 0xC7)
		return 3;
	switch (c) {
	case 0x00: /* date */
	case 0x10: /* total volume, litres */
	case 0x42: /* energy */
	case 0xA0:
	case 0xA1:
	case 0xA4:
	case 0xF0:
		return 4;
	case 0x01: /* faults */
	case 0x44:
	case 0xA6:
	case 0xD0:
	case 0xD3:
		return 3;
	case 0x11: /* flow */
	case 0x41: /* voltage */
	case 0x43: /* days since the first start */
	case 0xA7:
	case 0xA8:
	case 0xAA:
	case 0xAB:
	case 0xAC:
	case 0xAD:
	case 0xB4:
		return 2;
	case 0xA2:
	case 0xA5:
	case 0xA9:
	case 0xAF:
		return 1;
	case 0x40: /* detectors */
	case 0x8B:
	case 0x8C:
		return 6;
	case 0x71: /* history: a byte, then 4-byte values */
		return 1 + 2 * 4;
	case 0x72:
		return 1 + 3 * 4;
	case 0x73:
		return 1 + 4 * 4;
	case 0x75:
		return 1 + 6 * 4;
	case 0x7B:
		return 1 + 12 * 4;
	case 0x80: /* events */
	case 0x81:
	case 0x82:
	case 0x83:
	case 0x84:
	case 0x86:
	case 0x87:
		return 10;
	case 0x85:
	case 0x88:
	case 0x8F:
		return 11;
	case 0x8A:
		return 9;
	case 0x8E:
	case 0xA3:
		return 7;
	case 0xB0:
		return 5;
	case 0xB1:
	case 0xB3:
		return 8;
	case 0xB2:
	case 0xB5:
		return 16;
	default:
		return -1;
	}
}

/* Start of the registers in p[0..n): after 2F 2F and the header; false when too short. */
static bool
registers_start(const uint8_t *p, size_t n, size_t *pos)
{
	size_t i = 0;

	if (n >= 2 && p[0] == 0x2F && p[1] == 0x2F)
		i = 2;
	if (n - i < APATOR_HEADER)
		return false;
	*pos = i + APATOR_HEADER;
	return true;
}

/*
 * The next register at *pos (register byte, data), or -1 at the end: the
 * FF padding, the end of the payload, a register of unknown size or one
 * that does not fit.
 */
static int
next_register(const uint8_t *p, size_t n, size_t *pos, const uint8_t **data)
{
	size_t i = *pos;
	int c, size;

	if (i >= n || p[i] == 0xFF)
		return -1;
	c = p[i];
	size = register_size((uint8_t)c);
	if (size < 0 || (size_t)size > n - i - 1)
		return -1;
	*data = p + i + 1;
	*pos = i + 1 + (size_t)size;
	return c;
}

int
wmbus_apator162_check(const uint8_t *p, size_t n)
{
	size_t pos;
	const uint8_t *d;
	int k = 0;

	if (!registers_start(p, n, &pos))
		return -1;
	while (next_register(p, n, &pos, &d) >= 0)
		k++;
	return k;
}

int
wmbus_apator162_next(const struct wmbus_msg *m, struct wmbus_rec_walk *w, struct reading *out,
                     char *text)
{
	struct mbus_record r;
	const uint8_t *d;
	int c;

	if (w->it.len == 0 || w->mfct_done)
		return 0;
	if (w->it.pos == 0 && !registers_start(w->it.p, w->it.len, &w->it.pos))
		w->it.pos = w->it.len;
	memset(&r, 0, sizeof(r));
	while ((c = next_register(w->it.p, w->it.len, &w->it.pos, &d)) >= 0) {
		if (c != 0x10)
			continue;
		/* as the record 04 13: 32-bit integer, volume in litres */
		r.dif = 0x04;
		r.coding = 0x04;
		r.vif = 0x13;
		r.data = d;
		r.data_len = 4;
		mbus_rec_reading(&r, 0, false, out, text);
		wmbus_reading_id(out, w->index++);
		return 1;
	}
	/* the payload as sent, after the 2F 2F */
	r.manufacturer = true;
	r.data = m->rec;
	r.data_len = m->rec_len;
	if (r.data_len >= 2 && r.data[0] == 0x2F && r.data[1] == 0x2F) {
		r.data += 2;
		r.data_len -= 2;
	}
	mbus_rec_reading(&r, 0, false, out, text);
	wmbus_reading_id(out, w->index++);
	w->mfct_done = true;
	return 1;
}
