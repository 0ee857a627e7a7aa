/*
 * plausible.c - plausibility of successive readings (plausible.h).
 */
#include "plausible.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void
plaus_cfg_default(struct plaus_cfg *c)
{
	memset(c, 0, sizeof(*c));
	c->decimals = 4;
	c->change_threshold = 2;
	c->pre_max_age_s = 720 * 60;
	c->confirm_transitions = true;
}

void
plaus_init(struct plaus *p, const struct plaus_cfg *cfg)
{
	memset(p, 0, sizeof(*p));
	p->cfg = *cfg;
}

void
plaus_set_pre(struct plaus *p, double value, time_t when)
{
	p->has_pre = true;
	p->pre_from_store = true;
	p->pre = value;
	p->pre_time = when;
}

const char *
plaus_verdict_name(int v)
{
	switch (v) {
	case PLAUS_ACCEPT: return "accepted";
	case PLAUS_UNCHANGED: return "unchanged";
	case PLAUS_PENDING: return "pending";
	case PLAUS_RECOVERED: return "recovered";
	case PLAUS_REJECT_NEGATIVE: return "negative";
	default: return "rate";
	}
}

static double
minutes(time_t a, time_t b)
{
	double m = difftime(b, a) / 60.0;

	return m > 1.0 / 60 ? m : 1.0 / 60;   /* same second: count one */
}

/* The rate check between two readings: 0 ok, else the rate that failed. */
static bool
rate_ok(const struct plaus_cfg *c, double from, time_t t0, double to, time_t t1, double *rate)
{
	double d = to - from;

	*rate = c->max_rate_per_minute ? d / minutes(t0, t1) : d;
	return c->max_rate <= 0 || fabs(*rate) <= c->max_rate;
}

static void
remember(struct plaus *p, double raw)
{
	if (p->nhist == PLAUS_HISTORY) {
		memmove(p->hist, p->hist + 1, sizeof(p->hist[0]) * (PLAUS_HISTORY - 1));
		p->nhist--;
	}
	p->hist[p->nhist++] = raw;
}

static void
take(struct plaus *p, double v, time_t now, struct plaus_result *r, int verdict)
{
	r->rate_per_min = p->has_pre ? (v - p->pre) / minutes(p->pre_time, now) : 0;
	r->verdict = verdict;
	r->publish = true;
	r->value = v;
	p->has_pre = true;
	p->pre_from_store = false;
	p->pre = v;
	p->pre_time = now;
	p->nrej = 0;
	p->has_candidate = false;
}

/* A run of rejected rounds that agree with each other outweighs a previous
 * value that disagrees with all of them. */
static bool
recovers(struct plaus *p, double raw, time_t now)
{
	double jitter = p->cfg.change_threshold * pow(10, -p->cfg.decimals), rate;
	int i;

	if (p->nrej == PLAUS_RECOVER_ROUNDS) {
		memmove(p->rej, p->rej + 1, sizeof(p->rej[0]) * (PLAUS_RECOVER_ROUNDS - 1));
		memmove(p->rej_time, p->rej_time + 1, sizeof(p->rej_time[0]) * (PLAUS_RECOVER_ROUNDS - 1));
		p->nrej--;
	}
	p->rej[p->nrej] = raw;
	p->rej_time[p->nrej] = now;
	p->nrej++;
	if (p->nrej < PLAUS_RECOVER_ROUNDS)
		return false;
	for (i = 1; i < p->nrej; i++) {
		if (!p->cfg.allow_negative && p->rej[i] < p->rej[i - 1] - jitter)
			return false;
		if (!rate_ok(&p->cfg, p->rej[i - 1], p->rej_time[i - 1], p->rej[i], p->rej_time[i], &rate))
			return false;
	}
	return true;
}

void
plaus_check(struct plaus *p, double raw, time_t now, struct plaus_result *r)
{
	double jitter = p->cfg.change_threshold * pow(10, -p->cfg.decimals), rate;
	int dec = p->cfg.decimals;

	memset(r, 0, sizeof(*r));
	snprintf(r->error, sizeof(r->error), "no error");
	remember(p, raw);
	if (p->has_pre && p->pre_from_store && p->cfg.pre_max_age_s > 0 &&
	    difftime(now, p->pre_time) > p->cfg.pre_max_age_s)
		p->has_pre = false;   /* too old to judge by (PreValueAgeStartup) */
	if (!p->has_pre) {
		take(p, raw, now, r, PLAUS_ACCEPT);
		return;
	}
	if (fabs(raw - p->pre) <= jitter + 1e-12) {
		r->verdict = PLAUS_UNCHANGED;
		r->publish = true;
		r->value = p->pre;
		p->nrej = 0;
		p->has_candidate = false;
		return;
	}
	if (raw < p->pre && !p->cfg.allow_negative) {
		if (recovers(p, raw, now)) {
			take(p, raw, now, r, PLAUS_RECOVERED);
			snprintf(r->error, sizeof(r->error), "recovered: %d rounds agree on %.*f", PLAUS_RECOVER_ROUNDS, dec, raw);
			return;
		}
		r->verdict = PLAUS_REJECT_NEGATIVE;
		snprintf(r->error, sizeof(r->error), "Neg. Rate - Read: %.*f - Raw: %.*f - Pre: %.*f",
		         dec, raw, dec, raw, dec, p->pre);
		p->has_candidate = false;
		return;
	}
	if (!rate_ok(&p->cfg, p->pre, p->pre_time, raw, now, &rate)) {
		if (recovers(p, raw, now)) {
			take(p, raw, now, r, PLAUS_RECOVERED);
			snprintf(r->error, sizeof(r->error), "recovered: %d rounds agree on %.*f", PLAUS_RECOVER_ROUNDS, dec, raw);
			return;
		}
		r->verdict = PLAUS_REJECT_RATE;
		snprintf(r->error, sizeof(r->error), "Rate too high - Read: %.*f - Pre: %.*f - Rate: %.*f",
		         dec, raw, dec, p->pre, dec, rate);
		p->has_candidate = false;
		return;
	}
	/* a wheel moved: believe it when a second round agrees */
	if (p->cfg.confirm_transitions && floor(raw + 1e-9) != floor(p->pre + 1e-9)) {
		bool confirms = p->has_candidate && floor(raw + 1e-9) == floor(p->candidate + 1e-9) &&
		                raw >= p->candidate - jitter;
		if (!confirms) {
			p->has_candidate = true;
			p->candidate = raw;
			p->nrej = 0;
			r->verdict = PLAUS_PENDING;
			snprintf(r->error, sizeof(r->error),
			         "Transition - Read: %.*f - Pre: %.*f - waiting for the next round", dec,
			         raw, dec, p->pre);
			return;
		}
	}
	take(p, raw, now, r, PLAUS_ACCEPT);
}
