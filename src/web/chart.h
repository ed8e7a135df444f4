#ifndef LOUDONG_WEB_CHART_H
#define LOUDONG_WEB_CHART_H

/*
 * Charts drawn on the server as inline SVG (no JavaScript), written
 * through web/tmpl.h like every page: each label is escaped.  The CSP
 * allows no inline style, so the SVG is coloured with presentation
 * attributes (fill=, stroke=), which CSP does not govern.
 *
 * A chart is a <figure class="chart">: the SVG (role="img", named by its
 * <title> and described by its <desc> through aria-labelledby and
 * aria-describedby; each bar carries a <title> with its value, which
 * browsers show on hover), then the same figures as a <table> in a
 * <details> for screen readers and for copying.  A chart with no data, or
 * only zeros, is a "no data" note instead of an empty axis.
 */
#include <stddef.h>

#include "http/req.h"

/* Categories and series a chart draws at most (the caller's data is cut there). */
#define CHART_CATS_MAX		120
#define CHART_SERIES_MAX	12

/*
 * The data: ncats categories (the x axis of a bar chart, the rows of a
 * horizontal one) by nseries series, vals[cat * nseries + series], all
 * >= 0 (a negative value counts as 0).  One series: plain bars, no legend;
 * more: stacked bars with a legend.
 */
struct chart {
	const char		*id;		/* unique on the page; [a-z0-9-], ours */
	const char		*title;		/* the chart's name (<title>, caption) */
	const char		*cat_head;	/* the categories' column heading ("Month") */
	const char *const	*cats;		/* ncats labels */
	size_t			 ncats;
	const char *const	*series;	/* nseries names; with one, may be NULL */
	size_t			 nseries;
	const double		*vals;		/* ncats * nseries */
	const char *const	*colors;	/* nseries fills (literals); NULL: the palette */
};

/* Vertical bars (stacked when several series): counts over months, say. */
void	chart_bars(struct req *rq, const struct chart *c);

/* Horizontal bars, one row per category, longest first as given: a top list. */
void	chart_hbars(struct req *rq, const struct chart *c);

#endif
