/*
 * domain/complaint (举报, 办法 第九条): the words of each enumeration, the
 * checks of what a complainant sends (a table of valid and invalid
 * inputs), and which step a complaint may take from which state.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "domain/complaint.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static char	long_text[COMPLAINT_TEXT_MAX + 2];
static char	max_text[COMPLAINT_TEXT_MAX + 1];
static char	long_name[COMPLAINT_PLATFORM_MAX + 2];
static char	long_filing[COMPLAINT_FILING_MAX + 2];
static char	long_url[COMPLAINT_URL_MAX + 2];
static char	long_contact[COMPLAINT_CONTACT_MAX + 2];
static char	long_note[COMPLAINT_NOTE_MAX + 2];

static void
fill(char *buf, size_t n, char c)
{
	memset(buf, c, n);
	buf[n] = '\0';
}

static int
setup(void **state)
{
	(void)state;
	fill(long_text, COMPLAINT_TEXT_MAX + 1, 'x');
	fill(max_text, COMPLAINT_TEXT_MAX, 'y');
	fill(long_name, COMPLAINT_PLATFORM_MAX + 1, 'n');
	fill(long_filing, COMPLAINT_FILING_MAX + 1, '1');
	memcpy(long_url, "https://", 8);
	fill(long_url + 8, COMPLAINT_URL_MAX + 1 - 8, 'u');
	fill(long_contact, COMPLAINT_CONTACT_MAX + 1, 'c');
	fill(long_note, COMPLAINT_NOTE_MAX + 1, 'z');
	return 0;
}

/* A complaint with every field filled and valid. */
static struct complaint_in
good(void)
{
	return (struct complaint_in){
		.platform_name = "某漏洞平台 VulnHub-X",
		.platform_url = "https://vulnhub-x.example/",
		.filing_number = "京ICP备12345678号",
		.category = "sale_of_vulnerabilities",
		.text = "平台在论坛出售未修复的路由器漏洞。\n"
		    "They sell unpatched router bugs.\tSee the post.",
		.contact = "13800138000",
	};
}

static void
test_complaint__words_round_trip(void **state)
{
	int	i;

	(void)state;
	for (i = 0; i < CCAT__MAX; i++)
		assert_int_equal(complaint_category_parse(complaint_category_name(
		    (enum complaint_category)i)), i);
	for (i = 0; i < CCH__MAX; i++)
		assert_int_equal(complaint_channel_parse(complaint_channel_name(
		    (enum complaint_channel)i)), i);
	for (i = 0; i < CST__MAX; i++)
		assert_int_equal(complaint_state_parse(complaint_state_name(
		    (enum complaint_state)i)), i);
	for (i = 1; i < COUT__MAX; i++)
		assert_int_equal(complaint_outcome_parse(complaint_outcome_name(
		    (enum complaint_outcome)i)), i);
	/* "" closes nothing; unknown and differently cased words are refused. */
	assert_string_equal(complaint_outcome_name(COUT_NONE), "");
	assert_int_equal(complaint_outcome_parse(""), -1);
	assert_int_equal(complaint_outcome_parse(NULL), -1);
	assert_int_equal(complaint_category_parse("Other"), -1);
	assert_int_equal(complaint_category_parse("spam"), -1);
	assert_int_equal(complaint_state_parse("open"), -1);
	assert_int_equal(complaint_channel_parse("fax"), -1);
	assert_string_equal(complaint_category_name(CCAT__MAX), "?");
	assert_string_equal(complaint_state_name((enum complaint_state)-1), "?");
	/* The table's CHECK lists these words (0011_complaints.sql). */
	assert_string_equal(complaint_category_name(CCAT_SALE), "sale_of_vulnerabilities");
	assert_string_equal(complaint_category_name(CCAT_NO_FILING), "no_filing");
	assert_string_equal(complaint_outcome_name(COUT_REFERRED), "referred");
}

static void
test_complaint__check_table(void **state)
{
	static const struct {
		int		 field;		/* which member to change */
		const char	*value;
		const char	*want_field;	/* NULL: valid */
		enum msg_id	 want_msg;
	} t[] = {
		/* platform_name: required, one line, at most 200 bytes */
		{ 0, NULL, "platform_name", MSG_ERR_FIELD_MISSING },
		{ 0, "", "platform_name", MSG_ERR_FIELD_MISSING },
		{ 0, "  \t ", "platform_name", MSG_ERR_FIELD_MISSING },
		{ 0, "Two\nlines", "platform_name", MSG_ERR_NOTICE_ONE_LINE },
		{ 0, "bell\a", "platform_name", MSG_ERR_NOTICE_ONE_LINE },
		{ 0, "bad \xff utf-8", "platform_name", MSG_ERR_NOTICE_ONE_LINE },
		{ 0, long_name, "platform_name", MSG_ERR_FIELD_TOO_LONG },
		{ 0, "X", NULL, MSG_OK },
		/* platform_url: optional http(s) URL */
		{ 1, NULL, NULL, MSG_OK },
		{ 1, "", NULL, MSG_OK },
		{ 1, "http://a.example", NULL, MSG_OK },
		{ 1, "https://a.example/path?q=1", NULL, MSG_OK },
		{ 1, "ftp://a.example", "platform_url", MSG_ERR_COMPLAINT_URL },
		{ 1, "javascript:alert(1)", "platform_url", MSG_ERR_COMPLAINT_URL },
		{ 1, "a.example", "platform_url", MSG_ERR_COMPLAINT_URL },
		{ 1, "https://", "platform_url", MSG_ERR_COMPLAINT_URL },
		{ 1, "https:///etc", "platform_url", MSG_ERR_COMPLAINT_URL },
		{ 1, "https://a.example/x y", "platform_url", MSG_ERR_COMPLAINT_URL },
		{ 1, long_url, "platform_url", MSG_ERR_COMPLAINT_URL },
		/* filing_number: optional, opaque, at most 64 bytes (R41) */
		{ 2, NULL, NULL, MSG_OK },
		{ 2, "任意格式 0001", NULL, MSG_OK },
		{ 2, long_filing, "filing_number", MSG_ERR_FIELD_TOO_LONG },
		{ 2, "a\nb", "filing_number", MSG_ERR_NOTICE_ONE_LINE },
		/* category: required, a word */
		{ 3, NULL, "category", MSG_ERR_FIELD_MISSING },
		{ 3, "", "category", MSG_ERR_FIELD_MISSING },
		{ 3, "spam", "category", MSG_ERR_COMPLAINT_CATEGORY },
		{ 3, "OTHER", "category", MSG_ERR_COMPLAINT_CATEGORY },
		{ 3, "other", NULL, MSG_OK },
		{ 3, "foreign_transfer", NULL, MSG_OK },
		/* description: required, lines allowed, at most 20000 bytes */
		{ 4, NULL, "description", MSG_ERR_FIELD_MISSING },
		{ 4, " \r\n ", "description", MSG_ERR_FIELD_MISSING },
		{ 4, long_text, "description", MSG_ERR_FIELD_TOO_LONG },
		{ 4, max_text, NULL, MSG_OK },
		{ 4, "line 1\r\nline 2\ttab", NULL, MSG_OK },
		{ 4, "escape \x1b[31m", "description", MSG_ERR_FIELD_ENCODING },
		{ 4, "\xc0\xaf", "description", MSG_ERR_FIELD_ENCODING },
		/* contact: optional, one line */
		{ 5, NULL, NULL, MSG_OK },
		{ 5, "jubao@example.cn", NULL, MSG_OK },
		{ 5, "a\nb", "contact", MSG_ERR_NOTICE_ONE_LINE },
		{ 5, long_contact, "contact", MSG_ERR_FIELD_TOO_LONG },
	};
	struct complaint_problem	p[COMPLAINT_MAX_PROBLEMS];
	struct complaint_in		in;
	enum complaint_category		cat;
	size_t				i;
	int				n;

	(void)state;
	in = good();
	cat = CCAT__MAX;
	assert_int_equal(complaint_check(&in, &cat, p, COMPLAINT_MAX_PROBLEMS), 0);
	assert_int_equal(cat, CCAT_SALE);
	for (i = 0; i < NELEM(t); i++) {
		const char	**m[] = { &in.platform_name, &in.platform_url, &in.filing_number,
				    &in.category, &in.text, &in.contact };

		in = good();
		*m[t[i].field] = t[i].value;
		n = complaint_check(&in, &cat, p, COMPLAINT_MAX_PROBLEMS);
		if (t[i].want_field == NULL) {
			if (n != 0)
				fail_msg("row %zu: refused (%s)", i, p[0].field);
			continue;
		}
		if (n != 1)
			fail_msg("row %zu: %d problems, want 1", i, n);
		assert_string_equal(p[0].field, t[i].want_field);
		if (p[0].msg != t[i].want_msg)
			fail_msg("row %zu: %s, want %s", i, msg_name(p[0].msg),
			    msg_name(t[i].want_msg));
	}
}

static void
test_complaint__check_names_every_field(void **state)
{
	struct complaint_problem	p[COMPLAINT_MAX_PROBLEMS];
	struct complaint_in		in = { 0 };
	enum complaint_category		cat;
	int				n;

	(void)state;
	in.platform_url = "nope";
	in.filing_number = long_filing;
	in.contact = "x\ny";
	/* Every field at once, in field order. */
	n = complaint_check(&in, &cat, p, COMPLAINT_MAX_PROBLEMS);
	assert_int_equal(n, 6);
	assert_string_equal(p[0].field, "platform_name");
	assert_string_equal(p[1].field, "platform_url");
	assert_string_equal(p[2].field, "filing_number");
	assert_string_equal(p[3].field, "category");
	assert_string_equal(p[4].field, "description");
	assert_string_equal(p[5].field, "contact");
	/* Fewer slots: counted all the same, the first ones kept. */
	n = complaint_check(&in, &cat, p, 2);
	assert_int_equal(n, 6);
	assert_string_equal(p[1].field, "platform_url");
}

static void
test_complaint__note_check(void **state)
{
	(void)state;
	assert_int_equal(complaint_note_check("Checked the forum post; it is there."), MSG_OK);
	assert_int_equal(complaint_note_check("two\nlines"), MSG_OK);
	assert_int_equal(complaint_note_check(NULL), MSG_ERR_FIELD_MISSING);
	assert_int_equal(complaint_note_check("   "), MSG_ERR_FIELD_MISSING);
	assert_int_equal(complaint_note_check(long_note), MSG_ERR_FIELD_TOO_LONG);
	assert_int_equal(complaint_note_check("nul\x01"), MSG_ERR_FIELD_ENCODING);
}

static void
test_complaint__steps(void **state)
{
	enum complaint_state	to;
	int			s, o;

	(void)state;
	/* assign: any open state; submitted becomes assigned, the others stay. */
	assert_int_equal(complaint_can_assign(CST_SUBMITTED, &to), MSG_OK);
	assert_int_equal(to, CST_ASSIGNED);
	assert_int_equal(complaint_can_assign(CST_ASSIGNED, &to), MSG_OK);
	assert_int_equal(to, CST_ASSIGNED);
	assert_int_equal(complaint_can_assign(CST_INVESTIGATING, &to), MSG_OK);
	assert_int_equal(to, CST_INVESTIGATING);
	assert_int_equal(complaint_can_assign(CST_CLOSED, &to), MSG_ERR_COMPLAINT_CLOSED);
	/* note: needs an assignee; makes it investigating. */
	assert_int_equal(complaint_can_note(CST_SUBMITTED, &to), MSG_ERR_COMPLAINT_UNASSIGNED);
	assert_int_equal(complaint_can_note(CST_ASSIGNED, &to), MSG_OK);
	assert_int_equal(to, CST_INVESTIGATING);
	assert_int_equal(complaint_can_note(CST_INVESTIGATING, NULL), MSG_OK);
	assert_int_equal(complaint_can_note(CST_CLOSED, &to), MSG_ERR_COMPLAINT_CLOSED);
	/* close: findings need an investigation; the rest close any open one. */
	for (s = 0; s < CST__MAX; s++)
		for (o = 0; o < COUT__MAX; o++) {
			enum msg_id	m = complaint_can_close((enum complaint_state)s,
					    (enum complaint_outcome)o);
			enum msg_id	want = MSG_OK;

			if (s == CST_CLOSED)
				want = MSG_ERR_COMPLAINT_CLOSED;
			else if (o == COUT_NONE)
				want = MSG_ERR_COMPLAINT_OUTCOME;
			else if ((o == COUT_SUBSTANTIATED || o == COUT_UNSUBSTANTIATED) &&
			    s != CST_INVESTIGATING)
				want = MSG_ERR_COMPLAINT_NOT_INVESTIGATED;
			if (m != want)
				fail_msg("close %s as '%s': %s, want %s",
				    complaint_state_name((enum complaint_state)s),
				    complaint_outcome_name((enum complaint_outcome)o),
				    msg_name(m), msg_name(want));
		}
	assert_int_equal(complaint_can_close(CST_SUBMITTED, COUT__MAX), MSG_ERR_COMPLAINT_OUTCOME);
	assert_true(complaint_open(CST_SUBMITTED));
	assert_false(complaint_open(CST_CLOSED));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_complaint__words_round_trip),
		cmocka_unit_test(test_complaint__check_table),
		cmocka_unit_test(test_complaint__check_names_every_field),
		cmocka_unit_test(test_complaint__note_check),
		cmocka_unit_test(test_complaint__steps),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
