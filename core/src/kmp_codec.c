/*
 * KMP values, units and request encoding (see kmp.h).
 */
#include <string.h>

#include "meterd/crc.h"
#include "meterd/kmp.h"

/*
 * RegisterUnit codes: 5512-447 section 5.1 as the spec notes list them, and
 * the later codes 65-90 from PyKMP's table (src/pykmp/constants.py). 21 and
 * 25 read "kW"/"kvar" in the older peer tables, a copy error inside series
 * that start at the plain unit; PyKMP has W and var, as here. ASCII "m3"
 * rather than "m³" so the text matches the other protocols' unit strings.
 */
static const char *const kmp_units[91] = {
	[1] = "Wh", [2] = "kWh", [3] = "MWh", [4] = "GWh", [5] = "J", [6] = "kJ", [7] = "MJ",
	[8] = "GJ", [9] = "Cal", [10] = "kCal", [11] = "Mcal", [12] = "Gcal", [13] = "varh",
	[14] = "kvarh", [15] = "Mvarh", [16] = "Gvarh", [17] = "VAh", [18] = "kVAh",
	[19] = "MVAh", [20] = "GVAh", [21] = "W", [22] = "kW", [23] = "MW", [24] = "GW",
	[25] = "var", [26] = "kvar", [27] = "Mvar", [28] = "Gvar", [29] = "VA", [30] = "kVA",
	[31] = "MVA", [32] = "GVA", [33] = "V", [34] = "A", [35] = "kV", [36] = "kA",
	[37] = "\xc2\xb0" "C", [38] = "K", [39] = "l", [40] = "m3", [41] = "l/h", [42] = "m3/h",
	[43] = "m3*\xc2\xb0" "C", [44] = "t", [45] = "t/h", [46] = "h", [47] = "hh:mm:ss",
	[48] = "yy:mm:dd", [49] = "yyyy:mm:dd", [50] = "mm:dd", [52] = "bar", [53] = "RTC",
	[54] = "ASCII", [55] = "m3*10", [56] = "t*10", [57] = "GJ*10", [58] = "min", [60] = "s",
	[61] = "ms", [62] = "d", [63] = "RTC-Q", [64] = "datetime", [65] = "imp/l", [66] = "l/imp",
	[85] = "%RH", [86] = "%O2", [87] = "m/s", [88] = "kJ/kg", [89] = "pH", [90] = "g/kg",
};

const char *
kmp_unit_text(uint8_t unit)
{
	if (unit >= sizeof(kmp_units) / sizeof(kmp_units[0]) || kmp_units[unit] == NULL)
		return ""; /* unknown, 51 number and 59 bit field */
	return kmp_units[unit];
}

bool
kmp_value_decode(const uint8_t *mantissa, size_t nob, uint8_t siex, int64_t *raw, int8_t *scaler)
{
	uint64_t m = 0;
	size_t i;

	if (nob == 0 || nob > KMP_VALUE_MAX_BYTES)
		return false;
	for (i = 0; i < nob; i++)
		m = m << 8 | mantissa[i];
	if (m > (uint64_t)INT64_MAX)
		return false;
	/* 5512-447 section 4.2: SI (bit 7) signs the value, SE (bit 6) the exponent. */
	*raw = (siex & 0x80) ? -(int64_t)m : (int64_t)m;
	*scaler = (int8_t)((siex & 0x40) ? -(siex & 0x3f) : (siex & 0x3f));
	return true;
}

size_t
kmp_value_encode(int64_t raw, int scaler, size_t nob, uint8_t *out, size_t cap)
{
	uint64_t m = raw < 0 ? (uint64_t)0 - (uint64_t)raw : (uint64_t)raw;
	size_t need = 1, i;

	if (scaler > 63 || scaler < -63 || nob > KMP_VALUE_MAX_BYTES || m > (uint64_t)INT64_MAX)
		return 0; /* INT64_MIN has no int64 mantissa, so it could not be read back */
	while (need < 8 && (m >> (8 * need)) != 0)
		need++;
	if (nob == 0)
		nob = need;
	if (need > nob || cap < 2 + nob)
		return 0;
	out[0] = (uint8_t)nob;
	out[1] = (uint8_t)((raw < 0 ? 0x80 : 0) | (scaler < 0 ? 0x40 : 0) |
	                   (scaler < 0 ? -scaler : scaler));
	for (i = nob; i-- > 0;) {
		out[2 + i] = (uint8_t)m;
		m >>= 8;
	}
	return 2 + nob;
}

static bool
kmp_needs_stuffing(uint8_t b)
{
	return b == KMP_START_REQUEST || b == KMP_START_REPLY || b == KMP_STOP || b == KMP_ACK ||
	       b == KMP_ESCAPE;
}

size_t
kmp_stuff(uint8_t *out, size_t cap, const uint8_t *in, size_t n)
{
	size_t k = 0, i;

	for (i = 0; i < n; i++) {
		if (kmp_needs_stuffing(in[i])) {
			if (cap - k < 2)
				return 0;
			out[k++] = KMP_ESCAPE;
			out[k++] = (uint8_t)(in[i] ^ 0xff);
		} else {
			if (cap - k < 1)
				return 0;
			out[k++] = in[i];
		}
	}
	return k;
}

size_t
kmp_frame_encode(uint8_t *out, size_t cap, uint8_t start, uint8_t addr, uint8_t cid,
                 const uint8_t *data, size_t n)
{
	uint8_t head[2], tail[2];
	uint16_t crc;
	size_t k, m;

	if (cap < 2 + 2 + 2 + n)
		return 0; /* cannot fit even unstuffed; also keeps cap - 1 below from wrapping */
	head[0] = addr;
	head[1] = cid;
	crc = crc16_xmodem(CRC16_XMODEM_INIT, head, 2);
	crc = crc16_xmodem(crc, data, n);
	tail[0] = (uint8_t)(crc >> 8);
	tail[1] = (uint8_t)crc;
	out[0] = start;
	k = 1;
	/* Stuff the three parts in place; cap - 1 keeps room for the stop byte. */
	if ((m = kmp_stuff(out + k, cap - 1 - k, head, 2)) == 0)
		return 0;
	k += m;
	if (n > 0) {
		if ((m = kmp_stuff(out + k, cap - 1 - k, data, n)) == 0)
			return 0;
		k += m;
	}
	if ((m = kmp_stuff(out + k, cap - 1 - k, tail, 2)) == 0)
		return 0;
	k += m;
	out[k++] = KMP_STOP;
	return k;
}

size_t
kmp_req_get_type(uint8_t *out, size_t cap, uint8_t addr)
{
	return kmp_frame_encode(out, cap, KMP_START_REQUEST, addr, KMP_CID_GET_TYPE, NULL, 0);
}

size_t
kmp_req_get_serial(uint8_t *out, size_t cap, uint8_t addr)
{
	return kmp_frame_encode(out, cap, KMP_START_REQUEST, addr, KMP_CID_GET_SERIAL, NULL, 0);
}

size_t
kmp_req_get_register(uint8_t *out, size_t cap, uint8_t addr, const uint16_t *regs, size_t n)
{
	uint8_t data[1 + 2 * KMP_REGS_PER_REQUEST];
	size_t i;

	if (n == 0 || n > KMP_REGS_PER_REQUEST)
		return 0;
	data[0] = (uint8_t)n;
	for (i = 0; i < n; i++) {
		data[1 + 2 * i] = (uint8_t)(regs[i] >> 8);
		data[2 + 2 * i] = (uint8_t)regs[i];
	}
	return kmp_frame_encode(out, cap, KMP_START_REQUEST, addr, KMP_CID_GET_REGISTER, data,
	                        1 + 2 * n);
}

static void
put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

size_t
kmp_req_set_clock(uint8_t *out, size_t cap, uint8_t addr, uint32_t yymmdd, uint32_t hhmmss)
{
	uint8_t data[8];

	uint32_t mo = yymmdd / 100 % 100, dd = yymmdd % 100;

	if (yymmdd > 991231 || mo < 1 || mo > 12 || dd < 1 || dd > 31 || hhmmss / 10000 > 23 ||
	    hhmmss / 100 % 100 > 59 || hhmmss % 100 > 59)
		return 0;
	put_be32(data, yymmdd);
	put_be32(data + 4, hhmmss);
	return kmp_frame_encode(out, cap, KMP_START_REQUEST, addr, KMP_CID_SET_CLOCK, data, 8);
}

size_t
kmp_req_put_register(uint8_t *out, size_t cap, uint8_t addr, uint16_t reg, uint8_t unit,
                     int64_t raw, int scaler, size_t nob)
{
	uint8_t data[3 + 2 + KMP_VALUE_MAX_BYTES];
	size_t m;

	data[0] = (uint8_t)(reg >> 8);
	data[1] = (uint8_t)reg;
	data[2] = unit;
	if ((m = kmp_value_encode(raw, scaler, nob, data + 3, sizeof(data) - 3)) == 0)
		return 0;
	return kmp_frame_encode(out, cap, KMP_START_REQUEST, addr, KMP_CID_PUT_REGISTER, data,
	                        3 + m);
}
