/*
 * kmp.c - a polled Kamstrup meter: KMP register reads (kmp.h session),
 * registers from the value lines or the device profile, values named by it.
 */
#include <stdlib.h>
#include <string.h>

#include "meterd/kmp.h"
#include "meter.h"
#include "platform/posix/log.h"

struct kmp_src {
	struct kmp_session       sess;
	struct ev_timer          tm;
	uint16_t                *regs;
	size_t                   nregs;
	struct kmp_session_stats seen; /* stats already added to health */
};

static void kmp_drive(struct meter *m);

/* Adds what the session counted since last time to the meter's health. */
static void
kmp_health(struct meter *m)
{
	struct kmp_src                 *ks = m->priv;
	const struct kmp_session_stats *st = kmp_session_stats(&ks->sess);

	m->h.crc_errors += st->crc_errors - ks->seen.crc_errors;
	m->h.invalid += st->bad_replies - ks->seen.bad_replies;
	m->h.timeouts += st->timeouts - ks->seen.timeouts;
	m->garbage_extra += st->noise_bytes - ks->seen.noise_bytes;
	if (memcmp(st, &ks->seen, sizeof(*st)) != 0)
		meter_health_update(m, ev_now(engine_loop(m->e)));
	ks->seen = *st;
}

static void
kmp_timer(struct ev_loop *loop, struct ev_timer *t)
{
	(void)loop;
	kmp_drive(t->data);
}

static void
kmp_grant(struct bus_client *c)
{
	struct meter   *m = c->data;
	struct kmp_src *ks = m->priv;

	m->poll_at = ev_now(engine_loop(m->e));
	if (kmp_session_read_registers(&ks->sess, ks->regs, ks->nregs) != 0)
		log_warnx("meter %s: cannot queue %zu registers", m->cfg->name, ks->nregs);
	kmp_drive(m);
}

static void
kmp_drive(struct meter *m)
{
	struct kmp_src        *ks = m->priv;
	struct ev_loop        *loop = engine_loop(m->e);
	uint32_t               now = (uint32_t)ev_now(loop), at;
	enum kmp_session_event ev;
	bool                   stored = false;

	while ((ev = kmp_session_event(&ks->sess, now)) != KMP_SESSION_NONE) {
		switch (ev) {
		case KMP_SESSION_SEND: {
			size_t         n;
			const uint8_t *tx = kmp_session_tx(&ks->sess, &n);
			if (bus_write(m->bus, tx, n) < 0)
				log_debug("meter %s: request not sent, port down", m->cfg->name);
			break;
		}
		case KMP_SESSION_READING: {
			struct reading r = *kmp_session_reading(&ks->sess);
			if (m->profile.count > 0 && profile_apply(&m->profile, &r) == PROFILE_ABSENT)
				break;
			meter_reading(m, &r);
			stored = true;
			break;
		}
		case KMP_SESSION_FAILED:
			log_debug("meter %s: %s", m->cfg->name, kmp_session_error(&ks->sess));
			break;
		default:
			break;
		}
	}
	if (stored) {
		meter_good(m);
		meter_batch_end(m);
	}
	kmp_health(m);
	if (kmp_session_deadline(&ks->sess, &at)) {
		int32_t d = (int32_t)(at - now);
		ev_timer_start(loop, &ks->tm, d > 0 ? (uint64_t)d : 0);
	} else if (bus_holds(m->bus, &m->cl)) {
		meter_poll_done(m);
	}
}

static void
kmp_rx(struct bus_client *c, const uint8_t *p, size_t n, uint64_t now)
{
	struct meter   *m = c->data;
	struct kmp_src *ks = m->priv;

	m->rx_bytes += n;
	if (!bus_holds(m->bus, c)) {
		m->garbage_extra += n; /* nobody asked */
		return;
	}
	while (n > 0) {
		size_t used = kmp_session_input(&ks->sess, (uint32_t)now, p, n);
		p += used;
		n -= used;
		kmp_drive(m);
		if (!bus_holds(m->bus, c))
			break;
	}
}

static bool
register_parse(const char *s, uint16_t *reg)
{
	char         *end;
	unsigned long r;

	if (strncmp(s, "kmp:", 4) == 0)
		s += 4;
	if (*s < '0' || *s > '9')
		return false;
	r = strtoul(s, &end, 10);
	if (*end != '\0' || r > 0xffff)
		return false;
	*reg = (uint16_t)r;
	return true;
}

/* Registers to read: the "kmp:N" values listed (or profile names), else every profile entry. */
static int
kmp_plan(struct meter *m, struct kmp_src *ks)
{
	const struct cfg_meter *cm = m->cfg;
	size_t                  cap = cm->n_values ? cm->n_values : m->profile.count;

	if (cap == 0 || (ks->regs = calloc(cap, sizeof(*ks->regs))) == NULL)
		return -1;
	for (size_t i = 0; i < cm->n_values; i++) {
		const char *id = cm->values[i].id;
		for (size_t k = 0; k < m->profile.count; k++)
			if (strcmp(m->profile.entries[k].name, id) == 0)
				id = m->profile.entries[k].key;
		if (!register_parse(id, &ks->regs[ks->nregs])) {
			log_warnx("meter %s: \"%s\" is no KMP register (kmp:N or a profile name)",
			          cm->name, cm->values[i].id);
			continue;
		}
		ks->nregs++;
	}
	if (cm->n_values == 0)
		for (size_t k = 0; k < m->profile.count; k++)
			if (register_parse(m->profile.entries[k].key, &ks->regs[ks->nregs]))
				ks->nregs++;
	if (ks->nregs > KMP_SESSION_QUEUE * KMP_REGS_PER_REQUEST)
		ks->nregs = KMP_SESSION_QUEUE * KMP_REGS_PER_REQUEST;
	return ks->nregs > 0 ? 0 : -1;
}

static bool
kmp_takes(const struct cfg_meter *cm)
{
	return cm->poll_ms != 0 && strcmp(cm->protocol, "kmp") == 0;
}

static void kmp_stop(struct meter *m);

static int
kmp_start(struct meter *m)
{
	struct kmp_src           *ks = calloc(1, sizeof(*ks));
	struct kmp_session_config kc;

	if (ks == NULL)
		return -1;
	m->priv = ks;
	meter_options_check(m, NULL);
	ev_timer_init(&ks->tm, kmp_timer, m);
	if (m->cfg->profile[0] != '\0' && meter_load_profile(m) != 0)
		log_warnx("meter %s: reading without its profile", m->cfg->name);
	if (kmp_plan(m, ks) != 0) {
		log_warnx("meter %s: no registers to read (value \"kmp:N\" lines or a profile)",
		          m->cfg->name);
		kmp_stop(m);
		return -1;
	}
	kmp_session_config_default(&kc);
	if (m->cfg->address >= 0)
		kc.address = (uint8_t)m->cfg->address;
	kc.baud = m->cfg->params.baud;
	kc.char_bits = (uint8_t)serial_char_bits(&m->cfg->params);
	kmp_session_init(&ks->sess, &kc);
	m->cl.on_rx = kmp_rx;
	m->cl.on_grant = kmp_grant;
	return 0;
}

static void
kmp_stop(struct meter *m)
{
	struct kmp_src *ks = m->priv;

	if (ks != NULL) {
		ev_timer_stop(engine_loop(m->e), &ks->tm);
		free(ks->regs);
	}
	free(ks);
	m->priv = NULL;
}

const struct source_ops source_kmp = {
	.name = "kmp",
	.takes = kmp_takes,
	.start = kmp_start,
	.stop = kmp_stop,
};
