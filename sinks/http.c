/*
 * http.c - the web server on the daemon's loop; see http.h.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <zlib.h>

#include "history.h"
#include "http.h"
#include "http_impl.h"
#include "jsonw.h"
#include "meterd/reading.h"
#include "platform/posix/ev.h"
#include "platform/posix/log.h"
#include "prometheus.h"
#include "readings.h"
#include "web_assets.h"

/* --- configuration */

static int
read_section(const struct cfg_section *s, struct http_conf *hc, struct cfg_diag *d)
{
	int errors = d->errors;

	for (size_t i = 0; i < s->n_settings; i++) {
		const struct cfg_setting *st = &s->settings[i];
		const char               *k = st->word[0];
		uint64_t                  n;

		if (strcmp(k, "listen") == 0) {
			if (cfg_want_args(d, st, 1, 1, "listen ADDR:PORT"))
				cfg_get_hostport(d, st, 1, hc->host, sizeof(hc->host), &hc->port);
		} else if (strcmp(k, "clients") == 0) {
			if (cfg_want_args(d, st, 1, 1, "clients N") && cfg_get_uint(d, st, 1, 4, 4096, &n))
				hc->max_clients = (uint32_t)n;
		} else if (strcmp(k, "streams") == 0) {
			if (cfg_want_args(d, st, 1, 1, "streams N") && cfg_get_uint(d, st, 1, 1, 1024, &n))
				hc->max_events = (uint32_t)n;
		} else if (strcmp(k, "timeout") == 0) {
			uint32_t ms;
			if (cfg_want_args(d, st, 1, 1, "timeout DURATION") && cfg_get_duration(d, st, 1, &ms)) {
				if (ms < 1000)
					cfg_diag_error(d, st->line, st->col[1], "timeout: at least 1s");
				else
					hc->timeout_ms = ms;
			}
		} else
			cfg_unknown_key(d, st, "http", "listen, clients, streams, timeout");
	}
	return d->errors - errors;
}

static void
conf_defaults(struct http_conf *hc)
{
	memset(hc, 0, sizeof(*hc));
	snprintf(hc->host, sizeof(hc->host), "%s", HTTP_DEFAULT_HOST);
	hc->port = HTTP_DEFAULT_PORT;
	hc->max_clients = 64;
	hc->max_events = 32;
	hc->timeout_ms = 30000;
}

int
http_check(const struct cfg_section *s, struct cfg_diag *d)
{
	struct http_conf hc;

	conf_defaults(&hc);
	return read_section(s, &hc, d);
}

int
http_conf_read(const struct cfg *c, struct http_conf *hc, struct cfg_diag *d)
{
	const struct cfg_section *s = cfg_section_find(c, "http");

	conf_defaults(hc);
	if (s == NULL)
		return 0;
	hc->enabled = true;
	return read_section(s, hc, d);
}

int
http_parse_listen(const char *s, struct http_conf *hc)
{
	char               word[160];
	char              *w[2] = {(char *)"listen", word};
	struct cfg_setting st = {.n = 2, .line = 1};
	struct cfg_diag    d = {.file = "--http"};

	conf_defaults(hc);
	if (strncmp(s, "http://", 7) == 0)
		s += 7;
	snprintf(word, sizeof(word), "%s", s);
	if (word[0] != '\0' && word[strlen(word) - 1] == '/')
		word[strlen(word) - 1] = '\0';
	memcpy(st.word, w, sizeof(w));
	if (!cfg_get_hostport(&d, &st, 1, hc->host, sizeof(hc->host), &hc->port))
		return -1;
	hc->enabled = true;
	return 0;
}

/* --- the loop: MHD's descriptor and timeout */

static void
reschedule(struct http *h)
{
	MHD_UNSIGNED_LONG_LONG to;

	if (h->d == NULL)
		return;
	if (MHD_get_timeout(h->d, &to) == MHD_YES)
		ev_timer_start(h->loop, &h->tmo, to);
	else
		ev_timer_stop(h->loop, &h->tmo);
}

static unsigned
connections(const struct http *h)
{
	const union MHD_DaemonInfo *i = MHD_get_daemon_info(h->d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);

	return i != NULL ? i->num_connections : 0;
}

static void
run_mhd(struct http *h)
{
	unsigned before = connections(h);

	MHD_run(h->d);
	/*
	 * At its connection limit MHD takes the listening socket out of its
	 * epoll set and puts it back in the next run once a connection has
	 * closed; without that run, clients waiting in the backlog would wait
	 * until some other event.
	 */
	if (connections(h) < before)
		MHD_run(h->d);
	reschedule(h);
}

static void
io_cb(struct ev_loop *loop, struct ev_io *w, unsigned revents)
{
	(void)loop;
	(void)revents;
	run_mhd(w->data);
}

static void
tmo_cb(struct ev_loop *loop, struct ev_timer *t)
{
	(void)loop;
	run_mhd(t->data);
}

/* MHD runs in the next loop turn (after a resume, never inside a seam callback). */
static void
kick(struct http *h)
{
	ev_timer_start(h->loop, &h->tmo, 0);
}

/* --- event streams */

static void
sse_resume(struct sse *c)
{
	if (c->suspended) {
		c->suspended = false;
		MHD_resume_connection(c->conn);
		kick(c->http);
	}
}

/* Appends text to one client, dropping it when it is too far behind. */
static void
sse_append(struct sse *c, const char *s, size_t n)
{
	if (c->dead)
		return;
	if (c->len + n > SSE_BUF_MAX) {
		c->dead = true;
		c->http->dropped_slow++;
		log_info("http: an event stream client is too slow, dropped");
		sse_resume(c);
		return;
	}
	if (c->off > 0 && c->len + n > SSE_BUF_MAX / 2) {
		memmove(c->buf, c->buf + c->off, c->len - c->off);
		c->len -= c->off;
		c->off = 0;
	}
	memcpy(c->buf + c->len, s, n);
	c->len += n;
	sse_resume(c);
}

static void
sse_broadcast(struct http *h, const char *s, size_t n)
{
	for (struct sse *c = h->clients; c != NULL; c = c->next)
		if (!c->is_raw)
			sse_append(c, s, n);
}

static bool
has_event_clients(const struct http *h)
{
	for (const struct sse *c = h->clients; c != NULL; c = c->next)
		if (!c->is_raw)
			return true;
	return false;
}

static ssize_t
sse_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct sse *c = cls;
	size_t      n;

	(void)pos;
	if (c->dead || c->http->stopping)
		return MHD_CONTENT_READER_END_WITH_ERROR;
	if (c->off == c->len) {
		c->off = c->len = 0;
		/* nothing to send: park the connection until an event resumes it */
		c->suspended = true;
		MHD_suspend_connection(c->conn);
		return 0;
	}
	n = c->len - c->off;
	if (n > max)
		n = max;
	memcpy(buf, c->buf + c->off, n);
	c->off += n;
	return (ssize_t)n;
}

static void
sse_free(void *cls)
{
	struct sse *c = cls;
	struct http *h = c->http;

	for (struct sse **pp = &h->clients; *pp != NULL; pp = &(*pp)->next)
		if (*pp == c) {
			*pp = c->next;
			h->n_clients--;
			break;
		}
	if (c->is_raw) {
		readings_tap(h->rd, &c->raw_sink, "");
		readings_unsubscribe(h->rd, &c->raw_sink);
	}
	free(c->buf);
	free(c);
}

static void
keepalive_cb(struct ev_loop *loop, struct ev_timer *t)
{
	struct http *h = t->data;
	static const char ping[] = ": keepalive\n\n";

	for (struct sse *c = h->clients; c != NULL; c = c->next)
		sse_append(c, ping, sizeof(ping) - 1);
	ev_timer_start(loop, t, KEEPALIVE_MS);
}

/* --- responses */

enum MHD_Result
http_send_buf(struct MHD_Connection *conn, unsigned status, const char *type, char *buf, size_t len)
{
	struct MHD_Response *r =
	    MHD_create_response_from_buffer(len, buf, MHD_RESPMEM_MUST_FREE);
	enum MHD_Result ret;

	if (r == NULL) {
		free(buf);
		return MHD_NO;
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	ret = MHD_queue_response(conn, status, r);
	MHD_destroy_response(r);
	return ret;
}


bool
http_out_open(struct out *o)
{
	o->buf = NULL;
	o->len = 0;
	o->f = open_memstream(&o->buf, &o->len);
	if (o->f == NULL)
		return false;
	jsonw_init(&o->w, o->f);
	return true;
}

enum MHD_Result
http_out_send(struct out *o, struct MHD_Connection *conn, unsigned status, const char *type)
{
	if (fclose(o->f) != 0) {
		free(o->buf);
		return MHD_NO;
	}
	return http_send_buf(conn, status, type, o->buf, o->len);
}

enum MHD_Result
http_send_error(struct MHD_Connection *conn, unsigned status, const char *msg)
{
	struct out o;

	if (!http_out_open(&o))
		return MHD_NO;
	jsonw_obj_open(&o.w);
	jsonw_str(&o.w, "error", msg);
	jsonw_obj_close(&o.w);
	return http_out_send(&o, conn, status, "application/json");
}

void
http_value_number(struct jsonw *w, const char *key, const struct rd_value *v)
{
	char num[READING_NUM_MAX];

	reading_format_number(v->raw, v->scaler, num);
	jsonw_raw_number(w, key, num);
}

static void
health_fields(struct jsonw *w, const struct rd_health *hh)
{
	jsonw_uint(w, "frames_ok", hh->frames_ok);
	jsonw_uint(w, "crc_errors", hh->crc_errors);
	jsonw_uint(w, "msg_crc_errors", hh->msg_crc_errors);
	jsonw_uint(w, "invalid", hh->invalid);
	jsonw_uint(w, "parity_errors", hh->parity_errors);
	jsonw_uint(w, "timeouts", hh->timeouts);
	jsonw_uint(w, "exceptions", hh->exceptions);
	jsonw_uint(w, "guard_flags", hh->guard_flags);
	jsonw_int(w, "last_good", hh->last_good_ms);
	jsonw_str(w, "port", hh->port);
	jsonw_bool(w, "port_open", hh->port_open);
}

static enum MHD_Result
api_meters(struct http *h, struct MHD_Connection *conn)
{
	struct out o;

	if (!http_out_open(&o))
		return MHD_NO;
	jsonw_obj_open(&o.w);
	jsonw_arr_open(&o.w, "meters");
	for (size_t i = 0; i < readings_meter_count(h->rd); i++) {
		const struct rd_meter *m = readings_meter_at(h->rd, i);
		jsonw_obj_open(&o.w);
		jsonw_str(&o.w, "name", m->name);
		jsonw_str(&o.w, "protocol", m->protocol);
		jsonw_str(&o.w, "manufacturer", m->manufacturer);
		jsonw_str(&o.w, "model", m->model);
		jsonw_str(&o.w, "state", rd_state_name(m->health.state));
		jsonw_int(&o.w, "since", m->health.since_ms);
		jsonw_uint(&o.w, "expect_ms", m->expect_ms);
		jsonw_key_obj_open(&o.w, "health");
		health_fields(&o.w, &m->health);
		jsonw_obj_close(&o.w);
		jsonw_arr_open(&o.w, "values");
		for (size_t k = 0; k < m->n_values; k++) {
			const struct rd_value *v = &m->values[k];
			jsonw_obj_open(&o.w);
			jsonw_str(&o.w, "id", v->id);
			jsonw_str(&o.w, "name", v->name);
			jsonw_str(&o.w, "group", v->group);
			jsonw_str(&o.w, "quantity", rd_quantity_name(v->quantity));
			jsonw_str(&o.w, "class", rd_class_name(v->cls));
			jsonw_str(&o.w, "unit", v->unit);
			jsonw_int(&o.w, "precision", v->precision);
			jsonw_obj_close(&o.w);
		}
		jsonw_arr_close(&o.w);
		jsonw_obj_close(&o.w);
	}
	jsonw_arr_close(&o.w);
	jsonw_obj_close(&o.w);
	return http_out_send(&o, conn, MHD_HTTP_OK, "application/json");
}

/* Devices heard that no meter is configured for, with what a meter block needs. */
static enum MHD_Result
api_unconfigured(struct http *h, struct MHD_Connection *conn)
{
	struct out o;

	if (!http_out_open(&o))
		return MHD_NO;
	jsonw_obj_open(&o.w);
	jsonw_arr_open(&o.w, "devices");
	for (size_t i = 0; i < readings_stranger_count(h->rd); i++) {
		const struct rd_stranger *s = readings_stranger_at(h->rd, i);
		jsonw_obj_open(&o.w);
		jsonw_str(&o.w, "protocol", s->protocol);
		jsonw_str(&o.w, "id", s->id);
		jsonw_str(&o.w, "manufacturer", s->manufacturer);
		jsonw_str(&o.w, "kind", s->kind);
		jsonw_uint(&o.w, "version", s->version);
		jsonw_str(&o.w, "receiver", s->receiver);
		jsonw_uint(&o.w, "heard", s->heard);
		jsonw_int(&o.w, "last", s->last_ms);
		jsonw_str(&o.w, "result", s->result);
		jsonw_obj_close(&o.w);
	}
	jsonw_arr_close(&o.w);
	jsonw_obj_close(&o.w);
	return http_out_send(&o, conn, MHD_HTTP_OK, "application/json");
}

void
http_set_snapshots(struct http *h, http_snapshot_fn *fn)
{
	if (h != NULL)
		h->snapshot = fn;
}

/* A camera meter's last snapshot, aligned, its ROIs drawn: what was read. */
static enum MHD_Result
api_snapshot(struct http *h, struct MHD_Connection *conn)
{
	const char          *name = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "meter");
	uint8_t             *jpeg;
	size_t               len;
	int64_t              taken;
	char                 when[24];
	struct MHD_Response *r;
	enum MHD_Result      ret;

	if (name == NULL || name[0] == '\0')
		return http_send_error(conn, MHD_HTTP_BAD_REQUEST, "meter: missing");
	if (h->snapshot == NULL || h->snapshot(name, &jpeg, &len, &taken) != 0)
		return http_send_error(conn, MHD_HTTP_NOT_FOUND, "no snapshot of that meter (yet)");
	if ((r = MHD_create_response_from_buffer(len, jpeg, MHD_RESPMEM_MUST_FREE)) == NULL) {
		free(jpeg);
		return MHD_NO;
	}
	snprintf(when, sizeof(when), "%" PRId64, taken);
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "image/jpeg");
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	MHD_add_response_header(r, "X-Taken-Ms", when);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	ret = MHD_queue_response(conn, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return ret;
}

/* The fields of a value event and of /api/values. */
static void
value_fields(struct jsonw *w, const struct rd_meter *m, const struct rd_value *v, bool full)
{
	jsonw_str(w, "id", v->id);
	if (full) {
		jsonw_str(w, "meter", m->name);
		jsonw_str(w, "name", v->name);
	}
	if (v->is_text)
		jsonw_str(w, "text", v->text);
	else
		http_value_number(w, "value", v);
	jsonw_str(w, "unit", v->unit);
	jsonw_int(w, "rx", v->rx_ms);
	if (full) {
		if (v->meter_time != 0)
			jsonw_int(w, "meter_time_s", v->meter_time);
		else
			jsonw_null(w, "meter_time_s");
	}
}

static enum MHD_Result
api_values(struct http *h, struct MHD_Connection *conn)
{
	struct out o;

	if (!http_out_open(&o))
		return MHD_NO;
	jsonw_obj_open(&o.w);
	jsonw_int(&o.w, "time", rd_wall_ms());
	jsonw_arr_open(&o.w, "values");
	for (size_t i = 0; i < readings_meter_count(h->rd); i++) {
		const struct rd_meter *m = readings_meter_at(h->rd, i);
		for (size_t k = 0; k < m->n_values; k++)
			if (m->values[k].have) {
				jsonw_obj_open(&o.w);
				value_fields(&o.w, m, &m->values[k], true);
				jsonw_obj_close(&o.w);
			}
	}
	jsonw_arr_close(&o.w);
	jsonw_obj_close(&o.w);
	return http_out_send(&o, conn, MHD_HTTP_OK, "application/json");
}

/* A query argument as a whole decimal integer; absent leaves *v. */
bool
http_arg_i64(struct MHD_Connection *conn, const char *key, int64_t *v)
{
	const char *s = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, key);
	char       *end;
	long long   x;

	if (s == NULL)
		return true;
	errno = 0;
	x = strtoll(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0')
		return false;
	*v = x;
	return true;
}

/* %.12g: a chart needs no more, and 0.1 stays 0.1. */
static void
num(FILE *f, double v)
{
	if (v != v)
		fputs("null", f);
	else
		fprintf(f, "%.12g", v);
}

static enum MHD_Result
api_history(struct http *h, struct MHD_Connection *conn)
{
	const char            *id = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "id");
	const struct rd_value *v;
	int64_t                to = rd_wall_ms(), from, points = DEFAULT_POINTS;
	struct history_pt     *pts;
	const char            *res = "raw";
	struct out             o;
	int                    n;

	if (id == NULL || id[0] == '\0' || strlen(id) >= RD_ID_MAX)
		return http_send_error(conn, MHD_HTTP_BAD_REQUEST, "id: missing or too long");
	if (!http_arg_i64(conn, "to", &to))
		return http_send_error(conn, MHD_HTTP_BAD_REQUEST, "to: not a time in ms");
	from = to - 86400000;
	if (!http_arg_i64(conn, "from", &from))
		return http_send_error(conn, MHD_HTTP_BAD_REQUEST, "from: not a time in ms");
	if (!http_arg_i64(conn, "points", &points) || points < 1 || points > 10000)
		return http_send_error(conn, MHD_HTTP_BAD_REQUEST, "points: 1 to 10000");
	if (from >= to)
		return http_send_error(conn, MHD_HTTP_BAD_REQUEST, "from must be before to");
	v = readings_value_find(h->rd, id, NULL);
	if (h->hist == NULL)
		return http_send_error(conn, MHD_HTTP_NOT_FOUND, "history is off (no history section)");
	n = history_chart(h->hist, id, from, to, (int)points, &pts, &res);
	if (n == -ENOENT && v != NULL)
		n = 0, pts = NULL; /* known, nothing stored yet */
	if (n == -ENOENT)
		return http_send_error(conn, MHD_HTTP_BAD_REQUEST, "id: unknown");
	if (n < 0)
		return http_send_error(conn, MHD_HTTP_SERVICE_UNAVAILABLE, "history: query failed");
	if (!http_out_open(&o)) {
		free(pts);
		return MHD_NO;
	}
	jsonw_obj_open(&o.w);
	jsonw_str(&o.w, "id", id);
	jsonw_str(&o.w, "unit", v != NULL ? v->unit : "");
	jsonw_str(&o.w, "resolution", res);
	jsonw_int(&o.w, "from", from);
	jsonw_int(&o.w, "to", to);
	jsonw_arr_open(&o.w, "points");
	for (int i = 0; i < n; i++) {
		fprintf(o.f, "%s[%" PRId64 ",", i ? "," : "", pts[i].t);
		num(o.f, pts[i].mean);
		fputc(',', o.f);
		num(o.f, pts[i].min);
		fputc(',', o.f);
		num(o.f, pts[i].max);
		fputc(']', o.f);
	}
	jsonw_arr_close(&o.w);
	jsonw_obj_close(&o.w);
	free(pts);
	return http_out_send(&o, conn, MHD_HTTP_OK, "application/json");
}

static enum MHD_Result
api_consumption(struct http *h, struct MHD_Connection *conn)
{
	static const struct {
		const char         *name;
		enum history_bucket b;
		int64_t             span; /* default range */
	} buckets[] = {{"hour", HISTORY_HOUR, 48 * 3600000LL},
	               {"day", HISTORY_DAY, 31 * 86400000LL},
	               {"month", HISTORY_MONTH, 366 * 86400000LL}};
	const char *id = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "id");
	const char *bs = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "bucket");
	const struct rd_value *v;
	struct history_bar    *bars;
	int64_t                to = rd_wall_ms(), from;
	struct out             o;
	size_t                 b;
	int                    n;

	if (id == NULL || id[0] == '\0' || strlen(id) >= RD_ID_MAX)
		return http_send_error(conn, MHD_HTTP_BAD_REQUEST, "id: missing or too long");
	for (b = 0; b < 3; b++)
		if (bs != NULL && strcmp(bs, buckets[b].name) == 0)
			break;
	if (b == 3)
		return http_send_error(conn, MHD_HTTP_BAD_REQUEST, "bucket: hour, day or month");
	if (!http_arg_i64(conn, "to", &to))
		return http_send_error(conn, MHD_HTTP_BAD_REQUEST, "to: not a time in ms");
	from = to - buckets[b].span;
	if (!http_arg_i64(conn, "from", &from))
		return http_send_error(conn, MHD_HTTP_BAD_REQUEST, "from: not a time in ms");
	if (from >= to)
		return http_send_error(conn, MHD_HTTP_BAD_REQUEST, "from must be before to");
	v = readings_value_find(h->rd, id, NULL);
	if (v != NULL && v->cls != RD_CLASS_TOTAL)
		return http_send_error(conn, MHD_HTTP_BAD_REQUEST, "id: not a total (a meter reading)");
	if (h->hist == NULL)
		return http_send_error(conn, MHD_HTTP_NOT_FOUND, "history is off (no history section)");
	n = history_consumption(h->hist, id, buckets[b].b, from, to, &bars, MAX_BARS);
	if (n == -ENOENT && v != NULL)
		n = 0, bars = NULL;
	if (n == -ENOENT)
		return http_send_error(conn, MHD_HTTP_BAD_REQUEST, "id: unknown");
	if (n == -EINVAL)
		return http_send_error(conn, MHD_HTTP_BAD_REQUEST, "range: too many buckets");
	if (n < 0)
		return http_send_error(conn, MHD_HTTP_SERVICE_UNAVAILABLE, "history: query failed");
	if (!http_out_open(&o)) {
		free(bars);
		return MHD_NO;
	}
	jsonw_obj_open(&o.w);
	jsonw_str(&o.w, "id", id);
	jsonw_str(&o.w, "unit", v != NULL ? v->unit : "");
	jsonw_str(&o.w, "bucket", buckets[b].name);
	jsonw_arr_open(&o.w, "bars");
	for (int i = 0; i < n; i++) {
		fprintf(o.f, "%s[%" PRId64 ",", i ? "," : "", bars[i].t);
		num(o.f, bars[i].delta);
		fputc(']', o.f);
	}
	jsonw_arr_close(&o.w);
	jsonw_obj_close(&o.w);
	free(bars);
	return http_out_send(&o, conn, MHD_HTTP_OK, "application/json");
}

/* The ports the meters are on (what /api/raw accepts). */
static bool
port_known(const struct http *h, const char *port)
{
	for (size_t i = 0; i < readings_meter_count(h->rd); i++)
		if (strcmp(readings_meter_at(h->rd, i)->health.port, port) == 0)
			return true;
	return false;
}

static enum MHD_Result
api_ports(struct http *h, struct MHD_Connection *conn)
{
	struct out o;

	if (!http_out_open(&o))
		return MHD_NO;
	jsonw_obj_open(&o.w);
	jsonw_arr_open(&o.w, "ports");
	for (size_t i = 0; i < readings_meter_count(h->rd); i++) {
		const char *p = readings_meter_at(h->rd, i)->health.port;
		bool        seen = p[0] == '\0';
		for (size_t k = 0; k < i && !seen; k++)
			seen = strcmp(readings_meter_at(h->rd, k)->health.port, p) == 0;
		if (!seen)
			jsonw_str(&o.w, NULL, p);
	}
	jsonw_arr_close(&o.w);
	jsonw_obj_close(&o.w);
	return http_out_send(&o, conn, MHD_HTTP_OK, "application/json");
}

/* One raw event of the bytes a client has pending. */
static void
raw_send(struct sse *c)
{
	static const char hexd[] = "0123456789abcdef";
	char             *buf = NULL;
	size_t            len = 0;
	FILE             *f;
	struct jsonw      w;

	if (c->n_raw == 0)
		return;
	f = open_memstream(&buf, &len);
	if (f != NULL) {
		jsonw_init(&w, f);
		fputs("event: raw\ndata: ", f);
		jsonw_obj_open(&w);
		jsonw_str(&w, "port", c->raw_sink.tap);
		jsonw_str(&w, "dir", c->raw_tx ? "tx" : "rx");
		jsonw_int(&w, "t", c->raw_t);
		fputs(",\"hex\":\"", f);
		for (size_t i = 0; i < c->n_raw; i++) {
			fputc(hexd[c->raw[i] >> 4], f);
			fputc(hexd[c->raw[i] & 15], f);
		}
		fputs("\"}\n\n", f);
		if (fclose(f) == 0)
			sse_append(c, buf, len);
		free(buf);
	}
	c->n_raw = 0;
}

static void
raw_flush_cb(struct ev_loop *loop, struct ev_timer *t)
{
	struct http *h = t->data;

	(void)loop;
	for (struct sse *c = h->clients; c != NULL; c = c->next)
		if (c->is_raw)
			raw_send(c);
}

/* Bytes are gathered per direction and sent as one event per chunk or RAW_FLUSH_MS. */
static void
raw_cb(struct rd_sink *s, const char *port, bool tx, const uint8_t *p, size_t n)
{
	struct sse  *c = s->data;
	struct http *h = c->http;

	(void)port;
	while (n > 0 && !c->dead) {
		size_t k;
		if (c->n_raw > 0 && c->raw_tx != tx)
			raw_send(c);
		if (c->n_raw == 0) {
			c->raw_tx = tx;
			c->raw_t = rd_wall_ms();
		}
		k = sizeof(c->raw) - c->n_raw;
		if (k > n)
			k = n;
		memcpy(c->raw + c->n_raw, p, k);
		c->n_raw += k;
		p += k;
		n -= k;
		if (c->n_raw == sizeof(c->raw))
			raw_send(c);
	}
	if (c->n_raw > 0 && !ev_timer_active(&h->raw_flush))
		ev_timer_start(h->loop, &h->raw_flush, RAW_FLUSH_MS);
}

static enum MHD_Result
start_stream(struct http *h, struct MHD_Connection *conn, const char *raw_port)
{
	struct MHD_Response *r;
	struct sse          *c;
	enum MHD_Result      ret;
	static const char    hello[] = "retry: 3000\n\n";

	if (h->n_clients >= h->conf.max_events) {
		h->refused_events++;
		return http_send_error(conn, MHD_HTTP_SERVICE_UNAVAILABLE, "too many event streams");
	}
	c = calloc(1, sizeof(*c));
	if (c == NULL || (c->buf = malloc(SSE_BUF_MAX)) == NULL) {
		free(c);
		return MHD_NO;
	}
	c->http = h;
	c->conn = conn;
	memcpy(c->buf, hello, sizeof(hello) - 1);
	c->len = sizeof(hello) - 1;
	r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 4096, sse_read, c, sse_free);
	if (r == NULL) {
		free(c->buf);
		free(c);
		return MHD_NO;
	}
	c->next = h->clients;
	h->clients = c;
	h->n_clients++;
	if (raw_port != NULL) {
		c->is_raw = true;
		c->raw_sink = (struct rd_sink){.name = "http raw", .raw = raw_cb, .data = c};
		readings_subscribe(h->rd, &c->raw_sink);
		readings_tap(h->rd, &c->raw_sink, raw_port);
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "text/event-stream");
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	ret = MHD_queue_response(conn, MHD_HTTP_OK, r);
	MHD_destroy_response(r); /* sse_free runs when the connection is done with it */
	return ret;
}

/* Tasmota's Status 8: {"StatusSNS":{"Time":..,"<meter>":{"<value>":..}}}. */
static enum MHD_Result
tasmota_cm(struct http *h, struct MHD_Connection *conn)
{
	const char *cmnd = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "cmnd");
	struct out  o;
	char        ts[32];
	time_t      t = time(NULL);
	struct tm   tm;

	if (!http_out_open(&o))
		return MHD_NO;
	jsonw_obj_open(&o.w);
	/* Tasmota accepts "Status 8" and "status 8", with one space */
	if (cmnd == NULL || strcasecmp(cmnd, "Status 8") != 0) {
		jsonw_str(&o.w, "Command", "Unknown");
		jsonw_obj_close(&o.w);
		return http_out_send(&o, conn, MHD_HTTP_OK, "application/json");
	}
	localtime_r(&t, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%S", &tm);
	jsonw_key_obj_open(&o.w, "StatusSNS");
	jsonw_str(&o.w, "Time", ts);
	for (size_t i = 0; i < readings_meter_count(h->rd); i++) {
		const struct rd_meter *m = readings_meter_at(h->rd, i);
		bool                   open = false;
		for (size_t k = 0; k < m->n_values; k++) {
			const struct rd_value *v = &m->values[k];
			if (!v->have)
				continue;
			if (!open) {
				jsonw_key_obj_open(&o.w, m->name);
				open = true;
			}
			if (v->is_text)
				jsonw_str(&o.w, v->name, v->text);
			else
				http_value_number(&o.w, v->name, v);
		}
		if (open)
			jsonw_obj_close(&o.w);
	}
	jsonw_obj_close(&o.w);
	jsonw_obj_close(&o.w);
	return http_out_send(&o, conn, MHD_HTTP_OK, "application/json");
}

/* The history store's and this server's own counters (cap is at least 2048). */
static size_t
sinks_metrics(const struct http *h, char *buf, size_t cap)
{
	struct history_stats st = {0};
	int                  n = 0;

	if (h->hist != NULL) {
		history_get_stats(h->hist, &st);
		n = snprintf(buf, cap,
		             "# HELP meterd_history_points_total Readings the history store took, by fate.\n"
		             "# TYPE meterd_history_points_total counter\n"
		             "meterd_history_points_total{result=\"committed\"} %" PRIu64 "\n"
		             "meterd_history_points_total{result=\"dropped_queue_full\"} %" PRIu64 "\n"
		             "meterd_history_points_total{result=\"dropped_write_failed\"} %" PRIu64 "\n"
		             "# HELP meterd_history_write_errors_total Batches that could not be written (disk full, read-only, I/O).\n"
		             "# TYPE meterd_history_write_errors_total counter\n"
		             "meterd_history_write_errors_total %" PRIu64 "\n"
		             "# HELP meterd_history_ok 1 while the last batch was written.\n"
		             "# TYPE meterd_history_ok gauge\n"
		             "meterd_history_ok %d\n",
		             st.committed, st.dropped_full, st.dropped_db, st.write_errors,
		             st.db_ok || st.batches + st.write_errors == 0);
	}
	if (n < 0 || (size_t)n >= cap)
		return 0;
	n += snprintf(buf + n, cap - (size_t)n,
	              "# HELP meterd_http_requests_total Requests the web server answered.\n"
	              "# TYPE meterd_http_requests_total counter\n"
	              "meterd_http_requests_total %" PRIu64 "\n"
	              "# HELP meterd_http_events_dropped_total Event stream clients dropped as too slow.\n"
	              "# TYPE meterd_http_events_dropped_total counter\n"
	              "meterd_http_events_dropped_total %" PRIu64 "\n",
	              h->requests, h->dropped_slow);
	return (size_t)n < cap ? (size_t)n : cap - 1;
}

static enum MHD_Result
metrics(struct http *h, struct MHD_Connection *conn)
{
	size_t cap = 16384, n;
	char  *buf = NULL;

	for (;;) {
		char *p = realloc(buf, cap);
		if (p == NULL) {
			free(buf);
			return MHD_NO;
		}
		buf = p;
		n = prometheus_render(h->rd, buf, cap);
		if (n + 2048 < cap)
			break;
		cap = n + 4096; /* and room for the sinks' own counters */
	}
	n += sinks_metrics(h, buf + n, cap - n);
	return http_send_buf(conn, MHD_HTTP_OK, "text/plain; version=0.0.4; charset=utf-8", buf, n);
}

/* An asset's plain bytes (malloc'd), or NULL. */
static void *
inflate_asset(const struct web_asset *a, size_t *len)
{
	z_stream z;
	size_t   cap = a->gz_len * 4 + 1024;
	uint8_t *out = NULL;
	int      rc = Z_OK;

	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) /* 16: a gzip header */
		return NULL;
	z.next_in = (Bytef *)a->gz;
	z.avail_in = (uInt)a->gz_len;
	while (rc == Z_OK) {
		uint8_t *grown = realloc(out, cap);
		if (grown == NULL)
			break;
		out = grown;
		z.next_out = out + z.total_out;
		z.avail_out = (uInt)(cap - z.total_out);
		rc = inflate(&z, Z_NO_FLUSH);
		cap *= 2;
	}
	*len = z.total_out;
	inflateEnd(&z);
	if (rc != Z_STREAM_END) {
		free(out);
		return NULL;
	}
	return out;
}

static enum MHD_Result
asset(struct MHD_Connection *conn, const char *url)
{
	const struct web_asset *a = web_asset_find(url);
	const char *inm = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH);
	const char *ae = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_ENCODING);
	struct MHD_Response *r;
	enum MHD_Result      ret;
	unsigned             status = MHD_HTTP_OK;
	bool                 gz = true;

	if (a == NULL)
		return http_send_error(conn, MHD_HTTP_NOT_FOUND, "not found");
	if (inm != NULL && a->etag != NULL && strcmp(inm, a->etag) == 0) {
		status = MHD_HTTP_NOT_MODIFIED;
		r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
	} else if (ae == NULL || strstr(ae, "gzip") == NULL) {
		/* Stored compressed only (every browser takes gzip): inflate for the rest. */
		size_t len;
		void  *plain = inflate_asset(a, &len);
		if (plain == NULL)
			return http_send_error(conn, MHD_HTTP_INTERNAL_SERVER_ERROR, "cannot inflate the page");
		gz = false; /* other bytes: the gzip'd bytes' ETag is not theirs */
		r = MHD_create_response_from_buffer(len, plain, MHD_RESPMEM_MUST_FREE);
		if (r == NULL)
			free(plain);
		else
			MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, a->content_type);
	} else {
		r = MHD_create_response_from_buffer(a->gz_len, (void *)a->gz, MHD_RESPMEM_PERSISTENT);
		if (r != NULL) {
			MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip");
			MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, a->content_type);
		}
	}
	if (r == NULL)
		return MHD_NO;
	if (a->etag != NULL && gz)
		MHD_add_response_header(r, MHD_HTTP_HEADER_ETAG, a->etag);
	MHD_add_response_header(r, MHD_HTTP_HEADER_VARY, "Accept-Encoding");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	ret = MHD_queue_response(conn, status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result
handler(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
        const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
	struct http    *h = cls;
	enum MHD_Result ret;

	(void)version;
	if (*con_cls == NULL)
		h->requests++;
	if (strcmp(method, "POST") == 0)
		return http_control_post(h, conn, url, upload, upload_size, con_cls);
	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
		return http_send_error(conn, MHD_HTTP_METHOD_NOT_ALLOWED, "GET, or POST to log in and set parameters");
	if (*upload_size != 0) {
		*upload_size = 0; /* a GET's body means nothing here */
		return MHD_YES;
	}
	if (strcmp(url, "/api/meters") == 0)
		return api_meters(h, conn);
	if (strcmp(url, "/api/values") == 0)
		return api_values(h, conn);
	if (strcmp(url, "/api/history") == 0)
		return api_history(h, conn);
	if (strcmp(url, "/api/consumption") == 0)
		return api_consumption(h, conn);
	if (strcmp(url, "/api/events") == 0)
		return start_stream(h, conn, NULL);
	if (strcmp(url, "/api/ports") == 0)
		return api_ports(h, conn);
	if (strcmp(url, "/api/unconfigured") == 0)
		return api_unconfigured(h, conn);
	if (strcmp(url, "/api/snapshot") == 0)
		return api_snapshot(h, conn);
	if (strcmp(url, "/api/raw") == 0) {
		const char *port = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "port");
		if (port == NULL || !port_known(h, port))
			return http_send_error(conn, MHD_HTTP_BAD_REQUEST, "port: not one of /api/ports");
		return start_stream(h, conn, port);
	}
	if (http_control_get(h, conn, url, &ret))
		return ret;
	if (strcmp(url, "/cm") == 0)
		return tasmota_cm(h, conn);
	if (strcmp(url, "/metrics") == 0)
		return metrics(h, conn);
	return asset(conn, url);
}

/* --- the seam */

static void
event_send(struct http *h, const char *event, void (*fill)(struct jsonw *, const void *),
           const void *arg)
{
	char        *buf = NULL;
	size_t       len = 0;
	FILE        *f;
	struct jsonw w;

	if (!has_event_clients(h))
		return;
	f = open_memstream(&buf, &len);
	if (f == NULL)
		return;
	jsonw_init(&w, f);
	fprintf(f, "event: %s\ndata: ", event);
	jsonw_obj_open(&w);
	if (fill != NULL)
		fill(&w, arg);
	jsonw_obj_close(&w);
	fputs("\n\n", f);
	if (fclose(f) == 0)
		sse_broadcast(h, buf, len);
	free(buf);
}

static void
fill_value(struct jsonw *w, const void *arg)
{
	const struct rd_point *p = arg;

	value_fields(w, p->meter, p->value, false);
}

static void
fill_health(struct jsonw *w, const void *arg)
{
	const struct rd_meter *m = arg;

	jsonw_str(w, "meter", m->name);
	jsonw_str(w, "state", rd_state_name(m->health.state));
	jsonw_int(w, "since", m->health.since_ms);
}

static void
sink_point(struct rd_sink *s, const struct rd_point *p)
{
	event_send(s->data, "value", fill_value, p);
}

static size_t
count_values(const struct readings *rd)
{
	size_t n = 0;

	/* Values with a reading: a declared value's quantity and class settle at its first one. */
	for (size_t i = 0; i < readings_meter_count(rd); i++) {
		const struct rd_meter *m = readings_meter_at(rd, i);
		for (size_t k = 0; k < m->n_values; k++)
			n += m->values[k].have;
	}
	return n;
}

static void
sink_batch_end(struct rd_sink *s, const struct rd_meter *m)
{
	struct http *h = s->data;
	size_t       n = count_values(h->rd);

	(void)m;
	if (n != h->n_values) {
		/* a value joined: the page reloads the catalogue */
		h->n_values = n;
		event_send(h, "meters", NULL, NULL);
	}
}

static void
sink_meter(struct rd_sink *s, const struct rd_meter *m, enum rd_meter_change ch)
{
	struct http *h = s->data;

	if (ch == RD_METER_HEALTH)
		event_send(h, "health", fill_health, m);
	else
		event_send(h, "meters", NULL, NULL);
}

struct rd_sink *
http_sink(struct http *h)
{
	return &h->sink;
}

uint16_t
http_port(const struct http *h)
{
	return h->port;
}

/*
 * A fixed kernel send buffer: without it Linux grows it to megabytes for a
 * client that stopped reading, which then hides that client from the
 * SSE_BUF_MAX limit for a long time (and costs the memory).
 */
static void
on_connection(void *cls, struct MHD_Connection *conn, void **ctx,
              enum MHD_ConnectionNotificationCode code)
{
	const union MHD_ConnectionInfo *ci;
	int                             sz = SOCK_SNDBUF;

	(void)cls;
	(void)ctx;
	if (code != MHD_CONNECTION_NOTIFY_STARTED)
		return;
	ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
	if (ci != NULL)
		(void)setsockopt(ci->connect_fd, SOL_SOCKET, SO_SNDBUF, &sz, sizeof(sz));
}

static void
mhd_log(void *cls, const char *fmt, va_list ap)
{
	char msg[256];

	(void)cls;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	msg[strcspn(msg, "\n")] = '\0';
	log_debug("http: %s", msg);
}

struct http *
http_new(struct ev_loop *loop, struct readings *rd, struct history *hist,
         const struct http_conf *hc)
{
	struct http            *h = calloc(1, sizeof(*h));
	struct addrinfo         hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
	                                 .ai_flags = AI_PASSIVE | AI_NUMERICSERV};
	struct addrinfo        *ai = NULL;
	struct sockaddr_in6     any6 = {.sin6_family = AF_INET6, .sin6_addr = IN6ADDR_ANY_INIT};
	const struct sockaddr  *sa;
	char                    service[8];
	unsigned                flags = MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG;
	const union MHD_DaemonInfo *info;
	int                     err;

	if (h == NULL)
		return NULL;
	h->loop = loop;
	h->rd = rd;
	h->hist = hist;
	h->conf = *hc;
	snprintf(service, sizeof(service), "%u", hc->port);
	if (hc->host[0] == '\0') {
		/* every address, IPv6 and IPv4 */
		any6.sin6_port = htons(hc->port);
		sa = (const struct sockaddr *)&any6;
		flags |= MHD_USE_DUAL_STACK;
	} else if ((err = getaddrinfo(hc->host, service, &hints, &ai)) != 0) {
		log_warnx("http: cannot listen on %s:%u: %s", hc->host, hc->port, gai_strerror(err));
		free(h);
		return NULL;
	} else {
		sa = ai->ai_addr;
		if (ai->ai_family == AF_INET6)
			flags |= MHD_USE_IPv6;
	}
	h->d = MHD_start_daemon(
	    flags, hc->port, NULL, NULL, handler, h, MHD_OPTION_EXTERNAL_LOGGER, mhd_log, h,
	    MHD_OPTION_SOCK_ADDR, sa,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)hc->max_clients,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)((hc->timeout_ms + 999) / 1000),
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)HEADER_MEM,
	    MHD_OPTION_NOTIFY_CONNECTION, on_connection, h,
	    MHD_OPTION_NOTIFY_COMPLETED, http_control_request_done, h,
	    MHD_OPTION_END);
	if (ai != NULL)
		freeaddrinfo(ai);
	if (h->d == NULL) {
		log_warnx("http: cannot listen on %s:%u (in use, or not an address of this host)",
		          hc->host[0] ? hc->host : "*", hc->port);
		free(h);
		return NULL;
	}
	info = MHD_get_daemon_info(h->d, MHD_DAEMON_INFO_BIND_PORT);
	h->port = info != NULL ? info->port : hc->port;
	info = MHD_get_daemon_info(h->d, MHD_DAEMON_INFO_EPOLL_FD);
	ev_io_init(&h->io, io_cb, h);
	ev_timer_init(&h->tmo, tmo_cb, h);
	ev_timer_init(&h->keepalive, keepalive_cb, h);
	ev_timer_init(&h->raw_flush, raw_flush_cb, h);
	if (info == NULL || ev_io_start(loop, &h->io, info->epoll_fd, EV_READ) < 0) {
		log_warnx("http: cannot watch the server's descriptor");
		MHD_stop_daemon(h->d);
		free(h);
		return NULL;
	}
	ev_timer_start(loop, &h->keepalive, KEEPALIVE_MS);
	h->n_values = count_values(rd);
	h->sink = (struct rd_sink){.name = "http",
	                           .meter = sink_meter,
	                           .point = sink_point,
	                           .batch_end = sink_batch_end,
	                           .data = h};
	log_info("http: listening on http://%s%s%s:%u/", strchr(hc->host, ':') ? "[" : "",
	         hc->host[0] ? hc->host : "[::]", strchr(hc->host, ':') ? "]" : "", h->port);
	reschedule(h);
	return h;
}

void
http_free(struct http *h)
{
	if (h == NULL)
		return;
	/* MHD must not stop with suspended connections: wake them to end. */
	h->stopping = true;
	for (struct sse *c = h->clients; c != NULL; c = c->next)
		if (c->suspended) {
			c->suspended = false;
			MHD_resume_connection(c->conn);
		}
	MHD_run(h->d);
	ev_io_stop(h->loop, &h->io);
	ev_timer_stop(h->loop, &h->tmo);
	ev_timer_stop(h->loop, &h->keepalive);
	ev_timer_stop(h->loop, &h->raw_flush);
	MHD_stop_daemon(h->d);
	log_info("http: %" PRIu64 " requests, %" PRIu64 " slow event clients dropped", h->requests,
	         h->dropped_slow);
	free(h);
}
