/*
 * gateway.c - the Modbus TCP gateway; see gateway.h.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "meterd/crc.h"
#include "meterd/mb_session.h"
#include "meterd/mbrtu.h"
#include "meterd/mbtcp.h"
#include "bus.h"
#include "gateway.h"
#include "meter.h"
#include "platform/posix/log.h"

#define GW_ALLOW_MAX   16
#define GW_RANGES_MAX  32
#define GW_QUEUE       64   /* requests waiting for the bus, all clients */
#define GW_CONN_PENDING 8   /* requests of one connection in the queue */
#define GW_IN_MAX      (2 * MBTCP_ADU_MAX)
#define GW_OUT_MAX     8192 /* replies a client has not read yet; more and it is dropped */
#define GW_LOG_MAX     20   /* refusals logged per gateway, then only counted */

struct gw_net {
	int     family;
	uint8_t addr[16];
	uint8_t prefix;
};

struct gw_range {
	int      slave; /* -1: every slave */
	uint16_t first, last;
};

struct gw_cfg {
	char            listen_host[64];
	uint16_t        listen_port;
	struct cfg_port port;
	bool            have_line;
	struct serial_params line;
	bool            rtu;
	struct gw_net   allow[GW_ALLOW_MAX];
	size_t          n_allow;
	bool            write;
	bool            functions[256];
	bool            functions_given;
	struct gw_range read[GW_RANGES_MAX], writable[GW_RANGES_MAX];
	size_t          n_read, n_writable;
	unsigned        clients;
	uint32_t        idle_ms;
	unsigned        line_no;
};

struct gw_conn {
	struct gateway *g;
	int             fd;
	struct ev_io    io;
	uint8_t         in[GW_IN_MAX];
	size_t          n_in;
	uint8_t         out[GW_OUT_MAX];
	size_t          n_out;
	unsigned        pending;
	uint64_t        last_active;
	uint32_t        id;
	char            peer[64];
	struct gw_conn *next;
};

struct gw_req {
	uint32_t conn_id; /* the connection may be gone when the reply comes */
	uint16_t tid;
	uint8_t  unit;
	uint8_t  pdu[MB_PDU_MAX];
	uint8_t  pdu_len;
};

struct gateway {
	struct engine    *e;
	struct ev_loop   *loop;
	struct gw_cfg     cfg;
	int               lfd;
	struct ev_io      lio;
	struct bus       *bus;
	struct bus_client cl;
	struct mb_session sess;
	struct ev_timer   tm, idle_tm;
	struct gw_req     queue[GW_QUEUE];
	size_t            q_head, q_len;
	struct gw_req     cur;
	bool              waiting_bus, on_bus, turn_over;
	struct gw_conn   *conns;
	unsigned          n_conns;
	uint32_t          next_id;
	unsigned          logged;
	struct gateway   *next;
	/* counters, for the log at stop */
	uint32_t forwarded, refused, no_answer, busy, malformed, denied;
};

/* --- configuration */

static bool
parse_net(const char *s, struct gw_net *n)
{
	char          buf[64];
	const char   *slash = strchr(s, '/');
	size_t        len = slash != NULL ? (size_t)(slash - s) : strlen(s);
	unsigned long pl;
	char         *end;

	if (len >= sizeof(buf))
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	memset(n, 0, sizeof(*n));
	if (inet_pton(AF_INET, buf, n->addr) == 1) {
		n->family = AF_INET;
		n->prefix = 32;
	} else if (inet_pton(AF_INET6, buf, n->addr) == 1) {
		n->family = AF_INET6;
		n->prefix = 128;
	} else
		return false;
	if (slash != NULL) {
		if (slash[1] < '0' || slash[1] > '9')
			return false;
		pl = strtoul(slash + 1, &end, 10);
		if (*end != '\0' || pl > n->prefix)
			return false;
		n->prefix = (uint8_t)pl;
	}
	return true;
}

static bool
net_contains(const struct gw_net *n, int family, const uint8_t *addr)
{
	unsigned full = n->prefix / 8, rest = n->prefix % 8;

	if (family != n->family)
		return false;
	if (memcmp(n->addr, addr, full) != 0)
		return false;
	return rest == 0 || ((n->addr[full] ^ addr[full]) & (0xFF << (8 - rest)) & 0xFF) == 0;
}

static bool
parse_range(struct cfg_diag *d, const struct cfg_setting *st, struct gw_range *r)
{
	uint64_t    slave;
	const char *w, *dash;
	char       *end;
	unsigned long a, b;

	if (!cfg_want_args(d, st, 2, 2, "read|writable SLAVE FIRST-LAST"))
		return false;
	if (strcmp(st->word[1], "*") == 0)
		r->slave = -1;
	else if (cfg_get_uint(d, st, 1, 0, 255, &slave))
		r->slave = (int)slave;
	else
		return false;
	w = st->word[2];
	dash = strchr(w, '-');
	if (w[0] < '0' || w[0] > '9')
		goto bad;
	a = strtoul(w, &end, 10);
	if (dash == NULL ? *end != '\0' : end != dash)
		goto bad;
	b = a;
	if (dash != NULL) {
		if (dash[1] < '0' || dash[1] > '9')
			goto bad;
		b = strtoul(dash + 1, &end, 10);
		if (*end != '\0')
			goto bad;
	}
	if (a > 65535 || b > 65535 || a > b)
		goto bad;
	r->first = (uint16_t)a;
	r->last = (uint16_t)b;
	return true;
bad:
	cfg_diag_error(d, st->line, st->col[2], "expected a register range such as 0-9999, not \"%s\"", w);
	return false;
}

static int
gw_parse(const struct cfg_section *s, struct cfg_diag *d, struct gw_cfg *c)
{
	int  before = d->errors;
	bool have_listen = false, have_port = false;

	memset(c, 0, sizeof(*c));
	c->clients = 32;
	c->idle_ms = 60000;
	c->line_no = s->line;
	serial_params_default(&c->line);
	for (size_t i = 0; i < s->n_settings; i++) {
		const struct cfg_setting *st = &s->settings[i];
		const char               *k = st->word[0];
		uint64_t                  u;

		if (strcmp(k, "listen") == 0) {
			if (cfg_want_args(d, st, 1, 1, "listen ADDRESS:PORT") &&
			    cfg_get_hostport(d, st, 1, c->listen_host, sizeof(c->listen_host),
			                     &c->listen_port))
				have_listen = true;
		} else if (strcmp(k, "port") == 0) {
			const char *why;
			if (cfg_want_args(d, st, 1, 1, "port PATH|tcp://HOST:PORT")) {
				if (cfg_port_parse(&c->port, st->word[1], &why) != 0)
					cfg_diag_error(d, st->line, st->col[1], "%s", why);
				else
					have_port = true;
			}
		} else if (strcmp(k, "line") == 0) {
			if (cfg_want_args(d, st, 2, 2, "line BAUD FRAMING")) {
				if (cfg_get_uint(d, st, 1, 50, 4000000, &u))
					c->line.baud = (uint32_t)u;
				if (serial_framing_parse(&c->line, st->word[2]) != 0)
					cfg_diag_error(d, st->line, st->col[2],
					               "expected a framing such as 8N1 or 8E1, not \"%s\"", st->word[2]);
				c->have_line = true;
			}
		} else if (strcmp(k, "mode") == 0) {
			if (cfg_want_args(d, st, 1, 1, "mode tcp|rtu")) {
				if (strcmp(st->word[1], "rtu") == 0)
					c->rtu = true;
				else if (strcmp(st->word[1], "tcp") != 0)
					cfg_diag_error(d, st->line, st->col[1], "expected tcp or rtu, not \"%s\"",
					               st->word[1]);
			}
		} else if (strcmp(k, "allow") == 0) {
			if (cfg_want_args(d, st, 1, CFG_WORDS_MAX - 1, "allow ADDRESS[/PREFIX] ..."))
				for (size_t w = 1; w < st->n; w++) {
					if (c->n_allow == GW_ALLOW_MAX)
						cfg_diag_error(d, st->line, st->col[w], "at most %d allow entries",
						               GW_ALLOW_MAX);
					else if (!parse_net(st->word[w], &c->allow[c->n_allow]))
						cfg_diag_error(d, st->line, st->col[w],
						               "expected an address or network such as 192.168.1.0/24, not \"%s\"",
						               st->word[w]);
					else
						c->n_allow++;
				}
		} else if (strcmp(k, "write") == 0) {
			if (cfg_want_args(d, st, 1, 1, "write on|off"))
				cfg_get_bool(d, st, 1, &c->write);
		} else if (strcmp(k, "functions") == 0) {
			if (cfg_want_args(d, st, 1, CFG_WORDS_MAX - 1, "functions CODE ..."))
				for (size_t w = 1; w < st->n; w++)
					if (cfg_get_uint(d, st, w, 1, 127, &u)) {
						c->functions[u] = true;
						c->functions_given = true;
					}
		} else if (strcmp(k, "read") == 0 || strcmp(k, "writable") == 0) {
			bool             wr = k[0] == 'w';
			size_t          *n = wr ? &c->n_writable : &c->n_read;
			struct gw_range *r = wr ? c->writable : c->read;
			if (*n == GW_RANGES_MAX)
				cfg_diag_error(d, st->line, st->col[0], "at most %d %s ranges", GW_RANGES_MAX, k);
			else if (parse_range(d, st, &r[*n]))
				(*n)++;
		} else if (strcmp(k, "clients") == 0) {
			if (cfg_want_args(d, st, 1, 1, "clients N") && cfg_get_uint(d, st, 1, 1, 256, &u))
				c->clients = (unsigned)u;
		} else if (strcmp(k, "idle") == 0) {
			if (cfg_want_args(d, st, 1, 1, "idle DURATION"))
				cfg_get_duration(d, st, 1, &c->idle_ms);
		} else
			cfg_unknown_key(d, st, "gateway",
			                "listen, port, line, mode, allow, write, functions, read, writable, clients, idle");
	}
	if (!have_listen)
		cfg_diag_error(d, s->line, s->col, "gateway: no listen ADDRESS:PORT");
	if (!have_port)
		cfg_diag_error(d, s->line, s->col, "gateway: no port (the RS-485 bus to bridge)");
	/* Modbus TCP has no authentication: writes only from clients the user named. */
	if (c->write && c->n_allow == 0)
		cfg_diag_error(d, s->line, s->col,
		               "gateway: write on needs an allow list of the clients that may write");
	if (!c->functions_given) {
		c->functions[MB_FC_READ_COILS] = c->functions[MB_FC_READ_DISCRETE_INPUTS] = true;
		c->functions[MB_FC_READ_HOLDING_REGISTERS] = c->functions[MB_FC_READ_INPUT_REGISTERS] = true;
		if (c->write)
			c->functions[MB_FC_WRITE_SINGLE_COIL] = c->functions[MB_FC_WRITE_SINGLE_REGISTER] =
			    c->functions[MB_FC_WRITE_MULTIPLE_COILS] =
			        c->functions[MB_FC_WRITE_MULTIPLE_REGISTERS] =
			            c->functions[MB_FC_READ_WRITE_REGISTERS] = true;
	}
	return d->errors - before;
}

int
gateway_check_section(const struct cfg_section *s, struct cfg_diag *d)
{
	struct gw_cfg *c = malloc(sizeof(*c));
	int            n;

	if (c == NULL) {
		cfg_diag_error(d, s->line, s->col, "out of memory");
		return 1;
	}
	n = gw_parse(s, d, c);
	free(c);
	return n;
}

/* --- access control */

static bool
is_write(uint8_t fc)
{
	return fc == MB_FC_WRITE_SINGLE_COIL || fc == MB_FC_WRITE_SINGLE_REGISTER ||
	       fc == MB_FC_WRITE_MULTIPLE_COILS || fc == MB_FC_WRITE_MULTIPLE_REGISTERS ||
	       fc == MB_FC_READ_WRITE_REGISTERS;
}

/* True when [a, a+n) lies inside one range for slave (no ranges: everything). */
static bool
in_ranges(const struct gw_range *r, size_t nr, uint8_t slave, uint16_t a, uint16_t n)
{
	uint32_t last = (uint32_t)a + (n ? n : 1) - 1;

	if (nr == 0)
		return true;
	for (size_t i = 0; i < nr; i++)
		if ((r[i].slave < 0 || r[i].slave == slave) && a >= r[i].first && last <= r[i].last)
			return true;
	return false;
}

/* 0 when the request may go to the bus, else the exception to answer. */
static uint8_t
gw_judge(const struct gw_cfg *c, uint8_t unit, const uint8_t *pdu, size_t len, const char **why)
{
	struct mb_request rq;
	uint8_t           fc = pdu[0];

	if (!c->functions[fc] || (is_write(fc) && !c->write)) {
		*why = is_write(fc) && !c->write ? "read-only gateway" : "function not allowed";
		return MB_EX_ILLEGAL_FUNCTION;
	}
	if (!mb_function_known(fc))
		return 0; /* listed by the user (diagnostics, device id): forwarded as is */
	if (mb_req_parse(&rq, pdu, len) < 0) {
		*why = "malformed request";
		return MB_EX_ILLEGAL_DATA_VALUE;
	}
	if (fc == MB_FC_READ_WRITE_REGISTERS) {
		if (!in_ranges(c->read, c->n_read, unit, rq.read_address, rq.read_count)) {
			*why = "registers not readable";
			return MB_EX_ILLEGAL_DATA_ADDRESS;
		}
	} else if (!is_write(fc) && !in_ranges(c->read, c->n_read, unit, rq.address, rq.count)) {
		*why = "registers not readable";
		return MB_EX_ILLEGAL_DATA_ADDRESS;
	}
	if (is_write(fc)) {
		uint16_t n = fc == MB_FC_WRITE_SINGLE_COIL || fc == MB_FC_WRITE_SINGLE_REGISTER ? 1 : rq.count;
		if (!in_ranges(c->writable, c->n_writable, unit, rq.address, n)) {
			*why = "registers not writable";
			return MB_EX_ILLEGAL_DATA_ADDRESS;
		}
	}
	return 0;
}

/* --- connections */

static void conn_close(struct gw_conn *cn, const char *why);

static struct gw_conn *
conn_find(struct gateway *g, uint32_t id)
{
	for (struct gw_conn *cn = g->conns; cn != NULL; cn = cn->next)
		if (cn->id == id)
			return cn;
	return NULL;
}

static void
conn_flush(struct gw_conn *cn)
{
	while (cn->n_out > 0) {
		ssize_t w = send(cn->fd, cn->out, cn->n_out, MSG_NOSIGNAL);
		if (w < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				break;
			if (errno == EINTR)
				continue;
			conn_close(cn, "write failed");
			return;
		}
		memmove(cn->out, cn->out + w, cn->n_out - (size_t)w);
		cn->n_out -= (size_t)w;
	}
	ev_io_set_events(cn->g->loop, &cn->io, EV_READ | (cn->n_out > 0 ? EV_WRITE : 0));
}

/* Queues a reply ADU; a client that does not read its replies is dropped, never waited for. */
static void
conn_send(struct gw_conn *cn, const uint8_t *p, size_t n)
{
	if (n > sizeof(cn->out) - cn->n_out) {
		conn_close(cn, "client does not read its replies");
		return;
	}
	memcpy(cn->out + cn->n_out, p, n);
	cn->n_out += n;
	conn_flush(cn);
}

/* Answers request rq on its connection with PDU pdu (an RTU ADU in rtu mode). */
static void
reply_pdu(struct gateway *g, struct gw_conn *cn, const struct gw_req *rq, const uint8_t *pdu,
          size_t len)
{
	uint8_t adu[MBTCP_ADU_MAX + 2];
	int     n;

	if (g->cfg.rtu)
		n = mbrtu_adu_encode(rq->unit, pdu, len, adu, sizeof(adu));
	else
		n = mbtcp_adu_encode(rq->tid, rq->unit, pdu, len, adu, sizeof(adu));
	if (n > 0)
		conn_send(cn, adu, (size_t)n);
}

static void
reply_exception(struct gateway *g, struct gw_conn *cn, const struct gw_req *rq, uint8_t ex)
{
	uint8_t pdu[2] = {(uint8_t)(rq->pdu[0] | 0x80), ex};

	reply_pdu(g, cn, rq, pdu, sizeof(pdu));
}

static void gw_kick(struct gateway *g);

/* One request from a client: judged, then queued for the bus or answered at once. */
static void
gw_request(struct gw_conn *cn, uint16_t tid, uint8_t unit, const uint8_t *pdu, size_t len)
{
	struct gateway *g = cn->g;
	struct gw_req   rq = {.conn_id = cn->id, .tid = tid, .unit = unit, .pdu_len = (uint8_t)len};
	const char     *why = NULL;
	uint8_t         ex;

	memcpy(rq.pdu, pdu, len);
	ex = gw_judge(&g->cfg, unit, pdu, len, &why);
	if (ex != 0) {
		g->refused++;
		if (g->logged++ < GW_LOG_MAX)
			log_warnx("gateway %s:%u: %s: function %u to slave %u refused (%s)",
			          g->cfg.listen_host, g->cfg.listen_port, cn->peer, pdu[0], unit, why);
		reply_exception(g, cn, &rq, ex);
		return;
	}
	if (g->q_len == GW_QUEUE || cn->pending >= GW_CONN_PENDING) {
		g->busy++;
		reply_exception(g, cn, &rq, MB_EX_SERVER_BUSY);
		return;
	}
	g->queue[(g->q_head + g->q_len++) % GW_QUEUE] = rq;
	cn->pending++;
	gw_kick(g);
}

/* Takes every whole ADU out of the connection's input. */
static void
conn_parse(struct gw_conn *cn)
{
	struct gateway *g = cn->g;
	uint32_t        id = cn->id;
	size_t          off = 0;

	while (off < cn->n_in) {
		const uint8_t *p = cn->in + off;
		size_t         n = cn->n_in - off;
		if (!g->cfg.rtu) {
			struct mbtcp_header h;
			const uint8_t      *pdu;
			size_t              pdu_len;
			int                 r = mbtcp_adu_parse(&h, &pdu, &pdu_len, p, n);
			if (r == 0)
				break;
			if (r < 0) {
				g->malformed++;
				conn_close(cn, "malformed MBAP header");
				return;
			}
			gw_request(cn, h.transaction, h.unit, pdu, pdu_len);
			off += (size_t)r;
		} else {
			/* RTU over TCP: slave, PDU, CRC; the PDU's length from its function. */
			int len = n > 1 ? mb_req_length(p + 1, n - 1) : 0;
			if (len < 0) {
				g->malformed++;
				conn_close(cn, "RTU request of unknown shape");
				return;
			}
			if (len == 0 || n < (size_t)len + 3)
				break;
			if (crc16_modbus(p, (size_t)len + 3) != 0) {
				g->malformed++;
				conn_close(cn, "RTU request with a bad CRC");
				return;
			}
			gw_request(cn, 0, p[0], p + 1, (size_t)len);
			off += (size_t)len + 3;
		}
		if (conn_find(g, id) == NULL)
			return; /* closed while answering */
	}
	memmove(cn->in, cn->in + off, cn->n_in - off);
	cn->n_in -= off;
}

static void
conn_io(struct ev_loop *loop, struct ev_io *w, unsigned revents)
{
	struct gw_conn *cn = w->data;
	struct gateway *g = cn->g;
	uint32_t        id = cn->id;

	cn->last_active = ev_now(loop);
	if (revents & EV_WRITE) {
		conn_flush(cn);
		if (conn_find(g, id) == NULL)
			return;
	}
	if (revents & (EV_READ | EV_ERROR)) {
		ssize_t r = recv(cn->fd, cn->in + cn->n_in, sizeof(cn->in) - cn->n_in, 0);
		if (r == 0) {
			conn_close(cn, NULL);
			return;
		}
		if (r < 0) {
			if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
				conn_close(cn, "read failed");
			return;
		}
		cn->n_in += (size_t)r;
		conn_parse(cn);
	}
}

static void
conn_close(struct gw_conn *cn, const char *why)
{
	struct gateway  *g = cn->g;
	struct gw_conn **pp;

	if (why != NULL)
		log_warnx("gateway %s:%u: %s: %s, connection closed", g->cfg.listen_host,
		          g->cfg.listen_port, cn->peer, why);
	else
		log_debug("gateway: %s disconnected", cn->peer);
	/* Its queued requests are not sent: nobody would read the answer. */
	{
		size_t n = g->q_len;
		g->q_len = 0;
		for (size_t i = 0; i < n; i++) {
			struct gw_req rq = g->queue[(g->q_head + i) % GW_QUEUE];
			if (rq.conn_id != cn->id)
				g->queue[(g->q_head + g->q_len++) % GW_QUEUE] = rq;
		}
	}
	ev_io_stop(g->loop, &cn->io);
	close(cn->fd);
	for (pp = &g->conns; *pp != NULL; pp = &(*pp)->next)
		if (*pp == cn) {
			*pp = cn->next;
			break;
		}
	g->n_conns--;
	free(cn);
}

static bool
peer_allowed(const struct gateway *g, const struct sockaddr_storage *ss, char *peer, size_t cap)
{
	const uint8_t *addr;
	int            family = ss->ss_family;
	uint8_t        v4[4];
	uint16_t       port;

	if (family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)ss;
		addr = (const uint8_t *)&in->sin_addr;
		port = ntohs(in->sin_port);
		inet_ntop(AF_INET, addr, peer, (socklen_t)cap);
	} else {
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)ss;
		addr = (const uint8_t *)&in6->sin6_addr;
		port = ntohs(in6->sin6_port);
		inet_ntop(AF_INET6, addr, peer, (socklen_t)cap);
		/* A v4 client on a dual-stack socket is judged by its v4 address. */
		if (IN6_IS_ADDR_V4MAPPED(&in6->sin6_addr)) {
			memcpy(v4, addr + 12, 4);
			addr = v4;
			family = AF_INET;
			inet_ntop(AF_INET, addr, peer, (socklen_t)cap);
		}
	}
	snprintf(peer + strlen(peer), cap - strlen(peer), ":%u", port);
	if (g->cfg.n_allow == 0)
		return true;
	for (size_t i = 0; i < g->cfg.n_allow; i++)
		if (net_contains(&g->cfg.allow[i], family, addr))
			return true;
	return false;
}

static void
gw_accept(struct ev_loop *loop, struct ev_io *w, unsigned revents)
{
	struct gateway *g = w->data;

	(void)revents;
	for (;;) {
		struct sockaddr_storage ss;
		socklen_t               sl = sizeof(ss);
		char                    peer[64];
		struct gw_conn         *cn;
		int                     fd = accept4(g->lfd, (struct sockaddr *)&ss, &sl,
		                                     SOCK_NONBLOCK | SOCK_CLOEXEC);

		if (fd < 0) {
			if (errno == EMFILE || errno == ENFILE)
				log_warn("gateway %s:%u: accept", g->cfg.listen_host, g->cfg.listen_port);
			return;
		}
		if (!peer_allowed(g, &ss, peer, sizeof(peer))) {
			g->denied++;
			if (g->logged++ < GW_LOG_MAX)
				log_warnx("gateway %s:%u: %s is not in the allow list, refused",
				          g->cfg.listen_host, g->cfg.listen_port, peer);
			close(fd);
			continue;
		}
		if (g->n_conns >= g->cfg.clients || (cn = calloc(1, sizeof(*cn))) == NULL) {
			if (g->logged++ < GW_LOG_MAX)
				log_warnx("gateway %s:%u: %s refused, %u clients connected",
				          g->cfg.listen_host, g->cfg.listen_port, peer, g->n_conns);
			close(fd);
			continue;
		}
		cn->g = g;
		cn->fd = fd;
		cn->id = ++g->next_id;
		cn->last_active = ev_now(loop);
		snprintf(cn->peer, sizeof(cn->peer), "%s", peer);
		ev_io_init(&cn->io, conn_io, cn);
		if (ev_io_start(loop, &cn->io, fd, EV_READ) != 0) {
			close(fd);
			free(cn);
			continue;
		}
		cn->next = g->conns;
		g->conns = cn;
		g->n_conns++;
		log_debug("gateway: %s connected", peer);
	}
}

/* --- the bus side: one request per bus turn */

static void gw_drive(struct gateway *g);

static void
gw_kick(struct gateway *g)
{
	if (g->q_len > 0 && !g->waiting_bus && !g->on_bus) {
		g->waiting_bus = true;
		bus_acquire(g->bus, &g->cl);
	}
}

static void
gw_grant(struct bus_client *c)
{
	struct gateway *g = c->data;
	int             r;

	g->waiting_bus = false;
	if (g->q_len == 0) {
		bus_release(g->bus, &g->cl);
		return;
	}
	g->cur = g->queue[g->q_head];
	g->q_head = (g->q_head + 1) % GW_QUEUE;
	g->q_len--;
	g->on_bus = true;
	r = mb_session_submit(&g->sess, g->cur.unit, g->cur.pdu, g->cur.pdu_len, 0);
	if (r != 0) {
		struct gw_conn *cn = conn_find(g, g->cur.conn_id);
		if (cn != NULL) {
			cn->pending--;
			reply_exception(g, cn, &g->cur, MB_EX_ILLEGAL_DATA_VALUE);
		}
		g->on_bus = false;
		bus_release(g->bus, &g->cl);
		gw_kick(g);
		return;
	}
	g->forwarded++;
	gw_drive(g);
}

/* The line has rested t3.5 after the reply: the next master's turn. */
static void
gw_turn_end(struct gateway *g)
{
	g->turn_over = false;
	g->on_bus = false;
	bus_release(g->bus, &g->cl);
	gw_kick(g);
}

static void
gw_answer(struct gateway *g, const struct mb_session_event *ev)
{
	struct gw_conn *cn = conn_find(g, g->cur.conn_id);

	if (cn == NULL)
		return; /* the client left; the answer has nobody to go to */
	cn->pending--;
	switch (ev->kind) {
	case MB_SEV_REPLY:
	case MB_SEV_EXCEPTION:
		if (ev->adu_len >= 4)
			reply_pdu(g, cn, &g->cur, ev->adu + 1, ev->adu_len - 3);
		break;
	case MB_SEV_TIMEOUT:
	case MB_SEV_SKIPPED:
		g->no_answer++;
		reply_exception(g, cn, &g->cur, MB_EX_GATEWAY_TARGET);
		break;
	default: /* a broadcast: no answer */
		break;
	}
}

static void
gw_drive(struct gateway *g)
{
	uint64_t                now = ev_now(g->loop), dl;
	struct mb_session_event ev;
	bool                    busy = true, done = false;

	while (busy) {
		const uint8_t *tx;
		size_t         n;

		busy = false;
		mb_session_step(&g->sess, now);
		if ((n = mb_session_output(&g->sess, &tx)) > 0) {
			if (bus_write(g->bus, tx, n) < 0)
				log_debug("gateway: request not sent, port %s down", bus_name(g->bus));
			busy = true;
		}
		while (mb_session_event(&g->sess, &ev)) {
			gw_answer(g, &ev);
			done = true;
			busy = true;
		}
	}
	if (done) {
		/* Leave the line quiet for t3.5 before the next master's request. */
		g->turn_over = true;
		ev_timer_start(g->loop, &g->tm, g->sess.gap_ms);
		return;
	}
	dl = mb_session_deadline(&g->sess);
	if (dl != MB_SESSION_NEVER)
		ev_timer_start_at(g->loop, &g->tm, dl > now ? dl : now);
}

static void
gw_timer(struct ev_loop *loop, struct ev_timer *t)
{
	struct gateway *g = t->data;

	(void)loop;
	if (g->turn_over)
		gw_turn_end(g);
	else if (g->on_bus)
		gw_drive(g);
}

static void
gw_rx(struct bus_client *c, const uint8_t *p, size_t n, uint64_t now)
{
	struct gateway *g = c->data;

	if (!bus_holds(g->bus, c) || !g->on_bus)
		return;
	mb_session_input(&g->sess, p, n, now);
	gw_drive(g);
	bus_rx_wait(g->bus, c, mb_session_rx_wanted(&g->sess), mb_session_deadline(&g->sess));
}

static void
gw_idle(struct ev_loop *loop, struct ev_timer *t)
{
	struct gateway *g = t->data;
	uint64_t        now = ev_now(loop);

	/* Half-open and forgotten connections must not hold a client slot forever. */
	for (struct gw_conn *cn = g->conns, *next; cn != NULL; cn = next) {
		next = cn->next;
		if (cn->pending == 0 && now - cn->last_active > g->cfg.idle_ms)
			conn_close(cn, "idle");
	}
	ev_timer_start(loop, t, g->cfg.idle_ms / 4 + 1);
}

/* --- start and stop */

static int
gw_listen(struct gateway *g)
{
	struct addrinfo hints = {.ai_socktype = SOCK_STREAM, .ai_flags = AI_PASSIVE | AI_NUMERICHOST |
	                                                                 AI_NUMERICSERV};
	struct addrinfo *ai;
	char             service[8];
	int              fd, one = 1, r;

	snprintf(service, sizeof(service), "%u", g->cfg.listen_port);
	r = getaddrinfo(g->cfg.listen_host[0] != '\0' ? g->cfg.listen_host : NULL, service, &hints, &ai);
	if (r != 0) {
		log_warnx("gateway: listen %s:%u: %s", g->cfg.listen_host, g->cfg.listen_port,
		          gai_strerror(r));
		return -1;
	}
	fd = socket(ai->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
	    bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 || listen(fd, 16) != 0) {
		log_warn("gateway: listen %s:%u", g->cfg.listen_host, g->cfg.listen_port);
		if (fd >= 0)
			close(fd);
		freeaddrinfo(ai);
		return -1;
	}
	freeaddrinfo(ai);
	g->lfd = fd;
	ev_io_init(&g->lio, gw_accept, g);
	return ev_io_start(g->loop, &g->lio, fd, EV_READ);
}

static struct gateway *
gw_start(struct engine *e, const struct cfg_section *s)
{
	struct gateway          *g = calloc(1, sizeof(*g));
	struct cfg_diag          d = {.file = "gateway", .errs = NULL};
	struct mb_session_config mc;

	if (g == NULL)
		return NULL;
	g->e = e;
	g->loop = engine_loop(e);
	g->lfd = -1;
	if (gw_parse(s, &d, &g->cfg) != 0) {
		free(g);
		return NULL;
	}
	/* Join the bus of the meters on this port, with their line settings. */
	g->bus = engine_find_bus(e, g->cfg.port.spec);
	if (g->bus == NULL) {
		if (!g->cfg.have_line)
			log_warnx("gateway %s:%u: no meter uses %s; give its line settings (line 19200 8N1)",
			          g->cfg.listen_host, g->cfg.listen_port, g->cfg.port.spec);
		g->bus = engine_bus(e, &g->cfg.port, &g->cfg.line);
	}
	if (g->bus == NULL) {
		free(g);
		return NULL;
	}
	memset(&mc, 0, sizeof(mc));
	mc.baud = bus_params(g->bus)->baud;
	mc.char_bits = serial_char_bits(bus_params(g->bus));
	mc.retries = 0; /* the client's tool retries by itself */
	mb_session_init(&g->sess, &mc);
	ev_timer_init(&g->tm, gw_timer, g);
	ev_timer_init(&g->idle_tm, gw_idle, g);
	g->cl.on_rx = gw_rx;
	g->cl.on_grant = gw_grant;
	g->cl.data = g;
	bus_add_client(g->bus, &g->cl);
	if (gw_listen(g) != 0) {
		bus_remove_client(g->bus, &g->cl);
		free(g);
		return NULL;
	}
	ev_timer_start(g->loop, &g->idle_tm, g->cfg.idle_ms / 4 + 1);
	log_info("gateway: Modbus %s on %s:%u to %s, %s%s", g->cfg.rtu ? "RTU over TCP" : "TCP",
	         g->cfg.listen_host[0] != '\0' ? g->cfg.listen_host : "*", g->cfg.listen_port,
	         bus_name(g->bus), g->cfg.write ? "reads and writes" : "read-only",
	         g->cfg.n_allow > 0 ? ", allow list" : ", any client");
	return g;
}

struct gateway *
gateway_start_all(struct engine *e, const struct cfg *c)
{
	struct gateway *head = NULL, **tail = &head;

	for (const struct cfg_section *s = cfg_section_find(c, "gateway"); s != NULL;
	     s = cfg_section_next(s)) {
		struct gateway *g = gw_start(e, s);
		if (g == NULL) {
			log_warnx("%s:%u: gateway not started", c->file, s->line);
			continue;
		}
		*tail = g;
		tail = &g->next;
	}
	return head;
}

void
gateway_stop_all(struct gateway *g)
{
	while (g != NULL) {
		struct gateway *next = g->next;
		while (g->conns != NULL)
			conn_close(g->conns, NULL);
		ev_timer_stop(g->loop, &g->tm);
		ev_timer_stop(g->loop, &g->idle_tm);
		ev_io_stop(g->loop, &g->lio);
		if (g->lfd >= 0)
			close(g->lfd);
		bus_remove_client(g->bus, &g->cl);
		log_info("gateway %s:%u: stopped (%u forwarded, %u refused, %u unanswered, %u busy, %u malformed, %u clients denied)",
		         g->cfg.listen_host, g->cfg.listen_port, g->forwarded, g->refused, g->no_answer,
		         g->busy, g->malformed, g->denied);
		free(g);
		g = next;
	}
}
