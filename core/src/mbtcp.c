#include <string.h>

#include "meterd/cursor.h"
#include "meterd/mbtcp.h"

int
mbtcp_adu_encode(uint16_t transaction, uint8_t unit, const uint8_t *pdu, size_t pdu_len,
                 uint8_t *out, size_t cap)
{
	if (pdu_len == 0 || pdu_len > MB_PDU_MAX)
		return MB_E_INVALID;
	if (cap < MBTCP_MBAP_LEN + pdu_len)
		return MB_E_SPACE;
	memmove(out + MBTCP_MBAP_LEN, pdu, pdu_len);
	out[0] = (uint8_t)(transaction >> 8);
	out[1] = (uint8_t)transaction;
	out[2] = 0;
	out[3] = 0;
	out[4] = (uint8_t)((pdu_len + 1) >> 8);
	out[5] = (uint8_t)(pdu_len + 1);
	out[6] = unit;
	return (int)(MBTCP_MBAP_LEN + pdu_len);
}

int
mbtcp_adu_parse(struct mbtcp_header *h, const uint8_t **pdu, size_t *pdu_len, const uint8_t *buf,
                size_t n)
{
	struct cursor c;

	if (n < MBTCP_MBAP_LEN)
		return 0;
	cursor_init(&c, buf, n);
	h->transaction = cursor_be16(&c);
	h->protocol = cursor_be16(&c);
	h->length = cursor_be16(&c);
	h->unit = cursor_u8(&c);
	if (h->protocol != 0 || h->length < 2 || h->length > MB_PDU_MAX + 1)
		return MB_E_INVALID;
	if (cursor_left(&c) < (size_t)h->length - 1)
		return 0;
	*pdu = buf + MBTCP_MBAP_LEN;
	*pdu_len = (size_t)h->length - 1;
	return (int)(MBTCP_MBAP_LEN + *pdu_len);
}
