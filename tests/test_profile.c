/*
 * Device profiles: the parser (fields, comments, errors at line:column),
 * applying an entry to a reading (sign, scale, unit, absent sentinel), the
 * write check, and the shipped TROVIS 5573 profile against its register
 * export's facts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meterd/profile.h"
#include "unit.h"

static struct profile_entry ents[4096];

static int
parse_str(const char *src, struct profile *p, struct profile_error *err, char *buf, size_t cap)
{
	snprintf(buf, cap, "%s", src);
	memset(err, 0, sizeof(*err));
	return profile_parse(p, buf, ents, 16, err);
}

static void
test_parse(void)
{
	char buf[1024];
	struct profile p;
	struct profile_error err;
	const struct profile_entry *e;
	const char *src = "# a comment\n"
	                  "\n"
	                  "   # indented comment\n"
	                  "hr9\tAussentemp_AF1\t°C\t0.1\ts16\trw\t-40\t160\t0x7FFF\touter sensor  AF1  \n"
	                  "60 heat_energy_E1 - - - r - - -\r\n"
	                  "co88 level_Rk1 - - bit rw 0 1 -\n"
	                  "hr500 decade - 10000 u16 r 0 99990000 65535 no newline at the end";

	CHECK_INT(profile_count(src), 4);
	CHECK_INT(parse_str(src, &p, &err, buf, sizeof(buf)), 0);
	CHECK_INT(p.count, 4);
	e = profile_find(&p, "hr9");
	CHECK(e != NULL);
	if (e != NULL) {
		CHECK_STR(e->name, "Aussentemp_AF1");
		CHECK_STR(e->unit, "°C");
		CHECK_INT(e->scale_mul, 1);
		CHECK_INT(e->scale_exp, -1);
		CHECK_INT(e->type, PROFILE_S16);
		CHECK(e->writable);
		CHECK(e->has_min && e->has_max && e->has_absent);
		CHECK_INT(e->raw_min, -400);
		CHECK_INT(e->raw_max, 1600);
		CHECK_INT(e->absent, 0x7FFF);
		CHECK_STR(e->description, "outer sensor  AF1");
		CHECK_INT(e->line, 4);
	}
	e = profile_find(&p, "60");
	CHECK(e != NULL);
	if (e != NULL) {
		CHECK_INT(e->type, PROFILE_SELF);
		CHECK_STR(e->unit, "");
		CHECK_STR(e->description, "");
		CHECK(!e->writable && !e->has_min && !e->has_max && !e->has_absent);
		CHECK_INT(e->scale_mul, 1);
		CHECK_INT(e->scale_exp, 0);
	}
	e = profile_find(&p, "hr500");
	CHECK(e != NULL);
	if (e != NULL) {
		CHECK_INT(e->scale_mul, 1);
		CHECK_INT(e->scale_exp, 4);
		CHECK_INT(e->raw_max, 9999);
		CHECK_INT(e->absent, 65535);
		CHECK_STR(e->description, "no newline at the end");
	}
	CHECK(profile_find(&p, "hr10") == NULL);
	CHECK(profile_find_reading(&p, "modbus:247:hr9") == profile_find(&p, "hr9"));
	CHECK(profile_find_reading(&p, "kmp:60") == profile_find(&p, "60"));
	CHECK(profile_find_reading(&p, "60") == profile_find(&p, "60"));
}

static void
expect_error(const char *src, uint32_t line, uint32_t col, const char *msg_start)
{
	char buf[512];
	struct profile p;
	struct profile_error err;

	CHECK_INT(parse_str(src, &p, &err, buf, sizeof(buf)), -1);
	CHECK_INT(p.count, 0);
	CHECK_INT(err.line, line);
	CHECK_INT(err.column, col);
	CHECK(err.msg != NULL && strncmp(err.msg, msg_start, strlen(msg_start)) == 0);
	if (err.msg == NULL || strncmp(err.msg, msg_start, strlen(msg_start)) != 0)
		fprintf(stderr, "  got \"%s\", expected \"%s...\"\n", err.msg ? err.msg : "", msg_start);
}

static void
test_errors(void)
{
	char buf[4096], *q = buf;
	struct profile p;
	struct profile_error err;
	int i;

	expect_error("hr1 a - 1 u16 r 0 10\n", 1, 21, "missing absent");
	expect_error("# c\nhr1 a - 1 u16\n", 2, 14, "missing access");
	expect_error("hr1 a - 0 u16 r - - -\n", 1, 9, "scale must be positive");
	expect_error("hr1 a - 0.x u16 r - - -\n", 1, 9, "scale is not");
	expect_error("hr1 a - 1 u8 r - - -\n", 1, 11, "type must be");
	expect_error("hr1 a - 1 u16 x - - -\n", 1, 15, "access must");
	expect_error("hr1 a - 1 u16 r 10 5 -\n", 1, 20, "max is below min");
	expect_error("hr1 a - 0.1 u16 r 0.05 5 -\n", 1, 19, "min is not");
	expect_error("hr1 a - 1 s16 r -40000 5 -\n", 1, 17, "min does not fit");
	expect_error("hr1 a - 1 u16 r - - 0x10000\n", 1, 21, "absent value");
	expect_error("hr1 a - 1 bit r - - 2\n", 1, 21, "absent value");
	expect_error("hr1 a b c - 1 u16 r - - -\n", 1, 9, "scale is not");
	expect_error("hr1 bad/name - 1 u16 r - - -\n", 1, 5, "name must");
	expect_error("a:b x - 1 u16 r - - -\n", 1, 1, "key too long");
	expect_error("hr1 x averyveryverylongunit - u16 r - - -\n", 1, 7, "unit longer");
	expect_error("hr1 a - 1 u16 r - - -\nhr1 b - 1 u16 r - - -\n", 2, 1, "duplicate key");
	expect_error("hr1 a - 1 u16 r - - -\nhr2 a - 1 u16 r - - -\n", 2, 5, "duplicate name");
	/* More lines than the caller's array (16 here). */
	for (i = 0; i < 17; i++)
		q += sprintf(q, "hr%d n%d - - u16 r - - -\n", i, i);
	memset(&err, 0, sizeof(err));
	CHECK_INT(profile_parse(&p, buf, ents, 16, &err), -1);
	CHECK_INT(err.line, 17);
	CHECK(err.msg != NULL && strstr(err.msg, "entry array") != NULL);
}

static struct reading
mk(const char *id, int64_t raw, const char *unit)
{
	struct reading r;

	reading_clear(&r);
	snprintf(r.id, sizeof(r.id), "%s", id);
	r.raw = raw;
	snprintf(r.unit, sizeof(r.unit), "%s", unit);
	return r;
}

static void
test_apply(void)
{
	char buf[1024];
	struct profile p;
	struct profile_error err;
	struct reading r;
	int64_t raw = 0;
	const char *src = "hr9 AF1 °C 0.1 s16 rw -40 160 0x7FFF\n"
	                  "hr7 big kWh 0.5 u32 r 0 100 -\n"
	                  "60 E1 kWh - - r - - -\n"
	                  "co1 pump - - bit r - - -\n"
	                  "hr8 neg - 1 s32 r - - 0x80000000\n";

	CHECK_INT(parse_str(src, &p, &err, buf, sizeof(buf)), 0);
	r = mk("modbus:247:hr9", 0xFFCE, "");
	CHECK_INT(profile_apply(&p, &r), PROFILE_NAMED);
	CHECK_STR(r.name, "AF1");
	CHECK_INT(r.raw, -50);
	CHECK_INT(r.scaler, -1);
	CHECK_STR(r.unit, "°C");
	r = mk("modbus:247:hr9", 0x7FFF, "");
	CHECK_INT(profile_apply(&p, &r), PROFILE_ABSENT);
	CHECK_STR(r.name, "AF1");
	r = mk("modbus:247:hr10", 0x7FFF, "");
	CHECK_INT(profile_apply(&p, &r), PROFILE_UNKNOWN);
	CHECK(r.name == NULL);
	CHECK_INT(r.raw, 0x7FFF);
	r = mk("modbus:1:hr7", 7, "");
	CHECK_INT(profile_apply(&p, &r), PROFILE_NAMED);
	CHECK_INT(r.raw, 35);
	CHECK_INT(r.scaler, -1);
	/* Self-describing: the meter's unit and scale stay. */
	r = mk("kmp:60", 12345, "MWh");
	r.scaler = -3;
	CHECK_INT(profile_apply(&p, &r), PROFILE_NAMED);
	CHECK_STR(r.name, "E1");
	CHECK_STR(r.unit, "MWh");
	CHECK_INT(r.raw, 12345);
	CHECK_INT(r.scaler, -3);
	r = mk("modbus:1:co1", 3, "");
	CHECK_INT(profile_apply(&p, &r), PROFILE_NAMED);
	CHECK_INT(r.raw, 1);
	r = mk("modbus:1:hr8", 0xFFFFFFFEll, "");
	CHECK_INT(profile_apply(&p, &r), PROFILE_NAMED);
	CHECK_INT(r.raw, -2);
	r = mk("modbus:1:hr8", 0x80000000ll, "");
	CHECK_INT(profile_apply(&p, &r), PROFILE_ABSENT);

	/* Writes: in range, a multiple of the scale, and only where rw. */
	CHECK_INT(profile_raw_for_write(profile_find(&p, "hr9"), 215, -1, &raw), 0);
	CHECK_INT(raw, 215);
	CHECK_INT(profile_raw_for_write(profile_find(&p, "hr9"), -40, 0, &raw), 0);
	CHECK_INT(raw, -400);
	CHECK_INT(profile_raw_for_write(profile_find(&p, "hr9"), 1601, -1, &raw), -1);
	CHECK_INT(profile_raw_for_write(profile_find(&p, "hr9"), 2155, -2, &raw), -1);
	CHECK_INT(profile_raw_for_write(profile_find(&p, "hr7"), 5, -1, &raw), -1);
}

/* The shipped TROVIS 5573 profile parses and says what its register export says. */
static void
test_trovis(void)
{
	const char *path = METERD_SOURCE_DATADIR "/profiles/samson-trovis-5573.profile";
	FILE *f = fopen(path, "rb");
	char *text;
	long n;
	struct profile p;
	struct profile_error err = {0, 0, NULL};
	const struct profile_entry *e;
	struct reading r;
	/* trovis5573_seed_reads line 4: registers 9..22 and their expected values. */
	static const uint16_t words[14] = {0xFFCE, 0x7FFF, 0x7FFF, 0x012C, 0x7FFF, 0x7FFF, 0x7FFF,
	                                   0x7FFF, 0x7FFF, 0x7FFF, 0x00C8, 0x7FFF, 0x7FFF, 0x01C2};
	static const int64_t want_x10[14] = {-50, 0, 0, 300, 0, 0, 0, 0, 0, 0, 200, 0, 0, 450};
	int i, named = 0, absent = 0, unknown = 0;

	CHECK(f != NULL);
	if (f == NULL)
		return;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	text = malloc((size_t)n + 1);
	CHECK(text != NULL && fread(text, 1, (size_t)n, f) == (size_t)n);
	fclose(f);
	text[n] = '\0';
	/* 2144 holding registers + 293 coils, and one block line per row of the blocks CSV. */
	CHECK_INT(profile_count(text), 2437 + 81);
	CHECK_INT(profile_parse(&p, text, ents, sizeof(ents) / sizeof(ents[0]), &err), 0);
	if (err.msg)
		fprintf(stderr, "%s:%u:%u: %s\n", path, err.line, err.column, err.msg);
	CHECK_INT(p.count, 2437);
	CHECK_INT(p.nblocks, 81);
	if (p.nblocks == 81) {
		/* First and last rows of trovis5573_rev2.54_register_blocks.csv. */
		CHECK_STR(p.blocks[0].key, "hr0");
		CHECK_STR(p.blocks[0].name, "hr5");
		CHECK_STR(p.blocks[1].key, "hr9");
		CHECK_STR(p.blocks[1].name, "hr30");
	}
	e = profile_find(&p, "hr9");
	CHECK(e != NULL && strcmp(e->name, "Aussentemp_AF1") == 0 && e->type == PROFILE_S16 &&
	      e->scale_exp == -1 && e->raw_min == -400 && e->raw_max == 1600 && e->has_absent &&
	      e->absent == 0x7FFF && strcmp(e->unit, "°C") == 0);
	e = profile_find(&p, "hr106"); /* HR40107 control signal Rk1, RW 0..100 % */
	CHECK(e != NULL && strcmp(e->name, "Stellsignal_Rk1") == 0 && e->writable &&
	      e->raw_min == 0 && e->raw_max == 100 && strcmp(e->unit, "%") == 0);
	e = profile_find(&p, "hr99"); /* clock HHMM: a packed integer, scale 1 */
	CHECK(e != NULL && e->scale_mul == 1 && e->scale_exp == 0 && e->raw_max == 2359);
	e = profile_find(&p, "hr0");
	CHECK(e != NULL && !e->writable);
	e = profile_find(&p, "co89"); /* CL90 level bit of Rk1's control signal */
	CHECK(e != NULL && e->type == PROFILE_BIT && e->writable);
	/* Undefined registers inside the first seed read are not in the profile. */
	CHECK(profile_find(&p, "hr10") == NULL && profile_find(&p, "hr11") == NULL &&
	      profile_find(&p, "hr18") == NULL && profile_find(&p, "hr21") == NULL);
	for (i = 0; i < 14; i++) {
		char id[32];
		enum profile_result res;
		snprintf(id, sizeof(id), "modbus:247:hr%d", 9 + i);
		r = mk(id, words[i], "");
		res = profile_apply(&p, &r);
		if (res == PROFILE_NAMED) {
			named++;
			CHECK_INT(r.scaler, -1);
			CHECK_INT(r.raw, want_x10[i]);
			CHECK_STR(r.unit, "°C");
		} else if (res == PROFILE_ABSENT) {
			absent++;
		} else {
			unknown++;
		}
	}
	/* AF1 -5.0, VF1 30.0, RF1 20.0, SF1 45.0 present; six sensors absent. */
	CHECK_INT(named, 4);
	CHECK_INT(absent, 6);
	CHECK_INT(unknown, 4);
	free(text);
}

/*
 * 32-bit entries: two registers, high word at the key (u32, s32, f32) or
 * low word at the key (the *sw forms). Words as a device sends them.
 */
static void
test_words(void)
{
	char buf[1024];
	struct profile p;
	struct profile_error err;
	struct reading r;
	const struct profile_entry *e;
	const char *src = "hr0 energy Wh 1 u32 r - - -\n"
	                  "hr2 energy_sw Wh 1 u32sw r - - -\n"
	                  "hr4 power W 1 s32 r - - -\n"
	                  "hr6 power_sw W 1 s32sw r - - -\n"
	                  "hr8 voltage V - f32 r - - -\n"
	                  "hr10 voltage_sw V - f32sw r - - -\n"
	                  "hr12 energy_k kWh 0.001 f32 r - - -\n";

	CHECK_INT(parse_str(src, &p, &err, buf, sizeof(buf)), 0);
	/* 305419896 = 0x12345678: registers 0x1234 0x5678, or 0x5678 0x1234 swapped. */
	e = profile_find(&p, "hr0");
	CHECK_INT(profile_entry_words(e), 2);
	r = mk("modbus:1:hr0", profile_join_words(e, 0x1234, 0x5678), "");
	CHECK_INT(profile_apply(&p, &r), PROFILE_NAMED);
	CHECK_INT(r.raw, 305419896);
	e = profile_find(&p, "hr2");
	CHECK(e->word_swap);
	r = mk("modbus:1:hr2", profile_join_words(e, 0x5678, 0x1234), "");
	CHECK_INT(profile_apply(&p, &r), PROFILE_NAMED);
	CHECK_INT(r.raw, 305419896);
	/* -2 = 0xFFFFFFFE. */
	e = profile_find(&p, "hr4");
	r = mk("modbus:1:hr4", profile_join_words(e, 0xFFFF, 0xFFFE), "");
	CHECK_INT(profile_apply(&p, &r), PROFILE_NAMED);
	CHECK_INT(r.raw, -2);
	e = profile_find(&p, "hr6");
	r = mk("modbus:1:hr6", profile_join_words(e, 0xFFFE, 0xFFFF), "");
	CHECK_INT(profile_apply(&p, &r), PROFILE_NAMED);
	CHECK_INT(r.raw, -2);
	/* 230.1 V as an IEEE single is 0x4366199A: exactly 2301e-1, not 230.099998. */
	e = profile_find(&p, "hr8");
	CHECK_INT(profile_entry_words(e), 2);
	r = mk("modbus:1:hr8", profile_join_words(e, 0x4366, 0x199A), "");
	CHECK_INT(profile_apply(&p, &r), PROFILE_NAMED);
	CHECK_INT(r.raw, 2301);
	CHECK_INT(r.scaler, -1);
	CHECK_STR(r.unit, "V");
	e = profile_find(&p, "hr10");
	r = mk("modbus:1:hr10", profile_join_words(e, 0x199A, 0x4366), "");
	CHECK_INT(profile_apply(&p, &r), PROFILE_NAMED);
	CHECK_INT(r.raw, 2301);
	/* -1.5 (0xBFC00000) with scale 0.001: -0.0015 kWh. */
	e = profile_find(&p, "hr12");
	r = mk("modbus:1:hr12", profile_join_words(e, 0xBFC0, 0x0000), "");
	CHECK_INT(profile_apply(&p, &r), PROFILE_NAMED);
	CHECK_INT(r.raw, -15);
	CHECK_INT(r.scaler, -4);
	/* NaN (0x7FC00000): no value. */
	r = mk("modbus:1:hr8", profile_join_words(profile_find(&p, "hr8"), 0x7FC0, 0), "");
	CHECK_INT(profile_apply(&p, &r), PROFILE_ABSENT);
	CHECK_INT(profile_entry_words(profile_find(&p, "hr0")), 2);
	/* Floats take no range or absent value, and are never written. */
	CHECK_INT(parse_str("hr8 v V - f32 r 0 - -\n", &p, &err, buf, sizeof(buf)), -1);
	CHECK_STR(err.msg, "f32 takes no min");
	CHECK_INT(parse_str("hr8 v V - f32sw rw - - 0x7FC00000\n", &p, &err, buf, sizeof(buf)), -1);
	CHECK_INT(err.column, 24);
	CHECK_INT(parse_str("hr8 v V - f32 rw - - -\n", &p, &err, buf, sizeof(buf)), 0);
	{
		int64_t raw;
		CHECK_INT(profile_raw_for_write(profile_find(&p, "hr8"), 1, 0, &raw), -1);
	}
	CHECK_INT(parse_str("hr8 v V - u64 r - - -\n", &p, &err, buf, sizeof(buf)), -1);
}

/* Block lines: kept apart from the values, in file order, errors at line:column. */
static void
test_blocks(void)
{
	char buf[1024];
	struct profile p;
	struct profile_error err;

	CHECK_INT(parse_str("block hr0 hr5\n"
	                    "hr0 a - 1 u16 r - - -\n"
	                    "block\thr9\thr30\t# HR40010-40031\n"
	                    "hr9 b - 1 u16 r - - -\n"
	                    "block co0 co3",
	                    &p, &err, buf, sizeof(buf)),
	          0);
	CHECK_INT(p.count, 2);
	CHECK_STR(p.entries[0].key, "hr0");
	CHECK_STR(p.entries[1].name, "b");
	CHECK_INT(p.nblocks, 3);
	CHECK_STR(p.blocks[0].key, "hr0");
	CHECK_STR(p.blocks[0].name, "hr5");
	CHECK_STR(p.blocks[1].key, "hr9");
	CHECK_STR(p.blocks[1].name, "hr30");
	CHECK_INT(p.blocks[1].line, 3);
	CHECK_STR(p.blocks[2].name, "co3");
	CHECK(profile_find(&p, "hr5") == NULL); /* a block is no value */
	CHECK_INT(parse_str("hr0 a - 1 u16 r - - -\nblock hr0\n", &p, &err, buf, sizeof(buf)), -1);
	CHECK_INT(err.line, 2);
	CHECK_STR(err.msg, "block needs a first and a last key");
	CHECK_INT(parse_str("block hr0 hr1 hr2\n", &p, &err, buf, sizeof(buf)), -1);
	CHECK_INT(err.column, 15);
	CHECK_STR(err.msg, "block takes two keys");
	/* "blockx" is an ordinary key. */
	CHECK_INT(parse_str("blockx a - 1 u16 r - - -\n", &p, &err, buf, sizeof(buf)), 0);
	CHECK_INT(p.count, 1);
	CHECK_INT(p.nblocks, 0);
}

int
main(void)
{
	test_parse();
	test_errors();
	test_apply();
	test_words();
	test_blocks();
	test_trovis();
	TEST_END();
}
