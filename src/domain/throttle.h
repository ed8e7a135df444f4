#ifndef LOUDONG_DOMAIN_THROTTLE_H
#define LOUDONG_DOMAIN_THROTTLE_H

#include <stdbool.h>
#include <stdint.h>

/*
 * Login throttling: failures are counted per account and per client
 * address over a sliding window; past either limit, logins are refused
 * (HTTP 429) until the oldest counted failure leaves the window.
 */
struct throttle_rule {
	int	window;		/* seconds (auth.throttle_window) */
	int	account_max;	/* auth.throttle_account_max */
	int	address_max;	/* auth.throttle_address_max */
};

/* What the store knows about recent failures for one key. */
struct throttle_count {
	int	failures;	/* failures since now - window */
	int64_t	oldest;		/* unix time of the oldest of them (0: none) */
};

/*
 * Decide.  Returns true if a login attempt may proceed; otherwise false and
 * *retry_after is the number of seconds (>= 1) to wait.
 */
bool	throttle_allows(const struct throttle_rule *rule,
	    const struct throttle_count *account,
	    const struct throttle_count *address, int64_t now, int *retry_after);

#endif
