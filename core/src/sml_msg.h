/*
 * sml_msg.h - SML elements, messages and list entries over a whole buffer
 * (internal to the SML decoder and encoder). Every read goes through a
 * cursor; a parse either succeeds or returns a static reason.
 */
#ifndef METERD_SML_MSG_H
#define METERD_SML_MSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "meterd/cursor.h"
#include "meterd/reading.h"
#include "meterd/sml.h"

/*
 * TL field (SML 1.04 section 6.3.1): bit 7 "another TL byte follows",
 * bits 6-4 the type, bits 3-0 the length nibble; continuation bytes carry
 * type 000 and four more length bits each. For scalars the length counts
 * the TL bytes too, for lists it is the number of elements. 0x00 alone is
 * endOfSmlMsg.
 */
enum sml_type {
	SML_T_OCTETS,
	SML_T_BOOL,
	SML_T_INT,
	SML_T_UINT,
	SML_T_LIST,
	SML_T_END,
	SML_T_BAD,
};

#define SML_TL_MORE   0x80u
#define SML_TL_MAX    4     /* TL bytes: 16 length bits are more than a frame holds */

/* The type of a TL byte (its type bits), SML_T_END for 0x00, SML_T_BAD for reserved types. */
static inline enum sml_type
sml_tl_type(uint8_t b)
{
	if (b == 0x00)
		return SML_T_END;
	switch ((b >> 4) & 0x07) {
	case 0:
		return SML_T_OCTETS;
	case 4:
		return SML_T_BOOL;
	case 5:
		return SML_T_INT;
	case 6:
		return SML_T_UINT;
	case 7:
		return SML_T_LIST;
	}
	return SML_T_BAD;
}

/*
 * Whether a scalar of this type with total length `len` (TL bytes `ntl`
 * included) is well formed: integers have 1..8 data bytes, booleans 1.
 * Returns the data length, or -1.
 */
static inline int32_t
sml_scalar_data_len(enum sml_type t, uint32_t len, unsigned ntl)
{
	uint32_t dl;

	if (t == SML_T_END)
		return 0;
	if (len < ntl)
		return -1;
	dl = len - ntl;
	switch (t) {
	case SML_T_OCTETS:
		return (int32_t)dl;
	case SML_T_BOOL:
		return dl == 1 ? 1 : -1;
	case SML_T_INT:
	case SML_T_UINT:
		return dl >= 1 && dl <= 8 ? (int32_t)dl : -1;
	default:
		return -1;
	}
}


struct sml_el {
	enum sml_type  type;
	uint32_t       len;  /* data bytes of a scalar, elements of a list */
	const uint8_t *data; /* scalars */
};

bool     sml_el_read(struct cursor *c, struct sml_el *e);
/* The same, every case step by step (sml_el_read's fast path falls back to it). */
bool     sml_el_read_slow(struct cursor *c, struct sml_el *e);
/* Skips one whole element, lists and all they contain. */
bool     sml_el_skip(struct cursor *c);
uint64_t sml_el_uint(const struct sml_el *e);
/* Integers and booleans as int64: signed ones sign-extended from their width. */
int64_t  sml_el_int(const struct sml_el *e);
/* An optional field that is absent: 0x01, the empty octet string. */
bool     sml_el_absent(const struct sml_el *e);

struct sml_msg {
	uint32_t       tag;
	size_t         end;         /* offset just after the message */
	size_t         crc_at;      /* offset of the crc16 field */
	uint16_t       crc;         /* the crc16 field's value */
	const uint8_t *server_id;   /* GetListResponse serverId */
	size_t         server_id_len;
	size_t         list_pos;    /* GetListResponse: first valList entry */
	uint32_t       list_count;
	uint16_t       readings;    /* entries of valList that give a reading */
};

/* Parses the message at p[off..n). Returns NULL or a static reason. */
const char *sml_msg_parse(const uint8_t *p, size_t n, size_t off, struct sml_msg *m);

/*
 * Where a frame's readings are: the offset of each list entry that gives a
 * value, in order, so the readings parse only those entries, once. With
 * dzg_fix, SML_ENT_DZG marks an entry the DZG quirk applies to (sml.h).
 */
#define SML_ENT_DZG 0x8000u
/* The entry has the common shape entry_fast reads (sml_msg.c): the readings walk it unchecked. */
#define SML_ENT_FAST 0x4000u
#define SML_ENT_AT   0x3FFFu
struct sml_ents {
	uint16_t *at;
	size_t    n, cap;
	bool      dzg_fix;
};

/* sml_msg_parse, appending the entries with a value to `ents` (when not NULL). */
const char *sml_msg_parse_ents(const uint8_t *p, size_t n, size_t off, struct sml_msg *m,
                               struct sml_ents *ents);
/* Which CRC the message's crc16 field matches: X25, KERMIT (when allowed) or NONE. */
enum sml_crc_kind sml_msg_crc(const uint8_t *p, size_t off, const struct sml_msg *m,
                              bool kermit);
/* The same from the register of CRC-16/X-25 (before its final XOR) run over its n bytes. */
enum sml_crc_kind sml_msg_crc_reg(uint16_t reg, size_t n, const struct sml_msg *m, bool kermit);

struct sml_entry {
	const uint8_t    *name;
	size_t            name_len;
	bool              has_status, has_unit, has_scaler, has_value;
	uint64_t          status;
	uint8_t           unit;
	int8_t            scaler;
	enum reading_time time_kind;
	int64_t           time;
	int64_t           time_utc;      /* the time before local offsets (= time unless LOCAL) */
	int16_t           utc_offset;
	bool              value_is_time; /* the value is an SML_Time: time_* describe it */
	int64_t           value_utc;     /* that time in seconds (secIndex or since 1970 UTC) */
	struct sml_el     value;
};

/*
 * The bytes a one-byte-TL scalar takes, TL included (1..15), by its TL
 * byte; 0 for anything else.
 */
extern const uint8_t sml_tl_scalar[256];

/*
 * The bytes an octet string with a two-byte TL (8x 0y: 16..255 bytes, TL
 * included) takes at p[0..n), when they are there and a byte follows them;
 * 0 for anything else.
 */
unsigned sml_long_octets(const uint8_t *p, size_t n);

/* Parses one SML_ListEntry (a list of 7). Returns NULL or a static reason. */
const char *sml_entry_parse(struct cursor *c, struct sml_entry *en);

#endif
