/*
 * 备案, platform side (svc/pfiling.h): the pure pieces.  The go-live gate
 * (办法 第八条), what the registry's state means for the platform's status,
 * the registry's answer read defensively (bounded, checked, every 补正
 * item), the items that changed (第六条) and a document's name as kept.
 * The rest runs against a real server in tests/api/test_pfiling.c.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/config.h"
#include "svc/pfiling.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static int
setup(void **state)
{
	*state = arena_new();
	return 0;
}

static int
teardown(void **state)
{
	arena_free(*state);
	return 0;
}

static void
test_platform_filing__intake_gate(void **state)
{
	static const struct {
		enum instance_role		role;
		enum platform_filing_status	s;
		const char			*number;
		bool				open_unfiled, want;
	} t[] = {
		/* Not filed: closed, unless filed outside Loudong or a test installation. */
		{ ROLE_PLATFORM, PFS_DRAFT, "", false, false },
		{ ROLE_PLATFORM, PFS_SUBMITTED, "", false, false },
		{ ROLE_PLATFORM, PFS_SUPPLEMENT_REQUESTED, "", false, false },
		{ ROLE_PLATFORM, PFS_RESUBMITTED, "", false, false },
		{ ROLE_PLATFORM, PFS_DRAFT, "京ICP备2024000001号", false, true },
		{ ROLE_PLATFORM, PFS_DRAFT, "", true, true },
		{ ROLE_PLATFORM, PFS_DRAFT, NULL, false, false },
		/* Filed: open, a change under review too. */
		{ ROLE_PLATFORM, PFS_FILED, "", false, true },
		{ ROLE_PLATFORM, PFS_CHANGE_PENDING, "", false, true },
		/* Deregistering closes it at once, whatever else is set (第七条). */
		{ ROLE_PLATFORM, PFS_DEREGISTRATION_PENDING, "", false, false },
		{ ROLE_PLATFORM, PFS_DEREGISTRATION_PENDING, "X-1", true, false },
		{ ROLE_PLATFORM, PFS_DEREGISTERED, "X-1", true, false },
		/* Only the platform role gates. */
		{ ROLE_PROVIDER, PFS_DRAFT, "", false, true },
		{ ROLE_REGISTRY, PFS_DEREGISTERED, "", false, true },
	};
	size_t	i;

	(void)state;
	for (i = 0; i < NELEM(t); i++)
		if (svc_pfiling_intake_open(t[i].role, t[i].s, t[i].number, t[i].open_unfiled) !=
		    t[i].want)
			fail_msg("row %zu: want %d", i, t[i].want);
}

static void
test_platform_filing__status_after(void **state)
{
	static const struct {
		enum platform_filing_status	cur;
		enum filing_app_kind		k;
		enum filing_app_state		st;
		bool				end;
		enum platform_filing_status	want;
	} t[] = {
		{ PFS_SUBMITTED, FAK_INITIAL, FAS_SUBMITTED, false, PFS_SUBMITTED },
		{ PFS_SUBMITTED, FAK_INITIAL, FAS_SUPPLEMENT_REQUESTED, false,
		  PFS_SUPPLEMENT_REQUESTED },
		{ PFS_RESUBMITTED, FAK_INITIAL, FAS_SUPPLEMENT_REQUESTED, false,
		  PFS_SUPPLEMENT_REQUESTED },
		{ PFS_SUBMITTED, FAK_INITIAL, FAS_APPROVED, false, PFS_FILED },
		{ PFS_RESUBMITTED, FAK_INITIAL, FAS_APPROVED, false, PFS_FILED },
		{ PFS_SUBMITTED, FAK_INITIAL, FAS_REJECTED, false, PFS_DRAFT },
		{ PFS_SUPPLEMENT_REQUESTED, FAK_INITIAL, FAS_WITHDRAWN, false, PFS_DRAFT },
		/* A 补正 of a change or a deregistration leaves the platform where it is. */
		{ PFS_CHANGE_PENDING, FAK_CHANGE, FAS_SUPPLEMENT_REQUESTED, false,
		  PFS_CHANGE_PENDING },
		{ PFS_CHANGE_PENDING, FAK_CHANGE, FAS_APPROVED, false, PFS_FILED },
		{ PFS_CHANGE_PENDING, FAK_CHANGE, FAS_REJECTED, false, PFS_FILED },
		{ PFS_DEREGISTRATION_PENDING, FAK_DEREGISTRATION, FAS_APPROVED, false,
		  PFS_DEREGISTRATION_PENDING },
		{ PFS_DEREGISTRATION_PENDING, FAK_DEREGISTRATION, FAS_APPROVED, true,
		  PFS_DEREGISTERED },
		{ PFS_DEREGISTRATION_PENDING, FAK_DEREGISTRATION, FAS_REJECTED, false, PFS_FILED },
		/* A move the state machine does not have changes nothing. */
		{ PFS_DRAFT, FAK_INITIAL, FAS_APPROVED, false, PFS_DRAFT },
		{ PFS_DEREGISTERED, FAK_DEREGISTRATION, FAS_REJECTED, false, PFS_DEREGISTERED },
		{ PFS_FILED, FAK_INITIAL, FAS_REJECTED, false, PFS_FILED },
	};
	size_t	i;

	(void)state;
	for (i = 0; i < NELEM(t); i++)
		if (svc_pfiling_status_after(t[i].cur, t[i].k, t[i].st, t[i].end) != t[i].want)
			fail_msg("row %zu: got %s, want %s", i, platform_filing_status_name(
			    svc_pfiling_status_after(t[i].cur, t[i].k, t[i].st, t[i].end)),
			    platform_filing_status_name(t[i].want));
}

/* The GET answer of docs/FILING.md: the last round's items, the filing. */
static void
test_platform_filing__answer_get(void **state)
{
	static const char	body[] = "{\"id\":\"BA-2026-000001\",\"kind\":\"initial\","
	    "\"state\":\"approved\",\"submitted_at\":\"2026-11-02T08:00:00Z\","
	    "\"review_due_at\":\"2026-11-16T16:00:00Z\",\"supplement_due_at\":null,"
	    "\"rounds\":[{\"round\":1,\"items\":[{\"field\":\"a\",\"problem\":null,\"note\":\"old\"}]},"
	    "{\"round\":2,\"items\":[{\"field\":\"rules.publication\",\"problem\":\"format\","
	    "\"note\":\"需盖章\\n第二行\"},{\"field\":\"sponsor.id_number\",\"problem\":\"missing\","
	    "\"note\":\"\"}]}],\"decided_at\":\"2026-11-10T02:00:00Z\",\"reason\":\"\","
	    "\"filing\":{\"number\":\"LDBA202600001\",\"filed_on\":\"2026-11-10\","
	    "\"status\":\"filed\",\"deregistered_on\":null},\"events\":[]}";
	struct pfiling_answer	a;

	assert_int_equal(svc_pfiling_answer_parse(*state, body, strlen(body), &a), 0);
	assert_string_equal(a.id, "BA-2026-000001");
	assert_int_equal(a.kind, FAK_INITIAL);
	assert_int_equal(a.state, FAS_APPROVED);
	assert_true(a.review_due_at > 0);
	assert_int_equal(a.supplement_due_at, 0);
	assert_int_equal(a.nitems, 2);
	assert_string_equal(a.items[0].field, "rules.publication");
	assert_string_equal(a.items[0].problem, "format");
	assert_string_equal(a.items[0].note, "需盖章\n第二行");
	assert_string_equal(a.items[1].problem, "missing");
	assert_string_equal(a.number, "LDBA202600001");
	assert_string_equal(a.filed_on, "2026-11-10");
	assert_false(a.deregistered);
}

/* The POST's answer: its deficiencies; a deregistered filing. */
static void
test_platform_filing__answer_post(void **state)
{
	static const char	body[] = "{\"id\":\"BA-2026-000002\",\"kind\":\"change\","
	    "\"state\":\"supplement_requested\",\"deficiencies\":[{\"field\":\"platform.url\","
	    "\"problem\":\"format\",\"note\":\"\"}],\"receipt\":{}}";
	static const char	dereg[] = "{\"state\":\"approved\",\"filing\":{\"number\":\"N-1\","
	    "\"status\":\"deregistered\",\"filed_on\":\"2026-01-01\"}}";
	struct pfiling_answer	a;

	assert_int_equal(svc_pfiling_answer_parse(*state, body, strlen(body), &a), 0);
	assert_int_equal(a.kind, FAK_CHANGE);
	assert_int_equal(a.state, FAS_SUPPLEMENT_REQUESTED);
	assert_int_equal(a.nitems, 1);
	assert_string_equal(a.items[0].field, "platform.url");
	assert_string_equal(a.number, "");
	assert_int_equal(svc_pfiling_answer_parse(*state, dereg, strlen(dereg), &a), 0);
	assert_true(a.deregistered);
	assert_string_equal(a.id, "");
	assert_int_equal(a.kind, -1);
}

/* A peer's answer is untrusted: wrong shapes are refused or dropped, never kept raw. */
static void
test_platform_filing__answer_untrusted(void **state)
{
	static const char *const refused[] = {
		"", "not json", "[1,2]", "\"x\"", "{\"a\":1,\"a\":2}",
		"{\"state\":\"approved\",\"reason\":\"a\\u0000b\"}",	/* a NUL inside */
	};
	char			 body[1024], longid[200];
	struct pfiling_answer	 a;
	size_t			 i;

	for (i = 0; i < NELEM(refused); i++)
		assert_int_equal(svc_pfiling_answer_parse(*state, refused[i], strlen(refused[i]),
		    &a), -1);
	assert_int_equal(svc_pfiling_answer_parse(*state, NULL, 0, &a), -1);
	memset(longid, 'A', 100);
	longid[100] = '\0';
	/* Too long, not an id, a state unknown, a number with a control, a bad date. */
	snprintf(body, sizeof(body), "{\"id\":\"%s\",\"state\":\"granted\",\"kind\":7,"
	    "\"filing\":{\"number\":\"N\\u0001\",\"filed_on\":\"2026-02-30\"},"
	    "\"reason\":\"a\\u0007b\",\"deficiencies\":[1,{\"field\":\"x\\ny\",\"note\":\"ok\"}]}",
	    longid);
	assert_int_equal(svc_pfiling_answer_parse(*state, body, strlen(body), &a), 0);
	assert_string_equal(a.id, "");
	assert_int_equal(a.state, -1);
	assert_int_equal(a.kind, -1);
	assert_string_equal(a.number, "");
	assert_string_equal(a.filed_on, "");
	assert_string_equal(a.reason, "");
	assert_int_equal(a.nitems, 1);
	assert_string_equal(a.items[0].field, "");
	assert_string_equal(a.items[0].note, "ok");
	snprintf(body, sizeof(body), "{\"id\":\"BA/../x\",\"state\":\"submitted\"}");
	assert_int_equal(svc_pfiling_answer_parse(*state, body, strlen(body), &a), 0);
	assert_string_equal(a.id, "");
	assert_int_equal(a.state, FAS_SUBMITTED);
}

static void
test_platform_filing__diff(void **state)
{
	const struct filing_fieldset	*fs = filing_fieldset_builtin();
	static const struct filing_value filed[] = {
		{ "platform.name", "示例平台" }, { "platform.url", "https://a.example/" },
		{ "sponsor.id_number", "91110000ABCDEFGH12" },
	};
	static const struct filing_value work[] = {
		{ "platform.url", "https://b.example/" }, { "platform.name", "示例平台" },
		{ "sponsor.id_number", "91110000ABCDEFGH12" }, { "contact.name", "王五" },
		{ "no.such.key", "ignored" },
	};

	/* In the field set's order; unknown keys are not items. */
	assert_string_equal(svc_pfiling_diff(*state, fs, filed, NELEM(filed), work, NELEM(work)),
	    "platform.url,contact.name");
	assert_string_equal(svc_pfiling_diff(*state, fs, filed, NELEM(filed), filed,
	    NELEM(filed)), "");
	assert_string_equal(svc_pfiling_diff(*state, fs, NULL, 0, NULL, 0), "");
}

static void
test_platform_filing__doc_name(void **state)
{
	static const struct {
		const char	*in;
		const char	*want;	/* NULL: refused */
	} t[] = {
		{ "publication.pdf", "publication.pdf" },
		{ "C:\\Users\\x\\发布规则 v2.pdf", "发布规则_v2.pdf" },
		{ "/etc/passwd", "passwd" },
		{ "a\tb\nc.txt", "a_b_c.txt" },
		{ "dir/", NULL },
		{ "..", NULL },
		{ "", NULL },
		{ "\xff\xfe.pdf", NULL },
	};
	char	 longname[200];
	size_t	 i;

	for (i = 0; i < NELEM(t); i++) {
		const char *got = svc_pfiling_doc_name(*state, t[i].in);

		if (t[i].want == NULL ? got != NULL : got == NULL || strcmp(got, t[i].want) != 0)
			fail_msg("row %zu: got %s", i, got != NULL ? got : "(refused)");
	}
	assert_null(svc_pfiling_doc_name(*state, NULL));
	memset(longname, 'a', PFILING_DOC_NAME_MAX + 1);
	longname[PFILING_DOC_NAME_MAX + 1] = '\0';
	assert_null(svc_pfiling_doc_name(*state, longname));
	longname[PFILING_DOC_NAME_MAX] = '\0';
	assert_non_null(svc_pfiling_doc_name(*state, longname));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_platform_filing__intake_gate),
		cmocka_unit_test(test_platform_filing__status_after),
		cmocka_unit_test_setup_teardown(test_platform_filing__answer_get, setup, teardown),
		cmocka_unit_test_setup_teardown(test_platform_filing__answer_post, setup, teardown),
		cmocka_unit_test_setup_teardown(test_platform_filing__answer_untrusted, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_platform_filing__diff, setup, teardown),
		cmocka_unit_test_setup_teardown(test_platform_filing__doc_name, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
