#ifndef LOUDONG_CORE_PARSE_H
#define LOUDONG_CORE_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * The only way numbers are read from text (httpd's strtonum, Redis's
 * string2ll): n bytes of optional '-' and decimal digits, nothing else (no
 * spaces, no '+', no leading zeros except "0"), within [min, max].
 * Returns 0 and sets *out, or -1 leaving *out untouched.
 */
int	parse_i64(const char *s, size_t n, int64_t min, int64_t max, int64_t *out)
	    __attribute__((warn_unused_result));

/* "true/false/yes/no/on/off/1/0" (ASCII case-insensitive).  0 or -1. */
int	parse_bool(const char *s, size_t n, bool *out)
	    __attribute__((warn_unused_result));

/*
 * "HOST:PORT" with HOST an IPv4 address, "localhost", or "[IPv6]", and PORT
 * in 0..65535 (0: any free port).  host must have room for 64 bytes.
 */
int	parse_hostport(const char *s, char host[64], uint16_t *port)
	    __attribute__((warn_unused_result));

#endif
