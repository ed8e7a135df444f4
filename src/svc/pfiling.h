#ifndef LOUDONG_SVC_PFILING_H
#define LOUDONG_SVC_PFILING_H

/*
 * 备案, platform side (issue 8; 办法 第四条-第八条; R16, R20-R23, R25, R41):
 * the platform's own dossier, its submission, 补正 answers, changes and
 * deregistration to [federation] registry_url through the outbox (or an
 * export for manual submission), the status read back, the go-live gate
 * of public intake and the 备案编号 every page shows.
 * The wire protocol is docs/FILING.md.
 */
#include "store/store.h"
#include "svc/submissions.h"
#include "svc/svc.h"

/* The outbox's deliveries to the registry (ref "pfiling:<id>"): svc_outbox_payload's. */
enum app_err	svc_pfiling_payload(const struct svc_ctx *c, const struct outbox_row *m,
		    struct fed_payload *out);
enum app_err	svc_pfiling_delivered(const struct svc_ctx *c, const struct outbox_row *m,
		    const struct fed_result *r);

/*
 * The scheduler's turn (app/sched.c; platform role only, else nothing):
 * a deregistration whose end date has come takes effect.
 */
enum app_err	svc_pfiling_tick(const struct svc_ctx *c);

#endif
