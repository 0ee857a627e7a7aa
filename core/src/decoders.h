/* Declarations of each module's decoder_ops, from decoders.def. Internal. */
#ifndef METERD_DECODERS_H
#define METERD_DECODERS_H
#include "meterd/decoder.h"
#define DECODER(name) extern const struct decoder_ops name##_decoder_ops;
#include "decoders.def"
#undef DECODER
#endif
