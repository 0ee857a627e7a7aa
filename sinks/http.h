/*
 * http.h - the web server: the page, the JSON API, live events, Tasmota's
 * /cm and Prometheus' /metrics (the contract: WEB-API in docs/ARCHITECTURE.md
 * and meterd.conf(5), section http).
 *
 * libmicrohttpd in external mode on the daemon's loop: MHD's epoll
 * descriptor is an ev_io, its timeout an ev_timer, so the server shares the
 * one thread and never blocks it. Live events (/api/events, /api/raw) are
 * callback responses over a bounded buffer per client: while a client has
 * nothing to read its connection is suspended; a client whose buffer fills
 * is dropped (counted), never waited for. Connections are limited in number,
 * memory (header size) and idle time.
 *
 * A sink of the seam: points, health changes and catalogue changes become
 * server-sent events; requests read the seam's catalogue and the history
 * store.
 */
#ifndef METERD_HTTP_H
#define METERD_HTTP_H

#include <stdbool.h>
#include <stdint.h>

#include "config.h"

struct ev_loop;
struct readings;
struct history;
struct rd_sink;

struct http_conf {
	bool     enabled;      /* an http block is configured (or the demo asks) */
	char     host[128];    /* "" every address */
	uint16_t port;
	uint32_t max_clients;  /* connections at once */
	uint32_t max_events;   /* event-stream clients at once */
	uint32_t timeout_ms;   /* an idle or too slow connection is closed after */
};

#define HTTP_DEFAULT_HOST "127.0.0.1"
#define HTTP_DEFAULT_PORT 8080

/* Reads the http section of c (defaults; enabled false without one). Returns the errors. */
int http_conf_read(const struct cfg *c, struct http_conf *hc, struct cfg_diag *d);

/* sections.def: checks one http block. */
int http_check(const struct cfg_section *s, struct cfg_diag *d);

/* Parses "ADDR:PORT" as the listen setting does (for `meterd demo --http`). Returns 0 or -1. */
int http_parse_listen(const char *s, struct http_conf *hc);

struct http;

/*
 * Starts listening where hc says and logs where. hist may be NULL (no
 * history: /api/history answers 404). Returns NULL when the address cannot
 * be bound (logged).
 */
struct http *http_new(struct ev_loop *loop, struct readings *rd, struct history *hist,
                      const struct http_conf *hc);

/* Closes every connection and the listener. */
void http_free(struct http *h);

/* The sink to subscribe to the seam (live events). */
struct rd_sink *http_sink(struct http *h);

/* The port listened on (useful with port 0). */
uint16_t http_port(const struct http *h);

/* Remote configuration (control.h): login, /api/params; NULL keeps the server read-only. */
struct control;
void http_set_control(struct http *h, struct control *ctl);

/*
 * Where /api/snapshot?meter=NAME gets a camera meter's last snapshot with
 * its ROIs drawn (a malloc'd JPEG and when it was taken; 0, or -1 none).
 * Without one the endpoint answers 404.
 */
typedef int http_snapshot_fn(const char *meter, uint8_t **jpeg, size_t *len, int64_t *taken_ms);
void http_set_snapshots(struct http *h, http_snapshot_fn *fn);

#endif
