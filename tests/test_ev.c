/*
 * test_ev.c - the event loop's timer heap, io dispatch and signals, driven by
 * a fake clock (no sleeping).
 */
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "platform/posix/ev.h"
#include "unit.h"

static uint64_t fake_now;

static uint64_t
fake_clock(void *arg)
{
	(void)arg;
	return fake_now;
}

struct rec {
	int order[64];
	int n;
};

struct tmr {
	struct ev_timer t;
	int             id;
	struct rec     *rec;
	struct tmr     *stop_other; /* stopped from this one's callback */
	uint64_t        period;     /* restart itself */
	int             left;
};

static void
tmr_cb(struct ev_loop *loop, struct ev_timer *t)
{
	struct tmr *m = t->data;

	if (m->rec->n < 64)
		m->rec->order[m->rec->n++] = m->id;
	if (m->stop_other != NULL)
		ev_timer_stop(loop, &m->stop_other->t);
	if (m->period != 0 && --m->left > 0)
		ev_timer_start_at(loop, t, t->due + m->period);
}

static void
test_heap_order(void)
{
	struct ev_loop *loop = ev_loop_new();
	struct rec      rec = {{0}, 0};
	struct tmr      m[200];
	int             i;

	fake_now = 1000;
	ev_loop_set_clock(loop, fake_clock, NULL);
	/* Due times in a scrambled order, with duplicates (i % 50). */
	for (i = 0; i < 200; i++) {
		m[i] = (struct tmr){.id = i, .rec = &rec};
		ev_timer_init(&m[i].t, tmr_cb, &m[i]);
		CHECK_INT(ev_timer_start(loop, &m[i].t, (uint64_t)((i * 37) % 50) * 10), 0);
	}
	CHECK_INT(ev_timer_count(loop), 200);
	/* Stop every third; the heap must stay ordered. */
	for (i = 0; i < 200; i += 3)
		ev_timer_stop(loop, &m[i].t);
	ev_timer_stop(loop, &m[0].t); /* twice is harmless */
	CHECK(!ev_timer_active(&m[0].t));
	CHECK(ev_timer_active(&m[1].t));

	/* Nothing is due yet at 1000+0? Timers with delay 0 are due now. */
	uint64_t last_due = 0;
	int      fired = 0, bad_order = 0;
	for (fake_now = 1000; fake_now <= 1500; fake_now += 10) {
		rec.n = 0;
		ev_run_once(loop, 0);
		for (i = 0; i < rec.n; i++) {
			struct tmr *t = &m[rec.order[i]];
			if (t->t.due < last_due)
				bad_order++;
			if (t->t.due > fake_now)
				bad_order++;
			last_due = t->t.due;
			if (rec.order[i] % 3 == 0)
				bad_order++; /* a stopped timer fired */
			fired++;
		}
	}
	CHECK_INT(bad_order, 0);
	CHECK_INT(fired, 200 - 67);
	CHECK_INT(ev_timer_count(loop), 0);
	ev_loop_free(loop);
}

static void
test_ties_and_restart(void)
{
	struct ev_loop *loop = ev_loop_new();
	struct rec      rec = {{0}, 0};
	struct tmr      a = {.id = 1, .rec = &rec}, b = {.id = 2, .rec = &rec},
	           c = {.id = 3, .rec = &rec};

	fake_now = 0;
	ev_loop_set_clock(loop, fake_clock, NULL);
	ev_timer_init(&a.t, tmr_cb, &a);
	ev_timer_init(&b.t, tmr_cb, &b);
	ev_timer_init(&c.t, tmr_cb, &c);
	/* Equal due times fire in start order; a stops c from its callback. */
	ev_timer_start(loop, &b.t, 100);
	ev_timer_start(loop, &a.t, 100);
	ev_timer_start(loop, &c.t, 100);
	a.stop_other = &c;
	/* b restarts itself every 100 ms, 3 times in all, without drift. */
	b.period = 100;
	b.left = 3;
	fake_now = 99;
	CHECK_INT(ev_run_once(loop, 0), 0);
	fake_now = 100;
	ev_run_once(loop, 0);
	CHECK_INT(rec.n, 2);
	CHECK_INT(rec.order[0], 2);
	CHECK_INT(rec.order[1], 1);
	CHECK(!ev_timer_active(&c.t));
	/*
	 * Late: both remaining periods are due and fire in the same turn,
	 * each restart based on the previous due time, not on now.
	 */
	fake_now = 450;
	CHECK_INT(ev_run_once(loop, 0), 2);
	CHECK_INT(rec.n, 4);
	CHECK_INT(b.t.due, 300);
	CHECK_INT(ev_timer_count(loop), 0);
	/* Restarting a started timer moves it. */
	ev_timer_start(loop, &a.t, 10);
	ev_timer_start(loop, &a.t, 1000);
	CHECK_INT(ev_timer_count(loop), 1);
	CHECK_INT(a.t.due, 1450);
	ev_loop_free(loop);
}

struct pipew {
	struct ev_io  w;
	int           reads;
	struct pipew *victim; /* stopped from this callback */
};

static void
pipe_cb(struct ev_loop *loop, struct ev_io *w, unsigned revents)
{
	struct pipew *p = w->data;
	char          buf[16];

	if (revents & EV_READ) {
		if (read(w->fd, buf, sizeof(buf)) > 0)
			p->reads++;
	}
	if (p->victim != NULL)
		ev_io_stop(loop, &p->victim->w);
}

static void
test_io(void)
{
	struct ev_loop *loop = ev_loop_new();
	int             fds[3][2];
	struct pipew    p[3];
	int             i;

	for (i = 0; i < 3; i++) {
		CHECK_INT(pipe(fds[i]), 0);
		p[i] = (struct pipew){.reads = 0};
		ev_io_init(&p[i].w, pipe_cb, &p[i]);
		CHECK_INT(ev_io_start(loop, &p[i].w, fds[i][0], EV_READ), 0);
	}
	CHECK_INT(ev_io_count(loop), 3);
	/* All three ready; the first one stops the third before it runs. */
	p[0].victim = &p[2];
	for (i = 0; i < 3; i++)
		CHECK_INT(write(fds[i][1], "x", 1), 1);
	CHECK_INT(ev_run_once(loop, 0), 2);
	CHECK_INT(p[0].reads, 1);
	CHECK_INT(p[1].reads, 1);
	CHECK_INT(p[2].reads, 0);
	CHECK_INT(ev_io_count(loop), 2);
	/* Nothing ready: nothing runs. */
	CHECK_INT(ev_run_once(loop, 0), 0);
	ev_io_stop(loop, &p[0].w);
	ev_io_stop(loop, &p[1].w);
	CHECK_INT(ev_io_count(loop), 0);
	for (i = 0; i < 3; i++) {
		close(fds[i][0]);
		close(fds[i][1]);
	}
	ev_loop_free(loop);
}

static int sig_seen;

static void
sig_cb(struct ev_loop *loop, struct ev_signal *s)
{
	(void)loop;
	sig_seen = s->signo;
}

static void
test_signal(void)
{
	struct ev_loop  *loop = ev_loop_new();
	struct ev_signal s;

	ev_signal_init(&s, SIGUSR1, sig_cb, NULL);
	CHECK_INT(ev_signal_start(loop, &s), 0);
	raise(SIGUSR1);
	/* The handler only wrote to the pipe; the callback runs in the loop. */
	CHECK_INT(sig_seen, 0);
	CHECK_INT(ev_run_once(loop, 1000), 1);
	CHECK_INT(sig_seen, SIGUSR1);
	ev_signal_stop(loop, &s);
	ev_loop_free(loop);
}

int
main(void)
{
	test_heap_order();
	test_ties_and_restart();
	test_io();
	test_signal();
	TEST_END();
}
