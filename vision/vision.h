/*
 * vision.h - one camera meter's reading pipeline: config + models +
 * reference templates loaded once (vision_open), then one round per
 * snapshot (vision_read): decode, rotate, align, crop, classify, assemble.
 * A round that cannot be trusted (template at the search border, poor match)
 * fails with a reason instead of giving a silently wrong number.
 */
#ifndef METERD_VISION_VISION_H
#define METERD_VISION_VISION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "aiconfig.h"
#include "image.h"
#include "reading.h"
#include "roi.h"

/* A match whose normalised cross-correlation is below this means the
 * reference mark was not found: the camera moved, the light changed, or
 * something covers the meter. Good matches on the test photos score
 * 0.94-0.99, wrong places about 0.3. */
#define VISION_MIN_ALIGN_NCC 0.7

struct vision {
	struct aicfg  cfg;
	struct vmodel dig, ana;
	bool          has_dig, has_ana;
	struct img    ref[2];
};

struct vision_roi {
	const struct aicfg_roi *roi;
	bool                    pointer;
	struct roi_value        v;
};

struct vision_seq {
	char name[AICFG_NAME];
	char raw[64];        /* "016.3139", may hold N */
	int  decimals;
};

struct vision_result {
	bool   ok;
	char   error[256];
	int    nref;
	struct {
		int    tx, ty, fx, fy;
		double rms, ncc;
		bool   at_border;
	} ref[2];
	double angle;         /* degrees of the alignment rotation */
	int    nroi;
	struct vision_roi roi[2 * AICFG_MAX_ROI];
	int    nseq;
	struct vision_seq seq[AICFG_MAX_SEQ];
	struct img aligned;   /* kept for the snapshot view; vision_result_free */
	double ms_decode, ms_align, ms_rois;
};

/* Loads the config and the models it names (digits/analog override them
 * when not NULL). 0, or -1 with a message. */
int vision_open(struct vision *v, const char *config, const char *digits, const char *analog,
                char *err, size_t errcap);
void vision_close(struct vision *v);

/* One round on a JPEG snapshot / a decoded frame. Fills res (res->ok). */
void vision_read_jpeg(struct vision *v, const uint8_t *jpeg, size_t len, struct vision_result *res);
void vision_read_image(struct vision *v, const struct img *frame, struct vision_result *res);
void vision_result_free(struct vision_result *res);

/* Draws the ROI rectangles onto res->aligned (red for pointers, green for
 * digits), for the last-snapshot view. */
void vision_draw_rois(struct vision_result *res);

#endif
