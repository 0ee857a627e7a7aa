/*
 * datadir.c - see datadir.h.
 */
#include <stdlib.h>

#include "datadir.h"

#ifndef METERD_DATADIR_BUILTIN
#define METERD_DATADIR_BUILTIN "/usr/share/meterd"
#endif

const char *
meterd_datadir(void)
{
	const char *d = getenv("METERD_DATADIR");

	return d != NULL && d[0] != '\0' ? d : METERD_DATADIR_BUILTIN;
}
