#ifndef LOUDONG_DOMAIN_REPORTER_H
#define LOUDONG_DOMAIN_REPORTER_H

/*
 * Reporters' identity verification and levels (备案管理办法: 用户身份核实
 * 规则 and 分类分级).  L0 registered, L1 identity verified by staff, L2 and L3
 * given by staff once enough reports were accepted (thresholds are
 * configuration).  Pure rules, no I/O.
 */
#include <stdbool.h>
#include <stdint.h>

#include "core/str.h"
#include "domain/identity.h"
#include "i18n/i18n.h"

enum profile_status {
	PSTATUS_PENDING,	/* submitted, waiting for staff */
	PSTATUS_VERIFIED,	/* staff checked the identity */
	PSTATUS_REJECTED,	/* staff refused it, with a reason */
	PSTATUS__MAX
};

const char	*profile_status_name(enum profile_status s);
int		 profile_status_parse(struct str s);

struct reporter_profile {
	int64_t			 user_id;
	const char		*login;		/* for staff listings */
	enum id_type		 id_type;
	const char		*id_masked;	/* "110***********1234" */
	const char		*phone_masked;
	const char		*real_name;	/* unsealed views only, else NULL */
	const char		*id_number;	/* unsealed views only, else NULL */
	const char		*phone;		/* unsealed views only, else NULL */
	enum profile_status	 status;
	const char		*reason;	/* why rejected */
	int64_t			 reviewed_by;	/* 0: not yet */
	int64_t			 reviewed_at;
	int			 level;		/* 0..3 */
	int64_t			 updated_at;
};

struct reporter_levels {
	int	level2_accepted;	/* accepted reports for L2 */
	int	level3_accepted;	/* accepted reports for L3 */
};

/*
 * May staff set a reporter to level (0..3)?  L1 needs a verified identity;
 * L2 and L3 also need the configured number of accepted reports.
 * MSG_OK, or the reason; *need is set to the number required.
 */
enum msg_id	reporter_level_check(int level, enum profile_status status,
		    int64_t accepted, const struct reporter_levels *lv, int *need);

/* A real name: 1..64 characters of text. */
enum msg_id	reporter_name_check(struct str name);

#endif
