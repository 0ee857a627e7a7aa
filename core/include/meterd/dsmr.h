/*
 * dsmr.h - DSMR P1 telegram decoder (Netherlands DSMR 2.2 to 5, Belgian
 * e-MUCS, Luxembourg Smarty, Austrian and Nordic variants), the shape of
 * decoder.h.
 *
 * A telegram (DSMR P1 companion standard 5.0.2, 6.2):
 *
 *   /ISK5\2M550T-1012            identification
 *                                empty line (missing in some meters)
 *   1-3:0.2.8(50)                data lines, grammar of dataset.h
 *   ...
 *   !9DF0                        '!' and CRC-16/ARC of every byte from '/'
 *                                to '!' inclusive, 4 hex digits
 *
 * Framing and checks:
 *   - the CRC is checked by default; lower-case hex and fields that dropped
 *     leading zeros ("!B9F" from an NWA heat interface) are accepted;
 *   - DSMR 2.2/3 telegrams end with a bare '!': they have no CRC and are
 *     FRAME_OK (unless "require_crc" is set);
 *   - every '/' at the start of a line outside parentheses starts a new
 *     telegram; an unfinished one before it is FRAME_TRUNCATED and gives no
 *     values (dsmr-tools' cut-off telegram followed by a complete one);
 *   - the CRC field ends at its fourth digit or at the first byte that is
 *     not a hex digit, or at the end of input (finish()), so a capture may
 *     end right after "!CRC" without CR LF.
 *
 * Frames: FRAME_OK, FRAME_CRC_ERROR, FRAME_TRUNCATED (cut off, or no '!'
 * before the end of input), FRAME_INVALID (longer than DSMR_TELEGRAM_MAX,
 * or no CRC under "require_crc"). frame_info.detail points to a struct
 * dsmr_frame_detail. Bytes outside telegrams are counted in `discarded`.
 *
 * Values (after a FRAME_OK, or with "lenient_crc" after a FRAME_CRC_ERROR
 * or a telegram cut off by the end of input): one DEC_READING per value as
 * in d0.h, id in full form ("1-0:1.8.1*255"), plus what DSMR adds:
 *   - a time stamp YYMMDDhhmmssX (X = W winter/CET, S summer/CEST) followed
 *     by a number is not a reading of its own but that number's `time`:
 *     READING_TIME_LOCAL, the meter's wall clock, with utc_offset 60 or 120.
 *     This covers M-Bus readings 0-n:24.2.1/24.2.3 (ts)(value*m3), maximum
 *     demand 1-0:1.6.0 (ts)(value*kW), each (end)(duration*s) pair of the
 *     power failure log 1-0:99.97.0 (durations are 64-bit: 2147583646 s
 *     occurs), and the (start)(time)(value) rows of the Belgian 0-0:98.1.0
 *     history;
 *   - any other time stamp (0-0:1.0.0, a history row's start) is a text
 *     reading of the stamp as sent with that `time`;
 *   - a stamp that is not a calendar date and time (632525252525W,
 *     250000000000W) gives no `time`: the value stays, the time is absent;
 *   - DSMR 2.2/3 profiles "0-n:24.3.0(ts)(00)(60)(1)(0-n:24.2.1)(m3)" with
 *     the value on the next line "(00001.001)": every group is a reading as
 *     sent, and the values after the header take the header's unit and its
 *     time stamp (READING_TIME_LOCAL without an offset: DSMR 2.2 sends no
 *     W/S flag);
 *   - equipment identifiers (0-n:96.1.0, 96.1.1, 96.1.2 and the logical
 *     device name 0-0:42.0.0) sent as hex-encoded ASCII are text readings
 *     of that text: 4530303434303037313331363530363138 is
 *     "E0044007131650618", whether or not the digits would fit a number.
 *     An id that is not even-length hex of printable characters stays as
 *     sent (plain serials such as Kaifa DSMR 2.2 ids, dsmr_parser's
 *     lower-case "00112233...eeff"), a digit-only one that fits in 63 bits
 *     as a number like every such value;
 *   - other hex-encoded fields (text messages 0-0:96.13.0) are text as
 *     sent; decoding them is left to sinks.
 *
 * Options: "lenient_crc" "1" as above; "require_crc" "1" rejects telegrams
 * without a CRC (FRAME_INVALID) for DSMR 4+ meters, whose CRC is mandatory.
 */
#ifndef METERD_DSMR_H
#define METERD_DSMR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "meterd/dataset.h"
#include "meterd/decoder.h"

/*
 * Largest telegram kept. DSMR 5 telegrams are about 1 KB; a 1024-character
 * text message adds 2 KB of hex.
 */
#ifndef DSMR_TELEGRAM_MAX
#define DSMR_TELEGRAM_MAX 8192
#endif

struct dsmr_frame_detail {
	struct dataset_ident ident;
	uint8_t              crc_digits; /* 0: bare '!' (DSMR 2.2/3) */
	uint16_t             crc_sent;
	uint16_t             crc_calc;
};

/* The decoder context. Only `discarded` is for callers to read. */
struct dsmr_dec {
	uint64_t discarded; /* bytes skipped outside any telegram */

	/* options */
	bool lenient;
	bool require_crc;

	/* framing */
	uint8_t              state;
	struct dataset_scan  scan;
	uint16_t             crc;
	uint16_t             crc_sent;
	uint8_t              digits;
	uint64_t             pos;
	uint64_t             start;
	uint32_t             nframes;
	struct dataset_ident ident;
	uint8_t              line[DATASET_IDENT_MAX];
	size_t               line_len;
	size_t               len;
	size_t               scanned; /* buf[0..scanned) is in `scan` */
	uint8_t              buf[DSMR_TELEGRAM_MAX];

	/* output */
	uint8_t                  pending;
	bool                     emit;
	struct frame_info        frame;
	struct dsmr_frame_detail detail;
	struct dataset_iter      it;
	bool                     equipment; /* the data set is an equipment id */
	/* the time stamp a following number takes */
	bool                     has_stamp;
	bool                     stamp_valid;
	int64_t                  stamp;
	int16_t                  stamp_offset;
	/* DSMR 2.2 profile header of the current data set */
	bool                     profile;
	bool                     profile_time_valid;
	int64_t                  profile_time;
	char                     profile_unit[READING_UNIT_MAX];
	struct reading           reading;
};

void dsmr_dec_init(struct dsmr_dec *d);
size_t dsmr_dec_push(struct dsmr_dec *d, const uint8_t *p, size_t n);
enum dec_event dsmr_dec_event(struct dsmr_dec *d);
const struct frame_info *dsmr_dec_frame(const struct dsmr_dec *d);
const struct reading *dsmr_dec_reading(const struct dsmr_dec *d);
void dsmr_dec_finish(struct dsmr_dec *d);
/* Options as described above; returns 0, or -1 for an unknown key or value. */
int dsmr_dec_configure(struct dsmr_dec *d, const char *key, const char *value);

/*
 * Parses a DSMR time stamp "YYMMDDhhmmss" followed by 'W' or 'S' (n = 13),
 * or without the flag (n = 12, DSMR 2.2 profiles). On success *local is the
 * wall-clock time as seconds since 1970-01-01 00:00 of that clock, and
 * *utc_offset is 60 (W), 120 (S) or 0 (no flag). Returns false for
 * anything that is not a calendar date and time.
 */
bool dsmr_time_parse(const uint8_t *p, size_t n, int64_t *local, int16_t *utc_offset);

/* Confidence 0..100 that p starts a DSMR P1 stream (for --protocol auto). */
int dsmr_detect(const uint8_t *p, size_t n);

extern const struct decoder_ops dsmr_decoder_ops;

#endif
