/*
 * guard.h - the counter guard: totals only go forward, at a believable pace.
 *
 * An energy or volume total (kWh, m3 ...) read from a meter must never go
 * backwards and cannot grow faster than the installation can consume. A
 * value that does either is almost always a misread (a partial telegram that
 * passed a weak check, a Tasmota pattern matching the wrong bytes, a meter
 * that reports 0 while it boots), and publishing it would put a spike or a
 * cliff into every chart and bill that is computed from it. So such a value
 * is *flagged*: counted, logged by the caller, and not published; the last
 * good total stays. It is never replaced by 0.
 *
 * A series must be established before anything is published: after a
 * start or a reload the first reading is held back (GUARD_PENDING) until
 * GUARD_START_CONFIRM readings agree with each other (none below the one
 * before, within the pace limit, none zero), or it is checked against the
 * last total stored before the restart (guard_seed(), from the history).
 * So a 0 from a booting meter, a misread spike or a negative total can
 * never be the first value a chart or a bill sees. A total that really is
 * 0 (an unused tariff) is published once it has read 0 as long as a new
 * series must agree (GUARD_CONFIRM readings over GUARD_CONFIRM_MS).
 *
 * A meter that really was replaced or reset starts a new series: when
 * at least GUARD_CONFIRM consecutive flagged readings agree with each other
 * over at least GUARD_CONFIRM_MS, the new series is accepted (GUARD_REBASED).
 * Misreads are sporadic; a new meter keeps reading its new series. A 0
 * never starts a series: a booting meter may send zeros for a while, and
 * a negative total is never published at all.
 *
 * Pure: time is an argument, no I/O.
 */
#ifndef METERD_GUARD_H
#define METERD_GUARD_H

#include <stdbool.h>
#include <stdint.h>

#define GUARD_CONFIRM       3
#define GUARD_CONFIRM_MS    300000u /* 5 minutes */
#define GUARD_START_CONFIRM 2

enum guard_verdict {
	GUARD_OK,        /* publish */
	GUARD_FIRST,     /* the first series is established by agreeing readings: publish */
	GUARD_REBASED,   /* a new series confirmed: publish, the old one is over */
	GUARD_PENDING,   /* no series yet, waiting for an agreeing reading: do not publish */
	GUARD_BACKWARDS, /* lower than the last good total: do not publish */
	GUARD_ZERO,      /* 0 after a non-zero total, or as a first reading: do not publish */
	GUARD_JUMP,      /* grew faster than max_rate allows: do not publish */
	GUARD_NEGATIVE,  /* a total below zero: never published */
};

struct guard {
	uint8_t  start_confirm; /* readings that must agree to start a series (guard_init: 2) */
	bool     have;       /* last is valid */
	double   last;       /* last published total */
	uint64_t last_ms;
	double   cand;       /* candidate new series (flagged readings agreeing) */
	uint64_t cand_ms;    /* time of the last candidate reading */
	uint64_t cand_first; /* time of the first one */
	uint8_t  cand_n;
	uint32_t flagged;    /* readings not published, ever */
};

void guard_init(struct guard *g);

/*
 * As guard_init, for a source whose frames are few and checked end to end
 * (wireless M-Bus telegrams every few minutes, camera rounds): a series
 * starts at the first plausible reading (positive; a 0 still needs five
 * minutes), the other rules stay.
 */
void guard_init_sparse(struct guard *g);

/*
 * Judges total v read at now_ms. max_rate is the largest believable growth
 * per second in v's unit (0: no pace limit, only the direction is checked).
 * Updates g; returns what to do with v.
 */
enum guard_verdict guard_check(struct guard *g, double v, uint64_t now_ms, double max_rate);

/*
 * Starts the series from a total stored before a restart: v was good at
 * at_ms (on the same clock as guard_check's now_ms).
 */
void guard_seed(struct guard *g, double v, uint64_t at_ms);

/* True for the verdicts whose value is published (OK, FIRST, REBASED). */
bool guard_publish(enum guard_verdict v);

/* True for the verdicts that count as a suspicious reading (not PENDING). */
bool guard_flagged(enum guard_verdict v);

const char *guard_verdict_name(enum guard_verdict v);

/*
 * The pace limit for a total in unit (as a meter or script writes it, in
 * any case and spelling: "kWh", "KWH", "kwh", "Wh", "MWh", "GJ", "m3",
 * "m³", "m^3", "l"), sized for a large home (about 200 kW, 40 m3/h); 0 when
 * unit is not a total's unit or has no scale (a total recognised by its
 * OBIS or M-Bus identity without a unit is then guarded by direction only).
 */
double guard_rate_for_unit(const char *unit);

#endif
