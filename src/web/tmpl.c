#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/arena.h"
#include "web/tmpl.h"

void
tmpl_textn(struct req *rq, const char *s, size_t n)
{
	if (s != NULL)
		sbuf_add_html(&rq->out, s, n);
}

void
tmpl_text(struct req *rq, const char *s)
{
	if (s != NULL)
		sbuf_add_html(&rq->out, s, strlen(s));
}

void
tmpl_textf(struct req *rq, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = arena_vprintf(rq->arena, fmt, ap);
	va_end(ap);
	tmpl_text(rq, s);
}

void
tmpl_msg(struct req *rq, enum msg_id id)
{
	tmpl_text(rq, msg(rq->lang, id));
}

void
tmpl_i64(struct req *rq, int64_t v)
{
	sbuf_addf(&rq->out, "%lld", (long long)v);
}

void
tmpl_time(struct req *rq, int64_t t)
{
	struct tm	tm;
	time_t		tt = (time_t)(t + 8 * 3600);	/* Asia/Shanghai has no DST */
	char		buf[32];

	if (gmtime_r(&tt, &tm) == NULL) {
		tmpl_raw(rq, "-");	/* literal */
		return;
	}
	strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M", &tm);
	tmpl_text(rq, buf);
}

void
tmpl_raw(struct req *rq, const char *literal)
{
	sbuf_addstr(&rq->out, literal);
}

void
tmpl_attr(struct req *rq, const char *name, const char *value)
{
	sbuf_addf(&rq->out, " %s=\"", name);
	tmpl_text(rq, value ? value : "");
	sbuf_addch(&rq->out, '"');
}

void
tmpl_href(struct req *rq, const char *url)
{
	const char	*p;
	bool		 ok;

	ok = url != NULL && ((url[0] == '/' && url[1] != '/' && url[1] != '\\') ||
	    strncasecmp(url, "https://", 8) == 0 ||
	    strncasecmp(url, "http://", 7) == 0);
	/*
	 * Browsers drop tabs and newlines from URLs and read '\' as '/', so
	 * "/\t/evil.example" would become "//evil.example": refuse them all.
	 */
	for (p = url; ok && *p != '\0'; p++)
		if ((unsigned char)*p <= 0x20 || *p == 0x7f || *p == '\\')
			ok = false;
	tmpl_attr(rq, "href", ok ? url : "#");
}

void
tmpl_csrf(struct req *rq)
{
	tmpl_raw(rq, "<input type=\"hidden\" name=\"csrf\"");	/* literal */
	tmpl_attr(rq, "value", rq->csrf ? rq->csrf : "");
	tmpl_raw(rq, ">");	/* literal */
}
