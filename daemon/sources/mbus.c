/*
 * mbus.c - a polled wired M-Bus meter (mbus_session.h): SND_NKE, REQ_UD2
 * and the telegrams that follow, by primary or secondary address.
 */
#include <stdlib.h>
#include <string.h>

#include "meterd/mbus_session.h"
#include "meter.h"
#include "platform/posix/log.h"

struct mbus_src {
	struct mbus_ses       sess;
	struct ev_timer       tm;
	struct mbus_ses_stats seen;
	bool                  stored;
};

static void mbus_drive(struct meter *m);

static void
mbus_health(struct meter *m)
{
	struct mbus_src             *bs = m->priv;
	const struct mbus_ses_stats *st = mbus_ses_stats(&bs->sess);

	m->h.timeouts += st->timeouts - bs->seen.timeouts;
	m->h.invalid += st->bad_frames - bs->seen.bad_frames;
	m->garbage_extra += st->stray_bytes - bs->seen.stray_bytes;
	if (memcmp(st, &bs->seen, sizeof(*st)) != 0)
		meter_health_update(m, ev_now(engine_loop(m->e)));
	bs->seen = *st;
}

static void
mbus_timer(struct ev_loop *loop, struct ev_timer *t)
{
	struct meter    *m = t->data;
	struct mbus_src *bs = m->priv;

	mbus_ses_tick(&bs->sess, ev_now(loop));
	mbus_drive(m);
}

static void
mbus_grant(struct bus_client *c)
{
	struct meter    *m = c->data;
	struct mbus_src *bs = m->priv;

	m->poll_at = ev_now(engine_loop(m->e));
	mbus_ses_start(&bs->sess, m->poll_at);
	mbus_drive(m);
}

/* The poll ends with DONE or FAILED. */
static void
mbus_drive(struct meter *m)
{
	struct mbus_src    *bs = m->priv;
	struct ev_loop     *loop = engine_loop(m->e);
	enum mbus_ses_event ev;
	uint64_t            dl;

	while ((ev = mbus_ses_event(&bs->sess)) != MBUS_SES_NONE) {
		switch (ev) {
		case MBUS_SES_SEND: {
			uint8_t tx[32];
			size_t  n = mbus_ses_tx(&bs->sess, tx, sizeof(tx), ev_now(loop));
			if (n > 0 && bus_write(m->bus, tx, n) < 0)
				log_debug("meter %s: request not sent, port down", m->cfg->name);
			break;
		}
		case MBUS_SES_TELEGRAM:
			meter_good(m);
			break;
		case MBUS_SES_READING:
			meter_reading(m, mbus_ses_reading(&bs->sess));
			bs->stored = true;
			break;
		case MBUS_SES_FAILED:
			log_debug("meter %s: read-out failed: %s", m->cfg->name, mbus_ses_error(&bs->sess));
			/* fall through */
		case MBUS_SES_DONE:
			mbus_health(m);
			if (bs->stored)
				meter_batch_end(m);
			bs->stored = false;
			ev_timer_stop(loop, &bs->tm);
			meter_poll_done(m);
			return;
		default:
			break;
		}
	}
	mbus_health(m);
	dl = mbus_ses_deadline(&bs->sess);
	if (dl == MBUS_SES_NEVER)
		ev_timer_stop(loop, &bs->tm);
	else
		ev_timer_start_at(loop, &bs->tm, dl > ev_now(loop) ? dl : ev_now(loop));
}

static void
mbus_rx(struct bus_client *c, const uint8_t *p, size_t n, uint64_t now)
{
	struct meter    *m = c->data;
	struct mbus_src *bs = m->priv;

	m->rx_bytes += n;
	if (!bus_holds(m->bus, c)) {
		m->garbage_extra += n; /* nobody asked */
		return;
	}
	while (n > 0 && bus_holds(m->bus, c)) {
		size_t used = mbus_ses_rx(&bs->sess, p, n, now);
		p += used;
		n -= used;
		mbus_drive(m);
	}
	if (bus_holds(m->bus, c)) {
		mbus_ses_tick(&bs->sess, now);
		mbus_drive(m);
	}
}

static bool
mbus_takes(const struct cfg_meter *cm)
{
	return cm->poll_ms != 0 && strcmp(cm->protocol, "mbus") == 0;
}

static int
mbus_start(struct meter *m)
{
	struct mbus_src       *bs = calloc(1, sizeof(*bs));
	struct mbus_ses_config mc;

	if (bs == NULL)
		return -1;
	m->priv = bs;
	meter_options_check(m, NULL);
	ev_timer_init(&bs->tm, mbus_timer, m);
	if (m->cfg->profile[0] != '\0' && meter_load_profile(m) != 0)
		log_warnx("meter %s: reading without its profile", m->cfg->name);
	/* 254: "whoever is on this bus", for a meter alone on its adapter. */
	mbus_ses_config_primary(&mc, m->cfg->address >= 0 ? (uint8_t)m->cfg->address : 254);
	mc.baud = m->cfg->params.baud;
	if (m->cfg->secondary[0] != '\0') {
		const char *man = m->cfg->secondary_man;
		mc.use_secondary = true;
		mc.secondary.id = 0;
		for (size_t i = 0; i < 8; i++) /* BCD digits; config.c allows 0-9 and F */
			mc.secondary.id = mc.secondary.id << 4 |
			                  (m->cfg->secondary[i] == 'F' ? 0xFu
			                                               : (uint32_t)(m->cfg->secondary[i] - '0'));
		/* EN 13757-3 §6.3.4: three letters, each (c - 64) in 5 bits. */
		mc.secondary.manufacturer =
		    man[0] != '\0' ? (uint16_t)((man[0] - 64) << 10 | (man[1] - 64) << 5 | (man[2] - 64))
		                   : 0xFFFF;
		mc.secondary.version = 0xFF;
		mc.secondary.medium = 0xFF;
	}
	mbus_ses_init(&bs->sess, &mc);
	m->cl.on_rx = mbus_rx;
	m->cl.on_grant = mbus_grant;
	return 0;
}

static void
mbus_stop(struct meter *m)
{
	struct mbus_src *bs = m->priv;

	if (bs != NULL)
		ev_timer_stop(engine_loop(m->e), &bs->tm);
	free(bs);
	m->priv = NULL;
}

const struct source_ops source_mbus = {
	.name = "mbus",
	.takes = mbus_takes,
	.start = mbus_start,
	.stop = mbus_stop,
};
