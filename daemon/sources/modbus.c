/*
 * modbus.c - a polled Modbus RTU slave: one mb_session per slave over the
 * bus queue, reads planned by mbplan.h from the value lines or the device
 * profile, one read per bus turn so slaves sharing a line alternate.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "meterd/mb_session.h"
#include "mbplan.h"
#include "meter.h"
#include "platform/posix/log.h"

/* A parameter write (then its read-back) or read asked for by the web page or MQTT. */
struct mb_job {
	const struct profile_entry *pe;
	uint16_t                    reg;
	uint16_t                    raw;
	enum { JOB_WRITE, JOB_READBACK, JOB_READ } stage;
	param_done_fn              *done;
	void                       *arg;
};

#define MB_JOBS   4
#define JOB_TAG   0xFFFF0000u

struct modbus_src {
	struct mb_session       sess;
	struct mb_job           jobs[MB_JOBS];
	size_t                  njobs;
	bool                    job_on_bus, poll_wanted;
	struct ev_timer         tm;
	struct mb_read         *plan;
	size_t                  nplan, capplan, plan_next;
	unsigned                pending;   /* reads submitted and not completed */
	bool                    in_poll, turn_over, stored;
	unsigned                refused, refused_logged; /* values the device does not have */
	struct mb_session_stats seen;
};

static void mb_drive(struct meter *m);
static void mb_turn_end(struct meter *m);

/* Adds what the session counted since last time to the meter's health. */
static void
mb_health(struct meter *m)
{
	struct modbus_src             *ms = m->priv;
	const struct mb_session_stats *st = mb_session_stats(&ms->sess);

	m->h.crc_errors += st->crc_errors - ms->seen.crc_errors;
	m->h.timeouts += st->timeouts - ms->seen.timeouts;
	m->h.exceptions += st->exceptions - ms->seen.exceptions;
	m->h.echo_errors += st->echo_errors - ms->seen.echo_errors;
	m->h.invalid += (st->wrong_slave - ms->seen.wrong_slave) + (st->mismatched - ms->seen.mismatched);
	m->garbage_extra += st->garbage_bytes - ms->seen.garbage_bytes;
	if (memcmp(st, &ms->seen, sizeof(*st)) != 0)
		meter_health_update(m, ev_now(engine_loop(m->e)));
	ms->seen = *st;
}

/* Turn over: the read completed and the line has been quiet for t3.5. */
static void
mb_timer(struct ev_loop *loop, struct ev_timer *t)
{
	struct meter      *m = t->data;
	struct modbus_src *ms = m->priv;

	(void)loop;
	if (ms->turn_over)
		mb_turn_end(m);
	else
		mb_drive(m);
}

/* The next read of this poll not yet asked, or NULL when the poll is through. */
static struct mb_read *
mb_next(struct modbus_src *ms)
{
	for (; ms->plan_next < ms->nplan; ms->plan_next++)
		if (!ms->plan[ms->plan_next].sent && !ms->plan[ms->plan_next].refused)
			return &ms->plan[ms->plan_next];
	return NULL;
}

/* Hands the session the next read of the plan; false when there is none left. */
static bool
mb_submit(struct meter *m)
{
	struct modbus_src *ms = m->priv;
	struct mb_read    *pr;

	while ((pr = mb_next(ms)) != NULL) {
		struct mb_request rq = {.function = pr->function, .address = pr->address, .count = pr->count};
		uint8_t           pdu[8];
		int               n = mb_req_encode(&rq, pdu, sizeof(pdu)), r;

		r = n < 0 ? n : mb_session_submit(&ms->sess, (uint8_t)m->cfg->address, pdu, (size_t)n,
		                                  (uint32_t)ms->plan_next);
		pr->sent = true;
		if (r == 0) {
			ms->pending++;
			return true;
		}
		log_warnx("meter %s: read of %u values at %u not sent: %s", m->cfg->name, pr->count,
		          pr->address, mb_strerror(r));
	}
	return false;
}

static void
job_finish(struct modbus_src *ms, bool ok, const char *msg, const char *value)
{
	struct mb_job       j = ms->jobs[0];
	struct param_result r;

	memset(&r, 0, sizeof(r));
	r.ok = ok;
	snprintf(r.msg, sizeof(r.msg), "%s", msg);
	snprintf(r.value, sizeof(r.value), "%s", value != NULL ? value : "");
	memmove(&ms->jobs[0], &ms->jobs[1], (ms->njobs - 1) * sizeof(ms->jobs[0]));
	ms->njobs--;
	ms->job_on_bus = false;
	if (j.done != NULL)
		j.done(j.arg, &r);
}

/* Submits the head job's current request; false when it could not go (finished with an error). */
static bool
mb_job_submit(struct meter *m)
{
	struct modbus_src *ms = m->priv;
	struct mb_job     *j = &ms->jobs[0];
	struct mb_request  rq = {.address = j->reg, .count = 1};
	uint8_t            val[2] = {(uint8_t)(j->raw >> 8), (uint8_t)j->raw};
	uint8_t            pdu[8];
	int                n, r;

	if (j->stage == JOB_WRITE) {
		rq.function = MB_FC_WRITE_SINGLE_REGISTER;
		rq.values = val;
		rq.values_len = 2;
	} else
		rq.function = MB_FC_READ_HOLDING_REGISTERS;
	n = mb_req_encode(&rq, pdu, sizeof(pdu));
	r = n < 0 ? n : mb_session_submit(&ms->sess, (uint8_t)m->cfg->address, pdu, (size_t)n, JOB_TAG);
	if (r != 0) {
		job_finish(ms, false, mb_strerror(r), NULL);
		return false;
	}
	ms->pending++;
	ms->job_on_bus = true;
	return true;
}

static void
mb_job_event(struct meter *m, const struct mb_session_event *ev)
{
	struct modbus_src *ms = m->priv;
	struct mb_job     *j = &ms->jobs[0];
	char               msg[96];

	ms->job_on_bus = false;
	if (ms->njobs == 0)
		return;
	if (ev->kind == MB_SEV_EXCEPTION) {
		snprintf(msg, sizeof(msg), "the device refused: exception %u (%s)", ev->rsp.exception,
		         mb_exception_name(ev->rsp.exception));
		job_finish(ms, false, msg, NULL);
		return;
	}
	if (ev->kind != MB_SEV_REPLY) {
		job_finish(ms, false, "no answer from the device", NULL);
		return;
	}
	if (j->stage == JOB_WRITE) {
		/* Written: read it back before saying so (next bus turn). */
		j->stage = JOB_READBACK;
		return;
	}
	{
		struct reading r;
		char           num[READING_NUM_MAX];
		uint16_t       word = ev->rsp.values_len >= 2 ? mb_word(ev->rsp.values, 0) : 0;
		bool           same = word == j->raw;

		mb_read_reading(&r, ev->slave, &ev->req, &ev->rsp, 0);
		if (profile_apply(&m->profile, &r) == PROFILE_ABSENT) {
			job_finish(ms, j->stage == JOB_READ, "the device has no value", NULL);
			return;
		}
		reading_format_number(r.raw, r.scaler, num);
		/* The seam and every sink see the new value at once. */
		meter_reading(m, &r);
		meter_batch_end(m);
		if (j->stage == JOB_READ)
			job_finish(ms, true, "read", num);
		else
			job_finish(ms, same, same ? "written and read back" : "written, but the device reads back another value", num);
	}
}

static void
mb_event(struct meter *m, const struct mb_session_event *ev)
{
	struct modbus_src *ms = m->priv;
	struct mb_read    *pr = ev->tag < ms->nplan ? &ms->plan[ev->tag] : NULL;

	if (ms->pending > 0)
		ms->pending--;
	if (ev->tag == JOB_TAG) {
		mb_job_event(m, ev);
		return;
	}
	switch (ev->kind) {
	case MB_SEV_REPLY: {
		size_t n = mb_read_count(&ev->req, &ev->rsp), used;
		for (size_t i = 0; i < n; i += used) {
			struct reading r;
			/* A 32-bit entry takes two registers of the reply, in its word order. */
			enum profile_result pr2 =
			    mbplan_reading(&m->profile, ev->slave, &ev->req, &ev->rsp, i, &r, &used);
			if (used == 0)
				used = 1;
			/* 0x7FFF and the like: the sensor is not connected, nothing to publish. */
			if (pr2 == PROFILE_ABSENT)
				continue;
			meter_reading(m, &r);
			ms->stored = true;
		}
		meter_good(m);
		break;
	}
	case MB_SEV_EXCEPTION:
		/*
		 * A read across a register block (TROVIS 5573: exception 02) is
		 * split and both halves asked again, in this poll and for good.
		 */
		if (ev->rsp.exception == MB_EX_ILLEGAL_DATA_ADDRESS && pr != NULL &&
		    mbplan_split(ms->plan, &ms->nplan, ms->capplan, ev->tag) == 0) {
			log_debug("meter %s: read at %u refused, split into %u + %u values", m->cfg->name,
			          pr->address, pr->count, ms->plan[ms->nplan - 1].count);
			if (ev->tag < ms->plan_next)
				ms->plan_next = ev->tag;
		} else if (ev->rsp.exception == MB_EX_ILLEGAL_DATA_ADDRESS && pr != NULL &&
		           pr->count == 1) {
			char key[16];
			pr->refused = true;
			ms->refused++;
			log_debug("meter %s: the device has no %s; not read again", m->cfg->name,
			          mbplan_key_format(pr, key, sizeof(key)));
		} else
			log_debug("meter %s: exception %u to a read at %u", m->cfg->name, ev->rsp.exception,
			          ev->req.address);
		break;
	case MB_SEV_TIMEOUT:
		log_debug("meter %s: no answer from slave %u after %u attempts", m->cfg->name, ev->slave,
		          ev->attempts);
		break;
	default:
		/* MB_SEV_SKIPPED: the slave is dead and backing off; this poll's reads fail at once. */
		break;
	}
}

/*
 * Each bus turn carries one read: meters (slaves) sharing a bus take turns
 * read by read, so a profile of hundreds of reads or a dead slave's
 * timeout delays the others by one read, never by a whole poll.
 */
static bool mb_job_submit(struct meter *m);

static void
mb_grant(struct bus_client *c)
{
	struct meter      *m = c->data;
	struct modbus_src *ms = m->priv;

	/* A waiting parameter write goes first: a person is waiting for it. */
	if (ms->njobs > 0 && !ms->job_on_bus && mb_job_submit(m)) {
		mb_drive(m);
		return;
	}
	if (!ms->in_poll) {
		if (!ms->poll_wanted) {
			bus_release(m->bus, &m->cl);
			return;
		}
		ms->poll_wanted = false;
		ms->in_poll = true;
		m->poll_at = ev_now(engine_loop(m->e));
		for (size_t i = 0; i < ms->nplan; i++)
			ms->plan[i].sent = false;
		ms->plan_next = 0;
	}
	if (!mb_submit(m)) {
		mb_turn_end(m);
		return;
	}
	mb_drive(m);
}

static void
mb_turn_end(struct meter *m)
{
	struct modbus_src *ms = m->priv;
	bool               poll_over = ms->in_poll && mb_next(ms) == NULL;

	ms->turn_over = false;
	if (poll_over) {
		ms->in_poll = false;
		if (ms->stored)
			meter_batch_end(m);
		ms->stored = false;
		if (ms->refused != ms->refused_logged) {
			log_info("meter %s: the device has no %u of the registers planned; they are no longer read",
			         m->cfg->name, ms->refused);
			ms->refused_logged = ms->refused;
		}
		meter_poll_done(m); /* releases the bus, schedules the next poll */
		if (ms->njobs > 0)
			bus_acquire(m->bus, &m->cl);
		return;
	}
	bus_release(m->bus, &m->cl);
	if (ms->njobs > 0 || ms->in_poll || ms->poll_wanted)
		bus_acquire(m->bus, &m->cl);
}

/* The poll timer: a poll is wanted; it starts on the next bus turn. */
static void
mb_poll_due(struct meter *m)
{
	struct modbus_src *ms = m->priv;

	ms->poll_wanted = true;
	bus_acquire(m->bus, &m->cl);
}

/* Runs the session until it waits for the line or time. */
static void
mb_drive(struct meter *m)
{
	struct modbus_src      *ms = m->priv;
	struct ev_loop         *loop = engine_loop(m->e);
	uint64_t                now = ev_now(loop), dl;
	struct mb_session_event ev;
	bool                    busy = true;

	while (busy) {
		const uint8_t *tx;
		size_t         n;

		busy = false;
		mb_session_step(&ms->sess, now);
		if ((n = mb_session_output(&ms->sess, &tx)) > 0) {
			if (bus_write(m->bus, tx, n) < 0)
				log_debug("meter %s: request not sent, port down", m->cfg->name);
			busy = true;
		}
		while (mb_session_event(&ms->sess, &ev)) {
			mb_event(m, &ev);
			busy = true;
		}
	}
	mb_health(m);
	if (ms->pending == 0) {
		/* Leave the line quiet for t3.5 before the next master's request. */
		ms->turn_over = true;
		ev_timer_start(loop, &ms->tm, ms->sess.gap_ms);
		return;
	}
	dl = mb_session_deadline(&ms->sess);
	if (dl != MB_SESSION_NEVER)
		ev_timer_start_at(loop, &ms->tm, dl > now ? dl : now);
}

static void
mb_rx(struct bus_client *c, const uint8_t *p, size_t n, uint64_t now)
{
	struct meter      *m = c->data;
	struct modbus_src *ms = m->priv;

	m->rx_bytes += n;
	if (!bus_holds(m->bus, c)) {
		m->garbage_extra += n; /* nobody asked */
		return;
	}
	mb_session_input(&ms->sess, p, n, now);
	mb_drive(m);
	bus_rx_wait(m->bus, c, mb_session_rx_wanted(&ms->sess), mb_session_deadline(&ms->sess));
}

/* Adds the register `key` (a profile entry's, or "hr9") to the plan; 32-bit entries read two. */
static bool
mb_plan_add(struct meter *m, struct modbus_src *ms, const char *key)
{
	const struct profile_entry *pe = profile_find_reading(&m->profile, key);

	if (pe != NULL)
		return mbplan_entry_read(pe, &ms->plan[ms->nplan]) == 0 && ++ms->nplan;
	if (mbplan_key_parse(key, &ms->plan[ms->nplan]) != 0)
		return false;
	ms->nplan++;
	return true;
}

/* The reads of each poll: the registers the value lines name, else every register of the profile. */
static int
mb_plan(struct meter *m, struct modbus_src *ms)
{
	const struct cfg_meter *cm = m->cfg;
	size_t                  cap = cm->n_values ? cm->n_values : m->profile.count;

	if (cap == 0 || (ms->plan = calloc(cap, sizeof(*ms->plan))) == NULL)
		return -1;
	ms->capplan = cap;
	for (size_t i = 0; i < cm->n_values; i++) {
		const struct profile_entry *pe = NULL;
		const char                 *id = cm->values[i].id;
		for (size_t k = 0; k < m->profile.count && pe == NULL; k++)
			if (strcmp(m->profile.entries[k].name, id) == 0)
				pe = &m->profile.entries[k];
		if (!mb_plan_add(m, ms, pe != NULL ? pe->key : id))
			log_warnx("meter %s: \"%s\" is no Modbus register (hr9, ir9, co9, di9 or a profile name)",
			          cm->name, id);
	}
	if (cm->n_values == 0)
		for (size_t k = 0; k < m->profile.count; k++)
			mb_plan_add(m, ms, m->profile.entries[k].key);
	if (m->profile.nblocks > 0) {
		/* The device's readable blocks: reads bridge gaps inside them and never cross them. */
		struct mb_read *blocks = calloc(m->profile.nblocks, sizeof(*blocks));
		size_t          nb = blocks != NULL ? mbplan_blocks(&m->profile, blocks, m->profile.nblocks) : 0;
		ms->nplan = mbplan_group_blocks(ms->plan, ms->nplan, blocks, nb);
		free(blocks);
	} else
		ms->nplan = mbplan_group(ms->plan, ms->nplan);
	return ms->nplan > 0 ? 0 : -1;
}

static bool
mb_takes(const struct cfg_meter *cm)
{
	return cm->poll_ms != 0 && strcmp(cm->protocol, "modbus") == 0;
}

static void mb_stop(struct meter *m);

static const char *const modbus_options[] = {"local_echo", NULL};

static int
mb_start(struct meter *m)
{
	const struct cfg_meter  *cm = m->cfg;
	struct modbus_src       *ms;
	struct mb_session_config mc;

	if (cm->address < 1 || cm->address > 255) {
		log_warnx("meter %s: no slave address", cm->name);
		return -1;
	}
	if ((ms = calloc(1, sizeof(*ms))) == NULL)
		return -1;
	m->priv = ms;
	ev_timer_init(&ms->tm, mb_timer, m);
	if (cm->profile[0] != '\0' && meter_load_profile(m) != 0)
		log_warnx("meter %s: reading without its profile", cm->name);
	if (mb_plan(m, ms) != 0) {
		log_warnx("meter %s: no registers to read (value lines or a profile)", cm->name);
		mb_stop(m);
		return -1;
	}
	memset(&mc, 0, sizeof(mc));
	mc.baud = cm->params.baud;
	mc.char_bits = serial_char_bits(&cm->params);
	mc.retries = 1;
	/* Two-wire adapters without echo suppression hand back what we sent. */
	meter_options_check(m, modbus_options);
	mc.local_echo = meter_option_flag(m, "local_echo", false);
	mb_session_init(&ms->sess, &mc);
	m->cl.on_rx = mb_rx;
	m->cl.on_grant = mb_grant;
	m->poll_due = mb_poll_due;
	log_info("meter %s: %zu reads per poll from slave %d", cm->name, ms->nplan, cm->address);
	return 0;
}

static void
mb_stop(struct meter *m)
{
	struct modbus_src *ms = m->priv;

	if (ms != NULL) {
		ev_timer_stop(engine_loop(m->e), &ms->tm);
		while (ms->njobs > 0)
			job_finish(ms, false, "the meter was stopped", NULL);
		free(ms->plan);
	}
	free(ms);
	m->priv = NULL;
}

const struct source_ops source_modbus = {
	.name = "modbus",
	.takes = mb_takes,
	.start = mb_start,
	.stop = mb_stop,
};

int
modbus_param_queue(struct meter *m, const struct profile_entry *pe, bool write, int64_t raw,
                   param_done_fn *done, void *arg)
{
	struct modbus_src *ms = m->priv;
	struct mb_read     key;
	struct mb_job     *j;

	if (m->src != &source_modbus || ms == NULL)
		return -ENOTSUP;
	if (mbplan_key_parse(pe->key, &key) != 0 || key.function != MB_FC_READ_HOLDING_REGISTERS ||
	    (pe->type != PROFILE_U16 && pe->type != PROFILE_S16))
		return -ENOTSUP; /* coils and 32-bit values are not written from here */
	if (ms->njobs == MB_JOBS)
		return -EBUSY;
	j = &ms->jobs[ms->njobs++];
	memset(j, 0, sizeof(*j));
	j->pe = pe;
	j->reg = key.address;
	j->raw = (uint16_t)raw;
	j->stage = write ? JOB_WRITE : JOB_READ;
	j->done = done;
	j->arg = arg;
	bus_acquire(m->bus, &m->cl);
	return 0;
}
