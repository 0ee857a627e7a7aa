/*
 * meterd vision: read a water meter from a camera snapshot.
 *
 *   meterd vision read --config FILE [--digits MODEL] [--analog MODEL]
 *                      [--prev VALUE] [--save-rois OUT.jpg] IMAGE
 *   meterd vision classify --model FILE [--outputs] IMAGE...
 *
 * read prints one JSON object: "value" (the reading, null when the round
 * failed, with "error"), "raw", per sequence values, per-ROI results and the
 * alignment. classify prints one JSON line per image with the model's value
 * for that crop (the whole image is the ROI).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"
#include "vision/reading.h"
#include "vision/vision.h"

int cmd_vision(int argc, char **argv);

static int
usage(FILE *f)
{
	fprintf(f,
	        "usage: meterd vision read --config FILE [--digits MODEL] [--analog MODEL]\n"
	        "                          [--prev VALUE] [--save-rois OUT.jpg] IMAGE\n"
	        "       meterd vision classify --model FILE [--outputs] IMAGE...\n");
	return f == stderr ? 2 : 0;
}

/* A model value or score to 4 decimals ("2.6", not 2.6000000000000001). */
static void
num4(struct jsonw *w, const char *key, double v)
{
	char buf[48];
	size_t n;

	if (!isfinite(v)) {
		jsonw_null(w, key);
		return;
	}
	snprintf(buf, sizeof(buf), "%.4f", v);
	n = strlen(buf);
	while (n > 1 && buf[n - 1] == '0' && buf[n - 2] != '.')
		buf[--n] = '\0';
	if (!strcmp(buf, "-0.0"))
		snprintf(buf, sizeof(buf), "0.0");
	jsonw_raw_number(w, key, buf);
}

static void
roi_json(struct jsonw *w, const struct roi_value *v, bool with_value)
{
	if (with_value) {
		if (v->nan)
			jsonw_null(w, "value");
		else
			num4(w, "value", v->value);
	}
	jsonw_bool(w, "nan", v->nan);
	if (v->cls >= 0)
		jsonw_int(w, "class", v->cls);
	num4(w, "confidence", v->confidence);
}

static int
classify(int argc, char **argv)
{
	const char *model = NULL;
	bool outputs = false;
	struct vmodel vm;
	char err[300];
	int i, rc = 0, first = 0;
	struct jsonw w;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--model") && i + 1 < argc)
			model = argv[++i];
		else if (!strcmp(argv[i], "--outputs"))
			outputs = true;
		else if (!strcmp(argv[i], "--help"))
			return usage(stdout);
		else if (argv[i][0] == '-' && argv[i][1])
			return usage(stderr);
		else
			break;
	}
	first = i;
	if (!model || first >= argc)
		return usage(stderr);
	if (vmodel_load(&vm, model, err, sizeof(err)) < 0) {
		fprintf(stderr, "meterd vision: %s\n", err);
		return 1;
	}
	jsonw_init(&w, stdout);
	for (i = first; i < argc; i++) {
		struct img im;
		struct roi_value v;

		jsonw_obj_open(&w);
		jsonw_str(&w, "file", argv[i]);
		if (img_load_jpeg(&im, argv[i], err, sizeof(err)) < 0 ||
		    vmodel_classify(&vm, &im, 0.5, &v) < 0) {
			jsonw_null(&w, "value");
			jsonw_str(&w, "error", err);
			rc = 1;
		} else {
			jsonw_str(&w, "kind", vmodel_kind_name(vm.kind));
			roi_json(&w, &v, true);
			if (outputs) {
				struct tfl_tensor *o = tfl_output(&vm.tfl);
				size_t k;
				jsonw_arr_open(&w, "outputs");
				for (k = 0; k < o->count; k++)
					jsonw_double(&w, NULL, o->data[k]);
				jsonw_arr_close(&w);
			}
		}
		img_free(&im);
		jsonw_obj_close(&w);
		jsonw_line_end(&w);
	}
	vmodel_free(&vm);
	return rc;
}

static int
read_cmd(int argc, char **argv)
{
	const char *config = NULL, *digits = NULL, *analog = NULL, *image = NULL, *prev = NULL;
	const char *save = NULL;
	struct vision v;
	struct vision_result *res;
	char err[300];
	uint8_t *buf;
	size_t len;
	int i, rc = 0;
	struct jsonw w;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--config") && i + 1 < argc)
			config = argv[++i];
		else if (!strcmp(argv[i], "--digits") && i + 1 < argc)
			digits = argv[++i];
		else if (!strcmp(argv[i], "--analog") && i + 1 < argc)
			analog = argv[++i];
		else if (!strcmp(argv[i], "--prev") && i + 1 < argc)
			prev = argv[++i];
		else if (!strcmp(argv[i], "--save-rois") && i + 1 < argc)
			save = argv[++i];
		else if (!strcmp(argv[i], "--help"))
			return usage(stdout);
		else if (argv[i][0] == '-' || image)
			return usage(stderr);
		else
			image = argv[i];
	}
	if (!config || !image)
		return usage(stderr);
	if (vision_open(&v, config, digits, analog, err, sizeof(err)) < 0) {
		fprintf(stderr, "meterd vision: %s\n", err);
		return 1;
	}
	if (read_file_limit(image, 32u << 20, &buf, &len, err, sizeof(err)) < 0) {
		fprintf(stderr, "meterd vision: %s\n", err);
		vision_close(&v);
		return 1;
	}
	res = calloc(1, sizeof(*res));
	if (!res) {
		free(buf);
		vision_close(&v);
		return 1;
	}
	vision_read_jpeg(&v, buf, len, res);
	free(buf);

	jsonw_init(&w, stdout);
	jsonw_obj_open(&w);
	jsonw_str(&w, "file", image);
	if (!res->ok) {
		jsonw_null(&w, "value");
		jsonw_str(&w, "error", res->error);
		rc = 1;
	} else {
		char fin[80];
		int s, main_seq = 0;

		for (s = 0; s < res->nseq; s++)
			if (!strcmp(res->seq[s].name, "main"))
				main_seq = s;
		if (reading_finish(res->seq[main_seq].raw, prev, v.cfg.seq[main_seq].ignore_leading_nan,
		                   fin, sizeof(fin)) == 0) {
			jsonw_raw_number(&w, "value", fin);
		} else {
			jsonw_null(&w, "value");
			jsonw_str(&w, "error", "a wheel is between two digits and there is no previous value");
			rc = 1;
		}
		jsonw_str(&w, "raw", res->seq[main_seq].raw);
		jsonw_key_obj_open(&w, "sequences");
		for (s = 0; s < res->nseq; s++) {
			jsonw_key_obj_open(&w, res->seq[s].name);
			if (reading_finish(res->seq[s].raw, prev, v.cfg.seq[s].ignore_leading_nan, fin,
			                   sizeof(fin)) == 0)
				jsonw_raw_number(&w, "value", fin);
			else
				jsonw_null(&w, "value");
			jsonw_str(&w, "raw", res->seq[s].raw);
			jsonw_obj_close(&w);
		}
		jsonw_obj_close(&w);
	}
	if (res->nref) {
		jsonw_key_obj_open(&w, "alignment");
		num4(&w, "angle", res->angle);
		jsonw_arr_open(&w, "refs");
		for (i = 0; i < res->nref; i++) {
			jsonw_obj_open(&w);
			jsonw_int(&w, "dx", res->ref[i].fx - res->ref[i].tx);
			jsonw_int(&w, "dy", res->ref[i].fy - res->ref[i].ty);
			num4(&w, "rms", res->ref[i].rms);
			num4(&w, "correlation", res->ref[i].ncc);
			jsonw_bool(&w, "at_border", res->ref[i].at_border);
			jsonw_obj_close(&w);
		}
		jsonw_arr_close(&w);
		jsonw_obj_close(&w);
	}
	jsonw_arr_open(&w, "rois");
	for (i = 0; i < res->nroi; i++) {
		char name[2 * AICFG_NAME + 2];
		snprintf(name, sizeof(name), "%s.%s", res->roi[i].roi->seq, res->roi[i].roi->name);
		jsonw_obj_open(&w);
		jsonw_str(&w, "name", name);
		jsonw_str(&w, "type", res->roi[i].pointer ? "analog" : "digit");
		roi_json(&w, &res->roi[i].v, true);
		jsonw_obj_close(&w);
	}
	jsonw_arr_close(&w);
	jsonw_key_obj_open(&w, "ms");
	num4(&w, "decode", res->ms_decode);
	num4(&w, "align", res->ms_align);
	num4(&w, "rois", res->ms_rois);
	jsonw_obj_close(&w);
	jsonw_obj_close(&w);
	jsonw_line_end(&w);
	if (save && res->aligned.px) {
		uint8_t *jpg;
		size_t jl;
		FILE *f;
		vision_draw_rois(res);
		if (img_encode_jpeg(&res->aligned, 90, &jpg, &jl) == 0) {
			f = fopen(save, "wb");
			if (!f || fwrite(jpg, 1, jl, f) != jl)
				fprintf(stderr, "meterd vision: cannot write %s\n", save);
			if (f)
				fclose(f);
			free(jpg);
		}
	}
	vision_result_free(res);
	free(res);
	vision_close(&v);
	return rc;
}

int
cmd_vision(int argc, char **argv)
{
	if (argc < 2)
		return usage(stderr);
	if (!strcmp(argv[1], "read"))
		return read_cmd(argc - 2, argv + 2);
	if (!strcmp(argv[1], "classify"))
		return classify(argc - 2, argv + 2);
	if (!strcmp(argv[1], "--help"))
		return usage(stdout);
	return usage(stderr);
}
