/*
 * history.c - the history store; see history.h.
 *
 * Threads: the loop (or one producer) calls history_put, which interns the
 * id into a slot number and appends {slot, t, raw, scaler} to a ring under
 * the mutex. The worker takes what the ring holds, resolves slots to
 * database keys, and writes one transaction: raw rows, the minute, hour and
 * day aggregates (accumulated per batch in memory first, so a batch costs
 * one upsert per bucket, not per point) and the latest row of each id.
 * Queries use their own read-only connection on the caller's thread.
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "history.h"
#include "platform/posix/log.h"
#include "readings.h"

#define BATCH_MAX      4096   /* points per transaction */
#define QUEUE_DEFAULT  65536
#define RETRY_OPEN_MS  10000  /* a database that cannot be opened is tried again after */
#define MAINT_MS       3600000 /* retention runs hourly */
#define QUERY_BUDGET_MS 200    /* a query on the loop is cut after this (a slow board, a huge range) */

struct item {
	uint32_t slot;
	int8_t   scaler;
	int64_t  t;
	int64_t  raw;
};

/* An aggregate bucket (or the latest reading) being built for the current batch. */
struct acc {
	int64_t key, t;    /* key 0: unused */
	int     level;     /* 0 minute, 1 hour, 2 day, 3 latest */
	int8_t  last_sc;
	double  mn, mx, sum, last;
	int64_t cnt, last_t, last_raw;
};
#define ACC_LEVELS 4
#define ACC_SLOTS  (2 * ACC_LEVELS * BATCH_MAX) /* at most half full; a power of two */

static const struct level {
	const char *table;
	int64_t     ms;
} levels[3] = {{"minute", 60000}, {"hour", 3600000}, {"day", 86400000}};

struct history {
	struct history_conf conf;
	struct rd_sink      sink;

	pthread_mutex_t mu;
	pthread_cond_t  wake, done;
	pthread_t       worker;
	bool            stop, kicked;
	uint64_t        flush_want;      /* history_flush waits for seq_out to reach it */
	struct item    *ring;
	size_t          cap, head, n;    /* ring: n items from head */
	uint64_t        seq_in, seq_out; /* points put, points finished (committed or dropped) */
	struct history_stats st;
	bool            full_episode;    /* the queue is full: logged once */
	uint64_t        full_logged_ms;  /* when it was last logged (an episode starts a minute later at most) */
	uint64_t        full_dropped;    /* dropped since that log line */

	/* slots: interned ids; strings immutable once added (the worker reads them) */
	char          **slot_id;
	size_t          n_slots, cap_slots;
	uint32_t       *hash;            /* slot + 1 by FNV of the id, open addressing */
	size_t          hash_cap;

	/* worker-only */
	sqlite3        *db;
	sqlite3_stmt   *s_key_get, *s_key_put, *s_raw, *s_latest, *s_agg[3];
	int64_t        *slot_key;        /* database key per slot, 0 unknown */
	size_t          n_slot_key;
	struct acc     *acc;
	uint32_t       *acc_used;        /* indices of acc in use */
	size_t          n_acc_used;
	uint64_t        next_open_ms, next_maint_ms;
	int             err_episode;     /* the SQLite error being reported, 0 none */

	/* the query connection (caller's thread) */
	sqlite3        *qdb;
};

static uint64_t
mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* --- configuration */

/* "30d", "2w", "10y" or "forever" (0) in days. */
static bool
get_days(struct cfg_diag *d, const struct cfg_setting *st, uint32_t *days)
{
	char         *end;
	unsigned long n;
	const char   *w = st->word[1];

	if (!cfg_want_args(d, st, 1, 1, "a period: 30d, 8w, 10y or forever"))
		return false;
	if (strcmp(w, "forever") == 0) {
		*days = 0;
		return true;
	}
	errno = 0;
	n = strtoul(w, &end, 10);
	if (errno == 0 && end != w && n > 0 && n <= 1000 &&
	    (*end == 'd' || *end == 'w' || *end == 'y') && end[1] == '\0') {
		*days = (uint32_t)(*end == 'd' ? n : *end == 'w' ? n * 7 : n * 366);
		return true;
	}
	cfg_diag_error(d, st->line, st->col[1],
	               "'%s' is not a retention period (30d, 8w, 10y or forever)", w);
	return false;
}

static int
read_section(const struct cfg_section *s, struct history_conf *hc, struct cfg_diag *d)
{
	int errors = d->errors;

	for (size_t i = 0; i < s->n_settings; i++) {
		const struct cfg_setting *st = &s->settings[i];
		const char               *k = st->word[0];
		uint64_t                  q;

		if (strcmp(k, "path") == 0) {
			if (cfg_want_args(d, st, 1, 1, "path FILE"))
				cfg_get_str(d, st, 1, hc->path, sizeof(hc->path));
		} else if (strcmp(k, "raw") == 0)
			get_days(d, st, &hc->raw_days);
		else if (strcmp(k, "minutes") == 0)
			get_days(d, st, &hc->minute_days);
		else if (strcmp(k, "hours") == 0)
			get_days(d, st, &hc->hour_days);
		else if (strcmp(k, "days") == 0)
			get_days(d, st, &hc->day_days);
		else if (strcmp(k, "queue") == 0) {
			if (cfg_want_args(d, st, 1, 1, "queue POINTS") &&
			    cfg_get_uint(d, st, 1, 1024, 1u << 24, &q))
				hc->queue = (uint32_t)q;
		} else
			cfg_unknown_key(d, st, "history", "path, raw, minutes, hours, days, queue");
	}
	return d->errors - errors;
}

static void
conf_defaults(struct history_conf *hc)
{
	const char *state = getenv("STATE_DIRECTORY"); /* systemd's StateDirectory= */

	memset(hc, 0, sizeof(*hc));
	if (state != NULL && state[0] == '/' && strchr(state, ':') == NULL &&
	    strlen(state) + sizeof("/history.db") <= sizeof(hc->path))
		snprintf(hc->path, sizeof(hc->path), "%s/history.db", state);
	else
		snprintf(hc->path, sizeof(hc->path), "%s", HISTORY_DEFAULT_PATH);
	hc->raw_days = 30;
	hc->minute_days = 90;
	hc->hour_days = 3660;
	hc->day_days = 0;
	hc->queue = QUEUE_DEFAULT;
}

int
history_check(const struct cfg_section *s, struct cfg_diag *d)
{
	struct history_conf hc;

	conf_defaults(&hc);
	return read_section(s, &hc, d);
}

int
history_conf_read(const struct cfg *c, struct history_conf *hc, struct cfg_diag *d)
{
	const struct cfg_section *s = cfg_section_find(c, "history");

	conf_defaults(hc);
	if (s == NULL)
		return 0;
	hc->enabled = true;
	return read_section(s, hc, d);
}

/* --- the database */

static const char schema[] =
    "CREATE TABLE IF NOT EXISTS ids(key INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE);"
    "CREATE TABLE IF NOT EXISTS raw(key INTEGER NOT NULL, t INTEGER NOT NULL,"
    " raw INTEGER NOT NULL, sc INTEGER NOT NULL, PRIMARY KEY(key, t)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS latest(key INTEGER PRIMARY KEY, t INTEGER NOT NULL,"
    " raw INTEGER NOT NULL, sc INTEGER NOT NULL);"
#define AGG_TABLE(name)                                                                     \
	"CREATE TABLE IF NOT EXISTS " name "(key INTEGER NOT NULL, t INTEGER NOT NULL,"      \
	" mn REAL NOT NULL, mx REAL NOT NULL, sum REAL NOT NULL, cnt INTEGER NOT NULL,"     \
	" last REAL NOT NULL, last_t INTEGER NOT NULL, PRIMARY KEY(key, t)) WITHOUT ROWID;"
    AGG_TABLE("minute") AGG_TABLE("hour") AGG_TABLE("day")
    "PRAGMA user_version = 1;";

static double
dec_value(int64_t raw, int sc)
{
	static const double p10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

	if (sc >= 0 && sc < 10)
		return (double)raw * p10[sc];
	if (sc < 0 && sc > -10)
		return (double)raw / p10[-sc];
	return (double)raw * pow(10.0, sc);
}

/* SQL dec(raw, sc): the reading as a double. */
static void
sql_dec(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	sqlite3_result_double(ctx, dec_value(sqlite3_value_int64(argv[0]), sqlite3_value_int(argv[1])));
}

static void
worker_close_db(struct history *h)
{
	sqlite3_finalize(h->s_key_get);
	sqlite3_finalize(h->s_key_put);
	sqlite3_finalize(h->s_raw);
	sqlite3_finalize(h->s_latest);
	for (int i = 0; i < 3; i++)
		sqlite3_finalize(h->s_agg[i]);
	h->s_key_get = h->s_key_put = h->s_raw = h->s_latest = NULL;
	memset(h->s_agg, 0, sizeof(h->s_agg));
	sqlite3_close(h->db);
	h->db = NULL;
	if (h->slot_key != NULL)
		memset(h->slot_key, 0, h->n_slot_key * sizeof(*h->slot_key));
}

/* Makes the parent directory (one level: the state directory). */
static void
make_parent(const char *path)
{
	char  dir[CFG_PATH_MAX];
	char *slash;

	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (slash == NULL || slash == dir)
		return;
	*slash = '\0';
	(void)mkdir(dir, 0750);
}

static int
prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st)
{
	return sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL);
}

static int
worker_open_db(struct history *h)
{
	char sql[512];
	int  rc;

	make_parent(h->conf.path);
	rc = sqlite3_open_v2(h->conf.path, &h->db,
	                     SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK)
		goto fail;
	if (sqlite3_db_readonly(h->db, "main") == 1) {
		rc = SQLITE_READONLY;
		goto fail;
	}
	sqlite3_busy_timeout(h->db, 5000);
	/* WAL: readers never wait for the writer; NORMAL: no fsync per commit, still crash safe. */
	rc = sqlite3_exec(h->db,
	                  "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
	                  "PRAGMA cache_size=-2000;",
	                  NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(h->db, schema, NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = prepare(h->db, "SELECT key FROM ids WHERE id = ?1", &h->s_key_get);
	if (rc == SQLITE_OK)
		rc = prepare(h->db, "INSERT INTO ids(id) VALUES(?1)", &h->s_key_put);
	if (rc == SQLITE_OK)
		rc = prepare(h->db, "INSERT OR IGNORE INTO raw VALUES(?1, ?2, ?3, ?4)", &h->s_raw);
	if (rc == SQLITE_OK)
		rc = prepare(h->db,
		             "INSERT INTO latest VALUES(?1, ?2, ?3, ?4) ON CONFLICT(key) DO UPDATE"
		             " SET t = excluded.t, raw = excluded.raw, sc = excluded.sc"
		             " WHERE excluded.t >= t",
		             &h->s_latest);
	for (int i = 0; rc == SQLITE_OK && i < 3; i++) {
		snprintf(sql, sizeof(sql),
		         "INSERT INTO %s VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
		         " ON CONFLICT(key, t) DO UPDATE SET mn = min(mn, excluded.mn),"
		         " mx = max(mx, excluded.mx), sum = sum + excluded.sum, cnt = cnt + excluded.cnt,"
		         " last = CASE WHEN excluded.last_t >= last_t THEN excluded.last ELSE last END,"
		         " last_t = max(last_t, excluded.last_t)",
		         levels[i].table);
		rc = prepare(h->db, sql, &h->s_agg[i]);
	}
	if (rc == SQLITE_OK)
		return SQLITE_OK;
fail:
	if (rc == SQLITE_OK)
		rc = SQLITE_ERROR;
	if (h->db != NULL && sqlite3_extended_errcode(h->db) != SQLITE_OK && rc != SQLITE_READONLY)
		rc = sqlite3_extended_errcode(h->db);
	worker_close_db(h);
	return rc;
}

/* Logs an error once per episode (a new kind of error starts a new one). */
static void
report(struct history *h, int rc, const char *what)
{
	int prim = rc & 0xff;

	if (h->err_episode == prim)
		return;
	h->err_episode = prim;
	if (prim == SQLITE_FULL)
		log_warnx("history %s: disk full, readings are not stored until there is room (%s)",
		          h->conf.path, what);
	else if (prim == SQLITE_READONLY)
		log_warnx("history %s: database is read-only, readings are not stored (%s)",
		          h->conf.path, what);
	else
		log_warnx("history %s: %s: %s, readings are not stored", h->conf.path, what,
		          sqlite3_errstr(rc));
}

static int
step_done(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

/* The database key of slot (inside the open transaction). */
static int
slot_key(struct history *h, uint32_t slot, const char *id, int64_t *key)
{
	int rc;

	if (slot < h->n_slot_key && h->slot_key[slot] != 0) {
		*key = h->slot_key[slot];
		return SQLITE_OK;
	}
	if (slot >= h->n_slot_key) {
		size_t   n = h->n_slot_key ? h->n_slot_key : 64;
		int64_t *p;
		while (n <= slot)
			n *= 2;
		p = realloc(h->slot_key, n * sizeof(*p));
		if (p == NULL)
			return SQLITE_NOMEM;
		memset(p + h->n_slot_key, 0, (n - h->n_slot_key) * sizeof(*p));
		h->slot_key = p;
		h->n_slot_key = n;
	}
	sqlite3_bind_text(h->s_key_get, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(h->s_key_get);
	if (rc == SQLITE_ROW) {
		*key = sqlite3_column_int64(h->s_key_get, 0);
		sqlite3_reset(h->s_key_get);
	} else {
		sqlite3_reset(h->s_key_get);
		if (rc != SQLITE_DONE)
			return rc;
		sqlite3_bind_text(h->s_key_put, 1, id, -1, SQLITE_STATIC);
		rc = step_done(h->s_key_put);
		if (rc != SQLITE_OK)
			return rc;
		*key = sqlite3_last_insert_rowid(h->db);
	}
	h->slot_key[slot] = *key;
	return SQLITE_OK;
}

static void
accumulate(struct history *h, int level, int64_t key, const struct item *it, double v)
{
	int64_t  t = it->t;
	int64_t  b = level == 3 ? 0 : t - (((t % levels[level].ms) + levels[level].ms) % levels[level].ms);
	uint64_t x = ((uint64_t)key * 0x9E3779B97F4A7C15u) ^ ((uint64_t)b * 0xC2B2AE3D27D4EB4Fu) ^
	             (uint64_t)level;
	size_t   i = (size_t)(x >> 20) & (ACC_SLOTS - 1);

	for (;; i = (i + 1) & (ACC_SLOTS - 1)) {
		struct acc *a = &h->acc[i];
		if (a->key == 0) {
			*a = (struct acc){.key = key, .t = b, .level = level, .mn = v, .mx = v, .sum = v,
			                  .last = v, .cnt = 1, .last_t = t, .last_raw = it->raw,
			                  .last_sc = it->scaler};
			h->acc_used[h->n_acc_used++] = (uint32_t)i;
			return;
		}
		if (a->key == key && a->t == b && a->level == level) {
			if (v < a->mn)
				a->mn = v;
			if (v > a->mx)
				a->mx = v;
			a->sum += v;
			a->cnt++;
			if (t >= a->last_t) {
				a->last = v;
				a->last_t = t;
				a->last_raw = it->raw;
				a->last_sc = it->scaler;
			}
			return;
		}
	}
}

static void
acc_clear(struct history *h)
{
	for (size_t k = 0; k < h->n_acc_used; k++)
		h->acc[h->acc_used[k]].key = 0;
	h->n_acc_used = 0;
}

static int
flush_acc(struct history *h)
{
	int rc = SQLITE_OK;

	for (size_t k = 0; k < h->n_acc_used; k++) {
		struct acc   *a = &h->acc[h->acc_used[k]];
		sqlite3_stmt *st;
		if (rc == SQLITE_OK && a->level == 3) {
			st = h->s_latest;
			sqlite3_bind_int64(st, 1, a->key);
			sqlite3_bind_int64(st, 2, a->last_t);
			sqlite3_bind_int64(st, 3, a->last_raw);
			sqlite3_bind_int(st, 4, a->last_sc);
			rc = step_done(st);
		} else if (rc == SQLITE_OK) {
			st = h->s_agg[a->level];
			sqlite3_bind_int64(st, 1, a->key);
			sqlite3_bind_int64(st, 2, a->t);
			sqlite3_bind_double(st, 3, a->mn);
			sqlite3_bind_double(st, 4, a->mx);
			sqlite3_bind_double(st, 5, a->sum);
			sqlite3_bind_int64(st, 6, a->cnt);
			sqlite3_bind_double(st, 7, a->last);
			sqlite3_bind_int64(st, 8, a->last_t);
			rc = step_done(st);
		}
		a->key = 0;
	}
	h->n_acc_used = 0;
	return rc;
}

/* Writes items in one transaction. */
static int
write_batch(struct history *h, const struct item *items, size_t n, char *const *ids)
{
	int rc = sqlite3_exec(h->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);

	for (size_t i = 0; rc == SQLITE_OK && i < n; i++) {
		const struct item *it = &items[i];
		int64_t            key = 0;
		double             v;

		rc = slot_key(h, it->slot, ids[i], &key);
		if (rc != SQLITE_OK)
			break;
		sqlite3_bind_int64(h->s_raw, 1, key);
		sqlite3_bind_int64(h->s_raw, 2, it->t);
		sqlite3_bind_int64(h->s_raw, 3, it->raw);
		sqlite3_bind_int(h->s_raw, 4, it->scaler);
		rc = step_done(h->s_raw);
		if (rc != SQLITE_OK || sqlite3_changes(h->db) == 0)
			continue; /* a second reading at the same ms is the same reading */
		v = dec_value(it->raw, it->scaler);
		for (int l = 0; l < ACC_LEVELS; l++)
			accumulate(h, l, key, it, v);
	}
	if (rc == SQLITE_OK)
		rc = flush_acc(h);
	acc_clear(h);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(h->db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		int ext = sqlite3_extended_errcode(h->db);
		if (ext != SQLITE_OK && (ext & 0xff) != SQLITE_DONE)
			rc = ext;
		sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
		/* keys assigned inside the rolled-back transaction are gone */
		if (h->slot_key != NULL)
			memset(h->slot_key, 0, h->n_slot_key * sizeof(*h->slot_key));
	}
	return rc;
}

static int
retention(struct history *h)
{
	static const char *const tables[4] = {"raw", "minute", "hour", "day"};
	const uint32_t           days[4] = {h->conf.raw_days, h->conf.minute_days,
	                                    h->conf.hour_days, h->conf.day_days};
	int64_t                  now = rd_wall_ms();
	char                     sql[160];
	int                      rc = SQLITE_OK;

	for (int i = 0; i < 4 && rc == SQLITE_OK; i++) {
		if (days[i] == 0)
			continue;
		/* per key, so the (key, t) primary key finds the rows */
		snprintf(sql, sizeof(sql),
		         "DELETE FROM %s WHERE key IN (SELECT key FROM ids) AND t < %lld", tables[i],
		         (long long)(now - (int64_t)days[i] * 86400000));
		rc = sqlite3_exec(h->db, sql, NULL, NULL, NULL);
	}
	return rc;
}

static void *
worker_main(void *arg)
{
	struct history *h = arg;
	struct item    *items = malloc(BATCH_MAX * sizeof(*items));
	char          **ids = malloc(BATCH_MAX * sizeof(*ids));

	if (items == NULL || ids == NULL)
		fatalx("history: out of memory");
	pthread_mutex_lock(&h->mu);
	for (;;) {
		size_t   n = 0;
		int      rc;
		uint64_t now;

		/*
		 * One transaction per batch of the seam (kicked at its end), or per
		 * BATCH_MAX points, or per second of points that came without one.
		 */
		if (!h->stop && !h->kicked && h->n < BATCH_MAX && h->flush_want <= h->seq_out) {
			struct timespec ts;
			clock_gettime(CLOCK_REALTIME, &ts);
			ts.tv_sec += 1;
			pthread_cond_timedwait(&h->wake, &h->mu, &ts);
		}
		h->kicked = false;
		if (h->n == 0 && h->stop)
			break;
		while (n < BATCH_MAX && h->n > 0) {
			items[n] = h->ring[h->head];
			ids[n] = h->slot_id[items[n].slot];
			h->head = (h->head + 1) % h->cap;
			h->n--;
			n++;
		}
		pthread_mutex_unlock(&h->mu);

		now = mono_ms();
		rc = SQLITE_OK;
		if (h->db == NULL && now >= h->next_open_ms) {
			rc = worker_open_db(h);
			if (rc != SQLITE_OK) {
				h->next_open_ms = now + RETRY_OPEN_MS;
				report(h, rc, "cannot open");
			} else if (h->err_episode != 0) {
				log_info("history %s: open again", h->conf.path);
				h->err_episode = 0;
			}
		}
		if (h->db == NULL)
			rc = rc != SQLITE_OK ? rc : SQLITE_CANTOPEN;
		else if (n > 0)
			rc = write_batch(h, items, n, ids);
		if (h->db != NULL && rc == SQLITE_OK && now >= h->next_maint_ms) {
			h->next_maint_ms = now + MAINT_MS;
			rc = retention(h);
			if (rc != SQLITE_OK)
				report(h, rc, "retention");
			rc = SQLITE_OK; /* the batch itself was written */
		}
		if (h->db != NULL && n > 0 && rc != SQLITE_OK) {
			report(h, rc, "write");
			/* a read-only file or a lost disk may come back: reopen later */
			if ((rc & 0xff) != SQLITE_FULL && (rc & 0xff) != SQLITE_BUSY) {
				worker_close_db(h);
				h->next_open_ms = now + RETRY_OPEN_MS;
			}
		} else if (h->db != NULL && n > 0 && h->err_episode != 0) {
			log_info("history %s: writing again", h->conf.path);
			h->err_episode = 0;
		}

		pthread_mutex_lock(&h->mu);
		if (n > 0) {
			if (rc == SQLITE_OK) {
				h->st.committed += n;
				h->st.batches++;
			} else {
				h->st.dropped_db += n;
				h->st.write_errors++;
			}
			h->st.db_ok = rc == SQLITE_OK;
		}
		h->seq_out += n;
		pthread_cond_broadcast(&h->done);
	}
	pthread_mutex_unlock(&h->mu);
	free(items);
	free(ids);
	return NULL;
}

/* --- the loop's side */

static uint32_t
fnv(const char *s)
{
	uint32_t x = 2166136261u;

	while (*s != '\0')
		x = (x ^ (uint8_t)*s++) * 16777619u;
	return x;
}

/* The slot of id, interned on first sight; UINT32_MAX when out of memory. */
static uint32_t
intern(struct history *h, const char *id)
{
	uint32_t x = fnv(id);
	size_t   i;
	char    *copy;

	for (i = x & (h->hash_cap - 1); h->hash[i] != 0; i = (i + 1) & (h->hash_cap - 1))
		if (strcmp(h->slot_id[h->hash[i] - 1], id) == 0)
			return h->hash[i] - 1;
	if (2 * (h->n_slots + 1) > h->hash_cap) {
		size_t    ncap = h->hash_cap * 2;
		uint32_t *nh = calloc(ncap, sizeof(*nh));
		if (nh == NULL)
			return UINT32_MAX;
		for (size_t k = 0; k < h->hash_cap; k++)
			if (h->hash[k] != 0) {
				size_t j = fnv(h->slot_id[h->hash[k] - 1]) & (ncap - 1);
				while (nh[j] != 0)
					j = (j + 1) & (ncap - 1);
				nh[j] = h->hash[k];
			}
		free(h->hash);
		h->hash = nh;
		h->hash_cap = ncap;
		for (i = x & (ncap - 1); h->hash[i] != 0; i = (i + 1) & (ncap - 1))
			;
	}
	copy = strdup(id);
	if (copy == NULL)
		return UINT32_MAX;
	/* The worker reads slot_id under the mutex, so growing it takes the mutex too. */
	pthread_mutex_lock(&h->mu);
	if (h->n_slots == h->cap_slots) {
		size_t ncap = h->cap_slots ? 2 * h->cap_slots : 64;
		char **p = realloc(h->slot_id, ncap * sizeof(*p));
		if (p == NULL) {
			pthread_mutex_unlock(&h->mu);
			free(copy);
			return UINT32_MAX;
		}
		h->slot_id = p;
		h->cap_slots = ncap;
	}
	h->slot_id[h->n_slots] = copy;
	h->hash[i] = (uint32_t)++h->n_slots;
	pthread_mutex_unlock(&h->mu);
	return h->hash[i] - 1;
}

bool
history_put(struct history *h, const char *id, int64_t t_ms, int64_t raw, int8_t scaler)
{
	uint32_t slot = intern(h, id);
	bool     ok;

	pthread_mutex_lock(&h->mu);
	ok = slot != UINT32_MAX && h->n < h->cap;
	if (ok) {
		h->ring[(h->head + h->n) % h->cap] =
		    (struct item){.slot = slot, .scaler = scaler, .t = t_ms, .raw = raw};
		h->n++;
		h->st.queued++;
		h->seq_in++;
		if (h->full_episode && h->n < h->cap / 2 && mono_ms() >= h->full_logged_ms + 60000) {
			h->full_episode = false;
			log_info("history: queue has room again (%" PRIu64 " readings dropped)",
			         h->full_dropped);
			h->full_dropped = 0;
		}
		/* wake the writer early when the queue fills faster than batches end */
		if (h->n == BATCH_MAX)
			pthread_cond_signal(&h->wake);
	} else {
		h->st.dropped_full++;
		h->full_dropped++;
		if (!h->full_episode) {
			h->full_episode = true;
			h->full_logged_ms = mono_ms();
			log_warnx("history: queue full (%zu points), readings dropped until the disk "
			          "catches up",
			          h->cap);
		}
	}
	pthread_mutex_unlock(&h->mu);
	return ok;
}

void
history_kick(struct history *h)
{
	pthread_mutex_lock(&h->mu);
	h->kicked = true;
	pthread_cond_signal(&h->wake);
	pthread_mutex_unlock(&h->mu);
}

void
history_flush(struct history *h)
{
	pthread_mutex_lock(&h->mu);
	uint64_t want = h->seq_in;
	if (want > h->flush_want)
		h->flush_want = want;
	pthread_cond_signal(&h->wake);
	while (h->seq_out < want)
		pthread_cond_wait(&h->done, &h->mu);
	pthread_mutex_unlock(&h->mu);
}

void
history_get_stats(struct history *h, struct history_stats *st)
{
	pthread_mutex_lock(&h->mu);
	*st = h->st;
	pthread_mutex_unlock(&h->mu);
}

const char *
history_path(const struct history *h)
{
	return h->conf.path;
}

static void
sink_point(struct rd_sink *s, const struct rd_point *p)
{
	struct history *h = s->data;

	if (!p->value->is_text)
		history_put(h, p->value->id, p->value->rx_ms, p->value->raw, p->value->scaler);
}

static void
sink_batch_end(struct rd_sink *s, const struct rd_meter *m)
{
	(void)m;
	history_kick(s->data);
}

struct rd_sink *
history_sink(struct history *h)
{
	return &h->sink;
}

struct history *
history_open(const struct history_conf *hc)
{
	struct history *h = calloc(1, sizeof(*h));

	if (h == NULL)
		return NULL;
	h->conf = *hc;
	h->cap = hc->queue ? hc->queue : QUEUE_DEFAULT;
	h->ring = malloc(h->cap * sizeof(*h->ring));
	h->acc = calloc(ACC_SLOTS, sizeof(*h->acc));
	h->acc_used = malloc(ACC_LEVELS * BATCH_MAX * sizeof(*h->acc_used));
	h->hash_cap = 64;
	h->hash = calloc(h->hash_cap, sizeof(*h->hash));
	h->sink = (struct rd_sink){.name = "history",
	                           .point = sink_point,
	                           .batch_end = sink_batch_end,
	                           .data = h};
	if (h->ring == NULL || h->acc == NULL || h->acc_used == NULL || h->hash == NULL)
		goto fail;
	pthread_mutex_init(&h->mu, NULL);
	pthread_cond_init(&h->wake, NULL);
	pthread_cond_init(&h->done, NULL);
	if (pthread_create(&h->worker, NULL, worker_main, h) != 0) {
		pthread_mutex_destroy(&h->mu);
		pthread_cond_destroy(&h->wake);
		pthread_cond_destroy(&h->done);
		goto fail;
	}
	log_info("history: %s (raw %u d, minutes %u d, hours %u d, days %u d; 0 = forever)",
	         h->conf.path, hc->raw_days, hc->minute_days, hc->hour_days, hc->day_days);
	return h;
fail:
	free(h->ring);
	free(h->acc);
	free(h->acc_used);
	free(h->hash);
	free(h);
	return NULL;
}

void
history_close(struct history *h)
{
	if (h == NULL)
		return;
	pthread_mutex_lock(&h->mu);
	h->stop = true;
	pthread_cond_signal(&h->wake);
	pthread_mutex_unlock(&h->mu);
	pthread_join(h->worker, NULL);
	worker_close_db(h);
	sqlite3_close(h->qdb);
	for (size_t i = 0; i < h->n_slots; i++)
		free(h->slot_id[i]);
	free(h->slot_id);
	free(h->slot_key);
	free(h->hash);
	free(h->ring);
	free(h->acc);
	free(h->acc_used);
	pthread_mutex_destroy(&h->mu);
	pthread_cond_destroy(&h->wake);
	pthread_cond_destroy(&h->done);
	free(h);
}

/* --- queries */

/* Cuts a query that would hold the loop too long (SQLite asks every 1000 VM steps). */
static int
query_budget(void *arg)
{
	return mono_ms() > *(const uint64_t *)arg;
}

static sqlite3 *
qdb(struct history *h)
{
	if (h->qdb != NULL)
		return h->qdb;
	if (sqlite3_open_v2(h->conf.path, &h->qdb, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK) {
		sqlite3_close(h->qdb);
		h->qdb = NULL;
		return NULL;
	}
	sqlite3_busy_timeout(h->qdb, 100);
	sqlite3_create_function(h->qdb, "dec", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sql_dec,
	                        NULL, NULL);
	return h->qdb;
}

static int
query_key(sqlite3 *db, const char *id, int64_t *key)
{
	sqlite3_stmt *st;
	int           rc;

	if (sqlite3_prepare_v2(db, "SELECT key FROM ids WHERE id = ?1", -1, &st, NULL) != SQLITE_OK)
		return -EIO;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*key = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? -ENOENT : -EIO;
}

int
history_last_total(struct history *h, const char *id, int64_t *raw, int8_t *scaler, int64_t *t_ms)
{
	sqlite3      *db = qdb(h);
	sqlite3_stmt *st;
	int64_t       key;
	int           rc;

	if (db == NULL)
		return -EIO;
	if ((rc = query_key(db, id, &key)) != 0)
		return rc;
	if (sqlite3_prepare_v2(db, "SELECT raw, sc, t FROM latest WHERE key = ?1", -1, &st, NULL) !=
	    SQLITE_OK)
		return -EIO;
	sqlite3_bind_int64(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*raw = sqlite3_column_int64(st, 0);
		*scaler = (int8_t)sqlite3_column_int(st, 1);
		*t_ms = sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? -ENOENT : -EIO;
}

int
history_chart(struct history *h, const char *id, int64_t from, int64_t to, int points,
              struct history_pt **out, const char **resolution)
{
	static const char *const names[4] = {"raw", "minute", "hour", "day"};
	const uint32_t           days[4] = {h->conf.raw_days, h->conf.minute_days,
	                                    h->conf.hour_days, h->conf.day_days};
	static const int64_t     res[4] = {0, 60000, 3600000, 86400000};
	sqlite3                 *db = qdb(h);
	sqlite3_stmt            *st;
	struct history_pt       *pts;
	int64_t                  key, w, base, now = rd_wall_ms();
	int                      level = 0, n = 0, rc;
	uint64_t                 deadline = mono_ms() + QUERY_BUDGET_MS;
	char                     sql[400];

	*out = NULL;
	if (from >= to || points < 1 || points > 10000)
		return -EINVAL;
	if (db == NULL)
		return -EIO;
	if ((rc = query_key(db, id, &key)) != 0)
		return rc;
	w = (to - from + points - 1) / points;
	if (w < 1)
		w = 1;
	/* the coarsest table whose buckets are no wider than one point */
	for (level = 3; level > 0 && res[level] > w; level--)
		;
	/* a finer table that no longer covers `from` gives way to a coarser one */
	while (level < 3 && days[level] != 0 && from < now - (int64_t)days[level] * 86400000)
		level++;
	if (level == 0)
		snprintf(sql, sizeof(sql),
		         "SELECT (t - ?2) / ?4 AS b, avg(dec(raw, sc)), min(dec(raw, sc)),"
		         " max(dec(raw, sc)) FROM raw WHERE key = ?1 AND t >= ?2 AND t < ?3"
		         " GROUP BY b ORDER BY b");
	else
		snprintf(sql, sizeof(sql),
		         "SELECT (t - ?2) / ?4 AS b, sum(sum) / sum(cnt), min(mn), max(mx) FROM %s"
		         " WHERE key = ?1 AND t >= ?2 AND t < ?3 GROUP BY b ORDER BY b",
		         names[level]);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -EIO;
	/* a bucket's aggregate starts at its whole minute/hour/day: widen `from` to it */
	sqlite3_bind_int64(st, 1, key);
	base = level == 0 ? from : from - (from % res[level] + res[level]) % res[level];
	sqlite3_bind_int64(st, 2, base);
	sqlite3_bind_int64(st, 3, to);
	sqlite3_bind_int64(st, 4, w);
	pts = malloc(((size_t)points + 2) * sizeof(*pts));
	if (pts == NULL) {
		sqlite3_finalize(st);
		return -ENOMEM;
	}
	sqlite3_progress_handler(db, 1000, query_budget, &deadline);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < points + 2) {
		int64_t start = sqlite3_column_int64(st, 0) * w + base;
		pts[n].t = start < from ? from : start;
		pts[n].mean = sqlite3_column_double(st, 1);
		pts[n].min = sqlite3_column_double(st, 2);
		pts[n].max = sqlite3_column_double(st, 3);
		n++;
	}
	sqlite3_progress_handler(db, 0, NULL, NULL);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		free(pts);
		if (rc == SQLITE_INTERRUPT)
			log_warnx("history: chart query for %s cut after its budget", id);
		return -EIO;
	}
	*out = pts;
	*resolution = names[level];
	return n;
}

/* The start of the local bucket holding t (s), and the next one's. */
static time_t
bucket_start(time_t t, enum history_bucket b)
{
	struct tm tm;

	localtime_r(&t, &tm);
	tm.tm_min = tm.tm_sec = 0;
	if (b != HISTORY_HOUR)
		tm.tm_hour = 0;
	if (b == HISTORY_MONTH)
		tm.tm_mday = 1;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

static time_t
bucket_next(time_t start, enum history_bucket b)
{
	struct tm tm;

	if (b == HISTORY_HOUR)
		return start + 3600; /* local hours are UTC hours wherever offsets are whole hours */
	localtime_r(&start, &tm);
	if (b == HISTORY_DAY)
		tm.tm_mday++;
	else
		tm.tm_mon++;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

int
history_consumption(struct history *h, const char *id, enum history_bucket b, int64_t from,
                    int64_t to, struct history_bar **out, int max_bars)
{
	sqlite3            *db = qdb(h);
	sqlite3_stmt       *before, *first;
	struct history_bar *bars;
	int64_t             key;
	int                 rc, n = 0, nb = 0;
	time_t              t0, t;
	double              prev = 0;
	bool                have_prev = false;
	uint64_t            deadline = mono_ms() + QUERY_BUDGET_MS;

	*out = NULL;
	if (from >= to || max_bars < 1)
		return -EINVAL;
	if (db == NULL)
		return -EIO;
	if ((rc = query_key(db, id, &key)) != 0)
		return rc;
	t0 = bucket_start((time_t)(from / 1000), b);
	for (t = t0; (int64_t)t * 1000 < to; t = bucket_next(t, b))
		if (++nb > max_bars)
			return -EINVAL;
	bars = malloc((size_t)nb * sizeof(*bars));
	if (bars == NULL)
		return -ENOMEM;
	/* the last value of the hours that ended by a time; else the first one after it */
	if (sqlite3_prepare_v2(db,
	                       "SELECT last FROM hour WHERE key = ?1 AND t + 3600000 <= ?2"
	                       " ORDER BY t DESC LIMIT 1",
	                       -1, &before, NULL) != SQLITE_OK) {
		free(bars);
		return -EIO;
	}
	if (sqlite3_prepare_v2(db,
	                       "SELECT mn FROM hour WHERE key = ?1 AND t >= ?2 AND t < ?3"
	                       " ORDER BY t LIMIT 1",
	                       -1, &first, NULL) != SQLITE_OK) {
		sqlite3_finalize(before);
		free(bars);
		return -EIO;
	}
	rc = SQLITE_OK;
	sqlite3_progress_handler(db, 1000, query_budget, &deadline);
	for (t = t0; (int64_t)t * 1000 < to && rc == SQLITE_OK; t = bucket_next(t, b)) {
		int64_t s = (int64_t)t * 1000, e = (int64_t)bucket_next(t, b) * 1000;
		double  first_v;

		sqlite3_bind_int64(first, 1, key);
		sqlite3_bind_int64(first, 2, s);
		sqlite3_bind_int64(first, 3, e);
		rc = sqlite3_step(first);
		first_v = rc == SQLITE_ROW ? sqlite3_column_double(first, 0) : 0;
		sqlite3_reset(first);
		if (rc != SQLITE_ROW) {
			rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
			continue; /* no data in this bucket */
		}
		if (!have_prev) {
			/* the first bucket: from the last value before it, else its first value */
			sqlite3_bind_int64(before, 1, key);
			sqlite3_bind_int64(before, 2, s);
			have_prev = true;
			prev = sqlite3_step(before) == SQLITE_ROW ? sqlite3_column_double(before, 0) : first_v;
			sqlite3_reset(before);
		}
		sqlite3_bind_int64(before, 1, key);
		sqlite3_bind_int64(before, 2, e);
		rc = sqlite3_step(before);
		if (rc == SQLITE_ROW) {
			double end_v = sqlite3_column_double(before, 0);
			bars[n].t = s;
			bars[n].delta = end_v - prev;
			n++;
			prev = end_v;
			rc = SQLITE_OK;
		}
		sqlite3_reset(before);
	}
	sqlite3_progress_handler(db, 0, NULL, NULL);
	sqlite3_finalize(before);
	sqlite3_finalize(first);
	if (rc != SQLITE_OK) {
		free(bars);
		return -EIO;
	}
	*out = bars;
	return n;
}
