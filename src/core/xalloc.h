#ifndef LOUDONG_CORE_XALLOC_H
#define LOUDONG_CORE_XALLOC_H

#include <stddef.h>

/*
 * Allocation that never returns NULL: on out-of-memory the process logs and
 * aborts (as git, H2O and Kore do), so callers never check.  Sizes are
 * checked for overflow.  Memory from these is freed with free().
 */
void	*xmalloc(size_t n);
void	*xcalloc(size_t nmemb, size_t size);
void	*xrealloc(void *p, size_t n);
char	*xstrdup(const char *s);
char	*xstrndup(const char *s, size_t n);

#endif
