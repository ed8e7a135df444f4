#ifndef LOUDONG_DOMAIN_REPORT_H
#define LOUDONG_DOMAIN_REPORT_H

/*
 * A vulnerability report (漏洞报告) as received: the fields of Art. 7(2)
 * and GB/T 28458 (R31), and the rules they must meet.  Plain structs, no
 * I/O.  Undisclosed details travel as one struct so the store can seal them
 * as a unit.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/str.h"
#include "domain/appinfo.h"
#include "i18n/i18n.h"

struct arena;

enum report_kind {
	RKIND_GENERIC,		/* 通用型: a product vulnerability */
	RKIND_INCIDENT,		/* 事件型: an operator's live system (Art. 8, 9(2)) */
	RKIND__MAX
};

enum report_status {
	RSTATUS_RECEIVED,
	RSTATUS_ACKNOWLEDGED,
	RSTATUS_TRIAGE,
	RSTATUS_ACCEPTED,
	RSTATUS_DUPLICATE,
	RSTATUS_REJECTED,
	RSTATUS_NEEDS_INFO,
	RSTATUS__MAX
};

enum report_credit {
	RCREDIT_NAME,		/* credit the reporter's display name */
	RCREDIT_ALIAS,		/* credit credit_alias */
	RCREDIT_ANONYMOUS,	/* no credit */
	RCREDIT__MAX
};

enum report_channel {
	RCHAN_WEB,
	RCHAN_API,
	RCHAN_EMAIL,
	RCHAN_FEDERATION,
	RCHAN__MAX
};

/* The undisclosed part: sealed at rest, shown only to need-to-know readers. */
struct report_details {
	const char	*description;		/* Markdown, required */
	const char	*reproduction;		/* Markdown */
	const char	*impact;		/* Markdown */
	const char	*suggested_fix;		/* Markdown */
	const char	*vendor_contact;	/* whether and how the vendor was told */
	const char	*disclosure_plan;	/* the reporter's plans */
};

struct report {
	const char		*id;		/* "LD-2026-000001" */
	int64_t			 reporter_id;	/* 0: anonymous */
	const char		*reporter_login;	/* for listings; NULL if anonymous */
	enum report_channel	 channel;
	enum report_status	 status;
	enum report_kind	 kind;
	const char		*title;
	const char		*vendor;
	const char		*product;	/* 产品名称 */
	const char		*model;		/* 型号 */
	const char		*versions;	/* 版本 */
	const char		*weakness;	/* weakness type, free text for now */
	const char		*cvss_vector;	/* as given; validated by the scoring issue */
	const char		*discovered_at;	/* YYYY-MM-DD, or "" */
	bool			 vendor_contacted;
	enum report_credit	 credit;
	const char		*credit_alias;
	struct report_details	 details;
	const char		*payload_sha256;	/* hex, of the request body */
	int64_t			 received_at;	/* unix seconds */
	int64_t			 leaf_index;	/* in the receipt log */
	int			 nattachments;	/* how many */
	struct appinfo		 app;		/* the app it is in, if any (issue 9); in the clear */
};

/* An attachment as submitted (bytes borrowed from the request). */
struct attachment_in {
	const char	*filename;	/* as given, path stripped; validated */
	const void	*data;
	size_t		 size;
};

/* An attachment as stored (without content). */
struct attachment {
	int64_t		 id;
	const char	*report_id;
	const char	*filename;
	const char	*mime;		/* sniffed */
	int64_t		 size;
	const char	*sha256;	/* hex, of the plaintext */
};

const char	*report_kind_name(enum report_kind k);	/* "generic", "incident" */
int		 report_kind_parse(struct str s);
const char	*report_status_name(enum report_status s);
int		 report_status_parse(struct str s);
const char	*report_credit_name(enum report_credit c);
int		 report_credit_parse(struct str s);
const char	*report_channel_name(enum report_channel c);

/* Field limits, in characters (Markdown fields in bytes). */
#define REPORT_TITLE_MAX	200
#define REPORT_NAME_MAX		128	/* vendor, product, model */
#define REPORT_VERSIONS_MAX	512
#define REPORT_SHORT_MAX	256	/* weakness, cvss vector */
#define REPORT_ALIAS_MAX	64
#define REPORT_TEXT_MAX		2000	/* vendor_contact, disclosure_plan */
#define REPORT_MD_MAX		(64 * 1024)	/* description, reproduction, ... */
#define REPORT_FILENAME_MAX	200

/* One problem with a submitted report: the field and why. */
struct report_problem {
	const char	*field;
	enum msg_id	 msg;
	char		 arg[64];	/* the message's %s, if it has one ("" otherwise) */
};

#define REPORT_MAX_PROBLEMS	24

/*
 * Check every field of r (title, product, kind, lengths, encodings, the
 * date, the alias when credit is alias, the app fields as appinfo_check
 * does, all optional) and collect every problem, not just the first.
 * Returns how many were written to out.
 */
int	report_check(const struct report *r, struct report_problem *out, int max);

/* A file name an attachment may have: 1..200 characters, no '/', '\\' or controls. */
enum msg_id	report_filename_check(struct str name);

/*
 * The sealed form of the details (core/pack.h: the six fields in
 * declaration order; fields cannot hold NUL since report_check refuses
 * controls).  unpack points the fields into a copy in the arena; 0 or -1.
 */
unsigned char	*report_details_pack(struct arena *a, const struct report_details *d,
		    size_t *len);
int		 report_details_unpack(struct arena *a, const unsigned char *p,
		    size_t n, struct report_details *out);

/* "LD-2026-000001" from prefix, year and sequence into out. */
/* The year of unix time t in China (UTC+8, no DST): ids are numbered per it. */
int	report_id_year(int64_t t);

void	report_id_format(char *out, size_t outsz, const char *prefix, int year,
	    int64_t seq);

/* Does s look like a tracking id (PREFIX-YYYY-digits)?  For path parameters. */
bool	report_id_valid(struct str s);

#endif
