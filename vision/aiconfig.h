/*
 * aiconfig.h - the subset of AI-on-the-edge's config.ini that describes a
 * reading: [Alignment] (rotation, search field, two reference templates),
 * [Digits] and [Analog] (model, ROIs) and [PostProcessing] (per-sequence
 * rules). A user's existing file is accepted as it is: sections and keys we
 * do not use ([MQTT], [AutoTimer], ...) are skipped; a section commented
 * out as ";[MQTT]" is skipped whole. Paths such as /config/ref0.jpg are
 * looked up beside the config file (by base name).
 */
#ifndef METERD_VISION_AICONFIG_H
#define METERD_VISION_AICONFIG_H

#include <stdbool.h>
#include <stddef.h>

#define AICFG_PATH     512
#define AICFG_NAME     32
#define AICFG_MAX_ROI  24
#define AICFG_MAX_SEQ  8

enum align_algo { ALIGN_DEFAULT, ALIGN_HIGH_ACCURACY, ALIGN_FAST, ALIGN_OFF };

struct aicfg_roi {
	char seq[AICFG_NAME];     /* "main", or "default" for a name without a dot */
	char name[AICFG_NAME];    /* "dig1" */
	int  x, y, w, h;
	bool ccw;
};

struct aicfg_seq {
	char   name[AICFG_NAME];
	int    decimal_shift;
	bool   extended;
	bool   ignore_leading_nan;
	double transition_start;      /* AnalogToDigitTransitionStart [9.2] */
	bool   allow_negative;        /* AllowNegativeRates [false] */
	double max_rate;              /* MaxRateValue; 0 = off */
	bool   max_rate_per_minute;   /* MaxRateType = RateChange */
	double change_threshold;      /* ChangeRateThreshold [2] (in last-digit units) */
	bool   prevalue_use;          /* PreValueUse */
	double prevalue_age_min;      /* PreValueAgeStartup [720] */
};

struct aicfg {
	char   dir[AICFG_PATH];
	double initial_rotate;
	int    search_x, search_y;
	int    algo;                  /* enum align_algo */
	int    nref;
	char   ref_path[2][AICFG_PATH];
	int    ref_x[2], ref_y[2];
	char   digit_model[AICFG_PATH];   /* resolved path, "" if none */
	char   analog_model[AICFG_PATH];
	double cnn_good;
	int    ndig, nana, nseq;
	struct aicfg_roi digits[AICFG_MAX_ROI];
	struct aicfg_roi analog[AICFG_MAX_ROI];
	struct aicfg_seq seq[AICFG_MAX_SEQ];
};

/* Parses path; 0, or -1 with "file:line: message" in err. */
int aicfg_load(struct aicfg *c, const char *path, char *err, size_t errcap);
/* Parses text (dir is where relative paths point). */
int aicfg_parse(struct aicfg *c, const char *text, const char *dir, const char *name,
                char *err, size_t errcap);
/* The sequence's rules (created with defaults when the name is new). */
struct aicfg_seq *aicfg_seq(struct aicfg *c, const char *name);

#endif
