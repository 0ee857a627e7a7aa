/*
 * mbrtu.h - Modbus RTU: the serial-line ADU, its timing, and a passive
 * decoder for captures and bus sniffing.
 *
 * Modbus over Serial Line V1.02 (modbus.org), §2.5.1: an RTU ADU is
 *
 *   slave address (1 byte) | PDU (mb_pdu.h, 1..253 bytes) | CRC-16/MODBUS
 *
 * with the CRC (crc.h, crc16_modbus) sent low byte first, so running the CRC
 * over the whole ADU leaves 0. Address 0 is broadcast (writes only, no
 * reply); 1..247 are slaves; 248..255 are reserved but seen in the field
 * (the TROVIS 5573 leaves the factory as station 255), so they are accepted.
 *
 * Timing (§2.5.1.1): frames are separated by at least 3.5 character times
 * of silence (t3.5); a gap of more than 1.5 characters (t1.5) inside a frame
 * breaks it. Above 19200 baud the times are fixed at t1.5 = 750 us and
 * t3.5 = 1750 us. A USB adapter's buffering hides such gaps, so the
 * session (mb_session.h) and the decoder below frame by expected length and
 * CRC instead, and use silence only where the caller reports it.
 *
 * The decoder follows decoder.h ("modbus" in meterd decode). It sees a
 * stream of ADUs in both directions and finds frames by CRC: at every byte
 * it looks for the earliest start whose bytes up to here have the length a
 * request or response with that header must have, and a CRC remainder of 0.
 * Bytes before such a frame come out as one frame with status crc_error
 * (when they are exactly a complete frame with a wrong CRC) or invalid.
 * idle() (line silence; meterd decode --hex calls it at each line break)
 * ends whatever is pending: a CRC-valid frame of a function whose length
 * cannot be known (e.g. FC 8, 43) is ok, a frame with a wrong CRC is
 * crc_error, a frame cut short is truncated.
 *
 * Requests and responses share function codes, so the decoder remembers the
 * last MBRTU_REQ_MEMO requests and takes a frame as a response when it
 * answers one of them (same slave, function, byte count or echo; newest
 * first), which also copes with captures where a reply went missing. A
 * response to a known read then yields one reading per register or bit,
 * named by mb_read_reading() (mb_pdu.h): id "modbus:<slave>:hr<address>"
 * (ir, co, di for FC 4, 1, 2), raw the unsigned word or bit. A device
 * profile (profile.h, key "hr9" etc.) names and scales them. A frame's
 * fields are in frame_info.detail (struct mbrtu_frame), valid until the
 * next push, idle or finish.
 * Configure keys: "lenient_crc" = "1" (values of frames with a wrong CRC
 * that silence delimited); "role" = "slave" for a slave or simulator on a
 * multi-drop line: only requests are framed, so another slave's reply is
 * noise and an identical second write is a request, not the echo of the
 * first ("sniffer", the default, frames both).
 */
#ifndef METERD_MBRTU_H
#define METERD_MBRTU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "meterd/decoder.h"
#include "meterd/mb_pdu.h"

/*
 * The longest ADU kept: 256 is the protocol's (Modbus over serial line
 * V1.02 §2.5.1). A small target may build with less (-DMBRTU_ADU_MAX=128
 * in scripts/esp8266-build.sh): it then cannot send a PDU longer than
 * MBRTU_ADU_MAX - 3 bytes, nor poll a read whose reply would not fit
 * (mb_session_add_poll says MB_E_SPACE: 61 registers at 128), and a
 * passive decoder sees longer frames as garbage.
 */
#ifndef MBRTU_ADU_MAX
#define MBRTU_ADU_MAX 256
#endif
#define MBRTU_ADU_MIN 4 /* address, function, CRC: an exception reply is 5 */
_Static_assert(MBRTU_ADU_MAX <= 256, "the framer keeps window positions in a byte");
#define MBRTU_REQ_MEMO 4

/*
 * Encodes an ADU around pdu[0..pdu_len) into out. Returns its length, or
 * MB_E_INVALID for an empty or oversized PDU, or MB_E_SPACE.
 */
int mbrtu_adu_encode(uint8_t slave, const uint8_t *pdu, size_t pdu_len, uint8_t *out, size_t cap);

/* True when adu[0..n) is at least MBRTU_ADU_MIN bytes with a valid CRC. */
bool mbrtu_adu_crc_ok(const uint8_t *adu, size_t n);

/* Bits per character on the line: start + data + parity (if 'E'/'O') + stop. */
unsigned mbrtu_char_bits(unsigned data_bits, char parity, unsigned stop_bits);

struct mbrtu_timing {
	uint32_t char_us; /* one character, rounded up */
	uint32_t t15_us;  /* longest gap allowed inside a frame */
	uint32_t t35_us;  /* shortest silence between frames */
};

/* Timing for a line of `baud` with `char_bits` bits per character (11 for 8E1 and 8N2). */
void mbrtu_timing_init(struct mbrtu_timing *t, uint32_t baud, unsigned char_bits);

/* Microseconds to transmit n bytes. */
uint32_t mbrtu_tx_us(const struct mbrtu_timing *t, size_t n);

/*
 * How long a master waits, from the first byte of its request, for the last
 * byte of a reply: send req_len bytes, the slave's turnaround (processing)
 * time, receive rsp_len bytes, then t3.5 to know the frame ended. Rounded up
 * to whole milliseconds.
 */
uint32_t mbrtu_response_timeout_ms(const struct mbrtu_timing *t, size_t req_len,
                                   size_t rsp_len, uint32_t turnaround_ms);

/* The ADU length of a reply to the request PDU (read bytes or echo), or 5 for an exception. */
size_t mbrtu_reply_len(const struct mb_request *rq);

/*
 * Framing by CRC, shared by the decoder and the session: a window of the
 * last bytes in which every byte may start a frame, so a frame is found at
 * its last byte, after any amount of noise, whatever the chunking.
 *
 * mbrtu_shape() judges len bytes from an ADU's start by their header alone:
 * MBRTU_SHAPE_REQ / _RSP when they are exactly a whole request / response,
 * MBRTU_SHAPE_LIVE when more bytes may still complete one.
 */
#define MBRTU_SHAPE_LIVE 1u
#define MBRTU_SHAPE_REQ  2u
#define MBRTU_SHAPE_RSP  4u

unsigned mbrtu_shape(const uint8_t *adu, size_t len);

/*
 * Finds frames in a byte stream by CRC. Every byte may start a frame, but
 * most starts are dead at the next byte (not a function code), and the
 * others after a few (a length already passed). The live ones - whose
 * header still allows a frame that ends later - are looked at only where
 * their shape can change: where a header byte arrives and at the length a
 * request or response must have, where the CRC is computed once over the
 * bytes. A byte that completes nothing costs a few instructions, a frame
 * one CRC over itself (mb_rsp_length's byte count gives a reply's length
 * without knowing the request).
 */
struct mbrtu_framer {
	uint8_t  buf[MBRTU_ADU_MAX];
	uint8_t  live[MBRTU_ADU_MAX]; /* live starts but the newest (n - 1), ascending */
	uint16_t due[MBRTU_ADU_MAX];  /* live[j] is judged again at length due[j] */
	size_t   nlive;
	size_t   n;
	size_t   next;                /* the least live[j] + due[j], or SIZE_MAX */
};

void mbrtu_framer_init(struct mbrtu_framer *f);

/*
 * Appends b (the window must not be full: n < MBRTU_ADU_MAX). Returns the
 * earliest start of a frame that ends with b, has a CRC remainder of 0 and
 * one of the shapes in `want`, or -1.
 */
int mbrtu_framer_add(struct mbrtu_framer *f, uint8_t b, unsigned want);

/* Forgets buf[0..k). */
void mbrtu_framer_drop(struct mbrtu_framer *f, size_t k);

/* How many leading bytes can no longer start a frame (at least 1 when n > 0). */
size_t mbrtu_framer_dead(const struct mbrtu_framer *f);

/* True when buf[0..n) as a whole has a CRC remainder of 0 (checked at silence). */
bool mbrtu_framer_crc_ok(const struct mbrtu_framer *f);

/* ---- the passive decoder ---- */

enum mb_kind {
	MB_KIND_REQUEST,
	MB_KIND_RESPONSE,
	MB_KIND_EXCEPTION,
	MB_KIND_OTHER, /* CRC right, function not one mb_pdu.h parses */
};

/* frame_info.detail of a frame with status ok (or crc_error when lenient). */
struct mbrtu_frame {
	uint8_t            slave;
	uint8_t            function; /* without the exception bit */
	enum mb_kind       kind;
	struct mb_request  req;      /* the request; for a response, the one it answers */
	bool               answered; /* response: req is valid */
	struct mb_response rsp;      /* response or exception */
	const uint8_t     *pdu;      /* the whole PDU, function code first */
	size_t             pdu_len;
};

struct mbrtu_dec {
	struct mbrtu_framer w;
	uint64_t offset; /* stream offset of w.buf[0] */
	bool     lenient;
	unsigned want; /* MBRTU_SHAPE_* the role frames */

	/* The frame being reported, in w.buf until the next push, idle or finish. */
	size_t              taken; /* w.buf[0..taken) was reported */
	struct mbrtu_frame  fr;
	struct frame_info   info;     /* the frame last returned by event() */
	struct frame_info   q_garbage, q_frame;
	bool                has_garbage, has_frame;
	uint32_t            frames;
	uint16_t            rd_next, rd_count;
	struct reading      rd;

	/* Recent requests, newest at memo[memo_head], for telling what a frame is. */
	struct mbrtu_req_memo {
		uint8_t           slave;
		bool              used;
		uint8_t           val[2]; /* FC 5/6 value, for matching the echo */
		struct mb_request req;    /* values unset: only the header counts */
	} memo[MBRTU_REQ_MEMO];
	uint8_t memo_head;
	uint8_t req_val[2]; /* fr.req.values of an answered FC 5/6 */
};

void mbrtu_dec_init(struct mbrtu_dec *d);
size_t mbrtu_dec_push(struct mbrtu_dec *d, const uint8_t *p, size_t n);
enum dec_event mbrtu_dec_event(struct mbrtu_dec *d);
const struct frame_info *mbrtu_dec_frame(const struct mbrtu_dec *d);
const struct reading *mbrtu_dec_reading(const struct mbrtu_dec *d);
/* Line silence of at least t3.5: the pending bytes are a frame or a broken one. */
void mbrtu_dec_idle(struct mbrtu_dec *d);
void mbrtu_dec_finish(struct mbrtu_dec *d);
int mbrtu_dec_configure(struct mbrtu_dec *d, const char *key, const char *value);

extern const struct decoder_ops modbus_decoder_ops;

#endif
