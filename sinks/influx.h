/*
 * influx.h - the InfluxDB sink: line protocol over HTTP, batched, through
 * libcurl's multi interface on the daemon's loop (no thread, no blocking).
 *
 * One line per reading, with the reading's own time (ms):
 *
 *   meterd,meter=strom,protocol=sml,id=1-0:1.8.0*255,unit=kWh value=12345.6789 1800000000000
 *   meterd,meter=strom,protocol=sml,id=serial text="E0044007131650618" 1800000000000
 *
 * Every line goes through the sink's spool (spool.h) and is acknowledged
 * when InfluxDB answered 204 for its batch: while InfluxDB is down or
 * refuses, lines wait and go in order once it is back. A batch InfluxDB
 * rejects as malformed (400) would be rejected forever: it is dropped,
 * counted and logged. Duplicates after a retry are harmless: InfluxDB
 * keeps one point per series and time.
 *
 * v1: POST <url>/write?db=<db>&precision=ms (user/password as u=/p=);
 * v2: POST <url>/api/v2/write?org=<org>&bucket=<bucket>&precision=ms with
 * "Authorization: Token <token>" (chosen when `bucket` is set).
 */
#ifndef METERD_INFLUX_H
#define METERD_INFLUX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "platform/posix/ev.h"
#include "readings.h"

struct influx_conf {
	char     url[CFG_PATH_MAX];  /* http://127.0.0.1:8086 */
	char     db[64];             /* v1 */
	char     user[64], password[128];
	char     org[64], bucket[64], token[256]; /* v2 */
	char     measurement[64];
	uint32_t batch;              /* lines per request */
	uint32_t flush_ms;           /* longest a line waits for a fuller batch */
	uint32_t timeout_ms;         /* per request */
	char     spool[CFG_PATH_MAX];
	uint64_t spool_max;
};

int influx_conf_read(const struct cfg_section *s, struct influx_conf *c, struct cfg_diag *d);
int influx_check(const struct cfg_section *s, struct cfg_diag *d);

/* One reading as a line (no newline) into buf; returns its length, 0 when it does not fit. */
size_t influx_line(const struct influx_conf *c, const struct rd_meter *m, const struct rd_value *v,
                   char *buf, size_t cap);

struct influx_sink;

struct influx_sink *influx_sink_new(struct ev_loop *loop, struct readings *rd,
                                    const struct influx_conf *c);
void                influx_sink_free(struct influx_sink *s);

struct influx_stats {
	uint64_t queued, delivered, waiting, dropped, rejected, requests, failures;
};

void influx_sink_stats(const struct influx_sink *s, struct influx_stats *st);

#endif
