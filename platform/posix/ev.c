/*
 * ev.c - poll(2) loop, timer heap and self-pipe signals; see ev.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ev.h"

struct ev_loop {
	struct pollfd     *pfd;     /* poll set, parallel to io[] */
	struct ev_io     **io;
	size_t             nio, capio;
	struct ev_io     **pending; /* ready in this turn, NULL once stopped */
	size_t             npending, cappending;
	struct ev_timer  **heap;
	size_t             ntimer, captimer;
	uint64_t           seq;
	uint64_t           now;
	uint64_t (*clock)(void *);
	void              *clock_arg;
	bool               stop;
	struct ev_signal  *signals;
	struct ev_io       sigw;
};

/*
 * The self-pipe is process-wide because a signal handler cannot know which
 * loop it belongs to; ev.h allows one signal-watching loop per process.
 */
static int sig_pipe[2] = {-1, -1};

uint64_t
ev_clock_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static uint64_t
clock_default(void *arg)
{
	(void)arg;
	return ev_clock_ms();
}

struct ev_loop *
ev_loop_new(void)
{
	struct ev_loop *loop = calloc(1, sizeof(*loop));

	if (loop == NULL)
		return NULL;
	loop->clock = clock_default;
	loop->now = ev_clock_ms();
	return loop;
}

void
ev_loop_free(struct ev_loop *loop)
{
	struct ev_signal *s;

	if (loop == NULL)
		return;
	for (s = loop->signals; s != NULL; s = s->next) {
		s->active = false;
		signal(s->signo, SIG_DFL);
	}
	if (ev_io_active(&loop->sigw)) {
		close(sig_pipe[0]);
		close(sig_pipe[1]);
		sig_pipe[0] = sig_pipe[1] = -1;
	}
	free(loop->pfd);
	free(loop->io);
	free(loop->pending);
	free(loop->heap);
	free(loop);
}

void
ev_loop_set_clock(struct ev_loop *loop, uint64_t (*clock)(void *), void *arg)
{
	loop->clock = clock;
	loop->clock_arg = arg;
	loop->now = clock(arg);
}

uint64_t
ev_now(const struct ev_loop *loop)
{
	return loop->now;
}

void
ev_now_update(struct ev_loop *loop)
{
	loop->now = loop->clock(loop->clock_arg);
}

size_t
ev_io_count(const struct ev_loop *loop)
{
	return loop->nio - (ev_io_active(&loop->sigw) ? 1 : 0);
}

size_t
ev_timer_count(const struct ev_loop *loop)
{
	return loop->ntimer;
}

void
ev_break(struct ev_loop *loop)
{
	loop->stop = true;
}

/* Grows *arr (of elem-sized items) to hold at least want; 0 or -ENOMEM. */
static int
grow(void **arr, size_t *cap, size_t want, size_t elem)
{
	size_t ncap;
	void  *p;

	if (want <= *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 16;
	while (ncap < want)
		ncap *= 2;
	p = realloc(*arr, ncap * elem);
	if (p == NULL)
		return -ENOMEM;
	*arr = p;
	*cap = ncap;
	return 0;
}

/* --- descriptors */

static short
poll_events(unsigned events)
{
	return (short)(((events & EV_READ) ? POLLIN : 0) | ((events & EV_WRITE) ? POLLOUT : 0));
}

void
ev_io_init(struct ev_io *w, ev_io_cb *cb, void *data)
{
	memset(w, 0, sizeof(*w));
	w->fd = -1;
	w->cb = cb;
	w->data = data;
}

int
ev_io_start(struct ev_loop *loop, struct ev_io *w, int fd, unsigned events)
{
	size_t cap = loop->capio;

	if (w->slot == 0) {
		if (grow((void **)&loop->io, &cap, loop->nio + 1, sizeof(*loop->io)) != 0)
			return -ENOMEM;
		cap = loop->capio;
		if (grow((void **)&loop->pfd, &cap, loop->nio + 1, sizeof(*loop->pfd)) != 0)
			return -ENOMEM;
		loop->capio = cap;
		loop->io[loop->nio] = w;
		w->slot = ++loop->nio;
	}
	w->fd = fd;
	w->events = events;
	loop->pfd[w->slot - 1].fd = fd;
	loop->pfd[w->slot - 1].events = poll_events(events);
	loop->pfd[w->slot - 1].revents = 0;
	return 0;
}

void
ev_io_set_events(struct ev_loop *loop, struct ev_io *w, unsigned events)
{
	w->events = events;
	if (w->slot != 0)
		loop->pfd[w->slot - 1].events = poll_events(events);
}

void
ev_io_stop(struct ev_loop *loop, struct ev_io *w)
{
	size_t i = w->slot, last = loop->nio;

	if (i == 0)
		return;
	/* Swap the last watcher into the hole so the poll set stays dense. */
	if (i != last) {
		loop->io[i - 1] = loop->io[last - 1];
		loop->pfd[i - 1] = loop->pfd[last - 1];
		loop->io[i - 1]->slot = i;
	}
	loop->nio--;
	w->slot = 0;
	for (i = 0; i < loop->npending; i++)
		if (loop->pending[i] == w)
			loop->pending[i] = NULL;
}

/* --- timers: a binary min-heap ordered by (due, seq) */

static bool
timer_before(const struct ev_timer *a, const struct ev_timer *b)
{
	return a->due < b->due || (a->due == b->due && a->seq < b->seq);
}

static void
heap_set(struct ev_loop *loop, size_t i, struct ev_timer *t)
{
	loop->heap[i] = t;
	t->heap = i + 1;
}

static void
heap_up(struct ev_loop *loop, size_t i)
{
	struct ev_timer *t = loop->heap[i];

	while (i > 0) {
		size_t parent = (i - 1) / 2;
		if (!timer_before(t, loop->heap[parent]))
			break;
		heap_set(loop, i, loop->heap[parent]);
		i = parent;
	}
	heap_set(loop, i, t);
}

static void
heap_down(struct ev_loop *loop, size_t i)
{
	struct ev_timer *t = loop->heap[i];
	size_t           n = loop->ntimer;

	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= n)
			break;
		if (c + 1 < n && timer_before(loop->heap[c + 1], loop->heap[c]))
			c++;
		if (!timer_before(loop->heap[c], t))
			break;
		heap_set(loop, i, loop->heap[c]);
		i = c;
	}
	heap_set(loop, i, t);
}

void
ev_timer_init(struct ev_timer *t, ev_timer_cb *cb, void *data)
{
	memset(t, 0, sizeof(*t));
	t->cb = cb;
	t->data = data;
}

void
ev_timer_stop(struct ev_loop *loop, struct ev_timer *t)
{
	size_t i = t->heap;

	if (i == 0)
		return;
	i--;
	t->heap = 0;
	loop->ntimer--;
	if (i == loop->ntimer)
		return;
	heap_set(loop, i, loop->heap[loop->ntimer]);
	if (i > 0 && timer_before(loop->heap[i], loop->heap[(i - 1) / 2]))
		heap_up(loop, i);
	else
		heap_down(loop, i);
}

int
ev_timer_start_at(struct ev_loop *loop, struct ev_timer *t, uint64_t due_ms)
{
	ev_timer_stop(loop, t);
	if (grow((void **)&loop->heap, &loop->captimer, loop->ntimer + 1, sizeof(*loop->heap)) != 0)
		return -ENOMEM;
	t->due = due_ms;
	t->seq = loop->seq++;
	heap_set(loop, loop->ntimer++, t);
	heap_up(loop, loop->ntimer - 1);
	return 0;
}

int
ev_timer_start(struct ev_loop *loop, struct ev_timer *t, uint64_t after_ms)
{
	return ev_timer_start_at(loop, t, loop->now + after_ms);
}

/* Fires every timer due by the cached now; returns how many. */
static int
timers_run(struct ev_loop *loop)
{
	int n = 0;

	while (loop->ntimer > 0 && loop->heap[0]->due <= loop->now) {
		struct ev_timer *t = loop->heap[0];
		ev_timer_stop(loop, t);
		t->cb(loop, t);
		n++;
	}
	return n;
}

/* --- signals */

static void
sig_handler(int signo)
{
	int           saved = errno;
	unsigned char b = (unsigned char)signo;

	/* A full pipe just merges arrivals, which ev.h allows. */
	if (write(sig_pipe[1], &b, 1) < 0) {
	}
	errno = saved;
}

static void
sig_readable(struct ev_loop *loop, struct ev_io *w, unsigned revents)
{
	unsigned char buf[64];
	bool          seen[65] = {false};
	ssize_t       n, i;

	(void)revents;
	while ((n = read(w->fd, buf, sizeof(buf))) > 0)
		for (i = 0; i < n; i++)
			if (buf[i] < 65)
				seen[buf[i]] = true;
	/*
	 * A callback may stop (and free) any signal watcher, so restart the
	 * walk after each call and mark what has run.
	 */
	for (int signo = 1; signo < 65; signo++) {
		struct ev_signal *s;
		if (!seen[signo])
			continue;
		for (s = loop->signals; s != NULL; s = s->next)
			if (s->signo == signo && s->active)
				s->cb(loop, s);
	}
}

void
ev_signal_init(struct ev_signal *s, int signo, ev_signal_cb *cb, void *data)
{
	memset(s, 0, sizeof(*s));
	s->signo = signo;
	s->cb = cb;
	s->data = data;
}

static int
nonblock_cloexec(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0 || fcntl(fd, F_SETFD, FD_CLOEXEC) < 0)
		return -errno;
	return 0;
}

int
ev_signal_start(struct ev_loop *loop, struct ev_signal *s)
{
	struct sigaction sa;
	int              r;

	if (s->active)
		return 0;
	if (s->signo <= 0 || s->signo >= 65)
		return -EINVAL;
	if (!ev_io_active(&loop->sigw)) {
		if (sig_pipe[0] >= 0)
			return -EBUSY; /* another loop owns the signals */
		if (pipe(sig_pipe) < 0)
			return -errno;
		if ((r = nonblock_cloexec(sig_pipe[0])) < 0 || (r = nonblock_cloexec(sig_pipe[1])) < 0)
			return r;
		ev_io_init(&loop->sigw, sig_readable, NULL);
		if ((r = ev_io_start(loop, &loop->sigw, sig_pipe[0], EV_READ)) < 0)
			return r;
		signal(SIGPIPE, SIG_IGN);
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = sig_handler;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	if (sigaction(s->signo, &sa, NULL) < 0)
		return -errno;
	s->active = true;
	s->next = loop->signals;
	loop->signals = s;
	return 0;
}

void
ev_signal_stop(struct ev_loop *loop, struct ev_signal *s)
{
	struct ev_signal **pp;
	bool               other = false;

	if (!s->active)
		return;
	s->active = false;
	for (pp = &loop->signals; *pp != NULL;) {
		if (*pp == s)
			*pp = s->next;
		else {
			if ((*pp)->signo == s->signo)
				other = true;
			pp = &(*pp)->next;
		}
	}
	if (!other)
		signal(s->signo, SIG_DFL);
}

/* --- the loop */

int
ev_run_once(struct ev_loop *loop, int timeout_ms)
{
	int    n, ran = 0;
	size_t i;

	if (timeout_ms < 0 && loop->ntimer > 0) {
		uint64_t due = loop->heap[0]->due;
		ev_now_update(loop);
		timeout_ms = due <= loop->now ? 0
		             : due - loop->now > 3600000u ? 3600000
		                                          : (int)(due - loop->now);
	}
	n = poll(loop->pfd, loop->nio, timeout_ms);
	if (n < 0 && errno != EINTR)
		return -errno;
	ev_now_update(loop);
	if (n > 0) {
		size_t cap = loop->cappending;
		if (grow((void **)&loop->pending, &cap, loop->nio, sizeof(*loop->pending)) != 0)
			return -ENOMEM;
		loop->cappending = cap;
		loop->npending = 0;
		for (i = 0; i < loop->nio; i++)
			if (loop->pfd[i].revents != 0)
				loop->pending[loop->npending++] = loop->io[i];
		for (i = 0; i < loop->npending; i++) {
			struct ev_io *w = loop->pending[i];
			short         re;
			unsigned      ev = 0;
			if (w == NULL)
				continue;
			re = loop->pfd[w->slot - 1].revents;
			loop->pfd[w->slot - 1].revents = 0;
			if (re & POLLIN)
				ev |= EV_READ;
			if (re & POLLOUT)
				ev |= EV_WRITE;
			if (re & (POLLERR | POLLHUP | POLLNVAL))
				ev |= EV_ERROR;
			if (ev == 0)
				continue;
			w->cb(loop, w, ev);
			ran++;
		}
		loop->npending = 0;
	}
	return ran + timers_run(loop);
}

int
ev_run(struct ev_loop *loop)
{
	loop->stop = false;
	while (!loop->stop && (ev_io_count(loop) > 0 || loop->ntimer > 0 || loop->signals != NULL)) {
		int r = ev_run_once(loop, -1);
		if (r < 0)
			return r;
	}
	return 0;
}
