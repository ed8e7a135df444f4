/*
 * 备案, registry side: svc/filings.h.
 */
#include "core/config.h"
#include "svc/filings.h"

enum app_err
svc_filing_notice_payload(const struct svc_ctx *c, const struct outbox_row *m,
    struct fed_payload *out)
{
	(void)c;
	(void)m;
	(void)out;
	return APP_NOTFOUND;
}

enum app_err
svc_filing_notice_delivered(const struct svc_ctx *c, const struct outbox_row *m,
    const struct fed_result *r)
{
	(void)c;
	(void)m;
	(void)r;
	return APP_OK;
}

enum app_err
svc_filings_tick(const struct svc_ctx *c)
{
	(void)c;
	return APP_OK;
}
