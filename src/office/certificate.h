#ifndef LOUDONG_OFFICE_CERTIFICATE_H
#define LOUDONG_OFFICE_CERTIFICATE_H

/*
 * A support unit's certificate (支撑单位证书, R40) as a one-page PDF:
 * Chinese text set in a real CJK font found through fontconfig ([units]
 * certificate_font; Debian: fonts-noto-cjk), embedded and subset by
 * cairo so the text can be extracted, and a QR code (libqrencode) of the
 * public verification page.  office/ is the only user of cairo.h,
 * fontconfig.h, qrencode.h and xlsxwriter.h.
 */
#include <stddef.h>

#include "core/sbuf.h"

struct cert_doc {
	const char	*library;	/* the issuing library: "CAPPVD漏洞库" */
	const char	*issuer;	/* who signs: "安全漏洞管理特设工作组" */
	const char	*number;	/* the certificate number */
	const char	*unit_name;	/* the organisation */
	const char	*type_zh;	/* 技术支撑单位 / 漏洞治理合作单位 */
	const char	*type_en;
	int		 level;		/* 1..4: 一星 .. 四星 */
	const char	*issued_on;	/* YYYY-MM-DD */
	const char	*valid_until;	/* YYYY-MM-DD */
	const char	*verify_url;	/* the public verification page (the QR code) */
	const char	*font;		/* fontconfig pattern */
};

/*
 * Render d into out (a PDF).  0, or -1 with a sentence in err (no font
 * with Chinese glyphs matches d->font, cairo failed, ...).
 */
int	office_certificate_pdf(const struct cert_doc *d, struct sbuf *out, char *err,
	    size_t errsz);

#endif
