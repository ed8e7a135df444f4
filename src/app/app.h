#ifndef LOUDONG_APP_APP_H
#define LOUDONG_APP_APP_H

/*
 * The composition root: what each CLI subcommand does, wiring config,
 * keys, store, svc and the server together.  Each returns an exit code
 * (0 ok, 1 runtime failure) and prints one plain sentence on failure.
 */
#include <stdbool.h>

#include "core/config.h"

struct app_init_opts {
	const char		*data_dir;	/* created if missing */
	enum instance_role	 role;		/* written to loudong.conf */
	bool			 demo;		/* seed a small demo */
};

int	app_init(const struct app_init_opts *o);

/* listen_addr: "HOST:PORT" overriding the configuration, or NULL. */
int	app_serve(const char *data_dir, const char *listen_addr);

int	app_user_add(const char *data_dir, const char *login, const char *role,
	    const char *org, const char *email, const char *name,
	    const char *password, size_t password_len);

int	app_org_add(const char *data_dir, const char *slug, const char *name,
	    const char *kind, const char *country);

int	app_token_create(const char *data_dir, const char *login, const char *label);

int	app_token_revoke(const char *data_dir, const char *login, long long id);

/* The receipt log: verify everything; purge content before a date (YYYY-MM-DD). */
int	app_log_verify(const char *data_dir);
int	app_log_purge(const char *data_dir, const char *before);

/* Score a CVSS vector (exit 2 with the reason when it is invalid). */
int	app_cvss(const char *vector);
/* `loudong grade …`: its own options (see its --help). */
int	app_grade(int argc, char **argv);
/*
 * `loudong calendar is-workday DATE | add-workdays DATE N | info`
 * [--data-dir DIR | --file PATH] (argv[0] is "calendar"): prints the
 * answer; a bad date or count prints usage (given by main.c) and exits 2.
 */
int	app_calendar(int argc, char **argv, const char *usage);

/* Verify a saved receipt offline against a public key. */
int	app_receipt_verify(const char *path, const char *key);

/*
 * Replace the CWE list with the <Weakness> entries of MITRE's catalogue
 * XML at path (app/cwecmd.c).  Prints "loaded N weaknesses from CWE V";
 * a file that is not a well-formed, bounded catalogue changes nothing.
 */
int	app_import_cwe(const char *data_dir, const char *path);

/*
 * One run of the deadline scheduler (svc_deadlines_run), as the server's
 * scheduler thread does it: fire the reminders due, mark the clocks past
 * due missed (a vendor that has not answered becomes unresponsive), and
 * print how many.  as_of: judge as if the clock read this unix time (tests
 * and diagnostics), 0 for the clock; what is recorded carries the real time.
 */
int	app_deadlines_run(const char *data_dir, long long as_of);
/* loudong export FORMAT: published advisories as files (exportcmd.c); id NULL: all. */
int	app_export(const char *data_dir, const char *format, const char *id, const char *out);

/*
 * Support units (unitscmd.c; registry role): star levels as of a date
 * (YYYY-MM-DD, NULL: today) for one unit (unit_id) or all (0); a year's
 * award candidates; every unit.  Exit 2 for a bad date or year.
 */
int	app_units_evaluate(const char *data_dir, const char *as_of, long long unit_id);
int	app_units_awards(const char *data_dir, int year);
int	app_units_list(const char *data_dir);
/* Check [units] and take its criteria_file (at start, registry role); 0 or -1 + err. */
int	app_units_setup(const struct config *cfg, char *err, size_t errsz);

/* Print every configuration key (Markdown table when markdown). */
int	app_config_describe(bool markdown);

#endif
