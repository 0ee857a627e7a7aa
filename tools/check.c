/*
 * meterd check - compile Tasmota SMI scripts and report every problem as
 * file:line:column: severity: message.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "meterd/smi.h"
#include "smi_json.h"

int cmd_check(int argc, char **argv);

static int
check_usage(FILE *f)
{
	fprintf(f,
	        "usage: meterd check [--lenient] [--quiet] [--summary] FILE...\n"
	        "       meterd check [--lenient] [--repeat N] [--time T] --feed M:CAPTURE... FILE\n"
	        "  Compiles each Tasmota SMI script and prints every problem as\n"
	        "  file:line:column: error|warning|note: message.\n"
	        "  --lenient  read indented lines (Tasmota ignores them)\n"
	        "  --quiet    print errors only\n"
	        "  --summary  also list the meters and values found\n"
	        "  --feed M:CAPTURE  run the script: feed the capture (raw bytes, or hex\n"
	        "             text if it ends in .hex) to meter M, then print the\n"
	        "             Tasmota SENSOR JSON the values give (diagnostics on stderr)\n"
	        "  --repeat N feed every capture N times (median filters, =d)\n"
	        "  --time T   the \"Time\" of the JSON (default: now, local)\n"
	        "Exit status: 0 no errors, 1 errors, 2 usage or I/O problems.\n");
	return f == stderr ? 2 : 0;
}

static char *
read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0;

	if (f == NULL)
		return NULL;
	for (;;) {
		size_t r;
		if (n == cap) {
			char *nb;
			cap = cap ? cap * 2 : 8192;
			if (cap > (64u << 20) || (nb = realloc(buf, cap)) == NULL) {
				free(buf);
				fclose(f);
				errno = EFBIG;
				return NULL;
			}
			buf = nb;
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
		if (r == 0)
			break;
	}
	if (ferror(f)) {
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

/* .hex captures: pairs of hex digits; blanks and '#' comments ignored. */
static size_t
unhex(char *buf, size_t n)
{
	size_t i, k = 0;
	int half = -1;
	bool comment = false;

	for (i = 0; i < n; i++) {
		int v = -1;
		char c = buf[i];
		if (c == '\n')
			comment = false;
		if (comment || c == '#') {
			comment = true;
			continue;
		}
		if (c >= '0' && c <= '9')
			v = c - '0';
		else if (c >= 'a' && c <= 'f')
			v = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v = c - 'A' + 10;
		if (v < 0)
			continue;
		if (half < 0) {
			half = v;
		} else {
			buf[k++] = (char)(half << 4 | v);
			half = -1;
		}
	}
	return k;
}

struct feed {
	unsigned meter; /* number as written in the script */
	const char *path;
};

/*
 * Runs the compiled script over captures: bytes go in 64-byte chunks one
 * millisecond apart, each capture followed by a 10 s silence (windows and
 * blocks are decoded), then the SENSOR JSON is printed.
 */
static int
run_feeds(const struct smi_script *s, const struct feed *fd, unsigned nfeeds, unsigned repeat,
          const char *time_text)
{
	struct smi_rt *rt = malloc(sizeof(*rt));
	uint64_t now = 0;
	unsigned r, i, m;
	uint8_t out[SMI_TX_MAX];
	size_t olen;

	if (rt == NULL)
		return 2;
	smi_rt_init(rt, s, now);
	for (r = 0; r < repeat; r++) {
		for (i = 0; i < nfeeds; i++) {
			size_t len, off;
			char *data = read_file(fd[i].path, &len);
			int mi = -1;
			for (m = 0; m < s->n_meters; m++)
				if (s->meters[m].number == fd[i].meter)
					mi = (int)m;
			if (data == NULL || mi < 0) {
				fprintf(stderr, "meterd check: %s: %s\n", fd[i].path,
				        data ? "no such meter in the script" : strerror(errno));
				free(data);
				free(rt);
				return 2;
			}
			if (strlen(fd[i].path) > 4 &&
			    strcmp(fd[i].path + strlen(fd[i].path) - 4, ".hex") == 0)
				len = unhex(data, len);
			for (off = 0; off < len; off += 64, now++)
				smi_meter_push(rt, (unsigned)mi, (uint8_t *)data + off,
				               len - off < 64 ? len - off : 64, now);
			free(data);
			now += 10000;
			for (m = 0; m < s->n_meters; m++)
				smi_meter_poll(rt, m, now, out, sizeof(out), &olen);
		}
	}
	smi_json_sensor(stdout, rt, time_text);
	putchar('\n');
	free(rt);
	return 0;
}

static int
diag_cmp(const void *a, const void *b)
{
	const struct smi_diag *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return 0;
}

static void
print_summary(const char *path, const struct smi_script *s)
{
	unsigned i;

	for (i = 0; i < s->n_meters; i++) {
		const struct smi_meter_def *m = &s->meters[i];
		unsigned k, values = 0;
		for (k = 0; k < s->n_lines; k++)
			values += s->lines[k].meter == i && s->lines[k].kind != SMI_LINE_HTML;
		printf("%s:%u: meter %u: %s, %ld 8%c%u, prefix \"%s\", %u values", path, m->line_no,
		       m->number, smi_type_name(m->type), (long)m->param, m->parity, m->stop_bits,
		       m->prefix, values);
		if (m->cmd_count && (m->tx_pin >= 0 || m->tcp))
			printf(", %u requests every %u ms\n", m->cmd_count,
			       (m->period ? m->period : 1u) * 100u);
		else
			printf(", no requests\n");
	}
}

static int
check_one(const char *path, struct smi_script *s, unsigned opts, bool quiet, bool summary,
          FILE *out)
{
	size_t len;
	char *text = read_file(path, &len);
	unsigned i;
	static const char *sev[] = {"note", "warning", "error"};

	if (text == NULL) {
		fprintf(stderr, "meterd check: %s: %s\n", path, strerror(errno));
		return 1; /* a file that cannot be read: 1 in every subcommand, 2 is for usage */
	}
	smi_compile(s, text, len, opts);
	free(text);
	qsort(s->diags, s->n_diags, sizeof(s->diags[0]), diag_cmp);
	for (i = 0; i < s->n_diags; i++) {
		const struct smi_diag *d = &s->diags[i];
		if (quiet && d->severity != SMI_ERROR)
			continue;
		fprintf(out, "%s:%u:%u: %s: %s\n", path, d->line, d->col, sev[d->severity], d->msg);
	}
	if (s->n_errors + s->n_warnings + s->n_notes > s->n_diags)
		fprintf(out, "%s: %u more diagnostics not shown\n", path,
		        s->n_errors + s->n_warnings + s->n_notes - s->n_diags);
	if (summary)
		print_summary(path, s);
	if (!quiet)
		fprintf(out, "%s: %u meters, %u entries, %u errors, %u warnings\n", path,
		        s->n_meters, s->n_entries, s->n_errors, s->n_warnings);
	return s->n_errors ? 1 : 0;
}

int
cmd_check(int argc, char **argv)
{
	struct smi_script *s;
	unsigned opts = 0, nfeeds = 0, repeat = 1;
	bool quiet = false, summary = false;
	int i, rc = 0, files = 0;
	struct feed feeds[16];
	const char *time_text = NULL;
	char now_text[32];

	static const struct option longopts[] = {
		{"lenient", no_argument, NULL, 'l'},
		{"quiet", no_argument, NULL, 'q'},
		{"summary", no_argument, NULL, 's'},
		{"feed", required_argument, NULL, 'f'},
		{"repeat", required_argument, NULL, 'r'},
		{"time", required_argument, NULL, 't'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'l':
			opts |= SMI_OPT_TRIM_INDENT;
			break;
		case 'q':
			quiet = true;
			break;
		case 's':
			summary = true;
			break;
		case 'f':
			if (nfeeds == 16 || optarg[0] < '1' || optarg[0] > '9' || optarg[1] != ':') {
				fprintf(stderr, "meterd check: --feed takes M:CAPTURE (meter 1-9), not \"%s\"\n",
				        optarg);
				return check_usage(stderr);
			}
			feeds[nfeeds].meter = (unsigned)(optarg[0] - '0');
			feeds[nfeeds++].path = optarg + 2;
			break;
		case 'r':
			if (atoi(optarg) <= 0)
				return check_usage(stderr);
			repeat = (unsigned)atoi(optarg);
			break;
		case 't':
			time_text = optarg;
			break;
		case 'h':
			return check_usage(stdout);
		default:
			return check_usage(stderr);
		}
	}
	i = optind;
	if (i >= argc)
		return check_usage(stderr);
	if ((s = malloc(sizeof(*s))) == NULL) {
		perror("meterd check");
		return 2;
	}
	if (nfeeds) {
		if (i + 1 != argc) {
			free(s);
			return check_usage(stderr);
		}
		if (time_text == NULL) {
			time_t t = time(NULL);
			strftime(now_text, sizeof(now_text), "%Y-%m-%dT%H:%M:%S", localtime(&t));
			time_text = now_text;
		}
		rc = check_one(argv[i], s, opts, quiet, summary, stderr);
		if (rc == 0)
			rc = run_feeds(s, feeds, nfeeds, repeat, time_text);
		free(s);
		return rc;
	}
	for (; i < argc; i++, files++) {
		int r = check_one(argv[i], s, opts, quiet, summary, stdout);
		if (r > rc)
			rc = r;
	}
	free(s);
	return rc;
}
