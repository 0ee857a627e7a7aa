/*
 * meterd decode: the M-Bus frame fields (struct mbus_frame_detail):
 *   kind ("ack", "short", "control", "long"), c, a, ci, from_master,
 *   app_error (CI 0x70: code or null), and from a data header: id (8 hex
 *   digits of the BCD id, as printed on the meter), manufacturer ("KAM"),
 *   version, medium, medium_name, access_no, meter_status, signature,
 *   fixed (CI 0x73/0x77), records, more_records (DIF 0x1F).
 */
#include <stdio.h>

#include "meterd/mbus.h"
#include "decode.h"

void decode_extra_mbus(struct jsonw *w, const struct frame_info *fi);

void
decode_extra_mbus(struct jsonw *w, const struct frame_info *fi)
{
	static const char *const kinds[] = {"none", "ack", "short", "control", "long"};
	const struct mbus_frame_detail *x = fi->detail;
	const struct mbus_header *h = &x->header;
	char buf[16];

	if (x->kind == MBUS_FRAME_NONE)
		return;
	jsonw_str(w, "kind", kinds[x->kind]);
	if (x->kind == MBUS_FRAME_ACK)
		return;
	jsonw_uint(w, "c", x->c);
	jsonw_uint(w, "a", x->a);
	if (x->from_master)
		jsonw_bool(w, "from_master", true);
	if (x->kind == MBUS_FRAME_SHORT)
		return;
	jsonw_uint(w, "ci", x->ci);
	if (x->ci == MBUS_CI_APP_ERROR && !x->from_master) {
		if (x->app_error >= 0)
			jsonw_int(w, "app_error", x->app_error);
		else
			jsonw_null(w, "app_error");
	}
	if (x->has_header) {
		if (x->long_header || x->fixed) {
			snprintf(buf, sizeof(buf), "%08X", (unsigned)h->id);
			jsonw_str(w, "id", buf);
		}
		if (x->long_header) {
			mbus_manufacturer(h->manufacturer, buf);
			jsonw_str(w, "manufacturer", buf);
			jsonw_uint(w, "version", h->version);
		}
		if (x->long_header || x->fixed) {
			jsonw_uint(w, "medium", h->medium);
			jsonw_str(w, "medium_name", x->fixed ? mbus_fixed_medium_name(h->medium)
			                                     : mbus_medium_name(h->medium));
		}
		jsonw_uint(w, "access_no", h->access_no);
		jsonw_uint(w, "meter_status", h->status);
		if (!x->fixed)
			jsonw_uint(w, "signature", h->signature);
	}
	if (x->fixed)
		jsonw_bool(w, "fixed", true);
	if (fi->status == FRAME_OK || fi->status == FRAME_CRC_ERROR) {
		if (x->records)
			jsonw_uint(w, "records", x->records);
		if (x->more_records)
			jsonw_bool(w, "more_records", true);
	}
}
