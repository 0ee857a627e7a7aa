/*
 * meterd decode: run one of the core's decoders over a capture and print
 * JSON Lines (one object per frame and per value). The output is a contract
 * other tools read; see meterd(8).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meterd/decoder.h"
#include "meterd/hex.h"
#include "meterd/profile.h"
#include "meterd/wmbus.h"
#include "aes.h"
#include "decode.h"
#include "jsonw.h"

#define DETECT_BYTES 4096

struct decode_run {
	const struct decoder_ops *ops;
	void                     *ctx;
	struct jsonw              w;
	uint32_t                  frame_index; /* of the last frame printed */
	/* --option profile=NAME: names and scales values (profile.h). */
	struct profile            prof;
	char                     *prof_text;
	struct profile_entry     *prof_entries;
};

static void
print_frame(struct decode_run *r, const struct frame_info *fi)
{
	struct jsonw *w = &r->w;

	r->frame_index = fi->index;
	jsonw_obj_open(w);
	jsonw_str(w, "type", "frame");
	jsonw_str(w, "protocol", r->ops->name);
	jsonw_uint(w, "index", fi->index);
	jsonw_uint(w, "offset", fi->offset);
	jsonw_uint(w, "length", fi->length);
	jsonw_str(w, "status", frame_status_name(fi->status));
	if (fi->status != FRAME_OK && fi->error != NULL)
		jsonw_str(w, "error", fi->error);
	decode_frame_extra(r->ops->name, w, fi);
	jsonw_obj_close(w);
	jsonw_line_end(w);
}

static void
print_reading(struct decode_run *r, const struct reading *rd)
{
	struct jsonw *w = &r->w;
	struct reading named;

	jsonw_obj_open(w);
	jsonw_str(w, "type", "value");
	jsonw_uint(w, "frame", r->frame_index);
	if (r->prof_text != NULL) {
		named = *rd;
		rd = &named;
		if (profile_apply(&r->prof, &named) == PROFILE_ABSENT) {
			/* The device says it has no value (a missing sensor). */
			jsonw_str(w, "id", named.id);
			jsonw_null(w, "value");
			if (named.unit[0])
				jsonw_str(w, "unit", named.unit);
			jsonw_int(w, "raw", named.raw);
			jsonw_str(w, "name", named.name);
			jsonw_bool(w, "absent", true);
			jsonw_obj_close(w);
			jsonw_line_end(w);
			return;
		}
	}
	jsonw_reading_fields(w, rd);
	jsonw_obj_close(w);
	jsonw_line_end(w);
}

static void
drain(struct decode_run *r)
{
	enum dec_event ev;

	while ((ev = r->ops->event(r->ctx)) != DEC_NONE) {
		if (ev == DEC_FRAME)
			print_frame(r, r->ops->frame(r->ctx));
		else if (ev == DEC_READING)
			print_reading(r, r->ops->reading(r->ctx));
	}
}

static void
feed(struct decode_run *r, const uint8_t *p, size_t n)
{
	while (n > 0) {
		size_t used = r->ops->push(r->ctx, p, n);
		p += used;
		n -= used;
		drain(r);
	}
}

static void
idle(struct decode_run *r)
{
	if (r->ops->idle != NULL) {
		r->ops->idle(r->ctx);
		drain(r);
	}
}

/*
 * Hex text to bytes: pairs of hex digits, any whitespace between pairs,
 * '#' comments to end of line. A line break ends a pair and stands for
 * line silence (see decoder_ops.idle). Returns bytes written to out; *nl is
 * set when the chunk ended at a line break. `half` carries an odd digit over.
 */
struct hexin {
	int  half;   /* pending high nibble or -1 */
	bool comment;
	bool bad;
};

static const char *
read_input(FILE *f, bool hex, uint8_t **out, size_t *outlen)
{
	size_t cap = 65536, n = 0;
	uint8_t *buf = malloc(cap);
	size_t got;

	if (buf == NULL)
		return "out of memory";
	for (;;) {
		if (n == cap) {
			uint8_t *nb = realloc(buf, cap * 2);
			if (nb == NULL) {
				free(buf);
				return "out of memory";
			}
			buf = nb;
			cap *= 2;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		free(buf);
		return strerror(errno);
	}
	(void)hex;
	*out = buf;
	*outlen = n;
	return NULL;
}

/* Feeds hex text, calling idle() at each line break that ended some bytes. */
static bool
feed_hex(struct decode_run *r, const uint8_t *t, size_t n)
{
	struct hexin h = {-1, false, false};
	uint8_t chunk[256];
	size_t k = 0, i;
	bool line_had_bytes = false;

	for (i = 0; i < n; i++) {
		int c = t[i], v;

		if (c == '\n') {
			h.comment = false;
			if (h.half >= 0)
				h.bad = true;
			h.half = -1;
			feed(r, chunk, k);
			k = 0;
			if (line_had_bytes)
				idle(r);
			line_had_bytes = false;
			continue;
		}
		if (h.comment)
			continue;
		if (c == '#') {
			h.comment = true;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r' || c == ',' || c == ':')
			continue;
		if ((v = hex_value(c)) < 0) {
			h.bad = true;
			continue;
		}
		if (h.half < 0) {
			h.half = v;
			continue;
		}
		chunk[k++] = (uint8_t)(h.half << 4 | v);
		h.half = -1;
		line_had_bytes = true;
		if (k == sizeof(chunk)) {
			feed(r, chunk, k);
			k = 0;
		}
	}
	feed(r, chunk, k);
	if (line_had_bytes)
		idle(r);
	return !h.bad && h.half < 0;
}

/* The first bytes of a hex text, decoded, for protocol detection. */
static size_t
hex_prefix(const uint8_t *t, size_t n, uint8_t *out, size_t cap)
{
	size_t k = 0, i;
	int half = -1;
	bool comment = false;

	for (i = 0; i < n && k < cap; i++) {
		int v;
		if (t[i] == '\n')
			comment = false;
		if (comment || t[i] == '#') {
			comment = true;
			continue;
		}
		if ((v = hex_value(t[i])) < 0)
			continue;
		if (half < 0)
			half = v;
		else {
			out[k++] = (uint8_t)(half << 4 | v);
			half = -1;
		}
	}
	return k;
}

static const struct decoder_ops *
detect(const uint8_t *p, size_t n)
{
	const struct decoder_ops *best = NULL;
	int best_score = 0;
	size_t i;

	for (i = 0; decoder_all[i] != NULL; i++) {
		int s;
		if (decoder_all[i]->detect == NULL)
			continue;
		s = decoder_all[i]->detect(p, n);
		if (s > best_score) {
			best_score = s;
			best = decoder_all[i];
		}
	}
	return best;
}

/*
 * Loads a device profile by name (METERD_DATADIR/profiles/NAME.profile) or
 * by path (NAME holds a '/'). Returns NULL or a message for stderr.
 */
static const char *
load_profile(struct decode_run *r, const char *name, char *msg, size_t cap)
{
	char path[4096];
	uint8_t *text;
	size_t len, n;
	struct profile_error perr;
	const char *err;
	FILE *f;

	if (strchr(name, '/') != NULL)
		snprintf(path, sizeof(path), "%s", name);
	else
		snprintf(path, sizeof(path), "%s/profiles/%s.profile", METERD_DATADIR, name);
	if ((f = fopen(path, "rb")) == NULL) {
		snprintf(msg, cap, "%s: %s", path, strerror(errno));
		return msg;
	}
	err = read_input(f, false, &text, &len);
	fclose(f);
	if (err != NULL) {
		snprintf(msg, cap, "%s: %s", path, err);
		return msg;
	}
	if ((r->prof_text = realloc(text, len + 1)) == NULL) {
		free(text);
		return "out of memory";
	}
	r->prof_text[len] = '\0';
	n = profile_count(r->prof_text);
	if ((r->prof_entries = calloc(n ? n : 1, sizeof(*r->prof_entries))) == NULL)
		return "out of memory";
	if (profile_parse(&r->prof, r->prof_text, r->prof_entries, n, &perr) != 0) {
		snprintf(msg, cap, "%s:%u:%u: %s", path, (unsigned)perr.line, (unsigned)perr.column,
		         perr.msg);
		return msg;
	}
	return NULL;
}

static void
free_profile(struct decode_run *r)
{
	free(r->prof_text);
	free(r->prof_entries);
}

static int
usage(void)
{
	size_t i;

	fprintf(stderr, "usage: meterd decode [--protocol auto");
	for (i = 0; decoder_all[i] != NULL; i++)
		fprintf(stderr, "|%s", decoder_all[i]->name);
	fprintf(stderr, "] [--hex] [--strict] [--option KEY=VALUE]... [--key [ID:]HEX]... FILE|-\n");
	return 2;
}

int
cmd_decode(int argc, char **argv)
{
	const char *proto = "auto", *path = NULL, *err;
	bool hex = false, strict = false;
	const char *options[16];
	int noptions = 0, k;
	struct decode_run r;
	uint8_t *data;
	size_t len;
	FILE *f;
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--protocol") == 0 || strcmp(argv[i], "-p") == 0) {
			if (++i >= argc)
				return usage();
			proto = argv[i];
		} else if (strncmp(argv[i], "--protocol=", 11) == 0) {
			proto = argv[i] + 11;
		} else if (strcmp(argv[i], "--hex") == 0) {
			hex = true;
		} else if (strcmp(argv[i], "--strict") == 0) {
			strict = true;
		} else if (strcmp(argv[i], "--option") == 0 || strcmp(argv[i], "-o") == 0) {
			if (++i >= argc || noptions == (int)(sizeof(options) / sizeof(options[0])) ||
			    strchr(argv[i], '=') == NULL)
				return usage();
			options[noptions++] = argv[i];
		} else if (strcmp(argv[i], "--key") == 0) {
			/* wM-Bus AES key, for all meters or ID:HEX for one: option key=... */
			static char keyopt[16][64];
			if (++i >= argc || noptions == (int)(sizeof(options) / sizeof(options[0])))
				return usage();
			snprintf(keyopt[noptions], sizeof(keyopt[0]), "key=%s", argv[i]);
			options[noptions] = keyopt[noptions];
			noptions++;
		} else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			usage();
			return 0;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			fprintf(stderr, "meterd decode: unknown option %s\n", argv[i]);
			return usage();
		} else if (path == NULL) {
			path = argv[i];
		} else {
			return usage();
		}
	}
	if (path == NULL)
		return usage();
	memset(&r, 0, sizeof(r));
	if (strcmp(proto, "auto") != 0 && (r.ops = decoder_find(proto)) == NULL) {
		fprintf(stderr, "meterd decode: unknown protocol '%s'\n", proto);
		return usage();
	}
	if (strcmp(path, "-") == 0)
		f = stdin;
	else if ((f = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "meterd decode: %s: %s\n", path, strerror(errno));
		return 1;
	}
	err = read_input(f, hex, &data, &len);
	if (f != stdin)
		fclose(f);
	if (err != NULL) {
		fprintf(stderr, "meterd decode: %s: %s\n", path, err);
		return 1;
	}
	if (r.ops == NULL) {
		uint8_t pre[DETECT_BYTES];
		size_t np = hex ? hex_prefix(data, len, pre, sizeof(pre))
		                : (len < sizeof(pre) ? len : sizeof(pre));
		if (!hex)
			memcpy(pre, data, np);
		if ((r.ops = detect(pre, np)) == NULL) {
			fprintf(stderr, "meterd decode: %s: no known protocol recognised\n", path);
			free(data);
			return 1;
		}
	}
	if ((r.ctx = calloc(1, r.ops->ctx_size)) == NULL) {
		free(data);
		fprintf(stderr, "meterd decode: out of memory\n");
		return 1;
	}
	jsonw_init(&r.w, stdout);
	r.ops->init(r.ctx);
	if (r.ops == &wmbus_decoder_ops)
		wmbus_dec_set_aes(r.ctx, &platform_aes128);
	if (!strict && r.ops->configure != NULL)
		(void)r.ops->configure(r.ctx, "lenient_crc", "1");
	for (k = 0; k < noptions; k++) {
		char key[64];
		const char *eq = strchr(options[k], '=');
		size_t kl = (size_t)(eq - options[k]);
		if (kl >= sizeof(key))
			kl = sizeof(key) - 1;
		memcpy(key, options[k], kl);
		key[kl] = '\0';
		if (strcmp(key, "profile") == 0) {
			char msg[4200];
			if ((err = load_profile(&r, eq + 1, msg, sizeof(msg))) != NULL) {
				fprintf(stderr, "meterd decode: profile %s\n", err);
				free_profile(&r);
				free(r.ctx);
				free(data);
				return 1;
			}
			continue;
		}
		if (r.ops->configure == NULL || r.ops->configure(r.ctx, key, eq + 1) != 0) {
			if (strcmp(key, "key") == 0)
				fprintf(stderr, "meterd decode: --key %s: expected 32 hex digits, "
				                "or 8 digits of a meter id, ':' and 32 hex digits%s\n",
				        eq + 1, r.ops == &wmbus_decoder_ops ? "" : " (and --protocol wmbus)");
			else
				fprintf(stderr, "meterd decode: %s does not know option '%s'\n",
				        r.ops->name, options[k]);
			free_profile(&r);
			free(r.ctx);
			free(data);
			return 2;
		}
	}
	if (hex) {
		if (!feed_hex(&r, data, len))
			fprintf(stderr, "meterd decode: %s: warning: characters that are not hex were skipped\n", path);
	} else {
		feed(&r, data, len);
	}
	r.ops->finish(r.ctx);
	drain(&r);
	free_profile(&r);
	free(r.ctx);
	free(data);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "meterd decode: write error: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}
