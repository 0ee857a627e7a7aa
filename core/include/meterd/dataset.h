/*
 * dataset.h - the text grammar IEC 62056-21 ("D0") and DSMR P1 share.
 *
 * Both protocols send an identification line and then data lines made of
 * data sets (IEC 62056-21 section 6.3.14; DSMR P1 companion standard 6.4):
 *
 *   /ISk5\2MT382-1000                         identification
 *   1-0:1.8.1*255(0008048.375*kWh)            address ( value * unit )
 *   1-0:1.6.0(02.468*kW)(1703100930)          several values
 *   6.8(0029.055*MWh)6.26(01589.28*m3)        several data sets per line
 *   9.4(088*C&082*C)                          '&'-separated parts of a value
 *   0-1:24.3.0(...)(m3)                       DSMR 2.2: values continue on
 *   (00001.001)                               the next line
 *   !                                         end of the data
 *
 * This module holds that grammar once: the identification line, a byte
 * classifier the streaming framers of d0.c and dsmr.c run to find line
 * starts and the '!' end mark outside parentheses, and an iterator over a
 * buffered, already validated data block that yields each value, plus the
 * conversion of one value into a struct reading. It has no state of its own
 * and no protocol policy (checksums, time stamps): those stay in d0.c and
 * dsmr.c.
 *
 * Values (dataset_value_parse):
 *   - a number is [blanks][+|-]digits[.digits][blanks] followed by an optional
 *     "*unit"; it becomes raw + decimal scaler exactly ("00012345.6" is raw
 *     123456, scaler -1) when it fits in 63 bits, otherwise it is text;
 *   - the unit is kept as sent ("kWh", "m3ph", "C" for the degree Celsius of
 *     the Siemens 2WR5, "" for "013925.5*"), cut to READING_UNIT_MAX - 1;
 *   - anything else is text, as sent, blanks included ("V01.69#EEA3546C",
 *     "        ", hex-encoded DSMR equipment ids);
 *   - "()" is an empty text, so a consumer still sees the register exists.
 *   '&' separates parts of one value (Siemens 2WR5: "088*C&082*C" is flow and
 *   return temperature); each part is a value of its own.
 *
 * Ids (dataset_format_id): an address with the A-B groups ("1-0:1.8.0")
 * gets "*255" when it has no F group, so it is in full A-B:C.D.E*F form; an
 * F group is kept as the meter wrote it ("*01"). A short address ("1.8.0",
 * "1.8.0*01") is kept as sent unless the caller gives an A-B prefix (D0
 * option "obis_prefix"), because the meter did not say which medium it
 * means. Letter addresses (C.1, F.F, 0-0:C.1.0*255) are not OBIS and stay
 * as sent.
 */
#ifndef METERD_DATASET_H
#define METERD_DATASET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "meterd/cursor.h"
#include "meterd/reading.h"

/*
 * Longest identification line kept, '/' included. IEC 62056-21 allows 16
 * identification characters after "/XXXZ"; real meters send more
 * ("/Ene5\T210-D ESMR5.0"), none in the fixtures more than 32.
 */
#define DATASET_IDENT_MAX 64

struct dataset_ident {
	char    text[DATASET_IDENT_MAX + 1]; /* the line from '/' on, NUL-terminated */
	uint8_t len;
	char    manufacturer[4]; /* "ISk", "ESY": the three FLAG letters */
	char    baud_char;       /* the fourth character: '5', 'C', '-' (NWA) */
	char    escape;          /* W of a "\W" after the baud character, or 0 */
	bool    fast;            /* lower-case third letter: 20 ms reaction time */
	uint8_t model_off;       /* text + model_off: what follows the baud character */
};

/*
 * Parses an identification line of n bytes starting with '/' (line end not
 * included). Needs three letters and a fourth character; everything else is
 * kept as sent. Returns false for anything else.
 */
bool dataset_ident_parse(struct dataset_ident *id, const uint8_t *line, size_t n);

/*
 * The streaming framers' view of one byte of a data block. Parentheses are
 * tracked so that a '/' or '!' inside a value (a DSMR text message) is data,
 * and a line break always ends an unclosed group, so one lost ')' cannot
 * hide the rest of the telegram.
 */
struct dataset_scan {
	bool line_start; /* the next byte starts a line */
	bool in_group;   /* inside ( ... ) */
};

enum dataset_mark {
	DATASET_DATA,  /* an ordinary byte */
	DATASET_SLASH, /* '/' at the start of a line outside a group: a new telegram */
	DATASET_END,   /* '!' outside a group: the end of the data */
};

/* Starts a scan at the start of a line. */
void dataset_scan_init(struct dataset_scan *s);
enum dataset_mark dataset_scan_byte(struct dataset_scan *s, uint8_t b);

/*
 * Advances s over n bytes that hold no '/' nor '!' (so no mark), as n calls
 * of dataset_scan_byte would, at the cost of the last line only: a framer
 * copies runs between marks in bulk and brings the scan up to date only
 * when it meets a byte that might be a mark.
 */
void dataset_scan_run(struct dataset_scan *s, const uint8_t *p, size_t n);

/*
 * The length of the longest prefix of p[0..n) holding none of the ns bytes
 * of stops (n when there is none): how far a framer may take bytes in bulk.
 * A search through the C library's memchr, so callers should cap n (a few
 * hundred bytes) to keep each call short when stops are frequent.
 */
size_t dataset_span(const uint8_t *p, size_t n, const uint8_t *stops, size_t ns);

/*
 * Copies p[0..k) into dst, where k is the length before the first byte of
 * stops (or n), and returns k. Scans in windows, so a long run costs one
 * pass per window whatever the number of stops.
 */
size_t dataset_take_run(uint8_t *dst, const uint8_t *p, size_t n, const uint8_t *stops,
                        size_t ns);

/* One value (or one '&' part of a value), pointing into the data block. */
#define DATASET_KIND_NUMBER 1
#define DATASET_KIND_TEXT   2
struct dataset_value {
	const uint8_t *p;
	size_t         n;
	size_t         avail; /* bytes readable from p on (the rest of the block), or 0 */
	uint16_t       index; /* position in its data set: 0, 1, ... ('&' parts count) */
	/*
	 * What the iterator already learnt, so dataset_value_parse does not
	 * read the value twice: DATASET_KIND_NUMBER with raw, scaler and numlen
	 * (the bytes before "*unit") set, DATASET_KIND_TEXT, or 0 (parse p, n).
	 */
	uint8_t        kind;
	int8_t         scaler;
	size_t         numlen;
	int64_t        raw;
};

/*
 * Iterator over a data block (the bytes between the identification and the
 * '!', which may be included). Junk is skipped up to the next line or '!':
 * binary noise, gateway lines, a data set whose ')' was lost.
 */
struct dataset_iter {
	struct cursor  c;
	const uint8_t *addr; /* address of the current data set */
	size_t         addr_len;
	int            addr_form; /* obis_parse_form() of the address, -1 when not OBIS */
	size_t         group_end; /* offset of the current group's ')' while in one */
	size_t         line_from; /* the line end below is that of offsets line_from.. */
	size_t         line_end;  /* offset of its CR or LF, or the block's length */
	uint16_t       index;     /* of the next value */
	bool           in_set;
	bool           in_group;
	bool           ended; /* the '!' was reached */
	bool           stop_at_end; /* the block's last byte stops a number */
};

void dataset_iter_init(struct dataset_iter *it, const uint8_t *p, size_t n);

/* Moves to the next data set. Returns false at the end of the block. */
bool dataset_iter_next_set(struct dataset_iter *it);

/*
 * The next value of the current data set, or false when it has no more.
 * Values continue across a line break when the next line starts with '('.
 */
bool dataset_iter_next_value(struct dataset_iter *it, struct dataset_value *v);

/*
 * Both in one call, for a reader that wants every value: the next value of
 * the current data set (DATASET_NEXT_VALUE), else the first value of the
 * next data set that has one (DATASET_NEXT_SET: addr, addr_len and
 * addr_form now describe that set), else DATASET_NEXT_NONE at the end.
 * A caller that refuses the set (it->in_set = false) and calls again goes
 * on after that first value.
 */
enum {
	DATASET_NEXT_NONE,
	DATASET_NEXT_VALUE,
	DATASET_NEXT_SET,
};
int dataset_iter_next(struct dataset_iter *it, struct dataset_value *v);

/*
 * dataset_iter_next, dataset_iter_format_id of each new data set into
 * r->id and dataset_value_parse of the value into r in one call, for a
 * reader that makes a reading of every value: a set whose id does not fit
 * is skipped. Returns what dataset_iter_next returns, and v as it does
 * except that a DATASET_KIND_NUMBER value's raw, scaler, numlen and avail
 * are left unset (the number is in r).
 * The id is written when a set is found, so once DATASET_NEXT_NONE is
 * returned r->id may name a set that gave no value. One pass reads a
 * common value: the number goes into r as its group's end is found.
 */
int dataset_iter_reading(struct dataset_iter *it, const char *prefix, struct reading *r,
                         struct dataset_value *v);

/* Like dataset_iter_next_value without moving. */
bool dataset_iter_peek_value(const struct dataset_iter *it, struct dataset_value *v);

/*
 * Writes the reading id of an address into id (READING_ID_MAX bytes), see
 * the overview. prefix is NULL or an "A-B" text such as "1-0" used for
 * short addresses. Returns false when the address does not fit.
 */
bool dataset_format_id(const uint8_t *addr, size_t n, const char *prefix, char *id);

/* dataset_format_id() of the current data set's address, read only once. */
bool dataset_iter_format_id(const struct dataset_iter *it, const char *prefix, char *id);

/*
 * Sets r's type, raw, scaler, unit, text and index from v (r's id, time and
 * other fields are left alone). Returns r->type.
 */
enum reading_type dataset_value_parse(const struct dataset_value *v, struct reading *r);

/*
 * True when the n bytes (no line break) are nothing but complete data sets,
 * e.g. "1-0:1.8.0*255(00012.5*kWh)" or "6.8(1*MWh)6.26(2*m3)". D0 uses it to
 * recognise a data line when the identification was lost.
 */
bool dataset_line_is_data(const uint8_t *p, size_t n);

/* True when v is a number in the sense above (without converting it). */
bool dataset_value_is_number(const struct dataset_value *v);

#endif
