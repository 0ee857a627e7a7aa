/*
 * infer.c - run a validated TFLite graph (the kernels).
 *
 * Everything is computed in float on real values. Weights were dequantised
 * once at load (tflite.c). For 8-bit activation tensors the result of each
 * operator is snapped to the tensor's quantisation grid (round, clamp to the
 * int8/uint8 range, back to real), so an int8 model sees the same value
 * grid as on TFLite; only the rounding of intermediate sums differs, which
 * moves results by about one quantisation step at most. Layout is NHWC,
 * batch 1, as tflite.c checked.
 */
#include "tflite.h"

#include <math.h>
#include <string.h>

static float
activate(float v, int act)
{
	switch (act) {
	case TFL_ACT_RELU: return v < 0 ? 0 : v;
	case TFL_ACT_RELU6: return v < 0 ? 0 : v > 6 ? 6 : v;
	case TFL_ACT_RELU_N1_TO_1: return v < -1 ? -1 : v > 1 ? 1 : v;
	default: return v;
	}
}

/* Snaps an 8-bit tensor's values to its grid (fake quantisation). */
static void
snap(struct tfl_tensor *t)
{
	float s, lo, hi;
	int32_t z;
	size_t i;

	if (t->type != TFL_INT8 && t->type != TFL_UINT8)
		return;
	s = t->scale[0];
	z = t->zero[0];
	lo = t->type == TFL_INT8 ? -128.0f : 0.0f;
	hi = t->type == TFL_INT8 ? 127.0f : 255.0f;
	for (i = 0; i < t->count; i++) {
		float q = nearbyintf(t->data[i] / s) + (float)z;
		if (!(q >= lo))   /* also catches NaN */
			q = lo;
		if (q > hi)
			q = hi;
		t->data[i] = (q - (float)z) * s;
	}
}

static int
pad_before(int in, int out, int k, int stride, int dil, int same)
{
	int need;

	if (!same)
		return 0;
	need = (out - 1) * stride + (k - 1) * dil + 1 - in;
	return need > 0 ? need / 2 : 0;
}

static void
conv2d(const struct tfl_op *op, const struct tfl_tensor *x, const struct tfl_tensor *w,
       const struct tfl_tensor *b, struct tfl_tensor *y)
{
	int H = x->dim[1], W = x->dim[2], C = x->dim[3];
	int KH = w->dim[1], KW = w->dim[2], O = w->dim[0];
	int OH = y->dim[1], OW = y->dim[2];
	int pt = pad_before(H, OH, KH, op->stride_h, op->dil_h, op->padding_same);
	int pl = pad_before(W, OW, KW, op->stride_w, op->dil_w, op->padding_same);
	int oy, ox, o, ky, kx, c;

	for (oy = 0; oy < OH; oy++)
		for (ox = 0; ox < OW; ox++) {
			float *out = y->data + ((size_t)oy * OW + ox) * O;
			for (o = 0; o < O; o++)
				out[o] = b ? b->data[o] : 0.0f;
			for (ky = 0; ky < KH; ky++) {
				int iy = oy * op->stride_h - pt + ky * op->dil_h;
				if (iy < 0 || iy >= H)
					continue;
				for (kx = 0; kx < KW; kx++) {
					int ix = ox * op->stride_w - pl + kx * op->dil_w;
					const float *in, *wk;
					if (ix < 0 || ix >= W)
						continue;
					in = x->data + ((size_t)iy * W + ix) * C;
					/* weights are [KH][KW][C][O] (tflite.c) */
					wk = w->data + ((size_t)ky * KW + kx) * C * O;
					for (c = 0; c < C; c++) {
						const float xv = in[c], *wc = wk + (size_t)c * O;
						for (o = 0; o < O; o++)
							out[o] += xv * wc[o];
					}
				}
			}
			for (o = 0; o < O; o++)
				out[o] = activate(out[o], op->act);
		}
}

static void
depthwise(const struct tfl_op *op, const struct tfl_tensor *x, const struct tfl_tensor *w,
          const struct tfl_tensor *b, struct tfl_tensor *y)
{
	int H = x->dim[1], W = x->dim[2], C = x->dim[3];
	int KH = w->dim[1], KW = w->dim[2], O = w->dim[3], M = op->depth_mult;
	int OH = y->dim[1], OW = y->dim[2];
	int pt = pad_before(H, OH, KH, op->stride_h, op->dil_h, op->padding_same);
	int pl = pad_before(W, OW, KW, op->stride_w, op->dil_w, op->padding_same);
	int oy, ox, o, ky, kx;

	for (oy = 0; oy < OH; oy++)
		for (ox = 0; ox < OW; ox++) {
			float *out = y->data + ((size_t)oy * OW + ox) * O;
			for (o = 0; o < O; o++) {
				float s = b ? b->data[o] : 0.0f;
				for (ky = 0; ky < KH; ky++) {
					int iy = oy * op->stride_h - pt + ky * op->dil_h;
					if (iy < 0 || iy >= H)
						continue;
					for (kx = 0; kx < KW; kx++) {
						int ix = ox * op->stride_w - pl + kx * op->dil_w;
						if (ix < 0 || ix >= W)
							continue;
						s += x->data[((size_t)iy * W + ix) * C + o / M] *
						     w->data[((size_t)ky * KW + kx) * O + o];
					}
				}
				out[o] = activate(s, op->act);
			}
		}
}

static void
pool(const struct tfl_op *op, const struct tfl_tensor *x, struct tfl_tensor *y, int is_max)
{
	int H = x->dim[1], W = x->dim[2], C = x->dim[3];
	int OH = y->dim[1], OW = y->dim[2];
	int pt = pad_before(H, OH, op->filter_h, op->stride_h, 1, op->padding_same);
	int pl = pad_before(W, OW, op->filter_w, op->stride_w, 1, op->padding_same);
	int oy, ox, c, ky, kx;

	for (oy = 0; oy < OH; oy++)
		for (ox = 0; ox < OW; ox++)
			for (c = 0; c < C; c++) {
				float acc = is_max ? -INFINITY : 0.0f;
				int n = 0;
				for (ky = 0; ky < op->filter_h; ky++) {
					int iy = oy * op->stride_h - pt + ky;
					if (iy < 0 || iy >= H)
						continue;
					for (kx = 0; kx < op->filter_w; kx++) {
						int ix = ox * op->stride_w - pl + kx;
						float v;
						if (ix < 0 || ix >= W)
							continue;
						v = x->data[((size_t)iy * W + ix) * C + c];
						if (is_max)
							acc = v > acc ? v : acc;
						else
							acc += v;
						n++;
					}
				}
				if (!is_max)
					acc = n ? acc / (float)n : 0.0f;
				else if (n == 0)
					acc = 0.0f;
				y->data[((size_t)oy * OW + ox) * C + c] = activate(acc, op->act);
			}
}

static void
fully_connected(const struct tfl_op *op, const struct tfl_tensor *x, const struct tfl_tensor *w,
                const struct tfl_tensor *b, struct tfl_tensor *y)
{
	size_t in = (size_t)w->dim[1], O = (size_t)w->dim[0], n = x->count / in, r, o, i;

	/* weights are [I][O] (tflite.c) */
	for (r = 0; r < n; r++) {
		const float *xr = x->data + r * in;
		float *yr = y->data + r * O;
		for (o = 0; o < O; o++)
			yr[o] = b ? b->data[o] : 0.0f;
		for (i = 0; i < in; i++) {
			const float xv = xr[i], *wi = w->data + i * O;
			for (o = 0; o < O; o++)
				yr[o] += xv * wi[o];
		}
		for (o = 0; o < O; o++)
			yr[o] = activate(yr[o], op->act);
	}
}

/* Element-wise ADD/MUL with numpy broadcasting over at most 4 dims. */
static void
binary(const struct tfl_op *op, const struct tfl_tensor *a, const struct tfl_tensor *b,
       struct tfl_tensor *y)
{
	int yd[4] = {1, 1, 1, 1}, as[4] = {0}, bs[4] = {0};
	int i, k, i0, i1, i2, i3;
	const struct tfl_tensor *src[2] = {a, b};
	int *str[2] = {as, bs};
	size_t n = 0;

	for (k = 0; k < y->ndim; k++)
		yd[4 - y->ndim + k] = y->dim[k];
	for (i = 0; i < 2; i++) {
		int stride = 1;
		for (k = src[i]->ndim - 1; k >= 0; k--) {
			int pos = 4 - src[i]->ndim + k;
			str[i][pos] = src[i]->dim[k] == 1 ? 0 : stride;
			stride *= src[i]->dim[k];
		}
	}
	for (i0 = 0; i0 < yd[0]; i0++)
		for (i1 = 0; i1 < yd[1]; i1++)
			for (i2 = 0; i2 < yd[2]; i2++)
				for (i3 = 0; i3 < yd[3]; i3++) {
					size_t ai = (size_t)i0 * as[0] + (size_t)i1 * as[1] +
					            (size_t)i2 * as[2] + (size_t)i3 * as[3];
					size_t bi = (size_t)i0 * bs[0] + (size_t)i1 * bs[1] +
					            (size_t)i2 * bs[2] + (size_t)i3 * bs[3];
					float v = op->code == TFL_OP_ADD ? a->data[ai] + b->data[bi]
					                                 : a->data[ai] * b->data[bi];
					y->data[n++] = activate(v, op->act);
				}
}

static void
softmax(const struct tfl_op *op, const struct tfl_tensor *x, struct tfl_tensor *y)
{
	size_t D = (size_t)x->dim[x->ndim - 1], r, i;

	for (r = 0; r + D <= x->count; r += D) {
		float mx = x->data[r], sum = 0;
		for (i = 1; i < D; i++)
			mx = x->data[r + i] > mx ? x->data[r + i] : mx;
		for (i = 0; i < D; i++) {
			y->data[r + i] = expf((x->data[r + i] - mx) * op->beta);
			sum += y->data[r + i];
		}
		for (i = 0; i < D; i++)
			y->data[r + i] /= sum;
	}
}

static void
unary(const struct tfl_op *op, const struct tfl_tensor *x, struct tfl_tensor *y)
{
	size_t i;

	for (i = 0; i < x->count; i++) {
		float v = x->data[i];
		switch (op->code) {
		case TFL_OP_LEAKY_RELU: v = v < 0 ? v * op->alpha : v; break;
		case TFL_OP_RELU: v = v < 0 ? 0 : v; break;
		case TFL_OP_RELU6: v = v < 0 ? 0 : v > 6 ? 6 : v; break;
		case TFL_OP_LOGISTIC: v = 1.0f / (1.0f + expf(-v)); break;
		default: break;   /* RESHAPE, QUANTIZE, DEQUANTIZE: the grid does it */
		}
		y->data[i] = v;
	}
}

void
tfl_invoke(struct tfl_model *m)
{
	struct tfl_tensor *T = m->tensors;
	int i;

	snap(&T[m->input]);
	for (i = 0; i < m->nops; i++) {
		const struct tfl_op *op = &m->ops[i];
		struct tfl_tensor *x = &T[op->in[0]], *y = &T[op->out[0]];
		struct tfl_tensor *w = op->nin > 1 && op->in[1] >= 0 ? &T[op->in[1]] : NULL;
		struct tfl_tensor *b = op->nin > 2 && op->in[2] >= 0 ? &T[op->in[2]] : NULL;

		switch (op->code) {
		case TFL_OP_CONV_2D: conv2d(op, x, w, b, y); break;
		case TFL_OP_DEPTHWISE_CONV_2D: depthwise(op, x, w, b, y); break;
		case TFL_OP_MAX_POOL_2D: pool(op, x, y, 1); break;
		case TFL_OP_AVERAGE_POOL_2D: pool(op, x, y, 0); break;
		case TFL_OP_FULLY_CONNECTED: fully_connected(op, x, w, b, y); break;
		case TFL_OP_ADD: case TFL_OP_MUL: binary(op, x, w, y); break;
		case TFL_OP_SOFTMAX: softmax(op, x, y); break;
		default: unary(op, x, y); break;
		}
		snap(y);
	}
}
