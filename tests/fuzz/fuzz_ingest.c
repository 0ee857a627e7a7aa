/*
 * libFuzzer harness for MQTT ingest (sinks/ingest.c): whatever a device or
 * a hostile client publishes on a subscribed topic. The first byte picks
 * the topic (Tasmota SENSOR, AI-on-the-edge value or json, another
 * instance's discovery config), the rest is the payload; ingested readings
 * go into a real seam whose catalogue is then rendered for /metrics.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ingest.h"
#include "platform/posix/log.h"
#include "mqtt.h"
#include "prometheus.h"
#include "readings.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ev_loop   *loop;
static struct readings  *rd;
static struct ingest    *ing;
static struct mqtt_conf  conf;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const topics[] = {
		"tele/dev1/SENSOR", "watermeter/main/value", "watermeter/main/json",
		"homeassistant/sensor/other/m_x_1/config", "tele/meterd/SENSOR",
	};
	static char out[1 << 16];

	if (rd != NULL && readings_meter_count(rd) > 16) {
		/* A fresh catalogue now and then keeps each run fast (the bound itself is tested). */
		ingest_free(ing);
		readings_free(rd);
		rd = NULL;
	}
	if (loop == NULL) {
		log_init("fuzz_ingest", false, 0);
		loop = ev_loop_new();
	}
	if (rd == NULL) {
		rd = readings_new();
		snprintf(conf.topic, sizeof(conf.topic), "meterd");
		snprintf(conf.discovery_prefix, sizeof(conf.discovery_prefix), "homeassistant");
		snprintf(conf.ingest[0], sizeof(conf.ingest[0]), "tele/+/SENSOR");
		snprintf(conf.ingest[1], sizeof(conf.ingest[1]), "watermeter/+/value");
		snprintf(conf.ingest[2], sizeof(conf.ingest[2]), "watermeter/+/json");
		snprintf(conf.ingest_unit[1], sizeof(conf.ingest_unit[1]), "m3");
		conf.n_ingest = 3;
		conf.ingest_silence_ms = 60000;
		ing = ingest_new(loop, rd, &conf);
	}
	if (size == 0)
		return 0;
	ingest_message(ing, topics[data[0] % 5], data + 1, size - 1);
	prometheus_render(rd, out, sizeof(out));
	return 0;
}
