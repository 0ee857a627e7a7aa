/*
 * smi.h - Tasmota Smart Meter Interface (SMI) scripts, compiled and run.
 *
 * A Tasmota SMI script describes meters in its `>M` section: one `+` line per
 * meter (serial pins, type letter, framing, baud rate, JSON prefix, request
 * list) and one line per value (a match pattern, how to decode the value,
 * divisor, web label, unit, JSON name, precision). meterd runs such scripts
 * unchanged and gives the values Tasmota gives; docs/SMI.md lists the
 * constructs and where meterd deliberately differs.
 *
 * Two halves, both pure (no heap, no clock, no OS; the caller owns memory):
 *
 *  1. The compiler. smi_compile() reads the whole script text into a
 *     struct smi_script: meter definitions, value lines and request lists,
 *     with every problem reported as a diagnostic (line, column, severity,
 *     message). Sections other than `>M` are skipped with one note; `>D`
 *     text variables are kept for `%name%` substitution, as Tasmota's
 *     SML_REPLACE_VARS does. The script struct is large (about 29 KB with
 *     the default limits below) and self-contained: it holds copies of all
 *     text, so the source buffer may be freed after compiling.
 *
 *  2. The runtime. struct smi_rt holds the live state of one compiled
 *     script: a receive buffer and request scheduler per meter and one value
 *     slot per stored line. It is sans-I/O: the caller
 *       - feeds every byte a meter's port receives to smi_meter_push(),
 *       - calls smi_meter_poll() when a meter's deadline has passed (and
 *         after pushes), sends the bytes it returns on that meter's port,
 *         and sleeps at most until the deadline it returns,
 *       - reads values with smi_value_get() (tools/smi_json.c turns them
 *         into Tasmota's SENSOR JSON).
 *     Time is always an argument (`now_ms`, monotonic milliseconds).
 *
 * Meters are addressed by their index 0..n_meters-1 in the script struct
 * (meters[i].number is the digit the script uses, normally i + 1).
 *
 * Typical use:
 *
 *     static struct smi_script s;   (or malloc'd: it is big)
 *     static struct smi_rt rt;
 *     if (smi_compile(&s, text, len, 0) != 0) { print s.diags; exit }
 *     smi_rt_init(&rt, &s, now);
 *     loop: bytes from meter i -> smi_meter_push(&rt, i, buf, n, now);
 *           deadline = smi_meter_poll(&rt, i, now, tx, sizeof tx, &txlen);
 *           if (txlen) write(port[i], tx, txlen);
 *
 * What a daemon needs per meter (struct smi_meter_def):
 *  - where: rx_pin / tx_pin are the script's GPIO numbers, to be mapped to a
 *    port by configuration (one port usually serves both); tx_pin < 0 means
 *    the meter is never sent anything. `tcp` meters connect to host:param
 *    (Modbus TCP). en_pin is an RS-485 driver-enable GPIO (most USB
 *    adapters switch by themselves).
 *  - framing: baud rate `param`, always 8 data bits, `parity` and
 *    `stop_bits`. Type `o` is 8N1 on purpose: a 7E1 meter's text read as 8N1
 *    has the parity in bit 7, which the runtime clears (Tasmota does the
 *    same), and 8N1 meters work too.
 *  - type `C` (CAN): push each received frame as 4 id bytes (big-endian,
 *    bit 31 = extended), DLC, data; requests come out in the same layout.
 *  - type `c` (pulse counter): no port; report pulses with
 *    smi_counter_pulse().
 * Diagnostics carry lines relative to the text given; a caller compiling a
 * block out of a larger file adds its own line offset. With
 * SMI_OPT_SECTION_ONLY the text is the body of a `>M` section (meter and
 * value lines without the `>M n` header).
 *
 * Publishing: smi_meter_push() returns how many lines got a new value.
 * Lines with the immediate bit (precision + 16) are published at once
 * (tools/smi_json.c smi_json_immediate()); all valid lines go out at every
 * teleperiod (smi_json_sensor()). smi_rt_clear_updated() resets the
 * per-line "updated" flags a caller may use in between.
 */
#ifndef METERD_SMI_H
#define METERD_SMI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Limits. Tasmota's defaults are 5 meters (MAX_METERS), a 3000-byte stored
 * meter section (METER_DEF_SIZE), 24-byte label and JSON name buffers and an
 * 8-byte unit buffer; the corpus of 130 documented scripts needs at most 43
 * lines and 2.3 KB of text. Exceeding a limit is a compile error, never a
 * silent truncation. Each limit may be overridden at build time (-D) to fit
 * a small target: with the defaults struct smi_script is about 29 KB (11 KB
 * of it diagnostics) and struct smi_rt about 18 KB.
 */
#ifndef SMI_METERS_MAX
#define SMI_METERS_MAX 5 /* meters per script (Tasmota MAX_METERS) */
#endif
#ifndef SMI_LINES_MAX
#define SMI_LINES_MAX 128 /* value, =m, =d and =h lines over all meters */
#endif
#ifndef SMI_CMDS_MAX
#define SMI_CMDS_MAX 96 /* requests over all meters */
#endif
#ifndef SMI_POOL_MAX
#define SMI_POOL_MAX 8192 /* bytes of text kept from the script */
#endif
#ifndef SMI_DIAGS_MAX
#define SMI_DIAGS_MAX 64 /* diagnostics kept (the rest are counted) */
#endif
#ifndef SMI_DIAG_MSG_MAX
#define SMI_DIAG_MSG_MAX 160
#endif
#ifndef SMI_VARS_MAX
#define SMI_VARS_MAX 16 /* >D variables usable as %name% */
#endif
#ifndef SMI_LINE_MAX
#define SMI_LINE_MAX 512 /* one line after %name% substitution (Tasmota 2 x 256) */
#endif
#ifndef SMI_PREFIX_MAX
#define SMI_PREFIX_MAX 8 /* JSON prefix, 7 characters + NUL */
#endif
#ifndef SMI_LABEL_MAX
#define SMI_LABEL_MAX 24 /* web label, 23 + NUL */
#endif
#ifndef SMI_UNIT_MAX
#define SMI_UNIT_MAX 8 /* unit, 7 bytes + NUL */
#endif
#ifndef SMI_JSON_MAX
#define SMI_JSON_MAX 24 /* JSON name, 23 + NUL */
#endif
#ifndef SMI_HTML_MAX
#define SMI_HTML_MAX 31 /* =h text, 30 + NUL */
#endif
#ifndef SMI_CMD_BYTES
#define SMI_CMD_BYTES 42 /* bytes of one request before framing (Tasmota) */
#endif
#ifndef SMI_TX_MAX
#define SMI_TX_MAX 96 /* one framed request (KMP escaping may double it) */
#endif
#ifndef SMI_RX_MAX
#define SMI_RX_MAX 1024 /* receive buffer per meter (largest frame, SML file) */
#endif
#ifndef SMI_APDU_MAX
#define SMI_APDU_MAX 512 /* =so4 meters: one reassembled DLMS APDU */
#endif
#ifndef SMI_STR_MAX
#define SMI_STR_MAX 24 /* per-meter text value (meter id), 23 + NUL */
#endif
#ifndef SMI_MATH_MAX
#define SMI_MATH_MAX 9 /* operands of one =m line (Tasmota: 1 + 8) */
#endif
#ifndef SMI_WINDOW_DEFAULT
#define SMI_WINDOW_DEFAULT 48 /* Tasmota SML_BSIZ: sliding window length */
#endif

/* smi_compile() options. */
#define SMI_OPT_TRIM_INDENT  0x01u /* read indented lines (Tasmota ignores them) */
#define SMI_OPT_SECTION_ONLY 0x02u /* the text is the inside of a >M section */

/* ------------------------------------------------------------------ */
/* Diagnostics                                                         */

enum smi_severity {
	SMI_NOTE,
	SMI_WARNING,
	SMI_ERROR,
};

struct smi_diag {
	uint16_t line; /* 1-based script line */
	uint16_t col;  /* 1-based byte column */
	uint8_t severity;
	char msg[SMI_DIAG_MSG_MAX];
};

/* ------------------------------------------------------------------ */
/* Compiled script                                                     */

/* `=so2` option bits (hexadecimal in the script). */
#define SMI_SO2_DWS74     0x01u /* SML signed 16-bit with scaler -2 read unsigned */
#define SMI_SO2_OBIS_LINE 0x02u /* `o`: decode per text line (default on) */
#define SMI_SO2_NO_PARITY 0x20u /* `o`: do not set the even-parity bit on transmit */

/* Meter flag bits (the `<flag>` field). */
#define SMI_FLAG_MEDIAN 16u /* 5-sample median filter on raw values */
#define SMI_FLAG_NO_77  32u /* SML: decode at every window position */

struct smi_meter_def {
	uint8_t number; /* digit written in the script, 1..7 */
	char type;      /* 'o' 's' 'e' 'v' 'm' 'M' 'k' 'r' 'R' 'p' 'c' 'C' */
	/* Serial framing for the port: 8 data bits always (Tasmota has no 7-bit
	 * mode; `o` meters read 7E1 text as 8N1 with bit 7 cleared). */
	char parity;       /* 'N', 'E', 'O' */
	uint8_t stop_bits; /* 1 or 2 */
	int32_t param;     /* baud rate; TCP port; counter interval; CAN code */
	uint16_t flags;    /* SMI_FLAG_* (other bits kept, unused) */
	int16_t rx_pin;    /* GPIO as written (map it to a port); -1 for TCP */
	bool tcp;          /* rx field was [a.b.c.d]: Modbus TCP to host:param */
	char host[16];     /* dotted quad for tcp */
	int16_t tx_pin;    /* -1: never transmits */
	int16_t en_pin;    /* RS-485 driver enable GPIO, -1 none */
	bool en_inverted;
	uint8_t period;              /* request period in 100 ms units, 8-bit as Tasmota */
	char prefix[SMI_PREFIX_MAX]; /* "" allowed; "*" = no JSON */
	uint16_t cmd_first;          /* index into smi_script.cmds */
	uint16_t cmd_count;
	uint8_t so2;      /* SMI_SO2_* bits, default SMI_SO2_OBIS_LINE */
	uint16_t bufsize; /* =so3 (0: default) */
	uint16_t gap_ms;  /* =so6 block gap for `R` (default 1000) */
	uint8_t sml_crc;  /* =soC: SML file CRC mode + 1 (0: off; 16: auto) */
	bool has_key;     /* =so4 given (DLMS decryption key) */
	uint8_t key[16];
	bool so1; /* =so1 sign fix */
	uint32_t so1_obis1, so1_obis2;
	uint8_t so1_fcode1, so1_fcode2, so1_bit1;
	uint16_t line_no; /* script line of the `+` definition */
};

enum smi_line_kind {
	SMI_LINE_VALUE, /* pattern + decode */
	SMI_LINE_MATH,  /* =m: arithmetic over entries */
	SMI_LINE_DIFF,  /* =d: rate of change of an entry */
	SMI_LINE_HTML,  /* =h: web-only row, no entry number, no JSON */
};

enum smi_decode {
	SMI_DEC_NUMBER,  /* number (o/c text, SML entry, pattern token) */
	SMI_DEC_STRING,  /* @#: the meter's text value */
	SMI_DEC_HEXSTR,  /* @#x (SML): hex meter id shown as ASCII */
	SMI_DEC_BRACKET, /* o/c @(n: number from the (n+1)-th bracket */
	SMI_DEC_BRSTR,   /* o/c @(n:# string from the (n+1)-th bracket */
	SMI_DEC_FIELD,   /* o/c @s<c>n: number after n delimiters */
};

struct smi_math_term {
	char op;       /* '+' '-' '*' '/' ('=' for the first operand) */
	bool constant; /* #<int> */
	int32_t value; /* entry number (1-based) or constant */
};

struct smi_line {
	uint8_t kind;     /* enum smi_line_kind */
	uint8_t meter;    /* index into smi_script.meters */
	uint8_t decode;   /* enum smi_decode */
	uint8_t decimals; /* precision & 15 */
	bool immediate;   /* precision & 16: publish on every decode */
	int8_t index;     /* @iN request index, -1 none */
	int8_t bit;       /* @bN bit number, -1 none */
	char delim;       /* string terminator / @s delimiter */
	uint8_t skip;     /* bracket or delimiter count */
	uint8_t n_terms;  /* =m */
	uint16_t line_no;
	uint16_t entry;             /* 1-based entry number, 0 for =h */
	uint16_t match;             /* pool offset of the match part (NUL-terminated) */
	uint16_t match_len;         /* bytes: o/c text, s bytes, pattern text */
	uint16_t label, unit, json; /* pool offsets (NUL-terminated) */
	double div;                 /* divisor */
	double offset;              /* added before dividing */
	uint16_t d_entry;           /* =d source entry */
	uint32_t d_secs;            /* =d interval */
	uint16_t terms;             /* =m: index of first term in smi_script.terms */
};

struct smi_cmd {
	uint16_t off; /* pool offset of the command text (after any 'r') */
	uint8_t len;  /* bytes */
	bool raw;     /* 'r' prefix: Modbus request carries its own count */
};

struct smi_script {
	uint8_t declared_meters; /* the n of `>M n` */
	uint8_t n_meters;
	struct smi_meter_def meters[SMI_METERS_MAX];
	uint16_t n_lines;
	struct smi_line lines[SMI_LINES_MAX];
	uint16_t n_entries; /* lines with an entry number */
	uint16_t n_cmds;
	struct smi_cmd cmds[SMI_CMDS_MAX];
	uint16_t n_terms;
	struct smi_math_term terms[SMI_LINES_MAX];
	uint16_t pool_len;
	char pool[SMI_POOL_MAX]; /* pool[0] is "" */
	uint16_t n_errors, n_warnings, n_notes;
	uint16_t n_diags; /* kept in diags[] */
	struct smi_diag diags[SMI_DIAGS_MAX];
	/* compile-time scratch, meaningless afterwards */
	uint16_t n_vars;
	uint16_t var_name[SMI_VARS_MAX], var_value[SMI_VARS_MAX];
	char linebuf[SMI_LINE_MAX];
	char joinbuf[SMI_LINE_MAX];
};

/*
 * Compiles `len` bytes of script text. Returns 0 when the script has no
 * errors (warnings and notes may exist), -1 otherwise; either way `s` holds
 * every diagnostic and whatever could be compiled. Never reads outside
 * text[0..len). `opts` is a set of SMI_OPT_*.
 */
int smi_compile(struct smi_script *s, const char *text, size_t len, unsigned opts);

/* Text of a pool offset (label, unit, json of a line). */
static inline const char *
smi_str(const struct smi_script *s, uint16_t off)
{
	return s->pool + off;
}

/* Human name of a meter type letter ("SML", "Modbus RTU", ...). */
const char *smi_type_name(char type);

/*
 * The request bytes of command `c` of meter `m`, framed for its type
 * (Modbus: 00 02 unless raw, then CRC; KMP: CRC, stuffing, 0x80..0x0D; `o`:
 * even parity in bit 7). Returns the length, 0 if `cap` is too small.
 */
size_t smi_request_build(const struct smi_script *s, unsigned m, unsigned c, uint8_t *out,
                         size_t cap);

/* ------------------------------------------------------------------ */
/* Runtime                                                             */

struct smi_slot {
	double value;    /* after offset and divisor */
	bool valid;      /* decoded at least once since smi_rt_init */
	bool updated;    /* decoded since the last smi_rt_clear_updated */
	uint8_t mf_pos;  /* median filter ring position */
	double mf[5];    /* median filter ring (raw values) */
	uint64_t d_time; /* =d: time of last evaluation */
	double d_ref;    /* =d: source value then */
	uint8_t d_count; /* =d: evaluations so far (value valid from 2) */
};

struct smi_meter_rt {
	uint8_t buf[SMI_RX_MAX];
	uint16_t fill;      /* bytes in buf */
	uint16_t window;    /* sliding window length for o(shift)/s/r/c */
	uint8_t index;      /* index of the request sent last (@iN) */
	bool started;       /* first request sent */
	bool pending;       /* sliding window holds undecoded starts */
	uint8_t sign;       /* =so1 export flag for the current telegram */
	bool in_file;       /* =soC: between SML start and end sequences */
	uint8_t crc_mode;   /* =soC auto: candidate mode + 1 */
	uint8_t crc_hits;   /* =soC auto: good files with it (locked at 4) */
	uint64_t next_tx;   /* deadline of the next request */
	uint64_t last_rx;   /* time of the last byte */
	uint16_t apdu_fill; /* =so4 meters: bytes in apdu */
	uint8_t apdu[SMI_APDU_MAX];
	uint64_t count;        /* counter meters: pulses (set with smi_counter_set) */
	uint64_t last_pulse;   /* counter meters: time of the last pulse */
	uint32_t pulse_ms;     /* counter meters: interval of the last two pulses */
	uint64_t next_count;   /* counter meters: next synthetic decode */
	uint32_t frames;       /* frames decoded (passed framing/CRC) */
	uint32_t drops;        /* frames dropped (bad CRC, overflow) */
	char str[SMI_STR_MAX]; /* the meter's text value (Tasmota meter_id) */
};

struct aes128_ops;

struct smi_rt {
	const struct smi_script *s;
	const struct aes128_ops *aes; /* =so4 (DLMS GCM) decryption; see smi_aes_default() */
	struct smi_meter_rt m[SMI_METERS_MAX];
	struct smi_slot slot[SMI_LINES_MAX]; /* by line index */
};

/* Resets all state; requests start after one period from now_ms. */
void smi_rt_init(struct smi_rt *rt, const struct smi_script *s, uint64_t now_ms);

/*
 * The AES-128 block primitive for `=so4` meters (aes.h): the core has no
 * cipher of its own. smi_aes_default() sets the one every later
 * smi_rt_init() takes (the program sets it once at start: meterd's main
 * passes mbedTLS's); smi_rt_set_aes() changes one runtime's. Without one,
 * encrypted frames are dropped (counted in the meter's drops).
 */
void smi_aes_default(const struct aes128_ops *aes);
void smi_rt_set_aes(struct smi_rt *rt, const struct aes128_ops *aes);

/*
 * Feeds bytes received on meter m's port. Decodes frames as they complete
 * and updates values. Returns the number of value lines updated.
 */
unsigned smi_meter_push(struct smi_rt *rt, unsigned m, const uint8_t *p, size_t n, uint64_t now_ms);

/*
 * Runs meter m's timers: decodes a sliding window or `R` block that has
 * been silent long enough, and when a request is due writes it to out
 * (at most cap bytes; *out_len = 0 when nothing is due). Returns the time
 * of the next deadline (UINT64_MAX when the meter never needs a call).
 * Requests rotate like Tasmota's: with several commands the index is
 * advanced before each send, so the first request is command 1 and the
 * reply is matched against lines whose @iN equals the index sent last.
 */
uint64_t smi_meter_poll(struct smi_rt *rt, unsigned m, uint64_t now_ms, uint8_t *out, size_t cap,
                        size_t *out_len);

/*
 * Counter meters (type c). Tasmota counts pulses on a GPIO; in meterd the
 * caller reports each debounced pulse (falling edge). After each pulse, and
 * once a second from smi_meter_poll(), the runtime decodes the two lines
 * Tasmota synthesises, "1-0:1.8.0*255(<count>)" and
 * "1-0:1.7.0*255(<pulses per minute>)" (the rate drops to 0 five seconds
 * after the last pulse), so the script's value lines work unchanged.
 * smi_counter_set() restores a saved count (Tasmota's `sensor53 c<n>`).
 */
void smi_counter_pulse(struct smi_rt *rt, unsigned m, uint64_t now_ms);
void smi_counter_set(struct smi_rt *rt, unsigned m, uint64_t count, uint64_t now_ms);

/* One line's current state, for sinks. */
struct smi_value {
	uint16_t line;      /* index into s->lines */
	uint16_t entry;     /* Tasmota entry number (sml[n]) */
	uint8_t meter;      /* meter index */
	const char *prefix; /* meter's JSON prefix */
	const char *label, *unit, *json;
	uint8_t decimals;
	bool immediate;
	bool is_string; /* text in `text`, value is 0 */
	const char *text;
	double value;
	bool valid, updated;
	char text_buf[SMI_STR_MAX]; /* backing store for `text` (@#x) */
};

/* Fills v for line i (any kind but =h). Returns false for =h or out of range. */
bool smi_value_get(const struct smi_rt *rt, unsigned i, struct smi_value *v);

/* Clears every line's updated flag (after a sink has published them). */
void smi_rt_clear_updated(struct smi_rt *rt);

#endif
