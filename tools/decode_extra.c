#include <string.h>

#include "decode.h"

/* Each line of decode_extra.def: EXTRA(proto) with a function decode_extra_<proto>. */
#define EXTRA(p) void decode_extra_##p(struct jsonw *w, const struct frame_info *fi);
#include "decode_extra.def"
#undef EXTRA

void
decode_frame_extra(const char *proto, struct jsonw *w, const struct frame_info *fi)
{
#define EXTRA(p)                                      \
	if (strcmp(proto, #p) == 0 && fi->detail != NULL) { \
		decode_extra_##p(w, fi);                      \
		return;                                       \
	}
#include "decode_extra.def"
#undef EXTRA
	(void)proto;
	(void)w;
	(void)fi;
}
