/*
 * test_history.c - the history store (sinks/history.c) through the seam and
 * its own API: what is published is stored exactly, rolled up, charted and
 * turned into consumption by local day (a DST day included); a SIGKILL at
 * any moment leaves an intact database holding every committed reading; a
 * full disk and a read-only database are reported while points keep being
 * accepted. Expected values are computed here from the inputs.
 */
#include <errno.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "history.h"
#include "platform/posix/log.h"
#include "readings.h"
#include "unit.h"

static char dir[] = "/tmp/test_history.XXXXXX";

static struct history_conf
conf_at(const char *name)
{
	struct history_conf hc;
	struct cfg          c = {0};
	struct cfg_diag     d = {.file = "test"};

	history_conf_read(&c, &hc, &d); /* the defaults */
	snprintf(hc.path, sizeof(hc.path), "%s/%s", dir, name);
	hc.enabled = true;
	return hc;
}

static int64_t
local_ms(int y, int mon, int d, int h, int mi)
{
	struct tm tm = {.tm_year = y - 1900, .tm_mon = mon - 1, .tm_mday = d, .tm_hour = h,
	                .tm_min = mi, .tm_isdst = -1};

	return (int64_t)mktime(&tm) * 1000;
}

static void
publish(struct readings *rd, struct rd_meter *m, const char *name, const char *unit,
        int64_t raw, int8_t sc, int64_t t)
{
	struct rd_point_in in = {.guarded = true, .name = name, .unit = unit, .raw = raw, .scaler = sc, .rx_ms = t,
	                         .precision = -1};

	readings_point(rd, m, &in);
}

/* Three days of a power (100..109 W) and an energy total (+0.1 kWh per 15 min). */
static void
test_seam_to_store(void)
{
	struct history_conf hc = conf_at("seam.db");
	struct readings    *rd = readings_new();
	struct history     *h;
	struct rd_meter    *m;
	int64_t             day0 = local_ms(2026, 3, 28, 0, 0); /* Europe/Berlin: DST on the 29th */
	int64_t             t, last_t = 0;
	int                 i, n;
	struct history_pt  *pts;
	struct history_bar *bars;
	const char         *res;
	int64_t             raw;
	int8_t              sc;

	hc.raw_days = 0; /* keep March's raw rows whatever today is */
	h = history_open(&hc);
	CHECK(h != NULL);
	readings_subscribe(rd, history_sink(h));
	m = readings_meter_add(rd, "home", "smi");
	for (i = 0, t = day0; t < day0 + 3 * 86400000LL - 3600000; i++, t += 900000) {
		publish(rd, m, "P", "W", 1000 + (i % 10) * 10, -1, t);
		publish(rd, m, "E", "kWh", 50000 + i, -1, t);
		{
			struct rd_point_in txt = {.name = "serial", .is_text = true, .text = "X1",
			                          .text_len = 2, .rx_ms = t};
			readings_point(rd, m, &txt);
		}
		readings_batch_end(rd, m);
		last_t = t;
	}
	history_flush(h);
	{
		struct history_stats st;
		history_get_stats(h, &st);
		CHECK_INT(st.committed, 2 * i);
		CHECK_INT(st.dropped_full + st.dropped_db, 0);
	}

	/* the exact last total */
	CHECK_INT(history_last_total(h, "home/E", &raw, &sc, &t), 0);
	CHECK_INT(raw, 50000 + i - 1);
	CHECK_INT(sc, -1);
	CHECK_INT(t, last_t);
	CHECK_INT(history_last_total(h, "home/serial", &raw, &sc, &t), -ENOENT);

	/* one day in 24 points: the hour table, each hour's 4 readings */
	n = history_chart(h, "home/P", day0, day0 + 86400000, 24, &pts, &res);
	CHECK_INT(n, 24);
	CHECK_STR(res, "hour");
	for (int k = 0; k < n && k < 24; k++) {
		double sum = 0, mn = 1e9, mx = -1e9;
		for (int j = 4 * k; j < 4 * k + 4; j++) {
			double v = 100 + (j % 10);
			sum += v;
			mn = v < mn ? v : mn;
			mx = v > mx ? v : mx;
		}
		CHECK_INT(pts[k].t, day0 + k * 3600000LL);
		CHECK(pts[k].mean > sum / 4 - 1e-9 && pts[k].mean < sum / 4 + 1e-9);
		CHECK(pts[k].min == mn);
		CHECK(pts[k].max == mx);
	}
	free(pts);

	/* one hour in 3600 points: raw rows, exact */
	n = history_chart(h, "home/P", day0 + 3600000, day0 + 7200000, 3600, &pts, &res);
	CHECK_INT(n, 4);
	CHECK_STR(res, "raw");
	for (int k = 0; k < n && k < 4; k++) {
		CHECK_INT(pts[k].t, day0 + 3600000 + k * 900000LL);
		CHECK(pts[k].mean == 100 + ((4 + k) % 10));
	}
	free(pts);

	/* 3 days in 3 points: the day table */
	n = history_chart(h, "home/P", day0, day0 + 3 * 86400000LL, 3, &pts, &res);
	CHECK_STR(res, "day");
	CHECK(n >= 3 && n <= 4);
	free(pts);

	CHECK_INT(history_chart(h, "home/nope", day0, day0 + 1000, 10, &pts, &res), -ENOENT);
	CHECK_INT(history_chart(h, "home/P", day0, day0, 10, &pts, &res), -EINVAL);
	CHECK_INT(history_chart(h, "home/P", day0, day0 + 1000, 0, &pts, &res), -EINVAL);
	CHECK_INT(history_chart(h, "home/P", day0, day0 + 1000, 10001, &pts, &res), -EINVAL);

	/* per local day: 95 steps on the first day (from its first reading), 92 on the 23-hour DST day */
	n = history_consumption(h, "home/E", HISTORY_DAY, day0, day0 + 3 * 86400000LL, &bars, 100);
	CHECK_INT(n, 3);
	if (n == 3) {
		CHECK_INT(bars[0].t, day0);
		CHECK_INT(bars[1].t, local_ms(2026, 3, 29, 0, 0));
		CHECK_INT(bars[2].t, local_ms(2026, 3, 30, 0, 0));
		CHECK(bars[0].delta > 9.5 - 1e-6 && bars[0].delta < 9.5 + 1e-6);
		CHECK(bars[1].delta > 9.2 - 1e-6 && bars[1].delta < 9.2 + 1e-6);
		/* 72 h from the first midnight, less one, end at 23:45 of the third local day */
		CHECK(bars[2].delta > 9.6 - 1e-6 && bars[2].delta < 9.6 + 1e-6);
	}
	free(bars);
	n = history_consumption(h, "home/E", HISTORY_HOUR, day0, day0 + 86400000, &bars, 100);
	CHECK_INT(n, 24);
	for (int k = 1; k < n; k++)
		CHECK(bars[k].delta > 0.4 - 1e-6 && bars[k].delta < 0.4 + 1e-6);
	free(bars);
	n = history_consumption(h, "home/E", HISTORY_MONTH, day0, day0 + 3 * 86400000LL, &bars, 100);
	CHECK_INT(n, 1); /* all in March */
	if (n == 1)
		CHECK(bars[0].delta > 28.3 - 1e-6 && bars[0].delta < 28.3 + 1e-6);
	free(bars);
	CHECK_INT(history_consumption(h, "home/E", HISTORY_HOUR, day0, day0 + 365 * 86400000LL,
	                              &bars, 100),
	          -EINVAL);

	/* ids are stable across a restart: the same key, no second row */
	readings_unsubscribe(rd, history_sink(h));
	history_close(h);
	h = history_open(&hc);
	CHECK(h != NULL);
	/* at once, before the writer has touched the file: the guard asks at start */
	CHECK_INT(history_last_total(h, "home/E", &raw, &sc, &t), 0);
	CHECK_INT(raw, 50000 + i - 1);
	CHECK(history_put(h, "home/E", last_t + 900000, 60000, -1));
	history_flush(h);
	CHECK_INT(history_last_total(h, "home/E", &raw, &sc, &t), 0);
	CHECK_INT(raw, 60000);
	/* A reading older than the latest (a meter's own late time stamp) is kept
	 * as a row but does not replace the latest total. */
	CHECK(history_put(h, "home/E", last_t - 86400000LL + 1, 1, -1));
	history_flush(h);
	CHECK_INT(history_last_total(h, "home/E", &raw, &sc, &t), 0);
	CHECK_INT(raw, 60000);
	CHECK_INT(t, last_t + 900000);
	{
		sqlite3      *db;
		sqlite3_stmt *st;
		CHECK_INT(sqlite3_open(hc.path, &db), SQLITE_OK);
		CHECK_INT(sqlite3_prepare_v2(db, "SELECT count(*), count(DISTINCT id) FROM ids", -1, &st,
		                             NULL),
		          SQLITE_OK);
		CHECK_INT(sqlite3_step(st), SQLITE_ROW);
		CHECK_INT(sqlite3_column_int(st, 0), 2);
		CHECK_INT(sqlite3_column_int(st, 1), 2);
		sqlite3_finalize(st);
		sqlite3_close(db);
	}
	history_close(h);
	readings_free(rd);
}

/* The child writes readings 0, 1, 2 ... and tells the parent each committed count. */
static void
crash_child(const char *path, int fd)
{
	struct history_conf hc = conf_at("x");
	struct history     *h;

	snprintf(hc.path, sizeof(hc.path), "%s", path);
	hc.raw_days = 0;
	h = history_open(&hc);
	if (h == NULL)
		_exit(2);
	for (int64_t i = 0;; i++) {
		while (!history_put(h, "crash/seq", 1000000 + i, i, 0))
			history_flush(h);
		if (i % 997 == 0) {
			char line[32];
			int  n;
			history_flush(h);
			n = snprintf(line, sizeof(line), "%lld\n", (long long)i);
			if (write(fd, line, (size_t)n) != n)
				_exit(3);
		}
	}
}

static void
test_sigkill(void)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/crash.db", dir);
	srand((unsigned)time(NULL));
	for (int round = 0; round < 4; round++) {
		int       p[2];
		pid_t     pid;
		long long committed = -1;
		char      buf[4096];
		size_t    have = 0;
		long      want = 3 + rand() % 20; /* commits to wait for before the kill */
		int       status;

		CHECK(pipe(p) == 0);
		pid = fork();
		if (pid == 0) {
			close(p[0]);
			crash_child(path, p[1]);
		}
		close(p[1]);
		while (want > 0) {
			ssize_t n = read(p[0], buf + have, sizeof(buf) - have - 1);
			char   *nl;
			if (n <= 0)
				break;
			have += (size_t)n;
			buf[have] = '\0';
			while ((nl = strchr(buf, '\n')) != NULL) {
				committed = atoll(buf);
				want--;
				memmove(buf, nl + 1, have - (size_t)(nl + 1 - buf) + 1);
				have -= (size_t)(nl + 1 - buf);
			}
		}
		/* kill in the middle of the next transactions */
		usleep((useconds_t)(rand() % 20000));
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		close(p[0]);
		CHECK(WIFSIGNALED(status));
		CHECK(committed >= 0);
		{
			sqlite3      *db;
			sqlite3_stmt *st;
			CHECK_INT(sqlite3_open(path, &db), SQLITE_OK);
			CHECK_INT(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL), SQLITE_OK);
			CHECK_INT(sqlite3_step(st), SQLITE_ROW);
			CHECK_STR((const char *)sqlite3_column_text(st, 0), "ok");
			sqlite3_finalize(st);
			/* every reading up to the last committed one is there, once */
			CHECK_INT(sqlite3_prepare_v2(db,
			                             "SELECT count(*), count(DISTINCT raw) FROM raw"
			                             " WHERE raw <= ?1 AND key = (SELECT key FROM ids"
			                             " WHERE id = 'crash/seq')",
			                             -1, &st, NULL),
			          SQLITE_OK);
			sqlite3_bind_int64(st, 1, committed);
			CHECK_INT(sqlite3_step(st), SQLITE_ROW);
			CHECK_INT(sqlite3_column_int64(st, 0), committed + 1);
			CHECK_INT(sqlite3_column_int64(st, 1), committed + 1);
			sqlite3_finalize(st);
			sqlite3_close(db);
		}
		fprintf(stderr, "round %d: killed after %lld committed readings\n", round,
		        committed);
	}
}

/* Fills the disk under the store; it reports, keeps accepting, and writes again when there is room. */
static void
test_disk_full(void)
{
	char                 mnt[256];
	struct history_conf  hc;
	struct history      *h;
	struct history_stats st;
	bool                 tmpfs;
	struct rlimit        old;
	int64_t              i = 0;

	snprintf(mnt, sizeof(mnt), "%s/small", dir);
	CHECK(mkdir(mnt, 0755) == 0);
	tmpfs = mount("tmpfs", mnt, "tmpfs", 0, "size=256k") == 0;
	if (!tmpfs) {
		/* not root: a size-limited file instead (SQLite sees a write error, not ENOSPC) */
		signal(SIGXFSZ, SIG_IGN);
		getrlimit(RLIMIT_FSIZE, &old);
		struct rlimit lim = {256 * 1024, old.rlim_max};
		setrlimit(RLIMIT_FSIZE, &lim);
	}
	fprintf(stderr, "disk full: %s\n", tmpfs ? "a 256 KiB tmpfs" : "RLIMIT_FSIZE 256 KiB");
	hc = conf_at("small/full.db");
	hc.raw_days = 0;
	h = history_open(&hc);
	CHECK(h != NULL);
	for (int batch = 0; batch < 400; batch++) {
		for (int k = 0; k < 100; k++, i++)
			CHECK(history_put(h, k % 2 ? "full/a" : "full/b", 1000 * i, i * 7919, -2));
		history_flush(h);
		history_get_stats(h, &st);
		if (st.write_errors > 0)
			break;
	}
	history_get_stats(h, &st);
	CHECK(st.write_errors > 0);
	CHECK(st.dropped_db > 0);
	CHECK(!st.db_ok);
	/* still accepting (metering goes on) */
	CHECK(history_put(h, "full/a", 1000 * ++i, 1, 0));
	history_flush(h);
	/* room again: the next batch is written */
	if (tmpfs)
		CHECK(mount("tmpfs", mnt, "tmpfs", MS_REMOUNT, "size=8m") == 0);
	else {
		struct rlimit lim = old;
		setrlimit(RLIMIT_FSIZE, &lim);
	}
	{
		uint64_t before;
		history_get_stats(h, &st);
		before = st.committed;
		CHECK(history_put(h, "full/a", 1000 * ++i, 2, 0));
		history_flush(h);
		history_get_stats(h, &st);
		CHECK(st.db_ok);
		CHECK_INT(st.committed, before + 1);
	}
	history_close(h);
	if (tmpfs)
		CHECK(umount(mnt) == 0);
}

/* A database the daemon may not write: reported, counted, nothing written, no crash. */
static void
test_read_only(void)
{
	struct history_conf hc = conf_at("ro/ro.db");
	struct history     *h;
	char                rodir[256];
	pid_t               pid;
	int                 status;

	snprintf(rodir, sizeof(rodir), "%s/ro", dir);
	CHECK(mkdir(rodir, 0755) == 0);
	h = history_open(&hc);
	CHECK(history_put(h, "ro/a", rd_wall_ms(), 1, 0)); /* now: retention keeps it */
	history_flush(h);
	{
		struct history_stats st;
		history_get_stats(h, &st);
		CHECK_INT(st.committed, 1);
	}
	history_close(h);
	/* a checkpointed file alone, read-only, in a directory nobody else may write */
	CHECK(chmod(hc.path, 0444) == 0);
	CHECK(chmod(dir, 0755) == 0);
	pid = fork();
	if (pid == 0) {
		struct history_stats st;
		int                  bad = 0;
		/* root writes anything: read-only needs another user */
		if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
			_exit(10);
		h = history_open(&hc);
		for (int i = 0; i < 10; i++)
			if (!history_put(h, "ro/a", rd_wall_ms() + 1 + i, 2, 0))
				bad |= 1;
		history_flush(h);
		history_get_stats(h, &st);
		if (st.committed != 0)
			bad |= 2;
		if (st.dropped_db != 10)
			bad |= 4;
		if (st.db_ok)
			bad |= 8;
		history_close(h);
		_exit(bad);
	}
	CHECK(waitpid(pid, &status, 0) == pid);
	CHECK(WIFEXITED(status));
	CHECK_INT(WEXITSTATUS(status), 0);
	/* and the stored reading is still there, alone */
	{
		sqlite3      *db;
		sqlite3_stmt *st;
		CHECK_INT(sqlite3_open_v2(hc.path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
		CHECK_INT(sqlite3_prepare_v2(db, "SELECT count(*) FROM raw", -1, &st, NULL), SQLITE_OK);
		CHECK_INT(sqlite3_step(st), SQLITE_ROW);
		CHECK_INT(sqlite3_column_int(st, 0), 1);
		sqlite3_finalize(st);
		sqlite3_close(db);
	}
	chmod(dir, 0700);
}

static void
test_config(void)
{
#define METER "meter m {\n  port \"/dev/ttyUSB0\"\n  protocol sml\n}\n"
	static const char good[] = METER "history {\n  path \"/tmp/x.db\"\n  raw 2w\n  minutes 1y\n"
	                           "  hours 10y\n  days forever\n}\n";
	static const char bad[] = METER "history {\n  raw 12\n  minutes soon\n  colour red\n}\n";
	struct cfg         *c;
	struct history_conf hc;
	struct cfg_diag     d = {.file = "t"};
	FILE               *devnull = fopen("/dev/null", "w");

	CHECK_INT(cfg_parse("good", good, sizeof(good) - 1, &c, stderr), 0);
	CHECK_INT(history_conf_read(c, &hc, &d), 0);
	CHECK(hc.enabled);
	CHECK_STR(hc.path, "/tmp/x.db");
	CHECK_INT(hc.raw_days, 14);
	CHECK_INT(hc.minute_days, 366); /* "1y" */
	CHECK_INT(hc.hour_days, 3660);
	CHECK_INT(hc.day_days, 0);
	cfg_free(c);
	CHECK_INT(cfg_parse("bad", bad, sizeof(bad) - 1, &c, devnull), 3);
	CHECK_INT(cfg_parse("none", METER, sizeof(METER) - 1, &c, stderr), 0);
	CHECK_INT(history_conf_read(c, &hc, &d), 0);
	CHECK(!hc.enabled);
	cfg_free(c);
	fclose(devnull);
}

int
main(void)
{
	setenv("TZ", "Europe/Berlin", 1);
	tzset();
	log_init("test_history", false, 1);
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	test_config();
	test_seam_to_store();
	test_sigkill();
	test_disk_full();
	test_read_only();
	{
		char cmd[300];
		snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "cannot remove %s\n", dir);
	}
	TEST_END();
}
