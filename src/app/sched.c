/*
 * The deadline scheduler: one thread, with a database connection of its
 * own, that runs svc_deadlines_run every [deadlines] scheduler_interval
 * seconds.  Durable by construction: the clocks and their reminders are
 * rows, and each reminder is marked fired in the transaction that queues
 * its notices and mail, so a restart (or a second server on the same
 * database) neither loses nor repeats one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/app_int.h"
#include "core/arena.h"
#include "core/config.h"
#include "core/log.h"
#include "core/pubgen.h"
#include "store/store.h"
#include "svc/advisories.h"
#include "svc/deadlines.h"
#include "svc/filings.h"
#include "svc/pfiling.h"
#include "svc/units.h"

struct sched_worker {
	struct periodic		 p;		/* every [deadlines] scheduler_interval */
	bool			 started;	/* the first tick (the backfill) ran */
	const struct config	*cfg;
	const struct keyring	*keys;
	struct store		*st;
	char			 public_gen[64];	/* meta public_gen last seen */
};

/* Public content changed in another process (the CLI): caches start again. */
static void
public_gen_poll(struct sched_worker *w, struct arena *a)
{
	const char *gen = "";

	if (store_meta_get(w->st, a, "public_gen", &gen) != APP_OK || gen == NULL)
		return;
	/*
	 * Also the first time: a change made between the start and the first
	 * poll would otherwise be taken for the state at start, and the cache
	 * would keep what it had answered before it (one needless remake at
	 * start costs nothing).
	 */
	if (strcmp(gen, w->public_gen) != 0) {
		pubgen_bump();
		snprintf(w->public_gen, sizeof w->public_gen, "%s", gen);
	}
}

/* At start: clocks for what was kept before they existed (svc_deadlines_backfill). */
static void
backfill(struct sched_worker *w)
{
	struct arena	*a = arena_new();
	struct svc_ctx	 c = { w->st, a, w->cfg, (int64_t)time(NULL), NULL, "", true, w->keys };
	size_t		 n = 0;
	enum app_err	 er;

	if ((er = svc_deadlines_backfill(&c, &n)) != APP_OK)
		log_err("event=deadlines_backfill_failed error=\"%s\"", app_strerror(er));
	else if (n > 0)
		log_info("event=deadlines_backfill started=%zu", n);
	arena_free(a);
}

static void
tick(void *arg)
{
	struct sched_worker	*w = arg;
	struct arena		*a = arena_new();
	int64_t			 now = (int64_t)time(NULL);
	struct svc_ctx		 c = { w->st, a, w->cfg, now, NULL, "", true, w->keys };
	size_t			 reminded = 0, missed = 0;
	bool			 units_ran = false;
	enum app_err		 er;

	if (!w->started) {
		w->started = true;
		backfill(w);
	}
	if ((er = svc_deadlines_run(&c, now, &reminded, &missed)) != APP_OK)
		log_err("event=deadlines_failed error=\"%s\"", app_strerror(er));
	else if (reminded > 0 || missed > 0)
		log_info("event=deadlines reminded=%zu missed=%zu", reminded, missed);
	/* Scheduled advisories: released when due, held while a major-event window lasts (R43). */
	if ((er = svc_advisories_release(&c, &reminded, &missed)) != APP_OK)
		log_err("event=advisories_release_failed error=\"%s\"", app_strerror(er));
	else if (reminded > 0 || missed > 0)
		log_info("event=advisories released=%zu held=%zu", reminded, missed);
	/* 备案: deregistrations whose end date has come take effect (第七条). */
	if ((er = svc_filings_tick(&c)) != APP_OK)
		log_err("event=filings_tick_failed error=\"%s\"", app_strerror(er));
	if ((er = svc_pfiling_tick(&c)) != APP_OK)
		log_err("event=platform_filing_tick_failed error=\"%s\"", app_strerror(er));
	/* Support units (registry): the annual star-level evaluation on [units] evaluation_day. */
	if (w->cfg->role == ROLE_REGISTRY && (er = svc_units_tick(&c, &units_ran)) != APP_OK)
		log_err("event=units_tick_failed error=\"%s\"", app_strerror(er));
	public_gen_poll(w, a);
	arena_free(a);
}

struct sched_worker *
sched_open(const struct config *cfg, const struct keyring *keys)
{
	struct sched_worker	*w;

	if ((w = calloc(1, sizeof(*w))) == NULL)
		return NULL;
	w->cfg = cfg;
	w->keys = keys;
	if ((w->st = app_open_store(cfg)) == NULL) {
		free(w);
		return NULL;
	}
	periodic_init(&w->p, cfg->scheduler_interval_s * 1000, tick, w);
	return w;
}

int
sched_run(struct sched_worker *w)
{
	return w == NULL ? 0 : periodic_start(&w->p);
}

void
sched_stop(struct sched_worker *w)
{
	if (w == NULL)
		return;
	periodic_stop(&w->p);
	store_close(w->st);
	free(w);
}
