/*
 * sdnotify.c - see sdnotify.h.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "sdnotify.h"

int
sd_notify_send(const char *state)
{
	const char        *path = getenv("NOTIFY_SOCKET");
	struct sockaddr_un sa;
	socklen_t          len;
	size_t             pl;
	int                fd, r = 0;

	if (path == NULL || path[0] == '\0')
		return 0;
	pl = strlen(path);
	if ((path[0] != '/' && path[0] != '@') || pl >= sizeof(sa.sun_path))
		return -EINVAL;
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	memcpy(sa.sun_path, path, pl);
	if (path[0] == '@')
		sa.sun_path[0] = '\0'; /* abstract namespace */
	len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + pl);
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (sendto(fd, state, strlen(state), MSG_NOSIGNAL, (struct sockaddr *)&sa, len) < 0)
		r = -errno;
	close(fd);
	return r;
}

uint32_t
sd_watchdog_ms(void)
{
	const char        *us = getenv("WATCHDOG_USEC"), *pid = getenv("WATCHDOG_PID");
	unsigned long long v;
	char              *end;

	if (us == NULL)
		return 0;
	if (pid != NULL && strtol(pid, NULL, 10) != (long)getpid())
		return 0;
	v = strtoull(us, &end, 10);
	if (*end != '\0' || v == 0)
		return 0;
	v /= 1000;
	return v == 0 ? 1 : v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}
