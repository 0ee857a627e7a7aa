/*
 * d0.h - IEC 62056-21 ("D0") telegram decoder, the shape of decoder.h.
 *
 * It reads what an optical head receives from an electricity or heat meter:
 *
 *   - readouts of modes A, B, C and E (62056-21 6.3): identification line
 *     "/XXXZ<ident>" CR LF, then STX, data lines, "!" CR LF, ETX and the
 *     block check character BCC, the XOR of every byte after STX up to and
 *     including ETX (62056-21 6.3.14, verified on the Iskra MT174 capture);
 *   - push telegrams of "mode D" meters (EasyMeter Q3D, EMH and Hager eHZ):
 *     identification, data lines and "!" with no STX, ETX or BCC. Their only
 *     integrity check is the structure itself, so a push telegram is whole
 *     when its "!" arrives.
 *
 * The data lines follow dataset.h: each value of each data set becomes one
 * DEC_READING after the frame is known whole and its BCC right, with the id
 * of dataset_format_id(), the value exact (raw + decimal scaler) or as text,
 * the unit as sent and `index` = the value's position in its data set (the
 * second value of "1-0:1.6.0*255(02.468*kW)(1703100930)" has index 1).
 *
 * What real lines do and this decoder survives (see tests/test_d0.c):
 *   - noise before the first line (ACE3000: 0x7F bytes), binary garbage
 *     lines, gateway lines after "!" (EasyMeter via COM-1): skipped and
 *     counted in `discarded`;
 *   - the host's own sign-on "/?!" CR LF and ACK "06 3x 3x 3x" CR LF echoed
 *     by a bidirectional head: recognised and skipped;
 *   - LF LF instead of CR LF (Landis+Gyr E350);
 *   - noise bytes inside the data block (ACE3000): the data sets around them
 *     still parse, the BCC reports the damage;
 *   - a telegram whose "/" (or whole identification) was lost: it starts at
 *     the first line that holds nothing but data sets, or at STX. A line
 *     that was cut by the start of the capture is never taken, because a
 *     cut can turn "21.7.0" into a valid-looking "1.7.0";
 *   - a "/" at the start of a line inside a telegram: the telegram was cut
 *     off; it is reported FRAME_TRUNCATED and the new one is read.
 *
 * Frames: FRAME_OK; FRAME_CRC_ERROR (BCC mismatch); FRAME_TRUNCATED (cut by
 * a new identification, by the end of input, or no ETX after "!");
 * FRAME_INVALID (longer than D0_TELEGRAM_MAX, whose rest is then skipped up
 * to its "!"; or no STX under "require_bcc"). frame_info.detail points to a
 * struct d0_frame_detail. Bytes outside telegrams are not frames; they are
 * counted in `discarded`.
 *
 * Options (decoder_ops.configure, after init):
 *   "lenient_crc" "1"  also emit the values of a frame with a wrong BCC, and
 *                      of a frame cut off by the end of input (a capture's
 *                      last telegram, the Itron EM214 and L+G E350 captures
 *                      without ETX); values follow the DEC_FRAME that reports
 *                      the damage. The daemon never sets it.
 *   "ignore_bcc" "1"   do not wait for ETX/BCC: the "!" ends the telegram and
 *                      it is FRAME_OK (for meters whose BCC is known wrong,
 *                      e.g. the Siemens 2WR5 and ACE3000 captures).
 *   "require_bcc" "1"  a telegram without STX (so without BCC) is FRAME_INVALID:
 *                      a readout whose STX was lost must not pass unchecked.
 *                      The mode C session sets it for modes C and E, where
 *                      IEC 62056-21 makes the BCC mandatory. "ignore_bcc"
 *                      overrides it.
 *   "obis_prefix" "1-0" short addresses "1.8.0" become "1-0:1.8.0*255"; the
 *                      default "" keeps them as sent, since IEC 62056-21
 *                      leaves A and B to the reader (vzlogger assumes 255-255,
 *                      smartmeter-obis 1-0).
 */
#ifndef METERD_D0_H
#define METERD_D0_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "meterd/dataset.h"
#include "meterd/decoder.h"

/*
 * Largest data block kept for one telegram. The Iskra MT174 readout with 15
 * billing periods is 9.5 KB; a build for a small target may lower it.
 */
#ifndef D0_TELEGRAM_MAX
#define D0_TELEGRAM_MAX 16384
#endif

#define D0_STX 0x02
#define D0_ETX 0x03
#define D0_ACK 0x06
#define D0_NAK 0x15

struct d0_frame_detail {
	bool                 has_ident; /* false when the identification was lost */
	struct dataset_ident ident;
	bool                 has_bcc; /* the frame had STX ... ETX BCC */
	uint8_t              bcc_sent;
	uint8_t              bcc_calc;
};

/* The decoder context. Only `discarded` is for callers to read. */
struct d0_dec {
	uint64_t discarded; /* bytes skipped outside any telegram */

	/* options */
	bool lenient;
	bool ignore_bcc;
	bool require_bcc;
	char prefix[8];

	/* framing */
	uint8_t             state;
	bool                stx;
	uint8_t             bcc;
	uint8_t             tail; /* bytes seen after '!' while waiting for ETX */
	bool                probe_ok; /* HUNT: the current line began at a line start */
	struct dataset_scan scan;
	uint64_t            pos;   /* stream offset of the next byte */
	uint64_t            start; /* offset of the current frame's first byte */
	uint32_t            nframes;
	bool                has_ident;
	struct dataset_ident ident;
	uint8_t             line[DATASET_IDENT_MAX];
	size_t              line_len;
	size_t              len;
	size_t              scanned; /* S_BODY: buf[0..scanned) is in `scan` */
	uint8_t             buf[D0_TELEGRAM_MAX];

	/* output */
	uint8_t                pending;
	bool                   emit;
	struct frame_info      frame;
	struct d0_frame_detail detail;
	struct dataset_iter    it;
	struct dataset_value   value; /* the value step's scratch: here, d0_dec_event needs no frame */
	struct reading         reading;
};

void d0_dec_init(struct d0_dec *d);
size_t d0_dec_push(struct d0_dec *d, const uint8_t *p, size_t n);
enum dec_event d0_dec_event(struct d0_dec *d);
const struct frame_info *d0_dec_frame(const struct d0_dec *d);
const struct reading *d0_dec_reading(const struct d0_dec *d);
void d0_dec_finish(struct d0_dec *d);
/*
 * Forgets the telegram in progress and any pending event, keeping options,
 * counters and the stream offset: for a session that starts over after a
 * timeout, when what is half received can only be stale.
 */
void d0_dec_reset(struct d0_dec *d);
/* Options as described above; returns 0, or -1 for an unknown key or value. */
int d0_dec_configure(struct d0_dec *d, const char *key, const char *value);

/*
 * The identification of the telegram being read, once its line is whole
 * and until the telegram ends; NULL otherwise. The mode C session uses it
 * to answer with the ACK before the data arrive.
 */
const struct dataset_ident *d0_dec_ident(const struct d0_dec *d);

/*
 * Protocol mode from an identification (62056-21 6.4): a baud character
 * '0'..'9' is mode C, or mode E when "\2" follows; 'A'..'I' is mode B;
 * anything else mode A.
 */
enum d0_mode {
	D0_MODE_A,
	D0_MODE_B,
	D0_MODE_C,
	D0_MODE_E,
};
enum d0_mode d0_ident_mode(const struct dataset_ident *id);

/*
 * Baud rate a baud character announces in the given mode (modes C/E: '0' 300
 * ... '6' 19200; mode B: 'A' 600 ... 'F' 19200), or 0 when it announces
 * none (mode A, reserved characters).
 */
uint32_t d0_baud_rate(enum d0_mode mode, char baud_char);

/* Confidence 0..100 that p starts an IEC 62056-21 stream (for --protocol auto). */
int d0_detect(const uint8_t *p, size_t n);

extern const struct decoder_ops d0_decoder_ops;

#endif
