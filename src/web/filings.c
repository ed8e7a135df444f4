/*
 * 备案, registry side (issue 8): the pages.
 *
 *   public	/filings		the filed platforms (R41: number, name,
 *					sponsor, URL, ICP number, date, status),
 *					R_PUBLIC: no session, no CSRF form, cached
 *   staff	/staff/filings		the queue, with the clock that runs
 *		/staff/filings/{id}	one application: every field (ID numbers
 *					too: the read is audited), documents, the
 *					补正 rounds, the notices to 公安部 and 网信办
 *					with their delivery, the events, and the
 *					forms: 补正 (a note box per field, every
 *					deficiency sent at once), approve, reject
 *
 * Each form calls the svc/ use case the API calls too; the staff's forms
 * answer with a redirect back to the application, or with the page again
 * (422) showing the refusal beside the form.  Every route answers 404
 * outside the registry role.
 */
#include <string.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/sbuf.h"
#include "domain/report.h"
#include "svc/filings.h"
#include "web/layout.h"
#include "web/tmpl.h"
#include "web/web.h"
#include "web/web_int.h"

#define FW_PUBLIC_ROWS	100	/* platforms per page of the public list */
#define FW_QUEUE_ROWS	50	/* applications per page of the queue */
#define FW_WORD_MAX	32	/* our own option values */
#define FW_ID_MAX	64	/* report_id_valid decides */
#define FW_Q_MAX	200	/* a search fragment */
#define FW_NOTE_ROWS	4	/* a note's textarea */
#define FW_NOTE_BYTES	(4 * FILING_NOTE_MAX)
#define FW_REASON_BYTES	(4 * FILING_REASON_MAX)

/*
 * The 补正 form has one note box per field: declared parameters are
 * fixed, the field set is data, so the boxes are numbered.  Row i (the
 * set's i-th field, then the registry's own) is "n<i/8><i%8>": SN8(a)
 * declares n<a>0 .. n<a>7.  FW_ROWS boxes at most; a larger field set
 * offers its first FW_ROWS fields here (the API takes any).
 */
#define FW_ROWS		128
#define SN(i)	{ "n" #i, PARAM_MULTILINE, .max = FW_NOTE_BYTES }
#define SN8(a)	SN(a##0), SN(a##1), SN(a##2), SN(a##3), SN(a##4), SN(a##5), SN(a##6), SN(a##7)

/* The registry's own fields a 补正 may name, after the set's (svc/filings.c's list). */
static const char *const own_fields[] = { "filing_number", "change_date", "end_date",
    "changed" };
#define FW_OWN	(sizeof(own_fields) / sizeof(own_fields[0]))

static const enum msg_id state_msgs[FAS__MAX] = {
	[FAS_SUBMITTED] = MSG_RF_ST_SUBMITTED,
	[FAS_SUPPLEMENT_REQUESTED] = MSG_RF_ST_SUPPLEMENT,
	[FAS_RESUBMITTED] = MSG_RF_ST_RESUBMITTED,
	[FAS_APPROVED] = MSG_RF_ST_APPROVED,
	[FAS_REJECTED] = MSG_RF_ST_REJECTED,
	[FAS_WITHDRAWN] = MSG_RF_ST_WITHDRAWN,
};

static const enum msg_id kind_msgs[FAK__MAX] = {
	[FAK_INITIAL] = MSG_RF_KIND_INITIAL,
	[FAK_CHANGE] = MSG_RF_KIND_CHANGE,
	[FAK_DEREGISTRATION] = MSG_RF_KIND_DEREG,
};

static const enum msg_id clock_msgs[DLS__MAX] = {
	[DLS_OPEN] = MSG_WEB_DLS_OPEN,
	[DLS_MET] = MSG_WEB_DLS_MET,
	[DLS_MISSED] = MSG_WEB_DLS_MISSED,
	[DLS_PAUSED] = MSG_WEB_DLS_PAUSED,
	[DLS_WAIVED] = MSG_WEB_DLS_WAIVED,
};

/* The sections of 第四条. */
static const enum msg_id section_msgs[7] = {
	MSG_WEB_NONE, MSG_RF_SEC_1, MSG_RF_SEC_2, MSG_RF_SEC_3, MSG_RF_SEC_4, MSG_RF_SEC_5,
	MSG_RF_SEC_6,
};

/* GET /filings */
enum { PL_STATUS, PL_Q, PL_PAGE, PL__MAX };
static const struct param public_params[PL__MAX] = {
	[PL_STATUS] = { "status", PARAM_TEXT, .max = FW_WORD_MAX },	/* filed, deregistered */
	[PL_Q] = { "q", PARAM_TEXT, .max = FW_Q_MAX },			/* a fragment */
	[PL_PAGE] = { "page", PARAM_I64, .min = 1, .max = 10000 },	/* from 1 */
};

/* GET /staff/filings */
enum { QL_STATE, QL_KIND, QL_BEFORE, QL__MAX };
static const struct param queue_params[QL__MAX] = {
	[QL_STATE] = { "state", PARAM_TEXT, .max = FW_WORD_MAX },	/* a state, open, all */
	[QL_KIND] = { "kind", PARAM_TEXT, .max = FW_WORD_MAX },		/* a kind word */
	[QL_BEFORE] = { "before", PARAM_I64, .min = 1, .max = INT64_MAX },	/* cursor */
};

/* GET /staff/filings/{id} */
enum { VW_ID, VW_DONE, VW__MAX };
static const struct param view_params[VW__MAX] = {
	[VW_ID] = { "id", PARAM_TEXT, .max = FW_ID_MAX, .required = true },	/* report_id_valid */
	[VW_DONE] = { "done", PARAM_TEXT, .max = FW_WORD_MAX },		/* what was just done */
};

/* POST /staff/filings/{id}/supplement */
enum { SP_ID, SP_FIELDSET, SP_NOTE, SP_N0 };
static const struct param sup_params[] = {
	{ "id", PARAM_TEXT, .max = FW_ID_MAX, .required = true },	/* SP_ID */
	{ "fieldset", PARAM_TEXT, .max = 64 },		/* SP_FIELDSET: the set the form showed */
	{ "note", PARAM_MULTILINE, .max = FW_NOTE_BYTES },	/* SP_NOTE: the round's words */
	SN8(0), SN8(1), SN8(2), SN8(3), SN8(4), SN8(5), SN8(6), SN8(7),	/* SP_N0 ... */
	SN8(8), SN8(9), SN8(10), SN8(11), SN8(12), SN8(13), SN8(14), SN8(15),
};

/* POST /staff/filings/{id}/approve, /reject */
enum { AP_ID, AP_NOTE, AP__MAX };
static const struct param approve_params[AP__MAX] = {
	[AP_ID] = { "id", PARAM_TEXT, .max = FW_ID_MAX, .required = true },
	[AP_NOTE] = { "note", PARAM_MULTILINE, .max = FW_NOTE_BYTES },	/* svc checks */
};
enum { RJ_ID, RJ_REASON, RJ__MAX };
static const struct param reject_params[RJ__MAX] = {
	[RJ_ID] = { "id", PARAM_TEXT, .max = FW_ID_MAX, .required = true },
	[RJ_REASON] = { "reason", PARAM_MULTILINE, .max = FW_REASON_BYTES },	/* svc checks */
};

static enum app_err
not_registry(struct req *rq)
{
	return req_fail(rq, APP_NOTFOUND, NULL, MSG_ERR_RF_OFF);
}

static bool
registry(const struct req *rq)
{
	return rq->cfg->role == ROLE_REGISTRY;
}

/* Row i's parameter name in the 补正 form. */
static const char *
row_name(struct req *rq, size_t i)
{
	return arena_printf(rq->arena, "n%zu%zu", i / 8, i % 8);
}

/* The key of row i: the set's i-th field, then the registry's own. */
static const char *
row_key(const struct filing_fieldset *fs, size_t i)
{
	if (i < fs->n)
		return fs->f[i].key;
	return i - fs->n < FW_OWN ? own_fields[i - fs->n] : NULL;
}

static size_t
rows_of(const struct filing_fieldset *fs)
{
	size_t	n = fs->n + FW_OWN;

	return n < FW_ROWS ? n : FW_ROWS;
}

/* A field's label in the request's language, or the key of an own field. */
static const char *
field_label(struct req *rq, const char *key)
{
	const struct filing_field	*ff = filing_field_find(filing_fieldset_current(), key);

	if (ff != NULL)
		return rq->lang == LANG_EN ? ff->label_en : ff->label_zh;
	if (strcmp(key, "filing_number") == 0)
		return req_msg(rq, MSG_RF_F_NUMBER);
	if (strcmp(key, "change_date") == 0)
		return req_msg(rq, MSG_RF_F_CHANGE_DATE);
	if (strcmp(key, "end_date") == 0)
		return req_msg(rq, MSG_RF_F_END_DATE);
	if (strcmp(key, "changed") == 0)
		return req_msg(rq, MSG_RF_F_CHANGED);
	if (strcmp(key, "note") == 0)
		return req_msg(rq, MSG_RF_F_NOTE);
	return key;
}

/* A deficiency's problem word as people read it. */
static enum msg_id
problem_msg(const char *p)
{
	static const struct {
		const char	*word;
		enum msg_id	 m;
	} t[] = {
		{ "missing", MSG_RF_P_MISSING }, { "too_long", MSG_RF_P_TOO_LONG },
		{ "format", MSG_RF_P_FORMAT }, { "unknown", MSG_RF_P_UNKNOWN },
		{ "duplicate", MSG_RF_P_DUPLICATE }, { "encoding", MSG_RF_P_ENCODING },
		{ FILING_P_MISMATCH, MSG_RF_P_MISMATCH }, { FILING_P_TOO_LARGE, MSG_RF_P_TOO_LARGE },
		{ FILING_P_NOT_FILED, MSG_RF_P_NOT_FILED },
	};
	size_t	i;

	for (i = 0; p != NULL && i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(p, t[i].word) == 0)
			return t[i].m;
	return MSG_OK;
}

static void
state_badge(struct req *rq, enum filing_app_state s)
{
	tmpl_raw(rq, s == FAS_APPROVED ? "<span class=\"badge badge-on\">" :
	    s == FAS_REJECTED || s == FAS_WITHDRAWN ? "<span class=\"badge badge-off\">" :
	    "<span class=\"badge badge-warn\">");	/* literal: one of three */
	tmpl_msg(rq, (unsigned)s < FAS__MAX ? state_msgs[s] : MSG_WEB_NONE);
	tmpl_raw(rq, "</span>");	/* literal */
}

/* The status of a listed platform, with its end date once it has come. */
static void
platform_status(struct req *rq, const struct filed_platform *p)
{
	if (p->deregistered) {
		layout_wrap(rq, "<span class=\"badge badge-off\">", MSG_RF_DEREGISTERED, "</span> ");
		tmpl_text(rq, p->deregistered_on);
	} else
		layout_wrap(rq, "<span class=\"badge badge-on\">", MSG_RF_FILED, "</span>");
}

/* --- the public list --- */

static const char *
public_url(struct req *rq, const char *status, const char *q, int64_t page)
{
	struct sbuf	url;
	char		sep = '?';

	sbuf_init(&url, rq->arena, 0);
	sbuf_addstr(&url, "/filings");
	if (status[0] != '\0') {
		sbuf_addf(&url, "%cstatus=", sep);
		sbuf_add_urlenc(&url, status, strlen(status));
		sep = '&';
	}
	if (q[0] != '\0') {
		sbuf_addf(&url, "%cq=", sep);
		sbuf_add_urlenc(&url, q, strlen(q));
		sep = '&';
	}
	if (page > 1)
		sbuf_addf(&url, "%cpage=%lld", sep, (long long)page);
	return url.buf;
}

/* A search form that GETs: no session, no token, so the page stays one for all. */
static void
public_filters(struct req *rq, const char *status, const char *q)
{
	static const char *const words[] = { "", "filed", "deregistered" };
	static const enum msg_id labels[] = { MSG_RF_ALL, MSG_RF_FILED, MSG_RF_DEREGISTERED };
	size_t	i;

	tmpl_raw(rq, "<form class=\"filters\" method=\"get\" action=\"/filings\" "
	    "role=\"search\"><div class=\"field\"><label for=\"f-q\">");	/* literal */
	tmpl_msg(rq, MSG_RF_SEARCH);
	tmpl_raw(rq, "</label><input type=\"search\" id=\"f-q\" name=\"q\"");	/* literal */
	tmpl_attr(rq, "value", q);
	tmpl_raw(rq, "></div><div class=\"field\"><label for=\"f-status\">");	/* literal */
	tmpl_msg(rq, MSG_RF_STATUS);
	tmpl_raw(rq, "</label><select id=\"f-status\" name=\"status\">");	/* literal */
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		tmpl_raw(rq, "<option");	/* literal */
		tmpl_attr(rq, "value", words[i]);
		if (strcmp(status, words[i]) == 0)
			tmpl_raw(rq, " selected");	/* literal */
		tmpl_raw(rq, ">");	/* literal */
		tmpl_msg(rq, labels[i]);
		tmpl_raw(rq, "</option>");	/* literal */
	}
	tmpl_raw(rq, "</select></div><div class=\"field\"><button type=\"submit\" "
	    "class=\"primary\">");	/* literal */
	tmpl_msg(rq, MSG_WEB_REPORTS_FILTER);
	tmpl_raw(rq, "</button></div></form>\n");	/* literal */
}

static void
public_rows(struct req *rq, const struct filed_platform *p, size_t n)
{
	size_t	i;

	tmpl_raw(rq, "<div class=\"table-wrap\"><table class=\"data filed-platforms\">"
	    "<thead><tr>");	/* literal */
	layout_th(rq, MSG_RF_NUMBER);
	layout_th(rq, MSG_RF_NAME);
	layout_th(rq, MSG_RF_SPONSOR);
	layout_th(rq, MSG_RF_URL);
	layout_th(rq, MSG_RF_ICP);
	layout_th(rq, MSG_RF_FILED_ON);
	layout_th(rq, MSG_RF_STATUS);
	tmpl_raw(rq, "</tr></thead><tbody>\n");	/* literal */
	for (i = 0; i < n; i++) {
		tmpl_raw(rq, "<tr><td><code class=\"filing-number\">");	/* literal */
		tmpl_text(rq, p[i].number);
		tmpl_raw(rq, "</code></td><td>");	/* literal */
		tmpl_text(rq, p[i].name);
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_text(rq, p[i].sponsor);
		tmpl_raw(rq, "</td><td><a rel=\"nofollow noopener noreferrer\"");	/* literal */
		tmpl_href(rq, p[i].url);
		tmpl_raw(rq, ">");	/* literal */
		tmpl_text(rq, p[i].url);
		tmpl_raw(rq, "</a></td><td>");	/* literal */
		tmpl_text(rq, p[i].icp);
		tmpl_raw(rq, "</td><td class=\"nowrap\">");	/* literal */
		tmpl_text(rq, p[i].filed_on);
		tmpl_raw(rq, "</td><td>");	/* literal */
		platform_status(rq, &p[i]);
		tmpl_raw(rq, "</td></tr>\n");	/* literal */
	}
	tmpl_raw(rq, "</tbody></table></div>\n");	/* literal */
}

static enum app_err
public_get(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct filed_platform	*p = NULL;
	const char		*status = web_pstr(req_param(rq, PL_STATUS));
	const char		*q = web_pstr(req_param(rq, PL_Q));
	int64_t			 page = req_param(rq, PL_PAGE)->present ?
				    req_param(rq, PL_PAGE)->i : 1;
	size_t			 n = 0;
	bool			 more;
	enum app_err		 er;

	if (!registry(rq))
		return not_registry(rq);
	/* One row more than shown tells whether there is a next page. */
	if ((er = svc_filing_public(&c, status[0] != '\0' ? status : NULL, q,
	    (page - 1) * FW_PUBLIC_ROWS, FW_PUBLIC_ROWS + 1, &p, &n, &f)) != APP_OK)
		return web_fault(rq, er, &f);
	more = n > FW_PUBLIC_ROWS;
	if (more)
		n = FW_PUBLIC_ROWS;
	resp_html(rq, 200);
	layout_begin(rq, MSG_RF_PUBLIC_TITLE);
	layout_wrap(rq, "<h1>", MSG_RF_PUBLIC_TITLE, "</h1>\n");
	layout_wrap(rq, "<p class=\"lead\">", MSG_RF_PUBLIC_INTRO, "</p>\n");
	public_filters(rq, status, q);
	if (n == 0)
		layout_wrap(rq, "<p class=\"muted\">", MSG_RF_PUBLIC_NONE, "</p>\n");
	else
		public_rows(rq, p, n);
	layout_pager(rq, page > 1 ? public_url(rq, status, q, 1) : NULL,
	    more ? public_url(rq, status, q, page + 1) : NULL);
	tmpl_raw(rq, "<p class=\"links-inline\">");	/* literal */
	layout_link(rq, "/api/v1/filings/public", MSG_RF_PUBLIC_JSON);
	layout_link(rq, "/api/v1/filings/public.csv", MSG_RF_PUBLIC_CSV);
	tmpl_raw(rq, "</p>\n");	/* literal */
	layout_end(rq);
	return APP_OK;
}

/* --- the staff's queue --- */

static const char *
queue_url(struct req *rq, const char *state, const char *kind, int64_t before)
{
	struct sbuf	url;
	char		sep = '?';

	sbuf_init(&url, rq->arena, 0);
	sbuf_addstr(&url, "/staff/filings");
	if (state[0] != '\0') {
		sbuf_addf(&url, "%cstate=", sep);
		sbuf_add_urlenc(&url, state, strlen(state));
		sep = '&';
	}
	if (kind[0] != '\0') {
		sbuf_addf(&url, "%ckind=", sep);
		sbuf_add_urlenc(&url, kind, strlen(kind));
		sep = '&';
	}
	if (before > 0)
		sbuf_addf(&url, "%cbefore=%lld", sep, (long long)before);
	return url.buf;
}

/* A <select> of our words and their labels inside a labelled box. */
static void
word_select(struct req *rq, const char *name, enum msg_id label, const char *const *words,
    const enum msg_id *labels, size_t n, const char *value)
{
	size_t	i;

	tmpl_raw(rq, "<div class=\"field\"><label");	/* literal */
	tmpl_attr(rq, "for", arena_printf(rq->arena, "f-%s", name));
	tmpl_raw(rq, ">");	/* literal */
	tmpl_msg(rq, label);
	tmpl_raw(rq, "</label><select");	/* literal */
	tmpl_attr(rq, "id", arena_printf(rq->arena, "f-%s", name));
	tmpl_attr(rq, "name", name);
	tmpl_raw(rq, ">");	/* literal */
	for (i = 0; i < n; i++) {
		tmpl_raw(rq, "<option");	/* literal */
		tmpl_attr(rq, "value", words[i]);
		if (strcmp(value, words[i]) == 0)
			tmpl_raw(rq, " selected");	/* literal */
		tmpl_raw(rq, ">");	/* literal */
		tmpl_msg(rq, labels[i]);
		tmpl_raw(rq, "</option>");	/* literal */
	}
	tmpl_raw(rq, "</select></div>");	/* literal */
}

static void
queue_filters(struct req *rq, const char *state, const char *kind)
{
	static const char *const states[] = { "open", "all", "submitted",
	    "supplement_requested", "resubmitted", "approved", "rejected", "withdrawn" };
	static const enum msg_id state_labels[] = { MSG_RF_OPEN, MSG_RF_ALL,
	    MSG_RF_ST_SUBMITTED, MSG_RF_ST_SUPPLEMENT, MSG_RF_ST_RESUBMITTED,
	    MSG_RF_ST_APPROVED, MSG_RF_ST_REJECTED, MSG_RF_ST_WITHDRAWN };
	static const char *const kinds[] = { "", "initial", "change", "deregistration" };
	static const enum msg_id kind_labels[] = { MSG_RF_ALL, MSG_RF_KIND_INITIAL,
	    MSG_RF_KIND_CHANGE, MSG_RF_KIND_DEREG };

	tmpl_raw(rq, "<form class=\"filters\" method=\"get\" action=\"/staff/filings\" "
	    "role=\"search\">");	/* literal */
	word_select(rq, "state", MSG_RF_STATE, states, state_labels,
	    sizeof(states) / sizeof(states[0]), state);
	word_select(rq, "kind", MSG_RF_KIND, kinds, kind_labels,
	    sizeof(kinds) / sizeof(kinds[0]), kind);
	tmpl_raw(rq, "<div class=\"field\"><button type=\"submit\" class=\"primary\">");	/* literal */
	tmpl_msg(rq, MSG_WEB_REPORTS_FILTER);
	tmpl_raw(rq, "</button></div></form>\n");	/* literal */
}

/* A due time, marked when it has passed. */
static void
due_cell(struct req *rq, int64_t due)
{
	if (due == 0) {
		layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_NONE, "</span>");
		return;
	}
	if (due < rq->now)
		layout_wrap(rq, "<span class=\"badge badge-off\">", MSG_RF_OVERDUE, "</span> ");
	tmpl_time(rq, due);
}

static void
queue_rows(struct req *rq, const struct filing_app_row *r, const int64_t *due, size_t n)
{
	size_t	i;

	tmpl_raw(rq, "<div class=\"table-wrap\"><table class=\"data filing-queue\">"
	    "<thead><tr>");	/* literal */
	layout_th(rq, MSG_RF_ID);
	layout_th(rq, MSG_RF_KIND);
	layout_th(rq, MSG_RF_NAME);
	layout_th(rq, MSG_RF_ORG);
	layout_th(rq, MSG_RF_STATE);
	layout_th(rq, MSG_RF_SUBMITTED_AT);
	layout_th(rq, MSG_RF_DUE);
	tmpl_raw(rq, "</tr></thead><tbody>\n");	/* literal */
	for (i = 0; i < n; i++) {
		tmpl_raw(rq, "<tr><td>");	/* literal */
		/* A stored id has the report id's shape: safe in a path as it is. */
		layout_code_link(rq, arena_printf(rq->arena, "/staff/filings/%s", r[i].id),
		    r[i].id);
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_msg(rq, kind_msgs[r[i].kind]);
		tmpl_raw(rq, "</td><td>");	/* literal */
		if (r[i].name[0] != '\0')
			tmpl_text(rq, r[i].name);
		else
			layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_NONE, "</span>");
		if (r[i].platform_number[0] != '\0') {
			tmpl_raw(rq, " <code>");	/* literal */
			tmpl_text(rq, r[i].platform_number);
			tmpl_raw(rq, "</code>");	/* literal */
		}
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_text(rq, r[i].org_name);
		tmpl_raw(rq, "</td><td>");	/* literal */
		state_badge(rq, r[i].state);
		tmpl_raw(rq, "</td><td class=\"nowrap\">");	/* literal */
		tmpl_time(rq, r[i].submitted_at);
		tmpl_raw(rq, "</td><td class=\"nowrap\">");	/* literal */
		due_cell(rq, due[i]);
		tmpl_raw(rq, "</td></tr>\n");	/* literal */
	}
	tmpl_raw(rq, "</tbody></table></div>\n");	/* literal */
}

static enum app_err
queue_get(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct fault		 f = { .er = APP_OK };
	struct filing_app_filter flt;
	struct filing_app_row	*r = NULL;
	int64_t			*due = NULL, next = 0;
	const char		*state = web_pstr(req_param(rq, QL_STATE));
	const char		*kind = web_pstr(req_param(rq, QL_KIND));
	const struct param_val	*before = req_param(rq, QL_BEFORE);
	size_t			 n = 0;
	enum app_err		 er;

	if (!registry(rq))
		return not_registry(rq);
	/* The queue: what is not yet decided, unless asked otherwise. */
	if (state[0] == '\0')
		state = "open";
	memset(&flt, 0, sizeof(flt));
	flt.state = strcmp(state, "all") == 0 ? NULL : state;
	flt.kind = kind[0] != '\0' ? kind : NULL;
	flt.cursor = before->present ? before->i : 0;
	flt.limit = FW_QUEUE_ROWS + 1;
	if ((er = svc_filing_list(&c, &flt, &r, &due, &n, &f)) != APP_OK)
		return web_fault(rq, er, &f);
	if (n > FW_QUEUE_ROWS) {
		n = FW_QUEUE_ROWS;
		next = r[n - 1].rowid;
	}
	resp_html(rq, 200);
	layout_begin(rq, MSG_RF_QUEUE_TITLE);
	layout_wrap(rq, "<h1>", MSG_RF_QUEUE_TITLE, "</h1>\n");
	layout_wrap(rq, "<p class=\"lead\">", MSG_RF_QUEUE_INTRO, "</p>\n<p>");
	layout_link(rq, "/filings", MSG_RF_PUBLIC_TITLE);
	tmpl_raw(rq, "</p>\n");	/* literal */
	queue_filters(rq, state, kind);
	if (n == 0)
		layout_wrap(rq, "<p class=\"muted\">", MSG_RF_QUEUE_NONE, "</p>\n");
	else
		queue_rows(rq, r, due, n);
	layout_pager(rq, flt.cursor > 0 ? queue_url(rq, state, kind, 0) : NULL,
	    next > 0 ? queue_url(rq, state, kind, next) : NULL);
	layout_end(rq);
	return APP_OK;
}

/* --- one application --- */

enum fform { FF_NONE, FF_SUPPLEMENT, FF_APPROVE, FF_REJECT };

/* A refused form and what was typed into it. */
struct f_typed {
	enum fform	 form;
	const char	*note;		/* the round's note, the approval's */
	const char	*reason;	/* the rejection's */
	const char	*notes[FW_ROWS];	/* 补正: each row's */
};

static const char *
typed_row(const struct f_typed *t, size_t i)
{
	return t != NULL && t->form == FF_SUPPLEMENT && t->notes[i] != NULL ? t->notes[i] : "";
}

/* The refusal to show beside field of form, or NULL. */
static const char *
form_problem(const struct req *rq, const struct f_typed *t, enum fform form,
    const char *field)
{
	if (t == NULL || t->form != form || rq->err == APP_OK || rq->err_field == NULL)
		return NULL;
	return strcmp(rq->err_field, field) == 0 ? rq->err_detail : NULL;
}

/* A form's box: heading, the refusal if it was this form, the form tag. */
static void
form_open(struct req *rq, const char *anchor, const char *action, enum msg_id heading,
    const struct f_typed *t, enum fform form)
{
	tmpl_raw(rq, "<section class=\"detail\"");	/* literal */
	tmpl_attr(rq, "id", anchor);
	tmpl_raw(rq, ">");	/* literal */
	layout_wrap(rq, "<h2>", heading, "</h2>\n");
	if (t != NULL && t->form == form)
		layout_form_errors(rq);
	/* The 补正 form is a table of every field: as wide as the page. */
	tmpl_raw(rq, form == FF_SUPPLEMENT ? "<form class=\"stack filing-supplement\" "
	    "method=\"post\"" : "<form class=\"stack wide\" method=\"post\"");	/* literal: one of two */
	tmpl_attr(rq, "action", action);
	tmpl_raw(rq, ">");	/* literal */
	tmpl_csrf(rq);
}

/* The value shown for a key of the dossier ("" when not given). */
static const char *
value_of(const struct filing_value *v, size_t n, const char *key)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].key, key) == 0)
			return v[i].value;
	return "";
}

/* The registry's own fields' values as the application holds them. */
static const char *
own_value(const struct filing_view *v, const char *key)
{
	if (strcmp(key, "filing_number") == 0)
		return v->a.given_number;
	if (strcmp(key, "change_date") == 0)
		return v->a.change_date;
	if (strcmp(key, "end_date") == 0)
		return v->a.end_date;
	if (strcmp(key, "changed") == 0)
		return v->a.changed;
	return "";
}

/* Does the application concern key (the registry's own fields by kind)? */
static bool
own_applies(const struct filing_view *v, const char *key)
{
	if (strcmp(key, "filing_number") == 0)
		return v->a.kind != FAK_INITIAL;
	if (strcmp(key, "change_date") == 0 || strcmp(key, "changed") == 0)
		return v->a.kind == FAK_CHANGE;
	if (strcmp(key, "end_date") == 0)
		return v->a.kind == FAK_DEREGISTRATION;
	return false;
}

/* The 补正 form: every field with its value and a note box; the filled ones are sent at once. */
static void
supplement_form(struct req *rq, const struct filing_view *v, const struct f_typed *t)
{
	const struct filing_fieldset	*fs = filing_fieldset_current();
	struct layout_control		 c;
	size_t				 i, n = rows_of(fs);
	int				 section = 0;

	form_open(rq, "supplement", arena_printf(rq->arena, "/staff/filings/%s/supplement",
	    v->a.id), MSG_RF_SUP_TITLE, t, FF_SUPPLEMENT);
	layout_wrap(rq, "<p class=\"hint\">", MSG_RF_SUP_HINT, "</p>\n");
	tmpl_raw(rq, "<input type=\"hidden\" name=\"fieldset\"");	/* literal */
	tmpl_attr(rq, "value", fs->version);
	tmpl_raw(rq, ">\n<div class=\"table-wrap\"><table class=\"data supplement-items\">"
	    "<thead><tr>");	/* literal */
	layout_th(rq, MSG_RF_FIELD);
	layout_th(rq, MSG_RF_VALUE);
	layout_th(rq, MSG_RF_SUP_NOTE);
	tmpl_raw(rq, "</tr></thead><tbody>\n");	/* literal */
	for (i = 0; i < n; i++) {
		const char	*key = row_key(fs, i), *val;
		const char	*name = row_name(rq, i);

		if (i < fs->n) {
			if (v->a.kind == FAK_DEREGISTRATION)
				continue;	/* a deregistration carries no dossier */
			if (fs->f[i].section != section) {
				section = fs->f[i].section;
				tmpl_raw(rq, "<tr class=\"group\"><th colspan=\"3\" "
				    "scope=\"rowgroup\">");	/* literal */
				tmpl_msg(rq, section_msgs[section]);
				tmpl_raw(rq, "</th></tr>\n");	/* literal */
			}
			val = value_of(v->fields, v->nfields, key);
		} else {
			if (!own_applies(v, key))
				continue;
			val = own_value(v, key);
		}
		tmpl_raw(rq, "<tr><th scope=\"row\"><label");	/* literal */
		tmpl_attr(rq, "for", arena_printf(rq->arena, "f-%s", name));
		tmpl_raw(rq, ">");	/* literal */
		tmpl_text(rq, field_label(rq, key));
		tmpl_raw(rq, "</label><br><code class=\"muted\">");	/* literal */
		tmpl_text(rq, key);
		tmpl_raw(rq, "</code></th><td class=\"pre-line\">");	/* literal */
		if (val[0] != '\0')
			tmpl_text(rq, val);
		else
			layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_NONE, "</span>");
		tmpl_raw(rq, "</td><td>");	/* literal */
		tmpl_raw(rq, "<textarea");	/* literal */
		tmpl_attr(rq, "id", arena_printf(rq->arena, "f-%s", name));
		tmpl_attr(rq, "name", name);
		tmpl_attr(rq, "rows", "2");
		tmpl_attr(rq, "maxlength", arena_printf(rq->arena, "%d", FILING_NOTE_MAX));
		tmpl_raw(rq, ">");	/* literal */
		tmpl_text(rq, typed_row(t, i));
		tmpl_raw(rq, "</textarea></td></tr>\n");	/* literal */
	}
	tmpl_raw(rq, "</tbody></table></div>\n");	/* literal */
	if (fs->n + FW_OWN > FW_ROWS)
		layout_wrap(rq, "<p class=\"hint\">", MSG_RF_SUP_TRUNCATED, "</p>\n");
	c = (struct layout_control){ "note", "f-sup-note", MSG_RF_SUP_ROUND_NOTE, NULL,
	    MSG_OK, NULL, form_problem(rq, t, FF_SUPPLEMENT, "note"), true, false };
	layout_textarea(rq, &c, t != NULL && t->form == FF_SUPPLEMENT ? t->note : "",
	    FW_NOTE_ROWS, FILING_NOTE_MAX, false);
	layout_submit(rq, MSG_RF_SUP_SUBMIT);
	tmpl_raw(rq, "</form></section>\n");	/* literal */
}

static void
approve_form(struct req *rq, const struct filing_view *v, const struct f_typed *t)
{
	struct layout_control	c = { "note", "f-approve-note", MSG_RF_APPROVE_NOTE, NULL,
				    MSG_OK, NULL, form_problem(rq, t, FF_APPROVE, "note"), true,
				    false };

	form_open(rq, "approve", arena_printf(rq->arena, "/staff/filings/%s/approve", v->a.id),
	    MSG_RF_APPROVE_TITLE, t, FF_APPROVE);
	layout_wrap(rq, "<p class=\"hint\">", v->a.kind == FAK_INITIAL ? MSG_RF_APPROVE_INITIAL :
	    v->a.kind == FAK_CHANGE ? MSG_RF_APPROVE_CHANGE : MSG_RF_APPROVE_DEREG, "</p>\n");
	layout_textarea(rq, &c, t != NULL && t->form == FF_APPROVE ? t->note : "", FW_NOTE_ROWS,
	    FILING_NOTE_MAX, false);
	layout_submit(rq, MSG_RF_APPROVE_SUBMIT);
	tmpl_raw(rq, "</form></section>\n");	/* literal */
}

static void
reject_form(struct req *rq, const struct filing_view *v, const struct f_typed *t)
{
	struct layout_control	c = { "reason", "f-reason", MSG_RF_REJECT_REASON, NULL,
				    MSG_RF_REJECT_HINT, NULL,
				    form_problem(rq, t, FF_REJECT, "reason"), false, false };

	form_open(rq, "reject", arena_printf(rq->arena, "/staff/filings/%s/reject", v->a.id),
	    MSG_RF_REJECT_TITLE, t, FF_REJECT);
	layout_textarea(rq, &c, t != NULL && t->form == FF_REJECT ? t->reason : "",
	    FW_NOTE_ROWS, FILING_REASON_MAX, true);
	layout_submit(rq, MSG_RF_REJECT_SUBMIT);
	tmpl_raw(rq, "</form></section>\n");	/* literal */
}

/* Is key among the keys listed as changed ("a,b")? */
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

/* The dossier: every field of the set by section; for a change, what it was. */
static void
dossier(struct req *rq, const struct filing_view *v)
{
	const struct filing_fieldset	*fs = filing_fieldset_current();
	size_t				 i;
	int				 section = -1;
	bool				 change = v->nprevious > 0;

	tmpl_raw(rq, "<section class=\"detail\" id=\"dossier\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_RF_DOSSIER, "</h2>\n");
	layout_wrap(rq, "<p class=\"hint\">", MSG_RF_DOSSIER_AUDITED, "</p>\n");
	if (v->a.kind == FAK_DEREGISTRATION) {
		layout_wrap(rq, "<p class=\"muted\">", MSG_RF_DOSSIER_NONE, "</p></section>\n");
		return;
	}
	tmpl_raw(rq, "<div class=\"table-wrap\"><table class=\"data dossier\"><thead><tr>");	/* literal */
	layout_th(rq, MSG_RF_FIELD);
	layout_th(rq, MSG_RF_VALUE);
	if (change)
		layout_th(rq, MSG_RF_PREVIOUS);
	tmpl_raw(rq, "</tr></thead><tbody>\n");	/* literal */
	for (i = 0; i < v->nfields; i++) {
		const struct filing_field	*ff = filing_field_find(fs, v->fields[i].key);
		const char			*prev = change ? value_of(v->previous,
						    v->nprevious, v->fields[i].key) : "";
		bool				 differs = change &&
						    strcmp(prev, v->fields[i].value) != 0;

		if (ff != NULL && ff->section != section) {
			section = ff->section;
			tmpl_raw(rq, change ? "<tr class=\"group\"><th colspan=\"3\" "
			    "scope=\"rowgroup\">" : "<tr class=\"group\"><th colspan=\"2\" "
			    "scope=\"rowgroup\">");	/* literal: one of two */
			tmpl_msg(rq, section_msgs[section]);
			tmpl_raw(rq, "</th></tr>\n");	/* literal */
		} else if (ff == NULL && section != 0) {
			section = 0;
			tmpl_raw(rq, change ? "<tr class=\"group\"><th colspan=\"3\" "
			    "scope=\"rowgroup\">" : "<tr class=\"group\"><th colspan=\"2\" "
			    "scope=\"rowgroup\">");	/* literal: one of two */
			tmpl_msg(rq, MSG_RF_SEC_UNKNOWN);
			tmpl_raw(rq, "</th></tr>\n");	/* literal */
		}
		tmpl_raw(rq, differs ? "<tr class=\"changed\"><th scope=\"row\">" :
		    "<tr><th scope=\"row\">");	/* literal: one of two */
		tmpl_text(rq, field_label(rq, v->fields[i].key));
		if (ff != NULL && (ff->flags & FF_SECRET))
			layout_wrap(rq, " <span class=\"badge badge-warn\">", MSG_RF_SECRET,
			    "</span>");
		if (differs || listed(v->a.changed, v->fields[i].key))
			layout_wrap(rq, " <span class=\"badge badge-on\">", MSG_RF_CHANGED,
			    "</span>");
		tmpl_raw(rq, "<br><code class=\"muted\">");	/* literal */
		tmpl_text(rq, v->fields[i].key);
		tmpl_raw(rq, "</code></th><td class=\"pre-line\">");	/* literal */
		if (v->fields[i].value[0] != '\0')
			tmpl_text(rq, v->fields[i].value);
		else
			layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_NONE, "</span>");
		tmpl_raw(rq, "</td>");	/* literal */
		if (change) {
			tmpl_raw(rq, "<td class=\"pre-line\">");	/* literal */
			tmpl_text(rq, prev);
			tmpl_raw(rq, "</td>");	/* literal */
		}
		tmpl_raw(rq, "</tr>\n");	/* literal */
	}
	tmpl_raw(rq, "</tbody></table></div></section>\n");	/* literal */
}

static void
documents(struct req *rq, const struct filing_view *v)
{
	size_t	i;

	tmpl_raw(rq, "<section class=\"detail\" id=\"documents\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_RF_DOCUMENTS, "</h2>\n");
	if (v->ndocs == 0) {
		layout_wrap(rq, "<p class=\"muted\">", MSG_WEB_NONE, "</p></section>\n");
		return;
	}
	tmpl_raw(rq, "<div class=\"table-wrap\"><table class=\"data filing-documents\">"
	    "<thead><tr>");	/* literal */
	layout_th(rq, MSG_RF_FIELD);
	layout_th(rq, MSG_RF_DOC_NAME);
	layout_th(rq, MSG_RF_DOC_TYPE);
	layout_th(rq, MSG_RF_DOC_SIZE);
	layout_th(rq, MSG_RF_DOC_SHA256);
	tmpl_raw(rq, "</tr></thead><tbody>\n");	/* literal */
	for (i = 0; i < v->ndocs; i++) {
		const struct filing_doc_row	*d = &v->docs[i];
		struct sbuf			 href;

		sbuf_init(&href, rq->arena, 0);
		/* The id passed report_id_valid; the key is escaped for the path. */
		sbuf_addf(&href, "/api/v1/filings/applications/%s/documents/", v->a.id);
		sbuf_add_urlenc(&href, d->field, strlen(d->field));
		tmpl_raw(rq, "<tr><td>");	/* literal */
		tmpl_text(rq, field_label(rq, d->field));
		tmpl_raw(rq, "</td><td><a");	/* literal */
		tmpl_href(rq, href.buf);
		tmpl_raw(rq, " download>");	/* literal */
		tmpl_text(rq, d->name);
		tmpl_raw(rq, "</a></td><td><code>");	/* literal */
		tmpl_text(rq, d->media_type);
		tmpl_raw(rq, "</code></td><td class=\"num\">");	/* literal */
		tmpl_i64(rq, d->size);
		tmpl_raw(rq, "</td><td><code class=\"hash\">");	/* literal */
		tmpl_text(rq, d->sha256);
		tmpl_raw(rq, "</code></td></tr>\n");	/* literal */
	}
	tmpl_raw(rq, "</tbody></table></div></section>\n");	/* literal */
}

static void
rounds(struct req *rq, const struct filing_view *v)
{
	size_t	i, j;

	if (v->nrounds == 0)
		return;
	tmpl_raw(rq, "<section class=\"detail\" id=\"rounds\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_RF_ROUNDS, "</h2>\n");
	for (i = 0; i < v->nrounds; i++) {
		const struct filing_round	*r = &v->rounds[i];
		enum msg_id			 pm;

		tmpl_raw(rq, "<h3>");	/* literal */
		tmpl_text(rq, layout_msgf(rq, MSG_RF_ROUND, r->round));
		tmpl_raw(rq, "</h3><dl class=\"meta\">");	/* literal */
		layout_dl_time(rq, MSG_RF_REQUESTED_AT, r->requested_at, MSG_WEB_NONE);
		layout_dl_text(rq, MSG_RF_REQUESTED_BY, r->requested_by[0] != '\0' ?
		    r->requested_by : req_msg(rq, MSG_RF_AUTOMATIC), false);
		layout_dl_time(rq, MSG_RF_ANSWERED_AT, r->answered_at, MSG_RF_NOT_YET);
		layout_dl_text(rq, MSG_RF_SUP_ROUND_NOTE, r->note, true);
		tmpl_raw(rq, "</dl><div class=\"table-wrap\"><table class=\"data round-items\">"
		    "<thead><tr>");	/* literal */
		layout_th(rq, MSG_RF_FIELD);
		layout_th(rq, MSG_RF_PROBLEM);
		layout_th(rq, MSG_RF_SUP_NOTE);
		tmpl_raw(rq, "</tr></thead><tbody>\n");	/* literal */
		for (j = 0; j < r->nitems; j++) {
			tmpl_raw(rq, "<tr><td>");	/* literal */
			tmpl_text(rq, field_label(rq, r->items[j].field));
			tmpl_raw(rq, " <code class=\"muted\">");	/* literal */
			tmpl_text(rq, r->items[j].field);
			tmpl_raw(rq, "</code></td><td>");	/* literal */
			if ((pm = problem_msg(r->items[j].problem)) != MSG_OK)
				tmpl_msg(rq, pm);
			else if (r->items[j].problem != NULL)
				tmpl_text(rq, r->items[j].problem);
			tmpl_raw(rq, "</td><td class=\"pre-line\">");	/* literal */
			tmpl_text(rq, r->items[j].note);
			tmpl_raw(rq, "</td></tr>\n");	/* literal */
		}
		tmpl_raw(rq, "</tbody></table></div>\n");	/* literal */
	}
	tmpl_raw(rq, "</section>\n");	/* literal */
}

static void
notices(struct req *rq, const struct filing_view *v)
{
	size_t	i;

	if (v->a.state != FAS_APPROVED && v->nnotices == 0)
		return;
	tmpl_raw(rq, "<section class=\"detail\" id=\"notices\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_RF_NOTICES, "</h2>\n");
	layout_wrap(rq, "<p class=\"hint\">", MSG_RF_NOTICES_HINT, "</p>\n");
	tmpl_raw(rq, "<div class=\"table-wrap\"><table class=\"data filing-notices\">"
	    "<thead><tr>");	/* literal */
	layout_th(rq, MSG_RF_RECIPIENT);
	layout_th(rq, MSG_RF_TARGET);
	layout_th(rq, MSG_RF_DELIVERY);
	layout_th(rq, MSG_RF_ATTEMPTS);
	layout_th(rq, MSG_RF_SENT_AT);
	tmpl_raw(rq, "</tr></thead><tbody>\n");	/* literal */
	for (i = 0; i < v->nnotices; i++) {
		const struct filing_notice_row	*n = &v->notices[i];
		bool				 unset = n->target[0] == '\0';

		tmpl_raw(rq, "<tr><td>");	/* literal */
		tmpl_msg(rq, strcmp(n->recipient, "mps") == 0 ? MSG_RF_MPS : MSG_RF_CAC);
		tmpl_raw(rq, "</td><td>");	/* literal */
		if (unset)
			layout_wrap(rq, "<span class=\"muted\">", MSG_RF_NOT_CONFIGURED, "</span>");
		else {
			tmpl_raw(rq, "<code>");	/* literal */
			tmpl_text(rq, n->target);
			tmpl_raw(rq, "</code>");	/* literal */
		}
		tmpl_raw(rq, "</td><td>");	/* literal */
		if (unset)
			layout_wrap(rq, "<span class=\"badge badge-off\">", MSG_RF_NOT_CONFIGURED,
			    "</span>");
		else if (strcmp(n->delivery, "sent") == 0)
			layout_wrap(rq, "<span class=\"badge badge-on\">", MSG_RF_DELIVERED,
			    "</span>");
		else if (strcmp(n->delivery, "failed") == 0)
			layout_wrap(rq, "<span class=\"badge badge-off\">", MSG_RF_FAILED,
			    "</span>");
		else
			layout_wrap(rq, "<span class=\"badge badge-warn\">", MSG_RF_PENDING,
			    "</span>");
		if (n->last_error[0] != '\0') {
			tmpl_raw(rq, " <span class=\"muted\">");	/* literal */
			tmpl_text(rq, n->last_error);
			tmpl_raw(rq, "</span>");	/* literal */
		}
		tmpl_raw(rq, "</td><td class=\"num\">");	/* literal */
		tmpl_i64(rq, n->attempts);
		tmpl_raw(rq, "</td><td class=\"nowrap\">");	/* literal */
		if (n->sent_at > 0)
			tmpl_time(rq, n->sent_at);
		else
			layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_NONE, "</span>");
		tmpl_raw(rq, "</td></tr>\n");	/* literal */
	}
	tmpl_raw(rq, "</tbody></table></div></section>\n");	/* literal */
}

static void
events(struct req *rq, const struct filing_view *v)
{
	size_t	i;

	tmpl_raw(rq, "<section class=\"detail\" id=\"events\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_RF_EVENTS, "</h2>\n");
	tmpl_raw(rq, "<div class=\"table-wrap\"><table class=\"data filing-events\">"
	    "<thead><tr>");	/* literal */
	layout_th(rq, MSG_RF_AT);
	layout_th(rq, MSG_RF_WHO);
	layout_th(rq, MSG_RF_EVENT);
	layout_th(rq, MSG_RF_DETAIL);
	tmpl_raw(rq, "</tr></thead><tbody>\n");	/* literal */
	for (i = 0; i < v->nevents; i++) {
		const struct filing_event_row	*e = &v->events[i];

		tmpl_raw(rq, "<tr><td class=\"nowrap\">");	/* literal */
		tmpl_time(rq, e->at);
		tmpl_raw(rq, "</td><td>");	/* literal */
		if (e->actor_login[0] != '\0')
			tmpl_text(rq, e->actor_login);
		else
			layout_wrap(rq, "<span class=\"muted\">", MSG_RF_SYSTEM, "</span>");
		tmpl_raw(rq, "</td><td><code>");	/* literal */
		tmpl_text(rq, e->event);
		tmpl_raw(rq, "</code></td><td class=\"pre-line\">");	/* literal */
		tmpl_text(rq, e->note);
		tmpl_raw(rq, "</td></tr>\n");	/* literal */
	}
	tmpl_raw(rq, "</tbody></table></div></section>\n");	/* literal */
}

/* A clock as a line: due, and its state when it no longer runs. */
static void
dl_clock(struct req *rq, enum msg_id term, bool has, const struct deadline_row *d)
{
	layout_wrap(rq, "<dt>", term, "</dt><dd>");
	if (!has)
		layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_NONE, "</span>");
	else {
		if (d->state == DLS_OPEN)
			due_cell(rq, d->due_at);
		else
			tmpl_time(rq, d->due_at);
		tmpl_raw(rq, " (");	/* literal */
		tmpl_msg(rq, (unsigned)d->state < DLS__MAX ? clock_msgs[d->state] : MSG_WEB_NONE);
		tmpl_raw(rq, "; ");	/* literal */
		tmpl_text(rq, d->rule);
		tmpl_raw(rq, ")");	/* literal */
	}
	tmpl_raw(rq, "</dd>");	/* literal */
}

static void
summary(struct req *rq, const struct filing_view *v)
{
	const struct filing_app_row	*a = &v->a;

	tmpl_raw(rq, "<section class=\"detail\" id=\"application\"><dl class=\"meta\">");	/* literal */
	layout_wrap(rq, "<dt>", MSG_RF_KIND, "</dt><dd>");
	tmpl_msg(rq, kind_msgs[a->kind]);
	tmpl_raw(rq, "</dd>");	/* literal */
	layout_dl_text(rq, MSG_RF_NAME, a->name, false);
	layout_dl_text(rq, MSG_RF_ORG, arena_printf(rq->arena, "%s (%s)", a->org_name,
	    a->org_slug), false);
	layout_dl_text(rq, MSG_RF_SUBMITTER, a->submitter_login, false);
	layout_dl_time(rq, MSG_RF_SUBMITTED_AT, a->submitted_at, MSG_WEB_NONE);
	layout_dl_time(rq, MSG_RF_COMPLETE_AT, a->complete_at, MSG_RF_NOT_COMPLETE);
	dl_clock(rq, MSG_RF_REVIEW_CLOCK, v->has_review, &v->review);
	dl_clock(rq, MSG_RF_SUPPLEMENT_CLOCK, v->has_supplement, &v->supplement);
	if (v->has_platform) {
		layout_wrap(rq, "<dt>", MSG_RF_NUMBER, "</dt><dd><code class=\"filing-number\">");
		tmpl_text(rq, v->p.number);
		tmpl_raw(rq, "</code> ");	/* literal */
		platform_status(rq, &v->p);
		if (!v->p.deregistered && v->p.deregistered_on[0] != '\0') {
			tmpl_raw(rq, " ");	/* literal */
			tmpl_text(rq, layout_msgf(rq, MSG_RF_ENDS_ON, v->p.deregistered_on));
		}
		tmpl_raw(rq, "</dd>");	/* literal */
	}
	if (a->kind != FAK_INITIAL)
		layout_dl_text(rq, MSG_RF_F_NUMBER, a->given_number, false);
	if (a->kind == FAK_CHANGE) {
		layout_dl_text(rq, MSG_RF_F_CHANGE_DATE, a->change_date, false);
		layout_dl_text(rq, MSG_RF_F_CHANGED, a->changed, false);
	}
	if (a->kind == FAK_DEREGISTRATION)
		layout_dl_text(rq, MSG_RF_F_END_DATE, a->end_date, false);
	layout_dl_text(rq, MSG_RF_F_NOTE, a->note, true);
	layout_wrap(rq, "<dt>", MSG_RF_LEAF, "</dt><dd>");
	tmpl_i64(rq, a->leaf_index);
	tmpl_raw(rq, " <code class=\"hash\">");	/* literal */
	tmpl_text(rq, a->payload_sha256);
	tmpl_raw(rq, "</code></dd>");	/* literal */
	layout_dl_text(rq, MSG_RF_FIELDSET, a->fieldset, false);
	if (a->decided_at > 0) {
		layout_dl_time(rq, MSG_RF_DECIDED_AT, a->decided_at, MSG_WEB_NONE);
		layout_dl_text(rq, MSG_RF_DECIDED_BY, a->decided_by_login, false);
	}
	if (a->reason[0] != '\0')
		layout_dl_text(rq, MSG_RF_REASON, a->reason, true);
	tmpl_raw(rq, "</dl></section>\n");	/* literal */
}

/* What was just done, from ?done= after a redirect. */
static enum msg_id
done_msg(const char *done)
{
	if (strcmp(done, "supplement") == 0)
		return MSG_RF_DONE_SUPPLEMENT;
	if (strcmp(done, "approved") == 0)
		return MSG_RF_DONE_APPROVED;
	if (strcmp(done, "rejected") == 0)
		return MSG_RF_DONE_REJECTED;
	return MSG_OK;
}

/*
 * One application for the staff, with status (200, or 422 and the refused
 * form t beside its fields).  The read is audited (svc_filing_get).
 */
static enum app_err
view_page(struct req *rq, int status, const char *id, const struct f_typed *t,
    const char *done)
{
	struct svc_ctx		c = web_ctx(rq);
	struct filing_view	v;
	struct fault		f = { .er = APP_OK };
	enum msg_id		dm;
	bool			review, rejectable;
	enum app_err		er;

	if ((er = svc_filing_get(&c, id, &v, &f)) != APP_OK)
		/* Keep the refusal being shown; else the failure to load. */
		return rq->err != APP_OK ? rq->err : web_fault(rq, er, &f);
	if (!v.full)	/* only staff get here (the route's permission) */
		return req_fail(rq, APP_NOTFOUND, NULL, MSG_ERR_RF_NO_SUCH);
	resp_html(rq, status);
	layout_begin(rq, MSG_RF_VIEW_TITLE);
	tmpl_raw(rq, "<p class=\"crumbs\"><a href=\"/staff/filings\">");	/* literal */
	tmpl_msg(rq, MSG_RF_QUEUE_TITLE);
	tmpl_raw(rq, "</a></p>\n<h1>");	/* literal */
	tmpl_msg(rq, MSG_RF_VIEW_TITLE);
	tmpl_raw(rq, " <code>");	/* literal */
	tmpl_text(rq, v.a.id);
	tmpl_raw(rq, "</code> ");	/* literal */
	state_badge(rq, v.a.state);
	tmpl_raw(rq, "</h1>\n");	/* literal */
	if ((dm = done_msg(done)) != MSG_OK)
		layout_flash_msg(rq, FLASH_OK, dm);
	/* A form posted when its step no longer applies is not on the page: say why here. */
	review = filing_app_in_review(v.a.state);
	rejectable = filing_app_move_ok(v.a.state, FAS_REJECTED);
	if (t != NULL && t->form != FF_NONE && !(t->form == FF_REJECT ? rejectable : review))
		layout_form_errors(rq);
	if (v.a.state == FAS_SUPPLEMENT_REQUESTED)
		layout_flash_msg(rq, FLASH_INFO, MSG_RF_AWAITING_HINT);
	summary(rq, &v);
	dossier(rq, &v);
	documents(rq, &v);
	rounds(rq, &v);
	if (review) {
		supplement_form(rq, &v, t);
		approve_form(rq, &v, t);
	}
	if (rejectable)
		reject_form(rq, &v, t);
	notices(rq, &v);
	events(rq, &v);
	layout_end(rq);
	return APP_OK;
}

static enum app_err
view_get(struct req *rq)
{
	const char	*id;

	if (!registry(rq))
		return not_registry(rq);
	if ((id = web_path_id(rq, VW_ID)) == NULL)
		return req_fail(rq, APP_NOTFOUND, NULL, MSG_ERR_RF_NO_SUCH);
	return view_page(rq, 200, id, NULL, web_pstr(req_param(rq, VW_DONE)));
}

/* After a staff form: back to the application, or the page again with the refusal. */
static enum app_err
step_answer(struct req *rq, enum app_err er, struct fault *f, const char *id,
    const struct f_typed *t, const char *done)
{
	enum app_err	rer;
	int		status;

	if (er == APP_OK)
		/* id passed report_id_valid: safe in a URL as it is. */
		return resp_redirect(rq, arena_printf(rq->arena,
		    "/staff/filings/%s?done=%s#events", id, done));
	er = web_fault(rq, er, f);
	status = web_form_status(rq, er, f);
	if (status != 0 && (rer = view_page(rq, status, id, t, "")) != APP_OK)
		er = rer;
	return er;
}

static enum app_err
supplement_post(struct req *rq)
{
	struct svc_ctx			 c = web_ctx(rq);
	const struct filing_fieldset	*fs = filing_fieldset_current();
	struct filing_view		 out;
	struct filing_item		*it;
	struct fault			 f = { .er = APP_OK };
	struct f_typed			*t = ARENA_NEW(rq->arena, struct f_typed);
	const char			*id;
	size_t				 i, n = 0, rows = rows_of(fs);

	if (!registry(rq))
		return not_registry(rq);
	if ((id = web_path_id(rq, SP_ID)) == NULL)
		return req_fail(rq, APP_NOTFOUND, NULL, MSG_ERR_RF_NO_SUCH);
	t->form = FF_SUPPLEMENT;
	t->note = web_pstr(req_param(rq, SP_NOTE));
	/* The boxes are numbered by the field set the form showed: it must be this one. */
	if (strcmp(web_pstr(req_param(rq, SP_FIELDSET)), fs->version) != 0) {
		fault_set(&f, APP_CONFLICT, NULL, MSG_RF_SUP_STALE, 0);
		f.rule = "R21";
		return step_answer(rq, APP_CONFLICT, &f, id, t, "");
	}
	it = arena_calloc(rq->arena, rows, sizeof(*it));
	for (i = 0; i < rows; i++) {
		const char	*note = web_pstr(req_param(rq, SP_N0 + i));

		t->notes[i] = note;
		if (str_trim(str_from(note)).n == 0)
			continue;
		it[n].field = row_key(fs, i);
		it[n].problem = NULL;
		it[n].note = note;
		n++;
	}
	return step_answer(rq, svc_filing_supplement(&c, id, it, n, t->note[0] != '\0' ?
	    t->note : NULL, &out, &f), &f, id, t, "supplement");
}

static enum app_err
approve_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct filing_view	 out;
	struct fault		 f = { .er = APP_OK };
	struct f_typed		*t = ARENA_NEW(rq->arena, struct f_typed);
	const char		*id;

	if (!registry(rq))
		return not_registry(rq);
	if ((id = web_path_id(rq, AP_ID)) == NULL)
		return req_fail(rq, APP_NOTFOUND, NULL, MSG_ERR_RF_NO_SUCH);
	t->form = FF_APPROVE;
	t->note = web_pstr(req_param(rq, AP_NOTE));
	return step_answer(rq, svc_filing_approve(&c, id, t->note[0] != '\0' ? t->note : NULL,
	    &out, &f), &f, id, t, "approved");
}

static enum app_err
reject_post(struct req *rq)
{
	struct svc_ctx		 c = web_ctx(rq);
	struct filing_view	 out;
	struct fault		 f = { .er = APP_OK };
	struct f_typed		*t = ARENA_NEW(rq->arena, struct f_typed);
	const char		*id;

	if (!registry(rq))
		return not_registry(rq);
	if ((id = web_path_id(rq, RJ_ID)) == NULL)
		return req_fail(rq, APP_NOTFOUND, NULL, MSG_ERR_RF_NO_SUCH);
	t->form = FF_REJECT;
	t->reason = web_pstr(req_param(rq, RJ_REASON));
	return step_answer(rq, svc_filing_reject(&c, id, t->reason, &out, &f), &f, id, t,
	    "rejected");
}

/*
 * The public list is R_PUBLIC (no session: one cached page for every
 * reader of a language); the staff's pages need the permission of the
 * registry's 报送 pages, and svc/ checks again.
 */
const struct route filing_web_routes[] = {
	{ HTTP_GET, "/filings", PERM_NONE, R_WEB | R_PUBLIC, PARAMS(public_params), public_get },
	{ HTTP_GET, "/staff/filings", PERM_CASES_MANAGE, R_WEB, PARAMS(queue_params),
	    queue_get },
	{ HTTP_GET, "/staff/filings/{id}", PERM_CASES_MANAGE, R_WEB, PARAMS(view_params),
	    view_get },
	{ HTTP_POST, "/staff/filings/{id}/supplement", PERM_CASES_MANAGE, R_WEB | R_FORM,
	    PARAMS(sup_params), supplement_post },
	{ HTTP_POST, "/staff/filings/{id}/approve", PERM_CASES_MANAGE, R_WEB | R_FORM,
	    PARAMS(approve_params), approve_post },
	{ HTTP_POST, "/staff/filings/{id}/reject", PERM_CASES_MANAGE, R_WEB | R_FORM,
	    PARAMS(reject_params), reject_post },
};
const size_t	filing_web_nroutes = sizeof(filing_web_routes) / sizeof(filing_web_routes[0]);
