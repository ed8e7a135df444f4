/*
 * office/: the support unit's certificate (a PDF read back with poppler's
 * pdftotext, so the Chinese text must really be extractable from the
 * embedded CJK font) and the statistics workbook (an .xlsx opened with
 * python3's openpyxl, the way a regulator's spreadsheet would).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/sbuf.h"
#include "office/certificate.h"
#include "office/workbook.h"

#define PDFTOTEXT	"/usr/bin/pdftotext"

static const struct cert_doc sample = {
	.library = "CAPPVD漏洞库",
	.issuer = "安全漏洞管理特设工作组",
	.number = "CAPPVD-ZC-2025-0007",
	.unit_name = "北京漏洞研究有限公司",
	.type_zh = "技术支撑单位",
	.type_en = "Technical Support Unit",
	.level = 3,
	.issued_on = "2025-03-01",
	.valid_until = "2026-02-28",
	.verify_url = "https://cappvd.example.cn/support-units/verify/CAPPVD-ZC-2025-0007",
	.font = "Noto Serif CJK SC",
};

/* Write n bytes to a fresh temporary file; its path into path. */
static void
write_temp(char *path, size_t pathsz, const char *suffix, const void *p, size_t n)
{
	const char	*dir = getenv("TMPDIR");
	FILE		*f;
	int		 fd;

	snprintf(path, pathsz, "%s/ld-office-XXXXXX%s", dir != NULL ? dir : "/tmp", suffix);
	fd = mkstemps(path, (int)strlen(suffix));
	assert_true(fd >= 0);
	f = fdopen(fd, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(p, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

/* The output of cmd (popen), at most max bytes, into out (a NUL-terminated string). */
static int
run(const char *cmd, char *out, size_t max)
{
	FILE	*p;
	size_t	 n = 0, got;

	if ((p = popen(cmd, "r")) == NULL)
		return -1;
	while (n + 1 < max && (got = fread(out + n, 1, max - 1 - n, p)) > 0)
		n += got;
	out[n] = '\0';
	return pclose(p);
}

static void
test_office__certificate_text_extracts(void **state)
{
	struct arena	*a = arena_new();
	struct sbuf	 pdf;
	char		 err[256] = "", path[256], cmd[512];
	static char	 text[65536];

	(void)state;
	sbuf_init(&pdf, a, 0);
	if (office_certificate_pdf(&sample, &pdf, err, sizeof(err)) != 0)
		fail_msg("certificate: %s", err);
	assert_true(pdf.len > 1000);
	assert_memory_equal(pdf.buf, "%PDF-", 5);
	if (access(PDFTOTEXT, X_OK) != 0) {
		arena_free(a);
		skip();	/* poppler-utils is not installed: the PDF's text cannot be checked */
	}
	write_temp(path, sizeof(path), ".pdf", pdf.buf, pdf.len);
	snprintf(cmd, sizeof(cmd), PDFTOTEXT " -layout '%s' - 2>&1", path);
	assert_int_equal(run(cmd, text, sizeof(text)), 0);
	unlink(path);
	/* The Chinese came back out of the subset font: a ToUnicode map exists. */
	assert_non_null(strstr(text, "支撑单位证书"));
	assert_non_null(strstr(text, "北京漏洞研究有限公司"));
	assert_non_null(strstr(text, "技术支撑单位"));
	assert_non_null(strstr(text, "Technical Support Unit"));
	assert_non_null(strstr(text, "三星"));
	assert_non_null(strstr(text, "CAPPVD-ZC-2025-0007"));
	assert_non_null(strstr(text, "2025-03-01"));
	assert_non_null(strstr(text, "2026-02-28"));
	assert_non_null(strstr(text, "CAPPVD漏洞库"));
	assert_non_null(strstr(text, "扫码验证"));
	arena_free(a);
}

/* The metadata and the embedded font, as pdfinfo and pdffonts see them. */
static void
test_office__certificate_metadata_and_font(void **state)
{
	struct arena	*a = arena_new();
	struct sbuf	 pdf;
	char		 err[256] = "", path[256], cmd[512];
	static char	 text[16384];

	(void)state;
	sbuf_init(&pdf, a, 0);
	assert_int_equal(office_certificate_pdf(&sample, &pdf, err, sizeof(err)), 0);
	if (access("/usr/bin/pdfinfo", X_OK) != 0 || access("/usr/bin/pdffonts", X_OK) != 0) {
		arena_free(a);
		skip();
	}
	write_temp(path, sizeof(path), ".pdf", pdf.buf, pdf.len);
	snprintf(cmd, sizeof(cmd), "/usr/bin/pdfinfo '%s' 2>&1", path);
	assert_int_equal(run(cmd, text, sizeof(text)), 0);
	assert_non_null(strstr(text, "Pages:"));
	assert_int_equal(strtol(strstr(text, "Pages:") + 6, NULL, 10), 1);
	assert_non_null(strstr(text, "支撑单位证书 CAPPVD-ZC-2025-0007"));
	assert_non_null(strstr(text, "Loudong"));
	/* A4 landscape */
	assert_non_null(strstr(text, "841.89 x 595.28"));
	snprintf(cmd, sizeof(cmd), "/usr/bin/pdffonts '%s' 2>&1", path);
	assert_int_equal(run(cmd, text, sizeof(text)), 0);
	unlink(path);
	/* embedded, subset (the +-prefixed name), with a ToUnicode map: "yes yes yes" */
	assert_non_null(strstr(text, "NotoSerifCJK"));
	assert_non_null(strstr(text, "yes yes yes"));
	arena_free(a);
}

static void
test_office__certificate_other_levels_and_long_name(void **state)
{
	struct arena	*a = arena_new();
	struct cert_doc	 d = sample;
	struct sbuf	 pdf;
	char		 err[256] = "", path[256], cmd[512], name[256];
	static char	 text[65536];
	int		 lvl;

	(void)state;
	for (lvl = 1; lvl <= 4; lvl++) {
		d.level = lvl;
		sbuf_init(&pdf, a, 0);
		assert_int_equal(office_certificate_pdf(&d, &pdf, err, sizeof(err)), 0);
	}
	/* 84 characters (252 bytes): too wide for one line even at the smallest size */
	name[0] = '\0';
	while (strlen(name) + 3 * 4 < 253)
		snprintf(name + strlen(name), sizeof(name) - strlen(name), "%s", "漏洞治理");
	d.unit_name = name;
	d.type_zh = "漏洞治理合作单位";
	d.type_en = NULL;
	d.issuer = NULL;
	sbuf_init(&pdf, a, 0);
	if (office_certificate_pdf(&d, &pdf, err, sizeof(err)) != 0)
		fail_msg("certificate: %s", err);
	if (access(PDFTOTEXT, X_OK) == 0) {
		write_temp(path, sizeof(path), ".pdf", pdf.buf, pdf.len);
		snprintf(cmd, sizeof(cmd), PDFTOTEXT " '%s' - 2>&1", path);
		assert_int_equal(run(cmd, text, sizeof(text)), 0);
		unlink(path);
		assert_non_null(strstr(text, "四星"));
		assert_non_null(strstr(text, "漏洞治理合作单位"));
		assert_null(strstr(text, "发证单位"));	/* no issuer: no line */
	}
	arena_free(a);
}

static void
test_office__certificate_refusals(void **state)
{
	struct arena	*a = arena_new();
	struct cert_doc	 d;
	struct sbuf	 pdf;
	char		 err[256], longname[300], out[256];

	(void)state;
	memset(longname, 'x', 257);
	longname[257] = '\0';

	d = sample;
	d.unit_name = longname;
	sbuf_init(&pdf, a, 0);
	err[0] = '\0';
	assert_int_equal(office_certificate_pdf(&d, &pdf, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "unit name"));
	assert_int_equal(pdf.len, 0);

	d = sample;
	d.level = 5;
	err[0] = '\0';
	assert_int_equal(office_certificate_pdf(&d, &pdf, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "level"));

	d = sample;
	d.number = "";
	assert_int_equal(office_certificate_pdf(&d, &pdf, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "number"));

	d = sample;
	d.unit_name = "bad\xff";
	assert_int_equal(office_certificate_pdf(&d, &pdf, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "UTF-8"));

	/* An output cap smaller than the PDF: refused, nothing half written. */
	sbuf_init(&pdf, a, 2048);
	assert_int_equal(office_certificate_pdf(&sample, &pdf, err, sizeof(err)), -1);
	assert_int_equal(pdf.len, 0);

	/*
	 * A font without Chinese: fontconfig still answers with it (the family
	 * binds more strongly than the language), and the charset check
	 * refuses instead of drawing boxes.
	 */
	if (run("fc-match -f '%{family}' 'DejaVu Sans:lang=en' 2>/dev/null", out,
	    sizeof(out)) == 0 && strstr(out, "DejaVu Sans") != NULL) {
		d = sample;
		d.font = "DejaVu Sans:lang=en";
		sbuf_init(&pdf, a, 0);
		err[0] = '\0';
		assert_int_equal(office_certificate_pdf(&d, &pdf, err, sizeof(err)), -1);
		assert_non_null(strstr(err, "no glyph"));
		assert_int_equal(pdf.len, 0);
	} else {
		print_message("DejaVu Sans is not installed: the missing-glyph refusal is not "
		    "checked\n");
	}
	arena_free(a);
}

static const char *const people_headers[] = { "单位", "等级", "积分", "占比" };
static const struct wb_cell people_cells[] = {
	{ WB_TEXT, "北京漏洞研究有限公司", 0 }, { WB_TEXT, "三星", 0 }, { WB_NUMBER, NULL, 42 },
	{ WB_PERCENT, NULL, 0.625 },
	{ WB_TEXT, "Example <Labs> & Co", 0 }, { WB_EMPTY, NULL, 0 }, { WB_NUMBER, NULL, 7.5 },
	{ WB_PERCENT, NULL, 0.375 },
};
static const char *const month_headers[] = { "Month", "High", "Medium" };
static const struct wb_cell month_cells[] = {
	{ WB_TEXT, "2025-01", 0 }, { WB_NUMBER, NULL, 3 }, { WB_NUMBER, NULL, 0 },
};

static const char *const check_py =
    "import sys, openpyxl\n"
    "wb = openpyxl.load_workbook(sys.argv[1])\n"
    "print('sheets=' + '|'.join(wb.sheetnames))\n"
    "ws = wb['贡献单位']\n"
    "print('h=' + '|'.join(str(c.value) for c in ws[1]))\n"
    "print('a2=' + ws['A2'].value)\n"
    "print('c2=%s:%r' % (type(ws['C2'].value).__name__, ws['C2'].value))\n"
    "print('c3=%r' % ws['C3'].value)\n"
    "print('d2=%r:%s' % (ws['D2'].value, ws['D2'].number_format))\n"
    "print('b3=%r' % ws['B3'].value)\n"
    "print('a3=' + ws['A3'].value)\n"
    "print('bold=%s' % ws['A1'].font.b)\n"
    "print('freeze=%s' % ws.freeze_panes)\n"
    "print('wide=%s' % (ws.column_dimensions['A'].width > ws.column_dimensions['B'].width))\n"
    "print('title=%s' % wb.properties.title)\n"
    "print('creator=%s' % wb.properties.creator)\n"
    "m = wb['By month']\n"
    "print('m=%s,%r,%r' % (m['A2'].value, m['B2'].value, m['C2'].value))\n";

static void
test_office__workbook_opens_in_openpyxl(void **state)
{
	struct arena	*a = arena_new();
	struct sbuf	 x;
	char		 err[256] = "", path[256], py[256], cmd[1024];
	static char	 text[16384];
	struct wb_sheet	 sheets[2] = {
		{ "贡献单位", people_headers, 4, people_cells, 2 },
		{ "By month", month_headers, 3, month_cells, 1 },
	};

	(void)state;
	sbuf_init(&x, a, 0);
	if (office_workbook_xlsx("统计 2025", "CAPPVD漏洞库", sheets, 2, &x, err,
	    sizeof(err)) != 0)
		fail_msg("workbook: %s", err);
	assert_true(x.len > 1000);
	assert_memory_equal(x.buf, "PK\x03\x04", 4);	/* a zip container */
	if (run("/usr/bin/python3 -c 'import openpyxl' 2>&1", text, sizeof(text)) != 0) {
		arena_free(a);
		skip();	/* python3-openpyxl is not installed */
	}
	write_temp(path, sizeof(path), ".xlsx", x.buf, x.len);
	write_temp(py, sizeof(py), ".py", check_py, strlen(check_py));
	snprintf(cmd, sizeof(cmd), "/usr/bin/python3 '%s' '%s' 2>&1", py, path);
	assert_int_equal(run(cmd, text, sizeof(text)), 0);
	unlink(path);
	unlink(py);
	assert_non_null(strstr(text, "sheets=贡献单位|By month\n"));
	assert_non_null(strstr(text, "h=单位|等级|积分|占比\n"));
	assert_non_null(strstr(text, "a2=北京漏洞研究有限公司\n"));
	assert_non_null(strstr(text, "c2=int:42\n"));
	assert_non_null(strstr(text, "c3=7.5\n"));
	assert_non_null(strstr(text, "d2=0.625:0.0%\n"));
	assert_non_null(strstr(text, "b3=None\n"));
	assert_non_null(strstr(text, "a3=Example <Labs> & Co\n"));
	assert_non_null(strstr(text, "bold=True\n"));
	assert_non_null(strstr(text, "freeze=A2\n"));
	assert_non_null(strstr(text, "wide=True\n"));
	assert_non_null(strstr(text, "title=统计 2025\n"));
	assert_non_null(strstr(text, "creator=CAPPVD漏洞库\n"));
	assert_non_null(strstr(text, "m=2025-01,3,0\n"));
	arena_free(a);
}

static void
test_office__workbook_refusals(void **state)
{
	struct arena	*a = arena_new();
	struct sbuf	 x;
	char		 err[256];
	struct wb_sheet	 s[2] = {
		{ "a/b", month_headers, 3, month_cells, 1 },
		{ "ok", month_headers, 3, month_cells, 1 },
	};
	static const struct wb_cell bad[] = {
		{ WB_TEXT, "2025-01", 0 }, { WB_TEXT, "x\xc3", 0 }, { WB_NUMBER, NULL, 0 },
	};

	(void)state;
	sbuf_init(&x, a, 0);
	assert_int_equal(office_workbook_xlsx("t", "a", s, 1, &x, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "cannot name a sheet"));
	assert_int_equal(x.len, 0);

	s[0].name = "ok";
	assert_int_equal(office_workbook_xlsx("t", "a", s, 2, &x, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "two sheets"));

	s[0].name = "这是一个非常非常非常非常非常非常非常非常非常非常非常长的工作表名称";
	assert_int_equal(office_workbook_xlsx("t", "a", s, 1, &x, err, sizeof(err)), -1);

	s[0].name = "x";
	s[0].cells = bad;
	assert_int_equal(office_workbook_xlsx("t", "a", s, 1, &x, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "row 2, column 2"));

	assert_int_equal(office_workbook_xlsx("t", "a", s, 0, &x, err, sizeof(err)), -1);

	/* an output cap below the file's size */
	s[0].cells = month_cells;
	sbuf_init(&x, a, 512);
	assert_int_equal(office_workbook_xlsx("t", "a", s, 1, &x, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "larger"));
	assert_int_equal(x.len, 0);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_office__certificate_text_extracts),
		cmocka_unit_test(test_office__certificate_metadata_and_font),
		cmocka_unit_test(test_office__certificate_other_levels_and_long_name),
		cmocka_unit_test(test_office__certificate_refusals),
		cmocka_unit_test(test_office__workbook_opens_in_openpyxl),
		cmocka_unit_test(test_office__workbook_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
