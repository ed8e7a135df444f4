/*
 * Support units (支撑单位, R40) at the command line and at start:
 * `loudong units evaluate|awards|list`, and the check of [units] that
 * refuses to start with a configuration the evaluation could not use.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/app.h"
#include "app/app_int.h"
#include "core/arena.h"
#include "core/config.h"
#include "core/log.h"
#include "store/store.h"
#include "svc/units.h"

/* The largest [units] criteria_file read. */
#define CRITERIA_FILE_MAX	(64 * 1024)

int
app_units_setup(const struct config *cfg, char *err, size_t errsz)
{
	char	path[1100];
	char	*buf;
	size_t	 n;
	FILE	*f;
	int	 rc = -1;

	if (cfg->role != ROLE_REGISTRY)
		return 0;
	if (cfg->unit_criteria_file[0] == '\0')
		return svc_units_configure(cfg, NULL, 0, err, errsz);
	if (cfg->unit_criteria_file[0] == '/')
		snprintf(path, sizeof(path), "%s", cfg->unit_criteria_file);
	else
		snprintf(path, sizeof(path), "%s/%s", cfg->data_dir, cfg->unit_criteria_file);
	if ((f = fopen(path, "r")) == NULL) {
		snprintf(err, errsz, "[units] criteria_file: cannot open '%.300s': %s", path,
		    strerror(errno));
		return -1;
	}
	buf = malloc(CRITERIA_FILE_MAX + 1);
	n = buf != NULL ? fread(buf, 1, CRITERIA_FILE_MAX + 1, f) : 0;
	if (buf == NULL || ferror(f))
		snprintf(err, errsz, "[units] criteria_file: cannot read '%.300s'", path);
	else if (n > CRITERIA_FILE_MAX)
		snprintf(err, errsz, "[units] criteria_file: '%.300s' is over %d bytes", path,
		    CRITERIA_FILE_MAX);
	else
		rc = svc_units_configure(cfg, buf, n, err, errsz);
	fclose(f);
	free(buf);
	return rc;
}

/* Configuration, store and arena for a command on a registry; 0, or -1 (said why). */
static int
open_registry(const char *data_dir, struct config *cfg, struct store **st, struct arena **a)
{
	*st = NULL;
	*a = NULL;
	if (app_load_config(data_dir, true, cfg) != 0)
		return -1;
	if (cfg->role != ROLE_REGISTRY) {
		fprintf(stderr, "loudong: support units are a registry's ([instance] role = "
		    "registry); this instance is not one\n");
		return -1;
	}
	if ((*st = app_open_store(cfg)) == NULL)
		return -1;
	*a = arena_new();
	return 0;
}

static void
fault_print(const char *what, const struct fault *f)
{
	if (f->sarg != NULL)
		fprintf(stderr, "loudong: %s: %s (%s)\n", what, msg(LANG_EN, f->msg), f->sarg);
	else
		fprintf(stderr, "loudong: %s: %s\n", what, msg(LANG_EN, f->msg));
}

int
app_units_evaluate(const char *data_dir, const char *as_of, long long unit_id)
{
	struct config		 cfg;
	struct store		*st = NULL;
	struct arena		*a = NULL;
	struct unit_eval_result	*r;
	struct fault		 f = { .er = APP_OK };
	size_t			 n, i;
	int			 rc = 1;

	if (open_registry(data_dir, &cfg, &st, &a) != 0)
		goto out;
	{
		struct svc_ctx	c = { st, a, &cfg, (int64_t)time(NULL), NULL, "", true, NULL };

		if (svc_units_evaluate(&c, unit_id, as_of, false, &r, &n, &f) != APP_OK) {
			fault_print("the evaluation failed", &f);
			rc = f.er == APP_INVALID ? 2 : 1;
			goto out;
		}
	}
	for (i = 0; i < n; i++)
		printf("%lld\t%s\tpoints=%lld\tlevel=%d->%d%s%s%s\n", (long long)r[i].unit_id,
		    r[i].name, (long long)r[i].points, r[i].level_before, r[i].level_after,
		    r[i].below_minimum ? "\tbelow_minimum" : "",
		    r[i].cert_number[0] != '\0' ? "\tcertificate=" : "", r[i].cert_number);
	printf("%zu unit%s evaluated\n", n, n == 1 ? "" : "s");
	rc = 0;
out:
	arena_free(a);
	store_close(st);
	return rc;
}

int
app_units_awards(const char *data_dir, int year)
{
	struct config		 cfg;
	struct store		*st = NULL;
	struct arena		*a = NULL;
	struct unit_award_row	*w;
	struct fault		 f = { .er = APP_OK };
	size_t			 n, i;
	int			 rc = 1;

	if (open_registry(data_dir, &cfg, &st, &a) != 0)
		goto out;
	{
		struct svc_ctx	c = { st, a, &cfg, (int64_t)time(NULL), NULL, "", true, NULL };

		if (svc_unit_awards_compute(&c, year, &w, &n, &f) != APP_OK) {
			fault_print("computing the awards failed", &f);
			rc = f.er == APP_INVALID ? 2 : 1;
			goto out;
		}
	}
	for (i = 0; i < n; i++)
		printf("%lld\t%s\t%s\trank=%d\tmetric=%lld\t%s\n", (long long)w[i].id,
		    unit_award_name(w[i].award), w[i].unit_name, w[i].rank,
		    (long long)w[i].metric, w[i].state);
	printf("%zu candidate%s for %d (staff confirm each, then publish)\n", n,
	    n == 1 ? "" : "s", year);
	rc = 0;
out:
	arena_free(a);
	store_close(st);
	return rc;
}

int
app_units_list(const char *data_dir)
{
	struct config		 cfg;
	struct store		*st = NULL;
	struct arena		*a = NULL;
	struct unit_filter	 flt;
	struct unit_row		*u;
	size_t			 n, i;
	int			 rc = 1;

	if (open_registry(data_dir, &cfg, &st, &a) != 0)
		goto out;
	memset(&flt, 0, sizeof(flt));
	flt.type = -1;
	flt.status = -1;
	flt.limit = 10000;
	if (store_unit_list(st, a, &flt, &u, &n) != APP_OK) {
		fprintf(stderr, "loudong: cannot read the units\n");
		goto out;
	}
	for (i = 0; i < n; i++)
		printf("%lld\t%s\t%s\t%s\tlevel=%d\t%s\tvalid_until=%s\t%s\n", (long long)u[i].id,
		    u[i].org_slug, u[i].name, unit_type_name(u[i].type), u[i].level,
		    unit_status_name(u[i].status), u[i].valid_until,
		    u[i].cert_number[0] != '\0' ? u[i].cert_number : "-");
	printf("%zu unit%s\n", n, n == 1 ? "" : "s");
	rc = 0;
out:
	arena_free(a);
	store_close(st);
	return rc;
}
