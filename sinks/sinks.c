/*
 * sinks.c - starts the publishing sinks of a configuration; see sinks.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "influx.h"
#include "mqtt.h"
#include "platform/posix/log.h"
#include "sinks.h"

struct sinks {
	struct mqtt_sink   *mqtt;
	struct influx_sink *influx;
};

struct sinks *
sinks_start(struct ev_loop *loop, struct readings *rd, const struct cfg *c)
{
	struct sinks             *s = calloc(1, sizeof(*s));
	const struct cfg_section *sec;
	struct cfg_diag           d = {.file = c->file, .errs = stderr};

	if (s == NULL)
		return NULL;
	/* Checked when the file was loaded; read again as the sinks use them. */
	if ((sec = cfg_section_find(c, "mqtt")) != NULL) {
		struct mqtt_conf mc;
		int              errs = mqtt_conf_read(sec, &mc, &d);
		if (mc.spool[0] == '\0')
			sinks_spool_default(c, mc.spool, sizeof(mc.spool));
		if (errs != 0 || (s->mqtt = mqtt_sink_new(loop, rd, &mc)) == NULL)
			log_warnx("mqtt: cannot start (see above): left out, metering goes on");
	}
	if ((sec = cfg_section_find(c, "influx")) != NULL) {
		struct influx_conf ic;
		int                errs = influx_conf_read(sec, &ic, &d);
		if (ic.spool[0] == '\0')
			sinks_spool_default(c, ic.spool, sizeof(ic.spool));
		if (errs != 0 || (s->influx = influx_sink_new(loop, rd, &ic)) == NULL)
			log_warnx("influx: cannot start (see above): left out, metering goes on");
	}
	return s;
}

void
sinks_free(struct sinks *s)
{
	if (s == NULL)
		return;
	mqtt_sink_free(s->mqtt);
	influx_sink_free(s->influx);
	free(s);
}

struct mqtt_sink *
sinks_mqtt(const struct sinks *s)
{
	return s != NULL ? s->mqtt : NULL;
}

struct influx_sink *
sinks_influx(const struct sinks *s)
{
	return s != NULL ? s->influx : NULL;
}

bool
sinks_spool_setting(struct cfg_diag *d, const struct cfg_setting *st, char *path, size_t cap,
                    uint64_t *max)
{
	if (strcmp(st->word[0], "spool") == 0) {
		if (cfg_want_args(d, st, 1, 1, "spool PATH"))
			cfg_get_str(d, st, 1, path, cap);
		return true;
	}
	if (strcmp(st->word[0], "spool_max") == 0) {
		if (cfg_want_args(d, st, 1, 1, "spool_max MESSAGES"))
			cfg_get_uint(d, st, 1, 1, UINT32_MAX, max);
		return true;
	}
	return false;
}

void
sinks_spool_default(const struct cfg *c, char *out, size_t cap)
{
	const struct cfg_section *h = cfg_section_find(c, "history");
	const char               *state = getenv("STATE_DIRECTORY");

	for (size_t i = 0; h != NULL && i < h->n_settings; i++) {
		const struct cfg_setting *st = &h->settings[i];
		const char               *slash;
		if (st->n == 2 && strcmp(st->word[0], "path") == 0 &&
		    (slash = strrchr(st->word[1], '/')) != NULL) {
			snprintf(out, cap, "%.*s/spool.db", (int)(slash - st->word[1]), st->word[1]);
			return;
		}
	}
	/* systemd's StateDirectory= (one absolute path) */
	if (state != NULL && state[0] == '/' && strchr(state, ':') == NULL)
		snprintf(out, cap, "%s/spool.db", state);
	else
		snprintf(out, cap, "%s", SINKS_SPOOL_DEFAULT);
}
