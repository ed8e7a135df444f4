#ifndef LOUDONG_API_API_H
#define LOUDONG_API_API_H

/*
 * The JSON API under /api/v1 (documented in docs/api/openapi.json, served at
 * /api/v1/openapi.json).  One file per resource; this header is what they
 * share, and what the app needs (the route table).
 */
#include <stddef.h>

#include <jansson.h>

#include "http/req.h"
#include "svc/svc.h"

struct route_table;

/* Fill out with the API's route tables (at most API_MAX_TABLES); returns how many. */
size_t		api_tables(struct route_table *out);
#define API_MAX_TABLES	32

/* Route tables of each resource file, joined by api_tables(). */
extern const struct route	api_session_routes[];
extern const size_t		api_session_nroutes;
extern const struct route	api_user_routes[];
extern const size_t		api_user_nroutes;
extern const struct route	api_org_routes[];
extern const size_t		api_org_nroutes;
extern const struct route	api_token_routes[];
extern const size_t		api_token_nroutes;
extern const struct route	api_meta_routes[];
extern const size_t		api_meta_nroutes;
extern const struct route	api_report_routes[];
extern const size_t		api_report_nroutes;
extern const struct route	api_log_routes[];
extern const size_t		api_log_nroutes;
extern const struct route	api_reporter_routes[];
extern const size_t		api_reporter_nroutes;
extern const struct route	api_scoring_routes[];
extern const size_t		api_scoring_nroutes;
extern const struct route	api_case_routes[];
extern const size_t		api_case_nroutes;
extern const struct route	api_product_routes[];
extern const size_t		api_product_nroutes;
extern const struct route	api_message_routes[];
extern const size_t		api_message_nroutes;
extern const struct route	api_notice_routes[];
extern const size_t		api_notice_nroutes;
extern const struct route	api_submission_routes[];
extern const size_t		api_submission_nroutes;
extern const struct route	api_user_notice_routes[];
extern const size_t		api_user_notice_nroutes;
extern const struct route	api_deadline_routes[];
extern const struct route	api_advisory_routes[];
extern const size_t		api_advisory_nroutes;
/* Complaints (举报) about collection platforms (issue 8, registry role). */
extern const struct route	api_complaint_routes[];
extern const size_t		api_complaint_nroutes;
/* 备案 (issue 8): the registry's (filings.c) and the platform's (pfiling.c). */
extern const struct route	api_filing_routes[];
extern const size_t		api_filing_nroutes;
extern const struct route	api_pfiling_routes[];
extern const size_t		api_pfiling_nroutes;
/* Support units, statistics, warnings, disputes (issue 9, R40; registry role). */
extern const struct route	api_unit_routes[];
extern const size_t		api_unit_nroutes;
extern const struct route	api_stats_routes[];
extern const size_t		api_stats_nroutes;
extern const struct route	api_warning_routes[];
extern const size_t		api_warning_nroutes;
extern const struct route	api_dispute_routes[];
extern const size_t		api_dispute_nroutes;
extern const size_t		api_deadline_nroutes;

struct fed_payload;
/*
 * Federation's JSON document (api/submissions.c): the 报送 as the registry
 * receives it (the record's fields at the top level, with "reference"), or
 * a forward ({"library_id","submitter","received_at","record"}).  Also the
 * file for manual upload.
 */
const char	*api_fed_body(struct arena *a, const struct fed_payload *p, size_t *len);
/*
 * From a registry's answer: "library_id" (or else "id": a filing
 * application's), and a refusal's "detail" (or "title").
 */
void		 api_fed_answer(struct arena *a, const char *body, size_t len,
		    const char **library_id, const char **reason);

struct cvss;
struct gbt_result;
struct gbt_tables;
struct gbt_indicators;
/*
 * {"version","vector","base_score","base_severity","temporal_score",
 * "environmental_score"} (v2, v3; the last two when the vector has such
 * metrics) or {"version","vector","score","severity","nomenclature"} (v4),
 * scores as numbers with one decimal.  Also used by `loudong cvss`.
 */
json_t		*api_cvss_json(const struct cvss *cv);
/* The grades of indicators in, as `loudong grade` and GET /api/v1/grade print them. */
json_t		*api_grade_json(const struct gbt_tables *t, const struct gbt_indicators *in,
		    const struct gbt_result *r);

struct log_sth;
/* {"tree_size","timestamp","root_hash","signature"} (base64 hashes). */
json_t		*api_sth_json(struct req *rq, const struct log_sth *s);
/* An array of base64 hashes. */
json_t		*api_proof_json(struct req *rq, unsigned char proof[][32], size_t n);

/* A svc context for this request. */
struct svc_ctx	api_svc(struct req *rq);

/*
 * The body must be a JSON object whose keys are all in allowed (NULL-
 * terminated); otherwise a 400 naming the first unknown key.
 */
enum app_err	api_body_object(struct req *rq, const char *const *allowed);

/*
 * A string member: APP_OK with *out (NULL when absent and optional), or a
 * 400 naming the field (wrong type, missing, over max bytes, or not UTF-8).
 */
enum app_err	api_str(struct req *rq, const char *key, bool required,
		    size_t max, const char **out, size_t *len);

/* A boolean member; *out keeps its value when absent. */
enum app_err	api_bool(struct req *rq, const char *key, bool *out);

/* JSON views of the domain structs (never the password hash). */
json_t		*api_user_json(const struct user *u);
json_t		*api_org_json(const struct org *o);
json_t		*api_product_json(const struct product *p);
json_t		*api_token_json(const struct api_token *t);
/* RFC 3339 UTC for a unix time; JSON null for 0. */
json_t		*api_time(int64_t t);

/* Page size bounds for list endpoints. */
#define API_PAGE_DEFAULT	50
#define API_PAGE_MAX		200

/* The declared parameters every list endpoint takes: after (cursor), limit. */
#define API_PAGE_PARAMS \
	{ "cursor", PARAM_I64, 0, INT64_MAX, false },	/* P_CURSOR */ \
	{ "limit", PARAM_I64, 1, API_PAGE_MAX, false }	/* P_LIMIT */

/*
 * {"items": items, "next_cursor": "<last id>" or null}; steals items.  null
 * when the page is not full or ends at id 0 (nothing comes after it).
 */
json_t		*api_page(json_t *items, size_t n, int limit, int64_t last_id);

#endif
