/*
 * test_ha_discovery.c - what Home Assistant is told about each kind of
 * value (sinks/ha_discovery.c), against HA's own tables (device class ->
 * accepted units, the Energy dashboard's state classes), written here from
 * HA's documentation; meterd's unit spellings mapped; a unit HA would
 * refuse for a class drops the class instead of the entity; object ids
 * stable, HA-safe and distinct for names that sanitize alike; topic levels
 * free of wildcards. Also ingest (sinks/ingest.c): exact decimals from JSON
 * numbers, Tasmota SENSOR objects as meters, garbage and a publisher
 * inventing names bounded.
 */
#include <string.h>

#include "ha_discovery.h"
#include "ingest.h"
#include "mqtt.h"
#include "platform/posix/log.h"
#include "unit.h"

static struct rd_value
val(enum rd_quantity q, enum rd_class c, const char *unit, int8_t scaler)
{
	struct rd_value v;

	memset(&v, 0, sizeof(v));
	snprintf(v.name, sizeof(v.name), "x");
	snprintf(v.id, sizeof(v.id), "m/x");
	v.quantity = q;
	v.cls = c;
	v.precision = -1;
	v.scaler = scaler;
	snprintf(v.unit, sizeof(v.unit), "%s", unit);
	v.have = true;
	return v;
}

#define DESCRIBE(q, c, u_in, scaler, dc, sc, hu, prec)                                   \
	do {                                                                                \
		struct rd_value  v_ = val(q, c, u_in, scaler);                                    \
		struct ha_sensor s_;                                                            \
		ha_sensor_describe(&v_, &s_);                                                   \
		CHECK_STR(s_.device_class ? s_.device_class : "-", dc);                         \
		CHECK_STR(s_.state_class ? s_.state_class : "-", sc);                           \
		CHECK_STR(s_.unit, hu);                                                         \
		CHECK_INT(s_.precision, prec);                                                  \
	} while (0)

int
main(void)
{
	char a[HA_OBJECT_MAX], b[HA_OBJECT_MAX], t[64];

	/* Energy dashboard: energy + total_increasing + Wh/kWh/MWh/MJ/GJ. */
	DESCRIBE(RD_Q_ENERGY, RD_CLASS_TOTAL, "kWh", -3, "energy", "total_increasing", "kWh", 3);
	DESCRIBE(RD_Q_ENERGY, RD_CLASS_TOTAL, "KWH", -1, "energy", "total_increasing", "kWh", 1);
	DESCRIBE(RD_Q_ENERGY, RD_CLASS_TOTAL, "Wh", 0, "energy", "total_increasing", "Wh", 0);
	DESCRIBE(RD_Q_ENERGY, RD_CLASS_TOTAL, "GJ", -2, "energy", "total_increasing", "GJ", 2);
	/* An energy reading is a total even if the source said otherwise: HA refuses measurement. */
	DESCRIBE(RD_Q_ENERGY, RD_CLASS_MEASUREMENT, "kWh", 0, "energy", "total_increasing", "kWh", 0);
	/* A unit HA does not accept for energy: no device class, the entity still works. */
	DESCRIBE(RD_Q_ENERGY, RD_CLASS_TOTAL, "J", 0, "-", "total_increasing", "J", 0);
	/* Water and gas: m³ (meters write m3), water also L. */
	DESCRIBE(RD_Q_WATER, RD_CLASS_TOTAL, "m3", -3, "water", "total_increasing", "m\xc2\xb3", 3);
	DESCRIBE(RD_Q_WATER, RD_CLASS_TOTAL, "l", 0, "water", "total_increasing", "L", 0);
	DESCRIBE(RD_Q_GAS, RD_CLASS_TOTAL, "m^3", -3, "gas", "total_increasing", "m\xc2\xb3", 3);
	DESCRIBE(RD_Q_GAS, RD_CLASS_TOTAL, "l", 0, "-", "total_increasing", "L", 0);
	DESCRIBE(RD_Q_VOLUME, RD_CLASS_TOTAL, "m3", -2, "volume", "total_increasing", "m\xc2\xb3", 2);
	/* Momentary values: measurement. */
	DESCRIBE(RD_Q_POWER, RD_CLASS_MEASUREMENT, "W", 0, "power", "measurement", "W", 0);
	DESCRIBE(RD_Q_POWER, RD_CLASS_MEASUREMENT, "kW", -3, "power", "measurement", "kW", 3);
	DESCRIBE(RD_Q_FLOW, RD_CLASS_MEASUREMENT, "m3/h", -3, "volume_flow_rate", "measurement",
	         "m\xc2\xb3/h", 3);
	DESCRIBE(RD_Q_FLOW, RD_CLASS_MEASUREMENT, "l/min", -1, "volume_flow_rate", "measurement",
	         "L/min", 1);
	DESCRIBE(RD_Q_TEMPERATURE, RD_CLASS_MEASUREMENT, "C", -2, "temperature", "measurement",
	         "\xc2\xb0" "C", 2);
	DESCRIBE(RD_Q_TEMPERATURE, RD_CLASS_MEASUREMENT, "degC", -1, "temperature", "measurement",
	         "\xc2\xb0" "C", 1);
	DESCRIBE(RD_Q_VOLTAGE, RD_CLASS_MEASUREMENT, "V", -1, "voltage", "measurement", "V", 1);
	DESCRIBE(RD_Q_CURRENT, RD_CLASS_MEASUREMENT, "A", -2, "current", "measurement", "A", 2);
	DESCRIBE(RD_Q_FREQUENCY, RD_CLASS_MEASUREMENT, "Hz", -2, "frequency", "measurement", "Hz", 2);
	DESCRIBE(RD_Q_POWER_FACTOR, RD_CLASS_MEASUREMENT, "", -3, "power_factor", "measurement", "", 3);
	DESCRIBE(RD_Q_REACTIVE_ENERGY, RD_CLASS_TOTAL, "kvarh", -1, "-", "total_increasing", "kvarh", 1);
	DESCRIBE(RD_Q_DURATION, RD_CLASS_TOTAL, "h", 0, "duration", "total_increasing", "h", 0);
	DESCRIBE(RD_Q_UNKNOWN, RD_CLASS_MEASUREMENT, "ppm", 0, "-", "measurement", "ppm", 0);
	/* Text: no unit, no state class (HA would expect a number). */
	DESCRIBE(RD_Q_TEXT, RD_CLASS_NONE, "", 0, "-", "-", "", -1);
	{
		struct rd_value  v = val(RD_Q_ENERGY, RD_CLASS_TOTAL, "kWh", -4);
		struct ha_sensor s;
		v.precision = 1; /* the script's decimals win over the scaler */
		ha_sensor_describe(&v, &s);
		CHECK_INT(s.precision, 1);
	}

	/* Object ids: HA's characters only, stable, distinct when names sanitize alike. */
	{
		struct rd_value v1 = val(RD_Q_ENERGY, RD_CLASS_TOTAL, "kWh", 0);
		struct rd_value v2 = v1;
		snprintf(v1.id, sizeof(v1.id), "strom/1-0:1.8.0*255");
		snprintf(v2.id, sizeof(v2.id), "strom/1-0_1.8.0_255");
		ha_object_id("home", &v1, a, sizeof(a));
		ha_object_id("home", &v2, b, sizeof(b));
		CHECK(strcmp(a, b) != 0);
		CHECK(strspn(a, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") ==
		      strlen(a));
		CHECK(strncmp(a, "strom_1-0_1_8_0_255_", 20) == 0);
		ha_object_id("home", &v1, b, sizeof(b));
		CHECK_STR(a, b);
		ha_object_id("other", &v1, b, sizeof(b));
		CHECK(strcmp(a, b) != 0); /* two instances never share a unique_id */
		ha_config_topic("homeassistant", "my home", &v1, b, sizeof(b));
		CHECK(strncmp(b, "homeassistant/sensor/my_home/strom_1-0_", 39) == 0);
	}
	ha_topic_level("a/b+c#d e", t, sizeof(t));
	CHECK_STR(t, "a_b_c_d e");

	{
		int64_t raw;
		int8_t  sc;
		CHECK(ingest_decimal("12.345", 6, &raw, &sc) && raw == 12345 && sc == -3);
		CHECK(ingest_decimal("-7", 2, &raw, &sc) && raw == -7 && sc == 0);
		CHECK(ingest_decimal("1.50", 4, &raw, &sc) && raw == 15 && sc == -1);
		CHECK(ingest_decimal("1.5e3", 5, &raw, &sc) && raw == 15 && sc == 2);
		CHECK(ingest_decimal("2E-2", 4, &raw, &sc) && raw == 2 && sc == -2);
		CHECK(ingest_decimal("0.000", 5, &raw, &sc) && raw == 0);
		CHECK(!ingest_decimal("", 0, &raw, &sc));
		CHECK(!ingest_decimal("abc", 3, &raw, &sc));
		CHECK(!ingest_decimal("1.2.3", 5, &raw, &sc));
		CHECK(!ingest_decimal("1e", 2, &raw, &sc));
		CHECK(!ingest_decimal("nan", 3, &raw, &sc));
		/* More digits than 64 bits: the least significant ones go, the magnitude stays. */
		CHECK(ingest_decimal("123456789012345678901234", 24, &raw, &sc) && sc > 0 && raw > 0);
	}
	{
		struct ev_loop  *loop = ev_loop_new();
		struct readings *rd = readings_new();
		struct mqtt_conf c;
		struct ingest   *g;
		char             topic[64];
		static const char sensor[] =
		    "{\"Time\":\"2026-12-01T10:00:00\",\"ENERGY\":{\"Total\":12.345,\"Power\":[1,2],"
		    "\"Voltage\":230},\"TempUnit\":\"C\",\"DS18B20\":{\"Id\":\"01144F\",\"Temperature\":21.5}}";
		const struct rd_value *v;

		memset(&c, 0, sizeof(c));
		snprintf(c.topic, sizeof(c.topic), "me");
		snprintf(c.discovery_prefix, sizeof(c.discovery_prefix), "homeassistant");
		snprintf(c.ingest[0], sizeof(c.ingest[0]), "tele/+/SENSOR");
		c.n_ingest = 1;
		c.ingest_silence_ms = 60000;
		log_init("test", false, 0);
		g = ingest_new(loop, rd, &c);
		CHECK(ingest_message(g, "tele/plug/SENSOR", sensor, strlen(sensor)));
		v = readings_value_find(rd, "plug.ENERGY/Total", NULL);
		CHECK(v != NULL && v->raw == 12345 && v->scaler == -3 && strcmp(v->unit, "kWh") == 0 &&
		      v->quantity == RD_Q_ENERGY);
		v = readings_value_find(rd, "plug.DS18B20/Temperature", NULL);
		CHECK(v != NULL && v->quantity == RD_Q_TEMPERATURE);
		v = readings_value_find(rd, "plug.DS18B20/Id", NULL);
		CHECK(v != NULL && v->is_text && strcmp(v->text, "01144F") == 0);
		CHECK(readings_value_find(rd, "plug.ENERGY/Power", NULL) == NULL); /* an array is no value */
		CHECK(!ingest_message(g, "tele/me/SENSOR", sensor, strlen(sensor))); /* its own: no loop */
		{
			static const char cut[] = "{\"A\":{\"x\":"; /* a message cut short */
			CHECK(!ingest_message(g, "tele/bad/SENSOR", cut, strlen(cut)));
		}
		for (int i = 0; i < 600; i++) {
			snprintf(topic, sizeof(topic), "tele/d%d/SENSOR", i);
			ingest_message(g, topic, sensor, strlen(sensor));
		}
		CHECK_INT(readings_meter_count(rd), 512);
		ingest_free(g);
		readings_free(rd);
		ev_loop_free(loop);
	}
	TEST_END();
}
