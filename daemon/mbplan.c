/*
 * mbplan.c - Modbus read planning; see mbplan.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meterd/mb_pdu.h"
#include "mbplan.h"

static const struct {
	char prefix[3];
	uint8_t function;
} tables[] = {
    {"hr", MB_FC_READ_HOLDING_REGISTERS},
    {"ir", MB_FC_READ_INPUT_REGISTERS},
    {"co", MB_FC_READ_COILS},
    {"di", MB_FC_READ_DISCRETE_INPUTS},
};

int
mbplan_key_parse(const char *key, struct mb_read *r)
{
	const char *k = strrchr(key, ':');
	unsigned long a = 0;

	k = k != NULL ? k + 1 : key;
	for (size_t t = 0; t < sizeof(tables) / sizeof(tables[0]); t++) {
		const char *d = k + 2;
		if (strncmp(k, tables[t].prefix, 2) != 0 || *d == '\0')
			continue;
		/* Decimal, no sign, no blanks, no leading zeros beyond "0" itself. */
		if (d[0] == '0' && d[1] != '\0')
			return -1;
		for (; *d != '\0'; d++) {
			if (*d < '0' || *d > '9')
				return -1;
			a = a * 10 + (unsigned long)(*d - '0');
			if (a > 0xffff)
				return -1;
		}
		memset(r, 0, sizeof(*r));
		r->function = tables[t].function;
		r->address = (uint16_t)a;
		r->count = 1;
		return 0;
	}
	return -1;
}

const char *
mbplan_key_format(const struct mb_read *r, char *buf, size_t cap)
{
	const char *t = "?";

	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++)
		if (tables[i].function == r->function)
			t = tables[i].prefix;
	snprintf(buf, cap, "%s%u", t, (unsigned)r->address);
	return buf;
}

uint16_t
mbplan_max(uint8_t function)
{
	return function == MB_FC_READ_COILS || function == MB_FC_READ_DISCRETE_INPUTS ? 2000 : 125;
}

static int
read_cmp(const void *a, const void *b)
{
	const struct mb_read *x = a, *y = b;

	if (x->function != y->function)
		return x->function < y->function ? -1 : 1;
	if (x->address != y->address)
		return x->address < y->address ? -1 : 1;
	return 0;
}

size_t
mbplan_group(struct mb_read *reads, size_t n)
{
	size_t out = 0;

	if (n == 0)
		return 0;
	qsort(reads, n, sizeof(*reads), read_cmp);
	for (size_t i = 0; i < n; i++) {
		struct mb_read *last = out > 0 ? &reads[out - 1] : NULL;
		uint32_t end = (uint32_t)reads[i].address + reads[i].count;
		if (last != NULL && last->function == reads[i].function) {
			uint32_t last_end = (uint32_t)last->address + last->count;
			if (end <= last_end)
				continue; /* already covered */
			if (reads[i].address <= last_end &&
			    end - last->address <= mbplan_max(last->function)) {
				last->count = (uint16_t)(end - last->address);
				continue;
			}
			if (reads[i].address < last_end) {
				/* Overlaps, but the union is too long: start after the covered
				 * part. */
				reads[i].count = (uint16_t)(end - last_end);
				reads[i].address = (uint16_t)last_end;
			}
		}
		reads[out] = reads[i];
		reads[out].sent = false;
		out++;
	}
	return out;
}

int
mbplan_split(struct mb_read *reads, size_t *n, size_t cap, size_t i)
{
	struct mb_read *r = &reads[i];
	uint16_t half;

	if (i >= *n || r->count < 2 || *n >= cap)
		return -1;
	half = r->count / 2;
	reads[*n] = *r;
	reads[*n].address = (uint16_t)(r->address + half);
	reads[*n].count = (uint16_t)(r->count - half);
	reads[*n].sent = false;
	r->count = half;
	r->sent = false;
	(*n)++;
	return 0;
}

int
mbplan_entry_read(const struct profile_entry *e, struct mb_read *r)
{
	if (mbplan_key_parse(e->key, r) != 0)
		return -1;
	r->count = (uint16_t)profile_entry_words(e);
	return 0;
}

size_t
mbplan_blocks(const struct profile *p, struct mb_read *out, size_t cap)
{
	size_t n = 0;

	for (size_t i = 0; i < p->nblocks && n < cap; i++) {
		struct mb_read a, b;
		if (mbplan_key_parse(p->blocks[i].key, &a) != 0 ||
		    mbplan_key_parse(p->blocks[i].name, &b) != 0 || a.function != b.function ||
		    b.address < a.address)
			continue;
		a.count = (uint16_t)(b.address - a.address + 1u);
		out[n++] = a;
	}
	return n;
}

/* The block that holds all of r, or NULL. */
static const struct mb_read *
block_of(const struct mb_read *r, const struct mb_read *blocks, size_t nb)
{
	uint32_t end = (uint32_t)r->address + r->count;

	for (size_t i = 0; i < nb; i++)
		if (blocks[i].function == r->function && r->address >= blocks[i].address &&
		    end <= (uint32_t)blocks[i].address + blocks[i].count)
			return &blocks[i];
	return NULL;
}

size_t
mbplan_group_blocks(struct mb_read *reads, size_t n, const struct mb_read *blocks, size_t nb)
{
	const struct mb_read *last_block = NULL;
	size_t out = 0;

	if (n == 0)
		return 0;
	qsort(reads, n, sizeof(*reads), read_cmp);
	for (size_t i = 0; i < n; i++) {
		struct mb_read *last = out > 0 ? &reads[out - 1] : NULL;
		const struct mb_read *b = block_of(&reads[i], blocks, nb);
		uint32_t end = (uint32_t)reads[i].address + reads[i].count;
		if (last != NULL && last->function == reads[i].function) {
			uint32_t last_end = (uint32_t)last->address + last->count;
			if (end <= last_end)
				continue; /* already covered */
			/* Inside one block any span is answered; outside, only what touches. */
			bool joinable = b != NULL ? b == last_block : last_block == NULL &&
			                                                 reads[i].address <= last_end;
			if (joinable && end - last->address <= mbplan_max(last->function)) {
				last->count = (uint16_t)(end - last->address);
				continue;
			}
			if (reads[i].address < last_end) {
				reads[i].count = (uint16_t)(end - last_end);
				reads[i].address = (uint16_t)last_end;
				b = block_of(&reads[i], blocks, nb);
			}
		}
		reads[out] = reads[i];
		reads[out].sent = false;
		out++;
		last_block = b;
	}
	return out;
}

enum profile_result
mbplan_reading(const struct profile *p, uint8_t slave, const struct mb_request *rq,
               const struct mb_response *rsp, size_t i, struct reading *r, size_t *used)
{
	const struct profile_entry *e;
	size_t n = mb_read_count(rq, rsp);

	*used = 1;
	mb_read_reading(r, slave, rq, rsp, i);
	if (p == NULL || p->count == 0)
		return PROFILE_UNKNOWN;
	e = profile_find_reading(p, r->id);
	if (e != NULL && profile_entry_words(e) == 2 && rq->function != MB_FC_READ_COILS &&
	    rq->function != MB_FC_READ_DISCRETE_INPUTS) {
		struct reading second;
		if (i + 1 >= n) {
			r->name = e->name;
			return PROFILE_ABSENT;
		}
		mb_read_reading(&second, slave, rq, rsp, i + 1);
		r->raw = profile_join_words(e, (uint16_t)r->raw, (uint16_t)second.raw);
		*used = 2;
	}
	return profile_apply(p, r);
}
