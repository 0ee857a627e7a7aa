/*
 * d0_session.h - a sans-I/O IEC 62056-21 readout: sign-on, identification,
 * baud switch, data (modes A, B, C and E).
 *
 * The session builds the host's messages, takes the bytes the line
 * delivers and tells its caller when it next needs attention and at which
 * baud rate the port must run. It never reads a clock, never blocks and
 * never touches a port: time is the caller's monotonic milliseconds
 * (`now_ms`). One readout (d0_sess_start) runs (62056-21 6.3, 6.4):
 *
 *   1. D0_SESS_BAUD to 300 Bd (7E1), then D0_SESS_SEND of the sign-on
 *      "/?" [address] "!" CR LF.
 *   2. The meter answers "/XXXZ<ident>" CR LF within tr <= 1500 ms after the
 *      request has left the wire (reply_timeout_ms). Its baud character Z
 *      and "\W" escape select the mode (d0_ident_mode):
 *      - mode C/E: after the reaction time (200 ms; 20 ms when the third
 *        letter is lower case) D0_SESS_SEND of the acknowledgement
 *        ACK '0' Z' '0' CR LF (readout, Z' = Z or the highest rate not above
 *        max_baud), then switch_delay_ms (250 ms) after it was written,
 *        when the 6 characters have left at 300 Bd and before the meter
 *        (which waits at least 200 ms itself) starts sending, D0_SESS_BAUD
 *        to the new rate;
 *      - mode B: D0_SESS_BAUD right away, the meter switches by itself;
 *      - mode A: the data follow at 300 Bd.
 *   3. The data block arrives and goes through the D0 decoder (d0.h):
 *      D0_SESS_FRAME, then one D0_SESS_READING per value, then D0_SESS_DONE.
 *
 * No identification within reply_timeout_ms, silence longer than
 * char_timeout_ms (62056-21 inter-character time ta, 1500 ms) inside an
 * answer, or a readout whose frame is not ok (wrong BCC, cut off) is a
 * failed attempt: the session waits char_timeout_ms of quiet, so the meter
 * is back in its initial state, and signs on again, at most `retries`
 * times; then D0_SESS_FAILED. The decoder skips the host's own sign-on and
 * ACK when a bidirectional head echoes them, and noise around the baud
 * switch.
 *
 * The caller's loop:
 *
 *   d0_sess_start(&s, now);
 *   for (;;) {
 *           while ((ev = d0_sess_event(&s)) != D0_SESS_NONE) {
 *                   BAUD:    set the port to d0_sess_baud(&s), 7E1
 *                   SEND:    write d0_sess_tx(&s, buf, sizeof(buf), now) bytes
 *                   FRAME:   count d0_sess_frame(&s)->status
 *                   READING: publish d0_sess_reading(&s)
 *                   DONE, FAILED: schedule the next readout
 *           }
 *           wait for input or until d0_sess_deadline(&s);
 *           if (input) d0_sess_rx(&s, p, n, now);   (may stop early: drain events, go on)
 *           d0_sess_tick(&s, now);
 *   }
 */
#ifndef METERD_D0_SESSION_H
#define METERD_D0_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "meterd/d0.h"

#define D0_SESS_NEVER   UINT64_MAX
#define D0_ADDRESS_MAX  32 /* 62056-21 6.3.1: device address, up to 32 characters */
#define D0_SESS_TX_MAX  (D0_ADDRESS_MAX + 5)

struct d0_sess_config {
	char     address[D0_ADDRESS_MAX + 1]; /* "" asks whichever meter is there */
	uint32_t max_baud;         /* highest rate to switch to; 0: whatever the meter offers */
	uint32_t reply_timeout_ms; /* first byte of an answer; 0: 1500 (tr max) */
	uint32_t char_timeout_ms;  /* silence inside an answer; 0: 1500 (ta) */
	uint32_t switch_delay_ms;  /* ACK written -> baud switch; 0: 250 */
	uint8_t  retries;          /* sign-ons after the first one failed */
};

/* Fills cfg: no address, no baud limit, default timeouts, 2 retries. */
void d0_sess_config_default(struct d0_sess_config *cfg);

enum d0_sess_event {
	D0_SESS_NONE,
	D0_SESS_BAUD,    /* set the port to d0_sess_baud() now */
	D0_SESS_SEND,    /* write d0_sess_tx() now */
	D0_SESS_FRAME,   /* the decoder reported a frame: d0_sess_frame() */
	D0_SESS_READING, /* one value of it: d0_sess_reading() */
	D0_SESS_DONE,    /* the readout is complete */
	D0_SESS_FAILED,  /* it failed after the retries: d0_sess_error() */
};

struct d0_sess_stats {
	uint32_t signons;    /* sign-on requests sent */
	uint32_t timeouts;   /* no answer, or silence inside one */
	uint32_t bad_frames; /* frames not ok (BCC, cut off, too long) */
	uint32_t readouts;   /* readouts completed */
};

/* The session. Fields are private; use the functions. */
struct d0_sess {
	struct d0_sess_config cfg;
	struct d0_sess_stats  stats;
	uint8_t               state;
	uint8_t               attempts;
	uint8_t               pending; /* enum d0_sess_event */
	bool                  delivering; /* passing the decoder's events on */
	bool                  frame_ok;
	uint32_t              baud;
	uint32_t              target_baud;
	uint64_t              deadline;
	uint64_t              now; /* the latest now_ms the caller gave */
	const char           *error;
	uint8_t               tx[D0_SESS_TX_MAX];
	uint8_t               tx_len;
	struct d0_dec         dec;
};

/* cfg NULL: defaults. Then set decoder options on d0_sess_decoder() if needed. */
void d0_sess_init(struct d0_sess *s, const struct d0_sess_config *cfg);
/* The embedded decoder, e.g. for d0_dec_configure(..., "ignore_bcc", "1"). */
struct d0_dec *d0_sess_decoder(struct d0_sess *s);
/* Begins a readout; an unfinished one is abandoned. */
void d0_sess_start(struct d0_sess *s, uint64_t now_ms);
/* Returns the pending event and clears it. */
enum d0_sess_event d0_sess_event(struct d0_sess *s);
/* The rate the port must run at (after D0_SESS_BAUD). */
uint32_t d0_sess_baud(const struct d0_sess *s);
/*
 * After D0_SESS_SEND: copies the message into buf (cap >= D0_SESS_TX_MAX)
 * and returns its length; the caller writes it at now_ms. 0 when none is due.
 */
size_t d0_sess_tx(struct d0_sess *s, uint8_t *buf, size_t cap, uint64_t now_ms);
/*
 * Bytes from the line. Returns how many were consumed; stops early when an
 * event is pending, so drain d0_sess_event() and call again with the rest.
 */
size_t d0_sess_rx(struct d0_sess *s, const uint8_t *p, size_t n, uint64_t now_ms);
/* Advances timers; harmless to call before d0_sess_deadline(). */
void d0_sess_tick(struct d0_sess *s, uint64_t now_ms);
/* The next time d0_sess_tick() has work (0 while events wait), or D0_SESS_NEVER. */
uint64_t d0_sess_deadline(const struct d0_sess *s);
const struct frame_info *d0_sess_frame(const struct d0_sess *s);
const struct reading *d0_sess_reading(const struct d0_sess *s);
/* Static reason after D0_SESS_FAILED, else NULL. */
const char *d0_sess_error(const struct d0_sess *s);
const struct d0_sess_stats *d0_sess_stats(const struct d0_sess *s);

#endif
