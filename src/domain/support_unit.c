/*
 * Support units (支撑单位, R40): the words, the application's steps, the
 * rating method's criteria, weights, thresholds, award rules and their
 * candidates, certificate numbers and validity (support_unit.h).  Pure.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "core/embed.h"
#include "core/log.h"
#include "core/str.h"
#include "core/utf8.h"
#include "domain/support_unit.h"
#include "domain/user.h"

extern const struct embed_file units_data[];	/* data/units/ */
#define CRITERIA_FILE	"criteria.conf"

#define POINTS_MAX	1000		/* a weight's points at most */
#define THRESHOLD_MAX	1000000000LL	/* a threshold's points at most */
#define AWARD_N_MAX	100000		/* N of topN / minN at most */

static const char *const type_names[UNIT__MAX] = { "technical", "governance" };

static const enum msg_id type_labels[UNIT__MAX] = {
	MSG_UNIT_TYPE_TECHNICAL, MSG_UNIT_TYPE_GOVERNANCE,
};

static const char *const state_names[UAS__MAX] = {
	"material_review", "expert_review", "site_visit", "certification", "announcement",
	"done", "rejected", "withdrawn",
};

static const enum msg_id state_labels[UAS__MAX] = {
	MSG_UAS_MATERIAL_REVIEW, MSG_UAS_EXPERT_REVIEW, MSG_UAS_SITE_VISIT,
	MSG_UAS_CERTIFICATION, MSG_UAS_ANNOUNCEMENT, MSG_UAS_DONE, MSG_UAS_REJECTED,
	MSG_UAS_WITHDRAWN,
};

static const char *const status_names[US__MAX] = { "active", "suspended", "expired", "revoked" };

static const char *const contrib_names[UC__MAX] = {
	"report", "warning", "verification", "assistance",
};

static const char *const award_names[UA__MAX] = {
	"most_contributing", "special_contribution", "practice_advanced", "governance_most",
};

static const enum msg_id award_labels[UA__MAX] = {
	MSG_UNIT_AWARD_MOST_CONTRIBUTING, MSG_UNIT_AWARD_SPECIAL_CONTRIBUTION,
	MSG_UNIT_AWARD_PRACTICE_ADVANCED, MSG_UNIT_AWARD_GOVERNANCE_MOST,
};

static const enum msg_id decl_texts[UNIT_DECLARATIONS] = {
	MSG_UNIT_DECL_1, MSG_UNIT_DECL_2, MSG_UNIT_DECL_3, MSG_UNIT_DECL_4, MSG_UNIT_DECL_5,
};

static const enum msg_id level_labels[4] = {
	MSG_UNIT_LEVEL_1, MSG_UNIT_LEVEL_2, MSG_UNIT_LEVEL_3, MSG_UNIT_LEVEL_4,
};

/* The terms of an award metric, in the bit order of unit_award_rule.terms. */
static const char *const term_names[UNIT_METRIC_TERMS] = {
	"critical", "high", "medium", "low", "reports", "warning", "verification", "assistance",
};

/* The report grades, as the ledger and the weights spell them. */
static const char *const grade_names[4] = { "critical", "high", "medium", "low" };

/* The width of a str for "%.*s", bounded so error sentences stay short. */
static int
w32(struct str s)
{
	return (int)(s.n > 32 ? 32 : s.n);
}

const char *
unit_type_name(enum unit_type t)
{
	return (unsigned)t < UNIT__MAX ? type_names[t] : "?";
}

int
unit_type_parse(struct str s)
{
	return str_index(type_names, UNIT__MAX, s);
}

enum msg_id
unit_type_label(enum unit_type t)
{
	return type_labels[(unsigned)t < UNIT__MAX ? t : UNIT_TECHNICAL];
}

const char *
unit_app_state_name(enum unit_app_state s)
{
	return (unsigned)s < UAS__MAX ? state_names[s] : "?";
}

int
unit_app_state_parse(struct str s)
{
	return str_index(state_names, UAS__MAX, s);
}

enum msg_id
unit_app_state_label(enum unit_app_state s)
{
	return state_labels[(unsigned)s < UAS__MAX ? s : UAS_MATERIAL_REVIEW];
}

int
unit_app_next(enum unit_app_state s)
{
	switch (s) {
	case UAS_MATERIAL_REVIEW:
		return UAS_EXPERT_REVIEW;
	case UAS_EXPERT_REVIEW:
		return UAS_SITE_VISIT;
	case UAS_SITE_VISIT:
		return UAS_CERTIFICATION;
	case UAS_CERTIFICATION:
		return UAS_ANNOUNCEMENT;
	case UAS_ANNOUNCEMENT:
		return UAS_DONE;
	default:
		return -1;
	}
}

bool
unit_app_decidable(enum unit_app_state s)
{
	return unit_app_next(s) >= 0;
}

bool
unit_app_can_fail(enum unit_app_state s)
{
	return s == UAS_MATERIAL_REVIEW || s == UAS_EXPERT_REVIEW || s == UAS_SITE_VISIT;
}

bool
unit_app_withdrawable(enum unit_app_state s)
{
	/* Once certified the unit exists: it ends by revocation, not withdrawal. */
	return s == UAS_MATERIAL_REVIEW || s == UAS_EXPERT_REVIEW || s == UAS_SITE_VISIT ||
	    s == UAS_CERTIFICATION;
}

const char *
unit_status_name(enum unit_status s)
{
	return (unsigned)s < US__MAX ? status_names[s] : "?";
}

int
unit_status_parse(struct str s)
{
	return str_index(status_names, US__MAX, s);
}

enum msg_id
unit_declaration_text(int i)
{
	return decl_texts[i >= 0 && i < UNIT_DECLARATIONS ? i : 0];
}

const char *
unit_contrib_name(enum unit_contrib k)
{
	return (unsigned)k < UC__MAX ? contrib_names[k] : "?";
}

int
unit_contrib_parse(struct str s)
{
	return str_index(contrib_names, UC__MAX, s);
}

int
unit_grade_parse(struct str s)
{
	return str_index(grade_names, 4, s);
}

/* --- the rating method --- */

static bool
criterion_key_ok(struct str k)
{
	size_t	i;

	if (k.n == 0 || k.n > 32)
		return false;
	for (i = 0; i < k.n; i++) {
		char c = k.p[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
			return false;
	}
	return true;
}

/* Digits only, 1..len digits, into *v: 0, or -1. */
static int
number(struct str s, int64_t max, int64_t *v)
{
	size_t	i;

	*v = 0;
	if (s.n == 0 || s.n > 12)
		return -1;
	for (i = 0; i < s.n; i++) {
		if (s.p[i] < '0' || s.p[i] > '9')
			return -1;
		*v = *v * 10 + (s.p[i] - '0');
	}
	return *v <= max ? 0 : -1;
}

static int
label_copy(char *dst, size_t size, struct str s)
{
	if (s.n == 0 || s.n >= size || !utf8_text(s.p, s.n, false))
		return -1;
	memcpy(dst, s.p, s.n);
	dst[s.n] = '\0';
	return 0;
}

static int
criterion_line(struct str line, int lineno, struct unit_criterion *c, char *err, size_t errsz)
{
	struct str	col[5];
	int64_t		v;
	int		i, bars;

	for (i = 0, bars = 0; i < (int)line.n; i++)
		bars += line.p[i] == '|';
	if (bars != 4) {
		snprintf(err, errsz, "line %d: %s than 5 fields separated by '|' "
		    "(key|type|max|zh label|en label)", lineno, bars < 4 ? "fewer" : "more");
		return -1;
	}
	for (i = 0; i < 5; i++)
		col[i] = str_trim(i < 4 ? str_split(&line, '|') : line);
	if (!criterion_key_ok(col[0])) {
		snprintf(err, errsz, "line %d: a key is 1-32 of a-z, 0-9 and '_'", lineno);
		return -1;
	}
	memcpy(c->key, col[0].p, col[0].n);
	c->key[col[0].n] = '\0';
	if (str_eq(col[1], "any"))
		c->type = -1;
	else if ((c->type = unit_type_parse(col[1])) < 0) {
		snprintf(err, errsz, "line %d: unknown type '%.*s' (technical, governance or "
		    "any)", lineno, w32(col[1]), col[1].p);
		return -1;
	}
	if (number(col[2], 1000, &v) != 0 || v < 1) {
		snprintf(err, errsz, "line %d: max is a whole number of points, 1 to 1000",
		    lineno);
		return -1;
	}
	c->max = (int)v;
	if (label_copy(c->zh, sizeof(c->zh), col[3]) != 0 ||
	    label_copy(c->en, sizeof(c->en), col[4]) != 0) {
		snprintf(err, errsz, "line %d: both labels (中文, English) are needed, one "
		    "line of UTF-8, at most %zu bytes", lineno, sizeof(c->zh) - 1);
		return -1;
	}
	return 0;
}

int
unit_criteria_parse(const char *text, size_t len, struct unit_criteria *out, char *err,
    size_t errsz)
{
	struct str	rest = { text, len }, line;
	size_t		j;
	int		lineno = 0, types = 0;

	memset(out, 0, sizeof(*out));
	if (!utf8_valid(text, len)) {
		snprintf(err, errsz, "the rating method is not UTF-8");
		return -1;
	}
	while (rest.n > 0) {
		lineno++;
		line = str_split(&rest, '\n');
		if (line.n > 0 && line.p[line.n - 1] == '\r')
			line.n--;
		line = str_trim(line);
		if (line.n == 0 || line.p[0] == '#')
			continue;
		if (out->n == UNIT_CRITERIA_MAX) {
			snprintf(err, errsz, "line %d: more than %d criteria", lineno,
			    UNIT_CRITERIA_MAX);
			return -1;
		}
		if (criterion_line(line, lineno, &out->c[out->n], err, errsz) != 0)
			return -1;
		for (j = 0; j < out->n; j++)
			if (strcmp(out->c[j].key, out->c[out->n].key) == 0) {
				snprintf(err, errsz, "line %d: the key '%s' is used twice", lineno,
				    out->c[j].key);
				return -1;
			}
		out->n++;
	}
	/* Each type must have something to be scored against. */
	for (j = 0; j < out->n; j++)
		types |= out->c[j].type < 0 ? 3 : 1 << out->c[j].type;
	if (types != 3) {
		snprintf(err, errsz, "the rating method needs criteria for both types "
		    "(technical and governance, or any)");
		return -1;
	}
	return 0;
}

void
unit_criteria_builtin_text(const char **text, size_t *len)
{
	const struct embed_file	*f = embed_find(units_data, CRITERIA_FILE);

	/* The build embeds it: its absence is a build error, not a user's. */
	*text = f != NULL ? (const char *)f->data : "";
	*len = f != NULL ? f->len : 0;
}

static pthread_once_t		builtin_once = PTHREAD_ONCE_INIT;
static struct unit_criteria	builtin_criteria;

static void
builtin_load(void)
{
	const char	*text;
	size_t		 len;
	char		 err[256];

	unit_criteria_builtin_text(&text, &len);
	if (unit_criteria_parse(text, len, &builtin_criteria, err, sizeof(err)) != 0) {
		/* A build defect, not input: the file is compiled in and tested. */
		log_err("event=unit_criteria_bad file=%s error=\"%s\"", CRITERIA_FILE, err);
		abort();
	}
}

const struct unit_criteria *
unit_criteria_builtin(void)
{
	if (pthread_once(&builtin_once, builtin_load) != 0)
		abort();
	return &builtin_criteria;
}

bool
unit_criterion_applies(const struct unit_criterion *c, enum unit_type t)
{
	return c->type < 0 || c->type == (int)t;
}

const struct unit_criterion *
unit_criterion_find(const struct unit_criteria *cs, enum unit_type t, const char *key)
{
	size_t	i;

	for (i = 0; i < cs->n; i++)
		if (strcmp(cs->c[i].key, key) == 0 && unit_criterion_applies(&cs->c[i], t))
			return &cs->c[i];
	return NULL;
}

/* --- weights, points, thresholds, levels --- */

int
unit_weights_parse(const char *text, struct unit_weights *out, char *err, size_t errsz)
{
	static const char *const keys[7] = {
		"critical", "high", "medium", "low", "warning", "verification", "assistance",
	};
	int		*slot[7];
	bool		 seen[7] = { false };
	struct str	 rest = str_from(text), item, k;
	const char	*eq;
	int64_t		 v;
	int		 i;

	memset(out, 0, sizeof(*out));
	slot[0] = &out->critical;
	slot[1] = &out->high;
	slot[2] = &out->medium;
	slot[3] = &out->low;
	slot[4] = &out->warning;
	slot[5] = &out->verification;
	slot[6] = &out->assistance;
	while (rest.n > 0) {
		item = str_trim(str_split(&rest, ','));
		eq = item.n > 0 ? memchr(item.p, '=', item.n) : NULL;
		if (eq == NULL) {
			snprintf(err, errsz, "'%.*s' is not key=points", w32(item), item.p);
			return -1;
		}
		k = str_trim((struct str){ item.p, (size_t)(eq - item.p) });
		if ((i = str_index(keys, 7, k)) < 0) {
			snprintf(err, errsz, "unknown weight '%.*s' (critical, high, medium, low, "
			    "warning, verification, assistance)", w32(k), k.p);
			return -1;
		}
		if (seen[i]) {
			snprintf(err, errsz, "the weight '%s' is given twice", keys[i]);
			return -1;
		}
		if (number(str_trim((struct str){ eq + 1, item.n - (size_t)(eq + 1 - item.p) }),
		    POINTS_MAX, &v) != 0) {
			snprintf(err, errsz, "the weight '%s' must be 0 to %d points", keys[i],
			    POINTS_MAX);
			return -1;
		}
		seen[i] = true;
		*slot[i] = (int)v;
	}
	for (i = 0; i < 7; i++)
		if (!seen[i]) {
			snprintf(err, errsz, "the weight '%s' is missing (every kind needs one)",
			    keys[i]);
			return -1;
		}
	return 0;
}

static int
lowest_report(const struct unit_weights *w)
{
	int	m = w->critical;

	if (w->high < m)
		m = w->high;
	if (w->medium < m)
		m = w->medium;
	if (w->low < m)
		m = w->low;
	return m;
}

int
unit_weight_of(const struct unit_weights *w, enum unit_contrib k, const char *grade)
{
	switch (k) {
	case UC_REPORT:
		switch (grade != NULL ? unit_grade_parse(str_from(grade)) : -1) {
		case 0:
			return w->critical;
		case 1:
			return w->high;
		case 2:
			return w->medium;
		case 3:
			return w->low;
		default:
			return lowest_report(w);
		}
	case UC_WARNING:
		return w->warning;
	case UC_VERIFICATION:
		return w->verification;
	case UC_ASSISTANCE:
		return w->assistance;
	default:
		return 0;
	}
}

int64_t
unit_points(const struct unit_weights *w, const struct unit_counts *c)
{
	return c->critical * w->critical + c->high * w->high + c->medium * w->medium +
	    c->low * w->low + c->ungraded * lowest_report(w) + c->warning * w->warning +
	    c->verification * w->verification + c->assistance * w->assistance;
}

int
unit_thresholds_parse(const char *text, struct unit_thresholds *out, char *err, size_t errsz)
{
	struct str	rest = str_from(text), item;
	int64_t		v;
	int		n = 0;

	memset(out, 0, sizeof(*out));
	while (rest.n > 0 || n == 0) {
		item = str_trim(str_split(&rest, ','));
		if (n == 4) {
			snprintf(err, errsz, "more than four thresholds (一星, 二星, 三星, 四星)");
			return -1;
		}
		if (number(item, THRESHOLD_MAX, &v) != 0) {
			snprintf(err, errsz, "threshold %d ('%.*s') is not a whole number of "
			    "points from 0 to %lld", n + 1, w32(item), item.p,
			    (long long)THRESHOLD_MAX);
			return -1;
		}
		if (n > 0 && v <= out->star[n - 1]) {
			snprintf(err, errsz, "threshold %d (%lld) must be above threshold %d "
			    "(%lld): they ascend", n + 1, (long long)v, n,
			    (long long)out->star[n - 1]);
			return -1;
		}
		out->star[n++] = v;
	}
	if (n != 4) {
		snprintf(err, errsz, "four thresholds are needed (一星, 二星, 三星, 四星), "
		    "not %d", n);
		return -1;
	}
	return 0;
}

int
unit_level_for(const struct unit_thresholds *t, int64_t points, bool *below)
{
	int	level = 1, i;

	for (i = 3; i >= 0; i--)
		if (points >= t->star[i]) {
			level = i + 1;
			break;
		}
	if (below != NULL)
		*below = points < t->star[0];
	return level;
}

enum msg_id
unit_level_label(int level)
{
	if (level < 1)
		level = 1;
	if (level > 4)
		level = 4;
	return level_labels[level - 1];
}

int64_t
unit_next_threshold(const struct unit_thresholds *t, int level)
{
	return level >= 1 && level < 4 ? t->star[level] : -1;
}

/* --- awards --- */

const char *
unit_award_name(enum unit_award a)
{
	return (unsigned)a < UA__MAX ? award_names[a] : "?";
}

int
unit_award_parse(struct str s)
{
	return str_index(award_names, UA__MAX, s);
}

enum msg_id
unit_award_label(enum unit_award a)
{
	return award_labels[(unsigned)a < UA__MAX ? a : 0];
}

static int
award_rule(struct str item, struct unit_award_rules *out, char *err, size_t errsz)
{
	struct unit_award_rule	*r;
	const char		*eq;
	struct str		 name, rest, type, metric, sel, term;
	int64_t			 n;
	int			 a, t;

	eq = item.n > 0 ? memchr(item.p, '=', item.n) : NULL;
	if (eq == NULL) {
		snprintf(err, errsz, "'%.*s' is not award=type:metric:selector", w32(item),
		    item.p);
		return -1;
	}
	name = str_trim((struct str){ item.p, (size_t)(eq - item.p) });
	if ((a = unit_award_parse(name)) < 0) {
		snprintf(err, errsz, "unknown award '%.*s' (most_contributing, "
		    "special_contribution, practice_advanced, governance_most)", w32(name),
		    name.p);
		return -1;
	}
	r = &out->r[a];
	if (r->set) {
		snprintf(err, errsz, "the award '%s' has two rules", award_names[a]);
		return -1;
	}
	rest = str_trim((struct str){ eq + 1, item.n - (size_t)(eq + 1 - item.p) });
	type = str_trim(str_split(&rest, ':'));
	metric = str_trim(str_split(&rest, ':'));
	sel = str_trim(rest);
	if (memchr(sel.p, ':', sel.n) != NULL || sel.n == 0 || metric.n == 0) {
		snprintf(err, errsz, "%s: the rule is type:metric:selector", award_names[a]);
		return -1;
	}
	if (str_eq(type, "any"))
		r->type = -1;
	else if ((r->type = unit_type_parse(type)) < 0) {
		snprintf(err, errsz, "%s: unknown type '%.*s' (technical, governance or any)",
		    award_names[a], w32(type), type.p);
		return -1;
	}
	if (str_eq(metric, "points"))
		r->points = true;
	else
		while (metric.n > 0) {
			term = str_trim(str_split(&metric, '+'));
			if ((t = str_index(term_names, UNIT_METRIC_TERMS, term)) < 0) {
				snprintf(err, errsz, "%s: unknown metric '%.*s' (points, or a sum "
				    "of critical, high, medium, low, reports, warning, "
				    "verification, assistance)", award_names[a], w32(term), term.p);
				return -1;
			}
			if (r->terms & (1u << t)) {
				snprintf(err, errsz, "%s: the metric names '%s' twice",
				    award_names[a], term_names[t]);
				return -1;
			}
			r->terms |= 1u << t;
		}
	if (str_has_prefix(sel, "top"))
		r->top = true;
	else if (!str_has_prefix(sel, "min")) {
		snprintf(err, errsz, "%s: the selector is topN or minN, not '%.*s'",
		    award_names[a], w32(sel), sel.p);
		return -1;
	}
	if (number((struct str){ sel.p + 3, sel.n - 3 }, AWARD_N_MAX, &n) != 0 || n < 1) {
		snprintf(err, errsz, "%s: N of the selector is 1 to %d", award_names[a],
		    AWARD_N_MAX);
		return -1;
	}
	r->n = n;
	r->set = true;
	return 0;
}

int
unit_award_rules_parse(const char *text, struct unit_award_rules *out, char *err,
    size_t errsz)
{
	struct str	rest = str_from(text), item;

	memset(out, 0, sizeof(*out));
	while (rest.n > 0) {
		item = str_trim(str_split(&rest, ','));
		if (item.n == 0) {
			snprintf(err, errsz, "an empty rule (two commas in a row)");
			return -1;
		}
		if (award_rule(item, out, err, errsz) != 0)
			return -1;
	}
	return 0;
}

int64_t
unit_award_metric(const struct unit_award_rule *r, const struct unit_standing *s)
{
	const struct unit_counts	*c = &s->counts;
	const int64_t			 v[UNIT_METRIC_TERMS] = {
		c->critical, c->high, c->medium, c->low,
		c->critical + c->high + c->medium + c->low,
		c->warning, c->verification, c->assistance,
	};
	int64_t				 sum = 0;
	int				 i;

	if (r->points)
		return s->points;
	for (i = 0; i < UNIT_METRIC_TERMS; i++)
		if (r->terms & (1u << i))
			sum += v[i];
	return sum;
}

/*
 * Candidates of one award: metric descending, then unit id (insertion
 * sort: qsort's comparator would need the standings in a global).
 */
static void
cand_sort(struct unit_candidate *c, size_t n, const struct unit_standing *s)
{
	struct unit_candidate	tmp;
	size_t			i, j;

	for (i = 1; i < n; i++) {
		tmp = c[i];
		for (j = i; j > 0; j--) {
			bool	after;

			if (c[j - 1].metric != tmp.metric)
				after = c[j - 1].metric < tmp.metric;
			else
				after = s[c[j - 1].idx].unit_id > s[tmp.idx].unit_id;
			if (!after)
				break;
			c[j] = c[j - 1];
		}
		c[j] = tmp;
	}
}

size_t
unit_award_candidates(const struct unit_award_rules *rules, const struct unit_standing *s,
    size_t n, struct unit_candidate *out)
{
	const struct unit_award_rule	*r;
	size_t				 total = 0, first, k, i, kept;
	int				 a;

	for (a = 0; a < UA__MAX; a++) {
		r = &rules->r[a];
		if (!r->set)
			continue;
		first = total;
		for (i = 0; i < n; i++) {
			int64_t	m;

			if (r->type >= 0 && (int)s[i].type != r->type)
				continue;
			if ((m = unit_award_metric(r, &s[i])) <= 0)
				continue;
			if (!r->top && m < r->n)
				continue;
			out[total].award = (enum unit_award)a;
			out[total].idx = i;
			out[total].metric = m;
			out[total].rank = 0;
			total++;
		}
		cand_sort(out + first, total - first, s);
		/* Competition ranking: equal metrics share a rank, the next skips. */
		for (k = first; k < total; k++)
			out[k].rank = k > first && out[k].metric == out[k - 1].metric ?
			    out[k - 1].rank : (int)(k - first + 1);
		if (r->top) {
			for (kept = first; kept < total && out[kept].rank <= r->n; kept++)
				;
			total = kept;
		}
	}
	return total;
}

/* --- certificates --- */

bool
unit_cert_number(char *buf, size_t size, const char *prefix, int year, int64_t seq)
{
	int	n;

	if (buf == NULL || size == 0 || year < 0 || year > 9999 || seq < 0)
		return false;
	n = snprintf(buf, size, "%s%04d%04lld", prefix != NULL ? prefix : "", year,
	    (long long)seq);
	if (n < 0 || (size_t)n >= size) {
		buf[0] = '\0';
		return false;
	}
	return true;
}

static int
month_days(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

bool
unit_valid_until(const char *ymd, int months, char out[11])
{
	int64_t	day;
	int	y, m, d, len;
	int64_t	mm;

	out[0] = '\0';
	if (ymd == NULL || months < 0 || months > 12 * 1000 ||
	    date_parse(ymd, strlen(ymd), &day) != 0)
		return false;
	date_to_ymd(day, &y, &m, &d);
	mm = (int64_t)y * 12 + (m - 1) + months;
	y = (int)(mm / 12);
	m = (int)(mm % 12) + 1;
	if (y > 9999)
		return false;
	len = month_days(y, m);
	/*
	 * The period ends the day before the same day of the target month;
	 * a month without that day ends it on its last day.
	 */
	if (d > len)
		day = date_from_ymd(y, m, len);
	else
		day = date_from_ymd(y, m, d) - 1;
	date_format(day, out, 11);
	return true;
}

/* --- the application's check --- */

/* Only ASCII white space: nothing was said. */
static bool
blank(const char *s)
{
	if (s == NULL)
		return true;
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return false;
	return true;
}

static void
problem(struct unit_problem *p, size_t max, size_t *n, const char *field, enum msg_id m)
{
	if (*n < max) {
		p[*n].field = field;
		p[*n].msg = m;
	}
	(*n)++;
}

/* A text field: MSG_OK when fine (or absent and optional). */
static enum msg_id
text_check(const char *s, bool required, size_t max, bool lines)
{
	size_t	n;

	if (blank(s))
		return required ? MSG_ERR_FIELD_MISSING : MSG_OK;
	n = strlen(s);
	if (!utf8_text(s, n, lines))
		return lines ? MSG_ERR_FIELD_ENCODING : MSG_ERR_NOTICE_ONE_LINE;
	if (utf8_count(s, n) > max)
		return MSG_ERR_FIELD_TOO_LONG;
	return MSG_OK;
}

static void
text_field(struct unit_problem *p, size_t max, size_t *n, const char *field, const char *s,
    bool required, size_t len, bool lines)
{
	enum msg_id	m = text_check(s, required, len, lines);

	if (m != MSG_OK)
		problem(p, max, n, field, m);
}

bool
unit_credit_code_ok(const char *s)
{
	/* GB 32100-2015: 31 characters (no I, O, S, V, Z), weights 3^i mod 31. */
	static const char	alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	static const int	weight[17] = {
		1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
	};
	const char		*q;
	int			 sum = 0, i, check;

	if (s == NULL || strlen(s) != 18)
		return false;
	for (i = 0; i < 18; i++)
		if (s[i] == '\0' || strchr(alphabet, s[i]) == NULL)
			return false;
	for (i = 0; i < 17; i++) {
		q = strchr(alphabet, s[i]);
		sum += (int)(q - alphabet) * weight[i];
	}
	check = 31 - sum % 31;
	if (check == 31)
		check = 0;
	return alphabet[check] == s[17];
}

bool
unit_phone_ok(const char *s)
{
	size_t	i, n, digits = 0;

	if (s == NULL || (n = strlen(s)) < 5 || n > 32)
		return false;
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c >= '0' && c <= '9')
			digits++;
		else if (!(c == ' ' || c == '-' || c == '(' || c == ')' || (c == '+' && i == 0)))
			return false;
	}
	return digits >= 5;
}

size_t
unit_app_check(const struct unit_app_in *in, const struct unit_criteria *cs,
    struct unit_problem *p, size_t max, char *fields, enum unit_type *type, int *self_score)
{
	const struct unit_criterion	*cr;
	static const char *const	 decl_fields[UNIT_DECLARATIONS] = {
		"declarations.1", "declarations.2", "declarations.3", "declarations.4",
		"declarations.5",
	};
	size_t				 n = 0, i, j, nf = 0;
	int				 t = -1, sum = 0;
	bool				 given;
	char				*f;

	/* A field name of the evidence, in the caller's buffer (max of them). */
#define EVIDENCE_FIELD(key, part) \
	(nf < max ? (f = fields + 48 * nf++, snprintf(f, 48, "evidence.%.24s.%s", (key), \
	    (part)), (const char *)f) : "evidence")

	if (blank(in->type))
		problem(p, max, &n, "type", MSG_ERR_FIELD_MISSING);
	else if ((t = unit_type_parse(str_from(in->type))) < 0)
		problem(p, max, &n, "type", MSG_ERR_UNIT_TYPE);
	text_field(p, max, &n, "unit_name", in->unit_name, true, UNIT_NAME_MAX, false);
	if (blank(in->credit_code))
		problem(p, max, &n, "credit_code", MSG_ERR_FIELD_MISSING);
	else if (!unit_credit_code_ok(in->credit_code))
		problem(p, max, &n, "credit_code", MSG_ERR_UNIT_CREDIT_CODE);
	text_field(p, max, &n, "address", in->address, true, UNIT_ADDRESS_MAX, false);
	text_field(p, max, &n, "contact.name", in->contact_name, true, UNIT_CONTACT_MAX, false);
	if (blank(in->contact_phone))
		problem(p, max, &n, "contact.phone", MSG_ERR_FIELD_MISSING);
	else if (!unit_phone_ok(in->contact_phone))
		problem(p, max, &n, "contact.phone", MSG_ERR_UNIT_PHONE);
	if (blank(in->contact_email))
		problem(p, max, &n, "contact.email", MSG_ERR_FIELD_MISSING);
	else if (user_email_check(str_from(in->contact_email)) != MSG_OK)
		problem(p, max, &n, "contact.email", MSG_ERR_UNIT_EMAIL);
	if (in->team_size < 1 || in->team_size > UNIT_TEAM_SIZE_MAX)
		problem(p, max, &n, "team.size", in->team_size == 0 ? MSG_ERR_FIELD_MISSING :
		    MSG_ERR_UNIT_TEAM_SIZE);
	text_field(p, max, &n, "team.description", in->team_description, true, UNIT_TEAM_MAX,
	    true);
	text_field(p, max, &n, "team.certificates", in->team_certificates, false,
	    UNIT_TEAM_MAX, true);

	/* The evidence: known criteria of the type, once each, scores within their max. */
	for (i = 0; i < in->nevidence; i++) {
		const struct unit_evidence_in	*e = &in->evidence[i];
		const char			*key = e->criterion != NULL ? e->criterion : "";

		cr = NULL;
		for (j = 0; j < cs->n; j++)
			if (strcmp(cs->c[j].key, key) == 0)
				cr = &cs->c[j];
		if (cr == NULL || (t >= 0 && !unit_criterion_applies(cr, (enum unit_type)t))) {
			problem(p, max, &n, EVIDENCE_FIELD(key, "criterion"),
			    MSG_ERR_UNIT_CRITERION);
			continue;
		}
		for (j = 0; j < i; j++)
			if (in->evidence[j].criterion != NULL &&
			    strcmp(in->evidence[j].criterion, key) == 0)
				break;
		if (j < i) {
			problem(p, max, &n, EVIDENCE_FIELD(key, "criterion"),
			    MSG_ERR_UNIT_CRITERION_TWICE);
			continue;
		}
		if (!e->has_score)
			problem(p, max, &n, EVIDENCE_FIELD(key, "score"), MSG_ERR_FIELD_MISSING);
		else if (e->score < 0 || e->score > cr->max)
			problem(p, max, &n, EVIDENCE_FIELD(key, "score"), MSG_ERR_UNIT_SCORE);
		else
			sum += (int)e->score;
		text_field(p, max, &n, EVIDENCE_FIELD(key, "text"), e->text, true,
		    UNIT_EVIDENCE_MAX, true);
	}
	/* Every criterion of the type needs its evidence, even a score of 0. */
	if (t >= 0)
		for (j = 0; j < cs->n; j++) {
			if (!unit_criterion_applies(&cs->c[j], (enum unit_type)t))
				continue;
			for (given = false, i = 0; i < in->nevidence; i++)
				if (in->evidence[i].criterion != NULL &&
				    strcmp(in->evidence[i].criterion, cs->c[j].key) == 0)
					given = true;
			if (!given)
				problem(p, max, &n, EVIDENCE_FIELD(cs->c[j].key, "text"),
				    MSG_ERR_UNIT_EVIDENCE_MISSING);
		}
	/* 遴选条件（一）–（五）: each declared. */
	for (i = 0; i < UNIT_DECLARATIONS; i++)
		if (!in->declarations[i])
			problem(p, max, &n, decl_fields[i], MSG_ERR_UNIT_DECLARATION);
#undef EVIDENCE_FIELD
	if (n == 0) {
		*type = (enum unit_type)t;
		*self_score = sum;
	}
	return n;
}
