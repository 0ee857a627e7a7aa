/*
 * spool.h - store-and-forward: a sink's queue of messages, kept on disk
 * (SQLite) while its peer (broker, database) does not take them.
 *
 * A message is pushed with its reading's own time and gets the next
 * sequence number; the sink sends messages in sequence order (spool_next)
 * and acknowledges each one once the peer confirmed it (MQTT PUBACK,
 * HTTP 204): only then is it gone. So delivery is at least once and in
 * order; after a reconnect the sink starts again from the oldest message
 * not acknowledged.
 *
 * Keeping SQLite off the loop's critical path: a pushed message stays in
 * memory first. spool_flush(), which the owner calls from a timer (every
 * ~250 ms), writes the messages that were already there at the previous
 * flush and are still unacknowledged, and deletes the acknowledged ones
 * on disk, in one transaction; so while the peer acknowledges within an
 * interval (the normal case) a message never touches the disk. Closing
 * writes everything: a graceful stop (SIGTERM) loses nothing; a crash
 * loses at most the messages of the last two intervals.
 *
 * Bounded: beyond max_items messages waiting, the oldest are dropped
 * (counted in spool_dropped(), logged), because the newest readings are the
 * ones a dashboard and the totals need.
 *
 * One spool per sink and queue name; several spools may share one file
 * (each has its own connection and rows keyed by queue name).
 */
#ifndef METERD_SPOOL_H
#define METERD_SPOOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct spool;

struct spool_item {
	uint64_t    seq;
	int64_t     ts_ms; /* the reading's own time */
	const void *data;  /* valid until the next spool_* call on this spool */
	size_t      len;
};

/*
 * Opens (creating when missing) the spool `queue` in the SQLite file at
 * path. Messages left by the previous run are waiting again. Returns NULL
 * with a reason logged.
 */
struct spool *spool_open(const char *path, const char *queue, uint64_t max_items);

/* Flushes and closes. */
void spool_close(struct spool *s);

/* Queues a message; returns its sequence number (0: out of memory, counted as dropped). */
uint64_t spool_push(struct spool *s, int64_t ts_ms, const void *data, size_t len);

/* The oldest message with a sequence number above `after`; false when none. */
bool spool_next(struct spool *s, uint64_t after, struct spool_item *it);

/* The peer has the message: it is deleted (at the next flush, for messages on disk). */
void spool_ack(struct spool *s, uint64_t seq);

/*
 * Writes what has waited since the previous flush, deletes what was
 * acknowledged. Returns 0 or -1 (logged once; the messages stay in memory).
 */
int spool_flush(struct spool *s);

uint64_t spool_waiting(const struct spool *s); /* pushed, not acknowledged */
uint64_t spool_dropped(const struct spool *s); /* dropped because the spool was full */
uint64_t spool_on_disk(const struct spool *s); /* waiting messages kept in the file */

#endif
