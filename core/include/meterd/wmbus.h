/*
 * wmbus.h - wireless M-Bus (EN 13757-4) and OMS telegrams.
 *
 * Three layers, usable on their own:
 *
 *  1. Link layer. A telegram is L C M(2) A(6) CI ... On air it is cut into
 *     blocks with CRC-16/EN-13757 (crc.h), sent MSB first: frame format A
 *     has a 10-byte first block and 16-byte blocks after it, each with its
 *     CRC, L not counting them; frame format B has one CRC over the first
 *     125 bytes and one over the rest, L counting them. Receivers (iM871A,
 *     AMB8465, rtl_wmbus) and wmbusmeters' stored data usually deliver the
 *     telegram with the CRCs already removed. wmbus_link_strip() checks and
 *     removes them.
 *
 *  2. The CI chain (wmbus_parse): extended link layer ELL-I (0x8C, CC ACC),
 *     ELL-II (0x8D, CC ACC SN, payload CRC; AES-128-CTR when SN says so),
 *     ELL-III (0x8E, with M/A), AFL (0x90, skipped); then the transport
 *     layer: 0x7A short header, 0x72 long header, 0x78 none, 0x79 Kamstrup
 *     compact frame. Security mode 5 (AES-128-CBC, IV = M A ACC*8) is
 *     decrypted and verified by its 2F 2F prefix; the ELL's CTR by its
 *     payload CRC. A telegram whose check passes without decryption is
 *     taken as plaintext (wmbusmeters stores decrypted telegrams with the
 *     encryption bits still set). Compact frames carry a format signature,
 *     the CRC of the DIF/VIF bytes of the long frame they abbreviate: the
 *     format is learned from long frames (wmbus_ctx keeps the last few) or
 *     found in a built-in table of Kamstrup formats, the records are
 *     rebuilt and the full-frame CRC checked.
 *
 *  3. Records through the wired M-Bus decoder (mbus.h: mbus_rec_next,
 *     mbus_rec_reading), ids "wmbus:<n>". Kamstrup's manufacturer VIFs
 *     FF 20/FF 22 (info codes) and FF 07/FF 08 (m3 x degC) get quantities
 *     "info_codes", "forward_energy_m3c", "return_energy_m3c".
 *     A compact profile (EN 13757-3 Annex F: an LVAR record whose first
 *     VIFE is 0x13 "inverse compact profile" or 0x1F "compact profile",
 *     e.g. the Zenner Caltos E's monthly history) becomes one reading per
 *     element that has a value: id "wmbus:<n>" of its record with `index`
 *     1, 2 ..., the record's quantity and unit, storage = the record's + k,
 *     and as `time` the base date (the date record of the record's storage
 *     number) stepped back (inverse) or forward k spacings. Increments are
 *     added to or taken from the base value (the record of the same VIF and
 *     storage number); a profile this decoder cannot expand stays one
 *     reading as the wired decoder makes it.
 *
 *  4. Manufacturer formats instead of records (wmbus_info.app): the Apator
 *     AT-WMBUS-16-2 (APA, version 5, water, "apator162") sends registers
 *     after the 2F 2F: a byte that names the register and a size fixed by
 *     it. Register 0x10, the total volume in litres, becomes a "volume"
 *     reading (m3, scaler -3); then the whole payload a "manufacturer_data"
 *     hex text, as the wired decoder shows DIF 0x0F data.
 *
 * Pure: no I/O, no heap. AES comes from the caller (aes.h).
 */
#ifndef METERD_WMBUS_H
#define METERD_WMBUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "meterd/aes.h"
#include "meterd/decoder.h"
#include "meterd/mbus.h"
#include "meterd/reading.h"

#define WMBUS_TELEGRAM_MAX 256 /* L + 1 with the CRCs removed */
#define WMBUS_FRAME_MAX    292 /* format A, L = 255: 256 bytes + 18 CRCs */
#define WMBUS_KEYS_MAX     32
#define WMBUS_FORMATS_MAX  8   /* compact formats learned from long frames */
#define WMBUS_DIFVIF_MAX   64
#define WMBUS_ID_ANY       0xFFFFFFFFu /* a key for every meter */

/* C field values a meter sends. */
#define WMBUS_C_SND_NR 0x44
#define WMBUS_C_SND_IR 0x46
#define WMBUS_C_RSP_UD 0x08

enum wmbus_link {
	WMBUS_LINK_AUTO,     /* format A with CRCs if the first block's CRC fits, else stripped */
	WMBUS_LINK_STRIPPED, /* CRCs already removed (dongles, rtl_wmbus, wmbusmeters) */
	WMBUS_LINK_A,
	WMBUS_LINK_B,
};

/* Bytes on air of a telegram whose first byte is L, in the given format (not AUTO). */
size_t wmbus_link_frame_len(uint8_t l, enum wmbus_link f);
/*
 * Checks and removes the block CRCs of a whole frame (n = wmbus_link_frame_len)
 * into out (WMBUS_TELEGRAM_MAX). Returns the telegram length L + 1, or 0 when
 * a CRC is wrong. STRIPPED copies.
 */
size_t wmbus_link_strip(const uint8_t *in, size_t n, enum wmbus_link f, uint8_t *out);
/* The inverse, for simulators: adds format A CRCs. Returns the length or 0 if cap is short. */
size_t wmbus_link_add_crc_a(const uint8_t *t, size_t n, uint8_t *out, size_t cap);

/* How a telegram came out. */
enum wmbus_result {
	WMBUS_OK,
	WMBUS_NO_KEY,      /* encrypted, and no key for this meter */
	WMBUS_BAD_KEY,     /* decrypted, but the check failed: wrong key (or corrupt) */
	WMBUS_NO_AES,      /* encrypted, key present, no AES primitive given */
	WMBUS_UNSUPPORTED, /* a CI or security mode this decoder does not handle */
	WMBUS_UNKNOWN_FORMAT, /* compact frame whose format is not known yet */
	WMBUS_CRC_ERROR,   /* link block CRC, or a compact frame's full-frame CRC */
	WMBUS_MALFORMED,   /* too short, bad lengths, bad records */
};
const char *wmbus_result_name(enum wmbus_result r);

enum wmbus_crypt {
	WMBUS_CRYPT_NONE,
	WMBUS_CRYPT_CBC,  /* TPL security mode 5 */
	WMBUS_CRYPT_CTR,  /* ELL-II AES-128-CTR */
	WMBUS_CRYPT_OTHER,
};

struct wmbus_key {
	uint32_t id; /* BCD as printed (0x12345678), or WMBUS_ID_ANY */
	uint8_t key[16];
};

struct wmbus_format {
	uint16_t signature; /* once has_signature: worked out when a compact frame asks */
	bool has_signature;
	uint8_t len;
	uint8_t difvif[WMBUS_DIFVIF_MAX];
};

/*
 * What a receiver keeps between telegrams: keys, AES, learned compact
 * formats. The arrays are valid below their counts (init clears the counts).
 */
struct wmbus_ctx {
	const struct aes128_ops *aes;
	uint8_t nkeys;
	uint8_t nformats, next_format;
	struct wmbus_key keys[WMBUS_KEYS_MAX];
	struct wmbus_format formats[WMBUS_FORMATS_MAX];
};

void wmbus_ctx_init(struct wmbus_ctx *c, const struct aes128_ops *aes);
/* "HEX" (any meter) or "ID:HEX" (8 digits): 0, or -1 when malformed or full. */
int wmbus_ctx_add_key_text(struct wmbus_ctx *c, const char *text);
int wmbus_ctx_add_key(struct wmbus_ctx *c, uint32_t id, const uint8_t key[16]);

/* What follows the transport layer. */
enum wmbus_app {
	WMBUS_APP_RECORDS,   /* EN 13757-3 data records */
	WMBUS_APP_APATOR162, /* Apator AT-WMBUS-16-2 registers */
};

/* A parsed telegram: the frame details meterd decode and the daemon show. */
struct wmbus_info {
	uint8_t c;
	uint16_t manufacturer; /* mbus_manufacturer() spells it */
	uint32_t id;           /* BCD as printed */
	uint8_t version, device_type;
	uint8_t ci;            /* first CI after the link header */
	uint8_t tpl_ci;        /* 0 when none was reached */
	bool ell;
	uint8_t ell_cc, ell_acc;
	uint32_t ell_sn;
	uint8_t access_no;     /* TPL ACC, else the ELL's */
	uint8_t status;        /* TPL STS */
	uint16_t cfg;          /* TPL configuration word */
	enum wmbus_crypt crypt;
	bool decrypted;        /* a key was used and its check passed */
	bool compact;
	uint16_t signature;    /* compact: the format signature */
	bool compact_crc_mismatch; /* compact: full-frame CRC wrong, ELL CRC right (flowIQ) */
	uint16_t records;      /* data records, or Apator registers */
	enum wmbus_app app;
	enum wmbus_result result;
	const char *error;     /* static text when result != OK */
};

/* A telegram being read: the bytes (decrypted in place) and the record area. */
struct wmbus_msg {
	uint8_t t[WMBUS_TELEGRAM_MAX];
	size_t n;
	const uint8_t *rec; /* record area (in t, or in rebuilt for compact frames) */
	size_t rec_len;
	uint8_t rebuilt[2 * WMBUS_TELEGRAM_MAX];
	struct wmbus_info info;
};

/*
 * Parses the telegram in m->t[0..n) (CRCs removed): header, CI chain,
 * decryption with the ctx's key for the meter, compact frames (learning
 * long frames' formats into ctx). Fills m->info and the record area.
 * Returns m->info.result. The records are walked with wmbus_next_reading().
 */
enum wmbus_result wmbus_parse(struct wmbus_ctx *c, struct wmbus_msg *m, const uint8_t *t, size_t n);

struct wmbus_rec_walk {
	struct mbus_rec_iter it; /* records; for Apator the register cursor */
	uint16_t index;          /* the next record's number */
	bool mfct_done;          /* Apator: the payload text was given */
	/* A compact profile being expanded: element k of n, record number rec. */
	struct mbus_record prof;
	uint16_t prof_rec;
	uint8_t prof_k, prof_n;
	bool prof_has_time;
	int64_t prof_time, prof_value;
};
void wmbus_walk_begin(const struct wmbus_msg *m, struct wmbus_rec_walk *w);
/* 1 and a reading (text in `text`, MBUS_TEXT_MAX), 0 at the end, -1 on a bad record. */
int wmbus_next_reading(const struct wmbus_msg *m, struct wmbus_rec_walk *w, struct reading *out,
                       char *text);

/* ---- Streaming decoder (decoder.h shape) over a byte stream of telegrams ---- */

struct wmbus_dec {
	enum wmbus_link link; /* option "link": auto, stripped, a, b */
	size_t have, need;   /* need 0 while the format is undecided */
	enum wmbus_link cur; /* the current frame's format once decided */
	uint64_t offset, frame_start;
	uint32_t garbage;
	uint64_t garbage_start;
	uint32_t frame_index;
	enum dec_event pending;
	bool values;
	struct wmbus_rec_walk walk;
	struct frame_info fi;
	struct reading rd;
	/* from here on: written before read, not cleared by init */
	struct wmbus_ctx ctx;
	uint8_t buf[WMBUS_FRAME_MAX];
	struct wmbus_msg msg;
	char text[MBUS_TEXT_MAX];
};

void wmbus_dec_init(struct wmbus_dec *d);
/* The AES primitive (after init; init forgets it, like every option). */
void wmbus_dec_set_aes(struct wmbus_dec *d, const struct aes128_ops *aes);
size_t wmbus_dec_push(struct wmbus_dec *d, const uint8_t *p, size_t n);
enum dec_event wmbus_dec_event(struct wmbus_dec *d);
const struct frame_info *wmbus_dec_frame(const struct wmbus_dec *d);
const struct reading *wmbus_dec_reading(const struct wmbus_dec *d);
void wmbus_dec_finish(struct wmbus_dec *d);
void wmbus_dec_idle(struct wmbus_dec *d);
/* "key" = "HEX" | "ID:HEX"; "link" = "auto" | "stripped" | "a" | "b"; "lenient_crc" accepted. */
int wmbus_dec_configure(struct wmbus_dec *d, const char *key, const char *value);
int wmbus_detect(const uint8_t *p, size_t n);

extern const struct decoder_ops wmbus_decoder_ops;

#endif
