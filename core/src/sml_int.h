/*
 * sml_int.h - what the SML decoder's two files share: sml.c (framing and
 * checks) and sml_reading.c (the readings of a checked frame, the events).
 * Not for other modules.
 */
#ifndef METERD_SML_INT_H
#define METERD_SML_INT_H

#include <stdbool.h>

#include "meterd/sml.h"

/*
 * Kept out of line: the ends of frames and messages, so the per-byte
 * paths that call them stay small, and a reading's fill, so the event call
 * for a frame or the end does not save the registers the fill needs (when
 * not optimising for size anyway).
 */
#if defined(__GNUC__) && !defined(__OPTIMIZE_SIZE__)
#define RARE __attribute__((noinline))
#else
#define RARE
#endif

/* What sml_dec.out holds: the event the caller takes next. */
enum {
	OUT_NONE,
	OUT_FRAME,    /* DEC_FRAME not yet taken */
	OUT_READINGS, /* readings of the frame being handed out */
};

/*
 * sml.c: the frame's readings are all out; lets its bytes go and, at the
 * end of input, decodes what is left. True when that gave a frame to emit.
 */
bool sml_frame_done(struct sml_dec *d);

#endif
