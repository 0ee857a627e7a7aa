/*
 * mb_session.h - a sans-I/O Modbus RTU master for one bus (one serial line
 * or one TCP serial server): it owns the order of requests on that bus.
 *
 * The session never reads a clock or touches a port. The caller's loop
 * gives it received bytes and the time, takes the bytes it wants sent, takes
 * its events, and sleeps until its deadline:
 *
 *   mb_session_init(&s, &cfg);
 *   mb_session_add_poll(&s, 247, pdu, pdu_len, 10000, tag, now);   per meter
 *   loop:
 *       now = monotonic ms;
 *       if (readable) mb_session_input(&s, buf, n, now);
 *       mb_session_step(&s, now);                 timeouts, retries, next request
 *       if ((n = mb_session_output(&s, &p)))      bytes to write now, whole
 *               write_all(fd, p, n);
 *       while (mb_session_event(&s, &ev))         replies, exceptions, timeouts
 *               handle(&ev);
 *       sleep until mb_session_deadline(&s) or readable
 *
 * Exactly one request is outstanding at a time. A reply is recognised by
 * CRC and the shape the request implies (mbrtu.h framing), so bytes split
 * by a USB adapter or a TCP serial server are fine. Noise, frames from the
 * wrong slave and frames that do not answer the request are counted and
 * skipped; the right reply may still follow before the timeout. An
 * exception reply completes the request (MB_SEV_EXCEPTION).
 *
 * Timeouts come from the line (mbrtu_response_timeout_ms: request and reply
 * transmission, the slave's turnaround, t3.5) unless cfg.timeout_ms is set.
 * Between frames the bus is left silent for t3.5 (rounded up to ms). A
 * request without a reply is sent again up to cfg.retries times; then the
 * slave counts as dead: its requests are not sent until a back-off expires
 * (cfg.backoff_min_ms, doubling up to cfg.backoff_max_ms), and after that
 * a single attempt probes it. A dead slave's polls are reported as
 * MB_SEV_SKIPPED and submitted requests to it fail at once, so the other
 * slaves keep their rate.
 *
 * Two sources of requests share the bus:
 *   polls       periodic requests (add_poll), due every period_ms; a poll
 *               that falls behind is run once, not in a burst;
 *   submitted   one-shot requests (submit): writes, and the requests a
 *               Modbus TCP gateway forwards (foreign requests), in FIFO order.
 * Policy: submitted requests go first, since a vendor tool behind the
 * gateway is waiting with a timeout, but at most cfg.foreign_burst of them
 * in a row while a poll is due, so a busy gateway cannot starve metering.
 *
 * A Modbus TCP gateway (mbtcp.h) on the same bus: for each ADU a client
 * sends, mbtcp_adu_parse() it and mb_session_submit(unit, pdu, tag) with a
 * tag that finds the connection and transaction id again; on MB_SEV_REPLY
 * or MB_SEV_EXCEPTION answer with mbtcp_adu_encode(tid, unit, ev.adu + 1,
 * ev.adu_len - 3); on MB_SEV_TIMEOUT or MB_SEV_SKIPPED answer the exception
 * MB_EX_GATEWAY_TARGET (mb_rsp_encode with exception 11); when submit says
 * MB_E_SPACE, MB_EX_SERVER_BUSY.
 *
 * Broadcast (slave 0) requests get no reply: the session waits
 * cfg.broadcast_delay_ms and reports MB_SEV_BROADCAST_DONE.
 *
 * A submitted PDU with a function code mb_pdu.h does not know (e.g. FC 8,
 * 43 from a vendor tool) is still forwarded; its reply is then framed by
 * t3.5 of silence after the last byte with a valid CRC, the one case where
 * the session relies on timing.
 *
 * Memory: everything lives in struct mb_session (no heap), about 12 KB with
 * the defaults below; each can be lowered for small targets, and
 * scripts/esp8266-build.sh builds with 6 polls, 4 queued requests, 8
 * slaves, 2 events and MBRTU_ADU_MAX 128 (mbrtu.h) for under 4 KB.
 */
#ifndef METERD_MB_SESSION_H
#define METERD_MB_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "meterd/mb_pdu.h"
#include "meterd/mbrtu.h"

#ifndef MB_SESSION_POLLS
#define MB_SESSION_POLLS 16 /* periodic requests */
#endif
#ifndef MB_SESSION_QUEUE
#define MB_SESSION_QUEUE 8 /* submitted requests waiting */
#endif
#ifndef MB_SESSION_SLAVES
#define MB_SESSION_SLAVES 16 /* distinct slave addresses with health */
#endif
#ifndef MB_SESSION_EVENTS
#define MB_SESSION_EVENTS 4 /* completed requests not yet taken */
#endif

#define MB_SESSION_NEVER UINT64_MAX

struct mb_session_config {
	uint32_t baud;               /* for timing; 0 means 9600 */
	unsigned char_bits;          /* bits per character (mbrtu_char_bits); 0 means 11 */
	uint32_t turnaround_ms;      /* slave processing allowance; 0 means 100 */
	uint32_t timeout_ms;         /* fixed reply timeout; 0 = computed from the line */
	uint32_t broadcast_delay_ms; /* wait after a broadcast; 0 means 100 */
	uint8_t  retries;            /* extra attempts after a timeout */
	uint32_t backoff_min_ms;     /* first back-off of a dead slave; 0 means 5000 */
	uint32_t backoff_max_ms;     /* cap; 0 means 300000 */
	uint8_t  foreign_burst;      /* submitted requests in a row while a poll is due; 0 means 1 */
	bool     local_echo;         /* the line echoes what we send (RS-485 without echo
	                                suppression, optical heads): skip it; a byte that
	                                differs ends the echo, counts in echo_errors (a
	                                collision on the bus) and is taken as reply */
};

enum mb_session_event_kind {
	MB_SEV_REPLY,          /* the slave answered: rsp, adu */
	MB_SEV_EXCEPTION,      /* the slave answered with an exception: rsp.exception */
	MB_SEV_TIMEOUT,        /* no answer after 1 + retries attempts (or the probe) */
	MB_SEV_SKIPPED,        /* not sent: the slave is dead and backing off */
	MB_SEV_BROADCAST_DONE, /* a broadcast went out and its delay passed */
};

/*
 * One completed request. Pointers (req.values, rsp.values, adu) point into
 * the event's own storage in the session and stay valid until the next call
 * to mb_session_event().
 */
struct mb_session_event {
	enum mb_session_event_kind kind;
	uint8_t            slave;
	int                poll;     /* index from add_poll, or -1 for a submitted request */
	uint32_t           tag;      /* the caller's tag */
	struct mb_request  req;      /* parsed request; function 0 when mb_pdu.h does not know it */
	struct mb_response rsp;      /* REPLY, EXCEPTION (function 0 for an unknown function) */
	const uint8_t     *adu;      /* REPLY, EXCEPTION: the reply as received, CRC included */
	size_t             adu_len;
	uint8_t            attempts; /* how many times the request was sent */
	uint64_t           done_ms;
};

/* Counters for health display; they only grow. */
struct mb_session_stats {
	uint32_t sent;          /* requests written, retries included */
	uint32_t replies;       /* MB_SEV_REPLY */
	uint32_t exceptions;    /* MB_SEV_EXCEPTION */
	uint32_t timeouts;      /* attempts without an answer */
	uint32_t failures;      /* MB_SEV_TIMEOUT */
	uint32_t skipped;       /* MB_SEV_SKIPPED */
	uint32_t garbage_bytes; /* bytes that were no frame, or came unasked */
	uint32_t crc_errors;    /* a reply-shaped frame with a wrong CRC at the timeout */
	uint32_t wrong_slave;   /* valid frames from another slave */
	uint32_t mismatched;    /* valid frames from the slave that did not answer the request */
	uint32_t events_lost;   /* events overwritten because the caller did not drain them */
	uint32_t echo_errors;   /* local_echo: a byte of the echo differed from what was sent */
};

struct mb_slave_health {
	uint8_t  address;
	bool     used;
	bool     dead;
	uint32_t backoff_ms;  /* current back-off while dead */
	uint64_t retry_at;    /* when a dead slave may be probed */
	uint32_t replies, exceptions, failures;
	uint64_t last_ok_ms;
};

/* A request as the session keeps it: the whole ADU, ready to send. */
struct mb_session_job {
	uint8_t           adu[MBRTU_ADU_MAX];
	uint16_t          adu_len;
	struct mb_request req; /* values point into adu */
	bool              known; /* mb_pdu.h parses it: the reply's shape is known */
	uint32_t          tag;
};

struct mb_session_poll {
	struct mb_session_job job;
	bool                  used;
	uint32_t              period_ms;
	uint64_t              due;
};

enum mb_session_state {
	MB_SST_IDLE,     /* nothing on the bus */
	MB_SST_WAIT,     /* request sent, waiting for the reply */
	MB_SST_SILENCE,  /* broadcast sent, waiting its delay */
};

struct mb_session {
	struct mb_session_config cfg;
	struct mbrtu_timing      timing;
	uint32_t                 gap_ms; /* t3.5 rounded up */

	struct mb_session_poll polls[MB_SESSION_POLLS];
	struct mb_session_job  queue[MB_SESSION_QUEUE];
	size_t                 q_head, q_len;
	struct mb_slave_health slaves[MB_SESSION_SLAVES];

	/* The request on the bus. */
	enum mb_session_state state;
	struct mb_session_job cur;
	int                   cur_poll; /* or -1 */
	uint8_t               attempts;
	bool                  probing;   /* a dead slave's single attempt */
	bool                  tx_ready;  /* cur.adu is waiting in mb_session_output() */
	uint64_t              reply_by, bus_free_at, last_rx;
	size_t                echo_left; /* local echo bytes still to skip */
	uint8_t               burst;     /* submitted requests in a row while polls were due */
	struct mbrtu_framer   rx;

	/* Completed requests, oldest first. */
	struct mb_session_event ev[MB_SESSION_EVENTS];
	uint8_t                 ev_store[MB_SESSION_EVENTS][2 * MBRTU_ADU_MAX];
	uint8_t                 ev_head, ev_len;
	struct mb_session_event out; /* the one mb_session_event() last returned */
	uint8_t                 out_store[2 * MBRTU_ADU_MAX];

	struct mb_session_stats stats;
};

/*
 * While a reply is awaited: how many more bytes it needs at the least
 * before it can be whole (its echo, then an exception's 5 bytes until the
 * function code says otherwise, then the reply's length); 1 when that is
 * not known (an unknown function, noise before the reply); 0 when nothing
 * is awaited. A reader may sleep until that many could have arrived.
 */
size_t mb_session_rx_wanted(const struct mb_session *s);

/* Resets the session with cfg (copied; zero fields take their defaults). */
void mb_session_init(struct mb_session *s, const struct mb_session_config *cfg);

/*
 * Adds a periodic request: the PDU pdu[0..len) to slave 1..255 (248..255
 * are reserved by the standard, but a TROVIS 5573 leaves the factory as
 * station 255; 0 is broadcast and cannot be polled), first due
 * at now_ms, then every period_ms. Returns its index (>= 0), MB_E_SPACE when
 * the poll table or the slave table is full, or the PDU's MB_E_* error
 * (polls must be requests mb_pdu.h knows, and not broadcasts).
 */
int mb_session_add_poll(struct mb_session *s, uint8_t slave, const uint8_t *pdu, size_t len,
                        uint32_t period_ms, uint32_t tag, uint64_t now_ms);

/* Stops a poll; a request of it on the bus still completes. */
void mb_session_remove_poll(struct mb_session *s, int poll);

/*
 * Queues a one-shot request (a write, or a gateway's foreign request).
 * Any function code is accepted; slave 0 broadcasts. Returns 0, MB_E_SPACE
 * when the queue or slave table is full, MB_E_INVALID for an empty or
 * oversized PDU, or the PDU's MB_E_* error for a known function code with
 * bad fields.
 */
int mb_session_submit(struct mb_session *s, uint8_t slave, const uint8_t *pdu, size_t len,
                      uint32_t tag);

/* Received bytes, at now_ms. */
void mb_session_input(struct mb_session *s, const uint8_t *p, size_t n, uint64_t now_ms);

/*
 * Advances to now_ms: timeouts, retries, back-off, and the choice of the
 * next request. Call it whenever now_ms reaches mb_session_deadline(), and
 * after add_poll, submit and input. Stops early while the event queue is
 * full (drain it and call again).
 */
void mb_session_step(struct mb_session *s, uint64_t now_ms);

/*
 * The bytes to write now, or 0. Each request is returned once; the session
 * takes it as written at the now_ms of the step that chose it.
 */
size_t mb_session_output(struct mb_session *s, const uint8_t **p);

/* The next completed request, oldest first; false when there is none. */
bool mb_session_event(struct mb_session *s, struct mb_session_event *ev);

/*
 * When mb_session_step() must run next (absolute ms), or MB_SESSION_NEVER
 * when nothing is pending. A value <= now means at once.
 */
uint64_t mb_session_deadline(const struct mb_session *s);

const struct mb_session_stats *mb_session_stats(const struct mb_session *s);

/* Health of one slave address, or NULL when the session never talked to it. */
const struct mb_slave_health *mb_session_slave(const struct mb_session *s, uint8_t address);

#endif
