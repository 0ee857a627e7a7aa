/*
 * meterd decode: the Modbus frame fields (issue 3 contract), e.g.
 *   {"type":"frame",...,"slave":247,"function":3,"kind":"response",
 *    "address":9,"registers":[65486,32767]}
 *   {"type":"frame",...,"slave":17,"function":3,"kind":"exception",
 *    "exception":2,"exception_name":"illegal data address"}
 * "address" on a response is the first register of the request it answers.
 */
#include "meterd/mbrtu.h"
#include "decode.h"

void decode_extra_modbus(struct jsonw *w, const struct frame_info *fi);

static void
words(struct jsonw *w, const char *key, const uint8_t *v, size_t n)
{
	size_t i;

	jsonw_arr_open(w, key);
	for (i = 0; i < n; i++)
		jsonw_uint(w, NULL, mb_word(v, i));
	jsonw_arr_close(w);
}

static void
bits(struct jsonw *w, const char *key, const uint8_t *v, size_t n)
{
	size_t i;

	jsonw_arr_open(w, key);
	for (i = 0; i < n; i++)
		jsonw_uint(w, NULL, mb_bit(v, i));
	jsonw_arr_close(w);
}

static void
request(struct jsonw *w, const struct mb_request *rq)
{
	if (rq->function == MB_FC_READ_WRITE_REGISTERS) {
		jsonw_uint(w, "read_address", rq->read_address);
		jsonw_uint(w, "read_count", rq->read_count);
	}
	jsonw_uint(w, "address", rq->address);
	jsonw_uint(w, "count", rq->count);
	switch (rq->function) {
	case MB_FC_WRITE_SINGLE_COIL:
		jsonw_bool(w, "coil", rq->values[0] != 0);
		break;
	case MB_FC_WRITE_MULTIPLE_COILS:
		bits(w, "coils", rq->values, rq->count);
		break;
	case MB_FC_WRITE_SINGLE_REGISTER:
	case MB_FC_WRITE_MULTIPLE_REGISTERS:
	case MB_FC_READ_WRITE_REGISTERS:
		words(w, "registers", rq->values, rq->values_len / 2u);
		break;
	}
}

static void
response(struct jsonw *w, const struct mbrtu_frame *fr)
{
	const struct mb_response *rs = &fr->rsp;

	switch (fr->function) {
	case MB_FC_READ_COILS:
	case MB_FC_READ_DISCRETE_INPUTS:
		if (fr->answered)
			jsonw_uint(w, "address", fr->req.address);
		/* Without the request the count is only known to the byte. */
		bits(w, fr->function == 1 ? "coils" : "inputs", rs->values,
		     fr->answered ? fr->req.count : rs->values_len * 8u);
		break;
	case MB_FC_READ_HOLDING_REGISTERS:
	case MB_FC_READ_INPUT_REGISTERS:
	case MB_FC_READ_WRITE_REGISTERS:
		if (fr->answered)
			jsonw_uint(w, "address", fr->function == 23 ? fr->req.read_address
			                                            : fr->req.address);
		words(w, "registers", rs->values, rs->values_len / 2u);
		break;
	case MB_FC_WRITE_SINGLE_COIL:
		jsonw_uint(w, "address", rs->address);
		jsonw_bool(w, "coil", rs->value != 0);
		break;
	case MB_FC_WRITE_SINGLE_REGISTER:
		jsonw_uint(w, "address", rs->address);
		jsonw_arr_open(w, "registers");
		jsonw_uint(w, NULL, rs->value);
		jsonw_arr_close(w);
		break;
	default: /* 15, 16 */
		jsonw_uint(w, "address", rs->address);
		jsonw_uint(w, "count", rs->count);
		break;
	}
}

void
decode_extra_modbus(struct jsonw *w, const struct frame_info *fi)
{
	const struct mbrtu_frame *fr = fi->detail;
	static const char *const kind[] = {"request", "response", "exception", "other"};
	char hex[2 * MB_PDU_MAX + 1];
	size_t i;

	jsonw_uint(w, "slave", fr->slave);
	jsonw_uint(w, "function", fr->function);
	jsonw_str(w, "kind", kind[fr->kind]);
	switch (fr->kind) {
	case MB_KIND_REQUEST:
		request(w, &fr->req);
		break;
	case MB_KIND_RESPONSE:
		response(w, fr);
		break;
	case MB_KIND_EXCEPTION:
		jsonw_uint(w, "exception", fr->rsp.exception);
		jsonw_str(w, "exception_name", mb_exception_name(fr->rsp.exception));
		break;
	case MB_KIND_OTHER:
		for (i = 1; i < fr->pdu_len && i <= MB_PDU_MAX; i++) {
			hex[2 * (i - 1)] = "0123456789abcdef"[fr->pdu[i] >> 4];
			hex[2 * (i - 1) + 1] = "0123456789abcdef"[fr->pdu[i] & 15];
		}
		jsonw_strn(w, "data", hex, fr->pdu_len > 1 ? 2 * (fr->pdu_len - 1) : 0);
		break;
	}
}
