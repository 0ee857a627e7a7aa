/*
 * gateway.h - the Modbus TCP gateway: a vendor tool (TrovisView, mbpoll,
 * any Modbus TCP master) talks to the slaves on an RS-485 line while
 * meterd keeps polling them.
 *
 * A gateway listens where its config section says and forwards each
 * request to the RTU bus through the same bus owner the pollers use
 * (bus.h): it queues for the bus, sends one request per bus turn, answers
 * the client that asked with its own transaction id, and lets the line rest
 * t3.5 before the next master's turn. So polling and bridging interleave
 * request by request, and a busy tool cannot starve metering.
 *
 *   gateway {
 *       listen 127.0.0.1:5021     where to listen (required)
 *       port "/dev/ttyUSB0"       the bus: a meter's port (required)
 *       line 19200 8N1            line settings, only when no meter uses the port
 *       mode tcp                  tcp (MBAP) or rtu (RTU frames over TCP)
 *       allow 192.168.1.0/24      clients allowed (repeatable; default: any)
 *       write off                 read-only unless on (then `allow` is required)
 *       functions 3 4 6           function codes allowed (default: reads, + writes if on)
 *       read 247 0-9999           readable registers of a slave (repeatable; default: all)
 *       writable 247 100-120      writable registers of a slave (repeatable; default: all)
 *       clients 32                concurrent connections
 *       idle 60s                  a connection with nothing to do is closed after this
 *   }
 *
 * A request refused by these rules is answered with exception 01 (a
 * function not allowed) or 02 (registers outside the ranges) and logged; a
 * slave that does not answer gets exception 0B (gateway target failed to
 * respond); a full queue 06 (server busy). A malformed MBAP header, an
 * oversized length or a bad RTU CRC closes the connection (MBAP has no
 * resynchronisation). Nothing a client does blocks the loop: sockets are
 * non-blocking, a client that does not read its replies is dropped.
 */
#ifndef METERD_GATEWAY_H
#define METERD_GATEWAY_H

#include "config.h"

struct engine;
struct gateway;
struct ev_loop;

/* Checks a gateway section (sections.def). */
int gateway_check_section(const struct cfg_section *s, struct cfg_diag *d);

/* Starts every gateway section of c on e's buses. Returns the list, NULL when none. */
struct gateway *gateway_start_all(struct engine *e, const struct cfg *c);

/* Stops and frees the list (clients are disconnected). */
void gateway_stop_all(struct gateway *g);

#endif
