#ifndef LOUDONG_DOMAIN_GRADE_H
#define LOUDONG_DOMAIN_GRADE_H

/*
 * GB/T 30279-2020 《网络安全漏洞分类分级指南》: the category tree (分类,
 * R27) and the grades (分级, R28-R29).
 *
 * Grading is table-driven, never a formula (R28):
 *   exploitability[access_path][trigger][privilege][interaction] -> E level  (附录A)
 *   impact[C][I][A]                                              -> I level  (附录B)
 *   technical[E level][I level]                                  -> grade    (附录D)
 *   environment[exploit_cost][fix_difficulty][scope]             -> N level  (附录C)
 *   comprehensive[technical grade][N level]                      -> grade    (附录E)
 * The tables come from a text file (data/grading/gbt30279-2020.tables is
 * built in; an installation can load the official tables from its own
 * file).  The built-in tables are derived from the CVSS v3.1 equivalence of
 * the indicators with the CNNVD score bands, as REGULATIONS.md §2.2 says,
 * because the standard's 附录A-E are not publicly reproduced.
 *
 * The category tree is data too (data/grading/gbt30279-2020.categories),
 * versioned, with zh-CN and en names and CWE ids.
 *
 * Pure: parsing works on bytes the caller read; no I/O.
 */
#include <stdbool.h>
#include <stddef.h>

#include "i18n/i18n.h"

/* The indicators, each an enum of its values in the standard's order. */
enum gbt_indicator {
	GBT_ACCESS_PATH,	/* 访问路径: network 网络 / adjacent 邻接 / local 本地 / physical 物理 */
	GBT_TRIGGER,		/* 触发要求: low 低 / high 高 */
	GBT_PRIVILEGE,		/* 权限需求: none 无 / low 低 / high 高 */
	GBT_INTERACTION,	/* 交互条件: none 不需要 / required 需要 */
	GBT_CONFIDENTIALITY,	/* 保密性影响: severe 严重 / general 一般 / none 无 */
	GBT_INTEGRITY,		/* 完整性影响: severe / general / none */
	GBT_AVAILABILITY,	/* 可用性影响: severe / general / none */
	GBT_EXPLOIT_COST,	/* 被利用成本: low 低 / medium 中 / high 高 */
	GBT_FIX_DIFFICULTY,	/* 修复难度: high 高 / medium 中 / low 低 */
	GBT_SCOPE,		/* 影响范围 (env_impact_scope): high 高 / medium 中 / low 低 / none 无 */
	GBT__NINDICATORS
};
#define GBT_NTECHNICAL	7	/* the first seven: 被利用性 and 影响程度 */

/* The grades, most severe first. */
enum gbt_grade {
	GBT_GRADE_CRITICAL,	/* 超危 */
	GBT_GRADE_HIGH,		/* 高危 */
	GBT_GRADE_MEDIUM,	/* 中危 */
	GBT_GRADE_LOW,		/* 低危 */
	GBT__NGRADES
};

/* Indicator values: v[i] is the value index of indicator i, or -1 if unset. */
struct gbt_indicators {
	int	v[GBT__NINDICATORS];
};

#define GBT_LEVEL_MAX	16	/* a level's name in the tables, with the NUL */

struct gbt_result {
	char		exploitability[GBT_LEVEL_MAX];	/* E level, as the tables name it */
	char		impact[GBT_LEVEL_MAX];		/* I level */
	enum gbt_grade	technical;			/* 技术分级 */
	bool		has_comprehensive;		/* all three environmental factors set */
	char		environment[GBT_LEVEL_MAX];	/* N level */
	enum gbt_grade	comprehensive;			/* 综合分级 */
};

struct gbt_tables;

/*
 * Parse tables from text (the file format is documented at the top of
 * data/grading/gbt30279-2020.tables).  Every cell of every table must be
 * present exactly once and name a declared level or grade.  sha256 is the
 * hex SHA-256 of the bytes, computed by the caller, kept so that every
 * grade records exactly which tables gave it (R29).  NULL with a sentence
 * naming the line in err on failure.  Free with gbt_tables_free().
 */
struct gbt_tables *gbt_tables_parse(const char *text, size_t len, const char *sha256,
		    char *err, size_t errsz);
void		 gbt_tables_free(struct gbt_tables *t);	/* accepts NULL */
/* The built-in tables (parsed once; never NULL: a bad built-in file aborts). */
const struct gbt_tables *gbt_tables_builtin(void);
/* The tables' declared version, e.g. "gbt30279-2020/cvss31-equivalence-1". */
const char	*gbt_tables_version(const struct gbt_tables *t);
/* The SHA-256 given to gbt_tables_parse (the built-in one's is computed at build time or "" ). */
const char	*gbt_tables_sha256(const struct gbt_tables *t);

/*
 * The process's tables: what the server set at start ([grading]
 * tables_file), else the built-in ones.  gbt_tables_use(NULL) goes back to
 * the built-in ones.  Set before serving.
 */
void		 gbt_tables_use(const struct gbt_tables *t);
const struct gbt_tables *gbt_tables_current(void);

/*
 * Grade.  The seven technical indicators must be set; the comprehensive
 * grade is computed only when all three environmental ones are, else
 * has_comprehensive is false.  0, or -1 when a technical indicator is
 * unset or out of range (*missing then names the first such indicator).
 */
int		 gbt_grade(const struct gbt_tables *t, const struct gbt_indicators *in,
		    struct gbt_result *out, enum gbt_indicator *missing);

/* Clear all indicators (every v[i] = -1). */
void		 gbt_indicators_clear(struct gbt_indicators *in);

/*
 * Indicator value from text: the English term ("network", "severe", …)
 * or the Chinese one ("网络", "严重", "不需要", …), case-insensitive for
 * English.  -1 if it is not one of this indicator's values.  Where a
 * Chinese term is shared (低, 高, 无, 中) it is read as this indicator's
 * value of that name.
 */
int		 gbt_value_parse(enum gbt_indicator i, const char *text);
/* How many values indicator i has. */
int		 gbt_value_count(enum gbt_indicator i);
/* The English term of a value ("network"); NULL if out of range. */
const char	*gbt_value_key(enum gbt_indicator i, int v);
/* The value's name in lang ("网络" / "Network"); NULL if out of range. */
const char	*gbt_value_name(enum gbt_indicator i, int v, enum lang lang);
/* The indicator's key ("access_path", "trigger", "privilege", "interaction",
 * "confidentiality", "integrity", "availability", "exploit_cost",
 * "fix_difficulty", "scope") and its name in lang ("访问路径"). */
const char	*gbt_indicator_key(enum gbt_indicator i);
const char	*gbt_indicator_name(enum gbt_indicator i, enum lang lang);
/* -1 if key is not an indicator key. */
int		 gbt_indicator_parse(const char *key);

/* "critical", "high", "medium", "low" and the names "超危"/"Critical", …. */
const char	*gbt_grade_key(enum gbt_grade g);
const char	*gbt_grade_name(enum gbt_grade g, enum lang lang);
/* -1 if not a grade key (English) or name (Chinese). */
int		 gbt_grade_parse(const char *text);

/* The category tree (R27). */
struct gbt_category {
	const char	*path;		/* "code.input_validation.injection.sql" */
	const char	*zh;		/* "SQL注入" */
	const char	*en;		/* "SQL injection" */
	const int	*cwe;		/* CWE ids mapped to it (may be none) */
	size_t		 ncwe;
	int		 depth;		/* 1 for the four top-level categories */
};

/* The built-in tree in the file's order (parents before children). */
const struct gbt_category *gbt_categories(size_t *n);
/* The tree's version, e.g. "gbt30279-2020/1". */
const char	*gbt_categories_version(void);
/* NULL if path is not in the tree. */
const struct gbt_category *gbt_category_find(const char *path);
/* The most specific category that lists cwe, or NULL. */
const struct gbt_category *gbt_category_for_cwe(int cwe);

#endif
