/*
 * sim_port.c - a simulated meter on a pty or a TCP port (see sim_port.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

#include "log.h"
#include "sim_port.h"
#include "tcpser.h"

#define PROBE_MS 100

static void port_sync(struct sim_port *p);

static void
drop_client(struct sim_port *p)
{
	if (p->tcp && p->fd >= 0) {
		ev_io_stop(p->loop, &p->io);
		close(p->fd);
		p->fd = -1;
		log_info("%s: client on %s went away", p->m->label, p->name);
	}
	sim_tx_clear(p->m);
}

/* The pty slave was closed by its last reader: stop reading, probe for the next one. */
static void
pty_hangup(struct sim_port *p)
{
	if (!p->hangup)
		log_debug("%s: nobody reads %s", p->m->label, p->name);
	p->hangup = true;
	ev_io_stop(p->loop, &p->io);
	sim_tx_clear(p->m);
	ev_timer_start(p->loop, &p->probe_timer, PROBE_MS);
}

static bool
connected(const struct sim_port *p)
{
	return p->fd >= 0 && !p->hangup;
}

static void
write_due(struct sim_port *p)
{
	struct sim_meter *m = p->m;
	uint64_t          now = ev_now(p->loop), next;
	size_t            n = sim_tx_due(m, now, &next);

	if (!connected(p)) {
		/* Nobody listens: what the meter says is lost at once, no need to pace it. */
		sim_tx_clear(m);
		ev_timer_stop(p->loop, &p->tx_timer);
		return;
	}
	if (n > 0) {
		ssize_t w = write(p->fd, m->tx + m->tx_off, n);

		if (w < 0 && (errno == EAGAIN || errno == EINTR)) {
			next = now + 5;
		} else if (w < 0) {
			if (p->tcp)
				drop_client(p);
			else
				pty_hangup(p);
			return;
		} else {
			sim_tx_done(m, (size_t)w);
			if ((size_t)w < n)
				next = now + 5;
		}
	}
	if (next != 0)
		ev_timer_start_at(p->loop, &p->tx_timer, next);
	else
		ev_timer_stop(p->loop, &p->tx_timer);
}

static void
tx_cb(struct ev_loop *loop, struct ev_timer *t)
{
	(void)loop;
	write_due(t->data);
}

static void
wake_cb(struct ev_loop *loop, struct ev_timer *t)
{
	struct sim_port *p = t->data;

	p->armed_wake = 0;
	p->m->kind->timer(p->m, ev_now(loop));
	port_sync(p);
}

/* After a hook ran: follow the meter's wake-up time and send what it queued. */
static void
port_sync(struct sim_port *p)
{
	if (p->m->wake != 0 && p->m->wake != p->armed_wake) {
		p->armed_wake = p->m->wake;
		ev_timer_start_at(p->loop, &p->wake_timer, p->m->wake);
	} else if (p->m->wake == 0) {
		p->armed_wake = 0;
		ev_timer_stop(p->loop, &p->wake_timer);
	}
	write_due(p);
}

static void
io_cb(struct ev_loop *loop, struct ev_io *w, unsigned revents)
{
	struct sim_port *p = w->data;
	uint8_t          buf[512];
	ssize_t          n = read(p->fd, buf, sizeof(buf));

	(void)revents;
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		/* EOF from a TCP client, EIO from a pty master whose slave closed. */
		if (p->tcp)
			drop_client(p);
		else
			pty_hangup(p);
		return;
	}
	if (p->m->echo) {
		uint8_t echo[sizeof(buf)];
		memcpy(echo, buf, (size_t)n);
		sim_echo(p->m, echo, (size_t)n);
		if (write(p->fd, echo, (size_t)n) < 0)
			log_debug("%s: echo: %s", p->m->label, strerror(errno));
	}
	p->m->requests++;
	sim_meter_input(p->m, ev_now(loop), buf, (size_t)n);
	port_sync(p);
}

static void
probe_cb(struct ev_loop *loop, struct ev_timer *t)
{
	struct sim_port *p = t->data;
	struct pollfd    pfd = {.fd = p->fd, .events = POLLIN};

	if (poll(&pfd, 1, 0) >= 0 && !(pfd.revents & POLLHUP)) {
		log_debug("%s: reader on %s", p->m->label, p->name);
		p->hangup = false;
		ev_io_start(loop, &p->io, p->fd, EV_READ);
		return;
	}
	ev_timer_start(loop, t, PROBE_MS);
}

static void
port_init(struct sim_port *p, struct ev_loop *loop, struct sim_meter *m)
{
	memset(p, 0, sizeof(*p));
	p->m = m;
	p->loop = loop;
	p->fd = -1;
	p->listen_fd = -1;
	ev_io_init(&p->io, io_cb, p);
	ev_timer_init(&p->tx_timer, tx_cb, p);
	ev_timer_init(&p->wake_timer, wake_cb, p);
	ev_timer_init(&p->probe_timer, probe_cb, p);
}

static int
make_link(struct sim_port *p, const char *link)
{
	size_t len = strlen(link);
	char  *tmp = malloc(len + 16);

	if (tmp == NULL)
		return -ENOMEM;
	snprintf(tmp, len + 16, "%s.%ld.tmp", link, (long)getpid());
	unlink(tmp);
	if (symlink(p->name, tmp) < 0 || rename(tmp, link) < 0) {
		int err = errno;

		unlink(tmp);
		free(tmp);
		return -err;
	}
	free(tmp);
	if ((p->link = strdup(link)) == NULL)
		return -ENOMEM;
	return 0;
}

int
sim_port_open_pty(struct sim_port *p, struct ev_loop *loop, struct sim_meter *m,
                  const char *link)
{
	struct termios tio;
	int            slave, err;

	port_init(p, loop, m);
	if ((p->fd = posix_openpt(O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)) < 0)
		return -errno;
	if (grantpt(p->fd) < 0 || unlockpt(p->fd) < 0 ||
	    ptsname_r(p->fd, p->name, sizeof(p->name)) != 0)
		goto fail;
	/*
	 * Raw mode on the slave side, set once: the settings stay with the pair
	 * while the master is open, so a reader that does not configure the
	 * port (cat, a script) still gets the bytes untranslated and without
	 * the line discipline echoing them back into the meter. Closing the
	 * slave again leaves the line in the hung-up state until a reader opens.
	 */
	if ((slave = open(p->name, O_RDWR | O_NOCTTY | O_CLOEXEC)) < 0)
		goto fail;
	if (tcgetattr(slave, &tio) == 0) {
		cfmakeraw(&tio);
		tcsetattr(slave, TCSANOW, &tio);
	}
	close(slave);
	if (link != NULL && (err = make_link(p, link)) < 0) {
		close(p->fd);
		p->fd = -1;
		return err;
	}
	pty_hangup(p);
	p->hangup = true;
	port_sync(p);
	return 0;
fail:
	err = -errno;
	close(p->fd);
	p->fd = -1;
	return err;
}

static void
accept_cb(struct ev_loop *loop, struct ev_io *w, unsigned revents)
{
	struct sim_port *p = w->data;
	int              fd = accept4(p->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);

	(void)revents;
	if (fd < 0)
		return;
	if (p->fd >= 0) {
		log_info("%s: new client on %s replaces the old one", p->m->label, p->name);
		drop_client(p);
	}
	p->fd = fd;
	ev_io_start(loop, &p->io, fd, EV_READ);
}

int
sim_port_open_tcp(struct sim_port *p, struct ev_loop *loop, struct sim_meter *m,
                  const char *hostport)
{
	char host[128], port[16];
	int  r;

	port_init(p, loop, m);
	p->tcp = true;
	if (tcpser_split_hostport(hostport, host, sizeof(host), port, sizeof(port)) < 0)
		return -EINVAL;
	if ((p->listen_fd = tcpser_listen(host, port)) < 0)
		return p->listen_fd;
	/* Port 0 picks a free one: name the one we got. */
	r = tcpser_local_port(p->listen_fd);
	snprintf(p->name, sizeof(p->name), strchr(host, ':') ? "[%s]:%d" : "%s:%d", host, r);
	ev_io_init(&p->lio, accept_cb, p);
	if ((r = ev_io_start(loop, &p->lio, p->listen_fd, EV_READ)) < 0)
		return r;
	port_sync(p);
	return 0;
}

void
sim_port_close(struct sim_port *p)
{
	if (p->loop == NULL)
		return;
	ev_io_stop(p->loop, &p->io);
	ev_io_stop(p->loop, &p->lio);
	ev_timer_stop(p->loop, &p->tx_timer);
	ev_timer_stop(p->loop, &p->wake_timer);
	ev_timer_stop(p->loop, &p->probe_timer);
	if (p->fd >= 0)
		close(p->fd);
	if (p->listen_fd >= 0)
		close(p->listen_fd);
	p->fd = p->listen_fd = -1;
	if (p->link != NULL) {
		unlink(p->link);
		free(p->link);
		p->link = NULL;
	}
	p->loop = NULL;
}
