/*
 * datadir.h - where meterd's read-only data lives (device profiles, the
 * seed script): $METERD_DATADIR when set and not empty, else the directory
 * compiled in (METERD_DATADIR_BUILTIN: <prefix>/share/meterd for an
 * installed build, the source tree's data/ for the debug presets).
 *
 * METERD_DATADIR itself expands to a call, so every old
 * `"%s/profiles/...", METERD_DATADIR` follows the override.
 */
#ifndef METERD_DATADIR_H
#define METERD_DATADIR_H

const char *meterd_datadir(void);

#define METERD_DATADIR meterd_datadir()

#endif
