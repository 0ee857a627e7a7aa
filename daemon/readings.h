/*
 * readings.h - the seam: every accepted reading and every change of a
 * meter's health leaves the engine here, and every sink takes it from here.
 *
 *   port -> decoder -> engine (sources, guard) -> readings -> sinks
 *
 * The engine *publishes*: a meter joins the catalogue (readings_meter_add),
 * each reading that passed the counter guard is a point
 * (readings_point), a telegram's or poll's points end with
 * readings_batch_end, and a change of health is readings_health. Sinks
 * *subscribe* (struct rd_sink): the history store, the web page, MQTT,
 * InfluxDB, Prometheus.
 *
 * The seam keeps the catalogue: every meter with its latest value per
 * value id and its health, so a sink that starts late, reconnects (MQTT
 * discovery) or answers a request (/api/values) reads the present state
 * here instead of keeping its own copy.
 *
 * Rules for sinks, so that a slow or failing sink never stalls metering or
 * another sink: callbacks run on the loop, synchronously, and must return
 * at once - copy what they need into their own bounded queue and do their
 * I/O from their own watchers (non-blocking sockets) or a worker thread
 * (the history store's SQLite writes). A callback must not publish into the
 * seam nor subscribe or unsubscribe another sink.
 *
 * Names and ids: a meter's name is its config name (`meter strom {`) or the
 * SMI meter's JSON prefix ("Strom"); a value's name is the configured or
 * SMI name, or what the protocol calls it ("1-0:1.8.0*255", "energy",
 * "flow_temperature"). The id "<meter>/<name>" is stable across restarts
 * and re-orderings: history, dashboards and MQTT topics key on it.
 */
#ifndef METERD_READINGS_H
#define METERD_READINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "guard.h"

#define RD_NAME_MAX   48  /* meter or value name */
#define RD_ID_MAX     (2 * RD_NAME_MAX)
#define RD_UNIT_MAX   16
#define RD_TEXT_MAX   64
#define RD_LABEL_MAX  64

/* What a value measures, as far as meterd can tell (for HA, charts, the guard). */
enum rd_quantity {
	RD_Q_UNKNOWN,
	RD_Q_ENERGY,      /* Wh, kWh, MWh, GJ, J */
	RD_Q_POWER,       /* W, kW */
	RD_Q_VOLUME,      /* m3, l */
	RD_Q_FLOW,        /* m3/h, l/h */
	RD_Q_TEMPERATURE, /* °C, K (differences) */
	RD_Q_VOLTAGE,
	RD_Q_CURRENT,
	RD_Q_FREQUENCY,
	RD_Q_POWER_FACTOR,
	RD_Q_REACTIVE_ENERGY,
	RD_Q_REACTIVE_POWER,
	RD_Q_PRESSURE,
	RD_Q_DURATION,    /* operating hours, on time */
	RD_Q_GAS,         /* gas volume (DSMR/M-Bus medium gas) */
	RD_Q_WATER,       /* water volume */
	RD_Q_TEXT,        /* identifiers, versions, status words */
};

/* How a value behaves over time (Home Assistant's state_class). */
enum rd_class {
	RD_CLASS_MEASUREMENT, /* a momentary value: power, temperature */
	RD_CLASS_TOTAL,       /* a meter reading that only grows: energy, volume (guarded) */
	RD_CLASS_NONE,        /* text, identifiers */
};

enum rd_state {
	RD_STATE_STARTING, /* no frame yet since the meter started */
	RD_STATE_UP,       /* good frames arrive */
	RD_STATE_SILENT,   /* nothing good for longer than the meter's silence limit */
	RD_STATE_ERRORS,   /* bytes arrive, but only bad frames (CRC, invalid) */
	RD_STATE_PORT_DOWN, /* its port cannot be opened or was lost */
};

/* Counters of one meter since it started. */
struct rd_health {
	enum rd_state state;
	uint32_t      frames_ok;
	uint32_t      crc_errors;
	uint32_t      msg_crc_errors; /* wrong inner checksums of accepted frames (SML messages) */
	uint32_t      echo_errors;   /* option local_echo: an echo that differed from the request */
	uint32_t      invalid;       /* malformed or truncated frames */
	uint32_t      parity_errors;
	uint32_t      timeouts;      /* a request got no answer */
	uint32_t      exceptions;    /* Modbus exception replies */
	uint32_t      guard_flags;   /* totals not published */
	int64_t       last_good_ms;  /* wall clock ms of the last good frame, 0 never */
	int64_t       since_ms;      /* wall clock ms the state began */
	bool          port_open;
	char          port[128];     /* port spec, "" none */
};

/* One value as it was last published (kept by the seam, per id). */
struct rd_value {
	char             name[RD_NAME_MAX];
	char             id[RD_ID_MAX];    /* "<meter>/<name>" */
	char             source_id[48];    /* the protocol's id: OBIS, "kmp:60", M-Bus record, "" */
	char             group[RD_LABEL_MAX]; /* SMI =h heading it stands under, "" none, "~N" the N-th heading without text */
	enum rd_quantity quantity;
	enum rd_class    cls;
	int8_t           precision;        /* decimals to show, -1 unknown */
	bool             is_text;
	int64_t          raw;              /* exact value: raw * 10^scaler */
	int8_t           scaler;
	char             unit[RD_UNIT_MAX];
	char             text[RD_TEXT_MAX];
	int64_t          meter_time;       /* the meter's own time (Unix s), 0 none */
	int64_t          rx_ms;            /* wall clock ms meterd received it */
	bool             have;             /* a value has been published */
	/* the seam's counter guard, for sources that do not run one (wM-Bus, camera, MQTT ingest) */
	struct guard     guard;
	bool             guard_seeded;
	uint32_t         guard_flags;
};

struct rd_meter {
	char             name[RD_NAME_MAX];
	char             protocol[16];     /* "sml", "d0", "smi", "kmp", "wmbus", "camera", "mqtt" ... */
	char             manufacturer[32]; /* where the protocol says it, else "" */
	char             model[48];
	char             serial[32];
	uint32_t         expect_ms;        /* the interval values should arrive at (poll or push), 0 unknown */
	struct rd_health health;
	struct rd_value *values;           /* in first-seen order */
	size_t           n_values, cap_values;
	unsigned         serial_no;        /* bumps when the meter is re-added with another shape */
	bool             live;             /* in the catalogue (false after removal, until freed) */
};

/* One point, as sinks get it. */
struct rd_point {
	const struct rd_meter *meter;
	const struct rd_value *value; /* the seam's copy, already updated */
};

enum rd_meter_change {
	RD_METER_ADDED,
	RD_METER_REMOVED, /* the meter left the configuration (discovery removal) */
	RD_METER_HEALTH,  /* its state changed (not every counter bump) */
};

struct readings;

struct rd_sink {
	const char *name; /* for log lines */
	void (*meter)(struct rd_sink *s, const struct rd_meter *m, enum rd_meter_change ch);
	void (*point)(struct rd_sink *s, const struct rd_point *p);
	/* The points of one telegram or poll are over (MQTT SENSOR, history batch). */
	void (*batch_end)(struct rd_sink *s, const struct rd_meter *m);
	/* Raw bytes of a port that a sink tapped (readings_tap), rx or tx. */
	void (*raw)(struct rd_sink *s, const char *port, bool tx, const uint8_t *p, size_t n);
	void *data;
	/* seam-private */
	struct rd_sink *next;
	char            tap[128]; /* port tapped, "" none */
};

struct readings *readings_new(void);
void             readings_free(struct readings *r);

/* --- sinks */

void readings_subscribe(struct readings *r, struct rd_sink *s);
void readings_unsubscribe(struct readings *r, struct rd_sink *s);

/* Asks for port's raw bytes ("" stops). */
void readings_tap(struct readings *r, struct rd_sink *s, const char *port);
/* True when some sink taps port (the bus only copies bytes then). */
bool readings_tapped(const struct readings *r, const char *port);

/* The catalogue: meters in configuration order. */
size_t                 readings_meter_count(const struct readings *r);
const struct rd_meter *readings_meter_at(const struct readings *r, size_t i);
const struct rd_meter *readings_meter_find(const struct readings *r, const char *name);
/* The value with id "<meter>/<name>", or NULL. */
const struct rd_value *readings_value_find(const struct readings *r, const char *id,
                                           const struct rd_meter **meter);

/*
 * Devices heard that no meter is configured for (a neighbour's wM-Bus water
 * meter, a new meter of one's own): listed so a user can add them, with
 * what a meter block needs. At most RD_STRANGERS_MAX; later ones are not
 * kept (the list is for a person to read).
 */
#define RD_STRANGERS_MAX 64
struct rd_stranger {
	char     protocol[16];     /* "wmbus" */
	char     id[24];           /* as a meter block takes it: "12345678" */
	char     manufacturer[8];  /* "KAM" */
	char     kind[24];         /* "water", "heat" ... */
	unsigned version;
	char     receiver[RD_NAME_MAX]; /* where it was heard */
	uint32_t heard;            /* telegrams */
	int64_t  last_ms;          /* wall clock of the last one */
	char     result[16];       /* of the last one: "ok", "no_key", "bad_key" ... */
};
size_t                    readings_stranger_count(const struct readings *r);
const struct rd_stranger *readings_stranger_at(const struct readings *r, size_t i);

/* --- the engine's side */

/*
 * Adds meter `name` to the catalogue (or returns it when present, keeping
 * its values: a reload that keeps a meter keeps its latest values) and
 * tells the sinks. Returns NULL when out of memory.
 */
struct rd_meter *readings_meter_add(struct readings *r, const char *name, const char *protocol);

/* Removes a meter that left the configuration; sinks are told first. */
void readings_meter_remove(struct readings *r, struct rd_meter *m);

/* What the engine knows about one value, at publication. */
struct rd_point_in {
	const char      *name;
	const char      *source_id;  /* NULL: none */
	const char      *group;      /* NULL: none */
	enum rd_quantity quantity;   /* RD_Q_UNKNOWN: derived from unit and source_id */
	enum rd_class    cls;        /* used when quantity is given */
	int8_t           precision;  /* -1 unknown */
	bool             is_text;
	int64_t          raw;
	int8_t           scaler;
	const char      *unit;       /* NULL: "" */
	const char      *text;       /* is_text */
	size_t           text_len;
	int64_t          meter_time; /* Unix s, 0 none */
	int64_t          rx_ms;      /* 0: now */
	/*
	 * The source ran the counter guard itself (meter.c, the SMI source), or
	 * passes on a device that judged its own values (MQTT ingest).
	 * Otherwise a total (class RD_CLASS_TOTAL) passes the seam's own guard
	 * here (guard_init_sparse: wireless and camera meters send seldom, so a
	 * series starts at the first plausible reading), so no source publishes
	 * a 0, a negative, a backwards or a misread total.
	 */
	bool             guarded;
};

/*
 * Publishes one accepted reading of m: updates the catalogue, then calls
 * every sink's point(). Returns the stored value, or NULL when it is not
 * published: a total held back by the guard (in->guarded false), too many
 * values, or out of memory (counted, logged once).
 */
const struct rd_value *readings_point(struct readings *r, struct rd_meter *m,
                                      const struct rd_point_in *in);

/*
 * Declares a value before it has one (have stays false), so the catalogue
 * keeps the order of a script or configuration rather than the order of
 * the first readings; what it measures is settled at its first point.
 * Sinks are not called. Returns the slot, or NULL.
 */
const struct rd_value *readings_value_declare(struct readings *r, struct rd_meter *m,
                                              const struct rd_point_in *in);

void readings_batch_end(struct readings *r, struct rd_meter *m);

/*
 * A telegram of a device no meter is configured for: s->protocol and s->id
 * name it; the other fields replace the stored ones, `heard` counts up and
 * last_ms is set here. Returns true the first time the device is heard
 * (the caller logs it then), false after, or when the list is full.
 */
bool readings_stranger_heard(struct readings *r, const struct rd_stranger *s);

/*
 * Stores m's counters; when h->state differs from the stored state, the
 * sinks are told (RD_METER_HEALTH) and since_ms is set.
 */
void readings_health(struct readings *r, struct rd_meter *m, const struct rd_health *h);

/* Raw bytes of port (called by the bus only when readings_tapped()). */
void readings_raw(struct readings *r, const char *port, bool tx, const uint8_t *p, size_t n);

/*
 * Where the seam's guard finds the last total stored before this run (the
 * history), as engine_set_last_total() does for the engine's meters.
 */
void readings_set_last_total(struct readings *r,
                             bool (*fn)(void *arg, const char *id, double *v, int64_t *wall_ms),
                             void *arg);

/* --- helpers shared by sinks */

const char *rd_quantity_name(enum rd_quantity q); /* "energy", "power" ... "" unknown */
const char *rd_class_name(enum rd_class c);       /* "measurement", "total_increasing", "" */
const char *rd_state_name(enum rd_state s);       /* "starting", "up", "silent", "errors", "port_down" */

/*
 * What a unit spelled as a meter or script writes it ("kWh", "KWH", "m³",
 * "°C", "W") measures, and how it behaves: the guard, Home Assistant and the
 * charts all ask this. Case and common spellings do not matter. Returns
 * RD_Q_UNKNOWN when the unit says nothing.
 */
enum rd_quantity rd_quantity_from_unit(const char *unit, enum rd_class *cls);

/* The wall clock in ms (CLOCK_REALTIME). */
int64_t rd_wall_ms(void);

#endif
