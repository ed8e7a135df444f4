/* A loopback HTTP sink for tests of outbound HTTP (see httpsink.h). */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>

#include <cmocka.h>
#include <microhttpd.h>

#include "httpsink.h"

#define SINK_CHUNK	1024	/* bytes per chunk when the answer is chunked */
#define SINK_TICK_MS	10	/* how often a delayed answer checks for sink_stop */

struct sink_rec {
	char	 method[16];
	char	 path[512];
	char	 auth[1024];
	bool	 has_auth;
	char	 idem[512];
	bool	 has_idem;
	char	 content_type[128];
	char	 accept[128];
	char	*body;		/* malloc'd, NUL-terminated */
	size_t	 len;
	bool	 truncated;
};

struct httpsink {
	struct MHD_Daemon	*d;
	int			 port;
	pthread_mutex_t		 mu;		/* guards everything below */
	struct sink_rec		*recs;		/* recorded requests */
	size_t			 nrecs;
	size_t			 caprecs;
	unsigned		 status;	/* the reply */
	char			*reply;		/* malloc'd, may hold NULs */
	size_t			 replylen;
	char			*hname;		/* extra reply header, or NULL */
	char			*hvalue;
	bool			 chunked;
	int			 delay_ms;
	bool			 stopping;	/* sink_stop has begun */
};

/* A request's body as it arrives (MHD's per-connection pointer). */
struct pending {
	char	*p;		/* up to SINK_BODY_MAX bytes and a NUL */
	size_t	 len;
	size_t	 cap;
	bool	 truncated;
};

/* A chunked answer's bytes, owned by the MHD response. */
struct chunks {
	char	*p;
	size_t	 len;
};

/*
 * abort(), not fail_msg(): this also runs on the server's thread, where
 * cmocka's longjmp back into the test would land on the wrong stack.
 */
static void *
xalloc(size_t n)
{
	void	*p = malloc(n > 0 ? n : 1);

	if (p == NULL) {
		fprintf(stderr, "httpsink: out of memory\n");
		abort();
	}
	return p;
}

static char *
xdup(const char *p, size_t n)
{
	char	*s = xalloc(n + 1);

	if (n > 0)
		memcpy(s, p, n);
	s[n] = '\0';
	return s;
}

/* Copy a NUL-terminated string into a fixed field, cut short if needed. */
static void
field(char *dst, size_t dstsz, const char *src)
{
	snprintf(dst, dstsz, "%s", src != NULL ? src : "");
}

static void
sleep_ms(long ms)
{
	struct timespec	ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static void
pending_add(struct pending *pd, const char *data, size_t n)
{
	size_t	room = SINK_BODY_MAX - pd->len;

	if (n > room) {
		n = room;
		pd->truncated = true;
	}
	if (n == 0)
		return;
	if (pd->len + n + 1 > pd->cap) {
		size_t	 ncap = pd->cap == 0 ? 4096 : pd->cap;
		char	*np;

		while (ncap < pd->len + n + 1)
			ncap *= 2;
		if ((np = realloc(pd->p, ncap)) == NULL)
			return;		/* the thread cannot fail the test; the body stays short */
		pd->p = np;
		pd->cap = ncap;
	}
	memcpy(pd->p + pd->len, data, n);
	pd->len += n;
	pd->p[pd->len] = '\0';
}

static void
record(struct httpsink *s, struct MHD_Connection *conn, const char *method,
    const char *url, struct pending *pd)
{
	struct sink_rec	*r, *nr;
	const char	*v;

	pthread_mutex_lock(&s->mu);
	if (s->nrecs >= SINK_MAX_REQUESTS)
		goto out;
	if (s->nrecs == s->caprecs) {
		size_t ncap = s->caprecs == 0 ? 16 : s->caprecs * 2;

		if ((nr = realloc(s->recs, ncap * sizeof(*nr))) == NULL)
			goto out;
		s->recs = nr;
		s->caprecs = ncap;
	}
	r = &s->recs[s->nrecs];
	memset(r, 0, sizeof(*r));
	field(r->method, sizeof(r->method), method);
	field(r->path, sizeof(r->path), url);
	if ((v = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Authorization")) != NULL) {
		r->has_auth = true;
		field(r->auth, sizeof(r->auth), v);
	}
	if ((v = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Idempotency-Key")) != NULL) {
		r->has_idem = true;
		field(r->idem, sizeof(r->idem), v);
	}
	field(r->content_type, sizeof(r->content_type),
	    MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Type"));
	field(r->accept, sizeof(r->accept),
	    MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Accept"));
	/* The body moves into the record; the pending state keeps nothing. */
	r->body = pd->p != NULL ? pd->p : xdup("", 0);
	r->len = pd->len;
	r->truncated = pd->truncated;
	pd->p = NULL;
	pd->len = pd->cap = 0;
	s->nrecs++;
out:
	pthread_mutex_unlock(&s->mu);
}

static ssize_t
chunk_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct chunks	*ch = cls;
	size_t		 n;

	if (pos >= ch->len)
		return MHD_CONTENT_READER_END_OF_STREAM;
	n = ch->len - (size_t)pos;
	if (n > max)
		n = max;
	memcpy(buf, ch->p + pos, n);
	return (ssize_t)n;
}

static void
chunk_free(void *cls)
{
	struct chunks	*ch = cls;

	free(ch->p);
	free(ch);
}

/* Wait before answering, a tick at a time, so sink_stop never waits long. */
static void
delay(struct httpsink *s)
{
	int	ms, waited;
	bool	stop;

	pthread_mutex_lock(&s->mu);
	ms = s->delay_ms;
	pthread_mutex_unlock(&s->mu);
	for (waited = 0; waited < ms; waited += SINK_TICK_MS) {
		pthread_mutex_lock(&s->mu);
		stop = s->stopping;
		pthread_mutex_unlock(&s->mu);
		if (stop)
			break;
		sleep_ms(SINK_TICK_MS);
	}
}

static enum MHD_Result
answer(struct httpsink *s, struct MHD_Connection *conn)
{
	struct MHD_Response	*resp = NULL;
	struct chunks		*ch;
	char			*body, *hname = NULL, *hvalue = NULL;
	size_t			 len;
	unsigned		 status;
	bool			 chunked;
	enum MHD_Result		 ret = MHD_NO;

	pthread_mutex_lock(&s->mu);
	status = s->status;
	body = xdup(s->reply != NULL ? s->reply : "", s->replylen);
	len = s->replylen;
	chunked = s->chunked;
	if (s->hname != NULL) {
		hname = xdup(s->hname, strlen(s->hname));
		hvalue = xdup(s->hvalue, strlen(s->hvalue));
	}
	pthread_mutex_unlock(&s->mu);

	if (chunked) {
		ch = xalloc(sizeof(*ch));
		ch->p = body;
		ch->len = len;
		body = NULL;
		resp = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, SINK_CHUNK,
		    chunk_read, ch, chunk_free);
		if (resp == NULL)
			chunk_free(ch);
	} else
		resp = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_COPY);
	if (resp == NULL)
		goto out;
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json");
	if (hname != NULL)
		MHD_add_response_header(resp, hname, hvalue);
	ret = MHD_queue_response(conn, status, resp);
	MHD_destroy_response(resp);
out:
	free(body);
	free(hname);
	free(hvalue);
	return ret;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *conn, const char *url,
    const char *method, const char *version, const char *upload_data,
    size_t *upload_data_size, void **con_cls)
{
	struct httpsink	*s = cls;
	struct pending	*pd = *con_cls;

	(void)version;
	if (pd == NULL) {
		/* The first call sees only the headers: set up for the body. */
		if ((pd = calloc(1, sizeof(*pd))) == NULL)
			return MHD_NO;
		*con_cls = pd;
		return MHD_YES;
	}
	if (*upload_data_size > 0) {
		pending_add(pd, upload_data, *upload_data_size);
		*upload_data_size = 0;
		return MHD_YES;
	}
	record(s, conn, method, url, pd);
	delay(s);
	return answer(s, conn);
}

static void
on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct pending	*pd = *con_cls;

	(void)cls;
	(void)conn;
	(void)toe;
	if (pd != NULL) {
		free(pd->p);
		free(pd);
		*con_cls = NULL;
	}
}

struct httpsink *
sink_start(void)
{
	struct httpsink		*s;
	struct sockaddr_in	 sin;
	const union MHD_DaemonInfo *info;

	s = xalloc(sizeof(*s));
	memset(s, 0, sizeof(*s));
	if (pthread_mutex_init(&s->mu, NULL) != 0)
		fail_msg("httpsink: cannot create a mutex");
	s->status = 200;
	s->reply = xdup("{}", 2);
	s->replylen = 2;

	/* 127.0.0.1 and port 0: loopback only, and the kernel picks a free port. */
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sin.sin_port = 0;
	s->d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG, 0,
	    NULL, NULL, on_request, s,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sin,
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
	    MHD_OPTION_END);
	if (s->d == NULL)
		fail_msg("httpsink: cannot start a server on 127.0.0.1");
	if ((info = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT)) == NULL ||
	    info->port == 0)
		fail_msg("httpsink: cannot learn the server's port");
	s->port = info->port;
	return s;
}

void
sink_stop(struct httpsink *s)
{
	size_t	i;

	if (s == NULL)
		return;
	pthread_mutex_lock(&s->mu);
	s->stopping = true;
	pthread_mutex_unlock(&s->mu);
	/* Joins the server's thread: nothing touches s after this. */
	if (s->d != NULL)
		MHD_stop_daemon(s->d);
	for (i = 0; i < s->nrecs; i++)
		free(s->recs[i].body);
	free(s->recs);
	free(s->reply);
	free(s->hname);
	free(s->hvalue);
	pthread_mutex_destroy(&s->mu);
	free(s);
}

int
sink_port(const struct httpsink *s)
{
	return s->port;
}

void
sink_url(const struct httpsink *s, const char *path, char *buf, size_t bufsz)
{
	int	n;

	n = snprintf(buf, bufsz, "http://127.0.0.1:%d%s", s->port, path);
	if (n < 0 || (size_t)n >= bufsz)
		fail_msg("httpsink: the URL for '%s' does not fit in %zu bytes", path, bufsz);
}

size_t
sink_count(struct httpsink *s)
{
	size_t	n;

	pthread_mutex_lock(&s->mu);
	n = s->nrecs;
	pthread_mutex_unlock(&s->mu);
	return n;
}

bool
sink_wait(struct httpsink *s, size_t n, int seconds)
{
	long	waited;

	for (waited = 0; waited <= (long)seconds * 1000; waited += SINK_TICK_MS) {
		if (sink_count(s) >= n)
			return true;
		sleep_ms(SINK_TICK_MS);
	}
	return sink_count(s) >= n;
}

bool
sink_request(struct httpsink *s, size_t i, struct sink_req *out)
{
	struct sink_rec	*r;
	bool		 ok = false;

	memset(out, 0, sizeof(*out));
	pthread_mutex_lock(&s->mu);
	if (i < s->nrecs) {
		r = &s->recs[i];
		field(out->method, sizeof(out->method), r->method);
		field(out->path, sizeof(out->path), r->path);
		field(out->auth, sizeof(out->auth), r->auth);
		out->has_auth = r->has_auth;
		field(out->idem, sizeof(out->idem), r->idem);
		out->has_idem = r->has_idem;
		field(out->content_type, sizeof(out->content_type), r->content_type);
		field(out->accept, sizeof(out->accept), r->accept);
		out->body = xdup(r->body, r->len);
		out->len = r->len;
		out->truncated = r->truncated;
		ok = true;
	}
	pthread_mutex_unlock(&s->mu);
	return ok;
}

void
sink_req_free(struct sink_req *r)
{
	if (r == NULL)
		return;
	free(r->body);
	r->body = NULL;
	r->len = 0;
}

void
sink_set_reply_len(struct httpsink *s, unsigned status, const char *body, size_t len)
{
	char	*p = xdup(body != NULL ? body : "", body != NULL ? len : 0);

	pthread_mutex_lock(&s->mu);
	free(s->reply);
	s->status = status;
	s->reply = p;
	s->replylen = body != NULL ? len : 0;
	pthread_mutex_unlock(&s->mu);
}

void
sink_set_reply(struct httpsink *s, unsigned status, const char *json)
{
	sink_set_reply_len(s, status, json, json != NULL ? strlen(json) : 0);
}

void
sink_set_header(struct httpsink *s, const char *name, const char *value)
{
	char	*n = NULL, *v = NULL;

	if (name != NULL) {
		n = xdup(name, strlen(name));
		v = xdup(value != NULL ? value : "", value != NULL ? strlen(value) : 0);
	}
	pthread_mutex_lock(&s->mu);
	free(s->hname);
	free(s->hvalue);
	s->hname = n;
	s->hvalue = v;
	pthread_mutex_unlock(&s->mu);
}

void
sink_set_chunked(struct httpsink *s, bool chunked)
{
	pthread_mutex_lock(&s->mu);
	s->chunked = chunked;
	pthread_mutex_unlock(&s->mu);
}

void
sink_set_delay_ms(struct httpsink *s, int ms)
{
	pthread_mutex_lock(&s->mu);
	s->delay_ms = ms > 0 ? ms : 0;
	pthread_mutex_unlock(&s->mu);
}
