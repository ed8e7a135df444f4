#ifndef LOUDONG_SVC_PUBLICATION_H
#define LOUDONG_SVC_PUBLICATION_H

/*
 * What the world sees.  The publish step (svc/advisories.c), after the
 * disclosure gate allowed it, writes the public record here; every public
 * page, feed, API answer and export reads only that record, so nothing
 * unpublished can reach them.  Public reads need no account.
 */
#include "formats/formats.h"
#include "store/store.h"
#include "svc/svc.h"

struct sbuf;

/* Inside the publish transaction: the public record of doc (the next public revision). */
enum app_err	svc_publication_put(const struct svc_ctx *c, const struct advisory_row *r,
		    const struct adv_doc *doc);
/* Inside the withdrawal's transaction: mark it withdrawn, with the reason, in the public record. */
enum app_err	svc_publication_withdraw(const struct svc_ctx *c, const struct advisory_row *r);
/* After the commit: public content changed (caches start again). */
void		svc_publication_changed(const struct svc_ctx *c);

/* Who publishes, from the configuration. */
void		svc_fmt_publisher(const struct svc_ctx *c, struct fmt_publisher *p);

/* The public list (newest first) and one public record (its JSON parsed into doc). */
enum app_err	svc_public_list(const struct svc_ctx *c, const struct public_filter *flt,
		    int offset, int limit, bool with_doc, struct public_advisory **out,
		    size_t *n, struct fault *f);
enum app_err	svc_public_get(const struct svc_ctx *c, const char *id,
		    struct public_advisory *row, struct adv_doc *doc, struct fault *f);

/* The formats an advisory is exported in. */
enum pub_format {
	PFMT_JSON,		/* the platform's own JSON */
	PFMT_CSAF,
	PFMT_CVE5,
	PFMT_OSV,
	PFMT_GBT28458,
	PFMT__MAX
};
const char	*pub_format_name(enum pub_format f);	/* "json", "csaf", "cve5", "osv", "gbt28458" */
int		 pub_format_parse(const char *text);	/* -1 if unknown */
const char	*pub_format_type(enum pub_format f);	/* its media type */
const char	*pub_format_ext(enum pub_format f);	/* ".json", ".xml" */

/*
 * One published advisory in a format, appended to out.  APP_NOTFOUND for
 * an id that is not public; APP_INVALID (f: the format's reason) when the
 * format cannot express it (CVE JSON without a CVE id).
 */
enum app_err	svc_public_render(const struct svc_ctx *c, const char *id,
		    enum pub_format fmt, struct sbuf *out, struct fault *f);

/*
 * A file of the CSAF trusted-provider layout, by its path below
 * /.well-known/csaf/ ("provider-metadata.json", "white/index.txt",
 * "white/changes.csv", "white/feed-tlp-white.json",
 * "white/<year>/<id>.json" and its ".sha256", ".sha512", ".asc",
 * "openpgp/<fingerprint>.asc").  APP_NOTFOUND when there is none.
 * *type: the media type.
 */
enum app_err	svc_csaf_file(const struct svc_ctx *c, const char *path, struct sbuf *out,
		    const char **type, struct fault *f);

/*
 * A published advisory's CSAF document path below /.well-known/csaf/:
 * "white/<UTC year of its first release>/<lower-cased id>.json" (§7.1.11), in c->a.
 */
const char	*svc_csaf_document_path(const struct svc_ctx *c, const char *id,
		    int64_t published_at);

/* The GnuPG home of this installation's CSAF signing key: <data_dir>/openpgp. */
const char	*svc_openpgp_home(const struct svc_ctx *c);

#endif
