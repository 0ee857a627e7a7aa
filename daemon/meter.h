/*
 * meter.h - one configured meter, and the one shape every kind of meter
 * source has.
 *
 * The engine (engine.c) owns the meters of a configuration; what makes a
 * meter talk is its *source* (daemon/sources/): a passive decoder listening
 * to a pushing meter, an IEC 62056-21 readout, a KMP, Modbus or M-Bus
 * poller. A source is a struct source_ops: it says which configured meters
 * it takes, sets up its private state and bus callbacks, and tears them
 * down. A new kind of meter is a new file in daemon/sources/ and one line
 * in sources.def, not a branch in the engine.
 *
 * What every source shares lives here and in meter.c: the values last
 * published (with the counter guard of each total), the health counters,
 * the health state the seam publishes, the poll timer, the device profile,
 * and the one path a reading takes out: meter_reading() -> guard ->
 * readings_point() (readings.h).
 */
#ifndef METERD_METER_H
#define METERD_METER_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "meterd/decoder.h"
#include "meterd/profile.h"
#include "meterd/reading.h"
#include "bus.h"
#include "config.h"
#include "guard.h"
#include "readings.h"

struct engine;
struct meter;

/* Counters of one meter since it started (the status file's fields). */
struct health {
	uint32_t frames_ok;
	uint32_t crc_errors;
	uint32_t msg_crc_errors; /* inner checksums (SML message CRCs) wrong in frames whose
	                            own CRC was right: counted, the frame still used */
	uint32_t echo_errors;   /* local_echo: the echo of a request came back different */
	uint32_t invalid;       /* malformed or truncated frames */
	uint32_t parity_errors; /* 7-bit lines seen with their parity bit */
	uint32_t timeouts;      /* a request got no answer */
	uint32_t exceptions;    /* Modbus exception replies */
	uint32_t guard_flags;   /* totals not published */
	time_t   last_good;     /* wall time of the last good frame, 0 never */
};

/*
 * Where a meter's health stands, judged from its counters over time (the
 * seam's rd_state). Shared by native meters and SMI script meters.
 */
struct health_watch {
	uint64_t started;     /* monotonic ms the meter started */
	uint64_t last_ok;     /* monotonic ms of the last good frame, 0 none */
	uint64_t last_bad;    /* of the last bad frame (CRC, invalid, parity, timeout) */
	uint64_t prev_ok;     /* the one before: the meter's observed interval */
	uint32_t expect_ms;   /* poll interval, or 0: learned from the pushes */
	uint32_t bad_seen;    /* bad counters' sum at the last judgement */
	uint64_t open_since;  /* the port has been open since, 0 while closed */
	enum rd_state last;   /* the state judged last */
};

/* How long without a good frame makes a meter silent: a few intervals. */
uint32_t health_silence_ms(const struct health_watch *w);

/* A good frame arrived at now. */
void health_note_good(struct health_watch *w, uint64_t now);

/* Judges the state at now from the counters h and whether the port is open. */
enum rd_state health_judge(struct health_watch *w, const struct health *h, bool port_open,
                           uint64_t now);

/* Fills the seam's view of h. */
void health_to_rd(const struct health *h, const struct bus *b, enum rd_state st,
                  struct rd_health *out);

/* One value of a meter, as last published. */
struct mval {
	char              id[READING_ID_MAX];
	char              name[RD_NAME_MAX];
	bool              is_text;
	int64_t           raw;
	int8_t            scaler;
	char              unit[READING_UNIT_MAX];
	char              text[64];
	enum reading_time time_kind;
	int64_t           meter_time;
	time_t            rx_time;
	struct guard      guard;
	bool              total;    /* guarded: a meter reading that only grows */
	double            rate;     /* the guard's pace limit in the value's unit per s, 0 none */
	bool              updated;
};

struct source_ops {
	const char *name;
	/* True when this source reads meter cm. */
	bool (*takes)(const struct cfg_meter *cm);
	/*
	 * Sets up m (m->priv, bus callbacks m->cl.on_rx/on_grant/on_state,
	 * timers) and starts it. Returns 0, or -1 (logged) when the meter
	 * cannot run; the engine then keeps it listed, idle.
	 */
	int (*start)(struct meter *m);
	/* Stops timers and frees m->priv; the bus client is removed by the engine. */
	void (*stop)(struct meter *m);
};

struct meter {
	struct engine            *e;
	const struct cfg_meter   *cfg;
	const struct source_ops  *src;
	void                     *priv;  /* the source's state */
	struct bus               *bus;
	struct bus_client         cl;
	struct rd_meter          *rd;    /* its entry in the seam's catalogue */
	struct health             h;
	struct health_watch       hw;
	enum rd_state             state;
	struct mval              *vals;
	size_t                    nvals, capvals;
	unsigned                  guard_logged;
	uint64_t                  rx_bytes, framed_bytes; /* for garbage_bytes of pushing meters */
	uint64_t                  garbage_extra;          /* noise a session counted */
	bool                      frame_ok; /* readings of the current frame are good */
	/* 7E1 seen through an 8-bit view (meter_strip_parity) */
	bool                      bit7_seen, parity_bad;
	/* polled meters */
	struct ev_timer           poll_tm;
	uint64_t                  poll_at; /* when the current/next poll was due */
	void                    (*poll_due)(struct meter *m); /* NULL: acquire the bus */
	/* device profile (KMP, Modbus, M-Bus) */
	char                     *profile_text;
	struct profile_entry     *profile_entries;
	struct profile            profile;
	struct meter             *next;
};

/* The outcome of a parameter write or read (control.h). */
struct param_result {
	bool ok;
	char msg[128];
	char value[READING_NUM_MAX]; /* the value read back, in the parameter's unit, "" none */
};
typedef void param_done_fn(void *arg, const struct param_result *r);

/*
 * Queues a write of raw to the register of profile entry pe (then a
 * read-back), or a read when !write, on a polled Modbus meter; done runs
 * when the device has answered. Returns 0, -ENOTSUP (not a polled Modbus
 * meter, or not a 16-bit holding register) or -EBUSY.
 */
int modbus_param_queue(struct meter *m, const struct profile_entry *pe, bool write, int64_t raw,
                       param_done_fn *done, void *arg);

/* --- the engine's services to sources */

struct ev_loop  *engine_loop(const struct engine *e);
struct readings *engine_readings(const struct engine *e);
/* Notes the time from the last byte read on b to now (values stored). */
void             engine_latency_note(struct engine *e, const struct bus *b);
/* The bus for port with params, shared with every meter on the same port. */
struct bus      *engine_bus(struct engine *e, const struct cfg_port *port,
                            const struct serial_params *params);
/* The running meter of that name, or NULL. */
struct meter    *engine_meter_find(struct engine *e, const char *name);
/* The bus already open for port spec (whatever its line settings), or NULL. */
struct bus      *engine_find_bus(struct engine *e, const char *spec);
/* The last total stored for id before this run (the history), for the guard. */
bool             engine_last_total(struct engine *e, const char *id, double *v, int64_t *wall_ms);

/* --- what every source shares (meter.c) */

/*
 * A reading of the current frame or reply: selected and named by the
 * config, guarded when it is a total, stored, and published into the seam.
 */
void meter_reading(struct meter *m, const struct reading *r);

/* Counts a frame of status st (why: the decoder's reason, for debug logs). */
void meter_frame(struct meter *m, enum frame_status st, const char *why);

/* A good telegram or reply: counted, its points closed as one batch. */
void meter_good(struct meter *m);

/* The points published since the last call form one batch (readings_batch_end). */
void meter_batch_end(struct meter *m);

/*
 * A 7E1 line seen 8 bits wide: checks the parity bit each byte carries,
 * masks it into out[0..n). Returns the offset of the first parity error, or n.
 */
size_t meter_strip_parity(struct meter *m, const uint8_t *p, size_t n, uint8_t *out);

/* The poll is over: release the bus, schedule the next one poll_ms after this one began. */
void meter_poll_done(struct meter *m);

/* Loads the meter's device profile (cfg->profile) into m->profile. Returns 0 or -1 (logged). */
int meter_load_profile(struct meter *m);

/*
 * The `option` lines of a meter its source reads itself (polled meters;
 * a pushing meter's options go to its decoder). Each option whose key is
 * not in the NULL-terminated `known` is warned about (so `meterd run -n`
 * fails on it); a known key's value must be 0 or 1. meter_option_flag()
 * is that value, or `dflt` when the meter has no such line.
 */
void meter_options_check(const struct meter *m, const char *const *known);
bool meter_option_flag(const struct meter *m, const char *key, bool dflt);

/* Re-judges health and tells the seam (state changes are logged there by sinks). */
void meter_health_update(struct meter *m, uint64_t now);

/* A meter's counters into the status file, and into the log (SIGUSR1). */
struct jsonw;
void meter_health_json(struct jsonw *w, const struct health *h, const struct bus *b);
void meter_health_log(const char *what, const struct health *h, const struct bus *b);


#endif
