/*
 * kmp.h - Kamstrup Meter Protocol (KMP) over the optical eye: request
 * encoding, a streaming reply decoder and a sans-I/O polling session.
 *
 * KMP is what Kamstrup heat meters (MULTICAL 30x/40x/60x/80x) speak on their
 * optical eye, 1200 baud 8N2, half duplex. The master sends a request, the
 * meter answers; references are the Kamstrup KMP description 5512-447 and
 * ../shared/specs/kmp-mbus-wmbus-modbus.md section 1.
 *
 * On the wire a frame is
 *
 *   start | address | CID | data... | CRC-hi | CRC-lo | 0x0D
 *
 * with start 0x80 towards the meter and 0x40 from it. The CRC is
 * CRC-16/XMODEM over address..data, sent MSB first. Every byte between start
 * and stop, CRC included, that is one of 80 40 0D 06 1B goes out as the pair
 * 1B, byte^FF ("stuffing"). A bare 0x06 (ACK, no framing at all) answers
 * SetClock; a lone 0x00 may come from a meter unprompted and means nothing.
 *
 * This module has three layers, each usable alone:
 *
 *  1. Encoding (kmp_frame_encode, kmp_req_*): a request into a caller
 *     buffer. KMP_REQ_MAX bytes always suffice for the kmp_req_* helpers.
 *
 *  2. The decoder (struct kmp_dec, the decoder.h shape, also as
 *     kmp_decoder_ops). It reads frames in both directions, so one capture of
 *     a whole exchange decodes, and the optical head's local echo of our own
 *     request is recognised as a request frame (kind KMP_FRAME_REQUEST) rather
 *     than taken for garbage. Readings come from replies only:
 *
 *       GetRegister reply   one reading per register the meter returned, id
 *                           "kmp:<register in decimal>" ("kmp:60"), value
 *                           raw * 10^scaler exactly as transmitted (mantissa
 *                           and SiEx kept, no floating point), unit text from
 *                           the KMP unit table (kmp_unit_text). Registers
 *                           the meter does not support are left out by the
 *                           meter; the reply is walked by content.
 *       GetType reply       "kmp:type" (number, the meter type word) and
 *                           "kmp:revision" (text, e.g. "F1")
 *       GetSerialNo reply   "kmp:serial" (number)
 *
 *     Clock and date registers (units 47-50) hold decimal-coded integers
 *     (200243 is 20:02:43); they stay numbers, with unit "hh:mm:ss",
 *     "yy:mm:dd", "yyyy:mm:dd" or "mm:dd" saying how to read the digits.
 *     Frame details (struct kmp_frame) are in frame_info.detail for every
 *     frame with a start byte and for an ACK (a frame of one byte); bytes
 *     outside any frame are reported as one FRAME_INVALID frame per run (at
 *     most KMP_FRAME_MAX bytes each), with detail NULL; a lone 0x00 between
 *     frames is skipped without an event. The one option is "lenient_crc".
 *     Profile names (reading.name) are not set here: profiles are data files
 *     the caller loads (data/profiles/kamstrup-multical-403.profile).
 *
 *  3. The session (struct kmp_session): the master side. Given the registers
 *     to read it produces request bytes (at most 8 registers per request),
 *     takes the bytes received, skips the echo, checks each reply, retries,
 *     and hands out readings. It never touches a port or a clock: every call
 *     that depends on time takes now_ms, a monotonic millisecond count that
 *     may wrap, and kmp_session_deadline() tells the caller when to call
 *     again. See "Session" below.
 *
 * Nothing here allocates, blocks, or keeps global state.
 */
#ifndef METERD_KMP_H
#define METERD_KMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "meterd/decoder.h"
#include "meterd/reading.h"

#define KMP_START_REQUEST 0x80
#define KMP_START_REPLY   0x40
#define KMP_STOP          0x0D
#define KMP_ACK           0x06
#define KMP_ESCAPE        0x1B

/* Destination addresses (5512-447): heat meter, MULTICAL 601/801 loggers. */
#define KMP_ADDR_METER       0x3F
#define KMP_ADDR_LOGGER_TOP  0x7F
#define KMP_ADDR_LOGGER_BASE 0xBF

/* Command identifiers this module builds or interprets. */
#define KMP_CID_GET_TYPE     0x01
#define KMP_CID_GET_SERIAL   0x02
#define KMP_CID_SET_CLOCK    0x09
#define KMP_CID_GET_REGISTER 0x10
#define KMP_CID_PUT_REGISTER 0x11

/* A GetRegister request names 1..8 registers (5512-447 section 6.2.4). */
#define KMP_REGS_PER_REQUEST 8

/*
 * Longest frame the decoder keeps, unstuffed, address to CRC. A full
 * GetRegister reply is at most 2 + 8 * (5 + 8) + 2 = 108 bytes; the margin
 * covers the logger commands, whose data the decoder passes through.
 */
#define KMP_FRAME_MAX 256

/*
 * Buffer size that always holds one request from the kmp_req_* helpers:
 * start, stop and 2 * (address, CID, at most 17 data bytes, CRC) if every
 * byte needed stuffing.
 */
#define KMP_REQ_MAX 48

/* Bytes a register value takes at most: 8 mantissa bytes fill an int64. */
#define KMP_VALUE_MAX_BYTES 8

/* ---------------------------------------------------------------- values */

/*
 * The text of a KMP unit code (RegisterUnit byte): "kWh", "m3", "°C" (UTF-8),
 * "l/h", "hh:mm:ss" ... Returns "" for codes the table does not know and for
 * plain numbers (51) and bit fields (59).
 */
const char *kmp_unit_text(uint8_t unit);

/*
 * Decodes a register value: nob mantissa bytes (big-endian, 1..8) and the
 * SiEx byte, bit 7 the sign of the value, bit 6 the sign of the exponent,
 * bits 5..0 the exponent. Sets raw (signed mantissa) and scaler (signed
 * exponent) so that value = raw * 10^scaler exactly. Returns false when nob
 * is 0 or above 8, or the mantissa does not fit an int64.
 */
bool kmp_value_decode(const uint8_t *mantissa, size_t nob, uint8_t siex, int64_t *raw,
                      int8_t *scaler);

/*
 * Encodes raw * 10^scaler as NoB, SiEx, mantissa into out (at most
 * 2 + KMP_VALUE_MAX_BYTES bytes). nob is the mantissa width the register
 * uses (1..8; MULTICAL registers are 4 bytes wide), or 0 for the fewest
 * bytes that hold the mantissa. Returns the bytes written, or 0 when the
 * value does not fit nob bytes or |scaler| > 63.
 */
size_t kmp_value_encode(int64_t raw, int scaler, size_t nob, uint8_t *out, size_t cap);

/* -------------------------------------------------------------- encoding */

/*
 * Builds one frame: start byte (KMP_START_REQUEST, or KMP_START_REPLY to
 * play a meter), address, CID, n data bytes, the CRC, stuffing and the stop
 * byte. Returns the length written to out, or 0 if cap is too small.
 */
size_t kmp_frame_encode(uint8_t *out, size_t cap, uint8_t start, uint8_t addr, uint8_t cid,
                        const uint8_t *data, size_t n);

/*
 * Stuffs n bytes into out (each of 80 40 0D 06 1B becomes 1B, byte^FF).
 * Returns the length, or 0 if cap is too small (and n > 0).
 */
size_t kmp_stuff(uint8_t *out, size_t cap, const uint8_t *in, size_t n);

/* Requests. Each returns the frame length in out, or 0 if cap is too small
 * or an argument is out of range. */
size_t kmp_req_get_type(uint8_t *out, size_t cap, uint8_t addr);
size_t kmp_req_get_serial(uint8_t *out, size_t cap, uint8_t addr);
/* 1..8 register ids. */
size_t kmp_req_get_register(uint8_t *out, size_t cap, uint8_t addr, const uint16_t *regs,
                            size_t n);
/*
 * SetClock: the date as the decimal-coded integer YYMMDD (261125) and the
 * time as HHMMSS (143000), each sent as 32 bits and checked for a valid month, day, hour,
 * minute and second, date first (the order of
 * the spec notes; the 5512-447 example's CRC does not verify, so the order
 * could not be checked against it). The meter answers with a bare ACK.
 */
size_t kmp_req_set_clock(uint8_t *out, size_t cap, uint8_t addr, uint32_t yymmdd,
                         uint32_t hhmmss);
/*
 * PutRegister for one register: id, unit code, then the value as
 * kmp_value_encode writes it (nob as there). Writing changes a meter's
 * configuration: callers gate this behind an explicit user action.
 */
size_t kmp_req_put_register(uint8_t *out, size_t cap, uint8_t addr, uint16_t reg, uint8_t unit,
                            int64_t raw, int scaler, size_t nob);

/* --------------------------------------------------------------- decoder */

enum kmp_frame_kind {
	KMP_FRAME_REQUEST, /* 0x80: towards the meter (our echo on an optical head) */
	KMP_FRAME_REPLY,   /* 0x40: from the meter */
	KMP_FRAME_ACK,     /* bare 0x06 */
};

/* One register entry of a GetRegister reply (or of a PutRegister request). */
struct kmp_reg {
	uint16_t id;
	uint8_t  unit;   /* KMP unit code */
	uint8_t  nob;    /* mantissa bytes */
	uint8_t  siex;
	uint8_t  offset; /* of the mantissa within kmp_frame.data */
};

/*
 * frame_info.detail of every KMP frame that had a start byte or was an ACK;
 * valid until the next push. A FRAME_CRC_ERROR frame, or a FRAME_INVALID
 * one whose CRC was right but whose content was not, has addr, cid, crc and
 * data set; the decoded fields only on FRAME_OK (or with lenient_crc). For
 * FRAME_TRUNCATED and framing errors (no stop byte, too short) only kind
 * is meaningful.
 */
struct kmp_frame {
	enum kmp_frame_kind kind;
	uint8_t             addr;
	uint8_t             cid;
	uint16_t            crc;        /* as received */
	const uint8_t      *data;       /* application data, unstuffed */
	size_t              data_len;
	/*
	 * GetRegister request: the ids asked for (unit/nob/siex zero).
	 * GetRegister reply: the registers returned, in order.
	 * PutRegister request: the register written.
	 */
	uint8_t             nregs;
	struct kmp_reg      regs[KMP_REGS_PER_REQUEST];
	uint16_t            meter_type;     /* GetType reply */
	char                revision[8];    /* GetType reply, "F1" */
	uint32_t            serial;         /* GetSerialNo reply */
	uint32_t            date, time;     /* SetClock request: YYMMDD, HHMMSS */
};

/* Decoder context; treat as opaque. */
struct kmp_dec {
	bool              lenient_crc;
	uint8_t           state;
	bool              escape;
	uint8_t           start;
	uint16_t          len;
	uint64_t          offset;       /* stream offset of the next byte */
	uint64_t          run_offset;   /* first byte of the frame or garbage run */
	uint32_t          run_len;      /* wire bytes of it so far */
	uint32_t          next_index;
	enum dec_event    pending;
	bool              frame_ready;  /* DEC_FRAME taken, readings may follow */
	uint8_t           next_reading; /* 0..count of the last ok frame */
	uint8_t           readings;
	struct frame_info fi;
	struct kmp_frame  kf;
	struct reading    rd;
	uint8_t           buf[KMP_FRAME_MAX]; /* unstuffed, address to CRC */
};

void kmp_dec_init(struct kmp_dec *d);
/* "lenient_crc" = "0"|"1". Returns 0, or -1 for an unknown key or value. */
int kmp_dec_configure(struct kmp_dec *d, const char *key, const char *value);
size_t kmp_dec_push(struct kmp_dec *d, const uint8_t *p, size_t n);
enum dec_event kmp_dec_event(struct kmp_dec *d);
const struct frame_info *kmp_dec_frame(const struct kmp_dec *d);
const struct reading *kmp_dec_reading(const struct kmp_dec *d);
/* End of input: a partial frame becomes FRAME_TRUNCATED. */
void kmp_dec_finish(struct kmp_dec *d);
/*
 * The line has gone quiet: a partial frame is FRAME_TRUNCATED (a meter never
 * pauses inside a reply; its inter-byte limit is 27 ms), a garbage run ends.
 */
void kmp_dec_idle(struct kmp_dec *d);
/* True while a frame has begun but not ended (for inter-byte timeouts). */
bool kmp_dec_in_frame(const struct kmp_dec *d);

extern const struct decoder_ops kmp_decoder_ops;

/* --------------------------------------------------------------- session */

/*
 * Session: one master polling one meter address on one line.
 *
 *   struct kmp_session s;
 *   kmp_session_init(&s, NULL);                     // defaults: 0x3F, 1200 8N2
 *   kmp_session_read_registers(&s, regs, nregs);    // queues ceil(n/8) requests
 *   for (;;) {                                      // the caller's loop
 *           while ((ev = kmp_session_event(&s, now)) != KMP_SESSION_NONE) {
 *                   SEND:    write kmp_session_tx() to the line
 *                   READING: publish kmp_session_reading()
 *                   FAILED:  log kmp_session_error(); the poll goes on
 *                   DONE:    every queued request has ended
 *           }
 *           wait for input or kmp_session_deadline();
 *           while (bytes received) {
 *                   used = kmp_session_input(&s, now, p, n);   // may stop early:
 *                   p += used, n -= used;                     // drain events first
 *                   drain events as above
 *           }
 *   }
 *
 * Timing, from 5512-447 and the spec notes: the meter answers within 1.6 s
 * (response_ms, counted from the end of our transmission, which takes 11
 * bits per byte at the configured baud); once a reply has begun its bytes
 * must keep coming (interbyte_ms, generous because USB adapters and TCP
 * serial servers deliver in bursts); between one reply and the next request
 * at least one byte time passes; after a broken reply (CRC error, framing,
 * wrong CID) the session waits error_pause_ms (1.6 s) so the meter is quiet
 * again, then retries. A request that never gets an answer is retried one
 * byte time after its deadline. After `retries` retries the request fails (KMP_SESSION_FAILED); if
 * it failed for want of any answer, the meter is taken to be asleep or gone
 * and the rest of the queue is dropped with it (one FAILED, then DONE), so
 * a dead meter costs one timeout per retry, not one per request.
 *
 * Replies are checked against the request: address, CID, and for
 * GetRegister that every returned register was asked for. Registers the
 * meter left out are counted in stats.regs_missing; the others are read.
 */
struct kmp_session_config {
	uint8_t  address;        /* KMP_ADDR_METER */
	uint32_t baud;           /* 1200 */
	uint8_t  char_bits;      /* 11: start, 8 data, 2 stop */
	uint32_t response_ms;    /* 1600 */
	uint32_t interbyte_ms;   /* 200 */
	uint32_t error_pause_ms; /* 1600 */
	uint8_t  retries;        /* 2, so up to 3 attempts per request */
};

enum kmp_session_event {
	KMP_SESSION_NONE = 0,
	KMP_SESSION_SEND,    /* write kmp_session_tx() now */
	KMP_SESSION_READING, /* kmp_session_reading() */
	KMP_SESSION_FAILED,  /* a request gave up: kmp_session_error() */
	KMP_SESSION_DONE,    /* the queue is empty again */
};

struct kmp_session_stats {
	uint32_t requests;      /* requests sent, retries included */
	uint32_t retries;
	uint32_t timeouts;      /* no (complete) reply in time */
	uint32_t crc_errors;
	uint32_t bad_replies;   /* framing errors, wrong address/CID/registers */
	uint32_t failures;      /* requests given up */
	uint32_t dropped;       /* requests dropped with a dead meter */
	uint32_t echoes;        /* request frames read back (optical head echo) */
	uint32_t noise_bytes;   /* bytes outside frames, or outside a request */
	uint32_t regs_missing;  /* registers asked for that the meter left out */
	uint32_t readings;
};

/* Queued requests, each up to 8 registers: 64 registers per poll. */
#define KMP_SESSION_QUEUE 8

struct kmp_session_req {
	uint8_t  cid;
	uint8_t  nregs;
	uint16_t regs[KMP_REGS_PER_REQUEST];
	uint8_t  data_len;
	uint8_t  data[16]; /* SetClock / PutRegister payload */
};

/* Session context; treat as opaque. */
struct kmp_session {
	struct kmp_session_config cfg;
	struct kmp_session_stats  stats;
	struct kmp_dec            dec;
	struct kmp_session_req    queue[KMP_SESSION_QUEUE];
	uint8_t                   head, count;
	uint8_t                   state;
	uint16_t                  attempts;   /* wider than retries: no wrap at 255 */
	bool                      rx_any;     /* a byte came since the request went out */
	bool                      fail_due, done_due;
	uint32_t                  timer_start; /* READY: hold before sending; WAIT: reply window */
	uint32_t                  timer_ms;
	uint32_t                  last_rx;     /* for the inter-byte timeout */
	uint32_t                  last_now;
	const char               *error;
	uint8_t                   tx[KMP_REQ_MAX];
	size_t                    tx_len;
};

/* Fills c with the defaults above. */
void kmp_session_config_default(struct kmp_session_config *c);
/*
 * cfg NULL for the defaults. In a given cfg, a zero address, baud,
 * char_bits or *_ms takes the default; retries 0 means a single attempt.
 */
void kmp_session_init(struct kmp_session *s, const struct kmp_session_config *cfg);

/*
 * Queue requests. Each returns 0, or -1 when the queue has no room for all
 * of it (nothing is queued then) or an argument is out of range (n == 0).
 * Queued requests go out in order, the first one at the first
 * kmp_session_event() call after the pause that ended the previous
 * exchange (none for a fresh session).
 */
int kmp_session_read_registers(struct kmp_session *s, const uint16_t *regs, size_t n);
int kmp_session_get_type(struct kmp_session *s);
int kmp_session_get_serial(struct kmp_session *s);
int kmp_session_set_clock(struct kmp_session *s, uint32_t yymmdd, uint32_t hhmmss);
int kmp_session_put_register(struct kmp_session *s, uint16_t reg, uint8_t unit, int64_t raw,
                             int scaler, size_t nob);
/* Drops every queued request and any exchange in progress (port closed). */
void kmp_session_cancel(struct kmp_session *s);

/* Next event at now_ms, or KMP_SESSION_NONE: then wait for input or the deadline. */
enum kmp_session_event kmp_session_event(struct kmp_session *s, uint32_t now_ms);
/* The request bytes of the last KMP_SESSION_SEND; valid until the next call. */
const uint8_t *kmp_session_tx(const struct kmp_session *s, size_t *len);
/* The reading of the last KMP_SESSION_READING; valid until the next call. */
const struct reading *kmp_session_reading(const struct kmp_session *s);
/* Why the last request failed (static text). */
const char *kmp_session_error(const struct kmp_session *s);

/*
 * Bytes received at now_ms. Returns how many were consumed: all of them,
 * except when a reply is complete and its readings are waiting; then (and
 * only then, so a return of 0 always means events are due) drain
 * kmp_session_event() and pass the rest. Bytes that arrive while no request
 * is outstanding are counted as noise and dropped.
 */
size_t kmp_session_input(struct kmp_session *s, uint32_t now_ms, const uint8_t *p, size_t n);

/*
 * When kmp_session_event() next has something to do without new input:
 * true and *at_ms set, or false when the session is idle (nothing queued).
 * When events are pending the deadline is the time they became due (<= now).
 */
bool kmp_session_deadline(const struct kmp_session *s, uint32_t *at_ms);
/* True while requests are queued or an exchange is under way. */
bool kmp_session_busy(const struct kmp_session *s);
const struct kmp_session_stats *kmp_session_stats(const struct kmp_session *s);

#endif
