/*
 * mbus.h - wired M-Bus (EN 13757-2 link layer, EN 13757-3 application layer).
 *
 * Three layers, usable on their own:
 *
 *  1. Frames (EN 13757-2 §5). The streaming decoder finds, in any chunking
 *     of a byte stream, the single character E5 (ACK), short frames
 *     `10 C A CS 16`, control frames `68 03 03 68 C A CI CS 16` and long
 *     frames `68 L L 68 C A CI data CS 16`, checks both L bytes, the second
 *     start byte, the checksum (sum of C..last data byte, mod 256) and the
 *     stop byte. Bytes outside a frame are reported as one FRAME_INVALID
 *     frame ("bytes outside a frame") per run, so every dropped byte is
 *     counted. A lone E5 is only an ACK at a frame boundary (stream start,
 *     right after a frame, or after idle()): inside garbage it carries no
 *     evidence of being one and is counted as garbage.
 *
 *  2. The application layer (EN 13757-3) of RSP_UD long frames: the
 *     variable data structure (CI 0x72 long header, 0x76 the same with
 *     MSB-first data, 0x7A short header, 0x78 no header), the fixed data
 *     structure (CI 0x73/0x77, two counters with their units and the
 *     medium: mbus_fixed_unit(), mbus_fixed_medium_name()), and application errors
 *     (CI 0x70). Data records are walked with mbus_rec_next() and turned
 *     into readings with mbus_rec_reading(). A frame with any malformed
 *     record (premature end, more than 10 DIFE or VIFE, reserved LVAR) is
 *     rejected as a whole, as libmbus does: FRAME_INVALID with the reason,
 *     no values.
 *
 *  3. Readings. Record n of a frame becomes a reading with id "mbus:n"
 *     (DIF 0x2F fillers are not records) and a label (struct reading
 *     .label) made of what it measures: mbus_reading_name(), with "_2",
 *     "_3" ... appended when a name recurs in the frame, so labels are
 *     unique within a telegram and the same for every telegram of a meter. `quantity` names what was
 *     measured ("energy", "volume", "flow_temperature", ...); values keep
 *     their exact mantissa and the VIF's decimal exponent in `scaler`, and
 *     are expressed in base units: Wh (also for the MWh extension), J, m3,
 *     kg, W, J/h, m3/h, kg/h, °C, K, bar, V, A, and seconds for on time,
 *     operating time and durations (minutes, hours and days are multiplied
 *     out, so a value is comparable whatever unit a meter chose).
 *     `storage` and `function` are set for every data record; `tariff` and
 *     `subunit` when the record has a DIFE (libmbus prints them likewise).
 *     Combinable VIFEs: multiplicative corrections (0x70-0x77, 0x7D) go into
 *     the scaler, "per time/unit" codes extend the unit ("m3/h"), forward/
 *     backward flow extend the quantity ("energy_backward"), a record error
 *     code (0x00-0x1F) becomes `status`; the rest qualify without changing
 *     the number. The DIF 0x0F/0x1F record is quantity "manufacturer_data".
 *     Dates (types G, F, I, J) are text readings ("2014-03-13",
 *     "2014-03-13T11:11:00", "11:11:00") and, when valid,
 *     also `time` (READING_TIME_LOCAL, the meter's wall clock). Strings
 *     (LVAR text, plain-text VIF units) are un-reversed. Manufacturer data
 *     after DIF 0x0F/0x1F, binary LVARs longer than 8 bytes and BCD with
 *     error nibbles (A-E) become text readings of hex digits, so nothing a
 *     meter sent is lost or invented.
 *
 * Header fields (id, manufacturer, version, medium, access number, status,
 * signature), the C/A/CI fields and the application error code are frame
 * details: mbus_dec_frame()->detail points to a struct mbus_frame_detail.
 * Frames sent by a master (C bit 6 set: SND_NKE, REQ_UD2, SND_UD ...) are
 * reported as frames with `from_master` set and never yield values.
 *
 * Options (decoder_ops.configure): "lenient_crc" = "1" still decodes the
 * records of a long frame whose checksum is wrong, after its
 * FRAME_CRC_ERROR frame.
 *
 * The request/response master is in mbus_session.h.
 */
#ifndef METERD_MBUS_H
#define METERD_MBUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "meterd/decoder.h"
#include "meterd/reading.h"

/* Link layer constants (EN 13757-2 §5). */
#define MBUS_ACK         0xE5
#define MBUS_START_SHORT 0x10
#define MBUS_START_LONG  0x68
#define MBUS_STOP        0x16
#define MBUS_LONG_MAX    255 /* L counts C, A, CI and data: at most 252 data bytes */
#define MBUS_FRAME_MAX   (MBUS_LONG_MAX + 6)

/* C field values (master to slave have bit 6, PRM, set). */
#define MBUS_C_SND_NKE 0x40
#define MBUS_C_SND_UD  0x53 /* | MBUS_C_FCB */
#define MBUS_C_REQ_UD2 0x5B /* | MBUS_C_FCB */
#define MBUS_C_REQ_UD1 0x5A
#define MBUS_C_RSP_UD  0x08 /* | 0x10 DFC, | 0x20 ACD */
#define MBUS_C_FCB     0x20
#define MBUS_C_PRM     0x40

/* A field. */
#define MBUS_ADDR_UNCONFIGURED    0
#define MBUS_ADDR_MAX_PRIMARY     250
#define MBUS_ADDR_SECONDARY       253 /* the slave chosen by a secondary selection */
#define MBUS_ADDR_BROADCAST_REPLY 254
#define MBUS_ADDR_BROADCAST       255

/* CI field. */
#define MBUS_CI_DATA_SEND    0x51
#define MBUS_CI_SELECT       0x52
#define MBUS_CI_APP_ERROR    0x70
#define MBUS_CI_ALARM        0x71
#define MBUS_CI_VARIABLE     0x72
#define MBUS_CI_FIXED        0x73
#define MBUS_CI_VARIABLE_MSB 0x76
#define MBUS_CI_FIXED_MSB    0x77
#define MBUS_CI_NO_HEADER    0x78
#define MBUS_CI_SHORT_HEADER 0x7A

enum mbus_frame_kind {
	MBUS_FRAME_NONE,    /* garbage, or a frame whose header was not valid */
	MBUS_FRAME_ACK,     /* E5 */
	MBUS_FRAME_SHORT,   /* 10 C A CS 16 */
	MBUS_FRAME_CONTROL, /* 68 03 03 68 C A CI CS 16 */
	MBUS_FRAME_LONG,    /* 68 L L 68 C A CI data CS 16 */
};

/* The data header of CI 0x72/0x76 (long) and 0x7A (short: access, status, signature only). */
struct mbus_header {
	uint32_t id;           /* identification number, 8 BCD digits as sent (0x12345678) */
	uint16_t manufacturer; /* three letters, 5 bits each, + 64: see mbus_manufacturer() */
	uint8_t version;
	uint8_t medium; /* device type, see mbus_medium_name() */
	uint8_t access_no;
	uint8_t
	    status; /* bits 0-1 application state, 2 power low, 3 permanent, 4 temporary error */
	uint16_t signature; /* configuration word (0 when unencrypted) */
};

struct mbus_frame_detail {
	enum mbus_frame_kind kind;
	uint8_t c, a, ci;  /* c/a for short, control and long frames; ci for the latter two */
	bool from_master;  /* C bit 6: a request, not meter data */
	bool has_header;   /* CI 0x72/0x76/0x7A/0x73/0x77: `header` is set */
	bool long_header;  /* id, manufacturer, version, medium are set */
	bool fixed;        /* CI 0x73/0x77 fixed data structure */
	bool more_records; /* DIF 0x1F: the meter has a further telegram (REQ_UD2 again) */
	int16_t app_error; /* CI 0x70: error code, -1 when the frame carries none */
	uint16_t records;  /* data records in the frame (valid frames only) */
	struct mbus_header header;
};

/* Writes the three letters and a NUL ("KAM") into out[4]. */
void mbus_manufacturer(uint16_t code, char out[4]);
/* Medium (device type) as a static lower-case name ("heat_outlet", "water"...). */
const char *mbus_medium_name(uint8_t medium);

/* Medium of the fixed data structure (CI 0x73/0x77), its own table ("heat", "gas_mode2"). */
const char *mbus_fixed_medium_name(uint8_t medium);
/*
 * Unit field (6 bits) of a fixed-structure counter as quantity, base unit
 * and decimal scaler ("energy", "Wh", 3 for kWh). Returns false for the
 * reserved codes and 0x3E ("the unit of counter 1, historic value"), with
 * quantity "counter" and no unit.
 */
bool mbus_fixed_unit(uint8_t code, const char **quantity, const char **unit, int *scaler);

/* ---- Application layer: data records ---- */

/* One data record, pointing into the frame (valid while the frame is). */
struct mbus_record {
	uint8_t dif;
	uint8_t coding;   /* DIF bits 0-3 */
	uint8_t function; /* DIF bits 4-5: 0 instantaneous, 1 max, 2 min, 3 during error */
	uint8_t difes;    /* number of DIFE */
	uint32_t storage;
	uint16_t tariff;
	uint16_t subunit;
	uint8_t vif;         /* 0 for DIF 0x0F/0x1F records */
	uint8_t ext;         /* extension code after VIF 0xFB/0xFD, else 0 */
	const uint8_t *vife; /* combinable VIFEs (after the extension code or plain text) */
	uint8_t vifes;
	const uint8_t *plain; /* VIF 0x7C/0xFC: the unit text as sent (reversed) */
	uint8_t plain_len;
	const uint8_t *data;
	size_t data_len;
	uint8_t lvar;      /* DIF data 0xD: the LVAR byte */
	bool manufacturer; /* DIF 0x0F/0x1F: data is the rest of the frame */
	bool more_follow;  /* DIF 0x1F */
};

struct mbus_rec_iter {
	const uint8_t *p;
	size_t len, pos;
	bool msb_first;    /* CI 0x76 */
	uint16_t index;    /* records returned so far */
	bool more_follow;  /* a DIF 0x1F record was walked */
	const char *error; /* static reason after mbus_rec_next() < 0 */
};

/* Data bytes of a DIF's coding (bits 0-3), or -1 for LVAR (0xD) and special functions (0xF). */
int mbus_coding_len(uint8_t coding);

/* Starts a walk over a record area (the bytes after the data header). */
void mbus_rec_begin(struct mbus_rec_iter *it, const uint8_t *p, size_t len, bool msb_first);
/*
 * Reads the next record into r. Returns 1 for a record, 0 at the end of the
 * area, -1 for a malformed record (it->error says why; the walk is over).
 * Skips DIF 0x2F fillers. A DIF 0x0F/0x1F record takes the rest of the area.
 */
int mbus_rec_next(struct mbus_rec_iter *it, struct mbus_record *r);
/*
 * Where a record lies in its area (offsets from the area's start). A walk
 * that must check a whole frame before any value leaves keeps these and
 * reads the records again with mbus_rec_at(), without parsing twice.
 */
struct mbus_rec_span {
	uint16_t dif;      /* the DIF */
	uint16_t vif;      /* the VIF (after the DIFEs); the DIF again for DIF 0x0F/0x1F */
	uint16_t data;     /* the first data byte */
	uint16_t data_len;
};
/*
 * mbus_rec_next() without the record: checks the next record as strictly,
 * steps over it and fills span. Returns as mbus_rec_next(); sets
 * it->more_follow for a DIF 0x1F record.
 */
int mbus_rec_skip(struct mbus_rec_iter *it, struct mbus_rec_span *span);
/*
 * The record of area p that span describes, exactly as mbus_rec_next()
 * gives it. span must come from mbus_rec_skip() over the same bytes.
 */
void mbus_rec_at(const uint8_t *p, const struct mbus_rec_span *span, struct mbus_record *r);

/* Text for READING_TEXT values; mbus_rec_reading() fills it. */
#define MBUS_TEXT_MAX (3 * MBUS_LONG_MAX + 1)

/*
 * Fills out (id "mbus:<index>") from r. Text values are written to text
 * (MBUS_TEXT_MAX bytes) and out->text points there. msb_first as for CI 0x76.
 */
void mbus_rec_reading(const struct mbus_record *r, uint16_t index, bool msb_first,
                      struct reading *out, char *text);

/*
 * The readable name of an M-Bus reading (its label): the quantity, then
 * "_max", "_min" or "_error" for the function, "_tariff<t>", "_subunit<u>"
 * and "_storage<s>" where they are not 0: "energy", "volume_max",
 * "energy_tariff2", "energy_storage1". Writes at most cap bytes with the
 * NUL; returns the length.
 */
size_t mbus_reading_name(const struct reading *r, char *out, size_t cap);
/*
 * The name when it is the quantity alone ("energy", no suffix), or NULL
 * (inline: the decoder asks for every value).
 */
static inline const char *
mbus_reading_plain_name(const struct reading *r)
{
	if (((r->has & READING_HAS_FUNCTION) && (r->function & 3) != 0) ||
	    ((r->has & READING_HAS_TARIFF) && r->tariff != 0) ||
	    ((r->has & READING_HAS_SUBUNIT) && r->subunit != 0) ||
	    ((r->has & READING_HAS_STORAGE) && r->storage != 0))
		return NULL;
	return r->quantity != NULL ? r->quantity : "value";
}

/* Records per long frame at most (252 data bytes, 2 per record). */
#define MBUS_RECORDS_MAX 126

/* ---- Streaming decoder (decoder.h shape) ---- */

enum mbus_dec_state {
	MBUS_HUNT, /* looking for a start byte */
	MBUS_IN_FRAME,
};

struct mbus_dec {
	enum mbus_dec_state state;
	bool boundary; /* the last byte ended a frame: a lone E5 is an ACK */
	bool lenient_crc;
	size_t have, need;    /* bytes in buf; expected frame length once known */
	uint64_t frame_start; /* stream offset of buf[0] */
	uint8_t replay[4];    /* bytes after a false start, to scan again */
	uint8_t replay_len, replay_pos;
	uint32_t garbage; /* bytes outside frames not yet reported */
	uint64_t garbage_start;
	uint64_t offset; /* stream offset of the next byte */
	uint32_t frame_index;
	uint16_t record_base; /* added to record numbers in reading ids (multi-telegram) */
	enum dec_event pending;
	bool values; /* readings of the current frame remain */
	struct mbus_rec_iter it;
	struct frame_info fi;
	struct mbus_frame_detail detail;
	struct reading rd;
	uint8_t fixed_next; /* CI 0x73/0x77: counters still to emit */
	uint8_t rec_next;   /* the record whose reading comes next */
	uint8_t labels;
	/* Buffers, each read only where written since (init leaves them as they are). */
	uint8_t buf[MBUS_FRAME_MAX];
	char text[MBUS_TEXT_MAX];
	/* Labels: a hash of each earlier base name of this frame, for "_2", "_3" suffixes. */
	/* Where each record lies in the record area (it.p), from the validating
	 * walk: DIF, VIF, data offsets and data length, each < 253. */
	uint8_t rec_span[MBUS_RECORDS_MAX][4];
	char label[READING_ID_MAX + 8]; /* + the zero word the hash reads past the name */
	uint16_t label_hash[MBUS_RECORDS_MAX];
	uint8_t label_filter[32]; /* bit h & 255 set for each hash h in label_hash */
};

void mbus_dec_init(struct mbus_dec *d);
size_t mbus_dec_push(struct mbus_dec *d, const uint8_t *p, size_t n);
enum dec_event mbus_dec_event(struct mbus_dec *d);
const struct frame_info *mbus_dec_frame(const struct mbus_dec *d);
const struct reading *mbus_dec_reading(const struct mbus_dec *d);
void mbus_dec_finish(struct mbus_dec *d);
/* Line silence: a partial frame is truncated, and a lone E5 is an ACK again. */
void mbus_dec_idle(struct mbus_dec *d);
int mbus_dec_configure(struct mbus_dec *d, const char *key, const char *value);
int mbus_detect(const uint8_t *p, size_t n);

extern const struct decoder_ops mbus_decoder_ops;

/* ---- Frame encoding (for masters and simulators) ---- */

/* 10 C A CS 16 into out[5]. Returns 5. */
size_t mbus_short_encode(uint8_t c, uint8_t a, uint8_t *out);
/*
 * 68 L L 68 C A CI data CS 16 into out (cap bytes). Returns the length, or 0
 * when data_len > 252 or cap is too small.
 */
size_t mbus_long_encode(uint8_t c, uint8_t a, uint8_t ci, const uint8_t *data, size_t data_len,
                        uint8_t *out, size_t cap);

#endif
