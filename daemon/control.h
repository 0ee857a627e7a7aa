/*
 * control.h - changing a device's settings from meterd itself: who may,
 * which parameters, and the audit trail.
 *
 * A device profile (data/profiles/) names a regulator's registers with
 * unit, scale, range and access. The `control` section of the
 * configuration says which of those parameters may be changed remotely and
 * by whom; nothing is writable without it (read-only by default):
 *
 *   control {
 *       user admin "$6$salt$hash..."       # crypt(3) hash: openssl passwd -6
 *       meter heating BetriebsArt_Rk1 Stellsignal_Rk1
 *       audit "/var/lib/meterd/audit.log"
 *   }
 *
 * A write checks the value against the profile's range and scale, goes to
 * the device on the poller's next bus turn (between its reads), is read
 * back to confirm, and is recorded - who, what, old and new value, the
 * outcome - in the log and the audit file. The web page logs users in here
 * (sessions with a CSRF token each); MQTT command topics use the same
 * parameter list.
 */
#ifndef METERD_CONTROL_H
#define METERD_CONTROL_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "meter.h"

#define CONTROL_TOKEN_LEN 64 /* hex characters of a session or CSRF token */

struct control;
struct engine;

int control_check_section(const struct cfg_section *s, struct cfg_diag *d);

/*
 * One control for the process: control_apply() takes the control section of
 * each configuration (start and reload; none: nothing is writable).
 */
struct control *control_new(struct engine *e);
void            control_apply(struct control *ctl, const struct cfg *c);
void            control_free(struct control *ctl);

/* --- sessions */

/*
 * Checks user and password against the configured hash. On success opens a
 * session: token and csrf (CONTROL_TOKEN_LEN + 1 bytes each) get fresh
 * random hex. Failures are logged (without the password).
 */
bool control_login(struct control *ctl, const char *user, const char *password, const char *from,
                   char *token, char *csrf);

/* The user of a live session, or NULL; *csrf its CSRF token. Sessions last 12 hours. */
const char *control_session(struct control *ctl, const char *token, const char **csrf);

void control_logout(struct control *ctl, const char *token);

/* --- parameters */

struct control_param {
	const char                 *meter;
	const struct profile_entry *pe; /* name, unit, scale, range, description */
};

size_t control_param_count(const struct control *ctl);
bool   control_param_at(const struct control *ctl, size_t i, struct control_param *out);

/*
 * Sets parameter `name` of `meter` to value (a decimal in the parameter's
 * unit) for user `who`. Returns 0 and *id when the write is on its way
 * (control_result() tells how it ended), or -1 with *why: not writable
 * here, out of range, not a multiple of the scale, the device busy.
 */
int control_param_set(struct control *ctl, const char *meter, const char *name, const char *value,
                      const char *who, unsigned *id, const char **why);

/* How write id ended: false while it is still on its way (or unknown: *known false). */
bool control_result(const struct control *ctl, unsigned id, bool *known, struct param_result *out);

#endif
