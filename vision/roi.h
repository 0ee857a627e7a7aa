/*
 * roi.h - cut a region of interest out of the aligned frame and turn it into
 * a model's input, as AI-on-the-edge does: crop (clamped to the frame),
 * resize with stb_image_resize v1 defaults (Mitchell down, Catmull-Rom up,
 * edge clamp, linear), uint8 RGB, then raw 0-255 floats in NHWC order.
 */
#ifndef METERD_VISION_ROI_H
#define METERD_VISION_ROI_H

#include "image.h"

struct roi_rect {
	int x, y, w, h;
};

/* Copies the rectangle (clamped to the image) into out (allocated). */
int roi_crop(const struct img *src, struct roi_rect r, struct img *out);
/* Resizes src to ow x oh and writes ow*oh*3 floats (0-255) to dst. */
int roi_to_input(const struct img *src, int ow, int oh, float *dst);

#endif
