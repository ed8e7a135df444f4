#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "core/utf8.h"
#include "domain/similar.h"

/*
 * Only the first TITLE_MAX_CP code points of a title are looked at
 * (separators and letters alike; invalid bytes are not code points).
 * Titles are at most 512 bytes in practice, so this rarely cuts anything,
 * and it bounds the stack buffers and the sort below whatever the caller
 * passes: do not raise it without looking at both.
 */
#define TITLE_MAX_CP	256

#define RUN_BREAK	0u	/* in a kept sequence: a separator (U+0000 is never kept) */

/* Code points >= 0x80 that separate words rather than spell them. */
static const struct {
	uint32_t	lo, hi;
} seps[] = {
	{ 0x0080, 0x00BF },	/* C1 controls, NBSP, Latin-1 punctuation and signs */
	{ 0x00D7, 0x00D7 },	/* multiplication sign */
	{ 0x00F7, 0x00F7 },	/* division sign */
	{ 0x2000, 0x206F },	/* general punctuation, Unicode spaces */
	{ 0x3000, 0x303F },	/* CJK symbols and punctuation, ideographic space */
	{ 0xFEFF, 0xFEFF },	/* zero-width no-break space (BOM) */
	{ 0xFF00, 0xFF0F },	/* fullwidth ！ to ／ */
	{ 0xFF1A, 0xFF20 },	/* fullwidth ： to ＠ */
	{ 0xFF3B, 0xFF40 },	/* fullwidth ［ to ｀ */
	{ 0xFF5B, 0xFF65 },	/* fullwidth ｛ to halfwidth ･ */
};

/* The code point of the well-formed sequence p[0..len). */
static uint32_t
decode(const unsigned char *p, size_t len)
{
	switch (len) {
	case 1:
		return p[0];
	case 2:
		return (uint32_t)(p[0] & 0x1F) << 6 | (p[1] & 0x3F);
	case 3:
		return (uint32_t)(p[0] & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 |
		    (p[2] & 0x3F);
	default:
		return (uint32_t)(p[0] & 0x07) << 18 | (uint32_t)(p[1] & 0x3F) << 12 |
		    (uint32_t)(p[2] & 0x3F) << 6 | (p[3] & 0x3F);
	}
}

/*
 * The folded form of c if it spells a word (ASCII letters and digits in
 * lower case, fullwidth ones as their ASCII equivalents, any other
 * non-separator from U+0080 up as itself), or RUN_BREAK.
 */
static uint32_t
fold(uint32_t c)
{
	size_t	i;

	if (c < 0x80) {
		if (c >= 'A' && c <= 'Z')
			return c - 'A' + 'a';
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			return c;
		return RUN_BREAK;
	}
	if (c >= 0xFF10 && c <= 0xFF19)
		return c - 0xFF10 + '0';
	if (c >= 0xFF21 && c <= 0xFF3A)
		return c - 0xFF21 + 'a';
	if (c >= 0xFF41 && c <= 0xFF5A)
		return c - 0xFF41 + 'a';
	for (i = 0; i < sizeof(seps) / sizeof(seps[0]); i++)
		if (c >= seps[i].lo && c <= seps[i].hi)
			return RUN_BREAK;
	return c;
}

/*
 * The kept code points of s into kept[], runs separated by one RUN_BREAK,
 * with none at either end; returns how many entries.  Invalid bytes are
 * skipped without breaking a run.
 */
static size_t
keep(const char *s, uint32_t kept[TITLE_MAX_CP])
{
	size_t		 i, len, n = 0, ncp = 0, slen = s ? strlen(s) : 0;
	uint32_t	 c;

	for (i = 0; i < slen && ncp < TITLE_MAX_CP; i += len) {
		if ((len = utf8_valid_prefix(s + i, slen - i)) == 0) {
			len = 1;
			continue;
		}
		ncp++;
		c = fold(decode((const unsigned char *)s + i, len));
		if (c == RUN_BREAK && (n == 0 || kept[n - 1] == RUN_BREAK))
			continue;
		kept[n++] = c;
	}
	if (n > 0 && kept[n - 1] == RUN_BREAK)
		n--;
	return n;
}

/* The bigrams of kept[0..n), one (first << 32 | second) each, unsorted. */
static size_t
bigrams(const uint32_t *kept, size_t n, uint64_t out[TITLE_MAX_CP])
{
	size_t	i, nb = 0;

	for (i = 0; i + 1 < n; i++)
		if (kept[i] != RUN_BREAK && kept[i + 1] != RUN_BREAK)
			out[nb++] = (uint64_t)kept[i] << 32 | kept[i + 1];
	return nb;
}

static int
cmp_u64(const void *x, const void *y)
{
	uint64_t	a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return (a > b) - (a < b);
}

/*
 * Bigrams are taken only inside runs of kept characters: "buffer overflow"
 * gives "bu" … "er" and "ov" … "ow" but no "ro", so word order and
 * punctuation matter less.  Chinese titles rarely have separators and
 * compare as one run.
 */
int
similar_title_pct(const char *x, const char *y)
{
	uint32_t	 kx[TITLE_MAX_CP], ky[TITLE_MAX_CP];
	uint64_t	 bx[TITLE_MAX_CP], by[TITLE_MAX_CP];
	size_t		 nkx, nky, nbx, nby, i, j, common;

	nkx = keep(x, kx);
	nky = keep(y, ky);
	nbx = bigrams(kx, nkx, bx);
	nby = bigrams(ky, nky, by);
	if (nbx == 0 || nby == 0) {
		/* Nothing to compare but single characters ("a" vs "a", "a b" vs "a b"). */
		return (nkx > 0 && nkx == nky &&
		    memcmp(kx, ky, nkx * sizeof(kx[0])) == 0) ? 100 : 0;
	}
	qsort(bx, nbx, sizeof(bx[0]), cmp_u64);
	qsort(by, nby, sizeof(by[0]), cmp_u64);
	for (i = 0, j = 0, common = 0; i < nbx && j < nby;) {
		if (bx[i] < by[j])
			i++;
		else if (bx[i] > by[j])
			j++;
		else {
			common++;
			i++;
			j++;
		}
	}
	return (int)(200 * common / (nbx + nby));
}

/* Trimmed, NULL as empty. */
static struct str
field(const char *s)
{
	return str_trim(str_from(s));
}

static char
lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static bool
caseeq(struct str a, struct str b)
{
	size_t	i;

	if (a.n != b.n)
		return false;
	for (i = 0; i < a.n; i++)
		if (lower(a.p[i]) != lower(b.p[i]))
			return false;
	return true;
}

/* True if needle (non-empty) occurs in hay, ASCII case-insensitively. */
static bool
casecontains(struct str hay, struct str needle)
{
	size_t	i;

	if (needle.n == 0 || needle.n > hay.n)
		return false;
	for (i = 0; i + needle.n <= hay.n; i++)
		if (caseeq((struct str){ hay.p + i, needle.n }, needle))
			return true;
	return false;
}

/*
 * An empty vendor is unknown: a known vendor on one side and an unknown
 * one on the other is not taken as the same product, since "router X" of
 * an unnamed vendor may well be another vendor's.
 */
static bool
same_product(const struct similar_doc *a, const struct similar_doc *b)
{
	struct str	va = field(a->vendor), vb = field(b->vendor);
	struct str	pa = field(a->product), pb = field(b->product);

	if (pa.n == 0 || !caseeq(pa, pb))
		return false;
	return caseeq(va, vb);
}

/* Unknown (empty) versions are not the same versions. */
static bool
same_versions(const struct similar_doc *a, const struct similar_doc *b)
{
	struct str	xa = field(a->versions), xb = field(b->versions);

	if (xa.n == 0 || xb.n == 0)
		return false;
	return caseeq(xa, xb) || casecontains(xa, xb) || casecontains(xb, xa);
}

/* The first of b's ids (in b's order) that a also has, or NULL. */
static const char *
shared_id(const struct similar_doc *a, const struct similar_doc *b)
{
	size_t	i, j;

	if (a->ids == NULL || b->ids == NULL)
		return NULL;
	for (i = 0; i < b->nids; i++) {
		if (b->ids[i] == NULL || b->ids[i][0] == '\0')
			continue;
		for (j = 0; j < a->nids; j++)
			if (a->ids[j] != NULL &&
			    str_caseeq(str_from(a->ids[j]), b->ids[i]))
				return b->ids[i];
	}
	return NULL;
}

void
similar_compare(const struct similar_doc *a, const struct similar_doc *b,
    struct similar_score *out)
{
	const char	*id;
	int		 score = 0;

	memset(out, 0, sizeof(*out));
	/* Reasons are added in the enum's order. */
	if (same_product(a, b)) {
		score += 30;
		out->reasons[out->nreasons++] = SIM_SAME_PRODUCT;
		if (same_versions(a, b)) {
			score += 10;
			out->reasons[out->nreasons++] = SIM_SAME_VERSIONS;
		}
	}
	if ((id = shared_id(a, b)) != NULL) {
		score += 60;
		out->reasons[out->nreasons++] = SIM_SHARED_ID;
		out->shared_id = id;
	}
	out->title_pct = similar_title_pct(a->title, b->title);
	if (out->title_pct >= SIMILAR_TITLE_MIN) {
		score += out->title_pct * 40 / 100;
		out->reasons[out->nreasons++] = SIM_SIMILAR_TITLE;
	}
	out->score = score > 100 ? 100 : score;
}

const char *
similar_reason_name(enum similar_reason r)
{
	static const char *const names[SIM__MAX] = {
		"same_product",		/* SIM_SAME_PRODUCT */
		"same_versions",	/* SIM_SAME_VERSIONS */
		"shared_id",		/* SIM_SHARED_ID */
		"similar_title",	/* SIM_SIMILAR_TITLE */
	};

	return (unsigned)r < SIM__MAX ? names[r] : "?";
}
