/*
 * http_impl.h - what the web server's three files share: http.c (the server,
 * the event streams, the assets), http_api.c (the read-only answers) and
 * http_control.c (login and parameter writes for remote configuration).
 * Not for other modules.
 */
#ifndef METERD_HTTP_IMPL_H
#define METERD_HTTP_IMPL_H

#include <microhttpd.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "http.h"
#include "jsonw.h"
#include "platform/posix/ev.h"
#include "readings.h"

#define SSE_BUF_MAX     (64 * 1024) /* a client further behind than this is dropped */
#define KEEPALIVE_MS    15000       /* a comment line: proxies keep the stream, dead peers show */
#define HEADER_MEM      (16 * 1024) /* MHD's per-connection memory: caps the request headers */
#define SOCK_SNDBUF     (64 * 1024) /* kernel buffer per client: a stalled one holds no more */
#define RAW_CHUNK       512         /* bytes of a port per raw event, at most */
#define RAW_FLUSH_MS    50          /* bytes arriving one by one are sent together after */
#define DEFAULT_POINTS  1000
#define MAX_BARS        10000

struct sse {
	struct http           *http;
	struct MHD_Connection *conn;
	char                  *buf;
	size_t                 len, off;
	bool                   suspended, dead;
	bool                   is_raw;
	struct rd_sink         raw_sink;  /* /api/raw: this client's tap */
	uint8_t                raw[RAW_CHUNK]; /* bytes not sent yet, all one direction */
	size_t                 n_raw;
	bool                   raw_tx;
	int64_t                raw_t;     /* wall ms of the first of them */
	struct sse            *next;
};

struct http {
	struct ev_loop    *loop;
	struct readings   *rd;
	struct history    *hist;
	struct http_conf   conf;
	struct MHD_Daemon *d;
	struct ev_io       io;
	struct ev_timer    tmo, keepalive, raw_flush;
	struct rd_sink     sink;
	struct sse        *clients;
	size_t             n_clients;
	size_t             n_values; /* values in the catalogue, to tell when it grows */
	uint16_t           port;
	bool               stopping;
	struct control    *control;  /* remote configuration; NULL: read-only */
	http_snapshot_fn  *snapshot; /* camera meters' last snapshots; NULL none */
	time_t             login_window;
	unsigned           login_failures;
	uint64_t           requests, dropped_slow, refused_events;
};

/* A JSON body being written. */
struct out {
	char        *buf;
	size_t       len;
	FILE        *f;
	struct jsonw w;
};

enum MHD_Result http_send_buf(struct MHD_Connection *conn, unsigned status, const char *type,
                              char *buf, size_t len);
bool            http_out_open(struct out *o);
enum MHD_Result http_out_send(struct out *o, struct MHD_Connection *conn, unsigned status,
                              const char *type);
enum MHD_Result http_send_error(struct MHD_Connection *conn, unsigned status, const char *msg);
void            http_value_number(struct jsonw *w, const char *key, const struct rd_value *v);
bool            http_arg_i64(struct MHD_Connection *conn, const char *key, int64_t *v);

/* http_api.c: the read-only answers. */

/* GET of /api/meters, values, history, consumption, ports, unconfigured,
 * snapshot, /cm and /metrics: true when url is one of them. */
bool http_api_get(struct http *h, struct MHD_Connection *conn, const char *url,
                  enum MHD_Result *ret);
/* The fields of a value event and of /api/values (full: meter, name, meter time too). */
void http_value_fields(struct jsonw *w, const struct rd_meter *m, const struct rd_value *v,
                       bool full);
/* A port some meter is on (what /api/raw accepts). */
bool http_port_known(const struct http *h, const char *port);

/* http_control.c: the remote-configuration requests. */

/* A POST (login, logout, a parameter write), its body collected over MHD's calls. */
enum MHD_Result http_control_post(struct http *h, struct MHD_Connection *conn, const char *url,
                                  const char *upload, size_t *upload_size, void **con_cls);
/* GET /api/session, /api/params, /api/params/result: true when url is one of them. */
bool http_control_get(struct http *h, struct MHD_Connection *conn, const char *url,
                      enum MHD_Result *ret);
/* MHD's end-of-request callback: frees a POST's body. */
void http_control_request_done(void *cls, struct MHD_Connection *conn, void **con_cls,
                               enum MHD_RequestTerminationCode toe);

#endif
