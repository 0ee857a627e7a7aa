/*
 * demo.c - `meterd demo`: the seed's home, simulated, read by the daemon.
 *
 * Starts the simulators of the seed's three serial meters (EasyMeter Q3D
 * pushing D0, Samson TROVIS 5573 answering Modbus RTU, Kamstrup MULTICAL
 * 403 answering KMP behind an optical head) on pseudo-terminals in a fresh
 * directory, writes a configuration that pastes the seed's Tasmota script
 * (data/seed-script.tas) with its pins mapped to those ptys, and runs the
 * daemon on the same event loop as the simulators, with a 5 s teleperiod
 * so values show at once. Runs until SIGINT or SIGTERM, then removes the
 * directory.
 *
 * The web page is served (default http://127.0.0.1:8080/) and the history
 * store writes into the demo's directory. So that charts show at once, each
 * value's first live reading is preceded by three days of generated history:
 * plausible curves anchored at that reading (a household's daily load shape
 * for power and flow, a daily swing for temperatures, totals counted back
 * from the live meter reading along the same shape). It is made up, and the
 * docs say so.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "history.h"
#include "http.h"
#include "readings.h"
#include "platform/posix/log.h"
#include "run.h"
#include "sim.h"
#include "sim_port.h"

/* The seed's meters and the script pins that stand for their ports. */
static const struct demo_meter {
	const char *kind;
	const char *link;
	int         pins[2]; /* rx, tx (-1: none) */
} demo_meters[] = {
	{"q3d", "ttyQ3D", {12, -1}},
	{"trovis", "ttyTROVIS", {4, 2}},
	{"mc403", "ttyMC403", {14, 13}},
};
#define DEMO_N (sizeof(demo_meters) / sizeof(demo_meters[0]))

/* --modbus-gateway ADDR:PORT: a Modbus TCP gateway on the simulated TROVIS bus, or NULL. */
static const char *demo_gateway;
static const char *demo_mqtt; /* --mqtt HOST:PORT, NULL none */

static char *
read_all(const char *path)
{
	FILE  *f = fopen(path, "rb");
	char  *buf;
	long   n;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || n > 1 << 20 ||
	    fseek(f, 0, SEEK_SET) != 0 || (buf = malloc((size_t)n + 1)) == NULL) {
		fclose(f);
		return NULL;
	}
	if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		fclose(f);
		return NULL;
	}
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static int
write_config(const char *dir, const char *script_path, uint32_t teleperiod_ms, const char *db,
             char *conf, size_t cap)
{
	FILE *f;
	char *script = read_all(script_path);

	if (script == NULL) {
		log_warn("cannot read the seed script %s", script_path);
		return -1;
	}
	snprintf(conf, cap, "%s/meterd.conf", dir);
	f = fopen(conf, "w");
	if (f == NULL) {
		log_warn("%s", conf);
		free(script);
		return -1;
	}
	fprintf(f, "# written by meterd demo: the seed's script, its pins on simulated meters\n");
	fprintf(f, "teleperiod %us\nhistory {\n    path \"%s\"\n}\nsmi {\n", teleperiod_ms / 1000, db);
	for (size_t i = 0; i < DEMO_N; i++)
		for (int k = 0; k < 2; k++)
			if (demo_meters[i].pins[k] >= 0)
				fprintf(f, "    pin %-2d \"%s/%s\"\n", demo_meters[i].pins[k], dir,
				        demo_meters[i].link);
	fprintf(f, "    script <<END_OF_SCRIPT\n%s%sEND_OF_SCRIPT\n}\n", script,
	        script[0] != '\0' && script[strlen(script) - 1] == '\n' ? "" : "\n");
	if (demo_gateway != NULL)
		fprintf(f, "# the vendor tool's way in, read-only, while the script keeps polling\n"
		           "gateway {\n    listen %s\n    port \"%s/ttyTROVIS\"\n}\n",
		        demo_gateway, dir);
	free(script);
	if (demo_mqtt != NULL)
		/* Discovery on: Home Assistant on that broker shows the demo's meters. */
		fprintf(f, "mqtt {\n    broker %s\n    topic meterd-demo\n    discovery on\n"
		           "    spool \"%s/spool.db\"\n}\n", demo_mqtt, dir);
	return fclose(f) == 0 ? 0 : -1;
}

/* --- generated history */

#define BACKFILL_DAYS 3
#define BACKFILL_STEP 300000 /* ms between generated points */

struct backfill {
	struct rd_sink  sink;
	struct readings *rd;
	struct history  *hist;
	char           (*done)[RD_ID_MAX];
	size_t          n_done, cap_done;
	uint64_t        rng;
};

static double
bf_noise(struct backfill *b)
{
	/* xorshift: deterministic, uniform in [-1, 1) */
	b->rng ^= b->rng << 13;
	b->rng ^= b->rng >> 7;
	b->rng ^= b->rng << 17;
	return (double)(b->rng >> 11) / (double)(1ULL << 52) - 1.0;
}

/* A household's load over the local day: night base, a morning and an evening peak. */
static double
day_shape(int64_t t_ms)
{
	time_t    t = (time_t)(t_ms / 1000);
	struct tm tm;
	double    h;

	localtime_r(&t, &tm);
	h = tm.tm_hour + tm.tm_min / 60.0;
	return 0.5 + 0.6 * exp(-pow((h - 7.5) / 1.5, 2)) + 1.0 * exp(-pow((h - 19.0) / 2.5, 2));
}

static double
day_swing(int64_t t_ms)
{
	time_t    t = (time_t)(t_ms / 1000);
	struct tm tm;

	localtime_r(&t, &tm);
	return sin(2 * M_PI * (tm.tm_hour + tm.tm_min / 60.0 - 9.0) / 24.0);
}

/* What a total grows by in a day, in its unit (a family home, a heating circuit). */
static double
daily_growth(const struct rd_value *v, double now)
{
	static const struct {
		const char *unit;
		double      per_day;
	} rates[] = {{"kWh", 11}, {"Wh", 11000}, {"MWh", 0.04}, {"GJ", 0.15}, {"MJ", 150},
	             {"m3", 0.5}, {"m\xc2\xb3", 0.5}, {"l", 500}, {"h", 8}};

	for (size_t i = 0; i < sizeof(rates) / sizeof(rates[0]); i++)
		if (strcmp(v->unit, rates[i].unit) == 0)
			return rates[i].per_day;
	return fabs(now) * 0.001;
}

static void
backfill_value(struct backfill *b, const struct rd_value *v)
{
	double  scale = pow(10.0, v->scaler);
	double  v0 = (double)v->raw * scale;
	int64_t t0 = v->rx_ms, steps = BACKFILL_DAYS * 86400000LL / BACKFILL_STEP;
	double  total = v0, shape_sum = 0;

	for (int64_t k = 1; k <= steps; k++)
		shape_sum += day_shape(t0 - k * BACKFILL_STEP);
	for (int64_t k = 1; k <= steps; k++) {
		int64_t t = t0 - k * BACKFILL_STEP;
		double  x;
		switch (v->cls == RD_CLASS_TOTAL ? RD_Q_ENERGY : v->quantity) {
		case RD_Q_ENERGY: /* any total: counted back from the live reading */
			x = total;
			total -= daily_growth(v, v0) * BACKFILL_DAYS * day_shape(t) / shape_sum;
			break;
		case RD_Q_POWER:
		case RD_Q_CURRENT:
		case RD_Q_FLOW:
		case RD_Q_REACTIVE_POWER:
			x = v0 * day_shape(t) / day_shape(t0) * (1 + 0.15 * bf_noise(b));
			break;
		case RD_Q_TEMPERATURE:
			x = v0 + 3 * (day_swing(t) - day_swing(t0)) + 0.2 * bf_noise(b);
			break;
		default:
			x = v0 * (1 + 0.01 * bf_noise(b));
			break;
		}
		history_put(b->hist, v->id, t, llround(x / scale), v->scaler);
	}
}

static void
backfill_batch_end(struct rd_sink *s, const struct rd_meter *m)
{
	struct backfill *b = s->data;

	for (size_t i = 0; i < m->n_values; i++) {
		const struct rd_value *v = &m->values[i];
		bool                   seen = false;
		if (!v->have || v->is_text)
			continue;
		for (size_t k = 0; k < b->n_done && !seen; k++)
			seen = strcmp(b->done[k], v->id) == 0;
		if (seen)
			continue;
		if (b->n_done == b->cap_done) {
			size_t ncap = b->cap_done ? 2 * b->cap_done : 32;
			void  *p = realloc(b->done, ncap * sizeof(*b->done));
			if (p == NULL)
				return;
			b->done = p;
			b->cap_done = ncap;
		}
		snprintf(b->done[b->n_done++], RD_ID_MAX, "%s", v->id);
		backfill_value(b, v);
	}
}

static void
backfill_attach(void *arg, struct readings *rd, struct history *hist)
{
	struct backfill *b = arg;

	if (hist == NULL)
		return;
	b->rd = rd;
	b->hist = hist;
	b->rng = 0x9e3779b97f4a7c15u;
	b->sink = (struct rd_sink){.name = "demo history", .batch_end = backfill_batch_end, .data = b};
	readings_subscribe(rd, &b->sink);
}

static int
demo_usage(FILE *f)
{
	fprintf(f, "usage: meterd demo [--print] [--http ADDR:PORT] [--teleperiod SECONDS] [--script FILE]\n"
	           "                   [--modbus-gateway ADDR:PORT] [--mqtt HOST:PORT] [-v] [-q]\n");
	return f == stderr ? 2 : 0;
}

int cmd_demo(int argc, char **argv);

int
cmd_demo(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"print", no_argument, NULL, 'p'},
		{"teleperiod", required_argument, NULL, 't'},
		{"script", required_argument, NULL, 's'},
		{"modbus-gateway", required_argument, NULL, 'g'},
		{"http", required_argument, NULL, 'H'},
		{"mqtt", required_argument, NULL, 'm'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	static struct sim_meter meters[DEMO_N];
	static struct sim_port  ports[DEMO_N];
	struct run_opts         o = {0};
	struct ev_loop         *loop;
	char                    dir[] = "/tmp/meterd-demo.XXXXXX";
	char                    conf[256], status[256], link[512], seed[1024];
	const char             *script = seed;
	int                     ch, verbosity = 1, rc = 1;
	size_t                  started = 0;
	uint32_t                tele = 5000;
	static struct backfill  backfill;
	struct http_conf        web;
	char                    db[300];

	http_parse_listen("127.0.0.1:8080", &web);

	snprintf(seed, sizeof(seed), "%s/seed-script.tas", meterd_datadir());
	while ((ch = getopt_long(argc, argv, "vqh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'p':
			o.print = true;
			break;
		case 't':
			if (cfg_duration_parse(optarg, &tele) != 0 || tele < 1000) {
				fprintf(stderr, "meterd demo: --teleperiod: expected at least 1 s\n");
				return 2;
			}
			break;
		case 's':
			script = optarg;
			break;
		case 'm':
			/* Checked with the rest of the config it lands in. */
			if (strpbrk(optarg, " \t\n\"{}#") != NULL) {
				fprintf(stderr, "meterd demo: --mqtt: expected HOST:PORT\n");
				return 2;
			}
			demo_mqtt = optarg;
			break;
		case 'g':
			demo_gateway = optarg;
			break;
		case 'H':
			if (http_parse_listen(optarg, &web) != 0) {
				fprintf(stderr, "meterd demo: --http: expected ADDR:PORT, not \"%s\"\n", optarg);
				return 2;
			}
			break;
		case 'v':
			verbosity++;
			break;
		case 'q':
			verbosity = 0;
			break;
		case 'h':
			return demo_usage(stdout);
		default:
			return demo_usage(stderr);
		}
	}
	if (optind != argc)
		return demo_usage(stderr);
	log_init("meterd", false, verbosity);
	if (mkdtemp(dir) == NULL) {
		log_warn("mkdtemp");
		return 1;
	}
	loop = ev_loop_new();
	if (loop == NULL)
		fatalx("out of memory");
	for (size_t i = 0; i < DEMO_N; i++) {
		const struct sim_kind *k = sim_kind_find(demo_meters[i].kind);
		int                    err;

		snprintf(link, sizeof(link), "%s/%s", dir, demo_meters[i].link);
		if (k == NULL || sim_meter_setup(&meters[i], k, 1 + i) < 0 ||
		    sim_meter_start(&meters[i], ev_now(loop), (int64_t)time(NULL)) < 0) {
			log_warnx("simulator %s: cannot start", demo_meters[i].kind);
			goto out;
		}
		started++;
		if ((err = sim_port_open_pty(&ports[i], loop, &meters[i], link)) < 0) {
			log_warnc(err, "simulator %s: no pty", demo_meters[i].kind);
			goto out;
		}
	}
	snprintf(db, sizeof(db), "%s/history.db", dir);
	if (write_config(dir, script, tele, db, conf, sizeof(conf)) < 0)
		goto out;
	snprintf(status, sizeof(status), "%s/status.json", dir);
	o.config = conf;
	o.status = status;
	o.teleperiod_ms = tele;
	o.http = &web;
	o.attach = backfill_attach;
	o.attach_arg = &backfill;
	fprintf(stderr, "meterd demo: the seed's meters, simulated on %s/tty*:\n", dir);
	for (size_t i = 0; i < DEMO_N; i++)
		fprintf(stderr, "  %-10s %s\n", demo_meters[i].link, meters[i].kind->summary);
	fprintf(stderr,
	        "read through the seed's Tasmota script (%s).\n"
	        "  configuration:      %s\n"
	        "  health and latency: %s (every %u s)\n"
	        "  values:             %s\n"
	        "  history:            %s (with %d days of generated history before the first reading)\n"
	        "  web page:           open http://%s%s%s:%u/ in a browser\n"
	        "%s%s%s"
	        "  stop with Ctrl-C.\n",
	        script, conf, status, tele / 1000,
	        o.print ? "Tasmota SENSOR JSON on stdout, one line per teleperiod"
	                : "run with --print to see the Tasmota SENSOR JSON on stdout",
	        db, BACKFILL_DAYS, strchr(web.host, ':') ? "[" : "", web.host[0] ? web.host : "localhost",
	        strchr(web.host, ':') ? "]" : "", web.port,
	        demo_mqtt != NULL ? "  mqtt:               tele/meterd-demo/# and Home Assistant discovery on "
	                          : "",
	        demo_mqtt != NULL ? demo_mqtt : "", demo_mqtt != NULL ? "\n" : "");
	rc = run_daemon(loop, &o);
out:
	for (size_t i = 0; i < started; i++) {
		sim_port_close(&ports[i]);
		sim_meter_free(&meters[i]);
	}
	ev_loop_free(loop);
	free(backfill.done);
	if (o.config != NULL) {
		/* The history database and the mqtt spool, each with SQLite's WAL files. */
		static const char *const db_files[] = {"", "-wal", "-shm"};
		char                     spool[300];
		const char              *dbs[2] = {db, spool};
		snprintf(spool, sizeof(spool), "%s/spool.db", dir);
		unlink(conf);
		unlink(status);
		for (size_t k = 0; k < 2; k++)
			for (size_t i = 0; i < 3; i++) {
				char f[320];
				snprintf(f, sizeof(f), "%s%s", dbs[k], db_files[i]);
				unlink(f);
			}
	}
	if (rmdir(dir) < 0)
		log_warn("rmdir %s", dir);
	return rc;
}
