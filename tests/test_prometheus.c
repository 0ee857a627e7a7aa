/*
 * test_prometheus.c - /metrics text (sinks/prometheus.c) from a catalogue
 * built here: checked by the real `promtool check metrics` (Debian package
 * prometheus), and line by line for the values put in (exact decimals,
 * escaped label values, text values left out, health counters), and the
 * snprintf-like contract on a small buffer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "prometheus.h"
#include "readings.h"
#include "unit.h"

static void
add(struct readings *rd, struct rd_meter *m, const char *name, int64_t raw, int8_t scaler,
    const char *unit)
{
	struct rd_point_in in = {.name = name, .precision = -1, .raw = raw, .scaler = scaler,
	                         .unit = unit, .meter_time = 1800000000};

	CHECK(readings_point(rd, m, &in) != NULL);
}

static int
promtool(const char *text)
{
	FILE *p = popen("promtool check metrics", "w");
	int   st;

	if (p == NULL)
		return -1;
	fputs(text, p);
	st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int
main(void)
{
	struct readings *rd = readings_new();
	struct rd_meter *a, *b;
	struct rd_health h = {0};
	static char      buf[1 << 16];
	char             small[64];
	size_t           n;

	a = readings_meter_add(rd, "strom", "sml");
	b = readings_meter_add(rd, "odd \"name\" \\ here", "mbus");
	add(rd, a, "1-0:1.8.0*255", 123456789, -4, "kWh");
	add(rd, a, "1-0:16.7.0*255", -350, 0, "W");
	add(rd, b, "flow\ntemp", 655, -1, "\xc2\xb0" "C");
	{
		struct rd_point_in txt = {.name = "serial", .precision = -1, .is_text = true,
		                          .text = "E0044007131650618", .text_len = 17};
		CHECK(readings_point(rd, a, &txt) != NULL);
	}
	h.state = RD_STATE_UP;
	h.frames_ok = 42;
	h.crc_errors = 3;
	h.last_good_ms = 1800000000123;
	readings_health(rd, a, &h);
	h.state = RD_STATE_SILENT;
	h.frames_ok = 7;
	h.crc_errors = 0;
	h.timeouts = 9;
	readings_health(rd, b, &h);

	n = prometheus_render(rd, buf, sizeof(buf));
	CHECK(n > 0 && n < sizeof(buf));
	CHECK_INT(strlen(buf), n);
	CHECK_INT(promtool(buf), 0);
	CHECK(strstr(buf, "meterd_value{meter=\"strom\",name=\"1-0:1.8.0*255\",unit=\"kWh\","
	                  "quantity=\"energy\"} 12345.6789\n") != NULL);
	CHECK(strstr(buf, "meterd_value{meter=\"strom\",name=\"1-0:16.7.0*255\",unit=\"W\","
	                  "quantity=\"power\"} -350\n") != NULL);
	CHECK(strstr(buf, "meterd_value{meter=\"odd \\\"name\\\" \\\\ here\",name=\"flow\\ntemp\","
	                  "unit=\"\xc2\xb0" "C\",quantity=\"temperature\"} 65.5\n") != NULL);
	CHECK(strstr(buf, "E0044007131650618") == NULL);
	CHECK(strstr(buf, "meterd_meter_up{meter=\"strom\",protocol=\"sml\"} 1\n") != NULL);
	CHECK(strstr(buf, "meterd_meter_state{meter=\"odd \\\"name\\\" \\\\ here\",state=\"silent\"} 1\n") != NULL);
	CHECK(strstr(buf, "meterd_frames_ok_total{meter=\"strom\"} 42\n") != NULL);
	CHECK(strstr(buf, "meterd_crc_errors_total{meter=\"strom\"} 3\n") != NULL);
	CHECK(strstr(buf, "meterd_timeouts_total{meter=\"odd \\\"name\\\" \\\\ here\"} 9\n") != NULL);
	CHECK(strstr(buf, "meterd_meter_last_good_timestamp_seconds{meter=\"strom\"} 1800000000.123\n") != NULL);
	CHECK(strstr(buf, "meterd_value_timestamp_seconds{meter=\"strom\",name=\"1-0:16.7.0*255\"} 1800000000\n") != NULL);
	/* A family's TYPE appears once. */
	CHECK(strstr(buf, "# TYPE meterd_value gauge\n") == strstr(buf, "# TYPE meterd_value "));

	/* Too small a buffer: cut and terminated, the full length returned. */
	CHECK_INT(prometheus_render(rd, small, sizeof(small)), n);
	CHECK_INT(strlen(small), sizeof(small) - 1);
	CHECK(memcmp(small, buf, sizeof(small) - 1) == 0);

	/* promtool itself rejects what it should (the check has teeth). */
	CHECK(promtool("# TYPE x counter\nx{a=\"b} 1\n") != 0);
	readings_free(rd);
	TEST_END();
}
