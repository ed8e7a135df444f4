/*
 * The support unit's certificate (R40): one A4 landscape PDF page drawn
 * with cairo.  The text is set in a CJK font found through fontconfig and
 * given to cairo as an FT face, so cairo embeds a subset with a ToUnicode
 * map (pdftotext and screen readers get the Chinese back).  The labels are
 * the fixed wording of the certificate form, Chinese first with English
 * beside the type: a certificate is the same document whatever language
 * the person downloading it reads, so they are not catalog messages.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cairo.h>
#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <qrencode.h>

#include "core/utf8.h"
#include "office/certificate.h"

#define CERT_FIELD_MAX	256	/* bytes of a name, number, date or type */
#define CERT_URL_MAX	512	/* bytes of the verification URL (the QR code) */

/* A4 landscape in PDF points. */
#define PAGE_W		841.89
#define PAGE_H		595.28

/* The QR code: modules of the quiet zone (ISO/IEC 18004 asks for 4) and the size drawn. */
#define QR_QUIET	4
#define QR_SIDE		132.0
#define QR_X		(PAGE_W - 80.0 - QR_SIDE)
#define QR_Y		(PAGE_H - 218.0)

#ifdef __SANITIZE_ADDRESS__
/*
 * LeakSanitizer, in sanitizer builds only: two leaks that are not ours.
 * cairo 1.16's CFF subsetter loses 768 bytes in every PDF that embeds an
 * OpenType/CFF font such as Noto CJK (allocated under
 * cairo_surface_finish; cairo's own objects are all destroyed here, and a
 * TrueType font does not leak), and fontconfig keeps a few bytes of its
 * configuration for good.  The libraries are built without frame
 * pointers, so the fast unwinder sees only the allocating library: the
 * suppression names it.  That would also hide a cairo object we forgot
 * to destroy: checked with ASAN_OPTIONS=fast_unwind_on_malloc=0 before
 * the suppression existed, the two above were the only leaks.
 */
const char	*__lsan_default_suppressions(void);

const char *
__lsan_default_suppressions(void)
{
	return "leak:libcairo.so\nleak:libfontconfig.so\n";
}
#endif

static const char *const level_zh[] = { "", "一星", "二星", "三星", "四星" };

/* The form's fixed wording: all of it is checked against the font's charset. */
#define T_TITLE		"支撑单位证书"
#define T_GRANT		"兹认定"
#define T_AS		"为本库"
#define T_LEVEL		"星级："
#define T_NUMBER	"证书编号："
#define T_ISSUED	"发证日期："
#define T_VALID		"有效期至："
#define T_ISSUER	"发证单位："
#define T_SCAN		"扫码验证"

struct rgb {
	double	r, g, b;
};

static const struct rgb c_red = { 0.62, 0.11, 0.11 };
static const struct rgb c_gold = { 0.72, 0.55, 0.18 };
static const struct rgb c_ink = { 0.12, 0.12, 0.12 };
static const struct rgb c_grey = { 0.35, 0.35, 0.35 };

static void
set_rgb(cairo_t *cr, const struct rgb *c)
{
	cairo_set_source_rgb(cr, c->r, c->g, c->b);
}

/* cairo's stream callback: append to the caller's sbuf, which caps the size. */
static cairo_status_t
write_sbuf(void *closure, const unsigned char *data, unsigned int length)
{
	struct sbuf	*out = closure;

	sbuf_add(out, data, length);
	return sbuf_err(out) == APP_OK ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* The code point of the well-formed sequence of n bytes at p. */
static uint32_t
utf8_decode(const unsigned char *p, size_t n)
{
	switch (n) {
	case 1:
		return p[0];
	case 2:
		return (uint32_t)(p[0] & 0x1f) << 6 | (p[1] & 0x3f);
	case 3:
		return (uint32_t)(p[0] & 0x0f) << 12 | (uint32_t)(p[1] & 0x3f) << 6 |
		    (p[2] & 0x3f);
	default:
		return (uint32_t)(p[0] & 0x07) << 18 | (uint32_t)(p[1] & 0x3f) << 12 |
		    (uint32_t)(p[2] & 0x3f) << 6 | (p[3] & 0x3f);
	}
}

/*
 * 0 if the font has a glyph for every character of s, else -1 with the
 * first missing one named: cairo would draw an empty box (tofu) for it,
 * and a certificate with boxes for its unit's name is worse than none.
 */
static int
covers(FcCharSet *cs, const char *s, char *err, size_t errsz)
{
	size_t		 i, n, len;
	uint32_t	 cp;

	len = strlen(s);
	for (i = 0; i < len; i += n) {
		n = utf8_valid_prefix(s + i, len - i);
		if (n == 0)
			return -1;	/* checked before; never here */
		cp = utf8_decode((const unsigned char *)s + i, n);
		if (cp >= 0x20 && !FcCharSetHasChar(cs, cp)) {
			snprintf(err, errsz, "the certificate font has no glyph for U+%04X "
			    "(install a CJK font such as fonts-noto-cjk, or set "
			    "[units] certificate_font)", (unsigned)cp);
			return -1;
		}
	}
	return 0;
}

/*
 * The font for pattern, as a cairo face, or NULL with err set.  The
 * pattern is matched for Simplified Chinese, and the font fontconfig
 * settles on must really carry every character drawn: fontconfig always
 * answers with *some* font, often a Latin one.
 */
static cairo_font_face_t *
find_font(const char *pattern, const char *const *texts, size_t ntexts, char *err,
    size_t errsz)
{
	FcPattern		*pat = NULL, *match = NULL;
	FcCharSet		*cs;
	FcChar8			*file = NULL;
	FcResult		 res;
	cairo_font_face_t	*face = NULL;
	size_t			 i;

	if ((pat = FcNameParse((const FcChar8 *)pattern)) == NULL) {
		snprintf(err, errsz, "cannot parse the font pattern '%.128s'", pattern);
		goto out;
	}
	FcPatternDel(pat, FC_LANG);
	FcPatternAddString(pat, FC_LANG, (const FcChar8 *)"zh-cn");
	FcConfigSubstitute(NULL, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	if ((match = FcFontMatch(NULL, pat, &res)) == NULL || res != FcResultMatch) {
		snprintf(err, errsz, "no font matches '%.128s'", pattern);
		goto out;
	}
	if (FcPatternGetCharSet(match, FC_CHARSET, 0, &cs) != FcResultMatch) {
		snprintf(err, errsz, "the font matched for '%.128s' has no character set",
		    pattern);
		goto out;
	}
	for (i = 0; i < ntexts; i++)
		if (covers(cs, texts[i], err, errsz) != 0)
			goto out;
	if (FcPatternGetString(match, FC_FILE, 0, &file) != FcResultMatch) {
		snprintf(err, errsz, "the font matched for '%.128s' has no file", pattern);
		goto out;
	}
	/* cairo keeps its own reference to match. */
	face = cairo_ft_font_face_create_for_pattern(match);
	if (cairo_font_face_status(face) != CAIRO_STATUS_SUCCESS) {
		snprintf(err, errsz, "cairo cannot use the font '%.200s': %s", (const char *)file,
		    cairo_status_to_string(cairo_font_face_status(face)));
		cairo_font_face_destroy(face);
		face = NULL;
	}
out:
	if (match != NULL)
		FcPatternDestroy(match);
	if (pat != NULL)
		FcPatternDestroy(pat);
	return face;
}

static double
text_width(cairo_t *cr, const char *s)
{
	cairo_text_extents_t	 te;

	cairo_text_extents(cr, s, &te);
	return te.x_advance;
}

/* s at size, its advance centred on cx, baseline y. */
static void
text_centred(cairo_t *cr, const char *s, double size, double cx, double y)
{
	cairo_set_font_size(cr, size);
	cairo_move_to(cr, cx - text_width(cr, s) / 2, y);
	cairo_show_text(cr, s);
}

static void
text_at(cairo_t *cr, const char *s, double size, double x, double y)
{
	cairo_set_font_size(cr, size);
	cairo_move_to(cr, x, y);
	cairo_show_text(cr, s);
}

/*
 * The unit's name, large, centred in width: the size shrinks to fit, and
 * a name still too wide at the smallest size is broken between characters
 * over up to three lines (Chinese has no spaces to break at).  Returns the
 * baseline of the last line, which the lines below follow.
 */
static double
draw_unit_name(cairo_t *cr, const char *name, double cx, double y, double width)
{
	char	 line[CERT_FIELD_MAX + 1];
	double	 size;
	size_t	 len, i, n, start, nline;

	for (size = 34; size > 20; size -= 2) {
		cairo_set_font_size(cr, size);
		if (text_width(cr, name) <= width)
			break;
	}
	cairo_set_font_size(cr, size);
	if (text_width(cr, name) <= width) {
		text_centred(cr, name, size, cx, y);
		return y;
	}
	len = strlen(name);
	y -= size * 0.6;
	for (start = 0, nline = 0; start < len && nline < 3; nline++) {
		line[0] = '\0';
		for (i = start; i < len; i += n) {
			n = utf8_valid_prefix(name + i, len - i);
			if (n == 0)
				break;
			memcpy(line, name + start, i + n - start);
			line[i + n - start] = '\0';
			if (text_width(cr, line) > width) {
				line[i - start] = '\0';
				break;
			}
		}
		if (i == start)	/* one character wider than the line: give up */
			break;
		if (nline > 0)
			y += size * 1.25;
		text_centred(cr, line, size, cx, y);
		start = i;
	}
	return y;
}

/* A five-pointed star of outer radius r centred on (cx, cy), filled or outlined. */
static void
draw_star(cairo_t *cr, double cx, double cy, double r, bool filled)
{
	/* cos, sin of -90° + 36°·i: the points and the inner corners, clockwise */
	static const double	 dir[10][2] = {
		{ 0.000000, -1.000000 }, { 0.587785, -0.809017 }, { 0.951057, -0.309017 },
		{ 0.951057, 0.309017 }, { 0.587785, 0.809017 }, { 0.000000, 1.000000 },
		{ -0.587785, 0.809017 }, { -0.951057, 0.309017 }, { -0.951057, -0.309017 },
		{ -0.587785, -0.809017 },
	};
	double			 rr;
	int			 i;

	for (i = 0; i < 10; i++) {
		rr = (i % 2 == 0) ? r : r * 0.382;
		if (i == 0)
			cairo_move_to(cr, cx + rr * dir[i][0], cy + rr * dir[i][1]);
		else
			cairo_line_to(cr, cx + rr * dir[i][0], cy + rr * dir[i][1]);
	}
	cairo_close_path(cr);
	set_rgb(cr, &c_gold);
	if (filled) {
		cairo_fill(cr);
	} else {
		cairo_set_line_width(cr, 1.2);
		cairo_stroke(cr);
	}
}

/* "星级：三星" and four stars, level of them filled, centred on cx. */
static void
draw_level(cairo_t *cr, int level, double cx, double y)
{
	char	 label[64];
	double	 w, x, r = 11, gap = 6;
	int	 i;

	snprintf(label, sizeof(label), "%s%s", T_LEVEL, level_zh[level]);
	cairo_set_font_size(cr, 20);
	w = text_width(cr, label) + 16 + 4 * (2 * r) + 3 * gap;
	x = cx - w / 2;
	set_rgb(cr, &c_ink);
	text_at(cr, label, 20, x, y);
	x += text_width(cr, label) + 16 + r;
	for (i = 0; i < 4; i++, x += 2 * r + gap)
		draw_star(cr, x, y - 7, r, i < level);
}

/*
 * The QR code of url, error correction M, as filled rectangles (one per
 * horizontal run of dark modules) on a white square with the quiet zone,
 * side points wide at (x, y).  -1 if libqrencode refuses.
 */
static int
draw_qr(cairo_t *cr, const char *url, double x, double y, double side, char *err,
    size_t errsz)
{
	QRcode		*qr;
	double		 m;
	int		 row, col, run;

	if ((qr = QRcode_encodeString(url, 0, QR_ECLEVEL_M, QR_MODE_8, 1)) == NULL) {
		snprintf(err, errsz, "cannot encode the verification URL as a QR code");
		return -1;
	}
	m = side / (qr->width + 2 * QR_QUIET);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_rectangle(cr, x, y, side, side);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (row = 0; row < qr->width; row++) {
		for (col = 0; col < qr->width; col += run > 0 ? run : 1) {
			for (run = 0; col + run < qr->width &&
			    (qr->data[row * qr->width + col + run] & 1); run++)
				;
			if (run > 0)
				cairo_rectangle(cr, x + (QR_QUIET + col) * m,
				    y + (QR_QUIET + row) * m, run * m, m);
		}
	}
	/* Winding fill: adjacent rectangles leave no hairline seams. */
	cairo_fill(cr);
	QRcode_free(qr);
	return 0;
}

static void
draw_border(cairo_t *cr)
{
	set_rgb(cr, &c_red);
	cairo_set_line_width(cr, 4);
	cairo_rectangle(cr, 22, 22, PAGE_W - 44, PAGE_H - 44);
	cairo_stroke(cr);
	set_rgb(cr, &c_gold);
	cairo_set_line_width(cr, 1.2);
	cairo_rectangle(cr, 32, 32, PAGE_W - 64, PAGE_H - 64);
	cairo_stroke(cr);
}

/* The URL under the QR code, small, centred on it but kept inside the border. */
static void
draw_url(cairo_t *cr, const char *url, double cx, double y)
{
	double	 size = 8, w;

	cairo_set_font_size(cr, size);
	while ((w = text_width(cr, url)) > 360 && size > 5) {
		size -= 0.5;
		cairo_set_font_size(cr, size);
	}
	if (cx + w / 2 > PAGE_W - 44)
		cx = PAGE_W - 44 - w / 2;
	set_rgb(cr, &c_grey);
	text_centred(cr, url, size, cx, y);
}

static void
draw_page(cairo_t *cr, const struct cert_doc *d, const char *type_line)
{
	char	 line[CERT_FIELD_MAX + 64];
	double	 cx = PAGE_W / 2, x = 96, y;

	draw_border(cr);
	set_rgb(cr, &c_grey);
	text_centred(cr, d->library, 18, cx, 86);
	set_rgb(cr, &c_red);
	text_centred(cr, T_TITLE, 44, cx, 146);

	set_rgb(cr, &c_ink);
	text_centred(cr, T_GRANT, 16, cx, 192);
	y = draw_unit_name(cr, d->unit_name, cx, 238, PAGE_W - 200);
	set_rgb(cr, &c_ink);
	text_centred(cr, type_line, 22, cx, y += 52);
	if (d->type_en[0] != '\0') {
		set_rgb(cr, &c_grey);
		text_centred(cr, d->type_en, 12, cx, y + 22);
	}
	draw_level(cr, d->level, cx, y + 62);

	set_rgb(cr, &c_ink);
	y = PAGE_H - 182;
	snprintf(line, sizeof(line), "%s%s", T_NUMBER, d->number);
	text_at(cr, line, 14, x, y);
	snprintf(line, sizeof(line), "%s%s", T_ISSUED, d->issued_on);
	text_at(cr, line, 14, x, y += 26);
	snprintf(line, sizeof(line), "%s%s", T_VALID, d->valid_until);
	text_at(cr, line, 14, x, y += 26);
	if (d->issuer[0] != '\0') {
		snprintf(line, sizeof(line), "%s%s", T_ISSUER, d->issuer);
		text_at(cr, line, 14, x, y += 26);
	}

	set_rgb(cr, &c_ink);
	text_centred(cr, T_SCAN, 11, QR_X + QR_SIDE / 2, QR_Y + QR_SIDE + 16);
	draw_url(cr, d->verify_url, QR_X + QR_SIDE / 2, QR_Y + QR_SIDE + 30);
}

/* A field of the document: NULL is "" when optional; bounded, well-formed, no controls. */
static int
check_field(const char **s, const char *what, bool required, size_t max, char *err,
    size_t errsz)
{
	size_t	 n;

	if (*s == NULL)
		*s = "";
	n = strlen(*s);
	if (required && n == 0) {
		snprintf(err, errsz, "the certificate's %s is missing", what);
		return -1;
	}
	if (n > max) {
		snprintf(err, errsz, "the certificate's %s is longer than %zu bytes", what, max);
		return -1;
	}
	if (!utf8_text(*s, n, false)) {
		snprintf(err, errsz, "the certificate's %s is not UTF-8 text", what);
		return -1;
	}
	return 0;
}

int
office_certificate_pdf(const struct cert_doc *din, struct sbuf *out, char *err, size_t errsz)
{
	struct cert_doc		 d = *din;
	cairo_surface_t		*surf = NULL;
	cairo_t			*cr = NULL;
	cairo_font_face_t	*face = NULL;
	cairo_status_t		 st;
	char			 type_line[CERT_FIELD_MAX + 64], title[CERT_FIELD_MAX + 64];
	const char		*texts[16];
	size_t			 ntexts = 0, start = out->len;
	int			 rc = -1;

	if (check_field(&d.library, "library", false, CERT_FIELD_MAX, err, errsz) != 0 ||
	    check_field(&d.issuer, "issuer", false, CERT_FIELD_MAX, err, errsz) != 0 ||
	    check_field(&d.number, "number", true, CERT_FIELD_MAX, err, errsz) != 0 ||
	    check_field(&d.unit_name, "unit name", true, CERT_FIELD_MAX, err, errsz) != 0 ||
	    check_field(&d.type_zh, "type", true, CERT_FIELD_MAX, err, errsz) != 0 ||
	    check_field(&d.type_en, "English type", false, CERT_FIELD_MAX, err, errsz) != 0 ||
	    check_field(&d.issued_on, "issue date", true, CERT_FIELD_MAX, err, errsz) != 0 ||
	    check_field(&d.valid_until, "expiry date", true, CERT_FIELD_MAX, err, errsz) != 0 ||
	    check_field(&d.verify_url, "verification URL", true, CERT_URL_MAX, err,
	    errsz) != 0 ||
	    check_field(&d.font, "font", true, CERT_FIELD_MAX, err, errsz) != 0)
		goto out;
	if (d.level < 1 || d.level > 4) {
		snprintf(err, errsz, "the certificate's level %d is not 1..4", d.level);
		goto out;
	}
	/* 为本库技术支撑单位: the library named above, the type in its words */
	snprintf(type_line, sizeof(type_line), "%s%s", T_AS, d.type_zh);

	texts[ntexts++] = T_TITLE T_GRANT T_AS T_LEVEL T_NUMBER T_ISSUED T_VALID T_ISSUER T_SCAN;
	texts[ntexts++] = level_zh[d.level];
	texts[ntexts++] = d.library;
	texts[ntexts++] = d.issuer;
	texts[ntexts++] = d.number;
	texts[ntexts++] = d.unit_name;
	texts[ntexts++] = d.type_zh;
	texts[ntexts++] = d.type_en;
	texts[ntexts++] = d.issued_on;
	texts[ntexts++] = d.valid_until;
	texts[ntexts++] = d.verify_url;
	if ((face = find_font(d.font, texts, ntexts, err, errsz)) == NULL)
		goto out;

	surf = cairo_pdf_surface_create_for_stream(write_sbuf, out, PAGE_W, PAGE_H);
	if ((st = cairo_surface_status(surf)) != CAIRO_STATUS_SUCCESS) {
		snprintf(err, errsz, "cannot start the PDF: %s", cairo_status_to_string(st));
		goto out;
	}
	snprintf(title, sizeof(title), "%s %s", T_TITLE, d.number);
	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_SUBJECT, d.unit_name);
	if (d.issuer[0] != '\0')
		cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_AUTHOR, d.issuer);
	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR, "Loudong");
	cr = cairo_create(surf);
	cairo_set_font_face(cr, face);
	draw_page(cr, &d, type_line);
	if (draw_qr(cr, d.verify_url, QR_X, QR_Y, QR_SIDE, err, errsz) != 0)
		goto out;
	cairo_show_page(cr);
	if ((st = cairo_status(cr)) != CAIRO_STATUS_SUCCESS) {
		snprintf(err, errsz, "cannot draw the certificate: %s", cairo_status_to_string(st));
		goto out;
	}
	cairo_destroy(cr);
	cr = NULL;
	/* finish writes the fonts and the trailer through write_sbuf */
	cairo_surface_finish(surf);
	if ((st = cairo_surface_status(surf)) != CAIRO_STATUS_SUCCESS) {
		if (sbuf_err(out) != APP_OK)
			snprintf(err, errsz, "the certificate is larger than the output allows");
		else
			snprintf(err, errsz, "cannot write the PDF: %s",
			    cairo_status_to_string(st));
		goto out;
	}
	rc = 0;
out:
	if (cr != NULL)
		cairo_destroy(cr);
	if (surf != NULL)
		cairo_surface_destroy(surf);
	if (face != NULL)
		cairo_font_face_destroy(face);
	if (rc != 0 && out->len > start) {
		out->len = start;	/* no half a PDF */
		out->buf[start] = '\0';
	}
	return rc;
}
