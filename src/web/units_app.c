/*
 * Support-unit applications (申报) on the web: the form (a type first, then
 * the dossier with the rating method's criteria of that type, the five
 * declarations and evidence files), an application's page with every
 * decided stage, and the staff's and the applicant's steps on it.
 */
#include <string.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/parse.h"
#include "crypto/crypto.h"
#include "web/units_int.h"

#define TEXT_ROWS	4

/* GET /support-units/apply */
const struct param uw_apply_get_params[1] = {
	{ "type", PARAM_TEXT, .max = UW_WORD_MAX },	/* the type chosen */
};

/* POST /support-units/apply (multipart: the evidence files are "documents") */
enum { AP_TYPE, AP_NAME, AP_CODE, AP_ADDRESS, AP_CNAME, AP_CPHONE, AP_CEMAIL, AP_TSIZE,
	AP_TCERTS, AP_TDESC, AP_DECL, AP__MAX = AP_DECL + UNIT_DECLARATIONS };
const struct param uw_apply_params[UW_APPLY_NPARAMS] = {
	[AP_TYPE] = { "type", PARAM_TEXT, .max = UW_WORD_MAX },
	[AP_NAME] = { "unit_name", PARAM_MULTILINE, .max = UW_BIND_MAX },	/* svc checks */
	[AP_CODE] = { "credit_code", PARAM_TEXT, .max = UW_WORD_MAX },
	[AP_ADDRESS] = { "address", PARAM_MULTILINE, .max = UW_BIND_MAX },
	[AP_CNAME] = { "contact.name", PARAM_MULTILINE, .max = UW_BIND_MAX },
	[AP_CPHONE] = { "contact.phone", PARAM_TEXT, .max = UW_WORD_MAX },
	[AP_CEMAIL] = { "contact.email", PARAM_TEXT, .max = 320 },
	[AP_TSIZE] = { "team.size", PARAM_TEXT, .max = UW_WORD_MAX },	/* a number, checked */
	[AP_TCERTS] = { "team.certificates", PARAM_MULTILINE, .max = UW_BIND_MAX },
	[AP_TDESC] = { "team.description", PARAM_MULTILINE, .max = UW_BIND_MAX },
	[AP_DECL] = { "declarations.1", PARAM_BOOL },
	[AP_DECL + 1] = { "declarations.2", PARAM_BOOL },
	[AP_DECL + 2] = { "declarations.3", PARAM_BOOL },
	[AP_DECL + 3] = { "declarations.4", PARAM_BOOL },
	[AP_DECL + 4] = { "declarations.5", PARAM_BOOL },
};
_Static_assert(AP__MAX == UW_APPLY_NPARAMS, "the apply form's parameters");

/* What was typed, to show it again. */
struct typed {
	const char	*v[AP_DECL];
	bool		 decl[UNIT_DECLARATIONS];
};

static const struct {
	const char	*name;
	enum msg_id	 label;
} field_labels[] = {
	{ "type", MSG_UW_TYPE },
	{ "unit_name", MSG_UW_F_NAME },
	{ "credit_code", MSG_UW_F_CODE },
	{ "address", MSG_UW_F_ADDRESS },
	{ "contact.name", MSG_UW_F_CNAME },
	{ "contact.phone", MSG_UW_F_CPHONE },
	{ "contact.email", MSG_UW_F_CEMAIL },
	{ "team.size", MSG_UW_F_TSIZE },
	{ "team.certificates", MSG_UW_F_TCERTS },
	{ "team.description", MSG_UW_F_TDESC },
};

static void
summary_target(struct req *rq, const char *field, const char **id, const char **label)
{
	size_t	i;

	*id = arena_printf(rq->arena, "f-%s", field);
	*label = field;
	for (i = 0; i < sizeof(field_labels) / sizeof(field_labels[0]); i++)
		if (strcmp(field_labels[i].name, field) == 0)
			*label = req_msg(rq, field_labels[i].label);
	if (strncmp(field, "declarations.", 13) == 0)
		*label = req_msg(rq, MSG_UW_DECLARATIONS);
	else if (strncmp(field, "documents", 9) == 0) {
		*id = "f-documents";
		*label = req_msg(rq, MSG_UW_F_DOCUMENTS);
	}
}

/* A typed value of the dynamic evidence fields ("" if none). */
static const char *
form_value(struct req *rq, const char *name)
{
	const struct str	*v = form_get(rq->form, rq->nform, name);

	return v != NULL ? arena_strndup(rq->arena, v->p, v->n) : "";
}

static void
type_chooser(struct req *rq)
{
	resp_html(rq, 200);
	layout_begin(rq, MSG_UW_APPLY_TITLE);
	layout_wrap(rq, "<h1>", MSG_UW_APPLY_TITLE, "</h1>\n");
	layout_wrap(rq, "<p class=\"lead\">", MSG_UW_APPLY_INTRO, "</p>\n");
	tmpl_raw(rq, "<ul class=\"unit-types\"><li>");	/* literal */
	layout_link(rq, "/support-units/apply?type=technical", MSG_UNIT_TYPE_TECHNICAL);
	layout_wrap(rq, "<p class=\"hint\">", MSG_UW_TECHNICAL_DUTIES, "</p></li><li>");
	layout_link(rq, "/support-units/apply?type=governance", MSG_UNIT_TYPE_GOVERNANCE);
	layout_wrap(rq, "<p class=\"hint\">", MSG_UW_GOVERNANCE_DUTIES, "</p></li></ul>\n");
	layout_end(rq);
}

static void
text_field(struct req *rq, const char *name, enum msg_id label, enum msg_id hint,
    const char *value, size_t max, bool required, bool area)
{
	struct layout_control	c = layout_control_for(rq, name, label, hint, !required);

	if (area)
		layout_textarea(rq, &c, value, TEXT_ROWS, max, required);
	else
		layout_text_input(rq, &c, "text", value, max, required);
}

static void
apply_form(struct req *rq, int status, enum unit_type type, const struct typed *t)
{
	const struct unit_criteria	*cs = svc_units_criteria();
	struct layout_control		 c;
	size_t				 i;

	resp_html(rq, status);
	layout_begin(rq, MSG_UW_APPLY_TITLE);
	tmpl_raw(rq, "<h1>");	/* literal */
	tmpl_text(rq, layout_msgf(rq, MSG_UW_APPLY_FOR, req_msg(rq, unit_type_label(type))));
	tmpl_raw(rq, "</h1>\n");	/* literal */
	layout_wrap(rq, "<p class=\"lead\">", MSG_UW_APPLY_PAPER, "</p>\n");
	layout_error_summary(rq, summary_target);
	tmpl_raw(rq, "<form class=\"stack wide unit-apply\" method=\"post\" "
	    "action=\"/support-units/apply\" enctype=\"multipart/form-data\">");	/* literal */
	tmpl_csrf(rq);
	tmpl_raw(rq, "<input type=\"hidden\" name=\"type\"");	/* literal */
	tmpl_attr(rq, "value", unit_type_name(type));
	tmpl_raw(rq, ">");	/* literal */
	layout_wrap(rq, "<fieldset class=\"group\"><legend>", MSG_UW_SEC_UNIT, "</legend>");
	text_field(rq, "unit_name", MSG_UW_F_NAME, MSG_OK, t->v[AP_NAME], UNIT_NAME_MAX, true,
	    false);
	text_field(rq, "credit_code", MSG_UW_F_CODE, MSG_UW_F_CODE_HINT, t->v[AP_CODE], 18,
	    true, false);
	text_field(rq, "address", MSG_UW_F_ADDRESS, MSG_OK, t->v[AP_ADDRESS], UNIT_ADDRESS_MAX,
	    true, false);
	tmpl_raw(rq, "</fieldset>\n");	/* literal */
	layout_wrap(rq, "<fieldset class=\"group\"><legend>", MSG_UW_SEC_CONTACT, "</legend>");
	text_field(rq, "contact.name", MSG_UW_F_CNAME, MSG_OK, t->v[AP_CNAME], UNIT_CONTACT_MAX,
	    true, false);
	text_field(rq, "contact.phone", MSG_UW_F_CPHONE, MSG_OK, t->v[AP_CPHONE], 32, true,
	    false);
	text_field(rq, "contact.email", MSG_UW_F_CEMAIL, MSG_OK, t->v[AP_CEMAIL], 254, true,
	    false);
	layout_wrap(rq, "<p class=\"hint\">", MSG_UW_SEALED_HINT, "</p>");
	tmpl_raw(rq, "</fieldset>\n");	/* literal */
	layout_wrap(rq, "<fieldset class=\"group\"><legend>", MSG_UW_SEC_TEAM, "</legend>");
	text_field(rq, "team.size", MSG_UW_F_TSIZE, MSG_OK, t->v[AP_TSIZE], 6, true, false);
	text_field(rq, "team.certificates", MSG_UW_F_TCERTS, MSG_UW_F_TCERTS_HINT,
	    t->v[AP_TCERTS], UNIT_TEAM_MAX, false, true);
	text_field(rq, "team.description", MSG_UW_F_TDESC, MSG_OK, t->v[AP_TDESC],
	    UNIT_TEAM_MAX, true, true);
	tmpl_raw(rq, "</fieldset>\n");	/* literal */
	/* The rating method: each criterion of the type, its maximum, a score and the evidence. */
	layout_wrap(rq, "<fieldset class=\"group unit-criteria\"><legend>", MSG_UW_SEC_CRITERIA,
	    "</legend>");
	for (i = 0; i < cs->n; i++) {
		const struct unit_criterion	*cr = &cs->c[i];
		const char			*sn, *tn;

		if (!unit_criterion_applies(cr, type))
			continue;
		sn = arena_printf(rq->arena, "evidence.%s.score", cr->key);
		tn = arena_printf(rq->arena, "evidence.%s.text", cr->key);
		tmpl_raw(rq, "<div class=\"criterion\"><h3>");	/* literal */
		tmpl_text(rq, rq->lang == LANG_ZH ? cr->zh : cr->en);
		tmpl_raw(rq, "</h3>");	/* literal */
		c = layout_control_for(rq, sn, MSG_OK, MSG_OK, false);
		c.label_text = layout_msgf(rq, MSG_UW_F_SCORE, cr->max);
		layout_text_input(rq, &c, "number", form_value(rq, sn), 4, true);
		c = layout_control_for(rq, tn, MSG_UW_F_EVIDENCE, MSG_OK, false);
		layout_textarea(rq, &c, form_value(rq, tn), TEXT_ROWS, UNIT_EVIDENCE_MAX, true);
		tmpl_raw(rq, "</div>");	/* literal */
	}
	c = layout_control_for(rq, "documents", MSG_UW_F_DOCUMENTS, MSG_UW_F_DOCUMENTS_HINT, true);
	layout_control_open(rq, &c);
	tmpl_raw(rq, "<input type=\"file\" multiple");	/* literal */
	layout_control_attrs(rq, &c);
	tmpl_raw(rq, "></div>\n</fieldset>\n");	/* literal */
	layout_wrap(rq, "<fieldset class=\"group unit-declarations\"><legend>",
	    MSG_UW_DECLARATIONS, "</legend>");
	for (i = 0; i < UNIT_DECLARATIONS; i++) {
		const char	*name = uw_apply_params[AP_DECL + i].name;

		c = layout_control_for(rq, name, MSG_OK, MSG_OK, false);
		c.label_text = req_msg(rq, unit_declaration_text((int)i));
		c.no_label = true;
		layout_control_open(rq, &c);
		tmpl_raw(rq, "<div class=\"check\"><input type=\"checkbox\" value=\"on\"");	/* literal */
		layout_control_attrs(rq, &c);
		if (t->decl[i])
			tmpl_raw(rq, " checked");	/* literal */
		tmpl_raw(rq, "><label");	/* literal */
		tmpl_attr(rq, "for", c.id);
		tmpl_raw(rq, ">");	/* literal */
		tmpl_msg(rq, unit_declaration_text((int)i));
		tmpl_raw(rq, "</label></div>");	/* literal */
		layout_control_error(rq, &c);
		tmpl_raw(rq, "</div>\n");	/* literal */
	}
	tmpl_raw(rq, "</fieldset>\n");	/* literal */
	layout_submit(rq, MSG_UW_APPLY_SUBMIT);
	tmpl_raw(rq, "</form>\n");	/* literal */
	layout_end(rq);
}

enum app_err
uw_apply_get(struct req *rq)
{
	struct typed	t;
	const char	*type = web_pstr(req_param(rq, 0));
	int		 k;
	size_t		 i;

	if (!uw_registry(rq))
		return uw_off(rq);
	if ((k = unit_type_parse(str_from(type))) < 0) {
		type_chooser(rq);
		return APP_OK;
	}
	memset(&t, 0, sizeof(t));
	for (i = 0; i < AP_DECL; i++)
		t.v[i] = "";
	apply_form(rq, 200, (enum unit_type)k, &t);
	return APP_OK;
}

enum app_err
uw_apply_post(struct req *rq)
{
	const struct unit_criteria	*cs = svc_units_criteria();
	struct svc_ctx			 c = web_ctx(rq);
	struct unit_app_new		 in;
	struct unit_app_view		*v;
	struct unit_problem		 p[UNIT_MAX_PROBLEMS];
	struct unit_evidence_in		*ev;
	struct unit_doc_in		*docs;
	struct fault			 f = { .er = APP_OK };
	struct typed			 t;
	const char			*sc;
	int64_t				 size;
	size_t				 np = 0, i, ne = 0, nd = 0;
	int				 k, status;
	enum app_err			 er;

	if (!uw_registry(rq))
		return uw_off(rq);
	memset(&t, 0, sizeof(t));
	for (i = 0; i < AP_DECL; i++)
		t.v[i] = web_pstr(req_param(rq, i));
	memset(&in, 0, sizeof(in));
	in.in.type = t.v[AP_TYPE];
	in.in.unit_name = t.v[AP_NAME];
	in.in.credit_code = t.v[AP_CODE];
	in.in.address = t.v[AP_ADDRESS];
	in.in.contact_name = t.v[AP_CNAME];
	in.in.contact_phone = t.v[AP_CPHONE];
	in.in.contact_email = t.v[AP_CEMAIL];
	in.in.team_certificates = t.v[AP_TCERTS];
	in.in.team_description = t.v[AP_TDESC];
	if (t.v[AP_TSIZE][0] != '\0')
		in.in.team_size = parse_i64(t.v[AP_TSIZE], strlen(t.v[AP_TSIZE]), 1,
		    UNIT_TEAM_SIZE_MAX, &size) == 0 ? size : -1;
	for (i = 0; i < UNIT_DECLARATIONS; i++)
		t.decl[i] = in.in.declarations[i] = req_param(rq, AP_DECL + i)->b;
	/* The evidence of the type's criteria, as the form names them. */
	k = unit_type_parse(str_from(in.in.type));
	ev = arena_calloc(rq->arena, cs->n + 1, sizeof(*ev));
	for (i = 0; k >= 0 && i < cs->n; i++) {
		if (!unit_criterion_applies(&cs->c[i], (enum unit_type)k))
			continue;
		ev[ne].criterion = cs->c[i].key;
		ev[ne].text = form_value(rq, arena_printf(rq->arena, "evidence.%s.text",
		    cs->c[i].key));
		sc = form_value(rq, arena_printf(rq->arena, "evidence.%s.score", cs->c[i].key));
		if (sc[0] != '\0') {
			ev[ne].has_score = true;
			if (parse_i64(sc, strlen(sc), 0, 1000, &ev[ne].score) != 0)
				ev[ne].score = -1;
		}
		ne++;
	}
	in.in.evidence = ev;
	in.in.nevidence = ne;
	docs = arena_calloc(rq->arena, (size_t)rq->nfiles + 1, sizeof(*docs));
	for (i = 0; i < (size_t)rq->nfiles; i++) {
		if (!str_eq(rq->files[i].name, "documents") ||
		    (rq->files[i].filename.n == 0 && rq->files[i].data.n == 0))
			continue;
		docs[nd].filename = arena_strndup(rq->arena, rq->files[i].filename.p,
		    rq->files[i].filename.n);
		docs[nd].content = (const unsigned char *)rq->files[i].data.p;
		docs[nd].len = rq->files[i].data.n;
		docs[nd].too_large = rq->files[i].data.n > UNIT_DOC_MAX;
		nd++;
	}
	in.docs = docs;
	in.ndocs = nd;
	in.payload = rq->body.p;
	in.payload_len = rq->body.n;
	in.channel = "web";
	v = arena_zalloc(rq->arena, sizeof(*v));
	if ((er = svc_unit_apply(&c, &in, v, p, &np, &f)) == APP_OK)
		return resp_redirect(rq, arena_printf(rq->arena,
		    "/support-units/applications/%s?done=submitted", v->a.id));
	if (er == APP_INVALID && np > 0) {
		for (i = 0; i < np; i++)
			req_field_error(rq, p[i].field, p[i].msg);
		er = req_fail(rq, APP_INVALID, p[0].field, MSG_UW_INVALID, (int)np);
		status = 422;
	} else {
		er = web_fault(rq, er, &f);
		status = web_form_status(rq, er, &f);
	}
	if (status != 0 && k >= 0)
		apply_form(rq, status, (enum unit_type)k, &t);
	return er;
}

/* --- an application's page --- */

enum { AV_ID, AV_DONE };
const struct param uw_app_params[2] = {
	[AV_ID] = { "id", PARAM_TEXT, .max = 64, .required = true },	/* report_id_valid */
	[AV_DONE] = { "done", PARAM_TEXT, .max = UW_WORD_MAX },
};

enum { AD_ID, AD_OUTCOME, AD_NOTES, AD_HELD, AD_SCORE };
const struct param uw_decide_params[5] = {
	[AD_ID] = { "id", PARAM_TEXT, .max = 64, .required = true },
	[AD_OUTCOME] = { "outcome", PARAM_TEXT, .max = UW_WORD_MAX },
	[AD_NOTES] = { "notes", PARAM_MULTILINE, .max = UW_BIND_MAX },
	[AD_HELD] = { "held_on", PARAM_TEXT, .max = UW_WORD_MAX },
	[AD_SCORE] = { "score", PARAM_TEXT, .max = UW_WORD_MAX },	/* a number, checked */
};

const struct param uw_paper_params[2] = {
	{ "id", PARAM_TEXT, .max = 64, .required = true },
	{ "paper_received_on", PARAM_TEXT, .max = UW_WORD_MAX },
};

const struct param uw_withdraw_params[2] = {
	{ "id", PARAM_TEXT, .max = 64, .required = true },
	{ "reason", PARAM_MULTILINE, .max = UW_BIND_MAX },
};

static enum msg_id
stage_msg(const char *stage)
{
	int	k = unit_app_state_parse(str_from(stage));

	return k >= 0 ? unit_app_state_label((enum unit_app_state)k) : MSG_UAS_WITHDRAWN;
}

static enum msg_id
outcome_msg(const char *outcome)
{
	return strcmp(outcome, "passed") == 0 ? MSG_UW_PASSED :
	    strcmp(outcome, "failed") == 0 ? MSG_UW_FAILED : MSG_UAS_WITHDRAWN;
}

static void
stages_table(struct req *rq, const struct unit_app_view *v)
{
	size_t	i;

	layout_wrap(rq, "<h2>", MSG_UW_STAGES, "</h2>\n");
	if (v->nstages == 0) {
		layout_wrap(rq, "<p class=\"muted\">", MSG_UW_STAGES_NONE, "</p>\n");
		return;
	}
	tmpl_raw(rq, "<table class=\"list unit-stages\"><thead><tr>");	/* literal */
	layout_th(rq, MSG_UW_STAGE);
	layout_th(rq, MSG_UW_OUTCOME);
	layout_th(rq, MSG_UW_REVIEWER);
	layout_th(rq, MSG_UW_HELD_ON);
	layout_th(rq, MSG_UW_SCORE);
	layout_th(rq, MSG_UW_NOTES);
	tmpl_raw(rq, "</tr></thead><tbody>");	/* literal */
	for (i = 0; i < v->nstages; i++) {
		const struct unit_stage_row	*s = &v->stages[i];

		tmpl_raw(rq, "<tr class=\"stage\"");	/* literal */
		tmpl_attr(rq, "data-stage", s->stage);
		tmpl_raw(rq, "><td>");	/* literal */
		tmpl_msg(rq, stage_msg(s->stage));
		tmpl_raw(rq, "</td><td>");	/* literal */
		uw_badge(rq, strcmp(s->outcome, "passed") == 0 ? "on" : "off",
		    outcome_msg(s->outcome));
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_text(rq, s->reviewer_name);
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_text(rq, s->held_on);
		tmpl_raw(rq, "</td><td>");	/* literal */
		if (s->has_score)
			tmpl_i64(rq, s->score);
		tmpl_raw(rq, "</td><td class=\"pre-line\">");	/* literal */
		tmpl_text(rq, s->notes);
		tmpl_raw(rq, "</td></tr>");	/* literal */
	}
	tmpl_raw(rq, "</tbody></table>\n");	/* literal */
}

static void
dossier(struct req *rq, const struct unit_app_view *v)
{
	size_t	i;

	if (!v->full)
		return;
	layout_wrap(rq, "<h2>", MSG_UW_DOSSIER, "</h2>\n<dl class=\"meta dossier\">");
	layout_dl_text(rq, MSG_UW_F_ADDRESS, v->address, false);
	layout_dl_text(rq, MSG_UW_F_CNAME, v->contact_name, false);
	layout_dl_text(rq, MSG_UW_F_CPHONE, v->contact_phone, false);
	layout_dl_text(rq, MSG_UW_F_CEMAIL, v->contact_email, false);
	uw_dl_i64(rq, MSG_UW_F_TSIZE, v->team_size);
	layout_dl_text(rq, MSG_UW_F_TCERTS, v->team_certificates, true);
	layout_dl_text(rq, MSG_UW_F_TDESC, v->team_description, true);
	tmpl_raw(rq, "</dl>\n<table class=\"list unit-evidence\"><thead><tr>");	/* literal */
	layout_th(rq, MSG_UW_CRITERION);
	layout_th(rq, MSG_UW_SCORE);
	layout_th(rq, MSG_UW_F_EVIDENCE);
	tmpl_raw(rq, "</tr></thead><tbody>");	/* literal */
	for (i = 0; i < v->nevidence; i++) {
		const struct unit_evidence	*e = &v->evidence[i];

		tmpl_raw(rq, "<tr><td>");	/* literal */
		tmpl_text(rq, rq->lang == LANG_ZH && e->label_zh[0] != '\0' ? e->label_zh :
		    e->label_en[0] != '\0' ? e->label_en : e->criterion);
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_textf(rq, "%lld / %lld", (long long)e->score, (long long)e->max);
		tmpl_raw(rq, "</td><td class=\"pre-line\">");	/* literal */
		tmpl_text(rq, e->text);
		tmpl_raw(rq, "</td></tr>");	/* literal */
	}
	tmpl_raw(rq, "</tbody></table>\n");	/* literal */
	layout_wrap(rq, "<h3>", MSG_UW_DECLARATIONS, "</h3>\n<ul class=\"declarations\">");
	for (i = 0; i < UNIT_DECLARATIONS; i++) {
		tmpl_raw(rq, "<li>");	/* literal */
		uw_badge(rq, v->declarations[i] ? "on" : "off", v->declarations[i] ?
		    MSG_UW_DECLARED : MSG_UW_NOT_DECLARED);
		tmpl_raw(rq, " ");	/* literal */
		tmpl_msg(rq, unit_declaration_text((int)i));
		tmpl_raw(rq, "</li>");	/* literal */
	}
	tmpl_raw(rq, "</ul>\n");	/* literal */
	if (v->ndocs == 0)
		return;
	layout_wrap(rq, "<h3>", MSG_UW_F_DOCUMENTS, "</h3>\n<ul class=\"documents\">");
	for (i = 0; i < v->ndocs; i++) {
		tmpl_raw(rq, "<li><a");	/* literal */
		tmpl_href(rq, arena_printf(rq->arena,
		    "/api/v1/support-units/applications/%s/documents/%lld", v->a.id,
		    (long long)v->docs[i].id));
		tmpl_raw(rq, ">");	/* literal */
		tmpl_text(rq, v->docs[i].filename);
		tmpl_raw(rq, "</a> <span class=\"muted\">");	/* literal */
		tmpl_textf(rq, "%s, %lld B", v->docs[i].mime, (long long)v->docs[i].size);
		tmpl_raw(rq, "</span></li>");	/* literal */
	}
	tmpl_raw(rq, "</ul>\n");	/* literal */
}

/* The staff's forms: the paper copy, and the decision on the current stage. */
static void
staff_forms(struct req *rq, const struct unit_app_view *v)
{
	static const char *const outcomes[] = { "pass", "fail" };
	static const enum msg_id outcome_labels[] = { MSG_UW_PASS, MSG_UW_FAIL };
	struct layout_control	 c;
	const char		*base = arena_printf(rq->arena, "/support-units/applications/%s",
				    v->a.id);

	if (!unit_app_decidable(v->a.state))
		return;
	layout_wrap(rq, "<section class=\"card staff-actions\"><h2>", MSG_UW_STAFF_ACTIONS,
	    "</h2>\n");
	layout_error_summary(rq, summary_target);
	if (v->a.state == UAS_MATERIAL_REVIEW) {
		tmpl_raw(rq, "<form class=\"stack\" method=\"post\"");	/* literal */
		tmpl_attr(rq, "action", arena_printf(rq->arena, "%s/paper", base));
		tmpl_raw(rq, ">");	/* literal */
		tmpl_csrf(rq);
		c = layout_control_for(rq, "paper_received_on", MSG_UW_PAPER_ON,
		    MSG_UW_DATE_HINT, false);
		layout_text_input(rq, &c, "date", v->a.paper_received_on, 10, true);
		layout_submit(rq, MSG_UW_PAPER_SUBMIT);
		tmpl_raw(rq, "</form>\n");	/* literal */
	}
	tmpl_raw(rq, "<form class=\"stack\" method=\"post\"");	/* literal */
	tmpl_attr(rq, "action", arena_printf(rq->arena, "%s/decision", base));
	tmpl_raw(rq, ">");	/* literal */
	tmpl_csrf(rq);
	tmpl_raw(rq, "<h3>");	/* literal */
	tmpl_text(rq, layout_msgf(rq, MSG_UW_DECIDE, req_msg(rq,
	    unit_app_state_label(v->a.state))));
	tmpl_raw(rq, "</h3>");	/* literal */
	c = layout_control_for(rq, "outcome", MSG_UW_OUTCOME, MSG_OK, false);
	layout_word_select(rq, &c, outcomes, outcome_labels,
	    unit_app_can_fail(v->a.state) ? 2 : 1, MSG_OK, "pass");
	c = layout_control_for(rq, "held_on", MSG_UW_HELD_ON, MSG_UW_DATE_HINT, true);
	layout_text_input(rq, &c, "date", "", 10, false);
	c = layout_control_for(rq, "score", MSG_UW_SCORE, MSG_OK, true);
	layout_text_input(rq, &c, "number", "", 4, false);
	c = layout_control_for(rq, "notes", MSG_UW_NOTES, MSG_UW_NOTES_HINT, true);
	layout_textarea(rq, &c, "", TEXT_ROWS, UNIT_NOTE_MAX, false);
	layout_submit(rq, MSG_UW_DECIDE_SUBMIT);
	tmpl_raw(rq, "</form>\n</section>\n");	/* literal */
}

static void
app_page(struct req *rq, int status, const struct unit_app_view *v, const char *done)
{
	bool	member = rq->user != NULL && rq->user->org_id == v->a.org_id;

	resp_html(rq, status);
	layout_begin(rq, MSG_UW_APP_TITLE);
	tmpl_raw(rq, "<h1>");	/* literal */
	tmpl_text(rq, layout_msgf(rq, MSG_UW_APP_OF, v->a.id));
	tmpl_raw(rq, " ");	/* literal */
	uw_badge(rq, v->a.state == UAS_REJECTED || v->a.state == UAS_WITHDRAWN ? "off" : "on",
	    unit_app_state_label(v->a.state));
	tmpl_raw(rq, "</h1>\n");	/* literal */
	if (done != NULL && done[0] != '\0')
		layout_flash_msg(rq, FLASH_OK, strcmp(done, "submitted") == 0 ?
		    MSG_UW_SUBMITTED : MSG_UW_DONE);
	if (v->a.state == UAS_MATERIAL_REVIEW && v->a.paper_received_on[0] == '\0')
		layout_flash_msg(rq, FLASH_WARN, MSG_UW_PAPER_PENDING);
	tmpl_raw(rq, "<dl class=\"meta unit-application\">");	/* literal */
	uw_dl_msg(rq, MSG_UW_TYPE, unit_type_label(v->a.type));
	layout_dl_text(rq, MSG_UW_F_NAME, v->a.unit_name, false);
	layout_dl_text(rq, MSG_UW_F_CODE, v->a.credit_code, false);
	layout_dl_text(rq, MSG_UW_ORG, v->a.org_name, false);
	uw_dl_msg(rq, MSG_UW_STATE, unit_app_state_label(v->a.state));
	layout_dl_time(rq, MSG_UW_SUBMITTED_AT, v->a.submitted_at, MSG_WEB_NONE);
	layout_dl_text(rq, MSG_UW_PAPER_ON, v->a.paper_received_on, false);
	uw_dl_i64(rq, MSG_UW_SELF_SCORE, v->a.self_score);
	if (v->a.leaf_index >= 0)
		uw_dl_i64(rq, MSG_UW_LEAF, v->a.leaf_index);
	if (v->a.unit_id != 0) {
		layout_wrap(rq, "<dt>", MSG_UW_UNIT_TITLE, "</dt><dd>");
		layout_link(rq, arena_printf(rq->arena, "/support-units/%lld",
		    (long long)v->a.unit_id), MSG_UW_UNIT_LINK);
		tmpl_raw(rq, "</dd>");	/* literal */
	}
	tmpl_raw(rq, "</dl>\n");	/* literal */
	stages_table(rq, v);
	dossier(rq, v);
	if (uw_staff(rq))
		staff_forms(rq, v);
	if (member && unit_app_withdrawable(v->a.state)) {
		struct layout_control	c;

		tmpl_raw(rq, "<form class=\"stack withdraw\" method=\"post\"");	/* literal */
		tmpl_attr(rq, "action", arena_printf(rq->arena,
		    "/support-units/applications/%s/withdraw", v->a.id));
		tmpl_raw(rq, ">");	/* literal */
		tmpl_csrf(rq);
		c = layout_control_for(rq, "reason", MSG_UW_REASON, MSG_OK, true);
		layout_textarea(rq, &c, "", 2, UNIT_NOTE_MAX, false);
		layout_submit(rq, MSG_UW_WITHDRAW);
		tmpl_raw(rq, "</form>\n");	/* literal */
	}
	layout_end(rq);
}

enum app_err
uw_app_get(struct req *rq)
{
	struct svc_ctx		c = web_ctx(rq);
	struct unit_app_view	v;
	struct fault		f = { .er = APP_OK };
	enum app_err		er;

	if (!uw_registry(rq))
		return uw_off(rq);
	if ((er = svc_unit_app_get(&c, req_param(rq, AV_ID)->s.p, &v, &f)) != APP_OK)
		return web_fault(rq, er, &f);
	app_page(rq, 200, &v, web_pstr(req_param(rq, AV_DONE)));
	return APP_OK;
}

/* After a step: back to the page, or the page again with the refusal beside its form. */
static enum app_err
step_answer(struct req *rq, const char *id, enum app_err er, struct fault *f,
    const char *done)
{
	struct svc_ctx		c = web_ctx(rq);
	struct unit_app_view	v;
	struct fault		g = { .er = APP_OK };
	int			status;

	if (er == APP_OK)
		return resp_redirect(rq, arena_printf(rq->arena,
		    "/support-units/applications/%s?done=%s", id, done));
	er = web_fault(rq, er, f);
	if ((status = web_form_status(rq, er, f)) == 0)
		return er;
	if (svc_unit_app_get(&c, id, &v, &g) != APP_OK)
		return er;
	app_page(rq, status, &v, NULL);
	return er;
}

enum app_err
uw_decide_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct unit_decision	 d;
	struct unit_app_view	 v;
	struct fault		 f = { .er = APP_OK };
	const char		*id = web_path_id(rq, AD_ID), *score;

	if (!uw_registry(rq))
		return uw_off(rq);
	if (id == NULL)
		return req_fail(rq, APP_NOTFOUND, NULL, MSG_ERR_NO_SUCH_UNIT_APP);
	memset(&d, 0, sizeof(d));
	d.outcome = web_pstr(req_param(rq, AD_OUTCOME));
	d.notes = web_pstr(req_param(rq, AD_NOTES));
	d.held_on = web_pstr(req_param(rq, AD_HELD));
	score = web_pstr(req_param(rq, AD_SCORE));
	if (score[0] != '\0') {
		d.has_score = true;
		if (parse_i64(score, strlen(score), 0, 1000, &d.score) != 0)
			d.score = -1;
	}
	return step_answer(rq, id, svc_unit_app_decide(&c, id, &d, &v, &f), &f, "decided");
}

enum app_err
uw_paper_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct unit_app_view	 v;
	struct fault		 f = { .er = APP_OK };
	const char		*id = web_path_id(rq, 0);

	if (!uw_registry(rq))
		return uw_off(rq);
	if (id == NULL)
		return req_fail(rq, APP_NOTFOUND, NULL, MSG_ERR_NO_SUCH_UNIT_APP);
	return step_answer(rq, id, svc_unit_app_paper(&c, id, web_pstr(req_param(rq, 1)), &v,
	    &f), &f, "paper");
}

enum app_err
uw_withdraw_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct unit_app_view	 v;
	struct fault		 f = { .er = APP_OK };
	const char		*id = web_path_id(rq, 0);

	if (!uw_registry(rq))
		return uw_off(rq);
	if (id == NULL)
		return req_fail(rq, APP_NOTFOUND, NULL, MSG_ERR_NO_SUCH_UNIT_APP);
	return step_answer(rq, id, svc_unit_app_withdraw(&c, id, web_pstr(req_param(rq, 1)),
	    &v, &f), &f, "withdrawn");
}
