#include <pthread.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/log.h"
#include "crypto/crypto.h"
#include "media/sniff.h"
#include "receipts/receipt.h"
#include "svc/deadlines.h"
#include "svc/intake.h"
#include "svc/pfiling.h"
#include "svc/reporters.h"
#include "svc/seal.h"

/* merkle_get_fn over the store. */
static int
node_get(void *arg, unsigned level, uint64_t index, unsigned char out[MERKLE_HASH])
{
	return store_log_node(arg, level, (int64_t)index, out) == APP_OK ? 0 : -1;
}

/*
 * Tree nodes seen during one batch.  The batch appends leaves and then
 * proves each of them: the proofs share most of their nodes with each other
 * and with what the appends just wrote, so a small table in front of the
 * store saves most of the lookups.  Open addressing; when full, lookups
 * simply go to the store.
 */
#define NODE_CACHE_SLOTS	1024	/* a power of two; half of it is used at most */

struct node_cache {
	struct store	*st;
	struct {
		uint64_t	index;
		unsigned	level;	/* level + 1; 0 marks an empty slot */
		unsigned char	hash[MERKLE_HASH];
	} slot[NODE_CACHE_SLOTS];
	int		 used;
};

static size_t
cache_slot(unsigned level, uint64_t index)
{
	uint64_t	h = (index * 0x9E3779B97F4A7C15ULL) ^ ((uint64_t)level << 56);

	return (size_t)(h >> 20) & (NODE_CACHE_SLOTS - 1);
}

static void
cache_put(struct node_cache *nc, unsigned level, uint64_t index,
    const unsigned char hash[MERKLE_HASH])
{
	size_t	i = cache_slot(level, index);

	if (nc->used >= NODE_CACHE_SLOTS / 2)
		return;	/* keep probes short */
	while (nc->slot[i].level != 0) {
		if (nc->slot[i].level == level + 1 && nc->slot[i].index == index)
			return;
		i = (i + 1) & (NODE_CACHE_SLOTS - 1);
	}
	nc->slot[i].level = level + 1;
	nc->slot[i].index = index;
	memcpy(nc->slot[i].hash, hash, MERKLE_HASH);
	nc->used++;
}

/* merkle_get_fn through the cache. */
static int
cached_node_get(void *arg, unsigned level, uint64_t index, unsigned char out[MERKLE_HASH])
{
	struct node_cache	*nc = arg;
	size_t			 i = cache_slot(level, index);

	while (nc->slot[i].level != 0) {
		if (nc->slot[i].level == level + 1 && nc->slot[i].index == index) {
			memcpy(out, nc->slot[i].hash, MERKLE_HASH);
			return 0;
		}
		i = (i + 1) & (NODE_CACHE_SLOTS - 1);
	}
	if (store_log_node(nc->st, level, (int64_t)index, out) != APP_OK)
		return -1;
	cache_put(nc, level, index, out);
	return 0;
}

static int64_t
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}


bool
svc_report_sees_all(const struct user *u)
{
	return u != NULL && (u->role == UROLE_TRIAGER || u->role == UROLE_COORDINATOR ||
	    u->role == UROLE_ADMIN);
}

/* Check the attachments against the limits; APP_OK or a fault. */
static enum app_err
check_files(const struct svc_ctx *c, const struct intake_in *in, struct fault *f)
{
	size_t	total = 0;
	int	i;

	if (in->nfiles > c->cfg->attachments_max)
		return fault_set(f, APP_INVALID, "files", MSG_ERR_ATTACH_COUNT,
		    c->cfg->attachments_max);
	for (i = 0; i < in->nfiles; i++) {
		if (report_filename_check(str_from(in->files[i].filename)) != MSG_OK)
			return fault_set(f, APP_INVALID, "files", MSG_ERR_REPORT_FILENAME, 0);
		if (in->files[i].size > (size_t)c->cfg->attachment_max_bytes)
			return fault_set(f, APP_TOOBIG, "files", MSG_ERR_ATTACH_SIZE,
			    c->cfg->attachment_max_bytes);
		total += in->files[i].size;
	}
	if (total > (size_t)c->cfg->attachments_total_max_bytes)
		return fault_set(f, APP_TOOBIG, "files", MSG_ERR_ATTACH_TOTAL,
		    c->cfg->attachments_total_max_bytes);
	return APP_OK;
}

/*
 * What an attachment's seal is bound to: its report and its own content
 * hash, so a sealed file cannot be moved to another report or row.
 */
static const char *
attachment_ad(const struct svc_ctx *c, const char *report_id, const char *sha256)
{
	return arena_printf(c->a, "%s/attachment/%s", report_id, sha256);
}

/* Store the attachments of report id (inside the transaction, on st). */
static enum app_err
store_files(struct store *st, const struct svc_ctx *c, const struct intake_in *in,
    const char *id)
{
	struct attachment	at;
	struct sealed		content;
	char			mime[128], hash[CRYPTO_HASH_HEX];
	const char		*ad;
	enum app_err		er;
	int			i;

	for (i = 0; i < in->nfiles; i++) {
		const struct attachment_in *fi = &in->files[i];

		sniff_mime(fi->data, fi->size, mime, sizeof(mime));
		crypto_hash_hex(fi->data, fi->size, hash);
		memset(&at, 0, sizeof(at));
		at.report_id = id;
		at.filename = fi->filename;
		at.mime = mime;
		at.size = (int64_t)fi->size;
		at.sha256 = hash;
		ad = attachment_ad(c, id, hash);
		svc_seal(c, fi->data, fi->size, ad, &content);
		if ((er = store_attachment_insert(st, &at, &content, NULL)) != APP_OK)
			return er;
	}
	return APP_OK;
}

/* Append the leaf of report r and the tree nodes it completes (on st). */
static enum app_err
append_leaf(struct node_cache *nc, const struct svc_ctx *c, const struct report *r,
    const char *channel, struct intake_receipt *out)
{
	struct merkle_node	nodes[MERKLE_MAX_PROOF + 1];
	struct log_leaf		leaf;
	char			submitter[32];
	int			nn, i;
	enum app_err		er;

	memset(&leaf, 0, sizeof(leaf));
	leaf.idx = r->leaf_index;
	receipt_submitter(submitter, r->reporter_id);
	leaf.leaf = receipt_leaf(c->a, r->id, r->received_at, channel, submitter,
	    r->payload_sha256, &leaf.leaf_len);
	merkle_leaf_hash(leaf.leaf, leaf.leaf_len, leaf.hash);
	leaf.report_id = r->id;
	leaf.received_at = r->received_at;
	nn = merkle_append(cached_node_get, nc, (uint64_t)leaf.idx, leaf.hash, nodes);
	if (nn < 0)
		return APP_STORE;
	if ((er = store_log_append(nc->st, &leaf, nodes, nn)) != APP_OK)
		return er;
	for (i = 0; i < nn; i++)
		cache_put(nc, nodes[i].level, nodes[i].index, nodes[i].hash);
	out->leaf = leaf.leaf;
	out->leaf_len = leaf.leaf_len;
	out->leaf_index = leaf.idx;
	return APP_OK;
}

/* Sign and store the head of a tree of size leaves. */
static enum app_err
sign_head(struct node_cache *nc, const struct keyring *keys, int64_t size,
    struct log_sth *sth)
{
	char	msg[RECEIPT_STH_MSG_MAX];
	size_t	mlen;

	sth->tree_size = size;
	sth->timestamp = now_ms();
	if (merkle_root(cached_node_get, nc, (uint64_t)size, sth->root) != 0)
		return APP_STORE;
	mlen = receipt_sth_message(msg, (uint64_t)size, sth->timestamp, sth->root);
	crypto_sign_msg(keys, msg, mlen, sth->signature);
	return store_log_sth_put(nc->st, sth);
}

enum app_err
svc_log_append(const struct svc_ctx *c, const char *id, const char *channel,
    const char *payload_sha256, int64_t *index)
{
	struct node_cache	*nc;
	struct intake_receipt	 out;
	struct report		 r;
	struct log_sth		 sth;
	int64_t			 size = 0;
	enum app_err		 er;

	if ((nc = calloc(1, sizeof(*nc))) == NULL)
		return APP_INTERNAL;
	nc->st = c->st;
	if ((er = store_log_size(c->st, &size)) != APP_OK)
		goto out;
	/* append_leaf wants a report: only the leaf's fields are read. */
	memset(&r, 0, sizeof(r));
	r.id = id;
	r.received_at = c->now;
	r.reporter_id = c->actor != NULL ? c->actor->id : 0;
	r.payload_sha256 = payload_sha256;
	r.leaf_index = size;
	if ((er = append_leaf(nc, c, &r, channel, &out)) != APP_OK ||
	    (er = sign_head(nc, c->keys, size + 1, &sth)) != APP_OK)
		goto out;
	*index = size;
out:
	free(nc);
	return er;
}

/* Queue the acknowledgement (ISO/IEC 29147 §6.2) when we have an address. */
static enum app_err
queue_ack(struct store *st, const struct svc_ctx *c, const struct report *r)
{
	const char	*subject, *body;

	if (c->actor == NULL || c->actor->email == NULL || c->actor->email[0] == '\0')
		return APP_OK;
	/* The tracking id and a link only: no details ever travel by mail. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	subject = arena_printf(c->a, msg(LANG_ZH, MSG_MAIL_ACK_SUBJECT), r->id);
#pragma GCC diagnostic pop
	{
		char	t[32];

		receipt_time(r->received_at, t);
		body = arena_printf(c->a,
		    "%s\n\n"
		    "跟踪编号 / Tracking id: %s\n"
		    "接收时间 / Received: %s\n"
		    "回执 / Receipt: %s/reports/%s\n\n"
		    SVC_MAIL_NO_DETAILS,
		    c->cfg->name, r->id, t, c->cfg->base_url, r->id);
	}
	return store_outbox_add(st, c->actor->email, subject, body, c->now);
}

/* The acknowledgement clock (R42), on the writer's connection. */
static enum app_err
ack_clock(struct store *st, const struct svc_ctx *c, const struct report *r)
{
	struct svc_ctx	wc = *c;

	wc.st = st;
	return svc_clock_start(&wc, DL_ACK, arena_printf(c->a, "report:%s", r->id), NULL,
	    r->id, r->received_at);
}

/*
 * Group commit.  Requests queue their prepared reports; the intake writer,
 * one thread with a connection of its own, takes every report waiting (up
 * to GC_MAX_BATCH) and writes them in one transaction: one fsync and one
 * signed tree head for the batch instead of one per report.  Under load the
 * batches follow each other with no hand-over; the writer sleeps only when
 * the queue is empty.  Each request sleeps on its own condition variable
 * and is woken once, when its batch is on disk.  The writer allocates each
 * result in its owner's arena, which is safe because the owner sleeps until
 * it is done.  Only the writer writes on its connection, so that
 * connection's page cache stays warm between batches.
 */
#define GC_MAX_BATCH	64

struct intake_job {
	const struct svc_ctx	*c;		/* the submitter's context */
	struct intake_in	*in;		/* validated, with payload hash */
	struct intake_receipt	*out;		/* filled by the writer */
	unsigned char		*packed;	/* the details, packed for sealing */
	size_t			 plen;
	enum app_err		 er;		/* the outcome */
	pthread_cond_t		 cv;		/* the owner sleeps here */
	bool			 done;		/* guarded by gc_mu */
	struct intake_job	*next;		/* queue link */
};

static pthread_mutex_t	 gc_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t	 gc_cv = PTHREAD_COND_INITIALIZER;	/* the writer waits here */
static struct intake_job *gc_head, *gc_tail;	/* waiting, oldest first */
static bool		 gc_running;		/* the writer takes jobs */
static bool		 gc_idle;		/* the writer waits on gc_cv */
static bool		 gc_stop;		/* svc_intake_stop was called */
static pthread_t	 gc_thread;

/* Everything of one report inside the batch transaction. */
static enum app_err
write_one(struct node_cache *nc, struct intake_job *j, int year, int64_t seq,
    int64_t index)
{
	struct store		*st = nc->st;
	const struct svc_ctx	*c = j->c;
	struct report		*r = &j->in->r;
	struct sealed		 details;
	char			 id[64];
	enum app_err		 er;

	report_id_format(id, sizeof(id), c->cfg->id_prefix, year, seq);
	r->id = arena_strdup(c->a, id);
	r->leaf_index = index;
	/* The details are bound to the id: a sealed blob cannot move to another row. */
	svc_seal(c, j->packed, j->plen, r->id, &details);
	if ((er = append_leaf(nc, c, r, report_channel_name(r->channel), j->out)) != APP_OK ||
	    (er = store_report_insert(st, r, year, seq, &details)) != APP_OK ||
	    (er = store_files(st, c, j->in, r->id)) != APP_OK ||
	    (er = queue_ack(st, c, r)) != APP_OK ||
	    (er = ack_clock(st, c, r)) != APP_OK ||
	    (er = store_audit_add(st, r->reporter_id, "report.create",
	    arena_printf(c->a, "report:%s", r->id),
	    arena_printf(c->a, "channel=%s kind=%s files=%d leaf=%lld",
	    report_channel_name(r->channel), report_kind_name(r->kind), j->in->nfiles,
	    (long long)r->leaf_index), c->addr, c->now)) != APP_OK)
		return er;
	j->out->id = r->id;
	return APP_OK;
}

/* Write jobs[0..n) in one transaction; set each job's er. */
static void
write_batch(struct store *st, const struct keyring *keys, struct intake_job **jobs,
    int n)
{
	struct node_cache	*nc;
	struct log_sth		 sth;
	int64_t			 size = 0, seq = 0;
	int			 i, k, m, year;
	enum app_err		 er;

	if ((nc = calloc(1, sizeof(*nc))) == NULL) {
		er = APP_INTERNAL;
		goto fail;
	}
	nc->st = st;
	if ((er = store_begin(st)) != APP_OK)
		goto fail;
	if ((er = store_log_size(st, &size)) != APP_OK)
		goto fail;
	/* Sequence numbers for each run of reports of the same year. */
	for (i = 0; i < n; i = k) {
		year = report_id_year(jobs[i]->c->now);
		for (k = i + 1; k < n && report_id_year(jobs[k]->c->now) == year; k++)
			;
		if ((er = store_report_next_seq(st, year, k - i, &seq)) != APP_OK)
			goto fail;
		for (m = i; m < k; m++)
			if ((er = write_one(nc, jobs[m], year, seq + (m - i),
			    size + m)) != APP_OK)
				goto fail;
	}
	if ((er = sign_head(nc, keys, size + n, &sth)) != APP_OK)
		goto fail;
	for (i = 0; i < n; i++) {
		jobs[i]->out->sth = sth;
		if (merkle_inclusion_proof(cached_node_get, nc,
		    (uint64_t)jobs[i]->out->leaf_index,
		    (uint64_t)sth.tree_size, jobs[i]->out->proof, &jobs[i]->out->nproof) != 0) {
			er = APP_STORE;
			goto fail;
		}
	}
	/* synchronous=FULL: when COMMIT returns, the reports and leaves are on disk. */
	if ((er = store_commit(st)) != APP_OK)
		goto fail;
	for (i = 0; i < n; i++)
		jobs[i]->er = APP_OK;
	free(nc);
	return;
fail:
	free(nc);
	store_rollback(st);
	if (n > 1) {
		/* One bad report must not sink the others: write them one by one. */
		for (i = 0; i < n; i++)
			write_batch(st, keys, &jobs[i], 1);
		return;
	}
	log_err("event=intake_failed error=\"%s\"", app_strerror(er));
	jobs[0]->er = er == APP_CONFLICT ? APP_STORE : er;
}

static void *
writer_main(void *arg)
{
	struct store		*st = arg;
	struct intake_job	*batch[GC_MAX_BATCH];
	int			 n, i;

	prctl(PR_SET_NAME, "ld-intake");	/* the thread's name, for top -H */
	pthread_mutex_lock(&gc_mu);
	for (;;) {
		while (gc_head == NULL && !gc_stop) {
			gc_idle = true;
			pthread_cond_wait(&gc_cv, &gc_mu);
			gc_idle = false;
		}
		/* On stop, what is queued is still written. */
		if (gc_head == NULL)
			break;
		for (n = 0; n < GC_MAX_BATCH && gc_head != NULL; n++) {
			batch[n] = gc_head;
			gc_head = gc_head->next;
		}
		if (gc_head == NULL)
			gc_tail = NULL;
		pthread_mutex_unlock(&gc_mu);

		write_batch(st, batch[0]->c->keys, batch, n);

		pthread_mutex_lock(&gc_mu);
		for (i = 0; i < n; i++) {
			batch[i]->done = true;
			pthread_cond_signal(&batch[i]->cv);
		}
	}
	pthread_mutex_unlock(&gc_mu);
	return NULL;
}

int
svc_intake_start(struct store *st)
{
	int	rc;

	pthread_mutex_lock(&gc_mu);
	if (gc_running) {
		pthread_mutex_unlock(&gc_mu);
		return -1;
	}
	gc_stop = false;
	if ((rc = pthread_create(&gc_thread, NULL, writer_main, st)) == 0)
		gc_running = true;
	pthread_mutex_unlock(&gc_mu);
	return rc == 0 ? 0 : -1;
}

void
svc_intake_stop(void)
{
	pthread_mutex_lock(&gc_mu);
	if (!gc_running) {
		pthread_mutex_unlock(&gc_mu);
		return;
	}
	gc_stop = true;
	gc_running = false;	/* no new jobs; the queued ones are written */
	pthread_cond_signal(&gc_cv);
	pthread_mutex_unlock(&gc_mu);
	pthread_join(gc_thread, NULL);
}

/* Queue j for the writer and return when it is written. */
static void
group_commit(struct intake_job *j)
{
	pthread_mutex_lock(&gc_mu);
	if (!gc_running) {
		pthread_mutex_unlock(&gc_mu);
		log_err("event=intake_failed error=\"the intake writer is not running\"");
		j->er = APP_INTERNAL;
		return;
	}
	if (gc_tail != NULL)
		gc_tail->next = j;
	else
		gc_head = j;
	gc_tail = j;
	if (gc_idle)
		pthread_cond_signal(&gc_cv);
	while (!j->done)
		pthread_cond_wait(&j->cv, &gc_mu);
	pthread_mutex_unlock(&gc_mu);
}

enum app_err
svc_report_submit(const struct svc_ctx *c, struct intake_in *in,
    struct intake_receipt *out, struct report_problem *problems,
    int *nproblems, struct fault *f)
{
	struct report		*r = &in->r;
	struct intake_job	 job;
	char			 hash[CRYPTO_HASH_HEX];
	enum app_err		 er;

	memset(out, 0, sizeof(*out));
	*nproblems = 0;
	/* No public intake before the platform is filed (办法 第八条, R20). */
	if ((er = svc_pfiling_intake_check(c, f)) != APP_OK)
		return er;
	if (c->actor == NULL && !c->cfg->allow_anonymous)
		return fault_set(f, APP_FORBIDDEN, NULL, MSG_ERR_ANON_INTAKE_OFF, 0);
	/* Reporters' rights follow their level ([reporters] submit_min_level). */
	if (c->actor != NULL && c->actor->role == UROLE_REPORTER &&
	    c->cfg->submit_min_level > 0 &&
	    svc_reporter_level(c) < c->cfg->submit_min_level) {
		fault_set(f, APP_FORBIDDEN, NULL, MSG_ERR_LEVEL_TOO_LOW,
		    c->cfg->submit_min_level);
		f->rule = "reporters.submit_min_level";
		return APP_FORBIDDEN;
	}
	if ((*nproblems = report_check(r, problems, REPORT_MAX_PROBLEMS)) > 0)
		return fault_set(f, APP_INVALID, problems[0].field,
		    MSG_ERR_REPORT_INVALID, *nproblems);
	if ((er = check_files(c, in, f)) != APP_OK)
		return er;

	/* Everything that needs no lock is done before queueing. */
	r->reporter_id = c->actor != NULL ? c->actor->id : 0;
	r->status = RSTATUS_RECEIVED;
	r->received_at = c->now;
	crypto_hash_hex(in->payload, in->payload_len, hash);
	r->payload_sha256 = arena_strdup(c->a, hash);
	memset(&job, 0, sizeof(job));
	job.c = c;
	job.in = in;
	job.out = out;
	job.packed = report_details_pack(c->a, &r->details, &job.plen);
	pthread_cond_init(&job.cv, NULL);
	group_commit(&job);
	pthread_cond_destroy(&job.cv);
	crypto_wipe(job.packed, job.plen);
	if (job.er != APP_OK)
		return fault_set(f, job.er, NULL, MSG_ERR_STORE, 0);
	return APP_OK;
}

enum app_err
svc_log_inclusion(const struct svc_ctx *c, int64_t index, int64_t size,
    unsigned char proof[MERKLE_MAX_PROOF][MERKLE_HASH], size_t *n)
{
	if (merkle_inclusion_proof(node_get, c->st, (uint64_t)index, (uint64_t)size,
	    proof, n) != 0)
		return APP_STORE;
	return APP_OK;
}

enum app_err
svc_log_consistency(const struct svc_ctx *c, int64_t first, int64_t second,
    unsigned char proof[MERKLE_MAX_PROOF][MERKLE_HASH], size_t *n)
{
	if (merkle_consistency_proof(node_get, c->st, (uint64_t)first,
	    (uint64_t)second, proof, n) != 0)
		return APP_STORE;
	return APP_OK;
}

enum app_err
svc_report_read(const struct svc_ctx *c, const char *id, struct report *out,
    struct fault *f)
{
	struct sealed	 d;
	unsigned char	*plain;
	size_t		 n;
	enum app_err	 er;

	if (c->actor == NULL)
		return fault_set(f, APP_UNAUTH, NULL, MSG_ERR_NEED_LOGIN, 0);
	er = store_report_get(c->st, c->a, id, out, &d);
	if (er == APP_NOTFOUND || (er == APP_OK && !svc_report_sees_all(c->actor) &&
	    out->reporter_id != c->actor->id))
		return fault_set(f, APP_NOTFOUND, "id", MSG_ERR_NO_SUCH_REPORT, 0);
	if (er != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	if ((plain = svc_unseal(c, &d, id, &n)) == NULL ||
	    report_details_unpack(c->a, plain, n, &out->details) != 0) {
		log_err("event=unseal_failed report=%s", id);
		return fault_set(f, APP_INTERNAL, NULL, MSG_ERR_INTERNAL, 0);
	}
	crypto_wipe(plain, n);
	/* Staff reading undisclosed details leaves a trace (Art. 11, R18). */
	if (c->actor->id != out->reporter_id &&
	    (er = store_audit_add(c->st, c->actor->id, "report.read",
	    arena_printf(c->a, "report:%s", id), "details", c->addr, c->now)) != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	return APP_OK;
}

enum app_err
svc_attachment_read(const struct svc_ctx *c, const char *report_id, int64_t id,
    struct attachment *at, const unsigned char **data, size_t *len, struct fault *f)
{
	struct report	 r;
	struct sealed	 content;
	enum app_err	 er;

	/* The same need-to-know check (and audit) as reading the report. */
	if ((er = svc_report_read(c, report_id, &r, f)) != APP_OK)
		return er;
	er = store_attachment_get(c->st, c->a, r.id, id, at, &content);
	if (er == APP_NOTFOUND)
		return fault_set(f, er, "n", MSG_ERR_NO_SUCH_REPORT, 0);
	if (er != APP_OK)
		return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
	if ((*data = svc_unseal(c, &content, attachment_ad(c, r.id, at->sha256),
	    len)) == NULL) {
		log_err("event=unseal_failed report=%s attachment=%lld", r.id, (long long)id);
		return fault_set(f, APP_INTERNAL, NULL, MSG_ERR_INTERNAL, 0);
	}
	return APP_OK;
}
