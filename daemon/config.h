/*
 * config.h - meterd.conf: the one configuration file (see meterd.conf(5)).
 *
 * The file is read whole into a struct cfg, checked, and only then used; a
 * reload builds a new struct cfg next to the running one, so a broken file
 * never disturbs meters that are running. Syntax, in the spirit of
 * OpenBSD's daemon configs: one setting per line, blocks in braces, `#`
 * comments, strings in double quotes, durations with units.
 *
 *   teleperiod 10s
 *   meter power {
 *       port "/dev/serial/by-id/usb-FTDI_FT232R-if00-port0"
 *       protocol sml 9600 8N1
 *   }
 *   meter heat {
 *       port "tcp://ir-head.local:2217" rfc2217
 *       protocol kmp 1200 8N2
 *       poll 10s
 *       profile kamstrup-multical-403
 *       value "kmp:60" as "energy"
 *   }
 *   smi "/etc/meterd/heating.tas" {
 *       pin 12 "/dev/ttyUSB0"
 *   }
 *   smi {
 *       pin 3 "/dev/ttyUSB1"
 *       script <<EOF
 *   >M 1
 *   +1,3,s,0,9600,SML
 *   1,77070100010800ff@1000,Energy,kWh,E_in,3
 *   #
 *   EOF
 *   }
 *
 * Every problem is reported as "file:line:column: message" (the column of
 * the offending token, 1-based); for a Tasmota script the position is in
 * the script's own file, or in the config file for an inline script.
 */
#ifndef METERD_CONFIG_H
#define METERD_CONFIG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "meterd/reading.h"
#include "platform/posix/datadir.h"
#include "platform/posix/serial.h"

#define CFG_NAME_MAX    32
#define CFG_PATH_MAX    256
#define CFG_OPTIONS_MAX 8
#define CFG_PINS_MAX    16

enum cfg_port_kind {
	CFG_PORT_SERIAL,  /* a tty path */
	CFG_PORT_TCP,     /* raw TCP serial server */
	CFG_PORT_RFC2217, /* telnet COM-PORT-OPTION */
};

/* Where a meter's bytes come from. Ports with equal `spec` are one bus. */
struct cfg_port {
	enum cfg_port_kind kind;
	char               spec[CFG_PATH_MAX]; /* as written: path or tcp://host:port */
	char               path[CFG_PATH_MAX]; /* serial */
	char               host[128], service[16];
	bool               rs485;
};

struct cfg_value {
	char id[READING_ID_MAX];  /* reading id ("1-0:1.8.0*255", "kmp:60") or profile name */
	char name[CFG_NAME_MAX];  /* published name; "" = the id */
};

struct cfg_option {
	char key[CFG_NAME_MAX];
	char value[CFG_NAME_MAX];
};

struct cfg_meter {
	char                 name[CFG_NAME_MAX];
	struct cfg_port      port;
	char                 protocol[16];   /* a decoder name: sml, d0, dsmr, kmp, mbus, modbus */
	struct serial_params params;
	uint32_t             poll_ms;        /* 0: passive (the meter pushes) */
	char                 profile[64];    /* "" none */
	int                  address;        /* -1: protocol default */
	/* M-Bus secondary address ("address secondary 6721FFFF KAM"): 8 digits, F = any */
	char                 secondary[9];   /* "" none */
	char                 secondary_man[4]; /* manufacturer letters, "" any */
	struct cfg_value    *values;         /* NULL/0: every value the meter sends */
	size_t               n_values;
	struct cfg_option    options[CFG_OPTIONS_MAX];
	size_t               n_options;
	unsigned             line;           /* of `meter` */
	struct cfg_meter    *next;
};

/* An SMI pin mapped to a port ("pin 12 /dev/ttyUSB0"). */
struct cfg_pin {
	int             pin;
	struct cfg_port port;
	unsigned        line, col;
};

struct cfg_smi {
	char            source[CFG_PATH_MAX]; /* script file, or the config file for inline */
	unsigned        first_line;           /* line in `source` where the script text starts (1) */
	char           *text;                 /* script text (malloc'd) */
	size_t          len;
	struct cfg_pin  pins[CFG_PINS_MAX];
	size_t          n_pins;
	unsigned        line;                 /* of `smi` in the config */
	struct cfg_smi *next;
};

/*
 * A block owned by a service beside the meters (http, history, mqtt,
 * influx, gateway ...). config.c only reads its shape - settings of words,
 * each with its position; the owner reads and checks its own keys with the
 * cfg_get_* helpers below, and is listed in sections.def so that a
 * configuration check (`meterd run -n`, a reload) checks its settings too.
 */
#define CFG_WORDS_MAX 12

struct cfg_setting {
	size_t   n;                    /* words, the key included */
	char    *word[CFG_WORDS_MAX];
	unsigned line, col[CFG_WORDS_MAX];
};

struct cfg_section {
	char                kind[CFG_NAME_MAX];  /* "http" */
	char                label[CFG_PATH_MAX]; /* `influx "remote" {`; "" none */
	struct cfg_setting *settings;
	size_t              n_settings;
	unsigned            line, col;
	struct cfg_section *next;
};

struct cfg {
	char                file[CFG_PATH_MAX];
	uint32_t            teleperiod_ms;  /* default 300 s, as Tasmota's TelePeriod */
	struct cfg_meter   *meters;         /* in file order */
	struct cfg_smi     *smis;
	struct cfg_section *sections;       /* in file order */
};

/* Where a section's owner reports problems: "file:line:column: message". */
struct cfg_diag {
	const char *file;
	FILE       *errs; /* NULL: only counted */
	int         errors;
};

/* Writes one problem to errs (NULL: nothing) as "file:line:column: message". */
void cfg_report(FILE *errs, const char *file, unsigned line, unsigned col, const char *fmt,
                va_list ap);

void cfg_diag_error(struct cfg_diag *d, unsigned line, unsigned col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* The first section of kind, or NULL; the next one of the same kind. */
const struct cfg_section *cfg_section_find(const struct cfg *c, const char *kind);
const struct cfg_section *cfg_section_next(const struct cfg_section *s);
/* True when a and b have the same sections of `kind` (labels and settings, in order). */
bool cfg_sections_same(const struct cfg *a, const struct cfg *b, const char *kind);

/*
 * Readers of one word (index i, 1 = the first argument) of a setting. Each
 * returns true with *out set, or reports at the word's position and returns
 * false.
 */
bool cfg_want_args(struct cfg_diag *d, const struct cfg_setting *st, size_t min, size_t max,
                   const char *usage);
bool cfg_get_duration(struct cfg_diag *d, const struct cfg_setting *st, size_t i, uint32_t *ms);
bool cfg_get_uint(struct cfg_diag *d, const struct cfg_setting *st, size_t i, uint64_t min,
                  uint64_t max, uint64_t *out);
bool cfg_get_bool(struct cfg_diag *d, const struct cfg_setting *st, size_t i, bool *out); /* on/off, yes/no, true/false */
/* "10MB", "512k", "2G", or bytes. */
bool cfg_get_size(struct cfg_diag *d, const struct cfg_setting *st, size_t i, uint64_t *bytes);
/* "127.0.0.1:8080", "[::1]:8080", ":8080" (every address), or "8080" (127.0.0.1). */
bool cfg_get_hostport(struct cfg_diag *d, const struct cfg_setting *st, size_t i, char *host,
                      size_t host_cap, uint16_t *port);
/* Copies a word; too long is an error, never a silent cut. */
bool cfg_get_str(struct cfg_diag *d, const struct cfg_setting *st, size_t i, char *out, size_t cap);
/* Reports st's key as unknown, listing the keys the section has. */
void cfg_unknown_key(struct cfg_diag *d, const struct cfg_setting *st, const char *section,
                     const char *known);

/*
 * Reads and checks the file at path. On success returns 0 and *out (free
 * with cfg_free). Otherwise writes every problem to errs as
 * "file:line:column: message" lines and returns the number of errors.
 * SMI scripts are compiled as part of the check (their diagnostics are
 * reported the same way).
 */
int cfg_load(const char *path, struct cfg **out, FILE *errs);

/* The same over text already in memory; `name` is used in messages. */
int cfg_parse(const char *name, const char *text, size_t len, struct cfg **out, FILE *errs);

void cfg_free(struct cfg *c);

/*
 * Parses "10s", "500ms", "5m", "1h", "2d" or a plain number of seconds into
 * milliseconds. Returns 0, or -1 when s is not a duration.
 */
int cfg_duration_parse(const char *s, uint32_t *ms);

/*
 * Parses a port spec: "/dev/..." (serial), "tcp://host:port" (raw), or
 * "rfc2217://host:port". Returns 0 or -1 with a static reason in *why.
 */
int cfg_port_parse(struct cfg_port *p, const char *spec, const char **why);

/* True when two meters are configured identically (a reload keeps it running). */
bool cfg_meter_same(const struct cfg_meter *a, const struct cfg_meter *b);

/* True when two smi blocks are identical (same text, same pins). */
bool cfg_smi_same(const struct cfg_smi *a, const struct cfg_smi *b);

#endif
