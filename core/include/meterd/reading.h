/*
 * reading.h - one value a meter reported, kept exact.
 *
 * A number stays an integer mantissa and a decimal scaler until a sink
 * formats it: value = raw * 10^scaler. Energy totals therefore never pick up
 * binary floating-point noise (63.44 stays 6344e-2). Text values point into
 * the decoder's own buffer and are valid until the next call into it.
 */
#ifndef METERD_READING_H
#define METERD_READING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define READING_ID_MAX   40
#define READING_UNIT_MAX 12

enum reading_type {
	READING_NUMBER,
	READING_TEXT,
};

/* What `time` means. */
enum reading_time {
	READING_TIME_NONE,
	READING_TIME_SECINDEX, /* seconds since the meter started (SML secIndex) */
	READING_TIME_UNIX,     /* seconds since 1970 UTC */
	READING_TIME_LOCAL,    /* local wall clock as seconds since 1970, see `utc_offset` */
};

/* Bits of `has`: which optional fields are present. */
#define READING_HAS_STATUS   0x0001u
#define READING_HAS_SCALER   0x0002u /* the protocol transmitted a scaler */
#define READING_HAS_STORAGE  0x0004u
#define READING_HAS_TARIFF   0x0008u
#define READING_HAS_SUBUNIT  0x0010u
#define READING_HAS_FUNCTION 0x0020u
#define READING_HAS_UTC_OFFSET 0x0040u
/*
 * The value itself is a point in time (an SML_Time sent as the value, a
 * meter's clock): raw is seconds (since 1970 UTC, or the meter's secIndex)
 * and time_kind/time/utc_offset describe it as they would a valTime.
 */
#define READING_HAS_TIME_VALUE 0x0080u
/*
 * The value is a date the meter marked invalid or that cannot be one
 * (M-Bus: the IV bit, year 127, month 0 or 13): the text keeps what was
 * sent, and there is no time.
 */
#define READING_HAS_DATE_INVALID 0x0100u

struct reading {
	char              id[READING_ID_MAX];     /* "1-0:1.8.0*255", "kmp:60", "mbus:3" */
	enum reading_type type;
	int64_t           raw;                    /* mantissa as transmitted */
	int8_t            scaler;                 /* decimal exponent */
	char              unit[READING_UNIT_MAX]; /* "Wh", "m3", "" when none */
	uint8_t           unit_code;              /* DLMS unit code where the protocol has one, else 0 */
	uint16_t          index;                  /* nth value of one data set (D0 "(a)(b)") */
	uint16_t          has;                    /* READING_HAS_* */
	uint64_t          status;
	enum reading_time time_kind;
	int64_t           time;
	int16_t           utc_offset;             /* minutes east of UTC, for READING_TIME_LOCAL */
	const uint8_t    *text;                   /* READING_TEXT: bytes, not NUL-terminated */
	size_t            text_len;
	/* M-Bus record attributes (READING_HAS_STORAGE etc. say which are set). */
	const char       *quantity;               /* static string: "energy", "volume", ... or NULL */
	const char       *name;                   /* profile name where a device profile applies, or NULL */
	/*
	 * A name a person understands that the decoder derived, stable for a
	 * meter, or NULL: M-Bus "energy", "volume_max", "energy_tariff2",
	 * "flow_temperature" (mbus.h). Valid until the next call into the decoder.
	 */
	const char       *label;
	uint32_t          storage;
	uint16_t          tariff;
	uint16_t          subunit;
	uint8_t           function;               /* 0 instantaneous, 1 max, 2 min, 3 error */
};

/* An empty number reading: what reading_clear() copies. */
extern const struct reading reading_empty;

/*
 * Resets r to an empty number reading (inline: decoders call it for every
 * frame or value). A copy of a constant rather than memset: compilers turn
 * a memset of this size into `rep stos`, slower for 168 bytes than the
 * handful of vector moves a structure copy becomes.
 */
static inline void
reading_clear(struct reading *r)
{
	*r = reading_empty;
}

/*
 * Formats raw * 10^scaler as an exact decimal ("5430157.7", "-0.002",
 * "255000") without trailing zeros after the point. Any scaler from -128
 * to 127 is exact; buf must hold READING_NUM_MAX bytes. Returns the length.
 */
#define READING_NUM_MAX 160 /* sign, 19 digits, and 128 zeros either side of the point */
size_t reading_format_number(int64_t raw, int scaler, char *buf);

/* The value as a double, for sinks that want one (JSON, charts). */
double reading_double(const struct reading *r);

/*
 * An IEEE 754 single (its bits) as the shortest decimal mantissa and
 * exponent (6 to 9 significant digits) that converts back to the same
 * float, so 21.5367 stays 215367e-4 rather than picking up binary noise.
 * False for infinity and NaN.
 */
bool reading_from_float32(uint32_t bits, int64_t *raw, int *scaler);

/* Copies a NUL-terminated string into a fixed field, truncating. */
void reading_set_str(char *dst, size_t cap, const char *src, size_t n);

#endif
