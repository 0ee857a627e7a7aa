/*
 * push.c - a meter that sends by itself (SML, D0, DSMR push, M-Bus or
 * Modbus traffic listened to): a core decoder fed with whatever the bus
 * delivers.
 */
#include <stdlib.h>
#include <string.h>

#include "meterd/decoder.h"
#include "meterd/sml.h"
#include "meter.h"
#include "platform/posix/log.h"

struct push {
	const struct decoder_ops *ops;
	void                     *dec;
};

static void
push_configure(struct meter *m, struct push *ps, bool warn)
{
	ps->ops->init(ps->dec);
	for (size_t i = 0; i < m->cfg->n_options; i++)
		if ((ps->ops->configure == NULL ||
		     ps->ops->configure(ps->dec, m->cfg->options[i].key, m->cfg->options[i].value) != 0) &&
		    warn)
			log_warnx("meter %s: protocol %s has no option %s=%s", m->cfg->name,
			          m->cfg->protocol, m->cfg->options[i].key, m->cfg->options[i].value);
}

static void
push_rx(struct bus_client *c, const uint8_t *p, size_t n, uint64_t now)
{
	struct meter  *m = c->data;
	struct push   *ps = m->priv;
	enum dec_event ev;
	uint8_t        b7[4096];
	size_t         bad_at = SIZE_MAX, off = 0; /* first parity error in this chunk */
	bool           stored = false;

	(void)now;
	/* The bus hands over at most its read buffer (4096 bytes) at a time. */
	if (m->cfg->params.data_bits == 7) {
		if (n > sizeof(b7))
			n = sizeof(b7);
		bad_at = meter_strip_parity(m, p, n, b7);
		if (bad_at == n)
			bad_at = SIZE_MAX;
		p = b7;
	}
	m->rx_bytes += n;
	while (n > 0) {
		size_t used = ps->ops->push(ps->dec, p, n);
		p += used;
		n -= used;
		off += used;
		if (bad_at != SIZE_MAX && bad_at < off)
			m->parity_bad = true;
		while ((ev = ps->ops->event(ps->dec)) != DEC_NONE) {
			if (ev == DEC_FRAME) {
				const struct frame_info *fi = ps->ops->frame(ps->dec);
				enum frame_status        st = fi->status;
				if (stored) {
					meter_batch_end(m);
					stored = false;
				}
				/* A parity error inside the frame makes it invalid, whatever it decoded to. */
				if (m->parity_bad && st == FRAME_OK)
					st = FRAME_INVALID;
				m->parity_bad = false;
				if (bad_at != SIZE_MAX && bad_at < off)
					bad_at = SIZE_MAX; /* attributed to this frame */
				m->framed_bytes += fi->length;
				/*
				 * An SML frame whose transport CRC is right is used even when
				 * some message CRCs are wrong (eBZ meters send such frames all
				 * the time): count them, so a user sees the difference.
				 */
				if (ps->ops == &sml_decoder_ops && fi->detail != NULL && st == FRAME_OK)
					m->h.msg_crc_errors +=
					    ((const struct sml_frame_detail *)fi->detail)->msg_crc_errors;
				meter_frame(m, st, fi->status == FRAME_OK ? "parity error" : fi->error);
			} else if (ev == DEC_READING && m->frame_ok) {
				meter_reading(m, ps->ops->reading(ps->dec));
				stored = true;
			}
		}
	}
	if (stored)
		meter_batch_end(m);
}

static void
push_state(struct bus_client *c, bool up)
{
	struct meter *m = c->data;

	/* A telegram cut by the loss must not be glued to the next one. */
	if (!up)
		push_configure(m, m->priv, false);
	meter_health_update(m, ev_now(engine_loop(m->e)));
}

static bool
push_takes(const struct cfg_meter *cm)
{
	return decoder_find(cm->protocol) != NULL;
}

static int
push_start(struct meter *m)
{
	struct push *ps = calloc(1, sizeof(*ps));

	if (ps == NULL)
		return -1;
	ps->ops = decoder_find(m->cfg->protocol);
	ps->dec = aligned_alloc(16, (ps->ops->ctx_size + 15) & ~(size_t)15);
	if (ps->dec == NULL) {
		free(ps);
		return -1;
	}
	m->priv = ps;
	push_configure(m, ps, true);
	if (m->cfg->poll_ms != 0)
		log_warnx("meter %s: %s meters send by themselves; poll ignored, listening",
		          m->cfg->name, m->cfg->protocol);
	m->cl.on_rx = push_rx;
	m->cl.on_state = push_state;
	return 0;
}

static void
push_stop(struct meter *m)
{
	struct push *ps = m->priv;

	if (ps != NULL)
		free(ps->dec);
	free(ps);
	m->priv = NULL;
}

const struct source_ops source_push = {
	.name = "push",
	.takes = push_takes,
	.start = push_start,
	.stop = push_stop,
};
