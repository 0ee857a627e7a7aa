/*
 * control.c - remote configuration: users, sessions, writable parameters,
 * the audit trail; see control.h.
 */
#include <crypt.h>
#include <stdarg.h>
#include <unistd.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "control.h"
#include "platform/posix/log.h"

#define CONTROL_USERS    8
#define CONTROL_PARAMS   64
#define CONTROL_SESSIONS 16
#define CONTROL_RESULTS  32
#define SESSION_S        (12 * 3600)

struct control_user {
	char name[CFG_NAME_MAX];
	char hash[160];
};

struct control_allowed {
	char meter[CFG_NAME_MAX];
	char name[PROFILE_NAME_MAX];
};

struct control_session {
	char   token[CONTROL_TOKEN_LEN + 1];
	char   csrf[CONTROL_TOKEN_LEN + 1];
	char   user[CFG_NAME_MAX];
	time_t expires;
};

/* A write on its way or done; control_result() reads it. */
struct control_job {
	struct control     *ctl;
	unsigned            id;
	bool                used, finished;
	char                who[CFG_NAME_MAX], meter[CFG_NAME_MAX], name[PROFILE_NAME_MAX];
	char                value[32];
	struct param_result result;
};

struct control {
	struct engine          *e;
	struct control_user     users[CONTROL_USERS];
	size_t                  n_users;
	struct control_allowed  allowed[CONTROL_PARAMS];
	size_t                  n_allowed;
	char                    audit[CFG_PATH_MAX];
	struct control_session  sessions[CONTROL_SESSIONS];
	struct control_job      jobs[CONTROL_RESULTS];
	unsigned                next_id;
};

/* --- configuration */

struct control_cfg {
	struct control_user    users[CONTROL_USERS];
	size_t                 n_users;
	struct control_allowed allowed[CONTROL_PARAMS];
	size_t                 n_allowed;
	char                   audit[CFG_PATH_MAX];
};

static int
control_parse(const struct cfg_section *s, struct cfg_diag *d, struct control_cfg *c)
{
	int before = d->errors;

	memset(c, 0, sizeof(*c));
	for (size_t i = 0; i < s->n_settings; i++) {
		const struct cfg_setting *st = &s->settings[i];
		const char               *k = st->word[0];

		if (strcmp(k, "user") == 0) {
			struct control_user *u = &c->users[c->n_users];
			if (!cfg_want_args(d, st, 2, 2, "user NAME \"CRYPT-HASH\""))
				continue;
			if (c->n_users == CONTROL_USERS) {
				cfg_diag_error(d, st->line, st->col[0], "at most %d users", CONTROL_USERS);
				continue;
			}
			if (!cfg_get_str(d, st, 1, u->name, sizeof(u->name)) ||
			    !cfg_get_str(d, st, 2, u->hash, sizeof(u->hash)))
				continue;
			/* Only a crypt(3) hash: a password in clear text here is refused. */
			if (u->hash[0] != '$' || strchr(u->hash + 1, '$') == NULL) {
				cfg_diag_error(d, st->line, st->col[2],
				               "expected a crypt(3) hash such as made by `openssl passwd -6`, not a password");
				continue;
			}
			c->n_users++;
		} else if (strcmp(k, "meter") == 0) {
			if (!cfg_want_args(d, st, 2, CFG_WORDS_MAX - 1, "meter NAME PARAMETER ..."))
				continue;
			for (size_t w = 2; w < st->n; w++) {
				struct control_allowed *a = &c->allowed[c->n_allowed];
				if (c->n_allowed == CONTROL_PARAMS) {
					cfg_diag_error(d, st->line, st->col[w], "at most %d parameters", CONTROL_PARAMS);
					break;
				}
				if (cfg_get_str(d, st, 1, a->meter, sizeof(a->meter)) &&
				    cfg_get_str(d, st, w, a->name, sizeof(a->name)))
					c->n_allowed++;
			}
		} else if (strcmp(k, "audit") == 0) {
			if (cfg_want_args(d, st, 1, 1, "audit PATH"))
				cfg_get_str(d, st, 1, c->audit, sizeof(c->audit));
		} else
			cfg_unknown_key(d, st, "control", "user, meter, audit");
	}
	if (c->n_allowed > 0 && c->n_users == 0)
		cfg_diag_error(d, s->line, s->col, "control: writable parameters need at least one user");
	return d->errors - before;
}

int
control_check_section(const struct cfg_section *s, struct cfg_diag *d)
{
	struct control_cfg *c = malloc(sizeof(*c));
	int                 n;

	if (c == NULL) {
		cfg_diag_error(d, s->line, s->col, "out of memory");
		return 1;
	}
	n = control_parse(s, d, c);
	free(c);
	return n;
}

struct control *
control_new(struct engine *e)
{
	struct control *ctl = calloc(1, sizeof(*ctl));

	if (ctl != NULL)
		ctl->e = e;
	return ctl;
}

void
control_apply(struct control *ctl, const struct cfg *c)
{
	const struct cfg_section *s = cfg_section_find(c, "control");
	struct control_cfg       *cc = calloc(1, sizeof(*cc));
	struct cfg_diag           d = {.file = c->file};

	if (ctl == NULL || cc == NULL) {
		free(cc);
		return;
	}
	if (s != NULL && control_parse(s, &d, cc) != 0)
		memset(cc, 0, sizeof(*cc));
	memcpy(ctl->users, cc->users, sizeof(ctl->users));
	ctl->n_users = cc->n_users;
	memcpy(ctl->allowed, cc->allowed, sizeof(ctl->allowed));
	ctl->n_allowed = cc->n_allowed;
	memcpy(ctl->audit, cc->audit, sizeof(ctl->audit));
	/* A user who is gone (or whose hash changed) has no session any more. */
	for (size_t i = 0; i < CONTROL_SESSIONS; i++) {
		bool keep = false;
		for (size_t u = 0; u < ctl->n_users; u++)
			keep |= strcmp(ctl->sessions[i].user, ctl->users[u].name) == 0;
		if (!keep)
			memset(&ctl->sessions[i], 0, sizeof(ctl->sessions[i]));
	}
	if (ctl->n_allowed > 0)
		log_info("control: %zu parameters writable by %zu users%s%s", ctl->n_allowed, ctl->n_users,
		         ctl->audit[0] != '\0' ? ", audit in " : "", ctl->audit);
	free(cc);
}

void
control_free(struct control *ctl)
{
	free(ctl);
}

/* --- sessions */

static bool
random_hex(char *out, size_t hex_len)
{
	uint8_t buf[CONTROL_TOKEN_LEN / 2];
	size_t  n = hex_len / 2;

	if (n > sizeof(buf) || getrandom(buf, n, 0) != (ssize_t)n)
		return false;
	for (size_t i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", buf[i]);
	return true;
}

/* Equal in time independent of where they differ. */
static bool
same_secret(const char *a, const char *b)
{
	size_t        la = strlen(a), lb = strlen(b);
	unsigned char diff = la != lb;

	for (size_t i = 0; i < la && i < lb; i++)
		diff |= (unsigned char)(a[i] ^ b[i]);
	return diff == 0;
}

bool
control_login(struct control *ctl, const char *user, const char *password, const char *from,
              char *token, char *csrf)
{
	struct crypt_data      *cd;
	const char             *hash = NULL, *got;
	struct control_session *slot = NULL;
	time_t                  now = time(NULL);
	bool                    ok;

	for (size_t i = 0; i < ctl->n_users; i++)
		if (strcmp(ctl->users[i].name, user) == 0)
			hash = ctl->users[i].hash;
	cd = calloc(1, sizeof(*cd));
	if (cd == NULL)
		return false;
	/* An unknown user costs the same hashing as a known one. */
	got = crypt_r(password, hash != NULL ? hash : "$6$nosuchuser$", cd);
	ok = hash != NULL && got != NULL && got[0] != '*' && same_secret(got, hash);
	free(cd);
	if (!ok) {
		log_warnx("control: login of \"%s\" from %s refused", user, from);
		return false;
	}
	for (size_t i = 0; i < CONTROL_SESSIONS; i++)
		if (ctl->sessions[i].token[0] == '\0' || ctl->sessions[i].expires < now) {
			slot = &ctl->sessions[i];
			break;
		}
	if (slot == NULL) { /* full: the oldest session ends */
		slot = &ctl->sessions[0];
		for (size_t i = 1; i < CONTROL_SESSIONS; i++)
			if (ctl->sessions[i].expires < slot->expires)
				slot = &ctl->sessions[i];
	}
	if (!random_hex(slot->token, CONTROL_TOKEN_LEN) || !random_hex(slot->csrf, CONTROL_TOKEN_LEN)) {
		memset(slot, 0, sizeof(*slot));
		return false;
	}
	snprintf(slot->user, sizeof(slot->user), "%s", user);
	slot->expires = now + SESSION_S;
	memcpy(token, slot->token, CONTROL_TOKEN_LEN + 1);
	memcpy(csrf, slot->csrf, CONTROL_TOKEN_LEN + 1);
	log_info("control: %s logged in from %s", user, from);
	return true;
}

const char *
control_session(struct control *ctl, const char *token, const char **csrf)
{
	time_t now = time(NULL);

	if (token == NULL || strlen(token) != CONTROL_TOKEN_LEN)
		return NULL;
	for (size_t i = 0; i < CONTROL_SESSIONS; i++) {
		struct control_session *s = &ctl->sessions[i];
		if (s->token[0] != '\0' && s->expires >= now && same_secret(s->token, token)) {
			if (csrf != NULL)
				*csrf = s->csrf;
			return s->user;
		}
	}
	return NULL;
}

void
control_logout(struct control *ctl, const char *token)
{
	for (size_t i = 0; i < CONTROL_SESSIONS; i++)
		if (ctl->sessions[i].token[0] != '\0' && same_secret(ctl->sessions[i].token, token))
			memset(&ctl->sessions[i], 0, sizeof(ctl->sessions[i]));
}

/* --- parameters */

size_t
control_param_count(const struct control *ctl)
{
	return ctl != NULL ? ctl->n_allowed : 0;
}

bool
control_param_at(const struct control *ctl, size_t i, struct control_param *out)
{
	struct meter *m;

	if (ctl == NULL || i >= ctl->n_allowed)
		return false;
	m = engine_meter_find(ctl->e, ctl->allowed[i].meter);
	out->meter = ctl->allowed[i].meter;
	out->pe = NULL;
	if (m == NULL)
		return true;
	for (size_t k = 0; k < m->profile.count; k++)
		if (strcmp(m->profile.entries[k].name, ctl->allowed[i].name) == 0)
			out->pe = &m->profile.entries[k];
	return true;
}

/* "-12.5" -> mantissa -125, exponent -1; false for anything else. */
static bool
parse_decimal(const char *s, int64_t *mant, int *exp10)
{
	int64_t v = 0;
	int     e = 0, digits = 0;
	bool    neg = false, point = false;

	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	for (; *s != '\0'; s++) {
		if (*s == '.' && !point) {
			point = true;
			continue;
		}
		if (*s < '0' || *s > '9' || ++digits > 15)
			return false;
		v = v * 10 + (*s - '0');
		if (point)
			e--;
	}
	if (digits == 0)
		return false;
	*mant = neg ? -v : v;
	*exp10 = e;
	return true;
}

static void
audit(const struct control *ctl, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
audit(const struct control *ctl, const char *fmt, ...)
{
	char    line[512];
	va_list ap;
	FILE   *f;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	log_info("audit: %s", line);
	if (ctl->audit[0] == '\0')
		return;
	f = fopen(ctl->audit, "a");
	if (f == NULL) {
		log_warn("audit file %s", ctl->audit);
		return;
	}
	{
		char      ts[32];
		time_t    t = time(NULL);
		struct tm tm;
		gmtime_r(&t, &tm);
		strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", &tm);
		fprintf(f, "%s %s\n", ts, line);
	}
	if (fflush(f) != 0 || fsync(fileno(f)) != 0)
		log_warn("audit file %s", ctl->audit);
	fclose(f);
}

static void
job_done(void *arg, const struct param_result *r)
{
	struct control_job *j = arg;

	j->result = *r;
	j->finished = true;
	audit(j->ctl, "%s set %s/%s = %s: %s%s%s", j->who, j->meter, j->name, j->value,
	      r->ok ? "ok" : "failed, ", r->ok ? "" : r->msg,
	      r->value[0] != '\0' ? (r->ok ? ", read back" : "") : "");
}

int
control_param_set(struct control *ctl, const char *meter, const char *name, const char *value,
                  const char *who, unsigned *id, const char **why)
{
	struct meter               *m;
	const struct profile_entry *pe = NULL;
	struct control_job         *j = NULL;
	int64_t                     mant, raw;
	int                         e10, r;
	bool                        allowed = false;

	for (size_t i = 0; ctl != NULL && i < ctl->n_allowed; i++)
		allowed |= strcmp(ctl->allowed[i].meter, meter) == 0 && strcmp(ctl->allowed[i].name, name) == 0;
	if (!allowed) {
		*why = "this parameter is not writable (control section)";
		goto refused;
	}
	m = engine_meter_find(ctl->e, meter);
	for (size_t k = 0; m != NULL && k < m->profile.count; k++)
		if (strcmp(m->profile.entries[k].name, name) == 0)
			pe = &m->profile.entries[k];
	if (pe == NULL) {
		*why = "no such parameter in the meter's profile";
		goto refused;
	}
	if (!parse_decimal(value, &mant, &e10)) {
		*why = "not a number";
		goto refused;
	}
	if (profile_raw_for_write(pe, mant, e10, &raw) != 0) {
		*why = "outside the parameter's range, not a multiple of its step, or read-only";
		goto refused;
	}
	/* The oldest finished result makes room. */
	for (size_t i = 0; i < CONTROL_RESULTS && j == NULL; i++)
		if (!ctl->jobs[i].used)
			j = &ctl->jobs[i];
	for (size_t i = 0; i < CONTROL_RESULTS && j == NULL; i++)
		if (ctl->jobs[i].finished)
			j = &ctl->jobs[i];
	if (j == NULL) {
		*why = "too many writes on their way";
		goto refused;
	}
	memset(j, 0, sizeof(*j));
	j->ctl = ctl;
	j->used = true;
	j->id = ++ctl->next_id;
	snprintf(j->who, sizeof(j->who), "%s", who);
	snprintf(j->meter, sizeof(j->meter), "%s", meter);
	snprintf(j->name, sizeof(j->name), "%s", name);
	snprintf(j->value, sizeof(j->value), "%s", value);
	r = modbus_param_queue(m, pe, true, raw, job_done, j);
	if (r != 0) {
		j->used = false;
		*why = r == -EBUSY ? "the device is busy with other writes" : "this meter cannot be written";
		goto refused;
	}
	*id = j->id;
	return 0;
refused:
	if (ctl != NULL)
		audit(ctl, "%s set %s/%s = %s: refused, %s", who, meter, name, value, *why);
	return -1;
}

bool
control_result(const struct control *ctl, unsigned id, bool *known, struct param_result *out)
{
	*known = false;
	for (size_t i = 0; ctl != NULL && i < CONTROL_RESULTS; i++)
		if (ctl->jobs[i].used && ctl->jobs[i].id == id) {
			*known = true;
			if (ctl->jobs[i].finished)
				*out = ctl->jobs[i].result;
			return ctl->jobs[i].finished;
		}
	return false;
}
