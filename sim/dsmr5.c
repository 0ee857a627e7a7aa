/*
 * dsmr5.c - a Dutch DSMR 5.0 smart meter (Iskra AM550, identification
 * /ISK5\2M550T-1011) on its P1 port: a telegram every second at 115200 8N1,
 * ending in "!" and CRC-16/ARC over "/" .. "!" as four hex digits.
 *
 * Built after tests/fixtures/dsmr/node-dsmr-parser__dsmr-5.0-isk-1.txt: the
 * same objects in the same order and widths, the power failure log, and a
 * gas meter on M-Bus channel 1 whose reading (0-1:24.2.1) carries the time
 * of its last 5-minute value, as DSMR 5 gas meters report. Electricity
 * follows the household model with PV (import/export per tariff, per-phase
 * power, voltage and current); gas follows the heating model as a boiler.
 */
#include <math.h>
#include <stdio.h>
#include <time.h>

#include "meterd/crc.h"
#include "sim.h"

#define GAS_WH_PER_M3 8800.0 /* 9.77 kWh/m3 Groningen gas at 90 % boiler efficiency */

struct dsmr5 {
	struct sim_house house;
	struct sim_heat  boiler;
	double           gas_base_m3;
	double           gas_time;    /* time of the last gas value */
	uint64_t         gas_litres;
};

/* DSMR time stamp YYMMDDhhmmssX, X = S in summer time, W otherwise. */
static void
put_stamp(struct sim_buf *b, double t)
{
	struct tm tm;

	sim_localtime(t, &tm);
	sim_buf_printf(b, "(%02d%02d%02d%02d%02d%02d%c)", tm.tm_year % 100, tm.tm_mon + 1,
	               tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, tm.tm_isdst > 0 ? 'S' : 'W');
}

static int64_t
watts_to_kw3(double w)
{
	return w > 0 ? llround(w) : 0; /* kW with 3 decimals = W */
}

static void
dsmr5_telegram(struct sim_meter *m, uint64_t now)
{
	struct dsmr5     *d = m->ctx;
	struct sim_house *h = &d->house;
	double            t = sim_meter_time(m, now);
	uint8_t           out[1500];
	struct sim_buf    b;
	size_t            check;
	char              addr[16];
	int               i;

	sim_buf_init(&b, out, sizeof(out));
	sim_buf_printf(&b, "/ISK5\\2M550T-1011\r\n\r\n");
	sim_buf_printf(&b, "1-3:0.2.8(50)\r\n0-0:1.0.0");
	put_stamp(&b, t);
	sim_buf_printf(&b, "\r\n0-0:96.1.1(4530303334303036383130353136343136)\r\n");
	sim_buf_dataset(&b, "1-0:1.8.1", (int64_t)(h->import_tariff_e4[0] / 10000), 3, 10, "kWh");
	sim_buf_dataset(&b, "1-0:1.8.2", (int64_t)(h->import_tariff_e4[1] / 10000), 3, 10, "kWh");
	sim_buf_dataset(&b, "1-0:2.8.1", (int64_t)(h->export_tariff_e4[0] / 10000), 3, 10, "kWh");
	sim_buf_dataset(&b, "1-0:2.8.2", (int64_t)(h->export_tariff_e4[1] / 10000), 3, 10, "kWh");
	sim_buf_printf(&b, "0-0:96.14.0(%04d)\r\n", sim_house_tariff(t));
	sim_buf_dataset(&b, "1-0:1.7.0", watts_to_kw3(h->p_total), 3, 6, "kW");
	sim_buf_dataset(&b, "1-0:2.7.0", watts_to_kw3(-h->p_total), 3, 6, "kW");
	sim_buf_printf(&b, "0-0:96.7.21(00006)\r\n0-0:96.7.9(00003)\r\n");
	sim_buf_printf(&b, "1-0:99.97.0(1)(0-0:96.7.19)(180529135630S)(0000002451*s)\r\n");
	sim_buf_printf(&b, "1-0:32.32.0(00003)\r\n1-0:52.32.0(00002)\r\n1-0:72.32.0(00002)\r\n");
	sim_buf_printf(&b, "1-0:32.36.0(00001)\r\n1-0:52.36.0(00001)\r\n1-0:72.36.0(00001)\r\n");
	sim_buf_printf(&b, "0-0:96.13.0()\r\n");
	for (i = 0; i < 3; i++) {
		snprintf(addr, sizeof(addr), "1-0:%d.7.0", 32 + 20 * i);
		sim_buf_dataset(&b, addr, llround(h->volt[i] * 10), 1, 5, "V");
	}
	for (i = 0; i < 3; i++) {
		snprintf(addr, sizeof(addr), "1-0:%d.7.0", 31 + 20 * i);
		sim_buf_dataset(&b, addr, llround(h->amp[i]), 0, 3, "A");
	}
	for (i = 0; i < 3; i++) {
		snprintf(addr, sizeof(addr), "1-0:%d.7.0", 21 + 20 * i);
		sim_buf_dataset(&b, addr, watts_to_kw3(h->p_phase[i]), 3, 6, "kW");
	}
	for (i = 0; i < 3; i++) {
		snprintf(addr, sizeof(addr), "1-0:%d.7.0", 22 + 20 * i);
		sim_buf_dataset(&b, addr, watts_to_kw3(-h->p_phase[i]), 3, 6, "kW");
	}
	sim_buf_printf(&b, "0-1:24.1.0(003)\r\n0-1:96.1.0(4730303339303031373030343630313137)\r\n");
	sim_buf_printf(&b, "0-1:24.2.1");
	put_stamp(&b, d->gas_time);
	sim_buf_u8(&b, '(');
	sim_buf_fixed(&b, (int64_t)d->gas_litres, 3, 9);
	sim_buf_printf(&b, "*m3)\r\n!");
	check = b.len;
	if (b.overflow)
		return;
	sim_buf_printf(&b, "%04X\r\n", crc16_arc(out, b.len));
	if (!b.overflow)
		sim_send_frame(m, now, 0, out, b.len, check + 3);
}

/* The gas meter reports every 5 minutes, on the clock. */
static void
dsmr5_gas(struct dsmr5 *d, double t)
{
	double slot = floor(t / 300.0) * 300.0;

	if (slot > d->gas_time) {
		d->gas_time = slot;
		d->gas_litres = (uint64_t)(d->gas_base_m3 * 1000 +
		                           (double)d->boiler.energy_wh / GAS_WH_PER_M3 * 1000);
	}
}

static int
dsmr5_init(struct sim_meter *m, uint64_t now)
{
	struct dsmr5 *d = m->ctx;
	double        t = sim_meter_time(m, now);

	sim_house_init(&d->house, &m->rng, t, 6757.18 + sim_rng_range(&m->rng, 0, 20),
	               4162.46 + sim_rng_range(&m->rng, 0, 20), 3200);
	sim_heat_init(&d->boiler, &m->rng, t, 0, 0);
	d->gas_base_m3 = 1569.646;
	dsmr5_gas(d, t);
	sim_meter_wake_at(m, now + 200);
	return 0;
}

static void
dsmr5_timer(struct sim_meter *m, uint64_t now)
{
	struct dsmr5 *d = m->ctx;
	double        t = sim_meter_time(m, now);

	sim_house_step(&d->house, &m->rng, t);
	sim_heat_step(&d->boiler, &m->rng, t);
	dsmr5_gas(d, t);
	dsmr5_telegram(m, now);
	sim_meter_wake_next(m, now);
}

const struct sim_kind dsmr5_sim_kind = {
	.name = "dsmr5",
	.summary = "DSMR 5.0 P1 (Iskra AM550) with gas on M-Bus, every 1 s, 115200 8N1",
	.protocol = "dsmr",
	.line = {.baud = 115200, .data_bits = 8, .parity = SERIAL_PARITY_NONE, .stop_bits = 1},
	.period_ms = 1000,
	.ctx_size = sizeof(struct dsmr5),
	.init = dsmr5_init,
	.timer = dsmr5_timer,
};
