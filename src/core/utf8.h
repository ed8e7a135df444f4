#ifndef LOUDONG_CORE_UTF8_H
#define LOUDONG_CORE_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Length of the one well-formed UTF-8 sequence at the start of p (1..4), or
 * 0 if p does not start with one (overlongs, surrogates and values past
 * U+10FFFF are not well-formed).
 */
size_t	utf8_valid_prefix(const char *p, size_t n);

/* True if all n bytes are well-formed UTF-8 without NUL bytes. */
bool	utf8_valid(const char *p, size_t n);

/*
 * Text a person typed: well-formed UTF-8 without control characters or
 * DEL; lines: newline, carriage return and tab allowed.
 */
bool	utf8_text(const char *p, size_t n, bool lines);

/* Number of code points in well-formed UTF-8 (for length limits in characters). */
size_t	utf8_count(const char *p, size_t n);

#endif
