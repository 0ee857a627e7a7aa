/*
 * mbtcp.h - Modbus TCP framing: the MBAP header around the same PDU as RTU
 * (mb_pdu.h). Modbus Messaging on TCP/IP Implementation Guide V1.0b, §3.1.3:
 *
 *   transaction id (2) | protocol id (2) = 0 | length (2) | unit id (1) | PDU
 *
 * all big-endian; length counts the unit id and the PDU (2..254). There is
 * no CRC: TCP delivers the bytes intact, but not in the chunks they were
 * sent in, so a reader assembles ADUs with mbtcp_adu_parse(). A gateway
 * turns a TCP ADU into an RTU one by keeping the PDU and using the unit id
 * as the slave address (mbrtu_adu_encode), and back by echoing the
 * transaction id.
 */
#ifndef METERD_MBTCP_H
#define METERD_MBTCP_H

#include <stddef.h>
#include <stdint.h>

#include "meterd/mb_pdu.h"

#define MBTCP_MBAP_LEN 7
#define MBTCP_ADU_MAX  (MBTCP_MBAP_LEN + MB_PDU_MAX) /* 260 */
#define MBTCP_PORT     502

struct mbtcp_header {
	uint16_t transaction;
	uint16_t protocol; /* 0 for Modbus */
	uint16_t length;   /* unit id + PDU */
	uint8_t  unit;
};

/*
 * Encodes header + PDU into out. Returns the ADU length, MB_E_INVALID for an
 * empty or oversized PDU, or MB_E_SPACE.
 */
int mbtcp_adu_encode(uint16_t transaction, uint8_t unit, const uint8_t *pdu, size_t pdu_len,
                     uint8_t *out, size_t cap);

/*
 * Looks at the bytes a connection delivered so far, buf[0..n). Returns the
 * length of the whole ADU at the start of buf (> 0) and fills *h, *pdu and
 * *pdu_len (pointing into buf); 0 when more bytes are needed; MB_E_INVALID
 * when the header cannot start an ADU (protocol id not 0, length outside
 * 2..254). MBAP has no resynchronisation: on MB_E_INVALID drop the
 * connection.
 */
int mbtcp_adu_parse(struct mbtcp_header *h, const uint8_t **pdu, size_t *pdu_len,
                    const uint8_t *buf, size_t n);

#endif
