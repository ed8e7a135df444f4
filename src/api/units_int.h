#ifndef LOUDONG_API_UNITS_INT_H
#define LOUDONG_API_UNITS_INT_H

/*
 * Inside api/units*.c only: the support-unit endpoints' shared views and
 * the handlers of units_app.c (applications) that units.c's route table
 * names.
 */
#include "api/api.h"
#include "svc/units.h"

/* 404 on an instance that is not a registry. */
enum app_err	 units_api_off(struct req *rq);

/* Views. */
json_t		*units_api_unit(const struct unit_row *u);
json_t		*units_api_app_row(const struct unit_app_row *a);
json_t		*units_api_app(struct req *rq, const struct unit_app_view *v);

/* units_app.c */
enum app_err	 units_api_apply(struct req *rq);
enum app_err	 units_api_app_list(struct req *rq);
enum app_err	 units_api_app_get(struct req *rq);
enum app_err	 units_api_app_decide(struct req *rq);
enum app_err	 units_api_app_paper(struct req *rq);
enum app_err	 units_api_app_withdraw(struct req *rq);
enum app_err	 units_api_app_doc(struct req *rq);
extern const struct param	units_api_app_params[1];	/* {id} */
extern const struct param	units_api_doc_params[2];	/* {id}, {doc} */
extern const struct param	units_api_app_list_params[3];	/* state, cursor, limit */

#endif
