/*
 * d0poll.c - a polled IEC 62056-21 meter: the mode A/B/C/E readout of
 * d0_session.h (sign-on, optional baud switch, readout), one per poll.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "meterd/d0_session.h"
#include "meter.h"
#include "platform/posix/log.h"

struct d0poll {
	struct d0_sess  sess;
	struct ev_timer tm;     /* the session's deadline */
	bool            stored; /* readings of the current readout were published */
};

static void d0_drive(struct meter *m);

static void
d0_timer(struct ev_loop *loop, struct ev_timer *t)
{
	struct meter  *m = t->data;
	struct d0poll *dp = m->priv;

	d0_sess_tick(&dp->sess, ev_now(loop));
	d0_drive(m);
}

static void
d0_grant(struct bus_client *c)
{
	struct meter  *m = c->data;
	struct d0poll *dp = m->priv;

	m->poll_at = ev_now(engine_loop(m->e));
	m->bit7_seen = false;
	dp->stored = false;
	d0_sess_start(&dp->sess, m->poll_at);
	d0_drive(m);
}

static void
d0_finish(struct meter *m)
{
	struct d0poll *dp = m->priv;

	if (dp->stored)
		meter_batch_end(m);
	dp->stored = false;
	ev_timer_stop(engine_loop(m->e), &dp->tm);
	meter_poll_done(m);
}

/* 7E1: the parity bit into bit 7 for lines where no UART adds it (pty, 8N1 bridge). */
static void
d0_add_parity(const struct meter *m, uint8_t *tx, size_t n)
{
	if (m->cfg->params.data_bits != 7 || m->cfg->params.parity != SERIAL_PARITY_EVEN)
		return;
	for (size_t i = 0; i < n; i++)
		tx[i] = (uint8_t)((tx[i] & 0x7f) | ((__builtin_popcount(tx[i] & 0x7f) & 1) << 7));
}

/* Carries out what the session asks for until it waits for the line or time. */
static void
d0_drive(struct meter *m)
{
	struct d0poll     *dp = m->priv;
	struct ev_loop    *loop = engine_loop(m->e);
	enum d0_sess_event ev;
	uint64_t           dl;

	while ((ev = d0_sess_event(&dp->sess)) != D0_SESS_NONE) {
		switch (ev) {
		case D0_SESS_BAUD: {
			struct serial_params p = m->cfg->params;
			int                  r;
			p.baud = d0_sess_baud(&dp->sess);
			r = bus_set_params(m->bus, &p);
			if (r < 0 && r != -ENOTSUP)
				log_debug("meter %s: cannot switch to %u baud: %s", m->cfg->name, p.baud,
				          strerror(-r));
			break;
		}
		case D0_SESS_SEND: {
			uint8_t tx[D0_SESS_TX_MAX];
			size_t  n = d0_sess_tx(&dp->sess, tx, sizeof(tx), ev_now(loop));
			d0_add_parity(m, tx, n);
			if (n > 0 && bus_write(m->bus, tx, n) < 0)
				log_debug("meter %s: request not sent, port down", m->cfg->name);
			break;
		}
		case D0_SESS_FRAME: {
			const struct frame_info *fi = d0_sess_frame(&dp->sess);
			enum frame_status        st = fi->status;
			if (m->parity_bad && st == FRAME_OK)
				st = FRAME_INVALID;
			m->parity_bad = false;
			meter_frame(m, st, fi->error);
			break;
		}
		case D0_SESS_READING:
			if (m->frame_ok) {
				meter_reading(m, d0_sess_reading(&dp->sess));
				dp->stored = true;
			}
			break;
		case D0_SESS_FAILED:
			m->h.timeouts++;
			log_debug("meter %s: readout failed: %s", m->cfg->name, d0_sess_error(&dp->sess));
			meter_health_update(m, ev_now(loop));
			d0_finish(m);
			return;
		case D0_SESS_DONE:
			d0_finish(m);
			return;
		default:
			break;
		}
	}
	dl = d0_sess_deadline(&dp->sess);
	if (dl == D0_SESS_NEVER)
		ev_timer_stop(loop, &dp->tm);
	else
		ev_timer_start_at(loop, &dp->tm, dl > ev_now(loop) ? dl : ev_now(loop));
}

static void
d0_rx(struct bus_client *c, const uint8_t *p, size_t n, uint64_t now)
{
	struct meter  *m = c->data;
	struct d0poll *dp = m->priv;
	uint8_t        b7[4096];

	if (!bus_holds(m->bus, c))
		return; /* between readouts nobody asked: noise */
	m->rx_bytes += n;
	if (m->cfg->params.data_bits == 7) {
		if (n > sizeof(b7))
			n = sizeof(b7);
		if (meter_strip_parity(m, p, n, b7) < n)
			m->parity_bad = true;
		p = b7;
	}
	while (n > 0 && bus_holds(m->bus, c)) {
		size_t used = d0_sess_rx(&dp->sess, p, n, now);
		p += used;
		n -= used;
		d0_drive(m);
		if (used == 0 && d0_sess_event(&dp->sess) == D0_SESS_NONE)
			break;
	}
	if (bus_holds(m->bus, c)) {
		d0_sess_tick(&dp->sess, now);
		d0_drive(m);
	}
}

static bool
d0_takes(const struct cfg_meter *cm)
{
	return cm->poll_ms != 0 && strcmp(cm->protocol, "d0") == 0;
}

static int
d0_start(struct meter *m)
{
	struct d0poll        *dp = calloc(1, sizeof(*dp));
	struct d0_sess_config dc;

	if (dp == NULL)
		return -1;
	meter_options_check(m, NULL);
	d0_sess_config_default(&dc);
	/* The configured rate is the highest the readout may switch to. */
	dc.max_baud = m->cfg->params.baud;
	d0_sess_init(&dp->sess, &dc);
	ev_timer_init(&dp->tm, d0_timer, m);
	m->priv = dp;
	m->cl.on_rx = d0_rx;
	m->cl.on_grant = d0_grant;
	return 0;
}

static void
d0_stop(struct meter *m)
{
	struct d0poll *dp = m->priv;

	if (dp != NULL)
		ev_timer_stop(engine_loop(m->e), &dp->tm);
	free(dp);
	m->priv = NULL;
}

const struct source_ops source_d0poll = {
	.name = "d0poll",
	.takes = d0_takes,
	.start = d0_start,
	.stop = d0_stop,
};
