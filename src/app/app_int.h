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
 * The demo's published advisory (demo.c): a report by demo-reporter, its
 * case with the demo product fixed, an advisory drafted, reviewed and
 * published, so every public format has something to show; prints a line
 * with its id (and public URL).  Needs the demo organisation and product
 * and the accounts demo-reporter, demo-vendor, demo-analyst (who handles
 * the case) and admin (who reviews), and c->keys.  Run by `loudong init`
 * unless --no-demo; 0, or -1 with a message on stderr.
 */
struct svc_ctx;
int	app_demo_publish(const struct svc_ctx *c);

#endif
