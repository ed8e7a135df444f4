#include <string.h>

#include "domain/identity.h"

#define ID_CARD_LEN	18	/* GB 11643-1999 */
#define ID_OTHER_MIN	5	/* other documents: formats vary, staff verify */
#define ID_OTHER_MAX	32
#define ID_MASK_HEAD	3	/* characters shown before the stars */
#define ID_MASK_TAIL	4	/* and after */
#define ID_BIRTH_MIN	19000101	/* earliest birth date accepted */
#define PHONE_INTL_MIN	8	/* digits after '+': country code and number */
#define PHONE_INTL_MAX	15	/* E.164 */

static const char *const type_names[ID__MAX] = {
	"resident_card",	/* ID_RESIDENT_CARD */
	"passport",		/* ID_PASSPORT */
	"hk_macao_permit",	/* ID_HK_MACAO_PERMIT */
	"taiwan_permit",	/* ID_TAIWAN_PERMIT */
	"foreign_permanent",	/* ID_FOREIGN_PERMANENT */
	"other",		/* ID_OTHER */
};

/* ISO 7064 MOD 11-2 weights, 2^(17-i) mod 11, for the first 17 digits. */
static const int card_weights[ID_CARD_LEN - 1] = {
	7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2,
};
static const char card_check[] = "10X98765432";	/* by sum % 11 */

const char *
id_type_name(enum id_type t)
{
	return (unsigned)t < ID__MAX ? type_names[t] : "?";
}

int
id_type_parse(struct str s)
{
	return str_index(type_names, ID__MAX, s);
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The decimal value of n digits at p (the caller checked they are digits). */
static int32_t
digits(const char *p, size_t n)
{
	int32_t	v = 0;
	size_t	i;

	for (i = 0; i < n; i++)
		v = v * 10 + (p[i] - '0');
	return v;
}

static bool
leap(int32_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* YYYYMMDD names a day of the Gregorian calendar. */
static bool
real_date(int32_t ymd)
{
	static const int	mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
	};
	int32_t			y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;

	if (m < 1 || m > 12 || d < 1)
		return false;
	return d <= mdays[m - 1] + (m == 2 && leap(y) ? 1 : 0);
}

enum msg_id
id_resident_card_check(struct str number, int32_t today_yyyymmdd)
{
	int32_t	birth;
	size_t	i;
	int	sum = 0;
	char	last;

	if (number.n != ID_CARD_LEN)
		return MSG_ERR_ID_LENGTH;
	for (i = 0; i < ID_CARD_LEN - 1; i++)
		if (!is_digit(number.p[i]))
			return MSG_ERR_ID_CHARS;
	last = number.p[ID_CARD_LEN - 1];
	if (last == 'x')
		last = 'X';
	if (!is_digit(last) && last != 'X')
		return MSG_ERR_ID_CHARS;
	if (number.p[0] == '0')
		return MSG_ERR_ID_AREA;
	/*
	 * The date before the check digit: a mistyped birth date usually breaks
	 * both, and "not a real date" tells the person where to look.
	 */
	birth = digits(number.p + 6, 8);
	if (!real_date(birth))
		return MSG_ERR_ID_BIRTH_DATE;
	if (birth < ID_BIRTH_MIN || birth > today_yyyymmdd)
		return MSG_ERR_ID_BIRTH_RANGE;
	for (i = 0; i < ID_CARD_LEN - 1; i++)
		sum += (number.p[i] - '0') * card_weights[i];
	if (card_check[sum % 11] != last)
		return MSG_ERR_ID_CHECK_DIGIT;
	return MSG_OK;
}

enum msg_id
id_number_check(enum id_type t, struct str number, int32_t today_yyyymmdd)
{
	size_t	i;
	char	c;

	if ((unsigned)t >= ID__MAX)
		return MSG_ERR_ID_TYPE;
	if (t == ID_RESIDENT_CARD)
		return id_resident_card_check(number, today_yyyymmdd);
	if (number.n < ID_OTHER_MIN || number.n > ID_OTHER_MAX)
		return MSG_ERR_ID_NUMBER_FORMAT;
	for (i = 0; i < number.n; i++) {
		c = number.p[i];
		if (!is_digit(c) && !(c >= 'A' && c <= 'Z') &&
		    !(c >= 'a' && c <= 'z') && c != '-')
			return MSG_ERR_ID_NUMBER_FORMAT;
	}
	return MSG_OK;
}

void
id_number_mask(struct str number, char *out, size_t outsz)
{
	size_t	i, n = number.n;
	char	c;

	if (outsz == 0)
		return;
	/* A buffer too small for the whole mask gets stars only: never leak more. */
	if (outsz < n + 1) {
		memset(out, '*', outsz - 1);
		out[outsz - 1] = '\0';
		return;
	}
	for (i = 0; i < n; i++) {
		c = number.p[i];
		if (n <= ID_MASK_HEAD + ID_MASK_TAIL ||
		    (i >= ID_MASK_HEAD && i < n - ID_MASK_TAIL))
			c = '*';
		/* What is shown stays printable ASCII, whatever was stored. */
		else if ((unsigned char)c < 0x21 || (unsigned char)c > 0x7e)
			c = '*';
		out[i] = c;
	}
	out[n] = '\0';
}

enum msg_id
phone_check(struct str phone)
{
	size_t	i;

	if (phone.n == 11 && phone.p[0] == '1' && phone.p[1] >= '3' &&
	    phone.p[1] <= '9') {
		for (i = 2; i < phone.n; i++)
			if (!is_digit(phone.p[i]))
				return MSG_ERR_PHONE_FORMAT;
		return MSG_OK;
	}
	/* International: no country code starts with 0. */
	if (phone.n < 1 + PHONE_INTL_MIN || phone.n > 1 + PHONE_INTL_MAX ||
	    phone.p[0] != '+' || phone.p[1] == '0')
		return MSG_ERR_PHONE_FORMAT;
	for (i = 1; i < phone.n; i++)
		if (!is_digit(phone.p[i]))
			return MSG_ERR_PHONE_FORMAT;
	return MSG_OK;
}
