/*
 * sml_enc.h - a small SML encoder: the push telegram an eHZ meter sends
 * (OpenResponse, GetListResponse with its entries, CloseResponse), with
 * message CRCs and, unless asked for bare messages, transport v1 framing
 * (escaping of aligned 1b1b1b1b blocks, 00 fill to a 4-byte multiple, end
 * escape with the fill count and the frame CRC).
 *
 * Pure and caller-buffered like the decoder in sml.h, whose inverse it is:
 * meterd's meter simulators emit real SML with it, and the round trip
 * encode -> decode is how both are tested. It writes the common encodings
 * of meters (groupNo and abortOnError 0, 4-byte transaction ids, crc16 as
 * two bytes); integers take the width asked for, so odd widths such as the
 * 5-byte counters of EMH meters can be reproduced.
 */
#ifndef METERD_SML_ENC_H
#define METERD_SML_ENC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "meterd/reading.h"
#include "meterd/sml.h"

enum sml_enc_type {
	SML_ENC_UNSIGNED, /* uval */
	SML_ENC_SIGNED,   /* sval */
	SML_ENC_BOOL,     /* sval != 0 */
	SML_ENC_OCTETS,   /* octets, octets_len */
};

/* One SML_ListEntry. Zero-initialise and fill what applies. */
struct sml_enc_entry {
	uint8_t           obis[6];       /* objName: A, B, C, D, E, F */
	enum sml_enc_type type;
	uint8_t           width;         /* integer bytes 1..8; 0 = the fewest that hold it */
	int64_t           sval;
	uint64_t          uval;
	const uint8_t    *octets;
	size_t            octets_len;
	bool              has_status;
	uint64_t          status;        /* written as the fewest unsigned bytes */
	enum reading_time time_kind;     /* NONE, SECINDEX or UNIX (an SML_Time list) */
	uint32_t          time;
	uint8_t           unit;          /* DLMS unit code; 0 = absent */
	bool              has_scaler;
	int8_t            scaler;
};

struct sml_enc_telegram {
	const uint8_t              *server_id;
	size_t                      server_id_len;
	uint32_t                    transaction;  /* message i gets transactionId transaction + i */
	bool                        has_sensor_time;
	uint32_t                    sensor_time;  /* actSensorTime, a secIndex */
	const struct sml_enc_entry *entries;
	size_t                      n_entries;
	bool                        bare;         /* messages only, no transport layer */
	enum sml_crc_kind           crc;          /* X25 (the standard) or KERMIT (Holley quirk) */
};

/*
 * Writes the telegram to out. Returns the bytes written, or 0 when they do
 * not fit in cap or an argument is out of range (width > 8).
 */
size_t sml_enc_telegram(const struct sml_enc_telegram *t, uint8_t *out, size_t cap);

/*
 * Wraps payload (whole SML messages) in a transport v1 frame in out. The
 * payload may overlap out (it is moved first), so a caller can write its
 * messages at out + 8 and frame them in place. crc is SML_CRC_X25 or
 * SML_CRC_KERMIT. Returns the frame length, or 0 when it does not fit in cap.
 */
size_t sml_enc_frame(const uint8_t *payload, size_t n, enum sml_crc_kind crc, uint8_t *out,
                     size_t cap);

#endif
