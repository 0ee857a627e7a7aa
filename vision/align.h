/*
 * align.h - put a camera frame into the configured geometry: the initial
 * rotation, a template search for the two reference marks, and the warp
 * that moves the found marks onto their targets (translation + rotation,
 * as AI-on-the-edge does; no scaling).
 */
#ifndef METERD_VISION_ALIGN_H
#define METERD_VISION_ALIGN_H

#include <stdbool.h>

#include "image.h"

/* Rotates by deg degrees (counter-clockwise as seen, about the centre;
 * nearest neighbour; white outside the source). */
int img_rotate(const struct img *src, double deg, struct img *out);

struct match {
	int    x, y;        /* found top-left */
	double rms;         /* root mean square difference per compared value, 0-255 */
	double ncc;         /* normalised cross-correlation there, -1..1 */
	bool   at_border;   /* the best position is on the edge of the search window */
};

/* Sum-of-squared-differences search for tmpl with its top-left within
 * (tx +- sx, ty +- sy), clamped so the template stays inside the image.
 * all_channels: compare R, G and B (else R only, the firmware's default). */
int align_find(const struct img *im, const struct img *tmpl, int tx, int ty, int sx, int sy,
               bool all_channels, struct match *m);

/* Maps found point f0 onto target t0 and turns the f0->f1 direction onto
 * t0->t1; angle (degrees) is returned. */
int img_align_warp(const struct img *src, const int f[2][2], const int t[2][2], struct img *out,
                   double *angle_deg);

#endif
