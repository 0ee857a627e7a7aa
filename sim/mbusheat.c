/*
 * mbusheat.c - a wired M-Bus heat meter (Kamstrup MULTICAL 302 with its
 * M-Bus module), 2400 8E1, primary address 183.
 *
 * Built after tests/fixtures/mbus/captures/kamstrup_multical302_libmbus_
 * issue81.hex: the same RSP_UD long frame, CI 0x72 with the long header
 * (KAM, version 0x30, medium 0x04 heat/outlet), and the same 30 data
 * records in the same order and widths: fabrication number, energy, the
 * Kamstrup m3 x T registers (VIF FF 07/08), volume, on time, flow and
 * return temperature, temperature difference, power, flow, the maxima,
 * error flags, date and time, the billing-date (storage 1) values and the
 * manufacturer trailer. The live records follow the heating model; the
 * storage-1 records keep the values of the last billing date.
 *
 * Link layer (EN 13757-2): SND_NKE to our address or 254 (broadcast with
 * reply) is acknowledged with E5; REQ_UD2 (either FCB) to our address or
 * 254 is answered with the long frame, access number counting up; frames
 * to 255 or other addresses get no answer. The meter answers after 50 to
 * 150 ms (the standard allows 11 bit times to 50 ms plus processing).
 * Secondary addressing is not simulated. Parity: 8E1's parity is a ninth bit
 * a pty cannot carry, so the bytes arrive plain (see sim.h).
 */
#include <math.h>
#include <string.h>
#include <time.h>

#include "meterd/mbus.h"
#include "sim.h"

struct mbusheat {
	struct sim_heat heat;
	struct mbus_dec dec;
	uint32_t        id;          /* 8 BCD digits as a number, e.g. 67211183 */
	uint8_t         access_no;
	uint64_t        billing_wh;  /* values at the last billing date */
	uint64_t        billing_ml;
};

static void
put_le(struct sim_buf *b, uint64_t v, size_t n)
{
	while (n--) {
		sim_buf_u8(b, (uint8_t)v);
		v >>= 8;
	}
}

static void
put_bcd(struct sim_buf *b, uint32_t v, size_t n)
{
	while (n--) {
		sim_buf_u8(b, (uint8_t)((v % 10) | (v / 10 % 10) << 4));
		v /= 100;
	}
}

/* One record: its DIF/DIFE/VIF/VIFE bytes, then the value in n little-endian bytes. */
static void
rec(struct sim_buf *b, const char *difvif, size_t dvlen, int64_t v, size_t n)
{
	sim_buf_put(b, difvif, dvlen);
	put_le(b, (uint64_t)v, n);
}

#define REC(b, dv, v, n) rec(b, dv, sizeof(dv) - 1, v, n)

/* EN 13757-3 type F date and time (4 bytes), type G date (2 bytes). */
static uint32_t
type_f(const struct tm *tm)
{
	unsigned y = (unsigned)tm->tm_year % 100;

	return (uint32_t)tm->tm_min | (uint32_t)(tm->tm_hour | (tm->tm_isdst > 0 ? 0x80 : 0)) << 8 |
	       (uint32_t)(tm->tm_mday | (y & 7) << 5) << 16 |
	       (uint32_t)((tm->tm_mon + 1) | (y >> 3) << 4) << 24;
}

static uint16_t
type_g(unsigned day, unsigned month, unsigned year2)
{
	return (uint16_t)(day | (year2 & 7) << 5 | (month | (year2 >> 3) << 4) << 8);
}

static size_t
build_data(struct sim_meter *m, uint64_t now, uint8_t *out, size_t cap)
{
	struct mbusheat       *c = m->ctx;
	const struct sim_heat *h = &c->heat;
	struct sim_buf         b;
	struct tm              tm;
	double                 m3 = (double)h->volume_ml / 1e6;
	double                 bill_m3 = (double)c->billing_ml / 1e6;

	sim_localtime(sim_meter_time(m, now), &tm);
	sim_buf_init(&b, out, cap);
	/* Long header: id, manufacturer KAM, version, medium, access, status, signature. */
	put_bcd(&b, c->id, 4);
	sim_buf_put(&b, "\x2d\x2c\x30\x04", 4);
	sim_buf_u8(&b, c->access_no);
	sim_buf_put(&b, "\x00\x00\x00", 3);

	sim_buf_put(&b, "\x0c\x78", 2);
	put_bcd(&b, c->id, 4);                                          /* fabrication no. */
	REC(&b, "\x04\x06", (int64_t)(h->energy_wh / 1000), 4);          /* energy kWh */
	REC(&b, "\x04\x86\xff\x02", 0, 4);                              /* E2 */
	REC(&b, "\x04\xff\x07", llround(m3 * 62.0), 4);                 /* m3 x T1 */
	REC(&b, "\x04\xff\x08", llround(m3 * 41.0), 4);                 /* m3 x T2 */
	REC(&b, "\x04\x14", (int64_t)(h->volume_ml / 10000), 4);         /* volume 0.01 m3 */
	REC(&b, "\x04\x22", (int64_t)(h->hours_s / 3600), 4);            /* on time, hours */
	REC(&b, "\x34\x22", 2, 4);                                      /* on time in error */
	REC(&b, "\x02\x59", llround(h->flow_c * 100), 2);               /* flow temp 0.01 degC */
	REC(&b, "\x02\x5d", llround(h->return_c * 100), 2);             /* return temp */
	REC(&b, "\x02\x61", llround((h->flow_c - h->return_c) * 100), 2); /* difference */
	REC(&b, "\x04\x2d", llround(h->power_w / 100.0), 4);            /* power, 100 W */
	REC(&b, "\x14\x2d", llround(h->max_power_w / 100.0), 4);        /* max power */
	REC(&b, "\x04\x3b", llround(h->flow_lh), 4);                    /* flow l/h */
	REC(&b, "\x14\x3b", llround(h->max_flow_lh), 4);                /* max flow */
	REC(&b, "\x02\xfd\x17", 0, 2);                                  /* error flags */
	REC(&b, "\x04\x6d", type_f(&tm), 4);                            /* date and time */
	REC(&b, "\x44\x06", (int64_t)(c->billing_wh / 1000), 4);        /* storage 1: energy */
	REC(&b, "\x44\x86\xff\x02", 0, 4);
	REC(&b, "\x44\xff\x07", llround(bill_m3 * 62.0), 4);
	REC(&b, "\x44\xff\x08", llround(bill_m3 * 41.0), 4);
	REC(&b, "\x44\x14", (int64_t)(c->billing_ml / 10000), 4);
	REC(&b, "\x54\x2d", 294, 4);                                    /* storage 1: max power */
	REC(&b, "\x54\x3b", 2327, 4);                                   /* storage 1: max flow */
	REC(&b, "\x42\x6c", type_g(31, 12, (unsigned)(tm.tm_year - 101) % 100), 2); /* billing date */
	REC(&b, "\x07\xff\x0f", 0x0000000004018FAFll, 8);              /* manufacturer */
	REC(&b, "\x04\xff\x11", 0xACB2, 4);
	REC(&b, "\x04\xff\x12", 0xCAF8F0, 4);
	REC(&b, "\x02\xff\x1a", 0x1801, 2);
	REC(&b, "\x02\xfd\x0e", 0x0701, 2);                             /* firmware version */
	return b.overflow ? 0 : b.len;
}

static void
answer_ud2(struct sim_meter *m, uint64_t now)
{
	struct mbusheat *c = m->ctx;
	uint8_t          data[MBUS_LONG_MAX], frame[MBUS_FRAME_MAX];
	size_t           n, len;

	sim_heat_step(&c->heat, &m->rng, sim_meter_time(m, now));
	c->access_no++;
	if ((n = build_data(m, now, data, sizeof(data))) == 0)
		return;
	len = mbus_long_encode(MBUS_C_RSP_UD, m->address, MBUS_CI_VARIABLE, data, n, frame,
	                       sizeof(frame));
	if (len > 0)
		sim_send_frame(m, now, 50 + (unsigned)(sim_rng_next(&m->rng) % 100), frame, len,
		               len - 2);
}

static void
mbusheat_input(struct sim_meter *m, uint64_t now, const uint8_t *p, size_t n)
{
	struct mbusheat *c = m->ctx;

	while (n > 0) {
		size_t         used = mbus_dec_push(&c->dec, p, n);
		enum dec_event ev;

		p += used;
		n -= used;
		while ((ev = mbus_dec_event(&c->dec)) != DEC_NONE) {
			const struct frame_info        *fi;
			const struct mbus_frame_detail *f;
			static const uint8_t            ack = MBUS_ACK;

			if (ev != DEC_FRAME)
				continue;
			fi = mbus_dec_frame(&c->dec);
			f = fi->detail;
			if (fi->status != FRAME_OK || f == NULL || f->kind != MBUS_FRAME_SHORT ||
			    !f->from_master)
				continue;
			if (f->a != m->address && f->a != MBUS_ADDR_BROADCAST_REPLY)
				continue;
			if (f->c == MBUS_C_SND_NKE)
				sim_send_frame(m, now, 20 + (unsigned)(sim_rng_next(&m->rng) % 30), &ack,
				               1, 0);
			else if ((f->c & ~MBUS_C_FCB) == MBUS_C_REQ_UD2)
				answer_ud2(m, now);
		}
	}
}

static int
mbusheat_init(struct sim_meter *m, uint64_t now)
{
	struct mbusheat *c = m->ctx;

	mbus_dec_init(&c->dec);
	c->id = 67211183u + (uint32_t)(sim_rng_next(&m->rng) % 1000);
	c->access_no = (uint8_t)sim_rng_next(&m->rng);
	sim_heat_init(&c->heat, &m->rng, sim_meter_time(m, now), 3392.0 + sim_rng_range(&m->rng, 0, 50),
	              348.12 + sim_rng_range(&m->rng, 0, 5));
	c->billing_wh = c->heat.energy_wh * 9 / 10;
	c->billing_ml = c->heat.volume_ml * 9 / 10;
	return 0;
}

const struct sim_kind mbusheat_sim_kind = {
	.name = "mbusheat",
	.summary = "Kamstrup MULTICAL 302 heat meter on wired M-Bus, address 183, 2400 8E1",
	.protocol = "mbus",
	.line = {.baud = 2400, .data_bits = 8, .parity = SERIAL_PARITY_EVEN, .stop_bits = 1},
	.address = 183,
	.ctx_size = sizeof(struct mbusheat),
	.init = mbusheat_init,
	.input = mbusheat_input,
};
