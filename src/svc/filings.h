#ifndef LOUDONG_SVC_FILINGS_H
#define LOUDONG_SVC_FILINGS_H

/*
 * 备案, registry side (issue 8; 《漏洞收集平台备案管理办法》 第四条-第七条;
 * R16, R24, R41): receiving applications from platforms over federation,
 * review with its clocks, 补正, approval with a 备案编号, the notices to
 * 公安部 and 网信办, the public list, changes and deregistrations.
 * The wire protocol is docs/FILING.md.
 */
#include "store/store.h"
#include "svc/submissions.h"
#include "svc/svc.h"

/* The outbox's notice deliveries (ref "filing_notice:<id>"): svc_outbox_payload's. */
enum app_err	svc_filing_notice_payload(const struct svc_ctx *c, const struct outbox_row *m,
		    struct fed_payload *out);
enum app_err	svc_filing_notice_delivered(const struct svc_ctx *c,
		    const struct outbox_row *m, const struct fed_result *r);

/*
 * The scheduler's turn (app/sched.c, every [deadlines] scheduler_interval;
 * registry role only, else nothing): deregistrations whose end date has
 * come take effect.
 */
enum app_err	svc_filings_tick(const struct svc_ctx *c);

#endif
