/*
 * The deadline scheduler: one thread, with a database connection of its
 * own, that runs svc_deadlines_run every [deadlines] scheduler_interval
 * seconds.  Durable by construction: the clocks and their reminders are
 * rows, and each reminder is marked fired in the transaction that queues
 * its notices and mail, so a restart (or a second server on the same
 * database) neither loses nor repeats one.
 */
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "app/app_int.h"
#include "core/arena.h"
#include "core/config.h"
#include "core/log.h"
#include "store/store.h"
#include "svc/deadlines.h"

struct sched_worker {
	pthread_t		 thread;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	bool			 stop;		/* guarded by mu */
	bool			 running;
	const struct config	*cfg;
	const struct keyring	*keys;
	struct store		*st;
};

static void
tick(struct sched_worker *w)
{
	struct arena	*a = arena_new();
	int64_t		 now = (int64_t)time(NULL);
	struct svc_ctx	 c = { w->st, a, w->cfg, now, NULL, "", true, w->keys };
	size_t		 reminded = 0, missed = 0;
	enum app_err	 er;

	if ((er = svc_deadlines_run(&c, now, &reminded, &missed)) != APP_OK)
		log_err("event=deadlines_failed error=\"%s\"", app_strerror(er));
	else if (reminded > 0 || missed > 0)
		log_info("event=deadlines reminded=%zu missed=%zu", reminded, missed);
	arena_free(a);
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

static void *
run(void *arg)
{
	struct sched_worker	*w = arg;
	struct timespec		 until;

	backfill(w);
	pthread_mutex_lock(&w->mu);
	while (!w->stop) {
		pthread_mutex_unlock(&w->mu);
		tick(w);
		pthread_mutex_lock(&w->mu);
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += w->cfg->scheduler_interval_s;
		while (!w->stop && pthread_cond_timedwait(&w->cv, &w->mu, &until) == 0)
			;
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
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
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	return w;
}

int
sched_run(struct sched_worker *w)
{
	if (w == NULL)
		return 0;
	if (pthread_create(&w->thread, NULL, run, w) != 0)
		return -1;
	w->running = true;
	return 0;
}

void
sched_stop(struct sched_worker *w)
{
	if (w == NULL)
		return;
	pthread_mutex_lock(&w->mu);
	w->stop = true;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
	if (w->running)
		pthread_join(w->thread, NULL);
	pthread_cond_destroy(&w->cv);
	pthread_mutex_destroy(&w->mu);
	store_close(w->st);
	free(w);
}
