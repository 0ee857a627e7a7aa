/*
 * log.c - stderr/syslog logging; see log.h.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>

#include "log.h"

static const char *log_ident = "meterd";
static bool        log_syslog;
static int         log_verbosity = 1;
static bool        log_journal; /* stderr is journald's stream */

/*
 * systemd sets JOURNAL_STREAM to stderr's device:inode when it connects it
 * to the journal; it is still ours only if stderr was not redirected since.
 * Then every line starts with its priority as "<4>" (sd-daemon(3)) and
 * leaves the program name out: the journal records it already.
 */
static bool
stderr_is_journal(void)
{
	const char        *js = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	struct stat        st;

	if (js == NULL || sscanf(js, "%llu:%llu", &dev, &ino) != 2 || fstat(2, &st) != 0)
		return false;
	return (unsigned long long)st.st_dev == dev && (unsigned long long)st.st_ino == ino;
}
static unsigned    log_warnings;

void
log_init(const char *ident, bool to_syslog, int verbosity)
{
	log_ident = ident;
	log_verbosity = verbosity;
	if (log_syslog && !to_syslog)
		closelog();
	log_syslog = to_syslog;
	log_journal = !to_syslog && stderr_is_journal();
	if (to_syslog)
		openlog(ident, LOG_PID | LOG_NDELAY, LOG_DAEMON);
}

void
log_set_verbosity(int verbosity)
{
	log_verbosity = verbosity;
}

int
log_get_verbosity(void)
{
	return log_verbosity;
}

unsigned
log_warning_count(void)
{
	return log_warnings;
}

static void
vlog(int pri, int err, const char *fmt, va_list ap)
{
	char msg[1024];
	int  n;

	if (pri <= LOG_WARNING)
		log_warnings++;
	n = vsnprintf(msg, sizeof(msg), fmt, ap);
	if (n < 0)
		return;
	if (err != 0 && (size_t)n < sizeof(msg))
		snprintf(msg + n, sizeof(msg) - (size_t)n, ": %s", strerror(err < 0 ? -err : err));
	for (char *p = msg; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	if (log_syslog) {
		syslog(pri, "%s", msg);
		return;
	}
	if (log_journal) {
		fprintf(stderr, "<%d>%s\n", pri, msg);
		return;
	}
	fprintf(stderr, "%s: %s%s\n", log_ident,
	        pri <= LOG_CRIT ? "fatal: " : pri <= LOG_WARNING ? "warning: " : pri == LOG_DEBUG ? "debug: " : "", msg);
}

#define LOG_BODY(pri, err)                                                     \
	do {                                                                   \
		va_list ap;                                                    \
		va_start(ap, fmt);                                             \
		vlog(pri, err, fmt, ap);                                       \
		va_end(ap);                                                    \
	} while (0)

void
log_warn(const char *fmt, ...)
{
	int err = errno;

	LOG_BODY(LOG_WARNING, err);
}

void
log_warnc(int err, const char *fmt, ...)
{
	LOG_BODY(LOG_WARNING, err);
}

void
log_warnx(const char *fmt, ...)
{
	LOG_BODY(LOG_WARNING, 0);
}

void
log_notice(const char *fmt, ...)
{
	LOG_BODY(LOG_NOTICE, 0);
}

void
log_info(const char *fmt, ...)
{
	if (log_verbosity < 1)
		return;
	LOG_BODY(LOG_INFO, 0);
}

void
log_debug(const char *fmt, ...)
{
	if (log_verbosity < 2)
		return;
	LOG_BODY(LOG_DEBUG, 0);
}

void
fatal(const char *fmt, ...)
{
	int err = errno;

	LOG_BODY(LOG_CRIT, err);
	exit(1);
}

void
fatalx(const char *fmt, ...)
{
	LOG_BODY(LOG_CRIT, 0);
	exit(1);
}
