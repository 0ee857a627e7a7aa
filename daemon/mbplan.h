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
 * Pure logic: no I/O, no clock; the caller owns the array.
 */
#ifndef METERD_MBPLAN_H
#define METERD_MBPLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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

#endif
