/*
 * ingest.h - devices that already publish to the broker, taken in as
 * meters: the MQTT sink subscribes to the `ingest` filters and hands each
 * message here, which publishes it into the seam (protocol "mqtt"), so the
 * device gets history, the web page, discovery and health like a meter
 * meterd reads itself.
 *
 *   Tasmota (a filter ending in /SENSOR, e.g. "tele/+/SENSOR"):
 *     tele/<device>/SENSOR {"Time":"...","<sensor>":{"<key>":value,...},...}
 *     -> meter "<device>.<sensor>", values "<key>", meter time from "Time"
 *     (this is also what other meterd instances publish: "beyond one box").
 *     Units: Tasmota's own (ENERGY Total kWh, Power W ...), or learnt from
 *     the retained Home Assistant discovery configs on the broker (other
 *     meterd instances announce every value with its unit there).
 *   AI-on-the-edge-device (any other filter, e.g. "watermeter/+/value"):
 *     <main>/<number>/value  123.4567      -> meter "<main>", value "<number>"
 *     <main>/<number>/json   {"value":"123.4567",...,"timestamp":"..."}
 *     with the unit given in the config (`ingest "watermeter/+/value" unit m3`).
 *
 * A device that stops publishing goes silent: after three of its usual
 * intervals (at least `ingest_silence`, default 60 s) its meter's health
 * becomes silent, and back up with its next message. Messages under the
 * instance's own tele/<topic>/ are never ingested (no loops). At most 512
 * meters are taken in; messages that cannot be read and meters beyond that
 * are counted and logged once.
 */
#ifndef METERD_INGEST_H
#define METERD_INGEST_H

#include <stdbool.h>
#include <stddef.h>

#include "platform/posix/ev.h"
#include "readings.h"

struct mqtt_conf;
struct ingest;

struct ingest *ingest_new(struct ev_loop *loop, struct readings *rd, const struct mqtt_conf *c);
void           ingest_free(struct ingest *g);

/* Topic filters to subscribe to after every connect; returns how many (at most max). */
size_t ingest_filters(const struct ingest *g, const char **out, size_t max);

/* A message that arrived; true when it was ingested (or learnt from). */
bool ingest_message(struct ingest *g, const char *topic, const void *payload, size_t len);

/*
 * A JSON number as an exact decimal: "12.345" -> raw 12345, scaler -3;
 * "-7" -> -7, 0; "1.5e3" -> 15, 2. Returns false when it is not one.
 */
bool ingest_decimal(const char *s, size_t n, int64_t *raw, int8_t *scaler);

#endif
