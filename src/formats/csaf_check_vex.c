/*
 * The CSAF 2.0 mandatory tests on /vulnerabilities (see formats.h):
 * scores (6.1.7 - 6.1.10), CWE (6.1.11), the profile tests (6.1.27.x, most of them for
 * VEX documents) and flags (6.1.32, 6.1.33).  The run's state and the
 * shared helpers are in csaf_check_int.h.
 *
 * struct csaf_finding.test holds 8 bytes, too few for "6.1.27.10", so the
 * profile tests are filed as "6.1.27" and their message starts with the
 * full test number.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/cvss.h"
#include "formats/csaf_check_int.h"

/* A CVSS metric: its JSON property, its key in the vector and their values. */
struct metric {
	const char	*prop;
	const char	*key;
	const char	*codes[7];	/* in the vector, NULL-terminated */
	const char	*words[7];	/* of the property, in the same order */
};

#define V3_CIA	{ "N", "L", "H" }, { "NONE", "LOW", "HIGH" }
#define V3_MCIA	{ "X", "N", "L", "H" }, { "NOT_DEFINED", "NONE", "LOW", "HIGH" }
#define V3_REQ	{ "X", "L", "M", "H" }, { "NOT_DEFINED", "LOW", "MEDIUM", "HIGH" }

/* FIRST's cvss-v3.0.json and cvss-v3.1.json (the same metrics). */
static const struct metric v3_metrics[] = {
	{ "attackVector", "AV", { "N", "A", "L", "P" },
	    { "NETWORK", "ADJACENT_NETWORK", "LOCAL", "PHYSICAL" } },
	{ "attackComplexity", "AC", { "L", "H" }, { "LOW", "HIGH" } },
	{ "privilegesRequired", "PR", V3_CIA },
	{ "userInteraction", "UI", { "N", "R" }, { "NONE", "REQUIRED" } },
	{ "scope", "S", { "U", "C" }, { "UNCHANGED", "CHANGED" } },
	{ "confidentialityImpact", "C", V3_CIA },
	{ "integrityImpact", "I", V3_CIA },
	{ "availabilityImpact", "A", V3_CIA },
	{ "exploitCodeMaturity", "E", { "X", "U", "P", "F", "H" },
	    { "NOT_DEFINED", "UNPROVEN", "PROOF_OF_CONCEPT", "FUNCTIONAL", "HIGH" } },
	{ "remediationLevel", "RL", { "X", "O", "T", "W", "U" },
	    { "NOT_DEFINED", "OFFICIAL_FIX", "TEMPORARY_FIX", "WORKAROUND", "UNAVAILABLE" } },
	{ "reportConfidence", "RC", { "X", "U", "R", "C" },
	    { "NOT_DEFINED", "UNKNOWN", "REASONABLE", "CONFIRMED" } },
	{ "confidentialityRequirement", "CR", V3_REQ },
	{ "integrityRequirement", "IR", V3_REQ },
	{ "availabilityRequirement", "AR", V3_REQ },
	{ "modifiedAttackVector", "MAV", { "X", "N", "A", "L", "P" },
	    { "NOT_DEFINED", "NETWORK", "ADJACENT_NETWORK", "LOCAL", "PHYSICAL" } },
	{ "modifiedAttackComplexity", "MAC", { "X", "L", "H" },
	    { "NOT_DEFINED", "LOW", "HIGH" } },
	{ "modifiedPrivilegesRequired", "MPR", V3_MCIA },
	{ "modifiedUserInteraction", "MUI", { "X", "N", "R" },
	    { "NOT_DEFINED", "NONE", "REQUIRED" } },
	{ "modifiedScope", "MS", { "X", "U", "C" }, { "NOT_DEFINED", "UNCHANGED", "CHANGED" } },
	{ "modifiedConfidentialityImpact", "MC", V3_MCIA },
	{ "modifiedIntegrityImpact", "MI", V3_MCIA },
	{ "modifiedAvailabilityImpact", "MA", V3_MCIA },
};

#define V2_CIA	{ "N", "P", "C" }, { "NONE", "PARTIAL", "COMPLETE" }
#define V2_REQ	{ "L", "M", "H", "ND" }, { "LOW", "MEDIUM", "HIGH", "NOT_DEFINED" }

/* FIRST's cvss-v2.0.json. */
static const struct metric v2_metrics[] = {
	{ "accessVector", "AV", { "L", "A", "N" }, { "LOCAL", "ADJACENT_NETWORK", "NETWORK" } },
	{ "accessComplexity", "AC", { "H", "M", "L" }, { "HIGH", "MEDIUM", "LOW" } },
	{ "authentication", "Au", { "M", "S", "N" }, { "MULTIPLE", "SINGLE", "NONE" } },
	{ "confidentialityImpact", "C", V2_CIA },
	{ "integrityImpact", "I", V2_CIA },
	{ "availabilityImpact", "A", V2_CIA },
	{ "exploitability", "E", { "U", "POC", "F", "H", "ND" },
	    { "UNPROVEN", "PROOF_OF_CONCEPT", "FUNCTIONAL", "HIGH", "NOT_DEFINED" } },
	{ "remediationLevel", "RL", { "OF", "TF", "W", "U", "ND" },
	    { "OFFICIAL_FIX", "TEMPORARY_FIX", "WORKAROUND", "UNAVAILABLE", "NOT_DEFINED" } },
	{ "reportConfidence", "RC", { "UC", "UR", "C", "ND" },
	    { "UNCONFIRMED", "UNCORROBORATED", "CONFIRMED", "NOT_DEFINED" } },
	{ "collateralDamagePotential", "CDP", { "N", "L", "LM", "MH", "H", "ND" },
	    { "NONE", "LOW", "LOW_MEDIUM", "MEDIUM_HIGH", "HIGH", "NOT_DEFINED" } },
	{ "targetDistribution", "TD", { "N", "L", "M", "H", "ND" },
	    { "NONE", "LOW", "MEDIUM", "HIGH", "NOT_DEFINED" } },
	{ "confidentialityRequirement", "CR", V2_REQ },
	{ "integrityRequirement", "IR", V2_REQ },
	{ "availabilityRequirement", "AR", V2_REQ },
};

/* One kind of CVSS object: its metrics, scores and severities. */
struct cvss_kind {
	const struct metric	*metrics;
	size_t			 nmetrics;
	bool			 v3;
};

static const struct cvss_kind kind_v2 = { v2_metrics, sizeof(v2_metrics) /
	sizeof(v2_metrics[0]), false };
static const struct cvss_kind kind_v3 = { v3_metrics, sizeof(v3_metrics) /
	sizeof(v3_metrics[0]), true };

static const char *const score_props[] = { "baseScore", "temporalScore", "environmentalScore" };
static const char *const severity_props[] = {
	"baseSeverity", "temporalSeverity", "environmentalSeverity",
};
static const char *const severity_words[] = { "NONE", "LOW", "MEDIUM", "HIGH", "CRITICAL" };

static int
word_index(const char *const *list, size_t n, const char *w)
{
	for (size_t i = 0; w != NULL && i < n && list[i] != NULL; i++)
		if (strcmp(list[i], w) == 0)
			return (int)i;
	return -1;
}

/* The value the vector gives key ("" if none); first occurrence. */
static void
vector_value(const char *vec, const char *key, char *val, size_t size)
{
	size_t		 klen = strlen(key), n;
	const char	*s, *e;

	*val = '\0';
	for (s = vec; *s != '\0'; s = *e == '/' ? e + 1 : e) {
		if ((e = strchr(s, '/')) == NULL)
			e = s + strlen(s);
		if ((size_t)(e - s) > klen && strncmp(s, key, klen) == 0 && s[klen] == ':') {
			n = (size_t)(e - s) - klen - 1;
			snprintf(val, size, "%.*s", (int)(n < size ? n : size - 1), s + klen + 1);
			return;
		}
	}
}

/* Whether vec is metric:value/… with known metrics and values (the schema's pattern). */
static bool
vector_form(const char *vec, const struct cvss_kind *k)
{
	const char	*s, *e, *colon;
	size_t		 i;

	if (*vec == '\0')
		return false;
	for (s = vec; *s != '\0'; s = e + 1) {
		bool known = false;

		if ((e = strchr(s, '/')) == NULL)
			e = s + strlen(s);
		if ((colon = memchr(s, ':', (size_t)(e - s))) == NULL)
			return false;
		for (i = 0; i < k->nmetrics && !known; i++) {
			const struct metric *m = &k->metrics[i];

			if (strlen(m->key) != (size_t)(colon - s) ||
			    strncmp(m->key, s, (size_t)(colon - s)) != 0)
				continue;
			for (size_t j = 0; m->codes[j] != NULL && !known; j++)
				known = strlen(m->codes[j]) == (size_t)(e - colon - 1) &&
				    strncmp(m->codes[j], colon + 1, (size_t)(e - colon - 1)) == 0;
		}
		if (!known)
			return false;
		if (*e == '\0')
			break;
	}
	return s[strlen(s) - 1] != '/';
}

/* The schema's complaint about a CVSS object, or NULL (6.1.8). */
static const char *
cvss_schema_problem(const json_t *o, const struct cvss_kind *k, char *buf, size_t size)
{
	const char	*ver = csaf_str(o, "version"), *vec = csaf_str(o, "vectorString");
	const char	*prefix;
	size_t		 i;

	if (!json_is_object(o))
		return "is not an object";
	if (ver == NULL)
		return "has no version";
	if (k->v3 ? strcmp(ver, "3.0") != 0 && strcmp(ver, "3.1") != 0 : strcmp(ver, "2.0") != 0)
		return "has an unknown version";
	if (vec == NULL)
		return "has no vectorString";
	prefix = strcmp(ver, "3.0") == 0 ? "CVSS:3.0/" : strcmp(ver, "3.1") == 0 ? "CVSS:3.1/" : "";
	if (strncmp(vec, prefix, strlen(prefix)) != 0 || !vector_form(vec + strlen(prefix), k))
		return "has a vectorString that does not match its version's pattern";
	for (i = 0; i < 3; i++) {
		const json_t *s = json_object_get(o, score_props[i]);
		const json_t *sev = json_object_get(o, severity_props[i]);

		if (s == NULL && i == 0)
			return "has no baseScore";
		if (s != NULL && (!json_is_number(s) || json_number_value(s) < 0 ||
		    json_number_value(s) > 10)) {
			snprintf(buf, size, "has a %s that is not a number from 0 to 10",
			    score_props[i]);
			return buf;
		}
		if (k->v3 && sev == NULL && i == 0)
			return "has no baseSeverity";
		if (k->v3 && sev != NULL && word_index(severity_words, 5,
		    json_string_value(sev)) < 0) {
			snprintf(buf, size, "has an unknown %s", severity_props[i]);
			return buf;
		}
	}
	for (i = 0; i < k->nmetrics; i++) {
		const json_t *p = json_object_get(o, k->metrics[i].prop);

		if (p != NULL && word_index(k->metrics[i].words, 7, json_string_value(p)) < 0) {
			snprintf(buf, size, "has an unknown %s", k->metrics[i].prop);
			return buf;
		}
	}
	return NULL;
}

/* 6.1.10 Inconsistent CVSS: each property against the vector. */
static void
cvss_consistent(struct csaf_ck *c, const json_t *o, const struct cvss_kind *k, const char *path)
{
	const char	*vec = csaf_str(o, "vectorString");
	char		 val[8];
	int		 want;

	for (size_t i = 0; i < k->nmetrics; i++) {
		const struct metric *m = &k->metrics[i];
		const char *prop = csaf_str(o, m->prop);

		if (prop == NULL)
			continue;
		vector_value(vec, m->key, val, sizeof(val));
		want = *val == '\0' ? word_index(m->words, 7, "NOT_DEFINED") :
		    word_index(m->codes, 7, val);
		if (want < 0 || strcmp(m->words[want], prop) != 0)
			csaf_fail(c, "6.1.10", csaf_path(c, "%s/%s", path, m->prop),
			    "%s is %s but the vector says %s", m->prop, prop,
			    *val != '\0' ? val : "nothing");
	}
}

/* A JSON number as tenths, if it is one (6.5 -> 65); else -1. */
static int
tenths(const json_t *v)
{
	double	x;
	int	t;

	if (!json_is_number(v) || (x = json_number_value(v) * 10) < 0 || x > 100)
		return -1;
	t = (int)(x + 0.5);
	return x - t > 1e-6 || t - x > 1e-6 ? -1 : t;
}

/* 6.1.9 Invalid CVSS computation. */
static void
cvss_computed(struct csaf_ck *c, const json_t *o, const struct cvss_kind *k, const char *path)
{
	struct cvss		 cv;
	struct cvss_error	 err;
	const char		*sev;
	int			 want[3], i;

	if (cvss_parse(csaf_str(o, "vectorString"), &cv, &err) != 0 ||
	    (k->v3 ? cv.version != CVSS_V30 && cv.version != CVSS_V31 : cv.version != CVSS_V2)) {
		csaf_fail(c, "6.1.9", csaf_path(c, "%s/vectorString", path),
		    "the vector cannot be scored (%s%s%s)", cvss_problem_code(err.problem),
		    *err.metric ? " " : "", err.metric);
		return;
	}
	want[0] = cv.base, want[1] = cv.temporal, want[2] = cv.environmental;
	for (i = 0; i < 3; i++) {
		const json_t *s = json_object_get(o, score_props[i]);
		char buf[5];

		cvss_format_score(want[i], buf);
		if (s != NULL && tenths(s) != want[i])
			csaf_fail(c, "6.1.9", csaf_path(c, "%s/%s", path, score_props[i]),
			    "%s should be %s", score_props[i], buf);
		if (k->v3 && (sev = csaf_str(o, severity_props[i])) != NULL &&
		    strcmp(sev, cvss_severity_name(cvss_severity_of(want[i]))) != 0)
			csaf_fail(c, "6.1.9", csaf_path(c, "%s/%s", path, severity_props[i]),
			    "%s should be %s", severity_props[i],
			    cvss_severity_name(cvss_severity_of(want[i])));
	}
}

/* The version tag of 6.1.7: 20, 30 or 31 (0: unknown). */
static int
version_tag(const json_t *o, bool v3)
{
	const char	*ver = csaf_str(o, "version"), *vec = csaf_str(o, "vectorString");

	if (!v3)
		return 20;
	if (ver == NULL && vec != NULL && strncmp(vec, "CVSS:3.", 7) == 0)
		ver = vec + 5;
	if (ver != NULL && strncmp(ver, "3.0", 3) == 0)
		return 30;
	if (ver != NULL && strncmp(ver, "3.1", 3) == 0)
		return 31;
	return 0;
}

static void
check_cvss(struct csaf_ck *c, struct csaf_refs *seen, const json_t *score, const char *path,
    bool v3)
{
	const json_t		*o = json_object_get(score, v3 ? "cvss_v3" : "cvss_v2");
	const struct cvss_kind	*k = v3 ? &kind_v3 : &kind_v2;
	const char		*p, *why;
	char			 buf[96];
	int			 tag;

	if (o == NULL)
		return;
	p = csaf_path(c, "%s/%s", path, v3 ? "cvss_v3" : "cvss_v2");
	if ((tag = version_tag(o, v3)) != 0)
		csaf_refs_add_array(c, seen, json_object_get(score, "products"),
		    csaf_path(c, "%s/products", path), tag);
	if ((why = cvss_schema_problem(o, k, buf, sizeof(buf))) != NULL) {
		csaf_fail(c, "6.1.8", p, "the CVSS object %s", why);
		return;
	}
	cvss_computed(c, o, k, p);
	cvss_consistent(c, o, k, p);
}

void
csaf_check_scores(struct csaf_ck *c)
{
	const json_t	*v, *s;
	size_t		 i, j;

	json_array_foreach(json_object_get(c->doc, "vulnerabilities"), i, v) {
		struct csaf_refs seen = { 0 };

		json_array_foreach(json_object_get(v, "scores"), j, s) {
			const char *path = csaf_path(c, "/vulnerabilities/%zu/scores/%zu", i, j);

			check_cvss(c, &seen, s, path, false);
			check_cvss(c, &seen, s, path, true);
		}
		/* 6.1.7 Multiple Scores with same Version per Product. */
		csaf_refs_sort(&seen);
		for (j = 1; j < seen.n; j++)
			if (strcmp(seen.v[j - 1].id, seen.v[j].id) == 0 &&
			    seen.v[j - 1].tag == seen.v[j].tag)
				csaf_fail(c, "6.1.7", seen.v[j].path,
				    "product '%s' has two CVSS v%d.%d scores", seen.v[j].id,
				    seen.v[j].tag / 10, seen.v[j].tag % 10);
	}
}

/* 6.1.11 CWE. */
void
csaf_check_cwe(struct csaf_ck *c)
{
	const json_t	*v, *cwe;
	const char	*id, *name, *want, *path;
	char		*end;
	long		 num;
	size_t		 i;

	json_array_foreach(json_object_get(c->doc, "vulnerabilities"), i, v) {
		if ((cwe = json_object_get(v, "cwe")) == NULL)
			continue;
		path = csaf_path(c, "/vulnerabilities/%zu/cwe", i);
		id = csaf_str(cwe, "id");
		name = csaf_str(cwe, "name");
		if (id == NULL || strncmp(id, "CWE-", 4) != 0 || id[4] < '1' || id[4] > '9' ||
		    strlen(id) > 10 || (num = strtol(id + 4, &end, 10), *end != '\0')) {
			csaf_fail(c, "6.1.11", path, "'%s' is not a CWE id", id ? id : "");
			continue;
		}
		if (name == NULL || *name == '\0') {
			csaf_fail(c, "6.1.11", path, "%s has no name", id);
			continue;
		}
		if (c->cwe == NULL)
			continue;
		if ((want = c->cwe(c->cwe_arg, num)) == NULL)
			csaf_fail(c, "6.1.11", path, "%s does not exist in the CWE catalogue", id);
		else if (strcmp(want, name) != 0)
			csaf_fail(c, "6.1.11", path, "the name of %s is '%s'", id, want);
	}
}

/*
 * Every product the items of list name, directly or through a group,
 * tagged with the item's index; only items whose member key is one of
 * values (all items if key is NULL).
 */
static void
covered(struct csaf_ck *c, struct csaf_refs *r, const json_t *list, const char *key,
    const char *const *values, size_t nvalues)
{
	const json_t	*it, *g;
	size_t		 i, j;

	json_array_foreach(list, i, it) {
		if (key != NULL && word_index(values, nvalues, csaf_str(it, key)) < 0)
			continue;
		csaf_refs_add_array(c, r, json_object_get(it, "product_ids"), "", (int)i);
		json_array_foreach(json_object_get(it, "group_ids"), j, g)
			csaf_refs_add_array(c, r, csaf_group_products(c, json_string_value(g)), "",
			    (int)i);
	}
}

/* Each product of st/key not in r: the test fails for it. */
static void
uncovered(struct csaf_ck *c, const json_t *st, const char *key, const struct csaf_refs *r,
    size_t vi, const char *test, const char *what)
{
	const json_t	*p;
	size_t		 i;

	json_array_foreach(json_object_get(st, key), i, p)
		if (json_is_string(p) && !csaf_refs_has(r, json_string_value(p)))
			csaf_fail(c, "6.1.27", csaf_path(c,
			    "/vulnerabilities/%zu/product_status/%s/%zu", vi, key, i),
			    "%s: product '%s' has no %s", test, json_string_value(p), what);
}

/* 6.1.27.9 Impact Statement; 6.1.27.10 Action Statement (VEX). */
static void
check_vex_statements(struct csaf_ck *c, const json_t *v, size_t vi)
{
	const json_t		*st = json_object_get(v, "product_status");
	struct csaf_refs	 impact = { 0 }, action = { 0 };

	static const char *const impact_kind[] = { "impact" };

	covered(c, &impact, json_object_get(v, "flags"), NULL, NULL, 0);
	covered(c, &impact, json_object_get(v, "threats"), "category", impact_kind, 1);
	covered(c, &action, json_object_get(v, "remediations"), NULL, NULL, 0);
	csaf_refs_sort(&impact);
	csaf_refs_sort(&action);
	uncovered(c, st, "known_not_affected", &impact, vi, "6.1.27.9", "impact statement");
	uncovered(c, st, "known_affected", &action, vi, "6.1.27.10", "action statement");
}

/* 6.1.27.5 - 6.1.27.8 for one vulnerability. */
static void
check_vuln_profile(struct csaf_ck *c, const json_t *v, size_t vi, bool vex)
{
	static const char *const vex_status[] = {
		"fixed", "known_affected", "known_not_affected", "under_investigation",
	};
	const json_t	*st = json_object_get(v, "product_status");
	const char	*path = csaf_path(c, "/vulnerabilities/%zu", vi);
	bool		 any = false;

	if (json_object_get(v, "notes") == NULL)
		csaf_fail(c, "6.1.27", path, "6.1.27.5: the vulnerability has no notes");
	if (!vex) {
		if (st == NULL)
			csaf_fail(c, "6.1.27", path,
			    "6.1.27.6: the vulnerability has no product status");
		return;
	}
	for (size_t k = 0; k < sizeof(vex_status) / sizeof(vex_status[0]); k++)
		any = any || json_object_get(st, vex_status[k]) != NULL;
	if (!any)
		csaf_fail(c, "6.1.27", csaf_path(c, "%s/product_status", path),
		    "6.1.27.7: no fixed, known_affected, known_not_affected or "
		    "under_investigation status");
	if (json_object_get(v, "cve") == NULL && json_object_get(v, "ids") == NULL)
		csaf_fail(c, "6.1.27", path, "6.1.27.8: the vulnerability has neither cve nor ids");
	check_vex_statements(c, v, vi);
}

/* 6.1.27.1 - 6.1.27.3: informational advisories and incident responses. */
static void
check_doc_profile(struct csaf_ck *c, bool informational)
{
	static const char *const kinds[] = { "description", "details", "general", "summary" };
	const json_t	*d = json_object_get(c->doc, "document"), *it;
	const char	*cat;
	bool		 note = false, ext = false;
	size_t		 i;

	json_array_foreach(json_object_get(d, "notes"), i, it)
		note = note || word_index(kinds, 4, csaf_str(it, "category")) >= 0;
	json_array_foreach(json_object_get(d, "references"), i, it)
		ext = ext || ((cat = csaf_str(it, "category")) != NULL &&
		    strcmp(cat, "external") == 0);
	if (!note)
		csaf_fail(c, "6.1.27", "/document/notes", "6.1.27.1: no note of category "
		    "description, details, general or summary");
	if (!ext)
		csaf_fail(c, "6.1.27", "/document/references",
		    "6.1.27.2: no reference of category external");
	if (informational && json_object_get(c->doc, "vulnerabilities") != NULL)
		csaf_fail(c, "6.1.27", "/vulnerabilities",
		    "6.1.27.3: an informational advisory has vulnerabilities");
}

void
csaf_check_profiles(struct csaf_ck *c)
{
	const json_t	*vulns = json_object_get(c->doc, "vulnerabilities"), *v;
	bool		 vex = strcmp(c->category, "csaf_vex") == 0;
	size_t		 i;

	if (strcmp(c->category, "csaf_informational_advisory") == 0 ||
	    strcmp(c->category, "csaf_security_incident_response") == 0) {
		check_doc_profile(c, c->category[5] == 'i');
		return;
	}
	if (!vex && strcmp(c->category, "csaf_security_advisory") != 0)
		return;
	if (json_object_get(c->doc, "product_tree") == NULL)
		csaf_fail(c, "6.1.27", "/product_tree", "6.1.27.4: there is no product tree");
	if (vulns == NULL)
		csaf_fail(c, "6.1.27", "/vulnerabilities",
		    "6.1.27.11: there are no vulnerabilities");
	json_array_foreach(vulns, i, v)
		check_vuln_profile(c, v, i, vex);
}

/* The VEX justification codes (CSAF 2.0 §3.2.3.5). */
static const char *const vex_labels[] = {
	"component_not_present", "inline_mitigations_already_exist",
	"vulnerable_code_cannot_be_controlled_by_adversary",
	"vulnerable_code_not_in_execute_path", "vulnerable_code_not_present",
};

void
csaf_check_flags(struct csaf_ck *c)
{
	const json_t	*v, *f;
	const char	*last;
	size_t		 i, j;

	json_array_foreach(json_object_get(c->doc, "vulnerabilities"), i, v) {
		const json_t *flags = json_object_get(v, "flags");
		struct csaf_refs in = { 0 };

		json_array_foreach(flags, j, f)
			if (json_object_get(f, "product_ids") == NULL &&
			    json_object_get(f, "group_ids") == NULL)
				csaf_fail(c, "6.1.32", csaf_path(c,
				    "/vulnerabilities/%zu/flags/%zu", i, j),
				    "the flag names no product or group");
		/*
		 * 6.1.33: a product in two flags with a justification, directly
		 * or through a group; once in one flag both ways is fine.
		 */
		covered(c, &in, flags, "label", vex_labels, sizeof(vex_labels) /
		    sizeof(vex_labels[0]));
		csaf_refs_sort(&in);
		for (j = 1, last = NULL; j < in.n; j++)
			if (strcmp(in.v[j - 1].id, in.v[j].id) == 0 &&
			    in.v[j - 1].tag != in.v[j].tag &&
			    (last == NULL || strcmp(last, in.v[j].id) != 0)) {
				last = in.v[j].id;
				csaf_fail(c, "6.1.33", csaf_path(c, "/vulnerabilities/%zu/flags/%d",
				    i, in.v[j].tag),
				    "product '%s' has more than one flag with a justification",
				    in.v[j].id);
			}
	}
}
