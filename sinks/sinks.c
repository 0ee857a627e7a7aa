/*
 * sinks.c - starts the publishing sinks of a configuration; see sinks.h.
 */
#include <stdio.h>
#include <stdlib.h>

#include "mqtt.h"
#include "platform/posix/log.h"
#include "sinks.h"

struct sinks {
	struct mqtt_sink *mqtt;
};

struct sinks *
sinks_start(struct ev_loop *loop, struct readings *rd, const struct cfg *c)
{
	struct sinks             *s = calloc(1, sizeof(*s));
	const struct cfg_section *sec;
	struct cfg_diag           d = {.file = c->file, .errs = stderr};

	if (s == NULL)
		return NULL;
	if ((sec = cfg_section_find(c, "mqtt")) != NULL) {
		struct mqtt_conf mc;
		/* Checked when the file was loaded; read again as the sink will use it. */
		if (mqtt_conf_read(sec, &mc, &d) != 0 || (s->mqtt = mqtt_sink_new(loop, rd, &mc)) == NULL)
			goto fail;
	}
	return s;
fail:
	sinks_free(s);
	return NULL;
}

void
sinks_free(struct sinks *s)
{
	if (s == NULL)
		return;
	mqtt_sink_free(s->mqtt);
	free(s);
}

struct mqtt_sink *
sinks_mqtt(const struct sinks *s)
{
	return s != NULL ? s->mqtt : NULL;
}
