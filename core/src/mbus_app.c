/*
 * M-Bus application layer (EN 13757-3): data records and what their
 * DIF/DIFE/VIF/VIFE bytes mean. The walk (mbus_rec_next) only frames a
 * record and checks it fits; mbus_rec_reading() gives it meaning.
 */
#include <string.h>

#include "meterd/mbus.h"

/* libmbus and EN 13757-3 §6.3.1: a record has at most 10 DIFE and 10 VIFE. */
#define MBUS_MAX_DIFE 10
#define MBUS_MAX_VIFE 10

static const char hexdig[] = "0123456789ABCDEF";

void
mbus_manufacturer(uint16_t code, char out[4])
{
	out[0] = (char)(((code >> 10) & 0x1F) + 64);
	out[1] = (char)(((code >> 5) & 0x1F) + 64);
	out[2] = (char)((code & 0x1F) + 64);
	out[3] = '\0';
}

const char *
mbus_medium_name(uint8_t medium)
{
	/* EN 13757-3 Table 3 (device type). */
	/* clang-format off */
	static const char *const names[] = {
		"other", "oil", "electricity", "gas", "heat_outlet", "steam", "warm_water",
		"water", "heat_cost_allocator", "compressed_air", "cooling_outlet",
		"cooling_inlet", "heat_inlet", "heat_cooling", "bus_system", "unknown",
		"reserved", "reserved", "reserved", "reserved", "reserved", "hot_water",
		"cold_water", "dual_water", "pressure", "ad_converter"
	};
	/* clang-format on */

	if (medium < sizeof(names) / sizeof(names[0]))
		return names[medium];
	return "reserved";
}

const char *
mbus_fixed_medium_name(uint8_t medium)
{
	/* EN 13757-3:2004 Annex G (fixed data structure): not the device-type table. */
	/* clang-format off */
	static const char *const names[16] = {
		"other", "oil", "electricity", "gas", "heat", "steam", "hot_water", "water",
		"heat_cost_allocator", "reserved", "gas_mode2", "heat_mode2", "hot_water_mode2",
		"water_mode2", "heat_cost_allocator_mode2", "reserved"
	};
	/* clang-format on */

	return names[medium & 0x0F];
}

bool
mbus_fixed_unit(uint8_t code, const char **quantity, const char **unit, int *scaler)
{
	/*
	 * EN 13757-3:2004 Annex G, the unit field of the fixed structure: runs of
	 * nine decades (1, 10, 100 of the unit and its kilo and mega), kept
	 * here as base unit and scaler.
	 */
	static const struct {
		uint8_t     first;
		int8_t      scaler; /* of the first code */
		const char *quantity, *unit;
	} runs[] = {
	    {0x02, 0, "energy", "Wh"},       /* Wh .. 100 MWh */
	    {0x0B, 3, "energy", "J"},        /* kJ .. 100 GJ */
	    {0x14, 0, "power", "W"},         /* W .. 100 MW */
	    {0x1D, 3, "power", "J/h"},       /* kJ/h .. 100 GJ/h */
	    {0x26, -6, "volume", "m3"},      /* ml .. 100 m3 */
	    {0x2F, -6, "volume_flow", "m3/h"}, /* ml/h .. 100 m3/h */
	};
	size_t i;

	*scaler = 0;
	*unit = "";
	for (i = 0; i < sizeof(runs) / sizeof(runs[0]); i++) {
		if (code >= runs[i].first && code < runs[i].first + 9) {
			*quantity = runs[i].quantity;
			*unit = runs[i].unit;
			*scaler = runs[i].scaler + (code - runs[i].first);
			return true;
		}
	}
	switch (code) {
	case 0x00:
		*quantity = "time"; /* h,m,s */
		return true;
	case 0x01:
		*quantity = "date"; /* D,M,Y */
		return true;
	case 0x38:
		*quantity = "temperature";
		*unit = "\302\260C";
		*scaler = -3;
		return true;
	case 0x39:
		*quantity = "hca";
		return true;
	case 0x3F:
		*quantity = "counter"; /* without units */
		return true;
	}
	*quantity = "counter";
	return false; /* 0x3A-0x3D reserved; 0x3E "as counter 1, historic": the caller's */
}

void
mbus_rec_begin(struct mbus_rec_iter *it, const uint8_t *p, size_t len, bool msb_first)
{
	it->p = p;
	it->len = len;
	it->pos = 0;
	it->msb_first = msb_first;
	it->index = 0;
	it->more_follow = false;
	it->error = NULL;
}

static int
rec_fail(struct mbus_rec_iter *it, const char *why)
{
	it->error = why;
	it->pos = it->len;
	return -1;
}

/*
 * Storage, tariff and subunit numbers of a DIF and its n DIFEs at d
 * (EN 13757-3 §6.3.3: each DIFE adds 4 storage bits, 2 tariff bits, 1
 * subunit bit above the previous ones) into r when not NULL. False when one
 * does not fit its field.
 */
static bool
dife_numbers(const uint8_t *d, unsigned n, struct mbus_record *r)
{
	uint64_t storage = (d[0] >> 6) & 1;
	uint32_t tariff = 0, subunit = 0;
	unsigned i;

	for (i = 0; i < n; i++) {
		uint8_t b = d[1 + i];
		storage |= (uint64_t)(b & 0x0F) << (1 + 4 * i);
		tariff |= (uint32_t)((b >> 4) & 3) << (2 * i);
		subunit |= (uint32_t)((b >> 6) & 1) << i;
	}
	if (storage > UINT32_MAX || tariff > UINT16_MAX || subunit > UINT16_MAX)
		return false;
	if (r != NULL) {
		r->storage = (uint32_t)storage;
		r->tariff = (uint16_t)tariff;
		r->subunit = (uint16_t)subunit;
	}
	return true;
}

/* Data length of a DIF data field coding other than LVAR (0xD) and special (0xF). */
static const uint8_t coding_len[16] = {0, 1, 2, 3, 4, 4, 6, 8, 0, 1, 2, 3, 4, 0, 6, 0};

int
mbus_coding_len(uint8_t coding)
{
	coding &= 0x0F;
	if (coding == 0x0D || coding == 0x0F)
		return -1;
	return coding_len[coding];
}

/* LVAR byte to data length (EN 13757-3:2018 Table 5), or -1 when reserved. */
static int
lvar_len(uint8_t l)
{
	if (l <= 0xBF)
		return l; /* text */
	if (l >= 0xC0 && l <= 0xC9)
		return l - 0xC0; /* positive BCD */
	if (l >= 0xD0 && l <= 0xD9)
		return l - 0xD0; /* negative BCD */
	if (l >= 0xE0 && l <= 0xEF)
		return l - 0xE0; /* binary */
	if (l >= 0xF0 && l <= 0xF4)
		return 4 * (l - 0xEC); /* binary, 16..32 bytes (libmbus example_binary16_lvar) */
	if (l == 0xF5)
		return 48;
	if (l == 0xF6)
		return 64;
	return -1;
}

/*
 * The record grammar: checks the record at it->pos, steps over it and says
 * where its parts lie (mbus_rec_at() reads them). The position is kept in
 * a local: a store through a byte pointer may alias *it.
 */
static inline int
rec_scan(struct mbus_rec_iter *it, struct mbus_rec_span *span, struct mbus_record *r)
{
	const uint8_t *p = it->p;
	size_t pos = it->pos, len = it->len, nvife = 0, dif_at, vif_at, vife_at;
	unsigned difes = 0;
	uint8_t dif, vif, b;
	int dl;

	if (it->error != NULL)
		return -1;
	if (r != NULL)
		memset(r, 0, sizeof(*r));
	while (pos < len && p[pos] == 0x2F)
		pos++; /* idle filler between records */
	if (pos >= len) {
		it->pos = pos;
		return 0;
	}
	dif_at = pos;
	dif = p[pos++];
	if ((dif & 0x0F) == 0x0F) {
		if (dif != 0x0F && dif != 0x1F)
			return rec_fail(it, dif == 0x7F ? "global readout request in a response"
			                                : "reserved special-function DIF");
		if (dif == 0x1F)
			it->more_follow = true;
		if (r != NULL) {
			r->dif = dif;
			r->manufacturer = true;
			r->more_follow = dif == 0x1F;
			r->data = p + pos;
			r->data_len = len - pos;
		}
		span->dif = span->vif = (uint16_t)dif_at;
		span->data = (uint16_t)pos;
		span->data_len = (uint16_t)(len - pos);
		it->pos = len;
		it->index++;
		return 1;
	}
	for (b = dif; b & 0x80; difes++) {
		if (pos >= len)
			return rec_fail(it, "premature end of record at DIFE");
		if (difes == MBUS_MAX_DIFE)
			return rec_fail(it, "more than 10 DIFE");
		b = p[pos++];
	}
	/* From eight DIFEs on, storage (1 + 4 x 8 bits), tariff or subunit
	 * numbers may not fit their fields. */
	if (difes >= 8 && !dife_numbers(p + dif_at, difes, NULL))
		return rec_fail(it, "storage, tariff or subunit number too large");
	if (r != NULL) {
		r->dif = dif;
		r->coding = dif & 0x0F;
		r->function = (dif >> 4) & 3;
		r->difes = (uint8_t)difes;
		if (difes == 0)
			r->storage = (dif >> 6) & 1;
		else
			(void)dife_numbers(p + dif_at, difes, r);
	}

	if (pos >= len)
		return rec_fail(it, "premature end of record at VIF");
	vif_at = pos;
	vif = p[pos++];
	if ((vif & 0x7F) == 0x7C) {
		/* Plain-text unit: length and reversed ASCII come before the VIFEs
		 * (as libmbus and the Elvaco CMa10 frames have it). */
		size_t nplain;
		if (pos >= len)
			return rec_fail(it, "premature end of record at VIF");
		nplain = p[pos++];
		if (nplain > len - pos)
			return rec_fail(it, "plain-text VIF longer than the record");
		if (r != NULL) {
			r->plain = p + pos;
			r->plain_len = (uint8_t)nplain;
		}
		pos += nplain;
	}
	vife_at = pos;
	for (b = vif; b & 0x80; nvife++) {
		if (pos >= len)
			return rec_fail(it, "premature end of record at VIFE");
		if (nvife == MBUS_MAX_VIFE)
			return rec_fail(it, "more than 10 VIFE");
		b = p[pos++];
	}
	if ((vif == 0xFB || vif == 0xFD) && nvife == 0)
		return rec_fail(it, "premature end of record at VIFE");

	if ((dif & 0x0F) == 0x0D) {
		if (pos >= len)
			return rec_fail(it, "premature end of record at data");
		if (r != NULL)
			r->lvar = p[pos];
		if ((dl = lvar_len(p[pos++])) < 0)
			return rec_fail(it, "reserved LVAR length");
	} else {
		dl = coding_len[dif & 0x0F];
	}
	if ((size_t)dl > len - pos)
		return rec_fail(it, "premature end of record at data");
	if (r != NULL) {
		r->vif = vif;
		r->vife = p + vife_at;
		if (vif == 0xFB || vif == 0xFD) {
			r->ext = *r->vife++;
			nvife--;
		}
		r->vifes = (uint8_t)nvife;
		r->data = p + pos;
		r->data_len = (size_t)dl;
	}
	span->dif = (uint16_t)dif_at;
	span->vif = (uint16_t)vif_at;
	span->data = (uint16_t)pos;
	span->data_len = (uint16_t)dl;
	it->pos = pos + (size_t)dl;
	it->index++;
	return 1;
}

static inline void
rec_at(const uint8_t *p, const struct mbus_rec_span *span, struct mbus_record *r)
{
	uint8_t dif = p[span->dif], vif, coding = dif & 0x0F;
	size_t pos = (size_t)span->vif + 1, nvife;

	r->dif = dif;
	r->data = p + span->data;
	r->data_len = span->data_len;
	if (coding == 0x0F) {
		/* DIF 0x0F/0x1F: the rest of the area is the manufacturer's. */
		const uint8_t *data = r->data;
		size_t data_len = r->data_len;
		memset(r, 0, sizeof(*r));
		r->dif = dif;
		r->manufacturer = true;
		r->more_follow = dif == 0x1F;
		r->data = data;
		r->data_len = data_len;
		return;
	}
	r->coding = coding;
	r->function = (dif >> 4) & 3;
	r->difes = (uint8_t)(span->vif - span->dif - 1);
	if (r->difes == 0) {
		r->storage = (dif >> 6) & 1;
		r->tariff = r->subunit = 0;
	} else {
		(void)dife_numbers(p + span->dif, r->difes, r);
	}
	r->vif = vif = p[span->vif];
	r->plain = NULL;
	r->plain_len = 0;
	if ((vif & 0x7F) == 0x7C) {
		r->plain_len = p[pos];
		r->plain = p + pos + 1;
		pos += 1u + r->plain_len;
	}
	/* The VIFEs run to the data, or to the LVAR byte before it. */
	nvife = span->data - pos - (coding == 0x0D);
	r->lvar = coding == 0x0D ? p[span->data - 1] : 0;
	r->ext = 0;
	if (vif == 0xFB || vif == 0xFD) {
		r->ext = p[pos++];
		nvife--;
	}
	r->vife = p + pos;
	r->vifes = (uint8_t)nvife;
	r->manufacturer = false;
	r->more_follow = false;
}

/* rec_scan is inlined into each: the skip drops every store to the record,
 * and a walk that wants the record at once (wmbus) fills it as it goes. */
int
mbus_rec_skip(struct mbus_rec_iter *it, struct mbus_rec_span *span)
{
	return rec_scan(it, span, NULL);
}

void
mbus_rec_at(const uint8_t *p, const struct mbus_rec_span *span, struct mbus_record *r)
{
	rec_at(p, span, r);
}

int
mbus_rec_next(struct mbus_rec_iter *it, struct mbus_record *r)
{
	struct mbus_rec_span span;
	int rc = rec_scan(it, &span, r);

	if (rc <= 0)
		memset(r, 0, sizeof(*r));
	return rc;
}

/* ---- meaning of VIF/VIFE ---- */

enum val_kind {
	VAL_NUMBER,
	VAL_DATE, /* VIF 0x6C/0x6D: type G, J, F or I by data length */
};

struct meaning {
	const char *quantity;
	const char *unit;
	int scaler;
	uint32_t mult; /* time units to seconds */
	enum val_kind kind;
	bool manufacturer_vife; /* stop interpreting VIFEs */
};

static const char *const time_units[4] = {"s", "min", "h", "d"};
static const uint32_t time_mult[4] = {1, 60, 3600, 86400};

static void
set(struct meaning *m, const char *q, const char *u, int scaler)
{
	m->quantity = q;
	m->unit = u;
	m->scaler = scaler;
}

/* nn = s/min/h/d: the value is multiplied out to seconds by the reader. */
static void
set_duration(struct meaning *m, const char *q, unsigned nn)
{
	set(m, q, "s", 0);
	m->mult = time_mult[nn & 3];
}

/* Primary VIF table, EN 13757-3 Table 10 (E bit masked off). */
static void
primary_vif(uint8_t v, struct meaning *m)
{
	unsigned n = v & 7, nn = v & 3;

	/* The ranges of eight codes first, by a jump on the top bits. */
	switch (v >> 3) {
	case 0x00:
		set(m, "energy", "Wh", (int)n - 3);
		return;
	case 0x01:
		set(m, "energy", "J", (int)n);
		return;
	case 0x02:
		set(m, "volume", "m3", (int)n - 6);
		return;
	case 0x03:
		set(m, "mass", "kg", (int)n - 3);
		return;
	case 0x05:
		set(m, "power", "W", (int)n - 3);
		return;
	case 0x06:
		set(m, "power", "J/h", (int)n);
		return;
	case 0x07:
		set(m, "volume_flow", "m3/h", (int)n - 6);
		return;
	case 0x08:
		set(m, "volume_flow", "m3/min", (int)n - 7);
		return;
	case 0x09:
		set(m, "volume_flow", "m3/s", (int)n - 9);
		return;
	case 0x0A:
		set(m, "mass_flow", "kg/h", (int)n - 3);
		return;
	}
	if (v <= 0x23)
		set_duration(m, "on_time", nn);
	else if (v <= 0x27)
		set_duration(m, "operating_time", nn);
	else if (v <= 0x5B)
		set(m, "flow_temperature", "\302\260C", (int)nn - 3);
	else if (v <= 0x5F)
		set(m, "return_temperature", "\302\260C", (int)nn - 3);
	else if (v <= 0x63)
		set(m, "temperature_difference", "K", (int)nn - 3);
	else if (v <= 0x67)
		set(m, "external_temperature", "\302\260C", (int)nn - 3);
	else if (v <= 0x6B)
		set(m, "pressure", "bar", (int)nn - 3);
	else if (v == 0x6C) {
		set(m, "date", "", 0);
		m->kind = VAL_DATE;
	} else if (v == 0x6D) {
		set(m, "datetime", "", 0);
		m->kind = VAL_DATE;
	} else if (v == 0x6E)
		set(m, "hca", "", 0);
	else if (v >= 0x70 && v <= 0x73)
		set_duration(m, "averaging_duration", nn);
	else if (v >= 0x74 && v <= 0x77)
		set_duration(m, "actuality_duration", nn);
	else if (v == 0x78)
		set(m, "fabrication_number", "", 0);
	else if (v == 0x79)
		set(m, "enhanced_identification", "", 0);
	else if (v == 0x7A)
		set(m, "bus_address", "", 0);
	else if (v == 0x7E)
		set(m, "any", "", 0);
	else if (v == 0x7F) {
		set(m, "manufacturer_specific", "", 0);
		m->manufacturer_vife = true;
	} else
		set(m, "unknown", "", 0); /* 0x6F, 0x7B, 0x7D: reserved */
}

/* Second extension table, VIF 0xFD (EN 13757-3 Table 12). */
static void
ext_fd(uint8_t e, struct meaning *m)
{
	static const char *const names[0x80] = {
	    [0x08] = "access_number",
	    [0x09] = "medium",
	    [0x0A] = "manufacturer",
	    [0x0B] = "parameter_set",
	    [0x0C] = "model_version",
	    [0x0D] = "hardware_version",
	    [0x0E] = "firmware_version",
	    [0x0F] = "software_version",
	    [0x10] = "customer_location",
	    [0x11] = "customer",
	    [0x12] = "access_code_user",
	    [0x13] = "access_code_operator",
	    [0x14] = "access_code_system_operator",
	    [0x15] = "access_code_developer",
	    [0x16] = "password",
	    [0x17] = "error_flags",
	    [0x18] = "error_mask",
	    [0x1A] = "digital_output",
	    [0x1B] = "digital_input",
	    [0x1C] = "baud_rate",
	    [0x1D] = "response_delay",
	    [0x1E] = "retry",
	    [0x1F] = "remote_control",
	    [0x20] = "first_storage_number",
	    [0x21] = "last_storage_number",
	    [0x22] = "storage_block_size",
	    [0x23] = "tariff_subunit_descriptor",
	    [0x2A] = "operator_specific",
	    [0x2B] = "time_point_second",
	    [0x3A] = "dimensionless",
	    [0x60] = "reset_counter",
	    [0x61] = "cumulation_counter",
	    [0x62] = "control_signal",
	    [0x63] = "day_of_week",
	    [0x64] = "week_number",
	    [0x65] = "day_change_time",
	    [0x66] = "parameter_activation_state",
	    [0x67] = "supplier_information",
	    [0x70] = "battery_change_date",
	    [0x71] = "rssi",
	    [0x72] = "daylight_saving",
	    [0x73] = "listening_window",
	    [0x75] = "times_meter_stopped",
	    [0x76] = "manufacturer_container",
	};
	unsigned nn = e & 3;

	e &= 0x7F;
	if (e <= 0x03)
		set(m, "credit", "", (int)nn - 3); /* local currency units */
	else if (e <= 0x07)
		set(m, "debit", "", (int)nn - 3);
	else if (e >= 0x24 && e <= 0x27)
		set_duration(m, "storage_interval", nn);
	else if (e == 0x28)
		set(m, "storage_interval", "month", 0);
	else if (e == 0x29)
		set(m, "storage_interval", "a", 0);
	else if (e >= 0x2C && e <= 0x2F)
		set_duration(m, "duration_since_readout", nn);
	else if (e == 0x30) {
		set(m, "tariff_start", "", 0);
		m->kind = VAL_DATE;
	} else if (e >= 0x31 && e <= 0x33)
		set_duration(m, "tariff_duration", nn);
	else if (e >= 0x34 && e <= 0x37)
		set_duration(m, "tariff_period", nn);
	else if (e == 0x38)
		set(m, "tariff_period", "month", 0);
	else if (e == 0x39)
		set(m, "tariff_period", "a", 0);
	else if (e >= 0x40 && e <= 0x4F)
		set(m, "voltage", "V", (int)(e & 0x0F) - 9);
	else if (e >= 0x50 && e <= 0x5F)
		set(m, "current", "A", (int)(e & 0x0F) - 12);
	else if (e >= 0x68 && e <= 0x6F) {
		/* h, d, months, years */
		static const char *const u[4] = {"h", "d", "month", "a"};
		const char *q = e <= 0x6B ? "duration_since_cumulation" : "battery_operating_time";
		if (nn <= 1)
			set_duration(m, q, nn + 2);
		else
			set(m, q, u[nn], 0);
	} else if (e == 0x74)
		set_duration(m, "remaining_battery_life", 3);
	else if (e == 0x70) {
		set(m, names[e], "", 0);
		m->kind = VAL_DATE;
	} else if (names[e] != NULL)
		set(m, names[e], e == 0x1C ? "Bd" : e == 0x71 ? "dBm" : "", 0);
	else
		set(m, "unknown", "", 0);
}

/* First extension table, VIF 0xFB (EN 13757-3 Table 13): the common entries. */
static void
ext_fb(uint8_t e, struct meaning *m)
{
	unsigned n1 = e & 1, nn = e & 3;

	e &= 0x7F;
	if (e <= 0x01)
		set(m, "energy", "Wh", (int)n1 + 5); /* 0.1 MWh and MWh */
	else if (e <= 0x03)
		set(m, "reactive_energy", "varh", (int)n1 + 3);
	else if (e >= 0x08 && e <= 0x09)
		set(m, "energy", "J", (int)n1 + 8); /* 0.1 GJ and GJ */
	else if (e >= 0x10 && e <= 0x11)
		set(m, "volume", "m3", (int)n1 + 2);
	else if (e >= 0x18 && e <= 0x19)
		set(m, "mass", "kg", (int)n1 + 5);
	else if (e >= 0x1A && e <= 0x1B)
		set(m, "relative_humidity", "%", (int)n1 - 1);
	else if (e == 0x21)
		set(m, "volume", "ft3", -1);
	else if (e >= 0x22 && e <= 0x23)
		set(m, "volume", "gal", (int)n1 - 1);
	else if (e == 0x24)
		set(m, "volume_flow", "gal/min", -3);
	else if (e == 0x25)
		set(m, "volume_flow", "gal/min", 0);
	else if (e == 0x26)
		set(m, "volume_flow", "gal/h", 0);
	else if (e >= 0x28 && e <= 0x29)
		set(m, "power", "W", (int)n1 + 5);
	else if (e >= 0x30 && e <= 0x31)
		set(m, "power", "J/h", (int)n1 + 8);
	else if (e >= 0x58 && e <= 0x5B)
		set(m, "flow_temperature", "\302\260F", (int)nn - 3);
	else if (e >= 0x5C && e <= 0x5F)
		set(m, "return_temperature", "\302\260F", (int)nn - 3);
	else if (e >= 0x60 && e <= 0x63)
		set(m, "temperature_difference", "\302\260F", (int)nn - 3);
	else if (e >= 0x64 && e <= 0x67)
		set(m, "external_temperature", "\302\260F", (int)nn - 3);
	else if (e >= 0x70 && e <= 0x73)
		set(m, "temperature_limit", "\302\260F", (int)nn - 3);
	else if (e >= 0x74 && e <= 0x77)
		set(m, "temperature_limit", "\302\260C", (int)nn - 3);
	else if (e >= 0x78)
		set(m, "cumulative_max_power", "W", (int)(e & 7) - 3);
	else
		set(m, "unknown", "", 0);
}

/* Forward/backward flow qualifiers (VIFE 0x3B/0x3C) as part of the quantity. */
static const char *
flow_direction(const char *q, bool backward)
{
	static const char *const t[][3] = {
	    {"energy", "energy_forward", "energy_backward"},
	    {"volume", "volume_forward", "volume_backward"},
	    {"mass", "mass_forward", "mass_backward"},
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(q, t[i][0]) == 0)
			return t[i][backward ? 2 : 1];
	return q;
}

/* A static unit into the cleared unit field: units are a few bytes, fewer
 * than the calls to strlen and memcpy would cost. */
static void
unit_set(char *unit, const char *u)
{
	size_t i;

	for (i = 0; u[i] != '\0' && i < READING_UNIT_MAX - 1; i++)
		unit[i] = u[i];
}

static void
unit_append(char *unit, const char *suffix)
{
	size_t a = strlen(unit), b = strlen(suffix);

	if (a + b < READING_UNIT_MAX) {
		memcpy(unit + a, suffix, b + 1);
	}
}

/* Combinable VIFE (EN 13757-3 Table 15) after a primary or extended VIF. */
static void
apply_vife(const struct mbus_record *r, struct meaning *m, struct reading *out)
{
	static const char *const per_time[8] = {"/s",    "/min",   "/h", "/d",
	                                        "/week", "/month", "/a", "/rev"};
	static const char *const per_unit[10] = {"/l",  "/m3", "/kg",    "/K", "/kWh",
	                                         "/GJ", "/kW", "/(K*l)", "/V", "/A"};
	uint8_t i;

	for (i = 0; i < r->vifes && !m->manufacturer_vife; i++) {
		uint8_t e = r->vife[i] & 0x7F;

		if (e <= 0x1F) {
			/* Record error code (Table 17): the value is not trustworthy. */
			out->status = e;
			out->has |= READING_HAS_STATUS;
		} else if (e <= 0x27) {
			unit_append(out->unit, per_time[e - 0x20]);
		} else if (e >= 0x2C && e <= 0x35) {
			unit_append(out->unit, per_unit[e - 0x2C]);
		} else if (e == 0x36) {
			unit_append(out->unit, "*s");
		} else if (e == 0x3B || e == 0x3C) {
			m->quantity = flow_direction(m->quantity, e == 0x3C);
		} else if (e >= 0x70 && e <= 0x77) {
			m->scaler += (int)(e & 7) - 6; /* multiplicative correction 10^(nnn-6) */
		} else if (e == 0x7D) {
			m->scaler += 3;
		} else if (e == 0x7C) {
			i++; /* a code from the combinable extension table: not ours to scale by */
		} else if (e == 0x7F) {
			m->manufacturer_vife = true; /* the rest is the manufacturer's */
		}
		/* Others (limits, pulse increments, additive corrections, future value)
		 * qualify the record without changing its number. */
	}
}

/* ---- values ---- */

static int64_t
days_from_civil(int y, int m, int d)
{
	/* Howard Hinnant's days_from_civil, proleptic Gregorian. */
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int64_t)era * 146097 + doe - 719468;
}

static char *
put_num(char *s, unsigned v, int width)
{
	int i;

	for (i = width - 1; i >= 0; i--) {
		s[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return s + width;
}

/*
 * The year of a type F date (EN 13757-3:2013 Annex A): 1900 + 100 x the
 * hundred-year bits (b1 bits 5-6) + the 7-bit year. Meters from before the
 * hundred-year bits leave them 0 and count from 2000, so 0 with a year
 * 00-80 is 2000-2080, as the standard recommends for them.
 */
static unsigned
type_f_year(unsigned hundred, unsigned y7)
{
	if (hundred == 0 && y7 <= 80)
		return 2000 + y7;
	return 1900 + 100 * hundred + y7;
}

/* Type G/F/I/J (EN 13757-3 Annex A) from little-endian bytes b[0..n). */
static void
date_reading(const uint8_t *b, size_t n, struct reading *out, char *text)
{
	unsigned year = 0, month = 0, day = 0, hour = 0, min = 0, sec = 0, y7;
	bool has_date = true, has_time = true, invalid = false;
	char *s = text;

	switch (n) {
	case 2: /* G */
		has_time = false;
		day = b[0] & 0x1F;
		month = b[1] & 0x0F;
		y7 = ((b[0] & 0xE0) >> 5) | ((b[1] & 0xF0) >> 1);
		year = 2000 + y7; /* no hundred-year bits: every meter in our data counts from 2000 */
		break;
	case 3: /* J: time only */
		has_date = false;
		sec = b[0] & 0x3F;
		min = b[1] & 0x3F;
		hour = b[2] & 0x1F;
		y7 = 0;
		break;
	case 4: /* F */
		invalid = b[0] & 0x80;
		min = b[0] & 0x3F;
		hour = b[1] & 0x1F;
		day = b[2] & 0x1F;
		month = b[3] & 0x0F;
		y7 = ((b[2] & 0xE0) >> 5) | ((b[3] & 0xF0) >> 1);
		year = type_f_year((b[1] >> 5) & 3, y7);
		break;
	case 6: /* I */
		invalid = b[1] & 0x80;
		sec = b[0] & 0x3F;
		min = b[1] & 0x3F;
		hour = b[2] & 0x1F;
		day = b[3] & 0x1F;
		month = b[4] & 0x0F;
		y7 = ((b[3] & 0xE0) >> 5) | ((b[4] & 0xF0) >> 1);
		year = 2000 + y7;
		break;
	default:
		return;
	}
	if (has_date) {
		s = put_num(s, year, 4);
		*s++ = '-';
		s = put_num(s, month, 2);
		*s++ = '-';
		s = put_num(s, day, 2);
		if (has_time)
			*s++ = 'T';
	}
	if (has_time) {
		s = put_num(s, hour, 2);
		*s++ = ':';
		s = put_num(s, min, 2);
		*s++ = ':';
		s = put_num(s, sec, 2);
	}
	*s = '\0';
	out->type = READING_TEXT;
	out->text = (const uint8_t *)text;
	out->text_len = (size_t)(s - text);
	/*
	 * The text keeps what was sent; only a date that can be one is a time.
	 * A year above 99 (127: "every year"), month 0 or 13-15, day 0 or the IV
	 * bit is flagged instead (a cleared date, an unset clock).
	 */
	if (has_date && (invalid || y7 > 99 || month < 1 || month > 12 || day < 1 ||
	                 hour > 23 || min > 59 || sec > 59)) {
		out->has |= READING_HAS_DATE_INVALID;
		return;
	}
	if (has_date) {
		out->time_kind = READING_TIME_LOCAL;
		out->time = days_from_civil((int)year, (int)month, (int)day) * 86400 +
		            (int64_t)hour * 3600 + min * 60 + sec;
	}
}

/* Bytes as hex text, in the order given, separated by spaces. */
static void
hex_text(const uint8_t *p, size_t n, bool reverse, struct reading *out, char *text)
{
	size_t i, k = 0;

	for (i = 0; i < n && k + 3 < MBUS_TEXT_MAX; i++) {
		uint8_t b = reverse ? p[n - 1 - i] : p[i];
		if (i)
			text[k++] = ' ';
		text[k++] = hexdig[b >> 4];
		text[k++] = hexdig[b & 15];
	}
	text[k] = '\0';
	out->type = READING_TEXT;
	out->text = (const uint8_t *)text;
	out->text_len = k;
}

/*
 * BCD, least significant byte first. A high nibble F in the most
 * significant byte means negative (EN 13757-3 Annex B). Returns false when
 * a digit is not 0-9: the caller reports the digits as text.
 */
static bool
bcd_value(const uint8_t *b, size_t n, int64_t *v)
{
	int64_t x = 0;
	bool neg = false;
	size_t i;

	for (i = n; i-- > 0;) {
		unsigned hi = b[i] >> 4, lo = b[i] & 15;
		if (i == n - 1 && hi == 0xF) {
			neg = true;
			hi = 0;
		}
		if (hi > 9 || lo > 9)
			return false;
		x = x * 100 + hi * 10 + lo;
	}
	*v = neg ? -x : x;
	return true;
}

static void
bcd_text(const uint8_t *b, size_t n, struct reading *out, char *text)
{
	size_t i, k = 0;

	for (i = n; i-- > 0;) {
		text[k++] = hexdig[b[i] >> 4];
		text[k++] = hexdig[b[i] & 15];
	}
	text[k] = '\0';
	out->type = READING_TEXT;
	out->text = (const uint8_t *)text;
	out->text_len = k;
}

static void
text_reading(const uint8_t *p, size_t n, bool reverse, struct reading *out, char *text)
{
	size_t i;

	if (n > MBUS_TEXT_MAX - 1)
		n = MBUS_TEXT_MAX - 1;
	for (i = 0; i < n; i++)
		text[i] = (char)(reverse ? p[n - 1 - i] : p[i]);
	text[n] = '\0';
	out->type = READING_TEXT;
	out->text = (const uint8_t *)text;
	out->text_len = n;
}

/* Little-endian (or, for CI 0x76, big-endian) bytes into one in LE order. */
static const uint8_t *
le_bytes(const uint8_t *p, size_t n, bool msb_first, uint8_t *tmp)
{
	size_t i;

	if (!msb_first)
		return p;
	for (i = 0; i < n; i++)
		tmp[i] = p[n - 1 - i];
	return tmp;
}

static uint64_t
le_uint(const uint8_t *b, size_t n)
{
	uint64_t v = 0;

	while (n--)
		v = (v << 8) | b[n];
	return v;
}

static int64_t
sign_ext(uint64_t v, size_t n)
{
	if (n < 8 && (v & ((uint64_t)1 << (n * 8 - 1))))
		v |= ~(uint64_t)0 << (n * 8);
	return (int64_t)v;
}

void
mbus_rec_reading(const struct mbus_record *r, uint16_t index, bool msb_first, struct reading *out,
                 char *text)
{
	struct meaning m;
	uint8_t tmp[8];
	const uint8_t *b;
	size_t k, nd;
	unsigned v = index;
	int64_t raw = 0;
	int sc = 0;
	bool number = false;

	reading_clear(out);
	/* "mbus:" + decimal index */
	memcpy(out->id, "mbus:", 5);
	nd = v >= 10000 ? 5 : v >= 1000 ? 4 : v >= 100 ? 3 : v >= 10 ? 2 : 1;
	for (k = 5 + nd; k-- > 5; v /= 10)
		out->id[k] = (char)('0' + v % 10);
	out->id[5 + nd] = '\0';
	text[0] = '\0';

	if (r->manufacturer) {
		out->quantity = "manufacturer_data";
		hex_text(r->data, r->data_len, false, out, text);
		return;
	}
	out->has |= READING_HAS_STORAGE | READING_HAS_FUNCTION;
	out->storage = r->storage;
	out->function = r->function;
	if (r->difes) {
		out->has |= READING_HAS_TARIFF | READING_HAS_SUBUNIT;
		out->tariff = r->tariff;
		out->subunit = r->subunit;
	}

	memset(&m, 0, sizeof(m));
	m.mult = 1;
	if ((r->vif & 0x7F) == 0x7C) {
		size_t i, n = r->plain_len;
		set(&m, "plain_text_unit", "", 0);
		if (n > READING_UNIT_MAX - 1)
			n = READING_UNIT_MAX - 1;
		for (i = 0; i < n; i++)
			out->unit[i] = (char)r->plain[r->plain_len - 1 - i];
		out->unit[n] = '\0';
	} else {
		if (r->vif == 0xFD)
			ext_fd(r->ext, &m);
		else if (r->vif == 0xFB)
			ext_fb(r->ext, &m);
		else
			primary_vif(r->vif & 0x7F, &m);
		unit_set(out->unit, m.unit);
	}
	apply_vife(r, &m, out);
	out->quantity = m.quantity;

	b = le_bytes(r->data, r->data_len <= 8 ? r->data_len : 0, msb_first, tmp);
	if (m.kind == VAL_DATE && r->coding != 0x0D && r->coding < 8 && r->coding != 5) {
		date_reading(b, r->data_len, out, text);
		return;
	}
	switch (r->coding) {
	case 0x0: /* no data */
	case 0x8: /* selection for readout */
		text_reading(r->data, 0, false, out, text);
		return;
	case 0x1:
	case 0x2:
	case 0x3:
	case 0x4:
	case 0x6:
	case 0x7:
		raw = sign_ext(le_uint(b, r->data_len), r->data_len);
		number = true;
		break;
	case 0x5:
		if (!reading_from_float32((uint32_t)le_uint(b, 4), &raw, &sc)) {
			uint32_t u = (uint32_t)le_uint(b, 4);
			const char *t = (u & 0x007FFFFFu) ? "nan" : (u >> 31) ? "-inf" : "inf";
			text_reading((const uint8_t *)t, strlen(t), false, out, text);
			return;
		}
		number = true;
		break;
	case 0x9:
	case 0xA:
	case 0xB:
	case 0xC:
	case 0xE:
		if (!bcd_value(b, r->data_len, &raw)) {
			bcd_text(b, r->data_len, out, text);
			return;
		}
		number = true;
		break;
	case 0xD:
		if (r->lvar <= 0xBF) {
			text_reading(r->data, r->data_len, true, out, text);
			return;
		}
		if (r->lvar <= 0xD9) {
			if (!bcd_value(r->data, r->data_len, &raw)) {
				bcd_text(r->data, r->data_len, out, text);
				return;
			}
			if (r->lvar >= 0xD0)
				raw = -raw;
			number = true;
			break;
		}
		if (r->data_len <= 8 && r->data_len > 0 &&
		    (r->data_len < 8 || !(r->data[7] & 0x80))) {
			raw = (int64_t)le_uint(r->data, r->data_len);
			number = true;
			break;
		}
		hex_text(r->data, r->data_len, true, out, text);
		return;
	default:
		return;
	}
	if (!number)
		return;
	if (m.mult > 1) {
		int64_t lim = INT64_MAX / (int64_t)m.mult;
		if (raw <= lim && raw >= -lim) {
			raw *= (int64_t)m.mult;
		} else {
			/* Too big to multiply out: keep the meter's own time unit. */
			unsigned ti = 0;
			while (ti < 3 && time_mult[ti] != m.mult)
				ti++;
			reading_set_str(out->unit, sizeof(out->unit), time_units[ti],
			                strlen(time_units[ti]));
		}
	}
	sc += m.scaler;
	if (sc > 127)
		sc = 127;
	if (sc < -128)
		sc = -128;
	out->type = READING_NUMBER;
	out->raw = raw;
	out->scaler = (int8_t)sc;
	out->has |= READING_HAS_SCALER;
}

/* Appends s[0..n) at out[k] while room is left before the NUL at cap - 1. */
static size_t
put_mem(char *out, size_t k, size_t cap, const char *s, size_t n)
{
	if (n > cap - 1 - k)
		n = cap - 1 - k;
	memcpy(out + k, s, n);
	return k + n;
}

/* A string literal: its length is known, so the copy is a few moves, no calls. */
#define PUT_LIT(out, k, cap, lit) put_mem(out, k, cap, lit, sizeof(lit) - 1)

/* Appends n in decimal, truncated at cap - 1 like put_mem. */
static size_t
put_number(char *out, size_t k, size_t cap, uint32_t n)
{
	char d[11];
	size_t nd = 0;

	do {
		d[nd++] = (char)('0' + n % 10);
		n /= 10;
	} while (n != 0);
	while (nd > 0 && k + 1 < cap)
		out[k++] = d[--nd];
	return k;
}

size_t
mbus_reading_name(const struct reading *r, char *out, size_t cap)
{
	static const char fn[4][8] = {"", "_max", "_min", "_error"};
	static const uint8_t fn_len[4] = {0, 4, 4, 6};
	const char *q = r->quantity != NULL ? r->quantity : "value";
	size_t k;

	if (cap == 0)
		return 0;
	k = put_mem(out, 0, cap, q, strlen(q));
	if ((r->has & READING_HAS_FUNCTION) && (r->function & 3) != 0)
		k = put_mem(out, k, cap, fn[r->function & 3], fn_len[r->function & 3]);
	if ((r->has & READING_HAS_TARIFF) && r->tariff != 0)
		k = put_number(out, PUT_LIT(out, k, cap, "_tariff"), cap, r->tariff);
	if ((r->has & READING_HAS_SUBUNIT) && r->subunit != 0)
		k = put_number(out, PUT_LIT(out, k, cap, "_subunit"), cap, r->subunit);
	if ((r->has & READING_HAS_STORAGE) && r->storage != 0)
		k = put_number(out, PUT_LIT(out, k, cap, "_storage"), cap, r->storage);
	out[k] = '\0';
	return k;
}
