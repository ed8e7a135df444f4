/*
 * `loudong export FORMAT [--id ID] --out DIR`: published advisories as
 * files, from the public record only (svc/publication.h), so an export can
 * carry nothing the disclosure gate did not let out.  csaf writes the whole
 * trusted-provider tree (provider-metadata.json, white/<year>/<file>.json
 * with .sha256, .sha512 and .asc, index.txt, changes.csv, the ROLIE feed),
 * ready to be served as /.well-known/csaf/; the other formats write one
 * file per advisory.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "app/app.h"
#include "app/app_int.h"
#include "core/arena.h"
#include "core/calendar.h"
#include "core/config.h"
#include "core/sbuf.h"
#include "crypto/openpgp.h"
#include "store/store.h"
#include "svc/policy.h"
#include "svc/publication.h"

#define EXPORT_MAX	100000
#define FILE_MAX	(64u << 20)

/* mkdir -p for a path below out (each component). */
static int
make_dirs(const char *path)
{
	char	buf[1200];
	size_t	n = strlen(path);

	if (n >= sizeof buf)
		return -1;
	memcpy(buf, path, n + 1);
	for (size_t i = 1; i <= n; i++)
		if (buf[i] == '/' || buf[i] == '\0') {
			char c = buf[i];

			buf[i] = '\0';
			if (mkdir(buf, 0755) != 0 && errno != EEXIST)
				return -1;
			buf[i] = c;
		}
	return 0;
}

static int
write_file(const char *dir, const char *name, const struct sbuf *sb)
{
	char	 path[1200];
	FILE	*f;
	size_t	 ok;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	{
		char *slash = strrchr(path, '/');

		*slash = '\0';
		if (make_dirs(path) != 0) {
			fprintf(stderr, "loudong: cannot create '%s': %s\n", path, strerror(errno));
			return -1;
		}
		*slash = '/';
	}
	if ((f = fopen(path, "w")) == NULL) {
		fprintf(stderr, "loudong: cannot write '%s': %s\n", path, strerror(errno));
		return -1;
	}
	ok = sb->len == 0 || fwrite(sb->buf, 1, sb->len, f) == sb->len;
	if (fclose(f) != 0 || !ok) {
		fprintf(stderr, "loudong: cannot write '%s': %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* One file of the CSAF tree, by its path below /.well-known/csaf/. */
static int
csaf_one(const struct svc_ctx *c, const char *out, const char *path)
{
	struct sbuf	 sb;
	struct fault	 f;
	const char	*type;

	sbuf_init(&sb, c->a, FILE_MAX);
	if (svc_csaf_file(c, path, &sb, &type, &f) != APP_OK) {
		fprintf(stderr, "loudong: %s: cannot make it\n", path);
		return -1;
	}
	return write_file(out, path, &sb);
}

static int
export_csaf(const struct svc_ctx *c, const struct public_advisory *p, size_t n,
    const char *out)
{
	static const char *const fixed[] = { "provider-metadata.json", "white/index.txt",
	    "white/changes.csv", "white/feed-tlp-white.json" };
	static const char *const suffixes[] = { "", ".sha256", ".sha512", ".asc" };
	char fpr[PGP_FPR_MAX];

	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
		if (csaf_one(c, out, fixed[i]) != 0)
			return -1;
	if (pgp_fingerprint(svc_openpgp_home(c), fpr) == APP_OK &&
	    csaf_one(c, out, arena_printf(c->a, "openpgp/%s.asc", fpr)) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const char *doc = svc_csaf_document_path(c, p[i].id, p[i].published_at);

		for (size_t s = 0; s < sizeof suffixes / sizeof suffixes[0]; s++)
			if (csaf_one(c, out, arena_printf(c->a, "%s%s", doc, suffixes[s])) != 0)
				return -1;
	}
	return 0;
}

int
app_export(const char *data_dir, const char *format, const char *id, const char *out)
{
	struct config		 cfg;
	struct store		*st = NULL;
	struct arena		*a = NULL;
	struct public_advisory	*p = NULL, one;
	struct public_filter	 flt = { .withdrawn = true };
	struct fault		 f;
	size_t			 n = 0, written = 0;
	int			 fmt = strcmp(format, "csaf") == 0 ? PFMT_CSAF :
				    pub_format_parse(format);
	int			 rc = 1;

	if (fmt < 0) {
		fprintf(stderr, "loudong: the format must be json, csaf, cve5, osv or gbt28458\n");
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);	/* gpgme signs through pipes */
	if (app_load_config(data_dir, true, &cfg) != 0 || (st = app_open_store(&cfg)) == NULL)
		goto out;
	a = arena_new();
	{
		struct svc_ctx c = { st, a, &cfg, (int64_t)time(NULL), NULL, "", true, NULL };
		struct policy_subject s = { .id = "export" };
		struct policy_recipient r;
		struct policy_decision d;

		if (id != NULL) {
			if (svc_public_get(&c, id, &one, NULL, &f) != APP_OK) {
				fprintf(stderr, "loudong: %s is not a published advisory\n", id);
				goto out;
			}
			p = &one;
			n = 1;
		} else if (store_public_list(st, a, &flt, 0, EXPORT_MAX, false, &p, &n) != APP_OK)
			goto out;
		/* What leaves is public by construction; the gate still says so, and logs it. */
		s.disclosed = true;
		s.id = id != NULL ? arena_printf(a, "advisory:%s", id) : "advisories:all";
		svc_policy_local(&c, &r);
		if (svc_policy_gate(&c, PACT_EXPORT, &s, &r, &d, &f) != APP_OK)
			goto out;
		if (make_dirs(out) != 0) {
			fprintf(stderr, "loudong: cannot create '%s': %s\n", out, strerror(errno));
			goto out;
		}
		if (fmt == PFMT_CSAF) {
			if (export_csaf(&c, p, n, out) != 0)
				goto out;
			written = n;
		} else
			for (size_t i = 0; i < n; i++) {
				struct sbuf sb;

				sbuf_init(&sb, a, FILE_MAX);
				if (svc_public_render(&c, p[i].id, (enum pub_format)fmt, &sb, &f) !=
				    APP_OK) {
					fprintf(stderr, "loudong: %s: not written in %s (%s)\n",
					    p[i].id, format, f.sarg != NULL ? f.sarg : "error");
					continue;
				}
				if (write_file(out, arena_printf(a, "%s%s", p[i].id,
				    pub_format_ext((enum pub_format)fmt)), &sb) != 0)
					goto out;
				written++;
			}
	}
	printf("%zu advisor%s written to %s\n", written, written == 1 ? "y" : "ies", out);
	rc = 0;
out:
	arena_free(a);
	store_close(st);
	return rc;
}
