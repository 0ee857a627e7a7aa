/*
 * seamfeed.c - a counting source for the seam, for the sinks' tests and
 * benches: the publishing sinks of a configuration (sinks_start) fed with
 * readings whose values the test computes itself.
 *
 *   seamfeed -c CONF [--meters N] [--interval MS] [--count N] [--state FILE]
 *            [--silent-after N] [--remove-after N] [--linger MS]
 *
 * Tick i (1, 2, ... continuing across runs through --state) publishes, for
 * every meter m<k>, one batch:
 *   energy  = i/10 kWh  (raw i, scaler -1)     power = (7 i) mod 1000 W
 * and meter m1 also:
 *   water = i/1000 m3 (M-Bus water), flow_temperature = (i mod 90)/10 C,
 *   voltage = 230 V, serial = "E0044007131650618" (text).
 * The meter's time is tick_time = 1800000000 + i seconds, so every reading
 * can be recognised downstream. --stamp adds m1's value "t_us", the wall
 * clock in microseconds when the batch was published (for latency benches).
 * Prints "tick N" after each tick (unless --quiet), and when it stops
 * "stats queued Q delivered D waiting W dropped X" and
 * "usage elapsed_ms E cpu_ms C maxrss_kb R". --drain: stop as soon as the
 * sinks' peers acknowledged everything after the last tick (no linger).
 */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "config.h"
#include "influx.h"
#include "mqtt.h"
#include "platform/posix/ev.h"
#include "platform/posix/log.h"
#include "readings.h"
#include "sinks.h"

#define FEED_T0 1800000000ll

struct feed {
	struct ev_loop   *loop;
	struct readings  *rd;
	struct sinks     *sinks;
	struct rd_meter **meters;
	unsigned          n_meters;
	uint64_t          tick, count, done, silent_after, remove_after;
	uint32_t          interval_ms, linger_ms;
	bool              stamp, quiet, drain;
	const char       *state;
	struct ev_timer   t;
	struct ev_signal  sterm, sint;
};

static void
point(struct feed *f, struct rd_meter *m, const char *name, int64_t raw, int8_t scaler,
      const char *unit, enum rd_quantity q)
{
	/* guarded: a test source of exact totals for the sinks, not a meter to judge */
	struct rd_point_in in = {.guarded = true, .name = name, .quantity = q, .cls = RD_CLASS_TOTAL,
	                         .precision = -1, .raw = raw, .scaler = scaler, .unit = unit,
	                         .meter_time = FEED_T0 + (int64_t)f->tick};

	readings_point(f->rd, m, &in);
}

static void
save_state(struct feed *f)
{
	FILE *fp;

	if (f->state == NULL || (fp = fopen(f->state, "w")) == NULL)
		return;
	fprintf(fp, "%llu\n", (unsigned long long)f->tick);
	fclose(fp);
}

/* Messages the sinks still hold (not acknowledged by their peers). */
static uint64_t
waiting(const struct feed *f)
{
	uint64_t n = 0;

	if (sinks_mqtt(f->sinks) != NULL) {
		struct mqtt_stats st;
		mqtt_sink_stats(sinks_mqtt(f->sinks), &st);
		n += st.waiting;
	}
	if (sinks_influx(f->sinks) != NULL) {
		struct influx_stats st;
		influx_sink_stats(sinks_influx(f->sinks), &st);
		n += st.waiting;
	}
	return n;
}

static void
tick_cb(struct ev_loop *loop, struct ev_timer *t)
{
	struct feed *f = t->data;

	if (f->done >= f->count) {
		if (f->drain && waiting(f) > 0)
			ev_timer_start(loop, t, 2);
		else
			ev_break(loop);
		return;
	}
	f->tick++;
	f->done++;
	for (unsigned k = 0; k < f->n_meters; k++) {
		struct rd_meter *m = f->meters[k];
		if (m == NULL)
			continue;
		point(f, m, "energy", (int64_t)f->tick, -1, "kWh", RD_Q_UNKNOWN);
		point(f, m, "power", (int64_t)(f->tick * 7 % 1000), 0, "W", RD_Q_UNKNOWN);
		if (k == 0 && f->stamp) {
			struct timespec ts;
			clock_gettime(CLOCK_REALTIME, &ts);
			point(f, m, "t_us", (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000, 0, "",
			      RD_Q_UNKNOWN);
		}
		if (k == 0) {
			struct rd_point_in txt = {.name = "serial", .precision = -1, .is_text = true,
			                          .text = "E0044007131650618", .text_len = 17,
			                          .meter_time = FEED_T0 + (int64_t)f->tick};
			point(f, m, "water", (int64_t)f->tick, -3, "m3", RD_Q_WATER);
			point(f, m, "flow_temperature", (int64_t)(f->tick % 90), -1, "C", RD_Q_UNKNOWN);
			point(f, m, "voltage", 230, 0, "V", RD_Q_UNKNOWN);
			readings_point(f->rd, m, &txt);
		}
		readings_batch_end(f->rd, m);
	}
	if (f->silent_after != 0 && f->done == f->silent_after) {
		struct rd_health h = f->meters[0]->health;
		h.state = RD_STATE_SILENT;
		readings_health(f->rd, f->meters[0], &h);
	}
	if (f->remove_after != 0 && f->done == f->remove_after && f->n_meters > 1) {
		readings_meter_remove(f->rd, f->meters[f->n_meters - 1]);
		f->meters[f->n_meters - 1] = NULL;
	}
	save_state(f);
	if (!f->quiet) {
		printf("tick %llu\n", (unsigned long long)f->tick);
		fflush(stdout);
	}
	if (f->done >= f->count)
		ev_timer_start(loop, t, f->linger_ms);
	else
		ev_timer_start_at(loop, t, t->due + f->interval_ms);
}

static void
stop_cb(struct ev_loop *loop, struct ev_signal *s)
{
	(void)s;
	ev_break(loop);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"meters", required_argument, NULL, 'm'},   {"interval", required_argument, NULL, 'i'},
		{"count", required_argument, NULL, 'n'},    {"state", required_argument, NULL, 's'},
		{"silent-after", required_argument, NULL, 'S'},
		{"remove-after", required_argument, NULL, 'R'},
		{"linger", required_argument, NULL, 'l'},   {"stamp", no_argument, NULL, 'T'},
		{"quiet", no_argument, NULL, 'Q'},          {"drain", no_argument, NULL, 'D'},
		{NULL, 0, NULL, 0},
	};
	struct feed f = {.n_meters = 1, .interval_ms = 100, .count = 10, .linger_ms = 1000};
	const char *conf = NULL;
	struct cfg *c;
	int         ch, verbosity = 2;
	FILE       *fp;

	while ((ch = getopt_long(argc, argv, "c:v", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c': conf = optarg; break;
		case 'm': f.n_meters = (unsigned)strtoul(optarg, NULL, 10); break;
		case 'i': f.interval_ms = (uint32_t)strtoul(optarg, NULL, 10); break;
		case 'n': f.count = strtoull(optarg, NULL, 10); break;
		case 's': f.state = optarg; break;
		case 'S': f.silent_after = strtoull(optarg, NULL, 10); break;
		case 'R': f.remove_after = strtoull(optarg, NULL, 10); break;
		case 'l': f.linger_ms = (uint32_t)strtoul(optarg, NULL, 10); break;
		case 'T': f.stamp = true; break;
		case 'Q': f.quiet = true; break;
		case 'D': f.drain = true; f.linger_ms = 0; break;
		case 'v': verbosity = 3; break;
		default: return 2;
		}
	}
	if (conf == NULL || f.n_meters == 0)
		return 2;
	log_init("seamfeed", false, verbosity);
	if (cfg_load(conf, &c, stderr) != 0)
		return 1;
	if (f.state != NULL && (fp = fopen(f.state, "r")) != NULL) {
		unsigned long long t;
		if (fscanf(fp, "%llu", &t) == 1)
			f.tick = t;
		fclose(fp);
	}
	f.loop = ev_loop_new();
	f.rd = readings_new();
	f.meters = calloc(f.n_meters, sizeof(*f.meters));
	if (f.loop == NULL || f.rd == NULL || f.meters == NULL)
		return 1;
	f.sinks = sinks_start(f.loop, f.rd, c);
	cfg_free(c);
	if (f.sinks == NULL)
		return 1;
	for (unsigned k = 0; k < f.n_meters; k++) {
		char name[32];
		snprintf(name, sizeof(name), "m%u", k + 1);
		f.meters[k] = readings_meter_add(f.rd, name, "sml");
		if (k == 0) {
			snprintf(f.meters[k]->manufacturer, sizeof(f.meters[k]->manufacturer), "EMH");
			snprintf(f.meters[k]->model, sizeof(f.meters[k]->model), "eHZ-K");
		}
		struct rd_health h = f.meters[k]->health;
		h.state = RD_STATE_UP;
		readings_health(f.rd, f.meters[k], &h);
	}
	ev_signal_init(&f.sterm, SIGTERM, stop_cb, &f);
	ev_signal_init(&f.sint, SIGINT, stop_cb, &f);
	ev_signal_start(f.loop, &f.sterm);
	ev_signal_start(f.loop, &f.sint);
	ev_timer_init(&f.t, tick_cb, &f);
	ev_timer_start(f.loop, &f.t, f.interval_ms);
	uint64_t t0 = ev_clock_ms();
	ev_run(f.loop);
	uint64_t elapsed = ev_clock_ms() - t0;
	ev_timer_stop(f.loop, &f.t);
	if (sinks_mqtt(f.sinks) != NULL) {
		struct mqtt_stats st;
		mqtt_sink_stats(sinks_mqtt(f.sinks), &st);
		printf("stats queued %llu delivered %llu waiting %llu dropped %llu\n",
		       (unsigned long long)st.queued, (unsigned long long)st.delivered,
		       (unsigned long long)st.waiting, (unsigned long long)st.dropped);
	}
	if (sinks_influx(f.sinks) != NULL) {
		struct influx_stats st;
		influx_sink_stats(sinks_influx(f.sinks), &st);
		printf("influx queued %llu delivered %llu waiting %llu dropped %llu rejected %llu\n",
		       (unsigned long long)st.queued, (unsigned long long)st.delivered,
		       (unsigned long long)st.waiting, (unsigned long long)st.dropped,
		       (unsigned long long)st.rejected);
	}
	{
		struct rusage ru;
		getrusage(RUSAGE_SELF, &ru);
		printf("usage elapsed_ms %llu cpu_ms %lld maxrss_kb %ld\n", (unsigned long long)elapsed,
		       (long long)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000 +
		           (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000,
		       ru.ru_maxrss);
	}
	sinks_free(f.sinks);
	ev_signal_stop(f.loop, &f.sterm);
	ev_signal_stop(f.loop, &f.sint);
	readings_free(f.rd);
	free(f.meters);
	ev_loop_free(f.loop);
	return 0;
}
