/*
 * meterd decode: the SML frame fields, from struct sml_frame_detail, e.g.
 *   {"type":"frame",...,"status":"ok","crc":"x25","messages":3}
 *   {"type":"frame",...,"status":"ok","crc":"none","bare":true,"messages":3,"skipped":81}
 *   {"type":"frame",...,"status":"crc_error","error":"message CRC mismatch",
 *    "crc":"x25","messages":3,"msg_crc_errors":2}
 * "crc" names the frame CRC that matched ("kermit" for the Holley DTZ541
 * variant, "none" when none did or for bare messages); "skipped" counts the
 * bytes between the previous frame and this one that were no frame.
 */
#include "meterd/sml.h"
#include "decode.h"

void decode_extra_sml(struct jsonw *w, const struct frame_info *fi);

void
decode_extra_sml(struct jsonw *w, const struct frame_info *fi)
{
	static const char *const crc[] = {"none", "x25", "kermit"};
	const struct sml_frame_detail *d = fi->detail;

	jsonw_str(w, "crc", crc[d->crc <= SML_CRC_KERMIT ? d->crc : SML_CRC_NONE]);
	if (d->bare)
		jsonw_bool(w, "bare", true);
	if (d->messages)
		jsonw_uint(w, "messages", d->messages);
	if (d->msg_crc_errors)
		jsonw_uint(w, "msg_crc_errors", d->msg_crc_errors);
	if (d->skipped)
		jsonw_uint(w, "skipped", d->skipped);
}
