/*
 * mqtt.h - the MQTT sink: Tasmota topics, Home Assistant discovery,
 * store-and-forward, on the daemon's loop (libmosquitto, no thread).
 *
 * Topics (<topic> is the `topic` setting, Tasmota's %topic%):
 *
 *   tele/<topic>/LWT              Online / Offline, retained (Offline is the will)
 *   tele/<topic>/SENSOR           {"Time":"...","<meter>":{"<value>":...}} per
 *                                 telegram or poll, the reading's own time;
 *                                 queued in the spool: delivered in order, at
 *                                 least once, across broker outages and restarts
 *   tele/<topic>/<meter>/<value>  the latest value, plain text (retained by default)
 *   tele/<topic>/<meter>/LWT      Online / Offline, retained: the meter's health
 *                                 (silent, errors, port down: Offline)
 *   <prefix>/sensor/<node>/<object>/config   discovery, retained
 *
 * The SENSOR series is what must not be lost, so only it goes through the
 * spool; the retained per-value topics, availability and discovery are
 * state and are published again from the seam's catalogue after every
 * (re)connect.
 */
#ifndef METERD_MQTT_H
#define METERD_MQTT_H

#include <stdbool.h>
#include <stdint.h>

#include "config.h"
#include "platform/posix/ev.h"
#include "readings.h"

#define MQTT_INGEST_MAX 8

struct mqtt_conf {
	char     host[128];
	uint16_t port;
	char     topic[64];
	char     client_id[64];
	char     user[64];
	char     password[128];
	bool     tls;
	char     cafile[CFG_PATH_MAX];
	char     certfile[CFG_PATH_MAX];
	char     keyfile[CFG_PATH_MAX];
	int      qos;           /* of SENSOR and value topics */
	bool     retain;        /* value topics */
	uint32_t keepalive_ms;
	bool     discovery;
	char     discovery_prefix[64];
	char     spool[CFG_PATH_MAX];
	uint64_t spool_max;
	char     ingest[MQTT_INGEST_MAX][128];      /* topic filters (ingest.h) */
	char     ingest_unit[MQTT_INGEST_MAX][16];  /* unit of values that have none, "" */
	size_t   n_ingest;
	uint32_t ingest_silence_ms;                 /* least silence before a device is silent */
};

/* Reads an `mqtt { }` block (defaults for what is not set); returns the number of errors. */
int mqtt_conf_read(const struct cfg_section *s, struct mqtt_conf *c, struct cfg_diag *d);

/* sections.def: checks an `mqtt { }` block. */
int mqtt_check(const struct cfg_section *s, struct cfg_diag *d);

struct mqtt_sink;

/*
 * Subscribes to rd and starts connecting (the broker need not be there).
 * Returns NULL when the spool cannot be opened or memory ran out (logged).
 */
struct mqtt_sink *mqtt_sink_new(struct ev_loop *loop, struct readings *rd,
                                const struct mqtt_conf *c);

/* Publishes Offline, disconnects, keeps what is not delivered in the spool. */
void mqtt_sink_free(struct mqtt_sink *s);

/*
 * Writable device parameters (control.h): announced to Home Assistant as
 * numbers, set by messages on cmnd/<topic>/<meter>/<parameter>.
 */
struct control;
void mqtt_sink_set_control(struct mqtt_sink *s, struct control *ctl);

struct mqtt_stats {
	bool     connected;
	uint64_t queued;    /* SENSOR messages pushed into the spool */
	uint64_t delivered; /* acknowledged by the broker */
	uint64_t waiting;   /* in the spool */
	uint64_t dropped;   /* spool full */
	uint64_t connects, connect_failures;
};

void mqtt_sink_stats(const struct mqtt_sink *s, struct mqtt_stats *st);

#endif
