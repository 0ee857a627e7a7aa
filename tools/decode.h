#ifndef METERD_DECODE_H
#define METERD_DECODE_H

#include "meterd/decoder.h"
#include "jsonw.h"

int cmd_decode(int argc, char **argv);

/*
 * Adds a protocol's own frame fields (Modbus slave/function/registers...)
 * from frame_info.detail. Protocols register in tools/decode_extra.def.
 */
void decode_frame_extra(const char *proto, struct jsonw *w, const struct frame_info *fi);

#endif
