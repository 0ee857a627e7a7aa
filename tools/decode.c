/*
 * meterd decode: run one of the core's decoders over a capture and print
 * JSON Lines (one object per frame and per value). The output is a contract
 * other tools read; see meterd(8).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "meterd/decoder.h"
#include "meterd/hex.h"
#include "meterd/profile.h"
#include "meterd/wmbus.h"
#include "aes.h"
#include "decode.h"
#include "jsonw.h"
#include "platform/posix/datadir.h"

#define DETECT_BYTES 4096

/* --hex input state (see feed_hex). */
struct hexin {
	int  half;   /* pending high nibble or -1 */
	bool comment;
	bool bad;
	bool line_had_bytes;
};

struct decode_run {
	const struct decoder_ops *ops;
	void                     *ctx;
	struct jsonw              w;
	uint32_t                  frame_index; /* of the last frame printed */
	/* --option profile=NAME: names and scales values (profile.h). */
	struct profile            prof;
	char                     *prof_text;
	struct profile_entry     *prof_entries;
	struct hexin              hex;     /* --hex state across reads */
	bool                      unidled; /* bytes fed since the last idle() */
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

/*
 * Feeds one piece of hex text, calling idle() at each line break that ended
 * some bytes; r->hex carries a half pair, a comment and the line's state to
 * the next piece, so any split of the text decodes alike.
 */
static void
feed_hex(struct decode_run *r, const uint8_t *t, size_t n)
{
	struct hexin *h = &r->hex;
	uint8_t       chunk[256];
	size_t        k = 0, i;

	for (i = 0; i < n; i++) {
		int c = t[i], v;

		if (c == '\n') {
			h->comment = false;
			if (h->half >= 0)
				h->bad = true;
			h->half = -1;
			feed(r, chunk, k);
			k = 0;
			if (h->line_had_bytes)
				idle(r);
			h->line_had_bytes = false;
			continue;
		}
		if (h->comment)
			continue;
		if (c == '#') {
			h->comment = true;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r' || c == ',' || c == ':')
			continue;
		if ((v = hex_value(c)) < 0) {
			h->bad = true;
			continue;
		}
		if (h->half < 0) {
			h->half = v;
			continue;
		}
		chunk[k++] = (uint8_t)(h->half << 4 | v);
		h->half = -1;
		h->line_had_bytes = true;
		if (k == sizeof(chunk)) {
			feed(r, chunk, k);
			k = 0;
		}
	}
	feed(r, chunk, k);
}

/* End of hex input: the last line counts as ended. False when characters were skipped. */
static bool
finish_hex(struct decode_run *r)
{
	if (r->hex.line_had_bytes)
		idle(r);
	r->hex.line_had_bytes = false;
	return !r->hex.bad && r->hex.half < 0;
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
	uint8_t *text = NULL;
	size_t len = 0, n;
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
usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: meterd decode [--protocol auto");
	for (i = 0; decoder_all[i] != NULL; i++)
		fprintf(f, "|%s", decoder_all[i]->name);
	fprintf(f, "] [--hex] [--strict] [--option KEY=VALUE]... [--key [ID:]HEX]... FILE|DEVICE|-\n");
	return f == stdout ? 0 : 2;
}

/*
 * The input: a file, a pipe, a tty (an optical head: `meterd decode
 * /dev/ttyUSB0`) or stdin. Opened without blocking on a modem line's
 * carrier; a tty is put in raw mode at the speed it has (stty sets it).
 */
static int
open_input(const char *path, bool *live)
{
	struct stat st;
	int         fd, fl;

	if (strcmp(path, "-") == 0)
		fd = 0;
	else if ((fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)) < 0)
		return -errno;
	if (fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
		int err = S_ISDIR(st.st_mode) ? EISDIR : errno;
		if (fd != 0)
			close(fd);
		return -err;
	}
	if ((fl = fcntl(fd, F_GETFL)) >= 0)
		(void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	if (isatty(fd)) {
		struct termios tio;
		if (tcgetattr(fd, &tio) == 0) {
			cfmakeraw(&tio);
			tio.c_cflag |= CLOCAL | CREAD;
			(void)tcsetattr(fd, TCSANOW, &tio);
		}
	}
	*live = !S_ISREG(st.st_mode);
	return fd;
}

/*
 * Reads what is there: > 0 bytes, 0 at end of input, -ETIMEDOUT when a live
 * input stayed silent for timeout_ms (-1: wait), or a negative errno.
 */
static ssize_t
read_some(int fd, bool live, uint8_t *buf, size_t cap, int timeout_ms)
{
	ssize_t n;

	if (live && timeout_ms >= 0) {
		struct pollfd pfd = {.fd = fd, .events = POLLIN};
		int           k;
		do
			k = poll(&pfd, 1, timeout_ms);
		while (k < 0 && errno == EINTR);
		if (k == 0)
			return -ETIMEDOUT;
	}
	do
		n = read(fd, buf, cap);
	while (n < 0 && errno == EINTR);
	return n < 0 ? -errno : n;
}

/*
 * A gap this long in a live stream ends a frame for decoders that frame by
 * silence (Modbus RTU, D0), as a line break does in --hex input.
 */
#define LIVE_IDLE_MS 100
/* Auto-detection waits for DETECT_BYTES, end of input, or this much silence. */
#define DETECT_WAIT_MS 2000
/* What is kept for detection: enough hex text for DETECT_BYTES bytes. */
#define HEAD_MAX (DETECT_BYTES * 8)

/* Feeds one piece of input (binary or hex). */
static void
feed_input(struct decode_run *r, bool hex, const uint8_t *p, size_t n)
{
	if (hex)
		feed_hex(r, p, n);
	else
		feed(r, p, n);
	r->unidled = true;
}

int
cmd_decode(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"protocol", required_argument, NULL, 'p'},
		{"hex", no_argument, NULL, 'x'},
		{"strict", no_argument, NULL, 's'},
		{"option", required_argument, NULL, 'o'},
		{"key", required_argument, NULL, 'k'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *proto = "auto", *path, *err;
	bool hex = false, strict = false, live = false;
	const char *options[16];
	int noptions = 0, k, ch, fd, rc = 0;
	struct decode_run r;
	static uint8_t head[HEAD_MAX], buf[65536];
	size_t nhead = 0;
	ssize_t n = 1; /* the last read: 0 once the input ended */
	struct stat so;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "p:o:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'p':
			proto = optarg;
			break;
		case 'x':
			hex = true;
			break;
		case 's':
			strict = true;
			break;
		case 'o':
			if (noptions == (int)(sizeof(options) / sizeof(options[0])) ||
			    strchr(optarg, '=') == NULL)
				return usage(stderr);
			options[noptions++] = optarg;
			break;
		case 'k': {
			/* wM-Bus AES key, for all meters or ID:HEX for one: option key=... */
			static char keyopt[16][64];
			if (noptions == (int)(sizeof(options) / sizeof(options[0])))
				return usage(stderr);
			snprintf(keyopt[noptions], sizeof(keyopt[0]), "key=%s", optarg);
			options[noptions] = keyopt[noptions];
			noptions++;
			break;
		}
		case 'h':
			return usage(stdout);
		default:
			return usage(stderr);
		}
	}
	if (optind != argc - 1)
		return usage(stderr);
	path = argv[optind];
	memset(&r, 0, sizeof(r));
	r.hex.half = -1;
	if (strcmp(proto, "auto") != 0 && (r.ops = decoder_find(proto)) == NULL) {
		fprintf(stderr, "meterd decode: unknown protocol '%s'\n", proto);
		return usage(stderr);
	}
	if ((fd = open_input(path, &live)) < 0) {
		fprintf(stderr, "meterd decode: %s: %s\n", path, strerror(-fd));
		return 1;
	}
	/* Each frame shows as it completes on a terminal or a pipe. */
	if (fstat(1, &so) == 0 && !S_ISREG(so.st_mode))
		setvbuf(stdout, NULL, _IOLBF, 0);
	if (r.ops == NULL) {
		/* Detection looks at the start: keep it, then decode it like the rest. */
		for (;;) {
			uint8_t pre[DETECT_BYTES];
			size_t  np = hex ? hex_prefix(head, nhead, pre, sizeof(pre)) : nhead;
			if (np >= DETECT_BYTES || nhead == sizeof(head))
				break;
			n = read_some(fd, live, head + nhead, sizeof(head) - nhead,
			              nhead > 0 ? DETECT_WAIT_MS : -1);
			if (n <= 0)
				break;
			nhead += (size_t)n;
		}
		if (n < 0 && n != -ETIMEDOUT) {
			fprintf(stderr, "meterd decode: %s: %s\n", path, strerror((int)-n));
			rc = 1;
			goto out;
		}
		{
			uint8_t pre[DETECT_BYTES];
			size_t  np = hex ? hex_prefix(head, nhead, pre, sizeof(pre))
			                 : (nhead < sizeof(pre) ? nhead : sizeof(pre));
			if (!hex)
				memcpy(pre, head, np);
			if ((r.ops = detect(pre, np)) == NULL) {
				fprintf(stderr, "meterd decode: %s: no known protocol recognised\n", path);
				rc = 1;
				goto out;
			}
		}
	}
	if ((r.ctx = calloc(1, r.ops->ctx_size)) == NULL) {
		fprintf(stderr, "meterd decode: out of memory\n");
		rc = 1;
		goto out;
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
				rc = 1;
				goto out;
			}
			continue;
		}
		if (r.ops->configure == NULL || r.ops->configure(r.ctx, key, eq + 1) != 0) {
			if (strcmp(key, "key") == 0)
				fprintf(stderr, "meterd decode: --key %s: expected 32 hex digits, "
				                "or 8 digits of a meter id, ':' and 32 hex digits%s\n",
				        eq + 1, r.ops == &wmbus_decoder_ops ? "" : " (and --protocol wmbus)");
			else
				fprintf(stderr, "meterd decode: %s does not know option '%s'\n", r.ops->name,
				        options[k]);
			rc = 2;
			goto out;
		}
	}
	feed_input(&r, hex, head, nhead);
	/* Then the rest as it comes, in constant memory. */
	if (n != 0) {
		for (;;) {
			n = read_some(fd, live, buf, sizeof(buf), r.unidled && !hex ? LIVE_IDLE_MS : -1);
			if (n == -ETIMEDOUT) {
				idle(&r);
				r.unidled = false;
				continue;
			}
			if (n <= 0)
				break;
			feed_input(&r, hex, buf, (size_t)n);
		}
		if (n < 0) {
			fprintf(stderr, "meterd decode: %s: %s\n", path, strerror((int)-n));
			rc = 1;
		}
	}
	if (hex && !finish_hex(&r))
		fprintf(stderr, "meterd decode: %s: warning: characters that are not hex were skipped\n", path);
	r.ops->finish(r.ctx);
	drain(&r);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "meterd decode: write error: %s\n", strerror(errno));
		rc = 1;
	}
out:
	free_profile(&r);
	free(r.ctx);
	if (fd > 0)
		close(fd);
	return rc;
}
