/*
 * sml.h - streaming decoder for SML (Smart Message Language, BSI TR-03109-1,
 * FNN "SML 1.04"), the binary push protocol of German eHZ/mME meters.
 *
 * The decoder follows decoder.h: feed bytes in any chunking with
 * sml_dec_push(), take events with sml_dec_event(), read the frame with
 * sml_dec_frame() and each value with sml_dec_reading(). It never allocates;
 * all state, including one frame's payload (SML_DEC_BUF bytes), lives in the
 * caller's struct sml_dec.
 *
 * What it accepts
 *
 *  - Transport layer v1 frames: 1b1b1b1b 01010101, payload in 4-byte
 *    blocks where a block 1b1b1b1b is sent twice, 0..3 bytes of padding,
 *    1b1b1b1b 1a PP C1 C2. The CRC-16/X-25 over everything up to PP is
 *    sent low byte first. Escapes are looked for at 4-byte-aligned
 *    positions only (an unaligned run of 1b is data), but a start sequence
 *    is recognised at any position: a new start inside an unfinished frame
 *    ends that frame as FRAME_TRUNCATED (or FRAME_INVALID "end escape not
 *    4-byte aligned" when an end escape was seen out of step, i.e. bytes
 *    were lost) and a new frame begins there. A frame whose payload exceeds
 *    SML_DEC_BUF is FRAME_INVALID "frame too long"; the decoder then hunts
 *    for the next start sequence.
 *    Two byte patterns are read the way that keeps the most frames: an
 *    aligned escaped data block 1b1b1b1b followed by 01010101 is data (as
 *    in SML 1.04 and libsml), but 1b1b1b1b01010101 out of 4-byte step is
 *    a new start, since lost bytes are common and that payload is not.
 *  - Bare SML (no transport layer, as some TCP gateways deliver it): a run
 *    of consecutive SML messages outside any frame, from an OpenResponse to
 *    its CloseResponse, is reported as one frame. A run cut short (junk, a
 *    start sequence, end of input) is FRAME_TRUNCATED. When bytes taken
 *    for a message turn out not to be one, they are looked at again from
 *    the second byte on, so a cut message does not hide the next run.
 *    Bytes outside any frame are skipped and counted
 *    (struct sml_frame_detail.skipped), not reported as frames, since they
 *    cannot be told from line noise.
 *  - Messages: every message's structure is checked; GetListResponse
 *    entries become readings; OpenResponse, CloseResponse and any other
 *    message type (attention, profile, procedure parameter) are checked
 *    for structure and skipped.
 *
 * Checksums and frame status
 *
 * A framed frame is FRAME_OK when its frame CRC matches, as CRC-16/X-25
 * (low byte first, the standard) or CRC-16/KERMIT (high byte first, the
 * Holley DTZ541 firmware): both are tried, and struct sml_frame_detail.crc
 * says which matched. Message CRCs are CRC-16/X-25 (or KERMIT) over the
 * message from its list TL to the byte before the crc16 field; the field
 * holds the CRC byte-swapped (low byte first on the wire), sometimes as a
 * 1-byte integer when its high half is 0 (Iskra MT691). Under a matching
 * frame CRC a wrong message CRC is counted (msg_crc_errors) and the values
 * kept: gateways and anonymised captures redo the frame CRC and leave the
 * message CRCs (the eBZ DD3 vectors), and libsml, SmlLib and Tasmota accept
 * such frames. Bare SML has only its message CRCs, so there a mismatch is
 * FRAME_CRC_ERROR "message CRC mismatch", as it is for framed data under
 * strict_crc. A wrong frame CRC is FRAME_CRC_ERROR "frame CRC mismatch".
 *
 * Readings
 *
 * One per GetListResponse entry, in order: id is the objName as OBIS text
 * "1-0:1.8.0*255" (other objName lengths as "sml:" and hex); raw, scaler
 * (READING_HAS_SCALER when sent), unit_code and unit text ("Wh", "W", "V",
 * "°C", ...; "" for codes without a symbol such as 255 "count"); status
 * (READING_HAS_STATUS); valTime as READING_TIME_SECINDEX (secIndex, and the
 * bare unsigned valTime the Holley DTZ541 sends), READING_TIME_UNIX
 * (timestamp) or READING_TIME_LOCAL (localTimestamp with its offsets).
 * Integers of any width 1..8 bytes are accepted, signed ones sign-extended
 * from their own width; an unsigned 8-byte value above INT64_MAX keeps its
 * 19 leading digits (raw / 10, scaler + 1). Booleans are 0/1. Octet strings
 * are READING_TEXT: printable ASCII as is, anything else as lower-case hex
 * (the first SML_DEC_HEX_MAX bytes); sml_dec_octets() gives the bytes
 * themselves. A value that is an SML_Time (the list form, as EMH meters
 * send their clock; or the plain form, a bare Unsigned32 of at most 4
 * bytes in a clock object 0-b:1.0.e) is a time reading: a number with
 * READING_HAS_TIME_VALUE, raw the seconds (since 1970 UTC, or the secIndex)
 * and time_kind/time/utc_offset describing it (taking the place of a
 * valTime). An entry whose value is any other list has no value and is
 * skipped.
 *
 * Options (sml_dec_configure / decoder_ops.configure), all "0" or "1":
 *   lenient_crc  emit the values of a frame with FRAME_CRC_ERROR too, after
 *                its DEC_FRAME (inspection tools only; default 0).
 *   kermit       accept frame and message CRCs computed as CRC-16/KERMIT
 *                and sent high byte first (Holley DTZ541 firmware quirk;
 *                default 1; "0" refuses them; X.25 is always accepted).
 *   strict_crc   a wrong message CRC fails a framed frame even when its
 *                frame CRC matched (the former default; default 0: counted).
 *   msg_crc      check message CRCs (default 1). "0" trusts the frame CRC
 *                alone, as sml-rs and SmlLib do; bare SML then has no check.
 *   dzg_fix      DZG DVS74 quirk (default 0, as sml-rs and SmlLib; libsml
 *                applies it always): meters whose server id is
 *                0a 01 'D' 'Z' 'G' with a serial number 42000000-48999999 or
 *                55000000-58999999 send 1-0:16.7.0 with a signed TL although
 *                the value is an unsigned magnitude; "1" reads it unsigned.
 *                Newer DZG meters send genuinely negative power, so the
 *                fix is limited to those serial ranges.
 */
#ifndef METERD_SML_H
#define METERD_SML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "meterd/decoder.h"
#include "meterd/reading.h"

/* Payload bytes of one frame; real push frames are 200-700 bytes. */
#ifndef SML_DEC_BUF
#define SML_DEC_BUF 2048
#endif
/* Octet-string bytes rendered as hex text in a reading. */
#define SML_DEC_HEX_MAX 64

/* Message body tags (SML 1.04 section 6). */
#define SML_OPEN_RES          0x0101u
#define SML_CLOSE_RES         0x0201u
#define SML_GET_LIST_RES      0x0701u

enum sml_crc_kind {
	SML_CRC_NONE,   /* bare SML: no frame CRC */
	SML_CRC_X25,    /* CRC-16/X-25, low byte first (the standard) */
	SML_CRC_KERMIT, /* CRC-16/KERMIT, high byte first (Holley DTZ541) */
};

/* frame_info.detail of every SML frame. */
struct sml_frame_detail {
	enum sml_crc_kind crc;      /* frame CRC that matched: NONE for none or bare; KERMIT
	                               with FRAME_CRC_ERROR when option kermit is 0 */
	bool              bare;     /* messages without transport framing */
	uint16_t          messages; /* messages parsed (0 when not parsed) */
	uint16_t          readings; /* DEC_READING events that follow (0 unless delivered) */
	uint16_t          msg_crc_errors; /* wrong message CRCs, also in a FRAME_OK frame */
	uint32_t          skipped;  /* bytes discarded since the previous frame */
};

/*
 * List entries with a value that one payload can hold (each takes at least
 * 8 bytes: a list of 7 whose elements are at least a byte each).
 */
#define SML_DEC_ENTS (SML_DEC_BUF / 8)

/* Walker over a bare message being received (internal state). */
struct sml_walk {
	uint32_t inner;    /* elements still to read inside the current top-level element */
	uint32_t skip;     /* data bytes still to skip */
	uint16_t tl_len;   /* length of a multi-byte TL being read */
	uint8_t  tl0;      /* first byte of that TL */
	uint8_t  tl_n;     /* TL bytes read so far, 0 when at an element start */
	uint8_t  top_left; /* top-level elements of the message not yet begun */
	bool     tag_next; /* the next element is the message body tag */
};

/* The decoder's state: the caller allocates it and leaves its fields alone. */
struct sml_dec {
	/* options */
	bool lenient_crc, kermit, msg_crc, dzg_fix, strict_crc;

	/* input */
	uint64_t pos;      /* stream bytes consumed */
	uint64_t window;   /* the last 8 bytes, for start sequences */
	uint8_t  state;
	uint64_t last_end; /* stream offset just after the last frame reported */

	/* transport frame */
	uint64_t fr_off;   /* stream offset of the frame (or bare run) */
	uint32_t raw_len;  /* bytes of the frame so far, framing included */
	uint32_t lit_at;   /* raw offset of the last escaped 1b1b1b1b data block */
	uint16_t lits;     /* escaped data blocks in the frame */
	uint8_t  blk[4];
	uint8_t  blk_n;
	bool     esc;      /* the last aligned block was an escape */
	bool     odd_end;  /* an end escape appeared out of 4-byte step */

	/* bare messages */
	struct sml_walk walk;
	size_t   bare_end;  /* end of the messages accepted so far in buf */
	uint16_t bare_msgs;
	size_t   q, q_end;  /* buf[q..q_end): bytes queued to be looked at again */
	bool     finishing, finished;

	/* the frame's payload */
	uint8_t  buf[SML_DEC_BUF];
	size_t   len;

	/* output */
	uint8_t                 out;   /* nothing, DEC_FRAME pending, readings */
	uint32_t                index;
	struct frame_info       fi;
	struct sml_frame_detail det;
	uint16_t                ents[SML_DEC_ENTS]; /* payload offsets of the readings' entries */
	uint16_t                nents, ent_next;
	const uint8_t          *octets;    /* raw bytes of the last text reading */
	size_t                  octets_len;
	struct reading          rd;
	char                    hex[2 * SML_DEC_HEX_MAX + 1];
};

void           sml_dec_init(struct sml_dec *d);
/* Sets an option (see above) after init. Returns 0, or -1 for an unknown key or value. */
int            sml_dec_configure(struct sml_dec *d, const char *key, const char *value);
/* Consumes up to n bytes; returns how many (fewer when an event is pending). */
size_t         sml_dec_push(struct sml_dec *d, const uint8_t *p, size_t n);
enum dec_event sml_dec_event(struct sml_dec *d);
const struct frame_info *sml_dec_frame(const struct sml_dec *d);
const struct reading    *sml_dec_reading(const struct sml_dec *d);
/* The octet string behind the last READING_TEXT reading, valid until the next call. */
const uint8_t *sml_dec_octets(const struct sml_dec *d, size_t *len);
/* End of input: an unfinished frame becomes FRAME_TRUNCATED. */
void           sml_dec_finish(struct sml_dec *d);

/* DLMS unit symbol ("Wh", "°C") for a unit code, "" when it has none. */
const char    *sml_unit_text(uint8_t code);

/* Confidence 0..100 that p holds SML (framed or bare). */
int            sml_detect(const uint8_t *p, size_t n);

extern const struct decoder_ops sml_decoder_ops;

#endif
