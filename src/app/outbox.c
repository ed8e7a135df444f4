/*
 * The outbox worker: one thread that sends due messages (acknowledgements,
 * later notices) with retries and exponential backoff.  Messages are rows,
 * so nothing queued is lost to a crash or a restart; a message is marked
 * sent only after the SMTP server accepted it (it may, rarely, be sent
 * twice, never zero times).
 *
 * The same thread runs the periodic follow-up of vendors that do not answer
 * (svc_vendor_followup, issue 5) about once a minute, on its connection;
 * it runs with mail off too (then the mail it queues waits in the outbox).
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app/app_int.h"
#include "core/arena.h"
#include "core/config.h"
#include "core/log.h"
#include "net/smtp.h"
#include "store/store.h"
#include "svc/notices.h"

/* Messages handled per wake-up, so a backlog does not starve shutdown. */
#define OUTBOX_BATCH	32
/* The longest wait between two attempts. */
#define OUTBOX_MAX_DELAY	(6 * 3600)
/* Seconds between two follow-up checks (vendor_response_days counts in days). */
#define FOLLOWUP_INTERVAL	60

struct outbox_worker {
	pthread_t		 thread;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	bool			 stop;		/* guarded by mu */
	bool			 running;	/* the thread was started */
	bool			 mail;		/* [mail] smtp_url is set: send */
	int64_t			 followup_at;	/* when the next follow-up check is due */
	const struct config	*cfg;
	struct store		*st;		/* the worker's own connection */
};

/* Seconds to wait after the attempts-th failure: base * 2^(attempts-1), capped. */
int64_t
outbox_backoff(int base, int attempts)
{
	int64_t	d = base;
	int	i;

	for (i = 1; i < attempts && d < OUTBOX_MAX_DELAY; i++)
		d *= 2;
	return d > OUTBOX_MAX_DELAY ? OUTBOX_MAX_DELAY : d;
}

static void
send_due(struct outbox_worker *w)
{
	struct smtp_cfg		 sc = {
		w->cfg->smtp_url, w->cfg->mail_from, w->cfg->smtp_username,
		w->cfg->smtp_password, w->cfg->smtp_timeout_ms, w->cfg->smtp_require_tls,
	};
	struct outbox_msg	*m;
	struct arena		*a = arena_new();
	char			 err[256];
	size_t			 n, i;
	int64_t			 now = (int64_t)time(NULL);

	if (store_outbox_due(w->st, a, now, OUTBOX_BATCH, &m, &n) != APP_OK)
		goto out;
	for (i = 0; i < n; i++) {
		int	attempts = m[i].attempts + 1;
		bool	final = attempts >= w->cfg->outbox_max_attempts;

		if (smtp_send(&sc, m[i].recipient, m[i].subject, m[i].body, err,
		    sizeof(err)) == 0) {
			if (store_outbox_sent(w->st, m[i].id, (int64_t)time(NULL)) != APP_OK)
				log_err("event=outbox_mark_failed id=%lld", (long long)m[i].id);
			log_info("event=mail_sent id=%lld", (long long)m[i].id);
			continue;
		}
		log_warnx("event=mail_failed id=%lld attempt=%d final=%d", (long long)m[i].id,
		    attempts, final);
		if (store_outbox_retry(w->st, m[i].id, attempts,
		    now + outbox_backoff(w->cfg->outbox_backoff_s, attempts), err,
		    final) != APP_OK)
			log_err("event=outbox_mark_failed id=%lld", (long long)m[i].id);
	}
out:
	arena_free(a);
}

/* The vendor follow-up, when due; a failure is logged and retried next time. */
static void
followup(struct outbox_worker *w)
{
	struct arena	*a;
	size_t		 marked = 0;
	int64_t		 now = (int64_t)time(NULL);
	enum app_err	 er;

	if (now < w->followup_at)
		return;
	w->followup_at = now + FOLLOWUP_INTERVAL;
	a = arena_new();
	{
		struct svc_ctx	c = { w->st, a, w->cfg, now, NULL, "", true, NULL };

		if ((er = svc_vendor_followup(&c, &marked)) != APP_OK)
			log_err("event=followup_failed error=\"%s\"", app_strerror(er));
		else if (marked > 0)
			log_info("event=followup marked=%zu", marked);
	}
	arena_free(a);
}

static void *
run(void *arg)
{
	struct outbox_worker	*w = arg;
	struct timespec		 until;

	pthread_mutex_lock(&w->mu);
	while (!w->stop) {
		pthread_mutex_unlock(&w->mu);
		if (w->mail)
			send_due(w);
		followup(w);
		pthread_mutex_lock(&w->mu);
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += w->cfg->outbox_poll_ms / 1000;
		until.tv_nsec += (long)(w->cfg->outbox_poll_ms % 1000) * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		while (!w->stop && pthread_cond_timedwait(&w->cv, &w->mu, &until) == 0)
			;
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

struct outbox_worker *
outbox_open(const struct config *cfg)
{
	struct outbox_worker	*w;

	if (cfg->smtp_url[0] == '\0')
		log_warnx("event=mail_off msg=\"[mail] smtp_url is empty: acknowledgements "
		    "are queued in the outbox and sent once it is set\"");
	if ((w = calloc(1, sizeof(*w))) == NULL)
		return NULL;
	w->cfg = cfg;
	w->mail = cfg->smtp_url[0] != '\0';
	if ((w->st = app_open_store(cfg)) == NULL) {
		free(w);
		return NULL;
	}
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	return w;
}

int
outbox_run(struct outbox_worker *w)
{
	if (w == NULL)
		return 0;
	if (pthread_create(&w->thread, NULL, run, w) != 0)
		return -1;
	w->running = true;
	return 0;
}

void
outbox_stop(struct outbox_worker *w)
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
