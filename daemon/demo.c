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
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "platform/posix/log.h"
#include "run.h"
#include "sim.h"
#include "sim_port.h"

#ifndef METERD_DATADIR
#define METERD_DATADIR "/usr/share/meterd"
#endif

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
write_config(const char *dir, const char *script_path, uint32_t teleperiod_ms, char *conf,
             size_t cap)
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
	fprintf(f, "teleperiod %us\nsmi {\n", teleperiod_ms / 1000);
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
	return fclose(f) == 0 ? 0 : -1;
}

static int
demo_usage(FILE *f)
{
	fprintf(f, "usage: meterd demo [--print] [--teleperiod SECONDS] [--script FILE]\n"
	           "                   [--modbus-gateway ADDR:PORT] [-v] [-q]\n");
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
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	static struct sim_meter meters[DEMO_N];
	static struct sim_port  ports[DEMO_N];
	struct run_opts         o = {0};
	struct ev_loop         *loop;
	char                    dir[] = "/tmp/meterd-demo.XXXXXX";
	char                    conf[256], status[256], link[512];
	const char             *script = METERD_DATADIR "/seed-script.tas";
	int                     ch, verbosity = 1, rc = 1;
	size_t                  started = 0;
	uint32_t                tele = 5000;

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
		case 'g':
			demo_gateway = optarg;
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
	if (write_config(dir, script, tele, conf, sizeof(conf)) < 0)
		goto out;
	snprintf(status, sizeof(status), "%s/status.json", dir);
	o.config = conf;
	o.status = status;
	o.teleperiod_ms = tele;
	fprintf(stderr, "meterd demo: the seed's meters, simulated on %s/tty*:\n", dir);
	for (size_t i = 0; i < DEMO_N; i++)
		fprintf(stderr, "  %-10s %s\n", demo_meters[i].link, meters[i].kind->summary);
	fprintf(stderr,
	        "read through the seed's Tasmota script (%s).\n"
	        "  configuration:      %s\n"
	        "  health and latency: %s (every %u s)\n"
	        "  values:             %s\n"
	        "  stop with Ctrl-C.\n",
	        script, conf, status, tele / 1000,
	        o.print ? "Tasmota SENSOR JSON on stdout, one line per teleperiod"
	                : "run with --print to see the Tasmota SENSOR JSON on stdout");
	rc = run_daemon(loop, &o);
out:
	for (size_t i = 0; i < started; i++) {
		sim_port_close(&ports[i]);
		sim_meter_free(&meters[i]);
	}
	ev_loop_free(loop);
	if (o.config != NULL) {
		unlink(conf);
		unlink(status);
	}
	if (rmdir(dir) < 0)
		log_warn("rmdir %s", dir);
	return rc;
}
