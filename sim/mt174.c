/*
 * mt174.c - Iskra MT174, an IEC 62056-21 meter read in mode C: sign-on at
 * 300 baud 7E1, identification, acknowledgement with baud switch, data
 * readout with STX/ETX and BCC at 9600 baud.
 *
 * Built after tests/fixtures/d0/smartmeter-obis__ISk_MT174_modeC_ack.txt:
 *   host  "/?!" CR LF                    (300 baud)
 *   meter "/ISk5MT174-0001" CR LF        ('5': it offers 9600 baud; the
 *                                         lower-case 'k' promises a reaction
 *                                         within 20 ms instead of 200 ms)
 *   host  ACK "0" "5" "0" CR LF          (normal protocol, 9600, readout)
 *   meter STX data lines "!" CR LF ETX BCC, at the new rate, the full list
 *         of the capture: current registers, then 15 billing periods (F
 *         group *01..*15) of dates, maximum demand with time stamps, energy
 *         per tariff and export, empty values "()" where the capture has
 *         them. BCC is the XOR of every byte after STX up to ETX.
 * The readout is about 10 kB and takes some 11 s at 9600 baud, as on the
 * real meter. Afterwards (or 1.5 s after an identification that got no
 * acknowledgement) the meter is back at 300 baud. An ACK asking for a rate
 * the meter did not offer, or for programming mode, is ignored. The
 * optical head echoes what the host sends (the capture shows the echoed
 * ACK), so local echo is on by default.
 */
#include <math.h>
#include <string.h>
#include <time.h>

#include "sim.h"

#define MT174_IDENT  "/ISk5MT174-0001\r\n"
#define MT174_BAUD   9600
#define HISTORY      15
#define ACK_WAIT_MS  1500

enum mt174_state {
	MT_IDLE,  /* waiting for a sign-on */
	MT_IDENT, /* identification sent, waiting for the acknowledgement */
	MT_DATA,  /* readout on its way */
};

struct mt174 {
	struct sim_house house;
	enum mt174_state state;
	char             line[40];
	size_t           len;
	double           max_kw;       /* this month's maximum demand */
	double           max_at;
	uint64_t         month_e4[HISTORY]; /* import at the start of month -1 .. -15 */
	double           month_max[HISTORY];
	int              month_max_day[HISTORY], month_max_hhmm[HISTORY];
};

static void
put_stamp(struct sim_buf *b, double t)
{
	struct tm tm;

	sim_localtime(t, &tm);
	sim_buf_printf(b, "(%02d%02d%02d%02d%02d)", tm.tm_year % 100, tm.tm_mon + 1, tm.tm_mday,
	               tm.tm_hour, tm.tm_min);
}

/* Year and month `back` months before the month of t. */
static void
month_back(double t, int back, int *year, int *month)
{
	struct tm tm;
	int       m;

	sim_localtime(t, &tm);
	m = tm.tm_year * 12 + tm.tm_mon - back;
	*year = m / 12 % 100;
	*month = m % 12 + 1;
}

static void
history(struct sim_buf *b, const struct mt174 *z, double t, const char *addr, char kind)
{
	int i, y, mo;

	for (i = 0; i < HISTORY; i++) {
		month_back(t, i, &y, &mo);
		sim_buf_printf(b, "1-0:%s*%02d", addr, i + 1);
		switch (kind) {
		case 'd': /* billing date: the first of the month, 00:00 */
			sim_buf_printf(b, "(%02d%02d010000)\r\n", y, mo);
			break;
		case 'm': /* maximum demand and its time */
			sim_buf_u8(b, '(');
			sim_buf_fixed(b, llround(z->month_max[i] * 1000), 3, 6);
			month_back(t, i + 1, &y, &mo);
			sim_buf_printf(b, "*kW)(%02d%02d%02d%04d)\r\n", y, mo, z->month_max_day[i],
			               z->month_max_hhmm[i]);
			break;
		case 'M': /* export maximum: none, stamped with the billing date */
			sim_buf_printf(b, "(00.000*kW)(%02d%02d010000)\r\n", y, mo);
			break;
		case 'e': /* import energy at the billing date */
			sim_buf_u8(b, '(');
			sim_buf_fixed(b, (int64_t)(z->month_e4[i] / 10000), 3, 11);
			sim_buf_printf(b, "*kWh)\r\n");
			break;
		case '0':
			sim_buf_printf(b, "(0000000.000*kWh)\r\n");
			break;
		default:
			sim_buf_printf(b, "()\r\n");
			break;
		}
	}
}

static void
readout(struct sim_meter *m, uint64_t now)
{
	static uint8_t    out[SIM_TX_MAX];
	struct mt174     *z = m->ctx;
	struct sim_house *h = &z->house;
	double            t = sim_meter_time(m, now);
	struct sim_buf    b;
	struct tm         tm;
	uint8_t           bcc = 0;
	size_t            i;
	int               k;
	static const char zero_regs[][8] = {"1.8.2", "1.8.3", "1.8.4"};

	sim_house_step(h, &m->rng, t);
	if (h->p_total / 1000 > z->max_kw) {
		z->max_kw = h->p_total / 1000;
		z->max_at = t;
	}
	sim_localtime(t, &tm);
	sim_buf_init(&b, out, sizeof(out));
	sim_buf_u8(&b, 0x02);
	sim_buf_printf(&b, "1-0:0.9.1*255(%02d%02d%02d)\r\n", tm.tm_hour, tm.tm_min, tm.tm_sec);
	sim_buf_printf(&b, "1-0:0.9.2*255(0%02d%02d%02d)\r\n", tm.tm_year % 100, tm.tm_mon + 1,
	               tm.tm_mday);
	sim_buf_printf(&b, "1-0:0.0.0*255(63355730)\r\n1-0:0.0.1*255(1ISK0063355730)\r\n"
	                   "1-0:0.1.0*255(33)\r\n1-0:0.2.0*255(1.03)\r\n"
	                   "0-0:C.1.0*255(63355730)\r\n0-0:C.1.6*255(FDF5)\r\n"
	                   "0-0:C.51.1*255(3)\r\n0-0:C.51.2*255(1140716101053)\r\n"
	                   "0-0:C.51.2*01(1140716101053)\r\n0-0:C.51.2*02(0131211111412)\r\n"
	                   "0-0:C.51.2*03(0131211111407)\r\n");
	sim_buf_printf(&b, "1-0:1.6.0*255(");
	sim_buf_fixed(&b, llround(z->max_kw * 1000), 3, 6);
	sim_buf_printf(&b, "*kW)");
	put_stamp(&b, z->max_at);
	sim_buf_printf(&b, "\r\n");
	sim_buf_dataset(&b, "1-0:1.7.0*255", llround(fmax(h->p_total, 0)), 3, 5, "kW");
	sim_buf_dataset(&b, "1-0:1.8.0*255", (int64_t)(h->import_e4 / 10000), 3, 11, "kWh");
	sim_buf_dataset(&b, "1-0:1.8.1*255", (int64_t)(h->import_e4 / 10000), 3, 11, "kWh");
	for (k = 0; k < 3; k++)
		sim_buf_printf(&b, "1-0:%s*255(0000000.000*kWh)\r\n", zero_regs[k]);
	sim_buf_printf(&b, "1-0:2.6.0*255(00.000*kW)");
	put_stamp(&b, t - fmod(t, 86400.0));
	sim_buf_printf(&b, "\r\n1-0:2.7.0*255(0.000*kW)\r\n");
	for (k = 0; k < 5; k++)
		sim_buf_printf(&b, k ? "1-0:2.8.%d*255(0000000.000*kWh)\r\n"
		                     : "1-0:2.8.0*255(0000000.000*kWh)\r\n", k);
	sim_buf_printf(&b, "0-0:F.F.0*255(0000000)\r\n");
	history(&b, z, t, "0.1.2", 'd');
	history(&b, z, t, "1.6.0", 'm');
	history(&b, z, t, "1.8.0", 'e');
	history(&b, z, t, "1.6.1", 'm');
	history(&b, z, t, "1.6.2", '-');
	history(&b, z, t, "1.6.3", '-');
	history(&b, z, t, "1.6.4", '-');
	history(&b, z, t, "1.8.1", 'e');
	history(&b, z, t, "1.8.2", '0');
	history(&b, z, t, "1.8.3", '0');
	history(&b, z, t, "1.8.4", '0');
	history(&b, z, t, "2.6.0", 'M');
	history(&b, z, t, "2.8.0", '0');
	history(&b, z, t, "2.6.1", 'M');
	history(&b, z, t, "2.6.2", '-');
	history(&b, z, t, "2.6.3", '-');
	history(&b, z, t, "2.6.4", '-');
	history(&b, z, t, "2.8.1", '0');
	history(&b, z, t, "2.8.2", '0');
	history(&b, z, t, "2.8.3", '0');
	history(&b, z, t, "2.8.4", '0');
	sim_buf_printf(&b, "!\r\n");
	sim_buf_u8(&b, 0x03);
	if (b.overflow)
		return;
	for (i = 1; i < b.len; i++)
		bcc ^= out[i];
	sim_buf_u8(&b, bcc);
	/* The meter switches its rate some 200-300 ms after the acknowledgement. */
	sim_send_frame(m, now, 250, out, b.len, b.len - 1);
	z->state = MT_DATA;
	/* Back to 300 baud once the readout has left: the port's queue tells when. */
	sim_meter_wake_at(m, now + 250 + 1000 + (uint64_t)b.len * 10 * 1000 / MT174_BAUD);
}

static void
handle_line(struct sim_meter *m, uint64_t now, const char *l, size_t n)
{
	struct mt174 *z = m->ctx;

	/* Sign-on: "/?" [address] "!" CR LF; an address must be ours (the serial). */
	if (n >= 5 && l[0] == '/' && l[1] == '?' && l[n - 3] == '!' && z->state != MT_DATA) {
		size_t alen = n - 5;

		if (alen != 0 && (alen != 8 || memcmp(l + 2, "63355730", 8) != 0))
			return;
		m->line.baud = 300;
		sim_send_frame(m, now, 25, (const uint8_t *)MT174_IDENT, strlen(MT174_IDENT), 6);
		z->state = MT_IDENT;
		sim_meter_wake_at(m, now + 25 + 600 + ACK_WAIT_MS);
		return;
	}
	/* Acknowledgement: ACK V Z Y CR LF; we offer 9600 ('5'), readout ('0'). */
	if (z->state == MT_IDENT && n == 6 && l[0] == 0x06 && l[1] == '0' && l[2] == '5' &&
	    l[3] == '0') {
		m->line.baud = MT174_BAUD;
		readout(m, now);
	}
}

static void
mt174_input(struct sim_meter *m, uint64_t now, const uint8_t *p, size_t n)
{
	struct mt174 *z = m->ctx;
	size_t        i;

	for (i = 0; i < n; i++) {
		if (z->len == sizeof(z->line) || (p[i] == '/' && z->state != MT_DATA))
			z->len = 0; /* a sign-on starts afresh; overlong junk is dropped */
		z->line[z->len++] = (char)p[i];
		if (p[i] == '\n') {
			handle_line(m, now, z->line, z->len);
			z->len = 0;
		}
	}
}

/* The acknowledgement did not come, or the readout is over: idle at 300 baud. */
static void
mt174_timer(struct sim_meter *m, uint64_t now)
{
	struct mt174 *z = m->ctx;

	(void)now;
	z->state = MT_IDLE;
	m->line.baud = 300;
	m->wake = 0;
}

static int
mt174_init(struct sim_meter *m, uint64_t now)
{
	struct mt174 *z = m->ctx;
	double        t = sim_meter_time(m, now);
	uint64_t      e;
	int           i;

	sim_house_init(&z->house, &m->rng, t, 8048.375 + sim_rng_range(&m->rng, 0, 20), 0, 0);
	/* Billing history: some 250-300 kWh a month backwards, monthly maxima 2.8-4.2 kW. */
	e = z->house.import_e4 - (uint64_t)(sim_rng_range(&m->rng, 50, 200) * 1e7);
	for (i = 0; i < HISTORY; i++) {
		z->month_e4[i] = e;
		e -= (uint64_t)(sim_rng_range(&m->rng, 240, 300) * 1e7);
		z->month_max[i] = sim_rng_range(&m->rng, 2.8, 4.2);
		z->month_max_day[i] = 1 + (int)(sim_rng_next(&m->rng) % 28);
		z->month_max_hhmm[i] = 1700 + (int)(sim_rng_next(&m->rng) % 5) * 100 +
		                       (int)(sim_rng_next(&m->rng) % 4) * 15;
	}
	z->max_kw = sim_rng_range(&m->rng, 1.5, 2.5);
	z->max_at = t - sim_rng_range(&m->rng, 3600, 86400 * 5);
	return 0;
}

const struct sim_kind mt174_sim_kind = {
	.name = "mt174",
	.summary = "Iskra MT174, IEC 62056-21 mode C (300 7E1, readout at 9600), echo",
	.protocol = "d0",
	.line = {.baud = 300, .data_bits = 7, .parity = SERIAL_PARITY_EVEN, .stop_bits = 1},
	.echo = true,
	.ctx_size = sizeof(struct mt174),
	.init = mt174_init,
	.timer = mt174_timer,
	.input = mt174_input,
};
