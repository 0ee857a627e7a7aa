/*
 * libFuzzer harness for the Modbus master session: the input is a script of
 * bus events (bytes arriving, time passing, polls added, foreign requests
 * submitted, events drained or not). The session must never hang, never
 * have two requests on the bus, only write CRC-valid ADUs, always have a
 * deadline while work is pending, and name read values within bounds.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "meterd/mb_session.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
drain(struct mb_session *s)
{
	struct mb_session_event ev;
	struct reading r;
	unsigned guard = 0;
	size_t i, n;

	while (mb_session_event(s, &ev)) {
		if (++guard > 1000)
			abort();
		if (ev.kind == MB_SEV_REPLY || ev.kind == MB_SEV_EXCEPTION) {
			if (ev.adu == NULL || !mbrtu_adu_crc_ok(ev.adu, ev.adu_len) || ev.adu[0] != ev.slave)
				abort();
			n = mb_read_count(&ev.req, &ev.rsp);
			for (i = 0; i < n; i++) {
				mb_read_reading(&r, ev.slave, &ev.req, &ev.rsp, i);
				if (strlen(r.id) >= sizeof(r.id) || r.raw < 0 || r.raw > 0xFFFF)
					abort();
			}
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct mb_session s;
	struct mb_session_config cfg;
	uint64_t now = 1000;
	size_t pos = 0;
	unsigned steps = 0;

	if (size < 4)
		return 0;
	memset(&cfg, 0, sizeof(cfg));
	cfg.baud = data[0] & 1 ? 19200 : 9600;
	cfg.retries = data[1] % 4;
	cfg.foreign_burst = (uint8_t)(data[2] % 3);
	cfg.local_echo = (data[3] & 1) != 0;
	cfg.backoff_min_ms = 1000;
	cfg.backoff_max_ms = 8000;
	mb_session_init(&s, &cfg);
	pos = 4;
	while (pos < size) {
		uint8_t op = data[pos++];
		size_t n = op >> 3, left = size - pos;
		const uint8_t *p;

		if (n > left)
			n = left;
		switch (op & 7) {
		case 0: /* bytes from the line */
		case 1:
			mb_session_input(&s, data + pos, n, now);
			pos += n;
			break;
		case 2: /* time passes */
			now += (uint64_t)n * n * 7;
			break;
		case 3: /* a poll: a PDU of n bytes to slave 1..4 */
			(void)mb_session_add_poll(&s, (uint8_t)(1 + n % 4), data + pos, n, 100 + 50 * (op & 0xF8),
			                          op, now);
			pos += n;
			break;
		case 4: /* a foreign request, any bytes, maybe a broadcast */
			(void)mb_session_submit(&s, (uint8_t)(n % 5), data + pos, n, op);
			pos += n;
			break;
		case 5:
			mb_session_remove_poll(&s, (int)(n % MB_SESSION_POLLS));
			break;
		case 6: /* run to the deadline */
		{
			uint64_t d = mb_session_deadline(&s);
			if (d != MB_SESSION_NEVER && d > now)
				now = d;
			break;
		}
		default: /* the caller forgets to drain this time */
			mb_session_step(&s, now);
			continue;
		}
		mb_session_step(&s, now);
		while ((n = mb_session_output(&s, &p)) > 0) {
			if (!mbrtu_adu_crc_ok(p, n))
				abort();
			if (mb_session_output(&s, &p) != 0)
				abort(); /* one request at a time */
		}
		drain(&s);
		if (++steps > 100000)
			abort();
	}
	/* Without polls, whatever is pending ends within a bounded number of deadlines. */
	for (steps = 0; steps < MB_SESSION_POLLS; steps++)
		mb_session_remove_poll(&s, (int)steps);
	for (steps = 0; mb_session_deadline(&s) != MB_SESSION_NEVER; steps++) {
		uint64_t d = mb_session_deadline(&s);
		const uint8_t *p;
		if (steps > 1000)
			abort();
		if (d > now)
			now = d;
		mb_session_step(&s, now);
		while (mb_session_output(&s, &p) > 0)
			;
		drain(&s);
	}
	return 0;
}
