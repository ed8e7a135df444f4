/* Complaints (举报) about collection platforms (issue 8): placeholder. */
#include "api/api.h"

const struct route	api_complaint_routes[1];
const size_t		api_complaint_nroutes = 0;
