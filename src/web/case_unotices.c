/*
 * The case page's notices of risk and remedy to users and downstream
 * vendors (issue 6; Art. 7(3), R6), for the staff: the notices sent, each
 * recipient with its delivery (pending, sent or failed, attempts, the last
 * error), and, once the case has a fix, the form that sends one, filled
 * from svc_user_notice_draft.  The form posts to POST
 * /cases/{id}/user-notices, which calls svc_user_notice_send as the API
 * does, and answers with a redirect to the section, or with the case page
 * again (422) showing the refusal beside the form.
 */
#include <string.h>

#include "core/arena.h"
#include "core/str.h"
#include "svc/usernotices.h"
#include "web/cases_int.h"
#include "web/layout.h"
#include "web/tmpl.h"
#include "web/web.h"
#include "web/web_int.h"

/* Rows of the textareas. */
#define UN_BODY_ROWS		16
#define UN_RCPTS_ROWS		4

/* Transport bounds: svc/ applies the real limits and names the field it refuses. */
#define UN_SUBJECT_MAX		400	/* UNOTICE_SUBJECT_MAX bytes */
#define UN_BODY_MAX		40000	/* UNOTICE_BODY_MAX bytes */
#define UN_SUPPORT_MAX		1000	/* UNOTICE_SUPPORT_MAX bytes */
#define UN_RCPTS_MAX		60000	/* UNOTICE_RCPTS_MAX addresses of up to 254 bytes */

/* What case_typed.ext holds when the form comes back. */
enum { UNX_SUBJECT, UNX_BODY, UNX_SUPPORT, UNX_RCPTS, UNX_DOWNSTREAM };

/* The section's data, loaded with the page. */
struct cw_unotices {
	struct user_notice_item		*items;		/* newest first */
	size_t				 n;
	bool				 can_send;	/* the case has a fix */
	struct user_notice_draft	 draft;		/* when can_send */
};

/* POST /cases/{id}/user-notices */
enum { UNP_ID, UNP_SUBJECT, UNP_BODY, UNP_SUPPORT, UNP_RCPTS, UNP_DOWNSTREAM, UNP__MAX };
static const struct param unotice_params[UNP__MAX] = {
	[UNP_ID] = { "id", PARAM_TEXT, .max = CW_ID_MAX, .required = true },	/* case_id_valid */
	[UNP_SUBJECT] = { "subject", PARAM_TEXT, .max = UN_SUBJECT_MAX },	/* one line */
	[UNP_BODY] = { "body", PARAM_MULTILINE, .max = UN_BODY_MAX },		/* plain text */
	[UNP_SUPPORT] = { "support_channel", PARAM_TEXT, .max = UN_SUPPORT_MAX },	/* one line */
	[UNP_RCPTS] = { "recipients", PARAM_MULTILINE, .max = UN_RCPTS_MAX },	/* one per line */
	[UNP_DOWNSTREAM] = { "include_downstream", PARAM_BOOL },		/* checkbox */
};

/* Whether the failed form is this section's. */
static bool
ours_failed(const struct case_view *v)
{
	return v->failed == CFORM_EXT && v->t.ext_form != NULL &&
	    strcmp(v->t.ext_form, "unotice") == 0;
}

/* The refusal for one of the form's fields, or NULL. */
static const char *
problem(const struct req *rq, const struct case_view *v, const char *field)
{
	return ours_failed(v) ? cw_problem(rq, v, CFORM_EXT, field) : NULL;
}

/* What the form had when it came back, or the draft's value. */
static const char *
typed(const struct case_view *v, int i, const char *dflt)
{
	if (ours_failed(v))
		return v->t.ext[i] != NULL ? v->t.ext[i] : "";
	return dflt != NULL ? dflt : "";
}

enum app_err
cw_unotices_load(struct req *rq, struct case_view *v)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct cw_unotices	*u;
	enum app_err		 er;

	v->unotices = NULL;
	if (!v->staff)
		return APP_OK;
	u = ARENA_NEW(rq->arena, struct cw_unotices);
	if ((er = svc_user_notices(&c, v->k.id, &u->items, &u->n, &f)) != APP_OK)
		return web_fault(rq, er, &f);
	u->can_send = svc_user_notice_allowed(v->k.kind, v->k.state);
	/* The draft is only worth its reads when the form is shown. */
	if (u->can_send && (er = svc_user_notice_draft(&c, v->k.id, &u->draft, &f)) != APP_OK)
		return web_fault(rq, er, &f);
	v->unotices = u;
	return APP_OK;
}

static void
delivery_badge(struct req *rq, const char *status)
{
	if (strcmp(status, "sent") == 0)
		layout_wrap(rq, "<span class=\"badge badge-on delivery-sent\">",
		    MSG_WEB_UNOTICE_DLV_SENT, "</span>");
	else if (strcmp(status, "failed") == 0)
		layout_wrap(rq, "<span class=\"badge badge-warn delivery-failed\">",
		    MSG_WEB_UNOTICE_DLV_FAILED, "</span>");
	else if (strcmp(status, "refused") == 0)	/* the gate: never sent */
		layout_wrap(rq, "<span class=\"badge badge-warn delivery-refused\">",
		    MSG_WEB_UNOTICE_DLV_REFUSED, "</span>");
	else
		layout_wrap(rq, "<span class=\"badge badge-off delivery-pending\">",
		    MSG_WEB_UNOTICE_DLV_PENDING, "</span>");
}

static void
recipient_row(struct req *rq, const struct user_notice_to *t)
{
	tmpl_raw(rq, "<tr><td><code>");	/* literal */
	tmpl_text(rq, t->r.address);
	tmpl_raw(rq, "</code></td><td>");	/* literal */
	if (strcmp(t->r.source, "downstream") == 0)
		tmpl_text(rq, layout_msgf(rq, MSG_WEB_UNOTICE_SRC_DOWNSTREAM,
		    t->org_name[0] != '\0' ? t->org_name : t->org_slug));
	else
		tmpl_msg(rq, MSG_WEB_UNOTICE_SRC_MANUAL);
	tmpl_raw(rq, "</td><td>");	/* literal */
	delivery_badge(rq, t->r.delivery);
	tmpl_raw(rq, "</td><td class=\"num\">");	/* literal */
	tmpl_i64(rq, t->r.attempts);
	tmpl_raw(rq, "</td><td>");	/* literal */
	tmpl_text(rq, t->r.last_error);
	tmpl_raw(rq, "</td><td class=\"nowrap\">");	/* literal */
	if (t->r.sent_at > 0)
		tmpl_time(rq, t->r.sent_at);
	tmpl_raw(rq, "</td></tr>\n");	/* literal */
}

/* One notice sent: when, by whom, its text and each recipient's delivery. */
static void
notice_item(struct req *rq, const struct user_notice_item *it)
{
	size_t	i;

	tmpl_raw(rq, "<li class=\"unotice\"");	/* literal */
	tmpl_attr(rq, "id", arena_printf(rq->arena, "user-notice-%lld", (long long)it->n.id));
	tmpl_raw(rq, "><h3>");	/* literal */
	tmpl_text(rq, it->n.subject);
	tmpl_raw(rq, "</h3><dl class=\"meta\">");	/* literal */
	layout_wrap(rq, "<dt>", MSG_WEB_UNOTICE_SENT_AT, "</dt><dd>");
	tmpl_time(rq, it->n.created_at);
	tmpl_raw(rq, "</dd>");	/* literal */
	layout_wrap(rq, "<dt>", MSG_WEB_UNOTICE_SENDER, "</dt><dd>");
	if (it->author[0] != '\0')
		tmpl_text(rq, it->author);
	else
		layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_CASE_SYSTEM, "</span>");
	tmpl_raw(rq, "</dd>");	/* literal */
	layout_dl_text(rq, MSG_WEB_UNOTICE_SUPPORT, it->n.support_channel, false);
	tmpl_raw(rq, "</dl><details><summary>");	/* literal */
	tmpl_msg(rq, MSG_WEB_UNOTICE_TEXT);
	tmpl_raw(rq, "</summary><div class=\"pre-line\">");	/* literal */
	tmpl_text(rq, it->n.body);
	tmpl_raw(rq, "</div></details>\n<div class=\"table-wrap\"><table class=\"data "
	    "unotice-recipients\"><thead><tr>");	/* literal */
	layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_UNOTICE_H_RECIPIENT, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_UNOTICE_H_SOURCE, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_UNOTICE_H_STATUS, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_UNOTICE_H_ATTEMPTS, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_UNOTICE_H_ERROR, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_UNOTICE_H_DELIVERED, "</th>");
	tmpl_raw(rq, "</tr></thead><tbody>\n");	/* literal */
	for (i = 0; i < it->nto; i++)
		recipient_row(rq, &it->to[i]);
	tmpl_raw(rq, "</tbody></table></div></li>\n");	/* literal */
}

/* Who "include the downstream vendors" reaches: each organisation and its addresses. */
static void
downstream_list(struct req *rq, const struct user_notice_draft *d)
{
	const struct unotice_org	*o;
	size_t				 i, j;

	if (d->ndownstream == 0) {
		layout_wrap(rq, "<p class=\"hint\">", MSG_WEB_UNOTICE_DOWNSTREAM_NONE, "</p>");
		return;
	}
	tmpl_raw(rq, "<ul class=\"plain unotice-downstream\">");	/* literal */
	for (i = 0; i < d->ndownstream; i++) {
		o = &d->downstream[i];
		tmpl_raw(rq, "<li>");	/* literal */
		tmpl_text(rq, o->name);
		tmpl_raw(rq, " <code>");	/* literal */
		tmpl_text(rq, o->slug);
		tmpl_raw(rq, "</code>");	/* literal */
		if (!o->in_case)
			layout_wrap(rq, " <span class=\"badge\">", MSG_WEB_UNOTICE_PROPOSED,
			    "</span>");
		tmpl_msg(rq, MSG_WEB_LABEL_SEP);
		if (o->naddresses == 0)
			layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_UNOTICE_NO_ADDRESS,
			    "</span>");
		for (j = 0; j < o->naddresses; j++) {
			tmpl_raw(rq, j > 0 ? ", <code>" : "<code>");	/* literal: either */
			tmpl_text(rq, o->addresses[j]);
			tmpl_raw(rq, "</code>");	/* literal */
		}
		tmpl_raw(rq, "</li>");	/* literal */
	}
	tmpl_raw(rq, "</ul>\n");	/* literal */
}

static void
compose_form(struct req *rq, const struct case_view *v, const struct cw_unotices *u)
{
	const struct user_notice_draft	*d = &u->draft;
	struct layout_control	 c_subject = { "subject", "f-un-subject",
				    MSG_WEB_UNOTICE_F_SUBJECT, NULL, MSG_OK, NULL,
				    problem(rq, v, "subject"), false, false };
	struct layout_control	 c_body = { "body", "f-un-body", MSG_WEB_UNOTICE_F_BODY, NULL,
				    MSG_OK, NULL, problem(rq, v, "body"), false, false };
	struct layout_control	 c_support = { "support_channel", "f-un-support",
				    MSG_WEB_UNOTICE_F_SUPPORT, NULL, MSG_WEB_UNOTICE_F_SUPPORT_HINT,
				    NULL, problem(rq, v, "support_channel"), true, false };
	struct layout_control	 c_rcpts = { "recipients", "f-un-recipients",
				    MSG_WEB_UNOTICE_F_RECIPIENTS, NULL, MSG_OK, NULL,
				    problem(rq, v, "recipients"), true, false };
	struct layout_control	 c_down = { "include_downstream", "f-un-downstream",
				    MSG_WEB_UNOTICE_F_DOWNSTREAM, NULL, MSG_OK, NULL,
				    problem(rq, v, "include_downstream"), false, true };
	bool			 down;
	size_t			 i, naddr = 0;

	for (i = 0; i < d->ndownstream; i++)
		naddr += d->downstream[i].naddresses;
	/* Checked by default when there is someone downstream to tell. */
	down = ours_failed(v) ? v->t.ext[UNX_DOWNSTREAM] != NULL &&
	    v->t.ext[UNX_DOWNSTREAM][0] != '\0' : naddr > 0;
	c_rcpts.hint_text = layout_msgf(rq, MSG_WEB_UNOTICE_F_RECIPIENTS_HINT,
	    UNOTICE_RCPTS_MAX);
	layout_wrap(rq, "<h3 id=\"user-notice-new\">", MSG_WEB_UNOTICE_NEW, "</h3>\n");
	layout_wrap(rq, "<p class=\"hint\">", MSG_WEB_UNOTICE_NEW_HINT, "</p>\n");
	if (ours_failed(v))
		cw_form_errors(rq, v, CFORM_EXT);
	tmpl_raw(rq, "<form class=\"stack wide unotice-form\" method=\"post\"");	/* literal */
	tmpl_attr(rq, "action", arena_printf(rq->arena, "/cases/%s/user-notices", v->k.id));
	tmpl_raw(rq, ">");	/* literal */
	tmpl_csrf(rq);
	layout_text_input(rq, &c_subject, "text", typed(v, UNX_SUBJECT, d->subject),
	    UNOTICE_SUBJECT_MAX, false);
	layout_textarea(rq, &c_body, typed(v, UNX_BODY, d->body), UN_BODY_ROWS, 0, false);
	layout_text_input(rq, &c_support, "text", typed(v, UNX_SUPPORT, d->support_channel),
	    UNOTICE_SUPPORT_MAX, false);
	layout_control_open(rq, &c_down);
	tmpl_raw(rq, "<div class=\"check\"><input type=\"checkbox\" value=\"on\"");	/* literal */
	layout_control_attrs(rq, &c_down);
	if (down)
		tmpl_raw(rq, " checked");	/* literal */
	tmpl_raw(rq, "><label for=\"f-un-downstream\">");	/* literal */
	tmpl_msg(rq, MSG_WEB_UNOTICE_F_DOWNSTREAM);
	tmpl_raw(rq, "</label></div>");	/* literal */
	downstream_list(rq, d);
	layout_control_error(rq, &c_down);
	tmpl_raw(rq, "</div>\n");	/* literal */
	layout_textarea(rq, &c_rcpts, typed(v, UNX_RCPTS, ""), UN_RCPTS_ROWS, 0, false);
	layout_submit(rq, MSG_WEB_UNOTICE_SUBMIT);
	tmpl_raw(rq, "</form>\n");	/* literal */
}

void
cw_unotices_section(struct req *rq, const struct case_view *v)
{
	const struct cw_unotices	*u = v->unotices;
	size_t				 i;

	if (!v->staff || u == NULL)
		return;
	tmpl_raw(rq, "<section class=\"detail\" id=\"user-notices\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_UNOTICE_SEC, "</h2>\n");
	layout_wrap(rq, "<p class=\"hint\">", MSG_WEB_UNOTICE_INTRO, "</p>\n");
	if (u->n == 0)
		layout_wrap(rq, "<p class=\"muted\">", MSG_WEB_UNOTICE_NONE, "</p>\n");
	else {
		tmpl_raw(rq, "<ol class=\"plain unotices\">");	/* literal */
		for (i = 0; i < u->n; i++)
			notice_item(rq, &u->items[i]);
		tmpl_raw(rq, "</ol>\n");	/* literal */
	}
	if (u->can_send)
		compose_form(rq, v, u);
	else {
		/* A refusal of a form posted before the case moved back still shows. */
		if (ours_failed(v))
			cw_form_errors(rq, v, CFORM_EXT);
		layout_wrap(rq, "<p class=\"muted\">", MSG_WEB_UNOTICE_NOT_YET, "</p>\n");
	}
	tmpl_raw(rq, "</section>\n");	/* literal */
}

/*
 * The addresses typed, one per line (blank lines and surrounding spaces
 * dropped).  At most UNOTICE_RCPTS_MAX + 1 are kept: one more than allowed
 * is enough for svc/ to refuse them as too many.
 */
static size_t
split_lines(struct req *rq, const char *text, const char ***out)
{
	struct str	 rest = str_from(text), line;
	const char	**v;
	size_t		 n = 0;

	v = arena_calloc(rq->arena, UNOTICE_RCPTS_MAX + 2, sizeof(*v));
	while (rest.n > 0 && n <= UNOTICE_RCPTS_MAX) {
		line = str_split(&rest, '\n');
		while (line.n > 0 && (line.p[line.n - 1] == '\r' || line.p[line.n - 1] == ' ' ||
		    line.p[line.n - 1] == '\t'))
			line.n--;
		line = str_trim(line);
		if (line.n > 0)
			v[n++] = arena_strndup(rq->arena, line.p, line.n);
	}
	*out = v;
	return n;
}

static enum app_err
unotice_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct case_typed	 t = { 0 };
	struct user_notice_item	 out;
	const char		*id = cw_case_id(req_param(rq, UNP_ID));
	const char		**rcpts;
	size_t			 n;
	bool			 down;
	int			 status;
	enum app_err		 er, rer;

	if (id == NULL)
		return req_fail(rq, APP_NOTFOUND, "id", MSG_ERR_NO_SUCH_CASE);
	t.ext_form = "unotice";
	t.ext[UNX_SUBJECT] = web_pstr(req_param(rq, UNP_SUBJECT));
	t.ext[UNX_BODY] = web_pstr(req_param(rq, UNP_BODY));
	t.ext[UNX_SUPPORT] = web_pstr(req_param(rq, UNP_SUPPORT));
	t.ext[UNX_RCPTS] = web_pstr(req_param(rq, UNP_RCPTS));
	down = req_param(rq, UNP_DOWNSTREAM)->b;
	t.ext[UNX_DOWNSTREAM] = down ? "on" : "";
	n = split_lines(rq, t.ext[UNX_RCPTS], &rcpts);
	if ((er = svc_user_notice_send(&c, id, t.ext[UNX_SUBJECT], t.ext[UNX_BODY],
	    t.ext[UNX_SUPPORT], rcpts, n, down, &out, &f)) == APP_OK)
		return resp_redirect(rq, arena_printf(rq->arena, "/cases/%s#user-notices", id));
	er = web_fault(rq, er, &f);
	status = web_form_status(rq, er, &f);
	/* A case not there: not found, never a form. */
	if (er == APP_NOTFOUND && f.field != NULL && strcmp(f.field, "id") == 0)
		status = 0;
	if (status != 0 && (rer = case_page(rq, status, id, CFORM_EXT, &t)) != APP_OK)
		er = rer;
	return er;
}

const struct route unotice_web_routes[] = {
	{ HTTP_POST, "/cases/{id}/user-notices", PERM_CASES_MANAGE, R_WEB | R_FORM,
	    PARAMS(unotice_params), unotice_post },
};
const size_t	unotice_web_nroutes = sizeof(unotice_web_routes) / sizeof(unotice_web_routes[0]);
