/*
 * run.h - `meterd run` and what `meterd demo` shares with it: the daemon's
 * main loop around the engine (signals, teleperiod, status file, systemd).
 */
#ifndef METERD_RUN_H
#define METERD_RUN_H

#include <stdbool.h>
#include <stdint.h>

#include "platform/posix/ev.h"

struct http_conf;
struct readings;
struct history;

struct run_opts {
	const char *config;       /* path */
	bool        print;        /* SENSOR JSON to stdout each teleperiod */
	const char *status;       /* write engine_write_status() here each teleperiod, or NULL */
	uint32_t    teleperiod_ms; /* 0: from the config */
	bool        syslog;
	/* meterd demo: serve here whatever the config says (NULL: the config's http section) */
	const struct http_conf *http;
	/* meterd demo: called once the seam and the sinks exist, before the engine starts */
	void (*attach)(void *arg, struct readings *rd, struct history *hist);
	void *attach_arg;
};

/*
 * Loads the configuration and runs until SIGTERM or SIGINT on loop (which
 * may already carry other watchers, e.g. the demo's simulators). SIGHUP
 * reloads, SIGUSR1 logs every meter's health. Returns the process exit
 * status: 0 after a clean stop, 1 when the configuration is broken.
 */
int run_daemon(struct ev_loop *loop, const struct run_opts *o);

#endif
