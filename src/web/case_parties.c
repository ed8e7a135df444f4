/*
 * The parties of a case on its page (issue 5): the affected products and
 * the supply chain's proposals of whom to notify (Art. 7(1), R4), and the
 * people who take part, with their party types (R35), with the staff's
 * forms for each.  The rest of the page is case_views.c.
 */
#include <string.h>

#include "core/arena.h"
#include "domain/authz.h"
#include "svc/cases.h"
#include "svc/products.h"
#include "web/cases_int.h"
#include "web/layout.h"
#include "web/tmpl.h"
#include "web/web_int.h"

static const enum msg_id prole_msgs[PROLE__MAX] = {
	[PROLE_REPORTER] = MSG_WEB_PROLE_REPORTER,
	[PROLE_COORDINATOR] = MSG_WEB_PROLE_COORDINATOR,
	[PROLE_OBSERVER] = MSG_WEB_PROLE_OBSERVER,
};

static const enum msg_id party_msgs[PARTY__MAX] = {
	[PARTY_USER] = MSG_WEB_PARTY_USER,
	[PARTY_PROVIDER] = MSG_WEB_PARTY_PROVIDER,
	[PARTY_OPERATOR] = MSG_WEB_PARTY_OPERATOR,
	[PARTY_REPOSITORY_ORG] = MSG_WEB_PARTY_REPOSITORY_ORG,
	[PARTY_EMERGENCY_ORG] = MSG_WEB_PARTY_EMERGENCY_ORG,
	[PARTY_REPORTER] = MSG_WEB_PARTY_REPORTER,
};

static const enum msg_id supply_msgs[SUPPLY__MAX] = {
	[SUPPLY_FLAW_IN_COMPONENT] = MSG_WEB_SUPPLY_FLAW_IN_COMPONENT,
	[SUPPLY_AFFECTED_PRODUCT] = MSG_WEB_SUPPLY_AFFECTED_PRODUCT,
	[SUPPLY_COMPONENT_OF_AFFECTED] = MSG_WEB_SUPPLY_COMPONENT_OF_AFFECTED,
	[SUPPLY_INCLUDES_AFFECTED] = MSG_WEB_SUPPLY_INCLUDES_AFFECTED,
};

/* The roles the staff give a person (reporters come with their reports). */
static const enum participant_role prole_choices[] = {
	PROLE_COORDINATOR, PROLE_OBSERVER,
};


/* --- affected products and the supply chain (staff) --- */

/* A product's name, with its model when it has one. */
static void
product_name(struct req *rq, const struct product *p)
{
	tmpl_text(rq, p->name);
	if (p->model != NULL && p->model[0] != '\0') {
		tmpl_raw(rq, " <span class=\"muted\">");	/* literal */
		tmpl_text(rq, p->model);
		tmpl_raw(rq, "</span>");	/* literal */
	}
}

/* A product's organisation: its name and slug. */
static void
product_org(struct req *rq, const struct product *p)
{
	tmpl_text(rq, p->org_name != NULL ? p->org_name : "");
	if (p->org_slug != NULL) {
		tmpl_raw(rq, " <code>");	/* literal */
		tmpl_text(rq, p->org_slug);
		tmpl_raw(rq, "</code>");	/* literal */
	}
}

static void
product_add_form(struct req *rq, const struct case_view *v)
{
	bool			 again = v->failed == CFORM_PRODUCT_ADD;
	struct layout_control	 c_product = { "product", "f-product", MSG_WEB_CASE_F_PRODUCT,
				    NULL, MSG_WEB_CASE_F_PRODUCT_HINT, NULL,
				    cw_problem(rq, v, CFORM_PRODUCT_ADD, "product"), false,
				    false };
	struct layout_control	 c_versions = { "versions", "f-versions",
				    MSG_WEB_CASE_F_VERSIONS, NULL, MSG_WEB_CASE_F_VERSIONS_HINT,
				    NULL, cw_problem(rq, v, CFORM_PRODUCT_ADD, "versions"), true,
				    false };
	struct layout_control	 c_upstream = { "upstream", "f-upstream",
				    MSG_WEB_CASE_F_UPSTREAM, NULL, MSG_OK, NULL,
				    cw_problem(rq, v, CFORM_PRODUCT_ADD, "upstream"), false, true };

	layout_wrap(rq, "<h3 id=\"product-add\">", MSG_WEB_CASE_PRODUCT_ADD, "</h3>\n");
	cw_form_errors(rq, v, CFORM_PRODUCT_ADD);
	tmpl_raw(rq, "<form class=\"stack narrow\" method=\"post\"");	/* literal */
	tmpl_attr(rq, "action", arena_printf(rq->arena, "/cases/%s/products", v->k.id));
	tmpl_raw(rq, ">");	/* literal */
	tmpl_csrf(rq);
	layout_control_open(rq, &c_product);
	tmpl_raw(rq, "<input type=\"number\" class=\"short\" min=\"1\" step=\"1\" "
	    "inputmode=\"numeric\" autocomplete=\"off\" required");	/* literal */
	layout_control_attrs(rq, &c_product);
	tmpl_attr(rq, "value", again ? v->t.product : "");
	tmpl_raw(rq, "></div>\n");	/* literal */
	layout_control_open(rq, &c_versions);
	tmpl_raw(rq, "<input type=\"text\" autocomplete=\"off\" maxlength=\"1024\"");	/* literal */
	layout_control_attrs(rq, &c_versions);
	tmpl_attr(rq, "value", again ? v->t.versions : "");
	tmpl_raw(rq, "></div>\n");	/* literal */
	layout_control_open(rq, &c_upstream);
	tmpl_raw(rq, "<div class=\"check\"><input type=\"checkbox\" value=\"on\"");	/* literal */
	layout_control_attrs(rq, &c_upstream);
	if (again && v->t.upstream)
		tmpl_raw(rq, " checked");	/* literal */
	tmpl_raw(rq, "><label for=\"f-upstream\">");	/* literal */
	tmpl_msg(rq, MSG_WEB_CASE_F_UPSTREAM);
	tmpl_raw(rq, "</label></div>");	/* literal */
	layout_control_error(rq, &c_upstream);
	tmpl_raw(rq, "</div>\n");	/* literal */
	layout_submit(rq, MSG_WEB_CASE_PRODUCT_ADD_SUBMIT);
	tmpl_raw(rq, "</form>\n");	/* literal */
}

/*
 * The picker: a plain GET search (no script) listing matching products
 * with the numbers the form above takes.
 */
static void
product_search(struct req *rq, const struct case_view *v)
{
	size_t	i;

	layout_wrap(rq, "<h3 id=\"product-search\">", MSG_WEB_CASE_PRODUCT_SEARCH, "</h3>\n");
	tmpl_raw(rq, "<form class=\"filters\" method=\"get\" role=\"search\"");	/* literal */
	tmpl_attr(rq, "action", arena_printf(rq->arena, "/cases/%s#products", v->k.id));
	tmpl_raw(rq, "><div class=\"field\"><label for=\"q-product\">");	/* literal */
	tmpl_msg(rq, MSG_WEB_CASE_F_PRODUCT_Q);
	tmpl_raw(rq, "</label><input type=\"search\" id=\"q-product\" name=\"product_q\" "
	    "maxlength=\"100\"");	/* literal */
	tmpl_attr(rq, "value", v->product_q);
	tmpl_raw(rq, "></div><div class=\"field\"><button type=\"submit\">");	/* literal */
	tmpl_msg(rq, MSG_WEB_CASE_PRODUCT_SEARCH_SUBMIT);
	tmpl_raw(rq, "</button></div></form>\n");	/* literal */
	if (v->product_q[0] == '\0')
		return;
	if (v->nfound == 0) {
		layout_wrap(rq, "<p class=\"muted\">", MSG_WEB_CASE_PRODUCT_SEARCH_NONE,
		    "</p>\n");
		return;
	}
	tmpl_raw(rq, "<div class=\"table-wrap\"><table class=\"data product-picks\">"
	    "<thead><tr>");	/* literal */
	layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_CASE_PRODUCT_ID, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_CASE_PRODUCT, "</th>");
	layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_CASE_PRODUCT_VENDOR, "</th>");
	tmpl_raw(rq, "</tr></thead><tbody>\n");	/* literal */
	for (i = 0; i < v->nfound; i++) {
		tmpl_raw(rq, "<tr><td><code class=\"product-id\">");	/* literal */
		tmpl_textf(rq, "%lld", (long long)v->found[i].id);
		tmpl_raw(rq, "</code></td><td>");	/* literal */
		product_name(rq, &v->found[i]);
		tmpl_raw(rq, "</td><td>");	/* literal */
		product_org(rq, &v->found[i]);
		tmpl_raw(rq, "</td></tr>\n");	/* literal */
	}
	tmpl_raw(rq, "</tbody></table></div>\n");	/* literal */
}

void
cw_products_section(struct req *rq, const struct case_view *v)
{
	const struct case_product	*cp;
	size_t				 i;

	tmpl_raw(rq, "<section class=\"detail\" id=\"products\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_CASE_SEC_PRODUCTS, "</h2>\n");
	if (v->nproducts == 0)
		layout_wrap(rq, "<p class=\"muted\">", MSG_WEB_CASE_PRODUCTS_NONE, "</p>\n");
	else {
		tmpl_raw(rq, "<div class=\"table-wrap\"><table class=\"data case-products\">"
		    "<thead><tr>");	/* literal */
		layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_CASE_PRODUCT, "</th>");
		layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_CASE_PRODUCT_MODEL, "</th>");
		layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_CASE_PRODUCT_VENDOR, "</th>");
		layout_wrap(rq, "<th scope=\"col\">", MSG_WEB_CASE_PRODUCT_VERSIONS, "</th>");
		tmpl_raw(rq, "</tr></thead><tbody>\n");	/* literal */
		for (i = 0; i < v->nproducts; i++) {
			cp = &v->products[i];
			tmpl_raw(rq, "<tr><td>");	/* literal */
			tmpl_text(rq, cp->p.name);
			if (cp->upstream)
				layout_wrap(rq, " <span class=\"badge upstream\">",
				    MSG_WEB_CASE_UPSTREAM_BADGE, "</span>");
			tmpl_raw(rq, "</td><td>");	/* literal */
			tmpl_text(rq, cp->p.model);
			tmpl_raw(rq, "</td><td>");	/* literal */
			product_org(rq, &cp->p);
			tmpl_raw(rq, "</td><td>");	/* literal */
			if (cp->versions != NULL && cp->versions[0] != '\0')
				tmpl_text(rq, cp->versions);
			else
				layout_wrap(rq, "<span class=\"muted\">", MSG_WEB_NONE,
				    "</span>");
			tmpl_raw(rq, "</td></tr>\n");	/* literal */
		}
		tmpl_raw(rq, "</tbody></table></div>\n");	/* literal */
	}
	product_add_form(rq, v);
	product_search(rq, v);
	tmpl_raw(rq, "</section>\n");	/* literal */
}

/* Why an organisation is proposed: the reason, and the path from the affected product. */
static void
why_item(struct req *rq, const struct supply_why *w)
{
	struct sbuf	path;
	size_t		i;

	sbuf_init(&path, rq->arena, 0);
	for (i = 0; i < w->npath; i++)
		sbuf_addf(&path, "%s%s", i > 0 ? " → " : "", w->path[i]->name);
	tmpl_raw(rq, "<li>");	/* literal */
	if ((unsigned)w->reason < SUPPLY__MAX)
		tmpl_msg(rq, supply_msgs[w->reason]);
	tmpl_msg(rq, MSG_WEB_LABEL_SEP);
	tmpl_raw(rq, "<span class=\"supply-path\">");	/* literal */
	tmpl_text(rq, path.buf);
	tmpl_raw(rq, "</span></li>");	/* literal */
}

/* One proposal, with a button that brings the organisation in as proposed. */
static void
proposal_item(struct req *rq, const struct case_view *v, const struct supply_proposal *p)
{
	int	role = vendor_role_parse(p->role);
	size_t	i;

	tmpl_raw(rq, p->already_in_case ? "<li class=\"proposal in-case\">" :
	    "<li class=\"proposal\">");	/* literal: either */
	tmpl_raw(rq, "<h3>");	/* literal */
	tmpl_text(rq, p->org_name);
	tmpl_raw(rq, " <code>");	/* literal */
	tmpl_text(rq, p->org_slug);
	tmpl_raw(rq, "</code></h3><dl class=\"meta\">");	/* literal */
	layout_wrap(rq, "<dt>", MSG_WEB_CASE_SUPPLY_ROLE, "</dt><dd>");
	tmpl_raw(rq, "<span class=\"badge\">");	/* literal */
	if (role >= 0)
		tmpl_msg(rq, cw_vrole_msg(role));
	else
		tmpl_text(rq, p->role);
	tmpl_raw(rq, "</span>");	/* literal */
	if (p->already_in_case)
		layout_wrap(rq, " <span class=\"badge in-case\">", MSG_WEB_CASE_SUPPLY_IN_CASE,
		    "</span>");
	tmpl_raw(rq, "</dd>");	/* literal */
	layout_wrap(rq, "<dt>", MSG_WEB_CASE_SUPPLY_WHY, "</dt><dd><ul class=\"supply-why\">");
	for (i = 0; i < p->nwhy; i++)
		why_item(rq, &p->why[i]);
	tmpl_raw(rq, "</ul></dd></dl>");	/* literal */
	if (!p->already_in_case) {
		/* The add-vendor form's own handler: one rule for both ways in. */
		tmpl_raw(rq, "<form class=\"inline\" method=\"post\"");	/* literal */
		tmpl_attr(rq, "action", arena_printf(rq->arena, "/cases/%s/vendors", v->k.id));
		tmpl_raw(rq, ">");	/* literal */
		tmpl_csrf(rq);
		tmpl_raw(rq, "<input type=\"hidden\" name=\"org\"");	/* literal */
		tmpl_attr(rq, "value", p->org_slug);
		tmpl_raw(rq, "><input type=\"hidden\" name=\"role\"");	/* literal */
		tmpl_attr(rq, "value", p->role);
		tmpl_raw(rq, "><button type=\"submit\">");	/* literal */
		tmpl_msg(rq, MSG_WEB_CASE_SUPPLY_CONFIRM);
		tmpl_raw(rq, "</button></form>");	/* literal */
	}
	tmpl_raw(rq, "</li>\n");	/* literal */
}

void
cw_supply_section(struct req *rq, const struct case_view *v)
{
	size_t	i;

	tmpl_raw(rq, "<section class=\"detail\" id=\"supply-chain\">");	/* literal */
	layout_wrap(rq, "<h2>", MSG_WEB_CASE_SEC_SUPPLY, "</h2>\n");
	layout_wrap(rq, "<p class=\"hint\">", MSG_WEB_CASE_SUPPLY_INTRO, "</p>\n");
	if (v->nproposals == 0) {
		layout_wrap(rq, "<p class=\"muted\">", MSG_WEB_CASE_SUPPLY_NONE, "</p>");
		tmpl_raw(rq, "</section>\n");	/* literal */
		return;
	}
	tmpl_raw(rq, "<ul class=\"proposals\">");	/* literal */
	for (i = 0; i < v->nproposals; i++)
		proposal_item(rq, v, &v->proposals[i]);
	tmpl_raw(rq, "</ul></section>\n");	/* literal */
}

/* A party type as a muted note: what a registry assigns duties by (R35). */
static void
party_note(struct req *rq, enum party_type t)
{
	if ((unsigned)t >= PARTY__MAX)
		return;
	tmpl_raw(rq, " <span class=\"party\" title=\"");	/* literal */
	tmpl_msg(rq, MSG_WEB_CASE_PARTY_LABEL);
	tmpl_raw(rq, "\">");	/* literal */
	tmpl_msg(rq, party_msgs[t]);
	tmpl_raw(rq, "</span>");	/* literal */
}

/* Staff: a button that removes a coordinator or an observer (never a reporter). */
static void
participant_remove_button(struct req *rq, const struct case_view *v,
    const struct case_participant *p)
{
	struct sbuf	action;

	sbuf_init(&action, rq->arena, 0);
	sbuf_addf(&action, "/cases/%s/participants/", v->k.id);
	sbuf_add_urlenc(&action, p->login, strlen(p->login));
	sbuf_addstr(&action, "/remove");
	tmpl_raw(rq, " <form class=\"inline\" method=\"post\"");	/* literal */
	tmpl_attr(rq, "action", action.buf);
	tmpl_raw(rq, ">");	/* literal */
	tmpl_csrf(rq);
	tmpl_raw(rq, "<button type=\"submit\" class=\"small\"");	/* literal */
	tmpl_attr(rq, "aria-label", arena_printf(rq->arena, "%s %s",
	    req_msg(rq, MSG_WEB_CASE_PARTICIPANT_REMOVE), p->login));
	tmpl_raw(rq, ">");	/* literal */
	tmpl_msg(rq, MSG_WEB_CASE_PARTICIPANT_REMOVE);
	tmpl_raw(rq, "</button></form>");	/* literal */
}

/* Staff: bring a coordinator or an observer in by login. */
static void
participant_add_form(struct req *rq, const struct case_view *v)
{
	bool			 again = v->failed == CFORM_PARTICIPANT_ADD;
	/* svc names the account "user": the login box shows its refusal. */
	struct layout_control	 c_login = { "login", "f-login", MSG_WEB_CASE_F_LOGIN, NULL,
				    MSG_WEB_CASE_F_LOGIN_HINT, NULL,
				    cw_problem(rq, v, CFORM_PARTICIPANT_ADD, "user"), false, false };
	struct layout_control	 c_role = { "role", "f-prole", MSG_WEB_CASE_F_PROLE, NULL,
				    MSG_OK, NULL, cw_problem(rq, v, CFORM_PARTICIPANT_ADD, "role"),
				    false, false };
	const char		*role = again ? v->t.prole : "coordinator";
	size_t			 i;

	layout_wrap(rq, "<h4 id=\"participant-add\">", MSG_WEB_CASE_PARTICIPANT_ADD,
	    "</h4>\n");
	cw_form_errors(rq, v, CFORM_PARTICIPANT_ADD);
	tmpl_raw(rq, "<form class=\"stack narrow participant-form\" method=\"post\"");	/* literal */
	tmpl_attr(rq, "action", arena_printf(rq->arena, "/cases/%s/participants", v->k.id));
	tmpl_raw(rq, ">");	/* literal */
	tmpl_csrf(rq);
	layout_control_open(rq, &c_login);
	tmpl_raw(rq, "<input type=\"text\" class=\"short\" autocomplete=\"off\" "
	    "maxlength=\"32\" required");	/* literal */
	layout_control_attrs(rq, &c_login);
	tmpl_attr(rq, "value", again ? v->t.login : "");
	tmpl_raw(rq, "></div>\n");	/* literal */
	cw_select_open(rq, &c_role);
	for (i = 0; i < sizeof(prole_choices) / sizeof(prole_choices[0]); i++)
		cw_option(rq, participant_role_name(prole_choices[i]),
		    req_msg(rq, prole_msgs[prole_choices[i]]), role);
	tmpl_raw(rq, "</select></div>\n");	/* literal */
	layout_submit(rq, MSG_WEB_CASE_PARTICIPANT_ADD_SUBMIT);
	tmpl_raw(rq, "</form>\n");	/* literal */
}

void
cw_participants(struct req *rq, const struct case_view *v)
{
	const struct case_participant	*p;
	size_t				 i;

	if (v->npeople == 0 && v->nvendors == 0 && !v->staff)
		return;
	layout_wrap(rq, "<h3 id=\"participants\">", MSG_WEB_CASE_PARTICIPANTS, "</h3>");
	cw_form_errors(rq, v, CFORM_PARTICIPANTS);
	tmpl_raw(rq, "<ul class=\"participants\">");	/* literal */
	for (i = 0; i < v->npeople; i++) {
		p = &v->people[i];
		tmpl_raw(rq, "<li>");	/* literal */
		tmpl_text(rq, p->display_name[0] != '\0' ? p->display_name : p->login);
		if ((unsigned)p->role < PROLE__MAX) {
			tmpl_raw(rq, " <span class=\"badge\">");	/* literal */
			tmpl_msg(rq, prole_msgs[p->role]);
			tmpl_raw(rq, "</span>");	/* literal */
		}
		party_note(rq, p->party_type);
		/* A reporter stays while their report is in the case (svc says so too). */
		if (v->staff && p->role != PROLE_REPORTER && p->login[0] != '\0')
			participant_remove_button(rq, v, p);
		tmpl_raw(rq, "</li>");	/* literal */
	}
	for (i = 0; i < v->nvendors; i++) {
		tmpl_raw(rq, "<li>");	/* literal */
		tmpl_text(rq, v->vendors[i].org_name);
		if ((unsigned)v->vendors[i].role < VROLE__MAX) {
			tmpl_raw(rq, " <span class=\"badge\">");	/* literal */
			tmpl_msg(rq, cw_vrole_msg(v->vendors[i].role));
			tmpl_raw(rq, "</span>");	/* literal */
		}
		party_note(rq, v->vendors[i].party_type);
		tmpl_raw(rq, "</li>");	/* literal */
	}
	tmpl_raw(rq, "</ul>\n");	/* literal */
	if (v->staff)
		participant_add_form(rq, v);
}
