#ifndef LOUDONG_NET_SMTP_H
#define LOUDONG_NET_SMTP_H

/*
 * Sending one e-mail over SMTP with libcurl (the only user of curl.h is
 * net/).  Plain text, UTF-8, one recipient.  Used by the outbox worker, which
 * owns retries; this function makes exactly one attempt.
 */
#include <stddef.h>

struct smtp_cfg {
	const char	*url;		/* "smtp://host:port" or "smtps://host:port" */
	const char	*from;		/* envelope and header From: address */
	const char	*username;	/* NULL or "": no AUTH */
	const char	*password;	/* never logged */
	int		 timeout_ms;	/* whole transaction */
	int		 require_tls;	/* 1: STARTTLS required (CURLUSESSL_ALL); 0: opportunistic for smtp:// */
};

/*
 * Send a message.  Subject and body are UTF-8 (the Subject is RFC 2047
 * encoded when not ASCII; the body goes as text/plain; charset=utf-8 with
 * 8bit or base64 transfer encoding, lines CRLF, dot-stuffing left to curl).
 * Header injection is impossible: to, from and subject with CR or LF are
 * refused.  Returns 0, or -1 with one sentence in err (no secrets in it).
 */
int	smtp_send(const struct smtp_cfg *cfg, const char *to, const char *subject,
	    const char *body, char *err, size_t errsz)
	    __attribute__((warn_unused_result));

/* Call once at start-up (curl_global_init) and at exit. */
int	net_init(void);
void	net_cleanup(void);

#endif
