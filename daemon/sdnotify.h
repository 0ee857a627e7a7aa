/*
 * sdnotify.h - systemd's readiness and watchdog protocol, by hand.
 *
 * systemd (Type=notify) passes NOTIFY_SOCKET, an AF_UNIX datagram socket
 * ("@name" for the abstract namespace); a service reports "READY=1",
 * "RELOADING=1", "STOPPING=1", "STATUS=..." and, with WatchdogSec=, sends
 * "WATCHDOG=1" at least every WATCHDOG_USEC microseconds. That is a
 * sendto() of a line, so meterd needs no libsystemd. Without NOTIFY_SOCKET
 * every call is a no-op.
 */
#ifndef METERD_SDNOTIFY_H
#define METERD_SDNOTIFY_H

#include <stdint.h>

/* Sends state (e.g. "READY=1\nSTATUS=3 meters"). Returns 0, or a negative errno. */
int sd_notify_send(const char *state);

/*
 * The watchdog interval asked for (WATCHDOG_USEC, honouring WATCHDOG_PID),
 * in milliseconds, or 0 when there is none. Ping at half of it.
 */
uint32_t sd_watchdog_ms(void);

#endif
