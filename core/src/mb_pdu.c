#include <string.h>

#include "meterd/cursor.h"
#include "meterd/mb_pdu.h"

/* Quantity limits of §6.1-§6.17. */
#define MAX_READ_BITS   2000
#define MAX_READ_WORDS  125
#define MAX_WRITE_BITS  1968
#define MAX_WRITE_WORDS 123
#define MAX_RW_WRITE    121
#define COIL_ON         0xFF00u

const char *
mb_strerror(int err)
{
	switch (err) {
	case 0:
		return "ok";
	case MB_E_SHORT:
		return "PDU truncated";
	case MB_E_FUNCTION:
		return "unknown function code";
	case MB_E_INVALID:
		return "quantity, byte count or value out of bounds";
	case MB_E_LENGTH:
		return "bytes after the end of the PDU";
	case MB_E_SPACE:
		return "output buffer too small";
	case MB_E_MISMATCH:
		return "response does not answer the request";
	}
	return "unknown error";
}

const char *
mb_exception_name(uint8_t code)
{
	switch (code) {
	case MB_EX_ILLEGAL_FUNCTION:
		return "illegal function";
	case MB_EX_ILLEGAL_DATA_ADDRESS:
		return "illegal data address";
	case MB_EX_ILLEGAL_DATA_VALUE:
		return "illegal data value";
	case MB_EX_SERVER_FAILURE:
		return "server device failure";
	case MB_EX_ACKNOWLEDGE:
		return "acknowledge";
	case MB_EX_SERVER_BUSY:
		return "server device busy";
	case MB_EX_MEMORY_PARITY:
		return "memory parity error";
	case MB_EX_GATEWAY_PATH:
		return "gateway path unavailable";
	case MB_EX_GATEWAY_TARGET:
		return "gateway target device failed to respond";
	}
	return "unknown exception";
}

bool
mb_function_known(uint8_t fc)
{
	return (fc >= 1 && fc <= 6) || fc == 15 || fc == 16 || fc == 23;
}

static bool
is_bit_read(uint8_t fc)
{
	return fc == MB_FC_READ_COILS || fc == MB_FC_READ_DISCRETE_INPUTS;
}

static bool
is_word_read(uint8_t fc)
{
	return fc == MB_FC_READ_HOLDING_REGISTERS || fc == MB_FC_READ_INPUT_REGISTERS;
}

static bool
range_ok(uint16_t address, uint16_t count, unsigned max)
{
	return count >= 1 && count <= max && (uint32_t)address + count <= 0x10000u;
}

int
mb_req_length(const uint8_t *pdu, size_t n)
{
	if (n < 1)
		return MB_E_SHORT;
	switch (pdu[0]) {
	case 1: case 2: case 3: case 4: case 5: case 6:
		return 5;
	case 15: case 16:
		return n < 6 ? MB_E_SHORT : 6 + pdu[5];
	case 23:
		return n < 10 ? MB_E_SHORT : 10 + pdu[9];
	}
	return MB_E_FUNCTION;
}

int
mb_rsp_length(const uint8_t *pdu, size_t n)
{
	if (n < 1)
		return MB_E_SHORT;
	if (pdu[0] & MB_EXCEPTION_BIT)
		return mb_function_known(pdu[0] & 0x7F) ? 2 : MB_E_FUNCTION;
	switch (pdu[0]) {
	case 1: case 2: case 3: case 4: case 23:
		if (n < 2)
			return MB_E_SHORT;
		if (pdu[1] == 0 || (pdu[0] != 1 && pdu[0] != 2 && pdu[1] % 2 != 0) ||
		    pdu[1] > 2 * MAX_READ_WORDS)
			return MB_E_INVALID;
		return 2 + pdu[1];
	case 5: case 6: case 15: case 16:
		return 5;
	}
	return MB_E_FUNCTION;
}

unsigned
mb_req_read_bytes(const struct mb_request *rq)
{
	if (is_bit_read(rq->function))
		return (rq->count + 7u) / 8u;
	if (is_word_read(rq->function))
		return 2u * rq->count;
	if (rq->function == MB_FC_READ_WRITE_REGISTERS)
		return 2u * rq->read_count;
	return 0;
}

/* Checks a request's fields against §6; 0 or MB_E_INVALID / MB_E_FUNCTION. */
static int
req_check(const struct mb_request *rq)
{
	switch (rq->function) {
	case 1: case 2:
		return range_ok(rq->address, rq->count, MAX_READ_BITS) ? 0 : MB_E_INVALID;
	case 3: case 4:
		return range_ok(rq->address, rq->count, MAX_READ_WORDS) ? 0 : MB_E_INVALID;
	case 5:
		if (rq->values_len != 2 || rq->values[1] != 0 ||
		    (rq->values[0] != 0 && rq->values[0] != 0xFF))
			return MB_E_INVALID;
		return 0;
	case 6:
		return rq->values_len == 2 ? 0 : MB_E_INVALID;
	case 15:
		return range_ok(rq->address, rq->count, MAX_WRITE_BITS) &&
		               rq->values_len == (rq->count + 7) / 8
		           ? 0
		           : MB_E_INVALID;
	case 16:
		return range_ok(rq->address, rq->count, MAX_WRITE_WORDS) &&
		               rq->values_len == 2 * rq->count
		           ? 0
		           : MB_E_INVALID;
	case 23:
		return range_ok(rq->read_address, rq->read_count, MAX_READ_WORDS) &&
		               range_ok(rq->address, rq->count, MAX_RW_WRITE) &&
		               rq->values_len == 2 * rq->count
		           ? 0
		           : MB_E_INVALID;
	}
	return MB_E_FUNCTION;
}

static void
put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

int
mb_req_encode(const struct mb_request *rq, uint8_t *pdu, size_t cap)
{
	size_t n;
	int err;

	if ((err = req_check(rq)) != 0)
		return err;
	switch (rq->function) {
	case 1: case 2: case 3: case 4:
		n = 5;
		break;
	case 5: case 6:
		n = 5;
		break;
	case 15: case 16:
		n = 6 + (size_t)rq->values_len;
		break;
	default: /* 23 */
		n = 10 + (size_t)rq->values_len;
		break;
	}
	if (n > cap)
		return MB_E_SPACE;
	pdu[0] = rq->function;
	if (rq->function == 23) {
		put16(pdu + 1, rq->read_address);
		put16(pdu + 3, rq->read_count);
		put16(pdu + 5, rq->address);
		put16(pdu + 7, rq->count);
		pdu[9] = rq->values_len;
		memcpy(pdu + 10, rq->values, rq->values_len);
		return (int)n;
	}
	put16(pdu + 1, rq->address);
	if (rq->function == 5 || rq->function == 6) {
		memcpy(pdu + 3, rq->values, 2);
		return (int)n;
	}
	put16(pdu + 3, rq->count);
	if (rq->function == 15 || rq->function == 16) {
		pdu[5] = rq->values_len;
		memcpy(pdu + 6, rq->values, rq->values_len);
	}
	return (int)n;
}

int
mb_req_parse(struct mb_request *rq, const uint8_t *pdu, size_t n)
{
	struct cursor c;
	int len = mb_req_length(pdu, n);

	if (len < 0)
		return len;
	if ((size_t)len > n)
		return MB_E_SHORT;
	if ((size_t)len < n)
		return MB_E_LENGTH;
	memset(rq, 0, sizeof(*rq));
	cursor_init(&c, pdu, n);
	rq->function = cursor_u8(&c);
	if (rq->function == 23) {
		rq->read_address = cursor_be16(&c);
		rq->read_count = cursor_be16(&c);
	}
	rq->address = cursor_be16(&c);
	if (rq->function == 5 || rq->function == 6) {
		rq->count = 1;
		rq->values_len = 2;
		rq->values = cursor_take(&c, 2);
	} else {
		rq->count = cursor_be16(&c);
		if (rq->function >= 15) {
			rq->values_len = cursor_u8(&c);
			rq->values = cursor_take(&c, rq->values_len);
		}
	}
	if (c.err)
		return MB_E_SHORT;
	return req_check(rq);
}

int
mb_rsp_encode(const struct mb_response *rsp, uint8_t *pdu, size_t cap)
{
	uint8_t fc = rsp->function;

	if (!mb_function_known(fc))
		return MB_E_FUNCTION;
	if (rsp->exception != 0) {
		if (cap < 2)
			return MB_E_SPACE;
		pdu[0] = (uint8_t)(fc | MB_EXCEPTION_BIT);
		pdu[1] = rsp->exception;
		return 2;
	}
	if (is_bit_read(fc) || is_word_read(fc) || fc == 23) {
		if (rsp->values_len == 0 || rsp->values_len > 2 * MAX_READ_WORDS ||
		    (!is_bit_read(fc) && rsp->values_len % 2 != 0))
			return MB_E_INVALID;
		if (cap < 2u + rsp->values_len)
			return MB_E_SPACE;
		pdu[0] = fc;
		pdu[1] = rsp->values_len;
		memcpy(pdu + 2, rsp->values, rsp->values_len);
		return 2 + rsp->values_len;
	}
	if (cap < 5)
		return MB_E_SPACE;
	if (fc == 5 && rsp->value != 0 && rsp->value != COIL_ON)
		return MB_E_INVALID;
	pdu[0] = fc;
	put16(pdu + 1, rsp->address);
	put16(pdu + 3, fc == 5 || fc == 6 ? rsp->value : rsp->count);
	return 5;
}

int
mb_rsp_parse(struct mb_response *rsp, const uint8_t *pdu, size_t n)
{
	struct cursor c;
	int len = mb_rsp_length(pdu, n);
	uint8_t fc;

	if (len < 0)
		return len;
	if ((size_t)len > n)
		return MB_E_SHORT;
	if ((size_t)len < n)
		return MB_E_LENGTH;
	memset(rsp, 0, sizeof(*rsp));
	cursor_init(&c, pdu, n);
	fc = cursor_u8(&c);
	rsp->function = fc & 0x7F;
	if (fc & MB_EXCEPTION_BIT) {
		rsp->exception = cursor_u8(&c);
		return rsp->exception != 0 ? 0 : MB_E_INVALID;
	}
	if (fc == 5 || fc == 6 || fc == 15 || fc == 16) {
		rsp->address = cursor_be16(&c);
		if (fc == 5 || fc == 6) {
			rsp->value = cursor_be16(&c);
			rsp->count = 1;
			if (fc == 5 && rsp->value != 0 && rsp->value != COIL_ON)
				return MB_E_INVALID;
			return 0;
		}
		rsp->count = cursor_be16(&c);
		return range_ok(rsp->address, rsp->count,
		                fc == 15 ? MAX_WRITE_BITS : MAX_WRITE_WORDS)
		           ? 0
		           : MB_E_INVALID;
	}
	rsp->values_len = cursor_u8(&c);
	rsp->values = cursor_take(&c, rsp->values_len);
	return c.err ? MB_E_SHORT : 0;
}

int
mb_rsp_matches(const struct mb_request *rq, const struct mb_response *rsp)
{
	if (rsp->function != rq->function)
		return MB_E_MISMATCH;
	if (rsp->exception != 0)
		return 0;
	switch (rq->function) {
	case 1: case 2: case 3: case 4: case 23:
		return rsp->values_len == mb_req_read_bytes(rq) ? 0 : MB_E_MISMATCH;
	case 5: case 6:
		return rsp->address == rq->address && rsp->value == mb_word(rq->values, 0)
		           ? 0
		           : MB_E_MISMATCH;
	default: /* 15, 16 */
		return rsp->address == rq->address && rsp->count == rq->count ? 0 : MB_E_MISMATCH;
	}
}

size_t
mb_read_count(const struct mb_request *rq, const struct mb_response *rsp)
{
	if (rsp->exception != 0 || rsp->function != rq->function)
		return 0;
	if (is_bit_read(rq->function))
		return rq->count;
	if (is_word_read(rq->function) || rq->function == MB_FC_READ_WRITE_REGISTERS)
		return rsp->values_len / 2u;
	return 0;
}

/* v in decimal at p; returns the digits written (at most 5). */
static size_t
put_uint(char *p, unsigned v)
{
	size_t n = v >= 10000 ? 5 : v >= 1000 ? 4 : v >= 100 ? 3 : v >= 10 ? 2 : 1;

	for (size_t k = n; k-- > 0; v /= 10)
		p[k] = (char)('0' + v % 10);
	return n;
}

/* "modbus:" 7 + slave 3 + ':' + table 2 + address 5 + NUL fit READING_ID_MAX. */
#define ID_HEAD 7

/* Where the address starts in the id of slave's values: after "modbus:<slave>:<table>". */
static size_t
id_address_at(uint8_t slave)
{
	return ID_HEAD + (slave >= 100 ? 3 : slave >= 10 ? 2 : 1) + 3;
}

static uint16_t
read_raw(const struct mb_request *rq, const struct mb_response *rsp, size_t i)
{
	return is_bit_read(rq->function) ? mb_bit(rsp->values, i) : mb_word(rsp->values, i);
}

static unsigned
read_address(const struct mb_request *rq, size_t i)
{
	unsigned addr = rq->function == MB_FC_READ_WRITE_REGISTERS ? rq->read_address : rq->address;

	return (unsigned)((addr + i) & 0xFFFFu);
}

void
mb_read_reading(struct reading *r, uint8_t slave, const struct mb_request *rq,
                const struct mb_response *rsp, size_t i)
{
	static const char tables[][3] = {"hr", "co", "di", "hr", "ir"};
	const char *table = rq->function <= 4 ? tables[rq->function] : "hr";
	size_t k = ID_HEAD;

	reading_clear(r);
	r->raw = read_raw(rq, rsp, i);
	memcpy(r->id, "modbus:", ID_HEAD);
	k += put_uint(r->id + k, slave);
	r->id[k++] = ':';
	r->id[k++] = table[0];
	r->id[k++] = table[1];
	k += put_uint(r->id + k, read_address(rq, i));
	r->id[k] = '\0';
}

void
mb_read_reading_next(struct reading *r, uint8_t slave, const struct mb_request *rq,
                     const struct mb_response *rsp, size_t i)
{
	size_t k = id_address_at(slave);

	r->raw = read_raw(rq, rsp, i);
	k += put_uint(r->id + k, read_address(rq, i));
	r->id[k] = '\0';
}
