/*
 * sinks.h - the publishing sinks of a configuration (mqtt, influx), made
 * from its sections and subscribed to the seam; `meterd run` and tools
 * that drive the seam themselves start them the same way.
 */
#ifndef METERD_SINKS_H
#define METERD_SINKS_H

#include "config.h"
#include "platform/posix/ev.h"
#include "readings.h"

struct sinks;

/*
 * Starts a sink for each publishing section of c (c is only read: the
 * sinks copy their settings). Returns NULL when one cannot start (logged):
 * a spool that cannot be opened is a start-up error, not a silent loss.
 */
struct sinks *sinks_start(struct ev_loop *loop, struct readings *rd, const struct cfg *c);

/* Stops them; what is not delivered stays in their spools. */
void sinks_free(struct sinks *s);

struct mqtt_sink *sinks_mqtt(const struct sinks *s);

#endif
