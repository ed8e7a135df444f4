/*
 * `loudong calendar …`: ask the working-day calendar (R26) what the
 * deadline engine would see, and load the holidays file an installation
 * names in [calendar] holidays_file (also used by serve).
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_int.h"
#include "core/calendar.h"
#include "core/config.h"
#include "core/parse.h"
#include "crypto/crypto.h"

/* The largest holidays file read: a real one is a few KiB a decade. */
#define CALENDAR_FILE_MAX	(1024 * 1024)
/* The most working days add-workdays counts, as a configured period may. */
#define CALENDAR_ADD_MAX	10000

/* Read path (bounded) and parse it; the version is "<basename> sha256:<16 hex>". */
static struct calendar *
load_file(const char *path, char *err, size_t errsz)
{
	struct calendar	*c = NULL;
	const char	*base;
	char		 hash[CRYPTO_HASH_HEX], version[128], e2[512];
	char		*buf = NULL;
	size_t		 n;
	FILE		*f;

	if ((f = fopen(path, "r")) == NULL) {
		snprintf(err, errsz, "cannot open the calendar '%s': %s", path,
		    strerror(errno));
		return NULL;
	}
	buf = malloc(CALENDAR_FILE_MAX + 1);
	n = buf != NULL ? fread(buf, 1, CALENDAR_FILE_MAX + 1, f) : 0;
	if (buf == NULL || ferror(f))
		snprintf(err, errsz, "cannot read the calendar '%s'", path);
	else if (n > CALENDAR_FILE_MAX)
		snprintf(err, errsz, "the calendar '%s' is over %d bytes", path,
		    CALENDAR_FILE_MAX);
	else {
		crypto_hash_hex(buf, n, hash);
		base = strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path;
		snprintf(version, sizeof(version), "%s sha256:%.16s", base, hash);
		if ((c = calendar_parse(buf, n, version, e2, sizeof(e2))) == NULL)
			snprintf(err, errsz, "%s: %s", path, e2);
	}
	fclose(f);
	free(buf);
	return c;
}

struct calendar *
app_load_calendar(const struct config *cfg, char *err, size_t errsz)
{
	char	path[1100];

	if (cfg->holidays_file[0] == '/')
		snprintf(path, sizeof(path), "%s", cfg->holidays_file);
	else
		snprintf(path, sizeof(path), "%s/%s", cfg->data_dir, cfg->holidays_file);
	return load_file(path, err, errsz);
}

static int usage_fail(const char *usage, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* One sentence, then the usage; exit code 2. */
static int
usage_fail(const char *usage, const char *fmt, ...)
{
	va_list	ap;

	fputs("loudong: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n\n%s", usage);
	return 2;
}

/* Warn once for each year in [from, to] that the data does not cover. */
static void
warn_provisional(const struct calendar *c, int64_t from, int64_t to)
{
	int	y, m, d, y2;

	date_to_ymd(from, &y, &m, &d);
	date_to_ymd(to, &y2, &m, &d);
	for (; y <= y2; y++)
		if (!calendar_covers(c, y))
			fprintf(stderr, "loudong: provisional: %d is not in the calendar "
			    "data; Monday to Friday assumed\n", y);
}

int
app_calendar(int argc, char **argv, const char *usage)
{
	static const struct option opts[] = {
		{ "data-dir", required_argument, NULL, 'd' },
		{ "file", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct calendar		*loaded = NULL;
	const struct calendar	*cal;
	struct config		 cfg;
	const char		*data_dir = NULL, *file = NULL, *cmd, *first_uncovered;
	char			 err[768], out[16];
	int64_t			 day, n = 0, res;
	bool			 prov = false;
	int			 c, npos, rc = 2, y;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		if (c == 'h')
			return fputs(usage, stdout), 0;
		if (c == 'd')
			data_dir = optarg;
		else if (c == 'f')
			file = optarg;
		else if (c == ':')
			return usage_fail(usage, "option '%s' needs a value", argv[optind - 1]);
		else
			return usage_fail(usage, "unknown option '%s'", argv[optind - 1]);
	}
	/* getopt_long has moved the plain arguments behind the options. */
	npos = argc - optind;
	if (npos == 0)
		return usage_fail(usage, "%s", "missing the calendar command (is-workday, "
		    "add-workdays or info)");
	cmd = argv[optind];
	if (strcmp(cmd, "is-workday") != 0 && strcmp(cmd, "add-workdays") != 0 &&
	    strcmp(cmd, "info") != 0)
		return usage_fail(usage, "unknown calendar command '%s'", cmd);
	if (npos != (strcmp(cmd, "info") == 0 ? 1 : strcmp(cmd, "is-workday") == 0 ? 2 : 3))
		return usage_fail(usage, "wrong number of arguments for '%s'", cmd);
	if (data_dir != NULL && file != NULL)
		return usage_fail(usage, "%s", "give --data-dir or --file, not both");
	if (npos >= 2 && date_parse(argv[optind + 1], strlen(argv[optind + 1]), &day) != 0) {
		fprintf(stderr, "loudong: '%s' is not a date (YYYY-MM-DD)\n", argv[optind + 1]);
		return 2;
	}
	if (npos == 3 && parse_i64(argv[optind + 2], strlen(argv[optind + 2]), 0,
	    CALENDAR_ADD_MAX, &n) != 0) {
		fprintf(stderr, "loudong: '%s' is not a number of working days (0 to %d)\n",
		    argv[optind + 2], CALENDAR_ADD_MAX);
		return 2;
	}

	cal = calendar_builtin();
	if (data_dir != NULL) {
		if (app_load_config(data_dir, true, &cfg) != 0)
			return 1;
		if (cfg.holidays_file[0] != '\0' &&
		    (loaded = app_load_calendar(&cfg, err, sizeof(err))) == NULL) {
			fprintf(stderr, "loudong: %s\n", err);
			return 1;
		}
	} else if (file != NULL && (loaded = load_file(file, err, sizeof(err))) == NULL) {
		fprintf(stderr, "loudong: %s\n", err);
		return 1;
	}
	if (loaded != NULL)
		cal = loaded;

	if (strcmp(cmd, "info") == 0) {
		printf("version: %s\n", calendar_version(cal));
		printf("years: %d-%d\n", calendar_first_year(cal), calendar_last_year(cal));
		/* A gap inside the range counts Monday to Friday too: say so. */
		first_uncovered = "not covered:";
		for (y = calendar_first_year(cal); y <= calendar_last_year(cal); y++) {
			if (calendar_covers(cal, y))
				continue;
			printf("%s %d", first_uncovered, y);
			first_uncovered = ",";
		}
		if (first_uncovered[0] == ',')
			putchar('\n');
		rc = 0;
	} else if (strcmp(cmd, "is-workday") == 0) {
		puts(calendar_is_workday(cal, day, &prov) ? "true" : "false");
		if (prov)
			warn_provisional(cal, day, day);
		rc = 0;
	} else {
		res = calendar_add_workdays(cal, day, (int)n, &prov);
		date_format(res, out, sizeof(out));
		puts(out);
		if (prov)
			warn_provisional(cal, day + 1, res);
		rc = 0;
	}
	calendar_free(loaded);
	return rc;
}
