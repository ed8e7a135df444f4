/*
 * One 报送 (issue 6, Art. 7(2)), drawn for the instance's role:
 *
 *   provider, platform	the record as a form (every field of sub_fields[],
 *			the Art. 7(2) ones marked), editable while a draft
 *			or after a rejection; send (the refusal lists every
 *			missing field); with no registry, the file to upload
 *			by hand, "I uploaded it" and the library's answer;
 *			waive with a reason
 *   registry		the record received, read-only, its forwards with
 *			their delivery, and the decision while it is new
 *
 * Everything shown is what svc/ hands the reader; each view of a record
 * is audited there.  The page is loaded whole before it is written, so
 * that a failure still becomes the error page.  The forms' handlers are
 * in submissions.c.
 */
#include <string.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/parse.h"
#include "core/str.h"
#include "domain/grade.h"
#include "svc/apps.h"
#include "svc/submissions.h"
#include "web/apps_int.h"
#include "web/layout.h"
#include "web/submissions_int.h"
#include "web/tmpl.h"
#include "web/web_int.h"

/* Rows of the textareas. */
#define SW_TEXT_ROWS	6	/* the long fields: technical characteristics, harm... */
#define SW_SHORT_ROWS	3	/* CVSS vectors, affected versions */
#define SW_REASON_ROWS	3

static const enum msg_id state_msgs[SUB__MAX] = {
	[SUB_DRAFT] = MSG_WEB_SUBSTATE_DRAFT,
	[SUB_QUEUED] = MSG_WEB_SUBSTATE_QUEUED,
	[SUB_SENT] = MSG_WEB_SUBSTATE_SENT,
	[SUB_ACCEPTED] = MSG_WEB_SUBSTATE_ACCEPTED,
	[SUB_REJECTED] = MSG_WEB_SUBSTATE_REJECTED,
	[SUB_WAIVED] = MSG_WEB_SUBSTATE_WAIVED,
};

/* The words of the record's choices, and what the page calls them. */
static const struct {
	const char	*word;	/* as in sub_fields[].words */
	enum msg_id	 text;	/* shown */
} words[] = {
	{ "provider", MSG_WEB_SUBW_PROVIDER },
	{ "platform", MSG_WEB_SUBW_PLATFORM },
	{ "individual", MSG_WEB_SUBW_INDIVIDUAL },
	{ "none", MSG_WEB_SUBW_NONE },
	{ "in_progress", MSG_WEB_SUBW_IN_PROGRESS },
	{ "fix_available", MSG_WEB_SUBW_FIX_AVAILABLE },
	{ "fixed", MSG_WEB_SUBW_FIXED },
	{ "not_started", MSG_WEB_SUBW_NOT_STARTED },
	{ "done", MSG_WEB_SUBW_DONE },
	{ "OTHER", MSG_WEB_SUBW_OTHER },
	{ "android", MSG_APP_PLATFORM_ANDROID },
	{ "ios", MSG_APP_PLATFORM_IOS },
	{ "harmonyos", MSG_APP_PLATFORM_HARMONYOS },
	{ "miniprogram", MSG_APP_PLATFORM_MINIPROGRAM },
	{ "official_account", MSG_APP_PLATFORM_OFFICIAL_ACCOUNT },
	{ "quickapp", MSG_APP_PLATFORM_QUICKAPP },
};

/* What the "done" parameter of a redirect says. */
static const struct {
	const char	*done;	/* as the handlers send it */
	enum msg_id	 text;	/* the flash */
} done_names[] = {
	{ "drafted", MSG_WEB_SUB_DONE_DRAFTED },
	{ "saved", MSG_WEB_SUB_DONE_SAVED },
	{ "uploaded", MSG_WEB_SUB_DONE_UPLOADED },
	{ "outcome", MSG_WEB_SUB_DONE_OUTCOME },
	{ "waived", MSG_WEB_SUB_DONE_WAIVED },
	{ "decided", MSG_WEB_SUB_DONE_DECIDED },
};

/* Everything a 报送's page shows, loaded before it is written. */
struct sub_view {
	enum sub_form		 failed;	/* the form that comes back */
	const struct sub_typed	*t;		/* what it had (never NULL) */
	struct submission_row	 r;		/* provider side */
	struct received_row	 rr;		/* registry side */
	struct forward_row	*fw;		/* registry: its forwards */
	size_t			 nfw;
	sub_values		 v;		/* the record */
};

enum msg_id
sw_state_msg(enum sub_state s)
{
	return (unsigned)s < SUB__MAX ? state_msgs[s] : MSG_WEB_NONE;
}

void
sw_state_badge(struct req *rq, enum sub_state s)
{
	const char	*tone = s == SUB_ACCEPTED ? " badge-on" : s == SUB_REJECTED ?
			    " badge-warn" : s == SUB_WAIVED ? " badge-off" : "";

	tmpl_raw(rq, "<span");	/* literal */
	tmpl_attr(rq, "class", arena_printf(rq->arena, "badge substate substate-%s%s",
	    sub_state_name(s), tone));
	tmpl_raw(rq, ">");	/* literal */
	tmpl_msg(rq, sw_state_msg(s));
	tmpl_raw(rq, "</span>");	/* literal */
}

enum msg_id
sw_received_msg(const char *state)
{
	if (strcmp(state, "verified") == 0)
		return MSG_WEB_RSTATE_VERIFIED;
	if (strcmp(state, "rejected") == 0)
		return MSG_WEB_RSTATE_REJECTED;
	return MSG_WEB_RSTATE_RECEIVED;
}

void
sw_received_badge(struct req *rq, const char *state)
{
	const char	*tone = strcmp(state, "verified") == 0 ? " badge-on" :
			    strcmp(state, "rejected") == 0 ? " badge-warn" : "";

	tmpl_raw(rq, "<span");	/* literal */
	tmpl_attr(rq, "class", arena_printf(rq->arena, "badge rstate%s", tone));
	tmpl_raw(rq, ">");	/* literal */
	tmpl_msg(rq, sw_received_msg(state));
	tmpl_raw(rq, "</span>");	/* literal */
}

bool
sw_library_id_ok(const char *s)
{
	size_t	n, i;

	if (s == NULL || (n = strlen(s)) == 0 || n > SW_LIBRARY_ID_MAX)
		return false;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == '_'))
			return false;
	return true;
}

void
sw_dl_time(struct req *rq, enum msg_id term, int64_t t)
{
	layout_wrap(rq, "<dt>", term, "</dt><dd>");
	if (t > 0)
		tmpl_time(rq, t);
	else
		layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_CASE_NEVER, "</span>");
	tmpl_raw(rq, "</dd>");	/* literal */
}

void
sw_dl_text(struct req *rq, enum msg_id term, const char *text, bool pre)
{
	layout_wrap(rq, "<dt>", term, pre ? "</dt><dd class=\"pre-line\">" : "</dt><dd>");
	if (text != NULL && text[0] != '\0')
		tmpl_text(rq, text);
	else
		layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_NONE, "</span>");
	tmpl_raw(rq, "</dd>");	/* literal */
}

/* An outbox row's status (pending, sent, failed) in the page's language. */
static enum msg_id
delivery_msg(const char *status)
{
	if (strcmp(status, "sent") == 0)
		return MSG_WEB_SUB_DELIVERY_SENT;
	if (strcmp(status, "failed") == 0)
		return MSG_WEB_SUB_DELIVERY_FAILED;
	if (strcmp(status, "refused") == 0)
		return MSG_WEB_SUB_DELIVERY_REFUSED;
	return MSG_WEB_SUB_DELIVERY_PENDING;
}

void
sw_dl_delivery(struct req *rq, const struct submission_row *r)
{
	bool	manual = r->manual || (r->outbox_id == 0 && rq->cfg->registry_url[0] == '\0');

	layout_wrap(rq, "<dt>", MSG_WEB_SUB_MODE, "</dt><dd>");
	tmpl_msg(rq, manual ? MSG_WEB_SUB_MODE_MANUAL : MSG_WEB_SUB_MODE_REGISTRY);
	tmpl_raw(rq, "</dd>");	/* literal */
	if (r->outbox_id == 0 || r->delivery == NULL || r->delivery[0] == '\0')
		return;
	layout_wrap(rq, "<dt>", MSG_WEB_SUB_DELIVERY, "</dt><dd>");
	tmpl_msg(rq, delivery_msg(r->delivery));
	tmpl_raw(rq, "</dd>");	/* literal */
	layout_wrap(rq, "<dt>", MSG_WEB_SUB_ATTEMPTS, "</dt><dd>");
	tmpl_i64(rq, r->attempts);
	tmpl_raw(rq, "</dd>");	/* literal */
	if (r->http_status != 0) {
		layout_wrap(rq, "<dt>", MSG_WEB_SUB_HTTP_STATUS, "</dt><dd>");
		tmpl_i64(rq, r->http_status);
		tmpl_raw(rq, "</dd>");	/* literal */
	}
	if (r->last_error != NULL && r->last_error[0] != '\0')
		sw_dl_text(rq, MSG_WEB_SUB_LAST_ERROR, r->last_error, true);
}

/* --- the record --- */

/* A choice's word in the page's language; an unknown word as it is. */
static const char *
word_text(struct req *rq, enum sub_field f, const char *w)
{
	size_t	i;
	int	g;

	if (f == SF_GRADE && (g = gbt_grade_parse(w)) >= 0)
		return gbt_grade_name((enum gbt_grade)g, rq->lang);
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(words[i].word, w) == 0)
			return req_msg(rq, words[i].text);
	return w;
}

/* Whether key is in the comma-separated list ([federation] required_fields). */
static bool
listed(const char *list, const char *key)
{
	struct str	rest = str_from(list), t;

	while (rest.n > 0) {
		t = str_trim(str_split(&rest, ','));
		if (str_eq(t, key))
			return true;
	}
	return false;
}

/* What a field's hint says: whether it is required, and how to write it. */
static const char *
field_hint(struct req *rq, const struct sub_field_def *d)
{
	const char	*need = NULL, *how = NULL;

	if (d->legal)
		need = req_msg(rq, MSG_WEB_SUB_LEGAL);
	else if (listed(rq->cfg->required_fields, d->key))
		need = req_msg(rq, MSG_WEB_SUB_REQUIRED);
	if (d->type == SFT_DATE)
		how = req_msg(rq, MSG_WEB_SUB_HINT_DATE);
	else if (d->type == SFT_TIME)
		how = req_msg(rq, MSG_WEB_SUB_HINT_TIME);
	else if (d->type == SFT_LIST)
		how = req_msg(rq, MSG_WEB_SUB_HINT_LIST);
	if (need != NULL && how != NULL)
		return arena_printf(rq->arena, "%s %s", need, how);
	return need != NULL ? need : how;
}

/* The problem recorded for a field of the record (a save or a send), or NULL. */
static const char *
record_problem(const struct req *rq, const struct sub_view *sv, const char *key)
{
	if (sv->failed != SFORM_SAVE && sv->failed != SFORM_SEND)
		return NULL;
	return layout_field_problem(rq, key);
}

/* The problem of a one-field form for its field, or NULL. */
static const char *
problem(const struct req *rq, const struct sub_view *sv, enum sub_form form,
    const char *field)
{
	if (sv->failed != form || rq->err == APP_OK || rq->err_field == NULL ||
	    rq->err_detail == NULL)
		return NULL;
	return strcmp(rq->err_field, field) == 0 ? rq->err_detail : NULL;
}

/* The refusal above a one-field form that failed. */
static void
form_errors(struct req *rq, const struct sub_view *sv, enum sub_form form)
{
	if (sv->failed == form)
		layout_form_errors(rq);
}

/* Where the error summary links a field's problem to: its control. */
static void
summary_target(struct req *rq, const char *field, const char **id, const char **label)
{
	int	i = sub_field_parse(str_from(field));

	if (i < 0) {
		*id = NULL;
		*label = field;
		return;
	}
	*id = arena_printf(rq->arena, "f-%s", sub_fields[i].key);
	*label = req_msg(rq, sub_fields[i].label);
}

static void
option(struct req *rq, const char *value, const char *text, const char *cur)
{
	tmpl_raw(rq, "<option");	/* literal */
	tmpl_attr(rq, "value", value);
	if (cur != NULL && strcmp(cur, value) == 0)
		tmpl_raw(rq, " selected");	/* literal */
	tmpl_raw(rq, ">");	/* literal */
	tmpl_text(rq, text);
	tmpl_raw(rq, "</option>");	/* literal */
}

/* A one-line input with its box. */
static void
input(struct req *rq, const struct layout_control *c, const char *type, const char *value,
    size_t maxlength)
{
	layout_control_open(rq, c);
	tmpl_raw(rq, "<input autocomplete=\"off\"");	/* literal */
	tmpl_attr(rq, "type", type);
	layout_control_attrs(rq, c);
	if (maxlength > 0)
		tmpl_attr(rq, "maxlength", arena_printf(rq->arena, "%zu", maxlength));
	tmpl_attr(rq, "value", value != NULL ? value : "");
	tmpl_raw(rq, "></div>\n");	/* literal */
}

/* One field of the record as its control: a select, a textarea or an input. */
static void
field_control(struct req *rq, const struct sub_view *sv, enum sub_field i)
{
	const struct sub_field_def	*d = &sub_fields[i];
	const char			*hint = field_hint(rq, d);
	struct layout_control		 c = { d->key, arena_printf(rq->arena, "f-%s", d->key),
					    d->label, NULL, MSG_OK, hint,
					    record_problem(rq, sv, d->key), false, false };
	const char			*value = sv->v[i] != NULL ? sv->v[i] : "";
	struct str			 rest, w;
	bool				 known = value[0] == '\0';
	char				*word;

	/* A form that comes back shows what was typed. */
	if (sv->failed == SFORM_SAVE && sv->t->v[i] != NULL)
		value = sv->t->v[i];
	c.optional = !d->legal && !listed(rq->cfg->required_fields, d->key);
	switch (d->type) {
	case SFT_ENUM:
		layout_control_open(rq, &c);
		tmpl_raw(rq, "<select");	/* literal */
		layout_control_attrs(rq, &c);
		tmpl_raw(rq, ">");	/* literal */
		option(rq, "", req_msg(rq, MSG_WEB_SUB_NOT_CHOSEN), value);
		rest = str_from(d->words);
		while (rest.n > 0) {
			w = str_split(&rest, '|');
			word = arena_strndup(rq->arena, w.p, w.n);
			known = known || strcmp(word, value) == 0;
			option(rq, word, word_text(rq, i, word), value);
		}
		/* A value that is none of the words is shown, so that its problem makes sense. */
		if (!known)
			option(rq, value, value, value);
		tmpl_raw(rq, "</select></div>\n");	/* literal */
		break;
	case SFT_TEXT:
		layout_textarea(rq, &c, value, d->max > 4096 ? SW_TEXT_ROWS : SW_SHORT_ROWS,
		    d->max, false);
		break;
	case SFT_EMAIL:
		input(rq, &c, "email", value, d->max);
		break;
	case SFT_LINE:
	case SFT_DATE:
	case SFT_TIME:
	case SFT_LIST:
		input(rq, &c, "text", value, d->max);
		break;
	}
}

/*
 * Whether the record's app fields are shown: when it names an app, or it
 * goes to (or was received by) a library of apps (issue 9).
 */
static bool
app_shown(const struct req *rq, const struct sub_view *sv)
{
	const char	*lib = sv->v[SF_TARGET_LIBRARY];
	int		 i;

	if (svc_app_library(rq->cfg) || (lib != NULL && strcmp(lib, "CAPPVD") == 0) ||
	    strcmp(rq->cfg->target_library, "CAPPVD") == 0)
		return true;
	for (i = SF_APP_NAME; i < SF__MAX; i++)
		if (sv->v[i] != NULL && sv->v[i][0] != '\0')
			return true;
	return false;
}

/* The record read-only, every field with its label; the app's under their own heading. */
static void
record_dl(struct req *rq, const struct sub_view *sv)
{
	const char	*value;
	int		 i;

	tmpl_raw(rq, "<dl class=\"meta record\">");	/* literal */
	for (i = 0; i < SF__MAX; i++) {
		if (i == SF_APP_NAME) {
			if (!app_shown(rq, sv))
				break;
			tmpl_raw(rq, "</dl>\n");	/* literal */
			layout_wrap(rq, "<h3 id=\"app\">", MSG_APP_SECTION, "</h3>\n");
			tmpl_raw(rq, "<dl class=\"meta record app-fields\">");	/* literal */
		}
		value = sv->v[i] != NULL ? sv->v[i] : "";
		if (sub_fields[i].type == SFT_ENUM && value[0] != '\0')
			value = word_text(rq, (enum sub_field)i, value);
		sw_dl_text(rq, sub_fields[i].label, value, sub_fields[i].type == SFT_TEXT);
	}
	tmpl_raw(rq, "</dl>\n");	/* literal */
}

static void
record_section(struct req *rq, const struct sub_view *sv)
{
	int	i;

	tmpl_raw(rq, "<section class=\"detail\" id=\"record\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_SUB_SEC_RECORD, "</h2>\n");
	if (!sub_can_edit(sv->r.state)) {
		layout_wrap(rq, "<p class=\"hint\">", MSG_WEB_SUB_READONLY, "</p>\n");
		record_dl(rq, sv);
		tmpl_raw(rq, "</section>\n");	/* literal */
		return;
	}
	layout_wrap(rq, "<p class=\"hint\">", MSG_WEB_SUB_RECORD_HINT, "</p>\n");
	if (sv->failed == SFORM_SAVE)
		layout_error_summary(rq, summary_target);
	tmpl_raw(rq, "<form class=\"stack wide submission-form\" method=\"post\"");	/* literal */
	tmpl_attr(rq, "action", arena_printf(rq->arena, "/submissions/%lld",
	    (long long)sv->r.id));
	tmpl_raw(rq, ">");	/* literal */
	tmpl_csrf(rq);
	for (i = 0; i < SF__MAX; i++) {
		/* The app (issue 9): open for a library of apps, or once filled. */
		if (i == SF_APP_NAME) {
			bool	open = app_shown(rq, sv);

			for (int k = SF_APP_NAME; k < SF__MAX && !open; k++)
				open = record_problem(rq, sv, sub_fields[k].key) != NULL ||
				    (sv->failed == SFORM_SAVE && sv->t->v[k] != NULL &&
				    sv->t->v[k][0] != '\0');
			tmpl_raw(rq, open ? "<details class=\"app-fields\" open>" :
			    "<details class=\"app-fields\">");	/* literal: either */
			layout_wrap(rq, "<summary>", MSG_APP_SECTION, "</summary>");
			tmpl_raw(rq, "<fieldset class=\"group\"><legend>");	/* literal */
			tmpl_msg(rq, MSG_APP_SECTION);
			tmpl_raw(rq, "</legend>");	/* literal */
		}
		field_control(rq, sv, (enum sub_field)i);
	}
	tmpl_raw(rq, "</fieldset></details>\n");	/* literal */
	layout_submit(rq, MSG_WEB_SUB_SAVE_SUBMIT);
	tmpl_raw(rq, "</form></section>\n");	/* literal */
}

/* --- the provider's steps --- */

/* A form's opening: <form ... action="/submissions/{id}/verb"> and its token. */
static void
form_open(struct req *rq, const char *cls, const char *id, const char *verb)
{
	tmpl_raw(rq, "<form method=\"post\"");	/* literal */
	tmpl_attr(rq, "class", cls);
	tmpl_attr(rq, "action", arena_printf(rq->arena, "/submissions/%s/%s", id, verb));
	tmpl_raw(rq, ">");	/* literal */
	tmpl_csrf(rq);
}

static void
send_form(struct req *rq, const struct sub_view *sv, const char *id)
{
	bool	manual = rq->cfg->registry_url[0] == '\0';

	layout_wrap(rq, "<p class=\"hint\">", manual ? MSG_WEB_SUB_SEND_HINT_MANUAL :
	    MSG_WEB_SUB_SEND_HINT_REGISTRY, "</p>\n");
	if (sv->failed == SFORM_SEND)
		layout_error_summary(rq, summary_target);
	form_open(rq, "inline", id, "send");
	tmpl_raw(rq, "<button type=\"submit\" class=\"primary\">");	/* literal */
	tmpl_msg(rq, sv->r.state == SUB_QUEUED ? MSG_WEB_SUB_SEND_AGAIN :
	    MSG_WEB_SUB_SEND_SUBMIT);
	tmpl_raw(rq, "</button></form>\n");	/* literal */
}

static void
uploaded_form(struct req *rq, const struct sub_view *sv, const char *id)
{
	bool			again = sv->failed == SFORM_UPLOADED;
	struct layout_control	c_lib = { "library_id", "f-up-library-id",
				    MSG_WEB_SUB_LIBRARY_ID, NULL, MSG_WEB_SUB_UPLOADED_LIB_HINT,
				    NULL, problem(rq, sv, SFORM_UPLOADED, "library_id"), true,
				    false };

	layout_wrap(rq, "<h3 id=\"upload\">", MSG_WEB_SUB_SEC_UPLOAD, "</h3>\n");
	layout_wrap(rq, "<p class=\"hint\">", MSG_WEB_SUB_UPLOADED_HINT, "</p>\n");
	form_errors(rq, sv, SFORM_UPLOADED);
	form_open(rq, "stack narrow", id, "uploaded");
	input(rq, &c_lib, "text", again ? sv->t->library_id : "", SW_LIBRARY_ID_MAX);
	layout_submit(rq, MSG_WEB_SUB_UPLOADED_SUBMIT);
	tmpl_raw(rq, "</form>\n");	/* literal */
}

static void
outcome_form(struct req *rq, const struct sub_view *sv, const char *id)
{
	bool			again = sv->failed == SFORM_OUTCOME;
	struct layout_control	c_out = { "outcome", "f-outcome", MSG_WEB_SUB_F_OUTCOME,
				    NULL, MSG_OK, NULL, problem(rq, sv, SFORM_OUTCOME, "outcome"),
				    false, false };
	struct layout_control	c_lib = { "library_id", "f-out-library-id",
				    MSG_WEB_SUB_LIBRARY_ID, NULL, MSG_WEB_SUB_OUTCOME_LIB_HINT,
				    NULL, problem(rq, sv, SFORM_OUTCOME, "library_id"), true,
				    false };
	struct layout_control	c_reason = { "reason", "f-out-reason", MSG_WEB_SUB_REASON,
				    NULL, MSG_WEB_SUB_OUTCOME_REASON_HINT, NULL,
				    problem(rq, sv, SFORM_OUTCOME, "reason"), true, false };
	const char		*cur = again ? sv->t->choice : "accepted";

	layout_wrap(rq, "<h3 id=\"outcome\">", MSG_WEB_SUB_SEC_OUTCOME, "</h3>\n");
	layout_wrap(rq, "<p class=\"hint\">", MSG_WEB_SUB_OUTCOME_HINT, "</p>\n");
	form_errors(rq, sv, SFORM_OUTCOME);
	form_open(rq, "stack narrow", id, "outcome");
	layout_control_open(rq, &c_out);
	tmpl_raw(rq, "<select");	/* literal */
	layout_control_attrs(rq, &c_out);
	tmpl_raw(rq, ">");	/* literal */
	option(rq, "accepted", req_msg(rq, MSG_WEB_SUBSTATE_ACCEPTED), cur);
	option(rq, "rejected", req_msg(rq, MSG_WEB_SUBSTATE_REJECTED), cur);
	tmpl_raw(rq, "</select></div>\n");	/* literal */
	input(rq, &c_lib, "text", again ? sv->t->library_id : "", SW_LIBRARY_ID_MAX);
	layout_textarea(rq, &c_reason, again ? sv->t->reason : "", SW_REASON_ROWS, 0, false);
	layout_submit(rq, MSG_WEB_SUB_OUTCOME_SUBMIT);
	tmpl_raw(rq, "</form>\n");	/* literal */
}

static void
waive_section(struct req *rq, const struct sub_view *sv, const char *id)
{
	struct layout_control	c_reason = { "reason", "f-waive-reason", MSG_WEB_SUB_REASON,
				    NULL, MSG_WEB_SUB_WAIVE_REASON_HINT, NULL,
				    problem(rq, sv, SFORM_WAIVE, "reason"), false, false };

	tmpl_raw(rq, "<section class=\"detail\" id=\"waive\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_SUB_SEC_WAIVE, "</h2>\n");
	layout_wrap(rq, "<p class=\"hint\">", MSG_WEB_SUB_WAIVE_HINT, "</p>\n");
	form_errors(rq, sv, SFORM_WAIVE);
	form_open(rq, "stack narrow", id, "waive");
	layout_textarea(rq, &c_reason, sv->failed == SFORM_WAIVE ? sv->t->reason : "",
	    SW_REASON_ROWS, 0, true);
	layout_submit(rq, MSG_WEB_SUB_WAIVE_SUBMIT);
	tmpl_raw(rq, "</form></section>\n");	/* literal */
}

/* Send, the manual upload and the library's answer: what the state allows. */
static void
steps_section(struct req *rq, const struct sub_view *sv, const char *id)
{
	const struct submission_row	*r = &sv->r;
	bool				 waiting = r->state == SUB_QUEUED ||
					    r->state == SUB_SENT;

	tmpl_raw(rq, "<section class=\"detail\" id=\"send\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_SUB_SEC_SEND, "</h2>\n");
	if (sub_can_send(r->state))
		send_form(rq, sv, id);
	else if (sv->failed == SFORM_SEND)
		layout_error_summary(rq, summary_target);
	if (r->manual) {
		tmpl_raw(rq, "<p class=\"links-inline\">");	/* literal */
		tmpl_raw(rq, "<a");	/* literal */
		/* The API's route: it answers the page's session cookie too. */
		tmpl_href(rq, arena_printf(rq->arena, "/api/v1/submissions/%s/file", id));
		tmpl_attr(rq, "download", arena_printf(rq->arena, "submission-%s.json",
		    r->case_id));
		tmpl_raw(rq, ">");	/* literal */
		tmpl_msg(rq, MSG_WEB_SUB_DOWNLOAD);
		tmpl_raw(rq, "</a></p>\n");	/* literal */
		if (r->state == SUB_QUEUED)
			uploaded_form(rq, sv, id);
		if (waiting)
			outcome_form(rq, sv, id);
	} else if (!sub_can_send(r->state))
		layout_wrap(rq, "<p class=\"muted\">", r->state == SUB_SENT ?
		    MSG_WEB_SUB_WAITING : MSG_WEB_SUB_NOTHING_TO_DO, "</p>\n");
	tmpl_raw(rq, "</section>\n");	/* literal */
	if (sub_can_waive(r->state))
		waive_section(rq, sv, id);
}

/* Whether the page draws the form that failed (else its refusal goes on top). */
static bool
form_shown(const struct req *rq, const struct sub_view *sv)
{
	const struct submission_row	*r = &sv->r;

	switch (sv->failed) {
	case SFORM_NONE:
	case SFORM_SEND:	/* the send section is always there */
		return true;
	case SFORM_SAVE:
		return sub_can_edit(r->state);
	case SFORM_UPLOADED:
		return r->manual && r->state == SUB_QUEUED;
	case SFORM_OUTCOME:
		return r->manual && (r->state == SUB_QUEUED || r->state == SUB_SENT);
	case SFORM_WAIVE:
		return sub_can_waive(r->state);
	case SFORM_DECISION:
		return rq->cfg->role == ROLE_REGISTRY && strcmp(sv->rr.state, "received") == 0;
	case SFORM__MAX:
		break;
	}
	return false;
}

static void
done_flash(struct req *rq, const struct sub_view *sv, const char *done)
{
	size_t	i;

	if (strcmp(done, "sent") == 0)
		layout_flash_msg(rq, FLASH_OK, sv->r.manual ? MSG_WEB_SUB_DONE_SENT_MANUAL :
		    MSG_WEB_SUB_DONE_SENT);
	for (i = 0; i < sizeof(done_names) / sizeof(done_names[0]); i++)
		if (strcmp(done, done_names[i].done) == 0)
			layout_flash_msg(rq, FLASH_OK, done_names[i].text);
	/* A step the state no longer offers (another person was quicker): say why here. */
	if (!form_shown(rq, sv))
		layout_error_summary(rq, summary_target);
}

static void
provider_page(struct req *rq, const struct sub_view *sv, const char *done)
{
	const struct submission_row	*r = &sv->r;
	const char			*id = arena_printf(rq->arena, "%lld", (long long)r->id);

	layout_begin(rq, MSG_WEB_SUB_PAGE_TITLE);
	tmpl_raw(rq, "<p class=\"report-head\"><code>");	/* literal */
	tmpl_text(rq, r->case_id);
	tmpl_raw(rq, "</code> ");	/* literal */
	sw_state_badge(rq, r->state);
	tmpl_raw(rq, "</p>\n<h1>");	/* literal */
	if (r->title != NULL && r->title[0] != '\0')
		tmpl_text(rq, r->title);
	else
		tmpl_msg(rq, MSG_WEB_SUB_NO_NAME);
	tmpl_raw(rq, "</h1>\n");	/* literal */
	done_flash(rq, sv, done);
	if (r->state == SUB_REJECTED)
		layout_flash_msg(rq, FLASH_WARN, MSG_WEB_SUB_REJECTED_WARN);
	else if (r->state == SUB_QUEUED && r->manual)
		layout_flash_msg(rq, FLASH_INFO, MSG_WEB_SUB_QUEUED_MANUAL);
	else if (r->state == SUB_QUEUED)
		layout_flash_msg(rq, FLASH_INFO, MSG_WEB_SUB_QUEUED_REGISTRY);
	layout_flash_msg(rq, FLASH_INFO, MSG_WEB_SUB_AUDITED);

	tmpl_raw(rq, "<dl class=\"meta\">");	/* literal */
	layout_wrap(rq, "<dt>", MSG_WEB_CASE_ID, "</dt><dd><a");
	tmpl_href(rq, arena_printf(rq->arena, "/cases/%s", r->case_id));
	tmpl_raw(rq, "><code>");	/* literal */
	tmpl_text(rq, r->case_id);
	tmpl_raw(rq, "</code></a></dd>");	/* literal */
	layout_wrap(rq, "<dt>", MSG_WEB_SUB_STATE, "</dt><dd>");
	tmpl_msg(rq, sw_state_msg(r->state));
	tmpl_raw(rq, "</dd>");	/* literal */
	sw_dl_text(rq, MSG_SF_TARGET_LIBRARY, word_text(rq, SF_TARGET_LIBRARY,
	    r->target_library), false);
	if (r->library_id != NULL && r->library_id[0] != '\0')
		sw_dl_text(rq, MSG_WEB_SUB_LIBRARY_ID, r->library_id, false);
	if (r->reason != NULL && r->reason[0] != '\0')
		sw_dl_text(rq, MSG_WEB_SUB_REASON, r->reason, true);
	sw_dl_delivery(rq, r);
	sw_dl_time(rq, MSG_WEB_SUB_CREATED_AT, r->created_at);
	sw_dl_time(rq, MSG_WEB_UPDATED_AT, r->updated_at);
	if (r->sent_at > 0)
		sw_dl_time(rq, MSG_WEB_SUB_SENT_AT, r->sent_at);
	if (r->uploaded_at > 0)
		sw_dl_time(rq, MSG_WEB_SUB_UPLOADED_AT, r->uploaded_at);
	if (r->decided_at > 0)
		sw_dl_time(rq, MSG_WEB_SUB_DECIDED_AT, r->decided_at);
	tmpl_raw(rq, "</dl>\n<p class=\"links-inline\">");	/* literal */
	layout_link(rq, "/submissions", MSG_WEB_SUB_BACK);
	tmpl_raw(rq, " ");	/* literal */
	layout_link(rq, arena_printf(rq->arena, "/cases/%s#submission", r->case_id),
	    MSG_WEB_SUB_TO_CASE);
	tmpl_raw(rq, "</p>\n");	/* literal */
	steps_section(rq, sv, id);
	record_section(rq, sv);
	layout_end(rq);
}

/* --- the registry --- */

static void
forwards_section(struct req *rq, const struct sub_view *sv)
{
	const struct forward_row	*fw;
	size_t				 i;

	tmpl_raw(rq, "<section class=\"detail\" id=\"forwards\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_SUB_SEC_FORWARDS, "</h2>\n");
	if (sv->nfw == 0) {
		layout_wrap(rq, "<p class=\"muted\">", MSG_WEB_SUB_FORWARDS_NONE, "</p>");
		tmpl_raw(rq, "</section>\n");	/* literal */
		return;
	}
	tmpl_raw(rq, "<div class=\"table-wrap\"><table class=\"data forwards\"><thead><tr>");	/* literal */
	layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_SUB_FW_RECIPIENT, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_SUB_FW_CHANNEL, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_SUB_FW_ON_REQUEST, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_SUB_DELIVERY, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_SUB_ATTEMPTS, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_SUB_LAST_ERROR, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_SUB_FW_DELIVERED_AT, "</th>");
	tmpl_raw(rq, "</tr></thead><tbody>\n");	/* literal */
	for (i = 0; i < sv->nfw; i++) {
		fw = &sv->fw[i];
		tmpl_raw(rq, "<tr><td>");	/* literal */
		tmpl_text(rq, fw->recipient);
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_msg(rq, strncmp(fw->target, "mailto:", 7) == 0 ? MSG_WEB_SUB_FW_MAIL :
		    MSG_WEB_SUB_FW_HTTP);
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_msg(rq, fw->on_request ? MSG_WEB_YES : MSG_WEB_NO);
		tmpl_raw(rq, "</td><td>");	/* literal */
		if (fw->delivery != NULL && fw->delivery[0] != '\0')
			tmpl_msg(rq, delivery_msg(fw->delivery));
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_i64(rq, fw->attempts);
		tmpl_raw(rq, "</td><td class=\"pre-line\">");	/* literal */
		tmpl_text(rq, fw->last_error != NULL ? fw->last_error : "");
		tmpl_raw(rq, "</td><td class=\"nowrap\">");	/* literal */
		if (fw->sent_at > 0)
			tmpl_time(rq, fw->sent_at);
		else
			layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_CASE_NEVER, "</span>");
		tmpl_raw(rq, "</td></tr>\n");	/* literal */
	}
	tmpl_raw(rq, "</tbody></table></div></section>\n");	/* literal */
}

static void
decision_section(struct req *rq, const struct sub_view *sv)
{
	bool			again = sv->failed == SFORM_DECISION;
	struct layout_control	c_state = { "state", "f-decision", MSG_WEB_SUB_F_DECISION,
				    NULL, MSG_OK, NULL, problem(rq, sv, SFORM_DECISION, "state"),
				    false, false };
	struct layout_control	c_reason = { "reason", "f-decision-reason",
				    MSG_WEB_SUB_REASON, NULL, MSG_WEB_SUB_DECISION_REASON_HINT,
				    NULL, problem(rq, sv, SFORM_DECISION, "reason"), true, false };
	const char		*cur = again ? sv->t->choice : "verified";

	tmpl_raw(rq, "<section class=\"detail\" id=\"decision\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_SUB_SEC_DECISION, "</h2>\n");
	layout_wrap(rq, "<p class=\"hint\">", MSG_WEB_SUB_DECISION_HINT, "</p>\n");
	form_errors(rq, sv, SFORM_DECISION);
	form_open(rq, "stack narrow", sv->rr.id, "decision");
	layout_control_open(rq, &c_state);
	tmpl_raw(rq, "<select");	/* literal */
	layout_control_attrs(rq, &c_state);
	tmpl_raw(rq, ">");	/* literal */
	option(rq, "verified", req_msg(rq, MSG_WEB_RSTATE_VERIFIED), cur);
	option(rq, "rejected", req_msg(rq, MSG_WEB_RSTATE_REJECTED), cur);
	tmpl_raw(rq, "</select></div>\n");	/* literal */
	layout_textarea(rq, &c_reason, again ? sv->t->reason : "", SW_REASON_ROWS, 0, false);
	layout_submit(rq, MSG_WEB_SUB_DECISION_SUBMIT);
	tmpl_raw(rq, "</form></section>\n");	/* literal */
}

static void
registry_page(struct req *rq, const struct sub_view *sv, const char *done)
{
	const struct received_row	*r = &sv->rr;

	layout_begin(rq, MSG_WEB_SUB_RECEIVED_PAGE);
	tmpl_raw(rq, "<p class=\"report-head\"><code>");	/* literal */
	tmpl_text(rq, r->id);
	tmpl_raw(rq, "</code> ");	/* literal */
	sw_received_badge(rq, r->state);
	tmpl_raw(rq, "</p>\n<h1>");	/* literal */
	if (r->title != NULL && r->title[0] != '\0')
		tmpl_text(rq, r->title);
	else
		tmpl_msg(rq, MSG_WEB_SUB_NO_NAME);
	tmpl_raw(rq, "</h1>\n");	/* literal */
	done_flash(rq, sv, done);
	layout_flash_msg(rq, FLASH_INFO, MSG_WEB_SUB_AUDITED);

	tmpl_raw(rq, "<dl class=\"meta\">");	/* literal */
	sw_dl_text(rq, MSG_WEB_SUB_LIBRARY_ID, r->id, false);
	layout_wrap(rq, "<dt>", MSG_WEB_SUB_SUBMITTED_BY, "</dt><dd>");
	tmpl_text(rq, r->org_name);
	tmpl_raw(rq, " <code>");	/* literal */
	tmpl_text(rq, r->org_slug);
	tmpl_raw(rq, "</code></dd>");	/* literal */
	layout_wrap(rq, "<dt>", MSG_WEB_SUB_STATE, "</dt><dd>");
	tmpl_msg(rq, sw_received_msg(r->state));
	tmpl_raw(rq, "</dd>");	/* literal */
	if (r->reason != NULL && r->reason[0] != '\0')
		sw_dl_text(rq, MSG_WEB_SUB_REASON, r->reason, true);
	sw_dl_text(rq, MSG_SF_TARGET_LIBRARY, word_text(rq, SF_TARGET_LIBRARY,
	    r->target_library), false);
	if (app_shown(rq, sv)) {
		struct appinfo	app;

		for (int k = 0; k < AF__MAX; k++)
			app.v[k] = sv->v[SF_APP_NAME + k];
		layout_wrap(rq, "<dt>", MSG_APP_COLUMN, "</dt><dd>");
		wa_cell(rq, &app);
		tmpl_raw(rq, "</dd>");	/* literal */
	}
	sw_dl_time(rq, MSG_WEB_SUB_RECEIVED_AT, r->received_at);
	if (r->verified_at > 0)
		sw_dl_time(rq, MSG_WEB_SUB_DECIDED_AT, r->verified_at);
	layout_wrap(rq, "<dt>", MSG_WEB_SUB_SHA256, "</dt><dd><code class=\"hash\">");
	tmpl_text(rq, r->payload_sha256);
	tmpl_raw(rq, "</code></dd>");	/* literal */
	layout_wrap(rq, "<dt>", MSG_WEB_SUB_LEAF, "</dt><dd>");
	tmpl_i64(rq, r->leaf_index);
	tmpl_raw(rq, "</dd></dl>\n<p class=\"links-inline\">");	/* literal */
	layout_link(rq, "/submissions", MSG_WEB_SUB_BACK_RECEIVED);
	tmpl_raw(rq, "</p>\n");	/* literal */
	if (strcmp(r->state, "received") == 0)
		decision_section(rq, sv);
	forwards_section(rq, sv);
	tmpl_raw(rq, "<section class=\"detail\" id=\"record\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_SUB_SEC_RECORD, "</h2>\n");
	record_dl(rq, sv);
	tmpl_raw(rq, "</section>\n");	/* literal */
	layout_end(rq);
}

/* --- loading and the page --- */

enum app_err
sw_page(struct req *rq, int status, const char *id, enum sub_form failed,
    const struct sub_typed *t, const char *done)
{
	static const struct sub_typed	 nothing;
	struct svc_ctx			 c = web_ctx(rq);
	struct fault			 f = { .er = APP_OK };
	struct sub_view			*sv = ARENA_NEW(rq->arena, struct sub_view);
	int64_t				 n;
	enum app_err			 er;

	sv->failed = failed;
	sv->t = t != NULL ? t : &nothing;
	/* A failed form's refusal stays the request's error: loading sets none on success. */
	if (rq->cfg->role == ROLE_REGISTRY) {
		if (!sw_library_id_ok(id))
			return req_fail(rq, APP_NOTFOUND, "id", MSG_ERR_NO_SUCH_SUBMISSION);
		if ((er = svc_library_get(&c, id, &sv->rr, &sv->v, &sv->fw, &sv->nfw, &f)) !=
		    APP_OK)
			return web_fault(rq, er, &f);
		resp_html(rq, status);
		registry_page(rq, sv, done);
		return APP_OK;
	}
	if (parse_i64(id, strlen(id), 1, INT64_MAX, &n) != 0)
		return req_fail(rq, APP_NOTFOUND, "id", MSG_ERR_NO_SUCH_SUBMISSION);
	if ((er = svc_submission_get(&c, n, &sv->r, &sv->v, &f)) != APP_OK)
		return web_fault(rq, er, &f);
	resp_html(rq, status);
	provider_page(rq, sv, done);
	return APP_OK;
}
