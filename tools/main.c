/*
 * meterd - one program that reads every meter in a home.
 * This file only dispatches to the subcommands listed in commands.def.
 */
#include <stdio.h>
#include <string.h>

#include "meterd/smi.h"
#include "platform/posix/aes.h"

#define COMMAND(name, fn, summary) int fn(int argc, char **argv);
#include "commands.def"
#undef COMMAND

static const struct command {
	const char *name;
	int (*fn)(int, char **);
	const char *summary;
} commands[] = {
#define COMMAND(name, fn, summary) {#name, fn, summary},
#include "commands.def"
#undef COMMAND
};

static int
usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: meterd COMMAND [ARGS]\n\ncommands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\nmeterd COMMAND --help shows a command's options; see also meterd(8).\n");
	return f == stderr ? 2 : 0;
}

int
main(int argc, char **argv)
{
	size_t i;

	/* The AES the core's decryptors use (the core carries none): mbedTLS. */
	smi_aes_default(&platform_aes128);
	if (argc < 2)
		return usage(stderr);
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0)
		return usage(stdout);
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
		printf("meterd %s\n", METERD_VERSION);
		return 0;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0) {
			/* getopt names the program by argv[0]: "meterd decode: unrecognized option" */
			static char self[64];
			snprintf(self, sizeof(self), "meterd %s", commands[i].name);
			argv[1] = self;
			return commands[i].fn(argc - 1, argv + 1);
		}
	fprintf(stderr, "meterd: unknown command '%s'\n", argv[1]);
	return usage(stderr);
}
