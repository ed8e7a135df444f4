#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/parse.h"
#include "core/str.h"
#include "core/utf8.h"
#include "domain/authz.h"
#include "domain/ids.h"
#include "store/store.h"
#include "svc/assessment.h"
#include "svc/units.h"

/* Collects problems of one assessment. */
struct checks {
	struct report_problem	*p;
	int			*n;
};

static void
problem(struct checks *k, const char *field, enum msg_id m, const char *arg)
{
	if (*k->n >= ASSESS_MAX_PROBLEMS)
		return;
	k->p[*k->n].field = field;
	k->p[*k->n].msg = m;
	snprintf(k->p[*k->n].arg, sizeof(k->p[*k->n].arg), "%s", arg != NULL ? arg : "");
	(*k->n)++;
}

static bool
blank(const char *s)
{
	return s == NULL || str_trim(str_from(s)).n == 0;
}

/* text without surrounding white space, in a. */
static const char *
trimmed(struct arena *a, const char *text)
{
	struct str	s = str_trim(str_from(text));

	return arena_strndup(a, s.p, s.n);
}

/* A vector for the slot of version v (v3: 3.0 or 3.1); *out normalised or "". */
static void
check_vector(const struct svc_ctx *c, struct checks *k, const char *field,
    const char *text, enum cvss_version v, const char **out)
{
	struct cvss		 cv;
	struct cvss_error	 e;
	char			 arg[ASSESS_CVSS_ARG_MAX];
	enum msg_id		 m;

	*out = "";
	if (blank(text))
		return;
	memset(&e, 0, sizeof(e));
	if (cvss_parse(trimmed(c->a, text), &cv, &e) != 0) {
		m = assessment_cvss_msg(&e, arg);
		problem(k, field, m, arena_strdup(c->a, arg));
		return;
	}
	if (cv.version != v && !(v == CVSS_V31 && cv.version == CVSS_V30)) {
		problem(k, field, MSG_ERR_CVSS_SLOT, v == CVSS_V2 ? "2.0" :
		    v == CVSS_V31 ? "3.x" : "4.0");
		return;
	}
	*out = arena_strdup(c->a, cv.vector);
}

/* "CWE-79" or "79" -> 79; 0 for blank; -1 if malformed. */
static int64_t
cwe_parse(const char *text)
{
	struct str	s = str_trim(str_from(text != NULL ? text : ""));
	int64_t		id;

	if (s.n == 0)
		return 0;
	if (s.n > 4 && (s.p[0] == 'C' || s.p[0] == 'c') && (s.p[1] == 'W' || s.p[1] == 'w') &&
	    (s.p[2] == 'E' || s.p[2] == 'e') && s.p[3] == '-') {
		s.p += 4;
		s.n -= 4;
	}
	if (parse_i64(s.p, s.n, 1, 10000000, &id) != 0)
		return -1;
	return id;
}

/* Check everything in `in` into neu; problems into k. */
static enum app_err
check_input(const struct svc_ctx *c, const struct assessment_in *in,
    struct assessment *neu, struct checks *k, struct fault *f)
{
	struct gbt_indicators	 gi;
	struct gbt_result	 gr;
	const struct gbt_tables	*t = gbt_tables_current();
	enum gbt_indicator	 miss;
	struct cwe_entry	 ce;
	enum xid_scheme		 kind;
	char			 scheme[XID_SCHEME_MAX];
	int			 i, v, ntech = 0, nenv = 0;
	int64_t			 ncwe;
	const char		*ver;
	size_t			 r;
	enum app_err		 er;

	check_vector(c, k, "cvss_v2", in->cvss_v2, CVSS_V2, &neu->cvss_v2);
	check_vector(c, k, "cvss_v3", in->cvss_v3, CVSS_V31, &neu->cvss_v3);
	check_vector(c, k, "cvss_v4", in->cvss_v4, CVSS_V40, &neu->cvss_v4);

	gbt_indicators_clear(&gi);
	for (i = 0; i < GBT__NINDICATORS; i++) {
		if (blank(in->gbt[i]))
			continue;
		if ((v = gbt_value_parse((enum gbt_indicator)i, trimmed(c->a, in->gbt[i]))) < 0) {
			problem(k, arena_printf(c->a, "gbt.%s",
			    gbt_indicator_key((enum gbt_indicator)i)), MSG_ERR_GBT_VALUE, NULL);
			continue;
		}
		gi.v[i] = v;
		neu->gbt[i] = gbt_value_key((enum gbt_indicator)i, v);
		if (i < GBT_NTECHNICAL)
			ntech++;
		else
			nenv++;
	}
	if (ntech > 0 && ntech < GBT_NTECHNICAL)
		problem(k, "gbt", MSG_ERR_GBT_TECHNICAL, NULL);
	if (nenv > 0 && nenv < GBT__NINDICATORS - GBT_NTECHNICAL)
		problem(k, "gbt", MSG_ERR_GBT_ENVIRONMENT, NULL);
	if (ntech == GBT_NTECHNICAL && gbt_grade(t, &gi, &gr, &miss) == 0) {
		neu->technical_grade = gbt_grade_key(gr.technical);
		if (gr.has_comprehensive)
			neu->comprehensive_grade = gbt_grade_key(gr.comprehensive);
		neu->grading_scheme = ASSESS_SCHEME;
		neu->tables_version = gbt_tables_version(t);
		neu->tables_sha256 = gbt_tables_sha256(t);
	}

	if (!blank(in->category_path)) {
		const char *p = trimmed(c->a, in->category_path);

		if (gbt_category_find(p) == NULL)
			problem(k, "category_path", MSG_ERR_CATEGORY, NULL);
		else
			neu->category_path = p;
	}

	if ((neu->cwe_id = cwe_parse(in->cwe)) < 0) {
		problem(k, "cwe", MSG_ERR_CWE_FORMAT, NULL);
		neu->cwe_id = 0;
	} else if (neu->cwe_id > 0) {
		/* With a list imported, only its ids; without one, any well-formed id. */
		if ((er = store_cwe_count(c->st, c->a, &ncwe, &ver)) != APP_OK)
			return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
		if (ncwe > 0 && (er = store_cwe_get(c->st, c->a, neu->cwe_id, &ce)) != APP_OK) {
			if (er != APP_NOTFOUND)
				return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
			problem(k, "cwe", MSG_ERR_CWE_UNKNOWN, arena_printf(c->a, "CWE-%lld",
			    (long long)neu->cwe_id));
		}
	}

	if (in->nrelated > ASSESS_RELATED_MAX)
		return fault_set(f, APP_INVALID, "related_ids", MSG_ERR_XID_TOO_MANY,
		    ASSESS_RELATED_MAX);
	neu->related = arena_zalloc(c->a, (in->nrelated + 1) * sizeof(*neu->related));
	for (r = 0; r < in->nrelated; r++) {
		const char *value = in->related[r].value != NULL ? in->related[r].value : "";

		switch (xid_check(in->related[r].scheme, value, &kind, scheme)) {
		case XID_OK:
			neu->related[neu->nrelated].scheme = arena_strdup(c->a, scheme);
			neu->related[neu->nrelated].value = arena_strdup(c->a, value);
			neu->nrelated++;
			break;
		case XID_ERR_SCHEME:
			problem(k, "related_ids", MSG_ERR_XID_SCHEME, NULL);
			break;
		case XID_ERR_CHARS:
		case XID_ERR_EMPTY:
			problem(k, "related_ids", MSG_ERR_XID_CHARS, NULL);
			break;
		case XID_ERR_TOO_LONG:
			problem(k, "related_ids", MSG_ERR_FIELD_TOO_LONG, NULL);
			break;
		default:
			problem(k, "related_ids", MSG_ERR_XID_FORMAT, arena_strndup(c->a, value,
			    strnlen(value, XID_VALUE_MAX)));
			break;
		}
	}

	if (in->reason != NULL) {
		if (strlen(in->reason) > ASSESS_REASON_MAX)
			problem(k, "reason", MSG_ERR_FIELD_TOO_LONG, NULL);
		else if (!utf8_valid(in->reason, strlen(in->reason)))
			problem(k, "reason", MSG_ERR_FIELD_ENCODING, NULL);
	}
	return APP_OK;
}

/* The related ids as one comparable text: "CVE:CVE-2024-1 CNVD:…". */
static const char *
related_text(struct arena *a, const struct assessment *x)
{
	const char	*s = "";
	size_t		 i;

	for (i = 0; i < x->nrelated; i++)
		s = arena_printf(a, "%s%s%s:%s", s, i ? " " : "", x->related[i].scheme,
		    x->related[i].value);
	return s;
}

static const char *
cwe_text(struct arena *a, int64_t id)
{
	return id > 0 ? arena_printf(a, "CWE-%lld", (long long)id) : "";
}

/* One field's old and new text, as the history shows them. */
struct change {
	const char	*field;
	const char	*old;
	const char	*new;
};

/* Every field that differs between old and neu, into ch; how many. */
static int
diff(struct arena *a, const struct assessment *old, const struct assessment *neu,
    struct change *ch)
{
	struct change	 all[GBT__NINDICATORS + 9];
	int		 n = 0, m = 0, i;

	all[n++] = (struct change){ "cvss_v2", old->cvss_v2, neu->cvss_v2 };
	all[n++] = (struct change){ "cvss_v3", old->cvss_v3, neu->cvss_v3 };
	all[n++] = (struct change){ "cvss_v4", old->cvss_v4, neu->cvss_v4 };
	for (i = 0; i < GBT__NINDICATORS; i++)
		all[n++] = (struct change){ arena_printf(a, "gbt.%s",
		    gbt_indicator_key((enum gbt_indicator)i)), old->gbt[i], neu->gbt[i] };
	all[n++] = (struct change){ "technical_grade", old->technical_grade,
	    neu->technical_grade };
	all[n++] = (struct change){ "comprehensive_grade", old->comprehensive_grade,
	    neu->comprehensive_grade };
	all[n++] = (struct change){ "tables_version", old->tables_version,
	    neu->tables_version };
	all[n++] = (struct change){ "category_path", old->category_path,
	    neu->category_path };
	all[n++] = (struct change){ "cwe", cwe_text(a, old->cwe_id), cwe_text(a, neu->cwe_id) };
	all[n++] = (struct change){ "related_ids", related_text(a, old), related_text(a, neu) };
	for (i = 0; i < n; i++)
		if (strcmp(all[i].old, all[i].new) != 0)
			ch[m++] = all[i];
	return m;
}

static enum app_err
report_subject(const struct svc_ctx *c, const char *report_id, const char **subject,
    struct fault *f)
{
	struct report	 r;
	struct sealed	 d;
	enum app_err	 er;

	if (c->actor == NULL || !authz_allows(c->actor->role, PERM_REPORTS_ASSESS))
		return fault_set(f, APP_FORBIDDEN, NULL, MSG_ERR_ASSESS_DENIED, 0);
	er = store_report_get(c->st, c->a, report_id, &r, &d);
	if (er == APP_NOTFOUND && c->cfg->role == ROLE_REGISTRY) {
		/* A registry grades the 报送 it received like reports (issue 6). */
		struct received_row	rr;

		er = store_received_get(c->st, c->a, report_id, &rr, NULL);
		if (er == APP_OK) {
			*subject = arena_printf(c->a, "submission:%s", rr.id);
			return APP_OK;
		}
	}
	if (er == APP_NOTFOUND)
		return fault_set(f, er, "id", MSG_ERR_NO_SUCH_REPORT, 0);
	if (er != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	*subject = arena_printf(c->a, "report:%s", r.id);
	return APP_OK;
}

enum app_err
svc_assessment_get(const struct svc_ctx *c, const char *report_id, struct assessment *out,
    struct fault *f)
{
	const char	*subject;
	enum app_err	 er;

	if ((er = report_subject(c, report_id, &subject, f)) != APP_OK)
		return er;
	er = store_assessment_get(c->st, c->a, subject, out);
	if (er != APP_OK && er != APP_NOTFOUND)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	return APP_OK;
}

enum app_err
svc_assessment_history(const struct svc_ctx *c, const char *report_id, int limit,
    struct assessment_change **out, size_t *n, struct fault *f)
{
	const char	*subject;
	enum app_err	 er;

	if ((er = report_subject(c, report_id, &subject, f)) != APP_OK)
		return er;
	if ((er = store_assessment_history(c->st, c->a, subject, limit, out, n)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	return APP_OK;
}

enum app_err
svc_assessment_put(const struct svc_ctx *c, const char *report_id,
    const struct assessment_in *in, struct assessment *out,
    struct report_problem *problems, int *np, struct fault *f)
{
	struct assessment	 old, neu;
	struct change		 ch[GBT__NINDICATORS + 9];
	struct checks		 k = { problems, np };
	const char		*subject, *reason;
	bool			 regrade;
	int			 n, i;
	enum app_err		 er;

	*np = 0;
	if ((er = report_subject(c, report_id, &subject, f)) != APP_OK)
		return er;
	assessment_clear(&neu, subject);
	if ((er = check_input(c, in, &neu, &k, f)) != APP_OK)
		return er;
	if (*np > 0)
		return fault_set(f, APP_INVALID, problems[0].field, MSG_ERR_ASSESS_INVALID, *np);
	reason = blank(in->reason) ? "" : in->reason;

	if ((er = store_begin(c->st)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	er = store_assessment_get(c->st, c->a, subject, &old);
	if (er != APP_OK && er != APP_NOTFOUND)
		goto fail;
	if ((n = diff(c->a, &old, &neu, ch)) == 0) {
		store_rollback(c->st);
		*out = old;
		return APP_OK;
	}
	/* R30: an upgrade or a downgrade rests on a reviewer's stated reason. */
	regrade = assessment_grade_change_needs_reason(old.technical_grade,
	    neu.technical_grade) || assessment_grade_change_needs_reason(
	    old.comprehensive_grade, neu.comprehensive_grade);
	if (regrade && reason[0] == '\0') {
		store_rollback(c->st);
		fault_set(f, APP_INVALID, "reason", MSG_ERR_GRADE_REASON, 0);
		f->rule = "R30";
		return APP_INVALID;
	}
	for (i = 0; i < n; i++)
		if ((er = store_assessment_history_add(c->st, subject, c->now, c->actor->id,
		    ch[i].field, ch[i].old, ch[i].new, reason)) != APP_OK)
			goto fail;
	neu.updated_at = c->now;
	neu.updated_by = c->actor->id;
	if ((er = store_assessment_put(c->st, &neu)) != APP_OK ||
	    /* A credited item's new grade reaches the support units' ledger (R40). */
	    (strcmp(old.comprehensive_grade, neu.comprehensive_grade) != 0 &&
	    (er = svc_units_regrade(c, subject, neu.comprehensive_grade)) != APP_OK) ||
	    (er = store_audit_add(c->st, c->actor->id, "report.assess", subject,
	    arena_printf(c->a, "changes=%d technical=%s comprehensive=%s", n,
	    neu.technical_grade[0] ? neu.technical_grade : "-",
	    neu.comprehensive_grade[0] ? neu.comprehensive_grade : "-"), c->addr,
	    c->now)) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK)
		goto fail;
	*out = neu;
	return APP_OK;
fail:
	store_rollback(c->st);
	return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
}
