/*
 * test_platform_io.c - serial framing and a pty; RFC 2217 telnet handling
 * against a loopback peer played by the test.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

#include "platform/posix/serial.h"
#include "platform/posix/tcpser.h"
#include "unit.h"

static void
test_framing(void)
{
	struct serial_params p;
	char                 buf[4];

	serial_params_default(&p);
	CHECK_INT(serial_framing_parse(&p, "7E1"), 0);
	CHECK_INT(p.data_bits, 7);
	CHECK_INT(p.parity, SERIAL_PARITY_EVEN);
	CHECK_INT(p.stop_bits, 1);
	CHECK_INT(serial_char_bits(&p), 10);
	CHECK_INT(serial_framing_parse(&p, "8n2"), 0);
	CHECK_STR(serial_framing_format(&p, buf), "8N2");
	CHECK_INT(serial_char_bits(&p), 11);
	p.baud = 1200;
	/* 3 characters * 11 bits at 1200 baud = 27.5 ms, rounded up. */
	CHECK_INT(serial_tx_time_us(&p, 3), 27500);
	CHECK_INT(serial_framing_parse(&p, "9N1"), -EINVAL);
	CHECK_INT(serial_framing_parse(&p, "8X1"), -EINVAL);
	CHECK_INT(serial_framing_parse(&p, "8N3"), -EINVAL);
	CHECK_INT(serial_framing_parse(&p, "8N"), -EINVAL);
	CHECK_INT(serial_framing_parse(&p, "8N11"), -EINVAL);
}

/*
 * What a port is opened with: the line settings land in the termios flags.
 * A pty keeps PARODD and CSTOPB but forces CS8 and clears PARENB (the
 * kernel's pty_set_termios), so those two are what can be seen here.
 */
static void
test_termios(void)
{
	static const struct {
		const char *framing;
		tcflag_t    want; /* of PARODD | CSTOPB */
	} cases[] = {
		{"8N1", 0}, {"7E1", 0}, {"8O1", PARODD}, {"8N2", CSTOPB}, {"7O2", PARODD | CSTOPB},
	};
	struct serial_params p;

	serial_params_default(&p);
	CHECK_INT(p.baud, 9600); /* meterd.conf(5): the default */
	CHECK_INT(p.data_bits, 8);
	CHECK_INT(p.parity, SERIAL_PARITY_NONE);
	CHECK_INT(p.stop_bits, 1);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int            m = posix_openpt(O_RDWR | O_NOCTTY), fd;
		struct termios t;

		CHECK(m >= 0 && grantpt(m) == 0 && unlockpt(m) == 0);
		serial_params_default(&p);
		CHECK_INT(serial_framing_parse(&p, cases[i].framing), 0);
		fd = serial_open(ptsname(m), &p, NULL);
		CHECK(fd >= 0);
		CHECK_INT(tcgetattr(fd, &t), 0);
		if ((t.c_cflag & (PARODD | CSTOPB)) != cases[i].want)
			fprintf(stderr, "  %s: c_cflag %#lo\n", cases[i].framing, (unsigned long)t.c_cflag);
		CHECK((t.c_cflag & (PARODD | CSTOPB)) == cases[i].want);
		serial_close(fd);
		close(m);
	}
}

static void
test_pty(void)
{
	struct serial_params p;
	int                  m, fd, fd2;
	char                *name, buf[8];

	m = posix_openpt(O_RDWR | O_NOCTTY);
	CHECK(m >= 0);
	CHECK_INT(grantpt(m), 0);
	CHECK_INT(unlockpt(m), 0);
	name = ptsname(m);
	serial_params_default(&p);
	/* A non-standard rate through BOTHER, 7E1 and RS-485 (refused by a pty). */
	p.baud = 3750;
	serial_framing_parse(&p, "7E1");
	p.rs485 = true;
	bool rs = true;
	fd = serial_open(name, &p, &rs);
	CHECK(fd >= 0);
	CHECK(!rs);
	/* Exclusive: a second open fails with EBUSY (root bypasses TIOCEXCL). */
	fd2 = serial_open(name, &p, NULL);
	if (geteuid() != 0)
		CHECK_INT(fd2, -EBUSY);
	else if (fd2 >= 0)
		serial_close(fd2);
	/* Raw: bytes pass unchanged, CR is not turned into LF. */
	CHECK_INT(write(m, "a\r\n\xff", 4), 4);
	struct pollfd pf = {.fd = fd, .events = POLLIN};
	CHECK_INT(poll(&pf, 1, 2000), 1);
	CHECK_INT(read(fd, buf, sizeof(buf)), 4);
	CHECK(memcmp(buf, "a\r\n\xff", 4) == 0);
	p.baud = 9600;
	CHECK_INT(serial_configure(fd, &p, NULL), 0);
	serial_close(fd);
	close(m);
	CHECK_INT(serial_open("/nonexistent/tty", &p, NULL), -ENOENT);
}

/* Reads exactly n bytes from fd within 2 s. */
static ssize_t
read_n(int fd, uint8_t *buf, size_t n)
{
	size_t got = 0;

	while (got < n) {
		struct pollfd pf = {.fd = fd, .events = POLLIN};
		if (poll(&pf, 1, 2000) != 1)
			break;
		ssize_t r = read(fd, buf + got, n - got);
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	return (ssize_t)got;
}

static void
test_rfc2217(void)
{
	struct tcpser t;
	int           lfd, port, srv;
	char          portstr[16], host[64], ps[16];
	uint8_t       buf[256];

	CHECK_INT(tcpser_split_hostport("[::1]:2217", host, sizeof(host), ps, sizeof(ps)), 0);
	CHECK_STR(host, "::1");
	CHECK_STR(ps, "2217");
	CHECK_INT(tcpser_split_hostport("ir-head.local:23", host, sizeof(host), ps, sizeof(ps)), 0);
	CHECK_STR(host, "ir-head.local");
	CHECK_INT(tcpser_split_hostport("nohost", host, sizeof(host), ps, sizeof(ps)), -EINVAL);
	CHECK_INT(tcpser_split_hostport("h:", host, sizeof(host), ps, sizeof(ps)), -EINVAL);

	lfd = tcpser_listen("127.0.0.1", "0");
	CHECK(lfd >= 0);
	port = tcpser_local_port(lfd);
	CHECK(port > 0);
	snprintf(portstr, sizeof(portstr), "%d", port);
	CHECK_INT(tcpser_connect(&t, "127.0.0.1", portstr, TCPSER_RFC2217), 0);
	struct pollfd pf = {.fd = lfd, .events = POLLIN};
	CHECK_INT(poll(&pf, 1, 2000), 1);
	srv = accept(lfd, NULL, NULL);
	CHECK(srv >= 0);
	pf = (struct pollfd){.fd = tcpser_fd(&t), .events = POLLOUT};
	CHECK_INT(poll(&pf, 1, 2000), 1);
	CHECK_INT(tcpser_connect_done(&t), 0);
	/* Our offers: WILL/DO BINARY, WILL/DO SGA, WILL COM-PORT-OPTION. */
	static const uint8_t offers[] = {255, 251, 0, 255, 253, 0, 255, 251, 3,
	                                 255, 253, 3, 255, 251, 44};
	CHECK_INT(read_n(srv, buf, sizeof(offers)), sizeof(offers));
	CHECK(memcmp(buf, offers, sizeof(offers)) == 0);

	/*
	 * The server's opening as ser2net sends it, data with an escaped 0xFF
	 * split from its escape, and a baud-rate confirmation (101 = 100 + 1).
	 */
	static const uint8_t from_srv[] = {
		255, 251, 3, 255, 253, 3, 255, 251, 1, 255, 254, 1, 255, 251, 0, 255, 253, 0,
		255, 253, 44, 'A', 255, 255, 'B', 255, 250, 44, 101, 0, 0, 37, 128, 255, 240, 'C'};
	CHECK_INT(write(srv, from_srv, sizeof(from_srv)), sizeof(from_srv));
	size_t  got = 0;
	uint8_t data[16];
	for (int tries = 0; tries < 100 && got < 4; tries++) {
		pf = (struct pollfd){.fd = tcpser_fd(&t), .events = POLLIN};
		poll(&pf, 1, 100);
		ssize_t n = tcpser_read(&t, buf, 5); /* small reads split the sequences */
		if (n > 0) {
			memcpy(data + got, buf, (size_t)n);
			got += (size_t)n;
		}
	}
	CHECK_INT(got, 4);
	CHECK(memcmp(data, "A\xff" "BC", 4) == 0);
	CHECK_INT(t.ack_baud, 9600);
	/* Only one reply was due: DONT ECHO to WILL ECHO (all else was agreed). */
	static const uint8_t reply[] = {255, 254, 1};
	CHECK_INT(read_n(srv, buf, sizeof(reply)), sizeof(reply));
	CHECK(memcmp(buf, reply, sizeof(reply)) == 0);

	/* Data out: 0xFF doubled. Then a 300 baud 7E1 setting. */
	CHECK_INT(tcpser_write(&t, (const uint8_t *)"\x06\xff\x31", 3), 3);
	CHECK_INT(read_n(srv, buf, 4), 4);
	CHECK(memcmp(buf, "\x06\xff\xff\x31", 4) == 0);
	struct serial_params p;
	serial_params_default(&p);
	p.baud = 300;
	serial_framing_parse(&p, "7E1");
	CHECK_INT(tcpser_set_params(&t, &p), 0);
	static const uint8_t cpo[] = {255, 250, 44, 1, 0, 0, 1, 44, 255, 240,
	                              255, 250, 44, 2, 7, 255, 240,
	                              255, 250, 44, 3, 3, 255, 240,
	                              255, 250, 44, 4, 1, 255, 240};
	CHECK_INT(read_n(srv, buf, sizeof(cpo)), sizeof(cpo));
	CHECK(memcmp(buf, cpo, sizeof(cpo)) == 0);
	/* The server hangs up: -EPIPE. */
	close(srv);
	ssize_t r = -EAGAIN;
	for (int tries = 0; tries < 100 && r == -EAGAIN; tries++) {
		pf = (struct pollfd){.fd = tcpser_fd(&t), .events = POLLIN};
		poll(&pf, 1, 100);
		r = tcpser_read(&t, buf, sizeof(buf));
	}
	CHECK_INT(r, -EPIPE);
	tcpser_close(&t);
	tcpser_close(&t);

	/* Raw: no telnet, set_params refused, 0xFF passes as is. */
	struct tcpser raw;
	CHECK_INT(tcpser_connect(&raw, "127.0.0.1", portstr, TCPSER_RAW), 0);
	pf = (struct pollfd){.fd = lfd, .events = POLLIN};
	CHECK_INT(poll(&pf, 1, 2000), 1);
	srv = accept(lfd, NULL, NULL);
	pf = (struct pollfd){.fd = tcpser_fd(&raw), .events = POLLOUT};
	CHECK_INT(poll(&pf, 1, 2000), 1);
	CHECK_INT(tcpser_connect_done(&raw), 0);
	CHECK_INT(tcpser_set_params(&raw, &p), -ENOTSUP);
	CHECK_INT(tcpser_write(&raw, (const uint8_t *)"\xff", 1), 1);
	CHECK_INT(read_n(srv, buf, 1), 1);
	CHECK_INT(buf[0], 0xff);
	close(srv);
	tcpser_close(&raw);

	/* Refused: the connect completes with an error. */
	close(lfd);
	if (tcpser_connect(&raw, "127.0.0.1", portstr, TCPSER_RAW) == 0) {
		pf = (struct pollfd){.fd = tcpser_fd(&raw), .events = POLLOUT};
		poll(&pf, 1, 2000);
		CHECK_INT(tcpser_connect_done(&raw), -ECONNREFUSED);
		tcpser_close(&raw);
	}
}

int
main(void)
{
	test_framing();
	test_termios();
	test_pty();
	test_rfc2217();
	TEST_END();
}
