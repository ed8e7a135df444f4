#include "domain/throttle.h"

/* Seconds until count drops below max, or 0 if it already is. */
static int64_t
wait_for(const struct throttle_count *c, int max, int window, int64_t now)
{
	int64_t	w;

	if (c->failures < max)
		return 0;
	w = c->oldest + window - now;
	return w < 1 ? 1 : w;
}

bool
throttle_allows(const struct throttle_rule *rule,
    const struct throttle_count *account, const struct throttle_count *address,
    int64_t now, int *retry_after)
{
	int64_t	a, b, w;

	a = wait_for(account, rule->account_max, rule->window, now);
	b = wait_for(address, rule->address_max, rule->window, now);
	w = a > b ? a : b;
	if (w == 0)
		return true;
	*retry_after = w > rule->window ? rule->window : (int)w;
	return false;
}
