#ifndef LOUDONG_APP_APP_INT_H
#define LOUDONG_APP_APP_INT_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct config;
struct store;

/* Defaults, DIR/loudong.conf, environment; prints the problem.  0 or -1. */
int		 app_load_config(const char *data_dir, bool must_exist, struct config *cfg);

/* The grading tables of [grading] tables_file (set), or NULL with err. */
struct gbt_tables;
struct gbt_tables *app_load_tables(const struct config *cfg, char *err, size_t errsz);
/*
 * The holidays file of [calendar] holidays_file (set; relative to the data
 * directory unless absolute), read up to 1 MiB, with the version
 * "<basename> sha256:<16 hex>"; free with calendar_free().  NULL with err.
 */
struct calendar;
struct calendar	*app_load_calendar(const struct config *cfg, char *err, size_t errsz);
/* The database path: [database] path, relative to the data directory. */
void		 app_db_path(const struct config *cfg, char *buf, size_t size);
/* Open and migrate; prints the problem and returns NULL on failure. */
struct store	*app_open_store(const struct config *cfg);

/*
 * A thread that calls tick(arg) every interval_ms until stopped
 * (app/periodic.c): init, then start (after privileges are dropped), and
 * stop, which joins the thread (a tick under way finishes first).
 */
struct periodic {
	pthread_t	 thread;
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	bool		 stop;		/* guarded by mu */
	bool		 running;	/* the thread was started */
	int		 interval_ms;
	void		(*tick)(void *arg);
	void		*arg;
};
void	periodic_init(struct periodic *p, int interval_ms, void (*tick)(void *), void *arg);
int	periodic_start(struct periodic *p);	/* 0 or -1 */
void	periodic_stop(struct periodic *p);

/*
 * The outbox worker (app/outbox.c): a thread with its own database
 * connection, opened (before privileges are dropped) by outbox_open, and
 * started by outbox_run.  It sends mail when [mail] smtp_url is set, and
 * HTTP deliveries (报送, forwards) either way; keys open what those carry.
 * NULL when the connection cannot be opened (the problem is printed).
 */
struct keyring;
struct outbox_worker;
struct outbox_worker *outbox_open(const struct config *cfg, const struct keyring *keys);
int		 outbox_run(struct outbox_worker *w);	/* 0 or -1; NULL is fine */
void		 outbox_stop(struct outbox_worker *w);	/* accepts NULL */

/*
 * The deadline scheduler (app/sched.c): a thread with its own connection
 * that runs svc_deadlines_run every [deadlines] scheduler_interval seconds
 * (reminders, missed clocks).  Same life cycle as the outbox worker.
 */
struct sched_worker;
struct sched_worker *sched_open(const struct config *cfg, const struct keyring *keys);
int		 sched_run(struct sched_worker *w);	/* 0 or -1; NULL is fine */
void		 sched_stop(struct sched_worker *w);	/* accepts NULL */
/* Seconds before the next attempt after `attempts` failures. */
int64_t		 outbox_backoff(int base, int attempts);

/*
 * The OpenPGP key that signs CSAF documents: imported from [advisories]
 * openpgp_key_file, or generated in <data_dir>/openpgp (init and serve).
 * 0, or -1 with a message on stderr.
 */
int	app_openpgp(const struct config *cfg);

/*
 * The demo of `loudong init` (seed_demo in cli.c makes the organisations
 * and accounts, demo.c what they do).  Each appends its lines for init's
 * output to out, "  <label padded to DEMO_LABEL_WIDTH> <what>"; each
 * returns 0, or -1 with a message on stderr.  c is init's: the system,
 * with c->keys.
 */
struct sbuf;
struct svc_ctx;
#define DEMO_LABEL_WIDTH	25

/*
 * The published advisory: a report by demo-reporter, its case with the
 * demo product fixed, an advisory drafted, reviewed and published, so
 * every public format has something to show; a line with its id (and
 * public URL).  Needs the demo organisation and product and the accounts
 * demo-reporter, demo-vendor, demo-analyst (who handles the case) and
 * admin (who reviews).
 */
int	app_demo_publish(const struct svc_ctx *c, struct sbuf *out);

/*
 * Platform role: the platform's own 备案 as the operator makes it (the
 * system): every item of the field set filled in, the rule documents and
 * the 等级保护 materials uploaded, submitted by hand (no [federation]
 * registry_url at init), and the registry's approval recorded with a
 * demo 备案编号 (LDBA<year>00001), filed today.  So every page shows the
 * number and public intake is open (办法 第八条).  A line naming the
 * number.
 */
int	app_demo_filing(const struct svc_ctx *c, struct sbuf *out);

/*
 * Registry role: a platform filed (demo-applicant of the platform
 * organisation example-platform applies, demo-registrar, a coordinator,
 * approves: a 备案编号 minted and the platform on the public list);
 * another platform's application left under review (demo-applicant-2 of
 * example-platform-2; its review clock runs); a complaint from the public
 * about an unfiled platform, assigned to demo-registrar.  A line for each.
 */
int	app_demo_registry(const struct svc_ctx *c, struct sbuf *out);

/*
 * Registry role, after app_demo_registry (demo_units.c): support units at
 * every star level.  Four organisations with a member each (demo-unit-1
 * to -4): one applies and passes every stage, three are registered by
 * hand; their contributions and tasks, evaluated, give 四星, 三星, 二星 and
 * 一星 with the default [units] settings.  A fifth (demo-unit-5) applies
 * and waits at 专家评审; demo-registrar warns the technical units of 二星
 * and above (the 四星's member acknowledges); demo-unit-3 files a
 * dispute; the year's award candidates are computed.  A line for each.
 */
int	app_demo_units(const struct svc_ctx *c, struct sbuf *out);

#endif
