/*
 * readings.c - the seam between the engine and the sinks; see readings.h.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "platform/posix/ev.h"
#include "platform/posix/log.h"
#include "readings.h"

/* A meter with more values than this is misconfigured or misdecoding. */
#define RD_VALUES_MAX 1024

struct readings {
	bool            (*last_total)(void *arg, const char *id, double *v, int64_t *wall_ms);
	void             *last_total_arg;
	unsigned          guard_logged;
	struct rd_meter **meters;
	size_t            n_meters, cap_meters;
	struct rd_sink   *sinks;
	unsigned          taps;
	struct rd_stranger strangers[RD_STRANGERS_MAX];
	size_t             n_strangers;
};

int64_t
rd_wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
scopy(char *dst, size_t cap, const char *src, size_t n)
{
	if (src == NULL)
		n = 0;
	if (n >= cap)
		n = cap - 1;
	if (n > 0)
		memcpy(dst, src, n);
	dst[n] = '\0';
}

struct readings *
readings_new(void)
{
	return calloc(1, sizeof(struct readings));
}

static void
meter_free(struct rd_meter *m)
{
	free(m->values);
	free(m);
}

void
readings_free(struct readings *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->n_meters; i++)
		meter_free(r->meters[i]);
	free(r->meters);
	free(r);
}

void
readings_subscribe(struct readings *r, struct rd_sink *s)
{
	struct rd_sink **pp = &r->sinks;

	/* Sinks run in the order they subscribed. */
	while (*pp != NULL)
		pp = &(*pp)->next;
	s->next = NULL;
	s->tap[0] = '\0';
	*pp = s;
}

void
readings_unsubscribe(struct readings *r, struct rd_sink *s)
{
	for (struct rd_sink **pp = &r->sinks; *pp != NULL; pp = &(*pp)->next)
		if (*pp == s) {
			if (s->tap[0] != '\0')
				r->taps--;
			*pp = s->next;
			return;
		}
}

void
readings_tap(struct readings *r, struct rd_sink *s, const char *port)
{
	if (s->tap[0] != '\0')
		r->taps--;
	scopy(s->tap, sizeof(s->tap), port, port != NULL ? strlen(port) : 0);
	if (s->tap[0] != '\0')
		r->taps++;
}

bool
readings_tapped(const struct readings *r, const char *port)
{
	if (r == NULL || r->taps == 0)
		return false;
	for (const struct rd_sink *s = r->sinks; s != NULL; s = s->next)
		if (s->tap[0] != '\0' && strcmp(s->tap, port) == 0)
			return true;
	return false;
}

void
readings_raw(struct readings *r, const char *port, bool tx, const uint8_t *p, size_t n)
{
	for (struct rd_sink *s = r->sinks; s != NULL; s = s->next)
		if (s->raw != NULL && s->tap[0] != '\0' && strcmp(s->tap, port) == 0)
			s->raw(s, port, tx, p, n);
}

size_t
readings_meter_count(const struct readings *r)
{
	return r->n_meters;
}

const struct rd_meter *
readings_meter_at(const struct readings *r, size_t i)
{
	return i < r->n_meters ? r->meters[i] : NULL;
}

const struct rd_meter *
readings_meter_find(const struct readings *r, const char *name)
{
	for (size_t i = 0; i < r->n_meters; i++)
		if (strcmp(r->meters[i]->name, name) == 0)
			return r->meters[i];
	return NULL;
}

const struct rd_value *
readings_value_find(const struct readings *r, const char *id, const struct rd_meter **meter)
{
	const char *slash = strchr(id, '/');

	if (slash == NULL)
		return NULL;
	for (size_t i = 0; i < r->n_meters; i++) {
		const struct rd_meter *m = r->meters[i];
		size_t                 nl = strlen(m->name);
		if (nl != (size_t)(slash - id) || strncmp(m->name, id, nl) != 0)
			continue;
		for (size_t k = 0; k < m->n_values; k++)
			if (strcmp(m->values[k].id, id) == 0) {
				if (meter != NULL)
					*meter = m;
				return &m->values[k];
			}
	}
	return NULL;
}

static void
tell_meter(struct readings *r, const struct rd_meter *m, enum rd_meter_change ch)
{
	for (struct rd_sink *s = r->sinks; s != NULL; s = s->next)
		if (s->meter != NULL)
			s->meter(s, m, ch);
}

struct rd_meter *
readings_meter_add(struct readings *r, const char *name, const char *protocol)
{
	struct rd_meter *m;

	for (size_t i = 0; i < r->n_meters; i++)
		if (strcmp(r->meters[i]->name, name) == 0) {
			m = r->meters[i];
			if (strcmp(m->protocol, protocol) != 0) {
				/* Same name, another kind of meter: its old values mean nothing now. */
				scopy(m->protocol, sizeof(m->protocol), protocol, strlen(protocol));
				m->n_values = 0;
				m->serial_no++;
			}
			return m;
		}
	if (r->n_meters == r->cap_meters) {
		size_t ncap = r->cap_meters ? r->cap_meters * 2 : 8;
		void  *p = realloc(r->meters, ncap * sizeof(*r->meters));
		if (p == NULL)
			return NULL;
		r->meters = p;
		r->cap_meters = ncap;
	}
	m = calloc(1, sizeof(*m));
	if (m == NULL)
		return NULL;
	scopy(m->name, sizeof(m->name), name, strlen(name));
	scopy(m->protocol, sizeof(m->protocol), protocol, strlen(protocol));
	m->health.state = RD_STATE_STARTING;
	m->health.since_ms = rd_wall_ms();
	m->live = true;
	r->meters[r->n_meters++] = m;
	tell_meter(r, m, RD_METER_ADDED);
	return m;
}

void
readings_meter_remove(struct readings *r, struct rd_meter *m)
{
	for (size_t i = 0; i < r->n_meters; i++)
		if (r->meters[i] == m) {
			m->live = false;
			tell_meter(r, m, RD_METER_REMOVED);
			memmove(&r->meters[i], &r->meters[i + 1], (r->n_meters - i - 1) * sizeof(*r->meters));
			r->n_meters--;
			meter_free(m);
			return;
		}
}

static struct rd_value *
value_slot(struct rd_meter *m, const char *name)
{
	struct rd_value *v;

	for (size_t i = 0; i < m->n_values; i++)
		if (strcmp(m->values[i].name, name) == 0)
			return &m->values[i];
	if (m->n_values == RD_VALUES_MAX)
		return NULL;
	if (m->n_values == m->cap_values) {
		size_t ncap = m->cap_values ? m->cap_values * 2 : 16;
		void  *p = realloc(m->values, ncap * sizeof(*m->values));
		if (p == NULL)
			return NULL;
		m->values = p;
		m->cap_values = ncap;
	}
	v = &m->values[m->n_values++];
	memset(v, 0, sizeof(*v));
	guard_init_sparse(&v->guard);
	scopy(v->name, sizeof(v->name), name, strlen(name));
	snprintf(v->id, sizeof(v->id), "%s/%s", m->name, v->name);
	v->precision = -1;
	return v;
}

/* OBIS C.D codes of electricity (A = 1, or a short D0 code) whose meaning is certain. */
static enum rd_quantity
quantity_from_obis(const char *id, enum rd_class *cls)
{
	const char *colon = strchr(id, ':');
	unsigned    c, d;

	if (colon != NULL && !(id[0] == '1' && id[1] == '-'))
		return RD_Q_UNKNOWN;
	if (sscanf(colon != NULL ? colon + 1 : id, "%u.%u", &c, &d) != 2)
		return RD_Q_UNKNOWN;
	*cls = RD_CLASS_MEASUREMENT;
	if ((c == 1 || c == 2 || c == 15 || c == 16) && (d == 8 || d == 9)) {
		*cls = RD_CLASS_TOTAL;
		return RD_Q_ENERGY;
	}
	if ((c == 3 || c == 4) && (d == 8 || d == 9)) {
		*cls = RD_CLASS_TOTAL;
		return RD_Q_REACTIVE_ENERGY;
	}
	if ((c == 1 || c == 2 || c == 15 || c == 16 || c == 21 || c == 22 || c == 41 || c == 42 ||
	     c == 61 || c == 62) &&
	    (d == 7 || d == 4 || d == 5))
		return RD_Q_POWER;
	if ((c == 12 || c == 32 || c == 52 || c == 72) && d == 7)
		return RD_Q_VOLTAGE;
	if ((c == 11 || c == 31 || c == 51 || c == 71 || c == 91) && d == 7)
		return RD_Q_CURRENT;
	if (c == 14 && d == 7)
		return RD_Q_FREQUENCY;
	if ((c == 13 || c == 33 || c == 53 || c == 73) && d == 7)
		return RD_Q_POWER_FACTOR;
	return RD_Q_UNKNOWN;
}

enum rd_quantity
rd_quantity_from_unit(const char *unit, enum rd_class *cls)
{
	static const struct {
		const char      *unit;
		enum rd_quantity q;
		enum rd_class    c;
	} units[] = {
	    {"Wh", RD_Q_ENERGY, RD_CLASS_TOTAL},        {"kWh", RD_Q_ENERGY, RD_CLASS_TOTAL},
	    {"MWh", RD_Q_ENERGY, RD_CLASS_TOTAL},       {"GJ", RD_Q_ENERGY, RD_CLASS_TOTAL},
	    {"MJ", RD_Q_ENERGY, RD_CLASS_TOTAL},        {"J", RD_Q_ENERGY, RD_CLASS_TOTAL},
	    {"m3", RD_Q_VOLUME, RD_CLASS_TOTAL},        {"m\xc2\xb3", RD_Q_VOLUME, RD_CLASS_TOTAL},
	    {"l", RD_Q_VOLUME, RD_CLASS_TOTAL},         {"L", RD_Q_VOLUME, RD_CLASS_TOTAL},
	    {"varh", RD_Q_REACTIVE_ENERGY, RD_CLASS_TOTAL},
	    {"kvarh", RD_Q_REACTIVE_ENERGY, RD_CLASS_TOTAL},
	    {"W", RD_Q_POWER, RD_CLASS_MEASUREMENT},    {"kW", RD_Q_POWER, RD_CLASS_MEASUREMENT},
	    {"MW", RD_Q_POWER, RD_CLASS_MEASUREMENT},
	    {"var", RD_Q_REACTIVE_POWER, RD_CLASS_MEASUREMENT},
	    {"kvar", RD_Q_REACTIVE_POWER, RD_CLASS_MEASUREMENT},
	    {"m3/h", RD_Q_FLOW, RD_CLASS_MEASUREMENT}, {"l/h", RD_Q_FLOW, RD_CLASS_MEASUREMENT},
	    {"m\xc2\xb3/h", RD_Q_FLOW, RD_CLASS_MEASUREMENT},
	    {"\xc2\xb0" "C", RD_Q_TEMPERATURE, RD_CLASS_MEASUREMENT},
	    {"C", RD_Q_TEMPERATURE, RD_CLASS_MEASUREMENT},
	    {"degC", RD_Q_TEMPERATURE, RD_CLASS_MEASUREMENT},
	    {"K", RD_Q_TEMPERATURE, RD_CLASS_MEASUREMENT},
	    {"V", RD_Q_VOLTAGE, RD_CLASS_MEASUREMENT},  {"A", RD_Q_CURRENT, RD_CLASS_MEASUREMENT},
	    {"Hz", RD_Q_FREQUENCY, RD_CLASS_MEASUREMENT},
	    {"bar", RD_Q_PRESSURE, RD_CLASS_MEASUREMENT},
	    {"h", RD_Q_DURATION, RD_CLASS_TOTAL},
	};
	char   norm[RD_UNIT_MAX];
	size_t n = 0;

	*cls = RD_CLASS_MEASUREMENT;
	if (unit == NULL)
		return RD_Q_UNKNOWN;
	/* "m^3", "m 3" and "m**3" are m3 to a person; so are "KWH" and "kwh" kWh. */
	for (const char *p = unit; *p != '\0' && n + 1 < sizeof(norm); p++)
		if (*p != ' ' && *p != '^' && *p != '*')
			norm[n++] = *p;
	norm[n] = '\0';
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strcmp(norm, units[i].unit) == 0) {
			*cls = units[i].c;
			return units[i].q;
		}
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strcasecmp(norm, units[i].unit) == 0 && units[i].q != RD_Q_TEMPERATURE &&
		    strlen(norm) > 1) {
			*cls = units[i].c;
			return units[i].q;
		}
	return RD_Q_UNKNOWN;
}

void
readings_set_last_total(struct readings *r,
                        bool (*fn)(void *arg, const char *id, double *v, int64_t *wall_ms),
                        void *arg)
{
	r->last_total = fn;
	r->last_total_arg = arg;
}

/* The seam's guard for a total whose source does not guard; true: publish. */
static bool
seam_guard(struct readings *r, struct rd_meter *m, struct rd_value *v,
           const struct rd_point_in *in)
{
	double             x = (double)in->raw * pow(10, in->scaler);
	uint64_t           now = ev_clock_ms();
	enum guard_verdict g;

	if (!v->guard_seeded) {
		double  last;
		int64_t at;
		v->guard_seeded = true;
		if (r->last_total != NULL && r->last_total(r->last_total_arg, v->id, &last, &at)) {
			int64_t age = rd_wall_ms() - at;
			guard_seed(&v->guard, last, age > 0 && (uint64_t)age < now ? now - (uint64_t)age : 0);
		}
	}
	g = guard_check(&v->guard, x, now, guard_rate_for_unit(in->unit));
	if (guard_publish(g))
		return true;
	if (guard_flagged(g)) {
		v->guard_flags++;
		if (r->guard_logged++ < 20)
			log_warnx("meter %s: %s = %.10g %s not published (%s; last good %.10g)", m->name,
			          v->name, x, in->unit != NULL ? in->unit : "", guard_verdict_name(g),
			          v->guard.last);
	}
	return false;
}

const struct rd_value *
readings_point(struct readings *r, struct rd_meter *m, const struct rd_point_in *in)
{
	struct rd_value *v = value_slot(m, in->name);
	struct rd_point  pt;

	if (v == NULL) {
		static bool logged;
		if (!logged)
			log_warnx("meter %s: too many values, %s not kept", m->name, in->name);
		logged = true;
		return NULL;
	}
	if (!v->have) {
		/* What a value is does not change between readings: settle it once. */
		enum rd_class cls = RD_CLASS_MEASUREMENT;
		scopy(v->source_id, sizeof(v->source_id), in->source_id,
		      in->source_id != NULL ? strlen(in->source_id) : 0);
		scopy(v->group, sizeof(v->group), in->group, in->group != NULL ? strlen(in->group) : 0);
		v->precision = in->precision;
		if (in->is_text) {
			v->quantity = RD_Q_TEXT;
			v->cls = RD_CLASS_NONE;
		} else if (in->quantity != RD_Q_UNKNOWN) {
			v->quantity = in->quantity;
			v->cls = in->cls;
		} else {
			v->quantity = rd_quantity_from_unit(in->unit, &cls);
			if (v->quantity == RD_Q_UNKNOWN && in->source_id != NULL)
				v->quantity = quantity_from_obis(in->source_id, &cls);
			v->cls = cls;
		}
	}
	if (!in->guarded && !in->is_text && v->cls == RD_CLASS_TOTAL && !seam_guard(r, m, v, in))
		return NULL;
	v->is_text = in->is_text;
	if (in->is_text) {
		size_t n = in->text_len;
		if (n >= sizeof(v->text))
			n = sizeof(v->text) - 1;
		memcpy(v->text, in->text, n);
		v->text[n] = '\0';
	} else {
		v->raw = in->raw;
		v->scaler = in->scaler;
	}
	scopy(v->unit, sizeof(v->unit), in->unit, in->unit != NULL ? strlen(in->unit) : 0);
	v->meter_time = in->meter_time;
	v->rx_ms = in->rx_ms != 0 ? in->rx_ms : rd_wall_ms();
	v->have = true;
	pt.meter = m;
	pt.value = v;
	for (struct rd_sink *s = r->sinks; s != NULL; s = s->next)
		if (s->point != NULL)
			s->point(s, &pt);
	return v;
}

const struct rd_value *
readings_value_declare(struct readings *r, struct rd_meter *m, const struct rd_point_in *in)
{
	struct rd_value *v = value_slot(m, in->name);

	(void)r;
	if (v != NULL && !v->have) {
		scopy(v->group, sizeof(v->group), in->group, in->group != NULL ? strlen(in->group) : 0);
		scopy(v->unit, sizeof(v->unit), in->unit, in->unit != NULL ? strlen(in->unit) : 0);
		v->precision = in->precision;
	}
	return v;
}

void
readings_batch_end(struct readings *r, struct rd_meter *m)
{
	for (struct rd_sink *s = r->sinks; s != NULL; s = s->next)
		if (s->batch_end != NULL)
			s->batch_end(s, m);
}

void
readings_health(struct readings *r, struct rd_meter *m, const struct rd_health *h)
{
	enum rd_state old = m->health.state;
	int64_t       since = m->health.since_ms;

	m->health = *h;
	if (h->state != old) {
		m->health.since_ms = rd_wall_ms();
		tell_meter(r, m, RD_METER_HEALTH);
	} else
		m->health.since_ms = since;
}

const char *
rd_quantity_name(enum rd_quantity q)
{
	static const char *const names[] = {
	    [RD_Q_UNKNOWN] = "",
	    [RD_Q_ENERGY] = "energy",
	    [RD_Q_POWER] = "power",
	    [RD_Q_VOLUME] = "volume",
	    [RD_Q_FLOW] = "flow",
	    [RD_Q_TEMPERATURE] = "temperature",
	    [RD_Q_VOLTAGE] = "voltage",
	    [RD_Q_CURRENT] = "current",
	    [RD_Q_FREQUENCY] = "frequency",
	    [RD_Q_POWER_FACTOR] = "power_factor",
	    [RD_Q_REACTIVE_ENERGY] = "reactive_energy",
	    [RD_Q_REACTIVE_POWER] = "reactive_power",
	    [RD_Q_PRESSURE] = "pressure",
	    [RD_Q_DURATION] = "duration",
	    [RD_Q_GAS] = "gas",
	    [RD_Q_WATER] = "water",
	    [RD_Q_TEXT] = "text",
	};

	return (unsigned)q < sizeof(names) / sizeof(names[0]) ? names[q] : "";
}

const char *
rd_class_name(enum rd_class c)
{
	switch (c) {
	case RD_CLASS_MEASUREMENT:
		return "measurement";
	case RD_CLASS_TOTAL:
		return "total_increasing";
	case RD_CLASS_NONE:
		break;
	}
	return "";
}

const char *
rd_state_name(enum rd_state s)
{
	switch (s) {
	case RD_STATE_STARTING:
		return "starting";
	case RD_STATE_UP:
		return "up";
	case RD_STATE_SILENT:
		return "silent";
	case RD_STATE_ERRORS:
		return "errors";
	case RD_STATE_PORT_DOWN:
		return "port_down";
	}
	return "?";
}

/* --- devices heard but not configured */

size_t
readings_stranger_count(const struct readings *r)
{
	return r->n_strangers;
}

const struct rd_stranger *
readings_stranger_at(const struct readings *r, size_t i)
{
	return i < r->n_strangers ? &r->strangers[i] : NULL;
}

bool
readings_stranger_heard(struct readings *r, const struct rd_stranger *s)
{
	struct rd_stranger *k = NULL;
	uint32_t            heard = 0;
	bool                first = false;

	for (size_t i = 0; i < r->n_strangers && k == NULL; i++)
		if (strcmp(r->strangers[i].protocol, s->protocol) == 0 &&
		    strcmp(r->strangers[i].id, s->id) == 0)
			k = &r->strangers[i];
	if (k == NULL) {
		if (r->n_strangers == RD_STRANGERS_MAX)
			return false;
		k = &r->strangers[r->n_strangers++];
		first = true;
	} else
		heard = k->heard;
	*k = *s;
	k->heard = heard + 1;
	k->last_ms = rd_wall_ms();
	return first;
}
