#include <string.h>

#include "core/parse.h"
#include "i18n/i18n.h"

struct msg_entry {
	const char	*name;		/* MSG_... */
	const char	*text[LANG__MAX];	/* per language */
};

static const struct msg_entry catalog[MSG__MAX] = {
#define MSG(id, en, zh)	[id] = { #id, { [LANG_ZH] = zh, [LANG_EN] = en } },
#include "i18n/messages.def"
#undef MSG
};

const char *
msg(enum lang lang, enum msg_id id)
{
	if ((unsigned)id >= MSG__MAX)
		return "?";
	if ((unsigned)lang >= LANG__MAX)
		lang = LANG_ZH;
	return catalog[id].text[lang];
}

const char *
msg_name(enum msg_id id)
{
	return (unsigned)id < MSG__MAX ? catalog[id].name : "?";
}

const char *
lang_tag(enum lang lang)
{
	return lang == LANG_EN ? "en" : "zh-CN";
}

int
lang_parse(struct str s)
{
	struct str	primary = s;
	struct str	rest = s;

	primary = str_split(&rest, '-');
	if (str_caseeq(primary, "zh"))
		return LANG_ZH;
	if (str_caseeq(primary, "en"))
		return LANG_EN;
	return -1;
}

/* q-value "0", "0.5", "1", "1.000" -> thousandths; -1 if malformed. */
static int
parse_q(struct str v)
{
	int64_t	ip, frac = 0;
	size_t	i, digits;

	if (v.n == 0 || (v.p[0] != '0' && v.p[0] != '1'))
		return -1;
	if (parse_i64(v.p, 1, 0, 1, &ip) != 0)
		return -1;
	if (v.n == 1)
		return (int)ip * 1000;
	if (v.p[1] != '.' || v.n > 5)
		return -1;
	for (i = 2, digits = 0; i < v.n; i++, digits++) {
		if (v.p[i] < '0' || v.p[i] > '9')
			return -1;
		frac = frac * 10 + (v.p[i] - '0');
	}
	for (; digits < 3; digits++)
		frac *= 10;
	if (ip == 1 && frac != 0)
		return -1;
	return (int)(ip * 1000 + frac);
}

enum lang
lang_negotiate(struct str header)
{
	struct str	rest = header, item, tag, param;
	int		best = -1, bestq = 0, l, q;

	while (rest.n > 0) {
		item = str_split(&rest, ',');
		tag = str_trim(str_split(&item, ';'));
		q = 1000;
		while (item.n > 0) {
			param = str_trim(str_split(&item, ';'));
			if (param.n >= 2 && (param.p[0] == 'q' || param.p[0] == 'Q') &&
			    param.p[1] == '=') {
				param.p += 2;
				param.n -= 2;
				q = parse_q(param);
			}
		}
		if (q <= 0 || (l = lang_parse(tag)) < 0)
			continue;
		if (q > bestq) {
			best = l;
			bestq = q;
		}
	}
	return best < 0 ? LANG_ZH : (enum lang)best;
}
