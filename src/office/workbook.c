/*
 * The statistics workbook (.xlsx) through libxlsxwriter.  The library
 * writes only to a named file (1.1.4 has no memory output), so the
 * workbook goes to a private temporary file in $TMPDIR, is read back into
 * the caller's buffer through the descriptor mkstemp gave, and unlinked at
 * once.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "core/utf8.h"
#include "office/workbook.h"

#define WB_SHEETS_MAX	64		/* sheets in one workbook */
#define WB_TEXT_MAX	32767		/* bytes of a text cell (Excel's limit is characters) */
#define WB_META_MAX	256		/* bytes of the title and the author */
#define WB_WIDTH_MIN	6.0		/* column widths, in Excel's character units */
#define WB_WIDTH_MAX	60.0

/*
 * How wide s shows, in Excel's character units: one for ASCII and the
 * two-byte scripts (Latin, Greek, Cyrillic), two for what takes three or
 * four bytes in UTF-8, which is mostly CJK and full-width forms.
 */
static double
display_width(const char *s)
{
	size_t	 i, n, len = strlen(s);
	double	 w = 0;

	for (i = 0; i < len; i += n) {
		if ((n = utf8_valid_prefix(s + i, len - i)) == 0)
			n = 1;
		w += n >= 3 ? 2 : 1;
	}
	return w;
}

static double
cell_width(const struct wb_cell *c)
{
	char	 num[64];

	switch (c->kind) {
	case WB_TEXT:
		return display_width(c->text != NULL ? c->text : "");
	case WB_NUMBER:
		snprintf(num, sizeof(num), "%.15g", c->num);
		return (double)strlen(num);
	case WB_PERCENT:
		snprintf(num, sizeof(num), "%.1f%%", c->num * 100);
		return (double)strlen(num);
	default:
		return 0;
	}
}

/* Every input checked before the library sees it, so its refusals are ours to word. */
static int
check_sheet(const struct wb_sheet *s, char *err, size_t errsz)
{
	const struct wb_cell	*c;
	size_t			 i, len;

	if (s->name == NULL || s->name[0] == '\0' || !utf8_valid(s->name, strlen(s->name))) {
		snprintf(err, errsz, "a sheet has no name or one that is not UTF-8");
		return -1;
	}
	if (s->ncols == 0 || s->ncols > LXW_COL_MAX || s->headers == NULL) {
		snprintf(err, errsz, "sheet '%.64s' has no columns or too many", s->name);
		return -1;
	}
	if (s->nrows > LXW_ROW_MAX - 1 || (s->nrows > 0 && s->cells == NULL)) {
		snprintf(err, errsz, "sheet '%.64s' has more rows than Excel allows", s->name);
		return -1;
	}
	for (i = 0; i < s->ncols; i++) {
		if (s->headers[i] == NULL || (len = strlen(s->headers[i])) > WB_TEXT_MAX ||
		    !utf8_valid(s->headers[i], len)) {
			snprintf(err, errsz, "sheet '%.64s': header %zu is missing or not UTF-8",
			    s->name, i + 1);
			return -1;
		}
	}
	for (i = 0; i < s->nrows * s->ncols; i++) {
		c = &s->cells[i];
		if (c->kind != WB_TEXT || c->text == NULL)
			continue;
		if ((len = strlen(c->text)) > WB_TEXT_MAX || !utf8_valid(c->text, len)) {
			snprintf(err, errsz, "sheet '%.64s': the cell in row %zu, column %zu is "
			    "too long or not UTF-8", s->name, i / s->ncols + 2, i % s->ncols + 1);
			return -1;
		}
	}
	return 0;
}

/* One sheet: header row bold and frozen, the cells, the widths fitted. */
static lxw_error
write_sheet(lxw_workbook *wb, const struct wb_sheet *s, lxw_format *bold, lxw_format *pct)
{
	lxw_worksheet		*ws;
	const struct wb_cell	*c;
	lxw_error		 e = LXW_NO_ERROR;
	double			 w;
	size_t			 r, col;

	if ((ws = workbook_add_worksheet(wb, s->name)) == NULL)
		return LXW_ERROR_SHEETNAME_ALREADY_USED;	/* validated: only a duplicate is left */
	for (col = 0; col < s->ncols && e == LXW_NO_ERROR; col++)
		e = worksheet_write_string(ws, 0, (lxw_col_t)col, s->headers[col], bold);
	for (r = 0; r < s->nrows && e == LXW_NO_ERROR; r++) {
		for (col = 0; col < s->ncols && e == LXW_NO_ERROR; col++) {
			c = &s->cells[r * s->ncols + col];
			switch (c->kind) {
			case WB_TEXT:
				if (c->text != NULL && c->text[0] != '\0')
					e = worksheet_write_string(ws, (lxw_row_t)r + 1,
					    (lxw_col_t)col, c->text, NULL);
				break;
			case WB_NUMBER:
				e = worksheet_write_number(ws, (lxw_row_t)r + 1, (lxw_col_t)col,
				    c->num, NULL);
				break;
			case WB_PERCENT:
				e = worksheet_write_number(ws, (lxw_row_t)r + 1, (lxw_col_t)col,
				    c->num, pct);
				break;
			default:
				break;
			}
		}
	}
	for (col = 0; col < s->ncols && e == LXW_NO_ERROR; col++) {
		/* the header is bold: a little wider than its characters */
		w = display_width(s->headers[col]) * 1.1;
		for (r = 0; r < s->nrows; r++)
			if (cell_width(&s->cells[r * s->ncols + col]) > w)
				w = cell_width(&s->cells[r * s->ncols + col]);
		w += 2;
		w = w < WB_WIDTH_MIN ? WB_WIDTH_MIN : w > WB_WIDTH_MAX ? WB_WIDTH_MAX : w;
		e = worksheet_set_column(ws, (lxw_col_t)col, (lxw_col_t)col, w, NULL);
	}
	worksheet_freeze_panes(ws, 1, 0);
	return e;
}

/* The whole file at fd into out. */
static int
read_back(int fd, struct sbuf *out, char *err, size_t errsz)
{
	struct stat	 st;
	char		 buf[16384];
	ssize_t		 got;
	off_t		 total = 0;

	if (fstat(fd, &st) != 0 || lseek(fd, 0, SEEK_SET) != 0) {
		snprintf(err, errsz, "cannot read the workbook back: %s", strerror(errno));
		return -1;
	}
	if ((size_t)st.st_size > out->max - out->len) {
		snprintf(err, errsz, "the workbook is larger than the output allows");
		return -1;
	}
	while ((got = read(fd, buf, sizeof(buf))) != 0) {
		if (got < 0) {
			if (errno == EINTR)
				continue;
			snprintf(err, errsz, "cannot read the workbook back: %s", strerror(errno));
			return -1;
		}
		sbuf_add(out, buf, (size_t)got);
		total += got;
	}
	if (sbuf_err(out) != APP_OK || total != st.st_size) {
		snprintf(err, errsz, "the workbook changed or outgrew the output while read");
		return -1;
	}
	return 0;
}

int
office_workbook_xlsx(const char *title, const char *author, const struct wb_sheet *sheets,
    size_t n, struct sbuf *out, char *err, size_t errsz)
{
	lxw_workbook_options	 opts = { 0 };
	lxw_doc_properties	 props = { 0 };
	lxw_workbook		*wb = NULL;
	lxw_format		*bold, *pct;
	lxw_error		 e = LXW_NO_ERROR;
	const char		*tmpdir;
	char			 path[512];
	size_t			 i, j, start = out->len;
	int			 fd = -1, rc = -1;

	if (n == 0 || n > WB_SHEETS_MAX) {
		snprintf(err, errsz, "a workbook has 1 to %d sheets, not %zu", WB_SHEETS_MAX, n);
		goto out;
	}
	if ((title != NULL && strlen(title) > WB_META_MAX) ||
	    (author != NULL && strlen(author) > WB_META_MAX)) {
		snprintf(err, errsz, "the workbook's title or author is too long");
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (check_sheet(&sheets[i], err, errsz) != 0)
			goto out;
		for (j = 0; j < i; j++) {
			if (strcmp(sheets[i].name, sheets[j].name) == 0) {
				snprintf(err, errsz, "two sheets are named '%.64s'", sheets[i].name);
				goto out;
			}
		}
	}

	if ((tmpdir = getenv("TMPDIR")) == NULL || tmpdir[0] != '/')
		tmpdir = "/tmp";
	if (snprintf(path, sizeof(path), "%.400s/loudong-xlsx-XXXXXX", tmpdir) >=
	    (int)sizeof(path) || (fd = mkstemp(path)) < 0) {
		snprintf(err, errsz, "cannot make a temporary file in '%.200s': %s", tmpdir,
		    strerror(errno));
		goto out;
	}
	opts.tmpdir = (char *)tmpdir;	/* libxlsxwriter does not write through it */
	if ((wb = workbook_new_opt(path, &opts)) == NULL) {
		snprintf(err, errsz, "cannot start the workbook");
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (workbook_validate_sheet_name(wb, sheets[i].name) != LXW_NO_ERROR) {
			snprintf(err, errsz, "'%.64s' cannot name a sheet (at most 31 characters, "
			    "none of []:*?/\\)", sheets[i].name);
			goto out;
		}
	}
	props.title = (char *)(title != NULL ? title : "");
	props.author = (char *)(author != NULL ? author : "");
	props.comments = (char *)"Loudong";
	if ((e = workbook_set_properties(wb, &props)) != LXW_NO_ERROR)
		goto lxw;
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	pct = workbook_add_format(wb);
	format_set_num_format(pct, "0.0%");
	for (i = 0; i < n && e == LXW_NO_ERROR; i++)
		e = write_sheet(wb, &sheets[i], bold, pct);
	if (e != LXW_NO_ERROR)
		goto lxw;
	e = workbook_close(wb);	/* frees wb, error or not */
	wb = NULL;
	if (e != LXW_NO_ERROR)
		goto lxw;
	rc = read_back(fd, out, err, errsz);
	goto out;
lxw:
	snprintf(err, errsz, "cannot write the workbook: %s", lxw_strerror(e));
out:
	if (wb != NULL) {
		/* there is no discard: closing writes the file, which is unlinked below */
		(void)workbook_close(wb);
	}
	if (fd >= 0) {
		unlink(path);
		close(fd);
	}
	if (rc != 0 && out->len > start) {
		out->len = start;
		out->buf[start] = '\0';
	}
	return rc;
}
