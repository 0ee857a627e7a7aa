/*
 * meterd check - compile Tasmota SMI scripts and report every problem as
 * file:line:column: severity: message.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meterd/smi.h"

int cmd_check(int argc, char **argv);

static int
check_usage(FILE *f)
{
	fprintf(f, "usage: meterd check [--lenient] [--quiet] [--summary] FILE...\n"
	           "  Compiles each Tasmota SMI script and prints every problem as\n"
	           "  file:line:column: error|warning|note: message.\n"
	           "  --lenient  read indented lines (Tasmota ignores them)\n"
	           "  --quiet    print errors only\n"
	           "  --summary  also list the meters and values found\n"
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
		printf("%s:%u: meter %u: %s, %ld 8%c%u, prefix \"%s\", %u values, %u requests every "
		       "%u ms\n",
		       path, m->line_no, m->number, smi_type_name(m->type), (long)m->param, m->parity,
		       m->stop_bits, m->prefix, values, m->cmd_count, m->period * 100u);
	}
}

static int
check_one(const char *path, struct smi_script *s, unsigned opts, bool quiet, bool summary)
{
	size_t len;
	char *text = read_file(path, &len);
	unsigned i;
	static const char *sev[] = {"note", "warning", "error"};

	if (text == NULL) {
		fprintf(stderr, "meterd check: %s: %s\n", path, strerror(errno));
		return 2;
	}
	smi_compile(s, text, len, opts);
	free(text);
	qsort(s->diags, s->n_diags, sizeof(s->diags[0]), diag_cmp);
	for (i = 0; i < s->n_diags; i++) {
		const struct smi_diag *d = &s->diags[i];
		if (quiet && d->severity != SMI_ERROR)
			continue;
		printf("%s:%u:%u: %s: %s\n", path, d->line, d->col, sev[d->severity], d->msg);
	}
	if (s->n_errors + s->n_warnings + s->n_notes > s->n_diags)
		printf("%s: %u more diagnostics not shown\n", path,
		       s->n_errors + s->n_warnings + s->n_notes - s->n_diags);
	if (summary)
		print_summary(path, s);
	if (!quiet)
		printf("%s: %u meters, %u entries, %u errors, %u warnings\n", path, s->n_meters,
		       s->n_entries, s->n_errors, s->n_warnings);
	return s->n_errors ? 1 : 0;
}

int
cmd_check(int argc, char **argv)
{
	struct smi_script *s;
	unsigned opts = 0;
	bool quiet = false, summary = false;
	int i, rc = 0, files = 0;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
		if (strcmp(argv[i], "--lenient") == 0)
			opts |= SMI_OPT_TRIM_INDENT;
		else if (strcmp(argv[i], "--quiet") == 0)
			quiet = true;
		else if (strcmp(argv[i], "--summary") == 0)
			summary = true;
		else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return check_usage(stdout);
		else if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else
			return check_usage(stderr);
	}
	if (i >= argc)
		return check_usage(stderr);
	if ((s = malloc(sizeof(*s))) == NULL) {
		perror("meterd check");
		return 2;
	}
	for (; i < argc; i++, files++) {
		int r = check_one(argv[i], s, opts, quiet, summary);
		if (r > rc)
			rc = r;
	}
	free(s);
	return rc;
}
