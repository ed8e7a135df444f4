#ifndef LOUDONG_WEB_LAYOUT_H
#define LOUDONG_WEB_LAYOUT_H

/*
 * The frame every page shares, and the pieces forms are made of.  All output
 * goes through the render layer (tmpl.h), so every value is escaped; the
 * arguments documented as literals must be string literals of this code base.
 * Nothing here touches the store: the error page uses it after the request's
 * connection went back to the pool.
 */
#include <stdbool.h>
#include <stddef.h>

#include "core/config.h"
#include "domain/user.h"
#include "http/req.h"

/*
 * Open a page: doctype, <head> with the title ("title · instance name") and
 * the stylesheet, the header (instance name, navigation for who is asking,
 * language switch), then <main>.  Call resp_html() first; it sets the status.
 */
void	layout_begin(struct req *rq, enum msg_id title);

/* The instance's name (cfg->name, or "Loudong" when it is empty). */
const char	*layout_site_name(const struct req *rq);

/* Close <main>; the footer (filing number, instance role); close the page. */
void	layout_end(struct req *rq);

/* A notice box.  role=alert for errors, role=status for the rest. */
enum flash_kind {
	FLASH_INFO,	/* neutral information */
	FLASH_OK,	/* something worked */
	FLASH_WARN,	/* act on this */
	FLASH_ERROR,	/* something failed */
	FLASH__MAX
};
void	layout_flash(struct req *rq, enum flash_kind kind, const char *text);
void	layout_flash_msg(struct req *rq, enum flash_kind kind, enum msg_id id);

/*
 * The summary above a form shown again after a failure: rq->err_detail and
 * the rule it rests on (rq->err_rule).  Writes nothing when there is no error.
 */
void	layout_form_errors(struct req *rq);

/*
 * A labelled form control.  The error message is shown next to it when the
 * request's failure names it (rq->err_field equals name); the names are
 * chosen to be those svc/ faults use.
 */
struct layout_field {
	const char	*name;		/* the form field's name (literal) */
	enum msg_id	 label;		/* what it is */
	enum msg_id	 hint;		/* help below the label; MSG_OK: none */
	const char	*hint_text;	/* formatted help; overrides hint */
	const char	*type;		/* "text", "password", "email" (literal) */
	const char	*value;		/* typed before; NULL for secrets */
	const char	*autocomplete;	/* autocomplete token (literal), or NULL */
	int		 maxlength;	/* in characters; 0: no limit */
	bool		 required;	/* the browser insists on a value */
	bool		 optional;	/* the label says "optional" */
};
void	layout_field(struct req *rq, const struct layout_field *f);

/* A <select>: f->value is the selected option's value. */
struct layout_option {
	const char	*value;		/* what is sent: our text, never typed */
	enum msg_id	 label;		/* what is shown */
};
void	layout_select(struct req *rq, const struct layout_field *f,
	    const struct layout_option *opts, size_t nopts);

/* The submit button that ends a form (the form writes tmpl_csrf itself). */
void	layout_submit(struct req *rq, enum msg_id label);

/* A message between two literal tags: layout_wrap(rq, "<h2>", id, "</h2>"). */
void	layout_wrap(struct req *rq, const char *open, enum msg_id id,
	    const char *close);

/* <a href="href">text</a>; href passes tmpl_href's scheme check. */
void	layout_link(struct req *rq, const char *href, enum msg_id text);

/*
 * A catalog message with printf conversions, formatted into the arena with
 * the arguments its .def comment names.  Escape the result when writing it.
 */
const char	*layout_msgf(const struct req *rq, enum msg_id id, ...);

/* Localised names of roles and kinds (catalog ids). */
enum msg_id	 layout_user_role_msg(enum user_role r);
enum msg_id	 layout_org_kind_msg(enum org_kind k);
enum msg_id	 layout_instance_role_msg(enum instance_role r);

#endif
