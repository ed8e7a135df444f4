/*
 * The receipt log (漏洞信息接收日志, Art. 5): GET /api/v1/log/key and
 * /api/v1/log/sth are public; leaves and proofs need an account, and a
 * reporter gets only the leaves of their own reports.
 */
#include <string.h>

#include "api/api.h"
#include "core/arena.h"
#include "crypto/crypto.h"
#include "store/store.h"
#include "svc/intake.h"

static enum app_err
log_key(struct req *rq)
{
	unsigned char	pk[CRYPTO_SIGN_PUBLIC];
	char		b64[CRYPTO_B64_LEN(CRYPTO_SIGN_PUBLIC)];

	crypto_keys_public(rq->keys, pk);
	crypto_b64_encode(b64, sizeof(b64), pk, sizeof(pk));
	return resp_json(rq, 200, json_pack("{s:s, s:s}", "algorithm", "Ed25519",
	    "public_key", b64));
}

enum { S_SIZE };
static const struct param sth_params[] = {
	{ "tree_size", PARAM_I64, 1, INT64_MAX, false },	/* S_SIZE */
};

static enum app_err
log_sth(struct req *rq)
{
	struct log_sth	s;
	unsigned char	empty[CRYPTO_SHA256_BYTES];
	enum app_err	er;

	er = store_log_sth_get(rq->store, req_param(rq, S_SIZE)->i, &s);
	if (er == APP_NOTFOUND && !req_param(rq, S_SIZE)->present) {
		/* The empty log: size 0, its root is the hash of nothing, nothing signed yet. */
		crypto_sha256(empty, NULL, 0, NULL, 0, NULL, 0);
		return resp_json(rq, 200, json_pack("{s:i, s:n, s:s, s:n}", "tree_size", 0,
		    "timestamp", "root_hash", crypto_b64_arena(rq->arena, empty, sizeof(empty)),
		    "signature"));
	}
	if (er == APP_NOTFOUND)
		return req_fail(rq, er, "tree_size", MSG_ERR_LOG_RANGE);
	if (er != APP_OK)
		return er;
	return resp_json(rq, 200, api_sth_json(rq, &s));
}

/* A reporter may see leaf idx only if it stands for one of their reports. */
static enum app_err
may_see_leaf(struct req *rq, const struct log_leaf *l)
{
	struct report	r;
	struct sealed	d;
	enum app_err	er;

	if (svc_report_sees_all(rq->user))
		return APP_OK;
	if (l->report_id == NULL)
		return req_fail(rq, APP_NOTFOUND, "index", MSG_ERR_LOG_RANGE);
	er = store_report_get(rq->store, rq->arena, l->report_id, &r, &d);
	if (er == APP_OK && r.reporter_id == rq->user->id)
		return APP_OK;
	return req_fail(rq, APP_NOTFOUND, "index", MSG_ERR_LOG_RANGE);
}

enum { P_INDEX, P_SIZE };
static const struct param proof_params[] = {
	{ "index", PARAM_I64, 0, INT64_MAX, true },	/* P_INDEX */
	{ "tree_size", PARAM_I64, 1, INT64_MAX, true },	/* P_SIZE */
};

static enum app_err
log_proof(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct log_leaf		 l;
	struct log_sth		 s;
	unsigned char		(*proof)[MERKLE_HASH];
	size_t			 n;
	int64_t			 idx = req_param(rq, P_INDEX)->i;
	int64_t			 size = req_param(rq, P_SIZE)->i;
	enum app_err		 er;
	char			*leaf64;

	if (idx >= size)
		return req_fail(rq, APP_INVALID, "index", MSG_ERR_LOG_RANGE);
	/* Only sizes that have a signed head: a proof is checked against one. */
	if ((er = store_log_sth_get(rq->store, size, &s)) == APP_NOTFOUND)
		return req_fail(rq, APP_NOTFOUND, "tree_size", MSG_ERR_LOG_RANGE);
	if (er != APP_OK)
		return er;
	if ((er = store_log_leaf(rq->store, rq->arena, idx, &l)) == APP_NOTFOUND)
		return req_fail(rq, er, "index", MSG_ERR_LOG_RANGE);
	if (er != APP_OK || (er = may_see_leaf(rq, &l)) != APP_OK)
		return er;
	proof = arena_alloc(rq->arena, sizeof(unsigned char[MERKLE_MAX_PROOF][MERKLE_HASH]));
	if ((er = svc_log_inclusion(&c, idx, size, proof, &n)) != APP_OK)
		return er;
	leaf64 = NULL;
	if (l.leaf != NULL) {
		leaf64 = crypto_b64_arena(rq->arena, l.leaf, l.leaf_len);
	}
	return resp_json(rq, 200, json_pack("{s:I, s:I, s:o, s:o, s:o}",
	    "leaf_index", (json_int_t)idx, "tree_size", (json_int_t)size,
	    "leaf", leaf64 ? json_string(leaf64) : json_null(),
	    "inclusion_proof", api_proof_json(rq, proof, n),
	    "sth", api_sth_json(rq, &s)));
}

enum { C_FIRST, C_SECOND };
static const struct param cons_params[] = {
	{ "first", PARAM_I64, 1, INT64_MAX, true },	/* C_FIRST */
	{ "second", PARAM_I64, 1, INT64_MAX, true },	/* C_SECOND */
};

static enum app_err
log_consistency(struct req *rq)
{
	struct svc_ctx	 c = api_svc(rq);
	struct log_sth	 a, b;
	unsigned char	(*proof)[MERKLE_HASH];
	size_t		 n;
	int64_t		 first = req_param(rq, C_FIRST)->i;
	int64_t		 second = req_param(rq, C_SECOND)->i;
	enum app_err	 er;

	if (first > second)
		return req_fail(rq, APP_INVALID, "first", MSG_ERR_LOG_RANGE);
	if ((er = store_log_sth_get(rq->store, first, &a)) == APP_NOTFOUND)
		return req_fail(rq, er, "first", MSG_ERR_LOG_RANGE);
	if (er != APP_OK)
		return er;
	if ((er = store_log_sth_get(rq->store, second, &b)) == APP_NOTFOUND)
		return req_fail(rq, er, "second", MSG_ERR_LOG_RANGE);
	if (er != APP_OK)
		return er;
	proof = arena_alloc(rq->arena, sizeof(unsigned char[MERKLE_MAX_PROOF][MERKLE_HASH]));
	if ((er = svc_log_consistency(&c, first, second, proof, &n)) != APP_OK)
		return er;
	return resp_json(rq, 200, json_pack("{s:I, s:I, s:o, s:o, s:o}",
	    "first", (json_int_t)first, "second", (json_int_t)second,
	    "consistency_proof", api_proof_json(rq, proof, n),
	    "first_sth", api_sth_json(rq, &a), "second_sth", api_sth_json(rq, &b)));
}

const struct route api_log_routes[] = {
	{ HTTP_GET, "/api/v1/log/key", PERM_NONE, 0, NOPARAMS, log_key },
	{ HTTP_GET, "/api/v1/log/sth", PERM_NONE, 0, PARAMS(sth_params), log_sth },
	{ HTTP_GET, "/api/v1/log/proof", PERM_ACCOUNT, 0, PARAMS(proof_params), log_proof },
	{ HTTP_GET, "/api/v1/log/consistency", PERM_ACCOUNT, 0, PARAMS(cons_params),
	  log_consistency },
};
const size_t api_log_nroutes = sizeof(api_log_routes) / sizeof(api_log_routes[0]);
