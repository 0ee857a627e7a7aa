/*
 * test_mbplan.c - Modbus read planning: key parsing, grouping within the
 * per-read limits, and splitting refused reads until a device with the
 * TROVIS 5573's register blocks answers every one.
 */
#include <stdlib.h>

#include "daemon/mbplan.h"
#include "meterd/mb_pdu.h"
#include "unit.h"

static void
test_keys(void)
{
	struct mb_read r;

	CHECK_INT(mbplan_key_parse("hr9", &r), 0);
	CHECK_INT(r.function, MB_FC_READ_HOLDING_REGISTERS);
	CHECK_INT(r.address, 9);
	CHECK_INT(r.count, 1);
	CHECK_INT(mbplan_key_parse("modbus:247:co88", &r), 0);
	CHECK_INT(r.function, MB_FC_READ_COILS);
	CHECK_INT(r.address, 88);
	CHECK_INT(mbplan_key_parse("ir65535", &r), 0);
	CHECK_INT(r.address, 65535);
	CHECK_INT(mbplan_key_parse("di0", &r), 0);
	CHECK_INT(r.function, MB_FC_READ_DISCRETE_INPUTS);
	{
		char buf[16];
		CHECK_STR(mbplan_key_format(&r, buf, sizeof(buf)), "di0");
		r.function = MB_FC_READ_INPUT_REGISTERS;
		r.address = 65535;
		CHECK_STR(mbplan_key_format(&r, buf, sizeof(buf)), "ir65535");
	}
	CHECK_INT(mbplan_key_parse("ir65536", &r), -1);
	CHECK_INT(mbplan_key_parse("hr", &r), -1);
	CHECK_INT(mbplan_key_parse("hr-1", &r), -1);
	CHECK_INT(mbplan_key_parse("hr09", &r), -1);
	CHECK_INT(mbplan_key_parse("hr9x", &r), -1);
	CHECK_INT(mbplan_key_parse("Aussentemp_AF1", &r), -1);
	CHECK_INT(mbplan_key_parse("40010", &r), -1);
}

static struct mb_read
rd(uint8_t fc, uint16_t a, uint16_t n)
{
	struct mb_read r = {.function = fc, .address = a, .count = n, .sent = true};
	return r;
}

static void
test_group(void)
{
	struct mb_read r[400];
	size_t n = 0;

	/* Unsorted, duplicated, two tables, a gap, and a run longer than one read. */
	r[n++] = rd(MB_FC_READ_HOLDING_REGISTERS, 12, 1);
	r[n++] = rd(MB_FC_READ_COILS, 5, 1);
	r[n++] = rd(MB_FC_READ_HOLDING_REGISTERS, 9, 1);
	r[n++] = rd(MB_FC_READ_HOLDING_REGISTERS, 13, 1);
	r[n++] = rd(MB_FC_READ_HOLDING_REGISTERS, 12, 1);
	r[n++] = rd(MB_FC_READ_COILS, 6, 1);
	for (unsigned a = 1000; a < 1300; a++)
		r[n++] = rd(MB_FC_READ_INPUT_REGISTERS, (uint16_t)a, 1);
	n = mbplan_group(r, n);
	CHECK_INT(n, 6);
	CHECK_INT(r[0].function, MB_FC_READ_COILS);
	CHECK_INT(r[0].address, 5);
	CHECK_INT(r[0].count, 2);
	CHECK(!r[0].sent);
	CHECK_INT(r[1].address, 9); /* hr9 alone: hr10, hr11 are not asked for */
	CHECK_INT(r[1].count, 1);
	CHECK_INT(r[2].address, 12);
	CHECK_INT(r[2].count, 2);
	CHECK_INT(r[3].function, MB_FC_READ_INPUT_REGISTERS);
	CHECK_INT(r[3].address, 1000);
	CHECK_INT(r[3].count, 125);
	CHECK_INT(r[4].address, 1125);
	CHECK_INT(r[4].count, 125);
	CHECK_INT(r[5].address, 1250);
	CHECK_INT(r[5].count, 50);
	CHECK_INT(mbplan_group(r, 0), 0);
	/* Overlapping ranges (as a split plan regrouped) merge without double reads. */
	n = 0;
	r[n++] = rd(MB_FC_READ_HOLDING_REGISTERS, 0, 100);
	r[n++] = rd(MB_FC_READ_HOLDING_REGISTERS, 50, 100);
	r[n++] = rd(MB_FC_READ_HOLDING_REGISTERS, 10, 5);
	n = mbplan_group(r, n);
	CHECK_INT(n, 2);
	CHECK_INT(r[0].address, 0);
	CHECK_INT(r[0].count, 100); /* kept whole: the union would pass 125 */
	CHECK_INT(r[1].address, 100);
	CHECK_INT(r[1].count, 50);
}

/* The readable blocks of the CSV: first and last wire address of each. */
static size_t
load_blocks(uint16_t (*blk)[2], size_t cap)
{
	const char *dir = getenv("FIXTURES");
	char path[512], line[256];
	FILE *f;
	size_t n = 0;

	snprintf(path, sizeof(path), "%s/modbus/trovis5573_rev2.54_register_blocks.csv",
	         dir != NULL ? dir : "tests/fixtures");
	f = fopen(path, "r");
	CHECK(f != NULL);
	if (f == NULL)
		return 0;
	while (fgets(line, sizeof(line), f) != NULL && n < cap) {
		unsigned a, b, c, d;
		if (sscanf(line, "%u,%u,%u,%u", &a, &b, &c, &d) == 4) {
			blk[n][0] = (uint16_t)c;
			blk[n][1] = (uint16_t)d;
			n++;
		}
	}
	fclose(f);
	return n;
}

static int
block_of(uint16_t (*blk)[2], size_t nb, unsigned a)
{
	for (size_t i = 0; i < nb; i++)
		if (a >= blk[i][0] && a <= blk[i][1])
			return (int)i;
	return -1;
}

/*
 * Every register of every block but each 7th (the profile leaves registers
 * out): the grouped plan crosses touching blocks (HR41045/41046 ...), the
 * device refuses those reads with exception 02, the splits converge.
 */
static void
test_split_until_answered(void)
{
	static uint16_t blk[256][2];
	static struct mb_read r[16384];
	static uint8_t seen[65536];
	size_t nb = load_blocks(blk, 256), n = 0, refused = 0, rounds = 0;
	size_t wanted = 0;

	CHECK(nb > 50);
	for (size_t i = 0; i < nb; i++)
		for (unsigned a = blk[i][0]; a <= blk[i][1]; a++)
			if (a % 7 != 3) {
				r[n++] = rd(MB_FC_READ_HOLDING_REGISTERS, (uint16_t)a, 1);
				seen[a] = 1;
				wanted++;
			}
	n = mbplan_group(r, n);
	CHECK(n < wanted / 4);
	for (;;) {
		size_t again = 0;
		for (size_t i = 0; i < n; i++) {
			int b0 = block_of(blk, nb, r[i].address);
			int b1 = block_of(blk, nb, (unsigned)r[i].address + r[i].count - 1u);
			CHECK(r[i].count >= 1 && r[i].count <= 125);
			if (b0 != b1 || b0 < 0) {
				refused++;
				again++;
				CHECK_INT(mbplan_split(r, &n, wanted, i), 0);
			}
		}
		rounds++;
		if (again == 0 || rounds > 10)
			break;
	}
	CHECK(rounds <= 8); /* log2(125) + the round that finds nothing */
	CHECK(refused > 0);
	/* Every wanted register read exactly once, nothing else. */
	for (size_t i = 0; i < n; i++)
		for (unsigned a = r[i].address; a < (unsigned)r[i].address + r[i].count; a++) {
			CHECK_INT(seen[a], 1);
			seen[a] = 2;
		}
	for (unsigned a = 0; a < 65536; a++)
		if (seen[a] == 1) {
			CHECK(!"register not read");
			break;
		}
	printf("%zu registers in %zu reads after %zu refusals\n", wanted, n, refused);
}

static void
test_split_edges(void)
{
	struct mb_read r[3] = {rd(MB_FC_READ_COILS, 10, 5), rd(MB_FC_READ_COILS, 40, 1)};
	size_t n = 2;

	CHECK_INT(mbplan_split(r, &n, 3, 1), -1); /* one value */
	CHECK_INT(mbplan_split(r, &n, 3, 2), -1); /* no such read */
	CHECK_INT(mbplan_split(r, &n, 3, 0), 0);
	CHECK_INT(n, 3);
	CHECK_INT(r[0].address, 10);
	CHECK_INT(r[0].count, 2);
	CHECK_INT(r[2].address, 12);
	CHECK_INT(r[2].count, 3);
	CHECK(!r[0].sent && !r[2].sent);
	CHECK_INT(mbplan_split(r, &n, 3, 2), -1); /* full */
}

int
main(void)
{
	test_keys();
	test_group();
	test_split_until_answered();
	test_split_edges();
	TEST_END();
}
