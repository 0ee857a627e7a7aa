/*
 * test_influx_line.c - InfluxDB line protocol as the influx sink writes it:
 * measurement, tags (meter, protocol, id, unit) escaped as the protocol
 * wants (comma, space and '=' with a backslash), a tag value that would end
 * in a backslash kept from escaping the separator after it, text fields
 * quoted, and the time in milliseconds. The expected lines are written out
 * from the line protocol's rules, not from the code.
 */
#include "sinks/influx.h"
#include "unit.h"

static void
one(const char *meter, const char *name, const char *unit, int64_t raw, int8_t scaler,
    const char *want)
{
	struct influx_conf c;
	struct rd_meter    m;
	struct rd_value    v;
	char               buf[512];

	memset(&c, 0, sizeof(c));
	memset(&m, 0, sizeof(m));
	memset(&v, 0, sizeof(v));
	snprintf(c.measurement, sizeof(c.measurement), "meterd");
	snprintf(m.name, sizeof(m.name), "%s", meter);
	snprintf(m.protocol, sizeof(m.protocol), "d0");
	snprintf(v.name, sizeof(v.name), "%s", name);
	snprintf(v.unit, sizeof(v.unit), "%s", unit);
	v.raw = raw;
	v.scaler = scaler;
	v.rx_ms = 1764072000123;
	CHECK(influx_line(&c, &m, &v, buf, sizeof(buf)) > 0);
	CHECK_STR(buf, want);
}

int
main(void)
{
	one("house", "E_in", "kWh", 521857825, -4,
	    "meterd,meter=house,protocol=d0,id=E_in,unit=kWh value=52185.7825 1764072000123");
	one("my house", "a,b=c", "W", 5, 0,
	    "meterd,meter=my\\ house,protocol=d0,id=a\\,b\\=c,unit=W value=5 1764072000123");
	/* "x\" would escape the comma after it: the value is kept from ending in a backslash. */
	one("house", "x\\", "W", 5, 0, "meterd,meter=house,protocol=d0,id=x\\_,unit=W value=5 1764072000123");
	TEST_END();
}
