/*
 * healthlog.c - one log line per meter health change, and STATUS=; see healthlog.h.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "healthlog.h"
#include "platform/posix/log.h"
#include "sdnotify.h"

/* How long a meter may start with its port down before that is said. */
#define HEALTH_GRACE_MS 5000
/* A meter this slow is not waited for twice before the first SENSOR line. */
#define SLOW_POLL_MS 10000

/*
 * What was last *said* about each meter: the seam tells only the new
 * state, and a flapping port (down, starting, down ...) must give one line,
 * not one per turn. "starting" is never said; the others once each time
 * they differ from what was said before.
 */
struct seen {
	const struct rd_meter *m;
	enum rd_state          said;     /* RD_STATE_STARTING: nothing said yet */
	int64_t                since_ms; /* when `said` began */
	bool                   ever_up;
	size_t                 last_n;   /* values the meter had at its last batch end */
	bool                   settled;  /* a batch ended that added no new value */
	bool                   reported; /* the engine told a state since the meter joined */
	uint64_t               down_due; /* ev ms: say the "down" it joined with then, 0 none */
};

struct healthlog {
	struct rd_sink   sink;
	struct readings *rd;
	struct ev_loop  *loop;
	struct ev_timer  grace; /* says "down" of meters whose port never came up */
	struct seen     *seen;
	size_t           n_seen, cap_seen;
	void (*all_reporting)(void *arg);
	void            *arg;
	bool             reported;
	char             status[512];
};

static struct seen *
seen_find(struct healthlog *h, const struct rd_meter *m)
{
	for (size_t i = 0; i < h->n_seen; i++)
		if (h->seen[i].m == m)
			return &h->seen[i];
	return NULL;
}

static struct seen *
seen_add(struct healthlog *h, const struct rd_meter *m)
{
	struct seen *s = seen_find(h, m);

	if (s != NULL)
		return s;
	if (h->n_seen == h->cap_seen) {
		size_t       cap = h->cap_seen ? h->cap_seen * 2 : 16;
		struct seen *n = realloc(h->seen, cap * sizeof(*n));
		if (n == NULL)
			return NULL;
		h->seen = n;
		h->cap_seen = cap;
	}
	s = &h->seen[h->n_seen++];
	s->m = m;
	s->said = RD_STATE_STARTING;
	s->since_ms = m->health.since_ms ? m->health.since_ms : rd_wall_ms();
	s->ever_up = false;
	s->last_n = 0;
	s->settled = false;
	s->reported = false;
	s->down_due = 0;
	return s;
}

static void
seen_remove(struct healthlog *h, const struct rd_meter *m)
{
	struct seen *s = seen_find(h, m);

	if (s != NULL)
		*s = h->seen[--h->n_seen];
}

/* "850 ms", "42 s", "17 min", "3 h": how long a state lasted, for people. */
static void
fmt_span(char *buf, size_t cap, int64_t ms)
{
	if (ms < 0)
		ms = 0;
	if (ms < 1000)
		snprintf(buf, cap, "%lld ms", (long long)ms);
	else if (ms < 120000)
		snprintf(buf, cap, "%lld s", (long long)(ms / 1000));
	else if (ms < 2 * 3600000)
		snprintf(buf, cap, "%lld min", (long long)(ms / 60000));
	else
		snprintf(buf, cap, "%lld h", (long long)(ms / 3600000));
}

static const char *
state_words(enum rd_state s)
{
	switch (s) {
	case RD_STATE_STARTING:
		return "starting";
	case RD_STATE_UP:
		return "up";
	case RD_STATE_SILENT:
		return "silent";
	case RD_STATE_ERRORS:
		return "only bad frames";
	case RD_STATE_PORT_DOWN:
		return "port down";
	}
	return "?";
}

static void
log_change(const struct rd_meter *m, enum rd_state old, int64_t old_since, bool ever_up)
{
	const struct rd_health *hl = &m->health;
	char                    span[32];

	fmt_span(span, sizeof(span), rd_wall_ms() - old_since);
	switch (hl->state) {
	case RD_STATE_UP:
		if (old == RD_STATE_STARTING && !ever_up)
			log_info("meter %s: up (first good frame after %s)", m->name, span);
		else
			log_notice("meter %s: answering again after %s %s", m->name, span,
			           state_words(old));
		break;
	case RD_STATE_SILENT:
		log_warnx("meter %s: silent, no good frame%s (%u timeouts, port %s)", m->name,
		          hl->last_good_ms ? " for a while" : " yet", hl->timeouts,
		          hl->port[0] ? hl->port : "-");
		break;
	case RD_STATE_ERRORS:
		log_warnx("meter %s: only bad frames (%u crc errors, %u invalid, %u parity errors)",
		          m->name, hl->crc_errors, hl->invalid, hl->parity_errors);
		break;
	case RD_STATE_PORT_DOWN:
		log_warnx("meter %s: port %s down", m->name, hl->port[0] ? hl->port : "-");
		break;
	case RD_STATE_STARTING: /* never said: see struct seen */
		break;
	}
}

/* Appends to the status text, cutting (never overrunning) when it is full. */
static void
status_put(struct healthlog *h, size_t *len, const char *a, const char *b)
{
	int n;

	if (*len >= sizeof(h->status) - 1)
		return;
	n = snprintf(h->status + *len, sizeof(h->status) - *len, "%s%s", a, b);
	*len += n < 0 ? 0 : (size_t)n;
	if (*len > sizeof(h->status) - 1)
		*len = sizeof(h->status) - 1;
}

/* "3 of 4 meters up; silent: heat, gas; port_down: p1" */
static void
status_update(struct healthlog *h)
{
	static const enum rd_state others[] = {RD_STATE_SILENT, RD_STATE_ERRORS, RD_STATE_PORT_DOWN,
	                                       RD_STATE_STARTING};
	char   msg[sizeof(h->status) + 8];
	size_t up = 0, total = 0, len = 0, n = readings_meter_count(h->rd);

	for (size_t i = 0; i < n; i++) {
		const struct rd_meter *m = readings_meter_at(h->rd, i);
		if (m->live) {
			total++;
			up += m->health.state == RD_STATE_UP;
		}
	}
	snprintf(msg, sizeof(msg), "%zu of %zu meters up", up, total);
	status_put(h, &len, msg, "");
	for (size_t k = 0; k < sizeof(others) / sizeof(others[0]); k++) {
		bool first = true;
		for (size_t i = 0; i < n; i++) {
			const struct rd_meter *m = readings_meter_at(h->rd, i);
			if (!m->live || m->health.state != others[k])
				continue;
			if (first) {
				status_put(h, &len, "; ", rd_state_name(others[k]));
				status_put(h, &len, ": ", m->name);
			} else
				status_put(h, &len, ", ", m->name);
			first = false;
		}
	}
	snprintf(msg, sizeof(msg), "STATUS=%s", h->status);
	sd_notify_send(msg);
}

/*
 * Every meter reports once each has published values and then ended a
 * batch that added none: the counter guard holds a total back until a
 * second reading agrees, so "has a value" alone would print a first line
 * without the totals.
 */
static void
check_all_reporting(struct healthlog *h)
{
	size_t n = readings_meter_count(h->rd), live = 0;

	if (h->reported || h->all_reporting == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		const struct rd_meter *m = readings_meter_at(h->rd, i);
		const struct seen     *sn;
		if (!m->live)
			continue;
		live++;
		if ((sn = seen_find(h, m)) == NULL || !sn->settled)
			return;
	}
	if (live == 0)
		return;
	h->reported = true;
	h->all_reporting(h->arg);
}

/*
 * A meter joins with its port not opened yet ("down"): said only if it is
 * still down HEALTH_GRACE_MS later, so a normal start logs no warning and a
 * port that flaps from the first connect (and so stays "down") still does.
 */
static void
grace_cb(struct ev_loop *loop, struct ev_timer *t)
{
	struct healthlog *h = t->data;
	uint64_t          next = 0, now = ev_now(loop);

	for (size_t i = 0; i < h->n_seen; i++) {
		struct seen *sn = &h->seen[i];
		if (sn->down_due == 0)
			continue;
		if (sn->down_due > now) {
			next = next == 0 || sn->down_due < next ? sn->down_due : next;
			continue;
		}
		sn->down_due = 0;
		if (sn->m->health.state == RD_STATE_PORT_DOWN && sn->said != RD_STATE_PORT_DOWN) {
			log_change(sn->m, sn->said, sn->since_ms, sn->ever_up);
			sn->said = RD_STATE_PORT_DOWN;
		}
	}
	if (next != 0)
		ev_timer_start_at(loop, t, next);
}

static void
on_meter(struct rd_sink *s, const struct rd_meter *m, enum rd_meter_change ch)
{
	struct healthlog *h = s->data;
	struct seen      *sn;

	switch (ch) {
	case RD_METER_ADDED:
		(void)seen_add(h, m);
		break;
	case RD_METER_REMOVED:
		seen_remove(h, m);
		break;
	case RD_METER_HEALTH:
		sn = seen_add(h, m);
		if (sn == NULL)
			break;
		if (m->health.state == RD_STATE_STARTING || sn->said == m->health.state) {
			sn->reported = true;
			if (m->health.state != RD_STATE_PORT_DOWN)
				sn->down_due = 0;
			break;
		}
		/*
		 * A meter joins with its port not yet opened: that first "down" is
		 * no news (a port that cannot be opened is the bus's own warning).
		 * A port lost later, also before any good frame, is said.
		 */
		if (!sn->reported) {
			sn->reported = true;
			if (m->health.state == RD_STATE_PORT_DOWN && h->loop != NULL) {
				sn->down_due = ev_now(h->loop) + HEALTH_GRACE_MS;
				if (!ev_timer_active(&h->grace) || h->grace.due > sn->down_due)
					ev_timer_start_at(h->loop, &h->grace, sn->down_due);
				break;
			}
		}
		sn->down_due = 0;
		log_change(m, sn->said, sn->since_ms, sn->ever_up);
		sn->said = m->health.state;
		/* An outage is counted from the last good frame, not from when it was noticed. */
		sn->since_ms = m->health.state != RD_STATE_UP && m->health.last_good_ms != 0
		                   ? m->health.last_good_ms
		                   : m->health.since_ms;
		sn->ever_up |= m->health.state == RD_STATE_UP;
		break;
	}
	status_update(h);
}

static void
on_batch_end(struct rd_sink *s, const struct rd_meter *m)
{
	struct healthlog *h = s->data;
	struct seen      *sn = seen_add(h, m);

	if (sn != NULL) {
		/*
		 * Settled: a batch added no new value. A meter polled every 10 s
		 * or slower counts at its first values: its held-back totals come
		 * only a poll later, and the first line should not wait for them.
		 */
		if (m->n_values > 0 && (m->n_values == sn->last_n || m->expect_ms >= SLOW_POLL_MS))
			sn->settled = true;
		sn->last_n = m->n_values;
	}
	check_all_reporting(h);
}

struct healthlog *
healthlog_new(struct readings *r, struct ev_loop *loop, void (*all_reporting)(void *arg), void *arg)
{
	struct healthlog *h = calloc(1, sizeof(*h));

	if (h == NULL)
		return NULL;
	h->rd = r;
	h->loop = loop;
	ev_timer_init(&h->grace, grace_cb, h);
	h->all_reporting = all_reporting;
	h->arg = arg;
	h->sink.name = "healthlog";
	h->sink.meter = on_meter;
	h->sink.batch_end = on_batch_end;
	h->sink.data = h;
	snprintf(h->status, sizeof(h->status), "starting");
	readings_subscribe(r, &h->sink);
	return h;
}

void
healthlog_free(struct healthlog *h)
{
	if (h == NULL)
		return;
	readings_unsubscribe(h->rd, &h->sink);
	if (h->loop != NULL)
		ev_timer_stop(h->loop, &h->grace);
	free(h->seen);
	free(h);
}

const char *
healthlog_status(const struct healthlog *h)
{
	return h->status;
}

void
healthlog_rearm(struct healthlog *h)
{
	h->reported = false;
	check_all_reporting(h);
}
