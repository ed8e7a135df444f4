/*
 * The libmicrohttpd glue: the only file that speaks MHD.  One request goes
 * through three steps:
 *   1. headers in: route, authenticate, authorize, check the declared
 *      length against the body limit (which is tighter before login);
 *   2. body in: accumulated up to the limit, the rest discarded (413);
 *   3. dispatch: parse the body, bind parameters, CSRF, run the handler,
 *      add the security headers and queue the answer.
 * Steps 1 and 2 run on libmicrohttpd's network threads ([server]
 * io_threads, two per CPU by default), and so does step 3 of a read (GET,
 * HEAD; a public one the cache answers without the database).  A request
 * that changes state is handed to a worker ([server] threads) with its
 * connection suspended, so a handler that waits (a report for its batch's
 * fsync, the write lock, Argon2) holds a worker, never a network thread and
 * the other connections on it; the worker resumes the connection and its
 * network thread sends the answer.
 * Everything lives in the request's arena, released when MHD reports the
 * request completed (after the response was sent, which is why responses
 * may point into the arena).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/log.h"
#include "core/parse.h"
#include "core/pubgen.h"
#include "core/xalloc.h"
#include "crypto/crypto.h"
#include "http/auth.h"
#include "http/form.h"
#include "http/http_int.h"
#include "http/pubcache.h"
#include "http/router.h"
#include "http/server.h"
#include "store/store.h"

/*
 * Bodies from a client that goes on sending after the limit are read and
 * dropped up to this multiple of the limit, so the 413 can be delivered;
 * past it the connection is closed.
 */
#define DISCARD_FACTOR	4

/*
 * A cached public answer is made again after this many seconds even when
 * public content has not changed: what an answer computes from the clock
 * (security.txt's Expires) stays fresh, at one handler run per hour.
 */
#define PUBCACHE_MAX_AGE	3600

struct server {
	struct MHD_Daemon	*d;		/* the daemon */
	const struct config	*cfg;		/* borrowed */
	struct store_pool	*pool;		/* borrowed */
	const struct keyring	*keys;		/* borrowed */
	const struct router	*router;	/* borrowed */
	struct pubcache		*cache;		/* public answers; NULL: off */
	struct server_hooks	 hooks;		/* copied */
	uint16_t		 port;		/* bound port */
	uint32_t		 id_prefix;	/* random, per process: request ids */
	atomic_uint_fast32_t	 id_next;	/* request counter */

	/* The workers and the requests handed to them (wq_mu guards). */
	pthread_mutex_t		 wq_mu;
	pthread_cond_t		 wq_work;	/* something queued, or wq_stop */
	pthread_cond_t		 wq_drained;	/* wq_inflight fell to 0 */
	struct conn_ctx		*wq_head, *wq_tail;
	size_t			 wq_inflight;	/* queued or running */
	bool			 wq_closed;	/* stopping: run requests in place */
	bool			 wq_stop;	/* workers: exit when the queue is empty */
	pthread_t		*workers;
	size_t			 nworkers;	/* started */
};

enum phase {
	PH_HEADERS,	/* first call not yet done */
	PH_BODY,	/* reading the body */
	PH_WORKING,	/* with a worker, the connection suspended */
	PH_READY,	/* the worker is done: the answer is to be queued */
	PH_ANSWERED,	/* a response was queued */
};

struct conn_ctx {
	struct req		 rq;		/* what handlers see */
	struct server		*srv;		/* whose */
	struct route_match	 match;		/* the route and captures */
	enum phase		 phase;		/* where we are */
	enum app_err		 early;		/* a failure found in step 1 */
	struct sbuf		 body;		/* accumulated body */
	size_t			 body_max;	/* limit for this request */
	size_t			 discarded;	/* bytes dropped past the limit */
	bool			 toobig;	/* the body passed the limit */
	struct timespec		 t0;		/* arrival */
	const struct pc_entry	*hit;		/* answered from the cache (a reference) */
	bool			 not_modified;	/* If-None-Match named the answer: 304 */
	const char		*key;		/* public reads: the cache key */
	size_t			 keylen;
	uint64_t		 gen;		/* public generation before the handler */
	size_t			 sent;		/* body bytes answered, for the log */
	void			*native[PC_NATIVE__MAX];	/* the hit's ready answers */
	struct conn_ctx		*wq_next;	/* in the workers' queue */
};

static const char *
mhd_header(struct req *rq, enum MHD_ValueKind kind, const char *name)
{
	return MHD_lookup_connection_value(rq->conn, kind, name);
}

const char *
req_header(struct req *rq, const char *name)
{
	return mhd_header(rq, MHD_HEADER_KIND, name);
}

const char *
req_cookie(struct req *rq, const char *name)
{
	return mhd_header(rq, MHD_COOKIE_KIND, name);
}

const char *
req_query(struct req *rq, const char *name, size_t *len)
{
	const char	*v = NULL;

	if (MHD_lookup_connection_value_n(rq->conn, MHD_GET_ARGUMENT_KIND, name,
	    strlen(name), &v, len) != MHD_YES)
		return NULL;
	return v;
}

static int
parse_method(const char *m, enum http_method *out)
{
	enum http_method	i;

	for (i = 0; i < HTTP__MAX; i++)
		if (strcmp(m, http_method_name(i)) == 0) {
			*out = i;
			return 0;
		}
	return -1;
}

static void
client_addr(struct MHD_Connection *conn, char *buf, size_t size)
{
	const union MHD_ConnectionInfo	*ci;
	const struct sockaddr		*sa;

	snprintf(buf, size, "-");
	ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci == NULL || (sa = ci->client_addr) == NULL)
		return;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr,
		    buf, (socklen_t)size);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
		    buf, (socklen_t)size);
}

static enum lang
choose_lang(struct req *rq)
{
	const char	*c, *al;
	int		 l;

	if ((c = req_cookie(rq, AUTH_COOKIE_LANG)) != NULL &&
	    (l = lang_parse(str_from(c))) >= 0)
		return (enum lang)l;
	al = req_header(rq, "Accept-Language");
	return lang_negotiate(str_from(al));
}

/* A public read: an R_PUBLIC route asked with GET or HEAD. */
static bool
public_read(const struct req *rq)
{
	return rq->route != NULL && (rq->route->flags & R_PUBLIC) &&
	    (rq->method == HTTP_GET || rq->method == HTTP_HEAD);
}

/*
 * Security headers on every response, set in this one place.  A shared
 * answer (the cache's, the same bytes for every reader) carries no request
 * id and none of this request's handler headers.
 */
#define HDR_SHARED	0x1u

static void
add_common_headers(struct req *rq, struct MHD_Response *r, unsigned flags)
{
	struct resp_header	*h;

	/* connect-src: scoring.js asks this server's calculators (/api/v1/cvss, ...). */
	MHD_add_response_header(r, "Content-Security-Policy",
	    "default-src 'none'; script-src 'self'; connect-src 'self'; "
	    "style-src 'self'; img-src 'self' data:; form-action 'self'; "
	    "frame-ancestors 'none'; base-uri 'none'");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "same-origin");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(r, "Cross-Origin-Resource-Policy", "same-origin");
	if (config_is_tls(rq->cfg))
		MHD_add_response_header(r, "Strict-Transport-Security",
		    "max-age=31536000");
	if (!(flags & HDR_SHARED))
		MHD_add_response_header(r, "X-Request-Id", rq->id);
	MHD_add_response_header(r, "Content-Language", lang_tag(rq->lang));
	MHD_add_response_header(r, "Vary", "Accept-Language, Cookie");
	/* Headers the handler added, in the order it added them. */
	if (!(flags & HDR_SHARED)) {
		struct resp_header	*rev = NULL, *next;

		for (h = rq->headers; h != NULL; h = next) {
			next = h->next;
			h->next = rev;
			rev = h;
		}
		rq->headers = rev;
	}
	if (!(flags & HDR_SHARED))
		for (h = rq->headers; h != NULL; h = h->next)
			MHD_add_response_header(r, h->name, h->value);
	/*
	 * Public content may be kept by anyone for [advisories]
	 * public_cache_seconds unless the handler said otherwise; everything
	 * else, errors included, is nobody's to keep.
	 */
	if (MHD_get_response_header(r, "Cache-Control") == NULL) {
		if (public_read(rq) && (rq->status == 200 || rq->status == 304))
			MHD_add_response_header(r, "Cache-Control",
			    arena_printf(rq->arena, "public, max-age=%d",
			    rq->cfg->public_cache_s));
		else
			MHD_add_response_header(r, "Cache-Control", "no-store");
	}
}

/*
 * Is the answer for a person?  A matched route says so itself; an unmatched
 * path is a page unless it is under the API's prefix.
 */
static bool
wants_html(const struct conn_ctx *c)
{
	const struct req	*rq = &c->rq;

	if (c->srv->hooks.web_error == NULL)
		return false;
	if (rq->route != NULL)
		return (rq->route->flags & R_WEB) != 0;
	return strncmp(rq->path, "/api/", 5) != 0 && strcmp(rq->path, "/healthz") != 0;
}

/*
 * Fill in the error answer: status 0 means the one er maps to; 405 and 415
 * have no app_err of their own and are passed explicitly.
 */
static void
answer_status(struct conn_ctx *c, enum app_err er, int status, const char *slug,
    enum msg_id title)
{
	struct req	*rq = &c->rq;

	rq->err = er;
	if (er == APP_THROTTLED && rq->retry_after > 0)
		resp_header(rq, "Retry-After", arena_printf(rq->arena, "%d",
		    rq->retry_after));
	if (wants_html(c)) {
		rq->status = status ? status : resp_status_for(er);
		c->srv->hooks.web_error(rq);
		if (rq->status == 0)
			rq->status = status ? status : resp_status_for(er);
	} else if (status != 0) {
		rq->status = status;
		resp_problem(rq, status, slug, title);
	} else
		resp_error(rq, er);
}

static void
answer_error(struct conn_ctx *c, enum app_err er)
{
	answer_status(c, er, 0, NULL, MSG_OK);
}

static void
release_hit(void *cls)
{
	pubcache_release(cls);
}

/* The entry's validator and the handler's headers, in their order. */
static void
entry_headers(struct MHD_Response *r, const struct pc_entry *e)
{
	size_t	i;

	MHD_add_response_header(r, "ETag", e->etag);
	for (i = 0; i < e->nhdrs; i++)
		MHD_add_response_header(r, e->hdrs[2 * i], e->hdrs[2 * i + 1]);
}

/*
 * A ready answer for the cache (200, or 304 with no body): every header
 * but the request id, so any reader of the key can be sent it as it is.
 * The body is copied into the response, which libmicrohttpd keeps alive
 * while any connection still sends it, whatever happens to the entry.
 */
static struct MHD_Response *
native_answer(struct req *rq, const struct pc_entry *e, int status)
{
	struct MHD_Response	*r;
	int			 saved = rq->status;

	if (status == 200)
		r = MHD_create_response_from_buffer(e->len, (void *)(uintptr_t)e->body,
		    MHD_RESPMEM_MUST_COPY);
	else
		r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
	if (r == NULL)
		return NULL;
	if (status == 200)
		MHD_add_response_header(r, "Content-Type", e->ctype);
	entry_headers(r, e);
	rq->status = status;	/* add_common_headers reads it (Cache-Control) */
	add_common_headers(rq, r, HDR_SHARED);
	rq->status = saved;
	return r;
}

static void
destroy_native(void *r)
{
	MHD_destroy_response(r);
}

/*
 * Answer from a cache entry: its bytes are sent where they are, and the
 * response holds the reference until libmicrohttpd is done with them.
 */
static enum MHD_Result
queue_hit(struct conn_ctx *c)
{
	struct req		*rq = &c->rq;
	const struct pc_entry	*e = c->hit;
	struct MHD_Response	*r;
	enum MHD_Result		 ret;

	/* The ready answer: queued as it is (libmicrohttpd counts its users). */
	if ((r = c->native[c->not_modified ? PC_NATIVE_304 : PC_NATIVE_200]) != NULL) {
		rq->status = c->not_modified ? 304 : 200;
		c->sent = c->not_modified ? 0 : e->len;
		ret = MHD_queue_response(rq->conn, (unsigned)rq->status, r);
		pubcache_release(e);
		c->hit = NULL;
		c->phase = PH_ANSWERED;
		return ret;
	}
	if (c->not_modified) {
		rq->status = 304;
		r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
	} else {
		rq->status = 200;
		r = MHD_create_response_from_buffer_with_free_callback_cls(e->len,
		    (void *)(uintptr_t)e->body, release_hit, (void *)(uintptr_t)e);
		if (r != NULL) {
			c->hit = NULL;		/* the response's reference now */
			c->sent = e->len;
			MHD_add_response_header(r, "Content-Type", e->ctype);
		}
	}
	if (r == NULL)
		return MHD_NO;
	entry_headers(r, e);
	add_common_headers(rq, r, 0);
	ret = MHD_queue_response(rq->conn, (unsigned)rq->status, r);
	MHD_destroy_response(r);
	c->phase = PH_ANSWERED;
	return ret;
}

static enum MHD_Result
queue(struct conn_ctx *c)
{
	struct req		*rq = &c->rq;
	struct MHD_Response	*r;
	enum MHD_Result		 ret;

	if (c->hit != NULL)
		return queue_hit(c);
	if (rq->status == 0)
		answer_error(c, APP_INTERNAL);
	if (sbuf_err(&rq->out) != APP_OK) {
		log_err("event=response_too_big req=%s", rq->id);
		rq->status = 500;
		rq->ctype = "text/plain; charset=utf-8";
		sbuf_init(&rq->out, rq->arena, 0);
		sbuf_addstr(&rq->out, "response too large\n");
	}
	/* The arena outlives the send (freed on NOTIFY_COMPLETED). */
	r = MHD_create_response_from_buffer(rq->out.len, rq->out.buf,
	    MHD_RESPMEM_PERSISTENT);
	if (r == NULL)
		return MHD_NO;
	c->sent = rq->out.len;
	if (rq->ctype != NULL)
		MHD_add_response_header(r, "Content-Type", rq->ctype);
	add_common_headers(rq, r, 0);
	ret = MHD_queue_response(rq->conn, (unsigned)rq->status, r);
	MHD_destroy_response(r);
	c->phase = PH_ANSWERED;
	return ret;
}

static void
allow_header(struct req *rq, unsigned allow)
{
	struct sbuf	sb;
	int		m;

	sbuf_init(&sb, rq->arena, 256);
	for (m = 0; m < HTTP__MAX; m++)
		if (allow & (1u << m))
			sbuf_addf(&sb, "%s%s", sb.len ? ", " : "",
			    http_method_name((enum http_method)m));
	resp_header(rq, "Allow", sb.buf);
}

/* Step 1: the headers are in.  APP_OK to go on reading the body. */
static enum app_err
on_headers(struct conn_ctx *c)
{
	struct req	*rq = &c->rq;
	const char	*cl;
	int64_t		 len;
	enum app_err	 er;

	switch (router_match(c->srv->router, rq->method, rq->path, &c->match)) {
	case MATCH_NOPATH:
		return req_fail(rq, APP_NOTFOUND, NULL, MSG_ERR_NO_ROUTE);
	case MATCH_NOMETHOD:
		allow_header(rq, c->match.allow);
		req_fail(rq, APP_INVALID, NULL, MSG_ERR_METHOD);
		answer_status(c, APP_INVALID, 405, "method-not-allowed", MSG_PROBLEM_METHOD);
		return APP_INVALID;
	case MATCH_OK:
		break;
	}
	rq->route = c->match.route;
	if (rq->route->flags & R_PUBLIC) {
		/* Shared caches may keep the answer: nobody's cookie goes in it. */
		sbuf_init(&c->body, rq->arena, (size_t)rq->cfg->body_max_anon_bytes);
		c->body_max = (size_t)rq->cfg->body_max_anon_bytes;
		return APP_OK;
	}
	rq->store = store_pool_get(c->srv->pool);
	er = auth_resolve(rq);
	if (er == APP_OK)
		er = auth_authorize(rq);
	store_pool_put(c->srv->pool, rq->store);
	rq->store = NULL;
	if (er != APP_OK)
		return er;
	c->body_max = (size_t)(rq->user != NULL ? rq->cfg->body_max_bytes :
	    rq->cfg->body_max_anon_bytes);
	if ((cl = req_header(rq, "Content-Length")) != NULL &&
	    parse_i64(cl, strlen(cl), 0, INT64_MAX, &len) == 0 &&
	    (uint64_t)len > c->body_max)
		return req_fail(rq, APP_TOOBIG, NULL, MSG_ERR_BODY_TOO_BIG, c->body_max);
	sbuf_init(&c->body, rq->arena, c->body_max);
	return APP_OK;
}

static bool
ctype_is(struct req *rq, const char *want)
{
	const char	*ct = req_header(rq, "Content-Type");
	size_t		 n = strlen(want);

	return ct != NULL && strncasecmp(ct, want, n) == 0 &&
	    (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

static enum app_err
unsupported(struct conn_ctx *c, enum msg_id detail)
{
	req_fail(&c->rq, APP_INVALID, NULL, detail);
	answer_status(c, APP_INVALID, 415, "unsupported-media-type",
	    MSG_PROBLEM_MEDIA_TYPE);
	return APP_INVALID;
}

/* Multipart: fields become form pairs, parts with a file name become files. */
static enum app_err
parse_multipart(struct conn_ctx *c, struct form_pair **form, int *nform)
{
	struct req	*rq = &c->rq;
	struct mp_part	*parts;
	struct str	 boundary;
	int		 n, i;

	parts = arena_calloc(rq->arena, MP_MAX_PARTS, sizeof(*parts));
	if (mp_boundary(req_header(rq, "Content-Type"), &boundary) != 0 ||
	    (n = mp_parse(rq->arena, rq->body, boundary, parts, MP_MAX_PARTS)) < 0)
		return req_fail(rq, APP_INVALID, NULL, MSG_ERR_MULTIPART);
	*form = arena_calloc(rq->arena, (size_t)n + 1, sizeof(**form));
	rq->files = arena_calloc(rq->arena, (size_t)n + 1, sizeof(*rq->files));
	for (i = 0; i < n; i++) {
		if (parts[i].filename.n > 0)
			rq->files[rq->nfiles++] = parts[i];
		else if (parts[i].data.n == 0 && parts[i].ctype.n > 0)
			continue;	/* a file input left empty */
		else {
			(*form)[*nform].name = parts[i].name;
			(*form)[*nform].value = parts[i].data;
			(*nform)++;
		}
	}
	return APP_OK;
}

/*
 * Parse the body as the route allows: R_JSON takes JSON, R_FORM urlencoded
 * or multipart, R_MULTI JSON or multipart.  Anything else is 415.
 */
static enum app_err
parse_body(struct conn_ctx *c, struct form_pair **form, int *nform)
{
	struct req	*rq = &c->rq;
	unsigned	 fl = rq->route->flags;
	json_error_t	 jerr;

	if ((fl & (R_JSON | R_MULTI)) && ctype_is(rq, "application/json")) {
		rq->json_body = true;
		/* An empty body is no document: rq->json stays NULL for the handler. */
		if (rq->body.n == 0)
			return APP_OK;
		rq->json = json_loadb(rq->body.p, rq->body.n, JSON_REJECT_DUPLICATES, &jerr);
		if (rq->json == NULL)
			return req_fail(rq, APP_INVALID, NULL, MSG_ERR_JSON_MALFORMED,
			    jerr.text, jerr.line, jerr.column);
		return APP_OK;
	}
	if ((fl & R_FORM) && ctype_is(rq, "application/x-www-form-urlencoded")) {
		if ((*nform = form_parse(rq->arena, rq->body, form)) < 0)
			return req_fail(rq, APP_INVALID, NULL, MSG_ERR_FORM_EXPECTED);
		return APP_OK;
	}
	if ((fl & (R_FORM | R_MULTI)) && ctype_is(rq, "multipart/form-data"))
		return parse_multipart(c, form, nform);
	if (fl & (R_JSON | R_MULTI))
		return unsupported(c, MSG_ERR_JSON_EXPECTED);
	if (fl & R_FORM)
		return unsupported(c, MSG_ERR_FORM_EXPECTED);
	return APP_OK;	/* a body the route does not read */
}

/*
 * The cache key of a public read: the language, the path (captures
 * included) and each declared parameter, length-prefixed so no value can
 * pass for two.  Undeclared parameters are dropped before handlers see
 * them, so they do not split the cache either.
 */
static void
cache_key(struct conn_ctx *c)
{
	struct req		*rq = &c->rq;
	struct sbuf		 sb;
	const struct param_val	*v;
	size_t			 i;

	sbuf_init(&sb, rq->arena, 0);
	sbuf_addf(&sb, "%d %zu:%s", (int)rq->lang, strlen(rq->path), rq->path);
	for (i = 0; i < rq->route->nparams; i++) {
		v = req_param(rq, i);
		if (v->present) {
			sbuf_addf(&sb, " %zu:", v->s.n);
			sbuf_add(&sb, v->s.p, v->s.n);
		} else
			sbuf_addstr(&sb, " -");
	}
	c->key = sb.buf;
	c->keylen = sb.len;
}

/* A public read answered from the cache: true, with c->hit held. */
static bool
cache_lookup(struct conn_ctx *c)
{
	cache_key(c);
	/* Read before the handler: a change while it runs makes its answer stale. */
	c->gen = pubgen_get();
	if ((c->hit = pubcache_get(c->srv->cache, c->key, c->keylen, c->gen,
	    c->rq.now, c->native)) == NULL)
		return false;
	c->not_modified = pubcache_etag_match(req_header(&c->rq, "If-None-Match"),
	    c->hit->etag);
	return true;
}

/*
 * A public 200 made by the handler: its ETag, a copy for the cache, and
 * 304 with no body if the client has it already.
 */
static void
cache_keep(struct conn_ctx *c)
{
	struct req		*rq = &c->rq;
	const struct pc_entry	*e;
	void			*nat[PC_NATIVE__MAX];
	char			 etag[PC_ETAG_SIZE];

	pubcache_etag(rq->out.buf, rq->out.len, etag);
	e = pubcache_put(c->srv->cache, c->key, c->keylen, c->gen, rq->now, rq->ctype,
	    etag, rq->headers, rq->out.buf, rq->out.len);
	if (e != NULL) {
		nat[PC_NATIVE_200] = native_answer(rq, e, 200);
		nat[PC_NATIVE_304] = native_answer(rq, e, 304);
		if (nat[PC_NATIVE_200] != NULL && nat[PC_NATIVE_304] != NULL)
			/* The response's copy of the body, and headers besides. */
			pubcache_attach(c->srv->cache, e, nat, destroy_native, e->len + 2048);
		else {
			if (nat[PC_NATIVE_200] != NULL)
				destroy_native(nat[PC_NATIVE_200]);
			if (nat[PC_NATIVE_304] != NULL)
				destroy_native(nat[PC_NATIVE_304]);
		}
		pubcache_release(e);
	}
	resp_header(rq, "ETag", etag);
	if (pubcache_etag_match(req_header(rq, "If-None-Match"), etag)) {
		rq->status = 304;
		rq->ctype = NULL;
		sbuf_reset(&rq->out);
	}
}

/* Step 3: the whole body is in. */
static enum app_err
dispatch(struct conn_ctx *c)
{
	static const struct str	 no_csrf = { "", 0 };
	struct req		*rq = &c->rq;
	struct form_pair	*form = NULL;
	const struct str	*form_csrf = NULL;
	int			 nform = 0;
	bool			 has_body = rq->method == HTTP_POST ||
				    rq->method == HTTP_PUT || rq->method == HTTP_PATCH;
	enum app_err		 er;

	rq->body = (struct str){ c->body.buf, c->body.len };
	if (has_body && (er = parse_body(c, &form, &nform)) != APP_OK)
		return er;
	rq->form = form;
	rq->nform = nform;
	/* A form without the field is checked as carrying an empty token. */
	if (form != NULL && (form_csrf = form_get(form, nform, "csrf")) == NULL)
		form_csrf = &no_csrf;
	if ((er = auth_check_csrf(rq, form_csrf)) != APP_OK)
		return er;
	if ((er = req_bind_params(rq, &c->match, form, nform)) != APP_OK)
		return er;
	if (public_read(rq) && cache_lookup(c))
		return APP_OK;
	rq->store = store_pool_get(c->srv->pool);
	er = rq->route->handler(rq);
	store_pool_put(c->srv->pool, rq->store);
	rq->store = NULL;
	if (er == APP_OK && public_read(rq) && rq->status == 200)
		cache_keep(c);
	return er;
}

static struct conn_ctx *
ctx_new(struct server *srv, struct MHD_Connection *conn, const char *url,
    const char *method)
{
	struct conn_ctx	*c;
	struct arena	*a;
	char		 addr[INET6_ADDRSTRLEN];

	a = arena_new();
	c = ARENA_NEW(a, struct conn_ctx);
	c->srv = srv;
	clock_gettime(CLOCK_MONOTONIC, &c->t0);
	c->rq.arena = a;
	c->rq.cfg = srv->cfg;
	c->rq.keys = srv->keys;
	c->rq.conn = conn;
	c->rq.now = (int64_t)time(NULL);
	c->rq.path = arena_strdup(a, url);
	snprintf(c->rq.id, sizeof(c->rq.id), "%08x%08x", srv->id_prefix,
	    (unsigned)atomic_fetch_add(&srv->id_next, 1));
	client_addr(conn, addr, sizeof(addr));
	c->rq.addr = arena_strdup(a, addr);
	sbuf_init(&c->rq.out, a, 0);
	sbuf_init(&c->body, a, 1);
	c->rq.lang = choose_lang(&c->rq);
	if (parse_method(method, &c->rq.method) != 0) {
		/* Not a method we know at all (OPTIONS, TRACE...): 501. */
		c->rq.method = HTTP_GET;
		c->early = req_fail(&c->rq, APP_INVALID, NULL, MSG_ERR_METHOD);
		answer_status(c, APP_INVALID, 501, "not-implemented", MSG_PROBLEM_METHOD);
	}
	return c;
}

/* Step 3, wherever it runs: the answer (or the error answer) is in c->rq. */
static void
run(struct conn_ctx *c)
{
	enum app_err	er;

	if (c->toobig)
		er = req_fail(&c->rq, APP_TOOBIG, NULL, MSG_ERR_BODY_TOO_BIG, c->body_max);
	else
		er = dispatch(c);
	/*
	 * A failure keeps an error answer the handler already built (a form
	 * shown again with its message, a 405); anything else is replaced.
	 */
	if (er != APP_OK && c->rq.status < 400)
		answer_error(c, er);
}

/*
 * A request that may change state: it may wait for the write lock, a
 * batch's fsync or Argon2, so it goes to a worker.  Reads (GET, HEAD) run
 * where they arrived: SQLite's readers do not wait, and handing a short
 * read over costs more than it takes.
 */
static bool
changes_state(const struct req *rq)
{
	return rq->method != HTTP_GET && rq->method != HTTP_HEAD;
}

/*
 * Give c to a worker: true, with the connection suspended until the worker
 * resumes it; false while stopping (the caller runs it in place).
 */
static bool
hand_over(struct conn_ctx *c)
{
	struct server	*srv = c->srv;

	pthread_mutex_lock(&srv->wq_mu);
	if (srv->wq_closed || srv->nworkers == 0) {
		pthread_mutex_unlock(&srv->wq_mu);
		return false;
	}
	srv->wq_inflight++;
	pthread_mutex_unlock(&srv->wq_mu);
	c->phase = PH_WORKING;
	/* Suspended before any worker can see it: resuming must come after. */
	MHD_suspend_connection(c->rq.conn);
	pthread_mutex_lock(&srv->wq_mu);
	c->wq_next = NULL;
	if (srv->wq_tail != NULL)
		srv->wq_tail->wq_next = c;
	else
		srv->wq_head = c;
	srv->wq_tail = c;
	pthread_cond_signal(&srv->wq_work);
	pthread_mutex_unlock(&srv->wq_mu);
	return true;
}

static void *
worker_main(void *arg)
{
	struct server		*srv = arg;
	struct conn_ctx		*c;
	struct MHD_Connection	*conn;

	pthread_mutex_lock(&srv->wq_mu);
	for (;;) {
		while (srv->wq_head == NULL && !srv->wq_stop)
			pthread_cond_wait(&srv->wq_work, &srv->wq_mu);
		if ((c = srv->wq_head) == NULL)
			break;
		if ((srv->wq_head = c->wq_next) == NULL)
			srv->wq_tail = NULL;
		pthread_mutex_unlock(&srv->wq_mu);

		run(c);
		c->phase = PH_READY;
		conn = c->rq.conn;
		/* From here c belongs to the network thread again (and may be freed). */
		MHD_resume_connection(conn);

		pthread_mutex_lock(&srv->wq_mu);
		if (--srv->wq_inflight == 0)
			pthread_cond_broadcast(&srv->wq_drained);
	}
	pthread_mutex_unlock(&srv->wq_mu);
	return NULL;
}

int
server_io_threads(const struct config *cfg)
{
	long	n;

	if (cfg->io_threads > 0)
		return cfg->io_threads;
	n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		n = 1;
	return n > 32 ? 64 : (int)(2 * n);
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *conn, const char *url,
    const char *method, const char *version, const char *upload_data,
    size_t *upload_data_size, void **req_cls)
{
	struct server	*srv = cls;
	struct conn_ctx	*c = *req_cls;

	(void)version;
	if (c == NULL) {
		c = ctx_new(srv, conn, url, method);
		*req_cls = c;
		if (c->early == APP_OK)
			c->early = on_headers(c);
		if (c->early != APP_OK && c->rq.status == 0)
			answer_error(c, c->early);
		/*
		 * A body we will not read is refused at once (MHD then closes the
		 * connection); other early answers wait for the end of the request
		 * so the connection can be kept alive.
		 */
		if (c->early == APP_TOOBIG)
			return queue(c);
		if (c->body_max == 0)
			c->body_max = (size_t)srv->cfg->body_max_anon_bytes;
		c->phase = PH_BODY;
		return MHD_YES;
	}
	if (c->phase == PH_ANSWERED) {
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (*upload_data_size > 0) {
		if (c->early != APP_OK)
			c->toobig = true;	/* nothing to keep: count and drop */
		if (!c->toobig) {
			sbuf_add(&c->body, upload_data, *upload_data_size);
			if (sbuf_err(&c->body) != APP_OK)
				c->toobig = true;
		}
		if (c->toobig) {
			c->discarded += *upload_data_size;
			if (c->discarded > DISCARD_FACTOR * c->body_max)
				return MHD_NO;	/* close: it will not stop */
		}
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (c->phase == PH_READY || c->early != APP_OK)
		return queue(c);	/* a worker's answer, or answered in step 1 */
	if (c->phase == PH_WORKING)
		return MHD_YES;		/* not ours to touch until resumed */
	if (!c->toobig && changes_state(&c->rq) && hand_over(c))
		return MHD_YES;
	run(c);
	return queue(c);
}

static void
on_completed(void *cls, struct MHD_Connection *conn, void **req_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct server	*srv = cls;
	struct conn_ctx	*c = *req_cls;
	struct timespec	 t1;
	char		 qpath[LOG_QUOTE_MAX];
	double		 ms;

	(void)conn;
	if (c == NULL)
		return;
	if (srv->cfg->access_log) {
		clock_gettime(CLOCK_MONOTONIC, &t1);
		ms = (double)(t1.tv_sec - c->t0.tv_sec) * 1e3 +
		    (double)(t1.tv_nsec - c->t0.tv_nsec) / 1e6;
		log_info("event=access req=%s method=%s path=%s status=%d bytes=%zu "
		    "ms=%.1f addr=%s user=%lld%s", c->rq.id,
		    http_method_name(c->rq.method),
		    log_quote(qpath, sizeof(qpath), c->rq.path, strlen(c->rq.path)),
		    c->rq.status, c->sent, ms, c->rq.addr,
		    c->rq.user ? (long long)c->rq.user->id : 0LL,
		    toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " aborted=1");
	}
	if (c->rq.json != NULL)
		json_decref(c->rq.json);
	pubcache_release(c->hit);	/* a 304, or a response never made */
	arena_free(c->rq.arena);
	*req_cls = NULL;
}

static void
mhd_logger(void *cls, const char *fmt, va_list ap)
{
	char	line[512], q[LOG_QUOTE_MAX];
	size_t	n;

	(void)cls;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	vsnprintf(line, sizeof(line), fmt, ap);
#pragma GCC diagnostic pop
	n = strlen(line);
	while (n > 0 && line[n - 1] == '\n')
		line[--n] = '\0';
	log_warnx("event=mhd msg=%s", log_quote(q, sizeof(q), line, n));
}

/* Stop and join the workers (their queue is empty by now). */
static void
workers_stop(struct server *s)
{
	size_t	i;

	pthread_mutex_lock(&s->wq_mu);
	s->wq_stop = true;
	pthread_cond_broadcast(&s->wq_work);
	pthread_mutex_unlock(&s->wq_mu);
	for (i = 0; i < s->nworkers; i++)
		pthread_join(s->workers[i], NULL);
	s->nworkers = 0;
}

static void
server_free(struct server *s)
{
	pubcache_free(s->cache);
	free(s->workers);
	pthread_cond_destroy(&s->wq_drained);
	pthread_cond_destroy(&s->wq_work);
	pthread_mutex_destroy(&s->wq_mu);
	free(s);
}

struct server *
server_start(const struct config *cfg, struct store_pool *pool,
    const struct keyring *keys, const struct router *router,
    const struct server_hooks *hooks, char *err, size_t errsz)
{
	struct server		*s;
	struct sockaddr_in	 sin;
	struct sockaddr_in6	 sin6;
	struct sockaddr		*sa;
	const union MHD_DaemonInfo *info;
	unsigned		 flags;
	const char		*host;

	s = xcalloc(1, sizeof(*s));
	s->cfg = cfg;
	s->pool = pool;
	s->keys = keys;
	s->router = router;
	if (hooks != NULL)
		s->hooks = *hooks;
	s->cache = pubcache_new((size_t)cfg->public_cache_mib * 1024 * 1024,
	    PUBCACHE_MAX_AGE);
	s->id_prefix = crypto_random_uniform(UINT32_MAX);
	atomic_init(&s->id_next, 1);
	pthread_mutex_init(&s->wq_mu, NULL);
	pthread_cond_init(&s->wq_work, NULL);
	pthread_cond_init(&s->wq_drained, NULL);
	s->workers = xcalloc((size_t)cfg->threads, sizeof(*s->workers));
	for (s->nworkers = 0; s->nworkers < (size_t)cfg->threads; s->nworkers++)
		if (pthread_create(&s->workers[s->nworkers], NULL, worker_main, s) != 0) {
			snprintf(err, errsz, "cannot start the request workers");
			workers_stop(s);
			server_free(s);
			return NULL;
		}

	/* ITC wakes the workers of the thread pool when the daemon stops. */
	flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG |
	    MHD_USE_ITC | MHD_ALLOW_SUSPEND_RESUME;
	host = strcmp(cfg->listen_host, "localhost") == 0 ? "127.0.0.1" :
	    cfg->listen_host;
	memset(&sin, 0, sizeof(sin));
	memset(&sin6, 0, sizeof(sin6));
	if (inet_pton(AF_INET, host, &sin.sin_addr) == 1) {
		sin.sin_family = AF_INET;
		sin.sin_port = htons(cfg->listen_port);
		sa = (struct sockaddr *)&sin;
	} else if (inet_pton(AF_INET6, host, &sin6.sin6_addr) == 1) {
		sin6.sin6_family = AF_INET6;
		sin6.sin6_port = htons(cfg->listen_port);
		sa = (struct sockaddr *)&sin6;
		flags |= MHD_USE_IPv6;
	} else {
		snprintf(err, errsz, "cannot use listen address '%s'", cfg->listen_host);
		workers_stop(s);
		server_free(s);
		return NULL;
	}
	s->d = MHD_start_daemon(flags, cfg->listen_port, NULL, NULL, on_request, s,
	    MHD_OPTION_EXTERNAL_LOGGER, mhd_logger, NULL,	/* first: logs the rest */
	    MHD_OPTION_SOCK_ADDR, sa,
	    MHD_OPTION_THREAD_POOL_SIZE, (unsigned)server_io_threads(cfg),
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)cfg->connection_limit,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)cfg->per_ip_connection_limit,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)cfg->connection_timeout,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)cfg->header_max_bytes,
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
	    MHD_OPTION_END);
	if (s->d == NULL) {
		snprintf(err, errsz, "cannot listen on %s:%u (in use, or not allowed?)",
		    cfg->listen_host, cfg->listen_port);
		workers_stop(s);
		server_free(s);
		return NULL;
	}
	info = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
	s->port = info != NULL ? info->port : cfg->listen_port;
	return s;
}

uint16_t
server_port(const struct server *s)
{
	return s->port;
}

void
server_stop(struct server *s)
{
	if (s == NULL)
		return;
	/*
	 * Each worker finishes the request it is handling, then stops.  No
	 * MHD_quiesce_daemon first: with a thread pool and epoll it marks every
	 * worker quiesced and takes the listen socket out of their epoll sets
	 * from this thread, while each worker, seeing the mark, removes it too;
	 * whichever loses gets ENOENT and libmicrohttpd aborts the process
	 * ("Failed to remove listen FD from epoll set", an open libmicrohttpd
	 * defect).  The tests hit it at shutdown.  Called right before
	 * MHD_stop_daemon, quiescing gained nothing.
	 */
	/*
	 * libmicrohttpd must not be stopped with a connection suspended: let
	 * the workers finish what they have (a request arriving meanwhile runs
	 * on its network thread), then stop the daemon, then the workers.
	 */
	pthread_mutex_lock(&s->wq_mu);
	s->wq_closed = true;
	while (s->wq_inflight > 0)
		pthread_cond_wait(&s->wq_drained, &s->wq_mu);
	pthread_mutex_unlock(&s->wq_mu);
	MHD_stop_daemon(s->d);
	workers_stop(s);
	server_free(s);
}
