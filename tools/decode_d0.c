/*
 * IEC 62056-21 and DSMR frame fields for meterd decode: the identification
 * line and its parts, and the checksum as sent and as computed.
 */
#include <stdio.h>

#include "meterd/d0.h"
#include "meterd/dsmr.h"
#include "decode.h"

void decode_extra_d0(struct jsonw *w, const struct frame_info *fi);
void decode_extra_dsmr(struct jsonw *w, const struct frame_info *fi);

static void
ident_fields(struct jsonw *w, const struct dataset_ident *id)
{
	char c[2] = {id->baud_char, '\0'};

	jsonw_strn(w, "ident", id->text, id->len);
	jsonw_str(w, "manufacturer", id->manufacturer);
	jsonw_str(w, "baud_char", c);
	jsonw_strn(w, "model", id->text + id->model_off, (size_t)(id->len - id->model_off));
}

void
decode_extra_d0(struct jsonw *w, const struct frame_info *fi)
{
	static const char *const modes[] = {"A", "B", "C", "E"};
	const struct d0_frame_detail *x = fi->detail;
	char hex[8];

	if (x->has_ident) {
		ident_fields(w, &x->ident);
		jsonw_str(w, "mode", modes[d0_ident_mode(&x->ident)]);
	}
	if (x->has_bcc) {
		snprintf(hex, sizeof(hex), "0x%02x", x->bcc_sent);
		jsonw_str(w, "bcc", hex);
		snprintf(hex, sizeof(hex), "0x%02x", x->bcc_calc);
		jsonw_str(w, "bcc_calc", hex);
	}
}

void
decode_extra_dsmr(struct jsonw *w, const struct frame_info *fi)
{
	const struct dsmr_frame_detail *x = fi->detail;
	char hex[8];

	ident_fields(w, &x->ident);
	if (fi->status == FRAME_OK || fi->status == FRAME_CRC_ERROR) {
		if (x->crc_digits > 0) {
			snprintf(hex, sizeof(hex), "%04X", x->crc_sent);
			jsonw_str(w, "crc", hex);
		}
		snprintf(hex, sizeof(hex), "%04X", x->crc_calc);
		jsonw_str(w, "crc_calc", hex);
	}
}
