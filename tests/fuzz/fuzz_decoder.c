/*
 * libFuzzer harness for one decoder, chosen at build time by FUZZ_DECODER.
 * The first input byte picks a chunk size, so the fuzzer explores splits as
 * well as contents; every event is drained and every reading touched.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "meterd/decoder.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static volatile uint64_t sink;

static void
drain(const struct decoder_ops *ops, void *ctx)
{
	enum dec_event ev;

	while ((ev = ops->event(ctx)) != DEC_NONE) {
		if (ev == DEC_FRAME) {
			const struct frame_info *f = ops->frame(ctx);
			sink += f->length + f->status;
		} else {
			const struct reading *r = ops->reading(ctx);
			sink += (uint64_t)r->raw + strlen(r->id) + strlen(r->unit);
			if (r->type == READING_TEXT && r->text_len)
				sink += r->text[0] + r->text[r->text_len - 1];
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct decoder_ops *ops;
	static void *ctx;
	size_t chunk, pos = 0;

	if (ops == NULL) {
		ops = decoder_find(FUZZ_DECODER);
		if (ops == NULL)
			abort();
		ctx = malloc(ops->ctx_size);
	}
	if (size == 0)
		return 0;
	chunk = 1 + data[0] % 64;
	data++;
	size--;
	ops->init(ctx);
	while (pos < size) {
		size_t want = size - pos < chunk ? size - pos : chunk;
		while (want > 0) {
			size_t used = ops->push(ctx, data + pos, want);
			if (used == 0 && ops->event(ctx) == DEC_NONE)
				abort(); /* stuck: no progress and no event */
			pos += used;
			want -= used;
			drain(ops, ctx);
		}
		if (ops->idle != NULL && (data[pos - 1] & 0x3f) == 0x3f) {
			ops->idle(ctx);
			drain(ops, ctx);
		}
	}
	ops->finish(ctx);
	drain(ops, ctx);
	return 0;
}
