/*
 * mqtt.c - the MQTT sink on the daemon's loop; see mqtt.h.
 *
 * libmosquitto without its thread: the client's socket is watched by an
 * ev_io (read always, write while the library has bytes queued), and
 * mosquitto_loop_read/write/misc are called from the loop; a timer runs
 * loop_misc for keepalive pings. A connection that is lost or refused
 * destroys the client and makes a new one after a backoff, so nothing the
 * library kept from the old connection is sent twice behind our back: the
 * spool alone decides what is sent again.
 */
#include <errno.h>
#include <mosquitto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backoff.h"
#include "control.h"
#include "ha_discovery.h"
#include "ingest.h"
#include "jsonw.h"
#include "meterd/reading.h"
#include "mqtt.h"
#include "platform/posix/log.h"
#include "sinks.h"
#include "spool.h"

/* SENSOR messages handed to the library and not yet acknowledged. */
#define MQTT_WINDOW        128
#define MQTT_MISC_MS       1000
#define MQTT_FLUSH_MS      250
#define MQTT_CONNECT_MS    10000
#define MQTT_RETRY_MIN_MS  1000
#define MQTT_RETRY_MAX_MS  60000

struct inflight {
	int      mid;
	uint64_t seq;
};

struct mqtt_sink {
	struct rd_sink    sink;
	struct ev_loop   *loop;
	struct readings  *rd;
	struct mqtt_conf  c;
	char              node[64];      /* the topic as one level */
	char              lwt[160];      /* tele/<topic>/LWT */
	char              sensor[160];   /* tele/<topic>/SENSOR */
	char              ha_status[96]; /* <prefix>/status */

	struct mosquitto *mosq;
	struct ev_io      io;
	struct ev_timer   misc, retry, flush;
	struct backoff    backoff;
	bool              connected, lost;
	int               refused;       /* CONNACK's refusal code, 0 none */
	uint64_t          connect_started;
	int               last_failure;  /* to log a failure once, not at every retry */

	struct spool     *spool;
	uint64_t          sent_upto;     /* highest seq handed to the library this connection */
	struct inflight   inflight[MQTT_WINDOW];
	size_t            n_inflight;

	/* Ids of values whose discovery config went out on this connection (hashes). */
	uint64_t         *announced;
	size_t            cap_announced, n_announced;

	/* The SENSOR message of the telegram being published. */
	FILE                  *batch;
	char                  *batch_buf;
	size_t                 batch_len;
	const struct rd_meter *batch_meter;
	int64_t                batch_ts_ms;

	/* Topics to clear (discovery of meters removed while disconnected). */
	char            **clear;
	size_t            n_clear, cap_clear;

	struct ingest    *ingest;        /* devices on the broker taken in as meters, NULL none */
	struct control   *control;       /* writable parameters (control.h): HA numbers, NULL none */
	char              cmnd[160];     /* cmnd/<topic>/ : parameter commands below it */

	struct mqtt_stats st;
};

/* --- configuration */

static const char mqtt_keys[] = "broker, topic, client_id, user, password, tls, cafile, certfile, "
                                "keyfile, qos, retain, keepalive, discovery, discovery_prefix, "
                                "spool, spool_max, ingest, ingest_silence";

int
mqtt_conf_read(const struct cfg_section *s, struct mqtt_conf *c, struct cfg_diag *d)
{
	int errors = d->errors;

	memset(c, 0, sizeof(*c));
	snprintf(c->host, sizeof(c->host), "127.0.0.1");
	c->port = 1883;
	snprintf(c->topic, sizeof(c->topic), "meterd");
	c->qos = 1;
	c->retain = true;
	c->keepalive_ms = 30000;
	c->discovery = true;
	snprintf(c->discovery_prefix, sizeof(c->discovery_prefix), "homeassistant");
	c->spool[0] = '\0'; /* sinks_start: beside the history database */
	c->spool_max = 1000000;
	c->ingest_silence_ms = 60000;
	for (size_t i = 0; i < s->n_settings; i++) {
		const struct cfg_setting *st = &s->settings[i];
		const char               *k = st->word[0];
		uint64_t                  u;

		if (strcmp(k, "broker") == 0) {
			if (cfg_want_args(d, st, 1, 1, "broker HOST:PORT"))
				cfg_get_hostport(d, st, 1, c->host, sizeof(c->host), &c->port);
		} else if (strcmp(k, "topic") == 0) {
			if (cfg_want_args(d, st, 1, 1, "topic NAME") &&
			    cfg_get_str(d, st, 1, c->topic, sizeof(c->topic)) &&
			    (c->topic[0] == '\0' || strpbrk(c->topic, "/+#") != NULL))
				cfg_diag_error(d, st->line, st->col[1],
				               "a topic is one level: no '/', '+' or '#', and not empty");
		} else if (strcmp(k, "client_id") == 0) {
			if (cfg_want_args(d, st, 1, 1, "client_id ID"))
				cfg_get_str(d, st, 1, c->client_id, sizeof(c->client_id));
		} else if (strcmp(k, "user") == 0) {
			if (cfg_want_args(d, st, 1, 1, "user NAME"))
				cfg_get_str(d, st, 1, c->user, sizeof(c->user));
		} else if (strcmp(k, "password") == 0) {
			if (cfg_want_args(d, st, 1, 1, "password SECRET"))
				cfg_get_str(d, st, 1, c->password, sizeof(c->password));
		} else if (strcmp(k, "tls") == 0) {
			if (cfg_want_args(d, st, 1, 1, "tls on|off"))
				cfg_get_bool(d, st, 1, &c->tls);
		} else if (strcmp(k, "cafile") == 0) {
			if (cfg_want_args(d, st, 1, 1, "cafile PATH"))
				cfg_get_str(d, st, 1, c->cafile, sizeof(c->cafile));
		} else if (strcmp(k, "certfile") == 0) {
			if (cfg_want_args(d, st, 1, 1, "certfile PATH"))
				cfg_get_str(d, st, 1, c->certfile, sizeof(c->certfile));
		} else if (strcmp(k, "keyfile") == 0) {
			if (cfg_want_args(d, st, 1, 1, "keyfile PATH"))
				cfg_get_str(d, st, 1, c->keyfile, sizeof(c->keyfile));
		} else if (strcmp(k, "qos") == 0) {
			if (cfg_want_args(d, st, 1, 1, "qos 0|1|2") && cfg_get_uint(d, st, 1, 0, 2, &u))
				c->qos = (int)u;
		} else if (strcmp(k, "retain") == 0) {
			if (cfg_want_args(d, st, 1, 1, "retain on|off"))
				cfg_get_bool(d, st, 1, &c->retain);
		} else if (strcmp(k, "keepalive") == 0) {
			if (cfg_want_args(d, st, 1, 1, "keepalive DURATION") &&
			    cfg_get_duration(d, st, 1, &c->keepalive_ms) &&
			    (c->keepalive_ms < 5000 || c->keepalive_ms > 65535000))
				cfg_diag_error(d, st->line, st->col[1], "keepalive: from 5s to 65535s");
		} else if (strcmp(k, "discovery") == 0) {
			if (cfg_want_args(d, st, 1, 1, "discovery on|off"))
				cfg_get_bool(d, st, 1, &c->discovery);
		} else if (strcmp(k, "discovery_prefix") == 0) {
			if (cfg_want_args(d, st, 1, 1, "discovery_prefix TOPIC"))
				cfg_get_str(d, st, 1, c->discovery_prefix, sizeof(c->discovery_prefix));
		} else if (sinks_spool_setting(d, st, c->spool, sizeof(c->spool), &c->spool_max)) {
			/* read */
		} else if (strcmp(k, "ingest") == 0) {
			if (!cfg_want_args(d, st, 1, 3, "ingest TOPIC-FILTER [unit UNIT]"))
				continue;
			if (c->n_ingest == MQTT_INGEST_MAX) {
				cfg_diag_error(d, st->line, st->col[0], "at most %d ingest filters",
				               MQTT_INGEST_MAX);
				continue;
			}
			if (!cfg_get_str(d, st, 1, c->ingest[c->n_ingest], sizeof(c->ingest[0])))
				continue;
			if (mosquitto_sub_topic_check(c->ingest[c->n_ingest]) != MOSQ_ERR_SUCCESS) {
				cfg_diag_error(d, st->line, st->col[1], "not a valid topic filter: \"%s\"",
				               c->ingest[c->n_ingest]);
				continue;
			}
			c->ingest_unit[c->n_ingest][0] = '\0';
			if (st->n == 3 || (st->n == 4 && strcmp(st->word[2], "unit") != 0)) {
				cfg_diag_error(d, st->line, st->col[2], "usage: ingest TOPIC-FILTER [unit UNIT]");
				continue;
			}
			if (st->n == 4 &&
			    !cfg_get_str(d, st, 3, c->ingest_unit[c->n_ingest], sizeof(c->ingest_unit[0])))
				continue;
			c->n_ingest++;
		} else if (strcmp(k, "ingest_silence") == 0) {
			if (cfg_want_args(d, st, 1, 1, "ingest_silence DURATION"))
				cfg_get_duration(d, st, 1, &c->ingest_silence_ms);
		} else
			cfg_unknown_key(d, st, "mqtt", mqtt_keys);
	}
	if (c->client_id[0] == '\0')
		snprintf(c->client_id, sizeof(c->client_id), "meterd-%.56s", c->topic);
	if (c->password[0] != '\0' && c->user[0] == '\0')
		cfg_diag_error(d, s->line, s->col, "mqtt: a password needs a user");
	if ((c->certfile[0] != '\0') != (c->keyfile[0] != '\0'))
		cfg_diag_error(d, s->line, s->col, "mqtt: certfile and keyfile go together");
	return d->errors - errors;
}

int
mqtt_check(const struct cfg_section *s, struct cfg_diag *d)
{
	struct mqtt_conf c;

	if (cfg_section_next(s) != NULL)
		cfg_diag_error(d, cfg_section_next(s)->line, cfg_section_next(s)->col,
		               "only one mqtt block (line %u has one)", s->line);
	return mqtt_conf_read(s, &c, d);
}

/* --- the connection on the loop */

static void connect_start(struct mqtt_sink *s);

static void
sync_io(struct mqtt_sink *s)
{
	int fd = s->mosq != NULL ? mosquitto_socket(s->mosq) : -1;

	if (fd < 0) {
		ev_io_stop(s->loop, &s->io);
		return;
	}
	unsigned ev = EV_READ | (mosquitto_want_write(s->mosq) ? EV_WRITE : 0);
	if (!ev_io_active(&s->io) || s->io.fd != fd)
		ev_io_start(s->loop, &s->io, fd, ev);
	else if (s->io.events != ev)
		ev_io_set_events(s->loop, &s->io, ev);
}

static const char *
failure_text(int rc, char *buf, size_t cap)
{
	size_t n;

	snprintf(buf, cap, "%s", rc == MOSQ_ERR_ERRNO ? strerror(errno) : mosquitto_strerror(rc));
	n = strlen(buf);
	if (n > 0 && buf[n - 1] == '.')
		buf[--n] = '\0'; /* the library's sentences end in a full stop; ours go on */
	if (rc == MOSQ_ERR_TLS)
		snprintf(buf + n, cap - n, " (is the broker's certificate signed by cafile, for this host?)");
	return buf;
}

/* A new connection (or HA's restart, or a meter removed) has heard no discovery yet. */
static void
announced_clear(struct mqtt_sink *s)
{
	s->n_announced = 0;
	if (s->announced != NULL)
		memset(s->announced, 0, s->cap_announced * sizeof(*s->announced));
}

/* The connection is gone (or never came): forget it, retry after a backoff. */
static void
connection_lost(struct mqtt_sink *s, const char *why)
{
	uint32_t delay = backoff_fail(&s->backoff);

	ev_io_stop(s->loop, &s->io);
	if (s->mosq != NULL) {
		mosquitto_destroy(s->mosq);
		s->mosq = NULL;
	}
	if (s->connected)
		log_warnx("mqtt: lost the broker %s:%u (%s); readings wait in the spool, "
		          "reconnecting in %u s", s->c.host, s->c.port, why, delay / 1000);
	else if (why != NULL)
		log_debug("mqtt: %s:%u: %s; next try in %u s", s->c.host, s->c.port, why, delay / 1000);
	s->connected = false;
	s->lost = false;
	s->n_inflight = 0;
	s->sent_upto = 0;
	announced_clear(s);
	ev_timer_start(s->loop, &s->retry, delay);
}

static void
connect_failed(struct mqtt_sink *s, int code, const char *what)
{
	s->st.connect_failures++;
	/* Logged when it starts failing or the reason changes, not at every retry. */
	if (code != s->last_failure)
		log_warnx("mqtt: %s %s:%u: %s; metering goes on, %llu reading%s waiting in the spool",
		          code >= 1000 ? "the broker refused the connection of" : "cannot reach the broker",
		          s->c.host, s->c.port, what, (unsigned long long)spool_waiting(s->spool),
		          spool_waiting(s->spool) == 1 ? "" : "s");
	s->last_failure = code;
	connection_lost(s, what);
}

static void
publish(struct mqtt_sink *s, const char *topic, const void *p, size_t n, int qos, bool retain)
{
	int rc;

	if (!s->connected)
		return;
	rc = mosquitto_publish(s->mosq, NULL, topic, (int)n, p, qos, retain);
	if (rc != MOSQ_ERR_SUCCESS)
		log_debug("mqtt: publish %s: %s", topic, mosquitto_strerror(rc));
}

static void
publish_str(struct mqtt_sink *s, const char *topic, const char *text, int qos, bool retain)
{
	publish(s, topic, text, strlen(text), qos, retain);
}

/* Hands waiting SENSOR messages to the library, oldest first, up to the window. */
static void
pump(struct mqtt_sink *s)
{
	struct spool_item it;

	while (s->connected && s->n_inflight < MQTT_WINDOW && spool_next(s->spool, s->sent_upto, &it)) {
		const char *topic = it.data;
		size_t      tl = strnlen(topic, it.len);
		int         mid, rc;

		if (tl == it.len) { /* not ours: cannot happen unless the file was edited */
			spool_ack(s->spool, it.seq);
			continue;
		}
		rc = mosquitto_publish(s->mosq, &mid, topic, (int)(it.len - tl - 1), topic + tl + 1,
		                       s->c.qos, false);
		if (rc != MOSQ_ERR_SUCCESS) {
			log_debug("mqtt: publish %s: %s", topic, mosquitto_strerror(rc));
			break;
		}
		s->sent_upto = it.seq;
		if (s->c.qos == 0) {
			/* At most once: handed to the socket is all QoS 0 promises. */
			spool_ack(s->spool, it.seq);
			s->st.delivered++;
			continue;
		}
		s->inflight[s->n_inflight].mid = mid;
		s->inflight[s->n_inflight].seq = it.seq;
		s->n_inflight++;
	}
}

static void
format_value(const struct rd_value *v, char *buf)
{
	if (v->is_text)
		snprintf(buf, READING_NUM_MAX, "%s", v->text);
	else
		reading_format_number(v->raw, v->scaler, buf);
}

static void
value_topic(const struct mqtt_sink *s, const struct rd_meter *m, const struct rd_value *v,
            char *out, size_t cap)
{
	char ml[RD_NAME_MAX], vl[RD_NAME_MAX];

	ha_topic_level(m->name, ml, sizeof(ml));
	ha_topic_level(v->name, vl, sizeof(vl));
	snprintf(out, cap, "tele/%s/%s/%s", s->c.topic, ml, vl);
}

static void
meter_avail_topic(const struct mqtt_sink *s, const struct rd_meter *m, char *out, size_t cap)
{
	char ml[RD_NAME_MAX];

	ha_topic_level(m->name, ml, sizeof(ml));
	snprintf(out, cap, "tele/%s/%s/LWT", s->c.topic, ml);
}

static bool
meter_online(const struct rd_meter *m)
{
	return m->health.state == RD_STATE_UP || m->health.state == RD_STATE_STARTING;
}

static uint64_t
id_hash(const char *id)
{
	uint64_t h = 14695981039346656037ull;

	for (const char *p = id; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ull;
	return h != 0 ? h : 1;
}

/* Open addressing on the hash of the value id: true when newly added. */
static bool
announce_once(struct mqtt_sink *s, const char *id)
{
	uint64_t h = id_hash(id);
	size_t   i;

	if ((s->n_announced + 1) * 2 > s->cap_announced) {
		size_t    ncap = s->cap_announced ? s->cap_announced * 2 : 256;
		uint64_t *n = calloc(ncap, sizeof(*n));
		if (n == NULL)
			return true; /* announcing twice is harmless */
		for (size_t k = 0; k < s->cap_announced; k++)
			if (s->announced[k] != 0) {
				for (i = s->announced[k] % ncap; n[i] != 0; i = (i + 1) % ncap)
					;
				n[i] = s->announced[k];
			}
		free(s->announced);
		s->announced = n;
		s->cap_announced = ncap;
	}
	for (i = h % s->cap_announced; s->announced[i] != 0; i = (i + 1) % s->cap_announced)
		if (s->announced[i] == h)
			return false;
	s->announced[i] = h;
	s->n_announced++;
	return true;
}

static void announce_params(struct mqtt_sink *s, const char *only_id);

static void
discovery_send(struct mqtt_sink *s, const struct rd_meter *m, const struct rd_value *v)
{
	char             topic[512], state[256], avail[256];
	char            *buf = NULL;
	size_t           len = 0;
	FILE            *f;
	struct ha_topics t = {.node = s->node, .state = state, .lwt = s->lwt, .meter_avail = avail};

	if (!s->c.discovery || !s->connected || !announce_once(s, v->id))
		return;
	value_topic(s, m, v, state, sizeof(state));
	meter_avail_topic(s, m, avail, sizeof(avail));
	ha_config_topic(s->c.discovery_prefix, s->node, v, topic, sizeof(topic));
	f = open_memstream(&buf, &len);
	if (f == NULL)
		return;
	ha_config_write(f, &t, m, v);
	if (fclose(f) == 0)
		publish(s, topic, buf, len, 1, true);
	free(buf);
	/* A writable parameter is announced as a number once its value is known. */
	if (s->control != NULL)
		announce_params(s, v->id);
}

static void
value_send(struct mqtt_sink *s, const struct rd_meter *m, const struct rd_value *v)
{
	char topic[256], text[READING_NUM_MAX];

	value_topic(s, m, v, topic, sizeof(topic));
	format_value(v, text);
	publish_str(s, topic, text, s->c.qos, s->c.retain);
}

static void
meter_state_send(struct mqtt_sink *s, const struct rd_meter *m)
{
	char topic[256];

	meter_avail_topic(s, m, topic, sizeof(topic));
	publish_str(s, topic, meter_online(m) ? "Online" : "Offline", 1, true);
}

/* A profile bound (raw) in the parameter's unit, exact. */
static void
param_bound(const struct profile_entry *pe, int64_t raw, char *buf)
{
	reading_format_number(raw * pe->scale_mul, pe->scale_exp, buf);
}

/*
 * The control section's parameters as HA numbers: state from the value's
 * own topic, commands on cmnd/<topic>/<meter>/<parameter>. Only parameters
 * the meter reads (a value in the catalogue) are announced.
 */
static void
announce_params(struct mqtt_sink *s, const char *only_id)
{
	for (size_t i = 0; s->c.discovery && i < control_param_count(s->control); i++) {
		struct control_param   cp;
		const struct rd_meter *m;
		const struct rd_value *v;
		char                   id[RD_ID_MAX], topic[512], state[256], avail[256], cmd[256];
		char                   lo[READING_NUM_MAX] = "-1e9", hi[READING_NUM_MAX] = "1e9",
		                     step[READING_NUM_MAX], ml[RD_NAME_MAX], vl[RD_NAME_MAX];
		struct ha_topics       t = {.node = s->node, .state = state, .lwt = s->lwt,
		                            .meter_avail = avail};
		struct ha_number       n = {.command_topic = cmd, .min = lo, .max = hi, .step = step};
		char                  *buf = NULL;
		size_t                 len = 0;
		FILE                  *f;

		if (!control_param_at(s->control, i, &cp) || cp.pe == NULL)
			continue;
		snprintf(id, sizeof(id), "%s/%s", cp.meter, cp.pe->name);
		if (only_id != NULL && strcmp(only_id, id) != 0)
			continue;
		v = readings_value_find(s->rd, id, &m);
		if (v == NULL || !v->have || v->is_text)
			continue;
		if (cp.pe->has_min)
			param_bound(cp.pe, cp.pe->raw_min, lo);
		if (cp.pe->has_max)
			param_bound(cp.pe, cp.pe->raw_max, hi);
		param_bound(cp.pe, 1, step);
		value_topic(s, m, v, state, sizeof(state));
		meter_avail_topic(s, m, avail, sizeof(avail));
		ha_topic_level(m->name, ml, sizeof(ml));
		ha_topic_level(v->name, vl, sizeof(vl));
		snprintf(cmd, sizeof(cmd), "%s%s/%s", s->cmnd, ml, vl);
		ha_number_topic(s->c.discovery_prefix, s->node, v, topic, sizeof(topic));
		if ((f = open_memstream(&buf, &len)) == NULL)
			continue;
		ha_number_write(f, &t, m, v, &n);
		if (fclose(f) == 0)
			publish(s, topic, buf, len, 1, true);
		free(buf);
	}
}

/*
 * A command for a parameter: the broker's credentials and ACLs say who may
 * send it, the control section which parameters exist; the write is range
 * checked, read back and audited like one from the web page.
 */
static void
param_command(struct mqtt_sink *s, const char *topic, const char *payload, size_t n)
{
	char        value[32];
	const char *rest = topic + strlen(s->cmnd);

	if (n == 0 || n >= sizeof(value))
		return;
	memcpy(value, payload, n);
	value[n] = '\0';
	for (size_t i = 0; i < control_param_count(s->control); i++) {
		struct control_param cp;
		char                 ml[RD_NAME_MAX], vl[RD_NAME_MAX], want[2 * RD_NAME_MAX + 2];
		const char          *why = NULL;
		unsigned             id;
		if (!control_param_at(s->control, i, &cp) || cp.pe == NULL)
			continue;
		ha_topic_level(cp.meter, ml, sizeof(ml));
		ha_topic_level(cp.pe->name, vl, sizeof(vl));
		snprintf(want, sizeof(want), "%s/%s", ml, vl);
		if (strcmp(rest, want) != 0)
			continue;
		if (control_param_set(s->control, cp.meter, cp.pe->name, value, "mqtt", &id, &why) != 0)
			log_warnx("mqtt: %s = %s refused: %s", topic, value, why);
		return;
	}
	log_warnx("mqtt: %s: no writable parameter of that name", topic);
}

void
mqtt_sink_set_control(struct mqtt_sink *s, struct control *ctl)
{
	if (s == NULL)
		return;
	s->control = ctl;
	snprintf(s->cmnd, sizeof(s->cmnd), "cmnd/%s/", s->c.topic);
	if (s->connected && control_param_count(ctl) > 0) {
		char filter[192];
		snprintf(filter, sizeof(filter), "%s+/+", s->cmnd);
		mosquitto_subscribe(s->mosq, NULL, filter, 1);
		announce_params(s, NULL);
	}
}

/* Everything that is state, from the catalogue: after a (re)connect and HA's birth. */
static void
announce_all(struct mqtt_sink *s, bool values)
{
	announced_clear(s);
	for (size_t i = 0; i < readings_meter_count(s->rd); i++) {
		const struct rd_meter *m = readings_meter_at(s->rd, i);
		meter_state_send(s, m);
		for (size_t k = 0; k < m->n_values; k++) {
			if (!m->values[k].have)
				continue;
			discovery_send(s, m, &m->values[k]);
			if (values)
				value_send(s, m, &m->values[k]);
		}
	}
	announce_params(s, NULL);
}

static void
on_connect(struct mosquitto *mosq, void *arg, int rc)
{
	struct mqtt_sink *s = arg;

	(void)mosq;
	if (rc != 0) {
		/* Handled once the library call returns (the client is destroyed then). */
		s->refused = rc;
		s->lost = true;
		return;
	}
	s->connected = true;
	s->st.connects++;
	backoff_reset(&s->backoff);
	log_info("mqtt: connected to %s:%u as %s%s; %llu reading%s waiting", s->c.host, s->c.port,
	         s->c.client_id, s->c.tls ? " (TLS)" : "",
	         (unsigned long long)spool_waiting(s->spool),
	         spool_waiting(s->spool) == 1 ? "" : "s");
	s->last_failure = 0;
	publish_str(s, s->lwt, "Online", 1, true);
	if (s->c.discovery)
		mosquitto_subscribe(s->mosq, NULL, s->ha_status, 1);
	if (control_param_count(s->control) > 0) {
		char filter[192];
		snprintf(filter, sizeof(filter), "%s+/+", s->cmnd);
		mosquitto_subscribe(s->mosq, NULL, filter, 1);
	}
	if (s->ingest != NULL) {
		const char *f[MQTT_INGEST_MAX + 1];
		size_t      n = ingest_filters(s->ingest, f, MQTT_INGEST_MAX + 1);
		for (size_t i = 0; i < n; i++)
			mosquitto_subscribe(s->mosq, NULL, f[i], 1);
	}
	for (size_t i = 0; i < s->n_clear; i++) {
		publish(s, s->clear[i], "", 0, 1, true);
		free(s->clear[i]);
	}
	s->n_clear = 0;
	announce_all(s, true);
	pump(s);
}

static void
on_disconnect(struct mosquitto *mosq, void *arg, int rc)
{
	struct mqtt_sink *s = arg;

	(void)mosq;
	(void)rc;
	/* Inside a library call: the client is destroyed once that call returns. */
	s->lost = true;
}

static void
on_publish(struct mosquitto *mosq, void *arg, int mid)
{
	struct mqtt_sink *s = arg;

	(void)mosq;
	for (size_t i = 0; i < s->n_inflight; i++)
		if (s->inflight[i].mid == mid) {
			spool_ack(s->spool, s->inflight[i].seq);
			s->st.delivered++;
			memmove(&s->inflight[i], &s->inflight[i + 1],
			        (s->n_inflight - i - 1) * sizeof(s->inflight[0]));
			s->n_inflight--;
			pump(s);
			return;
		}
}

static void
on_message(struct mosquitto *mosq, void *arg, const struct mosquitto_message *msg)
{
	struct mqtt_sink *s = arg;

	(void)mosq;
	if (strcmp(msg->topic, s->ha_status) == 0) {
		/* Home Assistant (re)started: it forgot what was announced. */
		if (msg->payloadlen == 6 && memcmp(msg->payload, "online", 6) == 0) {
			log_info("mqtt: Home Assistant is online: sending discovery");
			announce_all(s, true);
		}
		return;
	}
	if (s->cmnd[0] != '\0' && strncmp(msg->topic, s->cmnd, strlen(s->cmnd)) == 0) {
		param_command(s, msg->topic, msg->payload, (size_t)msg->payloadlen);
		return;
	}
	if (s->ingest != NULL)
		ingest_message(s->ingest, msg->topic, msg->payload, (size_t)msg->payloadlen);
}

/* After every library call: a lost connection is handled here, outside the library. */
static void
after_call(struct mqtt_sink *s, int rc, const char *what)
{
	char why[160];

	if (s->mosq == NULL)
		return;
	if (s->refused != 0) {
		int code = s->refused;
		snprintf(why, sizeof(why), "%s%s", mosquitto_connack_string(code),
		         code == 4 || code == 5 ? " (check user and password)" : "");
		s->refused = 0;
		connect_failed(s, 1000 + code, why);
		return;
	}
	if (rc != MOSQ_ERR_SUCCESS || s->lost) {
		int err = errno;
		if (rc != MOSQ_ERR_SUCCESS)
			failure_text(rc, why, sizeof(why));
		else
			snprintf(why, sizeof(why), "%s", what);
		if (!s->connected)
			connect_failed(s, rc == MOSQ_ERR_ERRNO ? err : 999, why);
		else
			connection_lost(s, why);
		return;
	}
	sync_io(s);
}

static void
io_cb(struct ev_loop *loop, struct ev_io *w, unsigned revents)
{
	struct mqtt_sink *s = w->data;
	int               rc = MOSQ_ERR_SUCCESS;

	(void)loop;
	if (revents & (EV_READ | EV_ERROR))
		rc = mosquitto_loop_read(s->mosq, 16);
	if (rc == MOSQ_ERR_SUCCESS && !s->lost && s->mosq != NULL && (revents & EV_WRITE))
		rc = mosquitto_loop_write(s->mosq, 16);
	after_call(s, rc, "connection closed");
}

static void
misc_cb(struct ev_loop *loop, struct ev_timer *t)
{
	struct mqtt_sink *s = t->data;

	ev_timer_start(loop, t, MQTT_MISC_MS);
	if (s->mosq == NULL)
		return;
	if (!s->connected && ev_now(loop) - s->connect_started > MQTT_CONNECT_MS) {
		connect_failed(s, ETIMEDOUT, "no answer (timed out)");
		return;
	}
	after_call(s, mosquitto_loop_misc(s->mosq), "keepalive");
}

static void
retry_cb(struct ev_loop *loop, struct ev_timer *t)
{
	(void)loop;
	connect_start(t->data);
}

static void
flush_cb(struct ev_loop *loop, struct ev_timer *t)
{
	struct mqtt_sink *s = t->data;

	ev_timer_start(loop, t, MQTT_FLUSH_MS);
	spool_flush(s->spool);
}

static void
connect_start(struct mqtt_sink *s)
{
	char why[160];
	int  rc;

	s->mosq = mosquitto_new(s->c.client_id, true, s);
	if (s->mosq == NULL) {
		connect_failed(s, ENOMEM, "out of memory");
		return;
	}
	mosquitto_connect_callback_set(s->mosq, on_connect);
	mosquitto_disconnect_callback_set(s->mosq, on_disconnect);
	mosquitto_publish_callback_set(s->mosq, on_publish);
	mosquitto_message_callback_set(s->mosq, on_message);
	mosquitto_max_inflight_messages_set(s->mosq, MQTT_WINDOW);
	/*
	 * A reading is one small PUBLISH: with Nagle's algorithm it would wait
	 * for the ACK of the previous one (40 ms of delayed ACK on Linux).
	 */
	mosquitto_int_option(s->mosq, MOSQ_OPT_TCP_NODELAY, 1);
	if (s->c.user[0] != '\0')
		mosquitto_username_pw_set(s->mosq, s->c.user,
		                          s->c.password[0] != '\0' ? s->c.password : NULL);
	if (s->c.tls) {
		rc = mosquitto_tls_set(s->mosq, s->c.cafile[0] != '\0' ? s->c.cafile : NULL,
		                       s->c.cafile[0] != '\0' ? NULL : "/etc/ssl/certs",
		                       s->c.certfile[0] != '\0' ? s->c.certfile : NULL,
		                       s->c.keyfile[0] != '\0' ? s->c.keyfile : NULL, NULL);
		if (rc != MOSQ_ERR_SUCCESS) {
			connect_failed(s, 2000 + rc, failure_text(rc, why, sizeof(why)));
			return;
		}
	}
	mosquitto_will_set(s->mosq, s->lwt, 7, "Offline", 1, true);
	s->connect_started = ev_now(s->loop);
	errno = 0;
	rc = mosquitto_connect_async(s->mosq, s->c.host, s->c.port,
	                             (int)(s->c.keepalive_ms / 1000));
	if (rc != MOSQ_ERR_SUCCESS) {
		connect_failed(s, rc == MOSQ_ERR_ERRNO ? errno : 999, failure_text(rc, why, sizeof(why)));
		return;
	}
	sync_io(s);
}

/* --- the seam's side */

static void
batch_finish(struct mqtt_sink *s)
{
	char   *msg;
	size_t  tl = strlen(s->sensor);

	if (s->batch == NULL)
		return;
	fputs("}}", s->batch);
	if (fclose(s->batch) != 0) {
		s->batch = NULL;
		free(s->batch_buf);
		return;
	}
	s->batch = NULL;
	/* A spool message is the topic, a NUL, then the payload. */
	msg = malloc(tl + 1 + s->batch_len);
	if (msg != NULL) {
		memcpy(msg, s->sensor, tl + 1);
		memcpy(msg + tl + 1, s->batch_buf, s->batch_len);
		if (spool_push(s->spool, s->batch_ts_ms, msg, tl + 1 + s->batch_len) != 0)
			s->st.queued++;
		free(msg);
	}
	free(s->batch_buf);
	s->batch_buf = NULL;
	s->batch_meter = NULL;
	pump(s);
}

static void
batch_add(struct mqtt_sink *s, const struct rd_meter *m, const struct rd_value *v)
{
	char text[READING_NUM_MAX];

	if (s->batch != NULL && s->batch_meter != m)
		batch_finish(s);
	if (s->batch == NULL) {
		char      ts[32];
		time_t    t;
		struct tm tm;

		s->batch = open_memstream(&s->batch_buf, &s->batch_len);
		if (s->batch == NULL)
			return;
		s->batch_meter = m;
		s->batch_ts_ms = v->meter_time != 0 ? v->meter_time * 1000 : v->rx_ms;
		t = (time_t)(s->batch_ts_ms / 1000);
		localtime_r(&t, &tm);
		strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%S", &tm);
		/* Tasmota's SENSOR shape: the time, then one object per meter. */
		fprintf(s->batch, "{\"Time\":\"%s\",\"", ts);
		json_escape(s->batch, m->name, strlen(m->name));
		fputs("\":{", s->batch);
	} else
		fputc(',', s->batch);
	fputc('"', s->batch);
	json_escape(s->batch, v->name, strlen(v->name));
	fputs("\":", s->batch);
	format_value(v, text);
	if (v->is_text) {
		fputc('"', s->batch);
		json_escape(s->batch, text, strlen(text));
		fputc('"', s->batch);
	} else
		fputs(text, s->batch);
}

static void
sink_point(struct rd_sink *sk, const struct rd_point *p)
{
	struct mqtt_sink *s = sk->data;

	batch_add(s, p->meter, p->value);
	if (s->connected) {
		discovery_send(s, p->meter, p->value);
		value_send(s, p->meter, p->value);
	}
}

static void
sink_batch_end(struct rd_sink *sk, const struct rd_meter *m)
{
	struct mqtt_sink *s = sk->data;

	if (s->batch_meter == m)
		batch_finish(s);
	if (s->mosq != NULL)
		sync_io(s);
}

static void
clear_later(struct mqtt_sink *s, const char *topic)
{
	char *t;

	if (s->n_clear == s->cap_clear) {
		size_t ncap = s->cap_clear ? s->cap_clear * 2 : 16;
		void  *p = realloc(s->clear, ncap * sizeof(*s->clear));
		if (p == NULL)
			return;
		s->clear = p;
		s->cap_clear = ncap;
	}
	if ((t = strdup(topic)) != NULL)
		s->clear[s->n_clear++] = t;
}

/* A removed meter's retained topics are emptied: HA then deletes its entities. */
static void
meter_removed(struct mqtt_sink *s, const struct rd_meter *m)
{
	char topic[512];

	if (s->batch_meter == m)
		batch_finish(s);
	for (size_t k = 0; k < m->n_values; k++) {
		const struct rd_value *v = &m->values[k];
		if (s->c.discovery) {
			ha_config_topic(s->c.discovery_prefix, s->node, v, topic, sizeof(topic));
			if (s->connected)
				publish(s, topic, "", 0, 1, true);
			else
				clear_later(s, topic);
		}
		value_topic(s, m, v, topic, sizeof(topic));
		if (s->connected)
			publish(s, topic, "", 0, 1, true);
		else
			clear_later(s, topic);
	}
	meter_avail_topic(s, m, topic, sizeof(topic));
	if (s->connected)
		publish(s, topic, "", 0, 1, true);
	else
		clear_later(s, topic);
	/* Should it come back, its values are announced again. */
	announced_clear(s);
	log_info("mqtt: meter %s left the configuration: its topics and discovery are cleared",
	         m->name);
}

static void
sink_meter(struct rd_sink *sk, const struct rd_meter *m, enum rd_meter_change ch)
{
	struct mqtt_sink *s = sk->data;

	switch (ch) {
	case RD_METER_ADDED:
	case RD_METER_HEALTH:
		meter_state_send(s, m);
		break;
	case RD_METER_REMOVED:
		meter_removed(s, m);
		break;
	}
	if (s->mosq != NULL)
		sync_io(s);
}

struct mqtt_sink *
mqtt_sink_new(struct ev_loop *loop, struct readings *rd, const struct mqtt_conf *c)
{
	static bool       lib_ready;
	struct mqtt_sink *s = calloc(1, sizeof(*s));

	if (s == NULL)
		return NULL;
	if (!lib_ready) {
		mosquitto_lib_init();
		lib_ready = true;
	}
	s->loop = loop;
	s->rd = rd;
	s->c = *c;
	ha_topic_level(c->topic, s->node, sizeof(s->node));
	snprintf(s->lwt, sizeof(s->lwt), "tele/%s/LWT", c->topic);
	snprintf(s->sensor, sizeof(s->sensor), "tele/%s/SENSOR", c->topic);
	snprintf(s->ha_status, sizeof(s->ha_status), "%s/status", c->discovery_prefix);
	s->spool = spool_open(c->spool, "mqtt", c->spool_max);
	if (s->spool == NULL) {
		free(s);
		return NULL;
	}
	if (c->n_ingest > 0 && (s->ingest = ingest_new(loop, rd, &s->c)) == NULL) {
		spool_close(s->spool);
		free(s);
		return NULL;
	}
	backoff_init(&s->backoff, MQTT_RETRY_MIN_MS, MQTT_RETRY_MAX_MS);
	ev_io_init(&s->io, io_cb, s);
	ev_timer_init(&s->misc, misc_cb, s);
	ev_timer_init(&s->retry, retry_cb, s);
	ev_timer_init(&s->flush, flush_cb, s);
	ev_timer_start(loop, &s->misc, MQTT_MISC_MS);
	ev_timer_start(loop, &s->flush, MQTT_FLUSH_MS);
	s->sink.name = "mqtt";
	s->sink.meter = sink_meter;
	s->sink.point = sink_point;
	s->sink.batch_end = sink_batch_end;
	s->sink.data = s;
	readings_subscribe(rd, &s->sink);
	log_info("mqtt: publishing to %s:%u as tele/%s/..., spool %s", c->host, c->port, c->topic,
	         c->spool);
	connect_start(s);
	return s;
}

void
mqtt_sink_free(struct mqtt_sink *s)
{
	if (s == NULL)
		return;
	readings_unsubscribe(s->rd, &s->sink);
	batch_finish(s);
	if (s->mosq != NULL && s->connected) {
		/* A clean disconnect does not fire the will: say Offline ourselves. */
		publish_str(s, s->lwt, "Offline", 1, true);
		mosquitto_disconnect(s->mosq);
		mosquitto_loop_write(s->mosq, 16);
	}
	ev_io_stop(s->loop, &s->io);
	ev_timer_stop(s->loop, &s->misc);
	ev_timer_stop(s->loop, &s->retry);
	ev_timer_stop(s->loop, &s->flush);
	if (s->mosq != NULL)
		mosquitto_destroy(s->mosq);
	if (spool_waiting(s->spool) > 0)
		log_info("mqtt: %llu reading%s kept in the spool for the next start",
		         (unsigned long long)spool_waiting(s->spool),
		         spool_waiting(s->spool) == 1 ? "" : "s");
	spool_close(s->spool);
	ingest_free(s->ingest);
	for (size_t i = 0; i < s->n_clear; i++)
		free(s->clear[i]);
	free(s->clear);
	free(s->announced);
	free(s);
}

void
mqtt_sink_stats(const struct mqtt_sink *s, struct mqtt_stats *st)
{
	*st = s->st;
	st->connected = s->connected;
	st->waiting = spool_waiting(s->spool);
	st->dropped = spool_dropped(s->spool);
}
