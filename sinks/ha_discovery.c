/*
 * ha_discovery.c - Home Assistant discovery configs; see ha_discovery.h.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ha_discovery.h"
#include "jsonw.h"

/* Spellings meters and Tasmota scripts use, and HA's for the same unit. */
static const struct {
	const char *in, *ha;
} unit_map[] = {
	{"m3", "m\xc2\xb3"},     {"m^3", "m\xc2\xb3"},     {"m\xc2\xb3", "m\xc2\xb3"},
	{"m3/h", "m\xc2\xb3/h"}, {"m^3/h", "m\xc2\xb3/h"}, {"m\xc2\xb3/h", "m\xc2\xb3/h"},
	{"l", "L"},              {"L", "L"},               {"l/min", "L/min"},
	{"l/h", "L/h"},          {"C", "\xc2\xb0" "C"},    {"degC", "\xc2\xb0" "C"},
	{"\xc2\xb0" "C", "\xc2\xb0" "C"},                  {"K", "K"},
	{"Wh", "Wh"},            {"kWh", "kWh"},           {"MWh", "MWh"},
	{"MJ", "MJ"},            {"GJ", "GJ"},             {"W", "W"},
	{"kW", "kW"},            {"V", "V"},               {"A", "A"},
	{"Hz", "Hz"},            {"var", "var"},           {"kvar", "kvar"},
	{"varh", "varh"},        {"kvarh", "kvarh"},       {"bar", "bar"},
	{"mbar", "mbar"},        {"h", "h"},               {"min", "min"},
	{"s", "s"},              {"%", "%"},
};

void
ha_unit(const char *unit, char *out, size_t cap)
{
	/* Exact spelling first (C vs c), then any case for units longer than one letter. */
	for (size_t i = 0; i < sizeof(unit_map) / sizeof(unit_map[0]); i++)
		if (strcmp(unit, unit_map[i].in) == 0) {
			snprintf(out, cap, "%s", unit_map[i].ha);
			return;
		}
	for (size_t i = 0; i < sizeof(unit_map) / sizeof(unit_map[0]); i++)
		if (strlen(unit) > 1 && strcasecmp(unit, unit_map[i].in) == 0) {
			snprintf(out, cap, "%s", unit_map[i].ha);
			return;
		}
	snprintf(out, cap, "%s", unit);
}

/*
 * Per device class: HA's units (homeassistant/components/sensor/const.py,
 * DEVICE_CLASS_UNITS), limited to those a meter reports, and the state
 * class the Energy dashboard needs.
 */
static const struct {
	enum rd_quantity q;
	const char      *device_class;
	const char      *units[6];
} class_map[] = {
	{RD_Q_ENERGY, "energy", {"Wh", "kWh", "MWh", "MJ", "GJ"}},
	{RD_Q_POWER, "power", {"W", "kW"}},
	{RD_Q_VOLUME, "volume", {"m\xc2\xb3", "L"}},
	{RD_Q_WATER, "water", {"m\xc2\xb3", "L"}},
	{RD_Q_GAS, "gas", {"m\xc2\xb3"}},
	{RD_Q_FLOW, "volume_flow_rate", {"m\xc2\xb3/h", "L/min", "L/h"}},
	{RD_Q_TEMPERATURE, "temperature", {"\xc2\xb0" "C", "K"}},
	{RD_Q_VOLTAGE, "voltage", {"V"}},
	{RD_Q_CURRENT, "current", {"A"}},
	{RD_Q_FREQUENCY, "frequency", {"Hz"}},
	{RD_Q_POWER_FACTOR, "power_factor", {"", "%"}},
	{RD_Q_REACTIVE_POWER, "reactive_power", {"var", "kvar"}},
	{RD_Q_PRESSURE, "pressure", {"bar", "mbar"}},
	{RD_Q_DURATION, "duration", {"h", "min", "s"}},
};

void
ha_sensor_describe(const struct rd_value *v, struct ha_sensor *out)
{
	memset(out, 0, sizeof(*out));
	out->precision = -1;
	if (v->is_text || v->quantity == RD_Q_TEXT || v->cls == RD_CLASS_NONE) {
		/* A text state: no unit, no state class, or HA expects a number. */
		return;
	}
	ha_unit(v->unit, out->unit, sizeof(out->unit));
	for (size_t i = 0; i < sizeof(class_map) / sizeof(class_map[0]); i++) {
		if (class_map[i].q != v->quantity)
			continue;
		for (size_t k = 0; k < 6; k++) {
			const char *u = class_map[i].units[k];
			if (u == NULL || (u[0] == '\0' && k > 0))
				break;
			if (strcmp(u, out->unit) == 0)
				out->device_class = class_map[i].device_class;
		}
	}
	/*
	 * Meter readings only grow (the counter guard drops the rest), and HA's
	 * energy, water and gas classes refuse "measurement".
	 */
	switch (v->quantity) {
	case RD_Q_ENERGY:
	case RD_Q_VOLUME:
	case RD_Q_WATER:
	case RD_Q_GAS:
	case RD_Q_REACTIVE_ENERGY:
		out->state_class = "total_increasing";
		break;
	default:
		out->state_class = v->cls == RD_CLASS_TOTAL ? "total_increasing" : "measurement";
	}
	if (v->precision >= 0)
		out->precision = v->precision;
	else
		out->precision = v->scaler < 0 ? -v->scaler : 0;
}

static void
sanitize(const char *s, char *out, size_t cap, bool id)
{
	size_t n = 0;

	for (; *s != '\0' && n + 1 < cap; s++) {
		unsigned char c = (unsigned char)*s;
		bool          ok;
		if (id)
			ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
			     c == '_' || c == '-';
		else
			ok = c >= 0x20 && c != 0x7f && c != '/' && c != '+' && c != '#';
		out[n++] = ok ? (char)c : '_';
	}
	out[n] = '\0';
}

void
ha_topic_level(const char *s, char *out, size_t cap)
{
	sanitize(s, out, cap, false);
}

void
ha_id_part(const char *s, char *out, size_t cap)
{
	sanitize(s, out, cap, true);
}

static uint32_t
fnv1a(const char *a, const char *b)
{
	uint32_t h = 2166136261u;

	for (const char *p = a; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	h = (h ^ '/') * 16777619u;
	for (const char *p = b; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	return h;
}

void
ha_object_id(const char *node, const struct rd_value *v, char *out, size_t cap)
{
	char name[RD_ID_MAX];

	/* The readable part may be cut; the hash of the exact id keeps it unique. */
	ha_id_part(v->id, name, sizeof(name) > 80 ? 80 : sizeof(name));
	snprintf(out, cap, "%s_%08x", name, (unsigned)fnv1a(node, v->id));
}

void
ha_config_topic(const char *prefix, const char *node, const struct rd_value *v, char *out,
                size_t cap)
{
	char obj[HA_OBJECT_MAX], nid[64];

	ha_id_part(node, nid, sizeof(nid));
	ha_object_id(node, v, obj, sizeof(obj));
	snprintf(out, cap, "%s/sensor/%s/%s/config", prefix, nid, obj);
}

static void
availability(struct jsonw *w, const char *topic)
{
	jsonw_obj_open(w);
	jsonw_str(w, "topic", topic);
	jsonw_str(w, "payload_available", "Online");
	jsonw_str(w, "payload_not_available", "Offline");
	jsonw_obj_close(w);
}

/* Availability (daemon and meter) and the device block, shared by sensors and numbers. */
static void
avail_device(struct jsonw *w, const struct ha_topics *t, const struct rd_meter *m, const char *nid)
{
	char         dev[160], mname[RD_NAME_MAX];

	ha_id_part(m->name, mname, sizeof(mname));
	snprintf(dev, sizeof(dev), "meterd_%s_%s", nid, mname);
	/* Both must be Online: the daemon (its will) and the meter (its health). */
	jsonw_arr_open(w, "availability");
	availability(w, t->lwt);
	availability(w, t->meter_avail);
	jsonw_arr_close(w);
	jsonw_str(w, "availability_mode", "all");
	jsonw_key_obj_open(w, "device");
	jsonw_arr_open(w, "identifiers");
	jsonw_str(w, NULL, dev);
	jsonw_arr_close(w);
	jsonw_str(w, "name", m->name);
	jsonw_str(w, "manufacturer", m->manufacturer[0] != '\0' ? m->manufacturer : "meterd");
	if (m->model[0] != '\0')
		jsonw_str(w, "model", m->model);
	else {
		char model[64];
		snprintf(model, sizeof(model), "%s meter", m->protocol);
		jsonw_str(w, "model", model);
	}
	if (m->serial[0] != '\0')
		jsonw_str(w, "serial_number", m->serial);
	jsonw_obj_close(w);
}

void
ha_config_write(FILE *f, const struct ha_topics *t, const struct rd_meter *m,
                const struct rd_value *v)
{
	struct jsonw     w;
	struct ha_sensor s;
	char             obj[HA_OBJECT_MAX], nid[64], uid[HA_OBJECT_MAX + 80];

	ha_sensor_describe(v, &s);
	ha_id_part(t->node, nid, sizeof(nid));
	ha_object_id(t->node, v, obj, sizeof(obj));
	snprintf(uid, sizeof(uid), "meterd_%s_%s", nid, obj);

	jsonw_init(&w, f);
	jsonw_obj_open(&w);
	jsonw_str(&w, "name", v->name);
	jsonw_str(&w, "unique_id", uid);
	jsonw_str(&w, "object_id", obj);
	jsonw_str(&w, "state_topic", t->state);
	if (s.device_class != NULL)
		jsonw_str(&w, "device_class", s.device_class);
	if (s.state_class != NULL)
		jsonw_str(&w, "state_class", s.state_class);
	if (s.unit[0] != '\0')
		jsonw_str(&w, "unit_of_measurement", s.unit);
	if (s.precision >= 0)
		jsonw_int(&w, "suggested_display_precision", s.precision);
	avail_device(&w, t, m, nid);
	jsonw_key_obj_open(&w, "origin");
	jsonw_str(&w, "name", "meterd");
#ifdef METERD_VERSION
	jsonw_str(&w, "sw_version", METERD_VERSION);
#endif
	jsonw_obj_close(&w);
	jsonw_obj_close(&w);
}

void
ha_number_topic(const char *prefix, const char *node, const struct rd_value *v, char *out,
                size_t cap)
{
	char obj[HA_OBJECT_MAX], nid[64];

	ha_id_part(node, nid, sizeof(nid));
	ha_object_id(node, v, obj, sizeof(obj));
	snprintf(out, cap, "%s/number/%s/%s_set/config", prefix, nid, obj);
}

void
ha_number_write(FILE *f, const struct ha_topics *t, const struct rd_meter *m,
                const struct rd_value *v, const struct ha_number *n)
{
	struct jsonw     w;
	struct ha_sensor s;
	char             obj[HA_OBJECT_MAX], nid[64], uid[HA_OBJECT_MAX + 80], name[RD_NAME_MAX + 8];

	ha_sensor_describe(v, &s);
	ha_id_part(t->node, nid, sizeof(nid));
	ha_object_id(t->node, v, obj, sizeof(obj));
	snprintf(uid, sizeof(uid), "meterd_%s_%s_set", nid, obj);
	snprintf(name, sizeof(name), "%s (set)", v->name);
	jsonw_init(&w, f);
	jsonw_obj_open(&w);
	jsonw_str(&w, "name", name);
	jsonw_str(&w, "unique_id", uid);
	jsonw_str(&w, "state_topic", t->state);
	jsonw_str(&w, "command_topic", n->command_topic);
	jsonw_raw_number(&w, "min", n->min);
	jsonw_raw_number(&w, "max", n->max);
	jsonw_raw_number(&w, "step", n->step);
	jsonw_str(&w, "mode", "box");
	if (s.unit[0] != '\0')
		jsonw_str(&w, "unit_of_measurement", s.unit);
	avail_device(&w, t, m, nid);
	jsonw_obj_close(&w);
}
