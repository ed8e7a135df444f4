#ifndef LOUDONG_DOMAIN_FILING_H
#define LOUDONG_DOMAIN_FILING_H

/*
 * 备案 (《网络产品安全漏洞收集平台备案管理办法》, issue 8): the field set of a
 * filing, the checks that list every deficiency at once, the states of an
 * application and of a platform's own filing, and the 备案编号 template.
 * Pure: no I/O.
 *
 * The field set is data (R21: the final annex may differ from the draft):
 * data/filing/fields.conf, embedded, or [filing] fields_file.  One field a
 * line, fields separated by '|':
 *
 *	section|key|type|flags|max|中文名称|English label
 *
 *   section  1-6, 第四条 (一)-(六)
 *   key      [a-z0-9_.]+, unique
 *   type     text, multiline, url, urls (one a line), email, phone,
 *            id_number, date (YYYY-MM-DD), document (a file's name and
 *            SHA-256, the file travels beside)
 *   flags    comma-separated: required, public (on the registry's public
 *            list), secret (sealed everywhere, never in public output;
 *            id_number fields always are), or "-"
 *   max      characters (1-20000)
 * '#' starts a comment line; blank lines are skipped.
 *
 * Four keys are structural, because the public list shows them (R41):
 * platform.name, platform.url, platform.icp, sponsor.name.  A field set
 * without them is refused.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/str.h"

struct arena;

enum filing_ftype {
	FT_TEXT,
	FT_MULTILINE,
	FT_URL,
	FT_URLS,
	FT_EMAIL,
	FT_PHONE,
	FT_ID_NUMBER,
	FT_DATE,
	FT_DOCUMENT,
	FT__MAX
};

#define FF_REQUIRED	0x1u
#define FF_PUBLIC	0x2u
#define FF_SECRET	0x4u

struct filing_field {
	int			 section;	/* 1-6 */
	const char		*key;
	enum filing_ftype	 type;
	unsigned		 flags;		/* FF_* */
	int			 max;		/* characters */
	const char		*label_zh;
	const char		*label_en;
};

struct filing_fieldset {
	struct filing_field	*f;
	size_t			 n;
	char			 version[65];	/* SHA-256 of the text, hex */
};

/*
 * Parse a field set (the format above) into a, with its version set to
 * the hex SHA-256 given (the caller hashes: domain does no crypto).
 * 0, or -1 with a sentence naming the line in err.
 */
int	filing_fieldset_parse(struct arena *a, const char *text, size_t len,
	    const char *version, struct filing_fieldset *out, char *err, size_t errsz);

/* The built-in field set's text (data/filing/fields.conf, embedded). */
void	filing_fieldset_builtin_text(const char **text, size_t *len);

/*
 * The built-in field set, parsed once (its version is the file's SHA-256,
 * computed at build time).  The process's field set: what the server set
 * at start ([filing] fields_file, filing_fieldset_use), else the built-in
 * one.  Set before serving.
 */
const struct filing_fieldset *filing_fieldset_builtin(void);
void		 filing_fieldset_use(const struct filing_fieldset *fs);
const struct filing_fieldset *filing_fieldset_current(void);

/* The field named key, or NULL. */
const struct filing_field *filing_field_find(const struct filing_fieldset *fs,
	    const char *key);

const char	*filing_ftype_name(enum filing_ftype t);	/* "url" */
int		 filing_ftype_parse(const char *s, size_t n);	/* -1 if unknown */

/* A value given for a field, as typed. */
struct filing_value {
	const char	*key;
	const char	*value;		/* UTF-8, NUL-terminated */
};

/* Why a dossier is not complete: one entry per field at fault. */
enum filing_problem_kind {
	FP_MISSING,		/* a required field is empty */
	FP_TOO_LONG,		/* more characters than max */
	FP_FORMAT,		/* not a URL, e-mail, phone, date ... of that type */
	FP_UNKNOWN,		/* no such field in the set */
	FP_DUPLICATE,		/* given twice */
	FP_ENCODING,		/* not UTF-8, or control characters */
};

struct filing_problem {
	const char		*key;
	enum filing_problem_kind kind;
};

/*
 * Check the values against the field set, every problem at once (a 补正
 * lists every deficiency, R24): at most max are written to out; returns how
 * many there are in all (0: complete).
 */
size_t	filing_check(const struct filing_fieldset *fs, const struct filing_value *v,
	    size_t nv, struct filing_problem *out, size_t max);

const char	*filing_problem_name(enum filing_problem_kind k);	/* "missing" */

/*
 * A document field's value, "<name> sha256:<64 lower-case hex>" (the name
 * without spaces), into its name and its hash (views into s); false when
 * it is not of that form.
 */
bool	filing_document_split(struct str s, struct str *name, struct str *hash);

/*
 * A registry's application: the first filing, a change (第六条) or a
 * deregistration (第七条), each reviewed the same way.
 *
 *	submitted ──request_supplement──► supplement_requested
 *	    ▲  │                               │
 *	    │  ├─approve──► approved           resubmit
 *	    │  ├─reject───► rejected           ▼
 *	    │  └─withdraw─► withdrawn      resubmitted ── (as submitted)
 *	    └──────────────────────────────────┘
 * approved, rejected and withdrawn are final.
 */
enum filing_app_kind {
	FAK_INITIAL,
	FAK_CHANGE,
	FAK_DEREGISTRATION,
	FAK__MAX
};

enum filing_app_state {
	FAS_SUBMITTED,
	FAS_SUPPLEMENT_REQUESTED,
	FAS_RESUBMITTED,
	FAS_APPROVED,
	FAS_REJECTED,
	FAS_WITHDRAWN,
	FAS__MAX
};

const char	*filing_app_kind_name(enum filing_app_kind k);		/* "initial" */
int		 filing_app_kind_parse(const char *s, size_t n);
const char	*filing_app_state_name(enum filing_app_state s);	/* "submitted" */
int		 filing_app_state_parse(const char *s, size_t n);
bool		 filing_app_move_ok(enum filing_app_state from, enum filing_app_state to);
/* Under review by the registry (its clock runs): submitted or resubmitted. */
bool		 filing_app_in_review(enum filing_app_state s);

/*
 * The platform's own filing (R20):
 *
 *	draft ─submit─► submitted ─► supplement_requested ─resubmit─► resubmitted
 *	                   │ ▲                                              │
 *	                   │ └──────────────(补正 again)─────────────────────┤
 *	                   └─approved─► filed ◄─────────approved────────────┘
 *	filed ─change─► change_pending ─approved/rejected─► filed
 *	filed ─deregister─► deregistration_pending ─approved─► deregistered
 * A rejected first filing goes back to draft.  deregistered is final.
 */
enum platform_filing_status {
	PFS_DRAFT,
	PFS_SUBMITTED,
	PFS_SUPPLEMENT_REQUESTED,
	PFS_RESUBMITTED,
	PFS_FILED,
	PFS_CHANGE_PENDING,
	PFS_DEREGISTRATION_PENDING,
	PFS_DEREGISTERED,
	PFS__MAX
};

const char	*platform_filing_status_name(enum platform_filing_status s);
int		 platform_filing_status_parse(const char *s, size_t n);
bool		 platform_filing_move_ok(enum platform_filing_status from,
		    enum platform_filing_status to);
/*
 * Whether public intake may be open (第八条, R20): the platform is filed
 * (a change under review leaves it filed).
 */
bool		 platform_filing_is_filed(enum platform_filing_status s);

/*
 * The 备案编号 template (R41): literal text with {PREFIX}, {YYYY} and
 * {SEQ} or {SEQ:0N} (N 1-9, zero-padded).  filing_number_template_ok:
 * 0, or -1 with a sentence in err.  filing_number_format writes the
 * number into out (at most 64 bytes with NUL, R41); -1 if it does not fit.
 */
int	filing_number_template_ok(const char *tmpl, char *err, size_t errsz);
int	filing_number_format(const char *tmpl, const char *prefix, int year,
	    int64_t seq, char *out, size_t outsz);

#define FILING_NUMBER_MAX	64

#endif
