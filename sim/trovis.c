/*
 * trovis.c - SAMSON TROVIS 5573 heating controller as a Modbus RTU slave,
 * 19200 8N1, station address 247 (the seed's), register list rev 2.54.
 *
 * The register map comes from the device profile
 * (data/profiles/samson-trovis-5573.profile): which holding registers and
 * coils exist, which may be written and their valid range. The readable
 * blocks are those of trovis5573_rev2.54_register_blocks.csv (table below):
 * a read must lie inside one block or the controller answers exception 02
 * (illegal data address), as trovis-modbus assumes when it never plans a
 * read across a block boundary. Registers inside a block that the profile
 * does not list (HR40011, 40012, 40019, 40022 ...) answer 0x7FFF, like an
 * absent sensor.
 *
 * One deviation, on purpose: the seed script reads HR40029..40032 and
 * takes a flow in m3/h x 0.01 from HR40030, so the seed's controller has the
 * heat-meter input of the 5576/5578 layout (40029 pulses/h, 40030 flow,
 * 40031/40032 analog outputs AA1/AA2). Here block 40010-40031 therefore
 * reaches 40032 and those registers follow the heating model.
 *
 * Values move with the heating model once a second (the controller's
 * measuring cycle): outdoor AF1, flow VF1, return RueF1, room RF1, tank SF1,
 * control signal Rk1, clock and date; the other sensors are absent
 * (0x7FFF), like the seed's synthetic reply. Writes (FC 6, 16, coils FC 5,
 * 15) are checked against the profile: a read-only or unknown register
 * answers exception 02, a value outside its range exception 03. A written
 * value holds (the model stops overwriting it) until 30 minutes pass
 * without a write: the controller's "control-system monitoring" falls back
 * to autonomous operation then. A written outdoor temperature feeds the
 * heating curve, as an external AF1 value does.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "meterd/mb_pdu.h"
#include "meterd/mbrtu.h"
#include "meterd/profile.h"
#include "sim.h"

#define TROVIS_REGS    9408 /* past the last block (HR49408) */
#define TROVIS_COILS   512
#define MONITOR_MS     (30u * 60u * 1000u)
#define ABSENT         0x7FFF

/* Readable blocks, wire addresses, from trovis5573_rev2.54_register_blocks.csv. */
static const uint16_t blocks[][2] = {
	{0, 5}, {9, 31 /* 30 in the list, see above */}, {33, 42}, {69, 84}, {98, 124},
	{132, 162}, {299, 319}, {899, 931}, {999, 1044}, {1045, 1071}, {1089, 1103},
	{1199, 1243}, {1253, 1271}, {1799, 1808}, {1809, 1812}, {1826, 1849}, {1862, 1870},
	{1999, 2000}, {2199, 2202}, {6399, 6428}, {6469, 6498}, {6499, 6529}, {6530, 6561},
	{6562, 6592}, {6593, 6623}, {6624, 6657}, {6749, 6779}, {6780, 6811}, {6812, 6842},
	{6843, 6873}, {6874, 6907}, {6999, 7029}, {7030, 7061}, {7062, 7092}, {7093, 7123},
	{7124, 7157}, {7249, 7279}, {7280, 7311}, {7312, 7342}, {7343, 7373}, {7374, 7407},
	{7499, 7529}, {7530, 7561}, {7562, 7592}, {7593, 7623}, {7624, 7657}, {7749, 7779},
	{7780, 7811}, {7812, 7842}, {7843, 7873}, {7874, 7907}, {7999, 8029}, {8030, 8061},
	{8062, 8092}, {8093, 8123}, {8124, 8157}, {8249, 8279}, {8280, 8311}, {8312, 8342},
	{8343, 8373}, {8374, 8407}, {8499, 8529}, {8530, 8561}, {8562, 8592}, {8593, 8623},
	{8624, 8657}, {8749, 8779}, {8780, 8811}, {8812, 8842}, {8843, 8873}, {8874, 8907},
	{8999, 9029}, {9030, 9061}, {9062, 9092}, {9093, 9123}, {9124, 9157}, {9249, 9279},
	{9280, 9311}, {9312, 9342}, {9343, 9373}, {9374, 9407},
};

/* Registers the heating model drives (wire addresses). */
enum {
	HR_AF1 = 9, HR_VF1 = 12, HR_RUEF1 = 16, HR_RF1 = 19, HR_SF1 = 22,
	HR_PULSES = 28, HR_FLOW = 29, HR_AA1 = 30, HR_AA2 = 31,
	HR_CLOCK = 99, HR_DATE = 100, HR_YEAR = 101, HR_MODE_RK1 = 105, HR_SIGNAL_RK1 = 106,
};

struct trovis {
	struct sim_profile prof;
	struct sim_heat    heat;
	struct mbrtu_dec   dec;
	uint16_t           hr[TROVIS_REGS];
	uint8_t            held[TROVIS_REGS / 8 + 1]; /* written by the master */
	uint8_t            coil[TROVIS_COILS / 8];
	uint16_t           ncoils;
	uint64_t           last_write;
};

static bool
held(const struct trovis *t, unsigned a)
{
	return (t->held[a / 8] >> (a % 8)) & 1u;
}

static void
set_model(struct trovis *t, unsigned a, double v, double scale)
{
	if (!held(t, a))
		t->hr[a] = (uint16_t)(int16_t)lround(v / scale);
}

static bool
readable(uint16_t addr, uint16_t count)
{
	size_t i;

	for (i = 0; i < sizeof(blocks) / sizeof(blocks[0]); i++)
		if (addr >= blocks[i][0] && (unsigned)addr + count - 1 <= blocks[i][1])
			return true;
	return false;
}

static const struct profile_entry *
entry(const struct trovis *t, char table, unsigned a)
{
	char key[PROFILE_KEY_MAX];

	snprintf(key, sizeof(key), "%s%u", table == 'h' ? "hr" : "co", a);
	return profile_find(t->prof.p, key);
}

static void
trovis_update(struct sim_meter *m, uint64_t now)
{
	struct trovis  *t = m->ctx;
	struct sim_heat *h = &t->heat;
	double          sim_t = sim_meter_time(m, now);
	struct tm       tm;

	if (held(t, HR_AF1) && t->hr[HR_AF1] != ABSENT)
		h->weather += (int16_t)t->hr[HR_AF1] / 10.0 - h->outdoor;
	sim_heat_step(h, &m->rng, sim_t);
	set_model(t, HR_AF1, h->outdoor, 0.1);
	set_model(t, HR_VF1, h->flow_c, 0.1);
	set_model(t, HR_RUEF1, h->return_c, 0.1);
	set_model(t, HR_RF1, h->room_c, 0.1);
	set_model(t, HR_SF1, h->tank_c, 0.1);
	set_model(t, HR_PULSES, h->flow_lh / 10.0, 1); /* 10 l per pulse */
	set_model(t, HR_FLOW, h->flow_lh / 1000.0, 0.01);
	set_model(t, HR_AA1, h->valve_pct / 10.0, 0.1);
	set_model(t, HR_AA2, h->tank_charging ? 10.0 : 0.0, 0.1);
	set_model(t, HR_SIGNAL_RK1, h->valve_pct, 1);
	sim_localtime(sim_t, &tm);
	set_model(t, HR_CLOCK, tm.tm_hour * 100 + tm.tm_min, 1);
	set_model(t, HR_DATE, tm.tm_mday * 100 + tm.tm_mon + 1, 1);
	set_model(t, HR_YEAR, tm.tm_year + 1900, 1);
	set_model(t, HR_MODE_RK1, tm.tm_hour >= 6 && tm.tm_hour < 22 ? 4 : 5, 1);
	if (t->last_write != 0 && now - t->last_write > MONITOR_MS) {
		memset(t->held, 0, sizeof(t->held));
		t->last_write = 0;
	}
}

static int
trovis_init(struct sim_meter *m, uint64_t now)
{
	struct trovis *t = m->ctx;
	size_t         i;

	if (sim_profile_load(&t->prof, "samson-trovis-5573") < 0)
		return -1;
	/* Only requests: an identical second FC 6 write is a request, not an echo. */
	mbrtu_dec_init(&t->dec);
	mbrtu_dec_configure(&t->dec, "role", "slave");
	for (i = 0; i < TROVIS_REGS; i++)
		t->hr[i] = ABSENT;
	/* Fixed identity and settings: the documented defaults where there is one. */
	for (i = 0; i < t->prof.p->count; i++) {
		const struct profile_entry *e = &t->prof.p->entries[i];
		unsigned long               a;

		if (strncmp(e->key, "co", 2) == 0) {
			a = strtoul(e->key + 2, NULL, 10);
			if (a < TROVIS_COILS && a + 1 > t->ncoils)
				t->ncoils = (uint16_t)(a + 1);
			continue;
		}
		a = strtoul(e->key + 2, NULL, 10);
		if (a >= TROVIS_REGS)
			continue;
		/* Settings sit at the bottom of their range; sensors are absent until measured. */
		if (e->has_min && e->writable)
			t->hr[a] = (uint16_t)e->raw_min;
		else if (e->has_min && !e->has_absent)
			t->hr[a] = (uint16_t)e->raw_min;
	}
	t->hr[0] = 5573;   /* product number */
	t->hr[1] = 21;     /* system code 2.1 */
	t->hr[2] = 254;    /* firmware 2.54 */
	t->hr[3] = 110;
	t->hr[5] = (uint16_t)(10000 + sim_rng_next(&m->rng) % 50000);
	t->hr[69] = t->hr[73] = 4; /* Rk1 mode: day */
	t->hr[98] = 900;   /* max flow setpoint 90.0 degC */
	t->hr[102] = 5;    /* rotary switch: operating mode */
	t->hr[142] = m->address;
	sim_heat_init(&t->heat, &m->rng, sim_meter_time(m, now), 0, 0);
	trovis_update(m, now);
	sim_meter_wake_at(m, now + m->period_ms);
	return 0;
}

static void
trovis_fini(struct sim_meter *m)
{
	struct trovis *t = m->ctx;

	sim_profile_free(&t->prof);
}

static void
trovis_timer(struct sim_meter *m, uint64_t now)
{
	trovis_update(m, now);
	sim_meter_wake_next(m, now);
}

/* A write of `count` registers from big-endian `v`: 0 or an exception code. */
static uint8_t
write_regs(struct trovis *t, uint16_t addr, uint16_t count, const uint8_t *v, uint64_t now)
{
	unsigned i;

	for (i = 0; i < count; i++) {
		const struct profile_entry *e = addr + i < TROVIS_REGS ? entry(t, 'h', addr + i) : NULL;
		int64_t raw = e && (e->type == PROFILE_S16) ? (int16_t)mb_word(v, i) : mb_word(v, i);

		if (e == NULL || !e->writable)
			return MB_EX_ILLEGAL_DATA_ADDRESS;
		if ((e->has_min && raw < e->raw_min) || (e->has_max && raw > e->raw_max))
			return MB_EX_ILLEGAL_DATA_VALUE;
	}
	for (i = 0; i < count; i++) {
		t->hr[addr + i] = mb_word(v, i);
		t->held[(addr + i) / 8] |= (uint8_t)(1u << ((addr + i) % 8));
	}
	t->last_write = now;
	return 0;
}

static uint8_t
write_coils(struct trovis *t, uint16_t addr, uint16_t count, const uint8_t *bits, uint64_t now)
{
	unsigned i;

	for (i = 0; i < count; i++) {
		const struct profile_entry *e = entry(t, 'c', addr + i);

		if (e == NULL || !e->writable)
			return MB_EX_ILLEGAL_DATA_ADDRESS;
	}
	for (i = 0; i < count; i++) {
		unsigned a = addr + i;

		t->coil[a / 8] = (uint8_t)((t->coil[a / 8] & ~(1u << (a % 8))) |
		                           (mb_bit(bits, i) << (a % 8)));
	}
	t->last_write = now;
	return 0;
}

/* Answers one request; fills rsp (values into buf). */
static void
handle(struct trovis *t, const struct mb_request *rq, struct mb_response *rsp, uint8_t *buf,
       uint64_t now)
{
	unsigned i;

	memset(rsp, 0, sizeof(*rsp));
	rsp->function = rq->function;
	rsp->address = rq->address;
	rsp->count = rq->count;
	switch (rq->function) {
	case MB_FC_READ_HOLDING_REGISTERS:
		if (!readable(rq->address, rq->count)) {
			rsp->exception = MB_EX_ILLEGAL_DATA_ADDRESS;
			return;
		}
		for (i = 0; i < rq->count; i++) {
			buf[2 * i] = (uint8_t)(t->hr[rq->address + i] >> 8);
			buf[2 * i + 1] = (uint8_t)t->hr[rq->address + i];
		}
		rsp->values = buf;
		rsp->values_len = (uint8_t)(2 * rq->count);
		return;
	case MB_FC_READ_COILS:
		if ((unsigned)rq->address + rq->count > t->ncoils) {
			rsp->exception = MB_EX_ILLEGAL_DATA_ADDRESS;
			return;
		}
		memset(buf, 0, (rq->count + 7u) / 8);
		for (i = 0; i < rq->count; i++) {
			unsigned a = rq->address + i;

			buf[i / 8] |= (uint8_t)(((t->coil[a / 8] >> (a % 8)) & 1u) << (i % 8));
		}
		rsp->values = buf;
		rsp->values_len = (uint8_t)((rq->count + 7u) / 8);
		return;
	case MB_FC_WRITE_SINGLE_REGISTER:
		rsp->exception = write_regs(t, rq->address, 1, rq->values, now);
		rsp->value = mb_word(rq->values, 0);
		return;
	case MB_FC_WRITE_MULTIPLE_REGISTERS:
		rsp->exception = write_regs(t, rq->address, rq->count, rq->values, now);
		return;
	case MB_FC_WRITE_SINGLE_COIL: {
		uint8_t bit = rq->values[0] == 0xFF;

		rsp->exception = write_coils(t, rq->address, 1, &bit, now);
		rsp->value = mb_word(rq->values, 0);
		return;
	}
	case MB_FC_WRITE_MULTIPLE_COILS:
		rsp->exception = write_coils(t, rq->address, rq->count, rq->values, now);
		return;
	default:
		rsp->exception = MB_EX_ILLEGAL_FUNCTION;
		return;
	}
}

static void
trovis_input(struct sim_meter *m, uint64_t now, const uint8_t *p, size_t n)
{
	struct trovis *t = m->ctx;

	while (n > 0) {
		size_t         used = mbrtu_dec_push(&t->dec, p, n);
		enum dec_event ev;

		p += used;
		n -= used;
		while ((ev = mbrtu_dec_event(&t->dec)) != DEC_NONE) {
			const struct frame_info  *fi;
			const struct mbrtu_frame *f;
			struct mb_response        rsp;
			uint8_t                   vals[MB_PDU_MAX], pdu[MB_PDU_MAX], adu[MBRTU_ADU_MAX];
			int                       pl, al;

			if (ev != DEC_FRAME)
				continue;
			fi = mbrtu_dec_frame(&t->dec);
			f = fi->detail;
			if (fi->status != FRAME_OK || f == NULL || f->kind != MB_KIND_REQUEST)
				continue;
			if (f->slave != m->address && f->slave != 0)
				continue;
			handle(t, &f->req, &rsp, vals, now);
			if (f->slave == 0) /* broadcast: act, never answer */
				continue;
			if ((pl = mb_rsp_encode(&rsp, pdu, sizeof(pdu))) < 0 ||
			    (al = mbrtu_adu_encode(m->address, pdu, (size_t)pl, adu, sizeof(adu))) < 0)
				continue;
			/* The controller's turnaround: a few milliseconds to tens. */
			sim_send_frame(m, now, 5 + (unsigned)(sim_rng_next(&m->rng) % 20), adu,
			               (size_t)al, (size_t)al - 1);
		}
	}
}

const struct sim_kind trovis_sim_kind = {
	.name = "trovis",
	.summary = "SAMSON TROVIS 5573 heating controller, Modbus RTU slave 247, 19200 8N1",
	.protocol = "modbus",
	.line = {.baud = 19200, .data_bits = 8, .parity = SERIAL_PARITY_NONE, .stop_bits = 1},
	.period_ms = 1000,
	.address = 247,
	.ctx_size = sizeof(struct trovis),
	.init = trovis_init,
	.timer = trovis_timer,
	.input = trovis_input,
	.fini = trovis_fini,
};
