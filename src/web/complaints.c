/*
 * Complaints (举报, issue 8; 办法 第九条): the registry's pages.
 *
 *   public	/complaints/new		the form, with the published phone and
 *					e-mail; its answer is the receipt (tracking
 *					id, receipt-log leaf, the status token shown
 *					once)
 *		/complaints/status	tracking id and token: where it stands
 *   staff	/staff/complaints	the list with its filters and a summary of
 *					the statistics
 *		/staff/complaints/{id}	one complaint: what was written, its
 *					history, and the forms that assign it, note
 *					the investigation and close it
 *
 * Each form calls the one svc/ use case the API (api/complaints.c) calls
 * too.  The staff's forms answer with a redirect back to the complaint
 * (POST-redirect-GET), or with the page again (422) showing the refusal
 * beside the form.  The public form is not R_PUBLIC: it carries a CSRF
 * token and its answer holds a secret, so nothing of it is cached.  Every
 * route answers 404 outside the registry role.
 */
#include <string.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/sbuf.h"
#include "crypto/crypto.h"
#include "domain/report.h"
#include "svc/complaints.h"
#include "web/layout.h"
#include "web/tmpl.h"
#include "web/web.h"
#include "web/web_int.h"

/*
 * Transport bounds: loose on purpose, so that svc/ (domain/complaint.c)
 * refuses with each problem beside its field instead of an error page.
 */
#define CW_BIND_MAX		(2 * COMPLAINT_TEXT_MAX)
#define CW_WORD_MAX		32	/* our own option values */
#define CW_ID_MAX		64	/* report_id_valid decides */
#define CW_TOKEN_MAX		128	/* a status token is 47 characters */
#define CW_TEXT_ROWS		10	/* the complaint's textarea */
#define CW_NOTE_ROWS		5	/* a note's */
#define CW_PAGE_ROWS		50	/* complaints per page of the list */
#define CW_STATS_PLATFORMS	10	/* platforms in the list's summary */

static const enum msg_id category_msgs[CCAT__MAX] = {
	[CCAT_ILLEGAL_COLLECTION] = MSG_CPL_CAT_ILLEGAL_COLLECTION,
	[CCAT_SALE] = MSG_CPL_CAT_SALE,
	[CCAT_UNAUTHORISED_PUBLICATION] = MSG_CPL_CAT_PUBLICATION,
	[CCAT_FOREIGN_TRANSFER] = MSG_CPL_CAT_FOREIGN,
	[CCAT_NO_FILING] = MSG_CPL_CAT_NO_FILING,
	[CCAT_FALSE_FILING] = MSG_CPL_CAT_FALSE_FILING,
	[CCAT_MISMANAGEMENT] = MSG_CPL_CAT_MISMANAGEMENT,
	[CCAT_OTHER] = MSG_CPL_CAT_OTHER,
};

static const enum msg_id state_msgs[CST__MAX] = {
	[CST_SUBMITTED] = MSG_CPL_ST_SUBMITTED,
	[CST_ASSIGNED] = MSG_CPL_ST_ASSIGNED,
	[CST_INVESTIGATING] = MSG_CPL_ST_INVESTIGATING,
	[CST_CLOSED] = MSG_CPL_ST_CLOSED,
};

static const enum msg_id outcome_msgs[COUT__MAX] = {
	[COUT_NONE] = MSG_WEB_NONE,
	[COUT_SUBSTANTIATED] = MSG_CPL_OUT_SUBSTANTIATED,
	[COUT_UNSUBSTANTIATED] = MSG_CPL_OUT_UNSUBSTANTIATED,
	[COUT_REFERRED] = MSG_CPL_OUT_REFERRED,
	[COUT_DUPLICATE] = MSG_CPL_OUT_DUPLICATE,
	[COUT_WITHDRAWN] = MSG_CPL_OUT_WITHDRAWN,
};

static const enum msg_id channel_msgs[CCH__MAX] = {
	[CCH_WEB] = MSG_CPL_CH_WEB,
	[CCH_API] = MSG_CPL_CH_API,
	[CCH_PHONE] = MSG_CPL_CH_PHONE,
	[CCH_EMAIL] = MSG_CPL_CH_EMAIL,
};

/* POST /complaints/new */
enum { CN_PLATFORM, CN_URL, CN_FILING, CN_CATEGORY, CN_TEXT, CN_CONTACT, CN_ANON, CN_CHANNEL,
	CN__MAX };
static const struct param new_params[CN__MAX] = {
	[CN_PLATFORM] = { "platform_name", PARAM_MULTILINE, .max = CW_BIND_MAX },	/* svc checks */
	[CN_URL] = { "platform_url", PARAM_MULTILINE, .max = CW_BIND_MAX },	/* svc checks */
	[CN_FILING] = { "filing_number", PARAM_MULTILINE, .max = CW_BIND_MAX },	/* svc checks */
	[CN_CATEGORY] = { "category", PARAM_TEXT, .max = CW_WORD_MAX },	/* a category word */
	[CN_TEXT] = { "description", PARAM_MULTILINE, .max = CW_BIND_MAX },	/* svc checks */
	[CN_CONTACT] = { "contact", PARAM_MULTILINE, .max = CW_BIND_MAX },	/* svc checks */
	[CN_ANON] = { "anonymous", PARAM_BOOL },				/* checkbox */
	[CN_CHANNEL] = { "channel", PARAM_TEXT, .max = CW_WORD_MAX },	/* staff: phone, email */
};

/* POST /complaints/status */
enum { CS_ID, CS_TOKEN, CS__MAX };
static const struct param status_params[CS__MAX] = {
	[CS_ID] = { "id", PARAM_TEXT, .max = CW_ID_MAX },		/* report_id_valid */
	[CS_TOKEN] = { "token", PARAM_SECRET, .max = CW_TOKEN_MAX },	/* never echoed */
};

/* GET /staff/complaints */
enum { CL_STATE, CL_CATEGORY, CL_PLATFORM, CL_BEFORE, CL__MAX };
static const struct param list_params[CL__MAX] = {
	[CL_STATE] = { "state", PARAM_TEXT, .max = CW_WORD_MAX },	/* a state word */
	[CL_CATEGORY] = { "category", PARAM_TEXT, .max = CW_WORD_MAX },	/* a category word */
	[CL_PLATFORM] = { "platform", PARAM_TEXT, .max = COMPLAINT_PLATFORM_MAX },	/* a fragment */
	[CL_BEFORE] = { "before", PARAM_I64, .min = 1, .max = INT64_MAX },	/* cursor: a row id */
};

/* GET /staff/complaints/{id} */
enum { CV_ID, CV_DONE, CV__MAX };
static const struct param view_params[CV__MAX] = {
	[CV_ID] = { "id", PARAM_TEXT, .max = CW_ID_MAX, .required = true },	/* report_id_valid */
	[CV_DONE] = { "done", PARAM_TEXT, .max = CW_WORD_MAX },	/* what was just done */
};

/* POST /staff/complaints/{id}/assign, /notes, /close */
enum { CA_ID, CA_ASSIGNEE, CA__MAX };
static const struct param assign_params[CA__MAX] = {
	[CA_ID] = { "id", PARAM_TEXT, .max = CW_ID_MAX, .required = true },	/* report_id_valid */
	[CA_ASSIGNEE] = { "assignee", PARAM_TEXT, .max = CW_WORD_MAX },	/* a login; "": me */
};
enum { CNT_ID, CNT_NOTE, CNT__MAX };
static const struct param note_params[CNT__MAX] = {
	[CNT_ID] = { "id", PARAM_TEXT, .max = CW_ID_MAX, .required = true },	/* report_id_valid */
	[CNT_NOTE] = { "note", PARAM_MULTILINE, .max = CW_BIND_MAX },	/* svc checks */
};
enum { CC_ID, CC_OUTCOME, CC_NOTE, CC__MAX };
static const struct param close_params[CC__MAX] = {
	[CC_ID] = { "id", PARAM_TEXT, .max = CW_ID_MAX, .required = true },	/* report_id_valid */
	[CC_OUTCOME] = { "outcome", PARAM_TEXT, .max = CW_WORD_MAX },	/* an outcome word */
	[CC_NOTE] = { "note", PARAM_MULTILINE, .max = CW_BIND_MAX },	/* svc checks */
};

static enum app_err
not_registry(struct req *rq)
{
	return req_fail(rq, APP_NOTFOUND, NULL, MSG_ERR_COMPLAINTS_OFF);
}

static bool
registry(const struct req *rq)
{
	return rq->cfg->role == ROLE_REGISTRY;
}

static bool
staff(const struct req *rq)
{
	return rq->user != NULL && authz_allows(rq->user->role, PERM_CASES_MANAGE);
}

static void
dl_msg(struct req *rq, enum msg_id term, enum msg_id value)
{
	layout_wrap(rq, "<dt>", term, "</dt><dd>");
	tmpl_msg(rq, value);
	tmpl_raw(rq, "</dd>");	/* literal */
}

static void
state_badge(struct req *rq, enum complaint_state s)
{
	tmpl_raw(rq, s == CST_CLOSED ? "<span class=\"badge badge-off\">" :
	    s == CST_SUBMITTED ? "<span class=\"badge badge-warn\">" :
	    "<span class=\"badge badge-on\">");	/* literal: one of three */
	tmpl_msg(rq, (unsigned)s < CST__MAX ? state_msgs[s] : MSG_WEB_NONE);
	tmpl_raw(rq, "</span>");	/* literal */
}

/* The published phone and e-mail (办法 第九条), or that none are published. */
static void
channels_box(struct req *rq)
{
	const struct config	*cfg = rq->cfg;

	tmpl_raw(rq, "<section class=\"card complaint-channels\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_CPL_CHANNELS, "</h2>");
	tmpl_raw(rq, "<dl class=\"meta\">");	/* literal */
	layout_wrap(rq, "<dt>", MSG_CPL_PHONE, "</dt><dd>");
	/* Text, not tel:/mailto: links: tmpl_href lets only http(s) and paths through. */
	if (cfg->complaint_phone[0] != '\0') {
		tmpl_raw(rq, "<strong class=\"complaint-phone\">");	/* literal */
		tmpl_text(rq, cfg->complaint_phone);
		tmpl_raw(rq, "</strong>");	/* literal */
	} else
		layout_wrap(rq, "<span class=\"muted\">", MSG_CPL_NOT_PUBLISHED, "</span>");
	tmpl_raw(rq, "</dd>");	/* literal */
	layout_wrap(rq, "<dt>", MSG_CPL_EMAIL, "</dt><dd>");
	if (cfg->complaint_email[0] != '\0') {
		tmpl_raw(rq, "<strong class=\"complaint-email\">");	/* literal */
		tmpl_text(rq, cfg->complaint_email);
		tmpl_raw(rq, "</strong>");	/* literal */
	} else
		layout_wrap(rq, "<span class=\"muted\">", MSG_CPL_NOT_PUBLISHED, "</span>");
	tmpl_raw(rq, "</dd>");	/* literal */
	layout_wrap(rq, "<dt>", MSG_CPL_WEB_FORM, "</dt><dd>");
	layout_link(rq, "/complaints/new", MSG_CPL_NEW_TITLE);
	tmpl_raw(rq, "</dd></dl></section>\n");	/* literal */
}

/* --- the public form --- */

/* What was typed into the form, to show it again. */
struct typed {
	const char	*v[CN__MAX];	/* each field's text, "" if none */
	bool		 anonymous;
};

static enum msg_id
field_label(const char *field)
{
	static const struct {
		const char	*name;
		enum msg_id	 label;
	} t[] = {
		{ "platform_name", MSG_CPL_F_PLATFORM },
		{ "platform_url", MSG_CPL_F_URL },
		{ "filing_number", MSG_CPL_F_FILING },
		{ "category", MSG_CPL_F_CATEGORY },
		{ "description", MSG_CPL_F_TEXT },
		{ "contact", MSG_CPL_F_CONTACT },
		{ "channel", MSG_CPL_F_CHANNEL },
	};
	size_t	i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(t[i].name, field) == 0)
			return t[i].label;
	return MSG_WEB_NONE;
}

/* Where the error summary links a field's problem to, and what it calls it. */
static void
summary_target(struct req *rq, const char *field, const char **id, const char **label)
{
	*id = arena_printf(rq->arena, "f-%s", field);
	*label = req_msg(rq, field_label(field));
}

static void
category_select(struct req *rq, const struct layout_control *c, enum msg_id choose,
    const char *value)
{
	const char	*words[CCAT__MAX];
	size_t		 i;

	for (i = 0; i < CCAT__MAX; i++)
		words[i] = complaint_category_name((enum complaint_category)i);
	layout_word_select(rq, c, words, category_msgs, CCAT__MAX, choose, value);
}

/* The form; t holds what was typed (empty the first time). */
static void
form_page(struct req *rq, int status, const struct typed *t)
{
	struct layout_control	 c;

	resp_html(rq, status);
	layout_begin(rq, MSG_CPL_NEW_TITLE);
	layout_wrap(rq, "<h1>", MSG_CPL_NEW_TITLE, "</h1>\n");
	layout_wrap(rq, "<p class=\"lead\">", MSG_CPL_NEW_INTRO, "</p>\n");
	channels_box(rq);
	layout_error_summary(rq, summary_target);
	tmpl_raw(rq, "<form class=\"stack wide complaint-form\" method=\"post\" "
	    "action=\"/complaints/new\">");	/* literal */
	tmpl_csrf(rq);
	layout_wrap(rq, "<fieldset class=\"group\"><legend>", MSG_CPL_SEC_PLATFORM, "</legend>");
	c = layout_control_for(rq, "platform_name", MSG_CPL_F_PLATFORM,
	    MSG_CPL_F_PLATFORM_HINT, false);
	layout_text_input(rq, &c, "text", t->v[CN_PLATFORM], COMPLAINT_PLATFORM_MAX, true);
	c = layout_control_for(rq, "platform_url", MSG_CPL_F_URL, MSG_CPL_F_URL_HINT, true);
	layout_text_input(rq, &c, "url", t->v[CN_URL], COMPLAINT_URL_MAX, false);
	c = layout_control_for(rq, "filing_number", MSG_CPL_F_FILING, MSG_CPL_F_FILING_HINT, true);
	layout_text_input(rq, &c, "text", t->v[CN_FILING], COMPLAINT_FILING_MAX, false);
	tmpl_raw(rq, "</fieldset>\n");	/* literal */
	layout_wrap(rq, "<fieldset class=\"group\"><legend>", MSG_CPL_SEC_WHAT, "</legend>");
	c = layout_control_for(rq, "category", MSG_CPL_F_CATEGORY, MSG_OK, false);
	category_select(rq, &c, MSG_CPL_CHOOSE, t->v[CN_CATEGORY]);
	c = layout_control_for(rq, "description", MSG_CPL_F_TEXT, MSG_CPL_F_TEXT_HINT, false);
	layout_textarea(rq, &c, t->v[CN_TEXT], CW_TEXT_ROWS, 0, true);
	tmpl_raw(rq, "</fieldset>\n");	/* literal */
	layout_wrap(rq, "<fieldset class=\"group\"><legend>", MSG_CPL_SEC_YOU, "</legend>");
	c = layout_control_for(rq, "contact", MSG_CPL_F_CONTACT, MSG_CPL_F_CONTACT_HINT, true);
	layout_text_input(rq, &c, "text", t->v[CN_CONTACT], COMPLAINT_CONTACT_MAX, false);
	/* With an account: whether to link the complaint to it. */
	if (rq->user != NULL) {
		c = layout_control_for(rq, "anonymous", MSG_CPL_F_ANONYMOUS, MSG_OK, false);
		c.no_label = true;
		layout_control_open(rq, &c);
		tmpl_raw(rq, "<div class=\"check\"><input type=\"checkbox\" "
		    "value=\"on\"");	/* literal */
		layout_control_attrs(rq, &c);
		if (t->anonymous)
			tmpl_raw(rq, " checked");	/* literal */
		tmpl_raw(rq, "><label for=\"f-anonymous\">");	/* literal */
		tmpl_msg(rq, MSG_CPL_F_ANONYMOUS);
		tmpl_raw(rq, "</label></div>");	/* literal */
		layout_control_error(rq, &c);
		tmpl_raw(rq, "</div>\n");	/* literal */
	} else
		layout_wrap(rq, "<p class=\"hint\">", MSG_CPL_ANON_NOTICE, "</p>\n");
	/* Staff entering a complaint received by phone or e-mail. */
	if (staff(rq)) {
		static const char *const words[] = { "web", "phone", "email" };
		static const enum msg_id labels[] = { MSG_CPL_CH_WEB, MSG_CPL_CH_PHONE,
		    MSG_CPL_CH_EMAIL };

		c = layout_control_for(rq, "channel", MSG_CPL_F_CHANNEL,
		    MSG_CPL_F_CHANNEL_HINT, false);
		layout_word_select(rq, &c, words, labels, 3, MSG_OK, t->v[CN_CHANNEL]);
	}
	tmpl_raw(rq, "</fieldset>\n");	/* literal */
	layout_wrap(rq, "<p class=\"hint\">", MSG_CPL_CONFIDENTIAL, "</p>");
	layout_submit(rq, MSG_CPL_SUBMIT);
	tmpl_raw(rq, "</form>\n<p>");	/* literal */
	layout_link(rq, "/complaints/status", MSG_CPL_STATUS_LINK);
	tmpl_raw(rq, "</p>\n");	/* literal */
	layout_end(rq);
}

static enum app_err
new_get(struct req *rq)
{
	struct typed	t;
	size_t		i;

	if (!registry(rq))
		return not_registry(rq);
	memset(&t, 0, sizeof(t));
	for (i = 0; i < CN__MAX; i++)
		t.v[i] = "";
	t.v[CN_CHANNEL] = "web";
	form_page(rq, 200, &t);
	return APP_OK;
}

/* A <dt>term</dt><dd><code>value</code></dd> pair. */
static void
dl_code(struct req *rq, enum msg_id term, const char *value)
{
	layout_wrap(rq, "<dt>", term, "</dt><dd><code class=\"hash\">");
	tmpl_text(rq, value);
	tmpl_raw(rq, "</code></dd>");	/* literal */
}

/* The receipt: shown once, in the answer to the form (the token is in it). */
static void
receipt_page(struct req *rq, const struct complaint_receipt *rc)
{
	const struct intake_receipt	*r = &rc->r;

	resp_html(rq, 201);
	/* The status token is on this page only: no cache keeps it. */
	resp_header(rq, "Cache-Control", "no-store");
	layout_begin(rq, MSG_CPL_RECEIPT_TITLE);
	layout_wrap(rq, "<h1>", MSG_CPL_RECEIPT_TITLE, "</h1>\n");
	layout_flash_msg(rq, FLASH_OK, MSG_CPL_RECEIVED);
	layout_flash_msg(rq, FLASH_WARN, MSG_CPL_TOKEN_ONCE);
	tmpl_raw(rq, "<dl class=\"meta receipt complaint-receipt\">");	/* literal */
	layout_wrap(rq, "<dt>", MSG_CPL_ID, "</dt><dd><strong><code class=\"complaint-id\">");
	tmpl_text(rq, rc->c.id);
	tmpl_raw(rq, "</code></strong></dd>");	/* literal */
	layout_wrap(rq, "<dt>", MSG_CPL_TOKEN, "</dt><dd><code class=\"hash status-token\">");
	tmpl_text(rq, rc->token);
	tmpl_raw(rq, "</code></dd>");	/* literal */
	layout_dl_time(rq, MSG_CPL_RECEIVED_AT, rc->c.received_at, MSG_WEB_NONE);
	layout_wrap(rq, "<dt>", MSG_CPL_LEAF_INDEX, "</dt><dd class=\"leaf-index\">");
	tmpl_i64(rq, rc->c.leaf_index);
	tmpl_raw(rq, "</dd>");	/* literal */
	if (r->leaf != NULL) {
		layout_wrap(rq, "<dt>", MSG_CPL_LEAF, "</dt><dd><pre class=\"leaf\"><code>");
		tmpl_textn(rq, r->leaf, r->leaf_len);
		tmpl_raw(rq, "</code></pre></dd>");	/* literal */
	}
	if (r->sth.tree_size > 0) {
		layout_wrap(rq, "<dt>", MSG_CPL_TREE_SIZE, "</dt><dd>");
		tmpl_i64(rq, r->sth.tree_size);
		tmpl_raw(rq, "</dd>");	/* literal */
		dl_code(rq, MSG_CPL_ROOT, crypto_b64_arena(rq->arena, r->sth.root,
		    sizeof(r->sth.root)));
		dl_code(rq, MSG_CPL_SIGNATURE, crypto_b64_arena(rq->arena, r->sth.signature,
		    sizeof(r->sth.signature)));
	}
	tmpl_raw(rq, "</dl>\n<p class=\"links-inline\">");	/* literal */
	layout_link(rq, "/complaints/status", MSG_CPL_STATUS_LINK);
	layout_link(rq, "/api/v1/log/key", MSG_CPL_LOG_KEY);
	tmpl_raw(rq, "</p>\n");	/* literal */
	layout_end(rq);
}

static enum app_err
new_post(struct req *rq)
{
	struct svc_ctx			 c = web_ctx(rq);
	struct complaint_new		 in;
	struct complaint_receipt	*rc;
	struct complaint_problem	 p[COMPLAINT_MAX_PROBLEMS];
	struct fault			 f = { .er = APP_OK };
	struct typed			 t;
	size_t				 i;
	int				 np = 0, j, status;
	enum app_err			 er;

	if (!registry(rq))
		return not_registry(rq);
	memset(&t, 0, sizeof(t));
	for (i = 0; i < CN__MAX; i++)
		t.v[i] = web_pstr(req_param(rq, i));
	t.anonymous = req_param(rq, CN_ANON)->b;
	memset(&in, 0, sizeof(in));
	in.in.platform_name = t.v[CN_PLATFORM];
	in.in.platform_url = t.v[CN_URL];
	in.in.filing_number = t.v[CN_FILING];
	in.in.category = t.v[CN_CATEGORY];
	in.in.text = t.v[CN_TEXT];
	in.in.contact = t.v[CN_CONTACT];
	in.anonymous = t.anonymous;
	/* The form is channel web; only staff record another (svc/ refuses the rest). */
	in.channel = t.v[CN_CHANNEL][0] != '\0' ? t.v[CN_CHANNEL] : "web";
	if (strcmp(in.channel, "api") == 0)
		in.channel = "web";
	in.payload = rq->body.p;
	in.payload_len = rq->body.n;
	rc = arena_zalloc(rq->arena, sizeof(*rc));
	if ((er = svc_complaint_submit(&c, &in, rc, p, &np, &f)) == APP_OK) {
		receipt_page(rq, rc);
		crypto_wipe(rc->token, sizeof(rc->token));
		return APP_OK;
	}
	if (er == APP_INVALID && np > 0) {
		for (j = 0; j < np; j++)
			req_field_error(rq, p[j].field, p[j].msg);
		er = req_fail(rq, APP_INVALID, p[0].field, MSG_CPL_INVALID, np);
		status = 422;
	} else {
		er = web_fault(rq, er, &f);
		status = web_form_status(rq, er, &f);
	}
	if (status != 0)
		form_page(rq, status, &t);
	return er;
}

/* --- the public status lookup --- */

/* The lookup form, and (v not NULL) where the complaint stands. */
static void
status_page(struct req *rq, int status, const char *id, const struct complaint_view *v)
{
	struct layout_control	c;

	resp_html(rq, status);
	resp_header(rq, "Cache-Control", "no-store");
	layout_begin(rq, MSG_CPL_STATUS_TITLE);
	layout_wrap(rq, "<h1>", MSG_CPL_STATUS_TITLE, "</h1>\n");
	if (v != NULL) {
		tmpl_raw(rq, "<section class=\"card complaint-status\"><h2><code>");	/* literal */
		tmpl_text(rq, v->c.id);
		tmpl_raw(rq, "</code> ");	/* literal */
		state_badge(rq, v->c.state);
		tmpl_raw(rq, "</h2><dl class=\"meta\">");	/* literal */
		layout_dl_text(rq, MSG_CPL_F_PLATFORM, v->c.platform_name, false);
		dl_msg(rq, MSG_CPL_F_CATEGORY, category_msgs[v->c.category]);
		layout_dl_time(rq, MSG_CPL_RECEIVED_AT, v->c.received_at, MSG_WEB_NONE);
		dl_msg(rq, MSG_CPL_STATE, state_msgs[v->c.state]);
		if (v->c.state == CST_CLOSED) {
			dl_msg(rq, MSG_CPL_OUTCOME, outcome_msgs[v->c.outcome]);
			layout_dl_time(rq, MSG_CPL_CLOSED_AT, v->c.closed_at, MSG_WEB_NONE);
		}
		layout_dl_time(rq, MSG_WEB_UPDATED_AT, v->c.updated_at, MSG_WEB_NONE);
		tmpl_raw(rq, "</dl>");	/* literal */
		layout_wrap(rq, "<p class=\"hint\">", MSG_CPL_STATUS_HINT, "</p>");
		tmpl_raw(rq, "</section>\n");	/* literal */
	} else
		layout_wrap(rq, "<p class=\"lead\">", MSG_CPL_STATUS_INTRO, "</p>\n");
	layout_form_errors(rq);
	tmpl_raw(rq, "<form class=\"stack complaint-lookup\" method=\"post\" "
	    "action=\"/complaints/status\">");	/* literal */
	tmpl_csrf(rq);
	c = layout_control_for(rq, "id", MSG_CPL_ID, MSG_CPL_ID_HINT, false);
	layout_text_input(rq, &c, "text", id, CW_ID_MAX, true);
	/* The token is a secret: never sent back to the browser. */
	c = layout_control_for(rq, "token", MSG_CPL_TOKEN, MSG_CPL_TOKEN_HINT, rq->user != NULL);
	layout_control_open(rq, &c);
	tmpl_raw(rq, "<input type=\"password\" autocomplete=\"off\"");	/* literal */
	layout_control_attrs(rq, &c);
	tmpl_attr(rq, "maxlength", arena_printf(rq->arena, "%d", CW_TOKEN_MAX));
	tmpl_raw(rq, "></div>\n");	/* literal */
	layout_submit(rq, MSG_CPL_STATUS_SUBMIT);
	tmpl_raw(rq, "</form>\n");	/* literal */
	channels_box(rq);
	layout_end(rq);
}

static enum app_err
status_get(struct req *rq)
{
	if (!registry(rq))
		return not_registry(rq);
	status_page(rq, 200, "", NULL);
	return APP_OK;
}

static enum app_err
status_post(struct req *rq)
{
	struct svc_ctx		c = web_ctx(rq);
	struct complaint_view	v;
	struct fault		f = { .er = APP_OK };
	const char		*id = web_pstr(req_param(rq, CS_ID));
	enum app_err		er;

	if (!registry(rq))
		return not_registry(rq);
	/* A read: the answer is the page, nothing changes, nothing to redirect to. */
	if ((er = svc_complaint_get(&c, id, web_pstr(req_param(rq, CS_TOKEN)), &v, &f)) ==
	    APP_OK) {
		status_page(rq, 200, id, &v);
		return APP_OK;
	}
	er = web_fault(rq, er, &f);
	if (er != APP_NOTFOUND)
		return er;
	/* The same answer for an unknown id and a wrong token: beside the token. */
	req_fail(rq, APP_NOTFOUND, "token", MSG_CPL_NO_MATCH);
	status_page(rq, 404, id, NULL);
	return er;
}

/* --- the staff's list --- */

static const char *
list_url(struct req *rq, const char *state, const char *category, const char *platform,
    int64_t before)
{
	struct sbuf	url;
	char		sep = '?';

	sbuf_init(&url, rq->arena, 0);
	sbuf_addstr(&url, "/staff/complaints");
	if (state[0] != '\0') {
		sbuf_addf(&url, "%cstate=", sep);
		sbuf_add_urlenc(&url, state, strlen(state));
		sep = '&';
	}
	if (category[0] != '\0') {
		sbuf_addf(&url, "%ccategory=", sep);
		sbuf_add_urlenc(&url, category, strlen(category));
		sep = '&';
	}
	if (platform[0] != '\0') {
		sbuf_addf(&url, "%cplatform=", sep);
		sbuf_add_urlenc(&url, platform, strlen(platform));
		sep = '&';
	}
	if (before > 0)
		sbuf_addf(&url, "%cbefore=%lld", sep, (long long)before);
	return url.buf;
}

static void
filters(struct req *rq, const char *state, const char *category, const char *platform)
{
	const char		*words[CST__MAX];
	struct layout_control	 c;
	size_t			 i;

	tmpl_raw(rq, "<form class=\"filters\" method=\"get\" action=\"/staff/complaints\" "
	    "role=\"search\" aria-label=\"");	/* literal */
	tmpl_msg(rq, MSG_CPL_FILTER_LABEL);
	tmpl_raw(rq, "\">");	/* literal */
	for (i = 0; i < CST__MAX; i++)
		words[i] = complaint_state_name((enum complaint_state)i);
	c = layout_control_for(rq, "state", MSG_CPL_STATE, MSG_OK, false);
	layout_word_select(rq, &c, words, state_msgs, CST__MAX, MSG_WEB_REPORTS_ALL, state);
	c = layout_control_for(rq, "category", MSG_CPL_F_CATEGORY, MSG_OK, false);
	category_select(rq, &c, MSG_WEB_REPORTS_ALL, category);
	c = layout_control_for(rq, "platform", MSG_CPL_F_PLATFORM, MSG_OK, false);
	layout_control_open(rq, &c);
	tmpl_raw(rq, "<input type=\"search\"");	/* literal */
	layout_control_attrs(rq, &c);
	tmpl_attr(rq, "value", platform);
	tmpl_raw(rq, "></div><div class=\"field\"><button type=\"submit\" "
	    "class=\"primary\">");	/* literal */
	tmpl_msg(rq, MSG_WEB_REPORTS_FILTER);
	tmpl_raw(rq, "</button></div>");	/* literal */
	if (state[0] != '\0' || category[0] != '\0' || platform[0] != '\0') {
		tmpl_raw(rq, "<div class=\"field\">");	/* literal */
		layout_link(rq, "/staff/complaints", MSG_WEB_REPORTS_CLEAR);
		tmpl_raw(rq, "</div>");	/* literal */
	}
	tmpl_raw(rq, "</form>\n");	/* literal */
}

/* The statistics in short: by state and outcome, and the platforms most complained about. */
static void
summary(struct req *rq, const struct complaint_stats *s)
{
	size_t	i, n = s->nplatforms < CW_STATS_PLATFORMS ? s->nplatforms : CW_STATS_PLATFORMS;

	tmpl_raw(rq, "<section class=\"cards complaint-stats\"><div class=\"card\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_CPL_STATS_STATE, "</h2><dl class=\"meta\">");
	layout_wrap(rq, "<dt>", MSG_CPL_STATS_TOTAL, "</dt><dd>");
	tmpl_i64(rq, s->total);
	tmpl_raw(rq, "</dd>");	/* literal */
	for (i = 0; i < CST__MAX; i++) {
		layout_wrap(rq, "<dt>", state_msgs[i], "</dt><dd>");
		tmpl_i64(rq, s->by_state[i]);
		tmpl_raw(rq, "</dd>");	/* literal */
	}
	tmpl_raw(rq, "</dl></div><div class=\"card\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_CPL_STATS_OUTCOME, "</h2><dl class=\"meta\">");
	for (i = 1; i < COUT__MAX; i++) {
		layout_wrap(rq, "<dt>", outcome_msgs[i], "</dt><dd>");
		tmpl_i64(rq, s->by_outcome[i]);
		tmpl_raw(rq, "</dd>");	/* literal */
	}
	tmpl_raw(rq, "</dl></div><div class=\"card\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_CPL_STATS_PLATFORM, "</h2>");
	if (n == 0)
		layout_wrap(rq, "<p class=\"muted\">", MSG_WEB_NONE, "</p>");
	else {
		tmpl_raw(rq, "<table class=\"data complaint-platforms\"><thead><tr>");	/* literal */
		layout_wrap(rq, "<th scope=\"col\">", MSG_CPL_F_PLATFORM, "</th>");
		layout_wrap(rq, "<th scope=\"col\" class=\"num\">", MSG_CPL_STATS_TOTAL, "</th>");
		layout_wrap(rq, "<th scope=\"col\" class=\"num\">", MSG_CPL_STATS_OPEN, "</th>");
		layout_wrap(rq, "<th scope=\"col\" class=\"num\">", MSG_CPL_OUT_SUBSTANTIATED,
		    "</th>");
		tmpl_raw(rq, "</tr></thead><tbody>");	/* literal */
		for (i = 0; i < n; i++) {
			tmpl_raw(rq, "<tr><td><a");	/* literal */
			tmpl_href(rq, list_url(rq, "", "", s->platforms[i].name, 0));
			tmpl_raw(rq, ">");	/* literal */
			tmpl_text(rq, s->platforms[i].name);
			tmpl_raw(rq, "</a></td><td class=\"num\">");	/* literal */
			tmpl_i64(rq, s->platforms[i].total);
			tmpl_raw(rq, "</td><td class=\"num\">");	/* literal */
			tmpl_i64(rq, s->platforms[i].open);
			tmpl_raw(rq, "</td><td class=\"num\">");	/* literal */
			tmpl_i64(rq, s->platforms[i].substantiated);
			tmpl_raw(rq, "</td></tr>");	/* literal */
		}
		tmpl_raw(rq, "</tbody></table>");	/* literal */
	}
	tmpl_raw(rq, "</div></section>\n");	/* literal */
}

static void
rows(struct req *rq, const struct complaint_row *rs, size_t n)
{
	size_t	i;

	tmpl_raw(rq, "<div class=\"table-wrap\"><table class=\"data complaints\">"
	    "<thead><tr>");	/* literal */
	layout_wrap(rq, "<th scope=\"col\">", MSG_CPL_ID, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_CPL_F_PLATFORM, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_CPL_F_CATEGORY, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_CPL_STATE, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_CPL_OUTCOME, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_CPL_ASSIGNEE, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_CPL_RECEIVED_AT, "</th>");
	tmpl_raw(rq, "</tr></thead><tbody>\n");	/* literal */
	for (i = 0; i < n; i++) {
		tmpl_raw(rq, "<tr><td><a");	/* literal */
		/* A stored id has the report id's shape: safe in a path as it is. */
		tmpl_href(rq, arena_printf(rq->arena, "/staff/complaints/%s", rs[i].id));
		tmpl_raw(rq, "><code>");	/* literal */
		tmpl_text(rq, rs[i].id);
		tmpl_raw(rq, "</code></a></td><td>");	/* literal */
		tmpl_text(rq, rs[i].platform_name);
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_msg(rq, category_msgs[rs[i].category]);
		tmpl_raw(rq, "</td><td>");	/* literal */
		state_badge(rq, rs[i].state);
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_msg(rq, outcome_msgs[rs[i].outcome]);
		tmpl_raw(rq, "</td><td>");	/* literal */
		if (rs[i].assignee_login[0] != '\0')
			tmpl_text(rq, rs[i].assignee_login);
		else
			layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_NONE, "</span>");
		tmpl_raw(rq, "</td><td class=\"nowrap\">");	/* literal */
		tmpl_time(rq, rs[i].received_at);
		tmpl_raw(rq, "</td></tr>\n");	/* literal */
	}
	tmpl_raw(rq, "</tbody></table></div>\n");	/* literal */
}

static enum app_err
list_get(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct complaint_filter	 flt;
	struct complaint_stats	 s;
	struct complaint_row	*rs = NULL;
	const char		*state = web_pstr(req_param(rq, CL_STATE));
	const char		*category = web_pstr(req_param(rq, CL_CATEGORY));
	const char		*platform = web_pstr(req_param(rq, CL_PLATFORM));
	const struct param_val	*before = req_param(rq, CL_BEFORE);
	size_t			 n = 0;
	int64_t			 next = 0;
	enum app_err		 er;

	if (!registry(rq))
		return not_registry(rq);
	memset(&flt, 0, sizeof(flt));
	flt.state = state[0] != '\0' ? state : NULL;
	flt.category = category[0] != '\0' ? category : NULL;
	flt.platform = platform[0] != '\0' ? platform : NULL;
	flt.cursor = before->present ? before->i : 0;
	/* One row more than shown tells whether there is a next page. */
	flt.limit = CW_PAGE_ROWS + 1;
	if ((er = svc_complaint_list(&c, &flt, &rs, &n, &f)) != APP_OK ||
	    (er = svc_complaint_stats(&c, 0, &s, &f)) != APP_OK)
		return web_fault(rq, er, &f);
	if (n > CW_PAGE_ROWS) {
		n = CW_PAGE_ROWS;
		next = rs[n - 1].rowid;
	}
	resp_html(rq, 200);
	layout_begin(rq, MSG_CPL_LIST_TITLE);
	layout_wrap(rq, "<h1>", MSG_CPL_LIST_TITLE, "</h1>\n");
	layout_wrap(rq, "<p class=\"lead\">", MSG_CPL_LIST_INTRO, "</p>\n<p>");
	layout_link(rq, "/complaints/new", MSG_CPL_RECORD);
	tmpl_raw(rq, "</p>\n");	/* literal */
	summary(rq, &s);
	filters(rq, state, category, platform);
	if (n == 0)
		layout_wrap(rq, "<p class=\"muted\">", MSG_CPL_NONE, "</p>\n");
	else
		rows(rq, rs, n);
	layout_pager(rq, flt.cursor > 0 ? list_url(rq, state, category, platform, 0) : NULL,
	    next > 0 ? list_url(rq, state, category, platform, next) : NULL);
	layout_end(rq);
	return APP_OK;
}

/* --- one complaint and its forms --- */

enum cform { CF_NONE, CF_ASSIGN, CF_NOTE, CF_CLOSE };

/* A refused form's name and what was typed into it. */
struct cf_typed {
	enum cform	 form;
	const char	*assignee;
	const char	*note;
	const char	*outcome;
};

/* The refusal of field in the failed form, or NULL. */
static const char *
form_problem(const struct req *rq, const struct cf_typed *t, enum cform form,
    const char *field)
{
	if (t == NULL || t->form != form || rq->err == APP_OK || rq->err_field == NULL)
		return NULL;
	return strcmp(rq->err_field, field) == 0 ? rq->err_detail : NULL;
}

/* A form's box: its heading, the refusal summary if it failed, the form tag. */
static void
form_open(struct req *rq, const char *id, const char *action, enum msg_id heading,
    const struct cf_typed *t, enum cform form)
{
	tmpl_raw(rq, "<section class=\"detail\"");	/* literal */
	tmpl_attr(rq, "id", id);
	tmpl_raw(rq, ">");	/* literal */
	layout_wrap(rq, "<h2>", heading, "</h2>\n");
	if (t != NULL && t->form == form)
		layout_form_errors(rq);
	tmpl_raw(rq, "<form class=\"stack wide\" method=\"post\"");	/* literal */
	tmpl_attr(rq, "action", action);
	tmpl_raw(rq, ">");	/* literal */
	tmpl_csrf(rq);
}

static void
assign_form(struct req *rq, const struct complaint_view *v, const struct user *us, size_t n,
    const struct cf_typed *t)
{
	struct layout_control	 c = { "assignee", "f-assignee", MSG_CPL_ASSIGNEE, NULL, MSG_OK,
				    NULL, form_problem(rq, t, CF_ASSIGN, "assignee"), false,
				    false };
	const char		*cur = t != NULL && t->form == CF_ASSIGN ? t->assignee :
				    v->c.assignee_login;
	size_t			 i;

	form_open(rq, "assign", arena_printf(rq->arena, "/staff/complaints/%s/assign",
	    v->c.id), MSG_CPL_ASSIGN_TITLE, t, CF_ASSIGN);
	layout_control_open(rq, &c);
	tmpl_raw(rq, "<select");	/* literal */
	layout_control_attrs(rq, &c);
	tmpl_raw(rq, "><option value=\"\">");	/* literal */
	tmpl_msg(rq, MSG_CPL_ASSIGN_ME);
	tmpl_raw(rq, "</option>");	/* literal */
	for (i = 0; i < n; i++) {
		tmpl_raw(rq, "<option");	/* literal */
		tmpl_attr(rq, "value", us[i].login);
		if (cur != NULL && strcmp(cur, us[i].login) == 0)
			tmpl_raw(rq, " selected");	/* literal */
		tmpl_raw(rq, ">");	/* literal */
		tmpl_text(rq, us[i].display_name != NULL && us[i].display_name[0] != '\0' ?
		    us[i].display_name : us[i].login);
		tmpl_raw(rq, " (");	/* literal */
		tmpl_text(rq, us[i].login);
		tmpl_raw(rq, ")</option>");	/* literal */
	}
	tmpl_raw(rq, "</select></div>\n");	/* literal */
	layout_submit(rq, MSG_CPL_ASSIGN_SUBMIT);
	tmpl_raw(rq, "</form></section>\n");	/* literal */
}

static void
note_form(struct req *rq, const struct complaint_view *v, const struct cf_typed *t)
{
	struct layout_control	c = { "note", "f-note", MSG_CPL_NOTE, NULL, MSG_CPL_NOTE_HINT,
				    NULL, form_problem(rq, t, CF_NOTE, "note"), false, false };

	form_open(rq, "note", arena_printf(rq->arena, "/staff/complaints/%s/notes", v->c.id),
	    MSG_CPL_NOTE_TITLE, t, CF_NOTE);
	layout_textarea(rq, &c, t != NULL && t->form == CF_NOTE ? t->note : "",
	    CW_NOTE_ROWS, 0, true);
	layout_submit(rq, MSG_CPL_NOTE_SUBMIT);
	tmpl_raw(rq, "</form></section>\n");	/* literal */
}

static void
close_form(struct req *rq, const struct complaint_view *v, const struct cf_typed *t)
{
	struct layout_control	 co = { "outcome", "f-outcome", MSG_CPL_OUTCOME, NULL,
				    MSG_CPL_OUTCOME_HINT, NULL,
				    form_problem(rq, t, CF_CLOSE, "outcome"), false, false };
	struct layout_control	 cn = { "note", "f-close-note", MSG_CPL_OUTCOME_NOTE, NULL,
				    MSG_CPL_OUTCOME_NOTE_HINT, NULL,
				    form_problem(rq, t, CF_CLOSE, "note"), false, false };
	const char		*words[COUT__MAX - 1];
	size_t			 i;
	bool			 ours = t != NULL && t->form == CF_CLOSE;

	for (i = 1; i < COUT__MAX; i++)
		words[i - 1] = complaint_outcome_name((enum complaint_outcome)i);
	form_open(rq, "close", arena_printf(rq->arena, "/staff/complaints/%s/close", v->c.id),
	    MSG_CPL_CLOSE_TITLE, t, CF_CLOSE);
	layout_word_select(rq, &co, words, outcome_msgs + 1, COUT__MAX - 1, MSG_CPL_CHOOSE,
	    ours ? t->outcome : "");
	layout_textarea(rq, &cn, ours ? t->note : "", CW_NOTE_ROWS, 0, true);
	layout_submit(rq, MSG_CPL_CLOSE_SUBMIT);
	tmpl_raw(rq, "</form></section>\n");	/* literal */
}

static enum msg_id
event_msg(const char *event)
{
	if (strcmp(event, "submitted") == 0)
		return MSG_CPL_EV_SUBMITTED;
	if (strcmp(event, "assigned") == 0)
		return MSG_CPL_EV_ASSIGNED;
	if (strcmp(event, "note") == 0)
		return MSG_CPL_EV_NOTE;
	if (strcmp(event, "closed") == 0)
		return MSG_CPL_EV_CLOSED;
	return MSG_WEB_NONE;
}

/* The detail of a step as people read it: an outcome or a channel by its name. */
static void
event_detail(struct req *rq, const struct complaint_event *e)
{
	int	k;

	if (strcmp(e->event, "closed") == 0 && (k = complaint_outcome_parse(e->detail)) > 0)
		tmpl_msg(rq, outcome_msgs[k]);
	else if (strcmp(e->event, "submitted") == 0 &&
	    (k = complaint_channel_parse(e->detail)) >= 0)
		tmpl_msg(rq, channel_msgs[k]);
	else
		tmpl_text(rq, e->detail);
}

static void
history(struct req *rq, const struct complaint_view *v)
{
	size_t	i;
	int	k;

	tmpl_raw(rq, "<section class=\"detail\" id=\"history\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_CPL_HISTORY, "</h2>\n");
	tmpl_raw(rq, "<div class=\"table-wrap\"><table class=\"data complaint-history\">"
	    "<thead><tr>");	/* literal */
	layout_wrap(rq, "<th scope=\"col\">", MSG_CPL_H_AT, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_CPL_H_WHO, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_CPL_H_WHAT, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_CPL_STATE, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_CPL_H_DETAIL, "</th>");
	tmpl_raw(rq, "</tr></thead><tbody>\n");	/* literal */
	for (i = 0; i < v->nevents; i++) {
		const struct complaint_event	*e = &v->events[i];

		tmpl_raw(rq, "<tr><td class=\"nowrap\">");	/* literal */
		tmpl_time(rq, e->at);
		tmpl_raw(rq, "</td><td>");	/* literal */
		if (e->actor_login[0] != '\0')
			tmpl_text(rq, e->actor_login);
		else
			layout_wrap(rq, "<span class=\"muted\">", MSG_CPL_H_COMPLAINANT, "</span>");
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_msg(rq, event_msg(e->event));
		tmpl_raw(rq, "</td><td>");	/* literal */
		if ((k = complaint_state_parse(e->to_state)) >= 0)
			tmpl_msg(rq, state_msgs[k]);
		tmpl_raw(rq, "</td><td>");	/* literal */
		event_detail(rq, e);
		if (e->note_text != NULL && e->note_text[0] != '\0') {
			tmpl_raw(rq, "<div class=\"pre-line complaint-note\">");	/* literal */
			tmpl_text(rq, e->note_text);
			tmpl_raw(rq, "</div>");	/* literal */
		}
		tmpl_raw(rq, "</td></tr>\n");	/* literal */
	}
	tmpl_raw(rq, "</tbody></table></div></section>\n");	/* literal */
}

/* What was just done, from ?done= after a redirect. */
static enum msg_id
done_msg(const char *done)
{
	if (strcmp(done, "assigned") == 0)
		return MSG_CPL_DONE_ASSIGNED;
	if (strcmp(done, "noted") == 0)
		return MSG_CPL_DONE_NOTED;
	if (strcmp(done, "closed") == 0)
		return MSG_CPL_DONE_CLOSED;
	return MSG_OK;
}

/*
 * One complaint for the staff, with status (200, or 422 and the refused
 * form t beside its fields).  The read is audited (svc_complaint_get).
 */
static enum app_err
view_page(struct req *rq, int status, const char *id, const struct cf_typed *t,
    const char *done)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct complaint_view	 v;
	struct fault		 f = { .er = APP_OK };
	struct user		*us = NULL;
	size_t			 nus = 0;
	enum msg_id		 dm;
	enum app_err		 er;

	if ((er = svc_complaint_get(&c, id, NULL, &v, &f)) != APP_OK ||
	    (er = svc_complaint_assignees(&c, &us, &nus, &f)) != APP_OK) {
		/* Keep the refusal being shown; else the failure to load. */
		return rq->err != APP_OK ? rq->err : web_fault(rq, er, &f);
	}
	if (!v.full)	/* only staff get here (the route's permission) */
		return req_fail(rq, APP_NOTFOUND, NULL, MSG_ERR_NO_SUCH_COMPLAINT);
	resp_html(rq, status);
	layout_begin(rq, MSG_CPL_VIEW_TITLE);
	tmpl_raw(rq, "<p class=\"crumbs\"><a href=\"/staff/complaints\">");	/* literal */
	tmpl_msg(rq, MSG_CPL_LIST_TITLE);
	tmpl_raw(rq, "</a></p>\n<h1>");	/* literal */
	tmpl_msg(rq, MSG_CPL_VIEW_TITLE);
	tmpl_raw(rq, " <code>");	/* literal */
	tmpl_text(rq, v.c.id);
	tmpl_raw(rq, "</code> ");	/* literal */
	state_badge(rq, v.c.state);
	tmpl_raw(rq, "</h1>\n");	/* literal */
	if ((dm = done_msg(done)) != MSG_OK)
		layout_flash_msg(rq, FLASH_OK, dm);
	layout_wrap(rq, "<p class=\"hint\">", MSG_CPL_VIEW_AUDITED, "</p>\n");
	tmpl_raw(rq, "<section class=\"detail\" id=\"complaint\"><dl class=\"meta\">");	/* literal */
	layout_dl_text(rq, MSG_CPL_F_PLATFORM, v.c.platform_name, false);
	layout_wrap(rq, "<dt>", MSG_CPL_F_URL, "</dt><dd>");
	if (v.c.platform_url[0] != '\0') {
		/* Shown, never a link: it may be the very site complained about. */
		tmpl_raw(rq, "<code>");	/* literal */
		tmpl_text(rq, v.c.platform_url);
		tmpl_raw(rq, "</code>");	/* literal */
	} else
		layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_NONE, "</span>");
	tmpl_raw(rq, "</dd>");	/* literal */
	layout_dl_text(rq, MSG_CPL_F_FILING, v.c.filing_number, false);
	dl_msg(rq, MSG_CPL_F_CATEGORY, category_msgs[v.c.category]);
	dl_msg(rq, MSG_CPL_F_CHANNEL, channel_msgs[v.c.channel]);
	layout_dl_time(rq, MSG_CPL_RECEIVED_AT, v.c.received_at, MSG_WEB_NONE);
	layout_wrap(rq, "<dt>", MSG_CPL_LEAF_INDEX, "</dt><dd>");
	tmpl_i64(rq, v.c.leaf_index);
	tmpl_raw(rq, "</dd>");	/* literal */
	dl_msg(rq, MSG_CPL_F_COMPLAINANT, v.c.anonymous ? MSG_CPL_ANONYMOUS : MSG_CPL_LINKED);
	if (!v.c.anonymous)
		layout_dl_text(rq, MSG_CPL_ACCOUNT, v.c.reporter_login, false);
	if (v.c.recorded_by_login[0] != '\0')
		layout_dl_text(rq, MSG_CPL_RECORDED_BY, v.c.recorded_by_login, false);
	layout_dl_text(rq, MSG_CPL_F_CONTACT, v.contact, false);
	layout_dl_text(rq, MSG_CPL_ASSIGNEE, v.c.assignee_login, false);
	if (v.c.state == CST_CLOSED) {
		dl_msg(rq, MSG_CPL_OUTCOME, outcome_msgs[v.c.outcome]);
		layout_dl_time(rq, MSG_CPL_CLOSED_AT, v.c.closed_at, MSG_WEB_NONE);
	}
	tmpl_raw(rq, "</dl>");	/* literal */
	layout_wrap(rq, "<h2>", MSG_CPL_F_TEXT, "</h2><div class=\"pre-line complaint-text\">");
	tmpl_text(rq, v.text);
	tmpl_raw(rq, "</div>");	/* literal */
	if (v.c.state == CST_CLOSED) {
		layout_wrap(rq, "<h2>", MSG_CPL_OUTCOME_NOTE, "</h2><div class=\"pre-line\">");
		tmpl_text(rq, v.outcome_note);
		tmpl_raw(rq, "</div>");	/* literal */
	}
	tmpl_raw(rq, "</section>\n");	/* literal */
	history(rq, &v);
	if (complaint_open(v.c.state)) {
		assign_form(rq, &v, us, nus, t);
		if (v.c.state != CST_SUBMITTED)
			note_form(rq, &v, t);
		close_form(rq, &v, t);
	} else if (t != NULL && t->form != CF_NONE)
		layout_form_errors(rq);	/* a form posted before it closed */
	layout_end(rq);
	return APP_OK;
}

static enum app_err
view_get(struct req *rq)
{
	const char	*id;

	if (!registry(rq))
		return not_registry(rq);
	if ((id = web_path_id(rq, CV_ID)) == NULL)
		return req_fail(rq, APP_NOTFOUND, NULL, MSG_ERR_NO_SUCH_COMPLAINT);
	return view_page(rq, 200, id, NULL, web_pstr(req_param(rq, CV_DONE)));
}

/* After a staff form: back to the complaint, or the page again with the refusal. */
static enum app_err
step_answer(struct req *rq, enum app_err er, struct fault *f, const char *id,
    const struct cf_typed *t, const char *done)
{
	enum app_err	rer;
	int		status;

	if (er == APP_OK)
		/* id passed report_id_valid: safe in a URL as it is. */
		return resp_redirect(rq, arena_printf(rq->arena,
		    "/staff/complaints/%s?done=%s#history", id, done));
	er = web_fault(rq, er, f);
	status = web_form_status(rq, er, f);
	if (status != 0 && (rer = view_page(rq, status, id, t, "")) != APP_OK)
		er = rer;
	return er;
}

static enum app_err
assign_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct complaint_row	 out;
	struct fault		 f = { .er = APP_OK };
	struct cf_typed		 t = { CF_ASSIGN, NULL, NULL, NULL };
	const char		*id;

	if (!registry(rq))
		return not_registry(rq);
	if ((id = web_path_id(rq, CA_ID)) == NULL)
		return req_fail(rq, APP_NOTFOUND, NULL, MSG_ERR_NO_SUCH_COMPLAINT);
	t.assignee = web_pstr(req_param(rq, CA_ASSIGNEE));
	return step_answer(rq, svc_complaint_assign(&c, id, t.assignee, &out, &f), &f, id, &t,
	    "assigned");
}

static enum app_err
note_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct complaint_row	 out;
	struct fault		 f = { .er = APP_OK };
	struct cf_typed		 t = { CF_NOTE, NULL, NULL, NULL };
	const char		*id;

	if (!registry(rq))
		return not_registry(rq);
	if ((id = web_path_id(rq, CNT_ID)) == NULL)
		return req_fail(rq, APP_NOTFOUND, NULL, MSG_ERR_NO_SUCH_COMPLAINT);
	t.note = web_pstr(req_param(rq, CNT_NOTE));
	return step_answer(rq, svc_complaint_note(&c, id, t.note, &out, &f), &f, id, &t,
	    "noted");
}

static enum app_err
close_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct complaint_row	 out;
	struct fault		 f = { .er = APP_OK };
	struct cf_typed		 t = { CF_CLOSE, NULL, NULL, NULL };
	const char		*id;

	if (!registry(rq))
		return not_registry(rq);
	if ((id = web_path_id(rq, CC_ID)) == NULL)
		return req_fail(rq, APP_NOTFOUND, NULL, MSG_ERR_NO_SUCH_COMPLAINT);
	t.outcome = web_pstr(req_param(rq, CC_OUTCOME));
	t.note = web_pstr(req_param(rq, CC_NOTE));
	return step_answer(rq, svc_complaint_close(&c, id, t.outcome, t.note, &out, &f), &f, id,
	    &t, "closed");
}

/*
 * The public form and lookup take anyone (PERM_NONE) but are not R_PUBLIC:
 * they carry a CSRF token and answer with secrets.  The staff's pages need
 * the permission of the registry's 报送 pages; svc/ checks again.
 */
const struct route complaint_web_routes[] = {
	{ HTTP_GET, "/complaints/new", PERM_NONE, R_WEB, NOPARAMS, new_get },
	{ HTTP_POST, "/complaints/new", PERM_NONE, R_WEB | R_FORM, PARAMS(new_params),
	    new_post },
	{ HTTP_GET, "/complaints/status", PERM_NONE, R_WEB, NOPARAMS, status_get },
	{ HTTP_POST, "/complaints/status", PERM_NONE, R_WEB | R_FORM, PARAMS(status_params),
	    status_post },
	{ HTTP_GET, "/staff/complaints", PERM_CASES_MANAGE, R_WEB, PARAMS(list_params),
	    list_get },
	{ HTTP_GET, "/staff/complaints/{id}", PERM_CASES_MANAGE, R_WEB, PARAMS(view_params),
	    view_get },
	{ HTTP_POST, "/staff/complaints/{id}/assign", PERM_CASES_MANAGE, R_WEB | R_FORM,
	    PARAMS(assign_params), assign_post },
	{ HTTP_POST, "/staff/complaints/{id}/notes", PERM_CASES_MANAGE, R_WEB | R_FORM,
	    PARAMS(note_params), note_post },
	{ HTTP_POST, "/staff/complaints/{id}/close", PERM_CASES_MANAGE, R_WEB | R_FORM,
	    PARAMS(close_params), close_post },
};
const size_t	complaint_web_nroutes =
    sizeof(complaint_web_routes) / sizeof(complaint_web_routes[0]);
