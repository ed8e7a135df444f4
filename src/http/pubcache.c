/* The public-content cache (issue 7): placeholder. */
#include "http/http_int.h"
