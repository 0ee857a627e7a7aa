/*
 * engine.c - the meters of a configuration on one loop: buses shared by
 * port, one source per meter (daemon/sources/, sources.def), SMI scripts,
 * the health tick, and the stdout and status-file views; see engine.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bus.h"
#include "engine.h"
#include "jsonw.h"
#include "meter.h"
#include "platform/posix/log.h"
#include "readings.h"
#include "smi_src.h"

/* Latency samples kept for the percentiles (the most recent ones). */
#define LAT_SAMPLES 8192
/* Health is judged again this often, so a meter that goes quiet is noticed. */
#define HEALTH_TICK_MS 1000

#define SOURCE(name) extern const struct source_ops source_##name;
#include "sources/sources.def"
#undef SOURCE

static const struct source_ops *const sources[] = {
#define SOURCE(name) &source_##name,
#include "sources/sources.def"
#undef SOURCE
};

struct bus_ref {
	struct bus     *bus;
	struct bus_ref *next;
};

struct smi_ref {
	struct smi_inst *si;
	struct smi_ref  *next;
};

struct engine {
	struct ev_loop  *loop;
	struct readings *rd;
	struct cfg      *cfg;
	struct bus_ref  *buses;
	struct meter    *meters;
	struct smi_ref  *smis;
	struct ev_timer  health_tm;
	bool           (*last_total)(void *arg, const char *id, double *v, int64_t *wall_ms);
	void            *last_total_arg;
	uint32_t         lat[LAT_SAMPLES]; /* microseconds */
	size_t           lat_n, lat_pos;
	uint64_t         lat_total;
};

/* --- buses */

static bool
params_same(const struct serial_params *a, const struct serial_params *b)
{
	return a->baud == b->baud && a->data_bits == b->data_bits && a->parity == b->parity &&
	       a->stop_bits == b->stop_bits;
}

struct bus *
engine_bus(struct engine *e, const struct cfg_port *port, const struct serial_params *params)
{
	struct bus_ref *r;

	for (r = e->buses; r != NULL; r = r->next)
		if (strcmp(bus_name(r->bus), port->spec) == 0 &&
		    bus_port(r->bus)->kind == port->kind && params_same(bus_params(r->bus), params))
			return r->bus;
	r = calloc(1, sizeof(*r));
	if (r == NULL)
		return NULL;
	r->bus = bus_new(e->loop, port, params);
	if (r->bus == NULL) {
		free(r);
		return NULL;
	}
	bus_set_readings(r->bus, e->rd);
	r->next = e->buses;
	e->buses = r;
	return r->bus;
}

static void
buses_collect(struct engine *e)
{
	struct bus_ref **pp = &e->buses;

	while (*pp != NULL) {
		struct bus_ref *r = *pp;
		if (bus_client_count(r->bus) == 0) {
			*pp = r->next;
			bus_free(r->bus);
			free(r);
		} else
			pp = &r->next;
	}
}

/* --- services to sources (meter.h) */

struct meter *
engine_meter_find(struct engine *e, const char *name)
{
	for (struct meter *m = e->meters; m != NULL; m = m->next)
		if (strcmp(m->cfg->name, name) == 0)
			return m;
	return NULL;
}

struct bus *
engine_find_bus(struct engine *e, const char *spec)
{
	for (struct bus_ref *r = e->buses; r != NULL; r = r->next)
		if (strcmp(bus_name(r->bus), spec) == 0)
			return r->bus;
	return NULL;
}

struct ev_loop *
engine_loop(const struct engine *e)
{
	return e->loop;
}

struct readings *
engine_readings(const struct engine *e)
{
	return e->rd;
}

bool
engine_last_total(struct engine *e, const char *id, double *v, int64_t *wall_ms)
{
	return e->last_total != NULL && e->last_total(e->last_total_arg, id, v, wall_ms);
}

void
engine_set_last_total(struct engine *e,
                      bool (*fn)(void *arg, const char *id, double *v, int64_t *wall_ms), void *arg)
{
	e->last_total = fn;
	e->last_total_arg = arg;
}

/* read() of a telegram's last byte to its values stored */
void
engine_latency_note(struct engine *e, const struct bus *b)
{
	struct timespec ts;
	uint64_t        now_ns, d;

	if (b == NULL || bus_stats(b)->last_rx_ns == 0)
		return;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	now_ns = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
	d = (now_ns - bus_stats(b)->last_rx_ns) / 1000u;
	e->lat[e->lat_pos] = d > UINT32_MAX ? UINT32_MAX : (uint32_t)d;
	e->lat_pos = (e->lat_pos + 1) % LAT_SAMPLES;
	if (e->lat_n < LAT_SAMPLES)
		e->lat_n++;
	e->lat_total++;
}

/* --- meters */

static void
poll_due(struct ev_loop *loop, struct ev_timer *t)
{
	struct meter *m = t->data;

	(void)loop;
	/* Queue for the bus; the poll starts when it is this meter's turn (on_grant). */
	if (m->poll_due != NULL)
		m->poll_due(m);
	else
		bus_acquire(m->bus, &m->cl);
}

/* A meter that cannot run (its reason is in the log) still counts what reaches it. */
static void
idle_rx(struct bus_client *c, const uint8_t *p, size_t n, uint64_t now)
{
	struct meter *m = c->data;

	(void)p;
	(void)now;
	m->rx_bytes += n;
}

static void
meter_free(struct meter *m, bool remove_from_catalogue)
{
	ev_timer_stop(m->e->loop, &m->poll_tm);
	if (m->src != NULL && m->priv != NULL)
		m->src->stop(m);
	if (m->bus != NULL)
		bus_remove_client(m->bus, &m->cl);
	if (m->rd != NULL && remove_from_catalogue)
		readings_meter_remove(m->e->rd, m->rd);
	free(m->profile_text);
	free(m->profile_entries);
	free(m->vals);
	free(m);
}

static struct meter *
meter_new(struct engine *e, const struct cfg_meter *cm)
{
	struct meter *m = calloc(1, sizeof(*m));

	if (m == NULL)
		return NULL;
	m->e = e;
	m->cfg = cm;
	m->hw.started = ev_now(e->loop);
	m->hw.expect_ms = cm->poll_ms;
	ev_timer_init(&m->poll_tm, poll_due, m);
	m->bus = engine_bus(e, &cm->port, &cm->params);
	if (m->bus == NULL) {
		free(m);
		return NULL;
	}
	for (size_t i = 0; i < sizeof(sources) / sizeof(sources[0]) && m->src == NULL; i++)
		if (sources[i]->takes(cm))
			m->src = sources[i];
	m->rd = readings_meter_add(e->rd, cm->name, cm->protocol);
	if (m->rd != NULL) {
		m->rd->expect_ms = cm->poll_ms;
		/* The page lists the configured values in the file's order, before a first reading. */
		for (size_t i = 0; i < cm->n_values; i++) {
			const struct cfg_value *v = &cm->values[i];
			struct rd_point_in      in = {.precision = -1};
			in.name = v->name[0] != '\0' ? v->name : v->id;
			readings_value_declare(e->rd, m->rd, &in);
		}
	}
	m->cl.data = m;
	if (m->src == NULL || m->src->start(m) != 0) {
		/* Listed (health, status) but idle: the reason is in the log. */
		m->src = NULL;
		m->cl.on_rx = idle_rx;
		m->cl.on_grant = NULL;
		m->cl.on_state = NULL;
	} else if (m->cl.on_grant != NULL)
		ev_timer_start(e->loop, &m->poll_tm, 0);
	bus_add_client(m->bus, &m->cl);
	meter_health_update(m, ev_now(e->loop));
	return m;
}

static void
health_tick(struct ev_loop *loop, struct ev_timer *t)
{
	struct engine *e = t->data;
	uint64_t       now = ev_now(loop);

	for (struct meter *m = e->meters; m != NULL; m = m->next)
		meter_health_update(m, now);
	for (struct smi_ref *r = e->smis; r != NULL; r = r->next)
		smi_src_tick(r->si, now);
	ev_timer_start_at(loop, t, t->due + HEALTH_TICK_MS > now ? t->due + HEALTH_TICK_MS
	                                                         : now + HEALTH_TICK_MS);
}

/* --- the engine */

struct engine *
engine_new(struct ev_loop *loop, struct readings *rd)
{
	struct engine *e = calloc(1, sizeof(*e));

	if (e == NULL)
		return NULL;
	e->loop = loop;
	e->rd = rd;
	ev_timer_init(&e->health_tm, health_tick, e);
	return e;
}

static bool
smi_wanted(const struct cfg *c, const struct cfg_smi *cs, const struct cfg_smi **match)
{
	for (const struct cfg_smi *n = c->smis; n != NULL; n = n->next)
		if (cfg_smi_same(cs, n)) {
			*match = n;
			return true;
		}
	return false;
}

int
engine_apply(struct engine *e, struct cfg *c)
{
	struct meter  **pp, *m, **tail;
	struct smi_ref **sp, **stail;
	unsigned        kept = 0, added = 0, removed = 0;
	int             err = 0;

	/* Keep what did not change, stop the rest. */
	for (pp = &e->meters; *pp != NULL;) {
		const struct cfg_meter *nm;
		m = *pp;
		for (nm = c->meters; nm != NULL; nm = nm->next)
			if (cfg_meter_same(m->cfg, nm))
				break;
		if (nm != NULL) {
			m->cfg = nm;
			kept++;
			pp = &m->next;
		} else {
			*pp = m->next;
			log_info("meter %s: stopped", m->cfg->name);
			meter_free(m, true);
			removed++;
		}
	}
	for (sp = &e->smis; *sp != NULL;) {
		struct smi_ref       *r = *sp;
		const struct cfg_smi *match = NULL;
		if (smi_wanted(c, smi_src_cfg(r->si), &match)) {
			smi_src_set_cfg(r->si, match);
			kept++;
			sp = &r->next;
		} else {
			*sp = r->next;
			log_info("smi script %s: stopped", smi_src_cfg(r->si)->source);
			smi_src_free(r->si);
			free(r);
			removed++;
		}
	}
	buses_collect(e);
	/* Start what is new, in file order. */
	for (tail = &e->meters; *tail != NULL; tail = &(*tail)->next)
		;
	for (const struct cfg_meter *nm = c->meters; nm != NULL; nm = nm->next) {
		bool running = false;
		for (m = e->meters; m != NULL && !running; m = m->next)
			running = m->cfg == nm;
		if (running)
			continue;
		m = meter_new(e, nm);
		if (m == NULL) {
			log_warnx("meter %s: cannot start (out of memory)", nm->name);
			err = -ENOMEM;
			continue;
		}
		*tail = m;
		tail = &m->next;
		added++;
		log_info("meter %s: %s on %s", nm->name, nm->protocol, nm->port.spec);
	}
	for (stail = &e->smis; *stail != NULL; stail = &(*stail)->next)
		;
	for (const struct cfg_smi *ns = c->smis; ns != NULL; ns = ns->next) {
		bool            running = false;
		struct smi_ref *r;
		for (r = e->smis; r != NULL && !running; r = r->next)
			running = smi_src_cfg(r->si) == ns;
		if (running)
			continue;
		r = calloc(1, sizeof(*r));
		if (r == NULL || (r->si = smi_src_new(e, ns)) == NULL) {
			free(r);
			log_warnx("smi script %s: cannot start (out of memory)", ns->source);
			err = -ENOMEM;
			continue;
		}
		*stail = r;
		stail = &r->next;
		added++;
		log_info("smi script %s: %u meters", ns->source, smi_src_meter_count(r->si));
	}
	cfg_free(e->cfg);
	e->cfg = c;
	if (!ev_timer_active(&e->health_tm))
		ev_timer_start(e->loop, &e->health_tm, HEALTH_TICK_MS);
	log_info("configuration %s: %u kept, %u started, %u stopped", c->file, kept, added,
	         removed);
	return err;
}

const struct cfg *
engine_config(const struct engine *e)
{
	return e->cfg;
}

void
engine_free(struct engine *e)
{
	if (e == NULL)
		return;
	ev_timer_stop(e->loop, &e->health_tm);
	while (e->meters != NULL) {
		struct meter *m = e->meters;
		e->meters = m->next;
		meter_free(m, false);
	}
	while (e->smis != NULL) {
		struct smi_ref *r = e->smis;
		e->smis = r->next;
		smi_src_free(r->si);
		free(r);
	}
	buses_collect(e);
	cfg_free(e->cfg);
	free(e);
}

uint32_t
engine_teleperiod_ms(const struct engine *e)
{
	return e->cfg != NULL ? e->cfg->teleperiod_ms : 300000;
}

/* --- stdout and the status file */

static void
print_key(FILE *f, const char *s)
{
	fputc('"', f);
	json_escape(f, s, strlen(s));
	fputs("\":", f);
}

void
engine_print_sensor(struct engine *e, FILE *f, const char *time_str)
{
	static char buf[16384];

	fputs("{\"Time\":\"", f);
	json_escape(f, time_str, strlen(time_str));
	fputc('"', f);
	for (struct smi_ref *r = e->smis; r != NULL; r = r->next)
		if (smi_src_sensor(r->si, buf, sizeof(buf), time_str) > 0) {
			fputc(',', f);
			fputs(buf, f);
		}
	for (struct meter *m = e->meters; m != NULL; m = m->next) {
		bool first = true;
		for (size_t i = 0; i < m->nvals; i++) {
			struct mval *v = &m->vals[i];
			if (v->rx_time == 0)
				continue; /* a total not yet established by the guard */
			fputc(',', f);
			if (first) {
				print_key(f, m->cfg->name);
				fputc('{', f);
				first = false;
			}
			print_key(f, v->name);
			if (v->is_text) {
				fputc('"', f);
				json_escape(f, v->text, strlen(v->text));
				fputc('"', f);
			} else {
				char num[READING_NUM_MAX];
				reading_format_number(v->raw, v->scaler, num);
				fputs(num, f);
			}
			v->updated = false;
		}
		if (!first)
			fputc('}', f);
	}
	fputs("}\n", f);
	fflush(f);
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

void
engine_write_status(struct engine *e, FILE *f)
{
	struct jsonw    w;
	static uint32_t sorted[LAT_SAMPLES];

	jsonw_init(&w, f);
	jsonw_obj_open(&w);
	jsonw_key_obj_open(&w, "meters");
	for (struct meter *m = e->meters; m != NULL; m = m->next) {
		jsonw_key_obj_open(&w, m->cfg->name);
		jsonw_str(&w, "protocol", m->cfg->protocol);
		jsonw_str(&w, "state", rd_state_name(m->state));
		meter_health_json(&w, &m->h, m->bus);
		jsonw_key_obj_open(&w, "values");
		for (size_t i = 0; i < m->nvals; i++) {
			const struct mval *v = &m->vals[i];
			char               num[READING_NUM_MAX];
			if (v->rx_time == 0)
				continue;
			jsonw_key_obj_open(&w, v->name);
			if (v->is_text)
				jsonw_str(&w, "text", v->text);
			else {
				reading_format_number(v->raw, v->scaler, num);
				jsonw_raw_number(&w, "value", num);
				jsonw_str(&w, "unit", v->unit);
			}
			/* When meterd stored it, and the meter's own time where it sent one. */
			jsonw_int(&w, "received", (int64_t)v->rx_time);
			if (v->time_kind != READING_TIME_NONE)
				jsonw_int(&w, "meter_time", v->meter_time);
			jsonw_obj_close(&w);
		}
		jsonw_obj_close(&w);
		/* Polled meters count noise themselves; passive ones by frame lengths. */
		jsonw_uint(&w, "garbage_bytes",
		           m->cfg->poll_ms != 0 ? m->garbage_extra
		           : m->rx_bytes > m->framed_bytes ? m->rx_bytes - m->framed_bytes
		                                           : 0);
		jsonw_obj_close(&w);
	}
	for (struct smi_ref *r = e->smis; r != NULL; r = r->next)
		smi_src_status(r->si, &w);
	jsonw_obj_close(&w);
	jsonw_key_obj_open(&w, "latency_us");
	jsonw_uint(&w, "count", e->lat_total);
	if (e->lat_n > 0) {
		memcpy(sorted, e->lat, e->lat_n * sizeof(sorted[0]));
		qsort(sorted, e->lat_n, sizeof(sorted[0]), cmp_u32);
		jsonw_uint(&w, "p50", sorted[e->lat_n / 2]);
		jsonw_uint(&w, "p99", sorted[(e->lat_n * 99) / 100]);
		jsonw_uint(&w, "max", sorted[e->lat_n - 1]);
	}
	jsonw_obj_close(&w);
	jsonw_obj_close(&w);
	jsonw_line_end(&w);
	fflush(f);
}

void
engine_log_health(struct engine *e)
{
	for (struct meter *m = e->meters; m != NULL; m = m->next)
		meter_health_log(m->cfg->name, &m->h, m->bus);
	for (struct smi_ref *r = e->smis; r != NULL; r = r->next)
		smi_src_log_health(r->si);
}
