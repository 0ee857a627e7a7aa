/*
 * test_bus_backoff.c - a port that cannot be opened is retried with the
 * backoff meterd(8) promises: first at once, then after 0.5 s, doubling up
 * to 30 s. The bus runs on a real event loop with a fake clock, so the
 * retry times are exact and nothing sleeps.
 */
#include "daemon/bus.h"
#include "platform/posix/ev.h"
#include "unit.h"

static uint64_t fake_now;

static uint64_t
fake_clock(void *arg)
{
	(void)arg;
	return fake_now;
}

/* Runs the loop at fake time t; returns the open failures so far. */
static uint32_t
failures_at(struct ev_loop *loop, struct bus *b, uint64_t t)
{
	fake_now = t;
	ev_run_once(loop, 0);
	return bus_stats(b)->open_failures;
}

int
main(void)
{
	struct ev_loop      *loop = ev_loop_new();
	struct cfg_port      port;
	struct serial_params params;
	const char          *why;
	struct bus          *b;
	/* The attempt times: at once, then +0.5, +1, +2, +4, +8, +16, +30, +30 s. */
	static const uint64_t at[] = {0, 500, 1500, 3500, 7500, 15500, 31500, 61500, 91500};

	fake_now = 100000;
	ev_loop_set_clock(loop, fake_clock, NULL);
	serial_params_default(&params);
	CHECK_INT(cfg_port_parse(&port, "/nonexistent/meterd-test-tty", &why), 0);
	b = bus_new(loop, &port, &params);
	CHECK(b != NULL);
	if (b == NULL)
		return 1;
	for (size_t i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
		if (i > 0)
			CHECK_INT(failures_at(loop, b, 100000 + at[i] - 1), i); /* not a moment early */
		CHECK_INT(failures_at(loop, b, 100000 + at[i]), i + 1);
	}
	CHECK(!bus_is_open(b));
	CHECK_INT(bus_stats(b)->opens, 0);
	bus_free(b);
	ev_loop_free(loop);
	TEST_END();
}
