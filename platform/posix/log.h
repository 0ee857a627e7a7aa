/*
 * log.h - the daemon's small, fixed logging vocabulary (after OpenBSD's).
 *
 *   log_warn(fmt, ...)       something failed; appends ": " strerror(errno)
 *   log_warnc(err, fmt, ...) the same with an explicit errno (positive or negative)
 *   log_warnx(fmt, ...)      something is wrong, no errno involved
 *   log_notice(fmt, ...)     a change an operator wants to see even with -q
 *                            (a meter answering again): shown at every verbosity
 *   log_info(fmt, ...)       a state change worth a line (meter online, reload)
 *   log_debug(fmt, ...)      chatter, only with verbosity >= 2
 *   fatal(fmt, ...)          log_warn, then exit(1): only at start-up or for a
 *   fatalx(fmt, ...)         broken invariant, never for a meter's trouble
 *
 * Messages go to stderr (the default; one line each, "meterd: " in front) or
 * to syslog(3) with facility daemon. Under systemd (JOURNAL_STREAM names
 * stderr) each stderr line starts with its syslog priority ("<4>") and
 * without the program name, so `journalctl -p warning` finds warnings. Verbosity 0 shows warnings only, 1 adds
 * info (the default), 2 adds debug. Lines never contain a newline of their
 * own; callers pass no trailing "\n".
 */
#ifndef METERD_LOG_H
#define METERD_LOG_H

#include <stdbool.h>

#define LOG_ATTR_FMT(a, b) __attribute__((format(printf, a, b)))

/* to_syslog: false for stderr. ident: "meterd". */
void log_init(const char *ident, bool to_syslog, int verbosity);
void log_set_verbosity(int verbosity);
int  log_get_verbosity(void);
/* Warnings (and worse) logged so far: `run -n` fails when setting up the meters warned. */
unsigned log_warning_count(void);

void log_warn(const char *fmt, ...) LOG_ATTR_FMT(1, 2);
void log_warnc(int err, const char *fmt, ...) LOG_ATTR_FMT(2, 3);
void log_warnx(const char *fmt, ...) LOG_ATTR_FMT(1, 2);
void log_notice(const char *fmt, ...) LOG_ATTR_FMT(1, 2);
void log_info(const char *fmt, ...) LOG_ATTR_FMT(1, 2);
void log_debug(const char *fmt, ...) LOG_ATTR_FMT(1, 2);
_Noreturn void fatal(const char *fmt, ...) LOG_ATTR_FMT(1, 2);
_Noreturn void fatalx(const char *fmt, ...) LOG_ATTR_FMT(1, 2);

#endif
