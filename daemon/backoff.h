/*
 * backoff.h - exponential backoff for reopening ports and reconnecting.
 *
 * An unplugged USB adapter or an unreachable TCP serial server is retried
 * after min_ms, then twice as long each time up to max_ms, and from min_ms
 * again once it worked for a while (the caller decides how long: bus.c
 * waits until a port stayed open BUS_STABLE_MS before backoff_reset). Deterministic (no jitter): each port is one
 * process's own device, so there is no crowd of clients to spread out, and
 * tests can predict every delay.
 */
#ifndef METERD_BACKOFF_H
#define METERD_BACKOFF_H

#include <stdint.h>

struct backoff {
	uint32_t min_ms, max_ms;
	uint32_t next_ms;  /* the delay the next failure gets */
	uint32_t failures; /* consecutive, since the last success */
};

void backoff_init(struct backoff *b, uint32_t min_ms, uint32_t max_ms);

/* A failure: returns how long to wait before the next attempt. */
uint32_t backoff_fail(struct backoff *b);

/* A success: the next failure waits min_ms again. */
void backoff_reset(struct backoff *b);

#endif
