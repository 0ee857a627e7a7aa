/*
 * test_sinks_conf.c - the mqtt and influx blocks as the sinks read them:
 * defaults, every setting, the spool beside the history database, and the
 * errors at their positions (file:line:column).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "influx.h"
#include "mqtt.h"
#include "sinks.h"
#include "unit.h"

static const char meter[] = "meter m {\n    port \"/dev/null\"\n    protocol sml\n}\n";

static struct cfg *
parse(const char *text, char *errs, size_t cap, int *n)
{
	FILE       *f = fmemopen(errs, cap, "w");
	struct cfg *c = NULL;
	char        buf[4096];

	snprintf(buf, sizeof(buf), "%s%s", text, meter);
	*n = cfg_parse("t.conf", buf, strlen(buf), &c, f);
	fclose(f);
	return c;
}

int
main(void)
{
	char               errs[4096];
	int                n;
	struct cfg        *c;
	struct mqtt_conf   mc;
	struct influx_conf ic;
	struct cfg_diag    d = {.file = "t.conf"};
	char               spool[256];

	unsetenv("STATE_DIRECTORY");
	c = parse("mqtt {\n}\n", errs, sizeof(errs), &n);
	CHECK_INT(n, 0);
	CHECK_INT(mqtt_conf_read(cfg_section_find(c, "mqtt"), &mc, &d), 0);
	CHECK_STR(mc.host, "127.0.0.1");
	CHECK_INT(mc.port, 1883);
	CHECK_STR(mc.topic, "meterd");
	CHECK_STR(mc.client_id, "meterd-meterd");
	CHECK_INT(mc.qos, 1);
	CHECK(mc.retain && mc.discovery && !mc.tls);
	CHECK_STR(mc.discovery_prefix, "homeassistant");
	CHECK_INT(mc.keepalive_ms, 30000);
	sinks_spool_default(c, spool, sizeof(spool));
	CHECK_STR(spool, "/var/lib/meterd/spool.db");
	setenv("STATE_DIRECTORY", "/run/state/meterd", 1);
	sinks_spool_default(c, spool, sizeof(spool));
	CHECK_STR(spool, "/run/state/meterd/spool.db");
	cfg_free(c);

	c = parse("history {\n    path \"/srv/meterd/h.db\"\n}\n"
	          "mqtt {\n    broker [::1]:8883\n    topic keller\n    client_id k1\n"
	          "    user u\n    password p\n    tls on\n    cafile /etc/ca.pem\n    qos 2\n"
	          "    retain off\n    keepalive 1m\n    discovery off\n    discovery_prefix ha\n"
	          "    spool_max 500\n    ingest \"tele/+/SENSOR\"\n"
	          "    ingest \"watermeter/+/value\" unit m3\n    ingest_silence 10s\n}\n",
	          errs, sizeof(errs), &n);
	CHECK_INT(n, 0);
	if (n != 0)
		fputs(errs, stderr);
	CHECK_INT(mqtt_conf_read(cfg_section_find(c, "mqtt"), &mc, &d), 0);
	CHECK_STR(mc.host, "::1");
	CHECK_INT(mc.port, 8883);
	CHECK_STR(mc.topic, "keller");
	CHECK_STR(mc.client_id, "k1");
	CHECK(mc.tls && mc.qos == 2 && !mc.retain && !mc.discovery);
	CHECK_STR(mc.cafile, "/etc/ca.pem");
	CHECK_INT(mc.keepalive_ms, 60000);
	CHECK_INT(mc.spool_max, 500);
	CHECK_INT(mc.n_ingest, 2);
	CHECK_STR(mc.ingest_unit[0], "");
	CHECK_STR(mc.ingest_unit[1], "m3");
	CHECK_INT(mc.ingest_silence_ms, 10000);
	CHECK_STR(mc.spool, ""); /* chosen by sinks_start: */
	sinks_spool_default(c, spool, sizeof(spool));
	CHECK_STR(spool, "/srv/meterd/spool.db");
	cfg_free(c);

	c = parse("influx {\n    url http://db:8086/\n    org o\n    bucket b\n    token t\n"
	          "    batch 50\n    flush 2s\n}\n", errs, sizeof(errs), &n);
	CHECK_INT(n, 0);
	CHECK_INT(influx_conf_read(cfg_section_find(c, "influx"), &ic, &d), 0);
	CHECK(ic.batch == 50 && ic.flush_ms == 2000 && strcmp(ic.bucket, "b") == 0);
	cfg_free(c);

	/* Errors, each at its position. */
	c = parse("mqtt {\n    qos 3\n    ingest \"a/#/b\"\n    ingest x colour y\n    password p\n}\n"
	          "influx {\n    db d\n    bucket b\n    url ftp://x\n    batch 0\n}\n",
	          errs, sizeof(errs), &n);
	CHECK(n >= 7);
	CHECK(strstr(errs, "t.conf:2:9: expected a number from 0 to 2") != NULL);
	CHECK(strstr(errs, "t.conf:3:12: not a valid topic filter") != NULL);
	CHECK(strstr(errs, "t.conf:4:14: usage: ingest TOPIC-FILTER [unit UNIT]") != NULL);
	CHECK(strstr(errs, "t.conf:1:1: mqtt: a password needs a user") != NULL);
	CHECK(strstr(errs, "db is InfluxDB 1, bucket InfluxDB 2") != NULL);
	CHECK(strstr(errs, "url must start with http:// or https://") != NULL);
	CHECK(strstr(errs, "t.conf:11:11: expected a number from 1 to 10000") != NULL);
	if (c != NULL)
		cfg_free(c);
	c = parse("mqtt {\n}\nmqtt {\n}\ninflux {\n}\n", errs, sizeof(errs), &n);
	CHECK(strstr(errs, "t.conf:3:1: only one mqtt block") != NULL);
	CHECK(strstr(errs, "set db (InfluxDB 1) or org, bucket and token (InfluxDB 2)") != NULL);
	if (c != NULL)
		cfg_free(c);
	TEST_END();
}
