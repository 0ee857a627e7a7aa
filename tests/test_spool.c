/*
 * test_spool.c - the store-and-forward queue (sinks/spool.c) on a real
 * SQLite file: order, acknowledgement, what survives a close and reopen,
 * the bound (oldest dropped, counted), messages acknowledged before and
 * after they reached the file, two queues in one file, a file that cannot
 * be opened.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "spool.h"
#include "unit.h"

static char dir[] = "/tmp/meterd-spool.XXXXXX";
static char path[256];

static void
push_n(struct spool *s, int from, int to)
{
	char buf[32];

	for (int i = from; i <= to; i++) {
		int n = snprintf(buf, sizeof(buf), "msg %d", i);
		CHECK(spool_push(s, 1000 * (int64_t)i, buf, (size_t)n) != 0);
	}
}

/* The payloads from `after` on, in order, as "msg N" numbers; returns how many. */
static int
drain(struct spool *s, uint64_t after, int *out, int cap, uint64_t *seqs)
{
	struct spool_item it;
	int               n = 0;

	while (n < cap && spool_next(s, after, &it)) {
		char buf[32];
		CHECK(it.len < sizeof(buf));
		memcpy(buf, it.data, it.len);
		buf[it.len] = '\0';
		CHECK(sscanf(buf, "msg %d", &out[n]) == 1);
		CHECK_INT(it.ts_ms, 1000 * (int64_t)out[n]);
		if (seqs != NULL)
			seqs[n] = it.seq;
		after = it.seq;
		n++;
	}
	return n;
}

static void
test_order_ack_reopen(void)
{
	struct spool *s = spool_open(path, "mqtt", 1000);
	int           got[64];
	uint64_t      seq[64];
	int           n;

	CHECK(s != NULL);
	if (s == NULL)
		return;
	push_n(s, 1, 10);
	n = drain(s, 0, got, 64, seq);
	CHECK_INT(n, 10);
	for (int i = 0; i < n; i++)
		CHECK_INT(got[i], i + 1);
	/* 1..3 acknowledged while in memory, then everything is written. */
	for (int i = 0; i < 3; i++)
		spool_ack(s, seq[i]);
	CHECK_INT(spool_waiting(s), 7);
	/* A flush writes only what already waited a whole interval: nothing yet. */
	CHECK_INT(spool_flush(s), 0);
	CHECK_INT(spool_on_disk(s), 0);
	CHECK_INT(spool_flush(s), 0);
	CHECK_INT(spool_on_disk(s), 7);
	/* 4 and 5 acknowledged after reaching the file; more pushed behind them. */
	spool_ack(s, seq[3]);
	spool_ack(s, seq[4]);
	spool_ack(s, seq[4]); /* twice: counted once */
	push_n(s, 11, 12);
	n = drain(s, 0, got, 64, NULL);
	CHECK_INT(n, 7);
	CHECK_INT(got[0], 6);
	CHECK_INT(got[n - 1], 12);
	CHECK_INT(spool_waiting(s), 7);
	spool_close(s);

	/* A restart: 6..12 are there again, in order, and new ones come after them. */
	s = spool_open(path, "mqtt", 1000);
	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK_INT(spool_waiting(s), 7);
	push_n(s, 13, 13);
	n = drain(s, 0, got, 64, seq);
	CHECK_INT(n, 8);
	for (int i = 0; i < n; i++)
		CHECK_INT(got[i], i + 6);
	/* A reconnect resumes from the middle: only what is above the position. */
	n = drain(s, seq[2], got, 64, NULL);
	CHECK_INT(n, 5);
	CHECK_INT(got[0], 9);
	for (int i = 0; i < 8; i++)
		spool_ack(s, seq[i]);
	CHECK_INT(spool_waiting(s), 0);
	spool_close(s);
	s = spool_open(path, "mqtt", 1000);
	CHECK(s != NULL && spool_waiting(s) == 0);
	spool_close(s);
}

static void
test_quick_ack_never_written(void)
{
	struct spool *s = spool_open(path, "quick", 1000);
	int           got[8];
	uint64_t      seq[8];

	CHECK(s != NULL);
	if (s == NULL)
		return;
	push_n(s, 1, 4);
	CHECK_INT(spool_flush(s), 0);
	CHECK_INT(spool_on_disk(s), 0);
	CHECK_INT(drain(s, 0, got, 8, seq), 4);
	for (int i = 0; i < 4; i++)
		spool_ack(s, seq[i]);
	CHECK_INT(spool_flush(s), 0);
	CHECK_INT(spool_on_disk(s), 0);
	CHECK_INT(spool_waiting(s), 0);
	spool_close(s);
}

static void
test_bound_drops_oldest(void)
{
	struct spool *s = spool_open(path, "bounded", 50);
	int           got[256];
	int           n;

	CHECK(s != NULL);
	if (s == NULL)
		return;
	push_n(s, 1, 120);
	CHECK_INT(spool_flush(s), 0);
	CHECK_INT(spool_flush(s), 0);
	CHECK_INT(spool_dropped(s), 70);
	CHECK_INT(spool_waiting(s), 50);
	n = drain(s, 0, got, 256, NULL);
	CHECK_INT(n, 50);
	CHECK_INT(got[0], 71);
	CHECK_INT(got[n - 1], 120);
	spool_close(s);
	/* The other queue in the same file was not touched. */
	s = spool_open(path, "mqtt", 1000);
	CHECK(s != NULL && spool_waiting(s) == 0);
	spool_close(s);
}

static void
test_many_in_memory(void)
{
	/* More than the in-memory limit while the peer is away: written in batches, none lost. */
	struct spool *s = spool_open(path, "burst", 100000);
	static int    got[20000];
	int           n;

	CHECK(s != NULL);
	if (s == NULL)
		return;
	push_n(s, 1, 10000);
	n = drain(s, 0, got, 20000, NULL);
	CHECK_INT(n, 10000);
	for (int i = 0; i < n; i++)
		if (got[i] != i + 1) {
			CHECK_INT(got[i], i + 1);
			break;
		}
	CHECK_INT(spool_dropped(s), 0);
	spool_close(s);
}

int
main(void)
{
	struct spool *s;

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/spool.db", dir);
	test_order_ack_reopen();
	test_quick_ack_never_written();
	test_bound_drops_oldest();
	test_many_in_memory();
	s = spool_open("/nonexistent-dir/x/spool.db", "mqtt", 10);
	CHECK(s == NULL);
	unlink(path);
	{
		char p[300];
		snprintf(p, sizeof(p), "%s-wal", path);
		unlink(p);
		snprintf(p, sizeof(p), "%s-shm", path);
		unlink(p);
	}
	rmdir(dir);
	TEST_END();
}
