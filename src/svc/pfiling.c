/*
 * 备案, platform side: svc/pfiling.h.
 */
#include "core/config.h"
#include "svc/pfiling.h"

enum app_err
svc_pfiling_payload(const struct svc_ctx *c, const struct outbox_row *m,
    struct fed_payload *out)
{
	(void)c;
	(void)m;
	(void)out;
	return APP_NOTFOUND;
}

enum app_err
svc_pfiling_delivered(const struct svc_ctx *c, const struct outbox_row *m,
    const struct fed_result *r)
{
	(void)c;
	(void)m;
	(void)r;
	return APP_OK;
}

enum app_err
svc_pfiling_tick(const struct svc_ctx *c)
{
	(void)c;
	return APP_OK;
}
