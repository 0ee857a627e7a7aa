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

/* The state each meter was last seen in: the seam tells only the new one. */
struct seen {
	const struct rd_meter *m;
	enum rd_state          state;
	int64_t                since_ms;
	bool                   ever_up;
};

struct healthlog {
	struct rd_sink   sink;
	struct readings *rd;
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
	s->state = m->health.state;
	s->since_ms = m->health.since_ms ? m->health.since_ms : rd_wall_ms();
	s->ever_up = m->health.state == RD_STATE_UP;
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
	case RD_STATE_STARTING:
		log_info("meter %s: starting", m->name);
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

static void
check_all_reporting(struct healthlog *h)
{
	size_t n = readings_meter_count(h->rd), live = 0;

	if (h->reported || h->all_reporting == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		const struct rd_meter *m = readings_meter_at(h->rd, i);
		bool                   have = false;
		if (!m->live)
			continue;
		live++;
		for (size_t k = 0; k < m->n_values && !have; k++)
			have = m->values[k].have;
		if (!have)
			return;
	}
	if (live == 0)
		return;
	h->reported = true;
	h->all_reporting(h->arg);
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
		if (sn == NULL || sn->state == m->health.state)
			break;
		log_change(m, sn->state, sn->since_ms, sn->ever_up);
		sn->state = m->health.state;
		sn->since_ms = m->health.since_ms;
		sn->ever_up |= m->health.state == RD_STATE_UP;
		break;
	}
	status_update(h);
}

static void
on_batch_end(struct rd_sink *s, const struct rd_meter *m)
{
	(void)m;
	check_all_reporting(s->data);
}

struct healthlog *
healthlog_new(struct readings *r, void (*all_reporting)(void *arg), void *arg)
{
	struct healthlog *h = calloc(1, sizeof(*h));

	if (h == NULL)
		return NULL;
	h->rd = r;
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
