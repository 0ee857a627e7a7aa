/*
 * http_api.c - the web server's read-only answers: the catalogue, latest
 * values, history and consumption, the ports, camera snapshots, unknown
 * devices heard, Tasmota's Status 8 and the Prometheus metrics. Each one reads
 * the seam's catalogue or the history store and writes JSON (or text); none
 * changes anything. http.c owns the server, the streams and the assets.
 */
#include <errno.h>
#include <inttypes.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "history.h"
#include "http_impl.h"
#include "jsonw.h"
#include "meterd/reading.h"
#include "prometheus.h"
#include "readings.h"

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
	jsonw_uint(w, "echo_errors", hh->echo_errors);
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
void
http_value_fields(struct jsonw *w, const struct rd_meter *m, const struct rd_value *v, bool full)
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
				http_value_fields(&o.w, m, &m->values[k], true);
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
bool
http_port_known(const struct http *h, const char *port)
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

bool
http_api_get(struct http *h, struct MHD_Connection *conn, const char *url, enum MHD_Result *ret)
{
	static const struct {
		const char *url;
		enum MHD_Result (*answer)(struct http *, struct MHD_Connection *);
	} routes[] = {
		{"/api/meters", api_meters},
		{"/api/values", api_values},
		{"/api/history", api_history},
		{"/api/consumption", api_consumption},
		{"/api/ports", api_ports},
		{"/api/unconfigured", api_unconfigured},
		{"/api/snapshot", api_snapshot},
		{"/cm", tasmota_cm},
		{"/metrics", metrics},
	};

	for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++)
		if (strcmp(url, routes[i].url) == 0) {
			*ret = routes[i].answer(h, conn);
			return true;
		}
	return false;
}
