/*
 * The platform's own advisory JSON: the public API's object and the form
 * every version is stored in.  One table of text fields drives both
 * directions, so the writer and the reader cannot drift apart.
 */
#include "formats/formats.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/calendar.h"

#define SFIELD(key, member)	{ key, offsetof(struct adv_doc, member) }

static const struct {
	const char	*key;
	size_t		 off;
} texts[] = {
	SFIELD("id", id),
	SFIELD("lang", lang),
	SFIELD("title", title),
	SFIELD("summary", summary),
	SFIELD("publisher", publisher),
	SFIELD("publisher_url", publisher_url),
	SFIELD("verifier", verifier),
	SFIELD("discoverer", discoverer),
	SFIELD("category", category),
	SFIELD("category_name", category_name),
	SFIELD("grade", grade),
	SFIELD("existence", existence),
	SFIELD("detection", detection),
	SFIELD("solution", solution),
	SFIELD("mitigation", mitigation),
	SFIELD("other", other),
	SFIELD("withdrawn_reason", withdrawn_reason),
};

static const char **
text_at(struct adv_doc *d, size_t i)
{
	return (const char **)(void *)((char *)d + texts[i].off);
}

static json_t *
str_or_empty(const char *s)
{
	return json_string(s != NULL ? s : "");
}

/* RFC 3339 UTC, or null for 0. */
static json_t *
time_json(int64_t t)
{
	char b[32];

	if (t == 0)
		return json_null();
	time_format_utc(t, b, sizeof b);
	return json_string(b);
}

static json_t *
products_json(const struct adv_doc *d)
{
	json_t *a = json_array();

	for (size_t i = 0; i < d->nproducts; i++) {
		const struct adv_product *p = &d->products[i];
		const struct appinfo *app;

		json_t *o = json_pack("{s:o s:o s:o s:o s:o s:o s:o s:o}",
		    "vendor", str_or_empty(p->vendor), "vendor_slug", str_or_empty(p->vendor_slug),
		    "product", str_or_empty(p->product), "model", str_or_empty(p->model),
		    "versions", str_or_empty(p->versions),
		    "fixed_version", str_or_empty(p->fixed_version), "cpe", str_or_empty(p->cpe),
		    "purl", str_or_empty(p->purl));

		/* An app's fields (issue 9) only where there are some: other products are unchanged. */
		if ((app = adv_product_app(d, i)) != NULL)
			for (int k = 0; k < AF__MAX; k++)
				json_object_set_new(o, app_fields[k].key,
				    str_or_empty(appinfo_get(app, (enum app_field)k)));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *
lists_json(const struct adv_doc *d, json_t *o)
{
	json_t *ids = json_array(), *cvss = json_array(), *cwes = json_array();
	json_t *refs = json_array(), *hist = json_array();

	for (size_t i = 0; i < d->nids; i++)
		json_array_append_new(ids, json_pack("{s:o s:o}", "scheme",
		    str_or_empty(d->ids[i].scheme), "value", str_or_empty(d->ids[i].value)));
	for (size_t i = 0; i < d->ncvss; i++)
		json_array_append_new(cvss, json_pack("{s:o s:f s:o}", "vector",
		    str_or_empty(d->cvss[i].vector), "score", d->cvss[i].score10 / 10.0,
		    "severity", str_or_empty(d->cvss[i].severity)));
	for (size_t i = 0; i < d->ncwes; i++)
		json_array_append_new(cwes, json_pack("{s:o s:o}", "id",
		    str_or_empty(d->cwes[i].id), "name", str_or_empty(d->cwes[i].name)));
	for (size_t i = 0; i < d->nrefs; i++)
		json_array_append_new(refs, json_pack("{s:o s:o}", "url",
		    str_or_empty(d->refs[i].url), "label", str_or_empty(d->refs[i].label)));
	for (size_t i = 0; i < d->nhistory; i++)
		json_array_append_new(hist, json_pack("{s:i s:o s:o}", "version",
		    d->history[i].version, "date", time_json(d->history[i].date), "summary",
		    str_or_empty(d->history[i].summary)));
	json_object_set_new(o, "ids", ids);
	json_object_set_new(o, "cvss", cvss);
	json_object_set_new(o, "cwes", cwes);
	json_object_set_new(o, "references", refs);
	json_object_set_new(o, "history", hist);
	return o;
}

json_t *
fmt_adv_json(const struct adv_doc *d)
{
	json_t *o = json_object();
	struct adv_doc *dm = (struct adv_doc *)(uintptr_t)d;	/* read only */

	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		json_object_set_new(o, texts[i].key, str_or_empty(*text_at(dm, i)));
	json_object_set_new(o, "version", json_integer(d->version));
	json_object_set_new(o, "discoverer_anonymous", json_boolean(d->discoverer_anonymous));
	json_object_set_new(o, "published_at", time_json(d->published_at));
	json_object_set_new(o, "updated_at", time_json(d->updated_at));
	json_object_set_new(o, "withdrawn_at", time_json(d->withdrawn_at));
	json_object_set_new(o, "products", products_json(d));
	return lists_json(d, o);
}

char *
fmt_adv_text(struct arena *a, const struct adv_doc *d)
{
	json_t	*o = fmt_adv_json(d);
	char	*s = o != NULL ? json_dumps(o, JSON_COMPACT) : NULL, *out;

	json_decref(o);
	if (s == NULL)
		return NULL;
	out = arena_strdup(a, s);
	free(s);
	return out;
}

/* ---- reading back ---- */

struct rd {
	struct arena	*a;
	const char	**field;
	enum msg_id	*msg;
};

static int
bad(struct rd *r, const char *field, enum msg_id m)
{
	*r->field = field;
	*r->msg = m;
	return -1;
}

/* A string member (missing or null: ""), copied into the arena. */
static int
get_str(struct rd *r, const json_t *o, const char *key, const char *field,
    const char **out)
{
	const json_t *v = json_object_get(o, key);

	if (v == NULL || json_is_null(v)) {
		*out = "";
		return 0;
	}
	if (!json_is_string(v))
		return bad(r, field, MSG_ERR_FIELD_ENCODING);
	*out = arena_strndup(r->a, json_string_value(v), json_string_length(v));
	if (strlen(*out) != json_string_length(v))	/* an embedded NUL */
		return bad(r, field, MSG_ERR_FIELD_ENCODING);
	return 0;
}

static int
get_time(struct rd *r, const json_t *o, const char *key, int64_t *out)
{
	const json_t *v = json_object_get(o, key);

	*out = 0;
	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_string(v) || time_parse_rfc3339(json_string_value(v), out) != 0)
		return bad(r, key, MSG_ERR_SUB_TIME);
	return 0;
}

/* Every key of o is one of keys (NULL-terminated). */
static int
only_keys(struct rd *r, const json_t *o, const char *const *keys, const char *where)
{
	const char *k;
	json_t *v;

	json_object_foreach((json_t *)(uintptr_t)o, k, v) {
		size_t i;

		for (i = 0; keys[i] != NULL && strcmp(keys[i], k) != 0; i++)
			;
		if (keys[i] == NULL) {
			*r->field = arena_printf(r->a, "%s%s", where, k);
			*r->msg = MSG_ERR_UNKNOWN_FIELD;
			return -1;
		}
	}
	return 0;
}

/* An array member of objects: its length (0 if missing), or -1. */
static int
get_array(struct rd *r, const json_t *o, const char *key, const json_t **arr)
{
	const json_t *v = json_object_get(o, key);

	*arr = v;
	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_array(v))
		return bad(r, key, MSG_ERR_FIELD_CHOICE);
	if (json_array_size(v) > ADV_LIST_MAX)
		return bad(r, key, MSG_ERR_FIELD_TOO_LONG);
	for (size_t i = 0; i < json_array_size(v); i++)
		if (!json_is_object(json_array_get(v, i)))
			return bad(r, arena_printf(r->a, "%s[%zu]", key, i), MSG_ERR_FIELD_CHOICE);
	return (int)json_array_size(v);
}

static int
read_products(struct rd *r, const json_t *o, struct adv_doc *d)
{
	static const char *const keys[] = { "vendor", "vendor_slug", "product", "model",
	    "versions", "fixed_version", "cpe", "purl", "app_name", "app_package",
	    "app_version", "app_platform", "app_store", "app_developer", NULL };
	const json_t *arr;
	struct appinfo *apps;
	bool any = false;
	int n = get_array(r, o, "products", &arr);

	if (n < 0)
		return -1;
	d->nproducts = (size_t)n;
	d->products = arena_calloc(r->a, (size_t)n + 1, sizeof *d->products);
	apps = arena_calloc(r->a, (size_t)n + 1, sizeof *apps);
	for (int i = 0; i < n; i++) {
		const json_t *p = json_array_get(arr, (size_t)i);
		struct adv_product *q = &d->products[i];
		const char *w = arena_printf(r->a, "products[%d].", i);
		const char **dst[] = { &q->vendor, &q->vendor_slug, &q->product, &q->model,
		    &q->versions, &q->fixed_version, &q->cpe, &q->purl };

		if (only_keys(r, p, keys, w) != 0)
			return -1;
		for (size_t k = 0; k < sizeof dst / sizeof dst[0]; k++)
			if (get_str(r, p, keys[k], arena_printf(r->a, "%s%s", w, keys[k]),
			    dst[k]) != 0)
				return -1;
		for (int k = 0; k < AF__MAX; k++)
			if (get_str(r, p, app_fields[k].key, arena_printf(r->a, "%s%s", w,
			    app_fields[k].key), &apps[i].v[k]) != 0)
				return -1;
		any = any || !appinfo_empty(&apps[i]);
	}
	d->apps = any ? apps : NULL;
	return 0;
}

/* A list of objects with two string members (ids, cwes, references). */
static int
read_pairs(struct rd *r, const json_t *o, const char *key, const char *k1,
    const char *k2, const char ***a1, const char ***a2, size_t *n)
{
	const char *keys[] = { k1, k2, NULL };
	const json_t *arr;
	int cnt = get_array(r, o, key, &arr);

	if (cnt < 0)
		return -1;
	*n = (size_t)cnt;
	*a1 = arena_calloc(r->a, (size_t)cnt + 1, sizeof **a1);
	*a2 = arena_calloc(r->a, (size_t)cnt + 1, sizeof **a2);
	for (int i = 0; i < cnt; i++) {
		const json_t *e = json_array_get(arr, (size_t)i);
		const char *w = arena_printf(r->a, "%s[%d].", key, i);

		if (only_keys(r, e, keys, w) != 0 ||
		    get_str(r, e, k1, arena_printf(r->a, "%s%s", w, k1), &(*a1)[i]) != 0 ||
		    get_str(r, e, k2, arena_printf(r->a, "%s%s", w, k2), &(*a2)[i]) != 0)
			return -1;
	}
	return 0;
}

static int
read_cvss(struct rd *r, const json_t *o, struct adv_doc *d)
{
	static const char *const keys[] = { "vector", "score", "severity", NULL };
	const json_t *arr;
	int n = get_array(r, o, "cvss", &arr);

	if (n < 0)
		return -1;
	d->ncvss = (size_t)n;
	d->cvss = arena_calloc(r->a, (size_t)n + 1, sizeof *d->cvss);
	for (int i = 0; i < n; i++) {
		const json_t *e = json_array_get(arr, (size_t)i), *sc;
		const char *w = arena_printf(r->a, "cvss[%d].", i);

		if (only_keys(r, e, keys, w) != 0 ||
		    get_str(r, e, "vector", arena_printf(r->a, "%svector", w),
		    &d->cvss[i].vector) != 0 ||
		    get_str(r, e, "severity", arena_printf(r->a, "%sseverity", w),
		    &d->cvss[i].severity) != 0)
			return -1;
		/* The score is the calculator's (svc recomputes it); kept when read back. */
		sc = json_object_get(e, "score");
		if (json_is_number(sc))
			d->cvss[i].score10 = (int)(json_number_value(sc) * 10.0 + 0.5);
	}
	return 0;
}

static int
read_history(struct rd *r, const json_t *o, struct adv_doc *d)
{
	static const char *const keys[] = { "version", "date", "summary", NULL };
	const json_t *arr;
	int n = get_array(r, o, "history", &arr);

	if (n < 0)
		return -1;
	d->nhistory = (size_t)n;
	d->history = arena_calloc(r->a, (size_t)n + 1, sizeof *d->history);
	for (int i = 0; i < n; i++) {
		const json_t *e = json_array_get(arr, (size_t)i);
		const char *w = arena_printf(r->a, "history[%d].", i);

		if (only_keys(r, e, keys, w) != 0 || get_time(r, e, "date",
		    &d->history[i].date) != 0 || get_str(r, e, "summary", w,
		    &d->history[i].summary) != 0)
			return -1;
		d->history[i].version = (int)json_integer_value(json_object_get(e, "version"));
	}
	return 0;
}

static int
read_lists(struct rd *r, const json_t *o, struct adv_doc *d)
{
	const char **a1, **a2;
	size_t n;

	if (read_products(r, o, d) != 0 || read_cvss(r, o, d) != 0 ||
	    read_history(r, o, d) != 0)
		return -1;
	if (read_pairs(r, o, "ids", "scheme", "value", &a1, &a2, &n) != 0)
		return -1;
	d->nids = n;
	d->ids = arena_calloc(r->a, n + 1, sizeof *d->ids);
	for (size_t i = 0; i < n; i++)
		d->ids[i] = (struct adv_id){ a1[i], a2[i] };
	if (read_pairs(r, o, "cwes", "id", "name", &a1, &a2, &n) != 0)
		return -1;
	d->ncwes = n;
	d->cwes = arena_calloc(r->a, n + 1, sizeof *d->cwes);
	for (size_t i = 0; i < n; i++)
		d->cwes[i] = (struct adv_cwe){ a1[i], a2[i] };
	if (read_pairs(r, o, "references", "url", "label", &a1, &a2, &n) != 0)
		return -1;
	d->nrefs = n;
	d->refs = arena_calloc(r->a, n + 1, sizeof *d->refs);
	for (size_t i = 0; i < n; i++)
		d->refs[i] = (struct adv_ref){ a1[i], a2[i] };
	return 0;
}

int
fmt_adv_from_json(struct arena *a, const json_t *o, struct adv_doc *d, const char **field,
    enum msg_id *msg)
{
	static const char *const keys[] = { "id", "lang", "title", "summary", "publisher",
	    "publisher_url", "verifier", "discoverer", "category", "category_name", "grade",
	    "existence", "detection", "solution", "mitigation", "other", "withdrawn_reason",
	    "version", "discoverer_anonymous", "published_at", "updated_at", "withdrawn_at",
	    "products", "ids", "cvss", "cwes", "references", "history", NULL };
	struct rd r = { a, field, msg };
	const json_t *v;

	memset(d, 0, sizeof *d);
	*field = NULL;
	*msg = MSG_OK;
	if (!json_is_object(o))
		return bad(&r, "", MSG_ERR_FIELD_CHOICE);
	if (only_keys(&r, o, keys, "") != 0)
		return -1;
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		if (get_str(&r, o, texts[i].key, texts[i].key, text_at(d, i)) != 0)
			return -1;
	v = json_object_get(o, "version");
	if (v != NULL && !json_is_null(v) && !json_is_integer(v))
		return bad(&r, "version", MSG_ERR_FIELD_NUMBER);
	d->version = (int)json_integer_value(v);
	v = json_object_get(o, "discoverer_anonymous");
	if (v != NULL && !json_is_null(v) && !json_is_boolean(v))
		return bad(&r, "discoverer_anonymous", MSG_ERR_FIELD_CHOICE);
	d->discoverer_anonymous = json_is_true(v);
	if (get_time(&r, o, "published_at", &d->published_at) != 0 ||
	    get_time(&r, o, "updated_at", &d->updated_at) != 0 ||
	    get_time(&r, o, "withdrawn_at", &d->withdrawn_at) != 0)
		return -1;
	return read_lists(&r, o, d);
}
