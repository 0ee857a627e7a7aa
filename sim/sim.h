/*
 * sim.h - simulated meters that speak the real protocols' bytes.
 *
 * `meterd sim` runs any number of simulated meters in one process, each on
 * its own pseudo-terminal or loopback TCP port. A simulator is built after a
 * real capture in tests/fixtures: the same identification, the same value
 * list in the same order, the same framing and number formats, and the same
 * timing: a telegram takes as long on the wire as it would at the meter's
 * baud rate, because the transmit queue releases bytes at one character time
 * each (start + data + parity + stop bits, see serial_char_bits()).
 *
 * The pieces:
 *
 *   struct sim_kind   one per meter model (q3d.c, mt174.c, ehz.c, dsmr5.c,
 *                     trovis.c, mc403.c, mbusheat.c), listed in
 *                     sim/sims.def. Its hooks are sans-I/O: timer() and
 *                     input() get the time as an argument and answer
 *                     through sim_send_frame(). Protocol bytes come from the
 *                     core's encoders (sml_enc.h, kmp.h, mb_pdu.h/mbrtu.h,
 *                     mbus.h), requests are read with the core's decoders.
 *   struct sim_meter  one running instance: line settings, seeded random
 *                     generator, fault knobs, transmit queue, kind context.
 *   sim_port_*        (sim_port.c) binds a meter to a pty or a TCP listener
 *                     on the event loop (platform/posix/ev.h).
 *   sim_house_*, sim_heat_*  value models shared by the meters: household
 *                     electricity and a heating circuit, moving with the
 *                     (simulated) time of day.
 *
 * What a reader sees on a pty. A pty carries 8-bit bytes and no line
 * settings at all (Linux ignores baud, parity and stop bits on it), so:
 *   - 7-bit meters (D0 at 7E1) put the parity bit into bit 7 of every byte,
 *     exactly what a real 7E1 line shows to a port opened as 8N1. A reader
 *     configured 7E1 on a pty gets these bytes unmasked and must clear bit 7
 *     itself (a real UART would have done it). Bytes a 7-bit meter receives
 *     are stripped of bit 7 before the meter looks at them.
 *   - 8E1/8O1 meters (M-Bus) send plain bytes: their parity is a ninth bit
 *     that a pty cannot carry.
 *   - Timing is real: bytes leave at the meter's baud rate, so a reader
 *     that measures gaps (Modbus RTU t3.5) sees realistic ones, and
 *     `meterd scan` can measure the rate. A meter that switches its rate
 *     (IEC 62056-21 mode C) changes m->line.baud and the pacing follows.
 *   - While nobody has the pty open (or no TCP client is connected) the
 *     meter's output is dropped, as on a line nobody listens to.
 * Over TCP the bytes are the same (like ser2net in raw mode).
 *
 * Reproducibility: every random choice comes from the meter's sim_rng,
 * seeded from --seed and the meter's position, and the simulated wall clock
 * can be fixed with --start; with both, a meter produces the same values at
 * the same elapsed times.
 */
#ifndef METERD_SIM_H
#define METERD_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "serial.h"

/* --- deterministic random numbers (splitmix64) */

struct sim_rng {
	uint64_t s;
};

void     sim_rng_seed(struct sim_rng *r, uint64_t seed);
uint64_t sim_rng_next(struct sim_rng *r);
/* Uniform in [0, 1). */
double   sim_rng_unit(struct sim_rng *r);
/* Uniform in [lo, hi). */
double   sim_rng_range(struct sim_rng *r, double lo, double hi);
/* Standard normal (mean 0, deviation 1). */
double   sim_rng_normal(struct sim_rng *r);

/* --- a bounded output buffer: text and bytes, overflow is sticky */

struct sim_buf {
	uint8_t *p;
	size_t   len;
	size_t   cap;
	bool     overflow;
};

void sim_buf_init(struct sim_buf *b, uint8_t *p, size_t cap);
void sim_buf_put(struct sim_buf *b, const void *p, size_t n);
void sim_buf_u8(struct sim_buf *b, uint8_t v);
void sim_buf_printf(struct sim_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Appends v / 10^decimals as a fixed-point decimal, zero-padded to `width`
 * characters (sign included): (5218578253, 7, 16) -> "00052185.7825309",
 * (-12345, 2, 9) -> "-00123.45". Exact: no floating point.
 */
void sim_buf_fixed(struct sim_buf *b, int64_t v, unsigned decimals, unsigned width);

/*
 * Appends one IEC 62056-21 data set line: addr "(" value ["*" unit] ")" CR LF,
 * the value as in sim_buf_fixed(); unit NULL for none.
 */
void sim_buf_dataset(struct sim_buf *b, const char *addr, int64_t v, unsigned decimals,
                     unsigned width, const char *unit);

/* --- faults a test can switch on */

enum sim_fault {
	SIM_FAULT_NONE,
	SIM_FAULT_GARBAGE, /* random bytes before frames */
	SIM_FAULT_SILENT,  /* sends nothing, answers nothing */
	SIM_FAULT_CRC,     /* one bit of the frame's check field flipped (parity bit on 7-bit lines) */
	SIM_FAULT_ECHO,    /* one bit of a local echo flipped: a collision on a two-wire line */
};

/* Parses "garbage", "silent", "crc", "echo", optionally ":PERCENT" (default 100). */
int sim_fault_parse(const char *s, enum sim_fault *f, unsigned *percent);

/* --- meters */

struct sim_meter;

struct sim_kind {
	const char          *name;     /* "q3d" */
	const char          *summary;  /* one line for --list */
	const char          *protocol; /* the decoder that reads it: "d0", "sml", ... */
	struct serial_params line;     /* the real meter's line */
	uint32_t             period_ms; /* push period; 0 for meters that only answer */
	uint8_t              address;  /* default bus address (Modbus, M-Bus), else 0 */
	bool                 echo;     /* default of the local-echo option */
	size_t               ctx_size;
	/* Sets up the kind's context (zeroed, ctx_size bytes) at `now`. Returns 0 or -1. */
	int (*init)(struct sim_meter *m, uint64_t now);
	/* The meter's wake-up time (m->wake) has come: push a telegram, move values.
	 * May be NULL for a meter that only answers (it then never sets m->wake). */
	void (*timer)(struct sim_meter *m, uint64_t now);
	/* Bytes from the reader (bit 7 already stripped on 7-bit lines). May be NULL. */
	void (*input)(struct sim_meter *m, uint64_t now, const uint8_t *p, size_t n);
	/* Releases what init acquired beyond the context itself. May be NULL. */
	void (*fini)(struct sim_meter *m);
};

/* NULL-terminated list of the kinds in sim/sims.def; lookup by name. */
extern const struct sim_kind *const sim_kinds[];
const struct sim_kind *sim_kind_find(const char *name);

#define SIM_TX_MAX 16384 /* a mode C readout with billing history is ~10 kB */

struct sim_meter {
	const struct sim_kind *kind;
	const char            *label;   /* "q3d" or "q3d#2": for messages */
	struct serial_params   line;
	struct sim_rng         rng;
	uint32_t               period_ms;
	uint8_t                address;
	bool                   echo;    /* optical head: every received byte comes back */
	enum sim_fault         fault;
	unsigned               fault_pct;
	uint64_t               t0;      /* monotonic ms at start */
	int64_t                epoch;   /* simulated Unix time at t0 */
	uint64_t               wake;    /* when kind->timer wants to run; 0 = never */
	/* counters, for the exit summary and tests */
	uint32_t               frames;
	uint32_t               requests;
	uint32_t               echo_faults; /* echoes sent with a flipped bit (SIM_FAULT_ECHO) */
	/* transmit queue: tx[tx_off .. tx_len) leave one character time apart */
	uint8_t                tx[SIM_TX_MAX];
	size_t                 tx_off, tx_len;
	uint64_t               tx_next_us; /* when the next byte may start, monotonic us */
	uint64_t               tx_dropped;
	void                  *ctx;     /* the kind's state */
};

/*
 * The local echo of n received bytes, in place: what a two-wire adapter
 * without echo suppression hands back. Under SIM_FAULT_ECHO the last byte
 * has a bit flipped, as a collision with another sender would.
 */
void sim_echo(struct sim_meter *m, uint8_t *p, size_t n);

/*
 * Prepares m for kind with the kind's defaults: line, period, address,
 * echo; seed for the random generator. Options are then set on the fields
 * directly, and sim_meter_start() calls kind->init. Returns 0 or -1.
 */
int  sim_meter_setup(struct sim_meter *m, const struct sim_kind *kind, uint64_t seed);
int  sim_meter_start(struct sim_meter *m, uint64_t now, int64_t epoch);
void sim_meter_free(struct sim_meter *m);

/* The simulated wall clock: Unix seconds (with fraction) at monotonic `now`. */
double sim_meter_time(const struct sim_meter *m, uint64_t now);

/*
 * Queues one protocol frame to leave `delay_ms` after now (the meter's
 * reaction time); a frame queued while others still wait follows them
 * directly. On a 7-bit line the parity bit is set in bit 7 here. The
 * meter's fault knob applies: `check` is the index in p of a byte of the
 * frame's checksum, whose low bit SIM_FAULT_CRC flips (for D0 push
 * telegrams, which have none, a data byte whose parity bit it flips);
 * SIM_FAULT_GARBAGE puts random bytes first; SIM_FAULT_SILENT drops the
 * frame. A full queue drops the frame and counts it in tx_dropped.
 */
void sim_send_frame(struct sim_meter *m, uint64_t now, unsigned delay_ms, const uint8_t *p,
                    size_t n, size_t check);

/*
 * For the port: how many queued bytes are due at `now` (their start time
 * has come). *next_ms is set to the monotonic ms at which the next byte is
 * due, or 0 when the queue is then empty. sim_tx_done() removes n bytes
 * after they were written.
 */
size_t sim_tx_due(const struct sim_meter *m, uint64_t now, uint64_t *next_ms);
void   sim_tx_done(struct sim_meter *m, size_t n);
/* Drops everything queued (the reader went away). */
void   sim_tx_clear(struct sim_meter *m);

/* Feeds received bytes to the meter (strips bit 7 on 7-bit lines). */
void sim_meter_input(struct sim_meter *m, uint64_t now, uint8_t *p, size_t n);

/* Schedules the kind's next timer call at absolute monotonic ms `at`. */
void sim_meter_wake_at(struct sim_meter *m, uint64_t at);
/*
 * The next push of a periodic meter: one period after the last wake-up, so
 * the rhythm does not drift, but never in the past (after the process was
 * stopped for a while the meter goes on from now instead of catching up).
 */
void sim_meter_wake_next(struct sim_meter *m, uint64_t now);

/* --- device profiles (data/profiles), for simulators backed by a register map */

struct profile;
struct profile_entry;

struct sim_profile {
	char                 *text;
	struct profile_entry *entries;
	struct profile       *p;
};

/*
 * Loads METERD_DATADIR/profiles/NAME.profile, or the directory named by the
 * environment variable METERD_DATADIR when set. Returns 0, or -1 after a
 * message on stderr (path, and line:column for a parse error).
 */
int  sim_profile_load(struct sim_profile *sp, const char *name);
void sim_profile_free(struct sim_profile *sp);

/* --- value models */

/*
 * A household's electricity: standby load, a fridge cycling, morning and
 * evening peaks, random appliances (kettle, oven, washing machine) and,
 * when pv_peak_w > 0, a PV system following the sun behind moving clouds.
 * Phase powers add up to the total; import/export energy integrate the net
 * power exactly (units of 1e-4 Wh) and only ever grow.
 */
struct sim_house {
	double   pv_peak_w;
	double   t;               /* last step, Unix seconds */
	double   cloud;           /* 0 (overcast) .. 1 (clear) */
	double   appl_w[3];       /* appliance load per phase */
	double   appl_until[3];
	double   p_phase[3];      /* W, positive = import */
	double   p_total;
	double   volt[3];         /* V */
	double   amp[3];          /* A, magnitude */
	double   imp_frac, exp_frac; /* sub-unit remainders of the integration */
	uint64_t import_e4;       /* 1e-4 Wh */
	uint64_t export_e4;
	uint64_t import_tariff_e4[2]; /* DSMR tariff 1 (low) and 2 (normal) */
	uint64_t export_tariff_e4[2];
};

void sim_house_init(struct sim_house *h, struct sim_rng *r, double t, double import_kwh,
                    double export_kwh, double pv_peak_w);
void sim_house_step(struct sim_house *h, struct sim_rng *r, double t);
/* Dutch tariff in force at local time t: 1 low (nights, weekends), 2 normal. */
int  sim_house_tariff(double t);

/*
 * A heating circuit behind a heat meter or regulator: outdoor temperature
 * with a daily swing and slow weather drift, a heating curve for the flow
 * temperature, return temperature and flow rate from the demand, a hot
 * water tank charged and drawn, and heat energy and volume integrated from
 * flow and temperature difference (only ever growing).
 */
struct sim_heat {
	double   t;
	double   weather;         /* slow offset of the outdoor temperature, K */
	double   outdoor;         /* degC */
	double   flow_c, return_c, room_c, tank_c;
	double   flow_lh;         /* l/h */
	double   power_w;
	double   valve_pct;       /* control signal 0..100 */
	bool     tank_charging;
	double   e_frac, v_frac, s_frac;
	double   draw_until;      /* hot water being drawn until this time */
	uint64_t energy_wh;
	uint64_t volume_ml;
	uint64_t hours_s;         /* operating time, seconds */
	double   max_power_w, max_flow_lh;
};

void sim_heat_init(struct sim_heat *h, struct sim_rng *r, double t, double energy_kwh,
                   double volume_m3);
void sim_heat_step(struct sim_heat *h, struct sim_rng *r, double t);

/* Local broken-down time of simulated Unix time t (the process's TZ). */
struct tm;
void sim_localtime(double t, struct tm *tm);

#endif
