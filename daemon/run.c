/*
 * run.c - `meterd run`: the daemon's main loop; see run.h and meterd(8).
 */
#include <errno.h>
#include <math.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "camera.h"
#include "config.h"
#include "engine.h"
#include "control.h"
#include "gateway.h"
#include "history.h"
#include "http.h"
#include "healthlog.h"
#include "readings.h"
#include "platform/posix/log.h"
#include "run.h"
#include "sdnotify.h"
#include "mqtt.h"
#include "sinks.h"
#include "sources/wmbus_src.h"

struct runner {
	const struct run_opts *o;
	struct ev_loop        *loop;
	struct readings       *rd;     /* the seam: engine -> sinks */
	struct engine         *engine;
	struct wmbus_source   *wmbus;  /* wireless M-Bus receivers (sources/wmbus_src.h) */
	struct gateway        *gateways; /* Modbus TCP gateways on the engine's buses */
	struct control        *control;  /* who may change which device parameters */
	struct history        *hist;   /* NULL: no history section */
	struct http           *http;   /* NULL: no http section */
	struct camera         *cameras; /* camera meters (worker threads), NULL none */
	struct healthlog      *health; /* logs each meter's health change, STATUS= */
	int                    status_err; /* last status file error logged, 0 none */
	struct sinks          *sinks;  /* mqtt, influx: publishing sinks of the seam */
	struct ev_timer        tele, watchdog, stat;
	struct ev_signal       sterm, sint, shup, susr1;
	uint32_t               wd_ms;
	int                    status;
};

static void
local_time(char *buf, size_t cap)
{
	time_t    t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(buf, cap, "%Y-%m-%dT%H:%M:%S", &tm);
}

/*
 * Logs a status file failure once per distinct error (a full disk would
 * otherwise log every teleperiod), and once when it works again.
 */
static void
status_failed(struct runner *r, int err, const char *what, const char *path)
{
	if (err != r->status_err)
		log_warnc(err, "status file %s: %s (the last good one stays)", path, what);
	r->status_err = err;
}

static void
write_status(struct runner *r)
{
	char  tmp[4096];
	FILE *f;
	int   err = 0;

	if (r->o->status == NULL)
		return;
	/*
	 * Readers never see a half-written file and a full disk never replaces
	 * a good one: write aside, flush, fsync, check every step, then rename.
	 */
	snprintf(tmp, sizeof(tmp), "%s.tmp", r->o->status);
	f = fopen(tmp, "w");
	if (f == NULL) {
		status_failed(r, errno, "cannot create", tmp);
		return;
	}
	engine_write_status(r->engine, f);
	if (ferror(f) || fflush(f) != 0 || fsync(fileno(f)) != 0)
		err = errno != 0 ? errno : EIO;
	if (fclose(f) != 0 && err == 0)
		err = errno;
	if (err != 0) {
		unlink(tmp);
		status_failed(r, err, "cannot write", tmp);
		return;
	}
	if (rename(tmp, r->o->status) != 0) {
		err = errno;
		unlink(tmp);
		status_failed(r, err, "cannot rename into place", r->o->status);
		return;
	}
	if (r->status_err != 0)
		log_notice("status file %s: written again", r->o->status);
	r->status_err = 0;
}

static uint32_t
teleperiod(const struct runner *r)
{
	return r->o->teleperiod_ms ? r->o->teleperiod_ms : engine_teleperiod_ms(r->engine);
}

static void
tele_cb(struct ev_loop *loop, struct ev_timer *t)
{
	struct runner *r = t->data;
	char           ts[32];

	if (r->o->print) {
		local_time(ts, sizeof(ts));
		engine_print_sensor(r->engine, stdout, ts);
	}
	write_status(r);
	/* Periodic without drift; after a long stall, skip to the next period. */
	uint64_t next = t->due + teleperiod(r);
	if (next <= ev_now(loop))
		next = ev_now(loop) + teleperiod(r);
	ev_timer_start_at(loop, t, next);
}

/*
 * Pings at half the watchdog interval, but never more often than every
 * WATCHDOG_MIN_PING_MS: a tiny WATCHDOG_USEC (1 us) would otherwise make
 * a 0 ms timer that re-arms itself and spins the loop.
 */
#define WATCHDOG_MIN_PING_MS 1

static uint32_t
watchdog_ping_ms(uint32_t wd_ms)
{
	return wd_ms / 2 < WATCHDOG_MIN_PING_MS ? WATCHDOG_MIN_PING_MS : wd_ms / 2;
}

/* Every meter has a value: print the first SENSOR line now, not a teleperiod later. */
static void
all_reporting_cb(void *arg)
{
	struct runner *r = arg;

	if (ev_timer_active(&r->tele))
		ev_timer_start(r->loop, &r->tele, 0);
}

/*
 * Each meter on TCP is a socket: raise the soft descriptor limit to the
 * hard one where allowed (1024 is the usual soft default), and say what
 * it is, so running out is recognisable in the log.
 */
static void
raise_nofile(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return;
	if (rl.rlim_cur < rl.rlim_max) {
		rlim_t want = rl.rlim_max;
		rl.rlim_cur = want;
		if (setrlimit(RLIMIT_NOFILE, &rl) != 0)
			log_warn("cannot raise the open file limit to %llu", (unsigned long long)want);
		(void)getrlimit(RLIMIT_NOFILE, &rl);
	}
	log_debug("open file limit %llu", (unsigned long long)rl.rlim_cur);
}

/*
 * The status file is what `meterd status` shows: rewritten at least every
 * STATUS_EVERY_MS, also when the teleperiod is minutes long.
 */
#define STATUS_EVERY_MS 10000

static void
stat_cb(struct ev_loop *loop, struct ev_timer *t)
{
	struct runner *r = t->data;

	write_status(r);
	ev_timer_start(loop, t, STATUS_EVERY_MS);
}

static void
watchdog_cb(struct ev_loop *loop, struct ev_timer *t)
{
	struct runner *r = t->data;

	/* The loop turned, so the daemon is alive. */
	sd_notify_send("WATCHDOG=1");
	ev_timer_start(loop, t, watchdog_ping_ms(r->wd_ms));
}

static void
stop_cb(struct ev_loop *loop, struct ev_signal *s)
{
	log_info("%s: stopping", s->signo == SIGTERM ? "SIGTERM" : "SIGINT");
	sd_notify_send("STOPPING=1");
	ev_break(loop);
}

static void reload_apply(struct runner *r, struct cfg *c);

static void
reload_cb(struct ev_loop *loop, struct ev_signal *s)
{
	struct runner *r = s->data;
	struct cfg    *c;
	char          *buf = NULL;
	size_t         len = 0;
	FILE          *errs = open_memstream(&buf, &len);
	int            n;

	(void)loop;
	sd_notify_send("RELOADING=1");
	n = cfg_load(r->o->config, &c, errs != NULL ? errs : stderr);
	if (errs != NULL)
		fclose(errs);
	if (n != 0) {
		/* Each message on its own log line, then keep running as before. */
		for (char *line = buf, *nl; line != NULL && *line != '\0'; line = nl) {
			nl = strchr(line, '\n');
			if (nl != NULL)
				*nl++ = '\0';
			log_warnx("%s", line);
		}
		log_warnx("SIGHUP: %s has %d error%s, keeping the running configuration",
		          r->o->config, n, n == 1 ? "" : "s");
	} else {
		if (buf != NULL && len > 0)
			log_info("%s", buf);
		log_info("SIGHUP: reloading %s", r->o->config);
		reload_apply(r, c);
		if (!ev_timer_active(&r->tele) || r->tele.due > ev_now(r->loop) + teleperiod(r))
			ev_timer_start(r->loop, &r->tele, teleperiod(r));
	}
	free(buf);
	sd_notify_send("READY=1");
}

static void
usr1_cb(struct ev_loop *loop, struct ev_signal *s)
{
	struct runner *r = s->data;

	(void)loop;
	engine_log_health(r->engine);
	write_status(r);
}

/* The guard's memory across restarts: the last total the history stored. */
static bool
history_total(void *arg, const char *id, double *v, int64_t *wall_ms)
{
	int64_t raw;
	int8_t  scaler;

	if (history_last_total(arg, id, &raw, &scaler, wall_ms) != 0)
		return false;
	*v = (double)raw * pow(10, scaler);
	return true;
}

/*
 * The history store and the web server. A sink that cannot start is logged
 * and left out: metering goes on without it.
 */
static void
start_store(struct runner *r, const struct cfg *c)
{
	struct history_conf hc;
	struct http_conf    wc;
	struct cfg_diag     d = {.file = c->file, .errs = stderr};

	history_conf_read(c, &hc, &d);
	http_conf_read(c, &wc, &d);
	if (r->o->http != NULL)
		wc = *r->o->http;
	if (hc.enabled) {
		r->hist = history_open(&hc);
		if (r->hist != NULL) {
			readings_subscribe(r->rd, history_sink(r->hist));
			engine_set_last_total(r->engine, history_total, r->hist);
			readings_set_last_total(r->rd, history_total, r->hist);
		}
		else
			log_warnx("history: cannot start (out of memory)");
	}
	if (wc.enabled) {
		r->http = http_new(r->loop, r->rd, r->hist, &wc);
		if (r->http != NULL)
			readings_subscribe(r->rd, http_sink(r->http));
	}
}

static void
start_sinks(struct runner *r, const struct cfg *c)
{
	start_store(r, c);
	if (r->o->attach != NULL)
		r->o->attach(r->o->attach_arg, r->rd, r->hist);
	r->sinks = sinks_start(r->loop, r->rd, c);
}

static void
stop_store(struct runner *r)
{
	if (r->http != NULL) {
		readings_unsubscribe(r->rd, http_sink(r->http));
		http_free(r->http);
	}
	if (r->hist != NULL) {
		readings_unsubscribe(r->rd, history_sink(r->hist));
		history_close(r->hist); /* commits what is queued */
	}
	r->http = NULL;
	r->hist = NULL;
}

/*
 * A reload: meters through the engine (it keeps what did not change), and
 * each other part restarted only when its own blocks changed: gateways
 * always (they hold buses that may change), the history store and web
 * server together (the server reads the store), the publishing sinks
 * (their spools default to the history's directory), cameras.
 */
static void
reload_apply(struct runner *r, struct cfg *c)
{
	const struct cfg *old = engine_config(r->engine);
	bool store = !cfg_sections_same(old, c, "history") ||
	             (r->o->http == NULL && !cfg_sections_same(old, c, "http"));
	bool pub = store || !cfg_sections_same(old, c, "mqtt") || !cfg_sections_same(old, c, "influx");
	bool cams = store || !cfg_sections_same(old, c, "camera");

	gateway_stop_all(r->gateways);
	r->gateways = NULL;
	if (pub) {
		log_info("SIGHUP: restarting mqtt and influx");
		sinks_free(r->sinks);
		r->sinks = NULL;
	}
	if (cams) {
		camera_stop_all(r->cameras);
		r->cameras = NULL;
	}
	if (store) {
		log_info("SIGHUP: restarting history and http");
		engine_set_last_total(r->engine, NULL, NULL);
		readings_set_last_total(r->rd, NULL, NULL);
		stop_store(r);
		start_store(r, c);
		http_set_control(r->http, r->control);
		http_set_snapshots(r->http, camera_last_snapshot);
	}
	if (pub) {
		r->sinks = sinks_start(r->loop, r->rd, c);
		mqtt_sink_set_control(sinks_mqtt(r->sinks), r->control);
	}
	/* c belongs to the engine from here; `old` is gone. */
	engine_apply(r->engine, c);
	control_apply(r->control, c);
	wmbus_source_stop(r->wmbus);
	r->wmbus = wmbus_source_start(r->loop, r->rd, c);
	r->gateways = gateway_start_all(r->engine, c);
	if (cams) {
		r->cameras = camera_start_all(r->loop, r->rd, c);
		if (r->hist != NULL)
			camera_set_last_total(r->cameras, history_total, r->hist);
	}
}

int
run_daemon(struct ev_loop *loop, const struct run_opts *o)
{
	struct runner r = {.o = o, .loop = loop};
	struct cfg   *c;
	int           n;

	n = cfg_load(o->config, &c, stderr);
	if (n != 0) {
		fprintf(stderr, "meterd: %s: %d error%s\n", o->config, n, n == 1 ? "" : "s");
		return 1;
	}
	/*
	 * Sinks subscribe to the seam before the engine starts, so they see
	 * every meter join the catalogue.
	 */
	raise_nofile();
	r.rd = readings_new();
	r.health = r.rd != NULL ? healthlog_new(r.rd, loop, all_reporting_cb, &r) : NULL;
	r.engine = r.health != NULL ? engine_new(loop, r.rd) : NULL;
	if (r.engine == NULL) {
		healthlog_free(r.health);
		readings_free(r.rd);
		cfg_free(c);
		fprintf(stderr, "meterd: out of memory\n");
		return 1;
	}
	start_sinks(&r, c);
	engine_apply(r.engine, c);
	r.control = control_new(r.engine);
	if (r.control != NULL)
		control_apply(r.control, c);
	http_set_control(r.http, r.control);
	http_set_snapshots(r.http, camera_last_snapshot);
	mqtt_sink_set_control(sinks_mqtt(r.sinks), r.control);
	r.wmbus = wmbus_source_start(loop, r.rd, c);
	r.gateways = gateway_start_all(r.engine, c);
	r.cameras = camera_start_all(loop, r.rd, c);
	if (r.hist != NULL)
		camera_set_last_total(r.cameras, history_total, r.hist);
	ev_signal_init(&r.sterm, SIGTERM, stop_cb, &r);
	ev_signal_init(&r.sint, SIGINT, stop_cb, &r);
	ev_signal_init(&r.shup, SIGHUP, reload_cb, &r);
	ev_signal_init(&r.susr1, SIGUSR1, usr1_cb, &r);
	if (ev_signal_start(loop, &r.sterm) < 0 || ev_signal_start(loop, &r.sint) < 0 ||
	    ev_signal_start(loop, &r.shup) < 0 || ev_signal_start(loop, &r.susr1) < 0)
		fatalx("cannot install signal handlers");
	ev_timer_init(&r.tele, tele_cb, &r);
	ev_timer_start(loop, &r.tele, teleperiod(&r));
	ev_timer_init(&r.stat, stat_cb, &r);
	if (o->status != NULL && teleperiod(&r) > STATUS_EVERY_MS)
		ev_timer_start(loop, &r.stat, STATUS_EVERY_MS);
	r.wd_ms = sd_watchdog_ms();
	ev_timer_init(&r.watchdog, watchdog_cb, &r);
	if (r.wd_ms > 0) {
		if (r.wd_ms < 1000)
			log_warnx("watchdog interval %u ms is very short; pinging every %u ms", r.wd_ms,
			          watchdog_ping_ms(r.wd_ms));
		ev_timer_start(loop, &r.watchdog, watchdog_ping_ms(r.wd_ms));
	}
	{
		char ready[600];
		snprintf(ready, sizeof(ready), "READY=1\nSTATUS=%s", healthlog_status(r.health));
		sd_notify_send(ready);
	}
	log_info("running (teleperiod %u s)", teleperiod(&r) / 1000);

	n = ev_run(loop);
	if (n < 0)
		log_warnc(n, "event loop");
	ev_timer_stop(loop, &r.tele);
	ev_timer_stop(loop, &r.watchdog);
	ev_timer_stop(loop, &r.stat);
	write_status(&r);
	/* Sinks go first: a meter leaving because the daemon stops has not left the config. */
	sinks_free(r.sinks);
	wmbus_source_stop(r.wmbus);
	gateway_stop_all(r.gateways);
	camera_stop_all(r.cameras);
	engine_free(r.engine);
	control_free(r.control);
	stop_store(&r);
	healthlog_free(r.health);
	readings_free(r.rd);
	ev_signal_stop(loop, &r.sterm);
	ev_signal_stop(loop, &r.sint);
	ev_signal_stop(loop, &r.shup);
	ev_signal_stop(loop, &r.susr1);
	log_info("stopped");
	return n < 0 ? 1 : 0;
}

/*
 * `run -n` after the file parsed: sets every meter up as run_daemon() does
 * (ports are only opened once the loop runs, so nothing is touched), tears
 * it down, and fails when that logged a warning.
 */
static int
run_check_meters(const char *path, int verbosity)
{
	struct ev_loop  *loop = ev_loop_new();
	struct readings *rd = loop != NULL ? readings_new() : NULL;
	struct engine   *e = rd != NULL ? engine_new(loop, rd) : NULL;
	struct cfg      *c = NULL;
	unsigned         warned = 0;

	log_init("meterd", false, verbosity > 1 ? verbosity : 0);
	if (e == NULL)
		fprintf(stderr, "meterd: out of memory\n");
	else if (cfg_load(path, &c, stderr) == 0) {
		unsigned before = log_warning_count();
		engine_apply(e, c); /* the engine owns c now */
		warned = log_warning_count() - before;
		if (warned > 0)
			fprintf(stderr, "meterd: %s: %u warning%s setting up the meters\n", path, warned,
			        warned == 1 ? "" : "s");
	} else
		cfg_free(c);
	engine_free(e);
	readings_free(rd);
	if (loop != NULL)
		ev_loop_free(loop);
	return e == NULL || warned > 0 ? 1 : 0;
}

static int
run_usage(FILE *f)
{
	fprintf(f, "usage: meterd run -c FILE [--print] [--status FILE] [--teleperiod SECONDS]\n"
	           "                  [--syslog] [-v] [-q]\n"
	           "       meterd run -n -c FILE   (check the configuration and exit)\n");
	return f == stderr ? 2 : 0;
}

int cmd_run(int argc, char **argv);

int
cmd_run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"config", required_argument, NULL, 'c'},
		{"print", no_argument, NULL, 'p'},
		{"status", required_argument, NULL, 's'},
		{"teleperiod", required_argument, NULL, 't'},
		{"syslog", no_argument, NULL, 'S'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct run_opts o = {0};
	struct ev_loop *loop;
	int             ch, verbosity = 1, rc;
	bool            check_only = false;

	while ((ch = getopt_long(argc, argv, "c:nvqh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			o.config = optarg;
			break;
		case 'n':
			check_only = true;
			break;
		case 'p':
			o.print = true;
			break;
		case 's':
			o.status = optarg;
			break;
		case 't': {
			uint32_t ms;
			if (cfg_duration_parse(optarg, &ms) != 0 || ms < 1000) {
				fprintf(stderr, "meterd run: --teleperiod: expected at least 1 s, not \"%s\"\n",
				        optarg);
				return 2;
			}
			o.teleperiod_ms = ms;
			break;
		}
		case 'S':
			o.syslog = true;
			break;
		case 'v':
			verbosity++;
			break;
		case 'q':
			verbosity = 0;
			break;
		case 'h':
			return run_usage(stdout);
		default:
			return run_usage(stderr);
		}
	}
	if (o.config == NULL || optind != argc)
		return run_usage(stderr);
	if (check_only) {
		struct cfg *c;
		int         n = cfg_load(o.config, &c, stderr);
		cfg_free(c);
		if (n != 0) {
			fprintf(stderr, "meterd: %s: %d error%s\n", o.config, n, n == 1 ? "" : "s");
			return 1;
		}
		/*
		 * What `run` would warn about when it sets the meters up (an option
		 * the protocol does not have, a poll for a pushing meter, a value
		 * that is no register ...) is a problem of the file too: set every
		 * meter up as `run` does, open nothing, and count the warnings.
		 */
		if ((n = run_check_meters(o.config, verbosity)) != 0)
			return 1;
		printf("%s: ok\n", o.config);
		return 0;
	}
	log_init("meterd", o.syslog, verbosity);
	loop = ev_loop_new();
	if (loop == NULL) {
		fprintf(stderr, "meterd: out of memory\n");
		return 1;
	}
	rc = run_daemon(loop, &o);
	ev_loop_free(loop);
	return rc;
}
