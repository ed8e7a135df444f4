#ifndef LOUDONG_WEB_WEB_H
#define LOUDONG_WEB_WEB_H

#include <stddef.h>

#include "http/req.h"

/* The HTML pages: their routes, and the error page for failed R_WEB routes. */
extern const struct route	web_routes[];
extern const size_t		web_nroutes;

void	web_error_page(struct req *rq);

/* The case pages (cases.c, issue 5): their own table beside web_routes. */
extern const struct route	case_routes[];
extern const size_t		case_nroutes;

#endif
