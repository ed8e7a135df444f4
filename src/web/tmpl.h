#ifndef LOUDONG_WEB_TMPL_H
#define LOUDONG_WEB_TMPL_H

/*
 * The render layer: the only place HTML is produced.  Every function that
 * takes a value escapes it; tmpl_raw() is the one exception, for literals
 * written in this code base (each call says why).  Output goes to rq->out.
 */
#include <stdint.h>

#include "http/req.h"

/* Escaped text. */
void	tmpl_text(struct req *rq, const char *s);
void	tmpl_textn(struct req *rq, const char *s, size_t n);
/* printf, then escaped as a whole (the format is ours, values are not). */
void	tmpl_textf(struct req *rq, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* A catalog message, escaped. */
void	tmpl_msg(struct req *rq, enum msg_id id);
/* A number. */
void	tmpl_i64(struct req *rq, int64_t v);
/* A unix time as "YYYY-MM-DD HH:MM" in Asia/Shanghai (UTC+8). */
void	tmpl_time(struct req *rq, int64_t t);

/*
 * Trusted markup written in our own source: tag skeletons, never data.
 * grep 'tmpl_raw(' finds every use.
 */
void	tmpl_raw(struct req *rq, const char *literal);

/* An attribute: ` name="escaped value"`. */
void	tmpl_attr(struct req *rq, const char *name, const char *value);

/*
 * An href/src attribute.  Only relative paths ("/...") and http(s) URLs
 * pass; anything else (javascript:, data:) becomes "#".
 */
void	tmpl_href(struct req *rq, const char *url);

/* The hidden CSRF field every state-changing form carries. */
void	tmpl_csrf(struct req *rq);

#endif
