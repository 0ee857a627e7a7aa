/*
 * bus.c - port ownership, lazy open with backoff, client arbitration; see bus.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bus.h"
#include "readings.h"
#include "platform/posix/log.h"
#include "platform/posix/resolve.h"

enum bus_state { BUS_CLOSED, BUS_RESOLVING, BUS_CONNECTING, BUS_OPEN };

/*
 * bus_lost's err: a negative errno, or a getaddrinfo EAI_* code g encoded
 * as BUS_ERR_GAI(g), so one "last error" field deduplicates both kinds.
 */
#define BUS_GAI_BASE    (-1000000)
#define BUS_ERR_GAI(g)  (BUS_GAI_BASE + (g))
#define BUS_IS_GAI(e)   ((e) <= BUS_GAI_BASE + 1000 && (e) >= BUS_GAI_BASE - 1000)

struct bus {
	struct ev_loop      *loop;
	struct cfg_port      port;
	struct serial_params params;  /* as configured, used at every open */
	enum bus_state       state;
	int                  fd;      /* serial */
	struct tcpser        tcp;
	struct resolve      *lookup;  /* name resolution in flight (BUS_RESOLVING) */
	struct ev_io         io;
	struct ev_timer      retry;
	struct ev_timer      grant;   /* runs on_grant from the loop, not from inside a call */
	struct ev_timer      stable;  /* the port stayed open BUS_STABLE_MS: backoff starts over */
	struct ev_timer      gather;  /* reading paused until an awaited reply can be whole (bus_rx_wait) */
	struct backoff       backoff;
	bool                 flapping; /* lost again before it was stable (logged once) */
	int                  last_err; /* logged once per distinct error */
	uint32_t             acked_baud; /* RFC 2217 server's last confirmation */
	struct bus_client   *clients;
	struct bus_client   *owner;
	struct bus_client   *qhead, *qtail;
	struct bus_stats     stats;
	struct readings     *rd;      /* raw bytes to tapping sinks (readings_tap) */
};

static void bus_open(struct bus *b);
static void resolved(struct bus *b);

static bool
is_tcp(const struct bus *b)
{
	return b->port.kind != CFG_PORT_SERIAL;
}

static void
notify_state(struct bus *b, bool up)
{
	for (struct bus_client *c = b->clients; c != NULL; c = c->next)
		if (c->on_state != NULL)
			c->on_state(c, up);
}

static void
retry_cb(struct ev_loop *loop, struct ev_timer *t)
{
	(void)loop;
	bus_open(t->data);
}

/*
 * The port has stayed open long enough to count as working: only now does
 * the backoff start over. Resetting it at every connect would retry a peer
 * that accepts and closes at once every BUS_RETRY_MIN_MS forever.
 */
static void
stable_cb(struct ev_loop *loop, struct ev_timer *t)
{
	struct bus *b = t->data;

	(void)loop;
	backoff_reset(&b->backoff);
	if (b->flapping)
		log_notice("port %s: stayed open %u s, no longer dropping at once", b->port.spec,
		           BUS_STABLE_MS / 1000);
	b->flapping = false;
}

/* Closes the port and schedules a reopen; err says why (negative errno). */
static void
bus_lost(struct bus *b, int err, const char *what)
{
	bool     was_open = b->state == BUS_OPEN;
	bool     early = was_open && ev_timer_active(&b->stable);
	uint32_t delay;

	char     why[160];

	ev_io_stop(b->loop, &b->io);
	ev_timer_stop(b->loop, &b->gather);
	resolve_free(b->lookup);
	b->lookup = NULL;
	if (is_tcp(b))
		tcpser_close(&b->tcp);
	else
		serial_close(b->fd);
	b->fd = -1;
	b->state = BUS_CLOSED;
	ev_timer_stop(b->loop, &b->stable);
	if (BUS_IS_GAI(err))
		snprintf(why, sizeof(why), "%s", gai_strerror(err - BUS_GAI_BASE));
	else
		snprintf(why, sizeof(why), "%s", strerror(-err));
	if (was_open)
		b->stats.losses++;
	else
		b->stats.open_failures++;
	delay = backoff_fail(&b->backoff);
	if (early && !b->flapping) {
		b->flapping = true;
		log_warnx("port %s: %s right after opening (retrying with growing delays, next in %u ms): %s",
		          b->port.spec, what, delay, why);
	} else if (early || (!was_open && (b->flapping || err == b->last_err)))
		log_debug("port %s: %s, next try in %u ms", b->port.spec, what, delay);
	else
		log_warnx("port %s: %s (retrying, first in %u ms): %s", b->port.spec, what, delay, why);
	b->last_err = err;
	ev_timer_start(b->loop, &b->retry, delay);
	if (was_open)
		notify_state(b, false);
}

static void
bus_up(struct bus *b)
{
	b->state = BUS_OPEN;
	b->stats.opens++;
	ev_timer_start(b->loop, &b->stable, BUS_STABLE_MS);
	if (b->flapping)
		log_debug("port %s: open again", b->port.spec);
	else if (b->stats.opens == 1 && b->last_err == 0)
		log_info("port %s: open", b->port.spec);
	else
		log_info("port %s: open again", b->port.spec);
	b->last_err = 0;
	/* RFC 2217: the far end's line gets our settings at every connect. */
	if (b->port.kind == CFG_PORT_RFC2217 && tcpser_set_params(&b->tcp, &b->params) < 0)
		log_warnx("port %s: cannot queue the RFC 2217 line settings", b->port.spec);
	notify_state(b, true);
}

static void
deliver(struct bus *b, const uint8_t *p, size_t n)
{
	uint64_t        now = ev_now(b->loop);
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	b->stats.last_rx_ns = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
	b->stats.rx_bytes += n;
	if (readings_tapped(b->rd, b->port.spec))
		readings_raw(b->rd, b->port.spec, false, p, n);
	if (b->owner != NULL) {
		b->owner->on_rx(b->owner, p, n, now);
		return;
	}
	/* A client may remove itself (and others) from inside on_rx: walk carefully. */
	for (struct bus_client *c = b->clients, *next; c != NULL; c = next) {
		next = c->next;
		c->on_rx(c, p, n, now);
	}
}

static void
io_cb(struct ev_loop *loop, struct ev_io *w, unsigned revents)
{
	struct bus *b = w->data;
	uint8_t     buf[4096];
	ssize_t     n;

	(void)loop;
	if (b->state == BUS_RESOLVING) {
		resolved(b);
		return;
	}
	if (b->state == BUS_CONNECTING) {
		int r = tcpser_connect_done(&b->tcp);
		if (r < 0) {
			bus_lost(b, r, "cannot connect");
			return;
		}
		bus_up(b);
		if (b->state != BUS_OPEN)
			return;
		ev_io_set_events(b->loop, &b->io, EV_READ | (tcpser_want_write(&b->tcp) ? EV_WRITE : 0));
		return;
	}
	if (is_tcp(b)) {
		if (revents & EV_WRITE) {
			int r = tcpser_flush(&b->tcp);
			if (r < 0) {
				bus_lost(b, r, "write failed");
				return;
			}
		}
		if (revents & (EV_READ | EV_ERROR)) {
			/* Read until the socket is empty, at most a few rounds per turn. */
			for (int i = 0; i < 4; i++) {
				n = tcpser_read(&b->tcp, buf, sizeof(buf));
				if (n == -EAGAIN)
					break;
				if (n < 0) {
					bus_lost(b, (int)n, n == -EPIPE ? "connection closed" : "read failed");
					return;
				}
				if (b->tcp.ack_baud != b->acked_baud) {
					b->acked_baud = b->tcp.ack_baud;
					log_info("port %s: RFC 2217 server set %u baud", b->port.spec,
					         b->acked_baud);
				}
				if (n > 0)
					deliver(b, buf, (size_t)n);
				if (b->state != BUS_OPEN)
					return;
			}
		}
		ev_io_set_events(b->loop, &b->io, EV_READ | (tcpser_want_write(&b->tcp) ? EV_WRITE : 0));
		return;
	}
	n = read(b->fd, buf, sizeof(buf));
	if (n > 0) {
		deliver(b, buf, (size_t)n);
		return;
	}
	if (n < 0 && (errno == EAGAIN || errno == EINTR) && !(revents & EV_ERROR))
		return;
	/*
	 * A tty whose device went away reads EIO (USB unplug, pty master
	 * closed) or signals a hang-up; either way the port is gone.
	 */
	bus_lost(b, n < 0 ? -errno : -EIO, "lost");
}

static void
connect_to(struct bus *b, const struct addrinfo *res)
{
	int r = tcpser_connect_ai(&b->tcp, res,
	                          b->port.kind == CFG_PORT_RFC2217 ? TCPSER_RFC2217 : TCPSER_RAW);

	if (r < 0) {
		bus_lost(b, r, "cannot connect");
		return;
	}
	b->state = BUS_CONNECTING;
	ev_io_start(b->loop, &b->io, tcpser_fd(&b->tcp), EV_WRITE | EV_READ);
}

/* The lookup thread is done: connect, or retry later saying why not. */
static void
resolved(struct bus *b)
{
	struct addrinfo *res = NULL;
	int              sys_errno = 0, g = resolve_result(b->lookup, &res, &sys_errno);

	if (g == 1)
		return; /* spurious wake-up */
	ev_io_stop(b->loop, &b->io);
	resolve_free(b->lookup);
	b->lookup = NULL;
	b->state = BUS_CLOSED;
	if (g == EAI_SYSTEM) {
		bus_lost(b, sys_errno ? -sys_errno : -EIO, "cannot resolve host name");
		return;
	}
	if (g != 0) {
		bus_lost(b, BUS_ERR_GAI(g), "cannot resolve host name");
		return;
	}
	connect_to(b, res);
	freeaddrinfo(res);
}

static void
bus_open(struct bus *b)
{
	int r;

	if (b->state != BUS_CLOSED)
		return;
	if (is_tcp(b)) {
		struct addrinfo *res;
		int              g = resolve_numeric(b->port.host, b->port.service, &res);
		if (g == 0) {
			connect_to(b, res);
			freeaddrinfo(res);
			return;
		}
		/* A name: look it up on a thread, the loop goes on meanwhile. */
		if ((b->lookup = resolve_start(b->port.host, b->port.service)) == NULL) {
			bus_lost(b, -errno, "cannot start name resolution");
			return;
		}
		b->state = BUS_RESOLVING;
		ev_io_start(b->loop, &b->io, resolve_fd(b->lookup), EV_READ);
		return;
	}
	r = serial_open(b->port.path, &b->params, NULL);
	if (r < 0) {
		bus_lost(b, r, "cannot open");
		return;
	}
	b->fd = r;
	ev_io_start(b->loop, &b->io, b->fd, EV_READ);
	bus_up(b);
}

static void
grant_cb(struct ev_loop *loop, struct ev_timer *t)
{
	struct bus        *b = t->data;
	struct bus_client *c;

	(void)loop;
	if (b->owner != NULL || b->qhead == NULL)
		return;
	c = b->qhead;
	b->qhead = c->qnext;
	if (b->qhead == NULL)
		b->qtail = NULL;
	c->qnext = NULL;
	c->queued = false;
	b->owner = c;
	if (c->on_grant != NULL)
		c->on_grant(c);
}

/* The awaited bytes can have arrived: read them all at once. */
static void
gather_cb(struct ev_loop *loop, struct ev_timer *t)
{
	struct bus *b = t->data;

	if (b->state != BUS_OPEN)
		return;
	if (ev_io_start(loop, &b->io, b->fd, EV_READ) < 0) {
		bus_lost(b, -errno, "cannot watch");
		return;
	}
	io_cb(loop, &b->io, EV_READ);
}

/*
 * A serial line delivers a reply a byte or two per wake-up at low rates
 * (19200 baud: one byte every 0.57 ms); a holder that knows how many bytes
 * it still needs lets the bus sleep until they can have arrived instead.
 * Local serial ports only: a TCP serial server sends in its own chunks.
 */
void
bus_rx_wait(struct bus *b, const struct bus_client *c, size_t bytes, uint64_t latest_ms)
{
	unsigned bits = serial_char_bits(&b->params);
	uint64_t us, due;

	if (b->owner != c || bytes < 2 || is_tcp(b) || b->state != BUS_OPEN || b->params.baud == 0 ||
	    ev_timer_active(&b->gather))
		return;
	/* The bytes after the first, which wakes the holder anyway. */
	us = (uint64_t)(bytes - 1) * bits * 1000000u / b->params.baud;
	due = ev_now(b->loop) + (us + 999) / 1000;
	/* Read before the holder's own deadline, so bytes that came in time count. */
	if (latest_ms != 0 && due + 1 >= latest_ms)
		due = latest_ms - 1;
	if (us < 2000 || due < ev_now(b->loop) + 2)
		return; /* not worth a timer */
	ev_io_stop(b->loop, &b->io);
	ev_timer_start_at(b->loop, &b->gather, due);
}

struct bus *
bus_new(struct ev_loop *loop, const struct cfg_port *port, const struct serial_params *params)
{
	struct bus *b = calloc(1, sizeof(*b));

	if (b == NULL)
		return NULL;
	b->loop = loop;
	b->port = *port;
	b->params = *params;
	b->params.rs485 = port->rs485;
	b->fd = -1;
	tcpser_init(&b->tcp);
	ev_io_init(&b->io, io_cb, b);
	ev_timer_init(&b->retry, retry_cb, b);
	ev_timer_init(&b->grant, grant_cb, b);
	ev_timer_init(&b->stable, stable_cb, b);
	ev_timer_init(&b->gather, gather_cb, b);
	backoff_init(&b->backoff, BUS_RETRY_MIN_MS, BUS_RETRY_MAX_MS);
	ev_timer_start(loop, &b->retry, 0);
	return b;
}

void
bus_free(struct bus *b)
{
	if (b == NULL)
		return;
	ev_io_stop(b->loop, &b->io);
	ev_timer_stop(b->loop, &b->retry);
	ev_timer_stop(b->loop, &b->grant);
	ev_timer_stop(b->loop, &b->stable);
	ev_timer_stop(b->loop, &b->gather);
	resolve_free(b->lookup);
	if (is_tcp(b))
		tcpser_close(&b->tcp);
	else
		serial_close(b->fd);
	free(b);
}

const char *
bus_name(const struct bus *b)
{
	return b->port.spec;
}

const struct cfg_port *
bus_port(const struct bus *b)
{
	return &b->port;
}

const struct serial_params *
bus_params(const struct bus *b)
{
	return &b->params;
}

bool
bus_is_open(const struct bus *b)
{
	return b->state == BUS_OPEN;
}

const struct bus_stats *
bus_stats(const struct bus *b)
{
	return &b->stats;
}

size_t
bus_client_count(const struct bus *b)
{
	size_t n = 0;

	for (const struct bus_client *c = b->clients; c != NULL; c = c->next)
		n++;
	return n;
}

void
bus_add_client(struct bus *b, struct bus_client *c)
{
	c->bus = b;
	c->next = b->clients;
	c->qnext = NULL;
	c->queued = false;
	b->clients = c;
}

void
bus_remove_client(struct bus *b, struct bus_client *c)
{
	struct bus_client **pp;

	if (c->queued) {
		struct bus_client *prev = NULL;
		for (struct bus_client *q = b->qhead; q != NULL; prev = q, q = q->qnext)
			if (q == c) {
				if (prev != NULL)
					prev->qnext = q->qnext;
				else
					b->qhead = q->qnext;
				if (b->qtail == c)
					b->qtail = prev;
				break;
			}
		c->queued = false;
	}
	if (b->owner == c)
		bus_release(b, c);
	for (pp = &b->clients; *pp != NULL; pp = &(*pp)->next)
		if (*pp == c) {
			*pp = c->next;
			break;
		}
	c->bus = NULL;
}

void
bus_acquire(struct bus *b, struct bus_client *c)
{
	if (c->queued || b->owner == c)
		return;
	c->queued = true;
	c->qnext = NULL;
	if (b->qtail != NULL)
		b->qtail->qnext = c;
	else
		b->qhead = c;
	b->qtail = c;
	if (b->owner == NULL)
		ev_timer_start(b->loop, &b->grant, 0);
}

void
bus_release(struct bus *b, struct bus_client *c)
{
	if (b->owner != c)
		return;
	b->owner = NULL;
	if (ev_timer_active(&b->gather)) {
		/* Nobody awaits a reply any more: listen as bytes come. */
		ev_timer_stop(b->loop, &b->gather);
		if (b->state == BUS_OPEN && ev_io_start(b->loop, &b->io, b->fd, EV_READ) < 0)
			bus_lost(b, -errno, "cannot watch");
	}
	if (b->qhead != NULL)
		ev_timer_start(b->loop, &b->grant, 0);
}

bool
bus_holds(const struct bus *b, const struct bus_client *c)
{
	return b->owner == c;
}

void
bus_set_readings(struct bus *b, struct readings *rd)
{
	b->rd = rd;
}

int
bus_write(struct bus *b, const uint8_t *p, size_t n)
{
	ssize_t w;

	if (b->state != BUS_OPEN)
		return -ENOTCONN;
	if (readings_tapped(b->rd, b->port.spec))
		readings_raw(b->rd, b->port.spec, true, p, n);
	if (is_tcp(b)) {
		w = tcpser_write(&b->tcp, p, n);
		if (w < 0) {
			b->stats.tx_errors++;
			if (w != -ENOBUFS)
				bus_lost(b, (int)w, "write failed");
			return (int)w;
		}
		if (tcpser_want_write(&b->tcp))
			ev_io_set_events(b->loop, &b->io, EV_READ | EV_WRITE);
		b->stats.tx_bytes += n;
		return 0;
	}
	/*
	 * Requests are a few dozen bytes and the tty's output buffer holds
	 * kilobytes, so a short write means the device is wedged.
	 */
	w = write(b->fd, p, n);
	if (w == (ssize_t)n) {
		b->stats.tx_bytes += n;
		return 0;
	}
	b->stats.tx_errors++;
	if (w < 0 && errno != EAGAIN) {
		int err = -errno;
		bus_lost(b, err, "write failed");
		return err;
	}
	return -EAGAIN;
}

int
bus_set_params(struct bus *b, const struct serial_params *p)
{
	struct serial_params q = *p;

	if (b->state != BUS_OPEN)
		return -ENOTCONN;
	q.rs485 = b->params.rs485;
	if (b->port.kind == CFG_PORT_TCP)
		return -ENOTSUP;
	if (b->port.kind == CFG_PORT_RFC2217) {
		int r = tcpser_set_params(&b->tcp, &q);
		if (r == 0 && tcpser_want_write(&b->tcp))
			ev_io_set_events(b->loop, &b->io, EV_READ | EV_WRITE);
		return r;
	}
	return serial_configure(b->fd, &q, NULL);
}

void
bus_flush_input(struct bus *b)
{
	if (b->state == BUS_OPEN && !is_tcp(b))
		serial_flush(b->fd);
}
