/*
 * sim_port.h - where a simulated meter's bytes go: a pseudo-terminal or a
 * TCP listener, driven by the event loop (ev.h).
 *
 * A pty port creates a new pseudo-terminal pair, puts its slave side into
 * raw mode and, when asked, points a symlink at the slave (created with a
 * temporary name and renamed into place, removed at close), so a test or a
 * config can use a stable path. The simulator keeps only the master side
 * open. While no program has the slave open the line is "unplugged": Linux
 * reports a hang-up on the master, and the port drops what the meter sends
 * (a push meter talks into the void, as on a real line nobody listens to)
 * instead of letting stale telegrams pile up in the pty buffer; the port
 * checks every 100 ms whether a reader has come.
 *
 * A TCP port listens on HOST:PORT and serves one client at a time, like
 * ser2net in raw mode: a new connection replaces the old one; with no
 * client the meter's output is dropped.
 *
 * Either way the port writes the meter's queued bytes when they are due
 * (sim_tx_due), so a telegram takes its real time on the wire; bytes read
 * go to sim_meter_input(), echoed back first when the meter has local echo
 * (an optical head sees its own transmission).
 */
#ifndef METERD_SIM_PORT_H
#define METERD_SIM_PORT_H

#include "ev.h"
#include "sim.h"

struct sim_port {
	struct sim_meter *m;
	struct ev_loop   *loop;
	bool              tcp;
	int               fd;        /* pty master or connected client, -1 */
	int               listen_fd; /* TCP only, -1 */
	bool              hangup;    /* pty: nobody has the slave open */
	char              name[64];  /* slave path, or "HOST:PORT" */
	char             *link;      /* symlink path we created, or NULL */
	struct ev_io      io;
	struct ev_io      lio;
	struct ev_timer   tx_timer;
	struct ev_timer   wake_timer;
	struct ev_timer   probe_timer;
	uint64_t          armed_wake;
};

/* Creates a pty for m (started) and links `link` (may be NULL) to it. Returns 0 or -errno. */
int  sim_port_open_pty(struct sim_port *p, struct ev_loop *loop, struct sim_meter *m,
                       const char *link);
/*
 * Listens on "HOST:PORT" ("[v6]:PORT"; port 0 takes a free one, p->name then
 * tells which) for m. Returns 0 or -errno.
 */
int  sim_port_open_tcp(struct sim_port *p, struct ev_loop *loop, struct sim_meter *m,
                       const char *hostport);
/* Stops the watchers, closes the descriptors, removes the symlink. */
void sim_port_close(struct sim_port *p);

#endif
