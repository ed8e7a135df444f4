/*
 * `loudong import cwe FILE`: load MITRE's CWE list (the cwec_vX.Y.xml of
 * https://cwe.mitre.org/data/downloads.html) into the cwe table, replacing
 * what was there.
 *
 * Only <Weakness> entries are loaded.  <Category> and <View> entries group
 * weaknesses; they are not weaknesses, and MITRE's mapping guidance marks
 * categories "Prohibited" for mapping a vulnerability to its root cause,
 * which is all the list is for here (an assessment's cwe_id).
 *
 * The file is streamed through expat in chunks and checked completely
 * before the database is touched; the list is then replaced in one
 * transaction, so a bad file or a failed write leaves the old list.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <expat.h>

#include "app/app.h"
#include "app/app_int.h"
#include "core/arena.h"
#include "core/config.h"
#include "core/parse.h"
#include "store/store.h"

#define CWE_CHUNK	(64 * 1024)	/* bytes handed to expat at a time */
#define CWE_FILE_MAX	(256 * 1024 * 1024)	/* 4.15 is 15 MB; room to grow, no more */
#define CWE_ENTRIES_MAX	100000		/* 4.15 has 964 weaknesses */
#define CWE_ID_MAX	10000000	/* ids are 1..1e7 (4.15's largest: 1426) */
#define CWE_NAME_MAX	512		/* bytes; 4.15's longest name has 121 */
#define CWE_WORD_MAX	32		/* Version, Abstraction and Status values */

struct cwe_item {
	struct cwe_entry	 e;
	unsigned long long	 line;	/* for the duplicate message */
};

struct cwe_parse {
	XML_Parser		 p;
	struct arena		*a;
	const char		*version;	/* the root's Version */
	struct cwe_item		*items;		/* malloc'd; strings in a */
	size_t			 n, cap;
	int			 depth;		/* of the element being opened */
	int			 in_weaknesses;	/* inside <Weaknesses> (a child of the root) */
	char			 err[300];	/* why the parser was stopped */
};

static void stop(struct cwe_parse *cp, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Record the first problem (with its line) and stop parsing. */
static void
stop(struct cwe_parse *cp, const char *fmt, ...)
{
	va_list		ap;
	size_t		len;

	if (cp->err[0] != '\0')
		return;
	va_start(ap, fmt);
	vsnprintf(cp->err, sizeof(cp->err), fmt, ap);
	va_end(ap);
	len = strlen(cp->err);
	snprintf(cp->err + len, sizeof(cp->err) - len, " (line %llu)",
	    (unsigned long long)XML_GetCurrentLineNumber(cp->p));
	XML_StopParser(cp->p, XML_FALSE);
}

static const char *
attr(const XML_Char **atts, const char *name)
{
	for (; atts[0] != NULL; atts += 2)
		if (strcmp(atts[0], name) == 0)
			return atts[1];
	return NULL;
}

/* A short word: ASCII letters, digits, '.', '-' and '_', 1..CWE_WORD_MAX-1 bytes. */
static bool
word_ok(const char *s)
{
	size_t	n = strlen(s), i;

	if (n == 0 || n >= CWE_WORD_MAX)
		return false;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '.' || s[i] == '-' || s[i] == '_'))
			return false;
	return true;
}

/* expat hands over well-formed UTF-8; refuse what would not show. */
static bool
name_ok(const char *s, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return false;
	return n > 0;
}

static void
take_weakness(struct cwe_parse *cp, const XML_Char **atts)
{
	const char	*id = attr(atts, "ID"), *name = attr(atts, "Name");
	const char	*abs = attr(atts, "Abstraction"), *status = attr(atts, "Status");
	struct cwe_item	*it;
	int64_t		 v;
	size_t		 nlen;

	if (id == NULL || parse_i64(id, strlen(id), 1, CWE_ID_MAX, &v) != 0) {
		stop(cp, "a <Weakness> has no ID from 1 to %d", CWE_ID_MAX);
		return;
	}
	if (name == NULL || (nlen = strlen(name)) == 0) {
		stop(cp, "CWE-%lld has no Name", (long long)v);
		return;
	}
	if (nlen > CWE_NAME_MAX) {
		stop(cp, "the name of CWE-%lld is over %d bytes", (long long)v, CWE_NAME_MAX);
		return;
	}
	if (!name_ok(name, nlen)) {
		stop(cp, "the name of CWE-%lld has control characters", (long long)v);
		return;
	}
	if ((abs != NULL && !word_ok(abs)) || (status != NULL && !word_ok(status))) {
		stop(cp, "CWE-%lld has an Abstraction or Status that is not a short word",
		    (long long)v);
		return;
	}
	if (cp->n == CWE_ENTRIES_MAX) {
		stop(cp, "more than %d weaknesses", CWE_ENTRIES_MAX);
		return;
	}
	if (cp->n == cp->cap) {
		cp->cap = cp->cap ? 2 * cp->cap : 1024;
		it = realloc(cp->items, cp->cap * sizeof(*cp->items));
		if (it == NULL) {
			stop(cp, "out of memory");
			return;
		}
		cp->items = it;
	}
	it = &cp->items[cp->n++];
	it->e.id = v;
	it->e.name = arena_strndup(cp->a, name, nlen);
	it->e.abstraction = abs ? arena_strdup(cp->a, abs) : "";
	it->e.status = status ? arena_strdup(cp->a, status) : "";
	it->e.version = NULL;	/* set once the whole file is read */
	it->line = (unsigned long long)XML_GetCurrentLineNumber(cp->p);
}

static void XMLCALL
on_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
	struct cwe_parse	*cp = ud;
	const char		*v;

	if (cp->depth == 0) {
		if (strcmp(el, "Weakness_Catalog") != 0)
			stop(cp, "not a CWE catalogue: the root element is <%.40s>, "
			    "not <Weakness_Catalog>", el);
		else if ((v = attr(atts, "Version")) == NULL || !word_ok(v))
			stop(cp, "<Weakness_Catalog> has no Version");
		else
			cp->version = arena_strdup(cp->a, v);
	} else if (cp->depth == 1 && strcmp(el, "Weaknesses") == 0)
		cp->in_weaknesses = 1;
	else if (cp->depth == 2 && cp->in_weaknesses && strcmp(el, "Weakness") == 0)
		take_weakness(cp, atts);
	cp->depth++;
}

static void XMLCALL
on_end(void *ud, const XML_Char *el)
{
	struct cwe_parse	*cp = ud;

	(void)el;
	if (--cp->depth == 1)
		cp->in_weaknesses = 0;
}

/*
 * The catalogue has no DOCTYPE.  Refusing one rules out entity expansion
 * ("billion laughs") and external entities altogether.
 */
static void XMLCALL
on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
    const XML_Char *pubid, int has_internal_subset)
{
	(void)name;
	(void)sysid;
	(void)pubid;
	(void)has_internal_subset;
	stop(ud, "a DOCTYPE is not allowed in the CWE catalogue");
}

static int
cmp_item(const void *x, const void *y)
{
	const struct cwe_item	*a = x, *b = y;

	return (a->e.id > b->e.id) - (a->e.id < b->e.id);
}

/* Read and check the whole file.  0, or -1 with the problem in err. */
static int
parse_file(const char *path, struct cwe_parse *cp, char *err, size_t errsz)
{
	FILE		*fp = NULL;
	void		*buf;
	size_t		 got, total = 0, i;
	int		 rc = -1, last = 0;

	if ((cp->p = XML_ParserCreate(NULL)) == NULL) {
		snprintf(err, errsz, "out of memory");
		goto out;
	}
	XML_SetUserData(cp->p, cp);
	XML_SetElementHandler(cp->p, on_start, on_end);
	XML_SetStartDoctypeDeclHandler(cp->p, on_doctype);
	if ((fp = fopen(path, "rb")) == NULL) {
		snprintf(err, errsz, "cannot open '%s': %s", path, strerror(errno));
		goto out;
	}
	while (!last) {
		if ((buf = XML_GetBuffer(cp->p, CWE_CHUNK)) == NULL) {
			snprintf(err, errsz, "out of memory");
			goto out;
		}
		got = fread(buf, 1, CWE_CHUNK, fp);
		if (ferror(fp)) {
			snprintf(err, errsz, "cannot read '%s'", path);
			goto out;
		}
		last = got < CWE_CHUNK;
		if ((total += got) > CWE_FILE_MAX) {
			snprintf(err, errsz, "'%s' is over %d MiB", path, CWE_FILE_MAX >> 20);
			goto out;
		}
		if (XML_ParseBuffer(cp->p, (int)got, last) != XML_STATUS_OK) {
			if (cp->err[0] != '\0')
				snprintf(err, errsz, "'%s': %s", path, cp->err);
			else
				snprintf(err, errsz, "'%s' is not well-formed XML: %s "
				    "(line %llu, column %llu)", path,
				    XML_ErrorString(XML_GetErrorCode(cp->p)),
				    (unsigned long long)XML_GetCurrentLineNumber(cp->p),
				    (unsigned long long)XML_GetCurrentColumnNumber(cp->p));
			goto out;
		}
	}
	if (cp->n == 0) {
		snprintf(err, errsz, "'%s' has no <Weakness> entries", path);
		goto out;
	}
	qsort(cp->items, cp->n, sizeof(*cp->items), cmp_item);
	for (i = 0; i < cp->n; i++) {
		if (i > 0 && cp->items[i].e.id == cp->items[i - 1].e.id) {
			snprintf(err, errsz, "'%s': CWE-%lld appears twice (lines %llu and "
			    "%llu)", path, (long long)cp->items[i].e.id,
			    cp->items[i - 1].line < cp->items[i].line ?
			    cp->items[i - 1].line : cp->items[i].line,
			    cp->items[i - 1].line < cp->items[i].line ?
			    cp->items[i].line : cp->items[i - 1].line);
			goto out;
		}
		cp->items[i].e.version = cp->version;
	}
	rc = 0;
out:
	if (fp != NULL)
		fclose(fp);
	if (cp->p != NULL)
		XML_ParserFree(cp->p);
	cp->p = NULL;
	return rc;
}

/* Replace the list in one transaction.  0 or -1. */
static int
replace_list(struct store *st, const struct cwe_parse *cp)
{
	char	detail[96];
	size_t	i;

	if (store_begin(st) != APP_OK)
		return -1;
	if (store_cwe_clear(st) != APP_OK)
		goto fail;
	for (i = 0; i < cp->n; i++)
		if (store_cwe_put(st, &cp->items[i].e) != APP_OK)
			goto fail;
	snprintf(detail, sizeof(detail), "CWE %s, %zu weaknesses", cp->version, cp->n);
	if (store_audit_add(st, 0, "cwe.import", "cwe", detail, "",
	    (int64_t)time(NULL)) != APP_OK || store_commit(st) != APP_OK)
		goto fail;
	return 0;
fail:
	store_rollback(st);
	return -1;
}

int
app_import_cwe(const char *data_dir, const char *path)
{
	struct cwe_parse	 cp;
	struct config		 cfg;
	struct store		*st = NULL;
	char			 err[512];
	int			 rc = 1;

	memset(&cp, 0, sizeof(cp));
	cp.a = arena_new();
	if (app_load_config(data_dir, true, &cfg) != 0)
		goto out;
	if (parse_file(path, &cp, err, sizeof(err)) != 0) {
		fprintf(stderr, "loudong: %s; the CWE list is unchanged\n", err);
		goto out;
	}
	if ((st = app_open_store(&cfg)) == NULL)
		goto out;
	if (replace_list(st, &cp) != 0) {
		fprintf(stderr, "loudong: cannot store the CWE list; it is unchanged\n");
		goto out;
	}
	printf("loaded %zu %s from CWE %s\n", cp.n, cp.n == 1 ? "weakness" : "weaknesses",
	    cp.version);
	rc = 0;
out:
	store_close(st);
	free(cp.items);
	arena_free(cp.a);
	return rc;
}
