/*
 * cursor.h - a bounds-checked reader over a caller's buffer.
 *
 * A cursor never reads past its end. A read that does not fit sets the
 * sticky `err` flag, returns 0 and leaves the position at the end, so a
 * decoder can read a whole structure and check `err` once afterwards
 * (the same idea as OpenBSD's ibuf_get_*).
 */
#ifndef METERD_CURSOR_H
#define METERD_CURSOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cursor {
	const uint8_t *p;
	size_t         len;
	size_t         pos;
	bool           err;
};

static inline void
cursor_init(struct cursor *c, const uint8_t *p, size_t len)
{
	c->p = p;
	c->len = len;
	c->pos = 0;
	c->err = false;
}

static inline size_t
cursor_left(const struct cursor *c)
{
	return c->len - c->pos;
}

/* Returns a pointer to the next n bytes and skips them, or NULL (and err). */
static inline const uint8_t *
cursor_take(struct cursor *c, size_t n)
{
	const uint8_t *r;

	if (c->err || n > c->len - c->pos) {
		c->err = true;
		c->pos = c->len;
		return NULL;
	}
	r = c->p + c->pos;
	c->pos += n;
	return r;
}

static inline uint8_t
cursor_u8(struct cursor *c)
{
	const uint8_t *b = cursor_take(c, 1);
	return b ? b[0] : 0;
}

static inline uint16_t
cursor_be16(struct cursor *c)
{
	const uint8_t *b = cursor_take(c, 2);
	return b ? (uint16_t)((b[0] << 8) | b[1]) : 0;
}

static inline uint16_t
cursor_le16(struct cursor *c)
{
	const uint8_t *b = cursor_take(c, 2);
	return b ? (uint16_t)((b[1] << 8) | b[0]) : 0;
}

static inline uint32_t
cursor_be32(struct cursor *c)
{
	const uint8_t *b = cursor_take(c, 4);
	return b ? ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) |
	               ((uint32_t)b[2] << 8) | b[3]
	         : 0;
}

/* Unsigned big-endian integer of n bytes, 1 <= n <= 8. */
static inline uint64_t
cursor_be_uint(struct cursor *c, size_t n)
{
	const uint8_t *b;
	uint64_t v = 0;

	if (n == 0 || n > 8) {
		c->err = true;
		return 0;
	}
	if ((b = cursor_take(c, n)) == NULL)
		return 0;
	while (n--)
		v = (v << 8) | *b++;
	return v;
}

/* Little-endian counterpart of cursor_be_uint (M-Bus data is LSB first). */
static inline uint64_t
cursor_le_uint(struct cursor *c, size_t n)
{
	const uint8_t *b;
	uint64_t v = 0;

	if (n == 0 || n > 8) {
		c->err = true;
		return 0;
	}
	if ((b = cursor_take(c, n)) == NULL)
		return 0;
	while (n--)
		v = (v << 8) | b[n];
	return v;
}

/* Two's complement sign extension of an n-byte value, 1 <= n <= 8. */
static inline int64_t
sign_extend(uint64_t v, size_t n)
{
	if (n >= 8)
		return (int64_t)v;
	if (v & ((uint64_t)1 << (n * 8 - 1)))
		v |= ~(uint64_t)0 << (n * 8);
	return (int64_t)v;
}

#endif
