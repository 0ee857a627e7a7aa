/*
 * bench_util.h - what the bench programs share: a counting allocator (the
 * core promises no heap while decoding; libsml's cost is mostly malloc) and
 * a fixture corpus loaded into memory. Bench-only, one translation unit per
 * program.
 */
#ifndef METERD_BENCH_UTIL_H
#define METERD_BENCH_UTIL_H

#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include "fixture_io.h"

/* Counting allocator: glibc exports its own under __libc_*. */
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);
static int bench_counting;
static unsigned long bench_allocs;

void *malloc(size_t n);
void *calloc(size_t a, size_t b);
void *realloc(void *p, size_t n);
void free(void *p);

void *
malloc(size_t n)
{
	bench_allocs += (unsigned long)bench_counting;
	return __libc_malloc(n);
}

void *
calloc(size_t a, size_t b)
{
	bench_allocs += (unsigned long)bench_counting;
	return __libc_calloc(a, b);
}

void *
realloc(void *p, size_t n)
{
	bench_allocs += (unsigned long)bench_counting;
	return __libc_realloc(p, n);
}

void
free(void *p)
{
	__libc_free(p);
}

#define BENCH_FILES_MAX 512

struct corpus {
	uint8_t *data[BENCH_FILES_MAX];
	size_t   len[BENCH_FILES_MAX];
	int      n;
	size_t   bytes;
};

static void
corpus_add(const char *path, void *arg)
{
	struct corpus *c = arg;
	size_t n;
	uint8_t *p;

	if (c->n == BENCH_FILES_MAX || (p = fixture_load(path, &n)) == NULL)
		return;
	c->data[c->n] = p;
	c->len[c->n++] = n;
	c->bytes += n;
}

static void
corpus_free(struct corpus *c)
{
	while (c->n > 0)
		free(c->data[--c->n]);
	c->bytes = 0;
}

static double
bench_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

#endif
