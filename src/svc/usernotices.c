/*
 * Notices of risk and remedy to users and downstream vendors (Art. 7(3),
 * R6): the draft from the case, the sending through the outbox, and the
 * notices sent with their delivery evidence (svc/usernotices.h).
 */
#include <stdarg.h>
#include <string.h>

#include "core/arena.h"
#include "core/sbuf.h"
#include "core/str.h"
#include "core/utf8.h"
#include "domain/authz.h"
#include "domain/grade.h"
#include "svc/cases.h"
#include "svc/policy.h"
#include "svc/products.h"
#include "svc/usernotices.h"

/* Bytes of a refused address echoed back in the refusal. */
#define ECHO_MAX	80

static enum app_err
staff_only(const struct svc_ctx *c, struct fault *f)
{
	if (c->system || (c->actor != NULL && authz_allows(c->actor->role, PERM_CASES_MANAGE)))
		return APP_OK;
	fault_set(f, APP_FORBIDDEN, NULL, MSG_ERR_CASES_DENIED, 0);
	f->rule = "rbac.role";
	return APP_FORBIDDEN;
}

bool
svc_user_notice_allowed(enum case_kind k, enum case_state s)
{
	if (k == CKIND_INCIDENT)
		return s == CSTATE_FIXED || s == CSTATE_CLOSED;
	return s == CSTATE_FIX_AVAILABLE || s == CSTATE_PUBLISHED || s == CSTATE_TRACKING ||
	    s == CSTATE_CLOSED;
}

/* A catalog message in lang, formatted (the .def comment names the arguments). */
static const char *
text(const struct svc_ctx *c, enum lang lang, enum msg_id id, ...)
{
	va_list		 ap;
	const char	*s;

	va_start(ap, id);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	s = arena_vprintf(c->a, msg(lang, id), ap);
#pragma GCC diagnostic pop
	va_end(ap);
	return s;
}

static bool
blank(const char *s)
{
	return s == NULL || str_trim(str_from(s)).n == 0;
}

/* ASCII case-insensitive equality of two addresses. */
static bool
same_address(const char *a, const char *b)
{
	return str_caseeq(str_from(a), b);
}

/* The organisation of out[] by id, or NULL. */
static struct unotice_org *
org_in(struct unotice_org *v, size_t n, int64_t id)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (v[i].org_id == id)
			return &v[i];
	return NULL;
}

/*
 * The organisations downstream of a case: its vendors with role
 * downstream, then those the supply chain proposes downstream that are not
 * in the case yet; each with its members' addresses.
 */
static enum app_err
downstream_of(const struct svc_ctx *c, const char *case_id, const struct case_vendor *vs,
    size_t nv, struct unotice_org **out, size_t *n, struct fault *f)
{
	struct supply_proposal	*ps;
	struct unotice_org	*o;
	size_t			 np, i, cap;
	enum app_err		 er;

	*out = NULL;
	*n = 0;
	if ((er = svc_case_supply_chain(c, case_id, &ps, &np, f)) != APP_OK)
		return er;
	cap = nv + np;
	*out = arena_calloc(c->a, cap + 1, sizeof(**out));
	for (i = 0; i < nv; i++) {
		if (vs[i].role != VROLE_DOWNSTREAM || org_in(*out, *n, vs[i].org_id) != NULL)
			continue;
		o = &(*out)[(*n)++];
		o->org_id = vs[i].org_id;
		o->slug = vs[i].org_slug;
		o->name = vs[i].org_name;
		o->in_case = true;
	}
	for (i = 0; i < np; i++) {
		if (ps[i].already_in_case || strcmp(ps[i].role, "downstream") != 0 ||
		    org_in(*out, *n, ps[i].org_id) != NULL)
			continue;
		o = &(*out)[(*n)++];
		o->org_id = ps[i].org_id;
		o->slug = ps[i].org_slug;
		o->name = ps[i].org_name;
		o->in_case = false;
	}
	for (i = 0; i < *n; i++)
		if ((er = store_org_member_emails(c->st, c->a, (*out)[i].org_id,
		    &(*out)[i].addresses, &(*out)[i].naddresses)) != APP_OK)
			return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	return APP_OK;
}

/* The GB/T 30279 grade of the case's first graded report, or -1. */
static enum app_err
case_grade(const struct svc_ctx *c, const char *const *reports, size_t nr, int *grade)
{
	struct assessment	as;
	const char		*g;
	size_t			i;
	enum app_err		er;

	*grade = -1;
	for (i = 0; i < nr && *grade < 0; i++) {
		er = store_assessment_get(c->st, c->a, arena_printf(c->a, "report:%s",
		    reports[i]), &as);
		if (er == APP_NOTFOUND)
			continue;
		if (er != APP_OK)
			return er;
		g = as.comprehensive_grade != NULL && as.comprehensive_grade[0] != '\0' ?
		    as.comprehensive_grade : as.technical_grade;
		if (g != NULL)
			*grade = gbt_grade_parse(g);
	}
	return APP_OK;
}

/* The draft's body in one language: the risk, the products, the remedy, advice. */
static void
body_in(const struct svc_ctx *c, struct sbuf *sb, enum lang lang, const struct case_row *k,
    int grade, const struct case_product *cp, size_t np, const struct case_vendor *vs,
    size_t nv)
{
	const char	*what;
	size_t		 i, fixes = 0;

	sbuf_addf(sb, "%s\n\n%s\n\n", msg(lang, MSG_UNOTICE_GREETING),
	    msg(lang, MSG_UNOTICE_INTRO));
	sbuf_addf(sb, "%s\n", text(c, lang, MSG_UNOTICE_RISK, k->title));
	if (grade >= 0)
		sbuf_addf(sb, "%s\n", text(c, lang, MSG_UNOTICE_GRADE,
		    gbt_grade_name((enum gbt_grade)grade, lang)));
	if (np > 0) {
		sbuf_addf(sb, "\n%s\n", msg(lang, MSG_UNOTICE_AFFECTED));
		for (i = 0; i < np; i++) {
			what = cp[i].p.name;
			if (cp[i].p.model != NULL && cp[i].p.model[0] != '\0')
				what = arena_printf(c->a, "%s %s", what, cp[i].p.model);
			if (cp[i].p.org_name != NULL && cp[i].p.org_name[0] != '\0')
				what = arena_printf(c->a, "%s (%s)", what, cp[i].p.org_name);
			sbuf_addf(sb, "%s\n", text(c, lang, MSG_UNOTICE_PRODUCT, what,
			    cp[i].versions != NULL && cp[i].versions[0] != '\0' ? cp[i].versions :
			    msg(lang, MSG_UNOTICE_VERSIONS_UNKNOWN)));
		}
	}
	sbuf_addf(sb, "\n%s\n", msg(lang, MSG_UNOTICE_REMEDY));
	for (i = 0; i < nv; i++)
		if (vs[i].fixed_version != NULL && vs[i].fixed_version[0] != '\0') {
			sbuf_addf(sb, "- %s\n", text(c, lang, MSG_UNOTICE_FIXED_IN, vs[i].org_name,
			    vs[i].fixed_version));
			fixes++;
		}
	if (fixes == 0)
		sbuf_addf(sb, "- %s\n", msg(lang, MSG_UNOTICE_FIX_ASK));
	sbuf_addf(sb, "\n%s\n", msg(lang, MSG_UNOTICE_ADVICE));
}

enum app_err
svc_user_notice_draft(const struct svc_ctx *c, const char *case_id,
    struct user_notice_draft *out, struct fault *f)
{
	struct case_row		 k;
	struct case_vendor	*vs;
	struct case_product	*cp;
	struct sbuf		 sb;
	const char		**reports;
	size_t			 nr, nv, np;
	int			 grade;
	enum app_err		 er;

	memset(out, 0, sizeof(*out));
	if ((er = staff_only(c, f)) != APP_OK)
		return er;
	if ((er = svc_case_get(c, case_id, &k, &reports, &nr, &vs, &nv, f)) != APP_OK)
		return er;
	if ((er = svc_case_products(c, k.id, &cp, &np, f)) != APP_OK)
		return er;
	if ((er = case_grade(c, reports, nr, &grade)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	if ((er = downstream_of(c, k.id, vs, nv, &out->downstream, &out->ndownstream, f)) !=
	    APP_OK)
		return er;
	out->case_id = k.id;
	out->state = k.state;
	out->fix_available = svc_user_notice_allowed(k.kind, k.state);
	out->subject = arena_printf(c->a, "%s / %s",
	    text(c, LANG_ZH, MSG_UNOTICE_SUBJECT, k.title),
	    text(c, LANG_EN, MSG_UNOTICE_SUBJECT, k.title));
	/* A subject is one line: a title never holds a line break, but be sure. */
	if (strlen(out->subject) > UNOTICE_SUBJECT_MAX)
		out->subject = text(c, LANG_ZH, MSG_UNOTICE_SUBJECT, k.title);
	sbuf_init(&sb, c->a, 0);
	body_in(c, &sb, LANG_ZH, &k, grade, cp, np, vs, nv);
	sbuf_addstr(&sb, "\n----------------------------------------\n\n");
	body_in(c, &sb, LANG_EN, &k, grade, cp, np, vs, nv);
	if (sbuf_err(&sb) != APP_OK)
		return fault_set(f, APP_INTERNAL, NULL, MSG_ERR_INTERNAL, 0);
	out->body = sb.buf;
	out->support_channel = "";
	return APP_OK;
}

/* One line of UTF-8 text without control characters. */
static bool
one_line(const char *s)
{
	size_t	n = strlen(s), i;

	if (!utf8_valid(s, n))
		return false;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] == 0x7f)
			return false;
	return true;
}

/* UTF-8 text whose only control characters are line breaks and tabs. */
static bool
multi_line(const char *s)
{
	size_t	n = strlen(s), i;
	unsigned char ch;

	if (!utf8_valid(s, n))
		return false;
	for (i = 0; i < n; i++) {
		ch = (unsigned char)s[i];
		if ((ch < 0x20 && ch != '\n' && ch != '\r' && ch != '\t') || ch == 0x7f)
			return false;
	}
	return true;
}

static enum app_err
check_fields(const char *subject, const char *body, const char *support, struct fault *f)
{
	if (blank(subject))
		return fault_set(f, APP_INVALID, "subject", MSG_ERR_FIELD_MISSING, 0);
	if (strlen(subject) > UNOTICE_SUBJECT_MAX)
		return fault_set(f, APP_INVALID, "subject", MSG_ERR_FIELD_TOO_LONG, 0);
	/* It becomes a mail header: one line. */
	if (!one_line(subject))
		return fault_set(f, APP_INVALID, "subject", MSG_ERR_NOTICE_ONE_LINE, 0);
	if (blank(body))
		return fault_set(f, APP_INVALID, "body", MSG_ERR_FIELD_MISSING, 0);
	if (strlen(body) > UNOTICE_BODY_MAX)
		return fault_set(f, APP_INVALID, "body", MSG_ERR_FIELD_TOO_LONG, 0);
	if (!multi_line(body))
		return fault_set(f, APP_INVALID, "body", MSG_ERR_FIELD_ENCODING, 0);
	if (support != NULL && strlen(support) > UNOTICE_SUPPORT_MAX)
		return fault_set(f, APP_INVALID, "support_channel", MSG_ERR_FIELD_TOO_LONG, 0);
	if (support != NULL && !one_line(support))
		return fault_set(f, APP_INVALID, "support_channel", MSG_ERR_NOTICE_ONE_LINE, 0);
	return APP_OK;
}

/* A refused address, shortened for the message (whole UTF-8 characters). */
static const char *
echo(const struct svc_ctx *c, const char *s)
{
	size_t	n = strlen(s), keep = 0, len;

	/* Whole well-formed characters only; stop at the first that is not. */
	while (keep < n && keep < ECHO_MAX &&
	    (len = utf8_valid_prefix(s + keep, n - keep)) > 0 && keep + len <= ECHO_MAX)
		keep += len;
	if (keep == n)
		return s;
	return arena_printf(c->a, "%.*s…", (int)keep, s);
}

/* The recipients being collected: addresses with where they came from. */
struct rcpts {
	struct user_notice_rcpt	*v;
	size_t			 n;
	size_t			 cap;
};

/* Add one unless it is there already; false when past UNOTICE_RCPTS_MAX. */
static bool
rcpt_add(struct rcpts *rs, const char *address, const char *source, int64_t org_id)
{
	size_t	i;

	for (i = 0; i < rs->n; i++)
		if (same_address(rs->v[i].address, address))
			return true;
	if (rs->n >= rs->cap)
		return false;
	memset(&rs->v[rs->n], 0, sizeof(rs->v[rs->n]));
	rs->v[rs->n].address = address;
	rs->v[rs->n].source = source;
	rs->v[rs->n].org_id = org_id;
	rs->n++;
	return true;
}

static enum app_err
too_many(struct fault *f)
{
	return fault_set(f, APP_INVALID, "recipients", MSG_ERR_NOTICE_TOO_MANY, UNOTICE_RCPTS_MAX);
}

/*
 * Gather the recipients inside the transaction: the downstream members
 * first (their organisation is kept), then the addresses typed.
 */
static enum app_err
gather(const struct svc_ctx *c, const struct case_row *k, const char *const *manual,
    size_t nmanual, bool include_downstream, struct rcpts *rs, struct fault *f)
{
	struct unotice_org	*ds = NULL;
	struct case_vendor	*vs;
	size_t			 nds = 0, nv, i, j;
	enum app_err		 er;

	if (include_downstream) {
		if ((er = store_case_vendors(c->st, c->a, k->id, &vs, &nv)) != APP_OK)
			return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
		if ((er = downstream_of(c, k->id, vs, nv, &ds, &nds, f)) != APP_OK)
			return er;
	}
	for (i = 0; i < nds; i++)
		for (j = 0; j < ds[i].naddresses; j++)
			if (!rcpt_add(rs, ds[i].addresses[j], "downstream", ds[i].org_id))
				return too_many(f);
	for (i = 0; i < nmanual; i++)
		if (!rcpt_add(rs, manual[i], "manual", 0))
			return too_many(f);
	if (rs->n == 0)
		return fault_set(f, APP_INVALID, "recipients", MSG_ERR_NOTICE_RECIPIENTS, 0);
	return APP_OK;
}

/* The login of user id, "" when gone. */
static enum app_err
login_of(const struct svc_ctx *c, int64_t id, const char **out)
{
	struct user	u;
	enum app_err	er;

	*out = "";
	if (id == 0)
		return APP_OK;
	if ((er = store_user_by_id(c->st, c->a, id, &u)) == APP_NOTFOUND)
		return APP_OK;
	if (er != APP_OK)
		return er;
	*out = u.login;
	return APP_OK;
}

/* A notice's author and recipients, each with its organisation's slug and name. */
static enum app_err
fill_item(const struct svc_ctx *c, const struct user_notice_row *row,
    struct user_notice_item *out)
{
	struct user_notice_rcpt	*rs;
	struct org		 o;
	size_t			 n, i, j;
	enum app_err		 er;

	memset(out, 0, sizeof(*out));
	out->n = *row;
	if ((er = login_of(c, row->created_by, &out->author)) != APP_OK ||
	    (er = store_user_notice_rcpts(c->st, c->a, row->id, &rs, &n)) != APP_OK)
		return er;
	out->to = arena_calloc(c->a, n + 1, sizeof(*out->to));
	out->nto = n;
	for (i = 0; i < n; i++) {
		out->to[i].r = rs[i];
		out->to[i].org_slug = out->to[i].org_name = "";
		/*
		 * Every recipient the gate let through has its outbox row, and
		 * outbox rows are never deleted: one without is one refused.
		 */
		if (rs[i].outbox_id == 0) {
			out->to[i].r.delivery = "refused";
			out->to[i].r.last_error = svc_policy_refused_note(c);
		}
		if (rs[i].org_id == 0)
			continue;
		/* The same organisation usually has several members: look it up once. */
		for (j = 0; j < i; j++)
			if (rs[j].org_id == rs[i].org_id) {
				out->to[i].org_slug = out->to[j].org_slug;
				out->to[i].org_name = out->to[j].org_name;
				break;
			}
		if (j < i)
			continue;
		if ((er = store_org_by_id(c->st, c->a, rs[i].org_id, &o)) == APP_OK) {
			out->to[i].org_slug = o.slug;
			out->to[i].org_name = o.name;
		} else if (er != APP_NOTFOUND)
			return er;
	}
	return APP_OK;
}

/* The mail: the body as given, then the support channel when there is one. */
static const char *
mail_body(const struct svc_ctx *c, const char *body, const char *support)
{
	if (support == NULL || support[0] == '\0')
		return body;
	return arena_printf(c->a, "%s%s\n%s\n%s\n", body,
	    body[strlen(body) - 1] == '\n' ? "" : "\n",
	    text(c, LANG_ZH, MSG_UNOTICE_SUPPORT, support),
	    text(c, LANG_EN, MSG_UNOTICE_SUPPORT, support));
}

/* The gate's decision (PACT_MAIL) for each recipient, made inside the transaction. */
struct mail_gate {
	struct policy_subject	 s;	/* the case's facts */
	struct policy_recipient	*r;	/* per recipient, as in rcpts */
	struct policy_decision	*d;
	size_t			 n;	/* decided so far */
	size_t			 nallowed;
	const struct policy_decision *refused;	/* the first refusal, or NULL */
};

/*
 * Ask the gate about every recipient: each is the account its address
 * belongs to (its jurisdiction, else its organisation's, else [policy]
 * default_country), or an address nobody verified (unknown: refused unless
 * the case is disclosed).
 */
static enum app_err
gate_mails(const struct svc_ctx *c, const struct case_row *k, const struct rcpts *rs,
    struct mail_gate *g, struct fault *f)
{
	enum app_err	er;

	if ((er = svc_policy_case(c, k->id, &g->s)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	g->r = arena_calloc(c->a, rs->n + 1, sizeof(*g->r));
	g->d = arena_calloc(c->a, rs->n + 1, sizeof(*g->d));
	for (g->n = 0; g->n < rs->n; g->n++) {
		if ((er = svc_policy_mailbox(c, rs->v[g->n].address, &g->r[g->n])) != APP_OK)
			return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
		g->d[g->n] = policy_check(PACT_MAIL, &g->s, &g->r[g->n], c->now);
		if (g->d[g->n].allow)
			g->nallowed++;
		else if (g->refused == NULL)
			g->refused = &g->d[g->n];
	}
	return APP_OK;
}

/* Log the decisions made, after the commit or the rollback (R44: refusals too). */
static void
gate_log(const struct svc_ctx *c, const struct mail_gate *g)
{
	size_t	i;

	for (i = 0; i < g->n; i++)
		svc_policy_log(c, PACT_MAIL, &g->s, &g->r[i], &g->d[i]);
}

enum app_err
svc_user_notice_send(const struct svc_ctx *c, const char *case_id, const char *subject,
    const char *body, const char *support_channel, const char *const *manual,
    size_t nmanual, bool include_downstream, struct user_notice_item *out,
    struct fault *f)
{
	struct case_row		 k;
	struct user_notice_row	 row;
	struct rcpts		 rs;
	struct mail_gate	 g;
	const char		*mail, *what;
	size_t			 i, ndown = 0;
	int64_t			 id = 0, ob = 0;
	enum app_err		 er;

	memset(out, 0, sizeof(*out));
	memset(&g, 0, sizeof(g));
	if ((er = staff_only(c, f)) != APP_OK)
		return er;
	if ((er = check_fields(subject, body, support_channel, f)) != APP_OK)
		return er;
	/* Bounded before anything is done per address. */
	if (nmanual > UNOTICE_RCPTS_MAX)
		return too_many(f);
	for (i = 0; i < nmanual; i++)
		if (manual[i] == NULL || manual[i][0] == '\0' ||
		    user_email_check(str_from(manual[i])) != MSG_OK) {
			fault_set(f, APP_INVALID, "recipients", MSG_ERR_NOTICE_ADDRESS, 0);
			f->sarg = echo(c, manual[i] != NULL ? manual[i] : "");
			return APP_INVALID;
		}
	if (support_channel == NULL)
		support_channel = "";
	rs.cap = UNOTICE_RCPTS_MAX;
	rs.n = 0;
	rs.v = arena_calloc(c->a, rs.cap, sizeof(*rs.v));
	if ((er = store_begin(c->st)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	/* The state is read under the write lock: the case may be moving. */
	if ((er = store_case_get(c->st, c->a, case_id, &k)) != APP_OK) {
		fault_set(f, er, er == APP_NOTFOUND ? "id" : NULL, er == APP_NOTFOUND ?
		    MSG_ERR_NO_SUCH_CASE : MSG_ERR_STORE, 0);
		goto fail;
	}
	if (!svc_user_notice_allowed(k.kind, k.state)) {
		fault_set(f, APP_CONFLICT, NULL, MSG_ERR_NOTICE_FIXED, 0);
		f->rule = "Art. 7(3)";
		goto fail;
	}
	if (gather(c, &k, manual, nmanual, include_downstream, &rs, f) != APP_OK ||
	    gate_mails(c, &k, &rs, &g, f) != APP_OK)
		goto fail;
	/* Nobody left to send to: the refusal is the answer, and nothing is kept. */
	if (g.nallowed == 0) {
		svc_policy_fault(g.refused, f);
		goto fail;
	}
	memset(&row, 0, sizeof(row));
	row.case_id = k.id;
	row.subject = subject;
	row.body = body;
	row.support_channel = support_channel;
	row.created_by = c->actor != NULL ? c->actor->id : 0;
	row.created_at = c->now;
	mail = mail_body(c, body, support_channel);
	if ((er = store_user_notice_add(c->st, &row, &id)) != APP_OK)
		goto store_fail;
	row.id = id;
	/*
	 * One mail per recipient the gate allows: each outbox row is that
	 * recipient's delivery evidence.  A refused one is kept without a
	 * mail, so that the staff see who was not told and why.
	 */
	for (i = 0; i < rs.n; i++) {
		ob = 0;
		if (g.d[i].allow && (er = store_outbox_add_mail(c->st, rs.v[i].address,
		    subject, mail, c->now, &ob)) != APP_OK)
			goto store_fail;
		rs.v[i].notice_id = id;
		rs.v[i].outbox_id = ob;
		if ((er = store_user_notice_rcpt_add(c->st, &rs.v[i])) != APP_OK)
			goto store_fail;
		if (g.d[i].allow && rs.v[i].org_id != 0)
			ndown++;
	}
	what = arena_printf(c->a, "%zu recipients", g.nallowed);
	if (g.nallowed < rs.n)
		what = arena_printf(c->a, "%s, %zu refused (%s)", what, rs.n - g.nallowed,
		    g.refused->rule);
	if ((er = svc_case_record(c, k.id, "user_notice", "", "", what, "",
	    "case.user_notice", arena_printf(c->a,
	    "id=%lld recipients=%zu downstream=%zu refused=%zu", (long long)id, g.nallowed,
	    ndown, rs.n - g.nallowed))) != APP_OK ||
	    (er = fill_item(c, &row, out)) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK)
		goto store_fail;
	gate_log(c, &g);
	return APP_OK;
store_fail:
	fault_set(f, er, NULL, MSG_ERR_STORE, 0);
fail:
	store_rollback(c->st);
	gate_log(c, &g);
	return f->er;
}

enum app_err
svc_user_notices(const struct svc_ctx *c, const char *case_id,
    struct user_notice_item **out, size_t *n, struct fault *f)
{
	struct case_row		 k;
	struct user_notice_row	*rows;
	size_t			 nrows, i;
	enum app_err		 er;

	*out = NULL;
	*n = 0;
	if ((er = staff_only(c, f)) != APP_OK)
		return er;
	if ((er = store_case_get(c->st, c->a, case_id, &k)) == APP_NOTFOUND)
		return fault_set(f, er, "id", MSG_ERR_NO_SUCH_CASE, 0);
	if (er != APP_OK || (er = store_user_notices(c->st, c->a, k.id, &rows, &nrows)) !=
	    APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	*out = arena_calloc(c->a, nrows + 1, sizeof(**out));
	for (i = 0; i < nrows; i++)
		if ((er = fill_item(c, &rows[i], &(*out)[i])) != APP_OK)
			return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	*n = nrows;
	return APP_OK;
}
