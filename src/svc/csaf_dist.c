/*
 * The CSAF 2.0 trusted-provider layout (CSAF §7.1): every file below
 * /.well-known/csaf/, made from the public record only (see publication.h,
 * svc_csaf_file).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/calendar.h"
#include "core/config.h"
#include "core/sbuf.h"
#include "crypto/crypto.h"
#include "crypto/openpgp.h"
#include "svc/publication.h"

#define CSAF_ALL_MAX	100000

static int
utc_year(int64_t t)
{
	int y, m, d;

	date_to_ymd(t >= 0 ? t / 86400 : (t - 86399) / 86400, &y, &m, &d);
	return y;
}

const char *
svc_csaf_document_path(const struct svc_ctx *c, const char *id, int64_t published_at)
{
	char file[64];

	fmt_csaf_filename(id, file, sizeof file);
	return arena_printf(c->a, "white/%04d/%s", utc_year(published_at), file);
}

static int
newest_first(const void *x, const void *y)
{
	const struct csaf_entry *a = x, *b = y;

	if (a->current_release != b->current_release)
		return a->current_release > b->current_release ? -1 : 1;
	return strcmp(b->id, a->id);
}

/* Every public advisory (withdrawn ones too: CSAF keeps them, marked) as CSAF entries. */
static enum app_err
entries(const struct svc_ctx *c, struct csaf_entry **out, size_t *n)
{
	struct public_filter	 flt = { .withdrawn = true };
	struct public_advisory	*p;
	enum app_err		 er;

	if ((er = store_public_list(c->st, c->a, &flt, 0, CSAF_ALL_MAX, false, &p, n)) !=
	    APP_OK)
		return er;
	*out = arena_calloc(c->a, *n + 1, sizeof **out);
	for (size_t i = 0; i < *n; i++)
		(*out)[i] = (struct csaf_entry){ p[i].id, utc_year(p[i].published_at),
		    p[i].updated_at, p[i].title };
	/* changes.csv and the feed go by the current release, newest first (§7.1.14). */
	if (*n > 1)
		qsort(*out, *n, sizeof **out, newest_first);
	return APP_OK;
}

/* "white/<year>/<file>[.sha256|.sha512|.asc]": the advisory id and the suffix. */
static bool
document_path(const struct svc_ctx *c, const char *rest, const char **id, const char **suffix,
    int *year)
{
	const char	*slash = strchr(rest, '/'), *file, *dot;
	char		*end;
	long		 y;

	if (slash == NULL || slash - rest != 4)
		return false;
	y = strtol(rest, &end, 10);
	if (end != slash || y < 1970 || y > 9999)
		return false;
	file = slash + 1;
	if ((dot = strstr(file, ".json")) == NULL || dot == file)
		return false;
	*suffix = dot + 5;
	if (**suffix != '\0' && strcmp(*suffix, ".sha256") != 0 &&
	    strcmp(*suffix, ".sha512") != 0 && strcmp(*suffix, ".asc") != 0)
		return false;
	/* File names are the lower-cased id (§5.1); ids are upper-case. */
	{
		char *u = arena_strndup(c->a, file, (size_t)(dot - file));

		for (char *q = u; *q != '\0'; q++)
			if (*q >= 'a' && *q <= 'z')
				*q = (char)(*q - 'a' + 'A');
		*id = u;
	}
	*year = (int)y;
	return true;
}

static enum app_err
document(const struct svc_ctx *c, const char *rest, struct sbuf *out, const char **type,
    struct fault *f)
{
	struct public_advisory	 row;
	struct sbuf		 doc;
	const char		*id, *suffix, *fname;
	char			 want[64], hex[CRYPTO_SHA512_HEX];
	int			 year;
	enum app_err		 er;

	if (!document_path(c, rest, &id, &suffix, &year))
		return fault_set(f, APP_NOTFOUND, NULL, MSG_ERR_NO_SUCH_ADVISORY, 0);
	if ((er = svc_public_get(c, id, &row, NULL, f)) != APP_OK)
		return er;
	fmt_csaf_filename(row.id, want, sizeof want);
	fname = strchr(rest, '/') + 1;
	if (utc_year(row.published_at) != year || strncmp(fname, want, strlen(want)) != 0)
		return fault_set(f, APP_NOTFOUND, NULL, MSG_ERR_NO_SUCH_ADVISORY, 0);
	sbuf_init(&doc, c->a, 16 << 20);
	if ((er = svc_public_render(c, row.id, PFMT_CSAF, &doc, f)) != APP_OK)
		return er;
	if (*suffix == '\0') {
		sbuf_add(out, doc.buf, doc.len);
		*type = "application/json";
	} else if (strcmp(suffix, ".sha256") == 0) {
		crypto_hash_hex(doc.buf, doc.len, hex);
		sbuf_addf(out, "%s  %s\n", hex, want);	/* sha256sum's format (§7.1.18) */
		*type = "text/plain; charset=utf-8";
	} else if (strcmp(suffix, ".sha512") == 0) {
		crypto_sha512_hex(doc.buf, doc.len, hex);
		sbuf_addf(out, "%s  %s\n", hex, want);
		*type = "text/plain; charset=utf-8";
	} else {
		if (pgp_sign(svc_openpgp_home(c), doc.buf, doc.len, out) != APP_OK)
			return fault_set(f, APP_INTERNAL, NULL, MSG_ERR_STORE, 0);
		*type = "application/pgp-signature";
	}
	return APP_OK;
}

enum app_err
svc_csaf_file(const struct svc_ctx *c, const char *path, struct sbuf *out, const char **type,
    struct fault *f)
{
	struct fmt_publisher	 p;
	struct csaf_entry	*e;
	size_t			 n;
	char			 fpr[PGP_FPR_MAX] = "";
	const char		*why = NULL;
	enum app_err		 er;

	svc_fmt_publisher(c, &p);
	*type = "application/json";
	if (strcmp(path, "provider-metadata.json") == 0) {
		if (pgp_fingerprint(svc_openpgp_home(c), fpr) != APP_OK)
			fpr[0] = '\0';
		if (fmt_csaf_provider_metadata(&p, fpr, c->now, out, &why) != 0)
			return fault_set(f, APP_INTERNAL, NULL, MSG_ERR_STORE, 0);
		return APP_OK;
	}
	if (strncmp(path, "openpgp/", 8) == 0) {
		if (pgp_fingerprint(svc_openpgp_home(c), fpr) != APP_OK ||
		    strcmp(path + 8, arena_printf(c->a, "%s.asc", fpr)) != 0 ||
		    pgp_public_key(svc_openpgp_home(c), out) != APP_OK)
			return fault_set(f, APP_NOTFOUND, NULL, MSG_ERR_NO_SUCH_ADVISORY, 0);
		*type = "application/pgp-keys";
		return APP_OK;
	}
	if (strncmp(path, "white/", 6) != 0)
		return fault_set(f, APP_NOTFOUND, NULL, MSG_ERR_NO_SUCH_ADVISORY, 0);
	path += 6;
	if (strcmp(path, "index.txt") == 0 || strcmp(path, "changes.csv") == 0 ||
	    strcmp(path, "feed-tlp-white.json") == 0) {
		if ((er = entries(c, &e, &n)) != APP_OK)
			return fault_set(f, er, NULL, MSG_ERR_STORE, 0);
		if (path[0] == 'i') {
			fmt_csaf_index(e, n, out);
			*type = "text/plain; charset=utf-8";
		} else if (path[0] == 'c') {
			fmt_csaf_changes(e, n, out);
			*type = "text/csv; charset=utf-8";
		} else if (fmt_csaf_rolie(&p, e, n, n > 0 ? e[0].current_release : c->now, out,
		    &why) != 0)
			return fault_set(f, APP_INTERNAL, NULL, MSG_ERR_STORE, 0);
		return APP_OK;
	}
	return document(c, path, out, type, f);
}
