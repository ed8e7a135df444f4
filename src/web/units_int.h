#ifndef LOUDONG_WEB_UNITS_INT_H
#define LOUDONG_WEB_UNITS_INT_H

/*
 * Inside web/units*.c only: the support-unit pages' shared pieces, and the
 * handlers of units_app.c (applying, an application's page and steps) and
 * units_staff.c (the staff's queue and steps) that units.c's route table
 * names.
 */
#include "http/req.h"
#include "svc/units.h"
#include "web/layout.h"
#include "web/tmpl.h"
#include "web/web_int.h"

/* Characters of a text typed into a unit form, loosely (svc/ judges). */
#define UW_BIND_MAX	(4 * UNIT_NOTE_MAX)
#define UW_WORD_MAX	64

bool		 uw_registry(const struct req *rq);
enum app_err	 uw_off(struct req *rq);
bool		 uw_staff(const struct req *rq);
/* <dt>term</dt><dd>message</dd> */
void		 uw_dl_msg(struct req *rq, enum msg_id term, enum msg_id value);
/* <dt>term</dt><dd>number</dd> */
void		 uw_dl_i64(struct req *rq, enum msg_id term, int64_t v);
/* A badge with a message: tone on, warn or off. */
void		 uw_badge(struct req *rq, const char *tone, enum msg_id text);
enum msg_id	 uw_status_msg(enum unit_status s);
/* A small POST form with only a button (and hidden fields as name, value pairs). */
void		 uw_button_form(struct req *rq, const char *action, enum msg_id label,
		    const char *const *hidden, size_t nhidden);

/* The year today, China time. */
int		 uw_year(const struct req *rq);

/* units_app.c */
extern const struct param	uw_apply_get_params[1];
#define UW_APPLY_NPARAMS	(10 + UNIT_DECLARATIONS)
extern const struct param	uw_apply_params[UW_APPLY_NPARAMS];
extern const struct param	uw_app_params[2];
extern const struct param	uw_decide_params[5];
extern const struct param	uw_paper_params[2];
extern const struct param	uw_withdraw_params[2];
enum app_err	 uw_apply_get(struct req *rq);
enum app_err	 uw_apply_post(struct req *rq);
enum app_err	 uw_app_get(struct req *rq);
enum app_err	 uw_decide_post(struct req *rq);
enum app_err	 uw_paper_post(struct req *rq);
enum app_err	 uw_withdraw_post(struct req *rq);

/* units_staff.c */
extern const struct param	uw_queue_params[2];
extern const struct param	uw_evaluate_params[2];
extern const struct param	uw_register_params[6];
extern const struct param	uw_status_params[3];
extern const struct param	uw_assign_params[4];
extern const struct param	uw_id_params[1];
extern const struct param	uw_year_params[1];
enum app_err	 uw_queue_get(struct req *rq);
enum app_err	 uw_evaluate_post(struct req *rq);
enum app_err	 uw_register_post(struct req *rq);
enum app_err	 uw_status_post(struct req *rq);
enum app_err	 uw_assign_post(struct req *rq);
enum app_err	 uw_task_confirm_post(struct req *rq);
enum app_err	 uw_task_cancel_post(struct req *rq);
enum app_err	 uw_awards_compute_post(struct req *rq);
enum app_err	 uw_awards_publish_post(struct req *rq);
enum app_err	 uw_award_confirm_post(struct req *rq);
enum app_err	 uw_award_dismiss_post(struct req *rq);

#endif
