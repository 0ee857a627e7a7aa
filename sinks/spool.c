/*
 * spool.c - a sink's store-and-forward queue in SQLite; see spool.h.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "platform/posix/log.h"
#include "spool.h"

/* Messages kept in memory before a flush is forced (bounds RAM while the peer is away). */
#define SPOOL_MEM_MAX  4096
/* Messages read from the file at once while a backlog drains. */
#define SPOOL_READ_MAX 64

struct mem_item {
	uint64_t seq;
	int64_t  ts_ms;
	void    *data;
	size_t   len;
	bool     acked;
};

struct spool {
	sqlite3      *db;
	char          path[256];
	char          queue[64];
	uint64_t      max_items;
	uint64_t      next_seq;
	/* Pushed since the last flush, in order; every seq above the file's. */
	struct mem_item *mem;
	size_t           n_mem, cap_mem;
	size_t           mark;    /* mem[0..mark) was there at the previous flush */
	/* In the file: rows, of which some are acknowledged (deleted at the next flush). */
	uint64_t      disk_rows, disk_max_seq;
	uint64_t     *acked_disk; /* sorted */
	size_t        n_acked, cap_acked;
	/* Rows read ahead from the file, in order. */
	struct mem_item cache[SPOOL_READ_MAX];
	size_t          n_cache;
	uint64_t        cache_after; /* the cache holds the rows just above this seq */
	bool            cache_valid;
	uint64_t      waiting, dropped;
	bool          flush_failing;
	sqlite3_stmt *ins, *del, *sel, *drop;
};

static int flush_upto(struct spool *s, size_t upto);

static void
cache_clear(struct spool *s)
{
	for (size_t i = 0; i < s->n_cache; i++)
		free(s->cache[i].data);
	s->n_cache = 0;
	s->cache_valid = false;
}

static bool
acked_on_disk(const struct spool *s, uint64_t seq, size_t *at)
{
	size_t lo = 0, hi = s->n_acked;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (s->acked_disk[mid] < seq)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (at != NULL)
		*at = lo;
	return lo < s->n_acked && s->acked_disk[lo] == seq;
}

static int
exec(struct spool *s, const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(s->db, sql, NULL, NULL, &err) != SQLITE_OK) {
		log_warnx("spool %s (%s): %s", s->queue, s->path, err != NULL ? err : "?");
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

static int
prepare(struct spool *s, const char *sql, sqlite3_stmt **st)
{
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK) {
		log_warnx("spool %s (%s): %s", s->queue, s->path, sqlite3_errmsg(s->db));
		return -1;
	}
	return 0;
}

/* The state directory itself (one level), as the history store makes it. */
static void
make_parent(const char *path)
{
	char  dir[256];
	char *slash;

	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (slash == NULL || slash == dir)
		return;
	*slash = '\0';
	(void)mkdir(dir, 0750);
}

struct spool *
spool_open(const char *path, const char *queue, uint64_t max_items)
{
	struct spool *s = calloc(1, sizeof(*s));
	sqlite3_stmt *st = NULL;

	if (s == NULL) {
		log_warnx("spool %s: out of memory", queue);
		return NULL;
	}
	snprintf(s->path, sizeof(s->path), "%s", path);
	snprintf(s->queue, sizeof(s->queue), "%s", queue);
	s->max_items = max_items > 0 ? max_items : 1;
	make_parent(path);
	if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		log_warnx("spool %s: cannot open %s: %s", queue, path,
		          s->db != NULL ? sqlite3_errmsg(s->db) : "out of memory");
		goto fail;
	}
	/*
	 * WAL with synchronous=NORMAL: a commit is an append without fsync, so
	 * a flush costs the loop little; a power cut may lose the last
	 * commits, never corrupt the file.
	 */
	sqlite3_busy_timeout(s->db, 50);
	if (exec(s, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
	            "CREATE TABLE IF NOT EXISTS spool(queue TEXT NOT NULL, seq INTEGER NOT NULL,"
	            " ts INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY(queue, seq)) WITHOUT ROWID;") < 0)
		goto fail;
	if (prepare(s, "INSERT INTO spool(queue, seq, ts, data) VALUES(?1, ?2, ?3, ?4)", &s->ins) < 0 ||
	    prepare(s, "DELETE FROM spool WHERE queue = ?1 AND seq = ?2", &s->del) < 0 ||
	    prepare(s, "SELECT seq, ts, data FROM spool WHERE queue = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3",
	            &s->sel) < 0 ||
	    prepare(s, "DELETE FROM spool WHERE queue = ?1 AND seq IN (SELECT seq FROM spool"
	               " WHERE queue = ?1 ORDER BY seq LIMIT ?2)", &s->drop) < 0 ||
	    prepare(s, "SELECT COUNT(*), COALESCE(MAX(seq), 0) FROM spool WHERE queue = ?1", &st) < 0)
		goto fail;
	sqlite3_bind_text(st, 1, s->queue, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW) {
		log_warnx("spool %s (%s): %s", queue, path, sqlite3_errmsg(s->db));
		goto fail;
	}
	s->disk_rows = (uint64_t)sqlite3_column_int64(st, 0);
	s->disk_max_seq = (uint64_t)sqlite3_column_int64(st, 1);
	sqlite3_finalize(st);
	st = NULL;
	s->next_seq = s->disk_max_seq + 1;
	s->waiting = s->disk_rows;
	if (s->disk_rows > 0)
		log_info("spool %s: %llu message%s waiting from the last run (%s)", queue,
		         (unsigned long long)s->disk_rows, s->disk_rows == 1 ? "" : "s", path);
	return s;
fail:
	sqlite3_finalize(st);
	spool_close(s);
	return NULL;
}

void
spool_close(struct spool *s)
{
	if (s == NULL)
		return;
	if (s->ins != NULL)
		flush_upto(s, s->n_mem);
	cache_clear(s);
	for (size_t i = 0; i < s->n_mem; i++)
		free(s->mem[i].data);
	free(s->mem);
	free(s->acked_disk);
	sqlite3_finalize(s->ins);
	sqlite3_finalize(s->del);
	sqlite3_finalize(s->sel);
	sqlite3_finalize(s->drop);
	sqlite3_close(s->db);
	free(s);
}

static void
count_drops(struct spool *s, uint64_t n)
{
	/* Logged at the first drop and then at every power of two, not per message. */
	uint64_t before = s->dropped;

	s->dropped += n;
	for (uint64_t p = 1; p != 0; p <<= 1)
		if (before < p && s->dropped >= p) {
			log_warnx("spool %s: full (%llu messages), dropped the oldest: %llu so far",
			          s->queue, (unsigned long long)s->max_items,
			          (unsigned long long)s->dropped);
			break;
		}
}

/* Drops the oldest messages in memory (when the file cannot take them). */
static void
mem_drop_head(struct spool *s, size_t n)
{
	uint64_t lost = 0;

	for (size_t i = 0; i < n; i++) {
		if (!s->mem[i].acked)
			lost++;
		free(s->mem[i].data);
	}
	if (s->n_mem > n)
		memmove(s->mem, s->mem + n, (s->n_mem - n) * sizeof(*s->mem));
	s->n_mem -= n;
	s->mark = s->mark > n ? s->mark - n : 0;
	s->waiting -= lost;
	count_drops(s, lost);
}

uint64_t
spool_push(struct spool *s, int64_t ts_ms, const void *data, size_t len)
{
	struct mem_item *it;

	if (s->n_mem >= SPOOL_MEM_MAX && flush_upto(s, s->n_mem) < 0 && s->n_mem >= SPOOL_MEM_MAX)
		mem_drop_head(s, 1);
	if (s->n_mem == s->cap_mem) {
		size_t ncap = s->cap_mem ? s->cap_mem * 2 : 64;
		void  *p = realloc(s->mem, ncap * sizeof(*s->mem));
		if (p == NULL) {
			count_drops(s, 1);
			return 0;
		}
		s->mem = p;
		s->cap_mem = ncap;
	}
	it = &s->mem[s->n_mem];
	it->data = malloc(len > 0 ? len : 1);
	if (it->data == NULL) {
		count_drops(s, 1);
		return 0;
	}
	memcpy(it->data, data, len);
	it->len = len;
	it->ts_ms = ts_ms;
	it->seq = s->next_seq++;
	it->acked = false;
	s->n_mem++;
	s->waiting++;
	return it->seq;
}

static int
cache_fill(struct spool *s, uint64_t after)
{
	int rc;

	cache_clear(s);
	sqlite3_reset(s->sel);
	sqlite3_bind_text(s->sel, 1, s->queue, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s->sel, 2, (sqlite3_int64)after);
	sqlite3_bind_int(s->sel, 3, SPOOL_READ_MAX);
	while ((rc = sqlite3_step(s->sel)) == SQLITE_ROW) {
		struct mem_item *it = &s->cache[s->n_cache];
		const void      *p = sqlite3_column_blob(s->sel, 2);
		int              n = sqlite3_column_bytes(s->sel, 2);
		it->seq = (uint64_t)sqlite3_column_int64(s->sel, 0);
		it->ts_ms = sqlite3_column_int64(s->sel, 1);
		it->len = (size_t)n;
		it->data = malloc(n > 0 ? (size_t)n : 1);
		if (it->data == NULL)
			break;
		if (n > 0)
			memcpy(it->data, p, (size_t)n);
		it->acked = false;
		s->n_cache++;
	}
	sqlite3_reset(s->sel);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		log_warnx("spool %s: reading %s: %s", s->queue, s->path, sqlite3_errmsg(s->db));
		cache_clear(s);
		return -1;
	}
	s->cache_after = after;
	s->cache_valid = true;
	return 0;
}

bool
spool_next(struct spool *s, uint64_t after, struct spool_item *it)
{
	const struct mem_item *m = NULL;

	/* Rows in the file come first: they are older than anything in memory. */
	while (s->disk_rows > s->n_acked && after < s->disk_max_seq) {
		bool covered = s->cache_valid && after >= s->cache_after && s->n_cache > 0 &&
		               after < s->cache[s->n_cache - 1].seq;
		if (!covered && cache_fill(s, after) < 0)
			return false;
		for (size_t i = 0; i < s->n_cache && m == NULL; i++)
			if (s->cache[i].seq > after && !acked_on_disk(s, s->cache[i].seq, NULL))
				m = &s->cache[i];
		if (m != NULL)
			break;
		if (s->n_cache == 0)
			break;
		after = s->cache[s->n_cache - 1].seq;
	}
	for (size_t i = 0; m == NULL && i < s->n_mem; i++)
		if (s->mem[i].seq > after && !s->mem[i].acked)
			m = &s->mem[i];
	if (m == NULL)
		return false;
	it->seq = m->seq;
	it->ts_ms = m->ts_ms;
	it->data = m->data;
	it->len = m->len;
	return true;
}

void
spool_ack(struct spool *s, uint64_t seq)
{
	size_t at;

	if (s->n_mem > 0 && seq >= s->mem[0].seq) {
		/* In memory, sorted by seq. */
		size_t lo = 0, hi = s->n_mem;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (s->mem[mid].seq < seq)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < s->n_mem && s->mem[lo].seq == seq && !s->mem[lo].acked) {
			s->mem[lo].acked = true;
			free(s->mem[lo].data);
			s->mem[lo].data = NULL;
			s->waiting--;
		}
		return;
	}
	if (seq > s->disk_max_seq || acked_on_disk(s, seq, &at))
		return;
	if (s->n_acked == s->cap_acked) {
		size_t ncap = s->cap_acked ? s->cap_acked * 2 : 64;
		void  *p = realloc(s->acked_disk, ncap * sizeof(*s->acked_disk));
		if (p == NULL)
			return; /* delivered again after a restart: at least once still holds */
		s->acked_disk = p;
		s->cap_acked = ncap;
	}
	memmove(s->acked_disk + at + 1, s->acked_disk + at, (s->n_acked - at) * sizeof(uint64_t));
	s->acked_disk[at] = seq;
	s->n_acked++;
	s->waiting--;
}

static int
step_done(struct spool *s, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		if (!s->flush_failing)
			log_warnx("spool %s: writing %s: %s; messages stay in memory", s->queue, s->path,
			          sqlite3_errmsg(s->db));
		return -1;
	}
	return 0;
}

/* Forgets mem[0..n) (written or acknowledged). */
static void
mem_drop_prefix(struct spool *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(s->mem[i].data);
	if (s->n_mem > n)
		memmove(s->mem, s->mem + n, (s->n_mem - n) * sizeof(*s->mem));
	s->n_mem -= n;
	s->mark = s->mark > n ? s->mark - n : 0;
}

/* Writes mem[0..upto) (the unacknowledged ones) and the pending deletes in one transaction. */
static int
flush_upto(struct spool *s, size_t upto)
{
	uint64_t inserted = 0, deleted = 0, max_inserted = 0;
	size_t   i;

	if (s->n_acked == 0) {
		/* Nothing on disk to delete: skip the transaction when memory holds only acked messages. */
		for (i = 0; i < upto && s->mem[i].acked; i++)
			;
		if (i == upto) {
			mem_drop_prefix(s, upto);
			return 0;
		}
	}
	if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
		if (!s->flush_failing)
			log_warnx("spool %s: %s: %s; messages stay in memory", s->queue, s->path,
			          sqlite3_errmsg(s->db));
		goto fail_noroll;
	}
	for (i = 0; i < upto; i++) {
		struct mem_item *m = &s->mem[i];
		if (m->acked)
			continue;
		sqlite3_bind_text(s->ins, 1, s->queue, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s->ins, 2, (sqlite3_int64)m->seq);
		sqlite3_bind_int64(s->ins, 3, m->ts_ms);
		sqlite3_bind_blob(s->ins, 4, m->data, (int)m->len, SQLITE_STATIC);
		if (step_done(s, s->ins) < 0)
			goto fail;
		inserted++;
		max_inserted = m->seq;
	}
	for (i = 0; i < s->n_acked; i++) {
		sqlite3_bind_text(s->del, 1, s->queue, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s->del, 2, (sqlite3_int64)s->acked_disk[i]);
		if (step_done(s, s->del) < 0)
			goto fail;
		deleted += (uint64_t)sqlite3_changes(s->db);
	}
	if (s->disk_rows + inserted - deleted > s->max_items) {
		uint64_t over = s->disk_rows + inserted - deleted - s->max_items;
		sqlite3_bind_text(s->drop, 1, s->queue, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s->drop, 2, (sqlite3_int64)over);
		if (step_done(s, s->drop) < 0)
			goto fail;
		deleted += over;
		s->waiting -= over;
		count_drops(s, over);
	}
	if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		if (!s->flush_failing)
			log_warnx("spool %s: committing to %s: %s; messages stay in memory", s->queue,
			          s->path, sqlite3_errmsg(s->db));
		goto fail;
	}
	if (s->flush_failing)
		log_info("spool %s: writing %s again", s->queue, s->path);
	s->flush_failing = false;
	s->disk_rows = s->disk_rows + inserted - deleted;
	if (max_inserted > s->disk_max_seq)
		s->disk_max_seq = max_inserted;
	mem_drop_prefix(s, upto);
	s->n_acked = 0;
	cache_clear(s);
	return 0;
fail:
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
fail_noroll:
	s->flush_failing = true;
	return -1;
}

int
spool_flush(struct spool *s)
{
	/*
	 * Only what was pushed before the previous flush: a message that is
	 * acknowledged within one flush interval (the peer is there) is never
	 * written at all.
	 */
	size_t upto = s->mark < s->n_mem ? s->mark : s->n_mem;
	int    rc = flush_upto(s, upto);

	s->mark = s->n_mem;
	return rc;
}

uint64_t
spool_waiting(const struct spool *s)
{
	return s->waiting;
}

uint64_t
spool_dropped(const struct spool *s)
{
	return s->dropped;
}

uint64_t
spool_on_disk(const struct spool *s)
{
	return s->disk_rows - s->n_acked;
}
