#ifndef LOUDONG_DOMAIN_PRODUCT_H
#define LOUDONG_DOMAIN_PRODUCT_H

#include "core/str.h"
#include "i18n/i18n.h"

/*
 * The machine names of a product (Art. 7(1), R4): a CPE 2.3 formatted
 * string (NISTIR 7695 §6.2) and a Package URL (purl-spec, ECMA-427).  Pure
 * checks, no I/O.  Each returns MSG_OK, or the message that explains the
 * problem to the person who typed it; "" is refused (an absent name is the
 * caller's business).
 */

#define PRODUCT_CPE_MAX		512	/* bytes of a CPE formatted string */
#define PRODUCT_PURL_MAX	1024	/* bytes of a Package URL */

/*
 * "cpe:2.3:" and 11 colon-separated values (13 parts in all): part (a, o,
 * h), vendor, product, version, update, edition, language, sw_edition,
 * target_sw, target_hw, other.  Each value is "*" (any), "-" (not
 * applicable) or letters, digits, '-', '.', '_' and backslash-escaped
 * punctuation, with '?'s or one '*' only at its ends; the language is a
 * tag such as "en" or "zh-cn".  A product's CPE must name its vendor and
 * product: those two are never "*" or "-".
 */
enum msg_id	 product_cpe_check(struct str cpe);

/*
 * "pkg:type/namespace/name@version?qualifiers#subpath": the scheme pkg
 * (slashes after "pkg:" are not significant); a type starting with a letter
 * ([A-Za-z][A-Za-z0-9.+-]*); namespace segments and a name, none empty;
 * a version, if '@' is there, not empty; qualifiers key=value joined by
 * '&', keys starting with a letter ([A-Za-z0-9._-]), each once (ignoring
 * case) and with a value; subpath segments neither empty nor "." nor "..".
 * Printable ASCII without spaces; '%' starts a %XX escape.  Type-specific
 * rules (e.g. maven needs a namespace) are not checked.
 */
enum msg_id	 product_purl_check(struct str purl);

#endif
