/*
 * profile.h - device profiles: what a polled device's values are called,
 * in which unit and scale, and which of them may be written.
 *
 * A profile is a data file (data/profiles/<name>.profile), never code, so a
 * user can add a device without a rebuild. The core only parses it; finding
 * the file by name (METERD_DATADIR/profiles/<name>.profile) is the caller's
 * business (daemon, tools).
 *
 * File format (UTF-8 text, one value per line):
 *
 *   # comment: a line whose first non-blank character is '#'
 *   # key    name             unit  scale  type  access  min    max    absent  description
 *   hr9      Aussentemp_AF1   °C    0.1    s16   r       -40    160    0x7FFF  outdoor sensor AF1
 *   60       heat_energy_E1   -     -      -     r       -      -      -       E1 heat energy
 *
 * Fields are separated by blanks (spaces or tabs); the first nine are
 * required and are never empty: "-" stands for "none". The description is
 * the rest of the line (blanks kept, may be absent).
 *
 *   key     how the protocol addresses the value; no blanks. It is matched
 *           against the last ':'-separated part of a reading id:
 *             Kamstrup KMP   register id in decimal        "60"  (id "kmp:60")
 *             Modbus         table + wire address, decimal "hr9" (id "modbus:247:hr9")
 *                            tables: hr holding register, ir input register,
 *                            co coil, di discrete input. The wire address is
 *                            the vendor's number minus its base (HR40010 -> hr9).
 *   name    the value's published name: letters, digits, '_', '-', '.'
 *           (ASCII, at most PROFILE_NAME_MAX - 1 bytes). Unique in a profile.
 *   unit    unit text as published ("°C", "kWh", "m3/h"), at most
 *           READING_UNIT_MAX - 1 bytes; "-" for none.
 *   scale   decimal factor from the raw integer to the value: "0.1", "1",
 *           "10000", "0.5"; "-" means 1. Kept exact: the reading gets
 *           raw * m and scaler e where scale = m * 10^e.
 *   type    how the raw bits are read: u16 s16 (one register), u32 s32
 *           (two's complement for s) and f32 (IEEE 754 single) in two
 *           registers, the key's register holding the high word (Modbus's
 *           usual order, "ABCD"), or u32sw s32sw f32sw with the words
 *           swapped (the key's register holds the low word, "CDAB", as many
 *           energy meters send it); bit (coils, discrete inputs), or "-"
 *           for self-describing values (KMP, M-Bus) whose unit and scale the
 *           meter sends itself; for those only name (and access, range)
 *           apply. f32 values take no min, max or absent ("-"), and are
 *           never written.
 *   access  r (read only) or rw (may be written, e.g. through the gateway).
 *   min max the valid range in the value's unit (after scale), decimal;
 *           "-" for unbounded. Stored as raw bounds, so each must be a
 *           whole multiple of the scale.
 *   absent  raw value the device sends when it has no value (a missing
 *           sensor: 0x7FFF on the TROVIS 5573), decimal or 0x hex, compared
 *           with the raw bits before sign extension; "-" for none.
 *
 * Readable blocks (Modbus): a line
 *
 *   block   hr9   hr30
 *
 * says the device answers any read from the first key's register to the
 * last's, both included (TROVIS 5573: HR40010-40031), so a read plan may
 * bridge the registers the profile leaves out inside it, and must not cross
 * its ends (a '#' comment may follow the keys). Blocks of one table do
 * not overlap. A profile without block
 * lines says nothing about blocks (mbplan.h then finds them by refusals).
 *
 * Parsing works in place over the caller's NUL-terminated text: separators
 * are overwritten with NULs and the entries point into the text, so the
 * text must outlive the profile and every reading named from it. There is
 * no heap: the caller gives the entry array (profile_count() says how big;
 * block lines are kept at its end, see struct profile).
 */
#ifndef METERD_PROFILE_H
#define METERD_PROFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "meterd/reading.h"

#define PROFILE_NAME_MAX 48
#define PROFILE_KEY_MAX  24

enum profile_type {
	PROFILE_SELF = 0, /* "-": self-describing */
	PROFILE_U16,
	PROFILE_S16,
	PROFILE_U32,
	PROFILE_S32,
	PROFILE_BIT,
	PROFILE_F32,
};

struct profile_entry {
	const char       *key;
	const char       *name;
	const char       *unit;        /* "" when "-" */
	const char       *description; /* "" when none */
	int32_t           scale_mul;   /* scale = scale_mul * 10^scale_exp */
	int8_t            scale_exp;
	enum profile_type type;
	bool              word_swap;   /* 32-bit types: the key's register holds the low word */
	bool              writable;
	bool              has_min, has_max, has_absent;
	int64_t           raw_min, raw_max; /* valid when has_min / has_max */
	uint32_t          absent;           /* raw bits, valid when has_absent */
	uint32_t          line;             /* in the profile file, for messages */
};

struct profile {
	const struct profile_entry *entries;
	size_t                      count;
	/*
	 * Block lines, in file order: key is the first register's key, name the
	 * last's (only key, name and line are set). They live at the end of the
	 * entry array the caller gave, after the values.
	 */
	const struct profile_entry *blocks;
	size_t                      nblocks;
};

/* Where and why a profile did not parse. line and column count from 1. */
struct profile_error {
	uint32_t    line;
	uint32_t    column;
	const char *msg; /* static text */
};

/*
 * The number of value lines in text (an upper bound for the entry array).
 */
size_t profile_count(const char *text);

/*
 * Parses the NUL-terminated text in place into entries[0..cap). On success
 * returns 0 and sets p. On error returns -1, fills *err (line:column of the
 * offending field) and leaves p empty; text is then partly overwritten.
 * Errors: a missing field, a bad number, a scale of 0, an unknown type or
 * access, min > max, a range or absent value that does not fit the type, a
 * duplicate key or name, more than cap entries.
 */
int profile_parse(struct profile *p, char *text, struct profile_entry *entries, size_t cap,
                  struct profile_error *err);

/* Registers a typed entry spans: 2 for the 32-bit types, else 1. */
unsigned profile_entry_words(const struct profile_entry *e);

/*
 * The 32 bits of a two-register entry from the register at its key (w0)
 * and the one after it (w1), in the entry's word order; profile_apply()
 * reads them from r->raw.
 */
uint32_t profile_join_words(const struct profile_entry *e, uint16_t w0, uint16_t w1);

/* The entry for key, or NULL. */
const struct profile_entry *profile_find(const struct profile *p, const char *key);

/* The entry whose key is the last ':'-separated part of a reading id, or NULL. */
const struct profile_entry *profile_find_reading(const struct profile *p, const char *id);

enum profile_result {
	PROFILE_UNKNOWN, /* no entry for this reading: r is unchanged */
	PROFILE_NAMED,   /* r now carries the entry's name (and unit, scale, sign) */
	PROFILE_ABSENT,  /* the device says "no value" (absent sentinel): r is named
	                    but its number means nothing; do not publish it */
};

/*
 * Applies the entry for r (looked up by r->id) to r: sets r->name; for typed
 * entries also reads r->raw as the type's bits (low 16 or 32 bits, sign
 * extended for s16/s32, an IEEE single for f32 made an exact decimal as
 * reading_from_float32() does; a NaN or infinity is PROFILE_ABSENT),
 * multiplies by the scale and sets the unit and scaler. Self-describing entries ("-") keep the meter's unit and scale.
 * r->name points into the profile text.
 */
enum profile_result profile_apply(const struct profile *p, struct reading *r);

/*
 * Converts a value in the entry's unit (mantissa * 10^exp10) to raw and
 * checks it against the entry's range and access, for writes. Returns 0 and
 * *raw, or -1 when the value is out of range, not a multiple of the scale,
 * or the entry is read-only.
 */
int profile_raw_for_write(const struct profile_entry *e, int64_t mantissa, int exp10,
                          int64_t *raw);

#endif
