/*
 * mbus_session.h - a sans-I/O wired M-Bus master for one meter.
 *
 * The session builds requests, takes the bytes the line delivers and tells
 * its caller when it next needs attention. It never reads a clock, never
 * blocks and never touches a port: time is the caller's monotonic
 * milliseconds (`now_ms`), bytes go out through mbus_ses_tx() and come in
 * through mbus_ses_rx(). One read-out (mbus_ses_start) runs:
 *
 *   1. SND_NKE (link reset, EN 13757-2 §5.7.1) to the primary address and
 *      wait for the E5 acknowledgement. For secondary addressing the reset
 *      goes to address 253 (it deselects every slave; an E5 is optional).
 *   2. Secondary addressing only: SND_UD with CI 0x52 to address 253 carrying
 *      the id (BCD, a 0xF nibble matches any digit), manufacturer (0xFFFF any),
 *      version and medium (0xFF any); the chosen slave answers E5. Garbage in
 *      place of the E5 usually means several slaves matched a wildcard.
 *   3. REQ_UD2 to the address (or 253); the meter answers RSP_UD. The FCB
 *      bit starts at 1 after the reset and toggles after each answered
 *      request; a repeated request (retry) keeps it, so the meter repeats
 *      the lost telegram instead of moving on (EN 13757-2 §5.7.3).
 *   4. While a telegram ends with DIF 0x1F ("more records follow"), REQ_UD2
 *      again, up to max_telegrams. Record numbers continue across telegrams:
 *      the second telegram's first record is "mbus:<records of the first>".
 *
 * A missing reply times out (first byte within reply_timeout_ms after the
 * request has left the wire, then no silence longer than char_timeout_ms);
 * a garbled, wrong-checksum or wrong-address reply is counted and the
 * request repeated after the line has been quiet for char_timeout_ms. After
 * `retries` repeats the read-out fails. Requests always wait 11 bit times
 * after the last byte received (EN 13757-2 §5.6). Bytes that are our own
 * request echoed back (some level converters do) are ignored.
 *
 * The caller's loop:
 *
 *   mbus_ses_start(&s, now);
 *   for (;;) {
 *           while ((ev = mbus_ses_event(&s)) != MBUS_SES_NONE) {
 *                   if (ev == MBUS_SES_SEND) write(fd, buf, mbus_ses_tx(&s, buf, sizeof(buf),
 * now)); else if (ev == MBUS_SES_READING) publish(mbus_ses_reading(&s)); else if (ev ==
 * MBUS_SES_DONE || ev == MBUS_SES_FAILED) ...;
 *           }
 *           wait for input or until mbus_ses_deadline(&s);
 *           now = clock();
 *           if (input) mbus_ses_rx(&s, in, n, now);  (until all consumed, draining events)
 *           mbus_ses_tick(&s, now);
 *   }
 *
 * Readings of a telegram are delivered as soon as it is accepted, so a
 * failure in a later telegram of a multi-telegram read-out does not take
 * back values already delivered.
 */
#ifndef METERD_MBUS_SESSION_H
#define METERD_MBUS_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "meterd/mbus.h"

#define MBUS_SES_NEVER UINT64_MAX

/* A secondary address; the wildcards are documented above. */
struct mbus_secondary {
	uint32_t id;           /* 0x12345678 for id 12345678; 0x1234FFFF matches 1234xxxx */
	uint16_t manufacturer; /* 0xFFFF: any */
	uint8_t version;       /* 0xFF: any */
	uint8_t medium;        /* 0xFF: any */
};

struct mbus_ses_config {
	uint8_t address; /* primary address 0..250, or 254 for "whoever is on a
	                    one-meter bus" (unless use_secondary) */
	bool use_secondary;
	struct mbus_secondary secondary;
	uint32_t baud;             /* line speed, for timing (300..38400; 2400 if 0) */
	uint32_t reply_timeout_ms; /* 0: 330 bit times + 150 ms (EN 13757-2 allows 330 + 50 ms;
	                              the rest is USB adapter latency) */
	uint32_t char_timeout_ms;  /* silence that ends a reply; 0: 22 bit times + 50 ms */
	uint8_t retries;           /* repeats of a request that got no good answer */
	uint8_t max_telegrams;     /* multi-telegram limit; 0: 16 */
	bool skip_reset;           /* no SND_NKE (the meter then keeps its FCB state) */
};

/* Fills a primary-address configuration: 2400 baud, 2 retries, default timeouts. */
void mbus_ses_config_primary(struct mbus_ses_config *cfg, uint8_t address);

enum mbus_ses_event {
	MBUS_SES_NONE,
	MBUS_SES_SEND,     /* a request is due: call mbus_ses_tx() */
	MBUS_SES_TELEGRAM, /* a data telegram was accepted: mbus_ses_detail() */
	MBUS_SES_READING,  /* one value of it: mbus_ses_reading() */
	MBUS_SES_DONE,     /* the read-out is complete */
	MBUS_SES_FAILED,   /* it failed: mbus_ses_error() */
};

enum mbus_ses_state {
	MBUS_SES_IDLE,
	MBUS_SES_RESET,   /* SND_NKE */
	MBUS_SES_SELECT,  /* SND_UD CI 0x52 */
	MBUS_SES_REQUEST, /* REQ_UD2 */
	MBUS_SES_DELIVER, /* handing out readings */
	MBUS_SES_FINISHED,
};

struct mbus_ses_stats {
	uint32_t requests;    /* frames sent */
	uint32_t timeouts;    /* requests without a (complete) answer */
	uint32_t bad_frames;  /* garbage, checksum errors, truncated or unexpected frames */
	uint32_t telegrams;   /* data telegrams accepted */
	uint32_t stray_bytes; /* bytes received while no answer was due */
};

struct mbus_ses {
	struct mbus_ses_config cfg;
	enum mbus_ses_state state;
	bool waiting; /* a request is on the line and its answer due */
	bool tx_due;  /* a request may go out once now >= tx_at */
	bool fcb;
	bool got_bytes;   /* bytes of the answer have arrived */
	bool more;        /* the accepted telegram said "more records follow" */
	uint8_t attempts; /* of the current request */
	uint8_t telegrams;
	uint16_t record_base;
	uint64_t deadline; /* answer timeout while waiting */
	uint64_t tx_at;
	enum mbus_ses_event pending;
	const char *error;
	struct mbus_ses_stats stats;
	uint8_t req[32]; /* the last request, to repeat and to recognise its echo */
	uint8_t req_len;
	struct mbus_frame_detail detail;
	struct mbus_dec dec;
};

void mbus_ses_init(struct mbus_ses *s, const struct mbus_ses_config *cfg);
/* Begins a read-out; an unfinished one is abandoned. */
void mbus_ses_start(struct mbus_ses *s, uint64_t now_ms);
/*
 * After MBUS_SES_SEND: copies the request into buf (cap >= 32) and returns its
 * length; the caller writes it at now_ms. Returns 0 when nothing is due.
 */
size_t mbus_ses_tx(struct mbus_ses *s, uint8_t *buf, size_t cap, uint64_t now_ms);
/*
 * Bytes from the line. Returns how many were consumed; it stops early when
 * an event is pending, so drain mbus_ses_event() and call again with the rest.
 * Bytes arriving while no answer is due are dropped (stats.stray_bytes).
 */
size_t mbus_ses_rx(struct mbus_ses *s, const uint8_t *p, size_t n, uint64_t now_ms);
/* Advances timers; call when mbus_ses_deadline() has passed (calling more often is harmless). */
void mbus_ses_tick(struct mbus_ses *s, uint64_t now_ms);
/* The next time mbus_ses_tick() has work, or MBUS_SES_NEVER. */
uint64_t mbus_ses_deadline(const struct mbus_ses *s);
/* Returns the pending event and clears it; readings follow a TELEGRAM one per call. */
enum mbus_ses_event mbus_ses_event(struct mbus_ses *s);
/* The value of the last MBUS_SES_READING (valid until the next call into the session). */
const struct reading *mbus_ses_reading(const struct mbus_ses *s);
/* Header and link fields of the last accepted telegram. */
const struct mbus_frame_detail *mbus_ses_detail(const struct mbus_ses *s);
/* Static reason after MBUS_SES_FAILED, else NULL. */
const char *mbus_ses_error(const struct mbus_ses *s);
const struct mbus_ses_stats *mbus_ses_stats(const struct mbus_ses *s);

/* The 8 selection bytes of SND_UD CI 0x52 (EN 13757-3 §11.2) into out[8]. */
void mbus_secondary_encode(const struct mbus_secondary *sa, uint8_t out[8]);
/* Whether a long data header matches a (wildcard) secondary address. */
bool mbus_secondary_match(const struct mbus_secondary *sa, const struct mbus_header *h);

#endif
