/*
 * http_control.c - the web server's remote-configuration requests (control.h):
 * login with a session cookie, the writable parameters, CSRF-checked writes
 * and their results. Everything else the server does is in http.c.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "control.h"
#include "http_impl.h"
#include "meterd/reading.h"

/* --- remote configuration (control.h): login, parameters, writes */

#define POST_MAX         2048
#define SESSION_COOKIE   "meterd_session"
#define LOGIN_FAILS_MAX  5  /* failed logins per minute, then everyone waits */

/* A POST's body, collected over MHD's calls. */
struct post {
	char   body[POST_MAX + 1];
	size_t len;
	bool   too_big;
};

/* Value of key in an application/x-www-form-urlencoded body; false when absent or too long. */
static bool
form_get(const char *body, const char *key, char *out, size_t cap)
{
	size_t kl = strlen(key);

	for (const char *p = body; p != NULL && *p != '\0'; p = strchr(p, '&'), p = p ? p + 1 : NULL) {
		size_t n = 0;
		if (strncmp(p, key, kl) != 0 || p[kl] != '=')
			continue;
		for (p += kl + 1; *p != '\0' && *p != '&'; p++) {
			int c = (unsigned char)*p;
			if (c == '+')
				c = ' ';
			else if (c == '%' && p[1] != '\0' && p[2] != '\0') {
				char hx[3] = {p[1], p[2], 0}, *end;
				c = (int)strtol(hx, &end, 16);
				if (*end != '\0')
					return false;
				p += 2;
			}
			if (n + 1 >= cap || c == 0)
				return false;
			out[n++] = (char)c;
		}
		out[n] = '\0';
		return true;
	}
	return false;
}

static void
peer_name(struct MHD_Connection *conn, char *buf, size_t cap)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr          *sa = ci != NULL ? ci->client_addr : NULL;

	snprintf(buf, cap, "?");
	if (sa != NULL && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, buf, (socklen_t)cap);
	else if (sa != NULL && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, buf, (socklen_t)cap);
}

/* The logged-in user of this request, or NULL; *csrf the session's CSRF token. */
static const char *
session_user(struct http *h, struct MHD_Connection *conn, const char **csrf)
{
	const char *tok = MHD_lookup_connection_value(conn, MHD_COOKIE_KIND, SESSION_COOKIE);

	return h->control != NULL ? control_session(h->control, tok, csrf) : NULL;
}

/* A state-changing request must carry the session's CSRF token in a header. */
static const char *
session_user_csrf(struct http *h, struct MHD_Connection *conn)
{
	const char *csrf = NULL, *user = session_user(h, conn, &csrf);
	const char *sent = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-CSRF-Token");

	if (user == NULL || sent == NULL || csrf == NULL || strcmp(sent, csrf) != 0)
		return NULL;
	return user;
}

static enum MHD_Result
api_session(struct http *h, struct MHD_Connection *conn)
{
	const char *csrf = NULL, *user = session_user(h, conn, &csrf);
	struct out  o;

	if (!http_out_open(&o))
		return MHD_NO;
	jsonw_obj_open(&o.w);
	jsonw_bool(&o.w, "control", control_param_count(h->control) > 0);
	if (user != NULL) {
		jsonw_str(&o.w, "user", user);
		jsonw_str(&o.w, "csrf", csrf);
	} else
		jsonw_null(&o.w, "user");
	jsonw_obj_close(&o.w);
	return http_out_send(&o, conn, MHD_HTTP_OK, "application/json");
}

static enum MHD_Result
api_login(struct http *h, struct MHD_Connection *conn, const struct post *p)
{
	char                 user[64], pass[256], from[64], token[CONTROL_TOKEN_LEN + 1],
	    csrf[CONTROL_TOKEN_LEN + 1], cookie[160];
	time_t               now = time(NULL);
	struct out           o;
	struct MHD_Response *r;
	enum MHD_Result      ret;

	if (h->control == NULL || control_param_count(h->control) == 0)
		return http_send_error(conn, MHD_HTTP_FORBIDDEN, "remote configuration is off (no control section)");
	if (now - h->login_window >= 60) {
		h->login_window = now;
		h->login_failures = 0;
	}
	if (h->login_failures >= LOGIN_FAILS_MAX)
		return http_send_error(conn, MHD_HTTP_TOO_MANY_REQUESTS, "too many failed logins; wait a minute");
	if (!form_get(p->body, "user", user, sizeof(user)) ||
	    !form_get(p->body, "password", pass, sizeof(pass)))
		return http_send_error(conn, MHD_HTTP_BAD_REQUEST, "user and password expected");
	peer_name(conn, from, sizeof(from));
	if (!control_login(h->control, user, pass, from, token, csrf)) {
		h->login_failures++;
		memset(pass, 0, sizeof(pass));
		return http_send_error(conn, MHD_HTTP_FORBIDDEN, "wrong user or password");
	}
	memset(pass, 0, sizeof(pass));
	if (!http_out_open(&o))
		return MHD_NO;
	jsonw_obj_open(&o.w);
	jsonw_str(&o.w, "user", user);
	jsonw_str(&o.w, "csrf", csrf);
	jsonw_obj_close(&o.w);
	if (fclose(o.f) != 0 ||
	    (r = MHD_create_response_from_buffer(o.len, o.buf, MHD_RESPMEM_MUST_FREE)) == NULL) {
		free(o.buf);
		return MHD_NO;
	}
	/* HttpOnly: scripts cannot read it; SameSite=Strict: other sites cannot send it. */
	snprintf(cookie, sizeof(cookie), SESSION_COOKIE "=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200",
	         token);
	MHD_add_response_header(r, MHD_HTTP_HEADER_SET_COOKIE, cookie);
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json");
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	ret = MHD_queue_response(conn, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result
api_logout(struct http *h, struct MHD_Connection *conn)
{
	const char *tok = MHD_lookup_connection_value(conn, MHD_COOKIE_KIND, SESSION_COOKIE);

	if (session_user_csrf(h, conn) == NULL)
		return http_send_error(conn, MHD_HTTP_FORBIDDEN, "not logged in");
	control_logout(h->control, tok);
	return http_send_error(conn, MHD_HTTP_OK, "logged out");
}

/* Raw bound of an entry in its unit, as an exact decimal. */
static void
bound_json(struct jsonw *w, const char *key, const struct profile_entry *pe, int64_t raw)
{
	char num[READING_NUM_MAX];
	int  e = pe->scale_exp;

	reading_format_number(raw * pe->scale_mul, (int8_t)e, num);
	jsonw_raw_number(w, key, num);
}

static enum MHD_Result
api_params(struct http *h, struct MHD_Connection *conn)
{
	struct out o;

	if (!http_out_open(&o))
		return MHD_NO;
	jsonw_obj_open(&o.w);
	jsonw_arr_open(&o.w, "params");
	for (size_t i = 0; i < control_param_count(h->control); i++) {
		struct control_param   cp;
		const struct rd_value *v;
		char                   id[RD_ID_MAX];
		if (!control_param_at(h->control, i, &cp) || cp.pe == NULL)
			continue;
		jsonw_obj_open(&o.w);
		jsonw_str(&o.w, "meter", cp.meter);
		jsonw_str(&o.w, "name", cp.pe->name);
		jsonw_str(&o.w, "unit", cp.pe->unit);
		jsonw_str(&o.w, "description", cp.pe->description);
		if (cp.pe->has_min)
			bound_json(&o.w, "min", cp.pe, cp.pe->raw_min);
		if (cp.pe->has_max)
			bound_json(&o.w, "max", cp.pe, cp.pe->raw_max);
		bound_json(&o.w, "step", cp.pe, 1);
		snprintf(id, sizeof(id), "%s/%s", cp.meter, cp.pe->name);
		v = readings_value_find(h->rd, id, NULL);
		if (v != NULL && v->have && !v->is_text)
			http_value_number(&o.w, "value", v);
		jsonw_obj_close(&o.w);
	}
	jsonw_arr_close(&o.w);
	jsonw_obj_close(&o.w);
	return http_out_send(&o, conn, MHD_HTTP_OK, "application/json");
}

static enum MHD_Result
api_param_set(struct http *h, struct MHD_Connection *conn, const struct post *p)
{
	char        meter[64], name[64], value[32];
	const char *user = session_user_csrf(h, conn), *why = NULL;
	unsigned    id = 0;
	struct out  o;

	if (user == NULL)
		return http_send_error(conn, MHD_HTTP_FORBIDDEN, "log in first (and send the X-CSRF-Token)");
	if (!form_get(p->body, "meter", meter, sizeof(meter)) ||
	    !form_get(p->body, "name", name, sizeof(name)) ||
	    !form_get(p->body, "value", value, sizeof(value)))
		return http_send_error(conn, MHD_HTTP_BAD_REQUEST, "meter, name and value expected");
	if (control_param_set(h->control, meter, name, value, user, &id, &why) != 0)
		return http_send_error(conn, MHD_HTTP_BAD_REQUEST, why);
	if (!http_out_open(&o))
		return MHD_NO;
	jsonw_obj_open(&o.w);
	jsonw_uint(&o.w, "id", id);
	jsonw_obj_close(&o.w);
	return http_out_send(&o, conn, MHD_HTTP_ACCEPTED, "application/json");
}

static enum MHD_Result
api_param_result(struct http *h, struct MHD_Connection *conn)
{
	int64_t             id = -1; /* absent: refused below */
	bool                known, done;
	struct param_result r;
	struct out          o;

	if (session_user(h, conn, NULL) == NULL)
		return http_send_error(conn, MHD_HTTP_FORBIDDEN, "log in first");
	if (!http_arg_i64(conn, "id", &id) || id < 0 || id > UINT32_MAX)
		return http_send_error(conn, MHD_HTTP_BAD_REQUEST, "id: expected a number");
	done = control_result(h->control, (unsigned)id, &known, &r);
	if (!known)
		return http_send_error(conn, MHD_HTTP_NOT_FOUND, "no such write");
	if (!http_out_open(&o))
		return MHD_NO;
	jsonw_obj_open(&o.w);
	jsonw_bool(&o.w, "done", done);
	if (done) {
		jsonw_bool(&o.w, "ok", r.ok);
		jsonw_str(&o.w, "message", r.msg);
		if (r.value[0] != '\0')
			jsonw_raw_number(&o.w, "value", r.value);
	}
	jsonw_obj_close(&o.w);
	return http_out_send(&o, conn, MHD_HTTP_OK, "application/json");
}

void
http_control_request_done(void *cls, struct MHD_Connection *conn, void **con_cls,
             enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)conn;
	(void)toe;
	free(*con_cls);
	*con_cls = NULL;
}

/* POST requests: the body is collected first, then the action runs once. */
enum MHD_Result
http_control_post(struct http *h, struct MHD_Connection *conn, const char *url, const char *upload,
             size_t *upload_size, void **con_cls)
{
	struct post *p = *con_cls;

	if (strcmp(url, "/api/login") != 0 && strcmp(url, "/api/logout") != 0 &&
	    strcmp(url, "/api/params") != 0)
		return http_send_error(conn, MHD_HTTP_METHOD_NOT_ALLOWED, "GET only here");
	if (p == NULL) {
		if ((p = calloc(1, sizeof(*p))) == NULL)
			return MHD_NO;
		*con_cls = p;
		return MHD_YES;
	}
	if (*upload_size != 0) {
		if (p->len + *upload_size > POST_MAX)
			p->too_big = true;
		else {
			memcpy(p->body + p->len, upload, *upload_size);
			p->len += *upload_size;
		}
		*upload_size = 0;
		return MHD_YES;
	}
	if (p->too_big)
		return http_send_error(conn, MHD_HTTP_CONTENT_TOO_LARGE, "request body too large");
	p->body[p->len] = '\0';
	if (strcmp(url, "/api/login") == 0)
		return api_login(h, conn, p);
	if (strcmp(url, "/api/logout") == 0)
		return api_logout(h, conn);
	return api_param_set(h, conn, p);
}

void
http_set_control(struct http *h, struct control *ctl)
{
	if (h != NULL)
		h->control = ctl;
}

bool
http_control_get(struct http *h, struct MHD_Connection *conn, const char *url,
                 enum MHD_Result *ret)
{
	if (strcmp(url, "/api/session") == 0)
		*ret = api_session(h, conn);
	else if (strcmp(url, "/api/params") == 0)
		*ret = api_params(h, conn);
	else if (strcmp(url, "/api/params/result") == 0)
		*ret = api_param_result(h, conn);
	else
		return false;
	return true;
}
