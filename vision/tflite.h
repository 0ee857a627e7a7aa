/*
 * tflite.h - a bounds-checked reader for TensorFlow Lite model files.
 *
 * A .tflite file is a flatbuffer. We parse the subset that small image
 * classifiers use (one subgraph, builtin operators, float32/int8/int32
 * tensors with per-tensor or per-channel quantisation) into plain structs,
 * checking every offset, length and index against the file size before it is
 * followed. Anything outside the subset is refused with a message, never
 * guessed at: a user's own model either loads or says why not.
 *
 * The parsed model does not point into the file: constant buffers are
 * converted to float (weights dequantised once, approach "b" of the spec), so
 * the caller may free the file as soon as tfl_load returns.
 */
#ifndef METERD_VISION_TFLITE_H
#define METERD_VISION_TFLITE_H

#include <stddef.h>
#include <stdint.h>

#define TFL_MAX_DIMS    6
#define TFL_MAX_OP_IO   4

enum tfl_type { TFL_FLOAT32 = 0, TFL_INT32 = 2, TFL_UINT8 = 3, TFL_INT64 = 4, TFL_INT8 = 9 };

/* The builtin operator codes we execute (values from the TFLite schema). */
enum tfl_opcode {
	TFL_OP_ADD = 0,
	TFL_OP_AVERAGE_POOL_2D = 1,
	TFL_OP_CONV_2D = 3,
	TFL_OP_DEPTHWISE_CONV_2D = 4,
	TFL_OP_DEQUANTIZE = 6,
	TFL_OP_FULLY_CONNECTED = 9,
	TFL_OP_LOGISTIC = 14,
	TFL_OP_MAX_POOL_2D = 17,
	TFL_OP_MUL = 18,
	TFL_OP_RELU = 19,
	TFL_OP_RELU6 = 21,
	TFL_OP_RESHAPE = 22,
	TFL_OP_SOFTMAX = 25,
	TFL_OP_LEAKY_RELU = 98,
	TFL_OP_QUANTIZE = 114,
};

enum tfl_act { TFL_ACT_NONE = 0, TFL_ACT_RELU = 1, TFL_ACT_RELU_N1_TO_1 = 2, TFL_ACT_RELU6 = 3 };

struct tfl_tensor {
	int      ndim;
	int      dim[TFL_MAX_DIMS];
	size_t   count;          /* product of dims */
	int      type;           /* enum tfl_type */
	/* quantisation (int8 tensors): one scale/zero point, or one per channel
	 * along qdim; nq == 0 for float tensors. */
	int      nq;
	int      qdim;
	float   *scale;
	int32_t *zero;
	float   *data;           /* constants: dequantised values; activations: arena */
	int      is_const;
	int      transposed;     /* weights reordered for the kernel (tflite.c) */
	char     name[48];
};

struct tfl_op {
	int   code;              /* enum tfl_opcode */
	int   nin, nout;
	int   in[TFL_MAX_OP_IO]; /* tensor index, -1 = absent optional input */
	int   out[TFL_MAX_OP_IO];
	/* options (only those of this op are meaningful) */
	int   padding_same;
	int   stride_w, stride_h, dil_w, dil_h;
	int   filter_w, filter_h, depth_mult;
	int   act;               /* enum tfl_act */
	float alpha;             /* LEAKY_RELU */
	float beta;              /* SOFTMAX */
};

struct tfl_model {
	int                ntensors;
	struct tfl_tensor *tensors;
	int                nops;
	struct tfl_op     *ops;
	int                input, output;   /* the graph's single input and output */
	size_t             arena_floats;    /* memory for activations */
	float             *arena;
};

/*
 * Parses and validates a model held in buf[0..len). Returns 0, or -1 with a
 * message in err (the model is then left empty; tfl_free is still safe).
 * Validation covers the flatbuffer (every offset inside the file, vectors
 * inside the file, tables with sane vtables) and the graph (known ops and
 * types, tensor indices in range, shapes that agree with what each kernel
 * will read and write), so tfl_invoke can run without further checks.
 */
int tfl_load(struct tfl_model *m, const uint8_t *buf, size_t len, char *err, size_t errcap);
/* Reads a file and calls tfl_load; err mentions the path. */
int tfl_load_file(struct tfl_model *m, const char *path, char *err, size_t errcap);
void tfl_free(struct tfl_model *m);

/* The graph input/output tensors (shape, count, and data to fill/read). */
static inline struct tfl_tensor *tfl_input(struct tfl_model *m) { return &m->tensors[m->input]; }
static inline struct tfl_tensor *tfl_output(struct tfl_model *m) { return &m->tensors[m->output]; }

/* Runs the graph on the values in the input tensor (real values, e.g. 0-255
 * for AI-on-the-edge models); the result is in the output tensor as reals. */
void tfl_invoke(struct tfl_model *m);

#endif
