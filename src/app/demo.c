/*
 * Demo data beyond accounts (issue 7): a case walked to a published
 * advisory.  Placeholder until it lands.
 */
#include "app/app_int.h"

int
app_demo_publish(const struct svc_ctx *c)
{
	(void)c;
	return 0;
}
