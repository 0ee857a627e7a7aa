/*
 * prometheus.h - the seam's catalogue in Prometheus' text exposition
 * format (version 0.0.4), for /metrics on the web listener.
 *
 * Families (each with HELP and TYPE once, its samples together):
 *
 *   meterd_value{meter,name,unit,quantity}      gauge: every numeric value, exact decimal
 *   meterd_value_timestamp_seconds{meter,name}  gauge: the reading's own time
 *   meterd_meter_up{meter,protocol}             gauge: 1 while good frames arrive
 *   meterd_meter_state{meter,state}             gauge: 1 for the meter's present state
 *   meterd_<counter>_total{meter}               counter: frames_ok, crc_errors, msg_crc_errors,
 *                                               echo_errors,
 *                                               invalid_frames,
 *                                               parity_errors, timeouts, exceptions, guard_flags
 *   meterd_meter_last_good_timestamp_seconds{meter}
 *
 * Text values (identifiers, status words) are not numbers and are left
 * out. Pure: reads the catalogue, writes into the caller's buffer.
 */
#ifndef METERD_PROMETHEUS_H
#define METERD_PROMETHEUS_H

#include <stddef.h>

#include "readings.h"

/*
 * Writes the exposition into buf (NUL-terminated, cut at cap - 1) and
 * returns the length the whole text needs, like snprintf: when the result
 * is >= cap, call again with a buffer of result + 1 bytes.
 */
size_t prometheus_render(const struct readings *rd, char *buf, size_t cap);

/* The Content-Type to serve it with. */
#define PROMETHEUS_CONTENT_TYPE "text/plain; version=0.0.4; charset=utf-8"

#endif
