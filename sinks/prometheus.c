/*
 * prometheus.c - the Prometheus text format of the catalogue; see prometheus.h.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "meterd/reading.h"
#include "prometheus.h"
#include "readings.h"

struct pbuf {
	char  *buf;
	size_t cap, len;
};

static void
put(struct pbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
put(struct pbuf *b, const char *fmt, ...)
{
	va_list ap;
	int     n;

	va_start(ap, fmt);
	n = vsnprintf(b->len < b->cap ? b->buf + b->len : NULL, b->len < b->cap ? b->cap - b->len : 0,
	              fmt, ap);
	va_end(ap);
	if (n > 0)
		b->len += (size_t)n;
}

/* A label value: backslash, quote and newline escaped (the exposition format's rules). */
static void
label(struct pbuf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\\' || *s == '"')
			put(b, "\\%c", *s);
		else if (*s == '\n')
			put(b, "\\n");
		else
			put(b, "%c", *s);
	}
}

static const struct counter {
	const char *name, *help;
	size_t      off;
} counters[] = {
	{"meterd_frames_ok_total", "Good frames or answers", offsetof(struct rd_health, frames_ok)},
	{"meterd_crc_errors_total", "Frames with a wrong checksum", offsetof(struct rd_health, crc_errors)},
	{"meterd_invalid_frames_total", "Malformed or truncated frames", offsetof(struct rd_health, invalid)},
	{"meterd_parity_errors_total", "Bytes with parity errors", offsetof(struct rd_health, parity_errors)},
	{"meterd_timeouts_total", "Requests without an answer", offsetof(struct rd_health, timeouts)},
	{"meterd_exceptions_total", "Modbus exception replies", offsetof(struct rd_health, exceptions)},
	{"meterd_guard_flags_total", "Totals the counter guard held back", offsetof(struct rd_health, guard_flags)},
};

size_t
prometheus_render(const struct readings *rd, char *buf, size_t cap)
{
	struct pbuf b = {buf, cap, 0};
	size_t      nm = readings_meter_count(rd);
	char        num[READING_NUM_MAX];

	put(&b, "# HELP meterd_value The latest reading of a meter's value\n"
	        "# TYPE meterd_value gauge\n");
	for (size_t i = 0; i < nm; i++) {
		const struct rd_meter *m = readings_meter_at(rd, i);
		for (size_t k = 0; k < m->n_values; k++) {
			const struct rd_value *v = &m->values[k];
			if (!v->have || v->is_text)
				continue;
			reading_format_number(v->raw, v->scaler, num);
			put(&b, "meterd_value{meter=\"");
			label(&b, m->name);
			put(&b, "\",name=\"");
			label(&b, v->name);
			put(&b, "\",unit=\"");
			label(&b, v->unit);
			put(&b, "\"} %s %" PRId64 "\n", num, v->rx_ms);
		}
	}
	put(&b, "# HELP meterd_meter_up 1 while good frames arrive\n# TYPE meterd_meter_up gauge\n");
	for (size_t i = 0; i < nm; i++) {
		const struct rd_meter *m = readings_meter_at(rd, i);
		put(&b, "meterd_meter_up{meter=\"");
		label(&b, m->name);
		put(&b, "\"} %d\n", m->health.state == RD_STATE_UP);
	}
	for (size_t c = 0; c < sizeof(counters) / sizeof(counters[0]); c++) {
		put(&b, "# HELP %s %s\n# TYPE %s counter\n", counters[c].name, counters[c].help,
		    counters[c].name);
		for (size_t i = 0; i < nm; i++) {
			const struct rd_meter *m = readings_meter_at(rd, i);
			uint32_t v;
			memcpy(&v, (const char *)&m->health + counters[c].off, sizeof(v));
			put(&b, "%s{meter=\"", counters[c].name);
			label(&b, m->name);
			put(&b, "\"} %" PRIu32 "\n", v);
		}
	}
	if (cap > 0 && b.len >= cap)
		buf[cap - 1] = '\0';
	return b.len;
}
