/*
 * The decode-only cost of one decoder over its fixture corpus, for
 * bench/callgrind.sh: decodes every file once (whole buffer pushes, as a
 * reader with a full buffer does) with callgrind collecting only around the
 * decoding, and prints the corpus figures the script divides by: files,
 * bytes, frames, values, heap allocations. Outside valgrind it also times
 * repeated decoding and prints frames/s.
 *   bench_callgrind FIXTURES_DIR DECODER
 */
#include <stdio.h>
#include <string.h>

#include <valgrind/callgrind.h>

#include "meterd/decoder.h"
#include "bench_util.h"

struct counts {
	unsigned long frames, values;
};

static void
decode_corpus(const struct decoder_ops *ops, void *ctx, const struct corpus *c,
              struct counts *k)
{
	for (int i = 0; i < c->n; i++) {
		const uint8_t *p = c->data[i];
		size_t n = c->len[i];
		enum dec_event ev;

		ops->init(ctx);
		while (n > 0) {
			size_t used = ops->push(ctx, p, n);
			p += used;
			n -= used;
			while ((ev = ops->event(ctx)) != DEC_NONE) {
				k->frames += ev == DEC_FRAME;
				k->values += ev == DEC_READING;
			}
		}
		ops->finish(ctx);
		while ((ev = ops->event(ctx)) != DEC_NONE) {
			k->frames += ev == DEC_FRAME;
			k->values += ev == DEC_READING;
		}
	}
}

int
main(int argc, char **argv)
{
	const struct decoder_ops *ops = NULL;
	struct corpus c = {0};
	struct counts k = {0, 0};
	char dir[4096];
	void *ctx;

	if (argc != 3) {
		fprintf(stderr, "usage: bench_callgrind FIXTURES_DIR DECODER\n");
		return 2;
	}
	for (size_t i = 0; decoder_all[i] != NULL; i++)
		if (strcmp(decoder_all[i]->name, argv[2]) == 0)
			ops = decoder_all[i];
	if (ops == NULL) {
		fprintf(stderr, "bench_callgrind: no decoder %s\n", argv[2]);
		return 2;
	}
	snprintf(dir, sizeof(dir), "%s/%s", argv[1], ops->name);
	fixture_walk(dir, corpus_add, &c);
	if ((ctx = malloc(ops->ctx_size)) == NULL || c.n == 0) {
		fprintf(stderr, "bench_callgrind: no corpus in %s\n", dir);
		return 1;
	}
	bench_allocs = 0;
	bench_counting = 1;
	CALLGRIND_TOGGLE_COLLECT;
	decode_corpus(ops, ctx, &c, &k);
	CALLGRIND_TOGGLE_COLLECT;
	bench_counting = 0;
	printf("decoder=%s ctx_bytes=%zu files=%d bytes=%zu frames=%lu values=%lu allocs=%lu\n",
	       ops->name, ops->ctx_size, c.n, c.bytes, k.frames, k.values, bench_allocs);
	if (!RUNNING_ON_VALGRIND) {
		struct counts t = {0, 0};
		double t0 = bench_now(), dt;
		do
			decode_corpus(ops, ctx, &c, &t);
		while ((dt = bench_now() - t0) < 0.5);
		printf("frames_per_s=%.0f MB_per_s=%.1f\n", (double)t.frames / dt,
		       (double)c.bytes * ((double)t.frames / (double)k.frames) / dt / 1e6);
	}
	free(ctx);
	corpus_free(&c);
	return 0;
}
