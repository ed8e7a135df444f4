/*
 * 备案, registry side: svc/filings.h.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "core/arena.h"
#include "core/calendar.h"
#include "core/config.h"
#include "core/log.h"
#include "core/parse.h"
#include "core/pubgen.h"
#include "core/sbuf.h"
#include "core/str.h"
#include "core/utf8.h"
#include "crypto/crypto.h"
#include "domain/report.h"
#include "media/sniff.h"
#include "svc/deadlines.h"
#include "svc/filings.h"
#include "svc/notices.h"
#include "svc/seal.h"

/* The Idempotency-Key: 8 to 128 of A-Z a-z 0-9 - _ (as the 报送's). */
#define IDEM_MIN	8
#define IDEM_MAX	128

/* Platforms made deregistered in one transaction of svc_filings_run, and runs per call. */
#define RUN_BATCH	100
#define RUN_ROUNDS	100

/* The notice kind staff are told with. */
#define NOTICE_KIND	"filing"

/* The rules refusals rest on. */
#define RULE_FILING	"办法 第五条"
#define RULE_CHANGE	"办法 第六条"
#define RULE_DEREG	"办法 第七条"
#define RULE_QUEUE	"R24"

/* Fields of the registry's own, beside the dossier's keys, a 补正 may name. */
static const char *const own_fields[] = {
	"filing_number", "change_date", "end_date", "changed", "note",
};

bool
svc_filings_on(const struct svc_ctx *c)
{
	return c->cfg->role == ROLE_REGISTRY;
}

static enum app_err
not_here(struct fault *f)
{
	return fault_set(f, APP_NOTFOUND, NULL, MSG_ERR_RF_OFF, 0);
}

static enum app_err
no_such(struct fault *f)
{
	return fault_set(f, APP_NOTFOUND, NULL, MSG_ERR_RF_NO_SUCH, 0);
}

/* A store failure as a fault. */
static enum app_err
stored(struct fault *f, enum app_err er)
{
	if (er == APP_NOTFOUND)
		return no_such(f);
	return fault_set(f, er == APP_OK ? APP_STORE : er, NULL, MSG_ERR_STORE, 0);
}

/* A refusal with the rule it rests on. */
static enum app_err
refuse(struct fault *f, enum app_err er, const char *field, enum msg_id m, const char *rule)
{
	fault_set(f, er, field, m, 0);
	f->rule = rule;
	return er;
}

static int64_t
actor_id(const struct svc_ctx *c)
{
	return c->actor != NULL ? c->actor->id : 0;
}

/* The subject of the n-th clock of a kind of application id (n from 1). */
static const char *
clock_subject(const struct svc_ctx *c, const char *id, int n)
{
	if (n <= 1)
		return arena_printf(c->a, "filing:%s", id);
	return arena_printf(c->a, "filing:%s/%d", id, n);
}

/* What the dossier and the documents are sealed to: their application and place. */
static const char *
fields_ad(const struct svc_ctx *c, const char *id)
{
	return arena_printf(c->a, "filing:%s/fields", id);
}

static const char *
doc_ad(const struct svc_ctx *c, const char *id, const char *field, const char *sha256)
{
	return arena_printf(c->a, "filing:%s/doc/%s/%s", id, field, sha256);
}

/* "YYYY-MM-DD" in China time of unix time t. */
static const char *
day_of(const struct svc_ctx *c, int64_t t)
{
	char	buf[16];

	date_format(date_of_time(t), buf, sizeof(buf));
	return arena_strdup(c->a, buf);
}

/* Both languages of a notice, zh first; m takes the application id. */
static const char *
notice_text(const struct svc_ctx *c, enum msg_id m, const char *id)
{
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	return arena_printf(c->a, "%s\n%s", arena_printf(c->a, msg(LANG_ZH, m), id),
	    arena_printf(c->a, msg(LANG_EN, m), id));
#pragma GCC diagnostic pop
}

static bool
idem_ok(const char *k)
{
	size_t	n, i;

	if (k == NULL || (n = strlen(k)) < IDEM_MIN || n > IDEM_MAX)
		return false;
	for (i = 0; i < n; i++)
		if (!((k[i] >= 'A' && k[i] <= 'Z') || (k[i] >= 'a' && k[i] <= 'z') ||
		    (k[i] >= '0' && k[i] <= '9') || k[i] == '-' || k[i] == '_'))
			return false;
	return true;
}

/*
 * The applicants' door, the 报送's: a vendor-role account of a provider or
 * platform organisation.  Its organisation into *o.
 */
static enum app_err
applicant(const struct svc_ctx *c, struct org *o, struct fault *f)
{
	if (!svc_filings_on(c))
		return not_here(f);
	if (c->actor == NULL || c->actor->org_id == 0 || c->actor->role != UROLE_VENDOR ||
	    store_org_by_id(c->st, c->a, c->actor->org_id, o) != APP_OK ||
	    (o->kind != ORG_PROVIDER && o->kind != ORG_PLATFORM))
		return refuse(f, APP_FORBIDDEN, NULL, MSG_ERR_RF_NOT_MEMBER, "rbac.org");
	return APP_OK;
}

/* Staff steps: the registry's, and the staff permission. */
static enum app_err
staff(const struct svc_ctx *c, struct fault *f)
{
	if (!svc_filings_on(c))
		return not_here(f);
	return svc_staff(c, f);
}

/*
 * Tell the account that sent the application (in-app; the platform also
 * reads the state back over the API): m takes the application id.
 */
static enum app_err
tell_applicant(const struct svc_ctx *c, const struct filing_app_row *r, enum msg_id m)
{
	if (r->submitter_id == 0)
		return APP_OK;
	return svc_notice_user(c, r->submitter_id, NOTICE_KIND, arena_printf(c->a,
	    "filing:%s", r->id), notice_text(c, m, r->id));
}

/* Other processes (the CLI) learn of a public change through meta public_gen. */
static enum app_err
mark_public(const struct svc_ctx *c)
{
	char	gen[48];

	snprintf(gen, sizeof(gen), "%lld.%llu", (long long)c->now,
	    (unsigned long long)crypto_random_uniform(1000000000u));
	return store_meta_set(c->st, "public_gen", gen);
}

/* --- the dossier --- */

/* The value given for key, trimmed, or "" (the public part is copied from it). */
static const char *
given(const struct svc_ctx *c, const struct filing_value *v, size_t n, const char *key)
{
	struct str	s;
	size_t		i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].key, key) == 0) {
			s = str_trim(str_from(v[i].value));
			return arena_strndup(c->a, s.p, s.n);
		}
	return "";
}

/* The dossier as one JSON object, to seal (wipe after use); NULL only when out of memory. */
static char *
dossier_text(const struct svc_ctx *c, const struct filing_value *v, size_t n, size_t *len)
{
	json_t	*o = json_object();
	char	*s;
	char	*out;
	size_t	 i;

	for (i = 0; i < n; i++) {
		json_t	*j = json_string(v[i].value);

		/* The API's parser gave valid UTF-8; anything else is not kept. */
		if (j != NULL)
			json_object_set_new(o, v[i].key, j);	/* steals j */
	}
	s = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (s == NULL)
		return NULL;
	*len = strlen(s);
	out = arena_strndup(c->a, s, *len);
	crypto_wipe(s, *len);
	free(s);
	return out;
}

/* Open a sealed dossier into values (in c->a); -1 when it does not open. */
static int
dossier_open(const struct svc_ctx *c, const struct sealed *s, const char *id,
    struct filing_value **out, size_t *n)
{
	unsigned char	*plain;
	size_t		 len, i = 0;
	json_t		*o, *v;
	json_error_t	 e;
	const char	*key;

	*out = NULL;
	*n = 0;
	if ((plain = svc_unseal(c, s, fields_ad(c, id), &len)) == NULL)
		return -1;
	o = json_loadb((const char *)plain, len, 0, &e);
	crypto_wipe(plain, len);
	if (o == NULL || !json_is_object(o)) {
		json_decref(o);
		return -1;
	}
	*out = arena_calloc(c->a, json_object_size(o) + 1, sizeof(**out));
	json_object_foreach(o, key, v) {
		if (!json_is_string(v))
			continue;
		(*out)[i].key = arena_strdup(c->a, key);
		(*out)[i].value = arena_strndup(c->a, json_string_value(v),
		    json_string_length(v));
		i++;
	}
	*n = i;
	json_decref(o);
	return 0;
}

/* The dossier in the set's order (every field, "" when not given), then keys the set lacks. */
static void
dossier_ordered(const struct svc_ctx *c, const struct filing_value *v, size_t n,
    struct filing_value **out, size_t *nout)
{
	const struct filing_fieldset	*fs = filing_fieldset_current();
	size_t				 i, j, k = 0;

	*out = arena_calloc(c->a, fs->n + n + 1, sizeof(**out));
	for (i = 0; i < fs->n; i++) {
		(*out)[k].key = fs->f[i].key;
		(*out)[k].value = "";
		for (j = 0; j < n; j++)
			if (strcmp(v[j].key, fs->f[i].key) == 0)
				(*out)[k].value = v[j].value;
		k++;
	}
	for (j = 0; j < n; j++)
		if (filing_field_find(fs, v[j].key) == NULL) {
			(*out)[k].key = v[j].key;
			(*out)[k].value = v[j].value;
			k++;
		}
	*nout = k;
}

/* --- deficiencies --- */

/* The items as stored: [{"field", "problem", "note"}]. */
static const char *
items_text(const struct svc_ctx *c, const struct filing_item *it, size_t n)
{
	json_t	*a = json_array();
	char	*s, *out;
	size_t	 i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s?, s:s?, s:s?}",
		    "field", it[i].field,
		    "problem", it[i].problem,
		    "note", it[i].note != NULL ? it[i].note : ""));	/* steals */
	s = json_dumps(a, JSON_COMPACT);
	json_decref(a);
	if (s == NULL)
		return "[]";
	out = arena_strdup(c->a, s);
	free(s);
	return out;
}

static void
items_parse(const struct svc_ctx *c, const char *text, struct filing_item **out, size_t *n)
{
	json_t		*a, *v;
	json_error_t	 e;
	size_t		 i, k = 0;

	*out = NULL;
	*n = 0;
	if ((a = json_loads(text, 0, &e)) == NULL)
		return;
	if (json_is_array(a)) {
		*out = arena_calloc(c->a, json_array_size(a) + 1, sizeof(**out));
		json_array_foreach(a, i, v) {
			const char	*fd = json_string_value(json_object_get(v, "field"));
			const char	*pb = json_string_value(json_object_get(v, "problem"));
			const char	*nt = json_string_value(json_object_get(v, "note"));

			if (fd == NULL)
				continue;
			(*out)[k].field = arena_strdup(c->a, fd);
			(*out)[k].problem = pb != NULL ? arena_strdup(c->a, pb) : NULL;
			(*out)[k].note = arena_strdup(c->a, nt != NULL ? nt : "");
			k++;
		}
	}
	*n = k;
	json_decref(a);
}

/* A list of deficiencies being found. */
struct found {
	struct filing_item	*it;
	size_t			 n;
};

static void
found_add(const struct svc_ctx *c, struct found *fd, const char *field, const char *problem)
{
	if (fd->it == NULL)
		fd->it = arena_calloc(c->a, FILING_ITEMS_MAX, sizeof(*fd->it));
	if (fd->n >= FILING_ITEMS_MAX)
		return;
	fd->it[fd->n].field = field;
	fd->it[fd->n].problem = problem;
	fd->it[fd->n].note = "";
	fd->n++;
}

/* A document to keep with the application once it is stored. */
struct doc_keep {
	const char		*field;
	const char		*name;
	const char		*sha256;
	const struct filing_doc_in *sent;	/* NULL: the one stored already stays */
};

/* What checking a submission found. */
struct checked {
	struct found		 fd;
	struct doc_keep		*keep;
	size_t			 nkeep;
	bool			 has_platform;
	struct filed_platform	 p;
	const char		*changed;	/* comma-separated */
};

/* "name sha256:<hex>" (filing_document_split) into its parts, in c->a. */
static bool
document_value(const struct svc_ctx *c, const char *v, const char **name, const char **hash)
{
	struct str	n, h;

	if (!filing_document_split(str_trim(str_from(v)), &n, &h))
		return false;
	*name = arena_strndup(c->a, n.p, n.n);
	*hash = arena_strndup(c->a, h.p, h.n);
	return true;
}

/* Is key one of the set's document fields with a value? */
static bool
doc_field_given(const struct filing_fieldset *fs, const struct filing_in *in, const char *key)
{
	const struct filing_field	*ff = filing_field_find(fs, key);
	size_t				 i;

	if (ff == NULL || ff->type != FT_DOCUMENT)
		return false;
	for (i = 0; i < in->nfields; i++)
		if (strcmp(in->fields[i].key, key) == 0)
			return str_trim(str_from(in->fields[i].value)).n > 0;
	return false;
}

/*
 * The documents: each document field with a well-formed value needs the
 * file beside it (or, answering a 补正, the same file stored already).
 */
static enum app_err
check_documents(const struct svc_ctx *c, const struct filing_fieldset *fs,
    const struct filing_in *in, const char *app_id, const bool *bad, struct checked *ck)
{
	struct filing_doc_row	 old;
	const char		*name, *hash;
	char			 hex[CRYPTO_HASH_HEX];
	size_t			 i, j;
	enum app_err		 er;

	ck->keep = arena_calloc(c->a, fs->n + 1, sizeof(*ck->keep));
	for (i = 0; i < in->nfields; i++) {
		const struct filing_field	*ff = filing_field_find(fs, in->fields[i].key);
		const struct filing_doc_in	*d = NULL;

		if (ff == NULL || ff->type != FT_DOCUMENT || bad[i] ||
		    str_trim(str_from(in->fields[i].value)).n == 0 ||
		    !document_value(c, in->fields[i].value, &name, &hash))
			continue;
		for (j = 0; j < in->ndocs; j++)
			if (strcmp(in->docs[j].field, ff->key) == 0)
				d = &in->docs[j];
		if (d == NULL) {
			/* Answering a 补正: the file stored already, if it is the same. */
			er = app_id != NULL ? store_filing_doc_get(c->st, c->a, app_id, ff->key,
			    &old, NULL) : APP_NOTFOUND;
			if (er != APP_OK && er != APP_NOTFOUND)
				return er;
			if (er == APP_OK && strcmp(old.sha256, hash) == 0)
				ck->keep[ck->nkeep++] = (struct doc_keep){ ff->key, name, hash, NULL };
			else
				found_add(c, &ck->fd, ff->key, FILING_P_MISMATCH);
			continue;
		}
		if (d->too_large) {
			found_add(c, &ck->fd, ff->key, FILING_P_TOO_LARGE);
			continue;
		}
		if (d->content == NULL) {
			found_add(c, &ck->fd, ff->key, FILING_P_MISMATCH);
			continue;
		}
		crypto_hash_hex(d->content, d->len, hex);
		if (strcmp(hex, hash) != 0 || (d->sha256 != NULL && d->sha256[0] != '\0' &&
		    strcasecmp(d->sha256, hex) != 0)) {
			found_add(c, &ck->fd, ff->key, FILING_P_MISMATCH);
			continue;
		}
		ck->keep[ck->nkeep++] = (struct doc_keep){ ff->key, name, hash, d };
	}
	/* A file beside no document field with a value is not one the dossier names. */
	for (j = 0; j < in->ndocs; j++)
		if (!doc_field_given(fs, in, in->docs[j].field))
			found_add(c, &ck->fd, arena_strdup(c->a, in->docs[j].field),
			    filing_problem_name(FP_UNKNOWN));
	return APP_OK;
}

/*
 * The 备案编号 of a change or a deregistration: a platform of the
 * applicant's organisation still filed.
 */
static enum app_err
check_number(const struct svc_ctx *c, const struct filing_in *in, int64_t org_id,
    struct checked *ck)
{
	enum app_err	er;

	if (in->filing_number == NULL || str_trim(str_from(in->filing_number)).n == 0) {
		found_add(c, &ck->fd, "filing_number", filing_problem_name(FP_MISSING));
		return APP_OK;
	}
	er = strlen(in->filing_number) <= FILING_NUMBER_MAX ?
	    store_filing_platform_by_number(c->st, c->a, in->filing_number, &ck->p) :
	    APP_NOTFOUND;
	if (er != APP_OK && er != APP_NOTFOUND)
		return er;
	if (er == APP_NOTFOUND || ck->p.org_id != org_id || ck->p.deregistered) {
		found_add(c, &ck->fd, "filing_number", FILING_P_NOT_FILED);
		return APP_OK;
	}
	ck->has_platform = true;
	return APP_OK;
}

/* A date member: missing or not YYYY-MM-DD. */
static void
check_date(const struct svc_ctx *c, const char *v, const char *field, struct checked *ck,
    int64_t *day)
{
	*day = -1;
	if (v == NULL || v[0] == '\0')
		found_add(c, &ck->fd, field, filing_problem_name(FP_MISSING));
	else if (date_parse(v, strlen(v), day) != 0) {
		*day = -1;
		found_add(c, &ck->fd, field, filing_problem_name(FP_FORMAT));
	}
}

/* The keys changed, each a key of the set, comma-separated; unknown ones are a deficiency. */
static void
check_changed(const struct svc_ctx *c, const struct filing_fieldset *fs,
    const struct filing_in *in, struct checked *ck)
{
	struct sbuf	b;
	size_t		i;
	bool		bad = false;

	sbuf_init(&b, c->a, 0);
	for (i = 0; i < in->nchanged; i++) {
		if (filing_field_find(fs, in->changed[i]) == NULL) {
			bad = true;
			continue;
		}
		sbuf_addf(&b, "%s%s", b.len > 0 ? "," : "", in->changed[i]);
	}
	if (bad)
		found_add(c, &ck->fd, "changed", filing_problem_name(FP_UNKNOWN));
	ck->changed = b.buf;
}

/*
 * Check a submission of kind k as the 办法 asks: every deficiency at once
 * (R24), into ck.  app_id: the application a resubmission answers (its
 * stored documents count), else NULL.
 */
static enum app_err
check(const struct svc_ctx *c, enum filing_app_kind k, const struct filing_in *in,
    int64_t org_id, const char *app_id, struct checked *ck)
{
	const struct filing_fieldset	*fs = filing_fieldset_current();
	struct filing_problem		*pr;
	bool				*bad;
	size_t				 np, i, j;
	int64_t				 day;
	enum app_err			 er;

	memset(ck, 0, sizeof(*ck));
	ck->changed = "";
	bad = arena_calloc(c->a, in->nfields + 1, sizeof(*bad));
	if (k != FAK_DEREGISTRATION) {
		pr = arena_calloc(c->a, FILING_ITEMS_MAX, sizeof(*pr));
		np = filing_check(fs, in->fields, in->nfields, pr, FILING_ITEMS_MAX);
		for (i = 0; i < np && i < FILING_ITEMS_MAX; i++) {
			found_add(c, &ck->fd, pr[i].key, filing_problem_name(pr[i].kind));
			for (j = 0; j < in->nfields; j++)
				if (strcmp(in->fields[j].key, pr[i].key) == 0)
					bad[j] = true;
		}
		if ((er = check_documents(c, fs, in, app_id, bad, ck)) != APP_OK)
			return er;
	}
	if (k == FAK_CHANGE || k == FAK_DEREGISTRATION)
		if ((er = check_number(c, in, org_id, ck)) != APP_OK)
			return er;
	if (k == FAK_CHANGE) {
		check_date(c, in->change_date, "change_date", ck, &day);
		check_changed(c, fs, in, ck);
	}
	if (k == FAK_DEREGISTRATION) {
		int64_t	filed;

		check_date(c, in->end_date, "end_date", ck, &day);
		/* The business cannot end before it was filed. */
		if (day >= 0 && ck->has_platform &&
		    date_parse(ck->p.filed_on, strlen(ck->p.filed_on), &filed) == 0 && day < filed)
			found_add(c, &ck->fd, "end_date", filing_problem_name(FP_FORMAT));
	}
	return APP_OK;
}

/* Seal and store the documents ck keeps; drop the stored ones it does not. */
static enum app_err
documents_store(const struct svc_ctx *c, const char *id, const struct checked *ck,
    bool replace)
{
	struct filing_doc_row	*old, d;
	struct sealed		 s;
	char			 mime[128];
	size_t			 nold, i, j;
	bool			 kept;
	enum app_err		 er;

	if (replace) {
		if ((er = store_filing_docs(c->st, c->a, id, &old, &nold)) != APP_OK)
			return er;
		for (i = 0; i < nold; i++) {
			for (kept = false, j = 0; j < ck->nkeep; j++)
				if (strcmp(ck->keep[j].field, old[i].field) == 0 &&
				    ck->keep[j].sent == NULL)
					kept = true;
			if (!kept && (er = store_filing_doc_delete(c->st, id, old[i].field)) !=
			    APP_OK)
				return er;
		}
	}
	for (j = 0; j < ck->nkeep; j++) {
		const struct filing_doc_in	*in = ck->keep[j].sent;

		if (in == NULL)
			continue;
		sniff_mime(in->content, in->len, mime, sizeof(mime));
		memset(&d, 0, sizeof(d));
		d.application_id = id;
		d.field = ck->keep[j].field;
		d.name = ck->keep[j].name;
		d.media_type = mime;
		d.claimed_type = in->media_type != NULL ? in->media_type : "";
		d.sha256 = ck->keep[j].sha256;
		d.size = (int64_t)in->len;
		d.created_at = c->now;
		svc_seal(c, in->content, in->len, doc_ad(c, id, d.field, d.sha256), &s);
		if ((er = store_filing_doc_put(c->st, &d, &s)) != APP_OK)
			return er;
	}
	return APP_OK;
}

/* --- views --- */

/* The leaf, its signed head and its inclusion proof, read back after the commit. */
static void
receipt_fill(const struct svc_ctx *c, const char *id, int64_t idx, struct intake_receipt *r)
{
	struct log_leaf	l;

	memset(r, 0, sizeof(*r));
	r->id = id;
	r->leaf_index = idx;
	if (store_log_leaf(c->st, c->a, idx, &l) != APP_OK ||
	    store_log_sth_get(c->st, idx + 1, &r->sth) != APP_OK ||
	    svc_log_inclusion(c, idx, idx + 1, r->proof, &r->nproof) != APP_OK) {
		/* Stored and logged already: the proof can be had from the log. */
		log_err("event=filing_receipt_failed id=%s leaf=%lld", id, (long long)idx);
		r->nproof = 0;
		return;
	}
	r->leaf = l.leaf;
	r->leaf_len = l.leaf_len;
}

/* The current clocks of an application. */
static enum app_err
clocks_fill(const struct svc_ctx *c, struct filing_view *v)
{
	enum app_err	er;

	if (v->a.reviews > 0) {
		er = store_deadline_find(c->st, c->a, DL_FILING_REVIEW,
		    clock_subject(c, v->a.id, v->a.reviews), &v->review);
		if (er != APP_OK && er != APP_NOTFOUND)
			return er;
		v->has_review = er == APP_OK;
	}
	if (v->a.rounds > 0) {
		er = store_deadline_find(c->st, c->a, DL_FILING_SUPPLEMENT,
		    clock_subject(c, v->a.id, v->a.rounds), &v->supplement);
		if (er != APP_OK && er != APP_NOTFOUND)
			return er;
		v->has_supplement = er == APP_OK;
	}
	if (v->has_review && filing_app_in_review(v->a.state))
		v->review_due_at = v->review.due_at;
	if (v->has_supplement && v->a.state == FAS_SUPPLEMENT_REQUESTED)
		v->supplement_due_at = v->supplement.due_at;
	return APP_OK;
}

/* Everything but the dossier: the platform, clocks, rounds and events. */
static enum app_err
view_fill(const struct svc_ctx *c, const char *id, struct filing_view *v, struct sealed *s)
{
	struct filing_round_row	*rr;
	size_t			 nr, i;
	enum app_err		 er;

	memset(v, 0, sizeof(*v));
	if ((er = store_filing_app_get(c->st, c->a, id, &v->a, s)) != APP_OK)
		return er;
	if (v->a.platform_id != 0) {
		if ((er = store_filing_platform_get(c->st, c->a, v->a.platform_id, &v->p)) !=
		    APP_OK && er != APP_NOTFOUND)
			return er;
		v->has_platform = er == APP_OK;
	}
	if ((er = clocks_fill(c, v)) != APP_OK ||
	    (er = store_filing_rounds(c->st, c->a, id, &rr, &nr)) != APP_OK ||
	    (er = store_filing_events(c->st, c->a, id, &v->events, &v->nevents)) != APP_OK)
		return er;
	v->rounds = arena_calloc(c->a, nr + 1, sizeof(*v->rounds));
	for (i = 0; i < nr; i++) {
		v->rounds[i].round = rr[i].round;
		v->rounds[i].note = rr[i].note;
		v->rounds[i].requested_at = rr[i].requested_at;
		v->rounds[i].requested_by = rr[i].requested_by_login;
		v->rounds[i].answered_at = rr[i].answered_at;
		items_parse(c, rr[i].items_json, &v->rounds[i].items, &v->rounds[i].nitems);
	}
	v->nrounds = nr;
	return APP_OK;
}

/* The staff's view: the dossier opened, documents, notices, and what a change changes. */
static enum app_err
view_full(const struct svc_ctx *c, struct filing_view *v, const struct sealed *s,
    struct fault *f)
{
	struct filing_app_row	 prev;
	struct sealed		 ps;
	struct filing_value	*vals;
	size_t			 n;
	enum app_err		 er;

	if (dossier_open(c, s, v->a.id, &vals, &n) != 0)
		goto unsealed;
	dossier_ordered(c, vals, n, &v->fields, &v->nfields);
	if ((er = store_filing_docs(c->st, c->a, v->a.id, &v->docs, &v->ndocs)) != APP_OK ||
	    (er = store_filing_notices(c->st, c->a, v->a.id, &v->notices, &v->nnotices)) !=
	    APP_OK)
		return stored(f, er);
	if (v->a.kind == FAK_CHANGE && v->a.platform_id != 0) {
		er = store_filing_app_dossier_of(c->st, c->a, v->a.platform_id, &prev, &ps);
		if (er != APP_OK && er != APP_NOTFOUND)
			return stored(f, er);
		/* The change itself once approved is the filed dossier: nothing to compare. */
		if (er == APP_OK && strcmp(prev.id, v->a.id) != 0) {
			if (dossier_open(c, &ps, prev.id, &vals, &n) != 0)
				goto unsealed;
			dossier_ordered(c, vals, n, &v->previous, &v->nprevious);
		}
	}
	v->full = true;
	return APP_OK;
unsealed:
	log_err("event=unseal_failed filing=%s", v->a.id);
	return fault_set(f, APP_INTERNAL, NULL, MSG_ERR_INTERNAL, 0);
}

/* Does the actor's organisation own this application? */
static bool
own(const struct svc_ctx *c, const struct filing_app_row *a)
{
	return c->actor != NULL && c->actor->role == UROLE_VENDOR && c->actor->org_id != 0 &&
	    a->org_id == c->actor->org_id;
}

enum app_err
svc_filing_get(const struct svc_ctx *c, const char *id, struct filing_view *out,
    struct fault *f)
{
	struct sealed	s;
	enum app_err	er;

	memset(out, 0, sizeof(*out));
	if (!svc_filings_on(c))
		return not_here(f);
	if (id == NULL || !report_id_valid(str_from(id)))
		return no_such(f);
	if ((er = view_fill(c, id, out, &s)) != APP_OK)
		return stored(f, er);
	if (svc_is_staff(c)) {
		/* The dossier holds ID numbers: every staff read leaves a trace (R18). */
		if ((er = store_audit_add(c->st, actor_id(c), "filing.read",
		    arena_printf(c->a, "filing:%s", id), "", c->addr, c->now)) != APP_OK)
			return stored(f, er);
		return view_full(c, out, &s, f);
	}
	if (!own(c, &out->a)) {
		memset(out, 0, sizeof(*out));
		return no_such(f);
	}
	return APP_OK;
}

/* The applicant's answer after a commit: the view as they see it. */
static enum app_err
answer(const struct svc_ctx *c, const char *id, struct filing_receipt *out, struct fault *f)
{
	enum app_err	er;

	if ((er = view_fill(c, id, &out->v, NULL)) != APP_OK)
		return stored(f, er);
	return APP_OK;
}

/* --- receiving --- */

/* The applicant's input, bounded where the API did not bound it. */
static enum app_err
input_ok(const struct filing_in *in, enum filing_app_kind *k, struct fault *f)
{
	int	i;

	if (!idem_ok(in->idem_key))
		return refuse(f, APP_INVALID, "Idempotency-Key", MSG_ERR_IDEM_KEY, RULE_QUEUE);
	if (in->kind == NULL || (i = filing_app_kind_parse(in->kind, strlen(in->kind))) < 0)
		return refuse(f, APP_INVALID, "kind", MSG_ERR_RF_KIND, RULE_FILING);
	*k = (enum filing_app_kind)i;
	if (in->note != NULL && (!utf8_text(in->note, strlen(in->note), true) ||
	    utf8_count(in->note, strlen(in->note)) > FILING_NOTE_MAX))
		return refuse(f, APP_INVALID, "note", MSG_ERR_RF_NOTE, RULE_FILING);
	return APP_OK;
}

/* A word for the events: the applicant's field set, when it is not the registry's. */
static const char *
fieldset_note(const struct svc_ctx *c, const struct filing_in *in, size_t ndef)
{
	const struct filing_fieldset	*fs = filing_fieldset_current();

	if (in->fieldset != NULL && in->fieldset[0] != '\0' &&
	    strcmp(in->fieldset, fs->version) != 0)
		return arena_printf(c->a, "deficiencies=%zu fieldset=%.64s (registry %s)", ndef,
		    in->fieldset, fs->version);
	return arena_printf(c->a, "deficiencies=%zu", ndef);
}

/* A 补正 round and its clock (inside the transaction); r->rounds is the new round. */
static enum app_err
round_open(const struct svc_ctx *c, const struct filing_app_row *r,
    const struct filing_item *it, size_t n, const char *note, int64_t by)
{
	struct filing_round_row	rr;
	enum app_err		er;

	memset(&rr, 0, sizeof(rr));
	rr.application_id = r->id;
	rr.round = r->rounds;
	rr.items_json = items_text(c, it, n);
	rr.note = note != NULL ? note : "";
	rr.requested_at = c->now;
	rr.requested_by = by;
	if ((er = store_filing_round_add(c->st, &rr)) != APP_OK)
		return er;
	return svc_clock_start(c, DL_FILING_SUPPLEMENT, clock_subject(c, r->id, r->rounds),
	    NULL, NULL, c->now);
}

enum app_err
svc_filing_apply(const struct svc_ctx *c, const struct filing_in *in,
    struct filing_receipt *out, struct fault *f)
{
	struct filing_app_row	 r;
	struct checked		 ck;
	struct sealed		 s;
	struct org		 o;
	enum filing_app_kind	 k;
	const char		*open_id;
	char			*text, id[64];
	size_t			 len, nstaff;
	int64_t			 seq;
	int			 year;
	enum app_err		 er;

	memset(out, 0, sizeof(*out));
	if ((er = applicant(c, &o, f)) != APP_OK || (er = input_ok(in, &k, f)) != APP_OK)
		return er;
	if ((er = store_begin(c->st)) != APP_OK)
		return stored(f, er);
	/* The same key from the same organisation: the same application, nothing new. */
	if ((er = store_filing_app_by_key(c->st, c->a, o.id, in->idem_key, &r)) == APP_OK) {
		store_rollback(c->st);
		out->replay = true;
		return answer(c, r.id, out, f);
	}
	if (er != APP_NOTFOUND || (er = check(c, k, in, o.id, NULL, &ck)) != APP_OK)
		goto fail;
	/* One application at a time for a platform (an initial one: for the organisation). */
	if (k == FAK_INITIAL || ck.has_platform) {
		er = store_filing_app_open_for(c->st, c->a, o.id, k == FAK_INITIAL ? 0 : ck.p.id,
		    &open_id);
		if (er == APP_OK) {
			store_rollback(c->st);
			refuse(f, APP_CONFLICT, NULL, MSG_ERR_RF_OPEN_EXISTS, RULE_QUEUE);
			f->sarg = open_id;
			return APP_CONFLICT;
		}
		if (er != APP_NOTFOUND)
			goto fail;
	}
	year = report_id_year(c->now);
	if ((er = store_filing_next_seq(c->st, "application", year, &seq)) != APP_OK)
		goto fail;
	report_id_format(id, sizeof(id), c->cfg->filing_app_prefix, year, seq);
	memset(&r, 0, sizeof(r));
	r.id = arena_strdup(c->a, id);
	r.kind = k;
	r.state = ck.fd.n == 0 ? FAS_SUBMITTED : FAS_SUPPLEMENT_REQUESTED;
	r.platform_id = ck.has_platform ? ck.p.id : 0;
	r.org_id = o.id;
	r.submitter_id = actor_id(c);
	r.idem_key = in->idem_key;
	r.fieldset = filing_fieldset_current()->version;
	if (k == FAK_DEREGISTRATION) {
		/* The public part is the platform's, as it is listed. */
		r.name = ck.has_platform ? ck.p.name : "";
		r.url = ck.has_platform ? ck.p.url : "";
		r.icp = ck.has_platform ? ck.p.icp : "";
		r.sponsor = ck.has_platform ? ck.p.sponsor : "";
	} else {
		r.name = given(c, in->fields, in->nfields, "platform.name");
		r.url = given(c, in->fields, in->nfields, "platform.url");
		r.icp = given(c, in->fields, in->nfields, "platform.icp");
		r.sponsor = given(c, in->fields, in->nfields, "sponsor.name");
	}
	r.given_number = in->filing_number != NULL ? in->filing_number : "";
	r.change_date = k == FAK_CHANGE && in->change_date != NULL ? in->change_date : "";
	r.end_date = k == FAK_DEREGISTRATION && in->end_date != NULL ? in->end_date : "";
	r.changed = ck.changed;
	r.note = in->note != NULL ? in->note : "";
	r.payload_sha256 = in->payload_sha256;
	r.submitted_at = c->now;
	r.complete_at = ck.fd.n == 0 ? c->now : 0;
	r.reviews = ck.fd.n == 0 ? 1 : 0;
	r.rounds = ck.fd.n == 0 ? 0 : 1;
	if ((text = dossier_text(c, k == FAK_DEREGISTRATION ? NULL : in->fields,
	    k == FAK_DEREGISTRATION ? 0 : in->nfields, &len)) == NULL) {
		er = APP_INTERNAL;
		goto fail;
	}
	svc_seal(c, text, len, fields_ad(c, r.id), &s);
	crypto_wipe(text, len);
	if ((er = svc_log_append(c, r.id, "federation", in->payload_sha256, &r.leaf_index)) !=
	    APP_OK ||
	    (er = store_filing_app_insert(c->st, &r, &s)) != APP_OK ||
	    (er = documents_store(c, r.id, &ck, false)) != APP_OK ||
	    (er = store_filing_event_add(c->st, r.id, c->now, actor_id(c), "submitted",
	    fieldset_note(c, in, ck.fd.n))) != APP_OK)
		goto fail;
	if (ck.fd.n == 0)
		er = svc_clock_start(c, DL_FILING_REVIEW, clock_subject(c, r.id, 1), NULL, NULL,
		    c->now);
	else if ((er = round_open(c, &r, ck.fd.it, ck.fd.n, NULL, 0)) == APP_OK)
		er = store_filing_event_add(c->st, r.id, c->now, 0, "supplement_requested",
		    arena_printf(c->a, "round=1 items=%zu", ck.fd.n));
	if (er != APP_OK ||
	    (er = store_audit_add(c->st, actor_id(c), "filing.receive",
	    arena_printf(c->a, "filing:%s", r.id), arena_printf(c->a,
	    "kind=%s org=%s leaf=%lld deficiencies=%zu", filing_app_kind_name(k), o.slug,
	    (long long)r.leaf_index, ck.fd.n), c->addr, c->now)) != APP_OK ||
	    (er = svc_notice_staff(c, NOTICE_KIND, arena_printf(c->a, "filing:%s", r.id),
	    notice_text(c, MSG_RF_NOTICE_NEW, r.id), &nstaff)) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK)
		goto fail;
	log_info("event=filing_received id=%s kind=%s org=%s leaf=%lld deficiencies=%zu", r.id,
	    filing_app_kind_name(k), o.slug, (long long)r.leaf_index, ck.fd.n);
	receipt_fill(c, r.id, r.leaf_index, &out->r);
	return answer(c, r.id, out, f);
fail:
	store_rollback(c->st);
	return stored(f, er == APP_NOTFOUND ? APP_STORE : er);
}

enum app_err
svc_filing_resubmit(const struct svc_ctx *c, const char *id, const struct filing_in *in,
    struct filing_receipt *out, struct fault *f)
{
	struct filing_app_row	 r;
	struct checked		 ck;
	struct sealed		 s;
	struct org		 o;
	enum filing_app_kind	 k;
	const char		*leaf_id;
	char			*text;
	size_t			 len, nstaff;
	int			 answered;
	bool			 used;
	enum app_err		 er;

	memset(out, 0, sizeof(*out));
	if ((er = applicant(c, &o, f)) != APP_OK || (er = input_ok(in, &k, f)) != APP_OK)
		return er;
	if (id == NULL || !report_id_valid(str_from(id)))
		return no_such(f);
	if ((er = store_begin(c->st)) != APP_OK)
		return stored(f, er);
	if ((er = store_filing_app_get(c->st, c->a, id, &r, NULL)) != APP_OK)
		goto fail;
	if (!own(c, &r)) {
		store_rollback(c->st);
		return no_such(f);
	}
	/* A key that answered a round already: that answer again. */
	if ((er = store_filing_round_key_used(c->st, id, in->idem_key, &used)) != APP_OK)
		goto fail;
	if (used) {
		store_rollback(c->st);
		out->replay = true;
		return answer(c, id, out, f);
	}
	if (k != r.kind) {
		store_rollback(c->st);
		return refuse(f, APP_INVALID, "kind", MSG_ERR_RF_KIND_OTHER, RULE_FILING);
	}
	if (!filing_app_move_ok(r.state, FAS_RESUBMITTED)) {
		store_rollback(c->st);
		return refuse(f, APP_CONFLICT, NULL, MSG_ERR_RF_NOT_AWAITING, RULE_FILING);
	}
	if ((er = check(c, k, in, o.id, r.id, &ck)) != APP_OK)
		goto fail;
	answered = r.rounds;
	if (k == FAK_DEREGISTRATION) {
		r.name = ck.has_platform ? ck.p.name : "";
		r.url = ck.has_platform ? ck.p.url : "";
		r.icp = ck.has_platform ? ck.p.icp : "";
		r.sponsor = ck.has_platform ? ck.p.sponsor : "";
	} else {
		r.name = given(c, in->fields, in->nfields, "platform.name");
		r.url = given(c, in->fields, in->nfields, "platform.url");
		r.icp = given(c, in->fields, in->nfields, "platform.icp");
		r.sponsor = given(c, in->fields, in->nfields, "sponsor.name");
	}
	/* A platform named only now (its number was the deficiency) must have nothing else open. */
	if (r.platform_id == 0 && ck.has_platform) {
		const char	*open_id;

		er = store_filing_app_open_for(c->st, c->a, o.id, ck.p.id, &open_id);
		if (er == APP_OK) {
			store_rollback(c->st);
			refuse(f, APP_CONFLICT, NULL, MSG_ERR_RF_OPEN_EXISTS, RULE_QUEUE);
			f->sarg = open_id;
			return APP_CONFLICT;
		}
		if (er != APP_NOTFOUND)
			goto fail;
	}
	if (r.kind != FAK_INITIAL)
		r.platform_id = ck.has_platform ? ck.p.id : 0;
	r.fieldset = filing_fieldset_current()->version;
	r.given_number = in->filing_number != NULL ? in->filing_number : "";
	r.change_date = k == FAK_CHANGE && in->change_date != NULL ? in->change_date : "";
	r.end_date = k == FAK_DEREGISTRATION && in->end_date != NULL ? in->end_date : "";
	r.changed = ck.changed;
	r.note = in->note != NULL ? in->note : "";
	r.payload_sha256 = in->payload_sha256;
	r.updated_at = c->now;
	if (ck.fd.n == 0) {
		r.state = FAS_RESUBMITTED;
		r.complete_at = c->now;
		r.reviews++;
	} else {
		/* Resubmitted, and still deficient: the next round at once. */
		r.state = FAS_SUPPLEMENT_REQUESTED;
		r.rounds++;
	}
	if ((text = dossier_text(c, k == FAK_DEREGISTRATION ? NULL : in->fields,
	    k == FAK_DEREGISTRATION ? 0 : in->nfields, &len)) == NULL) {
		er = APP_INTERNAL;
		goto fail;
	}
	svc_seal(c, text, len, fields_ad(c, r.id), &s);
	crypto_wipe(text, len);
	/* The answer is inbound like the first submission: a leaf of its own. */
	leaf_id = arena_printf(c->a, "%s/R%d", r.id, answered);
	if ((er = svc_log_append(c, leaf_id, "federation", in->payload_sha256,
	    &out->r.leaf_index)) != APP_OK ||
	    (er = store_filing_app_save(c->st, &r, FAS_SUPPLEMENT_REQUESTED, &s)) != APP_OK ||
	    (er = documents_store(c, r.id, &ck, true)) != APP_OK ||
	    (er = store_filing_round_answer(c->st, r.id, answered, in->idem_key, c->now)) !=
	    APP_OK ||
	    (er = svc_clock_met(c, DL_FILING_SUPPLEMENT, clock_subject(c, r.id, answered))) !=
	    APP_OK ||
	    (er = store_filing_event_add(c->st, r.id, c->now, actor_id(c), "resubmitted",
	    arena_printf(c->a, "round=%d leaf=%lld %s", answered,
	    (long long)out->r.leaf_index, fieldset_note(c, in, ck.fd.n)))) != APP_OK)
		goto fail;
	if (ck.fd.n == 0)
		er = svc_clock_start(c, DL_FILING_REVIEW, clock_subject(c, r.id, r.reviews), NULL,
		    NULL, c->now);
	else if ((er = round_open(c, &r, ck.fd.it, ck.fd.n, NULL, 0)) == APP_OK)
		er = store_filing_event_add(c->st, r.id, c->now, 0, "supplement_requested",
		    arena_printf(c->a, "round=%d items=%zu", r.rounds, ck.fd.n));
	if (er != APP_OK ||
	    (er = store_audit_add(c->st, actor_id(c), "filing.resubmit",
	    arena_printf(c->a, "filing:%s", r.id), arena_printf(c->a,
	    "round=%d leaf=%lld deficiencies=%zu", answered, (long long)out->r.leaf_index,
	    ck.fd.n), c->addr, c->now)) != APP_OK ||
	    (er = svc_notice_staff(c, NOTICE_KIND, arena_printf(c->a, "filing:%s", r.id),
	    notice_text(c, MSG_RF_NOTICE_RESUBMITTED, r.id), &nstaff)) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK)
		goto fail;
	log_info("event=filing_resubmitted id=%s round=%d deficiencies=%zu", r.id, answered,
	    ck.fd.n);
	receipt_fill(c, leaf_id, out->r.leaf_index, &out->r);
	return answer(c, r.id, out, f);
fail:
	store_rollback(c->st);
	if (er == APP_NOTFOUND)
		return no_such(f);
	return stored(f, er);
}

/* --- steps on an application --- */

/* Begin a step: the application inside the transaction. */
static enum app_err
step_begin(const struct svc_ctx *c, const char *id, struct filing_app_row *r,
    struct fault *f)
{
	enum app_err	er;

	if (id == NULL || !report_id_valid(str_from(id)))
		return no_such(f);
	if ((er = store_begin(c->st)) != APP_OK)
		return stored(f, er);
	if ((er = store_filing_app_get(c->st, c->a, id, r, NULL)) != APP_OK) {
		store_rollback(c->st);
		return stored(f, er);
	}
	return APP_OK;
}

/* A step the state does not allow: the transaction ends, APP_CONFLICT. */
static enum app_err
step_refused(const struct svc_ctx *c, const struct filing_app_row *r, struct fault *f)
{
	enum msg_id	m;

	store_rollback(c->st);
	switch (r->state) {
	case FAS_SUPPLEMENT_REQUESTED:
		m = MSG_ERR_RF_AWAITING;
		break;
	case FAS_APPROVED:
	case FAS_REJECTED:
	case FAS_WITHDRAWN:
		m = MSG_ERR_RF_DECIDED;
		break;
	default:
		m = MSG_ERR_RF_IN_REVIEW;
		break;
	}
	refuse(f, APP_CONFLICT, NULL, m, RULE_FILING);
	f->sarg = filing_app_state_name(r->state);
	return APP_CONFLICT;
}

/* Waive whichever of an application's clocks still runs (it is decided or withdrawn). */
static enum app_err
clocks_stop(const struct svc_ctx *c, const struct filing_app_row *r, const char *reason)
{
	enum app_err	er = APP_OK;

	if (r->reviews > 0)
		er = svc_clock_waive(c, DL_FILING_REVIEW, clock_subject(c, r->id, r->reviews),
		    reason);
	if (er == APP_OK && r->rounds > 0)
		er = svc_clock_waive(c, DL_FILING_SUPPLEMENT, clock_subject(c, r->id, r->rounds),
		    reason);
	return er;
}

/* The view after a step (the staff's when full). */
static enum app_err
step_view(const struct svc_ctx *c, const char *id, struct filing_view *out, bool full,
    struct fault *f)
{
	struct sealed	s;
	enum app_err	er;

	if ((er = view_fill(c, id, out, &s)) != APP_OK)
		return stored(f, er);
	return full ? view_full(c, out, &s, f) : APP_OK;
}

/* End a step: commit, then the view. */
static enum app_err
step_end(const struct svc_ctx *c, const char *id, struct filing_view *out, bool full,
    struct fault *f)
{
	enum app_err	er;

	if ((er = store_commit(c->st)) != APP_OK) {
		store_rollback(c->st);
		return stored(f, er);
	}
	return step_view(c, id, out, full, f);
}

/* Is text a non-empty note of at most max characters (lines allowed)? */
static bool
note_ok(const char *text, size_t max, bool required)
{
	struct str	s;

	if (text == NULL)
		return !required;
	s = str_trim(str_from(text));
	if (s.n == 0)
		return !required;
	return utf8_text(text, strlen(text), true) && utf8_count(text, strlen(text)) <= max;
}

enum app_err
svc_filing_withdraw(const struct svc_ctx *c, const char *id, const char *reason,
    struct filing_view *out, struct fault *f)
{
	struct filing_app_row	r;
	struct org		o;
	enum filing_app_state	from;
	size_t			nstaff;
	enum app_err		er;

	memset(out, 0, sizeof(*out));
	if ((er = applicant(c, &o, f)) != APP_OK)
		return er;
	if (!note_ok(reason, FILING_REASON_MAX, false))
		return refuse(f, APP_INVALID, "reason", MSG_ERR_RF_REASON, RULE_FILING);
	if ((er = step_begin(c, id, &r, f)) != APP_OK)
		return er;
	if (!own(c, &r)) {
		store_rollback(c->st);
		return no_such(f);
	}
	if (!filing_app_move_ok(r.state, FAS_WITHDRAWN))
		return step_refused(c, &r, f);
	from = r.state;
	r.state = FAS_WITHDRAWN;
	r.decided_at = c->now;
	r.decided_by = 0;
	r.reason = reason != NULL ? reason : "";
	r.updated_at = c->now;
	if ((er = store_filing_app_save(c->st, &r, from, NULL)) != APP_OK ||
	    (er = clocks_stop(c, &r, "withdrawn by the applicant")) != APP_OK ||
	    (er = store_filing_event_add(c->st, r.id, c->now, actor_id(c), "withdrawn",
	    r.reason)) != APP_OK ||
	    (er = store_audit_add(c->st, actor_id(c), "filing.withdraw",
	    arena_printf(c->a, "filing:%s", r.id), arena_printf(c->a, "from=%s",
	    filing_app_state_name(from)), c->addr, c->now)) != APP_OK ||
	    (er = svc_notice_staff(c, NOTICE_KIND, arena_printf(c->a, "filing:%s", r.id),
	    notice_text(c, MSG_RF_NOTICE_WITHDRAWN, r.id), &nstaff)) != APP_OK) {
		store_rollback(c->st);
		return stored(f, er == APP_NOTFOUND ? APP_CONFLICT : er);
	}
	return step_end(c, r.id, out, false, f);
}

/* Is field one a 补正 may name: a key of the set, or one of the registry's own? */
static bool
item_field_ok(const char *field)
{
	size_t	i;

	if (field == NULL || field[0] == '\0')
		return false;
	if (filing_field_find(filing_fieldset_current(), field) != NULL)
		return true;
	for (i = 0; i < sizeof(own_fields) / sizeof(own_fields[0]); i++)
		if (strcmp(field, own_fields[i]) == 0)
			return true;
	return false;
}

enum app_err
svc_filing_supplement(const struct svc_ctx *c, const char *id, const struct filing_item *items,
    size_t nitems, const char *note, struct filing_view *out, struct fault *f)
{
	struct filing_app_row	 r;
	struct filing_item	*it;
	enum filing_app_state	 from;
	size_t			 i, j;
	enum app_err		 er;

	memset(out, 0, sizeof(*out));
	if ((er = staff(c, f)) != APP_OK)
		return er;
	/* Every deficiency at once, each named once with what is wrong (R24). */
	if (nitems == 0 || nitems > FILING_ITEMS_MAX)
		return refuse(f, APP_INVALID, "items", MSG_ERR_RF_ITEMS, RULE_QUEUE);
	it = arena_calloc(c->a, nitems, sizeof(*it));
	for (i = 0; i < nitems; i++) {
		if (!item_field_ok(items[i].field)) {
			refuse(f, APP_INVALID, "items", MSG_ERR_RF_ITEM_FIELD, RULE_QUEUE);
			f->sarg = items[i].field != NULL && utf8_valid(items[i].field,
			    strlen(items[i].field)) ? items[i].field : "";
			return APP_INVALID;
		}
		if (!note_ok(items[i].note, FILING_NOTE_MAX, true)) {
			refuse(f, APP_INVALID, "items", MSG_ERR_RF_ITEM_NOTE, RULE_QUEUE);
			f->sarg = items[i].field;
			return APP_INVALID;
		}
		for (j = 0; j < i; j++)
			if (strcmp(items[j].field, items[i].field) == 0) {
				refuse(f, APP_INVALID, "items", MSG_ERR_RF_ITEM_TWICE, RULE_QUEUE);
				f->sarg = items[i].field;
				return APP_INVALID;
			}
		it[i].field = items[i].field;
		it[i].problem = items[i].problem;
		it[i].note = items[i].note;
	}
	if (!note_ok(note, FILING_NOTE_MAX, false))
		return refuse(f, APP_INVALID, "note", MSG_ERR_RF_NOTE, RULE_QUEUE);
	if ((er = step_begin(c, id, &r, f)) != APP_OK)
		return er;
	if (!filing_app_move_ok(r.state, FAS_SUPPLEMENT_REQUESTED))
		return step_refused(c, &r, f);
	from = r.state;
	/* The review clock stops: the submission was not complete after all (第五条). */
	if ((er = svc_clock_waive(c, DL_FILING_REVIEW, clock_subject(c, r.id, r.reviews),
	    "补正 requested: the submission was not complete (办法 第五条)")) != APP_OK)
		goto fail;
	r.state = FAS_SUPPLEMENT_REQUESTED;
	r.complete_at = 0;
	r.rounds++;
	r.updated_at = c->now;
	if ((er = store_filing_app_save(c->st, &r, from, NULL)) != APP_OK ||
	    (er = round_open(c, &r, it, nitems, note, actor_id(c))) != APP_OK ||
	    (er = store_filing_event_add(c->st, r.id, c->now, actor_id(c),
	    "supplement_requested", arena_printf(c->a, "round=%d items=%zu", r.rounds,
	    nitems))) != APP_OK ||
	    (er = store_audit_add(c->st, actor_id(c), "filing.supplement",
	    arena_printf(c->a, "filing:%s", r.id), arena_printf(c->a, "round=%d items=%zu",
	    r.rounds, nitems), c->addr, c->now)) != APP_OK ||
	    (er = tell_applicant(c, &r, MSG_RF_NOTICE_SUPPLEMENT)) != APP_OK)
		goto fail;
	return step_end(c, r.id, out, true, f);
fail:
	store_rollback(c->st);
	return stored(f, er == APP_NOTFOUND ? APP_CONFLICT : er);
}

/* The next 备案编号 ([filing] number_template); APP_INTERNAL if it does not fit. */
static enum app_err
number_mint(const struct svc_ctx *c, char out[FILING_NUMBER_MAX])
{
	const char	*tmpl = c->cfg->filing_number_template;
	int		 year = report_id_year(c->now);
	int64_t		 seq;
	enum app_err	 er;

	/* Without {YYYY} in the template the sequence runs across years, so no number repeats. */
	if ((er = store_filing_next_seq(c->st, "number", strstr(tmpl, "{YYYY}") != NULL ?
	    year : 0, &seq)) != APP_OK)
		return er;
	if (filing_number_format(tmpl, c->cfg->filing_number_prefix, year, seq, out,
	    FILING_NUMBER_MAX) != 0) {
		log_err("event=filing_number_failed template=\"%s\" seq=%lld", tmpl,
		    (long long)seq);
		return APP_INTERNAL;
	}
	return APP_OK;
}

/* The notice's event: filed, changed or deregistered. */
static const char *
notice_event(enum filing_app_kind k)
{
	return k == FAK_INITIAL ? "filed" : k == FAK_CHANGE ? "changed" : "deregistered";
}

/* A mail notice: the public facts only, both languages. */
static enum app_err
notice_mail(const struct svc_ctx *c, const struct filing_app_row *r,
    const struct filed_platform *p, const char *addr, int64_t *ob)
{
	const char	*subject, *body;

	subject = arena_printf(c->a, "[%s] 备案通报 / Filing notice %s: %s", c->cfg->name,
	    p->number, notice_event(r->kind));
	body = arena_printf(c->a,
	    "事项 / Event: %s\n"
	    "备案编号 / Filing number: %s\n"
	    "平台名称 / Platform: %s\n"
	    "主办者 / Sponsor: %s\n"
	    "首页网址 / URL: %s\n"
	    "ICP 许可或备案号 / ICP: %s\n"
	    "备案日期 / Filed on: %s\n"
	    "注销日期 / Deregistered on: %s\n"
	    "备案机构 / Registry: %s\n"
	    "申请编号 / Application: %s\n\n"
	    "依据《网络产品安全漏洞收集平台备案管理办法》第五条通报。\n"
	    "Notified under Article 5 of the filing measures.\n",
	    notice_event(r->kind), p->number, r->name, r->sponsor, r->url, r->icp, p->filed_on,
	    r->kind == FAK_DEREGISTRATION ? r->end_date : "-", c->cfg->name, r->id);
	return store_outbox_add_mail(c->st, addr, subject, body, c->now, ob);
}

/* The notices of an approval to 公安部 and 网信办 (第五条), each recorded. */
static enum app_err
notices_queue(const struct svc_ctx *c, const struct filing_app_row *r,
    const struct filed_platform *p)
{
	const char *const	 who[2] = { "mps", "cac" };
	const char		*to[2] = { c->cfg->filing_notify_mps, c->cfg->filing_notify_cac };
	struct filing_notice_row n;
	int64_t			 nid, ob;
	size_t			 i;
	enum app_err		 er;

	for (i = 0; i < 2; i++) {
		memset(&n, 0, sizeof(n));
		n.application_id = r->id;
		n.recipient = who[i];
		n.target = to[i];
		n.created_at = c->now;
		if ((er = store_filing_notice_add(c->st, &n, &nid)) != APP_OK)
			return er;
		if (to[i][0] == '\0') {
			/* Not configured: recorded, so the page says who was not told. */
			log_warnx("event=filing_notice_unconfigured id=%s recipient=%s", r->id,
			    who[i]);
			continue;
		}
		ob = 0;
		if (strncmp(to[i], "mailto:", 7) == 0)
			er = notice_mail(c, r, p, to[i] + 7, &ob);
		else
			er = store_outbox_add_http(c->st, to[i], arena_printf(c->a,
			    "filing_notice:%lld", (long long)nid), arena_printf(c->a,
			    "filing-notice-%lld", (long long)nid), c->now, &ob);
		if (er != APP_OK || (er = store_filing_notice_set_outbox(c->st, nid, ob)) !=
		    APP_OK)
			return er;
	}
	return APP_OK;
}

/* What an approval does to the public list, by kind; *dereg: the platform ended today. */
static enum app_err
approve_effect(const struct svc_ctx *c, struct filing_app_row *r, struct filed_platform *p,
    bool *dereg, struct fault *f)
{
	char		number[FILING_NUMBER_MAX];
	const char	*today = day_of(c, c->now);
	enum app_err	er;

	*dereg = false;
	if (r->kind == FAK_INITIAL) {
		if ((er = number_mint(c, number)) != APP_OK)
			return stored(f, er);
		memset(p, 0, sizeof(*p));
		p->number = arena_strdup(c->a, number);
		p->name = r->name;
		p->url = r->url;
		p->icp = r->icp;
		p->sponsor = r->sponsor;
		p->org_id = r->org_id;
		p->filed_on = today;
		p->deregistered_on = "";
		p->updated_at = c->now;
		if ((er = store_filing_platform_insert(c->st, p, &p->id)) != APP_OK)
			return stored(f, er);
		r->platform_id = p->id;
		return APP_OK;
	}
	er = r->platform_id != 0 ? store_filing_platform_get(c->st, c->a, r->platform_id, p) :
	    APP_NOTFOUND;
	if (er == APP_NOTFOUND || (er == APP_OK && p->deregistered))
		return refuse(f, APP_CONFLICT, NULL, MSG_ERR_RF_PLATFORM_GONE,
		    r->kind == FAK_CHANGE ? RULE_CHANGE : RULE_DEREG);
	if (er != APP_OK)
		return stored(f, er);
	if (r->kind == FAK_CHANGE) {
		/* 第六条: the public row takes the changed information. */
		p->name = r->name;
		p->url = r->url;
		p->icp = r->icp;
		p->sponsor = r->sponsor;
	} else {
		/* 第七条: deregistered on the business's last day, at once if it has come. */
		p->deregistered_on = r->end_date;
		*dereg = strcmp(r->end_date, today) <= 0;
		p->deregistered = *dereg;
	}
	p->updated_at = c->now;
	if ((er = store_filing_platform_update(c->st, p)) != APP_OK)
		return stored(f, er);
	return APP_OK;
}

enum app_err
svc_filing_approve(const struct svc_ctx *c, const char *id, const char *note,
    struct filing_view *out, struct fault *f)
{
	struct filing_app_row	r;
	struct filed_platform	p;
	enum filing_app_state	from;
	bool			dereg;
	enum app_err		er;

	memset(out, 0, sizeof(*out));
	if ((er = staff(c, f)) != APP_OK)
		return er;
	if (!note_ok(note, FILING_NOTE_MAX, false))
		return refuse(f, APP_INVALID, "note", MSG_ERR_RF_NOTE, RULE_FILING);
	if ((er = step_begin(c, id, &r, f)) != APP_OK)
		return er;
	if (!filing_app_move_ok(r.state, FAS_APPROVED))
		return step_refused(c, &r, f);
	from = r.state;
	if ((er = approve_effect(c, &r, &p, &dereg, f)) != APP_OK) {
		store_rollback(c->st);
		return er;
	}
	r.state = FAS_APPROVED;
	r.decided_at = c->now;
	r.decided_by = actor_id(c);
	r.updated_at = c->now;
	if ((er = store_filing_app_save(c->st, &r, from, NULL)) != APP_OK ||
	    (er = svc_clock_met(c, DL_FILING_REVIEW, clock_subject(c, r.id, r.reviews))) !=
	    APP_OK ||
	    (er = notices_queue(c, &r, &p)) != APP_OK ||
	    (er = store_filing_event_add(c->st, r.id, c->now, actor_id(c), "approved",
	    note != NULL ? note : "")) != APP_OK ||
	    (dereg && (er = store_filing_event_add(c->st, r.id, c->now, actor_id(c),
	    "deregistered", r.end_date)) != APP_OK) ||
	    (er = store_audit_add(c->st, actor_id(c), "filing.approve",
	    arena_printf(c->a, "filing:%s", r.id), arena_printf(c->a, "kind=%s number=%s%s",
	    filing_app_kind_name(r.kind), p.number, dereg ? " deregistered" : ""), c->addr,
	    c->now)) != APP_OK ||
	    (er = tell_applicant(c, &r, MSG_RF_NOTICE_APPROVED)) != APP_OK ||
	    (er = mark_public(c)) != APP_OK || (er = store_commit(c->st)) != APP_OK) {
		store_rollback(c->st);
		return stored(f, er == APP_NOTFOUND ? APP_CONFLICT : er);
	}
	/* The public list changed: cached pages start again. */
	pubgen_bump();
	log_info("event=filing_approved id=%s kind=%s number=%s", r.id,
	    filing_app_kind_name(r.kind), p.number);
	return step_view(c, r.id, out, true, f);
}

enum app_err
svc_filing_reject(const struct svc_ctx *c, const char *id, const char *reason,
    struct filing_view *out, struct fault *f)
{
	struct filing_app_row	r;
	enum filing_app_state	from;
	enum app_err		er;

	memset(out, 0, sizeof(*out));
	if ((er = staff(c, f)) != APP_OK)
		return er;
	/* A refusal says why (R24: reject with reasons). */
	if (!note_ok(reason, FILING_REASON_MAX, true))
		return refuse(f, APP_INVALID, "reason", MSG_ERR_RF_REASON, RULE_QUEUE);
	if ((er = step_begin(c, id, &r, f)) != APP_OK)
		return er;
	if (!filing_app_move_ok(r.state, FAS_REJECTED))
		return step_refused(c, &r, f);
	from = r.state;
	r.state = FAS_REJECTED;
	r.decided_at = c->now;
	r.decided_by = actor_id(c);
	r.reason = reason;
	r.updated_at = c->now;
	if ((er = store_filing_app_save(c->st, &r, from, NULL)) != APP_OK ||
	    (er = clocks_stop(c, &r, "rejected")) != APP_OK ||
	    (er = store_filing_event_add(c->st, r.id, c->now, actor_id(c), "rejected",
	    reason)) != APP_OK ||
	    (er = store_audit_add(c->st, actor_id(c), "filing.reject",
	    arena_printf(c->a, "filing:%s", r.id), arena_printf(c->a, "from=%s",
	    filing_app_state_name(from)), c->addr, c->now)) != APP_OK ||
	    (er = tell_applicant(c, &r, MSG_RF_NOTICE_REJECTED)) != APP_OK) {
		store_rollback(c->st);
		return stored(f, er == APP_NOTFOUND ? APP_CONFLICT : er);
	}
	return step_end(c, r.id, out, true, f);
}

enum app_err
svc_filing_list(const struct svc_ctx *c, const struct filing_app_filter *flt,
    struct filing_app_row **out, int64_t **due, size_t *n, struct fault *f)
{
	struct filing_app_filter g = *flt;
	struct deadline_row	 d;
	int64_t			*dd;
	size_t			 i;
	enum app_err		 er;

	*out = NULL;
	*n = 0;
	if (due != NULL)
		*due = NULL;
	if ((er = staff(c, f)) != APP_OK)
		return er;
	if (g.state != NULL && strcmp(g.state, "open") != 0 &&
	    filing_app_state_parse(g.state, strlen(g.state)) < 0)
		return fault_set(f, APP_INVALID, "state", MSG_ERR_FIELD_CHOICE, 0);
	if (g.kind != NULL && filing_app_kind_parse(g.kind, strlen(g.kind)) < 0)
		return fault_set(f, APP_INVALID, "kind", MSG_ERR_RF_KIND, 0);
	if (g.limit < 1 || g.limit > 1000)
		g.limit = 50;
	if ((er = store_filing_app_list(c->st, c->a, &g, out, n)) != APP_OK)
		return stored(f, er);
	if (due == NULL)
		return APP_OK;
	dd = arena_calloc(c->a, *n + 1, sizeof(*dd));
	for (i = 0; i < *n; i++) {
		const struct filing_app_row	*r = &(*out)[i];

		er = APP_NOTFOUND;
		if (filing_app_in_review(r->state) && r->reviews > 0)
			er = store_deadline_find(c->st, c->a, DL_FILING_REVIEW,
			    clock_subject(c, r->id, r->reviews), &d);
		else if (r->state == FAS_SUPPLEMENT_REQUESTED && r->rounds > 0)
			er = store_deadline_find(c->st, c->a, DL_FILING_SUPPLEMENT,
			    clock_subject(c, r->id, r->rounds), &d);
		if (er != APP_OK && er != APP_NOTFOUND)
			return stored(f, er);
		dd[i] = er == APP_OK ? d.due_at : 0;
	}
	*due = dd;
	return APP_OK;
}

enum app_err
svc_filing_document(const struct svc_ctx *c, const char *id, const char *field,
    struct filing_doc_row *out, const unsigned char **data, size_t *len, struct fault *f)
{
	struct sealed	s;
	unsigned char	*p;
	enum app_err	 er;

	*data = NULL;
	*len = 0;
	if ((er = staff(c, f)) != APP_OK)
		return er;
	if (id == NULL || !report_id_valid(str_from(id)) || field == NULL)
		return no_such(f);
	if ((er = store_filing_doc_get(c->st, c->a, id, field, out, &s)) != APP_OK)
		return fault_set(f, er == APP_NOTFOUND ? APP_NOTFOUND : APP_STORE, NULL,
		    er == APP_NOTFOUND ? MSG_ERR_RF_NO_DOCUMENT : MSG_ERR_STORE, 0);
	if ((p = svc_unseal(c, &s, doc_ad(c, id, out->field, out->sha256), len)) == NULL) {
		log_err("event=unseal_failed filing=%s document=%s", id, out->field);
		return fault_set(f, APP_INTERNAL, NULL, MSG_ERR_INTERNAL, 0);
	}
	if ((er = store_audit_add(c->st, actor_id(c), "filing.document",
	    arena_printf(c->a, "filing:%s", id), arena_printf(c->a, "field=%s sha256=%s",
	    out->field, out->sha256), c->addr, c->now)) != APP_OK)
		return stored(f, er);
	*data = p;
	return APP_OK;
}

enum app_err
svc_filing_public(const struct svc_ctx *c, const char *status, const char *q, int64_t offset,
    int limit, struct filed_platform **out, size_t *n, struct fault *f)
{
	struct filed_platform_filter	flt;
	char				*lq;
	size_t				 i;
	enum app_err			 er;

	*out = NULL;
	*n = 0;
	if (!svc_filings_on(c))
		return not_here(f);
	if (status != NULL && strcmp(status, "filed") != 0 &&
	    strcmp(status, "deregistered") != 0)
		return fault_set(f, APP_INVALID, "status", MSG_ERR_RF_STATUS, 0);
	memset(&flt, 0, sizeof(flt));
	flt.status = status;
	if (q != NULL && q[0] != '\0') {
		/* The statement lower-cases ASCII only, as this does. */
		lq = arena_strdup(c->a, q);
		for (i = 0; lq[i] != '\0'; i++)
			if (lq[i] >= 'A' && lq[i] <= 'Z')
				lq[i] = (char)(lq[i] - 'A' + 'a');
		flt.q = lq;
	}
	flt.offset = offset < 0 ? 0 : offset;
	flt.limit = limit < 1 ? 1 : limit;
	if ((er = store_filing_platform_list(c->st, c->a, &flt, out, n)) != APP_OK)
		return stored(f, er);
	return APP_OK;
}

/* --- the day a deregistration takes effect --- */

/* One platform whose end date has come, in its own transaction; *done if it changed. */
static enum app_err
deregister_one(const struct svc_ctx *c, const struct filed_platform *p, bool *done)
{
	struct filing_app_row	r;
	enum app_err		er;

	*done = false;
	if ((er = store_begin(c->st)) != APP_OK)
		return er;
	if ((er = store_filing_platform_deregister(c->st, p->id, c->now)) == APP_NOTFOUND) {
		store_rollback(c->st);
		return APP_OK;
	}
	if (er != APP_OK)
		goto fail;
	er = store_filing_app_dereg_of(c->st, c->a, p->id, &r);
	if (er == APP_OK)
		er = store_filing_event_add(c->st, r.id, c->now, 0, "deregistered",
		    p->deregistered_on);
	if ((er != APP_OK && er != APP_NOTFOUND) ||
	    (er = store_audit_add(c->st, 0, "filing.deregistered",
	    arena_printf(c->a, "platform:%s", p->number), arena_printf(c->a, "end_date=%s",
	    p->deregistered_on), "", c->now)) != APP_OK ||
	    (er = mark_public(c)) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK)
		goto fail;
	*done = true;
	log_info("event=filing_deregistered number=%s end_date=%s", p->number,
	    p->deregistered_on);
	return APP_OK;
fail:
	store_rollback(c->st);
	return er;
}

enum app_err
svc_filings_run(const struct svc_ctx *c, int64_t as_of, size_t *applied)
{
	struct filed_platform	*p;
	size_t			 n, i;
	int			 rounds;
	bool			 done;
	enum app_err		 er;

	*applied = 0;
	if (!svc_filings_on(c))
		return APP_OK;
	for (rounds = 0; rounds < RUN_ROUNDS; rounds++) {
		if ((er = store_filing_platforms_ending(c->st, c->a, day_of(c, as_of), RUN_BATCH,
		    &p, &n)) != APP_OK)
			return er;
		for (i = 0; i < n; i++) {
			if ((er = deregister_one(c, &p[i], &done)) != APP_OK)
				return er;
			*applied += done ? 1 : 0;
		}
		if (n < RUN_BATCH)
			break;
	}
	if (*applied > 0)
		pubgen_bump();
	return APP_OK;
}

enum app_err
svc_filings_tick(const struct svc_ctx *c)
{
	size_t	applied;

	return svc_filings_run(c, c->now, &applied);
}

/* --- the notices' deliveries --- */

/* The notice of outbox row m, by its ref "filing_notice:<id>". */
static enum app_err
notice_of(const struct svc_ctx *c, const struct outbox_row *m, struct filing_notice_row *n)
{
	struct str	ref = str_from(m->ref);
	int64_t		id;

	if (!str_has_prefix(ref, "filing_notice:") ||
	    parse_i64(ref.p + 14, ref.n - 14, 1, INT64_MAX, &id) != 0)
		return APP_NOTFOUND;
	return store_filing_notice_get(c->st, c->a, id, n);
}

enum app_err
svc_filing_notice_payload(const struct svc_ctx *c, const struct outbox_row *m,
    struct fed_payload *out)
{
	struct filing_notice_row n;
	struct filing_app_row	 r;
	struct filed_platform	 p;
	json_t			*o;
	char			*s;
	enum app_err		 er;

	memset(out, 0, sizeof(*out));
	if ((er = notice_of(c, m, &n)) != APP_OK ||
	    (er = store_filing_app_get(c->st, c->a, n.application_id, &r, NULL)) != APP_OK)
		return er;
	if (r.state != FAS_APPROVED || r.platform_id == 0)
		return APP_NOTFOUND;
	if ((er = store_filing_platform_get(c->st, c->a, r.platform_id, &p)) != APP_OK)
		return er;
	/* The public facts of what was approved: never a field flagged secret. */
	o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:s}",
	    "event", notice_event(r.kind),
	    "number", p.number,
	    "name", r.name,
	    "sponsor", r.sponsor,
	    "url", r.url,
	    "icp", r.icp,
	    "filed_on", p.filed_on,
	    "deregistered_on", r.kind == FAK_DEREGISTRATION ? json_string(r.end_date) :
	    json_null(),
	    "registry", c->cfg->name,
	    "application_id", r.id);
	if (o == NULL)
		return APP_INTERNAL;
	s = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (s == NULL)
		return APP_INTERNAL;
	out->body = arena_strdup(c->a, s);
	out->body_len = strlen(s);
	free(s);
	out->bearer = c->cfg->filing_notify_token;
	out->ref = r.id;
	return APP_OK;
}

enum app_err
svc_filing_notice_delivered(const struct svc_ctx *c, const struct outbox_row *m,
    const struct fed_result *r)
{
	struct filing_notice_row n;
	enum app_err		 er;

	/* Inside svc_outbox_delivered's transaction; the outbox row holds the answer. */
	if ((er = notice_of(c, m, &n)) != APP_OK)
		return er == APP_NOTFOUND ? APP_OK : er;
	if (r->done)
		return store_filing_event_add(c->st, n.application_id, c->now, 0,
		    "notice_delivered", arena_printf(c->a, "%s HTTP %ld", n.recipient, r->status));
	if (r->final)
		return store_filing_event_add(c->st, n.application_id, c->now, 0,
		    "notice_failed", arena_printf(c->a, "%s %s", n.recipient,
		    r->error != NULL ? r->error : ""));
	return APP_OK;
}
