/*
 * domain/product: CPE 2.3 formatted strings (NISTIR 7695 §6.2) and Package
 * URLs (purl-spec), each a table of valid and invalid inputs with the
 * message a refusal gives.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "domain/product.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

struct pcase {
	const char	*in;
	enum msg_id	 want;
};

static void
run(enum msg_id (*check)(struct str), const struct pcase *t, size_t n)
{
	enum msg_id	got;
	size_t		i;

	for (i = 0; i < n; i++) {
		got = check(str_from(t[i].in));
		if (got != t[i].want)
			fail_msg("\"%s\": %s, want %s", t[i].in, msg_name(got),
			    msg_name(t[i].want));
	}
}

static void
test_product__cpe_valid(void **state)
{
	static const struct pcase t[] = {
		{ "cpe:2.3:a:openssl:openssl:1.1.1k:*:*:*:*:*:*:*", MSG_OK },
		{ "cpe:2.3:o:microsoft:windows_10:1607:*:*:*:*:*:x64:*", MSG_OK },
		{ "cpe:2.3:h:cisco:rv340:-:*:*:*:*:*:*:*", MSG_OK },
		{ "cpe:2.3:a:huawei:eudemon8000e-x8:v300r001c01spc500:*:*:zh-cn:*:*:*:*", MSG_OK },
		{ "cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:x64:*", MSG_OK },
		/* Escaped punctuation, including an escaped colon inside a value. */
		{ "cpe:2.3:a:foo\\:bar:baz\\!:1.0:*:*:*:*:*:*:*", MSG_OK },
		{ "cpe:2.3:a:microsoft:internet_explorer:8.\\*:sp?:*:*:*:*:*:*", MSG_OK },
		/* Wildcards at the ends of a value. */
		{ "cpe:2.3:a:acme:router:1.*:*:*:*:*:*:*:*", MSG_OK },
		{ "cpe:2.3:a:acme:router:*1.2:*:*:*:*:*:*:*", MSG_OK },
		{ "cpe:2.3:a:acme:router:??1.2??:*:*:*:*:*:*:*", MSG_OK },
		{ "cpe:2.3:a:acme:router:1.0:*:*:en:*:*:*:*", MSG_OK },
		{ "cpe:2.3:a:acme:router:1.0:*:*:eng-123:*:*:*:*", MSG_OK },
		{ "cpe:2.3:a:ACME:Router:1.0:*:*:*:*:*:*:*", MSG_OK },
	};

	(void)state;
	run(product_cpe_check, t, NELEM(t));
}

static void
test_product__cpe_invalid(void **state)
{
	static const struct pcase t[] = {
		{ "", MSG_ERR_CPE_PREFIX },
		{ "cpe:/a:openssl:openssl:1.1.1k", MSG_ERR_CPE_PREFIX },	/* 2.2 URI binding */
		{ "CPE:2.3:a:openssl:openssl:1.1.1k:*:*:*:*:*:*:*", MSG_ERR_CPE_PREFIX },
		{ "cpe:2.2:a:openssl:openssl:1.1.1k:*:*:*:*:*:*:*", MSG_ERR_CPE_PREFIX },
		{ "cpe:2.3:a:openssl:openssl:1.1.1k", MSG_ERR_CPE_COUNT },
		{ "cpe:2.3:a:openssl:openssl:1.1.1k:*:*:*:*:*:*", MSG_ERR_CPE_COUNT },
		{ "cpe:2.3:a:openssl:openssl:1.1.1k:*:*:*:*:*:*:*:*", MSG_ERR_CPE_COUNT },
		{ "cpe:2.3:a:openssl:openssl:1.1.1k:*:*:*:*:*:*:*:", MSG_ERR_CPE_COUNT },
		{ "cpe:2.3:x:openssl:openssl:1.1.1k:*:*:*:*:*:*:*", MSG_ERR_CPE_PART },
		{ "cpe:2.3:app:openssl:openssl:1.1.1k:*:*:*:*:*:*:*", MSG_ERR_CPE_PART },
		{ "cpe:2.3:*:openssl:openssl:1.1.1k:*:*:*:*:*:*:*", MSG_ERR_CPE_PART },
		{ "cpe:2.3:a:*:openssl:1.1.1k:*:*:*:*:*:*:*", MSG_ERR_CPE_NAME },
		{ "cpe:2.3:a:openssl:-:1.1.1k:*:*:*:*:*:*:*", MSG_ERR_CPE_NAME },
		{ "cpe:2.3:a:open ssl:openssl:1.1.1k:*:*:*:*:*:*:*", MSG_ERR_CPE_VALUE },
		{ "cpe:2.3:a:openssl::1.1.1k:*:*:*:*:*:*:*", MSG_ERR_CPE_VALUE },
		{ "cpe:2.3:a:openssl:openssl:1.*.1:*:*:*:*:*:*:*", MSG_ERR_CPE_VALUE },
		{ "cpe:2.3:a:openssl:openssl:**:*:*:*:*:*:*:*", MSG_ERR_CPE_VALUE },
		{ "cpe:2.3:a:openssl:openssl:?:*:*:*:*:*:*:*", MSG_ERR_CPE_VALUE },
		{ "cpe:2.3:a:openssl:openssl:1.0\\a:*:*:*:*:*:*:*", MSG_ERR_CPE_VALUE },
		{ "cpe:2.3:a:openssl:openssl:1.0:*:*:*:*:*:*:x\\", MSG_ERR_CPE_VALUE },
		{ "cpe:2.3:a:openssl:openssl:版本:*:*:*:*:*:*:*", MSG_ERR_CPE_VALUE },
		{ "cpe:2.3:a:openssl:openssl:1.0:*:*:e:*:*:*:*", MSG_ERR_CPE_LANGUAGE },
		{ "cpe:2.3:a:openssl:openssl:1.0:*:*:engl:*:*:*:*", MSG_ERR_CPE_LANGUAGE },
		{ "cpe:2.3:a:openssl:openssl:1.0:*:*:en-u:*:*:*:*", MSG_ERR_CPE_LANGUAGE },
		{ "cpe:2.3:a:openssl:openssl:1.0:*:*:en-1234:*:*:*:*", MSG_ERR_CPE_LANGUAGE },
		{ "cpe:2.3:a:openssl:openssl:1.0:*:*:en_us:*:*:*:*", MSG_ERR_CPE_LANGUAGE },
	};
	char	long_cpe[PRODUCT_CPE_MAX + 64];

	(void)state;
	run(product_cpe_check, t, NELEM(t));
	/* Past the limit, whatever it holds. */
	memset(long_cpe, 'a', sizeof(long_cpe) - 1);
	long_cpe[sizeof(long_cpe) - 1] = '\0';
	memcpy(long_cpe, "cpe:2.3:a:", 10);
	assert_int_equal(product_cpe_check(str_from(long_cpe)), MSG_ERR_FIELD_TOO_LONG);
}

static void
test_product__purl_valid(void **state)
{
	/* The examples of the purl specification, and some edges. */
	static const struct pcase t[] = {
		{ "pkg:bitbucket/birkenfeld/pygments-main@244fd47e07d1014f0aed9c", MSG_OK },
		{ "pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie", MSG_OK },
		{ "pkg:docker/cassandra@sha256:244fd47e07d1004f0aed9c", MSG_OK },
		{ "pkg:docker/customer/dockerimage@sha256:244fd47e07d10?repository_url=gcr.io",
		  MSG_OK },
		{ "pkg:gem/jruby-launcher@1.1.2?platform=java", MSG_OK },
		{ "pkg:gem/ruby-advisory-db-check@0.12.4", MSG_OK },
		{ "pkg:github/package-url/purl-spec@244fd47e07d1004f0aed9c", MSG_OK },
		{ "pkg:golang/google.golang.org/genproto#googleapis/api/annotations", MSG_OK },
		{ "pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1?packaging=sources", MSG_OK },
		{ "pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1?repository_url=repo.spring.io"
		  "/release", MSG_OK },
		{ "pkg:npm/%40angular/animation@12.3.1", MSG_OK },
		{ "pkg:npm/foobar@12.3.1", MSG_OK },
		{ "pkg:nuget/EnterpriseLibrary.Common@6.0.1304", MSG_OK },
		{ "pkg:pypi/django@1.11.1", MSG_OK },
		{ "pkg:rpm/fedora/curl@7.50.3-1.fc25?arch=i386&distro=fedora-25", MSG_OK },
		{ "pkg:rpm/opensuse/curl@7.56.1-1.1.?arch=i386&distro=opensuse-tumbleweed",
		  MSG_OK },
		{ "pkg:generic/openssl@1.1.10g?download_url=https://openssl.org/source/"
		  "openssl-1.1.0g.tar.gz&checksum=sha256:de4d501267da", MSG_OK },
		{ "pkg:generic/bitwarderl?vcs_url=git%2Bhttps://git.fsfe.org/dxtr/"
		  "bitwarderl%40cc55108da32", MSG_OK },
		{ "pkg:github/package-url/purl-spec@244fd47e07d1004f0aed9c#everybody/loves/dogs",
		  MSG_OK },
		/* Slashes after the scheme are not significant; type case is not. */
		{ "pkg://maven/org.apache.commons/io@1.3.4", MSG_OK },
		{ "PKG:Maven/org.apache.commons/io", MSG_OK },
		{ "pkg:c++/acme/libx", MSG_OK },
		{ "pkg:generic/%E8%B7%AF%E7%94%B1%E5%99%A8@1.0", MSG_OK },
	};

	(void)state;
	run(product_purl_check, t, NELEM(t));
}

static void
test_product__purl_invalid(void **state)
{
	static const struct pcase t[] = {
		{ "", MSG_ERR_PURL_SCHEME },
		{ "npm/foobar@12.3.1", MSG_ERR_PURL_SCHEME },
		{ "pk:npm/foobar", MSG_ERR_PURL_SCHEME },
		{ "http://example.com/foo", MSG_ERR_PURL_SCHEME },
		{ "pkg:npm/foo bar", MSG_ERR_PURL_CHARS },
		{ "pkg:npm/路由器", MSG_ERR_PURL_CHARS },
		{ "pkg:npm/foo%2", MSG_ERR_PURL_CHARS },
		{ "pkg:npm/foo%zz", MSG_ERR_PURL_CHARS },
		{ "pkg:npm/foo\tbar", MSG_ERR_PURL_CHARS },
		{ "pkg:/npm", MSG_ERR_PURL_NAME },
		{ "pkg:npm", MSG_ERR_PURL_NAME },
		{ "pkg:npm/", MSG_ERR_PURL_NAME },
		{ "pkg:maven//io@1.0", MSG_ERR_PURL_NAME },
		{ "pkg:maven/org.apache/@1.0", MSG_ERR_PURL_NAME },
		{ "pkg:npm/@1.0", MSG_ERR_PURL_NAME },
		{ "pkg:1npm/foobar", MSG_ERR_PURL_TYPE },
		{ "pkg:n_pm/foobar", MSG_ERR_PURL_TYPE },
		{ "pkg:n%70m/foobar", MSG_ERR_PURL_TYPE },
		{ "pkg:/", MSG_ERR_PURL_TYPE },
		{ "pkg:npm/foobar@", MSG_ERR_PURL_VERSION },
		{ "pkg:npm/foobar@?arch=x", MSG_ERR_PURL_VERSION },
		{ "pkg:npm/foobar?arch", MSG_ERR_PURL_QUALIFIER },
		{ "pkg:npm/foobar?arch=", MSG_ERR_PURL_QUALIFIER },
		{ "pkg:npm/foobar?=x", MSG_ERR_PURL_QUALIFIER },
		{ "pkg:npm/foobar?", MSG_ERR_PURL_QUALIFIER },
		{ "pkg:npm/foobar?a=1&&b=2", MSG_ERR_PURL_QUALIFIER },
		{ "pkg:npm/foobar?a=1&", MSG_ERR_PURL_QUALIFIER },
		{ "pkg:npm/foobar?1a=1", MSG_ERR_PURL_QUALIFIER },
		{ "pkg:npm/foobar?a+b=1", MSG_ERR_PURL_QUALIFIER },
		{ "pkg:npm/foobar?arch=x&ARCH=y", MSG_ERR_PURL_QUALIFIER },
		{ "pkg:npm/foobar#", MSG_ERR_PURL_SUBPATH },
		{ "pkg:npm/foobar#a//b", MSG_ERR_PURL_SUBPATH },
		{ "pkg:npm/foobar#../etc", MSG_ERR_PURL_SUBPATH },
		{ "pkg:npm/foobar#a/.", MSG_ERR_PURL_SUBPATH },
	};
	char	long_purl[PRODUCT_PURL_MAX + 64];

	(void)state;
	run(product_purl_check, t, NELEM(t));
	memset(long_purl, 'a', sizeof(long_purl) - 1);
	long_purl[sizeof(long_purl) - 1] = '\0';
	memcpy(long_purl, "pkg:npm/", 8);
	assert_int_equal(product_purl_check(str_from(long_purl)), MSG_ERR_FIELD_TOO_LONG);
}

/* Checks read only the bytes given: a str cut out of a longer buffer. */
static void
test_product__not_nul_terminated(void **state)
{
	static const char	buf[] = "pkg:npm/foobar@1.0 and more";
	static const char	cpe[] = "cpe:2.3:a:acme:router:1.0:*:*:*:*:*:*:*:extra";

	(void)state;
	assert_int_equal(product_purl_check((struct str){ buf, 18 }), MSG_OK);
	assert_int_equal(product_purl_check((struct str){ buf, 15 }),
	    MSG_ERR_PURL_VERSION);
	assert_int_equal(product_cpe_check((struct str){ cpe, strlen(cpe) - 6 }), MSG_OK);
	assert_int_equal(product_cpe_check((struct str){ cpe, strlen(cpe) }),
	    MSG_ERR_CPE_COUNT);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_product__cpe_valid),
		cmocka_unit_test(test_product__cpe_invalid),
		cmocka_unit_test(test_product__purl_valid),
		cmocka_unit_test(test_product__purl_invalid),
		cmocka_unit_test(test_product__not_nul_terminated),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
