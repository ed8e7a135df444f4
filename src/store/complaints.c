/* Complaints (举报, issue 8): placeholder. */
#include "store/store.h"
