/*
 * A background thread that runs one function every interval until it is
 * stopped (app_int.h): the outbox worker and the deadline scheduler are
 * each one of these, with a database connection of their own.
 */
#include <pthread.h>
#include <time.h>

#include "app/app_int.h"

static void *
run(void *arg)
{
	struct periodic	*p = arg;
	struct timespec	 until;

	pthread_mutex_lock(&p->mu);
	while (!p->stop) {
		pthread_mutex_unlock(&p->mu);
		p->tick(p->arg);
		pthread_mutex_lock(&p->mu);
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += p->interval_ms / 1000;
		until.tv_nsec += (long)(p->interval_ms % 1000) * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		/* Woken early only by periodic_stop. */
		while (!p->stop && pthread_cond_timedwait(&p->cv, &p->mu, &until) == 0)
			;
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

void
periodic_init(struct periodic *p, int interval_ms, void (*tick)(void *), void *arg)
{
	p->interval_ms = interval_ms;
	p->tick = tick;
	p->arg = arg;
	p->stop = p->running = false;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
}

int
periodic_start(struct periodic *p)
{
	if (pthread_create(&p->thread, NULL, run, p) != 0)
		return -1;
	p->running = true;
	return 0;
}

void
periodic_stop(struct periodic *p)
{
	pthread_mutex_lock(&p->mu);
	p->stop = true;
	pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
	if (p->running)
		pthread_join(p->thread, NULL);
	p->running = false;
	pthread_cond_destroy(&p->cv);
	pthread_mutex_destroy(&p->mu);
}
