/*
 * Advisories (R31-R33): states, the editor's checks, ids and the reading of
 * affected versions.  See advisory.h.
 */
#include "domain/advisory.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/str.h"
#include "core/utf8.h"
#include "domain/cvss.h"
#include "domain/grade.h"
#include "domain/ids.h"

static const char *const state_names[ADV__MAX] = {
	[ADV_DRAFT] = "draft",
	[ADV_IN_REVIEW] = "in_review",
	[ADV_APPROVED] = "approved",
	[ADV_SCHEDULED] = "scheduled",
	[ADV_PUBLISHED] = "published",
	[ADV_WITHDRAWN] = "withdrawn",
};

const char *
adv_state_name(enum adv_state s)
{
	return (unsigned)s < ADV__MAX ? state_names[s] : "?";
}

int
adv_state_parse(const char *text)
{
	for (int i = 0; text != NULL && i < ADV__MAX; i++)
		if (strcmp(text, state_names[i]) == 0)
			return i;
	return -1;
}

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

bool
adv_has_remediation(const struct adv_doc *doc)
{
	return !blank(doc->solution) || !blank(doc->mitigation);
}

/* Bounded UTF-8 text; newlines and tabs allowed only when multiline. */
static enum msg_id
text_check(const char *s, size_t max, bool multiline)
{
	size_t n;

	if (s == NULL)
		return MSG_OK;
	n = strlen(s);
	if (n > max)
		return MSG_ERR_FIELD_TOO_LONG;
	if (!utf8_valid(s, n))
		return MSG_ERR_FIELD_ENCODING;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == 0x7f || (c < 0x20 && !(multiline && (c == '\n' || c == '\t' ||
		    c == '\r'))))
			return MSG_ERR_FIELD_ENCODING;
	}
	return MSG_OK;
}

/* A reference: an http(s) URL (str_http_url) of at most 2000 bytes, no quotes or angles. */
static bool
url_ok(const char *u)
{
	return u != NULL && strlen(u) <= 2000 && str_http_url(str_from(u)) &&
	    strpbrk(u, "\"<>") == NULL;
}

static bool
cwe_ok(const char *id)
{
	char *end;
	long n;

	if (id == NULL || strncmp(id, "CWE-", 4) != 0 || id[4] < '1' || id[4] > '9')
		return false;
	n = strtol(id + 4, &end, 10);
	return *end == '\0' && n > 0 && n < 100000;
}

/* A field name like "products[2].product", in the caller's arena. */
static const char *
indexed(struct arena *a, const char *list, size_t i, const char *key)
{
	return arena_printf(a, "%s[%zu]%s%s", list, i, *key ? "." : "", key);
}

static enum msg_id
products_check(struct arena *a, const struct adv_doc *d, const char **field)
{
	enum msg_id m;

	if (d->nproducts == 0) {
		*field = "products";
		return MSG_ERR_FIELD_MISSING;
	}
	if (d->nproducts > ADV_LIST_MAX) {
		*field = "products";
		return MSG_ERR_FIELD_TOO_LONG;
	}
	for (size_t i = 0; i < d->nproducts; i++) {
		const struct adv_product *p = &d->products[i];
		const char *keys[] = { "vendor", "product", "model", "versions",
		    "fixed_version", "cpe", "purl" };
		const char *vals[] = { p->vendor, p->product, p->model, p->versions,
		    p->fixed_version, p->cpe, p->purl };

		if (blank(p->product)) {
			*field = indexed(a, "products", i, "product");
			return MSG_ERR_FIELD_MISSING;
		}
		if (blank(p->vendor)) {
			*field = indexed(a, "products", i, "vendor");
			return MSG_ERR_FIELD_MISSING;
		}
		for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
			if ((m = text_check(vals[k], 300, false)) != MSG_OK) {
				*field = indexed(a, "products", i, keys[k]);
				return m;
			}
		if (p->purl != NULL && *p->purl != '\0' && strncmp(p->purl, "pkg:", 4) != 0) {
			*field = indexed(a, "products", i, "purl");
			return MSG_ERR_ADV_PURL;
		}
		if (p->cpe != NULL && *p->cpe != '\0' && strncmp(p->cpe, "cpe:2.3:", 8) != 0) {
			*field = indexed(a, "products", i, "cpe");
			return MSG_ERR_ADV_CPE;
		}
	}
	return MSG_OK;
}

static enum msg_id
lists_check(struct arena *a, const struct adv_doc *d, const char **field)
{
	if (d->nids > ADV_LIST_MAX || d->ncvss > ADV_LIST_MAX || d->ncwes > ADV_LIST_MAX ||
	    d->nrefs > ADV_LIST_MAX) {
		*field = d->nids > ADV_LIST_MAX ? "ids" : d->ncvss > ADV_LIST_MAX ? "cvss" :
		    d->ncwes > ADV_LIST_MAX ? "cwes" : "refs";
		return MSG_ERR_FIELD_TOO_LONG;
	}
	for (size_t i = 0; i < d->nids; i++) {
		enum xid_scheme kind;
		char scheme[XID_SCHEME_MAX];

		if (xid_check(d->ids[i].scheme, d->ids[i].value, &kind, scheme) != XID_OK) {
			*field = indexed(a, "ids", i, "value");
			return MSG_ERR_ADV_ID;
		}
	}
	for (size_t i = 0; i < d->ncvss; i++) {
		struct cvss cv;
		struct cvss_error err;

		if (d->cvss[i].vector == NULL || cvss_parse(d->cvss[i].vector, &cv, &err) != 0) {
			*field = indexed(a, "cvss", i, "vector");
			return MSG_ERR_ADV_CVSS;
		}
	}
	for (size_t i = 0; i < d->ncwes; i++)
		if (!cwe_ok(d->cwes[i].id) || text_check(d->cwes[i].name, 300, false) != MSG_OK) {
			*field = indexed(a, "cwes", i, "id");
			return MSG_ERR_ADV_CWE;
		}
	for (size_t i = 0; i < d->nrefs; i++) {
		if (!url_ok(d->refs[i].url)) {
			*field = indexed(a, "refs", i, "url");
			return MSG_ERR_ADV_URL;
		}
		if (text_check(d->refs[i].label, 300, false) != MSG_OK) {
			*field = indexed(a, "refs", i, "label");
			return MSG_ERR_FIELD_ENCODING;
		}
	}
	return MSG_OK;
}

enum msg_id
adv_check(struct arena *a, const struct adv_doc *d, const char **field)
{
	static const struct {
		const char	*key;
		size_t		 off;
		size_t		 max;
		bool		 multiline;
	} texts[] = {
		{ "title", offsetof(struct adv_doc, title), ADV_TITLE_MAX, false },
		{ "summary", offsetof(struct adv_doc, summary), ADV_TEXT_MAX, true },
		{ "verifier", offsetof(struct adv_doc, verifier), 300, false },
		{ "discoverer", offsetof(struct adv_doc, discoverer), 300, false },
		{ "existence", offsetof(struct adv_doc, existence), ADV_TEXT_MAX, true },
		{ "detection", offsetof(struct adv_doc, detection), ADV_TEXT_MAX, true },
		{ "solution", offsetof(struct adv_doc, solution), ADV_TEXT_MAX, true },
		{ "mitigation", offsetof(struct adv_doc, mitigation), ADV_TEXT_MAX, true },
		{ "other", offsetof(struct adv_doc, other), ADV_TEXT_MAX, true },
		{ "category", offsetof(struct adv_doc, category), 64, false },
		{ "category_name", offsetof(struct adv_doc, category_name), 300, false },
	};
	enum msg_id m;

	*field = NULL;
	if (blank(d->title)) {
		*field = "title";
		return MSG_ERR_FIELD_MISSING;
	}
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		const char *s = *(const char *const *)(const void *)((const char *)d +
		    texts[i].off);

		if ((m = text_check(s, texts[i].max, texts[i].multiline)) != MSG_OK) {
			*field = texts[i].key;
			return m;
		}
	}
	if (d->lang != NULL && strcmp(d->lang, "zh-CN") != 0 && strcmp(d->lang, "en") != 0) {
		*field = "lang";
		return MSG_ERR_FIELD_CHOICE;
	}
	if (d->grade != NULL && *d->grade != '\0' && gbt_grade_parse(d->grade) < 0) {
		*field = "grade";
		return MSG_ERR_FIELD_CHOICE;
	}
	if ((m = products_check(a, d, field)) != MSG_OK)
		return m;
	return lists_check(a, d, field);
}

void
adv_id_format(char *buf, size_t size, const char *prefix, int year, long long seq)
{
	snprintf(buf, size, "%s-%04d-%06lld", prefix, year, seq);
}

bool
adv_id_valid(const char *t)
{
	size_t i = 0, n;

	if (t == NULL)
		return false;
	while ((t[i] >= 'A' && t[i] <= 'Z') || (t[i] >= '0' && t[i] <= '9'))
		i++;
	if (i < 1 || i > 16 || t[i] != '-')
		return false;
	t += i + 1;
	for (i = 0; i < 4; i++)
		if (t[i] < '0' || t[i] > '9')
			return false;
	if (t[4] != '-')
		return false;
	t += 5;
	n = strlen(t);
	if (n < 6 || n > 12)
		return false;
	for (i = 0; i < n; i++)
		if (t[i] < '0' || t[i] > '9')
			return false;
	return true;
}

const char *
adv_grade_zh(const char *grade)
{
	int g = grade != NULL ? gbt_grade_parse(grade) : -1;

	return g < 0 ? "" : gbt_grade_name((enum gbt_grade)g, LANG_ZH);
}

/* Trim spaces and tabs around [b, e); a copy in a. */
static const char *
trimmed(struct arena *a, const char *b, const char *e)
{
	while (b < e && (*b == ' ' || *b == '\t'))
		b++;
	while (e > b && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	return arena_strndup(a, b, (size_t)(e - b));
}

/* A version token: no spaces, no operators, 1-64 bytes. */
static bool
version_ok(const char *v)
{
	size_t n = strlen(v);

	if (n == 0 || n > 64)
		return false;
	for (; *v != '\0'; v++)
		if (*v == ' ' || *v == '<' || *v == '>' || *v == '=' || *v == ',' ||
		    (unsigned char)*v < 0x21)
			return false;
	return true;
}

/* One comma-separated part: "< v", "<= v", ">= v", "a - b" or "v". */
static int
part_parse(struct arena *a, const char *p, struct adv_range *r, bool *lower_only)
{
	const char *dash;

	memset(r, 0, sizeof *r);
	r->introduced = r->fixed = r->last_affected = r->exact = "";
	*lower_only = false;
	if (strncmp(p, "<=", 2) == 0) {
		r->last_affected = trimmed(a, p + 2, p + strlen(p));
		return version_ok(r->last_affected) ? 0 : -1;
	}
	if (*p == '<') {
		r->fixed = trimmed(a, p + 1, p + strlen(p));
		return version_ok(r->fixed) ? 0 : -1;
	}
	if (strncmp(p, ">=", 2) == 0) {
		r->introduced = trimmed(a, p + 2, p + strlen(p));
		*lower_only = true;
		return version_ok(r->introduced) ? 0 : -1;
	}
	if ((dash = strstr(p, " - ")) != NULL) {
		r->introduced = trimmed(a, p, dash);
		r->last_affected = trimmed(a, dash + 3, p + strlen(p));
		return version_ok(r->introduced) && version_ok(r->last_affected) ? 0 : -1;
	}
	r->exact = trimmed(a, p, p + strlen(p));
	return version_ok(r->exact) ? 0 : -1;
}

int
adv_versions_parse(struct arena *a, const char *text, const char *fixed_version,
    struct adv_range *out, size_t max)
{
	const char *s = text != NULL ? text : "", *fixed = fixed_version != NULL ?
	    fixed_version : "";
	size_t n = 0;
	bool open_lower = false;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0' || strcmp(s, "*") == 0) {
		if (max == 0)
			return -1;
		memset(&out[0], 0, sizeof out[0]);
		out[0].introduced = out[0].last_affected = out[0].exact = "";
		out[0].fixed = *fixed != '\0' && version_ok(fixed) ? fixed : "";
		return 1;
	}
	while (*s != '\0') {
		const char *end = strchr(s, ',');
		const char *part;
		struct adv_range r;
		bool lower_only;

		if (end == NULL)
			end = s + strlen(s);
		part = trimmed(a, s, end);
		if (*part == '\0' || part_parse(a, part, &r, &lower_only) != 0)
			return -1;
		if (open_lower && *r.exact == '\0' && *r.introduced == '\0') {
			/* ">= 1.2, < 2.0": the upper bound of the previous range. */
			out[n - 1].fixed = r.fixed;
			out[n - 1].last_affected = r.last_affected;
			open_lower = false;
		} else {
			if (n == max)
				return -1;
			out[n++] = r;
			open_lower = lower_only;
		}
		s = *end == ',' ? end + 1 : end;
	}
	/* A named fix closes a range left open above. */
	if (*fixed != '\0' && version_ok(fixed))
		for (size_t i = 0; i < n; i++)
			if (*out[i].exact == '\0' && *out[i].fixed == '\0' &&
			    *out[i].last_affected == '\0')
				out[i].fixed = fixed;
	return (int)n;
}
