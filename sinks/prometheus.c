/*
 * prometheus.c - /metrics text from the seam's catalogue; see prometheus.h.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "meterd/reading.h"
#include "prometheus.h"

/* An output cursor that keeps counting past the end, like snprintf. */
struct out {
	char  *buf;
	size_t cap, len;
};

static void
put(struct out *o, const char *s, size_t n)
{
	if (o->len < o->cap) {
		size_t room = o->cap - o->len;
		memcpy(o->buf + o->len, s, n < room ? n : room);
	}
	o->len += n;
}

static void
puts_(struct out *o, const char *s)
{
	put(o, s, strlen(s));
}

static void
printf_(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
printf_(struct out *o, const char *fmt, ...)
{
	char    tmp[256];
	va_list ap;
	int     n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n > 0)
		put(o, tmp, (size_t)n < sizeof(tmp) ? (size_t)n : sizeof(tmp) - 1);
}

/* A label value: backslash, double quote and newline escaped (the format's only escapes). */
static void
label(struct out *o, const char *name, const char *value, bool first)
{
	if (!first)
		put(o, ",", 1);
	puts_(o, name);
	put(o, "=\"", 2);
	for (const char *p = value; *p != '\0'; p++) {
		if (*p == '\\')
			put(o, "\\\\", 2);
		else if (*p == '"')
			put(o, "\\\"", 2);
		else if (*p == '\n')
			put(o, "\\n", 2);
		else
			put(o, p, 1);
	}
	put(o, "\"", 1);
}

static void
family(struct out *o, const char *name, const char *type, const char *help)
{
	printf_(o, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static const struct {
	const char *name, *help;
	size_t      off;
} counters[] = {
#define C(name, f, h) {name, h, offsetof(struct rd_health, f)}
	C("meterd_frames_ok_total", frames_ok, "Good frames or poll answers since the meter started."),
	C("meterd_crc_errors_total", crc_errors, "Frames with a wrong checksum."),
	C("meterd_msg_crc_errors_total", msg_crc_errors,
	  "Wrong inner checksums (SML message CRCs) in frames whose own CRC was right."),
	C("meterd_echo_errors_total", echo_errors,
	  "Local echoes (option local_echo) that differed from the request sent: collisions."),
	C("meterd_invalid_frames_total", invalid, "Malformed or truncated frames."),
	C("meterd_parity_errors_total", parity_errors, "Bytes with a parity error."),
	C("meterd_timeouts_total", timeouts, "Requests that got no answer."),
	C("meterd_exceptions_total", exceptions, "Modbus exception replies."),
	C("meterd_guard_flags_total", guard_flags, "Totals the counter guard did not publish."),
#undef C
};

size_t
prometheus_render(const struct readings *rd, char *buf, size_t cap)
{
	struct out o = {.buf = buf, .cap = cap > 0 ? cap - 1 : 0};
	size_t     nm = readings_meter_count(rd);
	char       num[READING_NUM_MAX];

	family(&o, "meterd_value", "gauge",
	       "The latest value of each numeric reading, in the unit the meter gives.");
	for (size_t i = 0; i < nm; i++) {
		const struct rd_meter *m = readings_meter_at(rd, i);
		for (size_t k = 0; k < m->n_values; k++) {
			const struct rd_value *v = &m->values[k];
			if (!v->have || v->is_text)
				continue;
			puts_(&o, "meterd_value{");
			label(&o, "meter", m->name, true);
			label(&o, "name", v->name, false);
			label(&o, "unit", v->unit, false);
			label(&o, "quantity", rd_quantity_name(v->quantity), false);
			reading_format_number(v->raw, v->scaler, num);
			printf_(&o, "} %s\n", num);
		}
	}
	family(&o, "meterd_value_timestamp_seconds", "gauge",
	       "When the latest value was read: the meter's own time where it has one.");
	for (size_t i = 0; i < nm; i++) {
		const struct rd_meter *m = readings_meter_at(rd, i);
		for (size_t k = 0; k < m->n_values; k++) {
			const struct rd_value *v = &m->values[k];
			if (!v->have || v->is_text)
				continue;
			puts_(&o, "meterd_value_timestamp_seconds{");
			label(&o, "meter", m->name, true);
			label(&o, "name", v->name, false);
			if (v->meter_time != 0)
				printf_(&o, "} %" PRId64 "\n", v->meter_time);
			else
				printf_(&o, "} %" PRId64 ".%03d\n", v->rx_ms / 1000, (int)(v->rx_ms % 1000));
		}
	}
	family(&o, "meterd_meter_up", "gauge", "1 while the meter's frames arrive and are good.");
	for (size_t i = 0; i < nm; i++) {
		const struct rd_meter *m = readings_meter_at(rd, i);
		puts_(&o, "meterd_meter_up{");
		label(&o, "meter", m->name, true);
		label(&o, "protocol", m->protocol, false);
		printf_(&o, "} %d\n", m->health.state == RD_STATE_UP);
	}
	family(&o, "meterd_meter_state", "gauge",
	       "1 for the meter's present state (starting, up, silent, errors, port_down).");
	for (size_t i = 0; i < nm; i++) {
		const struct rd_meter *m = readings_meter_at(rd, i);
		for (int s = RD_STATE_STARTING; s <= RD_STATE_PORT_DOWN; s++) {
			puts_(&o, "meterd_meter_state{");
			label(&o, "meter", m->name, true);
			label(&o, "state", rd_state_name((enum rd_state)s), false);
			printf_(&o, "} %d\n", m->health.state == (enum rd_state)s);
		}
	}
	for (size_t c = 0; c < sizeof(counters) / sizeof(counters[0]); c++) {
		family(&o, counters[c].name, "counter", counters[c].help);
		for (size_t i = 0; i < nm; i++) {
			const struct rd_meter *m = readings_meter_at(rd, i);
			uint32_t               v;
			memcpy(&v, (const char *)&m->health + counters[c].off, sizeof(v));
			printf_(&o, "%s{", counters[c].name);
			label(&o, "meter", m->name, true);
			printf_(&o, "} %" PRIu32 "\n", v);
		}
	}
	family(&o, "meterd_meter_last_good_timestamp_seconds", "gauge",
	       "When the meter's last good frame arrived (0: never).");
	for (size_t i = 0; i < nm; i++) {
		const struct rd_meter *m = readings_meter_at(rd, i);
		puts_(&o, "meterd_meter_last_good_timestamp_seconds{");
		label(&o, "meter", m->name, true);
		printf_(&o, "} %" PRId64 ".%03d\n", m->health.last_good_ms / 1000,
		        (int)(m->health.last_good_ms % 1000));
	}
	if (cap > 0)
		buf[o.len < o.cap ? o.len : o.cap] = '\0';
	return o.len;
}
