/*
 * hex.h - hexadecimal digits, for the text protocols (DSMR CRC fields, SMI
 * patterns) and every tool that reads hex text. Header-only.
 */
#ifndef METERD_HEX_H
#define METERD_HEX_H

/* The value of one hex digit in either case, or -1 for any other byte. */
static inline int
hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

#endif
