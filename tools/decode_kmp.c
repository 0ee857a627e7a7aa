/*
 * KMP frame fields for meterd decode: direction, address, command, CRC and
 * what the frame says (registers asked for or returned, meter type, serial).
 */
#include "meterd/kmp.h"
#include "decode.h"

void decode_extra_kmp(struct jsonw *w, const struct frame_info *fi);

static const char *
cid_name(uint8_t cid)
{
	switch (cid) {
	case KMP_CID_GET_TYPE:
		return "GetType";
	case KMP_CID_GET_SERIAL:
		return "GetSerialNo";
	case KMP_CID_SET_CLOCK:
		return "SetClock";
	case KMP_CID_GET_REGISTER:
		return "GetRegister";
	case KMP_CID_PUT_REGISTER:
		return "PutRegister";
	}
	return NULL;
}

static void
registers(struct jsonw *w, const struct kmp_frame *kf)
{
	uint8_t i;

	if (kf->kind == KMP_FRAME_REQUEST && kf->cid == KMP_CID_GET_REGISTER) {
		jsonw_arr_open(w, "registers_requested");
		for (i = 0; i < kf->nregs; i++)
			jsonw_uint(w, NULL, kf->regs[i].id);
		jsonw_arr_close(w);
		return;
	}
	if (kf->cid != KMP_CID_GET_REGISTER && kf->cid != KMP_CID_PUT_REGISTER)
		return;
	jsonw_arr_open(w, "registers");
	for (i = 0; i < kf->nregs; i++) {
		const struct kmp_reg *r = &kf->regs[i];
		jsonw_obj_open(w);
		jsonw_uint(w, "register", r->id);
		jsonw_uint(w, "unit_code", r->unit);
		jsonw_uint(w, "nob", r->nob);
		jsonw_uint(w, "siex", r->siex);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
}

void
decode_extra_kmp(struct jsonw *w, const struct frame_info *fi)
{
	const struct kmp_frame *kf = fi->detail;
	const char *name;

	if (kf->kind == KMP_FRAME_ACK) {
		jsonw_str(w, "direction", "from_meter");
		jsonw_bool(w, "ack", true);
		return;
	}
	jsonw_str(w, "direction", kf->kind == KMP_FRAME_REQUEST ? "to_meter" : "from_meter");
	if (fi->status != FRAME_OK && fi->status != FRAME_CRC_ERROR)
		return;
	jsonw_uint(w, "address", kf->addr);
	jsonw_uint(w, "cid", kf->cid);
	if ((name = cid_name(kf->cid)) != NULL)
		jsonw_str(w, "command", name);
	jsonw_uint(w, "crc", kf->crc);
	jsonw_uint(w, "data_length", kf->data_len);
	if (fi->status != FRAME_OK)
		return;
	registers(w, kf);
	if (kf->kind == KMP_FRAME_REPLY && kf->cid == KMP_CID_GET_TYPE) {
		jsonw_uint(w, "meter_type", kf->meter_type);
		jsonw_str(w, "sw_revision", kf->revision);
	} else if (kf->kind == KMP_FRAME_REPLY && kf->cid == KMP_CID_GET_SERIAL) {
		jsonw_uint(w, "serial", kf->serial);
	} else if (kf->kind == KMP_FRAME_REQUEST && kf->cid == KMP_CID_SET_CLOCK) {
		jsonw_uint(w, "date", kf->date);
		jsonw_uint(w, "time", kf->time);
	}
}
