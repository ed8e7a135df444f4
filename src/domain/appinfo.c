/*
 * The app fields of reports, 报送 and products (domain/appinfo.h).  Pure:
 * no I/O.
 */
#include <string.h>

#include "core/str.h"
#include "core/utf8.h"
#include "domain/advisory.h"
#include "domain/appinfo.h"

const struct app_field_def app_fields[AF__MAX] = {
	[AF_NAME] = { "app_name", APP_NAME_MAX, MSG_APP_F_NAME },
	[AF_PACKAGE] = { "app_package", APP_PACKAGE_MAX, MSG_APP_F_PACKAGE },
	[AF_VERSION] = { "app_version", APP_VERSION_MAX, MSG_APP_F_VERSION },
	[AF_PLATFORM] = { "app_platform", 32, MSG_APP_F_PLATFORM },
	[AF_STORE] = { "app_store", APP_STORE_MAX, MSG_APP_F_STORE },
	[AF_DEVELOPER] = { "app_developer", APP_DEVELOPER_MAX, MSG_APP_F_DEVELOPER },
};

/* The names the database's CHECK constraint allows (0017_app_fields.sql). */
static const char *const platform_names[APLAT__MAX] = {
	"", "android", "ios", "harmonyos", "miniprogram", "official_account", "quickapp",
};

static const enum msg_id platform_labels[APLAT__MAX] = {
	MSG_OK, MSG_APP_PLATFORM_ANDROID, MSG_APP_PLATFORM_IOS, MSG_APP_PLATFORM_HARMONYOS,
	MSG_APP_PLATFORM_MINIPROGRAM, MSG_APP_PLATFORM_OFFICIAL_ACCOUNT,
	MSG_APP_PLATFORM_QUICKAPP,
};

/* Data of the machine formats, not page text: the documents' own words. */
static const char *const platform_en[APLAT__MAX] = {
	"", "Android", "iOS", "HarmonyOS", "Mini Program", "Official Account", "Quick App",
};
static const char *const platform_zh[APLAT__MAX] = {
	"", "Android", "iOS", "HarmonyOS", "小程序", "公众号", "快应用",
};

const char *
app_platform_en(enum app_platform p)
{
	return (unsigned)p < APLAT__MAX ? platform_en[p] : "";
}

const char *
app_platform_zh(enum app_platform p)
{
	return (unsigned)p < APLAT__MAX ? platform_zh[p] : "";
}

int
app_field_parse(struct str key)
{
	int	i;

	for (i = 0; i < AF__MAX; i++)
		if (str_eq(key, app_fields[i].key))
			return i;
	return -1;
}

const char *
app_platform_name(enum app_platform p)
{
	return (unsigned)p < APLAT__MAX ? platform_names[p] : "";
}

int
app_platform_parse(struct str s)
{
	return str_index(platform_names, APLAT__MAX, s);
}

enum msg_id
app_platform_label(enum app_platform p)
{
	return (unsigned)p < APLAT__MAX ? platform_labels[p] : MSG_OK;
}

const char *
appinfo_get(const struct appinfo *a, enum app_field f)
{
	if (a == NULL || (unsigned)f >= AF__MAX || a->v[f] == NULL)
		return "";
	return a->v[f];
}

enum app_platform
appinfo_platform(const struct appinfo *a)
{
	int	p = app_platform_parse(str_from(appinfo_get(a, AF_PLATFORM)));

	return p < 0 ? APLAT_NONE : (enum app_platform)p;
}

bool
appinfo_empty(const struct appinfo *a)
{
	int	i;

	for (i = 0; i < AF__MAX; i++)
		if (str_trim(str_from(appinfo_get(a, (enum app_field)i))).n > 0)
			return false;
	return true;
}

/* A reverse-DNS part: letters, digits, '_' and '-'. */
static bool
dns_part(struct str t)
{
	size_t	i;

	if (t.n == 0)
		return false;
	for (i = 0; i < t.n; i++) {
		char	ch = t.p[i];

		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || ch == '_' || ch == '-'))
			return false;
	}
	return true;
}

enum msg_id
app_package_check(enum app_platform p, struct str s)
{
	struct str	rest = s, t;
	size_t		parts = 0;

	if (s.n == 0)
		return MSG_OK;
	if (s.n > APP_PACKAGE_MAX)
		return MSG_ERR_FIELD_TOO_LONG;
	/*
	 * Android's applicationId, Apple's CFBundleIdentifier and HarmonyOS's
	 * bundleName are all reverse-DNS names; a 小程序's AppID, a 公众号's
	 * original id (gh_…) and a 快应用's package are the other platforms'
	 * business, so their text is only checked as text.
	 */
	if (p != APLAT_ANDROID && p != APLAT_IOS && p != APLAT_HARMONYOS)
		return MSG_OK;
	if (!((s.p[0] >= 'a' && s.p[0] <= 'z') || (s.p[0] >= 'A' && s.p[0] <= 'Z')))
		return MSG_ERR_APP_PACKAGE;
	while (rest.p != NULL && rest.n > 0) {
		t = str_split(&rest, '.');
		if (!dns_part(t))
			return MSG_ERR_APP_PACKAGE;
		parts++;
	}
	/* "com.example." splits into a last part that is empty: refused above. */
	if (s.p[s.n - 1] == '.' || parts < 2)
		return MSG_ERR_APP_PACKAGE;
	return MSG_OK;
}

/* One line of UTF-8 text of at most max characters: MSG_OK or why not. */
static enum msg_id
line_check(struct str s, size_t max)
{
	if (s.n == 0)
		return MSG_OK;
	if (!utf8_valid(s.p, s.n) || !utf8_text(s.p, s.n, false))
		return MSG_ERR_FIELD_ENCODING;
	if (utf8_count(s.p, s.n) > max)
		return MSG_ERR_FIELD_TOO_LONG;
	return MSG_OK;
}

size_t
appinfo_check(const struct appinfo *a, struct app_problem out[AF__MAX])
{
	enum app_platform	plat = APLAT_NONE;
	enum msg_id		m;
	struct str		s;
	size_t			n = 0;
	int			i, p;

	for (i = 0; i < AF__MAX; i++) {
		s = str_from(appinfo_get(a, (enum app_field)i));
		m = line_check(s, app_fields[i].max);
		if (m == MSG_OK && i == AF_PLATFORM) {
			if ((p = app_platform_parse(s)) < 0)
				m = MSG_ERR_APP_PLATFORM;
			else
				plat = (enum app_platform)p;
		}
		if (m != MSG_OK)
			out[n++] = (struct app_problem){ (enum app_field)i, m };
	}
	/* After the platform is known: its rule decides the package's form. */
	s = str_from(appinfo_get(a, AF_PACKAGE));
	for (i = 0; i < (int)n; i++)
		if (out[i].field == AF_PACKAGE)
			return n;
	if ((m = app_package_check(plat, s)) != MSG_OK)
		out[n++] = (struct app_problem){ AF_PACKAGE, m };
	return n;
}

size_t
appinfo_missing(const struct appinfo *a, const char *required,
    struct app_problem out[AF__MAX])
{
	size_t	n = 0;
	int	i;

	for (i = 0; i < AF__MAX; i++) {
		struct str	rest = str_from(required != NULL ? required : ""), t;
		bool		want = false;

		while (rest.n > 0 && !want) {
			t = str_trim(str_split(&rest, ','));
			want = str_eq(t, app_fields[i].key);
		}
		if (want && str_trim(str_from(appinfo_get(a, (enum app_field)i))).n == 0)
			out[n++] = (struct app_problem){ (enum app_field)i,
			    MSG_ERR_FIELD_MISSING };
	}
	return n;
}

bool
appinfo_fields_known(const char *list, struct str *bad)
{
	struct str	rest = str_from(list != NULL ? list : ""), t;

	while (rest.n > 0) {
		t = str_trim(str_split(&rest, ','));
		if (t.n > 0 && app_field_parse(t) < 0) {
			if (bad != NULL)
				*bad = t;
			return false;
		}
	}
	return true;
}

bool
app_store_is_url(const char *s)
{
	return s != NULL && str_http_url(str_from(s));
}

bool
app_query_ok(const char *s)
{
	return s != NULL && line_check(str_from(s), APP_QUERY_MAX) == MSG_OK;
}

const struct appinfo *
adv_product_app(const struct adv_doc *doc, size_t i)
{
	if (doc == NULL || doc->apps == NULL || i >= doc->nproducts ||
	    appinfo_empty(&doc->apps[i]))
		return NULL;
	return &doc->apps[i];
}
