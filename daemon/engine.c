/*
 * engine.c - meters, SMI scripts and buses on one loop; see engine.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "meterd/d0_session.h"
#include "meterd/decoder.h"
#include "meterd/kmp.h"
#include "meterd/mb_session.h"
#include "meterd/mbus_session.h"
#include "meterd/profile.h"
#include "meterd/smi.h"
#include "bus.h"
#include "engine.h"
#include "guard.h"
#include "jsonw.h"
#include "mbplan.h"
#include "platform/posix/log.h"
#include "smi_json.h"

/* Flagged totals are logged this many times per meter, then only counted. */
#define GUARD_LOG_MAX 10
/* Latency samples kept for the percentiles (the most recent ones). */
#define LAT_SAMPLES 8192

struct health {
	uint32_t frames_ok;
	uint32_t crc_errors;
	uint32_t invalid;     /* malformed or truncated frames */
	uint32_t parity_errors; /* 7-bit lines seen with their parity bit */
	uint32_t timeouts;    /* a request got no answer */
	uint32_t exceptions;  /* Modbus exception replies */
	uint32_t guard_flags; /* totals not published */
	time_t   last_good;   /* wall time of the last good frame, 0 never */
};

/* One value of a native meter, as last published. */
struct mval {
	char              id[READING_ID_MAX];
	char              name[CFG_NAME_MAX];
	bool              is_text;
	int64_t           raw;
	int8_t            scaler;
	char              unit[READING_UNIT_MAX];
	char              text[64];
	enum reading_time time_kind;
	int64_t           meter_time;
	time_t            rx_time;
	struct guard      guard;
	bool              updated;
};

struct meter {
	struct engine          *e;
	const struct cfg_meter *cfg;
	struct bus             *bus;
	struct bus_client       cl;
	const struct decoder_ops *ops;
	void                   *dec;
	bool                    frame_ok; /* readings of the current frame are good */
	uint64_t                rx_bytes, framed_bytes; /* for health.garbage */
	uint64_t                garbage_extra;          /* noise a session counted */
	bool                    bit7_seen;  /* 7-bit line delivers its parity bit */
	bool                    parity_bad; /* a parity error since the last frame */
	struct mval            *vals;
	size_t                  nvals, capvals;
	struct health           h;
	unsigned                guard_logged;
	/* polled meters (cfg->poll_ms != 0): IEC 62056-21 readout */
	struct d0_sess         *d0;
	/* polled KMP meters: the registers asked for each poll, the profile naming them */
	struct kmp_session     *kmp;
	uint16_t               *regs;
	size_t                  nregs;
	struct kmp_session_stats kmp_seen; /* stats already added to health */
	char                   *profile_text;
	struct profile_entry   *profile_entries;
	struct profile          profile;
	/* polled Modbus meters: the reads of each poll, the session talking to the slave */
	struct mb_session      *mb;
	struct mb_read         *plan;
	size_t                  nplan, capplan, plan_next;
	unsigned                mb_pending; /* reads submitted and not completed */
	bool                    mb_in_poll, mb_turn_over;
	unsigned                mb_refused, mb_refused_logged; /* values the device does not have */
	struct mb_session_stats mb_seen;
	/* polled M-Bus meters */
	struct mbus_ses        *mbus;
	struct mbus_ses_stats   mbus_seen;
	struct ev_timer         poll_tm, sess_tm;
	uint64_t                poll_at;    /* when the current/next readout was due */
	struct meter           *next;
};

struct smi_port {
	struct smi_inst  *si;
	unsigned          m;          /* meter index in the script */
	struct bus       *bus;
	struct bus_client cl;
	struct ev_timer   tm;
	bool              rx_since_tx;
	bool              sent;
	uint32_t          frames_seen, drops_seen;
	struct health     h;
};

struct smi_inst {
	struct engine         *e;
	const struct cfg_smi  *cfg;
	struct smi_script     *sc;
	struct smi_rt          rt;
	struct smi_port        port[SMI_METERS_MAX];
	struct guard           guard[SMI_LINES_MAX];
	double                 pub[SMI_LINES_MAX]; /* last value published per line */
	bool                   pub_valid[SMI_LINES_MAX];
	unsigned               guard_logged;
};

struct bus_ref {
	struct bus     *bus;
	struct bus_ref *next;
};

struct engine {
	struct ev_loop  *loop;
	struct readings *rd;
	struct cfg      *cfg;
	struct bus_ref  *buses;
	struct meter    *meters;
	struct smi_inst *smi;
	uint32_t         lat[LAT_SAMPLES]; /* microseconds */
	size_t           lat_n, lat_pos;
	uint64_t         lat_total;
};

/* --- buses */

static bool
params_same(const struct serial_params *a, const struct serial_params *b)
{
	return a->baud == b->baud && a->data_bits == b->data_bits && a->parity == b->parity &&
	       a->stop_bits == b->stop_bits;
}

static struct bus *
bus_get(struct engine *e, const struct cfg_port *port, const struct serial_params *params)
{
	struct bus_ref *r;

	for (r = e->buses; r != NULL; r = r->next)
		if (strcmp(bus_name(r->bus), port->spec) == 0 &&
		    bus_port(r->bus)->kind == port->kind && params_same(bus_params(r->bus), params))
			return r->bus;
	r = calloc(1, sizeof(*r));
	if (r == NULL)
		return NULL;
	r->bus = bus_new(e->loop, port, params);
	if (r->bus == NULL) {
		free(r);
		return NULL;
	}
	r->next = e->buses;
	e->buses = r;
	return r->bus;
}

static void
buses_collect(struct engine *e)
{
	struct bus_ref **pp = &e->buses;

	while (*pp != NULL) {
		struct bus_ref *r = *pp;
		if (bus_client_count(r->bus) == 0) {
			*pp = r->next;
			bus_free(r->bus);
			free(r);
		} else
			pp = &r->next;
	}
}

/* --- latency: read() of a telegram's last byte to its values stored */

static void
latency_note(struct engine *e, const struct bus *b)
{
	struct timespec ts;
	uint64_t        now_ns, d;

	if (b == NULL || bus_stats(b)->last_rx_ns == 0)
		return;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	now_ns = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
	d = (now_ns - bus_stats(b)->last_rx_ns) / 1000u;
	e->lat[e->lat_pos] = d > UINT32_MAX ? UINT32_MAX : (uint32_t)d;
	e->lat_pos = (e->lat_pos + 1) % LAT_SAMPLES;
	if (e->lat_n < LAT_SAMPLES)
		e->lat_n++;
	e->lat_total++;
}

/* --- native meters */

/* The configured name of reading r, or NULL when the meter does not publish it. */
static const char *
meter_select(const struct meter *m, const struct reading *r)
{
	size_t idlen;

	if (m->cfg->n_values == 0)
		return r->name != NULL ? r->name : r->id;
	idlen = strlen(r->id);
	for (size_t i = 0; i < m->cfg->n_values; i++) {
		const struct cfg_value *v = &m->cfg->values[i];
		size_t                  vl = strlen(v->id);
		/*
		 * "1-0:1.8.0" selects the current value "1-0:1.8.0*255", not the
		 * billing periods "*01", "*02" ...; a profile name selects its value.
		 */
		bool match = strcmp(v->id, r->id) == 0 ||
		             (vl + 4 == idlen && strncmp(v->id, r->id, vl) == 0 &&
		              strcmp(r->id + vl, "*255") == 0) ||
		             (r->name != NULL && strcmp(v->id, r->name) == 0) ||
		             /* Modbus: "hr9" selects "modbus:<slave>:hr9". */
		             (m->mb != NULL && vl < idlen && r->id[idlen - vl - 1] == ':' &&
		              strcmp(r->id + idlen - vl, v->id) == 0);
		if (match)
			return v->name[0] != '\0' ? v->name : v->id;
	}
	return NULL;
}

static struct mval *
meter_val(struct meter *m, const char *id, const char *name)
{
	struct mval *v;

	for (size_t i = 0; i < m->nvals; i++)
		if (strcmp(m->vals[i].id, id) == 0)
			return &m->vals[i];
	if (m->nvals == m->capvals) {
		size_t ncap = m->capvals ? m->capvals * 2 : 16;
		void  *p;
		if (ncap > 1024 || (p = realloc(m->vals, ncap * sizeof(*m->vals))) == NULL)
			return NULL;
		m->vals = p;
		m->capvals = ncap;
	}
	v = &m->vals[m->nvals++];
	memset(v, 0, sizeof(*v));
	reading_set_str(v->id, sizeof(v->id), id, strlen(id));
	reading_set_str(v->name, sizeof(v->name), name, strlen(name));
	guard_init(&v->guard);
	return v;
}

static void
meter_reading(struct meter *m, const struct reading *r)
{
	const char *name = meter_select(m, r);
	struct mval *v;
	double       rate;

	if (name == NULL)
		return;
	v = meter_val(m, r->id, name);
	if (v == NULL)
		return;
	if (r->type == READING_TEXT) {
		size_t n = r->text_len < sizeof(v->text) - 1 ? r->text_len : sizeof(v->text) - 1;
		v->is_text = true;
		memcpy(v->text, r->text, n);
		v->text[n] = '\0';
	} else {
		rate = guard_rate_for_unit(r->unit);
		if (rate > 0) {
			enum guard_verdict g =
			    guard_check(&v->guard, reading_double(r), ev_now(m->e->loop), rate);
			if (guard_flagged(g)) {
				char num[READING_NUM_MAX];
				m->h.guard_flags++;
				reading_format_number(r->raw, r->scaler, num);
				if (m->guard_logged++ < GUARD_LOG_MAX)
					log_warnx("meter %s: %s = %s %s not published (%s; last good %.10g)",
					          m->cfg->name, v->name, num, r->unit,
					          guard_verdict_name(g), v->guard.last);
				return;
			}
			if (g == GUARD_REBASED)
				log_warnx("meter %s: %s starts a new series at %.10g %s (meter replaced or reset?)",
				          m->cfg->name, v->name, reading_double(r), r->unit);
		}
		v->is_text = false;
		v->raw = r->raw;
		v->scaler = r->scaler;
		reading_set_str(v->unit, sizeof(v->unit), r->unit, strlen(r->unit));
	}
	v->time_kind = r->time_kind;
	v->meter_time = r->time;
	v->rx_time = time(NULL);
	v->updated = true;
}

static void
meter_count_frame(struct meter *m, enum frame_status st, const char *why)
{
	m->frame_ok = st == FRAME_OK;
	switch (st) {
	case FRAME_OK:
		m->h.frames_ok++;
		m->h.last_good = time(NULL);
		break;
	case FRAME_CRC_ERROR:
		m->h.crc_errors++;
		break;
	default:
		m->h.invalid++;
	}
	if (!m->frame_ok)
		log_debug("meter %s: %s frame (%s)", m->cfg->name, frame_status_name(st),
		          why != NULL ? why : "");
}

/*
 * A 7E1 line read where no UART takes the parity bit off (a pty, a raw TCP
 * bridge running 8N1) shows it in bit 7. Once any byte arrives with bit 7
 * set, the meter's line is known to be such a view, and the parity is
 * checked here as the UART would have: a byte with the wrong parity spoils
 * the frame it belongs to. A real 7-bit UART never sets bit 7, so nothing
 * is checked there (it checks itself). Returns the offset of the first
 * parity error in p[0..n), or n; masks bit 7 into out.
 */
static size_t
meter_strip_parity(struct meter *m, const uint8_t *p, size_t n, uint8_t *out)
{
	size_t first = n;

	for (size_t i = 0; i < n; i++) {
		uint8_t b = p[i];
		if (b & 0x80)
			m->bit7_seen = true;
		if (m->bit7_seen && m->cfg->params.parity != SERIAL_PARITY_NONE &&
		    (__builtin_popcount(b) & 1) != (m->cfg->params.parity == SERIAL_PARITY_ODD)) {
			m->h.parity_errors++;
			if (first == n)
				first = i;
		}
		out[i] = b & 0x7f;
	}
	return first;
}

static void
meter_rx(struct bus_client *c, const uint8_t *p, size_t n, uint64_t now)
{
	struct meter  *m = c->data;
	enum dec_event ev;
	bool           stored = false;
	uint8_t        b7[4096];
	size_t         bad_at = SIZE_MAX, off = 0; /* first parity error in this chunk */

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
		size_t used = m->ops->push(m->dec, p, n);
		p += used;
		n -= used;
		off += used;
		if (bad_at != SIZE_MAX && bad_at < off)
			m->parity_bad = true;
		while ((ev = m->ops->event(m->dec)) != DEC_NONE) {
			if (ev == DEC_FRAME) {
				const struct frame_info *fi = m->ops->frame(m->dec);
				enum frame_status        st = fi->status;
				/* A parity error inside the frame makes it invalid, whatever it decoded to. */
				if (m->parity_bad && st == FRAME_OK)
					st = FRAME_INVALID;
				m->parity_bad = false;
				if (bad_at != SIZE_MAX && bad_at < off)
					bad_at = SIZE_MAX; /* attributed to this frame */
				m->framed_bytes += fi->length;
				meter_count_frame(m, st, fi->status == FRAME_OK ? "parity error" : fi->error);
			} else if (ev == DEC_READING && m->frame_ok) {
				meter_reading(m, m->ops->reading(m->dec));
				stored = true;
			}
		}
	}
	if (stored)
		latency_note(m->e, m->bus);
}

/* --- polled meters: the IEC 62056-21 mode A/B/C/E readout (d0_session.h) */

static void d0_drive(struct meter *m);

static void
poll_due(struct ev_loop *loop, struct ev_timer *t)
{
	struct meter *m = t->data;

	(void)loop;
	/* Queue for the bus; the readout starts when it is this meter's turn. */
	bus_acquire(m->bus, &m->cl);
}

static void
sess_timer(struct ev_loop *loop, struct ev_timer *t)
{
	struct meter *m = t->data;

	d0_sess_tick(m->d0, ev_now(loop));
	d0_drive(m);
}

static void
poll_grant(struct bus_client *c)
{
	struct meter *m = c->data;

	m->poll_at = ev_now(m->e->loop);
	m->bit7_seen = false;
	d0_sess_start(m->d0, ev_now(m->e->loop));
	d0_drive(m);
}

static void
poll_finish(struct meter *m)
{
	struct ev_loop *loop = m->e->loop;
	uint64_t        next = m->poll_at + m->cfg->poll_ms;

	ev_timer_stop(loop, &m->sess_tm);
	bus_release(m->bus, &m->cl);
	ev_timer_start_at(loop, &m->poll_tm, next > ev_now(loop) ? next : ev_now(loop));
}

/* Carries out what the session asks for until it waits for the line or time. */
static void
d0_drive(struct meter *m)
{
	struct ev_loop      *loop = m->e->loop;
	enum d0_sess_event   ev;
	uint64_t             dl;
	bool                 stored = false;

	while ((ev = d0_sess_event(m->d0)) != D0_SESS_NONE) {
		switch (ev) {
		case D0_SESS_BAUD: {
			struct serial_params p = m->cfg->params;
			int                  r;
			p.baud = d0_sess_baud(m->d0);
			r = bus_set_params(m->bus, &p);
			if (r < 0 && r != -ENOTSUP)
				log_debug("meter %s: cannot switch to %u baud: %s", m->cfg->name, p.baud,
				          strerror(-r));
			break;
		}
		case D0_SESS_SEND: {
			uint8_t tx[D0_SESS_TX_MAX];
			size_t  n = d0_sess_tx(m->d0, tx, sizeof(tx), ev_now(loop));
			/*
			 * 7E1: put the parity bit into bit 7 for lines where no UART
			 * adds it (pty, 8N1 bridge); a 7-bit UART ignores bit 7.
			 */
			if (m->cfg->params.data_bits == 7 && m->cfg->params.parity == SERIAL_PARITY_EVEN)
				for (size_t i = 0; i < n; i++)
					tx[i] = (uint8_t)((tx[i] & 0x7f) |
					                  ((__builtin_popcount(tx[i] & 0x7f) & 1) << 7));
			if (n > 0 && bus_write(m->bus, tx, n) < 0)
				log_debug("meter %s: request not sent, port down", m->cfg->name);
			break;
		}
		case D0_SESS_FRAME: {
			const struct frame_info *fi = d0_sess_frame(m->d0);
			enum frame_status        st = fi->status;
			if (m->parity_bad && st == FRAME_OK)
				st = FRAME_INVALID;
			m->parity_bad = false;
			meter_count_frame(m, st, fi->error);
			break;
		}
		case D0_SESS_READING:
			if (m->frame_ok) {
				meter_reading(m, d0_sess_reading(m->d0));
				stored = true;
			}
			break;
		case D0_SESS_FAILED:
			m->h.timeouts++;
			log_debug("meter %s: readout failed: %s", m->cfg->name, d0_sess_error(m->d0));
			poll_finish(m);
			return;
		case D0_SESS_DONE:
			if (stored)
				latency_note(m->e, m->bus);
			poll_finish(m);
			return;
		default:
			break;
		}
	}
	if (stored)
		latency_note(m->e, m->bus);
	dl = d0_sess_deadline(m->d0);
	if (dl == D0_SESS_NEVER)
		ev_timer_stop(loop, &m->sess_tm);
	else
		ev_timer_start_at(loop, &m->sess_tm, dl > ev_now(loop) ? dl : ev_now(loop));
}

static void
poll_rx(struct bus_client *c, const uint8_t *p, size_t n, uint64_t now)
{
	struct meter *m = c->data;
	uint8_t       b7[4096];

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
		size_t used = d0_sess_rx(m->d0, p, n, now);
		p += used;
		n -= used;
		d0_drive(m);
		if (used == 0 && d0_sess_event(m->d0) == D0_SESS_NONE)
			break;
	}
	if (bus_holds(m->bus, c)) {
		d0_sess_tick(m->d0, now);
		d0_drive(m);
	}
}

/* --- polled meters: Kamstrup KMP (kmp.h session) */

static void kmp_drive(struct meter *m);

/* Adds what the session counted since last time to the meter's health. */
static void
kmp_health(struct meter *m)
{
	const struct kmp_session_stats *st = kmp_session_stats(m->kmp);

	m->h.crc_errors += st->crc_errors - m->kmp_seen.crc_errors;
	m->h.invalid += st->bad_replies - m->kmp_seen.bad_replies;
	m->h.timeouts += st->timeouts - m->kmp_seen.timeouts;
	m->garbage_extra += st->noise_bytes - m->kmp_seen.noise_bytes;
	m->kmp_seen = *st;
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
	struct meter *m = c->data;

	m->poll_at = ev_now(m->e->loop);
	if (kmp_session_read_registers(m->kmp, m->regs, m->nregs) != 0)
		log_warnx("meter %s: cannot queue %zu registers", m->cfg->name, m->nregs);
	kmp_drive(m);
}

static void
kmp_drive(struct meter *m)
{
	struct ev_loop        *loop = m->e->loop;
	uint32_t               now = (uint32_t)ev_now(loop), at;
	enum kmp_session_event ev;
	bool                   stored = false;

	while ((ev = kmp_session_event(m->kmp, now)) != KMP_SESSION_NONE) {
		switch (ev) {
		case KMP_SESSION_SEND: {
			size_t         n;
			const uint8_t *tx = kmp_session_tx(m->kmp, &n);
			if (bus_write(m->bus, tx, n) < 0)
				log_debug("meter %s: request not sent, port down", m->cfg->name);
			break;
		}
		case KMP_SESSION_READING: {
			struct reading r = *kmp_session_reading(m->kmp);
			if (m->profile.count > 0 && profile_apply(&m->profile, &r) == PROFILE_ABSENT)
				break;
			meter_reading(m, &r);
			stored = true;
			break;
		}
		case KMP_SESSION_FAILED:
			log_debug("meter %s: %s", m->cfg->name, kmp_session_error(m->kmp));
			break;
		case KMP_SESSION_DONE:
			break;
		default:
			break;
		}
	}
	if (stored) {
		m->h.frames_ok++;
		m->h.last_good = time(NULL);
		latency_note(m->e, m->bus);
	}
	kmp_health(m);
	if (kmp_session_deadline(m->kmp, &at)) {
		int32_t d = (int32_t)(at - now);
		ev_timer_start(loop, &m->sess_tm, d > 0 ? (uint64_t)d : 0);
	} else if (bus_holds(m->bus, &m->cl)) {
		poll_finish(m);
	}
}

static void
kmp_rx(struct bus_client *c, const uint8_t *p, size_t n, uint64_t now)
{
	struct meter *m = c->data;

	m->rx_bytes += n;
	if (!bus_holds(m->bus, c)) {
		m->garbage_extra += n; /* nobody asked */
		return;
	}
	while (n > 0) {
		size_t used = kmp_session_input(m->kmp, (uint32_t)now, p, n);
		p += used;
		n -= used;
		kmp_drive(m);
		if (!bus_holds(m->bus, c))
			break;
	}
}

/* Registers to read: the "kmp:N" values listed, else every profile entry. */
static int
kmp_setup(struct meter *m)
{
	const struct cfg_meter *cm = m->cfg;
	size_t                  cap = cm->n_values ? cm->n_values : m->profile.count;

	if (cap == 0 || (m->regs = calloc(cap, sizeof(*m->regs))) == NULL)
		return -1;
	for (size_t i = 0; i < cm->n_values; i++) {
		const char *id = cm->values[i].id;
		char *end;
		unsigned long r;
		if (strncmp(id, "kmp:", 4) != 0 && m->profile.count > 0)
			for (size_t k = 0; k < m->profile.count; k++)
				if (strcmp(m->profile.entries[k].name, id) == 0)
					id = m->profile.entries[k].key;
		if (strncmp(id, "kmp:", 4) == 0)
			id += 4;
		r = strtoul(id, &end, 10);
		if (*id == '\0' || *end != '\0' || r > 0xffff) {
			log_warnx("meter %s: \"%s\" is no KMP register (kmp:N or a profile name)",
			          cm->name, cm->values[i].id);
			continue;
		}
		m->regs[m->nregs++] = (uint16_t)r;
	}
	if (cm->n_values == 0)
		for (size_t k = 0; k < m->profile.count; k++) {
			char         *end;
			unsigned long r = strtoul(m->profile.entries[k].key, &end, 10);
			if (*end == '\0' && r <= 0xffff)
				m->regs[m->nregs++] = (uint16_t)r;
		}
	if (m->nregs > KMP_SESSION_QUEUE * KMP_REGS_PER_REQUEST)
		m->nregs = KMP_SESSION_QUEUE * KMP_REGS_PER_REQUEST;
	return m->nregs > 0 ? 0 : -1;
}

/* --- polled meters: Modbus RTU (mb_session.h), reads planned by mbplan.h */

static void mb_drive(struct meter *m);

/* Adds what the session counted since last time to the meter's health. */
static void
mb_health(struct meter *m)
{
	const struct mb_session_stats *st = mb_session_stats(m->mb);

	m->h.crc_errors += st->crc_errors - m->mb_seen.crc_errors;
	m->h.timeouts += st->timeouts - m->mb_seen.timeouts;
	m->h.exceptions += st->exceptions - m->mb_seen.exceptions;
	m->h.invalid += (st->wrong_slave - m->mb_seen.wrong_slave) +
	                (st->mismatched - m->mb_seen.mismatched);
	m->garbage_extra += st->garbage_bytes - m->mb_seen.garbage_bytes;
	m->mb_seen = *st;
}

/* Turn over: the read completed and the line has been quiet for t3.5. */
static void mb_turn_end(struct meter *m);

static void
mb_timer(struct ev_loop *loop, struct ev_timer *t)
{
	struct meter *m = t->data;

	(void)loop;
	if (m->mb_turn_over)
		mb_turn_end(m);
	else
		mb_drive(m);
}

/* The next read of this poll not yet asked, or NULL when the poll is through. */
static struct mb_read *
mb_next(struct meter *m)
{
	for (; m->plan_next < m->nplan; m->plan_next++)
		if (!m->plan[m->plan_next].sent && !m->plan[m->plan_next].refused)
			return &m->plan[m->plan_next];
	return NULL;
}

/* Hands the session the next read of the plan; false when there is none left. */
static bool
mb_submit(struct meter *m)
{
	struct mb_read *pr;

	while ((pr = mb_next(m)) != NULL) {
		struct mb_request rq = {.function = pr->function, .address = pr->address, .count = pr->count};
		uint8_t           pdu[8];
		int               n = mb_req_encode(&rq, pdu, sizeof(pdu)), r;

		r = n < 0 ? n : mb_session_submit(m->mb, (uint8_t)m->cfg->address, pdu, (size_t)n,
		                                  (uint32_t)m->plan_next);
		pr->sent = true;
		if (r == 0) {
			m->mb_pending++;
			return true;
		}
		log_warnx("meter %s: read of %u values at %u not sent: %s", m->cfg->name, pr->count,
		          pr->address, mb_strerror(r));
	}
	return false;
}

static void
mb_event(struct meter *m, const struct mb_session_event *ev)
{
	struct mb_read *pr = ev->tag < m->nplan ? &m->plan[ev->tag] : NULL;

	if (m->mb_pending > 0)
		m->mb_pending--;
	switch (ev->kind) {
	case MB_SEV_REPLY: {
		size_t n = mb_read_count(&ev->req, &ev->rsp);
		for (size_t i = 0; i < n; i++) {
			struct reading r;
			mb_read_reading(&r, ev->slave, &ev->req, &ev->rsp, i);
			/* 0x7FFF and the like: the sensor is not connected, nothing to publish. */
			if (m->profile.count > 0 && profile_apply(&m->profile, &r) == PROFILE_ABSENT)
				continue;
			meter_reading(m, &r);
		}
		m->h.frames_ok++;
		m->h.last_good = time(NULL);
		latency_note(m->e, m->bus);
		break;
	}
	case MB_SEV_EXCEPTION:
		/*
		 * A read across a register block (TROVIS 5573: exception 02) is
		 * split and both halves asked again, in this poll and for good.
		 */
		if (ev->rsp.exception == MB_EX_ILLEGAL_DATA_ADDRESS && pr != NULL &&
		    mbplan_split(m->plan, &m->nplan, m->capplan, ev->tag) == 0) {
			log_debug("meter %s: read at %u refused, split into %u + %u values", m->cfg->name,
			          pr->address, pr->count, m->plan[m->nplan - 1].count);
			if (ev->tag < m->plan_next)
				m->plan_next = ev->tag;
		} else if (ev->rsp.exception == MB_EX_ILLEGAL_DATA_ADDRESS && pr != NULL &&
		           pr->count == 1) {
			char key[16];
			pr->refused = true;
			m->mb_refused++;
			log_debug("meter %s: the device has no %s; not read again", m->cfg->name,
			          mbplan_key_format(pr, key, sizeof(key)));
		} else
			log_debug("meter %s: exception %u to a read at %u", m->cfg->name,
			          ev->rsp.exception, ev->req.address);
		break;
	case MB_SEV_TIMEOUT:
		log_debug("meter %s: no answer from slave %u after %u attempts", m->cfg->name,
		          ev->slave, ev->attempts);
		break;
	case MB_SEV_SKIPPED:
		/* The slave is dead and backing off: this poll's reads fail at once. */
		break;
	default:
		break;
	}
}

/*
 * Each bus turn carries one read: meters (slaves) sharing a bus take turns
 * read by read, so a profile of hundreds of reads or a dead slave's
 * timeout delays the others by one read, never by a whole poll.
 */
static void
mb_grant(struct bus_client *c)
{
	struct meter *m = c->data;

	if (!m->mb_in_poll) {
		m->mb_in_poll = true;
		m->poll_at = ev_now(m->e->loop);
		for (size_t i = 0; i < m->nplan; i++)
			m->plan[i].sent = false;
		m->plan_next = 0;
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
	m->mb_turn_over = false;
	if (mb_next(m) != NULL) {
		bus_release(m->bus, &m->cl);
		bus_acquire(m->bus, &m->cl);
		return;
	}
	m->mb_in_poll = false;
	if (m->mb_refused != m->mb_refused_logged) {
		log_info("meter %s: the device has no %u of the registers planned; they are no longer read",
		         m->cfg->name, m->mb_refused);
		m->mb_refused_logged = m->mb_refused;
	}
	poll_finish(m);
}

/* Runs the session until it waits for the line or time. */
static void
mb_drive(struct meter *m)
{
	struct ev_loop         *loop = m->e->loop;
	uint64_t                now = ev_now(loop), dl;
	struct mb_session_event ev;
	bool                    busy = true;

	while (busy) {
		const uint8_t *tx;
		size_t         n;

		busy = false;
		mb_session_step(m->mb, now);
		if ((n = mb_session_output(m->mb, &tx)) > 0) {
			if (bus_write(m->bus, tx, n) < 0)
				log_debug("meter %s: request not sent, port down", m->cfg->name);
			busy = true;
		}
		while (mb_session_event(m->mb, &ev)) {
			mb_event(m, &ev);
			busy = true;
		}
	}
	mb_health(m);
	if (m->mb_pending == 0) {
		/* Leave the line quiet for t3.5 before the next master's request. */
		m->mb_turn_over = true;
		ev_timer_start(loop, &m->sess_tm, m->mb->gap_ms);
		return;
	}
	dl = mb_session_deadline(m->mb);
	if (dl != MB_SESSION_NEVER)
		ev_timer_start_at(loop, &m->sess_tm, dl > now ? dl : now);
}

static void
mb_rx(struct bus_client *c, const uint8_t *p, size_t n, uint64_t now)
{
	struct meter *m = c->data;

	m->rx_bytes += n;
	if (!bus_holds(m->bus, c)) {
		m->garbage_extra += n; /* nobody asked */
		return;
	}
	mb_session_input(m->mb, p, n, now);
	mb_drive(m);
}

/*
 * Adds the register `key` to the plan. A reply word is one register, so
 * 32-bit profile entries (two registers, word order device-specific) are
 * not read: better no value than a wrong one.
 */
static bool
mb_plan_add(struct meter *m, const char *key)
{
	const struct profile_entry *pe = profile_find_reading(&m->profile, key);

	if (mbplan_key_parse(key, &m->plan[m->nplan]) != 0)
		return false;
	if (pe != NULL && (pe->type == PROFILE_U32 || pe->type == PROFILE_S32)) {
		log_warnx("meter %s: %s (%s) is a 32-bit value; not read (16-bit registers only)",
		          m->cfg->name, pe->key, pe->name);
		return true;
	}
	m->nplan++;
	return true;
}

/*
 * The reads of each poll: the registers the value lines name (a profile
 * name, "hr9", or "modbus:247:hr9"), else every register of the profile.
 */
static int
mb_setup(struct meter *m)
{
	const struct cfg_meter *cm = m->cfg;
	size_t                  cap = cm->n_values ? cm->n_values : m->profile.count;

	if (cap == 0 || (m->plan = calloc(cap, sizeof(*m->plan))) == NULL)
		return -1;
	m->capplan = cap;
	for (size_t i = 0; i < cm->n_values; i++) {
		const struct profile_entry *pe = NULL;
		const char                 *id = cm->values[i].id;
		for (size_t k = 0; k < m->profile.count && pe == NULL; k++)
			if (strcmp(m->profile.entries[k].name, id) == 0)
				pe = &m->profile.entries[k];
		if (!mb_plan_add(m, pe != NULL ? pe->key : id))
			log_warnx("meter %s: \"%s\" is no Modbus register (hr9, ir9, co9, di9 or a profile name)",
			          cm->name, id);
	}
	if (cm->n_values == 0)
		for (size_t k = 0; k < m->profile.count; k++)
			mb_plan_add(m, m->profile.entries[k].key);
	m->nplan = mbplan_group(m->plan, m->nplan);
	return m->nplan > 0 ? 0 : -1;
}

static int
mb_start(struct meter *m)
{
	const struct cfg_meter  *cm = m->cfg;
	struct mb_session_config mc;

	if (cm->address < 1 || cm->address > 255) {
		log_warnx("meter %s: no slave address", cm->name);
		return -1;
	}
	if (mb_setup(m) != 0) {
		log_warnx("meter %s: no registers to read (value lines or a profile)", cm->name);
		return -1;
	}
	if ((m->mb = malloc(sizeof(*m->mb))) == NULL)
		return -1;
	memset(&mc, 0, sizeof(mc));
	mc.baud = cm->params.baud;
	mc.char_bits = serial_char_bits(&cm->params);
	mc.retries = 1;
	mb_session_init(m->mb, &mc);
	ev_timer_init(&m->sess_tm, mb_timer, m);
	m->cl.on_rx = mb_rx;
	m->cl.on_grant = mb_grant;
	m->cl.on_state = NULL;
	log_info("meter %s: %zu reads per poll from slave %d", cm->name, m->nplan, cm->address);
	return 0;
}

/* --- polled meters: wired M-Bus (mbus_session.h) */

static void mbus_drive(struct meter *m);

static void
mbus_health(struct meter *m)
{
	const struct mbus_ses_stats *st = mbus_ses_stats(m->mbus);

	m->h.timeouts += st->timeouts - m->mbus_seen.timeouts;
	m->h.invalid += st->bad_frames - m->mbus_seen.bad_frames;
	m->garbage_extra += st->stray_bytes - m->mbus_seen.stray_bytes;
	m->mbus_seen = *st;
}

static void
mbus_timer(struct ev_loop *loop, struct ev_timer *t)
{
	struct meter *m = t->data;

	mbus_ses_tick(m->mbus, ev_now(loop));
	mbus_drive(m);
}

static void
mbus_grant(struct bus_client *c)
{
	struct meter *m = c->data;

	m->poll_at = ev_now(m->e->loop);
	mbus_ses_start(m->mbus, m->poll_at);
	mbus_drive(m);
}

/* SND_NKE, REQ_UD2 and the telegrams that follow; the poll ends with DONE or FAILED. */
static void
mbus_drive(struct meter *m)
{
	struct ev_loop     *loop = m->e->loop;
	enum mbus_ses_event ev;
	uint64_t            dl;

	while ((ev = mbus_ses_event(m->mbus)) != MBUS_SES_NONE) {
		switch (ev) {
		case MBUS_SES_SEND: {
			uint8_t tx[32];
			size_t  n = mbus_ses_tx(m->mbus, tx, sizeof(tx), ev_now(loop));
			if (n > 0 && bus_write(m->bus, tx, n) < 0)
				log_debug("meter %s: request not sent, port down", m->cfg->name);
			break;
		}
		case MBUS_SES_TELEGRAM:
			m->h.frames_ok++;
			m->h.last_good = time(NULL);
			latency_note(m->e, m->bus);
			break;
		case MBUS_SES_READING:
			meter_reading(m, mbus_ses_reading(m->mbus));
			break;
		case MBUS_SES_FAILED:
			log_debug("meter %s: read-out failed: %s", m->cfg->name, mbus_ses_error(m->mbus));
			/* fall through */
		case MBUS_SES_DONE:
			mbus_health(m);
			poll_finish(m);
			return;
		default:
			break;
		}
	}
	mbus_health(m);
	dl = mbus_ses_deadline(m->mbus);
	if (dl == MBUS_SES_NEVER)
		ev_timer_stop(loop, &m->sess_tm);
	else
		ev_timer_start_at(loop, &m->sess_tm, dl > ev_now(loop) ? dl : ev_now(loop));
}

static void
mbus_rx(struct bus_client *c, const uint8_t *p, size_t n, uint64_t now)
{
	struct meter *m = c->data;

	m->rx_bytes += n;
	if (!bus_holds(m->bus, c)) {
		m->garbage_extra += n; /* nobody asked */
		return;
	}
	while (n > 0 && bus_holds(m->bus, c)) {
		size_t used = mbus_ses_rx(m->mbus, p, n, now);
		p += used;
		n -= used;
		mbus_drive(m);
	}
	if (bus_holds(m->bus, c)) {
		mbus_ses_tick(m->mbus, now);
		mbus_drive(m);
	}
}

static int
mbus_start(struct meter *m)
{
	struct mbus_ses_config mc;

	if ((m->mbus = malloc(sizeof(*m->mbus))) == NULL)
		return -1;
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
	mbus_ses_init(m->mbus, &mc);
	ev_timer_init(&m->sess_tm, mbus_timer, m);
	m->cl.on_rx = mbus_rx;
	m->cl.on_grant = mbus_grant;
	m->cl.on_state = NULL;
	return 0;
}

/* Loads METERD_DATADIR/profiles/NAME.profile into m. */
static int
meter_load_profile(struct meter *m)
{
	char                 path[512];
	FILE                *f;
	long                 n;
	struct profile_error err;
	size_t               cap;

	snprintf(path, sizeof(path), "%s/profiles/%s.profile", METERD_DATADIR, m->cfg->profile);
	f = fopen(path, "rb");
	if (f == NULL) {
		log_warn("meter %s: profile %s", m->cfg->name, path);
		return -1;
	}
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || n > 1 << 20 ||
	    fseek(f, 0, SEEK_SET) != 0 || (m->profile_text = malloc((size_t)n + 1)) == NULL ||
	    fread(m->profile_text, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		log_warnx("meter %s: cannot read profile %s", m->cfg->name, path);
		return -1;
	}
	fclose(f);
	m->profile_text[n] = '\0';
	cap = profile_count(m->profile_text);
	m->profile_entries = calloc(cap ? cap : 1, sizeof(*m->profile_entries));
	if (m->profile_entries == NULL ||
	    profile_parse(&m->profile, m->profile_text, m->profile_entries, cap, &err) != 0) {
		log_warnx("%s:%u:%u: %s", path, err.line, err.column, err.msg);
		return -1;
	}
	return 0;
}

static void
meter_state(struct bus_client *c, bool up)
{
	struct meter *m = c->data;

	/* A telegram cut by the loss must not be glued to the next one. */
	if (!up) {
		m->ops->init(m->dec);
		for (size_t i = 0; i < m->cfg->n_options; i++)
			m->ops->configure(m->dec, m->cfg->options[i].key, m->cfg->options[i].value);
	}
}

static void
meter_free(struct meter *m)
{
	ev_timer_stop(m->e->loop, &m->poll_tm);
	ev_timer_stop(m->e->loop, &m->sess_tm);
	if (m->bus != NULL)
		bus_remove_client(m->bus, &m->cl);
	free(m->d0);
	free(m->kmp);
	free(m->regs);
	free(m->mb);
	free(m->plan);
	free(m->mbus);
	free(m->profile_text);
	free(m->profile_entries);
	free(m->dec);
	free(m->vals);
	free(m);
}

static struct meter *
meter_new(struct engine *e, const struct cfg_meter *cm)
{
	struct meter *m = calloc(1, sizeof(*m));

	if (m == NULL)
		return NULL;
	m->e = e;
	m->cfg = cm;
	m->ops = decoder_find(cm->protocol);
	if (m->ops == NULL || (m->dec = aligned_alloc(16, (m->ops->ctx_size + 15) & ~(size_t)15)) == NULL) {
		free(m);
		return NULL;
	}
	m->ops->init(m->dec);
	for (size_t i = 0; i < cm->n_options; i++)
		if (m->ops->configure == NULL ||
		    m->ops->configure(m->dec, cm->options[i].key, cm->options[i].value) != 0)
			log_warnx("meter %s: protocol %s has no option %s=%s", cm->name, cm->protocol,
			          cm->options[i].key, cm->options[i].value);
	ev_timer_init(&m->poll_tm, poll_due, m);
	ev_timer_init(&m->sess_tm, sess_timer, m);
	m->bus = bus_get(e, &cm->port, &cm->params);
	if (m->bus == NULL) {
		meter_free(m);
		return NULL;
	}
	m->cl.on_rx = meter_rx;
	m->cl.on_state = meter_state;
	m->cl.data = m;
	if (cm->poll_ms != 0) {
		struct d0_sess_config dc;
		if (strcmp(cm->protocol, "kmp") == 0) {
			struct kmp_session_config kc;
			if (cm->profile[0] != '\0' && meter_load_profile(m) != 0)
				log_warnx("meter %s: reading without its profile", cm->name);
			if (kmp_setup(m) != 0 || (m->kmp = malloc(sizeof(*m->kmp))) == NULL) {
				log_warnx("meter %s: no registers to read (value \"kmp:N\" lines or a profile)",
				          cm->name);
			} else {
				kmp_session_config_default(&kc);
				if (cm->address >= 0)
					kc.address = (uint8_t)cm->address;
				kc.baud = cm->params.baud;
				kc.char_bits = (uint8_t)serial_char_bits(&cm->params);
				kmp_session_init(m->kmp, &kc);
				ev_timer_init(&m->sess_tm, kmp_timer, m);
				m->cl.on_rx = kmp_rx;
				m->cl.on_grant = kmp_grant;
				m->cl.on_state = NULL;
				ev_timer_start(e->loop, &m->poll_tm, 0);
			}
		} else if (strcmp(cm->protocol, "modbus") == 0 || strcmp(cm->protocol, "mbus") == 0) {
			bool mb = strcmp(cm->protocol, "modbus") == 0;
			if (cm->profile[0] != '\0' && meter_load_profile(m) != 0)
				log_warnx("meter %s: reading without its profile", cm->name);
			if ((mb ? mb_start(m) : mbus_start(m)) == 0)
				ev_timer_start(e->loop, &m->poll_tm, 0);
			else
				log_warnx("meter %s: not polled", cm->name);
		} else if (strcmp(cm->protocol, "d0") != 0) {
			log_warnx("meter %s: %s meters send by themselves; poll ignored, listening",
			          cm->name, cm->protocol);
		} else if ((m->d0 = malloc(sizeof(*m->d0))) == NULL) {
			meter_free(m);
			return NULL;
		} else {
			d0_sess_config_default(&dc);
			/* The configured rate is the highest the readout may switch to. */
			dc.max_baud = cm->params.baud;
			d0_sess_init(m->d0, &dc);
			m->cl.on_rx = poll_rx;
			m->cl.on_grant = poll_grant;
			m->cl.on_state = NULL;
			ev_timer_start(e->loop, &m->poll_tm, 0);
		}
	}
	bus_add_client(m->bus, &m->cl);
	return m;
}

/* --- SMI scripts */

static void smi_schedule(struct smi_port *sp, uint64_t deadline);

static void
smi_guard(struct smi_inst *si, unsigned m, uint64_t now)
{
	const struct smi_script *sc = si->sc;

	for (unsigned i = 0; i < sc->n_lines; i++) {
		const struct smi_line *ln = &sc->lines[i];
		struct smi_slot       *sl = &si->rt.slot[i];
		double                 rate;

		if (ln->meter != m || ln->kind != SMI_LINE_VALUE || !sl->valid)
			continue;
		if (si->pub_valid[i] && sl->value == si->pub[i])
			continue;
		rate = guard_rate_for_unit(smi_str(sc, ln->unit));
		if (rate > 0) {
			enum guard_verdict g = guard_check(&si->guard[i], sl->value, now, rate);
			if (guard_flagged(g)) {
				si->port[m].h.guard_flags++;
				if (si->guard_logged++ < GUARD_LOG_MAX)
					log_warnx("smi %s: %s = %.10g %s not published (%s; last good %.10g)",
					          sc->meters[m].prefix, smi_str(sc, ln->json), sl->value,
					          smi_str(sc, ln->unit), guard_verdict_name(g),
					          si->guard[i].last);
				/* Keep the last good total; never a silent 0 or a cliff. */
				if (si->pub_valid[i])
					sl->value = si->pub[i];
				else
					sl->valid = false;
				continue;
			}
		}
		si->pub[i] = sl->value;
		si->pub_valid[i] = true;
	}
}

static void
smi_poll(struct smi_port *sp)
{
	struct smi_inst *si = sp->si;
	uint8_t          tx[SMI_TX_MAX];
	size_t           n = 0;
	uint64_t         now = ev_now(si->e->loop), next;

	next = smi_meter_poll(&si->rt, sp->m, now, tx, sizeof(tx), &n);
	/* The poll may have decoded a finished window: those values pass the guard too. */
	smi_guard(si, sp->m, now);
	if (n > 0) {
		/* A request that got no byte back before the next one is a timeout. */
		if (sp->sent && !sp->rx_since_tx)
			sp->h.timeouts++;
		sp->sent = true;
		sp->rx_since_tx = false;
		if (bus_write(sp->bus, tx, n) < 0)
			log_debug("smi meter %u: request not sent, port %s down", sp->m + 1,
			          bus_name(sp->bus));
	}
	smi_schedule(sp, next);
}

static void
smi_timer(struct ev_loop *loop, struct ev_timer *t)
{
	(void)loop;
	smi_poll(t->data);
}

static void
smi_schedule(struct smi_port *sp, uint64_t deadline)
{
	struct ev_loop *loop = sp->si->e->loop;

	if (deadline == UINT64_MAX) {
		ev_timer_stop(loop, &sp->tm);
		return;
	}
	if (deadline <= ev_now(loop))
		deadline = ev_now(loop) + 1; /* never spin inside one turn */
	if (!ev_timer_active(&sp->tm) || sp->tm.due != deadline)
		ev_timer_start_at(loop, &sp->tm, deadline);
}

static void
smi_rx(struct bus_client *c, const uint8_t *p, size_t n, uint64_t now)
{
	struct smi_port     *sp = c->data;
	struct smi_inst     *si = sp->si;
	struct smi_meter_rt *mr = &si->rt.m[sp->m];

	sp->rx_since_tx = true;
	if (smi_meter_push(&si->rt, sp->m, p, n, now) > 0) {
		smi_guard(si, sp->m, now);
		latency_note(si->e, sp->bus);
	}
	if (mr->frames != sp->frames_seen) {
		sp->h.frames_ok += mr->frames - sp->frames_seen;
		sp->frames_seen = mr->frames;
		sp->h.last_good = time(NULL);
	}
	if (mr->drops != sp->drops_seen) {
		sp->h.crc_errors += mr->drops - sp->drops_seen;
		sp->drops_seen = mr->drops;
	}
	/* The runtime may now want to decode a finished window or send. */
	smi_poll(sp);
}

static void
smi_free(struct smi_inst *si)
{
	if (si == NULL)
		return;
	for (unsigned i = 0; i < SMI_METERS_MAX; i++) {
		struct smi_port *sp = &si->port[i];
		ev_timer_stop(si->e->loop, &sp->tm);
		if (sp->bus != NULL)
			bus_remove_client(sp->bus, &sp->cl);
	}
	free(si->sc);
	free(si);
}

static struct smi_inst *
smi_new(struct engine *e, const struct cfg_smi *cs)
{
	struct smi_inst *si = calloc(1, sizeof(*si));
	uint64_t         now = ev_now(e->loop);

	if (si == NULL || (si->sc = malloc(sizeof(*si->sc))) == NULL) {
		free(si);
		return NULL;
	}
	si->e = e;
	si->cfg = cs;
	if (smi_compile(si->sc, cs->text, cs->len, 0) != 0) {
		/* cfg_parse() compiled it already: cannot happen with an unchanged text. */
		free(si->sc);
		free(si);
		return NULL;
	}
	smi_rt_init(&si->rt, si->sc, now);
	for (unsigned i = 0; i < SMI_LINES_MAX; i++)
		guard_init(&si->guard[i]);
	for (unsigned i = 0; i < si->sc->n_meters; i++) {
		const struct smi_meter_def *md = &si->sc->meters[i];
		struct smi_port            *sp = &si->port[i];
		const struct cfg_pin       *pin = NULL;
		struct serial_params        sp_params;

		sp->si = si;
		sp->m = i;
		ev_timer_init(&sp->tm, smi_timer, sp);
		for (size_t k = 0; k < cs->n_pins; k++)
			if (cs->pins[k].pin == md->rx_pin)
				pin = &cs->pins[k];
		if (md->tcp || pin == NULL) {
			log_warnx("smi meter %u (%s): no port for it, skipped", md->number, md->prefix);
			continue;
		}
		serial_params_default(&sp_params);
		sp_params.baud = md->param > 0 ? (uint32_t)md->param : 9600;
		sp_params.parity = md->parity == 'E'   ? SERIAL_PARITY_EVEN
		                   : md->parity == 'O' ? SERIAL_PARITY_ODD
		                                       : SERIAL_PARITY_NONE;
		sp_params.stop_bits = md->stop_bits == 2 ? 2 : 1;
		sp->bus = bus_get(e, &pin->port, &sp_params);
		if (sp->bus == NULL) {
			smi_free(si);
			return NULL;
		}
		sp->cl.on_rx = smi_rx;
		sp->cl.data = sp;
		bus_add_client(sp->bus, &sp->cl);
		smi_schedule(sp, now);
	}
	return si;
}

/* --- the engine */

struct engine *
engine_new(struct ev_loop *loop, struct readings *rd)
{
	struct engine *e = calloc(1, sizeof(*e));

	if (e != NULL) {
		e->loop = loop;
		e->rd = rd;
	}
	return e;
}

int
engine_apply(struct engine *e, struct cfg *c)
{
	struct meter **pp, *m;
	unsigned       kept = 0, added = 0, removed = 0;
	int            err = 0;
	struct meter **tail;

	/* Keep what did not change, stop the rest. */
	for (pp = &e->meters; *pp != NULL;) {
		const struct cfg_meter *nm;
		m = *pp;
		for (nm = c->meters; nm != NULL; nm = nm->next)
			if (cfg_meter_same(m->cfg, nm))
				break;
		if (nm != NULL) {
			m->cfg = nm;
			kept++;
			pp = &m->next;
		} else {
			*pp = m->next;
			log_info("meter %s: stopped", m->cfg->name);
			meter_free(m);
			removed++;
		}
	}
	if (e->smi != NULL) {
		if (c->smis != NULL && cfg_smi_same(e->smi->cfg, c->smis)) {
			e->smi->cfg = c->smis;
			kept++;
		} else {
			log_info("smi script: stopped");
			smi_free(e->smi);
			e->smi = NULL;
			removed++;
		}
	}
	buses_collect(e);
	/* Start what is new, in file order. */
	for (tail = &e->meters; *tail != NULL; tail = &(*tail)->next)
		;
	for (const struct cfg_meter *nm = c->meters; nm != NULL; nm = nm->next) {
		bool running = false;
		for (m = e->meters; m != NULL && !running; m = m->next)
			running = m->cfg == nm;
		if (running)
			continue;
		m = meter_new(e, nm);
		if (m == NULL) {
			log_warnx("meter %s: cannot start (out of memory)", nm->name);
			err = -ENOMEM;
			continue;
		}
		*tail = m;
		tail = &m->next;
		added++;
		log_info("meter %s: %s on %s", nm->name, nm->protocol, nm->port.spec);
	}
	if (e->smi == NULL && c->smis != NULL) {
		e->smi = smi_new(e, c->smis);
		if (e->smi == NULL) {
			log_warnx("smi script: cannot start (out of memory)");
			err = -ENOMEM;
		} else {
			added++;
			log_info("smi script %s: %u meters", c->smis->source, e->smi->sc->n_meters);
		}
	}
	cfg_free(e->cfg);
	e->cfg = c;
	log_info("configuration %s: %u kept, %u started, %u stopped", c->file, kept, added,
	         removed);
	return err;
}

void
engine_free(struct engine *e)
{
	if (e == NULL)
		return;
	while (e->meters != NULL) {
		struct meter *m = e->meters;
		e->meters = m->next;
		meter_free(m);
	}
	smi_free(e->smi);
	e->smi = NULL;
	buses_collect(e);
	cfg_free(e->cfg);
	free(e);
}

uint32_t
engine_teleperiod_ms(const struct engine *e)
{
	return e->cfg != NULL ? e->cfg->teleperiod_ms : 300000;
}

static void
print_key(FILE *f, const char *s)
{
	fputc('"', f);
	json_escape(f, s, strlen(s));
	fputs("\":", f);
}

void
engine_print_sensor(struct engine *e, FILE *f, const char *time_str)
{
	static char buf[16384];
	size_t      n;

	if (e->smi != NULL && (n = smi_json_sensor_buf(buf, sizeof(buf), &e->smi->rt, time_str)) > 1) {
		buf[n - 1] = '\0'; /* drop the closing brace: native meters follow */
		fputs(buf, f);
		smi_rt_clear_updated(&e->smi->rt);
	} else {
		fputs("{\"Time\":", f);
		fputc('"', f);
		json_escape(f, time_str, strlen(time_str));
		fputc('"', f);
	}
	for (struct meter *m = e->meters; m != NULL; m = m->next) {
		bool first = true;
		for (size_t i = 0; i < m->nvals; i++) {
			struct mval *v = &m->vals[i];
			fputc(',', f);
			if (first) {
				print_key(f, m->cfg->name);
				fputc('{', f);
				first = false;
			}
			print_key(f, v->name);
			if (v->is_text) {
				fputc('"', f);
				json_escape(f, v->text, strlen(v->text));
				fputc('"', f);
			} else {
				char num[READING_NUM_MAX];
				reading_format_number(v->raw, v->scaler, num);
				fputs(num, f);
			}
			v->updated = false;
		}
		if (!first)
			fputc('}', f);
	}
	fputs("}\n", f);
	fflush(f);
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static void
health_json(struct jsonw *w, const struct health *h, const struct bus *b)
{
	jsonw_uint(w, "frames_ok", h->frames_ok);
	jsonw_uint(w, "crc_errors", h->crc_errors);
	jsonw_uint(w, "invalid", h->invalid);
	jsonw_uint(w, "parity_errors", h->parity_errors);
	jsonw_uint(w, "timeouts", h->timeouts);
	jsonw_uint(w, "exceptions", h->exceptions);
	jsonw_uint(w, "guard_flags", h->guard_flags);
	jsonw_int(w, "last_good", (int64_t)h->last_good);
	if (b != NULL) {
		const struct bus_stats *s = bus_stats(b);
		jsonw_str(w, "port", bus_name(b));
		jsonw_bool(w, "port_open", bus_is_open(b));
		jsonw_uint(w, "port_opens", s->opens);
		jsonw_uint(w, "port_losses", s->losses);
		jsonw_uint(w, "rx_bytes", s->rx_bytes);
		jsonw_uint(w, "tx_bytes", s->tx_bytes);
	}
}

void
engine_write_status(struct engine *e, FILE *f)
{
	struct jsonw w;
	static uint32_t sorted[LAT_SAMPLES];

	jsonw_init(&w, f);
	jsonw_obj_open(&w);
	jsonw_key_obj_open(&w, "meters");
	for (struct meter *m = e->meters; m != NULL; m = m->next) {
		jsonw_key_obj_open(&w, m->cfg->name);
		jsonw_str(&w, "protocol", m->cfg->protocol);
		health_json(&w, &m->h, m->bus);
		jsonw_key_obj_open(&w, "values");
		for (size_t i = 0; i < m->nvals; i++) {
			const struct mval *v = &m->vals[i];
			char               num[READING_NUM_MAX];
			jsonw_key_obj_open(&w, v->name);
			if (v->is_text)
				jsonw_str(&w, "text", v->text);
			else {
				reading_format_number(v->raw, v->scaler, num);
				jsonw_raw_number(&w, "value", num);
				jsonw_str(&w, "unit", v->unit);
			}
			/* When meterd stored it, and the meter's own time where it sent one. */
			jsonw_int(&w, "received", (int64_t)v->rx_time);
			if (v->time_kind != READING_TIME_NONE)
				jsonw_int(&w, "meter_time", v->meter_time);
			jsonw_obj_close(&w);
		}
		jsonw_obj_close(&w);
		/* Polled meters count noise themselves; passive ones by frame lengths. */
		jsonw_uint(&w, "garbage_bytes",
		           m->cfg->poll_ms != 0 ? m->garbage_extra
		           : m->rx_bytes > m->framed_bytes ? m->rx_bytes - m->framed_bytes : 0);
		jsonw_obj_close(&w);
	}
	if (e->smi != NULL)
		for (unsigned i = 0; i < e->smi->sc->n_meters; i++) {
			char key[48];
			const struct smi_port *sp = &e->smi->port[i];
			snprintf(key, sizeof(key), "smi:%u", e->smi->sc->meters[i].number);
			jsonw_key_obj_open(&w, key);
			jsonw_str(&w, "prefix", e->smi->sc->meters[i].prefix);
			health_json(&w, &sp->h, sp->bus);
			jsonw_obj_close(&w);
		}
	jsonw_obj_close(&w);
	jsonw_key_obj_open(&w, "latency_us");
	jsonw_uint(&w, "count", e->lat_total);
	if (e->lat_n > 0) {
		memcpy(sorted, e->lat, e->lat_n * sizeof(sorted[0]));
		qsort(sorted, e->lat_n, sizeof(sorted[0]), cmp_u32);
		jsonw_uint(&w, "p50", sorted[e->lat_n / 2]);
		jsonw_uint(&w, "p99", sorted[(e->lat_n * 99) / 100]);
		jsonw_uint(&w, "max", sorted[e->lat_n - 1]);
	}
	jsonw_obj_close(&w);
	jsonw_obj_close(&w);
	jsonw_line_end(&w);
	fflush(f);
}

static void
health_log(const char *what, const struct health *h, const struct bus *b)
{
	log_info("%s: %u frames ok, %u crc errors, %u invalid, %u timeouts, %u exceptions, %u guard flags, port %s %s",
	         what, h->frames_ok, h->crc_errors, h->invalid, h->timeouts, h->exceptions, h->guard_flags,
	         b != NULL ? bus_name(b) : "-", b != NULL && bus_is_open(b) ? "open" : "closed");
}

void
engine_log_health(struct engine *e)
{
	for (struct meter *m = e->meters; m != NULL; m = m->next)
		health_log(m->cfg->name, &m->h, m->bus);
	if (e->smi != NULL)
		for (unsigned i = 0; i < e->smi->sc->n_meters; i++) {
			char what[48];
			snprintf(what, sizeof(what), "smi meter %u (%s)", e->smi->sc->meters[i].number,
			         e->smi->sc->meters[i].prefix);
			health_log(what, &e->smi->port[i].h, e->smi->port[i].bus);
		}
}
