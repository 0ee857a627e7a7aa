/*
 * tflite.c - parse and validate a .tflite flatbuffer (see tflite.h).
 *
 * Flatbuffer facts used here: the file starts with a uint32 offset to the
 * root table; a table starts with an int32 "soffset" back to its vtable; a
 * vtable is uint16 {vtable size, table size, field offset...}; a field offset
 * of 0 means "absent, use the default"; references (tables, vectors,
 * strings) are uint32 offsets relative to where they are stored; a vector is
 * a uint32 count followed by its elements. Every one of these numbers comes
 * from the file, so each is checked before use (struct fb keeps the bounds).
 *
 * Field numbers are the TFLite schema's (Model, SubGraph, Tensor, ...).
 */
#include "tflite.h"
#include "image.h"

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Limits far above any model of this kind, so that a hostile file cannot
 * make us allocate or loop without bound. */
#define MAX_TENSORS      4096
#define MAX_OPS          4096
#define MAX_DIM          65536
#define MAX_COUNT        (1u << 24)
#define MAX_ARENA_FLOATS (1u << 23)   /* 32 MB of activations */
#define MAX_FILE         (64u << 20)

struct fb {
	const uint8_t *b;
	size_t         n;
	char          *err;
	size_t         errcap;
	bool           failed;
};

static int
fail(struct fb *f, const char *fmt, ...)
{
	va_list ap;

	if (!f->failed) {
		va_start(ap, fmt);
		vsnprintf(f->err, f->errcap, fmt, ap);
		va_end(ap);
		f->failed = true;
	}
	return -1;
}

/* --- raw little-endian reads, each bounds-checked ---------------------- */

static bool
in_file(const struct fb *f, uint64_t pos, uint64_t size)
{
	return pos <= f->n && size <= f->n - pos;
}

static uint32_t
le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t
le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

/* A table's field: returns its absolute position, 0 if absent, -1 (and the
 * error) if the table or its vtable does not fit the file. size is the
 * number of bytes the caller will read at that position. */
static int64_t
field_pos(struct fb *f, uint32_t table, int field, uint32_t size)
{
	int64_t vt;
	uint16_t vtsize, tblsize, fo;

	if (!in_file(f, table, 4))
		return fail(f, "table at %u outside the file", table);
	vt = (int64_t)table - (int32_t)le32(f->b + table);
	if (vt < 0 || !in_file(f, (uint64_t)vt, 4))
		return fail(f, "vtable of table at %u outside the file", table);
	vtsize = le16(f->b + vt);
	tblsize = le16(f->b + vt + 2);
	if (vtsize < 4 || (vtsize & 1) || !in_file(f, (uint64_t)vt, vtsize))
		return fail(f, "bad vtable at %lld", (long long)vt);
	if (4 + 2 * (uint32_t)field + 2 > vtsize)
		return 0;
	fo = le16(f->b + vt + 4 + 2 * field);
	if (fo == 0)
		return 0;
	if (fo < 4 || (uint32_t)fo + size > tblsize || !in_file(f, (uint64_t)table + fo, size))
		return fail(f, "field %d of table at %u outside its table", field, table);
	return (int64_t)table + fo;
}

static int64_t
get_int(struct fb *f, uint32_t table, int field, int bytes, int64_t def)
{
	int64_t p = field_pos(f, table, field, (uint32_t)bytes);

	if (p <= 0)
		return def;
	switch (bytes) {
	case 1: return (int8_t)f->b[p];
	case 2: return (int16_t)le16(f->b + p);
	default: return (int32_t)le32(f->b + p);
	}
}

static uint8_t
get_u8(struct fb *f, uint32_t table, int field, uint8_t def)
{
	int64_t p = field_pos(f, table, field, 1);

	return p <= 0 ? def : f->b[p];
}

static float
get_f32(struct fb *f, uint32_t table, int field, float def)
{
	int64_t p = field_pos(f, table, field, 4);
	uint32_t u;
	float v;

	if (p <= 0)
		return def;
	u = le32(f->b + p);
	memcpy(&v, &u, 4);
	return v;
}

/* Follows a reference field; 0 if absent, -1 on error, else the target. */
static int64_t
get_ref(struct fb *f, uint32_t table, int field)
{
	int64_t p = field_pos(f, table, field, 4);
	uint64_t t;

	if (p <= 0)
		return p;
	t = (uint64_t)p + le32(f->b + p);
	if (!in_file(f, t, 4))
		return fail(f, "reference in table at %u leaves the file", table);
	return (int64_t)t;
}

struct vec {
	uint32_t at;    /* first element */
	uint32_t len;
};

/* A vector field of elements of elem bytes; absent = empty. */
static int
get_vec(struct fb *f, uint32_t table, int field, uint32_t elem, struct vec *v)
{
	int64_t t = get_ref(f, table, field);

	v->at = 0;
	v->len = 0;
	if (t < 0)
		return -1;
	if (t == 0)
		return 0;
	v->len = le32(f->b + t);
	v->at = (uint32_t)t + 4;
	if (!in_file(f, v->at, (uint64_t)v->len * elem))
		return fail(f, "vector at %lld (%u elements) leaves the file", (long long)t, v->len);
	return 0;
}

/* Element i of a vector of tables. */
static int64_t
vec_table(struct fb *f, const struct vec *v, uint32_t i)
{
	uint32_t p = v->at + 4 * i;
	uint64_t t = (uint64_t)p + le32(f->b + p);

	if (!in_file(f, t, 4))
		return fail(f, "table %u of vector at %u leaves the file", i, v->at);
	return (int64_t)t;
}

static int32_t
vec_i32(const struct fb *f, const struct vec *v, uint32_t i)
{
	return (int32_t)le32(f->b + v->at + 4 * i);
}

/* --- model structure --------------------------------------------------- */

enum { MODEL_OPCODES = 1, MODEL_SUBGRAPHS = 2, MODEL_BUFFERS = 4 };
enum { OPCODE_DEPRECATED = 0, OPCODE_CUSTOM = 1, OPCODE_BUILTIN = 3 };
enum { SG_TENSORS = 0, SG_INPUTS = 1, SG_OUTPUTS = 2, SG_OPERATORS = 3 };
enum { T_SHAPE = 0, T_TYPE = 1, T_BUFFER = 2, T_NAME = 3, T_QUANT = 4 };
enum { Q_SCALE = 2, Q_ZERO = 3, Q_DIM = 6 };
enum { OP_OPCODE = 0, OP_INPUTS = 1, OP_OUTPUTS = 2, OP_OPTIONS = 4 };
enum { BUF_DATA = 0, BUF_OFFSET = 1 };

static size_t
type_size(int type)
{
	switch (type) {
	case TFL_FLOAT32: case TFL_INT32: return 4;
	case TFL_INT8: case TFL_UINT8: return 1;
	case TFL_INT64: return 8;
	default: return 0;
	}
}

static int
read_quant(struct fb *f, uint32_t q, struct tfl_tensor *t, int ti)
{
	struct vec sc, zp;
	int64_t dim = get_int(f, q, Q_DIM, 4, 0);
	uint32_t i;

	if (get_vec(f, q, Q_SCALE, 4, &sc) < 0 || get_vec(f, q, Q_ZERO, 8, &zp) < 0)
		return -1;
	if (sc.len == 0)
		return 0;   /* min/max only, or nothing: treat as float */
	if (zp.len != 0 && zp.len != sc.len)
		return fail(f, "tensor %d: %u scales but %u zero points", ti, sc.len, zp.len);
	if (sc.len > 1) {
		if (dim < 0 || dim >= t->ndim || (uint32_t)t->dim[dim] != sc.len)
			return fail(f, "tensor %d: %u scales do not match dimension %lld",
			            ti, sc.len, (long long)dim);
	}
	t->nq = (int)sc.len;
	t->qdim = (int)(sc.len > 1 ? dim : 0);
	t->scale = calloc(sc.len, sizeof(float));
	t->zero = calloc(sc.len, sizeof(int32_t));
	if (!t->scale || !t->zero)
		return fail(f, "out of memory");
	for (i = 0; i < sc.len; i++) {
		uint32_t u = le32(f->b + sc.at + 4 * i);
		float s;
		memcpy(&s, &u, 4);
		if (!isfinite(s) || s <= 0)
			return fail(f, "tensor %d: bad scale", ti);
		t->scale[i] = s;
		if (zp.len) {
			int64_t z = (int64_t)((uint64_t)le32(f->b + zp.at + 8 * i) |
			                      (uint64_t)le32(f->b + zp.at + 8 * i + 4) << 32);
			if (z < -32768 || z > 32767)
				return fail(f, "tensor %d: bad zero point", ti);
			t->zero[i] = (int32_t)z;
		}
	}
	return 0;
}

/* Converts a constant buffer into floats, dequantising with the tensor's
 * scales (per channel along qdim). */
static int
read_const(struct fb *f, const struct vec *data, struct tfl_tensor *t, int ti)
{
	size_t es = type_size(t->type), i, inner = 1;
	int d;

	if (es == 0)
		return fail(f, "tensor %d: constant of unsupported type %d", ti, t->type);
	if ((uint64_t)data->len != (uint64_t)t->count * es)
		return fail(f, "tensor %d: buffer holds %u bytes, shape needs %zu", ti,
		            data->len, t->count * es);
	t->data = malloc(t->count * sizeof(float));
	if (!t->data)
		return fail(f, "out of memory");
	t->is_const = 1;   /* owned from here on: tfl_free releases it */
	for (d = t->qdim + 1; t->nq > 1 && d < t->ndim; d++)
		inner *= (size_t)t->dim[d];
	for (i = 0; i < t->count; i++) {
		const uint8_t *p = f->b + data->at + i * es;
		double v;
		int c = t->nq > 1 ? (int)((i / inner) % (size_t)t->nq) : 0;
		uint32_t u;
		float fl;

		switch (t->type) {
		case TFL_FLOAT32: u = le32(p); memcpy(&fl, &u, 4); v = fl; break;
		case TFL_INT32: v = (int32_t)le32(p); break;
		case TFL_INT8: v = (int8_t)p[0]; break;
		case TFL_UINT8: v = p[0]; break;
		default: v = (double)(int64_t)((uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32); break;
		}
		if (t->nq > 0 && t->type != TFL_FLOAT32)
			v = (v - t->zero[c]) * t->scale[c];
		if (!isfinite(v))
			return fail(f, "tensor %d: constant is not finite", ti);
		t->data[i] = (float)v;
	}
	return 0;
}

static int
read_tensor(struct fb *f, uint32_t tt, const struct vec *buffers, struct tfl_tensor *t, int ti)
{
	struct vec shape, data = {0, 0};
	int64_t name, q, b;
	uint32_t i;

	if (get_vec(f, tt, T_SHAPE, 4, &shape) < 0)
		return -1;
	if (shape.len > TFL_MAX_DIMS)
		return fail(f, "tensor %d: %u dimensions", ti, shape.len);
	t->ndim = (int)shape.len;
	t->count = 1;
	for (i = 0; i < shape.len; i++) {
		int32_t d = vec_i32(f, &shape, i);
		if (d < 1 || d > MAX_DIM)
			return fail(f, "tensor %d: dimension %u is %d", ti, i, d);
		t->dim[i] = d;
		t->count *= (size_t)d;
		if (t->count > MAX_COUNT)
			return fail(f, "tensor %d: too many elements", ti);
	}
	t->type = get_u8(f, tt, T_TYPE, 0);
	if (type_size(t->type) == 0)
		return fail(f, "tensor %d: unsupported type %d", ti, t->type);
	name = get_ref(f, tt, T_NAME);
	if (name > 0) {
		uint32_t n = le32(f->b + name);
		if (!in_file(f, (uint64_t)name + 4, n))
			return fail(f, "tensor %d: name leaves the file", ti);
		if (n >= sizeof(t->name))
			n = sizeof(t->name) - 1;
		memcpy(t->name, f->b + name + 4, n);
		t->name[n] = '\0';
	}
	q = get_ref(f, tt, T_QUANT);
	if (q < 0 || (q > 0 && read_quant(f, (uint32_t)q, t, ti) < 0))
		return -1;
	if ((t->type == TFL_INT8 || t->type == TFL_UINT8) && t->nq == 0)
		return fail(f, "tensor %d: 8-bit tensor without quantisation", ti);
	b = get_int(f, tt, T_BUFFER, 4, 0);
	if (f->failed)
		return -1;
	if ((uint32_t)b >= buffers->len)
		return fail(f, "tensor %d: buffer %u does not exist", ti, (uint32_t)b);
	if (b != 0) {
		int64_t bt = vec_table(f, buffers, (uint32_t)b);
		if (bt < 0 || get_vec(f, (uint32_t)bt, BUF_DATA, 1, &data) < 0)
			return -1;
		if (field_pos(f, (uint32_t)bt, BUF_OFFSET, 8) > 0 &&
		    (le32(f->b + field_pos(f, (uint32_t)bt, BUF_OFFSET, 8)) ||
		     le32(f->b + field_pos(f, (uint32_t)bt, BUF_OFFSET, 8) + 4)))
			return fail(f, "tensor %d: external buffers are not supported", ti);
	}
	if (f->failed)
		return -1;
	if (data.len > 0)
		return read_const(f, &data, t, ti);
	return 0;
}

/* --- operators: options and shape checks ------------------------------- */

static int
read_io(struct fb *f, uint32_t ot, int field, int *out, int *n, int ntensors, int oi)
{
	struct vec v;
	uint32_t i;

	if (get_vec(f, ot, field, 4, &v) < 0)
		return -1;
	if (v.len > TFL_MAX_OP_IO)
		return fail(f, "operator %d: %u tensors", oi, v.len);
	*n = (int)v.len;
	for (i = 0; i < v.len; i++) {
		int32_t x = vec_i32(f, &v, i);
		if (x < -1 || x >= ntensors)
			return fail(f, "operator %d: tensor index %d out of range", oi, x);
		out[i] = x;
	}
	return 0;
}

static int
pool_out(int in, int k, int stride, int dil, int same)
{
	int ek = (k - 1) * dil + 1;

	if (same)
		return (in + stride - 1) / stride;
	return in < ek ? 0 : (in - ek) / stride + 1;
}

static bool
is_nhwc(const struct tfl_tensor *t)
{
	return t->ndim == 4 && t->dim[0] == 1;
}

static bool
same_shape4(const struct tfl_tensor *t, int h, int w, int c)
{
	return is_nhwc(t) && t->dim[1] == h && t->dim[2] == w && t->dim[3] == c;
}

/* An activation tensor: produced at run time (not constant). */
static bool
is_act(const struct tfl_tensor *t)
{
	return !t->is_const && (t->type == TFL_FLOAT32 || t->type == TFL_INT8 ||
	                        t->type == TFL_UINT8) && t->nq <= 1;
}

static int
check_op(struct fb *f, struct tfl_model *m, struct tfl_op *op, int oi)
{
	struct tfl_tensor *T = m->tensors, *x, *y;
	int i, k;

	if (op->nin < 1 || op->in[0] < 0 || op->nout != 1 || op->out[0] < 0)
		return fail(f, "operator %d: wrong number of inputs/outputs", oi);
	x = &T[op->in[0]];
	y = &T[op->out[0]];
	if (!is_act(y))
		return fail(f, "operator %d: output tensor %d is not an activation", oi, op->out[0]);
	for (i = 0; i < op->nin; i++)
		if (op->in[i] == op->out[0])
			return fail(f, "operator %d: output aliases an input", oi);
	if (op->code != TFL_OP_ADD && op->code != TFL_OP_MUL && !is_act(x))
		return fail(f, "operator %d: input tensor %d is not an activation", oi, op->in[0]);
	if (op->act < TFL_ACT_NONE || op->act > TFL_ACT_RELU6)
		return fail(f, "operator %d: unsupported fused activation %d", oi, op->act);

	switch (op->code) {
	case TFL_OP_CONV_2D:
	case TFL_OP_DEPTHWISE_CONV_2D: {
		struct tfl_tensor *w, *b;
		int oc, oh, ow;
		bool dw = op->code == TFL_OP_DEPTHWISE_CONV_2D;

		if (op->nin < 2 || op->in[1] < 0)
			return fail(f, "operator %d: convolution without weights", oi);
		w = &T[op->in[1]];
		if (!is_nhwc(x) || w->ndim != 4 || !w->is_const)
			return fail(f, "operator %d: convolution shapes unsupported", oi);
		if (op->stride_w < 1 || op->stride_h < 1 || op->dil_w < 1 || op->dil_h < 1 ||
		    op->stride_w > 64 || op->stride_h > 64 || op->dil_w > 64 || op->dil_h > 64)
			return fail(f, "operator %d: bad stride or dilation", oi);
		oc = w->dim[dw ? 3 : 0];
		if (dw ? (w->dim[0] != 1 || oc % x->dim[3] != 0) : w->dim[3] != x->dim[3])
			return fail(f, "operator %d: weights do not match the input channels", oi);
		op->depth_mult = dw ? oc / x->dim[3] : 1;
		oh = pool_out(x->dim[1], w->dim[1], op->stride_h, op->dil_h, op->padding_same);
		ow = pool_out(x->dim[2], w->dim[2], op->stride_w, op->dil_w, op->padding_same);
		if (!same_shape4(y, oh, ow, oc))
			return fail(f, "operator %d: output shape does not match the convolution", oi);
		if (op->nin >= 3 && op->in[2] >= 0) {
			b = &T[op->in[2]];
			if (!b->is_const || b->count != (size_t)oc)
				return fail(f, "operator %d: bias does not match", oi);
		}
		break;
	}
	case TFL_OP_MAX_POOL_2D:
	case TFL_OP_AVERAGE_POOL_2D: {
		int oh, ow;

		if (!is_nhwc(x) || op->filter_w < 1 || op->filter_h < 1 || op->filter_w > 256 ||
		    op->filter_h > 256 || op->stride_w < 1 || op->stride_h < 1 ||
		    op->stride_w > 256 || op->stride_h > 256)
			return fail(f, "operator %d: bad pooling parameters", oi);
		oh = pool_out(x->dim[1], op->filter_h, op->stride_h, 1, op->padding_same);
		ow = pool_out(x->dim[2], op->filter_w, op->stride_w, 1, op->padding_same);
		if (!same_shape4(y, oh, ow, x->dim[3]))
			return fail(f, "operator %d: output shape does not match the pooling", oi);
		break;
	}
	case TFL_OP_FULLY_CONNECTED: {
		struct tfl_tensor *w;
		size_t n;

		if (op->nin < 2 || op->in[1] < 0)
			return fail(f, "operator %d: fully connected without weights", oi);
		w = &T[op->in[1]];
		if (!w->is_const || w->ndim != 2 || x->count % (size_t)w->dim[1] != 0)
			return fail(f, "operator %d: weights do not match the input", oi);
		n = x->count / (size_t)w->dim[1];
		if (y->count != n * (size_t)w->dim[0])
			return fail(f, "operator %d: output size does not match", oi);
		if (op->nin >= 3 && op->in[2] >= 0 &&
		    (!T[op->in[2]].is_const || T[op->in[2]].count != (size_t)w->dim[0]))
			return fail(f, "operator %d: bias does not match", oi);
		break;
	}
	case TFL_OP_ADD:
	case TFL_OP_MUL: {
		if (op->nin != 2 || op->in[1] < 0)
			return fail(f, "operator %d: needs two inputs", oi);
		if (y->ndim > 4)
			return fail(f, "operator %d: more than 4 dimensions", oi);
		for (i = 0; i < 2; i++) {
			struct tfl_tensor *a = &T[op->in[i]];
			if (!a->is_const && !is_act(a))
				return fail(f, "operator %d: input %d unsupported", oi, i);
			if (a->ndim > y->ndim)
				return fail(f, "operator %d: input %d has more dimensions", oi, i);
			for (k = 0; k < a->ndim; k++) {
				int ad = a->dim[a->ndim - 1 - k], yd = y->dim[y->ndim - 1 - k];
				if (ad != 1 && ad != yd)
					return fail(f, "operator %d: input %d does not broadcast", oi, i);
			}
		}
		for (k = 0; k < y->ndim; k++) {
			int want = 1;
			for (i = 0; i < 2; i++) {
				struct tfl_tensor *a = &T[op->in[i]];
				int j = a->ndim - y->ndim + k;
				if (j >= 0 && a->dim[j] > want)
					want = a->dim[j];
			}
			if (y->dim[k] != want)
				return fail(f, "operator %d: output shape does not match", oi);
		}
		break;
	}
	case TFL_OP_SOFTMAX:
		if (x->count != y->count || x->ndim < 1)
			return fail(f, "operator %d: output size does not match", oi);
		break;
	case TFL_OP_RESHAPE:
	case TFL_OP_LEAKY_RELU:
	case TFL_OP_RELU:
	case TFL_OP_RELU6:
	case TFL_OP_LOGISTIC:
	case TFL_OP_QUANTIZE:
	case TFL_OP_DEQUANTIZE:
		if (x->count != y->count)
			return fail(f, "operator %d: output size does not match", oi);
		break;
	default:
		return fail(f, "operator %d: builtin operator %d is not supported", oi, op->code);
	}
	return 0;
}

static int
read_op(struct fb *f, struct tfl_model *m, uint32_t ot, const int *codes, uint32_t ncodes,
        struct tfl_op *op, int oi)
{
	int64_t o;
	uint32_t ci = (uint32_t)get_int(f, ot, OP_OPCODE, 4, 0);

	if (f->failed)
		return -1;
	if (ci >= ncodes)
		return fail(f, "operator %d: opcode index %u out of range", oi, ci);
	op->code = codes[ci];
	if (read_io(f, ot, OP_INPUTS, op->in, &op->nin, m->ntensors, oi) < 0 ||
	    read_io(f, ot, OP_OUTPUTS, op->out, &op->nout, m->ntensors, oi) < 0)
		return -1;
	op->stride_w = op->stride_h = op->dil_w = op->dil_h = 1;
	op->filter_w = op->filter_h = 1;
	op->beta = 1.0f;
	op->alpha = 0.2f;
	o = get_ref(f, ot, OP_OPTIONS);
	if (o < 0)
		return -1;
	if (o > 0) {
		uint32_t t = (uint32_t)o;
		switch (op->code) {
		case TFL_OP_CONV_2D:
			op->padding_same = get_u8(f, t, 0, 0) == 0;
			op->stride_w = (int)get_int(f, t, 1, 4, 1);
			op->stride_h = (int)get_int(f, t, 2, 4, 1);
			op->act = get_u8(f, t, 3, 0);
			op->dil_w = (int)get_int(f, t, 4, 4, 1);
			op->dil_h = (int)get_int(f, t, 5, 4, 1);
			break;
		case TFL_OP_DEPTHWISE_CONV_2D:
			op->padding_same = get_u8(f, t, 0, 0) == 0;
			op->stride_w = (int)get_int(f, t, 1, 4, 1);
			op->stride_h = (int)get_int(f, t, 2, 4, 1);
			op->act = get_u8(f, t, 4, 0);
			op->dil_w = (int)get_int(f, t, 5, 4, 1);
			op->dil_h = (int)get_int(f, t, 6, 4, 1);
			break;
		case TFL_OP_MAX_POOL_2D:
		case TFL_OP_AVERAGE_POOL_2D:
			op->padding_same = get_u8(f, t, 0, 0) == 0;
			op->stride_w = (int)get_int(f, t, 1, 4, 1);
			op->stride_h = (int)get_int(f, t, 2, 4, 1);
			op->filter_w = (int)get_int(f, t, 3, 4, 1);
			op->filter_h = (int)get_int(f, t, 4, 4, 1);
			op->act = get_u8(f, t, 5, 0);
			break;
		case TFL_OP_FULLY_CONNECTED:
		case TFL_OP_ADD:
		case TFL_OP_MUL:
			op->act = get_u8(f, t, 0, 0);
			if (op->code == TFL_OP_FULLY_CONNECTED && get_u8(f, t, 1, 0) != 0)
				return fail(f, "operator %d: shuffled weights are not supported", oi);
			break;
		case TFL_OP_SOFTMAX:
			op->beta = get_f32(f, t, 0, 1.0f);
			break;
		case TFL_OP_LEAKY_RELU:
			op->alpha = get_f32(f, t, 0, 0.2f);
			break;
		default:
			break;
		}
	}
	if (f->failed)
		return -1;
	if (!isfinite(op->alpha) || !isfinite(op->beta))
		return fail(f, "operator %d: option is not finite", oi);
	return check_op(f, m, op, oi);
}

/* Reorders weights so the kernels' innermost loop runs over output
 * channels, contiguous and independent, which the compiler vectorises:
 * CONV_2D [O][KH][KW][C] -> [KH][KW][C][O], FULLY_CONNECTED [O][I] -> [I][O]. */
static int
transpose_weights(struct tfl_tensor *w, int code)
{
	size_t O = (size_t)w->dim[0], inner = w->count / O, o, i;
	float *t;

	if (w->transposed)
		return w->transposed == code ? 0 : -1;
	t = malloc(w->count * sizeof(float));
	if (!t)
		return -1;
	for (o = 0; o < O; o++)
		for (i = 0; i < inner; i++)
			t[i * O + o] = w->data[o * inner + i];
	free(w->data);
	w->data = t;
	w->transposed = code;
	return 0;
}

static int
parse(struct fb *f, struct tfl_model *m)
{
	struct vec codes_v, sgs, buffers, tensors, ins, outs, ops;
	int64_t sg;
	int *codes = NULL;
	uint32_t i;
	size_t arena = 0;
	int rc = -1;

	if (f->n < 8 || f->n > MAX_FILE)
		return fail(f, "file size %zu is not that of a model", f->n);
	if (memcmp(f->b + 4, "TFL3", 4) != 0)
		return fail(f, "not a TFLite file (no TFL3 identifier)");
	if (!in_file(f, le32(f->b), 4))
		return fail(f, "root table outside the file");
	{
		uint32_t root = le32(f->b);
		if (get_vec(f, root, MODEL_OPCODES, 4, &codes_v) < 0 ||
		    get_vec(f, root, MODEL_SUBGRAPHS, 4, &sgs) < 0 ||
		    get_vec(f, root, MODEL_BUFFERS, 4, &buffers) < 0)
			return -1;
	}
	if (sgs.len < 1)
		return fail(f, "model has no subgraph");
	if (codes_v.len > 1024)
		return fail(f, "%u operator codes", codes_v.len);
	codes = calloc(codes_v.len + 1, sizeof(int));
	if (!codes)
		return fail(f, "out of memory");
	for (i = 0; i < codes_v.len; i++) {
		int64_t ct = vec_table(f, &codes_v, i), dep, bi;
		if (ct < 0)
			goto out;
		if (get_ref(f, (uint32_t)ct, OPCODE_CUSTOM) > 0) {
			fail(f, "custom operators are not supported");
			goto out;
		}
		dep = get_int(f, (uint32_t)ct, OPCODE_DEPRECATED, 1, 0);
		bi = get_int(f, (uint32_t)ct, OPCODE_BUILTIN, 4, 0);
		codes[i] = (int)(dep > bi ? dep : bi);
	}
	if (f->failed)
		goto out;

	sg = vec_table(f, &sgs, 0);
	if (sg < 0 || get_vec(f, (uint32_t)sg, SG_TENSORS, 4, &tensors) < 0 ||
	    get_vec(f, (uint32_t)sg, SG_INPUTS, 4, &ins) < 0 ||
	    get_vec(f, (uint32_t)sg, SG_OUTPUTS, 4, &outs) < 0 ||
	    get_vec(f, (uint32_t)sg, SG_OPERATORS, 4, &ops) < 0)
		goto out;
	if (tensors.len < 1 || tensors.len > MAX_TENSORS || ops.len < 1 || ops.len > MAX_OPS) {
		fail(f, "%u tensors and %u operators", tensors.len, ops.len);
		goto out;
	}
	if (ins.len != 1 || outs.len < 1) {
		fail(f, "graph has %u inputs and %u outputs (want 1 and at least 1)", ins.len, outs.len);
		goto out;
	}
	m->tensors = calloc(tensors.len, sizeof(*m->tensors));
	m->ops = calloc(ops.len, sizeof(*m->ops));
	if (!m->tensors || !m->ops) {
		fail(f, "out of memory");
		goto out;
	}
	m->ntensors = (int)tensors.len;
	for (i = 0; i < tensors.len; i++) {
		int64_t tt = vec_table(f, &tensors, i);
		if (tt < 0 || read_tensor(f, (uint32_t)tt, &buffers, &m->tensors[i], (int)i) < 0)
			goto out;
	}
	m->input = vec_i32(f, &ins, 0);
	m->output = vec_i32(f, &outs, 0);
	if (m->input < 0 || m->input >= m->ntensors || m->output < 0 || m->output >= m->ntensors ||
	    !is_act(&m->tensors[m->input]) || !is_act(&m->tensors[m->output])) {
		fail(f, "graph input or output tensor is invalid");
		goto out;
	}
	m->nops = (int)ops.len;
	for (i = 0; i < ops.len; i++) {
		int64_t ot = vec_table(f, &ops, i);
		if (ot < 0 || read_op(f, m, (uint32_t)ot, codes, codes_v.len, &m->ops[i], (int)i) < 0)
			goto out;
	}
	for (i = 0; i < ops.len; i++) {
		struct tfl_op *op = &m->ops[i];
		if ((op->code == TFL_OP_CONV_2D || op->code == TFL_OP_FULLY_CONNECTED) &&
		    transpose_weights(&m->tensors[op->in[1]], op->code) < 0) {
			fail(f, "operator %u: weights shared with another kind of operator", i);
			goto out;
		}
	}
	/* one arena slice per activation tensor */
	for (i = 0; i < tensors.len; i++)
		if (!m->tensors[i].is_const) {
			arena += m->tensors[i].count;
			if (arena > MAX_ARENA_FLOATS) {
				fail(f, "activations need more than %u values", MAX_ARENA_FLOATS);
				goto out;
			}
		}
	m->arena_floats = arena;
	m->arena = calloc(arena ? arena : 1, sizeof(float));
	if (!m->arena) {
		fail(f, "out of memory");
		goto out;
	}
	arena = 0;
	for (i = 0; i < tensors.len; i++)
		if (!m->tensors[i].is_const) {
			m->tensors[i].data = m->arena + arena;
			arena += m->tensors[i].count;
		}
	rc = 0;
out:
	free(codes);
	return rc;
}

void
tfl_free(struct tfl_model *m)
{
	int i;

	for (i = 0; m->tensors && i < m->ntensors; i++) {
		free(m->tensors[i].scale);
		free(m->tensors[i].zero);
		if (m->tensors[i].is_const)
			free(m->tensors[i].data);
	}
	free(m->tensors);
	free(m->ops);
	free(m->arena);
	memset(m, 0, sizeof(*m));
}

int
tfl_load(struct tfl_model *m, const uint8_t *buf, size_t len, char *err, size_t errcap)
{
	struct fb f = {buf, len, err, errcap, false};

	memset(m, 0, sizeof(*m));
	if (errcap)
		err[0] = '\0';
	if (parse(&f, m) < 0) {
		if (!f.failed)
			fail(&f, "invalid model");
		tfl_free(m);
		return -1;
	}
	return 0;
}

int
tfl_load_file(struct tfl_model *m, const char *path, char *err, size_t errcap)
{
	uint8_t *buf;
	size_t len;
	char why[200];
	int rc;

	memset(m, 0, sizeof(*m));
	if (read_file_limit(path, MAX_FILE, &buf, &len, err, errcap) < 0)
		return -1;
	rc = tfl_load(m, buf, len, why, sizeof(why));
	if (rc < 0)
		snprintf(err, errcap, "%s: %s", path, why);
	free(buf);
	return rc;
}
