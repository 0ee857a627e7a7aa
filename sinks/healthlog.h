/*
 * healthlog.h - the operator's view of meter health: one log line per change
 * of a meter's state, and systemd's STATUS= line.
 *
 * A sink on the seam (readings.h). Each RD_METER_HEALTH change is logged
 * once, at a level that shows with the default verbosity:
 *
 *   starting -> up             info     "meter p1: up (first frame after 1.2 s)"
 *   * -> silent/errors/port_down  warning  "meter p1: silent (no good frame since ...)"
 *   not up -> up               notice   "meter p1: answering again after 2 min silent"
 *
 * and STATUS= (sd_notify) says how many meters are up and names the others:
 * "3 of 4 meters up; silent: heat". It also tells its owner once, through
 * all_reporting, when every meter in the catalogue has published its values
 * (a batch ended that added no new one: totals the guard held back at
 * first are in), so run.c prints the first SENSOR line then, not a
 * teleperiod later. A meter joins with its port not yet opened: that
 * "down" is said only if it lasts 5 s (a port that never comes up, or
 * flaps from the first connect), so a normal start logs no warning.
 */
#ifndef METERD_HEALTHLOG_H
#define METERD_HEALTHLOG_H

#include <stddef.h>

#include "platform/posix/ev.h"
#include "readings.h"

struct healthlog;

/*
 * Subscribes to r. loop times the grace a starting meter's port gets before
 * "down" is said (NULL: never said for a meter that joined down).
 * all_reporting may be NULL. Returns NULL when out of memory.
 */
struct healthlog *healthlog_new(struct readings *r, struct ev_loop *loop,
                                void (*all_reporting)(void *arg), void *arg);
/* Unsubscribes and frees. */
void healthlog_free(struct healthlog *h);

/* The current STATUS= text (also sent to systemd at every change). */
const char *healthlog_status(const struct healthlog *h);

/* Rearms all_reporting (after a reload that added meters). */
void healthlog_rearm(struct healthlog *h);

#endif
