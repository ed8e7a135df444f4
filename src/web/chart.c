/*
 * Server-rendered SVG charts (web/chart.h).  Geometry in SVG user units
 * of a fixed viewBox; the <svg> is as wide as its box and keeps its
 * proportions.  Every number written into an attribute is formatted here,
 * every label goes through tmpl_text or tmpl_attr.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "web/chart.h"
#include "web/layout.h"
#include "web/tmpl.h"

#define VB_W		640.0	/* viewBox width */
#define PAD_L		52.0	/* room for the value axis's labels */
#define PAD_R		16.0
#define PAD_T		12.0
#define PLOT_H		200.0	/* the bars' height at the top tick */
#define FONT		11.0	/* labels */
#define LEGEND_ROW	18.0
#define HROW		22.0	/* a horizontal bar's row */
#define HLABEL_W	180.0	/* a horizontal bar's label column */
#define TICKS_MAX	5

/* Colours by series: grades read hot to cold, then distinct hues. */
static const char *const palette[CHART_SERIES_MAX] = {
	"#c5221f", "#e8710a", "#f9ab00", "#188038", "#1a73e8", "#9334e6",
	"#80868b", "#12b5cb", "#b06000", "#185abc", "#a142f4", "#5f6368",
};

static double
val(const struct chart *c, size_t cat, size_t s)
{
	double	v = c->vals[cat * c->nseries + s];

	return v > 0 ? v : 0;	/* NaN too */
}

static size_t
ncats(const struct chart *c)
{
	return c->ncats < CHART_CATS_MAX ? c->ncats : CHART_CATS_MAX;
}

static size_t
nseries(const struct chart *c)
{
	return c->nseries < CHART_SERIES_MAX ? c->nseries : CHART_SERIES_MAX;
}

static double
cat_total(const struct chart *c, size_t cat)
{
	double	t = 0;
	size_t	s;

	for (s = 0; s < nseries(c); s++)
		t += val(c, cat, s);
	return t;
}

/* A count as an integer, anything else with one decimal. */
static const char *
num(struct req *rq, double v)
{
	int64_t	i = (int64_t)v;

	if ((double)i == v)
		return arena_printf(rq->arena, "%lld", (long long)i);
	return arena_printf(rq->arena, "%.1f", v);
}

/* ` name="v"`, v in user units. */
static void
attr_num(struct req *rq, const char *name, double v)
{
	char	b[32];

	snprintf(b, sizeof(b), "%.1f", v);
	tmpl_attr(rq, name, b);
}

/* Display columns of s: two for what takes three or four UTF-8 bytes (CJK). */
static size_t
columns(const char *s)
{
	size_t	i, n, len = strlen(s), w = 0;

	for (i = 0; i < len; i += n) {
		if ((n = utf8_valid_prefix(s + i, len - i)) == 0)
			n = 1;
		w += n >= 3 ? 2 : 1;
	}
	return w;
}

/* s cut to at most max columns, with an ellipsis when cut. */
static const char *
clip(struct req *rq, const char *s, size_t max)
{
	size_t	i, n, len = strlen(s), w = 0;

	if (columns(s) <= max)
		return s;
	for (i = 0; i < len; i += n) {
		if ((n = utf8_valid_prefix(s + i, len - i)) == 0)
			n = 1;
		if (w + (n >= 3 ? 2 : 1) + 1 > max)
			break;
		w += n >= 3 ? 2 : 1;
	}
	return arena_printf(rq->arena, "%.*s…", (int)i, s);
}

/* Width of s drawn at FONT, roughly: the labels are placed, not measured. */
static double
text_w(const char *s)
{
	return (double)columns(s) * FONT * 0.6;
}

/*
 * The value axis: the top tick and the step, 1, 2 or 5 times a power of
 * ten, at most TICKS_MAX steps; counts keep whole steps.
 */
static void
axis(double max, double *top, double *step)
{
	static const double	mult[] = { 1, 2, 5, 10 };
	double			mag = 1, k;
	size_t			i;

	if (max <= 0)
		max = 1;
	while (max / mag > 10)
		mag *= 10;
	while (max / mag < 1)
		mag /= 10;
	for (i = 0; i < sizeof(mult) / sizeof(mult[0]); i++) {
		*step = mult[i] * mag / 10;
		if (max >= 1 && *step < 1)
			continue;
		for (k = 0; k * *step < max - 1e-9; k++)
			;
		if (k <= TICKS_MAX)
			break;
	}
	for (k = 0; k * *step < max - 1e-9; k++)
		;
	*top = (k < 1 ? 1 : k) * *step;
}

static const char *
series_name(const struct chart *c, size_t s)
{
	if (c->series != NULL && c->series[s] != NULL)
		return c->series[s];
	return c->title;
}

static const char *
colour(const struct chart *c, size_t s)
{
	if (c->colors != NULL && c->colors[s] != NULL)
		return c->colors[s];
	return palette[s % CHART_SERIES_MAX];
}

/* One bar with its tooltip: "category · series: value". */
static void
bar(struct req *rq, const struct chart *c, size_t cat, size_t s, double x, double y,
    double w, double h)
{
	tmpl_raw(rq, "<rect class=\"bar\"");	/* literal */
	attr_num(rq, "x", x);
	attr_num(rq, "y", y);
	attr_num(rq, "width", w);
	attr_num(rq, "height", h);
	tmpl_attr(rq, "fill", colour(c, s));
	tmpl_raw(rq, "><title>");	/* literal */
	tmpl_text(rq, c->cats[cat]);
	if (nseries(c) > 1) {
		tmpl_raw(rq, " · ");	/* literal */
		tmpl_text(rq, series_name(c, s));
	}
	tmpl_raw(rq, ": ");	/* literal */
	tmpl_text(rq, num(rq, val(c, cat, s)));
	tmpl_raw(rq, "</title></rect>");	/* literal */
}

static void
text_el(struct req *rq, double x, double y, const char *anchor, const char *s)
{
	tmpl_raw(rq, "<text");	/* literal */
	attr_num(rq, "x", x);
	attr_num(rq, "y", y);
	tmpl_attr(rq, "text-anchor", anchor);
	tmpl_raw(rq, ">");	/* literal */
	tmpl_text(rq, s);
	tmpl_raw(rq, "</text>");	/* literal */
}

static void
line_el(struct req *rq, double x1, double y1, double x2, double y2, const char *stroke)
{
	tmpl_raw(rq, "<line");	/* literal */
	attr_num(rq, "x1", x1);
	attr_num(rq, "y1", y1);
	attr_num(rq, "x2", x2);
	attr_num(rq, "y2", y2);
	tmpl_attr(rq, "stroke", stroke);
	tmpl_raw(rq, "/>");	/* literal */
}

/* The legend from y down, wrapped to the width; returns the y below it. */
static double
legend(struct req *rq, const struct chart *c, double y)
{
	double	x = PAD_L, w;
	size_t	s;

	if (nseries(c) < 2)
		return y;
	tmpl_raw(rq, "<g class=\"legend\">");	/* literal */
	for (s = 0; s < nseries(c); s++) {
		w = 18 + text_w(series_name(c, s)) + 16;
		if (x + w > VB_W - PAD_R && x > PAD_L) {
			x = PAD_L;
			y += LEGEND_ROW;
		}
		tmpl_raw(rq, "<rect");	/* literal */
		attr_num(rq, "x", x);
		attr_num(rq, "y", y - 10);
		tmpl_raw(rq, " width=\"12\" height=\"12\"");	/* literal */
		tmpl_attr(rq, "fill", colour(c, s));
		tmpl_raw(rq, "/>");	/* literal */
		text_el(rq, x + 18, y, "start", series_name(c, s));
		x += w;
	}
	tmpl_raw(rq, "</g>");	/* literal */
	return y + LEGEND_ROW;
}

/* <figure> and the <svg> opening with its name and description. */
static void
svg_open(struct req *rq, const struct chart *c, double height)
{
	const char	*tid = arena_printf(rq->arena, "chart-%s-t", c->id);
	const char	*did = arena_printf(rq->arena, "chart-%s-d", c->id);
	double		 total = 0;
	size_t		 i;

	for (i = 0; i < ncats(c); i++)
		total += cat_total(c, i);
	tmpl_raw(rq, "<figure class=\"chart\"");	/* literal */
	tmpl_attr(rq, "id", arena_printf(rq->arena, "chart-%s", c->id));
	tmpl_raw(rq, "><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
	    "width=\"100%\" font-size=\"11\" font-family=\"sans-serif\" "
	    "fill=\"#202124\"");	/* literal */
	tmpl_attr(rq, "viewBox", arena_printf(rq->arena, "0 0 %.0f %.0f", VB_W, height));
	tmpl_attr(rq, "aria-labelledby", tid);
	tmpl_attr(rq, "aria-describedby", did);
	tmpl_raw(rq, "><title");	/* literal */
	tmpl_attr(rq, "id", tid);
	tmpl_raw(rq, ">");	/* literal */
	tmpl_text(rq, c->title);
	tmpl_raw(rq, "</title><desc");	/* literal */
	tmpl_attr(rq, "id", did);
	tmpl_raw(rq, ">");	/* literal */
	tmpl_text(rq, layout_msgf(rq, MSG_CHART_SUMMARY, (int)ncats(c), (int)nseries(c),
	    num(rq, total)));
	tmpl_raw(rq, "</desc>");	/* literal */
}

/* The same figures as a table, folded away under the chart. */
static void
data_table(struct req *rq, const struct chart *c)
{
	size_t	i, s;

	tmpl_raw(rq, "<details class=\"chart-data\"><summary>");	/* literal */
	tmpl_msg(rq, MSG_CHART_TABLE);
	tmpl_raw(rq, "</summary><table><caption>");	/* literal */
	tmpl_text(rq, c->title);
	tmpl_raw(rq, "</caption><thead><tr><th scope=\"col\">");	/* literal */
	tmpl_text(rq, c->cat_head != NULL ? c->cat_head : "");
	tmpl_raw(rq, "</th>");	/* literal */
	for (s = 0; s < nseries(c); s++) {
		tmpl_raw(rq, "<th scope=\"col\">");	/* literal */
		tmpl_text(rq, series_name(c, s));
		tmpl_raw(rq, "</th>");	/* literal */
	}
	if (nseries(c) > 1)
		layout_th(rq, MSG_CHART_TOTAL);
	tmpl_raw(rq, "</tr></thead><tbody>");	/* literal */
	for (i = 0; i < ncats(c); i++) {
		tmpl_raw(rq, "<tr><th scope=\"row\">");	/* literal */
		tmpl_text(rq, c->cats[i]);
		tmpl_raw(rq, "</th>");	/* literal */
		for (s = 0; s < nseries(c); s++) {
			tmpl_raw(rq, "<td class=\"num\">");	/* literal */
			tmpl_text(rq, num(rq, val(c, i, s)));
			tmpl_raw(rq, "</td>");	/* literal */
		}
		if (nseries(c) > 1) {
			tmpl_raw(rq, "<td class=\"num\">");	/* literal */
			tmpl_text(rq, num(rq, cat_total(c, i)));
			tmpl_raw(rq, "</td>");	/* literal */
		}
		tmpl_raw(rq, "</tr>");	/* literal */
	}
	tmpl_raw(rq, "</tbody></table></details></figure>");	/* literal */
}

/* Nothing to draw: the title and a note, no axes. */
static bool
empty(struct req *rq, const struct chart *c)
{
	size_t	i;

	if (c->vals != NULL && c->cats != NULL && nseries(c) > 0)
		for (i = 0; i < ncats(c); i++)
			if (cat_total(c, i) > 0)
				return false;
	tmpl_raw(rq, "<figure class=\"chart chart-empty\"><figcaption>");	/* literal */
	tmpl_text(rq, c->title);
	tmpl_raw(rq, "</figcaption><p class=\"muted\">");	/* literal */
	tmpl_msg(rq, MSG_CHART_NO_DATA);
	tmpl_raw(rq, "</p></figure>");	/* literal */
	return true;
}

static double
max_total(const struct chart *c)
{
	double	m = 0;
	size_t	i;

	for (i = 0; i < ncats(c); i++)
		if (cat_total(c, i) > m)
			m = cat_total(c, i);
	return m;
}

/* Rows the legend will take, to size the viewBox before drawing. */
static size_t
legend_rows(const struct chart *c)
{
	double	x = PAD_L, w;
	size_t	s, rows = 1;

	if (nseries(c) < 2)
		return 0;
	for (s = 0; s < nseries(c); s++) {
		w = 18 + text_w(series_name(c, s)) + 16;
		if (x + w > VB_W - PAD_R && x > PAD_L) {
			x = PAD_L;
			rows++;
		}
		x += w;
	}
	return rows;
}

void
chart_bars(struct req *rq, const struct chart *c)
{
	double	 top, step, t, base = PAD_T + PLOT_H, pw = VB_W - PAD_L - PAD_R;
	double	 band, bw, x, y, h, height;
	size_t	 i, s, every, maxcols;

	if (empty(rq, c))
		return;
	axis(max_total(c), &top, &step);
	height = base + 30 + (double)legend_rows(c) * LEGEND_ROW + 8;
	svg_open(rq, c, height);

	tmpl_raw(rq, "<g class=\"axis\" fill=\"#5f6368\">");	/* literal */
	for (t = 0; t <= top + 1e-9; t += step) {
		y = base - t / top * PLOT_H;
		line_el(rq, PAD_L, y, VB_W - PAD_R, y, t == 0 ? "#5f6368" : "#e0e0e0");
		text_el(rq, PAD_L - 6, y + 4, "end", num(rq, t));
	}
	band = pw / (double)ncats(c);
	/* a label every so many categories, so that they do not run together */
	every = (ncats(c) + 15) / 16;
	maxcols = (size_t)(band * (double)every / (FONT * 0.6));
	for (i = 0; i < ncats(c); i += every)
		text_el(rq, PAD_L + band * ((double)i + 0.5), base + 16, "middle",
		    clip(rq, c->cats[i], maxcols > 2 ? maxcols - 1 : 1));
	tmpl_raw(rq, "</g><g class=\"bars\">");	/* literal */

	bw = band * 0.7;
	for (i = 0; i < ncats(c); i++) {
		x = PAD_L + band * (double)i + (band - bw) / 2;
		y = base;
		for (s = 0; s < nseries(c); s++) {
			if ((h = val(c, i, s) / top * PLOT_H) <= 0)
				continue;
			y -= h;
			bar(rq, c, i, s, x, y, bw, h);
		}
	}
	tmpl_raw(rq, "</g>");	/* literal */
	legend(rq, c, base + 48);
	tmpl_raw(rq, "</svg>");	/* literal */
	data_table(rq, c);
}

void
chart_hbars(struct req *rq, const struct chart *c)
{
	double	 top, step, t, x0 = HLABEL_W + 4, pw = VB_W - x0 - 56;
	double	 x, y, w, base, height;
	size_t	 i, s;

	if (empty(rq, c))
		return;
	axis(max_total(c), &top, &step);
	base = PAD_T + HROW * (double)ncats(c);
	height = base + 24 + (double)legend_rows(c) * LEGEND_ROW + 8;
	svg_open(rq, c, height);

	tmpl_raw(rq, "<g class=\"axis\" fill=\"#5f6368\">");	/* literal */
	for (t = 0; t <= top + 1e-9; t += step) {
		x = x0 + t / top * pw;
		line_el(rq, x, PAD_T, x, base, t == 0 ? "#5f6368" : "#e0e0e0");
		text_el(rq, x, base + 16, "middle", num(rq, t));
	}
	tmpl_raw(rq, "</g><g class=\"bars\">");	/* literal */
	for (i = 0; i < ncats(c); i++) {
		y = PAD_T + HROW * (double)i;
		text_el(rq, HLABEL_W, y + HROW / 2 + 4, "end",
		    clip(rq, c->cats[i], (size_t)(HLABEL_W / (FONT * 0.6))));
		x = x0;
		for (s = 0; s < nseries(c); s++) {
			if ((w = val(c, i, s) / top * pw) <= 0)
				continue;
			bar(rq, c, i, s, x, y + 3, w, HROW - 6);
			x += w;
		}
		text_el(rq, x + 4, y + HROW / 2 + 4, "start", num(rq, cat_total(c, i)));
	}
	tmpl_raw(rq, "</g>");	/* literal */
	legend(rq, c, base + 42);
	tmpl_raw(rq, "</svg>");	/* literal */
	data_table(rq, c);
}
