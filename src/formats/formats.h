#ifndef LOUDONG_FORMATS_FORMATS_H
#define LOUDONG_FORMATS_FORMATS_H

/*
 * Publication formats (R32; issue 7): every one is made from a struct
 * adv_doc (domain/advisory.h) and nothing else, so what leaves in any
 * format is exactly what the disclosure gate let out.  Each writer appends
 * to an sbuf and answers 0, or -1 with *why set to a static English
 * sentence (a document the format cannot express, e.g. CVE JSON without a
 * CVE id).  JSON is written with jansson (sorted keys off, compact unless
 * said otherwise), XML with every text escaped.
 *
 *   advisory_json.c   the platform's own JSON (the public API and the
 *                     stored versions), and back
 *   csaf.c            CSAF 2.0 csaf_security_advisory documents
 *   csaf_check.c      the CSAF 2.0 mandatory tests (§6.1)
 *   csaf_provider.c   the trusted-provider layout: provider-metadata.json,
 *                     index.txt, changes.csv, the ROLIE feed
 *   cve5.c            CVE JSON 5.1 records
 *   osv.c             OSV records
 *   gbt28458.c        GB/T 28458-2020 XML (element names from a mapping file)
 *   atom.c            the public Atom feed
 */
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "domain/advisory.h"

struct arena;
struct sbuf;

/* Who publishes: from the configuration ([instance], [advisories]). */
struct fmt_publisher {
	const char	*name;		/* instance.name */
	const char	*base_url;	/* instance.base_url, no trailing '/' */
	const char	*contact;	/* advisories.contact (mailto: or URL) */
	const char	*namespace_url;	/* CSAF publisher.namespace: base_url unless set */
	const char	*category;	/* CSAF publisher.category: "vendor", "coordinator", … */
	const char	*cve_org_id;	/* CVE assigner UUID ("" : the placeholder nil UUID) */
	const char	*cve_short_name;	/* CVE assigner short name */
	const char	*osv_prefix;	/* put before OSV ids; the id gets "x_" unless it then has a registered prefix */
	const char	*tool_version;	/* LOUDONG_VERSION */
};

/* The platform's own JSON (the public API's advisory object). */
json_t		*fmt_adv_json(const struct adv_doc *doc);
/* The same as compact text in a (what is stored and served); NULL if out of memory. */
char		*fmt_adv_text(struct arena *a, const struct adv_doc *doc);
/*
 * Read one back (a stored version, or an editor's PUT body) into doc,
 * strings in a.  Unknown keys are refused.  0, or -1 with *field naming
 * the offending key ("products[1].vendor") and *msg the message.
 */
int		 fmt_adv_from_json(struct arena *a, const json_t *o, struct adv_doc *doc,
		    const char **field, enum msg_id *msg);

/* CSAF 2.0 (csaf_security_advisory profile), pretty-printed. */
int		 fmt_csaf(const struct adv_doc *doc, const struct fmt_publisher *p,
		    struct sbuf *out, const char **why);
/* The document's file name: lower-cased id + ".json" (CSAF §5.1). */
void		 fmt_csaf_filename(const char *id, char *buf, size_t size);

/* One failed mandatory test. */
struct csaf_finding {
	char		 test[12];	/* "6.1.1" … "6.1.27.11" … "6.1.33" */
	char		 path[160];	/* JSON path of the offending element */
	char		 message[200];	/* English */
};
/*
 * Run every mandatory test of CSAF 2.0 §6.1 on a document; the findings
 * (at most max) go to out.  Returns how many tests failed in all (which
 * may exceed max).
 */
size_t		 csaf_mandatory_check(const json_t *doc, struct csaf_finding *out,
		    size_t max);

/* An entry of the provider's distribution (one published document). */
struct csaf_entry {
	const char	*id;		/* the advisory id */
	int		 year;		/* of initial release: the folder */
	int64_t		 current_release;	/* unix seconds */
	const char	*title;
};
/* /.well-known/csaf/provider-metadata.json (pretty-printed). */
int		 fmt_csaf_provider_metadata(const struct fmt_publisher *p,
		    const char *pgp_fingerprint, int64_t last_updated, struct sbuf *out,
		    const char **why);
/* index.txt: one "<year>/<file>" per line. */
void		 fmt_csaf_index(const struct csaf_entry *e, size_t n, struct sbuf *out);
/* changes.csv: "<year>/<file>","<RFC 3339>" per line, newest first. */
void		 fmt_csaf_changes(const struct csaf_entry *e, size_t n, struct sbuf *out);
/* The ROLIE feed of the TLP:WHITE documents (feed-tlp-white.json). */
int		 fmt_csaf_rolie(const struct fmt_publisher *p, const struct csaf_entry *e,
		    size_t n, int64_t updated, struct sbuf *out, const char **why);

/* CVE JSON 5.1 (a PUBLISHED record with the CNA container); needs a CVE id. */
int		 fmt_cve5(const struct adv_doc *doc, const struct fmt_publisher *p,
		    struct sbuf *out, const char **why);
/* OSV (schema 1.6). */
int		 fmt_osv(const struct adv_doc *doc, const struct fmt_publisher *p,
		    struct sbuf *out, const char **why);
/* GB/T 28458-2020 XML (UTF-8, element names from data/gbt28458/). */
int		 fmt_gbt28458(const struct adv_doc *doc, const struct fmt_publisher *p,
		    struct sbuf *out, const char **why);

/* An Atom entry: the list's view of one advisory. */
struct atom_entry {
	const char	*id;
	const char	*title;
	const char	*summary;
	const char	*grade;
	int64_t		 published_at;
	int64_t		 updated_at;
	int64_t		 withdrawn_at;	/* 0 unless withdrawn */
};
/* The Atom feed (RFC 4287) of the public advisories, newest first. */
void		 fmt_atom(const struct fmt_publisher *p, const struct atom_entry *e,
		    size_t n, int64_t updated, struct sbuf *out);

#endif
