#ifndef LOUDONG_HTTP_SERVER_H
#define LOUDONG_HTTP_SERVER_H

#include <stddef.h>
#include <stdint.h>

#include "http/router.h"

struct config;
struct keyring;
struct store_pool;
struct req;

/*
 * The HTTP server: libmicrohttpd's pool of network threads with epoll
 * (server_io_threads()), which answer reads themselves, and cfg->threads
 * workers for requests that change state.  Each thread serves one
 * request at a time with one database connection from the pool, so the
 * pool needs cfg->threads + server_io_threads(cfg) connections.
 */
struct server;

struct server_hooks {
	/*
	 * Render the HTML error page for a failed R_WEB route: rq->err,
	 * rq->err_detail, rq->status are set.  If NULL, problem+json is used.
	 */
	void	(*web_error)(struct req *rq);
};

/*
 * Bind and start serving.  Returns NULL with a sentence in err on failure.
 * Everything passed is borrowed and must outlive the server.
 */
struct server	*server_start(const struct config *cfg, struct store_pool *pool,
		    const struct keyring *keys, const struct router *router,
		    const struct server_hooks *hooks, char *err, size_t errsz);

/* Network threads: [server] io_threads, or two per CPU when it is 0. */
int		 server_io_threads(const struct config *cfg);

/* The port actually bound (useful with port 0). */
uint16_t	 server_port(const struct server *s);

/* Stop accepting, finish requests in flight, release.  Accepts NULL. */
void		 server_stop(struct server *s);

#endif
