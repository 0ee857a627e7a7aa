/*
 * tcpser.h - serial ports reached over TCP: raw and RFC 2217.
 *
 * Many homes put the optical head or RS-485 adapter on a small network
 * device: ser2net on a router, a Tasmota serial bridge, esp-link. Such an
 * endpoint is either
 *
 *   raw      the TCP stream *is* the serial line (ser2net "tcp", Tasmota
 *            TCPStart, esp-link port 23); baud and framing are fixed at the
 *            far end, so serial settings cannot be changed from here;
 *   rfc2217  telnet with the COM-PORT-OPTION (RFC 2217): the same stream
 *            with 0xFF escaped, plus commands that set baud rate, data
 *            bits, parity and stop bits at the far end - so an IEC 62056-21
 *            mode C meter behind a network IR head can still switch from
 *            300 to 9600 baud.
 *
 * struct tcpser is the caller's; it owns one non-blocking socket and a
 * bounded output queue (TCPSER_OUT_MAX bytes, escaping included), so a
 * write never blocks and never drops part of a request: it either queues
 * all of it or fails with -ENOBUFS. The caller watches tcpser_fd() for
 * EV_READ, and for EV_WRITE while tcpser_want_write() is true (during
 * connect and while output is queued).
 *
 * Telnet handling (RFC 854/855): the client offers BINARY (RFC 856) both
 * ways, agrees to SUPPRESS-GO-AHEAD, refuses ECHO (a server echo would look
 * like meter data) and every other option, and offers COM-PORT-OPTION (44).
 * Negotiation replies are queued automatically while reading; option loops
 * are avoided by answering only changes of state (RFC 1143's simple rule).
 *
 * Errors are negative errno values. End of stream (the server closed) is
 * -EPIPE from tcpser_read(); a failed connect is reported by
 * tcpser_connect_done().
 */
#ifndef METERD_TCPSER_H
#define METERD_TCPSER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "serial.h"

#define TCPSER_OUT_MAX 2048

enum tcpser_mode {
	TCPSER_RAW,
	TCPSER_RFC2217,
};

struct tcpser {
	int              fd;
	enum tcpser_mode mode;
	bool             connecting;
	/* telnet receive state (private) */
	uint8_t          tn_state;
	uint8_t          tn_cmd;
	uint8_t          sb_len;
	uint8_t          sb[16];
	uint8_t          opt_us[64];   /* per option < 64: 1 when we said WILL and it holds */
	uint8_t          opt_them[64]; /* 1 when the server's WILL was accepted with DO */
	/* what the server confirmed last (RFC 2217 server replies), 0 if none */
	uint32_t         ack_baud;
	/* output queue (private) */
	size_t           out_len;
	uint8_t          out[TCPSER_OUT_MAX];
};

/* Makes t an idle, closed endpoint (fd -1). */
void tcpser_init(struct tcpser *t);

/*
 * Splits "host:port", "[v6addr]:port" into host and port strings. Returns 0,
 * or -EINVAL when there is no port or a buffer is too small.
 */
int tcpser_split_hostport(const char *s, char *host, size_t hostcap, char *port, size_t portcap);

/*
 * Starts connecting to host:port (name resolution through getaddrinfo,
 * which blocks on a DNS name: for command-line tools; the daemon uses
 * tcpser_connect_ai with resolve.h). Returns
 * 0 with the connect in progress (or done), or a negative errno (-ENOENT
 * when the name does not resolve). Then wait for EV_WRITE and call
 * tcpser_connect_done().
 */
int tcpser_connect(struct tcpser *t, const char *host, const char *port, enum tcpser_mode mode);

/*
 * The same with addresses already resolved (resolve.h: the daemon resolves
 * names off its loop): tries each in turn until a connect starts.
 */
struct addrinfo;
int tcpser_connect_ai(struct tcpser *t, const struct addrinfo *res, enum tcpser_mode mode);

/*
 * Completes the connect after the socket became writable: 0 when connected
 * (and, for RFC 2217, the opening telnet offers are queued), or a negative
 * errno such as -ECONNREFUSED. A no-op returning 0 when already connected.
 */
int tcpser_connect_done(struct tcpser *t);

/* The socket, or -1 when closed. */
int tcpser_fd(const struct tcpser *t);

/* True while connecting or while output is queued: watch for EV_WRITE. */
bool tcpser_want_write(const struct tcpser *t);

/*
 * Reads what the socket has and returns the number of *line* bytes stored
 * in buf (telnet commands removed, answered and 0xFF unescaped for RFC
 * 2217); 0 when only telnet commands arrived, -EAGAIN when nothing was
 * there, -EPIPE when the server closed, or another negative errno.
 */
ssize_t tcpser_read(struct tcpser *t, uint8_t *buf, size_t cap);

/*
 * Queues n line bytes (escaped for RFC 2217) and tries to send them at once.
 * Returns n, or -ENOBUFS when they do not fit (nothing queued), or a
 * negative errno when the connection broke.
 */
ssize_t tcpser_write(struct tcpser *t, const uint8_t *p, size_t n);

/* Sends queued output; call on EV_WRITE. 0, or a negative errno. */
int tcpser_flush(struct tcpser *t);

/*
 * RFC 2217: asks the far end for p's baud rate, data bits, parity and stop
 * bits (SET-BAUDRATE, SET-DATASIZE, SET-PARITY, SET-STOPSIZE). Returns 0
 * when queued, -ENOTSUP for a raw endpoint, -ENOBUFS when the queue is full.
 * The server's confirmation of the baud rate shows in t->ack_baud.
 */
int tcpser_set_params(struct tcpser *t, const struct serial_params *p);

/*
 * Feeds bytes received from the socket through the telnet filter in place
 * and returns how many line bytes remain at the start of buf (for RFC 2217;
 * raw returns n). tcpser_read() does this; exposed for tests.
 */
size_t tcpser_filter(struct tcpser *t, uint8_t *buf, size_t n);

/* Closes the socket and forgets queued output. Safe to call twice. */
void tcpser_close(struct tcpser *t);

/* For callers that listen (simulators): a bound, listening, non-blocking
 * socket on host:port ("127.0.0.1", "0" picks a free port), or a negative
 * errno. tcpser_local_port() tells which port it got. */
int tcpser_listen(const char *host, const char *port);
int tcpser_local_port(int fd);

#endif
