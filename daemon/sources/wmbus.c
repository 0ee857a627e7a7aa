/*
 * wmbus.c (source) - wireless M-Bus receivers: dongles on serial ports or
 * TCP serial servers (through bus.h, which reopens lost ports), raw
 * telegram lines from a file or stdin; telegrams parsed with the core
 * (wmbus.h, wmbus_rx.h), duplicates dropped, values published into the
 * seam. See wmbus_src.h for the configuration.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bus.h"
#include "meterd/wmbus.h"
#include "meterd/wmbus_rx.h"
#include "platform/posix/aes.h"
#include "platform/posix/log.h"
#include "wmbus_src.h"

#define DUPS_MAX    64
#define VALUES_MAX  64 /* points per telegram that get distinct names */

/* ---- configuration, read the same way by the check and the start ---- */

struct rx_conf {
	char              name[RD_NAME_MAX];
	enum wmbus_dongle dongle;
	enum wmbus_mode   mode;
	struct cfg_port   port;
	bool              has_port;
	char              file[CFG_PATH_MAX]; /* "" none, "-" stdin */
	uint32_t          baud;
	bool              rssi;
	uint32_t          dedup_ms;
};

struct meter_conf {
	char     name[RD_NAME_MAX];
	uint32_t silent_ms; /* 0: from the meter's own interval */
	uint32_t id;
	bool     has_key;
	uint8_t  key[16];
	char     driver[16];
};

static bool
parse_key(const char *s, uint8_t key[16])
{
	struct wmbus_ctx c;

	/* one parser for keys: the core's */
	wmbus_ctx_init(&c, NULL);
	if (wmbus_ctx_add_key_text(&c, s) != 0 || c.keys[0].id != WMBUS_ID_ANY)
		return false;
	memcpy(key, c.keys[0].key, 16);
	return true;
}

static bool
parse_id(const char *s, uint32_t *id)
{
	uint32_t v = 0;
	size_t   i;

	if (strlen(s) != 8)
		return false;
	for (i = 0; i < 8; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v << 4 | (uint32_t)(s[i] - '0');
	}
	*id = v;
	return true;
}

static int
read_rx_conf(const struct cfg_section *s, struct cfg_diag *d, struct rx_conf *rc)
{
	static const uint32_t default_baud[] = {9600, 57600, 9600, 38400};
	int      before = d->errors;
	bool     has_dongle = false;
	uint64_t u;
	size_t   i;

	memset(rc, 0, sizeof(*rc));
	rc->mode = WMBUS_MODE_C1T1;
	rc->dedup_ms = 5000;
	if (s->label[0] == '\0' || strlen(s->label) >= sizeof(rc->name))
		cfg_diag_error(d, s->line, s->col, "usage: wmbus \"name\" { port ... dongle ... }");
	else
		memcpy(rc->name, s->label, strlen(s->label) + 1);
	for (i = 0; i < s->n_settings; i++) {
		const struct cfg_setting *st = &s->settings[i];
		const char               *k = st->word[0];
		if (strcmp(k, "port") == 0) {
			const char *why;
			if (!cfg_want_args(d, st, 1, 1, "port /dev/ttyUSB0 | tcp://host:port"))
				continue;
			if (cfg_port_parse(&rc->port, st->word[1], &why) != 0)
				cfg_diag_error(d, st->line, st->col[1], "bad port \"%s\": %s", st->word[1], why);
			else
				rc->has_port = true;
		} else if (strcmp(k, "file") == 0) {
			if (cfg_want_args(d, st, 1, 1, "file /path/to/telegrams.txt | file -"))
				cfg_get_str(d, st, 1, rc->file, sizeof(rc->file));
		} else if (strcmp(k, "dongle") == 0) {
			if (!cfg_want_args(d, st, 1, 1, "dongle im871a|iu891a|amb8465|cul|raw"))
				continue;
			if (wmbus_dongle_parse(st->word[1], &rc->dongle) != 0)
				cfg_diag_error(d, st->line, st->col[1],
				               "unknown dongle '%s' (im871a, iu891a, amb8465, cul, raw)",
				               st->word[1]);
			has_dongle = true;
		} else if (strcmp(k, "mode") == 0) {
			if (!cfg_want_args(d, st, 1, 1, "mode t1|c1|s1|c1t1"))
				continue;
			if (wmbus_mode_parse(st->word[1], &rc->mode) != 0)
				cfg_diag_error(d, st->line, st->col[1], "unknown mode '%s' (t1, c1, s1, c1t1)",
				               st->word[1]);
		} else if (strcmp(k, "baud") == 0) {
			if (cfg_want_args(d, st, 1, 1, "baud 57600") &&
			    cfg_get_uint(d, st, 1, 50, 4000000, &u))
				rc->baud = (uint32_t)u;
		} else if (strcmp(k, "rssi") == 0) {
			if (cfg_want_args(d, st, 1, 1, "rssi yes|no"))
				cfg_get_bool(d, st, 1, &rc->rssi);
		} else if (strcmp(k, "dedup") == 0) {
			if (cfg_want_args(d, st, 1, 1, "dedup 5s"))
				cfg_get_duration(d, st, 1, &rc->dedup_ms);
		} else {
			cfg_unknown_key(d, st, "wmbus", "port, file, dongle, mode, baud, rssi, dedup");
		}
	}
	if (rc->has_port == (rc->file[0] != '\0'))
		cfg_diag_error(d, s->line, s->col, "wmbus \"%s\": give either a port or a file",
		               s->label);
	if (!has_dongle && rc->has_port)
		cfg_diag_error(d, s->line, s->col,
		               "wmbus \"%s\": which dongle is on the port? (dongle im871a|amb8465|cul|raw)",
		               s->label);
	if (rc->file[0] != '\0' && has_dongle && rc->dongle != WMBUS_DONGLE_RAW)
		cfg_diag_error(d, s->line, s->col, "wmbus \"%s\": a file holds raw telegram lines",
		               s->label);
	if (rc->baud == 0)
		rc->baud = default_baud[rc->dongle];
	return d->errors - before;
}

static int
read_meter_conf(const struct cfg_section *s, struct cfg_diag *d, struct meter_conf *mc)
{
	int    before = d->errors;
	bool   has_id = false;
	size_t i;

	memset(mc, 0, sizeof(*mc));
	if (s->label[0] == '\0' || strlen(s->label) >= sizeof(mc->name))
		cfg_diag_error(d, s->line, s->col, "usage: wmbus_meter \"name\" { id 12345678 ... }");
	else
		memcpy(mc->name, s->label, strlen(s->label) + 1);
	for (i = 0; i < s->n_settings; i++) {
		const struct cfg_setting *st = &s->settings[i];
		const char               *k = st->word[0];
		if (strcmp(k, "id") == 0) {
			if (!cfg_want_args(d, st, 1, 1, "id 12345678"))
				continue;
			if (!parse_id(st->word[1], &mc->id))
				cfg_diag_error(d, st->line, st->col[1],
				               "id: expected the meter's 8 digits, not \"%s\"", st->word[1]);
			has_id = true;
		} else if (strcmp(k, "key") == 0) {
			if (!cfg_want_args(d, st, 1, 1, "key 32-HEX-DIGITS"))
				continue;
			if (!parse_key(st->word[1], mc->key))
				cfg_diag_error(d, st->line, st->col[1],
				               "key: expected 32 hex digits (AES-128), not \"%s\"", st->word[1]);
			mc->has_key = true;
		} else if (strcmp(k, "driver") == 0) {
			if (cfg_want_args(d, st, 1, 1, "driver auto|kamstrup"))
				cfg_get_str(d, st, 1, mc->driver, sizeof(mc->driver));
		} else if (strcmp(k, "silent") == 0) {
			if (cfg_want_args(d, st, 1, 1, "silent 30m"))
				cfg_get_duration(d, st, 1, &mc->silent_ms);
		} else {
			cfg_unknown_key(d, st, "wmbus_meter", "id, key, driver, silent");
		}
	}
	if (!has_id)
		cfg_diag_error(d, s->line, s->col, "wmbus_meter \"%s\": id missing", s->label);
	return d->errors - before;
}

int
wmbus_section_check(const struct cfg_section *s, struct cfg_diag *d)
{
	struct rx_conf rc;
	return read_rx_conf(s, d, &rc);
}

int
wmbus_meter_section_check(const struct cfg_section *s, struct cfg_diag *d)
{
	struct meter_conf mc;
	int               before = d->errors;

	read_meter_conf(s, d, &mc);

	/* two blocks for one id would split its values */
	/* a block with other mistakes still has its id compared */
	for (const struct cfg_section *o = s->next; o != NULL; o = o->next) {
		struct meter_conf oc;
		struct cfg_diag   quiet = {.file = d->file, .errs = NULL};
		if (strcmp(o->kind, "wmbus_meter") != 0)
			continue;
		read_meter_conf(o, &quiet, &oc);
		if (oc.id != 0 && oc.id == mc.id)
			cfg_diag_error(d, o->line, o->col, "wmbus_meter \"%s\": id %08X is also \"%s\"",
			               o->label, (unsigned)oc.id, s->label);
		if (oc.name[0] != '\0' && strcmp(oc.name, mc.name) == 0)
			cfg_diag_error(d, o->line, o->col, "wmbus_meter \"%s\" is defined twice", o->label);
	}
	return d->errors - before;
}

/* ---- running ---- */

struct wm_meter {
	struct meter_conf conf;
	struct rd_meter  *rd;
	struct rd_health  h;
	enum wmbus_result last_result; /* to log a change once */
	bool              logged;
	uint64_t          last_ok;     /* loop time of the last good telegram, 0 none */
	uint32_t          interval_ms; /* between good telegrams, as the meter sends them */
};

/*
 * Silent: nothing good for three of the meter's intervals (at least a
 * minute), or for `silent`, or an hour while its interval is unknown (a
 * meter may send every 16 s or once a day).
 */
#define SILENT_INTERVALS  3u
#define SILENT_FLOOR_MS   60000u
#define SILENT_DEFAULT_MS 3600000u
#define SILENT_CHECK_MS   10000u

struct wm_receiver {
	struct wmbus_source *src;
	struct rx_conf       conf;
	struct bus          *bus;
	struct bus_client    client;
	int                  fd; /* file or stdin, -1 none */
	struct ev_io         io;
	struct wmbus_rx      rx;
	uint32_t             telegrams, errors, duplicates;
};

struct wm_dup {
	uint32_t id;
	uint8_t  acc;
	bool     used;
	uint64_t at;
};

struct wmbus_source {
	struct ev_loop      *loop;
	struct readings     *rd;
	struct wm_meter     *meters;
	size_t               n_meters;
	struct wm_receiver  *rxs;
	size_t               n_rxs;
	struct wmbus_ctx     ctx;
	struct wmbus_msg     msg;
	struct wm_dup        dups[DUPS_MAX];
	size_t               dup_next;
	struct ev_timer      silence;
	char                 text[MBUS_TEXT_MAX];
};

static struct wm_meter *
meter_by_id(struct wmbus_source *s, uint32_t id)
{
	for (size_t i = 0; i < s->n_meters; i++)
		if (s->meters[i].conf.id == id)
			return &s->meters[i];
	return NULL;
}

/* True when id + access number came within the window (from any receiver). */
static bool
duplicate(struct wmbus_source *s, uint32_t id, uint8_t acc, uint32_t window_ms)
{
	uint64_t now = ev_now(s->loop);

	for (size_t i = 0; i < DUPS_MAX; i++) {
		struct wm_dup *d = &s->dups[i];
		if (d->used && d->id == id && d->acc == acc && now - d->at < window_ms)
			return true;
	}
	s->dups[s->dup_next] = (struct wm_dup){.id = id, .acc = acc, .used = true, .at = now};
	s->dup_next = (s->dup_next + 1) % DUPS_MAX;
	return false;
}

static void
note_unknown(struct wmbus_source *s, const struct wm_receiver *r, const struct wmbus_info *in)
{
	struct rd_stranger u;

	memset(&u, 0, sizeof(u));
	snprintf(u.protocol, sizeof(u.protocol), "wmbus");
	snprintf(u.id, sizeof(u.id), "%08X", (unsigned)in->id);
	mbus_manufacturer(in->manufacturer, u.manufacturer);
	snprintf(u.kind, sizeof(u.kind), "%s", mbus_medium_name(in->device_type));
	u.version = in->version;
	snprintf(u.receiver, sizeof(u.receiver), "%s", r->conf.name);
	snprintf(u.result, sizeof(u.result), "%s", wmbus_result_name(in->result));
	if (readings_stranger_heard(s->rd, &u))
		log_info("wmbus: %s: meter %s (%s, %s, version %u) is not configured; "
		         "add a wmbus_meter block with its id to read it",
		         r->conf.name, u.id, u.manufacturer, u.kind, u.version);
}

/*
 * The wired M-Bus name ("energy", "volume_flow_max", "energy_tariff1_storage2",
 * mbus_reading_name), made unique within one telegram with "_2", "_3" ...
 */
static void
point_name(const struct reading *rd, char used[][RD_NAME_MAX], size_t n_used, char *out, size_t cap)
{
	char     base[RD_NAME_MAX];
	unsigned dup = 1;

	mbus_reading_name(rd, base, sizeof(base));
	snprintf(out, cap, "%s", base);
	for (;;) {
		size_t i;
		for (i = 0; i < n_used; i++)
			if (strcmp(used[i], out) == 0)
				break;
		if (i == n_used || dup >= 99)
			return;
		dup++;
		snprintf(out, cap, "%.*s_%u", (int)(cap - 4), base, dup % 100);
	}
}

static void
publish(struct wmbus_source *s, struct wm_meter *m)
{
	static char          used[VALUES_MAX][RD_NAME_MAX];
	struct wmbus_rec_walk w;
	struct reading        rd;
	size_t                n_used = 0;

	wmbus_walk_begin(&s->msg, &w);
	while (wmbus_next_reading(&s->msg, &w, &rd, s->text) > 0) {
		struct rd_point_in in = {0};
		char               name[RD_NAME_MAX], num[READING_NUM_MAX];
		enum rd_class      cls = RD_CLASS_MEASUREMENT;

		/* a date the meter leaves unset (type G FFFF): no value, not a text to show */
		if (rd.type == READING_TEXT && rd.quantity != NULL &&
		    strncmp(rd.quantity, "date", 4) == 0 && rd.time_kind == READING_TIME_NONE)
			continue;
		point_name(&rd, used, n_used, name, sizeof(name));
		if (n_used < VALUES_MAX)
			snprintf(used[n_used++], RD_NAME_MAX, "%s", name);
		in.name = name;
		in.source_id = rd.id;
		in.precision = -1;
		in.unit = rd.unit;
		if (rd.type == READING_TEXT) {
			in.is_text = true;
			in.text = (const char *)rd.text;
			in.text_len = rd.text_len;
			in.quantity = RD_Q_TEXT;
			in.cls = RD_CLASS_NONE;
		} else {
			in.raw = rd.raw;
			in.scaler = rd.scaler;
			/*
			 * A value from a storage (a set day, a month) or a max/min is not
			 * the meter's running total: it must not pass for one.
			 */
			if ((rd.storage > 0 || rd.function != 0)) {
				in.quantity = rd_quantity_from_unit(rd.unit, &cls);
				in.cls = RD_CLASS_MEASUREMENT;
			}
		}
		if (readings_point(s->rd, m->rd, &in) == NULL)
			continue;
		if (log_get_verbosity() >= 2) {
			if (rd.type == READING_TEXT)
				log_debug("wmbus: %s/%s = \"%.*s\"", m->conf.name, name, (int)rd.text_len,
				          (const char *)rd.text);
			else {
				reading_format_number(rd.raw, rd.scaler, num);
				log_debug("wmbus: %s/%s = %s %s", m->conf.name, name, num, rd.unit);
			}
		}
	}
	readings_batch_end(s->rd, m->rd);
}

static void
telegram(struct wm_receiver *r)
{
	struct wmbus_source     *s = r->src;
	const struct wmbus_info *in = &s->msg.info;
	struct wm_meter         *m;
	enum wmbus_result        res;

	r->telegrams++;
	res = wmbus_parse(&s->ctx, &s->msg, r->rx.tel, r->rx.tel_len);
	if (in->id != 0 || in->manufacturer != 0) {
		if (duplicate(s, in->id, in->access_no, r->conf.dedup_ms)) {
			r->duplicates++;
			log_debug("wmbus: %s: %08X access %u again (repeater or second receiver): dropped",
			          r->conf.name, (unsigned)in->id, in->access_no);
			return;
		}
	}
	if ((m = meter_by_id(s, in->id)) == NULL) {
		note_unknown(s, r, in);
		return;
	}
	if (res == WMBUS_OK) {
		uint64_t now = ev_now(s->loop);
		m->h.frames_ok++;
		m->h.state = RD_STATE_UP;
		m->h.last_good_ms = rd_wall_ms();
		/* the shortest gap seen is the meter's interval (telegrams get lost, never early) */
		if (m->last_ok != 0 && now > m->last_ok &&
		    (m->interval_ms == 0 || now - m->last_ok < m->interval_ms)) {
			m->interval_ms = (uint32_t)(now - m->last_ok);
			m->rd->expect_ms = m->interval_ms;
		}
		m->last_ok = now;
	} else if (res == WMBUS_CRC_ERROR) {
		m->h.crc_errors++;
	} else {
		m->h.invalid++;
		if (m->h.state != RD_STATE_UP)
			m->h.state = RD_STATE_ERRORS;
	}
	snprintf(m->h.port, sizeof(m->h.port), "%.*s", (int)sizeof(m->h.port) - 1,
	         r->conf.has_port ? r->conf.port.spec : r->conf.file);
	m->h.port_open = true;
	if (res != m->last_result || !m->logged) {
		if (res == WMBUS_OK)
			log_info("wmbus: %s (%08X): telegrams read (via %s)", m->conf.name,
			         (unsigned)m->conf.id, r->conf.name);
		else
			log_warnx("wmbus: %s (%08X): %s: %s", m->conf.name, (unsigned)m->conf.id,
			          wmbus_result_name(res), in->error ? in->error : "");
		m->last_result = res;
		m->logged = true;
	}
	log_debug("wmbus: %s: telegram access %u, %s, %u records", m->conf.name, in->access_no,
	          wmbus_result_name(res), in->records);
	if (res == WMBUS_OK)
		publish(s, m);
	readings_health(s->rd, m->rd, &m->h);
}

static void
feed(struct wm_receiver *r, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (wmbus_rx_byte(&r->rx, p[i])) {
		case WMBUS_RX_TELEGRAM:
			telegram(r);
			break;
		case WMBUS_RX_REPLY:
			if (r->rx.text != NULL)
				log_debug("wmbus: %s: dongle says \"%s\"", r->conf.name, r->rx.text);
			else
				log_debug("wmbus: %s: dongle answered message %02X", r->conf.name,
				          r->rx.reply_id);
			break;
		case WMBUS_RX_ERROR:
			r->errors++;
			log_debug("wmbus: %s: dropped: %s", r->conf.name, r->rx.error);
			break;
		case WMBUS_RX_NONE:
			break;
		}
	}
}

static void
on_rx(struct bus_client *c, const uint8_t *p, size_t n, uint64_t now)
{
	(void)now;
	feed(c->data, p, n);
}

static void
on_state(struct bus_client *c, bool up)
{
	struct wm_receiver *r = c->data;
	uint8_t             setup[64];
	size_t              n;

	wmbus_rx_init(&r->rx, r->conf.dongle);
	r->rx.amb_rssi = r->conf.rssi;
	if (!up)
		return;
	/* the receive mode, each time the dongle (re)appears */
	n = wmbus_rx_setup(r->conf.dongle, r->conf.mode, setup, sizeof(setup));
	if (n > 0 && bus_write(r->bus, setup, n) < 0)
		log_warnx("wmbus: %s: cannot send the %s setup", r->conf.name,
		          wmbus_dongle_name(r->conf.dongle));
}

static void
on_grant(struct bus_client *c)
{
	(void)c; /* the receiver only listens and never queues for the bus */
}

static void
file_cb(struct ev_loop *loop, struct ev_io *w, unsigned revents)
{
	struct wm_receiver *r = w->data;
	uint8_t             buf[4096];
	ssize_t             n;

	(void)revents;
	n = read(r->fd, buf, sizeof(buf));
	if (n > 0) {
		feed(r, buf, (size_t)n);
		return;
	}
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	feed(r, (const uint8_t *)"\n", 1); /* a last line without its newline */
	if (n < 0)
		log_warn("wmbus: %s: %s", r->conf.name, r->conf.file);
	else
		log_info("wmbus: %s: end of %s (%u telegrams, %u dropped, %u duplicates)", r->conf.name,
		         strcmp(r->conf.file, "-") == 0 ? "stdin" : r->conf.file, r->telegrams,
		         r->errors, r->duplicates);
	ev_io_stop(loop, w);
	if (r->fd != STDIN_FILENO)
		close(r->fd);
	r->fd = -1;
}

static uint32_t
silence_ms(const struct wm_meter *m)
{
	uint32_t t;

	if (m->conf.silent_ms != 0)
		return m->conf.silent_ms;
	if (m->interval_ms == 0)
		return SILENT_DEFAULT_MS;
	t = m->interval_ms * SILENT_INTERVALS;
	return t < SILENT_FLOOR_MS ? SILENT_FLOOR_MS : t;
}

/* How often to look: SILENT_CHECK_MS, or half the shortest configured limit. */
static uint32_t
check_period(const struct wmbus_source *s)
{
	uint32_t p = SILENT_CHECK_MS;

	for (size_t i = 0; i < s->n_meters; i++)
		if (s->meters[i].conf.silent_ms != 0 && s->meters[i].conf.silent_ms / 2 < p)
			p = s->meters[i].conf.silent_ms / 2;
	return p < 100 ? 100 : p;
}

static void
silence_cb(struct ev_loop *loop, struct ev_timer *t)
{
	struct wmbus_source *s = t->data;
	uint64_t             now = ev_now(loop);

	for (size_t i = 0; i < s->n_meters; i++) {
		struct wm_meter *m = &s->meters[i];
		if (m->h.state == RD_STATE_UP && now - m->last_ok > silence_ms(m)) {
			m->h.state = RD_STATE_SILENT;
			readings_health(s->rd, m->rd, &m->h);
		}
	}
	ev_timer_start(loop, t, check_period(s));
}

static void
receiver_start(struct wmbus_source *s, struct wm_receiver *r)
{
	r->src = s;
	r->fd = -1;
	wmbus_rx_init(&r->rx, r->conf.dongle);
	r->rx.amb_rssi = r->conf.rssi;
	if (r->conf.file[0] != '\0') {
		if (strcmp(r->conf.file, "-") == 0)
			r->fd = STDIN_FILENO;
		else
			r->fd = open(r->conf.file, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
		if (r->fd < 0) {
			log_warn("wmbus: %s: %s", r->conf.name, r->conf.file);
			return;
		}
		ev_io_init(&r->io, file_cb, r);
		ev_io_start(s->loop, &r->io, r->fd, EV_READ);
		log_info("wmbus: %s: reading telegrams from %s", r->conf.name,
		         strcmp(r->conf.file, "-") == 0 ? "stdin" : r->conf.file);
		return;
	}
	{
		struct serial_params p;
		serial_params_default(&p);
		p.baud = r->conf.baud;
		r->bus = bus_new(s->loop, &r->conf.port, &p);
	}
	if (r->bus == NULL) {
		log_warnx("wmbus: %s: out of memory", r->conf.name);
		return;
	}
	r->client.on_rx = on_rx;
	r->client.on_state = on_state;
	r->client.on_grant = on_grant;
	r->client.data = r;
	bus_add_client(r->bus, &r->client);
	log_info("wmbus: %s: %s on %s, mode %s", r->conf.name, wmbus_dongle_name(r->conf.dongle),
	         r->conf.port.spec, wmbus_mode_name(r->conf.mode));
}

struct wmbus_source *
wmbus_source_start(struct ev_loop *loop, struct readings *rd, const struct cfg *c)
{
	struct wmbus_source      *s = calloc(1, sizeof(*s));
	struct cfg_diag           quiet = {.file = c->file, .errs = NULL};
	const struct cfg_section *sec;
	size_t                    nm = 0, nr = 0;

	if (s == NULL)
		return NULL;
	s->loop = loop;
	s->rd = rd;
	wmbus_ctx_init(&s->ctx, &platform_aes128);
	for (sec = c->sections; sec != NULL; sec = sec->next) {
		nm += strcmp(sec->kind, "wmbus_meter") == 0;
		nr += strcmp(sec->kind, "wmbus") == 0;
	}
	s->meters = calloc(nm ? nm : 1, sizeof(*s->meters));
	s->rxs = calloc(nr ? nr : 1, sizeof(*s->rxs));
	if (s->meters == NULL || s->rxs == NULL) {
		wmbus_source_stop(s);
		return NULL;
	}
	for (sec = c->sections; sec != NULL; sec = sec->next) {
		if (strcmp(sec->kind, "wmbus_meter") == 0) {
			struct wm_meter *m = &s->meters[s->n_meters];
			if (read_meter_conf(sec, &quiet, &m->conf) != 0)
				continue;
			if (m->conf.has_key && wmbus_ctx_add_key(&s->ctx, m->conf.id, m->conf.key) != 0)
				log_warnx("wmbus: %s: more than %d keys, this one is not used",
				          m->conf.name, WMBUS_KEYS_MAX);
			m->rd = readings_meter_add(rd, m->conf.name, "wmbus");
			if (m->rd == NULL)
				continue;
			snprintf(m->rd->serial, sizeof(m->rd->serial), "%08X", (unsigned)m->conf.id);
			m->h.state = RD_STATE_STARTING;
			m->last_result = WMBUS_OK;
			s->n_meters++;
		} else if (strcmp(sec->kind, "wmbus") == 0) {
			if (read_rx_conf(sec, &quiet, &s->rxs[s->n_rxs].conf) == 0)
				s->n_rxs++;
		}
	}
	for (size_t i = 0; i < s->n_rxs; i++)
		receiver_start(s, &s->rxs[i]);
	ev_timer_init(&s->silence, silence_cb, s);
	if (s->n_meters > 0)
		ev_timer_start(loop, &s->silence, check_period(s));
	if (s->n_rxs > 0)
		log_info("wmbus: %zu receiver%s, %zu meter%s configured", s->n_rxs,
		         s->n_rxs == 1 ? "" : "s", s->n_meters, s->n_meters == 1 ? "" : "s");
	return s;
}

void
wmbus_source_stop(struct wmbus_source *s)
{
	if (s == NULL)
		return;
	if (ev_timer_active(&s->silence))
		ev_timer_stop(s->loop, &s->silence);
	for (size_t i = 0; i < s->n_rxs; i++) {
		struct wm_receiver *r = &s->rxs[i];
		if (r->bus != NULL) {
			bus_remove_client(r->bus, &r->client);
			bus_free(r->bus);
		}
		if (r->fd >= 0) {
			ev_io_stop(s->loop, &r->io);
			if (r->fd != STDIN_FILENO)
				close(r->fd);
		}
	}
	free(s->rxs);
	free(s->meters);
	free(s);
}
