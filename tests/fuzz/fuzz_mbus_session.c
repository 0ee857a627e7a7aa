/*
 * libFuzzer harness for the M-Bus master session: the input is a script of
 * line events (bytes arriving in chunks, time passing, a new read-out) for a
 * primary or secondary configuration. The session must never hang, never
 * emit a request longer than its buffer, and always have a deadline while a
 * read-out is under way.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "meterd/mbus_session.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Handles every pending event; returns how many there were. */
static unsigned
drain(struct mbus_ses *s, uint64_t now)
{
	enum mbus_ses_event ev;
	uint8_t buf[64];
	unsigned guard = 0;

	while ((ev = mbus_ses_event(s)) != MBUS_SES_NONE) {
		if (++guard > 10000)
			abort(); /* events without end */
		if (ev == MBUS_SES_SEND && mbus_ses_tx(s, buf, sizeof(buf), now) > 32)
			abort();
		if (ev == MBUS_SES_READING && mbus_ses_reading(s)->id[0] != 'm')
			abort();
	}
	return guard;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct mbus_ses s;
	struct mbus_ses_config cfg;
	uint64_t now = 0;
	size_t pos = 0;

	if (size < 2)
		return 0;
	mbus_ses_config_primary(&cfg, data[0]);
	cfg.retries = data[1] & 3;
	cfg.max_telegrams = (uint8_t)(data[1] >> 4);
	if (data[1] & 4) {
		cfg.use_secondary = true;
		cfg.secondary.id = 0x1234FFFF;
		cfg.secondary.manufacturer = 0xFFFF;
		cfg.secondary.version = 0xFF;
		cfg.secondary.medium = 0xFF;
	}
	cfg.skip_reset = (data[1] & 8) != 0;
	mbus_ses_init(&s, &cfg);
	mbus_ses_start(&s, now);
	drain(&s, now);
	pos = 2;
	while (pos < size) {
		uint8_t op = data[pos++];
		if (op < 0xC0) {
			/* op + 1 bytes from the line (or what is left) */
			size_t n = (size_t)op + 1, k;
			if (n > size - pos)
				n = size - pos;
			while (n > 0) {
				k = mbus_ses_rx(&s, data + pos, n, now);
				pos += k;
				n -= k;
				if (drain(&s, now) == 0 && k == 0)
					abort(); /* stuck: bytes refused with nothing to say */
			}
		} else if (op < 0xF0) {
			now += (uint64_t)(op - 0xC0) * 10;
			mbus_ses_tick(&s, now);
			drain(&s, now);
		} else if (op < 0xFE) {
			uint64_t d = mbus_ses_deadline(&s);
			if (d != MBUS_SES_NEVER && d > now)
				now = d;
			mbus_ses_tick(&s, now);
			drain(&s, now);
		} else {
			mbus_ses_start(&s, now);
			drain(&s, now);
		}
		if (s.state != MBUS_SES_FINISHED && s.state != MBUS_SES_IDLE &&
		    s.state != MBUS_SES_DELIVER && mbus_ses_deadline(&s) == MBUS_SES_NEVER)
			abort(); /* a read-out under way must have a deadline */
	}
	return 0;
}
