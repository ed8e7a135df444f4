/*
 * The report intake pages: the form (submitted through svc_report_submit,
 * the use case the API calls too) and the receipt with its inclusion proof
 * and a JSON download that `loudong receipt verify` checks offline.  The
 * list and the report view are in report_views.c.  Need-to-know is
 * svc_report_read's: a report that is not the reader's to see is "not
 * found", never "forbidden".
 */
#include <string.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/sbuf.h"
#include "crypto/crypto.h"
#include "domain/report.h"
#include "http/auth.h"
#include "store/store.h"
#include "svc/apps.h"
#include "svc/intake.h"
#include "svc/pfiling.h"
#include "web/apps_int.h"
#include "web/layout.h"
#include "web/markdown.h"
#include "web/tmpl.h"
#include "web/reports_int.h"
#include "web/web_int.h"

/* The configuration key a refused anonymous report rests on. */
#define RULE_ANON_INTAKE	"intake.allow_anonymous"

/*
 * Transport bounds of the form's text fields.  They are loose on purpose:
 * report_check applies the real limits and names every field it refuses,
 * so the form comes back with each problem beside its field instead of an
 * error page about the first one.  Every text field binds as multiline for
 * the same reason (a newline in a title is report_check's to explain).
 */
#define RF_BIND_MAX		REPORT_MD_MAX
#define RF_CHOICE_MAX		32	/* kind, credit: our own option values */

/* The form field file parts must come from. */
#define RF_FILES		"files"

const struct param report_new_params[REPORT_NEW__MAX] = {
	[REPORT_NEW_TITLE] = { "title", PARAM_MULTILINE, .max = RF_BIND_MAX },	/* report_check */
	[REPORT_NEW_KIND] = { "kind", PARAM_TEXT, .max = RF_CHOICE_MAX },	/* report_kind_parse */
	[REPORT_NEW_VENDOR] = { "vendor", PARAM_MULTILINE, .max = RF_BIND_MAX },	/* report_check */
	[REPORT_NEW_PRODUCT] = { "product", PARAM_MULTILINE, .max = RF_BIND_MAX },	/* report_check */
	[REPORT_NEW_MODEL] = { "model", PARAM_MULTILINE, .max = RF_BIND_MAX },	/* report_check */
	[REPORT_NEW_VERSIONS] = { "versions", PARAM_MULTILINE, .max = RF_BIND_MAX },	/* report_check */
	[REPORT_NEW_WEAKNESS] = { "weakness", PARAM_MULTILINE, .max = RF_BIND_MAX },	/* report_check */
	[REPORT_NEW_CVSS] = { "cvss_vector", PARAM_MULTILINE, .max = RF_BIND_MAX },	/* report_check */
	[REPORT_NEW_DISCOVERED] = { "discovered_at", PARAM_MULTILINE,
	    .max = RF_BIND_MAX },					/* YYYY-MM-DD */
	[REPORT_NEW_DESCRIPTION] = { "description", PARAM_MULTILINE,
	    .max = RF_BIND_MAX },					/* Markdown */
	[REPORT_NEW_REPRODUCTION] = { "reproduction", PARAM_MULTILINE,
	    .max = RF_BIND_MAX },					/* Markdown */
	[REPORT_NEW_IMPACT] = { "impact", PARAM_MULTILINE, .max = RF_BIND_MAX },	/* Markdown */
	[REPORT_NEW_FIX] = { "suggested_fix", PARAM_MULTILINE, .max = RF_BIND_MAX },	/* Markdown */
	[REPORT_NEW_CONTACTED] = { "vendor_contacted", PARAM_BOOL },	/* checkbox */
	[REPORT_NEW_CONTACT] = { "vendor_contact", PARAM_MULTILINE,
	    .max = RF_BIND_MAX },					/* plain text */
	[REPORT_NEW_PLAN] = { "disclosure_plan", PARAM_MULTILINE,
	    .max = RF_BIND_MAX },					/* plain text */
	[REPORT_NEW_CREDIT] = { "credit", PARAM_TEXT, .max = RF_CHOICE_MAX },	/* report_credit_parse */
	[REPORT_NEW_ALIAS] = { "credit_alias", PARAM_MULTILINE, .max = RF_BIND_MAX },	/* report_check */
};

const struct param reports_params[REPORTS__MAX] = {
	[REPORTS_STATUS] = { "status", PARAM_TEXT, .max = RF_CHOICE_MAX },	/* a status name */
	[REPORTS_KIND] = { "kind", PARAM_TEXT, .max = RF_CHOICE_MAX },	/* a kind name */
	[REPORTS_Q] = { "q", PARAM_TEXT, .max = 100 },		/* as the API allows */
	[REPORTS_BEFORE] = { "before", PARAM_I64, .min = 1,
	    .max = INT64_MAX },					/* cursor: a leaf index */
	[REPORTS_APP] = { "app", PARAM_TEXT, .max = APP_QUERY_MAX },	/* svc_app_filters */
	[REPORTS_PLATFORM] = { "platform", PARAM_TEXT, .max = RF_CHOICE_MAX },	/* a platform */
};

/*
 * A report id from the path: report_id_valid decides, so that anything
 * that is not one is "not found" like an id nobody may see.
 */
#define RF_ID_MAX		256

const struct param report_params[REPORT__MAX] = {
	[REPORT_ID] = { "id", PARAM_TEXT, .max = RF_ID_MAX,
	    .required = true },					/* report_id_valid */
};

const struct param receipt_params[RECEIPT__MAX] = {
	[RECEIPT_ID] = { "id", PARAM_TEXT, .max = RF_ID_MAX,
	    .required = true },					/* report_id_valid */
	[RECEIPT_NEW] = { "new", PARAM_BOOL },			/* just submitted */
};

static const enum msg_id rkind_msgs[RKIND__MAX] = {
	[RKIND_GENERIC] = MSG_WEB_RKIND_GENERIC,
	[RKIND_INCIDENT] = MSG_WEB_RKIND_INCIDENT,
};

static const enum msg_id rstatus_msgs[RSTATUS__MAX] = {
	[RSTATUS_RECEIVED] = MSG_WEB_RSTATUS_RECEIVED,
	[RSTATUS_ACKNOWLEDGED] = MSG_WEB_RSTATUS_ACKNOWLEDGED,
	[RSTATUS_TRIAGE] = MSG_WEB_RSTATUS_TRIAGE,
	[RSTATUS_ACCEPTED] = MSG_WEB_RSTATUS_ACCEPTED,
	[RSTATUS_DUPLICATE] = MSG_WEB_RSTATUS_DUPLICATE,
	[RSTATUS_REJECTED] = MSG_WEB_RSTATUS_REJECTED,
	[RSTATUS_NEEDS_INFO] = MSG_WEB_RSTATUS_NEEDS_INFO,
};

static const enum msg_id rcredit_msgs[RCREDIT__MAX] = {
	[RCREDIT_NAME] = MSG_WEB_RCREDIT_NAME,
	[RCREDIT_ALIAS] = MSG_WEB_RCREDIT_ALIAS,
	[RCREDIT_ANONYMOUS] = MSG_WEB_RCREDIT_ANONYMOUS,
};

static const enum msg_id rchan_msgs[RCHAN__MAX] = {
	[RCHAN_WEB] = MSG_WEB_RCHAN_WEB,
	[RCHAN_API] = MSG_WEB_RCHAN_API,
	[RCHAN_EMAIL] = MSG_WEB_RCHAN_EMAIL,
	[RCHAN_FEDERATION] = MSG_WEB_RCHAN_FEDERATION,
};

/* The controls of the form. */
enum rf_kind {
	RF_TEXT,	/* one line */
	RF_DATE,	/* <input type=date> */
	RF_AREA,	/* a textarea */
	RF_KIND,	/* the kind <select> */
	RF_CHECK,	/* a checkbox */
	RF_CREDIT,	/* the credit <select> */
};

/* How each field of report_new_params is shown, in the order shown. */
struct rfield {
	enum msg_id	 section;	/* opens a fieldset with this legend; MSG_OK: none */
	enum msg_id	 intro;		/* below the legend; MSG_OK: none */
	enum rf_kind	 kind;		/* the control */
	enum msg_id	 label;		/* what it is */
	enum msg_id	 hint;		/* help below the label; MSG_OK: none */
	int		 maxlength;	/* in characters; 0: none */
	int		 rows;		/* textareas */
	bool		 required;	/* report_check insists */
};

static const struct rfield rfields[REPORT_NEW__MAX] = {
	[REPORT_NEW_TITLE] = { MSG_WEB_REPORT_SEC_WHAT, MSG_OK, RF_TEXT,
	    MSG_WEB_REPORT_F_TITLE, MSG_WEB_REPORT_F_TITLE_HINT, REPORT_TITLE_MAX,
	    0, true },
	[REPORT_NEW_KIND] = { MSG_OK, MSG_OK, RF_KIND, MSG_WEB_REPORT_F_KIND,
	    MSG_WEB_REPORT_F_KIND_HINT, 0, 0, true },
	[REPORT_NEW_VENDOR] = { MSG_OK, MSG_OK, RF_TEXT, MSG_WEB_REPORT_F_VENDOR,
	    MSG_WEB_REPORT_F_VENDOR_HINT, REPORT_NAME_MAX, 0, false },
	[REPORT_NEW_PRODUCT] = { MSG_OK, MSG_OK, RF_TEXT, MSG_WEB_REPORT_F_PRODUCT,
	    MSG_WEB_REPORT_F_PRODUCT_HINT, REPORT_NAME_MAX, 0, true },
	[REPORT_NEW_MODEL] = { MSG_OK, MSG_OK, RF_TEXT, MSG_WEB_REPORT_F_MODEL,
	    MSG_OK, REPORT_NAME_MAX, 0, false },
	[REPORT_NEW_VERSIONS] = { MSG_OK, MSG_OK, RF_TEXT, MSG_WEB_REPORT_F_VERSIONS,
	    MSG_WEB_REPORT_F_VERSIONS_HINT, REPORT_VERSIONS_MAX, 0, false },
	[REPORT_NEW_WEAKNESS] = { MSG_WEB_REPORT_SEC_TECH, MSG_OK, RF_TEXT,
	    MSG_WEB_REPORT_F_WEAKNESS, MSG_WEB_REPORT_F_WEAKNESS_HINT,
	    REPORT_SHORT_MAX, 0, false },
	[REPORT_NEW_CVSS] = { MSG_OK, MSG_OK, RF_TEXT, MSG_WEB_REPORT_F_CVSS,
	    MSG_WEB_REPORT_F_CVSS_HINT, REPORT_SHORT_MAX, 0, false },
	[REPORT_NEW_DISCOVERED] = { MSG_OK, MSG_OK, RF_DATE,
	    MSG_WEB_REPORT_F_DISCOVERED, MSG_WEB_REPORT_F_DISCOVERED_HINT, 0, 0,
	    false },
	[REPORT_NEW_DESCRIPTION] = { MSG_WEB_REPORT_SEC_DETAILS,
	    MSG_WEB_REPORT_SEC_DETAILS_INTRO, RF_AREA, MSG_WEB_REPORT_F_DESCRIPTION,
	    MSG_WEB_REPORT_F_DESCRIPTION_HINT, 0, 10, true },
	[REPORT_NEW_REPRODUCTION] = { MSG_OK, MSG_OK, RF_AREA,
	    MSG_WEB_REPORT_F_REPRODUCTION, MSG_WEB_REPORT_F_REPRODUCTION_HINT, 0,
	    10, false },
	[REPORT_NEW_IMPACT] = { MSG_OK, MSG_OK, RF_AREA, MSG_WEB_REPORT_F_IMPACT,
	    MSG_WEB_REPORT_F_IMPACT_HINT, 0, 5, false },
	[REPORT_NEW_FIX] = { MSG_OK, MSG_OK, RF_AREA, MSG_WEB_REPORT_F_FIX,
	    MSG_WEB_REPORT_F_FIX_HINT, 0, 5, false },
	[REPORT_NEW_CONTACTED] = { MSG_WEB_REPORT_SEC_DISCLOSURE, MSG_OK, RF_CHECK,
	    MSG_WEB_REPORT_F_CONTACTED, MSG_OK, 0, 0, false },
	[REPORT_NEW_CONTACT] = { MSG_OK, MSG_OK, RF_AREA, MSG_WEB_REPORT_F_CONTACT,
	    MSG_WEB_REPORT_F_CONTACT_HINT, REPORT_TEXT_MAX, 3, false },
	[REPORT_NEW_PLAN] = { MSG_OK, MSG_OK, RF_AREA, MSG_WEB_REPORT_F_PLAN,
	    MSG_WEB_REPORT_F_PLAN_HINT, REPORT_TEXT_MAX, 3, false },
	[REPORT_NEW_CREDIT] = { MSG_WEB_REPORT_SEC_CREDIT, MSG_OK, RF_CREDIT,
	    MSG_WEB_REPORT_F_CREDIT, MSG_WEB_REPORT_F_CREDIT_HINT, 0, 0, false },
	[REPORT_NEW_ALIAS] = { MSG_OK, MSG_OK, RF_TEXT, MSG_WEB_REPORT_F_ALIAS,
	    MSG_WEB_REPORT_F_ALIAS_HINT, REPORT_ALIAS_MAX, 0, false },
};

/* What was typed into the form, to show it again. */
struct typed {
	const char	*v[REPORT_NEW__MAX];	/* each field's text, "" if none */
	bool		 contacted;		/* the checkbox */
	struct appinfo	 app;			/* the app fields (issue 9) */
};

enum msg_id
rp_kind_msg(enum report_kind k)
{
	return (unsigned)k < RKIND__MAX ? rkind_msgs[k] : MSG_WEB_NONE;
}

enum msg_id
rp_channel_msg(enum report_channel c)
{
	return (unsigned)c < RCHAN__MAX ? rchan_msgs[c] : MSG_WEB_NONE;
}

enum msg_id
rp_credit_msg(enum report_credit c)
{
	return (unsigned)c < RCREDIT__MAX ? rcredit_msgs[c] : MSG_WEB_NONE;
}

enum msg_id
rp_status_msg(enum report_status s)
{
	return (unsigned)s < RSTATUS__MAX ? rstatus_msgs[s] : MSG_WEB_NONE;
}

/* A byte count as people read it (units are symbols, the same in both languages). */
const char *
rp_size_text(struct req *rq, int64_t n)
{
	if (n < 1024)
		return arena_printf(rq->arena, "%lld B", (long long)n);
	if (n < 1024 * 1024)
		return arena_printf(rq->arena, "%lld KiB", (long long)((n + 1023) / 1024));
	if (n % (1024 * 1024) == 0)
		return arena_printf(rq->arena, "%lld MiB", (long long)(n / (1024 * 1024)));
	return arena_printf(rq->arena, "%.1f MiB", (double)n / (1024.0 * 1024.0));
}

static const char *
b64(struct req *rq, const void *p, size_t n)
{
	return crypto_b64_arena(rq->arena, p, n);
}

/* The label of a form field by name, for the error summary. */
static enum msg_id
field_label(const char *name)
{
	size_t	i;
	int	a;

	for (i = 0; i < REPORT_NEW__MAX; i++)
		if (strcmp(report_new_params[i].name, name) == 0)
			return rfields[i].label;
	if ((a = app_field_parse(str_from(name))) >= 0)
		return app_fields[a].label;
	return strcmp(name, RF_FILES) == 0 ? MSG_WEB_REPORT_F_FILES : MSG_WEB_NONE;
}

/* Where the error summary links a field's problem to, and what it calls it. */
static void
summary_target(struct req *rq, const char *field, const char **id, const char **label)
{
	*id = arena_printf(rq->arena, "f-%s", field);
	*label = req_msg(rq, field_label(field));
}

/* A field's control as layout draws it (its problem from rq->errors). */
static struct layout_control
rf_control(struct req *rq, const char *name, const struct rfield *f, const char *id,
    enum msg_id hint, const char *hint_text)
{
	return (struct layout_control){ name, id, f->label, NULL, hint, hint_text,
	    layout_field_problem(rq, name), !f->required, f->kind == RF_CHECK };
}

/* id, name, description, validity, and the report form's own limits. */
static void
rf_attrs(struct req *rq, const struct layout_control *c, const struct rfield *f)
{
	layout_control_attrs(rq, c);
	if (f->required)
		tmpl_raw(rq, " required");	/* literal */
	if (f->maxlength > 0)
		tmpl_attr(rq, "maxlength", arena_printf(rq->arena, "%d", f->maxlength));
}

static void
rf_options(struct req *rq, const struct layout_option *opts, size_t n,
    const char *value)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		tmpl_raw(rq, "<option");	/* literal */
		tmpl_attr(rq, "value", opts[i].value);
		if (strcmp(value, opts[i].value) == 0)
			tmpl_raw(rq, " selected");	/* literal */
		tmpl_raw(rq, ">");	/* literal */
		tmpl_msg(rq, opts[i].label);
		tmpl_raw(rq, "</option>");	/* literal */
	}
}

/* One field of the form, with what was typed into it. */
static void
rf_field(struct req *rq, size_t i, const struct typed *t)
{
	const struct rfield	*f = &rfields[i];
	const char		*name = report_new_params[i].name;
	const char		*id = arena_printf(rq->arena, "f-%s", name);
	struct layout_control	 c;
	struct layout_option	 opts[RCREDIT__MAX + 1];
	size_t			 nopts = 0;
	int			 k;

	c = rf_control(rq, name, f, id, f->hint, NULL);
	layout_control_open(rq, &c);
	switch (f->kind) {
	case RF_TEXT:
	case RF_DATE:
		tmpl_raw(rq, f->kind == RF_DATE ? "<input type=\"date\"" :
		    "<input type=\"text\"");	/* literal: either */
		rf_attrs(rq, &c, f);
		tmpl_attr(rq, "value", t->v[i]);
		/* The live score (scoring.js); without JavaScript a submit checks it. */
		if (i == REPORT_NEW_CVSS)
			assess_cvss_attr(rq, id);
		/* CWE names to pick from (scoring.js, once a CWE list is imported). */
		if (i == REPORT_NEW_WEAKNESS)
			tmpl_raw(rq, " list=\"f-weakness-options\" "
			    "data-cwe-input=\"f-weakness-options\"");	/* literal */
		tmpl_raw(rq, ">");	/* literal */
		if (i == REPORT_NEW_CVSS)
			assess_cvss_output(rq, id, t->v[i]);
		if (i == REPORT_NEW_WEAKNESS)
			tmpl_raw(rq, "<datalist id=\"f-weakness-options\"></datalist>");	/* literal */
		break;
	case RF_AREA:
		tmpl_raw(rq, "<textarea");	/* literal */
		rf_attrs(rq, &c, f);
		tmpl_attr(rq, "rows", arena_printf(rq->arena, "%d", f->rows));
		tmpl_raw(rq, ">");	/* literal */
		/* A textarea drops one leading newline: keep a typed one. */
		if (t->v[i][0] == '\n')
			tmpl_raw(rq, "\n");	/* literal */
		tmpl_text(rq, t->v[i]);
		tmpl_raw(rq, "</textarea>");	/* literal */
		break;
	case RF_KIND:
		/* No default: the kind decides how the report is handled. */
		opts[nopts++] = (struct layout_option){ "", MSG_WEB_REPORT_KIND_CHOOSE };
		for (k = 0; k < RKIND__MAX; k++)
			opts[nopts++] = (struct layout_option){
			    report_kind_name((enum report_kind)k), rkind_msgs[k] };
		tmpl_raw(rq, "<select");	/* literal */
		rf_attrs(rq, &c, f);
		tmpl_raw(rq, ">");	/* literal */
		rf_options(rq, opts, nopts, t->v[i]);
		tmpl_raw(rq, "</select>");	/* literal */
		break;
	case RF_CREDIT:
		for (k = 0; k < RCREDIT__MAX; k++) {
			/* Without an account there is no name to credit. */
			if (k == RCREDIT_NAME && rq->user == NULL)
				continue;
			opts[nopts++] = (struct layout_option){
			    report_credit_name((enum report_credit)k), rcredit_msgs[k] };
		}
		tmpl_raw(rq, "<select");	/* literal */
		rf_attrs(rq, &c, f);
		tmpl_raw(rq, ">");	/* literal */
		rf_options(rq, opts, nopts, t->v[i]);
		tmpl_raw(rq, "</select>");	/* literal */
		break;
	case RF_CHECK:
		tmpl_raw(rq, "<div class=\"check\"><input type=\"checkbox\" "
		    "value=\"on\"");	/* literal */
		rf_attrs(rq, &c, f);
		if (t->contacted)
			tmpl_raw(rq, " checked");	/* literal */
		tmpl_raw(rq, "><label");	/* literal */
		tmpl_attr(rq, "for", id);
		tmpl_raw(rq, ">");	/* literal */
		tmpl_msg(rq, f->label);
		tmpl_raw(rq, "</label></div>");	/* literal */
		layout_control_error(rq, &c);
		break;
	}
	tmpl_raw(rq, "</div>\n");	/* literal */
}

/* The file input: not a declared parameter, its parts arrive in rq->files. */
static void
rf_files(struct req *rq, bool again)
{
	static const struct rfield	 f = { MSG_OK, MSG_OK, RF_TEXT,
	    MSG_WEB_REPORT_F_FILES, MSG_OK, 0, 0, false };
	const struct config		*cfg = rq->cfg;
	const char			*id = "f-" RF_FILES;
	struct layout_control		 c;

	layout_wrap(rq, "<fieldset class=\"group\"><legend>", MSG_WEB_REPORT_SEC_FILES,
	    "</legend>");
	c = rf_control(rq, RF_FILES, &f, id, MSG_OK, layout_msgf(rq,
	    MSG_WEB_REPORT_F_FILES_HINT, cfg->attachments_max,
	    rp_size_text(rq, cfg->attachment_max_bytes),
	    rp_size_text(rq, cfg->attachments_total_max_bytes)));
	layout_control_open(rq, &c);
	if (again)
		layout_wrap(rq, "<p class=\"hint warn\">", MSG_WEB_REPORT_FILES_AGAIN, "</p>");
	tmpl_raw(rq, "<input type=\"file\" multiple");	/* literal */
	rf_attrs(rq, &c, &f);
	tmpl_raw(rq, "></div>\n</fieldset>\n");	/* literal */
}

/* The intake form; t holds what was typed (empty the first time). */
static void
form_page(struct req *rq, int status, const struct typed *t)
{
	size_t	i;

	resp_html(rq, status);
	layout_begin(rq, MSG_WEB_REPORT_NEW_TITLE);
	layout_wrap(rq, "<h1>", MSG_WEB_REPORT_NEW_TITLE, "</h1>\n");
	layout_wrap(rq, "<p class=\"lead\">", MSG_WEB_REPORT_NEW_INTRO, "</p>\n");
	if (rq->user == NULL) {
		tmpl_raw(rq, "<div class=\"flash flash-warn\" role=\"status\"><p>");	/* literal */
		tmpl_msg(rq, MSG_WEB_REPORT_ANON_NOTICE);
		tmpl_raw(rq, " ");	/* literal */
		layout_link(rq, "/login?next=/reports/new", MSG_WEB_NAV_LOGIN);
		tmpl_raw(rq, "</p></div>\n");	/* literal */
	}
	layout_error_summary(rq, summary_target);
	tmpl_raw(rq, "<form class=\"stack wide report-form\" method=\"post\" "
	    "action=\"/reports/new\" enctype=\"multipart/form-data\">");	/* literal */
	tmpl_csrf(rq);
	for (i = 0; i < REPORT_NEW__MAX; i++) {
		if (rfields[i].section != MSG_OK) {
			if (i > 0)
				tmpl_raw(rq, "</fieldset>\n");	/* literal */
			layout_wrap(rq, "<fieldset class=\"group\"><legend>",
			    rfields[i].section, "</legend>");
			if (rfields[i].intro != MSG_OK)
				layout_wrap(rq, "<p class=\"hint\">", rfields[i].intro, "</p>");
		}
		rf_field(rq, i, t);
	}
	tmpl_raw(rq, "</fieldset>\n");	/* literal */
	/* The app it is in (issue 9): open on a library of apps, optional everywhere. */
	wa_fieldset(rq, &t->app, svc_app_library(rq->cfg), NULL);
	/* Browsers do not keep chosen files when a form comes back. */
	rf_files(rq, rq->nfiles > 0);
	layout_wrap(rq, "<p class=\"hint\">", MSG_WEB_REPORT_CONFIDENTIAL, "</p>");
	layout_submit(rq, MSG_WEB_REPORT_SUBMIT);
	tmpl_raw(rq, "</form>\n");	/* literal */
	assess_script(rq);
	layout_end(rq);
}

/*
 * Who may submit.  APP_OK to go on, or the refusal: an account with a
 * one-time password changes it first (as on every page that needs an
 * account), and without an account only instances that take anonymous
 * reports accept one.
 */
static enum app_err
may_submit(struct req *rq)
{
	struct svc_ctx	c = web_ctx(rq);
	struct fault	f = { .er = APP_OK };
	enum app_err	er = APP_OK;

	if (rq->user != NULL && rq->user->must_change_password)
		er = req_deny(rq, AUTH_RULE_PWCHANGE, MSG_ERR_PASSWORD_CHANGE_REQUIRED);
	else if (rq->user == NULL && !rq->cfg->allow_anonymous)
		er = req_deny(rq, RULE_ANON_INTAKE, MSG_ERR_ANON_INTAKE_OFF);
	/* Intake is closed until the platform is filed: the page says so and why (第八条). */
	else if ((er = svc_pfiling_intake_check(&c, &f)) != APP_OK)
		er = req_fault(rq, &f);
	return er;
}

enum app_err
reports_new_get(struct req *rq)
{
	struct typed	t;
	size_t		i;
	enum app_err	er;

	/* Asking for the form is not yet a refusal: log in first, then come back. */
	if (rq->user == NULL && !rq->cfg->allow_anonymous) {
		er = resp_redirect(rq, "/login?next=/reports/new");
		goto out;
	}
	if ((er = may_submit(rq)) != APP_OK)
		goto out;
	memset(&t, 0, sizeof(t));
	for (i = 0; i < REPORT_NEW__MAX; i++)
		t.v[i] = "";
	t.v[REPORT_NEW_CREDIT] = report_credit_name(rq->user != NULL ?
	    RCREDIT_NAME : RCREDIT_ANONYMOUS);
	form_page(rq, 200, &t);
out:
	return er;
}

/* The report as typed, for svc_report_submit. */
static void
report_from_typed(const struct req *rq, const struct typed *t, struct report *r)
{
	int	k;

	r->channel = RCHAN_WEB;
	r->title = t->v[REPORT_NEW_TITLE];
	/* Unknown or missing: report_check names the field. */
	k = report_kind_parse(str_from(t->v[REPORT_NEW_KIND]));
	r->kind = k < 0 ? RKIND__MAX : (enum report_kind)k;
	r->vendor = t->v[REPORT_NEW_VENDOR];
	r->product = t->v[REPORT_NEW_PRODUCT];
	r->model = t->v[REPORT_NEW_MODEL];
	r->versions = t->v[REPORT_NEW_VERSIONS];
	r->weakness = t->v[REPORT_NEW_WEAKNESS];
	r->cvss_vector = t->v[REPORT_NEW_CVSS];
	r->discovered_at = t->v[REPORT_NEW_DISCOVERED];
	r->details.description = t->v[REPORT_NEW_DESCRIPTION];
	r->details.reproduction = t->v[REPORT_NEW_REPRODUCTION];
	r->details.impact = t->v[REPORT_NEW_IMPACT];
	r->details.suggested_fix = t->v[REPORT_NEW_FIX];
	r->vendor_contacted = t->contacted;
	r->details.vendor_contact = t->v[REPORT_NEW_CONTACT];
	r->details.disclosure_plan = t->v[REPORT_NEW_PLAN];
	if (t->v[REPORT_NEW_CREDIT][0] == '\0')
		r->credit = rq->user != NULL ? RCREDIT_NAME : RCREDIT_ANONYMOUS;
	else {
		k = report_credit_parse(str_from(t->v[REPORT_NEW_CREDIT]));
		r->credit = k < 0 ? RCREDIT__MAX : (enum report_credit)k;
	}
	r->credit_alias = t->v[REPORT_NEW_ALIAS];
	r->app = t->app;
}

/* The file parts of the "files" input; other file parts are undeclared. */
static void
files_from_req(struct req *rq, struct intake_in *in)
{
	struct attachment_in	*files;
	int			 i, n = 0;

	files = arena_calloc(rq->arena, (size_t)rq->nfiles + 1, sizeof(*files));
	for (i = 0; i < rq->nfiles; i++) {
		if (!str_eq(rq->files[i].name, RF_FILES))
			continue;
		files[n].filename = arena_strndup(rq->arena, rq->files[i].filename.p,
		    rq->files[i].filename.n);
		files[n].data = rq->files[i].data.p;
		files[n].size = rq->files[i].data.n;
		n++;
	}
	in->files = files;
	in->nfiles = n;
}

/* Append s as the body of a JSON string. */
static void
json_str(struct sbuf *sb, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			sbuf_addf(sb, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			sbuf_addf(sb, "\\u%04x", (unsigned)(unsigned char)*s);
		else
			sbuf_addch(sb, *s);
	}
}

/*
 * The receipt as the API's 201 answer has it ({"id", "receipt": {"leaf",
 * "leaf_index", "sth", "inclusion_proof"}}), which `loudong receipt verify`
 * reads.  Built by hand: apart from the id every value is base64 or a
 * number, and the web layer has no business with jansson.
 */
static const char *
receipt_json(struct req *rq, const struct intake_receipt *rc)
{
	struct sbuf	sb;
	size_t		i;

	sbuf_init(&sb, rq->arena, 0);
	sbuf_addstr(&sb, "{\n  \"id\": \"");
	json_str(&sb, rc->id);
	sbuf_addf(&sb, "\",\n  \"receipt\": {\n    \"leaf\": \"%s\",\n"
	    "    \"leaf_index\": %lld,\n    \"sth\": {\n      \"tree_size\": %lld,\n"
	    "      \"timestamp\": %lld,\n      \"root_hash\": \"%s\",\n"
	    "      \"signature\": \"%s\"\n    },\n    \"inclusion_proof\": [",
	    b64(rq, rc->leaf, rc->leaf_len), (long long)rc->leaf_index,
	    (long long)rc->sth.tree_size, (long long)rc->sth.timestamp,
	    b64(rq, rc->sth.root, sizeof(rc->sth.root)),
	    b64(rq, rc->sth.signature, sizeof(rc->sth.signature)));
	for (i = 0; i < rc->nproof; i++)
		sbuf_addf(&sb, "%s\n      \"%s\"", i > 0 ? "," : "",
		    b64(rq, rc->proof[i], MERKLE_HASH));
	sbuf_addstr(&sb, rc->nproof > 0 ? "\n    ]\n  }\n}\n" : "]\n  }\n}\n");
	return sb.buf;
}

/* The name the receipt is saved under, in the page's instructions and the download. */
static const char *
receipt_filename(struct req *rq, const char *id)
{
	return arena_printf(rq->arena, "%s-receipt.json", id);
}

/* A <dt>term</dt><dd><code>value</code></dd> pair. */
static void
dl_code(struct req *rq, enum msg_id term, const char *value)
{
	layout_wrap(rq, "<dt>", term, "</dt><dd><code class=\"hash\">");
	tmpl_text(rq, value);
	tmpl_raw(rq, "</code></dd>");	/* literal */
}

/* How to check the receipt offline with the CLI and the public key. */
static void
receipt_verify_help(struct req *rq, const char *file)
{
	const char	*base = rq->cfg->base_url;
	size_t		 n = strlen(base);

	/* "https://host/" and "https://host" give the same URL. */
	while (n > 0 && base[n - 1] == '/')
		n--;
	tmpl_raw(rq, "<section class=\"card\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_RECEIPT_VERIFY_HEADING, "</h2><ol class=\"steps\">");
	layout_wrap(rq, "<li><p>", MSG_WEB_RECEIPT_VERIFY_STEP1, "</p>");
	tmpl_raw(rq, "<pre class=\"cmd\"><code>curl -o loudong-log-key.json ");	/* literal */
	tmpl_textn(rq, base, n);
	tmpl_raw(rq, "/api/v1/log/key</code></pre></li>");	/* literal */
	layout_wrap(rq, "<li><p>", MSG_WEB_RECEIPT_VERIFY_STEP2, "</p>");
	tmpl_raw(rq, "<pre class=\"cmd\"><code>loudong receipt verify ");	/* literal */
	tmpl_text(rq, file);
	tmpl_raw(rq, " --key loudong-log-key.json</code></pre></li></ol>");	/* literal */
	layout_wrap(rq, "<p>", MSG_WEB_RECEIPT_VERIFY_RESULT, "</p>");
	layout_wrap(rq, "<p class=\"hint\">", MSG_WEB_RECEIPT_VERIFY_KEY, "</p>");
	tmpl_raw(rq, "</section>\n");	/* literal */
}

/*
 * The receipt.  Without an account it is shown once, in the answer to the
 * form, so its JSON is on the page to be saved; with one it can be fetched
 * again at /reports/{id}/receipt.json.
 */
static void
receipt_page(struct req *rq, int status, const struct intake_receipt *rc,
    int64_t received_at, bool fresh)
{
	const char	*file = receipt_filename(rq, rc->id);
	bool		 anonymous = rq->user == NULL;
	size_t		 i;

	resp_html(rq, status);
	layout_begin(rq, MSG_WEB_RECEIPT_TITLE);
	layout_wrap(rq, "<h1>", MSG_WEB_RECEIPT_TITLE, "</h1>\n");
	if (fresh)
		layout_flash_msg(rq, FLASH_OK, MSG_WEB_RECEIPT_RECEIVED);
	if (anonymous)
		layout_flash(rq, FLASH_WARN, layout_msgf(rq, MSG_WEB_RECEIPT_ANON_KEEP, file));
	layout_wrap(rq, "<p class=\"lead\">", MSG_WEB_RECEIPT_INTRO, "</p>\n");

	tmpl_raw(rq, "<dl class=\"meta receipt\">");	/* literal */
	layout_wrap(rq, "<dt>", MSG_WEB_RECEIPT_ID, "</dt><dd><strong><code>");
	tmpl_text(rq, rc->id);
	tmpl_raw(rq, "</code></strong></dd>");	/* literal */
	layout_wrap(rq, "<dt>", MSG_WEB_RECEIPT_TIME, "</dt><dd>");
	tmpl_time(rq, received_at);
	tmpl_raw(rq, "</dd>");	/* literal */
	layout_wrap(rq, "<dt>", MSG_WEB_RECEIPT_LEAF, "</dt><dd><pre class=\"leaf\"><code>");
	tmpl_textn(rq, rc->leaf, rc->leaf_len);
	tmpl_raw(rq, "</code></pre></dd>");	/* literal */
	layout_wrap(rq, "<dt>", MSG_WEB_RECEIPT_LEAF_INDEX, "</dt><dd>");
	tmpl_i64(rq, rc->leaf_index);
	tmpl_raw(rq, "</dd>");	/* literal */
	layout_wrap(rq, "<dt>", MSG_WEB_RECEIPT_TREE_SIZE, "</dt><dd>");
	tmpl_i64(rq, rc->sth.tree_size);
	tmpl_raw(rq, "</dd>");	/* literal */
	layout_wrap(rq, "<dt>", MSG_WEB_RECEIPT_STH_TIME, "</dt><dd>");
	tmpl_time(rq, rc->sth.timestamp / 1000);
	tmpl_raw(rq, "</dd>");	/* literal */
	dl_code(rq, MSG_WEB_RECEIPT_ROOT, b64(rq, rc->sth.root, sizeof(rc->sth.root)));
	dl_code(rq, MSG_WEB_RECEIPT_SIG, b64(rq, rc->sth.signature,
	    sizeof(rc->sth.signature)));
	layout_wrap(rq, "<dt>", MSG_WEB_RECEIPT_PROOF, "</dt><dd>");
	if (rc->nproof == 0)
		layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_RECEIPT_PROOF_EMPTY,
		    "</span>");
	else {
		tmpl_raw(rq, "<ol class=\"proof\">");	/* literal */
		for (i = 0; i < rc->nproof; i++) {
			tmpl_raw(rq, "<li><code class=\"hash\">");	/* literal */
			tmpl_text(rq, b64(rq, rc->proof[i], MERKLE_HASH));
			tmpl_raw(rq, "</code></li>");	/* literal */
		}
		tmpl_raw(rq, "</ol>");	/* literal */
	}
	tmpl_raw(rq, "</dd></dl>\n<p class=\"links-inline\">");	/* literal */
	if (!anonymous) {
		tmpl_raw(rq, "<a");	/* literal */
		tmpl_href(rq, arena_printf(rq->arena, "/reports/%s/receipt.json", rc->id));
		tmpl_attr(rq, "download", file);
		tmpl_raw(rq, ">");	/* literal */
		tmpl_msg(rq, MSG_WEB_RECEIPT_DOWNLOAD);
		tmpl_raw(rq, "</a>");	/* literal */
	}
	layout_link(rq, "/api/v1/log/key", MSG_WEB_RECEIPT_KEY);
	if (!anonymous)
		layout_link(rq, arena_printf(rq->arena, "/reports/%s", rc->id),
		    MSG_WEB_RECEIPT_BACK);
	tmpl_raw(rq, "</p>\n");	/* literal */

	/* Open for the anonymous: this page is the only copy they get. */
	tmpl_raw(rq, anonymous ? "<details class=\"receipt-json\" open>" :
	    "<details class=\"receipt-json\">");	/* literal: either */
	layout_wrap(rq, "<summary>", MSG_WEB_RECEIPT_JSON, "</summary>");
	tmpl_raw(rq, "<pre><code>");	/* literal */
	tmpl_text(rq, receipt_json(rq, rc));
	tmpl_raw(rq, "</code></pre></details>\n");	/* literal */
	receipt_verify_help(rq, file);
	layout_end(rq);
}

enum app_err
reports_new_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct intake_in	 in;
	struct intake_receipt	*rc;
	struct report_problem	 problems[REPORT_MAX_PROBLEMS];
	struct fault		 f = { .er = APP_OK };
	struct typed		 t;
	size_t			 i;
	int			 np = 0, j, status = 0;
	enum app_err		 er;

	if ((er = may_submit(rq)) != APP_OK)
		goto out;
	memset(&t, 0, sizeof(t));
	for (i = 0; i < REPORT_NEW__MAX; i++)
		t.v[i] = web_pstr(req_param(rq, i));
	t.contacted = req_param(rq, REPORT_NEW_CONTACTED)->b;
	wa_read_form(rq, &t.app);
	memset(&in, 0, sizeof(in));
	report_from_typed(rq, &t, &in.r);
	/* The exact bytes received: their hash goes into the receipt's leaf. */
	in.payload = rq->body.p;
	in.payload_len = rq->body.n;
	files_from_req(rq, &in);
	rc = arena_zalloc(rq->arena, sizeof(*rc));
	er = svc_report_submit(&c, &in, rc, problems, &np, &f);
	if (er == APP_OK) {
		if (rq->user != NULL)
			er = resp_redirect(rq, arena_printf(rq->arena,
			    "/reports/%s/receipt?new=1", rc->id));
		else
			receipt_page(rq, 201, rc, in.r.received_at, true);
		goto out;
	}
	if (er == APP_INVALID && np > 0) {
		for (j = 0; j < np; j++)
			req_field_error(rq, problems[j].field, problems[j].msg,
			    problems[j].arg);
		er = req_fail(rq, APP_INVALID, problems[0].field,
		    MSG_WEB_REPORT_INVALID, np);
		status = 422;
	} else {
		er = web_fault(rq, er, &f);
		/* The attachments: too many, a bad name, too big. */
		if (f.field != NULL && (er == APP_INVALID || er == APP_TOOBIG)) {
			req_field_error(rq, f.field, f.msg, f.iarg);
			status = er == APP_TOOBIG ? 413 : 422;
		} else
			status = web_form_status(rq, er, &f);
	}
	if (status != 0)
		form_page(rq, status, &t);
out:
	return er;
}

/* The report a path names, read with the need-to-know check, or the error set. */
enum app_err
rp_report_load(struct req *rq, const struct param_val *id, struct report *r)
{
	struct svc_ctx	c = web_ctx(rq);
	struct fault	f = { .er = APP_OK };
	enum app_err	er;

	if (!report_id_valid(id->s))
		er = req_fail(rq, APP_NOTFOUND, "id", MSG_ERR_NO_SUCH_REPORT);
	else if ((er = svc_report_read(&c, id->s.p, r, &f)) != APP_OK)
		er = web_fault(rq, er, &f);
	return er;
}

/*
 * The receipt of a stored report: its leaf, the newest signed tree head and
 * the leaf's inclusion proof in that tree (which grew since the report
 * arrived; the proof and head are newer, the leaf is the same).
 */
static enum app_err
receipt_load(struct req *rq, const struct report *r, struct intake_receipt *rc)
{
	struct svc_ctx	c = web_ctx(rq);
	struct log_leaf	l;
	enum app_err	er;

	if ((er = store_log_leaf(rq->store, rq->arena, r->leaf_index, &l)) != APP_OK)
		goto fail;
	if (l.leaf == NULL) {
		er = req_fail(rq, APP_NOTFOUND, NULL, MSG_WEB_RECEIPT_PURGED);
		goto out;
	}
	/* A leaf naming another report is corruption, not a receipt. */
	if (l.report_id == NULL || strcmp(l.report_id, r->id) != 0) {
		er = APP_INTERNAL;
		goto fail;
	}
	if ((er = store_log_sth_get(rq->store, 0, &rc->sth)) != APP_OK ||
	    (er = svc_log_inclusion(&c, l.idx, rc->sth.tree_size, rc->proof,
	    &rc->nproof)) != APP_OK)
		goto fail;
	rc->id = r->id;
	rc->leaf = l.leaf;
	rc->leaf_len = l.leaf_len;
	rc->leaf_index = l.idx;
	goto out;
fail:
	/* Every report has a leaf and a signed head: missing ones are a fault. */
	er = req_fail(rq, er == APP_NOTFOUND ? APP_INTERNAL : er, NULL,
	    er == APP_STORE ? MSG_ERR_STORE : MSG_ERR_INTERNAL);
out:
	return er;
}

enum app_err
reports_receipt_get(struct req *rq)
{
	struct report		 r;
	struct intake_receipt	*rc = arena_zalloc(rq->arena, sizeof(*rc));
	enum app_err		 er;

	if ((er = rp_report_load(rq, req_param(rq, RECEIPT_ID), &r)) != APP_OK ||
	    (er = receipt_load(rq, &r, rc)) != APP_OK)
		goto out;
	receipt_page(rq, 200, rc, r.received_at, req_param(rq, RECEIPT_NEW)->b);
out:
	return er;
}

enum app_err
reports_receipt_json_get(struct req *rq)
{
	struct report		 r;
	struct intake_receipt	*rc = arena_zalloc(rq->arena, sizeof(*rc));
	enum app_err		 er;

	if ((er = rp_report_load(rq, req_param(rq, REPORT_ID), &r)) != APP_OK ||
	    (er = receipt_load(rq, &r, rc)) != APP_OK)
		goto out;
	rq->status = 200;
	rq->ctype = "application/json";
	sbuf_reset(&rq->out);
	sbuf_addstr(&rq->out, receipt_json(rq, rc));
	/* The id is PREFIX-YYYY-digits (report_id_valid): safe in the header. */
	resp_header(rq, "Content-Disposition", arena_printf(rq->arena,
	    "attachment; filename=\"%s\"", receipt_filename(rq, r.id)));
out:
	return er;
}

