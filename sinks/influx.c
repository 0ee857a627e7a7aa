/*
 * influx.c - the InfluxDB sink on the loop (libcurl multi); see influx.h.
 *
 * libcurl tells us which sockets to watch (CURLMOPT_SOCKETFUNCTION) and
 * when to call it back (CURLMOPT_TIMERFUNCTION); ev_io watchers and one
 * ev_timer feed curl_multi_socket_action(). One request is in flight at a
 * time, so batches reach InfluxDB in order.
 */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backoff.h"
#include "influx.h"
#include "meterd/reading.h"
#include "platform/posix/log.h"
#include "sinks.h"
#include "spool.h"

#define INFLUX_LINE_MAX   1024
#define INFLUX_RETRY_MIN  1000
#define INFLUX_RETRY_MAX  60000
#define INFLUX_REPLY_MAX  512

struct sockw {
	struct ev_io        io;
	struct influx_sink *s;
};

struct influx_sink {
	struct rd_sink     sink;
	struct ev_loop    *loop;
	struct readings   *rd;
	struct influx_conf c;
	char              *endpoint;
	struct curl_slist *headers;

	CURLM             *multi;
	CURL              *easy;          /* the request in flight, NULL none */
	struct ev_timer    curl_timer, flush, retry;
	struct backoff     backoff;
	bool               waiting_retry;

	struct spool      *spool;
	char              *body;          /* the batch in flight */
	size_t             body_len, body_cap;
	uint64_t          *seqs;          /* its lines' seqs */
	size_t             n_seqs;
	char               reply[INFLUX_REPLY_MAX];
	size_t             reply_len;
	long               last_status;   /* to log a failure once, not at every retry */

	struct influx_stats st;
};

/* --- configuration */

static const char influx_keys[] = "url, db, user, password, org, bucket, token, measurement, "
                                  "batch, flush, timeout, spool, spool_max";

int
influx_conf_read(const struct cfg_section *s, struct influx_conf *c, struct cfg_diag *d)
{
	int errors = d->errors;

	memset(c, 0, sizeof(*c));
	snprintf(c->url, sizeof(c->url), "http://127.0.0.1:8086");
	snprintf(c->measurement, sizeof(c->measurement), "meterd");
	c->batch = 500;
	c->flush_ms = 1000;
	c->timeout_ms = 10000;
	c->spool[0] = '\0'; /* sinks_start: beside the history database */
	c->spool_max = 1000000;
	for (size_t i = 0; i < s->n_settings; i++) {
		const struct cfg_setting *st = &s->settings[i];
		const char               *k = st->word[0];
		uint64_t                  u;
		static const struct {
			const char *key;
			size_t      off, cap;
		} strs[] = {
#define S(f) {#f, offsetof(struct influx_conf, f), sizeof(((struct influx_conf *)0)->f)}
			S(url), S(db), S(user), S(password), S(org), S(bucket), S(token), S(measurement),
#undef S
		};
		bool done = false;

		for (size_t k2 = 0; k2 < sizeof(strs) / sizeof(strs[0]) && !done; k2++)
			if (strcmp(k, strs[k2].key) == 0) {
				char usage[64];
				snprintf(usage, sizeof(usage), "%s VALUE", k);
				if (cfg_want_args(d, st, 1, 1, usage))
					cfg_get_str(d, st, 1, (char *)c + strs[k2].off, strs[k2].cap);
				done = true;
			}
		if (done)
			continue;
		if (strcmp(k, "batch") == 0) {
			if (cfg_want_args(d, st, 1, 1, "batch LINES") && cfg_get_uint(d, st, 1, 1, 10000, &u))
				c->batch = (uint32_t)u;
		} else if (strcmp(k, "flush") == 0) {
			if (cfg_want_args(d, st, 1, 1, "flush DURATION"))
				cfg_get_duration(d, st, 1, &c->flush_ms);
		} else if (strcmp(k, "timeout") == 0) {
			if (cfg_want_args(d, st, 1, 1, "timeout DURATION") &&
			    cfg_get_duration(d, st, 1, &c->timeout_ms) && c->timeout_ms < 100)
				cfg_diag_error(d, st->line, st->col[1], "timeout: at least 100ms");
		} else if (!sinks_spool_setting(d, st, c->spool, sizeof(c->spool), &c->spool_max))
			cfg_unknown_key(d, st, "influx", influx_keys);
	}
	if (strncmp(c->url, "http://", 7) != 0 && strncmp(c->url, "https://", 8) != 0)
		cfg_diag_error(d, s->line, s->col, "influx: url must start with http:// or https://");
	if (c->bucket[0] != '\0') {
		if (c->org[0] == '\0' || c->token[0] == '\0')
			cfg_diag_error(d, s->line, s->col, "influx: InfluxDB 2 (bucket) needs org and token");
		if (c->db[0] != '\0')
			cfg_diag_error(d, s->line, s->col,
			               "influx: db is InfluxDB 1, bucket InfluxDB 2: set one of them");
	} else if (c->db[0] == '\0')
		cfg_diag_error(d, s->line, s->col, "influx: set db (InfluxDB 1) or org, bucket and token (InfluxDB 2)");
	return d->errors - errors;
}

int
influx_check(const struct cfg_section *s, struct cfg_diag *d)
{
	struct influx_conf c;

	if (cfg_section_next(s) != NULL)
		cfg_diag_error(d, cfg_section_next(s)->line, cfg_section_next(s)->col,
		               "only one influx block (line %u has one)", s->line);
	return influx_conf_read(s, &c, d);
}

/* --- line protocol */

struct lbuf {
	char  *p;
	size_t cap, len;
	bool   over;
};

static void
lput(struct lbuf *b, const char *s, size_t n)
{
	if (b->len + n >= b->cap) {
		b->over = true;
		return;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
}

/* Escapes for measurements (comma, space), tag keys and values (also '='), string fields ('"', '\'). */
static void
lesc(struct lbuf *b, const char *s, const char *special)
{
	for (; *s != '\0'; s++) {
		if (*s == '\n' || *s == '\r') {
			lput(b, " ", 1); /* a newline would end the line */
			continue;
		}
		if (strchr(special, *s) != NULL)
			lput(b, "\\", 1);
		lput(b, s, 1);
	}
}

static void
ltag(struct lbuf *b, const char *key, const char *value)
{
	if (value[0] == '\0')
		return; /* an empty tag value is a parse error */
	lput(b, ",", 1);
	lput(b, key, strlen(key));
	lput(b, "=", 1);
	lesc(b, value, ", =");
	/* A value ending in a backslash would escape the separator after it. */
	if (b->len > 0 && b->p[b->len - 1] == '\\' && !b->over)
		lput(b, "_", 1);
}

size_t
influx_line(const struct influx_conf *c, const struct rd_meter *m, const struct rd_value *v,
            char *buf, size_t cap)
{
	struct lbuf b = {.p = buf, .cap = cap};
	char        num[READING_NUM_MAX + 32];
	int64_t     t = v->meter_time != 0 ? v->meter_time * 1000 : v->rx_ms;

	lesc(&b, c->measurement, ", ");
	ltag(&b, "meter", m->name);
	ltag(&b, "protocol", m->protocol);
	ltag(&b, "id", v->name);
	if (!v->is_text)
		ltag(&b, "unit", v->unit);
	if (v->is_text) {
		lput(&b, " text=\"", 7);
		lesc(&b, v->text, "\"\\");
		lput(&b, "\"", 1);
	} else {
		/* Always a float (no 'i'): a field's type is fixed at its first write. */
		reading_format_number(v->raw, v->scaler, num);
		lput(&b, " value=", 7);
		lput(&b, num, strlen(num));
	}
	snprintf(num, sizeof(num), " %lld", (long long)t);
	lput(&b, num, strlen(num));
	if (b.over)
		return 0;
	buf[b.len] = '\0';
	return b.len;
}

/* --- HTTP on the loop */

static void send_batch(struct influx_sink *s);
static void check_done(struct influx_sink *s);

static void
sock_cb_io(struct ev_loop *loop, struct ev_io *w, unsigned revents)
{
	struct sockw       *sw = w->data;
	struct influx_sink *s = sw->s; /* sw may be freed inside the socket action */
	int                 running, what = 0;

	(void)loop;
	if (revents & EV_READ)
		what |= CURL_CSELECT_IN;
	if (revents & EV_WRITE)
		what |= CURL_CSELECT_OUT;
	if (revents & EV_ERROR)
		what |= CURL_CSELECT_ERR;
	curl_multi_socket_action(s->multi, w->fd, what, &running);
	check_done(s);
}

static int
socket_cb(CURL *e, curl_socket_t fd, int what, void *arg, void *sockp)
{
	struct influx_sink *s = arg;
	struct sockw       *sw = sockp;

	(void)e;
	if (what == CURL_POLL_REMOVE) {
		if (sw != NULL) {
			ev_io_stop(s->loop, &sw->io);
			free(sw);
			curl_multi_assign(s->multi, fd, NULL);
		}
		return 0;
	}
	if (sw == NULL) {
		sw = calloc(1, sizeof(*sw));
		if (sw == NULL)
			return -1;
		sw->s = s;
		ev_io_init(&sw->io, sock_cb_io, sw);
		curl_multi_assign(s->multi, fd, sw);
	}
	ev_io_start(s->loop, &sw->io, fd,
	            (what & CURL_POLL_IN ? EV_READ : 0) | (what & CURL_POLL_OUT ? EV_WRITE : 0));
	return 0;
}

static int
timer_cb_curl(CURLM *multi, long timeout_ms, void *arg)
{
	struct influx_sink *s = arg;

	(void)multi;
	if (timeout_ms < 0)
		ev_timer_stop(s->loop, &s->curl_timer);
	else
		ev_timer_start(s->loop, &s->curl_timer, (uint64_t)timeout_ms);
	return 0;
}

static size_t
reply_cb(char *p, size_t size, size_t n, void *arg)
{
	struct influx_sink *s = arg;
	size_t              len = size * n, room = sizeof(s->reply) - 1 - s->reply_len;

	memcpy(s->reply + s->reply_len, p, len < room ? len : room);
	s->reply_len += len < room ? len : room;
	s->reply[s->reply_len] = '\0';
	return len;
}

static void
retry_later(struct influx_sink *s)
{
	s->waiting_retry = true;
	ev_timer_start(s->loop, &s->retry, backoff_fail(&s->backoff));
}

/* The request in flight finished: acknowledge its lines, or keep them for a retry. */
static void
request_done(struct influx_sink *s, CURLcode res)
{
	long status = 0;

	curl_easy_getinfo(s->easy, CURLINFO_RESPONSE_CODE, &status);
	curl_multi_remove_handle(s->multi, s->easy);
	curl_easy_cleanup(s->easy);
	s->easy = NULL;
	for (size_t n = s->reply_len; n > 0 && (s->reply[n - 1] == '\n' || s->reply[n - 1] == '\r'); n--)
		s->reply[n - 1] = '\0';
	if (res == CURLE_OK && status / 100 == 2) {
		for (size_t i = 0; i < s->n_seqs; i++)
			spool_ack(s->spool, s->seqs[i]);
		s->st.delivered += s->n_seqs;
		if (s->last_status != 0 && s->last_status != 204)
			log_info("influx: %s takes points again; %llu waiting", s->c.url,
			         (unsigned long long)spool_waiting(s->spool));
		s->last_status = status;
		backoff_reset(&s->backoff);
		s->n_seqs = 0;
		/* A backlog drains batch after batch. */
		if (spool_waiting(s->spool) > 0)
			send_batch(s);
		return;
	}
	s->st.failures++;
	if (res == CURLE_OK && status == 400) {
		/* Malformed for InfluxDB: it would refuse these lines forever. */
		log_warnx("influx: %s rejected a batch of %zu lines (%s); dropped", s->c.url, s->n_seqs,
		          s->reply);
		for (size_t i = 0; i < s->n_seqs; i++)
			spool_ack(s->spool, s->seqs[i]);
		s->st.rejected += s->n_seqs;
		s->n_seqs = 0;
		retry_later(s);
		return;
	}
	if ((res != CURLE_OK ? -(long)res : status) != s->last_status) {
		if (res != CURLE_OK)
			log_warnx("influx: cannot write to %s: %s; metering goes on, %llu points wait in "
			          "the spool", s->c.url, curl_easy_strerror(res),
			          (unsigned long long)spool_waiting(s->spool));
		else
			log_warnx("influx: %s answered %ld%s%s; metering goes on, %llu points wait in the "
			          "spool", s->c.url, status, s->reply_len > 0 ? ": " : "", s->reply,
			          (unsigned long long)spool_waiting(s->spool));
	}
	s->last_status = res != CURLE_OK ? -(long)res : status;
	s->n_seqs = 0;
	retry_later(s);
}

static void
check_done(struct influx_sink *s)
{
	CURLMsg *msg;
	int      left;

	while ((msg = curl_multi_info_read(s->multi, &left)) != NULL)
		if (msg->msg == CURLMSG_DONE && msg->easy_handle == s->easy)
			request_done(s, msg->data.result);
}

static void
curl_timer_cb(struct ev_loop *loop, struct ev_timer *t)
{
	struct influx_sink *s = t->data;
	int                 running;

	(void)loop;
	curl_multi_socket_action(s->multi, CURL_SOCKET_TIMEOUT, 0, &running);
	check_done(s);
}

static bool
body_add(struct influx_sink *s, const void *p, size_t n)
{
	if (s->body_len + n + 1 > s->body_cap) {
		size_t ncap = (s->body_len + n + 1) * 2;
		char  *nb = realloc(s->body, ncap);
		if (nb == NULL)
			return false;
		s->body = nb;
		s->body_cap = ncap;
	}
	memcpy(s->body + s->body_len, p, n);
	s->body_len += n;
	s->body[s->body_len++] = '\n';
	return true;
}

/* Sends the oldest waiting lines (up to a batch) when nothing is in flight. */
static void
send_batch(struct influx_sink *s)
{
	struct spool_item it;
	uint64_t          after = 0;
	int               running;

	if (s->easy != NULL || s->waiting_retry)
		return;
	s->body_len = 0;
	s->n_seqs = 0;
	while (s->n_seqs < s->c.batch && spool_next(s->spool, after, &it)) {
		if (!body_add(s, it.data, it.len))
			break;
		s->seqs[s->n_seqs++] = it.seq;
		after = it.seq;
	}
	if (s->n_seqs == 0)
		return;
	s->easy = curl_easy_init();
	if (s->easy == NULL) {
		retry_later(s);
		return;
	}
	s->reply_len = 0;
	s->reply[0] = '\0';
	curl_easy_setopt(s->easy, CURLOPT_URL, s->endpoint);
	curl_easy_setopt(s->easy, CURLOPT_POSTFIELDS, s->body);
	curl_easy_setopt(s->easy, CURLOPT_POSTFIELDSIZE, (long)s->body_len);
	curl_easy_setopt(s->easy, CURLOPT_HTTPHEADER, s->headers);
	curl_easy_setopt(s->easy, CURLOPT_TIMEOUT_MS, (long)s->c.timeout_ms);
	curl_easy_setopt(s->easy, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(s->easy, CURLOPT_WRITEFUNCTION, reply_cb);
	curl_easy_setopt(s->easy, CURLOPT_WRITEDATA, s);
	s->st.requests++;
	curl_multi_add_handle(s->multi, s->easy);
	curl_multi_socket_action(s->multi, CURL_SOCKET_TIMEOUT, 0, &running);
	check_done(s);
}

static void
flush_cb(struct ev_loop *loop, struct ev_timer *t)
{
	struct influx_sink *s = t->data;

	ev_timer_start(loop, t, s->c.flush_ms);
	send_batch(s);
	spool_flush(s->spool);
}

static void
retry_cb(struct ev_loop *loop, struct ev_timer *t)
{
	struct influx_sink *s = t->data;

	(void)loop;
	s->waiting_retry = false;
	send_batch(s);
}

/* --- the seam's side */

static void
sink_point(struct rd_sink *sk, const struct rd_point *p)
{
	struct influx_sink *s = sk->data;
	char                line[INFLUX_LINE_MAX];
	size_t              n = influx_line(&s->c, p->meter, p->value, line, sizeof(line));
	int64_t             t = p->value->meter_time != 0 ? p->value->meter_time * 1000
	                                                  : p->value->rx_ms;

	if (n == 0)
		return;
	if (spool_push(s->spool, t, line, n) != 0)
		s->st.queued++;
	if (spool_waiting(s->spool) >= s->c.batch)
		send_batch(s);
}

static char *
endpoint(const struct influx_conf *c)
{
	CURL  *e = curl_easy_init();
	char  *q[5] = {0}, *out = NULL;
	size_t n;
	const char *base_end;

	if (e == NULL)
		return NULL;
	base_end = c->url + strlen(c->url);
	while (base_end > c->url && base_end[-1] == '/')
		base_end--;
	n = (size_t)(base_end - c->url) + 512;
	out = malloc(n);
	if (out != NULL) {
		if (c->bucket[0] != '\0') {
			q[0] = curl_easy_escape(e, c->org, 0);
			q[1] = curl_easy_escape(e, c->bucket, 0);
			snprintf(out, n, "%.*s/api/v2/write?org=%s&bucket=%s&precision=ms",
			         (int)(base_end - c->url), c->url, q[0] ? q[0] : "", q[1] ? q[1] : "");
		} else {
			q[0] = curl_easy_escape(e, c->db, 0);
			q[1] = curl_easy_escape(e, c->user, 0);
			q[2] = curl_easy_escape(e, c->password, 0);
			snprintf(out, n, "%.*s/write?db=%s&precision=ms%s%s%s%s", (int)(base_end - c->url),
			         c->url, q[0] ? q[0] : "", c->user[0] ? "&u=" : "", c->user[0] ? q[1] : "",
			         c->user[0] ? "&p=" : "", c->user[0] ? q[2] : "");
		}
	}
	for (int i = 0; i < 5; i++)
		curl_free(q[i]);
	curl_easy_cleanup(e);
	return out;
}

struct influx_sink *
influx_sink_new(struct ev_loop *loop, struct readings *rd, const struct influx_conf *c)
{
	static bool         lib_ready;
	struct influx_sink *s = calloc(1, sizeof(*s));
	char                auth[300];

	if (s == NULL)
		return NULL;
	if (!lib_ready) {
		curl_global_init(CURL_GLOBAL_DEFAULT);
		lib_ready = true;
	}
	s->loop = loop;
	s->rd = rd;
	s->c = *c;
	s->endpoint = endpoint(c);
	s->seqs = calloc(c->batch, sizeof(*s->seqs));
	s->multi = curl_multi_init();
	s->headers = curl_slist_append(NULL, "Content-Type: text/plain; charset=utf-8");
	if (c->token[0] != '\0') {
		snprintf(auth, sizeof(auth), "Authorization: Token %s", c->token);
		s->headers = curl_slist_append(s->headers, auth);
	}
	if (s->endpoint == NULL || s->seqs == NULL || s->multi == NULL || s->headers == NULL ||
	    (s->spool = spool_open(c->spool, "influx", c->spool_max)) == NULL) {
		log_warnx("influx: cannot start");
		influx_sink_free(s);
		return NULL;
	}
	curl_multi_setopt(s->multi, CURLMOPT_SOCKETFUNCTION, socket_cb);
	curl_multi_setopt(s->multi, CURLMOPT_SOCKETDATA, s);
	curl_multi_setopt(s->multi, CURLMOPT_TIMERFUNCTION, timer_cb_curl);
	curl_multi_setopt(s->multi, CURLMOPT_TIMERDATA, s);
	backoff_init(&s->backoff, INFLUX_RETRY_MIN, INFLUX_RETRY_MAX);
	ev_timer_init(&s->curl_timer, curl_timer_cb, s);
	ev_timer_init(&s->flush, flush_cb, s);
	ev_timer_init(&s->retry, retry_cb, s);
	ev_timer_start(loop, &s->flush, c->flush_ms);
	s->sink.name = "influx";
	s->sink.point = sink_point;
	s->sink.data = s;
	readings_subscribe(rd, &s->sink);
	log_info("influx: writing to %s (%s), batches of %u, spool %s", c->url,
	         c->bucket[0] ? "InfluxDB 2 API" : "InfluxDB 1 API", c->batch, c->spool);
	send_batch(s);
	return s;
}

void
influx_sink_free(struct influx_sink *s)
{
	if (s == NULL)
		return;
	if (s->sink.data != NULL)
		readings_unsubscribe(s->rd, &s->sink);
	if (s->easy != NULL) {
		/* Not acknowledged: its lines stay in the spool for the next start. */
		curl_multi_remove_handle(s->multi, s->easy);
		curl_easy_cleanup(s->easy);
	}
	if (s->multi != NULL)
		curl_multi_cleanup(s->multi);
	ev_timer_stop(s->loop, &s->curl_timer);
	ev_timer_stop(s->loop, &s->flush);
	ev_timer_stop(s->loop, &s->retry);
	if (s->spool != NULL && spool_waiting(s->spool) > 0)
		log_info("influx: %llu point%s kept in the spool for the next start",
		         (unsigned long long)spool_waiting(s->spool),
		         spool_waiting(s->spool) == 1 ? "" : "s");
	spool_close(s->spool);
	curl_slist_free_all(s->headers);
	free(s->endpoint);
	free(s->seqs);
	free(s->body);
	free(s);
}

void
influx_sink_stats(const struct influx_sink *s, struct influx_stats *st)
{
	*st = s->st;
	st->waiting = spool_waiting(s->spool);
	st->dropped = spool_dropped(s->spool);
}
