/*
 * test_guard_backoff.c - the counter guard and the reopen backoff, with a
 * fake clock (times are plain arguments).
 */
#include "daemon/backoff.h"
#include "daemon/guard.h"
#include "unit.h"

static void
test_guard(void)
{
	struct guard g;
	double       rate = guard_rate_for_unit("kWh"); /* 200 kW */

	CHECK(rate > 0.05 && rate < 0.06);
	CHECK(guard_rate_for_unit("W") == 0);
	CHECK(guard_rate_for_unit("°C") == 0);
	guard_init(&g);
	CHECK_INT(guard_check(&g, 5430.157, 0, rate), GUARD_FIRST);
	CHECK_INT(guard_check(&g, 5430.158, 10000, rate), GUARD_OK);
	CHECK_INT(guard_check(&g, 5430.158, 20000, rate), GUARD_OK); /* standing still is fine */
	/* The silent 0 of a booting meter: flagged, last good total kept. */
	CHECK_INT(guard_check(&g, 0, 30000, rate), GUARD_ZERO);
	CHECK(g.last == 5430.158);
	CHECK_INT(guard_check(&g, 5430.100, 40000, rate), GUARD_BACKWARDS);
	/* 10 s at 200 kW is 0.56 kWh; 5 kWh in 10 s is a misread. */
	CHECK_INT(guard_check(&g, 5435.2, 50000, rate), GUARD_JUMP);
	CHECK_INT(guard_check(&g, 5430.5, 60000, rate), GUARD_OK);
	CHECK_INT(g.flagged, 3);
	/*
	 * A replaced meter: agreeing readings start a new series once there
	 * are three of them over five minutes; not before.
	 */
	CHECK_INT(guard_check(&g, 12.0, 70000, rate), GUARD_BACKWARDS);
	CHECK_INT(guard_check(&g, 12.1, 80000, rate), GUARD_BACKWARDS);
	CHECK_INT(guard_check(&g, 12.2, 90000, rate), GUARD_BACKWARDS);
	CHECK_INT(guard_check(&g, 12.3, 369999, rate), GUARD_BACKWARDS);
	CHECK_INT(guard_check(&g, 12.31, 370000, rate), GUARD_REBASED);
	CHECK(g.last == 12.31);
	CHECK_INT(guard_check(&g, 12.5, 380000, rate), GUARD_OK);
	/* Misreads that do not agree with each other never rebase. */
	for (int i = 0; i < 40; i++)
		CHECK(guard_flagged(guard_check(&g, i % 2 ? 1.0 : 0.5, 390000 + 60000u * (unsigned)i, rate)));
	CHECK(g.last == 12.5);
	/* Nor do zeros, however long they last (a booting meter). */
	for (int i = 0; i < 20; i++)
		CHECK_INT(guard_check(&g, 0, 3000000 + 60000u * (unsigned)i, rate), GUARD_ZERO);
	CHECK(g.last == 12.5);
	/* No pace limit: only the direction counts. */
	guard_init(&g);
	guard_check(&g, 1, 0, 0);
	CHECK_INT(guard_check(&g, 1e9, 1, 0), GUARD_OK);
	CHECK_INT(guard_check(&g, 1, 2, 0), GUARD_BACKWARDS);
	CHECK_STR(guard_verdict_name(GUARD_ZERO), "zero");
}

static void
test_backoff(void)
{
	struct backoff b;
	uint32_t       want[] = {500, 1000, 2000, 4000, 8000, 16000, 30000, 30000};

	backoff_init(&b, 500, 30000);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		CHECK_INT(backoff_fail(&b), want[i]);
	CHECK_INT(b.failures, 8);
	backoff_reset(&b);
	CHECK_INT(b.failures, 0);
	CHECK_INT(backoff_fail(&b), 500);
	/* Odd limits: never above max, never overflows. */
	backoff_init(&b, 3000000000u, 4000000000u);
	CHECK_INT(backoff_fail(&b), 3000000000u);
	CHECK_INT(backoff_fail(&b), 4000000000u);
	CHECK_INT(backoff_fail(&b), 4000000000u);
}

int
main(void)
{
	test_guard();
	test_backoff();
	TEST_END();
}
