/*
 * vision.c - the round of one camera meter (vision.h).
 */
#include "vision.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "align.h"

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int
vision_open(struct vision *v, const char *config, const char *digits, const char *analog,
            char *err, size_t errcap)
{
	int i;

	memset(v, 0, sizeof(*v));
	if (aicfg_load(&v->cfg, config, err, errcap) < 0)
		return -1;
	if (v->cfg.ndig > 0) {
		const char *p = digits ? digits : v->cfg.digit_model;
		if (!*p) {
			snprintf(err, errcap, "%s: [Digits] has ROIs but no Model", config);
			goto fail;
		}
		if (vmodel_load(&v->dig, p, err, errcap) < 0)
			goto fail;
		v->has_dig = true;
		if (vmodel_is_pointer(&v->dig)) {
			snprintf(err, errcap, "%s: a pointer model (%s) cannot read digits", p,
			         vmodel_kind_name(v->dig.kind));
			goto fail;
		}
	}
	if (v->cfg.nana > 0) {
		const char *p = analog ? analog : v->cfg.analog_model;
		if (!*p) {
			snprintf(err, errcap, "%s: [Analog] has ROIs but no Model", config);
			goto fail;
		}
		if (vmodel_load(&v->ana, p, err, errcap) < 0)
			goto fail;
		v->has_ana = true;
		if (!vmodel_is_pointer(&v->ana)) {
			snprintf(err, errcap, "%s: a digit model (%s) cannot read pointers", p,
			         vmodel_kind_name(v->ana.kind));
			goto fail;
		}
	}
	if (v->cfg.algo != ALIGN_OFF)
		for (i = 0; i < v->cfg.nref; i++)
			if (img_load_jpeg(&v->ref[i], v->cfg.ref_path[i], err, errcap) < 0)
				goto fail;
	return 0;
fail:
	vision_close(v);
	return -1;
}

void
vision_close(struct vision *v)
{
	if (v->has_dig)
		vmodel_free(&v->dig);
	if (v->has_ana)
		vmodel_free(&v->ana);
	img_free(&v->ref[0]);
	img_free(&v->ref[1]);
	memset(v, 0, sizeof(*v));
}

void
vision_result_free(struct vision_result *res)
{
	img_free(&res->aligned);
}

static int
align_frame(struct vision *v, const struct img *frame, struct vision_result *res)
{
	struct img rot = {0, 0, NULL};
	const struct img *base = frame;
	int f[2][2], t[2][2], i;
	int rc = -1;

	if (fabs(v->cfg.initial_rotate) > 1e-9) {
		if (img_rotate(frame, v->cfg.initial_rotate, &rot) < 0) {
			snprintf(res->error, sizeof(res->error), "out of memory");
			return -1;
		}
		base = &rot;
	}
	if (v->cfg.algo == ALIGN_OFF || v->cfg.nref < 2) {
		if (img_alloc(&res->aligned, base->w, base->h) == 0) {
			memcpy(res->aligned.px, base->px, (size_t)base->w * base->h * 3);
			rc = 0;
		}
		goto out;
	}
	res->nref = 2;
	for (i = 0; i < 2; i++) {
		struct match m;
		t[i][0] = v->cfg.ref_x[i];
		t[i][1] = v->cfg.ref_y[i];
		res->ref[i].tx = t[i][0];
		res->ref[i].ty = t[i][1];
		if (align_find(base, &v->ref[i], t[i][0], t[i][1], v->cfg.search_x, v->cfg.search_y,
		               v->cfg.algo == ALIGN_HIGH_ACCURACY, &m) < 0) {
			snprintf(res->error, sizeof(res->error),
			         "alignment: reference %d does not fit inside the %dx%d frame", i,
			         base->w, base->h);
			goto out;
		}
		res->ref[i].fx = f[i][0] = m.x;
		res->ref[i].fy = f[i][1] = m.y;
		res->ref[i].rms = m.rms;
		res->ref[i].ncc = m.ncc;
		res->ref[i].at_border = m.at_border;
		if (m.at_border) {
			snprintf(res->error, sizeof(res->error),
			         "alignment: reference %d found at the edge of the search field "
			         "(%+d,%+d px); the camera moved more than SearchField", i,
			         m.x - t[i][0], m.y - t[i][1]);
			goto out;
		}
		if (!(m.ncc >= VISION_MIN_ALIGN_NCC)) {
			snprintf(res->error, sizeof(res->error),
			         "alignment: reference %d matches poorly (correlation %.2f < %.2f)", i,
			         m.ncc, VISION_MIN_ALIGN_NCC);
			goto out;
		}
	}
	if (img_align_warp(base, (const int(*)[2])f, (const int(*)[2])t, &res->aligned,
	                   &res->angle) < 0) {
		snprintf(res->error, sizeof(res->error), "out of memory");
		goto out;
	}
	rc = 0;
out:
	img_free(&rot);
	return rc;
}

static int
classify_rois(struct vision *v, struct vision_result *res)
{
	int k, i;

	for (k = 0; k < 2; k++) {
		bool pointer = k == 1;
		int n = pointer ? v->cfg.nana : v->cfg.ndig;
		struct vmodel *vm = pointer ? &v->ana : &v->dig;
		for (i = 0; i < n; i++) {
			const struct aicfg_roi *r = pointer ? &v->cfg.analog[i] : &v->cfg.digits[i];
			struct vision_roi *out = &res->roi[res->nroi];
			struct roi_rect rect = {r->x, r->y, r->w, r->h};
			struct img crop;

			if (roi_crop(&res->aligned, rect, &crop) < 0) {
				snprintf(res->error, sizeof(res->error), "ROI %s.%s lies outside the frame",
				         r->seq, r->name);
				return -1;
			}
			out->roi = r;
			out->pointer = pointer;
			if (vmodel_classify(vm, &crop, v->cfg.cnn_good, &out->v) < 0) {
				img_free(&crop);
				snprintf(res->error, sizeof(res->error), "out of memory");
				return -1;
			}
			img_free(&crop);
			if (pointer && r->ccw)
				out->v.value = fmod(10 - out->v.value, 10);
			res->nroi++;
		}
	}
	return 0;
}

static void
assemble(struct vision *v, struct vision_result *res)
{
	int s, i;

	for (s = 0; s < v->cfg.nseq; s++) {
		const struct aicfg_seq *sq = &v->cfg.seq[s];
		struct roi_value dig[AICFG_MAX_ROI], ana[AICFG_MAX_ROI];
		int nd = 0, na = 0;
		struct reading_rules rules;
		struct vision_seq *out = &res->seq[res->nseq++];

		for (i = 0; i < res->nroi; i++) {
			if (strcmp(res->roi[i].roi->seq, sq->name) != 0)
				continue;
			if (res->roi[i].pointer)
				ana[na++] = res->roi[i].v;
			else
				dig[nd++] = res->roi[i].v;
		}
		reading_rules_default(&rules);
		rules.decimal_shift = sq->decimal_shift;
		rules.extended = sq->extended;
		rules.ignore_leading_nan = sq->ignore_leading_nan;
		rules.transition_start = sq->transition_start;
		snprintf(out->name, sizeof(out->name), "%s", sq->name);
		out->decimals = reading_assemble(dig, nd, v->has_dig && v->dig.kind == VM_CLASS11, ana,
		                                 na, &rules, out->raw, sizeof(out->raw));
	}
}

void
vision_read_image(struct vision *v, const struct img *frame, struct vision_result *res)
{
	double t0 = now_ms(), t1;

	if (align_frame(v, frame, res) < 0)
		return;
	t1 = now_ms();
	res->ms_align = t1 - t0;
	if (classify_rois(v, res) < 0)
		return;
	res->ms_rois = now_ms() - t1;
	assemble(v, res);
	res->ok = true;
}

void
vision_read_jpeg(struct vision *v, const uint8_t *jpeg, size_t len, struct vision_result *res)
{
	struct img frame;
	double t0 = now_ms();

	memset(res, 0, sizeof(*res));
	if (img_decode_jpeg(&frame, jpeg, len, res->error, sizeof(res->error)) < 0)
		return;
	res->ms_decode = now_ms() - t0;
	vision_read_image(v, &frame, res);
	img_free(&frame);
}

static void
rect(struct img *im, int x, int y, int w, int h, uint8_t r, uint8_t g, uint8_t b)
{
	int i, k, n = w > h ? w : h;

	for (k = 0; k < 2; k++)
		for (i = 0; i < n; i++) {
			int xs[2] = {x + i, x + i}, ys[2] = {y + k, y + h - 1 - k};
			int xs2[2] = {x + k, x + w - 1 - k}, j;
			for (j = 0; j < 2; j++) {
				if (i < w && xs[j] >= 0 && xs[j] < im->w && ys[j] >= 0 && ys[j] < im->h) {
					uint8_t *p = im->px + ((size_t)ys[j] * im->w + xs[j]) * 3;
					p[0] = r; p[1] = g; p[2] = b;
				}
				if (i < h && xs2[j] >= 0 && xs2[j] < im->w && y + i >= 0 && y + i < im->h) {
					uint8_t *p = im->px + ((size_t)(y + i) * im->w + xs2[j]) * 3;
					p[0] = r; p[1] = g; p[2] = b;
				}
			}
		}
}

void
vision_draw_rois(struct vision_result *res)
{
	int i;

	if (!res->aligned.px)
		return;
	for (i = 0; i < res->nroi; i++) {
		const struct aicfg_roi *r = res->roi[i].roi;
		if (res->roi[i].pointer)
			rect(&res->aligned, r->x, r->y, r->w, r->h, 255, 0, 0);
		else
			rect(&res->aligned, r->x, r->y, r->w, r->h, 0, 255, 0);
	}
}
