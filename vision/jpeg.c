/*
 * jpeg.c - JPEG decode and encode with libjpeg-turbo.
 *
 * libjpeg reports fatal errors through error_exit, which must not return:
 * we longjmp back to the caller and turn it into an error message, so a
 * corrupt snapshot gives "bad JPEG: ..." and never ends the daemon. Warnings
 * (a truncated scan, say) are counted, not printed: libjpeg fills the rest
 * of such a picture with grey, which the alignment score then rejects.
 */
#include "image.h"

#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>

/* Labelled crop collections hold a few BMP and PNG files named .jpg; stb_image
 * (as in the reference firmware) reads those, for files only: snapshots
 * from a camera always go through libjpeg. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-prototypes"
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wimplicit-fallthrough"
#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_BMP
#define STBI_ONLY_PNG
#define STBI_NO_STDIO
#define STBI_MAX_DIMENSIONS IMG_MAX_SIDE
#include <stb/stb_image.h>
#pragma GCC diagnostic pop

struct jerr {
	struct jpeg_error_mgr mgr;
	jmp_buf               jump;
	char                  msg[JMSG_LENGTH_MAX];
};

static void
on_error(j_common_ptr cinfo)
{
	struct jerr *e = (struct jerr *)cinfo->err;

	(*cinfo->err->format_message)(cinfo, e->msg);
	longjmp(e->jump, 1);
}

static void
on_message(j_common_ptr cinfo)
{
	(void)cinfo;   /* warnings are not printed; the match score judges the frame */
}

int
img_alloc(struct img *im, int w, int h)
{
	im->w = w;
	im->h = h;
	im->px = malloc((size_t)w * (size_t)h * 3);
	return im->px ? 0 : -1;
}

void
img_free(struct img *im)
{
	free(im->px);
	im->px = NULL;
	im->w = im->h = 0;
}

int
img_decode_jpeg(struct img *im, const uint8_t *buf, size_t len, char *err, size_t errcap)
{
	struct jpeg_decompress_struct cinfo;
	struct jerr je;
	uint8_t *volatile px = NULL;

	memset(im, 0, sizeof(*im));
	memset(&cinfo, 0, sizeof(cinfo));
	cinfo.err = jpeg_std_error(&je.mgr);
	je.mgr.error_exit = on_error;
	je.mgr.output_message = on_message;
	if (setjmp(je.jump)) {
		snprintf(err, errcap, "bad JPEG: %s", je.msg);
		jpeg_destroy_decompress(&cinfo);
		free(px);
		return -1;
	}
	jpeg_create_decompress(&cinfo);
	jpeg_mem_src(&cinfo, buf, (unsigned long)len);
	jpeg_read_header(&cinfo, TRUE);
	if (cinfo.image_width < 1 || cinfo.image_height < 1 ||
	    cinfo.image_width > IMG_MAX_SIDE || cinfo.image_height > IMG_MAX_SIDE) {
		snprintf(err, errcap, "JPEG of %ux%u pixels is not supported (max %d)",
		         cinfo.image_width, cinfo.image_height, IMG_MAX_SIDE);
		jpeg_destroy_decompress(&cinfo);
		return -1;
	}
	cinfo.out_color_space = JCS_RGB;
	/* the slow integer DCT, as libjpeg's default: decoders then agree */
	cinfo.dct_method = JDCT_ISLOW;
	jpeg_start_decompress(&cinfo);
	px = malloc((size_t)cinfo.output_width * cinfo.output_height * 3);
	if (!px) {
		snprintf(err, errcap, "out of memory");
		jpeg_destroy_decompress(&cinfo);
		return -1;
	}
	while (cinfo.output_scanline < cinfo.output_height) {
		JSAMPROW row = px + (size_t)cinfo.output_scanline * cinfo.output_width * 3;
		jpeg_read_scanlines(&cinfo, &row, 1);
	}
	jpeg_finish_decompress(&cinfo);
	im->w = (int)cinfo.output_width;
	im->h = (int)cinfo.output_height;
	im->px = px;
	jpeg_destroy_decompress(&cinfo);
	return 0;
}

int
img_encode_jpeg(const struct img *im, int quality, uint8_t **out, size_t *outlen)
{
	struct jpeg_compress_struct cinfo;
	struct jerr je;
	unsigned char *volatile mem = NULL;
	unsigned long size = 0;
	int y;

	memset(&cinfo, 0, sizeof(cinfo));
	cinfo.err = jpeg_std_error(&je.mgr);
	je.mgr.error_exit = on_error;
	je.mgr.output_message = on_message;
	if (setjmp(je.jump)) {
		jpeg_destroy_compress(&cinfo);
		free(mem);
		return -1;
	}
	jpeg_create_compress(&cinfo);
	jpeg_mem_dest(&cinfo, (unsigned char **)&mem, &size);
	cinfo.image_width = (JDIMENSION)im->w;
	cinfo.image_height = (JDIMENSION)im->h;
	cinfo.input_components = 3;
	cinfo.in_color_space = JCS_RGB;
	jpeg_set_defaults(&cinfo);
	jpeg_set_quality(&cinfo, quality, TRUE);
	jpeg_start_compress(&cinfo, TRUE);
	for (y = 0; y < im->h; y++) {
		JSAMPROW row = im->px + (size_t)y * im->w * 3;
		jpeg_write_scanlines(&cinfo, &row, 1);
	}
	jpeg_finish_compress(&cinfo);
	jpeg_destroy_compress(&cinfo);
	*out = mem;
	*outlen = size;
	return 0;
}

int
read_file_limit(const char *path, size_t limit, uint8_t **out, size_t *len, char *err,
                size_t errcap)
{
	FILE *fp = fopen(path, "rb");
	uint8_t *buf;
	size_t n = 0, cap = 65536;

	*out = NULL;
	*len = 0;
	if (!fp) {
		snprintf(err, errcap, "%s: %s", path, strerror(errno));
		return -1;
	}
	buf = malloc(cap);
	while (buf) {
		size_t got = fread(buf + n, 1, cap - n, fp);
		n += got;
		if (got == 0)
			break;
		if (n == cap) {
			uint8_t *nb;
			if (cap >= limit) {
				snprintf(err, errcap, "%s: larger than %zu bytes", path, limit);
				free(buf);
				fclose(fp);
				return -1;
			}
			cap *= 2;
			nb = realloc(buf, cap);
			if (!nb)
				free(buf);
			buf = nb;
		}
	}
	if (!buf || ferror(fp)) {
		snprintf(err, errcap, "%s: read failed", path);
		free(buf);
		fclose(fp);
		return -1;
	}
	fclose(fp);
	*out = buf;
	*len = n;
	return 0;
}

int
img_load_jpeg(struct img *im, const char *path, char *err, size_t errcap)
{
	uint8_t *buf;
	size_t len;
	char why[200];
	int rc;

	memset(im, 0, sizeof(*im));
	if (read_file_limit(path, 32u << 20, &buf, &len, err, errcap) < 0)
		return -1;
	if (len >= 2 && buf[0] == 0xff && buf[1] == 0xd8) {
		rc = img_decode_jpeg(im, buf, len, why, sizeof(why));
	} else {
		int w, h, n;
		uint8_t *px = len <= INT32_MAX ? stbi_load_from_memory(buf, (int)len, &w, &h, &n, 3) : NULL;
		rc = -1;
		snprintf(why, sizeof(why), "neither JPEG nor BMP/PNG");
		if (px && img_alloc(im, w, h) == 0) {
			memcpy(im->px, px, (size_t)w * h * 3);
			rc = 0;
		}
		stbi_image_free(px);
	}
	if (rc < 0)
		snprintf(err, errcap, "%s: %s", path, why);
	free(buf);
	return rc;
}
