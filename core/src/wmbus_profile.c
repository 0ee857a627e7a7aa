/*
 * wmbus_profile.c - compact profiles (EN 13757-3:2018 Annex F): one LVAR
 * record that carries a series of values at equal spacing, expanded into
 * one reading per element. See wmbus.h, layer 3.
 *
 * The LVAR data: a spacing control byte (bits 0-3 the elements' data field
 * coding as in a DIF, bits 4-5 the spacing unit: seconds, minutes, hours,
 * days; bits 6-7 the increment mode: absolute values, increments,
 * decrements, signed differences), a spacing value (1-250 units; 0xFE with
 * unit days is one month, with hours a quarter, with minutes half a year),
 * then the elements. Element k is at base time + k spacings (VIFE 0x1F) or
 * - k spacings (0x13, inverse: the newest first) with storage number base
 * + k; the base time and value are the records of the profile's storage
 * number. Elements the meter has not filled (BCD FF..., the integer
 * "invalid" codes) give no reading.
 */
#include <string.h>

#include "wmbus_int.h"

#define VIFE_INVERSE_PROFILE 0x13
#define VIFE_PROFILE         0x1F

enum inc_mode {
	INC_ABSOLUTE,
	INC_UP,
	INC_DOWN,
	INC_SIGNED,
};

/* The profile VIFE is the record's first combinable one. */
static bool
is_profile(const struct mbus_record *r)
{
	uint8_t e;

	if (r->coding != 0x0D || r->lvar > 0xBF || r->data_len < 3 || r->vifes < 1 ||
	    (r->vif & 0x7F) == 0x7C || (r->vif & 0x7F) == 0x7F)
		return false;
	e = r->vife[0] & 0x7F;
	return e == VIFE_INVERSE_PROFILE || e == VIFE_PROFILE;
}

static bool
element_coding_ok(uint8_t c)
{
	return (c >= 0x1 && c <= 0x4) || c == 0x6 || c == 0x7 || (c >= 0x9 && c <= 0xC) ||
	       c == 0xE;
}

/* r without its profile VIFE: what one element of it is. */
static void
element_record(const struct mbus_record *r, struct mbus_record *e)
{
	*e = *r;
	e->vife++;
	e->vifes--;
	if (e->vifes == 0) {
		if (e->vif == 0xFB || e->vif == 0xFD)
			e->ext &= 0x7F;
		else
			e->vif &= 0x7F;
	}
	e->coding = r->data[0] & 0x0F;
	e->lvar = 0;
	e->data_len = (size_t)mbus_coding_len(e->coding);
}

static bool
same_place(const struct mbus_record *a, const struct mbus_record *b)
{
	return a->storage == b->storage && a->tariff == b->tariff && a->subunit == b->subunit;
}

/* Same VIF as the profile's element (ignoring the extension bit), same function. */
static bool
same_value(const struct mbus_record *a, const struct mbus_record *e)
{
	return !a->manufacturer && a->coding != 0x0D && a->function == e->function &&
	       (a->vif & 0x7F) == (e->vif & 0x7F) && (a->ext & 0x7F) == (e->ext & 0x7F) &&
	       a->vifes == e->vifes && memcmp(a->vife, e->vife, e->vifes) == 0;
}

bool
wmbus_profile_begin(const struct wmbus_msg *m, struct wmbus_rec_walk *w,
                    const struct mbus_record *r, uint16_t rec, char *text)
{
	struct mbus_rec_iter it;
	struct mbus_record b, e;
	struct reading rd;
	uint16_t i;
	size_t n;
	bool has_value = false;

	if (!is_profile(r) || !element_coding_ok(r->data[0] & 0x0F))
		return false;
	element_record(r, &e);
	n = (r->data_len - 2) / e.data_len;
	if (n == 0)
		return false;
	w->prof = *r;
	w->prof_rec = rec;
	w->prof_k = 0;
	w->prof_n = (uint8_t)(n > 255 ? 255 : n);
	w->prof_has_time = false;
	/* base date and value: the records before it at its storage number */
	mbus_rec_begin(&it, m->rec, m->rec_len, false);
	for (i = 0; i < rec && mbus_rec_next(&it, &b) > 0; i++) {
		if (!same_place(&b, r) || b.manufacturer)
			continue;
		if (b.vif == 0x6C || b.vif == 0x6D) {
			mbus_rec_reading(&b, 0, false, &rd, text);
			if (rd.time_kind == READING_TIME_LOCAL) {
				w->prof_has_time = true;
				w->prof_time = rd.time;
			}
		} else if (same_value(&b, &e)) {
			mbus_rec_reading(&b, 0, false, &rd, text);
			if (rd.type == READING_NUMBER) {
				has_value = true;
				w->prof_value = rd.raw;
			}
		}
	}
	if ((r->data[0] >> 6) != INC_ABSOLUTE && !has_value) {
		w->prof_n = 0;
		return false; /* increments without the value they start from */
	}
	return true;
}

static bool
leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
static int64_t
days_from_civil(int64_t y, unsigned mo, unsigned d)
{
	int64_t era, yoe, doy;

	y -= mo <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (mo > 2 ? mo - 3 : mo + 9) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static void
civil_from_days(int64_t z, int64_t *y, unsigned *mo, unsigned *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
	*mo = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*mo <= 2);
}

/* t (seconds, local wall clock) moved by months; the day kept or the month's last. */
static int64_t
add_months(int64_t t, int64_t months)
{
	static const uint8_t mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400), sec = t - days * 86400, y, mi;
	unsigned mo, d, last;

	civil_from_days(days, &y, &mo, &d);
	mi = y * 12 + (mo - 1) + months;
	y = mi >= 0 ? mi / 12 : -((-mi + 11) / 12);
	mo = (unsigned)(mi - y * 12) + 1;
	last = mdays[mo - 1] + (mo == 2 && leap(y));
	if (d > last)
		d = last;
	return days_from_civil(y, mo, d) * 86400 + sec;
}

/* Time of element k, false when the spacing has no meaning this decoder knows. */
static bool
element_time(const struct wmbus_rec_walk *w, unsigned k, int64_t *t)
{
	static const int32_t unit_s[4] = {1, 60, 3600, 86400};
	static const uint8_t fe_months[4] = {0, 6, 3, 1};
	unsigned unit = (w->prof.data[0] >> 4) & 3, sv = w->prof.data[1];
	int64_t dir = (w->prof.vife[0] & 0x7F) == VIFE_INVERSE_PROFILE ? -1 : 1;

	if (!w->prof_has_time)
		return false;
	if (sv >= 1 && sv <= 250) {
		*t = w->prof_time + dir * (int64_t)k * sv * unit_s[unit];
		return true;
	}
	if (sv == 0xFE && fe_months[unit] != 0) {
		*t = add_months(w->prof_time, dir * (int64_t)k * fe_months[unit]);
		return true;
	}
	return false;
}

/* An element the meter marks as having no value (EN 13757-3 Annex A, types B and C). */
static bool
element_unset(const uint8_t *p, size_t n, uint8_t coding, enum inc_mode mode)
{
	size_t i;
	bool ff = true, min = p[n - 1] == 0x80;

	if (coding >= 0x9)
		return false; /* BCD: a digit above 9 turns the reading into text */
	for (i = 0; i < n; i++) {
		ff = ff && p[i] == 0xFF;
		min = min && (i == n - 1 || p[i] == 0);
	}
	return mode == INC_UP || mode == INC_DOWN ? ff : min;
}

int
wmbus_profile_next(struct wmbus_rec_walk *w, struct reading *out, char *text)
{
	struct mbus_record e;
	enum inc_mode mode = (enum inc_mode)(w->prof.data[0] >> 6);
	bool inverse = (w->prof.vife[0] & 0x7F) == VIFE_INVERSE_PROFILE;
	int64_t t, v;

	element_record(&w->prof, &e);
	while (w->prof_k < w->prof_n) {
		unsigned k = ++w->prof_k;
		e.data = w->prof.data + 2 + (k - 1) * e.data_len;
		e.storage = w->prof.storage + k;
		if (element_unset(e.data, e.data_len, e.coding, mode)) {
			if (mode != INC_ABSOLUTE)
				break; /* the values after it cannot be worked out */
			continue;
		}
		mbus_rec_reading(&e, 0, false, out, text);
		if (out->type != READING_NUMBER) {
			if (mode != INC_ABSOLUTE)
				break;
			continue;
		}
		if (mode != INC_ABSOLUTE) {
			v = out->raw;
			if (mode != INC_SIGNED && e.coding < 0x9 && e.data_len < 8 && v < 0)
				v += (int64_t)1 << (8 * e.data_len); /* increments are unsigned */
			if (mode == INC_DOWN)
				v = -v;
			w->prof_value += inverse ? -v : v;
			out->raw = w->prof_value;
		}
		if (element_time(w, k, &t)) {
			out->time_kind = READING_TIME_LOCAL;
			out->time = t;
		}
		out->index = (uint16_t)k;
		wmbus_reading_id(out, w->prof_rec);
		return 1;
	}
	w->prof_n = 0;
	return 0;
}
