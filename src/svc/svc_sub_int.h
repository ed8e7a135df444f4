#ifndef LOUDONG_SVC_SVC_SUB_INT_H
#define LOUDONG_SVC_SVC_SUB_INT_H

/*
 * Inside svc/ only: what the provider's side (submissions.c) and the
 * registry's side (library.c) of the 报送 share.
 */
#include "svc/submissions.h"

/* Seal a record for the row named by ad; open it again (APP_INTERNAL if altered). */
void		sub_seal(const struct svc_ctx *c, const sub_values v, const char *ad,
		    struct sealed *out);
enum app_err	sub_open(const struct svc_ctx *c, const struct sealed *s, const char *ad,
		    sub_values *v);
/* A reason: non-empty, bounded UTF-8; else a fault on field. */
bool		sub_reason_ok(const char *s, const char *field, struct fault *f);

/* library.c: the payload and the outcome of a forward (outbox ref "forward:<id>"). */
enum app_err	sub_forward_payload(const struct svc_ctx *c, const struct outbox_row *m,
		    struct fed_payload *out);
enum app_err	sub_forward_delivered(const struct svc_ctx *c, const struct outbox_row *m,
		    const struct fed_result *r);

#endif
