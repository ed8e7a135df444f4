/*
 * The public-content cache (http/pubcache.h): hits within a generation,
 * misses across one, the age bound, the byte bound, references that
 * outlive eviction, headers kept in order, ready answers that live and die
 * with their entry, ETag matching per RFC 9110.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "http/pubcache.h"
#include "http/req.h"

#define K(s)	(s), strlen(s)

static void
put(struct pubcache *pc, const char *key, uint64_t gen, int64_t now, const char *body)
{
	char	etag[PC_ETAG_SIZE];

	pubcache_etag(body, strlen(body), etag);
	pubcache_release(pubcache_put(pc, K(key), gen, now, "application/json", etag,
	    NULL, body, strlen(body)));
}

static void
test_pubcache__hit_within_a_generation(void **state)
{
	struct pubcache		*pc = pubcache_new(1 << 20, 3600);
	const struct pc_entry	*e;
	struct pc_stats		 st;

	(void)state;
	assert_null(pubcache_get(pc, K("0 /a"), 7, 100, NULL));
	put(pc, "0 /a", 7, 100, "{\"a\":1}");
	e = pubcache_get(pc, K("0 /a"), 7, 101, NULL);
	assert_non_null(e);
	assert_int_equal(e->len, 7);
	assert_memory_equal(e->body, "{\"a\":1}", 7);
	assert_string_equal(e->ctype, "application/json");
	assert_int_equal(strlen(e->etag), PC_ETAG_SIZE - 1);
	assert_int_equal(e->etag[0], '"');
	pubcache_release(e);
	/* Another key, another language: misses. */
	assert_null(pubcache_get(pc, K("1 /a"), 7, 101, NULL));
	assert_null(pubcache_get(pc, K("0 /a "), 7, 101, NULL));
	pubcache_stats(pc, &st);
	assert_int_equal(st.entries, 1);
	assert_int_equal(st.hits, 1);
	assert_int_equal(st.misses, 3);
	pubcache_free(pc);
}

static void
test_pubcache__new_generation_misses_and_drops(void **state)
{
	struct pubcache		*pc = pubcache_new(1 << 20, 3600);
	struct pc_stats		 st;
	const struct pc_entry	*e;

	(void)state;
	put(pc, "0 /a", 7, 100, "old");
	assert_null(pubcache_get(pc, K("0 /a"), 8, 100, NULL));
	pubcache_stats(pc, &st);
	assert_int_equal(st.entries, 0);	/* the stale one is gone */
	assert_int_equal(st.bytes, 0);
	put(pc, "0 /a", 8, 100, "new");
	e = pubcache_get(pc, K("0 /a"), 8, 100, NULL);
	assert_non_null(e);
	assert_memory_equal(e->body, "new", 3);
	pubcache_release(e);
	pubcache_free(pc);
}

static void
test_pubcache__age_bound(void **state)
{
	struct pubcache		*pc = pubcache_new(1 << 20, 60);
	const struct pc_entry	*e;

	(void)state;
	put(pc, "0 /security.txt", 1, 1000, "Expires: soon");
	e = pubcache_get(pc, K("0 /security.txt"), 1, 1059, NULL);
	assert_non_null(e);
	pubcache_release(e);
	assert_null(pubcache_get(pc, K("0 /security.txt"), 1, 1060, NULL));
	pubcache_free(pc);
}

static void
test_pubcache__replace_same_key(void **state)
{
	struct pubcache		*pc = pubcache_new(1 << 20, 3600);
	const struct pc_entry	*held, *e;
	struct pc_stats		 st;

	(void)state;
	put(pc, "0 /a", 1, 0, "first");
	held = pubcache_get(pc, K("0 /a"), 1, 0, NULL);
	put(pc, "0 /a", 1, 0, "second");
	pubcache_stats(pc, &st);
	assert_int_equal(st.entries, 1);
	/* The reference taken before still reads its own bytes. */
	assert_memory_equal(held->body, "first", 5);
	pubcache_release(held);
	e = pubcache_get(pc, K("0 /a"), 1, 0, NULL);
	assert_memory_equal(e->body, "second", 6);
	pubcache_release(e);
	pubcache_free(pc);
}

static void
test_pubcache__byte_bound_evicts_oldest(void **state)
{
	struct pubcache		*pc = pubcache_new(64 * 1024, 3600);
	const struct pc_entry	*first, *e;
	struct pc_stats		 st;
	char			 body[4000], key[32];
	int			 i;

	(void)state;
	memset(body, 'x', sizeof(body) - 1);
	body[sizeof(body) - 1] = '\0';
	put(pc, "0 /0", 1, 0, body);
	first = pubcache_get(pc, K("0 /0"), 1, 0, NULL);	/* held across its eviction */
	for (i = 1; i < 40; i++) {
		snprintf(key, sizeof(key), "0 /%d", i);
		put(pc, key, 1, 0, body);
	}
	pubcache_stats(pc, &st);
	assert_true(st.bytes <= 64 * 1024);
	assert_true(st.entries >= 10 && st.entries < 40);
	assert_null(pubcache_get(pc, K("0 /0"), 1, 0, NULL));
	assert_non_null(e = pubcache_get(pc, K("0 /39"), 1, 0, NULL));
	pubcache_release(e);
	assert_memory_equal(first->body, body, sizeof(body) - 1);	/* ASan: still alive */
	pubcache_release(first);
	/* Larger than an eighth of the cache: not kept. */
	{
		static char	big[9 * 1024];

		memset(big, 'y', sizeof(big) - 1);
		put(pc, "0 /big", 1, 0, big);
		assert_null(pubcache_get(pc, K("0 /big"), 1, 0, NULL));
	}
	pubcache_free(pc);
}

static void
test_pubcache__headers_in_order_and_no_cookies(void **state)
{
	struct pubcache		*pc = pubcache_new(1 << 20, 3600);
	struct resp_header	 h2 = { NULL, "X-Two", "2" };
	struct resp_header	 h1 = { &h2, "Cache-Control", "public, max-age=3600" };
	struct resp_header	 c = { NULL, "Set-Cookie", "s=1" };
	const struct pc_entry	*e;

	(void)state;
	/* Newest first, as req.h keeps them: X-Two was added, then Cache-Control. */
	pubcache_release(pubcache_put(pc, K("0 /h"), 1, 0, "text/plain", "\"e\"", &h1,
	    "b", 1));
	e = pubcache_get(pc, K("0 /h"), 1, 0, NULL);
	assert_non_null(e);
	assert_int_equal(e->nhdrs, 2);
	assert_string_equal(e->hdrs[0], "X-Two");
	assert_string_equal(e->hdrs[1], "2");
	assert_string_equal(e->hdrs[2], "Cache-Control");
	assert_string_equal(e->hdrs[3], "public, max-age=3600");
	pubcache_release(e);
	assert_null(pubcache_put(pc, K("0 /c"), 1, 0, "text/plain", "\"e\"", &c, "b", 1));
	assert_null(pubcache_get(pc, K("0 /c"), 1, 0, NULL));
	pubcache_free(pc);
}

static void
test_pubcache__off_when_zero(void **state)
{
	(void)state;
	assert_null(pubcache_new(0, 3600));
	put(NULL, "0 /a", 1, 0, "x");
	assert_null(pubcache_get(NULL, K("0 /a"), 1, 0, NULL));
	pubcache_release(NULL);
	pubcache_free(NULL);
}

static void
test_pubcache__etag_match(void **state)
{
	char	etag[PC_ETAG_SIZE], other[PC_ETAG_SIZE], inm[128];

	(void)state;
	pubcache_etag("abc", 3, etag);
	pubcache_etag("abd", 3, other);
	assert_string_not_equal(etag, other);
	assert_true(pubcache_etag_match(etag, etag));
	assert_true(pubcache_etag_match("*", etag));
	snprintf(inm, sizeof(inm), "W/%s", etag);
	assert_true(pubcache_etag_match(inm, etag));		/* weak comparison */
	snprintf(inm, sizeof(inm), "%s, %s", other, etag);
	assert_true(pubcache_etag_match(inm, etag));
	snprintf(inm, sizeof(inm), " ,%s ,", other);
	assert_false(pubcache_etag_match(inm, etag));
	assert_false(pubcache_etag_match(NULL, etag));
	assert_false(pubcache_etag_match("", etag));
	assert_false(pubcache_etag_match("abc", etag));		/* unquoted */
	assert_false(pubcache_etag_match("\"unterminated", etag));
	snprintf(inm, sizeof(inm), "%.*s", (int)strlen(etag) - 1, etag);
	assert_false(pubcache_etag_match(inm, etag));
}

static int	destroyed[2];

static void
destroy_slot(void *p)
{
	destroyed[*(int *)p]++;
}

static void
test_pubcache__ready_answers_live_with_the_entry(void **state)
{
	static int		 slot[2] = { 0, 1 };
	struct pubcache		*pc = pubcache_new(1 << 20, 3600);
	const struct pc_entry	*e, *held;
	void			*nat[PC_NATIVE__MAX], *got[PC_NATIVE__MAX];
	struct pc_stats		 before, after;

	(void)state;
	memset(destroyed, 0, sizeof(destroyed));
	e = pubcache_put(pc, K("0 /n"), 1, 0, "text/plain", "\"e\"", NULL, "body", 4);
	assert_non_null(e);
	/* Not attached yet: a hit finds none. */
	held = pubcache_get(pc, K("0 /n"), 1, 0, got);
	assert_null(got[PC_NATIVE_200]);
	assert_null(got[PC_NATIVE_304]);
	pubcache_release(held);
	pubcache_stats(pc, &before);
	nat[PC_NATIVE_200] = &slot[0];
	nat[PC_NATIVE_304] = &slot[1];
	pubcache_attach(pc, e, nat, destroy_slot, 100);
	pubcache_stats(pc, &after);
	assert_int_equal(after.bytes, before.bytes + 100);
	pubcache_release(e);
	held = pubcache_get(pc, K("0 /n"), 1, 0, got);
	assert_ptr_equal(got[PC_NATIVE_200], &slot[0]);
	assert_ptr_equal(got[PC_NATIVE_304], &slot[1]);
	/* Replaced while held: the old answers live until the holder lets go. */
	put(pc, "0 /n", 1, 0, "other");
	assert_int_equal(destroyed[0], 0);
	pubcache_release(held);
	assert_int_equal(destroyed[0], 1);
	assert_int_equal(destroyed[1], 1);
	pubcache_stats(pc, &after);
	assert_int_equal(after.entries, 1);
	pubcache_free(pc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pubcache__hit_within_a_generation),
		cmocka_unit_test(test_pubcache__new_generation_misses_and_drops),
		cmocka_unit_test(test_pubcache__age_bound),
		cmocka_unit_test(test_pubcache__replace_same_key),
		cmocka_unit_test(test_pubcache__byte_bound_evicts_oldest),
		cmocka_unit_test(test_pubcache__headers_in_order_and_no_cookies),
		cmocka_unit_test(test_pubcache__off_when_zero),
		cmocka_unit_test(test_pubcache__etag_match),
		cmocka_unit_test(test_pubcache__ready_answers_live_with_the_entry),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
