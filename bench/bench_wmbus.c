/*
 * bench_wmbus: wireless M-Bus telegrams decoded per second on one core,
 * over every telegram in tests/fixtures/wmbus (encrypted ones with their
 * keys), with the AES time shown apart.
 *
 *   bench_wmbus FIXTURES [SECONDS]     throughput
 *   bench_wmbus FIXTURES --once N      decode everything N times and exit
 *                                      (for callgrind: instructions per telegram)
 *
 * A telegram is parsed (link header, CI chain, decryption, compact frame)
 * and every record turned into a reading, as the daemon does. The AES calls
 * go through a counting wrapper around mbedTLS; the time of that many block
 * operations, measured alone, is the AES share.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fixture_io.h"
#include "meterd/hex.h"
#include "meterd/wmbus.h"
#include "platform/posix/aes.h"

#define MAX_TEL 256

struct tel {
	uint8_t b[WMBUS_TELEGRAM_MAX];
	size_t  n;
	bool    has_key;
	uint8_t key[16];
	uint32_t id;
};

static struct tel tels[MAX_TEL];
static size_t     ntels;
static uint64_t   enc_blocks, dec_blocks;

static void
count_enc(const uint8_t key[16], const uint8_t in[16], uint8_t out[16])
{
	enc_blocks++;
	platform_aes128.encrypt_block(key, in, out);
}

static void
count_dec(const uint8_t key[16], const uint8_t in[16], uint8_t out[16])
{
	dec_blocks++;
	platform_aes128.decrypt_block(key, in, out);
}

static const struct aes128_ops counting = {count_enc, count_dec};

static double
now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The "key" of an expected file, if any (a bench needs no JSON parser). */
static bool
key_of(const char *hexpath, uint8_t key[16])
{
	char path[4096], buf[8192], *k;
	size_t n = strlen(hexpath);
	FILE *f;

	if (n < 4 || n + 16 > sizeof(path))
		return false;
	memcpy(path, hexpath, n - 4);
	strcpy(path + n - 4, ".expected.json");
	if ((f = fopen(path, "r")) == NULL)
		return false;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	if ((k = strstr(buf, "\"key\": \"")) == NULL)
		return false;
	k += 8;
	for (int i = 0; i < 16; i++) {
		int hi = hex_value(k[2 * i]), lo = hex_value(k[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return false;
		key[i] = (uint8_t)(hi << 4 | lo);
	}
	return true;
}

static void
load_file(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[1024];
	uint8_t key[16];
	bool has_key = key_of(path, key);

	if (f == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL && ntels < MAX_TEL) {
		struct tel *t = &tels[ntels];
		size_t k = 0;
		for (char *p = line; p[0] && p[1] && k < sizeof(t->b); p += 2) {
			int hi = hex_value(p[0]), lo = hex_value(p[1]);
			if (hi < 0 || lo < 0)
				break;
			t->b[k++] = (uint8_t)(hi << 4 | lo);
		}
		if (k < 11)
			continue;
		t->n = k;
		t->has_key = has_key;
		memcpy(t->key, key, 16);
		t->id = (uint32_t)t->b[4] | (uint32_t)t->b[5] << 8 | (uint32_t)t->b[6] << 16 |
		        (uint32_t)t->b[7] << 24;
		ntels++;
	}
	fclose(f);
}

static struct wmbus_ctx ctx;
static struct wmbus_msg msg;
static char text[MBUS_TEXT_MAX];
static volatile uint64_t sink;

/* Decodes every telegram once; returns the readings produced. */
static uint64_t
round_all(void)
{
	uint64_t readings = 0;

	for (size_t i = 0; i < ntels; i++) {
		struct wmbus_rec_walk w;
		struct reading rd;
		wmbus_parse(&ctx, &msg, tels[i].b, tels[i].n);
		wmbus_walk_begin(&msg, &w);
		while (wmbus_next_reading(&msg, &w, &rd, text) > 0) {
			sink += (uint64_t)rd.raw;
			readings++;
		}
	}
	return readings;
}

static void
walk_cb(const char *path, void *arg)
{
	size_t n = strlen(path);
	(void)arg;
	if (n > 4 && strcmp(path + n - 4, ".hex") == 0)
		load_file(path);
}

int
main(int argc, char **argv)
{
	char dir[4096];
	double secs = 1, t0, t, aes_t;
	uint64_t rounds = 0, readings = 0, blocks;
	uint8_t blk[16] = {0}, key[16] = {1};

	if (argc < 2) {
		fprintf(stderr, "usage: bench_wmbus FIXTURES [SECONDS | --once N]\n");
		return 2;
	}
	snprintf(dir, sizeof(dir), "%s/wmbus", argv[1]);
	fixture_walk(dir, walk_cb, NULL);
	if (ntels == 0) {
		fprintf(stderr, "bench_wmbus: no telegrams under %s\n", dir);
		return 1;
	}
	wmbus_ctx_init(&ctx, &counting);
	for (size_t i = 0; i < ntels; i++)
		if (tels[i].has_key)
			wmbus_ctx_add_key(&ctx, tels[i].id, tels[i].key);
	if (argc == 4 && strcmp(argv[2], "--once") == 0) {
		long n = atol(argv[3]);
		for (long i = 0; i < n; i++)
			readings += round_all();
		printf("%zu telegrams x %ld rounds, %llu readings\n", ntels, n,
		       (unsigned long long)readings);
		return 0;
	}
	if (argc >= 3)
		secs = atof(argv[2]);
	round_all(); /* learn compact formats, warm caches */
	enc_blocks = dec_blocks = 0;
	t0 = now_s();
	do {
		readings += round_all();
		rounds++;
		t = now_s() - t0;
	} while (t < secs);
	blocks = enc_blocks + dec_blocks;
	/* the same number of AES block operations alone (alternating keys defeat no cache: one key) */
	{
		uint64_t i, ne = enc_blocks, nd = dec_blocks;
		double a0 = now_s();
		for (i = 0; i < ne; i++)
			platform_aes128.encrypt_block(key, blk, blk);
		for (i = 0; i < nd; i++)
			platform_aes128.decrypt_block(key, blk, blk);
		aes_t = now_s() - a0;
	}
	{
		size_t keyed = 0;
		for (size_t i = 0; i < ntels; i++)
			keyed += tels[i].has_key;
		printf("wmbus: %zu telegrams (%zu encrypted with their keys), %llu rounds in %.2f s\n",
		       ntels, keyed, (unsigned long long)rounds, t);
	}
	printf("wmbus: %.0f telegrams/s on one core, %.0f readings/s, %.2f us per telegram\n",
	       (double)(rounds * ntels) / t, (double)readings / t, t * 1e6 / (double)(rounds * ntels));
	printf("wmbus: AES %.2f block ops per telegram, %.3f us per telegram (%.1f%% of the time)\n",
	       (double)blocks / (double)(rounds * ntels), aes_t * 1e6 / (double)(rounds * ntels),
	       100.0 * aes_t / t);
	printf("wmbus: without AES %.0f telegrams/s\n", (double)(rounds * ntels) / (t - aes_t));
	return 0;
}
