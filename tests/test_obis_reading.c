/* OBIS parse/format and exact decimal formatting of readings. */
#include <stdlib.h>

#include "meterd/dataset.h"
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

/*
 * A data set's address as the dataset iterator reads it (a one-digit
 * "a-b:" or "a-b:c.d.e" looked at as one word, the rest byte-wise, when
 * 24 bytes or more follow) against obis_parse_form over the address alone (the byte-wise
 * grammar, bounded): the same form, or -1 alike, for random addresses of
 * the grammar's bytes, most of them starting like "1-0:".
 */
static void
test_address_form(void)
{
	static const char alphabet[] = "0123456789012-:.*&..a";
	static const char tail[] = "(1)\r\n0-0:1.8.0(2)\r\n1-0:2.8.0(3)\r\n!";
	static const char *const heads[] = {"1-0:", "0-0:", "9-9:", "1-0.", "1:0:", "1-0-", "a-0:", "1-a:",
	                                    "1-0:1.8.", "0-0:9.9.", "1-0:1.8:", "1-0:1-8.", "1-0:a.8.",
	                                    "1-0:1.a.", "/-0:1.8.", "1-0:1.8.0", "1-0:1.8.0*"};
	uint32_t seed = 4242;
	int round, checked = 0;

	for (round = 0; round < 50000; round++) {
		uint8_t block[64];
		size_t n, i;
		struct dataset_iter it;
		struct obis o;

		seed = seed * 1103515245u + 12345u;
		n = 1 + (seed >> 16) % 22;
		for (i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			block[i] = (uint8_t)alphabet[(seed >> 16) % (sizeof(alphabet) - 1)];
		}
		if (round % 2 == 0) {
			const char *h = heads[(round / 2) % (sizeof(heads) / sizeof(heads[0]))];
			if (strlen(h) <= n)
				memcpy(block, h, strlen(h));
		}
		/* "(1)" and enough after it that the address is read unbounded. */
		memcpy(block + n, tail, sizeof(tail) - 1);
		dataset_iter_init(&it, block, n + sizeof(tail) - 1);
		if (!dataset_iter_next_set(&it) || it.addr != block || it.addr_len != n)
			continue;
		CHECK_INT(it.addr_form, obis_parse_form(&o, (const char *)block, n, NULL));
		checked++;
	}
	CHECK(checked > 10000);
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
	CHECK_STR(fmt_obis("1-0:1.8.0.1", NULL), "(reject)");
	CHECK_STR(fmt_obis("1-0:1.8.0*255*1", NULL), "(reject)");
	CHECK_STR(fmt_obis("1-0:1.8.1000", NULL), "(reject)");
	CHECK_STR(fmt_obis("0:1.8.0", NULL), "(reject)");
	CHECK_STR(fmt_obis("255-255:255.255.255*255", NULL), "255-255:255.255.255*255");
	{
		/*
		 * obis_scan reads a code up to whatever ends it, with and without
		 * the 24 bytes that let it read unbounded; obis_parse_form says
		 * which groups were written.
		 */
		static const struct {
			const char *s;
			size_t      n; /* bytes offered; 0: strlen */
			size_t      len;
			int         form;
		} scan[] = {
			{"1-0:1.8.0*255(0008048.375*kWh)", 0, 13, OBIS_FORM_AB | OBIS_FORM_F},
			{"1-0:1.8.0*255(0008048.375*kWh)", 13, 13, OBIS_FORM_AB | OBIS_FORM_F},
			{"1-0:1.8.0*255(0008048.375*kWh)", 12, 12, OBIS_FORM_AB | OBIS_FORM_F},
			{"1-0:1.8.0*255(0008048.375*kWh)", 11, 11, OBIS_FORM_AB | OBIS_FORM_F},
			{"1-0:1.8.0*255(0008048.375*kWh)", 10, 0, 0},
			{"0-1:24.2.1(101209110000W)(12785.123*m3)", 0, 10, OBIS_FORM_AB},
			{"1.8.0(00012.5*kWh)", 0, 5, 0},
			{"1.8.0*01(0028.086*MWh)", 0, 8, OBIS_FORM_F},
			{"6.8*01(0028.086*MWh)", 0, 0, 0},
			{"1-0:1.8.0&02(1)", 0, 12, OBIS_FORM_AB | OBIS_FORM_F},
			{"255-255:255.255.255*255(1)xxxxxxxx", 0, 23, OBIS_FORM_AB | OBIS_FORM_F},
			{"255-255:255.255.255*255", 0, 23, OBIS_FORM_AB | OBIS_FORM_F},
			{"255-255:255.255.255*2555(1)xxxxxxx", 0, 0, 0},
			{"1-0:1.8.0.1(1)xxxxxxxxxxxxxxxxxxxxx", 0, 0, 0},
			{"1-0:1.8.0*255*1(1)xxxxxxxxxxxxxxxxx", 0, 0, 0},
			{"0-0:C.1.0*255(63355730)xxxxxxxxxxxx", 0, 0, 0},
			{"1-0:1.8.256(1)xxxxxxxxxxxxxxxxxxxxx", 0, 0, 0},
			{"1-0:1.8.0:1(1)xxxxxxxxxxxxxxxxxxxxx", 0, 0, 0},
		};
		struct obis o;
		size_t i;
		int form;

		for (i = 0; i < sizeof(scan) / sizeof(scan[0]); i++) {
			size_t n = scan[i].n ? scan[i].n : strlen(scan[i].s);
			/* Exactly n bytes on the heap: a read past them shows under ASan. */
			char *b = malloc(n);
			memcpy(b, scan[i].s, n);
			form = -7;
			CHECK_INT(obis_scan(&o, b, n, NULL, &form), scan[i].len);
			CHECK_INT(obis_scan(NULL, b, n, NULL, NULL), scan[i].len);
			if (scan[i].len > 0) {
				CHECK_INT(form, scan[i].form);
				CHECK_INT(obis_parse_form(&o, b, scan[i].len, NULL), scan[i].form);
			}
			free(b);
		}
		CHECK(obis_scan(&o, "1-0:2.8.1*3(", 12, NULL, NULL) == 11 && o.a == 1 && o.b == 0 &&
		      o.c == 2 && o.d == 8 && o.e == 1 && o.f == 3);
		CHECK_INT(obis_parse_form(&o, "1.8.0", 5, NULL), 0);
		CHECK_INT(obis_parse_form(&o, "C.1.0", 5, NULL), -1);
		CHECK_INT(obis_parse_form(&o, "", 0, NULL), -1);
	}

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
	test_address_form();
	TEST_END();
}
