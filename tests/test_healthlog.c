/*
 * test_healthlog.c - the health log sink, driven through the seam as the
 * engine drives it (readings_meter_add, readings_health, readings_point):
 *
 *  - a meter that goes silent gives exactly one warning line naming it, at
 *    the default verbosity, however often the engine repeats the state; one
 *    notice line when it answers again; nothing for counter bumps;
 *  - under systemd (JOURNAL_STREAM names stderr) the lines carry their
 *    syslog priority, "<4>" for the warning and "<5>" for the notice, and
 *    no "meterd:" in front (the journal adds the name);
 *  - STATUS= (on a NOTIFY_SOCKET datagram socket) counts the meters that
 *    are up and names the others by state;
 *  - all_reporting fires once, when every meter has values and a batch
 *    added none (the guard's held-back totals are in);
 *  - the "port down" a meter joins with is not said (the bus tells about its port);
 *  - a flapping port (down, starting, down, ...) is said once.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "healthlog.h"
#include "platform/posix/ev.h"
#include "platform/posix/log.h"
#include "readings.h"
#include "unit.h"

static int      notify_fd = -1;
static int      debug_fd = 2; /* the real stderr while the log goes to a file */
static uint64_t fake_now = 1000;

static uint64_t
fake_clock(void *arg)
{
	(void)arg;
	return fake_now;
}
static char last_status[600];
static int  reporting;

static void
drain_notify(void)
{
	char    buf[700];
	ssize_t n;

	while ((n = recv(notify_fd, buf, sizeof(buf) - 1, MSG_DONTWAIT)) > 0) {
		buf[n] = '\0';
		char *s = strstr(buf, "STATUS=");
		if (s != NULL)
			snprintf(last_status, sizeof(last_status), "%s", s + 7);
	}
}

static void
on_reporting(void *arg)
{
	(void)arg;
	reporting++;
}

/* The log lines written since the last call. */
static char *
log_since(FILE *f, long *pos)
{
	static char buf[8192];
	size_t      n;

	fflush(stderr);
	fseek(f, *pos, SEEK_SET);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	*pos += (long)n;
	if (getenv("HEALTHLOG_DEBUG") != NULL)
		dprintf(debug_fd, "---\n%s", buf);
	return buf;
}

static int
count(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}

static void
set_state(struct readings *r, struct rd_meter *m, enum rd_state s, uint32_t timeouts)
{
	struct rd_health h = m->health;

	h.state = s;
	h.timeouts = timeouts;
	readings_health(r, m, &h);
	drain_notify();
}

static void
publish(struct readings *r, struct rd_meter *m)
{
	struct rd_point_in in = {.name = "energy", .raw = 12345, .scaler = -1, .unit = "kWh",
	                         .precision = -1};

	readings_point(r, m, &in);
	readings_batch_end(r, m);
}

static void
run(bool journal)
{
	char               logpath[] = "/tmp/test_healthlog.XXXXXX", sockpath[108];
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	int                lfd = mkstemp(logpath), saved = dup(2);

	debug_fd = saved;
	FILE              *lf = fopen(logpath, "r");
	long               pos = 0;
	struct stat        st;
	char               js[64];
	const char        *l;

	snprintf(sockpath, sizeof(sockpath), "%s.sock", logpath);
	notify_fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", sockpath);
	CHECK(bind(notify_fd, (struct sockaddr *)&sa, sizeof(sa)) == 0);
	setenv("NOTIFY_SOCKET", sockpath, 1);
	dup2(lfd, 2);
	fstat(2, &st);
	snprintf(js, sizeof(js), "%llu:%llu", (unsigned long long)st.st_dev,
	         (unsigned long long)st.st_ino);
	if (journal)
		setenv("JOURNAL_STREAM", js, 1);
	else
		unsetenv("JOURNAL_STREAM");
	log_init("meterd", false, 1);

	struct ev_loop   *loop = ev_loop_new();
	ev_loop_set_clock(loop, fake_clock, NULL);
	struct readings  *r = readings_new();
	struct healthlog *h = healthlog_new(r, loop, on_reporting, NULL);
	struct rd_meter  *a = readings_meter_add(r, "strom", "sml");
	struct rd_meter  *b = readings_meter_add(r, "heat", "mbus");
	reporting = 0;
	drain_notify();
	CHECK(strstr(last_status, "0 of 2 meters up") != NULL);
	CHECK(strstr(last_status, "starting: strom, heat") != NULL);

	/* Down as it joins (its port not opened yet): no news while it opens... */
	set_state(r, a, RD_STATE_PORT_DOWN, 0);
	set_state(r, b, RD_STATE_PORT_DOWN, 0);
	fake_now += 1000;
	ev_run_once(loop, 0);
	l = log_since(lf, &pos);
	CHECK_INT(count(l, "\n"), 0);
	set_state(r, a, RD_STATE_UP, 0);
	l = log_since(lf, &pos);
	CHECK_INT(count(l, "meter strom: up"), 1);
	publish(r, a);
	publish(r, a);
	CHECK_INT(reporting, 0);
	/* ... but said when it is still down after the grace (b: a port that flaps from the start). */
	fake_now += 5000;
	ev_run_once(loop, 0);
	l = log_since(lf, &pos);
	CHECK_INT(count(l, "\n"), 1);
	CHECK_INT(count(l, "meter heat: port"), 1);
	set_state(r, b, RD_STATE_UP, 0);
	l = log_since(lf, &pos);
	CHECK_INT(count(l, "meter heat: answering again"), 1);
	publish(r, b);
	CHECK_INT(reporting, 0); /* b's value set may still grow (a total held back) */
	publish(r, b);
	CHECK_INT(reporting, 1);
	publish(r, a);
	CHECK_INT(reporting, 1);
	CHECK_STR(last_status, "2 of 2 meters up");
	l = log_since(lf, &pos);
	CHECK_INT(count(l, "\n"), 0);

	/* Silent: one warning, however often the state is repeated or counters bump. */
	set_state(r, b, RD_STATE_SILENT, 1);
	set_state(r, b, RD_STATE_SILENT, 2);
	set_state(r, b, RD_STATE_SILENT, 3);
	l = log_since(lf, &pos);
	CHECK_INT(count(l, "\n"), 1);
	CHECK_INT(count(l, "meter heat: silent"), 1);
	CHECK(strstr(last_status, "1 of 2 meters up; silent: heat") != NULL);
	if (journal) {
		CHECK(strncmp(l, "<4>meter heat", 13) == 0);
		CHECK(strstr(l, "meterd:") == NULL);
	} else
		CHECK(strncmp(l, "meterd: warning: meter heat", 27) == 0);

	set_state(r, b, RD_STATE_UP, 3);
	l = log_since(lf, &pos);
	CHECK_INT(count(l, "\n"), 1);
	CHECK_INT(count(l, "meter heat: answering again"), 1);
	if (journal)
		CHECK(strncmp(l, "<5>meter heat", 13) == 0);
	CHECK_STR(last_status, "2 of 2 meters up");

	set_state(r, a, RD_STATE_ERRORS, 0);
	set_state(r, b, RD_STATE_PORT_DOWN, 0);
	l = log_since(lf, &pos);
	CHECK_INT(count(l, "meter strom: only bad frames"), 1);
	CHECK_INT(count(l, "meter heat: port"), 1);
	CHECK_STR(last_status, "0 of 2 meters up; errors: strom; port_down: heat");

	/* A flapping port (down, starting, down ...) is said once, not per turn. */
	for (int i = 0; i < 4; i++) {
		set_state(r, b, RD_STATE_STARTING, 0);
		set_state(r, b, RD_STATE_PORT_DOWN, 0);
	}
	l = log_since(lf, &pos);
	CHECK_INT(count(l, "\n"), 0);

	/* Quiet (-q) still shows the warning and the notice, not the info. */
	log_set_verbosity(0);
	set_state(r, a, RD_STATE_SILENT, 0);
	set_state(r, a, RD_STATE_UP, 0);
	l = log_since(lf, &pos);
	CHECK_INT(count(l, "meter strom: silent"), 1);
	CHECK_INT(count(l, "meter strom: answering again"), 1);

	healthlog_free(h);
	readings_free(r);
	ev_loop_free(loop);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	close(lfd);
	fclose(lf);
	close(notify_fd);
	unlink(logpath);
	unlink(sockpath);
	unsetenv("NOTIFY_SOCKET");
	unsetenv("JOURNAL_STREAM");
}

int
main(void)
{
	run(false);
	run(true);
	TEST_END();
}
