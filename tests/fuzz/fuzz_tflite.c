/*
 * libFuzzer harness for the .tflite reader (vision/tflite.c): any byte
 * string either is refused with a message or loads into a graph that runs.
 * Seed it with the models in tests/fixtures/watermeter/models/.
 */
#include <stddef.h>
#include <stdint.h>

#include "vision/tflite.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tfl_model m;
	char err[256];

	if (tfl_load(&m, data, size, err, sizeof(err)) == 0) {
		/* keep runs short: only small graphs are executed */
		if (m.arena_floats < (1u << 18))
			tfl_invoke(&m);
		tfl_free(&m);
	} else if (err[0] == '\0') {
		__builtin_trap();   /* a refusal must say why */
	}
	return 0;
}
