#ifndef LOUDONG_DOMAIN_SUBMISSION_H
#define LOUDONG_DOMAIN_SUBMISSION_H

/*
 * The 报送 (Art. 7(2)): the record a provider (or a platform) sends to the
 * national library within two days, and that a registry receives.  The
 * legal minimum is product name, model, version, technical
 * characteristics, harm and impact scope; R37 adds the rest.  Everything
 * beyond the minimum is unconfirmed against the real form, so which of
 * those fields are required is configuration ([federation]
 * required_fields); the legal six and the name are always required.
 *
 * The field table is the one place that names the fields: the JSON keys on
 * the wire, the form, the sealed record (packed in table order) and the
 * checks all come from it.
 *
 * Provider side:   draft ──send──► queued ──delivered──► accepted (library id)
 *                    ▲               │  └──answer 2xx, no id──► sent ──► accepted
 *                    └──edit── rejected ◄──answer 4xx (reason)
 *                  any state but accepted ──waive (reason)──► waived
 * With no registry configured, send makes a file for manual upload; the
 * person who uploaded it records when (sent) and the library's answer.
 */
#include <stdbool.h>
#include <stddef.h>

#include "core/str.h"
#include "domain/appinfo.h"
#include "i18n/i18n.h"

enum sub_field {
	SF_NAME,			/* 漏洞名称 */
	SF_PRODUCT_NAME,		/* 产品名称 (Art. 7(2)) */
	SF_PRODUCT_MODEL,		/* 型号 */
	SF_PRODUCT_VERSIONS,		/* 版本 */
	SF_TECHNICAL,			/* 技术特点 */
	SF_HARM,			/* 危害 */
	SF_IMPACT_SCOPE,		/* 影响范围 */
	SF_VENDOR,			/* the product's provider */
	SF_CATEGORY,			/* GB/T 30279 category */
	SF_GRADE,			/* GB/T 30279 grade: critical, high, medium, low */
	SF_CVSS,			/* CVSS vector(s), one per line */
	SF_CWE,				/* CWE-nnn */
	SF_AFFECTED_VERSIONS,		/* affected versions */
	SF_DISCOVERED_AT,		/* YYYY-MM-DD */
	SF_KNOWN_AT,			/* when the submitter knew: RFC 3339 */
	SF_REPORTER_ORG,		/* the submitting organisation */
	SF_REPORTER_ROLE,		/* provider, platform or individual */
	SF_CONTACT_NAME,
	SF_CONTACT_PHONE,
	SF_CONTACT_EMAIL,
	SF_VERIFICATION,		/* verification details / PoC summary */
	SF_REMEDIATION_STATUS,		/* none, in_progress, fix_available, fixed */
	SF_REMEDIATION_PLAN,
	SF_USER_NOTIFICATION,		/* not_started, in_progress, done */
	SF_UPSTREAM,			/* upstream component, if the flaw is in one */
	SF_RELATED_IDS,			/* CVE-…, CNVD-…, comma-separated */
	SF_TARGET_LIBRARY,		/* CNVDB, CICSVD, CAPPVD, CAVD, OTHER */
	SF_FORWARD_TO,			/* other libraries to forward to (R17), comma-separated */
	/*
	 * The app (issue 9; domain/appinfo.h), optional unless a specialised
	 * registry requires them (R40).  Appended: records sealed before
	 * them hold SF_APP_NAME fields, the rest read as "" (sub_unpack_count).
	 */
	SF_APP_NAME,			/* 应用名称 */
	SF_APP_PACKAGE,			/* package name or bundle id */
	SF_APP_VERSION,
	SF_APP_PLATFORM,		/* android, ios, harmonyos, miniprogram, official_account, quickapp */
	SF_APP_STORE,			/* distribution channel or store */
	SF_APP_DEVELOPER,
	SF__MAX
};

/* How many fields records sealed before the app fields hold. */
#define SF_BEFORE_APP	SF_APP_NAME

/* The app field of a record field (SF_APP_NAME.. -> AF_NAME..), -1 if not one. */
int	sub_app_field(enum sub_field f);

enum sub_ftype {
	SFT_LINE,	/* one line of text */
	SFT_TEXT,	/* several lines */
	SFT_ENUM,	/* one of the listed words */
	SFT_DATE,	/* YYYY-MM-DD */
	SFT_TIME,	/* RFC 3339, e.g. 2026-11-21T08:00:00Z or +08:00 */
	SFT_EMAIL,
	SFT_LIST,	/* comma-separated words */
};

struct sub_field_def {
	const char	*key;		/* JSON key and form name: "product_name" */
	enum sub_ftype	 type;
	size_t		 max;		/* bytes */
	bool		 legal;		/* Art. 7(2) minimum: always required */
	const char	*words;		/* SFT_ENUM: "a|b|c" */
	enum msg_id	 label;		/* for pages and problems */
};

extern const struct sub_field_def sub_fields[SF__MAX];

int	sub_field_parse(struct str key);	/* the enum sub_field, -1 if unknown */

enum sub_state {
	SUB_DRAFT,
	SUB_QUEUED,
	SUB_SENT,
	SUB_ACCEPTED,
	SUB_REJECTED,
	SUB_WAIVED,
	SUB__MAX
};
const char	*sub_state_name(enum sub_state s);
int		 sub_state_parse(struct str s);

/* What may happen to a 报送 in a state. */
bool	sub_can_edit(enum sub_state s);		/* draft, rejected */
bool	sub_can_send(enum sub_state s);		/* draft, rejected, queued (a retry) */
bool	sub_can_waive(enum sub_state s);	/* all but accepted, waived */
/* A provider case may close only when its 报送 is accepted or waived (R5). */
bool	sub_allows_close(enum sub_state s);

/* One problem with a field: which, and why. */
struct sub_problem {
	enum sub_field	 field;
	enum msg_id	 msg;
};

/*
 * Check every field of v (NULL counts as ""): lengths, types, enums (the
 * app fields as appinfo_check does: the package's form follows the
 * platform), and that the legal fields, the name and those in required
 * ("a,b"; NULL: none more) are filled.  Problems into out[0..*n) (at most SF__MAX); returns
 * true when there are none.
 */
bool	sub_check(const char *const v[SF__MAX], const char *required,
	    struct sub_problem out[SF__MAX], size_t *n);

/* Whether name is one of the comma-separated list's entries (spaces around them ignored). */
bool	sub_list_has(const char *list, const char *name);

/* Whether every name in a comma-separated list is a field key; else the first bad one. */
bool	sub_fields_known(const char *list, struct str *bad);

#endif
