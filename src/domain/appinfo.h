#ifndef LOUDONG_DOMAIN_APPINFO_H
#define LOUDONG_DOMAIN_APPINFO_H

/*
 * The app a vulnerability is in (issue 9): a specialised library for
 * mobile-internet apps (CAPPVD; [registry] specialisation = app) records,
 * for each report, 报送 and product, the app's name, its package name or
 * bundle id, version, platform, distribution channel or store, and
 * developer.  Kept in the clear (store/sql/sqlite/0017_app_fields.sql):
 * they name the app, not the flaw.  Pure: no I/O.
 *
 * Every instance accepts them (all optional); a specialised registry
 * requires those in [registry] app_required_fields on the 报送 it
 * receives (R40).
 */
#include <stdbool.h>
#include <stddef.h>

#include "core/str.h"
#include "i18n/i18n.h"

enum app_field {
	AF_NAME,		/* app_name: 应用名称 */
	AF_PACKAGE,		/* app_package: 包名 / bundle id / 小程序 AppID */
	AF_VERSION,		/* app_version */
	AF_PLATFORM,		/* app_platform: one of enum app_platform's names */
	AF_STORE,		/* app_store: 分发渠道或应用商店 (a name or a URL) */
	AF_DEVELOPER,		/* app_developer: 开发者 */
	AF__MAX
};

enum app_platform {
	APLAT_NONE,		/* "" : not said */
	APLAT_ANDROID,
	APLAT_IOS,
	APLAT_HARMONYOS,
	APLAT_MINIPROGRAM,	/* 小程序 */
	APLAT_OFFICIAL_ACCOUNT,	/* 公众号 */
	APLAT_QUICKAPP,		/* 快应用 */
	APLAT__MAX
};

struct app_field_def {
	const char	*key;		/* JSON key, form name and column: "app_name" */
	size_t		 max;		/* characters */
	enum msg_id	 label;		/* for pages and problems */
};

extern const struct app_field_def app_fields[AF__MAX];

/* Limits, in characters. */
#define APP_NAME_MAX		128
#define APP_PACKAGE_MAX		255
#define APP_VERSION_MAX		64
#define APP_STORE_MAX		256
#define APP_DEVELOPER_MAX	128
#define APP_QUERY_MAX		100	/* a search's ?app= text */

/* The app fields of one record; NULL or "" is empty. */
struct appinfo {
	const char	*v[AF__MAX];
};

int		 app_field_parse(struct str key);	/* enum app_field, -1 if unknown */

/* "android", ...; "" for APLAT_NONE. */
const char	*app_platform_name(enum app_platform p);
/* The enum of a name ("" is APLAT_NONE); -1 if unknown. */
int		 app_platform_parse(struct str s);
/* Its label (Android, iOS, HarmonyOS, 小程序, 公众号, 快应用); MSG_OK for none. */
enum msg_id	 app_platform_label(enum app_platform p);
/*
 * The platform's name in the machine formats (CVE JSON 5 platforms, CSAF
 * product names, OSV): "Android", "iOS", "HarmonyOS", "Mini Program",
 * "Official Account", "Quick App"; and in Chinese ones (GB/T 28458):
 * "Android", "iOS", "HarmonyOS", "小程序", "公众号", "快应用".  "" for none.
 */
const char	*app_platform_en(enum app_platform p);
const char	*app_platform_zh(enum app_platform p);
/* The platform of a record (APLAT_NONE when empty or unknown). */
enum app_platform appinfo_platform(const struct appinfo *a);

/* A field's text, "" when empty (never NULL). */
const char	*appinfo_get(const struct appinfo *a, enum app_field f);
/* Whether no field is filled (spaces count as empty). */
bool		 appinfo_empty(const struct appinfo *a);

/* One problem with a field: which, and why. */
struct app_problem {
	enum app_field	 field;
	enum msg_id	 msg;
};

/*
 * Check every field: well-formed UTF-8 on one line, within its limit; the
 * platform one of the six; on android, ios and harmonyos a package name or
 * bundle id in reverse-DNS form (com.example.app), free text elsewhere (a
 * 小程序's AppID, a 公众号's original id).  Problems into out (at most
 * AF__MAX); returns how many.
 */
size_t		 appinfo_check(const struct appinfo *a, struct app_problem out[AF__MAX]);

/*
 * The fields of required ("app_name,app_platform"; names that are not app
 * fields are ignored) that a is missing, into out; returns how many.
 */
size_t		 appinfo_missing(const struct appinfo *a, const char *required,
		    struct app_problem out[AF__MAX]);

/* Whether every name of a comma-separated list is an app field; else the first bad one. */
bool		 appinfo_fields_known(const char *list, struct str *bad);

/* A package name or bundle id on platform p: MSG_OK or why not ("" is fine). */
enum msg_id	 app_package_check(enum app_platform p, struct str s);

/* Whether a store names a web address (http:// or https://, no spaces), as formats link it. */
bool		 app_store_is_url(const char *s);

/*
 * Whether a search text (?app=) is acceptable: UTF-8 on one line, at most
 * APP_QUERY_MAX characters.
 */
bool		 app_query_ok(const char *s);

#endif
