/*
 * meter.c - what every meter source shares: the way a reading goes out
 * (select, guard, store, publish), frame counting, health, polls, profiles.
 * See meter.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "meterd/decoder.h"
#include "jsonw.h"
#include "meter.h"
#include "platform/posix/datadir.h"
#include "platform/posix/log.h"

/* Flagged totals are logged this many times per meter, then only counted. */
#define GUARD_LOG_MAX 10
/* A pushing meter whose interval is not yet known is silent after this. */
#define SILENCE_DEFAULT_MS 60000u
/* Silent after this many missed intervals (and never sooner than the floor). */
#define SILENCE_INTERVALS 3u
#define SILENCE_FLOOR_MS  10000u
/* A port that was down counts as up again once it stayed open this long (or a frame came). */
#define PORT_SETTLE_MS 5000u


/* --- selection and naming */

/* The configured name of reading r, or NULL when the meter does not publish it. */
static const char *
meter_select(const struct meter *m, const struct reading *r)
{
	size_t idlen;

	if (m->cfg->n_values == 0)
		return r->name != NULL ? r->name : r->label != NULL ? r->label : r->id;
	idlen = strlen(r->id);
	for (size_t i = 0; i < m->cfg->n_values; i++) {
		const struct cfg_value *v = &m->cfg->values[i];
		size_t                  vl = strlen(v->id);
		/*
		 * "1-0:1.8.0" selects the current value "1-0:1.8.0*255", not the
		 * billing periods "*01", "*02" ...; a profile or quantity name
		 * selects its value; "hr9" selects "modbus:<slave>:hr9".
		 */
		bool match = strcmp(v->id, r->id) == 0 ||
		             (vl + 4 == idlen && strncmp(v->id, r->id, vl) == 0 &&
		              strcmp(r->id + vl, "*255") == 0) ||
		             (r->name != NULL && strcmp(v->id, r->name) == 0) ||
		             (r->label != NULL && strcmp(v->id, r->label) == 0) ||
		             (strncmp(r->id, "modbus:", 7) == 0 && vl < idlen &&
		              r->id[idlen - vl - 1] == ':' && strcmp(r->id + idlen - vl, v->id) == 0);
		if (match)
			return v->name[0] != '\0' ? v->name : v->id;
	}
	return NULL;
}

/*
 * Whether a reading is a total the guard watches: by its unit's meaning,
 * else by what the protocol says it is (OBIS x.8.x energy registers, an
 * M-Bus energy or volume record), so a total the meter sends without a
 * unit is guarded too.
 */
static bool
reading_is_total(const struct reading *r)
{
	enum rd_class cls;
	const char   *colon;
	unsigned      c, d;

	if (rd_quantity_from_unit(r->unit, &cls) != RD_Q_UNKNOWN)
		return cls == RD_CLASS_TOTAL;
	if (r->quantity != NULL)
		return (strncmp(r->quantity, "energy", 6) == 0 || strncmp(r->quantity, "volume", 6) == 0) &&
		       strstr(r->quantity, "flow") == NULL;
	colon = strchr(r->id, ':');
	if (strncmp(r->id, "kmp:", 4) == 0 || strncmp(r->id, "mbus:", 5) == 0 ||
	    strncmp(r->id, "modbus:", 7) == 0)
		return false;
	if (sscanf(colon != NULL ? colon + 1 : r->id, "%u.%u", &c, &d) == 2)
		return c >= 1 && c <= 4 && (d == 8 || d == 9);
	return false;
}

static struct mval *
meter_val(struct meter *m, const struct reading *r, const char *name)
{
	struct mval *v;

	/* By name, the value's stable identity (an M-Bus record's index may move). */
	for (size_t i = 0; i < m->nvals; i++)
		if (strcmp(m->vals[i].name, name) == 0)
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
	reading_set_str(v->id, sizeof(v->id), r->id, strlen(r->id));
	reading_set_str(v->name, sizeof(v->name), name, strlen(name));
	guard_init(&v->guard);
	if (r->type != READING_TEXT && reading_is_total(r)) {
		char    rid[RD_ID_MAX];
		double  last;
		int64_t at;

		v->total = true;
		v->rate = guard_rate_for_unit(r->unit);
		/* The series goes on from the last total stored before this run. */
		snprintf(rid, sizeof(rid), "%s/%s", m->cfg->name, v->name);
		if (engine_last_total(m->e, rid, &last, &at)) {
			uint64_t now = ev_now(engine_loop(m->e));
			int64_t  age = rd_wall_ms() - at;
			guard_seed(&v->guard, last, age > 0 && (uint64_t)age < now ? now - (uint64_t)age : 0);
		}
	}
	return v;
}

static enum rd_quantity
mbus_quantity(const char *q, enum rd_class *cls)
{
	*cls = RD_CLASS_MEASUREMENT;
	if (q == NULL)
		return RD_Q_UNKNOWN;
	if (strstr(q, "temperature") != NULL)
		return RD_Q_TEMPERATURE;
	if (strstr(q, "flow") != NULL)
		return RD_Q_FLOW;
	if (strstr(q, "power") != NULL)
		return RD_Q_POWER;
	if (strncmp(q, "energy", 6) == 0) {
		*cls = RD_CLASS_TOTAL;
		return RD_Q_ENERGY;
	}
	if (strncmp(q, "volume", 6) == 0) {
		*cls = RD_CLASS_TOTAL;
		return RD_Q_VOLUME;
	}
	if (strstr(q, "time") != NULL || strstr(q, "duration") != NULL)
		return RD_Q_DURATION;
	return RD_Q_UNKNOWN;
}

void
meter_reading(struct meter *m, const struct reading *r)
{
	const char        *name = meter_select(m, r);
	struct mval       *v;
	struct rd_point_in in;

	if (name == NULL)
		return;
	v = meter_val(m, r, name);
	if (v == NULL)
		return;
	memset(&in, 0, sizeof(in));
	if (r->type == READING_TEXT) {
		size_t n = r->text_len < sizeof(v->text) - 1 ? r->text_len : sizeof(v->text) - 1;
		v->is_text = true;
		memcpy(v->text, r->text, n);
		v->text[n] = '\0';
		in.is_text = true;
		in.text = v->text;
		in.text_len = n;
	} else {
		if (v->total) {
			enum guard_verdict g =
			    guard_check(&v->guard, reading_double(r), ev_now(engine_loop(m->e)), v->rate);
			if (!guard_publish(g)) {
				char num[READING_NUM_MAX];
				if (!guard_flagged(g))
					return; /* pending: a series starts with agreeing readings */
				m->h.guard_flags++;
				reading_format_number(r->raw, r->scaler, num);
				if (m->guard_logged++ < GUARD_LOG_MAX)
					log_warnx("meter %s: %s = %s %s not published (%s; last good %.10g)",
					          m->cfg->name, v->name, num, r->unit, guard_verdict_name(g),
					          v->guard.last);
				return;
			}
			if (g == GUARD_REBASED)
				log_warnx("meter %s: %s starts a new series at %.10g %s (meter replaced or reset?)",
				          m->cfg->name, v->name, reading_double(r), r->unit);
		}
		v->is_text = false;
		v->raw = r->raw;
		v->scaler = r->scaler;
		in.raw = r->raw;
		in.scaler = r->scaler;
	}
	reading_set_str(v->unit, sizeof(v->unit), r->unit, strlen(r->unit));
	v->time_kind = r->time_kind;
	v->meter_time = r->time;
	v->rx_time = time(NULL);
	v->updated = true;
	if (m->rd == NULL)
		return;
	in.name = v->name;
	in.source_id = r->id;
	in.unit = v->unit;
	in.precision = -1;
	in.guarded = true; /* meter_reading ran the guard */
	in.quantity = mbus_quantity(r->quantity, &in.cls);
	if (v->total && in.quantity == RD_Q_UNKNOWN) {
		enum rd_class cls;
		in.quantity = rd_quantity_from_unit(r->unit, &cls);
		if (in.quantity == RD_Q_UNKNOWN)
			in.quantity = RD_Q_ENERGY;
		in.cls = RD_CLASS_TOTAL;
	}
	if (r->time_kind != READING_TIME_NONE)
		in.meter_time = r->time;
	readings_point(engine_readings(m->e), m->rd, &in);
}

/* --- frames and health */

void
meter_frame(struct meter *m, enum frame_status st, const char *why)
{
	m->frame_ok = st == FRAME_OK;
	switch (st) {
	case FRAME_OK:
		meter_good(m);
		return;
	case FRAME_CRC_ERROR:
		m->h.crc_errors++;
		break;
	default:
		m->h.invalid++;
	}
	log_debug("meter %s: %s frame (%s)", m->cfg->name, frame_status_name(st),
	          why != NULL ? why : "");
	meter_health_update(m, ev_now(engine_loop(m->e)));
}

void
meter_good(struct meter *m)
{
	uint64_t now = ev_now(engine_loop(m->e));

	m->h.frames_ok++;
	m->h.last_good = time(NULL);
	health_note_good(&m->hw, now);
	meter_health_update(m, now);
}

void
health_note_good(struct health_watch *w, uint64_t now)
{
	w->prev_ok = w->last_ok;
	w->last_ok = now;
}

void
meter_batch_end(struct meter *m)
{
	engine_latency_note(m->e, m->bus);
	if (m->rd != NULL)
		readings_batch_end(engine_readings(m->e), m->rd);
}

uint32_t
health_silence_ms(const struct health_watch *w)
{
	uint64_t iv = w->expect_ms;

	if (iv == 0 && w->prev_ok != 0 && w->last_ok > w->prev_ok)
		iv = w->last_ok - w->prev_ok;
	if (iv == 0)
		return SILENCE_DEFAULT_MS;
	iv = iv * SILENCE_INTERVALS + SILENCE_FLOOR_MS;
	return iv > UINT32_MAX ? UINT32_MAX : (uint32_t)iv;
}

enum rd_state
health_judge(struct health_watch *w, const struct health *h, bool port_open, uint64_t now)
{
	uint32_t      bad = h->crc_errors + h->invalid + h->parity_errors + h->timeouts;
	uint64_t      since;
	enum rd_state st;

	if (bad != w->bad_seen) {
		w->bad_seen = bad;
		w->last_bad = now;
	}
	if (!port_open)
		w->open_since = 0;
	else if (w->open_since == 0)
		w->open_since = now;
	since = w->last_ok != 0 ? w->last_ok : w->started;
	if (!port_open)
		st = RD_STATE_PORT_DOWN;
	else if (w->last == RD_STATE_PORT_DOWN && (w->last_ok == 0 || w->last_ok < w->open_since) &&
	         now - w->open_since < PORT_SETTLE_MS)
		/* A port that opens and closes again at once (a flapping peer) is still down. */
		st = RD_STATE_PORT_DOWN;
	else if (now - since <= health_silence_ms(w))
		st = w->last_ok != 0 ? RD_STATE_UP : RD_STATE_STARTING;
	else
		/* Nothing good for too long: was the line dead, or only full of bad frames? */
		st = w->last_bad > since ? RD_STATE_ERRORS : RD_STATE_SILENT;
	w->last = st;
	return st;
}

void
health_to_rd(const struct health *h, const struct bus *b, enum rd_state st, struct rd_health *out)
{
	memset(out, 0, sizeof(*out));
	out->state = st;
	out->frames_ok = h->frames_ok;
	out->crc_errors = h->crc_errors;
	out->msg_crc_errors = h->msg_crc_errors;
	out->echo_errors = h->echo_errors;
	out->invalid = h->invalid;
	out->parity_errors = h->parity_errors;
	out->timeouts = h->timeouts;
	out->exceptions = h->exceptions;
	out->guard_flags = h->guard_flags;
	out->last_good_ms = (int64_t)h->last_good * 1000;
	if (b != NULL) {
		out->port_open = bus_is_open(b);
		snprintf(out->port, sizeof(out->port), "%s", bus_name(b));
	}
}

void
meter_health_update(struct meter *m, uint64_t now)
{
	struct rd_health rh;

	m->state = health_judge(&m->hw, &m->h, m->bus != NULL && bus_is_open(m->bus), now);
	if (m->rd == NULL)
		return;
	health_to_rd(&m->h, m->bus, m->state, &rh);
	readings_health(engine_readings(m->e), m->rd, &rh);
}

/* --- 7E1 through an 8-bit view */

/*
 * A 7E1 line read where no UART takes the parity bit off (a pty, a raw TCP
 * bridge running 8N1) shows it in bit 7. Once any byte arrives with bit 7
 * set, the meter's line is known to be such a view, and the parity is
 * checked here as the UART would have: a byte with the wrong parity spoils
 * the frame it belongs to. A real 7-bit UART never sets bit 7, so nothing
 * is checked there (it checks itself).
 */
size_t
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

/* --- polls */

void
meter_poll_done(struct meter *m)
{
	struct ev_loop *loop = engine_loop(m->e);
	uint64_t        next = m->poll_at + m->cfg->poll_ms;

	bus_release(m->bus, &m->cl);
	ev_timer_start_at(loop, &m->poll_tm, next > ev_now(loop) ? next : ev_now(loop));
}

/* --- options of polled meters */

void
meter_options_check(const struct meter *m, const char *const *known)
{
	for (size_t i = 0; i < m->cfg->n_options; i++) {
		const struct cfg_option *o = &m->cfg->options[i];
		size_t                   k = 0;

		while (known != NULL && known[k] != NULL && strcmp(known[k], o->key) != 0)
			k++;
		if (known == NULL || known[k] == NULL)
			log_warnx("meter %s: a polled %s meter has no option %s", m->cfg->name,
			          m->cfg->protocol, o->key);
		else if (strcmp(o->value, "0") != 0 && strcmp(o->value, "1") != 0)
			log_warnx("meter %s: option %s takes 0 or 1, not %s", m->cfg->name, o->key,
			          o->value);
	}
}

bool
meter_option_flag(const struct meter *m, const char *key, bool dflt)
{
	for (size_t i = m->cfg->n_options; i-- > 0;)
		if (strcmp(m->cfg->options[i].key, key) == 0)
			return strcmp(m->cfg->options[i].value, "1") == 0 ? true
			       : strcmp(m->cfg->options[i].value, "0") == 0 ? false
			                                                   : dflt;
	return dflt;
}

/* --- device profiles */

int
meter_load_profile(struct meter *m)
{
	char                 path[512];
	FILE                *f;
	long                 n;
	struct profile_error err;
	size_t               cap;

	snprintf(path, sizeof(path), "%s/profiles/%s.profile", meterd_datadir(), m->cfg->profile);
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

/* --- health out */

void
meter_health_json(struct jsonw *w, const struct health *h, const struct bus *b)
{
	jsonw_uint(w, "frames_ok", h->frames_ok);
	jsonw_uint(w, "crc_errors", h->crc_errors);
	jsonw_uint(w, "msg_crc_errors", h->msg_crc_errors);
	jsonw_uint(w, "echo_errors", h->echo_errors);
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
meter_health_log(const char *what, const struct health *h, const struct bus *b)
{
	log_info("%s: %u frames ok, %u crc errors, %u invalid, %u timeouts, %u exceptions, %u guard flags, port %s %s",
	         what, h->frames_ok, h->crc_errors, h->invalid, h->timeouts, h->exceptions,
	         h->guard_flags, b != NULL ? bus_name(b) : "-",
	         b != NULL && bus_is_open(b) ? "open" : "closed");
}
