/*
 * bench_vision - time of the camera pipeline, on the calling thread:
 *   per ROI: resize + inference of one decoded crop, per model;
 *   per snapshot: a whole round on each fixture photo (JPEG decode,
 *   rotation, alignment, crops, inference, reading), with its parts.
 * Prints median and 95th percentile over repeated runs, in CPU time of the
 * calling thread (what the work costs one core, even on a busy machine);
 * the parts of a round are wall clock (the pipeline's own timestamps).
 *   bench_vision FIXTURES_DIR MODELS_DIR [REPEAT]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vision/vision.h"

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void
report(const char *what, double *t, int n)
{
	qsort(t, (size_t)n, sizeof(double), cmp);
	printf("%-58s median %7.2f ms   p95 %7.2f ms   (n=%d)\n", what, t[n / 2],
	       t[(int)(n * 0.95) < n ? (int)(n * 0.95) : n - 1], n);
}

int
main(int argc, char **argv)
{
	static const char *models[] = {
		"models/dig-class100-0182-s2_q.tflite", "models/dig1300s2q.tflite",
		"models/dig1300s2.tflite", "models/ana0700s1lq.tflite", "models/ana0700s1.tflite",
	};
	static const struct {
		const char *dir, *cfg, *img, *dig, *ana;
	} photos[] = {
		{"photos/wmsc-2020", "config.ini", "original.jpg", "dig-class100-0182-s2_q", "ana0700s1lq"},
		{"photos/aoe-default-2021", "config-upright.ini", "reference.jpg",
		 "dig-class100-0182-s2_q", "ana0700s1lq"},
	};
	int rep = argc > 3 ? atoi(argv[3]) : 50, i, k;
	char path[1024], path2[1024], path3[1024], err[300];
	double *t;

	if (argc < 3) {
		fprintf(stderr, "usage: bench_vision FIXTURES/watermeter MODELS_DIR [REPEAT]\n");
		return 2;
	}
	if (rep < 1)
		rep = 1;
	t = calloc((size_t)rep, sizeof(double));
	printf("per ROI (resize + inference of a decoded crop), thread CPU time:\n");
	for (k = 0; k < (int)(sizeof(models) / sizeof(models[0])) + 1; k++) {
		struct vmodel vm;
		struct img crop;
		struct roi_value v;
		bool own = k == (int)(sizeof(models) / sizeof(models[0]));

		if (own)
			snprintf(path, sizeof(path), "%s/meterd-pointer-v1.tflite", argv[2]);
		else
			snprintf(path, sizeof(path), "%s/%s", argv[1], models[k]);
		if (vmodel_load(&vm, path, err, sizeof(err)) < 0) {
			fprintf(stderr, "%s\n", err);
			return 1;
		}
		snprintf(path2, sizeof(path2), "%s/photos/wmsc-2020/%s", argv[1],
		         vmodel_is_pointer(&vm) ? "zeiger2.jpg" : "ziffer5.jpg");
		if (img_load_jpeg(&crop, path2, err, sizeof(err)) < 0) {
			fprintf(stderr, "%s\n", err);
			return 1;
		}
		for (i = 0; i < rep; i++) {
			double t0 = now_ms();
			vmodel_classify(&vm, &crop, 0.5, &v);
			t[i] = now_ms() - t0;
		}
		snprintf(path3, sizeof(path3), "  %s (%s)", strrchr(path, '/') + 1,
		         vmodel_kind_name(vm.kind));
		report(path3, t, rep);
		img_free(&crop);
		vmodel_free(&vm);
	}
	printf("per snapshot (decode + rotate + align + crop + infer + assemble), thread CPU time:\n");
	for (k = 0; k < (int)(sizeof(photos) / sizeof(photos[0])); k++) {
		struct vision v;
		struct vision_result *res = calloc(1, sizeof(*res));
		uint8_t *jpg;
		size_t len;
		double dec = 0, al = 0, ro = 0;

		snprintf(path, sizeof(path), "%s/%s/%s", argv[1], photos[k].dir, photos[k].cfg);
		snprintf(path2, sizeof(path2), "%s/models/%s.tflite", argv[1], photos[k].dig);
		snprintf(path3, sizeof(path3), "%s/models/%s.tflite", argv[1], photos[k].ana);
		if (!res || vision_open(&v, path, path2, path3, err, sizeof(err)) < 0) {
			fprintf(stderr, "%s\n", err);
			return 1;
		}
		snprintf(path, sizeof(path), "%s/%s/%s", argv[1], photos[k].dir, photos[k].img);
		if (read_file_limit(path, 32u << 20, &jpg, &len, err, sizeof(err)) < 0) {
			fprintf(stderr, "%s\n", err);
			return 1;
		}
		for (i = 0; i < rep; i++) {
			double t0 = now_ms();
			vision_read_jpeg(&v, jpg, len, res);
			t[i] = now_ms() - t0;
			dec += res->ms_decode;
			al += res->ms_align;
			ro += res->ms_rois;
			if (!res->ok) {
				fprintf(stderr, "%s: %s\n", path, res->error);
				return 1;
			}
			vision_result_free(res);
		}
		snprintf(path2, sizeof(path2), "  %s (%d ROIs; %s)", photos[k].dir, v.cfg.ndig + v.cfg.nana,
		         res->seq[0].raw);
		report(path2, t, rep);
		printf("    mean parts (wall clock): decode %.2f ms, rotate+align+warp %.2f ms, ROIs %.2f ms\n",
		       dec / rep, al / rep, ro / rep);
		free(jpg);
		free(res);
		vision_close(&v);
	}
	free(t);
	return 0;
}
