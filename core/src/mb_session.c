#include <string.h>

#include "meterd/mb_session.h"

#define DEF(v, d) ((v) ? (v) : (d))

void
mb_session_init(struct mb_session *s, const struct mb_session_config *cfg)
{
	memset(s, 0, sizeof(*s));
	s->cfg = *cfg;
	s->cfg.baud = DEF(cfg->baud, 9600);
	s->cfg.char_bits = DEF(cfg->char_bits, 11);
	s->cfg.turnaround_ms = DEF(cfg->turnaround_ms, 100);
	s->cfg.broadcast_delay_ms = DEF(cfg->broadcast_delay_ms, 100);
	s->cfg.backoff_min_ms = DEF(cfg->backoff_min_ms, 5000);
	s->cfg.backoff_max_ms = DEF(cfg->backoff_max_ms, 300000);
	s->cfg.foreign_burst = DEF(cfg->foreign_burst, 1);
	if (s->cfg.backoff_max_ms < s->cfg.backoff_min_ms)
		s->cfg.backoff_max_ms = s->cfg.backoff_min_ms;
	mbrtu_timing_init(&s->timing, s->cfg.baud, s->cfg.char_bits);
	s->gap_ms = (s->timing.t35_us + 999) / 1000;
	s->cur_poll = -1;
	s->state = MB_SST_IDLE;
	mbrtu_framer_init(&s->rx);
}

static int
slave_index(const struct mb_session *s, uint8_t address)
{
	int i;

	for (i = 0; i < MB_SESSION_SLAVES; i++)
		if (s->slaves[i].used && s->slaves[i].address == address)
			return i;
	return -1;
}

static struct mb_slave_health *
slave_get(struct mb_session *s, uint8_t address, bool create)
{
	int i = slave_index(s, address);

	if (i >= 0)
		return &s->slaves[i];
	if (!create)
		return NULL;
	for (i = 0; i < MB_SESSION_SLAVES; i++) {
		if (!s->slaves[i].used) {
			memset(&s->slaves[i], 0, sizeof(s->slaves[i]));
			s->slaves[i].used = true;
			s->slaves[i].address = address;
			return &s->slaves[i];
		}
	}
	return NULL;
}

const struct mb_slave_health *
mb_session_slave(const struct mb_session *s, uint8_t address)
{
	int i = slave_index(s, address);

	return i >= 0 ? &s->slaves[i] : NULL;
}

/* Builds a job from a PDU: the ADU to send and, when known, the parsed request. */
static int
job_set(struct mb_session_job *j, uint8_t slave, const uint8_t *pdu, size_t len, uint32_t tag)
{
	int n, e;

	if (len == 0 || len > MB_PDU_MAX)
		return MB_E_INVALID;
	if ((n = mbrtu_adu_encode(slave, pdu, len, j->adu, sizeof(j->adu))) < 0)
		return n;
	j->adu_len = (uint16_t)n;
	j->tag = tag;
	e = mb_req_parse(&j->req, j->adu + 1, len);
	j->known = e == 0;
	if (e == MB_E_FUNCTION)
		memset(&j->req, 0, sizeof(j->req));
	else if (e != 0)
		return e;
	return 0;
}

/* Copies a job; its parsed values must point into the copy's ADU. */
static void
job_copy(struct mb_session_job *dst, const struct mb_session_job *src)
{
	*dst = *src;
	if (src->req.values != NULL)
		dst->req.values = dst->adu + (src->req.values - src->adu);
}

int
mb_session_add_poll(struct mb_session *s, uint8_t slave, const uint8_t *pdu, size_t len,
                    uint32_t period_ms, uint32_t tag, uint64_t now_ms)
{
	struct mb_session_poll *p = NULL;
	int i, e;

	if (slave == 0 || period_ms == 0)
		return MB_E_INVALID;
	for (i = 0; i < MB_SESSION_POLLS; i++)
		if (!s->polls[i].used) {
			p = &s->polls[i];
			break;
		}
	if (p == NULL || slave_get(s, slave, true) == NULL)
		return MB_E_SPACE;
	if ((e = job_set(&p->job, slave, pdu, len, tag)) != 0)
		return e;
	if (!p->job.known)
		return MB_E_FUNCTION;
	if (mbrtu_reply_len(&p->job.req) > MBRTU_ADU_MAX)
		return MB_E_SPACE; /* a build with a smaller MBRTU_ADU_MAX could not take the reply */
	p->used = true;
	p->period_ms = period_ms;
	p->due = now_ms;
	return i;
}

void
mb_session_remove_poll(struct mb_session *s, int poll)
{
	if (poll >= 0 && poll < MB_SESSION_POLLS)
		s->polls[poll].used = false;
}

int
mb_session_submit(struct mb_session *s, uint8_t slave, const uint8_t *pdu, size_t len,
                  uint32_t tag)
{
	struct mb_session_job *j;
	int e;

	if (s->q_len == MB_SESSION_QUEUE || (slave != 0 && slave_get(s, slave, true) == NULL))
		return MB_E_SPACE;
	j = &s->queue[(s->q_head + s->q_len) % MB_SESSION_QUEUE];
	if ((e = job_set(j, slave, pdu, len, tag)) != 0)
		return e;
	s->q_len++;
	return 0;
}

/* Queues an event about the current request (or job j when not sent). */
static void
emit(struct mb_session *s, enum mb_session_event_kind kind, const struct mb_session_job *j,
     int poll, const uint8_t *reply, size_t reply_len, uint64_t now)
{
	uint8_t slot;
	struct mb_session_event *e;
	uint8_t *store;

	if (s->ev_len == MB_SESSION_EVENTS) {
		/* The caller did not drain: the oldest goes (step never gets here). */
		s->ev_head = (uint8_t)((s->ev_head + 1) % MB_SESSION_EVENTS);
		s->ev_len--;
		s->stats.events_lost++;
	}
	slot = (uint8_t)((s->ev_head + s->ev_len) % MB_SESSION_EVENTS);
	e = &s->ev[slot];
	store = s->ev_store[slot];

	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->slave = j->adu[0];
	e->poll = poll;
	e->tag = j->tag;
	e->req = j->req;
	e->attempts = s->attempts;
	e->done_ms = now;
	memcpy(store, j->adu, j->adu_len);
	if (j->req.values != NULL)
		e->req.values = store + (j->req.values - j->adu);
	if (reply != NULL) {
		memcpy(store + MBRTU_ADU_MAX, reply, reply_len);
		e->adu = store + MBRTU_ADU_MAX;
		e->adu_len = reply_len;
		if (mb_rsp_parse(&e->rsp, e->adu + 1, reply_len - 3) != 0) {
			/* A reply to a function mb_pdu.h does not know: only an exception is told. */
			memset(&e->rsp, 0, sizeof(e->rsp));
			if ((reply[1] & MB_EXCEPTION_BIT) != 0 && reply_len == 5)
				e->rsp.exception = reply[2];
		}
	}
	s->ev_len++;
}

bool
mb_session_event(struct mb_session *s, struct mb_session_event *ev)
{
	const struct mb_session_event *e;
	const uint8_t *store;

	if (s->ev_len == 0)
		return false;
	e = &s->ev[s->ev_head];
	store = s->ev_store[s->ev_head];
	s->out = *e;
	memcpy(s->out_store, store, sizeof(s->out_store));
	if (e->req.values != NULL)
		s->out.req.values = s->out_store + (e->req.values - store);
	if (e->rsp.values != NULL)
		s->out.rsp.values = s->out_store + (e->rsp.values - store);
	if (e->adu != NULL)
		s->out.adu = s->out_store + MBRTU_ADU_MAX;
	s->ev_head = (uint8_t)((s->ev_head + 1) % MB_SESSION_EVENTS);
	s->ev_len--;
	*ev = s->out;
	return true;
}

/* The next due time of a poll chosen (or skipped) at now: no bursts after a stall. */
static void
poll_reschedule(struct mb_session_poll *p, uint64_t now)
{
	if (p->due + p->period_ms > now) {
		p->due += p->period_ms;
	} else {
		uint64_t late = now - p->due;
		p->due += (late / p->period_ms + 1) * p->period_ms;
	}
}

static void
slave_ok(struct mb_session *s, uint8_t address, bool exception, uint64_t now)
{
	struct mb_slave_health *h = slave_get(s, address, false);

	if (h == NULL)
		return;
	h->dead = false;
	h->backoff_ms = 0;
	h->last_ok_ms = now;
	if (exception)
		h->exceptions++;
	else
		h->replies++;
}

static void
slave_failed(struct mb_session *s, uint8_t address, uint64_t now)
{
	struct mb_slave_health *h = slave_get(s, address, false);

	if (h == NULL)
		return;
	h->failures++;
	if (!h->dead || h->backoff_ms == 0)
		h->backoff_ms = s->cfg.backoff_min_ms;
	else
		h->backoff_ms = h->backoff_ms > s->cfg.backoff_max_ms / 2 ? s->cfg.backoff_max_ms
		                                                             : 2 * h->backoff_ms;
	h->dead = true;
	h->retry_at = now + h->backoff_ms;
}

/* A dead slave still in its back-off: its requests are not sent. */
static bool
slave_resting(const struct mb_session *s, uint8_t address, uint64_t now)
{
	const struct mb_slave_health *h = mb_session_slave(s, address);

	return h != NULL && h->dead && now < h->retry_at;
}

static bool
slave_dead(const struct mb_session *s, uint8_t address)
{
	const struct mb_slave_health *h = mb_session_slave(s, address);

	return h != NULL && h->dead;
}

static void
finish_request(struct mb_session *s, uint64_t now)
{
	s->state = MB_SST_IDLE;
	s->bus_free_at = now + s->gap_ms;
	s->cur_poll = -1;
	s->attempts = 0;
	s->probing = false;
	mbrtu_framer_init(&s->rx);
}

static void
complete(struct mb_session *s, const uint8_t *adu, size_t len, uint64_t now)
{
	bool exc = (adu[1] & MB_EXCEPTION_BIT) != 0;

	emit(s, exc ? MB_SEV_EXCEPTION : MB_SEV_REPLY, &s->cur, s->cur_poll, adu, len, now);
	if (exc)
		s->stats.exceptions++;
	else
		s->stats.replies++;
	slave_ok(s, s->cur.adu[0], exc, now);
	finish_request(s, now);
}

/* A CRC-valid reply-shaped frame from buf[start..n) arrived while waiting. */
static void
rx_frame(struct mb_session *s, size_t start, uint64_t now)
{
	const uint8_t *f = s->rx.buf + start;
	size_t len = s->rx.n - start;
	struct mb_response rsp;

	s->stats.garbage_bytes += (uint32_t)start;
	if (f[0] != s->cur.adu[0]) {
		s->stats.wrong_slave++;
	} else if (mb_rsp_parse(&rsp, f + 1, len - 3) != 0 ||
	           mb_rsp_matches(&s->cur.req, &rsp) != 0) {
		s->stats.mismatched++;
	} else {
		complete(s, f, len, now);
		return;
	}
	mbrtu_framer_init(&s->rx);
}

void
mb_session_input(struct mb_session *s, const uint8_t *p, size_t n, uint64_t now_ms)
{
	size_t i;
	int start;

	if (n > 0)
		s->last_rx = now_ms;
	for (i = 0; i < n; i++) {
		if (s->state != MB_SST_WAIT) {
			s->stats.garbage_bytes++; /* nobody asked */
			continue;
		}
		if (s->echo_left > 0) {
			if (p[i] == s->cur.adu[s->cur.adu_len - s->echo_left]) {
				s->echo_left--;
				continue;
			}
			/* Not our bytes: a collision, or no echo after all. The rest is reply. */
			s->stats.echo_errors++;
			s->echo_left = 0;
		}
		if (s->rx.n == MBRTU_ADU_MAX) {
			size_t k = mbrtu_framer_dead(&s->rx);
			s->stats.garbage_bytes += (uint32_t)k;
			mbrtu_framer_drop(&s->rx, k);
		}
		/* Unknown functions have no shape: their reply ends by silence (step). */
		start = mbrtu_framer_add(&s->rx, p[i], s->cur.known ? MBRTU_SHAPE_RSP : 0);
		if (start >= 0)
			rx_frame(s, (size_t)start, now_ms);
	}
}

/* Puts s->cur on the bus at now. */
static void
send_cur(struct mb_session *s, uint64_t now)
{
	uint32_t timeout = s->cfg.timeout_ms;

	s->attempts++;
	s->stats.sent++;
	s->tx_ready = true;
	s->echo_left = s->cfg.local_echo ? s->cur.adu_len : 0;
	mbrtu_framer_init(&s->rx);
	if (s->cur.adu[0] == 0) {
		s->state = MB_SST_SILENCE;
		s->reply_by = now + (mbrtu_tx_us(&s->timing, s->cur.adu_len) + 999) / 1000 +
		              s->cfg.broadcast_delay_ms;
		return;
	}
	if (timeout == 0)
		timeout = mbrtu_response_timeout_ms(
		    &s->timing, s->cur.adu_len,
		    s->cur.known ? mbrtu_reply_len(&s->cur.req) : MBRTU_ADU_MAX, s->cfg.turnaround_ms);
	s->state = MB_SST_WAIT;
	s->reply_by = now + timeout;
}

/* The earliest due poll, or -1. */
static int
next_poll(const struct mb_session *s, uint64_t now)
{
	int i, best = -1;

	for (i = 0; i < MB_SESSION_POLLS; i++)
		if (s->polls[i].used && s->polls[i].due <= now &&
		    (best < 0 || s->polls[i].due < s->polls[best].due))
			best = i;
	return best;
}

/*
 * Chooses what goes on the bus next. Returns 1 when s->cur is set, 2 when it
 * only queued an event (a skipped request), 0 when nothing is due.
 */
static int
pick(struct mb_session *s, uint64_t now)
{
	int pi = next_poll(s, now);
	const struct mb_session_job *j;

	if (s->q_len > 0 && (pi < 0 || s->burst < s->cfg.foreign_burst)) {
		j = &s->queue[s->q_head];
		s->q_head = (s->q_head + 1) % MB_SESSION_QUEUE;
		s->q_len--;
		s->burst = pi >= 0 ? (uint8_t)(s->burst + 1) : 0;
		if (j->adu[0] != 0 && slave_resting(s, j->adu[0], now)) {
			s->attempts = 0;
			emit(s, MB_SEV_SKIPPED, j, -1, NULL, 0, now);
			s->stats.skipped++;
			return 2;
		}
		job_copy(&s->cur, j);
		s->cur_poll = -1;
	} else if (pi >= 0) {
		struct mb_session_poll *p = &s->polls[pi];
		s->burst = 0;
		poll_reschedule(p, now);
		if (slave_resting(s, p->job.adu[0], now)) {
			s->attempts = 0;
			emit(s, MB_SEV_SKIPPED, &p->job, pi, NULL, 0, now);
			s->stats.skipped++;
			return 2;
		}
		job_copy(&s->cur, &p->job);
		s->cur_poll = pi;
	} else {
		return 0;
	}
	s->attempts = 0;
	s->probing = s->cur.adu[0] != 0 && slave_dead(s, s->cur.adu[0]);
	return 1;
}

/* No reply by the deadline: retry, or give up on the slave. */
static void
timed_out(struct mb_session *s, uint64_t now)
{
	unsigned sh = mbrtu_shape(s->rx.buf, s->rx.n);

	s->stats.timeouts++;
	if (s->rx.n > 0 && (sh & MBRTU_SHAPE_RSP) && s->rx.buf[0] == s->cur.adu[0])
		s->stats.crc_errors++;
	else
		s->stats.garbage_bytes += (uint32_t)s->rx.n;
	mbrtu_framer_init(&s->rx);
	if (!s->probing && s->attempts <= s->cfg.retries) {
		s->state = MB_SST_IDLE;
		s->bus_free_at = now + s->gap_ms;
		return; /* s->attempts > 0 marks the retry: step sends cur again */
	}
	emit(s, MB_SEV_TIMEOUT, &s->cur, s->cur_poll, NULL, 0, now);
	s->stats.failures++;
	slave_failed(s, s->cur.adu[0], now);
	finish_request(s, now);
}

/* A reply to an unknown function: a CRC-valid frame from the slave so far, ended by silence. */
static bool
silent_reply(const struct mb_session *s)
{
	return !s->cur.known && mbrtu_framer_crc_ok(&s->rx) &&
	       s->rx.buf[0] == s->cur.adu[0];
}

void
mb_session_step(struct mb_session *s, uint64_t now)
{
	while (s->ev_len < MB_SESSION_EVENTS) {
		switch (s->state) {
		case MB_SST_WAIT:
			if (silent_reply(s) && now >= s->last_rx + s->gap_ms) {
				complete(s, s->rx.buf, s->rx.n, now);
				continue;
			}
			if (now < s->reply_by)
				return;
			timed_out(s, now);
			continue;
		case MB_SST_SILENCE:
			if (now < s->reply_by)
				return;
			emit(s, MB_SEV_BROADCAST_DONE, &s->cur, s->cur_poll, NULL, 0, now);
			finish_request(s, now);
			s->bus_free_at = now;
			continue;
		case MB_SST_IDLE:
			if (s->tx_ready || now < s->bus_free_at)
				return;
			if (s->attempts == 0) {
				int r = pick(s, now);
				if (r == 0)
					return;
				if (r == 2)
					continue;
			}
			send_cur(s, now);
			return;
		}
	}
}

size_t
mb_session_output(struct mb_session *s, const uint8_t **p)
{
	if (!s->tx_ready)
		return 0;
	s->tx_ready = false;
	*p = s->cur.adu;
	return s->cur.adu_len;
}

uint64_t
mb_session_deadline(const struct mb_session *s)
{
	uint64_t d = MB_SESSION_NEVER;
	int i;

	if (s->ev_len == MB_SESSION_EVENTS || s->tx_ready)
		return 0;
	switch (s->state) {
	case MB_SST_WAIT:
		d = s->reply_by;
		if (silent_reply(s) && s->last_rx + s->gap_ms < d)
			d = s->last_rx + s->gap_ms;
		return d;
	case MB_SST_SILENCE:
		return s->reply_by;
	case MB_SST_IDLE:
		if (s->attempts > 0 || s->q_len > 0)
			d = 0;
		for (i = 0; i < MB_SESSION_POLLS; i++)
			if (s->polls[i].used && s->polls[i].due < d)
				d = s->polls[i].due;
		if (d != MB_SESSION_NEVER && d < s->bus_free_at)
			d = s->bus_free_at;
		return d;
	}
	return d;
}

const struct mb_session_stats *
mb_session_stats(const struct mb_session *s)
{
	return &s->stats;
}

size_t
mb_session_rx_wanted(const struct mb_session *s)
{
	size_t have = s->rx.n, len;

	if (s->state != MB_SST_WAIT)
		return 0;
	if (!s->cur.known)
		return 1; /* its reply ends by silence */
	if (have < 2 || (s->rx.buf[1] & 0x80) != 0)
		len = 5; /* an exception is the shortest reply */
	else
		len = mbrtu_reply_len(&s->cur.req);
	return s->echo_left + (len > have ? len - have : 1);
}
