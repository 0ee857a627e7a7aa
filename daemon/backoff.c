/*
 * backoff.c - see backoff.h.
 */
#include "backoff.h"

void
backoff_init(struct backoff *b, uint32_t min_ms, uint32_t max_ms)
{
	b->min_ms = min_ms;
	b->max_ms = max_ms < min_ms ? min_ms : max_ms;
	b->next_ms = min_ms;
	b->failures = 0;
}

uint32_t
backoff_fail(struct backoff *b)
{
	uint32_t d = b->next_ms;

	b->failures++;
	b->next_ms = d > b->max_ms / 2 ? b->max_ms : d * 2;
	return d;
}

void
backoff_reset(struct backoff *b)
{
	b->next_ms = b->min_ms;
	b->failures = 0;
}
