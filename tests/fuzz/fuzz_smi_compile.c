/*
 * libFuzzer harness for the SMI compiler and runtime. The input is a script,
 * optionally followed by a NUL byte and bytes fed to every meter of the
 * compiled script (with polls in between), so the fuzzer explores scripts
 * and the frames they decode. Every value is formatted as JSON too.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "meterd/smi.h"
#include "smi_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct smi_script script;
static struct smi_rt rt;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, 0, size);
	size_t slen = nul ? (size_t)(nul - data) : size;
	char json[8192];
	uint8_t out[SMI_TX_MAX];
	size_t olen, off;
	unsigned m;
	uint64_t now = 0;

	smi_compile(&script, (const char *)data, slen, size & 1 ? SMI_OPT_TRIM_INDENT : 0);
	smi_rt_init(&rt, &script, 0);
	if (nul) {
		const uint8_t *p = nul + 1;
		size_t n = size - slen - 1;
		for (off = 0; off < n; off += 7) {
			size_t chunk = n - off < 7 ? n - off : 7;
			for (m = 0; m < script.n_meters; m++) {
				smi_meter_push(&rt, m, p + off, chunk, now);
				smi_meter_poll(&rt, m, now, out, sizeof(out), &olen);
			}
			now += 150;
		}
	}
	for (m = 0; m < script.n_meters; m++) {
		unsigned c;
		smi_meter_poll(&rt, m, now + 100000, out, sizeof(out), &olen);
		for (c = 0; c < script.meters[m].cmd_count; c++)
			smi_request_build(&script, m, c, out, sizeof(out));
	}
	smi_json_sensor_buf(json, sizeof(json), &rt, "T");
	return 0;
}
