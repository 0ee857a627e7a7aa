/*
 * The Modbus master session on a fake bus with a fake clock: slaves built
 * from the PDU layer's server side (mb_req_parse, mb_rsp_encode), a reply
 * latency, and faults injected per slave. Time jumps from deadline to
 * deadline; nothing sleeps. Scenarios: two slaves polled at their rate,
 * timeouts and retries, a dead slave backing off (exponential, capped)
 * while the other keeps its rate and then coming back, noise and CRC
 * errors and wrong-slave frames, exception replies, foreign (gateway)
 * requests interleaved with polls, broadcasts, an unknown function framed
 * by silence, and a line with local echo.
 */
#include <stdio.h>
#include <string.h>

#include "meterd/mb_session.h"
#include "unit.h"

#define LATENCY_MS 15

struct fake_slave {
	uint8_t  addr;
	bool     mute;        /* never answers */
	uint8_t  exception;   /* answers every request with this exception */
	int      noise;       /* bytes of noise before the next reply(s) */
	int      bad_crc;     /* next replies have a broken CRC */
	int      impostor;    /* next replies are preceded by a frame from slave 99 */
	uint16_t regs[128];
	unsigned served;
};

struct sent {
	uint8_t  slave;
	uint8_t  function;
	uint64_t at;
};

struct bus {
	struct mb_session s;
	uint64_t          now;
	struct fake_slave slaves[4];
	int               nslaves;
	bool              echo; /* the line echoes what the master sends */
	int               echo_flip; /* > 0: the next echo has byte echo_flip - 1 inverted */
	uint8_t           pend[1024];
	size_t            pend_len;
	uint64_t          deliver_at;
	bool              outstanding;
	int               overlap; /* a request sent while another was outstanding */
	struct sent       sent[4096];
	int               nsent;
	struct mb_session_event evs[4096];
	int               nev;
	uint64_t          ev_at[4096];
	uint16_t          ev_reg0[4096]; /* first register of a read reply */
	struct reading    last;          /* the last value of the last read reply */
};

static struct bus B;

static void
bus_init(const struct mb_session_config *cfg)
{
	memset(&B, 0, sizeof(B));
	mb_session_init(&B.s, cfg);
	B.now = 1000;
}

static struct fake_slave *
add_slave(uint8_t addr)
{
	struct fake_slave *f = &B.slaves[B.nslaves++];
	int i;

	f->addr = addr;
	for (i = 0; i < 128; i++)
		f->regs[i] = (uint16_t)(addr * 1000 + i);
	return f;
}

static void
queue_bytes(const uint8_t *p, size_t n)
{
	memcpy(B.pend + B.pend_len, p, n);
	B.pend_len += n;
}

/* The slave's side: parse the request, answer from its registers. */
static void
serve(const uint8_t *adu, size_t n)
{
	struct mb_request rq;
	struct mb_response rs;
	uint8_t vals[256], pdu[MB_PDU_MAX], out[MBRTU_ADU_MAX];
	struct fake_slave *f = NULL;
	int i, len;

	if (B.echo) {
		queue_bytes(adu, n);
		if (B.echo_flip > 0 && (size_t)B.echo_flip <= n) {
			B.pend[B.pend_len - n + (size_t)B.echo_flip - 1] ^= 0xFF;
			B.echo_flip = 0;
		}
	}
	for (i = 0; i < B.nslaves; i++)
		if (B.slaves[i].addr == adu[0])
			f = &B.slaves[i];
	if (f == NULL || f->mute || !mbrtu_adu_crc_ok(adu, n))
		return;
	f->served++;
	memset(&rs, 0, sizeof(rs));
	if (adu[1] == 8) { /* diagnostics "return query data": an echo */
		if (adu[0] != 0)
			queue_bytes(adu, n);
		return;
	}
	CHECK_INT(mb_req_parse(&rq, adu + 1, n - 3), 0);
	rs.function = rq.function;
	if (f->exception) {
		rs.exception = f->exception;
	} else if (rq.function == 3 || rq.function == 4) {
		for (i = 0; i < rq.count; i++) {
			vals[2 * i] = (uint8_t)(f->regs[(rq.address + i) % 128] >> 8);
			vals[2 * i + 1] = (uint8_t)f->regs[(rq.address + i) % 128];
		}
		rs.values = vals;
		rs.values_len = (uint8_t)(2 * rq.count);
	} else if (rq.function == 6) {
		f->regs[rq.address % 128] = mb_word(rq.values, 0);
		rs.address = rq.address;
		rs.value = mb_word(rq.values, 0);
	} else if (rq.function == 16) {
		for (i = 0; i < rq.count; i++)
			f->regs[(rq.address + i) % 128] = mb_word(rq.values, (size_t)i);
		rs.address = rq.address;
		rs.count = rq.count;
	} else {
		rs.exception = MB_EX_ILLEGAL_FUNCTION;
	}
	if (adu[0] == 0)
		return; /* broadcast: carried out, never answered */
	len = mb_rsp_encode(&rs, pdu, sizeof(pdu));
	CHECK(len > 0);
	if (f->impostor > 0) {
		f->impostor--;
		len = mbrtu_adu_encode(99, pdu, (size_t)len, out, sizeof(out));
		queue_bytes(out, (size_t)len);
		len = mb_rsp_encode(&rs, pdu, sizeof(pdu));
	}
	if (f->noise > 0) {
		static const uint8_t junk[] = {0x00, 0xFF, 0x13, 0x37, 0x80};
		queue_bytes(junk, (size_t)(f->noise < 5 ? f->noise : 5));
		f->noise = 0;
	}
	len = mbrtu_adu_encode(f->addr, pdu, (size_t)len, out, sizeof(out));
	if (f->bad_crc > 0) {
		f->bad_crc--;
		out[len - 1] ^= 0x55;
	}
	queue_bytes(out, (size_t)len);
}

/* Runs the loop until the fake clock reaches t. */
static void
run_until(uint64_t t)
{
	int guard = 0;

	while (B.now <= t) {
		const uint8_t *p;
		size_t n;
		struct mb_session_event ev;
		uint64_t next;

		if (++guard > 1000000) {
			CHECK(!"loop does not advance");
			return;
		}
		if (B.pend_len > 0 && B.now >= B.deliver_at) {
			/* Delivered in two pieces, as a USB adapter might. */
			size_t half = B.pend_len / 2;
			mb_session_input(&B.s, B.pend, half, B.now);
			mb_session_input(&B.s, B.pend + half, B.pend_len - half, B.now);
			B.pend_len = 0;
		}
		mb_session_step(&B.s, B.now);
		while ((n = mb_session_output(&B.s, &p)) > 0) {
			/* Only a retry of the same request may follow a request without an event. */
			if (B.outstanding && (B.nsent == 0 || B.sent[B.nsent - 1].slave != p[0] ||
			                      B.sent[B.nsent - 1].function != p[1] || B.pend_len > 0))
				B.overlap++;
			B.outstanding = true;
			if (B.nsent < 4096)
				B.sent[B.nsent++] = (struct sent){p[0], p[1], B.now};
			serve(p, n);
			B.deliver_at = B.now + LATENCY_MS;
		}
		while (mb_session_event(&B.s, &ev)) {
			if (ev.kind != MB_SEV_SKIPPED)
				B.outstanding = false;
			if (B.nev < 4096) {
				B.ev_at[B.nev] = B.now;
				B.ev_reg0[B.nev] = ev.kind == MB_SEV_REPLY && ev.rsp.values_len >= 2
				                       ? mb_word(ev.rsp.values, 0)
				                       : 0;
				B.evs[B.nev++] = ev;
				if (ev.kind == MB_SEV_REPLY && mb_read_count(&ev.req, &ev.rsp) > 0)
					mb_read_reading(&B.last, ev.slave, &ev.req, &ev.rsp,
					                mb_read_count(&ev.req, &ev.rsp) - 1);
			}
		}
		next = mb_session_deadline(&B.s);
		if (B.pend_len > 0 && B.deliver_at < next)
			next = B.deliver_at;
		if (next <= B.now)
			continue;
		B.now = next == MB_SESSION_NEVER || next > t ? t + 1 : next;
	}
}

static int
count_events(enum mb_session_event_kind kind, uint8_t slave)
{
	int i, n = 0;

	for (i = 0; i < B.nev; i++)
		if (B.evs[i].kind == kind && B.evs[i].slave == slave)
			n++;
	return n;
}

static int
count_sent(uint8_t slave)
{
	int i, n = 0;

	for (i = 0; i < B.nsent; i++)
		if (B.sent[i].slave == slave)
			n++;
	return n;
}

static void
read_pdu(uint8_t *pdu, uint16_t address, uint16_t count)
{
	struct mb_request rq = {.function = 3, .address = address, .count = count};

	CHECK_INT(mb_req_encode(&rq, pdu, 5), 5);
}

static void
test_two_slaves(void)
{
	struct mb_session_config cfg = {.baud = 19200, .retries = 2};
	uint8_t pdu[5];
	int i, r1 = 0, r2 = 0;

	bus_init(&cfg);
	add_slave(1);
	add_slave(2);
	read_pdu(pdu, 9, 14);
	CHECK_INT(mb_session_add_poll(&B.s, 1, pdu, 5, 1000, 11, B.now), 0);
	read_pdu(pdu, 106, 1);
	CHECK_INT(mb_session_add_poll(&B.s, 2, pdu, 5, 1000, 22, B.now), 1);
	run_until(B.now + 10000 - 1);
	CHECK_INT(B.overlap, 0);
	for (i = 0; i < B.nev; i++) {
		const struct mb_session_event *e = &B.evs[i];
		CHECK_INT(e->kind, MB_SEV_REPLY);
		CHECK_INT(e->attempts, 1);
		if (e->slave == 1) {
			r1++;
			CHECK_INT(e->tag, 11);
			CHECK_INT(e->poll, 0);
			CHECK_INT(e->rsp.values_len, 28);
			CHECK_INT(B.ev_reg0[i], 1009);
			CHECK_INT(e->req.address, 9);

		} else {
			r2++;
			CHECK_INT(e->tag, 22);
			CHECK_INT(B.ev_reg0[i], 2106);
		}
	}
	CHECK_INT(r1, 10);
	CHECK_INT(r2, 10);
	/* What the daemon publishes, named the decoder's way (taken while the event was current). */
	CHECK_STR(B.last.id, "modbus:2:hr106");
	CHECK_INT(B.last.raw, 2106);
	/* Each poll keeps its 1 s period; the bus is silent t3.5 between frames. */
	for (i = 2; i < B.nsent; i++)
		if (B.sent[i].slave == B.sent[i - 2].slave)
			CHECK_INT(B.sent[i].at - B.sent[i - 2].at, 1000);
	CHECK(B.sent[1].at >= B.sent[0].at + LATENCY_MS + 2);
	CHECK_INT(mb_session_stats(&B.s)->sent, 20);
	CHECK_INT(mb_session_stats(&B.s)->replies, 20);
	CHECK_INT(mb_session_stats(&B.s)->garbage_bytes, 0);
}

static void
test_dead_slave(void)
{
	struct mb_session_config cfg = {
	    .baud = 9600, .retries = 2, .backoff_min_ms = 2000, .backoff_max_ms = 8000};
	struct fake_slave *dead;
	const struct mb_slave_health *h;
	uint8_t pdu[5];
	uint64_t t0, last_probe = 0;
	int i, gaps[8], ngaps = 0;

	bus_init(&cfg);
	add_slave(1);
	dead = add_slave(2);
	dead->mute = true;
	read_pdu(pdu, 0, 4);
	CHECK_INT(mb_session_add_poll(&B.s, 1, pdu, 5, 1000, 1, B.now), 0);
	CHECK_INT(mb_session_add_poll(&B.s, 2, pdu, 5, 1000, 2, B.now), 1);
	t0 = B.now;
	run_until(t0 + 60000 - 1);
	CHECK_INT(B.overlap, 0);
	/* The first failure: the request and two retries, then one timeout event. */
	for (i = 0; i < B.nev; i++)
		if (B.evs[i].slave == 2 && B.evs[i].kind == MB_SEV_TIMEOUT)
			break;
	CHECK(i < B.nev);
	if (i < B.nev)
		CHECK_INT(B.evs[i].attempts, 3);
	/* Then single probes, spaced by 2, 4, 8, 8 ... s (capped). */
	for (i = 0; i < B.nsent; i++) {
		if (B.sent[i].slave != 2)
			continue;
		if (i > 0 && last_probe && B.sent[i].at - last_probe > 1500 && ngaps < 8)
			gaps[ngaps++] = (int)(B.sent[i].at - last_probe);
		last_probe = B.sent[i].at;
	}
	CHECK(ngaps >= 5);
	if (ngaps >= 5) {
		/*
		 * A probe goes at the first poll due after the back-off (counted
		 * from the failure) ends: within one period after it.
		 */
		static const int backoff[5] = {2000, 4000, 8000, 8000, 8000};
		for (i = 0; i < 5; i++)
			CHECK(gaps[i] > backoff[i] && gaps[i] <= backoff[i] + 1000);
	}
	/* The other slave kept its rate: 60 polls in 60 s, none lost. */
	CHECK_INT(count_events(MB_SEV_REPLY, 1), 60);
	CHECK(count_events(MB_SEV_SKIPPED, 2) > 40);
	h = mb_session_slave(&B.s, 2);
	CHECK(h != NULL && h->dead && h->backoff_ms == 8000);
	CHECK_INT(mb_session_stats(&B.s)->timeouts, (uint32_t)count_sent(2));

	/* It comes back: the next probe succeeds and the rate is whole again. */
	dead->mute = false;
	B.nev = 0;
	run_until(B.now + 20000);
	h = mb_session_slave(&B.s, 2);
	CHECK(h != NULL && !h->dead && h->backoff_ms == 0);
	CHECK(count_events(MB_SEV_REPLY, 2) >= 10);
	CHECK(count_events(MB_SEV_REPLY, 1) >= 20);
}

static void
test_garbage(void)
{
	struct mb_session_config cfg = {.baud = 19200, .retries = 1};
	const struct mb_session_stats *st;
	struct fake_slave *f;
	uint8_t pdu[5];

	bus_init(&cfg);
	f = add_slave(5);
	read_pdu(pdu, 0, 2);
	CHECK_INT(mb_session_add_poll(&B.s, 5, pdu, 5, 1000, 0, B.now), 0);
	f->noise = 3; /* noise, then the reply: still taken */
	run_until(B.now + 500);
	st = mb_session_stats(&B.s);
	CHECK_INT(count_events(MB_SEV_REPLY, 5), 1);
	CHECK_INT(st->garbage_bytes, 3);
	f->impostor = 1; /* a valid frame from slave 99 first: counted, skipped */
	run_until(B.now + 1000);
	CHECK_INT(count_events(MB_SEV_REPLY, 5), 2);
	CHECK_INT(st->wrong_slave, 1);
	f->bad_crc = 1; /* a broken reply: times out, the retry succeeds */
	run_until(B.now + 1000);
	CHECK_INT(count_events(MB_SEV_REPLY, 5), 3);
	CHECK_INT(B.evs[B.nev - 1].attempts, 2);
	CHECK_INT(st->crc_errors, 1);
	CHECK_INT(st->timeouts, 1);
	CHECK_INT(st->failures, 0);
	/* Bytes nobody asked for are counted, not taken as a reply. */
	mb_session_input(&B.s, (const uint8_t *)"\x05\x03\x04\x00\x01\x00\x02", 7, B.now);
	CHECK_INT(st->garbage_bytes, 10);
	CHECK_INT(B.overlap, 0);
}

static void
test_exception(void)
{
	struct mb_session_config cfg = {.baud = 19200, .retries = 3};
	struct fake_slave *f;
	uint8_t pdu[5];

	bus_init(&cfg);
	f = add_slave(247);
	f->exception = MB_EX_ILLEGAL_DATA_ADDRESS;
	read_pdu(pdu, 28, 4);
	CHECK_INT(mb_session_add_poll(&B.s, 247, pdu, 5, 1000, 0, B.now), 0);
	run_until(B.now + 100);
	CHECK_INT(B.nev, 1);
	CHECK_INT(B.evs[0].kind, MB_SEV_EXCEPTION);
	CHECK_INT(B.evs[0].rsp.exception, 2);
	CHECK_INT(B.evs[0].rsp.function, 3);
	CHECK_INT(B.evs[0].attempts, 1); /* an answer: never retried */
	CHECK_INT(B.evs[0].adu_len, 5);
	CHECK(!mb_session_slave(&B.s, 247)->dead);
	CHECK_INT(mb_session_slave(&B.s, 247)->exceptions, 1);
}

static void
test_gateway_interleave(void)
{
	struct mb_session_config cfg = {.baud = 19200, .foreign_burst = 1};
	struct fake_slave *f;
	uint8_t pdu[5], wr[5];
	struct mb_request w = {.function = 6, .address = 7, .values = (const uint8_t *)"\x12\x34",
	                       .values_len = 2};
	int i, k = 0;
	char order[16];

	bus_init(&cfg);
	f = add_slave(1);
	add_slave(2)->mute = true;
	read_pdu(pdu, 0, 1);
	/* A period shorter than a round trip: the poll is always due. */
	CHECK_INT(mb_session_add_poll(&B.s, 1, pdu, 5, 10, 0, B.now), 0);
	CHECK_INT(mb_req_encode(&w, wr, sizeof(wr)), 5);
	for (i = 0; i < 4; i++)
		CHECK_INT(mb_session_submit(&B.s, 1, wr, 5, 100 + (uint32_t)i), 0);
	/* Foreign and poll requests alternate while the poll is due. */
	run_until(B.now + 200);
	for (i = 0; i < B.nsent && k < 8; i++)
		order[k++] = B.sent[i].function == 6 ? 'W' : 'R';
	order[k] = '\0';
	CHECK_STR(order, "WRWRWRWR");
	CHECK_INT(f->regs[7], 0x1234);
	CHECK_INT(count_events(MB_SEV_REPLY, 1) >= 8, 1);
	for (i = 0; i < B.nev; i++)
		if (B.evs[i].poll < 0) {
			CHECK_INT(B.evs[i].req.function, 6);
			CHECK_INT(B.evs[i].rsp.value, 0x1234);
			CHECK(B.evs[i].tag >= 100 && B.evs[i].tag <= 103);
		}
	/* A full queue says so. */
	for (i = 0; i < MB_SESSION_QUEUE; i++)
		CHECK_INT(mb_session_submit(&B.s, 1, wr, 5, 0), 0);
	CHECK_INT(mb_session_submit(&B.s, 1, wr, 5, 0), MB_E_SPACE);
	run_until(B.now + 1000);
	/* A foreign request to a dead slave fails at once (the gateway answers 0x0B). */
	B.nev = 0;
	CHECK_INT(mb_session_submit(&B.s, 2, wr, 5, 7), 0);
	run_until(B.now + 2000);
	CHECK_INT(count_events(MB_SEV_TIMEOUT, 2), 1);
	B.nev = 0;
	CHECK_INT(mb_session_submit(&B.s, 2, wr, 5, 8), 0);
	run_until(B.now + 100);
	CHECK_INT(count_events(MB_SEV_SKIPPED, 2), 1);
	/* Bad PDUs are refused. */
	CHECK_INT(mb_session_submit(&B.s, 1, wr, 0, 0), MB_E_INVALID);
	CHECK_INT(mb_session_submit(&B.s, 1, (const uint8_t *)"\x03\x00\x00\x00\x00", 5, 0), MB_E_INVALID);
	CHECK_INT(mb_session_add_poll(&B.s, 0, pdu, 5, 100, 0, B.now), MB_E_INVALID);
	CHECK_INT(B.overlap, 0);
}

static void
test_broadcast_unknown_echo(void)
{
	struct mb_session_config cfg = {.baud = 19200, .broadcast_delay_ms = 200};
	struct fake_slave *f;
	struct mb_request w = {.function = 6, .address = 3, .values = (const uint8_t *)"\x00\x2A",
	                       .values_len = 2};
	uint8_t wr[5], pdu[5];
	const uint8_t *p8;
	static const uint8_t diag[] = {0x08, 0x00, 0x00, 0xA5, 0x37};

	bus_init(&cfg);
	f = add_slave(1);
	CHECK_INT(mb_req_encode(&w, wr, sizeof(wr)), 5);
	/* Broadcast: no reply; done after the delay. */
	CHECK_INT(mb_session_submit(&B.s, 0, wr, 5, 0), 0);
	run_until(B.now + 500);
	CHECK_INT(B.nev, 1);
	CHECK_INT(B.evs[0].kind, MB_SEV_BROADCAST_DONE);
	CHECK(B.ev_at[0] >= B.sent[0].at + 200);
	/* FC 8 (not in mb_pdu.h): forwarded, the echo framed by silence. */
	CHECK_INT(mb_session_submit(&B.s, 1, diag, sizeof(diag), 9), 0);
	run_until(B.now + 500);
	CHECK_INT(B.nev, 2);
	CHECK_INT(B.evs[1].kind, MB_SEV_REPLY);
	CHECK_INT(B.evs[1].adu_len, 8);
	CHECK_INT(B.evs[1].req.function, 0);
	CHECK(B.evs[1].adu != NULL && B.evs[1].adu[1] == 8);
	/* A stray byte while an unknown function's reply is awaited must not make the deadline spin. */
	add_slave(2)->mute = true;
	CHECK_INT(mb_session_submit(&B.s, 2, diag, sizeof(diag), 10), 0);
	mb_session_step(&B.s, B.now);
	CHECK_INT(mb_session_output(&B.s, &p8), 8);
	mb_session_input(&B.s, (const uint8_t *)"\x10", 1, B.now);
	CHECK(mb_session_deadline(&B.s) > B.now + 50);
	run_until(B.now + 1000);
	CHECK_INT(count_events(MB_SEV_TIMEOUT, 2), 1);
	/* Local echo: our own bytes come back first and are skipped. */
	cfg.local_echo = true;
	bus_init(&cfg);
	B.echo = true;
	f = add_slave(3);
	read_pdu(pdu, 1, 1);
	CHECK_INT(mb_session_add_poll(&B.s, 3, pdu, 5, 1000, 0, B.now), 0);
	run_until(B.now + 2500);
	CHECK_INT(count_events(MB_SEV_REPLY, 3), 3);
	CHECK_INT(mb_session_stats(&B.s)->garbage_bytes, 0);
	CHECK_INT(mb_session_stats(&B.s)->echo_errors, 0);
	CHECK_INT(B.ev_reg0[B.nev - 1], 3001); /* the reply's value, not the echo's bytes */
	/* A wrong echo (a collision) is an error: counted, its bytes are no reply,
	 * and the slave's reply after it still completes the request. */
	B.echo_flip = 4;
	run_until(B.now + 1000);
	CHECK_INT(mb_session_stats(&B.s)->echo_errors, 1);
	CHECK_INT(mb_session_stats(&B.s)->garbage_bytes, 5);
	CHECK_INT(count_events(MB_SEV_REPLY, 3), 4);
	CHECK_INT(mb_session_stats(&B.s)->timeouts, 0);
	(void)f;
}

static void
test_deadline_idle(void)
{
	struct mb_session_config cfg = {0};
	struct mb_session_event ev;
	const uint8_t *p;

	bus_init(&cfg);
	CHECK(mb_session_deadline(&B.s) == MB_SESSION_NEVER);
	mb_session_step(&B.s, B.now);
	CHECK_INT(mb_session_output(&B.s, &p), 0);
	CHECK(!mb_session_event(&B.s, &ev));
	/* Defaults: 9600 baud 11 bits: t3.5 = 4.01 ms -> 5 ms of silence. */
	CHECK_INT(B.s.gap_ms, 5);
}

/*
 * How many reply bytes the session still needs: a reader sleeps that long.
 * Read 10 holding registers of slave 247: the reply is 3 + 20 + 2 bytes.
 */
static void
test_rx_wanted(void)
{
	static const uint8_t pdu[] = {0x03, 0x00, 0x09, 0x00, 0x0A};
	static const uint8_t head[] = {0xF7, 0x03, 0x14}, exc[] = {0xF7, 0x83};
	struct mb_session_config cfg = {0};
	const uint8_t *p;
	size_t n;

	bus_init(&cfg);
	CHECK_INT(mb_session_rx_wanted(&B.s), 0); /* nothing awaited */
	CHECK_INT(mb_session_submit(&B.s, 247, pdu, sizeof(pdu), 1), 0);
	mb_session_step(&B.s, B.now);
	CHECK_INT(mb_session_output(&B.s, &p), 8);
	CHECK_INT(mb_session_rx_wanted(&B.s), 5); /* an exception is the shortest reply */
	mb_session_input(&B.s, head, 2, B.now);
	CHECK_INT(mb_session_rx_wanted(&B.s), 25 - 2); /* function 03: the whole read */
	mb_session_input(&B.s, head + 2, 1, B.now);
	CHECK_INT(mb_session_rx_wanted(&B.s), 25 - 3);

	bus_init(&cfg);
	CHECK_INT(mb_session_submit(&B.s, 247, pdu, sizeof(pdu), 1), 0);
	mb_session_step(&B.s, B.now);
	CHECK_INT(mb_session_output(&B.s, &p), 8);
	mb_session_input(&B.s, exc, 2, B.now);
	CHECK_INT(mb_session_rx_wanted(&B.s), 5 - 2); /* an exception's code and CRC */

	cfg.local_echo = true;
	bus_init(&cfg);
	CHECK_INT(mb_session_submit(&B.s, 247, pdu, sizeof(pdu), 1), 0);
	mb_session_step(&B.s, B.now);
	n = mb_session_output(&B.s, &p);
	CHECK_INT(n, 8);
	CHECK_INT(mb_session_rx_wanted(&B.s), 8 + 5); /* the echo first */
	mb_session_input(&B.s, p, 3, B.now);
	CHECK_INT(mb_session_rx_wanted(&B.s), 5 + 5);
}

int
main(void)
{
	test_two_slaves();
	test_dead_slave();
	test_garbage();
	test_exception();
	test_gateway_interleave();
	test_broadcast_unknown_echo();
	test_deadline_idle();
	test_rx_wanted();
	TEST_END();
}
