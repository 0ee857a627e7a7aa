/*
 * tcpser.c - raw and RFC 2217 serial endpoints over TCP; see tcpser.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tcpser.h"

/* Telnet (RFC 854) */
enum {
	TN_SE = 240,
	TN_SB = 250,
	TN_WILL = 251,
	TN_WONT = 252,
	TN_DO = 253,
	TN_DONT = 254,
	TN_IAC = 255,
};
enum {
	OPT_BINARY = 0,  /* RFC 856 */
	OPT_ECHO = 1,    /* RFC 857 */
	OPT_SGA = 3,     /* RFC 858 */
	OPT_COMPORT = 44 /* RFC 2217 */
};
/* RFC 2217 client-to-server commands; the server answers with +100. */
enum {
	CPO_SET_BAUDRATE = 1,
	CPO_SET_DATASIZE = 2,
	CPO_SET_PARITY = 3,
	CPO_SET_STOPSIZE = 4,
	CPO_SERVER_OFFSET = 100,
};

enum { ST_DATA, ST_IAC, ST_OPT, ST_SB, ST_SB_IAC };

void
tcpser_init(struct tcpser *t)
{
	memset(t, 0, sizeof(*t));
	t->fd = -1;
}

int
tcpser_split_hostport(const char *s, char *host, size_t hostcap, char *port, size_t portcap)
{
	const char *h = s, *colon;
	size_t      hl;

	if (s[0] == '[') {
		const char *end = strchr(s, ']');
		if (end == NULL || end[1] != ':')
			return -EINVAL;
		h = s + 1;
		hl = (size_t)(end - h);
		colon = end + 1;
	} else {
		colon = strrchr(s, ':');
		if (colon == NULL)
			return -EINVAL;
		hl = (size_t)(colon - s);
	}
	if (hl == 0 || hl >= hostcap || colon[1] == '\0' || strlen(colon + 1) >= portcap)
		return -EINVAL;
	memcpy(host, h, hl);
	host[hl] = '\0';
	strcpy(port, colon + 1);
	return 0;
}

static int
set_nonblock(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0)
		return -errno;
	return 0;
}

int
tcpser_connect_ai(struct tcpser *t, const struct addrinfo *res, enum tcpser_mode mode)
{
	const struct addrinfo *ai;
	int                    fd = -1, r, err = -EDESTADDRREQ, one = 1;

	tcpser_init(t);
	t->mode = mode;
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
		if (fd < 0) {
			err = -errno;
			continue;
		}
		if ((r = set_nonblock(fd)) < 0) {
			err = r;
			close(fd);
			fd = -1;
			continue;
		}
		/* Requests are small and latency matters more than packet count. */
		(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0 || errno == EINPROGRESS)
			break;
		err = -errno;
		close(fd);
		fd = -1;
	}
	if (fd < 0)
		return err;
	t->fd = fd;
	t->connecting = true;
	return 0;
}

int
tcpser_connect(struct tcpser *t, const char *host, const char *port, enum tcpser_mode mode)
{
	struct addrinfo hints, *res;
	int             r;

	tcpser_init(t);
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	r = getaddrinfo(host, port, &hints, &res);
	if (r != 0)
		return r == EAI_SYSTEM ? -errno : -ENOENT;
	r = tcpser_connect_ai(t, res, mode);
	freeaddrinfo(res);
	return r;
}

int
tcpser_fd(const struct tcpser *t)
{
	return t->fd;
}

bool
tcpser_want_write(const struct tcpser *t)
{
	return t->fd >= 0 && (t->connecting || t->out_len > 0);
}

/* Appends raw bytes (already escaped) to the output queue; false if full. */
static bool
out_put(struct tcpser *t, const uint8_t *p, size_t n)
{
	if (n > sizeof(t->out) - t->out_len)
		return false;
	memcpy(t->out + t->out_len, p, n);
	t->out_len += n;
	return true;
}

static void
tn_send_opt(struct tcpser *t, uint8_t cmd, uint8_t opt)
{
	uint8_t b[3] = {TN_IAC, cmd, opt};

	/* A full queue loses a negotiation reply; the peer's retry will repeat it. */
	(void)out_put(t, b, sizeof(b));
}

int
tcpser_connect_done(struct tcpser *t)
{
	int       err = 0;
	socklen_t len = sizeof(err);

	if (t->fd < 0)
		return -ENOTCONN;
	if (!t->connecting)
		return 0;
	if (getsockopt(t->fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0)
		return -errno;
	if (err != 0)
		return -err;
	t->connecting = false;
	if (t->mode == TCPSER_RFC2217) {
		static const uint8_t both[] = {OPT_BINARY, OPT_SGA};
		for (size_t i = 0; i < sizeof(both); i++) {
			tn_send_opt(t, TN_WILL, both[i]);
			tn_send_opt(t, TN_DO, both[i]);
			t->opt_us[both[i]] = t->opt_them[both[i]] = 1;
		}
		tn_send_opt(t, TN_WILL, OPT_COMPORT);
		t->opt_us[OPT_COMPORT] = 1;
	}
	return tcpser_flush(t);
}

int
tcpser_flush(struct tcpser *t)
{
	ssize_t n;

	if (t->fd < 0)
		return -ENOTCONN;
	if (t->connecting || t->out_len == 0)
		return 0;
	n = send(t->fd, t->out, t->out_len, MSG_NOSIGNAL);
	if (n < 0)
		return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? 0 : -errno;
	memmove(t->out, t->out + n, t->out_len - (size_t)n);
	t->out_len -= (size_t)n;
	return 0;
}

static bool
opt_wanted(uint8_t opt)
{
	return opt == OPT_BINARY || opt == OPT_SGA || opt == OPT_COMPORT;
}

/* Answers a WILL/WONT/DO/DONT, only on a change of state (no loops). */
static void
tn_negotiate(struct tcpser *t, uint8_t cmd, uint8_t opt)
{
	uint8_t *us = opt < 64 ? &t->opt_us[opt] : NULL;
	uint8_t *them = opt < 64 ? &t->opt_them[opt] : NULL;

	switch (cmd) {
	case TN_WILL:
		if (opt_wanted(opt)) {
			if (!*them) {
				*them = 1;
				tn_send_opt(t, TN_DO, opt);
			}
		} else
			tn_send_opt(t, TN_DONT, opt);
		break;
	case TN_WONT:
		if (them != NULL && *them) {
			*them = 0;
			tn_send_opt(t, TN_DONT, opt);
		}
		break;
	case TN_DO:
		if (opt_wanted(opt)) {
			if (!*us) {
				*us = 1;
				tn_send_opt(t, TN_WILL, opt);
			}
		} else
			tn_send_opt(t, TN_WONT, opt);
		break;
	case TN_DONT:
		if (us != NULL && *us) {
			*us = 0;
			tn_send_opt(t, TN_WONT, opt);
		}
		break;
	}
}

static void
tn_subneg(struct tcpser *t)
{
	const uint8_t *s = t->sb;

	/* Only the server's baud confirmation is kept; other replies are informative. */
	if (t->sb_len >= 6 && s[0] == OPT_COMPORT &&
	    s[1] == CPO_SERVER_OFFSET + CPO_SET_BAUDRATE)
		t->ack_baud = (uint32_t)s[2] << 24 | (uint32_t)s[3] << 16 | (uint32_t)s[4] << 8 | s[5];
}

size_t
tcpser_filter(struct tcpser *t, uint8_t *buf, size_t n)
{
	size_t i, o = 0;

	if (t->mode == TCPSER_RAW)
		return n;
	for (i = 0; i < n; i++) {
		uint8_t b = buf[i];
		switch (t->tn_state) {
		case ST_DATA:
			if (b == TN_IAC)
				t->tn_state = ST_IAC;
			else
				buf[o++] = b;
			break;
		case ST_IAC:
			if (b == TN_IAC) {
				buf[o++] = b;
				t->tn_state = ST_DATA;
			} else if (b >= TN_WILL && b <= TN_DONT) {
				t->tn_cmd = b;
				t->tn_state = ST_OPT;
			} else if (b == TN_SB) {
				t->sb_len = 0;
				t->tn_state = ST_SB;
			} else
				t->tn_state = ST_DATA; /* NOP, GA, ...: nothing to do */
			break;
		case ST_OPT:
			tn_negotiate(t, t->tn_cmd, b);
			t->tn_state = ST_DATA;
			break;
		case ST_SB:
			if (b == TN_IAC)
				t->tn_state = ST_SB_IAC;
			else if (t->sb_len < sizeof(t->sb))
				t->sb[t->sb_len++] = b;
			break;
		case ST_SB_IAC:
			if (b == TN_IAC) {
				if (t->sb_len < sizeof(t->sb))
					t->sb[t->sb_len++] = b;
				t->tn_state = ST_SB;
			} else {
				if (b == TN_SE)
					tn_subneg(t);
				t->tn_state = ST_DATA;
			}
			break;
		}
	}
	return o;
}

ssize_t
tcpser_read(struct tcpser *t, uint8_t *buf, size_t cap)
{
	ssize_t n;
	size_t  o;

	if (t->fd < 0)
		return -ENOTCONN;
	n = recv(t->fd, buf, cap, 0);
	if (n < 0)
		return errno == EWOULDBLOCK || errno == EINTR ? -EAGAIN : -errno;
	if (n == 0)
		return -EPIPE;
	o = tcpser_filter(t, buf, (size_t)n);
	if (t->out_len > 0) {
		int r = tcpser_flush(t);
		if (r < 0)
			return r;
	}
	return (ssize_t)o;
}

ssize_t
tcpser_write(struct tcpser *t, const uint8_t *p, size_t n)
{
	size_t need = n, i;
	int    r;

	if (t->fd < 0)
		return -ENOTCONN;
	if (t->mode == TCPSER_RFC2217)
		for (i = 0; i < n; i++)
			need += p[i] == TN_IAC;
	if (need > sizeof(t->out) - t->out_len)
		return -ENOBUFS;
	for (i = 0; i < n; i++) {
		t->out[t->out_len++] = p[i];
		if (t->mode == TCPSER_RFC2217 && p[i] == TN_IAC)
			t->out[t->out_len++] = TN_IAC;
	}
	r = tcpser_flush(t);
	return r < 0 ? r : (ssize_t)n;
}

/* Queues IAC SB COM-PORT-OPTION cmd value... IAC SE, escaping value bytes. */
static bool
cpo_put(struct tcpser *t, uint8_t cmd, const uint8_t *v, size_t n)
{
	uint8_t b[32];
	size_t  k = 0;

	b[k++] = TN_IAC;
	b[k++] = TN_SB;
	b[k++] = OPT_COMPORT;
	b[k++] = cmd;
	for (size_t i = 0; i < n; i++) {
		b[k++] = v[i];
		if (v[i] == TN_IAC)
			b[k++] = TN_IAC;
	}
	b[k++] = TN_IAC;
	b[k++] = TN_SE;
	return out_put(t, b, k);
}

int
tcpser_set_params(struct tcpser *t, const struct serial_params *p)
{
	/* RFC 2217 values: parity 1 none, 2 odd, 3 even, 4 mark, 5 space; stop 1, 2. */
	static const uint8_t parity[] = {
		[SERIAL_PARITY_NONE] = 1, [SERIAL_PARITY_ODD] = 2, [SERIAL_PARITY_EVEN] = 3,
		[SERIAL_PARITY_MARK] = 4, [SERIAL_PARITY_SPACE] = 5,
	};
	uint8_t baud[4] = {(uint8_t)(p->baud >> 24), (uint8_t)(p->baud >> 16),
	                   (uint8_t)(p->baud >> 8), (uint8_t)p->baud};
	uint8_t v;

	if (t->mode != TCPSER_RFC2217)
		return -ENOTSUP;
	if (t->fd < 0)
		return -ENOTCONN;
	if (sizeof(t->out) - t->out_len < 4 * 16)
		return -ENOBUFS;
	(void)cpo_put(t, CPO_SET_BAUDRATE, baud, 4);
	v = p->data_bits;
	(void)cpo_put(t, CPO_SET_DATASIZE, &v, 1);
	v = parity[p->parity];
	(void)cpo_put(t, CPO_SET_PARITY, &v, 1);
	v = p->stop_bits;
	(void)cpo_put(t, CPO_SET_STOPSIZE, &v, 1);
	return tcpser_flush(t);
}

void
tcpser_close(struct tcpser *t)
{
	if (t->fd >= 0)
		close(t->fd);
	t->fd = -1;
	t->out_len = 0;
	t->connecting = false;
	t->tn_state = ST_DATA;
}

int
tcpser_listen(const char *host, const char *port)
{
	struct addrinfo hints, *res, *ai;
	int             fd = -1, one = 1, err = -ENOENT;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE;
	if (getaddrinfo(host, port, &hints, &res) != 0)
		return -ENOENT;
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK,
		            ai->ai_protocol);
		if (fd < 0) {
			err = -errno;
			continue;
		}
		(void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && listen(fd, 64) == 0)
			break;
		err = -errno;
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	return fd >= 0 ? fd : err;
}

int
tcpser_local_port(int fd)
{
	struct sockaddr_storage ss;
	socklen_t               len = sizeof(ss);

	if (getsockname(fd, (struct sockaddr *)&ss, &len) < 0)
		return -errno;
	if (ss.ss_family == AF_INET)
		return ntohs(((struct sockaddr_in *)&ss)->sin_port);
	if (ss.ss_family == AF_INET6)
		return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
	return -EAFNOSUPPORT;
}
