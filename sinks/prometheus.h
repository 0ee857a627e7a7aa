/*
 * prometheus.h - the Prometheus text exposition of the seam's catalogue
 * (served as /metrics by the http sink).
 */
#ifndef METERD_PROMETHEUS_H
#define METERD_PROMETHEUS_H

#include <stddef.h>

struct readings;

/*
 * Renders every numeric value (gauge meterd_value with labels meter, name,
 * unit) and each meter's health counters into buf. Returns the length of the
 * whole text, like snprintf: when it is >= cap the text was cut and the
 * caller tries again with a larger buffer.
 */
size_t prometheus_render(const struct readings *rd, char *buf, size_t cap);

#endif
