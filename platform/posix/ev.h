/*
 * ev.h - the event loop: one thread, poll(2), monotonic timers, signals.
 *
 * Everything meterd does happens in callbacks of one loop: a file descriptor
 * became readable or writable, a timer fell due, or a signal arrived. Nothing
 * blocks and nothing sleeps except poll() itself, which sleeps until the
 * earliest timer.
 *
 * Watchers (struct ev_io, ev_timer, ev_signal) belong to the caller, who
 * embeds them in its own objects; the loop only links to them. A watcher may
 * be started, stopped or restarted from inside any callback, including its
 * own, and a callback may stop and free *other* watchers: the loop never
 * touches a stopped watcher again.
 *
 * Time is monotonic milliseconds (CLOCK_MONOTONIC), read once per loop turn
 * after poll() returns and cached: every callback of one turn sees the same
 * ev_now(), so deadlines computed in one turn agree with each other. The
 * clock can be replaced (ev_loop_set_clock) so tests drive timers without
 * sleeping.
 *
 * Timers live in a binary min-heap (O(log n) start/stop, O(1) next
 * deadline). Timers due in the same turn fire in order of their due time,
 * and timers with equal due times in the order they were started.
 *
 * Signals are turned into ordinary events through a self-pipe: the handler
 * only writes the signal number into a pipe the loop watches, so a signal
 * callback runs in loop context and may do anything.
 *
 * Errors are negative errno values.
 */
#ifndef METERD_EV_H
#define METERD_EV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define EV_READ  0x1u /* POLLIN */
#define EV_WRITE 0x2u /* POLLOUT */
#define EV_ERROR 0x4u /* POLLERR/POLLHUP/POLLNVAL: reported whatever was asked */

struct ev_loop;
struct ev_io;
struct ev_timer;
struct ev_signal;

typedef void ev_io_cb(struct ev_loop *loop, struct ev_io *w, unsigned revents);
typedef void ev_timer_cb(struct ev_loop *loop, struct ev_timer *t);
typedef void ev_signal_cb(struct ev_loop *loop, struct ev_signal *s);

/* Fields after the first comment are the loop's: do not touch them. */
struct ev_io {
	int       fd;
	unsigned  events; /* EV_READ | EV_WRITE asked for */
	ev_io_cb *cb;
	void     *data;   /* the caller's */
	/* loop-private */
	size_t    slot;   /* index in the poll set + 1, 0 when stopped */
};

struct ev_timer {
	uint64_t     due;  /* monotonic ms when it fires (valid while active) */
	ev_timer_cb *cb;
	void        *data;
	/* loop-private */
	size_t       heap; /* index in the heap + 1, 0 when stopped */
	uint64_t     seq;  /* start order, breaks ties between equal due times */
};

struct ev_signal {
	int               signo;
	ev_signal_cb     *cb;
	void             *data;
	/* loop-private */
	struct ev_signal *next;
	bool              active;
};

/*
 * Creates a loop. Only one loop per process may watch signals (the self-pipe
 * is process-wide). Returns NULL when out of memory or descriptors.
 */
struct ev_loop *ev_loop_new(void);

/* Frees the loop; watchers still started are simply forgotten. */
void ev_loop_free(struct ev_loop *loop);

/*
 * Replaces the clock (for tests). clock(arg) must return monotonic
 * milliseconds. The cached now is refreshed from it at once.
 */
void ev_loop_set_clock(struct ev_loop *loop, uint64_t (*clock)(void *), void *arg);

/* The cached monotonic time of this loop turn, in milliseconds. */
uint64_t ev_now(const struct ev_loop *loop);

/* Re-reads the clock into the cached now (after a long callback). */
void ev_now_update(struct ev_loop *loop);

/* CLOCK_MONOTONIC in milliseconds, for code outside the loop. */
uint64_t ev_clock_ms(void);

/*
 * Runs until ev_break() is called or no watcher is left. Returns 0, or a
 * negative errno when poll() itself fails (not on EINTR).
 */
int ev_run(struct ev_loop *loop);

/*
 * One loop turn: waits for at most timeout_ms (-1: until the next timer or
 * event; 0: do not wait), then dispatches every ready descriptor, signal and
 * due timer. Returns the number of callbacks run, or a negative errno.
 */
int ev_run_once(struct ev_loop *loop, int timeout_ms);

/* Makes ev_run() return after the current turn. */
void ev_break(struct ev_loop *loop);

/* Number of started io watchers and timers (for leak checks and stats). */
size_t ev_io_count(const struct ev_loop *loop);
size_t ev_timer_count(const struct ev_loop *loop);

/* --- descriptors */

void ev_io_init(struct ev_io *w, ev_io_cb *cb, void *data);

/*
 * Starts watching fd for events (EV_READ | EV_WRITE). If w is already
 * started it is moved to the new fd and events. Returns 0 or -ENOMEM.
 * The caller keeps ownership of fd and must ev_io_stop() before close().
 */
int ev_io_start(struct ev_loop *loop, struct ev_io *w, int fd, unsigned events);

/* Changes the events of a started watcher (e.g. add EV_WRITE while a write is queued). */
void ev_io_set_events(struct ev_loop *loop, struct ev_io *w, unsigned events);

/* Stops w; a no-op when it is not started. A pending event is dropped. */
void ev_io_stop(struct ev_loop *loop, struct ev_io *w);

static inline bool
ev_io_active(const struct ev_io *w)
{
	return w->slot != 0;
}

/* --- timers */

void ev_timer_init(struct ev_timer *t, ev_timer_cb *cb, void *data);

/*
 * (Re)starts t to fire once, after_ms after the cached now (ev_timer_start)
 * or at the absolute monotonic time due_ms (ev_timer_start_at; a time in the
 * past fires in the next turn). A started timer is moved. Returns 0 or
 * -ENOMEM. A periodic timer restarts itself from its callback, ideally with
 * ev_timer_start_at(loop, t, t->due + period) so it does not drift.
 */
int ev_timer_start(struct ev_loop *loop, struct ev_timer *t, uint64_t after_ms);
int ev_timer_start_at(struct ev_loop *loop, struct ev_timer *t, uint64_t due_ms);

/* Stops t; a no-op when it is not started. */
void ev_timer_stop(struct ev_loop *loop, struct ev_timer *t);

static inline bool
ev_timer_active(const struct ev_timer *t)
{
	return t->heap != 0;
}

/* --- signals */

void ev_signal_init(struct ev_signal *s, int signo, ev_signal_cb *cb, void *data);

/*
 * Installs a handler for s->signo (SIGINT, SIGTERM, SIGHUP, SIGUSR1 ...) and
 * calls s->cb from the loop whenever it arrives; several arrivals between
 * two turns may be merged into one call. Also ignores SIGPIPE once, so a
 * write to a closed socket is an EPIPE error, not death. Returns 0 or a
 * negative errno.
 */
int ev_signal_start(struct ev_loop *loop, struct ev_signal *s);

/* Stops s and restores the default action when no watcher is left for its signal. */
void ev_signal_stop(struct ev_loop *loop, struct ev_signal *s);

#endif
