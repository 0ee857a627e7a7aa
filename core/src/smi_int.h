/*
 * smi_int.h - what the SMI compiler and runtime share: the pattern token
 * reader (one reader, so what the compiler accepts is exactly what the
 * runtime matches) and Tasmota's decimal number reader.
 */
#ifndef METERD_SMI_INT_H
#define METERD_SMI_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "meterd/hex.h"
#include "meterd/smi.h"

/* A skip larger than the receive buffer can never match. */
#define SMI_PATTERN_SKIP_MAX SMI_RX_MAX

enum smi_tok_kind {
	SMI_TOK_END,  /* end of the pattern */
	SMI_TOK_BYTE, /* literal byte: n */
	SMI_TOK_SKIP, /* skip n bytes */
	SMI_TOK_NUM,  /* numeric token: fmt */
	SMI_TOK_KSTR, /* Kamstrup register value at the position */
	SMI_TOK_BCD,  /* n BCD digits, least significant byte first */
	SMI_TOK_PM,   /* pm(...) search: bytes in pm[], mode 'r' or auto */
	SMI_TOK_VBUS, /* VBus septet value */
	SMI_TOK_BAD,  /* syntax error: `err` says why */
};

/* Numeric token formats, in the order Tasmota tries them. */
enum smi_num {
	SMI_NUM_U64,
	SMI_NUM_u64,
	SMI_NUM_U32,
	SMI_NUM_u32,
	SMI_NUM_UUuu,
	SMI_NUM_S32,
	SMI_NUM_s32,
	SMI_NUM_uuUU,
	SMI_NUM_uu,
	SMI_NUM_ssSS,
	SMI_NUM_SSss,
	SMI_NUM_ss,
	SMI_NUM_ffffffff,
	SMI_NUM_FFFFFFFF,
	SMI_NUM_FFffFFff,
	SMI_NUM_eeeeee,
	SMI_NUM_vvvvvv,
	SMI_NUM_cccccc,
	SMI_NUM_pppp,
};

#define SMI_PM_MAX 24

struct smi_tok {
	uint8_t kind;
	uint8_t fmt;  /* enum smi_num */
	bool swap;    /* 32-bit forms with a trailing 's' */
	uint16_t n;   /* byte value, skip count, BCD digits */
	size_t len;   /* pattern characters consumed */
	char pm_mode; /* 'r' raw, 'a' automatic DLMS decoding */
	uint8_t pm_len;
	uint8_t pm[SMI_PM_MAX];
	int16_t v_off; /* VBus: offset, -1 none */
	bool v_signed;
	char v_kind; /* 'l' 'w' 'b' 't' */
	char v_sel;  /* 'h'/'l' for w, '0'..'3' for b */
	const char *err;
};

/* Reads the token at p (end exclusive). */
void smi_tok_next(const char *p, const char *end, struct smi_tok *t);

/* Bytes a numeric token covers. */
unsigned smi_num_size(unsigned fmt);

/*
 * Tasmota's CharToDouble: leading blanks, sign, integer digits, '.',
 * fraction digits (each divides by ten once); stops at anything else and
 * looks at most at 23 characters. *endp (if not NULL) is set past the
 * digits; *digits (if not NULL) counts the digits seen.
 */
double smi_atof(const char *p, const char *end, const char **endp, unsigned *digits);


/* smi_dlms.c: =so4 decryption (see there). */
struct aes128_ops;
/* Whole length of the HDLC (7E A0..) or M-Bus (68 L L 68) frame starting
 * at b, 0 if b does not start one (or more bytes are needed to tell). */
size_t smi_dlms_frame_len(const uint8_t *b, size_t n);
/* The DLMS part of a whole frame; -1 if the frame is damaged. */
int smi_dlms_payload(const uint8_t *b, size_t n, size_t *off, size_t *len);
/* Decrypts a complete general-glo-ciphering APDU in place: 1 and the
 * plaintext position, 0 when more bytes are needed, -1 when a is not one. */
int smi_dlms_apdu(const struct aes128_ops *aes, const uint8_t key[16], uint8_t *a, size_t n,
                  size_t *pt_off, size_t *pt_len);

#endif
