/*
 * Scoring and grading (R27-R30, R38): the CVSS calculator
 * (GET /api/v1/cvss), the GB/T 30279-2020 grade (GET /api/v1/grade), the
 * category tree, the CWE list, and a report's assessment (GET and PUT
 * /api/v1/reports/{id}/assessment, staff only).  The calculators are
 * public: they read nothing but their parameters.
 */
#include <string.h>
#include <strings.h>

#include "api/api.h"
#include "core/arena.h"
#include "core/parse.h"
#include "domain/cvss.h"
#include "domain/grade.h"
#include "store/store.h"
#include "svc/assessment.h"

static json_t *
score(int tenths)
{
	return json_real(tenths / 10.0);
}

json_t *
api_cvss_json(const struct cvss *cv)
{
	json_t	*o;

	o = json_pack("{s:s, s:s}", "version", cvss_version_name(cv->version),
	    "vector", cv->vector);
	if (cv->version == CVSS_V40) {
		json_object_set_new(o, "score", score(cv->score));	/* steals */
		json_object_set_new(o, "severity",
		    json_string(cvss_severity_name(cv->severity)));
		json_object_set_new(o, "nomenclature",
		    json_string(cvss_nomenclature_name(cv->nomenclature)));
		return o;
	}
	json_object_set_new(o, "base_score", score(cv->base));
	json_object_set_new(o, "base_severity",
	    json_string(cvss_severity_name(cv->base_severity)));
	if (cv->has_temporal)
		json_object_set_new(o, "temporal_score", score(cv->temporal));
	if (cv->has_environmental)
		json_object_set_new(o, "environmental_score", score(cv->environmental));
	return o;
}

json_t *
api_grade_json(const struct gbt_tables *t, const struct gbt_indicators *in,
    const struct gbt_result *r)
{
	json_t	*o, *ind;
	int	 i;

	ind = json_object();
	for (i = 0; i < GBT__NINDICATORS; i++)
		if (in->v[i] >= 0)
			json_object_set_new(ind, gbt_indicator_key((enum gbt_indicator)i),
			    json_string(gbt_value_key((enum gbt_indicator)i, in->v[i])));
	o = json_pack("{s:s, s:s, s:s, s:o, s:s, s:s, s:s, s:s}",
	    "scheme", "GB/T 30279-2020",
	    "tables_version", gbt_tables_version(t),
	    "tables_sha256", gbt_tables_sha256(t),
	    "indicators", ind,
	    "exploitability_level", r->exploitability,
	    "impact_level", r->impact,
	    "technical_grade", gbt_grade_key(r->technical),
	    "technical_grade_zh", gbt_grade_name(r->technical, LANG_ZH));
	if (r->has_comprehensive) {
		json_object_set_new(o, "environment_level", json_string(r->environment));
		json_object_set_new(o, "comprehensive_grade",
		    json_string(gbt_grade_key(r->comprehensive)));
		json_object_set_new(o, "comprehensive_grade_zh",
		    json_string(gbt_grade_name(r->comprehensive, LANG_ZH)));
	}
	return o;
}

enum { C_VECTOR };
static const struct param cvss_params[] = {
	{ "vector", PARAM_TEXT, 1, CVSS_VECTOR_MAX - 1, true },	/* C_VECTOR */
};

static enum app_err
cvss_get(struct req *rq)
{
	struct cvss		cv;
	struct cvss_error	e;
	char			arg[ASSESS_CVSS_ARG_MAX];
	enum msg_id		m;

	memset(&e, 0, sizeof(e));
	if (cvss_parse(req_param(rq, C_VECTOR)->s.p, &cv, &e) != 0) {
		m = assessment_cvss_msg(&e, arg);
		return req_fail(rq, APP_INVALID, "vector", m, arg);
	}
	return resp_json(rq, 200, api_cvss_json(&cv));
}

/* The indicators, as query parameters in gbt_indicator order. */
static const struct param grade_params[] = {
	{ "access_path", PARAM_TEXT, 1, 16, false },
	{ "trigger", PARAM_TEXT, 1, 16, false },
	{ "privilege", PARAM_TEXT, 1, 16, false },
	{ "interaction", PARAM_TEXT, 1, 16, false },
	{ "confidentiality", PARAM_TEXT, 1, 16, false },
	{ "integrity", PARAM_TEXT, 1, 16, false },
	{ "availability", PARAM_TEXT, 1, 16, false },
	{ "exploit_cost", PARAM_TEXT, 1, 16, false },
	{ "fix_difficulty", PARAM_TEXT, 1, 16, false },
	{ "scope", PARAM_TEXT, 1, 16, false },
};

static enum app_err
grade_get(struct req *rq)
{
	const struct gbt_tables	*t = gbt_tables_current();
	struct gbt_indicators	 in;
	struct gbt_result	 r;
	enum gbt_indicator	 miss;
	int			 i, nenv = 0;

	gbt_indicators_clear(&in);
	for (i = 0; i < GBT__NINDICATORS; i++) {
		const struct param_val *p = req_param(rq, (size_t)i);

		if (!p->present)
			continue;
		if ((in.v[i] = gbt_value_parse((enum gbt_indicator)i, p->s.p)) < 0)
			req_field_error(rq, gbt_indicator_key((enum gbt_indicator)i),
			    MSG_ERR_GBT_VALUE);
		else if (i >= GBT_NTECHNICAL)
			nenv++;
	}
	if (rq->nerrors > 0)
		return req_fail(rq, APP_INVALID, rq->errors[0].field, MSG_ERR_GBT_VALUE);
	if (nenv > 0 && nenv < GBT__NINDICATORS - GBT_NTECHNICAL)
		return req_fail(rq, APP_INVALID, "exploit_cost", MSG_ERR_GBT_ENVIRONMENT);
	if (gbt_grade(t, &in, &r, &miss) != 0)
		return req_fail(rq, APP_INVALID, gbt_indicator_key(miss), MSG_ERR_GRADE_PARAMS);
	return resp_json(rq, 200, api_grade_json(t, &in, &r));
}

static enum app_err
categories_get(struct req *rq)
{
	const struct gbt_category	*cs;
	json_t				*items, *cwe;
	size_t				 n, i, j;

	cs = gbt_categories(&n);
	items = json_array();
	for (i = 0; i < n; i++) {
		cwe = json_array();
		for (j = 0; j < cs[i].ncwe; j++)
			json_array_append_new(cwe, json_integer(cs[i].cwe[j]));	/* steals */
		json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:i, s:o}",	/* steals */
		    "path", cs[i].path, "zh", cs[i].zh, "en", cs[i].en, "depth", cs[i].depth,
		    "cwe", cwe));
	}
	return resp_json(rq, 200, json_pack("{s:s, s:o}", "version",
	    gbt_categories_version(), "categories", items));
}

enum { W_Q, W_LIMIT };
static const struct param cwe_params[] = {
	{ "q", PARAM_TEXT, 1, 100, false },		/* W_Q */
	{ "limit", PARAM_I64, 1, 100, false },		/* W_LIMIT */
};

/* "CWE-79" or "79" -> 79, else -1 (then q is searched as a name fragment). */
static int64_t
query_id(const char *q)
{
	int64_t	id;

	if (strncasecmp(q, "CWE-", 4) == 0)
		q += 4;
	if (parse_i64(q, strlen(q), 1, 10000000, &id) != 0)
		return -1;
	return id;
}

static enum app_err
cwe_list(struct req *rq)
{
	struct cwe_entry	*es;
	const char		*q = "", *version;
	int64_t			 count;
	size_t			 n, i;
	json_t			*items;
	enum app_err		 er;

	if (req_param(rq, W_Q)->present)
		q = req_param(rq, W_Q)->s.p;
	if ((er = store_cwe_count(rq->store, rq->arena, &count, &version)) != APP_OK ||
	    (er = store_cwe_search(rq->store, rq->arena, q[0] ? query_id(q) : -1, q,
	    req_param(rq, W_LIMIT)->present ? (int)req_param(rq, W_LIMIT)->i : 20,
	    &es, &n)) != APP_OK)
		return er;
	items = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:s}",	/* steals */
		    "id", (json_int_t)es[i].id, "name", es[i].name,
		    "abstraction", es[i].abstraction, "status", es[i].status));
	return resp_json(rq, 200, json_pack("{s:s, s:I, s:o}", "version", version,
	    "count", (json_int_t)count, "items", items));
}

/* A stored vector with its scores, or null. */
static json_t *
vector_json(const char *v)
{
	struct cvss		cv;
	struct cvss_error	e;

	if (v == NULL || v[0] == '\0' || cvss_parse(v, &cv, &e) != 0)
		return json_null();
	return api_cvss_json(&cv);
}

static json_t *
assessment_json(struct req *rq, const struct assessment *a,
    const struct assessment_change *h, size_t nh)
{
	json_t	*o, *gbt, *rel, *hist;
	size_t	 i;
	int	 k;

	gbt = json_object();
	for (k = 0; k < GBT__NINDICATORS; k++)
		json_object_set_new(gbt, gbt_indicator_key((enum gbt_indicator)k),	/* steals */
		    a->gbt[k][0] ? json_string(a->gbt[k]) : json_null());
	rel = json_array();
	for (i = 0; i < a->nrelated; i++)
		json_array_append_new(rel, json_pack("{s:s, s:s}", "scheme",	/* steals */
		    a->related[i].scheme, "value", a->related[i].value));
	hist = json_array();
	for (i = 0; i < nh; i++)
		json_array_append_new(hist, json_pack("{s:I, s:o, s:s, s:s, s:s, s:s, s:s}",
		    "id", (json_int_t)h[i].id, "at", api_time(h[i].at),
		    "actor", h[i].actor_login, "field", h[i].field, "old", h[i].old,
		    "new", h[i].new, "reason", h[i].reason));	/* steals */
	o = json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:s, s:s, s:s, s:o, s:o, s:o, s:o, "
	    "s:o}",
	    "subject", a->subject,
	    "cvss_v2", vector_json(a->cvss_v2),
	    "cvss_v3", vector_json(a->cvss_v3),
	    "cvss_v4", vector_json(a->cvss_v4),
	    "gbt", gbt,
	    "technical_grade", a->technical_grade[0] ? json_string(a->technical_grade) :
	    json_null(),
	    "comprehensive_grade", a->comprehensive_grade[0] ?
	    json_string(a->comprehensive_grade) : json_null(),
	    "grading_scheme", a->grading_scheme,
	    "tables_version", a->tables_version,
	    "tables_sha256", a->tables_sha256,
	    "category_path", a->category_path[0] ? json_string(a->category_path) :
	    json_null(),
	    "cwe", a->cwe_id > 0 ? json_string(arena_printf(rq->arena, "CWE-%lld",
	    (long long)a->cwe_id)) : json_null(),
	    "related_ids", rel,
	    "updated_at", api_time(a->updated_at),
	    "history", hist);
	return o;
}

enum { A_ID };
static const struct param assess_params[] = {
	{ "id", PARAM_TEXT, 1, 64, true },	/* A_ID */
};

#define HISTORY_LIMIT	200

static enum app_err
assessment_reply(struct req *rq, struct svc_ctx *c, const struct assessment *a)
{
	struct assessment_change	*h;
	struct fault			 f = { .er = APP_OK };
	size_t				 nh;

	if (svc_assessment_history(c, req_param(rq, A_ID)->s.p, HISTORY_LIMIT, &h, &nh,
	    &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, assessment_json(rq, a, h, nh));
}

static enum app_err
assessment_get(struct req *rq)
{
	struct svc_ctx		c = api_svc(rq);
	struct assessment	a;
	struct fault		f = { .er = APP_OK };

	if (svc_assessment_get(&c, req_param(rq, A_ID)->s.p, &a, &f) != APP_OK)
		return req_fault(rq, &f);
	return assessment_reply(rq, &c, &a);
}

static const char *const assess_keys[] = {
	"cvss_v2", "cvss_v3", "cvss_v4", "gbt", "category_path", "cwe", "related_ids",
	"reason", NULL
};

/* A string member that may be null (cleared); *out NULL when absent or null. */
static enum app_err
nullable_str(struct req *rq, json_t *obj, const char *key, const char *field, size_t max,
    const char **out)
{
	json_t	*v = json_object_get(obj, key);

	*out = NULL;
	if (v == NULL || json_is_null(v))
		return APP_OK;
	if (!json_is_string(v) || json_string_length(v) > max ||
	    strlen(json_string_value(v)) != json_string_length(v))
		return req_fail(rq, APP_INVALID, field, MSG_ERR_JSON_SHAPE, field);
	*out = json_string_value(v);
	return APP_OK;
}

static enum app_err
assessment_put(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct assessment_in	 in;
	struct assessment	 out;
	struct report_problem	 problems[ASSESS_MAX_PROBLEMS];
	struct related_id	*rel = NULL;
	struct fault		 f = { .er = APP_OK };
	json_t			*gbt, *ids, *v;
	const char		*key;
	size_t			 i;
	int			 np, k;
	enum app_err		 er;

	memset(&in, 0, sizeof(in));
	if ((er = api_body_object(rq, assess_keys)) != APP_OK ||
	    (er = nullable_str(rq, rq->json, "cvss_v2", "cvss_v2", 255, &in.cvss_v2)) != APP_OK ||
	    (er = nullable_str(rq, rq->json, "cvss_v3", "cvss_v3", 255, &in.cvss_v3)) != APP_OK ||
	    (er = nullable_str(rq, rq->json, "cvss_v4", "cvss_v4", 255, &in.cvss_v4)) != APP_OK ||
	    (er = nullable_str(rq, rq->json, "category_path", "category_path", 200,
	    &in.category_path)) != APP_OK ||
	    (er = nullable_str(rq, rq->json, "cwe", "cwe", 32, &in.cwe)) != APP_OK ||
	    (er = nullable_str(rq, rq->json, "reason", "reason", ASSESS_REASON_MAX,
	    &in.reason)) != APP_OK)
		return er;
	gbt = json_object_get(rq->json, "gbt");
	if (gbt != NULL && !json_is_null(gbt)) {
		if (!json_is_object(gbt))
			return req_fail(rq, APP_INVALID, "gbt", MSG_ERR_JSON_SHAPE, "gbt");
		json_object_foreach(gbt, key, v) {
			if ((k = gbt_indicator_parse(key)) < 0)
				return req_fail(rq, APP_INVALID, "gbt", MSG_ERR_JSON_SHAPE,
				    arena_printf(rq->arena, "gbt.%s", key));
			if ((er = nullable_str(rq, gbt, key, arena_printf(rq->arena, "gbt.%s",
			    key), 32, &in.gbt[k])) != APP_OK)
				return er;
		}
	}
	ids = json_object_get(rq->json, "related_ids");
	if (ids != NULL && !json_is_null(ids)) {
		if (!json_is_array(ids))
			return req_fail(rq, APP_INVALID, "related_ids", MSG_ERR_JSON_SHAPE,
			    "related_ids");
		if (json_array_size(ids) > ASSESS_RELATED_MAX)
			return req_fail(rq, APP_INVALID, "related_ids", MSG_ERR_XID_TOO_MANY,
			    ASSESS_RELATED_MAX);
		rel = arena_zalloc(rq->arena, (json_array_size(ids) + 1) * sizeof(*rel));
		json_array_foreach(ids, i, v) {
			/* "CVE-2024-1234" or {"scheme": "JVN", "value": "JVNDB-2024-1"}. */
			if (json_is_string(v))
				rel[i].value = json_string_value(v);
			else if (json_is_object(v) && json_is_string(json_object_get(v, "value"))) {
				rel[i].value = json_string_value(json_object_get(v, "value"));
				if (json_is_string(json_object_get(v, "scheme")))
					rel[i].scheme = json_string_value(json_object_get(v,
					    "scheme"));
			} else
				return req_fail(rq, APP_INVALID, "related_ids",
				    MSG_ERR_JSON_SHAPE, "related_ids");
		}
		in.related = rel;
		in.nrelated = json_array_size(ids);
	}
	if (svc_assessment_put(&c, req_param(rq, A_ID)->s.p, &in, &out, problems, &np,
	    &f) != APP_OK) {
		for (k = 0; k < np; k++)
			req_field_error(rq, problems[k].field, problems[k].msg, problems[k].arg);
		return req_fault(rq, &f);
	}
	return assessment_reply(rq, &c, &out);
}

const struct route api_scoring_routes[] = {
	{ HTTP_GET, "/api/v1/cvss", PERM_NONE, 0, PARAMS(cvss_params), cvss_get },
	{ HTTP_GET, "/api/v1/grade", PERM_NONE, 0, PARAMS(grade_params), grade_get },
	{ HTTP_GET, "/api/v1/grading/categories", PERM_NONE, 0, NOPARAMS, categories_get },
	{ HTTP_GET, "/api/v1/cwe", PERM_NONE, 0, PARAMS(cwe_params), cwe_list },
	{ HTTP_GET, "/api/v1/reports/{id}/assessment", PERM_REPORTS_ASSESS, 0,
	  PARAMS(assess_params), assessment_get },
	{ HTTP_PUT, "/api/v1/reports/{id}/assessment", PERM_REPORTS_ASSESS, R_JSON,
	  PARAMS(assess_params), assessment_put },
	/* Registry role: the 报送 received are graded the same way (issue 6). */
	{ HTTP_GET, "/api/v1/submissions/{id}/assessment", PERM_REPORTS_ASSESS, 0,
	  PARAMS(assess_params), assessment_get },
	{ HTTP_PUT, "/api/v1/submissions/{id}/assessment", PERM_REPORTS_ASSESS, R_JSON,
	  PARAMS(assess_params), assessment_put },
};
const size_t api_scoring_nroutes = sizeof(api_scoring_routes) / sizeof(api_scoring_routes[0]);
