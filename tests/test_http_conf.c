/*
 * test_http_conf.c - the http block's defaults and listen address: read-only
 * listeners bind to 127.0.0.1:8080 unless the config says otherwise (the
 * team's security rule and meterd.conf(5)).
 */
#include "sinks/http.h"
#include "unit.h"

#define METER "meter m {\n  port \"/dev/ttyUSB0\"\n  protocol sml\n}\n"

static void
read_conf(const char *text, struct http_conf *hc, int want_errors)
{
	struct cfg     *c = NULL;
	struct cfg_diag d = {.file = "t"};

	CHECK_INT(cfg_parse("t", text, strlen(text), &c, stderr), 0);
	if (c == NULL)
		return;
	CHECK_INT(http_conf_read(c, hc, &d), want_errors);
	cfg_free(c);
}

int
main(void)
{
	struct http_conf hc;

	read_conf(METER, &hc, 0);
	CHECK(!hc.enabled);
	read_conf(METER "http {\n}\n", &hc, 0);
	CHECK(hc.enabled);
	CHECK_STR(hc.host, "127.0.0.1");
	CHECK_INT(hc.port, 8080);
	read_conf(METER "http {\n  listen 0.0.0.0:8081\n}\n", &hc, 0);
	CHECK_STR(hc.host, "0.0.0.0");
	CHECK_INT(hc.port, 8081);
	TEST_END();
}
