/*
 * mbplan.h - which Modbus read requests a polled meter sends: the registers
 * it wants, grouped into as few reads as the device answers.
 *
 * A Modbus slave answers a read of `count` registers only when every one of
 * them exists: a TROVIS 5573 answers exception 02 (illegal data address) as
 * soon as a read crosses one of its register blocks
 * (tests/fixtures/modbus/trovis5573_rev2.54_register_blocks.csv), and some
 * of its blocks touch (HR41045 ends one, HR41046 starts the next). A device
 * profile lists registers, not blocks, so the plan starts from what the
 * profile or the value lines give:
 *
 *   1. every wanted register as a one-value read (mbplan_key_parse);
 *   2. mbplan_group(): sorted, duplicates dropped, contiguous addresses of
 *      one table merged up to the protocol limit per read (125 registers,
 *      2000 bits; Modbus Application Protocol V1.1b3 §6.1-6.4); gaps are
 *      never bridged, since a register the profile leaves out may not exist;
 *   3. at run time, a read of several values that the device refuses with
 *      exception 02 is split in halves (mbplan_split()) and both are tried
 *      again. After at most log2(125) refusals every read lies inside one
 *      block, and the plan stays that way for the meter's life. A single
 *      value refused so is one the device does not have (the profile lists
 *      registers of other firmware or models): the caller marks it
 *      `refused` and stops asking.
 *
 * A profile that lists its readable blocks (profile.h "block hr9 hr30")
 * spares the refusals: mbplan_group_blocks() bridges the gaps inside a
 * block and never crosses its ends, so the first poll of a TROVIS 5573's
 * whole profile is a few dozen reads that are all answered, instead of
 * hundreds of reads and refusals (bench/mbplan-trovis.sh prints both).
 *
 * 32-bit profile entries (u32, s32, f32 and their word-swapped forms) are
 * planned as two-register reads (mbplan_entry_read) and read back joined
 * (mbplan_reading).
 *
 * Pure logic: no I/O, no clock; the caller owns the array.
 */
#ifndef METERD_MBPLAN_H
#define METERD_MBPLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "meterd/mb_pdu.h"
#include "meterd/profile.h"

struct mb_read {
	uint8_t function; /* MB_FC_READ_COILS .. MB_FC_READ_INPUT_REGISTERS */
	uint16_t address; /* first wire address */
	uint16_t count;
	bool sent;    /* the caller's: submitted in the current poll */
	bool refused; /* the caller's: a single value the device says it does not have */
};

/*
 * Parses a register key as profile.h names them: "hr9" (holding register,
 * FC 3), "ir9" (input register, FC 4), "co88" (coil, FC 1), "di0" (discrete
 * input, FC 2); a full reading id "modbus:247:hr9" gives its last part.
 * Fills r as a one-value read and returns 0, or -1 for anything else.
 */
int mbplan_key_parse(const char *key, struct mb_read *r);

/* The key of r's first value ("hr9") into buf; returns buf. */
const char *mbplan_key_format(const struct mb_read *r, char *buf, size_t cap);

/* Values one read of this function may ask for: 125 registers or 2000 bits. */
uint16_t mbplan_max(uint8_t function);

/*
 * Groups reads[0..n) in place: sorted by table and address, overlaps and
 * duplicates merged, contiguous runs joined up to mbplan_max(). Returns the
 * new count (<= n). Every input value is covered by exactly one output read.
 */
size_t mbplan_group(struct mb_read *reads, size_t n);

/*
 * Splits reads[i] in halves: the first half stays at i, the second is
 * appended at *n (both unsent). Returns 0, or -1 when reads[i] has a single
 * value (nothing to split) or the array is full (*n == cap). The array
 * never needs more entries than values planned.
 */
int mbplan_split(struct mb_read *reads, size_t *n, size_t cap, size_t i);

/*
 * The read for a profile entry: its key's register, and both registers of
 * a 32-bit entry. Returns 0, or -1 when the key is no register key.
 */
int mbplan_entry_read(const struct profile_entry *e, struct mb_read *r);

/*
 * The profile's block lines as reads spanning each block (first to last
 * register), into out[0..cap). Block lines whose keys are no register
 * keys, are of two tables or run backwards are left out. Returns how many.
 */
size_t mbplan_blocks(const struct profile *p, struct mb_read *out, size_t cap);

/*
 * mbplan_group(), but reads that lie inside one of blocks[0..nb) (from
 * mbplan_blocks) are joined across the gaps between them, up to
 * mbplan_max(), and never with a read outside that block. Reads outside
 * every block are grouped as mbplan_group() does (no gap bridged).
 */
size_t mbplan_group_blocks(struct mb_read *reads, size_t n, const struct mb_read *blocks,
                           size_t nb);

/*
 * Value i of a read reply as a meter with profile p publishes it: the
 * reading mb_read_reading() gives, named and scaled by profile_apply().
 * For a 32-bit entry, values i and i+1 are joined in the entry's word order
 * first, and *used is 2; else *used is 1. A 32-bit entry whose second
 * register is not in the reply is PROFILE_ABSENT: half a value is no value.
 */
enum profile_result mbplan_reading(const struct profile *p, uint8_t slave,
                                   const struct mb_request *rq, const struct mb_response *rsp,
                                   size_t i, struct reading *r, size_t *used);

#endif
