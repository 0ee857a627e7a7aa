/*
 * q3d.c - EasyMeter Q3D: a three-phase meter with an optical push
 * interface, IEC 62056-21 data every 2 s at 9600 7E1 without request.
 *
 * Built after tests/fixtures/d0/dsmr_parser__ESY5Q3DB1024_V304.txt: the
 * identification /ESY5Q3DB1024 V3.04, an empty line, the data sets in the
 * same order and with the same widths (energy in kWh with 7 decimals, power
 * in W with 2), and the "!" end line. A push telegram has no STX/ETX and no
 * checksum, so --fault crc flips the parity bit of one digit, which is what
 * line noise does to this meter. The fixture's trailing gateway lines
 * ("  25803103", 0xFF run) came from a COM-1 Ethernet box, not the meter,
 * and are not sent. The meter is bidirectional: power is signed (negative
 * while the PV system exports), 2.8.0 counts the export.
 */
#include <math.h>

#include "sim.h"

struct q3d {
	struct sim_house house;
};

static void
q3d_telegram(struct sim_meter *m, uint64_t now)
{
	struct q3d    *q = m->ctx;
	struct sim_house *h = &q->house;
	uint8_t        out[512];
	struct sim_buf b;
	size_t         check;

	sim_buf_init(&b, out, sizeof(out));
	sim_buf_printf(&b, "/ESY5Q3DB1024 V3.04\r\n\r\n");
	sim_buf_printf(&b, "1-0:0.0.0*255(0272031312565)\r\n");
	sim_buf_dataset(&b, "1-0:1.8.0*255", (int64_t)h->import_e4, 7, 16, "kWh");
	sim_buf_dataset(&b, "1-0:2.8.0*255", (int64_t)h->export_e4, 7, 16, "kWh");
	sim_buf_dataset(&b, "1-0:21.7.0*255", llround(h->p_phase[0] * 100), 2, 9, "W");
	sim_buf_dataset(&b, "1-0:41.7.0*255", llround(h->p_phase[1] * 100), 2, 9, "W");
	sim_buf_dataset(&b, "1-0:61.7.0*255", llround(h->p_phase[2] * 100), 2, 9, "W");
	check = b.len + 18; /* a digit of the total power */
	sim_buf_dataset(&b, "1-0:1.7.0*255", llround(h->p_total * 100), 2, 9, "W");
	sim_buf_printf(&b, "1-0:96.5.5*255(80)\r\n");
	sim_buf_printf(&b, "0-0:96.1.255*255(1ESY1313002565)\r\n");
	sim_buf_printf(&b, "!\r\n");
	if (!b.overflow)
		sim_send_frame(m, now, 0, out, b.len, check);
}

static int
q3d_init(struct sim_meter *m, uint64_t now)
{
	struct q3d *q = m->ctx;

	sim_house_init(&q->house, &m->rng, sim_meter_time(m, now), 52185.78 + sim_rng_range(&m->rng, 0, 50),
	               19949.32 + sim_rng_range(&m->rng, 0, 50), 4500);
	sim_meter_wake_at(m, now + 300);
	return 0;
}

static void
q3d_timer(struct sim_meter *m, uint64_t now)
{
	struct q3d *q = m->ctx;

	sim_house_step(&q->house, &m->rng, sim_meter_time(m, now));
	q3d_telegram(m, now);
	sim_meter_wake_next(m, now);
}

const struct sim_kind q3d_sim_kind = {
	.name = "q3d",
	.summary = "EasyMeter Q3D, D0 push every 2 s, 9600 7E1",
	.protocol = "d0",
	.line = {.baud = 9600, .data_bits = 7, .parity = SERIAL_PARITY_EVEN, .stop_bits = 1},
	.period_ms = 2000,
	.ctx_size = sizeof(struct q3d),
	.init = q3d_init,
	.timer = q3d_timer,
};
