/*
 * meterd sim: run simulated meters on pseudo-terminals or TCP ports.
 *
 *   meterd sim [--seed N] [--start T] [-v] KIND [OPTIONS] [KIND [OPTIONS] ...]
 *   meterd sim --list
 *
 * Each KIND starts one meter; the options after it apply to that meter.
 * For every meter one line goes to stdout once it is reachable:
 *   KIND <TAB> pty|tcp <TAB> PATH-OR-ADDRESS <TAB> LINK-OR-"-" <TAB> PROTOCOL BAUD FRAMING
 * The process runs until SIGINT or SIGTERM, then removes its symlinks.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "ev.h"
#include "log.h"
#include "sim.h"
#include "sim_port.h"
#include "tcpser.h"

int cmd_sim(int argc, char **argv);

#define SIM_MAX 4096

struct sim_spec {
	struct sim_meter meter;
	struct sim_port  port;
	const char      *pty;
	const char      *tcp;
	unsigned         count;        /* --count: copies of this meter */
	char             endpoint[160]; /* the copy's own link or HOST:PORT */
	char             label[24];
};

static void
usage(FILE *f)
{
	fprintf(f,
	        "usage: meterd sim [--seed N] [--start UNIX|now] [-v] KIND [OPTIONS] [KIND ...]\n"
	        "       meterd sim --list\n"
	        "options after a KIND:\n"
	        "  --pty PATH       new pseudo-terminal, PATH a symlink to it (default: a pty, no link)\n"
	        "  --tcp HOST:PORT  listen for one client at a time instead\n"
	        "  --fault F[:PCT]  garbage | silent | crc | echo | none, in PCT %% of the frames (100)\n"
	        "  --echo, --no-echo  local echo of received bytes (optical head)\n"
	        "  --address N      bus address (Modbus slave, M-Bus primary)\n"
	        "  --period MS      push period of a push meter\n"
	        "  --count N        N such meters: links PATH.1 .. PATH.N, TCP ports PORT ..\n"
	        "                   PORT+N-1 (port 0: N free ports), for load tests\n");
}

static void
list_kinds(void)
{
	size_t i;
	char   fr[8];

	for (i = 0; sim_kinds[i] != NULL; i++) {
		const struct sim_kind *k = sim_kinds[i];

		printf("%-9s %-6s %6lu %s  %s\n", k->name, k->protocol, (unsigned long)k->line.baud,
		       serial_framing_format(&k->line, fr), k->summary);
	}
}

/* A pty or listening socket per meter, plus a client each: lift the soft limit. */
static void
raise_fd_limit(size_t meters)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < 2 * meters + 32 &&
	    rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		if (setrlimit(RLIMIT_NOFILE, &rl) < 0)
			log_warn("cannot raise the descriptor limit");
	}
}

static void
stop_cb(struct ev_loop *loop, struct ev_signal *s)
{
	(void)s;
	ev_break(loop);
}

static bool
parse_ulong(const char *s, unsigned long max, unsigned long *v)
{
	char *end;

	errno = 0;
	*v = strtoul(s, &end, 0);
	return s[0] != '\0' && s[0] != '-' && *end == '\0' && errno == 0 && *v <= max;
}

/*
 * The endpoint of copy c of a --count group: the link PATH, or PATH.c+1 when
 * there are several; HOST:PORT+c (port 0 stays 0: each gets a free one).
 */
static int
spec_endpoint(struct sim_spec *sp, unsigned c)
{
	char          host[128], port[16];
	unsigned long pn;

	sp->endpoint[0] = '\0';
	if (sp->pty != NULL) {
		if (sp->count > 1)
			snprintf(sp->endpoint, sizeof(sp->endpoint), "%s.%u", sp->pty, c + 1);
		else
			snprintf(sp->endpoint, sizeof(sp->endpoint), "%s", sp->pty);
	} else if (sp->tcp != NULL) {
		if (tcpser_split_hostport(sp->tcp, host, sizeof(host), port, sizeof(port)) < 0 ||
		    !parse_ulong(port, 65535, &pn) || (pn != 0 && pn + sp->count - 1 > 65535)) {
			fprintf(stderr, "meterd sim: bad --tcp '%s' (HOST:PORT)\n", sp->tcp);
			return -1;
		}
		snprintf(sp->endpoint, sizeof(sp->endpoint), strchr(host, ':') ? "[%s]:%lu" : "%s:%lu",
		         host, pn ? pn + c : 0);
	}
	return 0;
}

/* Parses the options of one meter from argv[*i]; returns -1 on error. */
static int
parse_meter_opts(struct sim_spec *sp, int argc, char **argv, int *i)
{
	struct sim_meter *m = &sp->meter;
	unsigned long     v;

	while (*i + 1 < argc && strncmp(argv[*i + 1], "--", 2) == 0) {
		const char *opt = argv[++*i];
		const char *arg = *i + 1 < argc ? argv[*i + 1] : NULL;

		if (strcmp(opt, "--echo") == 0) {
			m->echo = true;
			continue;
		}
		if (strcmp(opt, "--no-echo") == 0) {
			m->echo = false;
			continue;
		}
		if (arg == NULL) {
			fprintf(stderr, "meterd sim: %s needs an argument\n", opt);
			return -1;
		}
		++*i;
		if (strcmp(opt, "--pty") == 0) {
			sp->pty = arg;
		} else if (strcmp(opt, "--tcp") == 0) {
			sp->tcp = arg;
		} else if (strcmp(opt, "--fault") == 0) {
			if (sim_fault_parse(arg, &m->fault, &m->fault_pct) < 0) {
				fprintf(stderr, "meterd sim: bad --fault '%s'\n", arg);
				return -1;
			}
		} else if (strcmp(opt, "--address") == 0) {
			if (!parse_ulong(arg, 255, &v)) {
				fprintf(stderr, "meterd sim: bad --address '%s'\n", arg);
				return -1;
			}
			m->address = (uint8_t)v;
		} else if (strcmp(opt, "--count") == 0) {
			if (!parse_ulong(arg, SIM_MAX, &v) || v < 1) {
				fprintf(stderr, "meterd sim: bad --count '%s' (1..%d)\n", arg, SIM_MAX);
				return -1;
			}
			sp->count = (unsigned)v;
		} else if (strcmp(opt, "--period") == 0) {
			if (!parse_ulong(arg, 3600000, &v) || v < 100) {
				fprintf(stderr, "meterd sim: bad --period '%s' (100..3600000 ms)\n", arg);
				return -1;
			}
			m->period_ms = (uint32_t)v;
		} else {
			fprintf(stderr, "meterd sim: unknown option '%s'\n", opt);
			return -1;
		}
	}
	if (sp->pty != NULL && sp->tcp != NULL) {
		fprintf(stderr, "meterd sim: %s: --pty and --tcp exclude each other\n", m->label);
		return -1;
	}
	return 0;
}

int
cmd_sim(int argc, char **argv)
{
	struct sim_spec *specs = NULL;
	struct ev_loop  *loop = NULL;
	struct ev_signal sigint, sigterm;
	unsigned long    seed = 1, v;
	int64_t          epoch = (int64_t)time(NULL);
	size_t           n = 0, k;
	int              i, verbosity = 1, rc = 0;
	uint64_t         now;

	for (i = 1; i < argc; i++) {
		const char            *a = argv[i];
		const struct sim_kind *kind;

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage(stdout);
			free(specs);
			return 0;
		} else if (strcmp(a, "--list") == 0) {
			list_kinds();
			free(specs);
			return 0;
		} else if (strcmp(a, "-v") == 0) {
			verbosity++;
		} else if (strcmp(a, "-q") == 0) {
			verbosity = 0;
		} else if (strcmp(a, "--seed") == 0 && i + 1 < argc) {
			if (!parse_ulong(argv[++i], ~0ul, &seed)) {
				fprintf(stderr, "meterd sim: bad --seed '%s'\n", argv[i]);
				free(specs);
				return 2;
			}
		} else if (strcmp(a, "--start") == 0 && i + 1 < argc) {
			if (strcmp(argv[++i], "now") != 0) {
				if (!parse_ulong(argv[i], ~0ul, &v)) {
					fprintf(stderr, "meterd sim: bad --start '%s'\n", argv[i]);
					free(specs);
					return 2;
				}
				epoch = (int64_t)v;
			}
		} else if ((kind = sim_kind_find(a)) != NULL) {
			struct sim_spec *sp, *grown;
			unsigned         c;

			if ((grown = realloc(specs, (n + 1) * sizeof(*specs))) == NULL)
				fatalx("out of memory");
			specs = grown;
			sp = &specs[n];
			memset(sp, 0, sizeof(*sp));
			sp->count = 1;
			sim_meter_setup(&sp->meter, kind, 0);
			if (parse_meter_opts(sp, argc, argv, &i) < 0) {
				free(specs);
				return 2;
			}
			if (n + sp->count > SIM_MAX) {
				fprintf(stderr, "meterd sim: at most %d meters\n", SIM_MAX);
				free(specs);
				return 2;
			}
			if ((grown = realloc(specs, (n + sp->count) * sizeof(*specs))) == NULL)
				fatalx("out of memory");
			specs = grown;
			for (c = 0; c < specs[n].count; c++) {
				struct sim_spec *cp = &specs[n + c];

				if (c > 0)
					*cp = specs[n];
				if (spec_endpoint(cp, c) < 0) {
					free(specs);
					return 2;
				}
				/* Each meter its own stream: seed and position, mixed. */
				sim_rng_seed(&cp->meter.rng, seed * 0x9E3779B97F4A7C15ull + n + c);
				snprintf(cp->label, sizeof(cp->label), "%s#%zu", kind->name, n + c + 1);
			}
			n += specs[n].count;
		} else {
			fprintf(stderr, "meterd sim: unknown meter or option '%s' (see --list)\n", a);
			free(specs);
			usage(stderr);
			return 2;
		}
	}
	if (n == 0) {
		usage(stderr);
		return 2;
	}

	log_init("meterd sim", false, verbosity);
	raise_fd_limit(n);
	if ((loop = ev_loop_new()) == NULL)
		fatalx("cannot create the event loop");
	ev_signal_init(&sigint, SIGINT, stop_cb, NULL);
	ev_signal_init(&sigterm, SIGTERM, stop_cb, NULL);
	if (ev_signal_start(loop, &sigint) < 0 || ev_signal_start(loop, &sigterm) < 0)
		fatalx("cannot watch signals");

	now = ev_now(loop);
	for (k = 0; k < n; k++) {
		struct sim_spec *sp = &specs[k];
		char             fr[8];
		int              err;

		sp->meter.label = sp->label;
		if (sim_meter_start(&sp->meter, now, epoch) < 0) {
			log_warnx("%s: cannot start", sp->label);
			rc = 1;
			goto out;
		}
		err = sp->tcp ? sim_port_open_tcp(&sp->port, loop, &sp->meter, sp->endpoint)
		              : sim_port_open_pty(&sp->port, loop, &sp->meter,
		                                  sp->pty ? sp->endpoint : NULL);
		if (err < 0) {
			log_warnc(err, "%s: cannot open %s", sp->label,
			          sp->endpoint[0] ? sp->endpoint : "a pty");
			rc = 1;
			goto out;
		}
		printf("%s\t%s\t%s\t%s\t%s %lu %s\n", sp->meter.kind->name, sp->tcp ? "tcp" : "pty",
		       sp->port.name, sp->pty ? sp->endpoint : "-", sp->meter.kind->protocol,
		       (unsigned long)sp->meter.line.baud, serial_framing_format(&sp->meter.line, fr));
		log_info("%s: %s on %s", sp->label, sp->meter.kind->summary, sp->port.name);
	}
	fflush(stdout);

	if (ev_run(loop) < 0)
		rc = 1;
out:
	for (k = 0; k < n; k++) {
		struct sim_meter *m = &specs[k].meter;

		sim_port_close(&specs[k].port);
		if (m->ctx != NULL)
			log_info("%s: %u frames sent, %u reads, %llu dropped, %u echoes garbled", m->label,
			         m->frames, m->requests, (unsigned long long)m->tx_dropped, m->echo_faults);
		sim_meter_free(m);
	}
	ev_signal_stop(loop, &sigint);
	ev_signal_stop(loop, &sigterm);
	ev_loop_free(loop);
	free(specs);
	return rc;
}
