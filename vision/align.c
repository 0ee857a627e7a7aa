/*
 * align.c - rotation, template search and the alignment warp (align.h).
 *
 * All resampling is nearest neighbour, sampling at pixel centres, so a
 * rotation by exactly 180 degrees is an exact flip.
 */
#include "align.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Inverse mapping: target pixel (x, y) takes the source pixel at
 * (cx + a*(x-ox) + b*(y-oy), cy + c*(x-ox) + d*(y-oy)). */
static void
warp(const struct img *src, struct img *out, double ox, double oy, double cx, double cy, double a,
     double b, double c, double d)
{
	int x, y;

	for (y = 0; y < out->h; y++) {
		uint8_t *row = out->px + (size_t)y * out->w * 3;
		double py = y + 0.5 - oy;
		for (x = 0; x < out->w; x++) {
			double px = x + 0.5 - ox;
			double sx = cx + a * px + b * py, sy = cy + c * px + d * py;
			int ix = (int)floor(sx), iy = (int)floor(sy);
			if (ix < 0 || iy < 0 || ix >= src->w || iy >= src->h) {
				memset(row + 3 * x, 255, 3);
				continue;
			}
			memcpy(row + 3 * x, src->px + ((size_t)iy * src->w + ix) * 3, 3);
		}
	}
}

int
img_rotate(const struct img *src, double deg, struct img *out)
{
	double r = deg * M_PI / 180, cs = cos(r), sn = sin(r);

	if (img_alloc(out, src->w, src->h) < 0)
		return -1;
	/* visible counter-clockwise turn with y pointing down: the inverse map
	 * turns the target offset clockwise */
	warp(src, out, src->w / 2.0, src->h / 2.0, src->w / 2.0, src->h / 2.0, cs, -sn, sn, cs);
	return 0;
}

/* Normalised cross-correlation of the template at (x, y): 1 is a perfect
 * match up to brightness and contrast, which SSD alone cannot tell (the
 * firmware's templates are often contrast-adjusted cut-outs). */
static double
ncc_at(const struct img *im, const struct img *tmpl, int x, int y, int nch)
{
	double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0, n, va, vb;
	int i, j, ch;

	for (j = 0; j < tmpl->h; j++)
		for (i = 0; i < tmpl->w; i++)
			for (ch = 0; ch < nch; ch++) {
				double a = im->px[((size_t)(y + j) * im->w + x + i) * 3 + ch];
				double b = tmpl->px[((size_t)j * tmpl->w + i) * 3 + ch];
				sa += a; sb += b; saa += a * a; sbb += b * b; sab += a * b;
			}
	n = (double)tmpl->w * tmpl->h * nch;
	va = saa - sa * sa / n;
	vb = sbb - sb * sb / n;
	if (va <= 1e-9 || vb <= 1e-9)
		return 0;   /* a flat patch matches nothing */
	return (sab - sa * sb / n) / sqrt(va * vb);
}

/* Channel ch (or the three interleaved, nch 3) of rows y0..y1 as a
 * contiguous plane, so the search's inner loop is a plain byte loop. */
static uint8_t *
plane(const struct img *im, int ch, int nch)
{
	size_t n = (size_t)im->w * im->h, i;
	uint8_t *p = malloc(n * nch);

	if (!p)
		return NULL;
	if (nch == 3)
		memcpy(p, im->px, n * 3);
	else
		for (i = 0; i < n; i++)
			p[i] = im->px[i * 3 + ch];
	return p;
}

int
align_find(const struct img *im, const struct img *tmpl, int tx, int ty, int sx, int sy,
           bool all_channels, struct match *m)
{
	int x0 = tx - sx, x1 = tx + sx, y0 = ty - sy, y1 = ty + sy, x, y, i, j;
	int nch = all_channels ? 3 : 1, tw = tmpl->w * nch;
	size_t iw = (size_t)im->w * nch;
	uint64_t best = UINT64_MAX;
	uint8_t *ip, *tp;

	if (x0 < 0) x0 = 0;
	if (y0 < 0) y0 = 0;
	if (x1 > im->w - tmpl->w) x1 = im->w - tmpl->w;
	if (y1 > im->h - tmpl->h) y1 = im->h - tmpl->h;
	if (x1 < x0 || y1 < y0)
		return -1;
	ip = plane(im, 0, nch);
	tp = plane(tmpl, 0, nch);
	if (!ip || !tp) {
		free(ip);
		free(tp);
		return -1;
	}
	for (y = y0; y <= y1; y++)
		for (x = x0; x <= x1; x++) {
			uint64_t ssd = 0;
			for (j = 0; j < tmpl->h && ssd < best; j++) {
				const uint8_t *a = ip + (size_t)(y + j) * iw + (size_t)x * nch;
				const uint8_t *b = tp + (size_t)j * tw;
				uint32_t row = 0;
				for (i = 0; i < tw; i++) {
					int dd = (int)a[i] - (int)b[i];
					row += (uint32_t)(dd * dd);
				}
				ssd += row;
			}
			if (ssd < best) {
				best = ssd;
				m->x = x;
				m->y = y;
			}
		}
	free(ip);
	free(tp);
	m->rms = sqrt((double)best / ((double)tmpl->w * tmpl->h * nch));
	m->ncc = ncc_at(im, tmpl, m->x, m->y, nch);
	m->at_border = (sx > 0 && (m->x == x0 || m->x == x1)) ||
	               (sy > 0 && (m->y == y0 || m->y == y1));
	return 0;
}

int
img_align_warp(const struct img *src, const int f[2][2], const int t[2][2], struct img *out,
               double *angle_deg)
{
	double at = atan2(t[1][1] - t[0][1], t[1][0] - t[0][0]);
	double af = atan2(f[1][1] - f[0][1], f[1][0] - f[0][0]);
	double th = at - af, cs, sn;

	while (th > M_PI)
		th -= 2 * M_PI;
	while (th < -M_PI)
		th += 2 * M_PI;
	cs = cos(th);
	sn = sin(th);
	*angle_deg = th * 180 / M_PI;
	if (img_alloc(out, src->w, src->h) < 0)
		return -1;
	/* s = f0 + R(-th) (t - t0), at pixel centres */
	warp(src, out, t[0][0] + 0.5, t[0][1] + 0.5, f[0][0] + 0.5, f[0][1] + 0.5, cs, sn, -sn, cs);
	return 0;
}
