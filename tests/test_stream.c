/*
 * Stream invariants of every decoder, over every capture in its fixture
 * folder (tests/fixtures/<decoder name>/ and subfolders):
 *  - whole, byte by byte and in random chunks give the same event trace;
 *  - every truncation and a bit flip at every offset finishes without a
 *    crash, a read out of bounds (run under ASan in CI) or a stuck push;
 *  - push always makes progress or leaves an event pending.
 * The trace is a hash of every event and every field of each frame and value.
 * Usage: test_stream [DECODER]; CTest runs one instance per decoder.
 */
#include <stdlib.h>
#include <string.h>

#include "meterd/decoder.h"
#include "fixture_io.h"
#include "unit.h"

struct trace {
	uint64_t hash;
	unsigned frames, readings;
	int      stuck;
};

static void
mix(struct trace *t, const void *p, size_t n)
{
	const uint8_t *b = p;
	while (n--)
		t->hash = (t->hash ^ *b++) * 0x100000001b3ull;
}

static void
mix_str(struct trace *t, const char *s)
{
	if (s != NULL)
		mix(t, s, strlen(s) + 1);
}

static void
record(const struct decoder_ops *ops, void *ctx, enum dec_event ev, struct trace *t)
{
	mix(t, &ev, sizeof(ev));
	if (ev == DEC_FRAME) {
		const struct frame_info *f = ops->frame(ctx);
		t->frames++;
		mix(t, &f->index, sizeof(f->index));
		mix(t, &f->offset, sizeof(f->offset));
		mix(t, &f->length, sizeof(f->length));
		mix(t, &f->status, sizeof(f->status));
		mix_str(t, f->error);
	} else {
		const struct reading *r = ops->reading(ctx);
		t->readings++;
		mix_str(t, r->id);
		mix(t, &r->type, sizeof(r->type));
		mix(t, &r->raw, sizeof(r->raw));
		mix(t, &r->scaler, sizeof(r->scaler));
		mix_str(t, r->unit);
		mix(t, &r->status, sizeof(r->status));
		mix(t, &r->time, sizeof(r->time));
		if (r->type == READING_TEXT && r->text_len)
			mix(t, r->text, r->text_len);
	}
}

static void
drain(const struct decoder_ops *ops, void *ctx, struct trace *t)
{
	enum dec_event ev;
	unsigned guard = 0;

	while ((ev = ops->event(ctx)) != DEC_NONE) {
		if (++guard > 1000000) {
			t->stuck++;
			return;
		}
		record(ops, ctx, ev, t);
	}
}

/* Feeds data in chunks from chunk(): 0 = whole, 1 = bytes, 2 = random. */
static struct trace
run(const struct decoder_ops *ops, const uint8_t *p, size_t n, int mode, unsigned seed)
{
	struct trace t = {0xcbf29ce484222325ull, 0, 0, 0};
	void *ctx = calloc(1, ops->ctx_size);
	size_t pos = 0;

	ops->init(ctx);
	while (pos < n) {
		size_t want = n - pos, used;
		if (mode == 1)
			want = 1;
		else if (mode == 2) {
			seed = seed * 1103515245u + 12345u;
			want = 1 + (seed >> 16) % 97;
			if (want > n - pos)
				want = n - pos;
		}
		/* Feed `want` bytes completely, draining events in between. */
		while (want > 0) {
			used = ops->push(ctx, p + pos, want);
			if (used == 0) {
				enum dec_event ev = ops->event(ctx);
				if (ev == DEC_NONE) {
					t.stuck++; /* no progress and nothing pending */
					free(ctx);
					return t;
				}
				record(ops, ctx, ev, &t);
			}
			pos += used;
			want -= used;
			drain(ops, ctx, &t);
		}
	}
	ops->finish(ctx);
	drain(ops, ctx, &t);
	free(ctx);
	return t;
}

static int files_checked;

static void
check_file(const struct decoder_ops *ops, const char *path)
{
	size_t n, i;
	uint8_t *p = fixture_load(path, &n), *q;
	struct trace whole, t;
	int mode;

	if (p == NULL) {
		fprintf(stderr, "cannot read %s\n", path);
		CHECK(p != NULL);
		return;
	}
	files_checked++;
	whole = run(ops, p, n, 0, 0);
	CHECK_INT(whole.stuck, 0);
	for (mode = 1; mode <= 2; mode++) {
		t = run(ops, p, n, mode, 7u + (unsigned)n);
		if (t.hash != whole.hash || t.frames != whole.frames || t.readings != whole.readings)
			fprintf(stderr, "%s: %s: split mode %d gives %u frames %u values, whole %u/%u\n",
			        ops->name, path, mode, t.frames, t.readings, whole.frames, whole.readings);
		CHECK(t.hash == whole.hash);
	}
	/* Truncation at every offset and one bit flip at every offset. Big files are
	 * sampled so the test stays quick; the fuzzers cover the rest. */
	q = malloc(n ? n : 1);
	{
		size_t step = n > 1024 ? n / 512 : 1;
		for (i = 0; i < n; i += step) {
			t = run(ops, p, i, 0, 0);
			CHECK_INT(t.stuck, 0);
			memcpy(q, p, n);
			q[i] ^= (uint8_t)(1u << (i % 8));
			t = run(ops, q, n, 0, 0);
			CHECK_INT(t.stuck, 0);
		}
	}
	free(q);
	free(p);
}

static void
check_capture(const char *path, void *ops)
{
	check_file(ops, path);
}

int
main(int argc, char **argv)
{
	const char *fx = getenv("FIXTURES");
	const char *only = argc > 1 ? argv[1] : NULL;
	char dir[4096];
	size_t i;

	if (fx == NULL)
		fx = "tests/fixtures";
	if (only != NULL && decoder_find(only) == NULL) {
		fprintf(stderr, "no decoder named %s\n", only);
		return 1;
	}
	for (i = 0; decoder_all[i] != NULL; i++) {
		if (only != NULL && strcmp(only, decoder_all[i]->name) != 0)
			continue;
		int before = files_checked;
		snprintf(dir, sizeof(dir), "%s/%s", fx, decoder_all[i]->name);
		fixture_walk(dir, check_capture, (void *)decoder_all[i]);
		fprintf(stderr, "%s: %d captures\n", decoder_all[i]->name, files_checked - before);
	}
	if (decoder_all[0] == NULL) {
		fprintf(stderr, "no decoders compiled in\n");
		return 77;
	}
	CHECK(files_checked > 0);
	TEST_END();
}
