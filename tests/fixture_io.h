/*
 * fixture_io.h - loading test captures for the C tests: binary files as
 * they are, .hex files decoded (pairs of hex digits, whitespace and '#'
 * comments ignored). Test-only; the caller frees the buffer.
 */
#ifndef METERD_FIXTURE_IO_H
#define METERD_FIXTURE_IO_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meterd/hex.h"

static uint8_t *
fixture_load(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long n;
	size_t plen = strlen(path);

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	*len = (size_t)n;
	if (plen > 4 && strcmp(path + plen - 4, ".hex") == 0) {
		size_t i, k = 0;
		int half = -1, comment = 0;
		for (i = 0; i < (size_t)n; i++) {
			int v;
			if (buf[i] == '\n')
				comment = 0;
			if (comment || buf[i] == '#') {
				comment = 1;
				continue;
			}
			if ((v = hex_value(buf[i])) < 0)
				continue;
			if (half < 0)
				half = v;
			else {
				buf[k++] = (uint8_t)(half << 4 | v);
				half = -1;
			}
		}
		*len = k;
	}
	return buf;
}

#endif
