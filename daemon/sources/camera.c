/*
 * camera.c - camera meters (see camera.h and meterd.conf(5)).
 *
 * Threads: the loop owns everything except, while `busy`, the vision state
 * and the round's result, which the worker thread owns until it writes one
 * byte to the pipe. The last snapshot JPEG is shared with readers under a
 * mutex. One round at a time per camera: a tick that finds the previous
 * round still running is skipped and counted.
 */
#include "camera.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curl/curl.h>

#include "config.h"
#include "ev.h"
#include "platform/posix/log.h"
#include "readings.h"
#include "vision/plausible.h"
#include "vision/vision.h"

#define CAM_PATH 512

struct camera_conf {
	char     name[RD_NAME_MAX];
	char     url[CAM_PATH];
	char     config[CAM_PATH];
	char     digits[CAM_PATH];
	char     analog[CAM_PATH];
	char     user[64];
	char     password[128];
	char     unit[RD_UNIT_MAX];
	uint32_t interval_ms;
	uint32_t timeout_ms;
	uint64_t max_bytes;
};

struct camera {
	struct camera     *next;
	struct camera_conf conf;
	struct ev_loop    *loop;
	struct readings   *rd;
	struct rd_meter   *meter;
	struct rd_health   health;
	struct ev_timer    tick;
	struct ev_io       done;
	int                pipe[2];
	pthread_t          th;
	bool               busy;
	unsigned           overruns;
	/* owned by the worker while busy */
	struct vision        vision;
	struct vision_result res;
	bool                 fetch_failed;
	char                 fetch_err[CURL_ERROR_SIZE + CAM_PATH + 64];
	int64_t              taken_ms;
	/* per sequence */
	struct plaus plaus[AICFG_MAX_SEQ];
	/* the last snapshot, for camera_last_snapshot */
	pthread_mutex_t snap_mx;
	uint8_t        *snap;
	size_t          snap_len;
	int64_t         snap_ms;
};

static struct camera *cameras;   /* started ones, for camera_last_snapshot */

/* --- configuration ----------------------------------------------------- */

static const char KEYS[] = "url, config, interval, timeout, digits, analog, user, password, "
                           "max_size, unit";

static int
read_section(const struct cfg_section *s, struct camera_conf *c, struct cfg_diag *d)
{
	int errors = d->errors;
	size_t i;

	memset(c, 0, sizeof(*c));
	snprintf(c->name, sizeof(c->name), "%.*s", RD_NAME_MAX - 1, s->label[0] ? s->label : "camera");
	if (strlen(s->label) >= sizeof(c->name))
		cfg_diag_error(d, s->line, s->col, "camera name longer than %d characters",
		               RD_NAME_MAX - 1);
	c->interval_ms = 5 * 60 * 1000;
	c->timeout_ms = 20 * 1000;
	c->max_bytes = 4u << 20;
	snprintf(c->unit, sizeof(c->unit), "m³");
	for (i = 0; i < s->n_settings; i++) {
		const struct cfg_setting *st = &s->settings[i];
		const char *k = st->word[0];
		uint32_t ms;

		if (!strcmp(k, "url") || !strcmp(k, "config") || !strcmp(k, "digits") ||
		    !strcmp(k, "analog") || !strcmp(k, "user") || !strcmp(k, "password") ||
		    !strcmp(k, "unit")) {
			char *out = !strcmp(k, "url") ? c->url : !strcmp(k, "config") ? c->config
			          : !strcmp(k, "digits") ? c->digits : !strcmp(k, "analog") ? c->analog
			          : !strcmp(k, "user") ? c->user : !strcmp(k, "password") ? c->password
			          : c->unit;
			size_t cap = out == c->user ? sizeof(c->user) : out == c->password
			           ? sizeof(c->password) : out == c->unit ? sizeof(c->unit) : CAM_PATH;
			if (cfg_want_args(d, st, 1, 1, k))
				cfg_get_str(d, st, 1, out, cap);
		} else if (!strcmp(k, "interval") || !strcmp(k, "timeout")) {
			if (cfg_want_args(d, st, 1, 1, k) && cfg_get_duration(d, st, 1, &ms)) {
				if (ms < 1000)
					cfg_diag_error(d, st->line, st->col[1], "%s must be at least 1s", k);
				else if (!strcmp(k, "interval"))
					c->interval_ms = ms;
				else
					c->timeout_ms = ms;
			}
		} else if (!strcmp(k, "max_size")) {
			if (cfg_want_args(d, st, 1, 1, k))
				cfg_get_size(d, st, 1, &c->max_bytes);
		} else {
			cfg_unknown_key(d, st, "camera", KEYS);
		}
	}
	if (!c->url[0])
		cfg_diag_error(d, s->line, s->col, "camera \"%s\" needs a url (http://... or file:...)",
		               c->name);
	else if (strncmp(c->url, "http://", 7) && strncmp(c->url, "https://", 8) &&
	         strncmp(c->url, "file:", 5))
		cfg_diag_error(d, s->line, s->col, "camera \"%s\": url must start with http://, "
		               "https:// or file:", c->name);
	if (!c->config[0])
		cfg_diag_error(d, s->line, s->col, "camera \"%s\" needs a config (AI-on-the-edge "
		               "config.ini)", c->name);
	return d->errors - errors;
}

/* The config.ini and its models, loaded as the camera will; reported at
 * the `config` line. */
static int
check_vision(const struct cfg_section *s, const struct camera_conf *c, struct cfg_diag *d,
             struct vision *v)
{
	char err[400];
	unsigned line = s->line, col = s->col;
	size_t i;

	for (i = 0; i < s->n_settings; i++)
		if (!strcmp(s->settings[i].word[0], "config")) {
			line = s->settings[i].line;
			col = s->settings[i].col[1];
		}
	if (vision_open(v, c->config, c->digits[0] ? c->digits : NULL,
	                c->analog[0] ? c->analog : NULL, err, sizeof(err)) < 0) {
		cfg_diag_error(d, line, col, "camera \"%s\": %s", c->name, err);
		return 1;
	}
	return 0;
}

int
camera_check(const struct cfg_section *s, struct cfg_diag *d)
{
	struct camera_conf c;
	struct vision v;
	int before = d->errors;

	if (read_section(s, &c, d) == 0 && check_vision(s, &c, d, &v) == 0)
		vision_close(&v);
	return d->errors - before;
}

/* --- the worker -------------------------------------------------------- */

/* The url as the web page and the log may show it: without a password
 * written into it (http://user:secret@host/...). */
static void
shown_url(const char *url, char *out, size_t cap)
{
	const char *host = strstr(url, "://"), *at, *slash;

	if (host) {
		host += 3;
		slash = strchr(host, '/');
		at = memchr(host, '@', slash ? (size_t)(slash - host) : strlen(host));
		if (at) {
			snprintf(out, cap, "%.*s%s", (int)(host - url), url, at + 1);
			return;
		}
	}
	snprintf(out, cap, "%.*s", (int)cap - 1, url);
}

struct grow {
	uint8_t *p;
	size_t   n, cap, max;
};

static size_t
on_data(char *ptr, size_t size, size_t nmemb, void *arg)
{
	struct grow *g = arg;
	size_t n = size * nmemb;

	if (g->n + n > g->max)
		return 0;   /* too big: curl stops with a write error */
	if (g->n + n > g->cap) {
		size_t cap = g->cap ? g->cap : 65536;
		uint8_t *np;
		while (cap < g->n + n)
			cap *= 2;
		np = realloc(g->p, cap);
		if (!np)
			return 0;
		g->p = np;
		g->cap = cap;
	}
	memcpy(g->p + g->n, ptr, n);
	g->n += n;
	return n;
}

static int
fetch(struct camera *cam, uint8_t **buf, size_t *len)
{
	const struct camera_conf *c = &cam->conf;
	struct grow g = {NULL, 0, 0, c->max_bytes};
	char cerr[CURL_ERROR_SIZE] = "";
	CURL *h;
	CURLcode rc;

	if (!strncmp(c->url, "file:", 5)) {
		const char *path = c->url + 5;
		if (!strncmp(path, "//", 2))
			path += 2;
		return read_file_limit(path, c->max_bytes, buf, len, cam->fetch_err,
		                       sizeof(cam->fetch_err));
	}
	h = curl_easy_init();
	if (!h) {
		snprintf(cam->fetch_err, sizeof(cam->fetch_err), "curl: cannot start");
		return -1;
	}
	curl_easy_setopt(h, CURLOPT_URL, c->url);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, (long)c->timeout_ms);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, (long)c->timeout_ms);
	curl_easy_setopt(h, CURLOPT_FAILONERROR, 1L);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &g);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, cerr);
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
#endif
	if (c->user[0]) {
		curl_easy_setopt(h, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
		curl_easy_setopt(h, CURLOPT_USERNAME, c->user);
		curl_easy_setopt(h, CURLOPT_PASSWORD, c->password);
	}
	rc = curl_easy_perform(h);
	curl_easy_cleanup(h);
	if (rc != CURLE_OK) {
		char shown[CAM_PATH];
		shown_url(c->url, shown, sizeof(shown));
		snprintf(cam->fetch_err, sizeof(cam->fetch_err), "%s: %s", shown,
		         rc == CURLE_WRITE_ERROR ? "snapshot larger than max_size"
		                                 : cerr[0] ? cerr : curl_easy_strerror(rc));
		free(g.p);
		return -1;
	}
	*buf = g.p;
	*len = g.n;
	return 0;
}

static void *
worker(void *arg)
{
	struct camera *cam = arg;
	uint8_t *buf = NULL, *jpg;
	size_t len = 0, jl;
	char one = 1;

	cam->taken_ms = rd_wall_ms();
	cam->fetch_failed = fetch(cam, &buf, &len) < 0;
	memset(&cam->res, 0, sizeof(cam->res));
	if (!cam->fetch_failed) {
		vision_read_jpeg(&cam->vision, buf, len, &cam->res);
		if (cam->res.aligned.px) {
			vision_draw_rois(&cam->res);
			if (img_encode_jpeg(&cam->res.aligned, 80, &jpg, &jl) == 0) {
				pthread_mutex_lock(&cam->snap_mx);
				free(cam->snap);
				cam->snap = jpg;
				cam->snap_len = jl;
				cam->snap_ms = cam->taken_ms;
				pthread_mutex_unlock(&cam->snap_mx);
			}
		}
		vision_result_free(&cam->res);
	}
	free(buf);
	while (write(cam->pipe[1], &one, 1) < 0 && errno == EINTR)
		;
	return NULL;
}

/* --- the loop side ----------------------------------------------------- */

static void
set_state(struct camera *cam, enum rd_state st)
{
	cam->health.state = st;
	readings_health(cam->rd, cam->meter, &cam->health);
}

static void
publish(struct camera *cam)
{
	const struct vision_result *res = &cam->res;
	bool any = false;
	int s;

	for (s = 0; s < res->nseq; s++) {
		const struct vision_seq *sq = &res->seq[s];
		struct plaus *p = &cam->plaus[s];
		struct plaus_result pr;
		char pre[64] = "", fin[80];
		int dec = sq->decimals;

		p->cfg.decimals = dec;
		if (p->has_pre)
			snprintf(pre, sizeof(pre), "%.*f", dec, p->pre);
		if (reading_finish(sq->raw, pre[0] ? pre : NULL, cam->vision.cfg.seq[s].ignore_leading_nan,
		                   fin, sizeof(fin)) < 0) {
			cam->health.invalid++;
			log_warnx("camera %s/%s: %s has a wheel between two digits and no previous value",
			          cam->conf.name, sq->name, sq->raw);
			continue;
		}
		plaus_check(p, strtod(fin, NULL), (time_t)(cam->taken_ms / 1000), &pr);
		if (!pr.publish) {
			cam->health.guard_flags++;
			log_warnx("camera %s/%s: not published: %s", cam->conf.name, sq->name, pr.error);
			continue;
		}
		if (pr.verdict == PLAUS_RECOVERED)
			log_info("camera %s/%s: %s", cam->conf.name, sq->name, pr.error);
		{
			struct rd_point_in in = {
				.name = sq->name,
				.quantity = RD_Q_WATER,
				.cls = RD_CLASS_TOTAL,
				.precision = (int8_t)dec,
				.raw = llround(pr.value * pow(10, dec)),
				.scaler = (int8_t)-dec,
				.unit = cam->conf.unit,
				.rx_ms = cam->taken_ms,
			};
			readings_point(cam->rd, cam->meter, &in);
			any = true;
		}
	}
	if (any)
		readings_batch_end(cam->rd, cam->meter);
}

static void
done_cb(struct ev_loop *loop, struct ev_io *w, unsigned revents)
{
	struct camera *cam = w->data;
	char b[16];

	(void)loop;
	(void)revents;
	while (read(cam->pipe[0], b, sizeof(b)) < 0 && errno == EINTR)
		;
	if (!cam->busy)
		return;
	pthread_join(cam->th, NULL);
	cam->busy = false;
	if (cam->fetch_failed) {
		cam->health.timeouts++;
		if (cam->health.state != RD_STATE_PORT_DOWN)
			log_warnx("camera %s: %s", cam->conf.name, cam->fetch_err);
		cam->health.port_open = false;
		set_state(cam, RD_STATE_PORT_DOWN);
		return;
	}
	cam->health.port_open = true;
	if (!cam->res.ok) {
		cam->health.invalid++;
		log_warnx("camera %s: round failed: %s", cam->conf.name, cam->res.error);
		set_state(cam, RD_STATE_ERRORS);
		return;
	}
	cam->health.frames_ok++;
	cam->health.last_good_ms = cam->taken_ms;
	publish(cam);
	set_state(cam, RD_STATE_UP);
}

static void
tick_cb(struct ev_loop *loop, struct ev_timer *t)
{
	struct camera *cam = t->data;
	uint64_t next = t->due + cam->conf.interval_ms;

	if (next <= ev_now(loop))
		next = ev_now(loop) + cam->conf.interval_ms;
	ev_timer_start_at(loop, t, next);
	if (cam->busy) {
		if (cam->overruns++ == 0)
			log_warnx("camera %s: the last round is still running; skipping a round",
			          cam->conf.name);
		return;
	}
	cam->busy = true;
	if (pthread_create(&cam->th, NULL, worker, cam) != 0) {
		cam->busy = false;
		log_warnx("camera %s: cannot start a worker thread", cam->conf.name);
	}
}

static void
camera_free(struct camera *cam)
{
	if (cam->busy)
		pthread_join(cam->th, NULL);
	ev_timer_stop(cam->loop, &cam->tick);
	ev_io_stop(cam->loop, &cam->done);
	if (cam->pipe[0] >= 0)
		close(cam->pipe[0]);
	if (cam->pipe[1] >= 0)
		close(cam->pipe[1]);
	vision_close(&cam->vision);
	pthread_mutex_destroy(&cam->snap_mx);
	free(cam->snap);
	free(cam);
}

static struct camera *
camera_start(struct ev_loop *loop, struct readings *rd, const struct cfg_section *s,
             struct cfg_diag *d)
{
	struct camera *cam = calloc(1, sizeof(*cam));
	int i;

	if (!cam)
		return NULL;
	cam->pipe[0] = cam->pipe[1] = -1;
	cam->loop = loop;
	pthread_mutex_init(&cam->snap_mx, NULL);
	if (read_section(s, &cam->conf, d) != 0 || check_vision(s, &cam->conf, d, &cam->vision)) {
		free(cam);
		return NULL;
	}
	if (pipe2(cam->pipe, O_CLOEXEC | O_NONBLOCK) < 0) {
		log_warn("camera %s: pipe", cam->conf.name);
		camera_free(cam);
		return NULL;
	}
	for (i = 0; i < cam->vision.cfg.nseq; i++) {
		const struct aicfg_seq *sq = &cam->vision.cfg.seq[i];
		struct plaus_cfg pc;
		plaus_cfg_default(&pc);
		pc.change_threshold = sq->change_threshold;
		pc.allow_negative = sq->allow_negative;
		pc.max_rate = sq->max_rate;
		pc.max_rate_per_minute = sq->max_rate_per_minute;
		pc.pre_max_age_s = sq->prevalue_age_min * 60;
		plaus_init(&cam->plaus[i], &pc);
	}
	cam->rd = rd;
	cam->meter = readings_meter_add(rd, cam->conf.name, "camera");
	if (!cam->meter) {
		camera_free(cam);
		return NULL;
	}
	cam->meter->expect_ms = cam->conf.interval_ms;
	shown_url(cam->conf.url, cam->health.port, sizeof(cam->health.port));
	cam->health.state = RD_STATE_STARTING;
	readings_health(rd, cam->meter, &cam->health);
	ev_io_init(&cam->done, done_cb, cam);
	ev_timer_init(&cam->tick, tick_cb, cam);
	if (ev_io_start(loop, &cam->done, cam->pipe[0], EV_READ) < 0 ||
	    ev_timer_start(loop, &cam->tick, 0) < 0) {
		camera_free(cam);
		return NULL;
	}
	log_info("camera %s: %s every %u s (%d digit, %d pointer ROIs)", cam->conf.name,
	         cam->health.port, cam->conf.interval_ms / 1000, cam->vision.cfg.ndig,
	         cam->vision.cfg.nana);
	return cam;
}

struct camera *
camera_start_all(struct ev_loop *loop, struct readings *rd, const struct cfg *c)
{
	const struct cfg_section *s;
	struct cfg_diag d = {.file = c->file, .errs = stderr};
	struct camera *list = NULL, **tail = &list;

	s = cfg_section_find(c, "camera");
	if (!s)
		return NULL;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	for (; s; s = cfg_section_next(s)) {
		struct camera *cam = camera_start(loop, rd, s, &d);
		if (!cam) {
			log_warnx("camera %s: cannot start", s->label);
			continue;
		}
		*tail = cam;
		tail = &cam->next;
	}
	cameras = list;
	return list;
}

void
camera_set_last_total(struct camera *list,
                      bool (*last)(void *arg, const char *id, double *v, int64_t *wall_ms),
                      void *arg)
{
	struct camera *cam;
	int i;

	for (cam = list; cam; cam = cam->next)
		for (i = 0; i < cam->vision.cfg.nseq; i++) {
			char id[RD_ID_MAX];
			double v;
			int64_t ms;
			snprintf(id, sizeof(id), "%s/%s", cam->conf.name, cam->vision.cfg.seq[i].name);
			if (last(arg, id, &v, &ms))
				plaus_set_pre(&cam->plaus[i], v, (time_t)(ms / 1000));
		}
}

void
camera_stop_all(struct camera *list)
{
	cameras = NULL;
	while (list) {
		struct camera *next = list->next;
		camera_free(list);
		list = next;
	}
}

int
camera_last_snapshot(const char *name, uint8_t **jpeg, size_t *len, int64_t *taken_ms)
{
	struct camera *cam;
	int rc = -1;

	for (cam = cameras; cam; cam = cam->next) {
		if (strcmp(cam->conf.name, name) != 0)
			continue;
		pthread_mutex_lock(&cam->snap_mx);
		if (cam->snap && (*jpeg = malloc(cam->snap_len)) != NULL) {
			memcpy(*jpeg, cam->snap, cam->snap_len);
			*len = cam->snap_len;
			*taken_ms = cam->snap_ms;
			rc = 0;
		}
		pthread_mutex_unlock(&cam->snap_mx);
	}
	return rc;
}
