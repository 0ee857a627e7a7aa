/*
 * The vision layer's pure parts: the .tflite reader refuses truncated and
 * mutated files without crashing (and a model that loads still runs), the
 * reading rules give the reference's published results, and the
 * AI-on-the-edge config.ini fixtures parse as they are.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "vision/aiconfig.h"
#include "vision/image.h"
#include "vision/reading.h"
#include "vision/tflite.h"

static char fixdir[512];

static const char *
fix(const char *rel)
{
	static char path[1024];

	snprintf(path, sizeof(path), "%s/watermeter/%s", fixdir, rel);
	return path;
}

/* xorshift: the same mutations on every run */
static uint32_t rng = 2463534242u;
static uint32_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

static void
model_rejects_damage(const char *name, int mutations)
{
	uint8_t *buf, *copy;
	size_t len, cut;
	char err[300];
	struct tfl_model m;
	int i, loaded = 0, rejected = 0, truncated_ok = 0;

	CHECK(read_file_limit(fix(name), 4u << 20, &buf, &len, err, sizeof(err)) == 0);
	if (!buf)
		return;
	copy = malloc(len);
	/* intact: loads and runs */
	CHECK(tfl_load(&m, buf, len, err, sizeof(err)) == 0);
	if (m.ntensors) {
		tfl_invoke(&m);
		CHECK(tfl_output(&m)->count > 0);
	}
	tfl_free(&m);
	/* every truncation (in steps) is refused with a message */
	for (cut = 0; cut < len; cut += 1 + len / 300) {
		if (tfl_load(&m, buf, cut, err, sizeof(err)) == 0)
			truncated_ok++;
		else
			CHECK(err[0] != '\0');
		tfl_free(&m);
	}
	CHECK_INT(truncated_ok, 0);
	/* random byte and word mutations: refused, or loaded and runnable */
	for (i = 0; i < mutations; i++) {
		int k, n = 1 + (int)(next() % 4);
		memcpy(copy, buf, len);
		for (k = 0; k < n; k++) {
			size_t at = next() % len;
			if (next() & 1)
				copy[at] = (uint8_t)next();
			else if (at + 4 <= len)
				memcpy(copy + at, (uint32_t[]){next() % 0x10000}, 4);
		}
		if (tfl_load(&m, copy, len, err, sizeof(err)) == 0) {
			if (loaded++ % 4 == 0)   /* running each would only repeat: the fuzzer does more */
				tfl_invoke(&m);
		} else {
			rejected++;
		}
		tfl_free(&m);
	}
	fprintf(stderr, "%s: %d mutations loaded (weights changed), %d rejected\n", name, loaded,
	        rejected);
	CHECK(rejected > 0);
	/* a few hand-made breakages with known messages */
	memcpy(copy, buf, len);
	memcpy(copy + 4, "XXXX", 4);
	CHECK(tfl_load(&m, copy, len, err, sizeof(err)) < 0);
	CHECK(strstr(err, "TFL3") != NULL);
	memcpy(copy, buf, len);
	memcpy(copy, (uint32_t[]){(uint32_t)len + 100}, 4);
	CHECK(tfl_load(&m, copy, len, err, sizeof(err)) < 0);
	free(copy);
	free(buf);
}

static struct roi_value
rv(double v)
{
	struct roi_value r = {v, false, 1, 0};
	return r;
}

static void
assemble_case(const double *d, int nd, const double *a, int na, const char *want)
{
	struct roi_value dig[16], ana[16];
	struct reading_rules rules;
	char raw[64], fin[64];
	int i;

	for (i = 0; i < nd; i++)
		dig[i] = rv(d[i]);
	for (i = 0; i < na; i++)
		ana[i] = rv(a[i]);
	reading_rules_default(&rules);
	reading_assemble(dig, nd, false, ana, na, &rules, raw, sizeof(raw));
	CHECK(reading_finish(raw, NULL, false, fin, sizeof(fin)) == 0);
	CHECK_STR(fin, want);
}

static void
reading_rules(void)
{
	/* the reference's own unit-test expectations (camera-reading.md 1.5) */
	assemble_case((double[]){1.2, 6.7}, 2, (double[]){9.5, 8.4}, 2, "16.98");
	assemble_case((double[]){5.0, 8.6}, 2, (double[]){9.8, 6.7, 8.9, 8.6, 9.8}, 5, "58.96889");
	assemble_case((double[]){0.0, 9.9, 6.8, 9.9, 3.7, 0.8, 6.9, 8.7}, 8, NULL, 0, "704178");
	/* the two photos' ROI values (expected.txt) */
	assemble_case((double[]){0.0, 0.0, 4.0, 5.0, 2.6}, 5, (double[]){9.99, 1.06, 2.54, 4.09}, 4,
	              "453.0124");
	assemble_case((double[]){0.0, 0.8, 5.9}, 3, (double[]){3.0, 1.23, 4.01, 9.27}, 4, "16.3139");
	/* expected.txt: a last wheel read 2.5 instead of 2.6 flips the transition */
	assemble_case((double[]){0.0, 0.0, 4.0, 5.0, 2.5}, 5, (double[]){9.99, 1.06, 2.54, 4.09}, 4,
	              "452.0124");
	/* a pointer 0.25 before an integer counts as past it when the next one
	 * says it has just passed zero (Analog_error 0.3) */
	assemble_case((double[]){4.0}, 1, (double[]){2.75, 1.0}, 2, "4.31");
	/* wheel rolling over with the x0.1 pointer just before zero: not yet */
	assemble_case((double[]){1.0, 2.9}, 2, (double[]){9.6, 5.0}, 2, "12.95");

	/* N: filled from the previous value, refused without one */
	{
		struct roi_value dig[3] = {rv(0), rv(4), rv(0)}, ana[1] = {rv(3.2)};
		struct reading_rules r;
		char raw[64], fin[64];
		dig[2].nan = true;
		reading_rules_default(&r);
		reading_assemble(dig, 3, true, ana, 1, &r, raw, sizeof(raw));
		CHECK_STR(raw, "04N.3");
		CHECK(reading_finish(raw, NULL, false, fin, sizeof(fin)) < 0);
		CHECK(reading_finish(raw, "45.1", false, fin, sizeof(fin)) == 0);
		CHECK_STR(fin, "45.3");
		r.extended = true;
		reading_assemble(dig, 3, true, ana, 1, &r, raw, sizeof(raw));
		CHECK_STR(raw, "04N.32");
		r.extended = false;
		r.decimal_shift = 1;
		reading_assemble(dig, 3, true, ana, 1, &r, raw, sizeof(raw));
		CHECK_STR(raw, "04N3");
	}
	/* model outputs */
	{
		struct roi_value v;
		float ana[2] = {(float)sin(2 * M_PI * 0.25), (float)cos(2 * M_PI * 0.25)};
		float c11[11] = {0};
		vmodel_interpret(VM_ANA_CONT, ana, 2, 0.5, &v);
		CHECK(fabs(v.value - 2.5) < 1e-5);
		c11[10] = 1;
		vmodel_interpret(VM_CLASS11, c11, 11, 0.5, &v);
		CHECK(v.nan);
	}
}

static void
config_files(void)
{
	struct aicfg c;
	char err[300];

	CHECK(aicfg_load(&c, fix("photos/aoe-default-2021/config.ini"), err, sizeof(err)) == 0);
	CHECK_INT(c.ndig, 3);
	CHECK_INT(c.nana, 4);
	CHECK_INT(c.nref, 2);
	CHECK_INT(c.ref_x[1], 442);
	CHECK_INT(c.search_x, 20);
	CHECK(fabs(c.initial_rotate - 179) < 1e-9);
	CHECK(strstr(c.ref_path[0], "aoe-default-2021/ref0.jpg") != NULL);
	CHECK(strstr(c.analog_model, "aoe-default-2021/ana0700s1lq.tflite") != NULL);
	CHECK_STR(c.analog[3].name, "ana4");
	CHECK_INT(c.analog[3].x, 155);
	CHECK_INT(c.nseq, 1);
	CHECK(fabs(c.seq[0].max_rate - 0.1) < 1e-9);
	CHECK(!c.seq[0].allow_negative);
	CHECK(!c.seq[0].extended);   /* only [Analog] has it: ignored, as the firmware does */

	CHECK(aicfg_load(&c, fix("photos/wmsc-2020/config.ini"), err, sizeof(err)) == 0);
	CHECK_INT(c.ndig, 5);
	CHECK_INT(c.nana, 4);
	CHECK_INT(c.search_x, 30);
	CHECK_INT(c.nref, 2);   /* the third reference is commented out */
	CHECK_INT(c.digits[4].x, 446);
	CHECK(!c.digits[4].ccw);

	CHECK(aicfg_parse(&c, "[Digits]\nmain.dig1 1 2 3\n", ".", "x.ini", err, sizeof(err)) < 0);
	CHECK_STR(err, "x.ini:2: expected 'seq.name x y width height [CCW]'");
	CHECK(aicfg_parse(&c, "[Analog]\nana1 1 2 30 30 true\n[PostProcessing]\nMaxRateValue = x\n",
	                  ".", "y.ini", err, sizeof(err)) < 0);
	CHECK_STR(err, "y.ini:4: bad value 'x' for MaxRateValue");
	CHECK(aicfg_parse(&c, "[Analog]\nana1 1 2 30 30 true\n", ".", "z.ini", err, sizeof(err)) == 0);
	CHECK_STR(c.analog[0].seq, "default");
	CHECK(c.analog[0].ccw);
}

int
main(void)
{
	const char *f = getenv("FIXTURES");

	snprintf(fixdir, sizeof(fixdir), "%s", f ? f : "tests/fixtures");
	model_rejects_damage("models/dig1300s2q.tflite", 600);
	model_rejects_damage("models/ana0700s1.tflite", 200);
	model_rejects_damage("models/dig-class100-0182-s2_q.tflite", 100);
	reading_rules();
	config_files();
	TEST_END();
}
