/*
 * sinks.h - the publishing sinks of a configuration (mqtt, influx), made
 * from its sections and subscribed to the seam; `meterd run` and tools
 * that drive the seam themselves start them the same way.
 */
#ifndef METERD_SINKS_H
#define METERD_SINKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "platform/posix/ev.h"
#include "readings.h"

struct sinks;

/*
 * Starts a sink for each publishing section of c (c is only read: the
 * sinks copy their settings). A sink that cannot start (its spool cannot
 * be opened) is logged and left out: metering goes on without it. Returns
 * NULL only when out of memory.
 */
struct sinks *sinks_start(struct ev_loop *loop, struct readings *rd, const struct cfg *c);

/* Stops them; what is not delivered stays in their spools. */
void sinks_free(struct sinks *s);

struct mqtt_sink   *sinks_mqtt(const struct sinks *s);
struct influx_sink *sinks_influx(const struct sinks *s);

/*
 * Where spooling sinks keep their queues unless `spool PATH` says
 * otherwise: spool.db beside the history database (the directory of
 * `history { path }`), else in systemd's $STATE_DIRECTORY, else here.
 */
#define SINKS_SPOOL_DEFAULT "/var/lib/meterd/spool.db"
void sinks_spool_default(const struct cfg *c, char *out, size_t cap);

/*
 * Reads the settings every spooling sink has, `spool PATH` and `spool_max
 * MESSAGES`; returns false when st is neither (errors go to d).
 */
bool sinks_spool_setting(struct cfg_diag *d, const struct cfg_setting *st, char *path,
                         size_t cap, uint64_t *max);

#endif
