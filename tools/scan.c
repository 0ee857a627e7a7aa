/*
 * meterd scan: find out how the meter on a port talks, and print a config
 * block for it.
 *
 *   meterd scan [--listen SECONDS] [--protocol NAME] [--all-addresses] PORT
 *
 * PORT is a serial device (/dev/ttyUSB0, /dev/serial/by-id/..., a pty),
 * tcp://HOST:PORT (a raw TCP serial server such as ser2net) or
 * rfc2217://HOST:PORT (a telnet COM-PORT-OPTION server, whose line settings
 * can be switched from here).
 *
 * Probes, in order, each with the core's own decoders (decoder_find()):
 *   1. listen: push meters (SML, DSMR, D0) send on their own; a telegram is
 *      only taken when it decodes with a valid checksum / whole structure;
 *   2. IEC 62056-21 sign-on "/?!" at 300 baud 7E1: a meter read on request
 *      (mode C) answers with its identification line;
 *   3. Modbus RTU: read holding register 0 (FC 3) at a list of likely slave
 *      addresses (all of 1..247 with --all-addresses); any valid reply or
 *      exception reply proves a slave;
 *   4. KMP: GetType, then GetRegister for the heat meter's registers;
 *   5. M-Bus: SND_NKE and REQ_UD2 to 254 (broadcast with reply), which
 *      tells the primary address.
 * On a real serial port (or RFC 2217) each probe runs at every baud rate
 * and framing its protocol uses in the field, since only the right setting
 * gives valid frames. A pty or a raw TCP stream has no line settings, so
 * each probe runs once and the baud rate is *measured*: the meter's bytes
 * arrive one character time apart, and the longest burst's rate times the
 * bits per character, rounded to the nearest standard rate, is its baud
 * rate. 7E1 shows as the parity bit in bit 7 (see sim/README.md), which is
 * stripped before decoding.
 *
 * Progress goes to stderr; the config block (meterd.conf(5) syntax) to
 * stdout. Exit status 0 when a meter was found, 1 when none, 2 on usage or
 * port errors.
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "meterd/decoder.h"
#include "meterd/hex.h"
#include "meterd/kmp.h"
#include "meterd/mb_pdu.h"
#include "meterd/mbrtu.h"
#include "meterd/mbus.h"
#include "serial.h"
#include "tcpser.h"

int cmd_scan(int argc, char **argv);

#define CAP_MAX   16384
#define CHUNK_MAX 2048

/* ---- the port: a serial device or a TCP serial server */

struct scan_port {
	const char   *spec;
	bool          tcp;
	bool          settable; /* line settings mean something (real tty, RFC 2217) */
	int           fd;
	struct tcpser t;
	struct serial_params params;
};

/* What came back: bytes and when each read delivered them. */
struct capture {
	uint8_t  buf[CAP_MAX];
	size_t   len;
	double   t[CHUNK_MAX]; /* ms, monotonic, arrival of chunk i */
	size_t   end[CHUNK_MAX];
	size_t   chunks;
};

static bool progress_tty;

static void
progress(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs(progress_tty ? "\r\033[K" : "", stderr);
	fputs("scan: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputs(progress_tty ? "" : "\n", stderr);
	fflush(stderr);
	va_end(ap);
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
port_fd(const struct scan_port *p)
{
	return p->tcp ? tcpser_fd(&p->t) : p->fd;
}

static int
port_open(struct scan_port *p)
{
	char host[128], svc[16];
	bool rfc = strncmp(p->spec, "rfc2217://", 10) == 0;
	int  r;

	p->fd = -1;
	tcpser_init(&p->t);
	serial_params_default(&p->params);
	if (rfc || strncmp(p->spec, "tcp://", 6) == 0) {
		struct pollfd pfd;

		p->tcp = true;
		p->settable = rfc;
		if (tcpser_split_hostport(p->spec + (rfc ? 10 : 6), host, sizeof(host), svc,
		                          sizeof(svc)) < 0)
			return -EINVAL;
		if ((r = tcpser_connect(&p->t, host, svc, rfc ? TCPSER_RFC2217 : TCPSER_RAW)) < 0)
			return r;
		pfd.fd = tcpser_fd(&p->t);
		pfd.events = POLLOUT;
		if (poll(&pfd, 1, 5000) != 1)
			return -ETIMEDOUT;
		return tcpser_connect_done(&p->t);
	}
	if ((p->fd = serial_open(p->spec, &p->params, NULL)) < 0)
		return p->fd;
	{
		char real[4096];

		/* A pty (the simulators, socat) accepts every setting and ignores it. */
		p->settable = !(realpath(p->spec, real) != NULL && strncmp(real, "/dev/pts/", 9) == 0);
	}
	return 0;
}

static void
port_close(struct scan_port *p)
{
	if (p->tcp)
		tcpser_close(&p->t);
	else
		serial_close(p->fd);
}

static int
port_set(struct scan_port *p, uint32_t baud, const char *framing)
{
	struct serial_params sp = p->params;

	sp.baud = baud;
	if (serial_framing_parse(&sp, framing) < 0)
		return -EINVAL;
	p->params = sp;
	if (p->tcp)
		return p->settable ? tcpser_set_params(&p->t, &sp) : 0;
	return serial_configure(p->fd, &sp, NULL);
}

static void
port_write(struct scan_port *p, const uint8_t *b, size_t n)
{
	if (p->tcp) {
		if (tcpser_write(&p->t, b, n) >= 0)
			tcpser_flush(&p->t);
	} else if (write(p->fd, b, n) < 0) {
		progress("write: %s", strerror(errno));
	}
}

/*
 * Collects bytes until `total_ms` has passed, or (once something came)
 * `quiet_ms` pass without a byte, or done(cap) says the answer is whole.
 */
static void
collect(struct scan_port *p, struct capture *c, double total_ms, double quiet_ms,
        bool (*done)(const struct capture *))
{
	double start = now_ms(), last = start;

	c->len = c->chunks = 0;
	for (;;) {
		double        t = now_ms(), until = start + total_ms;
		struct pollfd pfd = {.fd = port_fd(p), .events = POLLIN};
		ssize_t       n;

		if (c->len > 0 && last + quiet_ms < until)
			until = last + quiet_ms;
		if (t >= until || c->len == CAP_MAX || (done && c->len > 0 && done(c)))
			return;
		if (poll(&pfd, 1, (int)(until - t) + 1) <= 0)
			continue;
		n = p->tcp ? tcpser_read(&p->t, c->buf + c->len, CAP_MAX - c->len)
		           : read(p->fd, c->buf + c->len, CAP_MAX - c->len);
		if (p->tcp)
			tcpser_flush(&p->t);
		if (n <= 0)
			continue;
		last = now_ms();
		c->len += (size_t)n;
		if (c->chunks < CHUNK_MAX) {
			c->t[c->chunks] = last;
			c->end[c->chunks++] = c->len;
		}
	}
}

static void
drain(struct scan_port *p)
{
	static struct capture junk;

	collect(p, &junk, 30, 10, NULL);
}

/* ---- line speed from the timing of the bytes */

static const uint32_t std_bauds[] = {300, 600, 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200};

/*
 * The bytes of the capture from offset `from` on arrive one character time
 * apart within a burst (a telegram, a reply); bursts end at a silence of
 * 40 ms (more than 30 characters at 9600 baud, 4 at 1200, where a meter's
 * own pauses are longer still). For each burst of at least 8 characters
 * over 3 ms: characters per second times the bits of a character. The
 * bytes of a burst's first read arrived before its clock starts, so they do
 * not count. A reader or sender that was not scheduled in time can only
 * make a burst look slower (its last bytes arrive late), never faster, so
 * the fastest burst is the best estimate. Rounded to the nearest standard
 * rate; 0 when no burst tells, or the rate is far from any standard one.
 */
static double
burst_rate(const struct capture *c, size_t from, unsigned bits)
{
	size_t i, b0 = CHUNK_MAX, bytes;
	double span, rate, best = 0;

	for (i = 0; i < c->chunks; i++) {
		if (c->end[i] <= from)
			continue;
		if (b0 == CHUNK_MAX || c->t[i] - c->t[i - 1] > 40)
			b0 = i; /* a new burst starts with this chunk */
		bytes = c->end[i] - c->end[b0];
		span = c->t[i] - c->t[b0];
		/* The rate over the whole burst so far: its value at the burst's end counts. */
		if (bytes >= 8 && span >= 3 &&
		    (i + 1 == c->chunks || c->t[i + 1] - c->t[i] > 40)) {
			rate = (double)bytes / (span / 1000.0) * bits;
			if (rate > best)
				best = rate;
		}
	}
	return best;
}

static uint32_t
standard_baud(double rate)
{
	double   best = 1e9;
	uint32_t pick = 0;
	size_t   i;

	if (rate <= 0)
		return 0;
	for (i = 0; i < sizeof(std_bauds) / sizeof(std_bauds[0]); i++) {
		double r = rate > std_bauds[i] ? rate / std_bauds[i] : std_bauds[i] / rate;

		if (r < best) {
			best = r;
			pick = std_bauds[i];
		}
	}
	return best < 1.35 ? pick : 0;
}

static uint32_t
measure_baud(const struct capture *c, size_t from, unsigned bits)
{
	return standard_baud(burst_rate(c, from, bits));
}

/* ---- results */

struct found {
	const char *protocol;
	uint32_t    baud;
	bool        baud_measured;
	char        framing[4];
	int         address;     /* -1 none */
	const char *profile;     /* or NULL */
	const char *name;        /* meter block name */
	unsigned    poll_s;      /* 0 passive */
	char        ident[96];   /* what identified it, for the comment */
	unsigned    values;
	bool        echo;
	/* What the meter sent, for value lines with their meaning as comments. */
	struct found_value {
		char id[48];
		char label[32]; /* the decoder's readable name, "" none */
		char shown[64]; /* "3040.969 kWh" or the text */
	} vals[64];
	unsigned    nvals;
};

/*
 * A meter block name that stays unique when blocks for several ports are
 * pasted into one file: the kind and the port's own name, e.g.
 * "power_ttyUSB0", "heat_192.168.1.40_2001", "power_FT232R_USB_UART_A10KZ3PZ"
 * (a /dev/serial/by-id name without its "usb-" and "-if00-port0").
 */
static void
block_name(const char *kind, const char *spec, char *out, size_t cap)
{
	const char *base = strrchr(spec, '/');
	char        tail[64];
	size_t      n = 0, len;

	base = base != NULL ? base + 1 : spec;
	if (strncmp(base, "usb-", 4) == 0)
		base += 4;
	len = strlen(base);
	if (len > 11 && strcmp(base + len - 11, "-if00-port0") == 0)
		len -= 11;
	/* The end of a long name is what tells adapters apart (the serial number). */
	if (len > cap - strlen(kind) - 2) {
		base += len - (cap - strlen(kind) - 2);
		len = cap - strlen(kind) - 2;
	}
	while (len > 0 && (*base == '_' || *base == '-' || *base == '.'))
		base++, len--;
	for (size_t i = 0; i < len && n + 1 < sizeof(tail); i++) {
		char c = base[i];
		tail[n++] = (isalnum((unsigned char)c) || c == '_' || c == '-' || c == '.') ? c : '_';
	}
	tail[n] = '\0';
	snprintf(out, cap, n > 0 ? "%s_%s" : "%s", kind, tail);
}

static void
print_block(const struct scan_port *p, const struct found *f)
{
	printf("# found by meterd scan: %s", f->ident);
	printf("%s\n", f->baud_measured ? " (baud rate measured from the byte timing)" : "");
	char name[32]; /* CFG_NAME_MAX */

	block_name(f->name, p->spec, name, sizeof(name));
	printf("meter %s {\n", name);
	if (strncmp(p->spec, "rfc2217://", 10) == 0)
		printf("    port \"tcp://%s\" rfc2217\n", p->spec + 10);
	else
		printf("    port \"%s\"\n", p->spec);
	printf("    protocol %s %lu %s\n", f->protocol, (unsigned long)f->baud, f->framing);
	if (f->address >= 0)
		printf("    address %d\n", f->address);
	if (f->poll_s > 0)
		printf("    poll %us\n", f->poll_s);
	if (f->profile != NULL)
		printf("    profile %s\n", f->profile);
	if (f->nvals > 0 && f->profile == NULL) {
		/* Value lines publish exactly these; delete them all to publish everything it sends. */
		printf("    # what it sent during the scan; only listed values are published\n");
		for (unsigned i = 0; i < f->nvals; i++) {
			char line[128];
			const struct found_value *v = &f->vals[i];
			if (v->label[0] != '\0')
				snprintf(line, sizeof(line), "value \"%s\" as \"%s\"", v->id, v->label);
			else
				snprintf(line, sizeof(line), "value \"%s\"", v->id);
			printf("    %-44s # %s\n", line, v->shown);
		}
	}
	printf("}\n");
}

/* Keeps one reading of a good frame for the block's value lines (latest per id). */
static void
keep_value(struct found *f, const struct reading *r)
{
	struct found_value *v = NULL;
	char                num[READING_NUM_MAX];
	const char         *label = r->label != NULL ? r->label : r->name;

	for (unsigned i = 0; i < f->nvals && v == NULL; i++)
		if (strcmp(f->vals[i].id, r->id) == 0)
			v = &f->vals[i];
	if (v == NULL) {
		if (f->nvals == sizeof(f->vals) / sizeof(f->vals[0]))
			return;
		v = &f->vals[f->nvals++];
	}
	snprintf(v->id, sizeof(v->id), "%s", r->id);
	snprintf(v->label, sizeof(v->label), "%s", label != NULL ? label : "");
	if (r->type == READING_TEXT) {
		size_t k = 0;
		for (size_t i = 0; i < r->text_len && k + 1 < sizeof(v->shown); i++)
			v->shown[k++] = r->text[i] >= ' ' && r->text[i] < 0x7f ? (char)r->text[i] : '.';
		v->shown[k] = '\0';
	} else {
		reading_format_number(r->raw, r->scaler, num);
		snprintf(v->shown, sizeof(v->shown), "%.40s%s%s", num, r->unit[0] ? " " : "", r->unit);
	}
}

/* Runs a decoder over bytes; returns the number of good frames, counts values. */
static unsigned
decode_count_into(const char *proto, const uint8_t *p, size_t n, bool strip7, unsigned *values,
                  struct found *keep)
{
	const struct decoder_ops *ops = decoder_find(proto);
	static uint8_t            tmp[CAP_MAX];
	void                     *ctx;
	unsigned                  ok = 0;
	size_t                    i;
	bool                      good = false;

	if (ops == NULL || (ctx = calloc(1, ops->ctx_size)) == NULL)
		return 0;
	if (strip7)
		for (i = 0; i < n; i++)
			tmp[i] = p[i] & 0x7F;
	else
		memcpy(tmp, p, n);
	ops->init(ctx);
	*values = 0;
	p = tmp;
	while (n > 0) {
		size_t         used = ops->push(ctx, p, n);
		enum dec_event ev;

		p += used;
		n -= used;
		while ((ev = ops->event(ctx)) != DEC_NONE) {
			if (ev == DEC_FRAME) {
				good = ops->frame(ctx)->status == FRAME_OK;
				ok += good;
			} else if (ev == DEC_READING) {
				++*values;
				if (good && keep != NULL)
					keep_value(keep, ops->reading(ctx));
			}
		}
	}
	if (keep != NULL) {
		ops->finish(ctx);
		while (ops->event(ctx) != DEC_NONE)
			;
	}
	free(ctx);
	return ok;
}

static unsigned
decode_count(const char *proto, const uint8_t *p, size_t n, bool strip7, unsigned *values)
{
	return decode_count_into(proto, p, n, strip7, values, NULL);
}

static bool
even_parity7(const uint8_t *p, size_t n)
{
	size_t i;
	bool   high = false;

	for (i = 0; i < n; i++) {
		if (__builtin_parity(p[i]))
			return false;
		high |= p[i] & 0x80;
	}
	return high;
}

static bool
has_dsmr_crc(const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i + 5 < n; i++)
		if ((p[i] & 0x7F) == '!' && hex_value(p[i + 1] & 0x7F) >= 0 &&
		    hex_value(p[i + 2] & 0x7F) >= 0 && hex_value(p[i + 3] & 0x7F) >= 0 &&
		    hex_value(p[i + 4] & 0x7F) >= 0 && (p[i + 5] & 0x7F) == '\r')
			return true;
	return false;
}

/* ---- 1. push meters */

/* The port being listened to, for push_done (collect's callback has only the capture). */
static const struct scan_port *push_port;

/* A whole telegram of a push protocol arrived: no need to listen longer at this setting. */
static bool
push_done(const struct capture *c)
{
	static const char *const protos[] = {"sml", "dsmr", "d0"};
	bool parity = push_port->params.data_bits == 8 && even_parity7(c->buf, c->len);
	unsigned v;

	for (size_t i = 0; i < sizeof(protos) / sizeof(protos[0]); i++)
		if ((i != 1 || has_dsmr_crc(c->buf, c->len)) &&
		    decode_count(protos[i], c->buf, c->len, parity, &v) > 0)
			return true;
	return false;
}

static bool
probe_push(struct scan_port *p, struct capture *c, double listen_ms, struct found *f)
{
	static const struct {
		uint32_t    baud;
		const char *framing;
	} lines[] = {{9600, "8N1"}, {9600, "7E1"}, {115200, "8N1"}, {2400, "8N1"},
	             {300, "7E1"}, {19200, "8N1"}, {4800, "7E1"}, {2400, "7E1"}};
	static const char *const protos[] = {"sml", "dsmr", "d0"};
	size_t                   li, pi, nlines = p->settable ? sizeof(lines) / sizeof(lines[0]) : 1;

	for (li = 0; li < nlines; li++) {
		port_set(p, lines[li].baud, lines[li].framing);
		if (p->settable)
			progress("listening at %lu %s for up to %.0f s (%zu of %zu settings) ...",
			         (unsigned long)lines[li].baud, lines[li].framing, listen_ms / 1000, li + 1,
			         nlines);
		else
			progress("listening for a push meter (%.0f s) ...", listen_ms / 1000);
		push_port = p;
		collect(p, c, listen_ms, listen_ms, push_done);
		if (c->len == 0) {
			progress("listening: silence");
			return false; /* a push meter sends something at any setting */
		}
		progress("listening: %zu bytes", c->len);
		for (pi = 0; pi < sizeof(protos) / sizeof(protos[0]); pi++) {
			/* A 7E1 line read with 8 data bits shows its parity in bit 7. */
			bool     parity = p->params.data_bits == 8 && even_parity7(c->buf, c->len);
			unsigned v, ok;

			/*
			 * DSMR's decoder also takes DSMR 2.2 telegrams, which have
			 * no CRC and are IEC 62056-21 push data: call it DSMR only
			 * with the "!XXXX" CRC line, else leave it to d0.
			 */
			if (strcmp(protos[pi], "dsmr") == 0 && !has_dsmr_crc(c->buf, c->len))
				continue;
			if ((ok = decode_count(protos[pi], c->buf, c->len, parity, &v)) == 0)
				continue;
			f->protocol = protos[pi];
			f->values = v;
			f->nvals = 0;
			(void)decode_count_into(protos[pi], c->buf, c->len, parity, &v, f);
			snprintf(f->framing, sizeof(f->framing), "%s",
			         parity ? "7E1" : lines[li].framing);
			f->baud = lines[li].baud;
			if (!p->settable) {
				uint32_t b = measure_baud(c, 0, 10);

				if (b != 0) {
					f->baud = b;
					f->baud_measured = true;
				}
			}
			f->name = "power";
			snprintf(f->ident, sizeof(f->ident), "%u %s telegram(s), %u values", ok,
			         protos[pi], v);
			if (protos[pi][0] != 's') { /* the identification line */
				const uint8_t *s = NULL;
				size_t         k = 0;
				char           id[40];

				for (k = 0; k < c->len && s == NULL; k++)
					if ((c->buf[k] & 0x7F) == '/')
						s = c->buf + k;
				k = 0;
				while (s && s + k < c->buf + c->len && k < sizeof(id) - 1 &&
				       (s[k] & 0x7F) >= ' ') {
					id[k] = (char)(s[k] & 0x7F);
					k++;
				}
				id[k] = '\0';
				if (k > 0)
					snprintf(f->ident, sizeof(f->ident), "%s, %u values", id, v);
			}
			return true;
		}
	}
	return false;
}

/* ---- 2. IEC 62056-21 meters that answer a sign-on (modes A-E) */

static bool
ident_line(const struct capture *c)
{
	size_t i;

	for (i = 0; i < c->len; i++)
		if ((c->buf[i] & 0x7F) == '/' && memchr(c->buf + i, '\n', c->len - i) == NULL)
			return false;
	return c->len > 0 && (c->buf[c->len - 1] & 0x7F) == '\n' &&
	       ((c->buf[0] & 0x7F) != '/' || c->len > 7);
}

static bool
probe_signon(struct scan_port *p, struct capture *c, struct found *f)
{
	static const uint8_t req[] = "/?!\r\n";
	uint8_t              line[8];
	size_t               i, n = sizeof(req) - 1, at;

	port_set(p, 300, "7E1");
	/* A pty carries 8 bits: put the parity into bit 7 as a 7E1 UART would. */
	for (i = 0; i < n; i++)
		line[i] = (uint8_t)(req[i] | (!p->settable && __builtin_parity(req[i]) ? 0x80 : 0));
	progress("iec 62056-21 300 7E1: sign-on /?! ...");
	drain(p);
	port_write(p, line, n);
	collect(p, c, 2500, 1500, ident_line);
	/* Skip the echo of our own request (bidirectional optical heads). */
	at = c->len >= n && memcmp(c->buf, line, n) == 0 ? n : 0;
	if (c->len <= at + 5 || (c->buf[at] & 0x7F) != '/')
		return false;
	f->protocol = "d0";
	f->baud = 300;
	snprintf(f->framing, sizeof(f->framing), "7E1");
	f->poll_s = 60;
	f->name = "power";
	f->echo = at > 0;
	for (i = 0; at + i < c->len && i < 40 && (c->buf[at + i] & 0x7F) >= ' '; i++)
		;
	snprintf(f->ident, sizeof(f->ident), "%.*s answering a sign-on (IEC 62056-21, read on request)",
	         (int)i, (const char *)c->buf + at);
	for (i = 0; f->ident[i] != '\0'; i++)
		f->ident[i] = (char)(f->ident[i] & 0x7F);
	if (!p->settable) {
		uint32_t b = measure_baud(c, at, 10);

		if (b != 0) {
			f->baud = b;
			f->baud_measured = true;
		}
	}
	/*
	 * The block names the speed of the readout, which the daemon asks for
	 * after the 300 baud sign-on: mode C's baud letter '0'..'6' in the
	 * identification ("/ISk5MT174": 5 is 9600), IEC 62056-21 §6.3.14.
	 */
	if (c->len > at + 4) {
		char z = (char)(c->buf[at + 4] & 0x7F);
		if (z >= '0' && z <= '6') {
			f->baud = 300u << (z - '0');
			f->baud_measured = false;
		}
	}
	/* No acknowledgement: the meter falls back to idle by itself. */
	return true;
}

/* ---- 3. Modbus RTU */

static bool
rtu_whole(const struct capture *c)
{
	return c->len >= 5 && mbrtu_adu_crc_ok(c->buf, c->len);
}

/* Sends a read of `count` holding registers; returns true for a valid reply or exception. */
static bool
rtu_read(struct scan_port *p, struct capture *c, uint8_t slave, uint16_t addr, uint16_t count,
         bool *exception, size_t *off)
{
	struct mb_request rq = {.function = MB_FC_READ_HOLDING_REGISTERS, .address = addr,
	                        .count = count};
	uint8_t           pdu[8], adu[16];
	int               pl = mb_req_encode(&rq, pdu, sizeof(pdu));
	int               al = pl > 0 ? mbrtu_adu_encode(slave, pdu, (size_t)pl, adu, sizeof(adu)) : -1;
	size_t            o = 0;

	if (al < 0)
		return false;
	drain(p);
	port_write(p, adu, (size_t)al);
	collect(p, c, 150 + serial_tx_time_us(&p->params, (size_t)al + 5 + 2 * count) / 1000.0, 100,
	        rtu_whole);
	/* An echoing line (optical head, RS-485 adapter) repeats the request first. */
	if (c->len >= (size_t)al && memcmp(c->buf, adu, (size_t)al) == 0)
		o = (size_t)al;
	*off = o;
	if (c->len - o < 5 || c->buf[o] != slave || !mbrtu_adu_crc_ok(c->buf + o, c->len - o))
		return false;
	*exception = (c->buf[o + 1] & MB_EXCEPTION_BIT) != 0;
	return (c->buf[o + 1] & 0x7F) == MB_FC_READ_HOLDING_REGISTERS;
}

static bool
probe_modbus(struct scan_port *p, struct capture *c, bool all, struct found *f)
{
	static const uint8_t likely[] = {1, 247, 2, 3, 4, 5, 10, 100, 255};
	static const struct {
		uint32_t    baud;
		const char *framing;
	} lines[] = {{19200, "8N1"}, {9600, "8N1"}, {9600, "8E1"}, {19200, "8E1"},
	             {38400, "8N1"}, {4800, "8N1"}, {115200, "8N1"}};
	size_t nlines = p->settable ? sizeof(lines) / sizeof(lines[0]) : 1, li;
	unsigned a;

	for (li = 0; li < nlines; li++) {
		unsigned n = all ? 247 : sizeof(likely);

		port_set(p, lines[li].baud, lines[li].framing);
		for (a = 0; a < n; a++) {
			uint8_t slave = all ? (uint8_t)(a + 1) : likely[a];
			bool    ex;
			size_t  o;

			progress("modbus %lu %s: slave %u ...", (unsigned long)lines[li].baud,
			         lines[li].framing, slave);
			if (!rtu_read(p, c, slave, 0, 1, &ex, &o))
				continue;
			f->protocol = "modbus";
			f->address = slave;
			f->baud = lines[li].baud;
			snprintf(f->framing, sizeof(f->framing), "%s", lines[li].framing);
			f->poll_s = 10;
			f->name = "regulator";
			snprintf(f->ident, sizeof(f->ident), "Modbus RTU slave %u (%s)", slave,
			         ex ? "exception reply to a read of register 0" : "read of register 0");
			/* The TROVIS 557x report their model number in HR40001. */
			if (!ex && c->buf[o + 2] == 2 && c->buf[o + 3] == 0x15 && c->buf[o + 4] == 0xC5) {
				f->profile = "samson-trovis-5573";
				f->name = "trovis";
				snprintf(f->ident, sizeof(f->ident),
				         "SAMSON TROVIS 5573 (HR40001 = 5573), Modbus RTU slave %u", slave);
			}
			if (!p->settable) {
				/*
				 * Longer replies for the timing, 14 registers from 0x0009
				 * (TROVIS) or 0; a short reply is easily stretched by a
				 * late scheduler, so the fastest of three counts.
				 */
				uint16_t at = f->profile ? 9 : 0;
				double   rate = 0, r;
				int      k;

				for (k = 0; k < 3; k++)
					if (rtu_read(p, c, slave, at, 14, &ex, &o) && !ex &&
					    (r = burst_rate(c, o, 10)) > rate)
						rate = r;
				if ((f->baud = standard_baud(rate)) != 0)
					f->baud_measured = true;
				else
					f->baud = lines[li].baud;
			}
			return true;
		}
	}
	return false;
}

/* ---- 4. Kamstrup KMP */

static bool
kmp_whole(const struct capture *c)
{
	/* The reply ends with its stop byte; with echo the request's 0D comes first. */
	const uint8_t *s = memchr(c->buf, KMP_START_REPLY, c->len);

	return s != NULL && c->buf[c->len - 1] == KMP_STOP;
}

static unsigned
kmp_reply(const struct capture *c, size_t *reply_off)
{
	unsigned       v;
	const uint8_t *s = memchr(c->buf, KMP_START_REPLY, c->len);

	*reply_off = s ? (size_t)(s - c->buf) : 0;
	if (s == NULL || decode_count("kmp", s, c->len - *reply_off, false, &v) == 0)
		return 0;
	return v + 1;
}

static bool
probe_kmp(struct scan_port *p, struct capture *c, struct found *f)
{
	static const uint32_t bauds[] = {1200, 2400, 9600, 300};
	static const uint16_t regs[] = {0x3C, 0x56, 0x57, 0x4A, 0x44};
	uint8_t               req[KMP_REQ_MAX];
	size_t                n, bi, nb = p->settable ? sizeof(bauds) / sizeof(bauds[0]) : 1, off;
	unsigned              got;

	for (bi = 0; bi < nb; bi++) {
		port_set(p, bauds[bi], "8N2");
		progress("kmp %lu 8N2: GetType ...", (unsigned long)bauds[bi]);
		drain(p);
		n = kmp_req_get_type(req, sizeof(req), KMP_ADDR_METER);
		port_write(p, req, n);
		collect(p, c, 2000, 1600, kmp_whole); /* the meter answers within 1.6 s */
		if ((got = kmp_reply(c, &off)) == 0)
			continue;
		f->protocol = "kmp";
		f->baud = bauds[bi];
		snprintf(f->framing, sizeof(f->framing), "8N2");
		f->poll_s = 10;
		f->name = "heat";
		f->profile = "kamstrup-multical-403";
		f->echo = c->len >= n && memcmp(c->buf, req, n) == 0;
		snprintf(f->ident, sizeof(f->ident), "Kamstrup KMP heat meter answering GetType%s",
		         f->echo ? ", optical head echoes" : "");
		/* GetRegister: more bytes for the timing, and proof the registers are there. */
		n = kmp_req_get_register(req, sizeof(req), KMP_ADDR_METER, regs, 5);
		drain(p);
		port_write(p, req, n);
		collect(p, c, 2500, 1600, kmp_whole);
		if ((got = kmp_reply(c, &off)) > 1) {
			uint32_t b = p->settable ? 0 : measure_baud(c, off, 11);

			f->values = got - 1;
			if (b != 0) {
				f->baud = b;
				f->baud_measured = true;
			}
		}
		return true;
	}
	return false;
}

/* ---- 5. wired M-Bus */

static bool
mbus_ack(const struct capture *c)
{
	return memchr(c->buf, MBUS_ACK, c->len) != NULL;
}

static bool
mbus_long_whole(const struct capture *c)
{
	const uint8_t *s = memchr(c->buf, MBUS_START_LONG, c->len);

	return s != NULL && c->buf + c->len - s >= 6 && c->buf + c->len - s >= s[1] + 6;
}

static bool
probe_mbus(struct scan_port *p, struct capture *c, struct found *f)
{
	static const uint32_t bauds[] = {2400, 300, 9600};
	size_t                bi, nb = p->settable ? sizeof(bauds) / sizeof(bauds[0]) : 1, n;
	uint8_t               req[5];
	unsigned              v;

	for (bi = 0; bi < nb; bi++) {
		const uint8_t *s;

		port_set(p, bauds[bi], "8E1");
		progress("m-bus %lu 8E1: SND_NKE ...", (unsigned long)bauds[bi]);
		drain(p);
		n = mbus_short_encode(MBUS_C_SND_NKE, MBUS_ADDR_BROADCAST_REPLY, req);
		port_write(p, req, n);
		collect(p, c, 600, 400, mbus_ack);
		if (!mbus_ack(c))
			continue;
		progress("m-bus %lu 8E1: REQ_UD2 ...", (unsigned long)bauds[bi]);
		drain(p);
		n = mbus_short_encode(MBUS_C_REQ_UD2 | MBUS_C_FCB, MBUS_ADDR_BROADCAST_REPLY, req);
		port_write(p, req, n);
		collect(p, c, 3000 + 2.6e6 / bauds[bi], 300, mbus_long_whole);
		f->protocol = "mbus";
		f->baud = bauds[bi];
		snprintf(f->framing, sizeof(f->framing), "8E1");
		f->poll_s = 60;
		f->name = "heat";
		snprintf(f->ident, sizeof(f->ident), "M-Bus slave acknowledging SND_NKE");
		s = memchr(c->buf, MBUS_START_LONG, c->len);
		if (s != NULL &&
		    decode_count_into("mbus", s, c->len - (size_t)(s - c->buf), false, &v, f) > 0) {
			char man[4];

			f->address = s[5];
			f->values = v;
			mbus_manufacturer((uint16_t)(s[11] | s[12] << 8), man);
			snprintf(f->ident, sizeof(f->ident),
			         "M-Bus %s meter, id %02X%02X%02X%02X, primary address %u, %u records",
			         man, s[10], s[9], s[8], s[7], s[5], v);
			if (!p->settable) {
				uint32_t b = measure_baud(c, (size_t)(s - c->buf), 11);

				if (b != 0) {
					f->baud = b;
					f->baud_measured = true;
				}
			}
		}
		return true;
	}
	return false;
}

static void
usage(FILE *out)
{
	fprintf(out, "usage: meterd scan [--listen SECONDS] [--protocol sml|dsmr|d0|modbus|kmp|mbus]\n"
	             "                   [--all-addresses] PORT\n"
	             "PORT: /dev/ttyUSB0, a pty, tcp://HOST:PORT (raw), rfc2217://HOST:PORT\n");
}

int
cmd_scan(int argc, char **argv)
{
	static struct capture cap;
	struct scan_port      port = {0};
	struct found          f;
	const char           *only = NULL;
	/* Long enough for a meter that pushes every 10 s (DSMR 4), and its first whole telegram. */
	double                listen_ms = 11000;
	bool                  all = false, ok = false;
	int                   r;

	static const struct option longopts[] = {
		{"listen", required_argument, NULL, 'l'},
		{"protocol", required_argument, NULL, 'p'},
		{"all-addresses", no_argument, NULL, 'a'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "p:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'l':
			listen_ms = atof(optarg) * 1000;
			if (listen_ms < 100 || listen_ms > 120000) {
				fprintf(stderr, "meterd scan: --listen takes 0.1 .. 120 seconds\n");
				usage(stderr);
				return 2;
			}
			break;
		case 'p':
			only = optarg;
			break;
		case 'a':
			all = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind == argc - 1)
		port.spec = argv[optind];
	if (port.spec == NULL) {
		usage(stderr);
		return 2;
	}
	progress_tty = isatty(2);
	if ((r = port_open(&port)) < 0) {
		fprintf(stderr, "meterd scan: %s: %s\n", port.spec, strerror(-r));
		return 1;
	}
	if (!port.settable)
		progress("%s has no line settings (pty or raw TCP): baud rates are measured",
		         port.spec);

	memset(&f, 0, sizeof(f));
	f.address = -1;
#define WANT(p) (only == NULL || strcmp(only, p) == 0)
	if (WANT("sml") || WANT("dsmr") || WANT("d0"))
		ok = probe_push(&port, &cap, listen_ms, &f);
	if (!ok && WANT("d0"))
		ok = probe_signon(&port, &cap, &f);
	if (!ok && WANT("modbus"))
		ok = probe_modbus(&port, &cap, all, &f);
	if (!ok && WANT("kmp"))
		ok = probe_kmp(&port, &cap, &f);
	if (!ok && WANT("mbus"))
		ok = probe_mbus(&port, &cap, &f);
#undef WANT
	port_close(&port);
	if (!ok) {
		progress("no meter found on %s\n", port.spec);
		fprintf(stderr,
		        "hints: an optical head must sit on the meter's IR LED, its cable away from the\n"
		        "  meter; some meters send only after their PIN or info menu unlocks the data;\n"
		        "  a meter that pushes less often than every %.0f s needs --listen SECONDS;\n"
		        "  M-Bus needs a level converter, RS-485 its A/B wires the right way round;\n"
		        "  Modbus slaves at other addresses: --all-addresses; the port's owner:\n"
		        "  another program (ModemManager, a running meterd) may hold it.\n",
		        listen_ms / 1000 - 1);
		return 1;
	}
	progress("found: %s, %s %lu %s\n", f.ident, f.protocol, (unsigned long)f.baud, f.framing);
	print_block(&port, &f);
	return 0;
}
