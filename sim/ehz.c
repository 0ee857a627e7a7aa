/*
 * ehz.c - an SML push meter: ISKRA MT175 (eHZ form), 9600 8N1, a telegram
 * every 2 s without request, SML 1.04 transport v1 with CRC-16/X-25.
 *
 * Built after tests/fixtures/sml/libsml-testing__ISKRA_MT175_D1A52-V22-K0t:
 * OpenResponse, GetListResponse with actSensorTime (secIndex) and the same
 * entries in the same order - manufacturer "ISK" (129-129:199.130.3), server
 * id (1-0:0.0.9), import 1.8.0 with status word and tariffs 1.8.1/1.8.2,
 * export 2.8.0/2.8.1/2.8.2 (Wh, scaler -1, 8-byte integers; a single-tariff
 * meter, so tariff 1 repeats the total and tariff 2 stays 0, as captured), power 16.7.0
 * and per phase 36/56/76.7.0 (W, signed 4-byte, negative while exporting),
 * the 48-byte public key (129-129:199.130.5) - and CloseResponse. The
 * encoder is the core's (sml_enc.h), the inverse of the decoder. Transaction
 * ids count up per message; secIndex counts seconds since power-up.
 */
#include <math.h>
#include <string.h>

#include "meterd/sml_enc.h"
#include "sim.h"

struct ehz {
	struct sim_house house;
	uint32_t         transaction;
	uint32_t         secindex0;
};

static const uint8_t server_id[] = {0x06, 0x49, 0x53, 0x4B, 0x01, 0x0E, 0x1F, 0x66, 0x29, 0x9A};
static const uint8_t public_key[48] = {
	0xB8, 0x5B, 0xFC, 0xA2, 0x56, 0x92, 0x29, 0x22, 0x5F, 0xD5, 0x17, 0x3F, 0x88, 0xC1, 0xF4, 0x79,
	0x11, 0x35, 0x48, 0x12, 0xD0, 0xDE, 0xB2, 0xA5, 0x78, 0x86, 0xE7, 0x67, 0xE6, 0xEB, 0x7E, 0x12,
	0xF0, 0x68, 0xDC, 0xC1, 0x13, 0xD4, 0x81, 0xCC, 0x71, 0xDF, 0x6A, 0x4D, 0x66, 0x73, 0x61, 0x98,
};

#define OBIS(a, b, c, d, e, f) {a, b, c, d, e, f}

static void
energy(struct sml_enc_entry *e, uint8_t c, uint8_t d, uint8_t tariff, uint64_t e4, bool status)
{
	const uint8_t o[6] = OBIS(1, 0, c, d, tariff, 0xFF);

	memcpy(e->obis, o, 6);
	e->type = SML_ENC_SIGNED;
	e->width = 8;
	e->sval = (int64_t)(e4 / 1000); /* 1e-4 Wh -> 0.1 Wh */
	e->unit = 30;                   /* Wh */
	e->has_scaler = true;
	e->scaler = -1;
	e->has_status = status;
	e->status = 0x000101A2; /* as the MT175 sends with its totals */
}

static void
power(struct sml_enc_entry *e, uint8_t c, double w)
{
	const uint8_t o[6] = OBIS(1, 0, c, 7, 0, 0xFF);

	memcpy(e->obis, o, 6);
	e->type = SML_ENC_SIGNED;
	e->width = 4;
	e->sval = llround(w);
	e->unit = 27; /* W */
	e->has_scaler = true;
	e->scaler = 0;
}

static void
ehz_telegram(struct sim_meter *m, uint64_t now)
{
	struct ehz              *z = m->ctx;
	const struct sim_house  *h = &z->house;
	struct sml_enc_entry     e[13];
	struct sml_enc_telegram  t;
	static const uint8_t     mfr[6] = OBIS(129, 129, 199, 130, 3, 0xFF);
	static const uint8_t     sid[6] = OBIS(1, 0, 0, 0, 9, 0xFF);
	static const uint8_t     key[6] = OBIS(129, 129, 199, 130, 5, 0xFF);
	uint8_t                  out[1024];
	size_t                   n;

	memset(e, 0, sizeof(e));
	memset(&t, 0, sizeof(t));
	memcpy(e[0].obis, mfr, 6);
	e[0].type = SML_ENC_OCTETS;
	e[0].octets = (const uint8_t *)"ISK";
	e[0].octets_len = 3;
	memcpy(e[1].obis, sid, 6);
	e[1].type = SML_ENC_OCTETS;
	e[1].octets = server_id;
	e[1].octets_len = sizeof(server_id);
	energy(&e[2], 1, 8, 0, h->import_e4, true);
	/* A single-tariff meter: tariff 1 carries the total, tariff 2 stays 0. */
	energy(&e[3], 1, 8, 1, h->import_e4, false);
	energy(&e[4], 1, 8, 2, 0, false);
	energy(&e[5], 2, 8, 0, h->export_e4, true);
	energy(&e[6], 2, 8, 1, h->export_e4, false);
	energy(&e[7], 2, 8, 2, 0, false);
	power(&e[8], 16, h->p_total);
	power(&e[9], 36, h->p_phase[0]);
	power(&e[10], 56, h->p_phase[1]);
	power(&e[11], 76, h->p_phase[2]);
	memcpy(e[12].obis, key, 6);
	e[12].type = SML_ENC_OCTETS;
	e[12].octets = public_key;
	e[12].octets_len = sizeof(public_key);

	t.server_id = server_id;
	t.server_id_len = sizeof(server_id);
	t.transaction = z->transaction;
	t.has_sensor_time = true;
	t.sensor_time = z->secindex0 + (uint32_t)((now - m->t0) / 1000);
	t.entries = e;
	t.n_entries = 13;
	t.crc = SML_CRC_X25;
	z->transaction += 3; /* three messages */
	if ((n = sml_enc_telegram(&t, out, sizeof(out))) > 0)
		sim_send_frame(m, now, 0, out, n, n - 1); /* the frame CRC's high byte */
}

static int
ehz_init(struct sim_meter *m, uint64_t now)
{
	struct ehz *z = m->ctx;

	/* Mostly consumption, a small PV: export totals as in the capture (~28 MWh). */
	sim_house_init(&z->house, &m->rng, sim_meter_time(m, now), 10736.2 + sim_rng_range(&m->rng, 0, 20),
	               28292.8 + sim_rng_range(&m->rng, 0, 20), 6000);
	z->transaction = 0x0D3412A4u + (uint32_t)(sim_rng_next(&m->rng) % 100000);
	z->secindex0 = 0x05EA8F88u + (uint32_t)(sim_rng_next(&m->rng) % 100000);
	sim_meter_wake_at(m, now + 400);
	return 0;
}

static void
ehz_timer(struct sim_meter *m, uint64_t now)
{
	struct ehz *z = m->ctx;

	sim_house_step(&z->house, &m->rng, sim_meter_time(m, now));
	ehz_telegram(m, now);
	sim_meter_wake_next(m, now);
}

const struct sim_kind ehz_sim_kind = {
	.name = "ehz",
	.summary = "ISKRA MT175 eHZ, SML push every 2 s, 9600 8N1",
	.protocol = "sml",
	.line = {.baud = 9600, .data_bits = 8, .parity = SERIAL_PARITY_NONE, .stop_bits = 1},
	.period_ms = 2000,
	.ctx_size = sizeof(struct ehz),
	.init = ehz_init,
	.timer = ehz_timer,
};
