/*
 * smi.c - a Tasmota SMI script as a meter source; see smi_src.h.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "meterd/smi.h"
#include "jsonw.h"
#include "meter.h"
#include "platform/posix/log.h"
#include "smi_json.h"
#include "smi_src.h"

/* Flagged totals are logged this many times per script, then only counted. */
#define SMI_GUARD_LOG_MAX 10

struct smi_port {
	struct smi_inst    *si;
	unsigned            m;          /* meter index in the script */
	struct bus         *bus;
	struct bus_client   cl;
	struct ev_timer     tm;
	bool                rx_since_tx;
	bool                sent;
	uint32_t            frames_seen, drops_seen;
	struct health       h;
	struct health_watch hw;
	struct rd_meter    *rd;
	/* A request waiting for the bus, when the line is shared (a gateway, other masters). */
	uint8_t             tx[SMI_TX_MAX];
	size_t              tx_len;
	bool                queued;
	uint32_t            frames_at_tx;
	struct ev_timer     hold_tm;
};

/* How long a script meter keeps a shared bus for its reply, at most. */
#define SMI_HOLD_MS 1000

struct smi_inst {
	struct engine        *e;
	const struct cfg_smi *cfg;
	struct smi_script    *sc;
	struct smi_rt         rt;
	struct smi_port       port[SMI_METERS_MAX];
	struct guard          guard[SMI_LINES_MAX];
	bool                  total[SMI_LINES_MAX];  /* the line is a total the guard watches */
	double                rate[SMI_LINES_MAX];
	double                pub[SMI_LINES_MAX];    /* last value published per line */
	bool                  pub_valid[SMI_LINES_MAX];
	char                  group[SMI_LINES_MAX][RD_LABEL_MAX / 2]; /* =h heading of each line */
	unsigned              guard_logged;
};

static void smi_schedule(struct smi_port *sp, uint64_t deadline);

/*
 * OBIS C and D of a line's pattern ("1-0:1.8.0*255", "1.8.0", or the SML
 * hex "77070100010800ff"), so a total a script gives no unit is still
 * recognised as one.
 */
static bool
line_obis(const char *match, unsigned *c, unsigned *d)
{
	const char *colon = strchr(match, ':');
	size_t      n = strlen(match);
	unsigned    b[6];

	if (n >= 16 && strncmp(match, "7707", 4) == 0 &&
	    sscanf(match + 4, "%2x%2x%2x%2x%2x%2x", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5]) == 6) {
		*c = b[2];
		*d = b[3];
		return b[0] == 1;
	}
	return sscanf(colon != NULL ? colon + 1 : match, "%u.%u", c, d) == 2;
}

static void
classify_lines(struct smi_inst *si)
{
	const struct smi_script *sc = si->sc;
	/* Each script meter's current =h heading: its values are grouped under it. */
	char     heading[SMI_METERS_MAX][RD_LABEL_MAX / 2];
	unsigned separators[SMI_METERS_MAX];

	memset(heading, 0, sizeof(heading));
	memset(separators, 0, sizeof(separators));
	for (unsigned i = 0; i < sc->n_lines; i++) {
		const struct smi_line *ln = &sc->lines[i];
		const char            *unit = smi_str(sc, ln->unit);
		char                  *hd = heading[ln->meter % SMI_METERS_MAX];
		enum rd_class          cls;
		unsigned               c, d;

		if (ln->kind == SMI_LINE_HTML) {
			/* The heading is the =h text without its tags; a bare <hr/> is an unnamed group. */
			const char *p = smi_str(sc, ln->label);
			size_t      n = 0;
			bool        tag = false;
			for (; *p != '\0' && n + 1 < sizeof(heading[0]); p++) {
				if (*p == '<')
					tag = true;
				else if (*p == '>')
					tag = false;
				else if (!tag)
					hd[n++] = *p;
			}
			hd[n] = '\0';
			separators[ln->meter % SMI_METERS_MAX]++;
			if (n == 0)
				snprintf(hd, sizeof(heading[0]), "~%u", separators[ln->meter % SMI_METERS_MAX]);
			continue;
		}
		memcpy(si->group[i], hd, sizeof(heading[0]));
		if (ln->kind != SMI_LINE_VALUE)
			continue;
		if (rd_quantity_from_unit(unit, &cls) != RD_Q_UNKNOWN)
			si->total[i] = cls == RD_CLASS_TOTAL;
		else if (line_obis(smi_str(sc, ln->match), &c, &d))
			si->total[i] = c >= 1 && c <= 4 && (d == 8 || d == 9);
		si->rate[i] = guard_rate_for_unit(unit);
	}
}

/* Publishes the lines of script meter m decoded since the last call, through the guard. */
static void
smi_publish(struct smi_inst *si, unsigned m, uint64_t now)
{
	const struct smi_script *sc = si->sc;
	struct smi_port         *sp = &si->port[m];
	bool                     any = false;

	for (unsigned i = 0; i < sc->n_lines; i++) {
		const struct smi_line *ln = &sc->lines[i];
		struct smi_slot       *sl = &si->rt.slot[i];
		struct smi_value       sv;
		struct rd_point_in     in;

		if (ln->meter != m || ln->kind != SMI_LINE_VALUE || !sl->valid || !sl->updated)
			continue;
		sl->updated = false;
		if (si->total[i] && !(si->pub_valid[i] && sl->value == si->pub[i])) {
			enum guard_verdict g = guard_check(&si->guard[i], sl->value, now, si->rate[i]);
			if (!guard_publish(g)) {
				if (guard_flagged(g)) {
					sp->h.guard_flags++;
					if (si->guard_logged++ < SMI_GUARD_LOG_MAX)
						log_warnx("smi %s: %s = %.10g %s not published (%s; last good %.10g)",
						          sc->meters[m].prefix, smi_str(sc, ln->json), sl->value,
						          smi_str(sc, ln->unit), guard_verdict_name(g), si->guard[i].last);
				}
				/* Keep the last good total in the SENSOR JSON: never a silent 0 or a cliff. */
				if (si->pub_valid[i])
					sl->value = si->pub[i];
				else
					sl->valid = false;
				continue;
			}
		}
		si->pub[i] = sl->value;
		si->pub_valid[i] = true;
		if (sp->rd == NULL || !smi_value_get(&si->rt, i, &sv))
			continue;
		memset(&in, 0, sizeof(in));
		in.name = sv.json;
		in.guarded = true; /* smi_publish ran the guard */
		in.source_id = smi_str(sc, ln->match);
		in.group = si->group[i];
		in.precision = (int8_t)sv.decimals;
		in.unit = sv.unit;
		if (si->total[i]) {
			enum rd_class cls;
			in.quantity = rd_quantity_from_unit(sv.unit, &cls);
			if (in.quantity == RD_Q_UNKNOWN)
				in.quantity = RD_Q_ENERGY;
			in.cls = RD_CLASS_TOTAL;
		}
		if (sv.is_string) {
			in.is_text = true;
			in.text = sv.text;
			in.text_len = strlen(sv.text);
		} else if (isfinite(sv.value)) {
			/* The value as the script shows it: its decimals, exactly. */
			double scaled = round(sv.value * pow(10, sv.decimals));
			if (fabs(scaled) > 9.0e18)
				continue;
			in.raw = (int64_t)scaled;
			in.scaler = (int8_t)-sv.decimals;
		} else
			continue;
		readings_point(engine_readings(si->e), sp->rd, &in);
		any = true;
	}
	if (any) {
		engine_latency_note(si->e, sp->bus);
		readings_batch_end(engine_readings(si->e), sp->rd);
	}
}

static void
smi_health(struct smi_port *sp, uint64_t now)
{
	struct rd_health rh;
	enum rd_state    st;

	st = health_judge(&sp->hw, &sp->h, sp->bus != NULL && bus_is_open(sp->bus), now);
	if (sp->rd == NULL)
		return;
	health_to_rd(&sp->h, sp->bus, st, &rh);
	readings_health(engine_readings(sp->si->e), sp->rd, &rh);
}

static void
smi_poll(struct smi_port *sp)
{
	struct smi_inst *si = sp->si;
	uint8_t          tx[SMI_TX_MAX];
	size_t           n = 0;
	uint64_t         now = ev_now(engine_loop(si->e)), next;

	next = smi_meter_poll(&si->rt, sp->m, now, tx, sizeof(tx), &n);
	/* The poll may have decoded a finished window: those values pass the guard too. */
	smi_publish(si, sp->m, now);
	if (n > 0) {
		/* A request that got no byte back before the next one is a timeout. */
		if (sp->sent && !sp->rx_since_tx) {
			sp->h.timeouts++;
			smi_health(sp, now);
		}
		sp->sent = true;
		sp->rx_since_tx = false;
		if (bus_client_count(sp->bus) > 1) {
			/* Shared line: the request and its reply take one bus turn. */
			memcpy(sp->tx, tx, n);
			sp->tx_len = n;
			if (!sp->queued && !bus_holds(sp->bus, &sp->cl)) {
				sp->queued = true;
				bus_acquire(sp->bus, &sp->cl);
			}
		} else if (bus_write(sp->bus, tx, n) < 0)
			log_debug("smi meter %u: request not sent, port %s down", sp->m + 1,
			          bus_name(sp->bus));
	}
	smi_schedule(sp, next);
}

static void
smi_grant(struct bus_client *c)
{
	struct smi_port *sp = c->data;
	struct smi_inst *si = sp->si;

	sp->queued = false;
	sp->frames_at_tx = si->rt.m[sp->m].frames;
	if (sp->tx_len == 0 || bus_write(sp->bus, sp->tx, sp->tx_len) < 0) {
		bus_release(sp->bus, &sp->cl);
		return;
	}
	sp->tx_len = 0;
	ev_timer_start(engine_loop(si->e), &sp->hold_tm, SMI_HOLD_MS);
}

/* The reply came (or its time is over): the line is the next master's. */
static void
smi_hold_over(struct ev_loop *loop, struct ev_timer *t)
{
	struct smi_port *sp = t->data;

	(void)loop;
	if (bus_holds(sp->bus, &sp->cl))
		bus_release(sp->bus, &sp->cl);
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
	struct ev_loop *loop = engine_loop(sp->si->e);

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
	bool                 changed = false;

	sp->rx_since_tx = true;
	if (smi_meter_push(&si->rt, sp->m, p, n, now) > 0)
		smi_publish(si, sp->m, now);
	if (bus_holds(sp->bus, c) && mr->frames != sp->frames_at_tx)
		ev_timer_start(engine_loop(si->e), &sp->hold_tm, 5); /* about t3.5, then release */
	if (mr->frames != sp->frames_seen) {
		sp->h.frames_ok += mr->frames - sp->frames_seen;
		sp->frames_seen = mr->frames;
		sp->h.last_good = time(NULL);
		health_note_good(&sp->hw, now);
		changed = true;
	}
	if (mr->drops != sp->drops_seen) {
		sp->h.crc_errors += mr->drops - sp->drops_seen;
		sp->drops_seen = mr->drops;
		changed = true;
	}
	if (changed)
		smi_health(sp, now);
	/* The runtime may now want to decode a finished window or send. */
	smi_poll(sp);
}

static void
smi_state(struct bus_client *c, bool up)
{
	struct smi_port *sp = c->data;

	(void)up;
	smi_health(sp, ev_now(engine_loop(sp->si->e)));
}

void
smi_src_free(struct smi_inst *si)
{
	if (si == NULL)
		return;
	for (unsigned i = 0; i < SMI_METERS_MAX; i++) {
		struct smi_port *sp = &si->port[i];
		ev_timer_stop(engine_loop(si->e), &sp->tm);
		ev_timer_stop(engine_loop(si->e), &sp->hold_tm);
		if (sp->bus != NULL)
			bus_remove_client(sp->bus, &sp->cl);
		if (sp->rd != NULL)
			readings_meter_remove(engine_readings(si->e), sp->rd);
	}
	free(si->sc);
	free(si);
}

/* The seam name of script meter i: its JSON prefix, or "smi<n>" when it has none. */
static void
meter_name(const struct smi_meter_def *md, char *buf, size_t cap)
{
	const char *p = md->prefix;

	if (p[0] == '*')
		p++;
	if (p[0] != '\0')
		snprintf(buf, cap, "%s", p);
	else
		snprintf(buf, cap, "smi%u", md->number);
}

struct smi_inst *
smi_src_new(struct engine *e, const struct cfg_smi *cs)
{
	struct smi_inst *si = calloc(1, sizeof(*si));
	uint64_t         now = ev_now(engine_loop(e));

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
	classify_lines(si);
	for (unsigned i = 0; i < si->sc->n_meters; i++) {
		const struct smi_meter_def *md = &si->sc->meters[i];
		struct smi_port            *sp = &si->port[i];
		const struct cfg_pin       *pin = NULL;
		struct serial_params        params;
		char                        name[RD_NAME_MAX];

		sp->si = si;
		sp->m = i;
		sp->hw.started = now;
		sp->hw.expect_ms = md->period != 0 && md->tx_pin >= 0 ? md->period * 100u : 0;
		ev_timer_init(&sp->tm, smi_timer, sp);
		ev_timer_init(&sp->hold_tm, smi_hold_over, sp);
		for (size_t k = 0; k < cs->n_pins; k++)
			if (cs->pins[k].pin == md->rx_pin)
				pin = &cs->pins[k];
		if (md->tcp || pin == NULL) {
			log_warnx("smi meter %u (%s): no port for it, skipped", md->number, md->prefix);
			continue;
		}
		serial_params_default(&params);
		params.baud = md->param > 0 ? (uint32_t)md->param : 9600;
		params.parity = md->parity == 'E'   ? SERIAL_PARITY_EVEN
		                : md->parity == 'O' ? SERIAL_PARITY_ODD
		                                    : SERIAL_PARITY_NONE;
		params.stop_bits = md->stop_bits == 2 ? 2 : 1;
		sp->bus = engine_bus(e, &pin->port, &params);
		if (sp->bus == NULL) {
			smi_src_free(si);
			return NULL;
		}
		meter_name(md, name, sizeof(name));
		/* Two scripts (or a native meter) with one name would mix their values: keep them apart. */
		if (readings_meter_find(engine_readings(e), name) != NULL) {
			char base[RD_NAME_MAX];
			snprintf(base, sizeof(base), "%s", name);
			for (unsigned k = 2; readings_meter_find(engine_readings(e), name) != NULL; k++)
				snprintf(name, sizeof(name), "%.40s_%u", base, k);
			log_warnx("smi meter %u (%s): the name is taken by another meter; published as %s",
			          md->number, base, name);
		}
		sp->rd = readings_meter_add(engine_readings(e), name, "smi");
		if (sp->rd != NULL) {
			sp->rd->expect_ms = sp->hw.expect_ms;
			/* The page lists the values in the script's order, before the first reading. */
			for (unsigned l = 0; l < si->sc->n_lines; l++) {
				const struct smi_line *ln = &si->sc->lines[l];
				struct rd_point_in     in = {.precision = (int8_t)ln->decimals};
				if (ln->meter != i || ln->kind != SMI_LINE_VALUE ||
				    smi_str(si->sc, ln->json)[0] == '\0')
					continue;
				in.name = smi_str(si->sc, ln->json);
				in.group = si->group[l];
				in.unit = smi_str(si->sc, ln->unit);
				readings_value_declare(engine_readings(e), sp->rd, &in);
			}
		}
		sp->cl.on_rx = smi_rx;
		sp->cl.on_state = smi_state;
		sp->cl.on_grant = smi_grant;
		sp->cl.data = sp;
		bus_add_client(sp->bus, &sp->cl);
		smi_schedule(sp, now);
	}
	return si;
}

const struct cfg_smi *
smi_src_cfg(const struct smi_inst *si)
{
	return si->cfg;
}

void
smi_src_set_cfg(struct smi_inst *si, const struct cfg_smi *cs)
{
	si->cfg = cs;
}

unsigned
smi_src_meter_count(const struct smi_inst *si)
{
	return si->sc->n_meters;
}

size_t
smi_src_sensor(struct smi_inst *si, char *buf, size_t cap, const char *time_str)
{
	size_t n = smi_json_sensor_buf(buf, cap, &si->rt, time_str);
	char  *body;

	/* {"Time":"...","Strom":{...}} -> "Strom":{...} */
	if (n < 2 || (body = strstr(buf, "\",")) == NULL) {
		buf[0] = '\0';
		return 0;
	}
	body += 2;
	n = strlen(body) - 1; /* the closing brace */
	memmove(buf, body, n);
	buf[n] = '\0';
	return n;
}

void
smi_src_status(const struct smi_inst *si, struct jsonw *w)
{
	for (unsigned i = 0; i < si->sc->n_meters; i++) {
		char                   key[48];
		const struct smi_port *sp = &si->port[i];
		snprintf(key, sizeof(key), "smi:%u", si->sc->meters[i].number);
		jsonw_key_obj_open(w, key);
		jsonw_str(w, "prefix", si->sc->meters[i].prefix);
		if (sp->rd != NULL)
			jsonw_str(w, "state", rd_state_name(sp->rd->health.state));
		meter_health_json(w, &sp->h, sp->bus);
		jsonw_obj_close(w);
	}
}

void
smi_src_log_health(const struct smi_inst *si)
{
	for (unsigned i = 0; i < si->sc->n_meters; i++) {
		char what[48];
		snprintf(what, sizeof(what), "smi meter %u (%s)", si->sc->meters[i].number,
		         si->sc->meters[i].prefix);
		meter_health_log(what, &si->port[i].h, si->port[i].bus);
	}
}

void
smi_src_tick(struct smi_inst *si, uint64_t now)
{
	for (unsigned i = 0; i < si->sc->n_meters; i++)
		if (si->port[i].bus != NULL)
			smi_health(&si->port[i], now);
}
