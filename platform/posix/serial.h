/*
 * serial.h - serial ports: open, configure any line format, RS-485.
 *
 * A meter's line is described by struct serial_params: baud rate, data bits,
 * parity and stop bits ("9600 7E1"), plus RS-485 direction control. Any baud
 * rate is accepted: standard and non-standard ones alike are set through
 * Linux's termios2 with BOTHER, so a 250 or 3750 baud meter works when the
 * adapter can divide to it (the driver picks the nearest rate it can do).
 *
 * Ports are opened non-blocking, raw (no echo, no line discipline, no
 * translation of CR/LF, no flow control), CLOCAL and exclusive (TIOCEXCL: a
 * second open by another program fails with EBUSY, so two daemons do not
 * split one meter's bytes between them).
 *
 * RS-485: adapters whose driver implements TIOCSRS485 switch the
 * transmitter themselves (RTS high while sending). Where the driver does not
 * (most USB adapters switch in hardware, ptys have no such thing) the
 * request fails with ENOTTY/EINVAL and serial_open() still succeeds; the
 * result is reported in *rs485_ok so the caller can log it once.
 *
 * A pseudo-terminal accepts every setting and ignores it, which is what the
 * simulators and tests rely on.
 *
 * Errors are negative errno values.
 */
#ifndef METERD_SERIAL_H
#define METERD_SERIAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum serial_parity {
	SERIAL_PARITY_NONE,
	SERIAL_PARITY_EVEN,
	SERIAL_PARITY_ODD,
	SERIAL_PARITY_MARK,
	SERIAL_PARITY_SPACE,
};

struct serial_params {
	uint32_t           baud;      /* bits per second, 50 .. 4000000 */
	uint8_t            data_bits; /* 5 .. 8 */
	enum serial_parity parity;
	uint8_t            stop_bits; /* 1 or 2 */
	bool               rs485;     /* ask the driver for RS-485 direction control */
};

/* 9600 8N1, no RS-485. */
void serial_params_default(struct serial_params *p);

/*
 * Parses a framing word such as "8N1", "7E1", "8E1", "8N2", "7O2", "8M1"
 * (data bits, parity N/E/O/M/S, stop bits; case-insensitive) into p's
 * data_bits, parity and stop_bits. Returns 0, or -EINVAL when s is not one.
 */
int serial_framing_parse(struct serial_params *p, const char *s);

/* Writes "7E1" etc. into buf (at least 4 bytes). Returns buf. */
const char *serial_framing_format(const struct serial_params *p, char *buf);

/*
 * Bits one character occupies on the line: start + data + parity + stop
 * (11 for 8N2 and 8E1, 10 for 7E1 and 8N1).
 */
unsigned serial_char_bits(const struct serial_params *p);

/*
 * Microseconds the line needs to send n characters at p's rate: how long to
 * wait after a write before switching the baud rate (IEC 62056-21 mode C
 * acknowledgement) or before expecting an answer.
 */
uint64_t serial_tx_time_us(const struct serial_params *p, size_t n);

/*
 * Opens path (a tty, a /dev/serial/by-id link, a pty slave) and applies p.
 * Returns the file descriptor (non-blocking, close-on-exec), or a negative
 * errno: -ENOENT for an unplugged adapter, -EBUSY when another program holds
 * it, -EACCES without permission (not in group dialout), -EINVAL for a
 * setting the driver refuses. *rs485_ok (may be NULL) tells whether RS-485
 * direction control was granted when p->rs485 asked for it.
 */
int serial_open(const char *path, const struct serial_params *p, bool *rs485_ok);

/*
 * Applies p to an open port, e.g. for the baud switch of an IEC 62056-21
 * mode C readout. Bytes still in the output queue are sent first at the old
 * rate only if the caller waited serial_tx_time_us(); unread input is
 * discarded. Returns 0 or a negative errno.
 */
int serial_configure(int fd, const struct serial_params *p, bool *rs485_ok);

/* Discards unread input and unsent output. */
void serial_flush(int fd);

/* Closes fd (drops exclusivity). A no-op for fd < 0. */
void serial_close(int fd);

#endif
