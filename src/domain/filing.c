/*
 * 备案: the field set, the completeness check, the states, the number
 * template (filing.h).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/calendar.h"
#include "core/embed.h"
#include "core/log.h"
#include "core/str.h"
#include "core/utf8.h"
#include "domain/filing.h"
#include "domain/user.h"

#define FIELDS_MAX	256	/* a field set's lines */
#define FIELDS_FILE	"fields.conf"

extern const struct embed_file filing_data[];	/* data/filing/ */
#define LABEL_MAX	200	/* bytes */

static const char *const ftype_names[FT__MAX] = {
	"text", "multiline", "url", "urls", "email", "phone", "id_number", "date",
	"document",
};

/* What the public list shows (R41): a field set must have these. */
static const char *const structural[] = {
	"platform.name", "platform.url", "platform.icp", "sponsor.name",
};

const char *
filing_ftype_name(enum filing_ftype t)
{
	return (unsigned)t < FT__MAX ? ftype_names[t] : "?";
}

static int
name_index(const char *const *names, int n, const char *s, size_t len)
{
	return str_index(names, n, (struct str){ s, len });
}

int
filing_ftype_parse(const char *s, size_t n)
{
	return name_index(ftype_names, FT__MAX, s, n);
}

static bool
key_ok(struct str k)
{
	size_t	i;

	if (k.n == 0 || k.n > 64)
		return false;
	for (i = 0; i < k.n; i++) {
		char c = k.p[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
		    c == '.'))
			return false;
	}
	return true;
}

/* One line's fields, in place; -1 with err on a malformed line. */
static int
parse_line(struct arena *a, struct str line, int lineno, struct filing_field *f,
    char *err, size_t errsz)
{
	struct str	 col[7];
	struct str	 flags, fl;
	int64_t		 v;
	int		 i, t;
	char		 num[16];

	for (i = 0, t = 0; i < (int)line.n; i++)
		t += line.p[i] == '|';
	if (t != 6) {
		snprintf(err, errsz, "line %d: %s than 7 fields separated by '|'", lineno,
		    t < 6 ? "fewer" : "more");
		return -1;
	}
	for (i = 0; i < 7; i++)
		col[i] = str_trim(i < 6 ? str_split(&line, '|') : line);
	if (col[0].n != 1 || col[0].p[0] < '1' || col[0].p[0] > '6') {
		snprintf(err, errsz, "line %d: the section is 1 to 6 (第四条 (一)-(六))",
		    lineno);
		return -1;
	}
	f->section = col[0].p[0] - '0';
	if (!key_ok(col[1])) {
		snprintf(err, errsz, "line %d: a key is 1-64 of a-z, 0-9, '_' and '.'",
		    lineno);
		return -1;
	}
	f->key = arena_strndup(a, col[1].p, col[1].n);
	if ((t = filing_ftype_parse(col[2].p, col[2].n)) < 0) {
		snprintf(err, errsz, "line %d: unknown type '%.*s'", lineno,
		    (int)(col[2].n > 32 ? 32 : col[2].n), col[2].p);
		return -1;
	}
	f->type = (enum filing_ftype)t;
	f->flags = f->type == FT_ID_NUMBER ? FF_SECRET : 0;
	flags = col[3];
	if (!(flags.n == 1 && flags.p[0] == '-'))
		while (flags.n > 0) {
			fl = str_trim(str_split(&flags, ','));
			if (str_eq(fl, "required"))
				f->flags |= FF_REQUIRED;
			else if (str_eq(fl, "public"))
				f->flags |= FF_PUBLIC;
			else if (str_eq(fl, "secret"))
				f->flags |= FF_SECRET;
			else {
				snprintf(err, errsz, "line %d: unknown flag '%.*s' (required, "
				    "public, secret or -)", lineno,
				    (int)(fl.n > 32 ? 32 : fl.n), fl.p);
				return -1;
			}
		}
	if ((f->flags & FF_SECRET) && (f->flags & FF_PUBLIC)) {
		snprintf(err, errsz, "line %d: a field cannot be both public and secret",
		    lineno);
		return -1;
	}
	snprintf(num, sizeof(num), "%.*s", (int)(col[4].n > 15 ? 15 : col[4].n), col[4].p);
	v = col[4].n > 0 && col[4].n < 6 ? strtoll(num, NULL, 10) : 0;
	for (i = 0; i < (int)col[4].n; i++)
		if (col[4].p[i] < '0' || col[4].p[i] > '9')
			v = 0;
	if (v < 1 || v > 20000) {
		snprintf(err, errsz, "line %d: max is 1 to 20000 characters", lineno);
		return -1;
	}
	f->max = (int)v;
	if (col[5].n == 0 || col[6].n == 0 || col[5].n > LABEL_MAX || col[6].n > LABEL_MAX ||
	    !utf8_valid(col[5].p, col[5].n) || !utf8_valid(col[6].p, col[6].n)) {
		snprintf(err, errsz, "line %d: both labels (中文, English) are needed, "
		    "UTF-8, at most %d bytes", lineno, LABEL_MAX);
		return -1;
	}
	f->label_zh = arena_strndup(a, col[5].p, col[5].n);
	f->label_en = arena_strndup(a, col[6].p, col[6].n);
	return 0;
}

int
filing_fieldset_parse(struct arena *a, const char *text, size_t len, const char *version,
    struct filing_fieldset *out, char *err, size_t errsz)
{
	struct str	 rest = { text, len }, line;
	size_t		 i, j;
	int		 lineno = 0;

	memset(out, 0, sizeof(*out));
	if (!utf8_valid(text, len)) {
		snprintf(err, errsz, "the field set is not UTF-8");
		return -1;
	}
	out->f = arena_calloc(a, FIELDS_MAX, sizeof(*out->f));
	while (rest.n > 0) {
		lineno++;
		line = str_split(&rest, '\n');
		if (line.n > 0 && line.p[line.n - 1] == '\r')
			line.n--;
		line = str_trim(line);
		if (line.n == 0 || line.p[0] == '#')
			continue;
		if (out->n == FIELDS_MAX) {
			snprintf(err, errsz, "line %d: more than %d fields", lineno, FIELDS_MAX);
			return -1;
		}
		if (parse_line(a, line, lineno, &out->f[out->n], err, errsz) != 0)
			return -1;
		for (j = 0; j < out->n; j++)
			if (strcmp(out->f[j].key, out->f[out->n].key) == 0) {
				snprintf(err, errsz, "line %d: the key '%s' is used twice",
				    lineno, out->f[j].key);
				return -1;
			}
		out->n++;
	}
	for (i = 0; i < sizeof(structural) / sizeof(structural[0]); i++) {
		const struct filing_field *f = filing_field_find(out, structural[i]);

		if (f == NULL || !(f->flags & FF_REQUIRED) || !(f->flags & FF_PUBLIC)) {
			snprintf(err, errsz, "the field set needs '%s', required and public "
			    "(the public list shows it, R41)", structural[i]);
			return -1;
		}
	}
	snprintf(out->version, sizeof(out->version), "%s", version != NULL ? version : "");
	return 0;
}

void
filing_fieldset_builtin_text(const char **text, size_t *len)
{
	const struct embed_file	*f = embed_find(filing_data, FIELDS_FILE);

	/* The build embeds it: its absence is a build error, not a user's. */
	*text = f != NULL ? (const char *)f->data : "";
	*len = f != NULL ? f->len : 0;
}

static pthread_once_t		 builtin_once = PTHREAD_ONCE_INIT;
static struct arena		*builtin_arena;
static struct filing_fieldset	 builtin_set;

static void
builtin_load(void)
{
	const char	*text;
	size_t		 len;
	char		 err[256];

	filing_fieldset_builtin_text(&text, &len);
	builtin_arena = arena_new();
	if (filing_fieldset_parse(builtin_arena, text, len, FILING_FIELDS_SHA256,
	    &builtin_set, err, sizeof(err)) != 0) {
		/* A build defect, not input: the file is compiled in and tested. */
		log_err("event=filing_fields_bad file=%s error=\"%s\"", FIELDS_FILE, err);
		abort();
	}
}

const struct filing_fieldset *
filing_fieldset_builtin(void)
{
	if (pthread_once(&builtin_once, builtin_load) != 0)
		abort();
	return &builtin_set;
}

static _Atomic(const struct filing_fieldset *)	current_set;	/* NULL: the built-in */

void
filing_fieldset_use(const struct filing_fieldset *fs)
{
	atomic_store_explicit(&current_set, fs, memory_order_release);
}

const struct filing_fieldset *
filing_fieldset_current(void)
{
	const struct filing_fieldset	*fs;

	fs = atomic_load_explicit(&current_set, memory_order_acquire);
	return fs != NULL ? fs : filing_fieldset_builtin();
}

const struct filing_field *
filing_field_find(const struct filing_fieldset *fs, const char *key)
{
	size_t	i;

	for (i = 0; i < fs->n; i++)
		if (strcmp(fs->f[i].key, key) == 0)
			return &fs->f[i];
	return NULL;
}

/* Digits with spaces, '-', '+' at the start, parentheses: 5-32 characters. */
static bool
phone_ok(struct str p)
{
	size_t	i, digits = 0;

	if (p.n < 5 || p.n > 32)
		return false;
	for (i = 0; i < p.n; i++) {
		char c = p.p[i];

		if (c >= '0' && c <= '9')
			digits++;
		else if (!(c == ' ' || c == '-' || c == '(' || c == ')' || (c == '+' && i == 0)))
			return false;
	}
	return digits >= 5;
}

/*
 * An identity document number: letters, digits and '-' (a 居民身份证 has 18
 * characters, the last possibly X; a 统一社会信用代码 18; others differ).
 */
static bool
id_number_ok(struct str s)
{
	size_t	i;

	if (s.n < 4 || s.n > 32)
		return false;
	for (i = 0; i < s.n; i++) {
		char c = s.p[i];

		if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
		    (c >= 'a' && c <= 'z') || c == '-'))
			return false;
	}
	return true;
}

bool
filing_document_split(struct str s, struct str *name, struct str *hash)
{
	const char	*sp = memchr(s.p, ' ', s.n);
	struct str	 h;
	size_t		 i;

	if (sp == NULL || sp == s.p)
		return false;
	h = (struct str){ sp + 1, s.n - (size_t)(sp + 1 - s.p) };
	if (!str_has_prefix(h, "sha256:") || h.n != 7 + 64)
		return false;
	for (i = 7; i < h.n; i++)
		if (!((h.p[i] >= '0' && h.p[i] <= '9') || (h.p[i] >= 'a' && h.p[i] <= 'f')))
			return false;
	*name = (struct str){ s.p, (size_t)(sp - s.p) };
	*hash = (struct str){ h.p + 7, 64 };
	return true;
}

static bool
format_ok(enum filing_ftype t, struct str v)
{
	struct str	rest = v, line;
	int64_t		day;

	switch (t) {
	case FT_URL:
		return str_http_url(v);
	case FT_URLS:
		while (rest.n > 0) {
			line = str_trim(str_split(&rest, '\n'));
			if (line.n > 0 && !str_http_url(line))
				return false;
		}
		return true;
	case FT_EMAIL:
		return user_email_check(v) == MSG_OK;
	case FT_PHONE:
		return phone_ok(v);
	case FT_ID_NUMBER:
		return id_number_ok(v);
	case FT_DATE:
		return date_parse(v.p, v.n, &day) == 0;
	case FT_DOCUMENT: {
		struct str	name, hash;

		return filing_document_split(v, &name, &hash);
	}
	default:
		return true;
	}
}

static void
problem(struct filing_problem *out, size_t max, size_t *n, const char *key,
    enum filing_problem_kind k)
{
	if (*n < max) {
		out[*n].key = key;
		out[*n].kind = k;
	}
	(*n)++;
}

size_t
filing_check(const struct filing_fieldset *fs, const struct filing_value *v, size_t nv,
    struct filing_problem *out, size_t max)
{
	const struct filing_field *f;
	size_t			 i, j, n = 0;
	struct str		 s;
	bool			 given;

	/* What was given: known, once, clean, within bounds, well formed. */
	for (i = 0; i < nv; i++) {
		if ((f = filing_field_find(fs, v[i].key)) == NULL) {
			problem(out, max, &n, v[i].key, FP_UNKNOWN);
			continue;
		}
		for (j = 0; j < i; j++)
			if (strcmp(v[j].key, v[i].key) == 0)
				break;
		if (j < i) {
			problem(out, max, &n, f->key, FP_DUPLICATE);
			continue;
		}
		s = str_trim(str_from(v[i].value));
		if (s.n == 0)
			continue;	/* judged below with the required ones */
		if (!utf8_text(s.p, s.n, f->type == FT_MULTILINE || f->type == FT_URLS))
			problem(out, max, &n, f->key, FP_ENCODING);
		else if (utf8_count(s.p, s.n) > (size_t)f->max)
			problem(out, max, &n, f->key, FP_TOO_LONG);
		else if (!format_ok(f->type, s))
			problem(out, max, &n, f->key, FP_FORMAT);
	}
	/* Every required field, in the set's order. */
	for (i = 0; i < fs->n; i++) {
		if (!(fs->f[i].flags & FF_REQUIRED))
			continue;
		given = false;
		for (j = 0; j < nv; j++)
			if (strcmp(v[j].key, fs->f[i].key) == 0 &&
			    str_trim(str_from(v[j].value)).n > 0)
				given = true;
		if (!given)
			problem(out, max, &n, fs->f[i].key, FP_MISSING);
	}
	return n;
}

const char *
filing_problem_name(enum filing_problem_kind k)
{
	static const char *const names[] = {
		"missing", "too_long", "format", "unknown", "duplicate", "encoding",
	};

	return (unsigned)k < sizeof(names) / sizeof(names[0]) ? names[k] : "?";
}

static const char *const app_kind_names[FAK__MAX] = {
	"initial", "change", "deregistration",
};

static const char *const app_state_names[FAS__MAX] = {
	"submitted", "supplement_requested", "resubmitted", "approved", "rejected",
	"withdrawn",
};

const char *
filing_app_kind_name(enum filing_app_kind k)
{
	return (unsigned)k < FAK__MAX ? app_kind_names[k] : "?";
}

int
filing_app_kind_parse(const char *s, size_t n)
{
	return name_index(app_kind_names, FAK__MAX, s, n);
}

const char *
filing_app_state_name(enum filing_app_state s)
{
	return (unsigned)s < FAS__MAX ? app_state_names[s] : "?";
}

int
filing_app_state_parse(const char *s, size_t n)
{
	return name_index(app_state_names, FAS__MAX, s, n);
}

/* app_moves[from][to] */
static const bool app_moves[FAS__MAX][FAS__MAX] = {
	/*			   subm   suppl  resub  appr   rej    withdr */
	[FAS_SUBMITTED]		= { false, true,  false, true,  true,  true  },
	[FAS_SUPPLEMENT_REQUESTED] = { false, false, true,  false, true,  true  },
	[FAS_RESUBMITTED]	= { false, true,  false, true,  true,  true  },
};

bool
filing_app_move_ok(enum filing_app_state from, enum filing_app_state to)
{
	if ((unsigned)from >= FAS__MAX || (unsigned)to >= FAS__MAX)
		return false;
	return app_moves[from][to];
}

bool
filing_app_in_review(enum filing_app_state s)
{
	return s == FAS_SUBMITTED || s == FAS_RESUBMITTED;
}

static const char *const pf_names[PFS__MAX] = {
	"draft", "submitted", "supplement_requested", "resubmitted", "filed",
	"change_pending", "deregistration_pending", "deregistered",
};

const char *
platform_filing_status_name(enum platform_filing_status s)
{
	return (unsigned)s < PFS__MAX ? pf_names[s] : "?";
}

int
platform_filing_status_parse(const char *s, size_t n)
{
	return name_index(pf_names, PFS__MAX, s, n);
}

/* pf_moves[from][to] */
static const bool pf_moves[PFS__MAX][PFS__MAX] = {
	/*			   draft  subm   suppl  resub  filed  chg    dereg_p dereg */
	[PFS_DRAFT]		= { false, true,  false, false, false, false, false, false },
	[PFS_SUBMITTED]		= { true,  false, true,  false, true,  false, false, false },
	[PFS_SUPPLEMENT_REQUESTED] = { true, false, false, true,  false, false, false, false },
	[PFS_RESUBMITTED]	= { true,  false, true,  false, true,  false, false, false },
	[PFS_FILED]		= { false, false, false, false, false, true,  true,  false },
	[PFS_CHANGE_PENDING]	= { false, false, false, false, true,  false, true,  false },
	[PFS_DEREGISTRATION_PENDING] = { false, false, false, false, true, false, false, true },
};

bool
platform_filing_move_ok(enum platform_filing_status from, enum platform_filing_status to)
{
	if ((unsigned)from >= PFS__MAX || (unsigned)to >= PFS__MAX)
		return false;
	return pf_moves[from][to];
}

bool
platform_filing_is_filed(enum platform_filing_status s)
{
	return s == PFS_FILED || s == PFS_CHANGE_PENDING || s == PFS_DEREGISTRATION_PENDING;
}

/*
 * Walk the template; with out NULL only check it.  Returns 0, -1 for a bad
 * template (err set), -2 when out is too small.
 */
static int
number_walk(const char *tmpl, const char *prefix, int year, int64_t seq, char *out,
    size_t outsz, char *err, size_t errsz)
{
	const char	*p = tmpl, *close;
	size_t		 n = 0, w;
	int		 width, seqs = 0;
	char		 piece[32];
	const char	*add;
	size_t		 addn;

	if (*tmpl == '\0') {
		snprintf(err, errsz, "the template is empty");
		return -1;
	}
	while (*p != '\0') {
		if (*p == '{') {
			if ((close = strchr(p, '}')) == NULL) {
				snprintf(err, errsz, "a '{' without '}'");
				return -1;
			}
			w = (size_t)(close - p + 1);
			if (w == 8 && strncmp(p, "{PREFIX}", 8) == 0) {
				add = prefix != NULL ? prefix : "";
				addn = strlen(add);
			} else if (w == 6 && strncmp(p, "{YYYY}", 6) == 0) {
				snprintf(piece, sizeof(piece), "%04d", year);
				add = piece;
				addn = strlen(piece);
			} else if (w == 5 && strncmp(p, "{SEQ}", 5) == 0) {
				snprintf(piece, sizeof(piece), "%lld", (long long)seq);
				add = piece;
				addn = strlen(piece);
				seqs++;
			} else if (w == 8 && strncmp(p, "{SEQ:0", 6) == 0 && p[6] >= '1' &&
			    p[6] <= '9') {
				width = p[6] - '0';
				/* The width cannot be a literal: formats are ours. */
				snprintf(piece, sizeof(piece), "%0*lld", width, (long long)seq);
				add = piece;
				addn = strlen(piece);
				seqs++;
			} else if (strncmp(p, "{SEQ:", 5) == 0) {
				snprintf(err, errsz, "{SEQ:0N} takes one digit N, 1 to 9");
				return -1;
			} else {
				snprintf(err, errsz, "unknown placeholder '%.*s' ({PREFIX}, "
				    "{YYYY}, {SEQ}, {SEQ:0N})", (int)(w > 20 ? 20 : w), p);
				return -1;
			}
			p = close + 1;
		} else if (*p == '}') {
			snprintf(err, errsz, "a '}' without '{'");
			return -1;
		} else {
			add = p;
			addn = 1;
			p++;
		}
		if (out != NULL) {
			if (n + addn + 1 > outsz)
				return -2;
			memcpy(out + n, add, addn);
		}
		n += addn;
	}
	if (seqs != 1) {
		snprintf(err, errsz, "the template needs exactly one {SEQ} or {SEQ:0N}, "
		    "so numbers never repeat");
		return -1;
	}
	if (out != NULL)
		out[n] = '\0';
	return 0;
}

int
filing_number_template_ok(const char *tmpl, char *err, size_t errsz)
{
	return number_walk(tmpl, "", 2026, 1, NULL, 0, err, errsz) == 0 ? 0 : -1;
}

int
filing_number_format(const char *tmpl, const char *prefix, int year, int64_t seq,
    char *out, size_t outsz)
{
	char	err[128];

	if (outsz > FILING_NUMBER_MAX)
		outsz = FILING_NUMBER_MAX;
	return number_walk(tmpl, prefix, year, seq, out, outsz, err, sizeof(err)) == 0 ?
	    0 : -1;
}
