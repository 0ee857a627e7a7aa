/*
 * Modbus PDU, RTU and TCP framing, timing, and the decoder's frame logic:
 * every function code both ways (encode -> parse round trip and the bytes
 * of the specification's examples), bounds, exceptions, CRC vectors,
 * truncation at every length, MBAP assembly, t1.5/t3.5 and timeouts.
 */
#include <stdio.h>
#include <string.h>

#include "meterd/crc.h"
#include "meterd/mb_pdu.h"
#include "meterd/mbrtu.h"
#include "meterd/mbtcp.h"
#include "unit.h"

static void
check_bytes(const uint8_t *got, size_t n, const char *hex)
{
	uint8_t want[300];
	size_t k = 0;
	unsigned v;

	while (*hex && sscanf(hex, "%2x", &v) == 1) {
		want[k++] = (uint8_t)v;
		hex += 2;
		while (*hex == ' ')
			hex++;
	}
	CHECK_INT(n, k);
	CHECK(n == k && memcmp(got, want, k) == 0);
}

/* The request examples of the specification, §6.1-§6.17. */
static void
test_requests(void)
{
	static const uint8_t coils[2] = {0xCD, 0x01};
	static const uint8_t regs[4] = {0x00, 0x0A, 0x01, 0x02};
	static const uint8_t rw[6] = {0x00, 0xFF, 0x00, 0xFF, 0x00, 0xFF};
	static const struct {
		struct mb_request rq;
		const char       *hex;
	} t[] = {
	    {{1, 19, 19, 0, 0, NULL, 0}, "01 00 13 00 13"},
	    {{2, 196, 22, 0, 0, NULL, 0}, "02 00 C4 00 16"},
	    {{3, 107, 3, 0, 0, NULL, 0}, "03 00 6B 00 03"},
	    {{4, 8, 1, 0, 0, NULL, 0}, "04 00 08 00 01"},
	    {{5, 172, 1, 0, 0, (const uint8_t *)"\xFF\x00", 2}, "05 00 AC FF 00"},
	    {{6, 1, 1, 0, 0, (const uint8_t *)"\x00\x03", 2}, "06 00 01 00 03"},
	    {{15, 19, 10, 0, 0, coils, 2}, "0F 00 13 00 0A 02 CD 01"},
	    {{16, 1, 2, 0, 0, regs, 4}, "10 00 01 00 02 04 00 0A 01 02"},
	    {{23, 14, 3, 3, 6, rw, 6}, "17 00 03 00 06 00 0E 00 03 06 00 FF 00 FF 00 FF"},
	};
	uint8_t pdu[MB_PDU_MAX];
	struct mb_request back;
	size_t i, k;
	int n;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		n = mb_req_encode(&t[i].rq, pdu, sizeof(pdu));
		CHECK(n > 0);
		if (n <= 0)
			continue;
		check_bytes(pdu, (size_t)n, t[i].hex);
		CHECK_INT(mb_req_length(pdu, (size_t)n), n);
		CHECK_INT(mb_req_parse(&back, pdu, (size_t)n), 0);
		CHECK_INT(back.function, t[i].rq.function);
		CHECK_INT(back.address, t[i].rq.address);
		CHECK_INT(back.count, t[i].rq.count);
		CHECK_INT(back.read_address, t[i].rq.read_address);
		CHECK_INT(back.read_count, t[i].rq.read_count);
		CHECK_INT(back.values_len, t[i].rq.values_len);
		CHECK(back.values_len == 0 || memcmp(back.values, t[i].rq.values, back.values_len) == 0);
		/* Every shorter prefix is "short", never valid or out of bounds. */
		for (k = 0; k < (size_t)n; k++)
			CHECK_INT(mb_req_parse(&back, pdu, k), MB_E_SHORT);
		/* One byte too many. */
		pdu[n] = 0;
		CHECK_INT(mb_req_parse(&back, pdu, (size_t)n + 1), MB_E_LENGTH);
		/* The output buffer one byte short. */
		CHECK_INT(mb_req_encode(&t[i].rq, pdu, (size_t)n - 1), MB_E_SPACE);
	}
	CHECK_INT(mb_req_read_bytes(&t[0].rq), 3);
	CHECK_INT(mb_req_read_bytes(&t[2].rq), 6);
	CHECK_INT(mb_req_read_bytes(&t[8].rq), 12);
	CHECK_INT(mb_req_read_bytes(&t[5].rq), 0);
}

static void
test_request_bounds(void)
{
	uint8_t pdu[MB_PDU_MAX], vals[256] = {0};
	struct mb_request rq;

	memset(&rq, 0, sizeof(rq));
	rq.function = 3;
	rq.count = 125;
	CHECK_INT(mb_req_encode(&rq, pdu, sizeof(pdu)), 5);
	rq.count = 126;
	CHECK_INT(mb_req_encode(&rq, pdu, sizeof(pdu)), MB_E_INVALID);
	rq.count = 0;
	CHECK_INT(mb_req_encode(&rq, pdu, sizeof(pdu)), MB_E_INVALID);
	rq.count = 2;
	rq.address = 0xFFFF; /* address + quantity past 65536 */
	CHECK_INT(mb_req_encode(&rq, pdu, sizeof(pdu)), MB_E_INVALID);
	rq.address = 0xFFFE;
	CHECK_INT(mb_req_encode(&rq, pdu, sizeof(pdu)), 5);
	rq.function = 1;
	rq.address = 0;
	rq.count = 2000;
	CHECK_INT(mb_req_encode(&rq, pdu, sizeof(pdu)), 5);
	rq.count = 2001;
	CHECK_INT(mb_req_encode(&rq, pdu, sizeof(pdu)), MB_E_INVALID);
	rq.function = 16;
	rq.count = 123;
	rq.values = vals;
	rq.values_len = 246;
	CHECK_INT(mb_req_encode(&rq, pdu, sizeof(pdu)), 252);
	rq.count = 124;
	rq.values_len = 248;
	CHECK_INT(mb_req_encode(&rq, pdu, sizeof(pdu)), MB_E_INVALID);
	rq.count = 2; /* byte count does not match the quantity */
	rq.values_len = 3;
	CHECK_INT(mb_req_encode(&rq, pdu, sizeof(pdu)), MB_E_INVALID);
	rq.function = 15;
	rq.count = 1968;
	rq.values_len = 246;
	CHECK_INT(mb_req_encode(&rq, pdu, sizeof(pdu)), 252);
	rq.count = 1969;
	CHECK_INT(mb_req_encode(&rq, pdu, sizeof(pdu)), MB_E_INVALID);
	rq.function = 5; /* a coil is FF00 or 0000, nothing else */
	rq.values = (const uint8_t *)"\x12\x34";
	rq.values_len = 2;
	CHECK_INT(mb_req_encode(&rq, pdu, sizeof(pdu)), MB_E_INVALID);
	rq.function = 23;
	rq.read_count = 125;
	rq.count = 121;
	rq.values = vals;
	rq.values_len = 242;
	CHECK_INT(mb_req_encode(&rq, pdu, sizeof(pdu)), 252);
	rq.count = 122;
	rq.values_len = 244;
	CHECK_INT(mb_req_encode(&rq, pdu, sizeof(pdu)), MB_E_INVALID);
	rq.function = 7;
	CHECK_INT(mb_req_encode(&rq, pdu, sizeof(pdu)), MB_E_FUNCTION);
	/* Parsing checks the same bounds: a FC 16 whose byte count lies. */
	memcpy(pdu, "\x10\x00\x01\x00\x02\x02\x00\x0A", 8);
	CHECK_INT(mb_req_parse(&rq, pdu, 8), MB_E_INVALID);
	CHECK_INT(mb_req_parse(&rq, (const uint8_t *)"\x03\x00\x00\x00\x00", 5), MB_E_INVALID);
	CHECK_INT(mb_req_parse(&rq, (const uint8_t *)"\x2B\x0E\x01\x00", 4), MB_E_FUNCTION);
	CHECK_INT(mb_req_length((const uint8_t *)"\x10\x00\x01\x00", 4), MB_E_SHORT);
	CHECK(!mb_function_known(0) && !mb_function_known(7) && mb_function_known(23));
}

static void
test_responses(void)
{
	static const struct {
		const char *hex;
		uint8_t     function, exception;
		uint16_t    address, count, value;
		uint8_t     values_len;
	} t[] = {
	    {"01 03 CD 6B 05", 1, 0, 0, 0, 0, 3},
	    {"02 03 AC DB 35", 2, 0, 0, 0, 0, 3},
	    {"03 06 02 2B 00 00 00 64", 3, 0, 0, 0, 0, 6},
	    {"04 02 00 0A", 4, 0, 0, 0, 0, 2},
	    {"05 00 AC FF 00", 5, 0, 172, 1, 0xFF00, 0},
	    {"06 00 01 00 03", 6, 0, 1, 1, 3, 0},
	    {"0F 00 13 00 0A", 15, 0, 19, 10, 0, 0},
	    {"10 00 01 00 02", 16, 0, 1, 2, 0, 0},
	    {"17 0C 00 FE 0A CD 00 01 00 03 00 0D 00 FF", 23, 0, 0, 0, 0, 12},
	    {"83 02", 3, 2, 0, 0, 0, 0},
	    {"81 01", 1, 1, 0, 0, 0, 0},
	    {"97 0B", 23, 11, 0, 0, 0, 0},
	};
	uint8_t pdu[MB_PDU_MAX], again[MB_PDU_MAX];
	struct mb_response rs;
	size_t i, k, n;
	unsigned v;
	const char *h;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		for (n = 0, h = t[i].hex; *h && sscanf(h, "%2x", &v) == 1; n++) {
			pdu[n] = (uint8_t)v;
			h += 2;
			while (*h == ' ')
				h++;
		}
		CHECK_INT(mb_rsp_length(pdu, n), (int)n);
		CHECK_INT(mb_rsp_parse(&rs, pdu, n), 0);
		CHECK_INT(rs.function, t[i].function);
		CHECK_INT(rs.exception, t[i].exception);
		CHECK_INT(rs.address, t[i].address);
		CHECK_INT(rs.count, t[i].count);
		CHECK_INT(rs.value, t[i].value);
		CHECK_INT(rs.values_len, t[i].values_len);
		/* And back to the same bytes. */
		CHECK_INT(mb_rsp_encode(&rs, again, sizeof(again)), (int)n);
		CHECK(memcmp(again, pdu, n) == 0);
		for (k = 0; k < n; k++)
			CHECK_INT(mb_rsp_parse(&rs, pdu, k), MB_E_SHORT);
	}
	CHECK_INT(mb_rsp_parse(&rs, (const uint8_t *)"\x03\x03\x00\x01\x02", 5), MB_E_INVALID); /* odd */
	CHECK_INT(mb_rsp_parse(&rs, (const uint8_t *)"\x03\x00", 2), MB_E_INVALID);
	CHECK_INT(mb_rsp_parse(&rs, (const uint8_t *)"\x83\x00", 2), MB_E_INVALID);
	CHECK_INT(mb_rsp_parse(&rs, (const uint8_t *)"\x88\x01", 2), MB_E_FUNCTION);
	CHECK_INT(mb_rsp_parse(&rs, (const uint8_t *)"\x05\x00\x01\x12\x34", 5), MB_E_INVALID);
	CHECK_INT(mb_rsp_parse(&rs, (const uint8_t *)"\x10\x00\x01\x00\x00", 5), MB_E_INVALID);
	CHECK_INT(mb_rsp_parse(&rs, (const uint8_t *)"\x04\x02\x00\x0A\x00", 5), MB_E_LENGTH);
	CHECK_STR(mb_exception_name(2), "illegal data address");
	CHECK_STR(mb_exception_name(11), "gateway target device failed to respond");
	CHECK_STR(mb_exception_name(7), "unknown exception");
	CHECK_STR(mb_strerror(MB_E_MISMATCH), "response does not answer the request");
}

static void
test_matches(void)
{
	struct mb_request rq = {3, 9, 14, 0, 0, NULL, 0};
	struct mb_response rs = {3, 0, 0, 0, 0, NULL, 28};

	CHECK_INT(mb_rsp_matches(&rq, &rs), 0);
	rs.values_len = 26;
	CHECK_INT(mb_rsp_matches(&rq, &rs), MB_E_MISMATCH);
	rs.function = 4;
	rs.values_len = 28;
	CHECK_INT(mb_rsp_matches(&rq, &rs), MB_E_MISMATCH);
	rs.function = 3;
	rs.exception = 2; /* an exception to the same function answers */
	CHECK_INT(mb_rsp_matches(&rq, &rs), 0);
	rq.function = 6;
	rq.address = 7;
	rq.values = (const uint8_t *)"\x12\x34";
	rq.values_len = 2;
	memset(&rs, 0, sizeof(rs));
	rs.function = 6;
	rs.address = 7;
	rs.value = 0x1234;
	CHECK_INT(mb_rsp_matches(&rq, &rs), 0);
	rs.value = 0x1235;
	CHECK_INT(mb_rsp_matches(&rq, &rs), MB_E_MISMATCH);
	rq.function = 1;
	rq.count = 10;
	memset(&rs, 0, sizeof(rs));
	rs.function = 1;
	rs.values_len = 2;
	CHECK_INT(mb_rsp_matches(&rq, &rs), 0);
	CHECK(mb_bit((const uint8_t *)"\xCD", 0) && !mb_bit((const uint8_t *)"\xCD", 1));
}

static void
test_rtu(void)
{
	static const uint8_t v1[] = {0x12, 0x34, 0x23, 0x45, 0x34, 0x56, 0x45, 0x67};
	uint8_t adu[MBRTU_ADU_MAX], pdu[MB_PDU_MAX];
	int n;

	/* CRC vectors: the spec notes and pymodbus' (wire bytes E2 DB). */
	CHECK_INT(crc16_modbus(v1, sizeof(v1)), 0xDBE2);
	n = mbrtu_adu_encode(0xF7, (const uint8_t *)"\x03\x00\x09\x00\x0E", 5, adu, sizeof(adu));
	check_bytes(adu, (size_t)n, "F7 03 00 09 00 0E 00 9A");
	CHECK(mbrtu_adu_crc_ok(adu, (size_t)n));
	adu[3] ^= 0x01;
	CHECK(!mbrtu_adu_crc_ok(adu, (size_t)n));
	n = mbrtu_adu_encode(0x11, (const uint8_t *)"\x03\x00\x7C\x00\x02", 5, adu, sizeof(adu));
	check_bytes(adu, (size_t)n, "11 03 00 7C 00 02 07 43");
	CHECK(!mbrtu_adu_crc_ok(adu, 3));
	CHECK_INT(mbrtu_adu_encode(1, pdu, 0, adu, sizeof(adu)), MB_E_INVALID);
	CHECK_INT(mbrtu_adu_encode(1, pdu, 254, adu, sizeof(adu)), MB_E_INVALID);
	CHECK_INT(mbrtu_adu_encode(1, pdu, 5, adu, 7), MB_E_SPACE);
	memset(pdu, 0, sizeof(pdu));
	CHECK_INT(mbrtu_adu_encode(1, pdu, 253, adu, sizeof(adu)), 256);
	/* Shapes: a read request, its reply, an exception, and still growing. */
	CHECK_INT(mbrtu_shape((const uint8_t *)"\x11\x03\x00\x7C\x00\x02\x07\x43", 8), MBRTU_SHAPE_REQ);
	CHECK_INT(mbrtu_shape((const uint8_t *)"\x11\x83\x02\xC1\x34", 5), MBRTU_SHAPE_RSP);
	CHECK(mbrtu_shape((const uint8_t *)"\x11\x03\x04\x00", 4) & MBRTU_SHAPE_LIVE);
	CHECK_INT(mbrtu_shape((const uint8_t *)"\x11\x07\x00\x00", 4), 0);
}

static void
test_timing(void)
{
	struct mbrtu_timing t;
	struct mb_request rq = {3, 9, 14, 0, 0, NULL, 0};

	CHECK_INT(mbrtu_char_bits(8, 'E', 1), 11);
	CHECK_INT(mbrtu_char_bits(8, 'N', 2), 11);
	CHECK_INT(mbrtu_char_bits(8, 'N', 1), 10);
	/* 9600 baud 11 bits: 1.146 ms a character, t3.5 = 4.01 ms (spec notes). */
	mbrtu_timing_init(&t, 9600, 11);
	CHECK_INT(t.char_us, 1146);
	CHECK_INT(t.t15_us, 1719);
	CHECK_INT(t.t35_us, 4011);
	mbrtu_timing_init(&t, 19200, 11);
	CHECK_INT(t.t35_us, 2006);
	/* Above 19200 baud the times are fixed. */
	mbrtu_timing_init(&t, 38400, 11);
	CHECK_INT(t.t15_us, 750);
	CHECK_INT(t.t35_us, 1750);
	CHECK_INT(t.char_us, 287);
	mbrtu_timing_init(&t, 9600, 11);
	CHECK_INT(mbrtu_tx_us(&t, 8), 9168);
	CHECK_INT(mbrtu_reply_len(&rq), 33);
	/* 8 + 33 characters, t3.5 and 100 ms turnaround: 46.986 + 4.011 + 100 -> 151 ms. */
	CHECK_INT(mbrtu_response_timeout_ms(&t, 8, 33, 100), 151);
	rq.function = 6;
	CHECK_INT(mbrtu_reply_len(&rq), 8);
}

static void
test_tcp(void)
{
	uint8_t adu[MBTCP_ADU_MAX + 8];
	const uint8_t *pdu;
	size_t pdu_len, k;
	struct mbtcp_header h;
	int n;

	n = mbtcp_adu_encode(0x0001, 0xF7, (const uint8_t *)"\x03\x00\x09\x00\x0E", 5, adu,
	                     sizeof(adu));
	check_bytes(adu, (size_t)n, "00 01 00 00 00 06 F7 03 00 09 00 0E");
	for (k = 0; k < (size_t)n; k++)
		CHECK_INT(mbtcp_adu_parse(&h, &pdu, &pdu_len, adu, k), 0);
	/* Two ADUs back to back: the first is taken whole, the rest left. */
	memcpy(adu + n, adu, 4);
	CHECK_INT(mbtcp_adu_parse(&h, &pdu, &pdu_len, adu, (size_t)n + 4), n);
	CHECK_INT(h.transaction, 1);
	CHECK_INT(h.unit, 0xF7);
	CHECK_INT(h.length, 6);
	CHECK_INT(pdu_len, 5);
	CHECK(pdu == adu + 7 && pdu[0] == 3);
	adu[2] = 1; /* protocol id must be 0 */
	CHECK_INT(mbtcp_adu_parse(&h, &pdu, &pdu_len, adu, (size_t)n), MB_E_INVALID);
	adu[2] = 0;
	adu[5] = 1; /* length 1: no PDU */
	CHECK_INT(mbtcp_adu_parse(&h, &pdu, &pdu_len, adu, (size_t)n), MB_E_INVALID);
	adu[4] = 1; /* length 257 */
	adu[5] = 1;
	CHECK_INT(mbtcp_adu_parse(&h, &pdu, &pdu_len, adu, (size_t)n), MB_E_INVALID);
	CHECK_INT(mbtcp_adu_encode(1, 1, adu, 0, adu, sizeof(adu)), MB_E_INVALID);
	CHECK_INT(mbtcp_adu_encode(1, 1, (const uint8_t *)"\x03", 1, adu, 7), MB_E_SPACE);
	/* Gateway round trip: TCP request -> RTU ADU with the same PDU. */
	n = mbtcp_adu_encode(7, 0x11, (const uint8_t *)"\x03\x00\x7C\x00\x02", 5, adu, sizeof(adu));
	CHECK_INT(mbtcp_adu_parse(&h, &pdu, &pdu_len, adu, (size_t)n), n);
	{
		uint8_t rtu[MBRTU_ADU_MAX];
		int m = mbrtu_adu_encode(h.unit, pdu, pdu_len, rtu, sizeof(rtu));
		check_bytes(rtu, (size_t)m, "11 03 00 7C 00 02 07 43");
	}
}

/* Events of the decoder over bytes pushed one at a time, idle() at each '|'. */
static int
decode_as(const char *role, const char *hex, char *out, size_t cap)
{
	static struct mbrtu_dec d;
	unsigned v;
	int frames = 0;
	size_t o = 0;

	mbrtu_dec_init(&d);
	CHECK_INT(mbrtu_dec_configure(&d, "lenient_crc", "0"), 0);
	CHECK_INT(mbrtu_dec_configure(&d, "role", role), 0);
	out[0] = '\0';
	for (;;) {
		enum dec_event ev;
		uint8_t b;
		int idle = 0;

		while (*hex == ' ')
			hex++;
		if (*hex == '|') {
			idle = 1;
			hex++;
		} else if (*hex && sscanf(hex, "%2x", &v) == 1) {
			b = (uint8_t)v;
			hex += 2;
			while (mbrtu_dec_push(&d, &b, 1) == 0)
				while ((ev = mbrtu_dec_event(&d)) != DEC_NONE)
					(void)ev;
		} else {
			mbrtu_dec_finish(&d);
		}
		if (idle)
			mbrtu_dec_idle(&d);
		while ((ev = mbrtu_dec_event(&d)) != DEC_NONE) {
			if (ev == DEC_FRAME) {
				const struct frame_info *fi = mbrtu_dec_frame(&d);
				const struct mbrtu_frame *fr = fi->detail;
				static const char k[] = "QRXO";
				frames++;
				o += (size_t)snprintf(out + o, cap - o, "%s%s/%u", o ? " " : "",
				                      frame_status_name(fi->status), (unsigned)fi->length);
				if (fr != NULL)
					o += (size_t)snprintf(out + o, cap - o, "%c", k[fr->kind]);
			} else {
				o += (size_t)snprintf(out + o, cap - o, " %s=%lld", mbrtu_dec_reading(&d)->id,
				                      (long long)mbrtu_dec_reading(&d)->raw);
			}
		}
		if (!*hex)
			break;
	}
	return frames;
}

static int
decode(const char *hex, char *out, size_t cap)
{
	return decode_as("sniffer", hex, out, cap);
}

static void
test_decoder(void)
{
	char out[1024];
	static struct mbrtu_dec d;

	/* A slave frames only requests: a repeated write is a second request, another slave's reply is noise. */
	decode_as("slave", "01 06 00 01 00 03 98 0B 01 06 00 01 00 03 98 0B", out, sizeof(out));
	CHECK_STR(out, "ok/8Q ok/8Q");
	decode_as("slave", "11 03 04 00 8D 00 8E FB BD | 11 03 00 7C 00 02 07 43", out, sizeof(out));
	CHECK_STR(out, "invalid/9 ok/8Q");
	mbrtu_dec_init(&d);
	CHECK_INT(mbrtu_dec_configure(&d, "role", "master"), -1);
	CHECK_INT(mbrtu_dec_configure(&d, "lenient_crc", "yes"), -1);
	CHECK_INT(mbrtu_dec_configure(&d, "profile", "x"), -1);

	/* FC 6: request and reply are the same bytes; the second answers the first. */
	decode("01 06 00 01 00 03 98 0B 01 06 00 01 00 03 98 0B", out, sizeof(out));
	CHECK_STR(out, "ok/8Q ok/8R");
	/* A reply with nothing asked: a response, but no values without an address. */
	decode("11 03 04 00 8D 00 8E FB BD", out, sizeof(out));
	CHECK_STR(out, "ok/9R");
	/* FC 1: bits; the count comes from the request. */
	decode("04 01 00 0A 00 0D DD 98 04 01 02 0A 11 B3 50", out, sizeof(out));
	CHECK_STR(out, "ok/8Q ok/7R modbus:4:co10=0 modbus:4:co11=1 modbus:4:co12=0 "
	               "modbus:4:co13=1 modbus:4:co14=0 modbus:4:co15=0 modbus:4:co16=0 "
	               "modbus:4:co17=0 modbus:4:co18=1 modbus:4:co19=0 modbus:4:co20=0 "
	               "modbus:4:co21=0 modbus:4:co22=1");
	/* A bad CRC is crc_error and gives no values when strict. */
	decode("11 03 00 7C 00 02 07 43 11 03 04 00 8D 00 8E FB BE |", out, sizeof(out));
	CHECK_STR(out, "ok/8Q crc_error/9R");
	/* 300 bytes of noise: reported, bounded, and the frame after it still found. */
	{
		char hex[1200];
		size_t i, o = 0;
		for (i = 0; i < 300; i++)
			o += (size_t)snprintf(hex + o, sizeof(hex) - o, "%02X ", (unsigned)(i * 7 + 1) & 0xFF);
		snprintf(hex + o, sizeof(hex) - o, "11 83 02 C1 34");
		decode(hex, out, sizeof(out));
		CHECK(strstr(out, "invalid/") == out);
		CHECK(strstr(out, "ok/5X") != NULL);
	}
	/* A read/write (FC 23) request and its reply: values of the read part. */
	decode("01 17 00 03 00 02 00 0E 00 01 02 00 FF A5 DA 01 17 04 00 FE 0A CD 5F E2", out,
	       sizeof(out));
	CHECK_STR(out, "ok/15Q ok/9R modbus:1:hr3=254 modbus:1:hr4=2765");
}

/* The shape of a start as mb_pdu.h's lengths define it: the reference for mbrtu_shape(). */
static unsigned
ref_shape(const uint8_t *adu, size_t len)
{
	unsigned s = 0;
	int l;

	if (len < 2)
		return MBRTU_SHAPE_LIVE;
	l = mb_req_length(adu + 1, len - 1);
	if (l == MB_E_SHORT || (l > 0 && (size_t)l + 3 > len))
		s |= MBRTU_SHAPE_LIVE;
	else if (l > 0 && (size_t)l + 3 == len)
		s |= MBRTU_SHAPE_REQ;
	l = mb_rsp_length(adu + 1, len - 1);
	if (l == MB_E_SHORT || (l > 0 && (size_t)l + 3 > len))
		s |= MBRTU_SHAPE_LIVE;
	else if (l > 0 && (size_t)l + 3 == len)
		s |= MBRTU_SHAPE_RSP;
	return s;
}

/* mbrtu_shape() judges every header as mb_req_length()/mb_rsp_length() do. */
static void
test_shape_lengths(void)
{
	static const uint8_t fill[] = {0, 3, 0x7E, 0xFB};
	uint8_t adu[300];
	unsigned fc, c, k, j;
	size_t len;
	int bad = 0;

	for (fc = 0; fc < 256; fc++)
		for (c = 0; c < 256; c++)
			for (k = 0; k < sizeof(fill); k++) {
				memset(adu, fill[k], sizeof(adu));
				adu[1] = (uint8_t)fc;
				adu[2] = (uint8_t)c;  /* response byte count */
				adu[6] = (uint8_t)c;  /* FC 15/16 request byte count */
				adu[10] = (uint8_t)c; /* FC 23 request byte count */
				/* the header lengths, and around each length a count declares */
				for (len = 1; len <= 14; len++)
					bad += mbrtu_shape(adu, len) != ref_shape(adu, len);
				for (j = 0; j < 9; j++) {
					len = c + 4 + 4 * (j / 3) + j % 3;
					bad += mbrtu_shape(adu, len) != ref_shape(adu, len);
				}
			}
	CHECK_INT(bad, 0);
}

/*
 * The framer against a brute force of its contract: at each byte, the
 * earliest start that has been live at every length so far (its shape
 * never dead), whose bytes are now a wanted shape with a CRC remainder of
 * 0, over streams of frames, pieces of frames and noise.
 */
static int
ref_frame(const uint8_t *buf, size_t n, unsigned want)
{
	for (size_t s = 0; s + MBRTU_ADU_MIN <= n; s++) {
		size_t len;
		for (len = 1; len < n - s; len++)
			if (!(ref_shape(buf + s, len) & MBRTU_SHAPE_LIVE))
				break;
		if (len == n - s && (ref_shape(buf + s, len) & want) && crc16_modbus(buf + s, len) == 0)
			return (int)s;
	}
	return -1;
}

static size_t
ref_dead(const uint8_t *buf, size_t n)
{
	for (size_t s = 1; s < n; s++) {
		size_t len;
		for (len = 1; len <= n - s; len++)
			if (!(ref_shape(buf + s, len) & MBRTU_SHAPE_LIVE))
				break;
		if (len > n - s)
			return s;
	}
	return n > 0 ? n : 1;
}

static void
test_framer(void)
{
	static const char *const frames[] = {
	    "11 03 00 7C 00 02 07 43", "11 03 04 00 8D 00 8E FB BD", "11 83 02 C1 34",
	    "F7 03 00 09 00 0E 00 9A", "01 10 00 01 00 02 04 00 0A 01 02 92 30",
	    "01 17 00 03 00 06 00 0E 00 03 06 00 FF 00 FF 00 FF", "01 05 00 AC FF 00 4C 1B",
	    "01 01 03 CD 6B 05 45 E6", "01 06 00 01 00 03 98 0B",
	};
	static struct mbrtu_framer f;
	uint8_t stream[1500], tmp[300];
	size_t n = 0, i;
	uint32_t seed = 12345;
	int bad = 0, frames_found = 0;
	static const unsigned wants[] = {MBRTU_SHAPE_REQ, MBRTU_SHAPE_RSP,
	                                 MBRTU_SHAPE_REQ | MBRTU_SHAPE_RSP, 0};

	for (size_t wi = 0; wi < sizeof(wants) / sizeof(wants[0]); wi++) {
		unsigned want = wants[wi];
		n = 0;
		while (n < sizeof(stream) - 300) {
			const char *h = frames[(seed >> 8) % (sizeof(frames) / sizeof(frames[0]))];
			size_t k = 0, cut;
			unsigned v;
			seed = seed * 1103515245u + 12345u;
			while (*h && sscanf(h, "%2x", &v) == 1) {
				tmp[k++] = (uint8_t)v;
				h += 2;
				while (*h == ' ')
					h++;
			}
			if (k > 5 && tmp[1] == 0x17) { /* complete the FC 23 request with its CRC */
				uint16_t crc = crc16_modbus(tmp, k);
				tmp[k++] = (uint8_t)crc;
				tmp[k++] = (uint8_t)(crc >> 8);
			}
			switch ((seed >> 16) % 6) {
			case 0: /* noise, rich in function codes */
				for (k = 0; k < (seed >> 20) % 12; k++)
					tmp[k] = (uint8_t)((seed >> (k % 24)) % 25);
				break;
			case 1: /* cut short */
				cut = 1 + (seed >> 20) % k;
				k = cut;
				break;
			case 2: /* a bit flipped */
				tmp[(seed >> 20) % k] ^= (uint8_t)(1u << ((seed >> 12) % 8));
				break;
			}
			memcpy(stream + n, tmp, k);
			n += k;
		}
		mbrtu_framer_init(&f);
		for (i = 0; i < n; i++) {
			int got, ref;
			if (f.n == MBRTU_ADU_MAX) {
				size_t k = mbrtu_framer_dead(&f);
				bad += k != ref_dead(f.buf, f.n);
				mbrtu_framer_drop(&f, k);
			}
			got = mbrtu_framer_add(&f, stream[i], want);
			ref = ref_frame(f.buf, f.n, want);
			bad += got != ref;
			if (f.n > 1 && (i % 7) == 0)
				bad += mbrtu_framer_dead(&f) != ref_dead(f.buf, f.n);
			if (got >= 0) {
				frames_found++;
				/* as the decoder does: the garbage, then the frame */
				if (got > 0)
					mbrtu_framer_drop(&f, (size_t)got);
				mbrtu_framer_drop(&f, f.n);
			}
		}
	}
	CHECK_INT(bad, 0);
	CHECK(frames_found > 50);
}

/* mb_read_reading_next() gives what mb_read_reading() gives, value after value. */
static void
test_read_reading_next(void)
{
	static const uint8_t slaves[] = {1, 9, 10, 99, 100, 247, 255};
	static const uint8_t fcs[] = {1, 2, 3, 4, 23};
	static const uint16_t addrs[] = {0, 7, 95, 995, 9995, 65530};
	uint8_t vals[250];
	struct reading a, b, c;
	int bad = 0;

	for (size_t i = 0; i < sizeof(vals); i++)
		vals[i] = (uint8_t)(i * 37 + 11);
	for (size_t si = 0; si < sizeof(slaves); si++)
		for (size_t fi = 0; fi < sizeof(fcs); fi++)
			for (size_t ai = 0; ai < sizeof(addrs) / sizeof(addrs[0]); ai++) {
				struct mb_request rq = {0};
				struct mb_response rs = {0};
				rq.function = rs.function = fcs[fi];
				rq.address = rq.read_address = addrs[ai];
				rq.count = rq.read_count = 12;
				rs.values = vals;
				rs.values_len = 24;
				for (size_t i = 0; i < 12; i++) {
					mb_read_reading(&a, slaves[si], &rq, &rs, i);
					if (i == 0)
						mb_read_reading(&b, slaves[si], &rq, &rs, 0);
					else
						mb_read_reading_next(&b, slaves[si], &rq, &rs, i);
					c = b; /* the id's bytes after its NUL do not count */
					memset(c.id + strlen(c.id), 0, sizeof(c.id) - strlen(c.id));
					bad += memcmp(&a, &c, sizeof(a)) != 0;
				}
			}
	CHECK_INT(bad, 0);
	mb_read_reading(&a, 17, &(struct mb_request){.function = 3, .address = 9999},
	                &(struct mb_response){.function = 3, .values = vals, .values_len = 4}, 1);
	CHECK_STR(a.id, "modbus:17:hr10000");
}

int
main(void)
{
	test_shape_lengths();
	test_framer();
	test_read_reading_next();
	test_requests();
	test_request_bounds();
	test_responses();
	test_matches();
	test_rtu();
	test_timing();
	test_tcp();
	test_decoder();
	TEST_END();
}
