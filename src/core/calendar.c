/*
 * The working-day calendar (R26) and period arithmetic.  A calendar is a
 * sorted array of the listed days (binary search per lookup) plus one
 * flag per year between the first and the last listed year saying whether
 * that year has any line; a year without one is not covered and counts
 * Monday to Friday, marked provisional.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "core/embed.h"
#include "core/log.h"
#include "core/parse.h"
#include "core/utf8.h"
#include "core/xalloc.h"

/* The SHA-256 of data/calendar/holidays-cn.csv, from CMake at configure time. */
#ifndef HOLIDAYS_CN_SHA256
#define HOLIDAYS_CN_SHA256	""
#endif

extern const struct embed_file calendar_data[];	/* data/calendar/ */

#define BUILTIN_FILE	"holidays-cn.csv"
#define CAL_HEADER	"date,kind,name"
#define CAL_NAME_MAX	64	/* bytes of a holiday name ("中秋节、国庆节" is 21) */
/*
 * Lines of one file: a notice has about 40 rows a year, so this is
 * centuries of data, and it bounds both memory and the worst walk of
 * calendar_add_workdays through a file that lists every day as off.
 */
#define CAL_DAYS_MAX	20000
#define CAL_VERSION_MAX	128
#define CAL_YEAR_MIN	1	/* date_parse's range */
#define CAL_YEAR_MAX	9999
#define PERIOD_N_MAX	10000
#define SECS_PER_DAY	86400

struct cal_day {
	int64_t		 day;			/* days since 1970-01-01 */
	uint32_t	 line;			/* in the source, for error messages */
	bool		 work;			/* a 调休 working day; else off */
	char		 name[CAL_NAME_MAX + 1];	/* the holiday block, NUL-terminated */
};

struct calendar {
	char		 version[CAL_VERSION_MAX];	/* "holidays-cn sha256:…" */
	struct cal_day	*days;		/* sorted by day, no duplicates */
	size_t		 ndays;		/* >= 1 */
	int		 first_year;	/* of days[0] */
	int		 last_year;	/* of days[ndays - 1] */
	bool		*covered;	/* [year - first_year]: the year has a line */
};

/* ---- civil dates (H. Hinnant's days_from_civil / civil_from_days) ---- */

static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t	q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

int64_t
date_from_ymd(int y, int m, int d)
{
	int64_t		yy = (int64_t)y - (m <= 2);
	int64_t		era = floor_div(yy, 400);
	unsigned	yoe = (unsigned)(yy - era * 400);
	unsigned	doy = (unsigned)((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1);
	unsigned	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + (int64_t)doe - 719468;
}

void
date_to_ymd(int64_t day, int *y, int *m, int *d)
{
	int64_t		z = day + 719468;
	int64_t		era = floor_div(z, 146097);
	unsigned	doe = (unsigned)(z - era * 146097);
	unsigned	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned	mp = (5 * doy + 2) / 153;
	unsigned	mm = mp < 10 ? mp + 3 : mp - 9;

	*y = (int)((int64_t)yoe + era * 400 + (mm <= 2));
	*m = (int)mm;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
}

int
date_weekday(int64_t day)
{
	/* 1970-01-01 was a Thursday. */
	return (int)(((day % 7) + 7 + 4) % 7);
}

static int
days_in_month(int y, int m)
{
	static const int	dim[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool			leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : dim[m - 1];
}

/* n ASCII digits at s as a number; -1 if any is not a digit. */
static int
digits(const char *s, size_t n)
{
	int	v = 0;
	size_t	i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int
date_parse(const char *s, size_t n, int64_t *day)
{
	int	y, m, d;

	if (s == NULL || n != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	if ((y = digits(s, 4)) < CAL_YEAR_MIN || (m = digits(s + 5, 2)) < 1 || m > 12 ||
	    (d = digits(s + 8, 2)) < 1 || d > days_in_month(y, m))
		return -1;
	*day = date_from_ymd(y, m, d);
	return 0;
}

void
date_format(int64_t day, char *buf, size_t size)
{
	int	y, m, d;

	date_to_ymd(day, &y, &m, &d);
	snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
}

int64_t
date_of_time(int64_t t)
{
	return floor_div(t + CAL_TZ_OFFSET, SECS_PER_DAY);
}

int64_t
date_start_time(int64_t day)
{
	return day * SECS_PER_DAY - CAL_TZ_OFFSET;
}

void
time_format_cst(int64_t t, bool rfc3339, char *buf, size_t size)
{
	char	d[16];
	int64_t	sod = t + CAL_TZ_OFFSET - floor_div(t + CAL_TZ_OFFSET, SECS_PER_DAY) *
		    SECS_PER_DAY;

	date_format(date_of_time(t), d, sizeof(d));
	if (rfc3339)
		snprintf(buf, size, "%sT%02d:%02d:%02d+08:00", d, (int)(sod / 3600),
		    (int)(sod % 3600 / 60), (int)(sod % 60));
	else
		snprintf(buf, size, "%s %02d:%02d (UTC+8)", d, (int)(sod / 3600),
		    (int)(sod % 3600 / 60));
}

void
time_format_utc(int64_t t, char *buf, size_t size)
{
	char	d[16];
	int64_t	day = floor_div(t, SECS_PER_DAY), sod = t - day * SECS_PER_DAY;

	date_format(day, d, sizeof(d));
	snprintf(buf, size, "%sT%02d:%02d:%02dZ", d, (int)(sod / 3600),
	    (int)(sod % 3600 / 60), (int)(sod % 60));
}

int
time_parse_rfc3339(const char *s, int64_t *out)
{
	int64_t	day, off = 0;
	int	hh, mm, ss;
	size_t	n, i = 19;

	if (s == NULL || (n = strlen(s)) < 20 || (s[10] != 'T' && s[10] != 't') ||
	    date_parse(s, 10, &day) != 0 || s[13] != ':' || s[16] != ':')
		return -1;
	if ((hh = digits(s + 11, 2)) < 0 || hh > 23 || (mm = digits(s + 14, 2)) < 0 ||
	    mm > 59 || (ss = digits(s + 17, 2)) < 0 || ss > 60)
		return -1;
	if (s[i] == '.') {	/* fractions of a second are dropped */
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			;
		if (s[i - 1] == '.')
			return -1;
	}
	if ((s[i] == 'Z' || s[i] == 'z') && i + 1 == n)
		off = 0;
	else if ((s[i] == '+' || s[i] == '-') && i + 6 == n && s[i + 3] == ':') {
		int oh = digits(s + i + 1, 2), om = digits(s + i + 4, 2);

		if (oh < 0 || oh > 23 || om < 0 || om > 59)
			return -1;
		off = (s[i] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
	} else
		return -1;
	*out = day * SECS_PER_DAY + hh * 3600 + mm * 60 + (ss == 60 ? 59 : ss) - off;
	return 0;
}

static int
date_year(int64_t day)
{
	int	y, m, d;

	date_to_ymd(day, &y, &m, &d);
	return y;
}

/* ---- parsing ---- */

static void seterr(char *err, size_t errsz, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
seterr(char *err, size_t errsz, const char *fmt, ...)
{
	va_list	ap;

	if (err == NULL || errsz == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errsz, fmt, ap);
	va_end(ap);
}

static int
day_cmp(const void *a, const void *b)
{
	const struct cal_day	*x = a, *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

static bool
blank(const char *p, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (p[i] != ' ' && p[i] != '\t')
			return false;
	return true;
}

/* A holiday name: 1..CAL_NAME_MAX bytes of UTF-8 without control characters. */
static bool
name_ok(const char *p, size_t n)
{
	size_t	i;

	if (n == 0 || n > CAL_NAME_MAX || !utf8_valid(p, n))
		return false;
	for (i = 0; i < n; i++)
		if ((unsigned char)p[i] < 0x20 || p[i] == 0x7f)
			return false;
	return true;
}

/*
 * One data line into *out: "YYYY-MM-DD,off|work,name".  0, or -1 with the
 * problem in err (the caller adds nothing: the line number is put here).
 */
static int
parse_line(const char *p, size_t n, unsigned line, struct cal_day *out, char *err,
    size_t errsz)
{
	static const char *const wdays[7] = { "Sunday", "Monday", "Tuesday", "Wednesday",
	    "Thursday", "Friday", "Saturday" };
	const char	*kind, *name, *comma;
	size_t		 nkind, nname, ndate;
	int		 wd;

	comma = memchr(p, ',', n);
	ndate = comma != NULL ? (size_t)(comma - p) : n;
	if (date_parse(p, ndate, &out->day) != 0) {
		/* Quote at most a date's worth, so a binary line stays readable. */
		seterr(err, errsz, "line %u: '%.*s' is not a date (YYYY-MM-DD)", line,
		    (int)(ndate < 16 ? ndate : 16), p);
		return -1;
	}
	if (comma == NULL) {
		seterr(err, errsz, "line %u: expected date,kind,name", line);
		return -1;
	}
	kind = comma + 1;
	if ((comma = memchr(kind, ',', n - (size_t)(kind - p))) == NULL) {
		seterr(err, errsz, "line %u: expected date,kind,name", line);
		return -1;
	}
	nkind = (size_t)(comma - kind);
	name = comma + 1;
	nname = n - (size_t)(name - p);
	if (nkind == 3 && memcmp(kind, "off", 3) == 0)
		out->work = false;
	else if (nkind == 4 && memcmp(kind, "work", 4) == 0)
		out->work = true;
	else {
		seterr(err, errsz, "line %u: unknown kind '%.*s' (off or work)", line,
		    (int)(nkind < 16 ? nkind : 16), kind);
		return -1;
	}
	if (!name_ok(name, nname)) {
		seterr(err, errsz, "line %u: the name must be 1 to %d bytes of text", line,
		    CAL_NAME_MAX);
		return -1;
	}
	/* 调休 moves work onto a weekend; a weekday "work" is a typing error. */
	wd = date_weekday(out->day);
	if (out->work && wd != 0 && wd != 6) {
		seterr(err, errsz, "line %u: %.10s is a %s: a work day must be a Saturday "
		    "or Sunday", line, p, wdays[wd]);
		return -1;
	}
	memcpy(out->name, name, nname);
	out->name[nname] = '\0';
	out->line = line;
	return 0;
}

struct calendar *
calendar_parse(const char *text, size_t len, const char *version, char *err,
    size_t errsz)
{
	struct calendar	*c = NULL;
	struct cal_day	*days = NULL;
	const char	*p = text, *end = text + len, *nl;
	size_t		 ndays = 0, cap = 0, n, i;
	unsigned	 line = 0;
	bool		 header = false;
	int		 y;

	if (text == NULL)
		p = end = "";
	/* A BOM, as spreadsheets write: not part of the header. */
	if ((size_t)(end - p) >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	for (; p < end; p = nl != NULL ? nl + 1 : end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		n = (size_t)((nl != NULL ? nl : end) - p);
		line++;
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (blank(p, n) || p[0] == '#')
			continue;
		if (!header) {
			if (n != sizeof(CAL_HEADER) - 1 || memcmp(p, CAL_HEADER, n) != 0) {
				seterr(err, errsz, "line %u: expected the header '%s'", line,
				    CAL_HEADER);
				goto fail;
			}
			header = true;
			continue;
		}
		if (ndays == CAL_DAYS_MAX) {
			seterr(err, errsz, "line %u: more than %d days", line, CAL_DAYS_MAX);
			goto fail;
		}
		if (ndays == cap) {
			cap = cap == 0 ? 256 : cap * 2;
			days = xrealloc(days, cap * sizeof(*days));
		}
		if (parse_line(p, n, line, &days[ndays], err, errsz) != 0)
			goto fail;
		ndays++;
	}
	if (ndays == 0) {
		seterr(err, errsz, "%s", header ? "no days after the header" :
		    "empty: expected the header '" CAL_HEADER "'");
		goto fail;
	}
	qsort(days, ndays, sizeof(*days), day_cmp);
	for (i = 1; i < ndays; i++) {
		if (days[i].day == days[i - 1].day) {
			char	d[16];

			date_format(days[i].day, d, sizeof(d));
			seterr(err, errsz, "line %u: %s is given twice (also on line %u)",
			    days[i].line, d, days[i - 1].line);
			goto fail;
		}
	}
	c = xcalloc(1, sizeof(*c));
	snprintf(c->version, sizeof(c->version), "%s", version != NULL ? version : "");
	c->days = days;
	c->ndays = ndays;
	c->first_year = date_year(days[0].day);
	c->last_year = date_year(days[ndays - 1].day);
	c->covered = xcalloc((size_t)(c->last_year - c->first_year + 1), sizeof(bool));
	for (i = 0; i < ndays; i++) {
		y = date_year(days[i].day);
		c->covered[y - c->first_year] = true;
	}
	return c;
fail:
	free(days);
	return NULL;
}

void
calendar_free(struct calendar *c)
{
	if (c == NULL)
		return;
	free(c->days);
	free(c->covered);
	free(c);
}

const char *
calendar_version(const struct calendar *c)
{
	return c->version;
}

int
calendar_first_year(const struct calendar *c)
{
	return c->first_year;
}

int
calendar_last_year(const struct calendar *c)
{
	return c->last_year;
}

bool
calendar_covers(const struct calendar *c, int year)
{
	return year >= c->first_year && year <= c->last_year &&
	    c->covered[year - c->first_year];
}

/* The listed entry of day, or NULL. */
static const struct cal_day *
find_day(const struct calendar *c, int64_t day)
{
	size_t	lo = 0, hi = c->ndays, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (c->days[mid].day < day)
			lo = mid + 1;
		else if (c->days[mid].day > day)
			hi = mid;
		else
			return &c->days[mid];
	}
	return NULL;
}

bool
calendar_is_workday(const struct calendar *c, int64_t day, bool *provisional)
{
	const struct cal_day	*e;
	int			 wd = date_weekday(day);

	if (c == NULL)
		c = calendar_current();
	if (!calendar_covers(c, date_year(day))) {
		if (provisional != NULL)
			*provisional = true;
	} else if ((e = find_day(c, day)) != NULL)
		return e->work;
	return wd != 0 && wd != 6;
}

const char *
calendar_day_name(const struct calendar *c, int64_t day)
{
	const struct cal_day	*e;

	if (c == NULL)
		c = calendar_current();
	return (e = find_day(c, day)) != NULL ? e->name : NULL;
}

int64_t
calendar_add_workdays(const struct calendar *c, int64_t day, int n,
    bool *provisional)
{
	/*
	 * Ends: every run of non-working days is either listed (at most
	 * CAL_DAYS_MAX lines) or a weekend, so each step of n costs a bounded
	 * number of days.
	 */
	while (n > 0) {
		day++;
		if (calendar_is_workday(c, day, provisional))
			n--;
	}
	return day;
}

/* ---- the built-in and the current calendar ---- */

static pthread_once_t		 builtin_once = PTHREAD_ONCE_INIT;
static struct calendar		*builtin;

static void
builtin_load(void)
{
	const struct embed_file	*f = embed_find(calendar_data, BUILTIN_FILE);
	char			 err[256] = "file missing", version[64];

	/* "holidays-cn sha256:<16 hex>": enough to tell releases apart in a record. */
	snprintf(version, sizeof(version), "holidays-cn sha256:%.16s", HOLIDAYS_CN_SHA256);
	if (f != NULL)
		builtin = calendar_parse((const char *)f->data, f->len, version, err,
		    sizeof(err));
	if (builtin == NULL) {
		/* A build defect, not input: the file is compiled in and tested. */
		log_err("event=calendar_bad file=%s error=\"%s\"", BUILTIN_FILE, err);
		fprintf(stderr, "loudong: the built-in calendar %s does not parse: %s\n",
		    BUILTIN_FILE, err);
		abort();
	}
}

const struct calendar *
calendar_builtin(void)
{
	if (pthread_once(&builtin_once, builtin_load) != 0)
		abort();
	return builtin;
}

static _Atomic(const struct calendar *)	current_cal;	/* NULL: the built-in */

void
calendar_set_current(const struct calendar *c)
{
	atomic_store_explicit(&current_cal, c, memory_order_release);
}

const struct calendar *
calendar_current(void)
{
	const struct calendar	*c;

	c = atomic_load_explicit(&current_cal, memory_order_acquire);
	return c != NULL ? c : calendar_builtin();
}

/* ---- periods ---- */

int
period_parse(const char *s, size_t n, struct period *out)
{
	enum period_unit	unit;
	size_t			nd;
	int64_t			v;

	if (s == NULL || n < 2 || n > 7)
		return -1;
	if (n >= 3 && s[n - 2] == 'w' && s[n - 1] == 'd') {
		unit = PERIOD_WORKDAYS;
		nd = n - 2;
	} else {
		nd = n - 1;
		switch (s[n - 1]) {
		case 'm': unit = PERIOD_MINUTES; break;
		case 'h': unit = PERIOD_HOURS; break;
		case 'd': unit = PERIOD_DAYS; break;
		default: return -1;
		}
	}
	/* Digits only: parse_i64 would take a '-', and "-0h" is no period. */
	if (digits(s, nd) < 0 || parse_i64(s, nd, 0, PERIOD_N_MAX, &v) != 0)
		return -1;
	out->unit = unit;
	out->n = (int)v;
	return 0;
}

void
period_format(const struct period *p, char *buf, size_t size)
{
	static const char *const units[] = {
		[PERIOD_MINUTES] = "m",
		[PERIOD_HOURS] = "h",
		[PERIOD_DAYS] = "d",
		[PERIOD_WORKDAYS] = "wd",
	};

	snprintf(buf, size, "%d%s", p->n, units[p->unit]);
}

int64_t
period_due(const struct calendar *c, const struct period *p, int64_t basis,
    bool *provisional)
{
	int64_t	day = date_of_time(basis);

	switch (p->unit) {
	case PERIOD_MINUTES:
		return basis + (int64_t)p->n * 60;
	case PERIOD_HOURS:
		return basis + (int64_t)p->n * 3600;
	case PERIOD_DAYS:
		/* 24:00 of the n-th day is 00:00 of the day after it. */
		return date_start_time(day + p->n + 1);
	case PERIOD_WORKDAYS:
	default:
		return date_start_time(calendar_add_workdays(c, day, p->n, provisional) + 1);
	}
}

int64_t
period_seconds(const struct period *p)
{
	switch (p->unit) {
	case PERIOD_MINUTES:
		return (int64_t)p->n * 60;
	case PERIOD_HOURS:
		return (int64_t)p->n * 3600;
	case PERIOD_DAYS:
		return (int64_t)p->n * SECS_PER_DAY;
	case PERIOD_WORKDAYS:
	default:
		return -1;
	}
}

int
period_list_parse(const char *s, int64_t *out, size_t max, size_t *n)
{
	struct period	 p;
	const char	*q, *e, *end, *a, *b;
	int64_t		 v;
	size_t		 i, k = 0;

	*n = 0;
	if (s == NULL || s[0] == '\0')
		return 0;
	end = s + strlen(s);
	for (q = s; ; q = e + 1) {
		if ((e = memchr(q, ',', (size_t)(end - q))) == NULL)
			e = end;
		/* Spaces around an item, as "24h, 6h" is written. */
		a = q;
		b = e;
		while (a < b && (*a == ' ' || *a == '\t'))
			a++;
		while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
			b--;
		if (period_parse(a, (size_t)(b - a), &p) != 0 ||
		    (v = period_seconds(&p)) < 0)
			return -1;
		/* Insert keeping out[] descending and distinct. */
		for (i = 0; i < k && out[i] > v; i++)
			;
		if (i == k || out[i] != v) {
			if (k == max)
				return -1;
			memmove(&out[i + 1], &out[i], (k - i) * sizeof(*out));
			out[i] = v;
			k++;
		}
		if (e == end)
			break;
	}
	*n = k;
	return 0;
}
