/*
 * ha_discovery.h - Home Assistant MQTT discovery for the seam's values.
 *
 * Home Assistant's Energy dashboard takes a sensor only when its
 * device_class, state_class and unit agree: energy needs device_class
 * energy, state_class total or total_increasing and one of Wh, kWh, MWh,
 * MJ, GJ; water and gas need m³ (or L for water) ... A unit HA does not
 * accept for a device class makes HA reject the whole entity, so a unit
 * meterd cannot map leaves the device_class out rather than sending a
 * config HA refuses.
 *
 * Everything here is derived from the seam (rd_value's quantity, class,
 * unit, precision; rd_meter's manufacturer, model, serial): the seam
 * already derived the quantity from the unit, OBIS code, M-Bus record, KMP
 * register, profile or SMI line.
 */
#ifndef METERD_HA_DISCOVERY_H
#define METERD_HA_DISCOVERY_H

#include <stddef.h>
#include <stdio.h>

#include "readings.h"

#define HA_OBJECT_MAX 128

/* What Home Assistant is told about one value. */
struct ha_sensor {
	const char *device_class; /* NULL: none */
	const char *state_class;  /* NULL: none (text) */
	char        unit[16];     /* HA's spelling ("m³", "°C", "L/min"), "" none */
	int         precision;    /* suggested_display_precision, -1 none */
};

void ha_sensor_describe(const struct rd_value *v, struct ha_sensor *out);

/*
 * HA's spelling of a unit as meters and scripts write it ("m3" -> "m³",
 * "KWH" -> "kWh", "C" -> "°C", "l/min" -> "L/min"); the unit itself when it
 * has no other spelling.
 */
void ha_unit(const char *unit, char *out, size_t cap);

/*
 * Copies s as one MQTT topic level or HA object id: '/', '+', '#' and
 * control bytes (and, for ids, everything but [A-Za-z0-9_-]) become '_'.
 */
void ha_topic_level(const char *s, char *out, size_t cap);
void ha_id_part(const char *s, char *out, size_t cap);

/*
 * The object id of a value, stable across restarts and unique even when
 * two names sanitize alike: "<meter>_<value>_<8 hex of a hash of the
 * exact id>".
 */
void ha_object_id(const char *node, const struct rd_value *v, char *out, size_t cap);

/* Where HA reads a value's config: "<prefix>/sensor/<node>/<object>/config". */
void ha_config_topic(const char *prefix, const char *node, const struct rd_value *v, char *out,
                     size_t cap);

/* Topics the config points at. */
struct ha_topics {
	const char *node;        /* sanitized base topic (unique per meterd instance) */
	const char *state;       /* the value's retained state topic */
	const char *lwt;         /* the daemon's will topic (Online/Offline) */
	const char *meter_avail; /* the meter's availability topic (Online/Offline) */
};

/* Writes the retained config JSON of value v of meter m. */
void ha_config_write(FILE *f, const struct ha_topics *t, const struct rd_meter *m,
                     const struct rd_value *v);

/*
 * A writable device parameter (control.h) as a Home Assistant number:
 * state from the value's topic, commands to command_topic, bounds from the
 * device profile (exact decimals).
 */
struct ha_number {
	const char *command_topic;
	const char *min, *max, *step;
};

/* "<prefix>/number/<node>/<object>_set/config" */
void ha_number_topic(const char *prefix, const char *node, const struct rd_value *v, char *out,
                     size_t cap);
void ha_number_write(FILE *f, const struct ha_topics *t, const struct rd_meter *m,
                     const struct rd_value *v, const struct ha_number *n);

#endif
