/*
 * sim_core.c - the simulator machinery every meter shares: random numbers,
 * output buffers, the paced transmit queue, parity and fault injection.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "meterd/profile.h"
#include "platform/posix/datadir.h"
#include "sim.h"

#define SIM(name) extern const struct sim_kind name##_sim_kind;
#include "sims.def"
#undef SIM

const struct sim_kind *const sim_kinds[] = {
#define SIM(name) &name##_sim_kind,
#include "sims.def"
#undef SIM
	NULL,
};

const struct sim_kind *
sim_kind_find(const char *name)
{
	size_t i;

	for (i = 0; sim_kinds[i] != NULL; i++)
		if (strcmp(sim_kinds[i]->name, name) == 0)
			return sim_kinds[i];
	return NULL;
}

/* --- random numbers: splitmix64, small, fast and good enough for noise */

void
sim_rng_seed(struct sim_rng *r, uint64_t seed)
{
	r->s = seed;
}

uint64_t
sim_rng_next(struct sim_rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

double
sim_rng_unit(struct sim_rng *r)
{
	return (double)(sim_rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

double
sim_rng_range(struct sim_rng *r, double lo, double hi)
{
	return lo + (hi - lo) * sim_rng_unit(r);
}

double
sim_rng_normal(struct sim_rng *r)
{
	/* Box-Muller; the second value is thrown away to keep the state simple. */
	double u = sim_rng_unit(r), v = sim_rng_unit(r);

	if (u < 1e-300)
		u = 1e-300;
	return sqrt(-2.0 * log(u)) * cos(2.0 * M_PI * v);
}

/* --- output buffers */

void
sim_buf_init(struct sim_buf *b, uint8_t *p, size_t cap)
{
	b->p = p;
	b->len = 0;
	b->cap = cap;
	b->overflow = false;
}

void
sim_buf_put(struct sim_buf *b, const void *p, size_t n)
{
	if (b->overflow || n > b->cap - b->len) {
		b->overflow = true;
		return;
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

void
sim_buf_u8(struct sim_buf *b, uint8_t v)
{
	sim_buf_put(b, &v, 1);
}

void
sim_buf_printf(struct sim_buf *b, const char *fmt, ...)
{
	va_list ap;
	int     n;

	if (b->overflow)
		return;
	va_start(ap, fmt);
	n = vsnprintf((char *)b->p + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= b->cap - b->len) {
		b->overflow = true;
		return;
	}
	b->len += (size_t)n;
}

void
sim_buf_fixed(struct sim_buf *b, int64_t v, unsigned decimals, unsigned width)
{
	char     digits[32];
	uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	unsigned nd = 0, need, i;

	do {
		digits[nd++] = (char)('0' + mag % 10);
		mag /= 10;
	} while (mag > 0 && nd < sizeof(digits));
	while (nd <= decimals) /* at least one digit before the point */
		digits[nd++] = '0';
	need = nd + (decimals > 0) + (v < 0);
	if (v < 0)
		sim_buf_u8(b, '-');
	for (i = need; i < width; i++)
		sim_buf_u8(b, '0');
	while (nd > 0) {
		if (nd == decimals && decimals > 0)
			sim_buf_u8(b, '.');
		sim_buf_u8(b, (uint8_t)digits[--nd]);
	}
}

void
sim_buf_dataset(struct sim_buf *b, const char *addr, int64_t v, unsigned decimals,
                unsigned width, const char *unit)
{
	sim_buf_printf(b, "%s(", addr);
	sim_buf_fixed(b, v, decimals, width);
	if (unit != NULL)
		sim_buf_printf(b, "*%s", unit);
	sim_buf_put(b, ")\r\n", 3);
}

/* --- faults */

int
sim_fault_parse(const char *s, enum sim_fault *f, unsigned *percent)
{
	static const struct {
		const char    *name;
		enum sim_fault f;
	} names[] = {
		{"none", SIM_FAULT_NONE},
		{"garbage", SIM_FAULT_GARBAGE},
		{"silent", SIM_FAULT_SILENT},
		{"crc", SIM_FAULT_CRC},
		{"echo", SIM_FAULT_ECHO},
	};
	const char *colon = strchr(s, ':');
	size_t      len = colon ? (size_t)(colon - s) : strlen(s), i;

	*percent = 100;
	if (colon != NULL) {
		char         *end;
		unsigned long v = strtoul(colon + 1, &end, 10);

		if (end == colon + 1 || *end != '\0' || v > 100)
			return -1;
		*percent = (unsigned)v;
	}
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i].name) == len && strncmp(s, names[i].name, len) == 0) {
			*f = names[i].f;
			return 0;
		}
	return -1;
}

static bool
fault_now(struct sim_meter *m, enum sim_fault f)
{
	if (m->fault != f)
		return false;
	return m->fault_pct >= 100 || sim_rng_next(&m->rng) % 100 < m->fault_pct;
}

void
sim_echo(struct sim_meter *m, uint8_t *p, size_t n)
{
	if (n > 0 && fault_now(m, SIM_FAULT_ECHO)) {
		p[n - 1] ^= 0x10;
		m->echo_faults++;
	}
}

/* --- meters */

int
sim_meter_setup(struct sim_meter *m, const struct sim_kind *kind, uint64_t seed)
{
	memset(m, 0, sizeof(*m));
	m->kind = kind;
	m->label = kind->name;
	m->line = kind->line;
	m->period_ms = kind->period_ms;
	m->address = kind->address;
	m->echo = kind->echo;
	m->fault = SIM_FAULT_NONE;
	sim_rng_seed(&m->rng, seed);
	return 0;
}

int
sim_meter_start(struct sim_meter *m, uint64_t now, int64_t epoch)
{
	m->t0 = now;
	m->epoch = epoch;
	m->tx_next_us = now * 1000;
	if ((m->ctx = calloc(1, m->kind->ctx_size ? m->kind->ctx_size : 1)) == NULL)
		return -1;
	return m->kind->init(m, now);
}

void
sim_meter_free(struct sim_meter *m)
{
	if (m->ctx != NULL && m->kind->fini != NULL)
		m->kind->fini(m);
	free(m->ctx);
	m->ctx = NULL;
}

double
sim_meter_time(const struct sim_meter *m, uint64_t now)
{
	return (double)m->epoch + (double)(now - m->t0) / 1000.0;
}

void
sim_meter_wake_at(struct sim_meter *m, uint64_t at)
{
	m->wake = at;
}

void
sim_meter_wake_next(struct sim_meter *m, uint64_t now)
{
	uint64_t at = m->wake + m->period_ms;

	m->wake = at > now ? at : now + m->period_ms;
}

static uint64_t
char_us(const struct sim_meter *m)
{
	uint64_t us = (uint64_t)serial_char_bits(&m->line) * 1000000u / m->line.baud;

	return us ? us : 1;
}

/* Even/odd parity in bit 7 for 7-bit lines: what an 8N1 reader of a 7E1 line sees. */
static uint8_t
with_parity(const struct serial_params *l, uint8_t c)
{
	unsigned ones = 0, i;

	c &= 0x7f;
	for (i = 0; i < 7; i++)
		ones += (c >> i) & 1u;
	if ((l->parity == SERIAL_PARITY_EVEN && (ones & 1u)) ||
	    (l->parity == SERIAL_PARITY_ODD && !(ones & 1u)) || l->parity == SERIAL_PARITY_MARK)
		c |= 0x80;
	return c;
}

static bool
seven_bit(const struct sim_meter *m)
{
	return m->line.data_bits == 7;
}

static void
queue(struct sim_meter *m, uint64_t now, unsigned delay_ms, const uint8_t *p, size_t n,
      size_t flip)
{
	uint64_t start = (now + delay_ms) * 1000;
	size_t   i;

	if (n > SIM_TX_MAX - (m->tx_len - m->tx_off)) {
		m->tx_dropped++;
		return;
	}
	if (m->tx_off == m->tx_len) {
		m->tx_off = m->tx_len = 0;
		if (m->tx_next_us < start)
			m->tx_next_us = start;
	} else if (m->tx_off > 0) {
		memmove(m->tx, m->tx + m->tx_off, m->tx_len - m->tx_off);
		m->tx_len -= m->tx_off;
		m->tx_off = 0;
	}
	for (i = 0; i < n; i++) {
		uint8_t c = seven_bit(m) ? with_parity(&m->line, p[i]) : p[i];

		if (i == flip)
			c ^= seven_bit(m) ? 0x80 : 0x01;
		m->tx[m->tx_len++] = c;
	}
}

void
sim_send_frame(struct sim_meter *m, uint64_t now, unsigned delay_ms, const uint8_t *p,
               size_t n, size_t check)
{
	if (fault_now(m, SIM_FAULT_SILENT))
		return;
	if (fault_now(m, SIM_FAULT_GARBAGE)) {
		uint8_t junk[48];
		size_t  i, len = 8 + sim_rng_next(&m->rng) % 40;

		for (i = 0; i < len; i++)
			junk[i] = (uint8_t)sim_rng_next(&m->rng);
		queue(m, now, delay_ms, junk, len, SIZE_MAX);
		delay_ms = 0;
	}
	queue(m, now, delay_ms, p, n, fault_now(m, SIM_FAULT_CRC) ? check : SIZE_MAX);
	m->frames++;
}

size_t
sim_tx_due(const struct sim_meter *m, uint64_t now, uint64_t *next_ms)
{
	uint64_t us = now * 1000, per = char_us(m);
	size_t   queued = m->tx_len - m->tx_off, n;

	*next_ms = 0;
	if (queued == 0)
		return 0;
	if (us < m->tx_next_us) {
		*next_ms = (m->tx_next_us + 999) / 1000;
		return 0;
	}
	n = (size_t)((us - m->tx_next_us) / per) + 1;
	if (n > queued)
		n = queued;
	if (n < queued)
		*next_ms = (m->tx_next_us + n * per + 999) / 1000;
	return n;
}

void
sim_tx_done(struct sim_meter *m, size_t n)
{
	m->tx_off += n;
	m->tx_next_us += n * char_us(m);
	if (m->tx_off == m->tx_len)
		m->tx_off = m->tx_len = 0;
}

void
sim_tx_clear(struct sim_meter *m)
{
	m->tx_off = m->tx_len = 0;
}

void
sim_meter_input(struct sim_meter *m, uint64_t now, uint8_t *p, size_t n)
{
	size_t i;

	if (seven_bit(m))
		for (i = 0; i < n; i++)
			p[i] &= 0x7f;
	if (m->kind->input != NULL)
		m->kind->input(m, now, p, n);
}

void
sim_localtime(double t, struct tm *tm)
{
	time_t tt = (time_t)floor(t);

	localtime_r(&tt, tm);
}

int
sim_profile_load(struct sim_profile *sp, const char *name)
{
	const char          *dir = meterd_datadir();
	char                 path[1024];
	struct profile_error perr;
	FILE                *f;
	long                 len;
	size_t               n;

	memset(sp, 0, sizeof(*sp));
	snprintf(path, sizeof(path), "%s/profiles/%s.profile", dir, name);
	if ((f = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "meterd sim: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0 ||
	    (sp->text = malloc((size_t)len + 1)) == NULL ||
	    fread(sp->text, 1, (size_t)len, f) != (size_t)len) {
		fprintf(stderr, "meterd sim: %s: cannot read\n", path);
		fclose(f);
		sim_profile_free(sp);
		return -1;
	}
	fclose(f);
	sp->text[len] = '\0';
	n = profile_count(sp->text);
	sp->entries = calloc(n ? n : 1, sizeof(*sp->entries));
	sp->p = calloc(1, sizeof(*sp->p));
	if (sp->entries == NULL || sp->p == NULL) {
		sim_profile_free(sp);
		return -1;
	}
	if (profile_parse(sp->p, sp->text, sp->entries, n, &perr) != 0) {
		fprintf(stderr, "meterd sim: %s:%u:%u: %s\n", path, (unsigned)perr.line,
		        (unsigned)perr.column, perr.msg);
		sim_profile_free(sp);
		return -1;
	}
	return 0;
}

void
sim_profile_free(struct sim_profile *sp)
{
	free(sp->text);
	free(sp->entries);
	free(sp->p);
	memset(sp, 0, sizeof(*sp));
}
