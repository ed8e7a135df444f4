/*
 * 备案 in the domain (domain/filing.h): the built-in field set (第四条
 * (一)-(六)) and the parser's refusals, the completeness check listing every
 * deficiency at once (R24), the application and platform state machines
 * (R20), the 备案编号 template (R41).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "domain/filing.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define DOC		"rules.pdf sha256:" \
			"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

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
builtin(struct arena *a, struct filing_fieldset *fs)
{
	const char	*text;
	size_t		 len;
	char		 err[256];

	filing_fieldset_builtin_text(&text, &len);
	assert_true(len > 0);
	if (filing_fieldset_parse(a, text, len, "v1", fs, err, sizeof(err)) != 0)
		fail_msg("the built-in field set does not parse: %s", err);
}

static void
test_filing__builtin_field_set_covers_article_4(void **state)
{
	struct filing_fieldset		 fs;
	const struct filing_field	*f;
	int				 section[7] = { 0 };
	size_t				 i;

	builtin(*state, &fs);
	assert_string_equal(fs.version, "v1");
	for (i = 0; i < fs.n; i++)
		section[fs.f[i].section]++;
	for (i = 1; i <= 6; i++)
		assert_true(section[i] > 0);	/* (一) to (六) all have items */
	/* R41's listed items, public; the ID number sealed and never public. */
	assert_non_null(f = filing_field_find(&fs, "platform.icp"));
	assert_true(f->flags & FF_PUBLIC);
	assert_non_null(f = filing_field_find(&fs, "sponsor.id_number"));
	assert_int_equal(f->type, FT_ID_NUMBER);
	assert_true(f->flags & FF_SECRET);
	assert_false(f->flags & FF_PUBLIC);
	/* The five rule documents of (三). */
	assert_non_null(filing_field_find(&fs, "rules.verification"));
	assert_non_null(filing_field_find(&fs, "rules.repair_notice"));
	assert_non_null(filing_field_find(&fs, "rules.publication"));
	assert_non_null(filing_field_find(&fs, "rules.identity"));
	assert_non_null(filing_field_find(&fs, "rules.classification"));
	assert_string_equal(filing_field_find(&fs, "platform.name")->label_zh, "漏洞收集平台名称");
	assert_null(filing_field_find(&fs, "platform"));
}

/* A document value: one form, split by the one function both sides use. */
static void
test_filing__document_split(void **state)
{
	struct str	n, h;

	(void)state;
	assert_true(filing_document_split(str_from(DOC), &n, &h));
	assert_int_equal(n.n, 9);
	assert_memory_equal(n.p, "rules.pdf", 9);
	assert_int_equal(h.n, 64);
	assert_memory_equal(h.p, "9f86d081", 8);
	assert_false(filing_document_split(str_from("rules.pdf"), &n, &h));
	assert_false(filing_document_split(str_from(" sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"), &n, &h));
	assert_false(filing_document_split(str_from("my rules.pdf sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"), &n, &h));
	assert_false(filing_document_split(str_from("rules.pdf sha256:9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08"), &n, &h));
	assert_false(filing_document_split(str_from("rules.pdf sha256:9f86"), &n, &h));
}

/* The process's field set: the built-in one (versioned by its SHA-256) until one is set. */
static void
test_filing__current_field_set(void **state)
{
	const struct filing_fieldset	*b = filing_fieldset_builtin();
	struct filing_fieldset		 fs;

	assert_non_null(b);
	assert_int_equal(strlen(b->version), 64);	/* hex SHA-256 of the file */
	assert_ptr_equal(filing_fieldset_current(), b);
	assert_ptr_equal(filing_fieldset_builtin(), b);	/* parsed once */
	builtin(*state, &fs);
	assert_int_equal(fs.n, b->n);
	filing_fieldset_use(&fs);
	assert_ptr_equal(filing_fieldset_current(), &fs);
	assert_string_equal(filing_fieldset_current()->version, "v1");
	filing_fieldset_use(NULL);
	assert_ptr_equal(filing_fieldset_current(), b);
}

static void
test_filing__parser_names_the_line(void **state)
{
	static const struct {
		const char	*text;
		const char	*err;
	} bad[] = {
		{ "7|a|text|-|10|甲|A\n", "line 1: the section" },
		{ "1|A|text|-|10|甲|A\n", "line 1: a key" },
		{ "1|a|colour|-|10|甲|A\n", "line 1: unknown type" },
		{ "1|a|text|shiny|10|甲|A\n", "line 1: unknown flag" },
		{ "1|a|text|public,secret|10|甲|A\n", "both public and secret" },
		{ "1|a|text|-|0|甲|A\n", "line 1: max" },
		{ "1|a|text|-|x1|甲|A\n", "line 1: max" },
		{ "1|a|text|-|10||A\n", "line 1: both labels" },
		{ "1|a|text|-|10|甲\n", "fewer than 7 fields" },
		{ "1|a|text|-|10|甲|A|more\n", "more than 7 fields" },
		{ "# c\n\n1|a|text|-|10|甲|A\n1|a|url|-|10|乙|B\n", "line 4: the key 'a' is used twice" },
		{ "1|a|text|-|10|甲|A\n", "needs 'platform.name'" },
		{ "1|platform.name|text|required|10|甲|A\n", "needs 'platform.name'" },
	};
	struct filing_fieldset	fs;
	char			err[256];
	size_t			i;

	for (i = 0; i < NELEM(bad); i++) {
		err[0] = '\0';
		assert_int_equal(filing_fieldset_parse(*state, bad[i].text, strlen(bad[i].text),
		    "v", &fs, err, sizeof(err)), -1);
		if (strstr(err, bad[i].err) == NULL)
			fail_msg("case %zu: '%s' does not say '%s'", i, err, bad[i].err);
	}
	/* A minimal set; an id_number field is secret by its type. */
	{
		const char *ok = "1|platform.name|text|required,public|10|名|Name\r\n"
		    "1|platform.url|url|required,public|100|址|URL\n"
		    "1|platform.icp|text|required,public|20|ICP|ICP\n"
		    "2|sponsor.name|text|required,public|20|主办|Sponsor\n"
		    "2|sponsor.id|id_number|-|32|证件|ID\n";

		assert_int_equal(filing_fieldset_parse(*state, ok, strlen(ok), "v", &fs, err,
		    sizeof(err)), 0);
		assert_int_equal(fs.n, 5);
		assert_true(filing_field_find(&fs, "sponsor.id")->flags & FF_SECRET);
	}
}

/* A complete dossier for the built-in set. */
static const struct filing_value complete[] = {
	{ "platform.name", "示例漏洞平台" },
	{ "platform.url", "https://vuln.example.cn/" },
	{ "platform.icp", "京ICP备12345678号" },
	{ "platform.channels", "https://vuln.example.cn/advisories\nhttps://weibo.example/vulnex" },
	{ "sponsor.kind", "单位" },
	{ "sponsor.name", "示例网络安全有限公司" },
	{ "sponsor.id_number", "91110108MA01ABCD2X" },
	{ "principal.name", "王五" },
	{ "principal.phone", "+86 10 1234 5678" },
	{ "principal.email", "ceo@vuln.example.cn" },
	{ "contact.name", "赵六" },
	{ "contact.phone", "010-87654321" },
	{ "contact.email", "psirt@vuln.example.cn" },
	{ "collection.scope", "通用网络产品" },
	{ "collection.method", "注册用户在线提交" },
	{ "rules.verification", DOC },
	{ "rules.repair_notice", DOC },
	{ "rules.publication", DOC },
	{ "rules.identity", DOC },
	{ "rules.classification", DOC },
	{ "mlps.filing_number", "11010813001-20001" },
	{ "mlps.level", "三级" },
	{ "mlps.materials", DOC },
	{ "standards.applied", "GB/T 30276-2020, GB/T 30279-2020" },
};

static void
test_filing__complete_dossier_has_no_problem(void **state)
{
	struct filing_fieldset	fs;
	struct filing_problem	p[8];

	builtin(*state, &fs);
	assert_int_equal(filing_check(&fs, complete, NELEM(complete), p, NELEM(p)), 0);
}

static void
test_filing__every_deficiency_at_once(void **state)
{
	struct filing_fieldset	fs;
	struct filing_value	v[NELEM(complete) + 3];
	struct filing_problem	p[16];
	size_t			n, i;
	char			big[200];

	builtin(*state, &fs);
	memcpy(v, complete, sizeof(complete));
	v[1].value = "ftp://vuln.example.cn";		/* platform.url: format */
	v[4].value = "  ";				/* sponsor.kind: missing */
	v[6].value = "91110108MA01 ABCD2X";		/* id_number: format */
	v[9].value = "ceo at example";			/* e-mail: format */
	v[11].value = "call me";			/* phone: format */
	v[15].value = "rules.pdf";			/* document: no digest */
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	v[21].value = big;				/* mlps.level: max 20 */
	v[3].value = "https://a.example\nnot a url";	/* urls: one bad line */
	v[NELEM(complete)] = (struct filing_value){ "platform.colour", "red" };
	v[NELEM(complete) + 1] = (struct filing_value){ "platform.name", "又一个" };
	v[NELEM(complete) + 2] = (struct filing_value){ "other.notes", "tab\tand\x01" };
	n = filing_check(&fs, v, NELEM(v), p, NELEM(p));
	assert_int_equal(n, 11);
	{
		static const struct {
			const char		*key;
			enum filing_problem_kind kind;
		} want[] = {
			{ "platform.url", FP_FORMAT },
			{ "platform.channels", FP_FORMAT },
			{ "sponsor.id_number", FP_FORMAT },
			{ "principal.email", FP_FORMAT },
			{ "contact.phone", FP_FORMAT },
			{ "rules.verification", FP_FORMAT },
			{ "mlps.level", FP_TOO_LONG },
			{ "platform.colour", FP_UNKNOWN },
			{ "platform.name", FP_DUPLICATE },
			{ "other.notes", FP_ENCODING },
			{ "sponsor.kind", FP_MISSING },
		};

		for (i = 0; i < NELEM(want); i++) {
			assert_string_equal(p[i].key, want[i].key);
			assert_int_equal(p[i].kind, want[i].kind);
		}
	}
	assert_string_equal(filing_problem_name(FP_TOO_LONG), "too_long");
	/* Nothing given: every required field, in the set's order; max bounds what is written. */
	n = filing_check(&fs, NULL, 0, p, 2);
	assert_int_equal(n, NELEM(complete));
	assert_string_equal(p[0].key, "platform.name");
	assert_int_equal(p[0].kind, FP_MISSING);
	assert_string_equal(p[1].key, "platform.url");
}

static void
test_filing__application_states(void **state)
{
	(void)state;
	assert_true(filing_app_move_ok(FAS_SUBMITTED, FAS_SUPPLEMENT_REQUESTED));
	assert_true(filing_app_move_ok(FAS_SUPPLEMENT_REQUESTED, FAS_RESUBMITTED));
	assert_true(filing_app_move_ok(FAS_RESUBMITTED, FAS_SUPPLEMENT_REQUESTED));
	assert_true(filing_app_move_ok(FAS_RESUBMITTED, FAS_APPROVED));
	assert_true(filing_app_move_ok(FAS_SUBMITTED, FAS_REJECTED));
	assert_true(filing_app_move_ok(FAS_SUPPLEMENT_REQUESTED, FAS_WITHDRAWN));
	/* The registry cannot approve what still waits for its 补正. */
	assert_false(filing_app_move_ok(FAS_SUPPLEMENT_REQUESTED, FAS_APPROVED));
	assert_false(filing_app_move_ok(FAS_APPROVED, FAS_REJECTED));
	assert_false(filing_app_move_ok(FAS_REJECTED, FAS_SUBMITTED));
	assert_false(filing_app_move_ok(FAS_WITHDRAWN, FAS_RESUBMITTED));
	assert_false(filing_app_move_ok(FAS__MAX, FAS_APPROVED));
	assert_true(filing_app_in_review(FAS_SUBMITTED));
	assert_true(filing_app_in_review(FAS_RESUBMITTED));
	assert_false(filing_app_in_review(FAS_SUPPLEMENT_REQUESTED));
	assert_int_equal(filing_app_state_parse("resubmitted", 11), FAS_RESUBMITTED);
	assert_int_equal(filing_app_state_parse("filed", 5), -1);
	assert_string_equal(filing_app_kind_name(FAK_DEREGISTRATION), "deregistration");
	assert_int_equal(filing_app_kind_parse("change", 6), FAK_CHANGE);
}

static void
test_filing__platform_states_and_go_live(void **state)
{
	(void)state;
	assert_true(platform_filing_move_ok(PFS_DRAFT, PFS_SUBMITTED));
	assert_true(platform_filing_move_ok(PFS_SUBMITTED, PFS_SUPPLEMENT_REQUESTED));
	assert_true(platform_filing_move_ok(PFS_SUPPLEMENT_REQUESTED, PFS_RESUBMITTED));
	assert_true(platform_filing_move_ok(PFS_RESUBMITTED, PFS_FILED));
	assert_true(platform_filing_move_ok(PFS_SUBMITTED, PFS_DRAFT));	/* rejected */
	assert_true(platform_filing_move_ok(PFS_FILED, PFS_CHANGE_PENDING));
	assert_true(platform_filing_move_ok(PFS_CHANGE_PENDING, PFS_FILED));
	assert_true(platform_filing_move_ok(PFS_FILED, PFS_DEREGISTRATION_PENDING));
	assert_true(platform_filing_move_ok(PFS_DEREGISTRATION_PENDING, PFS_DEREGISTERED));
	assert_false(platform_filing_move_ok(PFS_DRAFT, PFS_FILED));
	assert_false(platform_filing_move_ok(PFS_DEREGISTERED, PFS_FILED));
	assert_false(platform_filing_move_ok(PFS_DEREGISTERED, PFS_DRAFT));
	/* Intake is open only while filed (第八条, R20). */
	assert_false(platform_filing_is_filed(PFS_DRAFT));
	assert_false(platform_filing_is_filed(PFS_SUBMITTED));
	assert_false(platform_filing_is_filed(PFS_RESUBMITTED));
	assert_true(platform_filing_is_filed(PFS_FILED));
	assert_true(platform_filing_is_filed(PFS_CHANGE_PENDING));
	assert_false(platform_filing_is_filed(PFS_DEREGISTERED));
	assert_string_equal(platform_filing_status_name(PFS_CHANGE_PENDING), "change_pending");
	assert_int_equal(platform_filing_status_parse("deregistered", 12), PFS_DEREGISTERED);
}

static void
test_filing__number_template(void **state)
{
	char	out[FILING_NUMBER_MAX], err[160];

	(void)state;
	/* R41's default. */
	assert_int_equal(filing_number_template_ok("{PREFIX}{YYYY}{SEQ:05}", err, sizeof(err)), 0);
	assert_int_equal(filing_number_format("{PREFIX}{YYYY}{SEQ:05}", "LDBA", 2026, 7, out,
	    sizeof(out)), 0);
	assert_string_equal(out, "LDBA202600007");
	assert_int_equal(filing_number_format("工信备-{YYYY}-{SEQ}号", "", 2027, 123456, out,
	    sizeof(out)), 0);
	assert_string_equal(out, "工信备-2027-123456号");
	/* Past the padding the number grows. */
	assert_int_equal(filing_number_format("{SEQ:03}", "", 2026, 12345, out, sizeof(out)), 0);
	assert_string_equal(out, "12345");
	/* Refusals name what is wrong. */
	assert_int_equal(filing_number_template_ok("", err, sizeof(err)), -1);
	assert_int_equal(filing_number_template_ok("{PREFIX}{YYYY}", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "exactly one {SEQ}"));
	assert_int_equal(filing_number_template_ok("{SEQ}{SEQ}", err, sizeof(err)), -1);
	assert_int_equal(filing_number_template_ok("{YY}{SEQ}", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "unknown placeholder"));
	assert_int_equal(filing_number_template_ok("{SEQ:0}", err, sizeof(err)), -1);
	assert_int_equal(filing_number_template_ok("{SEQ", err, sizeof(err)), -1);
	assert_int_equal(filing_number_template_ok("SEQ}", err, sizeof(err)), -1);
	/* At most 64 bytes with the NUL (R41). */
	assert_int_equal(filing_number_format("{PREFIX}{SEQ}",
	    "0123456789012345678901234567890123456789012345678901234567890", 2026, 123, out,
	    sizeof(out)), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_filing__builtin_field_set_covers_article_4,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_filing__current_field_set, setup, teardown),
		cmocka_unit_test(test_filing__document_split),
		cmocka_unit_test_setup_teardown(test_filing__parser_names_the_line, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_filing__complete_dossier_has_no_problem,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_filing__every_deficiency_at_once, setup,
		    teardown),
		cmocka_unit_test(test_filing__application_states),
		cmocka_unit_test(test_filing__platform_states_and_go_live),
		cmocka_unit_test(test_filing__number_template),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
