/*
 * Triage and cases (R34): POST /api/v1/reports/{id}/triage decides a
 * report; /api/v1/cases lists cases, shows one with its reports, moves it
 * through its workflow and shows its timeline.  Staff holding
 * PERM_CASES_MANAGE.
 */
#include <string.h>

#include "api/api.h"
#include "core/arena.h"
#include "svc/cases.h"

static json_t *
case_json(const struct case_row *k, const char *const *reports, size_t n)
{
	json_t	*o, *rs;
	size_t	 i;

	o = json_pack("{s:s, s:s, s:s, s:s, s:b, s:o, s:o}",
	    "id", k->id, "kind", case_kind_name(k->kind), "state", case_state_name(k->state),
	    "title", k->title, "vendor_unresponsive", k->vendor_unresponsive,
	    "created_at", api_time(k->created_at), "updated_at", api_time(k->updated_at));
	if (reports != NULL) {
		rs = json_array();
		for (i = 0; i < n; i++)
			json_array_append_new(rs, json_string(reports[i]));	/* steals */
		json_object_set_new(o, "reports", rs);	/* steals */
	}
	return o;
}

enum { T_ID };
static const struct param triage_params[] = {
	{ "id", PARAM_TEXT, 1, 64, true },	/* T_ID */
};

static const char *const triage_keys[] = {
	"decision", "reason", "note", "duplicate_of", "case", NULL
};

static enum app_err
report_triage(struct req *rq)
{
	struct svc_ctx		c = api_svc(rq);
	struct triage_in	in;
	struct triage_result	out;
	struct fault		f = { .er = APP_OK };
	enum app_err		er;

	memset(&in, 0, sizeof(in));
	if ((er = api_body_object(rq, triage_keys)) != APP_OK ||
	    (er = api_str(rq, "decision", true, 16, &in.decision, NULL)) != APP_OK ||
	    (er = api_str(rq, "reason", false, TRIAGE_TEXT_MAX, &in.reason, NULL)) != APP_OK ||
	    (er = api_str(rq, "note", false, TRIAGE_TEXT_MAX, &in.note, NULL)) != APP_OK ||
	    (er = api_str(rq, "duplicate_of", false, 64, &in.duplicate_of, NULL)) != APP_OK ||
	    (er = api_str(rq, "case", false, 64, &in.case_id, NULL)) != APP_OK)
		return er;
	if (svc_report_triage(&c, req_param(rq, T_ID)->s.p, &in, &out, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, json_pack("{s:s, s:s, s:s, s:o, s:b}",
	    "report", req_param(rq, T_ID)->s.p,
	    "decision", triage_decision_name(out.decision),
	    "status", report_status_name(out.status),
	    "case", out.case_id != NULL ? json_string(out.case_id) : json_null(),
	    "case_created", out.case_created));
}

enum { L_STATE, L_CURSOR, L_LIMIT };
static const struct param list_params[] = {
	{ "state", PARAM_TEXT, 1, 32, false },		/* L_STATE */
	API_PAGE_PARAMS,				/* L_CURSOR, L_LIMIT */
};

static enum app_err
cases_list(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct case_row		*ks;
	struct fault		 f = { .er = APP_OK };
	size_t			 n, i;
	int			 limit = API_PAGE_DEFAULT;
	json_t			*items;

	if (req_param(rq, L_LIMIT)->present)
		limit = (int)req_param(rq, L_LIMIT)->i;
	if (svc_case_list(&c, req_param(rq, L_STATE)->present ? req_param(rq, L_STATE)->s.p :
	    NULL, req_param(rq, L_CURSOR)->i, limit, &ks, &n, &f) != APP_OK)
		return req_fault(rq, &f);
	items = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(items, case_json(&ks[i], NULL, 0));	/* steals */
	return resp_json(rq, 200, api_page(items, n, limit, n ? ks[n - 1].rowid : 0));
}

enum { C_ID };
static const struct param case_params[] = {
	{ "id", PARAM_TEXT, 1, 64, true },	/* C_ID */
};

static json_t *
vendor_json(const struct case_vendor *v)
{
	json_t	*o;

	o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:b, s:o, s:o, s:o}", "org", v->org_slug,
	    "name", v->org_name, "role", vendor_role_name(v->role),
	    "party_type", party_type_name(v->party_type),
	    "status", vendor_status_name(v->status),
	    "statement_approved", v->statement_approved,
	    "notified_at", api_time(v->notified_at), "first_seen_at", api_time(v->first_seen_at),
	    "updated_at", api_time(v->updated_at));
	if (v->unresponsive_at != 0)
		json_object_set_new(o, "unresponsive_at", api_time(v->unresponsive_at));
	if (v->justification[0] != '\0')
		json_object_set_new(o, "justification", json_string(v->justification));
	if (v->fixed_version[0] != '\0')
		json_object_set_new(o, "fixed_version", json_string(v->fixed_version));
	if (v->statement[0] != '\0')
		json_object_set_new(o, "statement", json_string(v->statement));
	return o;
}

static enum app_err
case_get(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct case_row		 k;
	struct case_vendor	*v;
	struct fault		 f = { .er = APP_OK };
	const char		**reports;
	size_t			 n, nv, i;
	json_t			*o, *vs;

	if (svc_case_get(&c, req_param(rq, C_ID)->s.p, &k, &reports, &n, &v, &nv,
	    &f) != APP_OK)
		return req_fault(rq, &f);
	/* A vendor member gets no report list (reports stay with the platform). */
	o = case_json(&k, reports, rq->user->role == UROLE_VENDOR ? 0 : n);
	if (rq->user->role == UROLE_VENDOR)
		json_object_del(o, "reports");
	vs = json_array();
	for (i = 0; i < nv; i++)
		json_array_append_new(vs, vendor_json(&v[i]));	/* steals */
	json_object_set_new(o, "vendors", vs);	/* steals */
	return resp_json(rq, 200, o);
}

static const char *const vendor_add_keys[] = { "org", "role", "party_type", NULL };

static enum app_err
case_vendor_add(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct fault		 f = { .er = APP_OK };
	const char		*org, *role = NULL, *party = NULL;
	enum app_err		 er;

	if ((er = api_body_object(rq, vendor_add_keys)) != APP_OK ||
	    (er = api_str(rq, "org", true, 64, &org, NULL)) != APP_OK ||
	    (er = api_str(rq, "role", false, 32, &role, NULL)) != APP_OK ||
	    (er = api_str(rq, "party_type", false, 32, &party, NULL)) != APP_OK)
		return er;
	if (svc_case_vendor_add(&c, req_param(rq, C_ID)->s.p, org, role, party, &f) !=
	    APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 201, json_pack("{s:s, s:s, s:s}", "case",
	    req_param(rq, C_ID)->s.p, "org", org, "role", role != NULL && role[0] != '\0' ?
	    role : "vendor"));
}

static enum app_err
case_participants(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct case_participant	*p;
	struct case_vendor	*v;
	struct fault		 f = { .er = APP_OK };
	size_t			 np, nv, i;
	json_t			*people, *orgs, *o;

	if (svc_case_participants(&c, req_param(rq, C_ID)->s.p, &p, &np, &v, &nv, &f) !=
	    APP_OK)
		return req_fault(rq, &f);
	people = json_array();
	for (i = 0; i < np; i++) {
		o = json_pack("{s:s, s:s, s:o}", "role", participant_role_name(p[i].role),
		    "party_type", party_type_name(p[i].party_type),
		    "added_at", api_time(p[i].added_at));
		if (p[i].login[0] != '\0') {
			json_object_set_new(o, "login", json_string(p[i].login));
			json_object_set_new(o, "name", json_string(p[i].display_name));
		}
		if (p[i].org_slug[0] != '\0')
			json_object_set_new(o, "org", json_string(p[i].org_slug));
		json_array_append_new(people, o);	/* steals */
	}
	orgs = json_array();
	for (i = 0; i < nv; i++)
		json_array_append_new(orgs, json_pack("{s:s, s:s, s:s, s:s, s:s}",
		    "org", v[i].org_slug, "name", v[i].org_name,
		    "role", vendor_role_name(v[i].role),
		    "party_type", party_type_name(v[i].party_type),
		    "status", vendor_status_name(v[i].status)));	/* steals */
	return resp_json(rq, 200, json_pack("{s:s, s:o, s:o}", "case",
	    req_param(rq, C_ID)->s.p, "people", people, "organisations", orgs));
}

static const char *const participant_keys[] = { "user", "role", "party_type", NULL };

static enum app_err
case_participant_add(struct req *rq)
{
	struct svc_ctx	 c = api_svc(rq);
	struct fault	 f = { .er = APP_OK };
	const char	*user, *role, *party = NULL;
	enum app_err	 er;

	if ((er = api_body_object(rq, participant_keys)) != APP_OK ||
	    (er = api_str(rq, "user", true, 64, &user, NULL)) != APP_OK ||
	    (er = api_str(rq, "role", true, 32, &role, NULL)) != APP_OK ||
	    (er = api_str(rq, "party_type", false, 32, &party, NULL)) != APP_OK)
		return er;
	if (svc_case_participant_add(&c, req_param(rq, C_ID)->s.p, user, role, party, &f) !=
	    APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 201, json_pack("{s:s, s:s, s:s}", "case",
	    req_param(rq, C_ID)->s.p, "user", user, "role", role));
}

enum { P_ID, P_USER };
static const struct param participant_params[] = {
	{ "id", PARAM_TEXT, 1, 64, true },	/* P_ID */
	{ "user", PARAM_TEXT, 1, 64, true },	/* P_USER */
};

static enum app_err
case_participant_remove(struct req *rq)
{
	struct svc_ctx	c = api_svc(rq);
	struct fault	f = { .er = APP_OK };

	if (svc_case_participant_remove(&c, req_param(rq, P_ID)->s.p,
	    req_param(rq, P_USER)->s.p, &f) != APP_OK)
		return req_fault(rq, &f);
	rq->status = 204;
	rq->ctype = NULL;
	return APP_OK;
}

enum { V_ID, V_ORG };
static const struct param vendor_params[] = {
	{ "id", PARAM_TEXT, 1, 64, true },	/* V_ID */
	{ "org", PARAM_TEXT, 1, 64, true },	/* V_ORG */
};

static enum app_err
case_vendor_notify(struct req *rq)
{
	struct svc_ctx	c = api_svc(rq);
	struct fault	f = { .er = APP_OK };
	size_t		n;

	if (svc_case_vendor_notify(&c, req_param(rq, V_ID)->s.p, req_param(rq, V_ORG)->s.p,
	    &n, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, json_pack("{s:s, s:s, s:I}", "case",
	    req_param(rq, V_ID)->s.p, "org", req_param(rq, V_ORG)->s.p, "mails",
	    (json_int_t)n));
}

static const char *const vendor_keys[] = {
	"status", "justification", "fixed_version", "statement", NULL
};

static enum app_err
case_vendor_put(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct vendor_in	 in;
	struct fault		 f = { .er = APP_OK };
	enum app_err		 er;

	memset(&in, 0, sizeof(in));
	if ((er = api_body_object(rq, vendor_keys)) != APP_OK ||
	    (er = api_str(rq, "status", true, 32, &in.status, NULL)) != APP_OK ||
	    (er = api_str(rq, "justification", false, 64, &in.justification, NULL)) != APP_OK ||
	    (er = api_str(rq, "fixed_version", false, 200, &in.fixed_version, NULL)) != APP_OK ||
	    (er = api_str(rq, "statement", false, VENDOR_TEXT_MAX, &in.statement, NULL)) !=
	    APP_OK)
		return er;
	if (svc_case_vendor_update(&c, req_param(rq, V_ID)->s.p, req_param(rq, V_ORG)->s.p,
	    &in, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, json_pack("{s:s, s:s, s:s}", "case",
	    req_param(rq, V_ID)->s.p, "org", req_param(rq, V_ORG)->s.p, "status", in.status));
}

static enum app_err
case_vendor_approve(struct req *rq)
{
	struct svc_ctx	c = api_svc(rq);
	struct fault	f = { .er = APP_OK };

	if (svc_case_vendor_approve(&c, req_param(rq, V_ID)->s.p, req_param(rq, V_ORG)->s.p,
	    &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, json_pack("{s:s, s:s, s:b}", "case",
	    req_param(rq, V_ID)->s.p, "org", req_param(rq, V_ORG)->s.p,
	    "statement_approved", 1));
}

static const char *const transition_keys[] = { "to", "reason", NULL };

static enum app_err
case_transition(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct case_row		 k;
	struct fault		 f = { .er = APP_OK };
	const char		*to, *reason;
	enum app_err		 er;

	if ((er = api_body_object(rq, transition_keys)) != APP_OK ||
	    (er = api_str(rq, "to", true, 32, &to, NULL)) != APP_OK ||
	    (er = api_str(rq, "reason", false, TRIAGE_TEXT_MAX, &reason, NULL)) != APP_OK)
		return er;
	if (svc_case_transition(&c, req_param(rq, C_ID)->s.p, to, reason, &k, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 200, case_json(&k, NULL, 0));
}

static enum app_err
case_timeline(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct case_event	*e;
	struct fault		 f = { .er = APP_OK };
	size_t			 n, i;
	json_t			*items;

	if (svc_case_timeline(&c, req_param(rq, C_ID)->s.p, &e, &n, &f) != APP_OK)
		return req_fault(rq, &f);
	items = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(items, json_pack("{s:I, s:o, s:s, s:s, s:s, s:s, s:s, "
		    "s:s}", "id", (json_int_t)e[i].id, "at", api_time(e[i].at),
		    "actor", e[i].actor_login, "event", e[i].event, "from", e[i].from_state,
		    "to", e[i].to_state, "detail", e[i].detail, "reason", e[i].reason));
	return resp_json(rq, 200, json_pack("{s:o}", "items", items));
}

static enum app_err
report_similar(struct req *rq)
{
	struct svc_ctx		c = api_svc(rq);
	struct similar_item	items[SIMILAR_SUGGESTIONS];
	struct fault		f = { .er = APP_OK };
	size_t			n, i, k;
	json_t			*arr, *why;

	if (svc_report_similar(&c, req_param(rq, T_ID)->s.p, items, &n, &f) != APP_OK)
		return req_fault(rq, &f);
	arr = json_array();
	for (i = 0; i < n; i++) {
		why = json_array();
		for (k = 0; k < items[i].s.nreasons; k++)
			json_array_append_new(why, json_string(	/* steals */
			    similar_reason_name(items[i].s.reasons[k])));
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s, s:i, s:i, s:o, s:o}",
		    "id", items[i].r.id, "title", items[i].r.title,
		    "product", items[i].r.product,
		    "status", report_status_name(items[i].r.status),
		    "score", items[i].s.score, "title_similarity", items[i].s.title_pct,
		    "reasons", why,
		    "shared_id", items[i].s.shared_id != NULL ?
		    json_string(items[i].s.shared_id) : json_null()));	/* steals */
	}
	return resp_json(rq, 200, json_pack("{s:o}", "items", arr));
}

const struct route api_case_routes[] = {
	{ HTTP_GET, "/api/v1/reports/{id}/similar", PERM_CASES_MANAGE, 0,
	  PARAMS(triage_params), report_similar },
	{ HTTP_POST, "/api/v1/reports/{id}/triage", PERM_CASES_MANAGE, R_JSON,
	  PARAMS(triage_params), report_triage },
	{ HTTP_GET, "/api/v1/cases", PERM_CASES_READ, 0, PARAMS(list_params), cases_list },
	{ HTTP_GET, "/api/v1/cases/{id}", PERM_CASES_READ, 0, PARAMS(case_params),
	  case_get },
	{ HTTP_POST, "/api/v1/cases/{id}/vendors", PERM_CASES_MANAGE, R_JSON,
	  PARAMS(case_params), case_vendor_add },
	{ HTTP_GET, "/api/v1/cases/{id}/participants", PERM_CASES_READ, 0,
	  PARAMS(case_params), case_participants },
	{ HTTP_POST, "/api/v1/cases/{id}/participants", PERM_CASES_MANAGE, R_JSON,
	  PARAMS(case_params), case_participant_add },
	{ HTTP_DELETE, "/api/v1/cases/{id}/participants/{user}", PERM_CASES_MANAGE, 0,
	  PARAMS(participant_params), case_participant_remove },
	{ HTTP_POST, "/api/v1/cases/{id}/vendors/{org}/notify", PERM_CASES_MANAGE, 0,
	  PARAMS(vendor_params), case_vendor_notify },
	{ HTTP_PUT, "/api/v1/cases/{id}/vendors/{org}", PERM_CASES_READ, R_JSON,
	  PARAMS(vendor_params), case_vendor_put },
	{ HTTP_POST, "/api/v1/cases/{id}/vendors/{org}/approve", PERM_CASES_MANAGE, 0,
	  PARAMS(vendor_params), case_vendor_approve },
	{ HTTP_POST, "/api/v1/cases/{id}/transition", PERM_CASES_MANAGE, R_JSON,
	  PARAMS(case_params), case_transition },
	{ HTTP_GET, "/api/v1/cases/{id}/timeline", PERM_CASES_MANAGE, 0, PARAMS(case_params),
	  case_timeline },
};
const size_t api_case_nroutes = sizeof(api_case_routes) / sizeof(api_case_routes[0]);
