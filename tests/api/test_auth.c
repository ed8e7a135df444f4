/*
 * Accounts over the API: login, throttling, sessions, CSRF, one-time
 * passwords, bearer tokens, registration and the admin endpoints' RBAC.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define ADMIN_NEW_PW	"a much better admin passphrase"

/* Init, add a reporter "rita" with TEST_PASSWORD, start with env. */
static struct srv *
boot(void **state, const char *const *env)
{
	struct srv	*s = *state;

	srv_init(s);
	srv_user_add(s, "rita", "reporter", NULL, "Rita Reporter", TEST_PASSWORD);
	srv_start(s, env);
	return s;
}

/* A JSON text from a jansson pack format; caller frees. */
static char *
pack(const char *fmt, ...)
{
	json_error_t	 jerr;
	json_t		*o;
	char		*text;
	va_list		 ap;

	va_start(ap, fmt);
	o = json_vpack_ex(&jerr, 0, fmt, ap);
	va_end(ap);
	assert_non_null(o);
	text = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	assert_non_null(text);
	return text;
}

static struct resp *
login_raw(const struct srv *s, const char *login, const char *pw)
{
	char		*body = pack("{s:s, s:s}", "login", login, "password", pw);
	struct resp	*r;

	r = api(s, "POST", "/api/v1/session", NULL, body, NULL);
	free(body);
	return r;
}

static bool
is_hex(const char *s, size_t n)
{
	size_t	i;

	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return i == n;
}

static void
test_auth__login_ok(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;
	struct cred	 c;
	const char	*sc, *csrf;
	json_t		*o, *u;

	assert_int_equal(srv_login(s, "rita", TEST_PASSWORD, &c, &r), 201);
	assert_true(contains_ci(resp_header(r, "Content-Type"), "application/json"));
	sc = resp_set_cookie(r, "ld_session");
	assert_non_null(sc);
	assert_true(contains_ci(sc, "; HttpOnly"));
	assert_true(contains_ci(sc, "; SameSite=Strict"));
	assert_true(contains_ci(sc, "; Path=/"));
	assert_true(contains_ci(sc, "; Max-Age="));
	assert_true(strlen(c.cookie) > 20);
	/* The body identifies the user and gives the CSRF token, never secrets. */
	o = resp_json(r);
	assert_non_null(o);
	u = json_object_get(o, "user");
	assert_true(json_is_object(u));
	assert_string_equal(json_string_value(json_object_get(u, "login")), "rita");
	assert_string_equal(json_string_value(json_object_get(u, "role")), "reporter");
	assert_string_equal(json_string_value(json_object_get(u, "display_name")),
	    "Rita Reporter");
	assert_true(json_is_false(json_object_get(u, "must_change_password")));
	assert_null(json_object_get(u, "password_hash"));
	assert_null(json_object_get(u, "password"));
	assert_not_contains(r->body, "argon2");
	assert_not_contains(r->body, c.cookie);
	csrf = json_string_value(json_object_get(o, "csrf_token"));
	assert_non_null(csrf);
	assert_true(is_hex(csrf, 64));
	assert_true(json_is_string(json_object_get(o, "expires_at")));
	resp_free(r);

	/* The cookie works: GET /api/v1/me is the same person and CSRF token. */
	r = api(s, "GET", "/api/v1/me", &c, NULL, NULL);
	assert_status(r, 200);
	o = resp_json(r);
	assert_non_null(o);
	assert_string_equal(json_string_value(json_object_get(
	    json_object_get(o, "user"), "login")), "rita");
	assert_string_equal(json_string_value(json_object_get(o, "auth")), "session");
	assert_string_equal(json_string_value(json_object_get(o, "csrf_token")), c.csrf);
	resp_free(r);

	/* Each login is a new session with its own token. */
	{
		struct cred	c2;

		assert_int_equal(srv_login(s, "rita", TEST_PASSWORD, &c2, NULL), 201);
		assert_string_not_equal(c2.cookie, c.cookie);
		assert_string_not_equal(c2.csrf, c.csrf);
	}
}

static void
test_auth__wrong_password_is_401_problem(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;

	r = login_raw(s, "rita", "not the right password");
	assert_problem(r, 401);
	assert_null(resp_set_cookie(r, "ld_session"));
	resp_free(r);

	/* The admin's one-time password is not everyone's. */
	r = login_raw(s, "rita", s->admin_pw);
	assert_problem(r, 401);
	resp_free(r);

	/* Missing or empty fields are invalid requests, not failed logins. */
	r = api(s, "POST", "/api/v1/session", NULL, "{\"login\":\"rita\"}", NULL);
	assert_problem_field(r, 400, "password");
	resp_free(r);
	r = api(s, "POST", "/api/v1/session", NULL,
	    "{\"login\":\"\",\"password\":\"x\"}", NULL);
	assert_problem_field(r, 400, "login");
	resp_free(r);
}

static void
test_auth__unknown_login_gives_the_same_answer(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*a, *b;
	const char	*keys[] = { "type", "title", "detail" };
	size_t		 i;

	a = login_raw(s, "rita", "not the right password");
	b = login_raw(s, "nobody-here", "not the right password");
	assert_problem(a, 401);
	assert_problem(b, 401);
	/* Nothing tells an attacker which logins exist. */
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		assert_string_equal(resp_jstr(a, keys[i]), resp_jstr(b, keys[i]));
	assert_null(json_object_get(resp_json(a), "field"));
	assert_null(json_object_get(resp_json(b), "field"));
	assert_int_equal(json_object_size(resp_json(a)), json_object_size(resp_json(b)));
	resp_free(a);
	resp_free(b);
}

static void
test_auth__account_throttled_after_max_failures(void **state)
{
	struct srv	*s = boot(state, (const char *const[]){
			    "LOUDONG_AUTH_THROTTLE_ACCOUNT_MAX=3",
			    "LOUDONG_AUTH_THROTTLE_WINDOW=600", NULL });
	struct resp	*r;
	const char	*ra;
	char		*end;
	long		 secs;
	int		 i;

	for (i = 0; i < 3; i++) {
		r = login_raw(s, "rita", "wrong password, again");
		assert_problem(r, 401);
		resp_free(r);
	}
	/* Now even the right password is refused, with a time to come back. */
	r = login_raw(s, "rita", TEST_PASSWORD);
	assert_problem(r, 429);
	assert_null(resp_set_cookie(r, "ld_session"));
	ra = resp_header(r, "Retry-After");
	assert_non_null(ra);
	secs = strtol(ra, &end, 10);
	assert_true(end != ra && *end == '\0');
	assert_true(secs >= 1 && secs <= 600);
	resp_free(r);

	r = login_raw(s, "rita", "wrong password, again");
	assert_problem(r, 429);
	assert_non_null(resp_header(r, "Retry-After"));
	resp_free(r);

	/*
	 * The count lives in the database: a restart does not reset it.
	 * Another account from the same address is not locked out.
	 */
	srv_stop(s);
	srv_user_add(s, "otto", "reporter", NULL, NULL, TEST_PASSWORD);
	srv_start(s, NULL);
	r = login_raw(s, "rita", TEST_PASSWORD);
	assert_problem(r, 429);
	resp_free(r);
	{
		struct cred	c;

		assert_int_equal(srv_login(s, "otto", TEST_PASSWORD, &c, NULL), 201);
	}
}

static void
test_auth__address_throttled_across_logins(void **state)
{
	struct srv	*s = boot(state, (const char *const[]){
			    "LOUDONG_AUTH_THROTTLE_ACCOUNT_MAX=100",
			    "LOUDONG_AUTH_THROTTLE_ADDRESS_MAX=4", NULL });
	struct resp	*r;
	char		 login[32];
	int		 i;

	/* One address guessing a different login each time. */
	for (i = 0; i < 4; i++) {
		snprintf(login, sizeof(login), "guess%d", i);
		r = login_raw(s, login, "wrong password, again");
		assert_problem(r, 401);
		resp_free(r);
	}
	r = login_raw(s, "guess-next", "wrong password, again");
	assert_problem(r, 429);
	assert_non_null(resp_header(r, "Retry-After"));
	resp_free(r);
	/* The address is throttled, whoever it claims to be. */
	r = login_raw(s, "rita", TEST_PASSWORD);
	assert_problem(r, 429);
	assert_non_null(resp_header(r, "Retry-After"));
	resp_free(r);
}

static void
test_auth__me_requires_login(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;

	r = http(s, "GET", "/api/v1/me", NULL, NULL);
	assert_problem(r, 401);
	assert_non_null(resp_header(r, "WWW-Authenticate"));
	assert_true(contains_ci(resp_header(r, "WWW-Authenticate"), "Bearer"));
	resp_free(r);

	/* A cookie that is no session is dropped, and the answer is the same. */
	r = http(s, "GET", "/api/v1/me", NULL,
	    "Cookie: ld_session=lds_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", NULL);
	assert_problem(r, 401);
	assert_non_null(resp_set_cookie(r, "ld_session"));
	assert_true(contains_ci(resp_set_cookie(r, "ld_session"), "Max-Age=0"));
	resp_free(r);

	r = http(s, "GET", "/api/v1/tokens", NULL, NULL);
	assert_problem(r, 401);
	resp_free(r);
}

static void
test_auth__one_time_password_must_be_changed(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;
	struct cred	 c;
	json_t		*u;
	char		*body;

	assert_int_equal(srv_login(s, "admin", s->admin_pw, &c, &r), 201);
	u = json_object_get(resp_json(r), "user");
	assert_string_equal(json_string_value(json_object_get(u, "role")), "admin");
	assert_true(json_is_true(json_object_get(u, "must_change_password")));
	resp_free(r);

	r = api(s, "GET", "/api/v1/me", &c, NULL, NULL);
	assert_status(r, 200);
	u = json_object_get(resp_json(r), "user");
	assert_true(json_is_true(json_object_get(u, "must_change_password")));
	resp_free(r);

	/* Until the password is changed, the admin endpoints refuse. */
	r = api(s, "GET", "/api/v1/admin/users", &c, NULL, NULL);
	assert_problem_rule(r, 403, "account.must_change_password");
	resp_free(r);
	r = api(s, "GET", "/api/v1/admin/orgs", &c, NULL, NULL);
	assert_problem_rule(r, 403, "account.must_change_password");
	resp_free(r);
	r = api(s, "POST", "/api/v1/admin/orgs", &c,
	    "{\"slug\":\"acme\",\"name\":\"Acme\",\"kind\":\"provider\",\"country\":\"CN\"}",
	    NULL);
	assert_problem_rule(r, 403, "account.must_change_password");
	resp_free(r);
	r = api(s, "GET", "/api/v1/tokens", &c, NULL, NULL);
	assert_problem_rule(r, 403, "account.must_change_password");
	resp_free(r);

	/* A wrong current password, then a too short new one. */
	body = pack("{s:s, s:s}", "current_password", "not it at all",
	    "new_password", ADMIN_NEW_PW);
	r = api(s, "POST", "/api/v1/me/password", &c, body, NULL);
	free(body);
	assert_problem_field(r, 403, "current_password");
	resp_free(r);
	body = pack("{s:s, s:s}", "current_password", s->admin_pw,
	    "new_password", "short");
	r = api(s, "POST", "/api/v1/me/password", &c, body, NULL);
	free(body);
	assert_problem_field(r, 400, "new_password");
	resp_free(r);

	/* Changing it needs the CSRF token like any other change. */
	body = pack("{s:s, s:s}", "current_password", s->admin_pw,
	    "new_password", ADMIN_NEW_PW);
	c.no_csrf = true;
	r = api(s, "POST", "/api/v1/me/password", &c, body, NULL);
	assert_problem_rule(r, 403, "csrf.token");
	resp_free(r);
	c.no_csrf = false;
	r = api(s, "POST", "/api/v1/me/password", &c, body, NULL);
	free(body);
	assert_status(r, 204);
	assert_int_equal(r->len, 0);
	resp_free(r);

	/* The same session goes on, now without the restriction. */
	r = api(s, "GET", "/api/v1/me", &c, NULL, NULL);
	assert_status(r, 200);
	u = json_object_get(resp_json(r), "user");
	assert_true(json_is_false(json_object_get(u, "must_change_password")));
	resp_free(r);
	r = api(s, "GET", "/api/v1/admin/users", &c, NULL, NULL);
	assert_status(r, 200);
	resp_free(r);

	/* The one-time password is spent; the new one works. */
	r = login_raw(s, "admin", s->admin_pw);
	assert_problem(r, 401);
	resp_free(r);
	{
		struct cred	c2;

		assert_int_equal(srv_login(s, "admin", ADMIN_NEW_PW, &c2, NULL), 201);
	}
}

static void
test_auth__password_change_ends_other_sessions(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;
	struct cred	 a, b;
	char		*body;

	assert_int_equal(srv_login(s, "rita", TEST_PASSWORD, &a, NULL), 201);
	assert_int_equal(srv_login(s, "rita", TEST_PASSWORD, &b, NULL), 201);
	body = pack("{s:s, s:s}", "current_password", TEST_PASSWORD,
	    "new_password", "another long passphrase");
	r = api(s, "POST", "/api/v1/me/password", &a, body, NULL);
	free(body);
	assert_status(r, 204);
	resp_free(r);
	/* The session that changed it stays; the other one is gone. */
	r = api(s, "GET", "/api/v1/me", &a, NULL, NULL);
	assert_status(r, 200);
	resp_free(r);
	r = api(s, "GET", "/api/v1/me", &b, NULL, NULL);
	assert_problem(r, 401);
	resp_free(r);
	r = login_raw(s, "rita", TEST_PASSWORD);
	assert_problem(r, 401);
	resp_free(r);
}

static void
test_auth__bearer_token_from_cli(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;
	struct cred	 t;
	json_t		*o;

	memset(&t, 0, sizeof(t));
	srv_token_create(s, "rita", t.bearer, sizeof(t.bearer));
	assert_true(strncmp(t.bearer, "ldt_", 4) == 0);

	r = api(s, "GET", "/api/v1/me", &t, NULL, NULL);
	assert_status(r, 200);
	o = resp_json(r);
	assert_non_null(o);
	assert_string_equal(json_string_value(json_object_get(
	    json_object_get(o, "user"), "login")), "rita");
	assert_string_equal(json_string_value(json_object_get(o, "auth")), "token");
	assert_null(json_object_get(o, "csrf_token"));
	resp_free(r);

	/* A token needs no CSRF header for changes. */
	r = api(s, "POST", "/api/v1/tokens", &t, "{\"label\":\"ci\"}", NULL);
	assert_status(r, 201);
	assert_true(strncmp(resp_jstr(r, "token"), "ldt_", 4) == 0);
	assert_string_equal(resp_jstr(r, "label"), "ci");
	resp_free(r);

	/* Bad bearer credentials. */
	{
		const char	*bad[] = {
			"Authorization: Bearer ldt_notatokenatall",
			"Authorization: Bearer lds_notatokenatall",
			"Authorization: Bearer ",
			"Authorization: Basic cml0YTpwYXNzd29yZA==",
		};
		size_t		 i;

		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			r = http(s, "GET", "/api/v1/me", NULL, bad[i], NULL);
			assert_problem(r, 401);
			resp_free(r);
		}
	}
	/* A token with one character changed. */
	{
		struct cred	tt = t;
		size_t		n = strlen(tt.bearer);

		tt.bearer[n - 1] = tt.bearer[n - 1] == 'A' ? 'B' : 'A';
		r = api(s, "GET", "/api/v1/me", &tt, NULL, NULL);
		assert_problem_field(r, 401, "Authorization");
		resp_free(r);
	}
}

static void
test_auth__token_revoke_then_401(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;
	struct cred	 t, c;
	json_t		*items;
	char		 path[64];
	json_int_t	 id;

	memset(&t, 0, sizeof(t));
	srv_token_create(s, "rita", t.bearer, sizeof(t.bearer));

	r = api(s, "GET", "/api/v1/tokens", &t, NULL, NULL);
	assert_status(r, 200);
	items = json_object_get(resp_json(r), "items");
	assert_true(json_is_array(items));
	assert_int_equal(json_array_size(items), 1);
	id = json_integer_value(json_object_get(json_array_get(items, 0), "id"));
	assert_true(id > 0);
	assert_true(json_is_null(json_object_get(json_array_get(items, 0), "revoked_at")));
	/* Only hashes are kept: the list never shows a token. */
	assert_null(json_object_get(json_array_get(items, 0), "token"));
	assert_not_contains(r->body, t.bearer);
	resp_free(r);

	/* Someone else cannot revoke it. */
	snprintf(path, sizeof(path), "/api/v1/tokens/%lld", (long long)id);
	srv_stop(s);
	srv_user_add(s, "otto", "reporter", NULL, NULL, TEST_PASSWORD);
	srv_start(s, NULL);
	assert_int_equal(srv_login(s, "otto", TEST_PASSWORD, &c, NULL), 201);
	r = api(s, "DELETE", path, &c, NULL, NULL);
	assert_problem_field(r, 404, "id");
	resp_free(r);
	r = api(s, "GET", "/api/v1/me", &t, NULL, NULL);
	assert_status(r, 200);
	resp_free(r);

	/* Its owner can. */
	r = api(s, "DELETE", path, &t, NULL, NULL);
	assert_status(r, 204);
	resp_free(r);
	r = api(s, "GET", "/api/v1/me", &t, NULL, NULL);
	assert_problem(r, 401);
	resp_free(r);

	/* Bad ids. */
	assert_int_equal(srv_login(s, "rita", TEST_PASSWORD, &c, NULL), 201);
	r = api(s, "DELETE", "/api/v1/tokens/0", &c, NULL, NULL);
	assert_problem_field(r, 400, "id");
	resp_free(r);
	r = api(s, "DELETE", "/api/v1/tokens/abc", &c, NULL, NULL);
	assert_problem_field(r, 400, "id");
	resp_free(r);
	r = api(s, "DELETE", "/api/v1/tokens/99999", &c, NULL, NULL);
	assert_problem_field(r, 404, "id");
	resp_free(r);
}

static void
test_auth__session_token_created_over_api(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;
	struct cred	 c, t;

	assert_int_equal(srv_login(s, "rita", TEST_PASSWORD, &c, NULL), 201);
	c.no_csrf = true;
	r = api(s, "POST", "/api/v1/tokens", &c, "{\"label\":\"laptop\"}", NULL);
	assert_problem_rule(r, 403, "csrf.token");
	resp_free(r);
	c.no_csrf = false;
	r = api(s, "POST", "/api/v1/tokens", &c, "{\"label\":\"laptop\"}", NULL);
	assert_status(r, 201);
	memset(&t, 0, sizeof(t));
	assert_non_null(resp_jstr(r, "token"));
	snprintf(t.bearer, sizeof(t.bearer), "%s", resp_jstr(r, "token"));
	resp_free(r);
	r = api(s, "GET", "/api/v1/me", &t, NULL, NULL);
	assert_status(r, 200);
	resp_free(r);
}

static void
test_auth__logout_needs_csrf(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;
	struct cred	 c;
	const char	*sc;

	assert_int_equal(srv_login(s, "rita", TEST_PASSWORD, &c, NULL), 201);

	c.no_csrf = true;
	r = api(s, "DELETE", "/api/v1/session", &c, NULL, NULL);
	assert_problem_rule(r, 403, "csrf.token");
	resp_free(r);
	c.no_csrf = false;

	/* A wrong token, of the right length, is no better. */
	{
		struct cred	w = c;

		w.csrf[0] = w.csrf[0] == 'a' ? 'b' : 'a';
		r = api(s, "DELETE", "/api/v1/session", &w, NULL, NULL);
		assert_problem_rule(r, 403, "csrf.token");
		resp_free(r);
	}
	/* The refused attempts did not log out. */
	r = api(s, "GET", "/api/v1/me", &c, NULL, NULL);
	assert_status(r, 200);
	resp_free(r);

	r = api(s, "DELETE", "/api/v1/session", &c, NULL, NULL);
	assert_status(r, 204);
	assert_int_equal(r->len, 0);
	sc = resp_set_cookie(r, "ld_session");
	assert_non_null(sc);
	assert_true(contains_ci(sc, "Max-Age=0"));
	resp_free(r);

	r = api(s, "GET", "/api/v1/me", &c, NULL, NULL);
	assert_problem(r, 401);
	resp_free(r);
	r = api(s, "DELETE", "/api/v1/session", &c, NULL, NULL);
	assert_problem(r, 401);
	resp_free(r);
}

static void
test_auth__self_registration(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;
	struct cred	 c;
	char		*body;
	json_t		*o;

	body = pack("{s:s, s:s, s:s, s:s}", "login", "wendy", "password",
	    TEST_PASSWORD, "display_name", "Wendy 白帽", "email", "wendy@example.org");
	r = api(s, "POST", "/api/v1/users", NULL, body, NULL);
	assert_status(r, 201);
	o = resp_json(r);
	assert_non_null(o);
	assert_string_equal(json_string_value(json_object_get(o, "login")), "wendy");
	assert_string_equal(json_string_value(json_object_get(o, "role")), "reporter");
	assert_string_equal(json_string_value(json_object_get(o, "display_name")),
	    "Wendy 白帽");
	assert_true(json_is_null(json_object_get(o, "org")));
	assert_true(json_is_false(json_object_get(o, "must_change_password")));
	assert_null(json_object_get(o, "password_hash"));
	assert_not_contains(r->body, TEST_PASSWORD);
	resp_free(r);

	/* The new account can log in right away. */
	assert_int_equal(srv_login(s, "wendy", TEST_PASSWORD, &c, NULL), 201);

	free(body);

	/* The same login again, and the same address under another login. */
	body = pack("{s:s, s:s, s:s}", "login", "wendy", "password", TEST_PASSWORD,
	    "email", "other@example.org");
	r = api(s, "POST", "/api/v1/users", NULL, body, NULL);
	free(body);
	assert_problem_field(r, 409, "login");
	resp_free(r);
	body = pack("{s:s, s:s, s:s}", "login", "wendy2", "password", TEST_PASSWORD,
	    "email", "wendy@example.org");
	r = api(s, "POST", "/api/v1/users", NULL, body, NULL);
	free(body);
	assert_problem_field(r, 409, "email");
	resp_free(r);
	body = pack("{s:s, s:s}", "login", "rita", "password", TEST_PASSWORD);
	r = api(s, "POST", "/api/v1/users", NULL, body, NULL);
	free(body);
	assert_problem_field(r, 409, "login");
	resp_free(r);

	/* Too weak a password. */
	body = pack("{s:s, s:s}", "login", "weakling", "password", "1234567");
	r = api(s, "POST", "/api/v1/users", NULL, body, "Accept-Language: en", NULL);
	free(body);
	assert_problem_field(r, 400, "password");
	assert_contains(resp_jstr(r, "detail"), "12");
	resp_free(r);
	/* ...and the account was not made. */
	r = login_raw(s, "weakling", "1234567");
	assert_problem(r, 401);
	resp_free(r);

	/* A bad login and a bad address. */
	body = pack("{s:s, s:s}", "login", "Bad Login!", "password", TEST_PASSWORD);
	r = api(s, "POST", "/api/v1/users", NULL, body, NULL);
	free(body);
	assert_problem_field(r, 400, "login");
	resp_free(r);
	body = pack("{s:s, s:s, s:s}", "login", "mailer", "password", TEST_PASSWORD,
	    "email", "not-an-address");
	r = api(s, "POST", "/api/v1/users", NULL, body, NULL);
	free(body);
	assert_problem_field(r, 400, "email");
	resp_free(r);

	/* Nobody registers themselves as anything but a reporter. */
	body = pack("{s:s, s:s, s:s}", "login", "sneaky", "password", TEST_PASSWORD,
	    "role", "admin");
	r = api(s, "POST", "/api/v1/users", NULL, body, NULL);
	free(body);
	assert_problem_field(r, 400, "role");
	resp_free(r);
}

static void
test_auth__registration_switched_off(void **state)
{
	struct srv	*s = boot(state, (const char *const[]){
			    "LOUDONG_AUTH_ALLOW_REGISTRATION=false", NULL });
	struct resp	*r;
	char		*body;

	body = pack("{s:s, s:s}", "login", "wendy", "password", TEST_PASSWORD);
	r = api(s, "POST", "/api/v1/users", NULL, body, NULL);
	free(body);
	assert_problem_rule(r, 403, "auth.allow_registration");
	resp_free(r);
	r = login_raw(s, "wendy", TEST_PASSWORD);
	assert_problem(r, 401);
	resp_free(r);
}

static void
test_auth__reporter_denied_admin_endpoints(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;
	struct cred	 c, t;

	assert_int_equal(srv_login(s, "rita", TEST_PASSWORD, &c, NULL), 201);
	r = api(s, "GET", "/api/v1/admin/users", &c, NULL, "Accept-Language: en", NULL);
	assert_problem_rule(r, 403, "rbac.role");
	assert_contains(resp_jstr(r, "detail"), "reporter");
	assert_contains(resp_jstr(r, "detail"), "admin");
	resp_free(r);
	r = api(s, "GET", "/api/v1/admin/orgs", &c, NULL, NULL);
	assert_problem_rule(r, 403, "rbac.role");
	resp_free(r);
	r = api(s, "POST", "/api/v1/admin/orgs", &c,
	    "{\"slug\":\"acme\",\"name\":\"Acme\",\"kind\":\"provider\",\"country\":\"CN\"}",
	    NULL);
	assert_problem_rule(r, 403, "rbac.role");
	resp_free(r);
	r = api(s, "POST", "/api/v1/admin/users", &c,
	    "{\"login\":\"mole\",\"password\":\"" TEST_PASSWORD "\",\"role\":\"admin\"}",
	    NULL);
	assert_problem_rule(r, 403, "rbac.role");
	resp_free(r);

	/* The same with a bearer token. */
	memset(&t, 0, sizeof(t));
	srv_token_create(s, "rita", t.bearer, sizeof(t.bearer));
	r = api(s, "GET", "/api/v1/admin/users", &t, NULL, NULL);
	assert_problem_rule(r, 403, "rbac.role");
	resp_free(r);
	r = api(s, "POST", "/api/v1/admin/users", &t,
	    "{\"login\":\"mole\",\"password\":\"" TEST_PASSWORD "\",\"role\":\"admin\"}",
	    NULL);
	assert_problem_rule(r, 403, "rbac.role");
	resp_free(r);
	/* The denied account was not created. */
	r = login_raw(s, "mole", TEST_PASSWORD);
	assert_problem(r, 401);
	resp_free(r);
}

/* Is there an item in the list response r whose key is value? */
static bool
list_has(struct resp *r, const char *key, const char *value)
{
	json_t	*items = json_object_get(resp_json(r), "items"), *it;
	size_t	 i;

	json_array_foreach(items, i, it)
		if (json_is_string(json_object_get(it, key)) &&
		    strcmp(json_string_value(json_object_get(it, key)), value) == 0)
			return true;
	return false;
}

static void
test_auth__admin_manages_users_and_orgs(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;
	struct cred	 c, v;
	json_t		*o;
	char		*body;

	srv_admin_session(s, ADMIN_NEW_PW, &c);

	r = api(s, "GET", "/api/v1/admin/users", &c, NULL, NULL);
	assert_status(r, 200);
	assert_true(json_is_array(json_object_get(resp_json(r), "items")));
	assert_true(list_has(r, "login", "admin"));
	assert_true(list_has(r, "login", "rita"));
	assert_not_contains(r->body, "argon2");
	resp_free(r);

	/* Pagination. */
	r = api(s, "GET", "/api/v1/admin/users?limit=1", &c, NULL, NULL);
	assert_status(r, 200);
	assert_int_equal(json_array_size(json_object_get(resp_json(r), "items")), 1);
	assert_true(json_is_string(json_object_get(resp_json(r), "next_cursor")));
	resp_free(r);
	r = api(s, "GET", "/api/v1/admin/users?limit=0", &c, NULL, NULL);
	assert_problem_field(r, 400, "limit");
	resp_free(r);

	/* Organisations. */
	body = pack("{s:s, s:s, s:s, s:s}", "slug", "acme", "name", "艾克米网络有限公司",
	    "kind", "provider", "country", "CN");
	r = api(s, "POST", "/api/v1/admin/orgs", &c, body, NULL);
	assert_status(r, 201);
	o = resp_json(r);
	assert_string_equal(json_string_value(json_object_get(o, "slug")), "acme");
	assert_string_equal(json_string_value(json_object_get(o, "name")),
	    "艾克米网络有限公司");
	assert_string_equal(json_string_value(json_object_get(o, "kind")), "provider");
	assert_string_equal(json_string_value(json_object_get(o, "country")), "CN");
	resp_free(r);
	r = api(s, "POST", "/api/v1/admin/orgs", &c, body, NULL);
	free(body);
	assert_problem_field(r, 409, "slug");
	resp_free(r);
	body = pack("{s:s, s:s, s:s, s:s}", "slug", "nowhere", "name", "Nowhere",
	    "kind", "provider", "country", "XX");
	r = api(s, "POST", "/api/v1/admin/orgs", &c, body, NULL);
	free(body);
	assert_problem_field(r, 400, "country");
	resp_free(r);
	body = pack("{s:s, s:s, s:s, s:s}", "slug", "lower", "name", "Lower",
	    "kind", "provider", "country", "cn");
	r = api(s, "POST", "/api/v1/admin/orgs", &c, body, NULL);
	free(body);
	assert_problem_field(r, 400, "country");
	resp_free(r);
	body = pack("{s:s, s:s, s:s, s:s}", "slug", "Bad Slug", "name", "Bad",
	    "kind", "provider", "country", "CN");
	r = api(s, "POST", "/api/v1/admin/orgs", &c, body, NULL);
	free(body);
	assert_problem_field(r, 400, "slug");
	resp_free(r);
	body = pack("{s:s, s:s, s:s, s:s}", "slug", "kindless", "name", "Kindless",
	    "kind", "bakery", "country", "CN");
	r = api(s, "POST", "/api/v1/admin/orgs", &c, body, NULL);
	free(body);
	assert_problem_field(r, 400, "kind");
	resp_free(r);
	r = api(s, "GET", "/api/v1/admin/orgs", &c, NULL, NULL);
	assert_status(r, 200);
	assert_true(list_has(r, "slug", "acme"));
	assert_false(list_has(r, "slug", "nowhere"));
	resp_free(r);

	/* A vendor account in that organisation, with a one-time password. */
	body = pack("{s:s, s:s, s:s, s:s, s:s}", "login", "vera", "password",
	    TEST_PASSWORD, "display_name", "Vera Vendor", "role", "vendor", "org", "acme");
	r = api(s, "POST", "/api/v1/admin/users", &c, body, NULL);
	free(body);
	assert_status(r, 201);
	o = resp_json(r);
	assert_string_equal(json_string_value(json_object_get(o, "login")), "vera");
	assert_string_equal(json_string_value(json_object_get(o, "role")), "vendor");
	assert_string_equal(json_string_value(json_object_get(o, "org")), "acme");
	assert_true(json_is_true(json_object_get(o, "must_change_password")));
	resp_free(r);
	assert_int_equal(srv_login(s, "vera", TEST_PASSWORD, &v, &r), 201);
	assert_true(json_is_true(json_object_get(json_object_get(resp_json(r), "user"),
	    "must_change_password")));
	resp_free(r);

	/* An organisation that does not exist, and a role that does not. */
	body = pack("{s:s, s:s, s:s, s:s}", "login", "ghost", "password",
	    TEST_PASSWORD, "role", "vendor", "org", "no-such-org");
	r = api(s, "POST", "/api/v1/admin/users", &c, body, NULL);
	free(body);
	assert_problem_field(r, 404, "org");
	resp_free(r);
	body = pack("{s:s, s:s, s:s}", "login", "ghost", "password", TEST_PASSWORD,
	    "role", "overlord");
	r = api(s, "POST", "/api/v1/admin/users", &c, body, NULL);
	free(body);
	assert_problem_field(r, 400, "role");
	resp_free(r);

	/* Admin changes over a session need the CSRF token too. */
	c.no_csrf = true;
	r = api(s, "POST", "/api/v1/admin/orgs", &c,
	    "{\"slug\":\"csrf-less\",\"name\":\"X\",\"kind\":\"provider\",\"country\":\"CN\"}",
	    NULL);
	assert_problem_rule(r, 403, "csrf.token");
	resp_free(r);
}

static void
test_auth__success_clears_the_account_count(void **state)
{
	struct srv	*s = boot(state, (const char *const[]){
			    "LOUDONG_AUTH_THROTTLE_ACCOUNT_MAX=3", NULL });
	struct resp	*r;
	struct cred	 c;
	int		 round, i;

	/* Two failures and a success, twice: never three in a row. */
	for (round = 0; round < 2; round++) {
		for (i = 0; i < 2; i++) {
			r = login_raw(s, "rita", "wrong password, again");
			assert_problem(r, 401);
			resp_free(r);
		}
		assert_int_equal(srv_login(s, "rita", TEST_PASSWORD, &c, NULL), 201);
	}
}

static void
test_auth__admin_lists_page_through_cursor(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;
	struct cred	 c;
	char		 path[128], seen[8][32];
	const char	*next;
	json_t		*items;
	size_t		 n = 0, i, pages = 0;

	srv_stop(s);
	srv_user_add(s, "otto", "reporter", NULL, NULL, TEST_PASSWORD);
	srv_user_add(s, "tina", "triager", NULL, NULL, TEST_PASSWORD);
	srv_start(s, NULL);
	srv_admin_session(s, ADMIN_NEW_PW, &c);

	/* Two at a time: every account once, in order, and then the end. */
	snprintf(path, sizeof(path), "/api/v1/admin/users?limit=2");
	for (;;) {
		assert_true(++pages <= 4);
		r = api(s, "GET", path, &c, NULL, NULL);
		assert_status(r, 200);
		items = json_object_get(resp_json(r), "items");
		assert_true(json_is_array(items));
		assert_true(json_array_size(items) <= 2);
		for (i = 0; i < json_array_size(items); i++) {
			assert_true(n < 8);
			snprintf(seen[n++], sizeof(seen[0]), "%s", json_string_value(
			    json_object_get(json_array_get(items, i), "login")));
		}
		next = json_string_value(json_object_get(resp_json(r), "next_cursor"));
		if (next == NULL) {
			assert_true(json_is_null(json_object_get(resp_json(r),
			    "next_cursor")));
			resp_free(r);
			break;
		}
		snprintf(path, sizeof(path), "/api/v1/admin/users?limit=2&cursor=%s", next);
		resp_free(r);
	}
	assert_int_equal(n, 4);
	assert_string_equal(seen[0], "admin");
	assert_string_equal(seen[1], "rita");
	assert_string_equal(seen[2], "otto");
	assert_string_equal(seen[3], "tina");

	/* Out-of-range page parameters are named. */
	r = api(s, "GET", "/api/v1/admin/users?limit=201", &c, NULL, NULL);
	assert_problem_field(r, 400, "limit");
	resp_free(r);
	r = api(s, "GET", "/api/v1/admin/users?limit=ten", &c, NULL, NULL);
	assert_problem_field(r, 400, "limit");
	resp_free(r);
	r = api(s, "GET", "/api/v1/admin/users?cursor=-1", &c, NULL, NULL);
	assert_problem_field(r, 400, "cursor");
	resp_free(r);
}

static void
test_auth__token_use_is_recorded(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;
	struct cred	 t;
	json_t		*tok;

	memset(&t, 0, sizeof(t));
	srv_token_create(s, "rita", t.bearer, sizeof(t.bearer));
	r = api(s, "GET", "/api/v1/me", &t, NULL, NULL);
	assert_status(r, 200);
	resp_free(r);
	r = api(s, "GET", "/api/v1/tokens", &t, NULL, NULL);
	assert_status(r, 200);
	tok = json_array_get(json_object_get(resp_json(r), "items"), 0);
	assert_non_null(tok);
	assert_true(json_is_string(json_object_get(tok, "last_used_at")));
	assert_true(json_is_string(json_object_get(tok, "created_at")));
	assert_string_equal(json_string_value(json_object_get(tok, "label")), "api");
	resp_free(r);
}

static void
test_auth__https_base_url_makes_cookies_secure(void **state)
{
	struct srv	*s = boot(state, (const char *const[]){
			    "LOUDONG_INSTANCE_BASE_URL=https://loudong.example.cn", NULL });
	struct resp	*r;
	struct cred	 c;

	assert_int_equal(srv_login(s, "rita", TEST_PASSWORD, &c, &r), 201);
	assert_true(contains_ci(resp_set_cookie(r, "ld_session"), "; Secure"));
	assert_non_null(resp_header(r, "Strict-Transport-Security"));
	assert_true(contains_ci(resp_header(r, "Strict-Transport-Security"), "max-age="));
	resp_free(r);
}

static void
test_auth__login_response_is_not_cached(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;
	struct cred	 c;

	assert_int_equal(srv_login(s, "rita", TEST_PASSWORD, &c, &r), 201);
	assert_non_null(resp_header(r, "Cache-Control"));
	assert_true(contains_ci(resp_header(r, "Cache-Control"), "no-store"));
	/* Over plain http the cookie cannot be Secure, and there is no HSTS. */
	assert_false(contains_ci(resp_set_cookie(r, "ld_session"), "Secure"));
	assert_null(resp_header(r, "Strict-Transport-Security"));
	resp_free(r);
	r = api(s, "GET", "/api/v1/me", &c, NULL, NULL);
	assert_true(contains_ci(resp_header(r, "Cache-Control"), "no-store"));
	resp_free(r);
}

static void
test_auth__retry_after_is_sent_once(void **state)
{
	struct srv	*s = boot(state, (const char *const[]){
			    "LOUDONG_AUTH_THROTTLE_ACCOUNT_MAX=1", NULL });
	struct resp	*r;
	const char	*a, *b;

	r = login_raw(s, "rita", "wrong password, again");
	assert_problem(r, 401);
	resp_free(r);
	r = login_raw(s, "rita", TEST_PASSWORD);
	assert_problem(r, 429);
	a = resp_header_n(r, "Retry-After", 0);
	b = resp_header_n(r, "Retry-After", 1);
	assert_non_null(a);
	/*
	 * A singleton field (RFC 9110 10.2.3): a client that joins repeated
	 * fields sees "600, 600", which is no delay at all.
	 */
	if (b != NULL) {
		char	msg[200];

		snprintf(msg, sizeof(msg), "Retry-After is sent twice: '%s' and '%s'",
		    a, b);
		resp_free(r);
		fail_msg("%s", msg);
	}
	resp_free(r);
}

static void
test_auth__concurrent_registrations_and_logins(void **state)
{
	struct srv	*s = boot(state, NULL);
	enum { N = 16 };
	static const char *const json_hdr[] = { "Content-Type: application/json", NULL };
	struct http_req	 rq[N];
	struct resp	*out[N], *r;
	struct cred	 c;
	char		*bodies[N];
	json_t		*items;
	size_t		 i;

	/* Sixteen accounts at once: every write lands, none is lost or doubled. */
	for (i = 0; i < N; i++) {
		char	login[16];

		snprintf(login, sizeof(login), "user%02zu", i);
		bodies[i] = pack("{s:s, s:s}", "login", login, "password", TEST_PASSWORD);
		rq[i] = (struct http_req){ "POST", "/api/v1/users", json_hdr,
		    bodies[i], strlen(bodies[i]), 0, 0 };
	}
	http_parallel(s, rq, N, out);
	for (i = 0; i < N; i++) {
		assert_status(out[i], 201);
		resp_free(out[i]);
	}
	/* The same logins again, at once: all refused as taken. */
	http_parallel(s, rq, N, out);
	for (i = 0; i < N; i++) {
		assert_problem_field(out[i], 409, "login");
		resp_free(out[i]);
	}
	/* And all of them log in at once. */
	for (i = 0; i < N; i++)
		rq[i].path = "/api/v1/session";
	http_parallel(s, rq, N, out);
	for (i = 0; i < N; i++) {
		assert_status(out[i], 201);
		assert_non_null(resp_set_cookie(out[i], "ld_session"));
		resp_free(out[i]);
		free(bodies[i]);
	}

	srv_admin_session(s, ADMIN_NEW_PW, &c);
	r = api(s, "GET", "/api/v1/admin/users?limit=200", &c, NULL, NULL);
	assert_status(r, 200);
	items = json_object_get(resp_json(r), "items");
	assert_int_equal(json_array_size(items), N + 2);	/* + admin, rita */
	resp_free(r);
}

static void
test_auth__products_of_an_org(void **state)
{
	struct srv	*s = boot(state, NULL);
	struct resp	*r;
	struct cred	 c;
	json_t		*items;

	srv_admin_session(s, ADMIN_NEW_PW, &c);
	r = api(s, "POST", "/api/v1/admin/orgs", &c,
	    "{\"slug\":\"acme\",\"name\":\"Acme\",\"kind\":\"provider\",\"country\":\"CN\"}",
	    NULL);
	assert_status(r, 201);
	resp_free(r);

	r = api(s, "POST", "/api/v1/admin/orgs/acme/products", &c,
	    "{\"name\":\"路由器\",\"model\":\"R1\",\"versions\":\"1.0 - 1.2\"}", NULL);
	assert_status(r, 201);
	assert_string_equal(resp_jstr(r, "name"), "路由器");
	assert_string_equal(resp_jstr(r, "model"), "R1");
	resp_free(r);
	r = api(s, "POST", "/api/v1/admin/orgs/acme/products", &c,
	    "{\"name\":\"路由器\",\"model\":\"R1\"}", NULL);
	assert_problem(r, 409);
	resp_free(r);
	r = api(s, "POST", "/api/v1/admin/orgs/acme/products", &c, "{\"model\":\"R2\"}",
	    NULL);
	assert_problem_field(r, 400, "name");
	resp_free(r);
	r = api(s, "GET", "/api/v1/admin/orgs/acme/products", &c, NULL, NULL);
	assert_status(r, 200);
	items = json_object_get(resp_json(r), "items");
	assert_int_equal(json_array_size(items), 1);
	resp_free(r);

	r = api(s, "GET", "/api/v1/admin/orgs/nope/products", &c, NULL, NULL);
	assert_problem_field(r, 404, "slug");
	resp_free(r);
	r = api(s, "POST", "/api/v1/admin/orgs/nope/products", &c, "{\"name\":\"X\"}",
	    NULL);
	assert_problem(r, 404);
	resp_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn)	cmocka_unit_test_setup_teardown(fn, srv_setup, srv_teardown)
		T(test_auth__login_ok),
		T(test_auth__wrong_password_is_401_problem),
		T(test_auth__unknown_login_gives_the_same_answer),
		T(test_auth__account_throttled_after_max_failures),
		T(test_auth__address_throttled_across_logins),
		T(test_auth__me_requires_login),
		T(test_auth__one_time_password_must_be_changed),
		T(test_auth__password_change_ends_other_sessions),
		T(test_auth__bearer_token_from_cli),
		T(test_auth__token_revoke_then_401),
		T(test_auth__session_token_created_over_api),
		T(test_auth__logout_needs_csrf),
		T(test_auth__self_registration),
		T(test_auth__registration_switched_off),
		T(test_auth__reporter_denied_admin_endpoints),
		T(test_auth__admin_manages_users_and_orgs),
		T(test_auth__success_clears_the_account_count),
		T(test_auth__admin_lists_page_through_cursor),
		T(test_auth__token_use_is_recorded),
		T(test_auth__https_base_url_makes_cookies_secure),
		T(test_auth__login_response_is_not_cached),
		T(test_auth__retry_after_is_sent_once),
		T(test_auth__concurrent_registrations_and_logins),
		T(test_auth__products_of_an_org),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
