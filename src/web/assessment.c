/*
 * Triage's assessment on the report page (R27-R30, R38): the CVSS vectors
 * with their scores, the GB/T 30279-2020 indicators with the grades they
 * give, the category, the CWE and the related ids; a form that changes them
 * through svc_assessment_put (the use case the API calls too); and the
 * history of every change.  Only for staff holding PERM_REPORTS_ASSESS.
 *
 * Scores and grades are computed here from what is stored or typed, so the
 * page states them without JavaScript (a submit recomputes them).
 * scoring.js updates them while one types, from the public calculators
 * (/api/v1/cvss, /api/v1/grade) and the CWE list (/api/v1/cwe); it finds
 * its elements by the data-* attributes written here.
 */
#include <string.h>

#include "core/arena.h"
#include "core/sbuf.h"
#include "core/str.h"
#include "domain/assessment.h"
#include "domain/authz.h"
#include "domain/cvss.h"
#include "domain/grade.h"
#include "domain/ids.h"
#include "store/store.h"
#include "svc/assessment.h"
#include "web/layout.h"
#include "web/reports_int.h"
#include "web/tmpl.h"
#include "web/web_int.h"

/* History rows the page shows, newest first (as many as the API returns). */
#define AS_HISTORY_MAX		200

/*
 * Transport bounds of the form's fields.  They are loose on purpose, as on
 * the report form: svc_assessment_put applies the real rules and names
 * every field it refuses, so the form comes back with each problem beside
 * its field instead of an error page about the first one.
 */
#define AS_ID_MAX		256				/* report_id_valid decides */
#define AS_VECTOR_MAX		(4 * CVSS_VECTOR_MAX)		/* cvss_parse: too_long */
#define AS_CHOICE_MAX		64				/* our own option values */
#define AS_PATH_MAX		256				/* gbt_category_find */
#define AS_CWE_MAX		64				/* "CWE-79" or "79" */
#define AS_RELATED_MAX		(2 * ASSESS_RELATED_MAX * XID_VALUE_MAX)	/* xid_check */
#define AS_REASON_MAX		(2 * ASSESS_REASON_MAX)		/* svc counts the bytes */

/* Rows of the textareas. */
#define AS_RELATED_ROWS		4
#define AS_REASON_ROWS		3

/* The datalist scoring.js fills from /api/v1/cwe. */
#define AS_CWE_LIST		"f-cwe-options"

/* rp_view reads the id of both routes as REPORT_ID: the first parameter. */
_Static_assert(REPORT_ID == 0 && RVIEW_ID == 0 && ASSESS_F_ID == 0,
    "the report id comes first");

const struct param report_view_params[RVIEW__MAX] = {
	[RVIEW_ID] = { "id", PARAM_TEXT, .max = AS_ID_MAX,
	    .required = true },					/* report_id_valid */
	[RVIEW_ASSESSED] = { "assessed", PARAM_BOOL },		/* just saved: say so */
};

/* The indicator selects are "gbt_" and the indicator's key, in gbt_indicator order. */
const struct param assess_form_params[ASSESS_F__MAX] = {
	[ASSESS_F_ID] = { "id", PARAM_TEXT, .max = AS_ID_MAX,
	    .required = true },					/* report_id_valid */
	[ASSESS_F_CVSS_V3] = { "cvss_v3", PARAM_TEXT, .max = AS_VECTOR_MAX },	/* 3.0 or 3.1 */
	[ASSESS_F_CVSS_V4] = { "cvss_v4", PARAM_TEXT, .max = AS_VECTOR_MAX },	/* 4.0 */
	[ASSESS_F_CVSS_V2] = { "cvss_v2", PARAM_TEXT, .max = AS_VECTOR_MAX },	/* 2.0 */
	[ASSESS_F_GBT + GBT_ACCESS_PATH] = { "gbt_access_path", PARAM_TEXT,
	    .max = AS_CHOICE_MAX },				/* 访问路径 */
	[ASSESS_F_GBT + GBT_TRIGGER] = { "gbt_trigger", PARAM_TEXT,
	    .max = AS_CHOICE_MAX },				/* 触发要求 */
	[ASSESS_F_GBT + GBT_PRIVILEGE] = { "gbt_privilege", PARAM_TEXT,
	    .max = AS_CHOICE_MAX },				/* 权限需求 */
	[ASSESS_F_GBT + GBT_INTERACTION] = { "gbt_interaction", PARAM_TEXT,
	    .max = AS_CHOICE_MAX },				/* 交互条件 */
	[ASSESS_F_GBT + GBT_CONFIDENTIALITY] = { "gbt_confidentiality", PARAM_TEXT,
	    .max = AS_CHOICE_MAX },				/* 保密性影响 */
	[ASSESS_F_GBT + GBT_INTEGRITY] = { "gbt_integrity", PARAM_TEXT,
	    .max = AS_CHOICE_MAX },				/* 完整性影响 */
	[ASSESS_F_GBT + GBT_AVAILABILITY] = { "gbt_availability", PARAM_TEXT,
	    .max = AS_CHOICE_MAX },				/* 可用性影响 */
	[ASSESS_F_GBT + GBT_EXPLOIT_COST] = { "gbt_exploit_cost", PARAM_TEXT,
	    .max = AS_CHOICE_MAX },				/* 被利用成本 */
	[ASSESS_F_GBT + GBT_FIX_DIFFICULTY] = { "gbt_fix_difficulty", PARAM_TEXT,
	    .max = AS_CHOICE_MAX },				/* 修复难度 */
	[ASSESS_F_GBT + GBT_SCOPE] = { "gbt_scope", PARAM_TEXT,
	    .max = AS_CHOICE_MAX },				/* 影响范围 */
	[ASSESS_F_CATEGORY] = { "category_path", PARAM_TEXT,
	    .max = AS_PATH_MAX },				/* a path of the tree */
	[ASSESS_F_CWE] = { "cwe", PARAM_TEXT, .max = AS_CWE_MAX },	/* CWE-79 */
	[ASSESS_F_RELATED] = { "related_ids", PARAM_MULTILINE,
	    .max = AS_RELATED_MAX },				/* one per line */
	[ASSESS_F_REASON] = { "reason", PARAM_MULTILINE,
	    .max = AS_REASON_MAX },				/* R30 */
};

/* The three vectors, in the order shown. */
static const struct {
	size_t		 param;		/* in assess_form_params */
	enum msg_id	 label;		/* what it is */
	enum msg_id	 hint;		/* an example */
} vectors[] = {
	{ ASSESS_F_CVSS_V3, MSG_WEB_ASSESS_CVSS_V3, MSG_WEB_ASSESS_CVSS_V3_HINT },
	{ ASSESS_F_CVSS_V4, MSG_WEB_ASSESS_CVSS_V4, MSG_WEB_ASSESS_CVSS_V4_HINT },
	{ ASSESS_F_CVSS_V2, MSG_WEB_ASSESS_CVSS_V2, MSG_WEB_ASSESS_CVSS_V2_HINT },
};

/* The indicators in the standard's three groups. */
static const struct {
	enum msg_id	 legend;	/* 被利用性, 影响程度, 环境因素 */
	int		 first;		/* the group's indicators: [first, end) */
	int		 end;
} groups[] = {
	{ MSG_WEB_ASSESS_GRP_EXPLOIT, GBT_ACCESS_PATH, GBT_CONFIDENTIALITY },
	{ MSG_WEB_ASSESS_GRP_IMPACT, GBT_CONFIDENTIALITY, GBT_EXPLOIT_COST },
	{ MSG_WEB_ASSESS_GRP_ENV, GBT_EXPLOIT_COST, GBT__NINDICATORS },
};

/* CSS class suffixes of the CVSS severities (enum cvss_severity order). */
static const char *const sev_class[] = {
	"sev sev-none", "sev sev-low", "sev sev-medium", "sev sev-high",
	"sev sev-critical",
};

/* What the panel shows, loaded before the page is written. */
struct assess_view {
	const char			*report_id;
	struct assessment		 a;		/* as stored */
	struct assessment_change	*h;		/* its history, newest first */
	size_t				 nh;		/* how many */
	const char			*cwe_name;	/* from the imported list, or NULL */
	const char			*v[ASSESS_F__MAX];	/* the form's values, never NULL */
	bool				 failed;	/* the form comes back with its problems */
	bool				 saved;		/* just saved: say so */
};

/* Space, tab or CR around a line of a textarea (browsers send CRLF). */
static struct str
trim_line(struct str s)
{
	while (s.n > 0 && (s.p[0] == ' ' || s.p[0] == '\t' || s.p[0] == '\r')) {
		s.p++;
		s.n--;
	}
	while (s.n > 0 && (s.p[s.n - 1] == ' ' || s.p[s.n - 1] == '\t' ||
	    s.p[s.n - 1] == '\r'))
		s.n--;
	return s;
}

/*
 * The related ids of the textarea, one a line: an id alone
 * ("CVE-2024-1234": xid_check recognises its scheme), or a scheme, then
 * ':' or white space, then the id ("JVN:JVNDB-2024-000001").  Blank lines
 * are skipped.  The ids are in a; returns how many.
 */
static size_t
related_parse(struct arena *a, const char *text, struct related_id **out)
{
	struct str		 rest = str_from(text), line, value;
	struct related_id	*ids;
	size_t			 cap = 1, n = 0, i;

	for (i = 0; text[i] != '\0'; i++)
		if (text[i] == '\n')
			cap++;
	ids = arena_calloc(a, cap, sizeof(*ids));
	while (rest.n > 0) {
		line = trim_line(str_split(&rest, '\n'));
		if (line.n == 0)
			continue;
		for (i = 0; i < line.n; i++)
			if (line.p[i] == ':' || line.p[i] == ' ' || line.p[i] == '\t')
				break;
		if (i > 0 && i < line.n) {
			value = trim_line((struct str){ line.p + i + 1, line.n - i - 1 });
			ids[n].scheme = arena_strndup(a, line.p, i);
			ids[n].value = arena_strndup(a, value.p, value.n);
		} else
			ids[n].value = arena_strndup(a, line.p, line.n);	/* xid_check judges */
		n++;
	}
	*out = ids;
	return n;
}

/* A stored related id as a line of the textarea (related_parse reads it back). */
static const char *
related_line(struct arena *a, const struct related_id *x)
{
	enum xid_scheme	kind;
	char		scheme[XID_SCHEME_MAX];

	/* An id whose form names its scheme needs no prefix. */
	if (xid_check(NULL, x->value, &kind, scheme) == XID_OK &&
	    strcmp(scheme, x->scheme) == 0)
		return x->value;
	return arena_printf(a, "%s:%s", x->scheme, x->value);
}

/*
 * A vector's score as the page and scoring.js write it ("9.8 CRITICAL";
 * v4.0 "9.3 CRITICAL · CVSS-BT"), with its severity; NULL when the vector
 * is empty or not valid.
 */
static const char *
score_text(struct req *rq, const char *vector, enum cvss_severity *sev)
{
	struct cvss		 cv;
	struct cvss_error	 e;
	struct str		 s = trim_line(str_from(vector));
	char			 num[5];

	if (s.n == 0)
		return NULL;
	memset(&e, 0, sizeof(e));
	if (cvss_parse(arena_strndup(rq->arena, s.p, s.n), &cv, &e) != 0)
		return NULL;
	if (cv.version == CVSS_V40) {
		cvss_format_score(cv.score, num);
		*sev = cv.severity;
		return arena_printf(rq->arena, "%s %s · %s", num,
		    cvss_severity_name(cv.severity),
		    cvss_nomenclature_name(cv.nomenclature));
	}
	cvss_format_score(cv.base, num);
	*sev = cv.base_severity;
	return arena_printf(rq->arena, "%s %s", num, cvss_severity_name(cv.base_severity));
}

static const char *
severity_class(enum cvss_severity s)
{
	return (unsigned)s < sizeof(sev_class) / sizeof(sev_class[0]) ? sev_class[s] : "sev";
}

void
assess_cvss_attr(struct req *rq, const char *input_id)
{
	tmpl_attr(rq, "data-cvss-input", arena_printf(rq->arena, "%s-score", input_id));
}

void
assess_cvss_output(struct req *rq, const char *input_id, const char *vector)
{
	enum cvss_severity	 sev = CVSS_SEV_NONE;
	const char		*text = score_text(rq, vector, &sev);

	tmpl_raw(rq, "<output");	/* literal */
	tmpl_attr(rq, "id", arena_printf(rq->arena, "%s-score", input_id));
	tmpl_attr(rq, "for", input_id);
	tmpl_attr(rq, "class", text != NULL ? arena_printf(rq->arena, "live %s",
	    severity_class(sev)) : "live");
	tmpl_raw(rq, " aria-live=\"polite\">");	/* literal */
	if (text != NULL)
		tmpl_text(rq, text);
	tmpl_raw(rq, "</output>");	/* literal */
}

void
assess_script(struct req *rq)
{
	/* A file of this server (CSP script-src 'self'): never inline script. */
	tmpl_raw(rq, "<script src=\"/static/scoring.js\" defer></script>\n");	/* literal */
}

/* The field svc/ names in its problems for a form parameter ("gbt.trigger"). */
static const char *
svc_field(struct req *rq, size_t i)
{
	if (i >= ASSESS_F_GBT && i < ASSESS_F_GBT + GBT__NINDICATORS)
		return arena_printf(rq->arena, "gbt.%s",
		    gbt_indicator_key((enum gbt_indicator)(i - ASSESS_F_GBT)));
	return assess_form_params[i].name;
}

/* The label of a form parameter, in the page's language. */
static const char *
param_label(struct req *rq, size_t i)
{
	size_t	k;

	if (i >= ASSESS_F_GBT && i < ASSESS_F_GBT + GBT__NINDICATORS)
		return gbt_indicator_name((enum gbt_indicator)(i - ASSESS_F_GBT), rq->lang);
	for (k = 0; k < sizeof(vectors) / sizeof(vectors[0]); k++)
		if (vectors[k].param == i)
			return req_msg(rq, vectors[k].label);
	switch (i) {
	case ASSESS_F_CATEGORY:
		return req_msg(rq, MSG_WEB_ASSESS_CATEGORY);
	case ASSESS_F_CWE:
		return req_msg(rq, MSG_WEB_ASSESS_CWE);
	case ASSESS_F_RELATED:
		return req_msg(rq, MSG_WEB_ASSESS_RELATED);
	case ASSESS_F_REASON:
		return req_msg(rq, MSG_WEB_ASSESS_REASON);
	default:
		return assess_form_params[i].name;
	}
}

/* The problem the failed form recorded for a field (svc/'s name), or NULL. */
static const char *
problem_of(const struct req *rq, const struct assess_view *v, const char *field)
{
	return v->failed ? layout_field_problem(rq, field) : NULL;
}

/* Where the error summary links a problem to: the control, or the indicators. */
static void
summary_target(struct req *rq, const char *field, const char **id, const char **label)
{
	size_t	k;

	for (k = 1; k < ASSESS_F__MAX; k++)
		if (strcmp(svc_field(rq, k), field) == 0) {
			*id = arena_printf(rq->arena, "f-%s", assess_form_params[k].name);
			*label = param_label(rq, k);
			return;
		}
	/* The group of indicators as a whole ("set all seven"). */
	*id = "f-gbt";
	*label = req_msg(rq, MSG_WEB_ASSESS_GBT_HEADING);
}

/* Control i's box (label, hint and problem), as layout draws every form's. */
static struct layout_control
field_open(struct req *rq, const struct assess_view *v, size_t i, const char *id,
    enum msg_id hint)
{
	struct layout_control	c = { assess_form_params[i].name, id, MSG_OK,
				    param_label(rq, i), hint, NULL,
				    problem_of(rq, v, svc_field(rq, i)), false, false };

	layout_control_open(rq, &c);
	return c;
}

static const char *
field_id(struct req *rq, size_t i)
{
	return arena_printf(rq->arena, "f-%s", assess_form_params[i].name);
}

/* A vector's text input with its live score. */
static void
vector_field(struct req *rq, const struct assess_view *v, size_t k)
{
	size_t			 i = vectors[k].param;
	const char		*id = field_id(rq, i);
	struct layout_control	 c;

	c = field_open(rq, v, i, id, vectors[k].hint);
	tmpl_raw(rq, "<input type=\"text\" class=\"vector\" spellcheck=\"false\" "
	    "autocomplete=\"off\"");	/* literal */
	layout_control_attrs(rq, &c);
	tmpl_attr(rq, "maxlength", arena_printf(rq->arena, "%d", CVSS_VECTOR_MAX - 1));
	tmpl_attr(rq, "value", v->v[i]);
	assess_cvss_attr(rq, id);
	tmpl_raw(rq, ">");	/* literal */
	assess_cvss_output(rq, id, v->v[i]);
	tmpl_raw(rq, "</div>\n");	/* literal */
}

/* One indicator's <select>: unset, then its values named in the page's language. */
static void
indicator_field(struct req *rq, const struct assess_view *v, enum gbt_indicator ind)
{
	size_t			 i = ASSESS_F_GBT + (size_t)ind;
	const char		*id = field_id(rq, i), *key;
	struct layout_control	 c;
	int			 k, n = gbt_value_count(ind);

	c = field_open(rq, v, i, id, MSG_OK);
	tmpl_raw(rq, "<select");	/* literal */
	layout_control_attrs(rq, &c);
	/* scoring.js sends it to /api/v1/grade under this name. */
	tmpl_attr(rq, "data-gbt", gbt_indicator_key(ind));
	if ((int)ind < GBT_NTECHNICAL)
		tmpl_raw(rq, " data-gbt-technical");	/* literal */
	tmpl_raw(rq, "><option value=\"\">");	/* literal */
	tmpl_msg(rq, MSG_WEB_ASSESS_UNSET);
	tmpl_raw(rq, "</option>");	/* literal */
	for (k = 0; k < n; k++) {
		key = gbt_value_key(ind, k);
		tmpl_raw(rq, "<option");	/* literal */
		tmpl_attr(rq, "value", key);
		if (strcmp(v->v[i], key) == 0)
			tmpl_raw(rq, " selected");	/* literal */
		tmpl_raw(rq, ">");	/* literal */
		tmpl_text(rq, gbt_value_name(ind, k, rq->lang));
		tmpl_raw(rq, "</option>");	/* literal */
	}
	tmpl_raw(rq, "</select></div>\n");	/* literal */
}

/*
 * The grade the typed indicators give, as scoring.js writes it too:
 * "Technical grade: High · Comprehensive grade: Medium".  The data-*
 * attributes carry the words it needs in the page's language.
 */
static void
grade_output(struct req *rq, const struct assess_view *v)
{
	const char		*sep = req_msg(rq, MSG_WEB_LABEL_SEP);
	const char		*text = NULL, *cls = "live grade-live";
	struct gbt_indicators	 in;
	struct gbt_result	 r;
	enum gbt_indicator	 miss;
	int			 i, g;

	gbt_indicators_clear(&in);
	for (i = 0; i < GBT__NINDICATORS; i++)
		in.v[i] = gbt_value_parse((enum gbt_indicator)i, v->v[ASSESS_F_GBT + (size_t)i]);
	if (gbt_grade(gbt_tables_current(), &in, &r, &miss) == 0) {
		text = arena_printf(rq->arena, "%s%s%s", req_msg(rq, MSG_WEB_ASSESS_TECHNICAL),
		    sep, gbt_grade_name(r.technical, rq->lang));
		if (r.has_comprehensive)
			text = arena_printf(rq->arena, "%s · %s%s%s", text,
			    req_msg(rq, MSG_WEB_ASSESS_COMPREHENSIVE), sep,
			    gbt_grade_name(r.comprehensive, rq->lang));
		cls = arena_printf(rq->arena, "live grade-live grade-%s",
		    gbt_grade_key(r.technical));
	}
	tmpl_raw(rq, "<p class=\"grade-line\"><output id=\"f-gbt-grade\" "
	    "data-grade-output aria-live=\"polite\"");	/* literal */
	tmpl_attr(rq, "class", cls);
	tmpl_attr(rq, "data-pending", req_msg(rq, MSG_WEB_ASSESS_GRADE_PENDING));
	tmpl_attr(rq, "data-sep", sep);
	tmpl_attr(rq, "data-label-technical", req_msg(rq, MSG_WEB_ASSESS_TECHNICAL));
	tmpl_attr(rq, "data-label-comprehensive", req_msg(rq, MSG_WEB_ASSESS_COMPREHENSIVE));
	for (g = 0; g < GBT__NGRADES; g++)
		tmpl_attr(rq, arena_printf(rq->arena, "data-name-%s",
		    gbt_grade_key((enum gbt_grade)g)),
		    gbt_grade_name((enum gbt_grade)g, rq->lang));
	tmpl_raw(rq, ">");	/* literal */
	tmpl_text(rq, text != NULL ? text : req_msg(rq, MSG_WEB_ASSESS_GRADE_PENDING));
	tmpl_raw(rq, "</output></p>\n");	/* literal */
}

/* The ten indicators in their groups, the problem of the whole, the live grade. */
static void
indicators_fieldset(struct req *rq, const struct assess_view *v)
{
	const char	*err = problem_of(rq, v, "gbt");
	size_t		 k;
	int		 i;

	tmpl_raw(rq, "<fieldset class=\"group gbt\" id=\"f-gbt\"");	/* literal */
	tmpl_attr(rq, "aria-describedby", err != NULL ? "f-gbt-hint f-gbt-error" :
	    "f-gbt-hint");
	tmpl_raw(rq, ">");	/* literal */
	layout_wrap(rq, "<legend>", MSG_WEB_ASSESS_GBT_HEADING, "</legend>");
	layout_wrap(rq, "<p class=\"hint\" id=\"f-gbt-hint\">", MSG_WEB_ASSESS_GBT_HINT,
	    "</p>");
	if (err != NULL) {
		tmpl_raw(rq, "<p class=\"error\" id=\"f-gbt-error\">");	/* literal */
		tmpl_text(rq, err);
		tmpl_raw(rq, "</p>");	/* literal */
	}
	tmpl_raw(rq, "<div class=\"gbt-groups\">");	/* literal */
	for (k = 0; k < sizeof(groups) / sizeof(groups[0]); k++) {
		layout_wrap(rq, "<fieldset class=\"gbt-group\"><legend>", groups[k].legend,
		    "</legend>");
		for (i = groups[k].first; i < groups[k].end; i++)
			indicator_field(rq, v, (enum gbt_indicator)i);
		tmpl_raw(rq, "</fieldset>\n");	/* literal */
	}
	tmpl_raw(rq, "</div>");	/* literal */
	grade_output(rq, v);
	tmpl_raw(rq, "</fieldset>\n");	/* literal */
}

/* The category <select>: the tree in its order, indented by depth. */
static void
category_field(struct req *rq, const struct assess_view *v)
{
	const struct gbt_category	*cs;
	const char			*id = field_id(rq, ASSESS_F_CATEGORY);
	struct layout_control		 c;
	size_t				 n, i;
	int				 d;

	cs = gbt_categories(&n);
	c = field_open(rq, v, ASSESS_F_CATEGORY, id, MSG_OK);
	tmpl_raw(rq, "<select");	/* literal */
	layout_control_attrs(rq, &c);
	tmpl_raw(rq, "><option value=\"\">");	/* literal */
	tmpl_msg(rq, MSG_WEB_ASSESS_CATEGORY_NONE);
	tmpl_raw(rq, "</option>");	/* literal */
	for (i = 0; i < n; i++) {
		tmpl_raw(rq, "<option");	/* literal */
		tmpl_attr(rq, "value", cs[i].path);
		if (strcmp(v->v[ASSESS_F_CATEGORY], cs[i].path) == 0)
			tmpl_raw(rq, " selected");	/* literal */
		tmpl_raw(rq, ">");	/* literal */
		/* Browsers drop leading spaces in options: no-break spaces indent. */
		for (d = 1; d < cs[i].depth; d++)
			tmpl_raw(rq, "\xc2\xa0\xc2\xa0\xc2\xa0");	/* literal: U+00A0 x3 */
		tmpl_text(rq, rq->lang == LANG_ZH ? cs[i].zh : cs[i].en);
		tmpl_raw(rq, "</option>");	/* literal */
	}
	tmpl_raw(rq, "</select></div>\n");	/* literal */
}

/* The CWE input, with the datalist scoring.js fills as one types. */
static void
cwe_field(struct req *rq, const struct assess_view *v)
{
	const char		*id = field_id(rq, ASSESS_F_CWE);
	struct layout_control	 c;

	c = field_open(rq, v, ASSESS_F_CWE, id, MSG_WEB_ASSESS_CWE_HINT);
	tmpl_raw(rq, "<input type=\"text\" class=\"short\" autocomplete=\"off\" "
	    "list=\"" AS_CWE_LIST "\" data-cwe-input=\"" AS_CWE_LIST "\"");	/* literal */
	layout_control_attrs(rq, &c);
	tmpl_attr(rq, "maxlength", arena_printf(rq->arena, "%d", AS_CWE_MAX));
	tmpl_attr(rq, "value", v->v[ASSESS_F_CWE]);
	tmpl_raw(rq, "><datalist id=\"" AS_CWE_LIST "\"></datalist></div>\n");	/* literal */
}

/* A textarea of the form. */
static void
area_field(struct req *rq, const struct assess_view *v, size_t i, enum msg_id hint,
    int rows)
{
	const char		*id = field_id(rq, i);
	struct layout_control	 c;

	c = field_open(rq, v, i, id, hint);
	tmpl_raw(rq, "<textarea");	/* literal */
	layout_control_attrs(rq, &c);
	tmpl_attr(rq, "rows", arena_printf(rq->arena, "%d", rows));
	tmpl_raw(rq, ">");	/* literal */
	/* A textarea drops one leading newline: keep a typed one. */
	if (v->v[i][0] == '\n')
		tmpl_raw(rq, "\n");	/* literal */
	tmpl_text(rq, v->v[i]);
	tmpl_raw(rq, "</textarea></div>\n");	/* literal */
}

static void
assess_form(struct req *rq, const struct assess_view *v)
{
	size_t	k;

	layout_wrap(rq, "<h3>", MSG_WEB_ASSESS_EDIT, "</h3>\n");
	if (v->failed)
		layout_error_summary(rq, summary_target);
	tmpl_raw(rq, "<form class=\"stack wide assess-form\" method=\"post\" "
	    "data-grade");	/* literal */
	tmpl_attr(rq, "action", arena_printf(rq->arena, "/reports/%s/assessment",
	    v->report_id));
	tmpl_raw(rq, ">");	/* literal */
	tmpl_csrf(rq);
	layout_wrap(rq, "<fieldset class=\"group\"><legend>", MSG_WEB_ASSESS_CVSS_HEADING,
	    "</legend>");
	for (k = 0; k < sizeof(vectors) / sizeof(vectors[0]); k++)
		vector_field(rq, v, k);
	tmpl_raw(rq, "</fieldset>\n");	/* literal */
	indicators_fieldset(rq, v);
	tmpl_raw(rq, "<fieldset class=\"group\">");	/* literal */
	layout_wrap(rq, "<legend>", MSG_WEB_ASSESS_CLASS_HEADING, "</legend>");
	category_field(rq, v);
	cwe_field(rq, v);
	area_field(rq, v, ASSESS_F_RELATED, MSG_WEB_ASSESS_RELATED_HINT, AS_RELATED_ROWS);
	tmpl_raw(rq, "</fieldset>\n");	/* literal */
	area_field(rq, v, ASSESS_F_REASON, MSG_WEB_ASSESS_REASON_HINT, AS_REASON_ROWS);
	layout_submit(rq, MSG_WEB_ASSESS_SUBMIT);
	tmpl_raw(rq, "</form>\n");	/* literal */
}

/* <dt>term</dt><dd> opened; "none" for an empty value is the caller's. */
static void
dt(struct req *rq, enum msg_id term)
{
	layout_wrap(rq, "<dt>", term, "</dt><dd>");
}

static void
dd_none(struct req *rq)
{
	layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_NONE, "</span>");
}

/* A stored vector with its score. */
static void
dl_vector(struct req *rq, enum msg_id term, const char *vector)
{
	enum cvss_severity	 sev = CVSS_SEV_NONE;
	const char		*s;

	dt(rq, term);
	if (vector[0] == '\0')
		dd_none(rq);
	else {
		tmpl_raw(rq, "<code class=\"vector\">");	/* literal */
		tmpl_text(rq, vector);
		tmpl_raw(rq, "</code>");	/* literal */
		if ((s = score_text(rq, vector, &sev)) != NULL) {
			tmpl_raw(rq, " <span");	/* literal */
			tmpl_attr(rq, "class", arena_printf(rq->arena, "badge %s",
			    severity_class(sev)));
			tmpl_raw(rq, ">");	/* literal */
			tmpl_text(rq, s);
			tmpl_raw(rq, "</span>");	/* literal */
		}
	}
	tmpl_raw(rq, "</dd>");	/* literal */
}

/* A grade ("high") named in the page's language, as a badge. */
static void
grade_badge(struct req *rq, const char *key)
{
	int	g = gbt_grade_parse(key);

	if (g < 0) {
		tmpl_text(rq, key);
		return;
	}
	tmpl_raw(rq, "<span");	/* literal */
	tmpl_attr(rq, "class", arena_printf(rq->arena, "badge grade grade-%s",
	    gbt_grade_key((enum gbt_grade)g)));
	tmpl_raw(rq, ">");	/* literal */
	tmpl_text(rq, gbt_grade_name((enum gbt_grade)g, rq->lang));
	tmpl_raw(rq, "</span>");	/* literal */
}

static void
dl_grade(struct req *rq, enum msg_id term, const char *key)
{
	dt(rq, term);
	if (key[0] == '\0')
		dd_none(rq);
	else
		grade_badge(rq, key);
	tmpl_raw(rq, "</dd>");	/* literal */
}

/* A category by path: its name in the page's language and the path. */
static void
category_text(struct req *rq, const char *path)
{
	const struct gbt_category	*c = gbt_category_find(path);

	if (c != NULL) {
		tmpl_text(rq, rq->lang == LANG_ZH ? c->zh : c->en);
		tmpl_raw(rq, " ");	/* literal */
	}
	tmpl_raw(rq, "<code>");	/* literal */
	tmpl_text(rq, path);
	tmpl_raw(rq, "</code>");	/* literal */
}

/* The stored assessment. */
static void
summary(struct req *rq, const struct assess_view *v)
{
	const struct assessment	*a = &v->a;
	size_t			 i;

	layout_wrap(rq, "<h3>", MSG_WEB_ASSESS_SUMMARY, "</h3>\n");
	if (a->updated_at == 0) {
		layout_wrap(rq, "<p class=\"muted\">", MSG_WEB_ASSESS_NONE, "</p>\n");
		return;
	}
	tmpl_raw(rq, "<dl class=\"meta assess-summary\">");	/* literal */
	dl_vector(rq, MSG_WEB_ASSESS_CVSS_V3, a->cvss_v3);
	dl_vector(rq, MSG_WEB_ASSESS_CVSS_V4, a->cvss_v4);
	dl_vector(rq, MSG_WEB_ASSESS_CVSS_V2, a->cvss_v2);
	dl_grade(rq, MSG_WEB_ASSESS_TECHNICAL, a->technical_grade);
	dl_grade(rq, MSG_WEB_ASSESS_COMPREHENSIVE, a->comprehensive_grade);
	if (a->grading_scheme[0] != '\0') {
		dt(rq, MSG_WEB_ASSESS_SCHEME);
		tmpl_text(rq, a->grading_scheme);
		tmpl_raw(rq, " · <code>");	/* literal */
		tmpl_text(rq, a->tables_version);
		tmpl_raw(rq, "</code></dd>");	/* literal */
	}
	dt(rq, MSG_WEB_ASSESS_CATEGORY);
	if (a->category_path[0] == '\0')
		dd_none(rq);
	else
		category_text(rq, a->category_path);
	tmpl_raw(rq, "</dd>");	/* literal */
	dt(rq, MSG_WEB_ASSESS_CWE);
	if (a->cwe_id <= 0)
		dd_none(rq);
	else {
		tmpl_raw(rq, "<code>");	/* literal */
		tmpl_textf(rq, "CWE-%lld", (long long)a->cwe_id);
		tmpl_raw(rq, "</code>");	/* literal */
		if (v->cwe_name != NULL) {
			tmpl_raw(rq, " ");	/* literal */
			tmpl_text(rq, v->cwe_name);
		}
	}
	tmpl_raw(rq, "</dd>");	/* literal */
	dt(rq, MSG_WEB_ASSESS_RELATED);
	if (a->nrelated == 0)
		dd_none(rq);
	for (i = 0; i < a->nrelated; i++) {
		tmpl_raw(rq, i > 0 ? " <code>" : "<code>");	/* literal: either */
		tmpl_text(rq, related_line(rq->arena, &a->related[i]));
		tmpl_raw(rq, "</code>");	/* literal */
	}
	tmpl_raw(rq, "</dd>");	/* literal */
	dt(rq, MSG_WEB_UPDATED_AT);
	tmpl_time(rq, a->updated_at);
	/* The newest change is the last update's (svc writes them together). */
	if (v->nh > 0 && v->h[0].actor_id == a->updated_by && v->h[0].actor_login[0] != '\0') {
		tmpl_raw(rq, " · ");	/* literal */
		tmpl_text(rq, v->h[0].actor_login);
	}
	tmpl_raw(rq, "</dd></dl>\n");	/* literal */
}

/* A history field name ("gbt.trigger") in the page's language. */
static const char *
change_label(struct req *rq, const char *field)
{
	static const struct {
		const char	*field;	/* as svc/ records it */
		enum msg_id	 label;	/* what the page calls it */
	} names[] = {
		{ "cvss_v2", MSG_WEB_ASSESS_CVSS_V2 },
		{ "cvss_v3", MSG_WEB_ASSESS_CVSS_V3 },
		{ "cvss_v4", MSG_WEB_ASSESS_CVSS_V4 },
		{ "technical_grade", MSG_WEB_ASSESS_TECHNICAL },
		{ "comprehensive_grade", MSG_WEB_ASSESS_COMPREHENSIVE },
		{ "tables_version", MSG_WEB_ASSESS_TABLES },
		{ "category_path", MSG_WEB_ASSESS_CATEGORY },
		{ "cwe", MSG_WEB_ASSESS_CWE },
		{ "related_ids", MSG_WEB_ASSESS_RELATED },
	};
	size_t	i;
	int	k;

	if (strncmp(field, "gbt.", 4) == 0 && (k = gbt_indicator_parse(field + 4)) >= 0)
		return gbt_indicator_name((enum gbt_indicator)k, rq->lang);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(names[i].field, field) == 0)
			return req_msg(rq, names[i].label);
	return field;
}

/* One side of a change: named where the value is one of ours, else as recorded. */
static void
change_value(struct req *rq, const char *field, const char *value)
{
	const char	*name = NULL;
	int		 k, x;

	if (value[0] == '\0') {
		/* Not "none": that is a value of some indicators. */
		layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_ASSESS_EMPTY, "</span>");
		return;
	}
	if (strcmp(field, "technical_grade") == 0 ||
	    strcmp(field, "comprehensive_grade") == 0) {
		grade_badge(rq, value);
		return;
	}
	if (strcmp(field, "category_path") == 0) {
		category_text(rq, value);
		return;
	}
	if (strncmp(field, "gbt.", 4) == 0 && (k = gbt_indicator_parse(field + 4)) >= 0 &&
	    (x = gbt_value_parse((enum gbt_indicator)k, value)) >= 0)
		name = gbt_value_name((enum gbt_indicator)k, x, rq->lang);
	if (name != NULL)
		tmpl_text(rq, name);
	else {
		tmpl_raw(rq, "<code>");	/* literal */
		tmpl_text(rq, value);
		tmpl_raw(rq, "</code>");	/* literal */
	}
}

static void
history(struct req *rq, const struct assess_view *v)
{
	const struct assessment_change	*c;
	size_t				 i;

	layout_wrap(rq, "<h3>", MSG_WEB_ASSESS_HISTORY, "</h3>\n");
	if (v->nh == 0) {
		layout_wrap(rq, "<p class=\"muted\">", MSG_WEB_ASSESS_HISTORY_NONE, "</p>\n");
		return;
	}
	tmpl_raw(rq, "<div class=\"table-wrap\"><table class=\"data assess-history\">"
	    "<thead><tr>");	/* literal */
	layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_ASSESS_H_TIME, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_ASSESS_H_WHO, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_ASSESS_H_FIELD, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_ASSESS_H_CHANGE, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_ASSESS_H_REASON, "</th>");
	tmpl_raw(rq, "</tr></thead><tbody>\n");	/* literal */
	for (i = 0; i < v->nh; i++) {
		c = &v->h[i];
		tmpl_raw(rq, "<tr><td class=\"nowrap\">");	/* literal */
		tmpl_time(rq, c->at);
		tmpl_raw(rq, "</td><td>");	/* literal */
		if (c->actor_login[0] != '\0')
			tmpl_text(rq, c->actor_login);
		else
			layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_ASSESS_ACCOUNT_GONE,
			    "</span>");
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_text(rq, change_label(rq, c->field));
		tmpl_raw(rq, "</td><td class=\"change\"><span class=\"old\">");	/* literal */
		change_value(rq, c->field, c->old);
		tmpl_raw(rq, "</span> <span aria-hidden=\"true\">→</span> "
		    "<span class=\"new\">");	/* literal */
		change_value(rq, c->field, c->new);
		tmpl_raw(rq, "</span></td><td class=\"pre-line\">");	/* literal */
		tmpl_text(rq, c->reason);
		tmpl_raw(rq, "</td></tr>\n");	/* literal */
	}
	tmpl_raw(rq, "</tbody></table></div>\n");	/* literal */
}

/* The form's values from what is stored: what a GET shows. */
static void
typed_from_stored(struct req *rq, struct assess_view *v)
{
	const struct assessment	*a = &v->a;
	struct sbuf		 rel;
	size_t			 i;

	v->v[ASSESS_F_CVSS_V3] = a->cvss_v3;
	v->v[ASSESS_F_CVSS_V4] = a->cvss_v4;
	v->v[ASSESS_F_CVSS_V2] = a->cvss_v2;
	for (i = 0; i < GBT__NINDICATORS; i++)
		v->v[ASSESS_F_GBT + i] = a->gbt[i];
	v->v[ASSESS_F_CATEGORY] = a->category_path;
	v->v[ASSESS_F_CWE] = a->cwe_id > 0 ? arena_printf(rq->arena, "CWE-%lld",
	    (long long)a->cwe_id) : "";
	sbuf_init(&rel, rq->arena, 0);
	for (i = 0; i < a->nrelated; i++)
		sbuf_addf(&rel, "%s%s", i > 0 ? "\n" : "", related_line(rq->arena,
		    &a->related[i]));
	v->v[ASSESS_F_RELATED] = rel.buf;
	/* A new change needs its own reason. */
	v->v[ASSESS_F_REASON] = "";
}

/* The form's values as they were sent: what a failed form shows again. */
static void
typed_from_form(struct req *rq, struct assess_view *v)
{
	const char	*s;
	size_t		 i;
	int		 x;

	for (i = 1; i < ASSESS_F__MAX; i++)
		v->v[i] = web_pstr(req_param(rq, i));
	/* An indicator sent as a Chinese term selects its option too. */
	for (i = 0; i < GBT__NINDICATORS; i++) {
		s = v->v[ASSESS_F_GBT + i];
		if ((x = gbt_value_parse((enum gbt_indicator)i, s)) >= 0)
			v->v[ASSESS_F_GBT + i] = gbt_value_key((enum gbt_indicator)i, x);
	}
}

enum app_err
assess_load(struct req *rq, const struct report *r, struct assess_view **out)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct assess_view	*v;
	struct cwe_entry	 ce;
	enum app_err		 er = APP_OK;

	*out = NULL;
	if (rq->user == NULL || !authz_allows(rq->user->role, PERM_REPORTS_ASSESS))
		goto out;
	v = ARENA_NEW(rq->arena, struct assess_view);
	v->report_id = r->id;
	if ((er = svc_assessment_get(&c, r->id, &v->a, &f)) != APP_OK ||
	    (er = svc_assessment_history(&c, r->id, AS_HISTORY_MAX, &v->h, &v->nh,
	    &f)) != APP_OK) {
		er = web_fault(rq, er, &f);
		goto out;
	}
	if (v->a.cwe_id > 0) {
		/* Its name when a CWE list was imported; the id alone otherwise. */
		er = store_cwe_get(rq->store, rq->arena, v->a.cwe_id, &ce);
		if (er == APP_OK)
			v->cwe_name = ce.name;
		else if (er != APP_NOTFOUND) {
			er = req_fail(rq, er, NULL, MSG_ERR_STORE);
			goto out;
		}
		er = APP_OK;
	}
	/* Only the panel's own form answers with the report page (on failure). */
	v->failed = rq->route->handler == reports_assess_post;
	if (v->failed)
		typed_from_form(rq, v);
	else {
		typed_from_stored(rq, v);
		v->saved = req_param(rq, RVIEW_ASSESSED)->b;
	}
	*out = v;
out:
	return er;
}

void
assess_panel(struct req *rq, const struct assess_view *v)
{
	if (v == NULL)
		return;
	tmpl_raw(rq, "<section class=\"detail assessment\" id=\"assessment\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_ASSESS_HEADING, "</h2>\n");
	if (v->saved && rq->err == APP_OK)
		layout_flash_msg(rq, FLASH_OK, MSG_WEB_ASSESS_SAVED);
	layout_wrap(rq, "<p class=\"hint\">", MSG_WEB_ASSESS_INTRO, "</p>\n");
	summary(rq, v);
	assess_form(rq, v);
	history(rq, v);
	tmpl_raw(rq, "</section>\n");	/* literal */
	assess_script(rq);
}

/* The assessment as the form sent it, for svc_assessment_put. */
static void
input_from_form(struct req *rq, struct assessment_in *in)
{
	struct related_id	*rel;
	size_t			 i;

	memset(in, 0, sizeof(*in));
	in->cvss_v3 = web_pstr(req_param(rq, ASSESS_F_CVSS_V3));
	in->cvss_v4 = web_pstr(req_param(rq, ASSESS_F_CVSS_V4));
	in->cvss_v2 = web_pstr(req_param(rq, ASSESS_F_CVSS_V2));
	for (i = 0; i < GBT__NINDICATORS; i++)
		in->gbt[i] = web_pstr(req_param(rq, ASSESS_F_GBT + i));
	in->category_path = web_pstr(req_param(rq, ASSESS_F_CATEGORY));
	in->cwe = web_pstr(req_param(rq, ASSESS_F_CWE));
	in->nrelated = related_parse(rq->arena, web_pstr(req_param(rq, ASSESS_F_RELATED)),
	    &rel);
	in->related = rel;
	in->reason = web_pstr(req_param(rq, ASSESS_F_REASON));
}

/*
 * POST /reports/{id}/assessment.  Saved: back to the panel, which says so.
 * Refused input: the report page again (422) with every problem beside its
 * field and what was typed.  Anything else (not found, forbidden): the
 * error page.
 */
enum app_err
reports_assess_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct assessment_in	 in;
	struct assessment	 saved;
	struct report_problem	 problems[ASSESS_MAX_PROBLEMS];
	struct fault		 f = { .er = APP_OK };
	const struct param_val	*id = req_param(rq, ASSESS_F_ID);
	int			 np = 0, j;
	enum app_err		 er, rer;

	if (!report_id_valid(id->s)) {
		er = req_fail(rq, APP_NOTFOUND, "id", MSG_ERR_NO_SUCH_REPORT);
		goto out;
	}
	input_from_form(rq, &in);
	er = svc_assessment_put(&c, id->s.p, &in, &saved, problems, &np, &f);
	if (er == APP_OK) {
		/* report_id_valid: PREFIX-YYYY-digits, safe in a URL as it is. */
		er = resp_redirect(rq, arena_printf(rq->arena,
		    "/reports/%s?assessed=1#assessment", id->s.p));
		goto out;
	}
	if (er == APP_INVALID && np > 0) {
		for (j = 0; j < np; j++)
			req_field_error(rq, problems[j].field, problems[j].msg,
			    problems[j].arg);
		er = req_fail(rq, APP_INVALID, problems[0].field, MSG_WEB_ASSESS_INVALID, np);
	} else {
		er = web_fault(rq, er, &f);
		/* One field's refusal: a grade changed without a reason (R30), too many ids. */
		if (er == APP_INVALID && f.field != NULL)
			req_field_error(rq, f.field, f.msg, f.iarg);
	}
	if (er == APP_INVALID && (rer = rp_view(rq, 422)) != APP_OK)
		er = rer;
out:
	return er;
}
