/*
 * engine.h - the running daemon: meters, SMI scripts, buses, values, health.
 *
 * The engine turns a checked struct cfg (config.h) into running objects on
 * one event loop:
 *
 *   bus        one per port spec (bus.h), shared by the meters on it;
 *   meter      a native meter: a core decoder for a pushing meter (SML,
 *              D0, DSMR, M-Bus ...), publishing every value it finds or the
 *              configured selection;
 *   smi        a Tasmota script (smi.h) whose meters are bound to buses by
 *              the config's pin map; the script's runtime decodes, the
 *              engine feeds bytes, sends requests and keeps time.
 *
 * It keeps the latest values (with the time they were received; the meter's
 * own time where the protocol has one), health per meter (frames ok, CRC
 * errors, invalid frames, timeouts, guard flags, last good read), and runs
 * every total through the counter guard (guard.h) before it is published.
 *
 * engine_apply() takes a new configuration at start and on reload: meters
 * and SMI blocks whose configuration did not change keep running untouched
 * (their port stays open, their values stay), the rest are stopped or
 * started.
 */
#ifndef METERD_ENGINE_H
#define METERD_ENGINE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "config.h"
#include "platform/posix/ev.h"

struct engine;

struct readings;

/*
 * Creates an engine publishing into rd (readings.h): every accepted
 * reading, every meter and every change of health goes there.
 */
struct engine *engine_new(struct ev_loop *loop, struct readings *rd);

/*
 * Runs configuration c (ownership passes to the engine). Returns 0, or a
 * negative errno when out of memory (the engine then keeps what it could).
 * Logs what was kept, added and removed.
 */
int engine_apply(struct engine *e, struct cfg *c);
/* The configuration applied last (owned by the engine), or NULL. */
const struct cfg *engine_config(const struct engine *e);

void engine_free(struct engine *e);

/*
 * Where the guard finds the last total stored before this run (the history
 * store): fn returns true with the value and the wall clock ms it was read.
 */
void engine_set_last_total(struct engine *e,
                           bool (*fn)(void *arg, const char *id, double *v, int64_t *wall_ms),
                           void *arg);


/* The teleperiod of the current configuration, in ms. */
uint32_t engine_teleperiod_ms(const struct engine *e);

/*
 * Writes one Tasmota-shaped SENSOR message (one line):
 * {"Time":"2026-11-25T12:00:00","Strom":{"P_in":...},"<meter>":{...}}
 * with the SMI script's meters first, then each native meter by name.
 * Marks the values published. time_str is Tasmota's local time format.
 */
void engine_print_sensor(struct engine *e, FILE *f, const char *time_str);

/*
 * Writes the state as one JSON object: every meter's health and the
 * latency from a telegram's last byte being read to its values being
 * stored (count, p50, p99 in microseconds), for `--status FILE`.
 */
void engine_write_status(struct engine *e, FILE *f);

/* Logs every meter's health (SIGUSR1). */
void engine_log_health(struct engine *e);

#endif
