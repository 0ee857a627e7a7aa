/*
 * Decode throughput of every decoder over its fixture corpus, and heap
 * allocations made while decoding (the core promises none). Prints figures;
 * asserts nothing (performance is measured here, not tested).
 *   bench_decode FIXTURES_DIR [SECONDS_PER_DECODER]
 */
#include <stdlib.h>
#include <string.h>

#include "meterd/decoder.h"
#include "bench_util.h"

static unsigned long
decode_all(const struct decoder_ops *ops, void *ctx, const struct corpus *c)
{
	unsigned long frames = 0;
	int i;

	for (i = 0; i < c->n; i++) {
		const uint8_t *p = c->data[i];
		size_t n = c->len[i];
		enum dec_event ev;

		ops->init(ctx);
		while (n > 0) {
			size_t used = ops->push(ctx, p, n);
			p += used;
			n -= used;
			while ((ev = ops->event(ctx)) != DEC_NONE)
				frames += ev == DEC_FRAME;
		}
		ops->finish(ctx);
		while ((ev = ops->event(ctx)) != DEC_NONE)
			frames += ev == DEC_FRAME;
	}
	return frames;
}

int
main(int argc, char **argv)
{
	const char *fx = argc > 1 ? argv[1] : "tests/fixtures";
	double secs = argc > 2 ? atof(argv[2]) : 1.0;
	size_t i;

	printf("%-8s %9s %7s %9s %10s %12s %10s\n", "decoder", "ctx_bytes", "files", "bytes",
	       "MB/s", "frames/s", "allocs/fr");
	for (i = 0; decoder_all[i] != NULL; i++) {
		const struct decoder_ops *ops = decoder_all[i];
		struct corpus c = {0};
		char dir[4096];
		void *ctx = malloc(ops->ctx_size);
		unsigned long frames = 0, rounds = 0;
		double t0, t;

		snprintf(dir, sizeof(dir), "%s/%s", fx, ops->name);
		fixture_walk(dir, corpus_add, &c);
		if (c.n == 0)
			continue;
		bench_allocs = 0;
		bench_counting = 1;
		t0 = bench_now();
		do {
			frames += decode_all(ops, ctx, &c);
			rounds++;
		} while ((t = bench_now() - t0) < secs);
		bench_counting = 0;
		printf("%-8s %9zu %7d %9zu %10.1f %12.0f %10.3f\n", ops->name, ops->ctx_size, c.n,
		       c.bytes, (double)c.bytes * rounds / t / 1e6, frames / t,
		       frames ? (double)bench_allocs / frames : 0.0);
		free(ctx);
		corpus_free(&c);
	}
	return 0;
}
