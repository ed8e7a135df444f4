#ifndef LOUDONG_CORE_CALENDAR_H
#define LOUDONG_CORE_CALENDAR_H

/*
 * The working-day calendar of mainland China (R26): weekends, statutory
 * holidays (放假) and the 调休 make-up working days (weekend days that are
 * worked), loaded from data (国务院办公厅 holiday notices, one CSV line per
 * day: "YYYY-MM-DD,off|work,name").  The built-in copy is
 * data/calendar/holidays-cn.csv; an installation may load an updated file
 * ([calendar] holidays_file).  For a year the data does not cover, days
 * are plain Monday-Friday and every answer that used such a day is marked
 * provisional.
 *
 * Days are counted as civil dates (days since 1970-01-01); deadlines are
 * kept in China Standard Time (UTC+8, no daylight saving), so "the end of
 * a day" is 24:00 CST.  Pure libc: no I/O here, the caller reads the file.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* China Standard Time, the zone every deadline is counted in. */
#define CAL_TZ_OFFSET	(8 * 3600)

/* Civil dates. */
int64_t	date_from_ymd(int y, int m, int d);		/* days since 1970-01-01 */
void	date_to_ymd(int64_t day, int *y, int *m, int *d);
int	date_weekday(int64_t day);			/* 0 Sunday .. 6 Saturday */
/* "YYYY-MM-DD" (exactly; a real date) into *day: 0, or -1. */
int	date_parse(const char *s, size_t n, int64_t *day)
	    __attribute__((warn_unused_result));
/* "YYYY-MM-DD" into buf (at least 11 bytes). */
void	date_format(int64_t day, char *buf, size_t size);
/* The CST date of a unix time, and the unix time of 00:00 CST of a date. */
int64_t	date_of_time(int64_t t);
int64_t	date_start_time(int64_t day);
/*
 * A unix time in China time: "2026-11-21T08:00:00+08:00" (RFC 3339), or
 * with rfc3339 false "2026-11-21 08:00 (UTC+8)" for people.  buf holds at
 * least 32 bytes.
 */
void	time_format_cst(int64_t t, bool rfc3339, char *buf, size_t size);
/* A unix time in UTC, RFC 3339: "2026-11-21T00:00:00Z" (buf: 21 bytes or more). */
void	time_format_utc(int64_t t, char *buf, size_t size);
/*
 * An RFC 3339 date-time with 'Z' or a numeric offset (fractions dropped, a
 * leap second read as :59) into unix seconds: 0, or -1.
 */
int	time_parse_rfc3339(const char *s, int64_t *out)
	    __attribute__((warn_unused_result));

struct calendar;

/*
 * Parse a holidays CSV (header line "date,kind,name", then one line per
 * day; blank lines and lines starting with '#' are skipped).  A date given
 * twice, an unknown kind, a "work" day that is not a Saturday or Sunday or
 * a malformed line is refused with its line number in err.  version names
 * the data (e.g. "holidays-cn sha256:1a2b3c4d"); it is copied and kept with
 * every deadline computed from this calendar (R26).  Free with
 * calendar_free().
 */
struct calendar	*calendar_parse(const char *text, size_t len, const char *version,
		    char *err, size_t errsz);
void		 calendar_free(struct calendar *c);	/* accepts NULL */

const char	*calendar_version(const struct calendar *c);
/*
 * The first and the last year with any line, and whether year has a line
 * (a year between them without one is not covered either).
 */
int		 calendar_first_year(const struct calendar *c);
int		 calendar_last_year(const struct calendar *c);
bool		 calendar_covers(const struct calendar *c, int year);

/*
 * Whether day is a working day; *provisional (may be NULL) is set true
 * when the data does not cover its year (then Monday-Friday), and left
 * alone otherwise, so one flag can collect a whole computation.  Here and
 * in calendar_day_name, calendar_add_workdays and period_due, c may be
 * NULL for calendar_current().  O(log n) per day.
 */
bool		 calendar_is_workday(const struct calendar *c, int64_t day,
		    bool *provisional);
/*
 * The holiday block day is listed under ("春节", for its off days and its
 * 调休 working days alike), or NULL for an ordinary day.
 */
const char	*calendar_day_name(const struct calendar *c, int64_t day);

/*
 * The n-th working day after day (n <= 0 is day itself, whatever it is):
 * e.g. 2024-02-09 (Friday; 除夕 was a working day that year) plus 1 is
 * 2024-02-18, a 调休 Sunday after 春节 02-10..17.  *provisional as above,
 * for each day looked at (day itself is not).
 */
int64_t		 calendar_add_workdays(const struct calendar *c, int64_t day, int n,
		    bool *provisional);

/*
 * The process's calendar: the one installed with calendar_set_current()
 * (serve and the CLI load [calendar] holidays_file there), else the
 * built-in data, parsed once.  The built-in calendar never fails to parse
 * (a test checks it).
 */
const struct calendar	*calendar_builtin(void);
const struct calendar	*calendar_current(void);
/* Install c (owned by the caller, kept until exit); NULL: the built-in. */
void			 calendar_set_current(const struct calendar *c);

/*
 * A period as configuration writes it: "48h" (hours), "2d" (calendar days,
 * counted from the day after the basis and ending at 24:00 CST, as
 * 《民法典》 Art. 201 counts), "10wd" (working days, the same way on the
 * working-day calendar), and for reminder offsets also "30m" (minutes).
 */
enum period_unit {
	PERIOD_MINUTES,
	PERIOD_HOURS,
	PERIOD_DAYS,
	PERIOD_WORKDAYS,
};
struct period {
	enum period_unit	unit;
	int			n;	/* 0 .. 10000 */
};
/*
 * Parse exactly "48h", "2d", "10wd", "30m" (n in 0..10000, plain digits,
 * no sign, no leading zero): 0, or -1.
 */
int	period_parse(const char *s, size_t n, struct period *out)
	    __attribute__((warn_unused_result));
/* The same text back into buf ("48h"). */
void	period_format(const struct period *p, char *buf, size_t size);
/*
 * The due time of a period started at basis (unix seconds): minutes and
 * hours are added; days and working days end at 24:00 CST of the n-th
 * (working) day after the basis's CST date.  *provisional as above.
 */
int64_t	period_due(const struct calendar *c, const struct period *p, int64_t basis,
	    bool *provisional);
/* Seconds of a period of minutes, hours or days (reminder offsets); -1 for working days. */
int64_t	period_seconds(const struct period *p);

/*
 * A list of reminder offsets, "24h,6h,1h" (spaces allowed around items,
 * "" or NULL is an empty list), each minutes, hours or days (not working
 * days), n in 0..10000: as seconds into out[0..*n), largest first,
 * duplicates removed.  0, or -1 (*n = 0) for a malformed list or more
 * than max distinct entries.
 */
int	period_list_parse(const char *s, int64_t *out, size_t max, size_t *n)
	    __attribute__((warn_unused_result));

#endif
