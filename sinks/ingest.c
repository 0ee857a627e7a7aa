/*
 * ingest.c - devices on the broker as meters; see ingest.h.
 */
#include <ctype.h>
#include <mosquitto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ha_discovery.h"
#include "ingest.h"
#include "mqtt.h"
#include "platform/posix/log.h"

#define INGEST_TICK_MS 1000
/* A publisher inventing names must not grow the catalogue without end. */
#define INGEST_METERS_MAX 512

struct learnt {
	char             topic[160]; /* a value's state topic */
	char             unit[RD_UNIT_MAX];
	enum rd_quantity quantity;   /* water and gas say more than their unit: RD_Q_UNKNOWN else */
};

struct ing_meter {
	struct rd_meter *m;
	int64_t          last_ms, gap_ms;
};

struct ingest {
	struct ev_loop        *loop;
	struct readings       *rd;
	const struct mqtt_conf *c;
	char                   own[96];         /* tele/<own topic>/ */
	char                   ha_config[96];   /* <prefix>/sensor/+/+/config */
	struct learnt         *learnt;
	size_t                 n_learnt, cap_learnt;
	struct ing_meter      *meters;
	size_t                 n_meters, cap_meters;
	struct ev_timer        tick;
	uint64_t               bad;             /* messages that could not be read */
	uint64_t               refused;         /* new meters beyond INGEST_METERS_MAX */
};

/* --- a small JSON reader: enough for SENSOR objects and discovery configs */

struct js {
	const char *p, *end;
};

static void
js_ws(struct js *j)
{
	while (j->p < j->end && isspace((unsigned char)*j->p))
		j->p++;
}

static bool
js_is(struct js *j, char c)
{
	js_ws(j);
	if (j->p < j->end && *j->p == c) {
		j->p++;
		return true;
	}
	return false;
}

/* A string into out (escapes: the common ones; \u only below 0x80, else '?'). */
static bool
js_string(struct js *j, char *out, size_t cap)
{
	size_t n = 0;

	if (!js_is(j, '"'))
		return false;
	while (j->p < j->end && *j->p != '"') {
		char c = *j->p++;
		if (c == '\\' && j->p < j->end) {
			c = *j->p++;
			switch (c) {
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case 'r': c = '\r'; break;
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case 'u': {
				unsigned v = 0;
				for (int i = 0; i < 4 && j->p < j->end; i++, j->p++)
					v = v * 16 + (unsigned)(isdigit((unsigned char)*j->p) ? *j->p - '0'
					                                                     : (tolower((unsigned char)*j->p) - 'a' + 10));
				c = v < 0x80 ? (char)v : '?';
				break;
			}
			default: break; /* \" \\ \/ */
			}
		}
		if (n + 1 < cap)
			out[n++] = c;
	}
	if (cap > 0)
		out[n] = '\0';
	return js_is(j, '"');
}

static bool js_skip(struct js *j, int depth);

static bool
js_skip(struct js *j, int depth)
{
	char tmp[4];

	js_ws(j);
	if (j->p >= j->end || depth > 16)
		return false;
	if (*j->p == '"')
		return js_string(j, tmp, sizeof(tmp));
	if (*j->p == '{' || *j->p == '[') {
		char close = *j->p == '{' ? '}' : ']';
		bool obj = *j->p == '{';
		j->p++;
		if (js_is(j, close))
			return true;
		do {
			if (obj && (!js_string(j, tmp, sizeof(tmp)) || !js_is(j, ':')))
				return false;
			if (!js_skip(j, depth + 1))
				return false;
		} while (js_is(j, ','));
		return js_is(j, close);
	}
	while (j->p < j->end && (isalnum((unsigned char)*j->p) || (*j->p == '+' || *j->p == '-' || *j->p == '.')))
		j->p++;
	return true;
}

/* A scalar: a number (its text), a string, true/false; false for objects, arrays, null. */
static bool
js_scalar(struct js *j, char *out, size_t cap, bool *is_string)
{
	const char *s;

	js_ws(j);
	if (j->p >= j->end)
		return false;
	if (*j->p == '"') {
		*is_string = true;
		return js_string(j, out, cap);
	}
	*is_string = false;
	s = j->p;
	if (*j->p == '{' || *j->p == '[') {
		js_skip(j, 0);
		return false;
	}
	while (j->p < j->end && (isalnum((unsigned char)*j->p) || (*j->p == '+' || *j->p == '-' || *j->p == '.')))
		j->p++;
	if ((size_t)(j->p - s) + 1 > cap || j->p == s)
		return false;
	memcpy(out, s, (size_t)(j->p - s));
	out[j->p - s] = '\0';
	return strcmp(out, "null") != 0;
}

bool
ingest_decimal(const char *s, size_t n, int64_t *raw, int8_t *scaler)
{
	const char *p = s, *end = s + n;
	bool        neg = false, digits = false, point = false;
	int64_t     v = 0;
	int         sc = 0;

	if (p < end && (*p == '-' || *p == '+'))
		neg = *p++ == '-';
	for (; p < end; p++) {
		if (*p == '.' && !point) {
			point = true;
			continue;
		}
		if (*p < '0' || *p > '9')
			break;
		digits = true;
		if (v > (INT64_MAX - 9) / 10) {
			/* More digits than int64 holds: drop the least significant ones. */
			if (!point)
				sc++;
			continue;
		}
		v = v * 10 + (*p - '0');
		if (point)
			sc--;
	}
	if (!digits)
		return false;
	if (p < end && (*p == 'e' || *p == 'E')) {
		bool eneg = false;
		int  e = 0;
		p++;
		if (p < end && (*p == '-' || *p == '+'))
			eneg = *p++ == '-';
		if (p >= end || *p < '0' || *p > '9')
			return false;
		for (; p < end && *p >= '0' && *p <= '9'; p++)
			if (e < 1000)
				e = e * 10 + (*p - '0');
		sc += eneg ? -e : e;
	}
	if (p != end || sc < -100 || sc > 100)
		return false;
	/* Trailing zeros of the fraction say nothing: "1.50" is 15e-1. */
	while (v != 0 && v % 10 == 0 && sc < 0) {
		v /= 10;
		sc++;
	}
	*raw = neg ? -v : v;
	*scaler = (int8_t)sc;
	return true;
}

/* --- units */

static const struct learnt *
learnt_find(const struct ingest *g, const char *state_topic)
{
	for (size_t i = 0; i < g->n_learnt; i++)
		if (strcmp(g->learnt[i].topic, state_topic) == 0)
			return &g->learnt[i];
	return NULL;
}

/* Tasmota's own sensors: the unit is fixed by the key (Tasmota's ENERGY and sensor JSON). */
static const char *
tasmota_unit(const char *sensor, const char *key)
{
	static const struct {
		const char *sensor, *key, *unit;
	} units[] = {
		{"ENERGY", "Total", "kWh"},       {"ENERGY", "Yesterday", "kWh"},
		{"ENERGY", "Today", "kWh"},       {"ENERGY", "Power", "W"},
		{"ENERGY", "ApparentPower", "VA"}, {"ENERGY", "ReactivePower", "var"},
		{"ENERGY", "Voltage", "V"},       {"ENERGY", "Current", "A"},
		{"ENERGY", "Frequency", "Hz"},    {NULL, "Temperature", "\xc2\xb0" "C"},
		{NULL, "Humidity", "%"},          {NULL, "DewPoint", "\xc2\xb0" "C"},
	};

	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if ((units[i].sensor == NULL || strcmp(units[i].sensor, sensor) == 0) &&
		    strcmp(units[i].key, key) == 0)
			return units[i].unit;
	return NULL;
}

/* A discovery config of another instance: remember its state topic's unit. */
static void
learn_config(struct ingest *g, const char *payload, size_t len)
{
	struct js j = {payload, payload + len};
	char      key[64], topic[160] = "", unit[RD_UNIT_MAX] = "", dclass[32] = "", val[160];
	bool      str;
	struct learnt *l = NULL;

	if (!js_is(&j, '{') || js_is(&j, '}'))
		return;
	do {
		if (!js_string(&j, key, sizeof(key)) || !js_is(&j, ':'))
			return;
		if (strcmp(key, "state_topic") == 0 || strcmp(key, "unit_of_measurement") == 0 ||
		    strcmp(key, "device_class") == 0) {
			if (!js_scalar(&j, val, sizeof(val), &str))
				return;
			if (key[0] == 's')
				snprintf(topic, sizeof(topic), "%s", val);
			else if (key[0] == 'u')
				snprintf(unit, sizeof(unit), "%.*s", (int)sizeof(unit) - 1, val);
			else
				snprintf(dclass, sizeof(dclass), "%.*s", (int)sizeof(dclass) - 1, val);
		} else if (!js_skip(&j, 0))
			return;
	} while (js_is(&j, ','));
	if (topic[0] == '\0' || unit[0] == '\0')
		return;
	for (size_t i = 0; i < g->n_learnt && l == NULL; i++)
		if (strcmp(g->learnt[i].topic, topic) == 0)
			l = &g->learnt[i];
	if (l == NULL && g->n_learnt == g->cap_learnt) {
		size_t ncap = g->cap_learnt ? g->cap_learnt * 2 : 64;
		void  *p = realloc(g->learnt, ncap * sizeof(*g->learnt));
		if (p == NULL)
			return;
		g->learnt = p;
		g->cap_learnt = ncap;
	}
	if (l == NULL)
		l = &g->learnt[g->n_learnt++];
	snprintf(l->topic, sizeof(l->topic), "%s", topic);
	snprintf(l->unit, sizeof(l->unit), "%s", unit);
	l->quantity = strcmp(dclass, "water") == 0 ? RD_Q_WATER
	            : strcmp(dclass, "gas") == 0   ? RD_Q_GAS
	                                           : RD_Q_UNKNOWN;
}

/* --- meters */

static struct ing_meter *
meter_get(struct ingest *g, const char *name)
{
	struct ing_meter *im;
	struct rd_meter  *m;

	for (size_t i = 0; i < g->n_meters; i++)
		if (strcmp(g->meters[i].m->name, name) == 0)
			return &g->meters[i];
	if (g->n_meters == INGEST_METERS_MAX) {
		if (g->refused++ == 0)
			log_warnx("mqtt: ingest: already %d meters, %s and further new ones are not taken "
			          "(counted)", INGEST_METERS_MAX, name);
		return NULL;
	}
	if (g->n_meters == g->cap_meters) {
		size_t ncap = g->cap_meters ? g->cap_meters * 2 : 16;
		void  *p = realloc(g->meters, ncap * sizeof(*g->meters));
		if (p == NULL)
			return NULL;
		g->meters = p;
		g->cap_meters = ncap;
	}
	m = readings_meter_add(g->rd, name, "mqtt");
	if (m == NULL)
		return NULL;
	snprintf(m->model, sizeof(m->model), "MQTT device");
	im = &g->meters[g->n_meters++];
	im->m = m;
	im->last_ms = 0;
	im->gap_ms = 0;
	log_info("mqtt: ingesting meter %s", name);
	return im;
}

static void
meter_seen(struct ingest *g, struct ing_meter *im)
{
	int64_t          now = rd_wall_ms();
	struct rd_health h = im->m->health;

	if (im->last_ms != 0 && now - im->last_ms > 50)
		im->gap_ms = now - im->last_ms;
	im->last_ms = now;
	h.frames_ok++;
	h.last_good_ms = now;
	h.state = RD_STATE_UP;
	readings_health(g->rd, im->m, &h);
}

static void
tick_cb(struct ev_loop *loop, struct ev_timer *t)
{
	struct ingest *g = t->data;
	int64_t        now = rd_wall_ms();

	ev_timer_start(loop, t, INGEST_TICK_MS);
	for (size_t i = 0; i < g->n_meters; i++) {
		struct ing_meter *im = &g->meters[i];
		int64_t           limit = 3 * im->gap_ms;
		if (limit < (int64_t)g->c->ingest_silence_ms)
			limit = g->c->ingest_silence_ms;
		if (im->m->health.state == RD_STATE_UP && now - im->last_ms > limit) {
			struct rd_health h = im->m->health;
			h.state = RD_STATE_SILENT;
			log_info("mqtt: ingested meter %s is silent (nothing for %lld s)", im->m->name,
			         (long long)((now - im->last_ms) / 1000));
			readings_health(g->rd, im->m, &h);
		}
	}
}

static void
point(struct ingest *g, struct ing_meter *im, const char *name, const char *text, bool is_string,
      const char *unit, int64_t meter_time, enum rd_quantity volume_is)
{
	/*
	 * A device that publishes its own readings (Tasmota, AI-on-the-edge with
	 * its plausibility rules) is passed on as it judged them.
	 */
	struct rd_point_in in = {.name = name, .precision = -1, .unit = unit, .meter_time = meter_time,
	                         .guarded = true};
	enum rd_class      cls;

	/* A volume that is known to be water or gas is announced as such (HA's Energy dashboard). */
	if (volume_is != RD_Q_UNKNOWN && rd_quantity_from_unit(unit, &cls) == RD_Q_VOLUME) {
		in.quantity = volume_is;
		in.cls = RD_CLASS_TOTAL;
	}
	if (is_string) {
		in.is_text = true;
		in.text = text;
		in.text_len = strlen(text);
	} else if (!ingest_decimal(text, strlen(text), &in.raw, &in.scaler))
		return;
	readings_point(g->rd, im->m, &in);
}

static int64_t
local_time(const char *s)
{
	struct tm tm;
	char     *end;

	memset(&tm, 0, sizeof(tm));
	end = strptime(s, "%Y-%m-%dT%H:%M:%S", &tm);
	if (end == NULL)
		return 0;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

/* tele/<device>/SENSOR */
static bool
tasmota_sensor(struct ingest *g, const char *device, const char *payload, size_t len)
{
	struct js j = {payload, payload + len};
	char      key[RD_NAME_MAX], sub[RD_NAME_MAX], val[RD_TEXT_MAX], mname[RD_NAME_MAX * 2];
	char      state_topic[256];
	int64_t   mt = 0;
	bool      str;

	if (!js_is(&j, '{'))
		return false;
	if (js_is(&j, '}'))
		return true;
	do {
		if (!js_string(&j, key, sizeof(key)) || !js_is(&j, ':'))
			return false;
		if (strcmp(key, "Time") == 0) {
			if (js_scalar(&j, val, sizeof(val), &str) && str)
				mt = local_time(val);
			continue;
		}
		js_ws(&j);
		if (j.p >= j.end || *j.p != '{') {
			if (!js_skip(&j, 0))
				return false;
			continue; /* top-level scalars ("TempUnit") are no meter */
		}
		snprintf(mname, sizeof(mname), "%s.%s", device, key);
		if (strlen(mname) >= RD_NAME_MAX)
			mname[RD_NAME_MAX - 1] = '\0';
		struct ing_meter *im = meter_get(g, mname);
		if (im == NULL) {
			if (!js_skip(&j, 0)) /* not taken (too many meters): the next sensor may be */
				return false;
			continue;
		}
		j.p++;
		if (!js_is(&j, '}')) {
			do {
				if (!js_string(&j, sub, sizeof(sub)) || !js_is(&j, ':'))
					return false;
				if (!js_scalar(&j, val, sizeof(val), &str))
					continue; /* arrays, objects, null: not one value */
				const char *unit = tasmota_unit(key, sub);
				char        kl[RD_NAME_MAX], sl[RD_NAME_MAX];
				/* Another meterd's state topic of this value, as its discovery names it. */
				ha_topic_level(key, kl, sizeof(kl));
				ha_topic_level(sub, sl, sizeof(sl));
				snprintf(state_topic, sizeof(state_topic), "tele/%s/%s/%s", device, kl, sl);
				const struct learnt *l = unit == NULL ? learnt_find(g, state_topic) : NULL;
				if (l != NULL)
					unit = l->unit;
				point(g, im, sub, val, str, unit, mt, l != NULL ? l->quantity : RD_Q_UNKNOWN);
			} while (js_is(&j, ','));
			if (!js_is(&j, '}'))
				return false;
		}
		meter_seen(g, im);
		readings_batch_end(g->rd, im->m);
	} while (js_is(&j, ','));
	return js_is(&j, '}');
}

/* <main>/<number>/value or /json (AI-on-the-edge-device) */
static bool
edge_value(struct ingest *g, const char *topic, const char *payload, size_t len, const char *unit)
{
	char              main_[RD_NAME_MAX], number[RD_NAME_MAX], val[RD_TEXT_MAX], key[32];
	const char       *last = strrchr(topic, '/'), *prev, *mstart;
	struct ing_meter *im;
	int64_t           mt = 0;
	bool              str;

	if (last == NULL || last == topic)
		return false;
	for (prev = last - 1; prev > topic && *prev != '/'; prev--)
		;
	if (*prev != '/')
		return false;
	snprintf(number, sizeof(number), "%.*s", (int)(last - prev - 1), prev + 1);
	for (mstart = prev - 1; mstart > topic && mstart[-1] != '/'; mstart--)
		;
	snprintf(main_, sizeof(main_), "%.*s", (int)(prev - mstart), mstart);
	if (strcmp(last + 1, "value") == 0) {
		if (len == 0 || len >= sizeof(val))
			return false;
		memcpy(val, payload, len);
		val[len] = '\0';
	} else if (strcmp(last + 1, "json") == 0) {
		struct js j = {payload, payload + len};
		val[0] = '\0';
		if (!js_is(&j, '{'))
			return false;
		do {
			char v[RD_TEXT_MAX];
			if (!js_string(&j, key, sizeof(key)) || !js_is(&j, ':'))
				return false;
			if (!js_scalar(&j, v, sizeof(v), &str))
				continue;
			if (strcmp(key, "value") == 0)
				snprintf(val, sizeof(val), "%s", v);
			else if (strcmp(key, "timestamp") == 0)
				mt = local_time(v);
		} while (js_is(&j, ','));
	} else
		return false;
	if (val[0] == '\0')
		return true; /* no reading this round (AI-on-the-edge sends "" on errors) */
	im = meter_get(g, main_);
	if (im == NULL)
		return true; /* counted in meter_get */
	/* AI-on-the-edge-device reads water meters. */
	point(g, im, number, val, false, unit, mt, RD_Q_WATER);
	meter_seen(g, im);
	readings_batch_end(g->rd, im->m);
	return true;
}

bool
ingest_message(struct ingest *g, const char *topic, const void *payload, size_t len)
{
	bool match;

	if (strncmp(topic, g->own, strlen(g->own)) == 0)
		return false;
	if (mosquitto_topic_matches_sub(g->ha_config, topic, &match) == MOSQ_ERR_SUCCESS && match) {
		if (len > 0)
			learn_config(g, payload, len);
		return true;
	}
	for (size_t i = 0; i < g->c->n_ingest; i++) {
		const char *f = g->c->ingest[i];
		size_t      fl = strlen(f);
		bool        ok;
		if (mosquitto_topic_matches_sub(f, topic, &match) != MOSQ_ERR_SUCCESS || !match)
			continue;
		if (fl >= 7 && strcmp(f + fl - 7, "/SENSOR") == 0) {
			/* tele/<device>/SENSOR: the device is the level before SENSOR */
			const char *end = topic + strlen(topic) - 7, *s = end;
			char        device[RD_NAME_MAX];
			while (s > topic && s[-1] != '/')
				s--;
			snprintf(device, sizeof(device), "%.*s", (int)(end - s), s);
			ok = tasmota_sensor(g, device, payload, len);
		} else
			ok = edge_value(g, topic, payload, len,
			                g->c->ingest_unit[i][0] != '\0' ? g->c->ingest_unit[i] : NULL);
		if (!ok && g->bad++ == 0)
			log_warnx("mqtt: ingest: cannot read the message on %s (counted, not logged again)",
			          topic);
		return ok;
	}
	return false;
}

size_t
ingest_filters(const struct ingest *g, const char **out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < g->c->n_ingest && n < max; i++)
		out[n++] = g->c->ingest[i];
	if (n < max && g->c->n_ingest > 0)
		out[n++] = g->ha_config;
	return n;
}

struct ingest *
ingest_new(struct ev_loop *loop, struct readings *rd, const struct mqtt_conf *c)
{
	struct ingest *g = calloc(1, sizeof(*g));

	if (g == NULL)
		return NULL;
	g->loop = loop;
	g->rd = rd;
	g->c = c;
	snprintf(g->own, sizeof(g->own), "tele/%s/", c->topic);
	snprintf(g->ha_config, sizeof(g->ha_config), "%s/sensor/+/+/config", c->discovery_prefix);
	ev_timer_init(&g->tick, tick_cb, g);
	ev_timer_start(loop, &g->tick, INGEST_TICK_MS);
	return g;
}

void
ingest_free(struct ingest *g)
{
	if (g == NULL)
		return;
	ev_timer_stop(g->loop, &g->tick);
	free(g->learnt);
	free(g->meters);
	free(g);
}
