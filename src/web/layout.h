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

/*
 * The parts of a labelled control, for forms that build their own controls
 * (and for layout_field itself): layout_control_open writes the box (marked
 * when err is set), the label, the hint and the error, and leaves the box
 * open for the control (a no_label control gets only the box: its label and
 * error follow it); layout_control_attrs writes the control's id, name,
 * aria-describedby (hint and error) and aria-invalid.
 */
struct layout_control {
	const char	*name;		/* the form field's name (literal) */
	const char	*id;		/* the control's id */
	enum msg_id	 label;		/* what it is, unless label_text */
	const char	*label_text;	/* formatted label; overrides label */
	enum msg_id	 hint;		/* help below the label; MSG_OK: none */
	const char	*hint_text;	/* formatted help; overrides hint */
	const char	*err;		/* the problem to show, or NULL */
	bool		 optional;	/* the label says "optional" */
	bool		 no_label;	/* a checkbox: its label follows the box */
};
void	layout_control_open(struct req *rq, const struct layout_control *c);
void	layout_control_attrs(struct req *rq, const struct layout_control *c);
/* The error paragraph alone (open writes it, except for no_label controls). */
void	layout_control_error(struct req *rq, const struct layout_control *c);

/* The problem the request recorded for field name (req_field_error), or NULL. */
const char *layout_field_problem(const struct req *rq, const char *name);

/*
 * A control named name with id "f-<name>": its problem from rq->errors, or
 * the request's one failure when that names this field.
 */
struct layout_control layout_control_for(struct req *rq, const char *name, enum msg_id label,
	    enum msg_id hint, bool optional);
/*
 * A <select> of words with their labels (n of each), value selected; the
 * first option, value "", says choose unless it is MSG_OK.
 */
void	layout_word_select(struct req *rq, const struct layout_control *c,
	    const char *const *words, const enum msg_id *labels, size_t n, enum msg_id choose,
	    const char *value);

/*
 * The summary above a refused form: layout_form_errors, then each field's
 * problem as a link to its control.  target gives a field's control id and
 * label (NULL id: the field has no control; it is listed without a link).
 */
void	layout_error_summary(struct req *rq, void (*target)(struct req *rq,
	    const char *field, const char **id, const char **label));

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
/* The pager under a list: links to the first page and the next (NULL: none; both: nothing). */
void	layout_pager(struct req *rq, const char *first, const char *next);

/* Pieces every page writes the same way. */
/* <th scope="col">text</th> */
void	layout_th(struct req *rq, enum msg_id text);
/* <code>text</code>, a link to href when href is not NULL. */
void	layout_code_link(struct req *rq, const char *href, const char *text);
/* <dt>term</dt><dd>text, or a muted "none"</dd>; pre keeps the line breaks. */
void	layout_dl_text(struct req *rq, enum msg_id term, const char *text, bool pre);
/* <dt>term</dt><dd>a time, or the muted none when t is 0</dd> */
void	layout_dl_time(struct req *rq, enum msg_id term, int64_t t, enum msg_id none);
/*
 * A control with its box (layout_control_open): a one-line <input> of
 * type, or a <textarea> of rows; maxlength 0 sets none.  value may be NULL.
 */
void	layout_text_input(struct req *rq, const struct layout_control *c, const char *type,
	    const char *value, size_t maxlength, bool required);
void	layout_textarea(struct req *rq, const struct layout_control *c, const char *value,
	    int rows, size_t maxlength, bool required);

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
