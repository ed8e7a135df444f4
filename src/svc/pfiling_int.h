#ifndef LOUDONG_SVC_PFILING_INT_H
#define LOUDONG_SVC_PFILING_INT_H

/*
 * Inside svc/ only: what the two rooms of the platform's 备案 share.
 * pfiling.c keeps the dossier (its copies, edits, documents, the view,
 * submissions, the gate and the process's copy); pfiling_wire.c is the
 * registry's side of the conversation (its answers parsed and applied,
 * the status read back, the outbox's deliveries).
 */
#include "domain/filing.h"
#include "store/store.h"
#include "svc/pfiling.h"
#include "svc/seal.h"

/* The values of a copy: one per field of the field set in its order, then extras. */
struct dossier {
	struct filing_value	*v;
	size_t			 n;
};

#define SUBJECT		"platform-filing"	/* audit subject, R25 clock subject */
#define AD_WORK		"pfiling:work"		/* what each sealed copy is bound to */
#define AD_SENT		"pfiling:sent"
#define AD_FILED	"pfiling:filed"
#define ANSWER_MAX	(256u * 1024)		/* bytes of a registry answer parsed */
#define KIND_MAX	32			/* bytes of a problem word from the registry */

/* The instance, the actor, refusals and the audit (pfiling.c) */
bool		pf_platform(const struct svc_ctx *c);
enum app_err	pf_admit(const struct svc_ctx *c, struct fault *f);
enum app_err	pf_refuse(struct fault *f, enum app_err er, const char *field,
		    enum msg_id m, const char *rule);
enum app_err	pf_wrong_state(const struct svc_ctx *c, const struct pfiling_row *r,
		    struct fault *f);
int64_t		pf_actor_id(const struct svc_ctx *c);
enum app_err	pf_audit(const struct svc_ctx *c, const char *action, const char *detail);
const char	*pf_today(const struct svc_ctx *c);
bool		pf_note_ok(const char *note, struct fault *f);

/* What the registry sends: its ids and numbers (pfiling.c) */
bool		pf_app_id_ok(const char *s);
bool		pf_number_ok(const char *s);
int		pf_kind_of(const char *s);
bool		pf_under_way(const struct pfiling_row *r);

/* The row and its sealed copies (pfiling.c) */
enum app_err	pf_row_load(const struct svc_ctx *c, struct pfiling_row *r,
		    struct pfiling_seals *s, bool *exists);
enum app_err	pf_row_save(const struct svc_ctx *c, struct pfiling_row *r,
		    const struct pfiling_seals *s);
enum app_err	pf_copy_open(const struct svc_ctx *c, const struct sealed *s,
		    const char *ad, const struct filing_fieldset *fs,
		    struct dossier *d);
enum app_err	pf_copy_move(const struct svc_ctx *c, const struct sealed *from,
		    const char *from_ad, const char *to_ad,
		    const struct filing_fieldset *fs, struct sealed *out);
enum app_err	pf_committed(const struct svc_ctx *c, const struct pfiling_row *r);
void		pf_shown_set(const struct pfiling_row *r);

/* The document of a delivery or an export (pfiling.c) */
const char	*pf_document_json(const struct svc_ctx *c, enum filing_app_kind kind,
		    const struct dossier *d, const struct pfiling_row *r,
		    const char *note, size_t *len);

/* Change tasks (pfiling.c) */
enum app_err	pf_tasks_sync(const struct svc_ctx *c, const char *diff,
		    const char *change_date);
enum app_err	pf_tasks_move(const struct svc_ctx *c, const char *from,
		    const char *to, const char *app_id, bool meet);
enum app_err	pf_tasks_earliest(const struct svc_ctx *c, const char *st,
		    const char **date);

/* The registry's answers (pfiling_wire.c) */
enum app_err	pf_note_event(const struct svc_ctx *c, const struct pfiling_row *r,
		    const char *event, const char *note);
bool		pf_reached(const struct svc_ctx *c, const char *date);

#endif
