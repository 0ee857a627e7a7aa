/*
 * resolve.c - getaddrinfo on a thread; see resolve.h.
 *
 * Hand-over without locks: the thread stores the result, then writes one
 * byte into the pipe (the pipe's write/read order the memory accesses), then
 * drops its reference. The caller reads the result only after reading that
 * byte. Both descriptors stay open until the last reference is gone, so the
 * thread's write never meets a closed pipe.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "resolve.h"

struct resolve {
	atomic_int       refs; /* caller + thread: the last one frees */
	int              pipe[2];
	bool             done; /* caller's side: the byte was read */
	/* Written by the thread before it writes the pipe. */
	int              gai;
	int              sys_errno;
	struct addrinfo *res;
	char            *host, *service;
};

int
resolve_numeric(const char *host, const char *service, struct addrinfo **res)
{
	struct addrinfo hints;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
	return getaddrinfo(host, service, &hints, res);
}

static void
unref(struct resolve *r)
{
	if (atomic_fetch_sub(&r->refs, 1) != 1)
		return;
	if (r->res != NULL)
		freeaddrinfo(r->res);
	close(r->pipe[0]);
	close(r->pipe[1]);
	free(r->host);
	free(r->service);
	free(r);
}

static void *
lookup(void *arg)
{
	struct resolve *r = arg;
	struct addrinfo hints;
	ssize_t         n;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	r->gai = getaddrinfo(r->host, r->service, &hints, &r->res);
	if (r->gai != 0)
		r->res = NULL;
	r->sys_errno = r->gai == EAI_SYSTEM ? errno : 0;
	do
		n = write(r->pipe[1], "", 1);
	while (n < 0 && errno == EINTR);
	unref(r);
	return NULL;
}

struct resolve *
resolve_start(const char *host, const char *service)
{
	struct resolve *r = calloc(1, sizeof(*r));
	pthread_attr_t  attr;
	pthread_t       th;
	sigset_t        all, old;
	int             err;

	if (r == NULL)
		return NULL;
	r->host = strdup(host);
	r->service = strdup(service);
	if (r->host == NULL || r->service == NULL || pipe2(r->pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
		err = errno;
		free(r->host);
		free(r->service);
		free(r);
		errno = err;
		return NULL;
	}
	atomic_init(&r->refs, 2);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&attr, 256 * 1024);
	/* The loop's thread takes every signal (its self-pipe), never this one. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	err = pthread_create(&th, &attr, lookup, r);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	pthread_attr_destroy(&attr);
	if (err != 0) {
		atomic_store(&r->refs, 1);
		unref(r);
		errno = err;
		return NULL;
	}
	return r;
}

int
resolve_fd(const struct resolve *r)
{
	return r->pipe[0];
}

int
resolve_result(struct resolve *r, struct addrinfo **res, int *sys_errno)
{
	char b;

	if (!r->done) {
		if (read(r->pipe[0], &b, 1) != 1)
			return 1;
		r->done = true;
	}
	*sys_errno = r->sys_errno;
	*res = r->res;
	r->res = NULL;
	return r->gai;
}

void
resolve_free(struct resolve *r)
{
	if (r != NULL)
		unref(r);
}
