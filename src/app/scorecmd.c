/*
 * `loudong cvss VECTOR` and `loudong grade --access-path … ` print what the
 * calculators say as one JSON object (the same as GET /api/v1/cvss and
 * /api/v1/grade), and the grading tables a server loads ([grading]
 * tables_file).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "app/app.h"
#include "app/app_int.h"
#include "crypto/crypto.h"
#include "domain/assessment.h"
#include "domain/cvss.h"
#include "domain/grade.h"
#include "i18n/i18n.h"

/* The largest tables file read. */
#define TABLES_FILE_MAX	(1024 * 1024)

static int
print_json(json_t *o)
{
	char	*s;

	if (o == NULL)
		return 1;
	s = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(15));
	json_decref(o);
	if (s == NULL)
		return 1;
	puts(s);
	free(s);
	return 0;
}

int
app_cvss(const char *vector)
{
	struct cvss		cv;
	struct cvss_error	e;
	char			arg[ASSESS_CVSS_ARG_MAX];
	enum msg_id		m;

	memset(&e, 0, sizeof(e));
	if (cvss_parse(vector, &cv, &e) != 0) {
		m = assessment_cvss_msg(&e, arg);
		fputs("loudong: invalid CVSS vector: ", stderr);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
		fprintf(stderr, msg(LANG_EN, m), arg);
#pragma GCC diagnostic pop
		fprintf(stderr, " (%s)\n", cvss_problem_code(e.problem));
		return 2;
	}
	return print_json(api_cvss_json(&cv));
}

struct gbt_tables *
app_load_tables(const struct config *cfg, char *err, size_t errsz)
{
	struct gbt_tables	*t = NULL;
	char			 path[1100], hash[CRYPTO_HASH_HEX];
	char			*buf = NULL;
	size_t			 n;
	FILE			*f;

	if (cfg->grading_tables_file[0] == '/')
		snprintf(path, sizeof(path), "%s", cfg->grading_tables_file);
	else
		snprintf(path, sizeof(path), "%s/%s", cfg->data_dir, cfg->grading_tables_file);
	if ((f = fopen(path, "r")) == NULL) {
		snprintf(err, errsz, "cannot open the grading tables '%s': %s", path,
		    strerror(errno));
		return NULL;
	}
	buf = malloc(TABLES_FILE_MAX + 1);
	n = buf != NULL ? fread(buf, 1, TABLES_FILE_MAX + 1, f) : 0;
	if (buf == NULL || ferror(f))
		snprintf(err, errsz, "cannot read the grading tables '%s'", path);
	else if (n > TABLES_FILE_MAX)
		snprintf(err, errsz, "the grading tables '%s' are over %d bytes", path,
		    TABLES_FILE_MAX);
	else {
		crypto_hash_hex(buf, n, hash);
		if ((t = gbt_tables_parse(buf, n, hash, err, errsz)) == NULL) {
			char	e2[512];

			snprintf(e2, sizeof(e2), "%s", err);
			snprintf(err, errsz, "%s: %s", path, e2);
		}
	}
	fclose(f);
	free(buf);
	return t;
}

static const char usage_grade[] =
"usage: loudong grade --access-path P --trigger T --privilege P --interaction I\n"
"                     --c C --i I --a A\n"
"                     [--exploit-cost C --fix-difficulty D --scope S] [--data-dir DIR]\n"
"\n"
"Prints the GB/T 30279-2020 technical grade (and, with all three environmental\n"
"factors, the comprehensive grade) as JSON.  Values (English or Chinese):\n"
"  --access-path     network|adjacent|local|physical   (网络|邻接|本地|物理)\n"
"  --trigger         low|high                          (低|高)\n"
"  --privilege       none|low|high                     (无|低|高)\n"
"  --interaction     none|required                     (不需要|需要)\n"
"  --c, --i, --a     severe|general|none               (严重|一般|无)\n"
"  --exploit-cost    low|medium|high                   (低|中|高)\n"
"  --fix-difficulty  high|medium|low                   (高|中|低)\n"
"  --scope           high|medium|low|none              (高|中|低|无)\n"
"With --data-dir, the tables named by [grading] tables_file are used;\n"
"otherwise the built-in ones (data/grading/README.md says how they are made).\n";

int
app_grade(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "access-path", required_argument, NULL, GBT_ACCESS_PATH },
		{ "trigger", required_argument, NULL, GBT_TRIGGER },
		{ "privilege", required_argument, NULL, GBT_PRIVILEGE },
		{ "interaction", required_argument, NULL, GBT_INTERACTION },
		{ "c", required_argument, NULL, GBT_CONFIDENTIALITY },
		{ "i", required_argument, NULL, GBT_INTEGRITY },
		{ "a", required_argument, NULL, GBT_AVAILABILITY },
		{ "exploit-cost", required_argument, NULL, GBT_EXPLOIT_COST },
		{ "fix-difficulty", required_argument, NULL, GBT_FIX_DIFFICULTY },
		{ "scope", required_argument, NULL, GBT_SCOPE },
		{ "data-dir", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct gbt_indicators	 in;
	struct gbt_result	 r;
	struct gbt_tables	*loaded = NULL;
	const struct gbt_tables	*t;
	struct config		 cfg;
	enum gbt_indicator	 miss;
	const char		*data_dir = NULL;
	char			 err[512];
	int			 c, nenv = 0, rc = 2;

	gbt_indicators_clear(&in);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'h')
			return fputs(usage_grade, stdout), 0;
		if (c == 'd') {
			data_dir = optarg;
			continue;
		}
		if (c < 0 || c >= GBT__NINDICATORS) {
			fprintf(stderr, "loudong: unknown or incomplete option '%s'\n%s",
			    argv[optind - 1], usage_grade);
			return 2;
		}
		if ((in.v[c] = gbt_value_parse((enum gbt_indicator)c, optarg)) < 0) {
			fprintf(stderr, "loudong: '%s' is not a value of --%s\n%s", optarg,
			    opts[c].name, usage_grade);
			return 2;
		}
		if (c >= GBT_NTECHNICAL)
			nenv++;
	}
	if (optind < argc) {
		fprintf(stderr, "loudong: unexpected argument '%s'\n%s", argv[optind], usage_grade);
		return 2;
	}
	if (nenv > 0 && nenv < GBT__NINDICATORS - GBT_NTECHNICAL) {
		fprintf(stderr, "loudong: give all three of --exploit-cost, --fix-difficulty "
		    "and --scope, or none\n");
		return 2;
	}
	t = gbt_tables_builtin();
	if (data_dir != NULL) {
		if (app_load_config(data_dir, true, &cfg) != 0)
			return 1;
		if (cfg.grading_tables_file[0] != '\0') {
			if ((loaded = app_load_tables(&cfg, err, sizeof(err))) == NULL) {
				fprintf(stderr, "loudong: %s\n", err);
				return 1;
			}
			t = loaded;
		}
	}
	if (gbt_grade(t, &in, &r, &miss) != 0)
		fprintf(stderr, "loudong: missing --%s\n%s", opts[miss].name, usage_grade);
	else
		rc = print_json(api_grade_json(t, &in, &r));
	gbt_tables_free(loaded);
	return rc;
}
