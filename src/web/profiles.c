/*
 * Reporter identity pages (备案管理办法: 用户身份核实规则).  A reporter files
 * or replaces their identity at /account/identity and sees it masked; staff
 * holding PERM_REPORTERS_REVIEW list identities at /admin/reporters, open
 * one unsealed (svc audits every opening), verify or reject it and set the
 * reporter's level.  The rules themselves are svc/reporters.c's: the pages
 * only show its faults beside the fields they name.
 */
#include <string.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/sbuf.h"
#include "domain/authz.h"
#include "domain/identity.h"
#include "domain/reporter.h"
#include "store/store.h"
#include "svc/reporters.h"
#include "web/layout.h"
#include "web/tmpl.h"
#include "web/web_int.h"

/* What the reporter list shows without a filter: the work waiting. */
#define REPORTERS_DEFAULT_STATUS	"pending"
/* The filter value that lists every status (never a status name). */
#define REPORTERS_ALL			"all"
/* Bounds of the fields, as svc/reporters.c and domain/identity.c check them. */
#define IDENTITY_NAME_MAX	64	/* reporter_name_check, in characters */
#define IDENTITY_NUMBER_MAX	32	/* ID_OTHER_MAX; a card has 18 */
#define IDENTITY_PHONE_MAX	16	/* '+' and 15 digits (E.164) */
#define REVIEW_REASON_MAX	2000	/* svc_profile_review */
#define LEVEL_MAX		3	/* reporter_level_check */

const struct param identity_params[IDENTITY__MAX] = {
	[IDENTITY_FILED] = { "filed", PARAM_BOOL },	/* after a submission */
};

/*
 * Nothing is required and the bounds leave room for a few stray spaces:
 * svc_profile_submit answers a missing or malformed field on the form
 * itself, not with a bare error page.
 */
const struct param identity_new_params[IDENTITY_NEW__MAX] = {
	[IDENTITY_NEW_NAME] = { "real_name", PARAM_TEXT,
	    .max = IDENTITY_NAME_MAX },			/* reporter_name_check */
	[IDENTITY_NEW_TYPE] = { "id_type", PARAM_TEXT, .max = 32 },	/* id_type_parse */
	[IDENTITY_NEW_NUMBER] = { "id_number", PARAM_TEXT,
	    .max = IDENTITY_NUMBER_MAX + 16 },		/* id_number_check, spaces dropped */
	[IDENTITY_NEW_PHONE] = { "phone", PARAM_TEXT,
	    .max = IDENTITY_PHONE_MAX + 16 },		/* phone_check, spaces dropped */
};

const struct param reporters_params[REPORTERS__MAX] = {
	[REPORTERS_STATUS] = { "status", PARAM_TEXT, .max = 16 },	/* a status or "all" */
	[REPORTERS_AFTER] = { "after", PARAM_I64, .min = 0,
	    .max = INT64_MAX },				/* cursor: last user_id shown */
};

const struct param reporter_params[REPORTER__MAX] = {
	[REPORTER_ID] = { "user_id", PARAM_I64, .min = 1, .max = INT64_MAX,
	    .required = true },				/* from the path */
	[REPORTER_SAVED] = { "saved", PARAM_BOOL },	/* after a change */
};

const struct param reporter_review_params[REPORTER_REVIEW__MAX] = {
	[REPORTER_REVIEW_ID] = { "user_id", PARAM_I64, .min = 1,
	    .max = INT64_MAX, .required = true },	/* from the path */
	[REPORTER_REVIEW_DECISION] = { "decision", PARAM_TEXT, .max = 16 },	/* verified, rejected */
	[REPORTER_REVIEW_REASON] = { "reason", PARAM_MULTILINE,
	    .max = REVIEW_REASON_MAX },			/* required for rejected (svc) */
};

const struct param reporter_level_params[REPORTER_LEVEL__MAX] = {
	[REPORTER_LEVEL_ID] = { "user_id", PARAM_I64, .min = 1, .max = INT64_MAX,
	    .required = true },				/* from the path */
	[REPORTER_LEVEL_LEVEL] = { "level", PARAM_I64, .min = 0,
	    .max = LEVEL_MAX, .required = true },	/* the select offers 0..3 */
};

static const enum msg_id idtype_msgs[ID__MAX] = {
	[ID_RESIDENT_CARD] = MSG_WEB_IDTYPE_RESIDENT_CARD,
	[ID_PASSPORT] = MSG_WEB_IDTYPE_PASSPORT,
	[ID_HK_MACAO_PERMIT] = MSG_WEB_IDTYPE_HK_MACAO_PERMIT,
	[ID_TAIWAN_PERMIT] = MSG_WEB_IDTYPE_TAIWAN_PERMIT,
	[ID_FOREIGN_PERMANENT] = MSG_WEB_IDTYPE_FOREIGN_PERMANENT,
	[ID_OTHER] = MSG_WEB_IDTYPE_OTHER,
};

static const enum msg_id pstatus_msgs[PSTATUS__MAX] = {
	[PSTATUS_PENDING] = MSG_WEB_PSTATUS_PENDING,
	[PSTATUS_VERIFIED] = MSG_WEB_PSTATUS_VERIFIED,
	[PSTATUS_REJECTED] = MSG_WEB_PSTATUS_REJECTED,
};

static const enum msg_id level_msgs[LEVEL_MAX + 1] = {
	MSG_WEB_LEVEL_0,	/* registered */
	MSG_WEB_LEVEL_1,	/* identity verified */
	MSG_WEB_LEVEL_2,	/* level2_accepted reports accepted */
	MSG_WEB_LEVEL_3,	/* level3_accepted reports accepted */
};

/* The level <select>: the values are ours, never typed. */
static const struct layout_option level_opts[LEVEL_MAX + 1] = {
	{ "0", MSG_WEB_LEVEL_0 },
	{ "1", MSG_WEB_LEVEL_1 },
	{ "2", MSG_WEB_LEVEL_2 },
	{ "3", MSG_WEB_LEVEL_3 },
};

/* The decision <select>: no default, so that a decision is always chosen. */
static const struct layout_option decision_opts[] = {
	{ "", MSG_WEB_REPORT_KIND_CHOOSE },
	{ "verified", MSG_WEB_REPORTER_DECIDE_VERIFIED },
	{ "rejected", MSG_WEB_REPORTER_DECIDE_REJECTED },
};

/* What the identity form had, to show it again. */
struct identity_typed {
	const char	*name, *type, *number, *phone;
};

/* Which of the detail page's forms failed, so its errors show beside it. */
enum reporter_form {
	RFORM_NONE,
	RFORM_REVIEW,
	RFORM_LEVEL,
};

/* What the staff forms had; NULL: nothing typed (use the stored values). */
struct reporter_typed {
	const char	*decision, *reason, *level;
};

static enum msg_id
idtype_msg(enum id_type t)
{
	return (unsigned)t < ID__MAX ? idtype_msgs[t] : MSG_WEB_NONE;
}

static enum msg_id
level_msg(int level)
{
	return level >= 0 && level <= LEVEL_MAX ? level_msgs[level] : MSG_WEB_NONE;
}

static void
status_badge(struct req *rq, enum profile_status s)
{
	tmpl_raw(rq, "<span");	/* literal */
	tmpl_attr(rq, "class", arena_printf(rq->arena, "badge pstatus-%s",
	    profile_status_name(s)));
	tmpl_raw(rq, ">");	/* literal */
	tmpl_msg(rq, (unsigned)s < PSTATUS__MAX ? pstatus_msgs[s] : MSG_WEB_NONE);
	tmpl_raw(rq, "</span>");	/* literal */
}

/* A <dt>/<dd> pair of text; empty shows "none".  code: in <code>. */
static void
dl_text(struct req *rq, enum msg_id term, const char *value, bool code)
{
	layout_wrap(rq, "<dt>", term, "</dt><dd>");
	if (value == NULL || value[0] == '\0')
		layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_NONE, "</span>");
	else if (code) {
		tmpl_raw(rq, "<code class=\"pii\">");	/* literal */
		tmpl_text(rq, value);
		tmpl_raw(rq, "</code>");	/* literal */
	} else
		tmpl_text(rq, value);
	tmpl_raw(rq, "</dd>");	/* literal */
}

/* A <dt>/<dd> pair holding a catalog message. */
static void
dl_msg(struct req *rq, enum msg_id term, enum msg_id value)
{
	layout_wrap(rq, "<dt>", term, "</dt><dd>");
	tmpl_msg(rq, value);
	tmpl_raw(rq, "</dd>");	/* literal */
}

/* A <dt>/<dd> pair holding a time; 0 shows "not reviewed yet". */
static void
dl_time(struct req *rq, enum msg_id term, int64_t t)
{
	layout_wrap(rq, "<dt>", term, "</dt><dd>");
	if (t > 0)
		tmpl_time(rq, t);
	else
		layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_NOT_YET_REVIEWED,
		    "</span>");
	tmpl_raw(rq, "</dd>");	/* literal */
}

static void
dl_status(struct req *rq, const struct reporter_profile *p)
{
	layout_wrap(rq, "<dt>", MSG_WEB_STATUS, "</dt><dd>");
	status_badge(rq, p->status);
	tmpl_raw(rq, "</dd>");	/* literal */
	/* The reason is written for the reporter: they are told why. */
	if (p->status == PSTATUS_REJECTED)
		dl_text(rq, MSG_WEB_IDENTITY_REASON, p->reason, false);
}

/*
 * s without the characters in drop (people paste "138 0013 8000"), ASCII
 * letters in upper case when upper: document numbers are written so, and
 * the check character of a resident card is "X" whichever way it was typed.
 */
static const char *
squeeze(struct req *rq, const char *s, const char *drop, bool upper)
{
	char	*out = arena_strdup(rq->arena, s), *w = out;

	for (; *s != '\0'; s++) {
		if (strchr(drop, *s) != NULL)
			continue;
		*w++ = upper && *s >= 'a' && *s <= 'z' ? (char)(*s - 'a' + 'A') : *s;
	}
	*w = '\0';
	return out;
}

/* The identity on file, as its owner sees it: masked. */
static void
identity_card(struct req *rq, const struct reporter_profile *p)
{
	tmpl_raw(rq, "<section class=\"card\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_IDENTITY_CURRENT, "</h2>");
	if (p == NULL) {
		layout_wrap(rq, "<p class=\"muted\">", MSG_WEB_IDENTITY_NONE, "</p>");
		tmpl_raw(rq, "</section>\n");	/* literal */
		return;
	}
	if (p->status == PSTATUS_REJECTED)
		layout_flash_msg(rq, FLASH_WARN, MSG_WEB_IDENTITY_REJECTED_NOTE);
	tmpl_raw(rq, "<dl class=\"profile\">");	/* literal */
	dl_status(rq, p);
	dl_msg(rq, MSG_WEB_LEVEL, level_msg(p->level));
	dl_msg(rq, MSG_WEB_FIELD_ID_TYPE, idtype_msg(p->id_type));
	dl_text(rq, MSG_WEB_FIELD_ID_NUMBER, p->id_masked, true);
	dl_text(rq, MSG_WEB_FIELD_PHONE, p->phone_masked, true);
	layout_wrap(rq, "<dt>", MSG_WEB_UPDATED_AT, "</dt><dd>");
	tmpl_time(rq, p->updated_at);
	tmpl_raw(rq, "</dd>");	/* literal */
	dl_time(rq, MSG_WEB_REVIEWED_AT, p->reviewed_at);
	tmpl_raw(rq, "</dl></section>\n");	/* literal */
}

static void
identity_form(struct req *rq, bool replacing, const struct identity_typed *t)
{
	struct layout_option		types[ID__MAX];
	const struct layout_field	f_name = {
		.name = "real_name", .label = MSG_WEB_FIELD_REAL_NAME,
		.hint = MSG_WEB_FIELD_REAL_NAME_HINT, .type = "text",
		.value = t->name, .autocomplete = "name",
		.maxlength = IDENTITY_NAME_MAX, .required = true,
	};
	const struct layout_field	f_type = {
		.name = "id_type", .label = MSG_WEB_FIELD_ID_TYPE,
		.value = t->type[0] != '\0' ? t->type :
		    id_type_name(ID_RESIDENT_CARD),
		.required = true,
	};
	const struct layout_field	f_number = {
		.name = "id_number", .label = MSG_WEB_FIELD_ID_NUMBER,
		.hint = MSG_WEB_FIELD_ID_NUMBER_HINT, .type = "text",
		.value = t->number, .autocomplete = "off",
		.maxlength = IDENTITY_NUMBER_MAX, .required = true,
	};
	const struct layout_field	f_phone = {
		.name = "phone", .label = MSG_WEB_FIELD_PHONE,
		.hint = MSG_WEB_FIELD_PHONE_HINT, .type = "tel",
		.value = t->phone, .autocomplete = "tel",
		.maxlength = IDENTITY_PHONE_MAX, .required = true,
	};
	int				i;

	for (i = 0; i < ID__MAX; i++) {
		types[i].value = id_type_name((enum id_type)i);
		types[i].label = idtype_msgs[i];
	}
	tmpl_raw(rq, "<section class=\"card\" id=\"identity-form\">");	/* literal */
	layout_wrap(rq, "<h2>", replacing ? MSG_WEB_IDENTITY_FORM_CHANGE :
	    MSG_WEB_IDENTITY_FORM_NEW, "</h2>");
	if (replacing)
		layout_wrap(rq, "<p class=\"hint warn\">", MSG_WEB_IDENTITY_CHANGE_NOTE,
		    "</p>");
	layout_form_errors(rq);
	tmpl_raw(rq, "<form class=\"stack\" method=\"post\" "
	    "action=\"/account/identity\">");	/* literal */
	tmpl_csrf(rq);
	layout_field(rq, &f_name);
	layout_select(rq, &f_type, types, ID__MAX);
	layout_field(rq, &f_number);
	layout_field(rq, &f_phone);
	layout_submit(rq, MSG_WEB_IDENTITY_SUBMIT);
	tmpl_raw(rq, "</form></section>\n");	/* literal */
}

/*
 * The reporter's identity page.  Everything is loaded before anything is
 * written, so a store failure can still become the error page.
 */
static enum app_err
identity_page(struct req *rq, int status, bool filed,
    const struct identity_typed *t)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct reporter_profile	 p;
	struct fault		 f = { .er = APP_OK };
	const struct user	*u = rq->user;
	bool			 reporter = u->role == UROLE_REPORTER;
	bool			 has = false;
	enum app_err		 er = APP_OK, ger;

	if (reporter) {
		/* Never unsealed here: the owner sees the masked numbers only. */
		ger = svc_profile_get(&c, u->id, false, &p, &f);
		if (ger == APP_OK)
			has = true;
		else if (ger != APP_NOTFOUND) {
			er = web_fault(rq, ger, &f);
			goto out;
		}
	}

	resp_html(rq, status);
	layout_begin(rq, MSG_WEB_IDENTITY_TITLE);
	layout_wrap(rq, "<h1>", MSG_WEB_IDENTITY_TITLE, "</h1>\n");
	if (!reporter) {
		layout_flash_msg(rq, FLASH_INFO, MSG_WEB_IDENTITY_NOT_REPORTER);
		if (authz_allows(u->role, PERM_REPORTERS_REVIEW)) {
			tmpl_raw(rq, "<p>");	/* literal */
			layout_link(rq, "/admin/reporters", MSG_WEB_IDENTITY_STAFF_LINK);
			tmpl_raw(rq, "</p>\n");	/* literal */
		}
		layout_end(rq);
		goto out;
	}
	if (filed && rq->err == APP_OK)
		layout_flash_msg(rq, FLASH_OK, MSG_WEB_IDENTITY_FILED);
	layout_wrap(rq, "<p class=\"lead\">", MSG_WEB_IDENTITY_WHY, "</p>\n");
	layout_wrap(rq, "<p class=\"privacy\">", MSG_WEB_IDENTITY_PRIVACY, "</p>\n");
	tmpl_raw(rq, "<div class=\"cards\">");	/* literal */
	identity_card(rq, has ? &p : NULL);
	identity_form(rq, has, t);
	tmpl_raw(rq, "</div>\n");	/* literal */
	layout_end(rq);
out:
	return er;
}

enum app_err
identity_get(struct req *rq)
{
	static const struct identity_typed	empty = { "", "", "", "" };

	return identity_page(rq, 200, req_param(rq, IDENTITY_FILED)->b, &empty);
}

enum app_err
identity_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct profile_in	 in;
	struct reporter_profile	 p;
	struct identity_typed	 t;
	bool			 number_bad, phone_bad;
	int			 status;
	enum app_err		 er, rer;

	in.real_name = web_pstr(req_param(rq, IDENTITY_NEW_NAME));
	in.id_type = web_pstr(req_param(rq, IDENTITY_NEW_TYPE));
	in.id_number = squeeze(rq, web_pstr(req_param(rq, IDENTITY_NEW_NUMBER)),
	    " ", true);
	in.phone = squeeze(rq, web_pstr(req_param(rq, IDENTITY_NEW_PHONE)), " -",
	    false);
	if ((er = svc_profile_submit(&c, &in, &p, &f)) == APP_OK) {
		er = resp_redirect(rq, "/account/identity?filed=1");
		goto out;
	}
	er = web_fault(rq, er, &f);
	if ((status = web_form_status(rq, er, &f)) == 0)
		goto out;	/* the error page: not a reporter, the store */
	/*
	 * A number that passed its check is never sent back to the browser:
	 * pages show identity numbers masked only.  The one at fault is, so
	 * that a typing error can be corrected.
	 */
	number_bad = f.field != NULL && strcmp(f.field, "id_number") == 0;
	phone_bad = f.field != NULL && strcmp(f.field, "phone") == 0;
	t.name = in.real_name;
	t.type = in.id_type;
	t.number = number_bad ? in.id_number : "";
	t.phone = phone_bad ? in.phone : "";
	if ((rer = identity_page(rq, status, false, &t)) != APP_OK)
		er = rer;
out:
	return er;
}

/* The list's URL for a status filter, and a cursor when after > 0. */
static const char *
list_url(struct req *rq, const char *status, int64_t after)
{
	struct sbuf	url;

	sbuf_init(&url, rq->arena, 0);
	sbuf_addstr(&url, "/admin/reporters?status=");
	sbuf_add_urlenc(&url, status, strlen(status));
	if (after > 0)
		sbuf_addf(&url, "&after=%lld", (long long)after);
	return url.buf;
}

static void
list_filter(struct req *rq, const char *status)
{
	struct layout_option		opts[PSTATUS__MAX + 1];
	const struct layout_field	f_status = {
		.name = "status", .label = MSG_WEB_STATUS, .value = status,
	};
	int				i;

	for (i = 0; i < PSTATUS__MAX; i++) {
		opts[i].value = profile_status_name((enum profile_status)i);
		opts[i].label = pstatus_msgs[i];
	}
	opts[PSTATUS__MAX] = (struct layout_option){ REPORTERS_ALL,
	    MSG_WEB_REPORTS_ALL };
	tmpl_raw(rq, "<form class=\"filters\" method=\"get\" "
	    "action=\"/admin/reporters\" role=\"search\" aria-label=\"");	/* literal */
	tmpl_msg(rq, MSG_WEB_REPORTERS_FILTER_LABEL);
	tmpl_raw(rq, "\">");	/* literal */
	layout_select(rq, &f_status, opts, PSTATUS__MAX + 1);
	tmpl_raw(rq, "<div class=\"field\"><button type=\"submit\" "
	    "class=\"primary\">");	/* literal */
	tmpl_msg(rq, MSG_WEB_REPORTS_FILTER);
	tmpl_raw(rq, "</button></div></form>\n");	/* literal */
}

static void
reporter_row(struct req *rq, const struct reporter_profile *p)
{
	tmpl_raw(rq, "<tr><td><a");	/* literal */
	tmpl_href(rq, arena_printf(rq->arena, "/admin/reporters/%lld",
	    (long long)p->user_id));
	tmpl_raw(rq, "><code>");	/* literal */
	tmpl_text(rq, p->login != NULL ? p->login : "");
	tmpl_raw(rq, "</code></a></td><td>");	/* literal */
	tmpl_msg(rq, idtype_msg(p->id_type));
	tmpl_raw(rq, "</td><td><code>");	/* literal */
	tmpl_text(rq, p->id_masked != NULL ? p->id_masked : "");
	tmpl_raw(rq, "</code></td><td>");	/* literal */
	status_badge(rq, p->status);
	tmpl_raw(rq, "</td><td class=\"num\">");	/* literal */
	tmpl_i64(rq, p->level);
	tmpl_raw(rq, "</td><td class=\"nowrap\">");	/* literal */
	tmpl_time(rq, p->updated_at);
	tmpl_raw(rq, "</td></tr>\n");	/* literal */
}

enum app_err
admin_reporters_get(struct req *rq)
{
	struct reporter_profile	*ps = NULL;
	const struct param_val	*sp = req_param(rq, REPORTERS_STATUS);
	const char		*status = sp->present ? sp->s.p :
				    REPORTERS_DEFAULT_STATUS;
	int64_t			 after = req_param(rq, REPORTERS_AFTER)->i;
	int64_t			 next = 0;
	size_t			 n = 0, i;
	enum app_err		 er;

	if (strcmp(status, REPORTERS_ALL) != 0 &&
	    profile_status_parse(str_from(status)) < 0) {
		er = req_fail(rq, APP_INVALID, "status", MSG_ERR_FIELD_CHOICE);
		goto out;
	}
	/* One row more than shown tells whether there is a next page. */
	er = store_profile_list(rq->store, rq->arena,
	    strcmp(status, REPORTERS_ALL) == 0 ? NULL : status, after,
	    WEB_PAGE_ROWS + 1, &ps, &n);
	if (er != APP_OK) {
		er = req_fail(rq, er, NULL, MSG_ERR_STORE);
		goto out;
	}
	if (n > WEB_PAGE_ROWS) {
		n = WEB_PAGE_ROWS;
		next = ps[n - 1].user_id;
	}

	resp_html(rq, 200);
	layout_begin(rq, MSG_WEB_REPORTERS_TITLE);
	layout_wrap(rq, "<h1>", MSG_WEB_REPORTERS_TITLE, "</h1>\n");
	layout_wrap(rq, "<p class=\"lead\">", MSG_WEB_REPORTERS_INTRO, "</p>\n");
	list_filter(rq, status);
	if (n == 0)
		layout_wrap(rq, "<p class=\"muted\">", MSG_WEB_REPORTERS_NONE, "</p>\n");
	else {
		tmpl_raw(rq, "<div class=\"table-wrap\"><table class=\"data\">"
		    "<thead><tr>");	/* literal */
		layout_th(rq, MSG_WEB_FIELD_LOGIN);
		layout_th(rq, MSG_WEB_FIELD_ID_TYPE);
		layout_th(rq, MSG_WEB_FIELD_ID_NUMBER);
		layout_th(rq, MSG_WEB_STATUS);
		layout_th(rq, MSG_WEB_LEVEL);
		layout_th(rq, MSG_WEB_UPDATED_AT);
		tmpl_raw(rq, "</tr></thead><tbody>\n");	/* literal */
		for (i = 0; i < n; i++)
			reporter_row(rq, &ps[i]);
		tmpl_raw(rq, "</tbody></table></div>\n");	/* literal */
	}
	layout_pager(rq, after > 0 ? list_url(rq, status, 0) : NULL,
	    next > 0 ? list_url(rq, status, next) : NULL);
	layout_end(rq);
out:
	return er;
}

/* The rejection reason: a textarea, with its error beside it like layout_field's. */
static void
reason_field(struct req *rq, const char *value)
{
	const char	*err = NULL;

	if (rq->err != APP_OK && rq->err_field != NULL && rq->err_detail != NULL &&
	    strcmp(rq->err_field, "reason") == 0)
		err = rq->err_detail;
	tmpl_raw(rq, err != NULL ? "<div class=\"field has-error\">" :
	    "<div class=\"field\">");	/* literal: either */
	layout_wrap(rq, "<label for=\"f-reason\">", MSG_WEB_REPORTER_REASON,
	    "</label>");
	layout_wrap(rq, "<p class=\"hint\" id=\"f-reason-hint\">",
	    MSG_WEB_REPORTER_REASON_HINT, "</p>");
	if (err != NULL) {
		tmpl_raw(rq, "<p class=\"error\" id=\"f-reason-error\">");	/* literal */
		tmpl_text(rq, err);
		tmpl_raw(rq, "</p><textarea id=\"f-reason\" name=\"reason\" "
		    "aria-describedby=\"f-reason-hint f-reason-error\" "
		    "aria-invalid=\"true\"");	/* literal */
	} else
		tmpl_raw(rq, "<textarea id=\"f-reason\" name=\"reason\" "
		    "aria-describedby=\"f-reason-hint\"");	/* literal */
	tmpl_attr(rq, "maxlength", arena_printf(rq->arena, "%d",
	    REVIEW_REASON_MAX));
	tmpl_raw(rq, " rows=\"4\">");	/* literal */
	/* A textarea drops one leading newline: keep a typed one. */
	if (value[0] == '\n')
		tmpl_raw(rq, "\n");	/* literal */
	tmpl_text(rq, value);
	tmpl_raw(rq, "</textarea></div>\n");	/* literal */
}

/* A staff form's card: heading, errors when it is the one that failed, <form>. */
static void
staff_form_open(struct req *rq, enum msg_id heading, const char *action,
    bool failed)
{
	tmpl_raw(rq, "<section class=\"card\">");	/* literal */
	layout_wrap(rq, "<h2>", heading, "</h2>");
	if (failed)
		layout_form_errors(rq);
	tmpl_raw(rq, "<form class=\"stack\" method=\"post\"");	/* literal */
	tmpl_attr(rq, "action", action);
	tmpl_raw(rq, ">");	/* literal */
	tmpl_csrf(rq);
}

static void
review_form(struct req *rq, int64_t user_id, bool failed,
    const struct reporter_typed *t)
{
	const struct layout_field	f_decision = {
		.name = "decision", .label = MSG_WEB_REPORTER_DECISION,
		.value = t->decision != NULL ? t->decision : "",
		.required = true,
	};

	staff_form_open(rq, MSG_WEB_REPORTER_REVIEW_HEADING, arena_printf(rq->arena,
	    "/admin/reporters/%lld/review", (long long)user_id), failed);
	layout_wrap(rq, "<p class=\"hint\">", MSG_WEB_REPORTER_REVIEW_NOTE, "</p>");
	layout_select(rq, &f_decision, decision_opts,
	    sizeof(decision_opts) / sizeof(decision_opts[0]));
	reason_field(rq, t->reason != NULL ? t->reason : "");
	layout_submit(rq, MSG_WEB_REPORTER_REVIEW_SUBMIT);
	tmpl_raw(rq, "</form></section>\n");	/* literal */
}

static void
level_form(struct req *rq, const struct reporter_profile *p, bool failed,
    const struct reporter_typed *t)
{
	const struct layout_field	f_level = {
		.name = "level", .label = MSG_WEB_LEVEL,
		.hint_text = layout_msgf(rq, MSG_WEB_REPORTER_LEVEL_HINT,
		    rq->cfg->level2_accepted, rq->cfg->level3_accepted),
		.value = t->level != NULL ? t->level :
		    arena_printf(rq->arena, "%d", p->level),
		.required = true,
	};

	staff_form_open(rq, MSG_WEB_REPORTER_LEVEL_HEADING, arena_printf(rq->arena,
	    "/admin/reporters/%lld/level", (long long)p->user_id), failed);
	layout_select(rq, &f_level, level_opts, LEVEL_MAX + 1);
	layout_submit(rq, MSG_WEB_REPORTER_LEVEL_SUBMIT);
	tmpl_raw(rq, "</form></section>\n");	/* literal */
}

/*
 * One reporter's identity, unsealed, with the review and level forms.
 * svc_profile_get records the opening in the audit log; the page says so.
 * Everything is loaded before anything is written.
 */
static enum app_err
reporter_page(struct req *rq, int status, int64_t user_id, bool saved,
    enum reporter_form failed, const struct reporter_typed *t)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct reporter_profile	 p;
	struct fault		 f = { .er = APP_OK };
	int64_t			 accepted = 0;
	enum app_err		 er;

	if ((er = svc_profile_get(&c, user_id, true, &p, &f)) != APP_OK) {
		er = web_fault(rq, er, &f);
		goto out;
	}
	if ((er = store_reports_accepted(rq->store, user_id, &accepted)) != APP_OK) {
		er = req_fail(rq, er, NULL, MSG_ERR_STORE);
		goto out;
	}

	resp_html(rq, status);
	layout_begin(rq, MSG_WEB_REPORTER_TITLE);
	tmpl_raw(rq, "<h1>");	/* literal */
	tmpl_text(rq, layout_msgf(rq, MSG_WEB_REPORTER_HEADING,
	    p.login != NULL ? p.login : ""));
	tmpl_raw(rq, "</h1>\n");	/* literal */
	layout_flash_msg(rq, FLASH_WARN, MSG_WEB_REPORTER_AUDITED);
	if (saved && rq->err == APP_OK)
		layout_flash_msg(rq, FLASH_OK, MSG_WEB_REPORTER_SAVED);
	tmpl_raw(rq, "<div class=\"cards\"><section class=\"card\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_REPORTER_PERSONAL, "</h2>");
	tmpl_raw(rq, "<dl class=\"profile\">");	/* literal */
	dl_text(rq, MSG_WEB_FIELD_REAL_NAME, p.real_name, false);
	dl_msg(rq, MSG_WEB_FIELD_ID_TYPE, idtype_msg(p.id_type));
	dl_text(rq, MSG_WEB_FIELD_ID_NUMBER, p.id_number, true);
	dl_text(rq, MSG_WEB_FIELD_PHONE, p.phone, true);
	tmpl_raw(rq, "</dl></section>\n<section class=\"card\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_REPORTER_STANDING, "</h2>");
	tmpl_raw(rq, "<dl class=\"profile\">");	/* literal */
	dl_text(rq, MSG_WEB_FIELD_LOGIN, p.login, false);
	dl_status(rq, &p);
	dl_msg(rq, MSG_WEB_LEVEL, level_msg(p.level));
	layout_wrap(rq, "<dt>", MSG_WEB_REPORTER_ACCEPTED, "</dt><dd>");
	tmpl_i64(rq, accepted);
	tmpl_raw(rq, "</dd>");	/* literal */
	layout_wrap(rq, "<dt>", MSG_WEB_UPDATED_AT, "</dt><dd>");
	tmpl_time(rq, p.updated_at);
	tmpl_raw(rq, "</dd>");	/* literal */
	dl_time(rq, MSG_WEB_REVIEWED_AT, p.reviewed_at);
	tmpl_raw(rq, "</dl></section></div>\n<div class=\"cards\">");	/* literal */
	review_form(rq, user_id, failed == RFORM_REVIEW, t);
	level_form(rq, &p, failed == RFORM_LEVEL, t);
	tmpl_raw(rq, "</div>\n<p>");	/* literal */
	layout_link(rq, "/admin/reporters", MSG_WEB_REPORTER_BACK);
	tmpl_raw(rq, "</p>\n");	/* literal */
	layout_end(rq);
out:
	return er;
}

enum app_err
admin_reporter_get(struct req *rq)
{
	static const struct reporter_typed	none = { NULL, NULL, NULL };

	return reporter_page(rq, 200, req_param(rq, REPORTER_ID)->i,
	    req_param(rq, REPORTER_SAVED)->b, RFORM_NONE, &none);
}

/* After a staff change: back to the page, which says it was saved. */
static enum app_err
reporter_saved(struct req *rq, int64_t user_id)
{
	return resp_redirect(rq, arena_printf(rq->arena,
	    "/admin/reporters/%lld?saved=1", (long long)user_id));
}

enum app_err
admin_reporter_review_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct reporter_typed	 t = { NULL, NULL, NULL };
	int64_t			 id = req_param(rq, REPORTER_REVIEW_ID)->i;
	int			 status;
	enum app_err		 er, rer;

	t.decision = web_pstr(req_param(rq, REPORTER_REVIEW_DECISION));
	t.reason = web_pstr(req_param(rq, REPORTER_REVIEW_REASON));
	if ((er = svc_profile_review(&c, id, t.decision, t.reason, &f)) == APP_OK) {
		er = reporter_saved(rq, id);
		goto out;
	}
	er = web_fault(rq, er, &f);
	if ((status = web_form_status(rq, er, &f)) != 0 &&
	    (rer = reporter_page(rq, status, id, false, RFORM_REVIEW, &t)) != APP_OK)
		er = rer;
out:
	return er;
}

enum app_err
admin_reporter_level_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct reporter_typed	 t = { NULL, NULL, NULL };
	const struct param_val	*lv = req_param(rq, REPORTER_LEVEL_LEVEL);
	int64_t			 id = req_param(rq, REPORTER_LEVEL_ID)->i;
	int			 status;
	enum app_err		 er, rer;

	/* The route bounds it to 0..LEVEL_MAX: the cast cannot truncate. */
	if ((er = svc_profile_level(&c, id, (int)lv->i, &f)) == APP_OK) {
		er = reporter_saved(rq, id);
		goto out;
	}
	er = web_fault(rq, er, &f);
	t.level = lv->s.p;
	if ((status = web_form_status(rq, er, &f)) != 0 &&
	    (rer = reporter_page(rq, status, id, false, RFORM_LEVEL, &t)) != APP_OK)
		er = rer;
out:
	return er;
}
