#include <string.h>

#include "meterd/d0_session.h"

enum {
	S_IDLE,
	S_SIGNON,      /* BAUD 300 and SEND of the sign-on are due */
	S_WAIT_IDENT,  /* sign-on written, identification awaited */
	S_ACK_WAIT,    /* identification read, reaction time before the ACK */
	S_ACK,         /* SEND of the ACK is due */
	S_SWITCH_WAIT, /* ACK written, baud switch due */
	S_READOUT,     /* data block awaited */
	S_RETRY_WAIT,  /* quiet time before the next sign-on */
	S_FINISHED,
};

#define SIGNON_BAUD 300
/* 62056-21 6.3.14: reaction time tr >= 200 ms, >= 20 ms for "fast" meters. */
#define REACTION_MS      200
#define REACTION_FAST_MS 20

void
d0_sess_config_default(struct d0_sess_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->reply_timeout_ms = 1500;
	cfg->char_timeout_ms = 1500;
	cfg->switch_delay_ms = 250;
	cfg->retries = 2;
}

void
d0_sess_init(struct d0_sess *s, const struct d0_sess_config *cfg)
{
	memset(s, 0, offsetof(struct d0_sess, dec));
	if (cfg != NULL)
		s->cfg = *cfg;
	else
		d0_sess_config_default(&s->cfg);
	s->cfg.address[D0_ADDRESS_MAX] = '\0';
	if (s->cfg.reply_timeout_ms == 0)
		s->cfg.reply_timeout_ms = 1500;
	if (s->cfg.char_timeout_ms == 0)
		s->cfg.char_timeout_ms = 1500;
	if (s->cfg.switch_delay_ms == 0)
		s->cfg.switch_delay_ms = 250;
	s->state = S_IDLE;
	s->baud = SIGNON_BAUD;
	s->deadline = D0_SESS_NEVER;
	d0_dec_init(&s->dec);
}

struct d0_dec *
d0_sess_decoder(struct d0_sess *s)
{
	return &s->dec;
}

/* Time n characters of 10 bits (7E1) take on the wire, rounded up. */
static uint64_t
wire_ms(size_t n, uint32_t baud)
{
	return ((uint64_t)n * 10 * 1000 + baud - 1) / baud;
}

static void
begin_attempt(struct d0_sess *s)
{
	size_t al = strlen(s->cfg.address);

	s->attempts++;
	s->tx[0] = '/';
	s->tx[1] = '?';
	memcpy(s->tx + 2, s->cfg.address, al);
	memcpy(s->tx + 2 + al, "!\r\n", 3);
	s->tx_len = (uint8_t)(al + 5);
	s->baud = SIGNON_BAUD;
	s->state = S_SIGNON;
	s->deadline = D0_SESS_NEVER;
	s->pending = D0_SESS_BAUD;
	d0_dec_reset(&s->dec);
}

void
d0_sess_start(struct d0_sess *s, uint64_t now_ms)
{
	s->now = now_ms;
	s->attempts = 0;
	s->error = NULL;
	s->delivering = false;
	begin_attempt(s);
}

/* A failed attempt: sign on again after a quiet pause, or give up. */
static void
fail_attempt(struct d0_sess *s, uint64_t now, const char *why)
{
	d0_dec_reset(&s->dec);
	s->delivering = false;
	if (s->attempts > s->cfg.retries) {
		s->state = S_FINISHED;
		s->deadline = D0_SESS_NEVER;
		s->error = why;
		s->pending = D0_SESS_FAILED;
		return;
	}
	s->state = S_RETRY_WAIT;
	s->deadline = now + s->cfg.char_timeout_ms;
}

static void
on_ident(struct d0_sess *s, uint64_t now)
{
	const struct dataset_ident *id = d0_dec_ident(&s->dec);
	enum d0_mode mode = d0_ident_mode(id);
	char z = id->baud_char;

	/* A data message in modes C and E always ends with ETX BCC (62056-21 6.3.14). */
	(void)d0_dec_configure(&s->dec, "require_bcc",
	                       mode == D0_MODE_C || mode == D0_MODE_E ? "1" : "0");
	switch (mode) {
	case D0_MODE_C:
	case D0_MODE_E:
		/* '7'..'9' are reserved; offer the most both sides can do. */
		if (z > '6')
			z = '6';
		while (z > '0' && s->cfg.max_baud != 0 && d0_baud_rate(mode, z) > s->cfg.max_baud)
			z--;
		s->target_baud = d0_baud_rate(mode, z);
		s->tx[0] = D0_ACK;
		s->tx[1] = '0'; /* V: normal protocol procedure */
		s->tx[2] = (uint8_t)z;
		s->tx[3] = '0'; /* Y: data readout */
		s->tx[4] = '\r';
		s->tx[5] = '\n';
		s->tx_len = 6;
		s->state = S_ACK_WAIT;
		s->deadline = now + (id->fast ? REACTION_FAST_MS : REACTION_MS);
		break;
	case D0_MODE_B:
		if ((s->target_baud = d0_baud_rate(mode, z)) != 0) {
			s->baud = s->target_baud;
			s->pending = D0_SESS_BAUD;
		}
		s->state = S_READOUT;
		s->deadline = now + s->cfg.reply_timeout_ms;
		break;
	case D0_MODE_A:
		s->state = S_READOUT;
		s->deadline = now + s->cfg.char_timeout_ms;
		break;
	}
}

size_t
d0_sess_tx(struct d0_sess *s, uint8_t *buf, size_t cap, uint64_t now_ms)
{
	size_t n = s->tx_len;
	uint64_t wire = wire_ms(n, s->baud);

	if ((s->state != S_SIGNON && s->state != S_ACK) || cap < n)
		return 0;
	memcpy(buf, s->tx, n);
	s->now = now_ms;
	if (s->state == S_SIGNON) {
		s->stats.signons++;
		s->state = S_WAIT_IDENT;
		s->deadline = now_ms + wire + s->cfg.reply_timeout_ms;
	} else {
		s->state = S_SWITCH_WAIT;
		s->deadline = now_ms + (wire > s->cfg.switch_delay_ms ? wire : s->cfg.switch_delay_ms);
	}
	return n;
}

size_t
d0_sess_rx(struct d0_sess *s, const uint8_t *p, size_t n, uint64_t now_ms)
{
	size_t used;

	if (s->pending != D0_SESS_NONE || s->delivering)
		return 0;
	switch (s->state) {
	case S_WAIT_IDENT:
	case S_ACK_WAIT:
	case S_ACK:
	case S_SWITCH_WAIT:
	case S_READOUT:
		break;
	case S_RETRY_WAIT:
		/* The line is not quiet yet: the pause starts again. */
		s->deadline = now_ms + s->cfg.char_timeout_ms;
		return n;
	default:
		return n;
	}
	s->now = now_ms;
	/* A frame the decoder holds is collected by d0_sess_event(); push takes 0 meanwhile. */
	used = d0_dec_push(&s->dec, p, n);
	if (s->state == S_WAIT_IDENT || s->state == S_READOUT)
		s->deadline = now_ms + s->cfg.char_timeout_ms;
	if (s->state == S_WAIT_IDENT && d0_dec_ident(&s->dec) != NULL)
		on_ident(s, now_ms);
	return used;
}

void
d0_sess_tick(struct d0_sess *s, uint64_t now_ms)
{
	s->now = now_ms;
	if (s->pending != D0_SESS_NONE || s->delivering || now_ms < s->deadline)
		return;
	switch (s->state) {
	case S_WAIT_IDENT:
		s->stats.timeouts++;
		fail_attempt(s, now_ms, "no identification from the meter");
		break;
	case S_READOUT:
		s->stats.timeouts++;
		fail_attempt(s, now_ms, "the meter stopped sending");
		break;
	case S_ACK_WAIT:
		s->state = S_ACK;
		s->deadline = D0_SESS_NEVER;
		s->pending = D0_SESS_SEND;
		break;
	case S_SWITCH_WAIT:
		s->baud = s->target_baud;
		s->pending = D0_SESS_BAUD;
		s->state = S_READOUT;
		s->deadline = now_ms + s->cfg.reply_timeout_ms;
		break;
	case S_RETRY_WAIT:
		begin_attempt(s);
		break;
	default:
		s->deadline = D0_SESS_NEVER;
		break;
	}
}

uint64_t
d0_sess_deadline(const struct d0_sess *s)
{
	return s->pending != D0_SESS_NONE || s->delivering ? 0 : s->deadline;
}

enum d0_sess_event
d0_sess_event(struct d0_sess *s)
{
	enum d0_sess_event ev = (enum d0_sess_event)s->pending;
	enum dec_event de;

	if (ev != D0_SESS_NONE) {
		s->pending = D0_SESS_NONE;
		if (ev == D0_SESS_BAUD && s->state == S_SIGNON)
			s->pending = D0_SESS_SEND;
		return ev;
	}
	de = d0_dec_event(&s->dec);
	if (de == DEC_FRAME) {
		s->delivering = true;
		s->frame_ok = d0_dec_frame(&s->dec)->status == FRAME_OK;
		if (!s->frame_ok)
			s->stats.bad_frames++;
		return D0_SESS_FRAME;
	}
	if (de == DEC_READING)
		return D0_SESS_READING;
	if (!s->delivering)
		return D0_SESS_NONE;
	s->delivering = false;
	if (s->frame_ok) {
		/* Whatever the handshake was waiting for, the meter has answered. */
		s->stats.readouts++;
		s->state = S_FINISHED;
		s->deadline = D0_SESS_NEVER;
		return D0_SESS_DONE;
	}
	/*
	 * A damaged readout is a failed attempt; a bad frame before it (noise
	 * cut off by the identification) is only counted.
	 */
	if (s->state == S_READOUT)
		fail_attempt(s, s->now, "bad readout (BCC or cut off)");
	return d0_sess_event(s);
}

uint32_t
d0_sess_baud(const struct d0_sess *s)
{
	return s->baud;
}

const struct frame_info *
d0_sess_frame(const struct d0_sess *s)
{
	return d0_dec_frame(&s->dec);
}

const struct reading *
d0_sess_reading(const struct d0_sess *s)
{
	return d0_dec_reading(&s->dec);
}

const char *
d0_sess_error(const struct d0_sess *s)
{
	return s->error;
}

const struct d0_sess_stats *
d0_sess_stats(const struct d0_sess *s)
{
	return &s->stats;
}
