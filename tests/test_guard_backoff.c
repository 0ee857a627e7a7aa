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
	/* Spelling is not meaning. */
	CHECK(guard_rate_for_unit("KWH") == rate && guard_rate_for_unit("kwh") == rate &&
	      guard_rate_for_unit("KWh") == rate);
	CHECK(guard_rate_for_unit("m^3") == guard_rate_for_unit("m3") && guard_rate_for_unit("m3") > 0);
	CHECK(guard_rate_for_unit("Wh") > 999 * rate && guard_rate_for_unit("Wh") < 1001 * rate);
	guard_init(&g);
	/* No series yet: the first reading waits for a second one that agrees. */
	CHECK_INT(guard_check(&g, 5430.156, 0, rate), GUARD_PENDING);
	CHECK(!g.have);
	CHECK_INT(guard_check(&g, 5430.157, 5000, rate), GUARD_FIRST);
	CHECK(g.have && g.last == 5430.157);
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
	/* A negative total is never published, whatever came before. */
	CHECK_INT(guard_check(&g, -12.6, 4500000, rate), GUARD_NEGATIVE);
	CHECK(guard_flagged(GUARD_NEGATIVE) && !guard_publish(GUARD_NEGATIVE));
	CHECK(!guard_flagged(GUARD_PENDING) && !guard_publish(GUARD_PENDING));
	/* No pace limit: only the direction counts. */
	guard_init(&g);
	CHECK_INT(guard_check(&g, 1, 0, 0), GUARD_PENDING);
	CHECK_INT(guard_check(&g, 1, 1, 0), GUARD_FIRST);
	CHECK_INT(guard_check(&g, 1e9, 1, 0), GUARD_OK);
	CHECK_INT(guard_check(&g, 1, 2, 0), GUARD_BACKWARDS);
	CHECK_STR(guard_verdict_name(GUARD_ZERO), "zero");
}

/* What can be the first value after a start: never a 0, a spike or a negative total. */
static void
test_guard_start(void)
{
	struct guard g;
	double       rate = guard_rate_for_unit("kWh");
	uint64_t     t = 0;

	/* A booting meter's zeros, then its true total: the zeros never publish. */
	guard_init(&g);
	CHECK_INT(guard_check(&g, 0, t, rate), GUARD_PENDING);
	CHECK_INT(guard_check(&g, 0, t += 10000, rate), GUARD_PENDING);
	CHECK_INT(guard_check(&g, 52185.78, t += 10000, rate), GUARD_PENDING);
	CHECK_INT(guard_check(&g, 52185.79, t += 10000, rate), GUARD_FIRST);
	CHECK(g.last == 52185.79);
	/* A misread spike first: the true total that follows does not agree with it. */
	guard_init(&g);
	CHECK_INT(guard_check(&g, 952185.78, t += 10000, rate), GUARD_PENDING);
	CHECK_INT(guard_check(&g, 52185.80, t += 10000, rate), GUARD_PENDING);
	CHECK_INT(guard_check(&g, 52185.81, t += 10000, rate), GUARD_FIRST);
	CHECK(g.last == 52185.81);
	/* A negative first reading is no candidate either. */
	guard_init(&g);
	CHECK_INT(guard_check(&g, -5, t += 10000, rate), GUARD_NEGATIVE);
	CHECK_INT(guard_check(&g, 7, t += 10000, rate), GUARD_PENDING);
	CHECK_INT(guard_check(&g, 7, t += 10000, rate), GUARD_FIRST);
	/* Two readings that jump apart faster than the pace limit do not agree. */
	guard_init(&g);
	CHECK_INT(guard_check(&g, 100, t += 10000, rate), GUARD_PENDING);
	CHECK_INT(guard_check(&g, 110, t += 10000, rate), GUARD_PENDING);
	CHECK_INT(guard_check(&g, 110.1, t += 10000, rate), GUARD_FIRST);
	/* A total that really is 0 (an unused tariff) publishes after 3 readings over 5 minutes. */
	guard_init(&g);
	t = 1000000;
	CHECK_INT(guard_check(&g, 0, t, rate), GUARD_PENDING);
	CHECK_INT(guard_check(&g, 0, t + 100000, rate), GUARD_PENDING);
	CHECK_INT(guard_check(&g, 0, t + 299999, rate), GUARD_PENDING);
	CHECK_INT(guard_check(&g, 0, t + 300000, rate), GUARD_FIRST);
	CHECK_INT(guard_check(&g, 0.5, t + 310000, rate), GUARD_OK);
	/* Seeded from the total stored before a restart: checked against it at once. */
	guard_init(&g);
	guard_seed(&g, 52185.78, 0);
	CHECK_INT(guard_check(&g, 0, 10000, rate), GUARD_ZERO);
	CHECK_INT(guard_check(&g, 52185.70, 20000, rate), GUARD_BACKWARDS);
	CHECK_INT(guard_check(&g, 62185.70, 30000, rate), GUARD_JUMP);
	CHECK_INT(guard_check(&g, 52185.79, 40000, rate), GUARD_OK);
	guard_seed(&g, -1, 0);
	CHECK(!g.have);
}

/*
 * The count and the time each hold by themselves: "three agreeing readings
 * over at least five minutes" is not two readings five minutes apart, nor
 * three readings within a minute.
 */
static void
test_guard_counts(void)
{
	struct guard g;
	double       rate = guard_rate_for_unit("kWh");

	/* A replaced meter: two agreeing readings five minutes apart are not enough. */
	guard_init(&g);
	guard_seed(&g, 5000.0, 0);
	CHECK_INT(guard_check(&g, 12.0, 10000, rate), GUARD_BACKWARDS);
	CHECK_INT(guard_check(&g, 12.1, 310000, rate), GUARD_BACKWARDS);
	CHECK_INT(guard_check(&g, 12.2, 320000, rate), GUARD_REBASED);
	/* Three within a minute are not enough either. */
	guard_init(&g);
	guard_seed(&g, 5000.0, 0);
	CHECK_INT(guard_check(&g, 12.0, 10000, rate), GUARD_BACKWARDS);
	CHECK_INT(guard_check(&g, 12.1, 20000, rate), GUARD_BACKWARDS);
	CHECK_INT(guard_check(&g, 12.2, 30000, rate), GUARD_BACKWARDS);
	CHECK_INT(guard_check(&g, 12.3, 309999, rate), GUARD_BACKWARDS);
	CHECK_INT(guard_check(&g, 12.31, 310000, rate), GUARD_REBASED);
	/* A first series of zeros: two five minutes apart wait for a third. */
	guard_init(&g);
	CHECK_INT(guard_check(&g, 0, 0, rate), GUARD_PENDING);
	CHECK_INT(guard_check(&g, 0, 300000, rate), GUARD_PENDING);
	CHECK_INT(guard_check(&g, 0, 310000, rate), GUARD_FIRST);
	/* A first non-zero series: the second agreeing reading, at once. */
	guard_init(&g);
	CHECK_INT(guard_check(&g, 7.0, 0, rate), GUARD_PENDING);
	CHECK_INT(guard_check(&g, 7.0, 1, rate), GUARD_FIRST);
	/* Zeros after a good total never start a series, however many and long. */
	for (int i = 0; i < 10; i++)
		CHECK_INT(guard_check(&g, 0, 400000 + 100000u * (unsigned)i, rate), GUARD_ZERO);
	CHECK(g.last == 7.0);
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
	test_guard_start();
	test_guard_counts();
	test_backoff();
	TEST_END();
}
