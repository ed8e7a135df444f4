/* Complaints (举报) about collection platforms (issue 8): placeholder. */
#include "web/web.h"

const struct route	complaint_web_routes[1];
const size_t		complaint_web_nroutes = 0;
