/*
 * wmbus_rx.h - wireless M-Bus receivers' serial protocols: frame extractors
 * that turn a dongle's byte stream into telegrams (CRCs removed, L first, as
 * wmbus_parse() takes them), and the encoders for their setup commands and
 * for simulators. Byte at a time, no I/O, no heap.
 *
 *   im871a   IMST iM871A / iU891A HCI, 57600 8N1: A5, control|endpoint,
 *            message id, length, payload, then a 4-byte timestamp, 1-byte
 *            RSSI and CRC-16/X-25 (low byte first, over control..RSSI) when
 *            the control bits 0x2, 0x4, 0x8 say so. A telegram is
 *            RADIOLINK (2) WMBUSMSG_IND (3) with the telegram from C on;
 *            the length byte stands for L. Setup: DEVMGMT (1) SET_CONFIG_REQ
 *            (3) with the link mode, answered by SET_CONFIG_RSP (4).
 *   amb8465  Amber/Wuerth AMB8465 (and AMB3665) command mode, 9600 8N1:
 *            FF, command, length, payload, XOR of all bytes before it.
 *            CMD_DATA_IND (03) carries the telegram from C on (plus one
 *            RSSI byte at the end when the module is set to send it);
 *            SET_MODE_REQ (04) answered by 0x84. In transparent mode the
 *            module sends the bare telegram, L first.
 *   cul      CUL / nanoCUL with culfw, 38400 8N1, text: "brc" (C1), "brt"
 *            (T1) or "brs" (S1) and "X21" to receive; each telegram is a
 *            line "b<hex>" (format A with its CRCs) or "bY<hex>" (format B),
 *            the last two bytes LQI and RSSI, CR LF.
 *   raw      hex lines: a telegram per line, with or without its format A
 *            CRCs; rtl_wmbus lines "T1;1;1;<time>;<rssi>;...;0x<hex>" are
 *            read from the last "0x". '#' starts a comment line.
 */
#ifndef METERD_WMBUS_RX_H
#define METERD_WMBUS_RX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "meterd/wmbus.h"

enum wmbus_dongle {
	WMBUS_DONGLE_RAW,
	WMBUS_DONGLE_IM871A,
	WMBUS_DONGLE_AMB8465,
	WMBUS_DONGLE_CUL,
};

enum wmbus_mode {
	WMBUS_MODE_T1,
	WMBUS_MODE_C1,
	WMBUS_MODE_S1,
	WMBUS_MODE_C1T1, /* both at once (iM871A firmware >= 1.4, AMB8465) */
};

enum wmbus_rx_event {
	WMBUS_RX_NONE,
	WMBUS_RX_TELEGRAM, /* rx->tel[0 .. tel_len), rssi when has_rssi */
	WMBUS_RX_REPLY,    /* a command answered: reply_id (CUL: the text line) */
	WMBUS_RX_ERROR,    /* a damaged frame was dropped: error says why */
};

#define WMBUS_RX_BUF 600 /* a CUL line of a 290-byte frame in hex, and then some */

struct wmbus_rx {
	enum wmbus_dongle kind;
	bool amb_rssi;     /* AMB8465: DATA_IND ends in an RSSI byte */
	uint8_t buf[WMBUS_RX_BUF];
	size_t have, need;
	bool discard;      /* CUL/raw: rest of an overlong line */
	uint32_t garbage;  /* bytes skipped outside frames, all time */
	/* the last event's data */
	uint8_t tel[WMBUS_TELEGRAM_MAX];
	size_t tel_len;
	bool has_rssi;
	int16_t rssi_dbm;
	uint8_t reply_id;       /* im871a message id, amb8465 command */
	const char *text;       /* CUL: the line (in buf, NUL-terminated) */
	const char *error;
};

void wmbus_rx_init(struct wmbus_rx *r, enum wmbus_dongle kind);
/* Feeds one byte; returns the event it completed, if any. */
enum wmbus_rx_event wmbus_rx_byte(struct wmbus_rx *r, uint8_t b);

/* "im871a", "amb8465", "cul", "raw" and back; -1 / NULL for unknown. */
int wmbus_dongle_parse(const char *s, enum wmbus_dongle *out);
const char *wmbus_dongle_name(enum wmbus_dongle d);
int wmbus_mode_parse(const char *s, enum wmbus_mode *out);
const char *wmbus_mode_name(enum wmbus_mode m);

/*
 * A telegram as a receiver delivered it, to the form wmbus_parse() takes:
 * with CRCs removed (when in[0] + 1 == n it already is, unless format_b),
 * or format A with its CRCs, or format B (format_b). Returns the length
 * in out (WMBUS_TELEGRAM_MAX), 0 when a CRC is wrong or the length fits
 * no format.
 */
size_t wmbus_telegram_normalise(const uint8_t *in, size_t n, bool format_b, uint8_t *out);

/*
 * The dongle's setup for receiving in mode: the bytes to write (cap at
 * least 64). Returns the length; 0 for raw (nothing to set up). For the
 * CUL the setup is two lines ("brc\r\n" "X21\r\n").
 */
size_t wmbus_rx_setup(enum wmbus_dongle d, enum wmbus_mode mode, uint8_t *out, size_t cap);

/* ---- encoders, for simulators ---- */

/* iM871A HCI message with RSSI and CRC attached. Returns the length, 0 when cap is short. */
size_t wmbus_im871a_encode(uint8_t endpoint, uint8_t msg, const uint8_t *payload, size_t n,
                           uint8_t rssi, uint8_t *out, size_t cap);
/* AMB8465 command frame FF cmd len payload cs. Returns the length, 0 when cap is short. */
size_t wmbus_amb8465_encode(uint8_t cmd, const uint8_t *payload, size_t n, uint8_t *out,
                            size_t cap);

#define WMBUS_IM871A_SOF          0xA5
#define WMBUS_IM871A_EP_DEVMGMT   0x01
#define WMBUS_IM871A_EP_RADIOLINK 0x02
#define WMBUS_IM871A_SET_CONFIG_REQ 0x03
#define WMBUS_IM871A_SET_CONFIG_RSP 0x04
#define WMBUS_IM871A_WMBUSMSG_IND 0x03
#define WMBUS_AMB8465_SOF         0xFF
#define WMBUS_AMB8465_DATA_IND    0x03
#define WMBUS_AMB8465_SET_MODE    0x04

#endif
