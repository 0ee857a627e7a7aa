/* OBIS parse/format and exact decimal formatting of readings. */
#include "meterd/obis.h"
#include "meterd/reading.h"
#include "unit.h"

static const char *
fmt_obis(const char *s, const struct obis *dflt)
{
	static char buf[OBIS_TEXT_MAX];
	struct obis o;

	if (!obis_parse(&o, s, strlen(s), dflt))
		return "(reject)";
	obis_format(&o, buf);
	return buf;
}

static const char *
fmt_num(int64_t raw, int scaler)
{
	static char buf[READING_NUM_MAX];

	reading_format_number(raw, scaler, buf);
	return buf;
}

int
main(void)
{
	const struct obis elec = {1, 0, 255, 255, 255, 255};

	CHECK_STR(fmt_obis("1-0:1.8.0*255", NULL), "1-0:1.8.0*255");
	CHECK_STR(fmt_obis("1-0:1.8.0", NULL), "1-0:1.8.0*255");
	CHECK_STR(fmt_obis("1-0:1.8.0*07", NULL), "1-0:1.8.0*7");
	CHECK_STR(fmt_obis("0-1:24.2.1", NULL), "0-1:24.2.1*255");
	CHECK_STR(fmt_obis("1.8.0", &elec), "1-0:1.8.0*255");
	{
		/* A full A-B:C.D.E address without F is the current value (F 255), whatever
		 * the default for short addresses says; a short one takes the default's F. */
		const struct obis billing = {1, 0, 255, 255, 255, 3};
		CHECK_STR(fmt_obis("1-0:1.8.0", &billing), "1-0:1.8.0*255");
		CHECK_STR(fmt_obis("1.8.0", &billing), "1-0:1.8.0*3");
	}
	CHECK_STR(fmt_obis("1-0:1.8.0&01", NULL), "1-0:1.8.0*1");
	CHECK_STR(fmt_obis("C.1", NULL), "(reject)");
	CHECK_STR(fmt_obis("F.F", NULL), "(reject)");
	CHECK_STR(fmt_obis("1-0:1.8.256", NULL), "(reject)");
	CHECK_STR(fmt_obis("1-0:1.8", NULL), "(reject)");
	CHECK_STR(fmt_obis("1-0:1.8.0*", NULL), "(reject)");
	CHECK_STR(fmt_obis("", NULL), "(reject)");

	CHECK_STR(fmt_num(54301577, -1), "5430157.7");
	CHECK_STR(fmt_num(-12345, -2), "-123.45");
	CHECK_STR(fmt_num(2, -3), "0.002");
	CHECK_STR(fmt_num(255, 3), "255000");
	CHECK_STR(fmt_num(6344, -2), "63.44");
	CHECK_STR(fmt_num(1200, -2), "12");
	CHECK_STR(fmt_num(1230, -2), "12.3");
	CHECK_STR(fmt_num(0, -4), "0");
	CHECK_STR(fmt_num(0, 3), "0");
	CHECK_STR(fmt_num(INT64_MIN, 0), "-9223372036854775808");
	/* KMP exponents reach +-63. */
	CHECK_STR(fmt_num(1, 63), "1000000000000000000000000000000000000000000000000000000000000000");
	CHECK_STR(fmt_num(-25, -63),
	          "-0.000000000000000000000000000000000000000000000000000000000000025");
	CHECK_STR(fmt_num(INT64_MAX, -19), "0.9223372036854775807");
	{
		struct reading r;
		reading_clear(&r);
		r.raw = 6344;
		r.scaler = -2;
		CHECK(reading_double(&r) == 63.44);
	}
	TEST_END();
}
