/*
 * history.h - the history store: every reading in SQLite, rolled up for
 * charts and consumption (see meterd.conf(5), section history).
 *
 * A sink of the seam (readings.h). On the loop, a point is only copied into
 * a bounded in-memory queue (24 bytes); a worker thread commits what the
 * queue holds in one transaction per batch, so a slow or full disk never
 * stalls metering. A full queue drops the point (counted, logged once per
 * episode; an episode ends when the queue is half empty again, a minute
 * after its log line at the earliest).
 *
 * The database (WAL, synchronous=NORMAL: a killed process never loses a
 * committed transaction, only a power cut can lose the last ones):
 *
 *   ids(key, id)             the stable id text -> an integer key
 *   raw(key, t, raw, sc)     each reading, exact (raw * 10^sc), kept `raw` long
 *   minute/hour/day(key, t, mn, mx, sum, cnt, last, last_t)
 *                            aggregates of UTC buckets, updated in the same
 *                            transaction as the raw rows, kept longer
 *   latest(key, t, raw, sc)  the last reading of each id, exact, kept forever
 *
 * Disk full (SQLITE_FULL) and a read-only or unopenable database are
 * logged once per episode and counted; the points of a failed batch are
 * dropped (counted) and metering goes on; the store retries.
 *
 * Queries (charts, consumption, last total) run on the caller's thread on
 * a read-only connection of their own, never waiting for the writer (WAL);
 * a chart or consumption query is cut after 200 ms (-EIO).
 */
#ifndef METERD_HISTORY_H
#define METERD_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"

struct readings;
struct rd_sink;

struct history_conf {
	bool     enabled;            /* a history block is configured */
	char     path[CFG_PATH_MAX];
	/* retention per table in days, 0 = forever */
	uint32_t raw_days, minute_days, hour_days, day_days;
	uint32_t queue;              /* points the queue holds */
};

/* The default path when a history block names none. */
#define HISTORY_DEFAULT_PATH "/var/lib/meterd/history.db"

/*
 * Reads the history section of c into hc (defaults where absent; enabled
 * is false without a section). Returns the number of errors reported.
 */
int history_conf_read(const struct cfg *c, struct history_conf *hc, struct cfg_diag *d);

/* sections.def: checks one history block. */
int history_check(const struct cfg_section *s, struct cfg_diag *d);

struct history;

/*
 * Starts the store (the worker opens and creates the database, and retries
 * when it cannot). Returns NULL only when out of memory or threads.
 */
struct history *history_open(const struct history_conf *hc);

/* Commits what is queued, stops the worker, closes the database. */
void history_close(struct history *h);

/* The sink to subscribe to the seam (points of numeric values). */
struct rd_sink *history_sink(struct history *h);

/*
 * Queues one reading (the sink's path; also for benches and the demo's
 * generated history). Returns false when the queue is full: the point is
 * dropped and counted.
 */
bool history_put(struct history *h, const char *id, int64_t t_ms, int64_t raw, int8_t scaler);

/* Wakes the worker to commit what is queued now. */
void history_kick(struct history *h);

/* Blocks until everything queued so far is committed or dropped (tests, benches, shutdown). */
void history_flush(struct history *h);

struct history_stats {
	uint64_t queued;       /* points accepted into the queue */
	uint64_t committed;    /* points in committed transactions */
	uint64_t dropped_full; /* queue full */
	uint64_t dropped_db;   /* their batch could not be written */
	uint64_t write_errors; /* failed batches (disk full, read-only, I/O) */
	uint64_t batches;
	bool     db_ok;        /* the last batch was written */
};
void history_get_stats(struct history *h, struct history_stats *st);

/* The database file, for modules that open their own connection (store-and-forward queues). */
const char *history_path(const struct history *h);

/*
 * The last stored reading of id (exact), for the counter guard's memory
 * across restarts. Returns 0, -ENOENT when id has none, or -EIO.
 */
int history_last_total(struct history *h, const char *id, int64_t *raw, int8_t *scaler,
                       int64_t *t_ms);

/* One chart point: a bucket's start and its mean, min and max. */
struct history_pt {
	int64_t t;
	double  mean, min, max;
};

/*
 * About `points` points of id between from and to (ms, to exclusive),
 * oldest first, from the finest table whose buckets fit (raw, minute, hour,
 * day) and still cover `from`; bucketed in SQL. *resolution is "raw",
 * "minute", "hour" or "day". *out is malloc'd (free it). Returns the number
 * of points, or -ENOENT (unknown id), -EINVAL, -EIO.
 */
int history_chart(struct history *h, const char *id, int64_t from, int64_t to, int points,
                  struct history_pt **out, const char **resolution);

enum history_bucket { HISTORY_HOUR, HISTORY_DAY, HISTORY_MONTH };

struct history_bar {
	int64_t t;     /* the bucket's start (local time) */
	double  delta; /* growth of the total in the bucket */
};

/*
 * Consumption of a total per local hour, day or month between from and to:
 * the difference of the last value before each bucket's end and before its
 * start (the first value when nothing is older), from the hour aggregates.
 * Buckets without data are left out. At most max_bars; returns their
 * number, or -ENOENT, -EINVAL (range too long), -EIO.
 */
int history_consumption(struct history *h, const char *id, enum history_bucket b, int64_t from,
                        int64_t to, struct history_bar **out, int max_bars);

#endif
