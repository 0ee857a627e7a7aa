/*
 * test_readings.c - the seam (daemon/readings.h): the catalogue, points,
 * health changes and raw taps as sinks see them, and what a unit means.
 */
#include <stdlib.h>

#include "daemon/readings.h"
#include "unit.h"

struct rec {
	struct rd_sink sink;
	unsigned       added, removed, health, points, batches, raw_bytes;
	char           last_id[RD_ID_MAX];
	enum rd_state  last_state;
};

static void
rec_meter(struct rd_sink *s, const struct rd_meter *m, enum rd_meter_change ch)
{
	struct rec *r = s->data;

	if (ch == RD_METER_ADDED)
		r->added++;
	else if (ch == RD_METER_REMOVED)
		r->removed++;
	else {
		r->health++;
		r->last_state = m->health.state;
	}
}

static void
rec_point(struct rd_sink *s, const struct rd_point *p)
{
	struct rec *r = s->data;

	r->points++;
	snprintf(r->last_id, sizeof(r->last_id), "%s", p->value->id);
}

static void
rec_batch(struct rd_sink *s, const struct rd_meter *m)
{
	struct rec *r = s->data;

	(void)m;
	r->batches++;
}

static void
rec_raw(struct rd_sink *s, const char *port, bool tx, const uint8_t *p, size_t n)
{
	struct rec *r = s->data;

	(void)port;
	(void)tx;
	(void)p;
	r->raw_bytes += (unsigned)n;
}

static void
rec_init(struct rec *r)
{
	memset(r, 0, sizeof(*r));
	r->sink.name = "rec";
	r->sink.meter = rec_meter;
	r->sink.point = rec_point;
	r->sink.batch_end = rec_batch;
	r->sink.raw = rec_raw;
	r->sink.data = r;
}

static const struct rd_value *
number(struct readings *rd, struct rd_meter *m, const char *name, const char *unit,
       const char *source, int64_t raw, int8_t scaler)
{
	struct rd_point_in in = {.name = name, .unit = unit, .source_id = source, .raw = raw,
	                         .scaler = scaler, .precision = -1, .guarded = true};

	return readings_point(rd, m, &in);
}

static void
test_catalogue_and_points(void)
{
	struct readings       *rd = readings_new();
	struct rec             a, b;
	struct rd_meter       *m, *m2;
	const struct rd_value *v;
	const struct rd_meter *found = NULL;
	struct rd_health       h;

	rec_init(&a);
	rec_init(&b);
	readings_subscribe(rd, &a.sink);
	readings_subscribe(rd, &b.sink);
	m = readings_meter_add(rd, "Strom", "smi");
	CHECK(m != NULL);
	CHECK_INT(a.added, 1);
	CHECK_INT(b.added, 1);
	/* A reload that keeps the meter keeps it, and says nothing. */
	CHECK(readings_meter_add(rd, "Strom", "smi") == m);
	CHECK_INT(a.added, 1);
	m2 = readings_meter_add(rd, "heat", "kmp");
	CHECK_INT(readings_meter_count(rd), 2);
	CHECK(readings_meter_at(rd, 1) == m2);
	CHECK(readings_meter_find(rd, "heat") == m2);

	v = number(rd, m, "E_in", "KWH", "1-0:1.8.0*255", 5218578, -2);
	CHECK(v != NULL);
	CHECK_STR(v->id, "Strom/E_in");
	CHECK_INT(v->quantity, RD_Q_ENERGY);
	CHECK_INT(v->cls, RD_CLASS_TOTAL);
	CHECK_INT(v->raw, 5218578);
	CHECK_INT(v->scaler, -2);
	CHECK(v->rx_ms > 0);
	CHECK_INT(a.points, 1);
	CHECK_INT(b.points, 1);
	CHECK_STR(a.last_id, "Strom/E_in");
	/* No unit: the OBIS code says what it is. */
	v = number(rd, m, "P_in", "", "1-0:1.7.0*255", 45294, -2);
	CHECK_INT(v->quantity, RD_Q_POWER);
	CHECK_INT(v->cls, RD_CLASS_MEASUREMENT);
	v = number(rd, m, "U1", NULL, "1-0:32.7.0*255", 2301, -1);
	CHECK_INT(v->quantity, RD_Q_VOLTAGE);
	/* A new value of an id updates it in place. */
	v = number(rd, m, "E_in", "kWh", "1-0:1.8.0*255", 5218579, -2);
	CHECK_INT(m->n_values, 3);
	CHECK_INT(v->raw, 5218579);
	CHECK(readings_value_find(rd, "Strom/E_in", &found) == v && found == m);
	CHECK(readings_value_find(rd, "Strom/nothing", NULL) == NULL);
	CHECK(readings_value_find(rd, "heat/E_in", NULL) == NULL);
	CHECK(readings_value_find(rd, "nonsense", NULL) == NULL);
	/* Text */
	{
		struct rd_point_in in = {.name = "id", .is_text = true, .text = "E0044007131650618",
		                         .text_len = 17, .precision = -1};
		v = readings_point(rd, m2, &in);
		CHECK_STR(v->text, "E0044007131650618");
		CHECK_INT(v->quantity, RD_Q_TEXT);
		CHECK_INT(v->cls, RD_CLASS_NONE);
	}
	readings_batch_end(rd, m);
	CHECK_INT(a.batches, 1);

	/* Health: sinks hear of state changes, not of every counter. */
	memset(&h, 0, sizeof(h));
	h.state = RD_STATE_UP;
	h.frames_ok = 1;
	readings_health(rd, m, &h);
	CHECK_INT(a.health, 1);
	CHECK_INT(a.last_state, RD_STATE_UP);
	h.frames_ok = 2;
	readings_health(rd, m, &h);
	CHECK_INT(a.health, 1);
	CHECK_INT(m->health.frames_ok, 2);
	h.state = RD_STATE_SILENT;
	readings_health(rd, m, &h);
	CHECK_INT(a.health, 2);
	CHECK_INT(a.last_state, RD_STATE_SILENT);
	CHECK(m->health.since_ms > 0);

	/* Raw taps reach only the sink that asked, only for its port. */
	CHECK(!readings_tapped(rd, "/dev/ttyUSB0"));
	readings_tap(rd, &a.sink, "/dev/ttyUSB0");
	CHECK(readings_tapped(rd, "/dev/ttyUSB0"));
	CHECK(!readings_tapped(rd, "/dev/ttyUSB1"));
	readings_raw(rd, "/dev/ttyUSB0", false, (const uint8_t *)"abc", 3);
	readings_raw(rd, "/dev/ttyUSB1", false, (const uint8_t *)"abc", 3);
	CHECK_INT(a.raw_bytes, 3);
	CHECK_INT(b.raw_bytes, 0);
	readings_tap(rd, &a.sink, "");
	CHECK(!readings_tapped(rd, "/dev/ttyUSB0"));

	/* Removal: sinks are told, the catalogue shrinks. */
	readings_meter_remove(rd, m2);
	CHECK_INT(a.removed, 1);
	CHECK_INT(readings_meter_count(rd), 1);
	CHECK(readings_meter_find(rd, "heat") == NULL);
	readings_unsubscribe(rd, &b.sink);
	number(rd, m, "E_in", "kWh", NULL, 5218580, -2);
	CHECK_INT(a.points, 6);
	CHECK_INT(b.points, 5);
	readings_free(rd);
}

/* A source that does not guard (wM-Bus, camera) gets the seam's guard. */
static void
test_seam_guard(void)
{
	struct readings   *rd = readings_new();
	struct rec         a;
	struct rd_meter   *m;
	struct rd_point_in in = {.name = "volume", .unit = "m3", .precision = -1};

	rec_init(&a);
	readings_subscribe(rd, &a.sink);
	m = readings_meter_add(rd, "water", "wmbus");
	/* A booting meter's 0 is held. */
	in.raw = 0;
	CHECK(readings_point(rd, m, &in) == NULL);
	CHECK_INT(a.points, 0);
	/* The first plausible total starts the series. */
	in.raw = 6408;
	in.scaler = -3;
	CHECK(readings_point(rd, m, &in) != NULL);
	CHECK_INT(a.points, 1);
	/* Backwards, negative and zero are never published; the last good total stays. */
	in.raw = 6000;
	CHECK(readings_point(rd, m, &in) == NULL);
	in.raw = -6409;
	CHECK(readings_point(rd, m, &in) == NULL);
	in.raw = 0;
	CHECK(readings_point(rd, m, &in) == NULL);
	CHECK_INT(a.points, 1);
	CHECK_INT(readings_value_find(rd, "water/volume", NULL)->raw, 6408);
	CHECK_INT(readings_value_find(rd, "water/volume", NULL)->guard_flags, 3);
	in.raw = 6409;
	CHECK(readings_point(rd, m, &in) != NULL);
	CHECK_INT(a.points, 2);
	/* A measurement is not a total: no guard. */
	{
		struct rd_point_in t = {.name = "flow_temperature", .unit = "\xc2\xb0" "C", .raw = 0,
		                        .precision = -1};
		CHECK(readings_point(rd, m, &t) != NULL);
	}
	readings_free(rd);
}

static void
test_units(void)
{
	static const struct {
		const char      *unit;
		enum rd_quantity q;
		enum rd_class    c;
	} cases[] = {
	    {"kWh", RD_Q_ENERGY, RD_CLASS_TOTAL},   {"KWH", RD_Q_ENERGY, RD_CLASS_TOTAL},
	    {"kwh", RD_Q_ENERGY, RD_CLASS_TOTAL},   {"KWh", RD_Q_ENERGY, RD_CLASS_TOTAL},
	    {"Wh", RD_Q_ENERGY, RD_CLASS_TOTAL},    {"MWh", RD_Q_ENERGY, RD_CLASS_TOTAL},
	    {"GJ", RD_Q_ENERGY, RD_CLASS_TOTAL},    {"m3", RD_Q_VOLUME, RD_CLASS_TOTAL},
	    {"m\xc2\xb3", RD_Q_VOLUME, RD_CLASS_TOTAL}, {"m^3", RD_Q_VOLUME, RD_CLASS_TOTAL},
	    {"W", RD_Q_POWER, RD_CLASS_MEASUREMENT}, {"kW", RD_Q_POWER, RD_CLASS_MEASUREMENT},
	    {"\xc2\xb0" "C", RD_Q_TEMPERATURE, RD_CLASS_MEASUREMENT},
	    {"V", RD_Q_VOLTAGE, RD_CLASS_MEASUREMENT}, {"A", RD_Q_CURRENT, RD_CLASS_MEASUREMENT},
	    {"Hz", RD_Q_FREQUENCY, RD_CLASS_MEASUREMENT}, {"m3/h", RD_Q_FLOW, RD_CLASS_MEASUREMENT},
	    {"", RD_Q_UNKNOWN, RD_CLASS_MEASUREMENT}, {"furlong", RD_Q_UNKNOWN, RD_CLASS_MEASUREMENT},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum rd_class c = RD_CLASS_NONE;
		CHECK_INT(rd_quantity_from_unit(cases[i].unit, &c), cases[i].q);
		CHECK_INT(c, cases[i].c);
	}
	CHECK_STR(rd_class_name(RD_CLASS_TOTAL), "total_increasing");
	CHECK_STR(rd_state_name(RD_STATE_PORT_DOWN), "port_down");
	CHECK_STR(rd_quantity_name(RD_Q_ENERGY), "energy");
}

int
main(void)
{
	test_catalogue_and_points();
	test_seam_guard();
	test_units();
	TEST_END();
}
