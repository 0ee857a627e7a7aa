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
#include <dirent.h>
#include <sys/stat.h>

#include "meterd/hex.h"

static inline uint8_t *
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

static inline int
fixture_has_suffix(const char *name, const char *suffix)
{
	size_t l = strlen(name), k = strlen(suffix);
	return l > k && strcmp(name + l - k, suffix) == 0;
}

/*
 * Calls fn(path, arg) for every capture below dir, recursively: .bin and
 * .txt files, and .hex files that have no .bin twin (a twin holds the same
 * bytes, so each capture is visited once).
 */
static inline void
fixture_walk(const char *dir, void (*fn)(const char *path, void *arg), void *arg)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[4096], twin[4096];
	struct stat st;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, e->d_name) >= sizeof(path) ||
		    stat(path, &st) != 0)
			continue; /* a path too long for the buffer is not a fixture of ours */
		if (S_ISDIR(st.st_mode)) {
			fixture_walk(path, fn, arg);
		} else if (fixture_has_suffix(e->d_name, ".bin") ||
		           fixture_has_suffix(e->d_name, ".txt")) {
			fn(path, arg);
		} else if (fixture_has_suffix(e->d_name, ".hex")) {
			memcpy(twin, path, strlen(path) + 1);
			memcpy(twin + strlen(twin) - 4, ".bin", 4);
			if (stat(twin, &st) != 0)
				fn(path, arg);
		}
	}
	closedir(d);
}

#endif
