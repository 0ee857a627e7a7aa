/*
 * image.h - the RGB images the vision pipeline passes around, and the
 * operations on whole images: JPEG decode (jpeg.c, libjpeg-turbo), rotation
 * and the alignment warp (align.c), crop + resize to a model input (roi.c).
 */
#ifndef METERD_VISION_IMAGE_H
#define METERD_VISION_IMAGE_H

#include <stddef.h>
#include <stdint.h>

struct img {
	int      w, h;
	uint8_t *px;      /* w * h * 3 bytes, RGB, rows top to bottom */
};

/* Largest image we decode (a 4K frame), so a hostile JPEG header cannot
 * make us allocate gigabytes. */
#define IMG_MAX_SIDE 4096

/* Decodes a JPEG held in memory; 0, or -1 with a message in err. */
int img_decode_jpeg(struct img *im, const uint8_t *buf, size_t len, char *err, size_t errcap);
/* Reads a file and decodes it. */
int img_load_jpeg(struct img *im, const char *path, char *err, size_t errcap);
/* Encodes as JPEG (quality 0-100) into a malloc'd buffer. */
int img_encode_jpeg(const struct img *im, int quality, uint8_t **out, size_t *outlen);
int img_alloc(struct img *im, int w, int h);
void img_free(struct img *im);

/* Reads a whole file into a malloc'd buffer (limit bytes at most). */
int read_file_limit(const char *path, size_t limit, uint8_t **out, size_t *len,
                    char *err, size_t errcap);

#endif
