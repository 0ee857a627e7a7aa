/*
 * sml_reading.c - the readings of a checked SML frame: each list entry that
 * deliver() (sml.c) listed becomes one struct reading, filled straight from
 * its bytes for the common shape (fill_fast) or from a parsed entry
 * (fill_slow), with its OBIS id, unit symbol and text; and the events that
 * hand them out. sml.c frames the input and checks it; this file only reads
 * what it has checked.
 */
#include <stddef.h>
#include <string.h>

#include "meterd/obis.h"
#include "meterd/sml.h"
#include "sml_int.h"
#include "sml_msg.h"

/* Hex text 16 bytes a step where SSE2 is (every x86-64). */
#if defined(__SSE2__) && !defined(__OPTIMIZE_SIZE__)
#include <emmintrin.h>
#define SML_HEX_SSE2 1
#endif

/*
 * DLMS unit symbols (IEC 62056-62 / Blue Book "unit" enumeration) by code
 * from 0; codes without a symbol are empty. Rows as wide as the reading's
 * field, so a reading copies its unit whole without looking for the end;
 * 10 bytes (the longest symbol and its NUL) with -Os, where the ESP8266
 * keeps them in DRAM.
 */
#ifndef __OPTIMIZE_SIZE__
#define UNIT_ROW READING_UNIT_MAX
#else
#define UNIT_ROW 10
#endif
_Static_assert(UNIT_ROW <= READING_UNIT_MAX, "a unit row is copied whole");
static const char unit_names[][UNIT_ROW] = {
	"", "a", "mo", "wk", "d", "h", "min", "s", "\302\260", "\302\260C", "", "m", "m/s", "m3",
	"m3", "m3/h", "m3/h", "m3/d", "m3/d", "l", "kg", "N", "Nm", "Pa", "bar", "J", "J/h", "W",
	"VA", "var", "Wh", "VAh", "varh", "A", "C", "V", "V/m", "F", "Ohm", "Ohm m2/m", "Wb", "T",
	"A/m", "H", "Hz", "1/(Wh)", "1/(varh)", "1/(VAh)", "V2h", "A2h", "kg/s", "S", "K",
	"1/(V2h)", "1/(A2h)", "1/m3", "%", "Ah", "", "", "Wh/m3", "J/m3", "Mol %", "g/m3", "Pa s",
	"J/kg", "g/cm2", "atm", "", "", "dBm", "dBuV", "dB",
};

const char *
sml_unit_text(uint8_t code)
{
	return code < sizeof(unit_names) / sizeof(unit_names[0]) ? unit_names[code] : unit_names[0];
}

/* A reading's unit code and symbol, the whole field written. */
static inline void
put_unit(struct reading *r, uint8_t code)
{
	r->unit_code = code;
	memcpy(r->unit, sml_unit_text(code), UNIT_ROW);
	if (UNIT_ROW < sizeof(r->unit))
		memset(r->unit + UNIT_ROW, 0, sizeof(r->unit) - UNIT_ROW);
}


static bool
printable(const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] < 0x20 || p[i] > 0x7e)
			return false;
	return true;
}

#ifndef __OPTIMIZE_SIZE__
/* Both hex digits of every byte value (host; -Os looks each digit up). */
static const char hex_pairs[2 * 256 + 1] =
	    "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
	    "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"
	    "404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f"
	    "606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f"
	    "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"
	    "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf"
	    "c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf"
	    "e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff";

#ifdef SML_HEX_SSE2
/*
 * Hex digits of 16 nibbles (a byte's high one before its low one), each
 * made a digit by adding '0', and 'a' - '0' - 10 more where it is above 9.
 */
static inline __m128i
hex_digits(__m128i nibbles)
{
	__m128i above = _mm_cmpgt_epi8(nibbles, _mm_set1_epi8(9));

	return _mm_add_epi8(_mm_add_epi8(nibbles, _mm_set1_epi8('0')),
	                    _mm_and_si128(above, _mm_set1_epi8('a' - '0' - 10)));
}

static inline void
hex16(char *out, const uint8_t *p)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p), lo4 = _mm_set1_epi8(0x0F);
	__m128i hi = _mm_and_si128(_mm_srli_epi16(v, 4), lo4), lo = _mm_and_si128(v, lo4);

	_mm_storeu_si128((__m128i *)(void *)out, hex_digits(_mm_unpacklo_epi8(hi, lo)));
	_mm_storeu_si128((__m128i *)(void *)(out + 16), hex_digits(_mm_unpackhi_epi8(hi, lo)));
}

static inline void
hex8(char *out, const uint8_t *p)
{
	__m128i v = _mm_loadl_epi64((const __m128i *)(const void *)p), lo4 = _mm_set1_epi8(0x0F);
	__m128i hi = _mm_and_si128(_mm_srli_epi16(v, 4), lo4), lo = _mm_and_si128(v, lo4);

	_mm_storeu_si128((__m128i *)(void *)out, hex_digits(_mm_unpacklo_epi8(hi, lo)));
}
#endif

static size_t
hex_put(char *out, const uint8_t *p, size_t n)
{
	size_t i = 0;

#ifdef SML_HEX_SSE2
	/*
	 * 16 bytes a step, then the last 16 (or, from 8, 8 and the last 8) again
	 * overlapping the ones done: the same text twice.
	 */
	if (n >= 16) {
		for (; n - i >= 16; i += 16)
			hex16(out + 2 * i, p + i);
		if (i < n)
			hex16(out + 2 * (n - 16), p + n - 16);
		out[2 * n] = '\0';
		return 2 * n;
	}
	if (n >= 8) {
		hex8(out, p);
		hex8(out + 2 * (n - 8), p + n - 8);
		out[2 * n] = '\0';
		return 2 * n;
	}
#endif
	for (; n - i >= 4; i += 4) { /* four pairs a step: a quarter of the loop's own work */
		memcpy(out + 2 * i, hex_pairs + 2 * p[i], 2);
		memcpy(out + 2 * i + 2, hex_pairs + 2 * p[i + 1], 2);
		memcpy(out + 2 * i + 4, hex_pairs + 2 * p[i + 2], 2);
		memcpy(out + 2 * i + 6, hex_pairs + 2 * p[i + 3], 2);
	}
	for (; i < n; i++)
		memcpy(out + 2 * i, hex_pairs + 2 * p[i], 2);
	out[2 * n] = '\0';
	return 2 * n;
}
#else
static size_t
hex_put(char *out, const uint8_t *p, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 0x0F];
	}
	out[2 * n] = '\0';
	return 2 * n;
}
#endif

/*
 * An objName of 6 bytes as OBIS text "A-B:C.D.E*F", as obis_format() writes
 * it, here because every reading has one. Each group comes from a table of
 * 8-byte rows: its digits and a '.', NUL-padded to 7, then their count. A
 * row is copied whole and the next lands on its padding, so a group costs a
 * load, a store and an add; the separators other than '.' then overwrite
 * the '.'. The caller clears out[8..28) first; the last row's count is
 * cleared after. With -Os (the ESP8266 build) from a pair table instead, a
 * tenth of the size.
 */
#ifndef __OPTIMIZE_SIZE__
static const char obis_dot[256 * 8 + 1] =
	    "0.\000\000\000\000\000\0021.\000\000\000\000\000\0022.\000\000\000\000\000\002"
	    "3.\000\000\000\000\000\0024.\000\000\000\000\000\0025.\000\000\000\000\000\002"
	    "6.\000\000\000\000\000\0027.\000\000\000\000\000\0028.\000\000\000\000\000\002"
	    "9.\000\000\000\000\000\00210.\000\000\000\000\00311.\000\000\000\000\003"
	    "12.\000\000\000\000\00313.\000\000\000\000\00314.\000\000\000\000\003"
	    "15.\000\000\000\000\00316.\000\000\000\000\00317.\000\000\000\000\003"
	    "18.\000\000\000\000\00319.\000\000\000\000\00320.\000\000\000\000\003"
	    "21.\000\000\000\000\00322.\000\000\000\000\00323.\000\000\000\000\003"
	    "24.\000\000\000\000\00325.\000\000\000\000\00326.\000\000\000\000\003"
	    "27.\000\000\000\000\00328.\000\000\000\000\00329.\000\000\000\000\003"
	    "30.\000\000\000\000\00331.\000\000\000\000\00332.\000\000\000\000\003"
	    "33.\000\000\000\000\00334.\000\000\000\000\00335.\000\000\000\000\003"
	    "36.\000\000\000\000\00337.\000\000\000\000\00338.\000\000\000\000\003"
	    "39.\000\000\000\000\00340.\000\000\000\000\00341.\000\000\000\000\003"
	    "42.\000\000\000\000\00343.\000\000\000\000\00344.\000\000\000\000\003"
	    "45.\000\000\000\000\00346.\000\000\000\000\00347.\000\000\000\000\003"
	    "48.\000\000\000\000\00349.\000\000\000\000\00350.\000\000\000\000\003"
	    "51.\000\000\000\000\00352.\000\000\000\000\00353.\000\000\000\000\003"
	    "54.\000\000\000\000\00355.\000\000\000\000\00356.\000\000\000\000\003"
	    "57.\000\000\000\000\00358.\000\000\000\000\00359.\000\000\000\000\003"
	    "60.\000\000\000\000\00361.\000\000\000\000\00362.\000\000\000\000\003"
	    "63.\000\000\000\000\00364.\000\000\000\000\00365.\000\000\000\000\003"
	    "66.\000\000\000\000\00367.\000\000\000\000\00368.\000\000\000\000\003"
	    "69.\000\000\000\000\00370.\000\000\000\000\00371.\000\000\000\000\003"
	    "72.\000\000\000\000\00373.\000\000\000\000\00374.\000\000\000\000\003"
	    "75.\000\000\000\000\00376.\000\000\000\000\00377.\000\000\000\000\003"
	    "78.\000\000\000\000\00379.\000\000\000\000\00380.\000\000\000\000\003"
	    "81.\000\000\000\000\00382.\000\000\000\000\00383.\000\000\000\000\003"
	    "84.\000\000\000\000\00385.\000\000\000\000\00386.\000\000\000\000\003"
	    "87.\000\000\000\000\00388.\000\000\000\000\00389.\000\000\000\000\003"
	    "90.\000\000\000\000\00391.\000\000\000\000\00392.\000\000\000\000\003"
	    "93.\000\000\000\000\00394.\000\000\000\000\00395.\000\000\000\000\003"
	    "96.\000\000\000\000\00397.\000\000\000\000\00398.\000\000\000\000\003"
	    "99.\000\000\000\000\003100.\000\000\000\004101.\000\000\000\004"
	    "102.\000\000\000\004103.\000\000\000\004104.\000\000\000\004105.\000\000\000\004"
	    "106.\000\000\000\004107.\000\000\000\004108.\000\000\000\004109.\000\000\000\004"
	    "110.\000\000\000\004111.\000\000\000\004112.\000\000\000\004113.\000\000\000\004"
	    "114.\000\000\000\004115.\000\000\000\004116.\000\000\000\004117.\000\000\000\004"
	    "118.\000\000\000\004119.\000\000\000\004120.\000\000\000\004121.\000\000\000\004"
	    "122.\000\000\000\004123.\000\000\000\004124.\000\000\000\004125.\000\000\000\004"
	    "126.\000\000\000\004127.\000\000\000\004128.\000\000\000\004129.\000\000\000\004"
	    "130.\000\000\000\004131.\000\000\000\004132.\000\000\000\004133.\000\000\000\004"
	    "134.\000\000\000\004135.\000\000\000\004136.\000\000\000\004137.\000\000\000\004"
	    "138.\000\000\000\004139.\000\000\000\004140.\000\000\000\004141.\000\000\000\004"
	    "142.\000\000\000\004143.\000\000\000\004144.\000\000\000\004145.\000\000\000\004"
	    "146.\000\000\000\004147.\000\000\000\004148.\000\000\000\004149.\000\000\000\004"
	    "150.\000\000\000\004151.\000\000\000\004152.\000\000\000\004153.\000\000\000\004"
	    "154.\000\000\000\004155.\000\000\000\004156.\000\000\000\004157.\000\000\000\004"
	    "158.\000\000\000\004159.\000\000\000\004160.\000\000\000\004161.\000\000\000\004"
	    "162.\000\000\000\004163.\000\000\000\004164.\000\000\000\004165.\000\000\000\004"
	    "166.\000\000\000\004167.\000\000\000\004168.\000\000\000\004169.\000\000\000\004"
	    "170.\000\000\000\004171.\000\000\000\004172.\000\000\000\004173.\000\000\000\004"
	    "174.\000\000\000\004175.\000\000\000\004176.\000\000\000\004177.\000\000\000\004"
	    "178.\000\000\000\004179.\000\000\000\004180.\000\000\000\004181.\000\000\000\004"
	    "182.\000\000\000\004183.\000\000\000\004184.\000\000\000\004185.\000\000\000\004"
	    "186.\000\000\000\004187.\000\000\000\004188.\000\000\000\004189.\000\000\000\004"
	    "190.\000\000\000\004191.\000\000\000\004192.\000\000\000\004193.\000\000\000\004"
	    "194.\000\000\000\004195.\000\000\000\004196.\000\000\000\004197.\000\000\000\004"
	    "198.\000\000\000\004199.\000\000\000\004200.\000\000\000\004201.\000\000\000\004"
	    "202.\000\000\000\004203.\000\000\000\004204.\000\000\000\004205.\000\000\000\004"
	    "206.\000\000\000\004207.\000\000\000\004208.\000\000\000\004209.\000\000\000\004"
	    "210.\000\000\000\004211.\000\000\000\004212.\000\000\000\004213.\000\000\000\004"
	    "214.\000\000\000\004215.\000\000\000\004216.\000\000\000\004217.\000\000\000\004"
	    "218.\000\000\000\004219.\000\000\000\004220.\000\000\000\004221.\000\000\000\004"
	    "222.\000\000\000\004223.\000\000\000\004224.\000\000\000\004225.\000\000\000\004"
	    "226.\000\000\000\004227.\000\000\000\004228.\000\000\000\004229.\000\000\000\004"
	    "230.\000\000\000\004231.\000\000\000\004232.\000\000\000\004233.\000\000\000\004"
	    "234.\000\000\000\004235.\000\000\000\004236.\000\000\000\004237.\000\000\000\004"
	    "238.\000\000\000\004239.\000\000\000\004240.\000\000\000\004241.\000\000\000\004"
	    "242.\000\000\000\004243.\000\000\000\004244.\000\000\000\004245.\000\000\000\004"
	    "246.\000\000\000\004247.\000\000\000\004248.\000\000\000\004249.\000\000\000\004"
	    "250.\000\000\000\004251.\000\000\000\004252.\000\000\000\004253.\000\000\000\004"
	    "254.\000\000\000\004255.\000\000\000\004";
_Static_assert(READING_ID_MAX >= 20 + 8, "groups before F end by out[20], F's row is 8 bytes");

static void
obis_text(char *out, const uint8_t b[6])
{
	const char *g;
	size_t n = 0;

#define OBIS_GROUP(i)                                      \
	do {                                               \
		g = obis_dot + 8 * (unsigned)b[i];         \
		memcpy(out + n, g, 8);                     \
		n += (uint8_t)g[7];                        \
	} while (0)
	/* Most ids begin with single-digit groups ("1-0:") and end in "*255". */
	if ((b[0] | b[1]) < 10) {
		out[0] = (char)('0' + b[0]);
		out[1] = '-';
		out[2] = (char)('0' + b[1]);
		out[3] = ':';
		n = 4;
	} else {
		OBIS_GROUP(0);
		out[n - 1] = '-';
		OBIS_GROUP(1);
		out[n - 1] = ':';
	}
	OBIS_GROUP(2);
	OBIS_GROUP(3);
	OBIS_GROUP(4);
	if (b[5] == 255) {
		memcpy(out + n - 1, "*255\0\0\0", 8); /* and clears E's row */
		return;
	}
	out[n - 1] = '*';
	g = obis_dot + 8 * (unsigned)b[5];
	memcpy(out + n, g, 8);
	out[n + 7] = '\0'; /* the row's count */
	n += (uint8_t)g[7];
	out[n - 1] = '\0';
#undef OBIS_GROUP
}
#else
static void
obis_text(char *out, const uint8_t b[6])
{
	static const char pairs[] = "00010203040506070809101112131415161718192021222324"
	                            "25262728293031323334353637383940414243444546474849"
	                            "50515253545556575859606162636465666768697071727374"
	                            "75767778798081828384858687888990919293949596979899";
	static const char sep[6] = {'-', ':', '.', '.', '*', '\0'};
	size_t n = 0;
	int i;

	for (i = 0; i < 6; i++) {
		unsigned v = b[i];
		if (v >= 100) {
			out[n++] = (char)('0' + (v >= 200 ? 2 : 1));
			v -= v >= 200 ? 200 : 100;
			out[n++] = pairs[2 * v];
		} else if (v >= 10) {
			out[n++] = pairs[2 * v];
		}
		out[n++] = pairs[2 * v + 1];
		out[n++] = sep[i];
	}
}
#endif

/*
 * A reading's id from its objName: OBIS text for 6 bytes, else "sml:" and
 * the first bytes in hex. The whole field is written, NUL-padded.
 */
static inline void
put_id(char *id, const uint8_t *name, size_t len)
{
	if (len == 6) {
		/* Its text takes 12 to 24 bytes (28 with the padding of the rows). */
		memset(id + 8, 0, READING_ID_MAX - 8);
		obis_text(id, name);
	} else {
		size_t n = len < (READING_ID_MAX - 5) / 2 ? len : (READING_ID_MAX - 5) / 2;
		memset(id, 0, READING_ID_MAX);
		memcpy(id, "sml:", 4);
		hex_put(id + 4, name, n);
	}
}

/* An octet-string value: the text of the reading (as is when printable, else hex). */
RARE static void
put_text(struct sml_dec *d, const uint8_t *p, size_t len)
{
	struct reading *r = &d->rd;

	r->type = READING_TEXT;
	d->octets = p;
	d->octets_len = len;
	if (printable(p, len)) {
		r->text = p;
		r->text_len = len;
	} else {
		size_t n = len < SML_DEC_HEX_MAX ? len : SML_DEC_HEX_MAX;
		r->text = (const uint8_t *)d->hex;
		r->text_len = hex_put(d->hex, p, n);
	}
}

static void
fill_reading(struct sml_dec *d, const struct sml_entry *en, bool dzg)
{
	struct reading *r = &d->rd;
	const struct sml_el *v = &en->value;

	reading_clear(r);
	put_id(r->id, en->name, en->name_len);
	if (en->has_scaler) {
		r->scaler = en->scaler;
		r->has |= READING_HAS_SCALER;
	}
	if (v->type == SML_T_OCTETS) {
		put_text(d, v->data, v->len);
	} else if (en->value_is_time) {
		r->raw = en->value_utc;
		r->has |= READING_HAS_TIME_VALUE;
	} else if (v->type == SML_T_UINT && v->len == 8 && sml_el_uint(v) > (uint64_t)INT64_MAX) {
		r->raw = (int64_t)(sml_el_uint(v) / 10);
		r->scaler = (int8_t)(r->scaler + 1);
	} else {
		r->raw = dzg ? (int64_t)sml_el_uint(v) : sml_el_int(v);
	}
	if (en->has_unit) {
		r->unit_code = en->unit;
		put_unit(r, en->unit);
	}
	if (en->has_status) {
		r->status = en->status;
		r->has |= READING_HAS_STATUS;
	}
	r->time_kind = en->time_kind;
	r->time = en->time;
	if (en->time_kind == READING_TIME_LOCAL) {
		r->utc_offset = en->utc_offset;
		r->has |= READING_HAS_UTC_OFFSET;
	}
}

/*
 * The big-endian value of an integer by its TL (1..8 data bytes after it),
 * as the low bytes of the 8 that end with its last one: a field of a list
 * entry has them in buf, the entry being at least 15 bytes into its message
 * (76, transactionId, groupNo, abortOnError, 72, tag, 77 and four fields of
 * the GetListResponse before valList's TL, each at least a byte).
 */
static inline uint64_t
be_tl(const uint8_t *tl)
{
	unsigned n = sml_tl_scalar[*tl] - 1u;
	const uint8_t *e = tl + 1 + n - 8;
	uint64_t v = (uint64_t)e[0] << 56 | (uint64_t)e[1] << 48 | (uint64_t)e[2] << 40 |
	             (uint64_t)e[3] << 32 | (uint64_t)e[4] << 24 | (uint64_t)e[5] << 16 |
	             (uint64_t)e[6] << 8 | e[7];

	return v << (64 - 8 * n) >> (64 - 8 * n); /* n is 1..8 */
}

#define TL_IS_INT(b) (((b) & 0x70) == 0x50 || ((b) & 0x70) == 0x60)

/*
 * fill_reading for an entry of the common shape (SML_ENT_FAST): the parse
 * before the frame was reported checked it, so its elements are found from
 * their TL bytes alone, and go straight into the reading: objName, status,
 * valTime (a scalar, or the list 72 62 0t 6x..), unit, scaler, value, all
 * one-byte-TL scalars but a value that is a long octet string. Every field
 * of the reading SML sets is written here; the others (index, quantity,
 * name, label, ...) stay as sml_dec_init left them, zero, so the reading is
 * not cleared first.
 */
RARE static void
fill_fast(struct sml_dec *d, size_t at, bool dzg)
{
	struct reading *r = &d->rd;
	const uint8_t *p = d->buf;
	size_t name = at + 1, status, vt, unit, scaler, value, vdata;
	unsigned name_len = sml_tl_scalar[p[name]] - 1u, vlen;
	enum reading_time tkind = READING_TIME_NONE;
	uint16_t has = 0;
	int8_t sc = 0;
	int64_t raw = 0, time = 0;
	uint8_t vtl;

	/* The id first: fewer values live across its call. */
	put_id(r->id, p + name + 1, name_len);
	status = name + 1 + name_len;
	vt = status + sml_tl_scalar[p[status]];
	if (sml_tl_scalar[p[vt]] != 0) {
		unit = vt + sml_tl_scalar[p[vt]];
		if ((p[vt] & 0x70) == 0x60) /* a bare Unsigned32: Holley's secIndex */
			tkind = READING_TIME_SECINDEX;
	} else {
		tkind = p[vt + 2] == 1 ? READING_TIME_SECINDEX : READING_TIME_UNIX;
		vt += 3;
		unit = vt + sml_tl_scalar[p[vt]];
	}
	scaler = unit + sml_tl_scalar[p[unit]];
	value = scaler + sml_tl_scalar[p[scaler]];
	vtl = p[value];
	vlen = sml_tl_scalar[vtl] - 1u;
	vdata = value + 1;
	if (vtl & SML_TL_MORE) { /* an octet string with a two-byte TL (entry_fast) */
		vlen = ((vtl & 0x0Fu) << 4 | (p[value + 1] & 0x0Fu)) - 2u;
		vdata = value + 2;
	}

	/* An integer's low byte is its last: all an int8 scaler or a unit code keeps. */
	if (TL_IS_INT(p[scaler])) {
		sc = (int8_t)p[value - 1];
		has = READING_HAS_SCALER;
	}
	if (tkind != READING_TIME_NONE)
		time = (int64_t)be_tl(p + vt);
	r->type = READING_NUMBER;
	r->text = NULL;
	r->text_len = 0;
	if ((vtl & 0x70) == 0x00) { /* octets */
		put_text(d, p + vdata, vlen);
	} else if ((vtl & 0x70) == 0x60) { /* unsigned */
		uint64_t v = be_tl(p + value);
		if (vlen <= 4 && name_len == 6 && p[name + 1] == 0 && p[name + 3] == 1 &&
		    p[name + 4] == 0) {
			/* A clock object's plain Unsigned32: seconds since 1970 (entry_fast). */
			raw = (int64_t)v;
			has |= READING_HAS_TIME_VALUE;
			tkind = READING_TIME_UNIX;
			time = (int64_t)v;
		} else if (v > (uint64_t)INT64_MAX) {
			raw = (int64_t)(v / 10);
			sc = (int8_t)(sc + 1);
		} else {
			raw = (int64_t)v;
		}
	} else if ((vtl & 0x70) == 0x50) { /* signed */
		uint64_t v = be_tl(p + value);
		raw = dzg ? (int64_t)v : sign_extend(v, vlen);
	} else { /* boolean */
		raw = p[value + 1] != 0;
	}
	r->raw = raw;
	r->scaler = sc;
	if (TL_IS_INT(p[unit])) {
		put_unit(r, p[scaler - 1]);
	} else {
		r->unit_code = 0;
		memset(r->unit, 0, sizeof(r->unit));
	}
	r->status = 0;
	if (TL_IS_INT(p[status])) {
		r->status = be_tl(p + status);
		has |= READING_HAS_STATUS;
	}
	r->has = has;
	r->time_kind = tkind;
	r->time = time;
	r->utc_offset = 0;
}

/* An entry of any other shape, step by step. False when it does not parse (cannot happen). */
RARE static bool
fill_slow(struct sml_dec *d, uint16_t at)
{
	struct sml_entry en;
	struct cursor c;

	cursor_init(&c, d->buf, sizeof(d->buf));
	c.pos = at & SML_ENT_AT;
	if (sml_entry_parse(&c, &en) != NULL)
		return false; /* checked before */
	fill_reading(d, &en, (at & SML_ENT_DZG) != 0);
	return true;
}

/* The next entry with a value (deliver() listed them); false when none is left. */
static bool
next_reading(struct sml_dec *d)
{
	uint16_t at;

	if (d->ent_next >= d->nents)
		return false;
	at = d->ents[d->ent_next++];
	if (at & SML_ENT_FAST) {
		fill_fast(d, at & SML_ENT_AT, (at & SML_ENT_DZG) != 0);
		return true;
	}
	return fill_slow(d, at);
}

enum dec_event
sml_dec_event(struct sml_dec *d)
{
	if (d->out == OUT_FRAME) {
		d->out = OUT_READINGS;
		return DEC_FRAME;
	}
	if (d->out == OUT_READINGS) {
		if (next_reading(d))
			return DEC_READING;
		if (sml_frame_done(d)) {
			d->out = OUT_READINGS;
			return DEC_FRAME;
		}
	}
	return DEC_NONE;
}
