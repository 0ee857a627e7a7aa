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
	CHECK_INT(profile_count(text), 2437); /* 2144 holding registers + 293 coils */
	CHECK_INT(profile_parse(&p, text, ents, sizeof(ents) / sizeof(ents[0]), &err), 0);
	if (err.msg)
		fprintf(stderr, "%s:%u:%u: %s\n", path, err.line, err.column, err.msg);
	CHECK_INT(p.count, 2437);
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

int
main(void)
{
	test_parse();
	test_errors();
	test_apply();
	test_trovis();
	TEST_END();
}
