#ifndef LOUDONG_OFFICE_WORKBOOK_H
#define LOUDONG_OFFICE_WORKBOOK_H

/*
 * An Excel workbook (.xlsx, libxlsxwriter) from plain tables: one sheet per
 * table, a bold header row, numbers as numbers, widths fitted to the
 * text, the header frozen, and document properties (title, author).  For
 * the statistics export a regulator opens (GET /api/v1/statistics.xlsx).
 */
#include <stddef.h>

#include "core/sbuf.h"

enum wb_kind {
	WB_TEXT,
	WB_NUMBER,	/* an integer count or score */
	WB_PERCENT,	/* a fraction 0..1 shown as 0.0% */
	WB_EMPTY,
};

struct wb_cell {
	enum wb_kind	 kind;
	const char	*text;	/* WB_TEXT (UTF-8) */
	double		 num;	/* WB_NUMBER, WB_PERCENT */
};

struct wb_sheet {
	const char		*name;		/* at most 31 characters, no []:*?/\ */
	const char *const	*headers;	/* ncols */
	size_t			 ncols;
	const struct wb_cell	*cells;		/* nrows * ncols, row by row */
	size_t			 nrows;
};

/* The workbook of n sheets into out.  0, or -1 with a sentence in err. */
int	office_workbook_xlsx(const char *title, const char *author,
	    const struct wb_sheet *sheets, size_t n, struct sbuf *out, char *err, size_t errsz);

#endif
