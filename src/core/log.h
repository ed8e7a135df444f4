#ifndef LOUDONG_CORE_LOG_H
#define LOUDONG_CORE_LOG_H

#include <stddef.h>

/*
 * One line per event on stderr: "ts=... level=... " followed by the
 * caller's key=value pairs.  The level is tested before the arguments are
 * evaluated (Redis serverLog).  Quote every user-controlled value with
 * log_quote().  Never log passwords, tokens, cookies or bodies.
 * The helpers save and restore errno.
 */
enum log_level {
	LOG_ERR,
	LOG_WARN,
	LOG_INFO,
	LOG_DEBUG,
	LOG__MAX
};

extern enum log_level	log_threshold;	/* set once at start-up, read-only after */

/* "err", "warn", "info", "debug"; -1 if unknown. */
int		 log_level_parse(const char *s);
const char	*log_level_name(enum log_level lvl);

void	log_write(enum log_level lvl, int with_errno, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

#define log_at(lvl, werr, ...) do {					\
	if ((lvl) <= log_threshold)					\
		log_write((lvl), (werr), __VA_ARGS__);			\
} while (0)

#define log_err(...)	log_at(LOG_ERR, 0, __VA_ARGS__)
#define log_warn(...)	log_at(LOG_WARN, 1, __VA_ARGS__)	/* appends strerror(errno) */
#define log_warnx(...)	log_at(LOG_WARN, 0, __VA_ARGS__)
#define log_info(...)	log_at(LOG_INFO, 0, __VA_ARGS__)
#define log_debug(...)	log_at(LOG_DEBUG, 0, __VA_ARGS__)

/*
 * Write p[0..n) into buf as a double-quoted value with '"', '\\' and
 * control bytes escaped (\n, \xHH), truncated with "..." to fit size.
 * Returns buf.
 */
char	*log_quote(char *buf, size_t size, const char *p, size_t n);

#define LOG_QUOTE_MAX	256

#endif
