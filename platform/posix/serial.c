/*
 * serial.c - termios2 (BOTHER) line setup and RS-485 for Linux; see serial.h.
 *
 * <termios.h> and the kernel's <asm/termbits.h> cannot be included together,
 * so this file uses only the kernel's interface (TCGETS2/TCSETS2) and never
 * the C library's tcsetattr().
 */
#include <asm/termbits.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/serial.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "serial.h"

void
serial_params_default(struct serial_params *p)
{
	memset(p, 0, sizeof(*p));
	p->baud = 9600;
	p->data_bits = 8;
	p->parity = SERIAL_PARITY_NONE;
	p->stop_bits = 1;
}

static const char parity_letters[] = "NEOMS"; /* in enum serial_parity order */

int
serial_framing_parse(struct serial_params *p, const char *s)
{
	const char *l;
	char        c;

	if (s == NULL || strlen(s) != 3 || s[0] < '5' || s[0] > '8' || (s[2] != '1' && s[2] != '2'))
		return -EINVAL;
	c = s[1] >= 'a' && s[1] <= 'z' ? (char)(s[1] - 'a' + 'A') : s[1];
	l = c != '\0' ? strchr(parity_letters, c) : NULL;
	if (l == NULL)
		return -EINVAL;
	p->data_bits = (uint8_t)(s[0] - '0');
	p->parity = (enum serial_parity)(l - parity_letters);
	p->stop_bits = (uint8_t)(s[2] - '0');
	return 0;
}

const char *
serial_framing_format(const struct serial_params *p, char *buf)
{
	buf[0] = (char)('0' + p->data_bits);
	buf[1] = parity_letters[p->parity];
	buf[2] = (char)('0' + p->stop_bits);
	buf[3] = '\0';
	return buf;
}

unsigned
serial_char_bits(const struct serial_params *p)
{
	return 1u + p->data_bits + (p->parity != SERIAL_PARITY_NONE ? 1u : 0u) + p->stop_bits;
}

uint64_t
serial_tx_time_us(const struct serial_params *p, size_t n)
{
	uint64_t bits = (uint64_t)serial_char_bits(p) * n;

	if (p->baud == 0)
		return 0;
	return (bits * 1000000u + p->baud - 1) / p->baud;
}

static int
apply(int fd, const struct serial_params *p, bool *rs485_ok)
{
	struct termios2     t;
	struct serial_rs485 rs;

	if (p->baud == 0 || p->data_bits < 5 || p->data_bits > 8 || p->stop_bits < 1 ||
	    p->stop_bits > 2)
		return -EINVAL;
	if (ioctl(fd, TCGETS2, &t) < 0)
		return -errno;
	/* Raw mode, as cfmakeraw() would set it. */
	t.c_iflag &= ~(tcflag_t)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON |
	                         IXOFF | IXANY | INPCK);
	t.c_oflag &= ~(tcflag_t)OPOST;
	t.c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
	t.c_cflag &= ~(tcflag_t)(CSIZE | PARENB | PARODD | CMSPAR | CSTOPB | CRTSCTS | CBAUD |
	                         (CBAUD << IBSHIFT));
	t.c_cflag |= CREAD | CLOCAL | BOTHER | (BOTHER << IBSHIFT);
	t.c_cflag |= p->data_bits == 5 ? CS5 : p->data_bits == 6 ? CS6 : p->data_bits == 7 ? CS7 : CS8;
	switch (p->parity) {
	case SERIAL_PARITY_NONE:
		break;
	case SERIAL_PARITY_EVEN:
		t.c_cflag |= PARENB;
		break;
	case SERIAL_PARITY_ODD:
		t.c_cflag |= PARENB | PARODD;
		break;
	case SERIAL_PARITY_MARK:
		t.c_cflag |= PARENB | CMSPAR | PARODD;
		break;
	case SERIAL_PARITY_SPACE:
		t.c_cflag |= PARENB | CMSPAR;
		break;
	}
	if (p->stop_bits == 2)
		t.c_cflag |= CSTOPB;
	t.c_ispeed = p->baud;
	t.c_ospeed = p->baud;
	/* Non-blocking reads return what is there; VMIN/VTIME do not matter then. */
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	if (ioctl(fd, TCSETS2, &t) < 0)
		return -errno;
	if (ioctl(fd, TCFLSH, TCIFLUSH) < 0)
		return -errno;
	if (rs485_ok != NULL)
		*rs485_ok = false;
	if (p->rs485) {
		memset(&rs, 0, sizeof(rs));
		rs.flags = SER_RS485_ENABLED | SER_RS485_RTS_ON_SEND;
		if (ioctl(fd, TIOCSRS485, &rs) == 0 && rs485_ok != NULL)
			*rs485_ok = true;
	}
	return 0;
}

int
serial_open(const char *path, const struct serial_params *p, bool *rs485_ok)
{
	int fd, r;

	fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (!isatty(fd)) {
		close(fd);
		return -ENOTTY;
	}
	if (ioctl(fd, TIOCEXCL) < 0) {
		r = -errno;
		close(fd);
		return r;
	}
	if ((r = apply(fd, p, rs485_ok)) < 0) {
		close(fd);
		return r;
	}
	return fd;
}

int
serial_configure(int fd, const struct serial_params *p, bool *rs485_ok)
{
	return apply(fd, p, rs485_ok);
}

void
serial_flush(int fd)
{
	(void)ioctl(fd, TCFLSH, TCIOFLUSH);
}

void
serial_close(int fd)
{
	if (fd < 0)
		return;
	(void)ioctl(fd, TIOCNXCL);
	close(fd);
}
