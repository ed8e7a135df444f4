/*
 * GB/T 30279-2020: the indicator vocabulary, table-driven grading and the
 * category tree.  Tables and tree are data (data/grading/, compiled in by
 * cmake/embed.cmake); this file only parses and looks up, and reads no file.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/embed.h"
#include "core/log.h"
#include "core/parse.h"
#include "core/str.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "domain/grade.h"

/* Set by src/CMakeLists.txt from the file's bytes at configure time. */
#ifndef GBT_TABLES_SHA256
#define GBT_TABLES_SHA256	""
#endif

extern const struct embed_file grading_data[];	/* data/grading/ */

#define TABLES_FILE	"gbt30279-2020.tables"
#define CATEGORIES_FILE	"gbt30279-2020.categories"

#define LEVELS_MAX	64			/* levels of one kind in a tables file */
#define VERSION_MAX	64			/* a version word, with the NUL */
#define SHA256_HEX	64			/* hex digits of a SHA-256 */
#define WORDS_MAX	(LEVELS_MAX + 4)	/* "levels KIND = L1 … L64", and one too many */
#define CELLS_MAX	(LEVELS_MAX * LEVELS_MAX)	/* technical[E][I] at most */
#define SHOW_MAX	40			/* bytes of a word quoted in an error */
#define CWE_ID_MAX	99999			/* CWE ids are far below this */

/* ---- vocabulary ---- */

struct term {
	const char	*key;	/* English term: the tables file and the API */
	const char	*zh;	/* name in zh-CN (also parsed) */
	const char	*en;	/* name in en */
};

static const struct term access_path_terms[] = {
	{ "network", "网络", "Network" },
	{ "adjacent", "邻接", "Adjacent" },
	{ "local", "本地", "Local" },
	{ "physical", "物理", "Physical" },
};
static const struct term trigger_terms[] = {
	{ "low", "低", "Low" },
	{ "high", "高", "High" },
};
static const struct term privilege_terms[] = {
	{ "none", "无", "None" },
	{ "low", "低", "Low" },
	{ "high", "高", "High" },
};
static const struct term interaction_terms[] = {
	{ "none", "不需要", "Not required" },
	{ "required", "需要", "Required" },
};
static const struct term impact_terms[] = {	/* C, I and A alike */
	{ "severe", "严重", "Severe" },
	{ "general", "一般", "General" },
	{ "none", "无", "None" },
};
static const struct term cost_terms[] = {
	{ "low", "低", "Low" },
	{ "medium", "中", "Medium" },
	{ "high", "高", "High" },
};
static const struct term fix_terms[] = {
	{ "high", "高", "High" },
	{ "medium", "中", "Medium" },
	{ "low", "低", "Low" },
};
static const struct term scope_terms[] = {
	{ "high", "高", "High" },
	{ "medium", "中", "Medium" },
	{ "low", "低", "Low" },
	{ "none", "无", "None" },
};

#define NTERMS(a)	((int)(sizeof(a) / sizeof((a)[0])))

static const struct indicator {
	struct term		 name;
	const struct term	*v;
	int			 n;
} indicators[GBT__NINDICATORS] = {
	{ { "access_path", "访问路径", "Access path" },
	  access_path_terms, NTERMS(access_path_terms) },		/* GBT_ACCESS_PATH */
	{ { "trigger", "触发要求", "Trigger requirement" },
	  trigger_terms, NTERMS(trigger_terms) },			/* GBT_TRIGGER */
	{ { "privilege", "权限需求", "Privilege requirement" },
	  privilege_terms, NTERMS(privilege_terms) },			/* GBT_PRIVILEGE */
	{ { "interaction", "交互条件", "User interaction" },
	  interaction_terms, NTERMS(interaction_terms) },		/* GBT_INTERACTION */
	{ { "confidentiality", "保密性影响", "Confidentiality impact" },
	  impact_terms, NTERMS(impact_terms) },				/* GBT_CONFIDENTIALITY */
	{ { "integrity", "完整性影响", "Integrity impact" },
	  impact_terms, NTERMS(impact_terms) },				/* GBT_INTEGRITY */
	{ { "availability", "可用性影响", "Availability impact" },
	  impact_terms, NTERMS(impact_terms) },				/* GBT_AVAILABILITY */
	{ { "exploit_cost", "被利用成本", "Exploitation cost" },
	  cost_terms, NTERMS(cost_terms) },				/* GBT_EXPLOIT_COST */
	{ { "fix_difficulty", "修复难度", "Fix difficulty" },
	  fix_terms, NTERMS(fix_terms) },				/* GBT_FIX_DIFFICULTY */
	{ { "scope", "影响范围", "Impact scope" },
	  scope_terms, NTERMS(scope_terms) },				/* GBT_SCOPE */
};

static const struct term grades[GBT__NGRADES] = {
	{ "critical", "超危", "Critical" },	/* GBT_GRADE_CRITICAL */
	{ "high", "高危", "High" },		/* GBT_GRADE_HIGH */
	{ "medium", "中危", "Medium" },		/* GBT_GRADE_MEDIUM */
	{ "low", "低危", "Low" },		/* GBT_GRADE_LOW */
};

static const char *
term_name(const struct term *t, enum lang lang)
{
	return lang == LANG_EN ? t->en : t->zh;
}

/* English case-insensitively, Chinese byte for byte. */
static int
term_parse(const struct term *t, int n, struct str s)
{
	int	i, found = -1;

	for (i = 0; i < n && found < 0; i++)
		if (str_caseeq(s, t[i].key) || str_eq(s, t[i].zh))
			found = i;
	return found;
}

static int
value_parse(enum gbt_indicator i, struct str s)
{
	return (unsigned)i < GBT__NINDICATORS ?
	    term_parse(indicators[i].v, indicators[i].n, s) : -1;
}

int
gbt_value_parse(enum gbt_indicator i, const char *text)
{
	return text != NULL ? value_parse(i, str_from(text)) : -1;
}

int
gbt_value_count(enum gbt_indicator i)
{
	return (unsigned)i < GBT__NINDICATORS ? indicators[i].n : 0;
}

static const struct term *
value_term(enum gbt_indicator i, int v)
{
	if ((unsigned)i >= GBT__NINDICATORS || v < 0 || v >= indicators[i].n)
		return NULL;
	return &indicators[i].v[v];
}

const char *
gbt_value_key(enum gbt_indicator i, int v)
{
	const struct term	*t = value_term(i, v);

	return t != NULL ? t->key : NULL;
}

const char *
gbt_value_name(enum gbt_indicator i, int v, enum lang lang)
{
	const struct term	*t = value_term(i, v);

	return t != NULL ? term_name(t, lang) : NULL;
}

const char *
gbt_indicator_key(enum gbt_indicator i)
{
	return (unsigned)i < GBT__NINDICATORS ? indicators[i].name.key : NULL;
}

const char *
gbt_indicator_name(enum gbt_indicator i, enum lang lang)
{
	return (unsigned)i < GBT__NINDICATORS ? term_name(&indicators[i].name, lang) : NULL;
}

int
gbt_indicator_parse(const char *key)
{
	int	i, found = -1;

	for (i = 0; key != NULL && i < GBT__NINDICATORS && found < 0; i++)
		if (strcmp(key, indicators[i].name.key) == 0)
			found = i;
	return found;
}

const char *
gbt_grade_key(enum gbt_grade g)
{
	return (unsigned)g < GBT__NGRADES ? grades[g].key : NULL;
}

const char *
gbt_grade_name(enum gbt_grade g, enum lang lang)
{
	return (unsigned)g < GBT__NGRADES ? term_name(&grades[g], lang) : NULL;
}

int
gbt_grade_parse(const char *text)
{
	return text != NULL ? term_parse(grades, GBT__NGRADES, str_from(text)) : -1;
}

void
gbt_indicators_clear(struct gbt_indicators *in)
{
	int	i;

	for (i = 0; i < GBT__NINDICATORS; i++)
		in->v[i] = -1;
}

/* ---- tables ---- */

enum row {
	ROW_EXPLOITABILITY,	/* 附录A */
	ROW_IMPACT,		/* 附录B */
	ROW_TECHNICAL,		/* 附录D */
	ROW_ENVIRONMENT,	/* 附录C */
	ROW_COMPREHENSIVE,	/* 附录E */
	ROW__MAX
};

enum level_kind {
	LVL_E,			/* exploitability levels */
	LVL_I,			/* impact levels */
	LVL_N,			/* environment levels */
	LVL__MAX
};

static const char *const level_kinds[LVL__MAX] = { "exploitability", "impact", "environment" };

/* What a word of a row names. */
struct slot {
	enum { W_VALUE, W_LEVEL, W_GRADE } kind;
	int	arg;		/* the indicator (W_VALUE) or level kind (W_LEVEL) */
};

#define V(i)	{ W_VALUE, (i) }
#define L(k)	{ W_LEVEL, (k) }
#define G	{ W_GRADE, 0 }

static const struct row_spec {
	const char	*name;		/* the statement's first word */
	int		 nkeys;
	struct slot	 key[4];	/* the cell's coordinates, outermost first */
	struct slot	 value;		/* what the cell holds */
} rows[ROW__MAX] = {
	{ "exploitability", 4, { V(GBT_ACCESS_PATH), V(GBT_TRIGGER), V(GBT_PRIVILEGE),
	  V(GBT_INTERACTION) }, L(LVL_E) },				/* ROW_EXPLOITABILITY */
	{ "impact", 3, { V(GBT_CONFIDENTIALITY), V(GBT_INTEGRITY),
	  V(GBT_AVAILABILITY) }, L(LVL_I) },				/* ROW_IMPACT */
	{ "technical", 2, { L(LVL_E), L(LVL_I) }, G },			/* ROW_TECHNICAL */
	{ "environment", 3, { V(GBT_EXPLOIT_COST), V(GBT_FIX_DIFFICULTY),
	  V(GBT_SCOPE) }, L(LVL_N) },					/* ROW_ENVIRONMENT */
	{ "comprehensive", 2, { G, L(LVL_N) }, G },			/* ROW_COMPREHENSIVE */
};

#undef V
#undef L
#undef G

struct gbt_tables {
	char		version[VERSION_MAX];
	char		sha256[SHA256_HEX + 1];
	int		nlevels[LVL__MAX];
	char		level[LVL__MAX][LEVELS_MAX][GBT_LEVEL_MAX];
	signed char	cell[ROW__MAX][CELLS_MAX];	/* a level or grade index */
};

struct parse {
	struct gbt_tables	*t;
	unsigned		 line;			/* the current line, from 1 */
	bool			 started;		/* the version statement was seen */
	bool			 declared[LVL__MAX];	/* its levels statement was seen */
	unsigned		 seen[ROW__MAX][CELLS_MAX];	/* line of each cell, 0: none */
	char			*err;
	size_t			 errsz;
};

static int	perr(struct parse *ps, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));

/* "line N: …" into err; returns -1. */
static int
perr(struct parse *ps, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	if (ps->err == NULL || ps->errsz == 0)
		return -1;
	n = snprintf(ps->err, ps->errsz, "line %u: ", ps->line);
	if (n >= 0 && (size_t)n < ps->errsz) {
		va_start(ap, fmt);
		vsnprintf(ps->err + n, ps->errsz - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* How many bytes of w to quote: at most SHOW_MAX, not splitting a character. */
static int
show_len(struct str w)
{
	size_t	n = w.n;

	if (n > SHOW_MAX) {
		n = SHOW_MAX;
		while (n > 0 && ((unsigned char)w.p[n] & 0xc0) == 0x80)
			n--;
	}
	return (int)n;
}

static int
slot_range(const struct gbt_tables *t, struct slot s)
{
	switch (s.kind) {
	case W_VALUE:
		return indicators[s.arg].n;
	case W_LEVEL:
		return t->nlevels[s.arg];
	default:
		return GBT__NGRADES;
	}
}

static const char *
slot_word(const struct gbt_tables *t, struct slot s, int v)
{
	switch (s.kind) {
	case W_VALUE:
		return indicators[s.arg].v[v].key;
	case W_LEVEL:
		return t->level[s.arg][v];
	default:
		return grades[v].key;
	}
}

static int
level_index(const struct gbt_tables *t, enum level_kind k, struct str w)
{
	int	i, found = -1;

	for (i = 0; i < t->nlevels[k] && found < 0; i++)
		if (str_eq(w, t->level[k][i]))
			found = i;
	return found;
}

static int
slot_parse(const struct gbt_tables *t, struct slot s, struct str w)
{
	switch (s.kind) {
	case W_VALUE:
		return value_parse(s.arg, w);
	case W_LEVEL:
		return level_index(t, s.arg, w);
	default:
		return term_parse(grades, GBT__NGRADES, w);
	}
}

static int
row_cells(const struct gbt_tables *t, enum row r)
{
	int	i, n = 1;

	for (i = 0; i < rows[r].nkeys; i++)
		n *= slot_range(t, rows[r].key[i]);
	return n;
}

/* The cell of keys k[] (each within its range), outermost key first. */
static int
cell_index(const struct gbt_tables *t, enum row r, const int *k)
{
	int	i, idx = 0;

	for (i = 0; i < rows[r].nkeys; i++)
		idx = idx * slot_range(t, rows[r].key[i]) + k[i];
	return idx;
}

/* The words naming cell idx of row r ("network low none none"). */
static void
cell_name(const struct gbt_tables *t, enum row r, int idx, char *buf, size_t size)
{
	const char	*w[4];
	int		 i, range;

	for (i = rows[r].nkeys - 1; i >= 0; i--) {
		range = slot_range(t, rows[r].key[i]);
		w[i] = slot_word(t, rows[r].key[i], idx % range);
		idx /= range;
	}
	buf[0] = '\0';
	for (i = 0; i < rows[r].nkeys; i++) {
		size_t	used = strlen(buf);

		snprintf(buf + used, size - used, "%s%s", i ? " " : "", w[i]);
	}
}

static int
st_version(struct parse *ps, const struct str *w, int n)
{
	if (ps->started)
		return perr(ps, "'version' given twice (it is the first statement)");
	if (n != 3 || !str_eq(w[1], "="))
		return perr(ps, "malformed version statement (expected 'version = <word>')");
	if (w[2].n >= VERSION_MAX)
		return perr(ps, "version longer than %d bytes", VERSION_MAX - 1);
	memcpy(ps->t->version, w[2].p, w[2].n);
	ps->t->version[w[2].n] = '\0';
	ps->started = true;
	return 0;
}

static bool
level_name_ok(struct str w)
{
	size_t	i;
	bool	ok = w.n > 0 && w.n < GBT_LEVEL_MAX;

	for (i = 0; ok && i < w.n; i++) {
		unsigned char c = (unsigned char)w.p[i];

		ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
	}
	return ok;
}

static int
st_levels(struct parse *ps, const struct str *w, int n)
{
	struct gbt_tables	*t = ps->t;
	int			 k, i;

	if (n < 4 || !str_eq(w[2], "="))
		return perr(ps, "malformed levels statement "
		    "(expected 'levels <kind> = <level> …')");
	k = str_index(level_kinds, LVL__MAX, w[1]);
	if (k < 0)
		return perr(ps, "unknown level kind '%.*s' (exploitability, impact or "
		    "environment)", show_len(w[1]), w[1].p);
	if (ps->declared[k])
		return perr(ps, "%s levels declared twice", level_kinds[k]);
	if (n - 3 > LEVELS_MAX)
		return perr(ps, "more than %d %s levels", LEVELS_MAX, level_kinds[k]);
	for (i = 3; i < n; i++) {
		if (!level_name_ok(w[i]))
			return perr(ps, "bad level name '%.*s' (1-%d of A-Z a-z 0-9 _ . -)",
			    show_len(w[i]), w[i].p, GBT_LEVEL_MAX - 1);
		if (level_index(t, k, w[i]) >= 0)
			return perr(ps, "%s level '%.*s' declared twice", level_kinds[k],
			    show_len(w[i]), w[i].p);
		memcpy(t->level[k][t->nlevels[k]], w[i].p, w[i].n);
		t->level[k][t->nlevels[k]][w[i].n] = '\0';
		t->nlevels[k]++;
	}
	ps->declared[k] = true;
	return 0;
}

static int
slot_unknown(struct parse *ps, struct slot s, struct str w)
{
	switch (s.kind) {
	case W_VALUE:
		return perr(ps, "unknown %s value '%.*s'", indicators[s.arg].name.key,
		    show_len(w), w.p);
	case W_LEVEL:
		return perr(ps, "unknown %s level '%.*s' (not declared)", level_kinds[s.arg],
		    show_len(w), w.p);
	default:
		return perr(ps, "unknown grade '%.*s' (critical, high, medium or low)",
		    show_len(w), w.p);
	}
}

static int
st_row(struct parse *ps, enum row r, const struct str *w, int n)
{
	const struct row_spec	*rs = &rows[r];
	struct gbt_tables	*t = ps->t;
	char			 name[4 * GBT_LEVEL_MAX];
	int			 k[4], i, v, idx;

	if (n != rs->nkeys + 3 || !str_eq(w[rs->nkeys + 1], "="))
		return perr(ps, "malformed %s row (expected %d words, '=' and one word)",
		    rs->name, rs->nkeys);
	for (i = 0; i <= rs->nkeys; i++) {
		struct slot s = i < rs->nkeys ? rs->key[i] : rs->value;

		if (s.kind == W_LEVEL && !ps->declared[s.arg])
			return perr(ps, "%s row before 'levels %s'", rs->name,
			    level_kinds[s.arg]);
	}
	for (i = 0; i < rs->nkeys; i++)
		if ((k[i] = slot_parse(t, rs->key[i], w[i + 1])) < 0)
			return slot_unknown(ps, rs->key[i], w[i + 1]);
	if ((v = slot_parse(t, rs->value, w[n - 1])) < 0)
		return slot_unknown(ps, rs->value, w[n - 1]);
	idx = cell_index(t, r, k);
	if (ps->seen[r][idx] != 0) {
		cell_name(t, r, idx, name, sizeof(name));
		return perr(ps, "duplicate %s row for %s (first at line %u)", rs->name,
		    name, ps->seen[r][idx]);
	}
	ps->seen[r][idx] = ps->line;
	t->cell[r][idx] = (signed char)v;
	return 0;
}

static int
statement(struct parse *ps, const struct str *w, int n)
{
	int	r;

	if (str_eq(w[0], "version"))
		return st_version(ps, w, n);
	if (!ps->started)
		return perr(ps, "the first statement must be 'version = <word>'");
	if (str_eq(w[0], "levels"))
		return st_levels(ps, w, n);
	for (r = 0; r < ROW__MAX; r++)
		if (str_eq(w[0], rows[r].name))
			return st_row(ps, r, w, n);
	return perr(ps, "unknown statement '%.*s'", show_len(w[0]), w[0].p);
}

/*
 * Split a line into words at spaces and tabs; '=' is a word of its own and
 * '#' starts a comment.
 */
static int
split_words(struct parse *ps, struct str line, struct str *w, int *nw)
{
	size_t	i = 0, start;
	int	n = 0;

	if (!utf8_valid(line.p, line.n))
		return perr(ps, "not UTF-8 text");
	while (i < line.n && line.p[i] != '#') {
		unsigned char c = (unsigned char)line.p[i];

		if (c == ' ' || c == '\t') {
			i++;
			continue;
		}
		if (c < 0x20 || c == 0x7f)
			return perr(ps, "control character 0x%02x", c);
		if (n == WORDS_MAX)
			return perr(ps, "more than %d words", WORDS_MAX);
		start = i++;
		if (c != '=')
			while (i < line.n && strchr(" \t=#", line.p[i]) == NULL &&
			    (unsigned char)line.p[i] >= 0x20 && line.p[i] != 0x7f)
				i++;
		w[n++] = (struct str){ line.p + start, i - start };
	}
	*nw = n;
	return 0;
}

/* After the last line: every declaration and every cell is there. */
static int
complete(struct parse *ps)
{
	char	name[4 * GBT_LEVEL_MAX];
	int	k, r, idx, n;

	if (!ps->started)
		return perr(ps, "end of input without 'version = <word>'");
	for (k = 0; k < LVL__MAX; k++)
		if (!ps->declared[k])
			return perr(ps, "end of input without 'levels %s'", level_kinds[k]);
	for (r = 0; r < ROW__MAX; r++) {
		n = row_cells(ps->t, r);
		for (idx = 0; idx < n; idx++) {
			if (ps->seen[r][idx] == 0) {
				cell_name(ps->t, r, idx, name, sizeof(name));
				return perr(ps, "end of input: no %s row for %s", rows[r].name,
				    name);
			}
		}
	}
	return 0;
}

struct gbt_tables *
gbt_tables_parse(const char *text, size_t len, const char *sha256, char *err, size_t errsz)
{
	struct parse		*ps;
	struct gbt_tables	*t = NULL;
	struct str		 rest = { text, len }, line, w[WORDS_MAX];
	int			 n = 0;

	ps = xcalloc(1, sizeof(*ps));
	ps->t = xcalloc(1, sizeof(*ps->t));
	ps->err = err;
	ps->errsz = errsz;
	if (err != NULL && errsz > 0)
		err[0] = '\0';
	while (rest.n > 0) {
		ps->line++;
		line = str_split(&rest, '\n');
		if (line.n > 0 && line.p[line.n - 1] == '\r')
			line.n--;
		if (split_words(ps, line, w, &n) != 0)
			goto out;
		if (n > 0 && statement(ps, w, n) != 0)
			goto out;
	}
	if (ps->line == 0)
		ps->line = 1;
	if (complete(ps) != 0)
		goto out;
	snprintf(ps->t->sha256, sizeof(ps->t->sha256), "%s", sha256 != NULL ? sha256 : "");
	t = ps->t;
	ps->t = NULL;
out:
	free(ps->t);
	free(ps);
	return t;
}

void
gbt_tables_free(struct gbt_tables *t)
{
	free(t);
}

static pthread_once_t		 builtin_once = PTHREAD_ONCE_INIT;
static struct gbt_tables	*builtin;

static void
builtin_load(void)
{
	const struct embed_file	*f = embed_find(grading_data, TABLES_FILE);
	char			 err[256] = "file missing";

	if (f != NULL)
		builtin = gbt_tables_parse((const char *)f->data, f->len, GBT_TABLES_SHA256,
		    err, sizeof(err));
	if (builtin == NULL) {
		/* A build defect, not input: the file is compiled in and tested. */
		log_err("event=grading_tables_bad file=%s error=\"%s\"", TABLES_FILE, err);
		abort();
	}
}

const struct gbt_tables *
gbt_tables_builtin(void)
{
	if (pthread_once(&builtin_once, builtin_load) != 0)
		abort();
	return builtin;
}

const char *
gbt_tables_version(const struct gbt_tables *t)
{
	return t->version;
}

const char *
gbt_tables_sha256(const struct gbt_tables *t)
{
	return t->sha256;
}

static _Atomic(const struct gbt_tables *)	current_tables;	/* NULL: the built-in */

void
gbt_tables_use(const struct gbt_tables *t)
{
	atomic_store_explicit(&current_tables, t, memory_order_release);
}

const struct gbt_tables *
gbt_tables_current(void)
{
	const struct gbt_tables	*t;

	t = atomic_load_explicit(&current_tables, memory_order_acquire);
	return t != NULL ? t : gbt_tables_builtin();
}

static bool
value_set(const struct gbt_indicators *in, int i)
{
	return in->v[i] >= 0 && in->v[i] < indicators[i].n;
}

int
gbt_grade(const struct gbt_tables *t, const struct gbt_indicators *in,
    struct gbt_result *out, enum gbt_indicator *missing)
{
	int	i, k[4], e, im, n, tech, rc = -1;

	memset(out, 0, sizeof(*out));
	if (t == NULL)
		t = gbt_tables_current();
	for (i = 0; i < GBT_NTECHNICAL; i++) {
		if (!value_set(in, i)) {
			if (missing != NULL)
				*missing = i;
			goto out;
		}
	}
	k[0] = in->v[GBT_ACCESS_PATH];
	k[1] = in->v[GBT_TRIGGER];
	k[2] = in->v[GBT_PRIVILEGE];
	k[3] = in->v[GBT_INTERACTION];
	e = t->cell[ROW_EXPLOITABILITY][cell_index(t, ROW_EXPLOITABILITY, k)];
	k[0] = in->v[GBT_CONFIDENTIALITY];
	k[1] = in->v[GBT_INTEGRITY];
	k[2] = in->v[GBT_AVAILABILITY];
	im = t->cell[ROW_IMPACT][cell_index(t, ROW_IMPACT, k)];
	k[0] = e;
	k[1] = im;
	tech = t->cell[ROW_TECHNICAL][cell_index(t, ROW_TECHNICAL, k)];
	memcpy(out->exploitability, t->level[LVL_E][e], GBT_LEVEL_MAX);
	memcpy(out->impact, t->level[LVL_I][im], GBT_LEVEL_MAX);
	out->technical = (enum gbt_grade)tech;
	out->comprehensive = out->technical;
	if (value_set(in, GBT_EXPLOIT_COST) && value_set(in, GBT_FIX_DIFFICULTY) &&
	    value_set(in, GBT_SCOPE)) {
		k[0] = in->v[GBT_EXPLOIT_COST];
		k[1] = in->v[GBT_FIX_DIFFICULTY];
		k[2] = in->v[GBT_SCOPE];
		n = t->cell[ROW_ENVIRONMENT][cell_index(t, ROW_ENVIRONMENT, k)];
		k[0] = tech;
		k[1] = n;
		out->comprehensive = (enum gbt_grade)
		    t->cell[ROW_COMPREHENSIVE][cell_index(t, ROW_COMPREHENSIVE, k)];
		memcpy(out->environment, t->level[LVL_N][n], GBT_LEVEL_MAX);
		out->has_comprehensive = true;
	}
	rc = 0;
out:
	return rc;
}

/* ---- categories ---- */

static pthread_once_t		 categories_once = PTHREAD_ONCE_INIT;
static struct gbt_category	*categories;	/* lives for the process */
static size_t			 ncategories;
static char			 categories_version[VERSION_MAX];

static bool
path_ok(struct str p, int *depth)
{
	size_t	i;
	bool	ok = p.n > 0 && p.p[0] != '.' && p.p[p.n - 1] != '.';

	*depth = 1;
	for (i = 0; ok && i < p.n; i++) {
		char c = p.p[i];

		if (c == '.') {
			ok = p.p[i - 1] != '.';
			(*depth)++;
		} else {
			ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
		}
	}
	return ok;
}

static const struct gbt_category *
category_find(struct str path)
{
	const struct gbt_category	*found = NULL;
	size_t				 i;

	for (i = 0; i < ncategories && found == NULL; i++)
		if (str_eq(path, categories[i].path))
			found = &categories[i];
	return found;
}

static bool
name_ok(struct str s)
{
	size_t	i;
	bool	ok = s.n > 0;

	for (i = 0; ok && i < s.n; i++)
		ok = (unsigned char)s.p[i] >= 0x20 && s.p[i] != 0x7f;
	return ok;
}

/* "CWE-89 CWE-564" into c (xcalloc'd); -1 on a malformed id. */
static int
cwe_list(struct str s, struct gbt_category *c)
{
	struct str	 rest = s, tok;
	int		*ids;
	int64_t		 id;
	size_t		 n = 0, max = s.n / 5 + 1;	/* "CWE-n" is 5 bytes at least */
	int		 rc = -1;

	ids = xcalloc(max, sizeof(*ids));
	while (rest.n > 0) {
		tok = str_trim(str_split(&rest, ' '));
		if (tok.n == 0)
			continue;
		if (!str_has_prefix(tok, "CWE-") ||
		    parse_i64(tok.p + 4, tok.n - 4, 1, CWE_ID_MAX, &id) != 0 || n == max)
			goto out;
		ids[n++] = (int)id;
	}
	c->cwe = ids;
	c->ncwe = n;
	ids = NULL;
	rc = 0;
out:
	free(ids);
	return rc;
}

/* One "path | zh | en | CWE-…" line into c; a sentence in err on failure. */
static int
category_line(struct str line, struct gbt_category *c, char *err, size_t errsz)
{
	struct str	 f[4], rest = line, parent;
	size_t		 i, bars = 0;
	int		 rc = -1;

	for (i = 0; i < line.n; i++)
		bars += line.p[i] == '|';
	if (bars != 3) {
		snprintf(err, errsz, "expected 'path | zh | en | CWE-…' (4 fields)");
		goto out;
	}
	for (i = 0; i < 4; i++)
		f[i] = str_trim(str_split(&rest, '|'));
	if (!path_ok(f[0], &c->depth)) {
		snprintf(err, errsz, "bad path '%.*s'", show_len(f[0]), f[0].p);
		goto out;
	}
	if (category_find(f[0]) != NULL) {
		snprintf(err, errsz, "path '%.*s' given twice", show_len(f[0]), f[0].p);
		goto out;
	}
	if (c->depth > 1) {
		parent = f[0];
		while (parent.p[parent.n - 1] != '.')
			parent.n--;
		parent.n--;
		if (category_find(parent) == NULL) {
			snprintf(err, errsz, "the parent of '%.*s' is not above it",
			    show_len(f[0]), f[0].p);
			goto out;
		}
	}
	if (!name_ok(f[1]) || !name_ok(f[2])) {
		snprintf(err, errsz, "empty or bad name");
		goto out;
	}
	if (cwe_list(f[3], c) != 0) {
		snprintf(err, errsz, "bad CWE list '%.*s'", show_len(f[3]), f[3].p);
		goto out;
	}
	c->path = xstrndup(f[0].p, f[0].n);
	c->zh = xstrndup(f[1].p, f[1].n);
	c->en = xstrndup(f[2].p, f[2].n);
	rc = 0;
out:
	return rc;
}

/*
 * The built-in tree: a bad file is a build defect (it is compiled in and
 * tested), so it aborts rather than serving without categories.
 */
static void
categories_load(void)
{
	const struct embed_file	*f = embed_find(grading_data, CATEGORIES_FILE);
	struct str		 rest, line, v;
	char			 err[200] = "file missing";
	unsigned		 lineno = 0;
	size_t			 i, max;
	bool			 ok = f != NULL && utf8_valid((const char *)f->data, f->len);

	if (f != NULL && !ok)
		snprintf(err, sizeof(err), "not UTF-8 text");
	if (ok) {
		rest = (struct str){ (const char *)f->data, f->len };
		max = 1;
		for (i = 0; i < f->len; i++)
			max += f->data[i] == '\n';
		categories = xcalloc(max, sizeof(*categories));
	}
	while (ok && rest.n > 0) {
		lineno++;
		line = str_split(&rest, '\n');
		if (line.n > 0 && line.p[line.n - 1] == '\r')
			line.n--;
		line = str_trim(line);
		if (line.n == 0 || line.p[0] == '#')
			continue;
		if (categories_version[0] == '\0') {
			/* "version = <word>" comes first */
			if (!str_has_prefix(line, "version")) {
				snprintf(err, sizeof(err), "expected 'version = <word>' first");
				ok = false;
				continue;
			}
			v = (struct str){ line.p + 7, line.n - 7 };
			v = str_trim(v);
			if (v.n < 2 || v.p[0] != '=' ||
			    (v = str_trim((struct str){ v.p + 1, v.n - 1 })).n == 0 ||
			    v.n >= VERSION_MAX || memchr(v.p, ' ', v.n) != NULL) {
				snprintf(err, sizeof(err), "malformed version statement");
				ok = false;
				continue;
			}
			memcpy(categories_version, v.p, v.n);
			categories_version[v.n] = '\0';
			continue;
		}
		ok = category_line(line, &categories[ncategories], err, sizeof(err)) == 0;
		if (ok)
			ncategories++;
	}
	if (ok && categories_version[0] == '\0') {
		snprintf(err, sizeof(err), "no 'version = <word>'");
		ok = false;
	}
	if (!ok) {
		log_err("event=grading_categories_bad file=%s line=%u error=\"%s\"",
		    CATEGORIES_FILE, lineno, err);
		abort();
	}
}

static void
categories_init(void)
{
	if (pthread_once(&categories_once, categories_load) != 0)
		abort();
}

const struct gbt_category *
gbt_categories(size_t *n)
{
	categories_init();
	*n = ncategories;
	return categories;
}

const char *
gbt_categories_version(void)
{
	categories_init();
	return categories_version;
}

const struct gbt_category *
gbt_category_find(const char *path)
{
	categories_init();
	return path != NULL ? category_find(str_from(path)) : NULL;
}

const struct gbt_category *
gbt_category_for_cwe(int cwe)
{
	const struct gbt_category	*best = NULL;
	size_t				 i, j;

	categories_init();
	for (i = 0; i < ncategories; i++)
		for (j = 0; j < categories[i].ncwe; j++)
			if (categories[i].cwe[j] == cwe &&
			    (best == NULL || categories[i].depth > best->depth))
				best = &categories[i];
	return best;
}
