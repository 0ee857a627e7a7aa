/*
 * reading.c - model kinds, ROI values and the reading rules (reading.h).
 *
 * The rules are written from the behaviour described in camera-reading.md
 * 1.5 (AI-on-the-edge's getReadout and PointerEval*), not from its code.
 */
#include "reading.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roi.h"

#define ANALOG_ERROR      0.3   /* a pointer within this of an integer is ambiguous */
#define DIGIT_PRED_LOW    0.7   /* Digit_Transition_Area_Predecessor */
#define DIGIT_FORWARD     9.7   /* Digit_Transition_Area_Forward */

const char *
vmodel_kind_name(int kind)
{
	switch (kind) {
	case VM_CLASS11: return "dig-class11";
	case VM_DIG_CLASS100: return "dig-class100";
	case VM_ANA_CLASS100: return "ana-class100";
	case VM_DIG_CONT: return "dig-cont";
	default: return "ana-cont";
	}
}

bool
vmodel_is_pointer(const struct vmodel *vm)
{
	return vm->kind == VM_ANA_CLASS100 || vm->kind == VM_ANA_CONT;
}

int
vmodel_load(struct vmodel *vm, const char *path, char *err, size_t errcap)
{
	struct tfl_tensor *in, *out;

	memset(vm, 0, sizeof(*vm));
	if (tfl_load_file(&vm->tfl, path, err, errcap) < 0)
		return -1;
	in = tfl_input(&vm->tfl);
	out = tfl_output(&vm->tfl);
	if (in->ndim != 4 || in->dim[0] != 1 || in->dim[3] != 3) {
		snprintf(err, errcap, "%s: input is not one RGB image (1 x H x W x 3)", path);
		tfl_free(&vm->tfl);
		return -1;
	}
	vm->in_h = in->dim[1];
	vm->in_w = in->dim[2];
	switch (out->count) {
	case 11: vm->kind = VM_CLASS11; break;
	case 10: vm->kind = VM_DIG_CONT; break;
	case 2: vm->kind = VM_ANA_CONT; break;
	case 100:
		vm->kind = vm->in_w == 32 && vm->in_h == 32 ? VM_ANA_CLASS100 : VM_DIG_CLASS100;
		break;
	default:
		snprintf(err, errcap, "%s: %zu outputs is not a known meter model (2, 10, 11, 100)",
		         path, out->count);
		tfl_free(&vm->tfl);
		return -1;
	}
	return 0;
}

void
vmodel_free(struct vmodel *vm)
{
	tfl_free(&vm->tfl);
}

static int
argmax(const float *v, int n)
{
	int i, best = 0;

	for (i = 1; i < n; i++)
		if (v[i] > v[best])
			best = i;
	return best;
}

/* Probability of the winner: the outputs themselves when they already are
 * a distribution, else their softmax (class100 models end in logits). */
static double
top_probability(const float *v, int n, int k)
{
	double sum = 0, mx = v[k];
	int i;
	bool dist = true;

	for (i = 0; i < n; i++) {
		if (v[i] < 0 || v[i] > 1)
			dist = false;
		sum += v[i];
	}
	if (dist && fabs(sum - 1) < 0.01)
		return v[k];
	sum = 0;
	for (i = 0; i < n; i++)
		sum += exp(v[i] - mx);
	return 1.0 / sum;
}

void
vmodel_interpret(int kind, const float *o, int n, double good, struct roi_value *rv)
{
	memset(rv, 0, sizeof(*rv));
	if (kind == VM_ANA_CONT) {
		double t = atan2(o[0], o[1]) / (2 * M_PI) + 2;
		rv->value = 10 * (t - floor(t));
		if (rv->value >= 10)
			rv->value = 0;
		rv->confidence = hypot(o[0], o[1]);
		rv->cls = -1;
		return;
	}
	rv->cls = argmax(o, n);
	rv->confidence = top_probability(o, n, rv->cls);
	switch (kind) {
	case VM_CLASS11:
		rv->nan = rv->cls == 10;
		rv->value = rv->nan ? 0 : rv->cls;
		break;
	case VM_DIG_CLASS100:
	case VM_ANA_CLASS100:
		rv->value = rv->cls / 10.0;
		break;
	default: {   /* dig-cont: interpolate towards the stronger neighbour */
		int k = rv->cls, up = (k + 1) % 10, down = (k + 9) % 10;
		double pk = o[k], v;
		if (o[up] >= o[down]) {
			v = k + o[up] / (o[up] + pk);
			rv->confidence = pk + o[up];
		} else {
			v = k - o[down] / (o[down] + pk);
			rv->confidence = pk + o[down];
		}
		v = fmod(v + 10, 10);
		rv->value = v;
		rv->nan = rv->confidence < good;
		break;
	}
	}
}

int
vmodel_classify(struct vmodel *vm, const struct img *crop, double good, struct roi_value *out)
{
	struct tfl_tensor *o;

	if (roi_to_input(crop, vm->in_w, vm->in_h, tfl_input(&vm->tfl)->data) < 0)
		return -1;
	tfl_invoke(&vm->tfl);
	o = tfl_output(&vm->tfl);
	vmodel_interpret(vm->kind, o->data, (int)o->count, good, out);
	return 0;
}

void
reading_rules_default(struct reading_rules *r)
{
	memset(r, 0, sizeof(*r));
	r->transition_start = 9.2;
}

static int
mod10(int v)
{
	return ((v % 10) + 10) % 10;
}

/* Tenths of a value in [0,10) as an integer 0..99, immune to 0.7 being
 * 0.69999 in binary. */
static int
tenths(double v)
{
	int t = (int)floor(v * 10 + 1e-6);

	return t < 0 ? 0 : t > 99 ? 99 : t;
}

/* A pointer that is not the last: ambiguous within 0.3 of an integer, then
 * the pointer to its right tells whether it has passed. */
static int
pointer_digit(double v, int right_digit)
{
	int lo = (int)floor(v - ANALOG_ERROR), hi = (int)floor(v + ANALOG_ERROR);

	if (lo != hi) {
		if (right_digit <= 3)
			return mod10(hi);
		if (right_digit >= 7)
			return mod10(lo);
	}
	return mod10((int)floor(v));
}

/* The wheel just left of the pointers. */
static int
wheel_before_pointer(double v, int ptr_digit, double ptr_raw, double start)
{
	int t = tenths(v), whole = t / 10, f = t % 10, d;
	bool rounded = f >= 8 || (ptr_digit <= 4 && f >= 6);

	d = rounded ? whole + (f >= 5) : whole;
	if (rounded && ptr_digit >= 6 && (ptr_raw > start || ptr_raw <= 0.2))
		d -= 1;
	return mod10(d);
}

/* A wheel whose right neighbour is a wheel (raw value r, decided digit rd). */
static int
wheel_before_wheel(double v, double r, int rd)
{
	int t = tenths(v), whole = t / 10, f = t % 10;

	if (r >= DIGIT_PRED_LOW && r <= 10 - DIGIT_PRED_LOW)
		return mod10(f <= 3 || f >= 7 ? whole + (f >= 5) : whole);
	if (rd <= 1)
		return mod10(f > 5 ? whole + 1 : whole);
	if (r <= DIGIT_FORWARD || f >= 4)
		return mod10(whole);
	return mod10(whole - 1);
}

int
reading_assemble(const struct roi_value *dig, int ndig, bool dig_class11,
                 const struct roi_value *ana, int nana, const struct reading_rules *rules,
                 char *out, size_t cap)
{
	char buf[128];
	int pos = sizeof(buf) - 1, i, decimals, right = -1, prev_d = 0;
	bool ext_dig = rules->extended && nana == 0 && ndig > 0 && !dig_class11;

	buf[pos] = '\0';
	if (ndig + nana + 2 > (int)sizeof(buf) - 2) {
		snprintf(out, cap, "N");
		return 0;
	}
	if (nana > 0 && rules->extended)
		buf[--pos] = (char)('0' + tenths(ana[nana - 1].value) % 10);
	for (i = nana - 1; i >= 0; i--) {
		int d = i == nana - 1 ? mod10((int)floor(ana[i].value))
		                      : pointer_digit(ana[i].value, right);
		buf[--pos] = (char)('0' + d);
		right = d;
	}
	if (ext_dig)
		buf[--pos] = dig[ndig - 1].nan ? 'N' : (char)('0' + tenths(dig[ndig - 1].value) % 10);
	for (i = ndig - 1; i >= 0; i--) {
		int d;
		if (dig[i].nan) {
			buf[--pos] = 'N';
			continue;
		}
		if (i == ndig - 1)
			d = nana > 0 ? wheel_before_pointer(dig[i].value, right, ana[0].value,
			                                    rules->transition_start)
			             : tenths(dig[i].value) / 10;
		else if (dig[i + 1].nan)
			d = tenths(dig[i].value) / 10;
		else
			d = wheel_before_wheel(dig[i].value, dig[i + 1].value, prev_d);
		buf[--pos] = (char)('0' + d);
		prev_d = d;
	}
	/* the decimal point */
	decimals = nana + (rules->extended && (nana > 0 || ext_dig) ? 1 : 0) - rules->decimal_shift;
	{
		const char *s = buf + pos;
		size_t len = strlen(s), o = 0, k;
		char tmp[160];

		if (decimals <= 0) {
			snprintf(tmp, sizeof(tmp), "%s%.*s", s, -decimals > 20 ? 20 : -decimals,
			         "00000000000000000000");
			decimals = 0;
		} else {
			while ((size_t)decimals >= len + o && o < 40)
				tmp[o++] = '0';    /* "0.0123" */
			for (k = 0; k < len; k++) {
				if (len - k == (size_t)decimals)
					tmp[o++] = '.';
				tmp[o++] = s[k];
			}
			tmp[o] = '\0';
		}
		snprintf(out, cap, "%s", tmp);
	}
	return decimals;
}

int
reading_finish(const char *raw, const char *prev, bool ignore_leading_nan, char *out, size_t cap)
{
	char buf[160], pv[160];
	const char *s = raw, *dot;
	size_t i, len;
	int decimals;

	if (ignore_leading_nan)
		while (*s == 'N')
			s++;
	snprintf(buf, sizeof(buf), "%s", s);
	len = strlen(buf);
	if (strchr(buf, 'N')) {
		if (!prev || !*prev)
			return -1;
		dot = strchr(buf, '.');
		decimals = dot ? (int)(len - (size_t)(dot - buf) - 1) : 0;
		snprintf(pv, sizeof(pv), "%0*.*f", (int)len, decimals, strtod(prev, NULL));
		if (strlen(pv) != len)
			return -1;
		for (i = 0; i < len; i++)
			if (buf[i] == 'N')
				buf[i] = pv[i];
	}
	/* leading zeros, keeping one before the point */
	s = buf;
	while (s[0] == '0' && s[1] != '\0' && s[1] != '.')
		s++;
	if (*s == '\0')
		s = "0";
	snprintf(out, cap, "%s", s);
	return 0;
}
