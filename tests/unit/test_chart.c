/*
 * web/chart: server-rendered SVG charts.  The bars drawn for known data
 * (how many, their sizes in proportion), the labels escaped, the
 * accessible name and table, and the note when there is nothing to draw.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/sbuf.h"
#include "http/req.h"
#include "i18n/i18n.h"
#include "web/chart.h"

static struct req *
new_req(enum lang lang)
{
	struct arena	*a = arena_new();
	struct req	*rq = arena_zalloc(a, sizeof(*rq));

	rq->arena = a;
	rq->lang = lang;
	sbuf_init(&rq->out, a, 0);
	return rq;
}

static void
free_req(struct req *rq)
{
	arena_free(rq->arena);
}

static size_t
count(const char *hay, const char *needle)
{
	size_t		 n = 0;
	const char	*p;

	for (p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

/* The numeric attribute name="..." of the i-th bar (0-based). */
static double
bar_attr(const char *svg, size_t i, const char *name)
{
	const char	*p = svg;
	char		 key[32];
	size_t		 k;

	for (k = 0; k <= i; k++) {
		p = strstr(p, "<rect class=\"bar\"");
		assert_non_null(p);
		p++;
	}
	snprintf(key, sizeof(key), " %s=\"", name);
	p = strstr(p, key);
	assert_non_null(p);
	return strtod(p + strlen(key), NULL);
}

static void
test_chart__bars_count_and_proportion(void **state)
{
	struct req		*rq = new_req(LANG_EN);
	static const char *const cats[] = { "2025-01", "2025-02", "2025-03", "2025-04" };
	static const double	 vals[] = { 2, 4, 0, 8 };
	struct chart		 c = { "rep", "Reports", "Month", cats, 4, NULL, 1, vals, NULL };
	const char		*o;

	(void)state;
	chart_bars(rq, &c);
	o = rq->out.buf;
	assert_int_equal(sbuf_err(&rq->out), APP_OK);
	assert_non_null(strstr(o, "<svg"));
	/* a zero draws no bar */
	assert_int_equal(count(o, "<rect class=\"bar\""), 3);
	/* heights in proportion to the values: 2, 4, 8 */
	assert_true(bar_attr(o, 1, "height") > 0);
	assert_float_equal(bar_attr(o, 1, "height") / bar_attr(o, 0, "height"), 2.0, 0.01);
	assert_float_equal(bar_attr(o, 2, "height") / bar_attr(o, 0, "height"), 4.0, 0.01);
	/* the bars stand on the same baseline */
	assert_float_equal(bar_attr(o, 0, "y") + bar_attr(o, 0, "height"),
	    bar_attr(o, 2, "y") + bar_attr(o, 2, "height"), 0.01);
	/* every category labelled, one series: no legend, no total column */
	assert_non_null(strstr(o, ">2025-03</text>"));
	assert_null(strstr(o, "class=\"legend\""));
	assert_null(strstr(o, ">Total<"));
	/* the value axis reaches the largest value with whole steps */
	assert_non_null(strstr(o, ">8</text>"));
	assert_null(strstr(o, ">0.5</text>"));
	/* the tooltip of a bar */
	assert_non_null(strstr(o, "<title>2025-04: 8</title>"));
	free_req(rq);
}

static void
test_chart__accessible_name_and_table(void **state)
{
	struct req		*rq = new_req(LANG_EN);
	static const char *const cats[] = { "2025-01", "2025-02" };
	static const double	 vals[] = { 3, 5 };
	struct chart		 c = { "acc", "Reports by month", "Month", cats, 2, NULL, 1, vals,
	    NULL };
	const char		*o;

	(void)state;
	chart_bars(rq, &c);
	o = rq->out.buf;
	assert_non_null(strstr(o, "role=\"img\""));
	assert_non_null(strstr(o, "aria-labelledby=\"chart-acc-t\""));
	assert_non_null(strstr(o, "<title id=\"chart-acc-t\">Reports by month</title>"));
	assert_non_null(strstr(o, "<desc id=\"chart-acc-d\">2 categories, 1 series, total 8."));
	assert_non_null(strstr(o, "<table><caption>Reports by month</caption>"));
	assert_non_null(strstr(o, "<th scope=\"row\">2025-02</th><td class=\"num\">5</td>"));
	/* the CSP allows no inline style: colours are attributes */
	assert_null(strstr(o, "style="));
	assert_null(strstr(o, "<style"));
	assert_null(strstr(o, "<script"));
	free_req(rq);
}

static void
test_chart__labels_escaped(void **state)
{
	struct req		*rq = new_req(LANG_ZH);
	static const char *const cats[] = { "<b>&", "正常" };
	static const char *const series[] = { "\"x\" onload='y'", "二" };
	static const double	 vals[] = { 1, 1, 2, 0 };
	struct chart		 c = { "esc", "<script>t</script>", "<i>", cats, 2, series, 2,
	    vals, NULL };
	const char		*o;

	(void)state;
	chart_bars(rq, &c);
	o = rq->out.buf;
	assert_null(strstr(o, "<b>&"));
	assert_null(strstr(o, "<script>"));
	assert_null(strstr(o, "<i>"));
	assert_null(strstr(o, "\"x\" onload"));
	assert_non_null(strstr(o, "&lt;b&gt;&amp;"));
	assert_non_null(strstr(o, "&lt;script&gt;t&lt;/script&gt;"));
	assert_non_null(strstr(o, "&quot;x&quot; onload=&#39;y&#39;"));
	assert_non_null(strstr(o, "正常"));
	/* Chinese page: the table's total column in Chinese */
	assert_non_null(strstr(o, ">合计<"));
	free_req(rq);

	rq = new_req(LANG_EN);
	chart_hbars(rq, &c);
	assert_null(strstr(rq->out.buf, "<b>&"));
	assert_non_null(strstr(rq->out.buf, "&lt;b&gt;&amp;"));
	free_req(rq);
}

static void
test_chart__stacked_with_legend(void **state)
{
	struct req		*rq = new_req(LANG_EN);
	static const char *const cats[] = { "2025-01", "2025-02", "2025-03" };
	static const char *const series[] = { "Critical", "High", "Medium" };
	/* by month: critical, high, medium */
	static const double	 vals[] = { 1, 2, 3, 0, 0, 0, 4, 0, 2 };
	struct chart		 c = { "st", "By grade", "Month", cats, 3, series, 3, vals, NULL };
	const char		*o;

	(void)state;
	chart_bars(rq, &c);
	o = rq->out.buf;
	assert_int_equal(count(o, "<rect class=\"bar\""), 5);
	assert_non_null(strstr(o, "class=\"legend\""));
	assert_non_null(strstr(o, ">Critical</text>"));
	assert_non_null(strstr(o, ">Medium</text>"));
	assert_non_null(strstr(o, ">Total</th>"));
	assert_non_null(strstr(o, "<title>2025-01 · High: 2</title>"));
	/*
	 * January's stack (1 + 2 + 3) is as tall as March's (4 + 2): the
	 * first bar is critical of January, bars 3 and 4 March's.
	 */
	assert_float_equal(bar_attr(o, 0, "height") + bar_attr(o, 1, "height") +
	    bar_attr(o, 2, "height"), bar_attr(o, 3, "height") + bar_attr(o, 4, "height"),
	    0.2);
	/* stacked: the second segment sits on the first */
	assert_float_equal(bar_attr(o, 1, "y") + bar_attr(o, 1, "height"), bar_attr(o, 0, "y"),
	    0.01);
	/* the series keep their colours across months */
	assert_non_null(strstr(o, "fill=\"#c5221f\"><title>2025-03 · Critical"));
	free_req(rq);
}

static void
test_chart__hbars(void **state)
{
	struct req		*rq = new_req(LANG_EN);
	static const char *const cats[] = {
		"Alpha Security", "Beta Labs", "一家名字很长很长很长很长很长很长很长的公司",
	};
	static const double	 vals[] = { 40, 10, 20 };
	struct chart		 c = { "top", "Top contributors", "Unit", cats, 3, NULL, 1, vals,
	    NULL };
	const char		*o;

	(void)state;
	chart_hbars(rq, &c);
	o = rq->out.buf;
	assert_int_equal(count(o, "<rect class=\"bar\""), 3);
	assert_float_equal(bar_attr(o, 0, "width") / bar_attr(o, 1, "width"), 4.0, 0.01);
	assert_float_equal(bar_attr(o, 2, "width") / bar_attr(o, 1, "width"), 2.0, 0.01);
	/* the long label is cut in the drawing, whole in the table */
	assert_non_null(strstr(o, "…</text>"));
	assert_non_null(strstr(o, "<th scope=\"row\">一家名字很长很长很长很长很长很长很长的公司</th>"));
	free_req(rq);
}

static void
test_chart__no_data(void **state)
{
	struct req		*rq = new_req(LANG_EN);
	static const char *const cats[] = { "2025-01", "2025-02" };
	static const double	 zeros[] = { 0, 0 };
	struct chart		 c = { "e", "Reports", "Month", cats, 2, NULL, 1, zeros, NULL };

	(void)state;
	chart_bars(rq, &c);
	assert_null(strstr(rq->out.buf, "<svg"));
	assert_non_null(strstr(rq->out.buf, "No data for this period."));
	assert_non_null(strstr(rq->out.buf, "<figcaption>Reports</figcaption>"));
	free_req(rq);

	rq = new_req(LANG_ZH);
	c.ncats = 0;
	chart_hbars(rq, &c);
	assert_null(strstr(rq->out.buf, "<svg"));
	assert_non_null(strstr(rq->out.buf, "该时段没有数据。"));
	free_req(rq);
}

/* Many categories: every label would collide, so only some are drawn; the table has all. */
static void
test_chart__many_categories(void **state)
{
	struct req	*rq = new_req(LANG_EN);
	const char	*cats[48];
	double		 vals[48];
	struct chart	 c = { "many", "Weekly", "Week", cats, 48, NULL, 1, vals, NULL };
	size_t		 i;

	(void)state;
	for (i = 0; i < 48; i++) {
		cats[i] = arena_printf(rq->arena, "W%02zu", i + 1);
		vals[i] = (double)(i % 7);
	}
	chart_bars(rq, &c);
	assert_int_equal(count(rq->out.buf, "<th scope=\"row\">"), 48);
	assert_true(count(rq->out.buf, "text-anchor=\"middle\"") <= 16);
	assert_non_null(strstr(rq->out.buf, ">W01</text>"));
	assert_null(strstr(rq->out.buf, ">W02</text>"));
	free_req(rq);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chart__bars_count_and_proportion),
		cmocka_unit_test(test_chart__accessible_name_and_table),
		cmocka_unit_test(test_chart__labels_escaped),
		cmocka_unit_test(test_chart__stacked_with_legend),
		cmocka_unit_test(test_chart__hbars),
		cmocka_unit_test(test_chart__no_data),
		cmocka_unit_test(test_chart__many_categories),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
