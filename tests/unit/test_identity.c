/*
 * domain/identity: the GB 11643-1999 resident card check (check character,
 * area code, birth date), other document numbers, masking and phones.
 * Check characters are computed here independently of the code under test
 * (as (12 - sum % 11) % 11 with weights 2^(17-i) mod 11), never copied
 * from memory.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "domain/identity.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define TODAY		20250615	/* the "today" every case is judged against */

/* The ISO 7064 MOD 11-2 check character of 17 digits. */
static char
check_char(const char *d17)
{
	int	i, w = 1, sum = 0, c;

	/* Weights from the last digit backwards: 2, 4, 8, ... mod 11. */
	for (i = 16; i >= 0; i--) {
		w = (w * 2) % 11;
		sum += (d17[i] - '0') * w;
	}
	c = (12 - sum % 11) % 11;
	return c == 10 ? 'X' : (char)('0' + c);
}

/* area (6 digits) + date (8) + sequence (3) + computed check character. */
static void
make_card(char out[19], const char *area, const char *date, const char *seq)
{
	memcpy(out, area, 6);
	memcpy(out + 6, date, 8);
	memcpy(out + 14, seq, 3);
	out[17] = check_char(out);
	out[18] = '\0';
}

static enum msg_id
card(const char *s)
{
	return id_resident_card_check(str_from(s), TODAY);
}

static void
test_identity__known_valid_numbers(void **state)
{
	static const char *const known[] = {
		"11010519491231002X",	/* the GB 11643 example */
		"440524188001010014",	/* born 1880: below 1900, so refused below */
	};

	(void)state;
	/* The helper agrees with the published numbers' check characters. */
	assert_int_equal(check_char(known[0]), 'X');
	assert_int_equal(check_char(known[1]), '4');
	assert_int_equal(card(known[0]), MSG_OK);
	assert_int_equal(card("11010519491231002x"), MSG_OK);
	/* A correct check character does not save a birth year before 1900. */
	assert_int_equal(card(known[1]), MSG_ERR_ID_BIRTH_RANGE);
	assert_int_equal(id_number_check(ID_RESIDENT_CARD, str_from(known[0]), TODAY),
	    MSG_OK);
}

static void
test_identity__card_table(void **state)
{
	static const struct {
		const char	*area;
		const char	*date;
		const char	*seq;
		enum msg_id	 want;
	} t[] = {
		{ "110105", "19491231", "002", MSG_OK },
		{ "310104", "19900307", "123", MSG_OK },
		{ "440305", "20000229", "001", MSG_OK },	/* 2000 is a leap year */
		{ "440305", "20040229", "001", MSG_OK },
		{ "440305", "19000101", "001", MSG_OK },	/* the earliest day */
		{ "440305", "20250615", "001", MSG_OK },	/* born today */
		{ "440305", "20250614", "001", MSG_OK },
		{ "810000", "19851010", "555", MSG_OK },
		{ "440305", "19000229", "001", MSG_ERR_ID_BIRTH_DATE },	/* 1900 is not */
		{ "440305", "20230229", "001", MSG_ERR_ID_BIRTH_DATE },
		{ "440305", "19990230", "001", MSG_ERR_ID_BIRTH_DATE },
		{ "440305", "19990431", "001", MSG_ERR_ID_BIRTH_DATE },
		{ "440305", "19991301", "001", MSG_ERR_ID_BIRTH_DATE },
		{ "440305", "19990001", "001", MSG_ERR_ID_BIRTH_DATE },
		{ "440305", "19990100", "001", MSG_ERR_ID_BIRTH_DATE },
		{ "440305", "19991232", "001", MSG_ERR_ID_BIRTH_DATE },
		{ "440305", "00000000", "001", MSG_ERR_ID_BIRTH_DATE },
		{ "440305", "18991231", "001", MSG_ERR_ID_BIRTH_RANGE },
		{ "440305", "20250616", "001", MSG_ERR_ID_BIRTH_RANGE },	/* tomorrow */
		{ "440305", "20260101", "001", MSG_ERR_ID_BIRTH_RANGE },
		{ "440305", "99991231", "001", MSG_ERR_ID_BIRTH_RANGE },
		{ "010105", "19491231", "002", MSG_ERR_ID_AREA },
		{ "000000", "19491231", "002", MSG_ERR_ID_AREA },
	};
	char	num[19];
	size_t	i;
	enum msg_id got;

	(void)state;
	for (i = 0; i < NELEM(t); i++) {
		make_card(num, t[i].area, t[i].date, t[i].seq);
		got = card(num);
		if (got != t[i].want)
			fail_msg("id_resident_card_check(\"%s\") = %s, want %s", num,
			    msg_name(got), msg_name(t[i].want));
	}
}

static void
test_identity__card_check_digit(void **state)
{
	static const char	digits[] = "0123456789X";
	char			num[19];
	size_t			i;
	int			ok = 0;

	(void)state;
	make_card(num, "320102", "19781123", "417");
	/* Exactly one of the 11 possible check characters is right. */
	for (i = 0; i < 11; i++) {
		num[17] = digits[i];
		if (card(num) == MSG_OK)
			ok++;
		else
			assert_int_equal(card(num), MSG_ERR_ID_CHECK_DIGIT);
	}
	assert_int_equal(ok, 1);
	/* A single changed digit or two swapped digits are caught. */
	make_card(num, "320102", "19781123", "417");
	num[15] = num[15] == '9' ? '0' : (char)(num[15] + 1);
	assert_int_equal(card(num), MSG_ERR_ID_CHECK_DIGIT);
	make_card(num, "320102", "19781123", "417");
	num[14] = '1';
	num[15] = '4';
	assert_int_equal(card(num), MSG_ERR_ID_CHECK_DIGIT);
	assert_int_equal(card("110105194912310021"), MSG_ERR_ID_CHECK_DIGIT);
}

static void
test_identity__card_format(void **state)
{
	static const struct {
		const char	*s;
		enum msg_id	 want;
	} t[] = {
		{ "", MSG_ERR_ID_LENGTH },
		{ "11010519491231002", MSG_ERR_ID_LENGTH },
		{ "11010519491231002X1", MSG_ERR_ID_LENGTH },
		{ "110105491231002", MSG_ERR_ID_LENGTH },	/* the old 15-digit cards */
		{ "11010519491231002Y", MSG_ERR_ID_CHARS },
		{ "1101051949123100X2", MSG_ERR_ID_CHARS },
		{ "A1010519491231002X", MSG_ERR_ID_CHARS },
		{ "11010519491231 02X", MSG_ERR_ID_CHARS },
		{ "-1010519491231002X", MSG_ERR_ID_CHARS },
		{ "１10519491231002X", MSG_ERR_ID_CHARS },	/* a full-width digit: 3 bytes */
	};
	const char	buf[] = "11010519491231002X999";
	size_t		i;

	(void)state;
	for (i = 0; i < NELEM(t); i++)
		if (card(t[i].s) != t[i].want)
			fail_msg("id_resident_card_check(\"%s\") = %s, want %s", t[i].s,
			    msg_name(card(t[i].s)), msg_name(t[i].want));
	/* Only n bytes count: the input need not end in NUL. */
	assert_int_equal(id_resident_card_check((struct str){ buf, 18 }, TODAY), MSG_OK);
	assert_int_equal(id_resident_card_check((struct str){ buf, 17 }, TODAY),
	    MSG_ERR_ID_LENGTH);
	assert_int_equal(id_resident_card_check(STR_NULL, TODAY), MSG_ERR_ID_LENGTH);
}

static void
test_identity__other_types(void **state)
{
	static const struct {
		enum id_type	 t;
		const char	*s;
		enum msg_id	 want;
	} t[] = {
		{ ID_PASSPORT, "E12345678", MSG_OK },
		{ ID_PASSPORT, "G1234", MSG_OK },
		{ ID_HK_MACAO_PERMIT, "H12345678", MSG_OK },
		{ ID_TAIWAN_PERMIT, "12345678", MSG_OK },
		{ ID_FOREIGN_PERMANENT, "USA110079031502", MSG_OK },
		{ ID_OTHER, "ab-12-CD", MSG_OK },
		{ ID_OTHER, "12345678901234567890123456789012", MSG_OK },	/* 32 */
		{ ID_OTHER, "123456789012345678901234567890123", MSG_ERR_ID_NUMBER_FORMAT },
		{ ID_PASSPORT, "1234", MSG_ERR_ID_NUMBER_FORMAT },
		{ ID_PASSPORT, "", MSG_ERR_ID_NUMBER_FORMAT },
		{ ID_PASSPORT, "E 1234567", MSG_ERR_ID_NUMBER_FORMAT },
		{ ID_PASSPORT, "E_1234567", MSG_ERR_ID_NUMBER_FORMAT },
		{ ID_PASSPORT, "E1234567\n", MSG_ERR_ID_NUMBER_FORMAT },
		{ ID_PASSPORT, "护照12345", MSG_ERR_ID_NUMBER_FORMAT },
		/* The resident card goes through its own check. */
		{ ID_RESIDENT_CARD, "E12345678", MSG_ERR_ID_LENGTH },
		{ ID_RESIDENT_CARD, "11010519491231002X", MSG_OK },
		{ ID__MAX, "E12345678", MSG_ERR_ID_TYPE },
	};
	size_t		i;
	enum msg_id	got;

	(void)state;
	for (i = 0; i < NELEM(t); i++) {
		got = id_number_check(t[i].t, str_from(t[i].s), TODAY);
		if (got != t[i].want)
			fail_msg("id_number_check(%d, \"%s\") = %s, want %s", t[i].t,
			    t[i].s, msg_name(got), msg_name(t[i].want));
	}
	assert_int_equal(id_number_check((enum id_type)-1, str_from("E12345678"), TODAY),
	    MSG_ERR_ID_TYPE);
}

static void
test_identity__type_names(void **state)
{
	int	t;

	(void)state;
	for (t = 0; t < ID__MAX; t++)
		assert_int_equal(id_type_parse(str_from(id_type_name((enum id_type)t))), t);
	assert_string_equal(id_type_name(ID_RESIDENT_CARD), "resident_card");
	assert_string_equal(id_type_name(ID_OTHER), "other");
	assert_string_equal(id_type_name(ID__MAX), "?");
	assert_int_equal(id_type_parse(str_from("passport")), ID_PASSPORT);
	assert_int_equal(id_type_parse(str_from("Passport")), -1);
	assert_int_equal(id_type_parse(str_from("")), -1);
	assert_int_equal(id_type_parse(str_from("?")), -1);
	assert_int_equal(id_type_parse((struct str){ "passports", 8 }), ID_PASSPORT);
}

static void
test_identity__mask(void **state)
{
	static const struct {
		const char	*s;
		const char	*want;
	} t[] = {
		{ "11010519491231002X", "110***********002X" },
		{ "110101199003071234", "110***********1234" },
		{ "E12345678", "E12**5678" },
		{ "12345678", "123*5678" },
		{ "1234567", "*******" },
		{ "12", "**" },
		{ "", "" },
		{ "AB\001DEFG\n12", "AB****G*12" },	/* controls never shown */
	};
	char	out[64];
	size_t	i;

	(void)state;
	for (i = 0; i < NELEM(t); i++) {
		memset(out, '#', sizeof(out));
		id_number_mask(str_from(t[i].s), out, strlen(t[i].s) + 1);
		if (strcmp(out, t[i].want) != 0)
			fail_msg("id_number_mask(\"%s\") = \"%s\", want \"%s\"", t[i].s,
			    out, t[i].want);
	}
	/* Not NUL-terminated input. */
	id_number_mask((struct str){ "110101199003071234zzz", 18 }, out, sizeof(out));
	assert_string_equal(out, "110***********1234");
	/* Too small a buffer: stars only, never a digit. */
	id_number_mask(str_from("110101199003071234"), out, 10);
	assert_string_equal(out, "*********");
	out[0] = '#';
	id_number_mask(str_from("110101199003071234"), out, 0);
	assert_int_equal(out[0], '#');
}

static void
test_identity__phone_table(void **state)
{
	static const struct {
		const char	*s;
		enum msg_id	 want;
	} t[] = {
		{ "13800138000", MSG_OK },
		{ "19912345678", MSG_OK },
		{ "15000000000", MSG_OK },
		{ "+8613800138000", MSG_OK },
		{ "+12025550123", MSG_OK },
		{ "+85291234567", MSG_OK },
		{ "+12345678", MSG_OK },		/* 8 digits */
		{ "+123456789012345", MSG_OK },	/* 15 digits */
		{ "", MSG_ERR_PHONE_FORMAT },
		{ "+", MSG_ERR_PHONE_FORMAT },
		{ "12345678901", MSG_ERR_PHONE_FORMAT },	/* 12x is not mobile */
		{ "10086000000", MSG_ERR_PHONE_FORMAT },
		{ "23800138000", MSG_ERR_PHONE_FORMAT },
		{ "1380013800", MSG_ERR_PHONE_FORMAT },
		{ "138001380000", MSG_ERR_PHONE_FORMAT },
		{ "1380013800a", MSG_ERR_PHONE_FORMAT },
		{ "138 0013 8000", MSG_ERR_PHONE_FORMAT },
		{ "+1234567", MSG_ERR_PHONE_FORMAT },		/* 7 digits */
		{ "+1234567890123456", MSG_ERR_PHONE_FORMAT },	/* 16 digits */
		{ "+0123456789", MSG_ERR_PHONE_FORMAT },
		{ "+86 13800138000", MSG_ERR_PHONE_FORMAT },
		{ "+86-13800138000", MSG_ERR_PHONE_FORMAT },
		{ "++8613800138000", MSG_ERR_PHONE_FORMAT },
		{ "8613800138000", MSG_ERR_PHONE_FORMAT },
		{ "１3800138000", MSG_ERR_PHONE_FORMAT },
	};
	size_t	i;

	(void)state;
	for (i = 0; i < NELEM(t); i++)
		if (phone_check(str_from(t[i].s)) != t[i].want)
			fail_msg("phone_check(\"%s\") = %s, want %s", t[i].s,
			    msg_name(phone_check(str_from(t[i].s))),
			    msg_name(t[i].want));
	assert_int_equal(phone_check((struct str){ "13800138000999", 11 }), MSG_OK);
	assert_int_equal(phone_check(STR_NULL), MSG_ERR_PHONE_FORMAT);
}

static void
test_identity__messages_exist(void **state)
{
	(void)state;
	/* The refusals have real text in both languages. */
	assert_true(strlen(msg(LANG_EN, MSG_ERR_ID_CHECK_DIGIT)) > 10);
	assert_true(strlen(msg(LANG_ZH, MSG_ERR_ID_CHECK_DIGIT)) > 10);
	assert_string_equal(msg_name(MSG_ERR_PHONE_FORMAT), "MSG_ERR_PHONE_FORMAT");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_identity__known_valid_numbers),
		cmocka_unit_test(test_identity__card_table),
		cmocka_unit_test(test_identity__card_check_digit),
		cmocka_unit_test(test_identity__card_format),
		cmocka_unit_test(test_identity__other_types),
		cmocka_unit_test(test_identity__type_names),
		cmocka_unit_test(test_identity__mask),
		cmocka_unit_test(test_identity__phone_table),
		cmocka_unit_test(test_identity__messages_exist),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
