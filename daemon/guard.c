/*
 * guard.c - the counter guard; see guard.h.
 */
#include <math.h>
#include <string.h>

#include "guard.h"

void
guard_init(struct guard *g)
{
	memset(g, 0, sizeof(*g));
	g->start_confirm = GUARD_START_CONFIRM;
}

void
guard_init_sparse(struct guard *g)
{
	guard_init(g);
	g->start_confirm = 1;
}

bool
guard_publish(enum guard_verdict v)
{
	return v == GUARD_OK || v == GUARD_FIRST || v == GUARD_REBASED;
}

bool
guard_flagged(enum guard_verdict v)
{
	return v == GUARD_BACKWARDS || v == GUARD_ZERO || v == GUARD_JUMP || v == GUARD_NEGATIVE;
}

void
guard_seed(struct guard *g, double v, uint64_t at_ms)
{
	uint8_t start = g->start_confirm;

	guard_init(g);
	g->start_confirm = start;
	if (!isfinite(v) || v < 0)
		return;
	g->have = true;
	g->last = v;
	g->last_ms = at_ms;
}

const char *
guard_verdict_name(enum guard_verdict v)
{
	switch (v) {
	case GUARD_OK:
		return "ok";
	case GUARD_FIRST:
		return "first";
	case GUARD_REBASED:
		return "rebased";
	case GUARD_BACKWARDS:
		return "backwards";
	case GUARD_ZERO:
		return "zero";
	case GUARD_JUMP:
		return "jump";
	case GUARD_PENDING:
		return "pending";
	case GUARD_NEGATIVE:
		return "negative";
	}
	return "?";
}

/* Largest believable growth from a at a_ms to b_ms (at least one second's worth). */
static double
allowance(double max_rate, uint64_t a_ms, uint64_t b_ms)
{
	double dt = b_ms > a_ms ? (double)(b_ms - a_ms) / 1000.0 : 0.0;

	return max_rate * (dt < 1.0 ? 1.0 : dt);
}

enum guard_verdict
guard_check(struct guard *g, double v, uint64_t now_ms, double max_rate)
{
	enum guard_verdict verdict;
	/* Decimal values read through binary doubles differ in the last bits. */
	double eps = fabs(g->last) * 1e-12;

	if (!isfinite(v)) {
		g->flagged++;
		return GUARD_JUMP;
	}
	if (v < 0) {
		g->flagged++;
		return GUARD_NEGATIVE;
	}
	if (!g->have) {
		/* No series yet: readings must agree among themselves first. */
		if (g->cand_n > 0 && v >= g->cand && (v == 0.0) == (g->cand == 0.0) &&
		    (max_rate <= 0 || v - g->cand <= allowance(max_rate, g->cand_ms, now_ms))) {
			if (g->cand_n < UINT8_MAX)
				g->cand_n++;
		} else {
			g->cand_n = 1;
			g->cand_first = now_ms;
		}
		g->cand = v;
		g->cand_ms = now_ms;
		/*
		 * A booting meter sends zeros for a while: a total that really is 0
		 * (a tariff never used, cooling energy in a heat meter) must keep
		 * reading 0 as long as a replaced meter's new series must agree.
		 */
		if (v == 0.0 ? g->cand_n < GUARD_CONFIRM || now_ms - g->cand_first < GUARD_CONFIRM_MS
		             : g->cand_n < g->start_confirm)
			return GUARD_PENDING;
		g->have = true;
		g->last = v;
		g->last_ms = now_ms;
		g->cand_n = 0;
		return GUARD_FIRST;
	}
	if (v + eps < g->last)
		verdict = v == 0.0 ? GUARD_ZERO : GUARD_BACKWARDS;
	else if (max_rate > 0 && v - g->last > allowance(max_rate, g->last_ms, now_ms) + eps)
		verdict = GUARD_JUMP;
	else {
		g->last = v;
		g->last_ms = now_ms;
		g->cand_n = 0;
		return GUARD_OK;
	}
	/* Flagged: does it continue a candidate series? */
	if (v == 0.0)
		g->cand_n = 0;
	else if (g->cand_n > 0 && v >= g->cand &&
	         (max_rate <= 0 || v - g->cand <= allowance(max_rate, g->cand_ms, now_ms))) {
		if (g->cand_n < UINT8_MAX)
			g->cand_n++;
	} else {
		g->cand_n = 1;
		g->cand_first = now_ms;
	}
	g->cand = v;
	g->cand_ms = now_ms;
	if (g->cand_n >= GUARD_CONFIRM && now_ms - g->cand_first >= GUARD_CONFIRM_MS) {
		g->last = v;
		g->last_ms = now_ms;
		g->cand_n = 0;
		return GUARD_REBASED;
	}
	g->flagged++;
	return verdict;
}

double
guard_rate_for_unit(const char *u)
{
	static const struct {
		const char *unit;
		double      per_s;
	} units[] = {
		{"wh", 200000.0 / 3600},   {"kwh", 200.0 / 3600},    {"mwh", 0.2 / 3600},
		{"varh", 200000.0 / 3600}, {"kvarh", 200.0 / 3600},  {"gj", 0.72 / 3600},
		{"mj", 720.0 / 3600},      {"m3", 40.0 / 3600},      {"m\xc2\xb3", 40.0 / 3600},
		{"l", 40000.0 / 3600},
	};
	char   norm[16];
	size_t n = 0;

	if (u == NULL)
		return 0;
	/* Spelling is not meaning: "KWH", "kwh" and "kWh" are one unit, "m^3" is "m3". */
	for (; *u != '\0'; u++) {
		if (*u == ' ' || *u == '^' || *u == '*')
			continue;
		if (n + 1 == sizeof(norm))
			return 0;
		norm[n++] = (char)(*u >= 'A' && *u <= 'Z' ? *u - 'A' + 'a' : *u);
	}
	norm[n] = '\0';
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strcmp(norm, units[i].unit) == 0)
			return units[i].per_s;
	return 0;
}
