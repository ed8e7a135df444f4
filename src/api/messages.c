/*
 * The conversation of a case (R42, Art. 11): POST and GET
 * /api/v1/cases/{id}/messages (JSON, or multipart with a "message" JSON
 * part and files[] parts), the download of a message's attachment, the
 * reporter's retest of a fix (POST /api/v1/cases/{id}/retest), the
 * reporter's answer to triage's question (POST /api/v1/reports/{id}/reply)
 * and the progress thread of a report (GET /api/v1/reports/{id}/messages).
 * Any account; svc/messages.c decides who sees and says what.
 */
#include <string.h>

#include "api/api.h"
#include "core/arena.h"
#include "core/config.h"
#include "crypto/crypto.h"
#include "svc/messages.h"

static json_t *
message_json(struct arena *a, const struct message *m)
{
	json_t	*o, *files;
	size_t	 i;

	files = json_array();
	for (i = 0; i < m->nattachments; i++)
		json_array_append_new(files, json_pack("{s:I, s:s, s:s, s:I, s:s}",	/* steals */
		    "id", (json_int_t)m->attachments[i].id,
		    "filename", m->attachments[i].filename,
		    "mime", m->attachments[i].mime,
		    "size", (json_int_t)m->attachments[i].size,
		    "sha256", m->attachments[i].sha256));
	o = json_pack("{s:o, s:o, s:o, s:s, s:s, s:s%, s:o, s:o, s:o}",
	    "id", m->id != 0 ? json_integer(m->id) : json_null(),
	    "case", m->case_id[0] != '\0' ? json_string(m->case_id) : json_null(),
	    "report", m->report_id[0] != '\0' ? json_string(m->report_id) : json_null(),
	    "kind", m->kind,
	    "visibility", strcmp(m->visibility, "vendor") == 0 ?
	    arena_printf(a, "vendor:%s", m->vendor_org_slug) : m->visibility,
	    "body", m->body != NULL ? m->body : "", m->body != NULL ? m->body_len : 0,
	    "leaf_index", m->leaf_index >= 0 ? json_integer(m->leaf_index) : json_null(),
	    "created_at", api_time(m->created_at),
	    "attachments", files);
	json_object_set_new(o, "author", m->author_login[0] == '\0' ? json_null() :	/* steals */
	    json_pack("{s:s, s:s, s:o}", "login", m->author_login,
	    "name", m->author_name[0] != '\0' ? m->author_name : m->author_login,
	    "org", m->author_org_slug[0] != '\0' ? json_string(m->author_org_slug) :
	    json_null()));
	if (m->body_sha256[0] != '\0')
		json_object_set_new(o, "body_sha256", json_string(m->body_sha256));	/* steals */
	return o;
}

/* A string member of o: *out NULL when absent; a 400 naming it otherwise. */
static enum app_err
member(struct req *rq, json_t *o, const char *key, const char **out)
{
	json_t	*v = json_object_get(o, key);

	*out = NULL;
	if (v == NULL || json_is_null(v))
		return APP_OK;
	if (!json_is_string(v))
		return req_fail(rq, APP_INVALID, key, MSG_ERR_JSON_SHAPE, "expected a string");
	/* jansson allows \u0000 inside strings; ours are C strings. */
	if (memchr(json_string_value(v), '\0', json_string_length(v)) != NULL)
		return req_fail(rq, APP_INVALID, key, MSG_ERR_FIELD_ENCODING);
	*out = json_string_value(v);
	return APP_OK;
}

/* Only the keys in allowed (NULL-terminated). */
static enum app_err
only_keys(struct req *rq, json_t *o, const char *const *allowed)
{
	const char	*key;
	json_t		*v;
	size_t		 i;

	json_object_foreach(o, key, v) {
		for (i = 0; allowed[i] != NULL; i++)
			if (strcmp(key, allowed[i]) == 0)
				break;
		if (allowed[i] == NULL)
			return req_fail(rq, APP_INVALID, NULL, MSG_ERR_JSON_SHAPE,
			    "unknown member");
	}
	return APP_OK;
}

/* Base64 attachments of the JSON form: [{"filename": .., "content_base64": ..}]. */
static enum app_err
json_files(struct req *rq, json_t *o, struct message_in *in)
{
	struct attachment_in	*files;
	json_t			*arr = json_object_get(o, "attachments"), *it;
	size_t			 i, n;
	int			 len;

	if (arr == NULL || json_is_null(arr))
		return APP_OK;
	if (!json_is_array(arr))
		return req_fail(rq, APP_INVALID, "attachments", MSG_ERR_JSON_SHAPE,
		    "expected an array");
	n = json_array_size(arr);
	if (n > (size_t)rq->cfg->attachments_max)
		return req_fail(rq, APP_INVALID, "attachments", MSG_ERR_ATTACH_COUNT,
		    rq->cfg->attachments_max);
	files = arena_calloc(rq->arena, n + 1, sizeof(*files));
	json_array_foreach(arr, i, it) {
		json_t		*fn = json_object_get(it, "filename");
		json_t		*b64 = json_object_get(it, "content_base64");
		unsigned char	*buf;
		size_t		 cap;

		if (!json_is_object(it) || json_object_size(it) != 2 ||
		    !json_is_string(fn) || !json_is_string(b64))
			return req_fail(rq, APP_INVALID, "attachments", MSG_ERR_JSON_SHAPE,
			    "each attachment is {\"filename\", \"content_base64\"}");
		cap = json_string_length(b64) / 4 * 3 + 3;
		buf = arena_alloc(rq->arena, cap);
		if ((len = crypto_b64_decode(buf, cap, json_string_value(b64),
		    json_string_length(b64))) < 0)
			return req_fail(rq, APP_INVALID, "attachments", MSG_ERR_JSON_SHAPE,
			    "content_base64 is not base64");
		files[i].filename = json_string_value(fn);
		files[i].data = buf;
		files[i].size = (size_t)len;
	}
	in->files = files;
	in->nfiles = (int)n;
	return APP_OK;
}

/*
 * The message of a JSON body, or of a multipart body's "message" part with
 * its files[]: body, visibility (if allowed), attachments.  *parsed is the
 * part's JSON, to be released by the caller.
 */
static enum app_err
read_message(struct req *rq, const char *const *keys, bool with_visibility,
    struct message_in *in, json_t **parsed)
{
	const struct str	*part;
	struct attachment_in	*files;
	json_error_t		 jerr;
	json_t			*o = rq->json;
	enum app_err		 er;
	int			 i;

	*parsed = NULL;
	memset(in, 0, sizeof(*in));
	in->channel = "api";
	in->payload = rq->body.p;
	in->payload_len = rq->body.n;
	if (!rq->json_body) {
		if ((part = form_get(rq->form, rq->nform, "message")) == NULL)
			return req_fail(rq, APP_INVALID, "message", MSG_ERR_MULTIPART);
		if ((*parsed = json_loadb(part->p, part->n, JSON_REJECT_DUPLICATES,
		    &jerr)) == NULL)
			return req_fail(rq, APP_INVALID, "message", MSG_ERR_JSON_MALFORMED,
			    jerr.text, jerr.line, jerr.column);
		o = *parsed;
	}
	if (o == NULL || !json_is_object(o))
		return req_fail(rq, APP_INVALID, NULL, MSG_ERR_JSON_SHAPE,
		    "expected a JSON object");
	if ((er = only_keys(rq, o, keys)) != APP_OK ||
	    (er = member(rq, o, "body", &in->body)) != APP_OK ||
	    (with_visibility && (er = member(rq, o, "visibility", &in->visibility)) != APP_OK) ||
	    (er = json_files(rq, o, in)) != APP_OK)
		return er;
	if (!rq->json_body && rq->nfiles > 0) {
		if (in->nfiles > 0)
			return req_fail(rq, APP_INVALID, "attachments", MSG_ERR_JSON_SHAPE,
			    "send files either as parts or in the JSON, not both");
		files = arena_calloc(rq->arena, (size_t)rq->nfiles, sizeof(*files));
		for (i = 0; i < rq->nfiles; i++) {
			files[i].filename = arena_strndup(rq->arena, rq->files[i].filename.p,
			    rq->files[i].filename.n);
			files[i].data = rq->files[i].data.p;
			files[i].size = rq->files[i].data.n;
		}
		in->files = files;
		in->nfiles = rq->nfiles;
	}
	return APP_OK;
}

/* A fault, naming the member the client used for its files. */
static enum app_err
fail(struct req *rq, struct fault *f)
{
	if (rq->json_body && f->field != NULL && strcmp(f->field, "files") == 0)
		f->field = "attachments";
	return req_fault(rq, f);
}

enum { C_ID };
static const struct param case_params[] = {
	{ "id", PARAM_TEXT, 1, 64, true },	/* C_ID */
};

static const char *const message_keys[] = { "body", "visibility", "attachments", NULL };

static enum app_err
message_post(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct message_in	 in;
	struct message		 m;
	struct fault		 f = { .er = APP_OK };
	json_t			*parsed;
	enum app_err		 er;

	if ((er = read_message(rq, message_keys, true, &in, &parsed)) == APP_OK) {
		if (svc_message_post(&c, req_param(rq, C_ID)->s.p, &in, &m, &f) != APP_OK)
			er = fail(rq, &f);
		else
			er = resp_json(rq, 201, message_json(rq->arena, &m));
	}
	if (parsed != NULL)
		json_decref(parsed);
	return er;
}

static enum app_err
message_list(struct req *rq)
{
	struct svc_ctx	 c = api_svc(rq);
	struct message	*ms;
	struct fault	 f = { .er = APP_OK };
	size_t		 n, i;
	json_t		*items;

	if (svc_message_list(&c, req_param(rq, C_ID)->s.p, &ms, &n, &f) != APP_OK)
		return req_fault(rq, &f);
	items = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(items, message_json(rq->arena, &ms[i]));	/* steals */
	return resp_json(rq, 200, json_pack("{s:s, s:o}", "case", req_param(rq, C_ID)->s.p,
	    "items", items));
}

enum { A_ID, A_MID, A_AID };
static const struct param att_params[] = {
	{ "id", PARAM_TEXT, 1, 64, true },		/* A_ID */
	{ "mid", PARAM_I64, 1, INT64_MAX, true },	/* A_MID */
	{ "aid", PARAM_I64, 1, INT64_MAX, true },	/* A_AID */
};

static enum app_err
message_attachment_get(struct req *rq)
{
	struct svc_ctx			 c = api_svc(rq);
	struct message_attachment	 at;
	struct fault			 f = { .er = APP_OK };
	struct sbuf			 cd;
	const unsigned char		*data;
	size_t				 len;

	if (svc_message_attachment_read(&c, req_param(rq, A_ID)->s.p,
	    req_param(rq, A_MID)->i, req_param(rq, A_AID)->i, &at, &data, &len, &f) != APP_OK)
		return req_fault(rq, &f);
	rq->status = 200;
	/* Never rendered by the browser: always a download, whatever it is. */
	rq->ctype = "application/octet-stream";
	sbuf_add(&rq->out, data, len);
	sbuf_init(&cd, rq->arena, 1024);
	sbuf_addstr(&cd, "attachment; filename=\"attachment.bin\"; filename*=UTF-8''");
	sbuf_add_urlenc(&cd, at.filename, strlen(at.filename));
	resp_header(rq, "Content-Disposition", cd.buf);
	resp_header(rq, "X-Loudong-Sniffed-Type", at.mime);
	return APP_OK;
}

static const char *const retest_keys[] = { "outcome", "body", NULL };

static enum app_err
case_retest(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct message_in	 in;
	struct message		 m;
	struct fault		 f = { .er = APP_OK };
	const char		*outcome;
	enum app_err		 er;

	memset(&in, 0, sizeof(in));
	in.channel = "api";
	in.payload = rq->body.p;
	in.payload_len = rq->body.n;
	if ((er = api_body_object(rq, retest_keys)) != APP_OK ||
	    (er = api_str(rq, "outcome", true, 16, &outcome, NULL)) != APP_OK ||
	    (er = member(rq, rq->json, "body", &in.body)) != APP_OK)
		return er;
	if (svc_case_retest(&c, req_param(rq, C_ID)->s.p, outcome, &in, &m, &f) != APP_OK)
		return req_fault(rq, &f);
	return resp_json(rq, 201, message_json(rq->arena, &m));
}

enum { P_REPORT };
static const struct param report_params[] = {
	{ "id", PARAM_TEXT, 1, 64, true },	/* P_REPORT */
};

static const char *const reply_keys[] = { "body", "attachments", NULL };

static enum app_err
report_reply(struct req *rq)
{
	struct svc_ctx		 c = api_svc(rq);
	struct message_in	 in;
	struct message		 m;
	struct fault		 f = { .er = APP_OK };
	json_t			*parsed, *o;
	enum app_err		 er;

	if ((er = read_message(rq, reply_keys, false, &in, &parsed)) == APP_OK) {
		if (svc_report_reply(&c, req_param(rq, P_REPORT)->s.p, &in, &m, &f) != APP_OK)
			er = fail(rq, &f);
		else {
			o = message_json(rq->arena, &m);
			json_object_set_new(o, "report_status", json_string("triage"));	/* steals */
			er = resp_json(rq, 201, o);
		}
	}
	if (parsed != NULL)
		json_decref(parsed);
	return er;
}

static enum app_err
report_thread(struct req *rq)
{
	struct svc_ctx	 c = api_svc(rq);
	struct message	*ms;
	struct fault	 f = { .er = APP_OK };
	const char	*case_id;
	size_t		 n, i;
	json_t		*items;

	if (svc_report_thread(&c, req_param(rq, P_REPORT)->s.p, &ms, &n, &case_id, &f) != APP_OK)
		return req_fault(rq, &f);
	items = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(items, message_json(rq->arena, &ms[i]));	/* steals */
	return resp_json(rq, 200, json_pack("{s:s, s:o, s:o}", "report",
	    req_param(rq, P_REPORT)->s.p, "case", case_id != NULL ? json_string(case_id) :
	    json_null(), "items", items));
}

const struct route api_message_routes[] = {
	{ HTTP_POST, "/api/v1/cases/{id}/messages", PERM_ACCOUNT, R_MULTI,
	  PARAMS(case_params), message_post },
	{ HTTP_GET, "/api/v1/cases/{id}/messages", PERM_ACCOUNT, 0, PARAMS(case_params),
	  message_list },
	{ HTTP_GET, "/api/v1/cases/{id}/messages/{mid}/attachments/{aid}", PERM_ACCOUNT, 0,
	  PARAMS(att_params), message_attachment_get },
	{ HTTP_POST, "/api/v1/cases/{id}/retest", PERM_ACCOUNT, R_JSON, PARAMS(case_params),
	  case_retest },
	{ HTTP_POST, "/api/v1/reports/{id}/reply", PERM_ACCOUNT, R_MULTI,
	  PARAMS(report_params), report_reply },
	{ HTTP_GET, "/api/v1/reports/{id}/messages", PERM_ACCOUNT, 0, PARAMS(report_params),
	  report_thread },
};
const size_t api_message_nroutes = sizeof(api_message_routes) / sizeof(api_message_routes[0]);
