/*
 * test_mbplan.c - Modbus read planning: key parsing, grouping within the
 * per-read limits, and splitting refused reads until a device with the
 * TROVIS 5573's register blocks answers every one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Line time of one read: request 8 bytes, reply 5 + 2 n, 11-bit characters at 19200 Bd, t3.5 twice. */
static double
read_ms(unsigned count)
{
	return (8.0 + 5.0 + 2.0 * count) * 11.0 * 1000.0 / 19200.0 + 2 * 1.75;
}

/*
 * Simulates the first poll of a plan against a device that refuses reads
 * across its blocks (the CSV), as the daemon does: refused reads are split
 * and asked again. Returns the requests sent and their line time.
 */
static size_t
first_poll(struct mb_read *r, size_t *n, size_t cap, uint16_t (*blk)[2], size_t nb,
           size_t *refused, double *ms)
{
	size_t sent = 0;

	*refused = 0;
	*ms = 0;
	for (size_t i = 0; i < *n; i++) {
		int b0 = block_of(blk, nb, r[i].address);
		int b1 = block_of(blk, nb, (unsigned)r[i].address + r[i].count - 1u);
		sent++;
		if (b0 != b1 || b0 < 0) {
			(*refused)++;
			*ms += read_ms(0) + 8.0 * 11 * 1000 / 19200; /* request + exception */
			if (mbplan_split(r, n, cap, i) == 0)
				i--; /* ask the first half again at once */
			continue;
		}
		*ms += read_ms(r[i].count);
	}
	return sent;
}

/*
 * The shipped TROVIS 5573 profile, whole (every holding register it lists,
 * as the daemon plans a meter without value lines): with its block lines
 * the plan is answered read for read; without them, reads across blocks
 * are refused and split first. Prints both.
 */
static void
test_trovis_blocks(void)
{
	static uint16_t blk[256][2];
	static struct mb_read r[4096], plain[4096], blocks[256];
	static struct profile_entry ents[4096];
	static char text[400000];
	static uint8_t want[65536];
	struct profile p;
	struct profile_error err;
	size_t nb = load_blocks(blk, 256), n = 0, np, nblk, refused, sent, wanted = 0;
	double ms;
	FILE *f = fopen(METERD_SOURCE_DATADIR "/profiles/samson-trovis-5573.profile", "rb");
	size_t len;

	CHECK(f != NULL);
	if (f == NULL)
		return;
	len = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	text[len] = '\0';
	CHECK_INT(profile_parse(&p, text, ents, profile_count(text), &err), 0);
	nblk = mbplan_blocks(&p, blocks, 256);
	CHECK_INT(nblk, nb);
	for (size_t i = 0; i < nblk && i < nb; i++) {
		CHECK_INT(blocks[i].address, blk[i][0]);
		CHECK_INT(blocks[i].address + blocks[i].count - 1, blk[i][1]);
	}
	for (size_t i = 0; i < p.count; i++) {
		struct mb_read x;
		if (mbplan_entry_read(&p.entries[i], &x) == 0 &&
		    x.function == MB_FC_READ_HOLDING_REGISTERS) {
			r[n++] = x;
			want[x.address] = 1;
			wanted++;
		}
	}
	memcpy(plain, r, n * sizeof(r[0]));
	np = mbplan_group(plain, n);
	sent = first_poll(plain, &np, 4096, blk, nb, &refused, &ms);
	printf("TROVIS 5573 whole profile, %zu registers: without blocks %zu requests (%zu refused), "
	       "%.1f s of line time at 19200 Bd\n",
	       wanted, sent, refused, ms / 1000);
	CHECK(refused > 0);

	n = mbplan_group_blocks(r, n, blocks, nblk);
	sent = first_poll(r, &n, 4096, blk, nb, &refused, &ms);
	printf("TROVIS 5573 whole profile, %zu registers: with blocks %zu requests (%zu refused), "
	       "%.1f s of line time at 19200 Bd\n",
	       wanted, sent, refused, ms / 1000);
	CHECK_INT(refused, 0);
	CHECK(sent <= nb + 10); /* about one read per block: a few blocks pass 125 registers */
	/* Every wanted register is read exactly once; a read holds only registers of its block. */
	for (size_t i = 0; i < n; i++) {
		CHECK(r[i].count >= 1 && r[i].count <= 125);
		for (unsigned a = r[i].address; a < (unsigned)r[i].address + r[i].count; a++) {
			CHECK(want[a] != 2);
			if (want[a] == 1)
				want[a] = 2;
		}
	}
	for (unsigned a = 0; a < 65536; a++)
		if (want[a] == 1) {
			CHECK(!"register not read");
			break;
		}
}

/* Group with blocks: gaps bridged inside a block only, never across its ends. */
static void
test_group_blocks(void)
{
	struct mb_read b[2] = {rd(MB_FC_READ_HOLDING_REGISTERS, 9, 22),  /* hr9..hr30 */
	                       rd(MB_FC_READ_HOLDING_REGISTERS, 31, 10)}; /* touches it */
	struct mb_read r[8];
	size_t n = 0;

	r[n++] = rd(MB_FC_READ_HOLDING_REGISTERS, 9, 1);
	r[n++] = rd(MB_FC_READ_HOLDING_REGISTERS, 22, 2); /* a 32-bit value */
	r[n++] = rd(MB_FC_READ_HOLDING_REGISTERS, 30, 1);
	r[n++] = rd(MB_FC_READ_HOLDING_REGISTERS, 31, 1); /* next block: not joined */
	r[n++] = rd(MB_FC_READ_HOLDING_REGISTERS, 35, 1);
	r[n++] = rd(MB_FC_READ_HOLDING_REGISTERS, 50, 1); /* outside: alone */
	r[n++] = rd(MB_FC_READ_HOLDING_REGISTERS, 51, 1); /* touches it: joined */
	r[n++] = rd(MB_FC_READ_COILS, 10, 1);              /* other table */
	n = mbplan_group_blocks(r, n, b, 2);
	CHECK_INT(n, 4);
	CHECK_INT(r[0].function, MB_FC_READ_COILS);
	CHECK_INT(r[1].address, 9);
	CHECK_INT(r[1].count, 22);
	CHECK_INT(r[2].address, 31);
	CHECK_INT(r[2].count, 5);
	CHECK_INT(r[3].address, 50);
	CHECK_INT(r[3].count, 2);
}

/* A reply read back with a profile: 32-bit entries joined from their two registers. */
static void
test_reading_words(void)
{
	static char text[] = "hr0 energy Wh 1 u32 r - - -\n"
	                     "hr2 power W 0.1 s32sw r - - -\n"
	                     "hr4 volt V - f32 r - - -\n"
	                     "hr6 temp C 0.1 s16 r - - 0x7FFF\n"
	                     "hr7 tail Wh 1 u32 r - - -\n";
	struct profile_entry e[8];
	struct profile p;
	struct profile_error err;
	/* FC 3 reply of 8 registers from hr0, bytes as on the wire (big-endian words). */
	static const uint8_t req[] = {0x03, 0x00, 0x00, 0x00, 0x08};
	static const uint8_t rsp[] = {0x03, 0x10, 0x12, 0x34, 0x56, 0x78, 0xFF, 0xFE, 0xFF, 0xFF,
	                              0x43, 0x66, 0x19, 0x9A, 0x00, 0xD7, 0x00, 0x01};
	struct mb_request rq;
	struct mb_response rs;
	struct reading rdg;
	size_t used, i = 0;

	CHECK_INT(profile_parse(&p, text, e, 8, &err), 0);
	CHECK_INT(mb_req_parse(&rq, req, sizeof(req)), 0);
	CHECK_INT(mb_rsp_parse(&rs, rsp, sizeof(rsp)), 0);
	CHECK_INT(mbplan_reading(&p, 1, &rq, &rs, i, &rdg, &used), PROFILE_NAMED);
	CHECK_STR(rdg.name, "energy");
	CHECK_INT(rdg.raw, 0x12345678);
	CHECK_INT(used, 2);
	i += used;
	CHECK_INT(mbplan_reading(&p, 1, &rq, &rs, i, &rdg, &used), PROFILE_NAMED);
	CHECK_STR(rdg.name, "power");
	CHECK_INT(rdg.raw, -2); /* words FFFE FFFF swapped: 0xFFFFFFFE */
	CHECK_INT(rdg.scaler, -1);
	i += used;
	CHECK_INT(mbplan_reading(&p, 1, &rq, &rs, i, &rdg, &used), PROFILE_NAMED);
	CHECK_INT(rdg.raw, 2301);
	CHECK_INT(rdg.scaler, -1);
	i += used;
	CHECK_INT(mbplan_reading(&p, 1, &rq, &rs, i, &rdg, &used), PROFILE_NAMED);
	CHECK_INT(rdg.raw, 215);
	CHECK_INT(used, 1);
	i += used;
	/* hr7 is 32-bit but the reply ends after it: half a value is none. */
	CHECK_INT(mbplan_reading(&p, 1, &rq, &rs, i, &rdg, &used), PROFILE_ABSENT);
	CHECK_INT(used, 1);
	CHECK_INT(i + used, mb_read_count(&rq, &rs));
	{
		struct mb_read x;
		CHECK_INT(mbplan_entry_read(profile_find(&p, "hr4"), &x), 0);
		CHECK_INT(x.count, 2);
		CHECK_INT(mbplan_entry_read(profile_find(&p, "hr6"), &x), 0);
		CHECK_INT(x.count, 1);
	}
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
	test_group_blocks();
	test_reading_words();
	test_trovis_blocks();
	TEST_END();
}
