/*
 * resolve.h - name resolution off the event loop.
 *
 * getaddrinfo(3) blocks for as long as the resolver takes: seconds per try
 * when a DNS server does not answer, which would stall every meter on the
 * loop (and miss the watchdog). A lookup here runs getaddrinfo on its own
 * detached thread; the caller watches resolve_fd() for EV_READ and then
 * takes the result. Numeric addresses need no thread: resolve_numeric()
 * answers them at once.
 *
 * One struct resolve per lookup. resolve_free() may be called at any time,
 * also while the thread still runs (a port closed, a reload): the last of
 * the two owners, caller and thread, frees it.
 */
#ifndef METERD_RESOLVE_H
#define METERD_RESOLVE_H

#include <netdb.h>

struct resolve;

/*
 * Resolves a numeric host ("192.168.1.40", "::1") and numeric port without
 * any lookup: 0 with *res set (freeaddrinfo it), EAI_NONAME when host or
 * port is a name (use resolve_start), or another EAI_* code.
 */
int resolve_numeric(const char *host, const char *service, struct addrinfo **res);

/* Starts a lookup of host:service for a TCP stream. NULL with errno set on failure. */
struct resolve *resolve_start(const char *host, const char *service);

/* Readable once the lookup is done. */
int resolve_fd(const struct resolve *r);

/*
 * After resolve_fd() became readable: 0 with *res set (freeaddrinfo it), or
 * getaddrinfo's EAI_* code (gai_strerror(3) says what it means; EAI_SYSTEM
 * leaves the errno in *sys_errno), or 1 while the lookup still runs.
 */
int resolve_result(struct resolve *r, struct addrinfo **res, int *sys_errno);

/* Gives up the caller's share (cancels the wait if the lookup still runs). */
void resolve_free(struct resolve *r);

#endif
