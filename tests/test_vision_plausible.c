/*
 * Plausibility of successive camera readings on recorded-style sequences:
 * each step lists the reading, its time, and the verdict and published
 * value the rules of camera-reading.md 1.6 (plus meterd's transition
 * confirmation and recovery) call for.
 */
#include <math.h>
#include <string.h>

#include "unit.h"
#include "vision/plausible.h"

struct step {
	int         t;          /* seconds */
	double      raw;
	int         verdict;
	double      published;  /* NAN: nothing */
	const char *error;      /* prefix, or NULL */
};

static void
run(const char *name, struct plaus *p, const struct step *s, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		struct plaus_result r;
		plaus_check(p, s[i].raw, 1700000000 + s[i].t, &r);
		if (r.verdict != s[i].verdict)
			fprintf(stderr, "%s step %d: %s, expected %s (%s)\n", name, i,
			        plaus_verdict_name(r.verdict), plaus_verdict_name(s[i].verdict), r.error);
		CHECK_INT(r.verdict, s[i].verdict);
		if (isnan(s[i].published)) {
			CHECK(!r.publish);
		} else {
			CHECK(r.publish);
			CHECK(fabs(r.value - s[i].published) < 1e-9);
		}
		if (s[i].error)
			CHECK(strncmp(r.error, s[i].error, strlen(s[i].error)) == 0);
	}
}

#define NONE NAN

int
main(void)
{
	struct plaus_cfg c;
	struct plaus p;

	/* the shipped config: decimals 4, MaxRateValue 0.1 absolute, no negatives */
	plaus_cfg_default(&c);
	c.max_rate = 0.1;
	plaus_init(&p, &c);
	{
		const struct step s[] = {
			{0, 453.0124, PLAUS_ACCEPT, 453.0124, "no error"},
			{300, 453.0125, PLAUS_UNCHANGED, 453.0124, NULL},   /* jitter */
			{600, 453.0150, PLAUS_ACCEPT, 453.0150, NULL},
			{900, 453.0140, PLAUS_REJECT_NEGATIVE, NONE,
			 "Neg. Rate - Read: 453.0140 - Raw: 453.0140 - Pre: 453.0150"},
			{1200, 453.5150, PLAUS_REJECT_RATE, NONE, "Rate too high - Read: 453.5150"},
			{1500, 453.0190, PLAUS_ACCEPT, 453.0190, NULL},
			{1800, 453.0990, PLAUS_ACCEPT, 453.0990, NULL},
			{2100, 453.9990, PLAUS_REJECT_RATE, NONE, NULL},
			{2400, 453.0991, PLAUS_UNCHANGED, 453.0990, NULL},
		};
		run("shipped", &p, s, (int)(sizeof(s) / sizeof(s[0])));
	}

	/* a misread wheel (the 452/453 flip of expected.txt) is never published */
	c.max_rate = 0;
	plaus_init(&p, &c);
	{
		const struct step s[] = {
			{0, 452.9990, PLAUS_ACCEPT, 452.9990, NULL},
			{300, 453.9995, PLAUS_PENDING, NONE, NULL},
			{600, 452.9999, PLAUS_ACCEPT, 452.9999, NULL},
			/* a wheel transition: published once a second round agrees */
			{900, 453.0004, PLAUS_PENDING, NONE, "Transition"},
			{1200, 453.0012, PLAUS_ACCEPT, 453.0012, NULL},
		};
		run("misread wheel", &p, s, (int)(sizeof(s) / sizeof(s[0])));
	}

	/* a bad value that got stored: the meter recovers by itself */
	plaus_init(&p, &c);
	plaus_set_pre(&p, 460.0, 1700000000 - 60);
	{
		const struct step s[] = {
			{0, 453.0100, PLAUS_REJECT_NEGATIVE, NONE, "Neg. Rate"},
			{300, 453.0110, PLAUS_REJECT_NEGATIVE, NONE, NULL},
			{600, 453.0120, PLAUS_REJECT_NEGATIVE, NONE, NULL},
			{900, 453.0130, PLAUS_RECOVERED, 453.0130, "recovered"},
			{1200, 453.0140, PLAUS_ACCEPT, 453.0140, NULL},
		};
		run("stuck", &p, s, (int)(sizeof(s) / sizeof(s[0])));
	}
	/* ... but inconsistent rejected readings do not take over */
	plaus_init(&p, &c);
	plaus_set_pre(&p, 460.0, 1700000000 - 60);
	{
		const struct step s[] = {
			{0, 453.0100, PLAUS_REJECT_NEGATIVE, NONE, NULL},
			{300, 451.0110, PLAUS_REJECT_NEGATIVE, NONE, NULL},
			{600, 453.0120, PLAUS_REJECT_NEGATIVE, NONE, NULL},
			{900, 450.0130, PLAUS_REJECT_NEGATIVE, NONE, NULL},
		};
		run("inconsistent", &p, s, (int)(sizeof(s) / sizeof(s[0])));
	}

	/* the stored previous value is used only while young enough */
	c.pre_max_age_s = 3600;
	plaus_init(&p, &c);
	plaus_set_pre(&p, 453.0, 1700000000 - 2 * 3600);
	{
		const struct step s[] = {{0, 400.0, PLAUS_ACCEPT, 400.0, NULL}};
		run("old pre", &p, s, 1);
	}
	plaus_init(&p, &c);
	plaus_set_pre(&p, 453.0, 1700000000 - 1800);
	{
		const struct step s[] = {{0, 400.0, PLAUS_REJECT_NEGATIVE, NONE, NULL}};
		run("young pre", &p, s, 1);
	}

	/* rate per minute, and negative flow when allowed */
	c.max_rate = 0.01;
	c.max_rate_per_minute = true;
	c.allow_negative = true;
	c.confirm_transitions = false;
	plaus_init(&p, &c);
	{
		const struct step s[] = {
			{0, 100.0000, PLAUS_ACCEPT, 100.0, NULL},
			{60, 100.0050, PLAUS_ACCEPT, 100.0050, NULL},
			{120, 100.1000, PLAUS_REJECT_RATE, NONE, "Rate too high"},
			{1320, 100.1000, PLAUS_ACCEPT, 100.1, NULL},   /* 0.095 in 20 min */
			{1380, 100.0990, PLAUS_ACCEPT, 100.0990, NULL},
			{1440, 101.0000, PLAUS_REJECT_RATE, NONE, NULL},
		};
		run("per minute", &p, s, (int)(sizeof(s) / sizeof(s[0])));
	}
	TEST_END();
}
