/*
 * The outbox worker: one thread that sends due messages (acknowledgements
 * and notices by mail, 报送 and forwards over HTTP) with retries and
 * exponential backoff.  Messages are rows, so nothing queued is lost to a
 * crash or a restart; a message is marked sent only after the other side
 * accepted it (it may, rarely, be sent twice, never zero times: an HTTP
 * delivery carries its idempotency key, so a registry makes one record of
 * it all the same).
 *
 * An HTTP row carries no document: the worker renders it from what the row
 * delivers (svc_outbox_payload), so undisclosed content stays sealed at
 * rest, and records the answer with its effect (svc_outbox_delivered) in
 * one transaction.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "api/api.h"
#include "app/app_int.h"
#include "core/arena.h"
#include "core/config.h"
#include "core/log.h"
#include "net/http.h"
#include "net/smtp.h"
#include "store/store.h"
#include "svc/pfiling.h"
#include "svc/submissions.h"

/* Messages handled per wake-up, so a backlog does not starve shutdown. */
#define OUTBOX_BATCH	32
/* The longest wait between two attempts. */
#define OUTBOX_MAX_DELAY	(6 * 3600)
/* The part of an answer kept as evidence on the outbox row. */
#define OUTBOX_RESPONSE_KEEP	2048

struct outbox_worker {
	struct periodic		 p;		/* every [outbox] poll_interval_ms */
	bool			 mail;		/* [mail] smtp_url is set: send */
	const struct config	*cfg;
	const struct keyring	*keys;		/* to open what an HTTP row delivers */
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
send_mail(struct outbox_worker *w, const struct outbox_row *m, int64_t now)
{
	struct smtp_cfg	 sc = {
		w->cfg->smtp_url, w->cfg->mail_from, w->cfg->smtp_username,
		w->cfg->smtp_password, w->cfg->smtp_timeout_ms, w->cfg->smtp_require_tls,
	};
	char		 err[256];
	int		 attempts = m->attempts + 1;
	bool		 final = attempts >= w->cfg->outbox_max_attempts;

	if (smtp_send(&sc, m->recipient, m->subject, m->body, err, sizeof(err)) == 0) {
		if (store_outbox_sent(w->st, m->id, (int64_t)time(NULL)) != APP_OK)
			log_err("event=outbox_mark_failed id=%lld", (long long)m->id);
		log_info("event=mail_sent id=%lld", (long long)m->id);
		return;
	}
	log_warnx("event=mail_failed id=%lld attempt=%d final=%d", (long long)m->id,
	    attempts, final);
	if (store_outbox_retry(w->st, m->id, attempts,
	    now + outbox_backoff(w->cfg->outbox_backoff_s, attempts), err, final) != APP_OK)
		log_err("event=outbox_mark_failed id=%lld", (long long)m->id);
}

/*
 * Whether an HTTP answer is worth another attempt: no answer, a timeout,
 * throttling or a server error.  Any other 4xx is a refusal.
 */
static bool
http_retryable(long status)
{
	return status == 0 || status == 408 || status == 425 || status == 429 || status >= 500;
}

static void
send_http(struct outbox_worker *w, struct arena *a, const struct outbox_row *m, int64_t now)
{
	struct svc_ctx		 c = { w->st, a, w->cfg, now, NULL, "", true, w->keys };
	struct fed_payload	 p;
	struct fed_result	 r;
	struct http_post	 hp;
	struct http_result	 hr = { 0, NULL, 0 };
	char			 err[256] = "";
	const char		*body;
	size_t			 len;
	enum app_err		 er;

	memset(&r, 0, sizeof(r));
	r.attempts = m->attempts + 1;
	r.response = r.error = r.library_id = r.reason = "";
	if ((er = svc_outbox_payload(&c, m, &p)) != APP_OK) {
		/* What it delivers is gone (or cannot be opened): nothing to send, ever. */
		r.final = true;
		r.error = er == APP_NOTFOUND ? "nothing to deliver any more" :
		    "cannot open what it delivers";
		goto record;
	}
	if (p.body != NULL) {
		body = p.body;
		len = p.body_len;
	} else
		body = api_fed_body(a, &p, &len);
	hp = (struct http_post){ m->recipient, p.bearer, m->idem_key, body, len,
	    w->cfg->federation_timeout_ms };
	if (http_post_json(&hp, &hr, err, sizeof(err)) != 0) {
		r.error = arena_strdup(a, err);
	} else {
		r.status = hr.status;
		r.response = arena_strndup(a, hr.body != NULL ? hr.body : "",
		    hr.len > OUTBOX_RESPONSE_KEEP ? OUTBOX_RESPONSE_KEEP : hr.len);
		if (hr.status >= 200 && hr.status < 300) {
			r.done = true;
			api_fed_answer(a, hr.body, hr.len, &r.library_id, &r.reason);
		} else {
			api_fed_answer(a, hr.body, hr.len, &r.library_id, &r.reason);
			r.error = arena_printf(a, "HTTP %ld", hr.status);
		}
	}
	http_result_free(&hr);
	if (!r.done)
		r.final = !http_retryable(r.status) ||
		    r.attempts >= w->cfg->outbox_max_attempts;
record:
	r.next = now + outbox_backoff(w->cfg->outbox_backoff_s, r.attempts);
	if (svc_outbox_delivered(&c, m, &r) != APP_OK)
		log_err("event=outbox_mark_failed id=%lld", (long long)m->id);
	if (r.done)
		log_info("event=http_delivered id=%lld ref=%s status=%ld", (long long)m->id,
		    m->ref, r.status);
	else
		log_warnx("event=http_failed id=%lld ref=%s status=%ld attempt=%d final=%d "
		    "error=\"%s\"", (long long)m->id, m->ref, r.status, r.attempts, r.final,
		    r.error);
}

/*
 * The GET a platform's 备案 reads its status back with
 * (svc_pfiling_use_fetch): net/ is the app's, not svc's.
 */
static int
fetch_json(struct arena *a, const char *url, const char *bearer, int timeout_ms,
    long *status, const char **body, size_t *len, char *err, size_t errsz)
{
	struct http_get		g = { url, bearer, timeout_ms };
	struct http_result	hr;
	int			rc;

	rc = http_get_json(&g, &hr, err, errsz);
	*status = hr.status;
	*body = NULL;
	*len = 0;
	if (rc == 0) {
		*body = arena_strndup(a, hr.body, hr.len);
		*len = hr.len;
	}
	http_result_free(&hr);
	return rc;
}

static void
send_due(void *arg)
{
	struct outbox_worker	*w = arg;
	struct outbox_row	*m;
	struct arena		*a = arena_new();
	size_t			 n, i;
	int64_t			 now = (int64_t)time(NULL);

	if (store_outbox_due_rows(w->st, a, now, w->mail, OUTBOX_BATCH, &m, &n) != APP_OK)
		goto out;
	for (i = 0; i < n; i++) {
		if (strcmp(m[i].kind, "http") == 0)
			send_http(w, a, &m[i], now);
		else
			send_mail(w, &m[i], now);
	}
out:
	/*
	 * A 备案 application under review: its status read back every
	 * [filing] poll_seconds (svc decides when), and at once after a
	 * delivery.
	 */
	{
		struct svc_ctx	c = { w->st, a, w->cfg, (int64_t)time(NULL), NULL, "", true,
				    w->keys };
		enum app_err	er;

		if ((er = svc_pfiling_poll(&c)) != APP_OK)
			log_err("event=platform_filing_poll_failed error=\"%s\"",
			    app_strerror(er));
	}
	arena_free(a);
}

struct outbox_worker *
outbox_open(const struct config *cfg, const struct keyring *keys)
{
	struct outbox_worker	*w;

	if (cfg->smtp_url[0] == '\0')
		log_warnx("event=mail_off msg=\"[mail] smtp_url is empty: acknowledgements "
		    "are queued in the outbox and sent once it is set\"");
	if ((w = calloc(1, sizeof(*w))) == NULL)
		return NULL;
	w->cfg = cfg;
	w->keys = keys;
	w->mail = cfg->smtp_url[0] != '\0';
	/* The refresh button reads back through the same GET as the worker. */
	svc_pfiling_use_fetch(fetch_json);
	if ((w->st = app_open_store(cfg)) == NULL) {
		free(w);
		return NULL;
	}
	periodic_init(&w->p, cfg->outbox_poll_ms, send_due, w);
	return w;
}

int
outbox_run(struct outbox_worker *w)
{
	return w == NULL ? 0 : periodic_start(&w->p);
}

void
outbox_stop(struct outbox_worker *w)
{
	if (w == NULL)
		return;
	periodic_stop(&w->p);
	store_close(w->st);
	free(w);
}
