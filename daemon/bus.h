/*
 * bus.h - one owner per physical line: a serial port or TCP serial endpoint.
 *
 * Every port named in the configuration becomes one struct bus, however
 * many meters use it (several Modbus slaves on one RS-485 pair, later the
 * Modbus TCP gateway next to the poller). The bus
 *
 *  - opens its port lazily and keeps trying: a failed open or a lost port
 *    (USB adapter unplugged, pty gone, TCP server down) is retried with
 *    exponential backoff (backoff.h), logged once per change of state, and
 *    never affects any other bus;
 *  - delivers received bytes to its clients: to the client that holds the
 *    bus while one does, otherwise to every client (passive meters);
 *  - serialises access: bus_acquire() queues a client, which is granted the
 *    bus (on_grant) when it is its turn and keeps it until bus_release(),
 *    so a request and its reply are never interleaved with another
 *    client's.
 *
 * Clients are the caller's (struct bus_client, embedded in a meter).
 */
#ifndef METERD_BUS_H
#define METERD_BUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "backoff.h"
#include "config.h"
#include "platform/posix/ev.h"
#include "platform/posix/serial.h"
#include "platform/posix/tcpser.h"

struct bus;

struct bus_client {
	/* Bytes received; now is the loop's cached time. */
	void (*on_rx)(struct bus_client *c, const uint8_t *p, size_t n, uint64_t now);
	/* The port opened (up) or was lost (down). */
	void (*on_state)(struct bus_client *c, bool up);
	/* This client now holds the bus (after bus_acquire). */
	void (*on_grant)(struct bus_client *c);
	void *data;
	/* bus-private */
	struct bus        *bus;
	struct bus_client *next;  /* in the bus's client list */
	struct bus_client *qnext; /* in the wait queue */
	bool               queued;
};

struct bus_stats {
	uint64_t rx_bytes, tx_bytes;
	uint32_t opens;         /* successful opens */
	uint32_t open_failures;
	uint32_t losses;        /* open port lost (hang-up, read error, peer closed) */
	uint32_t tx_errors;
	uint64_t last_rx_ns;    /* CLOCK_MONOTONIC ns when the last read returned data */
};

/* Backoff limits for reopening. */
#define BUS_RETRY_MIN_MS 500
#define BUS_RETRY_MAX_MS 30000
/*
 * A port counts as working again (the backoff starts over) only after it
 * stayed open this long: a TCP peer that accepts and closes at once, or an
 * adapter that fails right after opening, is retried with growing delays
 * and logged once ("... right after opening"), not every 0.5 s.
 */
#define BUS_STABLE_MS 10000

/*
 * Creates a bus for port with line settings params and starts opening it
 * (the first attempt runs from the loop at once). Returns NULL when out of
 * memory.
 */
struct bus *bus_new(struct ev_loop *loop, const struct cfg_port *port,
                    const struct serial_params *params);

/* Closes the port and frees the bus; clients must have been removed. */
void bus_free(struct bus *b);

const char *bus_name(const struct bus *b);
const struct cfg_port *bus_port(const struct bus *b);
const struct serial_params *bus_params(const struct bus *b);
bool bus_is_open(const struct bus *b);
const struct bus_stats *bus_stats(const struct bus *b);
size_t bus_client_count(const struct bus *b);

void bus_add_client(struct bus *b, struct bus_client *c);
void bus_remove_client(struct bus *b, struct bus_client *c); /* also releases / dequeues */

/* Queues c for the bus; on_grant runs (from the loop) when it is c's turn. */
void bus_acquire(struct bus *b, struct bus_client *c);
void bus_release(struct bus *b, struct bus_client *c);
bool bus_holds(const struct bus *b, const struct bus_client *c);

/*
 * The holder c cannot use its reply before `bytes` more have arrived: the
 * bus stops reading until they can have (at the line's rate) and then reads
 * them in one go, instead of waking c for every byte or two. A hint only:
 * bytes that come early wait at most that long; releasing the bus ends it.
 * latest_ms (monotonic, 0 none) is c's own next deadline: the bus reads
 * before it, so a reply that came in time is never judged late.
 */
void bus_rx_wait(struct bus *b, const struct bus_client *c, size_t bytes, uint64_t latest_ms);

/* Where the bytes of this port go when a sink taps it (a live dump). */
struct readings;
void bus_set_readings(struct bus *b, struct readings *rd);

/*
 * Sends bytes. Returns 0, -ENOTCONN when the port is not open, or another
 * negative errno (the port is then closed and reopened later).
 */
int bus_write(struct bus *b, const uint8_t *p, size_t n);

/*
 * Changes the line settings (IEC 62056-21 baud switch): termios for a tty,
 * COM-PORT-OPTION for RFC 2217; a raw TCP endpoint cannot (-ENOTSUP).
 * Unread input is discarded. A reopen uses the bus's original settings.
 */
int bus_set_params(struct bus *b, const struct serial_params *p);

/* Discards unread input (before a request). */
void bus_flush_input(struct bus *b);

#endif
