#ifndef LOUDONG_DOMAIN_ADVISORY_H
#define LOUDONG_DOMAIN_ADVISORY_H

/*
 * Advisories (公告; R31-R33): the publishable record of a case, with the
 * items of GB/T 28458-2020 (标识号, 名称, 发布时间, 发布单位, 验证者, 发现者,
 * 类别, 等级, 受影响产品或服务, 相关编号, 存在性说明, 检测方法, 解决方案,
 * 其他描述) plus CVSS vectors, CWE and references.  Every export format
 * (formats/) is made from a struct adv_doc and nothing else.
 *
 * Workflow:
 *   draft ──submit──► in_review ──approve (another person)──► approved
 *     ▲                  │                                      │
 *     └─request changes──┘            publish now ──────────────┤
 *   (an edit of any state before published makes a new draft    │
 *    version; after publication it makes a new version that is   ▼
 *    reviewed again, while the published one stays)   scheduled ─► published ──► withdrawn
 * A second person's approval is configuration ([advisories] require_review).
 * Pure: no I/O.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/appinfo.h"
#include "i18n/i18n.h"

enum adv_state {
	ADV_DRAFT,
	ADV_IN_REVIEW,
	ADV_APPROVED,
	ADV_SCHEDULED,
	ADV_PUBLISHED,
	ADV_WITHDRAWN,
	ADV__MAX
};

const char	*adv_state_name(enum adv_state s);
int		 adv_state_parse(const char *text);	/* -1 if unknown */

/* A product the advisory is about, with its affected and fixed versions. */
struct adv_product {
	const char	*vendor;	/* the provider's name */
	const char	*vendor_slug;	/* its organisation slug ("" if none) */
	const char	*product;
	const char	*model;		/* "" if none */
	const char	*versions;	/* affected, as written: "< 2.4.1", "1.0 - 2.3", "2.1, 2.2" */
	const char	*fixed_version;	/* "" : no fix named */
	const char	*cpe;		/* CPE 2.3, "" if none */
	const char	*purl;		/* Package URL, "" if none */
};

/* A related identifier (R33 aliases): scheme CVE, CNVD, CNNVD, NVDB, GHSA, … */
struct adv_id {
	const char	*scheme;
	const char	*value;
};

struct adv_cvss {
	const char	*vector;	/* with its "CVSS:3.1/" (or v4, or v2 bare) prefix */
	int		 score10;	/* base score in tenths */
	const char	*severity;	/* "CRITICAL", "HIGH", "MEDIUM", "LOW", "NONE" */
};

struct adv_cwe {
	const char	*id;		/* "CWE-79" */
	const char	*name;		/* "" if unknown */
};

struct adv_ref {
	const char	*url;
	const char	*label;		/* "" if none */
};

/* One entry of the revision history (CSAF, the public page). */
struct adv_revision {
	int		 version;
	int64_t		 date;		/* unix seconds */
	const char	*summary;
};

struct adv_doc {
	const char	*id;		/* 标识号: <PREFIX>-<YYYY>-<seq> */
	int		 version;
	const char	*lang;		/* "zh-CN" or "en": the texts' language */
	const char	*title;		/* 名称 */
	const char	*summary;	/* the description */
	int64_t		 published_at;	/* 发布时间; 0 before publication */
	int64_t		 updated_at;	/* this version's time */
	const char	*publisher;	/* 发布单位 */
	const char	*publisher_url;	/* its base URL */
	const char	*publisher_contact;	/* e-mail or URL for CSAF's contact_details */
	const char	*verifier;	/* 验证者 */
	const char	*discoverer;	/* 发现者, as the reporter chose to be credited */
	bool		 discoverer_anonymous;	/* the reporter asked for no credit */
	const char	*category;	/* GB/T 30279 category code ("" if none) */
	const char	*category_name;	/* its name */
	const char	*grade;		/* critical, high, medium, low ("" if not graded) */
	struct adv_product *products;	/* 受影响产品或服务 */
	size_t		 nproducts;
	/*
	 * The apps the products are (issue 9): apps[i] is products[i]'s
	 * package, platform, store and developer (adv_product_app); NULL
	 * when no product is an app.
	 */
	struct appinfo	*apps;
	struct adv_id	*ids;		/* 相关编号 */
	size_t		 nids;
	struct adv_cvss	*cvss;
	size_t		 ncvss;
	struct adv_cwe	*cwes;
	size_t		 ncwes;
	const char	*existence;	/* 存在性说明 */
	const char	*detection;	/* 检测方法 */
	const char	*solution;	/* 解决方案 (patch, version to upgrade to) */
	const char	*mitigation;	/* workarounds until a fix is applied */
	const char	*other;		/* 其他描述 */
	struct adv_ref	*refs;
	size_t		 nrefs;
	struct adv_revision *history;	/* oldest first; the last is this version */
	size_t		 nhistory;
	int64_t		 withdrawn_at;	/* 0 unless withdrawn */
	const char	*withdrawn_reason;
};

/* Limits at the boundary (bytes). */
#define ADV_TITLE_MAX		300
#define ADV_TEXT_MAX		20000
#define ADV_LIST_MAX		64	/* products, ids, vectors, CWEs, references */

/*
 * Check a document as an editor left it: title present and bounded, texts
 * bounded and valid UTF-8, at least one product with a name, every CVSS
 * vector, CWE id, related id and reference URL well-formed, grade one of
 * the four.  MSG_OK or the message, *field set to the offending key
 * ("title", "products[2].product", …; static or in a).
 */
struct arena;
enum msg_id	 adv_check(struct arena *a, const struct adv_doc *doc, const char **field);

/* Whether the document carries remediation or mitigation text (Art. 9(5)). */
bool		 adv_has_remediation(const struct adv_doc *doc);

/* An advisory id: "<prefix>-<year>-<seq, at least 6 digits>". */
void		 adv_id_format(char *buf, size_t size, const char *prefix, int year,
		    long long seq);
bool		 adv_id_valid(const char *text);

/*
 * Affected versions, as written by people, read into ranges for the
 * machine formats (CVE JSON 5, OSV, CSAF):
 *   "< 2.4.1"          everything below 2.4.1
 *   "<= 2.4.0"         up to and including 2.4.0
 *   ">= 1.2, < 2.0"    from 1.2 below 2.0 (a comma joins bounds of one range
 *                      when the second starts with '<')
 *   "1.0 - 2.3"        1.0 up to and including 2.3
 *   "2.1, 2.2"         exactly these
 *   "*" or ""          all versions
 * A range with fixed set also ends there; fixed_version of the product, if
 * given, closes an open-ended range.  Returns how many ranges were read
 * into out (at most max), or -1 when the text cannot be read (the formats
 * then carry it as a plain version string).
 */
struct adv_range {
	const char	*introduced;	/* "" : from the first version */
	const char	*fixed;		/* exclusive upper bound, "" : none */
	const char	*last_affected;	/* inclusive upper bound, "" : none */
	const char	*exact;		/* a single version, "" : a range */
};
int		 adv_versions_parse(struct arena *a, const char *text, const char *fixed_version,
		    struct adv_range *out, size_t max);

/* Product i's app, or NULL when it is not one (no app field filled). */
const struct appinfo *adv_product_app(const struct adv_doc *doc, size_t i);

/* Grade names and their Chinese labels: "critical" -> "超危" … */
const char	*adv_grade_zh(const char *grade);

#endif
