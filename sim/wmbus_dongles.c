/*
 * wmbus_dongles.c - wireless M-Bus receivers: an IMST iM871A (HCI, 57600
 * 8N1), an Amber AMB8465 (command mode, 9600 8N1) and a nanoCUL (culfw
 * text, 38400 8N1), each hearing the same four meters.
 *
 * Like the real modules they are silent until told what to receive: the
 * iM871A after DEVMGMT SET_CONFIG_REQ (answered with SET_CONFIG_RSP), the
 * AMB8465 after CMD_SET_MODE_REQ (answered with 0x84), the CUL after
 * "brc"/"brt"/"brs" (answered "CMODE"/"TMODE"/"SMODE"). Then every period
 * one telegram goes out in the dongle's framing, and right after it the
 * same telegram again, as a repeater would deliver it (the reader must
 * drop the copy).
 *
 * The telegrams are real ones from tests/fixtures/wmbus (wmbusmeters test
 * suite, see SOURCES.md there), in turn:
 *   - a Kamstrup MULTICAL 21 (76348799), ELL AES-128-CTR, key
 *     28F64A24988064A079AA2C807D6102AE (aes/multical21_ctr_full_76348799);
 *   - a Kamstrup MULTICAL 603 (78787878), short TPL header
 *     (wmbusmeters-kamstrup/kamheat_L689_kamheat_78787878);
 *   - a Kamstrup heat meter (67947613) compact frame of a known format
 *     (wmbusmeters-kamstrup/kamheat_L738_kamheat_67947613);
 *   - an Engelmann WaterStar M (50496629), TPL mode 5 AES-CBC, key
 *     FFEEDDCCBBAA00998877665544332211 (aes/waterstarm_L210_waterstarm_50496629).
 * The CUL delivers them with their format A CRCs, as culfw does; the
 * iM871A and the AMB8465 without, as those modules do.
 */
#include <string.h>

#include "meterd/hex.h"
#include "meterd/wmbus_rx.h"
#include "sim.h"

static const char *const telegram_hex[] = {
    "2A442D2C998734761B168D2091D37CAC21E1D68CDAFFCD3DC452BD802913FF7B1706CA9E355D6C2701CC24",
    "5E442D2C78787878400C7A6E0050252F2F04056C2B000004138A0B070004FF07C657020004FF08FD36020002"
    "594B09025DFA08023B000002FF220000026CF42144052F000000441302AD0000426CE1212F2F2F2F2F2F2F2F"
    "2F2F2F2F2F2F2F",
    "25442D2C1376946730048D20E9F1A70B20154D79E7F1887F8E0100000000CA0900FFFF010000",
    "A144C5142966495070078C20D07A0D0090257DB8BB9938A1FF7C4B9A4492F4EA5F278B725057EEE6837C1739"
    "7E9605F3A448A338BD8407A2A5846632C334DFF577F427F054F55E68A00FA5C85CCBC808CCDD2BB537A83234"
    "A50392968F00C1D7473455F9FC4C88FB195CA1712325DA8C6AA7FDB7C4B77B9B84A4A0CCAC4F586775FA6600"
    "7DBDC2C615B69247401E9B9A863AC5A5873484B1B7D0178198E88F701E53",
};
#define N_TELEGRAMS (sizeof(telegram_hex) / sizeof(telegram_hex[0]))

struct dongle {
	enum wmbus_dongle kind;
	bool              receiving; /* the reader set a mode */
	unsigned          next;      /* telegram to send */
	uint8_t           tel[N_TELEGRAMS][WMBUS_TELEGRAM_MAX];
	size_t            tel_len[N_TELEGRAMS];
	uint8_t           in[64];    /* command bytes from the reader */
	size_t            in_len;
};

static size_t
from_hex(const char *s, uint8_t *out, size_t cap)
{
	size_t k = 0;

	for (; s[0] && s[1] && k < cap; s += 2)
		out[k++] = (uint8_t)(hex_value(s[0]) << 4 | hex_value(s[1]));
	return k;
}

static int
dongle_init(struct sim_meter *m, uint64_t now, enum wmbus_dongle kind)
{
	struct dongle *d = m->ctx;

	sim_meter_wake_at(m, now + 200);
	d->kind = kind;
	for (size_t i = 0; i < N_TELEGRAMS; i++)
		d->tel_len[i] = from_hex(telegram_hex[i], d->tel[i], WMBUS_TELEGRAM_MAX);
	return 0;
}

static int
im871a_init(struct sim_meter *m, uint64_t now)
{
	return dongle_init(m, now, WMBUS_DONGLE_IM871A);
}

static int
amb8465_init(struct sim_meter *m, uint64_t now)
{
	return dongle_init(m, now, WMBUS_DONGLE_AMB8465);
}

static int
cul_init(struct sim_meter *m, uint64_t now)
{
	return dongle_init(m, now, WMBUS_DONGLE_CUL);
}

/* Frames telegram t (CRCs removed, L first) for the dongle; check = a byte of its check field. */
static size_t
frame(const struct dongle *d, const uint8_t *t, size_t n, uint8_t *out, size_t cap, size_t *check)
{
	uint8_t a[WMBUS_FRAME_MAX];
	size_t  k, an, i;

	switch (d->kind) {
	case WMBUS_DONGLE_IM871A:
		/* RADIOLINK WMBUSMSG_IND: the telegram from C on, RSSI register 150 (about -48 dBm) */
		k = wmbus_im871a_encode(WMBUS_IM871A_EP_RADIOLINK, WMBUS_IM871A_WMBUSMSG_IND, t + 1, n - 1,
		                        150, out, cap);
		*check = k - 1;
		return k;
	case WMBUS_DONGLE_AMB8465:
		k = wmbus_amb8465_encode(WMBUS_AMB8465_DATA_IND, t + 1, n - 1, out, cap);
		*check = k - 1;
		return k;
	case WMBUS_DONGLE_CUL:
		an = wmbus_link_add_crc_a(t, n, a, sizeof(a));
		if (an == 0 || cap < 2 * an + 8)
			return 0;
		out[0] = 'b';
		k = 1;
		for (i = 0; i < an; i++) {
			static const char hx[] = "0123456789ABCDEF";
			out[k++] = (uint8_t)hx[a[i] >> 4];
			out[k++] = (uint8_t)hx[a[i] & 15];
		}
		/* LQI, RSSI (raw 0xC4: -104 dBm... the CC1101's two's complement / 2 - 74) */
		memcpy(out + k, "2AC4\r\n", 6);
		k += 6;
		*check = k - 8; /* last hex digit of the frame's last CRC */
		return k;
	case WMBUS_DONGLE_RAW:
		break;
	}
	return 0;
}

static void
dongle_timer(struct sim_meter *m, uint64_t now)
{
	struct dongle *d = m->ctx;
	uint8_t        out[2 * WMBUS_FRAME_MAX + 16];
	size_t         n, check = 0;

	if (d->receiving) {
		unsigned i = d->next;
		d->next = (d->next + 1) % N_TELEGRAMS;
		n = frame(d, d->tel[i], d->tel_len[i], out, sizeof(out), &check);
		if (n > 0) {
			sim_send_frame(m, now, 0, out, n, check);
			/* the repeater's copy, 30 ms later */
			sim_send_frame(m, now, 30, out, n, check);
			m->frames++;
		}
	}
	sim_meter_wake_next(m, now);
}

static void
answer(struct sim_meter *m, uint64_t now, const uint8_t *p, size_t n)
{
	sim_send_frame(m, now, 5, p, n, n - 1);
	m->requests++;
}

/* Binary commands: collected until whole, then answered. */
static void
binary_input(struct sim_meter *m, uint64_t now, uint8_t b)
{
	struct dongle *d = m->ctx;
	uint8_t        out[16], ok = 0;
	size_t         need, k;

	if (d->in_len == 0 && b != (d->kind == WMBUS_DONGLE_IM871A ? WMBUS_IM871A_SOF : WMBUS_AMB8465_SOF))
		return;
	d->in[d->in_len++] = b;
	if (d->kind == WMBUS_DONGLE_IM871A) {
		if (d->in_len < 4)
			return;
		need = 4 + (size_t)d->in[3] + ((d->in[1] & 0x80) ? 2 : 0);
		if (need > sizeof(d->in))
			need = sizeof(d->in);
		if (d->in_len < need)
			return;
		d->in_len = 0;
		if ((d->in[1] & 0x0F) == WMBUS_IM871A_EP_DEVMGMT && d->in[2] == WMBUS_IM871A_SET_CONFIG_REQ) {
			d->receiving = true;
			k = wmbus_im871a_encode(WMBUS_IM871A_EP_DEVMGMT, WMBUS_IM871A_SET_CONFIG_RSP, &ok, 1, 0,
			                        out, sizeof(out));
			answer(m, now, out, k);
		}
		return;
	}
	if (d->in_len < 3)
		return;
	need = 4 + (size_t)d->in[2];
	if (need > sizeof(d->in))
		need = sizeof(d->in);
	if (d->in_len < need)
		return;
	d->in_len = 0;
	if (d->in[1] == WMBUS_AMB8465_SET_MODE) {
		uint8_t x = 0;
		for (k = 0; k + 1 < need; k++)
			x ^= d->in[k];
		if (x != d->in[need - 1])
			return; /* the module ignores a frame with a wrong checksum */
		d->receiving = true;
		k = wmbus_amb8465_encode(WMBUS_AMB8465_SET_MODE | 0x80, &ok, 1, out, sizeof(out));
		answer(m, now, out, k);
	}
}

/* culfw: one command per line. */
static void
cul_input(struct sim_meter *m, uint64_t now, uint8_t b)
{
	struct dongle *d = m->ctx;
	const char    *reply = NULL;

	if (b != '\r' && b != '\n') {
		if (d->in_len < sizeof(d->in) - 1)
			d->in[d->in_len++] = b;
		return;
	}
	d->in[d->in_len] = '\0';
	if (strcmp((char *)d->in, "brc") == 0)
		reply = "CMODE\r\n";
	else if (strcmp((char *)d->in, "brt") == 0)
		reply = "TMODE\r\n";
	else if (strcmp((char *)d->in, "brs") == 0)
		reply = "SMODE\r\n";
	else if (strcmp((char *)d->in, "V") == 0)
		reply = "V 1.67 nanoCUL868\r\n";
	d->in_len = 0;
	if (reply != NULL) {
		if (reply[1] == 'M')
			d->receiving = true;
		answer(m, now, (const uint8_t *)reply, strlen(reply));
	}
}

static void
dongle_input(struct sim_meter *m, uint64_t now, const uint8_t *p, size_t n)
{
	struct dongle *d = m->ctx;

	for (size_t i = 0; i < n; i++) {
		if (d->kind == WMBUS_DONGLE_CUL)
			cul_input(m, now, p[i]);
		else
			binary_input(m, now, p[i]);
	}
}

#define DONGLE_KIND(nm, sum, baud_)                                                            \
	const struct sim_kind nm##_sim_kind = {                                                \
		.name = #nm,                                                                   \
		.summary = sum,                                                                \
		.protocol = "wmbus",                                                           \
		.line = {.baud = baud_, .data_bits = 8, .parity = SERIAL_PARITY_NONE, .stop_bits = 1}, \
		.period_ms = 1000,                                                             \
		.ctx_size = sizeof(struct dongle),                                             \
		.init = nm##_init,                                                             \
		.timer = dongle_timer,                                                         \
		.input = dongle_input,                                                         \
	}

DONGLE_KIND(im871a, "IMST iM871A wM-Bus dongle (HCI), 4 meters, a telegram per second, 57600 8N1", 57600);
DONGLE_KIND(amb8465, "Amber AMB8465 wM-Bus dongle (command mode), 4 meters, 9600 8N1", 9600);
DONGLE_KIND(cul, "nanoCUL (culfw) wM-Bus text mode, 4 meters, 38400 8N1", 38400);
