/*
 * libFuzzer harness for device profiles: any text through profile_count()
 * and profile_parse() (value lines, block lines, every type), then each
 * entry applied to readings (both registers of 32-bit entries) and the
 * write check run, and the block lines turned into reads.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/mbplan.h"
#include "meterd/profile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct profile_entry *e;
	struct profile p;
	struct profile_error err;
	struct mb_read blocks[64];
	size_t n;

	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	n = profile_count(text);
	if ((e = calloc(n + 1, sizeof(*e))) == NULL) {
		free(text);
		return 0;
	}
	if (profile_parse(&p, text, e, n, &err) == 0) {
		for (size_t i = 0; i < p.count; i++) {
			struct reading r;
			int64_t raw;
			reading_clear(&r);
			memcpy(r.id, "modbus:1:", 9);
			strncpy(r.id + 9, p.entries[i].key, sizeof(r.id) - 10);
			r.raw = profile_join_words(&p.entries[i], (uint16_t)i, (uint16_t)(size ^ i));
			(void)profile_apply(&p, &r);
			(void)profile_entry_words(&p.entries[i]);
			(void)profile_raw_for_write(&p.entries[i], (int64_t)size - 100, (int)(i % 7) - 3,
			                            &raw);
		}
		(void)mbplan_blocks(&p, blocks, 64);
	}
	free(e);
	free(text);
	return 0;
}
