#include <string.h>

#include "meterd/decoder.h"
#include "decoders.h"

const char *
frame_status_name(enum frame_status s)
{
	switch (s) {
	case FRAME_OK:
		return "ok";
	case FRAME_CRC_ERROR:
		return "crc_error";
	case FRAME_TRUNCATED:
		return "truncated";
	case FRAME_INVALID:
		return "invalid";
	}
	return "invalid";
}

const struct decoder_ops *const decoder_all[] = {
#define DECODER(name) &name##_decoder_ops,
#include "decoders.def"
#undef DECODER
	NULL,
};

const struct decoder_ops *
decoder_find(const char *name)
{
	size_t i;

	for (i = 0; decoder_all[i] != NULL; i++)
		if (strcmp(decoder_all[i]->name, name) == 0)
			return decoder_all[i];
	return NULL;
}
