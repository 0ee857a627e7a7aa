/*
 * decoder.h - the shape every streaming decoder in the core shares.
 *
 * Each protocol module (sml, d0, dsmr, mbrtu, kmp, mbus) has a context the
 * caller allocates and four verbs, in the manner of BearSSL's engines:
 *
 *   xxx_dec_init(ctx)               reset, forget everything
 *   n = xxx_dec_push(ctx, buf, len) consume up to len bytes; stops early
 *                                   (n < len) once an event is pending
 *   ev = xxx_dec_event(ctx)         return the pending event and clear it;
 *                                   after DEC_FRAME with status ok, further
 *                                   calls return DEC_READING once per value
 *   xxx_dec_reading(ctx)            the value of the last DEC_READING
 *   xxx_dec_frame(ctx)              the frame of the last DEC_FRAME
 *   xxx_dec_finish(ctx)             end of input: a partial frame becomes a
 *                                   DEC_FRAME with status FRAME_TRUNCATED
 *
 * A caller's loop:
 *
 *   while (len > 0) {
 *           size_t n = xxx_dec_push(&d, p, len);
 *           p += n, len -= n;
 *           while ((ev = xxx_dec_event(&d)) != DEC_NONE)
 *                   handle(ev);
 *   }
 *
 * Invariants every decoder keeps (and tests/test_stream.c checks for all):
 * the events do not depend on how the input is split; no input, however
 * hostile, makes it read out of bounds, loop without consuming, or allocate;
 * after a bad frame it resynchronises on the next start of a frame.
 * A frame's values come only after the frame is known to be whole and its
 * checksum right (unless configured "lenient_crc", see below), so a consumer
 * never publishes a value from a bad frame.
 */
#ifndef METERD_DECODER_H
#define METERD_DECODER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "meterd/reading.h"

enum dec_event {
	DEC_NONE = 0,
	DEC_FRAME,   /* a frame ended: see xxx_dec_frame() */
	DEC_READING, /* one value of the last ok frame: see xxx_dec_reading() */
};

enum frame_status {
	FRAME_OK,
	FRAME_CRC_ERROR,
	FRAME_TRUNCATED,
	FRAME_INVALID,
};

struct frame_info {
	uint32_t          index;  /* 0, 1, 2 ... in stream order */
	uint64_t          offset; /* of the frame's first byte in the stream */
	uint32_t          length; /* bytes from first to last, framing included */
	enum frame_status status;
	const char       *error;  /* static reason when status != FRAME_OK */
	const void       *detail; /* protocol-specific extras (see the module's header) or NULL */
};

const char *frame_status_name(enum frame_status s);

/*
 * The same verbs behind function pointers, so generic code (meterd decode,
 * the split-invariance test, the fuzzers, the daemon) treats every protocol
 * alike. ctx must be ctx_size bytes, aligned for any type.
 */
struct decoder_ops {
	const char *name;      /* "sml", "d0", ... as in `meterd decode --protocol` */
	size_t      ctx_size;
	void (*init)(void *ctx);
	size_t (*push)(void *ctx, const uint8_t *p, size_t n);
	enum dec_event (*event)(void *ctx);
	const struct frame_info *(*frame)(const void *ctx);
	const struct reading *(*reading)(const void *ctx);
	void (*finish)(void *ctx);
	/*
	 * The line has been silent for longer than the protocol's inter-frame
	 * gap (Modbus RTU's 3.5 characters). Optional: NULL for protocols whose
	 * frames delimit themselves. `meterd decode --hex` calls it at each line
	 * break, so one frame per line stands for bytes separated by silence.
	 */
	void (*idle)(void *ctx);
	/*
	 * Sets a per-meter option by name after init, e.g. "lenient_crc" = "1"
	 * or "kermit" = "1". Returns 0, or -1 for a key or value this decoder
	 * does not know. May be NULL when a decoder has no options. Options
	 * survive nothing: init() resets them, so set them after each init.
	 * The one key every checksummed decoder understands is "lenient_crc":
	 * "1" still emits the values of a frame whose checksum is wrong, right
	 * after its DEC_FRAME with status FRAME_CRC_ERROR (meterd decode does this
	 * unless --strict, to inspect spec examples with placeholder CRCs); the
	 * daemon never sets it.
	 */
	int (*configure)(void *ctx, const char *key, const char *value);
	/* Confidence 0..100 that these first bytes are this protocol (for --protocol auto). */
	int (*detect)(const uint8_t *p, size_t n);
};

/*
 * DECODER_OPS_DEFINE(proto, p, ctx_type, detect_fn) defines
 * `const struct decoder_ops proto##_decoder_ops` for a module whose typed
 * functions are p##_init, p##_push, p##_event, p##_frame, p##_reading,
 * p##_finish and p##_configure (e.g. proto sml, p sml_dec). The _IDLE form
 * also wires p##_idle. One definition of the adapters for every module,
 * instead of seven hand-written forwarding functions each.
 */
#define DECODER_OPS_ADAPTERS_(proto, p, T)                                             \
	static void proto##_ops_init(void *c) { p##_init((T *)c); }                       \
	static size_t proto##_ops_push(void *c, const uint8_t *b, size_t n)               \
	{                                                                                  \
		return p##_push((T *)c, b, n);                                             \
	}                                                                                  \
	static enum dec_event proto##_ops_event(void *c) { return p##_event((T *)c); }    \
	static const struct frame_info *proto##_ops_frame(const void *c)                  \
	{                                                                                  \
		return p##_frame((const T *)c);                                            \
	}                                                                                  \
	static const struct reading *proto##_ops_reading(const void *c)                   \
	{                                                                                  \
		return p##_reading((const T *)c);                                          \
	}                                                                                  \
	static void proto##_ops_finish(void *c) { p##_finish((T *)c); }                   \
	static int proto##_ops_configure(void *c, const char *k, const char *v)           \
	{                                                                                  \
		return p##_configure((T *)c, k, v);                                        \
	}

#define DECODER_OPS_TABLE_(proto, T, idle_fn, detect_fn)                               \
	const struct decoder_ops proto##_decoder_ops = {                                   \
		.name = #proto,                                                            \
		.ctx_size = sizeof(T),                                                     \
		.init = proto##_ops_init,                                                  \
		.push = proto##_ops_push,                                                  \
		.event = proto##_ops_event,                                                \
		.frame = proto##_ops_frame,                                                \
		.reading = proto##_ops_reading,                                            \
		.finish = proto##_ops_finish,                                              \
		.idle = idle_fn,                                                           \
		.configure = proto##_ops_configure,                                        \
		.detect = detect_fn,                                                       \
	}

#define DECODER_OPS_DEFINE(proto, p, T, detect_fn)                                     \
	DECODER_OPS_ADAPTERS_(proto, p, T)                                                 \
	DECODER_OPS_TABLE_(proto, T, NULL, detect_fn)

#define DECODER_OPS_DEFINE_IDLE(proto, p, T, detect_fn)                                \
	DECODER_OPS_ADAPTERS_(proto, p, T)                                                 \
	static void proto##_ops_idle(void *c) { p##_idle((T *)c); }                       \
	DECODER_OPS_TABLE_(proto, T, proto##_ops_idle, detect_fn)

/* NULL-terminated list of every decoder compiled in. */
extern const struct decoder_ops *const decoder_all[];
const struct decoder_ops *decoder_find(const char *name);

#endif
