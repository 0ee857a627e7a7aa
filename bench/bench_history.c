/*
 * bench_history.c - figures of the history store (prints, asserts nothing):
 * ingest rate, a year of one value at 10 s, the time of a one-year chart
 * query, and database bytes per value per year. Driven by bench/history.sh.
 *
 * usage: bench_history DIR
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <time.h>

#include "history.h"
#include "platform/posix/log.h"
#include "readings.h"

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * Queues every point; when the queue is full (the sink would drop, and a
 * warning is logged once a minute) waits for the writer and puts it again.
 */
static void
put(struct history *h, const char *id, int64_t t, int64_t raw)
{
	while (!history_put(h, id, t, raw, -2))
		history_flush(h);
}

static long long
db_bytes(const char *path)
{
	sqlite3      *db;
	sqlite3_stmt *st;
	long long     n = -1;

	if (sqlite3_open(path, &db) != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(db,
	                       "SELECT (SELECT page_count FROM pragma_page_count()) -"
	                       " (SELECT freelist_count FROM pragma_freelist_count()),"
	                       " (SELECT page_size FROM pragma_page_size())",
	                       -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0) * sqlite3_column_int64(st, 1);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

static struct history *
open_at(const char *dir, const char *name, uint32_t raw_days, uint32_t minute_days,
        struct history_conf *hc)
{
	struct cfg      c = {0};
	struct cfg_diag d = {.file = "bench"};

	history_conf_read(&c, hc, &d);
	snprintf(hc->path, sizeof(hc->path), "%s/%s", dir, name);
	remove(hc->path);
	hc->raw_days = raw_days;
	hc->minute_days = minute_days;
	hc->enabled = true;
	return history_open(hc);
}

int
main(int argc, char **argv)
{
	struct history_conf hc;
	struct history     *h;
	const int64_t       year_pts = 365LL * 86400 / 10;
	int64_t             now = rd_wall_ms(), t0 = now - 365LL * 86400000;
	double              a, b;
	char                id[64];

	if (argc != 2) {
		fprintf(stderr, "usage: bench_history DIR\n");
		return 2;
	}
	log_init("bench_history", false, 0);

	/* 1. ingest: 1,000,000 readings of 100 values, one second apart per value */
	h = open_at(argv[1], "ingest.db", 0, 0, &hc);
	a = now_s();
	for (int64_t i = 0; i < 1000000; i++) {
		snprintf(id, sizeof(id), "meter%d/value%d", (int)(i % 10), (int)(i % 100));
		put(h, id, t0 + (i / 100) * 1000, 40000 + i % 977);
	}
	history_flush(h);
	b = now_s();
	printf("history ingest: 1000000 readings of 100 values in %.2f s: %.0f readings/s "
	       "(goal >= 100000)\n",
	       b - a, 1e6 / (b - a));
	history_close(h);

	/* 2. one value for a year at 10 s, raw rows kept the whole year */
	h = open_at(argv[1], "year.db", 0, 0, &hc);
	a = now_s();
	for (int64_t i = 0; i < year_pts; i++) {
		/* a daily curve, so aggregates are not all equal */
		int64_t sec = (i * 10) % 86400;
		put(h, "home/P_in", t0 + i * 10000, 30000 + (sec < 43200 ? sec : 86400 - sec) / 2);
	}
	history_flush(h);
	b = now_s();
	printf("one value for a year at 10 s: %lld readings stored in %.1f s\n", (long long)year_pts,
	       b - a);
	for (int points = 500; points <= 4000; points *= 2) {
		struct history_pt *pts;
		const char        *res = "";
		double             best = 1e9;
		int                n = 0;
		for (int k = 0; k < 7; k++) {
			a = now_s();
			n = history_chart(h, "home/P_in", t0, now, points, &pts, &res);
			b = now_s();
			free(pts);
			if (b - a < best)
				best = b - a;
		}
		printf("one-year chart query, %d points asked: %d points from the %s table in %.2f ms "
		       "(best of 7; goal < 50 ms)\n",
		       points, n, res, best * 1000);
	}
	{
		struct history_pt *pts;
		const char        *res = "";
		a = now_s();
		int n = history_chart(h, "home/P_in", now - 86400000, now, 8640, &pts, &res);
		b = now_s();
		free(pts);
		printf("one-day chart at full resolution: %d points from the %s table in %.2f ms\n", n,
		       res, (b - a) * 1000);
	}
	history_close(h);
	printf("database bytes per value per year at 10 s (raw kept a year): %lld\n",
	       db_bytes(hc.path));

	/* 3. the same year with the default retention, and with only hours and days left */
	{
		static const struct {
			const char *name, *what;
			uint32_t    raw, minutes;
		} runs[] = {{"year-defaults.db", "defaults: raw 30 d, minutes 90 d", 30, 90},
		            {"year-longterm.db", "growth once raw and minutes have expired: hours and days",
		             1, 1}};
		for (size_t r = 0; r < 2; r++) {
			h = open_at(argv[1], runs[r].name, runs[r].raw, runs[r].minutes, &hc);
			for (int64_t i = 0; i < year_pts; i++) {
				int64_t sec = (i * 10) % 86400;
				put(h, "home/P_in", t0 + i * 10000, 30000 + (sec < 43200 ? sec : 86400 - sec) / 2);
			}
			history_flush(h);
			history_close(h);
			/* retention runs at a store's first batch: once more now that all is in */
			h = history_open(&hc);
			history_put(h, "home/P_in", now, 1, 0);
			history_flush(h);
			history_close(h);
			printf("database bytes per value per year at 10 s (%s): %lld\n", runs[r].what,
			       db_bytes(hc.path));
		}
	}
	return 0;
}
