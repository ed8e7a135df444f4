/*
 * 备案, platform side: svc/pfiling.h.
 *
 * One row holds the dossier (store_pfiling.h).  Each state change reads
 * it inside its transaction, opens the copies it needs, decides with the
 * domain's rules (filing_check, platform_filing_move_ok), writes the row,
 * an event where the registry is concerned, the audit entry and the
 * clocks, and commits; the process's copy (the footer, the gate) is set
 * after the commit.  The deliveries to the registry are outbox rows
 * ("pfiling:<event id>") rendered at send time from the sent copy, so the
 * ID numbers never sit in the clear.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/arena.h"
#include "core/calendar.h"
#include "core/config.h"
#include "core/log.h"
#include "core/parse.h"
#include "core/pubgen.h"
#include "core/str.h"
#include "core/utf8.h"
#include "crypto/crypto.h"
#include "domain/identity.h"
#include "media/sniff.h"
#include "svc/cases.h"
#include "svc/deadlines.h"
#include "svc/pfiling_int.h"

#define EXTRA_MAX	256			/* keys of a copy the field set lacks */
#define ORG_MAX		200			/* bytes of a receiving organisation's name */
#define VALUE_MAX	(4 * 20000)		/* bytes of a value: the longest item, in UTF-8 */

static const char *const pending_states[] = {	/* the registry has not decided */
	"submitted", "supplement_requested", "resubmitted",
};

/* --- the process's copy --- */

static pthread_mutex_t	 shown_mu = PTHREAD_MUTEX_INITIALIZER;
static struct {
	bool				 loaded;
	enum platform_filing_status	 status;
	char				 number[FILING_NUMBER_MAX + 1];
	char				 filed_on[11];
} shown_db;

/* The copy follows the row; public pages are cached, so their generation moves. */
void
pf_shown_set(const struct pfiling_row *r)
{
	bool	changed;

	pthread_mutex_lock(&shown_mu);
	changed = shown_db.loaded && (shown_db.status != r->status ||
	    strcmp(shown_db.number, r->number) != 0 || strcmp(shown_db.filed_on, r->filed_on) != 0);
	shown_db.status = r->status;
	snprintf(shown_db.number, sizeof(shown_db.number), "%s", r->number);
	snprintf(shown_db.filed_on, sizeof(shown_db.filed_on), "%s", r->filed_on);
	shown_db.loaded = true;
	pthread_mutex_unlock(&shown_mu);
	if (changed)
		pubgen_bump();
}

bool
svc_pfiling_intake_open(enum instance_role role, enum platform_filing_status s,
    const char *cfg_number, bool open_unfiled)
{
	if (role != ROLE_PLATFORM)
		return true;
	/* Deregistering closes intake at once, whatever else is set (第七条). */
	if (s == PFS_DEREGISTRATION_PENDING || s == PFS_DEREGISTERED)
		return false;
	if (s == PFS_FILED || s == PFS_CHANGE_PENDING)
		return true;
	return (cfg_number != NULL && cfg_number[0] != '\0') || open_unfiled;
}

void
svc_pfiling_shown(const struct config *cfg, struct pfiling_shown *out)
{
	memset(out, 0, sizeof(*out));
	pthread_mutex_lock(&shown_mu);
	out->loaded = shown_db.loaded;
	out->status = shown_db.loaded ? shown_db.status : PFS_DRAFT;
	if (platform_filing_is_filed(out->status))
		snprintf(out->number, sizeof(out->number), "%s", shown_db.number);
	snprintf(out->filed_on, sizeof(out->filed_on), "%s", shown_db.filed_on);
	pthread_mutex_unlock(&shown_mu);
	/* Filed outside Loudong: the configured number wins (R41). */
	if (cfg->filing_number[0] != '\0')
		snprintf(out->number, sizeof(out->number), "%s", cfg->filing_number);
	out->intake_open = svc_pfiling_intake_open(cfg->role, out->status, cfg->filing_number,
	    cfg->filing_open_unfiled);
	out->test_install = cfg->role == ROLE_PLATFORM && out->intake_open &&
	    cfg->filing_number[0] == '\0' && !platform_filing_is_filed(out->status);
}

/* --- small pieces --- */

bool
pf_platform(const struct svc_ctx *c)
{
	return c->cfg->role == ROLE_PLATFORM;
}

/* The platform role and its administrator (or the system). */
enum app_err
pf_admit(const struct svc_ctx *c, struct fault *f)
{
	if (!pf_platform(c))
		return fault_set(f, APP_NOTFOUND, NULL, MSG_ERR_PFILING_OFF, 0);
	if (c->system || (c->actor != NULL && c->actor->role == UROLE_ADMIN))
		return APP_OK;
	fault_set(f, APP_FORBIDDEN, NULL, MSG_ERR_PFILING_DENIED, 0);
	f->rule = "rbac.role";
	return APP_FORBIDDEN;
}

enum app_err
pf_refuse(struct fault *f, enum app_err er, const char *field, enum msg_id m, const char *rule)
{
	fault_set(f, er, field, m, 0);
	f->rule = rule;
	return er;
}

/* A step the status does not allow (rolls back). */
enum app_err
pf_wrong_state(const struct svc_ctx *c, const struct pfiling_row *r, struct fault *f)
{
	store_rollback(c->st);
	fault_set(f, APP_CONFLICT, NULL, MSG_ERR_PFILING_STATE, 0);
	f->sarg = platform_filing_status_name(r->status);
	f->rule = "R20";
	return APP_CONFLICT;
}

int64_t
pf_actor_id(const struct svc_ctx *c)
{
	return c->actor != NULL ? c->actor->id : 0;
}

enum app_err
pf_audit(const struct svc_ctx *c, const char *action, const char *detail)
{
	return store_audit_add(c->st, pf_actor_id(c), action, SUBJECT, detail,
	    c->addr != NULL ? c->addr : "", c->now);
}

const char *
pf_today(const struct svc_ctx *c)
{
	char	buf[16];

	date_format(date_of_time(c->now), buf, sizeof(buf));
	return arena_strdup(c->a, buf);
}

static bool
app_pending(const struct pfiling_row *r)
{
	return str_index(pending_states, (int)(sizeof(pending_states) /
	    sizeof(pending_states[0])), str_from(r->app_state)) >= 0 || r->app_state[0] == '\0';
}

/* An application the registry has and has not decided: under way. */
bool
pf_under_way(const struct pfiling_row *r)
{
	switch (r->status) {
	case PFS_SUBMITTED:
	case PFS_SUPPLEMENT_REQUESTED:
	case PFS_RESUBMITTED:
		return true;
	case PFS_CHANGE_PENDING:
	case PFS_DEREGISTRATION_PENDING:
		return app_pending(r);
	default:
		return false;
	}
}

/* One line of UTF-8 text (lines: newlines and tabs allowed), at most max bytes. */
static bool
text_ok(const char *s, size_t max, bool lines)
{
	size_t	n;

	return s != NULL && (n = strlen(s)) <= max && utf8_text(s, n, lines);
}

bool
pf_app_id_ok(const char *s)
{
	size_t	n, i;

	if (s == NULL || (n = strlen(s)) == 0 || n > PFILING_ID_MAX)
		return false;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == '_'))
			return false;
	return true;
}

/* A 备案编号 as the registry gives it: opaque text, no controls, at most 64 bytes (R41). */
bool
pf_number_ok(const char *s)
{
	size_t	n;

	return s != NULL && (n = strlen(s)) > 0 && n <= FILING_NUMBER_MAX && utf8_text(s, n, false);
}

/* Sealed everywhere, never shown (the field set marks every ID number so). */
static bool
secret(const struct filing_field *f)
{
	return (f->flags & FF_SECRET) != 0;
}

/* --- the copies --- */


static void
dossier_empty(const struct svc_ctx *c, const struct filing_fieldset *fs, struct dossier *d)
{
	size_t	i;

	d->v = arena_calloc(c->a, fs->n + EXTRA_MAX + 1, sizeof(*d->v));
	for (i = 0; i < fs->n; i++) {
		d->v[i].key = fs->f[i].key;
		d->v[i].value = "";
	}
	d->n = fs->n;
}

static const char *
dossier_get(const struct dossier *d, const char *key)
{
	size_t	i;

	for (i = 0; i < d->n; i++)
		if (strcmp(d->v[i].key, key) == 0)
			return d->v[i].value;
	return "";
}

static void
dossier_set(const struct svc_ctx *c, struct dossier *d, const char *key, const char *value)
{
	size_t	i;

	for (i = 0; i < d->n; i++)
		if (strcmp(d->v[i].key, key) == 0) {
			d->v[i].value = value;
			return;
		}
	if (d->n < EXTRA_MAX) {
		d->v[d->n].key = arena_strdup(c->a, key);
		d->v[d->n++].value = value;
	}
}

/* Open a sealed copy (none: empty) into d. */
enum app_err
pf_copy_open(const struct svc_ctx *c, const struct sealed *s, const char *ad,
    const struct filing_fieldset *fs, struct dossier *d)
{
	unsigned char	*p;
	size_t		 n;
	json_t		*o, *v;
	json_error_t	 je;
	const char	*key;

	dossier_empty(c, fs, d);
	if (s->data == NULL)
		return APP_OK;
	if ((p = svc_unseal(c, s, ad, &n)) == NULL) {
		log_err("event=unseal_failed what=platform_filing ad=%s", ad);
		return APP_INTERNAL;
	}
	o = json_loadb((const char *)p, n, JSON_REJECT_DUPLICATES, &je);
	crypto_wipe(p, n);
	if (o == NULL || !json_is_object(o)) {
		json_decref(o);
		log_err("event=copy_unreadable what=platform_filing ad=%s", ad);
		return APP_INTERNAL;
	}
	json_object_foreach(o, key, v)
		if (json_is_string(v))
			dossier_set(c, d, key, arena_strndup(c->a, json_string_value(v),
			    json_string_length(v)));
	json_decref(o);
	return APP_OK;
}

/* Seal d's non-empty values as one JSON object for ad. */
static void
copy_seal(const struct svc_ctx *c, const struct dossier *d, const char *ad, struct sealed *out)
{
	json_t	*o = json_object();
	char	*s;
	size_t	 i;

	for (i = 0; i < d->n; i++)
		if (d->v[i].value[0] != '\0')
			json_object_set_new(o, d->v[i].key, json_string(d->v[i].value));
	s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	if (s == NULL)
		abort();	/* out of memory: as xmalloc */
	svc_seal(c, s, strlen(s), ad, out);
	crypto_wipe(s, strlen(s));
	free(s);
}

/* Re-seal a copy for another role (sent -> filed). */
enum app_err
pf_copy_move(const struct svc_ctx *c, const struct sealed *from, const char *from_ad,
    const char *to_ad, const struct filing_fieldset *fs, struct sealed *out)
{
	struct dossier	d;
	enum app_err	er;

	if ((er = pf_copy_open(c, from, from_ad, fs, &d)) != APP_OK)
		return er;
	copy_seal(c, &d, to_ad, out);
	return APP_OK;
}

/* The listable part in the clear (R41): never an ID number. */
static const char *
public_json(const struct svc_ctx *c, const struct dossier *d)
{
	json_t	*o = json_pack("{s:s, s:s, s:s, s:s}",
	    "name", dossier_get(d, "platform.name"),
	    "url", dossier_get(d, "platform.url"),
	    "icp", dossier_get(d, "platform.icp"),
	    "sponsor", dossier_get(d, "sponsor.name"));
	char	*s = json_dumps(o, JSON_COMPACT);
	char	*r;

	json_decref(o);
	if (s == NULL)
		abort();	/* out of memory: as xmalloc */
	r = arena_strdup(c->a, s);
	free(s);
	return r;
}

/* The non-empty values, for filing_check. */
static size_t
nonempty(const struct svc_ctx *c, const struct dossier *d, struct filing_value **out)
{
	size_t	i, n = 0;

	*out = arena_calloc(c->a, d->n + 1, sizeof(**out));
	for (i = 0; i < d->n; i++)
		if (str_trim(str_from(d->v[i].value)).n > 0)
			(*out)[n++] = d->v[i];
	return n;
}

/* A row before the first save: a draft with an empty working copy. */
static void
row_fresh(const struct svc_ctx *c, struct pfiling_row *r, struct pfiling_seals *s)
{
	struct dossier	d;

	memset(r, 0, sizeof(*r));
	memset(s, 0, sizeof(*s));
	r->status = PFS_DRAFT;
	r->fieldset = filing_fieldset_current()->version;
	r->filed_fieldset = r->number = r->filed_on = r->end_date = "";
	r->application_id = r->app_kind = r->app_state = "";
	r->answer_json = "{}";
	r->reason = r->change_date = r->changed = "";
	dossier_empty(c, filing_fieldset_current(), &d);
	copy_seal(c, &d, AD_WORK, &s->work);
	r->public_json = public_json(c, &d);
}

/* The row (a fresh draft when none); *exists whether one was saved. */
enum app_err
pf_row_load(const struct svc_ctx *c, struct pfiling_row *r, struct pfiling_seals *s, bool *exists)
{
	enum app_err	er;

	if ((er = store_pfiling_get(c->st, c->a, r, s)) == APP_NOTFOUND) {
		row_fresh(c, r, s);
		if (exists != NULL)
			*exists = false;
		return APP_OK;
	}
	if (exists != NULL)
		*exists = true;
	return er;
}

enum app_err
pf_row_save(const struct svc_ctx *c, struct pfiling_row *r, const struct pfiling_seals *s)
{
	r->updated_at = c->now;
	return store_pfiling_put(c->st, r, s);
}

/* "<name> sha256:<hex>" (filing_document_split): the hash in c->a, or NULL. */
static const char *
doc_hash(const struct svc_ctx *c, const char *value)
{
	struct str	n, h;

	if (value == NULL || !filing_document_split(str_from(value), &n, &h))
		return NULL;
	return arena_strndup(c->a, h.p, h.n);
}

const char *
svc_pfiling_doc_name(struct arena *a, const char *name)
{
	const char	*p, *base = name;
	char		*out;
	size_t		 i, n;

	if (name == NULL)
		return NULL;
	for (p = name; *p != '\0'; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	n = strlen(base);
	if (n == 0 || n > PFILING_DOC_NAME_MAX || !utf8_valid(base, n))
		return NULL;
	out = arena_strndup(a, base, n);
	/* The value's form is "<name> sha256:<hex>": no spaces, nothing unprintable. */
	for (i = 0; i < n; i++)
		if ((unsigned char)out[i] <= 0x20 || out[i] == 0x7f)
			out[i] = '_';
	if (strcmp(out, ".") == 0 || strcmp(out, "..") == 0)
		return NULL;
	return out;
}

const char *
svc_pfiling_diff(struct arena *a, const struct filing_fieldset *fs, const struct filing_value *x,
    size_t nx, const struct filing_value *y, size_t ny)
{
	const char	*out = "", *vx, *vy;
	size_t		 i, j;

	for (i = 0; i < fs->n; i++) {
		vx = vy = "";
		for (j = 0; j < nx; j++)
			if (strcmp(x[j].key, fs->f[i].key) == 0)
				vx = x[j].value;
		for (j = 0; j < ny; j++)
			if (strcmp(y[j].key, fs->f[i].key) == 0)
				vy = y[j].value;
		if (strcmp(vx, vy) != 0)
			out = arena_printf(a, "%s%s%s", out, out[0] != '\0' ? "," : "", fs->f[i].key);
	}
	return out;
}

enum platform_filing_status
svc_pfiling_status_after(enum platform_filing_status cur, enum filing_app_kind k,
    enum filing_app_state st, bool end_reached)
{
	enum platform_filing_status	next = cur;

	switch (st) {
	case FAS_SUBMITTED:
	case FAS_RESUBMITTED:
		/* Still with the registry: the platform stays where it is. */
		break;
	case FAS_SUPPLEMENT_REQUESTED:
		if (k == FAK_INITIAL)
			next = PFS_SUPPLEMENT_REQUESTED;
		break;
	case FAS_APPROVED:
		if (k == FAK_DEREGISTRATION)
			next = end_reached ? PFS_DEREGISTERED : PFS_DEREGISTRATION_PENDING;
		else
			next = PFS_FILED;
		break;
	case FAS_REJECTED:
	case FAS_WITHDRAWN:
		next = k == FAK_INITIAL ? PFS_DRAFT : PFS_FILED;
		break;
	default:
		break;
	}
	if (next != cur && !platform_filing_move_ok(cur, next))
		return cur;
	return next;
}

/* --- clocks and change tasks --- */

static const char *
change_subject(const struct svc_ctx *c, int64_t id)
{
	return arena_printf(c->a, "change:%lld", (long long)id);
}

/* The R25 clock, when this platform was live before the 办法 and is not filed. */
static enum app_err
initial_clock(const struct svc_ctx *c, const struct pfiling_row *r)
{
	struct deadline_row	d;
	int64_t			day;
	enum app_err		er;

	if (!c->cfg->filing_live_before || platform_filing_is_filed(r->status) ||
	    r->status == PFS_DEREGISTERED)
		return APP_OK;
	if ((er = store_deadline_find(c->st, c->a, DL_INITIAL_FILING, SUBJECT, &d)) !=
	    APP_NOTFOUND)
		return er;
	if (date_parse(c->cfg->filing_effective_date, strlen(c->cfg->filing_effective_date),
	    &day) != 0)
		return APP_OK;	/* validated at load: cannot happen */
	if ((er = store_begin(c->st)) != APP_OK)
		return er;
	if ((er = svc_clock_start(c, DL_INITIAL_FILING, SUBJECT, NULL, NULL,
	    date_start_time(day))) != APP_OK || (er = store_commit(c->st)) != APP_OK) {
		store_rollback(c->st);
		return er;
	}
	return APP_OK;
}

/* The tasks in state st. */
static enum app_err
tasks_in(const struct svc_ctx *c, const char *st, struct pfiling_change **out, size_t *n)
{
	return store_pfiling_changes(c->st, c->a, st, 0, out, n);
}

/*
 * Keep the open change task in step with the working copy (inside the
 * transaction): base is what is filed (or under review); the keys that
 * differ open a task with its clock, extend the open one, or, when none
 * differ any more, the open task is undone and its clock waived.
 */
enum app_err
pf_tasks_sync(const struct svc_ctx *c, const char *diff, const char *change_date)
{
	struct pfiling_change	*open;
	size_t			 n;
	int64_t			 id, day;
	enum app_err		 er;

	if ((er = tasks_in(c, "open", &open, &n)) != APP_OK)
		return er;
	if (diff[0] == '\0') {
		if (n == 0)
			return APP_OK;
		open[0].state = "undone";
		if ((er = store_pfiling_change_save(c->st, &open[0], c->now)) != APP_OK)
			return er;
		return svc_clock_waive(c, DL_CHANGE_FILING, change_subject(c, open[0].id),
		    "the change was undone before it was filed");
	}
	if (n > 0) {
		if (strcmp(open[0].fields, diff) == 0)
			return APP_OK;
		open[0].fields = diff;
		return store_pfiling_change_save(c->st, &open[0], c->now);
	}
	if (date_parse(change_date, strlen(change_date), &day) != 0)
		day = date_of_time(c->now);
	if ((er = store_pfiling_change_add(c->st, diff, change_date, c->now, &id)) != APP_OK)
		return er;
	/* 30 days from the declared change date (第六条). */
	return svc_clock_start(c, DL_CHANGE_FILING, change_subject(c, id), NULL, NULL,
	    date_start_time(day));
}

/* The tasks of one state move to another (application id set when given). */
enum app_err
pf_tasks_move(const struct svc_ctx *c, const char *from, const char *to, const char *app_id,
    bool meet)
{
	struct pfiling_change	*t;
	size_t			 n, i;
	enum app_err		 er;

	if ((er = tasks_in(c, from, &t, &n)) != APP_OK)
		return er;
	for (i = 0; i < n; i++) {
		t[i].state = to;
		if (app_id != NULL)
			t[i].application_id = app_id;
		if ((er = store_pfiling_change_save(c->st, &t[i], c->now)) != APP_OK)
			return er;
		/* Filing the change meets its clock (第六条). */
		if (meet && (er = svc_clock_met(c, DL_CHANGE_FILING,
		    change_subject(c, t[i].id))) != APP_OK)
			return er;
	}
	return APP_OK;
}

/* The earliest declared date of the tasks in st, or "". */
enum app_err
pf_tasks_earliest(const struct svc_ctx *c, const char *st, const char **date)
{
	struct pfiling_change	*t;
	size_t			 n, i;
	enum app_err		 er;

	*date = "";
	if ((er = tasks_in(c, st, &t, &n)) != APP_OK)
		return er;
	for (i = 0; i < n; i++)
		if ((*date)[0] == '\0' || strcmp(t[i].change_date, *date) < 0)
			*date = t[i].change_date;
	return APP_OK;
}

/* --- documents --- */

/* Remove the versions of each document field no copy names any more. */
static enum app_err
docs_prune(const struct svc_ctx *c, const struct filing_fieldset *fs,
    const struct dossier *work, const struct dossier *sent, const struct dossier *filed)
{
	const char	*keep[3];
	size_t		 i;
	enum app_err	 er;

	for (i = 0; i < fs->n; i++) {
		if (fs->f[i].type != FT_DOCUMENT)
			continue;
		keep[0] = doc_hash(c, dossier_get(work, fs->f[i].key));
		keep[1] = doc_hash(c, dossier_get(sent, fs->f[i].key));
		keep[2] = doc_hash(c, dossier_get(filed, fs->f[i].key));
		if ((er = store_pfiling_doc_prune(c->st, fs->f[i].key, keep)) != APP_OK)
			return er;
	}
	return APP_OK;
}

/* Every document a copy names is here; the missing ones as problems. */
static size_t
docs_missing(const struct svc_ctx *c, const struct filing_fieldset *fs, const struct dossier *d,
    struct filing_problem *p, size_t max, size_t n)
{
	struct pfiling_doc	 doc;
	const char		*v, *h;
	size_t			 i;

	for (i = 0; i < fs->n; i++) {
		if (fs->f[i].type != FT_DOCUMENT || (v = dossier_get(d, fs->f[i].key))[0] == '\0')
			continue;
		if ((h = doc_hash(c, v)) != NULL &&
		    store_pfiling_doc_get(c->st, c->a, fs->f[i].key, h, &doc, NULL) == APP_OK)
			continue;
		if (n < max) {
			p[n].key = fs->f[i].key;
			p[n].kind = FP_MISSING;
		}
		n++;
	}
	return n;
}

/* --- the document of a delivery or an export --- */

static json_t *
documents_json(const struct svc_ctx *c, const struct filing_fieldset *fs,
    const struct dossier *d)
{
	json_t			*docs = json_object();
	struct pfiling_doc	 doc;
	struct sealed		 s;
	unsigned char		*p;
	const char		*v, *h;
	size_t			 i, n;

	for (i = 0; i < fs->n; i++) {
		if (fs->f[i].type != FT_DOCUMENT || (v = dossier_get(d, fs->f[i].key))[0] == '\0' ||
		    (h = doc_hash(c, v)) == NULL ||
		    store_pfiling_doc_get(c->st, c->a, fs->f[i].key, h, &doc, &s) != APP_OK)
			continue;
		if ((p = svc_unseal(c, &s, arena_printf(c->a, "pfiling-doc:%s:%s", doc.key,
		    doc.sha256), &n)) == NULL) {
			log_err("event=unseal_failed what=platform_filing_document key=%s", doc.key);
			continue;
		}
		json_object_set_new(docs, doc.key, json_pack("{s:s, s:s, s:s, s:s}",
		    "name", doc.name, "media_type", doc.media_type, "sha256", doc.sha256,
		    "content", crypto_b64_arena(c->a, p, n)));
	}
	return docs;
}

/*
 * The federation POST's body (docs/FILING.md): kind, field set version,
 * the whole dossier with its documents (initial, change), the number
 * (change, deregistration), the change's date and keys, the end date,
 * the note.  In c->a.
 */
const char *
pf_document_json(const struct svc_ctx *c, enum filing_app_kind kind, const struct dossier *d,
    const struct pfiling_row *r, const char *note, size_t *len)
{
	const struct filing_fieldset	*fs = filing_fieldset_current();
	json_t				*o = json_object(), *fields, *changed;
	struct str			 rest, k;
	char				*s;
	const char			*out;
	size_t				 i;

	json_object_set_new(o, "kind", json_string(filing_app_kind_name(kind)));
	json_object_set_new(o, "fieldset", json_string(fs->version));
	if (kind != FAK_DEREGISTRATION) {
		fields = json_object();
		for (i = 0; i < d->n; i++)
			if (d->v[i].value[0] != '\0')
				json_object_set_new(fields, d->v[i].key,
				    json_string(d->v[i].value));
		json_object_set_new(o, "fields", fields);
		json_object_set_new(o, "documents", documents_json(c, fs, d));
	}
	if (kind != FAK_INITIAL && r->number[0] != '\0')
		json_object_set_new(o, "filing_number", json_string(r->number));
	if (kind == FAK_CHANGE) {
		json_object_set_new(o, "change_date", json_string(r->change_date));
		changed = json_array();
		rest = str_from(r->changed);
		while (rest.n > 0)
			if ((k = str_split(&rest, ',')).n > 0)
				json_array_append_new(changed, json_stringn(k.p, k.n));
		json_object_set_new(o, "changed", changed);
	}
	if (kind == FAK_DEREGISTRATION)
		json_object_set_new(o, "end_date", json_string(r->end_date));
	if (note != NULL && note[0] != '\0')
		json_object_set_new(o, "note", json_string(note));
	s = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (s == NULL)
		abort();	/* out of memory: as xmalloc */
	*len = strlen(s);
	out = arena_strndup(c->a, s, *len);
	/* It holds the ID numbers: not left in the heap. */
	crypto_wipe(s, *len);
	free(s);
	return out;
}

int
pf_kind_of(const char *s)
{
	return filing_app_kind_parse(s, strlen(s));
}

/* --- the view --- */

static enum app_err
view_docs(const struct svc_ctx *c, const struct filing_fieldset *fs, const struct dossier *d,
    struct pfiling_view *out)
{
	const char	*h;
	size_t		 i;
	enum app_err	 er;

	out->docs = arena_calloc(c->a, fs->n + 1, sizeof(*out->docs));
	for (i = 0; i < fs->n; i++) {
		if (fs->f[i].type != FT_DOCUMENT)
			continue;
		out->docs[out->ndocs].f = &fs->f[i];
		h = doc_hash(c, dossier_get(d, fs->f[i].key));
		if (h != NULL && (er = store_pfiling_doc_get(c->st, c->a, fs->f[i].key, h,
		    &out->docs[out->ndocs].d, NULL)) == APP_OK)
			out->docs[out->ndocs].present = true;
		else if (h != NULL && er != APP_NOTFOUND)
			return er;
		out->ndocs++;
	}
	return APP_OK;
}

static enum app_err
view_tasks(const struct svc_ctx *c, struct pfiling_view *out)
{
	struct pfiling_change	*t;
	size_t			 n, i;
	enum app_err		 er;

	if ((er = store_pfiling_changes(c->st, c->a, NULL, PFILING_EVENTS_SHOWN, &t, &n)) !=
	    APP_OK)
		return er;
	out->tasks = arena_calloc(c->a, n + 1, sizeof(*out->tasks));
	for (i = 0; i < n; i++) {
		out->tasks[i].c = t[i];
		er = store_deadline_find(c->st, c->a, DL_CHANGE_FILING, change_subject(c, t[i].id),
		    &out->tasks[i].clock);
		if (er == APP_OK)
			out->tasks[i].has_clock = true;
		else if (er != APP_NOTFOUND)
			return er;
	}
	out->ntasks = n;
	return APP_OK;
}

/* The delivery of the application under way failed for good: it may go again. */
static enum app_err
delivery_failed(const struct svc_ctx *c, const struct pfiling_row *r, bool *failed,
    struct pfiling_event *ev)
{
	enum app_err	er;

	*failed = false;
	if (r->sent_event == 0 || r->manual || !pf_under_way(r))
		return APP_OK;
	if ((er = store_pfiling_event_get(c->st, c->a, r->sent_event, ev)) == APP_NOTFOUND)
		return APP_OK;
	if (er != APP_OK)
		return er;
	*failed = strcmp(ev->delivery, "failed") == 0;
	return APP_OK;
}

enum app_err
svc_pfiling_get(const struct svc_ctx *c, struct pfiling_view *out, struct fault *f)
{
	const struct filing_fieldset	*fs = filing_fieldset_current();
	struct pfiling_seals		 s;
	struct pfiling_event		 ev;
	struct dossier			 work, base;
	struct filing_value		*ne;
	size_t				 nne, i, max;
	const struct filing_field	*ff;
	char				*masked;
	bool				 failed;
	enum app_err			 er;

	memset(out, 0, sizeof(*out));
	if ((er = pf_admit(c, f)) != APP_OK)
		return er;
	if ((er = pf_row_load(c, &out->r, &s, &out->exists)) != APP_OK ||
	    (er = pf_copy_open(c, &s.work, AD_WORK, fs, &work)) != APP_OK)
		return er;
	out->fs = fs;
	nne = nonempty(c, &work, &ne);
	max = work.n + fs->n + 8;
	out->problems = arena_calloc(c->a, max, sizeof(*out->problems));
	out->nproblems = filing_check(fs, ne, nne, out->problems, max);
	if (out->nproblems > max)
		out->nproblems = max;
	out->nproblems = docs_missing(c, fs, &work, out->problems, max, out->nproblems);
	if (out->nproblems > max)
		out->nproblems = max;
	/* What the pages show: an ID number only masked. */
	out->v = arena_calloc(c->a, work.n + 1, sizeof(*out->v));
	for (i = 0; i < work.n; i++) {
		out->v[i] = work.v[i];
		if ((ff = filing_field_find(fs, work.v[i].key)) != NULL && secret(ff) &&
		    work.v[i].value[0] != '\0') {
			masked = arena_alloc(c->a, strlen(work.v[i].value) + 1);
			id_number_mask(str_from(work.v[i].value), masked,
			    strlen(work.v[i].value) + 1);
			out->v[i].value = masked;
		}
	}
	if ((er = view_docs(c, fs, &work, out)) != APP_OK || (er = view_tasks(c, out)) != APP_OK ||
	    (er = store_pfiling_events(c->st, c->a, PFILING_EVENTS_SHOWN, &out->events,
	    &out->nevents)) != APP_OK ||
	    (er = store_pfiling_open_cases(c->st, c->a, PFILING_CASES_SHOWN, &out->cases,
	    &out->ncases, &out->cases_pending)) != APP_OK)
		return er;
	(void)svc_pfiling_answer_parse(c->a, out->r.answer_json, strlen(out->r.answer_json),
	    &out->answer);
	out->diff = "";
	if (s.filed.data != NULL) {
		if ((er = pf_copy_open(c, out->r.status == PFS_CHANGE_PENDING && s.sent.data != NULL ?
		    &s.sent : &s.filed, out->r.status == PFS_CHANGE_PENDING &&
		    s.sent.data != NULL ? AD_SENT : AD_FILED, fs, &base)) != APP_OK)
			return er;
		out->diff = svc_pfiling_diff(c->a, fs, base.v, base.n, work.v, work.n);
	}
	er = store_deadline_find(c->st, c->a, DL_INITIAL_FILING, SUBJECT, &out->initial_clock);
	if (er == APP_OK)
		out->has_initial_clock = true;
	else if (er != APP_NOTFOUND)
		return er;
	out->registry = c->cfg->registry_url[0] != '\0';
	out->intake_open = svc_pfiling_intake_open(c->cfg->role, out->r.status,
	    c->cfg->filing_number, c->cfg->filing_open_unfiled);
	if ((er = delivery_failed(c, &out->r, &failed, &ev)) != APP_OK)
		return er;
	out->can_edit = out->r.status == PFS_DRAFT || out->r.status == PFS_SUPPLEMENT_REQUESTED ||
	    out->r.status == PFS_FILED || out->r.status == PFS_CHANGE_PENDING;
	out->can_submit = out->r.status == PFS_DRAFT || failed ||
	    (strcmp(out->r.app_state, "supplement_requested") == 0 &&
	    (out->r.status == PFS_SUPPLEMENT_REQUESTED || out->r.status == PFS_CHANGE_PENDING ||
	    out->r.status == PFS_DEREGISTRATION_PENDING));
	out->can_change = out->r.status == PFS_FILED && out->diff[0] != '\0';
	out->can_refresh = out->registry && !out->r.manual && out->r.application_id[0] != '\0' &&
	    pf_under_way(&out->r);
	out->can_deregister = out->r.status == PFS_FILED;
	out->can_manual = out->r.manual && pf_under_way(&out->r);
	return APP_OK;
}

/* --- editing --- */

/*
 * The edit inside its transaction: values in, the document (when one is
 * uploaded) stored first.  Problems other than missing items refuse it.
 */
static enum app_err
edit(const struct svc_ctx *c, const struct filing_value *in, size_t nin, bool docs_too,
    const char *change_date, const struct pfiling_doc *doc, const struct sealed *content,
    struct filing_problem *p, size_t max, size_t *np, struct fault *f)
{
	const struct filing_fieldset	*fs = filing_fieldset_current();
	const struct filing_field	*ff;
	struct pfiling_row		 r;
	struct pfiling_seals		 s;
	struct dossier			 work, sent, filed;
	struct filing_problem		*all;
	struct filing_value		*ne;
	const char			*keys = "", *diff;
	size_t				 i, nne, nall, k;
	enum app_err			 er;

	*np = 0;
	for (i = 0; i < nin; i++) {
		/* A document's value comes with its upload, never typed. */
		if ((ff = filing_field_find(fs, in[i].key)) != NULL && ff->type == FT_DOCUMENT &&
		    !docs_too && in[i].value[0] != '\0')
			return pf_refuse(f, APP_INVALID, ff->key, MSG_ERR_PFILING_DOC_FIELD,
			    PFILING_RULE_ITEMS);
		/* Bounded and UTF-8 here; filing_check names every other problem. */
		if (strlen(in[i].value) > VALUE_MAX)
			return pf_refuse(f, APP_INVALID, in[i].key, MSG_ERR_FIELD_TOO_LONG,
			    PFILING_RULE_ITEMS);
		if (!utf8_valid(in[i].value, strlen(in[i].value)))
			return pf_refuse(f, APP_INVALID, in[i].key, MSG_ERR_FIELD_ENCODING,
			    PFILING_RULE_ITEMS);
	}
	if ((er = store_begin(c->st)) != APP_OK)
		return er;
	if ((er = pf_row_load(c, &r, &s, NULL)) != APP_OK)
		goto fail;
	if (!(r.status == PFS_DRAFT || r.status == PFS_SUPPLEMENT_REQUESTED ||
	    r.status == PFS_FILED || r.status == PFS_CHANGE_PENDING))
		return pf_wrong_state(c, &r, f);
	if ((er = pf_copy_open(c, &s.work, AD_WORK, fs, &work)) != APP_OK ||
	    (er = pf_copy_open(c, &s.sent, AD_SENT, fs, &sent)) != APP_OK ||
	    (er = pf_copy_open(c, &s.filed, AD_FILED, fs, &filed)) != APP_OK)
		goto fail;
	for (i = 0; i < nin; i++) {
		dossier_set(c, &work, in[i].key, arena_strdup(c->a,
		    str_trim(str_from(in[i].value)).n > 0 ? in[i].value : ""));
		keys = arena_printf(c->a, "%s%s%s", keys, keys[0] != '\0' ? "," : "", in[i].key);
	}
	/* Every problem at once (R24); a missing item waits for the submission. */
	nne = nonempty(c, &work, &ne);
	nall = work.n + fs->n + 8;
	all = arena_calloc(c->a, nall, sizeof(*all));
	nall = filing_check(fs, ne, nne, all, nall);
	for (i = k = 0; i < nall && i < work.n + fs->n + 8; i++)
		if (all[i].kind != FP_MISSING) {
			if (k < max)
				p[k] = all[i];
			k++;
		}
	if (k > 0) {
		store_rollback(c->st);
		*np = k;
		fault_set(f, APP_INVALID, max > 0 ? p[0].key : NULL, MSG_ERR_PFILING_INVALID,
		    (int)k);
		f->rule = PFILING_RULE_ITEMS;
		return APP_INVALID;
	}
	if (doc != NULL && (er = store_pfiling_doc_put(c->st, doc, content)) != APP_OK)
		goto fail;
	copy_seal(c, &work, AD_WORK, &s.work);
	r.public_json = public_json(c, &work);
	r.fieldset = fs->version;
	/* Once filed, a changed item is a change to file within 30 days (第六条, R22). */
	if (r.status == PFS_FILED || r.status == PFS_CHANGE_PENDING) {
		if (change_date == NULL)
			change_date = pf_today(c);
		diff = r.status == PFS_CHANGE_PENDING && s.sent.data != NULL ?
		    svc_pfiling_diff(c->a, fs, sent.v, sent.n, work.v, work.n) :
		    svc_pfiling_diff(c->a, fs, filed.v, filed.n, work.v, work.n);
		if ((er = pf_tasks_sync(c, diff, change_date)) != APP_OK)
			goto fail;
	}
	/* Only the keys go to the audit log, never the values. */
	if ((er = docs_prune(c, fs, &work, &sent, &filed)) != APP_OK ||
	    (er = pf_row_save(c, &r, &s)) != APP_OK ||
	    (er = pf_audit(c, doc != NULL ? "pfiling.document" : "pfiling.update",
	    arena_printf(c->a, "keys=%s", keys))) != APP_OK ||
	    (er = store_commit(c->st)) != APP_OK)
		goto fail;
	return APP_OK;
fail:
	store_rollback(c->st);
	return er;
}

enum app_err
svc_pfiling_update(const struct svc_ctx *c, const struct filing_value *in, size_t n,
    const char *change_date, struct filing_problem *p, size_t max, size_t *np,
    struct fault *f)
{
	int64_t		day;
	enum app_err	er;

	*np = 0;
	if ((er = pf_admit(c, f)) != APP_OK)
		return er;
	if (change_date != NULL && change_date[0] == '\0')
		change_date = NULL;
	if (change_date != NULL && date_parse(change_date, strlen(change_date), &day) != 0)
		return pf_refuse(f, APP_INVALID, "change_date", MSG_ERR_PFILING_DATE,
		    PFILING_RULE_CHANGE);
	if (change_date != NULL && day > date_of_time(c->now))
		return pf_refuse(f, APP_INVALID, "change_date", MSG_ERR_PFILING_CHANGE_FUTURE,
		    PFILING_RULE_CHANGE);
	return edit(c, in, n, false, change_date, NULL, NULL, p, max, np, f);
}

enum app_err
svc_pfiling_document_put(const struct svc_ctx *c, const char *key, const char *name,
    const void *data, size_t len, struct pfiling_doc *out, struct fault *f)
{
	const struct filing_field	*ff;
	struct filing_value		 v;
	struct filing_problem		 p[8];
	struct sealed			 content;
	char				 hash[CRYPTO_HASH_HEX], mime[128];
	const char			*nm;
	size_t				 np;
	enum app_err			 er;

	memset(out, 0, sizeof(*out));
	if ((er = pf_admit(c, f)) != APP_OK)
		return er;
	if (key == NULL || (ff = filing_field_find(filing_fieldset_current(), key)) == NULL)
		return pf_refuse(f, APP_NOTFOUND, "key", MSG_ERR_PFILING_NOT_DOC, PFILING_RULE_ITEMS);
	if (ff->type != FT_DOCUMENT)
		return pf_refuse(f, APP_INVALID, "key", MSG_ERR_PFILING_NOT_DOC, PFILING_RULE_ITEMS);
	if (len == 0)
		return pf_refuse(f, APP_INVALID, "content", MSG_ERR_PFILING_DOC_EMPTY,
		    PFILING_RULE_ITEMS);
	if (len > PFILING_DOC_MAX) {
		fault_set(f, APP_TOOBIG, "content", MSG_ERR_PFILING_DOC_SIZE,
		    (int)(PFILING_DOC_MAX / (1024 * 1024)));
		f->rule = PFILING_RULE_ITEMS;
		return APP_TOOBIG;
	}
	if ((nm = svc_pfiling_doc_name(c->a, name)) == NULL)
		return pf_refuse(f, APP_INVALID, "name", MSG_ERR_PFILING_DOC_NAME, PFILING_RULE_ITEMS);
	crypto_hash_hex(data, len, hash);
	sniff_mime(data, len, mime, sizeof(mime));
	out->key = ff->key;
	out->sha256 = arena_strdup(c->a, hash);
	out->name = nm;
	out->media_type = arena_strdup(c->a, mime);
	out->size = (int64_t)len;
	out->uploaded_by = pf_actor_id(c);
	out->uploaded_at = c->now;
	svc_seal(c, data, len, arena_printf(c->a, "pfiling-doc:%s:%s", ff->key, hash), &content);
	v.key = ff->key;
	v.value = arena_printf(c->a, "%s sha256:%s", nm, hash);
	er = edit(c, &v, 1, true, NULL, out, &content, p, sizeof(p) / sizeof(p[0]), &np, f);
	return er;
}

enum app_err
svc_pfiling_document_get(const struct svc_ctx *c, const char *key, struct pfiling_doc *out,
    const unsigned char **data, size_t *len, struct fault *f)
{
	const struct filing_fieldset	*fs = filing_fieldset_current();
	struct pfiling_row		 r;
	struct pfiling_seals		 s;
	struct dossier			 work;
	struct sealed			 content;
	const char			*h;
	enum app_err			 er;

	*data = NULL;
	*len = 0;
	if ((er = pf_admit(c, f)) != APP_OK)
		return er;
	if ((er = pf_row_load(c, &r, &s, NULL)) != APP_OK ||
	    (er = pf_copy_open(c, &s.work, AD_WORK, fs, &work)) != APP_OK)
		return er;
	if (key == NULL || (h = doc_hash(c, dossier_get(&work, key))) == NULL ||
	    (er = store_pfiling_doc_get(c->st, c->a, key, h, out, &content)) == APP_NOTFOUND)
		return pf_refuse(f, APP_NOTFOUND, "key", MSG_ERR_PFILING_NO_DOC, PFILING_RULE_ITEMS);
	if (er != APP_OK)
		return er;
	if ((*data = svc_unseal(c, &content, arena_printf(c->a, "pfiling-doc:%s:%s", out->key,
	    out->sha256), len)) == NULL) {
		log_err("event=unseal_failed what=platform_filing_document key=%s", out->key);
		return fault_set(f, APP_INTERNAL, NULL, MSG_ERR_INTERNAL, 0);
	}
	return APP_OK;
}

/* The kind the state calls for. */
static enum filing_app_kind
kind_for(const struct pfiling_row *r)
{
	int	k;

	if ((k = pf_kind_of(r->app_kind)) >= 0 && pf_under_way(r))
		return (enum filing_app_kind)k;
	switch (r->status) {
	case PFS_FILED:
	case PFS_CHANGE_PENDING:
		return FAK_CHANGE;
	case PFS_DEREGISTRATION_PENDING:
	case PFS_DEREGISTERED:
		return FAK_DEREGISTRATION;
	default:
		return FAK_INITIAL;
	}
}

enum app_err
svc_pfiling_export(const struct svc_ctx *c, const char *kind, const char **body, size_t *len,
    struct fault *f)
{
	const struct filing_fieldset	*fs = filing_fieldset_current();
	struct pfiling_row		 r;
	struct pfiling_seals		 s;
	struct dossier			 work;
	enum filing_app_kind		 k;
	int				 ki = -1;
	enum app_err			 er;

	*body = NULL;
	*len = 0;
	if ((er = pf_admit(c, f)) != APP_OK)
		return er;
	if (kind != NULL && kind[0] != '\0' && (ki = pf_kind_of(kind)) < 0)
		return pf_refuse(f, APP_INVALID, "kind", MSG_ERR_PFILING_KIND, PFILING_RULE_ITEMS);
	if ((er = pf_row_load(c, &r, &s, NULL)) != APP_OK ||
	    (er = pf_copy_open(c, &s.work, AD_WORK, fs, &work)) != APP_OK)
		return er;
	k = ki >= 0 ? (enum filing_app_kind)ki : kind_for(&r);
	if (k == FAK_CHANGE && r.changed[0] == '\0' && s.filed.data != NULL) {
		struct dossier	filed;

		if ((er = pf_copy_open(c, &s.filed, AD_FILED, fs, &filed)) != APP_OK)
			return er;
		r.changed = svc_pfiling_diff(c->a, fs, filed.v, filed.n, work.v, work.n);
		if ((er = pf_tasks_earliest(c, "open", &r.change_date)) != APP_OK)
			return er;
	}
	*body = pf_document_json(c, k, &work, &r, NULL, len);
	/* The export carries the ID numbers: who took one is on record. */
	return pf_audit(c, "pfiling.export", arena_printf(c->a, "kind=%s",
	    filing_app_kind_name(k)));
}

/* --- deliveries --- */

static const char *
event_name(enum filing_app_kind k, bool resub)
{
	if (resub)
		return "resubmitted";
	return k == FAK_CHANGE ? "change_submitted" :
	    k == FAK_DEREGISTRATION ? "deregistration_submitted" : "submitted";
}

/*
 * Hand the application to the registry (inside the transaction): an event
 * and, with a registry, its outbox delivery; without one it is recorded as
 * handed in by hand.  r is updated, not saved.
 */
static enum app_err
deliver(const struct svc_ctx *c, struct pfiling_row *r, enum filing_app_kind k, bool resub,
    const char *note)
{
	struct pfiling_event	 e;
	const char		*base = c->cfg->registry_url, *url;
	char			 key[33];
	int64_t			 id, ob;
	enum app_err		 er;

	memset(&e, 0, sizeof(e));
	e.at = c->now;
	e.actor_id = pf_actor_id(c);
	e.event = event_name(k, resub);
	e.kind = filing_app_kind_name(k);
	e.resubmission = resub;
	e.application_id = resub ? r->application_id : "";
	e.note = note != NULL ? note : "";
	if ((er = store_pfiling_event_add(c->st, &e, &id)) != APP_OK)
		return er;
	r->app_kind = filing_app_kind_name(k);
	r->sent_event = id;
	r->submitted_at = c->now;
	r->reason = "";
	r->poll_at = 0;
	if (!resub) {
		r->application_id = "";
		r->answer_json = "{}";
	}
	if (base[0] == '\0') {
		/* No registry: the export is the file, handed in by hand. */
		r->manual = true;
		r->app_state = resub ? "resubmitted" : "submitted";
		return k == FAK_CHANGE && !resub ?
		    pf_tasks_move(c, "open", "filed", NULL, true) : APP_OK;
	}
	r->manual = false;
	r->app_state = "";
	url = resub ? arena_printf(c->a, "%s%sapi/v1/filings/applications/%s/resubmission",
	    base, base[strlen(base) - 1] == '/' ? "" : "/", r->application_id) :
	    arena_printf(c->a, "%s%sapi/v1/filings/applications", base,
	    base[strlen(base) - 1] == '/' ? "" : "/");
	crypto_random_hex(key, 16);
	if ((er = store_outbox_add_http(c->st, url, arena_printf(c->a, "pfiling:%lld",
	    (long long)id), key, c->now, &ob)) != APP_OK ||
	    (er = store_pfiling_event_set_outbox(c->st, id, ob)) != APP_OK)
		return er;
	return k == FAK_CHANGE && !resub ? pf_tasks_move(c, "open", "filed", NULL, false) : APP_OK;
}

/* Check a copy is complete: every problem, documents included. */
static size_t
complete(const struct svc_ctx *c, const struct dossier *d, struct filing_problem *p,
    size_t max)
{
	const struct filing_fieldset	*fs = filing_fieldset_current();
	struct filing_value		*ne;
	size_t				 nne = nonempty(c, d, &ne), n;

	n = filing_check(fs, ne, nne, p, max);
	return docs_missing(c, fs, d, p, max, n);
}

static enum app_err
incomplete(const struct svc_ctx *c, struct filing_problem *p, size_t max, size_t n,
    size_t *np, struct fault *f)
{
	store_rollback(c->st);
	*np = n;
	fault_set(f, APP_INVALID, n > 0 && max > 0 ? p[0].key : NULL, MSG_ERR_PFILING_INCOMPLETE,
	    (int)n);
	f->rule = PFILING_RULE_ITEMS;
	return APP_INVALID;
}

bool
pf_note_ok(const char *note, struct fault *f)
{
	if (note == NULL || text_ok(note, PFILING_NOTE_MAX, true))
		return true;
	pf_refuse(f, APP_INVALID, "note", MSG_ERR_FIELD_TOO_LONG, PFILING_RULE_ITEMS);
	return false;
}

/* After the commit: the process's copy. */
enum app_err
pf_committed(const struct svc_ctx *c, const struct pfiling_row *r)
{
	pf_shown_set(r);
	(void)c;
	return APP_OK;
}

enum app_err
svc_pfiling_submit(const struct svc_ctx *c, const char *note, struct filing_problem *p,
    size_t max, size_t *np, struct fault *f)
{
	const struct filing_fieldset	*fs = filing_fieldset_current();
	struct pfiling_row		 r;
	struct pfiling_seals		 s;
	struct pfiling_event		 ev;
	struct dossier			 work, filed;
	enum filing_app_kind		 k;
	bool				 failed, resub;
	size_t				 n;
	int				 ki;
	enum app_err			 er;

	*np = 0;
	if ((er = pf_admit(c, f)) != APP_OK)
		return er;
	if (!pf_note_ok(note, f))
		return APP_INVALID;
	if ((er = store_begin(c->st)) != APP_OK)
		return er;
	if ((er = pf_row_load(c, &r, &s, NULL)) != APP_OK ||
	    (er = delivery_failed(c, &r, &failed, &ev)) != APP_OK)
		goto fail;
	/* A delivery that failed for good goes again, the same one (its key too). */
	if (failed) {
		if ((er = store_outbox_requeue(c->st, ev.outbox_id, c->now)) != APP_OK ||
		    (er = pf_audit(c, "pfiling.resend", arena_printf(c->a, "event=%lld",
		    (long long)ev.id))) != APP_OK || (er = store_commit(c->st)) != APP_OK)
			goto fail;
		return pf_committed(c, &r);
	}
	resub = strcmp(r.app_state, "supplement_requested") == 0 && r.application_id[0] != '\0' &&
	    (r.status == PFS_SUPPLEMENT_REQUESTED || r.status == PFS_CHANGE_PENDING ||
	    r.status == PFS_DEREGISTRATION_PENDING);
	if (!resub && r.status != PFS_DRAFT)
		return pf_wrong_state(c, &r, f);
	ki = pf_kind_of(r.app_kind);
	k = resub && ki >= 0 ? (enum filing_app_kind)ki : FAK_INITIAL;
	if ((er = pf_copy_open(c, &s.work, AD_WORK, fs, &work)) != APP_OK)
		goto fail;
	if (k != FAK_DEREGISTRATION && (n = complete(c, &work, p, max)) > 0)
		return incomplete(c, p, max, n, np, f);
	if (k == FAK_CHANGE) {
		if ((er = pf_copy_open(c, &s.filed, AD_FILED, fs, &filed)) != APP_OK)
			goto fail;
		r.changed = svc_pfiling_diff(c->a, fs, filed.v, filed.n, work.v, work.n);
		/* What the 补正 edited goes with the change: its task is filed with it. */
		if (resub && (er = pf_tasks_move(c, "open", "filed", r.application_id, true)) !=
		    APP_OK)
			goto fail;
	}
	copy_seal(c, &work, AD_SENT, &s.sent);
	if (resub && k == FAK_INITIAL)
		r.status = PFS_RESUBMITTED;
	else if (!resub)
		r.status = PFS_SUBMITTED;
	if ((er = deliver(c, &r, k, resub, note)) != APP_OK ||
	    (er = pf_row_save(c, &r, &s)) != APP_OK ||
	    (er = pf_audit(c, resub ? "pfiling.resubmit" : "pfiling.submit",
	    arena_printf(c->a, "kind=%s manual=%d", filing_app_kind_name(k), r.manual))) !=
	    APP_OK || (er = store_commit(c->st)) != APP_OK)
		goto fail;
	return pf_committed(c, &r);
fail:
	store_rollback(c->st);
	return er;
}

enum app_err
svc_pfiling_change(const struct svc_ctx *c, const char *note, struct filing_problem *p,
    size_t max, size_t *np, struct fault *f)
{
	const struct filing_fieldset	*fs = filing_fieldset_current();
	struct pfiling_row		 r;
	struct pfiling_seals		 s;
	struct dossier			 work, filed;
	const char			*diff, *date;
	size_t				 n;
	enum app_err			 er;

	*np = 0;
	if ((er = pf_admit(c, f)) != APP_OK)
		return er;
	if (!pf_note_ok(note, f))
		return APP_INVALID;
	if ((er = store_begin(c->st)) != APP_OK)
		return er;
	if ((er = pf_row_load(c, &r, &s, NULL)) != APP_OK)
		goto fail;
	if (r.status != PFS_FILED)
		return pf_wrong_state(c, &r, f);
	if ((er = pf_copy_open(c, &s.work, AD_WORK, fs, &work)) != APP_OK ||
	    (er = pf_copy_open(c, &s.filed, AD_FILED, fs, &filed)) != APP_OK)
		goto fail;
	if ((diff = svc_pfiling_diff(c->a, fs, filed.v, filed.n, work.v, work.n))[0] == '\0') {
		store_rollback(c->st);
		return pf_refuse(f, APP_CONFLICT, NULL, MSG_ERR_PFILING_NO_CHANGE, PFILING_RULE_CHANGE);
	}
	if ((n = complete(c, &work, p, max)) > 0)
		return incomplete(c, p, max, n, np, f);
	/* The task the edits opened (one is opened now if none is). */
	if ((er = pf_tasks_sync(c, diff, pf_today(c))) != APP_OK ||
	    (er = pf_tasks_earliest(c, "open", &date)) != APP_OK)
		goto fail;
	r.change_date = date[0] != '\0' ? date : pf_today(c);
	r.changed = diff;
	r.status = PFS_CHANGE_PENDING;
	copy_seal(c, &work, AD_SENT, &s.sent);
	if ((er = deliver(c, &r, FAK_CHANGE, false, note)) != APP_OK ||
	    (er = pf_row_save(c, &r, &s)) != APP_OK ||
	    (er = pf_audit(c, "pfiling.change", arena_printf(c->a, "keys=%s manual=%d", diff,
	    r.manual))) != APP_OK || (er = store_commit(c->st)) != APP_OK)
		goto fail;
	return pf_committed(c, &r);
fail:
	store_rollback(c->st);
	return er;
}

enum app_err
svc_pfiling_deregister(const struct svc_ctx *c, const char *end_date, const char *note,
    struct fault *f)
{
	struct pfiling_row	 r;
	struct pfiling_seals	 s;
	struct pfiling_case	*cs;
	size_t			 ncs;
	int64_t			 day, pending;
	enum app_err		 er;

	if ((er = pf_admit(c, f)) != APP_OK)
		return er;
	if (end_date == NULL || end_date[0] == '\0')
		return pf_refuse(f, APP_INVALID, "end_date", MSG_ERR_FIELD_MISSING,
		    PFILING_RULE_DEREG);
	if (date_parse(end_date, strlen(end_date), &day) != 0)
		return pf_refuse(f, APP_INVALID, "end_date", MSG_ERR_PFILING_DATE, PFILING_RULE_DEREG);
	if (day < date_of_time(c->now))
		return pf_refuse(f, APP_INVALID, "end_date", MSG_ERR_PFILING_END_PAST,
		    PFILING_RULE_DEREG);
	if (!pf_note_ok(note, f))
		return APP_INVALID;
	if ((er = store_begin(c->st)) != APP_OK)
		return er;
	if ((er = pf_row_load(c, &r, &s, NULL)) != APP_OK)
		goto fail;
	if (r.status != PFS_FILED)
		return pf_wrong_state(c, &r, f);
	/* Nothing is left behind: every open case handed over or closed (第七条). */
	if ((er = store_pfiling_open_cases(c->st, c->a, 1, &cs, &ncs, &pending)) != APP_OK)
		goto fail;
	if (pending > 0) {
		store_rollback(c->st);
		fault_set(f, APP_CONFLICT, NULL, MSG_ERR_PFILING_CASES_OPEN, (int)pending);
		f->rule = PFILING_RULE_DEREG;
		return APP_CONFLICT;
	}
	r.end_date = end_date;
	r.status = PFS_DEREGISTRATION_PENDING;
	if ((er = deliver(c, &r, FAK_DEREGISTRATION, false, note)) != APP_OK ||
	    (er = pf_row_save(c, &r, &s)) != APP_OK ||
	    (er = pf_audit(c, "pfiling.deregister", arena_printf(c->a, "end_date=%s manual=%d",
	    end_date, r.manual))) != APP_OK || (er = store_commit(c->st)) != APP_OK)
		goto fail;
	return pf_committed(c, &r);
fail:
	store_rollback(c->st);
	return er;
}

enum app_err
svc_pfiling_handover(const struct svc_ctx *c, const char *to, const char *case_id,
    const char *note, size_t *n, struct fault *f)
{
	struct pfiling_case	*cs;
	size_t			 ncs, i;
	int64_t			 pending;
	bool			 found = false;
	enum app_err		 er;

	*n = 0;
	if ((er = pf_admit(c, f)) != APP_OK)
		return er;
	if (to == NULL || str_trim(str_from(to)).n == 0)
		return pf_refuse(f, APP_INVALID, "to", MSG_ERR_FIELD_MISSING, PFILING_RULE_DEREG);
	if (!text_ok(to, ORG_MAX, false))
		return pf_refuse(f, APP_INVALID, "to", MSG_ERR_FIELD_TOO_LONG, PFILING_RULE_DEREG);
	if (!pf_note_ok(note, f))
		return APP_INVALID;
	if ((er = store_begin(c->st)) != APP_OK)
		return er;
	if ((er = store_pfiling_open_cases(c->st, c->a, 0, &cs, &ncs, &pending)) != APP_OK)
		goto fail;
	for (i = 0; i < ncs; i++) {
		if (case_id != NULL && strcmp(cs[i].id, case_id) != 0)
			continue;
		found = true;
		if (cs[i].handed_to[0] != '\0')
			continue;
		/* On the case itself: its timeline and the audit log. */
		if ((er = store_pfiling_handover_add(c->st, cs[i].id, to, note, pf_actor_id(c),
		    c->now)) != APP_OK ||
		    (er = svc_case_record(c, cs[i].id, "handover", "", "", to,
		    note != NULL ? note : "", "case.handover",
		    arena_printf(c->a, "to=\"%s\"", to))) != APP_OK)
			goto fail;
		(*n)++;
	}
	if (case_id != NULL && !found) {
		store_rollback(c->st);
		return pf_refuse(f, APP_NOTFOUND, "case_id", MSG_ERR_PFILING_NO_CASE,
		    PFILING_RULE_DEREG);
	}
	if (case_id != NULL && *n == 0) {
		store_rollback(c->st);
		return pf_refuse(f, APP_CONFLICT, "case_id", MSG_ERR_PFILING_HANDED,
		    PFILING_RULE_DEREG);
	}
	if ((er = store_commit(c->st)) != APP_OK)
		goto fail;
	return APP_OK;
fail:
	store_rollback(c->st);
	return er;
}

/* --- start and the scheduler --- */

enum app_err
svc_pfiling_load(const struct svc_ctx *c)
{
	struct pfiling_row	r;
	struct pfiling_seals	s;
	enum app_err		er;

	if (!pf_platform(c))
		return APP_OK;
	if ((er = store_pfiling_get(c->st, c->a, &r, NULL)) == APP_NOTFOUND) {
		memset(&s, 0, sizeof(s));
		memset(&r, 0, sizeof(r));
		r.status = PFS_DRAFT;
		r.number = r.filed_on = "";
	} else if (er != APP_OK)
		return er;
	pf_shown_set(&r);
	return initial_clock(c, &r);
}

enum app_err
svc_pfiling_intake_check(const struct svc_ctx *c, struct fault *f)
{
	struct pfiling_shown	sh;

	if (!pf_platform(c) || c->system)
		return APP_OK;
	svc_pfiling_shown(c->cfg, &sh);
	/* A process that did not load it (serve does at start) reads it once. */
	if (!sh.loaded) {
		if (svc_pfiling_load(c) != APP_OK)
			log_warnx("event=pfiling_load_failed");
		svc_pfiling_shown(c->cfg, &sh);
	}
	if (sh.intake_open)
		return APP_OK;
	fault_set(f, APP_FORBIDDEN, NULL, MSG_ERR_INTAKE_NOT_FILED, 0);
	f->rule = PFILING_RULE_GATE;
	return APP_FORBIDDEN;
}

enum app_err
svc_pfiling_tick(const struct svc_ctx *c)
{
	struct pfiling_row	r;
	struct pfiling_seals	s;
	enum app_err		er;

	if (!pf_platform(c))
		return APP_OK;
	if ((er = svc_pfiling_load(c)) != APP_OK)
		return er;
	if ((er = store_pfiling_get(c->st, c->a, &r, NULL)) != APP_OK)
		return er == APP_NOTFOUND ? APP_OK : er;
	/* An approved deregistration takes effect on its end date (第七条). */
	if (r.status != PFS_DEREGISTRATION_PENDING || strcmp(r.app_state, "approved") != 0 ||
	    !pf_reached(c, r.end_date))
		return APP_OK;
	if ((er = store_begin(c->st)) != APP_OK)
		return er;
	if ((er = store_pfiling_get(c->st, c->a, &r, &s)) != APP_OK)
		goto fail;
	if (r.status != PFS_DEREGISTRATION_PENDING) {
		store_rollback(c->st);
		return APP_OK;
	}
	r.status = PFS_DEREGISTERED;
	if ((er = pf_note_event(c, &r, "deregistered", r.end_date)) != APP_OK ||
	    (er = pf_row_save(c, &r, &s)) != APP_OK ||
	    (er = pf_audit(c, "pfiling.deregistered", arena_printf(c->a, "end_date=%s",
	    r.end_date))) != APP_OK || (er = store_commit(c->st)) != APP_OK)
		goto fail;
	return pf_committed(c, &r);
fail:
	store_rollback(c->st);
	return er;
}
