/*
 * The staff's advisory pages (issue 7).  Placeholder until the pages land:
 * the table is declared so app.c can list it.
 */
#include "web/web.h"

const struct route	advisory_web_routes[1];
const size_t		advisory_web_nroutes = 0;
