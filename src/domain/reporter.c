#include "core/utf8.h"
#include "domain/reporter.h"

static const char *const status_names[PSTATUS__MAX] = {
	"pending",	/* PSTATUS_PENDING */
	"verified",	/* PSTATUS_VERIFIED */
	"rejected",	/* PSTATUS_REJECTED */
};

const char *
profile_status_name(enum profile_status s)
{
	return (unsigned)s < PSTATUS__MAX ? status_names[s] : "?";
}

int
profile_status_parse(struct str s)
{
	return str_index(status_names, PSTATUS__MAX, s);
}

enum msg_id
reporter_level_check(int level, enum profile_status status, int64_t accepted,
    const struct reporter_levels *lv, int *need)
{
	*need = 0;
	if (level < 0 || level > 3)
		return MSG_ERR_LEVEL_RANGE;
	if (level == 0)
		return MSG_OK;
	if (status != PSTATUS_VERIFIED)
		return MSG_ERR_LEVEL_UNVERIFIED;
	if (level == 2)
		*need = lv->level2_accepted;
	else if (level == 3)
		*need = lv->level3_accepted;
	if (accepted < *need)
		return MSG_ERR_LEVEL_ACCEPTED;
	return MSG_OK;
}

enum msg_id
reporter_name_check(struct str s)
{
	size_t	i;

	if (s.n == 0 || str_trim(s).n == 0)
		return MSG_ERR_FIELD_MISSING;
	if (!utf8_valid(s.p, s.n))
		return MSG_ERR_FIELD_ENCODING;
	for (i = 0; i < s.n; i++)
		if ((unsigned char)s.p[i] < 0x20 || s.p[i] == 0x7f)
			return MSG_ERR_FIELD_ENCODING;
	return utf8_count(s.p, s.n) <= 64 ? MSG_OK : MSG_ERR_FIELD_TOO_LONG;
}
