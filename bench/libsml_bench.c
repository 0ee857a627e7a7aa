/*
 * The same measurement as bench_callgrind.c for libsml (Debian libsml-dev),
 * on the same SML corpus, so bench/callgrind.sh prints both in one run. Each
 * transport v1 frame is cut out and unescaped outside the measured region,
 * then sml_file_parse() parses its messages (libsml checks message CRCs,
 * not the frame CRC) and sml_file_free() releases them. Linked only by this
 * bench program.
 *   bench_libsml FIXTURES_DIR
 */
#include <stdio.h>
#include <string.h>

#include <sml/sml_file.h>
#include <valgrind/callgrind.h>

#include "bench_util.h"

#define FRAMES_MAX 1024

static const uint8_t start_seq[8] = {0x1b, 0x1b, 0x1b, 0x1b, 0x01, 0x01, 0x01, 0x01};

struct frames {
	uint8_t *payload[FRAMES_MAX];
	size_t   len[FRAMES_MAX];
	size_t   raw_bytes; /* the frames as sent, framing included */
	int      n;
};

/* Cuts the transport v1 frames out of p: payload without escapes, fill kept (libsml skips 00). */
static void
cut_frames(const uint8_t *p, size_t n, struct frames *f)
{
	for (size_t i = 0; i + 16 <= n && f->n < FRAMES_MAX; i++) {
		uint8_t *out;
		size_t k = 0, j;

		if (memcmp(p + i, start_seq, 8) != 0)
			continue;
		if ((out = malloc(n - i)) == NULL)
			return;
		for (j = i + 8; j + 8 <= n; j += 4) {
			if (memcmp(p + j, "\x1b\x1b\x1b\x1b", 4) == 0) {
				if (p[j + 4] == 0x1a)
					break;
				if (memcmp(p + j + 4, "\x1b\x1b\x1b\x1b", 4) == 0) {
					memcpy(out + k, p + j, 4); /* escaped data block */
					k += 4;
					j += 4;
					continue;
				}
				break; /* a new start or a bad escape: no whole frame */
			}
			memcpy(out + k, p + j, 4);
			k += 4;
		}
		if (j + 8 > n || p[j + 4] != 0x1a || p[j + 5] > k) {
			free(out);
			continue;
		}
		f->payload[f->n] = out;
		f->len[f->n++] = k - p[j + 5];
		f->raw_bytes += j + 8 - i;
		i = j + 7;
	}
}

static void
parse_all(struct frames *f, unsigned long *ok, unsigned long *msgs)
{
	for (int i = 0; i < f->n; i++) {
		sml_file *file = sml_file_parse(f->payload[i], f->len[i]);
		if (file != NULL) {
			*ok += file->messages_len > 0;
			*msgs += (unsigned long)file->messages_len;
			sml_file_free(file);
		}
	}
}

int
main(int argc, char **argv)
{
	struct corpus c = {0};
	static struct frames f;
	unsigned long ok = 0, msgs = 0;
	char dir[4096];

	if (argc != 2) {
		fprintf(stderr, "usage: bench_libsml FIXTURES_DIR\n");
		return 2;
	}
	snprintf(dir, sizeof(dir), "%s/sml", argv[1]);
	fixture_walk(dir, corpus_add, &c);
	for (int i = 0; i < c.n; i++)
		cut_frames(c.data[i], c.len[i], &f);
	bench_allocs = 0;
	bench_counting = 1;
	CALLGRIND_TOGGLE_COLLECT;
	parse_all(&f, &ok, &msgs);
	CALLGRIND_TOGGLE_COLLECT;
	bench_counting = 0;
	printf("decoder=libsml files=%d bytes=%zu frames=%d parsed=%lu messages=%lu allocs=%lu\n",
	       c.n, f.raw_bytes, f.n, ok, msgs, bench_allocs);
	if (!RUNNING_ON_VALGRIND) {
		unsigned long rounds = 0, o2 = 0, m2 = 0;
		double t0 = bench_now(), dt;
		do {
			parse_all(&f, &o2, &m2);
			rounds++;
		} while ((dt = bench_now() - t0) < 0.5);
		printf("frames_per_s=%.0f MB_per_s=%.1f\n", (double)f.n * (double)rounds / dt,
		       (double)f.raw_bytes * (double)rounds / dt / 1e6);
	}
	while (f.n > 0)
		free(f.payload[--f.n]);
	corpus_free(&c);
	return 0;
}
