/*
 * reading.h - from model outputs to a meter reading.
 *
 * vmodel wraps a loaded .tflite with what AI-on-the-edge infers from its
 * shape: the kind of model (from the output length and input size) and how
 * an output vector becomes a ROI value and a confidence.
 *
 * reading_assemble applies the reference's rules (camera-reading.md 1.5) to
 * the per-ROI values of one number sequence and builds the raw string, with
 * 'N' where a wheel is between two digits.
 */
#ifndef METERD_VISION_READING_H
#define METERD_VISION_READING_H

#include <stdbool.h>
#include <stddef.h>

#include "image.h"
#include "tflite.h"

enum vmodel_kind {
	VM_CLASS11,      /* 0-9 + N, softmax */
	VM_DIG_CLASS100, /* 0.0-9.9 by argmax/10, logits */
	VM_ANA_CLASS100, /* same, 32x32 pointer input */
	VM_DIG_CONT,     /* 10 softmax outputs, interpolated with a neighbour */
	VM_ANA_CONT,     /* 2 outputs, value from atan2 */
};

struct vmodel {
	struct tfl_model tfl;
	int              kind;
	int              in_w, in_h;
};

struct roi_value {
	double value;        /* 0.0 <= value < 10 */
	bool   nan;          /* wheel between two digits (class11 N, dig-cont below threshold) */
	double confidence;   /* softmax max, dig-cont fit, or |(out0,out1)| */
	int    cls;          /* argmax, -1 for ana-cont */
};

int vmodel_load(struct vmodel *vm, const char *path, char *err, size_t errcap);
void vmodel_free(struct vmodel *vm);
const char *vmodel_kind_name(int kind);
bool vmodel_is_pointer(const struct vmodel *vm);
/* Classifies one crop (any size: resized to the model input). good is the
 * CNNGoodThreshold for dig-cont models. */
int vmodel_classify(struct vmodel *vm, const struct img *crop, double good, struct roi_value *out);
/* Interprets an output vector (exposed for tests). */
void vmodel_interpret(int kind, const float *out, int n, double good, struct roi_value *rv);

struct reading_rules {
	int    decimal_shift;
	bool   extended;            /* ExtendedResolution */
	bool   ignore_leading_nan;
	double transition_start;    /* AnalogToDigitTransitionStart, default 9.2 */
};

void reading_rules_default(struct reading_rules *r);

/*
 * Builds the reading of one sequence: digits most significant first (their
 * values, N flags, and whether they came from a class11 model that has no
 * tenths), pointers most significant first. Writes e.g. "016.3139" or
 * "0N5.12" to out. Returns the number of decimals.
 */
int reading_assemble(const struct roi_value *dig, int ndig, bool dig_class11,
                     const struct roi_value *ana, int nana, const struct reading_rules *rules,
                     char *out, size_t cap);

/* Final value text: leading zeros removed, leading N stripped when asked;
 * other N filled from the previous value (text, may be NULL). Returns 0, or
 * -1 when an N remains that no previous value can fill. */
int reading_finish(const char *raw, const char *prev, bool ignore_leading_nan, char *out,
                   size_t cap);

#endif
