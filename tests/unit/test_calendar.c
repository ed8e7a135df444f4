/*
 * core/calendar (the working-day calendar, R26, and period arithmetic) and
 * domain/deadline.  The built-in data is checked line by line, against the
 * shared copy it was taken from, and against 调休 days and hand facts
 * written out here; weekdays in the CSV checks come from Sakamoto's
 * formula, not from the code under test.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/calendar.h"
#include "core/config.h"
#include "core/embed.h"
#include "crypto/crypto.h"
#include "domain/deadline.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define HOUR		3600
#define DAY		86400

extern const struct embed_file calendar_data[];	/* data/calendar/ */

#define SHARED_CSV	LOUDONG_SHARED_DATA "/holidays-cn.csv"

/* ---- helpers ---- */

static int64_t
D(const char *s)
{
	int64_t	day = 0;

	if (date_parse(s, strlen(s), &day) != 0)
		fail_msg("bad date in the test: %s", s);
	return day;
}

/* Unix time of a CST wall-clock time. */
static int64_t
cst(const char *date, int h, int m, int s)
{
	return date_start_time(D(date)) + h * HOUR + m * 60 + s;
}

static void
assert_date(int64_t day, const char *want)
{
	char	buf[16];

	date_format(day, buf, sizeof(buf));
	assert_string_equal(buf, want);
}

/* Sakamoto's day of week, 0 Sunday: independent of date_weekday. */
static int
sakamoto(int y, int m, int d)
{
	static const int	t[] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };

	if (m < 3)
		y -= 1;
	return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

static const struct embed_file *
builtin_csv(void)
{
	const struct embed_file	*f = embed_find(calendar_data, "holidays-cn.csv");

	assert_non_null(f);
	return f;
}

/*
 * Check every data line of a holidays CSV against calendar c, splitting
 * the lines here and not with calendar.c's parser.  Returns the number of
 * data lines; *nwork gets the work lines.
 */
static int
check_csv_facts(const char *text, size_t len, const struct calendar *c, int *nwork)
{
	const char	*p = text, *end = text + len, *nl, *k, *name;
	char		 date[11], nm[80];
	size_t		 n, nn;
	int		 y, m, d, wd, lines = 0;
	int64_t		 day;
	bool		 prov = false, work;

	*nwork = 0;
	for (; p < end; p = nl != NULL ? nl + 1 : end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		n = (size_t)((nl != NULL ? nl : end) - p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (n == 0 || p[0] == '#' || (n >= 4 && memcmp(p, "date", 4) == 0))
			continue;
		assert_true(n > 11 && p[10] == ',');
		memcpy(date, p, 10);
		date[10] = '\0';
		y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
		m = (p[5] - '0') * 10 + (p[6] - '0');
		d = (p[8] - '0') * 10 + (p[9] - '0');
		k = p + 11;
		work = (size_t)(end - k) >= 5 && memcmp(k, "work,", 5) == 0;
		if (!work && memcmp(k, "off,", 4) != 0)
			fail_msg("line '%.*s': neither off nor work", (int)n, p);
		name = k + (work ? 5 : 4);
		nn = n - (size_t)(name - p);
		assert_true(nn < sizeof(nm));
		memcpy(nm, name, nn);
		nm[nn] = '\0';
		day = date_from_ymd(y, m, d);
		wd = sakamoto(y, m, d);
		if (calendar_is_workday(c, day, &prov) != work)
			fail_msg("%s: the calendar says %s, the file %s", date,
			    work ? "off" : "work", work ? "work" : "off");
		if (work && wd != 0 && wd != 6)
			fail_msg("%s: a work day that is not a Saturday or Sunday", date);
		assert_non_null(calendar_day_name(c, day));
		assert_string_equal(calendar_day_name(c, day), nm);
		assert_false(prov);
		lines++;
		if (work)
			(*nwork)++;
	}
	return lines;
}

/* ---- (1) the built-in calendar ---- */

static void
test_calendar__builtin_parses_and_covers_2021_2026(void **state)
{
	const struct calendar	*c = calendar_builtin();
	const struct embed_file	*f = builtin_csv();
	unsigned char		 h[CRYPTO_SHA256_BYTES];
	char			 hex[17];
	const char		*v;
	int			 y;
	size_t			 i;

	(void)state;
	assert_non_null(c);
	assert_ptr_equal(calendar_builtin(), c);	/* parsed once */
	assert_ptr_equal(calendar_current(), c);	/* nothing installed */
	assert_int_equal(calendar_first_year(c), 2021);
	assert_int_equal(calendar_last_year(c), 2026);
	for (y = 2021; y <= 2026; y++)
		assert_true(calendar_covers(c, y));
	assert_false(calendar_covers(c, 2020));
	assert_false(calendar_covers(c, 2027));
	assert_false(calendar_covers(c, 1970));

	/* "holidays-cn sha256:" + the first 16 hex digits of the embedded file. */
	crypto_sha256(h, f->data, f->len, NULL, 0, NULL, 0);
	for (i = 0; i < 8; i++)
		snprintf(hex + 2 * i, 3, "%02x", h[i]);
	v = calendar_version(c);
	assert_int_equal(strlen(v), strlen("holidays-cn sha256:") + 16);
	assert_memory_equal(v, "holidays-cn sha256:", strlen("holidays-cn sha256:"));
	assert_string_equal(v + strlen("holidays-cn sha256:"), hex);
}

static void
test_calendar__set_current(void **state)
{
	static const char	csv[] = "date,kind,name\n2030-10-01,off,国庆节\n";
	struct calendar		*c;
	char			 err[256];

	(void)state;
	c = calendar_parse(csv, sizeof(csv) - 1, "test v1", err, sizeof(err));
	assert_non_null(c);
	calendar_set_current(c);
	assert_ptr_equal(calendar_current(), c);
	/* NULL stands for the current calendar. */
	assert_false(calendar_is_workday(NULL, D("2030-10-01"), NULL));
	calendar_set_current(NULL);
	assert_ptr_equal(calendar_current(), calendar_builtin());
	assert_true(calendar_is_workday(NULL, D("2030-10-01"), NULL));
	calendar_free(c);
	calendar_free(NULL);
}

/* ---- (2) every line of the built-in CSV ---- */

static void
test_calendar__builtin_every_line(void **state)
{
	const struct embed_file	*f = builtin_csv();
	int			 nwork, lines;

	(void)state;
	lines = check_csv_facts((const char *)f->data, f->len, calendar_builtin(), &nwork);
	assert_int_equal(lines, 222);
	assert_int_equal(nwork, 40);
}

/* ---- (3) the shared file, read independently ---- */

static void
test_calendar__shared_copy_agrees(void **state)
{
	const struct embed_file	*f = builtin_csv();
	struct calendar		*c;
	FILE			*fp;
	char			*buf, err[256];
	size_t			 n;
	int			 nwork, lines;

	(void)state;
	if ((fp = fopen(SHARED_CSV, "rb")) == NULL) {
		print_message("skipping: no shared holidays file at '%s'\n", SHARED_CSV);
		skip();
	}
	buf = malloc(1024 * 1024);
	assert_non_null(buf);
	n = fread(buf, 1, 1024 * 1024, fp);
	fclose(fp);
	assert_true(n > 0 && n < 1024 * 1024);
	/* The project's copy is byte for byte the shared one. */
	assert_int_equal(n, f->len);
	assert_memory_equal(buf, f->data, n);
	/* The shared facts hold on the built-in calendar... */
	lines = check_csv_facts(buf, n, calendar_builtin(), &nwork);
	assert_int_equal(lines, 222);
	assert_int_equal(nwork, 40);
	/* ...and on a calendar parsed from the shared file itself. */
	c = calendar_parse(buf, n, "shared", err, sizeof(err));
	assert_non_null(c);
	assert_int_equal(check_csv_facts(buf, n, c, &nwork), 222);
	calendar_free(c);
	free(buf);
}

/* ---- (4) every 调休 day of 2021-2026, by hand ---- */

static const char *const tiaoxiu[] = {
	"2021-02-07", "2021-02-20", "2021-04-25", "2021-05-08", "2021-09-18",
	"2021-09-26", "2021-10-09",
	"2022-01-29", "2022-01-30", "2022-04-02", "2022-04-24", "2022-05-07",
	"2022-10-08", "2022-10-09",
	"2023-01-28", "2023-01-29", "2023-04-23", "2023-05-06", "2023-06-25",
	"2023-10-07", "2023-10-08",
	"2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11",
	"2024-09-14", "2024-09-29", "2024-10-12",
	"2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
	"2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20",
	"2026-10-10",
};

static void
test_calendar__tiaoxiu_days(void **state)
{
	const struct calendar	*c = calendar_builtin();
	int64_t			 day, first, last;
	size_t			 i;
	int			 wd, nweekend = 0;
	bool			 prov = false;

	(void)state;
	assert_int_equal(NELEM(tiaoxiu), 40);
	for (i = 0; i < NELEM(tiaoxiu); i++) {
		day = D(tiaoxiu[i]);
		wd = date_weekday(day);
		if (wd != 0 && wd != 6)
			fail_msg("%s is not a weekend day", tiaoxiu[i]);
		if (!calendar_is_workday(c, day, &prov))
			fail_msg("%s should be a working day", tiaoxiu[i]);
	}
	/* And no other weekend day of 2021-2026 is worked. */
	first = D("2021-01-01");
	last = D("2026-12-31");
	for (day = first; day <= last; day++) {
		wd = date_weekday(day);
		if ((wd == 0 || wd == 6) && calendar_is_workday(c, day, &prov))
			nweekend++;
	}
	assert_int_equal(nweekend, 40);
	assert_false(prov);
}

/* ---- (5) facts by hand ---- */

static void
test_calendar__hand_facts(void **state)
{
	const struct calendar	*c = calendar_builtin();
	bool			 prov = false;
	char			 d[16];
	int			 i;

	(void)state;
	/* 除夕 2024 (02-09, Friday) was a working day (SOURCES D4). */
	assert_true(calendar_is_workday(c, D("2024-02-09"), &prov));
	assert_date(calendar_add_workdays(c, D("2024-02-08"), 1, &prov), "2024-02-09");
	/* Then 春节 02-10..17, and Sunday 02-18 is worked. */
	assert_date(calendar_add_workdays(c, D("2024-02-09"), 1, &prov), "2024-02-18");
	assert_date(calendar_add_workdays(c, D("2024-02-08"), 2, &prov), "2024-02-18");
	assert_date(calendar_add_workdays(c, D("2024-02-09"), 2, &prov), "2024-02-19");
	for (i = 1; i <= 7; i++) {
		snprintf(d, sizeof(d), "2024-10-%02d", i);
		assert_false(calendar_is_workday(c, D(d), &prov));
		assert_string_equal(calendar_day_name(c, D(d)), "国庆节");
	}
	assert_true(calendar_is_workday(c, D("2024-10-08"), &prov));
	assert_true(calendar_is_workday(c, D("2025-01-26"), &prov));	/* Sunday, worked */
	assert_int_equal(date_weekday(D("2025-01-26")), 0);
	assert_false(calendar_is_workday(c, D("2024-03-16"), &prov));	/* a plain Saturday */
	assert_false(calendar_is_workday(c, D("2024-03-17"), &prov));	/* a plain Sunday */
	assert_true(calendar_is_workday(c, D("2024-03-13"), &prov));	/* a plain Wednesday */
	assert_null(calendar_day_name(c, D("2024-03-13")));
	/* Zero working days is the day itself, even a holiday. */
	assert_date(calendar_add_workdays(c, D("2024-10-01"), 0, &prov), "2024-10-01");
	assert_date(calendar_add_workdays(c, D("2024-03-16"), 0, &prov), "2024-03-16");
	/* Across years: 元旦 blocks, and a 调休 Sunday on 2026-01-04. */
	assert_date(calendar_add_workdays(c, D("2024-12-31"), 1, &prov), "2025-01-02");
	assert_date(calendar_add_workdays(c, D("2023-12-29"), 1, &prov), "2024-01-02");
	assert_date(calendar_add_workdays(c, D("2025-12-31"), 1, &prov), "2026-01-04");
	assert_date(calendar_add_workdays(c, D("2025-12-31"), 2, &prov), "2026-01-05");
	/* 国庆 2024 from the Friday before: Sun 09-29 worked, Mon 09-30, then 10-08. */
	assert_date(calendar_add_workdays(c, D("2024-09-27"), 3, &prov), "2024-10-08");
	/* ...and Saturday 10-12 is worked too. */
	assert_date(calendar_add_workdays(c, D("2024-09-27"), 10, &prov), "2024-10-16");
	assert_false(prov);
}

/* ---- (6) years the data does not cover ---- */

static void
test_calendar__provisional(void **state)
{
	const struct calendar	*c = calendar_builtin();
	bool			 prov;

	(void)state;
	prov = false;
	assert_true(calendar_is_workday(c, D("2027-01-04"), &prov));	/* Monday */
	assert_true(prov);
	prov = false;
	assert_false(calendar_is_workday(c, D("2027-01-02"), &prov));	/* Saturday */
	assert_true(prov);
	/* 2019-10-01 was National Day, but 2019 is not in the data. */
	prov = false;
	assert_true(calendar_is_workday(c, D("2019-10-01"), &prov));
	assert_true(prov);
	prov = false;
	assert_true(calendar_is_workday(c, D("2024-03-13"), &prov));
	assert_false(prov);
	/* The flag is only ever set, so one flag collects a computation. */
	prov = true;
	assert_true(calendar_is_workday(c, D("2024-03-13"), &prov));
	assert_true(prov);
	/* A walk that steps into 2027 is provisional; one inside 2026 is not. */
	prov = false;
	assert_date(calendar_add_workdays(c, D("2026-12-30"), 3, &prov), "2027-01-04");
	assert_true(prov);
	prov = false;
	assert_date(calendar_add_workdays(c, D("2026-12-28"), 3, &prov), "2026-12-31");
	assert_false(prov);
	/* NULL for the flag is fine. */
	assert_true(calendar_is_workday(c, D("2027-01-04"), NULL));
	assert_date(calendar_add_workdays(c, D("2019-12-31"), 1, NULL), "2020-01-01");
}

/* ---- (7) parse errors ---- */

struct bad_csv {
	const char	*text;
	const char	*want[2];	/* substrings of the error */
};

static void
test_calendar__parse_errors_name_the_line(void **state)
{
	static const struct bad_csv	bad[] = {
		{ "date,kind,name\n2024-10-01,off,国庆节\n2024-10-01,off,国庆节\n",
		  { "line 3", "line 2" } },
		{ "date,kind,name\n2024-10-01,holiday,国庆节\n", { "line 2", "unknown kind" } },
		{ "date,kind,name\n2024-10-01,Off,国庆节\n", { "line 2", "unknown kind" } },
		{ "date,kind,name\n2024-10-08,work,国庆节\n", { "line 2", "Tuesday" } },
		{ "date,kind,name\n2024-02-30,off,x\n", { "line 2", "not a date" } },
		{ "date,kind,name\n2023-02-29,off,x\n", { "line 2", "not a date" } },
		{ "date,kind,name\n2024-1-01,off,x\n", { "line 2", "not a date" } },
		{ "date,kind,name\n2024-10-01 ,off,x\n", { "line 2", "not a date" } },
		{ "date,kind,name\n2024-10-01,off\n", { "line 2", "date,kind,name" } },
		{ "date,kind,name\n2024-10-01\n", { "line 2", "date,kind,name" } },
		{ "date,kind,name\n2024-10-01,off,\n", { "line 2", "name" } },
		{ "date,kind,name\n2024-10-01,off,a\tb\n", { "line 2", "name" } },
		{ "date,kind,name\n2024-10-01,off,\xff\xfe\n", { "line 2", "name" } },
		{ "date,kind,name\n2024-10-01,off,"
		  "12345678901234567890123456789012345678901234567890123456789012345\n",
		  { "line 2", "name" } },
		/* Comments and blank lines count as lines. */
		{ "# holidays\n\ndate,kind,name\n2024-10-01,off,x\n\n# x\n2024-10-09,work,x\n",
		  { "line 7", "Wednesday" } },
		{ "date,kind,name\r\n2024-10-01,off,x\r\n2024-10-01,off,y\r\n",
		  { "line 3", "given twice" } },
		{ "2024-10-01,off,x\n", { "line 1", "header" } },
		{ "Date,Kind,Name\n2024-10-01,off,x\n", { "line 1", "header" } },
		{ "", { "header", "" } },
		{ "\n\n# nothing\n", { "header", "" } },
		{ "date,kind,name\n", { "no days", "" } },
	};
	struct calendar	*c;
	char		 err[256];
	size_t		 i, j;

	(void)state;
	for (i = 0; i < NELEM(bad); i++) {
		err[0] = '\0';
		c = calendar_parse(bad[i].text, strlen(bad[i].text), "v", err, sizeof(err));
		if (c != NULL)
			fail_msg("case %zu parsed", i);
		for (j = 0; j < 2; j++)
			if (strstr(err, bad[i].want[j]) == NULL)
				fail_msg("case %zu: '%s' does not say '%s'", i, err,
				    bad[i].want[j]);
	}
	/* No room for the message is fine. */
	assert_null(calendar_parse("x", 1, "v", NULL, 0));
	assert_null(calendar_parse(NULL, 0, "v", err, sizeof(err)));
}

static void
test_calendar__parse_accepts(void **state)
{
	/* BOM, CRLF, comments, an off weekend day, no final newline, a gap year. */
	static const char	csv[] =
	    "\xef\xbb\xbf# an update\r\n"
	    "date,kind,name\r\n"
	    "\r\n"
	    "2021-10-01,off,国庆节\r\n"
	    "2023-12-30,off,元旦\r\n"
	    "2021-09-26,work,国庆节\r\n"
	    "2023-10-08,work,中秋节、国庆节";
	struct calendar	*c;
	char		 err[256] = "", longv[300];
	bool		 prov = false;

	(void)state;
	c = calendar_parse(csv, sizeof(csv) - 1, "update sha256:0123", err, sizeof(err));
	if (c == NULL)
		fail_msg("%s", err);
	assert_string_equal(calendar_version(c), "update sha256:0123");
	assert_int_equal(calendar_first_year(c), 2021);
	assert_int_equal(calendar_last_year(c), 2023);
	assert_true(calendar_covers(c, 2021));
	assert_false(calendar_covers(c, 2022));	/* no line: not covered */
	assert_true(calendar_covers(c, 2023));
	assert_false(calendar_is_workday(c, D("2021-10-01"), &prov));
	assert_true(calendar_is_workday(c, D("2021-09-26"), &prov));
	assert_string_equal(calendar_day_name(c, D("2023-10-08")), "中秋节、国庆节");
	assert_false(prov);
	assert_true(calendar_is_workday(c, D("2022-10-03"), &prov));	/* Monday */
	assert_true(prov);
	calendar_free(c);

	/* A long version is cut, not overrun; NULL is "". */
	memset(longv, 'v', sizeof(longv) - 1);
	longv[sizeof(longv) - 1] = '\0';
	c = calendar_parse(csv, sizeof(csv) - 1, longv, err, sizeof(err));
	assert_non_null(c);
	assert_true(strlen(calendar_version(c)) < sizeof(longv) - 1);
	calendar_free(c);
	c = calendar_parse(csv, sizeof(csv) - 1, NULL, err, sizeof(err));
	assert_non_null(c);
	assert_string_equal(calendar_version(c), "");
	calendar_free(c);
}

/* ---- (8) periods ---- */

static void
test_calendar__period_parse(void **state)
{
	static const struct {
		const char		*s;
		enum period_unit	 unit;
		int			 n;
	} good[] = {
		{ "48h", PERIOD_HOURS, 48 },
		{ "2d", PERIOD_DAYS, 2 },
		{ "10wd", PERIOD_WORKDAYS, 10 },
		{ "30m", PERIOD_MINUTES, 30 },
		{ "0h", PERIOD_HOURS, 0 },
		{ "0wd", PERIOD_WORKDAYS, 0 },
		{ "10000wd", PERIOD_WORKDAYS, 10000 },
		{ "10000m", PERIOD_MINUTES, 10000 },
	};
	static const char *const bad[] = {
		"", "h", "d", "wd", "m", "-1h", "+1h", "1.5h", "10w", "01h", "00h",
		"10001h", "99999999999h", "9999999999999999999999wd", "48H", "2D",
		" 48h", "48h ", "4 8h", "1dd", "1hw", "1wdd", "1s", "h1", "1e3h",
	};
	struct period	p;
	char		buf[16];
	size_t		i;

	(void)state;
	for (i = 0; i < NELEM(good); i++) {
		memset(&p, 0xff, sizeof(p));
		if (period_parse(good[i].s, strlen(good[i].s), &p) != 0)
			fail_msg("'%s' refused", good[i].s);
		assert_int_equal(p.unit, good[i].unit);
		assert_int_equal(p.n, good[i].n);
		period_format(&p, buf, sizeof(buf));
		assert_string_equal(buf, good[i].s);
	}
	for (i = 0; i < NELEM(bad); i++)
		if (period_parse(bad[i], strlen(bad[i]), &p) == 0)
			fail_msg("'%s' accepted", bad[i]);
	/* Only n bytes are read: "48h" inside a longer buffer. */
	assert_int_equal(period_parse("48hours", 3, &p), 0);
	assert_int_equal(p.n, 48);
	assert_int_equal(period_parse(NULL, 0, &p), -1);

	p = (struct period){ PERIOD_MINUTES, 30 };
	assert_int_equal(period_seconds(&p), 1800);
	p = (struct period){ PERIOD_HOURS, 24 };
	assert_int_equal(period_seconds(&p), DAY);
	p = (struct period){ PERIOD_DAYS, 2 };
	assert_int_equal(period_seconds(&p), 2 * DAY);
	p = (struct period){ PERIOD_WORKDAYS, 2 };
	assert_int_equal(period_seconds(&p), -1);
}

static int64_t
due(const char *period, int64_t basis, bool *prov)
{
	struct period	p;

	if (period_parse(period, strlen(period), &p) != 0)
		fail_msg("bad period in the test: %s", period);
	return period_due(calendar_builtin(), &p, basis, prov);
}

static void
test_calendar__period_due(void **state)
{
	bool	prov = false;
	int64_t	b;

	(void)state;
	/* 1wd from the last second of 除夕 2024 (a working Friday): 24:00 of 02-18. */
	assert_int_equal(due("1wd", cst("2024-02-09", 23, 59, 59), &prov),
	    cst("2024-02-19", 0, 0, 0));
	/* One second earlier in the calendar, 02-08: the next working day is 02-09. */
	assert_int_equal(due("1wd", cst("2024-02-08", 23, 59, 59), &prov),
	    cst("2024-02-10", 0, 0, 0));
	/* Exactly 00:00 CST belongs to the day it starts. */
	assert_int_equal(due("1wd", cst("2024-02-09", 0, 0, 0), &prov),
	    cst("2024-02-19", 0, 0, 0));
	assert_int_equal(due("1d", cst("2024-02-09", 0, 0, 0), &prov),
	    cst("2024-02-11", 0, 0, 0));
	assert_int_equal(due("1d", cst("2024-02-08", 23, 59, 59), &prov),
	    cst("2024-02-10", 0, 0, 0));
	/* 2d from 2026-09-30 10:00: 10-01 and 10-02, due 24:00 of 10-02. */
	assert_int_equal(due("2d", cst("2026-09-30", 10, 0, 0), &prov),
	    cst("2026-10-03", 0, 0, 0));
	/* 0d and 0wd: the end of the basis day itself. */
	assert_int_equal(due("0d", cst("2024-10-01", 9, 0, 0), &prov),
	    cst("2024-10-02", 0, 0, 0));
	assert_int_equal(due("0wd", cst("2024-10-01", 9, 0, 0), &prov),
	    cst("2024-10-02", 0, 0, 0));
	/* Hours and minutes are added, whatever the calendar. */
	b = cst("2024-10-01", 9, 17, 3);
	assert_int_equal(due("48h", b, &prov), b + 172800);
	assert_int_equal(due("30m", b, &prov), b + 1800);
	assert_int_equal(due("0h", b, &prov), b);
	/* ack 3wd from Friday 2024-09-27: 09-29 (worked Sunday), 09-30, 10-08. */
	assert_int_equal(due("3wd", cst("2024-09-27", 15, 0, 0), &prov),
	    cst("2024-10-09", 0, 0, 0));
	assert_false(prov);
	/* Into 2027: provisional. */
	assert_int_equal(due("3wd", cst("2026-12-30", 12, 0, 0), &prov),
	    cst("2027-01-05", 0, 0, 0));
	assert_true(prov);
	prov = false;
	assert_int_equal(due("5d", cst("2026-12-30", 12, 0, 0), &prov),
	    cst("2027-01-05", 0, 0, 0));
	assert_false(prov);	/* calendar days do not ask the calendar */
}

static void
test_calendar__period_list_parse(void **state)
{
	static const struct {
		const char	*s;
		size_t		 n;
		int64_t		 want[8];
	} good[] = {
		{ "24h,6h,1h", 3, { DAY, 6 * HOUR, HOUR } },
		{ "1h,24h,6h", 3, { DAY, 6 * HOUR, HOUR } },
		{ "1h, 24h,\t6h ", 3, { DAY, 6 * HOUR, HOUR } },
		{ "1h,1h,60m", 1, { HOUR } },
		{ "2d,1d,30m,0m", 4, { 2 * DAY, DAY, 1800, 0 } },
		{ "1d,24h", 1, { DAY } },
		{ "10000m", 1, { 600000 } },
		{ "", 0, { 0 } },
		{ "1m,2m,3m,4m,5m,6m,7m,8m", 8, { 480, 420, 360, 300, 240, 180, 120, 60 } },
		{ "1m,2m,3m,4m,5m,6m,7m,8m,8m,1m", 8,
		  { 480, 420, 360, 300, 240, 180, 120, 60 } },
	};
	static const char *const bad[] = {
		"1wd", "24h,1wd", "24h,,1h", "24h,", ",24h", " ", "10001m", "-1h",
		"1.5h", "24h;6h", "1m,2m,3m,4m,5m,6m,7m,8m,9m",
	};
	int64_t	out[8];
	size_t	i, n;

	(void)state;
	for (i = 0; i < NELEM(good); i++) {
		if (period_list_parse(good[i].s, out, 8, &n) != 0)
			fail_msg("'%s' refused", good[i].s);
		assert_int_equal(n, good[i].n);
		assert_memory_equal(out, good[i].want, n * sizeof(out[0]));
	}
	for (i = 0; i < NELEM(bad); i++) {
		n = 99;
		if (period_list_parse(bad[i], out, 8, &n) == 0)
			fail_msg("'%s' accepted", bad[i]);
		assert_int_equal(n, 0);
	}
	assert_int_equal(period_list_parse(NULL, out, 8, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(period_list_parse("", NULL, 0, &n), 0);
	assert_int_equal(period_list_parse("1h", out, 0, &n), -1);
	assert_int_equal(period_list_parse("2h,1h", out, 1, &n), -1);
	assert_int_equal(period_list_parse("1h,60m", out, 1, &n), 0);
	assert_int_equal(n, 1);
}

/* ---- (9) deadline plans ---- */

static void
test_calendar__deadline_plan(void **state)
{
	struct config		cfg;
	struct deadline_plan	pl;
	struct period		p;
	int64_t			offs[DEADLINE_REMINDERS_MAX], b;
	char			err[256];

	(void)state;
	config_defaults(&cfg);
	deadline_period(&cfg, DL_ACK, &p);
	assert_int_equal(p.unit, PERIOD_WORKDAYS);
	assert_int_equal(p.n, 3);
	assert_int_equal(deadline_reminders(&cfg, DL_SUBMISSION, offs), 3);
	assert_int_equal(offs[0], DAY);
	assert_int_equal(offs[2], HOUR);

	/* Submission: 48 h, reminders at due - 24h, -6h, -1h. */
	b = cst("2024-03-13", 10, 0, 0);
	deadline_plan(&cfg, calendar_builtin(), DL_SUBMISSION, b, &pl);
	assert_int_equal(pl.basis_at, b);
	assert_int_equal(pl.due_at, b + 48 * HOUR);
	assert_string_equal(pl.period, "48h");
	assert_false(pl.provisional);
	assert_int_equal(pl.nremind, 3);
	assert_int_equal(pl.remind_at[0], pl.due_at - DAY);
	assert_int_equal(pl.remind_at[1], pl.due_at - 6 * HOUR);
	assert_int_equal(pl.remind_at[2], pl.due_at - HOUR);
	assert_int_equal(pl.remind_off[0], DAY);
	assert_int_equal(pl.remind_off[1], 6 * HOUR);
	assert_int_equal(pl.remind_off[2], HOUR);

	/* Ack 3wd from the Friday before 国庆 2024; no reminder by default, then 1d before. */
	b = cst("2024-09-27", 15, 0, 0);
	deadline_plan(&cfg, NULL, DL_ACK, b, &pl);
	assert_int_equal(pl.nremind, 0);
	assert_int_equal(config_set(&cfg, "deadlines", "ack_reminders", "1d", err,
	    sizeof(err)), 0);
	deadline_plan(&cfg, NULL, DL_ACK, b, &pl);
	assert_int_equal(pl.due_at, cst("2024-10-09", 0, 0, 0));
	assert_string_equal(pl.period, "3wd");
	assert_int_equal(pl.nremind, 1);
	assert_int_equal(pl.remind_at[0], cst("2024-10-08", 0, 0, 0));

	/* Vendor response 10wd into 2027: provisional. */
	deadline_plan(&cfg, NULL, DL_VENDOR_RESPONSE, cst("2026-12-25", 9, 0, 0), &pl);
	assert_string_equal(pl.period, "10wd");
	assert_true(pl.provisional);

	/*
	 * 备案 review (办法 第五条, 10 working days) from a complete filing on
	 * the Friday before 国庆 2024: Sun 09-29 is worked, 10-01..07 are off,
	 * Sat 10-12 is worked; the tenth working day is Wed 10-16.
	 */
	deadline_plan(&cfg, NULL, DL_FILING_REVIEW, cst("2024-09-27", 16, 30, 0), &pl);
	assert_string_equal(pl.period, "10wd");
	assert_int_equal(pl.due_at, cst("2024-10-17", 0, 0, 0));
	assert_false(pl.provisional);
	assert_int_equal(pl.nremind, 2);
	assert_int_equal(pl.remind_at[0], cst("2024-10-14", 0, 0, 0));
	assert_int_equal(pl.remind_at[1], cst("2024-10-16", 0, 0, 0));
	/* The applicant's 补正: the same 10 working days from the request. */
	deadline_plan(&cfg, NULL, DL_FILING_SUPPLEMENT, cst("2024-09-27", 16, 30, 0), &pl);
	assert_int_equal(pl.due_at, cst("2024-10-17", 0, 0, 0));
	/*
	 * R25: a platform live when the 办法 took effect (2023-01-01, a Sunday
	 * inside the 元旦 holiday) files within 10 working days: 01-03 .. 01-06,
	 * 01-09 .. 01-13, 01-16.
	 */
	deadline_plan(&cfg, NULL, DL_INITIAL_FILING, cst("2023-01-01", 0, 0, 0), &pl);
	assert_int_equal(pl.due_at, cst("2023-01-17", 0, 0, 0));
	/* A change filing: 30 calendar days from the declared change date (第六条). */
	deadline_plan(&cfg, NULL, DL_CHANGE_FILING, cst("2024-09-27", 0, 0, 0), &pl);
	assert_string_equal(pl.period, "30d");
	assert_int_equal(pl.due_at, cst("2024-10-28", 0, 0, 0));

	/* Publication 45d, reminder 7d before. */
	b = cst("2024-01-01", 12, 0, 0);
	deadline_plan(&cfg, NULL, DL_PUBLICATION, b, &pl);
	assert_int_equal(pl.due_at, cst("2024-02-16", 0, 0, 0));
	assert_int_equal(pl.nremind, 1);
	assert_int_equal(pl.remind_at[0], cst("2024-02-09", 0, 0, 0));

	/* Reminders at or before the basis are dropped. */
	assert_int_equal(config_set(&cfg, "deadlines", "submission", "6h", err,
	    sizeof(err)), 0);
	b = cst("2024-03-13", 10, 0, 0);
	deadline_plan(&cfg, NULL, DL_SUBMISSION, b, &pl);
	assert_int_equal(pl.due_at, b + 6 * HOUR);
	assert_int_equal(pl.nremind, 1);	/* 24h gone, 6h is the basis itself */
	assert_int_equal(pl.remind_at[0], pl.due_at - HOUR);
	assert_int_equal(pl.remind_off[0], HOUR);
	assert_int_equal(config_set(&cfg, "deadlines", "submission_reminders", "", err,
	    sizeof(err)), 0);
	deadline_plan(&cfg, NULL, DL_SUBMISSION, b, &pl);
	assert_int_equal(pl.nremind, 0);

	/* A config that never went through validation falls back to the default. */
	memcpy(cfg.dl_period[DL_ACK], "bogus", 6);
	deadline_period(&cfg, DL_ACK, &p);
	assert_int_equal(p.unit, PERIOD_WORKDAYS);
	assert_int_equal(p.n, 3);
}

/* ---- (10) names, the state machine, overdue ---- */

static void
test_calendar__deadline_names_and_rules(void **state)
{
	static const char *const kinds[] = { "ack", "vendor_response", "submission",
	    "publication", "filing_review", "filing_supplement", "change_filing",
	    "initial_filing", "dispute", "warning_ack" };
	static const char *const states[] = { "open", "met", "missed", "paused", "waived" };
	int	i;

	(void)state;
	assert_int_equal(NELEM(kinds), DL__MAX);
	for (i = 0; i < DL__MAX; i++) {
		assert_string_equal(deadline_kind_name((enum deadline_kind)i), kinds[i]);
		assert_int_equal(deadline_kind_parse(str_from(kinds[i])), i);
	}
	for (i = 0; i < DLS__MAX; i++) {
		assert_string_equal(deadline_state_name((enum deadline_state)i), states[i]);
		assert_int_equal(deadline_state_parse(str_from(states[i])), i);
	}
	assert_int_equal(deadline_kind_parse(str_from("Ack")), -1);
	assert_int_equal(deadline_kind_parse(STR_NULL), -1);
	assert_int_equal(deadline_state_parse(str_from("late")), -1);
	assert_string_equal(deadline_kind_rule(DL_ACK), "R42 (ISO/IEC 29147 6.2)");
	assert_string_equal(deadline_kind_rule(DL_VENDOR_RESPONSE), "R34 (Art. 8)");
	assert_string_equal(deadline_kind_rule(DL_SUBMISSION), "R5 (Art. 7(2))");
	assert_string_equal(deadline_kind_rule(DL_PUBLICATION), "R34 (Art. 9; CNVD practice)");
	assert_true(deadline_kind_pauses(DL_ACK));
	assert_true(deadline_kind_pauses(DL_VENDOR_RESPONSE));
	assert_true(deadline_kind_pauses(DL_PUBLICATION));
	assert_false(deadline_kind_pauses(DL_SUBMISSION));
	assert_string_equal(deadline_kind_rule(DL_FILING_REVIEW), "R24 (办法 第五条)");
	assert_string_equal(deadline_kind_rule(DL_FILING_SUPPLEMENT), "R24 (办法 第五条)");
	assert_string_equal(deadline_kind_rule(DL_CHANGE_FILING), "R22 (办法 第六条)");
	assert_string_equal(deadline_kind_rule(DL_INITIAL_FILING), "R25 (办法 第八条)");
	/* The 备案 clocks run whatever anyone waits for. */
	assert_false(deadline_kind_pauses(DL_FILING_REVIEW));
	assert_false(deadline_kind_pauses(DL_FILING_SUPPLEMENT));
	assert_false(deadline_kind_pauses(DL_CHANGE_FILING));
	assert_false(deadline_kind_pauses(DL_INITIAL_FILING));
}

static void
test_calendar__deadline_moves(void **state)
{
	/* want[from][to], in enum order open met missed paused waived. */
	static const bool	want[DLS__MAX][DLS__MAX] = {
		{ false, true,  true,  true,  true  },	/* from open */
		{ false, false, false, false, false },	/* from met */
		{ false, false, true,  false, true  },	/* from missed (met late) */
		{ true,  true,  false, false, true  },	/* from paused */
		{ false, false, false, false, false },	/* from waived */
	};
	int	f, t;

	(void)state;
	for (f = 0; f < DLS__MAX; f++)
		for (t = 0; t < DLS__MAX; t++)
			if (deadline_move_ok((enum deadline_state)f,
			    (enum deadline_state)t) != want[f][t])
				fail_msg("%s -> %s should be %s",
				    deadline_state_name((enum deadline_state)f),
				    deadline_state_name((enum deadline_state)t),
				    want[f][t] ? "allowed" : "refused");
	assert_false(deadline_move_ok(DLS__MAX, DLS_OPEN));
	assert_false(deadline_move_ok(DLS_OPEN, DLS__MAX));
}

static void
test_calendar__deadline_overdue(void **state)
{
	int64_t	due = cst("2024-10-09", 0, 0, 0);

	(void)state;
	assert_false(deadline_overdue(DLS_OPEN, due, 0, due - 1));
	assert_true(deadline_overdue(DLS_OPEN, due, 0, due));	/* 24:00 is late */
	assert_true(deadline_overdue(DLS_OPEN, due, 0, due + DAY));
	assert_true(deadline_overdue(DLS_MISSED, due, 0, due + DAY));
	assert_false(deadline_overdue(DLS_MISSED, due, due + HOUR, due + DAY));
	assert_false(deadline_overdue(DLS_MET, due, due - HOUR, due + DAY));
	assert_false(deadline_overdue(DLS_PAUSED, due, 0, due + DAY));
	assert_false(deadline_overdue(DLS_WAIVED, due, 0, due + DAY));
}

/* ---- date helpers ---- */

static void
test_calendar__date_round_trip(void **state)
{
	int64_t	day, first, last, back = 0;
	int	y, m, d, py, pm, pd;
	char	buf[16];

	(void)state;
	first = date_from_ymd(1970, 1, 1);
	last = date_from_ymd(2100, 12, 31);
	assert_int_equal(first, 0);
	assert_int_equal(last - first + 1, 131 * 365 + 32);	/* 32 leap years in 1970..2100 */
	py = 1969, pm = 12, pd = 31;
	for (day = first; day <= last; day++) {
		date_to_ymd(day, &y, &m, &d);
		assert_int_equal(date_from_ymd(y, m, d), day);
		/* Each day follows the one before. */
		if (!(y == py && m == pm && d == pd + 1) &&
		    !(y == py && m == pm + 1 && d == 1) && !(y == py + 1 && m == 1 && d == 1))
			fail_msg("%d-%d-%d does not follow %d-%d-%d", y, m, d, py, pm, pd);
		assert_int_equal(date_weekday(day), sakamoto(y, m, d));
		if (d == 1 || d == 28) {
			date_format(day, buf, sizeof(buf));
			assert_int_equal(date_parse(buf, strlen(buf), &back), 0);
			assert_int_equal(back, day);
		}
		py = y, pm = m, pd = d;
	}
	/* Before the epoch too. */
	date_to_ymd(-1, &y, &m, &d);
	assert_true(y == 1969 && m == 12 && d == 31);
	assert_int_equal(date_weekday(-1), 3);
}

static void
test_calendar__date_facts(void **state)
{
	static const char *const bad[] = {
		"", "2024-1-01", "2024-13-01", "2024-00-10", "2024-01-00", "2024-01-32",
		"2023-02-29", "2100-02-29", "0000-01-01", "2024/01/01", "abcd-ef-gh",
		"2024-01-01x", " 2024-01-01", "+024-01-01", "2024-04-31",
	};
	int64_t	day;
	size_t	i;

	(void)state;
	assert_int_equal(date_weekday(D("1970-01-01")), 4);	/* Thursday */
	assert_int_equal(date_weekday(D("2000-01-01")), 6);	/* Saturday */
	assert_int_equal(date_weekday(D("2024-02-29")), 4);	/* Thursday */
	assert_int_equal(date_weekday(D("2024-10-01")), 2);	/* Tuesday */
	assert_int_equal(date_weekday(D("2025-01-26")), 0);	/* Sunday */
	assert_int_equal(date_parse("2024-02-29", 10, &day), 0);
	assert_int_equal(date_parse("2000-02-29", 10, &day), 0);
	assert_int_equal(date_parse("9999-12-31", 10, &day), 0);
	for (i = 0; i < NELEM(bad); i++)
		if (date_parse(bad[i], strlen(bad[i]), &day) == 0)
			fail_msg("'%s' accepted", bad[i]);
	assert_int_equal(date_parse(NULL, 0, &day), -1);
	/* CST: the unix epoch was 08:00 on 1970-01-01. */
	assert_int_equal(date_of_time(0), 0);
	assert_int_equal(date_of_time(-8 * HOUR), 0);
	assert_int_equal(date_of_time(-8 * HOUR - 1), -1);
	assert_int_equal(date_of_time(16 * HOUR - 1), 0);
	assert_int_equal(date_of_time(16 * HOUR), 1);
	assert_int_equal(date_start_time(0), -8 * HOUR);
	assert_int_equal(date_start_time(D("2024-10-01")), 1727712000);	/* 2024-09-30T16:00Z */
	assert_int_equal(date_of_time(1727712000), D("2024-10-01"));
	assert_int_equal(date_of_time(1727711999), D("2024-09-30"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_calendar__builtin_parses_and_covers_2021_2026),
		cmocka_unit_test(test_calendar__set_current),
		cmocka_unit_test(test_calendar__builtin_every_line),
		cmocka_unit_test(test_calendar__shared_copy_agrees),
		cmocka_unit_test(test_calendar__tiaoxiu_days),
		cmocka_unit_test(test_calendar__hand_facts),
		cmocka_unit_test(test_calendar__provisional),
		cmocka_unit_test(test_calendar__parse_errors_name_the_line),
		cmocka_unit_test(test_calendar__parse_accepts),
		cmocka_unit_test(test_calendar__period_parse),
		cmocka_unit_test(test_calendar__period_due),
		cmocka_unit_test(test_calendar__period_list_parse),
		cmocka_unit_test(test_calendar__deadline_plan),
		cmocka_unit_test(test_calendar__deadline_names_and_rules),
		cmocka_unit_test(test_calendar__deadline_moves),
		cmocka_unit_test(test_calendar__deadline_overdue),
		cmocka_unit_test(test_calendar__date_round_trip),
		cmocka_unit_test(test_calendar__date_facts),
	};

	if (crypto_init() != 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
