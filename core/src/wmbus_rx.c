/*
 * wmbus_rx.c - frame extractors and setup commands of the wM-Bus dongles
 * (iM871A HCI, AMB8465 command mode, CUL text, raw hex lines). See wmbus_rx.h.
 */
#include <string.h>

#include "meterd/crc.h"
#include "meterd/hex.h"
#include "meterd/wmbus_rx.h"

static const char *const dongle_names[] = {"raw", "im871a", "amb8465", "cul"};
static const char *const mode_names[] = {"t1", "c1", "s1", "c1t1"};

int
wmbus_dongle_parse(const char *s, enum wmbus_dongle *out)
{
	unsigned i;

	for (i = 0; i < 4; i++)
		if (strcmp(s, dongle_names[i]) == 0) {
			*out = (enum wmbus_dongle)i;
			return 0;
		}
	if (strcmp(s, "iu891a") == 0 || strcmp(s, "im170a") == 0) {
		*out = WMBUS_DONGLE_IM871A; /* the same HCI */
		return 0;
	}
	return -1;
}

const char *
wmbus_dongle_name(enum wmbus_dongle d)
{
	return (unsigned)d < 4 ? dongle_names[d] : NULL;
}

int
wmbus_mode_parse(const char *s, enum wmbus_mode *out)
{
	unsigned i;

	for (i = 0; i < 4; i++)
		if (strcmp(s, mode_names[i]) == 0) {
			*out = (enum wmbus_mode)i;
			return 0;
		}
	return -1;
}

const char *
wmbus_mode_name(enum wmbus_mode m)
{
	return (unsigned)m < 4 ? mode_names[m] : NULL;
}

size_t
wmbus_telegram_normalise(const uint8_t *in, size_t n, bool format_b, uint8_t *out)
{
	if (n < 11)
		return 0;
	if (format_b)
		return wmbus_link_strip(in, n, WMBUS_LINK_B, out);
	if ((size_t)in[0] + 1 == n) {
		memcpy(out, in, n);
		return n;
	}
	if (wmbus_link_frame_len(in[0], WMBUS_LINK_A) == n)
		return wmbus_link_strip(in, n, WMBUS_LINK_A, out);
	return 0;
}

void
wmbus_rx_init(struct wmbus_rx *r, enum wmbus_dongle kind)
{
	memset(r, 0, sizeof(*r));
	r->kind = kind;
}

static enum wmbus_rx_event
rx_error(struct wmbus_rx *r, const char *why)
{
	r->error = why;
	r->have = r->need = 0;
	return WMBUS_RX_ERROR;
}

/* The telegram in in[0..n) (L first) becomes the event's, or an error. */
static enum wmbus_rx_event
rx_telegram(struct wmbus_rx *r, const uint8_t *in, size_t n, bool format_b)
{
	size_t k = wmbus_telegram_normalise(in, n, format_b, r->tel);

	r->have = r->need = 0;
	if (k == 0) {
		r->error = "telegram length or link layer CRC wrong";
		return WMBUS_RX_ERROR;
	}
	r->tel_len = k;
	return WMBUS_RX_TELEGRAM;
}

/* ---- iM871A HCI ---- */

#define IM_TS   0x2
#define IM_RSSI 0x4
#define IM_CRC  0x8

static enum wmbus_rx_event
im871a_byte(struct wmbus_rx *r, uint8_t b)
{
	uint8_t ctl, tel[WMBUS_TELEGRAM_MAX];
	size_t pos;

	if (r->have == 0 && b != WMBUS_IM871A_SOF) {
		r->garbage++;
		return WMBUS_RX_NONE;
	}
	r->buf[r->have++] = b;
	if (r->have == 4) {
		ctl = r->buf[1] >> 4;
		if (ctl & 0x1)
			return rx_error(r, "HCI control field has the reserved bit set");
		r->need = 4 + (size_t)r->buf[3] + ((ctl & IM_TS) ? 4 : 0) + ((ctl & IM_RSSI) ? 1 : 0) +
		          ((ctl & IM_CRC) ? 2 : 0);
	}
	if (r->have < 4 || r->have < r->need)
		return WMBUS_RX_NONE;
	ctl = r->buf[1] >> 4;
	if (ctl & IM_CRC) {
		uint16_t c = crc16_x25(r->buf + 1, r->need - 3);
		if (r->buf[r->need - 2] != (uint8_t)c || r->buf[r->need - 1] != (uint8_t)(c >> 8))
			return rx_error(r, "HCI CRC wrong");
	}
	pos = 4 + (size_t)r->buf[3] + ((ctl & IM_TS) ? 4 : 0);
	r->has_rssi = (ctl & IM_RSSI) != 0;
	if (r->has_rssi) {
		/* RSSI register to dBm, the module's curve in two points: 45 -> -100, 205 -> -20 */
		int raw = r->buf[pos];
		r->rssi_dbm = (int16_t)(raw >= 230 ? 0 : -100 + (raw - 45) / 2);
	}
	r->reply_id = r->buf[2];
	if ((r->buf[1] & 0x0F) == WMBUS_IM871A_EP_RADIOLINK && r->buf[2] == WMBUS_IM871A_WMBUSMSG_IND) {
		size_t len = r->buf[3];
		tel[0] = (uint8_t)len; /* the length byte stands for L */
		memcpy(tel + 1, r->buf + 4, len);
		return rx_telegram(r, tel, len + 1, false);
	}
	r->have = r->need = 0;
	return WMBUS_RX_REPLY;
}

size_t
wmbus_im871a_encode(uint8_t endpoint, uint8_t msg, const uint8_t *payload, size_t n, uint8_t rssi,
                    uint8_t *out, size_t cap)
{
	uint16_t c;

	if (n > 255 || cap < n + 7)
		return 0;
	out[0] = WMBUS_IM871A_SOF;
	out[1] = (uint8_t)((IM_RSSI | IM_CRC) << 4 | (endpoint & 0x0F));
	out[2] = msg;
	out[3] = (uint8_t)n;
	memcpy(out + 4, payload, n);
	out[4 + n] = rssi;
	c = crc16_x25(out + 1, n + 4);
	out[5 + n] = (uint8_t)c;
	out[6 + n] = (uint8_t)(c >> 8);
	return n + 7;
}

/* ---- AMB8465 ---- */

static uint8_t
xor_sum(const uint8_t *p, size_t n)
{
	uint8_t x = 0;
	while (n--)
		x ^= *p++;
	return x;
}

static enum wmbus_rx_event
amb8465_byte(struct wmbus_rx *r, uint8_t b)
{
	uint8_t tel[WMBUS_TELEGRAM_MAX];
	size_t len;

	if (r->have == 0 && b != WMBUS_AMB8465_SOF && b < 10) {
		r->garbage++;
		return WMBUS_RX_NONE;
	}
	r->buf[r->have++] = b;
	if (r->buf[0] != WMBUS_AMB8465_SOF) {
		/* transparent mode: L first */
		if (r->have == 1)
			r->need = (size_t)b + 1 + (r->amb_rssi ? 1 : 0);
		if (r->have < r->need)
			return WMBUS_RX_NONE;
		if (r->amb_rssi) {
			r->has_rssi = true;
			r->rssi_dbm = (int16_t)((int8_t)r->buf[r->need - 1] / 2 - 74);
		}
		return rx_telegram(r, r->buf, r->need - (r->amb_rssi ? 1 : 0), false);
	}
	if (r->have == 3)
		r->need = 4 + (size_t)r->buf[2];
	if (r->have < 3 || r->have < r->need)
		return WMBUS_RX_NONE;
	if (xor_sum(r->buf, r->need - 1) != r->buf[r->need - 1])
		return rx_error(r, "AMB8465 checksum wrong");
	r->reply_id = r->buf[1];
	if (r->buf[1] != WMBUS_AMB8465_DATA_IND) {
		r->have = r->need = 0;
		return WMBUS_RX_REPLY;
	}
	len = r->buf[2];
	r->has_rssi = r->amb_rssi;
	if (r->amb_rssi) {
		if (len < 1)
			return rx_error(r, "AMB8465 telegram without its RSSI byte");
		len--;
		r->rssi_dbm = (int16_t)((int8_t)r->buf[3 + len] / 2 - 74);
	}
	tel[0] = (uint8_t)len;
	memcpy(tel + 1, r->buf + 3, len);
	return rx_telegram(r, tel, len + 1, false);
}

size_t
wmbus_amb8465_encode(uint8_t cmd, const uint8_t *payload, size_t n, uint8_t *out, size_t cap)
{
	if (n > 255 || cap < n + 4)
		return 0;
	out[0] = WMBUS_AMB8465_SOF;
	out[1] = cmd;
	out[2] = (uint8_t)n;
	memcpy(out + 3, payload, n);
	out[3 + n] = xor_sum(out, n + 3);
	return n + 4;
}

/* ---- text lines: CUL and raw ---- */

/* Hex digits (spaces allowed between pairs) into out. Returns bytes, or -1 when not hex. */
static long
hex_bytes(const uint8_t *s, size_t n, uint8_t *out, size_t cap)
{
	size_t i, k = 0;
	int half = -1;

	for (i = 0; i < n; i++) {
		int v;
		if (s[i] == ' ' || s[i] == '\t')
			continue;
		if ((v = hex_value(s[i])) < 0)
			return -1;
		if (half < 0) {
			half = v;
			continue;
		}
		if (k == cap)
			return -1;
		out[k++] = (uint8_t)(half << 4 | v);
		half = -1;
	}
	return half < 0 ? (long)k : -1;
}

static enum wmbus_rx_event
cul_line(struct wmbus_rx *r, size_t n)
{
	uint8_t bin[WMBUS_FRAME_MAX + 2];
	const uint8_t *p = r->buf;
	bool format_b = false;
	long k;

	if (n == 0 || p[0] != 'b') {
		r->buf[n] = '\0';
		r->text = (const char *)r->buf;
		r->have = 0;
		return WMBUS_RX_REPLY;
	}
	p++, n--;
	if (n > 0 && p[0] == 'Y') {
		format_b = true;
		p++, n--;
	}
	if ((k = hex_bytes(p, n, bin, sizeof(bin))) < 0)
		return rx_error(r, "CUL line is not hex (a telegram longer than the firmware takes?)");
	if (k < 13)
		return rx_error(r, "CUL line too short for a telegram");
	/* X21: LQI and RSSI follow the frame */
	r->has_rssi = true;
	r->rssi_dbm = (int16_t)((int8_t)bin[k - 1] / 2 - 74);
	return rx_telegram(r, bin, (size_t)k - 2, format_b);
}

static enum wmbus_rx_event
raw_line(struct wmbus_rx *r, size_t n)
{
	uint8_t bin[WMBUS_FRAME_MAX];
	const uint8_t *p = r->buf, *q;
	size_t i;
	long k;

	while (n > 0 && (p[0] == ' ' || p[0] == '\t'))
		p++, n--;
	r->have = 0;
	if (n == 0 || p[0] == '#')
		return WMBUS_RX_NONE;
	/* rtl_wmbus: fields separated by ';', the telegram after the last "0x" */
	for (i = 0, q = NULL; i + 1 < n; i++)
		if (p[i] == '0' && (p[i + 1] == 'x' || p[i + 1] == 'X'))
			q = p + i + 2;
	if (q != NULL) {
		n -= (size_t)(q - p);
		p = q;
		for (i = 0; i < n && p[i] != ';'; i++)
			;
		n = i;
	}
	if ((k = hex_bytes(p, n, bin, sizeof(bin))) < 0)
		return rx_error(r, "line is not a hex telegram");
	r->has_rssi = false;
	return rx_telegram(r, bin, (size_t)k, false);
}

static enum wmbus_rx_event
line_byte(struct wmbus_rx *r, uint8_t b)
{
	if (b == '\n' || b == '\r') {
		size_t n = r->have;
		if (r->discard) {
			r->discard = false;
			r->have = 0;
			return rx_error(r, "line longer than any telegram");
		}
		if (n == 0)
			return WMBUS_RX_NONE;
		return r->kind == WMBUS_DONGLE_CUL ? cul_line(r, n) : raw_line(r, n);
	}
	if (r->discard)
		return WMBUS_RX_NONE;
	if (r->have + 1 >= sizeof(r->buf)) {
		r->discard = true;
		r->have = 0;
		return WMBUS_RX_NONE;
	}
	r->buf[r->have++] = b;
	return WMBUS_RX_NONE;
}

enum wmbus_rx_event
wmbus_rx_byte(struct wmbus_rx *r, uint8_t b)
{
	r->error = NULL;
	r->text = NULL;
	switch (r->kind) {
	case WMBUS_DONGLE_IM871A:
		return im871a_byte(r, b);
	case WMBUS_DONGLE_AMB8465:
		return amb8465_byte(r, b);
	case WMBUS_DONGLE_CUL:
	case WMBUS_DONGLE_RAW:
		return line_byte(r, b);
	}
	return WMBUS_RX_NONE;
}

size_t
wmbus_rx_setup(enum wmbus_dongle d, enum wmbus_mode mode, uint8_t *out, size_t cap)
{
	/* iM871A link modes: S1 0, T1 3, C1a 6, C1/T1 together 10 */
	static const uint8_t im_mode[] = {3, 6, 0, 10};
	/* AMB8465 receive modes: T2-other 08, C2-other 0E, S2 03, C2/T2-other 09 */
	static const uint8_t amb_mode[] = {0x08, 0x0E, 0x03, 0x09};
	static const char *const cul_cmd[] = {"brt\r\nX21\r\n", "brc\r\nX21\r\n", "brs\r\nX21\r\n",
	                                      "brc\r\nX21\r\n"};
	uint8_t p[6];
	size_t n;

	if ((unsigned)mode > 3 || cap < 64)
		return 0;
	switch (d) {
	case WMBUS_DONGLE_IM871A:
		/* not saved (0), set link mode (iif1 0x02), then RSSI on and timestamp off (iif2 0x30) */
		p[0] = 0x00;
		p[1] = 0x02;
		p[2] = im_mode[mode];
		p[3] = 0x30;
		p[4] = 0x01;
		p[5] = 0x00;
		out[0] = WMBUS_IM871A_SOF;
		out[1] = WMBUS_IM871A_EP_DEVMGMT;
		out[2] = WMBUS_IM871A_SET_CONFIG_REQ;
		out[3] = 6;
		memcpy(out + 4, p, 6);
		return 10;
	case WMBUS_DONGLE_AMB8465:
		p[0] = amb_mode[mode];
		return wmbus_amb8465_encode(WMBUS_AMB8465_SET_MODE, p, 1, out, cap);
	case WMBUS_DONGLE_CUL:
		n = strlen(cul_cmd[mode]);
		memcpy(out, cul_cmd[mode], n);
		return n;
	case WMBUS_DONGLE_RAW:
		break;
	}
	return 0;
}
