/* Complaints (举报, issue 8): placeholder. */
#include "svc/svc.h"
