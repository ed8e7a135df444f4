#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "core/log.h"

enum log_level	log_threshold = LOG_INFO;

static const char *const level_names[LOG__MAX] = {
	"err",		/* LOG_ERR */
	"warn",		/* LOG_WARN */
	"info",		/* LOG_INFO */
	"debug",	/* LOG_DEBUG */
};

int
log_level_parse(const char *s)
{
	int	i;

	for (i = 0; i < LOG__MAX; i++)
		if (strcmp(s, level_names[i]) == 0)
			return i;
	return -1;
}

const char *
log_level_name(enum log_level lvl)
{
	return (unsigned)lvl < LOG__MAX ? level_names[lvl] : "?";
}

void
log_write(enum log_level lvl, int with_errno, const char *fmt, ...)
{
	char		 line[2048], ts[32];
	struct timeval	 tv;
	struct tm	 tm;
	va_list		 ap;
	int		 saved = errno, n;
	size_t		 len;

	gettimeofday(&tv, NULL);
	gmtime_r(&tv.tv_sec, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%S", &tm);
	n = snprintf(line, sizeof(line), "ts=%s.%03ldZ level=%s ", ts,
	    (long)(tv.tv_usec / 1000), level_names[lvl]);
	len = n > 0 ? (size_t)n : 0;
	va_start(ap, fmt);
	n = vsnprintf(line + len, sizeof(line) - len, fmt, ap);
	va_end(ap);
	len = n > 0 ? len + (size_t)n : len;
	if (len >= sizeof(line))
		len = sizeof(line) - 1;
	if (with_errno && len < sizeof(line) - 1) {
		n = snprintf(line + len, sizeof(line) - len, " error=\"%s\"",
		    strerror(saved));
		len = n > 0 ? len + (size_t)n : len;
		if (len >= sizeof(line))
			len = sizeof(line) - 1;
	}
	/* One fputs of the whole line keeps concurrent lines from interleaving. */
	line[len] = '\0';
	flockfile(stderr);
	fputs(line, stderr);
	fputc('\n', stderr);
	funlockfile(stderr);
	errno = saved;
}

char *
log_quote(char *buf, size_t size, const char *p, size_t n)
{
	static const char	 hex[] = "0123456789abcdef";
	size_t			 o = 0, i;
	unsigned char		 c;

	if (size < 8) {
		if (size > 0)
			buf[0] = '\0';
		return buf;
	}
	buf[o++] = '"';
	for (i = 0; i < n; i++) {
		c = (unsigned char)p[i];
		if (o + 8 >= size) {
			buf[o++] = '.';
			buf[o++] = '.';
			buf[o++] = '.';
			break;
		}
		if (c == '"' || c == '\\') {
			buf[o++] = '\\';
			buf[o++] = (char)c;
		} else if (c == '\n') {
			buf[o++] = '\\';
			buf[o++] = 'n';
		} else if (c < 0x20 || c == 0x7f) {
			buf[o++] = '\\';
			buf[o++] = 'x';
			buf[o++] = hex[c >> 4];
			buf[o++] = hex[c & 15];
		} else
			buf[o++] = (char)c;
	}
	buf[o++] = '"';
	buf[o] = '\0';
	return buf;
}
