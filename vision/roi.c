/*
 * roi.c - crop and resize (see roi.h). The resampler is stb_image_resize.h
 * v1 from Debian's libstb-dev, the one the reference firmware uses, so the
 * model sees the same pixels it was trained and tested with.
 */
#include "roi.h"

#include <stdlib.h>
#include <string.h>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-prototypes"
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wstrict-prototypes"
#pragma GCC diagnostic ignored "-Wvla"
#pragma GCC diagnostic ignored "-Wimplicit-fallthrough"
#pragma GCC diagnostic ignored "-Wdouble-promotion"
#define STB_IMAGE_RESIZE_IMPLEMENTATION
#define STB_IMAGE_RESIZE_STATIC
#include <stb/stb_image_resize.h>
#pragma GCC diagnostic pop

int
roi_crop(const struct img *src, struct roi_rect r, struct img *out)
{
	int x0 = r.x, y0 = r.y, x1 = r.x + r.w, y1 = r.y + r.h, y;

	memset(out, 0, sizeof(*out));
	if (x0 < 0) x0 = 0;
	if (y0 < 0) y0 = 0;
	if (x1 > src->w) x1 = src->w;
	if (y1 > src->h) y1 = src->h;
	if (x1 - x0 < 1 || y1 - y0 < 1)
		return -1;
	if (img_alloc(out, x1 - x0, y1 - y0) < 0)
		return -1;
	for (y = y0; y < y1; y++)
		memcpy(out->px + (size_t)(y - y0) * out->w * 3,
		       src->px + ((size_t)y * src->w + x0) * 3, (size_t)out->w * 3);
	return 0;
}

int
roi_to_input(const struct img *src, int ow, int oh, float *dst)
{
	size_t n = (size_t)ow * oh * 3, i;
	uint8_t *tmp = malloc(n);

	if (!tmp)
		return -1;
	if (!stbir_resize_uint8(src->px, src->w, src->h, 0, tmp, ow, oh, 0, 3)) {
		free(tmp);
		return -1;
	}
	for (i = 0; i < n; i++)
		dst[i] = tmp[i];
	free(tmp);
	return 0;
}
