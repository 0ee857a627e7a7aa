/*
 * plausible.h - is a new meter reading believable, given the ones before?
 *
 * The reference's rules (camera-reading.md 1.6): previous value with an age
 * limit at startup, ChangeRateThreshold (last-digit jitter keeps the
 * previous value), no negative flow unless allowed, maximum rate (absolute
 * or per minute). On top, a short history fixes two known weaknesses:
 *  - a wheel transition (the integer part changes) is published only when
 *    the next round confirms it, so one misread wheel does not stick;
 *  - a bad value that was accepted once cannot block the meter forever:
 *    when PLAUS_RECOVER_ROUNDS rejected rounds in a row agree with each
 *    other (non-decreasing, each step within the rate limit), the latest of
 *    them becomes the new previous value.
 * A rejected round publishes nothing and says why (the reference's error
 * texts, so users recognise them).
 */
#ifndef METERD_VISION_PLAUSIBLE_H
#define METERD_VISION_PLAUSIBLE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define PLAUS_HISTORY        10
#define PLAUS_RECOVER_ROUNDS 4

struct plaus_cfg {
	int    decimals;           /* of the reading, for the jitter threshold */
	double change_threshold;   /* in units of the last digit [2] */
	bool   allow_negative;
	double max_rate;           /* 0 = off */
	bool   max_rate_per_minute;
	double pre_max_age_s;      /* a stored previous value older than this is ignored at start */
	bool   confirm_transitions;
};

enum plaus_verdict {
	PLAUS_ACCEPT,        /* value is new */
	PLAUS_UNCHANGED,     /* within the jitter threshold: the previous value stands */
	PLAUS_PENDING,       /* a wheel transition, waiting for the next round to confirm */
	PLAUS_RECOVERED,     /* accepted after a run of consistent rejections */
	PLAUS_REJECT_NEGATIVE,
	PLAUS_REJECT_RATE,
};

struct plaus {
	struct plaus_cfg cfg;
	bool   has_pre, pre_from_store;
	double pre;
	time_t pre_time;
	bool   has_candidate;           /* a transition seen once */
	double candidate;
	int    nrej;                    /* consecutive rejected rounds */
	double rej[PLAUS_RECOVER_ROUNDS];
	time_t rej_time[PLAUS_RECOVER_ROUNDS];
	int    nhist;                   /* last raw readings, newest last */
	double hist[PLAUS_HISTORY];
};

struct plaus_result {
	int    verdict;          /* enum plaus_verdict */
	bool   publish;          /* ACCEPT, UNCHANGED, RECOVERED */
	double value;            /* what to publish */
	double rate_per_min;     /* since the previous value (publish only) */
	char   error[160];       /* "no error" or why */
};

void plaus_init(struct plaus *p, const struct plaus_cfg *cfg);
void plaus_cfg_default(struct plaus_cfg *c);
/* A previous value from storage (AI-on-the-edge's prevalue.ini). */
void plaus_set_pre(struct plaus *p, double value, time_t when);
/* Judges one reading taken at now. */
void plaus_check(struct plaus *p, double raw, time_t now, struct plaus_result *r);
const char *plaus_verdict_name(int v);

#endif
