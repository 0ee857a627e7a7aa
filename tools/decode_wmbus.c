/*
 * meterd decode: the wireless M-Bus frame fields (struct wmbus_info):
 *   result ("ok", "no_key", "bad_key", ...), c, manufacturer, id, version,
 *   medium, medium_name, ci, tpl_ci, ell (cc, acc, sn), access_no,
 *   meter_status, cfg, encryption ("none", "aes_cbc", "aes_ctr", "other"),
 *   decrypted, compact, signature, records.
 */
#include <stdio.h>

#include "meterd/wmbus.h"
#include "decode.h"

void decode_extra_wmbus(struct jsonw *w, const struct frame_info *fi);

void
decode_extra_wmbus(struct jsonw *w, const struct frame_info *fi)
{
	static const char *const crypts[] = {"none", "aes_cbc", "aes_ctr", "other"};
	const struct wmbus_info *x = fi->detail;
	char buf[16];

	jsonw_str(w, "result", wmbus_result_name(x->result));
	if (fi->status == FRAME_TRUNCATED ||
	    (x->result == WMBUS_CRC_ERROR && x->manufacturer == 0 && x->id == 0))
		return; /* nothing of the telegram was read */
	if (x->c == 0 && x->id == 0 && x->manufacturer == 0)
		return;
	jsonw_uint(w, "c", x->c);
	mbus_manufacturer(x->manufacturer, buf);
	jsonw_str(w, "manufacturer", buf);
	snprintf(buf, sizeof(buf), "%08X", (unsigned)x->id);
	jsonw_str(w, "id", buf);
	jsonw_uint(w, "version", x->version);
	jsonw_uint(w, "medium", x->device_type);
	jsonw_str(w, "medium_name", mbus_medium_name(x->device_type));
	jsonw_uint(w, "ci", x->ci);
	if (x->tpl_ci)
		jsonw_uint(w, "tpl_ci", x->tpl_ci);
	if (x->ell) {
		jsonw_uint(w, "ell_cc", x->ell_cc);
		jsonw_uint(w, "ell_sn", x->ell_sn);
	}
	jsonw_uint(w, "access_no", x->access_no);
	if (x->tpl_ci == 0x7A || x->tpl_ci == 0x72) {
		jsonw_uint(w, "meter_status", x->status);
		jsonw_uint(w, "cfg", x->cfg);
	}
	jsonw_str(w, "encryption", crypts[x->crypt]);
	if (x->decrypted)
		jsonw_bool(w, "decrypted", true);
	if (x->compact) {
		jsonw_bool(w, "compact", true);
		snprintf(buf, sizeof(buf), "%04X", (unsigned)x->signature);
		jsonw_str(w, "signature", buf);
		if (x->compact_crc_mismatch)
			jsonw_bool(w, "compact_crc_mismatch", true);
	}
	if (x->result == WMBUS_OK)
		jsonw_uint(w, "records", x->records);
}
