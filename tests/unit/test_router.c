/*
 * http/router (literal vs capture precedence, 404 vs 405 with Allow, HEAD,
 * captures, odd paths) and http/form (urlencoded decoding and pairs).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/sbuf.h"
#include "http/form.h"
#include "http/router.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define BIT(m)		(1u << (m))

static enum app_err
dummy(struct req *rq)
{
	(void)rq;
	return APP_OK;
}

/* The literal "me" routes come after the capture: order must not matter. */
static const struct route api_routes[] = {
	{ HTTP_GET, "/api/v1/users/{id}", PERM_USERS_READ, 0, NOPARAMS, dummy },	/* 0 */
	{ HTTP_PATCH, "/api/v1/users/{id}", PERM_USERS_MANAGE, 0, NOPARAMS, dummy },	/* 1 */
	{ HTTP_DELETE, "/api/v1/users/{id}", PERM_USERS_MANAGE, 0, NOPARAMS, dummy },	/* 2 */
	{ HTTP_GET, "/api/v1/users/me", PERM_ACCOUNT, 0, NOPARAMS, dummy },		/* 3 */
	{ HTTP_GET, "/api/v1/users", PERM_USERS_READ, 0, NOPARAMS, dummy },		/* 4 */
	{ HTTP_POST, "/api/v1/users", PERM_USERS_MANAGE, 0, NOPARAMS, dummy },		/* 5 */
	{ HTTP_POST, "/api/v1/session", PERM_NONE, 0, NOPARAMS, dummy },		/* 6 */
	{ HTTP_DELETE, "/api/v1/session", PERM_ACCOUNT, 0, NOPARAMS, dummy },		/* 7 */
	{ HTTP_GET, "/api/v1/orgs/{slug}/products/{pid}", PERM_ORGS_READ, 0, NOPARAMS, dummy }, /* 8 */
	{ HTTP_PUT, "/api/v1/orgs/{slug}", PERM_ORGS_MANAGE, 0, NOPARAMS, dummy },	/* 9 */
};

static const struct route web_routes[] = {
	{ HTTP_GET, "/", PERM_NONE, R_WEB, NOPARAMS, dummy },				/* 0 */
	{ HTTP_GET, "/a/{x}/c", PERM_NONE, R_WEB, NOPARAMS, dummy },			/* 1 */
	{ HTTP_GET, "/a/b/{y}", PERM_NONE, R_WEB, NOPARAMS, dummy },			/* 2 */
	{ HTTP_GET, "/x/{a}/{b}/{c}/{d}", PERM_NONE, R_WEB, NOPARAMS, dummy },		/* 3 */
	{ HTTP_GET, "/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15/16", PERM_NONE, R_WEB,
	  NOPARAMS, dummy },								/* 4 */
	{ HTTP_GET, "/reports/{id}/edit", PERM_ACCOUNT, R_WEB, NOPARAMS, dummy },	/* 5 */
	{ HTTP_POST, "/reports/{id}/edit", PERM_ACCOUNT, R_WEB | R_FORM, NOPARAMS, dummy }, /* 6 */
};

static const struct route_table tables[] = {
	{ api_routes, NELEM(api_routes) },
	{ web_routes, NELEM(web_routes) },
};

static int
setup_router(void **state)
{
	*state = router_new(tables, NELEM(tables));
	return *state == NULL ? -1 : 0;
}

static int
teardown_router(void **state)
{
	router_free(*state);
	return 0;
}

/* Match and expect MATCH_OK on want; returns the match for more checks. */
static struct route_match
expect_route(const struct router *r, enum http_method m, const char *path,
    const struct route *want)
{
	struct route_match	mt;
	enum match_result	res;

	res = router_match(r, m, path, &mt);
	if (res != MATCH_OK)
		fail_msg("%s %s: result %d, want MATCH_OK", http_method_name(m),
		    path, (int)res);
	if (mt.route != want)
		fail_msg("%s %s: matched \"%s\" (method %d), want \"%s\" (method %d)",
		    http_method_name(m), path, mt.route ? mt.route->pattern : "-",
		    mt.route ? (int)mt.route->method : -1, want->pattern,
		    (int)want->method);
	return mt;
}

static void
test_router__literal_beats_capture(void **state)
{
	const struct router	*r = *state;
	struct route_match	 mt;

	mt = expect_route(r, HTTP_GET, "/api/v1/users/me", &api_routes[3]);
	assert_int_equal(mt.ncap, 0);
	mt = expect_route(r, HTTP_GET, "/api/v1/users/42", &api_routes[0]);
	assert_int_equal(mt.ncap, 1);
	assert_true(str_eq(mt.cap_name[0], "id"));
	assert_true(str_eq(mt.cap_val[0], "42"));
	/* "mex" and "m" are not "me". */
	mt = expect_route(r, HTTP_GET, "/api/v1/users/mex", &api_routes[0]);
	assert_true(str_eq(mt.cap_val[0], "mex"));
	mt = expect_route(r, HTTP_GET, "/api/v1/users/m", &api_routes[0]);
	assert_true(str_eq(mt.cap_val[0], "m"));
	/* No PATCH on the literal: the capture route takes it, with "me" as id. */
	mt = expect_route(r, HTTP_PATCH, "/api/v1/users/me", &api_routes[1]);
	assert_true(str_eq(mt.cap_val[0], "me"));
}

static void
test_router__earlier_literal_is_more_specific(void **state)
{
	const struct router	*r = *state;
	struct route_match	 mt;

	/* Both /a/{x}/c and /a/b/{y} match; the earlier literal wins. */
	mt = expect_route(r, HTTP_GET, "/a/b/c", &web_routes[2]);
	assert_int_equal(mt.ncap, 1);
	assert_true(str_eq(mt.cap_name[0], "y"));
	assert_true(str_eq(mt.cap_val[0], "c"));
	mt = expect_route(r, HTTP_GET, "/a/z/c", &web_routes[1]);
	assert_true(str_eq(mt.cap_name[0], "x"));
	assert_true(str_eq(mt.cap_val[0], "z"));
}

static void
test_router__captures(void **state)
{
	const struct router	*r = *state;
	struct route_match	 mt;

	mt = expect_route(r, HTTP_GET, "/api/v1/orgs/acme/products/17", &api_routes[8]);
	assert_int_equal(mt.ncap, 2);
	assert_true(str_eq(mt.cap_name[0], "slug"));
	assert_true(str_eq(mt.cap_val[0], "acme"));
	assert_true(str_eq(mt.cap_name[1], "pid"));
	assert_true(str_eq(mt.cap_val[1], "17"));

	mt = expect_route(r, HTTP_GET, "/x/p/q/r/s", &web_routes[3]);
	assert_int_equal(mt.ncap, 4);
	assert_true(str_eq(mt.cap_name[0], "a"));
	assert_true(str_eq(mt.cap_val[0], "p"));
	assert_true(str_eq(mt.cap_name[1], "b"));
	assert_true(str_eq(mt.cap_val[1], "q"));
	assert_true(str_eq(mt.cap_name[2], "c"));
	assert_true(str_eq(mt.cap_val[2], "r"));
	assert_true(str_eq(mt.cap_name[3], "d"));
	assert_true(str_eq(mt.cap_val[3], "s"));

	/* A capture takes the segment's bytes as they are (UTF-8, dots, %). */
	mt = expect_route(r, HTTP_GET, "/api/v1/users/张三", &api_routes[0]);
	assert_true(str_eq(mt.cap_val[0], "张三"));
	mt = expect_route(r, HTTP_GET, "/api/v1/users/..", &api_routes[0]);
	assert_true(str_eq(mt.cap_val[0], ".."));
}

static void
test_router__not_found(void **state)
{
	static const char *const paths[] = {
		"/nope",
		"/api",
		"/api/v1",
		"/api/v1/user",
		"/api/v1/users/42/extra",
		"/API/v1/users",	/* literals are case-sensitive */
		"/api/v1/orgs/acme/products",
		"/reports/1",
		"",
		"api/v1/users",		/* not absolute */
		"*",
	};
	const struct router	*r = *state;
	struct route_match	 mt;
	size_t			 i;

	for (i = 0; i < NELEM(paths); i++) {
		if (router_match(r, HTTP_GET, paths[i], &mt) != MATCH_NOPATH)
			fail_msg("GET \"%s\" is not 404", paths[i]);
		assert_null(mt.route);
		assert_int_equal(mt.allow, 0);
	}
}

static void
test_router__method_not_allowed_allow_mask(void **state)
{
	const struct router	*r = *state;
	struct route_match	 mt;

	/* /api/v1/users/{id}: GET (so HEAD), PATCH, DELETE. */
	assert_int_equal(router_match(r, HTTP_PUT, "/api/v1/users/42", &mt),
	    MATCH_NOMETHOD);
	assert_null(mt.route);
	assert_int_equal(mt.allow, BIT(HTTP_GET) | BIT(HTTP_HEAD) |
	    BIT(HTTP_PATCH) | BIT(HTTP_DELETE));
	assert_int_equal(router_match(r, HTTP_POST, "/api/v1/users/42", &mt),
	    MATCH_NOMETHOD);
	assert_int_equal(mt.allow, BIT(HTTP_GET) | BIT(HTTP_HEAD) |
	    BIT(HTTP_PATCH) | BIT(HTTP_DELETE));

	/* /api/v1/users/me: its own GET plus the capture routes' methods. */
	assert_int_equal(router_match(r, HTTP_POST, "/api/v1/users/me", &mt),
	    MATCH_NOMETHOD);
	assert_int_equal(mt.allow, BIT(HTTP_GET) | BIT(HTTP_HEAD) |
	    BIT(HTTP_PATCH) | BIT(HTTP_DELETE));

	/* /api/v1/session: POST and DELETE only, so no HEAD either. */
	assert_int_equal(router_match(r, HTTP_GET, "/api/v1/session", &mt),
	    MATCH_NOMETHOD);
	assert_int_equal(mt.allow, BIT(HTTP_POST) | BIT(HTTP_DELETE));
	assert_int_equal(router_match(r, HTTP_HEAD, "/api/v1/session", &mt),
	    MATCH_NOMETHOD);
	assert_int_equal(mt.allow, BIT(HTTP_POST) | BIT(HTTP_DELETE));

	/* /api/v1/orgs/{slug}: PUT only. */
	assert_int_equal(router_match(r, HTTP_DELETE, "/api/v1/orgs/acme", &mt),
	    MATCH_NOMETHOD);
	assert_int_equal(mt.allow, BIT(HTTP_PUT));

	/* /reports/{id}/edit: GET (so HEAD) and POST. */
	assert_int_equal(router_match(r, HTTP_DELETE, "/reports/3/edit", &mt),
	    MATCH_NOMETHOD);
	assert_int_equal(mt.allow, BIT(HTTP_GET) | BIT(HTTP_HEAD) | BIT(HTTP_POST));
}

static void
test_router__head_served_by_get(void **state)
{
	const struct router	*r = *state;
	struct route_match	 mt;

	mt = expect_route(r, HTTP_HEAD, "/api/v1/users/me", &api_routes[3]);
	assert_int_equal(mt.route->method, HTTP_GET);
	mt = expect_route(r, HTTP_HEAD, "/api/v1/users/9", &api_routes[0]);
	assert_true(str_eq(mt.cap_val[0], "9"));
	mt = expect_route(r, HTTP_HEAD, "/", &web_routes[0]);
	mt = expect_route(r, HTTP_HEAD, "/api/v1/users", &api_routes[4]);
	assert_int_equal(mt.ncap, 0);
}

static void
test_router__each_method_finds_its_route(void **state)
{
	const struct router	*r = *state;

	expect_route(r, HTTP_GET, "/api/v1/users", &api_routes[4]);
	expect_route(r, HTTP_POST, "/api/v1/users", &api_routes[5]);
	expect_route(r, HTTP_PATCH, "/api/v1/users/1", &api_routes[1]);
	expect_route(r, HTTP_DELETE, "/api/v1/users/1", &api_routes[2]);
	expect_route(r, HTTP_POST, "/api/v1/session", &api_routes[6]);
	expect_route(r, HTTP_DELETE, "/api/v1/session", &api_routes[7]);
	expect_route(r, HTTP_PUT, "/api/v1/orgs/acme", &api_routes[9]);
	expect_route(r, HTTP_GET, "/reports/5/edit", &web_routes[5]);
	expect_route(r, HTTP_POST, "/reports/5/edit", &web_routes[6]);
	expect_route(r, HTTP_GET, "/", &web_routes[0]);
}

static void
test_router__empty_segments(void **state)
{
	static const struct {
		enum http_method	 m;
		const char		*path;
	} t[] = {
		{ HTTP_GET, "//" },
		{ HTTP_GET, "//api/v1/users" },
		{ HTTP_GET, "/api//v1/users" },
		{ HTTP_GET, "/api/v1//users" },
		{ HTTP_GET, "/api/v1/users//" },	/* {id} needs a non-empty segment */
		{ HTTP_GET, "/api/v1/orgs//products/1" },
		{ HTTP_GET, "/api/v1/orgs/acme/products//" },
		{ HTTP_PUT, "/api/v1/orgs//" },
		{ HTTP_GET, "/reports//edit" },
	};
	const struct router	*r = *state;
	struct route_match	 mt;
	size_t			 i;

	for (i = 0; i < NELEM(t); i++)
		if (router_match(r, t[i].m, t[i].path, &mt) != MATCH_NOPATH)
			fail_msg("%s \"%s\" is not 404", http_method_name(t[i].m),
			    t[i].path);
}

static void
test_router__trailing_slash(void **state)
{
	const struct router	*r = *state;
	struct route_match	 mt;

	/*
	 * One trailing slash ends the last segment without adding an empty
	 * one, so "/x/" is "/x"; a capture never matches the empty string.
	 */
	expect_route(r, HTTP_GET, "/api/v1/users/", &api_routes[4]);
	mt = expect_route(r, HTTP_GET, "/api/v1/users/42/", &api_routes[0]);
	assert_true(str_eq(mt.cap_val[0], "42"));
	assert_int_equal(router_match(r, HTTP_GET, "/api/v1/users/42//", &mt),
	    MATCH_NOPATH);
}

static void
test_router__segment_limit(void **state)
{
	const struct router	*r = *state;
	struct route_match	 mt;

	/* 16 segments: the most a path may have. */
	expect_route(r, HTTP_GET, "/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15/16",
	    &web_routes[4]);
	/* 17: refused before any matching. */
	assert_int_equal(router_match(r, HTTP_GET,
	    "/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15/16/17", &mt), MATCH_NOPATH);
	assert_int_equal(mt.allow, 0);
	assert_int_equal(router_match(r, HTTP_GET,
	    "/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a"
	    "/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a",
	    &mt), MATCH_NOPATH);
	assert_int_equal(router_match(r, HTTP_GET,
	    "/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15", &mt), MATCH_NOPATH);
}

static void
test_router__table_order_does_not_matter(void **state)
{
	/* The literal first this time. */
	static const struct route rev[] = {
		{ HTTP_GET, "/u/me", PERM_NONE, 0, NOPARAMS, dummy },
		{ HTTP_GET, "/u/{id}", PERM_NONE, 0, NOPARAMS, dummy },
	};
	static const struct route fwd[] = {
		{ HTTP_GET, "/u/{id}", PERM_NONE, 0, NOPARAMS, dummy },
		{ HTTP_GET, "/u/me", PERM_NONE, 0, NOPARAMS, dummy },
	};
	const struct route_table t1 = { rev, NELEM(rev) }, t2 = { fwd, NELEM(fwd) };
	struct router	*r1, *r2;

	(void)state;
	r1 = router_new(&t1, 1);
	r2 = router_new(&t2, 1);
	expect_route(r1, HTTP_GET, "/u/me", &rev[0]);
	expect_route(r1, HTTP_GET, "/u/you", &rev[1]);
	expect_route(r2, HTTP_GET, "/u/me", &fwd[1]);
	expect_route(r2, HTTP_GET, "/u/you", &fwd[0]);
	router_free(r1);
	router_free(r2);
	router_free(NULL);
}

/* form_decode */

static void
test_router__form_decode_table(void **state)
{
	static const struct {
		const char	*in;
		size_t		 n;
		int		 plus;
		const char	*out;
		size_t		 outn;
	} t[] = {
#define D(in, plus, out)	{ in, sizeof(in) - 1, plus, out, sizeof(out) - 1 }
		D("", 1, ""),
		D("abc", 1, "abc"),
		D("a+b", 1, "a b"),
		D("a+b", 0, "a+b"),
		D("++", 1, "  "),
		D("%41", 1, "A"),
		D("%4a%4A", 1, "JJ"),
		D("%2B", 1, "+"),		/* an encoded plus stays a plus */
		D("%20", 0, " "),
		D("%25", 1, "%"),
		D("%2541", 1, "%41"),		/* decoded once only */
		D("%E4%B8%AD%E6%96%87", 1, "中文"),
		D("%zz", 1, "%zz"),		/* malformed: kept as text */
		D("%g1", 1, "%g1"),
		D("%1g", 1, "%1g"),
		D("%", 1, "%"),
		D("%4", 1, "%4"),
		D("100%", 1, "100%"),
		D("a%", 1, "a%"),
		D("%%41", 1, "%A"),
		D("%+41", 1, "% 41"),
		D("a%00b", 1, "a\0b"),		/* NUL visible, length 3 */
		D("%00", 1, "\0"),
		D("%0a%0D", 1, "\n\r"),
		D("%FF%fe", 1, "\xff\xfe"),	/* bytes, not validated here */
#undef D
	};
	struct arena	*a = arena_new();
	struct str	 got;
	size_t		 i;

	(void)state;
	for (i = 0; i < NELEM(t); i++) {
		got = form_decode(a, t[i].in, t[i].n, t[i].plus);
		if (got.n != t[i].outn || memcmp(got.p, t[i].out, got.n) != 0)
			fail_msg("form_decode(\"%s\", plus=%d): got %zu bytes \"%.*s\"",
			    t[i].in, t[i].plus, got.n, (int)got.n, got.p);
		assert_int_equal(got.p[got.n], '\0');
	}
	/* n bounds the input: "%4" of "%41" is kept as text. */
	got = form_decode(a, "%41", 2, 1);
	assert_int_equal(got.n, 2);
	assert_memory_equal(got.p, "%4", 2);
	arena_free(a);
}

/* form_parse */

static void
test_router__form_parse_pairs(void **state)
{
	struct arena		*a = arena_new();
	struct form_pair	*p;
	const struct str	*v;
	int			 n;

	(void)state;
	n = form_parse(a, str_from("login=alice&password=s3cr%21t&remember=on"), &p);
	assert_int_equal(n, 3);
	assert_true(str_eq(p[0].name, "login"));
	assert_true(str_eq(p[0].value, "alice"));
	assert_true(str_eq(p[1].name, "password"));
	assert_true(str_eq(p[1].value, "s3cr!t"));
	assert_true(str_eq(p[2].name, "remember"));
	assert_true(str_eq(p[2].value, "on"));

	v = form_get(p, n, "password");
	assert_non_null(v);
	assert_true(str_eq(*v, "s3cr!t"));
	assert_null(form_get(p, n, "nope"));
	assert_null(form_get(p, n, "Login"));
	assert_null(form_get(p, n, "log"));
	arena_free(a);
}

static void
test_router__form_parse_table(void **state)
{
	static const struct {
		const char	*body;
		int		 n;
		const char	*name0;		/* first pair, if any */
		const char	*value0;
		size_t		 value0_len;
	} t[] = {
		{ "", 0, NULL, NULL, 0 },
		{ "&", 0, NULL, NULL, 0 },
		{ "&&&", 0, NULL, NULL, 0 },
		{ "a=1", 1, "a", "1", 1 },
		{ "a=1&", 1, "a", "1", 1 },
		{ "&a=1", 1, "a", "1", 1 },
		{ "a=1&&b=2", 2, "a", "1", 1 },
		{ "&&a=1&&&b=2&&", 2, "a", "1", 1 },
		{ "flag", 1, "flag", "", 0 },		/* no '=': empty value */
		{ "flag=", 1, "flag", "", 0 },
		{ "a=1=2", 1, "a", "1=2", 3 },		/* only the first '=' splits */
		{ "q=hello+world%21", 1, "q", "hello world!", 12 },
		{ "a%3Db=c%26d", 1, "a=b", "c&d", 3 },	/* decoded after splitting */
		{ "my+name=x", 1, "my name", "x", 1 },
		{ "x=%00", 1, "x", "\0", 1 },
		{ "x=a%00b", 1, "x", "a\0b", 3 },
		{ "x=%zz", 1, "x", "%zz", 3 },
		{ "x=%E4%B8%AD", 1, "x", "中", 3 },
		{ "a=1;b=2", 1, "a", "1;b=2", 5 },	/* ';' is not a separator */
	};
	struct arena		*a = arena_new();
	struct form_pair	*p;
	size_t			 i;
	int			 n;

	(void)state;
	for (i = 0; i < NELEM(t); i++) {
		p = NULL;
		n = form_parse(a, str_from(t[i].body), &p);
		if (n != t[i].n)
			fail_msg("form_parse(\"%s\"): %d pairs, want %d", t[i].body,
			    n, t[i].n);
		assert_non_null(p);
		if (n == 0)
			continue;
		if (!str_eq(p[0].name, t[i].name0))
			fail_msg("form_parse(\"%s\"): first name \"%.*s\"", t[i].body,
			    (int)p[0].name.n, p[0].name.p);
		if (p[0].value.n != t[i].value0_len ||
		    memcmp(p[0].value.p, t[i].value0, t[i].value0_len) != 0)
			fail_msg("form_parse(\"%s\"): first value has %zu bytes",
			    t[i].body, p[0].value.n);
		/* Values are NUL-terminated copies. */
		assert_non_null(p[0].value.p);
		assert_int_equal(p[0].value.p[p[0].value.n], '\0');
		assert_int_equal(p[0].name.p[p[0].name.n], '\0');
	}
	arena_free(a);
}

static void
test_router__form_parse_not_nul_terminated(void **state)
{
	struct arena		*a = arena_new();
	struct form_pair	*p;
	/* The body is the first 7 bytes; what follows must not be read. */
	const char		 buf[] = { 'a', '=', '1', '&', 'b', '=', '2', 'X', 'Y' };
	int			 n;

	(void)state;
	n = form_parse(a, (struct str){ buf, 7 }, &p);
	assert_int_equal(n, 2);
	assert_true(str_eq(p[1].name, "b"));
	assert_true(str_eq(p[1].value, "2"));
	n = form_parse(a, (struct str){ buf, 5 }, &p);
	assert_int_equal(n, 2);
	assert_true(str_eq(p[1].name, "b"));
	assert_int_equal(p[1].value.n, 0);
	arena_free(a);
}

static void
test_router__form_parse_pair_limit(void **state)
{
	struct arena		*a = arena_new();
	struct form_pair	*p;
	struct sbuf		 sb;
	int			 i, n;

	(void)state;
	sbuf_init(&sb, a, 0);
	for (i = 0; i < FORM_MAX_PAIRS; i++)
		sbuf_addf(&sb, "%sk%d=v%d", i ? "&" : "", i, i);
	n = form_parse(a, (struct str){ sb.buf, sb.len }, &p);
	assert_int_equal(n, FORM_MAX_PAIRS);
	assert_true(str_eq(p[FORM_MAX_PAIRS - 1].name, "k255"));
	assert_true(str_eq(p[FORM_MAX_PAIRS - 1].value, "v255"));

	/* Empty pairs do not count towards the limit. */
	sbuf_addstr(&sb, "&&&&");
	n = form_parse(a, (struct str){ sb.buf, sb.len }, &p);
	assert_int_equal(n, FORM_MAX_PAIRS);

	/* One more is refused as malformed. */
	sbuf_addstr(&sb, "&extra=1");
	n = form_parse(a, (struct str){ sb.buf, sb.len }, &p);
	assert_int_equal(n, -1);

	/* Far more, too. */
	for (i = 0; i < 1000; i++)
		sbuf_addstr(&sb, "&x");
	assert_int_equal(form_parse(a, (struct str){ sb.buf, sb.len }, &p), -1);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_router__literal_beats_capture),
		cmocka_unit_test(test_router__earlier_literal_is_more_specific),
		cmocka_unit_test(test_router__captures),
		cmocka_unit_test(test_router__not_found),
		cmocka_unit_test(test_router__method_not_allowed_allow_mask),
		cmocka_unit_test(test_router__head_served_by_get),
		cmocka_unit_test(test_router__each_method_finds_its_route),
		cmocka_unit_test(test_router__empty_segments),
		cmocka_unit_test(test_router__trailing_slash),
		cmocka_unit_test(test_router__segment_limit),
		cmocka_unit_test(test_router__table_order_does_not_matter),
		cmocka_unit_test(test_router__form_decode_table),
		cmocka_unit_test(test_router__form_parse_pairs),
		cmocka_unit_test(test_router__form_parse_table),
		cmocka_unit_test(test_router__form_parse_not_nul_terminated),
		cmocka_unit_test(test_router__form_parse_pair_limit),
	};

	return cmocka_run_group_tests(tests, setup_router, teardown_router);
}
