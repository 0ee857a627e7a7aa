/*
 * http.c - the web server on the daemon's loop (see http.h): the listener, event
 * streams and raw-byte streams, the page's assets, and routing to http_api.c
 * (read-only answers) and http_control.c (login, parameter writes).
 */
#include <arpa/inet.h>
#include <inttypes.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <zlib.h>

#include "history.h"
#include "http.h"
#include "http_impl.h"
#include "jsonw.h"
#include "meterd/reading.h"
#include "platform/posix/ev.h"
#include "platform/posix/log.h"
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
	if (http_api_get(h, conn, url, &ret))
		return ret;
	if (strcmp(url, "/api/events") == 0)
		return start_stream(h, conn, NULL);
	if (strcmp(url, "/api/raw") == 0) {
		const char *port = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "port");
		if (port == NULL || !http_port_known(h, port))
			return http_send_error(conn, MHD_HTTP_BAD_REQUEST, "port: not one of /api/ports");
		return start_stream(h, conn, port);
	}
	if (http_control_get(h, conn, url, &ret))
		return ret;
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

	http_value_fields(w, p->meter, p->value, false);
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
