/*
 * mb_pdu.h - the Modbus protocol data unit (function code + data), shared by
 * the RTU (mbrtu.h) and TCP (mbtcp.h) framings.
 *
 * Modbus Application Protocol Specification V1.1b3 (modbus.org), §6 and §7.
 * Supported function codes: 1 read coils, 2 read discrete inputs, 3 read
 * holding registers, 4 read input registers, 5 write single coil, 6 write
 * single register, 15 write multiple coils, 16 write multiple registers,
 * 23 read/write multiple registers, and exception replies (function | 0x80).
 *
 * Both directions are here: a master encodes requests and parses responses
 * (mb_session.h); a slave, simulator or gateway parses requests and encodes
 * responses. Parsing never copies: the values in a parsed request or
 * response point into the caller's PDU bytes. Every quantity and byte count
 * is checked against the limits of the specification, so a parsed PDU can
 * be trusted to be internally consistent:
 *
 *   FC 1, 2   quantity 1..2000 bits   byte count = ceil(quantity / 8)
 *   FC 3, 4   quantity 1..125 words   byte count = 2 * quantity
 *   FC 5      value 0xFF00 (on) or 0x0000 (off)
 *   FC 15     quantity 1..1968 bits   FC 16  quantity 1..123 words
 *   FC 23     read 1..125, write 1..121 words
 *   address + quantity never passes 65536
 *
 * Values on the wire: registers are big-endian 16-bit words; coils are
 * packed LSB first, the first coil in bit 0 of the first byte (§6.1).
 * Errors are negative MB_E_* codes; mb_strerror() names them.
 */
#ifndef METERD_MB_PDU_H
#define METERD_MB_PDU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "meterd/reading.h"

#define MB_PDU_MAX 253 /* 256-byte RTU ADU less address and CRC (§4.1) */

enum mb_function {
	MB_FC_READ_COILS = 1,
	MB_FC_READ_DISCRETE_INPUTS = 2,
	MB_FC_READ_HOLDING_REGISTERS = 3,
	MB_FC_READ_INPUT_REGISTERS = 4,
	MB_FC_WRITE_SINGLE_COIL = 5,
	MB_FC_WRITE_SINGLE_REGISTER = 6,
	MB_FC_WRITE_MULTIPLE_COILS = 15,
	MB_FC_WRITE_MULTIPLE_REGISTERS = 16,
	MB_FC_READ_WRITE_REGISTERS = 23,
};

#define MB_EXCEPTION_BIT 0x80u

/* Exception codes (§7). */
enum mb_exception {
	MB_EX_ILLEGAL_FUNCTION = 1,
	MB_EX_ILLEGAL_DATA_ADDRESS = 2,
	MB_EX_ILLEGAL_DATA_VALUE = 3,
	MB_EX_SERVER_FAILURE = 4,
	MB_EX_ACKNOWLEDGE = 5,
	MB_EX_SERVER_BUSY = 6,
	MB_EX_MEMORY_PARITY = 8,
	MB_EX_GATEWAY_PATH = 10,
	MB_EX_GATEWAY_TARGET = 11,
};

/* Errors: negative, never 0. */
enum mb_error {
	MB_E_SHORT = -1,    /* the bytes end before the PDU does */
	MB_E_FUNCTION = -2, /* a function code this module does not know */
	MB_E_INVALID = -3,  /* a quantity, byte count or value out of bounds */
	MB_E_LENGTH = -4,   /* bytes left over after the PDU */
	MB_E_SPACE = -5,    /* the output buffer is too small */
	MB_E_MISMATCH = -6, /* a response that does not answer the request */
};

const char *mb_strerror(int err);
/* "illegal data address", ...; "unknown exception" for other codes. */
const char *mb_exception_name(uint8_t code);

/*
 * A request. Which fields count depends on the function:
 *   1-4   address, count
 *   5     address, values = 2 bytes FF 00 or 00 00
 *   6     address, values = the 2-byte big-endian word
 *   15    address, count, values = ceil(count/8) bytes of packed coils
 *   16    address, count, values = 2 * count bytes of big-endian words
 *   23    read_address, read_count, address, count (the write), values
 */
struct mb_request {
	uint8_t        function;
	uint16_t       address;
	uint16_t       count;
	uint16_t       read_address;
	uint16_t       read_count;
	const uint8_t *values;
	uint8_t        values_len;
};

/*
 * A response. exception != 0 means an exception reply to `function` and
 * nothing else is set. Otherwise:
 *   1-4, 23  values = the data bytes (values_len = the byte count)
 *   5, 6     address, value (the echo of the request)
 *   15, 16   address, count
 */
struct mb_response {
	uint8_t        function; /* without MB_EXCEPTION_BIT */
	uint8_t        exception;
	uint16_t       address;
	uint16_t       count;
	uint16_t       value;
	const uint8_t *values;
	uint8_t        values_len;
};

/* Register i of big-endian word data; bit i of packed coil data. No bounds check. */
static inline uint16_t
mb_word(const uint8_t *values, size_t i)
{
	return (uint16_t)(values[2 * i] << 8 | values[2 * i + 1]);
}

static inline bool
mb_bit(const uint8_t *values, size_t i)
{
	return (values[i / 8] >> (i % 8)) & 1u;
}

/* True for function codes 1-6, 15, 16, 23. */
bool mb_function_known(uint8_t function);

/*
 * The length of the request / response PDU that starts with the n bytes at
 * pdu, as far as those bytes tell: > 0 the full length, MB_E_SHORT when more
 * bytes are needed to know, MB_E_FUNCTION for an unknown function code,
 * MB_E_INVALID when a byte count is impossible. For stream framing (RTU
 * over adapters that lose the timing, and the session's reply assembly).
 */
int mb_req_length(const uint8_t *pdu, size_t n);
int mb_rsp_length(const uint8_t *pdu, size_t n);

/*
 * Encodes rq into pdu[0..cap). Returns the PDU length, or MB_E_INVALID for
 * fields out of bounds (quantity, values_len not matching count, coil value)
 * or MB_E_SPACE.
 */
int mb_req_encode(const struct mb_request *rq, uint8_t *pdu, size_t cap);

/* Parses exactly n bytes as a request. Returns 0 or an MB_E_* code. */
int mb_req_parse(struct mb_request *rq, const uint8_t *pdu, size_t n);

/* Encodes a response (or, with rsp->exception set, an exception reply). */
int mb_rsp_encode(const struct mb_response *rsp, uint8_t *pdu, size_t cap);

/* Parses exactly n bytes as a response or exception reply. Returns 0 or an MB_E_* code. */
int mb_rsp_parse(struct mb_response *rsp, const uint8_t *pdu, size_t n);

/*
 * Whether rsp answers rq: the same function, and the byte count, echoed
 * address, value or quantity the request implies. An exception reply to
 * the request's function answers it. Returns 0 or MB_E_MISMATCH.
 */
int mb_rsp_matches(const struct mb_request *rq, const struct mb_response *rsp);

/* The response byte count a read request implies (FC 1-4, 23), else 0. */
unsigned mb_req_read_bytes(const struct mb_request *rq);

/*
 * Values of a read reply: rsp answers rq (mb_rsp_matches) and is no
 * exception. mb_read_count() says how many (bits of FC 1/2, registers of
 * FC 3/4/23; 0 for other functions); mb_read_reading() fills r with value i:
 *
 *   id   "modbus:<slave>:<table><address>", table hr (FC 3, 23), ir (FC 4),
 *        co (FC 1), di (FC 2), address = the wire address of value i
 *   raw  the unsigned 16-bit word or the bit, scaler 0, no unit
 *
 * The decoder and the daemon both name Modbus values this way, and a device
 * profile (profile.h, keys "hr9", "co88") then names and scales them.
 */
size_t mb_read_count(const struct mb_request *rq, const struct mb_response *rsp);
void mb_read_reading(struct reading *r, uint8_t slave, const struct mb_request *rq,
                     const struct mb_response *rsp, size_t i);
/*
 * The same for value i when r holds value i - 1 of the same response (from
 * either call): sets only what differs, the id's address and raw.
 */
void mb_read_reading_next(struct reading *r, uint8_t slave, const struct mb_request *rq,
                          const struct mb_response *rsp, size_t i);

#endif
