/* Complaints (举报, 办法 第九条): words, checks and steps; pure. */
#include <string.h>

#include "core/str.h"
#include "core/utf8.h"
#include "domain/complaint.h"

static const char *const category_names[CCAT__MAX] = {
	"illegal_collection",		/* CCAT_ILLEGAL_COLLECTION */
	"sale_of_vulnerabilities",	/* CCAT_SALE */
	"unauthorised_publication",	/* CCAT_UNAUTHORISED_PUBLICATION */
	"foreign_transfer",		/* CCAT_FOREIGN_TRANSFER */
	"no_filing",			/* CCAT_NO_FILING */
	"false_filing",			/* CCAT_FALSE_FILING */
	"mismanagement",		/* CCAT_MISMANAGEMENT */
	"other",			/* CCAT_OTHER */
};

static const char *const channel_names[CCH__MAX] = {
	"web",		/* CCH_WEB */
	"api",		/* CCH_API */
	"phone",	/* CCH_PHONE */
	"email",	/* CCH_EMAIL */
};

static const char *const state_names[CST__MAX] = {
	"submitted",		/* CST_SUBMITTED */
	"assigned",		/* CST_ASSIGNED */
	"investigating",	/* CST_INVESTIGATING */
	"closed",		/* CST_CLOSED */
};

static const char *const outcome_names[COUT__MAX] = {
	"",			/* COUT_NONE */
	"substantiated",	/* COUT_SUBSTANTIATED */
	"unsubstantiated",	/* COUT_UNSUBSTANTIATED */
	"referred",		/* COUT_REFERRED */
	"duplicate",		/* COUT_DUPLICATE */
	"withdrawn",		/* COUT_WITHDRAWN */
};

static int
find(const char *const *names, int n, const char *s)
{
	return s != NULL && s[0] != '\0' ? str_index(names, n, str_from(s)) : -1;
}

const char *
complaint_category_name(enum complaint_category c)
{
	return (unsigned)c < CCAT__MAX ? category_names[c] : "?";
}

const char *
complaint_channel_name(enum complaint_channel c)
{
	return (unsigned)c < CCH__MAX ? channel_names[c] : "?";
}

const char *
complaint_state_name(enum complaint_state s)
{
	return (unsigned)s < CST__MAX ? state_names[s] : "?";
}

const char *
complaint_outcome_name(enum complaint_outcome o)
{
	return (unsigned)o < COUT__MAX ? outcome_names[o] : "?";
}

int
complaint_category_parse(const char *s)
{
	return find(category_names, CCAT__MAX, s);
}

int
complaint_channel_parse(const char *s)
{
	return find(channel_names, CCH__MAX, s);
}

int
complaint_state_parse(const char *s)
{
	return find(state_names, CST__MAX, s);
}

int
complaint_outcome_parse(const char *s)
{
	return find(outcome_names, COUT__MAX, s);
}

/* Only spaces (ASCII white space): nothing was said. */
static bool
blank(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return false;
	return true;
}

/* Add a problem if there is room; count it anyway. */
static void
add(struct complaint_problem *p, int max, int *n, const char *field, enum msg_id m)
{
	if (*n < max) {
		p[*n].field = field;
		p[*n].msg = m;
	}
	(*n)++;
}

/*
 * A one-line (or, with lines, multi-line) field: required or not, at most
 * max bytes.  MSG_OK when it is fine or absent and optional.
 */
static enum msg_id
field_check(const char *s, bool required, size_t max, bool lines)
{
	size_t	n;

	if (s == NULL || blank(s))
		return required ? MSG_ERR_FIELD_MISSING : MSG_OK;
	n = strlen(s);
	if (n > max)
		return MSG_ERR_FIELD_TOO_LONG;
	if (!utf8_text(s, n, lines))
		return lines ? MSG_ERR_FIELD_ENCODING : MSG_ERR_NOTICE_ONE_LINE;
	return MSG_OK;
}

int
complaint_check(const struct complaint_in *in, enum complaint_category *cat,
    struct complaint_problem *p, int max)
{
	enum msg_id	m;
	int		n = 0, k;

	if ((m = field_check(in->platform_name, true, COMPLAINT_PLATFORM_MAX, false)) != MSG_OK)
		add(p, max, &n, "platform_name", m);
	if (in->platform_url != NULL && !blank(in->platform_url) &&
	    (strlen(in->platform_url) > COMPLAINT_URL_MAX ||
	    !utf8_text(in->platform_url, strlen(in->platform_url), false) ||
	    !str_http_url(str_from(in->platform_url))))
		add(p, max, &n, "platform_url", MSG_ERR_COMPLAINT_URL);
	if ((m = field_check(in->filing_number, false, COMPLAINT_FILING_MAX, false)) != MSG_OK)
		add(p, max, &n, "filing_number", m);
	if (in->category == NULL || in->category[0] == '\0')
		add(p, max, &n, "category", MSG_ERR_FIELD_MISSING);
	else if ((k = complaint_category_parse(in->category)) < 0)
		add(p, max, &n, "category", MSG_ERR_COMPLAINT_CATEGORY);
	else
		*cat = (enum complaint_category)k;
	if ((m = field_check(in->text, true, COMPLAINT_TEXT_MAX, true)) != MSG_OK)
		add(p, max, &n, "description", m);
	if ((m = field_check(in->contact, false, COMPLAINT_CONTACT_MAX, false)) != MSG_OK)
		add(p, max, &n, "contact", m);
	return n;
}

enum msg_id
complaint_note_check(const char *note)
{
	return field_check(note, true, COMPLAINT_NOTE_MAX, true);
}

bool
complaint_open(enum complaint_state s)
{
	return s != CST_CLOSED;
}

enum msg_id
complaint_can_assign(enum complaint_state s, enum complaint_state *to)
{
	if (!complaint_open(s))
		return MSG_ERR_COMPLAINT_CLOSED;
	if (to != NULL)
		*to = s == CST_SUBMITTED ? CST_ASSIGNED : s;
	return MSG_OK;
}

enum msg_id
complaint_can_note(enum complaint_state s, enum complaint_state *to)
{
	if (!complaint_open(s))
		return MSG_ERR_COMPLAINT_CLOSED;
	if (s == CST_SUBMITTED)
		return MSG_ERR_COMPLAINT_UNASSIGNED;
	if (to != NULL)
		*to = CST_INVESTIGATING;
	return MSG_OK;
}

enum msg_id
complaint_can_close(enum complaint_state s, enum complaint_outcome o)
{
	if (!complaint_open(s))
		return MSG_ERR_COMPLAINT_CLOSED;
	if ((unsigned)o >= COUT__MAX || o == COUT_NONE)
		return MSG_ERR_COMPLAINT_OUTCOME;
	/* A finding on the merits rests on an investigation. */
	if ((o == COUT_SUBSTANTIATED || o == COUT_UNSUBSTANTIATED) && s != CST_INVESTIGATING)
		return MSG_ERR_COMPLAINT_NOT_INVESTIGATED;
	return MSG_OK;
}
