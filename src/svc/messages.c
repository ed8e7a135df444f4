#include <string.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/log.h"
#include "core/str.h"
#include "core/utf8.h"
#include "crypto/crypto.h"
#include "domain/authz.h"
#include "media/sniff.h"
#include "svc/cases.h"
#include "svc/deadlines.h"
#include "svc/intake.h"
#include "svc/messages.h"
#include "svc/seal.h"

/* What a new message is, besides what was typed. */
struct target {
	const char	*case_id;	/* NULL: the report's */
	const char	*report_id;	/* NULL: the case's */
	const char	*kind;		/* message, reply, retest_* */
	const char	*visibility;	/* internal, participants, reporter, vendor */
	int64_t		 vendor_org_id;	/* visibility vendor */
	const char	*vendor_org_slug;
	bool		 inbound;	/* from a vendor or a reporter: a leaf */
};

static bool
is_staff(const struct user *u)
{
	return u != NULL && authz_allows(u->role, PERM_CASES_MANAGE);
}

/* Nothing but ASCII white space (str_trim keeps tabs and newlines). */
static bool
blank(const char *s)
{
	if (s == NULL)
		return true;
	return s[strspn(s, " \t\r\n\v\f")] == '\0';
}

static enum app_err
no_case(struct fault *f)
{
	return fault_set(f, APP_NOTFOUND, "id", MSG_ERR_NO_SUCH_CASE, 0);
}

/* The body: Markdown, UTF-8, not blank, bounded. */
static enum app_err
check_body(const char *body, struct fault *f)
{
	size_t	n;

	if (blank(body))
		return fault_set(f, APP_INVALID, "body", MSG_ERR_MESSAGE_BLANK, 0);
	n = strlen(body);
	if (n > MESSAGE_BODY_MAX)
		return fault_set(f, APP_INVALID, "body", MSG_ERR_MESSAGE_TOO_LONG,
		    MESSAGE_BODY_MAX);
	if (!utf8_valid(body, n))
		return fault_set(f, APP_INVALID, "body", MSG_ERR_FIELD_ENCODING, 0);
	return APP_OK;
}

/* The attachments, against the limits of a report's. */
static enum app_err
check_files(const struct svc_ctx *c, const struct message_in *in, struct fault *f)
{
	size_t	total = 0;
	int	i;

	if (in->nfiles < 0 || in->nfiles > c->cfg->attachments_max)
		return fault_set(f, APP_INVALID, "files", MSG_ERR_ATTACH_COUNT,
		    c->cfg->attachments_max);
	for (i = 0; i < in->nfiles; i++) {
		if (report_filename_check(str_from(in->files[i].filename)) != MSG_OK)
			return fault_set(f, APP_INVALID, "files", MSG_ERR_REPORT_FILENAME, 0);
		if (in->files[i].size > (size_t)c->cfg->attachment_max_bytes)
			return fault_set(f, APP_TOOBIG, "files", MSG_ERR_ATTACH_SIZE,
			    c->cfg->attachment_max_bytes);
		total += in->files[i].size;
	}
	if (total > (size_t)c->cfg->attachments_total_max_bytes)
		return fault_set(f, APP_TOOBIG, "files", MSG_ERR_ATTACH_TOTAL,
		    c->cfg->attachments_total_max_bytes);
	return APP_OK;
}

/* What the reporter themselves may name: nothing, or "reporter". */
static enum app_err
check_reporter_visibility(const struct message_in *in, struct fault *f)
{
	if (in->visibility == NULL || in->visibility[0] == '\0' ||
	    strcmp(in->visibility, "reporter") == 0)
		return APP_OK;
	fault_set(f, APP_FORBIDDEN, "visibility", MSG_ERR_MESSAGE_VISIBILITY_REPORTER, 0);
	f->rule = "R42";
	return APP_FORBIDDEN;
}

/* The channel of the leaf: "api" unless the web says so. */
static const char *
channel(const struct message_in *in)
{
	return in->channel != NULL && strcmp(in->channel, "web") == 0 ? "web" : "api";
}

/* A message body's seal is bound to its owner (case or report) and its row. */
static const char *
body_ad(const struct svc_ctx *c, const char *owner, int64_t id)
{
	return arena_printf(c->a, "%s/message/%lld", owner, (long long)id);
}

/* An attachment's, to its message and its own content. */
static const char *
attachment_ad(const struct svc_ctx *c, const char *owner, int64_t id, const char *sha256)
{
	return arena_printf(c->a, "%s/message/%lld/attachment/%s", owner, (long long)id,
	    sha256);
}

static const char *
owner_of(const struct message *m)
{
	return m->case_id[0] != '\0' ? m->case_id : m->report_id;
}

/*
 * Write the message, its attachments and (inbound) its receipt-log leaf,
 * inside the caller's transaction; *out is what was stored.
 */
static enum app_err
write_message(const struct svc_ctx *c, const struct target *t, const struct message_in *in,
    struct message *out)
{
	struct message_attachment	*ats = NULL;
	struct sealed			 sealed;
	const char			*owner = t->case_id != NULL ? t->case_id : t->report_id;
	const char			*body = in->body != NULL ? in->body : "";
	char				 hash[CRYPTO_HASH_HEX], mime[128];
	int64_t				 id = 0, leaf = -1;
	int				 i;
	enum app_err			 er;

	if ((er = store_message_next_id(c->st, &id)) != APP_OK)
		return er;
	/* The exact request as received, as for a report's payload_sha256. */
	if (in->payload != NULL)
		crypto_hash_hex(in->payload, in->payload_len, hash);
	else
		crypto_hash_hex(body, strlen(body), hash);
	if (t->inbound && (er = svc_log_append(c, arena_printf(c->a, "%s/M%lld", owner,
	    (long long)id), channel(in), hash, &leaf)) != APP_OK)
		return er;
	memset(out, 0, sizeof(*out));
	out->id = id;
	out->case_id = t->case_id != NULL ? t->case_id : "";
	out->report_id = t->report_id != NULL ? t->report_id : "";
	out->author_id = c->actor->id;
	out->author_login = c->actor->login;
	out->author_name = c->actor->display_name != NULL ? c->actor->display_name : "";
	out->author_org_id = c->actor->org_id;
	out->author_org_slug = c->actor->org_slug != NULL ? c->actor->org_slug : "";
	out->kind = t->kind;
	out->visibility = t->visibility;
	out->vendor_org_id = t->vendor_org_id;
	out->vendor_org_slug = t->vendor_org_slug != NULL ? t->vendor_org_slug : "";
	out->body = body;
	out->body_len = strlen(body);
	out->body_sha256 = arena_strdup(c->a, hash);
	out->leaf_index = leaf;
	out->created_at = c->now;
	svc_seal(c, body, out->body_len, body_ad(c, owner, id), &sealed);
	if ((er = store_message_insert(c->st, out, &sealed)) != APP_OK)
		return er;
	if (in->nfiles > 0)
		ats = arena_calloc(c->a, (size_t)in->nfiles, sizeof(*ats));
	for (i = 0; i < in->nfiles; i++) {
		const struct attachment_in	*fi = &in->files[i];

		sniff_mime(fi->data, fi->size, mime, sizeof(mime));
		crypto_hash_hex(fi->data, fi->size, hash);
		ats[i].message_id = id;
		ats[i].filename = fi->filename;
		ats[i].mime = arena_strdup(c->a, mime);
		ats[i].size = (int64_t)fi->size;
		ats[i].sha256 = arena_strdup(c->a, hash);
		svc_seal(c, fi->data, fi->size, attachment_ad(c, owner, id, ats[i].sha256),
		    &sealed);
		if ((er = store_message_attachment_insert(c->st, &ats[i], &sealed,
		    &ats[i].id)) != APP_OK)
			return er;
	}
	out->attachments = ats;
	out->nattachments = (size_t)in->nfiles;
	return APP_OK;
}

/* Open a stored message's body and list its attachments (into c->a). */
static enum app_err
open_message(const struct svc_ctx *c, struct message *m, const struct sealed *body,
    struct fault *f)
{
	unsigned char	*plain;
	size_t		 n;
	enum app_err	 er;

	if ((plain = svc_unseal(c, body, body_ad(c, owner_of(m), m->id), &n)) == NULL) {
		log_err("event=unseal_failed message=%lld", (long long)m->id);
		return fault_set(f, APP_INTERNAL, NULL, MSG_ERR_INTERNAL, 0);
	}
	m->body = (const char *)plain;
	m->body_len = n;
	if ((er = store_message_attachments(c->st, c->a, m->id, &m->attachments,
	    &m->nattachments)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	return APP_OK;
}

enum app_err
svc_message_access(const struct svc_ctx *c, const char *case_id,
    struct message_access *out, struct fault *f)
{
	struct case_vendor	 v;
	struct case_participant	 p;
	enum app_err		 er;

	memset(out, 0, sizeof(*out));
	if (c->actor == NULL)
		return fault_set(f, APP_UNAUTH, NULL, MSG_ERR_NEED_LOGIN, 0);
	if ((er = store_case_get(c->st, c->a, case_id != NULL ? case_id : "", &out->k)) ==
	    APP_NOTFOUND)
		return no_case(f);
	if (er != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	if (is_staff(c->actor)) {
		out->staff = true;
		return APP_OK;
	}
	if (c->actor->role == UROLE_VENDOR && c->actor->org_id != 0) {
		er = store_case_vendor_get(c->st, c->a, out->k.id, c->actor->org_id, &v);
		if (er == APP_OK) {
			out->vendor_org_id = v.org_id;
			out->vendor_org_slug = v.org_slug;
		} else if (er != APP_NOTFOUND)
			return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	}
	if ((er = store_case_has_reporter(c->st, out->k.id, c->actor->id,
	    &out->reporter)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	if (c->actor->role == UROLE_REGULATOR) {
		er = store_case_participant_get(c->st, c->a, out->k.id, c->actor->id, &p);
		if (er == APP_OK)
			out->observer = p.role == PROLE_OBSERVER;
		else if (er != APP_NOTFOUND)
			return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	}
	/* Need-to-know (Art. 11): no part in the case, no case. */
	if (out->vendor_org_id == 0 && !out->reporter && !out->observer)
		return no_case(f);
	return APP_OK;
}

/* May a reader with access acc see message m? */
static bool
visible(const struct message_access *acc, const struct message *m)
{
	if (acc->staff || strcmp(m->visibility, "participants") == 0)
		return true;
	if (acc->vendor_org_id != 0 && strcmp(m->visibility, "vendor") == 0 &&
	    m->vendor_org_id == acc->vendor_org_id)
		return true;
	return acc->reporter && strcmp(m->visibility, "reporter") == 0;
}

/*
 * The visibility of a new message: parsed, defaulted for the actor, and
 * allowed for their part in the case (inside the transaction).
 */
static enum app_err
choose_visibility(const struct svc_ctx *c, const struct message_access *acc,
    const char *text, struct target *t, struct fault *f)
{
	struct case_vendor	 v;
	struct org		 o;
	const char		*slug;
	enum app_err		 er;

	if (text == NULL || text[0] == '\0')
		text = acc->staff ? "internal" : acc->vendor_org_id != 0 ?
		    arena_printf(c->a, "vendor:%s", acc->vendor_org_slug) : "reporter";
	if (strcmp(text, "internal") == 0 || strcmp(text, "participants") == 0 ||
	    strcmp(text, "reporter") == 0) {
		t->visibility = text;
	} else if (strncmp(text, "vendor:", 7) == 0 && text[7] != '\0') {
		slug = text + 7;
		/* Refused before any lookup: which vendors a case has is not theirs to probe. */
		if (!acc->staff && (acc->vendor_org_id == 0 ||
		    strcmp(slug, acc->vendor_org_slug) != 0))
			goto denied;
		if ((er = store_org_by_slug(c->st, c->a, slug, &o)) == APP_OK)
			er = store_case_vendor_get(c->st, c->a, acc->k.id, o.id, &v);
		if (er == APP_NOTFOUND)
			return fault_set(f, APP_INVALID, "visibility",
			    MSG_ERR_NO_SUCH_ORG_IN_CASE, 0);
		if (er != APP_OK)
			return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
		t->visibility = "vendor";
		t->vendor_org_id = o.id;
		t->vendor_org_slug = o.slug;
	} else
		return fault_set(f, APP_INVALID, "visibility", MSG_ERR_MESSAGE_VISIBILITY, 0);

	if (acc->staff)
		return APP_OK;
	/* A vendor speaks to everyone, or to the coordinators about its own part. */
	if (acc->vendor_org_id != 0 && (strcmp(t->visibility, "participants") == 0 ||
	    t->vendor_org_id == acc->vendor_org_id))
		return APP_OK;
	/* A reporter speaks to the coordinators. */
	if (acc->reporter && strcmp(t->visibility, "reporter") == 0)
		return APP_OK;
denied:
	if (acc->vendor_org_id != 0) {
		fault_set(f, APP_FORBIDDEN, "visibility", MSG_ERR_MESSAGE_VISIBILITY_VENDOR, 0);
		f->sarg = acc->vendor_org_slug;
	} else if (acc->reporter)
		fault_set(f, APP_FORBIDDEN, "visibility", MSG_ERR_MESSAGE_VISIBILITY_REPORTER, 0);
	else	/* an observer reads the conversation and says nothing in it */
		fault_set(f, APP_FORBIDDEN, NULL, MSG_ERR_MESSAGE_DENIED, 0);
	f->rule = "R42";
	return APP_FORBIDDEN;
}

enum app_err
svc_message_post(const struct svc_ctx *c, const char *case_id, const struct message_in *in,
    struct message *out, struct fault *f)
{
	struct message_access	 acc;
	struct target		 t;
	enum app_err		 er;

	memset(out, 0, sizeof(*out));
	if (c->actor == NULL)
		return fault_set(f, APP_UNAUTH, NULL, MSG_ERR_NEED_LOGIN, 0);
	if ((er = check_body(in->body, f)) != APP_OK || (er = check_files(c, in, f)) != APP_OK)
		return er;
	if ((er = store_begin(c->st)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	if (svc_message_access(c, case_id, &acc, f) != APP_OK)
		goto fail;
	memset(&t, 0, sizeof(t));
	t.case_id = acc.k.id;
	t.kind = "message";
	if (choose_visibility(c, &acc, in->visibility, &t, f) != APP_OK)
		goto fail;
	/* What a vendor or a reporter says is received like a report (R2). */
	t.inbound = !acc.staff;
	if ((er = write_message(c, &t, in, out)) != APP_OK ||
	    (er = svc_case_record(c, acc.k.id, "message", "", "", arena_printf(c->a,
	    "id=%lld visibility=%s%s%s", (long long)out->id, t.visibility,
	    t.vendor_org_slug != NULL ? ":" : "",
	    t.vendor_org_slug != NULL ? t.vendor_org_slug : ""), "", "case.message",
	    arena_printf(c->a, "id=%lld visibility=%s files=%d leaf=%lld", (long long)out->id,
	    t.visibility, in->nfiles, (long long)out->leaf_index))) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK) {
		fault_set(f, er, NULL, MSG_ERR_STORE, 0);
		goto fail;
	}
	return APP_OK;
fail:
	store_rollback(c->st);
	memset(out, 0, sizeof(*out));
	return f->er;
}

/* Staff and vendor reads of message bodies leave a trace (Art. 11, R18). */
static enum app_err
audit_read(const struct svc_ctx *c, const struct message_access *acc, const char *detail)
{
	if (!acc->staff && acc->vendor_org_id == 0 && !acc->observer)
		return APP_OK;
	return store_audit_add(c->st, c->actor->id, "case.messages.read",
	    arena_printf(c->a, "case:%s", acc->k.id), detail, c->addr, c->now);
}

enum app_err
svc_message_list(const struct svc_ctx *c, const char *case_id, struct message **out,
    size_t *n, struct fault *f)
{
	struct message_access	 acc;
	struct message		*all;
	struct sealed		*bodies;
	size_t			 nall, i;
	enum app_err		 er;

	*out = NULL;
	*n = 0;
	if ((er = svc_message_access(c, case_id, &acc, f)) != APP_OK)
		return er;
	if ((er = store_messages_of_case(c->st, c->a, acc.k.id, &all, &bodies, &nall)) !=
	    APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	if ((er = audit_read(c, &acc, arena_printf(c->a, "messages=%zu", nall))) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	/* Filter in place: out keeps the visible ones, oldest first. */
	for (i = 0; i < nall; i++) {
		if (!visible(&acc, &all[i]))
			continue;
		if ((er = open_message(c, &all[i], &bodies[i], f)) != APP_OK)
			return er;
		all[(*n)++] = all[i];
	}
	*out = all;
	return APP_OK;
}

enum app_err
svc_message_attachment_read(const struct svc_ctx *c, const char *case_id,
    int64_t message_id, int64_t id, struct message_attachment *at,
    const unsigned char **data, size_t *len, struct fault *f)
{
	struct message_access	 acc;
	struct message		 m;
	struct sealed		 body, content;
	enum app_err		 er;

	if ((er = svc_message_access(c, case_id, &acc, f)) != APP_OK)
		return er;
	er = store_message_get(c->st, c->a, message_id, &m, &body);
	if (er == APP_NOTFOUND || (er == APP_OK && (strcmp(m.case_id, acc.k.id) != 0 ||
	    !visible(&acc, &m))))
		return fault_set(f, APP_NOTFOUND, "mid", MSG_ERR_NO_SUCH_MESSAGE, 0);
	if (er != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	if ((er = store_message_attachment_get(c->st, c->a, m.id, id, at, &content)) ==
	    APP_NOTFOUND)
		return fault_set(f, er, "aid", MSG_ERR_NO_SUCH_MESSAGE, 0);
	if (er != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	if ((er = audit_read(c, &acc, arena_printf(c->a, "message=%lld attachment=%lld",
	    (long long)m.id, (long long)id))) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	if ((*data = svc_unseal(c, &content, attachment_ad(c, m.case_id, m.id, at->sha256),
	    len)) == NULL) {
		log_err("event=unseal_failed message=%lld attachment=%lld", (long long)m.id,
		    (long long)id);
		return fault_set(f, APP_INTERNAL, NULL, MSG_ERR_INTERNAL, 0);
	}
	return APP_OK;
}

enum app_err
svc_report_reply(const struct svc_ctx *c, const char *report_id,
    const struct message_in *in, struct message *out, struct fault *f)
{
	struct report	 r;
	struct sealed	 sd;
	struct target	 t;
	enum app_err	 er;

	memset(out, 0, sizeof(*out));
	if (c->actor == NULL)
		return fault_set(f, APP_UNAUTH, NULL, MSG_ERR_NEED_LOGIN, 0);
	if ((er = check_body(in->body, f)) != APP_OK || (er = check_files(c, in, f)) != APP_OK ||
	    (er = check_reporter_visibility(in, f)) != APP_OK)
		return er;
	if ((er = store_begin(c->st)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	/* Read and answer under the write lock: one answer puts it back once. */
	er = store_report_get(c->st, c->a, report_id != NULL ? report_id : "", &r, &sd);
	if (er == APP_NOTFOUND || (er == APP_OK && r.reporter_id != c->actor->id)) {
		fault_set(f, APP_NOTFOUND, "id", MSG_ERR_NO_SUCH_REPORT, 0);
		goto fail;
	}
	if (er != APP_OK) {
		fault_set(f, er, NULL, MSG_ERR_STORE, 0);
		goto fail;
	}
	if (r.status != RSTATUS_NEEDS_INFO) {
		fault_set(f, APP_CONFLICT, "status", MSG_ERR_REPLY_NOT_WAITING, 0);
		f->sarg = report_status_name(r.status);
		f->rule = "R34";
		goto fail;
	}
	memset(&t, 0, sizeof(t));
	t.report_id = r.id;
	t.kind = "reply";
	t.visibility = "reporter";
	t.inbound = true;
	if ((er = write_message(c, &t, in, out)) != APP_OK ||
	    (er = store_report_set_status(c->st, r.id, RSTATUS_TRIAGE)) != APP_OK ||
	    (er = svc_clock_resume(c, DL_ACK, arena_printf(c->a, "report:%s", r.id))) !=
	    APP_OK ||
	    (er = store_audit_add(c->st, c->actor->id, "report.reply",
	    arena_printf(c->a, "report:%s", r.id), arena_printf(c->a,
	    "message=%lld files=%d leaf=%lld status=needs_info->triage", (long long)out->id,
	    in->nfiles, (long long)out->leaf_index), c->addr, c->now)) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK) {
		fault_set(f, er, NULL, MSG_ERR_STORE, 0);
		goto fail;
	}
	return APP_OK;
fail:
	store_rollback(c->st);
	memset(out, 0, sizeof(*out));
	return f->er;
}

/* Is there a fix to retest in state s of a case of kind k? */
static bool
retestable(enum case_kind k, enum case_state s)
{
	return s == CSTATE_FIX_AVAILABLE || s == CSTATE_TRACKING || s == CSTATE_CLOSED ||
	    (k == CKIND_INCIDENT && s == CSTATE_FIXED);
}

enum app_err
svc_case_retest(const struct svc_ctx *c, const char *case_id, const char *outcome,
    const struct message_in *in, struct message *out, struct fault *f)
{
	struct message_access	 acc;
	struct target		 t;
	struct message_in	 body = *in;
	bool			 confirmed;
	enum app_err		 er;

	memset(out, 0, sizeof(*out));
	if (c->actor == NULL)
		return fault_set(f, APP_UNAUTH, NULL, MSG_ERR_NEED_LOGIN, 0);
	if (outcome == NULL || (strcmp(outcome, "confirmed") != 0 &&
	    strcmp(outcome, "disputed") != 0))
		return fault_set(f, APP_INVALID, "outcome", MSG_ERR_RETEST_OUTCOME, 0);
	confirmed = strcmp(outcome, "confirmed") == 0;
	/* The body is optional here; when given it is a message like any other. */
	if (body.body != NULL && body.body[0] == '\0')
		body.body = NULL;
	if ((body.body != NULL && (er = check_body(body.body, f)) != APP_OK) ||
	    (er = check_files(c, &body, f)) != APP_OK ||
	    (er = check_reporter_visibility(&body, f)) != APP_OK)
		return er;
	if ((er = store_begin(c->st)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	if (svc_message_access(c, case_id, &acc, f) != APP_OK)
		goto fail;
	if (!acc.reporter) {
		fault_set(f, APP_FORBIDDEN, NULL, MSG_ERR_RETEST_DENIED, 0);
		f->rule = "R34";
		goto fail;
	}
	if (!retestable(acc.k.kind, acc.k.state)) {
		fault_set(f, APP_CONFLICT, "state", MSG_ERR_RETEST_STATE, 0);
		f->sarg = case_state_name(acc.k.state);
		f->rule = "R34";
		goto fail;
	}
	memset(&t, 0, sizeof(t));
	t.case_id = acc.k.id;
	t.kind = confirmed ? "retest_confirmed" : "retest_disputed";
	t.visibility = "reporter";
	t.inbound = true;
	if ((er = write_message(c, &t, &body, out)) != APP_OK ||
	    (er = svc_case_record(c, acc.k.id, "retest", "", "", outcome, "", "case.retest",
	    arena_printf(c->a, "outcome=%s message=%lld leaf=%lld", outcome,
	    (long long)out->id, (long long)out->leaf_index))) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK) {
		fault_set(f, er, NULL, MSG_ERR_STORE, 0);
		goto fail;
	}
	return APP_OK;
fail:
	store_rollback(c->st);
	memset(out, 0, sizeof(*out));
	return f->er;
}

/* Earlier first; at the same second a question before what answers it. */
static bool
before(const struct message *a, const struct message *b)
{
	if (a->created_at != b->created_at)
		return a->created_at < b->created_at;
	if ((a->id == 0) != (b->id == 0))
		return a->id == 0;
	return a->id < b->id;
}

enum app_err
svc_report_thread(const struct svc_ctx *c, const char *report_id, struct message **out,
    size_t *n, const char **case_id, struct fault *f)
{
	struct report	 r;
	struct sealed	 sd, *bodies;
	struct message	*qs, *ms, *all, tmp;
	size_t		 nq, nm, i, j, cap;
	bool		 staff;
	enum app_err	 er;

	*out = NULL;
	*n = 0;
	*case_id = NULL;
	if (c->actor == NULL)
		return fault_set(f, APP_UNAUTH, NULL, MSG_ERR_NEED_LOGIN, 0);
	staff = is_staff(c->actor);
	er = store_report_get(c->st, c->a, report_id != NULL ? report_id : "", &r, &sd);
	if (er == APP_NOTFOUND || (er == APP_OK && !staff && r.reporter_id != c->actor->id))
		return fault_set(f, APP_NOTFOUND, "id", MSG_ERR_NO_SUCH_REPORT, 0);
	if (er != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	if ((er = store_report_questions(c->st, c->a, r.id, &qs, &nq)) != APP_OK ||
	    (er = store_messages_of_report(c->st, c->a, r.id, &ms, &bodies, &nm)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	cap = nq + nm;
	if ((er = store_case_of_report(c->st, c->a, r.id, case_id)) == APP_NOTFOUND)
		*case_id = NULL;
	else if (er != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	all = NULL;
	{
		struct message	*cm = NULL;
		struct sealed	*cb = NULL;
		size_t		 ncm = 0;

		if (*case_id != NULL && (er = store_messages_of_case(c->st, c->a, *case_id, &cm,
		    &cb, &ncm)) != APP_OK)
			return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
		all = arena_calloc(c->a, cap + ncm + 1, sizeof(*all));
		for (i = 0; i < nq; i++)
			all[(*n)++] = qs[i];
		for (i = 0; i < nm; i++) {
			if ((er = open_message(c, &ms[i], &bodies[i], f)) != APP_OK)
				return er;
			all[(*n)++] = ms[i];
		}
		/* Of the case, what a reporter sees: the reporter's progress thread. */
		for (i = 0; i < ncm; i++) {
			if (strcmp(cm[i].visibility, "participants") != 0 &&
			    strcmp(cm[i].visibility, "reporter") != 0)
				continue;
			if ((er = open_message(c, &cm[i], &cb[i], f)) != APP_OK)
				return er;
			all[(*n)++] = cm[i];
		}
	}
	/* A stable insertion sort: threads are short. */
	for (i = 1; i < *n; i++) {
		tmp = all[i];
		for (j = i; j > 0 && before(&tmp, &all[j - 1]); j--)
			all[j] = all[j - 1];
		all[j] = tmp;
	}
	if (staff && c->actor->id != r.reporter_id &&
	    (er = store_audit_add(c->st, c->actor->id, "report.messages.read",
	    arena_printf(c->a, "report:%s", r.id), arena_printf(c->a, "messages=%zu", *n),
	    c->addr, c->now)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	*out = all;
	return APP_OK;
}
