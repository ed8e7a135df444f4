/*
 * domain/submission: the 报送 record's field checks (Art. 7(2) legal
 * fields always required, [federation] required_fields on top, types and
 * enums), its states, and the close rule (R5).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "domain/submission.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* A record with every legal field and the name filled. */
static void
complete(const char *v[SF__MAX])
{
	memset(v, 0, sizeof(const char *) * SF__MAX);
	v[SF_NAME] = "路由器 Web 管理界面命令注入";
	v[SF_PRODUCT_NAME] = "Router";
	v[SF_PRODUCT_MODEL] = "AX-1";
	v[SF_PRODUCT_VERSIONS] = "1.0-1.4";
	v[SF_TECHNICAL] = "An unauthenticated request to /cgi-bin/ping\nruns a shell command.";
	v[SF_HARM] = "Full control of the device.";
	v[SF_IMPACT_SCOPE] = "About 10,000 devices online.";
}

/* Whether problems hold field with msg. */
static bool
has(const struct sub_problem *p, size_t n, enum sub_field field, enum msg_id msg)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (p[i].field == field && p[i].msg == msg)
			return true;
	return false;
}

static void
test_submission__legal_fields_required(void **state)
{
	const char		*v[SF__MAX];
	struct sub_problem	 p[SF__MAX];
	size_t			 n;
	int			 i;

	(void)state;
	complete(v);
	assert_true(sub_check(v, NULL, p, &n));
	assert_int_equal(n, 0);
	/* Each legal field, emptied or blank, is named. */
	for (i = 0; i < SF__MAX; i++) {
		if (!sub_fields[i].legal)
			continue;
		complete(v);
		v[i] = "  \n";
		if (sub_fields[i].type == SFT_LINE)
			v[i] = "   ";
		assert_false(sub_check(v, NULL, p, &n));
		assert_true(has(p, n, (enum sub_field)i, MSG_ERR_FIELD_MISSING));
	}
	/* The legal minimum of Art. 7(2) and the name: seven fields. */
	for (i = 0, n = 0; i < SF__MAX; i++)
		n += sub_fields[i].legal ? 1 : 0;
	assert_int_equal(n, 7);
}

static void
test_submission__configured_fields_required(void **state)
{
	const char		*v[SF__MAX];
	struct sub_problem	 p[SF__MAX];
	size_t			 n;
	struct str		 bad;

	(void)state;
	complete(v);
	assert_false(sub_check(v, "vendor, grade", p, &n));
	assert_int_equal(n, 2);
	assert_true(has(p, n, SF_VENDOR, MSG_ERR_FIELD_MISSING));
	assert_true(has(p, n, SF_GRADE, MSG_ERR_FIELD_MISSING));
	v[SF_VENDOR] = "Acme";
	v[SF_GRADE] = "high";
	assert_true(sub_check(v, "vendor, grade", p, &n));
	assert_true(sub_fields_known("vendor,grade, contact_email", NULL));
	assert_true(sub_fields_known("", NULL));
	assert_false(sub_fields_known("vendor,colour", &bad));
	assert_int_equal(bad.n, 6);
	assert_memory_equal(bad.p, "colour", 6);
}

static void
test_submission__types_and_enums(void **state)
{
	static const struct {
		enum sub_field	 f;
		const char	*value;
		enum msg_id	 want;	/* MSG_OK: accepted */
	} t[] = {
		{ SF_GRADE, "critical", MSG_OK },
		{ SF_GRADE, "超危", MSG_ERR_FIELD_CHOICE },
		{ SF_GRADE, "High", MSG_ERR_FIELD_CHOICE },
		{ SF_REPORTER_ROLE, "platform", MSG_OK },
		{ SF_REPORTER_ROLE, "vendor", MSG_ERR_FIELD_CHOICE },
		{ SF_TARGET_LIBRARY, "CAPPVD", MSG_OK },
		{ SF_TARGET_LIBRARY, "NVDB", MSG_ERR_FIELD_CHOICE },
		{ SF_DISCOVERED_AT, "2026-02-28", MSG_OK },
		{ SF_DISCOVERED_AT, "2026-02-29", MSG_ERR_SUB_DATE },
		{ SF_DISCOVERED_AT, "2026-2-28", MSG_ERR_SUB_DATE },
		/* Hours and minutes with a leading zero are ordinary times. */
		{ SF_KNOWN_AT, "2026-11-21T08:05:09+08:00", MSG_OK },
		{ SF_KNOWN_AT, "2026-11-21T00:00:00Z", MSG_OK },
		{ SF_KNOWN_AT, "2026-11-21T23:59:60.123-05:30", MSG_OK },
		{ SF_KNOWN_AT, "2026-11-21T24:00:00Z", MSG_ERR_SUB_TIME },
		{ SF_KNOWN_AT, "2026-11-21T10:60:00Z", MSG_ERR_SUB_TIME },
		{ SF_KNOWN_AT, "2026-11-21 10:00:00Z", MSG_ERR_SUB_TIME },
		{ SF_KNOWN_AT, "2026-11-21T10:00:00", MSG_ERR_SUB_TIME },
		{ SF_KNOWN_AT, "2026-11-21T10:00:00.Z", MSG_ERR_SUB_TIME },
		{ SF_KNOWN_AT, "2026-11-21T10:00:00+8:00", MSG_ERR_SUB_TIME },
		{ SF_CONTACT_EMAIL, "psirt@example.com", MSG_OK },
		{ SF_FORWARD_TO, "CNVD, CNNVD", MSG_OK },
		{ SF_FORWARD_TO, "CNVD;CNNVD", MSG_ERR_SUB_LIST },
		{ SF_FORWARD_TO, "CNVD,,CNNVD", MSG_ERR_SUB_LIST },
		{ SF_NAME, "a\nb", MSG_ERR_FIELD_ENCODING },	/* one line */
		{ SF_TECHNICAL, "line one\r\nline two\ttab", MSG_OK },
		{ SF_HARM, "bell\a", MSG_ERR_FIELD_ENCODING },
		{ SF_HARM, "\xff\xfe", MSG_ERR_FIELD_ENCODING },
	};
	const char		*v[SF__MAX];
	struct sub_problem	 p[SF__MAX];
	size_t			 i, n;

	(void)state;
	for (i = 0; i < NELEM(t); i++) {
		complete(v);
		v[t[i].f] = t[i].value;
		if (t[i].want == MSG_OK) {
			if (!sub_check(v, NULL, p, &n))
				fail_msg("%s = '%s' refused", sub_fields[t[i].f].key, t[i].value);
			continue;
		}
		assert_false(sub_check(v, NULL, p, &n));
		if (!has(p, n, t[i].f, t[i].want))
			fail_msg("%s = '%s': not the expected problem", sub_fields[t[i].f].key,
			    t[i].value);
	}
}

static void
test_submission__lengths_bounded(void **state)
{
	static char		 big[20000];
	const char		*v[SF__MAX];
	struct sub_problem	 p[SF__MAX];
	size_t			 n;
	int			 i;

	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	for (i = 0; i < SF__MAX; i++) {
		complete(v);
		v[i] = big;
		assert_false(sub_check(v, NULL, p, &n));
		assert_true(has(p, n, (enum sub_field)i, MSG_ERR_FIELD_TOO_LONG));
	}
}

static void
test_submission__states_and_close(void **state)
{
	int	s;

	(void)state;
	for (s = 0; s < SUB__MAX; s++)
		assert_int_equal(sub_state_parse(str_from(sub_state_name((enum sub_state)s))), s);
	assert_int_equal(sub_state_parse(str_from("lost")), -1);
	assert_true(sub_can_edit(SUB_DRAFT));
	assert_true(sub_can_edit(SUB_REJECTED));
	assert_false(sub_can_edit(SUB_QUEUED));
	assert_false(sub_can_edit(SUB_ACCEPTED));
	assert_true(sub_can_send(SUB_QUEUED));		/* a retry */
	assert_false(sub_can_send(SUB_SENT));
	assert_false(sub_can_waive(SUB_ACCEPTED));
	assert_false(sub_can_waive(SUB_WAIVED));
	assert_true(sub_can_waive(SUB_QUEUED));
	/* R5: a case closes only with its 报送 accepted or waived. */
	for (s = 0; s < SUB__MAX; s++)
		assert_int_equal(sub_allows_close((enum sub_state)s),
		    s == SUB_ACCEPTED || s == SUB_WAIVED);
	/* Field keys round-trip. */
	for (s = 0; s < SF__MAX; s++)
		assert_int_equal(sub_field_parse(str_from(sub_fields[s].key)), s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_submission__legal_fields_required),
		cmocka_unit_test(test_submission__configured_fields_required),
		cmocka_unit_test(test_submission__types_and_enums),
		cmocka_unit_test(test_submission__lengths_bounded),
		cmocka_unit_test(test_submission__states_and_close),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
