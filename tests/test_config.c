/*
 * test_config.c - the meterd.conf parser: a full file, every error with its
 * file:line:column, durations and port specs.
 */
#include <stdlib.h>

#include "daemon/config.h"
#include "unit.h"

/* Parses text; returns the error count and the messages in *msgs (malloc'd). */
static int
parse(const char *text, struct cfg **c, char **msgs)
{
	size_t len = 0;
	FILE  *f = open_memstream(msgs, &len);
	int    n = cfg_parse("t.conf", text, strlen(text), c, f);

	fclose(f);
	return n;
}

static void
expect_error(const char *text, const char *want)
{
	struct cfg *c;
	char       *msgs = NULL;
	int         n = parse(text, &c, &msgs);

	CHECK(n > 0);
	CHECK(c == NULL);
	CHECK(msgs != NULL && strstr(msgs, want) != NULL);
	if (msgs == NULL || strstr(msgs, want) == NULL)
		fprintf(stderr, "  wanted \"%s\" in:\n%s", want, msgs != NULL ? msgs : "");
	free(msgs);
}

static void
test_good(void)
{
	struct cfg *c;
	char       *msgs = NULL;
	const char *text =
	    "# a home\n"
	    "teleperiod 10s\n"
	    "meter power {      # SML, every value\n"
	    "    port \"/dev/serial/by-id/usb-FTDI_FT232R-if00-port0\"\n"
	    "    protocol sml 9600 8N1\n"
	    "}\n"
	    "meter heat {\n"
	    "\tport \"tcp://ir-head.local:2217\" rfc2217\n"
	    "\tprotocol kmp 1200 8N2\n"
	    "\tpoll 10s\n"
	    "\tprofile kamstrup-multical-403\n"
	    "\tvalue \"kmp:60\" as \"energy\"\n"
	    "\tvalue \"kmp:86\"\n"
	    "\toption lenient_crc 0\n"
	    "}\n"
	    "meter rs { port \"/dev/ttyUSB3\" rs485\n protocol modbus 19200 8E1\n poll 500ms\n address 247\n value \"hr9\" }\n"
	    "smi {\n"
	    "    pin 3 \"rfc2217://[::1]:2217\"\n"
	    "    script <<EOF\n"
	    ">M 1\n"
	    "+1,3,s,0,9600,SML\n"
	    "1,77070100010800ff@1000,Energy,kWh,E_in,3\n"
	    "#\n"
	    "EOF\n"
	    "}\n";

	CHECK_INT(parse(text, &c, &msgs), 0);
	if (msgs != NULL && *msgs)
		fprintf(stderr, "%s", msgs);
	free(msgs);
	if (c == NULL)
		return;
	CHECK_INT(c->teleperiod_ms, 10000);
	struct cfg_meter *m = c->meters;
	CHECK_STR(m->name, "power");
	CHECK_INT(m->port.kind, CFG_PORT_SERIAL);
	CHECK_STR(m->protocol, "sml");
	CHECK_INT(m->poll_ms, 0);
	CHECK_INT(m->n_values, 0);
	m = m->next;
	CHECK_STR(m->name, "heat");
	CHECK_INT(m->port.kind, CFG_PORT_RFC2217);
	CHECK_STR(m->port.host, "ir-head.local");
	CHECK_STR(m->port.service, "2217");
	CHECK_INT(m->params.baud, 1200);
	CHECK_INT(m->params.stop_bits, 2);
	CHECK_INT(m->poll_ms, 10000);
	CHECK_STR(m->profile, "kamstrup-multical-403");
	CHECK_INT(m->n_values, 2);
	CHECK_STR(m->values[0].name, "energy");
	CHECK_STR(m->values[1].name, "");
	CHECK_INT(m->n_options, 1);
	m = m->next;
	CHECK_STR(m->name, "rs");
	CHECK(m->port.rs485);
	CHECK_INT(m->params.parity, SERIAL_PARITY_EVEN);
	CHECK_INT(m->poll_ms, 500);
	CHECK_INT(m->address, 247);
	CHECK(m->next == NULL);
	CHECK(c->smis != NULL);
	CHECK_INT(c->smis->n_pins, 1);
	CHECK_STR(c->smis->pins[0].port.host, "::1");
	CHECK_INT(c->smis->first_line, 24); /* the line after "script <<EOF" */
	CHECK(strncmp(c->smis->text, ">M 1\n+1,3,s", 11) == 0);
	/* Identity for reload. */
	CHECK(cfg_meter_same(c->meters, c->meters));
	CHECK(!cfg_meter_same(c->meters, c->meters->next));
	CHECK(cfg_smi_same(c->smis, c->smis));
	cfg_free(c);
}

static void
test_errors(void)
{
	expect_error("meter a {\n  port \"/dev/x\"\n  protocol nosuch\n}\n",
	             "t.conf:3:12: unknown protocol 'nosuch'");
	expect_error("meter a {\n  port \"/dev/x\"\n  protocol sml 9600 9Q1\n}\n",
	             "t.conf:3:21: expected a baud rate or a framing");
	expect_error("meter a {\n  port \"/dev/x\"\n  protocol sml 12\n}\n",
	             "t.conf:3:16: expected a number from 50 to 4000000");
	expect_error("meter a {\n  port \"dev/x\"\n  protocol sml\n}\n",
	             "t.conf:2:8: bad port \"dev/x\": expected an absolute device path");
	expect_error("meter a {\n  port \"tcp://host\"\n  protocol sml\n}\n",
	             "t.conf:2:8: bad port \"tcp://host\": missing :port");
	expect_error("meter a {\n  port \"/dev/x\" rfc2217\n  protocol sml\n}\n",
	             "t.conf:2:17: 'rfc2217' applies to tcp:// ports only");
	expect_error("meter a {\n  protocol sml\n}\n", "t.conf:1:1: meter 'a' has no port");
	expect_error("meter a {\n  port \"/dev/x\"\n  protocol sml\n  poll 10 s\n}\n",
	             "t.conf:4:11: usage: poll DURATION");
	expect_error("meter a {\n  port \"/dev/x\"\n  protocol sml\n  poll fast\n}\n",
	             "t.conf:4:8: expected a duration");
	expect_error("meter a {\n  port \"/dev/x\n  protocol sml\n}\n", "t.conf:2:8: unterminated string");
	expect_error("meter a {\n  port \"/dev/x\"\n  protocol sml\n  colour red\n}\n",
	             "t.conf:4:3: unknown meter setting 'colour'");
	expect_error("meter a {\n  port \"/dev/x\"\n  protocol sml\n", "t.conf:1:1: meter 'a': missing '}'");
	expect_error("metre a {\n}\n", "t.conf:1:1: unknown keyword 'metre'");
	expect_error("}\n", "t.conf:1:1: '}' without a block");
	expect_error("teleperiod 0s\nmeter a {\n port \"/dev/x\"\n protocol sml\n}\n",
	             "t.conf:1:12: expected a duration of at least 1s");
	expect_error("meter a {\n port \"/dev/x\"\n protocol sml\n}\nmeter a {\n port \"/dev/y\"\n protocol sml\n}\n",
	             "t.conf:5:7: meter 'a' already defined on line 1");
	expect_error("meter a {\n port \"/dev/x\"\n protocol sml\n}\nmeter b {\n port \"/dev/x\"\n protocol sml\n}\n",
	             "t.conf:5:1: meter 'b' shares port /dev/x with meter 'a' (line 1): only polled meters");
	expect_error("meter a {\n port \"/dev/x\"\n protocol sml\n value \"1-0:1.8.0\" as\n}\n",
	             "t.conf:4:2: usage: value ID [as NAME]");
	expect_error("", "t.conf:1:1: no meter, smi, wmbus or camera block");
	expect_error("meter h {\n port \"/dev/x\"\n protocol modbus 19200 8N1\n poll 10s\n profile p\n}\n",
	             "t.conf:1:1: meter 'h' polls modbus: add 'address N'");
	expect_error("meter h {\n port \"/dev/x\"\n protocol modbus 19200 8N1\n poll 10s\n address 247\n}\n",
	             "t.conf:1:1: meter 'h' polls modbus: add 'profile NAME' or value lines");
	expect_error("meter h {\n port \"/dev/x\"\n protocol modbus 19200 8N1\n poll 10s\n address 1\n profile samson-trovis-5537\n}\n",
	             "t.conf:6:10: no profile \"samson-trovis-5537\"");
	expect_error("meter h {\n port \"/dev/x\"\n protocol mbus 2400 8E1\n poll 10s\n address 251\n}\n",
	             "t.conf:1:1: meter 'h': M-Bus primary address must be 0-250");
	expect_error("meter h {\n port \"/dev/x\"\n protocol mbus\n address secondary 1234567\n}\n",
	             "t.conf:4:2: usage: address secondary ID [MAN]");
	expect_error("meter h {\n port \"/dev/x\"\n protocol mbus\n address secondary 1234567A\n}\n",
	             "t.conf:4:2: usage: address secondary ID [MAN]");
	expect_error("meter h {\n port \"/dev/x\"\n protocol mbus\n address secondary 12345678 kam\n}\n",
	             "t.conf:4:2: usage: address secondary ID [MAN]");
	expect_error("meter h {\n port \"/dev/x\"\n protocol kmp\n address secondary 12345678\n}\n",
	             "t.conf:4:2: meter 'h': a secondary address is M-Bus only");
	expect_error("meter h {\n port \"/dev/x\"\n protocol mbus\n address 5\n address secondary 12345678\n}\n",
	             "t.conf:5:2: meter 'h': a primary and a secondary address");
	expect_error("meter a {\n port \"/dev/x\"\n protocol mbus\n poll 1m\n}\n"
	             "meter b {\n port \"/dev/x\"\n protocol mbus\n poll 1m\n address 254\n}\n",
	             "t.conf:6:1: meter 'b' and meter 'a' (line 1) share port /dev/x and M-Bus address 254");
	{
		/* Different addresses, or secondary addresses, share a bus fine. */
		struct cfg *c;
		char       *msgs = NULL;
		CHECK_INT(parse("meter a {\n port \"/dev/x\"\n protocol mbus\n poll 1m\n address 1\n}\n"
		                "meter b {\n port \"/dev/x\"\n protocol mbus\n poll 1m\n address 2\n}\n"
		                "meter c {\n port \"/dev/x\"\n protocol mbus\n poll 1m\n address secondary 12345678\n}\n"
		                "meter d {\n port \"/dev/x\"\n protocol mbus\n poll 1m\n address secondary 87654321\n}\n",
		                &c, &msgs),
		          0);
		free(msgs);
		cfg_free(c);
	}
	expect_error("meter a {\n  port \"/dev/x\"\n  protocol d0 300 7Q1\n}\n",
	             "t.conf:3:19: expected a baud rate or a framing");
	/* SMI: a script error at its own line (inline: config line numbers). */
	expect_error("smi {\n pin 3 \"/dev/x\"\n script <<E\n>M 1\n+1,3,q,0,9600,SML\n1,77070100010800ff@1000,Energy,kWh,E_in,3\n#\nE\n}\n",
	             "t.conf:5:");
	expect_error("smi {\n pin 4 \"/dev/x\"\n script <<E\n>M 1\n+1,3,s,0,9600,SML\n1,77070100010800ff@1000,Energy,kWh,E_in,3\n#\nE\n}\n",
	             "t.conf:1:1: smi meter 1 ('SML', script line 5) receives on pin 3: add 'pin 3 PORT'");
	expect_error("smi {\n pin 3 \"/dev/x\"\n script <<E\n>M 1\n", "t.conf:3:9: no line 'E' ends this script");
	expect_error("smi \"/nonexistent.tas\" {\n pin 3 \"/dev/x\"\n}\n",
	             "t.conf:1:5: cannot read script \"/nonexistent.tas\": No such file or directory");
	expect_error("smi {\n pin 3 \"/dev/x\"\n pin 3 \"/dev/y\"\n}\n", "t.conf:3:6: pin 3 already mapped on line 2");
	/* Several smi blocks (two retired ESPs), each on its own ports. */
	{
		struct cfg *c;
		char       *msgs = NULL;
		CHECK_INT(parse("smi {\n pin 3 \"/dev/x\"\n script <<E\n>M 1\n+1,3,s,0,9600,SML\n1,77070100010800ff@1000,E,kWh,E_in,3\n#\nE\n}\n"
		                "smi {\n pin 3 \"/dev/y\"\n script <<E\n>M 1\n+1,3,s,0,9600,SML\n1,77070100010800ff@1000,E,kWh,E_in,3\n#\nE\n}\n",
		                &c, &msgs),
		          0);
		CHECK(c != NULL && c->smis != NULL && c->smis->next != NULL && c->smis->next->next == NULL);
		free(msgs);
		cfg_free(c);
	}
	expect_error("smi {\n pin 3 \"/dev/x\"\n script <<E\n>M 1\n+1,3,s,0,9600,SML\n1,77070100010800ff@1000,E,kWh,E_in,3\n#\nE\n}\n"
	             "smi {\n pin 3 \"/dev/x\"\n script <<E\n>M 1\n+1,3,s,0,9600,SML\n1,77070100010800ff@1000,E,kWh,E_in,3\n#\nE\n}\n",
	             "t.conf:11:6: port /dev/x is already used by the smi block on line 1");
	/* Several errors in one pass, each with its own position. */
	{
		struct cfg *c;
		char       *msgs = NULL;
		int         n = parse("meter a {\n port \"x\"\n protocol zz\n poll never\n}\n", &c, &msgs);
		CHECK_INT(n, 5); /* bad port, protocol, poll, and then no port/protocol */
		CHECK(strstr(msgs, "t.conf:2:7:") != NULL);
		CHECK(strstr(msgs, "t.conf:3:11:") != NULL);
		CHECK(strstr(msgs, "t.conf:4:7:") != NULL);
		free(msgs);
	}
}

/* "300" is a baud rate (IEC 62056-21 sign-on speed), not a framing: only digit-letter-digit is. */
static void
test_baud_300(void)
{
	struct cfg *c;
	char       *msgs = NULL;

	CHECK_INT(parse("meter m {\n port \"/dev/x\"\n protocol d0 300 7E1\n poll 1m\n}\n", &c, &msgs), 0);
	if (msgs != NULL && *msgs)
		fprintf(stderr, "%s", msgs);
	free(msgs);
	if (c == NULL)
		return;
	CHECK_INT(c->meters->params.baud, 300);
	CHECK_INT(c->meters->params.data_bits, 7);
	CHECK_INT(c->meters->params.parity, SERIAL_PARITY_EVEN);
	CHECK_INT(c->meters->params.stop_bits, 1);
	cfg_free(c);
	/* The framing may come first, too. */
	CHECK_INT(parse("meter m {\n port \"/dev/x\"\n protocol mbus 8E1 300\n}\n", &c, &msgs), 0);
	free(msgs);
	if (c == NULL)
		return;
	CHECK_INT(c->meters->params.baud, 300);
	CHECK_INT(c->meters->params.parity, SERIAL_PARITY_EVEN);
	cfg_free(c);
}

static void
test_secondary(void)
{
	struct cfg *c;
	char       *msgs = NULL;

	CHECK_INT(parse("meter m {\n port \"/dev/x\"\n protocol mbus 2400 8E1\n poll 1m\n"
	                " address secondary 6721ff83 KAM\n}\n",
	                &c, &msgs),
	          0);
	free(msgs);
	if (c == NULL)
		return;
	CHECK_STR(c->meters->secondary, "6721FF83");
	CHECK_STR(c->meters->secondary_man, "KAM");
	CHECK_INT(c->meters->address, -1);
	cfg_free(c);
}

static void
test_units(void)
{
	uint32_t        ms;
	struct cfg_port p;
	const char     *why;

	CHECK_INT(cfg_duration_parse("10s", &ms), 0);
	CHECK_INT(ms, 10000);
	CHECK_INT(cfg_duration_parse("250ms", &ms), 0);
	CHECK_INT(ms, 250);
	CHECK_INT(cfg_duration_parse("5m", &ms), 0);
	CHECK_INT(ms, 300000);
	CHECK_INT(cfg_duration_parse("2h", &ms), 0);
	CHECK_INT(ms, 7200000);
	CHECK_INT(cfg_duration_parse("30", &ms), 0);
	CHECK_INT(ms, 30000);
	CHECK_INT(cfg_duration_parse("10x", &ms), -1);
	CHECK_INT(cfg_duration_parse("-1s", &ms), -1);
	CHECK_INT(cfg_duration_parse("999999999d", &ms), -1);
	CHECK_INT(cfg_port_parse(&p, "tcp://192.168.1.20:23", &why), 0);
	CHECK_INT(p.kind, CFG_PORT_TCP);
	CHECK_STR(p.host, "192.168.1.20");
	CHECK_INT(cfg_port_parse(&p, "rfc2217://h:70000", &why), -1);
	CHECK_INT(cfg_port_parse(&p, "tcp://:23", &why), -1);
}

/* Parses text that must be accepted; returns the config (NULL on failure, reported). */
static struct cfg *
parse_ok(const char *text)
{
	struct cfg *c = NULL;
	char       *msgs = NULL;
	int         n = parse(text, &c, &msgs);

	CHECK_INT(n, 0);
	if (n != 0)
		fprintf(stderr, "  unexpected errors for:\n%s\n%s", text, msgs != NULL ? msgs : "");
	free(msgs);
	return n == 0 ? c : NULL;
}

/* What meterd.conf(5) promises: defaults, every duration unit, continuation, limits, sharing. */
static void
test_semantics(void)
{
	struct cfg *c;
	uint32_t    ms;

	/* Without a teleperiod line: 300 s (Tasmota's TelePeriod default). */
	if ((c = parse_ok("meter a {\n port \"/dev/x\"\n protocol sml\n}\n")) != NULL) {
		CHECK_INT(c->teleperiod_ms, 300000);
		CHECK_INT(c->meters->params.baud, 9600);
		CHECK_INT(c->meters->poll_ms, 0);
		cfg_free(c);
	}
	/* Each unit by itself: ms, s, bare seconds, m, min, h, d. */
	CHECK_INT(cfg_duration_parse("1ms", &ms), 0);
	CHECK_INT(ms, 1);
	CHECK_INT(cfg_duration_parse("7s", &ms), 0);
	CHECK_INT(ms, 7000);
	CHECK_INT(cfg_duration_parse("7", &ms), 0);
	CHECK_INT(ms, 7000);
	CHECK_INT(cfg_duration_parse("3m", &ms), 0);
	CHECK_INT(ms, 180000);
	CHECK_INT(cfg_duration_parse("3min", &ms), 0);
	CHECK_INT(ms, 180000);
	CHECK_INT(cfg_duration_parse("3h", &ms), 0);
	CHECK_INT(ms, 10800000);
	CHECK_INT(cfg_duration_parse("2d", &ms), 0);
	CHECK_INT(ms, 172800000);
	CHECK_INT(cfg_duration_parse("3mins", &ms), -1);
	CHECK_INT(cfg_duration_parse("s", &ms), -1);
	/* A backslash at the end of a line continues it. */
	if ((c = parse_ok("meter a {\n port \"/dev/x\"\n protocol d0 \\\n 300 \\\n 7E1\n poll \\\n 2min\n}\n")) != NULL) {
		CHECK_INT(c->meters->params.baud, 300);
		CHECK_INT(c->meters->params.data_bits, 7);
		CHECK_INT(c->meters->poll_ms, 120000);
		cfg_free(c);
	}
	/* The poll minimum is 100 ms; the teleperiod minimum 1 s. */
	if ((c = parse_ok("meter a {\n port \"/dev/x\"\n protocol modbus\n poll 100ms\n address 1\n value \"hr1\"\n}\n")) != NULL) {
		CHECK_INT(c->meters->poll_ms, 100);
		cfg_free(c);
	}
	expect_error("meter a {\n port \"/dev/x\"\n protocol modbus\n poll 99ms\n address 1\n}\n",
	             "t.conf:4:7: expected a duration of at least 100ms");
	expect_error("meter a {\n port \"/dev/x\"\n protocol modbus\n poll 10ms\n address 1\n}\n",
	             "t.conf:4:7: expected a duration of at least 100ms");
	if ((c = parse_ok("teleperiod 1s\nmeter a {\n port \"/dev/x\"\n protocol sml\n}\n")) != NULL) {
		CHECK_INT(c->teleperiod_ms, 1000);
		cfg_free(c);
	}
	expect_error("teleperiod 999ms\nmeter a {\n port \"/dev/x\"\n protocol sml\n}\n",
	             "t.conf:1:12: expected a duration of at least 1s");
	expect_error("teleperiod 500ms\nmeter a {\n port \"/dev/x\"\n protocol sml\n}\n",
	             "t.conf:1:12: expected a duration of at least 1s");
	/* Baud rates: 50 to 4000000. */
	expect_error("meter a {\n port \"/dev/x\"\n protocol sml 0\n}\n", "t.conf:3:15:");
	expect_error("meter a {\n port \"/dev/x\"\n protocol sml 49\n}\n", "t.conf:3:15:");
	/* Port sharing: polled meters with the same settings may share a bus ... */
	if ((c = parse_ok("meter a {\n port \"/dev/x\"\n protocol mbus 2400 8E1\n poll 1m\n address 1\n}\n"
	                  "meter b {\n port \"/dev/x\"\n protocol mbus 2400 8E1\n poll 1m\n address 2\n}\n")) != NULL)
		cfg_free(c);
	/* ... but not with other line settings, */
	expect_error("meter a {\n port \"/dev/x\"\n protocol mbus 2400 8E1\n poll 1m\n address 1\n}\n"
	             "meter b {\n port \"/dev/x\"\n protocol mbus 9600 8E1\n poll 1m\n address 2\n}\n",
	             "t.conf:7:1: meter 'b' shares port /dev/x with meter 'a' (line 1) but not its settings");
	expect_error("meter a {\n port \"/dev/x\"\n protocol mbus 2400 8E1\n poll 1m\n address 1\n}\n"
	             "meter b {\n port \"/dev/x\"\n protocol mbus 2400 8N1\n poll 1m\n address 2\n}\n",
	             "t.conf:7:1: meter 'b' shares port /dev/x with meter 'a' (line 1) but not its settings");
	/* not a push meter with a polled one (either order), */
	expect_error("meter a {\n port \"/dev/x\"\n protocol mbus 2400 8E1\n poll 1m\n address 1\n}\n"
	             "meter b {\n port \"/dev/x\"\n protocol mbus 2400 8E1\n}\n",
	             "t.conf:7:1: meter 'b' shares port /dev/x with meter 'a' (line 1): only polled meters");
	expect_error("meter a {\n port \"/dev/x\"\n protocol mbus 2400 8E1\n}\n"
	             "meter b {\n port \"/dev/x\"\n protocol mbus 2400 8E1\n poll 1m\n address 2\n}\n",
	             "t.conf:5:1: meter 'b' shares port /dev/x with meter 'a' (line 1): only polled meters");
	/* not two M-Bus meters on one address (254 when none is given), */
	expect_error("meter a {\n port \"/dev/x\"\n protocol mbus 2400 8E1\n poll 1m\n}\n"
	             "meter b {\n port \"/dev/x\"\n protocol mbus 2400 8E1\n poll 1m\n}\n",
	             "share port /dev/x and M-Bus address 254");
	expect_error("meter a {\n port \"/dev/x\"\n protocol mbus 2400 8E1\n poll 1m\n address 254\n}\n"
	             "meter b {\n port \"/dev/x\"\n protocol mbus 2400 8E1\n poll 1m\n}\n",
	             "share port /dev/x and M-Bus address 254");
	expect_error("meter a {\n port \"/dev/x\"\n protocol mbus 2400 8E1\n poll 1m\n address 7\n}\n"
	             "meter b {\n port \"/dev/x\"\n protocol mbus 2400 8E1\n poll 1m\n address 7\n}\n",
	             "share port /dev/x and M-Bus address 7");
	/* and never an SMI pin on a meter's port. */
	expect_error("meter a {\n port \"/dev/x\"\n protocol sml\n}\n"
	             "smi {\n pin 3 \"/dev/x\"\n script <<E\n>M 1\n+1,3,s,0,9600,SML\n"
	             "1,77070100010800ff@1000,Energy,kWh,E_in,3\n#\nE\n}\n",
	             "t.conf:6:6: port /dev/x is already used by meter 'a' (line 1)");
}

int
main(void)
{
	test_good();
	test_errors();
	test_baud_300();
	test_secondary();
	test_units();
	test_semantics();
	TEST_END();
}
