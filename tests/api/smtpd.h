#ifndef LOUDONG_TESTS_SMTPD_H
#define LOUDONG_TESTS_SMTPD_H

/*
 * A real SMTP server on loopback for the API tests: Debian's
 * python3-aiosmtpd, writing every message it receives into a Maildir that
 * the test then reads.  Only 127.0.0.1 is ever used.
 */
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define SMTPD_PYTHON	"/usr/bin/python3"	/* Debian's, which has aiosmtpd */

struct smtpd {
	pid_t	pid;		/* the server, 0 when stopped */
	int	port;		/* its port */
	char	maildir[160];	/* where it writes */
	char	url[64];	/* smtp://127.0.0.1:port, for LOUDONG_MAIL_SMTP_URL */
	char	env[96];	/* "LOUDONG_MAIL_SMTP_URL=<url>" */
};

/* Whether the server can run here (prints why not). */
bool	smtpd_available(void);
/* Pick a free port and a Maildir beside dir ("<dir>-maildir"). */
void	smtpd_init(struct smtpd *m, const char *dir);
/* Start it and wait until it listens. */
void	smtpd_start(struct smtpd *m);
void	smtpd_stop(struct smtpd *m);
/* Stop it and remove the Maildir. */
void	smtpd_cleanup(struct smtpd *m);

/* The body of a base64 text/plain message, decoded. */
void	smtpd_body(const char *msg, char *out, size_t outsz);

/*
 * Wait up to seconds for a message to `to` (NULL: anyone) whose decoded
 * body contains needle ("" for any); the raw message into msg and the body
 * into body.
 */
bool	smtpd_wait(const struct smtpd *m, int seconds, const char *to, const char *needle,
	    char *msg, size_t msgsz, char *body, size_t bodysz);

/* How many messages so far went to `to` (NULL: anyone) with needle in the body. */
int	smtpd_count(const struct smtpd *m, const char *to, const char *needle);

#endif
