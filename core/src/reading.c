#include <string.h>

#include "meterd/reading.h"

const struct reading reading_empty = {.type = READING_NUMBER};

void
reading_set_str(char *dst, size_t cap, const char *src, size_t n)
{
	if (cap == 0)
		return;
	if (n > cap - 1)
		n = cap - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

size_t
reading_format_number(int64_t raw, int scaler, char *buf)
{
	char digits[24];
	size_t nd = 0, n = 0, i;
	uint64_t mag;
	int point;

	/* Magnitude without overflowing on INT64_MIN. */
	mag = raw < 0 ? (uint64_t)0 - (uint64_t)raw : (uint64_t)raw;
	do {
		digits[nd++] = (char)('0' + mag % 10);
		mag /= 10;
	} while (mag);
	/* Drop trailing zeros below the point; they carry no information. */
	while (scaler < 0 && nd > 1 && digits[0] == '0') {
		memmove(digits, digits + 1, --nd);
		scaler++;
	}
	if (nd == 1 && digits[0] == '0')
		scaler = 0;
	if (scaler > 128)
		scaler = 128; /* callers pass an int8_t; this only bounds buf */
	if (scaler < -128)
		scaler = -128;
	if (raw < 0)
		buf[n++] = '-';
	if (scaler >= 0) {
		for (i = nd; i-- > 0;)
			buf[n++] = digits[i];
		if (!(nd == 1 && digits[0] == '0'))
			for (i = 0; i < (size_t)scaler; i++)
				buf[n++] = '0';
	} else {
		point = (int)nd + scaler; /* digits before the point */
		if (point <= 0) {
			buf[n++] = '0';
			buf[n++] = '.';
			for (i = 0; i < (size_t)-point; i++)
				buf[n++] = '0';
			for (i = nd; i-- > 0;)
				buf[n++] = digits[i];
		} else {
			for (i = nd; i-- > 0;) {
				buf[n++] = digits[i];
				if (i == nd - (size_t)point && i != 0)
					buf[n++] = '.';
			}
		}
	}
	buf[n] = '\0';
	return n;
}

double
reading_double(const struct reading *r)
{
	double v = (double)r->raw;
	int s = r->scaler;

	/* Divide for negative scalers: 12345 / 100 rounds better than 12345 * 0.01. */
	while (s > 0) {
		v *= 10;
		s--;
	}
	{
		double div = 1;
		while (s < 0) {
			div *= 10;
			s++;
		}
		v /= div;
	}
	return v;
}

/*
 * An IEEE 754 single as the shortest decimal mantissa (6 to 9 significant
 * digits) that converts back to the same float, so 21.5367 stays 215367e-4
 * rather than picking up binary noise.
 */
bool
reading_from_float32(uint32_t bits, int64_t *raw, int *scaler)
{
	union {
		uint32_t u;
		float f;
	} cv;
	double a, p10;
	int e10 = 0, digits, i, s;

	cv.u = bits;
	if ((bits & 0x7F800000u) == 0x7F800000u)
		return false; /* infinity or NaN */
	a = cv.f < 0 ? -(double)cv.f : (double)cv.f;
	if (a == 0) {
		*raw = 0;
		*scaler = 0;
		return true;
	}
	while (a >= 10) {
		a /= 10;
		e10++;
	}
	while (a < 1) {
		a *= 10;
		e10--;
	}
	a = cv.f < 0 ? -(double)cv.f : (double)cv.f;
	for (digits = 6; digits <= 9; digits++) {
		double m;
		int64_t mi;
		float back;

		s = digits - 1 - e10; /* value * 10^s has `digits` digits before the point */
		p10 = 1;
		for (i = 0; i < (s < 0 ? -s : s); i++)
			p10 *= 10;
		m = s >= 0 ? a * p10 : a / p10;
		mi = (int64_t)(m + 0.5);
		back = (float)(s >= 0 ? (double)mi / p10 : (double)mi * p10);
		if (back == (cv.f < 0 ? -cv.f : cv.f) || digits == 9) {
			while (mi != 0 && mi % 10 == 0) {
				mi /= 10;
				s--;
			}
			*raw = cv.f < 0 ? -mi : mi;
			*scaler = -s;
			return true;
		}
	}
	return false;
}
